"""Short articles written for the pipeline tests, as files, and what a run left in the graph.

Six articles of two sentences each, naming people, organisations and places that
recur across them (full names only, so no alias merge depends on the order of
loads). Small on purpose: the real spaCy extraction runs on every one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from pathlib import Path

from neo4j import AsyncDriver

from api.pipeline import Outcome
from api.settings import Settings
from loaders import read
from schema.model import Article

PEOPLE = ["Ada Lovelace", "Charles Babbage", "Mary Somerville", "Michael Faraday"]
PLACES = ["London", "Paris", "Rome"]
ORGANISATIONS = ["the Royal Society", "the Science Museum"]


def text(index: int) -> str:
    a, b = PEOPLE[index % 4], PEOPLE[(index + 1) % 4]
    place, org = PLACES[index % 3], ORGANISATIONS[index % 2]
    return (
        f"Meeting number {index} in {place}\n\n"
        f"{a} met {b} at {org} in {place} on Monday. "
        f"{a} said the meeting number {index} had gone well.\n"
    )


def write_corpus(folder: Path, count: int = 6) -> list[str]:
    """``count`` article files in ``folder``; their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"article-{index:02d}.txt"
        path.write_text(text(index), encoding="utf-8")
        paths.append(str(path))
    return paths


def write_unindexable(folder: Path) -> str:
    """A JSON envelope whose URL is longer than Neo4j can index (Article.url has a range
    index): it reads and extracts, and the server refuses to write it."""
    path = folder / "too-long-url.json"
    url = "https://news.example/" + "a" * 9000
    path.write_text(json.dumps({"text": text(99), "url": url}), encoding="utf-8")
    return str(path)


def reader(settings: Settings) -> Callable[[str], Article]:
    return partial(read, max_bytes=settings.max_article_bytes)


def statuses(outcomes: list[Outcome]) -> list[str]:
    return [o.result.status if o.result is not None else "failed" for o in outcomes]


_DUPLICATES = """
MATCH (n)
WITH labels(n) AS labels, n.id AS id, count(*) AS copies
WHERE copies > 1
RETURN labels, id, copies
"""


async def duplicates(driver: AsyncDriver, database: str) -> list[dict[str, object]]:
    """Nodes that share a label and an id (none, ever)."""
    records, _, _ = await driver.execute_query(_DUPLICATES, database_=database)
    return [record.data() for record in records]

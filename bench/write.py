"""Benchmark the graph writer: batched UNWIND statements against one round trip per row.

Usage (from the repository root, with NEWSGRAPH_NEO4J_* set or the local server)::

    .venv/bin/python bench/write.py [--articles 1000] [--batch 25,50,100,250] [--sample 200]
                                    [--rounds 3]

Generates a synthetic corpus of extractions (people, organisations, places, roles,
statements and events that recur across articles, each with evidence spans), and
writes it three ways, each into a clean slate:

* ``batched N``: ``write_extractions``, N articles per transaction (each size
  given to ``--batch``), one ``UNWIND`` statement per kind of row;
* ``per article``: ``write_extraction``, one transaction per article (what
  ``newsgraph ingest`` does), still one ``UNWIND`` per kind of row;
* ``per row``: the same statements sent one row at a time (the writer's transaction
  function with the tests' ``PerRow`` statement runner), one transaction per article.

The two slower modes run on the first ``--sample`` articles of their corpus.

Prints graph elements (nodes + relationships created) per second for each, side
by side, and the batched/per-row ratio. Every article the benchmark writes has a
``bench.invalid`` URL and is deleted again at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from neo4j import AsyncDriver

from api.connection import resolve_connection
from api.settings import Settings
from graph.driver import open_driver
from graph.migrations import apply_migrations
from graph.writer import delete_articles, write_extraction, write_extractions
from schema.ids import article_id, checksum, entity_id, fact_id
from schema.model import (
    Article,
    Event,
    Evidence,
    Extraction,
    Location,
    Organisation,
    Participant,
    Person,
    Role,
    Statement,
    StatementKind,
)
from tests.graph.statements import write_per_row

FIRST = ["Ruth", "Daniel", "Priya", "Tom", "Helen", "Owen", "Maria", "Ian", "Grace", "Yusuf"]
LAST = ["Okafor", "Marsh", "Raman", "Whitfield", "Carter", "Price", "Lopez", "Holt", "Byrne",
        "Nakamura", "Silva", "Kowalski", "Haddad", "Fischer", "Ahmed", "Moreau"]
ORGS = ["Council", "Police", "Trust", "Agency", "Union", "Authority", "Institute", "Board"]
PLACES = ["Northam", "Eastwick", "Southby", "Westford", "Midvale", "Lowmoor", "Highgate",
          "Riverton", "Ashby", "Kingsbridge", "Fairport", "Stonehaven"]
TITLES = ["Chair", "Director", "Spokesperson", "Commissioner", "Treasurer", "Secretary"]
KINDS = ["meeting", "protest", "hearing", "announcement", "arrest", "inquiry"]


class _Text:
    """Builds an article's text sentence by sentence, recording spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.sentence_start = 0

    def start_sentence(self) -> None:
        self.sentence_start = self.length

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    sentence_start: int


def _evidence(text: str, span: _Span, sentence_end: int) -> Evidence:
    return Evidence(
        span.start, span.end, text[span.start : span.end],
        text[span.sentence_start : sentence_end], span.sentence_start, sentence_end,
    )


def synthetic_extraction(index: int, corpus: str, rng: random.Random) -> Extraction:
    """Article ``index``: 8 people, 3 organisations, 4 places, 3 roles, 5 statements and
    3 events, drawn from pools so that entities recur across articles."""
    people = sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)} {corpus}" for _ in range(8)})
    orgs = sorted({f"{rng.choice(PLACES)} {rng.choice(ORGS)} {corpus}" for _ in range(3)})
    places = sorted({f"{rng.choice(PLACES)} {corpus}" for _ in range(4)})
    region = f"Region {corpus}"
    text = _Text()
    spans: dict[str, list[tuple[_Span, int]]] = {}
    sentence_ends: list[int] = []

    def sentence(*pieces: tuple[str, str | None]) -> dict[str, _Span]:
        text.start_sentence()
        found: dict[str, _Span] = {}
        for piece, key in pieces:
            start, end = text.add(piece)
            if key is not None:
                found[key] = _Span(start, end, text.sentence_start)
        text.add(". ")
        sentence_ends.append(text.length - 1)
        for key, span in found.items():
            spans.setdefault(key, []).append((span, len(sentence_ends) - 1))
        return found

    for place in places:
        sentence((place, place), (" is in ", None), (region, region))
    roles, statements, events = [], [], []
    for i, person in enumerate(people):
        org = orgs[i % len(orgs)]
        if i < 3:
            title = TITLES[(index + i) % len(TITLES)]
            found = sentence((person, person), (", ", None), (f"the {title.lower()} of", "r"),
                             (" ", None), (org, org))
            roles.append((person, title, org, found["r"]))
        else:
            sentence((person, person), (" spoke for ", None), (org, org))
    for i in range(5):
        speaker = people[i % len(people)]
        place = places[i % len(places)]
        found = sentence((speaker, speaker), (" said that ", None), ("the plan for ", "q0"),
                         (place, place), (f" will go ahead in week {index}", "q1"))
        quote = _Span(found["q0"].start, found["q1"].end, found["q0"].sentence_start)
        statements.append((speaker, quote))
    for i in range(3):
        place = places[(i + 1) % len(places)]
        kind = KINDS[(index + i) % len(KINDS)]
        who = people[(i + 2) % len(people)]
        found = sentence((f"A {kind} took place", "e"), (" in ", None), (place, place),
                         (" with ", None), (who, who))
        events.append((kind, place, who, found["e"]))

    body = text.text()

    def ev(key: str) -> tuple[Evidence, ...]:
        return tuple(_evidence(body, span, sentence_ends[n]) for span, n in spans.get(key, []))

    aid = article_id(f"https://bench.invalid/{corpus}/{index}")
    article = Article(aid, body, checksum(body), headline=f"Bench article {index}",
                      url=f"https://bench.invalid/{corpus}/{index}", source="bench")
    pid = {name: entity_id("person", name) for name in people}
    oid = {name: entity_id("organisation", name) for name in orgs}
    lid = {name: entity_id("location", name) for name in [*places, region]}

    def span_ev(span: _Span) -> tuple[Evidence, ...]:
        end = next(e for e in sentence_ends if e >= span.end)
        return (_evidence(body, span, end),)

    return Extraction(
        article,
        people=tuple(Person(pid[n], n, mentions=ev(n)) for n in people),
        organisations=tuple(Organisation(oid[n], n, mentions=ev(n)) for n in orgs),
        locations=(
            *(Location(lid[n], n, kind="city", within=lid[region], mentions=ev(n))
              for n in places),
            Location(lid[region], region, kind="region", mentions=ev(region)),
        ),
        roles=tuple(
            Role(fact_id("role", pid[p], t, oid[o]), pid[p], t, oid[o], body[s.start:s.end],
                 evidence=span_ev(s))
            for p, t, o, s in roles
        ),
        statements=tuple(
            Statement(fact_id("statement", aid, s.start), body[s.start:s.end],
                      StatementKind.INDIRECT, pid[p], evidence=span_ev(s))
            for p, s in statements
        ),
        events=tuple(
            Event(fact_id("event", aid, s.start), k, f"A {k} in {pl}", location=lid[pl],
                  participants=(Participant(pid[who]),), evidence=span_ev(s))
            for k, pl, who, s in events
        ),
    )


def corpus(name: str, size: int) -> list[Extraction]:
    rng = random.Random(f"newsgraph-bench-{name}")
    return [synthetic_extraction(i, name, rng) for i in range(size)]


async def _batched(driver: AsyncDriver, db: str, items: list[Extraction], batch: int) -> int:
    created = 0
    for i in range(0, len(items), batch):
        result = await write_extractions(driver, db, items[i : i + batch])
        created += result.elements_created
    return created


async def _per_article(driver: AsyncDriver, db: str, items: list[Extraction]) -> int:
    created = 0
    for item in items:
        result = await write_extraction(driver, db, item)
        created += result.nodes_created + result.relationships_created
    return created


async def _per_row(driver: AsyncDriver, db: str, items: list[Extraction]) -> int:
    created = 0
    for item in items:
        written = await write_per_row(driver, db, [item])
        created += written.counts.nodes_created + written.counts.relationships_created
    return created


async def _clean(driver: AsyncDriver, db: str, items: list[Extraction]) -> None:
    ids = [item.article.id for item in items]
    for i in range(0, len(ids), 100):
        await delete_articles(driver, db, ids[i : i + 100])


async def main(args: argparse.Namespace) -> None:
    settings = Settings.from_env(os.environ)
    connection = resolve_connection(settings)
    driver = await open_driver(connection)
    db = connection.database
    try:
        await apply_migrations(driver, db)
        warm = corpus("warm", 10)
        await _batched(driver, db, warm, 10)  # plan the statements once
        await _clean(driver, db, warm)
        batches = [int(size) for size in args.batch.split(",")]
        runs = [
            (f"batched {size}", corpus(f"batched{size}", args.articles),
             lambda items, size=size: _batched(driver, db, items, size))
            for size in batches
        ] + [
            ("per article", corpus("perarticle", args.sample),
             lambda items: _per_article(driver, db, items)),
            ("per row", corpus("perrow", args.sample),
             lambda items: _per_row(driver, db, items)),
        ]
        seen: dict[str, list[float]] = {}
        print(f"{'round':<6} {'mode':<12} {'articles':>8} {'elements':>9} {'seconds':>8} "
              f"{'elements/s':>11}")
        for round_ in range(args.rounds):  # interleaved: each mode once per round
            for name, items, write in runs:
                started = time.perf_counter()
                try:
                    elements = await write(items)
                    seconds = time.perf_counter() - started
                finally:
                    await _clean(driver, db, items)
                seen.setdefault(name, []).append(elements / seconds)
                print(f"{round_ + 1:<6} {name:<12} {len(items):>8} {elements:>9} "
                      f"{seconds:>8.2f} {elements / seconds:>11,.0f}")
        rates = {name: statistics.median(values) for name, values in seen.items()}
        print(f"\nmedian of {args.rounds} rounds (load average now {os.getloadavg()[0]:.1f}):")
        for name, rate in rates.items():
            print(f"{name:<12} {rate:>11,.0f} elements/s")
        for size in batches:
            print(f"batched {size} / per row: {rates[f'batched {size}'] / rates['per row']:.1f}x "
                  f"({size} articles per transaction)")
        print(f"per article / per row: {rates['per article'] / rates['per row']:.1f}x")
    finally:
        await driver.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch", default="25,50,100,250",
                        help="articles per transaction in batched mode, comma-separated sizes")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median)")
    asyncio.run(main(parser.parse_args()))

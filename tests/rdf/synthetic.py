"""A synthetic corpus of any size, as extractions: the RDF tests' second graph and the
RDF benchmark's (``bench/rdf.py``).

Each article holds 5 people, 2 organisations, 2 places, 3 roles, 1 event and 12
quotations (with quote marks, a backslash and non-ASCII), every fact evidenced
by a span of the article's text; people, organisations, places and roles recur
across articles, as real ones do. :func:`write_synthetic` writes them with the
project's writer, :data:`BATCH` articles per transaction.
"""

from __future__ import annotations

import datetime as dt

from neo4j import AsyncDriver

from graph.writer import write_extractions
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

BATCH = 200
FIRST = ["Ruth", "Daniel", "Priya", "Tom", "Helen", "Owen", "Maria", "Ian", "Amara", "Jonas"]
LAST = ["Okafor", "Marsh", "Raman", "Whitfield", "Carter", "Price", "Lopez", "Holt", "Berg"]
ORGS = ["Harbour Council", "River Trust", "City Transport", "Northern Police", "Arts Board",
        "Water Board", "Chamber of Trade", "Schools Agency"]  # fmt: skip
PLACES = [("Eastport", 51.1, -1.2), ("Westford", 52.3, -0.4), ("Millbrook", 53.0, -2.1),
          ("Kingsbay", 50.7, -3.3), ("Ashby", 52.9, -1.0)]  # fmt: skip
TITLES = ["Chair", "Chief Executive", "Spokesperson", "Commissioner", "Director"]


class _Text:
    """Builds an article's text; ``add`` returns where a phrase starts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> int:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start

    @property
    def text(self) -> str:
        return "".join(self.parts)


def synthetic_extraction(n: int) -> Extraction:
    """Article ``n``: 5 people, 2 organisations, 2 places, 3 roles, 1 event and 12
    quotations, each fact evidenced by a span of the article's text."""
    t = _Text()
    art = article_id(f"https://news.example/bench/{n}")

    def said(phrase: str, tail: str) -> tuple[int, int]:
        start = t.add(phrase)
        t.add(tail)
        return start, start + len(phrase)

    headline = f"Report number {n} on the harbour plan"
    t.add(headline + "\n\n")
    people: list[tuple[str, str, str, list[tuple[int, int]]]] = []
    for i in range(5):
        name = f"{FIRST[(n + i) % len(FIRST)]} {LAST[(n * 3 + i) % len(LAST)]}"
        alias = f"Dr {name.split()[1]}"
        spans = [said(name, " attended. "), said(alias, " spoke. ")]
        people.append((entity_id("person", name), name, alias, spans))
    orgs = []
    for i in range(2):
        name = ORGS[(n + i) % len(ORGS)]
        orgs.append((entity_id("organisation", name), name, said(name, " met. ")))
    places = []
    for i in range(2):
        name, lat, lon = PLACES[(n + i) % len(PLACES)]
        places.append((entity_id("location", name), name, lat, lon, said(name, " is near. ")))
    roles = []
    for i in range(3):
        person, org = people[i][0], orgs[i % 2]
        title = TITLES[(n + i) % len(TITLES)]
        wording = f"the {title.lower()} of {org[1]}"
        roles.append((person, title, org[0], wording, said(wording, ". ")))
    eid = fact_id("event", art, "meeting")
    meeting = said(f"the harbour meeting number {n}", ". ")
    statements = []
    for i in range(12):
        words = f'Quote {i} of report {n}: we said "yes" to the plan, a back\\slash, caf\u00e9'
        t.add("\u201c")
        span = said(words, "\u201d, said someone. ")
        statements.append((fact_id("statement", art, i), words, i, span))
    text = t.text

    def ev(span: tuple[int, int]) -> Evidence:
        start, end = span
        return Evidence(start, end, text[start:end], text[start:end], start, end)

    return Extraction(
        Article(art, text, checksum(text), headline=headline,
                url=f"https://news.example/bench/{n}", source="Bench News",
                published=dt.date(2024, 5, 6)),
        people=tuple(
            Person(pid, name, aliases=(alias,), honorific="Dr",
                   mentions=tuple(ev(span) for span in spans))
            for pid, name, alias, spans in people
        ),
        organisations=tuple(Organisation(oid, name, mentions=(ev(span),))
                            for oid, name, span in orgs),
        locations=tuple(
            Location(lid, name, kind="town", latitude=lat, longitude=lon, mentions=(ev(span),))
            for lid, name, lat, lon, span in places
        ),
        roles=tuple(
            Role(fact_id("role", person, title, org), person, title, org, wording,
                 evidence=(ev(span),))
            for person, title, org, wording, span in roles
        ),
        statements=tuple(
            Statement(sid, words, StatementKind.DIRECT if i % 3 else StatementKind.INDIRECT,
                      people[i % 5][0], audience=orgs[1][0], occasion=eid, when="2024-05-06",
                      evidence=(ev(span),))
            for sid, words, i, span in statements
        ),
        events=(
            Event(eid, "meeting", f"Harbour meeting {n}", date="2024-05-06", date_text="Monday",
                  location=places[0][0],
                  participants=(Participant(people[0][0], "speaker"),
                                Participant(orgs[0][0], "host")),
                  evidence=(ev(meeting),)),
        ),
    )


def synthetic_graph(articles: int) -> list[Extraction]:
    return [synthetic_extraction(n) for n in range(articles)]


async def write_synthetic(driver: AsyncDriver, database: str, articles: int) -> None:
    """Replace the database's content with ``articles`` synthetic articles."""
    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    for start in range(0, articles, BATCH):
        batch = [synthetic_extraction(n) for n in range(start, min(articles, start + BATCH))]
        await write_extractions(driver, database, batch)

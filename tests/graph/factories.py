"""Small extractions built by hand, and a fingerprint of the whole graph.

The articles are short and general (a mayor, a council, a bridge, a city) so the
writer's behaviour is tested apart from the quality of the loaders.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import replace
from typing import Any

from neo4j import AsyncDriver

from graph.driver import Connection, open_driver
from graph.writer import write_extraction
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


def span(text: str, phrase: str, occurrence: int = 0) -> Evidence:
    """Evidence for the ``occurrence``-th ``phrase`` in ``text``, inside its sentence."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    sentence_start = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stop = text.find(". ", end)
    sentence_end = len(text) if stop < 0 else stop + 1
    return Evidence(
        start, end, phrase, text[sentence_start:sentence_end], sentence_start, sentence_end
    )


def article(key: str, text: str, headline: str | None = None) -> Article:
    return Article(
        id=article_id(key),
        text=text,
        checksum=checksum(text),
        headline=headline,
        url=f"https://news.example/{key}",
        source="Example News",
        published=dt.date(2024, 5, 6),
    )


MAYOR_TEXT = (
    "Jane Roe, the mayor of Springfield, told the City Council on Monday that "
    "\u201cwe will build the bridge this year\u201d. Ms Roe said the bridge over the river "
    "would open in Springfield, Illinois. The council approved the plan."
)


def mayor_extraction(key: str = "mayor", text: str = MAYOR_TEXT) -> Extraction:
    """Jane Roe, mayor of Springfield, tells the City Council about a bridge."""
    art = article(key, text, headline="Mayor promises a bridge")
    roe = entity_id("person", "Jane Roe")
    council = entity_id("organisation", "City Council")
    springfield = entity_id("location", "Springfield")
    illinois = entity_id("location", "Illinois")
    city = entity_id("organisation", "Springfield City")
    hearing = fact_id("event", art.id, "hearing")
    people = (
        Person(
            roe, "Jane Roe", aliases=("Ms Roe",), honorific="Ms",
            mentions=(span(text, "Jane Roe"), span(text, "Ms Roe")),
        ),
    )
    organisations = [
        Organisation(council, "City Council", aliases=("the council",),
                     mentions=(span(text, "City Council"),)),
        Organisation(city, "Springfield City", mentions=(span(text, "Springfield"),)),
    ]
    locations = (
        Location(springfield, "Springfield", kind="city", within=illinois,
                 mentions=(span(text, "Springfield", 1),)),
        Location(illinois, "Illinois", kind="region", mentions=(span(text, "Illinois"),)),
    )
    roles = (
        Role(fact_id("role", roe, "Mayor", city), roe, "Mayor", city,
             "the mayor of Springfield", evidence=(span(text, "the mayor of Springfield"),)),
    )
    events = (
        Event(hearing, "hearing", "Jane Roe addresses the City Council about the bridge",
              date="2024-05-06", date_text="Monday", location=springfield,
              participants=(Participant(roe, "speaker"), Participant(council, "audience")),
              evidence=(span(text, "told the City Council on Monday"),)),
    )
    quote = text[text.index("\u201c") + 1 : text.index("\u201d")]
    said = "the bridge over the river would open in Springfield, Illinois"
    statements = (
        Statement(fact_id("statement", art.id, quote), quote, StatementKind.DIRECT, roe,
                  audience=council, occasion=hearing, when="Monday",
                  evidence=(span(text, quote),)),
        Statement(fact_id("statement", art.id, said), said, StatementKind.INDIRECT, roe,
                  evidence=(span(text, said),)),
    )
    return Extraction(art, people, tuple(organisations), locations, roles, statements, events)


BRIDGE_TEXT = (
    "Mayor Jane Roe opened the bridge in Springfield on Friday. "
    "John Doe, the City Council's chairman, said the bridge was late."
)


def bridge_extraction(key: str = "bridge", text: str = BRIDGE_TEXT) -> Extraction:
    """A second article that names Jane Roe, the City Council and Springfield again."""
    art = article(key, text, headline="Bridge opens")
    roe = entity_id("person", "Jane Roe")
    doe = entity_id("person", "John Doe")
    council = entity_id("organisation", "City Council")
    springfield = entity_id("location", "Springfield")
    opening = fact_id("event", art.id, "opening")
    said = "the bridge was late"
    return Extraction(
        art,
        people=(
            Person(roe, "Jane Roe", aliases=("Mayor Jane Roe",),
                   mentions=(span(text, "Jane Roe"),)),
            Person(doe, "John Doe", mentions=(span(text, "John Doe"),)),
        ),
        organisations=(
            Organisation(council, "City Council", mentions=(span(text, "City Council"),)),
        ),
        locations=(Location(springfield, "Springfield", kind="city",
                            mentions=(span(text, "Springfield"),)),),
        roles=(
            Role(fact_id("role", doe, "Chairman", council), doe, "Chairman", council,
                 "the City Council's chairman",
                 evidence=(span(text, "the City Council's chairman"),)),
        ),
        statements=(
            Statement(fact_id("statement", art.id, said), said, StatementKind.INDIRECT, doe,
                      evidence=(span(text, said),)),
        ),
        events=(
            Event(opening, "opening", "Jane Roe opens the bridge", date_text="Friday",
                  location=springfield, participants=(Participant(roe, "agent"),),
                  evidence=(span(text, "opened the bridge in Springfield on Friday"),)),
        ),
    )


def many_people_extraction(key: str, count: int) -> Extraction:
    """An article naming ``count`` people, each once, for the batching test."""
    names = [f"Person {key.title()} Number{i:04d}" for i in range(count)]
    text = ". ".join(f"{name} was there" for name in names) + "."
    art = article(key, text)
    people = tuple(
        Person(entity_id("person", name), name, mentions=(span(text, name),)) for name in names
    )
    return Extraction(art, people=people)


def overlapping_extraction(index: int) -> Extraction:
    """Article ``index`` of a corpus whose articles share people, places and a council."""
    shared = ["Ada Lovelace", "Charles Babbage", "Mary Somerville", "Michael Faraday"]
    own = f"Reporter Number{index:03d}"
    names = [shared[index % 4], shared[(index + 1) % 4], own]
    place = ["London", "Paris", "Rome"][index % 3]
    text = (
        f"{names[0]} met {names[1]} in {place}. {own} of the Royal Society wrote that "
        f"\u201cthe meeting number {index} went well\u201d."
    )
    art = article(f"overlap-{index}", text)
    society = entity_id("organisation", "Royal Society")
    place_id = entity_id("location", place)
    quote = f"the meeting number {index} went well"
    people = tuple(
        Person(entity_id("person", name), name, mentions=(span(text, name),)) for name in names
    )
    return Extraction(
        art,
        people=people,
        organisations=(Organisation(society, "Royal Society",
                                    mentions=(span(text, "Royal Society"),)),),
        locations=(Location(place_id, place, kind="city", mentions=(span(text, place),)),),
        roles=(
            Role(fact_id("role", people[0].id, "Fellow", society), people[0].id, "Fellow",
                 society, "of the Royal Society", evidence=(span(text, "of the Royal Society"),)),
        ),
        statements=(
            Statement(fact_id("statement", art.id, quote), quote, StatementKind.DIRECT,
                      people[2].id, evidence=(span(text, quote),)),
        ),
        events=(
            Event(fact_id("event", art.id, "meeting"), "meeting", f"{names[0]} meets {names[1]}",
                  location=place_id,
                  participants=(Participant(people[0].id), Participant(people[1].id)),
                  evidence=(span(text, f"{names[0]} met {names[1]} in {place}"),)),
        ),
    )


def changed(extraction: Extraction, text: str) -> Extraction:
    """The same article (same id) with new text and checksum."""
    return replace(
        extraction, article=replace(extraction.article, text=text, checksum=checksum(text))
    )


def load_in_process(connection: Connection, indices: list[int]) -> None:
    """Write the overlapping articles ``indices`` from a separate process."""

    async def load() -> None:
        driver = await open_driver(connection)
        try:
            for index in indices:
                await write_extraction(driver, connection.database, overlapping_extraction(index))
        finally:
            await driver.close()

    asyncio.run(load())


# --- observing the graph ------------------------------------------------------------

_NODES = """
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
"""
_RELS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props
"""


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return str(value)


async def fingerprint(driver: AsyncDriver, database: str) -> tuple[tuple[Any, ...], ...]:
    """Every node and relationship with its properties (``loadedAt`` left out), sorted."""
    nodes, _, _ = await driver.execute_query(_NODES, database_=database)
    rels, _, _ = await driver.execute_query(_RELS, database_=database)
    items = [
        ("node", tuple(sorted(r["labels"])),
         _frozen({k: v for k, v in r["props"].items() if k != "loadedAt"}))
        for r in nodes
    ]
    items += [("rel", r["type"], r["start"], r["end"], _frozen(r["props"])) for r in rels]
    return tuple(sorted(items))


async def counts(driver: AsyncDriver, database: str) -> tuple[int, int]:
    """(nodes, relationships) in the database."""
    records, _, _ = await driver.execute_query(
        "MATCH (n) WITH count(n) AS nodes "
        "OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS rels",
        database_=database,
    )
    return records[0]["nodes"], records[0]["rels"]

"""Hand-made articles for the curation tests: a councillor whose surname one article
misspells (a merge), and a surname that names two different people (a split)."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from schema.ids import entity_id, fact_id
from schema.model import (
    Extraction,
    Organisation,
    Person,
    Role,
    Statement,
    StatementKind,
)
from tests.graph.factories import article, fingerprint, span

CASTELLANO = entity_id("person", "Amira Castellano")
CASTELANO = entity_id("person", "Amira Castelano")
COUNCIL = entity_id("organisation", "Dunmore Council")

LIBRARY_TEXT = (
    "Councillor Amira Castellano opened the new library in Dunmore on Tuesday. "
    "Castellano said the reading room would stay open until nine."
)
VOLUNTEERS_TEXT = (
    "Amira Castelano, a councillor at Dunmore Council, thanked the volunteers who "
    "painted the hall."
)
SCHOOL_TEXT = "The new school was visited by Amira Castelano on Friday morning."


def library(text: str = LIBRARY_TEXT) -> Extraction:
    art = article("library", text, headline="Library opens")
    said = "the reading room would stay open until nine"
    return Extraction(
        art,
        people=(Person(CASTELLANO, "Amira Castellano", aliases=("Castellano",),
                       mentions=(span(text, "Amira Castellano"), span(text, "Castellano", 1))),),
        roles=(Role(fact_id("role", CASTELLANO, "Councillor", None), CASTELLANO,
                    "Councillor", None, "Councillor",
                    evidence=(span(text, "Councillor Amira Castellano"),)),),
        statements=(Statement(fact_id("statement", art.id, said), said, StatementKind.INDIRECT,
                              CASTELLANO, evidence=(span(text, said),)),),
    )


def volunteers(text: str = VOLUNTEERS_TEXT) -> Extraction:
    art = article("volunteers", text, headline="Volunteers thanked")
    return Extraction(
        art,
        people=(Person(CASTELANO, "Amira Castelano",
                       mentions=(span(text, "Amira Castelano"),)),),
        organisations=(Organisation(COUNCIL, "Dunmore Council",
                                    mentions=(span(text, "Dunmore Council"),)),),
        roles=(Role(fact_id("role", CASTELANO, "Councillor", COUNCIL), CASTELANO,
                    "Councillor", COUNCIL, "a councillor at Dunmore Council",
                    evidence=(span(text, "a councillor at Dunmore Council"),)),),
    )


def school(text: str = SCHOOL_TEXT) -> Extraction:
    art = article("school", text, headline="School visit")
    return Extraction(
        art,
        people=(Person(CASTELANO, "Amira Castelano",
                       mentions=(span(text, "Amira Castelano"),)),),
    )


JORDAN = entity_id("person", "Jordan Kale")
KALE = entity_id("person", "Kale")

BUDGET_TEXT = (
    "Jordan Kale presented the harbour budget to the board. "
    "Kale warned that the pier needed repairs."
)
MATCH_TEXT = "Kale scored twice as the visitors won the cup final."


def budget(text: str = BUDGET_TEXT) -> Extraction:
    art = article("budget", text, headline="Harbour budget")
    return Extraction(
        art,
        people=(Person(JORDAN, "Jordan Kale", aliases=("Kale",),
                       mentions=(span(text, "Jordan Kale"), span(text, "Kale", 1))),),
    )


def cup_final(text: str = MATCH_TEXT) -> Extraction:
    art = article("cup-final", text, headline="Cup final")
    return Extraction(art, people=(Person(KALE, "Kale", mentions=(span(text, "Kale"),)),))


async def graph_state(driver: AsyncDriver, database: str) -> tuple[tuple[Any, ...], ...]:
    """The fingerprint of the graph without the decision nodes (which undo keeps)."""
    return tuple(
        item for item in await fingerprint(driver, database)
        if not (item[0] == "node" and "Decision" in item[1])
    )


async def evidence_of(driver: AsyncDriver, database: str, eid: str) -> list[tuple[str, str]]:
    """(article headline, mention text) of every mention evidencing ``eid``."""
    records, _, _ = await driver.execute_query(
        "MATCH (n {id: $id})-[:EVIDENCED_BY]->(m:Mention)-[:FROM]->(a:Article) "
        "RETURN a.headline AS article, m.text AS text ORDER BY article, text",
        {"id": eid}, database_=database,
    )
    return [(r["article"], r["text"]) for r in records]

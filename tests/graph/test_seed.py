"""The seed article, read and extracted by the loaders and written by the writer,
holds the gold facts of shared/data/seed/article.gold.json, each traceable to its text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from neo4j import AsyncDriver

from graph.driver import Connection
from graph.records import WriteStatus
from graph.writer import delete_article, write_extraction
from schema.model import Extraction
from tests.conftest import seed_gold
from tests.graph.factories import counts, fingerprint

GOLD = seed_gold()
_STOP_WORDS = (
    "a an the of in on at to for and or but is are was were be been it its this that "
    "we our i you she he they their would will can"
)
_STOP = frozenset(_STOP_WORDS.split())


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def overlap(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


async def rows(driver: AsyncDriver, db: str, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = await driver.execute_query(query, params, database_=db)
    return [r.data() for r in records]


async def test_the_seed_graph_holds_the_gold_people_and_organisations(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    found = await rows(
        driver, connection.database,
        "MATCH (n:Person|Organisation) RETURN labels(n)[0] AS label, n.name AS name, "
        "coalesce(n.anonymous, false) AS anonymous",
    )
    people = {r["name"] for r in found if r["label"] == "Person" and not r["anonymous"]}
    organisations = {r["name"].lower() for r in found if r["label"] == "Organisation"}
    assert {p["name"] for p in GOLD["people"] if not p.get("anonymous")} <= people
    assert any(r["anonymous"] for r in found)
    assert {o["name"].lower() for o in GOLD["organisations"]} <= organisations


async def test_the_seed_graph_holds_the_gold_roles_with_their_organisations(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    found = await rows(
        driver, connection.database,
        "MATCH (p:Person)-[:HOLDS]->(r:Role)-[:AT]->(o:Organisation) "
        "RETURN p.name AS person, r.title AS title, o.name AS organisation",
    )
    got = {(r["person"], r["title"], r["organisation"]) for r in found}
    assert {(g["person"], g["title"], g["organisation"]) for g in GOLD["roles"]} <= got


async def test_the_seed_graph_holds_the_gold_statements_with_their_speakers(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    found = await rows(
        driver, connection.database,
        "MATCH (p)-[:SAID]->(s:Statement) OPTIONAL MATCH (s)-[:TO]->(to) "
        "RETURN p.name AS speaker, s.kind AS kind, s.text AS text, to.name AS audience",
    )
    for gold in GOLD["statements"]:
        matches = [
            r for r in found
            if r["speaker"] == gold["speaker"] and r["kind"] == gold["kind"]
            and overlap(r["text"], gold["quote"]) >= 0.7
        ]
        assert matches, f"no statement matches {gold}"
        if gold.get("audience"):
            assert any(
                (m["audience"] or "").lower() == gold["audience"].lower() for m in matches
            ), gold


async def test_the_seed_graph_holds_the_gold_events_with_places_and_dates(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    found = await rows(
        driver, connection.database,
        "MATCH (e:Event) OPTIONAL MATCH (e)-[:IN]->(l:Location) "
        "RETURN e.kind AS kind, e.date AS date, e.dateText AS dateText, l.name AS place",
    )
    for gold in GOLD["events"]:
        matches = [
            r for r in found
            if r["kind"] == gold["kind"] and (gold["where"] is None or r["place"] == gold["where"])
        ]
        assert matches, f"no event matches {gold}"
        when = gold["when"]
        if when:
            assert any(when in (m["date"], m["dateText"]) for m in matches), gold


async def test_every_seed_fact_is_evidenced_by_exact_characters_of_the_article(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    found = await rows(
        driver, connection.database,
        "MATCH (f) WHERE NOT f:Article AND NOT f:Mention "
        "OPTIONAL MATCH (f)-[:EVIDENCED_BY]->(m:Mention)-[:FROM]->(a:Article {id: $id}) "
        "RETURN f.id AS id, count(m) AS spans, "
        "all(x IN collect(substring(a.text, m.start, m.end - m.start) = m.text) WHERE x) AS exact",
        id=seed_graph,
    )
    assert len(found) >= 30
    assert [r["id"] for r in found if r["spans"] == 0 or not r["exact"]] == []


async def test_reingesting_the_seed_is_a_no_op_and_deleting_it_empties_the_graph(
    seed_graph: str, driver: AsyncDriver, connection: Connection, seed_extraction: Extraction
) -> None:
    db = connection.database
    before = await fingerprint(driver, db)
    nodes, rels = await counts(driver, db)
    assert nodes > 50 and rels > 100

    again = await write_extraction(driver, db, seed_extraction)

    assert again.status is WriteStatus.UNCHANGED
    assert await counts(driver, db) == (nodes, rels)
    assert await fingerprint(driver, db) == before
    deleted = await delete_article(driver, db, seed_graph)
    assert deleted.counts.nodes_deleted == nodes
    assert await counts(driver, db) == (0, 0)


@pytest.mark.parametrize("label", ["Person", "Organisation", "Location", "Event", "Statement",
                                   "Role", "Mention", "Article"])
async def test_every_seed_node_has_a_readable_caption(
    seed_graph: str, driver: AsyncDriver, connection: Connection, label: str
) -> None:
    names = await rows(
        driver, connection.database, f"MATCH (n:{label}) RETURN n.name AS name"
    )
    assert names
    assert all(isinstance(r["name"], str) and 0 < len(r["name"]) <= 80 for r in names)

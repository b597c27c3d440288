"""Merge and split decisions against the real Neo4j: applied on every load, undone
exactly, kept across deletes and re-loads, and refused when they make no sense."""

from __future__ import annotations

import datetime as dt

import pytest
from neo4j import AsyncDriver

from graph import curation, decisions
from graph.decisions import Decision, DecisionKind
from graph.driver import Connection
from graph.errors import CurationRefused, NotFound
from graph.records import WriteStatus
from graph.writer import delete_article, write_extraction
from schema.labels import Label
from schema.model import Extraction, Person, Role
from tests.graph.curated import (
    CASTELANO,
    CASTELLANO,
    COUNCIL,
    JORDAN,
    KALE,
    budget,
    cup_final,
    evidence_of,
    graph_state,
    library,
    school,
    volunteers,
)
from tests.graph.factories import article, changed, counts, fingerprint, span


async def ids(driver: AsyncDriver, database: str, label: str) -> list[str]:
    records, _, _ = await driver.execute_query(
        f"MATCH (n:{label}) RETURN n.id AS id ORDER BY id", database_=database
    )
    return [r["id"] for r in records]


async def test_a_merge_holds_through_reloads_and_new_articles_and_undo_restores_the_graph(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, library())
    await write_extraction(empty_graph, db, volunteers())
    before = await graph_state(empty_graph, db)
    assert await ids(empty_graph, db, "Person") == [CASTELANO, CASTELLANO]

    made = await curation.merge(
        empty_graph, db, CASTELLANO, CASTELANO, why="one councillor, misspelt", by="tester"
    )

    assert made.decision.kind is DecisionKind.MERGE and made.decision.by == "tester"
    assert len(made.articles) == 2
    assert await ids(empty_graph, db, "Person") == [CASTELLANO]
    # both articles load again: one unchanged, one a new version, and a third names the
    # merged-away spelling
    assert (await write_extraction(empty_graph, db, library())).status is WriteStatus.UNCHANGED
    updated = changed(volunteers(), volunteers().article.text + " They were given tea.")
    assert (await write_extraction(empty_graph, db, updated)).status is WriteStatus.UPDATED
    assert (await write_extraction(empty_graph, db, school())).status is WriteStatus.CREATED

    assert await ids(empty_graph, db, "Person") == [CASTELLANO]
    evidence = await evidence_of(empty_graph, db, CASTELLANO)
    assert {article for article, _ in evidence} == {
        "Library opens", "Volunteers thanked", "School visit"
    }
    holders, _, _ = await empty_graph.execute_query(
        "MATCH (p:Person)-[:HOLDS]->(r:Role) RETURN DISTINCT p.id AS id", database_=db
    )
    assert [r["id"] for r in holders] == [CASTELLANO]
    assert await curation.survivor_of(empty_graph, db, CASTELANO) == CASTELLANO

    # undo: what the evidence of the three articles gives without the decision
    await curation.undo(empty_graph, db, made.decision.id, by="tester")
    undone = await graph_state(empty_graph, db)
    assert await ids(empty_graph, db, "Person") == [CASTELANO, CASTELLANO]
    assert {a for a, _ in await evidence_of(empty_graph, db, CASTELANO)} == {
        "Volunteers thanked", "School visit"
    }
    assert await curation.survivor_of(empty_graph, db, CASTELANO) is None

    # ... which is exactly the graph those loads give when no decision was ever made
    await empty_graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    await write_extraction(empty_graph, db, library())
    await write_extraction(empty_graph, db, volunteers())
    assert await graph_state(empty_graph, db) == before
    await write_extraction(empty_graph, db, updated)
    await write_extraction(empty_graph, db, school())
    assert await graph_state(empty_graph, db) == undone


async def test_undoing_a_merge_at_once_gives_the_same_ids_and_counts(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, library())
    await write_extraction(empty_graph, db, volunteers())
    before, numbers = await graph_state(empty_graph, db), await counts(empty_graph, db)

    made = await curation.merge(empty_graph, db, CASTELANO, CASTELLANO, why="w", by="t")
    assert await ids(empty_graph, db, "Person") == [CASTELANO]
    await curation.undo(empty_graph, db, made.decision.id, by="t")

    assert await graph_state(empty_graph, db) == before
    nodes, rels = await counts(empty_graph, db)
    assert (nodes - 1, rels) == numbers  # the undone decision is kept, for the record


async def test_a_split_alias_takes_its_mentions_to_their_own_entity_until_undone(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, budget())
    result = await write_extraction(empty_graph, db, cup_final())
    assert result.merged == ((KALE, JORDAN),)  # the surname alone pulled it in
    before = await graph_state(empty_graph, db)

    made = await curation.split(
        empty_graph, db, JORDAN, "Kale", why="the footballer is someone else", by="tester"
    )

    assert made.decision.other == KALE
    assert await ids(empty_graph, db, "Person") == [JORDAN, KALE]
    assert await evidence_of(empty_graph, db, JORDAN) == [("Harbour budget", "Jordan Kale")]
    assert await evidence_of(empty_graph, db, KALE) == [
        ("Cup final", "Kale"), ("Harbour budget", "Kale")
    ]
    aliases, _, _ = await empty_graph.execute_query(
        "MATCH (p:Person {id: $id}) RETURN p.aliases AS aliases, p.keys AS keys",
        {"id": JORDAN}, database_=db,
    )
    assert aliases[0]["aliases"] == [] and aliases[0]["keys"] == ["jordan-kale"]

    # re-ingest: a new version of the match report still gives Kale their own node
    again = changed(cup_final(), cup_final().article.text + " Kale was named player of the day.")
    reloaded = await write_extraction(empty_graph, db, again)
    assert reloaded.status is WriteStatus.UPDATED and reloaded.merged == ()
    assert [a for a, _ in await evidence_of(empty_graph, db, KALE)] == [
        "Cup final", "Harbour budget"
    ]

    await curation.undo(empty_graph, db, made.decision.id, by="tester")
    assert await ids(empty_graph, db, "Person") == [JORDAN]
    await write_extraction(empty_graph, db, cup_final())  # back to the first version
    assert await graph_state(empty_graph, db) == before


async def test_decisions_survive_deleting_and_reloading_every_article(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    for extraction in (library(), volunteers(), budget(), cup_final()):
        await write_extraction(empty_graph, db, extraction)
    await curation.merge(empty_graph, db, CASTELLANO, CASTELANO, why="same", by="t")
    await curation.split(empty_graph, db, JORDAN, "Kale", why="two people", by="t")
    merged = await graph_state(empty_graph, db)

    for extraction in (library(), volunteers(), budget(), cup_final()):
        await delete_article(empty_graph, db, extraction.article.id)
    assert await ids(empty_graph, db, "Person") == []
    assert [d.kind for d in await curation.decisions(empty_graph, db)] == [
        DecisionKind.MERGE, DecisionKind.SPLIT
    ]
    for extraction in (library(), volunteers(), budget(), cup_final()):
        await write_extraction(empty_graph, db, extraction)

    assert await ids(empty_graph, db, "Person") == [CASTELLANO, JORDAN, KALE]
    assert await graph_state(empty_graph, db) == merged


async def test_bad_decisions_are_refused_and_change_nothing(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, library())
    await write_extraction(empty_graph, db, volunteers())
    before = await fingerprint(empty_graph, db)

    refusals: list[tuple[type[Exception], str, object]] = [
        (CurationRefused, "with itself",
         curation.merge(empty_graph, db, CASTELLANO, CASTELLANO, why="x", by="t")),
        (CurationRefused, "a person",
         curation.merge(empty_graph, db, CASTELLANO, COUNCIL, why="x", by="t")),
        (NotFound, "person/nobody",
         curation.merge(empty_graph, db, CASTELLANO, "person/nobody", why="x", by="t")),
        (CurationRefused, "not an entity id",
         curation.merge(empty_graph, db, CASTELLANO, "article/abc", why="x", by="t")),
        (CurationRefused, "--why",
         curation.merge(empty_graph, db, CASTELLANO, CASTELANO, why="  ", by="t")),
        (CurationRefused, "no alias 'Amira'",
         curation.split(empty_graph, db, CASTELLANO, "Amira", why="x", by="t")),
        (CurationRefused, "is the name",
         curation.split(empty_graph, db, CASTELLANO, "Amira Castellano", why="x", by="t")),
        (NotFound, "curate list",
         curation.undo(empty_graph, db, "decision/0000", by="t")),
    ]
    for error, words, call in refusals:
        with pytest.raises(error, match=words):
            await call  # type: ignore[misc]
    assert await fingerprint(empty_graph, db) == before

    made = await curation.merge(empty_graph, db, CASTELLANO, CASTELANO, why="x", by="t")
    with pytest.raises(NotFound, match="was merged into 'person/amira-castellano'"):
        await curation.merge(empty_graph, db, CASTELANO, CASTELLANO, why="x", by="t")
    await curation.undo(empty_graph, db, made.decision.id, by="t")
    with pytest.raises(CurationRefused, match="already undone"):
        await curation.undo(empty_graph, db, made.decision.id, by="t")


def test_suggestions_rank_aliases_then_surnames_then_similar_names() -> None:
    people = [
        ("person/amira-castellano", "Amira Castellano", ["Castellano"]),
        ("person/amira-castelano", "Amira Castelano", []),
        ("person/a-castellano", "A. Castellano", []),
        ("person/castellano", "Castellano", []),
        ("person/jordan-kale", "Jordan Kale", []),
        ("person/morgan-kale", "Morgan Kale", []),
    ]
    found = curation.rank_duplicates(Label.PERSON, people)
    pairs = [(s.first, s.second, s.score) for s in found]
    assert pairs[0] == ("person/amira-castellano", "person/castellano", 1.0)
    assert ("person/a-castellano", "person/amira-castellano", 0.9) in pairs
    similar = [s for s in found if s.reason.startswith("names")]
    assert [(s.first, s.second) for s in similar][:1] == [
        ("person/amira-castelano", "person/amira-castellano")
    ]
    assert all(not {"person/jordan-kale", "person/morgan-kale"} <= {s.first, s.second}
               for s in found)


def test_a_split_entity_read_only_as_the_alias_becomes_the_alias_entity_with_its_roles() -> None:
    """Pure: when every mention of a split entity is worded as the alias, the article's
    entity (and so its roles and statements) goes to the alias's own id."""
    text = "Kale, the harbour master, said the pier needed repairs."
    extraction = Extraction(
        article("pier", text),
        people=(Person(JORDAN, "Jordan Kale", aliases=("Kale",),
                       mentions=(span(text, "Kale"),)),),
        roles=(Role("role/x", JORDAN, "Harbour Master", None, "the harbour master",
                    evidence=(span(text, "the harbour master"),)),),
    )
    split = Decision("decision/x", DecisionKind.SPLIT, Label.PERSON, JORDAN, KALE, "Kale",
                     "t", "w", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))

    (curated,), remap = decisions.apply([extraction], {}, [split])

    assert remap == {JORDAN: KALE}
    (person,) = curated.people
    assert (person.name, person.aliases) == ("Kale", ())
    assert [m.text for m in person.mentions] == ["Kale"]
    untouched, same = decisions.apply([extraction], {}, [])
    assert (untouched, same) == ([extraction], {})

"""The writer against the real Neo4j: shape, idempotence, replacement, deletion,
merging across articles, atomicity and batching."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver

from graph.driver import Connection
from graph.errors import NotFound
from graph.records import WriteStatus
from graph.writer import delete_article, delete_articles, write_extraction, write_extractions
from schema.graph_model import NODES, RELATIONSHIPS
from schema.ids import entity_id, fact_id
from schema.model import Extraction, Person, Statement, StatementKind
from tests.graph.factories import (
    MAYOR_TEXT,
    article,
    bridge_extraction,
    changed,
    counts,
    fingerprint,
    many_people_extraction,
    mayor_extraction,
    overlapping_extraction,
    span,
)
from tests.graph.statements import delete_observed, write_observed, write_per_row


class InjectedFailure(RuntimeError):
    pass


async def rows(driver: AsyncDriver, db: str, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = await driver.execute_query(query, params, database_=db)
    return [r.data() for r in records]


async def test_first_write_creates_the_article_facts_and_their_relationships(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    result = await write_extraction(empty_graph, db, mayor_extraction())

    assert result.status is WriteStatus.CREATED
    nodes, rels = await counts(empty_graph, db)
    assert result.nodes_created == nodes
    assert result.relationships_created == rels
    said = await rows(
        empty_graph, db,
        "MATCH (p:Person)-[:SAID]->(s:Statement {kind: 'direct'})-[:TO]->(o:Organisation) "
        "MATCH (s)-[:AT]->(e:Event)-[:IN]->(l:Location)-[:WITHIN]->(r:Location) "
        "RETURN p.name AS who, s.text AS text, o.name AS to, e.kind AS at, l.name AS place, "
        "r.name AS region",
    )
    assert said == [{
        "who": "Jane Roe", "text": "we will build the bridge this year", "to": "City Council",
        "at": "hearing", "place": "Springfield", "region": "Illinois",
    }]
    role = await rows(
        empty_graph, db,
        "MATCH (:Person {name: 'Jane Roe'})-[:HOLDS]->(r:Role)-[:AT]->(o) "
        "RETURN r.name AS name, r.title AS title, r.wording AS wording, o.name AS org",
    )
    assert role == [{"name": "Mayor, Springfield City", "title": "Mayor",
                     "wording": ["the mayor of Springfield"], "org": "Springfield City"}]
    person = await rows(empty_graph, db, "MATCH (p:Person) RETURN p.aliases AS a, p.aliasText AS t")
    assert person == [{"a": ["Ms Roe"], "t": "Ms Roe"}]


async def test_a_statement_mentions_the_entities_named_inside_its_words(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    await write_extraction(empty_graph, connection.database, mayor_extraction())
    about = await rows(
        empty_graph, connection.database,
        "MATCH (s:Statement {kind: 'indirect'})-[:MENTIONS]->(x) RETURN x.name AS name "
        "ORDER BY name",
    )
    assert [r["name"] for r in about] == ["Illinois", "Springfield"]


async def test_every_fact_reaches_its_article_and_exact_characters_in_two_hops(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, mayor_extraction())
    await write_extraction(empty_graph, db, bridge_extraction())
    facts = await rows(
        empty_graph, db,
        "MATCH (f) WHERE NOT f:Article AND NOT f:Mention "
        "OPTIONAL MATCH (f)-[:EVIDENCED_BY]->(m:Mention)-[:FROM]->(a:Article) "
        "RETURN f.id AS id, collect([m.start, m.end, m.text, a.text]) AS spans",
    )
    assert len(facts) == 13
    for fact in facts:
        spans = [s for s in fact["spans"] if s[0] is not None]
        assert spans, f"{fact['id']} has no evidence"
        for start, end, text, article_text in spans:
            assert article_text[start:end] == text


async def test_every_node_and_relationship_follows_the_declared_model(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, mayor_extraction())
    await write_extraction(empty_graph, db, bridge_extraction())
    declared = {spec.label.value: spec for spec in NODES}
    for node in await rows(empty_graph, db, "MATCH (n) RETURN labels(n) AS l, keys(n) AS k"):
        assert len(node["l"]) == 1
        spec = declared[node["l"][0]]
        assert set(node["k"]) <= spec.property_names(), node
        assert {p.name for p in spec.properties if p.required} <= set(node["k"]), node
    shapes = {
        (start.value, rel.type.value, end.value)
        for rel in RELATIONSHIPS for start in rel.start for end in rel.end
    }
    found = await rows(
        empty_graph, db,
        "MATCH (a)-[r]->(b) RETURN DISTINCT labels(a)[0] AS a, type(r) AS t, labels(b)[0] AS b",
    )
    assert {(r["a"], r["t"], r["b"]) for r in found} <= shapes
    assert len(found) >= 12


async def test_reloading_the_same_article_changes_nothing(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, mayor_extraction())
    before = await fingerprint(empty_graph, db)

    again = await write_extraction(empty_graph, db, mayor_extraction())

    assert again.status is WriteStatus.UNCHANGED
    assert not again.counts.changed
    assert await fingerprint(empty_graph, db) == before


async def test_a_changed_article_replaces_its_contribution(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, bridge_extraction())
    await write_extraction(empty_graph, db, mayor_extraction())
    new_text = MAYOR_TEXT.replace("this year", "next spring")
    # Written from scratch, the new version gives this graph:
    await empty_graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    await write_extraction(empty_graph, db, bridge_extraction())
    await write_extraction(empty_graph, db, mayor_extraction(text=new_text))
    expected = await fingerprint(empty_graph, db)
    # ... and replacing the old version in place gives the same graph.
    await empty_graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    await write_extraction(empty_graph, db, bridge_extraction())
    await write_extraction(empty_graph, db, mayor_extraction())

    result = await write_extraction(empty_graph, db, mayor_extraction(text=new_text))

    assert result.status is WriteStatus.UPDATED
    assert await fingerprint(empty_graph, db) == expected
    quotes = await rows(empty_graph, db, "MATCH (s:Statement {kind: 'direct'}) RETURN s.text AS t")
    assert quotes == [{"t": "we will build the bridge next spring"}]


async def test_a_new_version_that_drops_a_fact_removes_it_and_its_orphans(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    full = mayor_extraction()
    await write_extraction(empty_graph, db, full)
    text = full.article.text + " "
    smaller = changed(full, text)
    smaller = type(full)(smaller.article, people=full.people, organisations=full.organisations[:1])

    await write_extraction(empty_graph, db, smaller)

    names = await rows(empty_graph, db, "MATCH (n) WHERE NOT n:Mention RETURN n.name AS n")
    assert sorted(r["n"] for r in names) == ["City Council", "Jane Roe", "Mayor promises a bridge"]


async def test_two_articles_share_entities_with_evidence_from_both(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, mayor_extraction())
    await write_extraction(empty_graph, db, bridge_extraction())
    people = await rows(
        empty_graph, db,
        "MATCH (p:Person)-[:EVIDENCED_BY]->(:Mention)-[:FROM]->(a:Article) "
        "RETURN p.name AS name, count(DISTINCT a) AS articles, p.aliases AS aliases "
        "ORDER BY name",
    )
    assert people == [
        {"name": "Jane Roe", "articles": 2, "aliases": ["Mayor Jane Roe", "Ms Roe"]},
        {"name": "John Doe", "articles": 1, "aliases": []},
    ]
    assert (await counts(empty_graph, db))[0] == len(
        await rows(empty_graph, db, "MATCH (n) RETURN DISTINCT n.id AS id")
    )


async def test_an_entity_named_by_an_alias_merges_into_the_node_with_that_alias(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, mayor_extraction())
    text = "Ms Roe cut the ribbon."
    roe = Person(entity_id("person", "Ms Roe"), "Ms Roe", mentions=(span(text, "Ms Roe"),))
    result = await write_extraction(
        empty_graph, db, Extraction(article("ribbon", text), people=(roe,))
    )

    assert result.merged == ((roe.id, entity_id("person", "Jane Roe")),)
    people = await rows(empty_graph, db, "MATCH (p:Person) RETURN p.id AS id, p.name AS name")
    assert people == [{"id": "person/jane-roe", "name": "Jane Roe"}]


async def test_an_ambiguous_alias_merges_nothing(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    text = "Ann Smith and Bob Smith met Smith."
    first = Extraction(article("smiths", text), people=(
        Person(entity_id("person", "Ann Smith"), "Ann Smith", aliases=("Smith",),
               mentions=(span(text, "Ann Smith"),)),
        Person(entity_id("person", "Bob Smith"), "Bob Smith", aliases=("Smith",),
               mentions=(span(text, "Bob Smith"),)),
    ))
    await write_extraction(empty_graph, db, first)
    text2 = "Smith spoke."
    result = await write_extraction(empty_graph, db, Extraction(article("smith", text2), people=(
        Person(entity_id("person", "Smith"), "Smith", mentions=(span(text2, "Smith"),)),
    )))
    assert result.merged == ()
    assert len(await rows(empty_graph, db, "MATCH (p:Person) RETURN p")) == 3


async def test_delete_keeps_shared_entities_and_leaves_no_orphans(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, bridge_extraction())
    only_bridge = await fingerprint(empty_graph, db)
    mayor = mayor_extraction()
    await write_extraction(empty_graph, db, mayor)

    result = await delete_article(empty_graph, db, mayor.article.id)

    assert result.facts_deleted == 6  # 2 statements, an event, a role, an org, a place
    assert await fingerprint(empty_graph, db) == only_bridge
    orphans = await rows(
        empty_graph, db,
        "MATCH (f) WHERE NOT f:Article AND NOT f:Mention AND NOT (f)-[:EVIDENCED_BY]->() "
        "RETURN f.id AS id",
    )
    assert orphans == []


async def test_deleting_an_unknown_article_raises_not_found(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    with pytest.raises(NotFound, match="article/nope"):
        await delete_article(empty_graph, connection.database, "article/nope")


@pytest.mark.parametrize("stop_after", ["mentions", "Person", "roles", "statements",
                                        "refresh Person"])
async def test_an_error_inside_a_write_leaves_the_graph_as_it_was(
    empty_graph: AsyncDriver, connection: Connection, stop_after: str
) -> None:
    db = connection.database
    await write_extraction(empty_graph, db, bridge_extraction())
    before = await fingerprint(empty_graph, db)
    ran: list[str] = []

    def fail(name: str) -> None:
        ran.append(name)
        if name == stop_after:
            raise InjectedFailure(name)

    with pytest.raises(InjectedFailure):
        await write_observed(empty_graph, db, mayor_extraction(), fail)

    assert stop_after in ran and len(ran) > 2
    assert await fingerprint(empty_graph, db) == before


async def test_an_error_inside_a_replacement_or_delete_leaves_the_graph_as_it_was(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    mayor = mayor_extraction()
    await write_extraction(empty_graph, db, bridge_extraction())
    await write_extraction(empty_graph, db, mayor)
    before = await fingerprint(empty_graph, db)

    def fail(name: str) -> None:
        if name == "statements" or name.startswith("delete orphan"):
            raise InjectedFailure(name)

    with pytest.raises(InjectedFailure):
        await write_observed(empty_graph, db, changed(mayor, MAYOR_TEXT + " More."), fail)
    with pytest.raises(InjectedFailure):
        await delete_observed(empty_graph, db, mayor.article.id, fail)
    assert await fingerprint(empty_graph, db) == before


async def test_statements_per_write_do_not_grow_with_the_number_of_nodes(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    statements: dict[int, list[str]] = {}
    for size in (1, 200):
        names: list[str] = []
        result = await write_observed(
            empty_graph, db, many_people_extraction(f"many-{size}", size), names.append
        )
        statements[size] = names
        assert result.nodes_created == 1 + 2 * size  # article, a person and a mention each
    assert statements[1] == statements[200]
    assert len(statements[200]) <= 8


async def test_write_result_counts_match_the_server_counters(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    first = await write_extraction(empty_graph, db, mayor_extraction())
    nodes, rels = await counts(empty_graph, db)
    second = await write_extraction(empty_graph, db, bridge_extraction())
    nodes2, rels2 = await counts(empty_graph, db)
    assert (first.nodes_created, first.relationships_created) == (nodes, rels)
    assert second.nodes_created == nodes2 - nodes
    assert second.relationships_created == rels2 - rels


async def test_a_batch_write_per_statement_or_per_row_gives_the_same_graph_as_one_by_one(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    corpus = [mayor_extraction(), bridge_extraction(), *map(overlapping_extraction, range(6))]
    for extraction in corpus:
        await write_extraction(empty_graph, db, extraction)
    one_by_one = await fingerprint(empty_graph, db)
    for per_row in (False, True):
        await empty_graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)

        if per_row:
            written = await write_per_row(empty_graph, db, corpus)
            statuses = [r.status for r in written.results]
            created = written.counts.nodes_created + written.counts.relationships_created
        else:
            result = await write_extractions(empty_graph, db, corpus)
            statuses = [status for _, status in result.articles]
            created = result.elements_created

        assert statuses == [WriteStatus.CREATED] * len(corpus)
        assert created == sum(await counts(empty_graph, db))
        assert await fingerprint(empty_graph, db) == one_by_one
    again = await write_extractions(empty_graph, db, corpus)
    assert {status for _, status in again.articles} == {WriteStatus.UNCHANGED}


async def test_deleting_several_articles_is_all_or_nothing(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    corpus = [mayor_extraction(), bridge_extraction()]
    await write_extractions(empty_graph, db, corpus)
    ids = [extraction.article.id for extraction in corpus]
    before = await fingerprint(empty_graph, db)

    with pytest.raises(NotFound, match="article/missing"):
        await delete_articles(empty_graph, db, [*ids, "article/missing"])
    assert await fingerprint(empty_graph, db) == before

    await delete_articles(empty_graph, db, ids)
    assert await counts(empty_graph, db) == (0, 0)


async def test_a_reference_to_an_entity_the_extraction_lacks_is_a_warning_not_a_link(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    text = "Someone said the bridge is late."
    said = "the bridge is late"
    art = article("dangling", text)
    statement = Statement(fact_id("statement", art.id, said), said, StatementKind.INDIRECT,
                          "person/nobody", evidence=(span(text, said),))

    result = await write_extraction(empty_graph, db, Extraction(art, statements=(statement,)))

    assert result.warnings == (
        f"statement {statement.id!r} refers to 'person/nobody', which the extraction does "
        "not hold",
    )
    assert await rows(empty_graph, db, "MATCH ()-[r:SAID]->() RETURN r") == []
    assert len(await rows(empty_graph, db, "MATCH (s:Statement) RETURN s")) == 1


async def test_the_article_node_keeps_its_metadata_with_neo4j_temporal_types(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    await write_extraction(empty_graph, connection.database, mayor_extraction())
    found = await rows(
        empty_graph, connection.database,
        "MATCH (a:Article) RETURN a.name AS name, a.url AS url, a.source AS source, "
        "toString(a.published) AS published, a.published IS :: DATE AS isDate, "
        "a.loadedAt IS :: ZONED DATETIME AS isDateTime, size(a.checksum) AS checksum",
    )
    assert found == [{
        "name": "Mayor promises a bridge", "url": "https://news.example/mayor",
        "source": "Example News", "published": "2024-05-06", "isDate": True,
        "isDateTime": True, "checksum": 64,
    }]


async def test_a_batch_merges_aliases_across_its_own_articles_as_one_by_one_does(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    """The second article calls her "Ms Roe", an alias the first article gives Jane Roe:
    written one by one, or in one batch, she is one node."""
    db = connection.database
    text = "Ms Roe said the bridge was late."
    later = Extraction(
        article("ms-roe", text),
        people=(Person(entity_id("person", "Ms Roe"), "Ms Roe", honorific="Ms",
                       mentions=(span(text, "Ms Roe"),)),),
    )
    for extraction in (mayor_extraction(), later):
        await write_extraction(empty_graph, db, extraction)
    one_by_one = await fingerprint(empty_graph, db)
    await empty_graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)

    await write_extractions(empty_graph, db, [mayor_extraction(), later])

    assert await fingerprint(empty_graph, db) == one_by_one
    people, _, _ = await empty_graph.execute_query(
        "MATCH (p:Person) RETURN collect(p.id) AS ids", database_=db
    )
    assert people[0]["ids"] == [entity_id("person", "Jane Roe")]

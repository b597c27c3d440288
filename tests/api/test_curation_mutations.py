"""mergeEntities / splitAlias / undoDecision behind the API key; node(id:), the
/id/ URI and the RDF export of a merged-away entity."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver
from rdflib import OWL, Graph, URIRef

from api.settings import Settings
from graph.driver import Connection
from graph.writer import write_extraction
from tests.api.conftest import API_KEY, Api
from tests.graph.curated import (
    CASTELANO,
    CASTELLANO,
    JORDAN,
    KALE,
    budget,
    cup_final,
    graph_state,
    library,
    volunteers,
)
from tests.graph.factories import fingerprint

KEY = {"Authorization": f"Bearer {API_KEY}"}

_RESULT = """
  __typename
  ... on CurationSuccess { articles decision { id kind entity other alias by why at undoneAt } }
  ... on BadInput { message field }
  ... on NotFound { message id }
  ... on Unauthorised { message }
"""
MERGE = ("mutation($a: ID!, $b: ID!, $why: String!) { mergeEntities(survivor: $a, other: $b, "
         "why: $why, by: \"desk\") {" + _RESULT + "} }")
SPLIT = ("mutation($e: ID!, $alias: String!, $why: String!) { splitAlias(entity: $e, "
         "alias: $alias, why: $why) {" + _RESULT + "} }")
UNDO = "mutation($id: ID!) { undoDecision(id: $id) {" + _RESULT + "} }"
NODE = "query($id: ID!) { node(id: $id) { __typename id ... on Person { name aliases } } }"


async def _call(api: Api, query: str, variables: dict[str, Any], key: bool = True) -> Any:
    body = await api.gql(query, variables, headers=KEY if key else None)
    assert "errors" not in body, body
    (result,) = body["data"].values()
    return result


async def _load(driver: AsyncDriver, database: str) -> None:
    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    for extraction in (library(), volunteers(), budget(), cup_final()):
        await write_extraction(driver, database, extraction)


@pytest.mark.parametrize("headers", [None, {"Authorization": "Bearer wrong"}])
async def test_curation_mutations_need_the_api_key(
    api: Api, driver: AsyncDriver, connection: Connection, headers: dict[str, str] | None
) -> None:
    await _load(driver, connection.database)
    before = await fingerprint(driver, connection.database)
    for query, variables in (
        (MERGE, {"a": CASTELLANO, "b": CASTELANO, "why": "same"}),
        (SPLIT, {"e": JORDAN, "alias": "Kale", "why": "two"}),
        (UNDO, {"id": "decision/0123"}),
    ):
        body = await api.gql(query, variables, headers=headers)
        (result,) = body["data"].values()
        assert result["__typename"] == "Unauthorised", result
        assert "Authorization: Bearer" in result["message"]
    assert await fingerprint(driver, connection.database) == before


async def test_merge_then_node_answers_the_old_id_and_undo_restores(
    api: Api, driver: AsyncDriver, connection: Connection, api_settings: Settings
) -> None:
    db = connection.database
    await _load(driver, db)
    before = await graph_state(driver, db)

    merged = await _call(api, MERGE, {"a": CASTELLANO, "b": CASTELANO, "why": "misspelt"})
    assert merged["__typename"] == "CurationSuccess", merged
    decision = merged["decision"]
    assert (decision["kind"], decision["entity"], decision["other"], decision["by"]) == (
        "MERGE", CASTELLANO, CASTELANO, "desk"
    )
    assert len(merged["articles"]) == 2

    node = (await api.data(NODE, {"id": CASTELANO}))["node"]
    assert node["id"] == CASTELLANO and node["__typename"] == "Person"
    assert "Amira Castelano" in node["aliases"]

    # the old URI redirects to the surviving one; the export states owl:sameAs
    moved = await api.client.get(f"/id/{CASTELANO}", headers={"Accept": "text/turtle"})
    assert moved.status_code == 303 and moved.headers["location"] == f"/id/{CASTELLANO}"
    turtle = await api.client.get("/rdf", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    base = api_settings.rdf_base
    assert (URIRef(f"{base}/{CASTELLANO}"), OWL.sameAs, URIRef(f"{base}/{CASTELANO}")) in graph

    undone = await _call(api, UNDO, {"id": decision["id"]})
    assert undone["__typename"] == "CurationSuccess" and undone["decision"]["undoneAt"]
    assert (await api.data(NODE, {"id": CASTELANO}))["node"]["id"] == CASTELANO
    assert (await api.client.get(f"/id/{CASTELANO}")).status_code == 200
    assert await graph_state(driver, db) == before


async def test_split_by_mutation_and_typed_failures(
    api: Api, driver: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    await _load(driver, db)
    before = await fingerprint(driver, db)

    failures = [
        (MERGE, {"a": CASTELLANO, "b": CASTELLANO, "why": "x"}, "BadInput", "itself"),
        (MERGE, {"a": CASTELLANO, "b": "article/abc", "why": "x"}, "BadInput", "expected an id"),
        (MERGE, {"a": CASTELLANO, "b": "person/nobody", "why": "x"}, "NotFound", "No person"),
        (MERGE, {"a": CASTELLANO, "b": CASTELANO, "why": " "}, "BadInput", "`why` is empty"),
        (SPLIT, {"e": JORDAN, "alias": "Harbour", "why": "x"}, "BadInput", "no alias"),
        (UNDO, {"id": "decision/0123"}, "NotFound", "curate list"),
        (UNDO, {"id": "person/x"}, "BadInput", "decision/"),
    ]
    for query, variables, typename, words in failures:
        result = await _call(api, query, variables)
        assert result["__typename"] == typename, (variables, result)
        assert words in result["message"], (variables, result)
    assert await fingerprint(driver, db) == before

    split = await _call(api, SPLIT, {"e": JORDAN, "alias": "Kale", "why": "footballer"})
    assert split["__typename"] == "CurationSuccess", split
    assert split["decision"]["other"] == KALE and split["decision"]["by"] == "api"
    assert (await api.data(NODE, {"id": KALE}))["node"]["name"] == "Kale"


async def test_decisions_and_duplicate_suggestions_can_be_read(
    api: Api, driver: AsyncDriver, connection: Connection
) -> None:
    await _load(driver, connection.database)
    suggested = await api.data("{ duplicateSuggestions(first: 5) { first second score reason } }")
    pairs = [(s["first"], s["second"]) for s in suggested["duplicateSuggestions"]]
    assert (CASTELANO, CASTELLANO) in pairs
    scores = [s["score"] for s in suggested["duplicateSuggestions"]]
    assert scores == sorted(scores, reverse=True)

    merged = await _call(api, MERGE, {"a": CASTELLANO, "b": CASTELANO, "why": "typo"})
    listed = await api.data("{ curationDecisions { id kind why by undoneAt } }")
    assert listed["curationDecisions"][0] == {
        "id": merged["decision"]["id"], "kind": "MERGE", "why": "typo", "by": "desk",
        "undoneAt": None,
    }
    after = await api.data("{ duplicateSuggestions { first second } }")
    assert all(CASTELANO not in (s["first"], s["second"])
               for s in after["duplicateSuggestions"])
    bad = await api.gql("{ curationDecisions(first: 1000) { id } }")
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"

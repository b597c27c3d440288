"""Relay's compiler accepts the schema, with ``@connection`` on a root list and on nested
lists and ``@refetchable`` fragments; the queries it writes then page the real API.

relay-compiler (pinned by tests/api/relay/package-lock.json, installed by ``make
setup``) compiles the front-end documents of tests/api/relay/src against the committed
SDL; the operation text of each generated artifact is sent to the app as a Relay
client would, paging with the ``endCursor`` it returns until ``hasNextPage`` is false.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from neo4j import AsyncDriver

from api.commands.serve import SDL_PATH
from graph.driver import Connection
from tests.api.conftest import Api
from tests.api.gold_graph import load_gold, many_graph

PROJECT = Path(__file__).resolve().parent / "relay"
COMPILER = PROJECT / "node_modules" / ".bin" / "relay-compiler"
PERSON = "person/person-0003"


@pytest.fixture(scope="module")
def operations(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Compile the documents; the text of every operation relay-compiler wrote, by name."""
    assert COMPILER.exists(), (
        f"{COMPILER} is missing: `make setup` installs it (npm ci in tests/api/relay)"
    )
    work = tmp_path_factory.mktemp("relay")
    shutil.copytree(PROJECT / "src", work / "src")
    (work / "__generated__").mkdir()
    (work / "relay.config.json").write_text(json.dumps({
        "src": "./src", "schema": str(SDL_PATH), "language": "javascript",
        "artifactDirectory": "./__generated__",
    }))
    run = subprocess.run([str(COMPILER)], cwd=work, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    texts = {}
    for artifact in (work / "__generated__").glob("*Query.graphql.js"):
        found = re.search(r'"text": ("(?:[^"\\]|\\.)*")', artifact.read_text())
        assert found, artifact
        texts[artifact.name.removesuffix(".graphql.js")] = json.loads(found.group(1))
    return texts


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def graph(driver: AsyncDriver, connection: Connection) -> AsyncIterator[str]:
    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=connection.database)
    await many_graph(30, statements_each=7).write(driver, connection.database)
    yield await load_gold(driver, connection.database)


def test_relay_compiles_connections_on_root_and_nested_lists(
    operations: dict[str, str],
) -> None:
    assert set(operations) == {
        "PeopleListQuery", "PeopleListPaginationQuery",
        "PersonStatementsQuery", "PersonStatementsPaginationQuery",
        "OrganisationRolesQuery", "OrganisationRolesPaginationQuery",
    }
    # the refetch queries go through node(id:), the nested connections are paged
    assert "node(id: $id)" in operations["PersonStatementsPaginationQuery"]
    assert "statementsConnection(first: $count, after: $cursor)" in operations[
        "PersonStatementsPaginationQuery"]


async def _walk(api: Api, text: str, variables: dict[str, Any],
                connection: Any) -> tuple[list[Any], int]:
    """Every node of a connection, page after page, as Relay's pagination would ask."""
    nodes: list[Any] = []
    cursor = None
    total = -1
    for _ in range(50):
        data = await api.data(text, {**variables, "cursor": cursor})
        page = connection(data)
        total = page["totalCount"]
        nodes += [edge["node"] for edge in page["edges"]]
        assert all(edge["cursor"] for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            return nodes, total
        cursor = page["pageInfo"]["endCursor"]
    raise AssertionError("more than 50 pages")


async def test_relay_pages_a_nested_list_through_node(
    api: Api, graph: str, operations: dict[str, str]
) -> None:
    first = await api.data(operations["PersonStatementsQuery"], {"id": PERSON})
    person = first["person"]
    assert person["name"] == "Person 0003"
    assert len(person["statementsConnection"]["edges"]) == 3  # the fragment's default
    assert person["statementsConnection"]["pageInfo"]["hasNextPage"] is True

    nodes, total = await _walk(
        api, operations["PersonStatementsPaginationQuery"], {"id": PERSON, "count": 3},
        lambda data: data["node"]["statementsConnection"],
    )
    assert total == 7
    ids = [node["id"] for node in nodes]
    assert len(ids) == len(set(ids)) == 7  # no statement lost or repeated
    assert all(node["speaker"]["name"] == "Person 0003" for node in nodes)
    assert all(node["__typename"] == "Statement" for node in nodes)
    assert {node["text"] for node in nodes} == {
        f"statement {j} by person 3" for j in range(7)
    }


async def test_relay_pages_a_root_list(
    api: Api, graph: str, operations: dict[str, str]
) -> None:
    first = await api.data(operations["PeopleListQuery"])
    assert len(first["people"]["edges"]) == 5
    nodes, total = await _walk(
        api, operations["PeopleListPaginationQuery"], {"count": 7},
        lambda data: data["people"],
    )
    everyone = await api.data("{ people(first: 100) { totalCount nodes { id } } }")
    assert total == everyone["people"]["totalCount"] == len(nodes)
    assert [n["id"] for n in nodes] == [n["id"] for n in everyone["people"]["nodes"]]


async def test_relay_pages_nested_lists_inside_a_root_list(
    api: Api, graph: str, operations: dict[str, str]
) -> None:
    data = await api.data(operations["OrganisationRolesQuery"])
    organisations = [edge["node"] for edge in data["organisations"]["edges"]]
    assert len(organisations) == 3
    for organisation in organisations:
        roles = organisation["rolesConnection"]
        assert len(roles["edges"]) <= 2
        everything, total = await _walk(
            api, operations["OrganisationRolesPaginationQuery"],
            {"id": organisation["id"], "count": 2},
            lambda data: data["node"]["rolesConnection"],
        )
        assert total == roles["totalCount"] == len(everything)
        expected = await api.data(
            "query($id: ID!) { organisation(id: $id) { roles(first: 100) { id } } }",
            {"id": organisation["id"]},
        )
        assert sorted(r["id"] for r in everything) == sorted(
            r["id"] for r in expected["organisation"]["roles"])

"""Nested connections (``person.statementsConnection`` ...): pages in the list's order,
nothing lost or repeated, and clear errors at their own path."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Api

ARTICLE_PAGE = """query($id: ID!, $after: String) { article(id: $id) {
  statements(first: 100) { id }
  statementsConnection(first: 2, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id text } }
  } } }"""


async def test_a_nested_connection_pages_the_list_in_its_order(api: Api, gold: str) -> None:
    seen: list[str] = []
    after = None
    listed: list[str] = []
    for page_no in range(100):
        data = await api.data(ARTICLE_PAGE, {"id": gold, "after": after})
        article = data["article"]
        listed = [s["id"] for s in article["statements"]]
        page = article["statementsConnection"]
        assert page["pageInfo"]["hasPreviousPage"] is (page_no > 0)
        assert len(page["edges"]) <= 2
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(listed) > 4  # several pages really walked
    assert page["totalCount"] == len(listed)
    assert seen == listed  # reading order, nothing lost or repeated


async def test_a_nested_connection_in_a_root_page(api: Api, gold: str) -> None:
    data = await api.data(
        "{ organisations(first: 5) { nodes { name rolesConnection(first: 1) { totalCount "
        "nodes { title } pageInfo { hasNextPage } } roles(first: 100) { title } } } }"
    )
    for organisation in data["organisations"]["nodes"]:
        page = organisation["rolesConnection"]
        assert page["totalCount"] == len(organisation["roles"])
        assert len(page["nodes"]) == min(1, len(organisation["roles"]))
        assert page["pageInfo"]["hasNextPage"] is (len(organisation["roles"]) > 1)


@pytest.mark.parametrize(
    ("arguments", "code"),
    [("first: 0", "BAD_USER_INPUT"), ("first: 101", "BAD_USER_INPUT"),
     ('after: "not-a-cursor"', "INVALID_CURSOR")],
)
async def test_bad_arguments_are_errors_at_their_path(
    api: Api, gold: str, arguments: str, code: str
) -> None:
    body = await api.gql(
        f'{{ person(id: "person/cressida-dick") {{ name statementsConnection({arguments}) '
        "{ totalCount } } }"
    )
    [error] = body["errors"]
    assert error["extensions"]["code"] == code
    assert error["path"] == ["person", "statementsConnection"]


async def test_a_root_cursor_is_not_a_nested_one(api: Api, gold: str) -> None:
    root = await api.data("{ people(first: 1) { pageInfo { endCursor } } }")
    cursor: Any = root["people"]["pageInfo"]["endCursor"]
    body = await api.gql(
        'query($c: String) { person(id: "person/cressida-dick") { '
        "rolesConnection(after: $c) { totalCount } } }", {"c": cursor}
    )
    assert body["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"

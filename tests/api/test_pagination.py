"""Cursor pages: every item once across pages, orders, filters, bounds, bad cursors."""

from __future__ import annotations

import base64

import pytest
import pytest_asyncio
from neo4j import AsyncDriver

from graph.driver import Connection
from tests.api.conftest import Api
from tests.api.gold_graph import load_gold, many_graph

PEOPLE_PAGE = """query($first: Int, $after: String, $order: PersonOrder!, $filter: PersonFilter) {
  people(first: $first, after: $after, orderBy: $order, filter: $filter) {
    totalCount edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def many(driver: AsyncDriver, connection: Connection) -> str:
    """53 synthetic people (plus the gold graph): pages of 10 need six requests."""
    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=connection.database)
    await many_graph(53, statements_each=1).write(driver, connection.database)
    return await load_gold(driver, connection.database)


async def _walk(api: Api, order: str, first: int, flt: dict | None = None) -> list[str]:
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        data = await api.data(
            PEOPLE_PAGE, {"first": first, "after": after, "order": order, "filter": flt}
        )
        conn = data["people"]
        seen += [e["node"]["id"] for e in conn["edges"]]
        assert conn["pageInfo"]["hasPreviousPage"] is (after is not None)
        assert len(conn["edges"]) <= first
        pages += 1
        assert pages < 100
        if not conn["pageInfo"]["hasNextPage"]:
            assert len(seen) == conn["totalCount"]
            return seen
        after = conn["pageInfo"]["endCursor"]
        assert after == conn["edges"][-1]["cursor"]


@pytest.mark.parametrize("order", ["NAME_ASC", "NAME_DESC"])
async def test_pages_cover_every_item_exactly_once(api: Api, many: str, order: str) -> None:
    seen = await _walk(api, order, 10)
    assert len(seen) == 57  # 53 synthetic + 4 gold people
    assert len(set(seen)) == len(seen)
    everything = await api.data(PEOPLE_PAGE, {"first": 100, "order": order})
    assert seen == [e["node"]["id"] for e in everything["people"]["edges"]]


async def test_name_desc_is_the_reverse_of_name_asc(api: Api, many: str) -> None:
    asc = await _walk(api, "NAME_ASC", 25)
    desc = await _walk(api, "NAME_DESC", 25)
    assert asc == list(reversed(desc))


async def test_filtered_pages(api: Api, many: str) -> None:
    seen = await _walk(api, "NAME_ASC", 3, {"organisation": "organisation/org-3"})
    assert len(seen) == 8  # people 3, 10, 17, ... 52
    contains = await api.data(
        PEOPLE_PAGE, {"first": 50, "order": "NAME_ASC", "filter": {"name": {"contains": "dick"}}}
    )
    assert [e["node"]["name"] for e in contains["people"]["edges"]] == ["Cressida Dick"]
    by_alias = await api.data(
        PEOPLE_PAGE, {"first": 5, "order": "NAME_ASC", "filter": {"name": {"equals": "ms dick"}}}
    )
    assert by_alias["people"]["totalCount"] == 1


async def test_filters_of_the_other_connections(api: Api, many: str) -> None:
    data = await api.data(
        """query($art: ID!) {
          met: roles(filter: {organisation: "organisation/metropolitan-police"}) {
            nodes { title person { name } } }
          assistant: roles(filter: {title: {contains: "assistant"}}) { totalCount }
          dickSaid: statements(first: 50, filter: {speaker: "person/cressida-dick"}) { totalCount }
          direct: statements(filter: {speaker: "person/cressida-dick", kind: DIRECT}) { totalCount }
          metSaid: statements(filter: {organisation: "organisation/metropolitan-police",
                                       article: $art}) { totalCount }
          toAssembly: statements(filter: {audience: "organisation/london-assembly"}) {
            totalCount }
          aboutLondon: statements(filter: {about: "location/london"}) { totalCount }
          inLondon: events(filter: {location: "location/london"}) { totalCount }
          dated: events(filter: {date: {start: "2017-09-16", end: "2017-09-30"}}) {
            nodes { kind date } }
          arrests: events(filter: {kind: "arrest"}) { nodes { location { name } } }
          withDick: events(filter: {participant: "person/cressida-dick"}) { totalCount }
          stations: locations(filter: {kind: "station"}) { nodes { name } }
          inUk: locations(filter: {within: "location/united-kingdom"}) { totalCount }
          capital: locations(filter: {name: {equals: "the capital"}}) { nodes { name } }
          articles(filter: {about: "person/stephen-house"}) { nodes { id } }
          none: articles(filter: {headline: "no such headline"}) { totalCount }
        }""",
        {"art": many},
    )
    assert sorted((r["person"]["name"], r["title"]) for r in data["met"]["nodes"]) == [
        ("Cressida Dick", "Commissioner"),
        ("Stephen House", "Assistant Commissioner"),
    ]
    assert data["assistant"]["totalCount"] == 1
    assert data["dickSaid"]["totalCount"] == 7
    assert data["direct"]["totalCount"] == 3
    assert data["metSaid"]["totalCount"] == 11
    assert data["toAssembly"]["totalCount"] == 2
    # The writer links a statement to every entity named inside its words, by name or
    # by alias: House's "violent crime in London" and Ms Dick's "killings in the
    # capital" (the gold's alias of London).
    assert data["aboutLondon"]["totalCount"] == 2
    # London's own events and the events at places within it (Horse Guards, Parsons Green).
    assert data["inLondon"]["totalCount"] == 6
    assert sorted((e["kind"], e["date"]) for e in data["dated"]["nodes"]) == [
        ("arrest", "2017-09-16"),
        ("patrol", "2017-09-16"),
    ]
    assert data["arrests"]["nodes"] == [{"location": {"name": "Dover"}}]
    assert data["withDick"]["totalCount"] == 2
    assert data["stations"]["nodes"] == [{"name": "Parsons Green station"}]
    assert data["inUk"]["totalCount"] == 10
    assert data["capital"]["nodes"] == [{"name": "London"}]
    assert data["articles"]["nodes"] == [{"id": many}]
    assert data["none"]["totalCount"] == 0


async def test_events_order_by_date(api: Api, many: str) -> None:
    data = await api.data(
        "{ asc: events(orderBy: DATE_ASC) { nodes { date } } "
        "desc: events(orderBy: DATE_DESC) { nodes { date } } }"
    )
    asc = [e["date"] for e in data["asc"]["nodes"] if e["date"]]
    desc = [e["date"] for e in data["desc"]["nodes"] if e["date"]]
    assert asc == sorted(asc)
    assert desc == sorted(desc, reverse=True)


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        base64.urlsafe_b64encode(b"c1:{broken json").decode(),
        base64.urlsafe_b64encode(b'c1:{"s": 3}').decode(),
        base64.urlsafe_b64encode(b'other:{"o":"name_asc","k":"a","i":"person/a"}').decode(),
        "x" * 5000,
    ],
)
async def test_invalid_cursor_is_a_clear_error(api: Api, many: str, cursor: str) -> None:
    response = await api.client.post(
        "/graphql",
        json={"query": PEOPLE_PAGE, "variables": {"after": cursor, "order": "NAME_ASC"}},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert error["message"].startswith("Invalid cursor")
    assert error["extensions"]["code"] == "INVALID_CURSOR"


async def test_cursor_of_another_order_is_refused(api: Api, many: str) -> None:
    asc = await api.data(PEOPLE_PAGE, {"first": 2, "order": "NAME_ASC"})
    body = await api.gql(
        PEOPLE_PAGE,
        {"first": 2, "order": "NAME_DESC", "after": asc["people"]["pageInfo"]["endCursor"]},
    )
    assert "orderBy" in body["errors"][0]["message"]


@pytest.mark.parametrize("first", [0, -1, 101, 10_000])
async def test_page_size_is_bounded(api: Api, many: str, first: int) -> None:
    body = await api.gql(PEOPLE_PAGE, {"first": first, "order": "NAME_ASC"})
    [error] = body["errors"]
    assert "between 1 and 100" in error["message"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


async def test_nested_list_size_is_bounded(api: Api, many: str) -> None:
    body = await api.gql('{ person(id: "person/cressida-dick") { statements(first: 500) { id } } }')
    assert "between 1 and 100" in body["errors"][0]["message"]


async def test_default_page_is_twenty(api: Api, many: str) -> None:
    data = await api.data("{ people { totalCount edges { cursor } pageInfo { hasNextPage } } }")
    assert len(data["people"]["edges"]) == 20
    assert data["people"]["pageInfo"]["hasNextPage"] is True


async def test_name_and_title_orders_ignore_case(api: Api, many: str) -> None:
    data = await api.data(
        "{ asc: people(first: 100) { nodes { name } } "
        "desc: organisations(first: 100, orderBy: NAME_DESC) { nodes { name } } "
        "roles(first: 100, orderBy: TITLE_ASC) { nodes { title } } }"
    )
    people = [n["name"] for n in data["asc"]["nodes"]]
    assert len(people) == 57 and people == sorted(people, key=str.lower)
    organisations = [n["name"] for n in data["desc"]["nodes"]]
    assert organisations == sorted(organisations, key=str.lower, reverse=True)
    titles = [n["title"] for n in data["roles"]["nodes"]]
    assert len(titles) > 2 and titles == sorted(titles, key=str.lower)

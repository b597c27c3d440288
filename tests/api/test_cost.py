"""No unbounded answers (F7): a query's cost is estimated from its nested `first`s
(article text counting heavy) and refused before it runs when over the limit; and a
response over the size cap is replaced by one clear error."""

from __future__ import annotations

import time

from api.graphql.limits import Limits
from api.settings import Settings
from tests.api.conftest import TEST_LIMITS, Api, serve

AMPLIFIER = ("a{i}: article(id: $id) {{ statements(first: 100) {{ evidence {{ article {{ "
             "text }} }} }} }}")


def _amplifier(aliases: int) -> str:
    body = " ".join(AMPLIFIER.format(i=i) for i in range(aliases))
    return f"query($id: ID!) {{ {body} }}"


async def test_the_amplification_query_is_refused_before_it_runs(api: Api, gold: str) -> None:
    reads = api.runtime.round_trips.count
    started = time.monotonic()
    response = await api.client.post(
        "/graphql", json={"query": _amplifier(3), "variables": {"id": gold}}
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert len(response.content) < 2000
    body = response.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "COST_LIMIT"}
    assert "more than the limit of 1,000,000" in error["message"]
    assert "smaller `first`" in error["message"]
    assert api.runtime.round_trips.count == reads  # nothing was read from Neo4j


async def test_first_from_variables_counts_and_small_pages_pass(api: Api, gold: str) -> None:
    query = ("query($n: Int) { people(first: $n) { nodes { articles(first: $n) { text } } } }")
    big = await api.gql(query, {"n": 100})
    assert big["errors"][0]["extensions"] == {"code": "COST_LIMIT"}
    small = await api.data(query, {"n": 2})
    assert small["people"]["nodes"]
    one = await api.data("query($id: ID!) { article(id: $id) { text statements(first: 100) "
                         "{ evidence { sentence } } } }", {"id": gold})
    assert one["article"]["text"]


async def test_a_response_over_the_cap_is_one_clear_error(
    api_settings: Settings, gold: str
) -> None:
    limits = Limits(query_timeout=TEST_LIMITS.query_timeout, max_response_bytes=1000)
    async with serve(api_settings, limits) as small:
        body = await small.gql("query($id: ID!) { article(id: $id) { text } }", {"id": gold})
        assert body["data"] is None
        [error] = body["errors"]
        assert error["extensions"] == {"code": "RESPONSE_TOO_LARGE"}
        assert "more than the limit of 1,000" in error["message"]
        fits = await small.data('{ person(id: "person/cressida-dick") { name } }')
        assert fits == {"person": {"name": "Cressida Dick"}}

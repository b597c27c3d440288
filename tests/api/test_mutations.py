"""ingestArticle / deleteArticle: the CLI's loader and writer behind the API key."""

from __future__ import annotations

import pytest
from neo4j import AsyncDriver

from api.settings import Settings
from tests.api.conftest import API_KEY, TEST_LIMITS, Api, serve
from tests.conftest import SEED_ARTICLE

INGEST = """mutation($input: IngestArticleInput!) { ingestArticle(input: $input) {
  __typename
  ... on IngestArticleSuccess { status warnings article { id headline source published
        people { name } } }
  ... on BadInput { message field }
  ... on Unauthorised { message } } }"""

DELETE = """mutation($id: ID!) { deleteArticle(id: $id) {
  __typename
  ... on DeleteArticleSuccess { id factsDeleted }
  ... on NotFound { message id }
  ... on BadInput { message field }
  ... on Unauthorised { message } } }"""

KEY = {"Authorization": f"Bearer {API_KEY}"}


async def _ingest(api: Api, data: dict[str, object], headers: dict[str, str] | None) -> dict:
    body = await api.gql(INGEST, {"input": data}, headers=headers)
    assert "errors" not in body, body
    result: dict = body["data"]["ingestArticle"]
    return result


@pytest.mark.parametrize(
    "headers",
    [None, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}, {"X-Api-Key": API_KEY}],
)
async def test_mutations_need_the_api_key(
    api: Api, empty_graph: AsyncDriver, headers: dict[str, str] | None
) -> None:
    result = await _ingest(api, {"text": "Some text."}, headers)
    assert result["__typename"] == "Unauthorised"
    assert "Authorization: Bearer" in result["message"]
    body = await api.gql(DELETE, {"id": "article/0123456789abcdef"}, headers=headers)
    assert body["data"]["deleteArticle"]["__typename"] == "Unauthorised"
    count = await empty_graph.execute_query("MATCH (n) RETURN count(n) AS n")
    assert count.records[0]["n"] == 0


async def test_mutations_are_disabled_without_a_configured_key(api_settings: Settings) -> None:
    async with serve(api_settings.replace(api_key=None), TEST_LIMITS) as api:
        result = await _ingest(api, {"text": "Some text."}, {"Authorization": "Bearer "})
    assert result["__typename"] == "Unauthorised"
    assert "disabled" in result["message"]


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ({}, "text", "Give the article's `text`"),
        ({"url": "file:///etc/passwd"}, "url", "http(s)"),
        ({"url": "/etc/passwd"}, "url", "http(s)"),
        ({"text": "   \n "}, "text", "empty"),
        ({"url": "http://127.0.0.1:9/closed-port"}, "url", "Refused to fetch"),
        ({"text": "x", "headline": "h" * 3000}, "headline", "longer than"),
    ],
)
async def test_bad_input_is_a_typed_result(
    api: Api, empty_graph: AsyncDriver, data: dict[str, object], field: str, fragment: str
) -> None:
    result = await _ingest(api, data, KEY)
    assert result["__typename"] == "BadInput"
    assert result["field"] == field
    assert fragment in result["message"]


async def test_ingest_then_query_then_delete_the_seed(api: Api, empty_graph: AsyncDriver) -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    data = {"text": text, "source": "Breitbart", "published": "2018-02-09"}
    created = await _ingest(api, data, KEY)
    assert created["__typename"] == "IngestArticleSuccess", created
    assert created["status"] == "CREATED"
    article = created["article"]
    assert article["headline"].startswith("London Police Consider")
    assert article["source"] == "Breitbart"
    assert article["published"] == "2018-02-09"
    assert {"Cressida Dick", "Stephen House"} <= {p["name"] for p in article["people"]}

    again = await _ingest(api, data, KEY)
    assert again["status"] == "UNCHANGED"
    assert again["article"]["id"] == article["id"]

    met = await api.data(
        """{ people(filter: {organisation: "organisation/metropolitan-police"}) {
             nodes { name roles { title } } } }"""
    )
    titles = {
        (p["name"], r["title"]) for p in met["people"]["nodes"] for r in p["roles"]
    }
    assert ("Cressida Dick", "Commissioner") in titles

    deleted = await api.gql(DELETE, {"id": article["id"]}, headers=KEY)
    result = deleted["data"]["deleteArticle"]
    assert result["__typename"] == "DeleteArticleSuccess"
    assert result["factsDeleted"] > 10
    gone = await api.data("query($id: ID!) { article(id: $id) { id } }", {"id": article["id"]})
    assert gone["article"] is None
    people = await api.data("{ people { totalCount } }")
    assert people["people"]["totalCount"] == 0


async def test_delete_unknown_or_malformed_ids(api: Api, empty_graph: AsyncDriver) -> None:
    missing = await api.gql(DELETE, {"id": "article/0123456789abcdef"}, headers=KEY)
    assert missing["data"]["deleteArticle"] == {
        "__typename": "NotFound",
        "message": "No article has id 'article/0123456789abcdef'.",
        "id": "article/0123456789abcdef",
    }
    wrong = await api.gql(DELETE, {"id": "person/cressida-dick"}, headers=KEY)
    assert wrong["data"]["deleteArticle"]["__typename"] == "BadInput"
    assert wrong["data"]["deleteArticle"]["field"] == "id"


async def test_mutations_are_not_allowed_over_get(api: Api) -> None:
    response = await api.client.get(
        "/graphql", params={"query": 'mutation { deleteArticle(id: "article/x") { __typename } }'}
    )
    assert response.status_code == 400

"""search(text:) over the full-text index: relevance, matched node, kinds, paging."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api

SEARCH = """query($text: String!, $kinds: [SearchKind!], $first: Int, $after: String) {
  search(text: $text, kinds: $kinds, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { score kind node { __typename id
      ... on Person { name } ... on Statement { text speaker { ... on Person { name } } }
      ... on Role { title } ... on Event { summary } } } } } }"""


async def test_search_finds_a_person_by_name_first(api: Api, gold: str) -> None:
    data = await api.data(SEARCH, {"text": "Cressida Dick"})
    hits = [e["node"] for e in data["search"]["edges"]]
    assert hits[0]["kind"] == "PERSON"
    assert hits[0]["node"] == {
        "__typename": "Person", "id": "person/cressida-dick", "name": "Cressida Dick"
    }
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)


async def test_search_finds_statements_with_their_speaker(api: Api, gold: str) -> None:
    data = await api.data(SEARCH, {"text": "stakeholders", "kinds": ["STATEMENT"]})
    [edge] = data["search"]["edges"]
    statement = edge["node"]["node"]
    assert statement["__typename"] == "Statement"
    assert statement["text"].startswith("Our consultation into the extended")
    assert statement["speaker"] == {"name": "Stephen House"}


async def test_search_by_alias_and_role_title(api: Api, gold: str) -> None:
    data = await api.data(SEARCH, {"text": "the Met", "kinds": ["ORGANISATION"]})
    assert data["search"]["edges"][0]["node"]["node"]["id"] == "organisation/metropolitan-police"
    roles = await api.data(SEARCH, {"text": "commissioner", "kinds": ["ROLE"]})
    assert {e["node"]["node"]["title"] for e in roles["search"]["edges"]} == {
        "Commissioner",
        "Assistant Commissioner",
    }


async def test_search_pages_do_not_repeat(api: Api, gold: str) -> None:
    everything = await api.data(SEARCH, {"text": "armed officers police", "first": 100})
    total = everything["search"]["totalCount"]
    assert total > 4
    seen: list[str] = []
    after = None
    while True:
        data = await api.data(SEARCH, {"text": "armed officers police", "first": 3, "after": after})
        seen += [e["node"]["node"]["id"] for e in data["search"]["edges"]]
        if not data["search"]["pageInfo"]["hasNextPage"]:
            break
        after = data["search"]["pageInfo"]["endCursor"]
    assert len(seen) == total == len(set(seen))


@pytest.mark.parametrize("text", ['Dick AND (', 'title:"x', "*", "Cressida~ /regex/ [a TO b]"])
async def test_lucene_syntax_in_the_text_is_taken_literally(
    api: Api, gold: str, text: str
) -> None:
    body = await api.gql(SEARCH, {"text": text})
    assert "errors" not in body or body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("text", ["", "   ", "x" * 201])
async def test_empty_or_huge_search_text_is_bad_input(api: Api, gold: str, text: str) -> None:
    body = await api.gql(SEARCH, {"text": text})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"

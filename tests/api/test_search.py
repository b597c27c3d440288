"""search(text:) over the full-text index: relevance, matched node, kinds, paging."""

from __future__ import annotations

import pytest

from api.graphql import plan
from api.graphql.pagination import encode_cursor
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


async def test_search_counts_and_pages_only_the_best_hits_of_its_window(
    api: Api, gold: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search reads no more than its window of best hits, so its cost does not grow
    with the graph: its count stops at the window, its pages end there, and the hits are
    the best ones in the same order as without the window."""
    words = "armed officers police"
    unbounded = await api.data(SEARCH, {"text": words, "first": 100})
    best = [e["node"]["node"]["id"] for e in unbounded["search"]["edges"]]
    assert unbounded["search"]["totalCount"] == len(best) > 4
    monkeypatch.setattr(plan, "WINDOW", 4)
    monkeypatch.setattr(plan, "FILTERED_WINDOW", 4)
    seen: list[str] = []
    after = None
    while True:
        data = await api.data(SEARCH, {"text": words, "first": 3, "after": after})
        assert data["search"]["totalCount"] == 4
        seen += [e["node"]["node"]["id"] for e in data["search"]["edges"]]
        if not data["search"]["pageInfo"]["hasNextPage"]:
            break
        after = data["search"]["pageInfo"]["endCursor"]
    assert seen == best[:4]
    deeper = encode_cursor({"s": 3})  # the last hit of the window: nothing lies after it
    body = await api.gql(SEARCH, {"text": words, "after": deeper})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "paged up to 4 hits deep" in body["errors"][0]["message"]


async def test_a_search_by_kind_reads_further_than_the_window_to_fill_it(
    api: Api, gold: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = await api.data(SEARCH, {"text": "police", "first": 100})
    hits = [e["node"] for e in everything["search"]["edges"]]
    # a kind that the best hit is not: with a window of one hit it would be missed
    other = next(h for h in hits if h["kind"] != hits[0]["kind"])
    monkeypatch.setattr(plan, "WINDOW", 1)
    monkeypatch.setattr(plan, "FILTERED_WINDOW", 1)
    narrow = await api.data(SEARCH, {"text": "police", "kinds": [other["kind"]]})
    assert narrow["search"]["totalCount"] == 0
    monkeypatch.setattr(plan, "FILTERED_WINDOW", len(hits))
    data = await api.data(SEARCH, {"text": "police", "kinds": [other["kind"]]})
    assert data["search"]["totalCount"] == 1
    assert [e["node"]["node"]["id"] for e in data["search"]["edges"]] == [other["node"]["id"]]

"""The seed article, read, extracted and written by the real loader and writer
(the ``seed_graph`` fixture), served over GraphQL: the answers contain what the
gold annotation (shared/data/seed/article.gold.json) says."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.conftest import seed_gold

GOLD = seed_gold()


def _gold_quotes(speaker: str) -> set[str]:
    return {s["quote"] for s in GOLD["statements"] if s["speaker"] == speaker}


async def test_gold_people_with_their_roles(api: Api, seed_graph: str) -> None:
    data = await api.data(
        "{ people(first: 50) { nodes { name anonymous roles { title organisation { name } } } } }"
    )
    people = {p["name"]: p for p in data["people"]["nodes"]}
    named = {p["name"] for p in GOLD["people"] if not p.get("anonymous")}
    assert named <= set(people)
    for role in GOLD["roles"]:
        held = {(r["title"], r["organisation"]["name"]) for r in people[role["person"]]["roles"]}
        assert (role["title"], role["organisation"]) in held


async def test_cressida_dick_statements_match_the_gold(api: Api, seed_graph: str) -> None:
    data = await api.data(
        """{ statements(first: 100, filter: {speaker: "person/cressida-dick"}) {
             totalCount nodes { text kind evidence { text article { id } } } } }"""
    )
    nodes = data["statements"]["nodes"]
    said = {s["text"] for s in nodes}
    assert _gold_quotes("Cressida Dick") <= said
    direct = {s["text"] for s in nodes if s["kind"] == "DIRECT"}
    gold_direct = {
        s["quote"]
        for s in GOLD["statements"]
        if s["speaker"] == "Cressida Dick" and s["kind"] == "direct"
    }
    assert gold_direct <= direct
    assert all(s["evidence"] and s["evidence"][0]["article"]["id"] == seed_graph for s in nodes)


async def test_stephen_house_quotes_one_statement_per_paragraph(
    api: Api, seed_graph: str
) -> None:
    data = await api.data(
        '{ person(id: "person/stephen-house") { honorific statements { text kind } } }'
    )
    person = data["person"]
    assert person["honorific"] == "Sir"
    assert _gold_quotes("Stephen House") <= {s["text"] for s in person["statements"]}


async def test_met_role_holders_from_the_organisation_side(api: Api, seed_graph: str) -> None:
    data = await api.data(
        """{ organisation(id: "organisation/metropolitan-police") {
             name roles { title person { name } } } }"""
    )
    holders = {(r["person"]["name"], r["title"]) for r in data["organisation"]["roles"]}
    assert holders == {
        ("Cressida Dick", "Commissioner"),
        ("Stephen House", "Assistant Commissioner"),
    }


async def test_gold_locations_and_containment(api: Api, seed_graph: str) -> None:
    data = await api.data("{ locations(first: 100) { nodes { name within { name } } } }")
    within = {loc["name"]: (loc["within"] or {}).get("name") for loc in data["locations"]["nodes"]}
    for loc in GOLD["locations"]:
        assert loc["name"] in within
        assert within[loc["name"]] == loc["within"], loc["name"]


async def test_gold_dated_events_and_their_places(api: Api, seed_graph: str) -> None:
    data = await api.data(
        """{ events(first: 100, filter: {date: {start: "2017-09-01", end: "2017-09-30"}}) {
             nodes { kind date location { name } } } }"""
    )
    found = {(e["kind"], e["date"], e["location"]["name"]) for e in data["events"]["nodes"]}
    gold = {
        (e["kind"], e["when"], e["where"])
        for e in GOLD["events"]
        if e["when"] and e["when"][:4].isdigit()
    }
    assert gold <= found


async def test_search_on_the_seed(api: Api, seed_graph: str) -> None:
    data = await api.data(
        """{ search(text: "stakeholders") { edges { node { node { __typename
             ... on Statement { speaker { ... on Person { name } } } } } } } }"""
    )
    first = data["search"]["edges"][0]["node"]["node"]
    assert first == {"__typename": "Statement", "speaker": {"name": "Stephen House"}}

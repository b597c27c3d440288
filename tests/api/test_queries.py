"""Root fields, by-id fields and nested traversals return what the gold annotation says."""

from __future__ import annotations

from tests.api.conftest import Api

DICK = "person/cressida-dick"
HOUSE = "person/stephen-house"
MET = "organisation/metropolitan-police"


async def test_person_by_id_has_the_gold_name_aliases_and_roles(api: Api, gold: str) -> None:
    data = await api.data(
        """query($id: ID!) { person(id: $id) { id name aliases anonymous
             roles { title status organisation { id name } } } }""",
        {"id": DICK},
    )
    person = data["person"]
    assert person["name"] == "Cressida Dick"
    assert set(person["aliases"]) >= {"Ms Dick"}
    assert person["anonymous"] is False
    assert [(r["title"], r["organisation"]["name"]) for r in person["roles"]] == [
        ("Commissioner", "Metropolitan Police")
    ]


async def test_unknown_but_well_formed_id_is_null(api: Api, gold: str) -> None:
    data = await api.data('{ person(id: "person/nobody-at-all") { name } }')
    assert data["person"] is None


async def test_cressida_dick_made_the_gold_statements(api: Api, gold: str) -> None:
    data = await api.data(
        """query($id: ID!) { person(id: $id) { statements { text kind
             speaker { ... on Person { id } } audience { ... on Organisation { name } } } } }""",
        {"id": DICK},
    )
    statements = data["person"]["statements"]
    texts = {s["text"] for s in statements}
    assert "This is so far from this, I cannot tell you" in texts
    assert "very short foot patrol in extreme circumstances" in texts
    assert len(statements) == 7
    assert {s["speaker"]["id"] for s in statements} == {DICK}
    direct = [s for s in statements if s["kind"] == "DIRECT"]
    assert len(direct) == 3
    audiences = {s["audience"]["name"] for s in statements if s["audience"]}
    assert audiences == {"London Assembly"}


async def test_role_holders_of_the_met_through_person_roles_organisation(
    api: Api, gold: str
) -> None:
    """person -> roles -> organisation -> its other role holders."""
    data = await api.data(
        """query($id: ID!) { person(id: $id) { roles { organisation {
             roles { title person { name honorific } } } } } }""",
        {"id": DICK},
    )
    holders = data["person"]["roles"][0]["organisation"]["roles"]
    assert sorted((r["person"]["name"], r["title"]) for r in holders) == [
        ("Cressida Dick", "Commissioner"),
        ("Stephen House", "Assistant Commissioner"),
    ]
    assert {r["person"]["honorific"] for r in holders} == {None, "Sir"}


async def test_statement_occasion_is_the_hearing_in_london(api: Api, gold: str) -> None:
    """person -> statements -> occasion/event -> location."""
    data = await api.data(
        """query($id: ID!) { person(id: $id) { statements {
             text occasion { kind dateText location { name } participants { role
               entity { ... on Organisation { name } ... on Person { name } } } } } } }""",
        {"id": DICK},
    )
    occasions = [s["occasion"] for s in data["person"]["statements"] if s["occasion"]]
    assert occasions, "the statements to the London Assembly have an occasion"
    hearing = occasions[0]
    assert hearing["kind"] == "hearing"
    assert hearing["dateText"] == "Thursday"
    assert hearing["location"]["name"] == "London"
    assert {p["entity"]["name"] for p in hearing["participants"]} == {
        "Cressida Dick",
        "London Assembly",
    }


async def test_location_events_and_places_within(api: Api, gold: str) -> None:
    data = await api.data(
        """{ location(id: "location/london") { name kind latitude within { name within { name } }
             contains { name } events { kind } } }"""
    )
    london = data["location"]
    assert london["within"]["name"] == "England"
    assert london["within"]["within"]["name"] == "United Kingdom"
    assert {c["name"] for c in london["contains"]} == {
        "Horse Guards Parade",
        "Parsons Green station",
        "Palace of Westminster",
        "Whitehall",
        "Buckingham Palace",
    }
    assert {e["kind"] for e in london["events"]} == {
        "policy proposal",
        "hearing",
        "consultation",
        "crime trend",
    }


async def test_article_supports_every_kind_of_fact(api: Api, gold: str) -> None:
    data = await api.data(
        """query($id: ID!) { article(id: $id) { headline
             people { name } organisations { name } locations { name }
             roles { title } events { kind } statements(first: 100) { text } } }""",
        {"id": gold},
    )
    article = data["article"]
    assert article["headline"].startswith("London Police Consider")
    assert {p["name"] for p in article["people"]} >= {"Cressida Dick", "Stephen House"}
    assert {o["name"] for o in article["organisations"]} == {
        "Metropolitan Police",
        "London Assembly",
        "Getty Images",
    }
    assert len(article["locations"]) == 11
    assert {r["title"] for r in article["roles"]} == {
        "Commissioner",
        "Assistant Commissioner",
        "Photographer",
    }
    assert len(article["events"]) == 8
    assert len(article["statements"]) == 11


async def test_evidence_points_into_the_article_text(api: Api, gold: str) -> None:
    data = await api.data(
        """query($id: ID!) { person(id: $id) { evidence { start end text sentence
             article { id text } } roles { evidence { text } } } }""",
        {"id": DICK},
    )
    evidence = data["person"]["evidence"]
    assert evidence
    for span in evidence:
        text = span["article"]["text"]
        assert text[span["start"] : span["end"]] == span["text"]
        assert span["text"] in span["sentence"]
        assert span["article"]["id"] == gold
    assert data["person"]["roles"][0]["evidence"]


async def test_every_fact_type_exposes_evidence(api: Api, gold: str) -> None:
    data = await api.data(
        """{ statements(first: 100) { nodes { evidence { text } } }
             events(first: 100) { nodes { evidence { text } } }
             roles { nodes { evidence { text } } }
             organisations { nodes { evidence { text } } }
             locations(first: 100) { nodes { evidence { text } } } }"""
    )
    for field in ("statements", "events", "roles", "organisations", "locations"):
        assert all(n["evidence"] for n in data[field]["nodes"]), field


async def test_node_interface_resolves_any_type(api: Api, gold: str) -> None:
    data = await api.data(
        """query($a: ID!, $b: ID!, $c: ID!) {
             a: node(id: $a) { __typename id ... on Person { name } }
             b: node(id: $b) { __typename ... on Organisation { name } }
             c: node(id: $c) { __typename ... on Article { headline } } }""",
        {"a": DICK, "b": MET, "c": gold},
    )
    assert data["a"] == {"__typename": "Person", "id": DICK, "name": "Cressida Dick"}
    assert data["b"] == {"__typename": "Organisation", "name": "Metropolitan Police"}
    assert data["c"]["__typename"] == "Article"


async def test_each_root_connection_counts_the_gold(api: Api, gold: str) -> None:
    data = await api.data(
        """{ people { totalCount } organisations { totalCount } locations { totalCount }
             roles { totalCount } events { totalCount } statements { totalCount }
             articles { totalCount nodes { id } } }"""
    )
    assert {k: v["totalCount"] for k, v in data.items()} == {
        "people": 4,
        "organisations": 3,
        "locations": 11,
        "roles": 3,
        "events": 8,
        "statements": 11,
        "articles": 1,
    }
    assert data["articles"]["nodes"] == [{"id": gold}]


async def test_each_by_id_root_field(api: Api, gold: str) -> None:
    ids = await api.data(
        "{ roles(first: 1) { nodes { id } } events(first: 1) { nodes { id } } "
        "statements(first: 1) { nodes { id } } }"
    )
    data = await api.data(
        """query($role: ID!, $event: ID!, $statement: ID!, $article: ID!) {
             organisation(id: "organisation/metropolitan-police") { name }
             location(id: "location/dover") { name within { name } }
             role(id: $role) { id } event(id: $event) { id } statement(id: $statement) { id }
             article(id: $article) { id } }""",
        {
            "role": ids["roles"]["nodes"][0]["id"],
            "event": ids["events"]["nodes"][0]["id"],
            "statement": ids["statements"]["nodes"][0]["id"],
            "article": gold,
        },
    )
    assert data["organisation"]["name"] == "Metropolitan Police"
    assert data["location"] == {"name": "Dover", "within": {"name": "England"}}
    assert data["role"]["id"] == ids["roles"]["nodes"][0]["id"]
    assert data["event"]["id"] == ids["events"]["nodes"][0]["id"]
    assert data["statement"]["id"] == ids["statements"]["nodes"][0]["id"]
    assert data["article"]["id"] == gold

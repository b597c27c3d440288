"""roleClaims (filters on status and date) and statementsInRole over GraphQL."""

from __future__ import annotations

from neo4j import AsyncDriver

from graph.driver import Connection
from graph.writer import write_extraction
from tests.api.conftest import Api
from tests.graph.test_roles_in_time import HARBOUR, reports

CLAIMS = """query($filter: RoleClaimFilter) { roleClaims(filter: $filter, first: 10) {
  status since asOf sentence person { name } role { title } article { headline } } }"""
SPOKEN = """query($org: ID) { statementsInRole(title: "commissioner", organisation: $org) {
  statement { text } role { title } } }"""


async def test_role_claims_filter_on_status_and_date_and_statements_follow_the_role(
    api: Api, driver: AsyncDriver, connection: Connection
) -> None:
    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=connection.database)
    for extraction in reports():
        await write_extraction(driver, connection.database, extraction)

    current_2019 = await api.data(CLAIMS, {"filter": {
        "title": "Commissioner", "status": "CURRENT",
        "date": {"start": "2019-01-01", "end": "2019-12-31"},
    }})
    assert [(c["person"]["name"], c["asOf"], c["status"])
            for c in current_2019["roleClaims"]] == [("Lee Okafor", "2019-08-01", "CURRENT")]
    former = await api.data(CLAIMS, {"filter": {"status": "FORMER"}})
    (claim,) = former["roleClaims"]
    assert claim["person"]["name"] == "Dana Whitfield"
    assert claim["article"]["headline"] == "Harbour report harbour-2019a"
    assert "commissioner Dana Whitfield of the Harbour Police" in claim["sentence"]
    in_2017 = await api.data(CLAIMS, {"filter": {"date": {"end": "2017-12-31"}}})
    assert [(c["person"]["name"], c["since"]) for c in in_2017["roleClaims"]] == [
        ("Dana Whitfield", "2016")
    ]

    spoken = await api.data(SPOKEN, {"org": HARBOUR})
    assert sorted(s["statement"]["text"] for s in spoken["statementsInRole"]) == [
        "the ferry terminal would get more officers",
        "the night patrols would continue through the winter",
    ]

    bad = await api.gql(CLAIMS, {"filter": {"organisation": "person/x"}})
    assert bad["errors"][0]["extensions"]["code"] == "INVALID_ID"
    assert "organisation/" in bad["errors"][0]["message"]

"""Roles in time: the status and date each article gives a role, statements linked to
the role their speaker held; docs/cypher.md's two queries on the seed graph plus
articles written here, and the GraphQL fields over them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from neo4j import AsyncDriver

from graph import role_time
from graph.cypher import run_query
from graph.driver import Connection
from graph.writer import delete_article, write_extraction
from schema.ids import entity_id, fact_id
from schema.model import (
    Extraction,
    Organisation,
    Person,
    Role,
    RoleStatus,
    Statement,
    StatementKind,
)
from tests.graph.factories import article, span
from tests.graph.test_cypher_docs import EXAMPLES, Example

WHITFIELD = entity_id("person", "Dana Whitfield")
OKAFOR = entity_id("person", "Lee Okafor")
HARBOUR = entity_id("organisation", "Harbour Police")


def _report(key: str, published: dt.date, text: str, who: str, name: str, wording: str,
            status: RoleStatus, said: str, since: str | None = None) -> Extraction:
    art = dataclasses.replace(article(key, text, headline=f"Harbour report {key}"),
                              published=published)
    return Extraction(
        art,
        people=(Person(who, name, mentions=(span(text, name),)),),
        organisations=(Organisation(HARBOUR, "Harbour Police",
                                    mentions=(span(text, "Harbour Police"),)),),
        roles=(Role(fact_id("role", who, "Commissioner", HARBOUR), who, "Commissioner",
                    HARBOUR, wording, status, evidence=(span(text, wording),), since=since),),
        statements=(Statement(fact_id("statement", art.id, said), said,
                              StatementKind.INDIRECT, who, evidence=(span(text, said),)),),
    )


def reports() -> list[Extraction]:
    early = ("Commissioner Dana Whitfield of the Harbour Police said the night patrols "
             "would continue through the winter.")
    later = ("Former commissioner Dana Whitfield of the Harbour Police said the night "
             "patrols had halved thefts at the docks.")
    newer = ("Commissioner Lee Okafor of the Harbour Police said the ferry terminal would "
             "get more officers.")
    return [
        _report("harbour-2017", dt.date(2017, 3, 2), early, WHITFIELD, "Dana Whitfield",
                "Commissioner Dana Whitfield of the Harbour Police", RoleStatus.CURRENT,
                "the night patrols would continue through the winter", since="2016"),
        _report("harbour-2019a", dt.date(2019, 6, 10), later, WHITFIELD, "Dana Whitfield",
                "Former commissioner Dana Whitfield of the Harbour Police", RoleStatus.FORMER,
                "the night patrols had halved thefts at the docks"),
        _report("harbour-2019b", dt.date(2019, 8, 1), newer, OKAFOR, "Lee Okafor",
                "Commissioner Lee Okafor of the Harbour Police", RoleStatus.CURRENT,
                "the ferry terminal would get more officers"),
    ]


def example(number: str) -> Example:
    return next(e for e in EXAMPLES if e.title.startswith(f"{number}. "))


async def test_roles_at_a_date_answers_per_article_with_its_status_and_date(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    for extraction in reports():
        await write_extraction(driver, db, extraction)
    query = example("15")

    in_2017 = await run_query(driver, db, query.query, query.params)
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in in_2017.rows] == [
        ("Dana Whitfield", "Harbour Police", "current", "2016", "2017-03-02"),
        ("Cressida Dick", "Metropolitan Police", "current", None, "2017-09-16"),
    ]
    in_2019 = await run_query(
        driver, db, query.query, {**query.params, "start": "2019-01-01", "end": "2019-12-31"}
    )
    assert [(r[0], r[2], r[4], r[5]) for r in in_2019.rows] == [
        ("Dana Whitfield", "former", "2019-06-10", "Harbour report harbour-2019a"),
        ("Lee Okafor", "current", "2019-08-01", "Harbour report harbour-2019b"),
    ]
    # one Role node for Whitfield's office, though the articles disagree on its status
    roles, _, _ = await driver.execute_query(
        "MATCH (:Person {id: $id})-[:HOLDS]->(r:Role) RETURN count(r) AS n",
        {"id": WHITFIELD}, database_=db,
    )
    assert roles[0]["n"] == 1

    former = await role_time.role_claims(driver, db, title="commissioner",
                                         status=RoleStatus.FORMER)
    assert [(c.person, c.as_of) for c in former] == [(WHITFIELD, "2019-06-10")]


async def test_statements_by_role_follow_the_role_held_in_each_article(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    db = connection.database
    for extraction in reports():
        await write_extraction(driver, db, extraction)
    query = example("16")

    result = await run_query(driver, db, query.query, query.params)
    said = {(r[0], r[1], r[3]) for r in result.rows}
    assert ("Dana Whitfield", "Harbour Police",
            "the night patrols would continue through the winter") in said
    assert ("Lee Okafor", "Harbour Police", "the ferry terminal would get more officers") in said
    # quoted as a former commissioner: not what the Commissioner said
    assert not any(words.startswith("the night patrols had halved") for _, _, words in said)
    assert ("Cressida Dick", "Metropolitan Police",
            "it was not a move towards officers routinely carrying weapons") in said

    # the link goes with its article
    await delete_article(driver, db, reports()[0].article.id)
    after = await run_query(driver, db, query.query, query.params)
    assert not any(r[0] == "Dana Whitfield" for r in after.rows)
    spoken = await role_time.spoken_in_role(driver, db, title="Commissioner",
                                            organisation=HARBOUR)
    assert len(spoken) == 1

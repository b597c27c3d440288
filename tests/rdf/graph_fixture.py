"""A small graph for the RDF tests: two articles as extractions, written by the writer.

The first tells of Cressida Dick and Stephen House at the Metropolitan Police and
holds a quotation with quote marks, a backslash, a newline and non-ASCII
characters; the second calls her "Ms Dick", and the writer's alias resolution
merges that into her node, so she is one node evidenced by both. Every fact is
``EVIDENCED_BY`` a ``Mention`` that is ``FROM`` its article, with offsets into the
article's text, exactly as ``graph.writer`` writes them. One relationship is not
the writer's: ``SAME_AS`` from the second article's "Met Police" to the
Metropolitan Police, a merge decision a person makes (docs/graph-model.md).
"""

from __future__ import annotations

import datetime as dt

from neo4j import AsyncDriver

from graph.writer import write_extraction
from schema.ids import article_id, checksum, entity_id, fact_id
from schema.model import (
    Article,
    Event,
    Evidence,
    Extraction,
    Location,
    Organisation,
    Participant,
    Person,
    Role,
    Statement,
    StatementKind,
)

TRICKY = (
    'He said "no" \u2014 a back\\slash,\na new line, '
    "na\u00efve caf\u00e9 \u201cquotes\u201d & \U0001f600"
)

TEXT_A = (
    "Armed police may patrol London streets\n"
    "\n"
    "Cressida Dick, the Metropolitan Police commissioner, told the London Assembly on "
    "Thursday that officers would take a \u201cvery short foot patrol in extreme "
    "circumstances\u201d. Ms Dick added: \u201c" + TRICKY + "\u201d.\n"
    "Sir Stephen House, an assistant commissioner of the Met, said: \u201cWe are not "
    "considering routine deployments of armed officers in our communities.\u201d\n"
    "A photographer, Jack Taylor, took the picture in London, England."
)
TEXT_B = "In a second report, Ms Dick of the Met Police spoke in London again."

ARTICLE_A = article_id("https://news.example/armed-patrols")
ARTICLE_B = article_id("https://news.example/second-report")

DICK = entity_id("person", "Cressida Dick")
HOUSE = entity_id("person", "Stephen House")
TAYLOR = entity_id("person", "Jack Taylor")
MET = entity_id("organisation", "Metropolitan Police")
MET_POLICE = entity_id("organisation", "Met Police")
ASSEMBLY = entity_id("organisation", "London Assembly")
LONDON = entity_id("location", "London")
ENGLAND = entity_id("location", "England")
ROLE_DICK = fact_id("role", DICK, "Commissioner", MET)
ROLE_HOUSE = fact_id("role", HOUSE, "Assistant Commissioner", MET)
ROLE_TAYLOR = fact_id("role", TAYLOR, "Photographer", None)
EVENT = fact_id("event", ARTICLE_A, "patrol")
QUOTE_PATROL = fact_id("statement", ARTICLE_A, "patrol")
QUOTE_TRICKY = fact_id("statement", ARTICLE_A, "tricky")
QUOTE_HOUSE = fact_id("statement", ARTICLE_A, "house")

PATROL_WORDS = "very short foot patrol in extreme circumstances"
HOUSE_WORDS = "We are not considering routine deployments of armed officers in our communities."

SAID_BY_DICK = frozenset({"very short foot patrol in extreme circumstances", TRICKY})
ROLES_AT_MET = frozenset(
    {("Cressida Dick", "Commissioner"), ("Stephen House", "Assistant Commissioner")}
)


def _span(text: str, phrase: str, nth: int = 0) -> Evidence:
    """Evidence for the ``nth`` ``phrase`` in ``text``, inside its sentence."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    return Evidence(start, end, phrase, text[left:right], left, right)


def extractions() -> tuple[Extraction, Extraction]:
    """The two articles' extractions, in the order they are written."""
    a = TEXT_A
    first = Extraction(
        Article(
            ARTICLE_A, a, checksum(a), headline="Armed police may patrol London streets",
            url="https://news.example/armed-patrols?x=1&y=\u00e9", source="Example News",
            published=dt.date(2017, 9, 16),
        ),
        people=(
            Person(DICK, "Cressida Dick", aliases=("Ms Dick", "Dick"), honorific="Ms",
                   mentions=(_span(a, "Cressida Dick"), _span(a, "Ms Dick"))),
            Person(HOUSE, "Stephen House", aliases=("Sir Stephen House",), honorific="Sir",
                   mentions=(_span(a, "Sir Stephen House"),)),
            Person(TAYLOR, "Jack Taylor", mentions=(_span(a, "Jack Taylor"),)),
        ),
        organisations=(
            Organisation(MET, "Metropolitan Police", aliases=("the Met",),
                         mentions=(_span(a, "Metropolitan Police"), _span(a, "the Met", 1))),
            Organisation(ASSEMBLY, "London Assembly", mentions=(_span(a, "London Assembly"),)),
        ),
        locations=(
            Location(LONDON, "London", kind="city", within=ENGLAND, latitude=51.5074,
                     longitude=-0.1278, mentions=(_span(a, "London"),)),
            Location(ENGLAND, "England", kind="country", mentions=(_span(a, "England"),)),
        ),
        roles=(
            Role(ROLE_DICK, DICK, "Commissioner", MET, "the Metropolitan Police commissioner",
                 evidence=(_span(a, "the Metropolitan Police commissioner"),)),
            Role(ROLE_HOUSE, HOUSE, "Assistant Commissioner", MET,
                 "an assistant commissioner of the Met",
                 evidence=(_span(a, "an assistant commissioner of the Met"),)),
            Role(ROLE_TAYLOR, TAYLOR, "Photographer", None, "A photographer",
                 evidence=(_span(a, "A photographer"),)),
        ),
        statements=(
            Statement(QUOTE_PATROL, PATROL_WORDS, StatementKind.DIRECT, DICK,
                      audience=ASSEMBLY, occasion=EVENT, when="Thursday",
                      evidence=(_span(a, PATROL_WORDS),)),
            Statement(QUOTE_TRICKY, TRICKY, StatementKind.DIRECT, DICK,
                      evidence=(_span(a, TRICKY),)),
            Statement(QUOTE_HOUSE, HOUSE_WORDS, StatementKind.DIRECT, HOUSE, when="2017-09-15",
                      evidence=(_span(a, HOUSE_WORDS),)),
        ),
        events=(
            Event(EVENT, "patrol", "Armed officers take short foot patrols", date="2017-09-14",
                  date_text="Thursday", location=LONDON,
                  participants=(Participant(MET, "agent"), Participant(DICK, "speaker")),
                  evidence=(_span(a, "officers would take a"),)),
        ),
    )
    b = TEXT_B
    second = Extraction(
        Article(ARTICLE_B, b, checksum(b), url="https://news.example/second-report"),
        # "Ms Dick" is an alias of Cressida Dick's node: the writer merges her into it.
        people=(Person(entity_id("person", "Ms Dick"), "Ms Dick", honorific="Ms",
                       mentions=(_span(b, "Ms Dick"),)),),
        organisations=(
            Organisation(MET_POLICE, "Met Police", mentions=(_span(b, "the Met Police"),)),
        ),
        locations=(Location(LONDON, "London", kind="city", mentions=(_span(b, "London"),)),),
    )
    return first, second


_SAME_AS = """
MATCH (a:Organisation {id: $a})
MATCH (b:Organisation {id: $b})
MERGE (a)-[:SAME_AS]->(b)
"""


_CLEAR = "MATCH (n) DETACH DELETE n"


async def load(driver: AsyncDriver, database: str) -> None:
    """Replace the database's content with the fixture graph: the two extractions written
    by the writer, one after the other, and a person's SAME_AS decision."""
    await driver.execute_query(_CLEAR, database_=database)
    for extraction in extractions():
        await write_extraction(driver, database, extraction)
    await driver.execute_query(_SAME_AS, a=MET_POLICE, b=MET, database_=database)

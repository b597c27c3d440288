"""A small graph in the shape of docs/graph-model.md, written with parameterised Cypher.

Two articles: the first tells of Cressida Dick and Stephen House at the
Metropolitan Police and holds a quotation with quote marks, a backslash, a
newline and non-ASCII characters; the second mentions Ms Dick again, so she is
one node evidenced by both. Every fact is ``EVIDENCED_BY`` a ``Mention`` that is
``FROM`` its article, with offsets into the article's text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver

from schema.ids import article_id, entity_id, fact_id
from schema.labels import Label, RelType

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

SAID_BY_DICK = frozenset({"very short foot patrol in extreme circumstances", TRICKY})
ROLES_AT_MET = frozenset(
    {("Cressida Dick", "Commissioner"), ("Stephen House", "Assistant Commissioner")}
)


@dataclass
class FixtureGraph:
    """Nodes and relationships to write, by label and type (the model's whitelists)."""

    nodes: dict[Label, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[RelType, list[dict[str, Any]]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    def node(self, label: Label, **props: Any) -> None:
        """Add a node once: a second node with the same id is the same node."""
        if props["id"] in self.ids:
            return
        self.ids.add(props["id"])
        props.setdefault("name", props["id"])
        self.nodes.setdefault(label, []).append(props)

    def rel(self, kind: RelType, start: str, end: str, **props: Any) -> None:
        self.rels.setdefault(kind, []).append({"start": start, "end": end, "props": props})

    def mention(
        self, fact: str, article: str, text: str, phrase: str, nth: int = 0, **props: Any
    ) -> str:
        """Evidence of ``fact``: the ``nth`` ``phrase`` in ``text``."""
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        return self.span(fact, article, start, phrase, **props)

    def span(self, fact: str, article: str, start: int, phrase: str, **props: Any) -> str:
        """Evidence of ``fact``: ``phrase`` at ``start`` in the article's text."""
        end = start + len(phrase)
        mention = fact_id("mention", article, start, end)
        if mention not in self.ids:
            self.node(
                Label.MENTION, id=mention, name=phrase[:60], article=article, start=start,
                end=end, text=phrase, sentence=phrase, sentenceStart=start, sentenceEnd=end,
            )  # fmt: skip
            self.rel(RelType.FROM, mention, article)
        self.rel(RelType.EVIDENCED_BY, fact, mention, **props)
        return mention


def build() -> FixtureGraph:
    g = FixtureGraph()
    g.node(
        Label.ARTICLE, id=ARTICLE_A, name="Armed police may patrol London streets",
        url="https://news.example/armed-patrols?x=1&y=\u00e9", checksum="a",
        headline="Armed police may patrol London streets", published=dt.date(2017, 9, 16),
        source="Example News", text=TEXT_A,
    )  # fmt: skip
    g.node(
        Label.ARTICLE, id=ARTICLE_B, name=ARTICLE_B, checksum="b", text=TEXT_B,
        url="https://news.example/second-report",
    )  # fmt: skip
    g.node(
        Label.PERSON, id=DICK, name="Cressida Dick", aliases=["Ms Dick", "Dick"],
        aliasText="Ms Dick | Dick", honorific="Ms", anonymous=False,
    )  # fmt: skip
    g.node(
        Label.PERSON, id=HOUSE, name="Stephen House", aliases=["Sir Stephen House"],
        aliasText="Sir Stephen House", honorific="Sir", anonymous=False,
    )  # fmt: skip
    g.node(Label.PERSON, id=TAYLOR, name="Jack Taylor", aliases=[], anonymous=False)
    g.node(Label.ORGANISATION, id=MET, name="Metropolitan Police", aliases=["the Met"])
    g.node(Label.ORGANISATION, id=MET_POLICE, name="Met Police", aliases=[])
    g.rel(RelType.SAME_AS, MET_POLICE, MET)
    g.node(Label.ORGANISATION, id=ASSEMBLY, name="London Assembly", aliases=[])
    g.node(
        Label.LOCATION, id=LONDON, name="London", aliases=[], kind="city",
        latitude=51.5074, longitude=-0.1278,
    )  # fmt: skip
    g.node(Label.LOCATION, id=ENGLAND, name="England", aliases=[], kind="country")
    g.rel(RelType.WITHIN, LONDON, ENGLAND, articles=[ARTICLE_A])

    g.mention(DICK, ARTICLE_A, TEXT_A, "Cressida Dick", aliases=["Cressida Dick", "Dick"])
    g.mention(DICK, ARTICLE_A, TEXT_A, "Ms Dick", aliases=["Ms Dick"])
    g.mention(DICK, ARTICLE_B, TEXT_B, "Ms Dick", aliases=["Ms Dick"])
    g.mention(HOUSE, ARTICLE_A, TEXT_A, "Sir Stephen House", aliases=["Sir Stephen House"])
    g.mention(TAYLOR, ARTICLE_A, TEXT_A, "Jack Taylor", aliases=[])
    g.mention(MET, ARTICLE_A, TEXT_A, "Metropolitan Police", aliases=[])
    g.mention(MET, ARTICLE_A, TEXT_A, "the Met", nth=1, aliases=["the Met"])
    g.mention(MET_POLICE, ARTICLE_B, TEXT_B, "the Met Police", aliases=[])
    g.mention(ASSEMBLY, ARTICLE_A, TEXT_A, "London Assembly", aliases=[])
    g.mention(LONDON, ARTICLE_A, TEXT_A, "London", aliases=[])
    g.mention(LONDON, ARTICLE_B, TEXT_B, "London", aliases=[])
    g.mention(ENGLAND, ARTICLE_A, TEXT_A, "England", aliases=[])

    for role, person, title, org, wording in (
        (ROLE_DICK, DICK, "Commissioner", MET, "the Metropolitan Police commissioner"),
        (ROLE_HOUSE, HOUSE, "Assistant Commissioner", MET, "an assistant commissioner of the Met"),
        (ROLE_TAYLOR, TAYLOR, "Photographer", None, "A photographer"),
    ):
        name = f"{title}, Metropolitan Police" if org else title
        g.node(Label.ROLE, id=role, name=name, title=title, wording=[wording], status="current")
        g.rel(RelType.HOLDS, person, role)
        if org:
            g.rel(RelType.AT, role, org)
        g.mention(role, ARTICLE_A, TEXT_A, wording, wording=wording)

    g.node(
        Label.EVENT, id=EVENT, name="Armed foot patrols", article=ARTICLE_A, kind="patrol",
        summary="Armed officers take short foot patrols", date="2017-09-14", dateText="Thursday",
    )  # fmt: skip
    g.rel(RelType.IN, EVENT, LONDON)
    g.rel(RelType.INVOLVED, EVENT, MET, **{"as": "agent"})
    g.rel(RelType.INVOLVED, EVENT, DICK, **{"as": "speaker"})
    g.mention(EVENT, ARTICLE_A, TEXT_A, "officers would take a")

    for statement, speaker, words, when in (
        (QUOTE_PATROL, DICK, "very short foot patrol in extreme circumstances", "Thursday"),
        (QUOTE_TRICKY, DICK, TRICKY, None),
        (
            QUOTE_HOUSE, HOUSE,
            "We are not considering routine deployments of armed officers in our communities.",
            "2017-09-15",
        ),
    ):  # fmt: skip
        g.node(
            Label.STATEMENT, id=statement, name=words[:60], article=ARTICLE_A, text=words,
            kind="direct", when=when,
        )  # fmt: skip
        g.rel(RelType.SAID, speaker, statement)
        g.mention(statement, ARTICLE_A, TEXT_A, words)
    g.rel(RelType.TO, QUOTE_PATROL, ASSEMBLY)
    g.rel(RelType.AT, QUOTE_PATROL, EVENT)
    g.rel(RelType.MENTIONS, QUOTE_HOUSE, MET)
    return g


_CLEAR = "MATCH (n) DETACH DELETE n"


async def load(driver: AsyncDriver, database: str) -> None:
    """Replace the database's content with the fixture graph."""
    await write(driver, database, build())


async def write(driver: AsyncDriver, database: str, g: FixtureGraph) -> None:
    """Replace the database's content with ``g`` (batched: fast for large graphs too)."""
    await driver.execute_query(_CLEAR, database_=database)
    labels = {row["id"]: label for label, rows in g.nodes.items() for row in rows}
    for label, rows in g.nodes.items():
        for chunk in _chunks(rows):
            # Labels and types come from the schema enums (a whitelist), never from input.
            await driver.execute_query(
                f"UNWIND $rows AS row CREATE (n:{label.value}) SET n = row",
                rows=chunk,
                database_=database,
            )
    for kind, rels in g.rels.items():
        by_labels: dict[tuple[Label, Label], list[dict[str, Any]]] = {}
        for rel in rels:
            by_labels.setdefault((labels[rel["start"]], labels[rel["end"]]), []).append(rel)
        for (start, end), group in by_labels.items():
            for chunk in _chunks(group):
                await driver.execute_query(
                    f"UNWIND $rels AS rel MATCH (a:{start.value} {{id: rel.start}}) "
                    f"MATCH (b:{end.value} {{id: rel.end}}) "
                    f"CREATE (a)-[r:{kind.value}]->(b) SET r = rel.props",
                    rels=chunk,
                    database_=database,
                )


def _chunks(rows: list[dict[str, Any]], size: int = 5000) -> list[list[dict[str, Any]]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]

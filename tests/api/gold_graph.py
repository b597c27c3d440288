"""Test data written in the shape of docs/graph-model.md, with parameterised Cypher.

``load_gold`` writes the seed article and its gold annotation (so API tests can
assert what the gold says before the real loader+writer land, and independently
of extraction quality); ``load_many`` writes a synthetic graph of many rows for
the round-trip and pagination tests.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver

from schema.ids import article_id, checksum, entity_id, fact_id
from tests.conftest import SEED_ARTICLE, SEED_GOLD

HEADLINE = "London Police Consider Deploying Openly Armed Officers in Gang Areas"

# One statement per label (no APOC on the test server).
_MERGE_NODE = {
    label: f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props"
    for label in (
        "Article", "Person", "Organisation", "Location", "Role", "Event", "Statement", "Mention"
    )
}
_RELS = {
    (start, rel, end): (
        f"UNWIND $rows AS row MATCH (a:{start} {{id: row.a}}) MATCH (b:{end} {{id: row.b}}) "
        f"MERGE (a)-[r:{rel}]->(b) SET r += row.props"
    )
    for start, rel, end in (
        ("Person", "HOLDS", "Role"),
        ("Role", "AT", "Organisation"),
        ("Event", "IN", "Location"),
        ("Event", "INVOLVED", "Person"),
        ("Event", "INVOLVED", "Organisation"),
        ("Person", "SAID", "Statement"),
        ("Organisation", "SAID", "Statement"),
        ("Statement", "TO", "Organisation"),
        ("Statement", "TO", "Person"),
        ("Statement", "AT", "Event"),
        ("Statement", "MENTIONS", "Location"),
        ("Statement", "MENTIONS", "Person"),
        ("Statement", "MENTIONS", "Organisation"),
        ("Location", "WITHIN", "Location"),
        ("Person", "EVIDENCED_BY", "Mention"),
        ("Organisation", "EVIDENCED_BY", "Mention"),
        ("Location", "EVIDENCED_BY", "Mention"),
        ("Role", "EVIDENCED_BY", "Mention"),
        ("Event", "EVIDENCED_BY", "Mention"),
        ("Statement", "EVIDENCED_BY", "Mention"),
        ("Mention", "FROM", "Article"),
    )
}


@dataclass
class GraphData:
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)

    def node(self, label: str, node_id: str, **props: Any) -> str:
        self.nodes.setdefault(label, []).append({"id": node_id, "props": {"id": node_id, **props}})
        return node_id

    def rel(self, start: str, rel: str, end: str, a: str, b: str, **props: Any) -> None:
        self.rels.setdefault((start, rel, end), []).append({"a": a, "b": b, "props": props})

    async def write(self, driver: AsyncDriver, database: str) -> None:
        for label, rows in self.nodes.items():
            await driver.execute_query(_MERGE_NODE[label], rows=rows, database_=database)
        for key, rows in self.rels.items():
            await driver.execute_query(_RELS[key], rows=rows, database_=database)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    return left, min(right, len(text))


class _Article:
    def __init__(self, data: GraphData, text: str, art_id: str) -> None:
        self.data, self.text, self.id = data, text, art_id

    def span(self, phrase: str, *, start: int = 0) -> tuple[int, int] | None:
        match = re.search(re.escape(phrase), self.text[start:], re.IGNORECASE)
        if match is None:
            return None
        return start + match.start(), start + match.end()

    def cite(self, label: str, fact: str, begin: int, end: int) -> None:
        s_start, s_end = _sentence(self.text, begin, end)
        mention = fact_id("mention", self.id, fact, begin, end)
        self.data.node(
            "Mention",
            mention,
            name=self.text[begin:end],
            article=self.id,
            start=begin,
            end=end,
            text=self.text[begin:end],
            sentence=self.text[s_start:s_end].strip(),
            sentenceStart=s_start,
            sentenceEnd=s_end,
        )
        self.data.rel(label, "EVIDENCED_BY", "Mention", fact, mention)
        self.data.rel("Mention", "FROM", "Article", mention, self.id)

    def cite_all(self, label: str, fact: str, phrases: list[str]) -> None:
        for phrase in phrases:
            for match in re.finditer(r"\b" + re.escape(phrase) + r"\b", self.text):
                self.cite(label, fact, match.start(), match.end())


_EVENT_ANCHORS = {
    "policy proposal": "considering sending visibly armed officers",
    "hearing": "told the London assembly Thursday",
    "attack": "terror attack on Parsons Green station",
    "arrest": "arrested in Dover",
    "patrol": "patrols in Horse Guards Parade",
    "statement": "played down the news in a statement",
    "consultation": "Our consultation into the extended",
    "crime trend": "violent crime wave",
}
_KINDS = {
    "London": "city",
    "England": "country",
    "United Kingdom": "country",
    "Northern Ireland": "country",
    "Dover": "town",
    "Parsons Green station": "station",
    "Horse Guards Parade": "landmark",
    "Palace of Westminster": "landmark",
    "Buckingham Palace": "landmark",
    "Whitehall": "street",
    "mainland Britain": "region",
}


def gold_graph() -> tuple[GraphData, str]:
    """The seed article and its gold annotation as graph rows; returns (data, article id)."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    data = GraphData()
    art = article_id("text:" + checksum(text))
    data.node(
        "Article",
        art,
        name=HEADLINE,
        headline=HEADLINE,
        url=None,
        source="seed",
        checksum=checksum(text),
        text=text,
    )
    doc = _Article(data, text, art)
    ids: dict[str, str] = {}
    for person in gold["people"]:
        name = person["name"]
        pid = (
            fact_id("person", art, name) if person.get("anonymous") else entity_id("person", name)
        )
        ids[name] = pid
        aliases = person.get("aliases", [])
        data.node(
            "Person",
            pid,
            name=name,
            aliases=aliases,
            aliasText=" | ".join(aliases),
            honorific=person.get("honorific"),
            anonymous=bool(person.get("anonymous")),
        )
        doc.cite_all("Person", pid, [name, *aliases])
    for org in gold["organisations"]:
        oid = entity_id("organisation", org["name"])
        ids[org["name"]] = oid
        aliases = org.get("aliases", [])
        data.node(
            "Organisation", oid, name=org["name"], aliases=aliases, aliasText=" | ".join(aliases)
        )
        doc.cite_all("Organisation", oid, [org["name"], *aliases])
    for loc in gold["locations"]:
        lid = entity_id("location", loc["name"])
        ids[loc["name"]] = lid
        aliases = loc.get("aliases", [])
        coords = {"latitude": 51.5074, "longitude": -0.1278} if loc["name"] == "London" else {}
        data.node(
            "Location",
            lid,
            name=loc["name"],
            aliases=aliases,
            aliasText=" | ".join(aliases),
            kind=_KINDS.get(loc["name"]),
            **coords,
        )
        doc.cite_all("Location", lid, [loc["name"], *aliases])
    for loc in gold["locations"]:
        if loc.get("within"):
            data.rel("Location", "WITHIN", "Location", ids[loc["name"]], ids[loc["within"]])
    for role in gold["roles"]:
        person, org = ids[role["person"]], ids[role["organisation"]]
        rid = fact_id("role", person, role["title"], org)
        data.node(
            "Role",
            rid,
            name=f"{role['title']}, {role['organisation']}",
            title=role["title"],
            wording=[role["title"].lower()],
            status="current",
        )
        data.rel("Person", "HOLDS", "Role", person, rid)
        data.rel("Role", "AT", "Organisation", rid, org)
        span = doc.span(role["title"]) or doc.span(role["person"])
        if span:
            doc.cite("Role", rid, *span)
    event_ids: dict[str, str] = {}
    for event in gold["events"]:
        eid = fact_id("event", art, event["summary"])
        event_ids[event["kind"]] = eid
        when = event.get("when")
        iso = when if when and re.fullmatch(r"\d{4}-\d{2}-\d{2}", when) else None
        data.node(
            "Event",
            eid,
            name=event["summary"][:60],
            kind=event["kind"],
            summary=event["summary"],
            date=iso,
            dateText=None if iso else when,
        )
        if event.get("where"):
            data.rel("Event", "IN", "Location", eid, ids[event["where"]])
        for who in event.get("participants", []):
            label = "Organisation" if ids[who].startswith("organisation/") else "Person"
            data.rel("Event", "INVOLVED", label, eid, ids[who], **{"as": "participant"})
        span = doc.span(_EVENT_ANCHORS[event["kind"]])
        if span:
            doc.cite("Event", eid, *span)
    for statement in gold["statements"]:
        quote = statement["quote"]
        span = doc.span(quote) or doc.span(quote[:30]) or (0, 1)
        sid = fact_id("statement", art, span[0], span[1], statement["kind"])
        data.node(
            "Statement",
            sid,
            name=quote[:60],
            text=quote,
            kind=statement["kind"],
            when=statement.get("when"),
        )
        data.rel("Person", "SAID", "Statement", ids[statement["speaker"]], sid)
        if statement.get("audience"):
            data.rel("Statement", "TO", "Organisation", sid, ids[statement["audience"]])
            data.rel("Statement", "AT", "Event", sid, event_ids["hearing"])
        if re.search(r"\bLondon\b", quote):
            data.rel("Statement", "MENTIONS", "Location", sid, ids["London"])
        doc.cite("Statement", sid, *span)
    return data, art


async def load_gold(driver: AsyncDriver, database: str) -> str:
    data, art = gold_graph()
    await data.write(driver, database)
    return art


def many_graph(people: int, *, statements_each: int = 3) -> GraphData:
    """``people`` people, each with a role at one of 7 organisations and some statements,
    all cited in one synthetic article."""
    data = GraphData()
    text = "synthetic article " * 10
    art = article_id("synthetic")
    data.node("Article", art, name="Synthetic", headline="Synthetic", text=text, checksum="x",
              source="synthetic")
    doc = _Article(data, text, art)
    orgs = [entity_id("organisation", f"Org {i}") for i in range(7)]
    for i, oid in enumerate(orgs):
        data.node("Organisation", oid, name=f"Org {i}", aliases=[], aliasText="")
    for i in range(people):
        pid = data.node("Person", entity_id("person", f"Person {i:04d}"), name=f"Person {i:04d}",
                        aliases=[f"P{i}"], aliasText=f"P{i}", anonymous=False)
        doc.cite("Person", pid, 0, 9)
        org = orgs[i % len(orgs)]
        rid = data.node("Role", fact_id("role", pid, "Officer", org), name="Officer",
                        title="Officer", wording=["officer"], status="current")
        data.rel("Person", "HOLDS", "Role", pid, rid)
        data.rel("Role", "AT", "Organisation", rid, org)
        doc.cite("Role", rid, 10, 17)
        for j in range(statements_each):
            sid = data.node("Statement", fact_id("statement", art, i, j), name=f"said {i}/{j}",
                            text=f"statement {j} by person {i}", kind="direct", when=None)
            data.rel("Person", "SAID", "Statement", pid, sid)
            doc.cite("Statement", sid, 0, 9)
    return data

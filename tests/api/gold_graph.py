"""Test data as extractions, written by the project's own writer (``graph.writer``).

``load_gold`` writes the seed article with its gold annotation as the extraction
(so API tests assert what the gold says, independently of extraction quality, on
exactly the graph shape the writer produces); ``load_many`` writes a synthetic
article of many people, roles and statements for the round-trip and pagination
tests.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

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
from tests.conftest import SEED_ARTICLE, SEED_GOLD

HEADLINE = "London Police Consider Deploying Openly Armed Officers in Gang Areas"


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    return left, min(right, len(text))


def _evidence(text: str, start: int, end: int) -> Evidence:
    s_start, s_end = _sentence(text, start, end)
    return Evidence(start, end, text[start:end], text[s_start:s_end], s_start, s_end)


def _find(text: str, phrase: str) -> tuple[int, int] | None:
    match = re.search(re.escape(phrase), text, re.IGNORECASE)
    return None if match is None else (match.start(), match.end())


def _everywhere(text: str, phrases: list[str]) -> tuple[Evidence, ...]:
    """Evidence at every whole-word occurrence of each phrase."""
    found = {
        (m.start(), m.end())
        for phrase in phrases
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text)
    }
    return tuple(_evidence(text, start, end) for start, end in sorted(found))


def _at(text: str, span: tuple[int, int] | None) -> tuple[Evidence, ...]:
    return () if span is None else (_evidence(text, *span),)


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
_COORDINATES = {"London": (51.5074, -0.1278)}


def gold_extraction() -> Extraction:
    """The seed article and its gold annotation, as the extraction the writer takes."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    art = Article(
        id=article_id("text:" + checksum(text)), text=text, checksum=checksum(text),
        headline=HEADLINE, source="seed",
    )
    ids: dict[str, str] = {}
    people = []
    for person in gold["people"]:
        name, aliases = person["name"], tuple(person.get("aliases", []))
        anonymous = bool(person.get("anonymous"))
        pid = fact_id("person", art.id, name) if anonymous else entity_id("person", name)
        ids[name] = pid
        people.append(Person(
            pid, name, aliases=aliases, honorific=person.get("honorific"), anonymous=anonymous,
            mentions=_everywhere(text, [name, *aliases]),
        ))
    organisations = []
    for org in gold["organisations"]:
        name, aliases = org["name"], tuple(org.get("aliases", []))
        ids[name] = entity_id("organisation", name)
        organisations.append(Organisation(
            ids[name], name, aliases=aliases, mentions=_everywhere(text, [name, *aliases])
        ))
    for loc in gold["locations"]:
        ids[loc["name"]] = entity_id("location", loc["name"])
    locations = []
    for loc in gold["locations"]:
        name, aliases = loc["name"], tuple(loc.get("aliases", []))
        latitude, longitude = _COORDINATES.get(name, (None, None))
        locations.append(Location(
            ids[name], name, aliases=aliases, kind=_KINDS.get(name),
            within=ids[loc["within"]] if loc.get("within") else None,
            latitude=latitude, longitude=longitude,
            mentions=_everywhere(text, [name, *aliases]),
        ))
    roles = []
    for role in gold["roles"]:
        person, org = ids[role["person"]], ids[role["organisation"]]
        span = _find(text, role["title"]) or _find(text, role["person"])
        roles.append(Role(
            fact_id("role", person, role["title"], org), person, role["title"], org,
            role["title"].lower(), evidence=_at(text, span),
        ))
    events = []
    event_ids: dict[str, str] = {}
    for event in gold["events"]:
        eid = fact_id("event", art.id, event["summary"])
        event_ids[event["kind"]] = eid
        when = event.get("when")
        iso = when if when and re.fullmatch(r"\d{4}-\d{2}-\d{2}", when) else None
        events.append(Event(
            eid, event["kind"], event["summary"], date=iso, date_text=None if iso else when,
            location=ids[event["where"]] if event.get("where") else None,
            participants=tuple(Participant(ids[who]) for who in event.get("participants", [])),
            evidence=_at(text, _find(text, _EVENT_ANCHORS[event["kind"]])),
        ))
    statements = []
    for statement in gold["statements"]:
        quote = statement["quote"]
        span = _find(text, quote) or _find(text, quote[:30]) or (0, 1)
        audience = statement.get("audience")
        statements.append(Statement(
            fact_id("statement", art.id, span[0], span[1], statement["kind"]), quote,
            StatementKind(statement["kind"]), ids[statement["speaker"]],
            audience=ids[audience] if audience else None,
            occasion=event_ids["hearing"] if audience else None,
            when=statement.get("when"), evidence=_at(text, span),
        ))
    return Extraction(
        art, tuple(people), tuple(organisations), tuple(locations), tuple(roles),
        tuple(statements), tuple(events),
    )


async def load_gold(driver: AsyncDriver, database: str) -> str:
    """Write the gold extraction; the article's id."""
    result = await write_extraction(driver, database, gold_extraction())
    return result.article_id


@dataclass(frozen=True)
class Many:
    """A synthetic article naming many people, with a role and statements each."""

    extraction: Extraction

    async def write(self, driver: AsyncDriver, database: str) -> str:
        result = await write_extraction(driver, database, self.extraction)
        return result.article_id


def many_graph(people: int, *, statements_each: int = 3) -> Many:
    """``people`` people, each with a role at one of 7 organisations and some statements,
    all cited in one synthetic article."""
    text = "synthetic article " * 10
    art = Article(article_id("synthetic"), text, checksum(text), headline="Synthetic",
                  source="synthetic")
    named, role_words = (_evidence(text, 0, 9),), (_evidence(text, 10, 17),)
    orgs = [Organisation(entity_id("organisation", f"Org {i}"), f"Org {i}", mentions=named)
            for i in range(7)]
    persons, roles, statements = [], [], []
    for i in range(people):
        pid = entity_id("person", f"Person {i:04d}")
        persons.append(Person(pid, f"Person {i:04d}", aliases=(f"P{i}",), mentions=named))
        org = orgs[i % len(orgs)].id
        roles.append(Role(fact_id("role", pid, "Officer", org), pid, "Officer", org, "officer",
                          evidence=role_words))
        statements += [
            Statement(fact_id("statement", art.id, i, j), f"statement {j} by person {i}",
                      StatementKind.DIRECT, pid, evidence=named)
            for j in range(statements_each)
        ]
    return Many(Extraction(art, tuple(persons), tuple(orgs), roles=tuple(roles),
                           statements=tuple(statements)))

"""Row building: an :class:`~schema.model.Extraction` as the parameter rows of the
writer's ``UNWIND`` statements (pure Python, no Cypher, no database).

:func:`article_rows` turns one extraction into one :class:`ArticleRows` (entity ids
already mapped through alias resolution); :func:`combine` joins the rows of a
batch of articles into one row list per statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from schema.graph_model import caption, mention_id, role_id
from schema.ids import slugify
from schema.labels import Label
from schema.model import Evidence, Extraction, RoleStatus

ENTITY_LABELS = (Label.PERSON, Label.ORGANISATION, Label.LOCATION)
FACT_LABELS = (*ENTITY_LABELS, Label.ROLE, Label.EVENT, Label.STATEMENT)

Params = dict[str, Any]
Rows = list[dict[str, Any]]


def entity_labels(extraction: Extraction) -> dict[str, Label]:
    """The extraction's entity ids, each with its label."""
    labels: dict[str, Label] = {}
    for person in extraction.people:
        labels[person.id] = Label.PERSON
    for organisation in extraction.organisations:
        labels[organisation.id] = Label.ORGANISATION
    for location in extraction.locations:
        labels[location.id] = Label.LOCATION
    return labels


def _spans(evidence: Iterable[Evidence], extraction: Extraction) -> tuple[Evidence, ...]:
    """A fact's spans; one without evidence is evidenced by the whole article."""
    spans = tuple(evidence)
    if spans:
        return spans
    text = extraction.article.text
    return (Evidence(0, len(text), text, "", 0, 0),)


def _mention_props(article: str, span: Evidence) -> dict[str, Any]:
    return {
        "name": caption(span.text) or "(empty)",
        "article": article,
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "sentence": span.sentence or None,
        "sentenceStart": span.sentence_start if span.sentence else None,
        "sentenceEnd": span.sentence_end if span.sentence else None,
    }


_ISO_DATE = re.compile(r"\d{4}(-\d{2}){0,2}")


def article_as_of(extraction: Extraction) -> str | None:
    """The date an article speaks as of (roles in time): its publication date, else the
    latest ISO date (year, year-month or day) of the events it reports."""
    if extraction.article.published is not None:
        return extraction.article.published.isoformat()
    dates = [e.date for e in extraction.events if e.date and _ISO_DATE.fullmatch(e.date)]
    return max(dates, default=None)


def _without_nulls(props: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in props.items() if value is not None}


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """The rows one statement each: of one article, or (after :func:`combine`) a batch."""

    article: Params
    mentions: Rows
    entities: dict[Label, Rows]
    containment: Rows
    roles: Rows
    events: Rows
    statements: Rows
    warnings: tuple[str, ...]


def article_rows(extraction: Extraction, remap: Mapping[str, str]) -> ArticleRows:
    """One article's rows; ``remap`` maps incoming entity ids to the stored ones."""
    article = extraction.article
    aid = article.id
    known = entity_labels(extraction)
    events_held = {event.id for event in extraction.events}
    warnings: list[str] = []

    def ref(value: str | None, what: str) -> str | None:
        if value is None:
            return None
        if value not in known and value not in events_held:
            warnings.append(f"{what} refers to {value!r}, which the extraction does not hold")
        return remap.get(value, value)

    mentions: dict[str, Params] = {}
    span_ids: dict[tuple[int, int], str] = {}

    def evidence_ids(evidence: Iterable[Evidence]) -> list[str]:
        ids = set()
        for span in _spans(evidence, extraction):
            mid = span_ids.get((span.start, span.end))
            if mid is None:
                mid = span_ids[span.start, span.end] = mention_id(aid, span.start, span.end)
            if mid not in mentions:
                mentions[mid] = {"id": mid, "article": aid, "props": _mention_props(aid, span)}
            ids.add(mid)
        return sorted(ids)

    def entity_row(
        eid: str, name: str, aliases: tuple[str, ...], evidence: tuple[Evidence, ...],
        props: Mapping[str, Any], stated: Mapping[str, Any], matchable: bool = True,
    ) -> Params:
        names = [name, *(a for a in aliases if a != name)]
        return {
            "id": remap.get(eid, eid),
            "props": {"name": name, **props},
            "mentions": evidence_ids(evidence),
            "evidence": _without_nulls({
                "aliases": names,
                "keys": sorted({slugify(n) for n in names}) if matchable else [],
                **stated,
            }),
        }

    entities: dict[Label, Rows] = {label: [] for label in ENTITY_LABELS}
    for person in extraction.people:
        entities[Label.PERSON].append(
            entity_row(
                person.id, person.name, person.aliases, person.mentions,
                {"anonymous": person.anonymous}, {"honorific": person.honorific},
                matchable=not person.anonymous,
            )
        )
    for organisation in extraction.organisations:
        entities[Label.ORGANISATION].append(
            entity_row(organisation.id, organisation.name, organisation.aliases,
                       organisation.mentions, {}, {})
        )
    containment: Rows = []
    for location in extraction.locations:
        entities[Label.LOCATION].append(
            entity_row(
                location.id, location.name, location.aliases, location.mentions, {},
                {"kind": location.kind, "latitude": location.latitude,
                 "longitude": location.longitude},
            )
        )
        outer = ref(location.within, f"location {location.id!r}")
        inner = remap.get(location.id, location.id)
        if outer is not None and outer != inner:
            containment.append({"inner": inner, "outer": outer, "articles": [aid]})

    roles: Rows = []
    as_of = article_as_of(extraction)
    for role in extraction.roles:
        holder = ref(role.person, f"role {role.id!r}") or role.person
        employer = ref(role.organisation, f"role {role.id!r}")
        roles.append({
            "id": role_id(holder, role.title, employer),
            "person": holder,
            "organisation": employer,
            "title": role.title,
            "status": role.status.value,
            "since": role.since,  # roles in time (issue 15)
            "asOf": as_of,
            "wording": role.wording,
            "mentions": evidence_ids(role.evidence),
        })

    # Where each entity was named, to find the entities a statement's words mention.
    named_at: list[tuple[int, int, str]] = []
    for person in extraction.people:
        named_at += [(m.start, m.end, remap.get(person.id, person.id)) for m in person.mentions]
    for organisation in extraction.organisations:
        named_at += [
            (m.start, m.end, remap.get(organisation.id, organisation.id))
            for m in organisation.mentions
        ]
    for location in extraction.locations:
        named_at += [
            (m.start, m.end, remap.get(location.id, location.id)) for m in location.mentions
        ]

    events: Rows = []
    for event in extraction.events:
        participants = []
        for participant in event.participants:
            who = ref(participant.entity, f"event {event.id!r}")
            if who is not None:
                participants.append({"id": who, "as": participant.role})
        events.append({
            "id": event.id,
            "location": ref(event.location, f"event {event.id!r}"),
            "participants": participants,
            "mentions": evidence_ids(event.evidence),
            "props": {
                "name": caption(event.summary),
                "article": aid,
                "kind": event.kind,
                "summary": event.summary,
                "date": event.date,
                "dateText": event.date_text,
                "quantities": [q.text for q in event.quantities],
            },
        })

    # The roles each person holds now, as this article says: a statement of theirs is
    # said in them (IN_ROLE).
    current: dict[str, set[str]] = {}
    for row in roles:
        if row["status"] == RoleStatus.CURRENT.value:
            current.setdefault(row["person"], set()).add(row["id"])

    statements: Rows = []
    for statement in extraction.statements:
        speaker = ref(statement.speaker, f"statement {statement.id!r}")
        about = sorted({
            entity
            for span in statement.evidence
            for start, end, entity in named_at
            if span.start <= start and end <= span.end and entity != speaker
        })
        statements.append({
            "id": statement.id,
            "speaker": speaker,
            "audience": ref(statement.audience, f"statement {statement.id!r}"),
            "occasion": ref(statement.occasion, f"statement {statement.id!r}"),
            "about": about,
            "roles": sorted(current.get(speaker, ())) if speaker is not None else [],
            "mentions": evidence_ids(statement.evidence),
            "props": {
                "name": caption(statement.text),
                "article": aid,
                "text": statement.text,
                "kind": statement.kind.value,
                "when": statement.when,
            },
        })

    return ArticleRows(
        article={
            "id": aid,
            "props": _without_nulls({
                "name": article.headline or aid,
                "url": article.url,
                "headline": article.headline,
                "published": article.published,
                "source": article.source,
                "checksum": article.checksum,
                "text": article.text,
            }),
        },
        mentions=sorted(mentions.values(), key=lambda row: str(row["id"])),
        entities={
            label: sorted(rows, key=lambda row: str(row["id"])) for label, rows in entities.items()
        },
        containment=containment,
        roles=sorted(roles, key=lambda row: str(row["id"])),
        events=sorted(events, key=lambda row: str(row["id"])),
        statements=sorted(statements, key=lambda row: str(row["id"])),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def combine(parts: list[ArticleRows]) -> ArticleRows:
    """The rows of several articles, as one batch per statement."""

    def by_id(rows: Iterable[Params]) -> Rows:
        return sorted(rows, key=lambda row: str(row["id"]))

    return ArticleRows(
        article={},
        mentions=by_id(row for part in parts for row in part.mentions),
        entities={
            label: by_id(row for part in parts for row in part.entities[label])
            for label in ENTITY_LABELS
        },
        containment=_by_relationship(row for part in parts for row in part.containment),
        roles=by_id(row for part in parts for row in part.roles),
        events=by_id(row for part in parts for row in part.events),
        statements=by_id(row for part in parts for row in part.statements),
        warnings=tuple(w for part in parts for w in part.warnings),
    )


def _by_relationship(rows: Iterable[Params]) -> Rows:
    """Containment rows, one per ``WITHIN`` relationship with all the articles that
    assert it (the article list is rewritten once per batch, not once per article)."""
    articles: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        articles.setdefault((row["inner"], row["outer"]), set()).update(row["articles"])
    return [
        {"inner": inner, "outer": outer, "articles": sorted(ids)}
        for (inner, outer), ids in sorted(articles.items())
    ]


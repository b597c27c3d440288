"""Write an :class:`~schema.model.Extraction` into Neo4j, and delete an article again.

One article is one write transaction (``session.execute_write``): all or
nothing, and the driver retries it when the server reports a transient error
(a deadlock between concurrent loads, a leader switch). Every statement is a
batched ``UNWIND`` over one kind of row and every node and relationship is
``MERGE``\\ d on a stable id, so a retried or repeated transaction changes
nothing it has already done.

The transaction, in order:

1. read the stored article's checksum: the same checksum is ``unchanged`` and
   nothing is written;
2. resolve entity ids: an incoming person, organisation or place whose id is
   not in the graph, but whose name is a name or alias (``keys``) of exactly one
   node of its label, is written into that node;
3. for a new version of a stored article, remove the old version's
   contribution (its mentions, statements, events and containment claims);
4. write the article, its mentions, entities, containment, roles, events and
   statements, each fact ``EVIDENCED_BY`` the mentions of its spans;
5. delete what step 3 left without evidence, and recompute the aliases and
   wordings of what it touched from the evidence that remains.

:func:`delete_article` runs steps 3 and 5 and removes the article node.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction, RoutingControl

from graph import decisions, role_time  # curation, roles in time (issue 15)
from graph.errors import NotFound
from graph.migrations import ENTITY_KEYS_INDEX
from graph.records import BatchResult, Counts, DeleteResult, WriteResult, WriteStatus
from schema.graph_model import caption, mention_id, role_id
from schema.ids import slugify
from schema.labels import Label
from schema.model import Evidence, Extraction

ENTITY_LABELS = (Label.PERSON, Label.ORGANISATION, Label.LOCATION)
FACT_LABELS = (*ENTITY_LABELS, Label.ROLE, Label.EVENT, Label.STATEMENT)

StatementHook = Callable[[str], None]
"""Called with a statement's name after it ran inside the transaction (tests inject
failures with it)."""

Params = dict[str, Any]
Rows = list[dict[str, Any]]


# --- 1. the stored version ---------------------------------------------------------

_ARTICLE_CHECKSUMS = """
UNWIND $articles AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.checksum AS checksum
"""


# --- 2. entity resolution --------------------------------------------------------

# Neo4j cannot index the elements of a list in a range index, so ``keys`` is covered
# by the full-text index ``entity_keys`` (keyword analyzer: one exact token per key,
# see graph/migrations.py): a lookup costs an index seek, not a scan of the label.
# The procedure's hits are checked again exactly (``row.key IN other.keys``).
_RESOLVE_TEMPLATE = """
UNWIND $rows AS row
OPTIONAL MATCH (same:{label} {{id: row.id}})
CALL (row, same) {{
  WITH row WHERE same IS NULL
  CALL db.index.fulltext.queryNodes($index, row.query) YIELD node AS other
  WITH other WHERE other:{label} AND row.key IN other.keys
  WITH other ORDER BY other.id
  RETURN collect(other.id) AS candidates
}}
RETURN row.id AS id, same IS NOT NULL AS exists, candidates
"""
_RESOLVE = {label: _RESOLVE_TEMPLATE.format(label=label.value) for label in ENTITY_LABELS}


# --- 3. removing a stored article's contribution ---------------------------------

_TOUCHED = """
UNWIND $articles AS id
MATCH (:Article {id: id})<-[:FROM]-(:Mention)<-[:EVIDENCED_BY]-(fact)
WITH DISTINCT fact
RETURN labels(fact) AS labels, fact.id AS id
"""

_DELETE_SCOPED_FACTS = """
UNWIND $articles AS id
CALL (id) {
  MATCH (s:Statement {article: id}) RETURN s AS fact
  UNION
  MATCH (e:Event {article: id}) RETURN e AS fact
}
DETACH DELETE fact
"""

_DELETE_MENTIONS = """
UNWIND $articles AS id
MATCH (m:Mention {article: id})
DETACH DELETE m
RETURN count(*) AS deleted
"""

_WITHDRAW_CONTAINMENT = """
UNWIND $locations AS id
MATCH (:Location {id: id})-[r:WITHIN]->(:Location)
WITH DISTINCT r
WHERE any(article IN r.articles WHERE article IN $articles)
SET r.articles = [article IN r.articles WHERE NOT article IN $articles]
WITH r WHERE size(r.articles) = 0
DELETE r
"""

_DELETE_ARTICLES = """
UNWIND $articles AS id
MATCH (a:Article {id: id})
DETACH DELETE a
"""


# --- 4. writing -------------------------------------------------------------------

_MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row.props, a.loadedAt = datetime()
"""

_MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MERGE (m:Mention {id: row.id})
SET m += row.props
MERGE (m)-[:FROM]->(a)
"""

_MERGE_ENTITIES_TEMPLATE = """
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
ON CREATE SET n += row.props
WITH n, row
CALL (n, row) {{
  UNWIND row.mentions AS mention
  MATCH (m:Mention {{id: mention}})
  MERGE (n)-[r:EVIDENCED_BY]->(m)
  SET r += row.evidence
}}
"""
_MERGE_ENTITIES = {
    label: _MERGE_ENTITIES_TEMPLATE.format(label=label.value) for label in ENTITY_LABELS
}

_MERGE_CONTAINMENT = """
UNWIND $rows AS row
MATCH (inner:Location {id: row.inner})
MATCH (outer:Location {id: row.outer})
MERGE (inner)-[r:WITHIN]->(outer)
SET r.articles = COLLECT {
  UNWIND coalesce(r.articles, []) + row.articles AS article
  WITH DISTINCT article
  RETURN article ORDER BY article
}
"""

_MERGE_ROLES = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MERGE (r:Role {id: row.id})
ON CREATE SET r.title = row.title, r.name = row.title
SET r.status = row.status
MERGE (p)-[:HOLDS]->(r)
WITH r, row
OPTIONAL MATCH (o:Organisation {id: row.organisation})
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END |
  MERGE (r)-[:AT]->(o)
  SET r.name = r.title + ', ' + o.name
)
WITH r, row
CALL (r, row) {
  UNWIND row.mentions AS mention
  MATCH (m:Mention {id: mention})
  MERGE (r)-[e:EVIDENCED_BY]->(m)
  SET e.wording = row.wording
}
"""

_MERGE_EVENTS = """
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
SET e += row.props
WITH e, row
OPTIONAL MATCH (l:Location {id: row.location})
FOREACH (_ IN CASE WHEN l IS NULL THEN [] ELSE [1] END | MERGE (e)-[:IN]->(l))
WITH e, row
CALL (e, row) {
  UNWIND row.participants AS participant
  OPTIONAL MATCH (p:Person {id: participant.id})
  OPTIONAL MATCH (o:Organisation {id: participant.id})
  WITH e, participant, coalesce(p, o) AS who
  WHERE who IS NOT NULL
  MERGE (e)-[:INVOLVED {as: participant.as}]->(who)
}
CALL (e, row) {
  UNWIND row.mentions AS mention
  MATCH (m:Mention {id: mention})
  MERGE (e)-[:EVIDENCED_BY]->(m)
}
"""

_MERGE_STATEMENTS = """
UNWIND $rows AS row
MERGE (s:Statement {id: row.id})
SET s += row.props
WITH s, row
CALL (s, row) {
  OPTIONAL MATCH (p:Person {id: row.speaker})
  OPTIONAL MATCH (o:Organisation {id: row.speaker})
  WITH s, coalesce(p, o) AS speaker
  WHERE speaker IS NOT NULL
  MERGE (speaker)-[:SAID]->(s)
}
CALL (s, row) {
  OPTIONAL MATCH (p:Person {id: row.audience})
  OPTIONAL MATCH (o:Organisation {id: row.audience})
  WITH s, coalesce(p, o) AS audience
  WHERE audience IS NOT NULL
  MERGE (s)-[:TO]->(audience)
}
CALL (s, row) {
  OPTIONAL MATCH (e:Event {id: row.occasion})
  WITH s, e
  WHERE e IS NOT NULL
  MERGE (s)-[:AT]->(e)
}
CALL (s, row) {
  UNWIND row.about AS about
  OPTIONAL MATCH (p:Person {id: about})
  OPTIONAL MATCH (o:Organisation {id: about})
  OPTIONAL MATCH (l:Location {id: about})
  WITH s, coalesce(p, o, l) AS entity
  WHERE entity IS NOT NULL
  MERGE (s)-[:MENTIONS]->(entity)
}
CALL (s, row) {
  UNWIND row.mentions AS mention
  MATCH (m:Mention {id: mention})
  MERGE (s)-[:EVIDENCED_BY]->(m)
}
"""


# --- 5. orphans and derived properties --------------------------------------------

_DELETE_ORPHANS_TEMPLATE = """
UNWIND $ids AS id
MATCH (f:{label} {{id: id}})
WHERE NOT (f)-[:EVIDENCED_BY]->(:Mention)
DETACH DELETE f
"""
_DELETE_ORPHANS = {
    label: _DELETE_ORPHANS_TEMPLATE.format(label=label.value) for label in FACT_LABELS
}

# Properties an article states about an entity, kept on its EVIDENCED_BY relationships;
# the node shows the least value (deterministic whatever the order of loads).
_STATED = {
    Label.PERSON: ("honorific",),
    Label.ORGANISATION: (),
    Label.LOCATION: ("kind", "latitude", "longitude"),
}

_REFRESH_STATED_TEMPLATE = """
CALL (n) {{
  OPTIONAL MATCH (n)-[r:EVIDENCED_BY]->(:Mention)
  RETURN min(r.{name}) AS {name}
}}
"""

_REFRESH_ALIASES_TEMPLATE = """
UNWIND $ids AS id
MATCH (n:{label} {{id: id}})
CALL (n) {{
  MATCH (n)-[r:EVIDENCED_BY]->(:Mention)
  UNWIND r.aliases AS alias
  WITH DISTINCT n, alias
  WHERE alias <> n.name
  ORDER BY alias
  RETURN collect(alias) AS aliases
}}
CALL (n) {{
  MATCH (n)-[r:EVIDENCED_BY]->(:Mention)
  UNWIND r.keys AS key
  WITH DISTINCT key
  ORDER BY key
  RETURN collect(key) AS keys
}}
{stated}
SET n.aliases = aliases,
    n.aliasText = reduce(text = head(aliases), alias IN tail(aliases) | text + ' | ' + alias),
    n.keys = keys{assign}
"""
_REFRESH_ALIASES = {
    label: _REFRESH_ALIASES_TEMPLATE.format(
        label=label.value,
        stated="".join(_REFRESH_STATED_TEMPLATE.format(name=name) for name in _STATED[label]),
        assign="".join(f",\n    n.{name} = {name}" for name in _STATED[label]),
    )
    for label in ENTITY_LABELS
}

_REFRESH_WORDING = """
UNWIND $ids AS id
MATCH (n:Role {id: id})
CALL (n) {
  MATCH (n)-[r:EVIDENCED_BY]->(:Mention)
  WITH DISTINCT r.wording AS wording
  WHERE wording IS NOT NULL
  ORDER BY wording
  RETURN collect(wording) AS wording
}
SET n.wording = wording
"""


# What a write adds to the derived properties of the entities and roles it wrote
# (and the last write or delete did not leave to ``_REFRESH_*``): the new evidence's
# values folded into the stored ones, which are already the values of all the older
# evidence. The same result as recomputing from every EVIDENCED_BY, without reading
# the evidence of every other article that names the entity.
_MERGE_DERIVED_TEMPLATE = """
UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})
WITH n, row, COLLECT {{
  UNWIND coalesce(n.aliases, []) + row.aliases AS alias
  WITH alias WHERE alias <> n.name
  WITH DISTINCT alias
  RETURN alias ORDER BY alias
}} AS aliases, COLLECT {{
  UNWIND coalesce(n.keys, []) + row.keys AS key
  WITH DISTINCT key
  RETURN key ORDER BY key
}} AS keys
SET n.aliases = aliases,
    n.aliasText = reduce(text = head(aliases), alias IN tail(aliases) | text + ' | ' + alias),
    n.keys = keys{assign}
"""
_MERGE_STATED_TEMPLATE = """,
    n.{name} = reduce(
      least = n.{name}, value IN row.{name} |
      CASE WHEN least IS NULL OR value < least THEN value ELSE least END
    )"""
_MERGE_DERIVED = {
    label: _MERGE_DERIVED_TEMPLATE.format(
        label=label.value,
        assign="".join(_MERGE_STATED_TEMPLATE.format(name=name) for name in _STATED[label]),
    )
    for label in ENTITY_LABELS
}

_MERGE_WORDING = """
UNWIND $rows AS row
MATCH (n:Role {id: row.id})
SET n.wording = COLLECT {
  UNWIND coalesce(n.wording, []) + row.wording AS wording
  WITH DISTINCT wording
  RETURN wording ORDER BY wording
}
"""


# --- the rows of one extraction ---------------------------------------------------


@dataclass(slots=True)
class _Tx:
    """One attempt of the transaction function: runs statements, sums their counters."""

    tx: AsyncManagedTransaction
    hook: StatementHook | None
    per_row: bool = False
    counts: Counts = field(default_factory=Counts)

    async def run(self, name: str, query: str, **params: Any) -> list[dict[str, Any]]:
        result = await self.tx.run(query, params)
        rows = await result.data()
        summary = await result.consume()
        self.counts = self.counts + Counts.of(summary.counters)
        if self.hook is not None:
            self.hook(name)
        return rows

    async def write(self, name: str, query: str, rows: Rows) -> None:
        """A batched ``UNWIND $rows`` write; with ``per_row``, one round trip per row
        (the benchmark's baseline: the same statements, unbatched)."""
        if not rows:
            return
        if not self.per_row:
            await self.run(name, query, rows=rows)
            return
        for row in rows:
            await self.run(name, query, rows=[row])


def _entity_kind_labels(extraction: Extraction) -> dict[str, Label]:
    labels: dict[str, Label] = {}
    for person in extraction.people:
        labels[person.id] = Label.PERSON
    for organisation in extraction.organisations:
        labels[organisation.id] = Label.ORGANISATION
    for location in extraction.locations:
        labels[location.id] = Label.LOCATION
    return labels


def _resolution_rows(extractions: Iterable[Extraction]) -> dict[Label, Rows]:
    rows: dict[Label, Rows] = {label: [] for label in ENTITY_LABELS}
    for extraction in extractions:
        _add_resolution_rows(rows, extraction)
    return rows


def _resolution_row(eid: str, name: str) -> Params:
    key = slugify(name)
    return {"id": eid, "key": key, "query": _lucene_phrase(key)}


def _lucene_phrase(text: str) -> str:
    """A Lucene query for exactly ``text`` (one token under the keyword analyzer)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _add_resolution_rows(rows: dict[Label, Rows], extraction: Extraction) -> None:
    for person in extraction.people:
        if not person.anonymous:
            rows[Label.PERSON].append(_resolution_row(person.id, person.name))
    for organisation in extraction.organisations:
        rows[Label.ORGANISATION].append(_resolution_row(organisation.id, organisation.name))
    for location in extraction.locations:
        rows[Label.LOCATION].append(_resolution_row(location.id, location.name))


async def _resolve(run: _Tx, extractions: Iterable[Extraction]) -> dict[str, str]:
    """Incoming id -> the existing node's id, where the name is one node's name or alias.

    Deterministic: an id already in the graph is kept; otherwise the entity merges
    into the single node of its label whose ``keys`` (slugs of its names and
    aliases) hold the incoming name's slug; with two or more such nodes the name
    is ambiguous and the entity keeps its own id.
    """
    remap: dict[str, str] = {}
    for label, rows in _resolution_rows(extractions).items():
        if not rows:
            continue
        found_rows = await run.run(
            f"resolve {label}", _RESOLVE[label], rows=rows, index=ENTITY_KEYS_INDEX
        )
        for found in found_rows:
            candidates: list[str] = found["candidates"]
            if not found["exists"] and len(candidates) == 1:
                remap[found["id"]] = candidates[0]
    return remap


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


def _without_nulls(props: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in props.items() if value is not None}


@dataclass(frozen=True, slots=True)
class _Rows:
    article: Params
    mentions: Rows
    entities: dict[Label, Rows]
    containment: Rows
    roles: Rows
    events: Rows
    statements: Rows
    warnings: tuple[str, ...]


def _rows(extraction: Extraction, remap: Mapping[str, str]) -> _Rows:
    article = extraction.article
    aid = article.id
    known = _entity_kind_labels(extraction)
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
            "mentions": evidence_ids(statement.evidence),
            "props": {
                "name": caption(statement.text),
                "article": aid,
                "text": statement.text,
                "kind": statement.kind.value,
                "when": statement.when,
            },
        })

    return _Rows(
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


# --- the transactions -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Touched:
    by_label: dict[Label, list[str]]

    def ids(self, label: Label) -> list[str]:
        return self.by_label.get(label, [])


async def _remove_contribution(run: _Tx, articles: list[str]) -> tuple[_Touched, int]:
    """Remove the articles' mentions, statements, events and containment claims;
    return the facts that lost evidence (some may still have evidence elsewhere) and
    the number of mentions deleted."""
    by_label: dict[Label, list[str]] = {}
    for row in await run.run("touched", _TOUCHED, articles=articles):
        for label in FACT_LABELS:
            if label.value in row["labels"]:
                by_label.setdefault(label, []).append(row["id"])
    await run.run("delete scoped facts", _DELETE_SCOPED_FACTS, articles=articles)
    mentions = await run.run("delete mentions", _DELETE_MENTIONS, articles=articles)
    await run.run(
        "withdraw containment", _WITHDRAW_CONTAINMENT,
        articles=articles, locations=by_label.get(Label.LOCATION, []),
    )
    return _Touched(by_label), sum(int(row["deleted"]) for row in mentions)


async def _clean_up(run: _Tx, touched: _Touched, written: _Rows | None) -> None:
    """Delete touched facts left without evidence, then bring derived properties up to
    date: recomputed from all the evidence for what lost some, merged with the new
    evidence for what only gained some."""
    for label in FACT_LABELS:
        if touched.ids(label):
            await run.run(f"delete orphan {label}", _DELETE_ORPHANS[label], ids=touched.ids(label))
    for label in ENTITY_LABELS:
        if touched.ids(label):
            await run.run(f"recompute {label}", _REFRESH_ALIASES[label], ids=touched.ids(label))
        if written is not None:
            gained = _gained(written.entities[label], _STATED[label], touched.ids(label))
            if gained:
                await run.run(f"refresh {label}", _MERGE_DERIVED[label], rows=gained)
    if touched.ids(Label.ROLE):
        await run.run("recompute roles", _REFRESH_WORDING, ids=touched.ids(Label.ROLE))
    if written is not None:
        wordings = _gained_wording(written.roles, touched.ids(Label.ROLE))
        if wordings:
            await run.run("refresh roles", _MERGE_WORDING, rows=wordings)


def _gained(rows: Rows, stated: tuple[str, ...], skip: Iterable[str]) -> Rows:
    """Per entity id (except ``skip``): the aliases, keys and stated values of the
    ``EVIDENCED_BY`` relationships ``_MERGE_ENTITIES`` writes from ``rows`` (a later row
    for the same entity and mention overwrites an earlier one's properties, as ``+=``
    does)."""
    evidence: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        for mention in row["mentions"]:
            key = (row["id"], mention)
            evidence[key] = {**evidence.get(key, {}), **row["evidence"]}
    left_out = set(skip)
    gained: dict[str, tuple[set[str], set[str], dict[str, list[Any]]]] = {}
    for (eid, _), props in evidence.items():
        if eid in left_out:
            continue
        aliases, keys, values = gained.setdefault(
            eid, (set(), set(), {name: [] for name in stated})
        )
        aliases.update(props.get("aliases", ()))
        keys.update(props.get("keys", ()))
        for name in stated:
            if props.get(name) is not None:
                values[name].append(props[name])
    return [
        {"id": eid, "aliases": sorted(aliases), "keys": sorted(keys), **values}
        for eid, (aliases, keys, values) in sorted(gained.items())
    ]


def _gained_wording(rows: Rows, skip: Iterable[str]) -> Rows:
    """Per role id (except ``skip``): the wordings ``_MERGE_ROLES`` writes from ``rows``."""
    wording: dict[tuple[str, str], str | None] = {}
    for row in rows:
        for mention in row["mentions"]:
            wording[(row["id"], mention)] = row["wording"]
    left_out = set(skip)
    gained: dict[str, set[str]] = {}
    for (rid, _), text in wording.items():
        if rid not in left_out:
            found = gained.setdefault(rid, set())
            if text is not None:
                found.add(text)
    return [{"id": rid, "wording": sorted(found)} for rid, found in sorted(gained.items())]


def _combine(parts: list[_Rows]) -> _Rows:
    """The rows of several articles, as one batch per statement."""

    def by_id(rows: Iterable[Params]) -> Rows:
        return sorted(rows, key=lambda row: str(row["id"]))

    return _Rows(
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


@dataclass(frozen=True, slots=True)
class _Written:
    statuses: tuple[tuple[str, WriteStatus], ...]
    counts: Counts
    merged: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...]


async def _write_batch_tx(
    tx: AsyncManagedTransaction,
    extractions: list[Extraction],
    hook: StatementHook | None,
    per_row: bool,
) -> _Written:
    run = _Tx(tx, hook, per_row)
    latest = {extraction.article.id: extraction for extraction in extractions}
    stored = {
        row["id"]: row["checksum"]
        for row in await run.run("checksum", _ARTICLE_CHECKSUMS, articles=sorted(latest))
    }
    statuses = {
        aid: WriteStatus.UNCHANGED if stored.get(aid) == extraction.article.checksum
        else WriteStatus.UPDATED if aid in stored
        else WriteStatus.CREATED
        for aid, extraction in latest.items()
    }
    todo = [e for aid, e in sorted(latest.items()) if statuses[aid] is not WriteStatus.UNCHANGED]
    if not todo:
        return _Written(tuple(statuses.items()), run.counts, (), ())
    remap = await _resolve(run, todo)
    # curation (issue 15): merge and split decisions applied to what is written
    loaded = todo
    todo, remap = decisions.apply(todo, remap, await decisions.active_decisions(run))
    parts = [_rows(extraction, remap) for extraction in todo]
    rows = _combine(parts)
    updated = [aid for aid, status in sorted(statuses.items()) if status is WriteStatus.UPDATED]
    touched = (await _remove_contribution(run, updated))[0] if updated else _Touched({})

    await run.write("article", _MERGE_ARTICLES, [part.article for part in parts])
    await run.write("mentions", _MERGE_MENTIONS, rows.mentions)
    for label in ENTITY_LABELS:
        await run.write(str(label), _MERGE_ENTITIES[label], rows.entities[label])
    await run.write("containment", _MERGE_CONTAINMENT, rows.containment)
    await run.write("roles", _MERGE_ROLES, rows.roles)
    await run.write("events", _MERGE_EVENTS, rows.events)
    await run.write("statements", _MERGE_STATEMENTS, rows.statements)
    await decisions.keep_extractions(run, loaded)  # curation (issue 15)
    await role_time.stamp(run, rows.roles, rows.statements)  # roles in time (issue 15)

    await _clean_up(run, touched, rows)
    return _Written(
        tuple(statuses.items()), run.counts, tuple(sorted(remap.items())), rows.warnings
    )


async def write_extraction(
    driver: AsyncDriver,
    database: str,
    extraction: Extraction,
    *,
    after_statement: StatementHook | None = None,
) -> WriteResult:
    """Write one article's extraction in one transaction (retried on transient errors).

    ``after_statement`` is called with each statement's name once it ran; an
    exception it raises aborts the transaction, which leaves the graph as it was.
    """
    async with driver.session(database=database) as session:
        written = await session.execute_write(
            _write_batch_tx, [extraction], after_statement, False
        )
    ((aid, status),) = written.statuses
    return WriteResult(aid, status, written.counts, written.merged, written.warnings)


async def write_extractions(
    driver: AsyncDriver,
    database: str,
    extractions: Iterable[Extraction],
    *,
    per_row: bool = False,
) -> BatchResult:
    """Write several articles in one transaction: a bulk load, all or nothing.

    Each statement carries the rows of every article at once. Aliases resolve
    against the graph as it was before the batch (two articles of one batch do not
    merge on each other's aliases); an article given twice is written once, as its
    last version. ``per_row`` sends each row in a round trip of its own -- the same
    statements, unbatched -- for ``bench/write.py`` to compare against.
    """
    batch = list(extractions)
    async with driver.session(database=database) as session:
        written = await session.execute_write(_write_batch_tx, batch, None, per_row)
    return BatchResult(written.statuses, written.counts)


async def stored_checksum(driver: AsyncDriver, database: str, article: str) -> str | None:
    """The checksum of the stored version of an article, or None when it is not stored
    (``newsgraph ingest`` skips extracting an article whose checksum is unchanged)."""
    records, _, _ = await driver.execute_query(
        _ARTICLE_CHECKSUMS, {"articles": [article]}, database_=database,
        routing_=RoutingControl.READ,
    )
    return str(records[0]["checksum"]) if records else None


async def _delete_tx(
    tx: AsyncManagedTransaction, articles: list[str], hook: StatementHook | None
) -> DeleteResult:
    run = _Tx(tx, hook)
    found = {row["id"] for row in await run.run("checksum", _ARTICLE_CHECKSUMS, articles=articles)}
    missing = [article for article in articles if article not in found]
    if missing:
        listed = ", ".join(repr(article) for article in missing)
        raise NotFound(f"No article with id {listed} in the graph.")
    touched, mentions = await _remove_contribution(run, articles)
    await run.run("article", _DELETE_ARTICLES, articles=articles)
    await _clean_up(run, touched, None)
    facts = run.counts.nodes_deleted - mentions - len(articles)
    return DeleteResult(", ".join(articles), run.counts, facts_deleted=facts)


async def delete_article(
    driver: AsyncDriver,
    database: str,
    article: str,
    *,
    after_statement: StatementHook | None = None,
) -> DeleteResult:
    """Remove one article and every fact only it supported; raise NotFound if absent."""
    async with driver.session(database=database) as session:
        return await session.execute_write(_delete_tx, [article], after_statement)


async def delete_articles(
    driver: AsyncDriver, database: str, articles: Iterable[str]
) -> DeleteResult:
    """Remove several articles in one transaction (all or nothing: NotFound names any
    id that is not in the graph, and then nothing is deleted)."""
    ids = sorted(set(articles))
    async with driver.session(database=database) as session:
        return await session.execute_write(_delete_tx, ids, None)

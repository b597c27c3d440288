"""The RDF export's reads: Neo4j -> typed rows, a batch per query.

The whole graph is read label by label. Mentions (small rows) come in keyset
pages on the unique ``id`` index. Articles and facts, whose rows grow with
their text or their evidence, come in two steps: a keyset page of ids with a
weight (evidence count, or text size), then the rows of consecutive ids whose
weights add up to about a batch, by id; so what a batch holds is bounded
however large the graph and its hubs grow. One article's named graph and one
entity are read by id. Every query answers one record holding the whole batch,
and the next batch is requested before the current one is mapped.
:mod:`graph.rdf_mapping` maps the rows to RDF; nothing here knows a vocabulary.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from neo4j import READ_ACCESS, AsyncDriver, AsyncSession, NotificationDisabledClassification

from graph.errors import NotFound
from schema.labels import Label

# -- rows ----------------------------------------------------------------------------
# Plain (not frozen) slotted dataclasses: the export builds one per node, and a frozen
# dataclass's __init__ sets each field through object.__setattr__, ~2x slower. Nothing
# mutates a row after it is built.


@dataclass(slots=True)
class Evidence:
    """One ``(fact)-[:EVIDENCED_BY]->(Mention)-[:FROM]->(Article)`` path."""

    mention: str
    article: str
    aliases: tuple[str, ...] | None = None  # the names this article used (entities)


@dataclass(slots=True)
class Link:
    """A relationship to another node, with the articles that assert it when recorded."""

    target: str
    articles: tuple[str, ...] = ()


@dataclass(slots=True)
class ArticleRow:
    id: str
    url: str | None
    headline: str | None
    published: dt.date | None
    text: str | None


@dataclass(slots=True)
class EntityRow:
    """A Person, Organisation or Location."""

    label: Label
    id: str
    name: str
    aliases: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    same_as: tuple[str, ...] = ()
    honorific: str | None = None
    kind: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    within: tuple[Link, ...] = ()


@dataclass(slots=True)
class RoleRow:
    id: str
    name: str | None
    title: str
    status: str | None
    holders: tuple[str, ...]
    organisations: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(slots=True)
class EventRow:
    id: str
    name: str | None
    kind: str | None
    summary: str | None
    date: str | None
    locations: tuple[str, ...]
    participants: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(slots=True)
class StatementRow:
    id: str
    text: str
    kind: str | None
    when: str | None
    speakers: tuple[str, ...]
    audience: tuple[str, ...]
    occasions: tuple[str, ...]
    mentions: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(slots=True)
class MentionRow:
    id: str
    article: str | None
    start: int
    end: int
    text: str


Row = ArticleRow | EntityRow | RoleRow | EventRow | StatementRow | MentionRow


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _evidence(value: object) -> tuple[Evidence, ...]:
    if not isinstance(value, list):
        return ()
    found: list[Evidence] = []
    for item in value:
        if not isinstance(item, dict):
            continue
        mention, article = item.get("mention"), item.get("article")
        if isinstance(mention, str) and isinstance(article, str):
            aliases = item.get("aliases")
            found.append(
                Evidence(mention, article, _strings(aliases) if aliases is not None else None)
            )
    return tuple(found)


def _date(value: object) -> dt.date | None:
    """A Neo4j ``date`` (or ``datetime``), or an ISO date string, as a ``date``."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    to_native = getattr(value, "to_native", None)
    native = to_native() if callable(to_native) else value
    if isinstance(native, dt.datetime):
        return native.date()
    return native if isinstance(native, dt.date) else None


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _links(value: object) -> tuple[Link, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Link(item["target"], _strings(item.get("articles")))
        for item in value
        if isinstance(item, dict) and isinstance(item.get("target"), str)
    )


def _article_row(r: Mapping[str, Any]) -> ArticleRow:
    return ArticleRow(
        id=r["id"],
        url=_text(r["url"]),
        headline=_text(r["headline"]),
        published=_date(r["published"]),
        text=_text(r["text"]),
    )


def _entity_row(label: Label) -> Callable[[Mapping[str, Any]], EntityRow]:
    def build(r: Mapping[str, Any]) -> EntityRow:
        return EntityRow(
            label=label,
            id=r["id"],
            name=_text(r["name"]) or r["id"],
            aliases=_strings(r["aliases"]),
            evidence=_evidence(r["evidence"]),
            same_as=_strings(r["same_as"]),
            honorific=_text(r.get("honorific")),
            kind=_text(r.get("kind")),
            latitude=_float(r.get("latitude")),
            longitude=_float(r.get("longitude")),
            within=_links(r.get("within")),
        )

    return build


def _role_row(r: Mapping[str, Any]) -> RoleRow:
    return RoleRow(
        id=r["id"],
        name=_text(r["name"]),
        title=_text(r["title"]) or "",
        status=_text(r["status"]),
        holders=_strings(r["holders"]),
        organisations=_strings(r["organisations"]),
        evidence=_evidence(r["evidence"]),
    )


def _event_row(r: Mapping[str, Any]) -> EventRow:
    return EventRow(
        id=r["id"],
        name=_text(r["name"]),
        kind=_text(r["kind"]),
        summary=_text(r["summary"]),
        date=_text(r["date"]),
        locations=_strings(r["locations"]),
        participants=_strings(r["participants"]),
        evidence=_evidence(r["evidence"]),
    )


def _statement_row(r: Mapping[str, Any]) -> StatementRow:
    return StatementRow(
        id=r["id"],
        text=_text(r["text"]) or "",
        kind=_text(r["kind"]),
        when=_text(r["when"]),
        speakers=_strings(r["speakers"]),
        audience=_strings(r["audience"]),
        occasions=_strings(r["occasions"]),
        mentions=_strings(r["mentions"]),
        evidence=_evidence(r["evidence"]),
    )


def _mention_row(r: Mapping[str, Any]) -> MentionRow:
    return MentionRow(
        id=r["id"],
        article=_text(r["article"]),
        start=int(r["start"]),
        end=int(r["end"]),
        text=_text(r["text"]) or "",
    )


# -- Cypher ---------------------------------------------------------------------------
# Per label, one query reads given ids (a weighed group, one article's facts, one
# entity) and, for mentions, one reads a page of the whole graph (keyset on the unique
# `id` index: `n.id > $after`); both share the row projection. `$article` is null for
# the whole graph, or the article a named graph is cut to (only its evidence is read).
#
# Each query answers ONE record holding the whole batch (`collect(row)`): the async
# driver pays a few socket reads and task switches per record, which made a record
# per row the bottleneck (~3,000 rows/s); a record per batch is ~15x faster.

_PAGE = "WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit"
_BY_IDS = "UNWIND $ids AS id"
_EVIDENCE = """
  evidence: [(n)-[e:EVIDENCED_BY]->(m:Mention)-[:FROM]->(a:Article)
     WHERE $article IS NULL OR a.id = $article
     | {mention: m.id, article: a.id, aliases: e.aliases}]
} AS row
RETURN collect(row) AS rows
"""

_ARTICLE_ROW = """
WITH n {.id, .url, .headline, .published, .text} AS row
RETURN collect(row) AS rows
"""
_ARTICLES = _BY_IDS + " MATCH (n:Article {id: id})" + _ARTICLE_ROW

# owl:sameAs: a SAME_AS relationship, or an active merge decision into this entity
# (graph/decisions.py) -- the merged-away id's URI is the same thing.
_SAME_AS = """
  same_as: [(n)-[:SAME_AS]->(o) | o.id] + COLLECT {
    MATCH (d:Decision {entity: n.id}) WHERE d.kind = 'merge' AND d.undoneAt IS NULL
    RETURN d.other ORDER BY d.other
  },"""

_PERSON_ROW = (
    """
WITH n {.id, .name, .aliases, .honorific,"""
    + _SAME_AS
    + _EVIDENCE
)
_PEOPLE = _BY_IDS + " MATCH (n:Person {id: id})" + _PERSON_ROW

_ORGANISATION_ROW = (
    """
WITH n {.id, .name, .aliases,"""
    + _SAME_AS
    + _EVIDENCE
)
_ORGANISATIONS = _BY_IDS + " MATCH (n:Organisation {id: id})" + _ORGANISATION_ROW

_LOCATION_ROW = (
    """
WITH n {.id, .name, .aliases, .kind, .latitude, .longitude,"""
    + _SAME_AS
    + """
  within: [(n)-[w:WITHIN]->(o:Location) | {target: o.id, articles: w.articles}],"""
    + _EVIDENCE
)
_LOCATIONS = _BY_IDS + " MATCH (n:Location {id: id})" + _LOCATION_ROW

_ROLE_ROW = (
    """
WITH n {.id, .name, .title, .status,
  holders: [(p)-[:HOLDS]->(n) | p.id],
  organisations: [(n)-[:AT]->(o:Organisation) | o.id],"""
    + _EVIDENCE
)
_ROLES = _BY_IDS + " MATCH (n:Role {id: id})" + _ROLE_ROW

_EVENT_ROW = (
    """
WITH n {.id, .name, .kind, .summary, .date,
  locations: [(n)-[:IN]->(l:Location) | l.id],
  participants: [(n)-[:INVOLVED]->(p) | p.id],"""
    + _EVIDENCE
)
_EVENTS = _BY_IDS + " MATCH (n:Event {id: id})" + _EVENT_ROW

_STATEMENT_ROW = (
    """
WITH n {.id, .text, .kind, .when,
  speakers: [(s)-[:SAID]->(n) | s.id],
  audience: [(n)-[:TO]->(t) | t.id],
  occasions: [(n)-[:AT]->(e:Event) | e.id],
  mentions: [(n)-[:MENTIONS]->(x) | x.id],"""
    + _EVIDENCE
)
_STATEMENTS = _BY_IDS + " MATCH (n:Statement {id: id})" + _STATEMENT_ROW

_MENTION_ROW = """
WITH n {.id, .start, .end, .text,
  article: coalesce(head([(n)-[:FROM]->(a:Article) | a.id]), n.article)} AS row
RETURN collect(row) AS rows
"""
_MENTIONS_PAGE = "MATCH (n:Mention) " + _PAGE + _MENTION_ROW
_MENTIONS = _BY_IDS + " MATCH (n:Mention {id: id})" + _MENTION_ROW

# The facts and mentions of one article, for its named graph.
_ARTICLE_EXISTS = "MATCH (a:Article {id: $article}) RETURN count(a) > 0 AS found"
_ARTICLE_MENTION_IDS = """
MATCH (:Article {id: $article})<-[:FROM]-(m:Mention)
WITH m.id AS id ORDER BY id RETURN collect(id) AS ids
"""
_ARTICLE_FACT_IDS = """
MATCH (:Article {id: $article})<-[:FROM]-(:Mention)<-[:EVIDENCED_BY]-(f)
WITH DISTINCT f
WITH f.id AS id, labels(f) AS labels ORDER BY id
RETURN collect({id: id, labels: labels}) AS facts
"""

# Distinct values behind a concept URI, to dereference `{base}/{scheme}/{slug}`.
_ROLE_TITLES = "MATCH (n:Role) RETURN collect(DISTINCT n.title) AS values"
_EVENT_KINDS = "MATCH (n:Event) RETURN collect(DISTINCT n.kind) AS values"
_PLACE_KINDS = "MATCH (n:Location) RETURN collect(DISTINCT n.kind) AS values"


# A fact's row holds its evidence, and a node named in thousands of articles holds
# thousands: a page of such nodes would hold most of the graph's evidence at once. So a
# fact label is read in two steps: a keyset page of ids, each with its evidence count
# (cheap: the ids come from the index, the counts from the relationship store), then
# the rows of consecutive ids whose evidence adds up to about one batch, by id. Memory
# stays flat as the graph grows, whatever the hubs.
# An article's row holds its text: articles are weighed by it, a unit per 100
# characters, so a group holds about a batch of hundreds of characters (200,000 for
# the default batch).
_WEIGH = (
    "MATCH (n:{label}) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit "
    "RETURN collect([n.id, COUNT {{ (n)-[:EVIDENCED_BY]->() }}]) AS ids"
)
_WEIGH_ARTICLES = (
    "MATCH (n:Article) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit "
    "RETURN collect([n.id, coalesce(size(n.text), 0) / 100]) AS ids"
)


@dataclass(frozen=True, slots=True)
class _LabelReader:
    detail: str  # the rows of given ids
    build: Callable[[Mapping[str, Any]], Row]
    page: str | None = None  # a keyset page of rows (Mention: light, no evidence)


_READERS: Final[Mapping[Label, _LabelReader]] = {
    Label.ARTICLE: _LabelReader(_ARTICLES, _article_row),
    Label.PERSON: _LabelReader(_PEOPLE, _entity_row(Label.PERSON)),
    Label.ORGANISATION: _LabelReader(_ORGANISATIONS, _entity_row(Label.ORGANISATION)),
    Label.LOCATION: _LabelReader(_LOCATIONS, _entity_row(Label.LOCATION)),
    Label.ROLE: _LabelReader(_ROLES, _role_row),
    Label.EVENT: _LabelReader(_EVENTS, _event_row),
    Label.STATEMENT: _LabelReader(_STATEMENTS, _statement_row),
    Label.MENTION: _LabelReader(_MENTIONS, _mention_row, page=_MENTIONS_PAGE),
}
_WEIGHS: Final[Mapping[Label, str]] = {
    label: _WEIGH_ARTICLES if label is Label.ARTICLE else _WEIGH.format(label=label.value)
    for label, reader in _READERS.items()
    if reader.page is None
}

_DISTINCT_VALUES: Final[Mapping[Label, str]] = {
    Label.ROLE: _ROLE_TITLES,
    Label.EVENT: _EVENT_KINDS,
    Label.LOCATION: _PLACE_KINDS,
}


# -- reading ------------------------------------------------------------------------------


def read_session(driver: AsyncDriver, database: str) -> AsyncSession:
    """A read session for the export's queries."""
    # A graph without SAME_AS (or another optional relationship) is normal: silence the
    # server's "relationship type does not exist" notifications for these reads.
    return driver.session(
        database=database,
        default_access_mode=READ_ACCESS,
        notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
    )


async def _value(session: AsyncSession, cypher: str, key: str, **params: Any) -> Any:
    """``key`` of the one record a batch query answers (see the Cypher section); the raw
    value, lists and maps as the driver unpacked them (``Record.data()`` would copy it)."""
    result = await session.run(cypher, params)
    record = await result.single(strict=True)
    return record[key]


async def _list(session: AsyncSession, cypher: str, key: str, **params: Any) -> list[Any]:
    value = await _value(session, cypher, key, **params)
    return value if isinstance(value, list) else []


def _prefetch(session: AsyncSession, cypher: str, **params: Any) -> asyncio.Task[list[Any]]:
    return asyncio.ensure_future(_list(session, cypher, "rows", **params))


def chunks(ids: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


async def rows_by_ids(
    session: AsyncSession, label: Label, ids: list[str], article: str | None
) -> list[Row]:
    reader = _READERS[label]
    records = await _list(session, reader.detail, "rows", ids=ids, article=article)
    rows: list[Row] = [reader.build(r) for r in records]
    return rows


async def _pages(session: AsyncSession, page: str, batch: int) -> AsyncIterator[Any]:
    """A label's keyset pages of rows. While the caller maps one page, the server already
    reads the next one."""

    def request(after: str) -> asyncio.Task[list[Any]]:
        return _prefetch(session, page, after=after, limit=batch, article=None)

    pending: asyncio.Task[list[Any]] | None = request("")
    try:
        while pending is not None:
            records = await pending
            pending = None
            if len(records) == batch:
                pending = request(max(r["id"] for r in records))
                await asyncio.sleep(0)  # let the prefetch send its query
            if records:
                yield records
    finally:
        await _drop(pending)


def weighed_groups(weighed: Sequence[Sequence[Any]], budget: int) -> Iterator[list[str]]:
    """Consecutive ids whose weights (evidence counts, or an article's text size) add up
    to at most ``budget``; a node heavier than that alone. (The page the ids come from
    holds at most a batch of nodes, so a group of light nodes is a page.)"""
    group: list[str] = []
    weight = 0
    for node_id, count in weighed:
        if group and weight + count > budget:
            yield group
            group, weight = [], 0
        group.append(node_id)
        weight += count
    if group:
        yield group


async def _weighed_pages(
    session: AsyncSession, reader: _LabelReader, weigh: str, batch: int
) -> AsyncIterator[Any]:
    """A fact label's rows, a group of about ``batch`` evidence entries at a time (see
    ``_WEIGH``); the next group is requested before the current one is mapped."""
    after = ""
    while True:
        weighed = await _list(session, weigh, "ids", after=after, limit=batch)
        groups = list(weighed_groups(weighed, batch))
        pending: asyncio.Task[list[Any]] | None = None
        try:
            for index, ids in enumerate(groups):
                # one query at a time on the session: the next is sent once this one is read
                current = pending or _prefetch(session, reader.detail, ids=ids, article=None)
                records = await current
                pending = None
                if index + 1 < len(groups):
                    following = groups[index + 1]
                    pending = _prefetch(session, reader.detail, ids=following, article=None)
                    await asyncio.sleep(0)  # let the prefetch send its query
                if records:
                    yield records
        finally:
            await _drop(pending)
        if len(weighed) < batch:
            return
        after = weighed[-1][0]


async def _drop(pending: asyncio.Task[list[Any]] | None) -> None:
    """Cancel a prefetch the caller no longer wants: no query left behind."""
    if pending is not None:
        pending.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pending


async def _whole_graph(session: AsyncSession, batch: int) -> AsyncIterator[list[Row]]:
    """Every label in turn: keyset pages of rows, or for a fact label weighed groups."""
    for label, reader in _READERS.items():
        pages = (
            _pages(session, reader.page, batch)
            if reader.page is not None
            else _weighed_pages(session, reader, _WEIGHS[label], batch)
        )
        async for records in pages:
            yield [reader.build(r) for r in records]


async def row_batches(
    session: AsyncSession, article: str | None, batch: int
) -> AsyncIterator[list[Row]]:
    """The rows of the whole graph (``article`` None) or of one article, page by page."""
    if article is None:
        async for rows in _whole_graph(session, batch):
            yield rows
        return
    if not await _value(session, _ARTICLE_EXISTS, "found", article=article):
        raise NotFound(f"No article {article!r} in the graph.")
    yield await rows_by_ids(session, Label.ARTICLE, [article], article)
    by_label: dict[Label, list[str]] = {}
    for r in await _list(session, _ARTICLE_FACT_IDS, "facts", article=article):
        found = next((Label(x) for x in r["labels"] if x in Label._value2member_map_), None)
        if found is not None and found not in (Label.ARTICLE, Label.MENTION):
            by_label.setdefault(found, []).append(r["id"])
    for label in _READERS:
        for ids in chunks(by_label.get(label, []), batch):
            yield await rows_by_ids(session, label, ids, article)
    mention_ids = await _list(session, _ARTICLE_MENTION_IDS, "ids", article=article)
    for ids in chunks(mention_ids, batch):
        yield await rows_by_ids(session, Label.MENTION, ids, article)


async def distinct_values(session: AsyncSession, label: Label) -> list[str]:
    """The distinct role titles (``Role``), event kinds (``Event``) or place kinds
    (``Location``) in the graph: the values behind the concept URIs."""
    found = await _list(session, _DISTINCT_VALUES[label], "values")
    return [v for v in found if isinstance(v, str)]

"""The reader every API request holds, and nodes by id as domain dataclasses.

:class:`GraphReader` is the process's driver, the database, a transaction
timeout, and a :class:`RoundTrips` counter shared by the process, so a test (or
an operator) can see how many Cypher statements a request cost; its
:meth:`~GraphReader.run` sends one statement (the GraphQL queries' statements
are compiled by :mod:`graph.selection`). :meth:`~GraphReader.nodes` reads nodes
by id into the domain dataclasses of :mod:`schema.model`. Every query of this
module is a constant whose varying parts (labels) come from enum whitelists;
values are always ``$parameters``. Errors::

    GraphError (graph.errors)
    ├── GraphUnavailable   the server does not answer (raised here for any
    │                      connection failure during a read)
    └── QueryTimeout       a read ran past the transaction timeout
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, LiteralString, TypeAlias

from neo4j import READ_ACCESS, AsyncDriver, Query, Record
from neo4j.exceptions import DriverError, Neo4jError, TransientError
from neo4j.time import Date as Neo4jDate

from graph.errors import GraphUnavailable, QueryTimeout, error_class
from schema import model
from schema.labels import Label

DEFAULT_TIMEOUT = 10.0

GraphNode: TypeAlias = (
    model.Article
    | model.Person
    | model.Organisation
    | model.Location
    | model.Role
    | model.Event
    | model.Statement
)


__all__ = ["GraphReader", "QueryTimeout", "RoundTrips"]


@dataclass(slots=True)
class RoundTrips:
    """Counts the Cypher round trips made through every reader that shares it."""

    count: int = 0


# --- projections: one map per label, with the ids of the nodes it refers to ---

# A person, organisation or place referred to by the projected node ``n``, projected
# as ``r``: read along with ``n`` so that resolving the reference costs no round trip.
_REF: LiteralString = (
    "r {.id, .name, .aliases, .honorific, .anonymous, .kind, .latitude, .longitude, "
    "label: CASE WHEN r:Person THEN 'Person' WHEN r:Organisation THEN 'Organisation' "
    "ELSE 'Location' END, within: head([(r)-[:WITHIN]->(w:Location) | w.id])}"
)

_PROJECTIONS: dict[Label, LiteralString] = {
    Label.ARTICLE: (
        "n {.id, .url, .headline, .published, .source, .checksum, .text, label: 'Article'}"
    ),
    Label.PERSON: "n {.id, .name, .aliases, .honorific, .anonymous, label: 'Person'}",
    Label.ORGANISATION: "n {.id, .name, .aliases, label: 'Organisation'}",
    Label.LOCATION: (
        "n {.id, .name, .aliases, .kind, .latitude, .longitude, label: 'Location', "
        "within: head([(n)-[:WITHIN]->(w:Location) | w.id]), "
        "refs: [(n)-[:WITHIN]->(r:Location) | " + _REF + "]}"
    ),
    Label.ROLE: (
        "n {.id, .title, .wording, .status, label: 'Role', "
        "person: head([(p:Person)-[:HOLDS]->(n) | p.id]), "
        "organisation: head([(n)-[:AT]->(o:Organisation) | o.id]), "
        "refs: [(r:Person)-[:HOLDS]->(n) | " + _REF + "] "
        "+ [(n)-[:AT]->(r:Organisation) | " + _REF + "]}"
    ),
    Label.EVENT: (
        "n {.id, .kind, .summary, .date, .dateText, label: 'Event', "
        "location: head([(n)-[:IN]->(l:Location) | l.id]), "
        "participants: [(n)-[i:INVOLVED]->(p) | {entity: p.id, as: i.as}], "
        "refs: [(n)-[:IN|INVOLVED]->(r) WHERE r:Person OR r:Organisation OR r:Location | "
        + _REF + "]}"
    ),
    Label.STATEMENT: (
        "n {.id, .text, .kind, .when, label: 'Statement', "
        "speaker: head([(s)-[:SAID]->(n) | s.id]), "
        "audience: head([(n)-[:TO]->(a) | a.id]), "
        "occasion: head([(n)-[:AT]->(e:Event) | e.id]), "
        "refs: [(r)-[:SAID]->(n) WHERE r:Person OR r:Organisation | " + _REF + "] "
        "+ [(n)-[:TO]->(r) WHERE r:Person OR r:Organisation | " + _REF + "]}"
    ),
}

#: Labels a reader returns (Mention nodes are evidence, not nodes of the API).
NODE_LABELS: tuple[Label, ...] = tuple(_PROJECTIONS)

ANY_PROJECTION: LiteralString = (
    "CASE "
    + " ".join(f"WHEN n:{label.value} THEN {_PROJECTIONS[label]}" for label in NODE_LABELS)
    + " END"
)


def projection(label: Label) -> LiteralString:
    """The map projection of ``n`` for a label (for the other read modules)."""
    return _PROJECTIONS[label]


def label_of_id(node_id: str) -> Label | None:
    """The label an id belongs to, from its ``{kind}/`` prefix; None for a malformed id."""
    kind, slash, key = node_id.partition("/")
    if not slash or not key:
        return None
    for label in NODE_LABELS:
        if label.kind == kind:
            return label
    return None


# --- conversion: projected maps -> domain dataclasses -------------------------


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _date(value: object) -> dt.date | None:
    if isinstance(value, Neo4jDate):
        return value.to_native()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _enum_or(value: object, enum: type[StrEnum], default: StrEnum) -> Any:
    try:
        return enum(value) if isinstance(value, str) else default
    except ValueError:
        return default


def to_node(data: Mapping[str, Any]) -> GraphNode:
    """Build the domain dataclass for one projected node."""
    label = Label(data["label"])
    node_id = str(data["id"])
    if label is Label.ARTICLE:
        return model.Article(
            id=node_id,
            text=_text(data.get("text")) or "",
            checksum=_text(data.get("checksum")) or "",
            headline=_text(data.get("headline")),
            url=_text(data.get("url")),
            source=_text(data.get("source")),
            published=_date(data.get("published")),
        )
    if label is Label.PERSON:
        return model.Person(
            id=node_id,
            name=_text(data.get("name")) or node_id,
            aliases=_strings(data.get("aliases")),
            honorific=_text(data.get("honorific")),
            anonymous=bool(data.get("anonymous")),
        )
    if label is Label.ORGANISATION:
        return model.Organisation(
            id=node_id,
            name=_text(data.get("name")) or node_id,
            aliases=_strings(data.get("aliases")),
        )
    if label is Label.LOCATION:
        return model.Location(
            id=node_id,
            name=_text(data.get("name")) or node_id,
            aliases=_strings(data.get("aliases")),
            kind=_text(data.get("kind")),
            within=_text(data.get("within")),
            latitude=_float(data.get("latitude")),
            longitude=_float(data.get("longitude")),
        )
    if label is Label.ROLE:
        wording = _strings(data.get("wording"))
        title = _text(data.get("title")) or ""
        return model.Role(
            id=node_id,
            person=_text(data.get("person")) or "",
            title=title,
            organisation=_text(data.get("organisation")),
            wording=wording[0] if wording else title,
            status=_enum_or(data.get("status"), model.RoleStatus, model.RoleStatus.CURRENT),
        )
    if label is Label.EVENT:
        participants = sorted(
            (
                model.Participant(entity=str(p["entity"]), role=_text(p.get("as")) or "participant")
                for p in data.get("participants") or ()
                if p.get("entity")
            ),
            key=lambda p: (p.entity, p.role),
        )
        return model.Event(
            id=node_id,
            kind=_text(data.get("kind")) or "event",
            summary=_text(data.get("summary")) or "",
            date=_text(data.get("date")),
            date_text=_text(data.get("dateText")),
            location=_text(data.get("location")),
            participants=tuple(participants),
        )
    if label is Label.STATEMENT:
        return model.Statement(
            id=node_id,
            text=_text(data.get("text")) or "",
            kind=_enum_or(data.get("kind"), model.StatementKind, model.StatementKind.DIRECT),
            speaker=_text(data.get("speaker")),
            audience=_text(data.get("audience")),
            occasion=_text(data.get("occasion")),
            when=_text(data.get("when")),
        )
    raise ValueError(f"no domain type for label {label}")


# --- the reader ---------------------------------------------------------------


class GraphReader:
    """Runs read queries for one request: one driver, one database, one timeout."""

    def __init__(
        self,
        driver: AsyncDriver,
        database: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        round_trips: RoundTrips | None = None,
    ) -> None:
        self._driver = driver
        self._database = database
        self._timeout = timeout
        self.round_trips = round_trips if round_trips is not None else RoundTrips()

    async def run(self, text: LiteralString, **parameters: Any) -> list[Record]:
        """One auto-commit read: one round trip, counted, not retried (a request fails
        fast when the server is down). Connection failures become GraphUnavailable and
        a timed-out transaction QueryTimeout."""
        self.round_trips.count += 1
        try:
            async with self._driver.session(
                database=self._database, default_access_mode=READ_ACCESS
            ) as session:
                result = await session.run(Query(text, timeout=self._timeout), parameters)
                return [record async for record in result]
        except (DriverError, Neo4jError) as exc:
            kind = error_class(exc)
            if kind is QueryTimeout:
                raise QueryTimeout(
                    f"The query ran longer than {self._timeout:g} s and was stopped; "
                    "ask for fewer items or a narrower filter."
                ) from exc
            if kind is GraphUnavailable:
                raise GraphUnavailable(f"Neo4j is unreachable ({exc}).") from exc
            if isinstance(exc, TransientError):
                raise GraphUnavailable(f"Neo4j could not answer ({exc.code}).") from exc
            raise

    async def ping(self) -> None:
        """Raise GraphUnavailable unless the database answers."""
        await self.run(_PING)

    async def nodes(self, ids: Sequence[str]) -> list[GraphNode | None]:
        """The nodes with these ids, in order; None for an unknown or malformed id.

        One round trip per label among the ids, run concurrently."""
        by_label: dict[Label, list[str]] = defaultdict(list)
        for node_id in ids:
            label = label_of_id(node_id)
            if label is not None:
                by_label[label].append(node_id)
        found: dict[str, GraphNode] = {}
        queries = [
            self.run(_NODES_BY_ID[label], ids=list(set(group))) for label, group in by_label.items()
        ]
        batches = [await queries[0]] if len(queries) == 1 else await asyncio.gather(*queries)
        for records in batches:
            for record in records:
                node = to_node(record["node"])
                found[node.id] = node
        return [found.get(node_id) for node_id in ids]


_PING: LiteralString = "RETURN 1 AS ok"

_NODES_BY_ID: dict[Label, LiteralString] = {
    label: (
        f"UNWIND $ids AS id MATCH (n:{label.value} {{id: id}}) "
        f"RETURN {_PROJECTIONS[label]} AS node"
    )
    for label in NODE_LABELS
}

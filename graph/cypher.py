"""Run an analyst's own Cypher query: read-only unless asked, rows as plain JSON values.

This is the terminal way into the graph (``newsgraph cypher``). A read runs in a
READ access-mode transaction, so the *server* refuses a query that would write;
the refusal becomes :class:`WriteRefused`. Any other rejection (a syntax error,
an unknown function, a missing parameter) becomes :class:`QueryError` with the
server's message::

    GraphError
    └── QueryError        the server rejected the query
        └── WriteRefused  the query writes, and writing was not allowed

(both defined in :mod:`graph.errors`, with the table of server codes).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import ClientError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.errors import QueryError, WriteRefused, classify
from graph.records import Counts

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]

__all__ = ["QueryError", "QueryResult", "WriteRefused", "run_query", "to_json"]


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[JsonValue, ...], ...]
    counts: Counts

    def as_objects(self) -> list[dict[str, JsonValue]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def to_json(value: Any) -> JsonValue:
    """A driver value as JSON: nodes and relationships as maps of labels/type and
    properties, temporal values as ISO 8601 strings."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Node):
        labels: list[JsonValue] = [str(label) for label in sorted(value.labels)]
        return {"labels": labels, "properties": _props(value)}
    if isinstance(value, Relationship):
        return {
            "type": value.type,
            "start": _node_key(value.start_node),
            "end": _node_key(value.end_node),
            "properties": _props(value),
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_json(node) for node in value.nodes],
            "relationships": [to_json(rel) for rel in value.relationships],
        }
    if isinstance(value, Date | DateTime | Time):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return str(value)


def _props(entity: Node | Relationship) -> dict[str, JsonValue]:
    return {key: to_json(entity[key]) for key in sorted(entity.keys())}


def _node_key(node: Node | None) -> JsonValue:
    if node is None:
        return None
    key = node.get("id")
    return to_json(key) if key is not None else node.element_id


async def _run(
    tx: AsyncManagedTransaction, query: str, params: Mapping[str, Any]
) -> QueryResult:
    # The analyst's own text is the point of this module: it runs as given, with
    # values as parameters, inside a transaction whose access mode guards writes.
    result = await tx.run(query, dict(params))
    records = [record async for record in result]
    summary = await result.consume()
    columns = tuple(result.keys()) if records == [] else tuple(records[0].keys())
    return QueryResult(
        columns=columns,
        rows=tuple(tuple(to_json(value) for value in record.values()) for record in records),
        counts=Counts.of(summary.counters),
    )


async def run_query(
    driver: AsyncDriver,
    database: str,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
) -> QueryResult:
    """Run ``query`` with ``params``; a write needs ``write=True`` (else WriteRefused)."""
    mode = WRITE_ACCESS if write else READ_ACCESS
    try:
        async with driver.session(database=database, default_access_mode=mode) as session:
            if write:
                return await session.execute_write(_run, query, params or {})
            return await session.execute_read(_run, query, params or {})
    except ClientError as exc:
        error = classify(exc)
        if isinstance(error, WriteRefused):
            raise WriteRefused(
                "This query writes to the graph, and queries are read-only by default. "
                "Run it again with --write if you mean to change the graph."
            ) from exc
        if isinstance(error, QueryError) or error is None:
            raise QueryError(f"Neo4j rejected the query: {exc.message} ({exc.code})") from exc
        raise error from exc

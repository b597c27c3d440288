# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""Relay connections: edges with opaque cursors, ``pageInfo`` and ``totalCount``.

A cursor is base64 of ``{"o": order, "k": sort key, "i": id}`` (or ``{"s": offset}``
for search): opaque to clients, checked on the way back in, so a cursor from
another ordering, or a made-up one, is a clear ``INVALID_CURSOR`` error.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Generic, TypeVar

import strawberry

from api.graphql.errors import InvalidArgument, InvalidCursor
from api.graphql.limits import Limits
from graph.pages import Keyset, Order

T = TypeVar("T")

_CURSOR_PREFIX = "c1:"
MAX_CURSOR_LENGTH = 1000


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="One item of a page, with the cursor to continue after it.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list: `edges`, `pageInfo`, and the `totalCount` "
                 "of every item that matches the filter.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int

    @strawberry.field(description="The page's nodes, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def encode_cursor(payload: dict[str, str | int]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(_CURSOR_PREFIX.encode() + raw).decode("ascii")


def decode_cursor(cursor: str) -> dict[str, object]:
    """The payload of a cursor; InvalidCursor for anything this API did not make."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidCursor("Invalid cursor: too long. Pass a cursor from a previous page.")
    try:
        raw = base64.urlsafe_b64decode(cursor.encode("ascii"))
        if not raw.startswith(_CURSOR_PREFIX.encode()):
            raise ValueError("prefix")
        payload = json.loads(raw[len(_CURSOR_PREFIX) :].decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise InvalidCursor(
            f"Invalid cursor {cursor[:40]!r}: pass the `endCursor` or an edge `cursor` "
            "of a previous page, unchanged."
        ) from exc
    if not isinstance(payload, dict):
        raise InvalidCursor(f"Invalid cursor {cursor[:40]!r}.")
    return payload


def keyset_from_cursor(cursor: str, order: Order) -> Keyset:
    payload = decode_cursor(cursor)
    key, node_id, cursor_order = payload.get("k"), payload.get("i"), payload.get("o")
    if not isinstance(key, str) or not isinstance(node_id, str):
        raise InvalidCursor(f"Invalid cursor {cursor[:40]!r}: not a cursor of this list.")
    if cursor_order != order.value:
        raise InvalidCursor(
            f"Invalid cursor: it belongs to ordering {cursor_order!r}, not {order.value!r}; "
            "start again without `after` when you change `orderBy`."
        )
    return Keyset(key=key, id=node_id)


NESTED_ORDER = "n"  # the ``o`` of a nested connection's cursors (one order per list)


def nested_keyset_from_cursor(cursor: str) -> Keyset:
    """The position a nested connection's cursor holds; InvalidCursor for any other."""
    payload = decode_cursor(cursor)
    key, node_id, order = payload.get("k"), payload.get("i"), payload.get("o")
    if not isinstance(key, str) or not isinstance(node_id, str) or order != NESTED_ORDER:
        raise InvalidCursor(f"Invalid cursor {cursor[:40]!r}: not a cursor of this list.")
    return Keyset(key=key, id=node_id)


def offset_from_cursor(cursor: str) -> int:
    payload = decode_cursor(cursor)
    offset = payload.get("s")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise InvalidCursor(f"Invalid cursor {cursor[:40]!r}: not a cursor of search results.")
    return offset


def page_size(first: int | None, limits: Limits, *, nested: bool = False) -> int:
    """The page size to use; InvalidArgument for a ``first`` out of range."""
    maximum = limits.max_nested if nested else limits.max_page_size
    if first is None:
        return limits.default_nested if nested else limits.default_page_size
    if not 1 <= first <= maximum:
        raise InvalidArgument(f"`first` must be between 1 and {maximum} (got {first}).")
    return first

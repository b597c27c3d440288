"""``search(text:)``: full-text search over names, aliases, titles, summaries and quotes."""

from __future__ import annotations

from enum import Enum

import strawberry

from api.graphql.context import Info
from api.graphql.errors import InvalidArgument
from api.graphql.node import Node, node_from_domain
from api.graphql.pagination import (
    Connection,
    Edge,
    PageInfo,
    encode_cursor,
    offset_from_cursor,
    page_size,
)
from graph import search as graph_search
from schema.labels import Label

MAX_SEARCH_TEXT = 200
MAX_OFFSET = 10_000


@strawberry.enum(description="What kind of node a search may return.")
class SearchKind(Enum):
    PERSON = Label.PERSON
    ORGANISATION = Label.ORGANISATION
    LOCATION = Label.LOCATION
    ROLE = Label.ROLE
    EVENT = Label.EVENT
    STATEMENT = Label.STATEMENT


@strawberry.type(description="A node that matches the search, with Lucene's relevance score.")
class SearchHit:
    score: float
    node: Node = strawberry.field(description="The matched entity, role, event or statement.")
    kind: SearchKind

    @classmethod
    def from_domain(cls, hit: graph_search.SearchHit) -> SearchHit:
        node = node_from_domain(hit.node)
        return cls(score=hit.score, node=node, kind=SearchKind[type(hit.node).__name__.upper()])


async def search_connection(
    info: Info,
    text: str,
    kinds: list[SearchKind] | None,
    first: int | None,
    after: str | None,
) -> Connection[SearchHit]:
    limit = page_size(first, info)
    if not text.strip() or len(text) > MAX_SEARCH_TEXT:
        raise InvalidArgument(f"`text` must be 1 to {MAX_SEARCH_TEXT} characters.")
    skip = offset_from_cursor(after) + 1 if after is not None else 0
    if skip > MAX_OFFSET:
        raise InvalidArgument(f"Search results can be paged up to {MAX_OFFSET} hits deep.")
    labels = tuple(kind.value for kind in kinds) if kinds else None
    try:
        page = await graph_search.search(
            info.context.reader, text, labels=labels, skip=skip, limit=limit
        )
    except ValueError as exc:
        raise InvalidArgument(f"`text` {exc}.") from exc
    info.context.loaders.prime([hit.node for hit in page.hits])
    edges = [
        Edge(cursor=encode_cursor({"s": skip + i}), node=SearchHit.from_domain(hit))
        for i, hit in enumerate(page.hits)
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=skip > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=page.total,
    )

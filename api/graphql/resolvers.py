"""Small shared steps of the resolvers: load related nodes, a node by id, evidence."""

from __future__ import annotations

from typing import Annotated, TypeVar

import strawberry

from api.graphql.context import Info
from api.graphql.pagination import page_size
from graph.reads import Citation, GraphNode, Hop
from schema.labels import Label

N = TypeVar("N")


async def related(info: Info, hop: Hop, node_id: str, first: int | None) -> list[GraphNode]:
    """The nodes one ``hop`` from ``node_id`` (batched with its siblings by a DataLoader)."""
    limit = page_size(first, info, nested=True)
    return await info.context.loaders.hop(hop, limit).load(node_id)


def of_type(nodes: list[GraphNode], kind: type[N]) -> list[N]:
    return [node for node in nodes if isinstance(node, kind)]


async def by_id(info: Info, node_id: str | None) -> GraphNode | None:
    if node_id is None:
        return None
    return await info.context.loaders.node.load(node_id)


async def citations(info: Info, label: Label, node_id: str) -> list[Citation]:
    return await info.context.loaders.evidence(label).load(node_id)


First = Annotated[
    int | None,
    strawberry.argument(description="At most this many (default 50, at most 100)."),
]

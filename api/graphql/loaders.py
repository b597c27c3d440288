"""DataLoaders, created per request, so a nested query costs a bounded number of
round trips: one per (hop, level) and one per label for nodes by id, however
many parents the level has."""

from __future__ import annotations

from functools import partial

from strawberry.dataloader import DataLoader

from graph.reads import Citation, GraphNode, GraphReader, Hop
from schema.labels import Label


class Loaders:
    """The request's loaders; each batches the loads made in one tick of the loop."""

    def __init__(self, reader: GraphReader) -> None:
        self._reader = reader
        self.node: DataLoader[str, GraphNode | None] = DataLoader(load_fn=reader.nodes)
        self._hops: dict[tuple[Hop, int], DataLoader[str, list[GraphNode]]] = {}
        self._evidence: dict[Label, DataLoader[str, list[Citation]]] = {}
        reader.observe(self.prime)

    def hop(self, hop: Hop, limit: int) -> DataLoader[str, list[GraphNode]]:
        """The loader of the nodes one ``hop`` away from a node (at most ``limit``)."""
        loader = self._hops.get((hop, limit))
        if loader is None:
            loader = DataLoader(load_fn=partial(self._load_hop, hop, limit))
            self._hops[(hop, limit)] = loader
        return loader

    def evidence(self, label: Label) -> DataLoader[str, list[Citation]]:
        loader = self._evidence.get(label)
        if loader is None:
            loader = DataLoader(load_fn=partial(self._reader.evidence, label))
            self._evidence[label] = loader
        return loader

    def prime(self, nodes: list[GraphNode]) -> None:
        """Remember nodes already read, so a later load by id costs nothing."""
        for node in nodes:
            self.node.prime(node.id, node)

    async def _load_hop(self, hop: Hop, limit: int, ids: list[str]) -> list[list[GraphNode]]:
        found = await self._reader.hop(hop, ids, limit)
        for nodes in found:
            self.prime(nodes)
        return found

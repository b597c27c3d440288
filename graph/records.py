"""Typed results of the graph layer's writes and queries (no ``Record`` leaves ``graph/``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from neo4j import SummaryCounters


class WriteStatus(StrEnum):
    CREATED = "created"  # the article was not in the graph
    UPDATED = "updated"  # a new version (new checksum) replaced the old one's contribution
    UNCHANGED = "unchanged"  # same checksum: nothing was written


@dataclass(frozen=True, slots=True)
class Counts:
    """What the server changed, summed over a transaction's statements."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    @classmethod
    def of(cls, counters: SummaryCounters) -> Counts:
        return cls(
            nodes_created=counters.nodes_created,
            nodes_deleted=counters.nodes_deleted,
            relationships_created=counters.relationships_created,
            relationships_deleted=counters.relationships_deleted,
            properties_set=counters.properties_set,
        )

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            nodes_created=self.nodes_created + other.nodes_created,
            nodes_deleted=self.nodes_deleted + other.nodes_deleted,
            relationships_created=self.relationships_created + other.relationships_created,
            relationships_deleted=self.relationships_deleted + other.relationships_deleted,
            properties_set=self.properties_set + other.properties_set,
        )

    @property
    def changed(self) -> bool:
        return any(
            (
                self.nodes_created,
                self.nodes_deleted,
                self.relationships_created,
                self.relationships_deleted,
                self.properties_set,
            )
        )


@dataclass(frozen=True, slots=True)
class WriteResult:
    article_id: str
    status: WriteStatus
    counts: Counts = Counts()
    merged: tuple[tuple[str, str], ...] = ()  # (incoming id, existing id) merged on an alias
    warnings: tuple[str, ...] = field(default=())

    @property
    def nodes_created(self) -> int:
        return self.counts.nodes_created

    @property
    def relationships_created(self) -> int:
        return self.counts.relationships_created


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Several articles written in one transaction: each one's status, and the
    server's counters for the whole batch."""

    articles: tuple[tuple[str, WriteStatus], ...]
    counts: Counts

    @property
    def elements_created(self) -> int:
        return self.counts.nodes_created + self.counts.relationships_created


@dataclass(frozen=True, slots=True)
class DeleteResult:
    article_id: str
    counts: Counts
    facts_deleted: int  # entities, roles, events and statements left without evidence

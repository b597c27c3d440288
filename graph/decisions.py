"""Curation decisions as data, and how the writer applies them on every load.

A person can decide that two entities are one (a *merge*: the second id is merged
into the first, the survivor) or that an alias does not belong to an entity (a
*split*: mentions worded exactly as the alias become an entity of their own). Each
decision is a ``(:Decision)`` node -- who, when, why -- that the loader never
writes: it holds the ids as properties, not relationships, so it outlives the
entities it names when their articles are deleted, and applies again when they are
loaded again. Undoing a decision stamps ``undoneAt``; an undone decision is kept for
the record and no longer applied.

The writer calls :func:`apply` inside its transaction, after entity resolution and
before it builds its rows, and :func:`keep_extractions` after writing: each article
keeps the extraction as the loaders made it (``Article.extraction``, JSON), so
that a decision, or its undoing, can write the articles it touches again from
their evidence (:mod:`graph.curation`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from schema.codec import extraction_from_json, extraction_to_json
from schema.ids import entity_id, fact_id, slugify
from schema.labels import Label
from schema.model import Evidence, Extraction, Location, Organisation, Person

DECISION = "Decision"
"""The label of a decision node (not a fact of any article, so not in ``Label``)."""

ENTITY_KINDS: Mapping[str, Label] = {
    label.kind: label for label in (Label.PERSON, Label.ORGANISATION, Label.LOCATION)
}


class DecisionKind(StrEnum):
    MERGE = "merge"
    SPLIT = "split"


@dataclass(frozen=True, slots=True)
class Decision:
    """One curation decision.

    merge: ``entity`` is the survivor, ``other`` the id merged into it.
    split: ``alias`` no longer belongs to ``entity``; ``other`` is the id of the
    entity its mentions form (``{kind}/{slug of alias}``).
    """

    id: str
    kind: DecisionKind
    label: Label
    entity: str
    other: str
    alias: str | None
    by: str
    why: str
    at: dt.datetime
    undone_at: dt.datetime | None = None
    undone_by: str | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None


def decision_id(kind: DecisionKind, entity: str, other: str) -> str:
    """Deterministic: deciding the same thing again re-activates the same node."""
    return fact_id("decision", kind.value, entity, other)


def split_id(entity: str, alias: str) -> str:
    """The id of the entity formed by the mentions an alias split off ``entity``."""
    return entity_id(entity.split("/", 1)[0], alias)


class Runner(Protocol):
    """What the writer's transaction wrapper offers: run a named statement."""

    async def run(self, name: str, query: str, **params: Any) -> list[dict[str, Any]]: ...


_ACTIVE = f"""
MATCH (d:{DECISION}) WHERE d.undoneAt IS NULL
RETURN d {{.*}} AS d ORDER BY d.at, d.id
"""

_KEEP_EXTRACTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a.extraction = row.extraction
"""


def decision_of(props: Mapping[str, Any]) -> Decision:
    """A decision from a ``(:Decision)`` node's properties."""

    def when(value: Any) -> dt.datetime | None:
        return None if value is None else value.to_native()

    at = when(props["at"])
    if at is None:  # pragma: no cover - `at` is always written
        raise ValueError("decision without a date")
    return Decision(
        id=props["id"],
        kind=DecisionKind(props["kind"]),
        label=Label(props["label"]),
        entity=props["entity"],
        other=props["other"],
        alias=props.get("alias"),
        by=props["by"],
        why=props["why"],
        at=at,
        undone_at=when(props.get("undoneAt")),
        undone_by=props.get("undoneBy"),
    )


async def active_decisions(run: Runner) -> list[Decision]:
    return [decision_of(row["d"]) for row in await run.run("decisions", _ACTIVE)]


@dataclass(frozen=True, slots=True)
class Rules:
    """The active decisions as lookups: merged-away id -> survivor; entity -> split
    alias slugs."""

    merged: dict[str, str]
    splits: dict[str, dict[str, str]]  # entity id -> {alias slug: alias}

    @classmethod
    def of(cls, decisions: Iterable[Decision]) -> Rules:
        merged: dict[str, str] = {}
        splits: dict[str, dict[str, str]] = {}
        for decision in decisions:
            if decision.kind is DecisionKind.MERGE:
                merged[decision.other] = decision.entity
            elif decision.alias is not None:
                splits.setdefault(decision.entity, {})[slugify(decision.alias)] = decision.alias
        return cls(merged, splits)

    def survivor(self, eid: str) -> str:
        """Where ``eid`` ends after every merge (a chain followed, a cycle cut)."""
        seen = {eid}
        while eid in self.merged and self.merged[eid] not in seen:
            eid = self.merged[eid]
            seen.add(eid)
        return eid


def apply(
    extractions: Sequence[Extraction], remap: Mapping[str, str], decisions: Iterable[Decision]
) -> tuple[list[Extraction], dict[str, str]]:
    """The extractions and the id remap with the decisions applied.

    Splits first: an entity that resolved to a split entity only by the split alias
    keeps its own id, and the mentions of a split entity worded as the alias become
    the alias's own entity. Then merges: every id that ends on a merged-away entity
    ends on its survivor.
    """
    rules = Rules.of(decisions)
    remap = dict(remap)
    if not rules.merged and not rules.splits:
        return list(extractions), remap
    curated = [_split(extraction, remap, rules) for extraction in extractions]
    for extraction in curated:
        ids = [e.id for e in extraction.people] + [e.id for e in extraction.organisations]
        for eid in ids + [e.id for e in extraction.locations]:
            final = rules.survivor(remap.get(eid, eid))
            if final != eid:
                remap[eid] = final
            else:
                remap.pop(eid, None)
    return curated, remap


_Entity = TypeVar("_Entity", Person, Organisation, Location)


def _split(extraction: Extraction, remap: dict[str, str], rules: Rules) -> Extraction:
    if not rules.splits:
        return extraction
    people = _split_all(extraction.people, remap, rules)
    organisations = _split_all(extraction.organisations, remap, rules)
    locations = _split_all(extraction.locations, remap, rules)
    return dataclasses.replace(
        extraction, people=people, organisations=organisations, locations=locations
    )


def _split_all(
    entities: tuple[_Entity, ...], remap: dict[str, str], rules: Rules
) -> tuple[_Entity, ...]:
    out: dict[str, _Entity] = {}
    for entity in entities:
        target = remap.get(entity.id, entity.id)
        aliases = rules.splits.get(target)
        if not aliases or (isinstance(entity, Person) and entity.anonymous):
            _put(out, entity.id, entity)
            continue
        if slugify(entity.name) in aliases and target != entity.id:
            # resolved onto the entity by the split alias alone: it stays itself
            remap.pop(entity.id, None)
            _put(out, entity.id, entity)
            continue
        kept: list[Evidence] = []
        moved: dict[str, list[Evidence]] = {}
        for mention in entity.mentions:
            slug = slugify(mention.text)
            (moved.setdefault(slug, []) if slug in aliases else kept).append(mention)
        if not kept and len(moved) == 1:
            # every mention is worded as the alias: in this article the entity is the
            # alias's own (its roles and statements follow it there)
            ((slug, mentions),) = moved.items()
            remap[entity.id] = split_id(target, aliases[slug])
            _put(out, entity.id, _piece(entity, entity.id, aliases[slug], mentions))
            continue
        remaining = tuple(a for a in entity.aliases if slugify(a) not in aliases)
        if kept or not moved:
            rest = dataclasses.replace(entity, aliases=remaining, mentions=tuple(kept))
            _put(out, entity.id, rest)
        for slug, mentions in moved.items():
            own = split_id(target, aliases[slug])
            _put(out, own, _piece(entity, own, aliases[slug], mentions))
    return tuple(out.values())


def _piece(entity: _Entity, eid: str, alias: str, mentions: list[Evidence]) -> _Entity:
    """The part of ``entity`` read as ``alias``: its own name, no aliases, no more."""
    piece = dataclasses.replace(entity, id=eid, name=alias, aliases=(), mentions=tuple(mentions))
    if isinstance(piece, Location):
        piece = dataclasses.replace(piece, within=None)
    if isinstance(piece, Person):
        piece = dataclasses.replace(piece, honorific=None)
    return piece


def _put(out: dict[str, _Entity], key: str, entity: _Entity) -> None:
    """Add ``entity`` under ``key``, joined with one already there (aliases, mentions)."""
    if key not in out:
        out[key] = entity
        return
    first: _Entity = out[key]
    aliases = tuple(dict.fromkeys((*first.aliases, *entity.aliases)))
    out[key] = dataclasses.replace(
        first, aliases=aliases, mentions=(*first.mentions, *entity.mentions)
    )


def extraction_row(extraction: Extraction) -> dict[str, str]:
    """The article's extraction as the graph keeps it (its text is ``Article.text``)."""
    return {
        "id": extraction.article.id,
        "extraction": extraction_to_json(extraction, with_text=False),
    }


def kept_extraction(text: str, extraction: str) -> Extraction:
    """The extraction :func:`extraction_row` kept, with the article's text back."""
    return extraction_from_json(extraction, text)


async def keep_extractions(run: Runner, extractions: Iterable[Extraction]) -> None:
    rows = [extraction_row(extraction) for extraction in extractions]
    if rows:
        await run.run("keep extractions", _KEEP_EXTRACTIONS, rows=rows)

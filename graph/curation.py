"""Make, list and undo curation decisions; suggest likely duplicates.

Each operation is one write transaction: it checks the request against the graph
(refusing with :class:`~graph.errors.CurationRefused` or
:class:`~graph.errors.NotFound`, which leave the graph as it was), records or
undoes the ``(:Decision)`` node, and writes again every article that has evidence
for the entities concerned, from the extraction it kept (see
:mod:`graph.decisions`). The graph after a decision is therefore what loading
those articles with the decision in place gives, and after an undo what their
evidence alone gives: the same ids and the same counts as before the decision.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncManagedTransaction, RoutingControl

from graph.decisions import (
    DECISION,
    ENTITY_KINDS,
    Decision,
    DecisionKind,
    Rules,
    active_decisions,
    decision_id,
    decision_of,
    kept_extraction,
    split_id,
)
from graph.errors import CurationRefused, NotFound
from graph.writer.removal import delete_tx
from graph.writer.transactions import write_tx
from schema.ids import slugify
from schema.labels import Label

_ENTITY_TEMPLATE = """
MATCH (n:{label} {{id: $id}})
RETURN n.name AS name, coalesce(n.aliases, []) AS aliases
"""
_ENTITY = {label: _ENTITY_TEMPLATE.format(label=label.value) for label in ENTITY_KINDS.values()}

_AFFECTED_TEMPLATE = """
UNWIND $ids AS id
MATCH (:{label} {{id: id}})-[:EVIDENCED_BY]->(:Mention)-[:FROM]->(a:Article)
WITH DISTINCT a
ORDER BY a.loadedAt, a.id
RETURN a.id AS id, a.text AS text, a.extraction AS extraction
"""
_AFFECTED = {
    label: _AFFECTED_TEMPLATE.format(label=label.value) for label in ENTITY_KINDS.values()
}

_RECORD = f"""
MERGE (d:{DECISION} {{id: $id}})
SET d.kind = $kind, d.label = $label, d.entity = $entity, d.other = $other,
    d.alias = $alias, d.by = $by, d.why = $why, d.at = datetime(),
    d.name = $name, d.undoneAt = null, d.undoneBy = null
RETURN d {{.*}} AS d
"""

_FIND = f"MATCH (d:{DECISION} {{id: $id}}) RETURN d {{.*}} AS d"

_UNDO = f"""
MATCH (d:{DECISION} {{id: $id}})
SET d.undoneAt = datetime(), d.undoneBy = $by
RETURN d {{.*}} AS d
"""

_LIST = f"MATCH (d:{DECISION}) RETURN d {{.*}} AS d ORDER BY d.at, d.id"

_MERGED_INTO = f"""
MATCH (d:{DECISION} {{kind: 'merge', other: $id}})
WHERE d.undoneAt IS NULL
RETURN d.entity AS entity
"""

_NAMES_TEMPLATE = """
MATCH (n:{label})
WHERE NOT coalesce(n.anonymous, false)
RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases
ORDER BY n.id
LIMIT $limit
"""
_NAMES = {label: _NAMES_TEMPLATE.format(label=label.value) for label in ENTITY_KINDS.values()}

SUGGEST_SCAN_LIMIT = 5000
"""Entities of one kind compared by ``suggest`` (pairs grow with its square)."""


@dataclass(frozen=True, slots=True)
class CurationResult:
    """A decision made or undone, and the articles written again because of it."""

    decision: Decision
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Two entities of one kind that may be one; ``score`` in (0, 1], higher first."""

    label: Label
    first: str
    first_name: str
    second: str
    second_name: str
    score: float
    reason: str


def _label_of(eid: str) -> Label:
    label = ENTITY_KINDS.get(eid.split("/", 1)[0]) if "/" in eid else None
    if label is None:
        raise CurationRefused(
            f"{eid!r} is not an entity id: give a person/…, organisation/… or location/… id "
            "(`newsgraph curate suggest` lists candidates)."
        )
    return label


def _reason(why: str) -> str:
    reason = why.strip()
    if not reason:
        raise CurationRefused("Say why (--why \"...\"): every decision keeps its reason.")
    return reason


async def _entity(tx: AsyncManagedTransaction, eid: str) -> tuple[str, list[str]]:
    label = _label_of(eid)
    result = await tx.run(_ENTITY[label], id=eid)
    record = await result.single()
    if record is None:
        merged = await (await tx.run(_MERGED_INTO, id=eid)).single()
        if merged is not None:
            raise NotFound(
                f"{eid!r} was merged into {merged['entity']!r}; use that id, or undo the merge "
                "first (`newsgraph curate list` shows the decision)."
            )
        raise NotFound(f"No {label.kind} has id {eid!r}; `newsgraph curate suggest` lists ids.")
    return str(record["name"]), list(record["aliases"])


class _Run:
    """A :class:`graph.decisions.Runner` over a plain transaction."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def run(self, name: str, query: str, **params: object) -> list[dict[str, object]]:
        result = await self.tx.run(query, params)
        return await result.data()


async def _rewrite(tx: AsyncManagedTransaction, label: Label, ids: Iterable[str]) -> list[str]:
    """Write again, in their load order, every article with evidence for ``ids``."""
    found = await (await tx.run(_AFFECTED[label], ids=sorted(set(ids)))).data()
    missing = [row["id"] for row in found if row["extraction"] is None]
    if missing:
        raise CurationRefused(
            "These articles were loaded before the graph kept extractions, so they cannot be "
            f"written again here: {', '.join(missing)}. Load them again "
            "(`newsgraph ingest SOURCE`), then repeat the decision."
        )
    if not found:
        return []
    extractions = [kept_extraction(row["text"], row["extraction"]) for row in found]
    articles = [row["id"] for row in found]
    await delete_tx(tx, articles)
    await write_tx(tx, extractions)  # one batch, in load order: the same merges as one by one
    return articles


def _concerned(rules: Rules, decision: Decision) -> set[str]:
    ids = {decision.entity, decision.other}
    return ids | {rules.survivor(eid) for eid in ids}


async def _merge_tx(
    tx: AsyncManagedTransaction, survivor: str, other: str, why: str, by: str
) -> CurationResult:
    reason = _reason(why)
    label, other_label = _label_of(survivor), _label_of(other)
    if survivor == other:
        raise CurationRefused(
            f"Cannot merge {survivor!r} with itself: give two different ids."
        )
    if label is not other_label:
        raise CurationRefused(
            f"Cannot merge a {label.kind} ({survivor!r}) with a {other_label.kind} ({other!r}): "
            "merge two entities of one kind."
        )
    name, _ = await _entity(tx, survivor)
    other_name, _ = await _entity(tx, other)
    return await _record(
        tx, DecisionKind.MERGE, label, survivor, other, None, reason, by,
        f"{other_name} = {name}",
    )


async def _split_tx(
    tx: AsyncManagedTransaction, entity: str, alias: str, why: str, by: str
) -> CurationResult:
    reason = _reason(why)
    label = _label_of(entity)
    name, aliases = await _entity(tx, entity)
    wanted = slugify(alias)
    if not alias.strip() or wanted == slugify(name):
        raise CurationRefused(
            f"{alias!r} is the name of {entity!r}, not an alias: split off one of its "
            f"aliases ({', '.join(aliases) or 'it has none'})."
        )
    matching = [a for a in aliases if slugify(a) == wanted]
    if not matching:
        raise CurationRefused(
            f"{entity!r} ({name}) has no alias {alias!r}; its aliases are: "
            f"{', '.join(aliases) or 'none'}."
        )
    other = split_id(entity, matching[0])
    return await _record(
        tx, DecisionKind.SPLIT, label, entity, other, matching[0], reason, by,
        f"{matching[0]} ≠ {name}",
    )


async def _record(
    tx: AsyncManagedTransaction, kind: DecisionKind, label: Label, entity: str, other: str,
    alias: str | None, why: str, by: str, name: str,
) -> CurationResult:
    before = Rules.of(await active_decisions(_Run(tx)))
    found = await (await tx.run(
        _RECORD, id=decision_id(kind, entity, other), kind=kind.value, label=label.value,
        entity=entity, other=other, alias=alias, by=by, why=why, name=name,
    )).single()
    if found is None:  # pragma: no cover - MERGE returns its node
        raise RuntimeError("decision not recorded")
    decision = decision_of(found["d"])
    articles = await _rewrite(tx, label, _concerned(before, decision))
    return CurationResult(decision, tuple(articles))


async def _undo_tx(tx: AsyncManagedTransaction, did: str, by: str) -> CurationResult:
    found = await (await tx.run(_FIND, id=did)).single()
    if found is None:
        raise NotFound(
            f"No decision has id {did!r}; `newsgraph curate list` shows the decisions."
        )
    decision = decision_of(found["d"])
    if not decision.active:
        raise CurationRefused(
            f"Decision {did!r} was already undone on {decision.undone_at:%Y-%m-%d %H:%M} "
            f"by {decision.undone_by}; make it again to restore it."
        )
    before = Rules.of(await active_decisions(_Run(tx)))
    undone = await (await tx.run(_UNDO, id=did, by=by)).single()
    if undone is None:  # pragma: no cover - matched above
        raise RuntimeError("decision vanished")
    articles = await _rewrite(tx, decision.label, _concerned(before, decision))
    return CurationResult(decision_of(undone["d"]), tuple(articles))


async def merge(
    driver: AsyncDriver, database: str, survivor: str, other: str, *, why: str, by: str
) -> CurationResult:
    """Record that ``other`` is ``survivor`` and write the articles of both again."""
    async with driver.session(database=database) as session:
        return await session.execute_write(_merge_tx, survivor, other, why, by)


async def split(
    driver: AsyncDriver, database: str, entity: str, alias: str, *, why: str, by: str
) -> CurationResult:
    """Record that ``alias`` is not ``entity`` and write the entity's articles again."""
    async with driver.session(database=database) as session:
        return await session.execute_write(_split_tx, entity, alias, why, by)


async def undo(driver: AsyncDriver, database: str, decision: str, *, by: str) -> CurationResult:
    """Undo a decision: the articles concerned are written again from their evidence."""
    async with driver.session(database=database) as session:
        return await session.execute_write(_undo_tx, decision, by)


async def decisions(driver: AsyncDriver, database: str) -> list[Decision]:
    """Every decision, oldest first, undone ones included."""
    records, _, _ = await driver.execute_query(
        _LIST, database_=database, routing_=RoutingControl.READ
    )
    return [decision_of(record["d"]) for record in records]


async def survivor_of(driver: AsyncDriver, database: str, eid: str) -> str | None:
    """The entity a merged-away id was merged into (following chains), or None."""
    current, seen = eid, {eid}
    while True:
        records, _, _ = await driver.execute_query(
            _MERGED_INTO, {"id": current}, database_=database, routing_=RoutingControl.READ
        )
        if not records or records[0]["entity"] in seen:
            return None if current == eid else current
        current = str(records[0]["entity"])
        seen.add(current)


async def suggest(driver: AsyncDriver, database: str, limit: int = 20) -> list[Suggestion]:
    """Likely duplicates, best first (see :func:`rank_duplicates`); a pair a person has
    already split apart is not suggested again."""
    apart = {
        frozenset((d.entity, d.other)) for d in await decisions(driver, database)
        if d.active and d.kind is DecisionKind.SPLIT
    }
    found: list[Suggestion] = []
    for label, query in _NAMES.items():
        records, _, _ = await driver.execute_query(
            query, {"limit": SUGGEST_SCAN_LIMIT}, database_=database,
            routing_=RoutingControl.READ,
        )
        entities = [(r["id"], r["name"], list(r["aliases"])) for r in records]
        found += [s for s in rank_duplicates(label, entities)
                  if frozenset((s.first, s.second)) not in apart]
    found.sort(key=lambda s: (-s.score, s.first, s.second))
    return found[:limit]


def rank_duplicates(
    label: Label, entities: Sequence[tuple[str, str, list[str]]], threshold: float = 0.85
) -> list[Suggestion]:
    """Pairs of one kind that look like one entity, with a score and a reason:

    * an alias of one is the other's name (1.0);
    * people with the same surname and compatible first names -- equal, one an
      initial or a shortening of the other (0.9);
    * names at least ``threshold`` alike (difflib's ratio, below 0.9).
    """
    best: dict[tuple[str, str], Suggestion] = {}

    def offer(a: tuple[str, str], b: tuple[str, str], score: float, reason: str) -> None:
        (first, first_name), (second, second_name) = sorted((a, b))
        key = (first, second)
        if first != second and (key not in best or best[key].score < score):
            best[key] = Suggestion(label, first, first_name, second, second_name, score, reason)

    by_name: dict[str, list[tuple[str, str]]] = {}
    for eid, name, _ in entities:
        by_name.setdefault(slugify(name), []).append((eid, name))
    for eid, name, aliases in entities:
        for alias in aliases:
            for named in by_name.get(slugify(alias), []):
                offer((eid, name), named, 1.0, f"{alias!r} is an alias of one and the "
                      "other's name")
    for i, (eid, name, _) in enumerate(entities):
        words = name.split()
        for other, other_name, _ in entities[i + 1:]:
            other_words = other_name.split()
            if (
                label is Label.PERSON and len(words) > 1 and len(other_words) > 1
                and words[-1].lower() == other_words[-1].lower()
                and _compatible(words[0], other_words[0])
            ):
                offer((eid, name), (other, other_name), 0.9,
                      "same surname, compatible first names")
                continue
            ratio = difflib.SequenceMatcher(None, name.lower(), other_name.lower()).ratio()
            if ratio >= threshold:
                offer((eid, name), (other, other_name), round(min(ratio, 0.89), 3),
                      f"names {ratio:.0%} alike")
    return sorted(best.values(), key=lambda s: (-s.score, s.first, s.second))


def _compatible(first: str, second: str) -> bool:
    a, b = first.lower().rstrip("."), second.lower().rstrip(".")
    return a == b or (min(len(a), len(b)) >= 1 and (a.startswith(b) or b.startswith(a)))


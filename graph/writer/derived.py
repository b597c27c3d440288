"""Derived properties, and facts left without evidence.

An entity's ``aliases``, ``aliasText``, ``keys`` and stated values (a person's
honorific, a place's kind and coordinates) and a role's ``wording`` are derived
from the ``EVIDENCED_BY`` relationships of its mentions. After a write they are
*merged* with the new evidence (without reading every other article's evidence);
after a removal (a new version of an article, or a deletion) they are
*recomputed* from the evidence that remains, and a fact left with none is deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.writer.rows import ENTITY_LABELS, FACT_LABELS, ArticleRows, Rows
from graph.writer.runner import Statements
from schema.labels import Label

_DELETE_ORPHANS_TEMPLATE = """
UNWIND $ids AS id
MATCH (f:{label} {{id: id}})
WHERE NOT (f)-[:EVIDENCED_BY]->(:Mention)
DETACH DELETE f
"""
_DELETE_ORPHANS = {
    label: _DELETE_ORPHANS_TEMPLATE.format(label=label.value) for label in FACT_LABELS
}

# Properties an article states about an entity, kept on its EVIDENCED_BY relationships;
# the node shows the least value (deterministic whatever the order of loads).
_STATED = {
    Label.PERSON: ("honorific",),
    Label.ORGANISATION: (),
    Label.LOCATION: ("kind", "latitude", "longitude"),
}

_REFRESH_STATED_TEMPLATE = """
CALL (n) {{
  OPTIONAL MATCH (n)-[r:EVIDENCED_BY]->(:Mention)
  RETURN min(r.{name}) AS {name}
}}
"""

_REFRESH_ALIASES_TEMPLATE = """
UNWIND $ids AS id
MATCH (n:{label} {{id: id}})
CALL (n) {{
  MATCH (n)-[r:EVIDENCED_BY]->(:Mention)
  UNWIND r.aliases AS alias
  WITH DISTINCT n, alias
  WHERE alias <> n.name
  ORDER BY alias
  RETURN collect(alias) AS aliases
}}
CALL (n) {{
  MATCH (n)-[r:EVIDENCED_BY]->(:Mention)
  UNWIND r.keys AS key
  WITH DISTINCT key
  ORDER BY key
  RETURN collect(key) AS keys
}}
{stated}
SET n.aliases = aliases,
    n.aliasText = reduce(text = head(aliases), alias IN tail(aliases) | text + ' | ' + alias),
    n.keys = keys{assign}
"""
_REFRESH_ALIASES = {
    label: _REFRESH_ALIASES_TEMPLATE.format(
        label=label.value,
        stated="".join(_REFRESH_STATED_TEMPLATE.format(name=name) for name in _STATED[label]),
        assign="".join(f",\n    n.{name} = {name}" for name in _STATED[label]),
    )
    for label in ENTITY_LABELS
}

_REFRESH_WORDING = """
UNWIND $ids AS id
MATCH (n:Role {id: id})
CALL (n) {
  MATCH (n)-[r:EVIDENCED_BY]->(:Mention)
  WITH DISTINCT r.wording AS wording
  WHERE wording IS NOT NULL
  ORDER BY wording
  RETURN collect(wording) AS wording
}
SET n.wording = wording
"""


# What a write adds to the derived properties of the entities and roles it wrote
# (and the last write or delete did not leave to ``_REFRESH_*``): the new evidence's
# values folded into the stored ones, which are already the values of all the older
# evidence. The same result as recomputing from every EVIDENCED_BY, without reading
# the evidence of every other article that names the entity.
_MERGE_DERIVED_TEMPLATE = """
UNWIND $rows AS row
MATCH (n:{label} {{id: row.id}})
WITH n, row, COLLECT {{
  UNWIND coalesce(n.aliases, []) + row.aliases AS alias
  WITH alias WHERE alias <> n.name
  WITH DISTINCT alias
  RETURN alias ORDER BY alias
}} AS aliases, COLLECT {{
  UNWIND coalesce(n.keys, []) + row.keys AS key
  WITH DISTINCT key
  RETURN key ORDER BY key
}} AS keys
SET n.aliases = aliases,
    n.aliasText = reduce(text = head(aliases), alias IN tail(aliases) | text + ' | ' + alias),
    n.keys = keys{assign}
"""
_MERGE_STATED_TEMPLATE = """,
    n.{name} = reduce(
      least = n.{name}, value IN row.{name} |
      CASE WHEN least IS NULL OR value < least THEN value ELSE least END
    )"""
_MERGE_DERIVED = {
    label: _MERGE_DERIVED_TEMPLATE.format(
        label=label.value,
        assign="".join(_MERGE_STATED_TEMPLATE.format(name=name) for name in _STATED[label]),
    )
    for label in ENTITY_LABELS
}

_MERGE_WORDING = """
UNWIND $rows AS row
MATCH (n:Role {id: row.id})
SET n.wording = COLLECT {
  UNWIND coalesce(n.wording, []) + row.wording AS wording
  WITH DISTINCT wording
  RETURN wording ORDER BY wording
}
"""



@dataclass(frozen=True, slots=True)
class Touched:
    """The facts that lost evidence, by label (some may still have evidence elsewhere)."""

    by_label: dict[Label, list[str]]

    def ids(self, label: Label) -> list[str]:
        return self.by_label.get(label, [])



async def clean_up(run: Statements, touched: Touched, written: ArticleRows | None) -> None:
    """Delete touched facts left without evidence, then bring derived properties up to
    date: recomputed from all the evidence for what lost some, merged with the new
    evidence for what only gained some."""
    for label in FACT_LABELS:
        if touched.ids(label):
            await run.run(f"delete orphan {label}", _DELETE_ORPHANS[label], ids=touched.ids(label))
    for label in ENTITY_LABELS:
        if touched.ids(label):
            await run.run(f"recompute {label}", _REFRESH_ALIASES[label], ids=touched.ids(label))
        if written is not None:
            gained = _gained(written.entities[label], _STATED[label], touched.ids(label))
            if gained:
                await run.run(f"refresh {label}", _MERGE_DERIVED[label], rows=gained)
    if touched.ids(Label.ROLE):
        await run.run("recompute roles", _REFRESH_WORDING, ids=touched.ids(Label.ROLE))
    if written is not None:
        wordings = _gained_wording(written.roles, touched.ids(Label.ROLE))
        if wordings:
            await run.run("refresh roles", _MERGE_WORDING, rows=wordings)


def _gained(rows: Rows, stated: tuple[str, ...], skip: Iterable[str]) -> Rows:
    """Per entity id (except ``skip``): the aliases, keys and stated values of the
    ``EVIDENCED_BY`` relationships ``_MERGE_ENTITIES`` writes from ``rows`` (a later row
    for the same entity and mention overwrites an earlier one's properties, as ``+=``
    does)."""
    evidence: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        for mention in row["mentions"]:
            key = (row["id"], mention)
            evidence[key] = {**evidence.get(key, {}), **row["evidence"]}
    left_out = set(skip)
    gained: dict[str, tuple[set[str], set[str], dict[str, list[Any]]]] = {}
    for (eid, _), props in evidence.items():
        if eid in left_out:
            continue
        aliases, keys, values = gained.setdefault(
            eid, (set(), set(), {name: [] for name in stated})
        )
        aliases.update(props.get("aliases", ()))
        keys.update(props.get("keys", ()))
        for name in stated:
            if props.get(name) is not None:
                values[name].append(props[name])
    return [
        {"id": eid, "aliases": sorted(aliases), "keys": sorted(keys), **values}
        for eid, (aliases, keys, values) in sorted(gained.items())
    ]


def _gained_wording(rows: Rows, skip: Iterable[str]) -> Rows:
    """Per role id (except ``skip``): the wordings ``_MERGE_ROLES`` writes from ``rows``."""
    wording: dict[tuple[str, str], str | None] = {}
    for row in rows:
        for mention in row["mentions"]:
            wording[(row["id"], mention)] = row["wording"]
    left_out = set(skip)
    gained: dict[str, set[str]] = {}
    for (rid, _), text in wording.items():
        if rid not in left_out:
            found = gained.setdefault(rid, set())
            if text is not None:
                found.add(text)
    return [{"id": rid, "wording": sorted(found)} for rid, found in sorted(gained.items())]



"""Alias resolution: which stored entity an incoming person, organisation or place is.

An incoming entity whose id is already in the graph keeps it. Otherwise it merges
into the single stored node of its label whose ``keys`` (slugs of its names and
aliases) hold the slug of the incoming name; with two or more such nodes the name
is ambiguous and the entity keeps its own id.

A batch resolves its articles in their order, each against the graph *and* the
entities of the batch's earlier articles, so a batch gives the same merges as
writing its articles one by one.

One statement per batch: it looks up every incoming id, and asks the full-text
index ``entity_keys`` (keyword analyzer: one exact token per key, see
graph/migrations.py) for every incoming key in a handful of disjunctive queries of
at most :data:`KEYS_PER_QUERY` keys each (Lucene's clause limit is 1,024), instead
of one full-text call per row. The index's hits are checked again exactly here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.migrations import ENTITY_KEYS_INDEX
from graph.writer.rows import ENTITY_LABELS
from graph.writer.runner import Statements
from schema.ids import slugify
from schema.labels import Label
from schema.model import Extraction

KEYS_PER_QUERY = 500
"""Keys per full-text query: well under Lucene's limit of 1,024 clauses."""

_RESOLVE = """
CALL () {
  UNWIND $people AS id
  MATCH (n:Person {id: id})
  RETURN collect(n.id) AS people
}
CALL () {
  UNWIND $organisations AS id
  MATCH (n:Organisation {id: id})
  RETURN collect(n.id) AS organisations
}
CALL () {
  UNWIND $locations AS id
  MATCH (n:Location {id: id})
  RETURN collect(n.id) AS locations
}
CALL () {
  UNWIND $queries AS query
  CALL db.index.fulltext.queryNodes($index, query) YIELD node
  WITH DISTINCT node
  RETURN collect({id: node.id, labels: labels(node), keys: node.keys}) AS hits
}
RETURN people + organisations + locations AS existing, hits
"""


@dataclass(frozen=True, slots=True)
class _Incoming:
    label: Label
    id: str
    key: str  # the slug of its name: what it is looked up by ("" for no lookup)
    keys: frozenset[str]  # the slugs of its name and aliases: what it is found by


def _entity(label: Label, eid: str, names: Iterable[str], matchable: bool = True) -> _Incoming:
    slugs = [slugify(name) for name in names]
    if not matchable:
        return _Incoming(label, eid, "", frozenset())
    return _Incoming(label, eid, slugs[0], frozenset(slugs))


def _entities(extraction: Extraction) -> list[_Incoming]:
    return [
        *(_entity(Label.PERSON, p.id, [p.name, *p.aliases], not p.anonymous)
          for p in extraction.people),
        *(_entity(Label.ORGANISATION, o.id, [o.name, *o.aliases])
          for o in extraction.organisations),
        *(_entity(Label.LOCATION, loc.id, [loc.name, *loc.aliases])
          for loc in extraction.locations),
    ]


def lucene_phrase(text: str) -> str:
    """A Lucene query for exactly ``text`` (one token under the keyword analyzer)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _queries(keys: list[str]) -> list[str]:
    return [
        " OR ".join(lucene_phrase(key) for key in keys[i : i + KEYS_PER_QUERY])
        for i in range(0, len(keys), KEYS_PER_QUERY)
    ]


async def resolve(run: Statements, extractions: list[Extraction]) -> dict[str, str]:
    """Incoming id -> the id it merges into, for the batch's articles in their order."""
    per_article = [_entities(extraction) for extraction in extractions]
    incoming = [item for items in per_article for item in items]
    if not incoming:
        return {}
    ids = {label: sorted({i.id for i in incoming if i.label is label}) for label in ENTITY_LABELS}
    keys = sorted({i.key for i in incoming if i.key})
    (found,) = await run.run(
        "resolve", _RESOLVE,
        people=ids[Label.PERSON], organisations=ids[Label.ORGANISATION],
        locations=ids[Label.LOCATION], queries=_queries(keys), index=ENTITY_KEYS_INDEX,
    )
    known = set(found["existing"])
    holders: dict[tuple[Label, str], set[str]] = {}
    for hit in found["hits"]:
        for label in ENTITY_LABELS:
            if label.value in hit["labels"]:
                for key in hit["keys"] or ():
                    holders.setdefault((label, key), set()).add(hit["id"])
    remap: dict[str, str] = {}
    for items in per_article:
        written: list[tuple[_Incoming, str]] = []
        for item in items:
            target = remap.get(item.id, item.id)
            if item.id not in known and item.id not in remap and item.key:
                candidates = holders.get((item.label, item.key), set())
                if len(candidates) == 1:
                    target = remap[item.id] = next(iter(candidates))
            written.append((item, target))
        # What this article writes, the batch's later articles see (as if stored).
        for item, target in written:
            known.add(item.id)
            for key in item.keys:
                holders.setdefault((item.label, key), set()).add(target)
    return remap

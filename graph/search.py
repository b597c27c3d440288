"""Full-text search over the ``search`` index (entities, roles, events, statements).

The user's words are escaped for Lucene (no query syntax leaks through), so
``search("Dick's patrols (armed)")`` looks for those words, ranked by Lucene's
relevance score; ties are broken by id so paging is stable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import LiteralString

from graph.reads import ANY_PROJECTION, GraphNode, GraphReader
from schema.labels import Label

INDEX = "search"

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_OPERATORS = re.compile(r"\b(AND|OR|NOT|TO)\b")


def lucene_terms(text: str) -> str:
    """The words of ``text`` as a Lucene query that matches any of them, syntax escaped."""
    escaped = _LUCENE_SPECIAL.sub(r"\\\1", text.strip())
    return _OPERATORS.sub(lambda m: m.group(1).lower(), escaped)


@dataclass(frozen=True, slots=True)
class SearchHit:
    score: float
    node: GraphNode


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: tuple[SearchHit, ...]
    total: int
    has_next: bool


_SEARCH: LiteralString = (
    "CALL () { CALL db.index.fulltext.queryNodes('search', $query) YIELD node "
    "WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels) "
    "RETURN count(node) AS total } "
    "CALL () { CALL db.index.fulltext.queryNodes('search', $query) YIELD node, score "
    "WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels) "
    "WITH node AS n, score ORDER BY score DESC, n.id SKIP $skip LIMIT $limit "
    f"RETURN collect({{score: score, node: {ANY_PROJECTION}}}) AS hits }} "
    "RETURN total, hits"
)


async def search(
    reader: GraphReader,
    text: str,
    *,
    labels: tuple[Label, ...] | None = None,
    skip: int = 0,
    limit: int = 20,
) -> SearchPage:
    """Nodes whose name, aliases, title, summary or text match ``text``; one round trip.

    Raises ValueError when ``text`` has no words to look for."""
    query = lucene_terms(text)
    if not re.search(r"\w", query):
        raise ValueError("search text must contain at least one word")
    records = await reader.run(
        _SEARCH,
        query=query,
        labels=[label.value for label in labels] if labels else None,
        skip=skip,
        limit=limit + 1,
    )
    record = records[0]
    hits = record["hits"]
    return SearchPage(
        hits=tuple(
            SearchHit(score=float(hit["score"]), node=reader.materialise(hit["node"]))
            for hit in hits[:limit]
        ),
        total=int(record["total"]),
        has_next=len(hits) > limit,
    )

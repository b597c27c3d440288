"""Full-text search over the ``search`` index (entities, roles, events, statements).

The user's words are escaped for Lucene (no query syntax leaks through), so
``search("Dick's patrols (armed)")`` looks for those words, ranked by Lucene's
relevance score; ties are broken by id so paging is stable (the statement is
:func:`graph.selection.search`).

A search reads Lucene's best :data:`WINDOW` hits and no more, so its cost does not
grow with the graph: its count is of those hits (``WINDOW`` means "at least that
many") and it pages through them. With a filter on kinds, the best
:data:`FILTERED_WINDOW` hits of any kind are read and the best ``WINDOW`` of the
kinds asked kept, so a kind that is rare among the hits is still found.
"""

from __future__ import annotations

import re

INDEX = "search"

WINDOW = 1_000
"""The most hits a search counts and pages through."""

FILTERED_WINDOW = 10 * WINDOW
"""The most hits of any kind read for a search filtered by kind."""

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_OPERATORS = re.compile(r"\b(AND|OR|NOT|TO)\b")


def lucene_terms(text: str) -> str:
    """The words of ``text`` as a Lucene query that matches any of them, syntax escaped."""
    escaped = _LUCENE_SPECIAL.sub(r"\\\1", text.strip())
    return _OPERATORS.sub(lambda m: m.group(1).lower(), escaped)

"""Full-text search over the ``search`` index (entities, roles, events, statements).

The user's words are escaped for Lucene (no query syntax leaks through), so
``search("Dick's patrols (armed)")`` looks for those words, ranked by Lucene's
relevance score; ties are broken by id so paging is stable (the statement is
:func:`graph.selection.search`).
"""

from __future__ import annotations

import re

INDEX = "search"

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_OPERATORS = re.compile(r"\b(AND|OR|NOT|TO)\b")


def lucene_terms(text: str) -> str:
    """The words of ``text`` as a Lucene query that matches any of them, syntax escaped."""
    escaped = _LUCENE_SPECIAL.sub(r"\\\1", text.strip())
    return _OPERATORS.sub(lambda m: m.group(1).lower(), escaped)

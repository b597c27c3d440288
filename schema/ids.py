"""Deterministic ids.

An id is ``{kind}/{key}``: the same string is the Neo4j ``id`` property, the
GraphQL ``ID`` and the tail of the RDF URI (``{base}/person/cressida-dick``).

* named entities: kind + a slug of the canonical name, so the same person named
  in two articles is one node;
* articles: a hash of the URL when there is one, else of the caller's key;
* facts (roles, statements, events, mentions, anonymous people): a hash of the
  parts that identify them, so re-loading an article yields the same ids.
"""

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: ``"Cressida Dick"`` -> ``cressida-dick``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("'", "").replace("’", "")
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    return slug or "x"


def _digest(*parts: object, size: int = 16) -> str:
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:size]


def checksum(text: str) -> str:
    """SHA-256 of an article's text, to tell an unchanged re-load from a new version."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entity_id(kind: str, name: str) -> str:
    """Id of a named entity: ``entity_id("person", "Cressida Dick") == "person/cressida-dick"``."""
    return f"{kind}/{slugify(name)}"


def fact_id(kind: str, *parts: object) -> str:
    """Id of a fact identified by its parts (article id, span, holder ...)."""
    return f"{kind}/{_digest(*parts)}"


def article_id(key: str) -> str:
    """Id of an article from its URL or another stable key chosen by the reader."""
    return f"article/{_digest(key)}"

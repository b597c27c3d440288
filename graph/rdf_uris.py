"""The export's URIs: ``{base}/{id}`` with the graph's own ids, and the SKOS concepts.

``{base}/person/cressida-dick``, ``{base}/location/{key}#geo`` (a place's
coordinates), ``{base}/title/{slug}`` (a concept) and ``{base}/title`` (its
scheme). ``docs/rdf.md`` lists them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote

from rdflib import URIRef

from graph.errors import RdfExportError
from schema.ids import slugify


class ConceptScheme(StrEnum):
    """SKOS concept schemes of the export; a concept is ``{base}/{scheme}/{slug}``."""

    TITLE = "title"
    EVENT_KIND = "event-kind"
    PLACE_KIND = "place-kind"
    STATEMENT_KIND = "statement-kind"
    ROLE_STATUS = "role-status"

    @property
    def label(self) -> str:
        return {
            ConceptScheme.TITLE: "Role titles",
            ConceptScheme.EVENT_KIND: "Kinds of event",
            ConceptScheme.PLACE_KIND: "Kinds of place",
            ConceptScheme.STATEMENT_KIND: "Kinds of statement",
            ConceptScheme.ROLE_STATUS: "Role statuses",
        }[self]


_IRI_SAFE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_IRI_KEEP = "-._~:/?#[]@!$&'()*+,;=%"
_BASE = re.compile(r"https?://[A-Za-z0-9\-._~:/@!$&'()*+,;=%\[\]]+")


def iri(text: str) -> str:
    """``text`` as a valid IRI: characters an IRI may not hold are percent-encoded, so
    the writers put it between ``<>`` as it is (only RDF/XML and JSON escape ``&``)."""
    if _IRI_SAFE.fullmatch(text):
        return text
    return quote(text, safe=_IRI_KEEP)


def uri(valid: str) -> URIRef:
    """A URIRef of a string already made valid by :func:`iri` and a checked base, without
    rdflib's per-character re-validation (a third of the streamed export's time)."""
    return str.__new__(URIRef, valid)


@dataclass(frozen=True, slots=True)
class UriScheme:
    """Mints the export's URIs, as plain strings: ``{base}/{id}`` with the graph's ids
    (``person/cressida-dick``)."""

    base: str

    def __post_init__(self) -> None:
        if not _BASE.fullmatch(self.base) or self.base.endswith("/"):
            raise RdfExportError(
                f"The RDF base URI {self.base!r} is not an http(s) URI without a trailing "
                "slash, query or fragment; set NEWSGRAPH_BASE_URI to e.g. "
                "https://news.example.org/id."
            )

    def node(self, node_id: str) -> str:
        return f"{self.base}/{iri(node_id)}"

    def geo(self, location_id: str) -> str:
        return f"{self.base}/{iri(location_id)}#geo"

    def scheme(self, scheme: ConceptScheme) -> str:
        return f"{self.base}/{scheme.value}"

    def concept(self, scheme: ConceptScheme, value: str) -> str:
        return f"{self.base}/{scheme.value}/{slugify(value)}"

    def node_id(self, found: str) -> str | None:
        """The graph id behind one of our URIs, ``None`` for a foreign URI."""
        prefix = self.base + "/"
        return found[len(prefix) :] if found.startswith(prefix) else None

"""The RDF export's serialisations: names, media types, aliases, the JSON-LD context.

Every format is written by a streamed writer (:mod:`graph.rdf_writers`); rdflib's
names are kept for parsing an export back (tests, clients) and for the rdflib
graphs of single-entity descriptions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, Final

from graph.errors import RdfExportError


class RdfFormat(StrEnum):
    """The serialisations the export writes, by their CLI / ``?format=`` names."""

    TTL = "ttl"
    NT = "nt"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"
    TRIG = "trig"
    NQ = "nq"

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self]

    @property
    def extension(self) -> str:
        return {RdfFormat.JSONLD: "jsonld", RdfFormat.RDFXML: "rdf"}.get(self, self.value)

    @property
    def is_quads(self) -> bool:
        """TriG and N-Quads: one named graph per article."""
        return self in (RdfFormat.TRIG, RdfFormat.NQ)

    @classmethod
    def parse(cls, name: str) -> RdfFormat:
        """A format from its name, a common alias (``turtle``, ``json-ld``, ``xml``) or a
        media type; :class:`RdfExportError` naming the choices otherwise."""
        key = name.strip().lower()
        found = _FORMAT_ALIASES.get(key)
        if found is None:
            for fmt, media in _MEDIA_TYPES.items():
                if media == key:
                    return fmt
            choices = ", ".join(f.value for f in cls)
            raise RdfExportError(f"Unknown RDF format {name!r}; use one of: {choices}.")
        return found


_MEDIA_TYPES: Final[Mapping[RdfFormat, str]] = {
    RdfFormat.TTL: "text/turtle",
    RdfFormat.NT: "application/n-triples",
    RdfFormat.JSONLD: "application/ld+json",
    RdfFormat.RDFXML: "application/rdf+xml",
    RdfFormat.TRIG: "application/trig",
    RdfFormat.NQ: "application/n-quads",
}

_FORMAT_ALIASES: Final[Mapping[str, RdfFormat]] = {
    **{f.value: f for f in RdfFormat},
    "turtle": RdfFormat.TTL,
    "ntriples": RdfFormat.NT,
    "n-triples": RdfFormat.NT,
    "json-ld": RdfFormat.JSONLD,
    "json": RdfFormat.JSONLD,
    "xml": RdfFormat.RDFXML,
    "rdf": RdfFormat.RDFXML,
    "rdf/xml": RdfFormat.RDFXML,
    "nquads": RdfFormat.NQ,
    "n-quads": RdfFormat.NQ,
}

_RDFLIB_NAMES: Final[Mapping[RdfFormat, str]] = {
    RdfFormat.TTL: "turtle",
    RdfFormat.NT: "nt",
    RdfFormat.JSONLD: "json-ld",
    RdfFormat.RDFXML: "xml",
    RdfFormat.TRIG: "trig",
    RdfFormat.NQ: "nquads",
}


def rdflib_format(fmt: RdfFormat) -> str:
    """rdflib's parser / serializer name of a format."""
    return _RDFLIB_NAMES[fmt]


@cache
def _context_text() -> str:
    return resources.files("schema").joinpath("context.jsonld").read_text(encoding="utf-8")


def jsonld_context() -> dict[str, Any]:
    """The published JSON-LD ``@context`` (the value of ``schema/context.jsonld``'s
    ``@context`` key): the term definitions the JSON-LD export is compacted with."""
    context: dict[str, Any] = json.loads(_context_text())["@context"]
    return context

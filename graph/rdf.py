"""RDF export: read the graph from Neo4j in batches and map it to RDF.

The export is built from what is in Neo4j (never from a re-run of the
extractor), so RDF, GraphQL and Cypher always agree. ``docs/rdf.md`` documents
the mapping; in short::

    Article       schema:NewsArticle + nif:Context (nif:isString = the text)
    Person        schema:Person          Organisation  schema:Organization
    Location      schema:Place (+ schema:geo <loc#geo> schema:GeoCoordinates)
    Role          org:Membership (org:member, org:organization, org:role -> skos:Concept)
    Event         schema:Event           Statement     schema:Quotation
    Mention       nif:String (nif:beginIndex, nif:endIndex, nif:anchorOf,
                  nif:referenceContext <article>)
    every fact    prov:wasDerivedFrom <article>, prov:wasDerivedFrom <mention>

How it flows::

    Neo4j --(graph.rdf_rows: keyset pages, one record per batch)--> *Row dataclasses
          --(_Mapper)--> Emitted (s, p, o, graphs) tuples, in batches
          --> stream(): N-Triples / N-Quads text per batch, never the whole graph
          --> build_graph()/build_dataset(): rdflib, for Turtle, JSON-LD, RDF/XML, TriG

Every fact is emitted once, with the named graphs (one per article, the
article's URI) it belongs to: the articles whose mentions evidence it. A
whole-graph format ignores the graphs; TriG and N-Quads write the triple into
each. Literals travel as the light :class:`Lit` (rdflib's ``Literal`` costs
about 10 us to construct, too slow for a streamed export) and turn into rdflib
terms only where an rdflib graph is built.

Errors (the graph layer's hierarchy, :mod:`graph.errors`)::

    GraphError
    ├── NotFound        an article or entity id that is not in the graph
    └── RdfExportError  an unusable base URI or an unknown format name
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Any, Final, NamedTuple
from urllib.parse import quote

from neo4j import AsyncDriver, AsyncSession
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import GraphError, NotFound
from graph.rdf_rows import (
    ArticleRow,
    EntityRow,
    EventRow,
    Evidence,
    MentionRow,
    RoleRow,
    Row,
    StatementRow,
    chunks,
    distinct_values,
    read_session,
    row_batches,
    rows_by_ids,
)
from schema.ids import slugify
from schema.labels import Label
from schema.model import RoleStatus, StatementKind
from schema.vocab import NIF, ORG, OWL, PREFIXES, PROV, RDF, SDO, SKOS, XSD

DEFAULT_BATCH = 2000
"""Nodes read per round trip."""


class RdfExportError(GraphError):
    """The export cannot run as asked (a bad base URI, an unknown format)."""


# -- formats -------------------------------------------------------------------


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

    @property
    def is_streamed(self) -> bool:
        """N-Triples and N-Quads are written batch by batch, never as a whole graph."""
        return self in (RdfFormat.NT, RdfFormat.NQ)

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


def jsonld_context() -> dict[str, Any]:
    """The published JSON-LD ``@context`` (the value of ``schema/context.jsonld``'s
    ``@context`` key): the term definitions the JSON-LD export is compacted with."""
    text = resources.files("schema").joinpath("context.jsonld").read_text(encoding="utf-8")
    context: dict[str, Any] = json.loads(text)["@context"]
    return context


@dataclass(frozen=True, slots=True)
class _Terms:
    """The vocabulary terms the mapper writes, looked up once: a closed namespace's
    attribute access costs microseconds, and the mapper writes several per triple."""

    nif_Context: URIRef = NIF.Context
    nif_String: URIRef = NIF.String
    nif_anchorOf: URIRef = NIF.anchorOf
    nif_beginIndex: URIRef = NIF.beginIndex
    nif_endIndex: URIRef = NIF.endIndex
    nif_isString: URIRef = NIF.isString
    nif_referenceContext: URIRef = NIF.referenceContext
    org_Membership: URIRef = ORG.Membership
    org_Role: URIRef = ORG.Role
    org_member: URIRef = ORG.member
    org_organization: URIRef = ORG.organization
    org_role: URIRef = ORG.role
    owl_sameAs: URIRef = OWL.sameAs
    prov_wasDerivedFrom: URIRef = PROV.wasDerivedFrom
    rdf_type: URIRef = RDF.type
    sdo_Event: URIRef = SDO.Event
    sdo_GeoCoordinates: URIRef = SDO.GeoCoordinates
    sdo_NewsArticle: URIRef = SDO.NewsArticle
    sdo_Organization: URIRef = SDO.Organization
    sdo_Person: URIRef = SDO.Person
    sdo_Place: URIRef = SDO.Place
    sdo_Quotation: URIRef = SDO.Quotation
    sdo_Role: URIRef = SDO.Role
    sdo_additionalType: URIRef = SDO.additionalType
    sdo_alternateName: URIRef = SDO.alternateName
    sdo_attendee: URIRef = SDO.attendee
    sdo_containedInPlace: URIRef = SDO.containedInPlace
    sdo_creator: URIRef = SDO.creator
    sdo_dateCreated: URIRef = SDO.dateCreated
    sdo_datePublished: URIRef = SDO.datePublished
    sdo_description: URIRef = SDO.description
    sdo_geo: URIRef = SDO.geo
    sdo_headline: URIRef = SDO.headline
    sdo_honorificPrefix: URIRef = SDO.honorificPrefix
    sdo_latitude: URIRef = SDO.latitude
    sdo_location: URIRef = SDO.location
    sdo_longitude: URIRef = SDO.longitude
    sdo_mentions: URIRef = SDO.mentions
    sdo_name: URIRef = SDO.name
    sdo_recipient: URIRef = SDO.recipient
    sdo_recordedAt: URIRef = SDO.recordedAt
    sdo_startDate: URIRef = SDO.startDate
    sdo_text: URIRef = SDO.text
    sdo_url: URIRef = SDO.url
    skos_Concept: URIRef = SKOS.Concept
    skos_ConceptScheme: URIRef = SKOS.ConceptScheme
    skos_altLabel: URIRef = SKOS.altLabel
    skos_inScheme: URIRef = SKOS.inScheme
    skos_prefLabel: URIRef = SKOS.prefLabel


_T = _Terms()


# -- terms and URIs --------------------------------------------------------------


class Lit(NamedTuple):
    """A literal on its way out: lexical form and datatype IRI (``None``: xsd:string)."""

    value: str
    datatype: str | None = None

    def to_rdflib(self) -> Literal:
        if self.datatype is None:
            return Literal(self.value)
        return Literal(self.value, datatype=URIRef(self.datatype))


Object = URIRef | Lit
Graphs = tuple[URIRef, ...]
"""The named graphs (article URIs) a triple belongs to; empty: the default graph."""


Emitted = tuple[URIRef, URIRef, Object, Graphs]
"""One triple on its way out: subject, predicate, object and its named graphs. A plain
tuple: the streamed export makes one per triple, and a NamedTuple costs 3x more."""


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
    """``text`` as a valid IRI: characters an IRI may not hold are percent-encoded."""
    if _IRI_SAFE.fullmatch(text):
        return text
    return quote(text, safe=_IRI_KEEP)


def _uri(valid: str) -> URIRef:
    """A URIRef of a string already made valid by :func:`iri` and a checked base, without
    rdflib's per-character re-validation (a third of the streamed export's time)."""
    return str.__new__(URIRef, valid)


@dataclass(frozen=True, slots=True)
class UriScheme:
    """Mints the export's URIs: ``{base}/{id}`` with the graph's ids (``person/cressida-dick``)."""

    base: str

    def __post_init__(self) -> None:
        if not _BASE.fullmatch(self.base) or self.base.endswith("/"):
            raise RdfExportError(
                f"The RDF base URI {self.base!r} is not an http(s) URI without a trailing "
                "slash, query or fragment; set NEWSGRAPH_BASE_URI to e.g. "
                "https://news.example.org/id."
            )

    def node(self, node_id: str) -> URIRef:
        return _uri(f"{self.base}/{iri(node_id)}")

    def geo(self, location_id: str) -> URIRef:
        return _uri(f"{self.base}/{iri(location_id)}#geo")

    def scheme(self, scheme: ConceptScheme) -> URIRef:
        return _uri(f"{self.base}/{scheme.value}")

    def concept(self, scheme: ConceptScheme, value: str) -> URIRef:
        return _uri(f"{self.base}/{scheme.value}/{slugify(value)}")

    def node_id(self, uri: str) -> str | None:
        """The graph id behind one of our URIs, ``None`` for a foreign URI."""
        prefix = self.base + "/"
        return uri[len(prefix) :] if uri.startswith(prefix) else None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
_ISO_YEAR = re.compile(r"\d{4}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")


def date_literal(text: str | None) -> Lit | None:
    """A typed literal for an ISO 8601 date, month, year or date-time; ``None`` for words
    such as ``"Thursday"`` (those stay in the article text, see the mention)."""
    if not text:
        return None
    text = text.strip()
    try:
        if _ISO_DATE.fullmatch(text):
            dt.date.fromisoformat(text)
            return Lit(text, str(XSD.date))
        if _ISO_DATETIME.fullmatch(text):
            value = text if len(text) > 16 else text + ":00"
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return Lit(value, str(XSD.dateTime))
        if _ISO_MONTH.fullmatch(text) and 1 <= int(text[5:]) <= 12:
            return Lit(text, str(XSD.gYearMonth))
        if _ISO_YEAR.fullmatch(text):
            return Lit(text, str(XSD.gYear))
    except ValueError:
        return None
    return None


_XSD_DATE = str(XSD.date)
_XSD_DOUBLE = str(XSD.double)
_XSD_NNI = str(XSD.nonNegativeInteger)


_CONCEPT_SOURCES: Final[Mapping[ConceptScheme, Label]] = {
    ConceptScheme.TITLE: Label.ROLE,
    ConceptScheme.EVENT_KIND: Label.EVENT,
    ConceptScheme.PLACE_KIND: Label.LOCATION,
}


# -- source ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RdfSource:
    """Where the export reads from and how it names things."""

    driver: AsyncDriver
    database: str
    base: str
    batch_size: int = DEFAULT_BATCH

    @property
    def uris(self) -> UriScheme:
        return UriScheme(self.base)


# -- mapping ------------------------------------------------------------------------------


@dataclass(slots=True)
class _ConceptUse:
    labels: set[str] = field(default_factory=set)
    graphs: set[URIRef] = field(default_factory=set)


_ENTITY_CLASS: Final[Mapping[Label, URIRef]] = {
    Label.PERSON: _T.sdo_Person,
    Label.ORGANISATION: _T.sdo_Organization,
    Label.LOCATION: _T.sdo_Place,
}


class _Mapper:
    """Maps rows to :class:`Emitted` triples; collects the concepts the rows use and
    emits them once, at the end (:meth:`concepts`)."""

    def __init__(self, uris: UriScheme, article: str | None) -> None:
        self.uris = uris
        self.article = article
        self._concepts: dict[tuple[ConceptScheme, str], _ConceptUse] = {}
        self._nodes: dict[str, URIRef] = {}
        self._concept_uris: dict[tuple[ConceptScheme, str], tuple[str, URIRef]] = {}

    def node(self, node_id: str) -> URIRef:
        """``uris.node``, remembered: articles and entities recur in every batch. The
        memory is bounded: the cache starts over past 65,536 ids."""
        uri = self._nodes.get(node_id)
        if uri is None:
            if len(self._nodes) >= 65_536:
                self._nodes.clear()
            uri = self._nodes[node_id] = self.uris.node(node_id)
        return uri

    # helpers
    def _graphs(self, evidence: Iterable[Evidence]) -> Graphs:
        return tuple(self.node(a) for a in sorted({e.article for e in evidence}))

    def _concept(self, scheme: ConceptScheme, value: str, graphs: Graphs) -> URIRef:
        known = self._concept_uris.get((scheme, value))
        if known is None:
            known = (slugify(value), self.uris.concept(scheme, value))
            self._concept_uris[(scheme, value)] = known
        slug, uri = known
        use = self._concepts.get((scheme, slug))
        if use is None:
            use = self._concepts[(scheme, slug)] = _ConceptUse()
        use.labels.add(value)
        use.graphs.update(graphs)
        return uri

    def _provenance(self, s: URIRef, evidence: tuple[Evidence, ...]) -> Iterator[Emitted]:
        node = self.node
        for article in sorted({e.article for e in evidence}):
            a = node(article)
            yield (s, _T.prov_wasDerivedFrom, a, (a,))
        for mention in sorted({(e.mention, e.article) for e in evidence}):
            yield (s, _T.prov_wasDerivedFrom, node(mention[0]), (node(mention[1]),))

    def _names(self, s: URIRef, row: EntityRow, graphs: Graphs) -> Iterator[Emitted]:
        """``schema:name`` in every graph of the entity; each alias in the graphs of the
        articles that used it (``EVIDENCED_BY.aliases``) when the writer recorded that."""
        yield (s, _T.sdo_name, Lit(row.name), graphs)
        recorded = [e for e in row.evidence if e.aliases is not None]
        for alias in dict.fromkeys(row.aliases):
            if alias == row.name:
                continue
            where = graphs
            if recorded:
                used = sorted({e.article for e in recorded if alias in (e.aliases or ())})
                if not used and self.article is not None:
                    continue  # a name another article used
                where = tuple(self.node(a) for a in used)
            yield (s, _T.sdo_alternateName, Lit(alias), where)

    # rows
    def rows(self, rows: Iterable[Row]) -> Iterator[Emitted]:
        for row in rows:
            if isinstance(row, EntityRow):
                yield from self.entity(row)
            elif isinstance(row, MentionRow):
                yield from self.mention(row)
            elif isinstance(row, StatementRow):
                yield from self.statement(row)
            elif isinstance(row, RoleRow):
                yield from self.role(row)
            elif isinstance(row, EventRow):
                yield from self.event(row)
            else:
                yield from self.article_row(row)

    def article_row(self, row: ArticleRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        g = (s,)
        yield (s, _T.rdf_type, _T.sdo_NewsArticle, g)
        if row.headline:
            yield (s, _T.sdo_headline, Lit(row.headline), g)
        if row.published is not None:
            yield (s, _T.sdo_datePublished, Lit(row.published.isoformat(), _XSD_DATE), g)
        if row.url:
            yield (s, _T.sdo_url, URIRef(iri(row.url)), g)
        if row.text is not None:
            yield (s, _T.rdf_type, _T.nif_Context, g)
            yield (s, _T.nif_isString, Lit(row.text), g)
            yield (s, _T.nif_beginIndex, Lit("0", _XSD_NNI), g)
            yield (s, _T.nif_endIndex, Lit(str(len(row.text)), _XSD_NNI), g)

    def entity(self, row: EntityRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        g = self._graphs(row.evidence)
        yield (s, _T.rdf_type, _ENTITY_CLASS[row.label], g)
        yield from self._names(s, row, g)
        if row.honorific:
            yield (s, _T.sdo_honorificPrefix, Lit(row.honorific), g)
        if row.kind:
            kind = self._concept(ConceptScheme.PLACE_KIND, row.kind, g)
            yield (s, _T.sdo_additionalType, kind, g)
        for link in row.within:
            where = g
            if link.articles:
                arts = [a for a in link.articles if self.article is None or a == self.article]
                if not arts:
                    continue
                where = tuple(self.node(a) for a in sorted(set(arts)))
            yield (s, _T.sdo_containedInPlace, self.node(link.target), where)
        if row.latitude is not None and row.longitude is not None:
            geo = self.uris.geo(row.id)
            yield (s, _T.sdo_geo, geo, g)
            yield (geo, _T.rdf_type, _T.sdo_GeoCoordinates, g)
            yield (geo, _T.sdo_latitude, Lit(repr(row.latitude), _XSD_DOUBLE), g)
            yield (geo, _T.sdo_longitude, Lit(repr(row.longitude), _XSD_DOUBLE), g)
        if self.article is None:  # a person's merge decision: no article's graph holds it
            for other in row.same_as:
                yield (s, _T.owl_sameAs, self.node(other), ())
        yield from self._provenance(s, row.evidence)

    def role(self, row: RoleRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        g = self._graphs(row.evidence)
        yield (s, _T.rdf_type, _T.org_Membership if row.organisations else _T.sdo_Role, g)
        if row.name:
            yield (s, _T.sdo_name, Lit(row.name), g)
        for holder in row.holders:
            yield (s, _T.org_member, self.node(holder), g)
        for organisation in row.organisations:
            yield (s, _T.org_organization, self.node(organisation), g)
        if row.title:
            yield (s, _T.org_role, self._concept(ConceptScheme.TITLE, row.title, g), g)
        if row.status:
            status = self._concept(ConceptScheme.ROLE_STATUS, row.status, g)
            yield (s, _T.sdo_additionalType, status, g)
        yield from self._provenance(s, row.evidence)

    def event(self, row: EventRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        g = self._graphs(row.evidence)
        yield (s, _T.rdf_type, _T.sdo_Event, g)
        if row.name:
            yield (s, _T.sdo_name, Lit(row.name), g)
        if row.summary:
            yield (s, _T.sdo_description, Lit(row.summary), g)
        if row.kind:
            kind = self._concept(ConceptScheme.EVENT_KIND, row.kind, g)
            yield (s, _T.sdo_additionalType, kind, g)
        date = date_literal(row.date)
        if date is not None:
            yield (s, _T.sdo_startDate, date, g)
        for location in dict.fromkeys(row.locations):
            yield (s, _T.sdo_location, self.node(location), g)
        for participant in dict.fromkeys(row.participants):
            yield (s, _T.sdo_attendee, self.node(participant), g)
        yield from self._provenance(s, row.evidence)

    def statement(self, row: StatementRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        g = self._graphs(row.evidence)
        node = self.node
        yield (s, _T.rdf_type, _T.sdo_Quotation, g)
        yield (s, _T.sdo_text, Lit(row.text), g)
        if row.kind:
            kind = self._concept(ConceptScheme.STATEMENT_KIND, row.kind, g)
            yield (s, _T.sdo_additionalType, kind, g)
        when = date_literal(row.when)
        if when is not None:
            yield (s, _T.sdo_dateCreated, when, g)
        for speaker in dict.fromkeys(row.speakers):
            yield (s, _T.sdo_creator, node(speaker), g)
        for audience in dict.fromkeys(row.audience):
            yield (s, _T.sdo_recipient, node(audience), g)
        for occasion in dict.fromkeys(row.occasions):
            yield (s, _T.sdo_recordedAt, node(occasion), g)
        for mentioned in dict.fromkeys(row.mentions):
            yield (s, _T.sdo_mentions, node(mentioned), g)
        yield from self._provenance(s, row.evidence)

    def mention(self, row: MentionRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        if row.article is None:
            g: Graphs = ()
        else:
            a = self.node(row.article)
            g = (a,)
        yield (s, _T.rdf_type, _T.nif_String, g)
        if row.article is not None:
            yield (s, _T.nif_referenceContext, g[0], g)
        yield (s, _T.nif_beginIndex, Lit(str(row.start), _XSD_NNI), g)
        yield (s, _T.nif_endIndex, Lit(str(row.end), _XSD_NNI), g)
        yield (s, _T.nif_anchorOf, Lit(row.text), g)

    def concepts(self) -> Iterator[Emitted]:
        """The SKOS concepts (and their schemes) the mapped rows used."""
        schemes: dict[ConceptScheme, set[URIRef]] = {}
        for (scheme, _slug), use in sorted(self._concepts.items(), key=lambda kv: kv[0]):
            labels = sorted(use.labels)
            c = self.uris.concept(scheme, labels[0])
            g = tuple(sorted(use.graphs, key=str))
            schemes.setdefault(scheme, set()).update(g)
            yield from concept_triples(self.uris, scheme, c, labels, g)
        for scheme, graphs in sorted(schemes.items()):
            yield from scheme_triples(self.uris, scheme, tuple(sorted(graphs, key=str)))


def concept_triples(
    uris: UriScheme, scheme: ConceptScheme, c: URIRef, labels: Sequence[str], g: Graphs
) -> Iterator[Emitted]:
    yield (c, _T.rdf_type, _T.skos_Concept, g)
    if scheme is ConceptScheme.TITLE:
        yield (c, _T.rdf_type, _T.org_Role, g)
    yield (c, _T.skos_prefLabel, Lit(labels[0]), g)
    for other in labels[1:]:
        yield (c, _T.skos_altLabel, Lit(other), g)
    yield (c, _T.skos_inScheme, uris.scheme(scheme), g)


def scheme_triples(uris: UriScheme, scheme: ConceptScheme, g: Graphs) -> Iterator[Emitted]:
    s = uris.scheme(scheme)
    yield (s, _T.rdf_type, _T.skos_ConceptScheme, g)
    yield (s, _T.skos_prefLabel, Lit(scheme.label), g)


# -- the export as a stream of triples ------------------------------------------------------


async def emitted(source: RdfSource, article: str | None = None) -> AsyncIterator[list[Emitted]]:
    """The export, batch by batch: the whole graph, or one article's named graph.

    :class:`NotFound` when ``article`` is not in the graph.
    """
    mapper = _Mapper(source.uris, article)
    async with read_session(source.driver, source.database) as session:
        async for rows in row_batches(session, article, source.batch_size):
            yield list(mapper.rows(rows))
    tail = list(mapper.concepts())
    if tail:
        yield tail


async def describe(source: RdfSource, node_id: str) -> list[Emitted]:
    """One node's description: what ``GET /id/{kind}/{key}`` returns.

    A graph node (person, role, statement, mention ...) with its evidence mentions, or a
    SKOS concept (``title/commissioner``). :class:`NotFound` when there is no such id.
    """
    kind, _, key = node_id.partition("/")
    if not key:
        raise NotFound(f"No {node_id!r} in the graph: an id looks like person/cressida-dick.")
    label = next((lbl for lbl in Label if lbl.kind == kind), None)
    scheme = next((s for s in ConceptScheme if s.value == kind), None)
    async with read_session(source.driver, source.database) as session:
        if label is not None:
            return await _describe_node(session, source.uris, label, node_id)
        if scheme is not None:
            return await _describe_concept(session, source.uris, scheme, key)
    raise NotFound(f"No {node_id!r} in the graph: unknown kind {kind!r}.")


async def _describe_node(
    session: AsyncSession, uris: UriScheme, label: Label, node_id: str
) -> list[Emitted]:
    rows = await rows_by_ids(session, label, [node_id], None)
    if not rows:
        raise NotFound(f"No {node_id!r} in the graph.")
    mapper = _Mapper(uris, None)
    found = list(mapper.rows(rows))
    row = rows[0]
    evidence = () if isinstance(row, ArticleRow | MentionRow) else row.evidence
    mention_ids = sorted({e.mention for e in evidence})
    for ids in chunks(mention_ids, DEFAULT_BATCH):
        found.extend(mapper.rows(await rows_by_ids(session, Label.MENTION, ids, None)))
    found.extend(mapper.concepts())
    return found


async def _describe_concept(
    session: AsyncSession, uris: UriScheme, scheme: ConceptScheme, key: str
) -> list[Emitted]:
    values: Iterable[str]
    if scheme is ConceptScheme.STATEMENT_KIND:
        values = [k.value for k in StatementKind]
    elif scheme is ConceptScheme.ROLE_STATUS:
        values = [s.value for s in RoleStatus]
    else:
        values = await distinct_values(session, _CONCEPT_SOURCES[scheme])
    labels = sorted({v for v in values if slugify(v) == key})
    if not labels:
        raise NotFound(f"No {scheme.value}/{key} in the graph.")
    c = uris.concept(scheme, labels[0])
    return [*concept_triples(uris, scheme, c, labels, ()), *scheme_triples(uris, scheme, ())]


# -- writers ---------------------------------------------------------------------------------

_NT_ESCAPES: Final = str.maketrans(
    {
        "\\": "\\\\",
        '"': '\\"',
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\b": "\\b",
        "\f": "\\f",
        **{chr(c): f"\\u{c:04X}" for c in range(0x20) if chr(c) not in "\n\r\t\b\f"},
        "\x7f": "\\u007F",
    }
)


_NT_SPECIAL = re.compile(r'[\x00-\x1f"\\\x7f]')


def _nt_literal(term: Lit) -> str:
    lexical = term.value
    if _NT_SPECIAL.search(lexical):
        lexical = lexical.translate(_NT_ESCAPES)
    if term.datatype is None:
        return f'"{lexical}"'
    return f'"{lexical}"^^<{term.datatype}>'


def nt_term(term: Object) -> str:
    """A term in N-Triples syntax (UTF-8 kept, only what must be escaped is)."""
    return _nt_literal(term) if type(term) is Lit else f"<{term}>"


def nt_lines(batch: Iterable[Emitted]) -> str:
    """N-Triples lines for a batch (graphs ignored)."""
    lines: list[str] = []
    append = lines.append
    for s, p, o, _ in batch:
        if type(o) is Lit:
            append(f"<{s}> <{p}> {_nt_literal(o)} .\n")
        else:
            append(f"<{s}> <{p}> <{o}> .\n")
    return "".join(lines)


def nq_lines(batch: Iterable[Emitted]) -> str:
    """N-Quads lines for a batch: one per named graph, a triple line for the default graph."""
    lines: list[str] = []
    for s, p, o, graphs in batch:
        head = f"<{s}> <{p}> {nt_term(o)}"
        if not graphs:
            lines.append(f"{head} .\n")
        for g in graphs:
            lines.append(f"{head} <{g}> .\n")
    return "".join(lines)


async def stream(
    source: RdfSource, fmt: RdfFormat, article: str | None = None
) -> AsyncIterator[bytes]:
    """N-Triples or N-Quads as UTF-8 chunks, one per batch: never the whole graph at once."""
    if not fmt.is_streamed:
        raise RdfExportError(f"{fmt.value} is not a streamed format; use nt or nq.")
    write = nq_lines if fmt is RdfFormat.NQ else nt_lines
    async for batch in emitted(source, article):
        yield write(batch).encode("utf-8")


def _term(o: Object) -> Node:
    return o.to_rdflib() if isinstance(o, Lit) else o


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES:
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def new_dataset() -> Dataset:
    dataset = Dataset()
    for prefix, namespace in PREFIXES:
        dataset.bind(prefix, namespace, override=True, replace=True)
    return dataset


def add_to_graph(graph: Graph, batch: Iterable[Emitted]) -> None:
    for s, p, o, _ in batch:
        graph.add((s, p, _term(o)))


def add_to_dataset(dataset: Dataset, batch: Iterable[Emitted]) -> None:
    for s, p, o, graphs in batch:
        triple = (s, p, _term(o))
        if not graphs:
            dataset.default_graph.add(triple)
        for g in graphs:
            dataset.graph(g).add(triple)


async def build_graph(source: RdfSource, article: str | None = None) -> Graph:
    """The export as one rdflib graph (for Turtle, JSON-LD, RDF/XML)."""
    graph = new_graph()
    async for batch in emitted(source, article):
        add_to_graph(graph, batch)
    return graph


async def build_dataset(source: RdfSource, article: str | None = None) -> Dataset:
    """The export as an rdflib dataset, one named graph per article (for TriG, N-Quads)."""
    dataset = new_dataset()
    async for batch in emitted(source, article):
        add_to_dataset(dataset, batch)
    return dataset


def serialize(data: Graph, fmt: RdfFormat) -> bytes:
    """Serialise a graph (or, for TriG / N-Quads, a dataset) in ``fmt``."""
    if fmt is RdfFormat.NT:
        return nt_lines(
            (URIRef(str(s)), URIRef(str(p)), _from_rdflib(o), ())
            for s, p, o in data.triples((None, None, None))
        ).encode("utf-8")
    if fmt is RdfFormat.JSONLD:
        text = data.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
        return text.encode("utf-8")
    if fmt.is_quads and not isinstance(data, Dataset):
        raise RdfExportError(f"{fmt.value} needs a dataset (named graphs), not a graph.")
    return data.serialize(format=_RDFLIB_NAMES[fmt], encoding="utf-8")


def _from_rdflib(o: Node) -> Object:
    if isinstance(o, Literal):
        return Lit(str(o), str(o.datatype) if o.datatype is not None else None)
    return URIRef(str(o))


async def export(source: RdfSource, fmt: RdfFormat, article: str | None = None) -> bytes:
    """The export in one piece (what the CLI writes for a non-streamed format)."""
    if fmt.is_streamed:
        return b"".join([chunk async for chunk in stream(source, fmt, article)])
    data: Graph = (
        await build_dataset(source, article) if fmt.is_quads else await build_graph(source, article)
    )
    return serialize(data, fmt)


def graph_of(found: Iterable[Emitted]) -> Graph:
    """An rdflib graph of some emitted triples (one entity's description)."""
    graph = new_graph()
    add_to_graph(graph, found)
    return graph

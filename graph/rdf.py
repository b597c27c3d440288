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

    Neo4j --(keyset pages of ids, one detail query per page)--> *Row dataclasses
          --(_Mapper)--> Emitted (s, p, o, graphs) tuples, in batches
          --> ntriples()/nquads(): streamed text, never the whole graph in memory
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

import asyncio
import contextlib
import datetime as dt
import json
import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Any, Final, NamedTuple
from urllib.parse import quote

from neo4j import READ_ACCESS, AsyncDriver, AsyncSession, NotificationDisabledClassification
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import GraphError, NotFound
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


class Emitted(NamedTuple):
    subject: URIRef
    predicate: URIRef
    object: Object
    graphs: Graphs


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


# -- rows read from Neo4j ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """One ``(fact)-[:EVIDENCED_BY]->(Mention)-[:FROM]->(Article)`` path."""

    mention: str
    article: str
    aliases: tuple[str, ...] | None = None  # the names this article used (entities)


@dataclass(frozen=True, slots=True)
class Link:
    """A relationship to another node, with the articles that assert it when recorded."""

    target: str
    articles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    url: str | None
    headline: str | None
    published: dt.date | None
    text: str | None


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A Person, Organisation or Location."""

    label: Label
    id: str
    name: str
    aliases: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    same_as: tuple[str, ...] = ()
    honorific: str | None = None
    kind: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    within: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class RoleRow:
    id: str
    name: str | None
    title: str
    status: str | None
    holders: tuple[str, ...]
    organisations: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    name: str | None
    kind: str | None
    summary: str | None
    date: str | None
    locations: tuple[str, ...]
    participants: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class StatementRow:
    id: str
    text: str
    kind: str | None
    when: str | None
    speakers: tuple[str, ...]
    audience: tuple[str, ...]
    occasions: tuple[str, ...]
    mentions: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class MentionRow:
    id: str
    article: str | None
    start: int
    end: int
    text: str


Row = ArticleRow | EntityRow | RoleRow | EventRow | StatementRow | MentionRow


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _evidence(value: object) -> tuple[Evidence, ...]:
    if not isinstance(value, list):
        return ()
    found: list[Evidence] = []
    for item in value:
        if not isinstance(item, dict):
            continue
        mention, article = item.get("mention"), item.get("article")
        if isinstance(mention, str) and isinstance(article, str):
            aliases = item.get("aliases")
            found.append(
                Evidence(mention, article, _strings(aliases) if aliases is not None else None)
            )
    return tuple(found)


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    to_native = getattr(value, "to_native", None)
    native = to_native() if callable(to_native) else value
    if isinstance(native, dt.datetime):
        return native.date()
    return native if isinstance(native, dt.date) else None


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _links(value: object) -> tuple[Link, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Link(item["target"], _strings(item.get("articles")))
        for item in value
        if isinstance(item, dict) and isinstance(item.get("target"), str)
    )


def _article_row(r: Mapping[str, Any]) -> ArticleRow:
    return ArticleRow(
        id=r["id"],
        url=_text(r["url"]),
        headline=_text(r["headline"]),
        published=_date(r["published"]),
        text=_text(r["text"]),
    )


def _entity_row(label: Label) -> Callable[[Mapping[str, Any]], EntityRow]:
    def build(r: Mapping[str, Any]) -> EntityRow:
        return EntityRow(
            label=label,
            id=r["id"],
            name=_text(r["name"]) or r["id"],
            aliases=_strings(r["aliases"]),
            evidence=_evidence(r["evidence"]),
            same_as=_strings(r["same_as"]),
            honorific=_text(r.get("honorific")),
            kind=_text(r.get("kind")),
            latitude=_float(r.get("latitude")),
            longitude=_float(r.get("longitude")),
            within=_links(r.get("within")),
        )

    return build


def _role_row(r: Mapping[str, Any]) -> RoleRow:
    return RoleRow(
        id=r["id"],
        name=_text(r["name"]),
        title=_text(r["title"]) or "",
        status=_text(r["status"]),
        holders=_strings(r["holders"]),
        organisations=_strings(r["organisations"]),
        evidence=_evidence(r["evidence"]),
    )


def _event_row(r: Mapping[str, Any]) -> EventRow:
    return EventRow(
        id=r["id"],
        name=_text(r["name"]),
        kind=_text(r["kind"]),
        summary=_text(r["summary"]),
        date=_text(r["date"]),
        locations=_strings(r["locations"]),
        participants=_strings(r["participants"]),
        evidence=_evidence(r["evidence"]),
    )


def _statement_row(r: Mapping[str, Any]) -> StatementRow:
    return StatementRow(
        id=r["id"],
        text=_text(r["text"]) or "",
        kind=_text(r["kind"]),
        when=_text(r["when"]),
        speakers=_strings(r["speakers"]),
        audience=_strings(r["audience"]),
        occasions=_strings(r["occasions"]),
        mentions=_strings(r["mentions"]),
        evidence=_evidence(r["evidence"]),
    )


def _mention_row(r: Mapping[str, Any]) -> MentionRow:
    return MentionRow(
        id=r["id"],
        article=_text(r["article"]),
        start=int(r["start"]),
        end=int(r["end"]),
        text=_text(r["text"]) or "",
    )


# -- Cypher ---------------------------------------------------------------------------
# Per label, one query reads a page of the whole graph (keyset on the unique `id`
# index: `n.id > $after`) and one reads given ids (one article's facts, one entity);
# both share the row projection. `$article` is null for the whole graph, or the
# article a named graph is cut to (only its evidence is read then).
#
# Each query answers ONE record holding the whole batch (`collect(row)`): the async
# driver pays a few socket reads and task switches per record, which made a record
# per row the bottleneck (~3,000 rows/s); a record per batch is ~15x faster.

_PAGE = "WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit"
_BY_IDS = "UNWIND $ids AS id"
_EVIDENCE = """
  evidence: [(n)-[e:EVIDENCED_BY]->(m:Mention)-[:FROM]->(a:Article)
     WHERE $article IS NULL OR a.id = $article
     | {mention: m.id, article: a.id, aliases: e.aliases}]
} AS row
RETURN collect(row) AS rows
"""

_ARTICLE_ROW = """
WITH n {.id, .url, .headline, .published, .text} AS row
RETURN collect(row) AS rows
"""
_ARTICLES_PAGE = "MATCH (n:Article) " + _PAGE + _ARTICLE_ROW
_ARTICLES = _BY_IDS + " MATCH (n:Article {id: id})" + _ARTICLE_ROW

_PERSON_ROW = (
    """
WITH n {.id, .name, .aliases, .honorific,
  same_as: [(n)-[:SAME_AS]->(o) | o.id],"""
    + _EVIDENCE
)
_PEOPLE_PAGE = "MATCH (n:Person) " + _PAGE + _PERSON_ROW
_PEOPLE = _BY_IDS + " MATCH (n:Person {id: id})" + _PERSON_ROW

_ORGANISATION_ROW = (
    """
WITH n {.id, .name, .aliases,
  same_as: [(n)-[:SAME_AS]->(o) | o.id],"""
    + _EVIDENCE
)
_ORGANISATIONS_PAGE = "MATCH (n:Organisation) " + _PAGE + _ORGANISATION_ROW
_ORGANISATIONS = _BY_IDS + " MATCH (n:Organisation {id: id})" + _ORGANISATION_ROW

_LOCATION_ROW = (
    """
WITH n {.id, .name, .aliases, .kind, .latitude, .longitude,
  same_as: [(n)-[:SAME_AS]->(o) | o.id],
  within: [(n)-[w:WITHIN]->(o:Location) | {target: o.id, articles: w.articles}],"""
    + _EVIDENCE
)
_LOCATIONS_PAGE = "MATCH (n:Location) " + _PAGE + _LOCATION_ROW
_LOCATIONS = _BY_IDS + " MATCH (n:Location {id: id})" + _LOCATION_ROW

_ROLE_ROW = (
    """
WITH n {.id, .name, .title, .status,
  holders: [(p)-[:HOLDS]->(n) | p.id],
  organisations: [(n)-[:AT]->(o:Organisation) | o.id],"""
    + _EVIDENCE
)
_ROLES_PAGE = "MATCH (n:Role) " + _PAGE + _ROLE_ROW
_ROLES = _BY_IDS + " MATCH (n:Role {id: id})" + _ROLE_ROW

_EVENT_ROW = (
    """
WITH n {.id, .name, .kind, .summary, .date,
  locations: [(n)-[:IN]->(l:Location) | l.id],
  participants: [(n)-[:INVOLVED]->(p) | p.id],"""
    + _EVIDENCE
)
_EVENTS_PAGE = "MATCH (n:Event) " + _PAGE + _EVENT_ROW
_EVENTS = _BY_IDS + " MATCH (n:Event {id: id})" + _EVENT_ROW

_STATEMENT_ROW = (
    """
WITH n {.id, .text, .kind, .when,
  speakers: [(s)-[:SAID]->(n) | s.id],
  audience: [(n)-[:TO]->(t) | t.id],
  occasions: [(n)-[:AT]->(e:Event) | e.id],
  mentions: [(n)-[:MENTIONS]->(x) | x.id],"""
    + _EVIDENCE
)
_STATEMENTS_PAGE = "MATCH (n:Statement) " + _PAGE + _STATEMENT_ROW
_STATEMENTS = _BY_IDS + " MATCH (n:Statement {id: id})" + _STATEMENT_ROW

_MENTION_ROW = """
WITH n {.id, .start, .end, .text,
  article: coalesce(head([(n)-[:FROM]->(a:Article) | a.id]), n.article)} AS row
RETURN collect(row) AS rows
"""
_MENTIONS_PAGE = "MATCH (n:Mention) " + _PAGE + _MENTION_ROW
_MENTIONS = _BY_IDS + " MATCH (n:Mention {id: id})" + _MENTION_ROW

# The facts and mentions of one article, for its named graph.
_ARTICLE_EXISTS = "MATCH (a:Article {id: $article}) RETURN count(a) > 0 AS found"
_ARTICLE_MENTION_IDS = """
MATCH (:Article {id: $article})<-[:FROM]-(m:Mention)
WITH m.id AS id ORDER BY id RETURN collect(id) AS ids
"""
_ARTICLE_FACT_IDS = """
MATCH (:Article {id: $article})<-[:FROM]-(:Mention)<-[:EVIDENCED_BY]-(f)
WITH DISTINCT f
WITH f.id AS id, labels(f) AS labels ORDER BY id
RETURN collect({id: id, labels: labels}) AS facts
"""

# Distinct values behind a concept URI, to dereference `{base}/{scheme}/{slug}`.
_ROLE_TITLES = "MATCH (n:Role) RETURN collect(DISTINCT n.title) AS values"
_EVENT_KINDS = "MATCH (n:Event) RETURN collect(DISTINCT n.kind) AS values"
_PLACE_KINDS = "MATCH (n:Location) RETURN collect(DISTINCT n.kind) AS values"


@dataclass(frozen=True, slots=True)
class _LabelReader:
    page: str
    detail: str
    build: Callable[[Mapping[str, Any]], Row]


_READERS: Final[Mapping[Label, _LabelReader]] = {
    Label.ARTICLE: _LabelReader(_ARTICLES_PAGE, _ARTICLES, _article_row),
    Label.PERSON: _LabelReader(_PEOPLE_PAGE, _PEOPLE, _entity_row(Label.PERSON)),
    Label.ORGANISATION: _LabelReader(
        _ORGANISATIONS_PAGE, _ORGANISATIONS, _entity_row(Label.ORGANISATION)
    ),
    Label.LOCATION: _LabelReader(_LOCATIONS_PAGE, _LOCATIONS, _entity_row(Label.LOCATION)),
    Label.ROLE: _LabelReader(_ROLES_PAGE, _ROLES, _role_row),
    Label.EVENT: _LabelReader(_EVENTS_PAGE, _EVENTS, _event_row),
    Label.STATEMENT: _LabelReader(_STATEMENTS_PAGE, _STATEMENTS, _statement_row),
    Label.MENTION: _LabelReader(_MENTIONS_PAGE, _MENTIONS, _mention_row),
}

_CONCEPT_VALUES: Final[Mapping[ConceptScheme, str]] = {
    ConceptScheme.TITLE: _ROLE_TITLES,
    ConceptScheme.EVENT_KIND: _EVENT_KINDS,
    ConceptScheme.PLACE_KIND: _PLACE_KINDS,
}
_CONCEPT_ENUMS: Final[Mapping[ConceptScheme, tuple[str, ...]]] = {
    ConceptScheme.STATEMENT_KIND: tuple(k.value for k in StatementKind),
    ConceptScheme.ROLE_STATUS: tuple(s.value for s in RoleStatus),
}


# -- reading ------------------------------------------------------------------------------


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


def _session(source: RdfSource) -> AsyncSession:
    # A graph without SAME_AS (or another optional relationship) is normal: silence the
    # server's "relationship type does not exist" notifications for these reads.
    return source.driver.session(
        database=source.database,
        default_access_mode=READ_ACCESS,
        notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
    )


async def _value(session: AsyncSession, cypher: str, key: str, **params: Any) -> Any:
    """``key`` of the one record a batch query answers (see the Cypher section); the raw
    value, lists and maps as the driver unpacked them (``Record.data()`` would copy it)."""
    result = await session.run(cypher, params)
    record = await result.single(strict=True)
    return record[key]


async def _list(session: AsyncSession, cypher: str, key: str, **params: Any) -> list[Any]:
    value = await _value(session, cypher, key, **params)
    return value if isinstance(value, list) else []


def _prefetch(session: AsyncSession, cypher: str, **params: Any) -> asyncio.Task[list[Any]]:
    return asyncio.ensure_future(_list(session, cypher, "rows", **params))


def _chunks(ids: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


async def _rows_by_ids(
    session: AsyncSession, label: Label, ids: list[str], article: str | None
) -> list[Row]:
    reader = _READERS[label]
    records = await _list(session, reader.detail, "rows", ids=ids, article=article)
    rows: list[Row] = [reader.build(r) for r in records]
    return rows


async def _row_batches(
    session: AsyncSession, article: str | None, batch: int
) -> AsyncIterator[list[Row]]:
    """The rows of the whole graph (``article`` None) or of one article, page by page."""
    if article is None:
        for reader in _READERS.values():
            # While the caller maps one page, the server already reads the next.
            pending: asyncio.Task[list[Any]] | None = _prefetch(
                session, reader.page, after="", limit=batch, article=None
            )
            try:
                while pending is not None:
                    records = await pending
                    pending = None
                    if not records:
                        break
                    if len(records) == batch:
                        after = max(r["id"] for r in records)
                        pending = _prefetch(
                            session, reader.page, after=after, limit=batch, article=None
                        )
                        await asyncio.sleep(0)  # let the prefetch send its query
                    yield [reader.build(r) for r in records]
            finally:
                if pending is not None:  # the caller stopped early: no query left behind
                    pending.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await pending
        return
    if not await _value(session, _ARTICLE_EXISTS, "found", article=article):
        raise NotFound(f"No article {article!r} in the graph.")
    yield await _rows_by_ids(session, Label.ARTICLE, [article], article)
    by_label: dict[Label, list[str]] = {}
    for r in await _list(session, _ARTICLE_FACT_IDS, "facts", article=article):
        found = next((Label(x) for x in r["labels"] if x in Label._value2member_map_), None)
        if found is not None and found not in (Label.ARTICLE, Label.MENTION):
            by_label.setdefault(found, []).append(r["id"])
    for label in _READERS:
        for ids in _chunks(by_label.get(label, []), batch):
            yield await _rows_by_ids(session, label, ids, article)
    mention_ids = await _list(session, _ARTICLE_MENTION_IDS, "ids", article=article)
    for ids in _chunks(mention_ids, batch):
        yield await _rows_by_ids(session, Label.MENTION, ids, article)


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
        use = self._concepts.setdefault((scheme, slugify(value)), _ConceptUse())
        use.labels.add(value)
        use.graphs.update(graphs)
        return self.uris.concept(scheme, value)

    def _provenance(self, s: URIRef, evidence: tuple[Evidence, ...]) -> Iterator[Emitted]:
        node = self.node
        for article in sorted({e.article for e in evidence}):
            a = node(article)
            yield Emitted(s, _T.prov_wasDerivedFrom, a, (a,))
        for mention in sorted({(e.mention, e.article) for e in evidence}):
            yield Emitted(s, _T.prov_wasDerivedFrom, node(mention[0]), (node(mention[1]),))

    def _names(self, s: URIRef, row: EntityRow, graphs: Graphs) -> Iterator[Emitted]:
        """``schema:name`` in every graph of the entity; each alias in the graphs of the
        articles that used it (``EVIDENCED_BY.aliases``) when the writer recorded that."""
        yield Emitted(s, _T.sdo_name, Lit(row.name), graphs)
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
            yield Emitted(s, _T.sdo_alternateName, Lit(alias), where)

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
        yield Emitted(s, _T.rdf_type, _T.sdo_NewsArticle, g)
        if row.headline:
            yield Emitted(s, _T.sdo_headline, Lit(row.headline), g)
        if row.published is not None:
            yield Emitted(s, _T.sdo_datePublished, Lit(row.published.isoformat(), _XSD_DATE), g)
        if row.url:
            yield Emitted(s, _T.sdo_url, URIRef(iri(row.url)), g)
        if row.text is not None:
            yield Emitted(s, _T.rdf_type, _T.nif_Context, g)
            yield Emitted(s, _T.nif_isString, Lit(row.text), g)
            yield Emitted(s, _T.nif_beginIndex, Lit("0", _XSD_NNI), g)
            yield Emitted(s, _T.nif_endIndex, Lit(str(len(row.text)), _XSD_NNI), g)

    def entity(self, row: EntityRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        g = self._graphs(row.evidence)
        yield Emitted(s, _T.rdf_type, _ENTITY_CLASS[row.label], g)
        yield from self._names(s, row, g)
        if row.honorific:
            yield Emitted(s, _T.sdo_honorificPrefix, Lit(row.honorific), g)
        if row.kind:
            kind = self._concept(ConceptScheme.PLACE_KIND, row.kind, g)
            yield Emitted(s, _T.sdo_additionalType, kind, g)
        for link in row.within:
            where = g
            if link.articles:
                arts = [a for a in link.articles if self.article is None or a == self.article]
                if not arts:
                    continue
                where = tuple(self.node(a) for a in sorted(set(arts)))
            yield Emitted(s, _T.sdo_containedInPlace, self.node(link.target), where)
        if row.latitude is not None and row.longitude is not None:
            geo = self.uris.geo(row.id)
            yield Emitted(s, _T.sdo_geo, geo, g)
            yield Emitted(geo, _T.rdf_type, _T.sdo_GeoCoordinates, g)
            yield Emitted(geo, _T.sdo_latitude, Lit(repr(row.latitude), _XSD_DOUBLE), g)
            yield Emitted(geo, _T.sdo_longitude, Lit(repr(row.longitude), _XSD_DOUBLE), g)
        if self.article is None:  # a person's merge decision: no article's graph holds it
            for other in row.same_as:
                yield Emitted(s, _T.owl_sameAs, self.node(other), ())
        yield from self._provenance(s, row.evidence)

    def role(self, row: RoleRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        g = self._graphs(row.evidence)
        yield Emitted(s, _T.rdf_type, _T.org_Membership if row.organisations else _T.sdo_Role, g)
        if row.name:
            yield Emitted(s, _T.sdo_name, Lit(row.name), g)
        for holder in row.holders:
            yield Emitted(s, _T.org_member, self.node(holder), g)
        for organisation in row.organisations:
            yield Emitted(s, _T.org_organization, self.node(organisation), g)
        if row.title:
            yield Emitted(s, _T.org_role, self._concept(ConceptScheme.TITLE, row.title, g), g)
        if row.status:
            status = self._concept(ConceptScheme.ROLE_STATUS, row.status, g)
            yield Emitted(s, _T.sdo_additionalType, status, g)
        yield from self._provenance(s, row.evidence)

    def event(self, row: EventRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        g = self._graphs(row.evidence)
        yield Emitted(s, _T.rdf_type, _T.sdo_Event, g)
        if row.name:
            yield Emitted(s, _T.sdo_name, Lit(row.name), g)
        if row.summary:
            yield Emitted(s, _T.sdo_description, Lit(row.summary), g)
        if row.kind:
            kind = self._concept(ConceptScheme.EVENT_KIND, row.kind, g)
            yield Emitted(s, _T.sdo_additionalType, kind, g)
        date = date_literal(row.date)
        if date is not None:
            yield Emitted(s, _T.sdo_startDate, date, g)
        for location in dict.fromkeys(row.locations):
            yield Emitted(s, _T.sdo_location, self.node(location), g)
        for participant in dict.fromkeys(row.participants):
            yield Emitted(s, _T.sdo_attendee, self.node(participant), g)
        yield from self._provenance(s, row.evidence)

    def statement(self, row: StatementRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        g = self._graphs(row.evidence)
        node = self.node
        yield Emitted(s, _T.rdf_type, _T.sdo_Quotation, g)
        yield Emitted(s, _T.sdo_text, Lit(row.text), g)
        if row.kind:
            kind = self._concept(ConceptScheme.STATEMENT_KIND, row.kind, g)
            yield Emitted(s, _T.sdo_additionalType, kind, g)
        when = date_literal(row.when)
        if when is not None:
            yield Emitted(s, _T.sdo_dateCreated, when, g)
        for speaker in dict.fromkeys(row.speakers):
            yield Emitted(s, _T.sdo_creator, node(speaker), g)
        for audience in dict.fromkeys(row.audience):
            yield Emitted(s, _T.sdo_recipient, node(audience), g)
        for occasion in dict.fromkeys(row.occasions):
            yield Emitted(s, _T.sdo_recordedAt, node(occasion), g)
        for mentioned in dict.fromkeys(row.mentions):
            yield Emitted(s, _T.sdo_mentions, node(mentioned), g)
        yield from self._provenance(s, row.evidence)

    def mention(self, row: MentionRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        if row.article is None:
            g: Graphs = ()
        else:
            a = self.node(row.article)
            g = (a,)
        yield Emitted(s, _T.rdf_type, _T.nif_String, g)
        if row.article is not None:
            yield Emitted(s, _T.nif_referenceContext, g[0], g)
        yield Emitted(s, _T.nif_beginIndex, Lit(str(row.start), _XSD_NNI), g)
        yield Emitted(s, _T.nif_endIndex, Lit(str(row.end), _XSD_NNI), g)
        yield Emitted(s, _T.nif_anchorOf, Lit(row.text), g)

    def concepts(self) -> Iterator[Emitted]:
        """The SKOS concepts (and their schemes) the mapped rows used."""
        schemes: dict[ConceptScheme, set[URIRef]] = {}
        for (scheme, _slug), use in sorted(self._concepts.items(), key=lambda kv: kv[0]):
            labels = sorted(use.labels)
            c = self.uris.concept(scheme, labels[0])
            g = tuple(sorted(use.graphs))
            schemes.setdefault(scheme, set()).update(g)
            yield from concept_triples(self.uris, scheme, c, labels, g)
        for scheme, graphs in sorted(schemes.items()):
            yield from scheme_triples(self.uris, scheme, tuple(sorted(graphs)))


def concept_triples(
    uris: UriScheme, scheme: ConceptScheme, c: URIRef, labels: Sequence[str], g: Graphs
) -> Iterator[Emitted]:
    yield Emitted(c, _T.rdf_type, _T.skos_Concept, g)
    if scheme is ConceptScheme.TITLE:
        yield Emitted(c, _T.rdf_type, _T.org_Role, g)
    yield Emitted(c, _T.skos_prefLabel, Lit(labels[0]), g)
    for other in labels[1:]:
        yield Emitted(c, _T.skos_altLabel, Lit(other), g)
    yield Emitted(c, _T.skos_inScheme, uris.scheme(scheme), g)


def scheme_triples(uris: UriScheme, scheme: ConceptScheme, g: Graphs) -> Iterator[Emitted]:
    s = uris.scheme(scheme)
    yield Emitted(s, _T.rdf_type, _T.skos_ConceptScheme, g)
    yield Emitted(s, _T.skos_prefLabel, Lit(scheme.label), g)


# -- the export as a stream of triples ------------------------------------------------------


async def emitted(source: RdfSource, article: str | None = None) -> AsyncIterator[list[Emitted]]:
    """The export, batch by batch: the whole graph, or one article's named graph.

    :class:`NotFound` when ``article`` is not in the graph.
    """
    mapper = _Mapper(source.uris, article)
    async with _session(source) as session:
        async for rows in _row_batches(session, article, source.batch_size):
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
    async with _session(source) as session:
        if label is not None:
            return await _describe_node(session, source.uris, label, node_id)
        if scheme is not None:
            return await _describe_concept(session, source.uris, scheme, key)
    raise NotFound(f"No {node_id!r} in the graph: unknown kind {kind!r}.")


async def _describe_node(
    session: AsyncSession, uris: UriScheme, label: Label, node_id: str
) -> list[Emitted]:
    rows = await _rows_by_ids(session, label, [node_id], None)
    if not rows:
        raise NotFound(f"No {node_id!r} in the graph.")
    mapper = _Mapper(uris, None)
    found = list(mapper.rows(rows))
    row = rows[0]
    evidence = getattr(row, "evidence", ())
    mention_ids = sorted({e.mention for e in evidence})
    for ids in _chunks(mention_ids, DEFAULT_BATCH):
        found.extend(mapper.rows(await _rows_by_ids(session, Label.MENTION, ids, None)))
    found.extend(mapper.concepts())
    return found


async def _describe_concept(
    session: AsyncSession, uris: UriScheme, scheme: ConceptScheme, key: str
) -> list[Emitted]:
    if scheme in _CONCEPT_ENUMS:
        values: Iterable[str] = _CONCEPT_ENUMS[scheme]
    else:
        found = await _list(session, _CONCEPT_VALUES[scheme], "values")
        values = [v for v in found if isinstance(v, str)]
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
            Emitted(URIRef(str(s)), URIRef(str(p)), _from_rdflib(o), ())
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

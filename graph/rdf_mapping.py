"""The mapping: typed rows read from Neo4j -> triples with their named graphs.

``docs/rdf.md`` documents the mapping; in short::

    Article       schema:NewsArticle + nif:Context (nif:isString = the text)
    Person        schema:Person          Organisation  schema:Organization
    Location      schema:Place (+ schema:geo <loc#geo> schema:GeoCoordinates)
    Role          org:Membership (org:member, org:organization, org:role -> skos:Concept)
    Event         schema:Event           Statement     schema:Quotation
    Mention       nif:String (nif:beginIndex, nif:endIndex, nif:anchorOf,
                  nif:referenceContext <article>)
    every fact    prov:wasDerivedFrom <article>, prov:wasDerivedFrom <mention>

Every fact is emitted once, with the named graphs (one per article, the
article's URI) it belongs to: the articles whose mentions evidence it. A row's
triples come out together, its own subject first, so the writers can group them
by subject as they arrive. Literals travel as the light :class:`Lit` (rdflib's
``Literal`` costs about 10 us to construct, too slow for a streamed export) and
turn into rdflib terms only where an rdflib graph is built.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

from rdflib import Literal, URIRef

from graph.rdf_rows import (
    ArticleRow,
    EntityRow,
    EventRow,
    Evidence,
    MentionRow,
    RoleRow,
    Row,
    StatementRow,
)
from graph.rdf_uris import ConceptScheme, UriScheme, iri
from schema.ids import slugify
from schema.labels import Label
from schema.vocab import NIF, ORG, OWL, PROV, RDF, SDO, SKOS, XSD


class Lit(NamedTuple):
    """A literal on its way out: lexical form and datatype IRI (``None``: xsd:string)."""

    value: str
    datatype: str | None = None

    def to_rdflib(self) -> Literal:
        if self.datatype is None:
            return Literal(self.value)
        return Literal(self.value, datatype=URIRef(self.datatype))


Object = str | Lit
"""A URI (a plain ``str``) or a literal."""
Graphs = tuple[str, ...]
"""The named graphs (article URIs) a triple belongs to; empty: the default graph."""


Emitted = tuple[str, str, Object, Graphs]
"""One triple on its way out: subject, predicate, object and its named graphs. A plain
tuple of plain strings: the streamed export makes one per triple, a NamedTuple costs
3x more, and rdflib's ``str`` compares and hashes in Python (rdflib terms are made
only where an rdflib graph is built)."""


_XSD_DATE = str(XSD.date)
_XSD_DATETIME = str(XSD.dateTime)
_XSD_GYEARMONTH = str(XSD.gYearMonth)
_XSD_GYEAR = str(XSD.gYear)
_XSD_DOUBLE = str(XSD.double)
_XSD_NNI = str(XSD.nonNegativeInteger)

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
            return Lit(text, _XSD_DATE)
        if _ISO_DATETIME.fullmatch(text):
            value = text if len(text) > 16 else text + ":00"
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return Lit(value, _XSD_DATETIME)
        if _ISO_MONTH.fullmatch(text) and 1 <= int(text[5:]) <= 12:
            return Lit(text, _XSD_GYEARMONTH)
        if _ISO_YEAR.fullmatch(text):
            return Lit(text, _XSD_GYEAR)
    except ValueError:
        return None
    return None


@dataclass(frozen=True, slots=True)
class _Terms:
    """The vocabulary terms the mapper writes, looked up once: a closed namespace's
    attribute access costs microseconds, and the mapper writes several per triple."""

    nif_Context: str = str(NIF.Context)
    nif_String: str = str(NIF.String)
    nif_anchorOf: str = str(NIF.anchorOf)
    nif_beginIndex: str = str(NIF.beginIndex)
    nif_endIndex: str = str(NIF.endIndex)
    nif_isString: str = str(NIF.isString)
    nif_referenceContext: str = str(NIF.referenceContext)
    org_Membership: str = str(ORG.Membership)
    org_Role: str = str(ORG.Role)
    org_member: str = str(ORG.member)
    org_organization: str = str(ORG.organization)
    org_role: str = str(ORG.role)
    owl_sameAs: str = str(OWL.sameAs)
    prov_wasDerivedFrom: str = str(PROV.wasDerivedFrom)
    rdf_type: str = str(RDF.type)
    sdo_Event: str = str(SDO.Event)
    sdo_GeoCoordinates: str = str(SDO.GeoCoordinates)
    sdo_NewsArticle: str = str(SDO.NewsArticle)
    sdo_Organization: str = str(SDO.Organization)
    sdo_Person: str = str(SDO.Person)
    sdo_Place: str = str(SDO.Place)
    sdo_Quotation: str = str(SDO.Quotation)
    sdo_Role: str = str(SDO.Role)
    sdo_additionalType: str = str(SDO.additionalType)
    sdo_alternateName: str = str(SDO.alternateName)
    sdo_attendee: str = str(SDO.attendee)
    sdo_containedInPlace: str = str(SDO.containedInPlace)
    sdo_creator: str = str(SDO.creator)
    sdo_dateCreated: str = str(SDO.dateCreated)
    sdo_datePublished: str = str(SDO.datePublished)
    sdo_description: str = str(SDO.description)
    sdo_geo: str = str(SDO.geo)
    sdo_headline: str = str(SDO.headline)
    sdo_honorificPrefix: str = str(SDO.honorificPrefix)
    sdo_latitude: str = str(SDO.latitude)
    sdo_location: str = str(SDO.location)
    sdo_longitude: str = str(SDO.longitude)
    sdo_mentions: str = str(SDO.mentions)
    sdo_name: str = str(SDO.name)
    sdo_recipient: str = str(SDO.recipient)
    sdo_recordedAt: str = str(SDO.recordedAt)
    sdo_startDate: str = str(SDO.startDate)
    sdo_text: str = str(SDO.text)
    sdo_url: str = str(SDO.url)
    skos_Concept: str = str(SKOS.Concept)
    skos_ConceptScheme: str = str(SKOS.ConceptScheme)
    skos_altLabel: str = str(SKOS.altLabel)
    skos_inScheme: str = str(SKOS.inScheme)
    skos_prefLabel: str = str(SKOS.prefLabel)


_T = _Terms()

VOCABULARY: Final[tuple[str, ...]] = (
    *(getattr(_T, name) for name in _Terms.__dataclass_fields__),
    _XSD_DATE,
    _XSD_DATETIME,
    _XSD_GYEARMONTH,
    _XSD_GYEAR,
    _XSD_DOUBLE,
    _XSD_NNI,
)
"""Every vocabulary term (class, property, datatype) the mapper writes: the writers spell
them with prefixes (``schema:name``) and take anything else for a node's URI."""


@dataclass(slots=True)
class _ConceptUse:
    labels: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)


_ENTITY_CLASS: Final[Mapping[Label, str]] = {
    Label.PERSON: _T.sdo_Person,
    Label.ORGANISATION: _T.sdo_Organization,
    Label.LOCATION: _T.sdo_Place,
}


class Mapper:
    """Maps rows to :class:`Emitted` triples; collects the concepts the rows use and
    emits them once, at the end (:meth:`concepts`).

    A subject's triples come out one after the other and no subject comes back later
    (every node is one row; a place's ``#geo`` node follows its place), so a writer
    groups them by subject as they arrive."""

    def __init__(self, uris: UriScheme, article: str | None) -> None:
        self.uris = uris
        self.article = article
        self._concepts: dict[tuple[ConceptScheme, str], _ConceptUse] = {}
        self._nodes: dict[str, str] = {}
        self._concept_uris: dict[tuple[ConceptScheme, str], tuple[str, str]] = {}
        self._by_type: dict[type, Callable[[Any], Iterator[Emitted]]] = {
            ArticleRow: self.article_row,
            EntityRow: self.entity,
            RoleRow: self.role,
            EventRow: self.event,
            StatementRow: self.statement,
            MentionRow: self.mention,
        }

    def node(self, node_id: str) -> str:
        """``uris.node``, remembered: articles and entities recur in every batch. The
        memory is bounded: the cache starts over past 16,384 ids."""
        uri = self._nodes.get(node_id)
        if uri is None:
            if len(self._nodes) >= 16_384:
                self._nodes.clear()
            uri = self._nodes[node_id] = self.uris.node(node_id)
        return uri

    # helpers
    def _graphs(self, evidence: Iterable[Evidence]) -> Graphs:
        return tuple(self.node(a) for a in sorted({e.article for e in evidence}))

    def _concept(self, scheme: ConceptScheme, value: str, graphs: Graphs) -> str:
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

    def _provenance(self, s: str, evidence: tuple[Evidence, ...]) -> Iterator[Emitted]:
        node, mint = self.node, self.uris.node
        for article in sorted({e.article for e in evidence}):
            a = node(article)
            yield (s, _T.prov_wasDerivedFrom, a, (a,))
        for mention in sorted({(e.mention, e.article) for e in evidence}):
            # a mention is named once: minted, not remembered (the memory is for recurring ids)
            yield (s, _T.prov_wasDerivedFrom, mint(mention[0]), (node(mention[1]),))

    def _names(self, s: str, row: EntityRow, graphs: Graphs) -> Iterator[Emitted]:
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
            yield from self._by_type[type(row)](row)

    def chunks(
        self, rows: Iterable[Row], size: int, *, quads: bool = False
    ) -> Iterator[list[Emitted]]:
        """The rows' triples in lists of about ``size`` (cut between rows, so a subject's
        triples stay together): a page of rows whose nodes carry much evidence becomes
        several lists, and what the writers hold at once stays bounded. With ``quads``,
        a triple counts once per named graph it is written into."""
        by_type = self._by_type
        return gather((by_type[type(row)](row) for row in rows), size, quads=quads)

    def article_row(self, row: ArticleRow) -> Iterator[Emitted]:
        s = self.uris.node(row.id)
        g = (s,)
        yield (s, _T.rdf_type, _T.sdo_NewsArticle, g)
        if row.headline:
            yield (s, _T.sdo_headline, Lit(row.headline), g)
        if row.published is not None:
            yield (s, _T.sdo_datePublished, Lit(row.published.isoformat(), _XSD_DATE), g)
        if row.url:
            yield (s, _T.sdo_url, iri(row.url), g)
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
        geo = None
        if row.latitude is not None and row.longitude is not None:
            geo = self.uris.geo(row.id)
            yield (s, _T.sdo_geo, geo, g)
        if self.article is None:  # a person's merge decision: no article's graph holds it
            for other in row.same_as:
                yield (s, _T.owl_sameAs, self.node(other), ())
        yield from self._provenance(s, row.evidence)
        if geo is not None:  # after the place's own triples: one subject at a time
            yield (geo, _T.rdf_type, _T.sdo_GeoCoordinates, g)
            yield (geo, _T.sdo_latitude, Lit(repr(row.latitude), _XSD_DOUBLE), g)
            yield (geo, _T.sdo_longitude, Lit(repr(row.longitude), _XSD_DOUBLE), g)

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
        for group in self.concept_groups():
            yield from group

    def concept_groups(self) -> Iterator[list[Emitted]]:
        """:meth:`concepts`, a concept (or scheme) at a time: a concept used in every
        article is in every article's named graph, so one can be large."""
        schemes: dict[ConceptScheme, set[str]] = {}
        for (scheme, _slug), use in sorted(self._concepts.items(), key=lambda kv: kv[0]):
            labels = sorted(use.labels)
            c = self.uris.concept(scheme, labels[0])
            g = tuple(sorted(use.graphs, key=str))
            schemes.setdefault(scheme, set()).update(g)
            yield list(concept_triples(self.uris, scheme, c, labels, g))
        for scheme, graphs in sorted(schemes.items()):
            yield list(scheme_triples(self.uris, scheme, tuple(sorted(graphs, key=str))))


def gather(
    groups: Iterable[Iterable[Emitted]], size: int, *, quads: bool = False
) -> Iterator[list[Emitted]]:
    """Groups of triples (a node's, a concept's) joined into lists of about ``size``
    triples (or, with ``quads``, triples times their named graphs), never splitting a
    group."""
    chunk: list[Emitted] = []
    weight = 0
    for group in groups:
        start = len(chunk)
        chunk.extend(group)
        if quads:
            weight += sum(len(e[3]) or 1 for e in chunk[start:])
        else:
            weight = len(chunk)
        if weight >= size:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


def concept_triples(
    uris: UriScheme, scheme: ConceptScheme, c: str, labels: Sequence[str], g: Graphs
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

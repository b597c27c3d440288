"""RDF vocabulary terms of the export, as closed rdflib namespaces.

Only the terms the export writes are declared, and each class is closed
(``_fail = True``), so a typo such as ``SDO.Quote`` raises ``AttributeError`` at
import time instead of producing a silently wrong URI. ``docs/rdf.md`` maps
every Neo4j label and property to these terms.

=======  ===============================================================
prefix   vocabulary
=======  ===============================================================
schema   schema.org: the web-facing shape of people, places, quotations
org      W3C Organization Ontology: roles as ``org:Membership``
prov     PROV-O: every fact ``prov:wasDerivedFrom`` its article and spans
nif      NIF 2.0 core: character spans (``nif:beginIndex`` ...) in an article
skos     SKOS: role titles and kinds as concepts in concept schemes
=======  ===============================================================

RDF, XSD and OWL terms come from rdflib's own closed namespaces.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, RDF, XSD, DefinedNamespace

__all__ = ["NIF", "ORG", "OWL", "PREFIXES", "PROV", "RDF", "SDO", "SKOS", "XSD"]


class SDO(DefinedNamespace):
    """schema.org (https form, as rdflib and schema.org itself now publish it)."""

    _NS = Namespace("https://schema.org/")
    _fail = True

    # classes
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    GeoCoordinates: URIRef
    Event: URIRef
    Quotation: URIRef
    NewsArticle: URIRef
    Role: URIRef
    # properties
    name: URIRef
    alternateName: URIRef
    honorificPrefix: URIRef
    description: URIRef
    additionalType: URIRef
    geo: URIRef
    latitude: URIRef
    longitude: URIRef
    containedInPlace: URIRef
    headline: URIRef
    datePublished: URIRef
    url: URIRef
    text: URIRef
    creator: URIRef
    recipient: URIRef
    recordedAt: URIRef
    mentions: URIRef
    dateCreated: URIRef
    startDate: URIRef
    location: URIRef
    attendee: URIRef


class ORG(DefinedNamespace):
    """W3C Organization Ontology."""

    _NS = Namespace("http://www.w3.org/ns/org#")
    _fail = True

    Membership: URIRef
    Role: URIRef
    member: URIRef
    organization: URIRef
    role: URIRef


class PROV(DefinedNamespace):
    """W3C PROV-O."""

    _NS = Namespace("http://www.w3.org/ns/prov#")
    _fail = True

    wasDerivedFrom: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format 2.0 core."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    String: URIRef
    isString: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef


class SKOS(DefinedNamespace):
    """W3C SKOS core."""

    _NS = Namespace("http://www.w3.org/2004/02/skos/core#")
    _fail = True

    Concept: URIRef
    ConceptScheme: URIRef
    prefLabel: URIRef
    altLabel: URIRef
    inScheme: URIRef


PREFIXES: tuple[tuple[str, str], ...] = (
    ("schema", str(SDO._NS)),
    ("org", str(ORG._NS)),
    ("prov", str(PROV._NS)),
    ("nif", str(NIF._NS)),
    ("skos", str(SKOS._NS)),
    ("owl", str(OWL._NS)),
    ("rdf", str(RDF._NS)),
    ("xsd", str(XSD._NS)),
)
"""The prefixes every serialisation binds, in this order (``schema/context.jsonld`` agrees)."""

"""RDF vocabulary terms of the export, as closed rdflib namespaces.

schema.org, ORG, PROV and SKOS are rdflib's own term lists (``rdflib.namespace``);
NIF, which rdflib does not ship, is declared here with the terms the export
writes. Every namespace is closed, so a typo such as ``SDO.Quote`` raises
``AttributeError`` instead of producing a silently wrong URI (rdflib's
``SDO`` only warns; :class:`SDO` below is the same term list, closed).
``docs/rdf.md`` maps every Neo4j label and property to these terms.

=======  ===============================================================
prefix   vocabulary
=======  ===============================================================
schema   schema.org: the web-facing shape of people, places, quotations
org      W3C Organization Ontology: roles as ``org:Membership``
prov     PROV-O: every fact ``prov:wasDerivedFrom`` its article and spans
nif      NIF 2.0 core: character spans (``nif:beginIndex`` ...) in an article
skos     SKOS: role titles and kinds as concepts in concept schemes
=======  ===============================================================

RDF, XSD and OWL terms come from rdflib's own closed namespaces too.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import ORG, OWL, PROV, RDF, SKOS, XSD, DefinedNamespace
from rdflib.namespace import SDO as _RdflibSDO

__all__ = ["NIF", "ORG", "OWL", "PREFIXES", "PROV", "RDF", "SDO", "SKOS", "XSD"]


class SDO(_RdflibSDO):
    """schema.org (https form, as rdflib and schema.org itself publish it): rdflib's
    term list, closed."""

    _fail = True


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

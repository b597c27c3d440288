"""The questions the RDF tests ask in SPARQL, and the SHACL shapes they validate with."""

from __future__ import annotations

from importlib import resources

from rdflib import Graph

SAID_BY = """
PREFIX schema: <https://schema.org/>
SELECT ?text WHERE {
  ?person schema:name ?name .
  ?quote a schema:Quotation ; schema:creator ?person ; schema:text ?text .
}
"""

ROLES_AT = """
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?person ?title WHERE {
  ?org schema:name ?name .
  ?m a org:Membership ; org:organization ?org ; org:member ?p ; org:role ?r .
  ?p schema:name ?person .
  ?r skos:prefLabel ?title .
}
"""


def shapes() -> Graph:
    text = resources.files("schema").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")

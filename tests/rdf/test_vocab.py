"""The vocabularies are closed, and the published JSON-LD context agrees with them."""

from __future__ import annotations

import pytest

from graph.rdf import jsonld_context
from schema.vocab import NIF, ORG, PREFIXES, PROV, SDO, SKOS


@pytest.mark.parametrize(
    ("namespace", "typo"),
    [(SDO, "Quote"), (ORG, "Member"), (PROV, "derivedFrom"), (NIF, "begin"), (SKOS, "label")],
)
def test_a_term_not_declared_in_a_closed_namespace_raises(namespace: object, typo: str) -> None:
    with pytest.raises(AttributeError):
        getattr(namespace, typo)


def test_the_published_context_binds_every_prefix_the_export_uses() -> None:
    context = jsonld_context()
    assert {prefix: context[prefix] for prefix, _ in PREFIXES} == dict(PREFIXES)


def test_every_context_term_names_a_declared_term() -> None:
    namespaces = {"schema": SDO, "org": ORG, "prov": PROV, "nif": NIF, "skos": SKOS}
    for term, definition in jsonld_context().items():
        iri = definition["@id"] if isinstance(definition, dict) else definition
        prefix, _, local = iri.partition(":")
        if prefix in namespaces and local:
            assert getattr(namespaces[prefix], local), term

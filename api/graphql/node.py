"""The ``Node`` interface: every object with a stable id, and id parsing."""

from __future__ import annotations

import strawberry

from api.graphql.errors import InvalidId
from graph.reads import label_of_id
from schema.labels import Label

MAX_ID_LENGTH = 200


@strawberry.interface(
    description="An object with a stable id: `{kind}/{key}`, e.g. `person/cressida-dick`. "
    "The same id is the Neo4j `id` property and the tail of the RDF URI."
)
class Node:
    id: strawberry.ID


def parse_id(value: str, *expected: Label) -> Label:
    """The label of a well-formed id; InvalidId (a clear GraphQL error) otherwise."""
    kinds = ", ".join(f"{label.kind}/..." for label in expected) or "person/cressida-dick"
    if len(value) > MAX_ID_LENGTH:
        raise InvalidId(f"Invalid id: longer than {MAX_ID_LENGTH} characters.")
    label = label_of_id(value)
    if label is None:
        raise InvalidId(f"Invalid id {value!r}: expected `kind/key`, like {kinds}.")
    if expected and label not in expected:
        raise InvalidId(f"Invalid id {value!r}: expected an id like {kinds}.")
    return label

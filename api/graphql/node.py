"""The ``Node`` interface: every object with a stable id, and id parsing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from api.graphql.errors import InvalidId
from graph.reads import GraphNode, label_of_id
from schema import model
from schema.labels import Label

if TYPE_CHECKING:
    from api.graphql.article import Article
    from api.graphql.event import Event
    from api.graphql.location import Location
    from api.graphql.organisation import Organisation
    from api.graphql.person import Person
    from api.graphql.role import Role
    from api.graphql.statement import Statement

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


def node_from_domain(
    node: GraphNode,
) -> Article | Person | Organisation | Location | Role | Event | Statement:
    """The GraphQL object for any domain node."""
    from api.graphql.article import Article
    from api.graphql.event import Event
    from api.graphql.location import Location
    from api.graphql.organisation import Organisation
    from api.graphql.person import Person
    from api.graphql.role import Role
    from api.graphql.statement import Statement

    if isinstance(node, model.Person):
        return Person.from_domain(node)
    if isinstance(node, model.Organisation):
        return Organisation.from_domain(node)
    if isinstance(node, model.Location):
        return Location.from_domain(node)
    if isinstance(node, model.Role):
        return Role.from_domain(node)
    if isinstance(node, model.Event):
        return Event.from_domain(node)
    if isinstance(node, model.Statement):
        return Statement.from_domain(node)
    return Article.from_domain(node)

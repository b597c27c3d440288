"""``Agent``: who can speak, be addressed or take part: a person or an organisation."""

from __future__ import annotations

from typing import Annotated, TypeAlias

import strawberry

from api.graphql.organisation import Organisation
from api.graphql.person import Person
from graph.reads import GraphNode
from schema import model

Agent: TypeAlias = Annotated[
    Person | Organisation,
    strawberry.union("Agent", description="A person or an organisation."),
]


def agent_from_domain(node: GraphNode | None) -> Person | Organisation | None:
    if isinstance(node, model.Person):
        return Person.from_domain(node)
    if isinstance(node, model.Organisation):
        return Organisation.from_domain(node)
    return None

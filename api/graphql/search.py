# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``search(text:)``'s hits: a node, its kind and Lucene's relevance score."""

from __future__ import annotations

from enum import Enum

import strawberry

from api.graphql.node import Node
from api.graphql.types import Typed, value_field
from schema.labels import Label


@strawberry.enum(description="What kind of node a search may return.")
class SearchKind(Enum):
    PERSON = Label.PERSON
    ORGANISATION = Label.ORGANISATION
    LOCATION = Label.LOCATION
    ROLE = Label.ROLE
    EVENT = Label.EVENT
    STATEMENT = Label.STATEMENT


@strawberry.type(description="A node that matches the search, with Lucene's relevance score.")
class SearchHit(Typed):
    score: float = value_field()
    node: Node = value_field("The matched entity, role, event or statement.")
    kind: SearchKind = value_field()

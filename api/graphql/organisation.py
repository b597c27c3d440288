# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``Organisation``: a police force, an assembly, a news agency ..."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.evidence import Evidence
from api.graphql.node import Node
from api.graphql.resolvers import First, citations, of_type, related
from graph.reads import Hop
from schema import model
from schema.labels import Label

if TYPE_CHECKING:
    from api.graphql.article import Article
    from api.graphql.event import Event
    from api.graphql.role import Role
    from api.graphql.statement import Statement


@strawberry.type(description="An organisation named in an article.")
class Organisation(Node):
    id: strawberry.ID
    name: str
    aliases: list[str] = strawberry.field(description="Other forms: 'the Met', 'the force' ...")

    @classmethod
    def from_domain(cls, organisation: model.Organisation) -> Organisation:
        return cls(
            id=strawberry.ID(organisation.id),
            name=organisation.name,
            aliases=list(organisation.aliases),
        )

    @strawberry.field(description="Positions at the organisation, each with its holder.")
    async def roles(
        self, info: Info, first: First = None
    ) -> list[Annotated[Role, strawberry.lazy("api.graphql.role")]]:
        from api.graphql.role import Role

        nodes = await related(info, Hop.ORGANISATION_ROLES, self.id, first)
        return [Role.from_domain(r) for r in of_type(nodes, model.Role)]

    @strawberry.field(description="What the organisation said (as a body).")
    async def statements(
        self, info: Info, first: First = None
    ) -> list[Annotated[Statement, strawberry.lazy("api.graphql.statement")]]:
        from api.graphql.statement import Statement

        nodes = await related(info, Hop.ORGANISATION_STATEMENTS, self.id, first)
        return [Statement.from_domain(s) for s in of_type(nodes, model.Statement)]

    @strawberry.field(description="Statements addressed to the organisation.")
    async def addressed_by(
        self, info: Info, first: First = None
    ) -> list[Annotated[Statement, strawberry.lazy("api.graphql.statement")]]:
        from api.graphql.statement import Statement

        nodes = await related(info, Hop.ORGANISATION_ADDRESSED, self.id, first)
        return [Statement.from_domain(s) for s in of_type(nodes, model.Statement)]

    @strawberry.field(description="Statements that are about the organisation.")
    async def mentioned_in(
        self, info: Info, first: First = None
    ) -> list[Annotated[Statement, strawberry.lazy("api.graphql.statement")]]:
        from api.graphql.statement import Statement

        nodes = await related(info, Hop.ORGANISATION_MENTIONED_IN, self.id, first)
        return [Statement.from_domain(s) for s in of_type(nodes, model.Statement)]

    @strawberry.field(description="Events the organisation took part in.")
    async def events(
        self, info: Info, first: First = None
    ) -> list[Annotated[Event, strawberry.lazy("api.graphql.event")]]:
        from api.graphql.event import Event

        nodes = await related(info, Hop.ORGANISATION_EVENTS, self.id, first)
        return [Event.from_domain(e) for e in of_type(nodes, model.Event)]

    @strawberry.field(description="Articles that mention the organisation.")
    async def articles(
        self, info: Info, first: First = None
    ) -> list[Annotated[Article, strawberry.lazy("api.graphql.article")]]:
        from api.graphql.article import Article

        nodes = await related(info, Hop.ORGANISATION_ARTICLES, self.id, first)
        return [Article.from_domain(a) for a in of_type(nodes, model.Article)]

    @strawberry.field(description="Every place in the articles where it is named.")
    async def evidence(self, info: Info) -> list[Evidence]:
        return [
            Evidence.from_domain(c) for c in await citations(info, Label.ORGANISATION, self.id)
        ]

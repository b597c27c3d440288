# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``Person``: someone named in the news, or an unnamed person who matters."""

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

@strawberry.type(description="A person named in an article (or an unnamed one who matters).")
class Person(Node):
    id: strawberry.ID
    name: str = strawberry.field(description="The fullest form of the name in the articles.")
    aliases: list[str] = strawberry.field(description="Other forms: surname, 'Ms Dick' ...")
    honorific: str | None
    anonymous: bool = strawberry.field(description="An unnamed person ('an 18-year-old man').")

    @classmethod
    def from_domain(cls, person: model.Person) -> Person:
        return cls(
            id=strawberry.ID(person.id),
            name=person.name,
            aliases=list(person.aliases),
            honorific=person.honorific,
            anonymous=person.anonymous,
        )

    @strawberry.field(description="Positions the person holds, each at an organisation.")
    async def roles(
        self, info: Info, first: First = None
    ) -> list[Annotated[Role, strawberry.lazy("api.graphql.role")]]:
        from api.graphql.role import Role

        nodes = await related(info, Hop.PERSON_ROLES, self.id, first)
        return [Role.from_domain(r) for r in of_type(nodes, model.Role)]

    @strawberry.field(description="What the person said, in reading order.")
    async def statements(
        self, info: Info, first: First = None
    ) -> list[Annotated[Statement, strawberry.lazy("api.graphql.statement")]]:
        from api.graphql.statement import Statement

        nodes = await related(info, Hop.PERSON_STATEMENTS, self.id, first)
        return [Statement.from_domain(s) for s in of_type(nodes, model.Statement)]

    @strawberry.field(description="Statements addressed to the person.")
    async def addressed_by(
        self, info: Info, first: First = None
    ) -> list[Annotated[Statement, strawberry.lazy("api.graphql.statement")]]:
        from api.graphql.statement import Statement

        nodes = await related(info, Hop.PERSON_ADDRESSED, self.id, first)
        return [Statement.from_domain(s) for s in of_type(nodes, model.Statement)]

    @strawberry.field(description="Statements that are about the person.")
    async def mentioned_in(
        self, info: Info, first: First = None
    ) -> list[Annotated[Statement, strawberry.lazy("api.graphql.statement")]]:
        from api.graphql.statement import Statement

        nodes = await related(info, Hop.PERSON_MENTIONED_IN, self.id, first)
        return [Statement.from_domain(s) for s in of_type(nodes, model.Statement)]

    @strawberry.field(description="Events the person took part in.")
    async def events(
        self, info: Info, first: First = None
    ) -> list[Annotated[Event, strawberry.lazy("api.graphql.event")]]:
        from api.graphql.event import Event

        nodes = await related(info, Hop.PERSON_EVENTS, self.id, first)
        return [Event.from_domain(e) for e in of_type(nodes, model.Event)]

    @strawberry.field(description="Articles that mention the person.")
    async def articles(
        self, info: Info, first: First = None
    ) -> list[Annotated[Article, strawberry.lazy("api.graphql.article")]]:
        from api.graphql.article import Article

        nodes = await related(info, Hop.PERSON_ARTICLES, self.id, first)
        return [Article.from_domain(a) for a in of_type(nodes, model.Article)]

    @strawberry.field(description="Every place in the articles where the person is named.")
    async def evidence(self, info: Info) -> list[Evidence]:
        return [Evidence.from_domain(c) for c in await citations(info, Label.PERSON, self.id)]

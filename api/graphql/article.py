# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``Article``: a news article and everything the graph read from it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.node import Node
from api.graphql.resolvers import First, of_type, related
from graph.reads import Hop
from schema import model

if TYPE_CHECKING:
    from api.graphql.event import Event
    from api.graphql.location import Location
    from api.graphql.organisation import Organisation
    from api.graphql.person import Person
    from api.graphql.role import Role
    from api.graphql.statement import Statement


@strawberry.type(description="A news article; every fact in the graph cites one or more.")
class Article(Node):
    id: strawberry.ID
    headline: str | None
    url: str | None
    published: dt.date | None
    source: str | None
    checksum: str = strawberry.field(description="SHA-256 of the text.")
    text: str = strawberry.field(description="The text every evidence span points into.")

    @classmethod
    def from_domain(cls, article: model.Article) -> Article:
        return cls(
            id=strawberry.ID(article.id),
            headline=article.headline,
            url=article.url,
            published=article.published,
            source=article.source,
            checksum=article.checksum,
            text=article.text,
        )

    @strawberry.field(description="People the article names.")
    async def people(
        self, info: Info, first: First = None
    ) -> list[Annotated[Person, strawberry.lazy("api.graphql.person")]]:
        from api.graphql.person import Person

        nodes = await related(info, Hop.ARTICLE_PEOPLE, self.id, first)
        return [Person.from_domain(p) for p in of_type(nodes, model.Person)]

    @strawberry.field(description="Organisations the article names.")
    async def organisations(
        self, info: Info, first: First = None
    ) -> list[Annotated[Organisation, strawberry.lazy("api.graphql.organisation")]]:
        from api.graphql.organisation import Organisation

        nodes = await related(info, Hop.ARTICLE_ORGANISATIONS, self.id, first)
        return [Organisation.from_domain(o) for o in of_type(nodes, model.Organisation)]

    @strawberry.field(description="Places the article names.")
    async def locations(
        self, info: Info, first: First = None
    ) -> list[Annotated[Location, strawberry.lazy("api.graphql.location")]]:
        from api.graphql.location import Location

        nodes = await related(info, Hop.ARTICLE_LOCATIONS, self.id, first)
        return [Location.from_domain(loc) for loc in of_type(nodes, model.Location)]

    @strawberry.field(description="Roles the article states.")
    async def roles(
        self, info: Info, first: First = None
    ) -> list[Annotated[Role, strawberry.lazy("api.graphql.role")]]:
        from api.graphql.role import Role

        nodes = await related(info, Hop.ARTICLE_ROLES, self.id, first)
        return [Role.from_domain(r) for r in of_type(nodes, model.Role)]

    @strawberry.field(description="Events the article reports.")
    async def events(
        self, info: Info, first: First = None
    ) -> list[Annotated[Event, strawberry.lazy("api.graphql.event")]]:
        from api.graphql.event import Event

        nodes = await related(info, Hop.ARTICLE_EVENTS, self.id, first)
        return [Event.from_domain(e) for e in of_type(nodes, model.Event)]

    @strawberry.field(description="Statements the article reports, in reading order.")
    async def statements(
        self, info: Info, first: First = None
    ) -> list[Annotated[Statement, strawberry.lazy("api.graphql.statement")]]:
        from api.graphql.statement import Statement

        nodes = await related(info, Hop.ARTICLE_STATEMENTS, self.id, first)
        return [Statement.from_domain(s) for s in of_type(nodes, model.Statement)]

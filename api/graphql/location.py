# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``Location``: a place, with what contains it and what it contains."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.evidence import Evidence
from api.graphql.node import Node
from api.graphql.resolvers import First, by_id, citations, of_type, related
from graph.reads import Hop
from schema import model
from schema.labels import Label

if TYPE_CHECKING:
    from api.graphql.article import Article
    from api.graphql.event import Event
    from api.graphql.statement import Statement


@strawberry.type(description="A place named in an article.")
class Location(Node):
    id: strawberry.ID
    name: str
    aliases: list[str] = strawberry.field(description="Other forms: 'the capital' ...")
    kind: str | None = strawberry.field(description="city, country, station, landmark ...")
    latitude: float | None
    longitude: float | None
    within_id: strawberry.Private[str | None]

    @classmethod
    def from_domain(cls, location: model.Location) -> Location:
        return cls(
            id=strawberry.ID(location.id),
            name=location.name,
            aliases=list(location.aliases),
            kind=location.kind,
            latitude=location.latitude,
            longitude=location.longitude,
            within_id=location.within,
        )

    @strawberry.field(description="The place that contains this one (London -> England).")
    async def within(self, info: Info) -> Location | None:
        node = await by_id(info, self.within_id)
        return Location.from_domain(node) if isinstance(node, model.Location) else None

    @strawberry.field(description="Places directly within this one.")
    async def contains(self, info: Info, first: First = None) -> list[Location]:
        nodes = await related(info, Hop.LOCATION_CONTAINS, self.id, first)
        return [Location.from_domain(loc) for loc in of_type(nodes, model.Location)]

    @strawberry.field(description="Events that happened here.")
    async def events(
        self, info: Info, first: First = None
    ) -> list[Annotated[Event, strawberry.lazy("api.graphql.event")]]:
        from api.graphql.event import Event

        nodes = await related(info, Hop.LOCATION_EVENTS, self.id, first)
        return [Event.from_domain(e) for e in of_type(nodes, model.Event)]

    @strawberry.field(description="Statements that are about this place.")
    async def mentioned_in(
        self, info: Info, first: First = None
    ) -> list[Annotated[Statement, strawberry.lazy("api.graphql.statement")]]:
        from api.graphql.statement import Statement

        nodes = await related(info, Hop.LOCATION_MENTIONED_IN, self.id, first)
        return [Statement.from_domain(s) for s in of_type(nodes, model.Statement)]

    @strawberry.field(description="Articles that mention this place.")
    async def articles(
        self, info: Info, first: First = None
    ) -> list[Annotated[Article, strawberry.lazy("api.graphql.article")]]:
        from api.graphql.article import Article

        nodes = await related(info, Hop.LOCATION_ARTICLES, self.id, first)
        return [Article.from_domain(a) for a in of_type(nodes, model.Article)]

    @strawberry.field(description="Every place in the articles where it is named.")
    async def evidence(self, info: Info) -> list[Evidence]:
        return [Evidence.from_domain(c) for c in await citations(info, Label.LOCATION, self.id)]

# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``Event``: something that happened, where and when, and who took part."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.evidence import Evidence
from api.graphql.node import Node
from api.graphql.participant import Participant
from api.graphql.resolvers import First, by_id, citations, of_type, related
from graph.reads import Hop
from schema import model
from schema.labels import Label

if TYPE_CHECKING:
    from api.graphql.article import Article
    from api.graphql.location import Location
    from api.graphql.statement import Statement


@strawberry.type(description="Something that happened: an attack, an arrest, a hearing ...")
class Event(Node):
    id: strawberry.ID
    kind: str = strawberry.field(description="attack, arrest, patrol, hearing ...")
    summary: str
    date: str | None = strawberry.field(description="ISO 8601 date, when the text allows.")
    date_text: str | None = strawberry.field(description="The words of the text: 'Thursday'.")
    participants: list[Participant]
    location_id: strawberry.Private[str | None]

    @classmethod
    def from_domain(cls, event: model.Event) -> Event:
        return cls(
            id=strawberry.ID(event.id),
            kind=event.kind,
            summary=event.summary,
            date=event.date,
            date_text=event.date_text,
            participants=[Participant.from_domain(p) for p in event.participants],
            location_id=event.location,
        )

    @strawberry.field(description="Where it happened.")
    async def location(
        self, info: Info
    ) -> Annotated[Location, strawberry.lazy("api.graphql.location")] | None:
        from api.graphql.location import Location

        node = await by_id(info, self.location_id)
        return Location.from_domain(node) if isinstance(node, model.Location) else None

    @strawberry.field(description="Statements made on this occasion.")
    async def statements(
        self, info: Info, first: First = None
    ) -> list[Annotated[Statement, strawberry.lazy("api.graphql.statement")]]:
        from api.graphql.statement import Statement

        nodes = await related(info, Hop.EVENT_STATEMENTS, self.id, first)
        return [Statement.from_domain(s) for s in of_type(nodes, model.Statement)]

    @strawberry.field(description="Statements that are about this event.")
    async def mentioned_in(
        self, info: Info, first: First = None
    ) -> list[Annotated[Statement, strawberry.lazy("api.graphql.statement")]]:
        from api.graphql.statement import Statement

        nodes = await related(info, Hop.EVENT_MENTIONED_IN, self.id, first)
        return [Statement.from_domain(s) for s in of_type(nodes, model.Statement)]

    @strawberry.field(description="Articles that report the event.")
    async def articles(
        self, info: Info, first: First = None
    ) -> list[Annotated[Article, strawberry.lazy("api.graphql.article")]]:
        from api.graphql.article import Article

        nodes = await related(info, Hop.EVENT_ARTICLES, self.id, first)
        return [Article.from_domain(a) for a in of_type(nodes, model.Article)]

    @strawberry.field(description="Where the articles report it.")
    async def evidence(self, info: Info) -> list[Evidence]:
        return [Evidence.from_domain(c) for c in await citations(info, Label.EVENT, self.id)]

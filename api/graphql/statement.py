# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``Statement``: who said what, to whom, on which occasion, about what."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.agent import Agent, agent_from_domain
from api.graphql.context import Info
from api.graphql.evidence import Evidence
from api.graphql.node import Node, node_from_domain
from api.graphql.resolvers import First, by_id, citations, of_type, related
from graph.reads import Hop
from schema import model
from schema.labels import Label

if TYPE_CHECKING:
    from api.graphql.article import Article
    from api.graphql.event import Event

strawberry.enum(
    model.StatementKind,
    name="StatementKind",
    description="DIRECT: inside quotation marks; INDIRECT: reported speech."
)


@strawberry.type(description="A direct quotation or reported speech, with who said it.")
class Statement(Node):
    id: strawberry.ID
    text: str = strawberry.field(description="The words, without quotation marks.")
    kind: model.StatementKind
    when: str | None = strawberry.field(description="ISO date when known, else the words.")
    speaker_id: strawberry.Private[str | None]
    audience_id: strawberry.Private[str | None]
    occasion_id: strawberry.Private[str | None]

    @classmethod
    def from_domain(cls, statement: model.Statement) -> Statement:
        return cls(
            id=strawberry.ID(statement.id),
            text=statement.text,
            kind=statement.kind,
            when=statement.when,
            speaker_id=statement.speaker,
            audience_id=statement.audience,
            occasion_id=statement.occasion,
        )

    @strawberry.field(description="Who said it.")
    async def speaker(self, info: Info) -> Agent | None:
        return agent_from_domain(await by_id(info, self.speaker_id))

    @strawberry.field(description="Who it was said to ('the London Assembly').")
    async def audience(self, info: Info) -> Agent | None:
        return agent_from_domain(await by_id(info, self.audience_id))

    @strawberry.field(description="The event at which it was said.")
    async def occasion(
        self, info: Info
    ) -> Annotated[Event, strawberry.lazy("api.graphql.event")] | None:
        from api.graphql.event import Event

        node = await by_id(info, self.occasion_id)
        return Event.from_domain(node) if isinstance(node, model.Event) else None

    @strawberry.field(description="People, organisations, places and events it is about.")
    async def mentions(self, info: Info, first: First = None) -> list[Node]:
        nodes = await related(info, Hop.STATEMENT_MENTIONS, self.id, first)
        return [node_from_domain(node) for node in nodes]

    @strawberry.field(description="Articles that report it.")
    async def articles(
        self, info: Info, first: First = None
    ) -> list[Annotated[Article, strawberry.lazy("api.graphql.article")]]:
        from api.graphql.article import Article

        nodes = await related(info, Hop.STATEMENT_ARTICLES, self.id, first)
        return [Article.from_domain(a) for a in of_type(nodes, model.Article)]

    @strawberry.field(description="Where the articles report it.")
    async def evidence(self, info: Info) -> list[Evidence]:
        return [Evidence.from_domain(c) for c in await citations(info, Label.STATEMENT, self.id)]

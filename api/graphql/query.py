# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""The root ``Query``: one connection and one by-id field per type, ``node`` and ``search``.

Resolvers are thin: parse the arguments, one graph call, map to GraphQL types.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Protocol, TypeVar

import strawberry

from api.graphql.article import Article
from api.graphql.context import Info
from api.graphql.curation import survivor
from api.graphql.event import Event
from api.graphql.filters import (
    ArticleFilter,
    ArticleOrder,
    EventFilter,
    EventOrder,
    LocationFilter,
    LocationOrder,
    OrganisationFilter,
    OrganisationOrder,
    PersonFilter,
    PersonOrder,
    RoleFilter,
    RoleOrder,
    StatementFilter,
    StatementOrder,
)
from api.graphql.location import Location
from api.graphql.node import Node, node_from_domain, parse_id
from api.graphql.organisation import Organisation
from api.graphql.pagination import Connection, node_connection
from api.graphql.person import Person
from api.graphql.resolvers import by_id
from api.graphql.role import Role
from api.graphql.search import SearchHit, SearchKind, search_connection
from api.graphql.statement import Statement
from graph.pages import NodeFilter
from graph.reads import GraphNode
from schema import model
from schema.labels import Label

D = TypeVar("D")
G = TypeVar("G")

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 100).")
]
After = Annotated[
    str | None, strawberry.argument(description="Continue after this cursor (`endCursor`).")
]


def _convert(kind: type[D], build: Callable[[D], G]) -> Callable[[GraphNode], G]:
    def convert(node: GraphNode) -> G:
        if not isinstance(node, kind):
            raise TypeError(f"expected {kind.__name__}, read {type(node).__name__}")
        return build(node)

    return convert


async def _one(info: Info, node_id: strawberry.ID, label: Label) -> GraphNode | None:
    parse_id(str(node_id), label)
    return await by_id(info, str(node_id))


class _Filter(Protocol):
    def to_graph(self) -> NodeFilter: ...


def _filter(value: _Filter | None) -> NodeFilter:
    return value.to_graph() if value is not None else NodeFilter()


@strawberry.type
class Query:
    @strawberry.field(description="Any node by its id; null when there is none. An entity id "
                      "merged away by a curation decision answers with the surviving entity.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        parse_id(str(id))
        found = await by_id(info, str(id))
        if found is None:  # a merged-away id answers with the entity it was merged into
            found = await by_id(info, await survivor(info, str(id)))
        return node_from_domain(found) if found is not None else None

    @strawberry.field(description="Full-text search over names, aliases, role titles, event "
                      "summaries and quotes, best match first.")
    async def search(
        self,
        info: Info,
        text: str,
        kinds: list[SearchKind] | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[SearchHit]:
        return await search_connection(info, text, kinds, first, after)

    @strawberry.field(description="A person by id.")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        found = await _one(info, id, Label.PERSON)
        return Person.from_domain(found) if isinstance(found, model.Person) else None

    @strawberry.field(description="People, filtered and ordered.")
    async def people(
        self,
        info: Info,
        filter: PersonFilter | None = None,
        order_by: PersonOrder = PersonOrder.NAME_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Person]:
        return await node_connection(
            info, Label.PERSON, _convert(model.Person, Person.from_domain),
            node_filter=_filter(filter), order=order_by.value, first=first, after=after,
        )

    @strawberry.field(description="An organisation by id.")
    async def organisation(self, info: Info, id: strawberry.ID) -> Organisation | None:
        found = await _one(info, id, Label.ORGANISATION)
        return Organisation.from_domain(found) if isinstance(found, model.Organisation) else None

    @strawberry.field(description="Organisations, filtered and ordered.")
    async def organisations(
        self,
        info: Info,
        filter: OrganisationFilter | None = None,
        order_by: OrganisationOrder = OrganisationOrder.NAME_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Organisation]:
        return await node_connection(
            info, Label.ORGANISATION, _convert(model.Organisation, Organisation.from_domain),
            node_filter=_filter(filter), order=order_by.value, first=first, after=after,
        )

    @strawberry.field(description="A place by id.")
    async def location(self, info: Info, id: strawberry.ID) -> Location | None:
        found = await _one(info, id, Label.LOCATION)
        return Location.from_domain(found) if isinstance(found, model.Location) else None

    @strawberry.field(description="Places, filtered and ordered.")
    async def locations(
        self,
        info: Info,
        filter: LocationFilter | None = None,
        order_by: LocationOrder = LocationOrder.NAME_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Location]:
        return await node_connection(
            info, Label.LOCATION, _convert(model.Location, Location.from_domain),
            node_filter=_filter(filter), order=order_by.value, first=first, after=after,
        )

    @strawberry.field(description="A role by id.")
    async def role(self, info: Info, id: strawberry.ID) -> Role | None:
        found = await _one(info, id, Label.ROLE)
        return Role.from_domain(found) if isinstance(found, model.Role) else None

    @strawberry.field(description="Roles, filtered and ordered.")
    async def roles(
        self,
        info: Info,
        filter: RoleFilter | None = None,
        order_by: RoleOrder = RoleOrder.TITLE_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Role]:
        return await node_connection(
            info, Label.ROLE, _convert(model.Role, Role.from_domain),
            node_filter=_filter(filter), order=order_by.value, first=first, after=after,
        )

    @strawberry.field(description="An event by id.")
    async def event(self, info: Info, id: strawberry.ID) -> Event | None:
        found = await _one(info, id, Label.EVENT)
        return Event.from_domain(found) if isinstance(found, model.Event) else None

    @strawberry.field(description="Events, filtered and ordered.")
    async def events(
        self,
        info: Info,
        filter: EventFilter | None = None,
        order_by: EventOrder = EventOrder.DATE_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Event]:
        return await node_connection(
            info, Label.EVENT, _convert(model.Event, Event.from_domain),
            node_filter=_filter(filter), order=order_by.value, first=first, after=after,
        )

    @strawberry.field(description="A statement by id.")
    async def statement(self, info: Info, id: strawberry.ID) -> Statement | None:
        found = await _one(info, id, Label.STATEMENT)
        return Statement.from_domain(found) if isinstance(found, model.Statement) else None

    @strawberry.field(description="Statements, filtered and ordered.")
    async def statements(
        self,
        info: Info,
        filter: StatementFilter | None = None,
        order_by: StatementOrder = StatementOrder.TEXT_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Statement]:
        return await node_connection(
            info, Label.STATEMENT, _convert(model.Statement, Statement.from_domain),
            node_filter=_filter(filter), order=order_by.value, first=first, after=after,
        )

    @strawberry.field(description="An article by id.")
    async def article(self, info: Info, id: strawberry.ID) -> Article | None:
        found = await _one(info, id, Label.ARTICLE)
        return Article.from_domain(found) if isinstance(found, model.Article) else None

    @strawberry.field(description="Articles, filtered and ordered (newest first by default).")
    async def articles(
        self,
        info: Info,
        filter: ArticleFilter | None = None,
        order_by: ArticleOrder = ArticleOrder.PUBLISHED_DESC,
        first: First = None,
        after: After = None,
    ) -> Connection[Article]:
        return await node_connection(
            info, Label.ARTICLE, _convert(model.Article, Article.from_domain),
            node_filter=_filter(filter), order=order_by.value, first=first, after=after,
        )

# strawberry.field(description=...) is typed as returning Any by strawberry itself, and
# every resolver returns compiled rows (Any) that strawberry reads as its declared type:
# mypy: disable-error-code="untyped-decorator,no-any-return"
"""The root ``Query``: one connection and one by-id field per type, ``node`` and ``search``.

Every resolver is the same step: compile its field's selection into one Cypher
statement (:mod:`api.graphql.plan`), bind its arguments, run it, return the shaped
rows. The fast executor (:mod:`api.graphql.fast`) answers most queries without
calling these resolvers; they run when it hands a request back (an error to report,
a query mixed with introspection, ...).
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from api.graphql.context import Info
from api.graphql.curation import survivor
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
from api.graphql.node import Node
from api.graphql.pagination import Connection
from api.graphql.plan import coerced, root_plan
from api.graphql.search import SearchHit, SearchKind
from api.graphql.types import Article, Event, Location, Organisation, Person, Role, Statement
from graph.search import WINDOW as SEARCH_WINDOW

First = Annotated[
    int | None, strawberry.argument(description="Page size (default 20, at most 100).")
]
After = Annotated[
    str | None, strawberry.argument(description="Continue after this cursor (`endCursor`).")
]


async def _compiled(info: Info, **kwargs: Any) -> Any:
    """This field's selection as one statement, run, its rows shaped for strawberry."""
    raw = info._raw_info
    variables = coerced(raw.variable_values)
    plan = root_plan(raw.schema, raw.fragments, variables, list(raw.field_nodes), slow=True)
    bound = plan.bind(kwargs, variables, info.context.limits)
    return bound.read(await info.context.reader.run(bound.statement, **bound.parameters))


@strawberry.type
class Query:
    @strawberry.field(description="Any node by its id; null when there is none. An entity id "
                      "merged away by a curation decision answers with the surviving entity.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        found = await _compiled(info, id=id)
        if found is None:  # a merged-away id answers with the entity it was merged into
            merged = await survivor(info, str(id))
            if merged is not None:
                found = await _compiled(info, id=merged)
        return found

    @strawberry.field(description="Full-text search over names, aliases, role titles, event "
                      "summaries and quotes, best match first. Only the best "
                      f"{SEARCH_WINDOW:,} hits are counted and paged: a `totalCount` of "
                      f"{SEARCH_WINDOW} means {SEARCH_WINDOW:,} or more.")
    async def search(
        self,
        info: Info,
        text: str,
        kinds: list[SearchKind] | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[SearchHit]:
        return await _compiled(info, text=text, kinds=kinds, first=first, after=after)

    @strawberry.field(description="A person by id.")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        return await _compiled(info, id=id)

    @strawberry.field(description="People, filtered and ordered.")
    async def people(
        self,
        info: Info,
        filter: PersonFilter | None = None,
        order_by: PersonOrder = PersonOrder.NAME_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Person]:
        return await _compiled(
            info, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(description="An organisation by id.")
    async def organisation(self, info: Info, id: strawberry.ID) -> Organisation | None:
        return await _compiled(info, id=id)

    @strawberry.field(description="Organisations, filtered and ordered.")
    async def organisations(
        self,
        info: Info,
        filter: OrganisationFilter | None = None,
        order_by: OrganisationOrder = OrganisationOrder.NAME_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Organisation]:
        return await _compiled(
            info, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(description="A place by id.")
    async def location(self, info: Info, id: strawberry.ID) -> Location | None:
        return await _compiled(info, id=id)

    @strawberry.field(description="Places, filtered and ordered.")
    async def locations(
        self,
        info: Info,
        filter: LocationFilter | None = None,
        order_by: LocationOrder = LocationOrder.NAME_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Location]:
        return await _compiled(
            info, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(description="A role by id.")
    async def role(self, info: Info, id: strawberry.ID) -> Role | None:
        return await _compiled(info, id=id)

    @strawberry.field(description="Roles, filtered and ordered.")
    async def roles(
        self,
        info: Info,
        filter: RoleFilter | None = None,
        order_by: RoleOrder = RoleOrder.TITLE_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Role]:
        return await _compiled(
            info, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(description="An event by id.")
    async def event(self, info: Info, id: strawberry.ID) -> Event | None:
        return await _compiled(info, id=id)

    @strawberry.field(description="Events, filtered and ordered.")
    async def events(
        self,
        info: Info,
        filter: EventFilter | None = None,
        order_by: EventOrder = EventOrder.DATE_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Event]:
        return await _compiled(
            info, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(description="A statement by id.")
    async def statement(self, info: Info, id: strawberry.ID) -> Statement | None:
        return await _compiled(info, id=id)

    @strawberry.field(description="Statements, filtered and ordered.")
    async def statements(
        self,
        info: Info,
        filter: StatementFilter | None = None,
        order_by: StatementOrder = StatementOrder.TEXT_ASC,
        first: First = None,
        after: After = None,
    ) -> Connection[Statement]:
        return await _compiled(
            info, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(description="An article by id.")
    async def article(self, info: Info, id: strawberry.ID) -> Article | None:
        return await _compiled(info, id=id)

    @strawberry.field(description="Articles, filtered and ordered (newest first by default).")
    async def articles(
        self,
        info: Info,
        filter: ArticleFilter | None = None,
        order_by: ArticleOrder = ArticleOrder.PUBLISHED_DESC,
        first: First = None,
        after: After = None,
    ) -> Connection[Article]:
        return await _compiled(
            info, filter=filter, order_by=order_by, first=first, after=after
        )

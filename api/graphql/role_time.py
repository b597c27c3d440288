# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""Roles in time: ``roleClaims`` (who held a role according to which articles, when)
and ``statementsInRole`` (what was said by whoever held a role), from graph/role_time.py."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import InvalidArgument
from api.graphql.filters import DateRange
from api.graphql.node import parse_id
from api.graphql.plan import coerced, node_plan
from api.graphql.types import Article, Person, Role, Statement
from graph import role_time
from schema import model
from schema.labels import Label


async def _read(info: Info, root: str, node_id: str) -> object:
    """The node ``node_id`` with this field's selection, in one compiled statement."""
    raw = info._raw_info
    variables = coerced(raw.variable_values)
    plan = node_plan(raw.schema, raw.fragments, variables, list(raw.field_nodes), root)
    bound = plan.bind({"id": node_id}, variables, info.context.limits)
    found = bound.read(await info.context.reader.run(bound.statement, **bound.parameters))
    if found is None:
        raise RuntimeError(f"{root} {node_id} vanished")
    return found


MAX_TITLE = 200
MAX_FIRST = 100

First = Annotated[
    int, strawberry.argument(description=f"At most this many (default 50, at most {MAX_FIRST}).")
]


@strawberry.input(description="Which role claims: any combination; all given must hold.")
class RoleClaimFilter:
    title: str | None = strawberry.field(default=None, description="The role's title, "
                                         "any case: 'Commissioner'.")
    organisation: strawberry.ID | None = None
    person: strawberry.ID | None = None
    status: model.RoleStatus | None = strawberry.field(
        default=None, description="The status the article gave the role."
    )
    date: DateRange | None = strawberry.field(
        default=None, description="The article's date (published, else its latest event "
        "date) within the range; undated articles never match."
    )


@strawberry.type(description="One article's word that a person holds (or held) a role.")
class RoleClaim:
    status: model.RoleStatus = strawberry.field(description="As the article put it.")
    since: str | None = strawberry.field(
        description="When it began, as the article says ('appointed in 2017'): ISO year "
        "or year-month."
    )
    as_of: str | None = strawberry.field(
        description="The article's date, ISO: published, else its latest event date."
    )
    sentence: str | None = strawberry.field(description="Where the article says so.")
    role_id: strawberry.Private[str]
    person_id: strawberry.Private[str]
    article_id: strawberry.Private[str]

    @strawberry.field
    async def role(self, info: Info) -> Role:
        return await _read(info, "role", self.role_id)  # type: ignore[return-value]

    @strawberry.field
    async def person(self, info: Info) -> Person:
        return await _read(info, "person", self.person_id)  # type: ignore[return-value]

    @strawberry.field
    async def article(self, info: Info) -> Article:
        return await _read(info, "article", self.article_id)  # type: ignore[return-value]


@strawberry.type(description="A statement and the role its speaker held in its article.")
class StatementInRole:
    statement_id: strawberry.Private[str]
    role_id: strawberry.Private[str]

    @strawberry.field
    async def statement(self, info: Info) -> Statement:
        return await _read(info, "statement", self.statement_id)  # type: ignore[return-value]

    @strawberry.field
    async def role(self, info: Info) -> Role:
        return await _read(info, "role", self.role_id)  # type: ignore[return-value]


def _first(first: int) -> int:
    if not 0 <= first <= MAX_FIRST:
        raise InvalidArgument(f"`first` must be between 0 and {MAX_FIRST}.")
    return first


def _title(title: str | None) -> str | None:
    if title is not None and (not title.strip() or len(title) > MAX_TITLE):
        raise InvalidArgument(f"`title` must be 1 to {MAX_TITLE} characters.")
    return title.strip() if title else None


def _id(value: strawberry.ID | None, label: Label) -> str | None:
    if value is None:
        return None
    parse_id(str(value), label)
    return str(value)


@strawberry.type
class RoleTimeQuery:
    @strawberry.field(description="Who held which role according to which articles, with "
                      "the status each article gave and its date, oldest first: "
                      "`roleClaims(filter: {title: \"Commissioner\", date: {start: "
                      "\"2017-01-01\", end: \"2017-12-31\"}})`.")
    async def role_claims(
        self, info: Info, filter: RoleClaimFilter | None = None, first: First = 50
    ) -> list[RoleClaim]:
        f = filter or RoleClaimFilter()
        context = info.context
        claims = await role_time.role_claims(
            context.driver, context.database, title=_title(f.title),
            organisation=_id(f.organisation, Label.ORGANISATION),
            person=_id(f.person, Label.PERSON), status=f.status,
            start=f.date.start if f.date else None, end=f.date.end if f.date else None,
            limit=_first(first),
        )
        return [
            RoleClaim(status=c.status, since=c.since, as_of=c.as_of, sentence=c.sentence,
                      role_id=c.role, person_id=c.person, article_id=c.article)
            for c in claims
        ]

    @strawberry.field(description="Statements whose speaker held a role of this title (at "
                      "this organisation) in the statement's own article: "
                      "`statementsInRole(title: \"Commissioner\")`.")
    async def statements_in_role(
        self, info: Info, title: str, organisation: strawberry.ID | None = None,
        first: First = 50,
    ) -> list[StatementInRole]:
        context = info.context
        found = await role_time.spoken_in_role(
            context.driver, context.database, title=_title(title),
            organisation=_id(organisation, Label.ORGANISATION), limit=_first(first),
        )
        return [StatementInRole(statement_id=s.statement, role_id=s.role) for s in found]

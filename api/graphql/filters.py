"""Filter inputs and orderings of the root connections.

Each ordering enum is a whitelist: its values are :class:`graph.pages.Order`
members, so only the sort keys the graph layer defines can reach Cypher.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from api.graphql import types  # noqa: F401  (registers the GraphQL enums)
from api.graphql.errors import InvalidArgument
from api.graphql.node import parse_id
from graph.pages import NodeFilter, Order
from schema import model
from schema.labels import Label

MAX_TEXT = 200


@strawberry.input(description="Match a name (or alias, title ...) exactly or by a part; "
                  "case-insensitive.")
class TextFilter:
    equals: str | None = None
    contains: str | None = None


@strawberry.input(description="An inclusive range of dates; either end may be left open.")
class DateRange:
    start: dt.date | None = None
    end: dt.date | None = None


def _text(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if not value.strip() or len(value) > MAX_TEXT:
        raise InvalidArgument(f"`{name}` must be 1 to {MAX_TEXT} characters.")
    return value.strip()


def _id(value: strawberry.ID | None, *labels: Label) -> str | None:
    if value is None:
        return None
    parse_id(str(value), *labels)
    return str(value)


def _agent(value: strawberry.ID | None) -> str | None:
    return _id(value, Label.PERSON, Label.ORGANISATION)


def _range(value: DateRange | None) -> tuple[dt.date | None, dt.date | None]:
    if value is None:
        return None, None
    if value.start and value.end and value.start > value.end:
        raise InvalidArgument("A date range's `start` must not be after its `end`.")
    return value.start, value.end


def _name(value: TextFilter | None, field: str) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    return _text(value.equals, f"{field}.equals"), _text(value.contains, f"{field}.contains")


@strawberry.input(description="Filter people.")
class PersonFilter:
    name: TextFilter | None = None
    organisation: strawberry.ID | None = strawberry.field(
        default=None, description="Holds a role at this organisation."
    )
    article: strawberry.ID | None = strawberry.field(default=None, description="Named in it.")

    def to_graph(self) -> NodeFilter:
        equals, contains = _name(self.name, "name")
        return NodeFilter(
            name_equals=equals,
            name_contains=contains,
            organisation=_id(self.organisation, Label.ORGANISATION),
            article=_id(self.article, Label.ARTICLE),
        )


@strawberry.input(description="Filter organisations.")
class OrganisationFilter:
    name: TextFilter | None = None
    article: strawberry.ID | None = None

    def to_graph(self) -> NodeFilter:
        equals, contains = _name(self.name, "name")
        return NodeFilter(
            name_equals=equals, name_contains=contains, article=_id(self.article, Label.ARTICLE)
        )


@strawberry.input(description="Filter places.")
class LocationFilter:
    name: TextFilter | None = None
    kind: str | None = strawberry.field(default=None, description="city, country, station ...")
    within: strawberry.ID | None = strawberry.field(
        default=None, description="Inside this place, at any depth."
    )
    article: strawberry.ID | None = None

    def to_graph(self) -> NodeFilter:
        equals, contains = _name(self.name, "name")
        return NodeFilter(
            name_equals=equals,
            name_contains=contains,
            kind=_text(self.kind, "kind"),
            location=_id(self.within, Label.LOCATION),
            article=_id(self.article, Label.ARTICLE),
        )


@strawberry.input(description="Filter roles.")
class RoleFilter:
    title: TextFilter | None = None
    status: model.RoleStatus | None = None
    person: strawberry.ID | None = None
    organisation: strawberry.ID | None = None
    article: strawberry.ID | None = None

    def to_graph(self) -> NodeFilter:
        equals, contains = _name(self.title, "title")
        return NodeFilter(
            name_equals=equals,
            name_contains=contains,
            status=self.status.value if self.status else None,
            person=_id(self.person, Label.PERSON),
            organisation=_id(self.organisation, Label.ORGANISATION),
            article=_id(self.article, Label.ARTICLE),
        )


@strawberry.input(description="Filter events.")
class EventFilter:
    kind: str | None = None
    summary: str | None = strawberry.field(default=None, description="Contains these words.")
    date: DateRange | None = strawberry.field(
        default=None, description="Dated within the range (undated events never match)."
    )
    location: strawberry.ID | None = strawberry.field(
        default=None, description="At this place or a place within it."
    )
    participant: strawberry.ID | None = None
    organisation: strawberry.ID | None = None
    article: strawberry.ID | None = None

    def to_graph(self) -> NodeFilter:
        start, end = _range(self.date)
        return NodeFilter(
            kind=_text(self.kind, "kind"),
            name_contains=_text(self.summary, "summary"),
            date_from=start.isoformat() if start else None,
            date_to=end.isoformat() if end else None,
            location=_id(self.location, Label.LOCATION),
            person=_agent(self.participant),
            organisation=_id(self.organisation, Label.ORGANISATION),
            article=_id(self.article, Label.ARTICLE),
        )


@strawberry.input(description="Filter statements.")
class StatementFilter:
    text: str | None = strawberry.field(default=None, description="Contains these words.")
    kind: model.StatementKind | None = None
    speaker: strawberry.ID | None = None
    audience: strawberry.ID | None = None
    organisation: strawberry.ID | None = strawberry.field(
        default=None,
        description="Said by the organisation or by someone holding a role at it.",
    )
    occasion: strawberry.ID | None = None
    about: strawberry.ID | None = strawberry.field(default=None, description="Mentions this.")
    article: strawberry.ID | None = None

    def to_graph(self) -> NodeFilter:
        return NodeFilter(
            name_contains=_text(self.text, "text"),
            kind=self.kind.value if self.kind else None,
            speaker=_agent(self.speaker),
            audience=_agent(self.audience),
            organisation=_id(self.organisation, Label.ORGANISATION),
            event=_id(self.occasion, Label.EVENT),
            about=_id(self.about),
            article=_id(self.article, Label.ARTICLE),
        )


@strawberry.input(description="Filter articles.")
class ArticleFilter:
    headline: str | None = strawberry.field(default=None, description="Contains these words.")
    source: str | None = None
    published: DateRange | None = None
    about: strawberry.ID | None = strawberry.field(
        default=None, description="Supports a fact about this person, place, event ..."
    )

    def to_graph(self) -> NodeFilter:
        start, end = _range(self.published)
        return NodeFilter(
            name_contains=_text(self.headline, "headline"),
            source=_text(self.source, "source"),
            published_from=start,
            published_to=end,
            about=_id(self.about),
        )


@strawberry.enum(description="How to order people.")
class PersonOrder(Enum):
    NAME_ASC = Order.NAME_ASC
    NAME_DESC = Order.NAME_DESC


@strawberry.enum(description="How to order organisations.")
class OrganisationOrder(Enum):
    NAME_ASC = Order.NAME_ASC
    NAME_DESC = Order.NAME_DESC


@strawberry.enum(description="How to order places.")
class LocationOrder(Enum):
    NAME_ASC = Order.NAME_ASC
    NAME_DESC = Order.NAME_DESC


@strawberry.enum(description="How to order roles.")
class RoleOrder(Enum):
    TITLE_ASC = Order.TITLE_ASC
    TITLE_DESC = Order.TITLE_DESC


@strawberry.enum(description="How to order events (undated events sort first ascending).")
class EventOrder(Enum):
    DATE_ASC = Order.DATE_ASC
    DATE_DESC = Order.DATE_DESC
    KIND_ASC = Order.KIND_ASC


@strawberry.enum(description="How to order statements.")
class StatementOrder(Enum):
    TEXT_ASC = Order.TEXT_ASC


@strawberry.enum(description="How to order articles.")
class ArticleOrder(Enum):
    PUBLISHED_DESC = Order.PUBLISHED_DESC
    PUBLISHED_ASC = Order.PUBLISHED_ASC
    HEADLINE_ASC = Order.HEADLINE_ASC

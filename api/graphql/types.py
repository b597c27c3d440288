# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""The graph's GraphQL types: the seven node types, evidence, participants, agents.

They are one module because they refer to one another (a person's roles, a role's
person): GraphQL's recursion, kept out of Python's imports. None of them reads the
database: a root field's resolver compiles the whole selection into one Cypher
statement (:mod:`api.graphql.plan`) and returns rows shaped like the response, keyed
by the response keys (aliases included); every field here reads its own key. A
nested list's ``first`` is checked where it is asked for, so an out-of-range value
is an error at its own path.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, TypeAlias

import strawberry

from api.graphql.context import Info
from api.graphql.node import Node
from api.graphql.pagination import Connection, nested_keyset_from_cursor, page_size
from api.graphql.rows import Row
from schema import model

strawberry.enum(model.RoleStatus, name="RoleStatus", description="Whether the role is held now.")
strawberry.enum(
    model.StatementKind,
    name="StatementKind",
    description="DIRECT: inside quotation marks; INDIRECT: reported speech."
)

First = Annotated[
    int | None,
    strawberry.argument(description="At most this many (default 50, at most 100)."),
]


def _key(root: Row, info: Info) -> Any:
    return root[str(info.path.key)]


def _page(root: Row, info: Info, first: First = None) -> Any:
    page_size(first, info.context.limits, nested=True)  # an error at this field's path
    return root[str(info.path.key)]


After = Annotated[
    str | None,
    strawberry.argument(description="Continue after this cursor (`endCursor`)."),
]


def _connection_page(root: Row, info: Info, first: First = None, after: After = None) -> Any:
    page_size(first, info.context.limits, nested=True)  # errors at this field's path
    if after is not None:
        nested_keyset_from_cursor(after)
    return root[str(info.path.key)]


def _pages(description: str) -> Any:
    return strawberry.field(
        resolver=_connection_page,
        description=description + " A page at a time, for clients that page (Relay).",
    )


def value_field(description: str | None = None) -> Any:
    return strawberry.field(resolver=_key, description=description)


def _list(description: str) -> Any:
    return strawberry.field(resolver=_page, description=description)


class Typed:
    """Rows carry their type's name; interfaces and unions pick the type by it."""

    @classmethod
    def is_type_of(cls, obj: object, info: object) -> bool:
        return isinstance(obj, Row) and obj.type == cls.__name__


@strawberry.type(
    description="A span of an article's text that supports a fact: "
    "`article.text[start:end] == text`, inside `sentence`."
)
class Evidence(Typed):
    start: int = value_field()
    end: int = value_field()
    text: str = value_field()
    sentence: str = value_field()
    sentence_start: int = value_field()
    sentence_end: int = value_field()
    article: Article | None = value_field("The article the span is in.")


@strawberry.type(description="A news article; every fact in the graph cites one or more.")
class Article(Node, Typed):
    id: strawberry.ID = value_field()
    headline: str | None = value_field()
    url: str | None = value_field()
    published: dt.date | None = value_field()
    source: str | None = value_field()
    checksum: str = value_field("SHA-256 of the text.")
    text: str = value_field("The text every evidence span points into.")
    people: list[Person] = _list("People the article names.")
    people_connection: Connection[Person] = _pages(
        "People the article names."
    )
    organisations: list[Organisation] = _list("Organisations the article names.")
    organisations_connection: Connection[Organisation] = _pages(
        "Organisations the article names."
    )
    locations: list[Location] = _list("Places the article names.")
    locations_connection: Connection[Location] = _pages(
        "Places the article names."
    )
    roles: list[Role] = _list("Roles the article states.")
    roles_connection: Connection[Role] = _pages(
        "Roles the article states."
    )
    events: list[Event] = _list("Events the article reports.")
    events_connection: Connection[Event] = _pages(
        "Events the article reports."
    )
    statements: list[Statement] = _list("Statements the article reports, in reading order.")
    statements_connection: Connection[Statement] = _pages(
        "Statements the article reports, in reading order."
    )


@strawberry.type(description="A person named in an article (or an unnamed one who matters).")
class Person(Node, Typed):
    id: strawberry.ID = value_field()
    name: str = value_field("The fullest form of the name in the articles.")
    aliases: list[str] = value_field("Other forms: surname, 'Ms Dick' ...")
    honorific: str | None = value_field()
    anonymous: bool = value_field("An unnamed person ('an 18-year-old man').")
    roles: list[Role] = _list("Positions the person holds, each at an organisation.")
    roles_connection: Connection[Role] = _pages(
        "Positions the person holds, each at an organisation."
    )
    statements: list[Statement] = _list("What the person said, in reading order.")
    statements_connection: Connection[Statement] = _pages(
        "What the person said, in reading order."
    )
    addressed_by: list[Statement] = _list("Statements addressed to the person.")
    addressed_by_connection: Connection[Statement] = _pages(
        "Statements addressed to the person."
    )
    mentioned_in: list[Statement] = _list("Statements that are about the person.")
    mentioned_in_connection: Connection[Statement] = _pages(
        "Statements that are about the person."
    )
    events: list[Event] = _list("Events the person took part in.")
    events_connection: Connection[Event] = _pages(
        "Events the person took part in."
    )
    articles: list[Article] = _list("Articles that mention the person.")
    articles_connection: Connection[Article] = _pages(
        "Articles that mention the person."
    )
    evidence: list[Evidence] = value_field("Every place in the articles where the person is named.")


@strawberry.type(description="An organisation named in an article.")
class Organisation(Node, Typed):
    id: strawberry.ID = value_field()
    name: str = value_field()
    aliases: list[str] = value_field("Other forms: 'the Met', 'the force' ...")
    roles: list[Role] = _list("Positions at the organisation, each with its holder.")
    roles_connection: Connection[Role] = _pages(
        "Positions at the organisation, each with its holder."
    )
    statements: list[Statement] = _list("What the organisation said (as a body).")
    statements_connection: Connection[Statement] = _pages(
        "What the organisation said (as a body)."
    )
    addressed_by: list[Statement] = _list("Statements addressed to the organisation.")
    addressed_by_connection: Connection[Statement] = _pages(
        "Statements addressed to the organisation."
    )
    mentioned_in: list[Statement] = _list("Statements that are about the organisation.")
    mentioned_in_connection: Connection[Statement] = _pages(
        "Statements that are about the organisation."
    )
    events: list[Event] = _list("Events the organisation took part in.")
    events_connection: Connection[Event] = _pages(
        "Events the organisation took part in."
    )
    articles: list[Article] = _list("Articles that mention the organisation.")
    articles_connection: Connection[Article] = _pages(
        "Articles that mention the organisation."
    )
    evidence: list[Evidence] = value_field("Every place in the articles where it is named.")


Agent: TypeAlias = Annotated[
    Person | Organisation,
    strawberry.union("Agent", description="A person or an organisation."),
]


@strawberry.type(description="A place named in an article.")
class Location(Node, Typed):
    id: strawberry.ID = value_field()
    name: str = value_field()
    aliases: list[str] = value_field("Other forms: 'the capital' ...")
    kind: str | None = value_field("city, country, station, landmark ...")
    latitude: float | None = value_field()
    longitude: float | None = value_field()
    within: Location | None = value_field("The place that contains this one (London -> England).")
    contains: list[Location] = _list("Places directly within this one.")
    contains_connection: Connection[Location] = _pages(
        "Places directly within this one."
    )
    events: list[Event] = _list("Events that happened here.")
    events_connection: Connection[Event] = _pages(
        "Events that happened here."
    )
    mentioned_in: list[Statement] = _list("Statements that are about this place.")
    mentioned_in_connection: Connection[Statement] = _pages(
        "Statements that are about this place."
    )
    articles: list[Article] = _list("Articles that mention this place.")
    articles_connection: Connection[Article] = _pages(
        "Articles that mention this place."
    )
    evidence: list[Evidence] = value_field("Every place in the articles where it is named.")


@strawberry.type(description="A person's position at an organisation: "
                 "Cressida Dick -> Commissioner -> Metropolitan Police.")
class Role(Node, Typed):
    id: strawberry.ID = value_field()
    title: str = value_field("Normalised: 'Commissioner'.")
    wording: str = value_field("As written: 'the force's commissioner'.")
    status: model.RoleStatus = value_field()
    person: Person | None = value_field("Who holds the role.")
    organisation: Organisation | None = value_field("Where the role is held.")
    articles: list[Article] = _list("Articles that state the role.")
    articles_connection: Connection[Article] = _pages(
        "Articles that state the role."
    )
    evidence: list[Evidence] = value_field("Where the articles state the role.")


@strawberry.type(description="A person or organisation taking part in an event.")
class Participant(Typed):
    role: str = value_field("agent, subject, participant ...")
    entity: Agent | None = value_field("The person or organisation.")


@strawberry.type(description="Something that happened: an attack, an arrest, a hearing ...")
class Event(Node, Typed):
    id: strawberry.ID = value_field()
    kind: str = value_field("attack, arrest, patrol, hearing ...")
    summary: str = value_field()
    date: str | None = value_field("ISO 8601 date, when the text allows.")
    date_text: str | None = value_field("The words of the text: 'Thursday'.")
    participants: list[Participant] = value_field()
    location: Location | None = value_field("Where it happened.")
    statements: list[Statement] = _list("Statements made on this occasion.")
    statements_connection: Connection[Statement] = _pages(
        "Statements made on this occasion."
    )
    mentioned_in: list[Statement] = _list("Statements that are about this event.")
    mentioned_in_connection: Connection[Statement] = _pages(
        "Statements that are about this event."
    )
    articles: list[Article] = _list("Articles that report the event.")
    articles_connection: Connection[Article] = _pages(
        "Articles that report the event."
    )
    evidence: list[Evidence] = value_field("Where the articles report it.")


@strawberry.type(description="A direct quotation or reported speech, with who said it.")
class Statement(Node, Typed):
    id: strawberry.ID = value_field()
    text: str = value_field("The words, without quotation marks.")
    kind: model.StatementKind = value_field()
    when: str | None = value_field("ISO date when known, else the words.")
    speaker: Agent | None = value_field("Who said it.")
    audience: Agent | None = value_field("Who it was said to ('the London Assembly').")
    occasion: Event | None = value_field("The event at which it was said.")
    mentions: list[Node] = _list("People, organisations, places and events it is about.")
    articles: list[Article] = _list("Articles that report it.")
    articles_connection: Connection[Article] = _pages(
        "Articles that report it."
    )
    evidence: list[Evidence] = value_field("Where the articles report it.")


#: The node types, for the schema (some are reachable only through ``Node``).
NODE_TYPES = (Article, Person, Organisation, Location, Role, Event, Statement)

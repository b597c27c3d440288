"""Frozen dataclasses for an article and the facts extracted from it.

Every fact carries :class:`Evidence`: character offsets into ``Article.text``
(``text[start:end] == evidence.text``) and the sentence it came from, so each
fact in the graph can be traced to the characters of its source.

Entities refer to each other by id (see :mod:`schema.ids`), never by object,
so an :class:`Extraction` is a flat, serialisable bundle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADLINE = "headline"
    CAPTION = "caption"
    CREDIT = "credit"
    BODY = "body"
    BOILERPLATE = "boilerplate"


class RoleStatus(StrEnum):
    CURRENT = "current"
    FORMER = "former"


class StatementKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: ``article.text[start:end] == text``."""

    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True, slots=True)
class Block:
    """A structural piece of the article: a headline, caption, credit, paragraph ..."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    checksum: str
    headline: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    blocks: tuple[Block, ...] = ()

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    honorific: str | None = None
    anonymous: bool = False
    mentions: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # city, country, region, station, landmark, street ...
    within: str | None = None  # id of the containing Location
    latitude: float | None = None
    longitude: float | None = None
    mentions: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Role:
    """A person's position at an organisation (W3C ORG's ``Membership``)."""

    id: str
    person: str  # Person id
    title: str  # normalised: "Commissioner"
    organisation: str | None  # Organisation id
    wording: str  # as written: "the force's commissioner"
    status: RoleStatus = RoleStatus.CURRENT
    evidence: tuple[Evidence, ...] = ()
    since: str | None = None  # ISO year or year-month it began, as the text says ("in 2017")


@dataclass(frozen=True, slots=True)
class Statement:
    """Who said what: a direct quotation or reported (indirect) speech."""

    id: str
    text: str  # the quoted words, without quote marks
    kind: StatementKind
    speaker: str | None  # Person or Organisation id
    audience: str | None = None  # Organisation or Person id ("told the London Assembly")
    occasion: str | None = None  # Event id
    when: str | None = None  # ISO date when resolvable, else the words ("Thursday")
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Participant:
    entity: str  # Person or Organisation id
    role: str = "participant"  # agent, subject, speaker, audience ...


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str  # "people injured", "per cent" ...
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    kind: str  # attack, arrest, patrol, hearing, announcement, consultation ...
    summary: str
    date: str | None = None  # ISO 8601 when the text allows
    date_text: str | None = None  # the words of the text ("Thursday", "yesterday")
    location: str | None = None  # Location id
    participants: tuple[Participant, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    article: Article
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    locations: tuple[Location, ...] = ()
    roles: tuple[Role, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())

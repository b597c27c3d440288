"""The Neo4j graph model: one source of truth for labels, relationships and properties.

``graph/`` writes exactly this shape, ``docs/graph-model.md`` documents it (a test
checks that the page and this module agree), and the GraphQL API and the RDF
export read it. Labels and relationship types are the enums of
:mod:`schema.labels`; this module adds what each one carries.

Ids follow :mod:`schema.ids`, plus the two rules that belong to the graph:

* :func:`mention_id` -- a span of one article, shared by every fact read there;
* :func:`role_id` -- a position, from its holder, title and organisation, so the
  same role read in two articles is one node.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from schema.ids import fact_id
from schema.labels import Label, RelType

CAPTION_LENGTH = 60
"""Longest ``name`` caption of a statement, event or mention (an excerpt)."""


class PropertyType(StrEnum):
    STRING = "string"
    STRING_LIST = "list<string>"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    type: PropertyType
    description: str
    required: bool = False


@dataclass(frozen=True, slots=True)
class NodeSpec:
    label: Label
    description: str
    properties: tuple[Property, ...]

    def property_names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.properties)


@dataclass(frozen=True, slots=True)
class RelSpec:
    type: RelType
    start: tuple[Label, ...]
    end: tuple[Label, ...]
    description: str
    properties: tuple[Property, ...] = ()


_S = PropertyType.STRING
_ID = Property("id", _S, "stable id `{kind}/{key}`, see schema/ids.py", required=True)
_NAME = Property("name", _S, "caption shown by Neo4j Browser", required=True)
_ALIASES = (
    Property("aliases", PropertyType.STRING_LIST, "other names read for it, all articles"),
    Property("aliasText", _S, 'aliases joined by " | ", for the full-text index `search`'),
    Property("keys", PropertyType.STRING_LIST, "slugs of its names: how articles merge on it"),
)
_SORT_NAME = Property("sortName", _S, "name lower-cased (200 characters), range-indexed: "
                      "the key of pages ordered by name", required=True)
_ARTICLE_SCOPED = Property("article", _S, "id of the article it was read in", required=True)

NODES: tuple[NodeSpec, ...] = (
    NodeSpec(
        Label.ARTICLE,
        "a news article as loaded; the root of provenance",
        (
            _ID,
            _NAME,
            Property("url", _S, "where it was read from, when known"),
            Property("headline", _S, "its headline"),
            Property("published", PropertyType.DATE, "publication date, when known"),
            Property("sortPublished", _S, "published as ISO text, '' when unknown: the key "
                     "of pages ordered by date", required=True),
            Property("sortHeadline", _S, "headline lower-cased (200 characters): the key of "
                     "pages ordered by headline", required=True),
            Property("source", _S, "publisher or feed, when known"),
            Property("checksum", _S, "SHA-256 of the text: same checksum, same article",
                     required=True),
            Property("text", _S, "the full cleaned text Mention offsets index into",
                     required=True),
            Property("loadedAt", PropertyType.DATETIME, "when this version was written",
                     required=True),
            Property("extraction", _S, "the loaders' extraction, JSON without the text: "
                     "curation writes the article again from it"),
        ),
    ),
    NodeSpec(
        Label.PERSON,
        "a named person (merged across articles), or an anonymous one (one article)",
        (
            _ID,
            _NAME,
            *_ALIASES,
            _SORT_NAME,
            Property("honorific", _S, "Sir, Ms, Dr ... when read"),
            Property("anonymous", PropertyType.BOOLEAN, "an unnamed person ('an 18-year-old man')",
                     required=True),
        ),
    ),
    NodeSpec(Label.ORGANISATION, "a named organisation", (_ID, _NAME, *_ALIASES, _SORT_NAME)),
    NodeSpec(
        Label.LOCATION,
        "a named place",
        (
            _ID,
            _NAME,
            *_ALIASES,
            _SORT_NAME,
            Property("kind", _S, "city, country, region, station, landmark, street ..."),
            Property("latitude", PropertyType.FLOAT, "WGS84, when known"),
            Property("longitude", PropertyType.FLOAT, "WGS84, when known"),
        ),
    ),
    NodeSpec(
        Label.ROLE,
        "a person's position at an organisation (org:Membership), merged across articles",
        (
            _ID,
            _NAME,
            Property("title", _S, "normalised title: 'Commissioner'", required=True),
            Property("sortTitle", _S, "title lower-cased (200 characters): the key of "
                     "pages ordered by title", required=True),
            Property(
                "wording", PropertyType.STRING_LIST, "wordings read: 'the force's commissioner'"
            ),
            Property("status", _S, "current or former (as last written)", required=True),
        ),
    ),
    NodeSpec(
        Label.EVENT,
        "something that happened, as one article reports it",
        (
            _ID,
            _NAME,
            _ARTICLE_SCOPED,
            Property("kind", _S, "attack, arrest, patrol, hearing ...", required=True),
            Property("summary", _S, "a short description", required=True),
            Property("date", _S, "ISO 8601 date when the text allows, else null"),
            Property("sortDate", _S, "date, '' when null: the key of pages ordered by date",
                     required=True),
            Property("dateText", _S, "the words of the text: 'Thursday'"),
            Property("quantities", PropertyType.STRING_LIST, "'30 people injured' ..."),
        ),
    ),
    NodeSpec(
        Label.STATEMENT,
        "who said what: a direct quotation or reported speech, from one article",
        (
            _ID,
            _NAME,
            _ARTICLE_SCOPED,
            Property("text", _S, "the quoted words, without quote marks", required=True),
            Property("sortText", _S, "text lower-cased (200 characters): the key of pages "
                     "ordered by text", required=True),
            Property("kind", _S, "direct or indirect", required=True),
            Property("when", _S, "ISO date when resolvable, else the words ('Thursday')"),
        ),
    ),
    NodeSpec(
        Label.MENTION,
        "a character span of one article: the evidence of every fact read there",
        (
            _ID,
            _NAME,
            _ARTICLE_SCOPED,
            Property("start", PropertyType.INTEGER, "offset of the first character", required=True),
            Property("end", PropertyType.INTEGER, "offset after the last character", required=True),
            Property("text", _S, "Article.text[start:end]", required=True),
            Property("sentence", _S, "the sentence it was read in"),
            Property("sentenceStart", PropertyType.INTEGER, "offset of the sentence"),
            Property("sentenceEnd", PropertyType.INTEGER, "offset after the sentence"),
        ),
    ),
)

_ENTITIES = (Label.PERSON, Label.ORGANISATION, Label.LOCATION)
_FACTS = (*_ENTITIES, Label.ROLE, Label.EVENT, Label.STATEMENT)
_ARTICLES_PROP = Property(
    "articles", PropertyType.STRING_LIST, "ids of the articles that assert it", required=True
)

RELATIONSHIPS: tuple[RelSpec, ...] = (
    RelSpec(RelType.HOLDS, (Label.PERSON,), (Label.ROLE,), "the person holds the role"),
    RelSpec(RelType.AT, (Label.ROLE,), (Label.ORGANISATION,), "the role is at the organisation"),
    RelSpec(RelType.AT, (Label.STATEMENT,), (Label.EVENT,), "the occasion of a statement"),
    RelSpec(RelType.IN, (Label.EVENT,), (Label.LOCATION,), "where the event happened"),
    RelSpec(
        RelType.INVOLVED,
        (Label.EVENT,),
        (Label.PERSON, Label.ORGANISATION),
        "a participant of the event",
        (Property("as", _S, "agent, subject, speaker, participant ...", required=True),),
    ),
    RelSpec(
        RelType.SAID, (Label.PERSON, Label.ORGANISATION), (Label.STATEMENT,), "who said it"
    ),
    RelSpec(RelType.TO, (Label.STATEMENT,), (Label.PERSON, Label.ORGANISATION), "the audience"),
    RelSpec(
        RelType.MENTIONS,
        (Label.STATEMENT,),
        _ENTITIES,
        "an entity named inside the statement's words (a mention within its span)",
    ),
    RelSpec(
        RelType.WITHIN,
        (Label.LOCATION,),
        (Label.LOCATION,),
        "containment",
        (_ARTICLES_PROP,),
    ),
    RelSpec(
        RelType.EVIDENCED_BY,
        _FACTS,
        (Label.MENTION,),
        "the span a fact was read in",
        (
            Property("aliases", PropertyType.STRING_LIST,
                     "entities only: the names this article used for it"),
            Property("keys", PropertyType.STRING_LIST, "entities only: slugs of those names"),
            Property("honorific", _S, "people only: the honorific this article used"),
            Property("kind", _S, "places only: the kind this article gave"),
            Property("latitude", PropertyType.FLOAT, "places only: as this article placed it"),
            Property("longitude", PropertyType.FLOAT, "places only: as this article placed it"),
            Property("wording", _S, "roles only: the wording this article used"),
            Property("status", _S, "roles only: current or former, as this article said"),
            Property("since", _S, "roles only: when it began as this article says "
                     "('appointed in 2017'), ISO year or year-month"),
            Property("asOf", _S, "roles only: the article's date (published, else its "
                     "latest event date), ISO"),
        ),
    ),
    RelSpec(
        RelType.IN_ROLE,
        (Label.STATEMENT,),
        (Label.ROLE,),
        "the role the speaker held, as the statement's own article states it (current)",
    ),
    RelSpec(RelType.FROM, (Label.MENTION,), (Label.ARTICLE,), "the article of the span"),
    RelSpec(
        RelType.SAME_AS,
        _ENTITIES,
        _ENTITIES,
        "two nodes marked as one by hand, never written by the loader (curation's merges "
        "are Decision nodes: graph/decisions.py)",
    ),
)


def node_spec(label: Label) -> NodeSpec:
    for spec in NODES:
        if spec.label is label:
            return spec
    raise KeyError(label)


_MENTION_KIND = Label.MENTION.kind


def mention_id(article: str, start: int, end: int) -> str:
    """Id of a span: ``mention_id("article/ab12", 10, 23)``; one per article and span."""
    return fact_id(_MENTION_KIND, article, start, end)


def role_id(person: str, title: str, organisation: str | None) -> str:
    """Id of a role from its holder, title and organisation (merged across articles)."""
    return fact_id(Label.ROLE.kind, person, title, organisation)


def caption(text: str, limit: int = CAPTION_LENGTH) -> str:
    """A one-line excerpt for a ``name`` caption: whole words, an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"

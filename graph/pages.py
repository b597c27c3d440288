"""Filtered, ordered pages of one kind of node, with keyset cursors and a total.

A page is read in one round trip: one subquery counts every match, the other
returns up to ``limit`` nodes after the keyset position ``(key, id)``. The sort
key comes from a whitelist (:class:`Order`) and each filter's condition from a
fixed table (``_FILTERS``); a query is those constant fragments joined, built
once per combination and cached, with every value a ``$parameter``. Paging by
keyset (not offset) means no item is lost or repeated between pages while the
ordering key of the rest is unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, LiteralString

from schema.labels import Label


class Order(StrEnum):
    """The orders a page may be sorted by; each names its key and direction."""

    NAME_ASC = "name_asc"
    NAME_DESC = "name_desc"
    TITLE_ASC = "title_asc"
    TITLE_DESC = "title_desc"
    DATE_ASC = "date_asc"
    DATE_DESC = "date_desc"
    KIND_ASC = "kind_asc"
    TEXT_ASC = "text_asc"
    PUBLISHED_ASC = "published_asc"
    PUBLISHED_DESC = "published_desc"
    HEADLINE_ASC = "headline_asc"


# Stored sort keys. Cypher cannot index an expression, so a page ordered by, say,
# ``toLower(n.name)`` had to read and sort every node of its label, which grows with
# the corpus. Each key below is that expression stored as a property: set by the
# writer as it writes the node (``graph.writer.merge``), filled in by the migrations
# on nodes written before it existed (``graph.migrations``), and range-indexed, so a
# page seeks the index from its cursor and reads about as many nodes as it returns.
# A key ends with the node's id after a U+0001 (below every character of a text), so
# keys are unique and order ties by id: a large group of ties (every undated event,
# every "spokesperson") is never read whole to sort it. Text is cut to its first 200
# characters (a range index refuses a value over ~8 KB), and '' stands for a missing
# value.


def _unique(value: LiteralString) -> LiteralString:
    return value + " + '\\u0001' + {v}.id"


def _text(prop: LiteralString) -> LiteralString:
    return _unique("left(toLower(coalesce({v}." + prop + ", '')), 200)")


#: Per label, its stored sort keys: property -> Cypher expression over the node ``{v}``.
SORT_KEYS: dict[Label, dict[LiteralString, LiteralString]] = {
    Label.PERSON: {"sortName": _text("name")},
    Label.ORGANISATION: {"sortName": _text("name")},
    Label.LOCATION: {"sortName": _text("name")},
    Label.ROLE: {"sortTitle": _text("title")},
    Label.EVENT: {"sortDate": _unique("coalesce({v}.date, '')")},
    Label.STATEMENT: {"sortText": _text("text")},
    Label.ARTICLE: {
        "sortPublished": _unique("coalesce(toString({v}.published), '')"),
        "sortHeadline": _text("headline"),
    },
}


def sort_key_assignments(label: Label, node: str) -> str:
    """``node.key = expression, ...``: the stored sort keys of a ``label`` node."""
    return ", ".join(
        f"{node}.{key} = {expression.format(v=node)}"
        for key, expression in SORT_KEYS[label].items()
    )


@dataclass(frozen=True, slots=True)
class OrderKey:
    """How an order sorts: ``expression`` over ``n`` (always a string), ``descending``, and
    whether the expression is a stored sort key (``indexed``: unique and range-indexed),
    which a page seeks from the keyset position instead of sorting every node."""

    expression: LiteralString
    descending: bool
    indexed: bool = False


_ORDER_KEYS: dict[Order, OrderKey] = {
    Order.NAME_ASC: OrderKey("n.sortName", False, indexed=True),
    Order.NAME_DESC: OrderKey("n.sortName", True, indexed=True),
    Order.TITLE_ASC: OrderKey("n.sortTitle", False, indexed=True),
    Order.TITLE_DESC: OrderKey("n.sortTitle", True, indexed=True),
    Order.DATE_ASC: OrderKey("n.sortDate", False, indexed=True),
    Order.DATE_DESC: OrderKey("n.sortDate", True, indexed=True),
    Order.KIND_ASC: OrderKey("coalesce(n.kind, '')", False),
    Order.TEXT_ASC: OrderKey("n.sortText", False, indexed=True),
    Order.PUBLISHED_ASC: OrderKey("n.sortPublished", False, indexed=True),
    Order.PUBLISHED_DESC: OrderKey("n.sortPublished", True, indexed=True),
    Order.HEADLINE_ASC: OrderKey("n.sortHeadline", False, indexed=True),
}

_IN_ARTICLE: LiteralString = "EXISTS { (n)-[:EVIDENCED_BY]->(:Mention {article: $article}) }"
_NAME_EQUALS: LiteralString = (
    "(toLower(n.name) = $nameEquals "
    "OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) = $nameEquals))"
)
_NAME_CONTAINS: LiteralString = (
    "(toLower(n.name) CONTAINS $nameContains "
    "OR any(alias IN coalesce(n.aliases, []) WHERE toLower(alias) CONTAINS $nameContains))"
)

# Per label, the condition each filter adds (keyed by its parameter's name). Only
# the filters a request uses are joined into its WHERE clause, so each
# combination is a query of its own, planned once and cached by the server.
_FILTERS: dict[Label, dict[str, LiteralString]] = {
    Label.PERSON: {
        "nameEquals": _NAME_EQUALS,
        "nameContains": _NAME_CONTAINS,
        "article": _IN_ARTICLE,
        "organisation": (
            "EXISTS { (n)-[:HOLDS]->(:Role)-[:AT]->(:Organisation {id: $organisation}) }"
        ),
    },
    Label.ORGANISATION: {
        "nameEquals": _NAME_EQUALS,
        "nameContains": _NAME_CONTAINS,
        "article": _IN_ARTICLE,
    },
    Label.LOCATION: {
        "nameEquals": _NAME_EQUALS,
        "nameContains": _NAME_CONTAINS,
        "article": _IN_ARTICLE,
        "kind": "n.kind = $kind",
        "location": "EXISTS { (n)-[:WITHIN]->+(:Location {id: $location}) }",
    },
    Label.ROLE: {
        "nameEquals": "toLower(n.title) = $nameEquals",
        "nameContains": "toLower(n.title) CONTAINS $nameContains",
        "status": "n.status = $status",
        "article": _IN_ARTICLE,
        "person": "EXISTS { (:Person {id: $person})-[:HOLDS]->(n) }",
        "organisation": "EXISTS { (n)-[:AT]->(:Organisation {id: $organisation}) }",
    },
    Label.EVENT: {
        "kind": "n.kind = $kind",
        "nameContains": "toLower(n.summary) CONTAINS $nameContains",
        "dateFrom": "n.date >= $dateFrom",
        "dateTo": "n.date <= $dateTo",
        "article": _IN_ARTICLE,
        "location": (
            "EXISTS { (n)-[:IN]->(:Location)-[:WITHIN]->*(:Location {id: $location}) }"
        ),
        "person": (
            "(EXISTS { (n)-[:INVOLVED]->(:Person {id: $person}) } "
            "OR EXISTS { (n)-[:INVOLVED]->(:Organisation {id: $person}) })"
        ),
        "organisation": "EXISTS { (n)-[:INVOLVED]->(:Organisation {id: $organisation}) }",
    },
    Label.STATEMENT: {
        "kind": "n.kind = $kind",
        "nameContains": "toLower(n.text) CONTAINS $nameContains",
        "article": _IN_ARTICLE,
        "speaker": (
            "(EXISTS { (:Person {id: $speaker})-[:SAID]->(n) } "
            "OR EXISTS { (:Organisation {id: $speaker})-[:SAID]->(n) })"
        ),
        "audience": (
            "(EXISTS { (n)-[:TO]->(:Person {id: $audience}) } "
            "OR EXISTS { (n)-[:TO]->(:Organisation {id: $audience}) })"
        ),
        "event": "EXISTS { (n)-[:AT]->(:Event {id: $event}) }",
        "about": "EXISTS { (n)-[:MENTIONS]->(m) WHERE m.id = $about }",
        "organisation": (
            "(EXISTS { (:Organisation {id: $organisation})-[:SAID]->(n) } OR EXISTS "
            "{ (:Organisation {id: $organisation})<-[:AT]-(:Role)<-[:HOLDS]-(:Person)"
            "-[:SAID]->(n) })"
        ),
    },
    Label.ARTICLE: {
        "nameContains": "toLower(n.headline) CONTAINS $nameContains",
        "source": "toLower(n.source) = $source",
        "publishedFrom": "n.published >= $publishedFrom",
        "publishedTo": "n.published <= $publishedTo",
        "about": "EXISTS { (n)<-[:FROM]-(:Mention)<-[:EVIDENCED_BY]-(f) WHERE f.id = $about }",
    },
}

#: The orders each label accepts (the first is the default).
ORDERS: dict[Label, tuple[Order, ...]] = {
    Label.PERSON: (Order.NAME_ASC, Order.NAME_DESC),
    Label.ORGANISATION: (Order.NAME_ASC, Order.NAME_DESC),
    Label.LOCATION: (Order.NAME_ASC, Order.NAME_DESC),
    Label.ROLE: (Order.TITLE_ASC, Order.TITLE_DESC),
    Label.EVENT: (Order.DATE_ASC, Order.DATE_DESC, Order.KIND_ASC),
    Label.STATEMENT: (Order.TEXT_ASC,),
    Label.ARTICLE: (Order.PUBLISHED_DESC, Order.PUBLISHED_ASC, Order.HEADLINE_ASC),
}


# A filter that names one node by id can start the match at that node instead of scanning
# every node of the label: per (label, filter), the pattern from the named node (whose
# label its id tells) to ``n``. The filter's condition still applies as well.
_ANCHORS: dict[tuple[Label, str], dict[Label, LiteralString]] = {
    (Label.STATEMENT, "speaker"): {
        Label.PERSON: "(:Person {id: $speaker})-[:SAID]->(n:Statement)",
        Label.ORGANISATION: "(:Organisation {id: $speaker})-[:SAID]->(n:Statement)",
    },
    (Label.STATEMENT, "audience"): {
        Label.PERSON: "(:Person {id: $audience})<-[:TO]-(n:Statement)",
        Label.ORGANISATION: "(:Organisation {id: $audience})<-[:TO]-(n:Statement)",
    },
    (Label.STATEMENT, "event"): {Label.EVENT: "(:Event {id: $event})<-[:AT]-(n:Statement)"},
    (Label.PERSON, "organisation"): {
        Label.ORGANISATION: "(:Organisation {id: $organisation})<-[:AT]-(:Role)<-[:HOLDS]-"
                            "(n:Person)",
    },
    (Label.ROLE, "person"): {Label.PERSON: "(:Person {id: $person})-[:HOLDS]->(n:Role)"},
    (Label.ROLE, "organisation"): {
        Label.ORGANISATION: "(:Organisation {id: $organisation})<-[:AT]-(n:Role)",
    },
    (Label.EVENT, "person"): {
        Label.PERSON: "(:Person {id: $person})<-[:INVOLVED]-(n:Event)",
        Label.ORGANISATION: "(:Organisation {id: $person})<-[:INVOLVED]-(n:Event)",
    },
    (Label.EVENT, "organisation"): {
        Label.ORGANISATION: "(:Organisation {id: $organisation})<-[:INVOLVED]-(n:Event)",
    },
}


def anchor(label: Label, values: dict[str, Any], label_of: Any) -> LiteralString | None:
    """The pattern to start a page of ``label`` at, for the first filter in ``values`` that
    names a node by id (``label_of`` tells an id's label); None: scan the label."""
    for name in sorted(values):
        patterns = _ANCHORS.get((label, name))
        if patterns is None:
            continue
        found = patterns.get(label_of(values[name]))
        if found is not None:
            return found
    return None


def filter_condition(label: Label, name: str) -> LiteralString:
    """The condition of one filter of a label (KeyError for one it does not have)."""
    return _FILTERS[label][name]


def filter_names(label: Label) -> frozenset[str]:
    """The names of the filters a label accepts (their parameters' names)."""
    return frozenset(_FILTERS[label])


def order_key(order: Order) -> OrderKey:
    """How an order sorts: its key expression over ``n``, direction, and index."""
    return _ORDER_KEYS[order]


@dataclass(frozen=True, slots=True)
class Keyset:
    """A position in an ordered page: the sort key and id of the last item seen."""

    key: str
    id: str


@dataclass(frozen=True, slots=True)
class NodeFilter:
    """Every filter a page may use; None means "any". Text filters are case-insensitive."""

    name_equals: str | None = None  # name or alias (title for roles)
    name_contains: str | None = None  # name/alias, title, summary, text or headline
    kind: str | None = None
    status: str | None = None
    article: str | None = None
    person: str | None = None
    organisation: str | None = None
    location: str | None = None  # a Location id: the place itself or one within it
    speaker: str | None = None
    audience: str | None = None
    event: str | None = None
    about: str | None = None  # an entity a statement mentions / an article supports
    source: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None

    def parameters(self) -> dict[str, Any]:
        def lower(value: str | None) -> str | None:
            return value.lower() if value is not None else None

        return {
            "nameEquals": lower(self.name_equals),
            "nameContains": lower(self.name_contains),
            "kind": self.kind,
            "status": self.status,
            "article": self.article,
            "person": self.person,
            "organisation": self.organisation,
            "location": self.location,
            "speaker": self.speaker,
            "audience": self.audience,
            "event": self.event,
            "about": self.about,
            "source": lower(self.source),
            "dateFrom": self.date_from,
            "dateTo": self.date_to,
            "publishedFrom": self.published_from,
            "publishedTo": self.published_to,
        }

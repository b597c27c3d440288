"""One Cypher statement for one root field of a GraphQL query, reading only what it asks.

The API describes what a root field selects as a tree of :class:`Pick` (field
names as the schema spells them, what each selects, which parameter holds a
nested list's page size); this module turns the tree into one statement:
nested lists become ``COLLECT {}`` subqueries with their own order and
``LIMIT``, single references ``head(COLLECT {...})``, and every node is
projected into a map with only the selected fields, keyed ``f0``, ``f1`` ...
in the order of the picks (a client's alias never reaches the text).
A node of a union or interface is a ``CASE`` over its labels whose maps also
carry ``t``, the type's name.

Everything that varies comes from tables keyed by (type, field): a field the
tables do not know is :class:`~graph.errors.UnsupportedSelection`; labels and relationship types are
those of :mod:`schema.labels`, sort keys those of :mod:`graph.pages`; values
are ``$parameters``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.errors import UnsupportedSelection
from graph.pages import ORDERS, Order, filter_condition, order_key
from schema import model
from schema.labels import Label


@dataclass(frozen=True, slots=True)
class PageWants:
    """What a connection asks for: its total, its rows (nodes, edges or cursors)."""

    total: bool
    rows: bool


@dataclass(frozen=True, slots=True)
class Pick:
    """One selected field: ``name`` as the schema spells it (``dateText``, ``__typename``);
    for an object field, what it selects per concrete type (``variants``, one entry for a
    plain object type, several for a union or interface); for a paged list, the parameter
    that holds its page size."""

    name: str
    variants: tuple[tuple[str, tuple[Pick, ...]], ...] = ()
    first: str | None = None
    page: PageWants | None = None  # a nested connection: what it asks for

    @property
    def polymorphic(self) -> bool:
        return len(self.variants) > 1 or any(t not in _CONCRETE for t, _ in self.variants)


def _enum_case(expr: str, enum: type[model.RoleStatus] | type[model.StatementKind],
               default: str) -> str:
    whens = " ".join(f"WHEN '{m.value}' THEN '{m.name}'" for m in enum)
    return f"CASE {expr} {whens} ELSE '{default}' END"


_NAME = "coalesce({v}.name, {v}.id)"
_ALIASES = "coalesce({v}.aliases, [])"

# (type, field) -> the expression of a scalar field over the node variable {v}.
_SCALARS: dict[tuple[str, str], str] = {
    ("Person", "id"): "{v}.id",
    ("Person", "name"): _NAME,
    ("Person", "aliases"): _ALIASES,
    ("Person", "honorific"): "{v}.honorific",
    ("Person", "anonymous"): "coalesce({v}.anonymous, false)",
    ("Organisation", "id"): "{v}.id",
    ("Organisation", "name"): _NAME,
    ("Organisation", "aliases"): _ALIASES,
    ("Location", "id"): "{v}.id",
    ("Location", "name"): _NAME,
    ("Location", "aliases"): _ALIASES,
    ("Location", "kind"): "{v}.kind",
    ("Location", "latitude"): "toFloat({v}.latitude)",
    ("Location", "longitude"): "toFloat({v}.longitude)",
    ("Role", "id"): "{v}.id",
    ("Role", "title"): "coalesce({v}.title, '')",
    ("Role", "wording"): (
        "coalesce(CASE WHEN {v}.wording IS :: LIST<ANY> THEN {v}.wording[0] "
        "ELSE {v}.wording END, {v}.title, '')"
    ),
    ("Role", "status"): _enum_case("{v}.status", model.RoleStatus, "CURRENT"),
    ("Event", "id"): "{v}.id",
    ("Event", "kind"): "coalesce({v}.kind, 'event')",
    ("Event", "summary"): "coalesce({v}.summary, '')",
    ("Event", "date"): "{v}.date",
    ("Event", "dateText"): "{v}.dateText",
    ("Statement", "id"): "{v}.id",
    ("Statement", "text"): "coalesce({v}.text, '')",
    ("Statement", "kind"): _enum_case("{v}.kind", model.StatementKind, "DIRECT"),
    ("Statement", "when"): "{v}.when",
    ("Article", "id"): "{v}.id",
    ("Article", "headline"): "{v}.headline",
    ("Article", "url"): "{v}.url",
    ("Article", "published"): "toString({v}.published)",
    ("Article", "source"): "{v}.source",
    ("Article", "checksum"): "coalesce({v}.checksum, '')",
    ("Article", "text"): "coalesce({v}.text, '')",
    ("Evidence", "start"): "coalesce({v}.start, 0)",
    ("Evidence", "end"): "coalesce({v}.end, {v}.start, 0)",
    ("Evidence", "text"): "coalesce({v}.text, '')",
    ("Evidence", "sentence"): "coalesce({v}.sentence, '')",
    ("Evidence", "sentenceStart"): "coalesce({v}.sentenceStart, {v}.start, 0)",
    ("Evidence", "sentenceEnd"): "coalesce({v}.sentenceEnd, {v}.end, {v}.start, 0)",
    ("Participant", "role"): "coalesce({r}.as, 'participant')",
}

_CONCRETE = frozenset(label.value for label in Label if label is not Label.MENTION) | {
    "Evidence", "Participant",
}
_AGENTS = (Label.PERSON, Label.ORGANISATION)


@dataclass(frozen=True, slots=True)
class _Rel:
    """A field one pattern away: ``({a})...({b})``, the target's label (None: any), a list
    (ordered, paged) or a single node."""

    pattern: str
    target: Label | None
    many: bool = True
    agents_only: bool = False


_TO_ARTICLE = "({a})-[:EVIDENCED_BY]->(:Mention)-[:FROM]->({b}:Article)"
_FROM_ARTICLE = "({a})<-[:FROM]-(:Mention)<-[:EVIDENCED_BY]-({b}:%s)"

_RELATIONS: dict[tuple[str, str], _Rel] = {
    ("Person", "roles"): _Rel("({a})-[:HOLDS]->({b}:Role)", Label.ROLE),
    ("Person", "statements"): _Rel("({a})-[:SAID]->({b}:Statement)", Label.STATEMENT),
    ("Person", "addressedBy"): _Rel("({a})<-[:TO]-({b}:Statement)", Label.STATEMENT),
    ("Person", "mentionedIn"): _Rel("({a})<-[:MENTIONS]-({b}:Statement)", Label.STATEMENT),
    ("Person", "events"): _Rel("({a})<-[:INVOLVED]-({b}:Event)", Label.EVENT),
    ("Person", "articles"): _Rel(_TO_ARTICLE, Label.ARTICLE),
    ("Organisation", "roles"): _Rel("({a})<-[:AT]-({b}:Role)", Label.ROLE),
    ("Organisation", "statements"): _Rel("({a})-[:SAID]->({b}:Statement)", Label.STATEMENT),
    ("Organisation", "addressedBy"): _Rel("({a})<-[:TO]-({b}:Statement)", Label.STATEMENT),
    ("Organisation", "mentionedIn"): _Rel(
        "({a})<-[:MENTIONS]-({b}:Statement)", Label.STATEMENT
    ),
    ("Organisation", "events"): _Rel("({a})<-[:INVOLVED]-({b}:Event)", Label.EVENT),
    ("Organisation", "articles"): _Rel(_TO_ARTICLE, Label.ARTICLE),
    ("Location", "within"): _Rel("({a})-[:WITHIN]->({b}:Location)", Label.LOCATION, many=False),
    ("Location", "contains"): _Rel("({a})<-[:WITHIN]-({b}:Location)", Label.LOCATION),
    ("Location", "events"): _Rel("({a})<-[:IN]-({b}:Event)", Label.EVENT),
    ("Location", "mentionedIn"): _Rel("({a})<-[:MENTIONS]-({b}:Statement)", Label.STATEMENT),
    ("Location", "articles"): _Rel(_TO_ARTICLE, Label.ARTICLE),
    ("Role", "person"): _Rel("({b}:Person)-[:HOLDS]->({a})", Label.PERSON, many=False),
    ("Role", "organisation"): _Rel(
        "({a})-[:AT]->({b}:Organisation)", Label.ORGANISATION, many=False
    ),
    ("Role", "articles"): _Rel(_TO_ARTICLE, Label.ARTICLE),
    ("Event", "location"): _Rel("({a})-[:IN]->({b}:Location)", Label.LOCATION, many=False),
    ("Event", "statements"): _Rel("({a})<-[:AT]-({b}:Statement)", Label.STATEMENT),
    ("Event", "mentionedIn"): _Rel("({a})<-[:MENTIONS]-({b}:Statement)", Label.STATEMENT),
    ("Event", "articles"): _Rel(_TO_ARTICLE, Label.ARTICLE),
    ("Statement", "speaker"): _Rel("({b})-[:SAID]->({a})", None, many=False, agents_only=True),
    ("Statement", "audience"): _Rel("({a})-[:TO]->({b})", None, many=False, agents_only=True),
    ("Statement", "occasion"): _Rel("({a})-[:AT]->({b}:Event)", Label.EVENT, many=False),
    ("Statement", "mentions"): _Rel("({a})-[:MENTIONS]->({b})", None),
    ("Statement", "articles"): _Rel(_TO_ARTICLE, Label.ARTICLE),
    ("Article", "people"): _Rel(_FROM_ARTICLE % "Person", Label.PERSON),
    ("Article", "organisations"): _Rel(_FROM_ARTICLE % "Organisation", Label.ORGANISATION),
    ("Article", "locations"): _Rel(_FROM_ARTICLE % "Location", Label.LOCATION),
    ("Article", "roles"): _Rel(_FROM_ARTICLE % "Role", Label.ROLE),
    ("Article", "events"): _Rel(_FROM_ARTICLE % "Event", Label.EVENT),
    ("Article", "statements"): _Rel(_FROM_ARTICLE % "Statement", Label.STATEMENT),
}

# The order of a nested list (stable: the id breaks ties), over the node variable {v}.
_NESTED_ORDER: dict[Label | None, str] = {
    Label.ARTICLE: "{v}.published DESC, {v}.id",
    Label.PERSON: "{v}.name, {v}.id",
    Label.ORGANISATION: "{v}.name, {v}.id",
    Label.LOCATION: "{v}.name, {v}.id",
    Label.ROLE: "{v}.title, {v}.id",
    Label.EVENT: "coalesce({v}.date, '9999'), {v}.id",
    Label.STATEMENT: (
        "head([({v})-[:EVIDENCED_BY]->({m}:Mention) | [{m}.article, {m}.start]]), {v}.id"
    ),
    None: "{v}.id",
}

_NODE_TYPES = tuple(label.value for label in Label if label is not Label.MENTION)

# The keyset of a nested connection per label: a string key over {v} (the id breaks
# ties) and whether it runs descending. Statements run in reading order (the article
# and offset of their first evidence), articles newest first.
_CONNECTION_KEYS: dict[Label, tuple[str, bool]] = {
    Label.ARTICLE: ("coalesce(toString({v}.published), '')", True),
    Label.PERSON: ("toLower(coalesce({v}.name, ''))", False),
    Label.ORGANISATION: ("toLower(coalesce({v}.name, ''))", False),
    Label.LOCATION: ("toLower(coalesce({v}.name, ''))", False),
    Label.ROLE: ("toLower(coalesce({v}.title, ''))", False),
    Label.EVENT: ("coalesce({v}.date, '9999')", False),
    Label.STATEMENT: (
        "coalesce(head(COLLECT {{ MATCH ({v})-[:EVIDENCED_BY]->({m}:Mention) "
        "RETURN coalesce({m}.article, '') + ':' + right('0000000000' + toString(coalesce("
        "{m}.start, 0)), 10) AS {m}at ORDER BY {m}at LIMIT 1 }}), '')",
        False,
    ),
}
CONNECTION_SUFFIX = "Connection"


def connection_fields() -> tuple[tuple[str, str], ...]:
    """The (type, list field) pairs that also have a ``...Connection`` field."""
    return tuple(key for key, rel in _RELATIONS.items()
                 if rel.many and rel.target is not None)


@dataclass(slots=True)
class _Text:
    """The statement being written: fresh variable names per nesting level."""

    depth: int = 0
    parts: list[str] = field(default_factory=list)

    def var(self, prefix: str) -> str:
        self.depth += 1
        return f"{prefix}{self.depth}"


def _projection(text: _Text, var: str, type_name: str, picks: tuple[Pick, ...],
                rel_var: str | None = None) -> str:
    entries = []
    for i, pick in enumerate(picks):
        entries.append(f"f{i}: {_field(text, var, type_name, pick, rel_var)}")
    return "{" + ", ".join(entries) + "}"


def _tagged(text: _Text, var: str, variants: tuple[tuple[str, tuple[Pick, ...]], ...],
            allowed: tuple[str, ...] | None = None) -> str:
    """A node of a union or interface: a CASE over its labels, each map tagged ``t``."""
    whens = []
    for type_name, picks in variants:
        if type_name not in _NODE_TYPES or (allowed is not None and type_name not in allowed):
            continue
        body = _projection(text, var, type_name, picks)
        tag = f"t: '{Label(type_name).value}'"
        body = "{" + tag + (", " + body[1:] if body != "{}" else "}")
        whens.append(f"WHEN {var}:{Label(type_name).value} THEN {body}")
    if not whens:
        return "null"
    return "CASE " + " ".join(whens) + " END"


def _node(text: _Text, var: str, pick: Pick, target: Label | None,
          agents_only: bool = False) -> str:
    if target is not None and not pick.polymorphic:
        type_name, picks = pick.variants[0]
        return _projection(text, var, type_name, picks)
    allowed = tuple(a.value for a in _AGENTS) if agents_only else None
    return _tagged(text, var, pick.variants, allowed)


def _field(text: _Text, var: str, type_name: str, pick: Pick, rel_var: str | None) -> str:
    name = pick.name
    if name == "__typename":
        return "null"  # known to the caller: the type, or the tag of a tagged map
    scalar = _SCALARS.get((type_name, name))
    if scalar is not None:
        return scalar.format(v=var, r=rel_var)
    if name == "evidence" and type_name in _NODE_TYPES and type_name != "Article":
        m = text.var("m")
        inner = _projection(text, m, "Evidence", pick.variants[0][1])
        return (f"COLLECT {{ MATCH ({var})-[:EVIDENCED_BY]->({m}:Mention) "
                f"WITH {m} ORDER BY {m}.article, {m}.start RETURN {inner} }}")
    if (type_name, name) == ("Evidence", "article"):
        a = text.var("a")
        inner = _node(text, a, pick, Label.ARTICLE)
        return f"head(COLLECT {{ MATCH ({a}:Article {{id: {var}.article}}) RETURN {inner} }})"
    if (type_name, name) == ("Event", "participants"):
        i, w = text.var("i"), text.var("w")
        inner = _projection(text, w, "Participant", pick.variants[0][1], rel_var=i)
        return (f"COLLECT {{ MATCH ({var})-[{i}:INVOLVED]->({w}) WHERE {w}.id IS NOT NULL "
                f"WITH {i}, {w} ORDER BY {w}.id, coalesce({i}.as, 'participant') "
                f"RETURN {inner} }}")
    if (type_name, name) == ("Participant", "entity"):
        return _node(text, var, pick, None, agents_only=True)
    if pick.page is not None:
        return _connection(text, var, type_name, pick)
    rel = _RELATIONS.get((type_name, name))
    if rel is None:
        raise UnsupportedSelection(f"{type_name}.{name}")
    b = text.var("n")
    pattern = rel.pattern.format(a=var, b=b)
    inner = _node(text, b, pick, rel.target, rel.agents_only)
    if not rel.many:
        where = f" WHERE {b}:Person OR {b}:Organisation" if rel.agents_only else ""
        return f"head(COLLECT {{ MATCH {pattern}{where} WITH {b} LIMIT 1 RETURN {inner} }})"
    if pick.first is None:
        raise UnsupportedSelection(f"{type_name}.{name} without a page size")
    order = _NESTED_ORDER[rel.target].format(v=b, m=text.var("m"))
    return (f"COLLECT {{ MATCH {pattern} WITH DISTINCT {b} ORDER BY {order} "
            f"LIMIT ${pick.first} RETURN {inner} }}")


def _connection(text: _Text, var: str, type_name: str, pick: Pick) -> str:
    """A nested connection: ``{t: total, r: rows of {k, i, n}, l: page size, p: whether
    it continues a previous page}``; its parameters are ``$<first>Limit`` (the page
    size plus one), ``$<first>Key`` and ``$<first>Id`` (the keyset, null for the start)."""
    base = pick.name.removesuffix(CONNECTION_SUFFIX)
    rel = _RELATIONS.get((type_name, base))
    if rel is None or not rel.many or rel.target is None or pick.page is None:
        raise UnsupportedSelection(f"{type_name}.{pick.name}")
    p = pick.first
    total = "null"
    if pick.page.total:
        c = text.var("n")
        total = (f"size(COLLECT {{ MATCH {rel.pattern.format(a=var, b=c)} "
                 f"RETURN DISTINCT {c} }})")
    rows = "[]"
    if pick.page.rows:
        b, k = text.var("n"), text.var("k")
        key_template, descending = _CONNECTION_KEYS[rel.target]
        key = key_template.format(v=b, m=text.var("m"))
        cmp, direction = ("<", " DESC") if descending else (">", "")
        inner = _node(text, b, pick, rel.target)
        rows = (f"COLLECT {{ MATCH {rel.pattern.format(a=var, b=b)} WITH DISTINCT {b} "
                f"WITH {b}, {key} AS {k} WHERE (${p}Id IS NULL OR {k} {cmp} ${p}Key "
                f"OR ({k} = ${p}Key AND {b}.id > ${p}Id)) "
                f"WITH {b}, {k} ORDER BY {k}{direction}, {b}.id LIMIT ${p}Limit "
                f"RETURN {{k: {k}, i: {b}.id, n: {inner}}} }}")
    return f"{{t: {total}, r: {rows}, l: ${p}Limit - 1, p: ${p}Id IS NOT NULL}}"


# --- root statements -----------------------------------------------------------


def node_by_id(label: Label, pick: Pick, *, tagged: bool = False) -> str:
    """One node of ``label`` by ``$id``, projected as ``node`` (no row: none); ``tagged``
    adds its type's name as ``t`` (for a field of an interface type)."""
    text = _Text()
    node = _tagged(text, "n0", pick.variants) if tagged else _node(text, "n0", pick, label)
    return f"MATCH (n0:{label.value} {{id: $id}}) RETURN {node} AS node LIMIT 1"


def page(label: Label, order: Order, filters: frozenset[str], pick: Pick,
         wants: PageWants, anchor: str | None = None, *, after: bool = True) -> str:
    """A page of ``label`` nodes: ``total`` (when asked) and ``rows`` of ``{k, i, n}``
    after the keyset ``($afterKey, $afterId)``, at most ``$limit`` of them; ``anchor``
    (from :func:`graph.pages.anchor`) starts the match at a node a filter names.

    ``after``: whether the page continues after a keyset (``False``: the first page,
    ``$afterKey`` and ``$afterId`` null). An order on a stored sort key (unique, ties
    already ordered by id) is a range seek of its index from ``$afterKey``, in index
    order, so a page reads about ``$limit`` nodes whatever the size of the graph; the
    other order (events by kind) sorts every match.
    """
    if order not in ORDERS[label]:
        raise UnsupportedSelection(f"{label.value} cannot be ordered by {order.value}")
    where = " AND ".join(filter_condition(label, name) for name in sorted(filters)) or "true"
    key = order_key(order)
    source = (f"MATCH {anchor} WITH DISTINCT n WHERE {where}" if anchor is not None
              else f"MATCH (n:{label.value}) WHERE {where}")
    parts = []
    if wants.total:
        parts.append(f"CALL () {{ {source} RETURN count(n) AS total }}")
    else:
        parts.append("WITH null AS total")
    if wants.rows:
        k = key.expression
        cmp = "<" if key.descending else ">"
        direction = " DESC" if key.descending else ""
        text = _Text()
        inner = _node(text, "n", pick, label)
        if key.indexed:  # a unique key: the keyset position is the key alone
            position = f"{k} {cmp} $afterKey" if after else f"{k} IS NOT NULL"
            parts.append(
                f"CALL () {{ {source} AND {position} "
                f"WITH n ORDER BY {k}{direction} LIMIT $limit "
                f"RETURN collect({{k: {k}, i: n.id, n: {inner}}}) AS rows }}"
            )
        else:
            parts.append(
                f"CALL () {{ {source} "
                f"WITH n, {k} AS k WHERE ($afterId IS NULL OR k {cmp} $afterKey "
                "OR (k = $afterKey AND n.id > $afterId)) "
                f"WITH n, k ORDER BY k{direction}, n.id LIMIT $limit "
                f"RETURN collect({{k: k, i: n.id, n: {inner}}}) AS rows }}"
            )
    else:
        parts.append("WITH total, [] AS rows")
    parts.append("RETURN total, rows")
    return " ".join(parts)


def search(pick: Pick, wants: PageWants) -> str:
    """Full-text hits of ``$query`` among ``$labels`` (null: any), best first, ``$skip``
    and ``$limit``; rows of ``{score, t, n}``.

    Only Lucene's best ``$window`` hits are read, and the best ``$most`` of the asked
    labels kept (``graph.search.WINDOW``), so a search costs the same in a graph of any
    size: ``total`` counts the kept hits, and pages go no deeper. The hits are read
    once, and counted and paged from the one list; ties in score are ordered by id.
    """
    hits = ("CALL db.index.fulltext.queryNodes('search', $query, {limit: $window}) "
            "YIELD node, score "
            "WHERE $labels IS NULL OR any(l IN labels(node) WHERE l IN $labels) "
            "WITH node, score ORDER BY score DESC, node.id LIMIT $most ")
    if not wants.rows:
        return f"{hits}RETURN count(node) AS total, [] AS rows"
    text = _Text()
    inner = _tagged(text, "n", pick.variants)
    kind = "CASE " + " ".join(
        f"WHEN n:{label} THEN '{label}'" for label in _NODE_TYPES) + " END"
    total = "size(hits)" if wants.total else "null"
    return (
        f"{hits}WITH collect({{n: node, s: score}}) AS hits "
        f"WITH {total} AS total, hits[$skip..$skip + $limit] AS page "
        "CALL (page) { UNWIND page AS hit WITH hit.n AS n, hit.s AS score "
        f"RETURN collect({{score: score, t: {kind}, n: {inner}}}) AS rows }} "
        "RETURN total, rows"
    )

"""Compile a root field's selection into one Cypher statement, and shape its rows.

:func:`root_plan` reads the field's selection (fragments, inline fragments,
aliases, ``@skip``/``@include``) against the schema into a :class:`graph.selection.Pick`
tree, which :mod:`graph.selection` turns into Cypher, and builds the *shaper* that
turns the statement's rows into the response: plain dicts for the fast executor
(:mod:`api.graphql.fast`), :class:`~api.graphql.rows.Row` objects and the
connection types for strawberry's own execution. A plan is built once per
(document, operation, root field) and bound to each request's arguments by
:meth:`RootPlan.bind`; a nested list's page size is a ``$parameter``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    BooleanValueNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_abstract_type,
    is_leaf_type,
)

from api.graphql.errors import InvalidArgument
from api.graphql.limits import Limits
from api.graphql.node import parse_id
from api.graphql.pagination import (
    NESTED_ORDER,
    Connection,
    Edge,
    PageInfo,
    encode_cursor,
    keyset_from_cursor,
    nested_keyset_from_cursor,
    offset_from_cursor,
    page_size,
)
from api.graphql.rows import Row
from graph import selection
from graph.pages import NodeFilter, Order, anchor, filter_names
from graph.reads import label_of_id
from graph.search import FILTERED_WINDOW, WINDOW, lucene_terms
from graph.selection import CONNECTION_SUFFIX, PageWants, Pick
from schema import model
from schema.labels import Label

Shaper = Callable[[Any], Any]
MAX_SEARCH_TEXT = 200

BY_ID: dict[str, Label] = {
    "person": Label.PERSON,
    "organisation": Label.ORGANISATION,
    "location": Label.LOCATION,
    "role": Label.ROLE,
    "event": Label.EVENT,
    "statement": Label.STATEMENT,
    "article": Label.ARTICLE,
}
PAGES: dict[str, Label] = {
    "people": Label.PERSON,
    "organisations": Label.ORGANISATION,
    "locations": Label.LOCATION,
    "roles": Label.ROLE,
    "events": Label.EVENT,
    "statements": Label.STATEMENT,
    "articles": Label.ARTICLE,
}
#: The root fields a plan can compile.
ROOTS = frozenset({"node", "search", *BY_ID, *PAGES})

# strawberry's execution wants Python values where the fast path sends JSON's.
_SLOW_VALUES: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("Role", "status"): lambda v: model.RoleStatus[v],
    ("Statement", "kind"): lambda v: model.StatementKind[v],
    ("Article", "published"): lambda v: dt.date.fromisoformat(v) if v else None,
}


def coerced(variables: Any) -> Mapping[str, Any]:
    """A resolver's variable values as a mapping (graphql-core may wrap them)."""
    values = getattr(variables, "coerced", variables)
    return values if isinstance(values, Mapping) else {}


class Uncompilable(Exception):
    """The selection has a part this compiler does not handle (strawberry runs it)."""


@dataclass(slots=True)
class _Reader:
    """Reads one selection: the document's fragments, the request's variables (for
    ``@skip``/``@include`` and nested ``first``), and the parameters it creates."""

    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    slow: bool
    firsts: list[tuple[str, object]] = field(default_factory=list)
    pages: list[tuple[str, object, object]] = field(default_factory=list)

    # --- collecting fields -------------------------------------------------------

    def _included(self, node: FieldNode | InlineFragmentNode | FragmentSpreadNode) -> bool:
        for directive in node.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            value: object = None
            for argument in directive.arguments or ():
                if argument.name.value == "if":
                    ast = argument.value
                    if isinstance(ast, BooleanValueNode):
                        value = ast.value
                    elif isinstance(ast, VariableNode):
                        value = self.variables.get(ast.name.value)
            if (name == "skip") == bool(value):
                return False
        return True

    def _applies(self, condition: str | None, concrete: GraphQLObjectType) -> bool:
        if condition is None or condition == concrete.name:
            return True
        outer = self.schema.get_type(condition)
        return outer is not None and is_abstract_type(outer) and self.schema.is_sub_type(
            outer, concrete
        )

    def collect(self, concrete: GraphQLObjectType, sets: list[SelectionSetNode],
                ) -> dict[str, list[FieldNode]]:
        fields: dict[str, list[FieldNode]] = {}
        for selection_set in sets:
            self._collect(concrete, selection_set, fields, set())
        return fields

    def _collect(self, concrete: GraphQLObjectType, selection_set: SelectionSetNode,
                 fields: dict[str, list[FieldNode]], seen: set[str]) -> None:
        for node in selection_set.selections:
            if not self._included(node):  # type: ignore[arg-type]
                continue
            if isinstance(node, FieldNode):
                key = node.alias.value if node.alias else node.name.value
                fields.setdefault(key, []).append(node)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else None
                if self._applies(condition, concrete):
                    self._collect(concrete, node.selection_set, fields, seen)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                seen.add(name)
                if self._applies(fragment.type_condition.name.value, concrete):
                    self._collect(concrete, fragment.selection_set, fields, seen)

    # --- picks and shapers ---------------------------------------------------------

    def concrete(self, type_: GraphQLObjectType, sets: list[SelectionSetNode],
                 offset: int = 0) -> tuple[tuple[Pick, ...], list[tuple[str, str | None,
                                                                        Shaper | None]]]:
        """The picks of one object type and the entries (response key, row key, value
        shaper) that read them back; keys start at ``f{offset}``."""
        picks: list[Pick] = []
        entries: list[tuple[str, str | None, Shaper | None]] = []
        for key, nodes in self.collect(type_, sets).items():
            name = nodes[0].name.value
            if name == "__typename":
                entries.append((key, None, None))
                continue
            definition = type_.fields.get(name)
            if definition is None:
                raise Uncompilable(f"{type_.name}.{name}")
            row_key = f"f{offset + len(picks)}"
            pick, shape = self.field(type_, name, definition, nodes)
            picks.append(pick)
            entries.append((key, row_key, shape))
        return tuple(picks), entries

    def field(self, parent: GraphQLObjectType, name: str, definition: GraphQLField,
              nodes: list[FieldNode]) -> tuple[Pick, Shaper | None]:
        target = get_named_type(definition.type)
        if is_leaf_type(target):
            if self.slow:
                return Pick(name), _SLOW_VALUES.get((parent.name, name))
            return Pick(name), _checker(definition.type)
        sets = [n.selection_set for n in nodes if n.selection_set is not None]
        if name.endswith(CONNECTION_SUFFIX) and isinstance(target, GraphQLObjectType):
            return self.nested_connection(name, target, sets, nodes[0])
        first = None
        if "first" in definition.args:
            first = f"p{len(self.firsts)}"
            self.firsts.append((first, _first_argument(nodes[0])))
        variants, shape = self.value(target, sets)
        many = isinstance(get_nullable_type(definition.type), GraphQLList)
        if many:
            return Pick(name, variants, first), _list_of(shape)
        return Pick(name, variants, first), shape

    def nested_connection(self, name: str, target: GraphQLObjectType,
                          sets: list[SelectionSetNode], node: FieldNode,
                          ) -> tuple[Pick, Shaper | None]:
        """A connection under a node: its picks (the node's, page and total flags) and the
        shaper of its ``{t, r, l, p}`` map; its ``first`` and ``after`` become parameters."""
        shape = _connection(self, target, sets)
        node_type = get_named_type(
            get_named_type(target.fields["edges"].type).fields["node"].type
        )
        prefix = f"c{len(self.pages)}"
        self.pages.append((prefix, _argument(node, "first"), _argument(node, "after")))
        pick = Pick(name, ((node_type.name, tuple(shape.node_picks)),), prefix,
                    PageWants(shape.total, shape.rows))
        slow = self.slow

        def cursor(row: Any) -> str:
            return encode_cursor({"o": NESTED_ORDER, "k": str(row["k"]), "i": row["i"]})

        def shape_connection(raw: Any) -> Any:
            return _answer(shape, raw["t"], raw["r"] or [], raw["l"], raw["p"], cursor, slow)

        return pick, shape_connection

    def value(self, target: GraphQLNamedType, sets: list[SelectionSetNode],
              ) -> tuple[tuple[tuple[str, tuple[Pick, ...]], ...], Shaper]:
        """The variants of an object, union or interface type and the shaper of one value."""
        if isinstance(target, GraphQLObjectType):
            picks, entries = self.concrete(target, sets)
            return ((target.name, picks),), self._object(target.name, entries)
        if not is_abstract_type(target):
            raise Uncompilable(target.name)
        variants = []
        shapers: dict[str, Shaper] = {}
        for concrete in self.schema.get_possible_types(target):
            picks, entries = self.concrete(concrete, sets)
            variants.append((concrete.name, picks))
            shapers[concrete.name] = self._object(concrete.name, entries)

        def tagged(raw: Any) -> Any:
            if raw is None:
                return None
            shape = shapers.get(raw["t"])
            return shape(raw) if shape is not None else None

        return tuple(variants), tagged

    def _object(self, type_name: str,
                entries: list[tuple[str, str | None, Shaper | None]]) -> Shaper:
        slow = self.slow

        def shape(raw: Any) -> Any:
            if raw is None:
                return None
            out: dict[str, Any] = {}
            for key, row_key, sub in entries:
                if row_key is None:
                    out[key] = type_name
                elif sub is None:
                    out[key] = raw[row_key]
                else:
                    out[key] = sub(raw[row_key])
            return Row(type_name, out) if slow else out

        return shape


class BadValue(Exception):
    """A value read from the graph does not fit its field's type (strawberry's execution
    then reports it as the error it is)."""


_SCALAR_TYPES: dict[str, tuple[type, ...]] = {
    "Int": (int,),
    "Float": (float, int),
    "String": (str,),
    "ID": (str,),
    "Boolean": (bool,),
    "Date": (str,),
}


def _checker(type_: Any) -> Shaper:
    """A leaf value as read, checked against its GraphQL type (BadValue when it does not
    fit): non-null, the scalar's Python type, each item of a list."""
    nullable = not isinstance(type_, GraphQLNonNull)
    inner = get_nullable_type(type_)
    if isinstance(inner, GraphQLList):
        item = _checker(inner.of_type)

        def check_list(value: Any) -> Any:
            if value is None:
                if nullable:
                    return None
                raise BadValue("null for a non-null list")
            if not isinstance(value, list):
                raise BadValue(f"not a list: {value!r}")
            for v in value:
                item(v)
            return value

        return check_list
    kinds = _SCALAR_TYPES.get(get_named_type(inner).name, (str,))
    exclude_bool = bool not in kinds

    def check(value: Any) -> Any:
        if value is None:
            if nullable:
                return None
            raise BadValue("null for a non-null field")
        if not isinstance(value, kinds) or (exclude_bool and isinstance(value, bool)):
            raise BadValue(f"{value!r} is not a {kinds[0].__name__}")
        return value

    return check


def _argument(node: FieldNode, name: str) -> object:
    """A nested field's argument as written: an int, a string, a VariableNode, or None."""
    for argument in node.arguments or ():
        if argument.name.value == name:
            value = argument.value
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, StringValueNode):
                return value.value
            if isinstance(value, VariableNode):
                return value
            return None
    return None


def _first_argument(node: FieldNode) -> object:
    """A nested list's ``first`` as written: an int, a VariableNode, or None."""
    return _argument(node, "first")


def _list_of(shape: Shaper) -> Shaper:
    def shape_list(raw: Any) -> Any:
        if raw is None:
            return []
        out = []
        for item in raw:
            value = shape(item)
            if value is not None:
                out.append(value)
        return out

    return shape_list


# --- connections -------------------------------------------------------------------


@dataclass(slots=True)
class _ConnectionShape:
    """What a connection's selection asks for, and how to answer it."""

    total: bool = False
    rows: bool = False
    node_picks: list[Pick] = field(default_factory=list)
    # (response key, what): what is 'totalCount', 'pageInfo', 'edges', 'nodes', '__typename'
    entries: list[tuple[str, str, Any]] = field(default_factory=list)


def _connection(reader: _Reader, connection: GraphQLObjectType, sets: list[SelectionSetNode],
                ) -> _ConnectionShape:
    out = _ConnectionShape()
    edge_type = get_named_type(connection.fields["edges"].type)
    node_type = get_named_type(edge_type.fields["node"].type)
    for key, nodes in reader.collect(connection, sets).items():
        name = nodes[0].name.value
        sub_sets = [n.selection_set for n in nodes if n.selection_set is not None]
        if name == "totalCount":
            out.total = True
            out.entries.append((key, name, None))
        elif name == "pageInfo":
            out.rows = True
            info_type = get_named_type(connection.fields["pageInfo"].type)
            keys = [(k, ns[0].name.value) for k, ns in
                    reader.collect(info_type, sub_sets).items()]
            out.entries.append((key, name, keys))
        elif name in ("edges", "nodes"):
            out.rows = True
            if name == "edges":
                edge_sets = reader.collect(edge_type, sub_sets)
                parts: list[tuple[str, str, Any]] = []
                for edge_key, edge_nodes in edge_sets.items():
                    edge_name = edge_nodes[0].name.value
                    if edge_name == "node":
                        inner = [n.selection_set for n in edge_nodes if n.selection_set]
                        parts.append((edge_key, edge_name, _node_part(reader, out, node_type,
                                                                       inner)))
                    elif edge_name == "__typename":
                        parts.append((edge_key, edge_name, edge_type.name))
                    else:
                        parts.append((edge_key, edge_name, None))
                out.entries.append((key, name, parts))
            else:
                out.entries.append((key, name, _node_part(reader, out, node_type, sub_sets)))
        elif name == "__typename":
            out.entries.append((key, name, connection.name))
        else:
            raise Uncompilable(f"{connection.name}.{name}")
    return out


def _node_part(reader: _Reader, out: _ConnectionShape, node_type: Any,
               sets: list[SelectionSetNode]) -> Shaper:
    """The picks of a connection's nodes (appended to the shared row) and their shaper."""
    if isinstance(node_type, GraphQLObjectType) and node_type.name != "SearchHit":
        picks, entries = reader.concrete(node_type, sets, offset=len(out.node_picks))
        out.node_picks.extend(picks)
        return reader._object(node_type.name, entries)
    # A search hit: score and kind from the row, its node a tagged map of its own.
    hit_type = node_type
    fields = reader.collect(hit_type, sets)
    hit_entries: list[tuple[str, str, Shaper | None]] = []
    for key, nodes in fields.items():
        name = nodes[0].name.value
        if name == "node":
            inner_sets = [n.selection_set for n in nodes if n.selection_set is not None]
            variants, shape = reader.value(get_named_type(hit_type.fields["node"].type), inner_sets)
            out.node_picks.append(Pick("node", variants))
            hit_entries.append((key, "n", shape))
        elif name in ("score", "kind", "__typename"):
            hit_entries.append((key, name, None))
        else:
            raise Uncompilable(f"SearchHit.{name}")
    slow = reader.slow

    def shape_hit(raw: Any) -> Any:
        hit: dict[str, Any] = {}
        for key, name, sub in hit_entries:
            if name == "n":
                hit[key] = sub(raw["n"]) if sub is not None else None
            elif name == "score":
                hit[key] = float(raw["score"])
            elif name == "kind":
                hit[key] = raw["t"].upper()
            else:
                hit[key] = "SearchHit"
        return Row("SearchHit", hit) if slow else hit

    return shape_hit


# --- a root field -------------------------------------------------------------------


@dataclass(slots=True)
class Bound:
    """A root field ready to run: the statement, its parameters, how to read the answer."""

    statement: str
    parameters: dict[str, Any]
    read: Callable[[list[Any]], Any]


@dataclass(slots=True)
class RootPlan:
    """One root field compiled: bind it to a request's arguments to get a :class:`Bound`."""

    name: str
    key: str
    pick: Pick | None
    firsts: list[tuple[str, object]]
    shape: Shaper | None
    connection: _ConnectionShape | None
    slow: bool
    pages: list[tuple[str, object, object]] = field(default_factory=list)
    texts: dict[object, str] = field(default_factory=dict)

    def _nested(self, variables: Mapping[str, Any], limits: Limits) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for param, given in self.firsts:
            value = variables.get(given.name.value) if isinstance(given, VariableNode) else given
            first = value if isinstance(value, int) and not isinstance(value, bool) else None
            if self.slow:  # strawberry checks it at the field's own path
                maximum = limits.max_nested
                values[param] = (limits.default_nested if first is None
                                 else min(max(first, 0), maximum))
            else:
                values[param] = page_size(first, limits, nested=True)
        for prefix, first_given, after_given in self.pages:
            first_value = (variables.get(first_given.name.value)
                           if isinstance(first_given, VariableNode) else first_given)
            after_value = (variables.get(after_given.name.value)
                           if isinstance(after_given, VariableNode) else after_given)
            first = (first_value if isinstance(first_value, int)
                     and not isinstance(first_value, bool) else None)
            keyset = None
            if self.slow:  # strawberry checks both at the field's own path
                size = (limits.default_nested if first is None
                        else min(max(first, 1), limits.max_nested))
                if isinstance(after_value, str):
                    try:
                        keyset = nested_keyset_from_cursor(after_value)
                    except GraphQLError:
                        keyset = None
            else:
                size = page_size(first, limits, nested=True)
                if isinstance(after_value, str):
                    keyset = nested_keyset_from_cursor(after_value)
            values[f"{prefix}Limit"] = size + 1
            values[f"{prefix}Key"] = keyset.key if keyset else None
            values[f"{prefix}Id"] = keyset.id if keyset else None
        return values

    def bind(self, kwargs: Mapping[str, Any], variables: Mapping[str, Any],
             limits: Limits) -> Bound:
        """Check the arguments (ApiError for a bad one) and fill the parameters."""
        parameters = self._nested(variables, limits)
        if self.name in BY_ID or self.name == "node":
            node_id = str(kwargs["id"])
            label = parse_id(node_id, BY_ID[self.name]) if self.name in BY_ID else parse_id(
                node_id)
            text = self.texts.get(label)
            if text is None:
                assert self.pick is not None
                text = self.texts[label] = selection.node_by_id(
                    label, self._for(label), tagged=self.name == "node")
            parameters["id"] = node_id
            shape = self.shape
            assert shape is not None
            return Bound(text, parameters,
                         lambda records: shape(records[0]["node"]) if records else None)
        if self.name == "search":
            return self._search(kwargs, parameters, limits)
        return self._page(PAGES[self.name], kwargs, parameters, limits)

    def _for(self, label: Label) -> Pick:
        """The node pick narrowed to one label (for ``node(id:)``)."""
        assert self.pick is not None
        if self.name in BY_ID:
            return self.pick
        return Pick(self.pick.name, tuple(v for v in self.pick.variants if v[0] == label.value))

    def _page(self, label: Label, kwargs: Mapping[str, Any], parameters: dict[str, Any],
              limits: Limits) -> Bound:
        assert self.connection is not None
        limit = page_size(kwargs.get("first"), limits)
        order: Order = kwargs["order_by"].value
        after = kwargs.get("after")
        keyset = keyset_from_cursor(after, order) if after is not None else None
        flt = kwargs.get("filter")
        node_filter = flt.to_graph() if flt is not None else NodeFilter()
        values = {k: v for k, v in node_filter.parameters().items() if v is not None}
        unknown = set(values) - filter_names(label)
        if unknown:
            raise InvalidArgument(f"{label.value} cannot be filtered by {', '.join(unknown)}")
        names = frozenset(values)
        start = anchor(label, values, label_of_id)
        text_key = (order, names, start, keyset is not None)
        text = self.texts.get(text_key)
        if text is None:
            pick = Pick("nodes", ((label.value, tuple(self.connection.node_picks)),))
            wants = PageWants(self.connection.total, self.connection.rows)
            text = self.texts[text_key] = selection.page(
                label, order, names, pick, wants, start, after=keyset is not None)
        parameters.update(values)
        parameters.update(afterKey=keyset.key if keyset else None,
                          afterId=keyset.id if keyset else None, limit=limit + 1)
        connection = self.connection
        slow = self.slow

        def cursor(row: Any) -> str:
            return encode_cursor({"o": order.value, "k": str(row["k"]), "i": row["i"]})

        def read(records: list[Any]) -> Any:
            record = records[0]
            return _answer(connection, record["total"], record["rows"], limit,
                           keyset is not None, cursor, slow)

        return Bound(text, parameters, read)

    def _search(self, kwargs: Mapping[str, Any], parameters: dict[str, Any],
                limits: Limits) -> Bound:
        assert self.connection is not None
        limit = page_size(kwargs.get("first"), limits)
        text_arg: str = kwargs["text"]
        if not text_arg.strip() or len(text_arg) > MAX_SEARCH_TEXT:
            raise InvalidArgument(f"`text` must be 1 to {MAX_SEARCH_TEXT} characters.")
        after = kwargs.get("after")
        skip = offset_from_cursor(after) + 1 if after is not None else 0
        if skip >= WINDOW:
            raise InvalidArgument(
                f"Search results can be paged up to {WINDOW:,} hits deep: add words "
                "to the search text, or `kinds`, to narrow it.")
        query = lucene_terms(text_arg)
        if not any(ch.isalnum() or ch == "_" for ch in query):
            raise InvalidArgument("`text` search text must contain at least one word.")
        kinds = kwargs.get("kinds")
        text = self.texts.get("search")
        if text is None:
            pick = self.connection.node_picks[0] if self.connection.node_picks else Pick(
                "node", ())
            wants = PageWants(self.connection.total, self.connection.rows)
            text = self.texts["search"] = selection.search(pick, wants)
        parameters.update(query=query, skip=skip, limit=limit + 1, most=WINDOW,
                          window=FILTERED_WINDOW if kinds else WINDOW,
                          labels=[k.value.value for k in kinds] if kinds else None)
        connection = self.connection
        slow = self.slow

        def read(records: list[Any]) -> Any:
            record = records[0]
            rows = record["rows"]
            for i, row in enumerate(rows):
                row["s"] = skip + i
            return _answer(connection, record["total"], rows, limit, skip > 0,
                           lambda row: encode_cursor({"s": row["s"]}), slow)

        return Bound(text, parameters, read)


def _answer(connection: _ConnectionShape, total: Any, rows: list[Any], limit: int,
            has_previous: bool, cursor: Callable[[Any], str], slow: bool) -> Any:
    page = rows[:limit]
    has_next = len(rows) > limit
    if slow:
        return _slow_answer(connection, total, page, has_next, has_previous, cursor)
    out: dict[str, Any] = {}
    for key, what, detail in connection.entries:
        if what == "totalCount":
            out[key] = total
        elif what == "edges":
            edges = []
            for row in page:
                edge: dict[str, Any] = {}
                for edge_key, edge_name, shape in detail:
                    if edge_name == "node":
                        edge[edge_key] = shape(row if "score" in row else row["n"])
                    elif edge_name == "cursor":
                        edge[edge_key] = cursor(row)
                    elif edge_name == "__typename":
                        edge[edge_key] = shape
                    else:
                        raise Uncompilable(edge_name)
                edges.append(edge)
            out[key] = edges
        elif what == "nodes":
            out[key] = [detail(row if "score" in row else row["n"]) for row in page]
        elif what == "pageInfo":
            info: dict[str, Any] = {}
            for info_key, info_name in detail:
                if info_name == "hasNextPage":
                    info[info_key] = has_next
                elif info_name == "hasPreviousPage":
                    info[info_key] = has_previous
                elif info_name == "startCursor":
                    info[info_key] = cursor(page[0]) if page else None
                elif info_name == "endCursor":
                    info[info_key] = cursor(page[-1]) if page else None
                else:
                    info[info_key] = "PageInfo"
            out[key] = info
        else:
            out[key] = detail
    return out


def _slow_answer(connection: _ConnectionShape, total: Any, page: list[Any], has_next: bool,
                 has_previous: bool, cursor: Callable[[Any], str]) -> Connection[Any]:
    shapes: list[Shaper] = []
    for _, what, detail in connection.entries:
        if what == "nodes":
            shapes.append(detail)
        elif what == "edges":
            shapes.extend(shape for _, name, shape in detail if name == "node")
    edges = []
    for row in page:
        node: dict[str, Any] | None = None
        source = row if "score" in row else row["n"]
        for shape in shapes:
            part = shape(source)
            if node is None:
                node = part
            else:
                node.update(part)
        edges.append(Edge(cursor=cursor(row), node=node))
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=int(total or 0),
    )


def root_plan(schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode],
              variables: Mapping[str, Any], nodes: list[FieldNode], *, slow: bool,
              ) -> RootPlan:
    """Compile one root field (its field nodes, merged under one response key)."""
    name = nodes[0].name.value
    key = nodes[0].alias.value if nodes[0].alias else name
    if name not in ROOTS:
        raise Uncompilable(name)
    query = schema.query_type
    assert query is not None
    definition = query.fields[name]
    reader = _Reader(schema, fragments, variables, slow)
    sets = [n.selection_set for n in nodes if n.selection_set is not None]
    target = get_named_type(definition.type)
    if name in PAGES or name == "search":
        assert isinstance(target, GraphQLObjectType)
        shape = _connection(reader, target, sets)
        return RootPlan(name, key, None, reader.firsts, None, shape, slow, reader.pages)
    variants, shaper = reader.value(target, sets)
    return RootPlan(name, key, Pick(name, variants), reader.firsts, shaper, None, slow,
                    reader.pages)


def member_plan(schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode],
                variables: Mapping[str, Any], nodes: list[FieldNode], member: str,
                ) -> RootPlan:
    """The ``article`` of the result member ``member`` that ``nodes`` select (a mutation's
    answer), compiled as a read by id; every alias of it lands in the one row."""
    reader = _Reader(schema, fragments, variables, slow=True)
    member_type = schema.get_type(member)
    assert isinstance(member_type, GraphQLObjectType)
    sets = [n.selection_set for n in nodes if n.selection_set is not None]
    inner = [n.selection_set for ns in reader.collect(member_type, sets).values() for n in ns
             if n.name.value == "article" and n.selection_set is not None]
    target = get_named_type(member_type.fields["article"].type)
    variants, shaper = reader.value(target, inner)
    return RootPlan("article", "article", Pick("article", variants), reader.firsts, shaper,
                    None, True, reader.pages)


def node_plan(schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode],
              variables: Mapping[str, Any], nodes: list[FieldNode], root: str) -> RootPlan:
    """A nested field that names one node, outside the compiled tree (a resolver's
    answer): its selection compiled as the root field ``root`` (of :data:`BY_ID`) reads
    it by id."""
    reader = _Reader(schema, fragments, variables, slow=True)
    query = schema.query_type
    assert query is not None and root in BY_ID
    sets = [n.selection_set for n in nodes if n.selection_set is not None]
    target = get_named_type(query.fields[root].type)
    variants, shaper = reader.value(target, sets)
    return RootPlan(root, root, Pick(root, variants), reader.firsts, shaper, None, True,
                    reader.pages)

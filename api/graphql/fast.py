"""The fast executor: a query whose root fields all compile runs as one Cypher
statement per root field, its rows shaped straight into the response.

A document is parsed and validated once (the schema's rules, the depth and alias
limits, the token limit) and its plans are cached per (document, operation). A
request then only coerces its variables, checks the cost, binds the arguments,
runs the statements and shapes their rows -- graphql-core's field-by-field
execution is skipped. Whatever this path does not answer itself -- a mutation,
introspection, a document that does not validate, a bad variable or argument, a
query over the cost limit, a database error -- it hands back (``None``) to
strawberry's own execution, which runs the same compiled statements through the
resolvers and reports the errors as always.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    parse,
    specified_rules,
    validate,
)
from graphql.execution.values import get_argument_values, get_variable_values
from strawberry.schema.schema import Schema as StrawberrySchema
from strawberry.types import ExecutionResult
from strawberry.types.arguments import convert_arguments

from api.graphql.context import Context
from api.graphql.cost import query_cost
from api.graphql.limits import Limits
from api.graphql.plan import BadValue, Bound, RootPlan, Uncompilable, root_plan
from graph.errors import GraphError, UnsupportedSelection


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A validated query operation and its root plans (None: strawberry runs it)."""

    document: DocumentNode
    operation: OperationDefinitionNode
    roots: tuple[RootPlan | None, ...]  # None: a root __typename
    keys: tuple[str, ...]


_SLOW = object()


class FastExecutor:
    """Answers compiled queries of one schema; caches up to ``maxsize`` documents."""

    def __init__(self, schema: StrawberrySchema, limits: Limits, rules: list[Any],
                 maxsize: int = 256) -> None:
        self.schema = schema
        self.graphql: GraphQLSchema = schema._schema
        self.limits = limits
        self.rules = [*specified_rules, *rules]
        self.maxsize = maxsize
        self._cache: OrderedDict[tuple[str, str | None], object] = OrderedDict()
        query = schema.schema_converter.type_map["Query"].definition
        self._arguments = {self.schema.config.name_converter.get_graphql_name(f): f.arguments
                           for f in query.fields}  # type: ignore[union-attr]

    def _prepare(self, query: str, operation_name: str | None) -> object:
        try:
            document = parse(query, max_tokens=self.limits.max_tokens)
        except GraphQLError:
            return _SLOW
        if validate(self.graphql, document, self.rules):
            return _SLOW
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        chosen = [o for o in operations
                  if operation_name is None or (o.name and o.name.value == operation_name)]
        if len(chosen) != 1 or chosen[0].operation is not OperationType.QUERY:
            return _SLOW
        operation = chosen[0]
        if "@skip" in query or "@include" in query:
            return _SLOW  # the plan would depend on the variables
        fragments = {d.name.value: d for d in document.definitions
                     if isinstance(d, FragmentDefinitionNode)}
        grouped: dict[str, list[FieldNode]] = {}
        for selection in operation.selection_set.selections:
            if not isinstance(selection, FieldNode):
                return _SLOW
            key = selection.alias.value if selection.alias else selection.name.value
            grouped.setdefault(key, []).append(selection)
        roots: list[RootPlan | None] = []
        for nodes in grouped.values():
            if nodes[0].name.value == "__typename":
                roots.append(None)
                continue
            try:
                roots.append(root_plan(self.graphql, fragments, {}, nodes, slow=False))
            except Uncompilable:
                return _SLOW
        return _Prepared(document, operation, tuple(roots), tuple(grouped))

    def prepared(self, query: str, operation_name: str | None) -> object:
        key = (query, operation_name)
        found = self._cache.get(key)
        if found is None:
            found = self._prepare(query, operation_name)
            self._cache[key] = found
            if len(self._cache) > self.maxsize:
                self._cache.popitem(last=False)
        return found

    async def execute(self, query: str, operation_name: str | None,
                      variables: Mapping[str, Any] | None, context: Context,
                      ) -> ExecutionResult | None:
        """The result, or None when strawberry's execution must answer instead."""
        prepared = self.prepared(query, operation_name)
        if not isinstance(prepared, _Prepared):
            return None
        operation = prepared.operation
        coerced = get_variable_values(self.graphql, operation.variable_definitions or (),
                                      dict(variables or {}), max_errors=1)
        if isinstance(coerced, list):
            return None
        values = coerced.coerced
        if query_cost(self.graphql, prepared.document, operation_name, values,
                      self.limits) > self.limits.max_cost:
            return None
        query_type = self.graphql.query_type
        assert query_type is not None
        bound: list[Bound | None] = []
        try:
            for plan in prepared.roots:
                if plan is None:
                    bound.append(None)
                    continue
                node = _field_node(prepared.operation, plan.key)
                raw = get_argument_values(query_type.fields[plan.name], node, coerced)
                kwargs = convert_arguments(
                    raw, self._arguments[plan.name],
                    scalar_registry=self.schema.schema_converter.scalar_registry,
                    config=self.schema.config,
                )
                bound.append(plan.bind(kwargs, values, self.limits))
        except (GraphQLError, UnsupportedSelection):
            return None
        reader = context.reader
        try:
            runs = [reader.run(b.statement, **b.parameters) for b in bound if b is not None]
            results = [await runs[0]] if len(runs) == 1 else await asyncio.gather(*runs)
        except GraphError:
            return None
        data: dict[str, Any] = {}
        answers = iter(results)
        try:
            for key, plan, b in zip(prepared.keys, prepared.roots, bound, strict=True):
                data[key] = "Query" if b is None else b.read(next(answers))
                if plan is not None and plan.name == "node" and data[key] is None:
                    return None  # maybe an id merged away: Query.node asks for its survivor
        except BadValue:
            return None
        return ExecutionResult(data=data, errors=None)


def _field_node(operation: OperationDefinitionNode, key: str) -> FieldNode:
    for selection in operation.selection_set.selections:
        if isinstance(selection, FieldNode) and (
            selection.alias.value if selection.alias else selection.name.value
        ) == key:
            return selection
    raise KeyError(key)

"""What a query may cost, checked before it runs; and the largest response sent.

The estimate counts the items a query can return: every field is 1, a list field
multiplies what it selects by its page size (``first``, or the default a resolver
uses; a list without ``first`` counts as :data:`UNPAGED_LIST`), and a large text
field (an article's ``text``) counts as :data:`HEAVY_FIELDS` says. A query whose
estimate is over ``Limits.max_cost`` is refused before execution with the error
code ``COST_LIMIT``; a response over ``Limits.max_response_bytes`` is replaced
by one ``RESPONSE_TOO_LARGE`` error. Both messages say how to ask for less.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
)
from strawberry.extensions import SchemaExtension

from api.graphql.limits import Limits

UNPAGED_LIST = 5  # evidence, participants, aliases: a few items each
# An article's text: up to megabytes where a name is tens of bytes.
HEAVY_FIELDS: Mapping[tuple[str, str], int] = {("Article", "text"): 5000}
_ROOTS = frozenset({"Query", "Mutation"})


class CostLimitExceeded(GraphQLError):
    def __init__(self, cost: int, limit: int) -> None:
        super().__init__(
            f"This query could return about {cost:,} items, more than the limit of "
            f"{limit:,}. Ask for fewer items (smaller `first`), fewer nested lists, or "
            "leave out `text` of articles in lists.",
            extensions={"code": "COST_LIMIT"},
        )


class _Estimate:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any],
        limits: Limits,
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.limits = limits
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }

    def operation(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0
        return self.selections(root, operation.selection_set, frozenset())

    def selections(
        self, parent: GraphQLNamedType, selection_set: SelectionSetNode | None,
        seen: frozenset[str],
    ) -> int:
        return sum(self.field(parent, node, seen) for parent, node in
                   self._fields(parent, selection_set, seen))

    def _fields(
        self, parent: GraphQLNamedType, selection_set: SelectionSetNode | None,
        seen: frozenset[str],
    ) -> Iterator[tuple[GraphQLNamedType, FieldNode]]:
        if selection_set is None:
            return
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                yield parent, node
            elif isinstance(node, InlineFragmentNode):
                inner = parent
                if node.type_condition is not None:
                    inner = self.schema.get_type(node.type_condition.name.value) or parent
                yield from self._fields(inner, node.selection_set, seen)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                inner = self.schema.get_type(fragment.type_condition.name.value) or parent
                yield from self._fields(inner, fragment.selection_set, seen | {name})

    def field(self, parent: GraphQLNamedType, node: FieldNode, seen: frozenset[str]) -> int:
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 1
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 1
        own = HEAVY_FIELDS.get((parent.name, node.name.value), 1)
        target = get_named_type(definition.type)
        inner = self.selections(target, node.selection_set, seen) if node.selection_set else 0
        if "first" in definition.args:
            count = self._first(node, nested=parent.name not in _ROOTS)
        elif isinstance(get_nullable_type(definition.type), GraphQLList):
            # The items of a connection were counted at its `first`.
            count = 1 if parent.name.endswith("Connection") else UNPAGED_LIST
        else:
            count = 1
        return own + count * inner

    def _first(self, node: FieldNode, *, nested: bool) -> int:
        """The page size the resolver would use: a larger `first` is refused by it (and a
        variable of the wrong type by the coercion), so neither counts for more."""
        limits = self.limits
        default = limits.default_nested if nested else limits.default_page_size
        maximum = limits.max_nested if nested else limits.max_page_size
        given: object = None
        for argument in node.arguments or ():
            if argument.name.value != "first":
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                given = int(value.value)
            elif isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
        if isinstance(given, int) and not isinstance(given, bool):
            return min(max(given, 0), maximum)
        return default


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    limits: Limits,
) -> int:
    """The estimated items of the operation that would run."""
    estimate = _Estimate(schema, document, variables or {}, limits)
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    for operation in operations:
        if operation_name is None or (operation.name and operation.name.value == operation_name):
            return estimate.operation(operation)
    return 0


class CostLimiter(SchemaExtension):
    """Refuse, before execution, a query whose estimated cost is over the limit."""

    def __init__(self, *, limits: Limits) -> None:
        self.limits = limits

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            cost = query_cost(
                context.schema._schema,  # strawberry's graphql-core schema
                document, context.operation_name,
                context.variables, self.limits,
            )
            if cost > self.limits.max_cost:
                context.result = ExecutionResult(
                    data=None, errors=[CostLimitExceeded(cost, self.limits.max_cost)]
                )
        yield


def too_large(size: int, limit: int) -> dict[str, Any]:
    """The response sent instead of one of ``size`` bytes."""
    return {
        "data": None,
        "errors": [{
            "message": f"The response would be {size:,} bytes, more than the limit of "
            f"{limit:,}. Ask for fewer items (smaller `first`) or fewer fields.",
            "extensions": {"code": "RESPONSE_TOO_LARGE"},
        }],
    }

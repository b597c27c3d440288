"""The strawberry schema, with the limits every request is checked against."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from api.graphql.context import Context
from api.graphql.cost import CostLimiter
from api.graphql.curation import CurationMutation, CurationQuery
from api.graphql.errors import PublicErrors, log_errors
from api.graphql.fast import FastExecutor
from api.graphql.limits import Limits
from api.graphql.mutations import Mutation
from api.graphql.query import Query
from api.graphql.role_time import RoleTimeQuery
from api.graphql.types import NODE_TYPES


class Schema(strawberry.Schema):
    """strawberry's schema, logging expected errors as one line (no traceback), with the
    fast executor in front of strawberry's execution (:mod:`api.graphql.fast`)."""

    fast: FastExecutor | None = None

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        if self.fast is not None and query is not None and isinstance(context_value, Context):
            result = await self.fast.execute(query, operation_name, variable_values,
                                             context_value)
            if result is not None:
                return result
        return await super().execute(
            query, variable_values, context_value, root_value, operation_name,
            allowed_operation_types, operation_extensions,
        )


def build_schema(limits: Limits | None = None, *, debug: bool = False) -> strawberry.Schema:
    """The schema; its SDL does not depend on the limits (schema/schema.graphql)."""
    limits = limits or Limits()
    # The limiters' validation rules are built once, so every request passes the same
    # rule classes and ValidationCache can answer a repeated query without validating.
    rules = [
        *QueryDepthLimiter(max_depth=limits.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=limits.max_aliases).validation_rules,
    ]
    schema = Schema(
        query=merge_types("Query", (Query, CurationQuery, RoleTimeQuery)),  # issue 15
        mutation=merge_types("Mutation", (Mutation, CurationMutation)),  # curation: issue 15
        types=list(NODE_TYPES),  # some are reachable only through the Node interface
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
            lambda: AddValidationRules(rules),
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
            lambda: CostLimiter(limits=limits),
            lambda: PublicErrors(debug=debug),
        ],
    )
    schema.fast = FastExecutor(schema, limits, rules)
    return schema


def sdl() -> str:
    """The schema in GraphQL SDL, as committed in schema/schema.graphql."""
    return str(build_schema()) + "\n"

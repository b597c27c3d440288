"""The strawberry schema, with the limits every request is checked against."""

from __future__ import annotations

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
from strawberry.types import ExecutionContext

from api.graphql.article import Article
from api.graphql.cost import CostLimiter
from api.graphql.curation import CurationMutation, CurationQuery
from api.graphql.errors import PublicErrors, log_errors
from api.graphql.event import Event
from api.graphql.limits import Limits
from api.graphql.location import Location
from api.graphql.mutations import Mutation
from api.graphql.organisation import Organisation
from api.graphql.person import Person
from api.graphql.query import Query
from api.graphql.role import Role
from api.graphql.role_time import RoleTimeQuery
from api.graphql.statement import Statement

# Types reachable only through the Node interface are listed so the SDL has them.
_TYPES = (Article, Person, Organisation, Location, Role, Event, Statement)


class Schema(strawberry.Schema):
    """strawberry's schema, logging expected errors as one line (no traceback)."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        log_errors(errors)


def build_schema(limits: Limits | None = None, *, debug: bool = False) -> strawberry.Schema:
    """The schema; its SDL does not depend on the limits (schema/schema.graphql)."""
    limits = limits or Limits()
    # The limiters' validation rules are built once, so every request passes the same
    # rule classes and ValidationCache can answer a repeated query without validating.
    rules = [
        *QueryDepthLimiter(max_depth=limits.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=limits.max_aliases).validation_rules,
    ]
    return Schema(
        query=merge_types("Query", (Query, CurationQuery, RoleTimeQuery)),  # issue 15
        mutation=merge_types("Mutation", (Mutation, CurationMutation)),  # curation: issue 15
        types=list(_TYPES),
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
            lambda: AddValidationRules(rules),
            lambda: ParserCache(maxsize=256),
            lambda: ValidationCache(maxsize=256),
            lambda: CostLimiter(limits=limits),
            lambda: PublicErrors(debug=debug),
        ],
    )


def sdl() -> str:
    """The schema in GraphQL SDL, as committed in schema/schema.graphql."""
    return str(build_schema()) + "\n"

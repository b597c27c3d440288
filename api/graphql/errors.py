"""Errors a client may see, and the masking of every other error.

Expected failures of a *query* (a malformed id or cursor, an out-of-range
argument, the database down or too slow) are GraphQL errors with a clear
message and ``extensions.code``; expected failures of a *mutation* are typed
result unions instead (see :mod:`api.graphql.results`)::

    ApiError (GraphQLError)        shown as is
    ├── InvalidId                  code INVALID_ID
    ├── InvalidCursor              code INVALID_CURSOR
    └── InvalidArgument            code BAD_USER_INPUT

    graph.errors.GraphUnavailable  -> "The graph database is unavailable ..." (UNAVAILABLE)
    graph.reads.QueryTimeout       -> its message (TIMEOUT)
    anything else                  -> "Unexpected error." unless settings.debug
"""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from graph.errors import GraphUnavailable
from graph.reads import QueryTimeout


class ApiError(GraphQLError):
    code = "BAD_USER_INPUT"

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": self.code})


class InvalidId(ApiError):
    code = "INVALID_ID"


class InvalidCursor(ApiError):
    code = "INVALID_CURSOR"


class InvalidArgument(ApiError):
    code = "BAD_USER_INPUT"


UNAVAILABLE_MESSAGE = "The graph database is unavailable; try again shortly."


def _public(error: GraphQLError) -> bool:
    original = error.original_error
    # No original error: a syntax or validation error, which must stay helpful.
    return original is None or isinstance(original, ApiError)


class PublicErrors(MaskErrors):
    """MaskErrors that keeps the project's expected errors readable.

    With ``debug`` nothing is masked (stack details stay in the server log)."""

    def __init__(self, *, debug: bool = False) -> None:
        super().__init__(should_mask_error=self._should_mask, error_message="Unexpected error.")
        self.debug = debug

    def _should_mask(self, error: GraphQLError) -> bool:
        if _public(error):
            return False
        return not self.debug or isinstance(
            error.original_error, GraphUnavailable | QueryTimeout
        )

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, GraphUnavailable):
            message, code = UNAVAILABLE_MESSAGE, "UNAVAILABLE"
        elif isinstance(original, QueryTimeout):
            message, code = str(original), "TIMEOUT"
        else:
            message, code = self.error_message, "INTERNAL_SERVER_ERROR"
        return GraphQLError(
            message=message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={"code": code},
        )

"""Errors a client may see, and the masking of every other error.

Expected failures of a *query* (a malformed id or cursor, an out-of-range
argument, the database down or too slow) are GraphQL errors with a clear
message and ``extensions.code``; expected failures of a *mutation* are typed
result unions instead (see :mod:`api.graphql.results`)::

    ApiError (GraphQLError)        shown as is
    ├── InvalidId                  code INVALID_ID
    ├── InvalidCursor              code INVALID_CURSOR
    └── InvalidArgument            code BAD_USER_INPUT

    a request error (syntax, validation, a variable of the wrong type: no path)
                                   -> its message (BAD_USER_INPUT)
    graph.errors.GraphUnavailable  -> "The graph database is unavailable ..." (UNAVAILABLE)
      (or a driver error the code table of graph.errors calls so)
    graph.errors.QueryTimeout      -> its message (TIMEOUT)
    anything else                  -> "Unexpected error." unless settings.debug

An expected error is logged as one line; only an unexpected one with its traceback
(:func:`log_errors`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from graph.errors import GraphError, GraphUnavailable, QueryTimeout, error_class

log = logging.getLogger("api.graphql")


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


def _request_error(error: GraphQLError) -> bool:
    """An error of the request itself, found before execution: no path. A variable of
    the wrong type is one (graphql-core keeps the scalar's own error as the original)."""
    original = error.original_error
    return error.path is None and original is not None and not isinstance(original, GraphError)


def _outage(error: GraphQLError) -> type[GraphError] | None:
    """GraphUnavailable or QueryTimeout when the error is one (or a driver error that
    the server-code table of graph.errors maps to one), else None."""
    original = error.original_error
    kind = error_class(original) if original is not None else None
    return kind if kind in (GraphUnavailable, QueryTimeout) else None


def expected(error: GraphQLError) -> bool:
    """Whether ``error`` is the client's mistake or a known outage, not a bug of ours."""
    return _public(error) or _request_error(error) or _outage(error) is not None


def log_errors(errors: Iterable[GraphQLError]) -> None:
    """Expected errors as one line each; an unexpected one with its traceback."""
    for error in errors:
        if expected(error):
            path = ".".join(str(p) for p in error.path) if error.path else "-"
            log.info("graphql error at %s: %s", path, error.message)
        else:
            original = error.original_error or error
            log.error("unexpected error in a GraphQL request: %s", error.message,
                      exc_info=(type(original), original, original.__traceback__))


class PublicErrors(MaskErrors):
    """MaskErrors that keeps the project's expected errors readable.

    With ``debug`` nothing is masked (stack details stay in the server log)."""

    def __init__(self, *, debug: bool = False) -> None:
        super().__init__(should_mask_error=self._should_mask, error_message="Unexpected error.")
        self.debug = debug

    def _should_mask(self, error: GraphQLError) -> bool:
        if _public(error):
            return False
        if _request_error(error):
            return True  # kept as it is, with the code added
        return not self.debug or _outage(error) is not None

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if _request_error(error):
            message, code = error.message, "BAD_USER_INPUT"
        elif _outage(error) is GraphUnavailable:
            message, code = UNAVAILABLE_MESSAGE, "UNAVAILABLE"
        elif isinstance(original, QueryTimeout):
            message, code = str(original), "TIMEOUT"
        elif _outage(error) is QueryTimeout:
            message, code = "The query ran too long and was stopped; ask for less.", "TIMEOUT"
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

"""The HTTP app's errors, mapped to responses once: Starlette's ``exception_handlers``.

===============================  =====  ==================================================
exception                        status body
===============================  =====  ==================================================
:class:`Unacceptable`            400 /  the formats the route offers
                                 406
:class:`graph.errors.NotFound`   404    what was not found
:class:`graph.errors.GraphUnavailable`, a driver's connection failure
                                 503    "Neo4j does not answer", with ``Retry-After``
:class:`graph.errors.QueryTimeout`
                                 503    the timeout, with ``Retry-After``
any other driver error           500    "Unexpected error." (traceback in the log)
===============================  =====  ==================================================

GraphQL errors are not HTTP errors: :mod:`api.graphql.errors` handles them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping

from neo4j.exceptions import DriverError, Neo4jError
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from graph.errors import GraphUnavailable, NotFound, QueryTimeout, error_class

log = logging.getLogger("api.http")

RETRY_AFTER_S = 5
UNAVAILABLE = "Neo4j, the graph database, does not answer; try again shortly."


class Unacceptable(Exception):
    """No representation the route offers matches the request (406, or 400 for ?format=)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _text(message: str, status: int, headers: Mapping[str, str] | None = None) -> Response:
    return PlainTextResponse(message.rstrip("\n") + "\n", status_code=status, headers=headers)


def _unavailable(message: str) -> Response:
    return _text(message, 503, {"Retry-After": str(RETRY_AFTER_S)})


async def _unacceptable(request: Request, exc: Exception) -> Response:
    status = exc.status if isinstance(exc, Unacceptable) else 400
    return _text(str(exc), status)


async def _not_found(request: Request, exc: Exception) -> Response:
    return _text(str(exc), 404)


async def _graph_unavailable(request: Request, exc: Exception) -> Response:
    log.warning("%s %s: Neo4j does not answer (%s)", request.method, request.url.path, exc)
    return _unavailable(UNAVAILABLE)


async def _timeout(request: Request, exc: Exception) -> Response:
    log.warning("%s %s: %s", request.method, request.url.path, exc)
    return _unavailable(str(exc))


async def _driver_error(request: Request, exc: Exception) -> Response:
    kind = error_class(exc)
    if kind is GraphUnavailable:
        return await _graph_unavailable(request, exc)
    if kind is QueryTimeout:
        return await _timeout(request, exc)
    log.error("unexpected Neo4j error on %s %s", request.method, request.url.path,
              exc_info=exc)
    return _text("Unexpected error.", 500)


Handler = Callable[[Request, Exception], Awaitable[Response]]

EXCEPTION_HANDLERS: dict[type[Exception], Handler] = {
    Unacceptable: _unacceptable,
    NotFound: _not_found,
    GraphUnavailable: _graph_unavailable,
    QueryTimeout: _timeout,
    DriverError: _driver_error,
    Neo4jError: _driver_error,
}

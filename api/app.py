"""The HTTP app: ``create_app(settings)`` -> a Starlette application.

Routes: ``/graphql`` (GraphiQL in a browser when enabled, from local assets),
``/healthz`` (the process answers), ``/readyz`` (Neo4j answers; 503 when it does
not), the RDF routes of :mod:`api.rdf_routes`, and the front end of :mod:`api.web`
(the explorer at ``/``, the Neo4j Browser guide). Errors become responses once,
through the app's ``exception_handlers`` (:mod:`api.http_errors`).

The lifespan opens the process's one async driver and applies the migrations;
a database that is down at start does not stop the app (``/readyz`` says so,
and the migrations are applied once it answers). Every request body is capped
(413), and CORS allows only the configured origins.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import orjson
from neo4j.exceptions import DriverError, Neo4jError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from api import rdf_routes
from api.connection import resolve_connection
from api.graphql.context import Context
from api.graphql.cost import too_large
from api.graphql.limits import Limits
from api.graphql.schema import Schema, build_schema
from api.http_errors import EXCEPTION_HANDLERS
from api.runtime import Runtime, runtime_of
from api.settings import Settings
from api.web import graphiql_page
from api.web import routes as web_routes
from graph.driver import open_driver
from graph.errors import GraphError
from graph.reads import RoundTrips

__all__ = ["Runtime", "create_app", "runtime_of"]

log = logging.getLogger(__name__)


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's ASGI view with the typed per-request context."""

    def __init__(self, settings: Settings, limits: Limits) -> None:
        super().__init__(
            build_schema(limits, debug=settings.debug),
            graphql_ide="graphiql" if settings.graphiql else None,
        )
        self.settings = settings
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A JSON POST of a query the fast executor answers skips strawberry's request
        handling; everything else (GET, GraphiQL, mutations, errors ...) goes through it."""
        if scope["type"] == "http" and scope["method"] == "POST" and _is_json(scope):
            body = await _read_body(receive)
            if body is None:
                return  # the client went away
            if await self._fast(scope, body, send):
                return
            receive = _replay(body, receive)
        await super().__call__(scope, receive, send)

    async def _fast(self, scope: Scope, body: bytes, send: Send) -> bool:
        fast = self.schema.fast if isinstance(self.schema, Schema) else None
        if fast is None:
            return False
        try:
            data = orjson.loads(body)
        except orjson.JSONDecodeError:
            return False
        if not isinstance(data, dict) or not isinstance(data.get("query"), str):
            return False
        variables, operation = data.get("variables"), data.get("operationName")
        if not (variables is None or isinstance(variables, dict)) or not (
            operation is None or isinstance(operation, str)
        ):
            return False
        runtime = runtime_of(Request(scope))
        context = Context(
            request=Request(scope), response=None, settings=self.settings,
            limits=self.limits, driver=runtime.driver,
            database=runtime.connection.database,
            reader=runtime.reader(self.limits.query_timeout),
            ingest_limiter=runtime.ingest_limiter,
        )
        result = await fast.execute(data["query"], operation, variables, context)
        if result is None:
            return False
        encoded = self.encode_json({"data": result.data})
        payload = encoded if isinstance(encoded, bytes) else encoded.encode()
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
        ]})
        await send({"type": "http.response.body", "body": payload})
        return True

    async def render_graphql_ide(self, request: Request) -> Response:
        # GraphiQL from the bundle in api/static/, never from a CDN.
        return graphiql_page()

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        runtime = runtime_of(request)
        return Context(
            request=request,
            response=response,
            settings=self.settings,
            limits=self.limits,
            driver=runtime.driver,
            database=runtime.connection.database,
            reader=runtime.reader(self.limits.query_timeout),
            ingest_limiter=runtime.ingest_limiter,
        )


    def encode_json(self, data: object) -> str | bytes:
        """The response as JSON (orjson), or one error when it is over the size limit."""
        encoded = orjson.dumps(data)
        size = len(encoded)
        if size > self.limits.max_response_bytes:
            log.warning("a GraphQL response of %d bytes was replaced by an error", size)
            return orjson.dumps(too_large(size, self.limits.max_response_bytes))
        return encoded


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            return bool(value.split(b";")[0].strip().lower() == b"application/json")
    return False


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives ``body`` (already read) again, then the rest."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class BodySizeLimit:
    """Answer 413 to a request whose body is larger than ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(body)
            more = bool(message.get("more_body", False))
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {"error": f"The request body is larger than {self.max_bytes} bytes."},
            status_code=413,
        )
        await response(scope, receive, send)


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def _readyz(limits: Limits) -> Callable[[Request], Awaitable[Response]]:
    async def readyz(request: Request) -> Response:
        runtime = runtime_of(request)
        try:
            with anyio.fail_after(limits.readiness_timeout):
                await runtime.reader(limits.readiness_timeout).ping()
                await runtime.migrate()
        except (GraphError, TimeoutError, DriverError, Neo4jError) as exc:
            log.warning("not ready: %s", exc)
            return JSONResponse(
                {"status": "unavailable", "detail": "Neo4j does not answer."}, status_code=503
            )
        return JSONResponse({"status": "ready"})

    return readyz


def create_app(settings: Settings, *, limits: Limits | None = None) -> Starlette:
    """The API as an ASGI app; the driver is opened by its lifespan."""
    limits = limits or Limits()
    graphql = GraphQLView(settings, limits)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        connection = await anyio.to_thread.run_sync(resolve_connection, settings)
        driver = await open_driver(connection, verify=False)
        runtime = Runtime(
            driver=driver,
            connection=connection,
            round_trips=RoundTrips(),
            ingest_limiter=anyio.CapacityLimiter(limits.concurrent_ingests),
        )
        try:
            await runtime.migrate()
        except GraphError as exc:
            log.warning("Neo4j is not answering at start (%s); /readyz reports 503 until it does",
                        exc)
        app.state.runtime = runtime
        try:
            yield {}
        finally:
            await driver.close()

    routes: list[BaseRoute] = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", _readyz(limits), methods=["GET"]),
        *rdf_routes.routes(settings),
        *web_routes(),
    ]
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        ),
        Middleware(BodySizeLimit, max_bytes=limits.body_limit(settings.max_article_bytes)),
    ]
    return Starlette(
        debug=settings.debug,
        routes=routes,
        middleware=middleware,
        exception_handlers=dict(EXCEPTION_HANDLERS),
        lifespan=lifespan,
    )

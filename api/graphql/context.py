"""The typed context every resolver receives as ``info.context``."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

import anyio
import strawberry
from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from api.graphql.limits import Limits
from api.settings import Settings
from graph.reads import GraphReader


@dataclass(slots=True)
class Context:
    request: Request | WebSocket
    response: Response | WebSocket | None
    settings: Settings
    limits: Limits
    driver: AsyncDriver
    database: str
    reader: GraphReader
    ingest_limiter: anyio.CapacityLimiter

    @property
    def api_key_configured(self) -> bool:
        return bool(self.settings.api_key)

    @property
    def authorised(self) -> bool:
        """True when the request carries ``Authorization: Bearer <NEWSGRAPH_API_KEY>``
        (compared in constant time)."""
        key = self.settings.api_key
        if not key:
            return False
        header = self.request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(token.strip().encode("utf-8"), key.encode("utf-8"))


Info = strawberry.Info[Context, None]

"""Fixtures of the API tests: the app over HTTP (httpx + ASGITransport, lifespan run),
backed by the real Neo4j, with the gold graph of the seed article loaded."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import pytest_asyncio
from neo4j import AsyncDriver
from starlette.applications import Starlette

from api.app import Runtime, create_app
from api.graphql.limits import Limits
from api.settings import Settings
from graph.driver import Connection
from tests.api.gold_graph import load_gold

API_KEY = "test-api-key-5d1c"
# A first query of each shape is planned by Neo4j inside its transaction; on a busy
# CI machine that alone can take seconds, so the tests allow more than production.
TEST_LIMITS = Limits(query_timeout=60.0)


@dataclasses.dataclass
class Api:
    """An HTTP client of one app, and the app's runtime (for its round-trip counter)."""

    client: httpx.AsyncClient
    app: Starlette

    @property
    def runtime(self) -> Runtime:
        runtime: Runtime = self.app.state.runtime
        return runtime

    async def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = await self.gql(query, variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data


@asynccontextmanager
async def serve(settings: Settings, limits: Limits | None = None) -> AsyncIterator[Api]:
    """Run an app's lifespan and give an HTTP client of it."""
    app = create_app(settings, limits=limits)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield Api(client=client, app=app)


@pytest.fixture(scope="session")
def api_settings(settings: Settings) -> Settings:
    return settings.replace(
        api_key=API_KEY, debug=False, cors_origins=("https://front.example",)
    )


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def gold(driver: AsyncDriver, connection: Connection) -> str:
    """The gold graph of the seed article, alone in the database; the article id."""
    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=connection.database)
    return await load_gold(driver, connection.database)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def api(api_settings: Settings) -> AsyncIterator[Api]:
    async with serve(api_settings, TEST_LIMITS) as client:
        yield client

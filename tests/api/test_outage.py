"""Neo4j stopped: /readyz is 503, GraphQL answers a clean error, and the RDF routes
answer 503 with Retry-After (F5); all recover when it is back. The test stops and
restarts the test session's own local server (the instance and ports
`newsgraph neo4j start --env` exported), through LocalNeo4j."""

from __future__ import annotations

from urllib.parse import urlparse

import anyio
import pytest

from api.connection import local_server
from api.settings import Settings
from graph.server import LocalNeo4j
from tests.api.conftest import Api

QUERY = '{ person(id: "person/cressida-dick") { name roles { title } } }'
RDF_URLS = ("/rdf?format=ttl", "/rdf?format=nt", "/id/person/cressida-dick?format=nt",
            "/rdf/article/{article}?format=ttl")


def _own_server(settings: Settings) -> LocalNeo4j:
    server = local_server(settings)
    port = urlparse(settings.neo4j_uri or "").port
    if port != server.config.bolt_port or server.pid() is None:
        pytest.fail(
            "This test stops and restarts the local test server: export the variables of "
            "`newsgraph neo4j start --env --instance ...` (NEWSGRAPH_NEO4J_INSTANCE and "
            f"_BOLT_PORT must name the server at {settings.neo4j_uri})."
        )
    return server


async def test_neo4j_down_then_back(api: Api, gold: str, api_settings: Settings) -> None:
    server = _own_server(api_settings)
    assert (await api.client.get("/readyz")).status_code == 200
    assert (await api.data(QUERY))["person"]["name"] == "Cressida Dick"

    await anyio.to_thread.run_sync(server.stop)
    try:
        with anyio.fail_after(30):
            ready = await api.client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["status"] == "unavailable"
        with anyio.fail_after(30):
            body = await api.gql(QUERY)
        [error] = body["errors"]
        assert error["message"] == "The graph database is unavailable; try again shortly."
        assert error["extensions"] == {"code": "UNAVAILABLE"}
        assert body["data"] == {"person": None}
        for url in RDF_URLS:
            with anyio.fail_after(30):
                response = await api.client.get(url.format(article=gold))
            assert response.status_code == 503, (url, response.status_code, response.text)
            assert int(response.headers["retry-after"]) > 0
            assert "Neo4j" in response.text and "try again" in response.text
        assert (await api.client.get("/healthz")).status_code == 200  # the process is fine
    finally:
        await anyio.to_thread.run_sync(server.start)

    with anyio.fail_after(60):
        while (await api.client.get("/readyz")).status_code != 200:
            await anyio.sleep(0.5)
    assert (await api.data(QUERY))["person"]["name"] == "Cressida Dick"
    for url in RDF_URLS:
        response = await api.client.get(url.format(article=gold))
        assert response.status_code == 200, (url, response.text)
        assert "cressida-dick" in response.text

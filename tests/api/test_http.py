"""The HTTP surface: health, readiness, CORS allow-list, GraphiQL."""

from __future__ import annotations

from api.settings import Settings
from tests.api.conftest import TEST_LIMITS, Api, serve


async def test_healthz_answers_while_the_process_runs(api: Api) -> None:
    response = await api.client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_answers_when_neo4j_does(api: Api) -> None:
    response = await api.client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


async def test_cors_allows_only_the_configured_origins(api: Api) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    allowed = await api.client.options(
        "/graphql", headers={"Origin": "https://front.example", **preflight}
    )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://front.example"
    refused = await api.client.options(
        "/graphql", headers={"Origin": "https://evil.example", **preflight}
    )
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    simple = await api.client.post(
        "/graphql",
        json={"query": "{ __typename }"},
        headers={"Origin": "https://evil.example"},
    )
    assert "access-control-allow-origin" not in simple.headers


async def test_graphiql_is_served_to_a_browser_when_enabled(api: Api) -> None:
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_graphiql_can_be_switched_off(api_settings: Settings) -> None:
    settings = api_settings.replace(graphiql=False)
    async with serve(settings, TEST_LIMITS) as api:
        response = await api.client.get("/graphql", headers={"Accept": "text/html"})
        assert response.status_code == 404
        query = await api.client.get("/graphql", params={"query": "{ __typename }"})
        assert query.json() == {"data": {"__typename": "Query"}}

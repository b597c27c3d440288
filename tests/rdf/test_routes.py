"""The RDF endpoints over HTTP: content negotiation, streaming, 303/404/406."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest
import pytest_asyncio
from neo4j import AsyncDriver
from rdflib import Dataset, Graph, Literal, URIRef
from starlette.applications import Starlette

from api.app import create_app
from api.http_errors import EXCEPTION_HANDLERS
from api.rdf_routes import routes
from api.settings import Settings
from graph.driver import Connection, open_driver
from graph.rdf import RdfFormat, RdfSource, build_dataset, build_graph, rdflib_format
from schema.vocab import SDO
from tests.rdf import graph_fixture as fx
from tests.rdf.conftest import BASE

DICK = f"/id/{fx.DICK}"
ENTITY_TYPES = {
    "text/turtle": RdfFormat.TTL,
    "application/ld+json": RdfFormat.JSONLD,
    "application/n-triples": RdfFormat.NT,
    "application/rdf+xml": RdfFormat.RDFXML,
}


@dataclass(frozen=True, slots=True)
class TinyRuntime:
    """What the RDF routes read of api.app's ``Runtime``: the driver and the connection."""

    driver: AsyncDriver
    connection: Connection


def tiny_app(settings: Settings, connection: Connection) -> Starlette:
    """Only the RDF routes and the app's error handlers, with a lifespan that opens the
    driver as api.app does."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        driver = await open_driver(connection)
        app.state.runtime = TinyRuntime(driver=driver, connection=connection)
        try:
            yield
        finally:
            await driver.close()

    return Starlette(
        routes=routes(settings), exception_handlers=dict(EXCEPTION_HANDLERS), lifespan=lifespan
    )


@pytest_asyncio.fixture(scope="module")
async def client(
    fixture_graph: RdfSource, settings: Settings, connection: Connection
) -> AsyncIterator[httpx.AsyncClient]:
    app = tiny_app(settings.replace(base_uri=BASE), connection)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c,
    ):
        yield c


def parsed(response: httpx.Response, fmt: RdfFormat) -> Graph:
    target: Graph = Dataset() if fmt.is_quads else Graph()
    return target.parse(data=response.content, format=rdflib_format(fmt))


@pytest.mark.parametrize("accept", sorted(ENTITY_TYPES))
async def test_an_entity_uri_answers_each_rdf_type_it_is_asked_for(
    client: httpx.AsyncClient, accept: str
) -> None:
    response = await client.get(DICK, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    assert "Accept" in response.headers["vary"]
    graph = parsed(response, ENTITY_TYPES[accept])
    assert graph.value(URIRef(f"{BASE}/{fx.DICK}"), SDO.name) == Literal("Cressida Dick")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "text/turtle"),
        ("*/*", "text/turtle"),
        ("text/*", "text/turtle"),
        ("application/*", "application/ld+json"),
        ("application/rdf+xml;q=0.5, text/turtle;q=0.9", "text/turtle"),
        ("text/turtle;q=0, application/n-triples", "application/n-triples"),
        ("text/turtle;q=0, */*", "application/ld+json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("application/json", "application/json"),
    ],
)
async def test_the_best_accepted_type_wins(
    client: httpx.AsyncClient, accept: str, expected: str
) -> None:
    response = await client.get(DICK, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected


async def test_a_browser_gets_an_html_page_with_links_that_dereference(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(DICK, headers={"Accept": "text/html"})
    assert "<h1>Cressida Dick</h1>" in response.text
    assert f'href="/id/{fx.ARTICLE_A}"' in response.text
    json_response = await client.get(DICK, headers={"Accept": "application/json"})
    assert json_response.json()["@graph"][0]["name"] == "Cressida Dick"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("nt", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("html", "text/html"),
        ("json", "application/json"),
    ],
)
async def test_format_in_the_query_overrides_accept(
    client: httpx.AsyncClient, name: str, expected: str
) -> None:
    response = await client.get(DICK, params={"format": name}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected


@pytest.mark.parametrize("accept", ["image/png", "application/trig", "text/plain"])
async def test_an_unsupported_type_is_406_naming_the_types_offered(
    client: httpx.AsyncClient, accept: str
) -> None:
    response = await client.get(DICK, headers={"Accept": accept})
    assert response.status_code == 406
    assert "text/turtle" in response.text


async def test_an_unknown_format_name_is_400(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{DICK}?format=yaml")
    assert response.status_code == 400
    assert "ttl" in response.text


@pytest.mark.parametrize(
    "path", ["/id/person/nobody", "/id/planet/mars", "/id/title/nobody", "/rdf/article/nope"]
)
async def test_an_unknown_id_is_404(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 404


async def test_a_uri_on_the_default_base_is_303_to_its_description(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(f"/{fx.DICK}?format=nt")
    assert response.status_code == 303
    assert response.headers["location"] == f"{DICK}?format=nt"


async def test_a_title_concept_dereferences(client: httpx.AsyncClient) -> None:
    response = await client.get("/id/title/commissioner", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert '"Commissioner"' in response.text


async def test_the_whole_graph_streams_as_ntriples_by_default(
    client: httpx.AsyncClient, fixture_graph: RdfSource
) -> None:
    response = await client.get("/rdf")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/n-triples")
    assert "content-length" not in response.headers  # streamed, not built whole
    assert len(parsed(response, RdfFormat.NT)) == len(await build_graph(fixture_graph))


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=str)
async def test_the_whole_graph_in_every_format(
    client: httpx.AsyncClient, fixture_graph: RdfSource, fmt: RdfFormat
) -> None:
    response = await client.get("/rdf", headers={"Accept": fmt.media_type})
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    graph = parsed(response, fmt)
    if fmt.is_quads:
        expected = await build_dataset(fixture_graph)
        assert sum(1 for _ in graph.quads()) == sum(1 for _ in expected.quads())
    else:
        assert len(graph) == len(await build_graph(fixture_graph))


@pytest.mark.parametrize("path", [fx.ARTICLE_B, fx.ARTICLE_B.removeprefix("article/")])
async def test_an_articles_named_graph(
    client: httpx.AsyncClient, fixture_graph: RdfSource, path: str
) -> None:
    response = await client.get(f"/rdf/article/{path}", headers={"Accept": "application/n-quads"})
    assert response.status_code == 200
    dataset = parsed(response, RdfFormat.NQ)
    assert isinstance(dataset, Dataset)
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {URIRef(f"{BASE}/{fx.ARTICLE_B}")}
    alone = await build_graph(fixture_graph, fx.ARTICLE_B)
    assert sum(1 for _ in dataset.quads()) == len(alone)


async def test_the_published_context_and_shapes_are_served(client: httpx.AsyncClient) -> None:
    context = await client.get("/rdf/context.jsonld")
    assert context.headers["content-type"].startswith("application/ld+json")
    assert "schema" in json.loads(context.content)["@context"]
    shapes = await client.get("/rdf/shapes.ttl")
    assert Graph().parse(data=shapes.text, format="turtle")


async def test_the_api_app_serves_the_rdf_routes(
    fixture_graph: RdfSource, settings: Settings
) -> None:
    app = create_app(settings.replace(base_uri=BASE))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c,
    ):
        response = await c.get(DICK, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert "Cressida Dick" in response.text

"""The front end the API serves: the explorer page and its bundles, GraphiQL from local
assets, and the Neo4j Browser guide and style (over HTTP; tests/api/test_browser.py
drives them in a real browser)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from api import web
from api.browser_guide import cypher_examples
from tests.api.conftest import Api

REPO = Path(__file__).resolve().parents[2]
LOCAL_REF = re.compile(r'(?:src|href)="([^"]*)"')


def _references(page: str) -> list[str]:
    return LOCAL_REF.findall(page)


async def test_the_explorer_page_loads_only_its_own_bundles(api: Api) -> None:
    response = await api.client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    refs = _references(response.text)
    assert "/static/explorer.js" in refs and "/static/explorer.css" in refs
    # Every script and style is served by the API itself: no other host is named.
    assert all(not ref.startswith(("http:", "https:", "//")) for ref in refs), refs
    for asset, kind in (("explorer.js", "javascript"), ("explorer.css", "text/css")):
        served = await api.client.get(f"/static/{asset}")
        assert served.status_code == 200
        assert kind in served.headers["content-type"]
        assert len(served.content) > 1000


async def test_graphiql_comes_from_local_assets_with_the_readme_queries(api: Api) -> None:
    response = await api.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    refs = _references(response.text)
    assert "/static/graphiql.js" in refs and "/static/graphiql.css" in refs
    assert all(not ref.startswith(("http:", "https:", "//")) for ref in refs), refs
    bundle = (await api.client.get("/static/graphiql.js")).text
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## GraphQL") : readme.index("## More documentation")]
    queries = re.findall(r"```graphql\n(.*?)```", section, re.S)
    assert len(queries) == 3
    for query in queries:
        name = re.search(r"query (\w+)", query)
        assert name is not None
        assert f"query {name[1]}" in bundle  # each README query is a tab of GraphiQL


async def test_the_browser_guide_has_a_slide_per_cypher_example(api: Api) -> None:
    response = await api.client.get("/neo4j/guide.html")
    assert response.status_code == 200
    # Neo4j Browser fetches it from another origin (its own HTTP port).
    assert response.headers["access-control-allow-origin"] == "*"
    page = response.text
    examples = cypher_examples((REPO / "docs" / "cypher.md").read_text(encoding="utf-8"))
    assert len(examples) >= 10
    assert page.count("<slide") == len(examples) + 2  # the welcome and the model slides
    for example in examples:
        assert html.escape(example.query) in page
        assert html.escape(example.title) in page
    assert ":style http://testserver/neo4j/browser.grass" in page
    assert "(Person) -[:HOLDS]-&gt; (Role)" in page


async def test_the_browser_style_is_the_projects_grass_file(api: Api) -> None:
    response = await api.client.get("/neo4j/browser.grass")
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.text == (REPO / "graph" / "browser.grass").read_text(encoding="utf-8")


async def test_an_unbuilt_front_end_is_named_with_the_command_that_builds_it(
    api: Api, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "STATIC", tmp_path)
    for path in ("/", "/graphql"):
        response = await api.client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 503
        assert "make setup" in response.text
    # GraphQL itself does not need the front end.
    answer = await api.client.post("/graphql", json={"query": "{ __typename }"})
    assert answer.json() == {"data": {"__typename": "Query"}}

"""The front end the API serves: the article explorer at ``/``, its bundled assets
under ``/static/``, GraphiQL's page, and the Neo4j Browser guide and style under
``/neo4j/``.

The assets are built from ``web/`` by ``make setup`` (esbuild, versions pinned by
``web/package-lock.json``) into ``api/static/``, which git ignores. Nothing the
pages load comes from another host: the scripts, styles and fonts are all here.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from api.browser_guide import render_guide
from api.settings import PROJECT_ROOT, Settings

STATIC = Path(__file__).resolve().parent / "static"
CYPHER_DOC = PROJECT_ROOT / "docs" / "cypher.md"
NOT_BUILT = (
    "The front end is not built: {missing} is missing. Run `make setup` (it needs Node 20 "
    "and npm), or `cd web && npm ci && npm run build`."
)
# The Browser fetches the guide and the style from its own origin (the Neo4j HTTP port).
_ANY_ORIGIN = {"Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache"}


def _page(name: str) -> Response:
    path = STATIC / name
    if not path.is_file():
        return PlainTextResponse(NOT_BUILT.format(missing=path), status_code=503)
    return FileResponse(path, media_type="text/html", headers={"Cache-Control": "no-cache"})


async def explorer(request: Request) -> Response:
    return _page("index.html")


def graphiql_page() -> Response:
    """GraphiQL from the local bundle (served by the GraphQL view for a browser's GET)."""
    return _page("graphiql.html")


def _origin(request: Request) -> str:
    return str(request.base_url).rstrip("/")


async def browser_guide(request: Request) -> Response:
    if not CYPHER_DOC.is_file():
        return PlainTextResponse(f"{CYPHER_DOC} is missing.", status_code=404)
    origin = _origin(request)
    page = render_guide(
        CYPHER_DOC.read_text(encoding="utf-8"),
        style_url=f"{origin}/neo4j/browser.grass",
        explorer_url=f"{origin}/",
    )
    return HTMLResponse(page, headers=_ANY_ORIGIN)


async def browser_style(request: Request) -> Response:
    grass = files("graph").joinpath("browser.grass").read_text(encoding="utf-8")
    return PlainTextResponse(grass, headers=_ANY_ORIGIN)


def browser_guide_command(settings: Settings) -> str:
    """What to type in Neo4j Browser to open the guide. ``localhost`` because the
    Browser fetches guides only from the hosts of its allowlist, which has
    ``localhost`` by default (and it resolves to this machine's loopback)."""
    return f":play http://localhost:{settings.api_port}/neo4j/guide.html"


def routes() -> list[BaseRoute]:
    return [
        Route("/", explorer, methods=["GET"]),
        Route("/neo4j/guide.html", browser_guide, methods=["GET"]),
        Route("/neo4j/browser.grass", browser_style, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static"),
    ]

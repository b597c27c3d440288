"""The RDF endpoints: the whole graph, one article's named graph, dereferenceable URIs.

=============================  ===================================================
``GET /rdf``                   the whole graph, streamed in every format
``GET /rdf/article/{id}``      one article's named graph (``article/ab12`` or ``ab12``)
``GET /id/{kind}/{key}``       one entity, fact, span or concept (``/id/person/x``)
``GET /{kind}/{key}``          303 See Other to ``/id/{kind}/{key}``, so URIs minted
                               with the default base (the API's own address) resolve
``GET /rdf/context.jsonld``    the published JSON-LD ``@context``
``GET /rdf/shapes.ttl``        the SHACL shapes a valid export conforms to
=============================  ===================================================

The format comes from ``?format=`` (``ttl``, ``nt``, ``jsonld``, ``rdfxml``, ``trig``,
``nq``, or a media type) or else from the ``Accept`` header, by quality; ``*/*``
gets the route's first format. An ``Accept`` the route cannot serve is answered
406 with the types it can; an unknown ``?format=`` 400; an unknown id 404.
A browser (``text/html``) gets an HTML page of the entity, and ``application/json``
the JSON-LD document under that type.

The routes read the process's driver from ``request.app.state.runtime``, which
:func:`api.app.create_app`'s lifespan sets. Their errors (406, 404, 503 while Neo4j
is down) become responses in the app's ``exception_handlers`` (:mod:`api.http_errors`).
"""

from __future__ import annotations

import html
import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from importlib import resources

from rdflib import Graph, Literal, URIRef
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from api.http_errors import Unacceptable
from api.runtime import runtime_of
from api.settings import Settings
from graph.curation import survivor_of
from graph.errors import NotFound
from graph.rdf import (
    ConceptScheme,
    Emitted,
    RdfExportError,
    RdfFormat,
    RdfSource,
    describe,
    graph_of,
    stream,
    write_all,
)
from schema.labels import Label
from schema.vocab import SDO, SKOS

HTML = "text/html"
JSON = "application/json"

# Per route, the representations it offers, the preferred first (what */* gets).
_DUMP = (RdfFormat.NT, RdfFormat.NQ, RdfFormat.TTL, RdfFormat.TRIG, RdfFormat.JSONLD,
         RdfFormat.RDFXML)  # fmt: skip
_ARTICLE = (RdfFormat.TTL, RdfFormat.TRIG, RdfFormat.NQ, RdfFormat.NT, RdfFormat.JSONLD,
            RdfFormat.RDFXML)  # fmt: skip
_ENTITY = (RdfFormat.TTL, RdfFormat.JSONLD, RdfFormat.NT, RdfFormat.RDFXML)

_KINDS = tuple(label.kind for label in Label) + tuple(s.value for s in ConceptScheme)


@dataclass(frozen=True, slots=True)
class Choice:
    """The negotiated representation: an RDF format, or HTML / JSON for a browser."""

    media_type: str
    format: RdfFormat | None = None


def _accepted(header: str) -> tuple[list[str], set[str]]:
    """``Accept`` as its media ranges, best first, and the ranges it refuses (``q=0``)."""
    ranges: list[tuple[float, int, int, str]] = []
    refused: set[str] = set()
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            refused.add(media)
            continue
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((-quality, -specificity, index, media))
    return [media for _, _, _, media in sorted(ranges)], refused


def negotiate(request: Request, offers: Sequence[RdfFormat], *, browser: bool) -> Choice:
    """The representation to send: ``?format=`` first, else the best ``Accept`` match."""
    named = request.query_params.get("format")
    choices = [Choice(f.media_type, f) for f in offers]
    if browser:
        choices += [Choice(HTML), Choice(JSON)]
    if named:
        wanted = named.strip().lower()
        for choice in choices:
            subtype = choice.media_type.partition("/")[2]
            if choice.format is None and wanted in (choice.media_type, subtype):
                return choice
        try:
            fmt = RdfFormat.parse(named)
        except RdfExportError as exc:
            raise Unacceptable(400, str(exc)) from exc
        if fmt not in offers:
            raise Unacceptable(400, f"format={named} is not offered here; use {_names(offers)}.")
        return Choice(fmt.media_type, fmt)
    header = request.headers.get("accept", "").strip() or "*/*"
    ranges, refused = _accepted(header)
    for media in ranges:
        for choice in choices:
            if choice.media_type in refused:
                continue
            major = choice.media_type.split("/")[0]
            if media in ("*/*", f"{major}/*", choice.media_type):
                return choice
    types = ", ".join(c.media_type for c in choices)
    raise Unacceptable(406, f"None of the types in Accept: {header} is offered; use {types}.")


def _names(offers: Sequence[RdfFormat]) -> str:
    return ", ".join(f.value for f in offers)


def _source(request: Request, settings: Settings) -> RdfSource:
    runtime = runtime_of(request)
    return RdfSource(runtime.driver, runtime.connection.database, settings.rdf_base)


def _content_type(media_type: str) -> str:
    return media_type if media_type.endswith("json") else f"{media_type}; charset=utf-8"


async def _streamed(chunks: AsyncIterator[bytes], media_type: str) -> Response:
    """Stream ``chunks``; the first is awaited here, so a NotFound is still a 404."""
    try:
        first = await anext(chunks)
    except StopAsyncIteration:
        first = b""

    async def body() -> AsyncIterator[bytes]:
        yield first
        async for chunk in chunks:
            yield chunk

    return StreamingResponse(
        body(), media_type=_content_type(media_type), headers={"Vary": "Accept"}
    )


def routes(settings: Settings) -> list[Route]:
    """The RDF routes, for :func:`api.app.create_app`."""

    async def dump(request: Request) -> Response:
        choice = negotiate(request, _DUMP, browser=False)
        return await _graph_response(_source(request, settings), choice, None)

    async def article(request: Request) -> Response:
        article_id = request.path_params["id"]
        if not article_id.startswith(f"{Label.ARTICLE.kind}/"):
            article_id = f"{Label.ARTICLE.kind}/{article_id}"
        choice = negotiate(request, _ARTICLE, browser=False)
        return await _graph_response(_source(request, settings), choice, article_id)

    async def entity(request: Request) -> Response:
        node_id = f"{request.path_params['kind']}/{request.path_params['key']}"
        choice = negotiate(request, _ENTITY, browser=True)
        try:
            found = await describe(_source(request, settings), node_id)
        except NotFound:  # curation (issue 15): a merged-away entity's URI redirects
            runtime = runtime_of(request)
            moved = await survivor_of(runtime.driver, runtime.connection.database, node_id)
            if moved is None:
                raise
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse(f"/id/{moved}{query}", status_code=303)
        subject = URIRef(f"{settings.rdf_base}/{node_id}")
        headers = {"Vary": "Accept"}
        if choice.media_type == HTML:
            page = _html(graph_of(found), subject, settings.rdf_base)
            return HTMLResponse(page, headers=headers)
        if choice.media_type == JSON:
            return Response(_json(found, subject), media_type=JSON, headers=headers)
        fmt = choice.format or RdfFormat.JSONLD
        return Response(
            write_all(found, fmt), media_type=_content_type(choice.media_type), headers=headers
        )

    async def see_other(request: Request) -> Response:
        target = f"/id{request.url.path}"
        if request.url.query:
            target += f"?{request.url.query}"
        return RedirectResponse(target, status_code=303)

    async def context(request: Request) -> Response:
        return _packaged("context.jsonld", "application/ld+json")

    async def shapes(request: Request) -> Response:
        return _packaged("shapes.ttl", "text/turtle; charset=utf-8")

    found: list[Route] = [
        Route("/rdf", dump, methods=["GET"]),
        Route("/rdf/context.jsonld", context, methods=["GET"]),
        Route("/rdf/shapes.ttl", shapes, methods=["GET"]),
        Route("/rdf/article/{id:path}", article, methods=["GET"]),
        Route("/id/{kind}/{key:path}", entity, methods=["GET"]),
    ]
    # URIs minted on the default base ({api}/person/x) resolve through a 303.
    for kind in _KINDS:
        found.append(Route(f"/{kind}/{{key:path}}", see_other, methods=["GET"]))
    return found


async def _graph_response(source: RdfSource, choice: Choice, article: str | None) -> Response:
    fmt = choice.format or RdfFormat.TTL
    return await _streamed(stream(source, fmt, article), fmt.media_type)


def _packaged(name: str, media_type: str) -> Response:
    body = resources.files("schema").joinpath(name).read_bytes()
    return Response(body, media_type=media_type, headers={"Cache-Control": "max-age=3600"})


# -- JSON and HTML for a browser -----------------------------------------------------------


def _json(found: list[Emitted], subject: URIRef) -> bytes:
    """The JSON-LD document with the entity itself first in ``@graph``."""
    document = json.loads(write_all(found, RdfFormat.JSONLD))
    nodes = document.get("@graph")
    if isinstance(nodes, list):
        document["@graph"] = sorted(nodes, key=lambda n: n.get("id") != str(subject))
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _label(graph: Graph, node: URIRef | Literal) -> str:
    if isinstance(node, Literal):
        return str(node)
    for predicate in (SDO.name, SKOS.prefLabel, SDO.headline):
        value = graph.value(node, predicate)
        if value is not None:
            return str(value)
    return str(node)


def _cell(graph: Graph, node: object, base: str) -> str:
    if isinstance(node, URIRef):
        href = str(node)
        if href.startswith(base + "/"):
            href = "/id/" + href[len(base) + 1 :].split("#")[0]
        text = html.escape(_label(graph, node))
        return f'<a href="{html.escape(href)}">{text}</a>'
    if isinstance(node, Literal):
        value = html.escape(str(node)).replace("\n", "<br>")
        return value if node.datatype is None else f"{value} <small>({node.datatype})</small>"
    return html.escape(str(node))


def _html(graph: Graph, subject: URIRef, base: str) -> str:
    title = html.escape(_label(graph, subject))
    rows = []
    for predicate, obj in sorted(graph.predicate_objects(subject)):
        name = graph.namespace_manager.normalizeUri(str(predicate))
        rows.append(f"<tr><th>{html.escape(name)}</th><td>{_cell(graph, obj, base)}</td></tr>")
    formats = " · ".join(
        f'<a href="?format={f.value}">{html.escape(f.media_type)}</a>' for f in _ENTITY
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{title}</title></head><body>"
        f"<h1>{title}</h1><p><code>{html.escape(str(subject))}</code></p>"
        f"<table>{''.join(rows)}</table>"
        f"<p>Also as {formats}.</p></body></html>"
    )

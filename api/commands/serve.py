"""``newsgraph serve``: run the HTTP API with uvicorn; ``newsgraph graphql-schema``:
write (or check) the committed SDL, schema/schema.graphql."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from api.settings import PROJECT_ROOT, Settings

SDL_PATH = PROJECT_ROOT / "schema" / "schema.graphql"


def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None, typer.Option(help="Interface to listen on (NEWSGRAPH_API_HOST).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (NEWSGRAPH_API_PORT).")] = None,
    access_log: Annotated[
        bool, typer.Option(help="Log every request (off by default: it costs CPU per request).")
    ] = False,
) -> None:
    """Serve GraphQL at /graphql (GraphiQL in a browser), /healthz and /readyz."""
    from api.app import create_app

    # The options override the settings, so the RDF URIs minted without
    # NEWSGRAPH_BASE_URI name the address actually served.
    base: Settings = ctx.obj
    settings = base.replace(api_host=host or base.api_host, api_port=port or base.api_port)
    uvicorn.run(
        create_app(settings),
        host=settings.api_host,
        port=settings.api_port,
        proxy_headers=False,
        access_log=access_log,
        loop="uvloop",  # the event loop and HTTP parser in C: less CPU per request
        http="httptools",
        log_level="debug" if settings.debug else "info",
    )


def graphql_schema(
    check: Annotated[
        bool, typer.Option(help="Exit 1 if the file differs from the code's schema.")
    ] = False,
    path: Annotated[Path, typer.Option(help="Where the SDL lives.")] = SDL_PATH,
) -> None:
    """Write the GraphQL SDL of the code's schema to schema/schema.graphql."""
    from api.graphql.schema import sdl

    text = sdl()
    if check:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            typer.echo(f"{path} differs from the code's schema; run `newsgraph graphql-schema`.")
            raise typer.Exit(1)
        typer.echo(f"{path} is up to date.")
        return
    path.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("graphql-schema")(graphql_schema)

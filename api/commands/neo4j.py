"""``newsgraph neo4j start | stop | status``: the project's local Neo4j server."""

from __future__ import annotations

import shlex
from dataclasses import replace
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from api.settings import Settings
from api.web import browser_guide_command
from graph.server import LocalNeo4j, ServerStatus

app = typer.Typer(help="Run the project's local Neo4j server (Community 5.26 LTS).")
console = Console()

Instance = Annotated[
    str | None, typer.Option(help="Instance name; each has its own data, logs and password.")
]
BoltPort = Annotated[int | None, typer.Option(help="Bolt port (NEWSGRAPH_NEO4J_BOLT_PORT).")]
HttpPort = Annotated[int | None, typer.Option(help="HTTP port (NEWSGRAPH_NEO4J_HTTP_PORT).")]


def _server(
    ctx: typer.Context, instance: str | None, bolt_port: int | None, http_port: int | None
) -> LocalNeo4j:
    settings: Settings = ctx.obj
    config = settings.local_server()
    return LocalNeo4j(
        replace(
            config,
            instance=instance or config.instance,
            bolt_port=bolt_port or config.bolt_port,
            http_port=http_port or config.http_port,
        )
    )


def _print_status(status: ServerStatus, server: LocalNeo4j, settings: Settings) -> None:
    table = Table(show_header=False, box=None)
    table.add_row("state", "[green]running[/]" if status.running else "[yellow]stopped[/]")
    if status.pid is not None:
        table.add_row("pid", str(status.pid))
    table.add_row("version", f"Neo4j Community {status.version}")
    table.add_row("bolt", status.bolt_uri)
    table.add_row("browser", status.browser_url)
    # Typed in the Browser's editor while the API (`newsgraph serve`) runs.
    table.add_row("guide", browser_guide_command(settings))
    table.add_row("user", status.user)
    table.add_row("password file", str(server.password_file))
    table.add_row("home", str(status.home))
    console.print(table)


@app.command()
def start(
    ctx: typer.Context,
    instance: Instance = None,
    bolt_port: BoltPort = None,
    http_port: HttpPort = None,
    fresh: Annotated[
        bool, typer.Option(help="Throw the instance's data away first (for tests).")
    ] = False,
    env: Annotated[
        bool, typer.Option(help="Print shell `export` lines for NEWSGRAPH_NEO4J_* instead.")
    ] = False,
) -> None:
    """Start the server (once: a running one is left alone) and wait until Bolt answers."""
    server = _server(ctx, instance, bolt_port, http_port)
    if env:
        status = server.start(fresh=fresh)
        exports = {
            "NEWSGRAPH_NEO4J_URI": status.bolt_uri,
            "NEWSGRAPH_NEO4J_USER": status.user,
            "NEWSGRAPH_NEO4J_PASSWORD": server.password(),
            "NEWSGRAPH_NEO4J_INSTANCE": server.config.instance,
            "NEWSGRAPH_NEO4J_BOLT_PORT": str(server.config.bolt_port),
            "NEWSGRAPH_NEO4J_HTTP_PORT": str(server.config.http_port),
        }
        for name, value in exports.items():
            typer.echo(f"export {name}={shlex.quote(value)}")
        return
    was_running = server.pid() is not None and not fresh
    with console.status("Starting Neo4j (the first start fetches it from Maven Central)..."):
        status = server.start(fresh=fresh)
    console.print("Neo4j was already running." if was_running else "Neo4j started.")
    _print_status(status, server, ctx.obj)


@app.command()
def stop(
    ctx: typer.Context,
    instance: Instance = None,
    bolt_port: BoltPort = None,
    http_port: HttpPort = None,
) -> None:
    """Stop the server if it runs."""
    server = _server(ctx, instance, bolt_port, http_port)
    console.print("Neo4j stopped." if server.stop() else "Neo4j was not running.")


@app.command()
def status(
    ctx: typer.Context,
    instance: Instance = None,
    bolt_port: BoltPort = None,
    http_port: HttpPort = None,
) -> None:
    """Print whether the server runs, its Bolt URI, Browser URL and user."""
    server = _server(ctx, instance, bolt_port, http_port)
    state = server.status()
    _print_status(state, server, ctx.obj)
    if not state.running:
        raise typer.Exit(3)

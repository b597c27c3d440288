"""The ``newsgraph`` command line.

Each sub-command lives in :mod:`api.commands`; this module builds the typer
app, reads the settings once, and turns the project's expected errors into a
message on stderr and a non-zero exit code instead of a traceback.
"""

from __future__ import annotations

import logging
import os
import sys

import typer
from rich.console import Console

from api.commands import cypher, delete, export, extract, ingest, migrate, serve
from api.commands import neo4j as neo4j_commands
from api.settings import Settings, SettingsError
from graph.errors import GraphError

app = typer.Typer(
    name="newsgraph",
    help="Turn news articles into a Neo4j knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(neo4j_commands.app, name="neo4j")

# Every command module has a `register(app)` function; an import error is an error.
for _module in (migrate, extract, ingest, delete, cypher, serve, export):
    _module.register(app)

_err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _settings(ctx: typer.Context) -> None:
    try:
        ctx.obj = Settings.from_env(os.environ)
    except SettingsError as exc:
        _err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from exc


def main() -> None:
    # The driver's own log lines (a defunct connection, a retry) are not for a person
    # at a terminal: the commands report what failed and what to do, once.
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    try:
        app()
    except (GraphError, SettingsError) as exc:
        _err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(1)

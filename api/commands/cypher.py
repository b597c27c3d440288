"""``newsgraph cypher 'QUERY' [--param name=value ...] [--format table|json] [--write]``.

The analyst's terminal way into the graph (Neo4j's cypher-shell is not on Maven
Central). Queries run read-only: the server refuses a write unless ``--write``.
"""

from __future__ import annotations

import asyncio
import json
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api.connection import resolve_connection
from api.settings import Settings
from graph.cypher import JsonValue, QueryResult, run_query
from graph.driver import Connection, open_driver
from graph.errors import GraphError

console = Console()
err = Console(stderr=True)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class ParamError(ValueError):
    pass


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """``name=value`` pairs; a value that reads as JSON (``5``, ``true``, ``["a"]``) is
    that value, anything else is a string (``name=Cressida Dick``)."""
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name.strip():
            raise ParamError(f"--param {pair!r} is not name=value.")
        try:
            params[name.strip()] = json.loads(text)
        except json.JSONDecodeError:
            params[name.strip()] = text
    return params


def _cell(value: JsonValue) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        props = value.get("properties")
        kinds = value.get("labels") or [value.get("type")]
        if isinstance(props, dict) and isinstance(kinds, list):
            shown = props.get("name") or props.get("id") or ""
            return f"({':'.join(str(kind) for kind in kinds if kind)} {shown})"
    return json.dumps(value, ensure_ascii=False)


def render(result: QueryResult, output: OutputFormat) -> None:
    if output is OutputFormat.JSON:
        typer.echo(json.dumps(result.as_objects(), ensure_ascii=False, indent=2))
        return
    table = Table(*result.columns, show_lines=False)
    for row in result.rows:
        table.add_row(*(_cell(value) for value in row))
    console.print(table)
    changed = result.counts
    note = f"{len(result.rows)} row{'s' * (len(result.rows) != 1)}"
    if changed.changed:
        note += (
            f"; {changed.nodes_created} nodes and {changed.relationships_created} relationships "
            f"created, {changed.nodes_deleted} nodes and {changed.relationships_deleted} "
            f"relationships deleted, {changed.properties_set} properties set"
        )
    err.print(note, style="dim")


async def _query(
    connection: Connection, query: str, params: dict[str, Any], write: bool
) -> QueryResult:
    driver = await open_driver(connection)
    try:
        return await run_query(driver, connection.database, query, params, write=write)
    finally:
        await driver.close()


def cypher_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="The Cypher query; pass values as $parameters.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="name=value (JSON if it parses, else a string)."),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table or json.")
    ] = OutputFormat.TABLE,
    write: Annotated[
        bool, typer.Option("--write", help="Allow the query to change the graph.")
    ] = False,
) -> None:
    """Run a Cypher query against the configured database and print the rows."""
    settings: Settings = ctx.obj
    try:
        params = parse_params(param or [])
        result = asyncio.run(_query(resolve_connection(settings), query, params, write))
    except (ParamError, GraphError) as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    render(result, output)


def register(app: typer.Typer) -> None:
    """Add the ``cypher`` command to the CLI application."""
    app.command("cypher")(cypher_command)

"""``newsgraph curate merge | split | list | undo | suggest``: decisions a person makes
about entities, kept in the graph and applied on every load (graph/curation.py)."""

from __future__ import annotations

import asyncio
import getpass
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer
from neo4j import AsyncDriver
from rich.console import Console
from rich.table import Table

from api.connection import resolve_connection
from api.settings import Settings
from graph import curation
from graph.decisions import Decision, DecisionKind
from graph.driver import open_driver
from graph.errors import GraphError

app = typer.Typer(
    help="Merge entities, split an alias off one, list, undo and get suggestions.",
    no_args_is_help=True,
)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

T = TypeVar("T")

Why = Annotated[
    str, typer.Option("--why", help="Why you decided it (kept with the decision; required).")
]
By = Annotated[
    str | None, typer.Option("--by", help="Who decides (default: your login name).")
]


def _who(by: str | None) -> str:
    return by or getpass.getuser()


def _run(ctx: typer.Context, work: Callable[[AsyncDriver, str], Awaitable[T]]) -> T:
    settings: Settings = ctx.obj

    async def go() -> T:
        connection = resolve_connection(settings)
        driver = await open_driver(connection)
        try:
            return await work(driver, connection.database)
        finally:
            await driver.close()

    try:
        return asyncio.run(go())
    except GraphError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from exc


def _describe(decision: Decision) -> str:
    if decision.kind is DecisionKind.MERGE:
        return f"{decision.other} merged into {decision.entity}"
    return f"alias {decision.alias!r} split off {decision.entity} (as {decision.other})"


@app.command("merge")
def merge_command(
    ctx: typer.Context,
    survivor: Annotated[str, typer.Argument(help="The entity that stays, e.g. person/jane-roe.")],
    other: Annotated[str, typer.Argument(help="The entity merged into it (its id redirects).")],
    why: Why,
    by: By = None,
) -> None:
    """Record that two entities of one kind are one; the second merges into the first."""
    result = _run(ctx, lambda driver, db: curation.merge(
        driver, db, survivor, other, why=why, by=_who(by)))
    _report(result)


def _report(result: curation.CurationResult) -> None:
    console.print(
        f"{_describe(result.decision)}: decision {result.decision.id}; "
        f"{len(result.articles)} article(s) written again.", highlight=False,
    )


@app.command("split")
def split_command(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="The entity the alias does not belong to.")],
    alias: Annotated[str, typer.Argument(help="One of its aliases, as `curate suggest` or "
                                               "GraphQL shows it.")],
    why: Why,
    by: By = None,
) -> None:
    """Record that an alias is not the entity: mentions worded so become their own entity."""
    result = _run(ctx, lambda driver, db: curation.split(
        driver, db, entity, alias, why=why, by=_who(by)))
    _report(result)


@app.command("undo")
def undo_command(
    ctx: typer.Context,
    decision: Annotated[str, typer.Argument(help="The decision's id (see `curate list`).")],
    by: By = None,
) -> None:
    """Undo a decision: its articles are written again from their evidence alone."""
    result = _run(ctx, lambda driver, db: curation.undo(driver, db, decision, by=_who(by)))
    console.print(
        f"Undone {result.decision.id} ({_describe(result.decision)}); "
        f"{len(result.articles)} article(s) written again.", highlight=False,
    )


@app.command("list")
def list_command(ctx: typer.Context) -> None:
    """Every decision, oldest first, with who made it, when and why."""
    found = _run(ctx, curation.decisions)
    if not found:
        console.print("No decisions yet (`newsgraph curate suggest` lists likely duplicates).")
        return
    table = Table("id", "decision", "by", "at", "why", "state")
    for d in found:
        state = "active" if d.active else f"undone {d.undone_at:%Y-%m-%d %H:%M} by {d.undone_by}"
        table.add_row(d.id, _describe(d), d.by, f"{d.at:%Y-%m-%d %H:%M}", d.why, state)
    console.print(table)


@app.command("suggest")
def suggest_command(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many to show.")] = 20,
) -> None:
    """Likely duplicates, best first: aliases, surnames, similar names within one kind."""
    found = _run(ctx, lambda driver, db: curation.suggest(driver, db, limit))
    if not found:
        console.print("No likely duplicates.")
        return
    table = Table("score", "first", "second", "why")
    for s in found:
        table.add_row(f"{s.score:.2f}", f"{s.first} ({s.first_name})",
                      f"{s.second} ({s.second_name})", s.reason)
    console.print(table)


def register(root: typer.Typer) -> None:
    """Add the ``curate`` commands to the CLI application."""
    root.add_typer(app, name="curate")

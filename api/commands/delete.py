"""``newsgraph delete ARTICLE_ID``: remove one article and every fact only it supported."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console

from api.connection import resolve_connection
from api.settings import Settings
from graph.driver import Connection, open_driver
from graph.errors import GraphError
from graph.records import DeleteResult
from graph.writer import delete_article
from schema.ids import article_id

console = Console()
err = Console(stderr=True)


async def _delete(connection: Connection, article: str) -> DeleteResult:
    driver = await open_driver(connection)
    try:
        return await delete_article(driver, connection.database, article)
    finally:
        await driver.close()


def delete_command(
    ctx: typer.Context,
    article: Annotated[
        str, typer.Argument(help="Article id (article/…), or the URL it was loaded from.")
    ],
) -> None:
    """Delete an article; entities that other articles support stay."""
    settings: Settings = ctx.obj
    key = article_id(article) if article.startswith(("http://", "https://")) else article
    try:
        result = asyncio.run(_delete(resolve_connection(settings), key))
    except GraphError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    counts = result.counts
    console.print(
        f"Deleted {result.article_id}: {result.facts_deleted} facts left without evidence, "
        f"{counts.nodes_deleted} nodes and {counts.relationships_deleted} relationships in all."
    )


def register(app: typer.Typer) -> None:
    """Add the ``delete`` command to the CLI application."""
    app.command("delete")(delete_command)

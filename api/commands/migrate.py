"""``newsgraph migrate``: check the database connection and apply the schema migrations."""

from __future__ import annotations

import asyncio

import typer
from rich.console import Console

from api.connection import resolve_connection
from api.settings import Settings
from graph.driver import Connection, open_driver
from graph.migrations import MIGRATIONS, apply_migrations

console = Console()


async def _migrate(connection: Connection) -> None:
    driver = await open_driver(connection)
    try:
        await apply_migrations(driver, connection.database)
    finally:
        await driver.close()


def register(app: typer.Typer) -> None:
    @app.command()
    def migrate(ctx: typer.Context) -> None:
        """Connect to the configured Neo4j and create any missing constraint or index."""
        settings: Settings = ctx.obj
        connection = resolve_connection(settings)
        asyncio.run(_migrate(connection))
        console.print(
            f"{connection.uri} ({connection.database}): {len(MIGRATIONS)} constraints and "
            "indexes in place."
        )

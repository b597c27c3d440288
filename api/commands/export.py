"""``newsgraph export``: the graph in Neo4j as RDF (Turtle, N-Triples, JSON-LD, RDF/XML,
TriG, N-Quads), the whole of it or one article's named graph.

Every format is streamed batch by batch, so a large graph never sits in memory
whole. A file named with ``-o`` is written beside itself and renamed into place
only when the export has succeeded, so a failed export never leaves half a file
behind.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from rich.console import Console

from api.connection import resolve_connection
from api.settings import Settings
from graph.driver import Connection, open_driver
from graph.rdf import DEFAULT_BATCH, RdfFormat, RdfSource, stream

_err = Console(stderr=True)


async def _write(
    connection: Connection,
    base: str,
    fmt: RdfFormat,
    article: str | None,
    out: BinaryIO,
    batch_size: int,
) -> int:
    driver = await open_driver(connection)
    try:
        source = RdfSource(driver, connection.database, base, batch_size)
        written = 0
        async for chunk in stream(source, fmt, article):
            out.write(chunk)
            written += len(chunk)
        return written
    finally:
        await driver.close()


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command(
        ctx: typer.Context,
        fmt: Annotated[
            RdfFormat,
            typer.Option(
                "--format",
                "-f",
                help="ttl (Turtle), nt (N-Triples), jsonld (JSON-LD), rdfxml, trig or nq "
                "(N-Quads): one named graph per article in TriG and N-Quads. Every format "
                "is streamed.",
            ),
        ] = RdfFormat.TTL,
        article: Annotated[
            str | None,
            typer.Option(help="Only this article's named graph (an id like article/ab12...)."),
        ] = None,
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", help="Write to this file instead of stdout."),
        ] = None,
        batch_size: Annotated[
            int, typer.Option(min=1, help="Nodes read from Neo4j per round trip.")
        ] = DEFAULT_BATCH,
    ) -> None:
        """Export the graph as RDF; URIs are {NEWSGRAPH_BASE_URI}/{id}."""
        settings: Settings = ctx.obj
        connection = resolve_connection(settings)
        started = time.perf_counter()
        if output is None:
            size = asyncio.run(
                _write(connection, settings.rdf_base, fmt, article, sys.stdout.buffer, batch_size)
            )
            sys.stdout.buffer.flush()
            return
        if not output.parent.is_dir():
            raise typer.BadParameter(f"folder {output.parent} does not exist", param_hint="-o")
        partial = output.with_name(output.name + ".partial")
        try:
            with partial.open("wb") as out:
                size = asyncio.run(
                    _write(connection, settings.rdf_base, fmt, article, out, batch_size)
                )
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
        _err.print(
            f"Wrote {output} ({fmt.media_type}, {size:,} bytes) in "
            f"{time.perf_counter() - started:.1f} s.",
            highlight=False,
        )

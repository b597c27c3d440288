"""``newsgraph ingest SOURCE...``: read, extract and write articles into the graph.

Sources are paths, globs (``data/*.txt``, ``news/**/*.html``), folders (their
``.txt``, ``.html``, ``.htm`` and ``.json`` files), http(s) URLs, or ``-`` for
stdin. They go through :mod:`api.pipeline` in batches of ``--batch-size``: an
article whose stored checksum is the same is skipped unread by the extractor; the
others are extracted in ``--workers`` processes (or on the Dask cluster of
``--cluster``) and written one batch per transaction. A batch that fails is
written again article by article, so one bad article is reported and the others
land. The exit code is 1 when any article failed.

Every failure is one line on stderr, ``error: SOURCE: reason``, with the full
source; the summary table goes to stdout. When Neo4j stops answering, the command
stops at once (the other articles would only wait for it too) and says what was
written and what was not: running it again skips what is already there.
"""

from __future__ import annotations

import asyncio
import glob
import sys
import time
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.connection import resolve_connection
from api.extractors import (
    ClusterError,
    DaskExtractor,
    Extractor,
    LocalExtractor,
    default_workers,
)
from api.pipeline import DEFAULT_BATCH_SIZE, ExtractionStopped, Outcome, Pipeline
from api.settings import Settings
from graph.driver import Connection, open_driver
from graph.migrations import apply_migrations
from graph.records import Counts, WriteStatus
from loaders import ModelNotFoundError, read
from loaders.nlp import check_model
from schema.model import Article

console = Console()
err = Console(stderr=True, soft_wrap=True, highlight=False)

# Seconds the driver retries a write whose connection failed, before we stop.
WRITE_RETRY_S = 10.0

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")
_GLOB_CHARS = frozenset("*?[")


def expand_sources(sources: list[str]) -> tuple[list[str], list[Outcome]]:
    """Sources to read, in order and without repeats, and those that name nothing."""
    expanded: list[str] = []
    missing: list[Outcome] = []
    for source in sources:
        if source == "-" or source.startswith(("http://", "https://")):
            expanded.append(source)
        elif _GLOB_CHARS & set(source):
            matches = sorted(m for m in glob.glob(source, recursive=True) if Path(m).is_file())
            if not matches:
                missing.append(Outcome(source, error="no file matches this pattern"))
            expanded += matches
        elif Path(source).is_dir():
            files = sorted(
                str(p) for p in Path(source).rglob("*")
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not files:
                missing.append(Outcome(source, error="the folder holds no article files"))
            expanded += files
        else:
            expanded.append(source)
    return list(dict.fromkeys(expanded)), missing


def _reader(settings: Settings) -> partial[Article]:
    return partial(
        read,
        max_bytes=settings.max_article_bytes,
        timeout=settings.fetch_timeout,
        allow_networks=settings.fetch_allow_networks,
    )


async def _ingest(
    connection: Connection,
    settings: Settings,
    extractor: Extractor,
    sources: list[str],
    batch_size: int,
) -> tuple[list[Outcome], Counts]:
    driver = await open_driver(connection, retry_time=WRITE_RETRY_S)
    try:
        await apply_migrations(driver, connection.database)
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("ingesting", total=len(sources), rate="")
            started = time.monotonic()
            done = 0

            def advance(count: int) -> None:
                nonlocal done
                done += count
                rate = done / max(time.monotonic() - started, 1e-9)
                progress.update(task, advance=count, rate=f"{rate:,.1f} articles/s")

            pipeline = Pipeline(
                driver, connection.database, extractor, _reader(settings),
                batch_size=batch_size, on_progress=advance,
            )
            outcomes = await pipeline.run(sources)
    finally:
        await driver.close()
    return outcomes, pipeline.counts


def report_failures(outcomes: list[Outcome]) -> None:
    """One line on stderr per failed source, with the full source."""
    stopped = [o for o in outcomes if not o.attempted]
    for outcome in outcomes:
        if outcome.result is None and outcome.attempted:
            print(f"error: {outcome.source}: {outcome.error}", file=sys.stderr)
    if stopped:
        written = sum(o.result is not None for o in outcomes)
        failed = len(outcomes) - written
        print(
            f"error: Neo4j stopped answering, so ingest stopped: {written} of "
            f"{len(outcomes)} sources written, {failed} not (listed above and below). "
            "Start Neo4j (`newsgraph neo4j start`) and run the same command again; "
            "articles already written are skipped as unchanged.",
            file=sys.stderr,
        )
        for outcome in stopped:
            print(f"  not written: {outcome.source}", file=sys.stderr)


def _short(source: str, limit: int = 40) -> str:
    return source if len(source) <= limit else "…" + source[-(limit - 1) :]


def summary_table(outcomes: list[Outcome], totals: Counts | None = None) -> Table:
    """One row per source; the footer sums what the server created. An article written
    in one transaction with others has no counts of its own (the batch's are in the
    footer), so its cells say ``batch``."""
    table = Table(title="ingest", show_footer=True)
    ok = [o.result for o in outcomes if o.result is not None]
    if totals is None:
        totals = sum((r.counts for r in ok), Counts())
    table.add_column("source", footer=f"{len(outcomes)} sources")
    table.add_column("article", footer=f"{len(ok)} written")
    table.add_column("status", footer=(
        f"{sum(r.status is WriteStatus.UNCHANGED for r in ok)} unchanged, "
        f"{len(outcomes) - len(ok)} failed"
    ))
    table.add_column("nodes", justify="right", footer=str(totals.nodes_created))
    table.add_column("relationships", justify="right", footer=str(totals.relationships_created))
    table.add_column("note")
    for outcome in outcomes:
        result = outcome.result
        if result is None:
            status = "[red]failed[/]" if outcome.attempted else "[red]not written[/]"
            table.add_row(outcome.source, "", status, "", "", "see stderr")
            continue
        note = "; ".join(result.warnings[:2])
        if result.merged:
            merged = ", ".join(f"{a} -> {b}" for a, b in result.merged)
            note = f"merged {merged}" + (f"; {note}" if note else "")
        colour = {"created": "green", "updated": "yellow", "unchanged": "dim"}[result.status]
        own = not outcome.batched or result.status is WriteStatus.UNCHANGED
        table.add_row(
            outcome.source,
            result.article_id,
            f"[{colour}]{result.status}[/]",
            str(result.nodes_created) if own else "batch",
            str(result.relationships_created) if own else "batch",
            note,
        )
    return table


def ingest_command(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(help="Paths, globs, folders, http(s) URLs, or '-' for stdin."),
    ],
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1,
            help="Extraction processes on this machine, each holding the spaCy model "
            "(default: one per core).",
        ),
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", min=1,
            help="Articles per extraction job and per write transaction.",
        ),
    ] = DEFAULT_BATCH_SIZE,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster", metavar="tcp://HOST:PORT",
            help="Extract on the workers of this Dask scheduler instead of local processes.",
        ),
    ] = None,
) -> None:
    """Extract facts from articles and write them to the graph, in batched transactions."""
    settings: Settings = ctx.obj
    if cluster is not None and workers is not None:
        err.print(
            "[red]error:[/] --workers and --cluster exclude each other: --workers starts "
            "processes on this machine, --cluster uses the Dask cluster's workers. Give one."
        )
        raise typer.Exit(2)
    expanded, missing = expand_sources(sources)
    try:
        check_model(settings.spacy_model)
    except ModelNotFoundError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    connection = resolve_connection(settings)
    extractor: Extractor
    try:
        if cluster is not None:
            extractor = DaskExtractor(cluster, settings.spacy_model)
        else:
            extractor = LocalExtractor(settings.spacy_model, workers or default_workers())
    except ClusterError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    try:
        written, totals = asyncio.run(
            _ingest(connection, settings, extractor, expanded, batch_size)
        )
    except ExtractionStopped as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    finally:
        extractor.close()
    outcomes = missing + written
    console.print(summary_table(outcomes, totals))
    report_failures(outcomes)
    if any(o.result is None for o in outcomes):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``ingest`` command to the CLI application."""
    app.command("ingest")(ingest_command)

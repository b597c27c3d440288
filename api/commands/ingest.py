"""``newsgraph ingest SOURCE...``: read, extract and write articles into the graph.

Sources are paths, globs (``data/*.txt``, ``news/**/*.html``), folders (their
``.txt``, ``.html``, ``.htm`` and ``.json`` files), http(s) URLs, or ``-`` for
stdin. Each article is one write transaction; one that fails is reported with
its reason and the others go on. The exit code is 1 when any article failed.

Every failure is one line on stderr, ``error: SOURCE: reason``, with the full
source; the summary table goes to stdout. When Neo4j stops answering, the command
stops at once (the other articles would only wait for it too) and says what was
written and what was not: running it again skips what is already there.
"""

from __future__ import annotations

import asyncio
import glob
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from neo4j import AsyncDriver
from neo4j.exceptions import DriverError, Neo4jError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from spacy.language import Language

from api.runtime import resolve_connection
from api.settings import Settings
from graph.driver import Connection, open_driver
from graph.errors import GraphError, is_connection_failure
from graph.migrations import apply_migrations
from graph.records import WriteResult, WriteStatus
from graph.writer import stored_checksum, write_extraction
from loaders import ArticleError, ModelNotFoundError, extract, load_model, read

console = Console()
err = Console(stderr=True, soft_wrap=True, highlight=False)

# Seconds the driver retries a write whose connection failed, before we stop.
WRITE_RETRY_S = 10.0

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one source: a write result, or the reason it failed."""

    source: str
    result: WriteResult | None = None
    error: str | None = None
    attempted: bool = True


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


async def _ingest_one(
    driver: AsyncDriver, connection: Connection, settings: Settings, nlp: Language, source: str
) -> Outcome:
    try:
        article = read(
            source,
            max_bytes=settings.max_article_bytes,
            timeout=settings.fetch_timeout,
            allow_networks=settings.fetch_allow_networks,
        )
        if await stored_checksum(driver, connection.database, article.id) == article.checksum:
            return Outcome(source, result=WriteResult(article.id, WriteStatus.UNCHANGED))
        extraction = extract(article, nlp=nlp)
        result = await write_extraction(driver, connection.database, extraction)
    except ArticleError as exc:
        return Outcome(source, error=str(exc))
    except (GraphError, Neo4jError, DriverError) as exc:
        if is_connection_failure(exc):
            raise Stopped(source, exc) from exc
        return Outcome(source, error=f"could not write it to Neo4j: {exc}")
    return Outcome(source, result=result)


class Stopped(Exception):
    """Neo4j stopped answering while ``source`` was being written."""

    def __init__(self, source: str, cause: BaseException) -> None:
        super().__init__(f"{source}: {cause}")
        self.source = source


async def _ingest(
    connection: Connection, settings: Settings, nlp: Language, sources: list[str]
) -> list[Outcome]:
    driver = await open_driver(connection, retry_time=WRITE_RETRY_S)
    outcomes: list[Outcome] = []
    try:
        await apply_migrations(driver, connection.database)
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("ingesting", total=len(sources))
            for index, source in enumerate(sources):
                progress.update(task, description=_short(source))
                try:
                    outcomes.append(await _ingest_one(driver, connection, settings, nlp, source))
                except Stopped as stop:
                    outcomes += _not_attempted(sources[index:], stop)
                    break
                progress.advance(task)
    finally:
        await driver.close()
    return outcomes


def _not_attempted(rest: list[str], stop: Stopped) -> list[Outcome]:
    in_flight = (
        "not confirmed: Neo4j stopped answering while it was being written, so it was "
        "either written whole or not at all (an article is one transaction)"
    )
    return [Outcome(rest[0], error=in_flight)] + [
        Outcome(source, error="not written: Neo4j stopped answering", attempted=False)
        for source in rest[1:]
    ]


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


def summary_table(outcomes: list[Outcome]) -> Table:
    table = Table(title="ingest", show_footer=True)
    ok = [o.result for o in outcomes if o.result is not None]
    table.add_column("source", footer=f"{len(outcomes)} sources")
    table.add_column("article", footer=f"{len(ok)} written")
    table.add_column("status", footer=(
        f"{sum(r.status is WriteStatus.UNCHANGED for r in ok)} unchanged, "
        f"{len(outcomes) - len(ok)} failed"
    ))
    table.add_column("nodes", justify="right", footer=str(sum(r.nodes_created for r in ok)))
    table.add_column(
        "relationships", justify="right", footer=str(sum(r.relationships_created for r in ok))
    )
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
        table.add_row(
            outcome.source,
            result.article_id,
            f"[{colour}]{result.status}[/]",
            str(result.nodes_created),
            str(result.relationships_created),
            note,
        )
    return table


def ingest_command(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(help="Paths, globs, folders, http(s) URLs, or '-' for stdin."),
    ],
) -> None:
    """Extract facts from articles and write them to the graph (one transaction each)."""
    settings: Settings = ctx.obj
    expanded, missing = expand_sources(sources)
    try:
        nlp = load_model(settings.spacy_model)
    except ModelNotFoundError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    connection = resolve_connection(settings)
    outcomes = missing + asyncio.run(_ingest(connection, settings, nlp, expanded))
    console.print(summary_table(outcomes))
    report_failures(outcomes)
    if any(o.result is None for o in outcomes):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``ingest`` command to the CLI application."""
    app.command("ingest")(ingest_command)

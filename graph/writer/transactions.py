"""The write transactions: a batch of extractions, all or nothing.

One batch is one write transaction (``session.execute_write``): the driver retries
it when the server reports a transient error (a deadlock between concurrent
loads, a leader switch), and every statement is idempotent, so a retried or
repeated transaction changes nothing it has already done. In order:

1. read the stored articles' checksums: the same checksum is ``unchanged`` and
   nothing is written for it;
2. resolve entity ids (:mod:`graph.writer.resolution`, one statement);
3. for a new version of a stored article, remove the old version's contribution
   (:mod:`graph.writer.removal`);
4. write the articles, mentions, entities, containment, roles, events and
   statements, one ``UNWIND`` each (:mod:`graph.writer.merge`);
5. delete what step 3 left without evidence and bring derived properties up to
   date (:mod:`graph.writer.derived`).

:func:`write_batch` is what a bulk load uses: when a batch fails for a reason of
its own (not a lost connection), its articles are written again one per
transaction, so one bad article is reported and the others land.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError

from graph import decisions
from graph.errors import GraphError, is_connection_failure
from graph.records import BatchResult, Counts, WriteResult, WriteStatus
from graph.writer.derived import Touched, clean_up
from graph.writer.merge import write_rows
from graph.writer.removal import remove_contribution
from graph.writer.resolution import resolve
from graph.writer.rows import article_rows, combine, entity_labels
from graph.writer.runner import Statements, StatementsFactory
from graph.writer.stored import ARTICLE_CHECKSUMS
from schema.model import Extraction


@dataclass(frozen=True, slots=True)
class Written:
    """What one write transaction did: each article's result, and the batch's counters."""

    results: tuple[WriteResult, ...]
    counts: Counts


async def write_tx(
    tx: AsyncManagedTransaction,
    extractions: list[Extraction],
    statements: StatementsFactory = Statements,
) -> Written:
    """The transaction function of a batch (see the module's docstring)."""
    run = statements(tx)
    latest = {extraction.article.id: extraction for extraction in extractions}
    stored = {
        row["id"]: row["checksum"]
        for row in await run.run("checksum", ARTICLE_CHECKSUMS, articles=sorted(latest))
    }
    statuses = {
        aid: WriteStatus.UNCHANGED if stored.get(aid) == extraction.article.checksum
        else WriteStatus.UPDATED if aid in stored
        else WriteStatus.CREATED
        for aid, extraction in latest.items()
    }
    # In the order given: alias resolution treats the batch as written one by one.
    todo = [e for aid, e in latest.items() if statuses[aid] is not WriteStatus.UNCHANGED]
    if not todo:
        unchanged = tuple(WriteResult(aid, status) for aid, status in statuses.items())
        return Written(unchanged, run.counts)
    remap = await resolve(run, todo)
    # curation: the merge and split decisions people made apply to what is written
    loaded = todo
    todo, remap = decisions.apply(todo, remap, await decisions.active_decisions(run))
    parts = {e.article.id: article_rows(e, remap) for e in todo}
    rows = combine(list(parts.values()))
    updated = [aid for aid, status in sorted(statuses.items()) if status is WriteStatus.UPDATED]
    touched = (await remove_contribution(run, updated))[0] if updated else Touched({})
    await write_rows(run, [part.article for part in parts.values()], rows)
    await decisions.keep_extractions(run, loaded)  # so a decision can write them again
    await clean_up(run, touched, rows)

    results = []
    for aid, status in statuses.items():
        part = parts.get(aid)
        if part is None:
            results.append(WriteResult(aid, status))
            continue
        merged = tuple(sorted(
            (incoming, remap[incoming]) for incoming in entity_labels(latest[aid])
            if incoming in remap
        ))
        # One article alone: the transaction's counters are its own.
        counts = run.counts if len(latest) == 1 else Counts()
        results.append(WriteResult(aid, status, counts, merged, part.warnings))
    return Written(tuple(results), run.counts)


async def write_extraction(
    driver: AsyncDriver, database: str, extraction: Extraction
) -> WriteResult:
    """Write one article's extraction in one transaction (retried on transient errors)."""
    async with driver.session(database=database) as session:
        written = await session.execute_write(write_tx, [extraction])
    (result,) = written.results
    return result


async def write_extractions(
    driver: AsyncDriver, database: str, extractions: Iterable[Extraction]
) -> BatchResult:
    """Write several articles in one transaction: a bulk load, all or nothing.

    Each statement carries the rows of every article at once. Aliases resolve as if
    the articles were written one by one, in the order given; an article given
    twice is written once, as its last version.
    """
    batch = list(extractions)
    async with driver.session(database=database) as session:
        written = await session.execute_write(write_tx, batch)
    return BatchResult(tuple((r.article_id, r.status) for r in written.results), written.counts)


@dataclass(frozen=True, slots=True)
class ArticleFailure:
    """An article of a batch that could not be written, and why."""

    article_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """A batch written by :func:`write_batch`: each article's result or failure, the
    counters of everything written, and whether it went in one transaction."""

    results: tuple[WriteResult, ...]
    failures: tuple[ArticleFailure, ...]
    counts: Counts
    one_transaction: bool


_FAILURES = (GraphError, Neo4jError, DriverError)


async def write_batch(
    driver: AsyncDriver, database: str, extractions: list[Extraction]
) -> BatchOutcome:
    """Write a batch in one transaction; if it fails, each article in one of its own.

    A failure of the connection itself (Neo4j stopped answering) is raised at once:
    writing the articles one by one would only fail again.
    """
    try:
        async with driver.session(database=database) as session:
            written = await session.execute_write(write_tx, extractions)
        return BatchOutcome(written.results, (), written.counts, True)
    except _FAILURES as exc:
        if is_connection_failure(exc):
            raise
        if len(extractions) == 1:
            failure = ArticleFailure(extractions[0].article.id, str(exc))
            return BatchOutcome((), (failure,), Counts(), True)
    results: list[WriteResult] = []
    failures: list[ArticleFailure] = []
    counts = Counts()
    for extraction in extractions:
        try:
            result = await write_extraction(driver, database, extraction)
        except _FAILURES as exc:
            if is_connection_failure(exc):
                raise
            failures.append(ArticleFailure(extraction.article.id, str(exc)))
            continue
        results.append(result)
        counts = counts + result.counts
    return BatchOutcome(tuple(results), tuple(failures), counts, False)

"""The ingest pipeline: read, skip what is unchanged, extract in workers, write in batches.

::

    sources ─ batches of --batch-size ─┐
      read (a thread)                   │  one checksum query per batch: an article
      stored checksums (one query)      │  whose text is stored already is `unchanged`
      extract (Extractor: N processes   │  and is never extracted
               or a Dask cluster)       │  up to `workers + 1` batches in flight
      write_batch (one transaction) ────┘  in the order read; a failed batch is
                                           written again article by article

Reading, extraction and writing overlap: while the workers extract the next
batches, this process writes the one before. Every source ends as one
:class:`Outcome`. When Neo4j stops answering, the pipeline stops at once
(:class:`Stopped`): the articles of the batch being written are *not confirmed*
(a batch is one transaction: written whole or not at all), the rest *not written*.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass, field

from neo4j import AsyncDriver
from neo4j.exceptions import DriverError, Neo4jError

from api.extractors import Extracted, Extractor
from graph.errors import GraphError, is_connection_failure
from graph.records import Counts, WriteResult, WriteStatus
from graph.writer import stored_checksums, write_batch
from loaders import ArticleError
from loaders.batches import ExtractionFailed
from schema.model import Article, Extraction

DEFAULT_BATCH_SIZE = 50
"""Articles per write transaction (and per extraction job): see docs/scale.md."""

Reader = Callable[[str], Article]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one source: a write result, or the reason it failed."""

    source: str
    result: WriteResult | None = None
    error: str | None = None
    attempted: bool = True
    batched: bool = False  # written in one transaction with other articles


class Stopped(Exception):
    """Neo4j stopped answering while ``in_flight`` (sources) were being written."""

    def __init__(self, in_flight: list[str], cause: BaseException) -> None:
        super().__init__(f"Neo4j stopped answering: {cause}")
        self.in_flight = in_flight


class ExtractionStopped(Exception):
    """The extraction workers died (a worker process crashed or was killed)."""


@dataclass(slots=True)
class _Batch:
    sources: list[str]
    decided: dict[str, Outcome]
    todo: list[tuple[str, Article]]
    extraction: asyncio.Future[Extracted] | None


@dataclass(slots=True)
class _End:
    error: BaseException | None = None


@dataclass(slots=True)
class Pipeline:
    """One run of ``newsgraph ingest`` over a list of sources."""

    driver: AsyncDriver
    database: str
    extractor: Extractor
    read: Reader
    batch_size: int = DEFAULT_BATCH_SIZE
    on_progress: Callable[[int], None] = lambda done: None
    counts: Counts = field(default_factory=Counts)

    async def run(self, sources: list[str]) -> list[Outcome]:
        """Each source's outcome, in the order given."""
        queue: asyncio.Queue[_Batch | _End] = asyncio.Queue(maxsize=self.extractor.workers + 1)
        producer = asyncio.create_task(self._produce(sources, queue))
        outcomes: dict[str, Outcome] = {}
        pending: list[_Batch] = []
        try:
            while True:
                item = await queue.get()
                if isinstance(item, _End):
                    if item.error is not None:
                        raise item.error
                    break
                pending.append(item)
                outcomes.update(await self._finish(item))
                pending.remove(item)
                self.on_progress(len(item.sources))
        except Stopped as stop:
            outcomes.update(_not_confirmed(stop.in_flight))
            outcomes.update({
                s: Outcome(s, error="not written: Neo4j stopped answering", attempted=False)
                for s in sources if s not in outcomes
            })
        finally:
            producer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await producer
            for batch in [*pending, *_drain(queue)]:
                if batch.extraction is not None:
                    batch.extraction.cancel()
        return [outcomes[source] for source in sources]

    async def _produce(self, sources: list[str], queue: asyncio.Queue[_Batch | _End]) -> None:
        try:
            for chunk in _chunks(sources, self.batch_size):
                await queue.put(await self._start(chunk))
        except (Stopped, GraphError, Neo4jError, DriverError) as exc:
            await queue.put(_End(exc))
            return
        await queue.put(_End())

    async def _start(self, chunk: list[str]) -> _Batch:
        """Read a batch, set its unchanged articles aside, send the rest to extraction."""
        decided: dict[str, Outcome] = {}
        read: list[tuple[str, Article]] = []
        for source, article_or_error in await asyncio.to_thread(self._read_all, chunk):
            if isinstance(article_or_error, Article):
                read.append((source, article_or_error))
            else:
                decided[source] = Outcome(source, error=article_or_error)
        try:
            stored = await stored_checksums(
                self.driver, self.database, [article.id for _, article in read]
            ) if read else {}
        except (GraphError, Neo4jError, DriverError) as exc:
            if is_connection_failure(exc):
                raise Stopped([], exc) from exc
            raise
        todo: list[tuple[str, Article]] = []
        for source, article in read:
            if stored.get(article.id) == article.checksum:
                decided[source] = Outcome(source, WriteResult(article.id, WriteStatus.UNCHANGED))
            else:
                todo.append((source, article))
        extraction = (
            asyncio.ensure_future(self.extractor.extract([article for _, article in todo]))
            if todo else None
        )
        return _Batch(chunk, decided, todo, extraction)

    def _read_all(self, chunk: list[str]) -> list[tuple[str, Article | str]]:
        found: list[tuple[str, Article | str]] = []
        for source in chunk:
            try:
                found.append((source, self.read(source)))
            except ArticleError as exc:
                found.append((source, str(exc)))
        return found

    async def _finish(self, batch: _Batch) -> dict[str, Outcome]:
        """Wait for a batch's extractions and write them."""
        outcomes = dict(batch.decided)
        if batch.extraction is None:
            return outcomes
        try:
            extracted = await batch.extraction
        except BrokenExecutor as exc:
            raise ExtractionStopped(
                f"An extraction worker died ({exc}); nothing of its batch was written. "
                "A worker that runs out of memory is killed: give it more, or lower "
                "--batch-size or --workers."
            ) from exc
        extractions: list[Extraction] = []
        sources_of: dict[str, list[str]] = {}
        for (source, article), item in zip(batch.todo, extracted, strict=True):
            if isinstance(item, ExtractionFailed):
                outcomes[source] = Outcome(source, error=item.reason)
                continue
            extractions.append(item)
            sources_of.setdefault(article.id, []).append(source)
        if not extractions:
            return outcomes
        try:
            written = await write_batch(self.driver, self.database, extractions)
        except (GraphError, Neo4jError, DriverError) as exc:
            if is_connection_failure(exc):
                in_flight = [s for aid in sources_of for s in sources_of[aid]]
                raise Stopped(in_flight, exc) from exc
            raise
        self.counts = self.counts + written.counts
        batched = written.one_transaction and len(extractions) > 1
        for result in written.results:
            for source in sources_of[result.article_id]:
                outcomes[source] = Outcome(source, result=result, batched=batched)
        for failure in written.failures:
            for source in sources_of[failure.article_id]:
                outcomes[source] = Outcome(
                    source, error=f"could not write it to Neo4j: {failure.reason}"
                )
        return outcomes


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _drain(queue: asyncio.Queue[_Batch | _End]) -> list[_Batch]:
    found: list[_Batch] = []
    while not queue.empty():
        item = queue.get_nowait()
        if isinstance(item, _Batch):
            found.append(item)
    return found


def _not_confirmed(sources: list[str]) -> dict[str, Outcome]:
    reason = (
        "not confirmed: Neo4j stopped answering while it was being written, so it was "
        "either written whole or not at all (a batch is one transaction)"
    )
    return {source: Outcome(source, error=reason) for source in sources}

"""Where extraction runs: worker processes on this machine, or a Dask cluster.

Both run :func:`loaders.batches.extract_batch` on a batch of articles, in a
process that holds the spaCy model once (loaded when the worker starts), and hand
the results back to the asyncio loop of ``newsgraph ingest``, which writes them.

* :class:`LocalExtractor` (``--workers N``): a ``ProcessPoolExecutor`` of N
  processes started with ``spawn`` (no copy of the parent's driver or loop).
* :class:`DaskExtractor` (``--cluster tcp://scheduler:8786``): a Dask
  ``distributed`` client; a worker plugin loads the model on every worker of the
  cluster, also on workers that join later. Start workers with one thread each
  (``dask worker tcp://scheduler:8786 --nworkers N --nthreads 1``): spaCy holds the
  GIL, so threads of one worker process would only take turns.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from typing import Protocol

from distributed import Client, KilledWorker, Worker
from distributed.diagnostics.plugin import WorkerPlugin

from loaders.batches import ExtractionFailed, extract_batch, preload
from schema.model import Article, Extraction

Extracted = list[Extraction | ExtractionFailed]


class ClusterError(Exception):
    """The Dask scheduler could not be reached, or has no workers."""


class Extractor(Protocol):
    @property
    def workers(self) -> int:
        """How many batches run at once."""
        ...

    async def extract(self, articles: list[Article]) -> Extracted: ...

    def close(self) -> None: ...


def default_workers() -> int:
    """One worker process per core the machine gives this process."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class LocalExtractor:
    """``workers`` processes on this machine, each with the model loaded once."""

    def __init__(self, model: str, workers: int) -> None:
        self._model = model
        self._workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=preload,
            initargs=(model,),
        )

    @property
    def workers(self) -> int:
        return self._workers

    async def extract(self, articles: list[Article]) -> Extracted:
        return await asyncio.wrap_future(self._pool.submit(extract_batch, articles, self._model))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class ModelPlugin(WorkerPlugin):  # type: ignore[misc]  # Dask is untyped here
    """Loads the spaCy model once on each Dask worker, when it starts (or joins)."""

    name = "newsgraph-model"

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Worker) -> None:
        preload(self.model)


class DaskExtractor:
    """Batches shipped to the workers of the Dask cluster at ``address``."""

    def __init__(self, address: str, model: str, *, timeout: float = 30.0) -> None:
        self._model = model
        try:
            self._client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"No Dask scheduler answered at {address} ({exc}). Start one "
                "(`dask scheduler`) and its workers (`dask worker ADDRESS --nthreads 1`), "
                "or check the address given to --cluster."
            ) from exc
        try:
            self._client.wait_for_workers(1, timeout=timeout)
        except TimeoutError as exc:
            self._client.close()
            raise ClusterError(
                f"The Dask scheduler at {address} has no workers after {timeout:.0f} s. "
                "Start some: `dask worker ADDRESS --nworkers N --nthreads 1`."
            ) from exc
        self._client.register_plugin(ModelPlugin(model))

    @property
    def workers(self) -> int:
        threads: dict[str, int] = self._client.nthreads()
        return max(1, sum(threads.values()))

    async def extract(self, articles: list[Article]) -> Extracted:
        future = self._client.submit(extract_batch, articles, self._model, pure=False)
        try:
            result: Extracted = await asyncio.to_thread(future.result)
        except KilledWorker as exc:  # the batch killed every worker that tried it
            raise BrokenExecutor(f"Dask gave up on a batch: {exc}") from exc
        return result

    def close(self) -> None:
        self._client.close()

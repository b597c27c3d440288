"""Benchmark ``newsgraph ingest`` end to end, stage by stage, on a generated corpus.

Usage (from the repository root, with NEWSGRAPH_NEO4J_* set to a throw-away server:
the database is emptied between runs)::

    .venv/bin/python bench/ingest.py [--articles 10000] [--rounds 2] [--batch-size 50]
                                     [--corpus DIR] [--requests 1000]

The corpus is :mod:`bench.corpus` (the project's own templates, nothing copied),
written as files into ``--corpus`` (kept between runs). Measured, from files to
Neo4j, in interleaved rounds (each configuration once per round, the median kept):

* ``extract Nw``: the extraction stage alone (read + ``nlp.pipe`` in N worker
  processes, the model already loaded), for 1 and 2 workers;
* ``ingest Nw``: the whole pipeline (read, checksum lookup, extraction in N
  workers, batched writes), into an empty database, for 1 and 2 workers;
* ``write``: the write stage alone (the extractions of the last extract run,
  written in batches by ``graph.writer.write_batch``).

Then the API's representative GraphQL queries (in-process app over ASGI, like the
tests) at a tenth of the corpus and at the whole corpus (1,000 and 10,000 articles
at full size): p50 and p99 of ``--requests`` requests each, one at a time, in five
interleaved passes over the queries.

Prints articles/s and graph elements/s (nodes + relationships created) side by
side, the ratios the issue asks for, and the machine's load average at start and
end (the machine is shared: run it when it is quiet).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

# This file is bench/ingest.py: keep its folder off the path so `api` is the package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import httpx  # noqa: E402
from neo4j import AsyncDriver  # noqa: E402

from api.app import create_app  # noqa: E402
from api.connection import resolve_connection  # noqa: E402
from api.extractors import LocalExtractor  # noqa: E402
from api.pipeline import Pipeline  # noqa: E402
from api.settings import Settings  # noqa: E402
from bench import corpus  # noqa: E402
from graph.driver import open_driver  # noqa: E402
from graph.migrations import apply_migrations  # noqa: E402
from graph.records import Counts  # noqa: E402
from graph.server import LocalNeo4j  # noqa: E402
from graph.writer import write_batch  # noqa: E402
from loaders import read  # noqa: E402
from loaders.batches import ExtractionFailed  # noqa: E402
from schema.ids import entity_id  # noqa: E402
from schema.model import Article, Extraction  # noqa: E402


@dataclass(frozen=True)
class Rate:
    articles: int
    elements: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def elements_per_second(self) -> float:
        return self.elements / self.seconds


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def _children() -> list[int]:
    """The pids of this process's running children (the extraction workers)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == os.getpid():
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


@dataclass(frozen=True)
class Cpu:
    """CPU seconds spent so far by this process, its workers and the Neo4j server."""

    main: float
    workers: float
    server: float | None

    @staticmethod
    def now(server_pid: int | None) -> Cpu:
        times = os.times()
        workers = sum(_cpu_seconds(pid) for pid in _children())
        server = _cpu_seconds(server_pid) if server_pid is not None else None
        return Cpu(times.user + times.system, workers, server)

    def since(self, start: Cpu) -> Cpu:
        server = (
            self.server - start.server
            if self.server is not None and start.server is not None else None
        )
        return Cpu(self.main - start.main, self.workers - start.workers, server)


async def _settle(server_pid: int | None, limit: float = 120.0) -> None:
    """Wait until the Neo4j server is idle (under 5% of a CPU over a second): after a
    database is emptied, the server goes on cleaning up (index merges, a checkpoint)
    and would take CPU from the next stage measured."""
    if server_pid is None:
        return
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        before = _cpu_seconds(server_pid)
        await asyncio.sleep(1.0)
        if _cpu_seconds(server_pid) - before < 0.05:
            return


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


async def _clear(driver: AsyncDriver, db: str) -> None:
    """Empty the database: the relationships, then the nodes, 10,000 per transaction (a
    10,000-article graph deleted in one transaction, or an organisation named in
    thousands of articles with all its relationships, outgrows the server's
    transaction memory)."""
    async with driver.session(database=db) as session:
        for query in (
            "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
            "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
        ):
            result = await session.run(query)
            await result.consume()


async def _extract_all(
    extractor: LocalExtractor, articles: list[Article], batch: int
) -> list[Extraction]:
    window = extractor.workers + 1
    chunks = [articles[i : i + batch] for i in range(0, len(articles), batch)]
    results: list[Extraction] = []
    pending: list[asyncio.Future[Any]] = []
    for chunk in chunks:
        pending.append(asyncio.ensure_future(extractor.extract(chunk)))
        if len(pending) >= window:
            results += await pending.pop(0)
    for future in pending:
        results += await future
    return [r for r in results if not isinstance(r, ExtractionFailed)]


async def _write_all(
    driver: AsyncDriver, db: str, extractions: list[Extraction], batch: int
) -> Rate:
    counts = Counts()
    started = time.perf_counter()
    for i in range(0, len(extractions), batch):
        outcome = await write_batch(driver, db, extractions[i : i + batch])
        counts = counts + outcome.counts
    seconds = time.perf_counter() - started
    return Rate(len(extractions), counts.nodes_created + counts.relationships_created, seconds)


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    variables: dict[str, Any]


def _queries(person: str, article: str) -> list[Query]:
    return [
        Query("person by id", "query($id: ID!) { person(id: $id) { id name aliases } }",
              {"id": person}),
        Query("person + roles + organisation",
              "query($id: ID!) { person(id: $id) { name roles { title organisation { name } } } }",
              {"id": person}),
        Query("people page (20) + totalCount",
              "{ people(first: 20) { totalCount edges { cursor node { id name } } } }", {}),
        Query("statements by speaker + evidence",
              "query($id: ID!) { statements(first: 20, filter: {speaker: $id}) { totalCount "
              "nodes { text kind evidence { start end sentence } } } }", {"id": person}),
        Query("article + people + statements",
              "query($id: ID!) { article(id: $id) { headline people { name } "
              "statements(first: 20) { text } } }", {"id": article}),
        Query("search", '{ search(text: "housing plan", first: 10) { totalCount '
              "edges { node { score node { __typename id } } } } }", {}),
        Query("latest articles (20)",
              "{ articles(first: 20) { totalCount nodes { id headline published } } }", {}),
        Query("statements page (20)",
              "{ statements(first: 20) { totalCount nodes { id text } } }", {}),
        Query("events page (20), by date",
              "{ events(first: 20) { totalCount nodes { id kind date } } }", {}),
    ]


async def _latencies(
    settings: Settings, queries: list[Query], requests: int, passes: int = 5
) -> dict[str, tuple[float, float]]:
    """p50 and p99 (ms) of each query: ``requests`` in all, one at a time, taken in
    ``passes`` interleaved passes over the queries, so that a burst of noise on the
    machine (another process, a collection in the server) falls on all of them alike
    rather than on whichever query happened to be running."""
    app = create_app(settings.replace(graphiql=False))
    times: dict[str, list[float]] = {query.name: [] for query in queries}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            async def call(query: Query) -> None:
                response = await client.post(
                    "/graphql", json={"query": query.text, "variables": query.variables}
                )
                body = response.json()
                if "errors" in body:
                    raise SystemExit(f"{query.name}: {body['errors']}")

            for query in queries:
                for _ in range(20):  # warm up: plans, caches
                    await call(query)
            for pass_ in range(passes):
                for query in queries:
                    for _ in range(requests // passes + (pass_ < requests % passes)):
                        started = time.perf_counter()
                        await call(query)
                        times[query.name].append((time.perf_counter() - started) * 1000)
    found: dict[str, tuple[float, float]] = {}
    for name, taken in times.items():
        taken.sort()
        p99 = taken[min(len(taken) - 1, int(len(taken) * 0.99))]
        found[name] = (statistics.median(taken), p99)
    return found


async def main(args: argparse.Namespace) -> None:
    settings = Settings.from_env(os.environ)
    connection = resolve_connection(settings)
    db = connection.database
    print(f"load average at start: {_load()} ({os.cpu_count()} CPUs)")
    paths = corpus.write(args.corpus, args.articles)
    sources = [str(p) for p in paths]
    reader = partial(read, max_bytes=settings.max_article_bytes)
    articles = [reader(s) for s in sources]
    words = sum(len(a.text.split()) for a in articles)
    print(f"corpus: {len(sources)} articles, {words:,} words, in {args.corpus}")

    server_pid = LocalNeo4j(settings.local_server()).pid()
    measured = f"local instance {settings.neo4j_instance!r}, pid {server_pid}"
    print(f"Neo4j server CPU: {measured if server_pid else 'not measured (not a local server)'}")
    driver = await open_driver(connection, retry_time=60.0)
    await apply_migrations(driver, db)
    extractors = {n: LocalExtractor(settings.spacy_model, n) for n in (1, 2)}
    rates: dict[str, list[Rate]] = {}
    cpu: dict[str, list[Cpu]] = {}
    extractions: list[Extraction] = []
    try:
        for extractor in extractors.values():  # start the workers, load the model
            warm = [extractor.extract(articles[:2]) for _ in range(extractor.workers)]
            await asyncio.gather(*warm)
        for round_ in range(0 if args.api_only else args.rounds):
            await _settle(server_pid)
            for n, extractor in extractors.items():
                started, clock = time.perf_counter(), Cpu.now(server_pid)
                batch = [reader(s) for s in sources]
                extractions = await _extract_all(extractor, batch, args.batch_size)
                seconds = time.perf_counter() - started
                rates.setdefault(f"extract {n}w", []).append(Rate(len(batch), 0, seconds))
                cpu.setdefault(f"extract {n}w", []).append(Cpu.now(server_pid).since(clock))
                print(f"  round {round_ + 1}: extract {n}w {len(batch) / seconds:7.1f} articles/s")
            for n, extractor in extractors.items():
                await _clear(driver, db)
                await _settle(server_pid)
                pipeline = Pipeline(driver, db, extractor, reader, batch_size=args.batch_size)
                started, clock = time.perf_counter(), Cpu.now(server_pid)
                outcomes = await pipeline.run(sources)
                seconds = time.perf_counter() - started
                cpu.setdefault(f"ingest {n}w", []).append(Cpu.now(server_pid).since(clock))
                failed = sum(o.result is None for o in outcomes)
                if failed:
                    raise SystemExit(f"ingest {n}w: {failed} articles failed")
                elements = pipeline.counts.nodes_created + pipeline.counts.relationships_created
                rates.setdefault(f"ingest {n}w", []).append(Rate(len(sources), elements, seconds))
                print(f"  round {round_ + 1}: ingest {n}w {len(sources) / seconds:7.1f} articles/s")
            await _clear(driver, db)
            await _settle(server_pid)
            clock = Cpu.now(server_pid)
            write = await _write_all(driver, db, extractions, args.batch_size)
            rates.setdefault("write", []).append(write)
            cpu.setdefault("write", []).append(Cpu.now(server_pid).since(clock))
            print(f"  round {round_ + 1}: write {write.per_second:7.1f} articles/s")
        if args.api_only:
            extractions = await _extract_all(extractors[2], articles, args.batch_size)
    finally:
        for extractor in extractors.values():
            extractor.close()
    if not args.api_only:
        _report(rates, cpu, len(sources), words, args.rounds, args.batch_size)
    await _api(settings, driver, db, server_pid, extractions, args)
    print(f"\nload average at end: {_load()}")


def _report(rates: dict[str, list[Rate]], cpu: dict[str, list[Cpu]], n_articles: int,
            words: int, rounds: int, batch_size: int) -> None:
    """The throughput tables: each stage's rate, the done-when ratios, CPU per article."""

    def median(name: str) -> Rate:
        """The run of median speed (the faster of the middle two for an even count)."""
        runs = sorted(rates[name], key=lambda r: r.per_second)
        return runs[len(runs) // 2]

    print(f"\n{'stage':<12} {'articles/s':>11} {'elements/s':>11} {'words/s':>9}  (median of "
          f"{rounds} rounds, batch size {batch_size})")
    for name in ("extract 1w", "extract 2w", "ingest 1w", "ingest 2w", "write"):
        rate = median(name)
        elements = f"{rate.elements_per_second:11,.0f}" if rate.elements else f"{'-':>11}"
        print(f"{name:<12} {rate.per_second:11.1f} {elements} "
              f"{rate.per_second * words / n_articles:9,.0f}")
    speedup = median("ingest 2w").per_second / median("ingest 1w").per_second
    share = median("ingest 2w").per_second / median("extract 2w").per_second
    print(f"\ningest 2 workers / 1 worker: {speedup:.2f}x (done when >= 1.70)")
    print(f"ingest / extraction alone (2 workers): {share:.0%} (done when >= 85%)")

    # Where the CPU went: ingest is CPU-bound, and the server shares the machine's cores.
    print(f"\nCPU per article (ms, median of {rounds} rounds): this process (reading, "
          "writing), the extraction workers, the Neo4j server")
    print(f"{'stage':<12} {'main':>7} {'workers':>8} {'server':>7} {'total':>7}   "
          f"{'bound on ' + str(os.cpu_count()) + ' CPUs':>16}")
    for name in ("extract 1w", "extract 2w", "ingest 1w", "ingest 2w", "write"):
        runs = cpu[name]
        main_ms = statistics.median(c.main for c in runs) * 1000 / n_articles
        workers_ms = statistics.median(c.workers for c in runs) * 1000 / n_articles
        server_values = [c.server for c in runs if c.server is not None]
        server_ms = statistics.median(server_values) * 1000 / n_articles if server_values else 0.0
        total = main_ms + workers_ms + server_ms
        bound = (os.cpu_count() or 1) * 1000 / total
        server_text = f"{server_ms:7.1f}" if server_values else f"{'-':>7}"
        print(f"{name:<12} {main_ms:7.1f} {workers_ms:8.1f} {server_text} {total:7.1f}   "
              f"{bound:10.1f} art/s")



async def _api(settings: Settings, driver: AsyncDriver, db: str, server_pid: int | None,
               extractions: list[Extraction], args: argparse.Namespace) -> None:
    """The API queries' p50 and p99 at a tenth of the corpus and at all of it."""
    small = max(1, len(extractions) // 10)
    person = entity_id("person", extractions[0].people[0].name)
    queries = _queries(person, extractions[0].article.id)
    await _clear(driver, db)
    await _write_all(driver, db, extractions[:small], args.batch_size)
    await _settle(server_pid)
    at_small = await _latencies(settings, queries, args.requests)
    await _write_all(driver, db, extractions[small:], args.batch_size)
    await _settle(server_pid)
    at_all = await _latencies(settings, queries, args.requests)
    await driver.close()
    print(f"\nAPI queries, {args.requests} requests each, one at a time (ms): "
          f"{small} articles vs {len(extractions)}")
    print(f"{'query':<34} {'p50':>7} {'p99':>7} | {'p50':>7} {'p99':>7} | {'p99 x':>6}")
    worst = 0.0
    for query in queries:
        p50a, p99a = at_small[query.name]
        p50b, p99b = at_all[query.name]
        worst = max(worst, p99b / p99a)
        print(f"{query.name:<34} {p50a:7.2f} {p99a:7.2f} | {p50b:7.2f} {p99b:7.2f} | "
              f"{p99b / p99a:6.2f}")
    print(f"worst p99 ratio: {worst:.2f}x (done when <= 1.50)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--api-only", action="store_true",
                        help="extract the corpus once (2 workers) and measure the API "
                             "queries only")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/newsgraph-bench-corpus"))
    asyncio.run(main(parser.parse_args()))

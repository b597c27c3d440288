"""Benchmark the GraphQL API against the same reads as raw Cypher (the floor).

Starts ``newsgraph serve`` on a free port (a real uvicorn process, over TCP),
then, for five representative queries, measures p50/p99 latency and
requests/second at concurrency 1 and 16, next to the equivalent hand-written
Cypher run through the async driver in this process. Needs the database of
NEWSGRAPH_NEO4J_*; the seed article is ingested first (idempotent) unless
``--no-load-seed``.

    python bench/api.py [--requests 300] [--no-load-seed]

The Cypher here is the benchmark's floor, not product code: the API's own
queries live in graph/.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncDriver, RoutingControl

# This file is bench/api.py: keep its folder off the path so `api` is the package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

from api.runtime import resolve_connection  # noqa: E402
from api.settings import Settings  # noqa: E402
from graph.driver import open_driver  # noqa: E402
from graph.migrations import apply_migrations  # noqa: E402

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "seed" / "article.txt"
DICK = "person/cressida-dick"


@dataclass(frozen=True)
class Case:
    name: str
    graphql: str
    variables: dict[str, Any]
    cypher: str
    parameters: dict[str, Any]


CASES = (
    Case(
        "person by id",
        "query($id: ID!) { person(id: $id) { id name aliases honorific } }",
        {"id": DICK},
        "MATCH (p:Person {id: $id}) RETURN p.id, p.name, p.aliases, p.honorific",
        {"id": DICK},
    ),
    Case(
        "person + roles + organisation",
        "query($id: ID!) { person(id: $id) { name roles { title organisation { name } } } }",
        {"id": DICK},
        "MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:HOLDS]->(r:Role) "
        "OPTIONAL MATCH (r)-[:AT]->(o:Organisation) "
        "RETURN p.name, collect({title: r.title, organisation: o.name})",
        {"id": DICK},
    ),
    Case(
        "people page (20) + totalCount",
        "{ people(first: 20) { totalCount edges { cursor node { id name } } } }",
        {},
        "CALL () { MATCH (p:Person) RETURN count(p) AS total } "
        "MATCH (p:Person) WITH total, p ORDER BY toLower(p.name), p.id LIMIT 20 "
        "RETURN total, collect({id: p.id, name: p.name})",
        {},
    ),
    Case(
        "statements by speaker + evidence",
        "query($id: ID!) { statements(first: 20, filter: {speaker: $id}) { totalCount "
        "nodes { text kind evidence { start end sentence } } } }",
        {"id": DICK},
        "MATCH (:Person {id: $id})-[:SAID]->(s:Statement) "
        "WITH s ORDER BY toLower(s.text), s.id LIMIT 20 "
        "OPTIONAL MATCH (s)-[:EVIDENCED_BY]->(m:Mention) "
        "RETURN s.text, s.kind, collect({start: m.start, end: m.end, sentence: m.sentence})",
        {"id": DICK},
    ),
    Case(
        "search",
        'query { search(text: "armed police officers", first: 10) { totalCount '
        "edges { node { score node { __typename id } } } } }",
        {},
        "CALL db.index.fulltext.queryNodes('search', $q) YIELD node, score "
        "RETURN node.id, labels(node), score ORDER BY score DESC LIMIT 10",
        {"q": "armed police officers"},
    ),
)


@dataclass(frozen=True)
class Stats:
    p50: float  # milliseconds
    p99: float
    rps: float


async def measure(call: Callable[[], Awaitable[None]], concurrency: int, total: int) -> Stats:
    latencies: list[float] = []
    per_worker = max(1, total // concurrency)

    async def worker() -> None:
        for _ in range(per_worker):
            start = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - start)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Stats(statistics.median(latencies) * 1000, p99 * 1000, len(latencies) / wall)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _wait_ready(client: httpx.AsyncClient, process: subprocess.Popen[bytes]) -> None:
    for _ in range(240):
        if process.poll() is not None:
            raise SystemExit(f"newsgraph serve exited with {process.returncode}")
        try:
            if (await client.get("/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.5)
    raise SystemExit("newsgraph serve did not become ready in 120 s")


async def _load_seed(driver: AsyncDriver, settings: Settings) -> None:
    from graph.writer import write_extraction
    from loaders import extract, read

    article = read(SEED, max_bytes=settings.max_article_bytes)
    extraction = extract(article, model=settings.spacy_model)
    result = await write_extraction(driver, settings.neo4j_database, extraction)
    print(f"seed article {result.article_id}: {result.status}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per measurement")
    parser.add_argument(
        "--no-load-seed",
        dest="load_seed",
        action="store_false",
        help="do not ingest the seed article first (ingesting is idempotent)",
    )
    args = parser.parse_args()

    settings = Settings.from_env(os.environ)
    connection = resolve_connection(settings)
    driver = await open_driver(connection)
    await apply_migrations(driver, connection.database)
    if args.load_seed:
        await _load_seed(driver, settings)

    port = _free_port()
    newsgraph = Path(sys.executable).parent / "newsgraph"
    server = subprocess.Popen(
        [str(newsgraph), "serve", "--port", str(port), "--no-access-log"],
        env={**os.environ, "NEWSGRAPH_GRAPHIQL": "false"},
    )
    limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
    try:
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=60
        ) as client:
            await _wait_ready(client, server)
            rows = []
            for case in CASES:

                async def api_call(case: Case = case) -> None:
                    response = await client.post(
                        "/graphql", json={"query": case.graphql, "variables": case.variables}
                    )
                    body = response.json()
                    if "errors" in body:
                        raise SystemExit(f"{case.name}: {body['errors']}")

                async def cypher_call(case: Case = case) -> None:
                    await driver.execute_query(
                        case.cypher,
                        case.parameters,
                        database_=connection.database,
                        routing_=RoutingControl.READ,
                    )

                for call in (api_call, cypher_call):  # warm up: plans, pools, caches
                    await measure(call, 4, 40)
                for concurrency in (1, 16):
                    api = await measure(api_call, concurrency, args.requests)
                    floor = await measure(cypher_call, concurrency, args.requests)
                    rows.append((case.name, concurrency, api, floor))
    finally:
        server.terminate()
        server.wait(timeout=30)
        await driver.close()

    header = (
        f"{'query':34} {'conc':>4} | {'API p50':>8} {'p99':>8} {'req/s':>7} | "
        f"{'Cypher p50':>10} {'p99':>8} {'req/s':>7} | {'p50 x':>5}"
    )
    print(f"\n{args.requests} requests per cell; latencies in ms; API over HTTP to uvicorn\n")
    print(header)
    print("-" * len(header))
    for name, concurrency, api, floor in rows:
        print(
            f"{name:34} {concurrency:>4} | {api.p50:8.2f} {api.p99:8.2f} {api.rps:7.0f} | "
            f"{floor.p50:10.2f} {floor.p99:8.2f} {floor.rps:7.0f} | {api.p50 / floor.p50:5.2f}"
        )


if __name__ == "__main__":
    asyncio.run(main())

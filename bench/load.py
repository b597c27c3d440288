"""A bounded load on loopback: does the API hold up, and does its memory stay flat?

Starts ``newsgraph serve`` (a real uvicorn process, over TCP) and sends a mix of
GraphQL queries from ``--concurrency`` clients for ``--seconds`` in all, split
into interleaved rounds with the raw floor: the same reads as hand-written Cypher
through the async driver in this process. A share of the mix is client mistakes
(a malformed id, a wrong-typed variable, an over-cost query): they must come back
as their expected error codes, never a 5xx or INTERNAL_SERVER_ERROR.

Reports requests/s, p50/p99 latency, errors (transport errors, 5xx, unexpected
GraphQL errors) and the server's RSS before and after. Needs the database of
NEWSGRAPH_NEO4J_*; the seed article is ingested first (idempotent).

    python bench/load.py [--seconds 60] [--concurrency 32] [--rounds 4]

The Cypher here is the benchmark's floor, not product code.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncDriver, RoutingControl

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

from api.connection import resolve_connection  # noqa: E402
from api.settings import Settings  # noqa: E402
from graph.driver import open_driver  # noqa: E402
from graph.migrations import apply_migrations  # noqa: E402

SEED = _HERE.parent.parent / "shared" / "data" / "seed" / "article.txt"
DICK = "person/cressida-dick"


@dataclass(frozen=True)
class Query:
    name: str
    weight: int
    graphql: str
    variables: dict[str, Any]
    expected_code: str | None = None  # a client mistake: the error code it must get
    cypher: str | None = None  # the floor's equivalent read
    parameters: dict[str, Any] = field(default_factory=dict)


MIX = (
    Query("person", 20, "query($id: ID!) { person(id: $id) { id name aliases } }", {"id": DICK},
          cypher="MATCH (p:Person {id: $id}) RETURN p.id, p.name, p.aliases",
          parameters={"id": DICK}),
    Query("person roles", 15,
          "query($id: ID!) { person(id: $id) { name roles { title organisation { name } } } }",
          {"id": DICK},
          cypher="MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:HOLDS]->(r:Role) "
          "OPTIONAL MATCH (r)-[:AT]->(o:Organisation) "
          "RETURN p.name, collect({title: r.title, organisation: o.name})",
          parameters={"id": DICK}),
    Query("people page", 15, "{ people(first: 20) { totalCount nodes { id name } } }", {},
          cypher="CALL () { MATCH (p:Person) RETURN count(p) AS total } "
          "MATCH (p:Person) WITH total, p ORDER BY toLower(p.name), p.id LIMIT 20 "
          "RETURN total, collect({id: p.id, name: p.name})"),
    Query("statements", 15,
          "query($id: ID!) { statements(first: 20, filter: {speaker: $id}) { totalCount "
          "nodes { text evidence { start end sentence } } } }", {"id": DICK},
          cypher="MATCH (:Person {id: $id})-[:SAID]->(s:Statement) "
          "WITH s ORDER BY toLower(s.text), s.id LIMIT 20 "
          "OPTIONAL MATCH (s)-[:EVIDENCED_BY]->(m:Mention) "
          "RETURN s.text, collect({start: m.start, end: m.end, sentence: m.sentence})",
          parameters={"id": DICK}),
    Query("search", 10, 'query { search(text: "armed police", first: 10) { totalCount '
          "nodes { score node { __typename id } } } }", {},
          cypher="CALL db.index.fulltext.queryNodes('search', $q) YIELD node, score "
          "RETURN node.id, labels(node), score ORDER BY score DESC LIMIT 10",
          parameters={"q": "armed police"}),
    Query("articles + text", 10, "{ articles(first: 5) { nodes { headline text } } }", {},
          cypher="MATCH (a:Article) WITH a ORDER BY a.published DESC, a.id LIMIT 5 "
          "RETURN a.headline, a.text"),
    Query("bad id", 5, '{ node(id: "!!") { id } }', {}, expected_code="INVALID_ID"),
    Query("wrong type", 5, "query($f: Int) { people(first: $f) { totalCount } }",
          {"f": "1"}, expected_code="BAD_USER_INPUT"),
    Query("over cost", 5,
          "query($id: ID!) { a: person(id: $id) { statements(first: 100) "
          "{ evidence { article { text } } } } }", {"id": DICK}, expected_code="COST_LIMIT"),
)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    expected: int = 0
    wall: float = 0.0

    def add(self, other: Tally) -> None:
        self.latencies += other.latencies
        self.errors.update(other.errors)
        self.expected += other.expected
        self.wall += other.wall

    def row(self, name: str) -> str:
        done = sorted(self.latencies)
        if not done:
            return f"{name:22} (nothing ran)"
        p50 = done[len(done) // 2] * 1000
        p99 = done[min(len(done) - 1, int(len(done) * 0.99))] * 1000
        return (f"{name:22} {len(done):>8} {len(done) / self.wall:>8.0f} {p50:>8.1f} "
                f"{p99:>8.1f} {sum(self.errors.values()):>7} {self.expected:>9}")


def _check(query: Query, response: httpx.Response, tally: Tally) -> None:
    if response.status_code != 200:
        tally.errors[f"{query.name}: HTTP {response.status_code}"] += 1
        return
    errors = response.json().get("errors")
    if query.expected_code is None:
        if errors:
            tally.errors[f"{query.name}: {errors[0].get('message')}"] += 1
        return
    codes = {e.get("extensions", {}).get("code") for e in errors or []}
    if codes == {query.expected_code}:
        tally.expected += 1
    else:
        tally.errors[f"{query.name}: got {codes or 'no error'}"] += 1


async def _api_round(
    client: httpx.AsyncClient, seconds: float, concurrency: int, rng: random.Random
) -> Tally:
    tally = Tally()
    weights = [q.weight for q in MIX]
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < deadline:
            [query] = rng.choices(MIX, weights)
            started = time.perf_counter()
            try:
                response = await client.post(
                    "/graphql", json={"query": query.graphql, "variables": query.variables}
                )
            except httpx.HTTPError as exc:
                tally.errors[f"{query.name}: {type(exc).__name__}"] += 1
                continue
            tally.latencies.append(time.perf_counter() - started)
            _check(query, response, tally)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    tally.wall = time.perf_counter() - began
    return tally


async def _floor_round(
    driver: AsyncDriver, database: str, seconds: float, concurrency: int, rng: random.Random
) -> Tally:
    tally = Tally()
    reads = [q for q in MIX if q.cypher is not None]
    weights = [q.weight for q in reads]
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < deadline:
            [query] = rng.choices(reads, weights)
            started = time.perf_counter()
            await driver.execute_query(
                query.cypher or "", query.parameters, database_=database,
                routing_=RoutingControl.READ,
            )
            tally.latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    tally.wall = time.perf_counter() - began
    return tally


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no VmRSS for pid {pid}")


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
    await write_extraction(driver, settings.neo4j_database, extraction)


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="API load in all")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=4, help="interleaved API/floor rounds")
    parser.add_argument("--floor-share", type=float, default=0.25,
                        help="floor seconds per API second")
    args = parser.parse_args()

    settings = Settings.from_env(os.environ)
    connection = resolve_connection(settings)
    driver = await open_driver(connection)
    await apply_migrations(driver, connection.database)
    await _load_seed(driver, settings)

    port = _free_port()
    newsgraph = Path(sys.executable).parent / "newsgraph"
    server = subprocess.Popen(
        [str(newsgraph), "serve", "--port", str(port), "--no-access-log"],
        env={**os.environ, "NEWSGRAPH_GRAPHIQL": "false"},
        stderr=subprocess.DEVNULL if os.environ.get("BENCH_QUIET") else None,
    )
    rng = random.Random(10)
    limits = httpx.Limits(max_connections=args.concurrency,
                          max_keepalive_connections=args.concurrency)
    api, floor = Tally(), Tally()
    try:
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=60
        ) as client:
            await _wait_ready(client, server)
            await _api_round(client, 5, args.concurrency, rng)  # warm up: plans, pools
            await _floor_round(driver, connection.database, 2, args.concurrency, rng)
            rss_before = rss_mib(server.pid)
            per_round = args.seconds / args.rounds
            for _ in range(args.rounds):
                api.add(await _api_round(client, per_round, args.concurrency, rng))
                floor.add(await _floor_round(
                    driver, connection.database, per_round * args.floor_share,
                    args.concurrency, rng,
                ))
            rss_after = rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        await driver.close()

    growth = (rss_after - rss_before) / rss_before * 100
    print(f"\n{args.seconds:g} s of API load at concurrency {args.concurrency}, in "
          f"{args.rounds} rounds interleaved with the raw Cypher floor; ms\n")
    header = (f"{'':22} {'requests':>8} {'req/s':>8} {'p50':>8} {'p99':>8} {'errors':>7} "
              f"{'expected':>9}")
    print(header)
    print("-" * len(header))
    print(api.row("GraphQL over HTTP"))
    print(floor.row("Cypher (floor)"))
    print(f"\nserver RSS: {rss_before:.0f} MiB before, {rss_after:.0f} MiB after "
          f"({growth:+.1f}%)")
    for error, count in api.errors.most_common(10):
        print(f"  error x{count}: {error}")
    ok = not api.errors and growth < 10
    print("PASS: 0 errors, RSS growth under 10%" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

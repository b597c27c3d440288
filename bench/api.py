"""Benchmark the GraphQL API against @neo4j/graphql and raw Cypher, on the same database.

Builds a graph of ``--articles`` synthetic articles first (the generator of
bench/write.py; idempotent), then starts, over TCP on loopback:

* newsgraph: ``newsgraph serve`` (uvicorn, the real process);
* the peer: ``@neo4j/graphql`` 7 on Apollo Server 5 (bench/peer/, versions pinned by
  its package-lock.json; ``npm ci`` there first), with equivalent typeDefs;

and runs six queries against both, next to the same reads as hand-written Cypher
through the async driver in this process (the floor). Before timing, both APIs must
return the same data for every query (normalised: the peer's to-one relationships
are lists, its enums strings); then each query is measured at concurrency 1 and 16
in ``--rounds`` interleaved rounds (the systems' order rotates each round), so load
from elsewhere on the machine hits all alike. The load client is raw asyncio
HTTP/1.1 over keep-alive sockets (far cheaper per request than httpx), run by uvloop.
The Cypher statements each system sends per request are counted by the server itself
(``db.stats.collect('QUERIES')``).

    python bench/api.py [--articles 1000] [--requests 200] [--rounds 3] [--markdown]

Prints p50 / p99 latency (ms) and requests/s per system (medians over the rounds),
and newsgraph's p50 and req/s as ratios of the peer's. The Cypher here is the
benchmark's floor, not product code: the API's own queries live in graph/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvloop
from neo4j import AsyncDriver, RoutingControl

# This file is bench/api.py: keep its folder off the path so `api` is the package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from api.connection import resolve_connection  # noqa: E402
from api.settings import Settings  # noqa: E402
from graph.driver import open_driver  # noqa: E402
from graph.migrations import apply_migrations  # noqa: E402
from graph.writer import write_extractions  # noqa: E402

PEER = _HERE / "peer"
CORPUS = "api"


def _write_module() -> Any:
    """bench/write.py's synthetic generator (a sibling script, not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_write", _HERE / "write.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_write"] = module
    spec.loader.exec_module(module)
    return module


# --- the cases ------------------------------------------------------------------------

Json = Any


def _first(items: list[Json]) -> Json:
    return items[0] if items else None


def _sorted(items: list[Json]) -> list[Json]:
    return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))


@dataclass(frozen=True)
class Case:
    name: str
    ours: str
    peer: str
    cypher: str
    norm_ours: Callable[[Json], Json]
    norm_peer: Callable[[Json], Json]


def _role_org(roles: list[Json], peer: bool) -> list[Json]:
    return _sorted([{"title": r["title"], "organisation":
                     (_first(r["organisation"]) if peer else r["organisation"])} for r in roles])


def _deep(person: Json, peer: bool) -> Json:
    def one(x: Json) -> Json:
        return _first(x) if peer else x

    return {
        "name": person["name"],
        "roles": _sorted([
            {"title": r["title"], "organisation": None if one(r["organisation"]) is None else {
                "name": one(r["organisation"])["name"],
                "roles": _sorted([
                    {"title": r2["title"], "person": None if one(r2["person"]) is None else {
                        "name": one(r2["person"])["name"],
                        # the peer cannot order statements by where they are read: count them
                        "statements": len(one(r2["person"])["statements"]),
                    }} for r2 in one(r["organisation"])["roles"]
                ]),
            }} for r in person["roles"]
        ]),
    }


def _cases() -> tuple[Case, ...]:
    return (
        Case(
            "person by id",
            "query($id: ID!) { person(id: $id) { id name aliases honorific } }",
            "query($id: ID!) { people(where: {id: {eq: $id}}) { id name aliases honorific } }",
            "MATCH (p:Person {id: $id}) RETURN p {.id, .name, .aliases, .honorific} AS p",
            lambda d: d["person"],
            lambda d: _first(d["people"]),
        ),
        Case(
            "person + roles + organisation",
            "query($id: ID!) { person(id: $id) { name "
            "roles(first: 100) { title organisation { name } } } }",
            "query($id: ID!) { people(where: {id: {eq: $id}}) { name "
            "roles(limit: 100, sort: [{title: ASC}, {id: ASC}]) { title "
            "organisation { name } } } }",
            "MATCH (p:Person {id: $id}) RETURN p.name, COLLECT { MATCH (p)-[:HOLDS]->(r:Role) "
            "WITH r ORDER BY r.title, r.id LIMIT 100 RETURN {title: r.title, organisation: "
            "head(COLLECT { MATCH (r)-[:AT]->(o:Organisation) RETURN {name: o.name} })} } AS roles",
            lambda d: {"name": d["person"]["name"],
                       "roles": _role_org(d["person"]["roles"], False)},
            lambda d: {"name": d["people"][0]["name"],
                       "roles": _role_org(d["people"][0]["roles"], True)},
        ),
        Case(
            "people page (20) + totalCount",
            "{ people(first: 20) { totalCount edges { cursor node { id name } } } }",
            "{ peopleConnection(first: 20, sort: [{name: ASC}, {id: ASC}]) { totalCount "
            "edges { cursor node { id name } } } }",
            "CALL () { MATCH (p:Person) RETURN count(p) AS total } "
            "CALL () { MATCH (p:Person) WHERE p.sortName IS NOT NULL WITH p ORDER BY p.sortName "
            "LIMIT 21 "
            "RETURN collect({id: p.id, name: p.name}) AS rows } RETURN total, rows",
            lambda d: [d["people"]["totalCount"], [e["node"] for e in d["people"]["edges"]]],
            lambda d: [d["peopleConnection"]["totalCount"],
                       [e["node"] for e in d["peopleConnection"]["edges"]]],
        ),
        Case(
            "statements by speaker + evidence",
            "query($id: ID!) { statements(first: 20, filter: {speaker: $id}) { totalCount "
            "nodes { text kind evidence { start end sentence } } } }",
            "query($id: ID!) { statementsConnection(first: 20, where: {speaker: {some: "
            "{id: {eq: $id}}}}, sort: [{text: ASC}, {id: ASC}]) { totalCount edges { node { "
            "text kind evidence { start end sentence } } } } }",
            "CALL () { MATCH (:Person {id: $id})-[:SAID]->(s:Statement) RETURN count(s) AS total } "
            "CALL () { MATCH (:Person {id: $id})-[:SAID]->(s:Statement) "
            "WITH s ORDER BY s.sortText LIMIT 21 RETURN collect({text: s.text, "
            "kind: s.kind, evidence: COLLECT { MATCH (s)-[:EVIDENCED_BY]->(m:Mention) "
            "RETURN {start: m.start, end: m.end, sentence: m.sentence} }}) AS rows } "
            "RETURN total, rows",
            lambda d: [d["statements"]["totalCount"], _sorted([
                {"text": n["text"], "kind": n["kind"].lower(), "evidence": _sorted(n["evidence"])}
                for n in d["statements"]["nodes"]])],
            lambda d: [d["statementsConnection"]["totalCount"], _sorted([
                {"text": e["node"]["text"], "kind": e["node"]["kind"].lower(),
                 "evidence": _sorted(e["node"]["evidence"])}
                for e in d["statementsConnection"]["edges"]])],
        ),
        Case(
            "search (people)",
            "query($q: String!) { search(text: $q, kinds: [PERSON], first: 10) { totalCount "
            "edges { node { score node { __typename id ... on Person { name } } } } } }",
            "query($q: String!) { searchPeople(phrase: $q, first: 10) { totalCount "
            "edges { score node { id name } } } }",
            "CALL () { CALL db.index.fulltext.queryNodes('search', $q) YIELD node "
            "WHERE node:Person RETURN count(node) AS total } "
            "CALL () { CALL db.index.fulltext.queryNodes('search', $q) YIELD node, score "
            "WHERE node:Person WITH node, score ORDER BY score DESC, node.id LIMIT 11 "
            "RETURN collect({score: score, id: node.id, name: node.name}) AS rows } "
            "RETURN total, rows",
            # The hits' scores, not their ids: among hits of equal score newsgraph orders
            # by id, the peer in Lucene's own order, so a page that cuts through a tie
            # holds other members of it (both are the best hits).
            lambda d: [d["search"]["totalCount"], sorted(
                round(e["node"]["score"], 4) for e in d["search"]["edges"])],
            lambda d: [d["searchPeople"]["totalCount"], sorted(
                round(e["score"], 4) for e in d["searchPeople"]["edges"])],
        ),
        Case(
            "deep: person-roles-org-roles-person-statements",
            "query($id: ID!) { person(id: $id) { name roles(first: 5) { title organisation { "
            "name roles(first: 5) { title person { name statements(first: 5) { text } } } } } } }",
            "query($id: ID!) { people(where: {id: {eq: $id}}) { name "
            "roles(limit: 5, sort: [{title: ASC}, {id: ASC}]) { title organisation { name "
            "roles(limit: 5, sort: [{title: ASC}, {id: ASC}]) { title person { name "
            "statements(limit: 5, sort: [{text: ASC}, {id: ASC}]) { text } } } } } } }",
            "MATCH (p:Person {id: $id}) RETURN p.name, COLLECT { MATCH (p)-[:HOLDS]->(r:Role) "
            "WITH r ORDER BY r.title, r.id LIMIT 5 RETURN {title: r.title, organisation: head("
            "COLLECT { MATCH (r)-[:AT]->(o:Organisation) RETURN {name: o.name, roles: COLLECT { "
            "MATCH (o)<-[:AT]-(r2:Role) WITH r2 ORDER BY r2.title, r2.id LIMIT 5 RETURN {title: "
            "r2.title, person: head(COLLECT { MATCH (h:Person)-[:HOLDS]->(r2) RETURN {name: "
            "h.name, statements: COLLECT { MATCH (h)-[:SAID]->(s:Statement) WITH s LIMIT 5 "
            "RETURN s.text }} })} }} })} } AS roles",
            lambda d: _deep(d["person"], False),
            lambda d: _deep(d["people"][0], True),
        ),
    )


# --- a low-overhead HTTP/1.1 keep-alive client -----------------------------------------


class Connection:
    """One keep-alive connection that POSTs one prepared request and reads the answer
    (reconnecting once when the server has closed an idle connection)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> Connection:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        return self

    async def post(self, request: bytes) -> bytes:
        try:
            return await self._post(request)
        except (asyncio.IncompleteReadError, ConnectionError):
            self.close()
            await self.open()
            return await self._post(request)

    async def _post(self, request: bytes) -> bytes:
        assert self.reader is not None and self.writer is not None
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        length = -1
        chunked = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
        if not head.startswith(b"HTTP/1.1 200"):
            raise SystemExit(f"HTTP error: {head[:200]!r}")
        if not chunked:
            return await self.reader.readexactly(length)
        body = bytearray()
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return bytes(body)
            body += await self.reader.readexactly(size)
            await self.reader.readexactly(2)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def _request(port: int, path: str, query: str, variables: dict[str, Any]) -> bytes:
    body = json.dumps({"query": query, "variables": variables}).encode()
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/json\r\nAccept: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


async def _connections(port: int, n: int) -> list[Connection]:
    return [await Connection(port).open() for _ in range(n)]


@dataclass(frozen=True)
class Stats:
    p50: float  # milliseconds
    p99: float
    rps: float


async def measure(calls: list[Callable[[], Awaitable[None]]], total: int) -> Stats:
    """``total`` requests spread over one worker per entry of ``calls`` (the concurrency)."""
    latencies: list[float] = []
    per_worker = max(1, total // len(calls))

    async def worker(call: Callable[[], Awaitable[None]]) -> None:
        for _ in range(per_worker):
            start = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - start)

    began = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in calls))
    wall = time.perf_counter() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Stats(statistics.median(latencies) * 1000, p99 * 1000, len(latencies) / wall)


# --- setting up -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _wait_port(port: int, process: subprocess.Popen[bytes], name: str) -> None:
    for _ in range(480):
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.25)
    raise SystemExit(f"{name} did not listen on {port} in 120 s")


async def _build_graph(driver: AsyncDriver, db: str, articles: int) -> None:
    records, _, _ = await driver.execute_query(
        "MATCH (a:Article) WHERE a.url STARTS WITH $prefix RETURN count(a) AS n",
        prefix=f"https://bench.invalid/{CORPUS}/", database_=db,
    )
    have = records[0]["n"]
    if have >= articles:
        print(f"graph: {have} synthetic articles already there")
        return
    write = _write_module()
    items = write.corpus(CORPUS, articles)
    started = time.perf_counter()
    for i in range(0, len(items), 100):
        await write_extractions(driver, db, items[i : i + 100])
    print(f"graph: wrote {articles} synthetic articles in {time.perf_counter() - started:.0f} s")


async def _pick_person(driver: AsyncDriver, db: str) -> tuple[str, str]:
    """A synthetic person who holds roles and said things; a name to search for."""
    records, _, _ = await driver.execute_query(
        "MATCH (p:Person) WHERE p.name ENDS WITH $corpus AND EXISTS { (p)-[:HOLDS]->() } "
        "AND EXISTS { (p)-[:SAID]->() } RETURN p.id AS id, p.name AS name ORDER BY p.id LIMIT 1",
        corpus=f" {CORPUS}", database_=db,
    )
    name = records[0]["name"]
    return records[0]["id"], " ".join(name.split()[:2])


async def _statements_per_request(driver: AsyncDriver, db: str, conn: Connection,
                                  request: bytes, n: int = 5) -> float:
    """Cypher statements the server ran per request, from Neo4j's own query statistics."""
    await driver.execute_query("CALL db.stats.stop('QUERIES')", database_=db)
    await driver.execute_query("CALL db.stats.clear('QUERIES')", database_=db)
    await driver.execute_query("CALL db.stats.collect('QUERIES')", database_=db)
    for _ in range(n):
        await conn.post(request)
    await asyncio.sleep(1.5)  # the collector drains its queue in the background
    records, _, _ = await driver.execute_query(
        "CALL db.stats.retrieve('QUERIES') YIELD data "
        "WITH data WHERE NOT data.query CONTAINS 'db.stats' "
        "RETURN sum(data.invocationSummary.invocationCount) AS n", database_=db,
    )
    await driver.execute_query("CALL db.stats.stop('QUERIES')", database_=db)
    return float(records[0]["n"] or 0) / n


# --- the run ----------------------------------------------------------------------------


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200, help="requests per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", default="1,16")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = parser.parse_args()
    levels = [int(c) for c in args.concurrency.split(",")]

    if not (PEER / "node_modules").is_dir():
        raise SystemExit("the peer's packages are missing: run `npm ci` in bench/peer/")
    settings = Settings.from_env(os.environ)
    connection = resolve_connection(settings)
    db = connection.database
    driver = await open_driver(connection)
    await apply_migrations(driver, db)
    await _build_graph(driver, db, args.articles)
    person, name = await _pick_person(driver, db)
    variables = {"id": person, "q": name}

    ours_port, peer_port = _free_port(), _free_port()
    newsgraph = Path(sys.executable).parent / "newsgraph"
    servers = [
        subprocess.Popen(
            [str(newsgraph), "serve", "--port", str(ours_port)],
            env={**os.environ, "NEWSGRAPH_GRAPHIQL": "false"},
        ),
        subprocess.Popen(
            [shutil.which("node") or "node", str(PEER / "server.mjs"), str(peer_port)],
            env={**os.environ, "PEER_NEO4J_URI": connection.uri,
                 "PEER_NEO4J_USER": connection.user, "PEER_NEO4J_PASSWORD": connection.password},
            stdout=subprocess.DEVNULL,
        ),
    ]
    cases = _cases()
    try:
        await _wait_port(ours_port, servers[0], "newsgraph serve")
        await _wait_port(peer_port, servers[1], "the peer")
        await asyncio.sleep(2)
        systems = ("newsgraph", "peer", "cypher")
        ports = {"newsgraph": (ours_port, "/graphql"), "peer": (peer_port, "/")}
        pools = {s: await _connections(ports[s][0], max(levels)) for s in ports}

        def request(system: str, case: Case) -> bytes:
            port, path = ports[system]
            query = case.ours if system == "newsgraph" else case.peer
            used = {k: v for k, v in variables.items() if f"${k}" in query}
            return _request(port, path, query, used)

        # The same data first (and every query planned and warm).
        counts: dict[tuple[str, str], float] = {}
        for case in cases:
            answers = {}
            for system in ports:
                body = json.loads(await pools[system][0].post(request(system, case)))
                if "errors" in body:
                    raise SystemExit(f"{system}, {case.name}: {body['errors']}")
                norm = case.norm_ours if system == "newsgraph" else case.norm_peer
                answers[system] = norm(body["data"])
            if answers["newsgraph"] != answers["peer"]:
                raise SystemExit(f"{case.name}: the two APIs disagree:\n"
                                 f"newsgraph {json.dumps(answers['newsgraph'])[:2000]}\n"
                                 f"peer      {json.dumps(answers['peer'])[:2000]}")
            for system in ports:
                counts[(case.name, system)] = await _statements_per_request(
                    driver, db, pools[system][0], request(system, case))
        print(f"same data from both APIs for all {len(cases)} queries (person {person})")

        results: dict[tuple[str, int, str], list[Stats]] = {}
        for round_no in range(args.rounds):
            order = systems[round_no % 3:] + systems[: round_no % 3]
            for case in cases:
                for level in levels:
                    for system in order:
                        if system == "cypher":
                            params = {k: v for k, v in variables.items() if f"${k}" in case.cypher}

                            async def call(case: Case = case, params: dict[str, Any] = params
                                           ) -> None:
                                await driver.execute_query(
                                    case.cypher, params, database_=db,
                                    routing_=RoutingControl.READ)

                            calls = [call] * level
                        else:
                            req = request(system, case)
                            calls = [
                                (lambda c=c, req=req: c.post(req))  # type: ignore[misc]
                                for c in pools[system][:level]
                            ]
                        await measure(calls, max(level * 2, 20))  # warm
                        stats = await measure(calls, args.requests)
                        results.setdefault((case.name, level, system), []).append(stats)
            print(f"round {round_no + 1}/{args.rounds} done; load {os.getloadavg()[0]:.2f}")
        for pool in pools.values():
            for conn in pool:
                conn.close()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        await driver.close()

    def med(key: tuple[str, int, str]) -> Stats:
        runs = results[key]
        return Stats(statistics.median(s.p50 for s in runs), statistics.median(s.p99 for s in runs),
                     statistics.median(s.rps for s in runs))

    print(f"\n{args.articles} articles; {args.requests} requests per cell, median of "
          f"{args.rounds} interleaved rounds; ms; load average {os.getloadavg()}\n")
    header = (f"{'query':46} {'c':>2} | {'newsgraph p50':>13} {'p99':>7} {'req/s':>6} | "
              f"{'peer p50':>8} {'p99':>7} {'req/s':>6} | {'Cypher p50':>10} {'req/s':>6} | "
              f"{'p50 ng/peer':>11} {'req/s ng/peer':>13} {'ng/Cypher':>9} | stmts ng/peer")
    print(header)
    print("-" * len(header))
    lines = []
    for case in cases:
        for level in levels:
            ours, peer, floor = (med((case.name, level, s)) for s in systems)
            stmts = f"{counts[(case.name, 'newsgraph')]:g}/{counts[(case.name, 'peer')]:g}"
            print(f"{case.name:46} {level:>2} | {ours.p50:13.2f} {ours.p99:7.2f} {ours.rps:6.0f} | "
                  f"{peer.p50:8.2f} {peer.p99:7.2f} {peer.rps:6.0f} | {floor.p50:10.2f} "
                  f"{floor.rps:6.0f} | {ours.p50 / peer.p50:11.2f} {ours.rps / peer.rps:13.2f} "
                  f"{ours.p50 / floor.p50:9.2f} | {stmts}")
            lines.append(
                f"| {case.name} | {level} | {ours.p50:.2f} / {ours.rps:.0f} | "
                f"{peer.p50:.2f} / {peer.rps:.0f} | {floor.p50:.2f} / {floor.rps:.0f} | "
                f"{ours.p50 / peer.p50:.2f} | {ours.rps / peer.rps:.2f} | "
                f"{ours.p50 / floor.p50:.2f} | {stmts} |")
    if args.markdown:
        print("\n| query | c | newsgraph p50 ms / req/s | @neo4j/graphql p50 / req/s | "
              "raw Cypher p50 / req/s | p50 newsgraph/peer | req/s newsgraph/peer | "
              "p50 newsgraph/Cypher | statements per request newsgraph/peer |")
        print("|---|---|---|---|---|---|---|---|---|")
        print("\n".join(lines))


if __name__ == "__main__":
    uvloop.run(main())

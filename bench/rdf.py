"""Benchmark the RDF export as a user meets it: the whole ``newsgraph export`` command,
per format, beside the reference peer (neosemantics, n10s) on the same Neo4j graph.

Usage (from the repository root)::

    .venv/bin/python bench/rdf.py [--articles 400] [--scale 10] [--repeat 3]
                                  [--batch-sizes 500,2000,5000,20000]
                                  [--bolt-port 17692] [--http-port 17479]

It starts a throw-away local Neo4j (instance ``bench-rdf``, its own data folder
and ports, thrown away first and stopped at the end), writes ``--articles``
synthetic articles (:mod:`tests.rdf.synthetic`, through the writer in batches), then prints,
in one run:

1. **Start-up**: ``newsgraph --help`` and ``newsgraph export --help`` as whole
   processes, beside ``python -c pass`` (the interpreter alone, the floor),
   interleaved rounds, medians.
2. **Export, per format**: the wall-clock seconds of the whole command
   ``newsgraph export --format F -o FILE`` (start-up included: what a user waits),
   triples/s, and its peak RSS; n10s's HTTP endpoint in the same rounds when
   n10s is there. Rounds are interleaved (every format, every system, then again),
   and the median of ``--repeat`` rounds is printed.
3. **The Cypher side**: the rows alone (no RDF), read with each ``--batch-sizes``
   page size: round trips and seconds, interleaved rounds.
4. **Memory at scale**: the graph rewritten ``--scale`` times larger, every format
   exported once more; peak RSS of the command beside the first graph's.

**n10s** (neosemantics 5.26.x) is not on Maven Central and its source is on GitHub.
The benchmark uses a plugin jar in ``bench/n10s/`` (``*.jar``), else builds one
with Maven from a source checkout of the 5.26 tag placed in ``bench/n10s/src``
(``mvn package``), else asks Maven Central for ``org.neo4j.procedure:n10s``. When
none of these gives a jar, its rows say so and why, and nothing is measured for
it: the figures quoted in issue 13 are printed as quoted text, never as a
measurement of this run. (The run path, the plugin in the server's ``plugins``
folder and its HTTP endpoint at ``/rdf``, has not been exercised on the
development machine, where no jar could be had.)
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.settings import Settings
from graph.driver import Connection, open_driver
from graph.migrations import apply_migrations
from graph.rdf import RdfFormat
from graph.rdf_rows import read_session, row_batches
from graph.server import LocalNeo4j, LocalServerConfig
from tests.rdf.synthetic import write_synthetic

BASE = "https://news.example.org/id"
ROOT = Path(__file__).resolve().parents[1]
NEWSGRAPH = [str(ROOT / ".venv" / "bin" / "newsgraph")]
N10S_DIR = ROOT / "bench" / "n10s"
N10S_ARTIFACT = "org.neo4j.procedure:n10s:5.26.1"
N10S_FORMATS = {
    RdfFormat.NT: "N-Triples",
    RdfFormat.TTL: "Turtle",
    RdfFormat.JSONLD: "JSON-LD",
    RdfFormat.RDFXML: "RDF/XML",
    RdfFormat.TRIG: "TriG",
    RdfFormat.NQ: "N-Quads",
}
N10S_CYPHER = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r"
QUOTED = (
    "quoted from issue 13 (measured elsewhere, NOT in this run): n10s 5.26.1 HTTP endpoint, "
    "same 400-article graph, 203,114 triples: N-Triples 0.76 s (268k triples/s), "
    "Turtle 1.21 s (167k triples/s)"
)


# -- processes ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float  # wall clock
    cpu: float  # the process's own user + system CPU seconds
    max_rss_mb: float
    returncode: int


# A process's peak RSS as wait4 reports it is at least what its parent held when it
# forked (Linux keeps the parent's high-water mark through the child's exec). This
# benchmark holds ~100 MB by the time it measures the larger graph, so the commands are
# started by a small launcher process (the interpreter alone, ~10 MB) instead.
_LAUNCHER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    out = open(job["stdout"], "wb") if job["stdout"] else subprocess.DEVNULL
    started = time.perf_counter()
    proc = subprocess.Popen(job["command"], env=job["env"], stdout=out, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if out is not subprocess.DEVNULL:
        out.close()
    print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
                      "maxrss_kb": usage.ru_maxrss, "returncode": os.waitstatus_to_exitcode(status),
                      "stderr": err}), flush=True)
"""
_launcher: subprocess.Popen[str] | None = None


def run_process(command: Sequence[str], env: dict[str, str], stdout: Path | None = None) -> Run:
    """Run a command to its end: wall seconds, CPU seconds and its own peak RSS (``wait4``
    in the launcher, see above)."""
    global _launcher
    if _launcher is None:
        _launcher = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _LAUNCHER],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
    if _launcher.stdin is None or _launcher.stdout is None:
        raise RuntimeError("the launcher has no pipes")
    job = {"command": list(command), "env": env, "stdout": str(stdout) if stdout else None}
    _launcher.stdin.write(json.dumps(job) + "\n")
    _launcher.stdin.flush()
    done = json.loads(_launcher.stdout.readline())
    if done["returncode"] != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done['returncode']}):\n{done['stderr']}")
    return Run(done["seconds"], done["cpu"], done["maxrss_kb"] / 1024, done["returncode"])


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


# -- n10s ---------------------------------------------------------------------------------------


def n10s_jar() -> tuple[Path | None, str]:
    """The n10s plugin jar, or None and why there is none."""
    jars = sorted(N10S_DIR.glob("*.jar"))
    if jars:
        return jars[-1], f"plugin {jars[-1].name} from {N10S_DIR}"
    mvn = shutil.which("mvn")
    if mvn is None:
        return None, "no `mvn` to build or fetch n10s"
    source = N10S_DIR / "src"
    if (source / "pom.xml").is_file():
        built = subprocess.run(
            [mvn, "-B", "-q", "-f", str(source / "pom.xml"), "package", "-DskipTests"],
            capture_output=True, text=True, check=False, timeout=1800,
        )  # fmt: skip
        found = sorted(
            p for p in (source / "target").glob("neosemantics-*.jar") if "original" not in p.name
        )
        if built.returncode == 0 and found:
            return found[-1], f"built from {source}"
        return None, f"`mvn package` in {source} failed:\n{built.stdout[-2000:]}"
    fetched = subprocess.run(
        [mvn, "-B", "-q", "dependency:copy", f"-Dartifact={N10S_ARTIFACT}",
         f"-DoutputDirectory={N10S_DIR}"],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    jars = sorted(N10S_DIR.glob("*.jar"))
    if fetched.returncode == 0 and jars:
        return jars[-1], f"{N10S_ARTIFACT} from Maven Central"
    return None, (
        f"{N10S_ARTIFACT} is not on Maven Central (Maven: not found) and no source checkout "
        f"of its 5.26 tag is in {source} (GitHub cannot be reached from here)"
    )


class _ServerWithN10s(LocalNeo4j):
    """The benchmark's server with the n10s plugin and its HTTP endpoint at /rdf."""

    def __init__(self, config: LocalServerConfig, jar: Path) -> None:
        super().__init__(config)
        self.jar = jar

    def _prepare_home(self, lib: Path) -> None:
        super()._prepare_home(lib)
        shutil.copy2(self.jar, self.home / "plugins" / self.jar.name)
        with (self.home / "conf" / "neo4j.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                "server.unmanaged_extension_classes=n10s.endpoint=/rdf\n"
                "dbms.security.procedures.unrestricted=n10s.*\n"
            )


def n10s_command(config: LocalServerConfig, password: str, fmt: RdfFormat) -> list[str]:
    """The n10s export as a whole process (curl against its HTTP endpoint), as a user runs it."""
    body = json.dumps({"cypher": N10S_CYPHER, "format": N10S_FORMATS[fmt]})
    return [
        "curl", "-sS", "-f", "-u", f"neo4j:{password}", "-H", "Content-Type: application/json",
        "-d", body, f"http://127.0.0.1:{config.http_port}/rdf/neo4j/cypher",
    ]  # fmt: skip


# -- the graph and the Cypher side --------------------------------------------------------------


async def _load(connection: Connection, articles: int) -> None:
    driver = await open_driver(connection)
    try:
        await apply_migrations(driver, connection.database)
        await write_synthetic(driver, connection.database, articles)
    finally:
        await driver.close()


def _load_here(connection: Connection, articles: int) -> None:
    asyncio.run(_load(connection, articles))


def load(connection: Connection, articles: int) -> float:
    """Replace the graph with ``articles`` synthetic articles; the seconds it took. In a
    process of its own: the graph built in memory would otherwise stay in this process's
    memory, and a child's peak RSS (``wait4``) counts its parent's at the fork."""
    started = time.perf_counter()
    process = multiprocessing.get_context("spawn").Process(
        target=_load_here, args=(connection, articles)
    )
    process.start()
    process.join()
    if process.exitcode != 0:
        raise SystemExit(f"writing {articles} synthetic articles failed ({process.exitcode})")
    return time.perf_counter() - started


async def read_rows(connection: Connection, batch: int) -> tuple[int, int, float]:
    """Rows, round trips and seconds to read the whole graph's rows in pages of ``batch``."""
    driver = await open_driver(connection)
    try:
        started = time.perf_counter()
        rows = trips = 0
        async with read_session(driver, connection.database) as session:
            async for page in row_batches(session, None, batch):
                rows += len(page)
                trips += 1
        return rows, trips, time.perf_counter() - started
    finally:
        await driver.close()


# -- the benchmark --------------------------------------------------------------------------------


def export_command(fmt: RdfFormat, out: Path) -> list[str]:
    return [*NEWSGRAPH, "export", "--format", fmt.value, "-o", str(out)]


def count_triples(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for _ in f)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--scale", type=int, default=10, help="the larger graph, x articles")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--batch-sizes", default="500,2000,5000,20000")
    parser.add_argument("--bolt-port", type=int, default=17692)
    parser.add_argument("--http-port", type=int, default=17479)
    args = parser.parse_args()
    batch_sizes = [int(b) for b in args.batch_sizes.split(",")]
    formats = list(RdfFormat)

    settings = Settings.from_env(os.environ)
    config = replace(
        settings.local_server(),
        instance="bench-rdf",
        bolt_port=args.bolt_port,
        http_port=args.http_port,
    )
    jar, why = n10s_jar()
    server = LocalNeo4j(config) if jar is None else _ServerWithN10s(config, jar)
    print(f"n10s: {why}")
    print(f"starting a throw-away Neo4j ({config.instance}, bolt {config.bolt_port}) ...")
    server.start(fresh=True)
    work = Path(tempfile.mkdtemp(prefix="bench-rdf-"))
    try:
        password = server.password()
        connection = Connection(f"bolt://127.0.0.1:{config.bolt_port}", "neo4j", password)
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")},
            "NEWSGRAPH_NEO4J_URI": connection.uri,
            "NEWSGRAPH_NEO4J_USER": "neo4j",
            "NEWSGRAPH_NEO4J_PASSWORD": password,
            "NEWSGRAPH_BASE_URI": BASE,
        }
        # 1. start-up, on the empty database: an export of nothing is start-up, connection
        # and one round trip per label
        startup_commands = {
            "python -c pass (floor)": [sys.executable, "-c", "pass"],
            "newsgraph --help": [*NEWSGRAPH, "--help"],
            "newsgraph export --help": [*NEWSGRAPH, "export", "--help"],
            "newsgraph export (empty)": export_command(RdfFormat.TTL, work / "empty.ttl"),
        }
        startup: dict[str, list[Run]] = {name: [] for name in startup_commands}
        for command in startup_commands.values():
            run_process(command, env)  # warm-up: files in the page cache
        for _ in range(max(7, args.repeat)):
            for name, command in startup_commands.items():
                startup[name].append(run_process(command, env))
        print("\nCLI start-up (whole process, median of interleaved rounds):")
        print(f"{'command':<26} {'median s':>8} {'min s':>6} {'max s':>6} {'CPU s':>6}")
        for name, runs in startup.items():
            times = [r.seconds for r in runs]
            cpu = median([r.cpu for r in runs])
            print(f"{name:<26} {median(times):>8.2f} {min(times):>6.2f} {max(times):>6.2f} "
                  f"{cpu:>6.2f}")  # fmt: skip

        loaded = load(connection, args.articles)
        print(f"\nwrote {args.articles} synthetic articles in {loaded:.1f} s")

        # 2. whole export command per format, interleaved with n10s
        for fmt in formats:  # warm-up: plans cached, pages in memory for every format alike
            run_process(export_command(fmt, work / f"warm.{fmt.extension}"), env)
        triples = count_triples(work / "warm.nt")
        quads = count_triples(work / "warm.nq")
        ours: dict[RdfFormat, list[Run]] = {f: [] for f in formats}
        theirs: dict[RdfFormat, list[Run]] = {f: [] for f in formats}
        for _ in range(args.repeat):
            for fmt in formats:
                ours[fmt].append(run_process(export_command(fmt, work / f"x.{fmt.extension}"), env))
                if jar is not None:
                    out = work / f"n10s.{fmt.extension}"
                    theirs[fmt].append(run_process(n10s_command(config, password, fmt), env, out))
        n10s_triples = count_triples(work / "n10s.nt") if jar is not None else 0
        print(
            f"\nWhole export command, {triples:,} triples ({quads:,} quads in TriG/N-Quads), "
            f"median of {args.repeat} interleaved rounds:"
        )
        print(f"{'system':<10} {'format':<7} {'wall s':>7} {'triples/s':>10} {'CPU s':>6} "
              f"{'peak RSS MB':>11} {'x nt':>5}")  # fmt: skip
        nt_seconds = median([r.seconds for r in ours[RdfFormat.NT]])
        for fmt in formats:
            seconds = median([r.seconds for r in ours[fmt]])
            rss = max(r.max_rss_mb for r in ours[fmt])
            cpu = median([r.cpu for r in ours[fmt]])
            print(f"{'newsgraph':<10} {fmt.value:<7} {seconds:>7.2f} {triples / seconds:>10,.0f} "
                  f"{cpu:>6.2f} {rss:>11.0f} {seconds / nt_seconds:>5.2f}")  # fmt: skip
            if jar is not None:
                theirs_s = median([r.seconds for r in theirs[fmt]])
                print(f"{'n10s':<10} {fmt.value:<7} {theirs_s:>7.2f} "
                      f"{n10s_triples / theirs_s:>10,.0f} {'-':>6} {'(server)':>11} "
                      f"   newsgraph/n10s wall {seconds / theirs_s:.2f}")  # fmt: skip
            else:
                print(f"{'n10s':<10} {fmt.value:<7} {'-':>7} {'-':>10} {'-':>6} {'-':>11}  "
                      "not measured")  # fmt: skip
        if jar is None:
            print(f"n10s rows skipped: {why}.")
            print(QUOTED)
        load_avg = os.getloadavg()[0]
        print(f"(load average {load_avg:.1f} on {os.cpu_count()} CPUs)")

        # 3. the Cypher side
        print("\nThe Cypher side: the whole graph's rows, no RDF (median of interleaved rounds):")
        reads: dict[int, list[tuple[int, int, float]]] = {b: [] for b in batch_sizes}
        for _ in range(args.repeat):
            for batch in batch_sizes:
                reads[batch].append(asyncio.run(read_rows(connection, batch)))
        print(f"{'batch':>6} {'rows':>7} {'row groups':>11} {'seconds':>8} {'rows/s':>8}")
        for batch, found in reads.items():
            rows, trips = found[0][0], found[0][1]
            seconds = median([f[2] for f in found])
            print(f"{batch:>6} {rows:>7,} {trips:>11} {seconds:>8.2f} {rows / seconds:>8,.0f}")

        # 4. memory at scale
        if args.scale > 1:
            big = args.articles * args.scale
            loaded = load(connection, big)
            print(f"\nwrote {big} synthetic articles ({args.scale}x) in {loaded:.1f} s")
            print(f"{'format':<7} {'peak RSS MB':>11} {'at ' + str(args.scale) + 'x':>9} "
                  f"{'ratio':>6} {'wall s at ' + str(args.scale) + 'x':>14}")  # fmt: skip
            for fmt in formats:
                run = run_process(export_command(fmt, work / f"big.{fmt.extension}"), env)
                small = max(r.max_rss_mb for r in ours[fmt])
                print(f"{fmt.value:<7} {small:>11.0f} {run.max_rss_mb:>9.0f} "
                      f"{run.max_rss_mb / small:>6.2f} {run.seconds:>14.2f}")  # fmt: skip
            print(f"({count_triples(work / 'big.nt'):,} triples at {args.scale}x)")
    finally:
        server.stop()
        for path in glob.glob(str(work / "*")):
            os.unlink(path)
        work.rmdir()


if __name__ == "__main__":
    main()

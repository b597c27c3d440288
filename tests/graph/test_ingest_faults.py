"""``newsgraph ingest`` when things go wrong: each failure one line on stderr with its
full path (F9), and Neo4j dying mid-ingest stops it at once with one clear report of
what was and was not written (F10). The real CLI, in a subprocess, on the real Neo4j
(through a proxy the test cuts, as if the server had been killed)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from neo4j import AsyncDriver

from api.settings import Settings
from graph.driver import Connection
from tests.conftest import SHARED
from tests.faults import proxy_to

DEV = SHARED / "data" / "dev"


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    return {**os.environ, "COLUMNS": "80", **extra}


def _ingest(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "api", "ingest", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


async def test_each_failure_is_one_line_on_stderr_with_the_full_path(
    empty_graph: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    deep = tmp_path / ("a-rather-long-folder-name-" * 3) / "and-deeper"
    deep.mkdir(parents=True)
    big = deep / "too-large-article-with-a-long-name.txt"
    big.write_text("All work and no play. " * 40, encoding="utf-8")
    empty = deep / "empty-article.txt"
    empty.write_text("  \n", encoding="utf-8")
    process = _ingest(str(big), str(empty), str(tmp_path / "nothing-*.txt"),
                      env=_env(settings, NEWSGRAPH_MAX_ARTICLE_BYTES="200"))
    out, err = process.communicate(timeout=300)
    assert process.returncode == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3, err

    def line(prefix: str) -> str:
        [found] = [x for x in lines if x.startswith(f"error: {prefix}: ")]
        return found

    assert f"The article from {big} is larger than 200 bytes" in line(str(big))
    assert "NEWSGRAPH_MAX_ARTICLE_BYTES" in line(str(big))
    assert "empty" in line(str(empty))
    assert "no file matches" in line(str(tmp_path / "nothing-*.txt"))
    assert "--max-bytes" not in err  # `ingest` has no such option
    assert "3 failed" in out  # the table stays, on stdout


async def test_neo4j_dying_mid_ingest_stops_at_once_saying_what_was_written(
    empty_graph: AsyncDriver, settings: Settings, connection: Connection
) -> None:
    articles = sorted(str(p) for p in DEV.glob("*.txt"))[:8]
    assert len(articles) == 8
    bolt = urlparse(connection.uri)
    with proxy_to(bolt.hostname or "127.0.0.1", bolt.port or 7687) as proxy:
        # One article per batch: the report names the one article in flight.
        process = _ingest(
            "--batch-size", "1", *articles, env=_env(settings, NEWSGRAPH_NEO4J_URI=proxy.uri)
        )
        deadline = time.monotonic() + 240
        written = 0
        while written == 0 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            found = await empty_graph.execute_query(
                "MATCH (a:Article) RETURN count(a) AS n", database_=connection.database
            )
            written = found.records[0]["n"]
        assert written >= 1, process.communicate()
        proxy.cut()
        cut_at = time.monotonic()
        _out, err = process.communicate(timeout=120)
        took = time.monotonic() - cut_at
    assert process.returncode == 1
    assert took < 45, f"{took:.0f} s after Neo4j died"  # not ~30 s per remaining article
    found = await empty_graph.execute_query(
        "MATCH (a:Article) RETURN count(a) AS n", database_=connection.database
    )
    stored = found.records[0]["n"]
    assert 1 <= stored < 8
    report = re.search(r"ingest stopped: (\d) of 8 sources written, (\d) not", err)
    assert report is not None, err
    written = int(report.group(1))
    assert int(report.group(2)) == 8 - written
    # The article in flight when the connection died may have committed unseen.
    assert written <= stored <= written + 1
    in_flight = [line for line in err.splitlines() if ": not confirmed: " in line]
    assert len(in_flight) == 1 and in_flight[0].startswith("error: /"), err
    not_written = [line for line in err.splitlines() if line.startswith("  not written: ")]
    assert len(not_written) == 8 - written - 1, err
    assert "Traceback" not in err and "defunct connection" not in err, err

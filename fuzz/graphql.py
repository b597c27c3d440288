"""Fuzz the GraphQL endpoint; fail on any server error.

Starts ``newsgraph serve`` on a free port against the database of NEWSGRAPH_NEO4J_*
(the seed article is loaded first, so ids resolve), then runs two phases:
``schemathesis run`` on ``/graphql`` with the checks of :mod:`fuzz.hooks` (its JSON
report read back), and :mod:`fuzz.variables` (every argument through a variable,
with hostile values). Exit 0 only when at least ``--min-cases`` cases ran in all
and none failed.

    python -m fuzz.graphql [--max-examples 60] [--min-cases 1000] [--seed 10]

``make fuzz`` runs the long pass (>= 1,000 cases); the test suite a short one.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from fuzz import variables

REPO = Path(__file__).resolve().parent.parent
# schemathesis' own check counts a field's GraphQL error as a server error, and
# positive_data_acceptance a business rule (`first` between 1 and 100) as a
# rejection of valid data; fuzz.hooks checks what a server error is here instead.
EXCLUDED_CHECKS = "not_a_server_error,positive_data_acceptance"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"newsgraph serve exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit("newsgraph serve did not become ready in 120 s")


def _load_seed() -> None:
    seed = REPO.parent / "shared" / "data" / "seed" / "article.txt"
    result = subprocess.run(
        [sys.executable, "-m", "api", "ingest", str(seed)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"loading the seed article failed:\n{result.stderr}")


def run(max_examples: int, min_cases: int, seed: int, workers: int) -> int:
    _load_seed()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NEWSGRAPH_GRAPHIQL": "false"}
    env.pop("NEWSGRAPH_API_KEY", None)  # mutations answer Unauthorised: no spaCy runs
    server = subprocess.Popen(
        [sys.executable, "-m", "api", "serve", "--port", str(port), "--no-access-log"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        _wait_ready(url, server)
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            command = [
                sys.executable, "-m", "schemathesis.cli", "run", f"{url}/graphql",
                "--max-examples", str(max_examples), "--seed", str(seed),
                "--workers", str(workers), "--exclude-checks", EXCLUDED_CHECKS,
                "--report", "json", "--report-json-path", str(report),
                "--report-dir", tmp, "--no-color",
            ]
            hooks_env = {**os.environ, "SCHEMATHESIS_HOOKS": "fuzz.hooks",
                         "PYTHONPATH": str(REPO)}
            finished = subprocess.run(command, env=hooks_env, check=False, cwd=tmp)
            if not report.exists():
                print(f"schemathesis wrote no report (exit {finished.returncode})")
                return 1
            data = json.loads(report.read_text())
        sent, wrong = variables.run(url, max(2, max_examples // 2), seed)
    finally:
        server.terminate()
        server.wait(timeout=30)
    cases = data["test_cases"]
    failed = sum(f.get("count", 1) for f in data["failures"])
    total = cases["generated"] + sent
    print(f"\nfuzz: schemathesis {cases['generated']} cases over "
          f"{data['operations']['tested']} operations, {failed} failures, "
          f"{cases['errored']} errored; variables {sent} cases, {len(wrong)} failures "
          f"(seed {seed})")
    for line in wrong[:20]:
        print(f"  {line}")
    if total < min_cases:
        print(f"FAIL: {total} cases, fewer than {min_cases}; raise --max-examples")
        return 1
    if failed or cases["errored"] or data["errors"] or wrong:
        print("FAIL: see the failures above")
        return 1
    print(f"PASS: 0 server errors and 0 INTERNAL_SERVER_ERROR over {total} cases")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=60, help="per operation")
    parser.add_argument("--min-cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sys.exit(run(args.max_examples, args.min_cases, args.seed, args.workers))


if __name__ == "__main__":
    main()

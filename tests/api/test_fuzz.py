"""The short fuzz pass of the suite (``make fuzz`` runs the long one): schemathesis
against /graphql of a real ``newsgraph serve``, >= 200 cases, no server errors."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_a_short_fuzz_pass_finds_no_server_error(gold: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fuzz.graphql", "--max-examples", "12", "--min-cases", "200"],
        capture_output=True, text=True, check=False, cwd=REPO, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "PASS: 0 server errors and 0 INTERNAL_SERVER_ERROR" in result.stdout

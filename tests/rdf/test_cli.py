"""``newsgraph export``: every format to a file, one article, and clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from api.cli import app
from api.settings import Settings
from graph.rdf import RdfFormat, RdfSource, rdflib_format
from tests.rdf import graph_fixture as fx


@pytest.mark.parametrize("fmt", list(RdfFormat), ids=str)
def test_export_writes_each_format_to_a_file(
    fixture_graph: RdfSource, tmp_path: Path, fmt: RdfFormat
) -> None:
    out = tmp_path / f"graph.{fmt.extension}"
    result = CliRunner().invoke(app, ["export", "--format", fmt.value, "-o", str(out)])
    assert result.exit_code == 0, result.output
    target: Graph = Dataset() if fmt.is_quads else Graph()
    target.parse(out, format=rdflib_format(fmt))
    assert len(target) > 0 or fmt.is_quads
    assert not list(tmp_path.glob("*.partial"))


def test_export_of_one_article_to_stdout(fixture_graph: RdfSource, settings: Settings) -> None:
    result = CliRunner().invoke(app, ["export", "-f", "nq", "--article", fx.ARTICLE_B])
    assert result.exit_code == 0, result.output
    dataset = Dataset().parse(data=result.stdout, format="nquads")
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == {
        f"{settings.rdf_base}/{fx.ARTICLE_B}"
    }


def test_an_unknown_article_fails_and_leaves_no_file(
    fixture_graph: RdfSource, tmp_path: Path
) -> None:
    out = tmp_path / "nope.ttl"
    result = CliRunner().invoke(app, ["export", "--article", "article/nope", "-o", str(out)])
    assert result.exit_code != 0
    assert not out.exists() and not list(tmp_path.iterdir())


def test_an_output_in_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "-o", str(tmp_path / "no" / "such.ttl")])
    assert result.exit_code == 2
    assert not (tmp_path / "no").exists()

"""An independent toolkit, Apache Jena, accepts the export without errors or warnings."""

from __future__ import annotations

from pathlib import Path

from graph.rdf import RdfFormat, RdfSource, build_dataset, build_graph, export
from tests.rdf.jena import JENA_FORMATS, riot_count, riot_validate


async def test_jena_parses_every_format_without_errors_or_warnings(
    fixture_graph: RdfSource, jena_lib: Path, tmp_path: Path
) -> None:
    """Each format streamed in large batches and in batches of 3 nodes (so subjects,
    graph blocks and JSON-LD nodes meet batch boundaries); Jena reads the same number of
    triples or quads from each as rdflib's graph of the export holds."""
    small = RdfSource(fixture_graph.driver, fixture_graph.database, fixture_graph.base, 3)
    files, expected = [], {}
    triples = len(await build_graph(fixture_graph))
    quads = sum(1 for _ in (await build_dataset(fixture_graph)).quads((None, None, None, None)))
    for source, tag in ((fixture_graph, "large"), (small, "small")):
        for fmt in (*JENA_FORMATS, RdfFormat.NT):
            path = tmp_path / f"export-{tag}.{fmt.extension}"
            path.write_bytes(await export(source, fmt))
            files.append(path)
            expected[path.name] = quads if fmt.is_quads else triples
    result = riot_validate(jena_lib, *files)
    assert result.returncode == 0, result.output
    assert result.problems == [], result.output
    assert riot_count(jena_lib, *files) == expected


async def test_jena_reports_a_broken_file_so_the_check_above_can_fail(
    jena_lib: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        '<http://x.org/a> <http://x.org/b> "x"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        "<http://x.org/a b> <http://x.org/b> <http://x.org/c> .\n",
        encoding="utf-8",
    )
    result = riot_validate(jena_lib, broken)
    assert result.returncode != 0
    assert any("WARN" in p for p in result.problems)
    assert any("ERROR" in p for p in result.problems)

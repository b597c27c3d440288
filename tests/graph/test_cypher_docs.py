"""Every query of docs/cypher.md runs read-only on the seed graph and returns the
rows the document shows."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from graph.cypher import JsonValue, run_query
from graph.driver import Connection

DOC = Path(__file__).resolve().parents[2] / "docs" / "cypher.md"
_PARAM = re.compile(r"^:param\s+(\w+)\s*=>\s*'(.*)'\s*$")


@dataclass(frozen=True)
class Example:
    title: str
    query: str
    params: dict[str, str]
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    complete: bool  # "Rows:" lists every row in order; "Rows include:" some of them


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.strip().strip("|").split("|"))


def examples() -> list[Example]:
    found = []
    for section in DOC.read_text(encoding="utf-8").split("\n## ")[1:]:
        title = section.splitlines()[0]
        block = re.search(r"```cypher\n(.*?)```", section, re.S)
        table = re.search(r"\n(Rows(?: include)?):\n\n((?:\|.*\n?)+)", section)
        assert block and table, f"section {title!r} lacks a cypher block or its rows"
        lines = block.group(1).splitlines()
        params = {m.group(1): m.group(2) for m in map(_PARAM.match, lines) if m}
        query = "\n".join(line for line in lines if not _PARAM.match(line))
        header, _rule, *body = table.group(2).strip().splitlines()
        found.append(Example(title, query, params, _cells(header),
                             tuple(_cells(line) for line in body), table.group(1) == "Rows"))
    return found


EXAMPLES = examples()


def shown(value: JsonValue) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def matches(expected: tuple[str, ...], actual: tuple[JsonValue, ...]) -> bool:
    """Cells equal, or the value starts with a cell ending in "…"; any run of white
    space (the seed has no-break spaces) counts as one space."""
    for raw, value in zip(expected, actual, strict=True):
        cell, text = " ".join(raw.split()), " ".join(shown(value).split())
        if cell.endswith("…") and not text.endswith("…"):
            if not text.startswith(cell[:-1]):
                return False
        elif text != cell:
            return False
    return True


def test_the_cookbook_has_at_least_ten_examples_with_rows() -> None:
    assert len(EXAMPLES) >= 10
    assert all(example.rows for example in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.title for e in EXAMPLES])
async def test_a_documented_query_returns_the_documented_rows(
    seed_graph: str, driver: AsyncDriver, connection: Connection, example: Example
) -> None:
    result = await run_query(driver, connection.database, example.query, example.params)

    assert result.columns == example.columns
    if example.complete:
        assert len(result.rows) == len(example.rows), result.rows
        for expected, actual in zip(example.rows, result.rows, strict=True):
            assert matches(expected, actual), (expected, actual)
    else:
        for expected in example.rows:
            assert any(matches(expected, actual) for actual in result.rows), (
                expected, result.rows
            )

"""docs/graph-model.md, graph/browser.grass and the migrations agree with the model
in schema/graph_model.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.migrations import MIGRATIONS
from schema.graph_model import NODES, RELATIONSHIPS, NodeSpec, caption, mention_id, role_id
from schema.labels import Label, RelType

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "graph-model.md").read_text(encoding="utf-8")
GRASS = (ROOT / "graph" / "browser.grass").read_text(encoding="utf-8")


@pytest.mark.parametrize("spec", NODES, ids=[spec.label.value for spec in NODES])
def test_the_doc_lists_every_property_of_every_label(spec: NodeSpec) -> None:
    row = re.search(rf"^\| `{spec.label.value}` \|(.*)\|$", DOC, re.M)
    assert row, f"no row for {spec.label}"
    documented = set(re.findall(r"(?:^|, )\s*([a-zA-Z]+)", row.group(1)))
    assert spec.property_names() <= documented


def test_every_label_and_relationship_type_is_modelled_documented_and_styled() -> None:
    assert {spec.label for spec in NODES} == set(Label)
    assert {rel.type for rel in RELATIONSHIPS} == set(RelType)
    for rel_type in RelType:
        assert f":{rel_type.value}" in DOC, rel_type
        assert f"relationship.{rel_type.value} {{" in GRASS, rel_type
    for label in Label:
        assert re.search(rf"node\.{label.value} \{{[^}}]*caption: '\{{name\}}';", GRASS), label


def test_every_label_has_an_id_constraint_and_the_search_index_is_kept() -> None:
    for label in Label:
        assert any(f"FOR (n:{label.value}) REQUIRE n.id IS UNIQUE" in m for m in MIGRATIONS)
    search = next(m for m in MIGRATIONS if "FULLTEXT INDEX search " in m)
    for field in ("n.name", "n.aliasText", "n.text", "n.summary", "n.title"):
        assert field in search


def test_ids_are_deterministic_and_captions_are_short_whole_words() -> None:
    assert mention_id("article/a", 1, 5) == mention_id("article/a", 1, 5)
    assert mention_id("article/a", 1, 5) != mention_id("article/b", 1, 5)
    assert role_id("person/x", "Mayor", None).startswith("role/")
    assert role_id("person/x", "Mayor", "organisation/y") != role_id("person/x", "Mayor", None)
    long = "As part of our response to the increase in violent crime in London we are examining"
    short = caption(long)
    assert len(short) <= 60 and short.endswith("…")
    assert long.startswith(short[:-1])
    assert caption("  two\n words ") == "two words"

"""The seed article, read from ../shared: structure, key facts and the score."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest
from spacy.language import Language

import loaders
from schema.model import BlockKind, Extraction

from .conftest import SEED, SEED_GOLD

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared seed article not present")


def _scorer() -> ModuleType:
    path = SEED.parents[2] / "tools" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed(nlp: Language) -> Extraction:
    return loaders.extract(loaders.read(SEED), nlp=nlp)


def test_seed_blocks_are_told_apart(seed: Extraction) -> None:
    kinds = [b.kind for b in seed.article.blocks]
    assert kinds[:3] == [BlockKind.HEADLINE, BlockKind.CAPTION, BlockKind.CREDIT]
    assert kinds[-1] == BlockKind.BOILERPLATE
    assert kinds.count(BlockKind.BODY) == 10


def test_seed_scores_above_the_bar(seed: Extraction) -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    result = _scorer().score(gold, loaders.to_eval(seed))
    assert result["micro"]["f1"] >= 0.90
    for category in ("people", "organisations", "locations", "events"):
        assert result[category]["f1"] >= 0.80, category
    assert result["statements"]["f1"] >= 0.90
    assert result["roles"]["f1"] >= 0.90


def test_seed_key_facts(seed: Extraction) -> None:
    data = loaders.to_eval(seed)
    roles = {(r["person"], r["title"], r["organisation"]) for r in data["roles"]}
    assert ("Stephen House", "Assistant Commissioner", "Metropolitan Police") in roles
    assert ("Jack Taylor", "Photographer", "Getty Images") in roles
    attack = next(e for e in data["events"] if e["kind"] == "attack")
    assert attack["when"] == "2017-09-15"
    assert attack["where"] == "Parsons Green station"
    house = [s for s in data["statements"] if s["speaker"] == "Stephen House"]
    assert len(house) == 4


def test_every_span_points_into_the_text(seed: Extraction) -> None:
    text = seed.article.text
    evidence = [m for p in seed.people for m in p.mentions]
    evidence += [e for s in seed.statements for e in s.evidence]
    evidence += [e for r in seed.roles for e in r.evidence]
    evidence += [e for ev in seed.events for e in ev.evidence]
    assert evidence
    for item in evidence:
        assert text[item.start : item.end] == item.text
        assert text[item.sentence_start : item.sentence_end] == item.sentence

"""The extraction score on the development set (../shared/data/dev), pooled.

The articles and their gold annotations are read from ../shared at test time,
never copied into the project. Scoring is the shared scorer's own
(``../shared/tools/score_extraction.py``), pooled the way ``score_corpus.py``
pools. The floor is the figure the extractor reached when it was last raised,
less 0.02: a change that quietly undoes that work fails here.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from spacy.language import Language

import loaders

from .conftest import SHARED

DEV = SHARED / "data" / "dev"
SEED = SHARED / "data" / "seed"
REACHED_DEV_MICRO = 0.85  # pooled micro F1 on the dev set when last measured
SEED_FLOOR = 0.95
CATEGORIES = ("people", "organisations", "locations", "roles", "statements", "events")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_extraction", SHARED / "tools" / "score_extraction.py")
    assert spec is not None and spec.loader is not None, "../shared/tools is missing"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pooled(folder: Path, nlp: Language) -> dict[str, float]:
    scorer = _scorer()
    totals = {c: [0, 0, 0, 0] for c in (*CATEGORIES, "micro")}
    texts = sorted(folder.glob("*.txt"))
    assert texts, f"no articles in {folder}: the tests need ../shared beside the project"
    for text in texts:
        gold = json.loads((folder / f"{text.stem}.gold.json").read_text(encoding="utf-8"))
        predicted = loaders.to_eval(loaders.extract(loaders.read(str(text)), nlp=nlp))
        result: dict[str, Any] = scorer.score(gold, predicted)
        for category, counts in totals.items():
            row = result[category]
            counts[0] += row["gold"]
            counts[1] += row["predicted"]
            counts[2] += row["hits_gold"]
            counts[3] += row["hits_predicted"]
    f1: dict[str, float] = {}
    for category, (gold_n, pred_n, hit_gold, hit_pred) in totals.items():
        precision = hit_pred / pred_n if pred_n else 0.0
        recall = hit_gold / gold_n if gold_n else 0.0
        f1[category] = 2 * precision * recall / (precision + recall) if precision + recall else 0
    return f1


def test_the_dev_set_score_does_not_fall(nlp: Language) -> None:
    f1 = _pooled(DEV, nlp)
    table = ", ".join(f"{c} {v:.3f}" for c, v in f1.items())
    assert f1["micro"] >= REACHED_DEV_MICRO - 0.02, f"dev set pooled F1 fell: {table}"


def test_the_seed_article_stays_near_perfect(nlp: Language) -> None:
    f1 = _pooled(SEED, nlp)
    assert f1["micro"] >= SEED_FLOOR, f"seed F1 {f1['micro']:.3f}"

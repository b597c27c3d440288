"""Count the extractor's errors on an annotated folder, by class.

Usage (from the repository root)::

    .venv/bin/python bench/extraction_errors.py [FOLDER] [--markdown]

FOLDER defaults to ../shared/data/dev (read at run time, never copied). Every
article is extracted, paired with its gold by the shared scorer's own one-to-one
matching (``../shared/tools/score_extraction.py``), and each unpaired item is
given a class: a missed or false entity of another kind, a role whose title or
organisation differs, a statement given to the wrong speaker, an event whose
place differs. Prints the counts per class (a markdown table with --markdown).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import loaders  # noqa: E402

Item = dict[str, Any]


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location(
        "score_extraction", SHARED / "tools" / "score_extraction.py")
    if spec is None or spec.loader is None:
        raise SystemExit("../shared/tools/score_extraction.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORER = _scorer()


def _pairs(gold: list[Item], pred: list[Item], match: Callable[[Item, Item], bool],
           ) -> dict[int, int]:
    """The scorer's maximum one-to-one matching, as predicted index -> gold index."""
    edges = [[j for j, p in enumerate(pred) if match(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return owner


def classify(gold: Item, pred: Item, counts: Counter[tuple[str, str]]) -> None:
    ents = gold.get("people", []) + gold.get("organisations", [])
    pents = pred.get("people", []) + pred.get("organisations", [])

    def ref(g: str | None, p: str | None) -> bool:
        return bool(SCORER.ref_match(g, p, ents, pents))

    def unpaired(category: str, match: Callable[[Item, Item], bool],
                 gold_items: list[Item], pred_items: list[Item]) -> tuple[list[Item], list[Item]]:
        owner = _pairs(gold_items, pred_items, match)
        used = set(owner.values())
        return ([g for i, g in enumerate(gold_items) if i not in used],
                [p for j, p in enumerate(pred_items) if j not in owner])

    kinds = ("people", "organisations", "locations")
    for kind in kinds:
        g_items = [e for e in gold.get(kind, []) if not e.get("anonymous")]
        p_items = [e for e in pred.get(kind, []) if not e.get("anonymous")]
        missed, false = unpaired(kind, SCORER.entity_match, g_items, p_items)
        for g in missed:
            other = any(SCORER.entity_match(g, p) for k in kinds if k != kind
                        for p in pred.get(k, []))
            counts[(kind, "found as another kind" if other else "missed")] += 1
        for p in false:
            other = any(SCORER.entity_match(g, p) for k in kinds if k != kind
                        for g in gold.get(k, []))
            counts[(kind, "false: another kind in gold" if other else "false")] += 1

    roles_g, roles_p = gold.get("roles", []), pred.get("roles", [])
    missed, false = unpaired("roles", lambda g, p: _role_match(g, p, ref), roles_g, roles_p)
    for g in missed:
        same = [p for p in false if ref(g.get("person"), p.get("person"))]
        if not same:
            counts[("roles", "holder has no role")] += 1
        elif any(ref(g.get("organisation"), p.get("organisation")) for p in same):
            counts[("roles", "title differs")] += 1
        else:
            counts[("roles", "organisation differs")] += 1
    for p in false:
        if not any(ref(g.get("person"), p.get("person")) for g in missed):
            counts[("roles", "false")] += 1

    st_g, st_p = gold.get("statements", []), pred.get("statements", [])
    missed, false = unpaired("statements", lambda g, p: _statement_match(g, p, ref), st_g, st_p)
    for g in missed:
        said = [p for p in false if SCORER.overlap(g.get("quote"), p.get("quote")) >= 0.7]
        if said:
            counts[("statements", "wrong speaker or kind")] += 1
        else:
            counts[("statements", f"missed {g.get('kind') or 'direct'}")] += 1
    for p in false:
        if not any(SCORER.overlap(g.get("quote"), p.get("quote")) >= 0.7 for g in missed):
            counts[("statements", f"false {p.get('kind') or 'direct'}")] += 1

    ev_g, ev_p = gold.get("events", []), pred.get("events", [])
    locs_g, locs_p = gold.get("locations", []), pred.get("locations", [])

    def event_match(g: Item, p: Item) -> bool:
        where = (not g.get("where")) or SCORER.ref_match(g.get("where"), p.get("where"),
                                                          locs_g, locs_p)
        return bool(where and SCORER.overlap(g.get("summary"), p.get("summary")) >= 0.3)

    missed, false = unpaired("events", event_match, ev_g, ev_p)
    for g in missed:
        if any(SCORER.overlap(g.get("summary"), p.get("summary")) >= 0.3 for p in false):
            counts[("events", "place differs")] += 1
        else:
            counts[("events", "missed")] += 1
    counts[("events", "false")] += sum(
        1 for p in false if not any(SCORER.overlap(g.get("summary"), p.get("summary")) >= 0.3
                                    for g in missed))


def _role_match(g: Item, p: Item, ref: Callable[[str | None, str | None], bool]) -> bool:
    # the scorer's rule: holder, exact title words, organisation
    wanted = SCORER.content_tokens(g.get("title")) - SCORER.TITLE_QUALIFIERS
    given = SCORER.content_tokens(p.get("title")) - SCORER.TITLE_QUALIFIERS
    return ref(g.get("person"), p.get("person")) and wanted == given \
        and ref(g.get("organisation"), p.get("organisation"))


def _statement_match(g: Item, p: Item, ref: Callable[[str | None, str | None], bool]) -> bool:
    return ref(g.get("speaker"), p.get("speaker")) \
        and SCORER.overlap(g.get("quote"), p.get("quote")) >= 0.7 \
        and (g.get("kind") or "direct") == (p.get("kind") or "direct")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else SHARED / "data" / "dev"
    nlp = loaders.load_model(loaders.DEFAULT_MODEL)
    counts: Counter[tuple[str, str]] = Counter()
    for text in sorted(folder.glob("*.txt")):
        gold = json.loads((folder / f"{text.stem}.gold.json").read_text(encoding="utf-8"))
        pred = loaders.to_eval(loaders.extract(loaders.read(str(text)), nlp=nlp))
        classify(gold, pred, counts)
    if "--markdown" in argv:
        print("| category | error class | count |\n|---|---|---|")
        for (category, kind), n in sorted(counts.items()):
            print(f"| {category} | {kind} | {n} |")
    else:
        for (category, kind), n in sorted(counts.items()):
            print(f"{category:<14}{kind:<30}{n:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The README's three GraphQL examples, run on the seed graph, give the output the
README shows (search scores aside: Lucene's scores depend on the index's history)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.api.conftest import Api

README = Path(__file__).resolve().parents[2] / "README.md"
VARIABLES = ({"id": "person/cressida-dick"}, {"text": "armed patrols"}, {})


def _examples() -> list[tuple[str, dict[str, Any], Any]]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## GraphQL") : text.index("## More documentation")]
    queries = re.findall(r"```graphql\n(.*?)```", section, re.S)
    outputs = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", section, re.S)]
    assert len(queries) == len(outputs) == len(VARIABLES)
    return list(zip(queries, VARIABLES, outputs, strict=True))


def _without_scores(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_scores(v) for k, v in value.items() if k != "score"}
    if isinstance(value, list):
        return [_without_scores(v) for v in value]
    return value


def _scores(value: Any) -> list[float]:
    if isinstance(value, dict):
        own = [value["score"]] if "score" in value else []
        return own + [s for v in value.values() for s in _scores(v)]
    if isinstance(value, list):
        return [s for v in value for s in _scores(v)]
    return []


async def test_the_readme_examples_give_the_output_the_readme_shows(
    api: Api, seed_graph: str
) -> None:
    for query, variables, shown in _examples():
        got = await api.gql(query, variables)
        assert _without_scores(got) == _without_scores(shown)
        scores = _scores(got)
        assert scores == sorted(scores, reverse=True)

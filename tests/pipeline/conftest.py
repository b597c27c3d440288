"""The pipeline tests' extraction workers: two local processes, started once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.extractors import LocalExtractor
from api.settings import Settings


@pytest.fixture(scope="session")
def local_extractor(settings: Settings) -> Iterator[LocalExtractor]:
    extractor = LocalExtractor(settings.spacy_model, workers=2)
    yield extractor
    extractor.close()

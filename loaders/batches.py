"""Extraction of a batch of articles in a worker process (local or on a Dask cluster).

:func:`extract_batch` is what a worker runs: the batch goes through ``nlp.pipe``
together (:func:`loaders.extraction.extract_many`), with the model loaded once per
process (``load_model`` caches it; :func:`preload` loads it when the worker
starts). Articles and results are plain frozen dataclasses, so they pickle.

An article whose extraction raises does not sink its batch: the batch is then
extracted again one article at a time, and the one that fails comes back as an
:class:`ExtractionFailed` naming the error, beside the others' extractions.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.extraction import extract_many
from loaders.nlp import load_model
from schema.model import Article, Extraction

# What a defect of the extraction rules raises on an unusual text (the model itself
# missing is a ModelNotFoundError and stops the whole run instead).
_EXTRACTION_FAILURES = (
    ValueError, IndexError, KeyError, TypeError, AttributeError, RuntimeError, RecursionError,
)


@dataclass(frozen=True, slots=True)
class ExtractionFailed:
    """An article the extractor could not process, and why."""

    article_id: str
    reason: str


def preload(model: str) -> None:
    """Load the model into this process's cache (a worker's start-up)."""
    load_model(model)


def extract_batch(articles: list[Article], model: str) -> list[Extraction | ExtractionFailed]:
    """Each article's extraction, in order (or why it failed)."""
    nlp = load_model(model)
    try:
        return list(extract_many(articles, nlp=nlp, batch_size=max(1, len(articles))))
    except _EXTRACTION_FAILURES:
        return [_extract_one(article, model) for article in articles]


def _extract_one(article: Article, model: str) -> Extraction | ExtractionFailed:
    try:
        return next(extract_many([article], nlp=load_model(model), batch_size=1))
    except _EXTRACTION_FAILURES as exc:
        reason = f"the extractor failed on it ({type(exc).__name__}: {exc})"
        return ExtractionFailed(article.id, reason)

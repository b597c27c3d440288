# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``ingestArticle`` and ``deleteArticle``: the CLI's loader and writer behind an API key.

Expected failures (no key, bad input, unknown id) are members of the result
unions; reading and extracting the article (CPU-bound spaCy work, or a blocking
fetch) runs in a worker thread so the event loop keeps serving queries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Annotated, TypeAlias

import anyio
import strawberry

import loaders
from api.graphql.context import Context, Info
from api.graphql.errors import InvalidId
from api.graphql.node import parse_id
from api.graphql.plan import coerced, member_plan
from api.graphql.results import BadInput, NotFound, Unauthorised, unauthorised
from api.graphql.types import Article
from graph import writer
from graph.errors import NotFound as GraphNotFound
from graph.records import WriteStatus
from loaders.errors import ArticleError, ModelNotFoundError
from schema import model
from schema.labels import Label

_URL = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)
_MAX_META = 2000

strawberry.enum(
    WriteStatus,
    name="IngestStatus",
    description="CREATED: new article; UPDATED: a changed version replaced the old one; "
    "UNCHANGED: the same text was already loaded.",
)


@strawberry.input(description="An article to load: its `text`, or a `url` to fetch it from.")
class IngestArticleInput:
    text: str | None = strawberry.field(default=None, description="The article's plain text.")
    url: str | None = strawberry.field(
        default=None, description="Where it was published; fetched when `text` is not given."
    )
    headline: str | None = None
    published: dt.date | None = None
    source: str | None = strawberry.field(default=None, description="The publication's name.")


@strawberry.type(description="The article was loaded (or was already there, unchanged).")
class IngestArticleSuccess:
    article: Article
    status: WriteStatus
    warnings: list[str]


@strawberry.type(description="The article and the facts only it supported were deleted.")
class DeleteArticleSuccess:
    id: strawberry.ID
    facts_deleted: int


IngestArticleResult: TypeAlias = Annotated[
    IngestArticleSuccess | BadInput | Unauthorised,
    strawberry.union("IngestArticleResult"),
]
DeleteArticleResult: TypeAlias = Annotated[
    DeleteArticleSuccess | NotFound | BadInput | Unauthorised,
    strawberry.union("DeleteArticleResult"),
]


def _check_input(data: IngestArticleInput, max_bytes: int) -> BadInput | None:
    if data.text is None and data.url is None:
        return BadInput(message="Give the article's `text`, or a `url` to fetch.", field="text")
    if data.text is not None and len(data.text.encode("utf-8")) > max_bytes:
        return BadInput(message=f"`text` is larger than {max_bytes} bytes.", field="text")
    if data.url is not None and not _URL.match(data.url):
        return BadInput(message="`url` must be an absolute http(s) URL.", field="url")
    for name in ("url", "headline", "source"):
        value = getattr(data, name)
        if value is not None and len(value) > _MAX_META:
            return BadInput(message=f"`{name}` is longer than {_MAX_META} characters.", field=name)
    return None


def _read_and_extract(data: IngestArticleInput, context: Context) -> model.Extraction:
    """Blocking: read (or fetch) the article, then run the extraction on it."""
    settings = context.settings
    if data.text is not None:
        article = loaders.read_text(
            data.text,
            url=data.url,
            headline=data.headline,
            published=data.published,
            source=data.source,
        )
    else:
        url = data.url or ""
        article = loaders.read(
            url,
            max_bytes=settings.max_article_bytes,
            timeout=settings.fetch_timeout,
            published=data.published,
            url=url,
            headline=data.headline,
            allow_networks=settings.fetch_allow_networks,
        )
        if data.source is not None:
            article = dataclasses.replace(article, source=data.source)
    return loaders.extract(article, model=settings.spacy_model)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Read, extract and load one article (needs the API key).")
    async def ingest_article(self, info: Info, input: IngestArticleInput) -> IngestArticleResult:
        context = info.context
        refused = unauthorised(context)
        if refused is not None:
            return refused
        bad = _check_input(input, context.settings.max_article_bytes)
        if bad is not None:
            return bad
        try:
            extraction = await anyio.to_thread.run_sync(
                _read_and_extract, input, context, limiter=context.ingest_limiter
            )
        except ArticleError as exc:
            return BadInput(message=str(exc), field="url" if input.text is None else "text")
        except ModelNotFoundError as exc:
            raise RuntimeError(str(exc)) from exc
        result = await writer.write_extraction(context.driver, context.database, extraction)
        raw = info._raw_info
        variables = coerced(raw.variable_values)
        plan = member_plan(raw.schema, raw.fragments, variables, list(raw.field_nodes),
                           "IngestArticleSuccess")
        bound = plan.bind({"id": result.article_id}, variables, context.limits)
        article = bound.read(await context.reader.run(bound.statement, **bound.parameters))
        if article is None:
            raise RuntimeError(f"article {result.article_id} was written but cannot be read")
        return IngestArticleSuccess(
            article=article,
            status=result.status,
            warnings=list(result.warnings) + list(extraction.warnings),
        )

    @strawberry.mutation(description="Delete an article and the facts only it supported "
                         "(needs the API key).")
    async def delete_article(self, info: Info, id: strawberry.ID) -> DeleteArticleResult:
        context = info.context
        refused = unauthorised(context)
        if refused is not None:
            return refused
        try:
            parse_id(str(id), Label.ARTICLE)
        except InvalidId as exc:
            return BadInput(message=exc.message, field="id")
        found = await context.reader.nodes([str(id)])
        if found[0] is None:
            return NotFound(message=f"No article has id {str(id)!r}.", id=id)
        try:
            result = await writer.delete_article(context.driver, context.database, str(id))
        except GraphNotFound:
            return NotFound(message=f"No article has id {str(id)!r}.", id=id)
        return DeleteArticleSuccess(id=id, facts_deleted=result.facts_deleted)

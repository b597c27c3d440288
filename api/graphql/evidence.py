# strawberry.field(description=...) is typed as returning Any by strawberry itself:
# mypy: disable-error-code="untyped-decorator"
"""``Evidence``: where in which article a fact was read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.resolvers import by_id
from graph.reads import Citation
from schema import model

if TYPE_CHECKING:
    from api.graphql.article import Article


@strawberry.type(
    description="A span of an article's text that supports a fact: "
    "`article.text[start:end] == text`, inside `sentence`."
)
class Evidence:
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    sentence_end: int
    article_id: strawberry.Private[str]

    @classmethod
    def from_domain(cls, citation: Citation) -> Evidence:
        ev = citation.evidence
        return cls(
            start=ev.start,
            end=ev.end,
            text=ev.text,
            sentence=ev.sentence,
            sentence_start=ev.sentence_start,
            sentence_end=ev.sentence_end,
            article_id=citation.article,
        )

    @strawberry.field(description="The article the span is in.")
    async def article(
        self, info: Info
    ) -> Annotated[Article, strawberry.lazy("api.graphql.article")] | None:
        from api.graphql.article import Article

        node = await by_id(info, self.article_id)
        return Article.from_domain(node) if isinstance(node, model.Article) else None

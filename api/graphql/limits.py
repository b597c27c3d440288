"""The API's limits, in one frozen object passed to the schema and the app."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_page_size: int = 100  # `first` of a root connection
    default_page_size: int = 20
    max_nested: int = 100  # `first` of a nested list (person.statements ...)
    default_nested: int = 50
    max_depth: int = 12  # query depth (introspection is not counted)
    max_aliases: int = 30
    max_tokens: int = 2000
    max_cost: int = 1_000_000  # estimated items of a query (api.graphql.cost)
    max_response_bytes: int = 16 * 1024 * 1024
    query_timeout: float = 10.0  # seconds per Neo4j transaction
    max_body_bytes: int | None = None  # None: the article size limit plus 64 KiB
    readiness_timeout: float = 3.0  # seconds /readyz waits for Neo4j
    concurrent_ingests: int = 2  # extractions running at once (the rest wait)

    def body_limit(self, max_article_bytes: int) -> int:
        if self.max_body_bytes is not None:
            return self.max_body_bytes
        return max_article_bytes + 64 * 1024

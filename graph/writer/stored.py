"""The stored versions of articles: their checksums, read in one query per batch."""

from __future__ import annotations

from collections.abc import Iterable

from neo4j import AsyncDriver, RoutingControl

ARTICLE_CHECKSUMS = """
UNWIND $articles AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.checksum AS checksum
"""



async def stored_checksums(
    driver: AsyncDriver, database: str, articles: Iterable[str]
) -> dict[str, str]:
    """Article id -> the checksum of its stored version, for those stored (one query;
    ``newsgraph ingest`` skips extracting an article whose checksum is unchanged)."""
    records, _, _ = await driver.execute_query(
        ARTICLE_CHECKSUMS, {"articles": sorted(set(articles))}, database_=database,
        routing_=RoutingControl.READ,
    )
    return {str(r["id"]): str(r["checksum"]) for r in records}


async def stored_checksum(driver: AsyncDriver, database: str, article: str) -> str | None:
    """The checksum of the stored version of one article, or None when it is not stored."""
    return (await stored_checksums(driver, database, [article])).get(article)

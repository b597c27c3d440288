"""Removal: an article's contribution taken out of the graph, and article deletion.

A new version of a stored article first loses the old version's contribution
(its mentions, its statements and events, its containment claims); deleting an
article does the same and removes the article node. What lost evidence is then
cleaned up by :mod:`graph.writer.derived`.
"""

from __future__ import annotations

from collections.abc import Iterable

from neo4j import AsyncDriver, AsyncManagedTransaction

from graph.errors import NotFound
from graph.records import DeleteResult
from graph.writer.derived import Touched, clean_up
from graph.writer.rows import FACT_LABELS
from graph.writer.runner import Statements, StatementsFactory
from graph.writer.stored import ARTICLE_CHECKSUMS
from schema.labels import Label

_TOUCHED = """
UNWIND $articles AS id
MATCH (:Article {id: id})<-[:FROM]-(:Mention)<-[:EVIDENCED_BY]-(fact)
WITH DISTINCT fact
RETURN labels(fact) AS labels, fact.id AS id
"""

_DELETE_SCOPED_FACTS = """
UNWIND $articles AS id
CALL (id) {
  MATCH (s:Statement {article: id}) RETURN s AS fact
  UNION
  MATCH (e:Event {article: id}) RETURN e AS fact
}
DETACH DELETE fact
"""

_DELETE_MENTIONS = """
UNWIND $articles AS id
MATCH (m:Mention {article: id})
DETACH DELETE m
RETURN count(*) AS deleted
"""

_WITHDRAW_CONTAINMENT = """
UNWIND $locations AS id
MATCH (:Location {id: id})-[r:WITHIN]->(:Location)
WITH DISTINCT r
WHERE any(article IN r.articles WHERE article IN $articles)
SET r.articles = [article IN r.articles WHERE NOT article IN $articles]
WITH r WHERE size(r.articles) = 0
DELETE r
"""

_DELETE_ARTICLES = """
UNWIND $articles AS id
MATCH (a:Article {id: id})
DETACH DELETE a
"""


async def remove_contribution(run: Statements, articles: list[str]) -> tuple[Touched, int]:
    """Remove the articles' mentions, statements, events and containment claims;
    return the facts that lost evidence (some may still have evidence elsewhere) and
    the number of mentions deleted."""
    by_label: dict[Label, list[str]] = {}
    for row in await run.run("touched", _TOUCHED, articles=articles):
        for label in FACT_LABELS:
            if label.value in row["labels"]:
                by_label.setdefault(label, []).append(row["id"])
    await run.run("delete scoped facts", _DELETE_SCOPED_FACTS, articles=articles)
    mentions = await run.run("delete mentions", _DELETE_MENTIONS, articles=articles)
    await run.run(
        "withdraw containment", _WITHDRAW_CONTAINMENT,
        articles=articles, locations=by_label.get(Label.LOCATION, []),
    )
    return Touched(by_label), sum(int(row["deleted"]) for row in mentions)



async def delete_tx(
    tx: AsyncManagedTransaction,
    articles: list[str],
    statements: StatementsFactory = Statements,
) -> DeleteResult:
    """The transaction function of a deletion (all or nothing: NotFound names any id
    that is not in the graph, and then nothing is deleted)."""
    run = statements(tx)
    found = {row["id"] for row in await run.run("checksum", ARTICLE_CHECKSUMS, articles=articles)}
    missing = [article for article in articles if article not in found]
    if missing:
        listed = ", ".join(repr(article) for article in missing)
        raise NotFound(f"No article with id {listed} in the graph.")
    touched, mentions = await remove_contribution(run, articles)
    await run.run("article", _DELETE_ARTICLES, articles=articles)
    await clean_up(run, touched, None)
    facts = run.counts.nodes_deleted - mentions - len(articles)
    return DeleteResult(", ".join(articles), run.counts, facts_deleted=facts)


async def delete_article(driver: AsyncDriver, database: str, article: str) -> DeleteResult:
    """Remove one article and every fact only it supported; raise NotFound if absent."""
    async with driver.session(database=database) as session:
        return await session.execute_write(delete_tx, [article])


async def delete_articles(
    driver: AsyncDriver, database: str, articles: Iterable[str]
) -> DeleteResult:
    """Remove several articles in one transaction (all or nothing: NotFound names any
    id that is not in the graph, and then nothing is deleted)."""
    ids = sorted(set(articles))
    async with driver.session(database=database) as session:
        return await session.execute_write(delete_tx, ids)

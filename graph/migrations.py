"""Schema migrations: uniqueness constraints and indexes, applied idempotently at start,
and the stored sort keys filled in on nodes written before they existed.

Every statement is ``IF NOT EXISTS``, so applying them again changes nothing; and
processes that start at once on a new database (``ingest`` beside ``serve``, or
several ingests) may all apply them: the one that loses the race to create a rule
gets a "rule already exists" error from the server, which means the rule is there.
"""

from __future__ import annotations

from neo4j import AsyncDriver
from neo4j.exceptions import ClientError

from graph.errors import SCHEMA_RULE_EXISTS
from graph.pages import SORT_KEYS, sort_key_assignments
from schema.labels import Label

_ID_CONSTRAINTS = tuple(
    f"CREATE CONSTRAINT {label.kind}_id IF NOT EXISTS "
    f"FOR (n:{label.value}) REQUIRE n.id IS UNIQUE"
    for label in Label
)

ENTITY_KEYS_INDEX = "entity_keys"
"""Full-text index over the ``keys`` lists of people, organisations and places: the
writer's alias lookup (a range index cannot index the elements of a list). The
``keyword`` analyzer keeps each key one exact token."""

_INDEXES = (
    "CREATE INDEX article_url IF NOT EXISTS FOR (n:Article) ON (n.url)",
    "CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published)",
    "CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
    "CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name)",
    "CREATE INDEX location_name IF NOT EXISTS FOR (n:Location) ON (n.name)",
    "CREATE INDEX role_title IF NOT EXISTS FOR (n:Role) ON (n.title)",
    "CREATE INDEX event_kind IF NOT EXISTS FOR (n:Event) ON (n.kind)",
    "CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",
    "CREATE INDEX statement_kind IF NOT EXISTS FOR (n:Statement) ON (n.kind)",
    "CREATE INDEX statement_article IF NOT EXISTS FOR (n:Statement) ON (n.article)",
    "CREATE INDEX event_article IF NOT EXISTS FOR (n:Event) ON (n.article)",
    "CREATE INDEX event_date_text IF NOT EXISTS FOR (n:Event) ON (n.dateText)",
    "CREATE INDEX person_anonymous IF NOT EXISTS FOR (n:Person) ON (n.anonymous)",
    "CREATE INDEX mention_article IF NOT EXISTS FOR (n:Mention) ON (n.article)",
    # curation decisions (graph/decisions.py): by id, and a merged-away id's survivor
    "CREATE CONSTRAINT decision_id IF NOT EXISTS FOR (n:Decision) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX decision_other IF NOT EXISTS FOR (n:Decision) ON (n.other)",
    "CREATE INDEX decision_entity IF NOT EXISTS FOR (n:Decision) ON (n.entity)",
    "CREATE FULLTEXT INDEX search IF NOT EXISTS "
    "FOR (n:Person|Organisation|Location|Event|Statement|Role) "
    "ON EACH [n.name, n.aliasText, n.text, n.summary, n.title]",
    f"CREATE FULLTEXT INDEX {ENTITY_KEYS_INDEX} IF NOT EXISTS "
    "FOR (n:Person|Organisation|Location) ON EACH [n.keys] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
)

# The stored sort keys that pages seek in order (graph/pages.py SORT_KEYS): a range
# index each, e.g. person_sort_name on Person.sortName.
_SORT_KEY_INDEXES = tuple(
    f"CREATE INDEX {label.kind}_sort_{key.removeprefix('sort').lower()} IF NOT EXISTS "
    f"FOR (n:{label.value}) ON (n.{key})"
    for label, keys in SORT_KEYS.items() for key in keys
)

MIGRATIONS: tuple[str, ...] = _ID_CONSTRAINTS + _INDEXES + _SORT_KEY_INDEXES

# Nodes written before their label had its stored sort keys get them, in transactions
# of 10,000 nodes (one statement per label; a no-op once done: no key is ever null).
_FILL_SORT_KEYS = tuple(
    f"MATCH (n:{label.value}) WHERE {' OR '.join(f'n.{key} IS NULL' for key in keys)} "
    f"CALL (n) {{ SET {sort_key_assignments(label, 'n')} }} IN TRANSACTIONS OF 10000 ROWS"
    for label, keys in SORT_KEYS.items()
)


async def apply_migrations(driver: AsyncDriver, database: str) -> None:
    """Create every constraint and index that is missing, then wait until they are online."""
    for statement in MIGRATIONS:
        try:
            await driver.execute_query(statement, database_=database)
        except ClientError as exc:
            if exc.code not in SCHEMA_RULE_EXISTS:
                raise
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction: a session's run().
    async with driver.session(database=database) as session:
        for statement in _FILL_SORT_KEYS:
            await (await session.run(statement)).consume()
    await driver.execute_query("CALL db.awaitIndexes(120)", database_=database)

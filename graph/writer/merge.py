"""The writing statements: one batched ``UNWIND`` per kind of row, ``MERGE`` on stable ids.

Every node's stored sort keys (``graph.pages.SORT_KEYS``) are set in a ``SET`` clause
of their own, after the properties they are computed from (the items of one ``SET``
clause do not see each other's values). Each statement is idempotent (a retried or
repeated transaction changes nothing it has already done); :func:`write_rows` sends
them in dependency order.
"""

from __future__ import annotations

from graph.pages import sort_key_assignments
from graph.writer.rows import ENTITY_LABELS, ArticleRows, Params
from graph.writer.runner import Statements
from schema.labels import Label

_MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row.props, a.loadedAt = datetime()
SET <sort keys>
""".replace("<sort keys>", sort_key_assignments(Label.ARTICLE, "a"))

_MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MERGE (m:Mention {id: row.id})
SET m += row.props
MERGE (m)-[:FROM]->(a)
"""

_MERGE_ENTITIES_TEMPLATE = """
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
ON CREATE SET n += row.props
SET {sort_keys}
WITH n, row
CALL (n, row) {{
  UNWIND row.mentions AS mention
  MATCH (m:Mention {{id: mention}})
  MERGE (n)-[r:EVIDENCED_BY]->(m)
  SET r += row.evidence
}}
"""
_MERGE_ENTITIES = {
    label: _MERGE_ENTITIES_TEMPLATE.format(
        label=label.value, sort_keys=sort_key_assignments(label, "n"))
    for label in ENTITY_LABELS
}

_MERGE_CONTAINMENT = """
UNWIND $rows AS row
MATCH (inner:Location {id: row.inner})
MATCH (outer:Location {id: row.outer})
MERGE (inner)-[r:WITHIN]->(outer)
SET r.articles = COLLECT {
  UNWIND coalesce(r.articles, []) + row.articles AS article
  WITH DISTINCT article
  RETURN article ORDER BY article
}
"""

_MERGE_ROLES = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MERGE (r:Role {id: row.id})
ON CREATE SET r.title = row.title, r.name = row.title
SET r.status = row.status
SET <sort keys>
MERGE (p)-[:HOLDS]->(r)
WITH r, row
OPTIONAL MATCH (o:Organisation {id: row.organisation})
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END |
  MERGE (r)-[:AT]->(o)
  SET r.name = r.title + ', ' + o.name
)
WITH r, row
CALL (r, row) {
  UNWIND row.mentions AS mention
  MATCH (m:Mention {id: mention})
  MERGE (r)-[e:EVIDENCED_BY]->(m)
  SET e.wording = row.wording, e.status = row.status, e.since = row.since, e.asOf = row.asOf
}
""".replace("<sort keys>", sort_key_assignments(Label.ROLE, "r"))

_MERGE_EVENTS = """
UNWIND $rows AS row
MERGE (e:Event {id: row.id})
SET e += row.props
SET <sort keys>
WITH e, row
OPTIONAL MATCH (l:Location {id: row.location})
FOREACH (_ IN CASE WHEN l IS NULL THEN [] ELSE [1] END | MERGE (e)-[:IN]->(l))
WITH e, row
CALL (e, row) {
  UNWIND row.participants AS participant
  OPTIONAL MATCH (p:Person {id: participant.id})
  OPTIONAL MATCH (o:Organisation {id: participant.id})
  WITH e, participant, coalesce(p, o) AS who
  WHERE who IS NOT NULL
  MERGE (e)-[:INVOLVED {as: participant.as}]->(who)
}
CALL (e, row) {
  UNWIND row.mentions AS mention
  MATCH (m:Mention {id: mention})
  MERGE (e)-[:EVIDENCED_BY]->(m)
}
""".replace("<sort keys>", sort_key_assignments(Label.EVENT, "e"))

_MERGE_STATEMENTS = """
UNWIND $rows AS row
MERGE (s:Statement {id: row.id})
SET s += row.props
SET <sort keys>
WITH s, row
CALL (s, row) {
  OPTIONAL MATCH (p:Person {id: row.speaker})
  OPTIONAL MATCH (o:Organisation {id: row.speaker})
  WITH s, coalesce(p, o) AS speaker
  WHERE speaker IS NOT NULL
  MERGE (speaker)-[:SAID]->(s)
}
CALL (s, row) {
  OPTIONAL MATCH (p:Person {id: row.audience})
  OPTIONAL MATCH (o:Organisation {id: row.audience})
  WITH s, coalesce(p, o) AS audience
  WHERE audience IS NOT NULL
  MERGE (s)-[:TO]->(audience)
}
CALL (s, row) {
  OPTIONAL MATCH (e:Event {id: row.occasion})
  WITH s, e
  WHERE e IS NOT NULL
  MERGE (s)-[:AT]->(e)
}
CALL (s, row) {
  UNWIND row.about AS about
  OPTIONAL MATCH (p:Person {id: about})
  OPTIONAL MATCH (o:Organisation {id: about})
  OPTIONAL MATCH (l:Location {id: about})
  WITH s, coalesce(p, o, l) AS entity
  WHERE entity IS NOT NULL
  MERGE (s)-[:MENTIONS]->(entity)
}
CALL (s, row) {
  UNWIND row.roles AS role
  MATCH (r:Role {id: role})
  MERGE (s)-[:IN_ROLE]->(r)
}
CALL (s, row) {
  UNWIND row.mentions AS mention
  MATCH (m:Mention {id: mention})
  MERGE (s)-[:EVIDENCED_BY]->(m)
}
""".replace("<sort keys>", sort_key_assignments(Label.STATEMENT, "s"))



async def write_rows(run: Statements, articles: list[Params], rows: ArticleRows) -> None:
    """Write a batch's articles and its combined rows."""
    await run.write("article", _MERGE_ARTICLES, articles)
    await run.write("mentions", _MERGE_MENTIONS, rows.mentions)
    for label in ENTITY_LABELS:
        await run.write(str(label), _MERGE_ENTITIES[label], rows.entities[label])
    await run.write("containment", _MERGE_CONTAINMENT, rows.containment)
    await run.write("roles", _MERGE_ROLES, rows.roles)
    await run.write("events", _MERGE_EVENTS, rows.events)
    await run.write("statements", _MERGE_STATEMENTS, rows.statements)

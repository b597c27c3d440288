"""Roles in time: what each article says of a role, and the role a speaker spoke in.

A ``Role`` node is merged across articles, so its own ``status`` is only the last
one written. What one article says is kept on the role's ``EVIDENCED_BY``
relationships to that article's mentions: ``status`` (current / former, as that
article put it) and ``asOf`` (the article's date: ``published`` when known, else
the latest ISO date of the events it reports). "Who was Commissioner according to
articles from 2017" reads those.

A statement whose speaker holds, according to the statement's own article, a
*current* role gets ``(Statement)-[:IN_ROLE]->(Role)``: the role they spoke in.

The writer records both as it writes the roles and statements
(:mod:`graph.writer.rows` works out each article's ``asOf`` and each statement's
roles; :mod:`graph.writer.merge` sets and links them in the same statements);
this module reads them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from neo4j import AsyncDriver, RoutingControl

from schema.model import RoleStatus


@dataclass(frozen=True, slots=True)
class RoleClaim:
    """One article's word that a person holds (or held) a role, and where it says so."""

    role: str
    person: str
    status: RoleStatus
    since: str | None
    as_of: str | None
    article: str
    sentence: str | None


@dataclass(frozen=True, slots=True)
class SpokenInRole:
    statement: str
    role: str


_CLAIMS = """
MATCH (p:Person)-[:HOLDS]->(r:Role)-[e:EVIDENCED_BY]->(m:Mention)-[:FROM]->(a:Article)
WHERE ($title IS NULL OR toLower(r.title) = toLower($title))
  AND ($organisation IS NULL OR EXISTS { (r)-[:AT]->(:Organisation {id: $organisation}) })
  AND ($person IS NULL OR p.id = $person)
  AND ($status IS NULL OR e.status = $status)
  AND ($start IS NULL OR e.asOf >= $start)
  AND ($end IS NULL OR e.asOf <= $end)
WITH r, p, a, e.status AS status, e.since AS since, e.asOf AS asOf, m ORDER BY m.start
WITH r, p, a, status, since, asOf, head(collect(m.sentence)) AS sentence
RETURN r.id AS role, p.id AS person, status, since, asOf, a.id AS article, sentence
ORDER BY asOf, role, article
LIMIT $limit
"""

_SPOKEN = """
MATCH (p)-[:SAID]->(s:Statement)-[:IN_ROLE]->(r:Role)
WHERE ($title IS NULL OR toLower(r.title) = toLower($title))
  AND ($organisation IS NULL OR EXISTS { (r)-[:AT]->(:Organisation {id: $organisation}) })
RETURN s.id AS statement, r.id AS role
ORDER BY s.article, s.id, r.id
LIMIT $limit
"""


async def role_claims(
    driver: AsyncDriver, database: str, *, title: str | None = None,
    organisation: str | None = None, person: str | None = None,
    status: RoleStatus | None = None, start: dt.date | None = None,
    end: dt.date | None = None, limit: int = 100,
) -> list[RoleClaim]:
    """Roles as articles state them: filtered by title, organisation, holder, the status
    the article gave and the article's date (undated articles match no date range)."""
    records, _, _ = await driver.execute_query(
        _CLAIMS,
        {
            "title": title, "organisation": organisation, "person": person,
            "status": status.value if status else None,
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None, "limit": limit,
        },
        database_=database, routing_=RoutingControl.READ,
    )
    return [
        RoleClaim(r["role"], r["person"], RoleStatus(r["status"] or "current"), r["since"],
                  r["asOf"], r["article"], r["sentence"])
        for r in records
    ]


async def spoken_in_role(
    driver: AsyncDriver, database: str, *, title: str | None = None,
    organisation: str | None = None, limit: int = 100,
) -> list[SpokenInRole]:
    """Statements whose speaker held a role of this title (at this organisation) in the
    statement's own article."""
    records, _, _ = await driver.execute_query(
        _SPOKEN, {"title": title, "organisation": organisation, "limit": limit},
        database_=database, routing_=RoutingControl.READ,
    )
    return [SpokenInRole(r["statement"], r["role"]) for r in records]

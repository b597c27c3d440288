"""A synthetic graph of any size in the shape of docs/graph-model.md: the RDF tests'
second graph and the RDF benchmark's (``bench/rdf.py``).

Each article holds 5 people, 2 organisations, 2 places, 3 roles, 1 event and 12
quotations (with quote marks, a backslash and non-ASCII), every fact evidenced
by a span of the article's text; people, organisations, places and roles recur
across articles, as real ones do. :func:`tests.rdf.graph_fixture.write` writes it
(batched ``UNWIND``; the writer's per-article transactions would take minutes for
a benchmark's thousands of articles).
"""

from __future__ import annotations

import datetime as dt

from schema.ids import article_id, checksum, entity_id, fact_id
from schema.labels import Label, RelType
from tests.rdf.graph_fixture import FixtureGraph

FIRST = ["Ruth", "Daniel", "Priya", "Tom", "Helen", "Owen", "Maria", "Ian", "Amara", "Jonas"]
LAST = ["Okafor", "Marsh", "Raman", "Whitfield", "Carter", "Price", "Lopez", "Holt", "Berg"]
ORGS = ["Harbour Council", "River Trust", "City Transport", "Northern Police", "Arts Board",
        "Water Board", "Chamber of Trade", "Schools Agency"]  # fmt: skip
PLACES = [("Eastport", 51.1, -1.2), ("Westford", 52.3, -0.4), ("Millbrook", 53.0, -2.1),
          ("Kingsbay", 50.7, -3.3), ("Ashby", 52.9, -1.0)]  # fmt: skip
TITLES = ["Chair", "Chief Executive", "Spokesperson", "Commissioner", "Director"]


class _Text:
    """Builds an article's text; ``add`` returns where a phrase starts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> int:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start

    @property
    def text(self) -> str:
        return "".join(self.parts)


def synthetic_article(g: FixtureGraph, n: int) -> None:
    """Article ``n`` in the model's shape: 5 people, 2 organisations, 2 places, 3 roles,
    1 event and 12 quotations (with quote marks, a backslash and non-ASCII), each fact
    evidenced by a span of the article's text; people, organisations, places and roles
    recur across articles, as real ones do."""
    t = _Text()
    art = article_id(f"https://news.example/bench/{n}")
    spans: list[tuple[str, int, str, dict[str, object]]] = []

    def said(fact: str, phrase: str, tail: str, **props: object) -> None:
        spans.append((fact, t.add(phrase), phrase, props))
        t.add(tail)

    headline = f"Report number {n} on the harbour plan"
    t.add(headline + "\n\n")
    people = []
    for i in range(5):
        name = f"{FIRST[(n + i) % len(FIRST)]} {LAST[(n * 3 + i) % len(LAST)]}"
        pid = entity_id("person", name)
        alias = f"Dr {name.split()[1]}"
        g.node(Label.PERSON, id=pid, name=name, aliases=[alias], honorific="Dr",
               anonymous=False)  # fmt: skip
        said(pid, name, " attended. ", aliases=[name])
        said(pid, alias, " spoke. ", aliases=[alias])
        people.append(pid)
    orgs = []
    for i in range(2):
        name = ORGS[(n + i) % len(ORGS)]
        oid = entity_id("organisation", name)
        g.node(Label.ORGANISATION, id=oid, name=name, aliases=[])
        said(oid, name, " met. ", aliases=[])
        orgs.append(oid)
    places = []
    for i in range(2):
        name, lat, lon = PLACES[(n + i) % len(PLACES)]
        lid = entity_id("location", name)
        g.node(Label.LOCATION, id=lid, name=name, aliases=[], kind="town", latitude=lat,
               longitude=lon)  # fmt: skip
        said(lid, name, " is near. ", aliases=[])
        places.append(lid)
    for i in range(3):
        person, org = people[i], orgs[i % 2]
        title = TITLES[(n + i) % len(TITLES)]
        rid = fact_id("role", person, title, org)
        if rid not in g.ids:
            g.rel(RelType.HOLDS, person, rid)
            g.rel(RelType.AT, rid, org)
        g.node(Label.ROLE, id=rid, name=f"{title}, {org}", title=title, status="current")
        wording = f"the {title.lower()} of {org}"
        said(rid, wording, ". ", wording=wording)
    eid = fact_id("event", art, "meeting")
    g.node(Label.EVENT, id=eid, name=f"Harbour meeting {n}", article=art, kind="meeting",
           summary=f"Harbour meeting {n}", date="2024-05-06", dateText="Monday")  # fmt: skip
    g.rel(RelType.IN, eid, places[0])
    g.rel(RelType.INVOLVED, eid, people[0], **{"as": "speaker"})
    g.rel(RelType.INVOLVED, eid, orgs[0], **{"as": "host"})
    said(eid, f"the harbour meeting number {n}", ". ")
    for i in range(12):
        sid = fact_id("statement", art, i)
        words = f'Quote {i} of report {n}: we said "yes" to the plan, a back\\slash, caf\u00e9'
        g.node(Label.STATEMENT, id=sid, name=words[:60], article=art, text=words,
               kind="direct" if i % 3 else "indirect", when="2024-05-06")  # fmt: skip
        g.rel(RelType.SAID, people[i % 5], sid)
        g.rel(RelType.TO, sid, orgs[1])
        g.rel(RelType.AT, sid, eid)
        t.add("\u201c")
        said(sid, words, "\u201d, said someone. ")
    text = t.text
    g.node(Label.ARTICLE, id=art, name=headline, headline=headline, text=text,
           url=f"https://news.example/bench/{n}", checksum=checksum(text),
           published=dt.date(2024, 5, 6), source="Bench News")  # fmt: skip
    for fact, start, phrase, props in spans:
        g.span(fact, art, start, phrase, **props)


def synthetic_graph(articles: int) -> FixtureGraph:
    g = FixtureGraph()
    for n in range(articles):
        synthetic_article(g, n)
    return g

"""The extraction pipeline: parse the blocks, then run the rules in order.

1. parse headline, caption and body blocks with spaCy (``nlp.pipe``);
2. find direct quotation spans (so mentions know if they are quoted);
3. collect and cluster people, organisations and locations (:mod:`entities`);
4. resolve places: kinds, containment, coordinates (:mod:`places`);
5. definite descriptions and abbreviations (:mod:`coref`);
6. statements (:mod:`quotes`), roles (:mod:`roles`), events (:mod:`events`);
7. freeze the drafts into :mod:`schema.model` dataclasses with stable ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from loaders import coref, entities, events, places, quotes, roles
from loaders.analysis import LOCATION, ORGANISATION, PERSON, Analysis, Draft, Parsed
from loaders.dates import dateline_date, dateline_places
from loaders.nlp import DEFAULT_MODEL, load_model
from loaders.role_dates import role_since
from loaders.structure import CAPTION_DATELINE, WIRE_DATELINE
from schema.ids import entity_id, fact_id
from schema.model import (
    Article,
    Block,
    BlockKind,
    Event,
    Extraction,
    Location,
    Organisation,
    Participant,
    Person,
    Role,
    RoleStatus,
    Statement,
)

PARSED_KINDS = (BlockKind.HEADLINE, BlockKind.CAPTION, BlockKind.BODY)


def extract(article: Article, *, nlp: Language | None = None,
            model: str = DEFAULT_MODEL) -> Extraction:
    """People, organisations, locations, roles, statements and events of one article."""
    return next(extract_many([article], nlp=nlp, model=model, batch_size=1))


def extract_many(articles: Iterable[Article], *, nlp: Language | None = None,
                 model: str = DEFAULT_MODEL, batch_size: int = 16) -> Iterator[Extraction]:
    """Extractions of many articles, parsing their blocks together through ``nlp.pipe``."""
    pipeline = nlp if nlp is not None else load_model(model)
    group: list[Article] = []
    for article in articles:
        group.append(article)
        if len(group) >= batch_size:
            yield from _extract_group(pipeline, group)
            group = []
    if group:
        yield from _extract_group(pipeline, group)


def _extract_group(nlp: Language, group: list[Article]) -> Iterator[Extraction]:
    jobs = [(a, b) for a in group for b in a.blocks if b.kind in PARSED_KINDS]
    docs = nlp.pipe((a.text[_base(a, b) : b.end] for a, b in jobs), batch_size=64)
    by_article: dict[str, list[Doc]] = {a.id + str(n): [] for n, a in enumerate(group)}
    ordered: list[list[Doc]] = [by_article[a.id + str(n)] for n, a in enumerate(group)]
    index = {id(a): n for n, a in enumerate(group)}
    for (article, _), doc in zip(jobs, docs, strict=True):
        ordered[index[id(article)]].append(doc)
    for n, article in enumerate(group):
        yield analyse(article, ordered[n])


def _base(article: Article, block: Block) -> int:
    """Where parsing starts: after a caption's dateline, which confuses the parser."""
    pattern = {BlockKind.CAPTION: CAPTION_DATELINE, BlockKind.BODY: WIRE_DATELINE}.get(block.kind)
    if pattern is not None:
        match = pattern.match(article.block_text(block))
        if match is not None and match.groupdict().get("titled") and block is not next(
                (b for b in article.blocks if b.kind == BlockKind.BODY), None):
            match = None  # a title-case dateline opens the story only
        if match is not None:
            end = block.start + match.end()
            while end < block.end and article.text[end].isspace():
                end += 1
            return end
    return block.start


def analyse(article: Article, docs: list[Doc]) -> Extraction:
    """Run the rules over an article whose parsed blocks are ``docs`` (in block order)."""
    blocks = [b for b in article.blocks if b.kind in PARSED_KINDS]
    parsed = [Parsed(i, b, d, _base(article, b))
              for i, (b, d) in enumerate(zip(blocks, docs, strict=True))]
    analysis = Analysis(article, parsed, anchor=article.published)
    _datelines(analysis)
    spans = quotes.find_quotes(analysis)
    analysis.quotes = [(q.start, q.end) for q in spans]
    entities.cluster(analysis, entities.collect(analysis))
    places.resolve(analysis)
    coref.resolve_surnames(analysis)
    coref.resolve_names(analysis)
    coref.resolve_descriptions(analysis)
    found_roles = roles.find_roles(analysis)
    analysis.title_holders = [(r.title.lower(), r.person) for r in found_roles]
    statements = quotes.direct_statements(analysis, spans)
    statements += quotes.indirect_statements(analysis, spans)
    statements += quotes.embedded_posts(analysis)
    statements = quotes.without_framing_clauses(statements)
    statements.sort(key=lambda s: s.start)
    found_roles += [
        roles.RoleDraft(person, roles.normalise_title(wording.split()), None, wording,
                        RoleStatus.CURRENT, [(start, end)])
        for person, wording, start, end in analysis.inferred_roles
    ]
    found_events = events.find_events(analysis, statements)
    return _freeze(analysis, statements, found_roles, found_events)


def _datelines(analysis: Analysis) -> None:
    year = analysis.anchor.year if analysis.anchor else None
    for parsed in analysis.parsed:
        if parsed.block.kind != BlockKind.CAPTION:
            continue
        caption = analysis.article.block_text(parsed.block)
        found = dateline_date(caption, year)
        if found is not None and analysis.caption_anchor is None:
            analysis.caption_anchor = found
        if not analysis.dateline_places:
            analysis.dateline_places = dateline_places(caption)
    for parsed in analysis.parsed:
        wire = WIRE_DATELINE.match(analysis.article.block_text(parsed.block))
        place = wire and (wire["place"] or wire["titled"])
        if parsed.block.kind == BlockKind.BODY and place and not analysis.dateline_places:
            analysis.dateline_places = [p.strip().title() for p in place.split(",")]


# -- freezing ---------------------------------------------------------------


def _assign_ids(analysis: Analysis) -> None:
    for draft in analysis.drafts:
        if draft.anonymous:
            first = draft.mentions[0].start if draft.mentions else 0
            draft.id = fact_id(PERSON, analysis.article.id, draft.name, first)
        else:
            draft.id = entity_id(draft.kind, draft.name)


def _freeze(analysis: Analysis, statements: list[quotes.StatementDraft],
            found_roles: list[roles.RoleDraft],
            found_events: list[events.EventDraft]) -> Extraction:
    _assign_ids(analysis)
    article = analysis.article
    people = tuple(_person(d) for d in analysis.drafts if d.kind == PERSON)
    orgs = tuple(Organisation(d.id, d.name, tuple(d.aliases), tuple(d.mentions))
                 for d in analysis.drafts if d.kind == ORGANISATION)
    locs = tuple(_location(d) for d in analysis.drafts if d.kind == LOCATION)
    role_facts = tuple(
        Role(
            id=fact_id("role", r.person.id, r.title.lower(),
                       r.organisation.id if r.organisation else ""),
            person=r.person.id, title=r.title,
            organisation=r.organisation.id if r.organisation else None,
            wording=r.wording, status=r.status,
            evidence=tuple(analysis.evidence(s, e) for s, e in r.spans),
            since=role_since(analysis, r.spans),
        )
        for r in found_roles
    )
    statement_facts = tuple(
        Statement(
            id=fact_id("statement", article.id, s.start, s.end), text=s.text, kind=s.kind,
            speaker=s.speaker.id if s.speaker else None,
            audience=s.audience.id if s.audience else None, when=s.when,
            evidence=(analysis.evidence(s.start, s.end),),
        )
        for s in statements
    )
    event_facts = tuple(_event(analysis, e) for e in found_events)
    return Extraction(article=article, people=people, organisations=orgs, locations=locs,
                      roles=role_facts, statements=statement_facts, events=event_facts,
                      warnings=tuple(analysis.warnings))


def _person(draft: Draft) -> Person:
    return Person(id=draft.id, name=draft.name, aliases=tuple(draft.aliases),
                  honorific=draft.honorific, anonymous=draft.anonymous,
                  mentions=tuple(draft.mentions))


def _location(draft: Draft) -> Location:
    within = draft.within.id if draft.within and draft.within.kind == LOCATION else None
    return Location(id=draft.id, name=draft.name, aliases=tuple(draft.aliases),
                    kind=draft.loc_kind, within=within,
                    latitude=draft.latitude, longitude=draft.longitude,
                    mentions=tuple(draft.mentions))


def _event(analysis: Analysis, event: events.EventDraft) -> Event:
    return Event(
        id=fact_id("event", analysis.article.id, event.kind, event.start),
        kind=event.kind, summary=event.summary, date=event.date if _is_iso(event.date) else None,
        date_text=event.date_text,
        location=event.location.id if event.location and event.location.kind == LOCATION
        else None,
        participants=tuple(Participant(d.id, role) for d, role in event.participants),
        quantities=tuple(event.quantities),
        evidence=tuple(analysis.evidence(s, e) for s, e in event.spans),
    )


def _is_iso(value: str | None) -> bool:
    return value is not None and len(value) == 10 and value[4] == "-" and value[7] == "-"

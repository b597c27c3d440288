"""Events: what happened, where, when, who took part, with numbers.

An event starts from a trigger word of a known kind (a verb such as
"arrested", "patrols", "resigned", "are considering sending"; a noun such as
"attack", "consultation", "inquiry") and is kept only when it reads as a
specific happening:

* verbs: not negated, not under a modal of possibility or "to" (hypothetical),
  not a participle used as an adjective;
* nouns: definite or possessed ("yesterday's attack", "our consultation",
  "the inquiry") or the head of the caption's subject; bare plurals and
  indefinites ("patrols", "a terror attack") are generic and skipped;
* speech to a body ("told the London Assembly") is a hearing, "in a statement"
  is a statement, a crime figure that rises ("knife crime hits record levels")
  or a "crime wave" is a crime trend.

Events of the same kind at the same place are one event. The place is a
location the trigger governs, else one inside its phrase, else the place an
organisation taking part is named after, else the article's main city. The date
is a date phrase of the clause resolved against the publication date (or the
caption's dateline for captions); caption events without one take the
dateline's date.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from loaders.analysis import LOCATION, PERSON, Analysis, Parsed
from loaders.events.arguments import (
    date_tokens,
    event_date,
    event_participants,
    event_place,
    event_quantities,
    event_tokens,
    summarise,
    when_clause,
)
from loaders.events.draft import EventDraft
from loaders.events.merging import is_anchored, merge_mentions
from loaders.events.triggers import (
    ACTION_VERBS,
    HAPPENING,
    in_direct_quote,
    is_happening,
    misparsed_finite,
    noun_event_kind,
    told_as_past,
    verb_event_kind,
    verb_lemma,
)
from loaders.quotes import StatementDraft
from schema.model import BlockKind


def find_events(analysis: Analysis, statements: list[StatementDraft]) -> list[EventDraft]:
    events: list[EventDraft] = []
    for parsed, sent in analysis.told_sentences():
        events.extend(_events_in(sent, parsed, analysis, statements))
    return merge_mentions([e for e in events if e.kind != HAPPENING or is_anchored(e)])


def _events_in(sent: Span, parsed: Parsed, analysis: Analysis,
               statements: list[StatementDraft]) -> list[EventDraft]:
    out: list[EventDraft] = []
    absorbed: set[int] = set()
    triggers: set[int] = set()
    for token in _by_depth(sent):
        if token.i in absorbed:
            continue
        verb_kind = verb_event_kind(token, analysis, parsed)
        kind = verb_kind or noun_event_kind(token, analysis, parsed)
        if kind is None and is_happening(token) \
                and not in_direct_quote(token, parsed, statements) and not (
                token.dep_ == "conj" and token.head.i in triggers) and not any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj") and noun_event_kind(c, analysis, parsed)
                for c in token.children):
            verb_kind = kind = HAPPENING
        if kind is None:
            continue
        event = _build(token, kind, verb_kind is not None, parsed, analysis, statements)
        if verb_kind is not None and not (event.date or event.date_text) and any(
                c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in token.children):
            continue  # "the league will fine him": a future with no stated time is no event
        if verb_kind is None and not _told_as_happening(token, event, parsed):
            continue  # "the launch", "the show": named, not told as happening
        if verb_kind is not None and verb_lemma(token) in ACTION_VERBS:
            # the object names the event ("called an election"); a clause beside it
            # ("after his alliance was trounced in the vote") tells events of its own
            absorbed |= {t.i for c in token.children if not c.dep_.startswith("nsubj")
                         and c.dep_ not in ("advcl", "ccomp", "conj", "parataxis")
                         for t in c.subtree} - _relative_clauses(token)
        if kind == "policy proposal" or kind == "hearing":
            absorbed |= {t.i for c in token.children if c.dep_ in ("xcomp", "dobj")
                         for t in c.subtree}
        absorbed |= {t.i for c in token.children if c.dep_ == "relcl" for t in c.subtree}
        out.append(event)
        triggers.add(token.i)
    return [e for e in out if e.kind != HAPPENING or not any(
        other.kind != HAPPENING and _nested(e, other) for other in out)]


def _relative_clauses(verb: Token) -> set[int]:
    """The words of relative clauses below a verb ("during the war, which ended in 1918"):
    they tell happenings of their own."""
    return {w.i for clause in verb.subtree if clause.dep_ == "relcl" and clause.head.i != verb.i
            for w in clause.subtree}


def _time_clause_head(trigger: Token) -> Token | None:
    """The verb a clause of time hangs on: "were stranded in Oslo after a storm hit" ->
    "stranded" for "hit" (the event happened where the main clause says)."""
    if trigger.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in (
            "after", "before", "when", "as") for c in trigger.children):
        return trigger.head
    if misparsed_finite(trigger) and trigger.head.dep_ == "pobj":
        return trigger.head.head.head
    return None


def _told_as_happening(noun: Token, event: EventDraft, parsed: Parsed) -> bool:
    """A trigger noun is a happening when the text dates or places it, tells it as past
    ("the talks collapsed"), as under way ("the inquiry is at an early stage"), as a
    statement, or in a caption; "the show", "the free trial" only name something."""
    if event.date or event.date_text or event.place_stated or told_as_past(noun):
        return True
    if event.kind == "statement" or parsed.block.kind == BlockKind.CAPTION:
        return True
    return noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and any(
        c.dep_ == "prep" for c in noun.head.children)


def _nested(one: EventDraft, other: EventDraft) -> bool:
    """One event's words inside the other's: "played down the news in a statement" is
    the statement, "the attack ... in which 30 people were injured" the attack."""
    return (other.start <= one.start and one.end <= other.end) or (
        one.start <= other.start and other.end <= one.end)


def _by_depth(sent: Span) -> list[Token]:
    """The sentence's tokens, the root first, then its children, and so on."""
    order: list[Token] = []
    level = [sent.root]
    while level:
        order.extend(level)
        level = sorted((c for t in level for c in t.children), key=lambda t: t.i)
    return order


def _build(trigger: Token, kind: str, is_verb: bool, parsed: Parsed, analysis: Analysis,
           statements: list[StatementDraft]) -> EventDraft:
    tokens = event_tokens(trigger, is_verb, kind)
    start, end = parsed.start(tokens[0]), parsed.end(tokens[-1])
    event = EventDraft(kind, summarise(tokens, trigger, parsed, analysis), start, end,
                       parsed.index, spans=[(start, end)])
    event.aside = trigger.dep_ == "relcl"
    event.participants = event_participants(tokens, trigger, parsed, analysis, statements, start)
    event.location, event.place_stated = event_place(trigger, tokens, parsed, analysis,
                                                event.participants)
    if not event.place_stated and is_verb and (when := when_clause(trigger)):
        located, stated = event_place(trigger, when, parsed, analysis, [])
        if stated:
            event.location, event.place_stated = located, True
    head = _time_clause_head(trigger) if is_verb else None
    if not event.place_stated and head is not None:  # "were stranded in Oslo after a storm hit"
        for child in (*head.children, *(g for c in head.children if c.dep_ == "xcomp"
                                         for g in c.children)):
            if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                for grand in child.children:
                    draft = analysis.entity_of(parsed, grand)
                    if draft is not None and draft.kind == LOCATION:
                        event.location, event.place_stated = draft, True
    dated = date_tokens(trigger, is_verb)
    around = [*tokens, *when_clause(trigger)] if is_verb else tokens
    if is_verb:  # a conjoined verb's date is the event's too ("caught and ate it last week")
        around += [t for c in trigger.children if c.dep_ == "conj" for t in c.subtree]
    event.date_text, event.date = event_date([t for t in around if t.i in dated], parsed, analysis)
    if head is not None and not (event.date or event.date_text):  # and its date
        main = [t for c in head.children if c.dep_ in ("prep", "npadvmod", "tmod")
                and not any(t.i == trigger.i for t in c.subtree) for t in c.subtree]
        event.date_text, event.date = event_date(main, parsed, analysis)
    event.quantities = event_quantities(trigger, tokens)
    return event


__all__ = ["HAPPENING", "PERSON", "EventDraft", "find_events"]

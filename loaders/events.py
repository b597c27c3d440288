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

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from loaders import lexicon
from loaders.analysis import LOCATION, ORGANISATION, PERSON, Analysis, Draft, Parsed
from loaders.coref import referent
from loaders.dates import is_age, resolve
from loaders.quotes import SPEECH_VERBS, StatementDraft, is_speech_verb, subject_of
from schema.model import BlockKind, Quantity

VERB_TRIGGERS = lexicon.mapping("verb_triggers")
NOUN_TRIGGERS = lexicon.mapping("noun_triggers")
_DISASTER = re.compile(r"\b(?:floods?|flooding|storms?|earthquakes?|quakes?|fires?|wildfires?|"
                       r"hurricanes?|typhoons?|landslides?|heatwaves?|tornado(?:es)?)\b", re.I)
_PUBLISHED = lexicon.words("published")
_ROOT_ONLY = lexicon.words("root_only")
_HYPOTHETICAL = {"would", "could", "might", "may", "should", "must"}
_SPECIFIC_DETS = lexicon.words("specific_dets")
_HEARING_BODY = re.compile(
    r"\b(?:assembly|committee|parliament|council|court|inquiry|senate|congress|tribunal|"
    r"commission|mps|lords|board|conference)\b", re.I)
_TREND_VERBS = lexicon.words("trend_verbs")
_TREND_NOUNS = {"rise", "increase", "surge", "fall", "drop", "spike", "decline", "jump"}
_CRIME = re.compile(r"\b(?:crime|murders?|killings?|violence|stabbings?|knife|burglar\w*|"
                    r"shootings?|offences?|homicides?)\b", re.I)
_TREND_SUBJECT = re.compile(r"\b(?:rate|level|levels|inflation|unemployment|prices?|sales|"
                            r"profits?|revenue|numbers?|figures?|crime|murders?|shares|"
                            r"stocks?|pound|sterling|markets?|output|growth|exports|lists?|"
                            r"waits|debt|borrowing|deficit|emissions|temperatures?|cases|"
                            r"deaths|admissions|rents|wages|earnings|bills|turnout)\b", re.I)
_SPEECH_TO_BODY = {"tell", "address", "brief", "testify"}
_MAX_SUMMARY = 22
_COURT = re.compile(r"\b(?:court|judges?|tribunal|justices?|jury)\b", re.I)
_DATE_WORDS = re.compile(
    r"\d|\b(?:yesterday|today|tonight|tomorrow|last|this|next|morning|evening|night|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|spring|summer|autumn|winter|"
    r"week|weekend)\b", re.I)
_PLACE_ORDER = {"station": 0, "landmark": 0, None: 1, "city": 2, "region": 3, "country": 4}


@dataclass
class EventDraft:
    kind: str
    summary: str
    start: int
    end: int
    block: int
    location: Draft | None = None
    place_stated: bool = False
    date: str | None = None
    date_text: str | None = None
    participants: list[tuple[Draft, str]] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


# -- triggers -----------------------------------------------------------------


_DISASTER_VERBS = lexicon.words("disaster_verbs")
_RATE_VERBS = frozenset({"cut", "raise", "hike", "lower", "hold", "keep", "increase",
                         "reduce", "leave"})
_DECIDED = frozenset({"agree", "decide", "vote", "move", "begin", "start", "opt", "elect"})


def _hypothetical(verb: Token) -> bool:
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _DECIDED and not _hypothetical(verb.head):
        return False  # "has agreed to buy": decided, so it happens
    for child in verb.children:
        if child.dep_ == "aux" and (child.lower_ in _HYPOTHETICAL or child.tag_ == "TO"):
            return True
        if child.dep_ == "neg":
            return True
    return verb.dep_ in ("amod", "compound", "acomp") or (
        verb.tag_ == "VBN" and verb.dep_ == "acl" and not _misparsed_finite(verb))


def _misparsed_finite(verb: Token) -> bool:
    """"Air strikes killed 20 people" parsed with "killed" as a participle modifying
    "strikes": a participle with a direct object is the sentence's verb."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_.startswith("nsubj") \
        and any(c.dep_ == "dobj" for c in verb.children)


def _specific_noun(noun: Token) -> bool:
    if _told_as_past(noun) and _verb_lemma(noun.head) not in _KNOWN_VERBS:
        # "Talks broke down on Friday", "Clashes have erupted": these happened (a verb
        # that is a trigger itself tells the event: "A fire destroyed the school")
        return True
    if noun.tag_ in ("NNS", "NNPS") and not any(c.dep_ in ("det", "poss") for c in noun.children):
        return False
    for child in noun.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "det" and child.lower_ in _SPECIFIC_DETS:
            return True
    return False


def _told_as_past(noun: Token) -> bool:
    """The subject or object of a verb in the past ("Talks broke down", "has caused
    severe flooding", "cut short a visit")."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "AUX") \
            or _hypothetical(verb):
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lemma_ in ("have", "be") and c.tag_ != "VB"
        for c in verb.children
    )


def _acts_as_verb(token: Token) -> bool:
    """A verb, or a verbless sentence's root mis-tagged as a plural noun ("officer patrols")."""
    if token.pos_ == "VERB":
        return True
    return token.dep_ == "ROOT" and token.tag_ == "NNS" and not any(
        t.pos_ in ("VERB", "AUX") for t in token.sent
    ) and any(c.dep_ in ("compound", "nsubj") for c in token.lefts)


def _verb_kind(token: Token, analysis: Analysis, parsed: Parsed) -> str | None:
    if not _acts_as_verb(token) or _hypothetical(token):
        return None
    lemma = _verb_lemma(token)
    if lemma in _SPEECH_TO_BODY and _addresses_body(token, analysis, parsed):
        return "hearing"
    if lemma in ("tell", "address", "hold", "give") and any(
        c.dep_ in ("dobj", "dative") and c.lemma_.lower() in ("conference", "briefing")
        for c in token.children
    ):
        return "press conference"
    if lemma in _DISASTER_VERBS:
        subject = subject_of(token)
        if subject is not None and _DISASTER.search(_subtree_text(subject)):
            return "disaster"
    if lemma in _TREND_VERBS:
        subject = subject_of(token)
        if subject is not None and _TREND_SUBJECT.search(_subtree_text(subject)):
            return "crime trend" if _CRIME.search(_subtree_text(subject)) else "trend"
    if lemma in ("say", "announce", "confirm") and _organisation_plans(token, analysis, parsed):
        return "announcement"
    if lemma in ("warn", "announce", "confirm", "unveil", "reveal") and _organisation_says(
        token, analysis, parsed
    ):
        return "announcement"
    if lemma == "publish" and any(c.dep_ == "dobj" and c.lemma_.lower() in _PUBLISHED
                                  for c in token.children):
        return "announcement"
    if lemma in _RATE_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() == "rate"
                                    for c in token.children):
        return "rate decision"  # "The Federal Reserve cut interest rates"
    if lemma == "find" and any(c.lower_ in ("guilty", "liable", "innocent")
                               for c in token.children):
        return "ruling"  # "A jury found him guilty of murder"
    if lemma == "walk" and any(c.dep_ in ("prt", "advmod") and c.lower_ == "out"
                               for c in token.children):
        return "strike"  # "members will walk out on 3 March"
    object_kind = _object_kind(token) if lemma in _ACTION_VERBS else None
    if object_kind is not None:
        return object_kind
    kind = VERB_TRIGGERS.get(lemma)
    if kind is None:
        return None
    objects = [c for c in token.children if c.dep_ in ("dobj", "xcomp")
               or (c.dep_ == "ccomp" and c.i > token.i)]
    if kind == "announcement" and not objects:
        return None
    if lemma in ("agree", "reach", "sign", "broker", "strike"):
        objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "on")
                     for g in c.children if g.dep_ == "pobj"]
    noun_kinds = [NOUN_TRIGGERS[c.lemma_.lower()] for c in objects
                  if c.lemma_.lower() in NOUN_TRIGGERS and c.dep_ in ("dobj", "pobj")]
    if noun_kinds and kind not in ("policy proposal",):
        return noun_kinds[0]  # "launched an inquiry", "held talks": the object says what
    subject = subject_of(token)
    if subject is not None and _DISASTER.search(_subtree_text(subject)):
        kind = "disaster"
    if lemma in ("consider", "plan") and not any(
        c.dep_ in ("xcomp", "dobj", "ccomp") for c in token.children
    ):
        return None
    if lemma == "rule" and subject is not None and _COURT.search(_subtree_text(subject)):
        return "ruling"
    if lemma in _ROOT_ONLY and not _main_clause(token):
        return None
    return kind


_ACTION_VERBS = lexicon.words("action_verbs")
_KNOWN_VERBS = frozenset(VERB_TRIGGERS) | _ACTION_VERBS | _TREND_VERBS | _SPEECH_TO_BODY \
    | _DISASTER_VERBS | _DECIDED | {"say", "confirm", "warn", "reveal", "publish", "tell",
                                    "give", "hold"}
# Verbs whose lemma the lemmatizer may get wrong, and that name an event with a certain
# object only ("cut interest rates", "found him guilty", "walk out")
_LEMMA_VOCABULARY = _KNOWN_VERBS | _RATE_VERBS | {"find", "walk"}


def _object_kind(verb: Token) -> str | None:
    """"agreed to a ceasefire", "launched an inquiry", "held talks": the object is the event."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on")
                for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        kind = NOUN_TRIGGERS.get(obj.lemma_.lower()) or NOUN_TRIGGERS.get(obj.lower_)
        if kind is not None and kind not in ("crime trend",):
            return kind
    return None


def _verb_lemma(token: Token) -> str:
    """The lemma, or the trigger verb a wrong lemma hides ("staged" lemmatised as "stag")."""
    lemma = token.lemma_.lower()
    if lemma in _LEMMA_VOCABULARY:
        return lemma
    word = token.lower_
    for suffix in ("ing", "ed", "es", "d", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for candidate in (stem, stem + "e", stem[:-1]):  # "staged", "fined", "banned"
                if candidate in _LEMMA_VOCABULARY:
                    return candidate
    return lemma


def _main_clause(token: Token) -> bool:
    """The root, a conjunct of it, or the reported clause of a root speech verb."""
    if token.dep_ in ("ROOT", "conj"):
        return True
    if _misparsed_finite(token):
        return _main_clause(token.head.head)
    if token.dep_ == "xcomp" and token.head.lemma_ in _DECIDED:
        return _main_clause(token.head)
    return token.dep_ == "ccomp" and token.head.dep_ == "ROOT" and token.head.lemma_ in (
        "say", "report", "confirm", "announce", "tell")


def _organisation_says(verb: Token, analysis: Analysis, parsed: Parsed) -> bool:
    """"Acme warned that profits would fall": an organisation announcing something."""
    subject = subject_of(verb)
    draft = referent(analysis, parsed, subject) if subject is not None else None
    return draft is not None and draft.kind == ORGANISATION and any(
        c.dep_ == "ccomp" and c.i > verb.i for c in verb.children
    )


def _organisation_plans(verb: Token, analysis: Analysis, parsed: Parsed) -> bool:
    """"Acme said it would cut 400 jobs": an organisation announcing what it will do."""
    subject = subject_of(verb)
    if subject is None:
        return False
    draft = referent(analysis, parsed, subject)
    if draft is None or draft.kind != ORGANISATION:
        return False
    for child in verb.children:
        if child.dep_ != "ccomp" or not any(
            a.lower_ in ("will", "would", "'ll") for a in child.children if a.dep_ == "aux"
        ):
            continue
        inner = subject_of(child)
        if inner is not None and referent(analysis, parsed, inner) is draft:
            return True
    return False


def _noun_kind(token: Token, analysis: Analysis, parsed: Parsed) -> str | None:
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("PERSON", "ORG", "GPE"):
        return None
    if token.dep_ == "poss" or analysis.entity_of(parsed, token) is not None:
        return None
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        return None  # "the cause of the fire": a reference, not a new happening
    if token.dep_ == "nsubj" and token.head.lemma_ == "be" and any(
        c.dep_ == "acomp" for c in token.head.children
    ):
        return None  # "the ruling was unfair": a judgement about an event told elsewhere
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and token.head.pos_ in (
        "VERB", "AUX"
    ) and any(c.dep_ == "aux" and (c.lower_ in _HYPOTHETICAL or c.tag_ == "TO")
              for c in token.head.children):
        return None
    lower = token.lemma_.lower()
    if lower == "statement" and token.head.lower_ == "in" and token.head.dep_ == "prep":
        speaking = token.head.head.lemma_ in ("say", "add", "tell", "write")
        return None if speaking else "statement"
    if lower in _TREND_NOUNS and any(
        _CRIME.search(_subtree_text(c)) for c in token.children if c.dep_ == "prep"
    ):
        return "crime trend" if _specific_noun(token) else None
    kind = NOUN_TRIGGERS.get(lower) or NOUN_TRIGGERS.get(token.lower_)
    if kind is None or not _specific_noun(token):
        return None
    if token.dep_ == "pobj" and token.head.lower_ in ("before", "until", "ahead", "till"):
        return None
    if kind == "crime trend" and not any(_CRIME.search(c.text) for c in token.lefts):
        return None
    return kind


def _subtree_text(token: Token) -> str:
    return " ".join(t.text for t in token.subtree)


_BODY_WORDS = lexicon.words("body_words")


def _addresses_body(verb: Token, analysis: Analysis, parsed: Parsed) -> bool:
    if _audience_body(verb, analysis, parsed) is not None:
        return True
    return any(c.dep_ in ("dobj", "dative") and c.lower_ in _BODY_WORDS for c in verb.children)


def _audience_body(verb: Token, analysis: Analysis, parsed: Parsed) -> Draft | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "pobj", "prep"):
            for token in child.subtree:
                draft = analysis.entity_of(parsed, token)
                if draft is not None and draft.kind == ORGANISATION and \
                        _HEARING_BODY.search(draft.name):
                    return draft
            if _HEARING_BODY.search(child.text) and child.dep_ == "dobj":
                return None
    return None


HAPPENING = "happening"
_NOT_HAPPENINGS = lexicon.words("not_happenings")


def _happening(token: Token) -> bool:
    """A finite verb in the past that tells something happened ("the storm dumped
    rain", "were quarantined", "has grounded its fleet")."""
    if token.pos_ != "VERB" or _hypothetical(token):
        return False
    lemma = _verb_lemma(token)
    if lemma in _NOT_HAPPENINGS or is_speech_verb(token):
        return False
    past = token.tag_ == "VBD" or (token.tag_ == "VBN" and any(
        (c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ != "VB")
        or (c.dep_ == "auxpass" and c.tag_ in ("VBD", "VBN")) for c in token.children))
    if not past:
        return False
    if token.dep_ == "ccomp":
        if token.head.lemma_ not in SPEECH_VERBS:
            return False
    elif token.dep_ == "conj":
        if token.head.pos_ != "VERB":
            return False
    elif token.dep_ not in ("ROOT", "advcl", "relcl"):
        return False
    if any(c.dep_ == "xcomp" for c in token.children) and not any(
            c.dep_ == "dobj" for c in token.children):
        return False  # "declined to say", "was set to begin": the event, if any, is the verb below
    first = min(token.subtree, key=lambda t: t.i)
    if first.tag_ in ("WRB", "WP", "WDT") or token.sent.text.rstrip().endswith("?"):
        return False  # "how many have converted": a question, not a report
    return subject_of(token) is not None


def _quoted(token: Token, parsed: Parsed, statements: list[StatementDraft]) -> bool:
    offset = parsed.start(token)
    return any(s.kind.value == "direct" and s.start <= offset < s.end for s in statements)


# -- building -------------------------------------------------------------------


def find_events(analysis: Analysis, statements: list[StatementDraft]) -> list[EventDraft]:
    events: list[EventDraft] = []
    for parsed in analysis.parsed:
        if parsed.block.kind not in (BlockKind.BODY, BlockKind.CAPTION):
            continue
        for sent in parsed.doc.sents:
            events.extend(_events_in(sent, parsed, analysis, statements))
    return _merge([e for e in events if e.kind != HAPPENING or _anchored(e)])


def _anchored(event: EventDraft) -> bool:
    """A happening told by a plain verb is kept when the text anchors it: a date, a
    stated place or a named actor ("Boeing sold five jets", "were quarantined on
    Monday"); "his symptoms improved" tells no news event."""
    return bool(event.date or event.date_text or event.place_stated
                or any(role == "agent" for _, role in event.participants))


def _events_in(sent: Span, parsed: Parsed, analysis: Analysis,
               statements: list[StatementDraft]) -> list[EventDraft]:
    out: list[EventDraft] = []
    absorbed: set[int] = set()
    triggers: set[int] = set()
    for token in _by_depth(sent):
        if token.i in absorbed:
            continue
        verb_kind = _verb_kind(token, analysis, parsed)
        kind = verb_kind or _noun_kind(token, analysis, parsed)
        if kind is None and _happening(token) and not _quoted(token, parsed, statements) and not (
                token.dep_ == "conj" and token.head.i in triggers) and not any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj") and _noun_kind(c, analysis, parsed)
                for c in token.children):
            verb_kind = kind = HAPPENING
        if kind is None:
            continue
        event = _build(token, kind, verb_kind is not None, parsed, analysis, statements)
        if verb_kind is not None and _verb_lemma(token) in _ACTION_VERBS:
            # the object names the event ("called an election"); a clause beside it
            # ("after his alliance was trounced in the vote") tells events of its own
            absorbed |= {t.i for c in token.children if not c.dep_.startswith("nsubj")
                         and c.dep_ not in ("advcl", "ccomp", "conj", "parataxis")
                         for t in c.subtree}
        if kind == "policy proposal" or kind == "hearing":
            absorbed |= {t.i for c in token.children if c.dep_ in ("xcomp", "dobj")
                         for t in c.subtree}
        absorbed |= {t.i for c in token.children if c.dep_ == "relcl" for t in c.subtree}
        out.append(event)
        triggers.add(token.i)
    return out


def _by_depth(sent: Span) -> list[Token]:
    """The sentence's tokens, the root first, then its children, and so on."""
    order: list[Token] = []
    level = [sent.root]
    while level:
        order.extend(level)
        level = sorted((c for t in level for c in t.children), key=lambda t: t.i)
    return order


def _event_tokens(trigger: Token, is_verb: bool, kind: str = "") -> list[Token]:
    if is_verb and ((kind == "announcement" and trigger.lemma_ in (
        "say", "confirm", "announce", "warn", "reveal"
    )) or (kind == "ruling" and trigger.lemma_ == "find")):  # "found him guilty of murder"
        extra = [t for c in trigger.children if c.dep_ == "ccomp" for t in c.subtree]
        return sorted({*_clause_tokens(trigger), *extra}, key=lambda t: t.i)
    if not is_verb:
        if trigger.lemma_.lower() == "statement" and trigger.head.dep_ == "prep":
            return _clause_tokens(trigger.head.head)
        if trigger.dep_ in ("nsubj", "nsubjpass", "dobj") and trigger.head.pos_ in ("VERB",
                                                                                      "AUX"):
            return _clause_tokens(trigger.head)
        return list(trigger.subtree)
    return _clause_tokens(trigger)


def _clause_tokens(verb: Token) -> list[Token]:
    """The verb's own clause: no clausal complements, no conjoined clauses."""
    keep: list[Token] = [verb]
    for child in verb.children:
        if child.dep_ in ("ccomp", "conj", "cc", "parataxis", "advcl", "mark") or (
            child.dep_ == "punct" and child.i > verb.i
        ):
            continue
        keep.extend(_core(child) if child.dep_ in ("nsubj", "nsubjpass") else child.subtree)
    subject = subject_of(verb)
    if subject is not None and subject not in keep:
        keep.extend(_core(subject))
    if _misparsed_finite(verb):  # the noun the parser hung the verb on is its subject
        own = {t.i for t in verb.subtree}
        keep.extend(t for t in verb.head.subtree if t.i not in own and t not in keep)
    return sorted(keep, key=lambda t: t.i)


def _core(noun: Token) -> list[Token]:
    """A noun phrase without its relative clauses and the commas around them ("Netflix,
    which bought the rights," -> "Netflix")."""
    aside = {t.i for c in noun.subtree if c.dep_ == "relcl" for t in c.subtree}
    if not aside:
        return list(noun.subtree)
    low, high = min(aside), max(aside)
    return [t for t in noun.subtree if t.i not in aside
            and not (t.is_punct and low - 1 <= t.i <= high + 1)]


def _summary(tokens: list[Token], trigger: Token, parsed: Parsed, analysis: Analysis) -> str:
    """The event's words as written, cut at a clause break after the trigger."""
    window: list[Token] = []
    for token in tokens:
        if window and trigger.pos_ == "VERB" and token.i > trigger.i and len(window) >= 8 and (
            token.i - window[-1].i > 3 or token.text in (",", ";", "(", "—", "–")
        ):
            break
        window.append(token)
    if len(window) > _MAX_SUMMARY:
        centre = next((i for i, t in enumerate(window) if t.i == trigger.i), 0)
        low = 0 if centre < _MAX_SUMMARY - 6 else max(0, min(centre - 8,
                                                             len(window) - _MAX_SUMMARY))
        window = window[low : low + _MAX_SUMMARY]
    parts: list[str] = []
    for n, token in enumerate(window):
        word = token.text
        if token.pos_ == "PRON" and token.dep_.startswith("nsubj"):
            draft = referent(analysis, parsed, token)
            word = draft.name if draft is not None else word
        if token.text in ("“", "”", "\""):
            word = ""
        adjacent = n + 1 < len(window) and window[n + 1].i == token.i + 1
        parts.append(word + (token.whitespace_ if adjacent else " "))
    text = " ".join("".join(parts).split()).strip(" ,;:.")
    text = re.sub(r"^(?:when|as|after|because|while|if|that|since|although)\s+", "", text,
                  flags=re.I)
    clause = trigger if trigger.dep_ == "relcl" else trigger.head
    if clause.dep_ == "relcl" and re.match(r"(?:who|which|that)\b", text, re.I):
        antecedent = referent(analysis, parsed, clause.head)
        name = antecedent.name if antecedent is not None else clause.head.text
        text = name + text[text.index(" "):] if " " in text else text
    return text[:1].upper() + text[1:]


def _build(trigger: Token, kind: str, is_verb: bool, parsed: Parsed, analysis: Analysis,
           statements: list[StatementDraft]) -> EventDraft:
    tokens = _event_tokens(trigger, is_verb, kind)
    start, end = parsed.start(tokens[0]), parsed.end(tokens[-1])
    event = EventDraft(kind, _summary(tokens, trigger, parsed, analysis), start, end,
                       parsed.index, spans=[(start, end)])
    event.participants = _participants(tokens, trigger, parsed, analysis, statements, start)
    event.location, event.place_stated = _place(trigger, tokens, parsed, analysis,
                                                event.participants)
    if not event.place_stated and is_verb and (when := _when_clause(trigger)):
        located, stated = _place(trigger, when, parsed, analysis, [])
        if stated:
            event.location, event.place_stated = located, True
    dated = _date_tokens(trigger, is_verb)
    around = [*tokens, *_when_clause(trigger)] if is_verb else tokens
    if is_verb:  # a conjoined verb's date is the event's too ("caught and ate it last week")
        around += [t for c in trigger.children if c.dep_ == "conj" for t in c.subtree]
    event.date_text, event.date = _date([t for t in around if t.i in dated], parsed, analysis)
    event.quantities = _quantities(trigger, tokens)
    return event


def _participants(tokens: list[Token], trigger: Token, parsed: Parsed, analysis: Analysis,
                  statements: list[StatementDraft], start: int) -> list[tuple[Draft, str]]:
    out: list[tuple[Draft, str]] = []
    subject = subject_of(trigger) if _acts_as_verb(trigger) else None
    for token in tokens:
        draft = referent(analysis, parsed, token) if token.dep_.startswith("nsubj") \
            else analysis.entity_of(parsed, token)
        if draft is None or draft.kind == LOCATION or any(d is draft for d, _ in out):
            continue
        role = "agent" if subject is not None and token in subject.subtree else "participant"
        out.append((draft, role))
    for statement in statements:
        if statement.start <= start < statement.end and statement.speaker is not None \
                and not any(d is statement.speaker for d, _ in out):
            out.append((statement.speaker, "speaker"))
    return out


def _place(trigger: Token, tokens: list[Token], parsed: Parsed, analysis: Analysis,
           participants: list[tuple[Draft, str]]) -> tuple[Draft | None, bool]:
    """The event's place, and whether the text states it (rather than implies it)."""
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "on", "near", "outside"):
            for grand in child.children:
                draft = analysis.entity_of(parsed, grand)
                if draft is not None and draft.kind == LOCATION:
                    return draft, True
    found = [d for t in tokens if (d := analysis.entity_of(parsed, t)) is not None
             and d.kind == LOCATION and not _moved(t, trigger)]
    if found:
        return min(found, key=lambda d: _PLACE_ORDER.get(d.loc_kind, 1)), True
    for draft, _ in participants:
        for place in analysis.drafts:
            if place.kind == LOCATION and place.loc_kind in ("city", "country", "region") and \
                    any(n.startswith(place.name + " ") or n.startswith(place.name + "'")
                        or n.startswith(place.name + "’") for n in draft.all_names()):
                return place, False
    return analysis.main_city, False


def _moved(token: Token, trigger: Token) -> bool:
    """A place reached through "from"/"to" is an origin or a goal, not where it happened."""
    current = token
    for _ in range(12):
        if current is trigger or current.head is current:
            return False
        current = current.head
        if current.dep_ == "prep" and current.lower_ in ("from", "via"):
            return True
        if current.dep_ == "prep" and current.lower_ in ("to", "into", "towards") and \
                token.head is current:
            return True
    return False


def _when_clause(trigger: Token) -> list[Token]:
    """"... were killed when a bus plunged into a ravine in Peru on Monday": the clause
    that says when (and so where) it happened."""
    return [t for c in trigger.children if c.dep_ == "advcl" and any(
        m.dep_ == "advmod" and m.lower_ == "when" and m.i < c.i for m in c.children
    ) for t in c.subtree]


def _date_tokens(trigger: Token, is_verb: bool) -> set[int]:
    """Where the trigger's own date can be: its direct modifiers, not nested phrases."""
    ids: set[int] = set()
    if not is_verb:
        ids = {t.i for c in trigger.children if c.dep_ in ("poss", "compound", "npadvmod",
                                                            "amod", "prep") for t in c.subtree}
        if _told_as_past(trigger):  # "Talks broke down on Friday": the verb's date
            ids |= {t.i for c in trigger.head.children if _dated(c) for t in c.subtree}
        return ids
    for verb in (trigger, *(c for c in trigger.children if c.dep_ == "conj")):
        for child in verb.children:  # "caught and ate a hare last week": one date
            if _dated(child):
                ids |= {t.i for t in child.subtree}
    if not ids:
        when = _when_clause(trigger)
        ids = {t.i for c in when if c.dep_ != "ROOT" and _dated(c) and c.head in when
               for t in c.subtree}
    return ids


def _dated(child: Token) -> bool:
    if child.dep_ in ("npadvmod", "tmod", "advmod") or child.ent_type_ in ("DATE", "TIME"):
        return True
    return child.dep_ == "prep" and any(
        g.ent_type_ in ("DATE", "TIME") for g in child.children if g.dep_ == "pobj"
    )


def _date(tokens: list[Token], parsed: Parsed, analysis: Analysis,
          ) -> tuple[str | None, str | None]:
    ids = {t.i for t in tokens}
    anchor = analysis.anchor_for(parsed)
    for ent in parsed.doc.ents:
        if ent.label_ in ("DATE", "TIME") and ent.start in ids and not is_age(ent.text) \
                and _DATE_WORDS.search(ent.text):
            return ent.text, resolve(ent.text, anchor) or ent.text
    if parsed.block.kind == BlockKind.CAPTION and analysis.caption_anchor is not None:
        return None, analysis.caption_anchor.isoformat()
    return None, None


def _quantities(trigger: Token, tokens: list[Token]) -> list[Quantity]:
    out: list[Quantity] = []
    for token in tokens:
        if not token.like_num or token.dep_ != "nummod" or token.ent_type_ in ("DATE", "TIME"):
            continue
        if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-":
            continue
        value = _number(token.text)
        if value is None:
            continue
        noun = token.head
        unit = noun.text
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB":
            unit = f"{noun.text} {noun.head.text}"
        if noun.lower_ in ("cent", "percent"):
            unit = "per cent"
        out.append(Quantity(value, unit, " ".join(t.text for t in noun.subtree
                                                  if t.i <= noun.i) + (
            f" {noun.head.text}" if unit.endswith(noun.head.text) and noun.head is not noun
            else "")))
    return out


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _merge(events: list[EventDraft]) -> list[EventDraft]:
    """One event per kind and place: later mentions add evidence and participants."""
    merged: list[EventDraft] = []
    for event in events:
        same = None if event.kind == HAPPENING else next((
            m for m in merged if m.kind == event.kind and (
                m.location is event.location or not (m.place_stated and event.place_stated))
            and not _told_apart(m, event)), None)
        if same is None:
            merged.append(event)
            continue
        same.spans.extend(event.spans)
        if event.place_stated and not same.place_stated:
            same.location, same.place_stated = event.location, True
        same.date = same.date or event.date
        same.date_text = same.date_text or event.date_text
        for draft, role in event.participants:
            if not any(d is draft for d, _ in same.participants):
                same.participants.append((draft, role))
        same.quantities.extend(event.quantities)
    return merged


def _told_apart(one: EventDraft, other: EventDraft) -> bool:
    """Two mentions of one kind that are two events: different dates, or different
    agents ("Keane released her film", "Netflix will release it in November")."""
    if one.date and other.date and one.date != other.date:
        return True
    agents = {id(d) for d, role in one.participants if role == "agent"}
    others = {id(d) for d, role in other.participants if role == "agent"}
    return bool(agents and others and not agents & others)


__all__ = ["PERSON", "EventDraft", "find_events"]

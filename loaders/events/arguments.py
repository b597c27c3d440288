"""An event's arguments: its words (summary), participants, place, date and numbers."""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders.analysis import LOCATION, Analysis, Draft, Parsed
from loaders.coref import referent
from loaders.dates import is_age, resolve
from loaders.events.triggers import (
    acts_as_verb,
    dated_or_done_by,
    misparsed_finite,
    told_as_past,
)
from loaders.quotes import StatementDraft, subject_of
from schema.model import BlockKind, Quantity

_MAX_SUMMARY = 22


_DATE_WORDS = re.compile(
    r"\d|\b(?:yesterday|today|tonight|tomorrow|last|this|next|morning|evening|night|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|spring|summer|autumn|winter|"
    r"week|weekend)\b", re.I)


_PLACE_ORDER = {"station": 0, "landmark": 0, None: 1, "city": 2, "region": 3, "country": 4}


def event_tokens(trigger: Token, is_verb: bool, kind: str = "") -> list[Token]:
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
        keep.extend(_core(child))
    subject = subject_of(verb)
    if subject is not None and subject not in keep:
        keep.extend(_core(subject))
    if verb.dep_ == "acl" and not misparsed_finite(verb):  # "the duties imposed on May 1"
        keep.extend(t for t in verb.head.lefts for t in t.subtree)
        keep.append(verb.head)
    if misparsed_finite(verb):  # the noun the parser hung the verb on is its subject
        own = {t.i for t in verb.subtree}
        keep.extend(t for t in verb.head.subtree if t.i not in own and t not in keep)
    return sorted(keep, key=lambda t: t.i)


def _core(noun: Token) -> list[Token]:
    """A noun phrase without its relative clauses and the commas around them ("Netflix,
    which bought the rights," -> "Netflix")."""
    aside = {t.i for c in noun.subtree if c.dep_ == "relcl" or (
        c.dep_ == "acl" and c.tag_ == "VBN" and dated_or_done_by(c)) for t in c.subtree}
    if not aside:
        return list(noun.subtree)
    low, high = min(aside), max(aside)
    return [t for t in noun.subtree if t.i not in aside
            and not (t.is_punct and low - 1 <= t.i <= high + 1)]


def summarise(tokens: list[Token], trigger: Token, parsed: Parsed, analysis: Analysis) -> str:
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
    if clause.dep_ == "relcl" and re.match(r"(?:who|which|that|whose)\b", text, re.I):
        antecedent = referent(analysis, parsed, clause.head)
        name = antecedent.name if antecedent is not None else clause.head.text
        if text.lower().startswith("whose"):
            name += "’s" if "’" in analysis.article.text else "'s"
        text = name + text[text.index(" "):] if " " in text else text
    return text[:1].upper() + text[1:]


def event_participants(tokens: list[Token], trigger: Token, parsed: Parsed, analysis: Analysis,
                  statements: list[StatementDraft], start: int) -> list[tuple[Draft, str]]:
    out: list[tuple[Draft, str]] = []
    subject = subject_of(trigger) if acts_as_verb(trigger) else None
    for token in tokens:
        told = token
        if token.tag_ in ("WP", "WDT") and token.dep_.startswith("nsubj") \
                and token.head.dep_ == "relcl":  # "Smith, who lost the vote": Smith
            token = token.head.head
        draft = referent(analysis, parsed, token) if token.dep_.startswith("nsubj") \
            else analysis.entity_of(parsed, token)
        if draft is None or draft.kind == LOCATION or any(d is draft for d, _ in out):
            continue
        role = "agent" if subject is not None and told in subject.subtree else "participant"
        out.append((draft, role))
    for statement in statements:
        if statement.start <= start < statement.end and statement.speaker is not None \
                and not any(d is statement.speaker for d, _ in out):
            out.append((statement.speaker, "speaker"))
    return out


def event_place(trigger: Token, tokens: list[Token], parsed: Parsed, analysis: Analysis,
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
    subject = subject_of(trigger)
    if subject is not None and subject.tag_ in ("WP", "WDT") and trigger.dep_ == "relcl":
        subject = trigger.head
    if subject is not None:  # "Ohio Gov. John Smith lost": the place his office is named for
        for token in subject.lefts:
            for word in token.subtree:
                draft = analysis.entity_of(parsed, word)
                if draft is not None and draft.kind == LOCATION and word.dep_ == "compound":
                    return draft, False
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
        if current.dep_ == "prep" and current.lower_ in ("from", "via") and (
                current.head is trigger or current.head.pos_ not in ("VERB", "AUX")):
            return True
        if current.dep_ == "prep" and current.lower_ in ("to", "into", "towards") and \
                token.head is current:
            return True
    return False


def when_clause(trigger: Token) -> list[Token]:
    """"... were killed when a bus plunged into a ravine in Peru on Monday": the clause
    that says when (and so where) it happened."""
    return [t for c in trigger.children if c.dep_ == "advcl" and any(
        m.dep_ == "advmod" and m.lower_ == "when" and m.i < c.i for m in c.children
    ) for t in c.subtree]


def date_tokens(trigger: Token, is_verb: bool) -> set[int]:
    """Where the trigger's own date can be: its direct modifiers, not nested phrases."""
    ids: set[int] = set()
    if not is_verb:
        ids = {t.i for c in trigger.children if c.dep_ in ("poss", "compound", "npadvmod",
                                                            "amod", "prep") for t in c.subtree}
        if told_as_past(trigger):  # "Talks broke down on Friday": the verb's date
            ids |= {t.i for c in trigger.head.children if _dated(c) for t in c.subtree}
        return ids
    for verb in (trigger, *(c for c in trigger.children if c.dep_ == "conj")):
        for child in verb.children:  # "caught and ate a hare last week": one date
            if _dated(child):
                ids |= {t.i for t in child.subtree}
    if not ids:
        when = when_clause(trigger)
        ids = {t.i for c in when if c.dep_ != "ROOT" and _dated(c) and c.head in when
               for t in c.subtree}
    return ids


def _dated(child: Token) -> bool:
    if child.dep_ in ("npadvmod", "tmod", "advmod") or child.ent_type_ in ("DATE", "TIME"):
        return True
    return child.dep_ == "prep" and any(
        g.ent_type_ in ("DATE", "TIME") for g in child.children if g.dep_ == "pobj"
    )


def event_date(tokens: list[Token], parsed: Parsed, analysis: Analysis,
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


def event_quantities(trigger: Token, tokens: list[Token]) -> list[Quantity]:
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

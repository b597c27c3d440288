"""Clustering mentions into one draft per real thing: a surname joins its person, an
acronym or a clipped name its organisation; the canonical name is the fullest form."""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders import lexicon
from loaders.analysis import LOCATION, ORGANISATION, PERSON, Analysis, Draft, Parsed
from loaders.entities.mentions import Raw
from loaders.places import country_of, is_known_city
from loaders.titles import (
    HONORIFICS,
)

FEMALE = {"Mrs", "Ms", "Miss", "Dame", "Lady", "Baroness"}


MALE = {"Mr", "Sir", "Lord", "Baron", "Sheikh"}


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w-]+", name.lower()) if w not in HONORIFICS]


def _name_words(name: str) -> list[str]:
    """A person's name words without initials and generational suffixes: "Patrick W.
    Carlineo" and "Patrick Carlineo Jr." are the same name."""
    words = _words(name)
    core = [w for w in words if len(w) > 1 and w not in ("jr", "sr", "ii", "iii", "iv")]
    return core or words


def _person_match(raw: Raw, draft: Draft) -> bool:
    rw, dw = _name_words(raw.name), _name_words(draft.name)
    if not rw or not dw:
        return False
    if rw == dw:
        return True
    if (1 < len(rw) < len(dw) and dw[-len(rw):] == rw) or (
            1 < len(dw) < len(rw) and rw[-len(dw):] == dw):
        return True  # "Van Der Beek" and "James Van Der Beek"
    if len(rw) == 1:
        return rw[0] in (dw[-1], dw[0]) and len(dw) > 1
    if len(dw) == 1:
        return dw[0] in (rw[-1], rw[0])
    return rw[-1] == dw[-1] and (rw[0] == dw[0] or rw[0][:1] == dw[0][:1])


def _org_match(raw: Raw, draft: Draft) -> bool:
    for name in draft.all_names():
        rw, dw = _words(raw.name), _words(name)
        if not rw or not dw:
            continue
        if " " not in raw.name.strip() and len(rw) > 1:
            rw = [re.sub(r"[^a-z0-9]", "", raw.name.lower())]  # "PG&E" is one word
        if " " not in name.strip() and len(dw) > 1:
            dw = [re.sub(r"[^a-z0-9]", "", name.lower())]
        if rw == dw:
            return True
        if len(rw) == 1 and _abbreviates(rw[0], dw):
            return True
        if len(dw) == 1 and _abbreviates(dw[0], rw):
            return True
        if _place_dropped(raw.name, name) or _place_dropped(name, raw.name):
            return True
        if len(rw) > 1 and len(dw) > 1 and (set(rw) <= set(dw) or set(dw) <= set(rw)):
            return True
    return False


def _place_dropped(short: str, full: str) -> bool:
    """"the Times" for the New York Times, "the Post-Gazette" for the Pittsburgh
    Post-Gazette: a name that drops the place its full name starts with."""
    if " " in short.strip() or not full.endswith(" " + short.strip()):
        return False
    place = full[: -len(short.strip())].strip()
    return bool(place) and (is_known_city(place) or country_of(place) is not None)


_LEGAL_FORMS = lexicon.words("legal_forms")


def _abbreviates(short: str, words: list[str]) -> bool:
    """"BBC" for British Broadcasting Corporation, "Met" for Metropolitan Police,
    "Acme" for Acme Holdings."""
    if len(words) > 2 and words[-1] in _LEGAL_FORMS:
        words = words[:-1]  # "PG&E" for Pacific Gas & Electric Co.
    initials = "".join(w[0] for w in words if w not in ("of", "the", "and", "for"))
    if len(words) > 1 and short == initials:
        return True
    if len(short) >= 3 and len(words) > 2 and initials[1:].startswith(short):
        return True  # "PUC" for California Public Utilities Commission
    return len(short) >= 3 and len(words) > 1 and words[0].startswith(short)


def _location_match(raw: Raw, draft: Draft) -> bool:
    return raw.name.lower() in (n.lower() for n in draft.all_names())


_MATCHERS = {PERSON: _person_match, ORGANISATION: _org_match, LOCATION: _location_match}


def cluster(analysis: Analysis, raws: list[Raw]) -> None:
    """Turn raw mentions into drafts with mentions; headline mentions only join."""
    ordered = sorted(raws, key=lambda r: (r.headline, -len(_words(r.name)), r.start))
    for raw in ordered:
        draft = _find(analysis, raw)
        if draft is None:
            if raw.headline:
                continue
            draft = Draft(raw.kind, raw.name, label=raw.label, anonymous=raw.label == "ANON")
            analysis.drafts.append(draft)
        elif not raw.headline:
            draft.add_alias(raw.name)
        if not raw.headline:
            _note(draft, raw)
        analysis.add_mention(draft, raw.parsed, raw.start, raw.end, raw.tokens, raw.subject)
    _reconcile(analysis)
    _drop_products(analysis)
    for draft in analysis.drafts:
        _prefer_fullest(draft)


_PRODUCT_NOUNS = lexicon.words("product_nouns")
_NEXT_WORD = re.compile(r"^\)?(?:\s*\([A-Z][\w&.-]*\))?\s+([A-Za-z]+)")


def _drop_products(analysis: Analysis) -> None:
    """"the Hubble Space Telescope", "its Dream Chaser vehicle", "CLPS contracts", "the
    Mars Express mission": a name that is always a product's or a programme's is no
    organisation and no place."""
    text = analysis.article.text
    for draft in [d for d in analysis.drafts if d.kind in (ORGANISATION, LOCATION)
                  and d.mentions]:
        def product(start: int, end: int) -> bool:
            words = text[start:end].split()
            following = _NEXT_WORD.match(text[end : end + 40])
            return (bool(words) and words[-1].lower() in _PRODUCT_NOUNS) or (
                following is not None and following.group(1) in _PRODUCT_NOUNS)
        if all(product(m.start, m.end) for m in draft.mentions):
            analysis.forget(draft)


def _reconcile(analysis: Analysis) -> None:
    """A name that is an organisation somewhere is one everywhere ("Veltro"), and a
    person's surname is that person's wherever the model took it for something else
    ("MacLeod said ..." tagged as an organisation)."""
    orgs = {d.name.lower(): d for d in analysis.drafts if d.kind == ORGANISATION}
    surnames: dict[str, list[Draft]] = {}
    for draft in analysis.drafts:
        words = draft.name.split()
        if draft.kind == PERSON and not draft.anonymous and len(words) > 1:
            surnames.setdefault(words[-1].lower(), []).append(draft)
    for draft in list(analysis.drafts):
        holders = surnames.get(draft.name.lower(), [])
        if draft.kind != PERSON and len(holders) == 1 and " " not in draft.name \
                and not country_of(draft.name) and (not is_known_city(draft.name)
                                                    or not _placed_in_text(analysis, draft)):
            analysis.merge(draft, holders[0])
            holders[0].add_alias(draft.name)
            continue
        target = orgs.get(draft.name.lower())
        if draft.kind == ORGANISATION or target is None or draft.honorific:
            continue
        if draft.kind == LOCATION and (country_of(draft.name) or is_known_city(draft.name)):
            continue
        analysis.merge(draft, target)


_PLACED = re.compile(r"\b(?:in|at|from|to|near|outside|of)\s+(?:the\s+)?$", re.I)


def _placed_in_text(analysis: Analysis, draft: Draft) -> bool:
    """Whether the text ever puts the name somewhere ("in Richardson"): a surname that is
    also a town ("Sheldon Richardson ... Richardson said") is the person's otherwise."""
    text = analysis.article.text
    return any(_PLACED.search(text[max(0, m.start - 12) : m.start]) for m in draft.mentions)


def _find(analysis: Analysis, raw: Raw) -> Draft | None:
    if raw.label == "ANON":
        return next((d for d in analysis.drafts if d.anonymous and d.name.lower()
                     == raw.name.lower()), None)
    if raw.label == "TEAM" or any(d.label == "TEAM" for d in analysis.drafts):
        # a team is its full name: "Pittsburgh" before a position is the Steelers, and
        # the Pittsburgh Post-Gazette is not
        same = [d for d in analysis.drafts if (d.label == "TEAM") == (raw.label == "TEAM")]
        if raw.label == "TEAM":
            return next((d for d in same if d.name == raw.name), None)
    else:
        same = analysis.drafts
    match = _MATCHERS[raw.kind]
    candidates = [d for d in same if d.kind == raw.kind and not d.anonymous
                  and match(raw, d)]
    return candidates[0] if candidates else None


def _note(draft: Draft, raw: Raw) -> None:
    if raw.surface != raw.name:
        draft.add_alias(raw.surface)
    if raw.honorific:
        draft.honorific = draft.honorific or raw.honorific
        surname = _words(raw.name)
        if surname:
            draft.add_alias(f"{raw.honorific} {raw.name}")
        if raw.honorific in FEMALE:
            draft.gender = draft.gender or "female"
        elif raw.honorific in MALE:
            draft.gender = draft.gender or "male"
    if raw.label == "CREDIT" and raw.kind == ORGANISATION:
        draft.label = "CREDIT"


def _prefer_fullest(draft: Draft) -> None:
    if draft.kind == LOCATION or draft.anonymous:
        return
    names = [n for n in draft.all_names() if not re.search(r"['’]s\b", n)]
    if draft.kind == PERSON:
        names = [n for n in names if n.split()[0].lower().rstrip(".") not in HONORIFICS]
    if not names:
        return
    best = max(names, key=lambda n: (len(_words(n)), n[:1].isupper(), -draft.all_names().index(n)))
    if best != draft.name:
        old = draft.name
        draft.name = best
        draft.aliases = [a for a in draft.aliases if a != best]
        draft.add_alias(old)


def unnamed_org(token: Token, analysis: Analysis, parsed: Parsed) -> Draft:
    """An organisation the model missed, named after a title: "director of the Tate"."""
    parts = [t for t in token.subtree if t.i <= token.i and t.dep_ != "det"
             and (t.pos_ == "PROPN" or t is token)]
    start, end = parsed.start(parts[0]), parsed.end(parts[-1])
    name = analysis.article.text[start:end]
    draft = next((d for d in analysis.drafts if d.kind == ORGANISATION and name in d.all_names()),
                 None)
    if draft is None:
        draft = Draft(ORGANISATION, name, label="ROLE")
        analysis.drafts.append(draft)
    analysis.add_mention(draft, parsed, start, end, range(parts[0].i, parts[-1].i + 1))
    return draft

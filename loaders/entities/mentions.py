"""Mentions of people, organisations and places: spaCy's entities, cleaned (a leading
"the", a possessive, honorifics, a possessive place in front of an organisation), and
the names the model leaves out (datelines, credits, parties, houses, platforms)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from loaders import lexicon
from loaders.analysis import LOCATION, ORGANISATION, PERSON, Analysis, Parsed
from loaders.entities.cues import UK_NATIONS, employs, org_cue, org_name_cue, person_cue
from loaders.entities.teams import find_teams, position_at
from loaders.places import canonical_place, country_of, is_known_city
from loaders.structure import CAPTION_DATELINE, WIRE_DATELINE
from loaders.titles import (
    HONORIFICS,
    POSITION_ABBREVIATIONS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    title_abbreviation,
)
from schema.model import BlockKind

_LABEL_KIND = {"PERSON": PERSON, "ORG": ORGANISATION, "GPE": LOCATION, "LOC": LOCATION,
               "FAC": LOCATION}


_POSSESSIVE = ("'s", "’s", "'", "’")


_AGENCIES = lexicon.mapping("agencies")


_CREDIT_LINE = re.compile(
    r"^\(?(?:(?:photo(?:graph)?|picture|image|credit)s?\s*(?:by|:)\s*)?"
    r"(?P<person>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*/\s*(?P<agency>[A-Z][\w&.'’ -]{1,40}?)"
    r"(?:\s+via\s+[\w ]+)?\)?$",
    re.I,
)


_ANONYMOUS = re.compile(
    r"\b(?:an?|the)\s+(?:\d{1,3}-year-old|teenage|young|elderly|unnamed)\s+"
    r"(?:man|woman|boy|girl|teenager|youth|person|driver|suspect|mother|father|student)\b",
    re.I,
)


@dataclass
class Raw:
    """One mention before clustering."""

    kind: str
    name: str
    surface: str
    start: int
    end: int
    parsed: Parsed | None
    tokens: range | None
    label: str = ""
    honorific: str | None = None
    headline: bool = False
    subject: bool = False


def agency_name(short: str) -> str:
    """``"Getty"`` -> ``"Getty Images"``; unknown agencies keep their name."""
    key = " ".join(short.lower().replace(".", "").split())
    return _AGENCIES.get(key, short.strip())


def credit_parts(line: str) -> tuple[str, str, str] | None:
    """(photographer, agency as written, agency expanded) of a credit line."""
    match = _CREDIT_LINE.match(line.strip())
    if not match:
        return None
    agency = match["agency"].strip()
    return match["person"].strip(), agency, agency_name(agency)


def _strip_the(span: Span) -> Span:
    while len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    while len(span) > 1 and span[-1].text in _POSSESSIVE:
        span = span[:-1]
    return span


_NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


def _person_raw(span: Span, parsed: Parsed) -> Raw | None:
    span = _strip_the(span)
    if span.end < len(span.doc) and span.doc[span.end].text in _NAME_SUFFIXES:
        span = span.doc[span.start : span.end + 1]  # "Patrick Carlineo Jr."
    cut = next((t.i for t in span[1:-1] if t.text in _POSSESSIVE), None)
    if cut is not None:
        span = span.doc[span.start : cut]  # "Holcomb's 2016 campaign": the name ends at 's
    honorific = None
    while len(span) > 1 and (span[0].lower_.rstrip(".") in HONORIFICS
                             or span[0].lower_ in TITLE_HEADS or span[0].lower_ in TITLE_MODIFIERS
                             or span[0].text in POSITION_ABBREVIATIONS
                             or title_abbreviation(span[0].text) is not None):
        if span[0].lower_.rstrip(".") in HONORIFICS:
            honorific = HONORIFICS[span[0].lower_.rstrip(".")]
        span = span[1:]
    if any(t.text == "/" for t in span) or not span.text[:1].isupper():
        return None
    if len(span) == 1 and honorific is None and is_known_city(span.text):
        return None
    before = span.doc[span.start - 1] if span.start > 0 else None
    if honorific is None and before is not None and before.lower_.rstrip(".") in HONORIFICS:
        honorific = HONORIFICS[before.lower_.rstrip(".")]
    start, end = parsed.span_offsets(span)
    name = " ".join("".join(t.text_with_ws if t.text not in _POSSESSIVE else " "
                            for t in span).split())
    return Raw(PERSON, name, span.text, start, end, parsed, range(span.start, span.end),
               "PERSON", honorific, subject=span.root.dep_ in ("nsubj", "nsubjpass"))


def _without_title(span: Span) -> Span | None:
    """"EU Competition Commissioner Margrethe Vestager" tagged as an organisation and a
    person: the title words before the name are not the organisation's ("EU")."""
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    if following is None or span[-1].lower_ not in TITLE_HEADS or not (
        following.ent_type_ == "PERSON" or following.lower_.rstrip(".") in HONORIFICS
    ):
        return span
    cut = len(span) - 1
    while cut > 0 and (span[cut - 1].lower_ in TITLE_MODIFIERS
                       or span[cut - 1].lower_ in TITLE_HEADS):
        cut -= 1
    return span[:cut] if cut > 0 else None


def _org_raws(span: Span, parsed: Parsed) -> list[Raw]:
    trimmed = _without_title(_strip_the(span))
    if trimmed is None:
        return []
    span = trimmed
    out: list[Raw] = []
    for token in span[:-1]:
        if token.text in _POSSESSIVE and token.i > span.start and _is_place_name(
            span.doc[span.start : token.i].text
        ):
            place = span.doc[span.start : token.i]
            s, e = parsed.span_offsets(place)
            out.append(Raw(LOCATION, canonical_place(place.text), place.text, s, e, parsed,
                           range(place.start, place.end), "GPE"))
            rest = span.doc[token.i + 1 : span.end]
            s, e = parsed.span_offsets(rest)
            full = parsed.span_offsets(span)
            # "Qatar's foreign ministry" is only a name with its country in front
            name = rest.text if rest.text[:1].isupper() else span.text
            out.append(Raw(ORGANISATION, name, span.text, s, full[1], parsed,
                           range(rest.start, rest.end), "ORG",
                           subject=span.root.dep_.startswith("nsubj")))
            return out
    s, e = parsed.span_offsets(span)
    out.append(Raw(ORGANISATION, span.text, span.text, s, e, parsed, range(span.start, span.end),
                   "ORG", subject=span.root.dep_.startswith("nsubj")))
    return out


def _is_place_name(text: str) -> bool:
    """A country, UK nation or gazetteer city: "London's" in "London's Metropolitan
    Police", not "the Information Commissioner's" in "... Office"."""
    return country_of(text) is not None or text in UK_NATIONS or is_known_city(text)


def _location_raw(span: Span, parsed: Parsed) -> Raw:
    modifier = span.doc[span.start - 1] if span.start > 0 else None
    if (modifier is not None and modifier.lower_ in _AREA_MODIFIERS
            and span.label_ in ("GPE", "LOC")):
        span = span.doc[span.start - 1 : span.end]
    span = _strip_the(span)
    s, e = parsed.span_offsets(span)
    text = span.text
    name = text.title() if text.isupper() and len(text) > 3 else text
    return Raw(LOCATION, canonical_place(name), text, s, e, parsed, range(span.start, span.end),
               span.label_)


_AREA_MODIFIERS = lexicon.words("area_modifiers")


def _dateline_raws(analysis: Analysis, parsed: Parsed) -> list[Raw]:
    """Places of a caption's dateline (the dateline itself is not parsed)."""
    text = analysis.article.text
    pattern = {BlockKind.CAPTION: CAPTION_DATELINE, BlockKind.BODY: WIRE_DATELINE}.get(
        parsed.block.kind)
    match = pattern.match(text[parsed.block.start : parsed.block.end]) if pattern else None
    if match is None or parsed.base == parsed.block.start:
        return []  # no dateline, or one that did not open the story
    out: list[Raw] = []
    agency = match.groupdict().get("agency")
    if agency:
        start = parsed.block.start + match.start("agency")
        out.append(Raw(ORGANISATION, agency_name(agency), agency, start, start + len(agency),
                       parsed, None, "CREDIT"))
    if parsed.block.kind == BlockKind.BODY:
        return out  # a wire dateline's place is where the story was filed, not an entity
    for part in re.finditer(r"[^,]+", match["place"] or ""):
        surface = part.group(0).strip()
        offset = parsed.block.start + match.start("place") + part.start() + \
            part.group(0).index(surface)
        out.append(Raw(LOCATION, canonical_place(surface.title()), surface, offset,
                       offset + len(surface), parsed, None, "GPE"))
    return out


_PARTIES = lexicon.mapping("parties")


_HOUSES = {"commons": "House of Commons", "lords": "House of Lords"}


def _party_raw(span: Span, parsed: Parsed) -> Raw | None:
    """"Conservative MPs", "the Tories": a political party named by its adjective."""
    text = " ".join(span.text.lower().split())
    name = _PARTIES.get(text)
    if name is None:
        return None
    start, end = parsed.span_offsets(span)
    return Raw(ORGANISATION, name, span.text, start, end, parsed, range(span.start, span.end),
               "ORG")


_PARTY_PEOPLE = lexicon.words("party_people")


def _party_words(parsed: Parsed) -> list[Raw]:
    """"40 Conservative MPs", "a Labour councillor": a party the model left untagged."""
    out: list[Raw] = []
    doc = parsed.doc
    for token in doc[:-1]:
        name = _PARTIES.get(token.lower_)
        if name is None or not token.text[:1].isupper() or token.ent_type_ \
                or doc[token.i + 1].lower_ not in _PARTY_PEOPLE:
            continue
        out.append(Raw(ORGANISATION, name, token.text, parsed.start(token), parsed.end(token),
                       parsed, range(token.i, token.i + 1), "ORG"))
    return out


def _houses(parsed: Parsed) -> list[Raw]:
    """"the Commons", "the Lords": the houses of parliament by their short names."""
    out: list[Raw] = []
    for token in parsed.doc:
        name = _HOUSES.get(token.lower_)
        if name and token.text[:1].isupper() and not token.ent_type_ and token.i > 0 \
                and token.doc[token.i - 1].lower_ == "the":
            out.append(Raw(ORGANISATION, name, "the " + token.text, parsed.start(token),
                           parsed.end(token), parsed, range(token.i, token.i + 1), "ORG"))
    return out


_PLATFORMS = lexicon.words("platforms")


_CONNECTORS = lexicon.words("name_connectors")


def _well_formed(span: Span) -> bool:
    """A name starts with a capital and has no verb in it: "air sacs", "years—26" and
    "Garrett hit Rudolph" are spans the model cut wrongly."""
    first = next((t for t in span if not t.is_punct and t.lower_ != "the"), None)
    if first is None or (first.text[:1].islower() and first.lower_ not in _CONNECTORS):
        return False
    if span.text.lstrip().startswith("@"):
        return False  # a handle ("@janeroe") is an alias its post's signature gives
    return not any(t.pos_ in ("VERB", "AUX") and t.text.islower() for t in span)


@cache
def _platform_matcher(vocab: Vocab) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("PLATFORM", [Doc(vocab, words=[name]) for name in sorted(_PLATFORMS)])
    return matcher


def _platforms(parsed: Parsed) -> list[Raw]:
    """"posted on Instagram": platforms the model left untagged (a phrase matcher over
    the platforms word list, case-insensitive, capitalised in the text)."""
    out: list[Raw] = []
    for _, start, end in _platform_matcher(parsed.doc.vocab)(parsed.doc):
        span = parsed.doc[start:end]
        if span.text[:1].isupper() and not span[0].ent_type_:
            s, e = parsed.span_offsets(span)
            out.append(Raw(ORGANISATION, span.text, span.text, s, e, parsed,
                           range(start, end), "ORG"))
    return out


_AREA_PLURALS = {"counties": "County", "provinces": "Province", "states": "State",
                  "districts": "District", "regions": "Region", "islands": "Island",
                  "prefectures": "Prefecture", "boroughs": "Borough"}


def _listed_areas(ent: Span, parsed: Parsed) -> list[Raw]:
    """"Orange and Riverside counties", "Hebei, Shanxi and Henan provinces": names listed
    before a plural area word are one place each ("Orange County", "Riverside County")."""
    doc = ent.doc
    i = ent.end
    while i < len(doc) and (doc[i].lower_ in ("and", ",", "&") or (
            doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN")):
        i += 1  # the rest of the list ("..., Shanxi and Henan")
    area = _AREA_PLURALS.get(doc[i].lower_) if i < len(doc) and doc[i].tag_ == "NNS" else None
    if area is None:
        return []
    out: list[Raw] = []
    for match in re.finditer(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*", ent.text):
        start = parsed.base + ent.start_char + match.start()
        out.append(Raw(LOCATION, f"{match.group(0)} {area}", match.group(0), start,
                       start + len(match.group(0)), parsed, None, "GPE"))
    return out


def _team_raws(analysis: Analysis) -> dict[int, list[Raw]]:
    """Sports teams by their full names, whatever words the text uses, per block."""
    out: dict[int, list[Raw]] = {}
    for found in find_teams(analysis):
        span = found.parsed.doc[found.start : found.end]
        s, e = found.parsed.span_offsets(span)
        here = out.setdefault(found.parsed.index, [])
        here.append(Raw(
            ORGANISATION, found.team.name, span.text, s, e, found.parsed,
            range(found.start, found.end), "TEAM", subject=span.root.dep_.startswith("nsubj")))
        player = _player_after(found.parsed, found.end)
        if player is not None:
            here.append(player)
    return out


def _player_after(parsed: Parsed, end: int) -> Raw | None:
    """"Pittsburgh center Jane Roe": the name after a team and a position is a person's,
    even when the model tagged none."""
    doc = parsed.doc
    start = end + position_at(doc, end)
    if start == end:
        return None
    stop = start
    while stop < len(doc) and stop - start < 3 and doc[stop].pos_ == "PROPN" \
            and doc[stop].text[:1].isupper():
        stop += 1
    if stop - start < 2 or any(t.ent_type_ for t in doc[start:stop]):
        return None  # one word is no full name; a tagged name is found with the rest
    return _person_raw(doc[start:stop], parsed)


_STATES = lexicon.mapping("state_abbreviations")
_PARTY_STATE = re.compile(r"\((?:D|R|I)-([A-Z][A-Za-z.]*)\)")


def _party_states(parsed: Parsed) -> list[Raw]:
    """"Rep. Jane Roe (D-Minn.)": the state of a member of Congress's tag is a place."""
    out: list[Raw] = []
    for match in _PARTY_STATE.finditer(parsed.doc.text):
        state = _STATES.get(match.group(1))
        if state is not None:
            start = parsed.base + match.start(1)
            out.append(Raw(LOCATION, state, match.group(1), start, start + len(match.group(1)),
                           parsed, None, "GPE"))
    return out


_ORG_PLURALS = lexicon.words("org_plurals")
_MAX_LISTED_WORDS = 5


def _listed_orgs(parsed: Parsed) -> list[Raw]:
    """"the nine companies selected last year: Acme, Borealis Systems and Kite Labs":
    the names listed after an organisations noun and a colon are organisations."""
    out: list[Raw] = []
    doc = parsed.doc
    for colon in doc:
        if colon.text != ":" or not any(
                t.lower_ in _ORG_PLURALS for t in doc[max(colon.sent.start, colon.i - 12):colon.i]):
            continue
        item: list[Token] = []
        for token in doc[colon.i + 1 : colon.sent.end + 1]:
            if token.i >= colon.sent.end or token.text in (",", ";", ".") or token.lower_ == "and":
                if item and item[0].text[:1].isupper() and len(item) <= _MAX_LISTED_WORDS \
                        and all(t.text[:1].isupper() or t.is_punct or t.lower_ in _CONNECTORS
                                for t in item):
                    span = doc[item[0].i : item[-1].i + 1]
                    s, e = parsed.span_offsets(span)
                    out.append(Raw(ORGANISATION, span.text, span.text, s, e, parsed,
                                   range(span.start, span.end), "ORG"))
                if token.i >= colon.sent.end or token.text in (";", "."):
                    break
                item = []
                continue
            item.append(token)
    return out


def collect(analysis: Analysis) -> list[Raw]:
    raws: list[Raw] = []
    teams = _team_raws(analysis)
    for parsed in analysis.parsed:
        headline = parsed.block.kind == BlockKind.HEADLINE
        raws.extend(_dateline_raws(analysis, parsed))
        raws.extend(_houses(parsed))
        raws.extend(_party_words(parsed))
        raws.extend(_platforms(parsed))
        raws.extend(_party_states(parsed))
        here = teams.get(parsed.index, []) + _listed_orgs(parsed)
        for team in here:
            team.headline = headline
        raws.extend(here)
        claimed = {i for team in here if team.tokens is not None for i in team.tokens}
        for ent in parsed.doc.ents:
            if claimed and any(t.i in claimed for t in ent):
                # a team (or a team's city before a position) is named above; the words
                # after it may name someone ("Browns DL Jane Roe")
                rest = [t.i for t in ent if t.i > max(i for i in claimed if i in range(
                    ent.start, ent.end))]
                if not rest:
                    continue
                ent = Span(parsed.doc, rest[0], ent.end, label=ent.label_)
            listed = _listed_areas(ent, parsed)
            if listed:  # "Orange and Riverside counties": one place per name
                raws.extend(listed)
                continue
            kind = _LABEL_KIND.get(ent.label_)
            if ent.text.lower() in _PLATFORMS or (
                    kind == PERSON and len(ent) == 1 and ent[0].tag_ == "NNPS"):
                kind = ORGANISATION  # a platform; "the Steelers": a plural name is no person
            if ent.label_ in ("NORP", "ORG") and (party := _party_raw(ent, parsed)):
                party.headline = headline
                raws.append(party)
                continue
            if kind is None:
                continue
            if (kind != ORGANISATION and org_cue(ent)) or (kind == PERSON and org_name_cue(ent)):
                kind = ORGANISATION
            elif kind != PERSON and person_cue(ent):
                kind = PERSON
            elif kind == LOCATION and employs(ent):
                kind = ORGANISATION
            found: list[Raw | None]
            if kind == PERSON:
                found = [_person_raw(ent, parsed)]
                if found[0] is None and len(ent) == 1 and is_known_city(ent.text):
                    found = [_location_raw(ent, parsed)]
            elif kind == ORGANISATION and ent[0].lower_.rstrip(".") in HONORIFICS and len(ent) > 1:
                found = [_person_raw(ent, parsed)]
            elif kind == ORGANISATION:
                found = list(_org_raws(ent, parsed))
            else:
                found = [_location_raw(ent, parsed)]
            for raw in found:
                if raw is not None and raw.name.strip() and (
                        raw.kind == LOCATION or _well_formed(ent)):
                    raw.headline = headline
                    raws.append(raw)
        raws.extend(_anonymous(parsed))
    raws.extend(_credit_raws(analysis))
    return raws


def _anonymous(parsed: Parsed) -> list[Raw]:
    out: list[Raw] = []
    text = parsed.doc.text
    for match in _ANONYMOUS.finditer(text):
        span = parsed.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        s, e = parsed.span_offsets(span)
        out.append(Raw(PERSON, match.group(0), match.group(0), s, e, parsed,
                       range(span.start, span.end), "ANON"))
    return out


def _credit_raws(analysis: Analysis) -> list[Raw]:
    out: list[Raw] = []
    for block, line in analysis.credits():
        parts = credit_parts(line)
        if parts is None:
            continue
        person, agency, expanded = parts
        p_start = block.start + line.index(person)
        a_start = block.start + line.index(agency, line.index(person) + len(person))
        out.append(Raw(PERSON, person, person, p_start, p_start + len(person), None, None,
                       "CREDIT"))
        out.append(Raw(ORGANISATION, expanded, agency, a_start, a_start + len(agency), None,
                       None, "CREDIT"))
    return out

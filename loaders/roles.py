"""Roles: who holds which title at which organisation.

Patterns (all read from the dependency parse and the entity mentions):

* pre-name titles, optionally after an organisation: "Assistant Commissioner
  Sir Stephen House", "Acme chief executive Jane Roe";
* appositions either way round: "Cressida Dick, the force's commissioner",
  "Jane Roe, chief executive of Acme", "the director at Acme, Jane Roe";
* copulas and relative clauses: "Roe, who is the chairman of Acme";
* "X of Y", "Y's X", "X at Y", "X for Y" inside those noun phrases;
* photo credits: "Name/Agency" -> Photographer at the agency.

The title is the head noun with its title modifiers, title-cased
("Commissioner", "Chief Executive"); "former"/"ex-"/"then" make the status
former. A title with no organisation in the text takes one only when the title
itself says what kind of organisation it is (a police rank -> the article's
police force).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from loaders import lexicon
from loaders.analysis import ORGANISATION, PERSON, Analysis, Draft, Parsed
from loaders.coref import organisation_noun, referent
from loaders.entities import credit_parts, unnamed_org
from loaders.titles import (
    HONORIFICS,
    POSITION_ABBREVIATIONS,
    POSITIONS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    title_abbreviation,
    word_set,
)
from schema.model import BlockKind, RoleStatus

_FORMER = frozenset({"former", "ex", "ex-", "then", "late", "previous", "onetime"})
_POLICE_TITLES = word_set(
    "commissioner constable superintendent inspector sergeant detective commander"
)
_POLICE_ORG = re.compile(r"\b(?:police|constabulary|force|yard)\b", re.I)
_PUBLIC_BODY = re.compile(
    r"\b(?:police|constabulary|government|ministry|department|party|assembly|council|"
    r"parliament|committee|court|commission|senate|congress|office|agency|authority|"
    r"service|nhs|union|institute|university)\b", re.I)
_SMALL = frozenset({"of", "the", "and", "for", "at", "in"})
# Adjectives that judge rather than name a post ("a well-known scientist")
_NOT_QUALIFIERS = lexicon.words("not_title_qualifiers")
_STUDY_NOUNS = lexicon.words("study_nouns")
_MAX_COMPLEMENT = 7
_PREFIXES = frozenset({"vice", "co", "deputy", "under", "ex"})


def is_title_head(token: Token) -> bool:
    """A noun that names a post or an occupation: a listed title ("director"), an
    abbreviation ("Gov."), or a word for a practitioner ("meteorologist", "pianist")."""
    lower = token.lower_
    if lower in TITLE_HEADS or _abbreviation(token) is not None \
            or token.text in POSITION_ABBREVIATIONS:
        return True
    if token.tag_ == "NNS" and token.lemma_.lower() in TITLE_HEADS:
        return True  # "judges Len Goodman and Bruno Tonioli"
    return token.pos_ == "NOUN" and len(lower) >= 7 and lower.endswith("ist") \
        and lower.isalpha()


def _abbreviation(token: Token) -> str | None:
    return title_abbreviation(token.text)


@dataclass
class RoleDraft:
    person: Draft
    title: str
    organisation: Draft | None
    wording: str
    status: RoleStatus
    spans: list[tuple[int, int]] = field(default_factory=list)


def normalise_title(words: list[str]) -> str:
    out: list[str] = []
    for word in words:
        lower = word.lower()
        if lower in _FORMER or lower in HONORIFICS:
            continue
        full = title_abbreviation(word)
        if full is not None:
            out.append(full)
            continue
        if lower in _SMALL and out:
            out.append(lower)
        elif word.isupper() and len(word) > 1:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out).replace(" - ", "-").strip()


def _person_at(analysis: Analysis, parsed: Parsed, token: Token) -> Draft | None:
    draft = analysis.entity_of(parsed, token)
    return draft if draft is not None and draft.kind == PERSON else None


def _org_ref(analysis: Analysis, parsed: Parsed, token: Token) -> Draft | None:
    draft = referent(analysis, parsed, token)
    return draft if draft is not None and draft.kind == ORGANISATION else None


# -- noun phrases that name a title ----------------------------------------


def _title_phrase(head: Token, analysis: Analysis, parsed: Parsed,
                  ) -> tuple[list[Token], Draft | None, bool] | None:
    """(title tokens, organisation, former) of a noun phrase headed by a title noun."""
    if not is_title_head(head) or head.ent_type_ in ("PERSON", "ORG", "GPE"):
        return None
    title: list[Token] = [head]
    organisation: Draft | None = None
    former = False
    complements: list[Token] = []
    for child in sorted(head.children, key=lambda t: t.i):
        if child.i > head.i:
            if child.dep_ == "prep" and child.lower_ in ("at", "with", "from") \
                    and organisation is None:
                organisation = _pobj_org(child, analysis, parsed)
            elif child.dep_ == "prep" and child.lower_ in ("of", "for"):
                complements.append(child)
            continue
        if child.lower_ in _FORMER or child.lower_.rstrip("-") in _FORMER:
            former = True
        elif _names_field(child, head):
            title.extend(child.subtree)  # "a China scholar": the place is the field
        elif child.dep_ == "poss" or (child.dep_ == "compound" and _org_ref(analysis, parsed,
                                                                            child)):
            organisation = organisation or _org_ref(analysis, parsed, child)
        elif (child.dep_ in ("compound", "amod") and (child.lower_ in TITLE_MODIFIERS
                                                      or child.lower_ in TITLE_HEADS)) or (
            child.dep_ == "compound" and child.pos_ == "NOUN"
        ) or _qualifier(child):
            # "The BBC's director general": the possessor inside the compound is the
            # organisation, not part of the title
            owners = [t for t in child.subtree if t.dep_ in ("poss", "det")]
            outside = {t.i for owner in owners for t in owner.subtree}
            title.extend(t for t in child.subtree
                         if t.lower_ not in _FORMER and t.i not in outside)
            for owner in owners:
                if owner.dep_ == "poss" and organisation is None:
                    organisation = _org_ref(analysis, parsed, owner)
            if organisation is None and child.dep_ == "compound":
                organisation = organisation_noun(analysis, parsed.start(child), parsed.index,
                                                 child.lower_)
    if organisation is None:
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                organisation = _org_ref(analysis, parsed, child)
                if organisation is not None:
                    break
    for prep in complements:
        found = _pobj_org(prep, analysis, parsed)
        field_words = _field(prep)
        if field_words is not None and (found is None or organisation is not None
                                        or _nested_org(prep, analysis, parsed) is not None):
            # "head of research at Acme", "vice president of business development":
            # what the post is about, not where it is held
            title.extend(field_words)
            organisation = organisation or _nested_org(prep, analysis, parsed)
        elif organisation is None:
            organisation = found
    title.sort(key=lambda t: t.i)
    return title, organisation, former


_PUBLIC_OFFICES = lexicon.words("public_offices")
_PARTY_NAMES = frozenset(lexicon.mapping("parties").values())


def _is_party(draft: Draft) -> bool:
    return draft.name in _PARTY_NAMES or draft.name.endswith(" Party")


_FIELD_TITLES = lexicon.words("field_titles")


def _names_field(child: Token, head: Token) -> bool:
    """A place before a title whose place is its field ("China scholar", "Asia editor")."""
    return child.dep_ == "compound" and child.ent_type_ in ("GPE", "LOC", "NORP") \
        and child.i < head.i and head.lower_ in _FIELD_TITLES


def _qualifier(child: Token) -> bool:
    """A lower-case adjective that narrows a post ("planetary scientist", "principal
    meteorologist", "defensive captain"), not a nationality or a judgement."""
    return child.dep_ == "amod" and child.pos_ == "ADJ" and child.text.islower() \
        and not child.ent_type_ and child.lower_ not in _NOT_QUALIFIERS \
        and child.lower_ not in _FORMER


def _field(prep: Token) -> list[Token] | None:
    """The words of "of research", "for exploration", "of emergency preparedness and
    response": a bare phrase (no article, no possessor, no name) naming a field."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    cut = {t.i for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("at", "with")
           for t in c.subtree}
    words = [t for t in prep.subtree if t.i not in cut]
    while words and words[-1].is_punct:
        words = words[:-1]
    if len(words) > _MAX_COMPLEMENT or any(
            t.dep_ in ("det", "poss") or t.ent_type_ in ("PERSON", "GPE", "NORP", "DATE")
            or (t.is_punct and t.text != "-") for t in words):
        return None
    return words


def _nested_org(prep: Token, analysis: Analysis, parsed: Parsed) -> Draft | None:
    """"head of research at Acme": the organisation hung on the field's noun."""
    for pobj in prep.children:
        for child in pobj.children:
            if child.dep_ == "prep" and child.lower_ in ("at", "with"):
                return _pobj_org(child, analysis, parsed)
    return None


def _pobj_org(prep: Token, analysis: Analysis, parsed: Parsed) -> Draft | None:
    for child in prep.children:
        if child.dep_ == "pobj":
            found = _org_ref(analysis, parsed, child)
            if found is None:
                found = next((_org_ref(analysis, parsed, c) for c in child.subtree
                              if _org_ref(analysis, parsed, c)), None)
            if found is None and child.pos_ == "PROPN" and child.text[:1].isupper() \
                    and analysis.entity_of(parsed, child) is None and not child.ent_type_:
                found = unnamed_org(child, analysis, parsed)
            return found
    return None


def _of_tail(doc: Doc, i: int) -> int | None:
    """Start of "Secretary of State" / "Chancellor of the Exchequer" ending at token ``i``."""
    if i < 2 or not doc[i].text[:1].isupper() or doc[i].pos_ not in ("PROPN", "NOUN"):
        return None
    j = i - 1
    if doc[j].lower_ == "the":
        j -= 1
    if j >= 1 and doc[j].lower_ == "of" and doc[j - 1].lower_ in TITLE_HEADS \
            and doc[j - 1].text[:1].isupper():
        return j - 1
    return None


def _pre_name(person_start: Token, analysis: Analysis, parsed: Parsed,
              ) -> tuple[list[Token], Draft | None, bool] | None:
    """Title words right before a name (after any honorifics), and an organisation before them."""
    doc = person_start.doc
    i = person_start.i - 1
    while i >= 0 and doc[i].lower_.rstrip(".") in HONORIFICS:
        i -= 1
    title: list[Token] = []
    position = i >= 1 and f"{doc[i - 1].lower_} {doc[i].lower_}" in POSITIONS
    if position:  # "pass rusher": the model parses its words as a verb and an adjective
        title, i = [doc[i - 1], doc[i]], i - 2
    while i >= 0 and not position:
        tail = _of_tail(doc, i) if not title else None
        if tail is not None:
            title[:0] = list(doc[tail : i + 1])
            i = tail - 1
            continue
        if (is_title_head(doc[i]) or doc[i].lower_ in TITLE_MODIFIERS) \
                and analysis.entity_of(parsed, doc[i]) is None \
                and (doc[i].ent_type_ not in ("PERSON", "GPE", "NORP")
                     or doc[i].text in POSITION_ABBREVIATIONS):
            title.insert(0, doc[i])
            i -= 1
            continue
        if title and i >= 1 and doc[i].text == "-" and doc[i - 1].lower_ in _PREFIXES:
            title[:0] = [doc[i - 1], doc[i]]  # "vice-premier", "co-founder"
            i -= 2
            continue
        break
    if not title or not (position or any(is_title_head(t) for t in title)):
        return None
    while i >= 0 and _names_field(doc[i], title[-1]) and doc[i].head.i == title[-1].i:
        title.insert(0, doc[i])  # "Asia correspondent Jane Roe"
        i -= 1
    while i >= 0 and doc[i].dep_ in ("compound", "amod") and doc[i].head in title \
            and doc[i].pos_ in ("NOUN", "ADJ") and not doc[i].ent_type_ \
            and analysis.entity_of(parsed, doc[i]) is None and doc[i].lower_ not in _FORMER \
            and doc[i].lower_ not in _NOT_QUALIFIERS and doc[i].lower_ not in _STUDY_NOUNS:
        if doc[i].pos_ == "NOUN" and organisation_noun(analysis, parsed.start(doc[i]),
                                                       parsed.index, doc[i].lower_):
            break  # "company CEO": the company is the organisation
        title.insert(0, doc[i])
        i -= 1
    former = i >= 0 and doc[i].lower_.rstrip("-") in _FORMER
    if former:
        i -= 1
    organisation = None
    if i >= 0:
        org_token = doc[i - 1] if doc[i].text in ("'s", "’s") and i > 0 else doc[i]
        organisation = _org_ref(analysis, parsed, org_token)
        if organisation is not None and _is_party(organisation) and any(
                (_abbreviation(t) or t.lemma_).lower() in _PUBLIC_OFFICES for t in title):
            organisation = None  # "Republican Gov. Jane Roe": her party, not her employer
        if organisation is None and org_token.pos_ == "NOUN":
            organisation = organisation_noun(analysis, parsed.start(org_token), parsed.index,
                                             org_token.lower_)
        if organisation is None and org_token.pos_ == "PROPN" and org_token.dep_ == "compound" \
                and org_token.text[:1].isupper() and not org_token.ent_type_ \
                and analysis.entity_of(parsed, org_token) is None:
            organisation = unnamed_org(org_token, analysis, parsed)
    return title, organisation, former


# -- collecting ---------------------------------------------------------------


def find_roles(analysis: Analysis) -> list[RoleDraft]:
    roles: dict[tuple[str, str, str], RoleDraft] = {}
    for parsed in analysis.parsed:
        if parsed.block.kind not in (BlockKind.BODY, BlockKind.CAPTION):
            continue
        for found in _roles_in(analysis, parsed):
            _merge(roles, found)
    for found in _credit_roles(analysis):
        _merge(roles, found)
    for role in roles.values():
        if role.organisation is None:
            role.organisation = _implied_org(analysis, role.title) or _nearby_org(analysis,
                                                                                  role)
    return _dedupe(list(roles.values()))


def _merge(roles: dict[tuple[str, str, str], RoleDraft], role: RoleDraft) -> None:
    key = (str(id(role.person)), role.title.lower(), str(id(role.organisation)))
    if key in roles:
        roles[key].spans.extend(role.spans)
    else:
        roles[key] = role


def _dedupe(roles: list[RoleDraft]) -> list[RoleDraft]:
    """Drop a role without organisation when the same person and title has one."""
    keyed = {(id(r.person), r.title.lower()) for r in roles if r.organisation is not None}
    return [r for r in roles if r.organisation is not None
            or (id(r.person), r.title.lower()) not in keyed]


def _roles_in(analysis: Analysis, parsed: Parsed) -> list[RoleDraft]:
    out: list[RoleDraft] = []
    for token in parsed.doc:
        person = _person_at(analysis, parsed, token)
        if person is None or person.anonymous:
            continue
        is_first = token.i == 0 or analysis.entity_of(parsed, parsed.doc[token.i - 1]) is not person
        if is_first:
            found = _pre_name(token, analysis, parsed) or _listed_after(token, analysis, parsed)
            if found is not None:
                out.append(_role(analysis, parsed, person, *found))
        if token.head.i != token.i and _person_at(analysis, parsed, token.head) is person:
            continue
        for child in token.children:
            if child.dep_ == "appos":
                for title, organisation, former in _conjoined_titles(child, analysis, parsed):
                    out.append(_role(analysis, parsed, person, title, organisation, former))
                    out.extend(_role(analysis, parsed, person, title, other, former)
                               for other in _also_at(child, organisation, analysis, parsed))
        if token.dep_ == "appos":
            found = _title_phrase(token.head, analysis, parsed)
            if found is None and token.head.dep_ == "pobj" \
                    and token.head.head.lower_ in ("of", "at"):
                # "the chief executive of Barclays, Antony Jenkins" parsed with the name
                # in apposition to the organisation: the title is the phrase above it
                found = _title_phrase(token.head.head.head, analysis, parsed)
            if found is not None:
                out.append(_role(analysis, parsed, person, *found))
        out.extend(_copula_roles(token, person, analysis, parsed))
        out.extend(_appointed_as(token, person, analysis, parsed))
    return out


def _conjoined_titles(head: Token, analysis: Analysis, parsed: Parsed,
                      ) -> list[tuple[list[Token], Draft | None, bool]]:
    """"president and chief operating officer of SpaceX": one role per title, the
    organisation named once for all of them."""
    heads = [head, *(c for c in head.children if c.dep_ == "conj" and is_title_head(c))]
    found = [f for h in heads if (f := _title_phrase(h, analysis, parsed)) is not None]
    if len(found) > 1:
        shared = next((org for _, org, _ in found if org is not None), None)
        found = [(title, org or shared, former) for title, org, former in found]
        found = [(title[: title.index(h) + 1] if h in title else title, org, former)
                 for (title, org, former), h in zip(found, heads, strict=False)]
    return found


def _also_at(head: Token, organisation: Draft | None, analysis: Analysis,
             parsed: Parsed) -> list[Draft]:
    """"a scientist at the Space Center and the University of Leeds": the same post at
    each organisation of the list."""
    if organisation is None:
        return []
    out: list[Draft] = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("at", "with", "for", "of"):
            continue
        for token in prep.subtree:
            if token.dep_ != "conj":
                continue
            other = _org_ref(analysis, parsed, token)
            if other is not None and other is not organisation and other not in out:
                out.append(other)
    return out


def _listed_after(token: Token, analysis: Analysis, parsed: Parsed,
                  ) -> tuple[list[Token], Draft | None, bool] | None:
    """"judges Len Goodman, Bruno Tonioli and Carrie Ann Inaba": a plural title before a
    list of names belongs to every name of the list."""
    person = _person_at(analysis, parsed, token)
    while token.head.i != token.i and _person_at(analysis, parsed, token.head) is person:
        token = token.head
    first = token
    for _ in range(8):
        if first.dep_ not in ("conj", "appos") or (
                first.dep_ == "appos" and _person_at(analysis, parsed, first.head) is None):
            break
        first = first.head
    if first is token:
        return None
    lead = _person_at(analysis, parsed, first)
    if lead is None:
        return None
    start = min(t.i for t in first.subtree if _person_at(analysis, parsed, t) is lead)
    found = _pre_name(token.doc[start], analysis, parsed)
    if found is None or found[0][-1].tag_ != "NNS":
        return None
    return found


def _copula_roles(token: Token, person: Draft, analysis: Analysis,
                  parsed: Parsed) -> list[RoleDraft]:
    """"X is the chief executive of Y" and "X, who is the chief executive of Y"."""
    verbs: list[Token] = []
    if token.dep_ == "nsubj" and token.head.lemma_ == "be":
        verbs.append(token.head)
    verbs.extend(c for c in token.children if c.dep_ == "relcl" and c.lemma_ == "be")
    out: list[RoleDraft] = []
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "attr":
                found = _title_phrase(child, analysis, parsed)
                if found is not None:
                    out.append(_role(analysis, parsed, person, *found))
    return out


_APPOINT = lexicon.words("appoint")


def _appointed_as(token: Token, person: Draft, analysis: Analysis,
                  parsed: Parsed) -> list[RoleDraft]:
    """"Acme has appointed Jane Roe as its chief executive"."""
    verb = token.head
    if token.dep_ not in ("dobj", "nsubjpass") or verb.lemma_ not in _APPOINT:
        return []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "as":
            continue
        for title_head in prep.children:
            found = _title_phrase(title_head, analysis, parsed) if title_head.dep_ == "pobj" \
                else None
            if found is None:
                continue
            title, organisation, former = found
            if organisation is None:
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                organisation = _org_ref(analysis, parsed, subject) if subject is not None \
                    else None
            title = [t for t in title if t.lower_ not in ("next", "new")]
            return [_role(analysis, parsed, person, title, organisation, former)]
    return []


def _role(analysis: Analysis, parsed: Parsed, person: Draft, title: list[Token],
          organisation: Draft | None, former: bool) -> RoleDraft:
    start = parsed.start(title[0])
    end = parsed.end(title[-1])
    wording = analysis.article.text[start:end]
    words = [t.lemma_ if t.tag_ == "NNS" and is_title_head(t) else t.text for t in title
             if not (organisation is not None and analysis.entity_of(parsed, t) is organisation)]
    status = RoleStatus.FORMER if former else RoleStatus.CURRENT
    return RoleDraft(person, normalise_title(words), organisation, wording, status,
                     [(start, end)])


def _credit_roles(analysis: Analysis) -> list[RoleDraft]:
    out: list[RoleDraft] = []
    for block, line in analysis.credits():
        parts = credit_parts(line)
        if parts is None:
            continue
        person_name, _, agency = parts
        person = next((d for d in analysis.drafts if d.kind == PERSON and d.name == person_name),
                      None)
        organisation = next((d for d in analysis.drafts if d.kind == ORGANISATION
                             and d.name == agency), None)
        if person is not None:
            out.append(RoleDraft(person, "Photographer", organisation,
                                 line, RoleStatus.CURRENT,
                                 [(block.start, block.end)]))
    return out


_COMPANY_TITLES = re.compile(
    r"\b(?:chief executive|ceo|cfo|coo|cto|chairman|chairwoman|founder|co-founder|"
    r"managing director|finance director|financial officer|operating officer|boss)\b", re.I)


_STAFF_TITLES = re.compile(
    r"\b(?:officer|chief|commander|director|head|manager|spokesman|spokeswoman|"
    r"spokesperson|chairman|chair|superintendent|inspector)\b", re.I)


def _nearby_org(analysis: Analysis, role: RoleDraft) -> Draft | None:
    """A staff title with no organisation, right after one organisation was in the news:
    "..., the Fire Service said. Assistant Chief Officer Peter Heath said ..."."""
    if not _STAFF_TITLES.search(role.title) or not role.spans:
        return None
    start = role.spans[0][0]
    block = next((m.block for m in analysis.mentions if m.start >= start), -1)
    nearby = {id(m.draft): m.draft for m in analysis.mentions
              if m.start < start and 0 <= block - m.block <= 1
              and m.draft.kind == ORGANISATION and m.draft.label != "CREDIT"}
    return next(iter(nearby.values())) if len(nearby) == 1 else None


def _implied_org(analysis: Analysis, title: str) -> Draft | None:
    if _COMPANY_TITLES.search(title):
        companies = [d for d in analysis.drafts if d.kind == ORGANISATION and d.label != "CREDIT"
                     and not _PUBLIC_BODY.search(" ".join(d.all_names()))]
        ranked = sorted(companies, key=lambda d: -len(d.mentions))
        if ranked and (len(ranked) == 1 or len(ranked[0].mentions) > len(ranked[1].mentions)):
            return ranked[0]
        return None
    words = set(title.lower().split())
    if words & _POLICE_TITLES and not words & {"minister", "secretary", "eu", "european"}:
        forces = [d for d in analysis.drafts if d.kind == ORGANISATION
                  and _POLICE_ORG.search(" ".join(d.all_names()))]
        if forces:
            return max(forces, key=lambda d: len(d.mentions))
    return None

"""Rule-based coreference for what the graph needs.

* definite descriptions: "the force" -> the most recent police organisation,
  "the company"/"the firm" -> the most recent company-like organisation,
  "the council"/"the party"/... -> the most recent organisation with that word,
  "the capital"/"the city"/"the town" -> the most recent city, "the country"
  -> the most recent country;
* "the" + a clipped or abbreviated name ("the Met", "the BBC") -> the
  organisation it abbreviates;
* pronouns: he/she -> the most recent person of a compatible gender (gender
  comes from honorifics and is learnt from earlier pronouns), they/it -> the
  most recent organisation, preferring mentions outside quotations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from loaders import lexicon
from loaders.analysis import LOCATION, ORGANISATION, PERSON, Analysis, Draft, Parsed
from loaders.titles import HONORIFICS

_POLICE = re.compile(r"\b(?:police|constabulary|force|yard|gendarmerie|met)\b", re.I)
_PUBLIC = re.compile(
    r"\b(?:police|constabulary|government|ministry|department|party|assembly|council|"
    r"parliament|committee|court|commission|senate|congress|office|agency|authority|"
    r"service|nhs|union|council|administration|university|institute)\b", re.I)
_COMPANY_NOUNS = lexicon.words("company_nouns")
_NAMED_NOUNS = lexicon.words("named_nouns")
_STEMS = {"airline": ("air",), "carrier": ("air",), "lender": ("bank", "lend"),
          "broadcaster": ("bbc", "itv", "broadcast", "channel", "tv", "radio")}
_PLACE_NOUNS = {"capital": "city", "city": "city", "town": "city", "country": "country",
                "nation": "country"}
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_GROUP = {"they", "them", "their", "it", "its"}
_SEARCH_WINDOW = 6  # blocks back to look for an antecedent


def _org_predicate(noun: str) -> Callable[[Draft], bool] | None:
    if noun == "force":
        return lambda d: bool(_POLICE.search(" ".join(d.all_names())))
    if noun in _NAMED_NOUNS:
        stems = _STEMS.get(noun, (noun,))
        return lambda d: any(s in " ".join(d.all_names()).lower() for s in stems)
    if noun in _COMPANY_NOUNS:
        return lambda d: d.label != "CREDIT" and not _PUBLIC.search(" ".join(d.all_names()))
    return None


def organisation_noun(analysis: Analysis, offset: int, block: int, noun: str) -> Draft | None:
    """"council" in "the council leader" -> the article's council, when it names one."""
    if noun not in _NAMED_NOUNS and noun not in _COMPANY_NOUNS and noun != "force":
        return None
    predicate = _org_predicate(noun)
    if predicate is None:
        return None
    return salient(analysis, offset, block, lambda d: d.kind == ORGANISATION and predicate(d))


def antecedent(analysis: Analysis, offset: int, block: int,
               accept: Callable[[Draft], bool]) -> Draft | None:
    """The most recent mention before ``offset`` whose draft passes ``accept``."""
    fallback: Draft | None = None
    for mention in reversed(analysis.mentions):
        if mention.start >= offset or mention.block < 0:
            continue
        if block - mention.block > _SEARCH_WINDOW:
            break
        if accept(mention.draft):
            if not mention.in_quote:
                return mention.draft
            fallback = fallback or mention.draft
    return fallback


def resolve_descriptions(analysis: Analysis) -> None:
    """Register "the force", "the capital", "the Met" ... as mentions of their antecedents."""
    for parsed in analysis.parsed:
        for token in parsed.doc:
            if token.lower_ != "the" or token.i + 1 >= len(parsed.doc):
                continue
            noun = parsed.doc[token.i + 1]
            if (parsed.index, noun.i) in analysis.token_entity:
                continue
            draft = _description_target(analysis, parsed, noun)
            if draft is not None:
                start, end = parsed.start(token), parsed.end(noun)
                draft.add_alias(analysis.article.text[start:end])
                analysis.add_mention(draft, parsed, start, end, range(token.i, noun.i + 1))


def _description_target(analysis: Analysis, parsed: Parsed, noun: Token) -> Draft | None:
    follower = parsed.doc[noun.i + 1] if noun.i + 1 < len(parsed.doc) else None
    if follower is not None and follower.pos_ in ("NOUN", "PROPN") and noun.dep_ == "compound":
        return None
    offset = parsed.start(noun)
    lower = noun.lower_
    if noun.pos_ == "PROPN" and noun.text[:1].isupper() and not noun.ent_type_:
        return _abbreviation(analysis, noun.text)
    if lower in _PLACE_NOUNS:
        kind = _PLACE_NOUNS[lower]
        return antecedent(analysis, offset, parsed.index,
                          lambda d: d.kind == LOCATION and d.loc_kind == kind)
    predicate = _org_predicate(lower)
    if predicate is None:
        return None
    return _topic(analysis, offset, lambda d: d.kind == ORGANISATION and predicate(d)) or \
        salient(analysis, offset, parsed.index, lambda d: d.kind == ORGANISATION and predicate(d))


_TOPIC_REACH = 250


def _topic(analysis: Analysis, offset: int, accept: Callable[[Draft], bool]) -> Draft | None:
    """The entity the last sentences are about: "Orbix is best known for satellites.
    Its chief, ..., said the company would ..." - the subject just before, if any."""
    for mention in reversed(analysis.mentions):
        if mention.start >= offset or mention.block < 0:
            continue
        if offset - mention.start > _TOPIC_REACH:
            return None
        if mention.subject and not mention.in_quote and accept(mention.draft):
            return mention.draft
    return None


def salient(analysis: Analysis, offset: int, block: int,
            accept: Callable[[Draft], bool]) -> Draft | None:
    """The compatible entity mentioned most often before ``offset`` (ties: most recent)."""
    counts: dict[int, int] = {}
    last: dict[int, int] = {}
    drafts: dict[int, Draft] = {}
    for n, mention in enumerate(analysis.mentions):
        if mention.start >= offset or mention.block < 0 or block - mention.block > _SEARCH_WINDOW:
            continue
        if accept(mention.draft):
            key = id(mention.draft)
            counts[key] = counts.get(key, 0) + 1
            last[key] = n
            drafts[key] = mention.draft
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], last[k]))
    return drafts[best]


def _abbreviation(analysis: Analysis, word: str) -> Draft | None:
    short = word.lower()
    for draft in analysis.drafts:
        if draft.kind != ORGANISATION:
            continue
        words = [w for w in re.findall(r"[\w-]+", draft.name.lower())
                 if w not in ("of", "the", "and", "for")]
        if len(words) < 2:
            continue
        initials = "".join(w[0] for w in words)
        if short == initials or (len(short) >= 3 and words[0].startswith(short)
                                 and words[0] != short):
            return draft
    return None


def resolve_surnames(analysis: Analysis) -> None:
    """A bare surname the model did not tag ("Lind, 78, said") joins its person."""
    by_surname: dict[str, list[Draft]] = {}
    for draft in analysis.drafts:
        words = draft.name.split()
        if draft.kind == PERSON and not draft.anonymous and len(words) > 1:
            by_surname.setdefault(words[-1], []).append(draft)
    for parsed in analysis.parsed:
        for token in parsed.doc:
            found = by_surname.get(token.text)
            if (found is None or len(found) != 1 or token.pos_ != "PROPN"
                    or (parsed.index, token.i) in analysis.token_entity):
                continue
            first = token.i
            if first > 0 and parsed.doc[first - 1].lower_.rstrip(".") in HONORIFICS:
                first -= 1
            neighbours = [parsed.doc[i] for i in (first - 1, token.i + 1)
                          if 0 <= i < len(parsed.doc)]
            if any(n.pos_ == "PROPN" and n.text[:1].isupper() for n in neighbours):
                continue
            start = parsed.start(parsed.doc[first])
            analysis.add_mention(found[0], parsed, start, parsed.end(token),
                                 range(first, token.i + 1), token.dep_.startswith("nsubj"))
            found[0].add_alias(analysis.article.text[start : parsed.end(token)])


def resolve_names(analysis: Analysis) -> None:
    """A known organisation's name where the model did not tag it ("Harlow's chief
    executive" at the start of a sentence) is a mention of that organisation."""
    names: dict[tuple[str, ...], list[Draft]] = {}
    for draft in analysis.drafts:
        if draft.kind != ORGANISATION:
            continue
        for name in draft.all_names():
            words = tuple(name.split())
            if words and words[0][:1].isupper() and words[0].lower() != "the" \
                    and len(name) > 2 and draft not in names.get(words, []):
                names.setdefault(words, []).append(draft)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words, drafts in names.items():
        if len(drafts) == 1:  # a name two organisations share decides nothing
            by_first.setdefault(words[0], []).append(words)
    for candidates in by_first.values():
        candidates.sort(key=len, reverse=True)
    for parsed in analysis.parsed:
        doc = parsed.doc
        i = 0
        while i < len(doc):
            size = _name_at(doc, i, by_first.get(doc[i].text, ()), analysis, parsed.index)
            if size == 0:
                i += 1
                continue
            span = doc[i : i + size]
            draft = names[tuple(t.text for t in span)][0]
            analysis.add_mention(draft, parsed, parsed.start(span[0]), parsed.end(span[-1]),
                                 range(i, i + size), span.root.dep_.startswith("nsubj"))
            i += size


def _name_at(doc: Doc, i: int, candidates: Iterable[tuple[str, ...]], analysis: Analysis,
             block: int) -> int:
    """The length of the longest candidate name written at token ``i`` with none of its
    tokens a mention already; 0 when there is none."""
    for words in candidates:
        end = i + len(words)
        if end <= len(doc) and all(doc[i + k].text == word for k, word in enumerate(words)) \
                and not any((block, j) in analysis.token_entity for j in range(i, end)):
            return len(words)
    return 0


def gender_of(pronoun: str) -> str | None:
    lower = pronoun.lower()
    if lower in _MALE:
        return "male"
    if lower in _FEMALE:
        return "female"
    return None


def _reporting_subject(analysis: Analysis, parsed: Parsed, token: Token) -> Draft | None:
    """"Norris announced that he would step down": a pronoun subject of a reported clause
    is, first of all, the reporter."""
    clause = token.head
    if not token.dep_.startswith("nsubj") or clause.dep_ != "ccomp":
        return None
    verb = clause.head
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i < token.i:
            found = analysis.entity_of(parsed, child)
            if found is not None and found.kind == PERSON and not found.anonymous:
                return found
    return None


def resolve_pronoun(analysis: Analysis, parsed: Parsed, token: Token) -> Draft | None:
    lower = token.lower_
    offset = parsed.start(token)
    if lower in _GROUP:
        return antecedent(analysis, offset, parsed.index,
                          lambda d: d.kind == ORGANISATION and d.label != "CREDIT")
    gender = gender_of(lower)
    if gender is None:
        return None
    reporter = _reporting_subject(analysis, parsed, token)
    if reporter is not None and reporter.gender in (None, gender):
        draft: Draft | None = reporter
    else:
        draft = antecedent(analysis, offset, parsed.index,
                           lambda d: d.kind == PERSON and not d.anonymous
                           and d.gender in (None, gender))
    if draft is not None and draft.gender is None:
        draft.gender = gender
    return draft


def referent(analysis: Analysis, parsed: Parsed, token: Token) -> Draft | None:
    """The entity a token refers to: its own mention, or a pronoun's antecedent."""
    found = analysis.entity_of(parsed, token)
    if found is not None:
        return found
    if token.pos_ == "PRON":
        return resolve_pronoun(analysis, parsed, token)
    return None

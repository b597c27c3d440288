"""When a role began, as the sentence that states it says.

"Cressida Dick, who was appointed commissioner in 2017, ...", "chairman since
March 2019", "became mayor in 2016": a DATE entity with a year, in a sentence
that evidences the role, that hangs (through at most a preposition) from a verb
of appointment or beginning (``appoint.txt``, ``role_start.txt``), or follows
"since". The result is ISO: ``2017`` or ``2019-03``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from loaders import lexicon
from loaders.analysis import Analysis
from loaders.dates import MONTHS

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MAX_HOPS = 5


def _starts() -> frozenset[str]:
    return lexicon.words("appoint") | lexicon.words("role_start")


def role_since(analysis: Analysis, spans: Iterable[tuple[int, int]]) -> str | None:
    """The ISO year (or year-month) the role began, from the sentences of its spans."""
    for start, _end in spans:
        sentence = _sentence(analysis, start)
        if sentence is None:
            continue
        for ent in sentence.ents:
            if ent.label_ != "DATE":
                continue
            found = _iso(ent.text)
            if found is not None and _begins(ent):
                return found
    return None


def _sentence(analysis: Analysis, offset: int) -> Span | None:
    for parsed in analysis.parsed:
        if parsed.base <= offset < parsed.block.end:
            for sent in parsed.doc.sents:
                s, e = parsed.span_offsets(sent)
                if s <= offset < e:
                    return sent
    return None


def _begins(ent: Span) -> bool:
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ == "since":
        return True
    token: Token = ent.root
    for _ in range(_MAX_HOPS):
        if token.head is token:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in _starts():
            return True
        if token.pos_ not in ("ADP", "NOUN", "PROPN"):
            return False
    return False


def _iso(text: str) -> str | None:
    year = _YEAR.search(text)
    if year is None:
        return None
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in MONTHS:
            return f"{year.group(1)}-{MONTHS[word]:02d}"
    return year.group(1)

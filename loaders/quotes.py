"""Statements: direct quotations and reported speech, with their speakers.

Direct quotes are found with curly or straight quote marks inside a paragraph.
A paragraph that opens a quote and never closes it continues into the next
paragraph that opens with a quote mark: one statement per paragraph, all by the
same speaker. The speaker is the subject of the speech verb outside the quote
in the same sentence ("..., she said"; "He said: ..."; "said Ms Dick"), the
object of "according to", the speaker of the previous sentence when a sentence
is only the quote, or the speaker of the quote this one continues. Pronoun
speakers resolve through :mod:`loaders.coref`.

Indirect speech is the clausal complement of a speech verb ("She said that
...", "insisted it was not ...", "X explained that A and that B"), a clause
before a parenthetical "..., she said," or a clause with "according to X".
A complement that is mostly a direct quote is not repeated as indirect.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from loaders import lexicon
from loaders.analysis import LOCATION, ORGANISATION, PERSON, Analysis, Draft, Parsed
from loaders.coref import antecedent, organisation_noun, referent
from loaders.dates import is_age, resolve
from loaders.entities import unnamed_org
from loaders.titles import TITLE_HEADS
from schema.model import BlockKind, StatementKind

SPEECH_VERBS = lexicon.words("speech_verbs")
_PHRASAL_SPEECH = lexicon.mapping("phrasal_speech_verbs")


def is_speech_verb(token: Token) -> bool:
    """"said", "warned", "pointed out": a verb that reports what someone said."""
    lemma = token.lemma_
    if lemma in SPEECH_VERBS or (lemma in _APPRAISALS and token.tag_ != "VBG" and any(
            c.dep_ == "dobj" and c.pos_ != "PRON" for c in token.children)):
        return True
    particle = _PHRASAL_SPEECH.get(lemma)
    return particle is not None and any(c.dep_ == "prt" and c.lower_ == particle
                                        for c in token.children)
_DIRECT_ONLY = lexicon.words("direct_only")
_APPRAISALS = lexicon.words("appraisal_verbs")
_OPEN = "“\""
_CLOSE = "”\""
_DOUBLE = _OPEN + _CLOSE
_OPEN_SINGLE = "‘'"
_CLOSE_SINGLE = "’'"
_TITLE_LIKE = re.compile(r"^(?:[A-Z0-9][\w'’:-]*[\s,]*){1,6}$")


@dataclass
class QuoteSpan:
    start: int  # inner text, article offsets
    end: int
    block: int
    open_ended: bool = False
    continues: bool = False


@dataclass
class StatementDraft:
    text: str
    kind: StatementKind
    speaker: Draft | None
    start: int
    end: int
    audience: Draft | None = None
    when: str | None = None
    when_text: str | None = None
    block: int = -1
    extra_spans: list[tuple[int, int]] = field(default_factory=list)


def find_quotes(analysis: Analysis) -> list[QuoteSpan]:
    """Direct quotation spans of body and caption paragraphs, in text order."""
    spans: list[QuoteSpan] = []
    text = analysis.article.text
    previous_open = False
    for parsed in analysis.parsed:
        if parsed.block.kind not in (BlockKind.BODY, BlockKind.CAPTION):
            previous_open = False
            continue
        block_spans = _block_quotes(text, parsed.block.start, parsed.block.end, parsed.index)
        if block_spans and previous_open and block_spans[0].start == parsed.block.start + 1:
            block_spans[0].continues = True
        previous_open = bool(block_spans) and block_spans[-1].open_ended
        spans.extend(block_spans)
    return spans


def _block_quotes(text: str, start: int, end: int, block: int) -> list[QuoteSpan]:
    if not any(char in _DOUBLE for char in text[start:end]):
        return _single_quotes(text, start, end, block)
    out: list[QuoteSpan] = []
    opened: int | None = None
    for i in range(start, end):
        char = text[i]
        if opened is None and char in _OPEN and _can_open(text, i, start):
            opened = i + 1
        elif opened is not None and char in _CLOSE and i > opened:
            out.append(QuoteSpan(opened, i, block))
            opened = None
    if opened is not None and end > opened:
        out.append(QuoteSpan(opened, end, block, open_ended=True))
    return out


def _single_quotes(text: str, start: int, end: int, block: int) -> list[QuoteSpan]:
    """Quotes in single marks, the house style of some papers ('We are ready,' she said),
    in a paragraph with no double marks: a mark opens after a space or at the start and
    closes before a space or punctuation, so apostrophes ("don't", "Harlow's") do neither."""
    out: list[QuoteSpan] = []
    opened: int | None = None
    for i in range(start, end):
        char = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if opened is None and char in _OPEN_SINGLE and (before.isspace() or before in "([—–-") \
                and not after.isspace() and (i == start or not before.isalnum()):
            opened = i + 1
        elif opened is not None and char in _CLOSE_SINGLE and i > opened \
                and not before.isspace() and not after.isalnum():
            out.append(QuoteSpan(opened, i, block))
            opened = None
    if opened == start + 1 and end > opened:  # a quote running on into the next paragraph
        out.append(QuoteSpan(opened, end, block, open_ended=True))
    return out


def _can_open(text: str, i: int, start: int) -> bool:
    if text[i] == "“":
        return True
    return i == start or not text[i - 1].isalnum()


# -- speakers ---------------------------------------------------------------


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, following conjunctions up to a verb that has one."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        here = current.i
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:  # two subjects are a mis-parse: the one next to the verb is its head
            return min(subjects, key=lambda c: abs(here - c.i))
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head is not current:
            current = current.head
        else:
            return None
    return None


def _speaker_token(token: Token, analysis: Analysis, parsed: Parsed) -> Draft | None:
    """A subject token to its entity: an apposition's name first ("the chief executive,
    Jane Roe,"), then the token, then its compounds; never a possessor."""
    appos = [c for c in token.children if c.dep_ == "appos"]
    compounds = [c for c in token.children if c.dep_ in ("compound", "flat", "nmod")]
    own = analysis.entity_of(parsed, token)
    # a named speaker is who speaks ("Richardson, via USA Today, said"); a description
    # gives way to the name in apposition ("the chief executive, Jane Roe, said")
    order = (token, *appos, *compounds) if own is not None and own.kind == PERSON \
        else (*appos, token, *compounds)
    for candidate in order:
        draft = referent(analysis, parsed, candidate)
        if draft is not None and draft.kind in ("person", "organisation"):
            return draft
        if draft is not None and draft.kind == LOCATION and draft.loc_kind in (None, "landmark") \
                and candidate is token:
            draft.kind = "organisation"  # "Downing Street said": the place speaks as a body
            return draft
    if token.lower_ in TITLE_HEADS or token.lower_ in _SPOKES:
        holder = _title_holder(token, analysis, parsed)
        if holder is not None or token.tag_ != "NNS":
            return holder
    if token.lower_ in ("police", "officers", "detectives"):
        return organisation_noun(analysis, parsed.start(token), parsed.index, "force")
    return _the_person(token, analysis, parsed) or group_speaker(token, analysis, parsed)


_PERSON_NOUNS = lexicon.words("person_nouns")


def _the_person(token: Token, analysis: Analysis, parsed: Parsed) -> Draft | None:
    """"the man told doctors ...", "the patient said": the unnamed person the article
    introduced before ("a 43-year-old man")."""
    if token.lower_ not in _PERSON_NOUNS or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children):
        return None
    return antecedent(analysis, parsed.start(token), parsed.index,
                      lambda d: d.kind == PERSON and d.anonymous and d.label == "ANON")


_GROUP_HEADS = lexicon.words("group_heads")
_MAX_GROUP_WORDS = 9
_SPEAKING_GROUPS = lexicon.words("speaking_groups")
_BODY_NOUNS = lexicon.words("body_nouns")
_SPEECH_NOUNS = lexicon.words("speech_nouns")
_DIRECTIVES = lexicon.mapping("directive_verbs")
_PEOPLE_ENDINGS = ("ers", "ors", "ists", "ians", "ants", "ents")


def group_speaker(token: Token, analysis: Analysis, parsed: Parsed) -> Draft | None:
    """"officials said", "experts say", "people familiar with the talks said", "a new
    report says": an unnamed group or source that speaks, kept as the text words it
    (an anonymous speaker, not a named entity)."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return None
    named_body = token.lower_ in _BODY_NOUNS and token.tag_ == "NN" and any(
        c.dep_ in ("compound", "amod", "poss", "nmod") and c.pos_ == "PROPN"
        for c in token.children)
    if not named_body and token.lower_ not in _GROUP_HEADS and not (token.tag_ == "NNS" and (
            token.lower_ in _SPEAKING_GROUPS or token.lower_.endswith(_PEOPLE_ENDINGS))):
        return None
    aside = {t.i for c in token.children if c.dep_ in ("relcl", "appos", "punct")
             for t in c.subtree}
    words = [t for t in token.subtree if t.i not in aside]
    while words and (words[0].is_punct or words[0].dep_ == "cc"):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words or len(words) > _MAX_GROUP_WORDS or any(
            t.lower_ in ("who", "which", "that") for t in words):
        return None
    start, end = parsed.start(words[0]), parsed.end(words[-1])
    name = " ".join(analysis.article.text[start:end].split())
    if words[0].lower_ in ("the", "these", "those") and len(words) > 1:
        name = name.split(" ", 1)[1]
    found = next((d for d in analysis.drafts if (d.anonymous or named_body)
                  and d.name.lower() == name.lower()), None)
    if found is None and named_body:  # "the Inner Mongolia health commission": a body
        found = Draft(ORGANISATION, name, label="BODY")
        analysis.drafts.append(found)
    elif found is None:
        found = Draft(PERSON, name, anonymous=True, label="GROUP")
        analysis.drafts.append(found)
    if analysis.entity_of(parsed, words[0]) is not found:
        analysis.add_mention(found, parsed, start, end, range(words[0].i, words[-1].i + 1))
    return found


_SPOKES = lexicon.words("spokes")


def _title_holder(token: Token, analysis: Analysis, parsed: Parsed) -> Draft | None:
    """"the chancellor" -> the person the article gave that title; "a spokesman for Acme"
    -> Acme."""
    if token.lower_ in _SPOKES:
        for child in token.children:  # "Sir Keir Starmer's spokesman" speaks for him
            owner = referent(analysis, parsed, child) if child.dep_ == "poss" else None
            if owner is not None and owner.kind in (PERSON, "organisation"):
                return owner
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at"):
                for pobj in prep.children:
                    draft = referent(analysis, parsed, pobj)
                    if draft is None and pobj.pos_ == "PROPN" and pobj.text[:1].isupper() \
                            and not pobj.ent_type_:
                        draft = unnamed_org(pobj, analysis, parsed)
                    if draft is not None and draft.kind == LOCATION \
                            and draft.loc_kind in (None, "landmark"):
                        draft.kind = "organisation"  # "a spokesman for Downing Street"
                    if draft is not None and draft.kind == "organisation":
                        return draft
    if not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in token.children):
        return None
    words = [t.lower_ for t in token.subtree if (t.i <= token.i and t.dep_ in (
        "compound", "amod")) or t is token]
    title = " ".join(words)
    holders = [p for t, p in analysis.title_holders if t == title]
    if not holders:
        wanted = set(words)
        holders = [p for t, p in analysis.title_holders if wanted <= set(t.split())]
    if holders:
        return holders[-1] if len({id(h) for h in holders}) == 1 else None
    return _untitled_antecedent(token, words, analysis, parsed)


def _untitled_antecedent(token: Token, words: list[str], analysis: Analysis,
                         parsed: Parsed) -> Draft | None:
    """"The prime minister told MPs" after "Rishi Sunak ...": the latest named person the
    article gave no title yet takes this one (and the role is recorded)."""
    titled = {id(p) for _, p in analysis.title_holders}
    found = antecedent(analysis, parsed.start(token), parsed.index,
                       lambda d: d.kind == PERSON and not d.anonymous and id(d) not in titled)
    if found is None or parsed.index - _last_block(analysis, found) > 2:
        return None
    first = min(t.i for t in token.subtree if t.i <= token.i and t.dep_ != "det")
    start, end = parsed.start(token.doc[first]), parsed.end(token)
    analysis.title_holders.append((" ".join(words), found))
    analysis.inferred_roles.append((found, analysis.article.text[start:end], start, end))
    return found


def _last_block(analysis: Analysis, draft: Draft) -> int:
    return max((m.block for m in analysis.mentions if m.draft is draft), default=-99)


def verb_speaker(verb: Token, analysis: Analysis, parsed: Parsed) -> Draft | None:
    """Who does the speaking: the verb's subject, else a name right before or after it
    ("..., Eduardo Leite, said"; "said Mark Ellis"); for "X said ..., adding that ..."
    the speaker of "said"."""
    outer = verb.head.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ == "ccomp" \
            and outer.lemma_ in SPEECH_VERBS and outer is not verb:
        return verb_speaker(outer, analysis, parsed)
    subject = subject_of(verb)
    if subject is not None:
        draft = _speaker_token(subject, analysis, parsed)
        if draft is not None:
            return draft
    elif verb.dep_ == "acl":
        # "Frances Morris, the director of Tate Modern, called ..." parsed with the verb
        # hanging off the apposition: the speaker is the one the apposition describes
        noun = verb.head.head if verb.head.dep_ == "appos" else verb.head
        draft = _speaker_token(noun, analysis, parsed)
        if draft is not None:
            return draft
    doc = verb.doc
    reported = {t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree}
    for step in (-1, 1):
        i = verb.i + step
        while 0 <= i < len(doc) and (doc[i].is_punct or doc[i].is_space or doc[i].dep_ == "aux"):
            i += step
        if 0 <= i < len(doc) and i not in reported:  # not "said a man had been arrested"
            draft = analysis.entity_of(parsed, doc[i])
            if draft is not None and draft.kind in (PERSON, "organisation"):
                return draft
    return None


def _outside(token: Token, parsed: Parsed, spans: list[QuoteSpan]) -> bool:
    offset = parsed.start(token)
    return not any(q.start <= offset < q.end for q in spans)


def _speech_verbs(sent: Span, parsed: Parsed, spans: list[QuoteSpan]) -> list[Token]:
    return [t for t in sent if is_speech_verb(t) and t.pos_ in ("VERB", "AUX")
            and _outside(t, parsed, spans)]


def _according_to(sent: Span) -> Token | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) \
                and token.doc[token.i + 1].lower_ == "to":
            for child in token.doc[token.i + 1].children:
                if child.dep_ == "pobj":
                    return child
    return None


def _sentence_speaker(sent: Span, parsed: Parsed, analysis: Analysis,
                      spans: list[QuoteSpan], near: int) -> tuple[Draft | None, Token | None]:
    verbs = _speech_verbs(sent, parsed, spans)
    verbs.sort(key=lambda v: abs(parsed.start(v) - near))
    for verb in verbs:
        draft = verb_speaker(verb, analysis, parsed)
        if draft is not None:
            return draft, verb
    pobj = _according_to(sent)
    if pobj is not None:
        return _speaker_token(pobj, analysis, parsed), None
    return None, None


def _sentence_at(parsed: Parsed, offset: int) -> Span | None:
    local = offset - parsed.block.start
    for sent in parsed.doc.sents:
        if sent.start_char <= local < sent.end_char:
            return sent
    return None


def _previous_sentence(analysis: Analysis, parsed: Parsed,
                       sent: Span) -> tuple[Parsed, Span] | None:
    sents = list(parsed.doc.sents)
    index = next((i for i, s in enumerate(sents) if s.start == sent.start), 0)
    if index > 0:
        return parsed, sents[index - 1]
    if parsed.index > 0:
        prev = analysis.parsed[parsed.index - 1]
        if prev.block.kind == BlockKind.BODY and len(prev.doc):
            return prev, list(prev.doc.sents)[-1]
    return None


def _audience_and_when(verb: Token | None, analysis: Analysis, parsed: Parsed,
                       ) -> tuple[Draft | None, str | None, str | None]:
    if verb is None:
        return None, None, None
    audience: Draft | None = None
    when_text: str | None = None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and verb.lemma_ in ("tell", "brief", "address"):
            audience = _speaker_token(child, analysis, parsed)
        if child.ent_type_ == "DATE" and not is_age(child.text):
            ent = next((e for e in child.doc.ents if e.start <= child.i < e.end), None)
            when_text = ent.text if ent is not None else child.text
        if child.dep_ == "prep" and child.lower_ in ("on", "in") and when_text is None:
            for grand in child.children:
                if grand.ent_type_ == "DATE":
                    when_text = grand.text
    when = resolve(when_text, analysis.anchor_for(parsed)) if when_text else None
    return audience, when or when_text, when_text


# -- embedded posts -----------------------------------------------------------

# "— Rep. Jane Roe (@janeroe) November 19, 2019": the signature line under a post
# embedded in the body.
_SIGNATURE = re.compile(
    r"^\s*[—–-]+\s*(?P<name>[^()@]{2,80}?)\s*\(@(?P<handle>\w{1,30})\)\s*"
    r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$")
_POST_LINK = re.compile(r"\s*(?:pic\.twitter\.com|https?://)\S*\s*$")
_MAX_POST_PARAGRAPHS = 4


def embedded_posts(analysis: Analysis) -> list[StatementDraft]:
    """The lines of a post embedded in the body (a tweet shown as a block, signed
    "— Name (@handle) date") are direct statements of its author, with or without
    quote marks."""
    out: list[StatementDraft] = []
    text = analysis.article.text
    body = [p for p in analysis.parsed if p.block.kind == BlockKind.BODY]
    for n, parsed in enumerate(body):
        match = _SIGNATURE.match(text[parsed.block.start : parsed.block.end])
        if match is None:
            continue
        author = _signed_by(analysis, match["name"], match["handle"])
        if author is None:
            continue
        for earlier in reversed(body[max(0, n - _MAX_POST_PARAGRAPHS) : n]):
            line = text[earlier.block.start : earlier.block.end]
            if any(mark in line for mark in _DOUBLE) or _SIGNATURE.match(line) or any(
                    earlier.block.start <= m.start < earlier.block.end for m in author.mentions):
                break  # the article's own prose (naming the author, or quoting), or a post
            words = _POST_LINK.sub("", line).strip()
            if words:
                start = earlier.block.start
                out.append(StatementDraft(words, StatementKind.DIRECT, author, start,
                                          start + len(words), block=earlier.index))
    return sorted(out, key=lambda s: s.start)


def _signed_by(analysis: Analysis, name: str, handle: str) -> Draft | None:
    """The person (or body) a signature names: "Rep. Jane Roe" is Jane Roe."""
    wanted = {w.lower().strip(".") for w in name.split()}
    for draft in analysis.drafts:
        if draft.kind not in (PERSON, ORGANISATION) or draft.anonymous:
            continue
        words = {w.lower().strip(".") for w in draft.name.split()}
        if words and words <= wanted:
            draft.add_alias("@" + handle)
            return draft
    return None


# -- direct -----------------------------------------------------------------


def direct_statements(analysis: Analysis, spans: list[QuoteSpan]) -> list[StatementDraft]:
    out: list[StatementDraft] = []
    text = analysis.article.text
    by_block = {p.index: p for p in analysis.parsed}
    previous: StatementDraft | None = None
    for quote in spans:
        parsed = by_block[quote.block]
        words = _clean_quote(text[quote.start : quote.end])
        if not words or _TITLE_LIKE.match(words.rstrip(".!?")):
            continue  # a title or a name in quote marks ("Bambi", "The Crown")
        if _scare_quote(parsed, quote):
            continue
        speaker, verb = _quote_speaker(analysis, parsed, quote, spans, previous)
        audience, when, _ = _audience_and_when(verb, analysis, parsed)
        statement = StatementDraft(words, StatementKind.DIRECT, speaker, quote.start,
                                   quote.end, audience, when, block=quote.block)
        if speaker is not None:
            out.append(statement)
            previous = statement
    return out


_MAX_TERM_WORDS = 4


def _scare_quote(parsed: Parsed, quote: QuoteSpan) -> bool:
    """A few words in quote marks used as a name or a term ("the 'phase one' deal",
    "diagnosed with 'farmer's lung'"): a noun phrase that no verb of saying governs.
    Short quotes that say something ("'extremely low'", "called it 'the end of an era'")
    stay statements."""
    if quote.open_ended or _ends_sentence(parsed, quote):
        return False  # "... a disaster for us." is a sentence, not a term
    span = parsed.doc.char_span(quote.start - parsed.base, quote.end - parsed.base,
                                alignment_mode="expand")
    if span is None or len([t for t in span if not t.is_punct]) > _MAX_TERM_WORDS:
        return False
    inside = {t.i for t in span}
    roots = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    if len(roots) != 1 or roots[0].pos_ not in ("NOUN", "PROPN", "NUM"):
        return False
    head = roots[0].head
    if is_speech_verb(head) or head.lemma_ in _NAMING_VERBS:
        return False
    if roots[0].dep_ in ("compound", "amod", "nmod", "nummod") and head.i > max(inside) \
            and head.pos_ in ("NOUN", "PROPN"):
        return True  # "a 'phase one' trade deal": the words name the deal, whoever speaks
    # a partial quote inside reported speech ("said the risk was of 'no need' to worry")
    return not any(is_speech_verb(a) and a.i not in inside for a in roots[0].ancestors)


def _ends_sentence(parsed: Parsed, quote: QuoteSpan) -> bool:
    inner = parsed.doc.text[quote.start - parsed.base : quote.end - parsed.base].rstrip()
    return inner.endswith((".", "!", "?", "…"))


_NAMING_VERBS = frozenset({"call", "describe", "dub", "term", "label", "brand"})


def _clean_quote(words: str) -> str:
    return words.strip().strip(",;").strip()


def _quote_speaker(analysis: Analysis, parsed: Parsed, quote: QuoteSpan,
                   spans: list[QuoteSpan], previous: StatementDraft | None,
                   ) -> tuple[Draft | None, Token | None]:
    if quote.continues and previous is not None:
        return previous.speaker, None
    sent = _sentence_at(parsed, quote.start)
    if sent is None:
        return None, None
    sentences = [sent]
    end_sent = _sentence_at(parsed, max(quote.start, quote.end - 1))
    if end_sent is not None and end_sent.start != sent.start:
        sentences.append(end_sent)
    after = _next_sentence(parsed, sentences[-1])
    if after is not None and parsed.start(after[0]) - quote.end <= 2:
        sentences.append(after)
    for candidate in sentences:
        speaker, verb = _sentence_speaker(candidate, parsed, analysis, spans, quote.start)
        if speaker is not None:
            return speaker, verb
    before = _previous_sentence(analysis, parsed, sent)
    if before is not None:
        prev_parsed, prev_sent = before
        if prev_sent.text.rstrip().endswith(":") or prev_parsed is parsed:
            speaker, verb = _sentence_speaker(prev_sent, prev_parsed, analysis, spans,
                                              prev_parsed.start(prev_sent[-1]))
            if speaker is not None:
                return speaker, verb
    if previous is not None and quote.block - previous.block <= 1:
        return previous.speaker, None
    return None, None


def _next_sentence(parsed: Parsed, sent: Span) -> Span | None:
    for candidate in parsed.doc.sents:
        if candidate.start == sent.end:
            return candidate
    return None


# -- indirect ---------------------------------------------------------------


def indirect_statements(analysis: Analysis, spans: list[QuoteSpan]) -> list[StatementDraft]:
    out: list[StatementDraft] = []
    for parsed, sent in analysis.told_sentences():
        out.extend(_indirect_in(sent, parsed, analysis, spans))
    return out


def _indirect_in(sent: Span, parsed: Parsed, analysis: Analysis,
                 spans: list[QuoteSpan]) -> list[StatementDraft]:
    out: list[StatementDraft] = []
    for verb in _speech_verbs(sent, parsed, spans):
        if verb.lemma_ in _DIRECT_ONLY or any(c.dep_ == "neg" for c in verb.children):
            continue
        tokens = _content_tokens(verb)
        if not tokens:
            continue
        speaker = verb_speaker(verb, analysis, parsed)
        if speaker is None:
            continue
        statement = _make_indirect(tokens, parsed, analysis, spans, speaker, verb)
        if statement is not None:
            out.append(statement)
    out.extend(_nominal_in(sent, parsed, analysis, spans))
    pobj = _according_to(sent)
    if pobj is not None and not out:
        speaker = _speaker_token(pobj, analysis, parsed)
        # everything but "according to X" (X with all its words: "the Office for ...")
        last = max(t.i for t in pobj.subtree)
        tokens = [t for t in sent if t.i < pobj.head.head.i or t.i > last]
        if speaker is not None:
            statement = _make_indirect(_trim(tokens), parsed, analysis, spans, speaker, None)
            if statement is not None:
                out.append(statement)
    return out


def _nominal_in(sent: Span, parsed: Parsed, analysis: Analysis,
                spans: list[QuoteSpan]) -> list[StatementDraft]:
    """"a declaration by China's health chiefs that the risk was minimal", "Acme's
    warning that profits would fall": a noun of saying with its speaker and its clause."""
    out: list[StatementDraft] = []
    for noun in sent:
        if noun.lemma_.lower() not in _SPEECH_NOUNS or noun.pos_ != "NOUN":
            continue
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)),
                      None)
        if clause is None:
            continue
        speaker = None
        for child in noun.children:
            if child.dep_ == "poss":
                speaker = _speaker_token(child, analysis, parsed)
            elif child.dep_ == "prep" and child.lower_ == "by":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                speaker = _speaker_token(pobj, analysis, parsed) if pobj is not None else None
            if speaker is not None:
                break
        if speaker is None:
            continue
        statement = _make_indirect(_trim(list(clause.subtree)), parsed, analysis, spans,
                                   speaker, None)
        if statement is not None:
            out.append(statement)
    return out


def _content_tokens(verb: Token) -> list[Token]:
    complements = sorted((c for c in verb.children if c.dep_ == "ccomp"),
                         key=lambda c: (c.i < verb.i, c.i)) or _misattached(verb) \
        or _fronted(verb)
    complement = complements[0] if complements else None
    if complement is not None:
        return _trim(_clause(complement, lambda c: c.lemma_ in SPEECH_VERBS))
    needs_object = _DIRECTIVES.get(verb.lemma_)
    if needs_object is not None and (needs_object == "no" or any(
            c.dep_ in ("dobj", "dative") for c in verb.children)):
        infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                           and any(a.tag_ == "TO" for a in c.children)), None)
        if infinitive is not None:  # "warned people to stay away": the advice said
            return _trim(list(infinitive.subtree))
    if verb.dep_ == "parataxis":
        cut = min(t.i for t in verb.subtree)
        tokens = _clause(verb.head, lambda c: c.i > verb.i)
        return _trim([t for t in tokens if t.i < cut])
    if verb.dep_ == "conj" and verb.head.i < verb.i:
        commas = [t.i for t in verb.sent if t.text == "," and t.i < verb.i]
        if commas and verb.i - commas[-1] <= 12:
            return _trim([t for t in verb.sent if t.i < commas[-1]])
    return _appraisal(verb)


def _appraisal(verb: Token) -> list[Token]:
    """"touted the plan as a step forward", "called the ruling a landmark judgment": a
    judgement reported with no clause is the verb's own phrase, verb included."""
    if verb.lemma_ not in _APPRAISALS or not any(
            c.dep_ == "dobj" and c.pos_ != "PRON" for c in verb.children):
        return []
    words = [verb, *(c for c in verb.children if c.dep_ == "aux" and c.i < verb.i)]
    words += [t for c in verb.children if c.i > verb.i and c.dep_ in (
        "dobj", "prep", "oprd", "xcomp", "ccomp", "dative", "attr") for t in c.subtree]
    return _trim(words)


def _fronted(verb: Token) -> list[Token]:
    """"There is no evidence of a link, the commission said": the reported clause in
    front of the verb, which the parser may hang on it as an adverbial clause (one with
    no "when", "because" or "if" of its own)."""
    for child in verb.children:
        if child.dep_ == "advcl" and child.i < verb.i and not any(
                c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB")
                for c in child.children):
            after = max(t.i for t in child.subtree) + 1
            if after < len(verb.doc) and verb.doc[after].text == ",":
                return [child]
    return []


def _misattached(verb: Token) -> list[Token]:
    """"told reporters at a conference that the airline will grow": the parser hung the
    reported clause on the noun before it, as a relative clause marked by "that"."""
    for child in verb.children:
        if child.dep_ not in ("prep", "dobj", "dative") or child.i < verb.i:
            continue
        for token in child.subtree:
            if token.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that"
                                             for m in token.children):
                return [token]
    return []


def _clause(root: Token, drop_conj: Callable[[Token], bool]) -> list[Token]:
    """The subtree of ``root`` without the conjoined clauses that ``drop_conj`` picks."""
    excluded: set[int] = set()
    for child in root.children:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and drop_conj(child):
            excluded |= {t.i for t in child.subtree}
            excluded |= {c.i for c in root.children if c.dep_ == "cc" and c.i < child.i}
        if child.dep_ == "advcl" and child.tag_ == "VBG" and child.lemma_ in SPEECH_VERBS:
            excluded |= {t.i for t in child.subtree}  # ", adding that ...": its own statement
    return [t for t in root.subtree if t.i not in excluded]


def _trim(tokens: list[Token]) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in ("that", "and", "but")
                      or tokens[0].is_space):
        tokens = tokens[1:]
    if len(tokens) > 2 and tokens[0].pos_ in ("ADV", "CCONJ") and tokens[1].text == ",":
        tokens = tokens[2:]
    while tokens and ((tokens[-1].is_punct and tokens[-1].text not in _KEPT_PUNCT)
                      or tokens[-1].is_space or tokens[-1].lower_ in ("and", "but")):
        tokens = tokens[:-1]
    return tokens


# Signs that belong to the words before them ("5%", "Marks &") and stay at the end.
_KEPT_PUNCT = frozenset({"%", "&", "°", "‰"})


def _make_indirect(tokens: list[Token], parsed: Parsed, analysis: Analysis,
                   spans: list[QuoteSpan], speaker: Draft, verb: Token | None,
                   ) -> StatementDraft | None:
    if len(tokens) < 3:
        return None
    start, end = parsed.start(tokens[0]), parsed.end(tokens[-1])
    quoted = sum(max(0, min(end, q.end) - max(start, q.start)) for q in spans)
    if quoted > 0.9 * (end - start):
        return None
    raw = analysis.article.text[start:end]
    words = " ".join(re.sub(r"[“”\"]", "", raw).split())
    audience, when, _ = _audience_and_when(verb, analysis, parsed)
    return StatementDraft(words, StatementKind.INDIRECT, speaker, start, end, audience, when,
                          block=parsed.index)


def without_framing_clauses(statements: list[StatementDraft]) -> list[StatementDraft]:
    """Reported speech around a partial quote ("said the plan was 'unacceptable'") is
    that quote's setting: the quoted words are the statement, the clause is not
    another one."""
    direct = [s for s in statements if s.kind == StatementKind.DIRECT]
    return [s for s in statements if s.kind != StatementKind.INDIRECT or not any(
        d.start < s.end and s.start < d.end for d in direct)]

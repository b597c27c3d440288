"""Event triggers: the verbs and nouns that tell something happened, and the checks
that keep only specific happenings (not negated, not hypothetical, not generic)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders import lexicon
from loaders.analysis import ORGANISATION, Analysis, Draft, Parsed
from loaders.coref import referent
from loaders.quotes import SPEECH_VERBS, StatementDraft, is_speech_verb, subject_of

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


_COURT = re.compile(r"\b(?:court|judges?|tribunal|justices?|jury)\b", re.I)


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
        verb.tag_ == "VBN" and verb.dep_ == "acl" and not misparsed_finite(verb)
        and not dated_or_done_by(verb))


def misparsed_finite(verb: Token) -> bool:
    """"Air strikes killed 20 people" parsed with "killed" as a participle modifying
    "strikes": a participle with a direct object is the sentence's verb."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and (
        verb.head.dep_.startswith("nsubj") or (
            verb.head.dep_ == "pobj" and verb.head.head.lower_ in ("after", "before", "until"))
    ) and any(c.dep_ == "dobj" for c in verb.children)


def _specific_noun(noun: Token) -> bool:
    if told_as_past(noun) and verb_lemma(noun.head) not in _KNOWN_VERBS:
        # "Talks broke down on Friday", "Clashes have erupted": these happened (a verb
        # that is a trigger itself tells the event: "A fire destroyed the school")
        return True
    if noun.tag_ in ("NNS", "NNPS") and not any(c.dep_ in ("det", "poss") for c in noun.children):
        # "50 million deaths", "five jet sales": counted, so these ones
        return any(c.dep_ == "nummod" and c.ent_type_ not in ("DATE", "TIME")
                   for c in noun.children)
    for child in noun.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "det" and child.lower_ in _SPECIFIC_DETS:
            return True
    return False


def told_as_past(noun: Token) -> bool:
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


def acts_as_verb(token: Token) -> bool:
    """A verb, or a verbless sentence's root mis-tagged as a plural noun ("officer patrols")."""
    if token.pos_ == "VERB":
        return True
    return token.dep_ == "ROOT" and token.tag_ == "NNS" and not any(
        t.pos_ in ("VERB", "AUX") for t in token.sent
    ) and any(c.dep_ in ("compound", "nsubj") for c in token.lefts)


def verb_event_kind(token: Token, analysis: Analysis, parsed: Parsed) -> str | None:
    if not acts_as_verb(token) or _hypothetical(token):
        return None
    lemma = verb_lemma(token)
    if lemma in _SPEECH_TO_BODY and _addresses_body(token, analysis, parsed):
        return "hearing"
    if lemma in ("tell", "address", "hold", "give") and any(
        c.dep_ in ("dobj", "dative") and c.lemma_.lower() in ("conference", "briefing")
        for c in token.children
    ):
        return "press conference"
    if lemma in ("tell", "speak", "say", "talk", "announce"):
        venue = next((g for c in token.children if c.dep_ == "prep" and c.lower_ in (
            "at", "during") for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in (
            "conference", "briefing", "summit", "forum", "convention")), None)
        if venue is not None:  # "told reporters at a news conference", "spoke at a forum"
            press = any(c.lower_ in ("press", "news") for c in venue.lefts)
            return "press conference" if press or venue.lower_ == "briefing" else "conference"
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
    object_kind = _object_kind(token) if lemma in ACTION_VERBS else None
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


ACTION_VERBS = lexicon.words("action_verbs")


_KNOWN_VERBS = frozenset(VERB_TRIGGERS) | ACTION_VERBS | _TREND_VERBS | _SPEECH_TO_BODY \
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


def verb_lemma(token: Token) -> str:
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
    if misparsed_finite(token):  # "after an outbreak killed two": the clause's place
        return _main_clause(token.head.head if token.head.dep_ != "pobj" else token.head.head.head)
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


def noun_event_kind(token: Token, analysis: Analysis, parsed: Parsed) -> str | None:
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


def is_happening(token: Token) -> bool:
    """A finite verb in the past that tells something happened ("the storm dumped
    rain", "were quarantined", "has grounded its fleet")."""
    if token.pos_ != "VERB" or _hypothetical(token):
        return False
    lemma = verb_lemma(token)
    if lemma in _NOT_HAPPENINGS or (is_speech_verb(token) and not speech_verb_as_act(token)):
        return False
    past = token.tag_ == "VBD" or (token.tag_ == "VBN" and (any(
        (c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ != "VB")
        or (c.dep_ == "auxpass" and c.tag_ in ("VBD", "VBN")) for c in token.children)
        or (token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"))))
    if not past:
        return False
    if token.dep_ == "ccomp":
        if token.head.lemma_ not in SPEECH_VERBS:
            return False
    elif token.dep_ == "acl":
        if not dated_or_done_by(token):
            return False  # "the tariffs imposed on Sept. 1", "companies chosen by NASA"
    elif token.dep_ == "conj":
        if token.head.pos_ != "VERB":
            return False
    elif token.dep_ not in ("ROOT", "advcl", "relcl"):
        return False
    if any(c.dep_ == "xcomp" for c in token.children) and not any(
            c.dep_ == "dobj" for c in token.children):
        return False  # "declined to say", "was set to begin": the event, if any, is the verb below
    first = min(token.subtree, key=lambda t: t.i)
    if (first.tag_ in ("WRB", "WP", "WDT") and token.dep_ != "relcl") \
            or token.sent.text.rstrip().endswith("?"):
        return False  # "how many have converted": a question, not a report
    return subject_of(token) is not None or token.dep_ == "acl"


_PRONOUN_OBJECTS = frozenset({"it", "this", "that", "them", "so", "what"})


def speech_verb_as_act(verb: Token) -> bool:
    """A verb of speaking that reports no words: "was admitted to hospital", "reported
    its third case", "revealed the news in a video" tell an act, not a statement."""
    if any(c.dep_ in ("ccomp", "xcomp", "parataxis", "dative") for c in verb.children):
        return False
    aside = {t.i for c in verb.children if c.dep_ in ("advcl", "conj", "relcl")
             for t in c.subtree}
    if any(t.text in "\"“”" and t.i not in aside for t in verb.sent):
        return False  # a quotation in its clause: the verb attributes it
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in _PRONOUN_OBJECTS
               and c.pos_ != "PRON"]
    passive = any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ in ("prep", "agent") or c.ent_type_ == "DATE" for c in verb.children)
    return bool(objects) or passive or verb.dep_ == "acl"


def dated_or_done_by(participle: Token) -> bool:
    """A participle after its noun that tells when or by whom ("the budget approved by
    lawmakers in April", "a letter posted on Tuesday"): a happening of its own."""
    for child in participle.children:
        if child.dep_ == "agent":
            return True
        if child.dep_ in ("npadvmod", "tmod") and child.ent_type_ == "DATE":
            return True
        if child.dep_ == "prep" and any(g.ent_type_ == "DATE" for g in child.children
                                        if g.dep_ == "pobj"):
            return True
    return False


def in_direct_quote(token: Token, parsed: Parsed, statements: list[StatementDraft]) -> bool:
    offset = parsed.start(token)
    return any(s.kind.value == "direct" and s.start <= offset < s.end for s in statements)

"""An extraction kept as JSON comes back equal; its evidence is kept as offsets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from schema.codec import extraction_from_json, extraction_to_json
from schema.ids import checksum
from schema.model import (
    Article,
    Event,
    Evidence,
    Extraction,
    Participant,
    Person,
    Quantity,
    Role,
    RoleStatus,
    Statement,
    StatementKind,
)

TEXT = (
    "Ana Ruiz, the harbour master, said: \u201cThe quay reopens on Monday.\u201d"
    " Crowds gathered."
)


def _evidence(words: str, sentence: str) -> Evidence:
    start, s_start = TEXT.index(words), TEXT.index(sentence)
    return Evidence(start, start + len(words), words, sentence, s_start, s_start + len(sentence))


SENTENCE = TEXT[: TEXT.index("\u201d") + 1]


def _extraction() -> Extraction:
    ana = _evidence("Ana Ruiz", SENTENCE)
    article = Article(
        id="article/x", text=TEXT, checksum=checksum(TEXT), headline=None,
        url="https://news.example/x", published=dt.date(2024, 5, 6),
    )
    return Extraction(
        article=article,
        people=(Person("person/ana-ruiz", "Ana Ruiz", ("Ruiz",), mentions=(ana,)),),
        roles=(Role("role/x", "person/ana-ruiz", "Harbour Master", None, "the harbour master",
                    RoleStatus.FORMER, (_evidence("the harbour master", SENTENCE),), "2019"),),
        statements=(Statement("statement/x", "The quay reopens on Monday.", StatementKind.DIRECT,
                              "person/ana-ruiz", when="Monday",
                              evidence=(_evidence("The quay reopens on Monday.", SENTENCE),)),),
        events=(Event("event/x", "gathering", "Crowds gathered.",
                      participants=(Participant("person/ana-ruiz", "agent"),),
                      quantities=(Quantity(2.0, "crowds", "Crowds"),),
                      evidence=(_evidence("Crowds gathered.", "Crowds gathered."),)),),
        warnings=("a warning",),
    )


def test_an_extraction_comes_back_equal_with_or_without_its_text() -> None:
    extraction = _extraction()
    assert extraction_from_json(extraction_to_json(extraction)) == extraction
    bare = extraction_to_json(extraction, with_text=False)
    assert SENTENCE not in bare and TEXT not in bare  # offsets, not the words again
    assert extraction_from_json(bare, TEXT) == extraction


def test_evidence_is_kept_as_offsets_unless_its_words_differ_from_the_text() -> None:
    extraction = _extraction()
    odd = dataclasses.replace(extraction.people[0].mentions[0], text="Ana R.", sentence="")
    person = dataclasses.replace(extraction.people[0], mentions=(odd,))
    changed = dataclasses.replace(extraction, people=(person,))
    payload = json.loads(extraction_to_json(changed, with_text=False))
    (kept,) = payload["people"][0]["mentions"]
    assert kept == {"start": 0, "end": 8, "sentence_start": 0,
                    "sentence_end": len(SENTENCE), "text": "Ana R.", "sentence": ""}
    assert extraction_from_json(json.dumps(payload), TEXT) == changed


def test_json_written_with_the_words_of_every_span_still_reads() -> None:
    """What earlier versions kept: every evidence with its text and sentence."""
    extraction = _extraction()
    payload = json.loads(extraction_to_json(extraction))
    for mention in payload["people"][0]["mentions"]:
        start, end = mention["start"], mention["end"]
        mention["text"] = TEXT[start:end]
        mention["sentence"] = SENTENCE
    payload["article"]["text"] = ""
    assert extraction_from_json(json.dumps(payload), TEXT) == extraction


def test_other_json_is_refused() -> None:
    with pytest.raises(ValueError, match="not an extraction"):
        extraction_from_json("[1, 2]")

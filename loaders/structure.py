"""Split an article's text into blocks: headline, caption, credit, body, boilerplate.

The rules are general, not tied to one site:

* paragraphs are separated by blank lines; a line inside a paragraph that looks
  like a photo credit is split off as its own block;
* the first paragraph is the headline when it is one short line without final
  punctuation (or when the caller knows the headline and it opens the text);
* a caption opens with a dateline in capitals ("PARIS, FRANCE - MAY 3: ...") or
  says "(Photo: ...)" / "Photograph: ...";
* a credit is a short "Name/Agency", "Photo: Agency" or "(Getty Images)" line;
* boilerplate speaks to the reader about the site: comments, sharing,
  newsletters, subscriptions, cookies, copyright.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schema.model import Block, BlockKind

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_MONTHS = (
    "JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    "|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC"
)
CAPTION_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'’-]+(?:,\s*[A-Z][A-Z .'’-]+)*)\s*[-–—]\s*"
    rf"(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?\s*:"
)
# "PARIS (AP) — ", "BRUSSELS - ", or the agency alone: "(Reuters) - ".
WIRE_DATELINE = re.compile(
    r"^(?=[A-Z(])(?:(?P<place>[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][A-Za-z.'’-]+"
    r"(?: [A-Z][A-Za-z.'’-]+)*)?)\s*)?(?:\((?P<agency>[^)]{2,40})\))?\s*[-–—]+\s+"
    # or a place in title case before a spaced dash: "Springfield – Several thousand ..."
    r"|^(?P<titled>[A-Z][a-z]+(?: [A-Z][a-z]+)?) [–—] (?=[A-Z])"
)
_CAPTION_HINT = re.compile(r"\((?:photo|picture|image)\b|^(?:photograph|picture|image)\s*:", re.I)
_CREDIT = re.compile(
    r"^\(?(?:(?:photo(?:graph)?|picture|image|credit)s?\s*(?:by|:)\s*)?"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*/\s*[A-Z][\w&.'’ -]{1,40}\)?$"
    r"|^\(?(?:photo(?:graph)?|picture|image|credit)s?\s*(?:by|:)\s*[A-Z][^.!?]{1,60}\)?$",
    re.I,
)
_BOILERPLATE = re.compile(
    r"\b(?:comment(?:s|ing)?|newsletter|subscribe|subscription|sign[ -]?up|share (?:this|on)"
    r"|click here|follow us|cookies?|all rights reserved|copyright|advertisement"
    r"|support (?:our|us)|donate|read more|related (?:articles|stories)|let us know)\b",
    re.I,
)
_READER = re.compile(r"\b(?:you|your|you're|us|our)\b|^(?:share|sign|follow|subscribe|click|"
                     r"read|join|download|get)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…:\"”’)]$")


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        yield from _trimmed(text, pos, brk.start())
        pos = brk.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for line in text[start:end].split("\n"):
        out.extend(_trimmed(text, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_credit(line: str) -> bool:
    return len(line) <= 80 and bool(_CREDIT.match(line.strip()))


def is_caption(paragraph: str) -> bool:
    return bool(CAPTION_DATELINE.match(paragraph) or _CAPTION_HINT.search(paragraph))


def is_boilerplate(paragraph: str) -> bool:
    words = paragraph.split()
    if len(words) > 60 or any(q in paragraph for q in "“”\""):
        return False
    return bool(_BOILERPLATE.search(paragraph)) and (
        bool(_READER.search(paragraph)) or len(words) <= 8
    )


def looks_like_headline(paragraph: str) -> bool:
    words = paragraph.split()
    return (
        "\n" not in paragraph
        and 2 <= len(words) <= 25
        and not _SENTENCE_END.search(paragraph.rstrip())
    )


def _split_credits(text: str, start: int, end: int) -> list[tuple[BlockKind | None, int, int]]:
    """Split a paragraph so that credit lines stand alone."""
    lines = _lines(text, start, end)
    if len(lines) == 1:
        return [(None, start, end)]
    out: list[tuple[BlockKind | None, int, int]] = []
    run_start: int | None = None
    run_end = start
    for ls, le in lines:
        if is_credit(text[ls:le]):
            if run_start is not None:
                out.append((None, run_start, run_end))
                run_start = None
            out.append((BlockKind.CREDIT, ls, le))
        else:
            run_start = ls if run_start is None else run_start
            run_end = le
    if run_start is not None:
        out.append((None, run_start, run_end))
    return out


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines that each end a sentence are paragraphs of their own (text without blank
    lines between paragraphs); hard-wrapped prose stays one paragraph."""
    lines = _lines(text, start, end)
    if len(lines) < 2:
        return [(start, end)]
    ended = sum(1 for s, e in lines[:-1] if _LINE_END.search(text[s:e]))
    first_is_title = looks_like_headline(text[lines[0][0] : lines[0][1]])
    if ended + first_is_title >= len(lines) - 1 and ended >= 1:
        return lines
    return [(start, end)]


_LINE_END = re.compile(r"[.!?…:\"”’)]$")


def segment(text: str, headline: str | None = None) -> tuple[Block, ...]:
    """The blocks of ``text`` in order; spans point into ``text``."""
    pieces: list[tuple[BlockKind | None, int, int]] = []
    for start, end in _paragraphs(text):
        for forced, bs, be in _split_credits(text, start, end):
            if forced is not None or is_caption(text[bs:be]):
                pieces.append((forced, bs, be))
                continue
            pieces.extend((None, ls, le) for ls, le in _split_lines(text, bs, be))
    blocks: list[Block] = []
    for index, (forced, bs, be) in enumerate(pieces):
        blocks.append(Block(forced or _classify(text[bs:be], index, headline), bs, be))
    return tuple(blocks)


def _classify(paragraph: str, index: int, headline: str | None) -> BlockKind:
    if index == 0 and (
        (headline is not None and paragraph.strip() == headline.strip())
        or (headline is None and looks_like_headline(paragraph))
    ):
        return BlockKind.HEADLINE
    if is_credit(paragraph):
        return BlockKind.CREDIT
    if is_caption(paragraph):
        return BlockKind.CAPTION
    if is_boilerplate(paragraph):
        return BlockKind.BOILERPLATE
    return BlockKind.BODY

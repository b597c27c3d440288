"""The working state of one extraction: parsed blocks, entity drafts, mentions.

Drafts are mutable while the rules run; :mod:`loaders.extraction` freezes them
into the ``schema`` dataclasses at the end.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from schema.model import Article, Block, BlockKind, Evidence

PERSON = "person"
ORGANISATION = "organisation"
LOCATION = "location"


@dataclass(eq=False)
class Draft:
    """An entity being built: a person, organisation or location."""

    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    honorific: str | None = None
    gender: str | None = None
    anonymous: bool = False
    label: str = ""
    loc_kind: str | None = None
    within: Draft | None = None
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    mentions: list[Evidence] = field(default_factory=list)
    id: str = ""

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.split())
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(frozen=True)
class Parsed:
    """A block of the article and its spaCy doc (offsets relative to the block)."""

    index: int
    block: Block
    doc: Doc
    base: int  # article offset of the doc's first character (after a caption's dateline)

    def start(self, token: Token) -> int:
        return self.base + token.idx

    def end(self, token: Token) -> int:
        return self.base + token.idx + len(token.text)

    def span_offsets(self, span: Span) -> tuple[int, int]:
        return self.base + span.start_char, self.base + span.end_char


@dataclass(eq=False)
class Mention:
    draft: Draft
    start: int
    end: int
    block: int
    in_quote: bool = False
    subject: bool = False


@dataclass
class Analysis:
    article: Article
    parsed: list[Parsed]
    anchor: dt.date | None = None
    caption_anchor: dt.date | None = None
    dateline_places: list[str] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    token_entity: dict[tuple[int, int], Draft] = field(default_factory=dict)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    main_city: Draft | None = None
    title_holders: list[tuple[str, Draft]] = field(default_factory=list)
    inferred_roles: list[tuple[Draft, str, int, int]] = field(default_factory=list)
    context_country: str | None = None
    warnings: list[str] = field(default_factory=list)

    # -- evidence -------------------------------------------------------
    def evidence(self, start: int, end: int) -> Evidence:
        text = self.article.text
        s_start, s_end = self.sentence_bounds(start, end)
        return Evidence(start=start, end=end, text=text[start:end],
                        sentence=text[s_start:s_end], sentence_start=s_start,
                        sentence_end=s_end)

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        for parsed in self.parsed:
            block = parsed.block
            if parsed.base <= start < block.end:
                for sent in parsed.doc.sents:
                    s, e = parsed.span_offsets(sent)
                    if s <= start < e:
                        return s, max(e, min(end, block.end))
        for block in self.article.blocks:
            if block.start <= start < block.end:
                return block.start, block.end
        return start, end

    # -- mentions -------------------------------------------------------
    def add_mention(self, draft: Draft, parsed: Parsed | None, start: int, end: int,
                    tokens: range | None = None, subject: bool = False) -> None:
        block = parsed.index if parsed is not None else -1
        mention = Mention(draft, start, end, block, self.in_quote(start), subject)
        keys = [m.start for m in self.mentions]
        self.mentions.insert(bisect_right(keys, start), mention)
        draft.mentions.append(self.evidence(start, end))
        if parsed is not None and tokens is not None:
            for i in tokens:
                self.token_entity[(parsed.index, i)] = draft

    def forget(self, draft: Draft) -> None:
        """Drop ``draft`` and its mentions: it was not an entity after all."""
        self.mentions = [m for m in self.mentions if m.draft is not draft]
        for key, value in list(self.token_entity.items()):
            if value is draft:
                del self.token_entity[key]
        self.drafts.remove(draft)

    def merge(self, draft: Draft, target: Draft) -> None:
        """Move every mention of ``draft`` to ``target`` and drop ``draft``."""
        target.mentions.extend(draft.mentions)
        for mention in self.mentions:
            if mention.draft is draft:
                mention.draft = target
        for key, value in list(self.token_entity.items()):
            if value is draft:
                self.token_entity[key] = target
        self.drafts.remove(draft)

    def in_quote(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.quotes)

    def entity_of(self, parsed: Parsed, token: Token) -> Draft | None:
        return self.token_entity.get((parsed.index, token.i))

    def anchor_for(self, parsed: Parsed) -> dt.date | None:
        """Captions date from their own dateline; the rest from the publication date."""
        if parsed.block.kind == BlockKind.CAPTION and self.caption_anchor is not None:
            return self.caption_anchor
        return self.anchor

    def told_sentences(self) -> Iterator[tuple[Parsed, Span]]:
        """Every sentence of the body and the captions, with its block."""
        for parsed in self.parsed:
            if parsed.block.kind in (BlockKind.BODY, BlockKind.CAPTION):
                for sent in parsed.doc.sents:
                    yield parsed, sent

    def credits(self) -> Iterator[tuple[Block, str]]:
        """The photo-credit lines, with their text."""
        for block in self.article.blocks:
            if block.kind == BlockKind.CREDIT:
                yield block, self.article.text[block.start : block.end]

    def body_blocks(self) -> list[Parsed]:
        return [p for p in self.parsed if p.block.kind != BlockKind.HEADLINE]

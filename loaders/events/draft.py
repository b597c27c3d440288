"""An event being built: its kind, words, place, date, participants and evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.analysis import Draft
from schema.model import Quantity


@dataclass
class EventDraft:
    kind: str
    summary: str
    start: int
    end: int
    block: int
    location: Draft | None = None
    place_stated: bool = False
    date: str | None = None
    date_text: str | None = None
    participants: list[tuple[Draft, str]] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    aside: bool = False  # told in a relative clause ("..., which killed 346 people")

"""Serialise an extraction: the evaluation shape of EVALUATION.md, or the full JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any

from schema.model import Extraction


def _names(extraction: Extraction) -> dict[str, str]:
    names: dict[str, str] = {}
    for group in (extraction.people, extraction.organisations, extraction.locations):
        for entity in group:
            names[entity.id] = entity.name
    return names


def to_eval(extraction: Extraction) -> dict[str, Any]:
    """The JSON document of ``shared/EVALUATION.md`` for one article."""
    names = _names(extraction)

    def name(ref: str | None) -> str | None:
        return names.get(ref) if ref else None

    return {
        "people": [
            {"name": p.name, "aliases": list(p.aliases), "anonymous": p.anonymous,
             **({"honorific": p.honorific} if p.honorific else {})}
            for p in extraction.people
        ],
        "organisations": [{"name": o.name, "aliases": list(o.aliases)}
                          for o in extraction.organisations],
        "locations": [
            {"name": loc.name, "within": name(loc.within), "aliases": list(loc.aliases)}
            for loc in extraction.locations if loc.mentions
        ],
        "roles": [
            {"person": name(r.person), "title": r.title, "organisation": name(r.organisation),
             "status": r.status.value}
            for r in extraction.roles
        ],
        "statements": [
            {"speaker": name(s.speaker), "quote": s.text, "kind": s.kind.value,
             **({"audience": name(s.audience)} if s.audience else {}),
             **({"when": s.when} if s.when else {})}
            for s in extraction.statements
        ],
        "events": [
            {"summary": e.summary, "kind": e.kind, "when": e.date or e.date_text,
             "where": name(e.location),
             "participants": [n for p in e.participants if (n := name(p.entity))]}
            for e in extraction.events
        ],
    }


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def to_json(extraction: Extraction) -> dict[str, Any]:
    """The full extraction with ids and evidence spans, as JSON-ready data."""
    data: dict[str, Any] = _plain(extraction)
    return data

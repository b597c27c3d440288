"""An :class:`~schema.model.Extraction` as JSON text and back, losslessly.

The graph keeps each article's extraction as it came from the loaders (before any
curation decision applied to it), so that a merge, a split or the undoing of one
can write the article again from its evidence without running spaCy again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import types
import typing
from typing import Any

from schema.model import Evidence, Extraction

_HINTS: dict[type, dict[str, Any]] = {}
_FIELDS: dict[type, tuple[str, ...]] = {}


def extraction_to_json(extraction: Extraction, *, with_text: bool = True) -> str:
    """Compact JSON of every field (tuples as lists, enums as values, dates as ISO).

    A piece of evidence is written as its offsets: its ``text`` and ``sentence`` only
    when they are not the article's characters at those offsets (they always are for
    what the loaders extract). ``with_text=False`` leaves the article's text out
    (the graph keeps it on the Article node); :func:`extraction_from_json` then needs
    it back.
    """
    text = extraction.article.text
    plain = _Plain(text)(extraction)
    if not with_text:
        plain["article"]["text"] = ""
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


def extraction_from_json(data: str, text: str | None = None) -> Extraction:
    """The extraction :func:`extraction_to_json` wrote (``ValueError`` on other JSON);
    ``text`` is the article's text when it was written without it."""
    payload = json.loads(data)
    if not isinstance(payload, dict) or not isinstance(payload.get("article"), dict):
        raise ValueError("not an extraction")
    if text is not None:
        payload["article"]["text"] = text
    article_text = payload["article"].get("text") or ""
    value = _build(Extraction, payload, article_text)
    if not isinstance(value, Extraction):  # pragma: no cover - _build returns its type
        raise ValueError("not an extraction")
    return value


class _Plain:
    """Dataclasses -> JSON-ready values, with evidence as offsets into ``text``."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, value: Any) -> Any:
        if isinstance(value, Evidence):
            return self.evidence(value)
        if isinstance(value, tuple | list):
            return [self(item) for item in value]
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, dt.date):
            return value.isoformat()
        names = _FIELDS.get(type(value))
        if names is None:
            if not dataclasses.is_dataclass(value) or isinstance(value, type):
                return value
            names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        return {name: self(getattr(value, name)) for name in names}

    def evidence(self, evidence: Evidence) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": evidence.start,
            "end": evidence.end,
            "sentence_start": evidence.sentence_start,
            "sentence_end": evidence.sentence_end,
        }
        if evidence.text != self.text[evidence.start : evidence.end]:
            out["text"] = evidence.text
        if evidence.sentence != self.text[evidence.sentence_start : evidence.sentence_end]:
            out["sentence"] = evidence.sentence
        return out


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _build(hint: Any, value: Any, text: str) -> Any:
    if value is None:
        return None
    if hint is Evidence and isinstance(value, dict):
        value = {
            "text": text[value.get("start", 0) : value.get("end", 0)],
            "sentence": text[value.get("sentence_start", 0) : value.get("sentence_end", 0)],
            **value,
        }
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _build(options[0], value, text)
    if origin is tuple:
        (item, *_) = typing.get_args(hint)
        return tuple(_build(item, element, text) for element in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise ValueError(f"expected an object for {hint.__name__}")
        hints = _hints(hint)
        fields = {f.name for f in dataclasses.fields(hint)}
        return hint(**{
            name: _build(hints[name], item, text)
            for name, item in value.items() if name in fields
        })
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if hint is float and isinstance(value, int):
        return float(value)
    return value

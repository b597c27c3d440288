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

from schema.model import Extraction

_HINTS: dict[type, dict[str, Any]] = {}


def extraction_to_json(extraction: Extraction) -> str:
    """Compact JSON of every field (tuples as lists, enums as values, dates as ISO)."""
    return json.dumps(_plain(extraction), ensure_ascii=False, separators=(",", ":"))


def extraction_from_json(text: str) -> Extraction:
    """The extraction :func:`extraction_to_json` wrote (``ValueError`` on other JSON)."""
    value = _build(Extraction, json.loads(text))
    if not isinstance(value, Extraction):  # pragma: no cover - _build returns its type
        raise ValueError("not an extraction")
    return value


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _build(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _build(options[0], value)
    if origin is tuple:
        (item, *_) = typing.get_args(hint)
        return tuple(_build(item, element) for element in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise ValueError(f"expected an object for {hint.__name__}")
        hints = _hints(hint)
        fields = {f.name for f in dataclasses.fields(hint)}
        return hint(**{
            name: _build(hints[name], item) for name, item in value.items() if name in fields
        })
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(value)
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if hint is float and isinstance(value, int):
        return float(value)
    return value

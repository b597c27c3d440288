"""Dates: caption datelines, explicit dates and words relative to an anchor date.

``resolve("yesterday", date(2017, 9, 16)) == "2017-09-15"``; a weekday name is
the latest such day on or before the anchor; a date without a year takes the
anchor's year. Without an anchor only explicit full dates resolve.
"""

from __future__ import annotations

import datetime as dt
import re

from loaders.structure import CAPTION_DATELINE

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_MDY = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.I,
)
_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})\.?(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.I,
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_RELATIVE = {"today": 0, "tonight": 0, "this morning": 0, "yesterday": -1, "last night": -1,
             "tomorrow": 1}
_AGE = re.compile(r"^\d{1,3}[- ]years?[- ]old$|^aged? \d{1,3}$", re.I)


def is_age(text: str) -> bool:
    """``"18-year-old"`` is an age, not a date."""
    return bool(_AGE.match(text.strip()))


def dateline_date(caption: str, fallback_year: int | None = None) -> dt.date | None:
    """The date of a caption dateline ("LONDON, ENGLAND - SEPTEMBER 16: ... 2017")."""
    match = CAPTION_DATELINE.match(caption)
    if not match:
        return None
    year = int(match["year"]) if match["year"] else None
    if year is None:
        found = re.search(r"\b(19|20)\d{2}\b", caption)
        year = int(found.group(0)) if found else fallback_year
    if year is None:
        return None
    return _safe_date(year, MONTHS[match["month"].lower()], int(match["day"]))


def dateline_places(caption: str) -> list[str]:
    """The places of a caption dateline, title-cased: ``["London", "England"]``."""
    match = CAPTION_DATELINE.match(caption)
    if not match:
        return []
    return [part.strip().title() for part in match["place"].split(",") if part.strip()]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _explicit(text: str, anchor: dt.date | None) -> dt.date | None:
    iso = _ISO.search(text)
    if iso:
        return _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    for pattern in (_MDY, _DMY):
        match = pattern.search(text)
        if match:
            year = int(match["year"]) if match["year"] else (anchor.year if anchor else None)
            if year is None:
                return None
            return _safe_date(year, MONTHS[match["month"].lower()], int(match["day"]))
    return None


def resolve(text: str, anchor: dt.date | None) -> str | None:
    """An ISO date for ``text`` when it can be resolved, else None."""
    if is_age(text):
        return None
    explicit = _explicit(text, anchor)
    if explicit:
        return explicit.isoformat()
    if anchor is None:
        return None
    lowered = text.lower()
    lowered = re.sub(r"^(?:on|last|this|early|late)\s+", "", lowered.strip())
    for word, offset in _RELATIVE.items():
        if word in lowered:
            return (anchor + dt.timedelta(days=offset)).isoformat()
    for number, day in enumerate(WEEKDAYS):
        if re.search(rf"\b{day}\b", lowered):
            back = (anchor.weekday() - number) % 7
            return (anchor - dt.timedelta(days=back)).isoformat()
    return None

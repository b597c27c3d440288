"""Dates: datelines, explicit dates and relative words."""

from __future__ import annotations

import datetime as dt

from loaders.dates import dateline_date, dateline_places, is_age, resolve

ANCHOR = dt.date(2017, 9, 16)  # a Saturday


def test_dateline() -> None:
    caption = "LONDON, ENGLAND - SEPTEMBER 16: A man walks on September 16, 2017 in London."
    assert dateline_date(caption) == ANCHOR
    assert dateline_places(caption) == ["London", "England"]


def test_relative_words() -> None:
    assert resolve("yesterday", ANCHOR) == "2017-09-15"
    assert resolve("Thursday", ANCHOR) == "2017-09-14"
    assert resolve("today", ANCHOR) == "2017-09-16"
    assert resolve("Thursday", None) is None


def test_explicit_dates() -> None:
    assert resolve("September 16, 2017", None) == "2017-09-16"
    assert resolve("3 March", ANCHOR) == "2017-03-03"
    assert resolve("2020-01-02", None) == "2020-01-02"


def test_ages_are_not_dates() -> None:
    assert is_age("18-year-old")
    assert resolve("18-year-old", ANCHOR) is None

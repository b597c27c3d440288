"""Word lists of the extraction rules, kept as data: one concept per file.

Each ``NAME.txt`` beside this module holds one entry per line (a word or a
phrase, lower-case unless case matters); ``#`` starts a comment. Files whose
entries map to a value (``NAME.tsv``) hold ``entry<TAB>value`` per line.
Every file is read once, on first use, and the result is cached.

    words("title_heads") -> frozenset[str]
    mapping("verb_triggers") -> dict[str, str]
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(filename: str) -> list[str]:
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    out: list[str] = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return out


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``NAME.txt`` as a set."""
    return frozenset(" ".join(line.split()) for line in _lines(f"{name}.txt"))


@cache
def mapping(name: str) -> dict[str, str]:
    """The ``entry<TAB>value`` lines of ``NAME.tsv`` as a dict (first entry wins)."""
    out: dict[str, str] = {}
    for line in _lines(f"{name}.tsv"):
        key, _, value = line.partition("\t")
        if not value:
            raise ValueError(f"loaders/lexicon/{name}.tsv: no tab-separated value in {line!r}")
        out.setdefault(key.strip(), value.strip())
    return out


__all__ = ["mapping", "words"]

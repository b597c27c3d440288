"""Sports teams: "the Browns", "Cleveland Browns", and "Cleveland" before a player's
position ("Cleveland quarterback Jane Roe") name one team, by its full name.

Team nicknames are ordinary words elsewhere ("the Giants of industry", "Senators
voted"), so a nickname names a team only in an article about its league: one that
names the league ("NFL"), one of its teams in full, or two of its teams and a game.
A full name ("Pittsburgh Steelers") is a team wherever it stands. A city names a
team only right before a position ("Pittsburgh center", "Cleveland DL"), and only
when one team of the article's leagues plays there; everywhere else the city stays a
place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from loaders import lexicon
from loaders.analysis import Analysis, Parsed
from loaders.titles import POSITION_ABBREVIATIONS, POSITIONS, TITLE_HEADS


@dataclass(frozen=True)
class Team:
    city: str
    nickname: str
    league: str

    @property
    def name(self) -> str:
        return f"{self.city} {self.nickname}"


@cache
def _teams() -> tuple[Team, ...]:
    out: list[Team] = []
    for key, league in lexicon.mapping("sports_teams").items():
        city, _, nickname = key.partition("|")
        out.append(Team(city, nickname, league))
    return tuple(out)


_LEAGUES = lexicon.mapping("sports_leagues")
_SPORTS_WORDS = lexicon.words("sports_words")


@dataclass
class TeamMention:
    """Tokens ``start:end`` of a parsed block that name ``team``."""

    team: Team
    parsed: Parsed
    start: int
    end: int


def _words_at(doc: Doc, i: int, words: list[str]) -> bool:
    return i + len(words) <= len(doc) and all(
        doc[i + n].text == word for n, word in enumerate(words))


def _leagues_in(analysis: Analysis) -> set[str]:
    """The leagues an article is about: named, one of their teams named in full, or two
    of their teams named in an article about a game ("season", "coach", "scored")."""
    text = analysis.article.text
    leagues = {league for name, league in _LEAGUES.items()
               if re.search(rf"\b{re.escape(name)}\b", text)}
    seen: dict[str, set[str]] = {}
    for team in _teams():
        if re.search(rf"\b{re.escape(team.nickname)}\b", text):
            seen.setdefault(team.league, set()).add(team.nickname)
    full = {team.league for team in _teams() if team.name in text}
    words = set(re.findall(r"[a-z]+", text.lower()))
    paired = {league for league, names in seen.items() if len(names) >= 2} \
        if words & _SPORTS_WORDS else set()
    return leagues | full | paired


def position_at(doc: Doc, i: int) -> int:
    """How many words from ``i`` name a player's position ("center", "DL", "pass
    rusher"): 0 when none do."""
    if i + 1 < len(doc) and f"{doc[i].lower_} {doc[i + 1].lower_}" in POSITIONS:
        return 2
    if i < len(doc) and (doc[i].text in POSITION_ABBREVIATIONS or (
            doc[i].lower_ in TITLE_HEADS and doc[i].text.islower())):
        return 1
    return 0


def _before_position(doc: Doc, end: int) -> bool:
    """The words after a city are a position and a name ("center Jane Roe", "pass
    rusher Jane Roe", "DL Jane Roe")."""
    width = position_at(doc, end)
    return width > 0 and end + width < len(doc) and doc[end + width].text[:1].isupper()


def find_teams(analysis: Analysis) -> list[TeamMention]:
    """Every mention of a team in the article's blocks, longest first where they overlap."""
    leagues = _leagues_in(analysis)
    out: list[TeamMention] = []
    for parsed in analysis.parsed:
        doc = parsed.doc
        i = 0
        while i < len(doc):
            found = _team_at(doc, i, leagues)
            if found is None:
                i += 1
                continue
            team, width = found
            out.append(TeamMention(team, parsed, i, i + width))
            i += width
    return out


@cache
def _by_first_word() -> dict[str, list[tuple[list[str], Team, str]]]:
    """(words, team, how) by first word; how: "name", "nickname" or "city"."""
    index: dict[str, list[tuple[list[str], Team, str]]] = {}
    for team in _teams():
        for how, words in (("name", team.name.split()), ("nickname", team.nickname.split()),
                           ("city", team.city.split())):
            index.setdefault(words[0], []).append((words, team, how))
    return index


def _team_at(doc: Doc, i: int, leagues: set[str]) -> tuple[Team, int] | None:
    here = [(words, team, how) for words, team, how in _by_first_word().get(doc[i].text, ())
            if _words_at(doc, i, words)]
    for words, team, how in here:  # the full name: always a team
        if how == "name":
            return team, len(words)
    nicknames = [(words, team) for words, team, how in here
                 if how == "nickname" and team.league in leagues]
    if len(nicknames) == 1:
        return nicknames[0][1], len(nicknames[0][0])
    cities = [(words, team) for words, team, how in here
              if how == "city" and team.league in leagues]
    if len(cities) == 1 and _before_position(doc, i + len(cities[0][0])):
        return cities[0][1], len(cities[0][0])
    return None


__all__ = ["Team", "TeamMention", "find_teams", "position_at"]

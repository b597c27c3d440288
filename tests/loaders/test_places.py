"""Locations: containment, country aliases, coordinates, unresolved places."""

from __future__ import annotations

from .conftest import Extract, names


def test_explicit_containment_and_gazetteer(run: Extract) -> None:
    ex = run("Police were called to a house in Swansea, Wales. Officers from Cardiff helped.")
    places = {loc.name: loc for loc in ex.locations}
    assert places["Swansea"].within == "location/wales"
    assert places["Wales"].within == "location/united-kingdom"
    assert places["Cardiff"].kind == "city"
    assert places["Cardiff"].latitude is not None


def test_country_aliases_are_one_place(run: Extract) -> None:
    ex = run("The UK and Britain's allies met. The United Kingdom will host the next summit.")
    uk = [loc for loc in ex.locations if loc.name == "United Kingdom"]
    assert len(uk) == 1
    assert {"UK", "Britain"} <= set(uk[0].aliases)
    assert uk[0].within is None


def test_ambiguous_city_prefers_the_article_country(run: Extract) -> None:
    ex = run("The storm hit Kent in England. Flooding closed roads in Dover, Kent and in "
             "Folkestone, England.")
    dover = next(loc for loc in ex.locations if loc.name == "Dover")
    assert dover.latitude is not None and 50 < dover.latitude < 52


def test_most_populous_candidate_without_context(run: Extract) -> None:
    ex = run("Tourists returned to Paris this summer.")
    paris = next(loc for loc in ex.locations if loc.name == "Paris")
    assert paris.within == "location/france"


def test_small_foreign_town_is_not_guessed(run: Extract) -> None:
    ex = run("LONDON, ENGLAND - JUNE 2: Crowds gather on June 2, 2022 in London, England.\n\n"
             "Marchers walked along Whitehall to Trafalgar Square in London.")
    whitehall = next(loc for loc in ex.locations if loc.name == "Whitehall")
    assert whitehall.latitude is None
    assert whitehall.within == "location/london"


def test_unresolved_place_stays_unresolved(run: Extract) -> None:
    ex = run("Rescuers reached the village of Zarqit Vale after the flood.")
    for loc in ex.locations:
        if loc.kind is None:
            assert loc.latitude is None and loc.within is None


def test_area_modifier_makes_a_region(run: Extract) -> None:
    ex = run("The policy is new on mainland Britain.")
    region = next(loc for loc in ex.locations if loc.name == "mainland Britain")
    assert region.within == "location/united-kingdom"


def test_a_us_city_lies_in_its_state_and_the_state_in_the_country(run: Extract) -> None:
    ex = run("The mood in Westminster was grim, residents said.")
    places = {loc.id: loc for loc in ex.locations}
    assert all(loc.name for loc in ex.locations)
    city = places["location/westminster"]
    assert city.within == "location/colorado"
    assert places["location/colorado"].within == "location/united-states"


def test_a_name_never_put_anywhere_that_acts_is_an_organisation(run: Extract) -> None:
    ex = run("Streaming Wars\n\nViewers left Cablevia for Streamora last year. Streamora said "
             "it signed up ten million people.")
    assert "Streamora" not in names(ex.locations)


def test_a_place_named_in_a_list_after_in_stays_a_place(run: Extract) -> None:
    ex = run("Storms\n\nHeavy rain fell in Marin, Napa and Sonoma counties on Tuesday, and "
             "across Europe.")
    assert "Europe" in names(ex.locations)


def test_two_countries_joined_by_a_hyphen_are_two_places(run: Extract) -> None:
    ex = run("Trade\n\nThe US-China trade war has weighed on markets.")
    assert {"United States", "China"} <= set(names(ex.locations))
    assert not any("-" in n for n in names(ex.locations))


def test_a_named_building_is_a_landmark_place(run: Extract) -> None:
    ex = run("Protest\n\nThousands of nurses surrounded the Ohio Statehouse on Tuesday. Nurses "
             "lined the entrances to the Statehouse.")
    assert "Ohio Statehouse" in names(ex.locations)
    assert "Ohio Statehouse" not in names(ex.organisations)


def test_names_before_a_plural_area_word_are_one_place_each(run: Extract) -> None:
    ex = run("Floods\n\nWarnings were issued for Marlow and Dunmore counties on Sunday.")
    assert {"Marlow County", "Dunmore County"} <= set(names(ex.locations))
    assert "Marlow and Dunmore" not in names(ex.organisations) + names(ex.locations)

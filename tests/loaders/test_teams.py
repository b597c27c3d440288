"""Sports teams: nicknames and cities before a position name one team by its full name,
only in an article about its league; the players' positions are their roles there."""

from __future__ import annotations

from .conftest import Extract

GAME = ("Bears beat Packers in overtime\n\n"
        "The Bears beat the Packers 27-24 on Sunday. Chicago running back Dale Wren scored "
        "twice, and Packers QB Hal Dorsey was sacked four times. The NFL said it would review "
        "a late hit by Green Bay linebacker Rob Tellen.")


def test_nicknames_and_cities_name_the_teams(run: Extract) -> None:
    ex = run(GAME)
    orgs = {o.name: set(o.aliases) for o in ex.organisations}
    assert {"Chicago Bears", "Green Bay Packers"} <= set(orgs)
    assert {"Bears", "Chicago"} <= orgs["Chicago Bears"]
    assert "Green Bay" in orgs["Green Bay Packers"]
    assert "Chicago" not in {loc.name for loc in ex.locations}


def test_players_positions_are_roles_at_their_teams(run: Extract) -> None:
    ex = run(GAME)
    people = {p.id: p.name for p in ex.people}
    orgs = {o.id: o.name for o in ex.organisations}
    roles = {(people[r.person], r.title, orgs.get(r.organisation or "")) for r in ex.roles}
    assert ("Dale Wren", "Running Back", "Chicago Bears") in roles
    assert ("Hal Dorsey", "QB", "Green Bay Packers") in roles
    assert ("Rob Tellen", "Linebacker", "Green Bay Packers") in roles


def test_a_nickname_outside_sports_news_is_no_team(run: Extract) -> None:
    ex = run("Senators met the Giants of the tech industry in Ottawa on Monday to talk about "
             "rules for the Jets that fly over the city.")
    assert not any(o.name in ("Ottawa Senators", "New York Giants", "Winnipeg Jets")
                   for o in ex.organisations)
    assert "Ottawa" in {loc.name for loc in ex.locations}


def test_a_city_that_is_not_before_a_position_stays_a_place(run: Extract) -> None:
    ex = run("The Steelers and the Browns meet again in Pittsburgh next month, the NFL said.")
    assert "Pittsburgh" in {loc.name for loc in ex.locations}
    assert {"Pittsburgh Steelers", "Cleveland Browns"} <= {o.name for o in ex.organisations}

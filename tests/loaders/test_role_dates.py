"""When a role began, as the sentence stating it says ("appointed in 2017")."""

from __future__ import annotations

from .conftest import Extract


def _since(run: Extract, text: str) -> dict[str, str | None]:
    ex = run(text)
    people = {p.id: p.name for p in ex.people}
    return {f"{people[r.person]}: {r.title}": r.since for r in ex.roles}


def test_an_appointment_year_in_the_role_sentence_is_when_it_began(run: Extract) -> None:
    found = _since(run, "Marta Olsen, the chief executive of Nordvik Shipping who was "
                        "appointed in 2017, said freight rates had doubled.")
    assert found == {"Marta Olsen: Chief Executive": "2017"}
    found = _since(run, "Nordvik Shipping appointed Marta Olsen as its chief executive in 2017.")
    assert found == {"Marta Olsen: Chief Executive": "2017"}


def test_since_a_month_and_year(run: Extract) -> None:
    found = _since(run, "Tomas Berg, chairman of Lakeside Rowing Club since March 2019, "
                        "welcomed the new boats.")
    assert list(found.values()) == ["2019-03"]


def test_a_date_that_is_not_when_the_role_began_is_not_taken(run: Extract) -> None:
    found = _since(run, "Ines Duarte, the mayor of Porto Alegre, said on 3 May 2018 that "
                        "the buses would run all night.")
    assert found and set(found.values()) == {None}
    found = _since(run, "Ines Duarte, the mayor of Porto Alegre, said the buses would run all "
                        "night from 2018.")
    assert found and set(found.values()) == {None}

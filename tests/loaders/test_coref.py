"""Rule-based coreference: pronouns and definite descriptions."""

from __future__ import annotations

from .conftest import Extract


def test_the_force_and_the_capital(run: Extract) -> None:
    ex = run("Greater Manchester Police said crime fell in Manchester last year. A spokesman "
             "for the force said the capital of the north was safer. Knife crime in the city "
             "fell too.")
    police = next(o for o in ex.organisations if o.name == "Greater Manchester Police")
    assert "the force" in police.aliases
    city = next(loc for loc in ex.locations if loc.name == "Manchester")
    assert "the city" in city.aliases


def test_company_description_prefers_the_salient_company(run: Extract) -> None:
    ex = run("Brightline Energy posted a loss. Brightline Energy blamed prices. Its chief "
             "executive, who joined from Shell in 2020, said the company would recover.")
    firm = next(o for o in ex.organisations if o.name == "Brightline Energy")
    assert "the company" in firm.aliases


def test_pronoun_speakers_follow_gender(run: Extract) -> None:
    ex = run("Mr Tom Reed met Ms Ana Cruz on Monday. She said the deal was close. He said "
             "that talks would continue.")
    speakers = {s.text: s.speaker for s in ex.statements}
    assert speakers["the deal was close"] == "person/ana-cruz"
    assert speakers["talks would continue"] == "person/tom-reed"


def test_gender_is_learnt_from_pronouns(run: Extract) -> None:
    ex = run("Sam Hill and the engineers met on Friday. She said the bridge was safe. "
             "Later, Hill said that it would reopen.")
    assert {s.speaker for s in ex.statements} == {"person/sam-hill"}


def test_it_and_they_point_to_organisations(run: Extract) -> None:
    ex = run("Northgate Bank reported higher profits on Tuesday. It said that lending had "
             "grown strongly.")
    statement = next(s for s in ex.statements if "lending" in s.text)
    assert statement.speaker == "organisation/northgate-bank"


def test_bare_police_is_the_article_force(run: Extract) -> None:
    ex = run("Avon and Somerset Police were called to a house on Friday. Police said a man "
             "had been arrested.")
    assert [o.name for o in ex.organisations] == ["Avon and Somerset Police"]
    assert ex.statements[0].speaker == "organisation/avon-and-somerset-police"

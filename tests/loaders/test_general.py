"""Patterns met in news beyond the seed: wire datelines, company cues, titled speakers."""

from __future__ import annotations

import datetime as dt

from schema.model import StatementKind

from .conftest import Extract, names


def test_wire_dateline_gives_the_agency_but_its_place_is_not_an_entity(run: Extract) -> None:
    # the annotation conventions: a dateline's place is where the story was filed
    ex = run("Quake Hits Coast\n\nLIMA (Reuters) - A strong earthquake shook the coast of Peru "
             "on Sunday, officials said.")
    assert "Lima" not in names(ex.locations)
    assert "Peru" in names(ex.locations)
    assert "Reuters" in names(ex.organisations)
    assert "LIMA" not in names(ex.organisations)


def test_a_title_case_dateline_opens_the_story_only(run: Extract) -> None:
    ex = run("Storm Hits Town\n\nRiverton – Heavy rain flooded the main road on Monday.\n\n"
             "Mayor Ann Cole – who lives in Riverton – said the town would recover.")
    dateline = ex.article.text.index("Riverton – Heavy")
    riverton = next(loc for loc in ex.locations if loc.name == "Riverton")  # named in the body
    assert dateline not in [m.start for m in riverton.mentions]
    assert "Ann Cole" in names(ex.people)


def test_company_cues_make_an_organisation(run: Extract) -> None:
    ex = run("Shares in Zentrix fell on Monday. Zentrix, the software maker, said demand was "
             "weak. Its chief executive, Mara Olsen, said: “We will recover.”")
    assert "Zentrix" in names(ex.organisations)
    assert "Zentrix" not in names(ex.people)
    role = next(r for r in ex.roles if r.person == "person/mara-olsen")
    assert role.organisation == "organisation/zentrix"


def test_title_holder_is_the_speaker(run: Extract) -> None:
    ex = run("The Chancellor, Rachel Hughes, visited Leeds on Monday. Later the chancellor "
             "said the economy was recovering.")
    statement = next(s for s in ex.statements if "economy" in s.text)
    assert statement.speaker == "person/rachel-hughes"


def test_spokesperson_for_organisation(run: Extract) -> None:
    ex = run("A spokesperson for Network Rail said the line would reopen on Friday.")
    assert ex.statements[0].speaker == "organisation/network-rail"


def test_speaker_after_a_conjoined_clause(run: Extract) -> None:
    ex = run("Nurses will strike next month unless the offer improves, the Royal College of "
             "Nursing said on Thursday.", published=dt.date(2022, 11, 11))
    statement = ex.statements[0]
    assert statement.kind == StatementKind.INDIRECT
    assert statement.speaker == "organisation/royal-college-of-nursing"
    assert statement.text.startswith("Nurses will strike next month")


def test_work_titles_are_not_places(run: Extract) -> None:
    ex = run("Niamh Walsh won the prize for her novel The Quiet Harbour on Tuesday.")
    assert "Quiet Harbour" not in names(ex.locations)
    assert "The Quiet Harbour" not in names(ex.locations)


def test_title_word_is_not_an_organisation(run: Extract) -> None:
    ex = run("Health Secretary Steve Barclay said the offer was fair. Mr Barclay left.")
    role = next(r for r in ex.roles if r.person == "person/steve-barclay")
    assert role.title == "Health Secretary"
    assert role.organisation is None
    barclay = next(p for p in ex.people if p.name == "Steve Barclay")
    assert "Mr Barclay" in barclay.aliases


def test_pound_sign_sets_the_country(run: Extract) -> None:
    ex = run("The cut saves £450 a year. Police in Westminster arrested two people.")
    westminster = next(loc for loc in ex.locations if loc.name == "Westminster")
    assert westminster.latitude is None


def test_disaster_event(run: Extract) -> None:
    ex = run("Floods in southern Brazil have killed at least 56 people, officials said.")
    event = next(e for e in ex.events if e.kind == "disaster")
    assert event.location == "location/southern-brazil"
    assert any(q.value == 56 for q in event.quantities)


def test_batch_equals_single(run: Extract, nlp: object) -> None:
    import loaders

    texts = ["Acme Holdings said on Monday it would cut 40 jobs.",
             "Jane Roe, the mayor of Leeds, said: “We are ready.”"]
    articles = [loaders.read_text(t) for t in texts]
    single = [loaders.to_eval(loaders.extract(a, nlp=nlp)) for a in articles]  # type: ignore[arg-type]
    batch = [loaders.to_eval(x) for x in loaders.extract_many(articles, nlp=nlp, batch_size=2)]  # type: ignore[arg-type]
    assert single == batch


def test_secretary_of_state_title(run: Extract) -> None:
    ex = run("US Secretary of State Antony Blinken said talks would continue.")
    role = next(r for r in ex.roles if r.person == "person/antony-blinken")
    assert role.title == "Secretary of State"
    assert "State" not in names(ex.organisations)


def test_famous_city_beats_a_local_namesake(run: Extract) -> None:
    ex = run("The US and the United States Congress praised the deal. Washington and the US "
             "welcomed it. Leaders met in Paris on Monday.")
    paris = next(loc for loc in ex.locations if loc.name == "Paris")
    assert paris.within == "location/france"


def test_court_ruling_in_a_subordinate_clause(run: Extract) -> None:
    ex = run("Ministers are angry after the Supreme Court ruled the scheme unlawful.")
    assert [e.kind for e in ex.events] == ["ruling"]


def test_speech_to_mps_is_a_hearing(run: Extract) -> None:
    ex = run("Jane Roe told MPs on Wednesday that the plan would work.")
    assert "hearing" in [e.kind for e in ex.events]


def test_relative_clause_summary_names_its_subject(run: Extract) -> None:
    ex = run("Robert Jenrick, who resigned from the government last week, spoke.")
    event = next(e for e in ex.events if e.kind == "resignation")
    assert event.summary.startswith("Robert Jenrick resigned")


def test_parties_and_houses(run: Extract) -> None:
    ex = run("Conservative MPs told the Commons on Monday that the Tories would vote against.")
    orgs = {o.name: o for o in ex.organisations}
    assert "Conservative Party" in orgs
    assert "House of Commons" in orgs
    assert "the Commons" in orgs["House of Commons"].aliases


def test_untitled_person_takes_the_title_of_a_later_description(run: Extract) -> None:
    ex = run("Rishi Sunak is facing a rebellion over his plan.\n\nThe prime minister said the "
             "law would end the legal challenges.")
    assert ex.statements[0].speaker == "person/rishi-sunak"
    role = next(r for r in ex.roles if r.person == "person/rishi-sunak")
    assert role.title == "Prime Minister"


def test_a_place_that_speaks_is_an_organisation(run: Extract) -> None:
    ex = run("The minister resigned on Friday, Downing Street said.")
    assert "Downing Street" in names(ex.organisations)
    assert ex.statements[0].speaker == "organisation/downing-street"


def test_appointed_as_title(run: Extract) -> None:
    ex = run("The Royal Opera House has appointed Jane Roe as its next music director.")
    role = next(r for r in ex.roles if r.person == "person/jane-roe")
    assert role.title == "Music Director"
    assert role.organisation == "organisation/royal-opera-house"


def test_pronoun_in_a_reported_clause_is_the_reporter(run: Extract) -> None:
    ex = run("Maria Lopez met Tom Reed on Monday. Tom Reed announced that he would step down.")
    statement = next(s for s in ex.statements if "step down" in s.text)
    assert statement.speaker == "person/tom-reed"


def test_said_in_a_statement_is_not_an_extra_event(run: Extract) -> None:
    ex = run("“We are delighted,” Jane Roe said in a statement.")
    assert [e.kind for e in ex.events] == []


def test_noun_first_organisation_and_institution_names(run: Extract) -> None:
    ex = run("A fire destroyed part of the Glasgow School of Art on Friday. Police Scotland "
             "opened an investigation into the cause of the fire.")
    orgs = names(ex.organisations)
    assert "Police Scotland" in orgs
    assert "Glasgow School of Art" in orgs
    assert sorted(e.kind for e in ex.events) == ["disaster", "investigation"]


def test_staff_title_takes_the_organisation_just_named(run: Extract) -> None:
    ex = run("Firefighters fought the blaze all night, the Scottish Fire and Rescue Service "
             "said.\n\nAssistant Chief Officer Peter Heath said crews were tired.")
    role = next(r for r in ex.roles if r.person == "person/peter-heath")
    assert role.organisation == "organisation/scottish-fire-and-rescue-service"


def test_analysts_at_an_unknown_firm_and_agreed_to_buy(run: Extract) -> None:
    ex = run("Hopwell Brewing has agreed to buy its rival Northern Craft Ales for £3bn. Analysts "
             "at Jefferies said the price was “full but fair”.")
    speakers = {s.speaker for s in ex.statements}
    assert speakers == {"organisation/jefferies"}
    assert [s.kind for s in ex.statements] == [StatementKind.DIRECT]  # a partial quote
    assert "acquisition" in [e.kind for e in ex.events]


def test_state_bodies_and_agreed_to_an_event(run: Extract) -> None:
    ex = run("Israel and Hamas agreed on Wednesday to a four-day ceasefire in Gaza and the "
             "release of 50 hostages. Qatar's foreign ministry said the ceasefire would begin "
             "on Thursday.")
    assert "Qatar's foreign ministry" in names(ex.organisations)
    assert ex.statements[0].speaker == "organisation/qatars-foreign-ministry"
    event = next(e for e in ex.events if e.kind == "ceasefire")
    assert event.location == "location/gaza"
    assert [e.kind for e in ex.events] == ["ceasefire"]

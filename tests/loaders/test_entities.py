"""People, organisations and locations, with the repairs made to the small model."""

from __future__ import annotations

from spacy.language import Language

from .conftest import Extract, names


def test_place_plus_noun_is_an_organisation(run: Extract) -> None:
    ex = run("The mayor spoke to the Leeds assembly on Monday. Kent County Council agreed.")
    orgs = names(ex.organisations)
    assert any(n.lower() == "leeds assembly" for n in orgs)
    assert "Kent County Council" in orgs


def test_titles_and_honorifics_around_names(run: Extract) -> None:
    ex = run("Deputy Chief Constable Dame Alice Grey opened the inquiry. Dame Alice said little.")
    person = next(p for p in ex.people if p.name == "Alice Grey")
    assert person.honorific == "Dame"
    assert "Dame Alice Grey" in person.aliases


def test_credit_line_person_and_agency(run: Extract) -> None:
    ex = run("Crowds gathered in the square on Sunday.\nMia Wong/AFP\n\nMore people came later.")
    assert "Mia Wong" in names(ex.people)
    assert "Agence France-Presse" in names(ex.organisations)
    agency = next(o for o in ex.organisations if o.name == "Agence France-Presse")
    assert "AFP" in agency.aliases


def test_station_is_a_place(run: Extract) -> None:
    ex = run("Commuters were evacuated from Kings Heath station in Birmingham on Friday.")
    station = next(loc for loc in ex.locations if loc.name == "Kings Heath station")
    assert station.kind == "station"


def test_ages_are_not_dates_and_per_cent_is_not_money(nlp: Language) -> None:
    doc = nlp("A 23-year-old woman said 15 per cent of the money was lost.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert "23-year-old" not in labels
    assert labels.get("15 per cent") == "PERCENT"


def test_surnames_and_honorific_surnames_are_aliases(run: Extract) -> None:
    ex = run("Jane Porter, the head of the charity, spoke first. Ms Porter said the work "
             "mattered. Porter later left.")
    person = next(p for p in ex.people if p.name == "Jane Porter")
    assert "Ms Porter" in person.aliases
    assert "Porter" in person.aliases
    assert len([p for p in ex.people if not p.anonymous]) == 1


def test_abbreviation_joins_its_organisation(run: Extract) -> None:
    ex = run("The British Broadcasting Corporation said it would cut costs. The BBC "
             "employs thousands of people.")
    bbc = next(o for o in ex.organisations if o.name == "British Broadcasting Corporation")
    assert "BBC" in bbc.aliases


def test_anonymous_people_are_kept(run: Extract) -> None:
    ex = run("A 34-year-old man was arrested in Bristol on Monday.")
    anonymous = [p for p in ex.people if p.anonymous]
    assert [p.name for p in anonymous] == ["A 34-year-old man"]
    assert anonymous[0].id.startswith("person/")


def test_single_word_city_is_not_a_person(run: Extract) -> None:
    ex = run("Most of the workers are based in Bolton, the union said.")
    assert "Bolton" not in names(ex.people)
    assert "Bolton" in names(ex.locations)


def test_headline_does_not_invent_entities(run: Extract) -> None:
    ex = run("Acme Foods Axes Jobs In Shock Move\n\nAcme Foods said on Monday it would cut "
             "jobs.")
    assert names(ex.organisations) == ["Acme Foods"]


def test_a_name_ending_in_an_organisation_word_is_an_organisation(run: Extract) -> None:
    ex = run("The retailer agreed to a takeover by Brightwater Partners on Monday. "
             "Brightwater Partners is based in Boston.")
    assert "Brightwater Partners" in names(ex.organisations)
    assert "Brightwater Partners" not in names(ex.people)


def test_an_appositive_title_makes_a_name_a_persons(run: Extract) -> None:
    ex = run('"Workers always pay the bill," said Nadia Farouk, the union\'s national officer.')
    assert "Nadia Farouk" in names(ex.people)
    assert "Nadia Farouk" not in names(ex.organisations)


def test_a_surname_the_model_took_for_something_else_joins_its_person(run: Extract) -> None:
    ex = run("The writer Fiona MacLeod has been appointed director of the festival. "
             "MacLeod, whose first novel won a prize, starts in January.")
    person = next(p for p in ex.people if p.name == "Fiona MacLeod")
    assert "MacLeod" in person.aliases
    assert "MacLeod" not in names(ex.organisations)


def test_an_untagged_organisation_name_is_still_a_mention(run: Extract) -> None:
    ex = run("The board of Harlow's has agreed to the takeover, the grocer said. "
             "Harlow's chief executive, Martin Pryce, welcomed the offer.")
    role = next(r for r in ex.roles if r.title == "Chief Executive")
    org = next(o for o in ex.organisations if o.id == role.organisation)
    assert org.name == "Harlow"


def test_an_untagged_party_adjective_before_its_members_is_the_party(run: Extract) -> None:
    ex = run("More than 40 Conservative MPs said they would vote against the bill on Monday.")
    assert "Conservative Party" in names(ex.organisations)


def test_hyphenated_place_names_are_one_place(run: Extract) -> None:
    ex = run("Heavy rain caused flooding across the Emilia-Romagna region on Tuesday.")
    assert "Emilia-Romagna" in names(ex.locations)
    assert "Emilia" not in names(ex.locations)


def test_an_untagged_first_name_is_part_of_the_persons_name(run: Extract) -> None:
    ex = run("The mayor of Bologna, Matteo Lepore, told local radio that the hospital "
             "had been evacuated.")
    assert "Matteo Lepore" in names(ex.people)


def test_a_capitalised_common_noun_with_an_article_is_not_an_organisation(run: Extract) -> None:
    ex = run('The chancellor set out her first Budget on Wednesday. "This is a Budget that '
             'will hit every family," the shadow chancellor said.')
    assert "Budget" not in names(ex.organisations)


def test_a_name_in_apposition_to_a_film_is_a_work_not_a_person(run: Extract) -> None:
    ex = run("The film, Harbour Lights, premiered at the festival on Saturday. It stars "
             "Cillian Murphy.")
    assert "Harbour Lights" not in names(ex.people)
    assert "Cillian Murphy" in names(ex.people)


def test_a_name_that_acquires_things_is_an_organisation(run: Extract) -> None:
    ex = run("Netflix, which acquired the rights last year, will release the film in "
             "November.")
    assert "Netflix" in names(ex.organisations)
    assert "Netflix" not in names(ex.locations)


def test_a_body_named_for_a_nation_is_an_organisation(run: Extract) -> None:
    ex = run("Historic England had warned that the tower would harm the cathedral.")
    assert "Historic England" in names(ex.organisations)
    assert "Historic England" not in names(ex.people)


def test_a_name_does_not_end_in_a_verb(run: Extract) -> None:
    ex = run("The National Theatre announced that its artistic director, Indhu Rubasingham, "
             "would stage Hamlet in the autumn.")
    assert "National Theatre" in names(ex.organisations)
    assert not any(n.endswith("announced") for n in names(ex.organisations))


def test_only_a_place_in_the_possessive_is_split_off_an_organisation(run: Extract) -> None:
    ex = run("Amazon has been fined by the Information Commissioner's Office. London's "
             "Metropolitan Police said patrols would rise.")
    orgs = names(ex.organisations)
    assert "Information Commissioner's Office" in orgs
    assert "Metropolitan Police" in orgs
    assert "Information Commissioner" not in names(ex.locations)
    assert "London" in names(ex.locations)


def test_an_untagged_name_after_an_honorific_is_a_person(run: Extract) -> None:
    ex = run("Mr Obi, who has denied wrongdoing, is due to appear in court on Friday.")
    person = next(p for p in ex.people if p.name == "Obi")
    assert person.honorific == "Mr"


def test_a_name_without_initial_or_suffix_is_the_same_person(run: Extract) -> None:
    ex = run("Arthur J. Penrose Jr. was charged on Monday. Arthur Penrose Jr. denied it. "
             "Penrose will appear in court in May.")
    assert [p.name for p in ex.people if not p.anonymous] == ["Arthur J. Penrose Jr."]


def test_a_multi_word_surname_joins_the_full_name(run: Extract) -> None:
    ex = run("Actor Willem Van Der Saar left the show. Fans cheered Van Der Saar on Monday.")
    assert [p.name for p in ex.people if not p.anonymous] == ["Willem Van Der Saar"]


def test_a_hyphenated_name_keeps_its_hyphen(run: Extract) -> None:
    ex = run("Rep. Maria Lopez-Garner spoke to reporters on Tuesday.")
    assert "Maria Lopez-Garner" in [p.name for p in ex.people]


def test_a_name_ends_at_its_possessive(run: Extract) -> None:
    ex = run("Governor Dale Hensley won in 2016. Donors gave money to Hensley’s 2016 campaign.")
    assert not any(ch.isdigit() for p in ex.people for n in (p.name, *p.aliases) for ch in n)


def test_an_acronym_with_an_ampersand_is_the_company(run: Extract) -> None:
    ex = run("Western Gas & Electric Co. cut supplies on Monday. WG&E said the cut would "
             "last a week.")
    assert [(o.name, "WG&E" in o.aliases) for o in ex.organisations] == [
        ("Western Gas & Electric Co.", True)]


def test_an_acronym_may_leave_out_the_place_in_front(run: Extract) -> None:
    ex = run("The Oregon Public Housing Commission met on Monday. The PHC said rents would "
             "rise.")
    assert len([o for o in ex.organisations if "PHC" in (o.name, *o.aliases)]) == 1
    assert "PHC" not in names(ex.organisations)


def test_a_platform_is_an_organisation(run: Extract) -> None:
    ex = run("The singer shared the news on Instagram on Sunday.")
    assert "Instagram" in names(ex.organisations)
    assert "Instagram" not in names(ex.people)


def test_a_name_with_a_lower_case_word_is_a_bad_cut(run: Extract) -> None:
    ex = run("Doctors found fluid in the air sacs of his lungs in recent years—26 cases.")
    assert not any(w.islower() and w.isalpha() for o in ex.organisations
                   for w in o.name.split())


def test_a_plural_name_is_not_a_person(run: Extract) -> None:
    ex = run("The Rangers beat Aberdeen on Saturday. Fans said the Rangers deserved it.")
    assert "Rangers" not in names(ex.people)


def test_a_surname_that_is_also_a_town_is_the_person(run: Extract) -> None:
    ex = run("Defensive end Sheldon Richardson was fined on Monday. Richardson said nothing.")
    assert "Richardson" not in names(ex.locations)
    assert [p.name for p in ex.people if not p.anonymous] == ["Sheldon Richardson"]


def test_a_name_that_drops_its_place_is_the_same_organisation(run: Extract) -> None:
    ex = run("The figures were first reported by the Chicago Tribune on Monday. The mayor "
             "told the Tribune that the numbers were wrong.")
    orgs = {o.name: o.aliases for o in ex.organisations}
    assert list(orgs) == ["Chicago Tribune"] and "Tribune" in orgs["Chicago Tribune"]


def test_a_product_or_programme_name_is_no_organisation(run: Extract) -> None:
    ex = run("Orbix Space said its Star Glider vehicle would fly in 2024. The Kepler Space "
             "Telescope found the planet. Orbix Space said costs were rising.")
    names = {o.name for o in ex.organisations}
    assert "Orbix Space" in names
    assert not names & {"Star Glider", "Kepler Space Telescope"}


def test_names_listed_after_companies_and_a_colon_are_organisations(run: Extract) -> None:
    ex = run("The agency picked four companies last week: Halden, Corvex Dynamics, Pell "
             "Marine and Brightwater Labs.")
    names = {o.name for o in ex.organisations}
    assert {"Halden", "Corvex Dynamics", "Pell Marine", "Brightwater Labs"} <= names


def test_an_airline_named_air_something_is_an_organisation(run: Extract) -> None:
    ex = run("The jets will go to Air Koryo and to Kestrel Airways.")
    assert "Air Koryo" in names(ex.organisations)
    assert "Air Koryo" not in names(ex.locations)


def test_the_state_of_a_congress_members_tag_is_a_place(run: Extract) -> None:
    ex = run("Rep. Dana Hill (D-Minn.) and Sen. Paul Orr (R-Texas) spoke on Monday.")
    places = {loc.name: loc.aliases for loc in ex.locations}
    assert "Minnesota" in places and "Minn." in places["Minnesota"]
    assert "Texas" in places

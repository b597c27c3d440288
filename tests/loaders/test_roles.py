"""Roles: appositions, pre-name titles, X of Y, Y's X, X at Y, credits, status."""

from __future__ import annotations

from schema.model import RoleStatus

from .conftest import Extract


def _roles(run: Extract, text: str) -> set[tuple[str, str, str | None]]:
    ex = run(text)
    people = {p.id: p.name for p in ex.people}
    orgs = {o.id: o.name for o in ex.organisations}
    return {(people[r.person], r.title, orgs.get(r.organisation or "")) for r in ex.roles}


def test_apposition_with_possessive_organisation(run: Extract) -> None:
    roles = _roles(run, "Acme Holdings reported losses. Sara Kent, the company's finance "
                        "director, said costs rose.")
    assert ("Sara Kent", "Finance Director", "Acme Holdings") in roles


def test_apposition_x_of_y(run: Extract) -> None:
    roles = _roles(run, "Omar Farah, chief executive of Tesco, said sales were strong.")
    assert ("Omar Farah", "Chief Executive", "Tesco") in roles


def test_title_before_apposition(run: Extract) -> None:
    roles = _roles(run, "The chairman of Barclays, Nigel Higgins, said the bank was sound.")
    assert ("Nigel Higgins", "Chairman", "Barclays") in roles


def test_pre_name_title_with_organisation(run: Extract) -> None:
    roles = _roles(run, "Labour leader Keir Starmer visited Leeds on Monday.")
    assert ("Keir Starmer", "Leader", "Labour Party") in roles


def test_pre_name_title_with_honorific(run: Extract) -> None:
    ex = run("Thames Valley Police said a man was held. Chief Constable Sir John Campbell "
             "praised officers.")
    role = next(r for r in ex.roles if r.person == "person/john-campbell")
    assert role.title == "Chief Constable"
    assert role.organisation == "organisation/thames-valley-police"


def test_x_at_y_and_former_status(run: Extract) -> None:
    ex = run("Lucy Moore, a former analyst at Goldman Sachs, said markets were calm.")
    role = next(r for r in ex.roles if r.person == "person/lucy-moore")
    assert role.title == "Analyst"
    assert role.organisation == "organisation/goldman-sachs"
    assert role.status == RoleStatus.FORMER


def test_spokesperson_for_y(run: Extract) -> None:
    roles = _roles(run, "Tom Baker, a spokesman for Network Rail, said trains would run.")
    assert ("Tom Baker", "Spokesman", "Network Rail") in roles


def test_relative_clause_role(run: Extract) -> None:
    roles = _roles(run, "Amy Chen, who is the president of Stanford University, spoke.")
    assert ("Amy Chen", "President", "Stanford University") in roles


def test_credit_line_role(run: Extract) -> None:
    roles = _roles(run, "Fans queue outside the stadium on Saturday.\nLeo Hart/Getty\n\n"
                        "The match starts at three.")
    assert ("Leo Hart", "Photographer", "Getty Images") in roles


def test_wording_is_kept(run: Extract) -> None:
    ex = run("Acme Holdings reported losses. Sara Kent, the company's finance director, spoke.")
    role = next(r for r in ex.roles if r.person == "person/sara-kent")
    assert role.wording == "finance director"
    assert role.evidence[0].text == "finance director"


def test_a_title_the_model_tagged_with_its_organisation_is_a_pre_name_title(run: Extract) -> None:
    ex = run("EU Competition Commissioner Margrethe Vestager said the fine was fair.")
    assert "EU Competition Commissioner" not in [o.name for o in ex.organisations]
    role = next(r for r in ex.roles if r.person == "person/margrethe-vestager")
    assert role.title == "Competition Commissioner"


def test_general_counsel_is_a_title(run: Extract) -> None:
    ex = run('"We disagree," Kent Walker, the company\'s general counsel, said of the Acme '
             "ruling. Acme said it would appeal.")
    role = next(r for r in ex.roles if r.person == "person/kent-walker")
    assert role.title == "General Counsel"


def test_a_name_after_an_organisation_and_a_comma_is_the_title_holder(run: Extract) -> None:
    ex = run("The former chief executive of Barclays, Antony Jenkins, has been asked by "
             "ministers to lead a review.")
    assert "Antony Jenkins" in [p.name for p in ex.people]
    assert "Barclays" in [o.name for o in ex.organisations]
    role = next(r for r in ex.roles if r.person == "person/antony-jenkins")
    assert (role.title, role.organisation, role.status) == (
        "Chief Executive", "organisation/barclays", RoleStatus.FORMER)


def test_a_spokesmans_employer_is_the_speaker_not_a_title_holder(run: Extract) -> None:
    ex = run("Sir Keir Starmer's spokesman said the prime minister would not comment.")
    assert ex.roles == ()
    assert [s.speaker for s in ex.statements] == ["person/keir-starmer"]


def test_a_name_with_a_staff_title_in_the_possessive_is_an_organisation(run: Extract) -> None:
    ex = run("Nvidia's chief executive, Jensen Huang, said demand remained strong.")
    role = next(r for r in ex.roles)
    assert (role.person, role.organisation) == ("person/jensen-huang", "organisation/nvidia")


def test_a_possessor_inside_a_compound_title_is_the_organisation(run: Extract) -> None:
    ex = run("The BBC's director general, Tim Davie, apologised to staff on Monday.")
    role = next(r for r in ex.roles)
    assert (role.title, role.organisation) == ("Director General", "organisation/bbc")


def test_a_field_after_the_title_stays_in_the_title(run: Extract) -> None:
    roles = _roles(run, "Prices will rise, said Maria Lopez, head of research at Northgate "
                        "Securities.")
    assert ("Maria Lopez", "Head of Research", "Northgate Securities") in roles


def test_a_lower_case_qualifier_stays_in_the_title(run: Extract) -> None:
    roles = _roles(run, "Tomas Reyes, a principal hydrologist at Harwick University, said "
                        "the river rose.")
    assert ("Tomas Reyes", "Principal Hydrologist", "Harwick University") in roles


def test_an_abbreviated_title_is_written_out(run: Extract) -> None:
    roles = _roles(run, "Gov. Anna Pell signed the bill. Sen. Rick Dorne voted against it.")
    assert {("Anna Pell", "Governor", None), ("Rick Dorne", "Senator", None)} <= roles


def test_two_titles_joined_by_and_share_the_organisation(run: Extract) -> None:
    roles = _roles(run, "Lena Ostrova, president and chief operating officer of Kestrel "
                        "Dynamics, said orders grew.")
    assert {("Lena Ostrova", "President", "Kestrel Dynamics"),
            ("Lena Ostrova", "Chief Operating Officer", "Kestrel Dynamics")} <= roles


def test_a_plural_title_before_a_list_of_names_belongs_to_each(run: Extract) -> None:
    roles = _roles(run, "The dancers performed for judges Paul Avery, Mark Holt and Grace "
                        "Lim on Friday.")
    assert {("Paul Avery", "Judge", None), ("Mark Holt", "Judge", None),
            ("Grace Lim", "Judge", None)} <= roles


def test_an_organisation_in_apposition_after_the_title(run: Extract) -> None:
    roles = _roles(run, "Demand is strong, said Ravi Menon, Director, Castlebay Capital.")
    assert ("Ravi Menon", "Director", "Castlebay Capital") in roles


def test_a_hyphenated_title_is_one_word(run: Extract) -> None:
    roles = _roles(run, "Vice-premier Chen Bao met the delegation.")
    assert {r[1] for r in roles if r[0] == "Chen Bao"} == {"Vice-Premier"}


def test_a_party_before_the_title_is_not_the_organisation(run: Extract) -> None:
    roles = _roles(run, "The Republican Party met on Monday. Republican Gov. Dana Whitfield "
                        "spoke first.")
    assert ("Dana Whitfield", "Governor", None) in roles


def test_a_plural_word_in_the_field_stays_plural(run: Extract) -> None:
    roles = _roles(run, "Mira Kapoor, vice president of advanced development programs at "
                        "Halden Aerospace, said the lander was ready.")
    assert ("Mira Kapoor", "Vice President of Advanced Development Programs",
            "Halden Aerospace") in roles


def test_one_post_at_each_organisation_of_a_list(run: Extract) -> None:
    roles = _roles(run, "Lina Moss, a marine biologist at the Halden Institute in Bergen, "
                        "Norway, and Westbrook University, led the study.")
    assert {("Lina Moss", "Marine Biologist", "Halden Institute"),
            ("Lina Moss", "Marine Biologist", "Westbrook University")} <= roles


def test_the_company_is_the_one_the_last_sentence_was_about(run: Extract) -> None:
    roles = _roles(run, "Moon landers\n\nThe space agency NASA picked five firms. NASA said the "
                        "landers would fly in 2021. NASA will pay for them. Orbix Space Systems "
                        "is best known for making small satellites. Dana Cole, the company's "
                        "chief operating officer, said Orbix would use that experience.")
    assert ("Dana Cole", "Chief Operating Officer", "Orbix Space Systems") in roles


def test_the_study_before_an_authors_title_is_not_part_of_it(run: Extract) -> None:
    roles = _roles(run, "Storm study\n\n\"Rain is common,\" study lead author Nina Vos, a "
                        "climate scientist at Leeds University, said.")
    assert ("Nina Vos", "Lead Author", None) in roles


def test_a_place_before_a_title_of_expertise_is_its_field(run: Extract) -> None:
    roles = _roles(run, "Trade\n\nThe deal is small, said Omar Reid, a Japan scholar with the "
                        "Hudson Institute. Asia correspondent Lina Park agreed. French "
                        "President Emmanuel Macron did not.")
    assert ("Omar Reid", "Japan Scholar", "Hudson Institute") in roles
    assert ("Lina Park", "Asia Correspondent", None) in roles
    assert ("Emmanuel Macron", "President", None) in roles

"""Area lists written 'AREA as GRADE', negation within its clause, and the annual ratings' verb:
templates over fillers (our texts)."""

from __future__ import annotations

import itertools
import random

import pytest

from ofsted_extract.api import extract

AREAS = [("help and protection", "help_and_protection"), ("children in care", "children_in_care"),
         ("care leavers", "care_leavers"), ("leadership", "leadership")]
GRADES = ["outstanding", "good", "requires improvement", "inadequate"]


def orders() -> list[list[tuple[tuple[str, str], str]]]:
    rng = random.Random(7)
    out = []
    for _ in range(12):
        areas = rng.sample(AREAS, k=rng.choice([2, 3, 4]))
        out.append([(area, rng.choice(GRADES)) for area in areas])
    return out


@pytest.mark.parametrize(("council", "pairs", "verb"), list(itertools.product(
    ["Wigan", "Lambeth"], orders(), ["graded", "judged", "rated"])))
def test_an_area_named_as_its_grade_takes_that_grade(council: str, pairs: list, verb: str) -> None:
    listed = [f"{area[0]} as {grade}" for area, grade in pairs]
    text = (f"Ofsted inspected {council} Council in June 2026. Inspectors {verb} "
            f"{', '.join(listed[:-1])} and {listed[-1]}.")
    record = extract(text, source="test.txt")[0]
    assert record.judgements == {area[1]: grade.replace(" ", "_") for area, grade in pairs}


@pytest.mark.parametrize(("council", "negated", "grade", "tail"), list(itertools.product(
    ["Thurrock", "Sheffield"], ["inadequate", "outstanding"], ["requires improvement", "good"],
    ["instead", "overall", ""])))
def test_a_negation_ends_with_its_clause(council: str, negated: str, grade: str, tail: str) -> None:
    text = (f"Ofsted inspectors said {council} Council's children's services were not {negated}, "
            f"rating them '{grade}' {tail}".rstrip() + ".")
    record = extract(text, source="test.txt")[0]
    assert record.grade == grade.replace(" ", "_")


@pytest.mark.parametrize("council", ["Kent", "Norfolk", "Leeds"])
def test_not_yet_good_is_still_no_grade(council: str) -> None:
    assert extract(f"Ofsted said {council} Council's services were not yet good.", source="t.txt") == []


@pytest.mark.parametrize(("council", "adverb", "grade"), list(itertools.product(
    ["Newham", "Wandsworth"], ["well", "excellently", "adequately", "poorly"],
    ["judged to perform {a}", "found to perform {a}", "both perform {a}", "perform {a}"])))
def test_the_annual_ratings_verb_in_any_form(council: str, adverb: str, grade: str) -> None:
    text = f"In Ofsted's annual performance rating, {council}'s children's services were {grade.format(a=adverb)}."
    record = extract(text, source="test.txt")[0]
    expected = {"well": "performs_well", "excellently": "excellent", "adequately": "adequate",
                "poorly": "performs_poorly"}[adverb]
    assert (record.inspection_type, record.grade) == ("annual_rating", expected)


def test_perform_well_outside_the_annual_ratings_is_no_grade() -> None:
    records = extract("Ofsted rated Kent good. Its social workers perform well under pressure.", source="t.txt")
    assert [(r.council, r.grade) for r in records] == [("Kent", "good")]


@pytest.mark.parametrize(("council", "grade", "dash"), [
    ("Wigan", "good", "–"), ("Lambeth", "requires improvement", "—"), ("Cumbria", "outstanding", ":"),
    ("Sefton", "inadequate", "-")])
def test_a_list_after_a_dash_or_colon_may_be_parted_by_semicolons(council: str, grade: str, dash: str) -> None:
    text = (f"Ofsted inspected {council} Council's children's services in June 2016. Three areas were "
            f"rated '{grade}' {dash} Adoption; Care Leavers; and Leadership, Management and Governance.")
    record = extract(text, source="test.txt")[0]
    expected = grade.replace(" ", "_")
    assert record.judgements == {"adoption": expected, "care_leavers": expected, "leadership": expected}


@pytest.mark.parametrize(("council", "grade"), [("Hackney", "requires improvement"), ("Bexley", "good"),
                                                ("Devon", "outstanding")])
def test_a_spaced_hyphen_opens_a_list_of_areas(council: str, grade: str) -> None:
    text = (f"Ofsted inspected {council} Council's children's services in May 2024. Inspectors rated the "
            f"council {grade} - the impact of leaders on social work practice and the experiences and "
            "progress of children in care.")
    record = extract(text, source="test.txt")[0]
    expected = grade.replace(" ", "_")
    assert record.judgements == {"leadership": expected, "children_in_care": expected}


@pytest.mark.parametrize(("council", "grade", "sentence"), [
    ("Barnet", "requires improvement", "The report rated Barnet '{g}' in the leaving care category."),
    ("Enfield", "good", "Inspectors judged the experiences of children leaving care to be {g}."),
    ("Camden", "outstanding", "Support for children leaving care was rated {g}."),
])
def test_leaving_care_names_care_leavers(council: str, grade: str, sentence: str) -> None:
    text = f"Ofsted inspected {council} Council's children's services in February 2025. " + sentence.format(g=grade)
    record = extract(text, source="test.txt")[0]
    assert record.judgements.get("care_leavers") == grade.replace(" ", "_")


@pytest.mark.parametrize(("council", "grade"), [("Bolton", "good"), ("Wirral", "inadequate"),
                                                ("Leeds", "outstanding")])
def test_impact_of_leaders_on_social_work_is_leadership(council: str, grade: str) -> None:
    text = (f"Ofsted inspected {council} Council's children's services in June 2025. The impact of leaders "
            f"on social work has been rated as '{grade}'.")
    record = extract(text, source="test.txt")[0]
    assert record.judgements.get("leadership") == grade


@pytest.mark.parametrize(("council", "first", "second"), [
    ("Bolton", "good", "outstanding"), ("Salford", "outstanding", "good"),
    ("Oldham", "inadequate", "requires improvement")])
def test_an_area_rated_by_a_long_verb_keeps_its_own_grade_in_a_comma_list(council: str, first: str,
                                                                            second: str) -> None:
    text = (f"Ofsted inspected {council} Council's children's services in June 2025. Leadership has been "
            f"rated as '{first}', the experiences and progress of children in care have been rated as "
            f"'{second}'.")
    record = extract(text, source="test.txt")[0]
    assert record.judgements == {"leadership": first.replace(" ", "_"),
                                 "children_in_care": second.replace(" ", "_")}


@pytest.mark.parametrize(("council", "grade", "sentence", "expected"), [
    ("Halton", "good", "Inspectors found that child protection was {g}, along with its leadership and governance.",
     {"help_and_protection", "leadership"}),
    ("Luton", "outstanding", "Help and protection was judged '{g}', as well as a new category, the experiences "
     "and progress of care leavers.", {"help_and_protection", "care_leavers"}),
    ("Merton", "inadequate", "Leadership was found {g} by inspectors, as was adoption.",
     {"leadership", "adoption"}),
    ("Sutton", "requires improvement", "Adoption was judged to {g} by Ofsted, as was leadership.",
     {"leadership", "adoption"}),
])
def test_an_area_added_after_the_grade_shares_it(council: str, grade: str, sentence: str, expected: set) -> None:
    text = f"Ofsted inspected {council} Council's children's services in March 2016. " + sentence.format(g=grade)
    record = extract(text, source="test.txt")[0]
    assert record.judgements == {area: grade.replace(" ", "_") for area in expected}


@pytest.mark.parametrize(("council", "grade", "sentence", "expected"), [
    ("Bury", "Outstanding", "{g} ratings were received for the impact of leaders and for the experiences and "
     "progress of children in care.", {"leadership", "children_in_care"}),
    ("Darlington", "Good", "{g} grades were also given for help and protection and adoption.",
     {"help_and_protection", "adoption"}),
    ("Rochdale", "inadequate", "Ofsted rated the council '{g}' both for 'leadership' and for 'adoption'.",
     {"leadership", "adoption"}),
    ("Stockport", "requires improvement", "Services were rated '{g}' around 'children who need help and "
     "protection'.", {"help_and_protection"}),
])
def test_a_rating_noun_or_word_before_the_areas_leads_to_them(council: str, grade: str, sentence: str,
                                                               expected: set) -> None:
    # October 2016: the single inspection framework, which graded adoption (ILACS from 2018 did not)
    text = f"Ofsted inspected {council} Council's children's services in October 2016. " + sentence.format(g=grade)
    record = extract(text, source="test.txt")[0]
    assert record.judgements == {area: grade.lower().replace(" ", "_") for area in expected}


@pytest.mark.parametrize(("council", "rows", "expected"), [
    ("Oldham", "  Children who need help and protection\n\nInadequate\n\n  Leadership, management and governance\n\n"
     "Requires improvement\n", {"help_and_protection": "inadequate", "leadership": "requires_improvement"}),
    ("Trafford", "Overall effectiveness\n\nGood\n\nThe experiences and progress of children in care\n\n"
     "Outstanding\n", {"children_in_care": "outstanding"}),
    ("Dorset", "- Adoption performance\n\nGood\n\n- Experiences and progress of care leavers\n\nGood\n",
     {"adoption": "good", "care_leavers": "good"}),
])
def test_a_table_row_broken_over_two_lines(council: str, rows: str, expected: dict) -> None:
    text = f"Ofsted inspected {council} Council's children's services in May 2017.\n\nThe judgements were:\n\n{rows}"
    record = extract(text, source="test.txt")[0]
    assert record.judgements == expected


@pytest.mark.parametrize(("council", "grade", "lead"), [
    ("Dudley", "good", "Inspectors found several areas now judged {g}, including:"),
    ("Walsall", "outstanding", "Two areas were rated {g} in the following categories:"),
    ("Solihull", "inadequate", "Ofsted judged the council {g} in these areas:"),
])
def test_areas_listed_on_the_lines_after_a_colon(council: str, grade: str, lead: str) -> None:
    text = (f"Ofsted inspected {council} Council's children's services in March 2024.\n\n{lead.format(g=grade)}\n\n"
            "  • The impact of leaders on social work practice.\n"
            "  • The experiences of children who need help and protection.\n")
    record = extract(text, source="test.txt")[0]
    assert record.judgements == {"leadership": grade, "help_and_protection": grade}


@pytest.mark.parametrize(("council", "words", "expected"), [
    ("Leeds", "the top rating", "excellent"), ("Brent", "its highest grade", "excellent"),
    ("Hull", "the lowest rating", "performs_poorly"), ("Bolton", "the bottom grade", "performs_poorly")])
def test_the_ends_of_the_annual_scale_named_by_position(council: str, words: str, expected: str) -> None:
    text = (f"Ofsted gives {council} children's services {words}\n\nIn its annual performance assessment, "
            f"Ofsted gave {council} Council's children's services {words}.")
    record = extract(text, source="test.txt")[0]
    assert (record.inspection_type, record.grade) == ("annual_rating", expected)


@pytest.mark.parametrize(("council", "grade", "words"), [
    ("York", "outstanding", "Ofsted's top grade in all areas including"),
    ("Bristol", "good", "a 'good' rating across the board, including"),
    ("Wakefield", "inadequate", "'inadequate' in every category, including"),
])
def test_all_areas_including_a_list_names_those_areas(council: str, grade: str, words: str) -> None:
    text = (f"Ofsted inspected {council} Council's children's services in March 2025. The department has been "
            f"handed {words} leadership, child protection and care leaver support.")
    record = extract(text, source="test.txt")[0]
    assert record.judgements == {"leadership": grade, "help_and_protection": grade, "care_leavers": grade}


@pytest.mark.parametrize(("council", "count", "grade"), [
    ("Hackney", "Three of the four areas reviewed were", "requires improvement"),
    ("Medway", "Two out of the five judgements were", "inadequate"),
    ("Poole", "2 of the 4 categories were", "good")])
def test_a_count_of_areas_is_no_statistic_about_councils(council: str, count: str, grade: str) -> None:
    text = (f"Ofsted inspected {council} Council's children's services in May 2024. {count} rated {grade} - "
            "the impact of leaders on social work practice and the experiences and progress of children in care.")
    record = extract(text, source="test.txt")[0]
    expected = grade.replace(" ", "_")
    assert record.judgements == {"leadership": expected, "children_in_care": expected}


@pytest.mark.parametrize("council", ["Hackney", "Medway"])
def test_a_count_of_councils_is_still_a_statistic(council: str) -> None:
    text = (f"Ofsted inspected {council} Council in May 2024. Three of the four councils inspected were rated "
            "inadequate.")
    assert all(r.grade != "inadequate" for r in extract(text, source="test.txt"))


# "rated leadership good, help and protection outstanding, ...": each grade judges the area written
# right before it, with nothing between them, not the area after the comma.
@pytest.mark.parametrize("grades", [("good", "outstanding", "good", "inadequate"),
                                    ("inadequate", "good", "requires improvement", "outstanding")])
@pytest.mark.parametrize("case", [str.lower, str.title, str.upper])
def test_area_then_grade_pairs_in_a_list(grades: tuple[str, ...], case) -> None:
    areas = ["leadership", "help and protection", "children in care", "care leavers"]
    keys = ["leadership", "help_and_protection", "children_in_care", "care_leavers"]
    pairs = [f"{a} {case(g)}" for a, g in zip(areas, grades)]
    text = (f"12 June 2024\n\nOfsted rated Lancashire County Council's children's services good overall. "
            f"Inspectors rated {', '.join(pairs[:-1])} and {pairs[-1]}.")
    record = extract(text, source="test.txt")[0]
    assert record.judgements == {k: g.replace(" ", "_") for k, g in zip(keys, grades)}


@pytest.mark.parametrize(("council", "old", "new", "joint"), list(itertools.product(
    ["Stockport", "Havering"], ["inadequate", "outstanding"], ["requires improvement", "good"],
    [": inspectors now", ": the inspectorate has", " - Ofsted has", "; Ofsted has"])))
def test_no_longer_reaches_only_its_own_clause(council: str, old: str, new: str, joint: str) -> None:
    """'no longer X' names the prior grade; the grade after a colon, semicolon or dash is the news."""
    text = f"{council} Council's services for children are no longer {old}{joint} judged them {new}."
    record = extract(text, source="test.txt")[0]
    assert (record.grade, record.prior_grade) == (new.replace(" ", "_"), old)


@pytest.mark.parametrize(("council", "parts", "negated", "grade"), list(itertools.product(
    ["Dorset", "Salford", "Brighton and Hove"], ["no areas", "no area", "no aspect", "no part", "no judgement"],
    ["inadequate", "outstanding"], ["good", "requires improvement"])))
def test_no_areas_negates_its_grade_not_the_overall_one(council: str, parts: str, negated: str,
                                                        grade: str) -> None:
    text = (f"In its latest inspection Ofsted rated {parts} of {council}'s work with children as {negated}, "
            f"and graded the service {grade} overall.")
    record = extract(text, source="test.txt")[0]
    assert record.grade == grade.replace(" ", "_"), "a council's 'and' does not end the negation's scope"


@pytest.mark.parametrize(("council", "missed", "grade"), list(itertools.product(
    ["Trafford", "Cumbria"], ["just missed out on the", "missed out on an", "narrowly missed an",
                              "missed a"], ["good", "requires improvement"])))
def test_a_missed_grade_is_no_grade(council: str, missed: str, grade: str) -> None:
    text = f"{council} Council {missed} outstanding grade from Ofsted, which rated its children's services {grade}."
    record = extract(text, source="test.txt")[0]
    assert record.grade == grade.replace(" ", "_")


# A grade a percentage or share reaches is a share of many councils, never the grade of the council the
# sentence names; a count that names the council among others ("one of only ten councils rated
# outstanding") still grades it.
@pytest.mark.parametrize("council", ["Kent", "Sefton", "Isles of Scilly"])
@pytest.mark.parametrize("share", ["over 73%", "nearly three quarters", "the majority", "62 per cent"])
def test_a_share_of_councils_grades_no_named_council(council: str, share: str) -> None:
    text = (f"12 May 2016\n\nOfsted has rated {council} Council's children's services good. At the time of the "
            f"inspection of children's services in {council} {share} of local authority services inspected had "
            f"been judged as Inadequate or Requires Improvement.")
    record = {r.council: r for r in extract(text, source="t.txt")}[council]
    assert (record.grade, record.prior_grade) == ("good", None)


def test_one_of_a_count_of_councils_is_still_graded() -> None:
    text = "12 May 2016\n\nOfsted says Kent is one of only ten councils rated outstanding for children's services."
    assert [(r.council, r.grade) for r in extract(text, source="t.txt")] == [("Kent", "outstanding")]

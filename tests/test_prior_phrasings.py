"""Prior grades and services inspected on their own: templates over fillers (our texts)."""

from __future__ import annotations

import itertools

import pytest

from ofsted_extract.api import extract

COUNCILS = ["Dudley", "Essex", "Lancashire", "Norfolk"]
GRADES = ["outstanding", "good", "requires improvement", "inadequate", "requires improvement to be good"]


def key(grade: str) -> str:
    return "requires_improvement" if grade.startswith("requires") else grade


def only(text: str):
    records = extract(text, source="test.txt")
    assert len(records) == 1, [r.council for r in records]
    return records[0]


@pytest.mark.parametrize(("council", "old", "verb"), list(itertools.product(
    COUNCILS, GRADES, ["judged", "rated", "graded"])))
def test_a_grade_of_any_length_before_when_it_was_last_inspected(council: str, old: str, verb: str) -> None:
    text = (f"{council} Council's children's services are now rated 'outstanding' by Ofsted. "
            f"The council was {verb} {old} when it was last inspected in 2021.")
    record = only(text)
    assert (record.grade, record.prior_grade, record.prior_year) == ("outstanding", key(old), 2021)


@pytest.mark.parametrize(("council", "verb", "pair"), list(itertools.product(
    COUNCILS, ["upgraded", "moved", "lifted"],
    [("requires improvement", "outstanding"), ("inadequate", "good"), ("good", "outstanding")])))
def test_from_one_grade_to_another(council: str, verb: str, pair: tuple[str, str]) -> None:
    old, new = pair
    record = only(f"Ofsted has {verb} {council}'s children's services from '{old}' to {new}.")
    assert (record.grade, record.prior_grade) == (key(new), key(old))


@pytest.mark.parametrize(("council", "ago"), list(itertools.product(
    COUNCILS, ["two years ago", "three years ago", "four years ago"])))
def test_a_grade_said_to_be_years_ago_is_the_prior(council: str, ago: str) -> None:
    record = only(f"{council} Council has been rated 'outstanding' by Ofsted. It was rated good {ago}.")
    assert (record.grade, record.prior_grade) == ("outstanding", "good")


@pytest.mark.parametrize(("council", "grade"), list(itertools.product(COUNCILS, ["good", "outstanding"])))
def test_a_headline_rating_the_councils_services(council: str, grade: str) -> None:
    text = (f"{council} moves out of 'inadequate' as Ofsted rates children's services {grade}\n\n"
            "The council said the report reflected years of work.")
    record = only(text)
    assert (record.grade, record.prior_grade) == (grade, "inadequate")


@pytest.mark.parametrize(("council", "grade", "service"), list(itertools.product(
    COUNCILS, ["good", "'inadequate'", "Outstanding"], ["fostering service", "fostering agency"])))
def test_a_fostering_service_inspected_on_its_own_gives_no_record(council: str, grade: str, service: str) -> None:
    assert extract(f"{council} Council's {service} has been rated {grade} by Ofsted.", source="t.txt") == []


@pytest.mark.parametrize(("council", "grade", "tail"), list(itertools.product(
    ["Slough", "Bury", "Wirral"], ["good", "requires improvement", "inadequate"],
    ["the same grading as 2019", "the same rating as in 2018", "the same grade as its last"])))
def test_the_same_grading_as_before_is_both_current_and_prior(council: str, grade: str, tail: str) -> None:
    record = only(f"Ofsted has rated {council} Council's children's services '{grade}', {tail}.")
    assert (record.grade, record.prior_grade) == (key(grade), key(grade))


@pytest.mark.parametrize(("council", "old", "phrase"), list(itertools.product(
    ["Medway", "Hull", "Torbay"], ["adequate", "good", "inadequate"],
    ["following its last inspection in 2011", "at its last inspection", "at the last inspection in 2012"])))
def test_a_grade_before_its_last_inspection_is_prior(council: str, old: str, phrase: str) -> None:
    text = (f"Ofsted has rated {council} Council's children's services 'outstanding'. The council had its "
            f"services rated {old} {phrase}.")
    record = only(text)
    assert (record.grade, record.prior_grade) == ("outstanding", old)


@pytest.mark.parametrize(("council", "old", "lead"), list(itertools.product(
    ["Lambeth", "Sefton", "Derby"], ["outstanding", "inadequate"],
    ["The news comes three years after an", "Ofsted notes improvements after an",
     "The council has made progress since its"])))
def test_years_after_or_improvements_after_a_grade_make_it_prior(council: str, old: str, lead: str) -> None:
    text = (f"Ofsted has rated {council} Council's children's services 'good'. {lead} '{old}' rating.")
    record = only(text)
    assert (record.grade, record.prior_grade) == ("good", old)


@pytest.mark.parametrize("council", ["Somerset", "Rutland", "Bexley"])
def test_requires_improvement_after_an_earlier_grade_stays_current(council: str) -> None:
    record = only(f"Ofsted says {council} Council's children's services have moved to requires improvement "
                  "after two "
                  "inadequate judgements in a row.")
    assert (record.grade, record.prior_grade) == ("requires_improvement", "inadequate")


@pytest.mark.parametrize(("council", "old", "year"), [("Lancashire", "inadequate", 2015), ("Kent", "good", 2014),
                                                      ("Wigan", "requires improvement", 2017)])
def test_the_last_time_reaches_a_grade_late_in_a_long_clause(council: str, old: str, year: int) -> None:
    text = (f"Ofsted has rated {council} Council's children's services 'outstanding'. The last time the "
            f"department was inspected in {year}, it was given the rating of '{old}'.")
    record = only(text)
    assert (record.grade, record.prior_grade) == ("outstanding", key(old))


# A state that lasted ("after years of being rated inadequate"): the grades in it are history, however
# many the phrase lists, and the news is the grade or visit the sentence reports.
@pytest.mark.parametrize(("council", "opener", "pair"), list(itertools.product(
    COUNCILS, ["after years of", "following years of", "after a decade of", "after several years of"],
    [("inadequate", "good"), ("requires improvement", "outstanding")])))
def test_grades_of_a_long_past_state_are_prior(council: str, opener: str, pair: tuple[str, str]) -> None:
    old, new = pair
    record = only(f"{council}'s children's services have been rated {new} by Ofsted, {opener} "
                  f"the council being judged '{old}' by inspectors.")
    assert (record.grade, record.prior_grade) == (key(new), key(old))


@pytest.mark.parametrize("council", COUNCILS)
def test_special_measures_is_a_council_state_not_another_body(council: str) -> None:
    record = only(f"Ofsted has rated {council} Council's children's services good, three years after "
                  f"the council was put into special measures.")
    assert record.grade == "good"


# A repeat compared with a dated earlier time ("the same grading as 2019", "retaining the grade it was
# given in 2017"): the grade is the news and the prior, and the year is the prior's.
@pytest.mark.parametrize(("council", "grade", "tail"), list(itertools.product(
    COUNCILS, ["good", "requires improvement to be good", "outstanding"],
    ["the same grading as 2019", "the same rating as in 2019", "unchanged from 2019",
     "retaining the grade it was given in 2019"])))
def test_a_repeat_compared_with_a_dated_earlier_time(council: str, grade: str, tail: str) -> None:
    record = only(f"8 March 2023\n\nOfsted's latest report has rated {council} Council's children's services "
                  f"'{grade}', {tail}.")
    assert (record.grade, record.prior_grade, record.prior_year) == (key(grade), key(grade), 2019)


# "has kept its X rating, the same grade it received in 2019": keeping is a repeat, and the comparison's
# year dates the earlier time.
@pytest.mark.parametrize(("council", "grade", "verb"), list(itertools.product(
    COUNCILS, ["good", "inadequate", "requires improvement to be good"], ["has kept its", "keeps its"])))
def test_keeping_a_grade_the_same_as_a_dated_earlier_one(council: str, grade: str, verb: str) -> None:
    record = only(f"3 August 2024\n\n{council} {verb} '{grade}' Ofsted rating for children's services, the "
                  f"same grade it received in 2019.")
    assert (record.grade, record.prior_grade, record.prior_year) == (key(grade), key(grade), 2019)


# "slipped to inadequate from outstanding", "fallen to X from Y": a move written new grade first.
@pytest.mark.parametrize(("council", "verb", "pair"), list(itertools.product(
    COUNCILS, ["slipped to", "dropped to", "fallen to", "risen to"],
    [("inadequate", "outstanding"), ("good", "requires improvement")])))
def test_a_move_written_new_grade_first(council: str, verb: str, pair: tuple[str, str]) -> None:
    new, old = pair
    record = only(f"15 March 2023\n\n{council} Council's children's services have {verb} {new} from '{old}', "
                  f"Ofsted's latest report says.")
    assert (record.grade, record.prior_grade) == (key(new), key(old))


# A date that opens its sentence ("In 2017, the services were taken out of special measures and were
# graded ...") dates the sentence's grade however far in it stands.
@pytest.mark.parametrize(("council", "grade"), list(itertools.product(COUNCILS, ["good", "requires improvement"])))
def test_a_fronted_year_dates_a_grade_far_into_its_sentence(council: str, grade: str) -> None:
    record = only(f"3 April 2019\n\nOfsted has made a focused visit to {council}'s children's services. In 2017, "
                  f"after several years of difficult and well publicised problems, the services were "
                  f"finally graded '{grade}' by inspectors.")
    assert (record.inspection_type, record.prior_grade, record.prior_year) == ("focused", key(grade), 2017)


# GUIDE rulings 4 and 5: the prior year is the last graded inspection's. An earlier visit's date
# ("improvements since the focused visit in 2018") and a date of something else ("improvements had been
# made since 2018") are none; a dated earlier grade still is.
@pytest.mark.parametrize("council", COUNCILS)
@pytest.mark.parametrize("tail", [" The inspectors acknowledged improvements since the focused visit in 2018.",
                                  " The council said improvements had been made since 2018.",
                                  " Staff turnover has fallen since 2018, the director said."])
def test_no_prior_year_from_a_visit_or_another_event(council: str, tail: str) -> None:
    record = only(f"14 March 2020\n\nOfsted has rated {council} Council's children's services 'inadequate' "
                  f"following a two-week inspection in January.{tail}")
    assert (record.grade, record.prior_year) == ("inadequate", None)


@pytest.mark.parametrize("council", COUNCILS)
def test_a_dated_earlier_grade_still_gives_the_prior_year(council: str) -> None:
    record = only(f"14 March 2020\n\nOfsted has rated {council} Council's children's services 'inadequate' "
                  f"following a two-week inspection in January. The council was rated 'requires improvement' "
                  f"when it was last inspected in 2017.")
    assert (record.grade, record.prior_grade, record.prior_year) == ("inadequate", "requires_improvement", 2017)

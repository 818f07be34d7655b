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

"""Grades coordinated with a rated one share its rating verb: templates over fillers (our texts).

"X was rated good and Y outstanding", "X and Y were rated A and B respectively",
"rated it A for one area and B for another", and a rating verb such as "was
given" that says nothing of history.
"""

from __future__ import annotations

import itertools

import pytest

from ofsted_extract.api import extract

PAIRS = [("Kirklees", "Wiltshire"), ("Devon", "Blackpool"), ("Camden", "Oldham")]
GRADES = [("good", "outstanding"), ("inadequate", "requires improvement"), ("outstanding", "inadequate")]


def key(grade: str) -> str:
    return grade.replace(" ", "_")


def grades(text: str) -> dict[str, str | None]:
    return {r.council: r.grade for r in extract(text, source="test.txt")}


@pytest.mark.parametrize(("pair", "pair_grades", "quote"), list(itertools.product(PAIRS, GRADES, ["", "'"])))
def test_an_elided_rating_verb(pair: tuple[str, str], pair_grades: tuple[str, str], quote: str) -> None:
    (a, b), (ga, gb) = pair, pair_grades
    text = f"In the latest Ofsted inspections, {a} Council was rated {quote}{ga}{quote} and {b} {quote}{gb}{quote}."
    assert grades(text) == {a: key(ga), b: key(gb)}


@pytest.mark.parametrize(("pair", "pair_grades"), list(itertools.product(PAIRS, GRADES)))
def test_respectively_pairs_councils_and_grades_in_order(pair: tuple[str, str], pair_grades: tuple[str, str]) -> None:
    (a, b), (ga, gb) = pair, pair_grades
    text = f"{a} and {b} were rated '{ga}' and {gb} respectively by Ofsted."
    assert grades(text) == {a: key(ga), b: key(gb)}


@pytest.mark.parametrize(("council", "pair_grades", "areas"), list(itertools.product(
    ["Wakefield", "Greenwich"], GRADES,
    [(("help and protection", "help_and_protection"), ("leadership", "leadership")),
     (("children in care", "children_in_care"), ("help and protection", "help_and_protection"))])))
def test_two_areas_with_two_grades_in_one_clause(council: str, pair_grades: tuple[str, str],
                                                 areas: tuple[tuple[str, str], tuple[str, str]]) -> None:
    (ga, gb), ((area_a, key_a), (area_b, key_b)) = pair_grades, areas
    text = (f"{council} Council was rated good overall by Ofsted in May 2021. "
            f"Inspectors rated it {ga} for {area_a} and {gb} for {area_b}.")
    record = extract(text, source="test.txt")[0]
    assert record.judgements == {key_a: key(ga), key_b: key(gb)}


@pytest.mark.parametrize(("pair", "grade"), list(itertools.product(PAIRS, ["good", "outstanding", "inadequate"])))
def test_was_given_a_rating_is_the_news(pair: tuple[str, str], grade: str) -> None:
    a, b = pair
    text = f"Ofsted has rated {a} Council requires improvement. {b} Council was given a {grade} rating."
    assert grades(text) == {a: "requires_improvement", b: grade}

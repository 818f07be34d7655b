"""Standing grades and the nearest trigger: classes of phrasing, each as templates over fillers.

A grade held as an attribute of a council ("'inadequate' Croydon", "good-rated
Barnet", "Torbay, which is rated inadequate,") is the council's standing grade:
the prior grade when the news is a visit or a different new grade (GUIDE), the
grade itself otherwise. Among history triggers the nearest one decides, so
"rated good, having previously been judged inadequate" keeps "good" as the news.
The texts are ours; the fillers vary council, grade and wording.
"""

from __future__ import annotations

import itertools

import pytest

from ofsted_extract.api import extract
from ofsted_extract.models import InspectionRecord

COUNCILS = ["Croydon", "Sefton", "Norfolk", "Wakefield", "Bristol"]
VISIT_PHRASES = ["monitoring visit", "latest monitoring visit", "third monitoring visit"]


def records(text: str) -> dict[str, InspectionRecord]:
    return {r.council: r for r in extract(text, source="test.txt")}


@pytest.mark.parametrize(("council", "visit", "quote"), list(itertools.product(
    COUNCILS, VISIT_PHRASES, ["'", "‘", '"'])))
def test_a_quoted_grade_before_the_council_on_a_visit_is_the_prior_grade(council: str, visit: str,
                                                                          quote: str) -> None:
    close = {"'": "'", "‘": "’", '"': '"'}[quote]
    text = f"Ofsted finds steady progress at {quote}inadequate{close} {council} in its {visit}."
    record = records(text)[council]
    assert (record.inspection_type, record.grade, record.prior_grade) == ("monitoring", None, "inadequate")


@pytest.mark.parametrize(("council", "grade", "hyphen_word"), list(itertools.product(
    COUNCILS, ["good", "outstanding", "requires improvement"], ["rated", "graded"])))
def test_a_hyphenated_rated_grade_on_a_focused_visit_is_the_prior_grade(council: str, grade: str,
                                                                         hyphen_word: str) -> None:
    text = f"Ofsted inspectors praised {grade}-{hyphen_word} {council} after a focused visit last month."
    record = records(text)[council]
    assert record.grade is None
    assert record.prior_grade == grade.replace(" ", "_")
    assert record.inspection_type == "focused"


@pytest.mark.parametrize(("council", "relative"), list(itertools.product(
    COUNCILS, ["which is rated", "which was rated", "which has been rated", "which is currently rated",
               "currently rated"])))
def test_a_relative_clause_grade_of_a_visited_council_is_the_prior_grade(council: str, relative: str) -> None:
    text = f"{council}, {relative} inadequate, received its second monitoring visit from Ofsted in May 2023."
    record = records(text)[council]
    assert (record.inspection_type, record.grade, record.prior_grade) == ("monitoring", None, "inadequate")
    assert record.inspection_date == "2023-05"
    assert record.prior_year is None, "the visit's date is not the date of the standing grade"


@pytest.mark.parametrize(("council", "old", "new"), [
    ("Hull", "inadequate", "good"), ("Bexley", "requires improvement", "outstanding"),
    ("Walsall", "good", "requires improvement"), ("Dudley", "inadequate", "requires improvement")])
def test_a_standing_grade_that_differs_from_the_new_one_is_the_prior_grade(council: str, old: str,
                                                                           new: str) -> None:
    text = f"{council}, which was rated {old} in 2019, has been rated '{new}' by Ofsted."
    record = records(text)[council if council != "Hull" else "Kingston upon Hull"]
    assert record.grade == new.replace(" ", "_")
    assert (record.prior_grade, record.prior_year) == (old.replace(" ", "_"), 2019)


@pytest.mark.parametrize("council", COUNCILS)
def test_a_standing_grade_alone_is_the_news(council: str) -> None:
    record = records(f"Ofsted has praised 'outstanding' {council} for its work with care leavers.")[council]
    assert (record.grade, record.prior_grade) == ("outstanding", None)


@pytest.mark.parametrize(("council", "verb", "history"), list(itertools.product(
    COUNCILS, ["rated", "judged", "graded"],
    ["having previously been judged 'inadequate'", "having previously been rated inadequate",
     "after previously being judged inadequate"])))
def test_the_nearest_history_trigger_decides(council: str, verb: str, history: str) -> None:
    text = f"Ofsted has {verb} {council}'s children's services 'requires improvement', {history} in 2018."
    record = records(text)[council]
    assert (record.grade, record.prior_grade, record.prior_year) == ("requires_improvement", "inadequate", 2018)


def test_an_attributive_grade_belongs_to_the_council_it_stands_before() -> None:
    text = ("Ofsted praised good-rated Barnet and Camden and found slow progress at 'inadequate' Croydon "
            "and Medway, after monitoring and focused visits last month.")
    found = records(text)
    assert {c: r.prior_grade for c, r in found.items()} == {
        "Barnet": "good", "Camden": "good", "Croydon": "inadequate", "Medway": "inadequate"}
    assert all(r.grade is None for r in found.values())


# "X, rated inadequate in 2018, for its ...": the dated grade between commas is the council's standing
# grade; the phrase after the closing comma is not an area it judges.
@pytest.mark.parametrize(("council", "year", "tail"), list(itertools.product(
    COUNCILS, [2017, 2019], ["for its support of care leavers", "for the help it gives children in care",
                              "for its leadership of social work"])))
def test_a_dated_standing_grade_between_commas_judges_no_area_after_them(council: str, year: int, tail: str) -> None:
    text = (f"12 October 2021\n\nInspectors praised {council} council, rated inadequate in {year}, {tail} "
            f"during their latest monitoring visit.")
    record = records(text)[council]
    assert (record.inspection_type, record.prior_grade, record.prior_year) == ("monitoring", "inadequate", year)
    assert record.prior_judgements == {} and record.judgements == {}


# An ungraded new Ofsted report on a council rated inadequate is a monitoring visit's letter, even when
# the piece never says "monitoring visit" (GUIDE: a visit to an inadequate council is a monitoring visit).
@pytest.mark.parametrize(("council", "lede", "standing"), list(itertools.product(
    COUNCILS,
    ["An Ofsted report has found that {c}'s children's services are improving too slowly.",
     "A new letter from Ofsted says {c} Council is still letting down some vulnerable children.",
     "Ofsted inspectors say progress at {c}'s children's services has been mixed."],
    ["The council was rated 'inadequate' last year.", "Its services were judged inadequate in 2022."])))
def test_a_new_report_on_an_inadequate_council_is_a_monitoring_visit(council: str, lede: str,
                                                                    standing: str) -> None:
    text = f"29 March 2023\n\n{lede.format(c=council)} {standing}"
    record = records(text)[council]
    assert (record.inspection_type, record.grade, record.prior_grade, record.prior_year) == (
        "monitoring", None, "inadequate", 2022)


@pytest.mark.parametrize("council", COUNCILS)
def test_a_new_report_on_a_good_council_is_not_guessed_a_visit(council: str) -> None:
    text = (f"29 March 2023\n\nAn Ofsted report has found that {council}'s children's services are improving. "
            f"The council was rated 'good' last year.")
    assert council not in records(text)


# A visit's standing grade written with its year gives the prior year too, unless the date is the
# report's publication ("rated inadequate in the report Ofsted published in February").
@pytest.mark.parametrize(("council", "year"), list(itertools.product(COUNCILS, [2018, 2019])))
def test_a_dated_standing_grade_of_a_visit_gives_the_prior_year(council: str, year: int) -> None:
    # undated, as many pages are: nothing ages the grade, so only the visit makes it the standing one
    text = (f"Ofsted has made a monitoring visit to {council}'s children's services. The council "
            f"set up a trust following an 'inadequate' Ofsted rating in {year}.")
    record = records(text)[council]
    assert (record.inspection_type, record.prior_grade, record.prior_year) == ("monitoring", "inadequate", year)


@pytest.mark.parametrize(("council", "visit", "kind", "grade", "stays"), [
    (c, v, k, g, s) for c in ["Solihull", "Bury"]
    for v, k, g in [("a focused visit", "focused", "good"), ("a focused visit", "focused", "requires improvement"),
                    ("its fourth monitoring visit", "monitoring", "inadequate")]
    for s in ["remains", "is still rated", "continues to be rated"]])
def test_a_visited_councils_unchanged_grade_is_the_prior_grade(council: str, visit: str, kind: str, grade: str,
                                                               stays: str) -> None:
    """GUIDE: a visit gives no grade; the grade the council keeps is its standing (prior) grade."""
    text = (f"Inspectors from Ofsted made {visit} to {council} in March 2024. No new rating was given, "
            f"and the council {stays} '{grade}'.")
    record = records(text)[council]
    assert (record.inspection_type, record.grade, record.prior_grade) == (kind, None, grade.replace(" ", "_"))

"""Judgement areas by era, and areas that share a grade by ellipsis: templates over fillers.

GUIDE ruling 9: a grade said of "children in care and care leavers" is two
judgements under the SIF (2013-2017) and ILACS from 2023, one
(`children_in_care`) under ILACS 2018-2022; before 2013 "looked-after
children" is its own area. An undated piece takes the era its words fit
(patterns/frameworks.jsonl: each framework's areas and grades). "Adoption is
outstanding, as is leadership" gives leadership the same grade.
"""

from __future__ import annotations

import itertools

import pytest

from ofsted_extract.api import extract
from ofsted_extract.models import InspectionRecord

COUNCILS = ["Barnsley", "Enfield", "Suffolk", "Trafford"]
COMBINED = ["children in care and care leavers", "looked after children and care leavers"]


def record_of(text: str, council: str) -> InspectionRecord:
    found = {r.council: r for r in extract(text, source="test.txt")}
    return found[council]


@pytest.mark.parametrize(("council", "combined", "when", "expected"), [
    (c, combined, when, expected)
    for c, combined, (when, expected) in itertools.product(COUNCILS, COMBINED, [
        ("in March 2015", {"children_in_care", "care_leavers"}),
        ("in May 2019", {"children_in_care"}),
        ("in June 2021", {"children_in_care"}),
        ("in October 2024", {"children_in_care", "care_leavers"}),
    ])])
def test_children_in_care_and_care_leavers_by_era(council: str, combined: str, when: str,
                                                  expected: set[str]) -> None:
    text = (f"Ofsted inspected {council} Council's children's services {when} and rated them good. "
            f"Services for {combined} were judged good.")
    record = record_of(text, council)
    assert set(record.judgements) == expected
    assert set(record.judgements.values()) == {"good"}


@pytest.mark.parametrize("council", COUNCILS)
def test_an_undated_piece_takes_the_era_its_graded_areas_fit(council: str) -> None:
    text = (f"{council} Council's children's services require improvement, Ofsted says. Adoption was rated "
            f"good, as was the local safeguarding children board, while services for children in care and "
            f"care leavers require improvement.")
    record = record_of(text, council)
    assert record.judgements == {"adoption": "good", "lscb": "good", "children_in_care": "requires_improvement",
                                 "care_leavers": "requires_improvement"}


@pytest.mark.parametrize("council", COUNCILS)
def test_an_undated_pre_2013_piece_keeps_looked_after_children(council: str) -> None:
    text = (f"Ofsted has rated {council} Council's safeguarding and looked-after children services as "
            f"'inadequate'.")
    record = record_of(text, council)
    assert record.judgements == {"safeguarding": "inadequate", "looked_after_children": "inadequate"}


@pytest.mark.parametrize(("council", "ellipsis", "area"), list(itertools.product(
    COUNCILS, ["as is", "as was", "and so is"],
    [("leadership", "leadership"), ("the experience of care leavers", "care_leavers"),
     ("help and protection", "help_and_protection")])))
def test_an_area_after_as_is_shares_the_grade(council: str, ellipsis: str, area: tuple[str, str]) -> None:
    text = f"Ofsted rated {council} good in March 2016. Adoption was judged outstanding, {ellipsis} {area[0]}."
    record = record_of(text, council)
    assert record.judgements.get("adoption") == "outstanding"
    assert record.judgements.get(area[1]) == "outstanding"


# An area no inspection of the time graded is no judgement: "safeguarding" (a pre-2013 area) beside a
# 2024 grade; the era before still counts for a year after its end, as its last reports came out then.
@pytest.mark.parametrize("council", COUNCILS)
def test_an_area_the_era_never_graded_is_dropped(council: str) -> None:
    text = (f"12 June 2024\n\nOfsted has rated {council} Council's children's services good after an "
            f"inspection in April 2024, and rated it good for safeguarding and outstanding for leadership.")
    record = record_of(text, council)
    assert record.judgements == {"leadership": "outstanding"}


@pytest.mark.parametrize("council", COUNCILS)
def test_the_eras_last_reports_keep_its_areas(council: str) -> None:
    text = (f"20 March 2018\n\nOfsted has rated {council} Council's children's services good, and "
            f"rated its adoption service outstanding.")
    record = record_of(text, council)
    assert record.judgements == {"adoption": "outstanding"}


@pytest.mark.parametrize("council", COUNCILS)
def test_care_leavers_alone_are_graded_in_any_era(council: str) -> None:
    text = (f"12 June 2020\n\nOfsted has rated {council} Council's children's services good after an "
            f"inspection in March 2020, and judged the progress of care leavers to be outstanding.")
    assert record_of(text, council).judgements == {"care_leavers": "outstanding"}

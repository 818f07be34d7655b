"""Discourse: councils written as one list share what is said of the list, a place written beside each
council does not break the list, and names that are part of another body's name give no record."""

from __future__ import annotations

import pytest

from ofsted_extract.api import extract

PAIRS = [("Halton", "Kingston upon Hull", "Halton Borough Council", "Hull City Council"),
         ("Sefton", "Kent", "Sefton Council", "Kent County Council"),
         ("Torbay", "Rotherham", "Torbay", "Rotherham"),
         ("Dudley", "Lambeth", "Dudley Council", "the London Borough of Lambeth")]
PLACED = [
    "Published 3 February 2015\n\nBoth {a}, in the north west, and {b}, in East Yorkshire, were rated {g} by Ofsted.",
    "Published 3 February 2015\n\n{a} (in the South West) and {b} (West Midlands) have been judged {g} by Ofsted.",
    "Published 3 February 2015\n\nOfsted found {a}, in the north-east of England, and {b} to be {g}.",
]


@pytest.mark.parametrize("template", PLACED)
@pytest.mark.parametrize(("first", "second", "a", "b"), PAIRS)
def test_a_place_beside_each_council_keeps_the_list(template: str, first: str, second: str, a: str, b: str) -> None:
    records = {r.council: r.grade for r in extract(template.format(a=a, b=b, g="requires improvement"))}
    assert records == {first: "requires_improvement", second: "requires_improvement"}


@pytest.mark.parametrize("text", [
    "Published 1 May 2019\n\nA report in the Manchester Evening News said Salford's children's services were rated good "
    "by Ofsted.",
    "Published 1 May 2019\n\nResearchers from Durham University said Sunderland's children's services were rated good "
    "by Ofsted.",
])
def test_a_name_inside_another_bodys_name_gives_no_record(text: str) -> None:
    assert [r.council for r in extract(text)] in (["Salford"], ["Sunderland"])


WATCHDOG = [
    "Published 9 March 2017\n\n{c}'s children's services have been rated {g} by the education watchdog.",
    "Published 9 March 2017\n\nInspectors visited {c} in January and found its services for children {g}.",
    "Published 9 March 2017\n\nThe watchdog has judged services for vulnerable children at {c} to be {g}.",
    "Published 9 March 2017\n\nAfter a three-week inspection, {c}'s children's services were rated {g}.",
]


@pytest.mark.parametrize("template", WATCHDOG)
@pytest.mark.parametrize(("council", "form"), [("Lancashire", "Lancashire County Council"), ("Brent", "Brent"),
                                               ("Stockport", "Stockport Council"), ("Medway", "Medway Council")])
def test_a_piece_that_never_names_ofsted_still_reports_the_inspection(template: str, council: str, form: str) -> None:
    records = extract(template.format(c=form, g="inadequate"))
    assert [(r.council, r.grade) for r in records] == [(council, "inadequate")]


def test_a_piece_with_no_inspection_gives_no_record() -> None:
    text = "Published 9 March 2017\n\nA survey of staff at Bolton Council found morale in social care was good."
    assert extract(text) == []


ONE_SERVICE = [
    "Published 6 February 2023\n\nAdoption services at {c} have been rated {g} by Ofsted after an inspection in December.",
    "Published 6 February 2023\n\n{c} fostering service rated {g}\n\nOfsted inspectors praised the carers.",
    "Published 6 February 2023\n\nOfsted has rated the adoption agency run by {c} as {g}.",
]


@pytest.mark.parametrize("template", ONE_SERVICE)
@pytest.mark.parametrize("form", ["Sandwell Children's Trust", "Kent County Council", "Cumberland Council", "Hackney"])
def test_an_adoption_or_fostering_agencys_own_inspection_gives_no_record(template: str, form: str) -> None:
    assert extract(template.format(c=form, g="good")) == []


def test_an_adoption_judgement_inside_a_full_inspection_is_still_reported() -> None:
    text = ("Published 6 February 2016\n\nOfsted has rated Hackney's children's services good. "
            "Its adoption service was judged outstanding.")
    records = extract(text)
    assert [(r.council, r.grade) for r in records] == [("Hackney", "good")]
    assert records[0].judgements.get("adoption") == "outstanding"


# The council another replaced, named before or after its cue ("which replaced", "in place of", "took over
# from", "... was abolished"), is background: only the successor has news.
@pytest.mark.parametrize("text, council", [
    ("Posted 4 May 2024\n\nWestmorland and Furness Council, which succeeded Cumbria County Council, has been "
     "rated inadequate by Ofsted.", "Westmorland and Furness"),
    ("Posted 4 May 2024\n\nNorth Northamptonshire Council, set up when Northamptonshire County Council was "
     "abolished, has had its children's services rated good by Ofsted.", "North Northamptonshire"),
    ("Posted 4 May 2024\n\nCumberland Council, in place of Cumbria County Council, now runs children's services, "
     "which Ofsted has rated good.", "Cumberland"),
    ("Posted 4 May 2022\n\nWest Northamptonshire Council took over from Northamptonshire County Council and has "
     "now been rated requires improvement by Ofsted.", "West Northamptonshire"),
])
def test_a_predecessor_named_beside_its_successor_gives_no_record(text: str, council: str) -> None:
    assert [r.council for r in extract(text)] == [council]


# Another body's result in the lede (a school, a nursery) beside a council's own: the sentence that grades
# children's services as a whole keeps the council's record; a school story that only recalls the council's
# old grade, or grades no whole service, still gives none.
BESIDE_A_SCHOOL = [
    "By Ann Lee\n2 May 2019\n\nTwo primary schools in {place} received Ofsted reports this week. Elmwood Academy "
    "kept its good rating. Meanwhile {c}'s children's services were judged {g} by Ofsted.",
    "By Ann Lee\n2 May 2019\n\nPine Lane Nursery in {place} was rated outstanding by Ofsted in March.\n\nIn other "
    "news, children's social care at {c} has been rated {g} by Ofsted.",
    "Posted 2 May 2019\nBy Ann Lee\n\nBrookside Infant School was found to be good last week. Inspectors also "
    "judged {c}'s children's services {g}.",
]


@pytest.mark.parametrize("template", BESIDE_A_SCHOOL)
@pytest.mark.parametrize(("council", "form"), [("Calderdale", "Calderdale Council"), ("Kent", "Kent"),
                                               ("Bolton", "Bolton Council")])
def test_a_council_graded_beside_a_school_keeps_its_record(template: str, council: str, form: str) -> None:
    records = extract(template.format(place=council, c=form, g="inadequate"))
    assert [(r.council, r.grade) for r in records] == [(council, "inadequate")]


@pytest.mark.parametrize("text", [
    "By Ann Lee\n2 May 2019\n\nPine Lane Nursery in Bolton has been rated outstanding by Ofsted. Inspectors said "
    "the nursery was a happy place. Bolton Council said its children's services had been rated inadequate in 2016.",
    "By Ann Lee\n2 May 2019\n\nElmwood Academy in Medway was rated inadequate by Ofsted. Its head blamed cuts to "
    "children's services, which Ofsted rated requires improvement last year.",
])
def test_a_school_story_recalling_the_councils_grade_gives_no_record(text: str) -> None:
    assert extract(text) == []


# "X good and those in Y inadequate": a council after "in" is a place qualifying the one before only
# when nothing but punctuation (or "based") stands between them ("St Helens in Lancashire").
@pytest.mark.parametrize(("first", "second"), [("Havering", "West Berkshire"), ("Ealing Council", "Suffolk"),
                                               ("Wakefield", "Kensington and Chelsea")])
def test_those_in_a_second_council_is_a_council_not_a_place(first: str, second: str) -> None:
    text = f"4 May 2021\n\nOfsted rated children's services in {first} good and those in {second} 'inadequate'."
    grades = {r.council: r.grade for r in extract(text)}
    assert len(grades) == 2 and sorted(grades.values()) == ["good", "inadequate"]


def test_a_council_in_its_county_is_still_one_council() -> None:
    text = "4 May 2021\n\nSt Helens in Merseyside has had its children's services rated good by Ofsted."
    assert [r.council for r in extract(text)] == ["St Helens"]


# A grade between two council names parts them: "X Inadequate and Windsor and Maidenhead 'requires
# improvement'" is two groups, each with its own grade (a capitalised grade is no part of a list).
@pytest.mark.parametrize(("second", "g2"), [("Windsor and Maidenhead", "requires improvement"),
                                            ("Brighton and Hove", "good"), ("Cheshire East", "Outstanding")])
def test_a_capitalised_grade_parts_a_list_of_councils(second: str, g2: str) -> None:
    text = (f"15 July 2023\n\nOfsted has published reports on three councils this week. Reading was rated good, "
            f"East Sussex Inadequate and {second} '{g2}'.")
    grades = {r.council: r.grade for r in extract(text)}
    assert grades["East Sussex"] == "inadequate" and grades[second] == g2.lower().replace(" ", "_")

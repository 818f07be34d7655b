"""Reorganisations: which council a name means at the article's date, and its GSS code then.

The successors of an abolished council come from the reference table (the new
names whose codes start the year the old one's ended, in its region), so every
reorganisation in it is covered by the same rule; the tests below walk all of them.
"""

from __future__ import annotations

import pytest

from ofsted_extract.api import extract
from ofsted_extract.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def councils(text: str) -> dict[str, str | None]:
    return {r.council: r.ons_code for r in extract(text)}


def test_successors_come_from_the_reference_table(gaz: Gazetteer) -> None:
    assert gaz.successors("Northamptonshire") == ("North Northamptonshire", "West Northamptonshire")
    assert gaz.successors("Cumbria") == ("Cumberland", "Westmorland and Furness")
    assert gaz.successors("Cheshire") == ("Cheshire East", "Cheshire West and Chester")
    assert gaz.successors("Bedfordshire") == ("Bedford", "Central Bedfordshire")
    assert gaz.successors("Poole") == ("Bournemouth, Christchurch and Poole",)
    # a council that carried on under its own name after a reorganisation has no successors
    for name in ("Dorset", "Somerset", "North Yorkshire", "Buckinghamshire", "Cornwall", "Barnsley"):
        assert gaz.successors(name) == ()


def test_reorganisations_take_effect_in_april(gaz: Gazetteer) -> None:
    assert not gaz.abolished_by("Cumbria", 2023, 3)
    assert gaz.abolished_by("Cumbria", 2023, 4)
    assert not gaz.abolished_by("Cumbria", 2023)  # the month unknown: it may still have existed
    assert gaz.abolished_by("Cumbria", 2024)
    assert not gaz.abolished_by("Dorset", 2030)


ABOLISHED = ["Northamptonshire", "Cumbria", "Cheshire", "Bedfordshire", "Bournemouth", "Poole"]
TEMPLATES = [
    "Published {day} June {year}\n\nOfsted has rated children's services in {name} {grade}.",
    "{day} October {year}\n\n{name} County Council's services for children were judged {grade} by Ofsted inspectors.",
    "Posted: {day} May {year}\n\nInspectors from Ofsted found that {name}'s children's services are {grade}.",
]


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", ABOLISHED)
def test_an_abolished_name_after_the_change_means_its_successors(gaz: Gazetteer, name: str, template: str) -> None:
    end = gaz.rows(name)[-1].valid_to
    assert end is not None
    text = template.format(day=12, year=end + 1, name=name, grade="good")
    found = councils(text)
    assert set(found) == set(gaz.successors(name))
    for council, code in found.items():
        assert code == gaz.code_at(council, end + 1)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", ABOLISHED)
def test_an_abolished_name_before_the_change_is_itself(gaz: Gazetteer, name: str, template: str) -> None:
    end = gaz.rows(name)[-1].valid_to
    assert end is not None
    found = councils(template.format(day=3, year=end - 2, name=name, grade="inadequate"))
    assert found == {name: gaz.code_at(name, end - 2)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Children's services in Northamptonshire have been rated good by Ofsted. Northamptonshire Children's Trust "
     "runs them for North Northamptonshire Council and West Northamptonshire Council.",
     {"North Northamptonshire", "West Northamptonshire"}),
    ("Children's services across Cumbria have been judged good by Ofsted. Cumberland Council welcomed the "
     "findings, as did Westmorland and Furness Council.", {"Cumberland", "Westmorland and Furness"}),
])
def test_an_undated_piece_that_names_the_successors_is_after_the_change(text: str, expected: set[str]) -> None:
    assert set(councils(text)) == expected


@pytest.mark.parametrize(("year", "code"), [(2012, "E10000023"), (2024, "E06000065")])
def test_a_council_that_carried_on_keeps_its_name_with_the_code_of_the_day(year: int, code: str) -> None:
    text = f"Published 10 July {year}\n\nNorth Yorkshire's children's services have been rated outstanding by Ofsted."
    assert councils(text) == {"North Yorkshire": code}


@pytest.mark.parametrize("text", [
    "Published 4 March 2016\n\nOfsted rated Cheshire West and Chester Council good. Children in West Cheshire "
    "are well supported, inspectors said.",
    "Published 4 March 2016\n\nOfsted rated Trafford Council outstanding, one of the best in Greater Manchester.",
])
def test_part_of_a_county_is_not_its_council(text: str) -> None:
    assert len(councils(text)) == 1


INSPECTED_BEFORE = [
    "Published 20 May {end}\n\nOfsted inspectors who visited {name} from 6 February {end} judged its children's "
    "services good.",
    "Published 2 June {end}\n\nChildren's services at {name} are good, Ofsted has said after inspecting the council "
    "in March {end}.",
    "Published 15 May {end}\n\n{name}'s children's services have been rated good by Ofsted following an "
    "inspection in January {end}.",
]


@pytest.mark.parametrize("template", INSPECTED_BEFORE)
@pytest.mark.parametrize("name", ABOLISHED)
def test_an_inspection_before_the_april_change_is_of_the_old_council(gaz: Gazetteer, name: str,
                                                                      template: str) -> None:
    end = gaz.rows(name)[-1].valid_to
    assert end is not None
    assert councils(template.format(end=end, name=name)) == {name: gaz.code_at(name, end - 1)}

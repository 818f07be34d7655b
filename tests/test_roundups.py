"""Round-ups: the kind of inspection the headline and lede report is each council's, when the
council's own passage names none. Templates over fillers; the texts are ours."""

from __future__ import annotations

import itertools

import pytest

from ofsted_extract.api import extract

PAIRS = [("Knowsley", "Wokingham"), ("Dudley", "Luton"), ("Cumberland", "Torbay")]
LEDES = [
    ("Ofsted has published the findings of a series of focused visits to councils' children's services.", "focused"),
    ("Ofsted has published letters from its latest monitoring visits to councils' children's services.",
     "monitoring"),
    ("Ofsted has published the outcomes of its latest joint targeted area inspections.", "jtai"),
    ("Ofsted carried out no-notice inspections of contact, referral and assessment at councils last month.",
     "other"),
]
PASSAGES = [
    "In {a}, inspectors found that leaders understood the quality of practice. "
    "{b}'s work with children in care was found to have improved.",
    "Inspectors said {a} had made progress since its last inspection. "
    "At {b}, they found that social workers knew their children well.",
]


@pytest.mark.parametrize(("pair", "lede", "passage"), list(itertools.product(PAIRS, LEDES, PASSAGES)))
def test_the_ledes_kind_of_inspection_is_each_councils(pair: tuple[str, str], lede: tuple[str, str],
                                                      passage: str) -> None:
    text = lede[0] + "\n\n" + passage.format(a=pair[0], b=pair[1])
    found = {r.council: r for r in extract(text, source="test.txt")}
    assert set(found) == set(pair)
    assert {r.inspection_type for r in found.values()} == {lede[1]}
    assert all(r.grade is None for r in found.values())


@pytest.mark.parametrize("pair", PAIRS)
def test_a_council_given_its_own_graded_inspection_in_a_round_up_keeps_it(pair: tuple[str, str]) -> None:
    text = ("Ofsted has published the findings of a series of focused visits to councils' children's services.\n\n"
            f"In {pair[0]}, inspectors found that leaders understood the quality of practice. "
            f"Separately, a full inspection rated {pair[1]} 'good'.")
    found = {r.council: r for r in extract(text, source="test.txt")}
    assert found[pair[0]].inspection_type == "focused"
    assert (found[pair[1]].inspection_type, found[pair[1]].grade) == ("full", "good")


# A headline or lede that counts exactly the councils the piece names gives its grade to each: "Two
# authorities blasted for 'inadequate' children's services", then a passage on each. A part of a larger
# count ("three of the six councils") or a negated count ("none of the six") gives none.
@pytest.mark.parametrize(("a", "b"), PAIRS)
@pytest.mark.parametrize("headline", ["Two authorities blasted for 'inadequate' children's services",
                                      "Two councils rated 'inadequate' by Ofsted",
                                      "Ofsted hands two neighbouring councils an 'inadequate' rating"])
def test_a_headline_count_of_the_pieces_councils_grades_each(a: str, b: str, headline: str) -> None:
    text = (f"{headline}\n\n29 January 2018\n\nInspectors said {a} had been too slow to act on concerns. "
            f"{b}, inspected in November, was criticised for its high caseloads.")
    grades = {r.council: r.grade for r in extract(text)}
    assert grades == {a: "inadequate", b: "inadequate"}


@pytest.mark.parametrize(("a", "b"), PAIRS)
@pytest.mark.parametrize("headline", ["None of the two councils was rated 'outstanding' by Ofsted",
                                      "One of the two councils rated 'inadequate' by Ofsted"])
def test_a_negated_or_partial_count_grades_no_one(a: str, b: str, headline: str) -> None:
    text = (f"{headline}\n\n29 January 2018\n\nInspectors said {a} had been too slow to act on concerns. "
            f"{b}, inspected in November, was criticised for its high caseloads.")
    assert all(r.grade is None for r in extract(text))

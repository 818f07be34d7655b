"""Council names in any case: every authority in lower case and in capitals, and the ordinary words,
other bodies and other places that share a council's name and must not become one.

The positive cases are generated over every canonical name in the gazetteer, so
the class (not a list of councils) is what passes.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from ofsted_extract.discourse import council_mentions
from ofsted_extract.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def named(nlp: Language, gaz: Gazetteer, text: str) -> set[str]:
    return {name for m in council_mentions(nlp(text), gaz) for name in m.names}


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


#: templates over a council's name: {l} lower case, {u} capitals, {ls}/{us} their possessives
CASE_TEMPLATES = [
    "{l} council was rated good by Ofsted.",
    "Ofsted said the {l} council must improve.",
    "{u} has been rated good by Ofsted for its children's services.",
    "Children's services at {l} have been rated good by Ofsted.",
    "The council in {l} was judged inadequate by inspectors.",
    "ofsted has rated {ls} children's services inadequate.",
    "{u} CHILDREN'S SERVICES RATED GOOD BY OFSTED\n\nInspectors published their findings.",
    "{us} CHILDREN'S SERVICES ARE INADEQUATE, SAYS OFSTED",
    "OFSTED VERDICT: {u} RATED OUTSTANDING",
    "Inspectors praised {u} COUNCIL for its work with care leavers.",
    "ofsted rates {l} good for its children's services",
    "inspectors have judged {ls} services inadequate.",
]


@pytest.mark.parametrize("template", CASE_TEMPLATES)
def test_every_authority_is_named_in_any_case(nlp: Language, gaz: Gazetteer, template: str) -> None:
    missed = []
    for name in gaz.names:
        text = template.format(l=name.lower(), u=name.upper(), ls=possessive(name).lower(),
                               us=possessive(name).upper())
        if name not in named(nlp, gaz, text):
            missed.append(name)
    assert missed == []


@pytest.mark.parametrize(("text", "council"), [
    ("kingston upon hull city council was rated good.", "Kingston upon Hull"),
    ("Kingston Upon Hull City Council was rated good.", "Kingston upon Hull"),
    ("the london borough of tower hamlets was rated outstanding.", "Tower Hamlets"),
    ("THE ROYAL BOROUGH OF GREENWICH WAS RATED GOOD", "Greenwich"),
    ("Ofsted rated east riding of yorkshire council good.", "East Riding of Yorkshire"),
    ("Ofsted rated Stockton-On-Tees Borough Council inadequate.", "Stockton-on-Tees"),
])
def test_mixed_and_official_forms(nlp: Language, gaz: Gazetteer, text: str, council: str) -> None:
    assert council in named(nlp, gaz, text)


@pytest.mark.parametrize("text", [
    "I was reading the report in the library.",
    "Ministers want to bury the bad news.",
    "Reading the inspectors' letter, she was pleased.",
    "She moved from New York to London.",
    "Researchers at Durham University studied the figures.",
    "DURHAM UNIVERSITY PUBLISHES CHILD PROTECTION STUDY",
    "The Manchester Evening News reported the findings.",
    "Wigan Athletic and bury fc both lost at the weekend.",
    "The police said Halton Castle was closed.",
    "Kent Police and Essex Police were inspected by HMICFRS.",
])
def test_words_and_other_bodies_name_no_council(nlp: Language, gaz: Gazetteer, text: str) -> None:
    assert named(nlp, gaz, text) == set()

"""Round-ups and bare visits: which councils get a record when a piece lists visits.

A round-up names the kind of visit once, before any council ("the latest focused
visits"), then gives each council a header line and "Inspectors visited X's
children's services on ..."; or lists councils ("Leeds, Calderdale and
Cornwall were ...") after naming the kind.
"""

from __future__ import annotations

import pytest

from ofsted_extract.api import extract

COUNCILS = [("Central Bedfordshire Council", "Central Bedfordshire", "Central Bedfordshire"),
            ("Wokingham Borough Council", "Wokingham", "Wokingham"),
            ("Knowsley Metropolitan Borough Council", "Knowsley", "Knowsley"),
            ("Plymouth City Council", "Plymouth", "Plymouth"),
            ("London Borough of Sutton", "Sutton", "Sutton"),
            ("Derbyshire County Council", "Derbyshire", "Derbyshire")]
INTROS = {
    "focused": ["Ofsted has published the outcomes of its latest focused visits to councils.",
                "Here are the findings of the most recent focused visits to local authority children's services."],
    "monitoring": ["Ofsted has published letters from its latest monitoring visits to councils.",
                   "The inspectorate has released the results of a round of monitoring visits."],
}
SECTION = [
    "{header}\n\nInspectors visited {short}'s children's services on 20 and 21 February 2024 to look at "
    "how children in need are supported.\n\nThey found that managers know their services well.",
    "{header}\n\nOfsted inspectors visited {short} on 6 and 7 March 2024 and looked at the council's "
    "front door.\n\nThe full letter can be read online.",
]


@pytest.mark.parametrize("kind", sorted(INTROS))
@pytest.mark.parametrize("intro", [0, 1])
@pytest.mark.parametrize("section", SECTION)
def test_each_council_of_a_round_up_has_the_kind_named_at_the_top(kind: str, intro: int, section: str) -> None:
    picked = COUNCILS[intro::2]
    body = "\n\n".join(section.format(header=h, short=s) for h, s, _ in picked)
    text = f"Published 10 April 2024\n\n{INTROS[kind][intro]}\n\n{body}"
    records = {r.council: r.inspection_type for r in extract(text)}
    assert records == {name: kind for _, _, name in picked}


UNANNOUNCED = ["unannounced visits", "no-notice inspections", "snap inspections", "unannounced inspections"]
LISTS = [["Leeds", "Calderdale", "Cornwall"], ["Hounslow", "Redbridge", "Warrington", "East Sussex"],
         ["Bromley", "Swindon", "Wolverhampton"], ["Sandwell", "Enfield", "Greenwich", "Hillingdon"]]


def written_list(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1]


@pytest.mark.parametrize("kind", UNANNOUNCED)
@pytest.mark.parametrize("pick", [(0, 2), (1, 3)])
def test_councils_listed_in_an_unannounced_round_up_have_records(kind: str, pick: tuple[int, int]) -> None:
    weak, strong = LISTS[pick[0]], LISTS[pick[1]]
    text = (f"Published 14 September 2009\n\nOfsted has published the results of {kind} to "
            f"{len(weak) + len(strong)} councils.\n\n{written_list(weak)} were all told to act urgently on at "
            f"least one area.\n\n{written_list(strong)} fared better and were given areas for development only.")
    records = {r.council: r.inspection_type for r in extract(text)}
    assert records == {name: "other" for name in weak + strong}


def test_a_list_of_neighbours_in_a_piece_with_no_round_up_gives_them_no_record() -> None:
    text = ("Published 14 September 2019\n\nOfsted has rated Leeds City Council's children's services outstanding. "
            "Leeds, Bradford and Kirklees work together on adoption.")
    assert [r.council for r in extract(text)] == ["Leeds"]

"""Invisible characters and unusual line breaks (issue 14): the rules read normalised text, the evidence
points into the text as given.

The articles here are written for these tests. Each variant hides characters inside the council's name or
swaps the line breaks, and must give the very records of the plain article, with every evidence `text`
equal to `input[start:end]` of the variant itself.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from ofsted_extract import extract
from ofsted_extract.layout import _FORMAT, normalise

ARTICLE = ("Harrowgate Evening News, 14 March 2023\n"
           "Lancashire County Council's children's services rated 'good' by Ofsted\n"
           "Children's services at Lancashire County Council have been judged good by Ofsted after an "
           "inspection in January 2023.\n"
           "The council had been rated inadequate at its previous inspection in 2018.\n")

INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "soft hyphen": "\u00ad",
    "word joiner": "\u2060",
    "byte-order mark": "\ufeff",
}


def facts(text: str) -> list[dict]:
    """Each record without its evidence, after checking that the evidence indexes `text`."""
    out = []
    for record in extract(text):
        for name, evidence in record.evidence.items():
            if evidence.start is not None:
                assert evidence.text == text[evidence.start:evidence.end], name
            if evidence.sentence is not None:
                assert evidence.sentence == text[evidence.sentence_start:evidence.sentence_end], name
        out.append(record.to_json_dict() | {"evidence": None})
    return out


@pytest.fixture(scope="module")
def plain(nlp) -> list[dict]:
    records = facts(ARTICLE)
    assert [(r["council"], r["grade"], r["prior_grade"], r["article_date"]) for r in records] == [
        ("Lancashire", "good", "inadequate", "2023-03-14")]
    return records


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_inside_a_council_name_changes_nothing(plain: list[dict], char: str) -> None:
    text = ARTICLE.replace("Lancashire", f"Lanca{char}shire")
    assert facts(text) == plain


def test_bidi_isolates_and_overrides_around_and_inside_a_name_change_nothing(plain: list[dict]) -> None:
    text = ARTICLE.replace("Lancashire County Council", "\u2068Lanc\u202eas\u202chire\u2069 County\u200b Council")
    assert facts(text) == plain


def test_evidence_of_a_hidden_name_keeps_the_hidden_characters(plain: list[dict]) -> None:
    text = ARTICLE.replace("Lancashire", "Lanca\u00adshire")
    [record] = extract(text)
    assert record.council == "Lancashire"
    assert "Lanca\u00adshire" in record.evidence["council"].text


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"],
                         ids=["CR", "CRLF", "LS", "PS", "NEL", "VT", "FF"])
def test_every_unicode_line_break_reads_as_a_newline(plain: list[dict], newline: str) -> None:
    assert facts(ARTICLE.replace("\n", newline)) == plain


def test_compatibility_forms_are_matched_and_offsets_still_index_the_original(plain: list[dict]) -> None:
    # a no-break space inside the name, and an ellipsis (one character, three once normalised) before it
    text = ARTICLE.replace("Children's services at", "Children\u2019s services\u2026 at").replace(
        "at Lancashire County", "at Lancashire\u00a0County")
    [record] = extract(text)
    evidence = record.evidence["council"]
    assert record.council == "Lancashire"
    assert evidence.text == text[evidence.start:evidence.end]


def test_normalise_maps_each_character_back_to_what_gave_it() -> None:
    layout = normalise("a\u200bb\r\nC\u2026d")
    assert layout.text == "ab\nC...d"
    assert layout.span(0, 2) == (0, 3)  # "ab" covers the zero-width space between them
    assert layout.span(2, 3) == (3, 5)  # the newline is the whole "\r\n"
    assert layout.span(4, 5) == (6, 7)  # one dot of the ellipsis is the whole ellipsis
    assert layout.span(8, 8) == (len(layout.original), len(layout.original))


def test_a_letter_and_its_combining_mark_compose_and_map_to_both() -> None:
    layout = normalise("cafe\u0301 ok")
    assert layout.text == "caf\u00e9 ok"
    assert layout.span(3, 4) == (3, 5)
    assert layout.span(5, 7) == (6, 8)


def test_plain_text_is_not_copied_or_mapped() -> None:
    layout = normalise(ARTICLE)
    assert layout.text is ARTICLE and layout.starts is None


def test_the_format_characters_removed_are_exactly_unicodes_category_cf() -> None:
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    removed = {char for char in every if _FORMAT.match(char)}
    cf = {char for char in every if unicodedata.category(char) == "Cf"}
    assert cf <= removed
    # the list is Unicode 15's; characters an older Python's tables leave unassigned are the only extra
    assert {unicodedata.category(char) for char in removed - cf} <= {"Cn"}
    assert normalise("a" + "".join(sorted(removed)) + "b").text == "ab"


# Hard-wrapped text (mail, converted PDFs, old blogs): a sentence broken across lines at a fixed width.
@pytest.mark.parametrize("text, joined", [
    ("Two\nyears ago Ofsted rated Eastby's\nchildren's services inadequate.", True),
    ("Inspectors found that help for families in Northvale was\n  good overall.", True),
    ("The council's services for children,\nincluding care leavers, were judged good.", True),
    ("Ofsted rates Westmere good\n\nthe council said it was delighted.", False),  # a blank line ends a paragraph
    ("Overall effectiveness: Good\nleadership: Good", False),  # a "Label: value" row
    ("The report was published today.\nit follows a visit in May.", False),  # the line closed a sentence
    ("Westmere Council\nRated good by Ofsted", False),  # the next line starts in capitals
])
def test_hard_wrapped_lines_join_into_their_sentence(text: str, joined: bool) -> None:
    layout = normalise(text)
    assert len(layout.text) == len(text)
    assert (layout.text.count("\n") < text.count("\n")) is joined
    assert layout.span(0, len(layout.text)) == (0, len(text))


def test_evidence_across_a_hard_wrap_quotes_the_line_break_as_written() -> None:
    text = "14 March 2024\n\nOfsted has rated Lancashire County Council's\nchildren's services good after an inspection."
    record = extract(text)[0]
    evidence = record.evidence["grade"]
    assert "\n" in text[evidence.sentence_start:evidence.sentence_end]
    assert evidence.sentence == text[evidence.sentence_start:evidence.sentence_end]

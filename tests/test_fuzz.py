"""Property tests of the `extract` API: whatever the text, no exception, only valid records, honest evidence.

`extract` is called directly, with nothing around it that could hide an
exception. Two kinds of input:

* random Unicode (every category but lone surrogates, which no decoded file
  can contain), salted with the characters that trip tokenizers and offset
  arithmetic: control characters, CR LF, U+2028/U+2029, zero-width and
  bidirectional marks, combining marks, curly quotes, astral characters;
* composed "articles": random mixes of the real vocabulary (council names from
  patterns/councils.jsonl, grade, area, cue and inspection-type phrases from
  the other pattern files), dates (valid, impossible and relative), years,
  quotes and punctuation, joined by spaces, newlines and sentence ends, with
  the odd random-Unicode fragment spliced in.

The short budget runs with the normal tests (derandomized, no example
database, so CI sees the same examples every time); the long one (10,000
examples) runs with `pytest -m slow tests/test_fuzz.py`.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ofsted_extract import extract
from ofsted_extract.models import InspectionRecord
from ofsted_extract.resources import pattern_file
from ofsted_extract.write import csv_row, record_json

SHORT = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=10_000, deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---------------------------------------------------------------- the invariants


def check(text: str, records: list[InspectionRecord], source: str, metadata_date: str | None = None) -> None:
    """Every record valid, serialisable, and every piece of evidence quoting `text` at its offsets."""
    assert isinstance(records, list)
    for record in records:
        assert isinstance(record, InspectionRecord)
        assert InspectionRecord.model_validate(record.model_dump()) == record
        assert InspectionRecord.model_validate_json(record.model_dump_json()) == record
        json.loads(record_json(record))
        csv_row(record)
        assert record.source == source
        assert record.council.strip()
        for key, ev in record.evidence.items():
            if ev.origin == "html-metadata":
                # Only a date handed in from outside the text may come without offsets.
                assert key == "article_date" and metadata_date is not None, (key, ev)
                continue
            assert ev.start is not None and ev.end is not None, (key, ev)
            assert 0 <= ev.start <= ev.end <= len(text), (key, ev, len(text))
            assert text[ev.start:ev.end] == ev.text, (key, ev)
            if ev.sentence is not None:
                assert ev.sentence_start is not None and ev.sentence_end is not None, (key, ev)
                assert 0 <= ev.sentence_start <= ev.start <= ev.end <= ev.sentence_end <= len(text), (key, ev)
                assert text[ev.sentence_start:ev.sentence_end] == ev.sentence, (key, ev)


# ---------------------------------------------------------------- strategies


TRICKY_CHARS = (
    "\r\n", "\r", "\n", "\t", "\x0b", "\x0c", "\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",          # zero-width, soft hyphen, BOM
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066", "\u2069",  # bidirectional marks
    "\u0301", "\u0308", "\u20dd",                                      # combining marks
    "\u2019", "\u2018", "\u201c", "\u201d", "'", '"', "\u2013", "\u2014", "\u2026", "\u00a0", "\u3000",
    "\U0001f600", "\U00010348", "\ufffd", "\u0130", "\u00df", "\ufb01",  # astral, replacement, case-changing
    "\u05d0", "\u0627", "\u0e01", "\u4e2d",                            # RTL and other scripts
)

unicode_text = st.lists(
    st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(TRICKY_CHARS)), max_size=300,
).map("".join)


def _phrases(filename: str, every: int = 1) -> list[str]:
    rows = [json.loads(line) for line in pattern_file(filename).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [row["pattern"] for row in rows[::every] if isinstance(row.get("pattern"), str)]


@cache
def vocabulary() -> dict[str, list[str]]:
    return {
        "council": _phrases("councils.jsonl", every=10)  # a few hundred of the 3,300 forms
        + ["Lewisham Council", "Derbyshire County Council", "Bournemouth, Christchurch and Poole",
           "the council", "Westmarsh Council", "Northamptonshire Children’s Trust"],
        "grade": _phrases("grades.jsonl") + ["outstanding", "requires improvement", "inadequate", "good",
                                             "adequate", "performs well", "requires improvement to be good"],
        "area": _phrases("areas.jsonl") + ["help and protection", "children in care", "care leavers"],
        "cue": _phrases("cues.jsonl") + ["previously rated", "Ofsted", "inspectors", "moves out of", "up from",
                                         "was judged", "has been rated", "children's services", "not"],
        "type": _phrases("inspection_types.jsonl"),
    }


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Jan", "Sept", "Dec")

dates = st.one_of(
    st.sampled_from([
        "14 July 2017", "March 2019", "last month", "2012", "earlier this year", "last year", "this week",
        "yesterday", "today", "late February/early March", "the final week of October", "in 2008/09",
        "31 February 2019", "0 March 2019", "32 May 2020", "May 2023 and June 2023", "between 3 and 14 May",
        "1 January 0001", "9999", "in 1899", "2100", "14/07/2017", "2019-03-14", "summer 2018", "autumn",
    ]),
    st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(0, 40), st.sampled_from(MONTHS), st.integers(0, 10000)),
    st.builds(lambda m, y: f"{m} {y}", st.sampled_from(MONTHS), st.integers(1900, 2200)),
    st.integers(1000, 3000).map(str),
)

SEPARATORS = (" ", " ", " ", ", ", ". ", ".\n", "\n", "\n\n", "\r\n", "\u2028", " - ", " – ", ": ", "; ", "(",
              ")", "'", "’", "‘", "“", "”", '"', "!", "?", " and ", " in ", " by ", " of ", "* ", "\n- ")


TEMPLATES = (
    "Ofsted has rated {council}’s children’s services “{grade}” after inspectors visited in {date}.",
    "{council} was judged {grade} by Ofsted in {date}, up from {grade2} at its last inspection in {year}.",
    "{area} was judged {grade}, while {area2} was rated {grade2}.",
    "{council} had previously been rated {grade2} in {year}. {cue} {grade}",
    "{council} moves out of {grade2} after a {type} in {date}",
    "The {type} of {council}, published {date}, found services {grade}. {area}: {grade2}.",
    "{council} and {council2} were rated {grade} and {grade2} respectively.",
    "{cue} {council} {grade} {area} {date}",
    "In {year}, {council}’s {area} had been judged {grade2}; now inspectors say it is {grade}.",
    "{date}\n{council} children’s services rated {grade}\nBy a reporter, {date}",
)


@st.composite
def sentence(draw) -> str:
    vocab = vocabulary()
    template = draw(st.sampled_from(TEMPLATES))
    pick = {name: draw(st.sampled_from(vocab[kind])) for name, kind in (
        ("council", "council"), ("council2", "council"), ("grade", "grade"), ("grade2", "grade"),
        ("area", "area"), ("area2", "area"), ("cue", "cue"), ("type", "type"))}
    return template.format(date=draw(dates), year=draw(st.integers(1990, 2030)), **pick)


@st.composite
def articles(draw) -> str:
    vocab = vocabulary()
    fragment = st.one_of(
        sentence(), sentence(), sentence(),
        st.sampled_from(vocab["council"]), st.sampled_from(vocab["council"]),
        st.sampled_from(vocab["grade"]), st.sampled_from(vocab["grade"]),
        st.sampled_from(vocab["area"]), st.sampled_from(vocab["cue"]), st.sampled_from(vocab["cue"]),
        st.sampled_from(vocab["type"]), dates, st.sampled_from(SEPARATORS),
        st.lists(st.sampled_from(TRICKY_CHARS), max_size=3).map("".join),
        unicode_text.map(lambda s: s[:20]),
    )
    parts = draw(st.lists(fragment, min_size=1, max_size=40))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


metadata_dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))
any_text = st.one_of(unicode_text, articles(), articles().map(str.upper), articles().map(lambda a: a * 3))


# ---------------------------------------------------------------- short budget (normal run)


@SHORT
@given(text=unicode_text)
def test_random_unicode_never_breaks_extract(text: str) -> None:
    check(text, extract(text, source="fuzz.txt"), "fuzz.txt")


@SHORT
@given(text=articles(), metadata_date=metadata_dates)
def test_composed_articles_give_valid_records_with_honest_evidence(text: str, metadata_date: str | None) -> None:
    records = extract(text, source="article.txt", metadata_date=metadata_date)
    check(text, records, "article.txt", metadata_date)
    # Deterministic: the same text gives the same records again.
    assert extract(text, source="article.txt", metadata_date=metadata_date) == records


def test_the_composed_articles_do_reach_the_extractor() -> None:
    """The fuzzing is worth something only if its articles give records with evidence often enough
    (about a third do); a strategy that stopped producing them would pass every property vacuously."""
    fields: list[set[str]] = []

    @settings(SHORT, max_examples=100)
    @given(text=articles())
    def sample(text: str) -> None:
        fields.append({key for record in extract(text, source="x.txt") for key in record.evidence})

    sample()
    assert sum(bool(f) for f in fields) >= len(fields) // 8, f"{sum(map(bool, fields))} of {len(fields)}"
    seen = set().union(*fields)
    assert {"council", "grade", "prior_grade", "inspection_date"} <= seen, seen
    assert any(key.startswith("judgements.") for key in seen), seen


@settings(SHORT, max_examples=50)
@given(text=articles())
def test_crlf_and_line_separators_keep_offsets_honest(text: str) -> None:
    for variant in (text.replace("\n", "\r\n"), text.replace(" ", "\u2028"), "\ufeff\u200f" + text):
        check(variant, extract(variant, source="v.txt"), "v.txt")


# ---------------------------------------------------------------- long budget (-m slow)


@pytest.mark.slow
@LONG
@given(text=any_text, metadata_date=metadata_dates)
def test_long_fuzz_ten_thousand_examples(text: str, metadata_date: str | None) -> None:
    check(text, extract(text, source="long.txt", metadata_date=metadata_date), "long.txt", metadata_date)


# ---------------------------------------------------------------- regressions the fuzzing found


@pytest.mark.parametrize(("text", "metadata_date"), [
    # a relative date reckoned from the first or last representable day overflowed datetime.date
    ("Lewisham Council was rated good by Ofsted yesterday. It was previously rated inadequate last year.",
     "0001-01-01"),
    ("Lewisham Council was rated good by Ofsted on 3 March. It was previously rated inadequate last year.",
     "9999-12-31"),
    # "last year" in a piece dated 1989 gave prior_year 1988, outside the record's 1990-2100
    ("Lewisham Council was rated good by Ofsted this week. It was previously rated inadequate last year.",
     "1989-06-01"),
    # and 9998 from a piece dated 9999 was above it
    ("Lewisham Council was rated good by Ofsted next month. It was previously rated inadequate last year.",
     "9999-12-15"),
], ids=["yesterday-of-0001", "day-month-in-9999", "prior-year-1988", "prior-year-9998"])
def test_extreme_article_dates_give_valid_records(text: str, metadata_date: str) -> None:
    records = extract(text, source="edge.txt", metadata_date=metadata_date)
    check(text, records, "edge.txt", metadata_date)
    assert [r.council for r in records] == ["Lewisham"]
    assert records[0].prior_grade == "inadequate" and records[0].prior_year is None

"""The per-council timeline: the merge rules on hand-made records, the `timeline` command, and the dev corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_extract.cli import cli
from ofsted_extract.models import InspectionRecord
from ofsted_extract.timeline import (CSV_COLUMNS, GRADE_RANK, build_timeline, date_key, same_event,
                                     write_csv)


def rec(source: str = "a.txt", council: str = "Derbyshire", ons_code: str | None = "E10000007",
        confidence: float = 0.8, **fields) -> InspectionRecord:
    return InspectionRecord(source=source, council=council, ons_code=ons_code, confidence=confidence, **fields)


def events(*records: InspectionRecord):
    (history,) = build_timeline(records)
    return history.events


# ---------------------------------------------------------------- one inspection, one event


def test_same_month_is_one_event_with_every_source_and_the_most_precise_date():
    (event,) = events(rec("a.txt", inspection_type="full", grade="inadequate", inspection_date="2019-05"),
                      rec("b.txt", inspection_type="full", grade="inadequate", inspection_date="2019-05-14",
                          judgements={"adoption": "good"}))
    assert event.sources == ["a.txt", "b.txt"]
    assert event.inspection_date == "2019-05-14"
    assert event.judgements == {"adoption": "good"}


@pytest.mark.parametrize("first, second, same", [
    ({"inspection_date": "2019-05"}, {"inspection_date": "2019-06"}, False),
    ({"inspection_date": "2019"}, {"inspection_date": "2019-06-03"}, True),  # the coarser date contains it
    ({"inspection_type": "monitoring", "inspection_date": "2019-05"},
     {"inspection_type": "full", "inspection_date": "2019-05"}, False),
    ({"inspection_type": None, "inspection_date": "2019-05"},
     {"inspection_type": "full", "inspection_date": "2019-05"}, True),  # an unknown type agrees
])
def test_inspection_dates_and_types_decide(first, second, same):
    assert same_event(rec(**first), rec(**second)) is same
    assert len(events(rec("a.txt", **first), rec("b.txt", **second))) == (1 if same else 2)


@pytest.mark.parametrize("other, same", [
    ({"article_date": "2019-08-30", "grade": "good"}, True),          # 90 days
    ({"article_date": "2019-08-31", "grade": "good"}, False),         # 91 days
    ({"article_date": "2019-07-01", "grade": "requires_improvement"}, False),
    ({"article_date": "2019-07-01", "grade": "good", "inspection_date": "2019-04"}, True),  # one side dated
    ({"article_date": None, "grade": "good"}, False),                 # nothing to measure
])
def test_without_an_inspection_date_the_same_grade_within_90_days_is_one_event(other, same):
    first = rec("a.txt", inspection_type="full", grade="good", article_date="2019-06-01")
    assert same_event(first, rec("b.txt", inspection_type="full", **other)) is same


def test_conflicting_values_come_from_the_most_confident_record():
    (event,) = events(rec("a.txt", confidence=0.6, inspection_type="full", grade="good", inspection_date="2019-05"),
                      rec("b.txt", confidence=0.9, inspection_type="full", grade="outstanding",
                          inspection_date="2019-05", article_date="2019-06-20"),
                      rec("c.txt", confidence=0.7, inspection_type="full", inspection_date="2019-05",
                          article_date="2019-06-02"))
    assert event.grade == "outstanding"
    assert event.article_date == "2019-06-02"  # the earliest report


# ---------------------------------------------------------------- priors


def test_a_prior_with_its_year_makes_a_derived_event_when_no_article_reports_it():
    later = rec("2023.txt", inspection_type="full", grade="good", inspection_date="2023-03",
                prior_grade="inadequate", prior_year=2019, prior_judgements={"adoption": "requires_improvement"})
    derived, reported = events(later)
    assert (derived.date, derived.grade, derived.derived, derived.sources) == ("2019", "inadequate", True, ["2023.txt"])
    assert derived.judgements == {"adoption": "requires_improvement"}
    assert not reported.derived


def test_a_prior_fills_in_the_event_an_article_reports_and_adds_its_source():
    earlier = rec("2019.txt", inspection_type="full", inspection_date="2019-05")  # the grade was not given
    later = rec("2023.txt", inspection_type="full", grade="good", inspection_date="2023-03",
                prior_grade="inadequate", prior_year=2019)
    first, second = events(later, earlier)
    assert (first.date, first.grade, first.derived) == ("2019-05", "inadequate", False)
    assert first.sources == ["2019.txt", "2023.txt"]
    assert second.direction == "improved"


def test_priors_of_one_year_from_several_articles_are_one_derived_event():
    a = rec("a.txt", inspection_type="full", grade="good", inspection_date="2023-03", prior_grade="inadequate",
            prior_year=2019)
    b = rec("b.txt", inspection_type="monitoring", inspection_date="2021-02", prior_grade="inadequate",
            prior_year=2019)
    derived = [e for e in events(a, b) if e.derived]
    assert [(e.date, e.sources) for e in derived] == [("2019", ["b.txt", "a.txt"])]


def test_a_prior_is_never_the_news_of_its_own_article():
    (record,) = [rec("a.txt", inspection_type="full", inspection_date="2019-11", prior_grade="good", prior_year=2019)]
    derived, reported = events(record)
    assert derived.derived and derived.grade == "good"
    assert reported.grade is None


def test_a_prior_without_a_year_is_the_baseline_of_its_own_event_only():
    (event,) = events(rec(inspection_type="full", grade="inadequate", inspection_date="2024-02",
                          prior_grade="good"))
    assert event.direction == "declined"


# ---------------------------------------------------------------- direction and order


@pytest.mark.parametrize("before, after, direction", [
    ("inadequate", "requires_improvement", "improved"),
    ("good", "inadequate", "declined"),
    ("adequate", "requires_improvement", "unchanged"),
    ("performs_poorly", "inadequate", "unchanged"),
    ("performs_well", "outstanding", "improved"),
    ("excellent", "good", "declined"),
])
def test_direction_of_travel_across_frameworks(before, after, direction):
    first, second = events(rec("a.txt", grade=before, inspection_date="2010-01"),
                           rec("b.txt", grade=after, inspection_date="2016-01"))
    assert (first.direction, second.direction) == (None, direction)


def test_direction_skips_ungraded_visits():
    graded = events(rec("a.txt", inspection_type="full", grade="inadequate", inspection_date="2018-01"),
                    rec("b.txt", inspection_type="monitoring", inspection_date="2018-09"),
                    rec("c.txt", inspection_type="full", grade="inadequate", inspection_date="2021-01"))
    assert [e.direction for e in graded] == [None, None, "unchanged"]


def test_every_grade_has_a_rank():
    from ofsted_extract.models import GRADES

    assert set(GRADE_RANK) == set(GRADES)


def test_events_sort_by_inspection_then_published_then_article_date_and_undated_last():
    history = events(
        rec("undated.txt", inspection_type="full", grade="good"),
        rec("article.txt", inspection_type="monitoring", article_date="2020-01-05"),
        rec("month.txt", inspection_type="full", grade="inadequate", inspection_date="2019-07"),
        rec("published.txt", inspection_type="focused", published_date="2018-03-02", article_date="2021-01-01"),
        rec("year.txt", inspection_type="jtai", inspection_date="2019"),
    )
    assert [e.sources[0] for e in history] == ["published.txt", "year.txt", "month.txt", "article.txt",
                                               "undated.txt"]
    assert history[-1].direction is None  # an undated event's place, and so its change, is unknown


def test_partial_dates_compare_by_their_parts():
    assert sorted(["2019-07", None, "2019", "2018-12-31", "2019-07-01"], key=date_key) == \
        ["2018-12-31", "2019", "2019-07", "2019-07-01", None]


# ---------------------------------------------------------------- councils


def test_each_council_once_across_a_change_of_code_sorted_by_name():
    histories = build_timeline([
        rec("b.txt", council="Gateshead", ons_code="E08000037", grade="good", inspection_date="2019-02"),
        rec("a.txt", council="Gateshead", ons_code="E08000020", grade="adequate", inspection_date="2012-05"),
        rec("c.txt", council="barnet", ons_code=None, grade="good", inspection_date="2019-02"),
    ])
    assert [h.council for h in histories] == ["barnet", "Gateshead"]
    gateshead = histories[1]
    assert gateshead.ons_codes == ["E08000020", "E08000037"] and gateshead.ons_code == "E08000037"
    assert [e.sources for e in gateshead.events] == [["a.txt"], ["b.txt"]]


def test_csv_has_stable_columns_even_when_empty():
    for histories in ([], build_timeline([rec(grade="good", inspection_date="2019-02")])):
        buffer = io.StringIO()
        write_csv(histories, buffer)
        assert next(csv.reader(io.StringIO(buffer.getvalue()))) == list(CSV_COLUMNS)


# ---------------------------------------------------------------- the command

ARTICLES = {
    "press-may.txt": "Ofsted has rated Derbyshire County Council's children's services 'inadequate' after "
                     "inspectors visited in May 2019.\n",
    "trade-june.txt": "Derbyshire's children's services were judged inadequate by Ofsted after an inspection in "
                      "May 2019, the council confirmed.\n",
    "local-2023.txt": "Derbyshire County Council's children's services have been rated 'good' by Ofsted following "
                      "an inspection in March 2023. The council had previously been judged inadequate in 2019.\n",
    "lewisham.txt": "Lewisham Council's children's services have been rated 'good' by Ofsted following an "
                    "inspection in March 2019.\n",
}


@pytest.fixture
def folder(tmp_path: Path, nlp) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_timeline_command_json_merges_articles_and_reports_unreadable_inputs(folder: Path):
    result = CliRunner().invoke(cli, ["timeline", "--format", "json", str(folder), str(folder / "missing.txt")])
    assert result.exit_code == 1, result.output
    assert f"{folder / 'missing.txt'}: no such file or directory" in result.stderr
    data = json.loads(result.stdout)
    assert [c["council"] for c in data] == ["Derbyshire", "Lewisham"]
    derbyshire = data[0]
    assert derbyshire["ons_code"] == "E10000007"
    assert [(e["date"], e["grade"], e["direction"]) for e in derbyshire["events"]] == [
        ("2019-05", "inadequate", None), ("2023-03", "good", "improved")]
    assert sorted(Path(s).name for s in derbyshire["events"][0]["sources"]) == [
        "local-2023.txt", "press-may.txt", "trade-june.txt"]


def test_timeline_command_csv_and_table_to_files(folder: Path, tmp_path: Path):
    out = tmp_path / "out" / "timeline.csv"
    out.parent.mkdir()
    result = CliRunner().invoke(cli, ["timeline", "--format", "csv", "-o", str(out), "-q", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["council"], r["event"], r["grade"]) for r in rows] == [
        ("Derbyshire", "1", "inadequate"), ("Derbyshire", "2", "good"), ("Lewisham", "1", "good")]
    table = CliRunner().invoke(cli, ["timeline", "--format", "table", str(folder)])
    assert table.exit_code == 0
    assert "Derbyshire" in table.stdout and "improved" in table.stdout
    assert "2 councils, 3 events" in table.stderr


def test_dev_corpus_timeline_lists_each_council_once_in_date_order(shared_corpus: Path, nlp):
    result = CliRunner().invoke(cli, ["timeline", "--format", "json", "-q", str(shared_corpus)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    councils = [c["council"] for c in data]
    assert len(councils) == len(set(councils)) > 40
    assert councils == sorted(councils, key=str.casefold)
    for council in data:
        keys = [date_key(e["date"]) for e in council["events"]]
        assert keys == sorted(keys), council["council"]
    merged = [e for c in data for e in c["events"] if len(e["sources"]) > 1]
    assert merged, "some inspection in the corpus is reported by more than one article"

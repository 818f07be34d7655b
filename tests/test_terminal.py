"""What a person sees first (issue 12): tables at 80 and 120 columns, messages beside the progress bar, grammar.

Tables are rendered through rich's `Console(width=…)`, as a terminal of that
size would get them; the records are written here, not taken from the corpus.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from ofsted_extract import clikit
from ofsted_extract.cli import cli
from ofsted_extract.models import InspectionRecord
from ofsted_extract.terminal import ELLIPSIS, MAX_LINES, rendered, write_records, write_timeline
from ofsted_extract.timeline import build_timeline

WIDTHS = (80, 120)


def rec(source: str, council: str, ons_code: str | None, confidence: float = 0.85, **fields) -> InspectionRecord:
    return InspectionRecord(source=source, council=council, ons_code=ons_code, confidence=confidence, **fields)


RECORDS = [
    rec("archive/2019/a-very-long-file-name-about-three-councils-and-their-ilacs-results.txt",
        "Bournemouth, Christchurch and Poole", "E06000058", inspection_type="full", grade="requires_improvement",
        inspection_date="2019-09", published_date="2019-11-02", prior_grade="good", prior_year=2015,
        judgements={"leadership": "requires_improvement", "help_and_protection": "requires_improvement",
                    "children_in_care": "good", "care_leavers": "requires_improvement"}),
    rec("archive/2019/a-very-long-file-name-about-three-councils-and-their-ilacs-results.txt",
        "Stockton-on-Tees", "E06000004", inspection_type="monitoring", inspection_date="2019-10-14",
        confidence=0.65),
    rec("archive/2019/a-very-long-file-name-about-three-councils-and-their-ilacs-results.txt",
        "North East Lincolnshire", "E06000012", inspection_type="annual_rating", grade="performs_poorly",
        prior_year=2008, prior_judgements={"looked_after_children": "adequate", "safeguarding": "adequate"}),
    rec("b.txt", "Thamesbank Partnership", None, inspection_type="focused", inspection_date="2020-02"),
    rec("c.txt", "Stockton-on-Tees", "E06000004", inspection_type="full", grade="good",
        inspection_date="2022-03", prior_grade="requires_improvement", prior_year=2019),
]


def tokens_of(records: list[InspectionRecord]) -> set[str]:
    """Every word the table may print whole: values as a person writes them, file names, headers."""
    words: set[str] = set()
    for r in records:
        values = [r.council, r.ons_code or "not in gazetteer", r.inspection_type, r.grade, r.inspection_date,
                  r.published_date, r.prior_grade, str(r.prior_year or ""), Path(r.source).name,
                  f"{r.confidence:.2f}", f"{r.confidence:.2f}?"]
        values += [f"{a}: {g} {g};" for a, g in (r.judgements | r.prior_judgements).items()]
        for value in values:
            words.update((value or "").replace("_", " ").split())
    return words


def body_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith(("?", "not shown"))]


@pytest.mark.parametrize("width", WIDTHS)
def test_records_table_fits_the_width_and_splits_no_word(width: int) -> None:
    text = rendered(write_records, RECORDS, width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width, text
    allowed = tokens_of(RECORDS) | {"council", "type", "grade", "inspected", "published", "prior", "judgements",
                                    "conf."}
    for line in body_lines(text):
        for token in line.split():
            assert token in allowed or token.endswith(ELLIPSIS), (token, text)
    for record in RECORDS:  # a council's name, code and dates are never cut
        assert all(word in text.split() for word in record.council.split()), (record.council, text)
        assert record.ons_code is None or record.ons_code in text.split()
        assert record.inspection_date is None or record.inspection_date in text.split()
    assert "requires_improvement" not in text  # one way of writing grades: as words
    assert "requires improvement" in text or width < 100  # narrow, it wraps between the words


@pytest.mark.parametrize("width", WIDTHS)
def test_records_take_at_most_three_lines_each_under_one_heading_per_file(width: int) -> None:
    text = rendered(write_records, RECORDS, width)
    lines = text.splitlines()
    files = sorted({Path(r.source).name for r in RECORDS})
    headings = [line for line in lines if any(line.startswith(name[:20]) for name in files)]
    assert len(headings) == len(files)  # the long base name is cut with an ellipsis, never wrapped
    assert all("archive/" not in line for line in lines)
    header = 1
    notes = len(lines) - len(body_lines(text))
    assert len(lines) - len(headings) - header - notes <= MAX_LINES * len(RECORDS), text


def test_low_confidence_is_marked_and_explained() -> None:
    text = rendered(write_records, RECORDS, 120)
    assert "0.65?" in text.split()
    assert "0.85?" not in text
    assert any(line.startswith("? confidence below 0.8") for line in text.splitlines())


def test_empty_columns_are_left_out() -> None:
    plain = [rec("x.txt", "Rutland", "E06000017", inspection_type="full", grade="good")]
    header = rendered(write_records, plain, 120).splitlines()[1].split()
    assert header == ["council", "type", "grade", "conf."]


def test_a_column_that_cannot_fit_is_named_below_the_table() -> None:
    text = rendered(write_records, RECORDS, 80)
    assert "judgements" not in text.splitlines()[1]
    assert any(line.startswith("not shown at this width:") and "judgements" in line for line in text.splitlines())
    assert "judgements" in rendered(write_records, RECORDS, 120).splitlines()[1]


@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_is_one_block_per_council_fitting_the_width(width: int) -> None:
    histories = build_timeline(RECORDS)
    text = rendered(write_timeline, histories, width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width, text
    for history in histories:  # the council's name heads its block, whole, with its code
        assert any(line.startswith(history.council) for line in lines), history.council
    stockton = next(i for i, line in enumerate(lines) if line.startswith("Stockton-on-Tees"))
    block = lines[stockton + 1:stockton + 1 + 1 + 3 * 3]
    assert any("2019-10-14" in line for line in block) and any("2022-03" in line for line in block)
    allowed = tokens_of(RECORDS) | {"date", "type", "grade", "direction", "judgements", "sources", "(prior)",
                                    "▲", "▼", "=", "improved", "declined", "unchanged", "undated", "(also"}
    for line in body_lines(text):
        for token in line.split():
            assert token in allowed or token.endswith(ELLIPSIS), (token, text)


def test_the_table_command_at_80_columns_wraps_nothing(tmp_path: Path, nlp) -> None:
    (tmp_path / "kent.txt").write_text("Kent County Council's children's services have been rated 'requires "
                                       "improvement' by Ofsted after an inspection in March 2019.\n", "utf-8")
    result = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["--format", "table", "-q", str(tmp_path / "kent.txt")])
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "requires improvement" in result.stdout and "kent.txt" in result.stdout


# ---------------------------------------------------------------- stderr: progress, messages, grammar

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def terminal_stderr(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """stderr as a 100-column terminal: the progress bar is drawn into the returned buffer."""
    buffer = io.StringIO()
    monkeypatch.setattr(clikit, "stderr_is_interactive", lambda: True)
    monkeypatch.setattr(clikit, "stderr_console",
                        lambda: Console(file=buffer, force_terminal=True, width=100, color_system=None))
    return buffer


def test_error_lines_go_above_the_progress_bar_and_are_listed_again_at_the_end(
        tmp_path: Path, terminal_stderr: io.StringIO, nlp) -> None:
    for name in ("a.txt", "c.txt"):
        (tmp_path / name).write_text("Ofsted rated Rutland County Council's children's services good in 2019.\n",
                                     "utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["--format", "jsonl", str(tmp_path)])
    assert result.exit_code == 1
    drawn = ANSI.sub("", terminal_stderr.getvalue())
    segments = re.split(r"[\r\n]", drawn)
    message = f"ofsted-extract: {tmp_path / 'b.txt'}: empty file"
    assert message in segments, drawn  # a line of its own, not glued to the bar
    closing = segments.index("ofsted-extract: could not read 1 input:")
    assert f"  {tmp_path / 'b.txt'}: empty file" in segments[closing:]
    assert "articles" in drawn  # the bar was there


@pytest.mark.parametrize("env, shown", [({"NO_COLOR": "1"}, True), ({"TERM": "dumb"}, False)])
def test_no_color_keeps_the_progress_bar(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], shown: bool) -> None:
    monkeypatch.setattr(clikit.sys.stderr, "isatty", lambda: True)
    monkeypatch.delenv("TERM", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert clikit.stderr_is_interactive() is shown
    monkeypatch.setattr(clikit.sys.stderr, "isatty", lambda: False)
    assert clikit.stderr_is_interactive() is False


def test_summaries_count_in_good_grammar(tmp_path: Path, nlp) -> None:
    article = tmp_path / "one.txt"
    article.write_text("Ofsted rated Rutland County Council's children's services good in May 2019.\n", "utf-8")
    extract = CliRunner().invoke(cli, ["--format", "jsonl", str(article)])
    assert re.search(r"read 1 input: 1 with records, 0 without, 0 errors; 1 record in", extract.stderr)
    timeline = CliRunner().invoke(cli, ["timeline", "--format", "json", str(article)])
    assert "read 1 input, 0 errors; 1 council, 1 event in" in timeline.stderr

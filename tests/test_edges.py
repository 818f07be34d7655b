"""Files, pipes and usage at the edges (issue 12): output paths checked up front, formats from extensions,
file modes, closed pipes and Ctrl-C in every subcommand, usage errors that say what was meant.

Usage errors go through CliRunner; pipes, terminals and signals through the
installed console script in subprocesses, because CliRunner cannot show them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import signal
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ofsted_extract.cli import cli
from ofsted_extract.write import atomic_output

from conftest import OFSTED_EXTRACT, SAMPLES

RUTLAND = "Ofsted has rated Rutland County Council's children's services 'good' after an inspection in May 2019.\n"
KENT = ("Kent County Council's children's services have been rated 'requires improvement' by Ofsted after "
        "inspectors visited in March 2021.\n")


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture
def folder(tmp_path: Path, nlp) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "rutland.txt").write_text(RUTLAND, "utf-8")
    (articles / "kent.txt").write_text(KENT, "utf-8")
    (articles / "empty.txt").write_bytes(b"")
    return articles


def one_line_usage_error(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ofsted-extract: "), result.stderr
    for needle in needles:
        assert needle in lines[0]
    assert result.stdout == ""


# ---------------------------------------------------------------- output paths, checked before any work


@pytest.mark.parametrize("command", [[], ["timeline"], ["report"]])
@pytest.mark.parametrize("option", ["-o", "--errors-file"])
def test_an_output_in_a_missing_folder_is_a_usage_error_before_any_input_is_read(
        folder: Path, tmp_path: Path, command: list[str], option: str) -> None:
    target = tmp_path / "nodir" / "out.json"
    result = run(*command, option, str(target), str(folder))
    one_line_usage_error(result, option, "no such folder")  # the empty input was never reported
    assert not target.parent.exists()


def test_an_output_that_is_a_folder_is_a_usage_error(folder: Path, tmp_path: Path) -> None:
    one_line_usage_error(run("-o", str(tmp_path), str(folder)), "is a folder")


@pytest.mark.parametrize("name, parse", [
    ("out.csv", lambda text: list(csv.DictReader(io.StringIO(text)))),
    ("out.jsonl", lambda text: [json.loads(line) for line in text.splitlines()]),
    ("out.ndjson", lambda text: [json.loads(line) for line in text.splitlines()]),
    ("out.json", json.loads),
])
def test_the_format_follows_the_output_files_extension(folder: Path, tmp_path: Path, name: str, parse) -> None:
    target = tmp_path / name
    assert run("-q", "-o", str(target), str(folder / "rutland.txt")).exit_code == 0
    (record,) = parse(target.read_text("utf-8"))
    assert record["council"] == "Rutland"


@pytest.mark.parametrize("args, needle", [
    (["--format", "json", "-o", "x.csv"], "contradicts"),
    (["timeline", "-o", "x.html"], "cannot write html"),
    (["report", "-o", "x.csv"], "cannot write csv"),
])
def test_a_format_that_contradicts_the_extension_is_a_usage_error(folder: Path, args: list[str],
                                                                  needle: str) -> None:
    one_line_usage_error(run(*args, str(folder / "rutland.txt")), needle)


def test_dash_as_output_is_stdout(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("-q", "--format", "jsonl", "-o", "-", str(folder / "rutland.txt"))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["council"] == "Rutland"
    assert not (tmp_path / "-").exists()


# ---------------------------------------------------------------- file modes


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_output_file_gets_the_umasks_mode(tmp_path: Path, umask_027) -> None:
    with atomic_output(tmp_path / "new.json") as handle:
        handle.write("[]\n")
    assert mode(tmp_path / "new.json") == 0o640


def test_an_existing_output_file_keeps_its_mode(tmp_path: Path, umask_027) -> None:
    target = tmp_path / "old.csv"
    target.write_text("old\n")
    target.chmod(0o664)
    with atomic_output(target) as handle:
        handle.write("new\n")
    assert target.read_text() == "new\n" and mode(target) == 0o664


@pytest.mark.parametrize("args", [["--format", "csv", "-o", "{out}"], ["--errors-file", "{out}", "-o", "{other}"],
                                  ["timeline", "-o", "{out}"], ["report", "-o", "{out}"]])
def test_every_command_writes_files_with_the_umasks_mode(folder: Path, tmp_path: Path, umask_027,
                                                         args: list[str]) -> None:
    out, other = tmp_path / "out.file", tmp_path / "other.json"
    result = run(*[a.format(out=out, other=other) for a in args], "-q", str(folder))
    assert result.exit_code == 1  # the empty file
    assert mode(out) == 0o640


# ---------------------------------------------------------------- usage errors


def test_a_mistyped_subcommand_suggests_the_right_one(folder: Path) -> None:
    one_line_usage_error(run("timelin", str(folder)), "did you mean 'timeline'?")
    one_line_usage_error(run("-q", "evalute", str(folder)), "did you mean 'evaluate'?")


def test_a_path_named_like_a_near_miss_still_wins(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    Path("timelin").write_text(RUTLAND, "utf-8")
    result = run("timelin", "--format", "jsonl", "-q")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["council"] == "Rutland"


def test_options_before_a_subcommand_are_a_usage_error(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    one_line_usage_error(run("-q", "report", str(folder), "-o", str(target)), "put options after it")
    assert not target.exists()


def test_a_model_that_is_not_installed_is_a_usage_error(folder: Path) -> None:
    one_line_usage_error(run("--model", "en_core_web_notthere", str(folder / "rutland.txt")),
                         "--model en_core_web_notthere", "not installed")


@pytest.mark.parametrize("size, limit", [("1k", 1000), ("1KiB", 1024), ("1 kB", 1000), ("2000", 2000)])
def test_max_bytes_takes_units(tmp_path: Path, nlp, size: str, limit: int) -> None:
    article = tmp_path / "long.txt"
    article.write_text(RUTLAND + "x" * (3000 - len(RUTLAND)), "utf-8")
    result = run("-q", "--max-bytes", size, str(article))
    assert result.exit_code == 1
    assert f"over the --max-bytes limit of {limit}" in result.stderr


def test_max_bytes_refuses_what_is_not_a_size(tmp_path: Path) -> None:
    result = run("--max-bytes", "lots", str(tmp_path))
    assert result.exit_code == 2 and "is not a size" in result.stderr


def test_help_shows_the_main_forms_options_and_every_summary_whole() -> None:
    text = run("--help").stdout
    for option in ("--format", "--output", "--errors-file", "--glob", "--jobs", "--model", "--patterns",
                   "--max-bytes", "--quiet", "--version"):
        assert option in text
    flat = " ".join(text.split())
    for name, command in cli.commands.items():
        summary = command.get_short_help_str(limit=500)
        assert not summary.endswith("..."), name
        assert f"{name} {summary}" in flat, name


# ---------------------------------------------------------------- one JSON convention, timeline options


def test_json_is_one_item_a_line_in_every_command(folder: Path) -> None:
    for args in (["--format", "json"], ["timeline", "--format", "json"]):
        lines = run(*args, "-q", str(folder / "rutland.txt"), str(folder / "kent.txt")).stdout.splitlines()
        assert lines[0] == "[" and lines[-1] == "]"
        items = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
        assert len(items) == 2, lines


def test_timeline_jsonl_and_errors_file(folder: Path, tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = run("timeline", "--format", "jsonl", "--errors-file", str(errors), "-q", str(folder))
    assert result.exit_code == 1
    councils = [json.loads(line)["council"] for line in result.stdout.splitlines()]
    assert councils == ["Kent", "Rutland"]
    assert [json.loads(line) for line in errors.read_text("utf-8").splitlines()] == [
        {"source": str(folder / "empty.txt"), "error": "empty file"}]


# ---------------------------------------------------------------- text and explain


def test_text_prints_what_the_offsets_index(tmp_path: Path, nlp) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>News</title></head><body><nav>Home | Sport</nav><article><h1>Rated good"
                    "</h1><p>" + RUTLAND + "</p><p>Leaders welcomed the verdict and thanked staff.</p></article>"
                    "<footer>Contact us</footer></body></html>", "utf-8")
    text = run("text", str(page)).stdout
    (record,) = json.loads(run("-q", "--format", "json", str(page)).stdout)
    evidence = record["evidence"]["council"]
    assert text[evidence["start"]:evidence["end"]] == evidence["text"]
    assert "Home | Sport" not in text


def test_explain_shows_what_the_annotator_saw(folder: Path) -> None:
    result = run("explain", str(folder / "rutland.txt"))
    assert result.exit_code == 0, result.stderr
    assert "COUNCIL[Rutland County Council|E06000017]" in result.stdout
    assert "GRADE[good=good:current]" in result.stdout
    assert run("explain", "--help").exit_code == 0


# ---------------------------------------------------------------- real pipes, a real terminal, Ctrl-C

PIPE_COMMANDS = {
    "extract": ["--format", "jsonl", str(SAMPLES)],
    "timeline": ["timeline", str(SAMPLES)],
    "report": ["report", str(SAMPLES)],
    "evaluate": ["evaluate", "-q", str(SAMPLES)],
    "schema": ["schema"],
    "text": ["text", str(SAMPLES / "cyp-2016-03-derbyshire-sefton-two-councils.txt")],
    "explain": ["explain", str(SAMPLES / "cyp-2016-03-derbyshire-sefton-two-councils.txt")],
}


@pytest.mark.parametrize("command", sorted(PIPE_COMMANDS))
def test_a_closed_pipe_ends_every_command_quietly(command: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the tool writes a byte
    tool = subprocess.run([str(OFSTED_EXTRACT), *PIPE_COMMANDS[command]], stdout=write_end,
                          stderr=subprocess.PIPE, timeout=300)
    os.close(write_end)
    stderr = tool.stderr.decode()
    assert tool.returncode == 0, stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr


def test_report_refuses_to_write_html_to_a_terminal() -> None:
    main, secondary = pty.openpty()
    try:
        tool = subprocess.run([str(OFSTED_EXTRACT), "report", str(SAMPLES)], stdout=secondary,
                              stderr=subprocess.PIPE, timeout=300)
    finally:
        os.close(secondary)
        os.close(main)
    assert tool.returncode == 2
    assert "-o report.html" in tool.stderr.decode()


def test_ctrl_c_exits_130_and_leaves_no_output_file(tmp_path: Path) -> None:
    many = tmp_path / "many"
    many.mkdir()
    for number in range(400):
        (many / f"a{number:03d}.txt").write_text(RUTLAND, "utf-8")
    out = tmp_path / "out.json"
    tool = subprocess.Popen([str(OFSTED_EXTRACT), "-j", "1", "--format", "jsonl", str(many)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert tool.stdout is not None
    tool.stdout.readline()  # extraction is under way
    tool.send_signal(signal.SIGINT)
    _, stderr = tool.communicate(timeout=120)
    assert tool.returncode == 130, stderr.decode()
    assert "Aborted" not in stderr.decode() and "Traceback" not in stderr.decode()
    second = subprocess.Popen([str(OFSTED_EXTRACT), "-j", "1", "-o", str(out), "-q", str(many)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while not list(tmp_path.glob(".out.json.*.tmp")):  # the temporary output file exists: work is under way
        assert second.poll() is None
    second.send_signal(signal.SIGINT)
    second.communicate(timeout=120)
    assert second.returncode == 130
    assert not out.exists() and not list(tmp_path.glob(".out.json.*"))


# ---------------------------------------------------------------- --patterns: the shipped files' names

SUPPOSEDLY = "Ofsted supposedly rated Rutland County Council's children's services 'good' after an inspection in May 2019.\n"


def test_a_users_context_rule_changes_how_a_grade_is_read(tmp_path: Path, nlp) -> None:
    article = tmp_path / "rumour.txt"
    article.write_text(SUPPOSEDLY, "utf-8")
    assert [r["council"] for r in json.loads(run("-q", str(article)).stdout)] == ["Rutland"]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "context_rules.jsonl").write_text(
        '{"literal": "supposedly", "category": "HYPOTHETICAL", "direction": "forward", "max_scope": 12}\n', "utf-8")
    result = run("-q", "--patterns", str(mine), str(article))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert "GRADE[good=good:hypothetical]" in run("explain", "--patterns", str(mine), str(article)).stdout


def test_a_users_context_rule_is_checked_as_strictly_as_the_shipped_ones(tmp_path: Path, nlp) -> None:
    (tmp_path / "context_rules.jsonl").write_text(
        '{"literal": "supposedly", "category": "HYPOTHETICAL", "direction": "forward"}\n'
        '{"literal": "allegedly", "category": "RUMOUR", "direction": "forward"}\n', "utf-8")
    result = run("-q", "--patterns", str(tmp_path), str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'context_rules.jsonl'}:2: category:" in result.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in (SAMPLES.parent / "patterns").iterdir() if p.is_file()))
def test_every_shipped_file_name_is_taken(tmp_path: Path, name: str) -> None:
    from ofsted_extract.annotate import EXTENDABLE_FILES, user_pattern_files

    (tmp_path / name).write_text("", "utf-8")
    assert name in EXTENDABLE_FILES
    assert user_pattern_files(tmp_path) == {name: [tmp_path / name]}


@pytest.mark.parametrize("name", ["date_role.json", "framework.jsonl", "notes.json"])
def test_a_file_named_like_no_shipped_one_is_refused(tmp_path: Path, name: str) -> None:
    from ofsted_extract.annotate import user_pattern_files
    from ofsted_extract.errors import PatternsError

    (tmp_path / name).write_text("", "utf-8")
    with pytest.raises(PatternsError, match=re.escape(f"{tmp_path / name}: unknown pattern file")):
        user_pattern_files(tmp_path)

"""Broken and hostile inputs (issue 6): each bad input is that input's one-line error and the rest carries on;
the counts add up; the output is the same every time; pattern files are data; `-o` survives a kill.

The read stage's own cases (encodings, empty, binary, sizes, links, permissions, malformed HTML) are in
test_read.py; --jobs 1 against --jobs 2 is in test_pipes.py. This file covers the rest: the per-input
boundary around extraction, the accounting line over a folder holding every bad class at once, a 50 MB
file, a folder named like a file, a file deleted after listing, pattern files, determinism across runs
and listing orders, and killing a run that writes `-o`.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ofsted_extract import api, patternfiles
from ofsted_extract import read as read_mod
from ofsted_extract.annotate import RULERS, build_pipeline
from ofsted_extract.api import Settings, extract_many
from ofsted_extract.cli import cli
from ofsted_extract.errors import InputProblem, PatternsError
from ofsted_extract.read import DEFAULT_MAX_BYTES, expand_inputs, read_source
from ofsted_extract.write import atomic_output

from conftest import OFSTED_EXTRACT, REPO, recording_open

LEWISHAM = ("Lewisham Council's children's services have been rated 'good' by Ofsted following an inspection in "
            "March 2019. The council had previously been judged to require improvement in 2015.\n")
DERBYSHIRE = ("Ofsted has rated Derbyshire County Council's children's services 'inadequate' after inspectors "
              "visited in May 2019. Adoption performance was judged good.\n")
NO_RECORD = "A primary school in Kent has been rated 'outstanding' by Ofsted for the third time.\n"

SUMMARY = re.compile(r"^ofsted-extract: read (\d+) inputs?: (\d+) with records, (\d+) without, (\d+) errors?; "
                     r"(\d+) records? in [\d.]+s$")
ERROR_LINE = re.compile(r"^ofsted-extract: (?P<source>.+?): (?P<reason>[^\n]+)$")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def accounting(stderr: str) -> dict[str, int]:
    """The summary line's numbers, checked to add up."""
    matches = [m for m in map(SUMMARY.match, stderr.splitlines()) if m]
    assert len(matches) == 1, stderr
    read, with_records, without, errors, records = map(int, matches[0].groups())
    assert read == with_records + without + errors, stderr
    return {"read": read, "with": with_records, "without": without, "errors": errors, "records": records}


def error_lines(stderr: str) -> dict[str, str]:
    """{source: reason} from the one-line error reports (every source reported once)."""
    found: dict[str, str] = {}
    for line in stderr.splitlines():
        if SUMMARY.match(line):
            continue
        match = ERROR_LINE.match(line)
        assert match, f"not a one-line error report: {line!r}"
        assert match["source"] not in found, f"{match['source']} reported twice"
        found[match["source"]] = match["reason"]
    return found


@pytest.fixture
def three(tmp_path: Path, nlp) -> list[str]:
    """Three articles in a folder, the middle one the victim; and the pipeline built."""
    return [str(write(tmp_path / name, text)) for name, text in
            (("a.txt", LEWISHAM), ("b.txt", NO_RECORD + LEWISHAM), ("c.txt", DERBYSHIRE))]


# ---------------------------------------------------------------- the per-input boundary


def test_an_exception_while_extracting_one_input_is_its_error_and_the_rest_carries_on(
        three: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    real = api.records_from_doc

    def fails_on_b(doc, source, *args):
        if source.endswith("b.txt"):
            raise RuntimeError("boom\nand a second line that must not reach the report")
        return real(doc, source, *args)

    monkeypatch.setattr(api, "records_from_doc", fails_on_b)
    results = list(extract_many(three, jobs=1))
    assert [r.source for r in results] == three
    assert results[1].error == "internal error: RuntimeError: boom"
    assert results[1].records == []
    assert [r.records[0].council for r in (results[0], results[2])] == ["Lewisham", "Derbyshire"]
    assert results[0].error is None and results[2].error is None


def test_an_exception_inside_the_spacy_pipeline_fails_only_that_input(
        three: list[str], monkeypatch: pytest.MonkeyPatch, nlp) -> None:
    class Poisoned:
        """The real pipeline, except that it raises on one text, in a batch and alone."""

        def __getattr__(self, name: str):  # max_length, memory_zone, ...: the real pipeline's
            return getattr(nlp, name)

        def __call__(self, text: str):
            if text.startswith(NO_RECORD):
                raise ValueError("component failed")
            return nlp(text)

        def pipe(self, texts, batch_size: int = 1):
            for text in texts:
                yield self(text)

        def memory_zone(self):
            return nlp.memory_zone()

    monkeypatch.setattr(api, "pipeline", lambda settings=Settings(): Poisoned())
    results = list(extract_many(three, jobs=1))
    assert [r.error for r in results] == [None, "internal error: ValueError: component failed", None]
    assert [r.records[0].council for r in (results[0], results[2])] == ["Lewisham", "Derbyshire"]


def test_an_unexpected_exception_while_reading_is_that_inputs_error(
        three: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    real = api.read_source

    def fails_on_b(source, **kwargs):
        if source.endswith("b.txt"):
            raise UnicodeError("decoder fell over")
        return real(source, **kwargs)

    monkeypatch.setattr(api, "read_source", fails_on_b)
    results = list(extract_many(three, jobs=1))
    assert [r.error for r in results] == [None, "internal error: UnicodeError: decoder fell over", None]


def test_the_cli_reports_an_internal_error_on_one_line_naming_the_path(
        three: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    real = api.records_from_doc

    def fails_on_b(doc, source, *args):
        if source.endswith("b.txt"):
            raise KeyError("span")
        return real(doc, source, *args)

    monkeypatch.setattr(api, "records_from_doc", fails_on_b)
    result = run("--format", "jsonl", *three)
    assert result.exit_code == 1
    assert error_lines(result.stderr) == {three[1]: "internal error: KeyError: 'span'"}
    assert [json.loads(line)["council"] for line in result.stdout.splitlines()] == ["Lewisham", "Derbyshire"]
    assert accounting(result.stderr) == {"read": 3, "with": 2, "without": 0, "errors": 1, "records": 2}


def test_an_article_longer_than_the_pipeline_takes_is_refused_clearly(
        three: list[str], monkeypatch: pytest.MonkeyPatch, nlp) -> None:
    monkeypatch.setattr(nlp, "max_length", len(LEWISHAM) + 10)
    results = list(extract_many(three, jobs=1))
    assert results[1].error == (f"text is {len(NO_RECORD + LEWISHAM)} characters, over the limit of "
                                f"{len(LEWISHAM) + 10} for one article (split the file)")
    assert results[0].records and results[2].records


# ---------------------------------------------------------------- every bad class at once: accounting


def test_a_folder_of_every_bad_input_class_reports_each_once_and_the_counts_add_up(tmp_path: Path, nlp) -> None:
    root = tmp_path / "in"
    good = {
        "utf8.txt": LEWISHAM.encode("utf-8"),
        "utf8-bom.txt": b"\xef\xbb\xbf" + DERBYSHIRE.encode("utf-8"),
        "utf16-bom.txt": b"\xff\xfe" + LEWISHAM.replace("Lewisham", "Lambeth").encode("utf-16-le"),
        "cp1252.txt": DERBYSHIRE.replace("'", "\u2019").replace("Derbyshire", "Dorset").encode("cp1252"),
        "none.txt": NO_RECORD.encode("utf-8"),
        "broken.html": ("<html><body><div><p>" + LEWISHAM.replace("Lewisham", "Leeds") + "<p><b>unclosed <i>tags"
                        ).encode("utf-8"),
    }
    bad = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b" \r\n\t \n", "only whitespace"),
        "nul.txt": (b"Lewisham\x00rated\x00good", "binary file (NUL bytes)"),
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        "big.txt": (b"x" * 2_000, "file is 2000 bytes, over the --max-bytes limit of 1000"),
    }
    for name, data in good.items():
        write(root / name, data)
    for name, (data, _) in bad.items():
        write(root / name, data)
    (root / "folder.txt").mkdir()  # a folder named like a file: walked, not read
    write(root / "folder.txt" / "inner.txt", DERBYSHIRE)
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "loop")  # a link back to a parent
    os.symlink("spin.txt", root / "spin.txt")  # a link to itself
    os.symlink("gone.txt", root / "dangling.txt")
    missing = str(tmp_path / "missing.txt")

    result = run("--format", "jsonl", "--max-bytes", "1000", str(root), missing)
    assert result.exit_code == 1
    reported = error_lines(result.stderr)
    expected_errors = {str(root / name): reason for name, (_, reason) in bad.items()}
    expected_errors[missing] = "no such file or directory"
    assert {k: v for k, v in reported.items() if k in expected_errors} == expected_errors
    assert set(reported) == set(expected_errors) | {str(root / "spin.txt"), str(root / "dangling.txt")}
    assert "loop" in reported[str(root / "spin.txt")]
    assert "broken symbolic link" in reported[str(root / "dangling.txt")]

    records = [json.loads(line) for line in result.stdout.splitlines()]
    inputs = len(good) + 1 + len(reported)  # the good files, folder.txt/inner.txt, and every error
    counts = accounting(result.stderr)
    assert counts == {"read": inputs, "with": 6, "without": 1, "errors": len(reported), "records": len(records)}
    assert sorted({r["council"] for r in records}) == ["Derbyshire", "Dorset", "Lambeth", "Leeds", "Lewisham"]
    assert {r["source"] for r in records} == {str(root / n) for n in good if n != "none.txt"} | {
        str(root / "folder.txt" / "inner.txt")}


# ---------------------------------------------------------------- single classes the read tests leave open


def test_a_50_mb_file_is_refused_from_its_size_without_reading_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    reads: list[int] = []
    monkeypatch.setattr(read_mod, "open", recording_open(reads), raising=False)
    with pytest.raises(InputProblem) as info:
        read_source(str(big))
    assert info.value.reason == f"file is {50 * 1024 * 1024} bytes, over the --max-bytes limit of {DEFAULT_MAX_BYTES}"
    assert reads == []  # refused from fstat alone


def test_the_max_bytes_default_is_the_documented_one() -> None:
    assert DEFAULT_MAX_BYTES == 10_000_000
    assert f"default {DEFAULT_MAX_BYTES:,}" in (REPO / "README.md").read_text(encoding="utf-8")
    help_text = run("extract", "--help").stdout
    assert re.search(r"--max-bytes.*\[default:\s*10000000", help_text.replace("\n", " ")), help_text


def test_a_folder_named_like_a_file(tmp_path: Path, nlp) -> None:
    named = tmp_path / "article.txt"
    write(named / "inside.txt", LEWISHAM)
    (tmp_path / "empty.txt").mkdir()
    assert list(expand_inputs([str(named)])) == [str(named / "inside.txt")]
    with pytest.raises(InputProblem, match="is a directory"):
        read_source(str(named))
    result = run("--format", "jsonl", str(named), str(tmp_path / "empty.txt"))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == {str(tmp_path / "empty.txt"): "no *.txt, *.html or *.htm files"}
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(named / "inside.txt")]


def test_a_file_deleted_between_listing_and_reading_is_reported_and_counted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp) -> None:
    write(tmp_path / "a.txt", LEWISHAM)
    doomed = write(tmp_path / "b.txt", DERBYSHIRE)
    write(tmp_path / "c.txt", NO_RECORD)
    real = read_mod.expand_inputs

    def list_then_delete(paths, globs=read_mod.DEFAULT_GLOBS):
        listed = list(real(paths, globs))
        doomed.unlink()
        return iter(listed)

    monkeypatch.setattr(read_mod, "expand_inputs", list_then_delete)
    result = run("--format", "jsonl", str(tmp_path))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == {str(doomed): "no such file (deleted while reading?)"}
    assert accounting(result.stderr) == {"read": 3, "with": 1, "without": 1, "errors": 1, "records": 1}


def test_a_symlink_loop_ends_in_the_cli_too(tmp_path: Path, nlp) -> None:
    root = tmp_path / "in"
    write(root / "a" / "x.txt", LEWISHAM)
    os.symlink("../b", root / "a" / "to_b")
    write(root / "b" / "y.txt", DERBYSHIRE)
    os.symlink("../a", root / "b" / "to_a")  # a -> b -> a
    result = run("--format", "jsonl", str(root))
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["council"] for line in result.stdout.splitlines()] == ["Lewisham", "Derbyshire"]
    assert accounting(result.stderr)["read"] == 2


def many_files(folder: Path, count: int) -> None:
    folder.mkdir()
    texts = (LEWISHAM, NO_RECORD, DERBYSHIRE, "", " \n")
    for i in range(count):
        (folder / f"{i:05d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")


def check_many(result_stdout: bytes | str, stderr: str, count: int) -> None:
    per_cycle, rest = divmod(count, 5)
    with_records = 2 * per_cycle + min(rest, 1) + (rest > 2)
    without = per_cycle + (rest > 1)
    errors = count - with_records - without
    counts = accounting(stderr)
    assert counts == {"read": count, "with": with_records, "without": without, "errors": errors,
                      "records": with_records}
    assert len(result_stdout.splitlines()) == with_records


def test_a_folder_of_many_files_is_all_accounted_for(tmp_path: Path, nlp) -> None:
    many_files(tmp_path / "many", 503)
    result = run("--format", "jsonl", "-j", "1", str(tmp_path / "many"))
    assert result.exit_code == 1
    check_many(result.stdout, result.stderr, 503)


@pytest.mark.slow
def test_a_folder_of_ten_thousand_files_is_all_accounted_for(tmp_path: Path) -> None:
    many_files(tmp_path / "many", 10_000)
    done = subprocess.run([str(OFSTED_EXTRACT), "--format", "jsonl", str(tmp_path / "many")],
                          capture_output=True, timeout=1800)
    assert done.returncode == 1
    check_many(done.stdout, done.stderr.decode(), 10_000)


# ---------------------------------------------------------------- determinism


def test_two_runs_with_different_hash_seeds_give_the_same_bytes(shared_corpus: Path, nlp) -> None:
    """A fresh process without hash randomisation, and this one (randomised unless PYTHONHASHSEED is set):
    set and dict-of-set iteration orders differ between them, the output must not."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    fresh = subprocess.run([str(OFSTED_EXTRACT), "--format", "jsonl", "-q", "-j", "1", str(shared_corpus)],
                           capture_output=True, check=True, timeout=600, env=env).stdout
    here = run("--format", "jsonl", "-q", "-j", "1", str(shared_corpus))
    assert here.exit_code == 0, here.stderr
    assert fresh and fresh == here.stdout_bytes


def test_output_does_not_depend_on_creation_or_listing_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             nlp) -> None:
    texts = {"b.txt": DERBYSHIRE, "a.txt": LEWISHAM, "sub/c.txt": NO_RECORD, "A.txt": LEWISHAM.replace(
        "Lewisham", "Leeds"), "sub/z/d.txt": DERBYSHIRE.replace("Derbyshire", "Dorset"), "a-b.txt": LEWISHAM}
    first, second = tmp_path / "one", tmp_path / "two"
    for name in texts:
        write(first / name, texts[name])
    for name in reversed(list(texts)):
        write(second / name, texts[name])
    plain = run("--format", "json", "-q", str(first)).stdout
    real_scandir = os.scandir

    class Reversed:
        def __init__(self, path):
            self.it = real_scandir(path)

        def __enter__(self):
            return reversed(list(self.it))

        def __exit__(self, *exc):
            self.it.close()

    monkeypatch.setattr(read_mod.os, "scandir", Reversed)
    shuffled = run("--format", "json", "-q", str(second)).stdout
    assert json.loads(plain)
    assert plain == shuffled.replace(str(second), str(first))


# ---------------------------------------------------------------- pattern files are data


def patterns_folder(tmp_path: Path, body: str | bytes, name: str = "grades.jsonl") -> Path:
    folder = tmp_path / "patterns"
    write(folder / name, body)
    return folder


GOOD_LINE = '{"label": "GRADE", "pattern": "top marks", "id": "outstanding"}'


@pytest.mark.parametrize(("body", "line", "message"), [
    (GOOD_LINE + "\n\n{label: GRADE}\n", 3, "not valid JSON"),
    ('{"label": "GRADE", "pattern": 42, "id": "good"}\n', 1, "valid string"),
    (GOOD_LINE + '\n{"label": "GRADE", "pattern": "x", "id": "good", "eval": "__import__(\'os\')"}\n', 2,
     "eval: Extra inputs are not permitted"),
    ('["GRADE", "x"]\n', 1, "valid dictionary"),
    ("\n\n" + '{"label": "EVIL", "pattern": "x"}\n', 3, "unknown label 'EVIL'"),
    ('\n{"label": "GRADE", "pattern": "x", "id": "os.system"}\n', 2, "id 'os.system' is not one of"),
    ('!!python/object/apply:os.system ["touch PWNED"]\n', 1, "not valid JSON"),
    ("label: GRADE\npattern: good\n", 1, "not valid JSON"),
    ('{"label": "GRADE", "pattern": [{"BOGUS": "x"}], "id": "good"}\n', 1, "invalid token pattern"),
    ('{"label": "GRADE", "pattern": [{"TEXT": {"REGEX": "(a+)+$"}}], "id": "good"}\n', 1, "REGEX is not allowed"),
    ('{"label": "GRADE", "pattern": [{"LENGTH": NaN}], "id": "good"}\n', 1, "NaN is not a JSON value"),
    ('{"label": "GRADE", "label": "EVIL", "pattern": "x", "id": "good"}\n', 1, "duplicate key 'label'"),
    ('{"label": "GRADE", "pattern": ' + "[" * 100_000 + "]" * 100_000 + "}\n", 1, "nested too deeply"),
    (GOOD_LINE + "\n" + GOOD_LINE + "\n" + "\x80\x03cos\nsystem\n", 3, "not UTF-8 text"),
    ('{"label": "GRADE", "pattern": "  ", "id": "good"}\n', 1, "empty pattern"),
    (GOOD_LINE + '\n{"label": "GRADE", "pattern": [{"LOWER": "rated"}, {"OP": "*"}, {"OP": "*"}, '
     '{"LOWER": "good"}], "id": "good"}\n', 2, "2 open wildcard tokens"),
    ('{"label": "GRADE", "pattern": [{"IS_ALPHA": true, "OP": "+"}, {"LOWER": "x"}, '
     '{"LENGTH": {">": 1}, "OP": "*"}], "id": "good"}\n', 1, "2 open wildcard tokens"),
    ('{"label": "GRADE", "pattern": [{"OP": "{2,}"}, {"OP": "{0,40}"}, {"OP": "+"}], "id": "good"}\n', 1,
     "3 open wildcard tokens"),
], ids=["json", "type", "unknown-key", "not-object", "label", "id", "yaml-tag", "yaml", "token-key", "regex",
        "nan", "duplicate-key", "deep", "pickle", "blank-pattern", "stacked-wildcards", "broad-wildcards",
        "range-wildcards"])
def test_a_bad_patterns_file_is_rejected_with_its_file_and_line(tmp_path: Path, body: str, line: int,
                                                                message: str) -> None:
    folder = patterns_folder(tmp_path, body.encode("latin-1") if "\x80" in body else body)
    with pytest.raises(PatternsError) as info:
        patternfiles.load_span_patterns(folder / "grades.jsonl", RULERS["ofsted_grades"][2])
    assert str(info.value).startswith(f"{folder / 'grades.jsonl'}:{line}: "), str(info.value)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert not (tmp_path / "PWNED").exists()


def test_a_context_rule_with_stacked_wildcards_is_refused_with_its_file_and_line(tmp_path: Path) -> None:
    rule = {"literal": "x", "category": "PRIOR", "direction": "forward",
            "pattern": [{"LOWER": "last"}, {"OP": "+"}, {"OP": "*"}, {"LOWER": "inspection"}]}
    path = tmp_path / "context_rules.jsonl"
    path.write_text("\n" + json.dumps(rule) + "\n", encoding="utf-8")
    with pytest.raises(PatternsError, match=rf"^{re.escape(str(path))}:2: .*2 open wildcard tokens"):
        patternfiles.load_context_rules(path)


def test_one_open_wildcard_and_wildcards_held_to_words_are_allowed() -> None:
    pattern = [{"LOWER": "rated"}, {"OP": "*"}, {"LOWER": {"IN": ["very", "really"]}, "OP": "*"},
               {"ORTH": "so", "OP": "+"}, {"LOWER": "good"}]
    assert patternfiles.check_token_pattern(pattern) == pattern


def test_code_in_a_pattern_is_only_ever_a_phrase_to_match(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "PWNED"
    payload = f"__import__('os').system('touch {marker}')"
    folder = patterns_folder(tmp_path, json.dumps({"label": "GRADE", "pattern": payload, "id": "good"}) + "\n")
    monkeypatch.chdir(tmp_path)
    nlp = build_pipeline(None, folder)
    assert not marker.exists()
    doc = nlp(f"Inspectors rated the service {payload} today.")
    assert payload in [span.text for span in doc.spans["ofsted_grade"]]
    assert not marker.exists()


def test_a_huge_patterns_file_is_refused_without_reading_it_all(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = patterns_folder(tmp_path, (GOOD_LINE + "\n") * 100)
    reads: list[int] = []
    monkeypatch.setattr(patternfiles, "MAX_PATTERN_FILE_BYTES", 1_000)
    monkeypatch.setattr(patternfiles, "open", recording_open(reads), raising=False)
    with pytest.raises(PatternsError, match=r"grades\.jsonl: pattern file is over 1000 bytes$"):
        patternfiles.load_span_patterns(folder / "grades.jsonl")
    assert reads == [1_001]


def test_the_cli_refuses_a_bad_patterns_file_naming_file_and_line(tmp_path: Path) -> None:
    folder = patterns_folder(tmp_path, GOOD_LINE + "\n" + '{"label": "GRADE", "pattern": "x", "id": "bad"}\n')
    article = write(tmp_path / "a.txt", LEWISHAM)
    result = CliRunner().invoke(cli, ["--patterns", str(folder), "--model", "none", str(article)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{folder / 'grades.jsonl'}:2: id 'bad' is not one of" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- atomic -o


def test_atomic_output_leaves_the_old_file_when_the_run_fails(tmp_path: Path) -> None:
    target = write(tmp_path / "out.json", "old\n")
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(target) as handle:
            handle.write("half a result")
            raise KeyboardInterrupt
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_killing_a_run_mid_way_leaves_an_existing_output_file_intact(tmp_path: Path, nlp) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(600):
        (folder / f"{i:04d}.txt").write_text((LEWISHAM, DERBYSHIRE)[i % 2], encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = write(out_dir / "out.json", '["the old records"]\n')
    proc = subprocess.Popen([str(OFSTED_EXTRACT), "-q", "-j", "1", "-o", str(target), str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        # Wait (polling, no fixed sleep) until the run is writing its temporary file, then kill it.
        while not [p for p in out_dir.iterdir() if p.name != "out.json"] and time.monotonic() < deadline:
            assert proc.poll() is None, "the run ended before it could be killed; give it more files"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
    finally:
        returncode = proc.wait(timeout=60)
    assert returncode == -signal.SIGKILL, "the run finished before the kill; the test proved nothing"
    assert target.read_text(encoding="utf-8") == '["the old records"]\n'
    leftovers = [p.name for p in out_dir.iterdir() if p.name != "out.json"]
    # What a kill leaves is one hidden temporary file beside the target, never the target itself.
    assert len(leftovers) == 1 and re.fullmatch(r"\.out\.json\.[^/]+\.tmp", leftovers[0]), leftovers

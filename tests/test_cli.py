"""The command line (ofsted_extract.cli), driven through click's CliRunner: formats, files, errors, schema, help."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ofsted_extract.cli import cli
from ofsted_extract.models import AREAS

LEWISHAM = ("Lewisham Council's children's services have been rated 'good' by Ofsted following an inspection in "
            "March 2019. The council had previously been judged to require improvement in 2015.\n")
DERBYSHIRE = ("Ofsted has rated Derbyshire County Council's children's services 'inadequate' after inspectors "
              "visited in May 2019. Adoption performance was judged good.\n")
NO_RECORD = "A primary school in Kent has been rated 'outstanding' by Ofsted for the third time.\n"

#: The record fields GUIDE.md defines ("Fields of a record"), and the keys its output contract adds.
GUIDE_FIELDS = ("council", "inspection_type", "grade", "judgements", "inspection_date", "published_date",
                "prior_grade", "prior_judgements", "prior_year", "article_date")
CONTRACT_KEYS = ("source", "ons_code", "evidence", "confidence")

SUMMARY = re.compile(r"^ofsted-extract: read (\d+) inputs?: (\d+) with records, (\d+) without, (\d+) errors?; "
                     r"(\d+) records? in [\d.]+s$")


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def stderr_lines(result: Result) -> list[str]:
    return result.stderr.splitlines()


def summary_counts(result: Result) -> dict[str, int]:
    matches = [m for m in map(SUMMARY.match, stderr_lines(result)) if m]
    assert len(matches) == 1, result.stderr
    read, with_records, without, errors, records = map(int, matches[0].groups())
    return {"read": read, "with": with_records, "without": without, "errors": errors, "records": records}


@pytest.fixture
def articles(tmp_path: Path, nlp) -> dict[str, Path]:
    """Three small articles: two with one record each, one with none (and the pipeline already built)."""
    return {
        "lewisham": write(tmp_path / "lewisham.txt", LEWISHAM),
        "derbyshire": write(tmp_path / "derbyshire.txt", DERBYSHIRE),
        "none": write(tmp_path / "school.txt", NO_RECORD),
    }


# ---------------------------------------------------------------- formats


def test_json_is_one_array_of_records(articles: dict[str, Path]) -> None:
    result = run("--format", "json", "--quiet", str(articles["lewisham"]))
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 1
    (record,) = records
    assert record["council"] == "Lewisham"
    assert record["ons_code"] == "E09000023"
    assert record["grade"] == "good"
    assert record["inspection_date"] == "2019-03"
    assert record["prior_grade"] == "requires_improvement"
    assert record["prior_year"] == 2015
    assert record["source"] == str(articles["lewisham"])
    assert set(GUIDE_FIELDS + CONTRACT_KEYS) <= set(record)


def test_json_with_no_records_is_an_empty_array(articles: dict[str, Path]) -> None:
    result = run("--format", "json", "--quiet", str(articles["none"]))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_jsonl_is_one_object_per_line_and_nothing_else(articles: dict[str, Path]) -> None:
    result = run("--format", "jsonl", str(articles["lewisham"]), str(articles["none"]), str(articles["derbyshire"]))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert result.stdout.endswith("\n")
    assert len(lines) == 2
    objects = [json.loads(line) for line in lines]
    assert all(isinstance(o, dict) for o in objects)
    assert [o["council"] for o in objects] == ["Lewisham", "Derbyshire"]  # input order


def test_csv_has_stable_columns_and_one_row_per_record(articles: dict[str, Path]) -> None:
    result = run("--format", "csv", "--quiet", str(articles["lewisham"]), str(articles["derbyshire"]))
    assert result.exit_code == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    header = reader.fieldnames or []
    for area in AREAS:
        assert f"judgement_{area}" in header
        assert f"prior_judgement_{area}" in header
    for column in ("source", "council", "ons_code", "inspection_type", "grade", "inspection_date",
                   "published_date", "prior_grade", "prior_year", "article_date", "confidence"):
        assert column in header
    assert len(header) == len(set(header))
    assert [r["council"] for r in rows] == ["Lewisham", "Derbyshire"]
    assert rows[0]["grade"] == "good" and rows[0]["prior_year"] == "2015"


def test_csv_header_does_not_depend_on_the_data(articles: dict[str, Path]) -> None:
    empty = run("--format", "csv", "--quiet", str(articles["none"]))
    full = run("--format", "csv", "--quiet", str(articles["lewisham"]))
    assert empty.exit_code == full.exit_code == 0
    assert empty.stdout.splitlines() == [full.stdout.splitlines()[0]]


def test_table_prints_the_council(articles: dict[str, Path]) -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        cli, ["--format", "table", "--quiet", str(articles["lewisham"])])
    assert result.exit_code == 0, result.stderr
    assert "Lewisham" in result.stdout
    assert "E09000023" in result.stdout
    assert "good" in result.stdout


def test_default_format_off_a_terminal_is_json(articles: dict[str, Path]) -> None:
    result = run("--quiet", str(articles["lewisham"]))
    assert result.exit_code == 0, result.stderr
    assert [r["council"] for r in json.loads(result.stdout)] == ["Lewisham"]


def test_the_same_records_in_json_jsonl_and_csv(articles: dict[str, Path]) -> None:
    paths = [str(articles[k]) for k in ("lewisham", "none", "derbyshire")]
    as_json = json.loads(run("--format", "json", "--quiet", *paths).stdout)
    as_jsonl = [json.loads(line) for line in run("--format", "jsonl", "--quiet", *paths).stdout.splitlines()]
    as_csv = list(csv.DictReader(io.StringIO(run("--format", "csv", "--quiet", *paths).stdout)))
    assert len(as_json) == 2
    assert as_jsonl == as_json
    assert len(as_csv) == len(as_json)
    for row, record in zip(as_csv, as_json):
        for key, value in row.items():
            if key.startswith("prior_judgement_"):
                expected = record["prior_judgements"].get(key.removeprefix("prior_judgement_"), "")
            elif key.startswith("judgement_"):
                expected = record["judgements"].get(key.removeprefix("judgement_"), "")
            else:
                expected = "" if record[key] is None else str(record[key])
            assert value == expected, (record["council"], key)


# ---------------------------------------------------------------- inputs and outputs


def test_output_file_gets_the_records_and_stdout_nothing(articles: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("--format", "jsonl", "-o", str(out), str(articles["lewisham"]), str(articles["derbyshire"]))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["council"] for r in records] == ["Lewisham", "Derbyshire"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl")] == []  # no temporary left


def test_output_file_defaults_to_json(articles: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("--quiet", "-o", str(out), str(articles["lewisham"]))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert [r["council"] for r in json.loads(out.read_text(encoding="utf-8"))] == ["Lewisham"]


def test_dash_reads_stdin(nlp) -> None:
    result = run("--format", "jsonl", "--quiet", "-", input=LEWISHAM)
    assert result.exit_code == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["council"] == "Lewisham"
    assert record["source"] == "-"
    assert LEWISHAM[record["evidence"]["grade"]["start"]:record["evidence"]["grade"]["end"]] == "good"


def test_a_folder_is_read(articles: dict[str, Path], tmp_path: Path) -> None:
    result = run("--format", "jsonl", "--quiet", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    councils = sorted(json.loads(line)["council"] for line in result.stdout.splitlines())
    assert councils == ["Derbyshire", "Lewisham"]


# ---------------------------------------------------------------- input errors


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    return {
        "empty": write(tmp_path / "empty.txt", b""),
        "binary": write(tmp_path / "binary.txt", b"Lewisham\x00\x01\x02 rated good\x00"),
        "missing": tmp_path / "missing.txt",
    }


@pytest.mark.parametrize("kind", ["empty", "binary", "missing"])
def test_an_unreadable_input_is_one_stderr_line_and_exit_1(articles: dict[str, Path], bad_inputs: dict[str, Path],
                                                           kind: str) -> None:
    bad = str(bad_inputs[kind])
    result = run("--format", "jsonl", "--quiet", str(articles["lewisham"]), bad, str(articles["derbyshire"]))
    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert len(lines) == 1, result.stderr
    assert bad in lines[0]
    assert [json.loads(line)["council"] for line in result.stdout.splitlines()] == ["Lewisham", "Derbyshire"]


def test_each_unreadable_input_is_reported_once_and_the_others_processed(
        articles: dict[str, Path], bad_inputs: dict[str, Path]) -> None:
    bad = [str(bad_inputs[k]) for k in ("empty", "binary", "missing")]
    result = run("--format", "jsonl", bad[0], str(articles["lewisham"]), bad[1], bad[2])
    assert result.exit_code == 1
    for path in bad:
        assert sum(path in line for line in stderr_lines(result)) == 1, (path, result.stderr)
    assert [json.loads(line)["council"] for line in result.stdout.splitlines()] == ["Lewisham"]
    assert summary_counts(result)["errors"] == 3


def test_errors_file_has_one_json_line_per_failed_input(articles: dict[str, Path], bad_inputs: dict[str, Path],
                                                        tmp_path: Path) -> None:
    errors_file = tmp_path / "errors.jsonl"
    bad = [str(bad_inputs[k]) for k in ("empty", "binary", "missing")]
    result = run("--format", "jsonl", "--quiet", "--errors-file", str(errors_file), str(articles["lewisham"]), *bad)
    assert result.exit_code == 1
    entries = [json.loads(line) for line in errors_file.read_text(encoding="utf-8").splitlines()]
    assert [e["source"] for e in entries] == bad
    for entry in entries:
        assert set(entry) == {"source", "error"}
        assert isinstance(entry["error"], str) and entry["error"]


def test_errors_file_is_empty_when_nothing_fails(articles: dict[str, Path], tmp_path: Path) -> None:
    errors_file = tmp_path / "errors.jsonl"
    result = run("--format", "jsonl", "--quiet", "--errors-file", str(errors_file), str(articles["lewisham"]))
    assert result.exit_code == 0, result.stderr
    assert errors_file.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize("args", [
    ["--no-such-option", "x.txt"],
    ["extract", "--no-such-option", "x.txt"],
    ["x.txt", "--format", "xml"],
    ["--format", "json"],
])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Usage:" in result.stderr


# ---------------------------------------------------------------- summary line


def test_summary_line_counts_add_up(articles: dict[str, Path], bad_inputs: dict[str, Path]) -> None:
    paths = [str(articles["lewisham"]), str(articles["none"]), str(bad_inputs["empty"]),
             str(articles["derbyshire"]), str(bad_inputs["missing"])]
    result = run("--format", "jsonl", *paths)
    counts = summary_counts(result)
    assert counts == {"read": 5, "with": 2, "without": 1, "errors": 2, "records": 2}
    assert counts["read"] == counts["with"] + counts["without"] + counts["errors"]
    assert counts["records"] == len(result.stdout.splitlines())


def test_quiet_suppresses_the_summary(articles: dict[str, Path]) -> None:
    loud = run("--format", "jsonl", str(articles["lewisham"]))
    quiet = run("--format", "jsonl", "--quiet", str(articles["lewisham"]))
    assert summary_counts(loud)["read"] == 1
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout


# ---------------------------------------------------------------- schema, subcommand names, help


def test_schema_lists_every_field() -> None:
    result = run("schema")
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["type"] == "object"
    assert set(GUIDE_FIELDS + CONTRACT_KEYS) <= set(schema["properties"])
    assert {"source", "council", "confidence"} <= set(schema["required"])
    grade_values = {v for option in schema["properties"]["grade"]["anyOf"] for v in option.get("enum", [])}
    assert "requires_improvement" in grade_values and "performs_poorly" in grade_values
    assert set(schema["properties"]["judgements"]["propertyNames"]["enum"]) == set(AREAS)


def test_guide_fields_are_the_ones_the_tests_check(shared_corpus: Path) -> None:
    """GUIDE_FIELDS and CONTRACT_KEYS are GUIDE.md's two tables (plus article_date, defined above them)."""
    guide = (shared_corpus.parent / "GUIDE.md").read_text(encoding="utf-8")
    fields_section = guide.split("## Fields of a record", 1)[1].split("\n## ", 1)[0]
    contract_section = guide.split("## The output contract", 1)[1]
    row = re.compile(r"^\| ([a-z_]+) \|", flags=re.MULTILINE)
    documented = (set(row.findall(fields_section)) | set(row.findall(contract_section))) - {"field", "key"}
    assert "`article_date`" in guide
    assert documented | {"article_date"} == set(GUIDE_FIELDS + CONTRACT_KEYS)


def test_a_file_named_like_a_subcommand_is_reachable_as_dot_slash(
        nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "schema", LEWISHAM)
    monkeypatch.chdir(tmp_path)
    result = run("--format", "jsonl", "--quiet", "./schema")
    assert result.exit_code == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["council"] == "Lewisham"
    assert record["source"] == "./schema"
    # the bare name is still the subcommand
    bare = run("schema")
    assert bare.exit_code == 0
    assert "properties" in json.loads(bare.stdout)


def test_help_exits_0_and_shows_the_three_uses() -> None:
    result = run("--help")
    assert result.exit_code == 0
    text = result.stdout
    assert "ofsted-extract article.txt" in text
    assert "ofsted-extract --format jsonl folder/" in text
    assert "ofsted-extract --format csv -o out.csv" in text
    assert "extract" in text and "schema" in text
    assert "./NAME" in text


def test_extract_help_lists_its_options() -> None:
    result = run("extract", "--help")
    assert result.exit_code == 0
    for option in ("--format", "--output", "--errors-file", "--quiet", "--max-bytes"):
        assert option in result.stdout


# ---------------------------------------------------------------- the remaining options


def test_glob_chooses_the_files_taken_from_a_folder(articles: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    write(folder / "a.txt", LEWISHAM)
    write(folder / "b.md", DERBYSHIRE)
    default = json.loads(run("--format", "json", "-q", str(folder)).stdout)
    chosen = json.loads(run("--format", "json", "-q", "--glob", "*.md", str(folder)).stdout)
    assert [r["council"] for r in default] == ["Lewisham"]
    assert [r["council"] for r in chosen] == ["Derbyshire"]


def test_patterns_add_a_council_name_the_shipped_gazetteer_lacks(articles: dict[str, Path], tmp_path: Path) -> None:
    article = write(tmp_path / "trust.txt", "Ofsted has rated Thamesbank Children's Partnership 'inadequate' after "
                                            "inspectors visited in May 2019.\n")
    assert json.loads(run("--format", "json", "-q", "--model", "none", str(article)).stdout) == []
    extra = tmp_path / "mine"
    extra.mkdir()
    write(extra / "councils.jsonl",
          '{"label": "COUNCIL", "pattern": "Thamesbank Children\'s Partnership", "id": "E09000033"}\n')
    records = json.loads(run("--format", "json", "-q", "--patterns", str(extra), str(article)).stdout)
    assert [(r["council"], r["ons_code"], r["grade"]) for r in records] == [("Westminster", "E09000033", "inadequate")]


def test_a_bad_patterns_file_is_a_one_line_error_naming_file_and_line(articles: dict[str, Path],
                                                                      tmp_path: Path) -> None:
    extra = tmp_path / "mine"
    extra.mkdir()
    write(extra / "grades.jsonl", '{"label": "GRADE", "pattern": "top notch", "id": "good"}\n{"label": "GRADE"\n')
    result = run("--patterns", str(extra), str(articles["lewisham"]))
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{extra / 'grades.jsonl'}:2:" in result.stderr


def test_model_none_gives_the_same_records_when_the_gazetteer_names_the_councils(articles: dict[str, Path]) -> None:
    paths = [str(p) for p in articles.values()]
    assert run("--format", "jsonl", "-q", "--model", "none", *paths).stdout == run("--format", "jsonl", "-q",
                                                                                    *paths).stdout


def test_jobs_2_on_a_few_files_gives_the_same_bytes(articles: dict[str, Path]) -> None:
    paths = [str(p) for p in articles.values()] * 12  # 36 inputs: three chunks, so both workers take some
    assert run("--format", "jsonl", "-q", "-j", "2", *paths).stdout == run("--format", "jsonl", "-q", "-j", "1",
                                                                            *paths).stdout


def test_version_names_the_program() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("ofsted-extract, version ")

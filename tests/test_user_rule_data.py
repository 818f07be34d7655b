"""`--patterns` for the files read after annotation (issue 12): `frameworks.jsonl`, `authorities.jsonl`,
`confidence.jsonl` and `date_roles.json`.

Each is taken from a user's folder per pipeline (the pipeline carries it, `doc._.ofsted_rule_data`), is
checked as strictly as the shipped file (a bad line is one error naming the file and line, before any
input is read), and never reaches another pipeline built in the same process.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ofsted_extract import extract
from ofsted_extract.api import Settings, extract_many, pipeline
from ofsted_extract.cli import cli
from ofsted_extract.confidence_features import FEATURES
from ofsted_extract.fingerprint import fingerprint
from ofsted_extract.gazetteer import Gazetteer
from ofsted_extract.ruledata import rule_data, shipped_rule_data

# ---------------------------------------------------------------- the users' files and the articles they change

#: A framework from September 2027 that grades services overall again and takes "children in care and care
#: leavers" to be the care leavers' judgement alone (the shipped ILACS 2026 row has no overall grade).
FRAMEWORK_2027 = {"framework": "ilacs_2027", "label": "A made-up framework from September 2027",
                  "from": "2027-09", "to": None, "inspection_type": "full", "has_overall_grade": True,
                  "area_aliases": {"looked_after": "children_in_care", "in_care_and_leavers": "care_leavers"},
                  "areas": ["leadership", "help_and_protection", "children_in_care", "care_leavers"],
                  "grades": ["outstanding", "good", "requires_improvement", "inadequate"]}
WOKINGHAM_2028 = ("Ofsted has judged the children's services of Wokingham Borough Council to be 'good' overall after "
                  "inspectors visited in February 2028. The experiences and progress of children in care and care "
                  "leavers were judged 'outstanding', and leadership was judged 'good'.\n")

#: A council that does not exist, formed in 2025, and the press's name for it.
FENMARSH = {"name": "Fenmarsh", "official_name": "Fenmarsh Council", "gss_code": "E06000999", "la_type": "unitary",
            "region": "East of England", "valid_from": 2025, "valid_to": None, "aliases": []}
FENMARSH_NAMES = ('{"label": "COUNCIL", "pattern": "Fenmarsh", "id": "E06000999"}\n'
                  '{"label": "COUNCIL", "pattern": "Fenmarsh Council", "id": "E06000999"}\n')
FENMARSH_ARTICLE = ("Fenmarsh Council's services for children have been rated 'requires improvement' by Ofsted after "
                    "an inspection in November 2025, its first since the new council took over in April 2025.\n")

#: "takeover" is one more event of its own: a date after it is the takeover's, not the inspection's.
TAKEOVER_WORDS = {"other_events": ["takeover", "handover"]}
TAKEOVER_ARTICLE = ("Ofsted has rated Rutland County Council's children's services 'good' at their first inspection "
                    "since the takeover in April 2021.\n")

#: Weights that trust nothing: every feature 0, the bias -3 (a confidence of 0.05).
DOUBTFUL_WEIGHTS = [{"feature": name, "weight": -3.0 if name == "bias" else 0.0} for name in list(FEATURES)]


def jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def patterns(tmp_path: Path, name: str = "mine", **files: str) -> Path:
    """A `--patterns` folder; file names are given with `_` for `.` ("frameworks_jsonl")."""
    folder = tmp_path / name
    folder.mkdir()
    for key, text in files.items():
        stem, ext = key.rsplit("_", 1)
        (folder / f"{stem}.{ext}").write_text(text, encoding="utf-8")
    return folder


def records(text: str, folder: Path | None = None) -> list[dict]:
    settings = Settings(model=None, patterns_dir=str(folder) if folder else None)
    return [r.model_dump(mode="json") for r in extract(text, settings=settings)]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["--model", "none", *args])


def assert_refused(result: Result, path: Path, line: int | None, *fragments: str) -> None:
    """One line on stderr naming the file (and line), nothing on stdout, the exit status of a bad patterns
    file (1, as for the rulers' files)."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message, message
    assert message.startswith(f"ofsted-extract: {path}{'' if line is None else f':{line}'}: "), message
    for fragment in fragments:
        assert fragment in message, message


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(WOKINGHAM_2028, encoding="utf-8")
    return path


# ---------------------------------------------------------------- frameworks.jsonl


def test_a_users_framework_from_2027_decides_an_inspection_in_2028(tmp_path: Path) -> None:
    shipped = records(WOKINGHAM_2028)
    assert [(r["grade"], r["judgements"]) for r in shipped] == [
        (None, {"children_in_care": "outstanding", "care_leavers": "outstanding", "leadership": "good"})]
    mine = patterns(tmp_path, frameworks_jsonl=jsonl([FRAMEWORK_2027]))
    assert [(r["council"], r["grade"], r["judgements"]) for r in records(WOKINGHAM_2028, mine)] == [
        ("Wokingham", "good", {"care_leavers": "outstanding", "leadership": "good"})]


def test_a_users_framework_ends_the_open_ended_shipped_one_where_it_starts(tmp_path: Path) -> None:
    mine = patterns(tmp_path, frameworks_jsonl=jsonl([FRAMEWORK_2027]))
    frameworks = {f.framework: f for f in rule_data(pipeline(Settings(model=None, patterns_dir=str(mine)))(
        "x")).frameworks}
    assert (frameworks["ilacs_2026"].from_, frameworks["ilacs_2026"].to) == ("2026-04", "2027-09")
    assert (frameworks["ilacs_2027"].from_, frameworks["ilacs_2027"].to) == ("2027-09", None)
    # before September 2027 the shipped framework still holds: no overall grade
    earlier = WOKINGHAM_2028.replace("February 2028", "February 2027")
    assert [r["grade"] for r in records(earlier, mine)] == [None]
    assert shipped_rule_data().frameworks[-1].to is None  # the shipped data is not changed


@pytest.mark.parametrize(("row", "fragments"), [
    ({**FRAMEWORK_2027, "colour": "blue"}, ("colour", "Extra inputs are not permitted")),
    ({**FRAMEWORK_2027, "framework": "sif"}, ("framework 'sif' is already defined",)),
    ({**FRAMEWORK_2027, "framework": "sif_mid", "from": "2015-01", "to": "2016-01"}, ("overlaps 'sif'",)),
    ({**FRAMEWORK_2027, "from": "2026-04"}, ("overlaps 'ilacs_2026'",)),
    ({**FRAMEWORK_2027, "from": "2027-13"}, ("from", "not a month")),
    ({**FRAMEWORK_2027, "to": "2027-01"}, ("'to' 2027-01 is not after 'from' 2027-09",)),
    ({**FRAMEWORK_2027, "areas": ["leadership", "wellbeing"]}, ("areas.1",)),
    ({**FRAMEWORK_2027, "has_overall_grade": "yes"}, ("has_overall_grade",)),
])
def test_a_bad_framework_row_is_refused_naming_file_and_line(tmp_path: Path, article: Path, row: dict,
                                                             fragments: tuple[str, ...]) -> None:
    second = {**FRAMEWORK_2027, "framework": "ilacs_2030", "from": "2030-01"}
    mine = patterns(tmp_path, frameworks_jsonl=jsonl([second, row]))
    assert_refused(run("--patterns", str(mine), str(article)), mine / "frameworks.jsonl", 2, *fragments)


def test_two_frameworks_in_a_users_file_may_not_share_an_id(tmp_path: Path, article: Path) -> None:
    mine = patterns(tmp_path, frameworks_jsonl=jsonl([FRAMEWORK_2027, {**FRAMEWORK_2027, "from": "2031-01"}]))
    assert_refused(run("--patterns", str(mine), str(article)), mine / "frameworks.jsonl", 2,
                   "framework 'ilacs_2027' is already defined", f"{mine / 'frameworks.jsonl'}:1")


# ---------------------------------------------------------------- authorities.jsonl


def test_a_users_authority_gives_a_new_council_its_code(tmp_path: Path) -> None:
    names_only = patterns(tmp_path, "names", councils_jsonl=FENMARSH_NAMES)
    assert [(r["council"], r["ons_code"]) for r in records(FENMARSH_ARTICLE, names_only)] == [
        ("Fenmarsh Council", None)]  # a name the gazetteer has no row for
    mine = patterns(tmp_path, councils_jsonl=FENMARSH_NAMES, authorities_jsonl=jsonl([FENMARSH]))
    assert [(r["council"], r["ons_code"], r["grade"], r["inspection_date"])
            for r in records(FENMARSH_ARTICLE, mine)] == [("Fenmarsh", "E06000999", "requires_improvement",
                                                           "2025-11")]


def test_the_report_gives_a_users_council_its_region(tmp_path: Path) -> None:
    mine = patterns(tmp_path, councils_jsonl=FENMARSH_NAMES, authorities_jsonl=jsonl([FENMARSH]))
    article = tmp_path / "fenmarsh.txt"
    article.write_text(FENMARSH_ARTICLE, encoding="utf-8")
    page = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "-q", "--model", "none", "--patterns", str(mine), "-o", str(page),
                                      str(article)])
    assert result.exit_code == 0, result.output
    assert "E06000999</td><td>East of England" in page.read_text(encoding="utf-8")  # the councils table


@pytest.mark.parametrize(("row", "fragments"), [
    ({**FENMARSH, "gss_code": "E09000023"}, ("GSS code E09000023 repeats", "authorities.jsonl:", "Lewisham")),
    ({**FENMARSH, "gss_code": "E06000998"}, ("GSS code E06000998 repeats line 1",)),
    ({**FENMARSH, "gss_code": "fenmarsh"}, ("gss_code 'fenmarsh' is not a GSS code",)),
    ({**FENMARSH, "name": "Lewisham", "gss_code": "E09000999"}, ("Lewisham's years overlap its row E09000023",)),
    ({**FENMARSH, "valid_to": 2024}, ("valid_to 2024 is not after valid_from 2025",)),
    ({k: v for k, v in FENMARSH.items() if k != "region"}, ("keys must be", "missing ['region']")),
    ({**FENMARSH, "valid_from": "2025"}, ("valid_from has the wrong type",)),
])
def test_a_bad_authority_row_is_refused_naming_file_and_line(tmp_path: Path, article: Path, row: dict,
                                                             fragments: tuple[str, ...]) -> None:
    first = {**FENMARSH, "gss_code": "E06000998", "name": "Saltmere", "official_name": "Saltmere Council"}
    mine = patterns(tmp_path, authorities_jsonl=jsonl([first, row]))
    assert_refused(run("--patterns", str(mine), str(article)), mine / "authorities.jsonl", 2, *fragments)


# ---------------------------------------------------------------- confidence.jsonl


def test_a_users_confidence_weights_replace_the_shipped_ones(tmp_path: Path) -> None:
    shipped = [r["confidence"] for r in records(WOKINGHAM_2028)]
    assert len(shipped) == 1 and shipped[0] > 0.5  # the shipped weights are refitted as rules change
    mine = patterns(tmp_path, confidence_jsonl=jsonl(DOUBTFUL_WEIGHTS))
    assert [r["confidence"] for r in records(WOKINGHAM_2028, mine)] == [0.05]


@pytest.mark.parametrize(("lines", "line", "fragments"), [
    (DOUBTFUL_WEIGHTS[:1] + [{"feature": "sunshine", "weight": 1.0}] + DOUBTFUL_WEIGHTS[1:], 2,
     ("unknown feature 'sunshine'",)),
    (DOUBTFUL_WEIGHTS[:1] + DOUBTFUL_WEIGHTS, 2, ("feature 'bias' is given twice",)),
    (DOUBTFUL_WEIGHTS[:1] + [{"feature": "conflict", "weight": 99.0}], 2, ("weight",)),
    (DOUBTFUL_WEIGHTS[:-1], None, (f"no weight for {list(FEATURES)[-1]}",)),
])
def test_a_bad_confidence_file_is_refused_naming_file_and_line(tmp_path: Path, article: Path, lines: list[dict],
                                                               line: int | None, fragments: tuple[str, ...]) -> None:
    mine = patterns(tmp_path, confidence_jsonl=jsonl(lines))
    assert_refused(run("--patterns", str(mine), str(article)), mine / "confidence.jsonl", line, *fragments)


def test_a_confidence_weight_must_be_strict_json(tmp_path: Path, article: Path) -> None:
    mine = patterns(tmp_path, confidence_jsonl=jsonl(DOUBTFUL_WEIGHTS[:1]) + '{"feature": "conflict", "weight": NaN}\n')
    assert_refused(run("--patterns", str(mine), str(article)), mine / "confidence.jsonl", 2, "not valid JSON")


# ---------------------------------------------------------------- date_roles.json


def test_a_users_date_role_words_add_to_the_shipped_lexicons(tmp_path: Path) -> None:
    assert [r["inspection_date"] for r in records(TAKEOVER_ARTICLE)] == ["2021-04"]
    mine = patterns(tmp_path, date_roles_json=json.dumps(TAKEOVER_WORDS, indent=2))
    assert [(r["council"], r["grade"], r["inspection_date"]) for r in records(TAKEOVER_ARTICLE, mine)] == [
        ("Rutland", "good", None)]
    lexicon = rule_data(pipeline(Settings(model=None, patterns_dir=str(mine)))("x")).lexicon
    assert {"takeover", "merger"} <= lexicon.other_events  # added to, not replaced
    assert "takeover" not in shipped_rule_data().lexicon.other_events


@pytest.mark.parametrize(("text", "line", "fragments"), [
    ('{\n  "other_events": ["takeover"],\n  "attach_reach": 40\n}\n', 3, ("attach_reach", "Extra inputs")),
    ('{\n  "other_event": ["takeover"]\n}\n', 2, ("other_event", "Extra inputs")),
    ('{\n  "history_modifiers": [\n    "Penultimate"\n  ]\n}\n', 2, ("history_modifiers.0", "lower case")),
    ('{\n  "other_events": [""]\n}\n', 2, ("other_events.0", "may not be empty")),
    ('{\n  "extra_events": {"review": "publication"}\n}\n', 2, ("'review'", "inspection word")),
    ('{\n  "extra_events": {"appraisal": "visit"}\n}\n', 2, ("extra_events.appraisal",)),
    ('{\n  "other_events": ["takeover"],\n}\n', 3, ("not valid JSON",)),
    ('{\n  "other_events": ["takeover"],\n  "other_events": ["handover"]\n}\n', 1, ("duplicate key",)),
    ('["takeover"]\n', 1, ("file",)),
], ids=["a-reach", "unknown-key", "upper-case", "empty-word", "another-role", "unknown-role", "trailing-comma",
        "duplicate-key", "not-an-object"])
def test_a_bad_date_roles_file_is_refused_naming_file_and_line(tmp_path: Path, article: Path, text: str, line: int,
                                                               fragments: tuple[str, ...]) -> None:
    mine = patterns(tmp_path, date_roles_json=text)
    assert_refused(run("--patterns", str(mine), str(article)), mine / "date_roles.json", line, *fragments)


# ---------------------------------------------------------------- one process, several pipelines


@pytest.fixture
def everything(tmp_path: Path) -> Path:
    """A folder with all four files (and the councils.jsonl names the authority needs)."""
    return patterns(tmp_path, "everything", frameworks_jsonl=jsonl([FRAMEWORK_2027]),
                    authorities_jsonl=jsonl([FENMARSH]), councils_jsonl=FENMARSH_NAMES,
                    confidence_jsonl=jsonl(DOUBTFUL_WEIGHTS), date_roles_json=json.dumps(TAKEOVER_WORDS))


def outcome(folder: Path | None) -> list:
    """What each of the four files changes, as one pipeline extracts it."""
    return [[(r["grade"], r["confidence"]) for r in records(WOKINGHAM_2028, folder)],
            [(r["council"], r["ons_code"]) for r in records(FENMARSH_ARTICLE, folder)],
            [r["inspection_date"] for r in records(TAKEOVER_ARTICLE, folder)]]


USERS_OUTCOME = [[("good", 0.05)], [("Fenmarsh", "E06000999")], [None]]


def test_pipelines_with_and_without_a_users_files_do_not_leak_into_each_other(everything: Path) -> None:
    shipped = outcome(None)
    assert shipped[1:] == [[], ["2021-04"]] and [g for g, _ in shipped[0]] == [None]
    assert shipped[0][0][1] > 0.5  # the shipped weights (refitted as rules change), not the user's 0.05
    assert outcome(everything) == USERS_OUTCOME
    assert outcome(None) == shipped  # built first, run again after the user's: unchanged
    assert outcome(everything) == USERS_OUTCOME
    assert Gazetteer.load().by_code("E06000999") is None
    assert rule_data(pipeline(Settings(model=None))("x")) is shipped_rule_data()


def test_worker_processes_build_the_users_data_too(everything: Path, tmp_path: Path) -> None:
    inputs = []
    for n, text in enumerate([WOKINGHAM_2028, FENMARSH_ARTICLE, TAKEOVER_ARTICLE]):
        inputs.append(tmp_path / f"{n}.txt")
        inputs[-1].write_text(text, encoding="utf-8")
    settings = Settings(model=None, patterns_dir=str(everything))
    results = list(extract_many(inputs, jobs=2, chunk=1, settings=settings))
    assert [[(r.council, r.ons_code, r.grade, r.inspection_date, r.confidence) for r in result.records]
            for result in results] == [[("Wokingham", "E06000041", "good", "2028-02", 0.05)],
                                       [("Fenmarsh", "E06000999", "requires_improvement", "2025-11", 0.05)],
                                       [("Rutland", "E06000017", "good", None, 0.05)]]


# ---------------------------------------------------------------- the archive notices a change


@pytest.mark.parametrize(("name", "first", "second"), [
    ("frameworks.jsonl", jsonl([FRAMEWORK_2027]), jsonl([{**FRAMEWORK_2027, "from": "2028-01"}])),
    ("authorities.jsonl", jsonl([FENMARSH]), jsonl([{**FENMARSH, "region": "South West"}])),
    ("confidence.jsonl", jsonl(DOUBTFUL_WEIGHTS), jsonl([{**w, "weight": 0.0} for w in DOUBTFUL_WEIGHTS])),
    ("date_roles.json", json.dumps(TAKEOVER_WORDS), json.dumps({"other_events": ["takeover"]})),
])
def test_the_fingerprint_changes_with_each_users_file(tmp_path: Path, name: str, first: str, second: str) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    empty = fingerprint(None, folder).id
    (folder / name).write_text(first, encoding="utf-8")
    once = fingerprint(None, folder).id
    (folder / name).write_text(second, encoding="utf-8")
    assert len({empty, once, fingerprint(None, folder).id}) == 3

"""The archive (`ingest --db`): incremental by content and extractor, the same records as `--format jsonl`,
`timeline`/`report --db` as from the files, and a schema that SQL users can rely on."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_extract.cli import cli
from ofsted_extract.fingerprint import fingerprint
from ofsted_extract.models import AREAS, InspectionRecord
from ofsted_extract.store import load_records, read_archive
from ofsted_extract.timeline import build_timeline
from ofsted_extract.write import record_json

from conftest import OFSTED_EXTRACT, SAMPLES


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def summary(result) -> str:
    """The ingest summary line without its timing."""
    (line,) = [l for l in result.stderr.splitlines() if " articles: " in l]
    return line.split("; ")[0].removeprefix("ofsted-extract: ")


def archived_jsonl(db: Path) -> str:
    return "".join(record_json(r) + "\n" for r in load_records(read_archive(db)))


def copy_and_ingest(tmp_path: Path) -> tuple[Path, Path]:
    """The samples copied (so that a test can change them) and ingested into a new archive."""
    folder, db = tmp_path / "articles", tmp_path / "a.db"
    shutil.copytree(SAMPLES, folder)
    result = run("ingest", folder, "--db", db, "-j", "1")
    assert result.exit_code == 0, result.stderr
    count = len(list(folder.glob("*.txt"))) + len(list(folder.glob("*.htm*")))
    assert summary(result) == f"{count} articles: {count} new, 0 changed, 0 unchanged, 0 removed, 0 failed"
    return folder, db


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, Path]:
    """One archive of the samples for the tests that only read it."""
    return copy_and_ingest(tmp_path_factory.mktemp("archive"))


@pytest.fixture
def folder(archive) -> Path:
    return archive[0]


@pytest.fixture
def ingested(archive) -> Path:
    return archive[1]


@pytest.fixture
def own_archive(tmp_path: Path) -> tuple[Path, Path]:
    """An archive of the samples that this test may change."""
    return copy_and_ingest(tmp_path)


def rows(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


# ---------------------------------------------------------------- same records as the files give


def test_archived_records_equal_jsonl_output(ingested: Path, folder: Path):
    jsonl = run("--format", "jsonl", "-q", folder)
    assert jsonl.exit_code == 0 and jsonl.stdout.count("\n") > 10
    assert archived_jsonl(ingested) == jsonl.stdout


def test_timeline_and_report_from_the_archive_equal_those_from_the_files(ingested: Path, folder: Path):
    for fmt in ("json", "csv"):
        from_db = run("timeline", "--db", ingested, "--format", fmt, "-q")
        from_files = run("timeline", folder, "--format", fmt, "-q")
        assert from_db.exit_code == 0, from_db.stderr
        assert from_db.stdout == from_files.stdout and len(from_db.stdout) > 1000
    from_db = run("report", "--db", ingested, "-q")
    assert from_db.exit_code == 0, from_db.stderr
    assert from_db.stdout == run("report", folder, "-q").stdout


def test_the_timeline_table_holds_every_event_of_build_timeline(ingested: Path, folder: Path):
    histories = json.loads(run("timeline", folder, "--format", "json", "-q").stdout)
    expected = [(h["council"], n, e["grade"], e["direction"], json.dumps(e["sources"]))
                for h in histories for n, e in enumerate(h["events"], 1)]
    got = rows(ingested, "select council, event, grade, direction, sources from timeline order by council, event")
    assert sorted(got) == sorted(expected)


# ---------------------------------------------------------------- incremental


def test_a_second_run_extracts_nothing_and_says_so(ingested: Path, folder: Path):
    before = rows(ingested, "select id, extracted_at from articles order by id")
    again = run("ingest", folder, "--db", ingested)
    assert again.exit_code == 0
    assert summary(again) == f"{len(before)} articles: 0 new, 0 changed, {len(before)} unchanged, 0 removed, 0 failed"
    assert "; 0 extracted," in again.stderr
    assert rows(ingested, "select id, extracted_at from articles order by id") == before


def test_a_changed_file_alone_is_re_extracted_and_its_rows_replaced(own_archive):
    folder, ingested = own_archive
    target = sorted(folder.glob("*.txt"))[0]
    others = rows(ingested, "select id from articles where path != ? order by id", str(target.resolve()))
    target.write_text("Ofsted rated Kent's children's services inadequate.\n", encoding="utf-8")
    result = run("ingest", folder, "--db", ingested)
    assert summary(result) == f"{len(others) + 1} articles: 0 new, 1 changed, {len(others)} unchanged, 0 removed, 0 failed"
    assert rows(ingested, "select id from articles where path != ? order by id", str(target.resolve())) == others
    councils = rows(ingested, "select r.council, r.grade from records r join articles a on r.article_id = a.id "
                              "where a.path = ?", str(target.resolve()))
    assert councils == [("Kent", "inadequate")]
    assert archived_jsonl(ingested) == run("--format", "jsonl", "-q", folder).stdout


def test_the_same_files_by_another_name_are_unchanged_and_their_records_say_the_new_name(own_archive, monkeypatch):
    folder, ingested = own_archive
    monkeypatch.chdir(folder.parent)
    again = run("ingest", folder.name, "--db", ingested)
    count = rows(ingested, "select count(*) from articles")[0][0]
    assert summary(again) == f"{count} articles: 0 new, 0 changed, {count} unchanged, 0 removed, 0 failed"
    assert archived_jsonl(ingested) == run("--format", "jsonl", "-q", folder.name).stdout
    assert all(s.startswith(f'["{folder.name}/') for (s,) in rows(ingested, "select sources from timeline"))


def test_editing_a_rule_file_re_extracts_everything(own_archive, tmp_path: Path):
    folder, ingested = own_archive
    patterns = tmp_path / "patterns"
    patterns.mkdir()
    (patterns / "grades.jsonl").write_text(
        '{"label": "GRADE", "pattern": "requires improvement to become good", "id": "requires_improvement"}\n')
    assert fingerprint("auto", patterns).id != fingerprint("auto", None).id
    result = run("ingest", folder, "--db", ingested, "--patterns", patterns, "-j", "1")
    count = rows(ingested, "select count(*) from articles")[0][0]
    assert summary(result) == f"{count} articles: 0 new, {count} changed, 0 unchanged, 0 removed, 0 failed"
    assert rows(ingested, "select count(distinct fingerprint) from articles") == [(1,)]
    assert rows(ingested, "select count(*) from extractors") == [(2,)]


def test_the_fingerprint_follows_model_and_rule_contents(tmp_path: Path):
    base = fingerprint("auto", None)
    assert base.model_version and base.model != "none"
    assert fingerprint(None, None).id != base.id
    patterns = tmp_path / "p"
    patterns.mkdir()
    (patterns / "areas.jsonl").write_text('{"label": "AREA", "pattern": "short breaks", "id": "help_and_protection"}\n')
    first = fingerprint("auto", patterns).id
    (patterns / "areas.jsonl").write_text('{"label": "AREA", "pattern": "respite care", "id": "help_and_protection"}\n')
    assert fingerprint("auto", patterns).id not in (first, base.id)


def test_prune_removes_the_rows_of_files_that_are_gone(own_archive):
    folder, ingested = own_archive
    gone = sorted(folder.glob("*.txt"))[1]
    gone.unlink()
    kept = run("ingest", folder, "--db", ingested)
    assert ", 0 removed," in summary(kept) + ","
    assert rows(ingested, "select count(*) from articles where path = ?", str(gone.resolve())) == [(1,)]
    pruned = run("ingest", folder, "--db", ingested, "--prune")
    assert pruned.exit_code == 0
    assert ", 1 removed," in summary(pruned) + ","
    assert rows(ingested, "select count(*) from articles where path = ?", str(gone.resolve())) == [(0,)]
    assert rows(ingested, "select count(*) from records where source = ?", str(gone)) == [(0,)]
    assert gone.name not in "".join(s for (s,) in rows(ingested, "select sources from timeline"))
    assert archived_jsonl(ingested) == run("--format", "jsonl", "-q", folder).stdout


def test_failed_inputs_are_named_stored_retried_and_exit_1(tmp_path: Path):
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLES, folder)
    (folder / "empty.txt").write_text("   \n")
    db = tmp_path / "a.db"
    first = run("ingest", folder, folder / "missing.txt", "--db", db, "-j", "1")
    assert first.exit_code == 1
    assert f"ofsted-extract: {folder / 'empty.txt'}: " in first.stderr
    assert f"ofsted-extract: {folder / 'missing.txt'}: no such file or directory" in first.stderr
    assert summary(first).endswith(" 0 removed, 2 failed")
    assert rows(db, "select status, error is not null from articles where path = ?",
                str((folder / "empty.txt").resolve())) == [("error", 1)]
    second = run("ingest", folder, "--db", db)
    assert second.exit_code == 1 and summary(second).endswith("0 changed, 17 unchanged, 0 removed, 1 failed")


def test_usage_errors(ingested: Path, folder: Path, tmp_path: Path):
    assert run("timeline", folder, "--db", ingested).exit_code == 2
    assert run("report").exit_code == 2
    assert run("ingest", "-", "--db", ingested).exit_code == 2
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    result = run("timeline", "--db", other)
    assert result.exit_code == 1 and "not an ofsted-extract archive" in result.stderr
    assert rows(other, "select name from sqlite_master") == [("t",)]
    text = tmp_path / "notes.txt"
    text.write_text("not a database, just words\n" * 100)
    result = run("ingest", folder, "--db", text)
    assert result.exit_code == 1 and "cannot open the archive" in result.stderr


# ---------------------------------------------------------------- schema


def test_schema_keys_indexes_search_and_latest_outcomes(ingested: Path):
    conn = sqlite3.connect(ingested)
    assert conn.execute("pragma foreign_key_list(records)").fetchall()[0][2:4] == ("articles", "article_id")
    assert conn.execute("pragma foreign_key_list(evidence)").fetchall()[0][2:4] == ("records", "record_id")
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    indexed = {row[1] for row in conn.execute("select * from sqlite_master where type = 'index'")}
    assert {"idx_articles_path", "idx_records_article_id", "idx_evidence_record_id"} <= indexed
    hits = conn.execute("select a.path from articles_fts f join articles a on a.id = f.rowid "
                        "where articles_fts match 'Sefton'").fetchall()
    assert hits and all("sefton" in Path(p).read_text(encoding="utf-8").lower() for (p,) in hits)
    record_columns = {row[1] for row in conn.execute("pragma table_info(records)")}
    assert {f"judgement_{a}" for a in AREAS} <= record_columns
    judged = conn.execute("select judgements, judgement_leadership from records "
                          "where judgement_leadership is not null").fetchall()
    assert judged and all(json.loads(j)["leadership"] == g for j, g in judged)
    latest = conn.execute("select council, event from latest_outcomes").fetchall()
    councils = [c for c, _ in latest]
    assert len(councils) == len(set(councils)) > 5
    for council, event in latest:
        later = conn.execute("select count(*) from timeline where council = ? and event > ? and date is not null "
                             "and (grade is not null or judgements != '{}')", (council, event)).fetchone()
        assert later == (0,)
    for status, count in conn.execute("select a.status, count(r.id) from articles a left join records r "
                                      "on r.article_id = a.id group by a.id"):
        assert (status == "records") == (count > 0)


# ---------------------------------------------------------------- the dev corpus


def test_dev_corpus_archive_equals_jsonl_and_timeline_output(shared_corpus: Path, tmp_path: Path):
    corpus, db = shared_corpus, tmp_path / "a.db"
    first = run("ingest", corpus, "--db", db, "-j", "2")
    assert first.exit_code == 0, first.stderr
    jsonl = run("--format", "jsonl", "-q", "-j", "2", corpus).stdout
    assert archived_jsonl(db) == jsonl
    # `timeline DIR` is build_timeline over those very records, written as the command writes JSON
    from_files = build_timeline(InspectionRecord.model_validate_json(line) for line in jsonl.splitlines())
    from_db = run("timeline", "--db", db, "--format", "json", "-q")
    assert from_db.exit_code == 0
    assert json.loads(from_db.stdout) == [h.to_json_dict() for h in from_files]
    again = run("ingest", corpus, "--db", db)
    count = len(list(corpus.glob("*.txt"))) + len(list(corpus.glob("*.htm*")))
    assert summary(again) == f"{count} articles: 0 new, 0 changed, {count} unchanged, 0 removed, 0 failed"


# ---------------------------------------------------------------- crash safety


def test_a_run_killed_mid_ingest_leaves_whole_articles_and_a_rerun_finishes_without_duplicates(tmp_path: Path):
    folder, db = tmp_path / "articles", tmp_path / "a.db"
    folder.mkdir()
    for copy in range(7):  # distinct copies, so that the run lasts several commits
        for article in sorted(SAMPLES.glob("*.txt")):
            text = article.read_text(encoding="utf-8")
            (folder / f"c{copy}-{article.name}").write_text(f"{text}\n\nFiled as copy {copy}.\n", encoding="utf-8")
    total = len(list(folder.iterdir()))
    process = subprocess.Popen([str(OFSTED_EXTRACT), "ingest", str(folder), "--db", str(db), "-j", "1", "-q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    stored = 0
    while stored == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                stored = rows(db, "select count(*) from articles")[0][0]
            except sqlite3.OperationalError:  # the schema is still being created
                continue
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    kept = conn.execute("select id, path from articles order by id").fetchall()
    assert 0 < len(kept) < total, "the run was not killed mid-ingest"
    for status, count in conn.execute("select a.status, count(r.id) from articles a left join records r "
                                      "on r.article_id = a.id group by a.id"):
        assert (status == "records") == (count > 0)
    conn.close()

    again = run("ingest", folder, "--db", db, "-j", "1")
    assert again.exit_code == 0, again.stderr
    assert summary(again) == (f"{total} articles: {total - len(kept)} new, 0 changed, {len(kept)} unchanged, "
                              "0 removed, 0 failed")
    assert rows(db, "select id, path from articles where id <= ? order by id", kept[-1][0]) == kept
    assert rows(db, "select count(*), count(distinct path) from articles") == [(total, total)]
    # every article whole: the archive holds exactly what extraction gives, no record twice or missing
    assert archived_jsonl(db) == run("--format", "jsonl", "-q", folder).stdout

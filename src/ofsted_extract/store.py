"""The archive: articles, their records and evidence, and the councils' timelines in one SQLite file.

Written through sqlite-utils, so the file is the Datasette ecosystem's
ordinary kind (`datasette archive.db`, `sqlite-utils query archive.db ...`).
Tables:

* `articles`: one row per file, keyed by its resolved absolute path, with the
  content hash, size, status (`records`, `none`, `error`), the error, the
  extractor fingerprint, when it was extracted, and the text as read (the text
  the evidence offsets index); `articles_fts` is its SQLite FTS5 index.
* `records`: every field of a record; judgements as JSON and one column per area.
* `evidence`: one row per field of a record: the words, offsets, sentence, origin.
* `extractors`: what each fingerprint is made of.
* `timeline`: one row per event of each council's history, from `timeline.build_timeline`.
* `latest_outcomes` (a view): each council's latest dated event with a grade or judgements.

Every change to one article (its old rows out, its new rows in) happens in one
transaction, and callers group articles into chunks, so a killed run leaves
whole articles only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from .api import ArticleResult
from .errors import OfstedExtractError
from .fingerprint import Fingerprint
from .models import AREAS, InspectionRecord
from .read import _sort_key as listing_order
from .timeline import CouncilHistory, build_timeline

SCHEMA_VERSION = 1

RECORD_SCALARS = ("source", "council", "ons_code", "inspection_type", "grade", "inspection_date",
                  "published_date", "prior_grade", "prior_year", "article_date", "confidence")
EVIDENCE_COLUMNS = ("text", "start", "end", "sentence", "sentence_start", "sentence_end", "origin")

LATEST_OUTCOMES = """
select council, ons_code, event, date, inspection_type, grade, judgements, direction, sources
from (
  select *, row_number() over (partition by council order by event desc) as rank
  from timeline
  where date is not null and (grade is not null or judgements != '{}')
)
where rank = 1
order by council
"""


class ArchiveError(OfstedExtractError):
    """The archive file cannot be opened, or is not an archive."""


def _connect(path: str | Path) -> Database:
    try:
        db = Database(path)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:  # not a database, a folder that is missing, no permission
        raise ArchiveError(f"{path}: cannot open the archive: {exc}") from None
    return db


def open_archive(path: str | Path) -> Database:
    """Open (creating when new) an archive for writing, with its schema in place."""
    db = _connect(path)
    try:
        db.enable_wal()  # readers (Datasette) see committed chunks while ingest writes
        ensure_schema(db)
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path}: cannot open the archive: {exc}") from None
    return db


def read_archive(path: str | Path) -> Database:
    """Open an existing archive to read; a file that is not one is an error, and is left unchanged."""
    db = _connect(path)
    if not {"articles", "records", "evidence"} <= set(db.table_names()):
        raise ArchiveError(f"{path}: not an ofsted-extract archive (no articles, records and evidence tables); "
                           "make one with `ofsted-extract ingest PATHS --db FILE`")
    return db


def ensure_schema(db: Database) -> None:
    """Create the tables, indexes, full-text index and view that are missing."""
    with db.atomic():
        db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
        db["extractors"].create({"fingerprint": str, "version": str, "code_sha256": str, "rules_sha256": str,
                                 "model": str, "model_version": str, "spacy_version": str},
                                pk="fingerprint", if_not_exists=True)
        db["articles"].create({"id": int, "path": str, "source": str, "sha256": str, "bytes": int,
                               "article_date": str, "status": str, "error": str, "fingerprint": str,
                               "extracted_at": str, "encoding": str, "text": str},
                              pk="id", not_null=["path", "status"],
                              foreign_keys=[("fingerprint", "extractors", "fingerprint")], if_not_exists=True)
        db["articles"].create_index(["path"], unique=True, if_not_exists=True)
        db["articles"].create_index(["status"], if_not_exists=True)
        db["articles"].create_index(["fingerprint"], if_not_exists=True)
        columns: dict[str, type] = {"id": int, "article_id": int, "ordinal": int}
        columns |= {name: str for name in RECORD_SCALARS} | {"prior_year": int, "confidence": float}
        columns |= {"judgements": str, "prior_judgements": str}
        columns |= {f"judgement_{a}": str for a in AREAS} | {f"prior_judgement_{a}": str for a in AREAS}
        db["records"].create(columns, pk="id", not_null=["article_id", "council"],
                             foreign_keys=[("article_id", "articles", "id")], if_not_exists=True)
        for index in (["article_id"], ["council"], ["ons_code"], ["grade"], ["inspection_date"]):
            db["records"].create_index(index, if_not_exists=True)
        db["evidence"].create({"id": int, "record_id": int, "ordinal": int, "field": str, "text": str,
                               "start": int, "end": int, "sentence": str, "sentence_start": int,
                               "sentence_end": int, "origin": str},
                              pk="id", not_null=["record_id", "field"],
                              foreign_keys=[("record_id", "records", "id")], if_not_exists=True)
        db["evidence"].create_index(["record_id"], if_not_exists=True)
        db["evidence"].create_index(["field"], if_not_exists=True)
        db["timeline"].create({"council": str, "ons_code": str, "ons_codes": str, "event": int, "date": str,
                               "inspection_type": str, "grade": str, "direction": str, "derived": int,
                               "inspection_date": str, "published_date": str, "article_date": str,
                               "sources": str, "judgements": str} | {f"judgement_{a}": str for a in AREAS},
                              pk=("council", "event"), if_not_exists=True)
        if not db["articles_fts"].exists():
            db["articles"].enable_fts(["text"], fts_version="FTS5", create_triggers=True)
        db.create_view("latest_outcomes", LATEST_OUTCOMES, replace=True)
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


# ---------------------------------------------------------------- writing


def record_row(article_id: int, ordinal: int, record: InspectionRecord) -> dict[str, object]:
    """A record as one `records` row (judgements as JSON and one column per area)."""
    data = record.to_json_dict()
    row: dict[str, object] = {"article_id": article_id, "ordinal": ordinal}
    row |= {name: data[name] for name in RECORD_SCALARS}
    row |= {"judgements": json.dumps(data["judgements"]), "prior_judgements": json.dumps(data["prior_judgements"])}
    row |= {f"judgement_{a}": record.judgements.get(a) for a in AREAS}
    row |= {f"prior_judgement_{a}": record.prior_judgements.get(a) for a in AREAS}
    return row


def remember_extractor(db: Database, fp: Fingerprint) -> None:
    db["extractors"].upsert({"fingerprint": fp.id, **asdict(fp)}, pk="fingerprint")


def delete_article(db: Database, path: str) -> None:
    """An article's rows, evidence first (foreign keys), in the caller's transaction."""
    db.execute("delete from evidence where record_id in (select r.id from records r join articles a "
               "on r.article_id = a.id where a.path = ?)", [path])
    db.execute("delete from records where article_id in (select id from articles where path = ?)", [path])
    db.execute("delete from articles where path = ?", [path])


def replace_article(db: Database, path: str, sha256: str | None, size: int | None, result: ArticleResult,
                    fingerprint_id: str) -> None:
    """Put one article's outcome in place of what the archive held for its path (caller's transaction)."""
    delete_article(db, path)
    status = "error" if result.error else ("records" if result.records else "none")
    dates = [r.article_date for r in result.records if r.article_date]
    article = db["articles"].insert({
        "path": path, "source": result.source, "sha256": sha256, "bytes": size,
        "article_date": dates[0] if dates else None, "status": status, "error": result.error,
        "fingerprint": fingerprint_id, "extracted_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "encoding": result.encoding, "text": result.text})
    for ordinal, record in enumerate(result.records):
        record_id = db["records"].insert(record_row(article.last_pk, ordinal, record)).last_pk
        db["evidence"].insert_all(
            {"record_id": record_id, "ordinal": n, "field": key, **evidence.model_dump(include=set(EVIDENCE_COLUMNS))}
            for n, (key, evidence) in enumerate(record.evidence.items()))
    mark_timeline_stale(db)


def rename_source(db: Database, path: str, source: str) -> None:
    """The same file reached under another name (another working folder): its records say so."""
    db.execute("update articles set source = ? where path = ?", [source, path])
    db.execute("update records set source = ? where article_id in (select id from articles where path = ?)",
               [source, path])
    mark_timeline_stale(db)


def mark_timeline_stale(db: Database) -> None:
    db["meta"].upsert({"key": "timeline_current", "value": "0"}, pk="key")


def timeline_is_current(db: Database) -> bool:
    row = db.execute("select value from meta where key = 'timeline_current'").fetchone()
    return row is None or row[0] == "1"


def write_timeline(db: Database, histories: list[CouncilHistory]) -> None:
    """Replace the `timeline` table with these histories, in one transaction."""
    rows = []
    for history in histories:
        for number, event in enumerate(history.events, 1):
            data = event.to_json_dict()
            rows.append({"council": history.council, "ons_code": history.ons_code,
                         "ons_codes": json.dumps(history.ons_codes), "event": number, "date": data["date"],
                         "inspection_type": event.inspection_type, "grade": event.grade,
                         "direction": event.direction, "derived": int(event.derived),
                         "inspection_date": event.inspection_date, "published_date": event.published_date,
                         "article_date": event.article_date, "sources": json.dumps(event.sources),
                         "judgements": json.dumps(event.judgements)}
                        | {f"judgement_{a}": event.judgements.get(a) for a in AREAS})
    with db.atomic():
        db.execute("delete from timeline")
        db["timeline"].insert_all(rows)
        db["meta"].upsert({"key": "timeline_current", "value": "1"}, pk="key")


def refresh_timeline(db: Database) -> bool:
    """Rebuild the `timeline` table if an article changed since it was built; True when it was."""
    if timeline_is_current(db):
        return False
    write_timeline(db, build_timeline(load_records(db)))
    return True


# ---------------------------------------------------------------- reading


def _evidence_by_record(db: Database, article_id: int) -> dict[int, dict[str, dict]]:
    found: dict[int, dict[str, dict]] = {}
    rows = db.query("select e.* from evidence e join records r on e.record_id = r.id "
                    "where r.article_id = ? order by e.record_id, e.ordinal", [article_id])
    for row in rows:
        found.setdefault(row["record_id"], {})[row["field"]] = {c: row[c] for c in EVIDENCE_COLUMNS}
    return found


def _records_of(db: Database, article_id: int) -> list[InspectionRecord]:
    evidence = _evidence_by_record(db, article_id)
    records = []
    for row in db.query("select * from records where article_id = ? order by ordinal", [article_id]):
        data = {name: row[name] for name in RECORD_SCALARS}
        data |= {"judgements": json.loads(row["judgements"]), "prior_judgements": json.loads(row["prior_judgements"]),
                 "evidence": evidence.get(row["id"], {})}
        records.append(InspectionRecord.model_validate(data))
    return records


def _articles(db: Database) -> list[dict]:
    rows = list(db.query("select id, source, status, error, encoding from articles"))
    return sorted(rows, key=lambda row: listing_order(row["source"]))


def load_results(db: Database, keep_text: bool = False) -> Iterator[ArticleResult]:
    """Every archived article as the `ArticleResult` extraction gave, in folder-listing order of their sources."""
    for row in _articles(db):
        text = None
        if keep_text:
            text = db.execute("select text from articles where id = ?", [row["id"]]).fetchone()[0]
        yield ArticleResult(row["source"], _records_of(db, row["id"]), error=row["error"],
                            encoding=row["encoding"], text=text)


def load_records(db: Database) -> Iterable[InspectionRecord]:
    """Every archived record, articles in folder-listing order, each article's records in output order."""
    for result in load_results(db):
        yield from result.records

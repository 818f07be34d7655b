"""Incremental ingest: bring an archive up to date with a listing of files, re-reading only what changed.

An article whose resolved path, content hash and extractor fingerprint are
already stored is skipped; the rest go through `extract_many` (its `-j`
workers extract, this process alone writes). Articles are written in chunks,
one transaction each, so a run killed at any moment leaves whole articles and
a re-run picks up where it stopped. An article that failed before is tried
again: its reason (a permission, a file too large) may have gone.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from .api import ArticleResult, Settings, extract_many
from .errors import InputProblem
from .fingerprint import fingerprint
from .store import delete_article, refresh_timeline, remember_extractor, rename_source, replace_article

#: Articles per transaction: small enough that a kill loses little, large enough that commits are cheap.
COMMIT_EVERY = 16


@dataclass
class IngestCounts:
    """How a run's inputs fared; new + changed + unchanged + failed is every input."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    records: int = 0

    @property
    def inputs(self) -> int:
        return self.new + self.changed + self.unchanged + self.failed

    @property
    def extracted(self) -> int:
        """Articles that went through the extractor (new, changed, and those that failed in it)."""
        return self.new + self.changed + self.failed


@dataclass(frozen=True)
class Pending:
    """An input to extract, with what the archive will key and check it by."""

    source: str
    path: str
    sha256: str | None
    size: int | None
    known: bool


def content_hash(path: str) -> tuple[str, int] | None:
    """SHA-256 and size of a file's bytes; None when it cannot be read (extraction then says why)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
                size += len(block)
    except OSError:
        return None
    return digest.hexdigest(), size


def plan(db: Database, sources: Iterable[str], fingerprint_id: str, counts: IngestCounts,
         on_unchanged: Callable[[], None] = lambda: None) -> list[Pending]:
    """What needs extracting; unchanged articles are counted (and renamed when reached by another name)."""
    pending = []
    for source in sources:
        path = str(Path(source).resolve())
        hashed = content_hash(path)
        row = db.execute("select sha256, fingerprint, status, source from articles where path = ?",
                         [path]).fetchone()
        if row is not None and hashed is not None and row[0] == hashed[0] and row[1] == fingerprint_id \
                and row[2] != "error":
            counts.unchanged += 1
            on_unchanged()
            if row[3] != source:
                with db.atomic():
                    rename_source(db, path, source)
            continue
        sha256, size = hashed if hashed is not None else (None, None)
        pending.append(Pending(source, path, sha256, size, known=row is not None))
    return pending


def prune(db: Database) -> int:
    """Remove the articles whose files are gone; how many."""
    gone = [path for (path,) in db.execute("select path from articles").fetchall() if not os.path.exists(path)]
    for start in range(0, len(gone), COMMIT_EVERY):
        with db.atomic():
            for path in gone[start:start + COMMIT_EVERY]:
                delete_article(db, path)
            db["meta"].upsert({"key": "timeline_current", "value": "0"}, pk="key")
    return len(gone)


def ingest(db: Database, listing: Iterable[str | InputProblem], settings: Settings, *, jobs: int | None = None,
           remove_missing: bool = False,
           on_result: Callable[[ArticleResult | None], None] = lambda result: None) -> IngestCounts:
    """Bring `db` up to date with the listing (as `read.expand_inputs` yields it).

    `on_result` sees each input once as it is settled: its result when it was extracted (or could
    not be listed), None when it was unchanged.
    """
    counts = IngestCounts()
    fp = fingerprint(settings.model, settings.patterns_dir)
    with db.atomic():
        remember_extractor(db, fp)
    items = list(listing)
    for problem in (item for item in items if isinstance(item, InputProblem)):
        counts.failed += 1
        on_result(ArticleResult(problem.source, error=problem.reason))
    pending = plan(db, [item for item in items if isinstance(item, str)], fp.id, counts,
                   on_unchanged=lambda: on_result(None))
    results = extract_many([p.source for p in pending], jobs=jobs, settings=settings, keep_text=True)
    batch: list[tuple[Pending, ArticleResult]] = []

    def flush() -> None:
        with db.atomic():
            for item, result in batch:
                replace_article(db, item.path, item.sha256, item.size, result, fp.id)
        for item, result in batch:
            if result.error:
                counts.failed += 1
            else:
                counts.records += len(result.records)
                if item.known:
                    counts.changed += 1
                else:
                    counts.new += 1
            on_result(result)
        batch.clear()

    for item, result in zip(pending, results, strict=True):
        batch.append((item, result))
        if len(batch) >= COMMIT_EVERY:
            flush()
    flush()
    if remove_missing:
        counts.removed = prune(db)
    refresh_timeline(db)
    return counts

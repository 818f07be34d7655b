"""The write stage: records out as JSON, JSON Lines, CSV or a rich table; `-o` files written atomically.

JSON Lines is flushed per article so that `| head` and `| jq` stream. CSV has
stable columns: the scalar fields, then one column per judgement area for
`judgements` and for `prior_judgements` (`judgement_<area>`,
`prior_judgement_<area>`), so the header never depends on the data.
"""

from __future__ import annotations

import csv
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Protocol

from .models import AREAS, InspectionRecord

FORMATS = ("json", "jsonl", "csv", "table")
SCALAR_COLUMNS = ("source", "council", "ons_code", "inspection_type", "grade", "inspection_date",
                  "published_date", "prior_grade", "prior_year", "article_date", "confidence")
CSV_COLUMNS = SCALAR_COLUMNS + tuple(f"judgement_{a}" for a in AREAS) + tuple(f"prior_judgement_{a}" for a in AREAS)


def record_json(record: InspectionRecord) -> str:
    return json.dumps(record.to_json_dict(), ensure_ascii=False, separators=(",", ":"))


def csv_row(record: InspectionRecord) -> dict[str, object]:
    data = record.to_json_dict()
    row: dict[str, object] = {c: ("" if data[c] is None else data[c]) for c in SCALAR_COLUMNS}
    for area in AREAS:
        row[f"judgement_{area}"] = record.judgements.get(area, "")
        row[f"prior_judgement_{area}"] = record.prior_judgements.get(area, "")
    return row


class RecordWriter(Protocol):
    def write(self, records: list[InspectionRecord]) -> None: ...
    def close(self) -> None: ...


class JsonLinesWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, records: list[InspectionRecord]) -> None:
        for record in records:
            self.stream.write(record_json(record) + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class JsonArrayWriter:
    """One JSON array, written as records arrive (a closed array even when there are none)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0
        self.stream.write("[")

    def write(self, records: list[InspectionRecord]) -> None:
        for record in records:
            self.stream.write(("," if self.count else "") + "\n  " + record_json(record))
            self.count += 1
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


class CsvWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
        self.writer.writeheader()

    def write(self, records: list[InspectionRecord]) -> None:
        for record in records:
            self.writer.writerow(csv_row(record))
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class TableWriter:
    """A table for a terminal (see terminal.py), printed when the batch ends: its widths need every record."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.records: list[InspectionRecord] = []

    def write(self, records: list[InspectionRecord]) -> None:
        self.records.extend(records)

    def close(self) -> None:
        from .terminal import write_records

        write_records(self.records, self.stream)


def make_writer(fmt: str, stream: IO[str]) -> RecordWriter:
    return {"json": JsonArrayWriter, "jsonl": JsonLinesWriter, "csv": CsvWriter, "table": TableWriter}[fmt](stream)


def output_mode(path: Path) -> int:
    """The mode the finished file should have: an existing file's own, else what the umask gives a new file.

    mkstemp makes its file 0600 whatever the umask, so without this every output would be private
    and an existing file's permissions would be lost on each run.
    """
    from .outputs import current_umask

    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


TEMP_SUFFIX = ".tmp"
#: mkstemp's random part of a temporary file's name
TEMP_RANDOM = 8


def temp_prefix(name: str, directory: Path) -> str:
    """".NAME." for the temporary file beside NAME, NAME cut short so that the whole temporary name
    fits the folder's limit (255 bytes on most file systems): any name the folder takes must work."""
    try:
        limit = os.pathconf(directory, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    except (OSError, ValueError):  # no limit reported
        limit = 255
    room = max(1, limit - len(TEMP_SUFFIX) - TEMP_RANDOM - 2)
    return "." + os.fsdecode(os.fsencode(name)[:room]) + "."


@contextmanager
def atomic_output(path: Path) -> Iterator[IO[str]]:
    """Write to a temporary file beside `path` and rename it into place only on success.

    Killed mid-run, the process leaves any existing file at `path` untouched.
    The file gets `output_mode(path)`.
    """
    from .streams import signals_held

    directory = path.parent if str(path.parent) else Path(".")
    tmp: str | None = None
    try:
        # a stop signal between creating the file and knowing its name would leave it behind
        with signals_held():
            fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name, directory), suffix=TEMP_SUFFIX, dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fchmod(handle.fileno(), output_mode(path))
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise

"""The same extraction on a Dask cluster, for archives beyond one machine (`pip install "ofsted-extract[dask]"`).

    >>> from dask.distributed import Client
    >>> from ofsted_extract.dask import records_bag, to_jsonl
    >>> client = Client("scheduler:8786")                    # or LocalCluster(n_workers=8, threads_per_worker=1)
    >>> to_jsonl(records_bag("/mnt/archive/**/*.txt"), "/mnt/out/records")

Paths become a `dask.bag` partitioned by `partition_size` articles; each
partition is read and extracted on a worker exactly as `extract_many` does
one chunk, through the worker process's one pipeline (`api.pipeline` is cached
per process, so a worker builds it on its first partition, not per article).
Records are plain JSON dicts in the field order of `--format jsonl`, so the
JSON Lines partitions hold the same lines as the single-process command.
Workers must see the input paths (and any `--patterns` folder): a shared
file system, or the same layout on each machine.
"""

from __future__ import annotations

import gc
import glob
import json
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import dask
import dask.bag

from .api import ArticleResult, Settings, extract_many, pipeline
from .errors import InputProblem
from .read import DEFAULT_GLOBS, expand_inputs
from .write import CSV_COLUMNS, csv_row

#: Articles per partition: large enough that scheduling (a few ms a task) is noise beside extraction
#: (tens of ms an article), small enough that workers stay busy to the end of a run.
PARTITION_SIZE = 64

#: spaCy's pipeline is not for concurrent use: a worker with several threads runs one partition at a time.
_PIPELINE_LOCK = threading.Lock()
#: The settings whose pipeline this process has built (and frozen).
_BUILT: set[Settings] = set()


def list_inputs(paths: str | Iterable[str], globs: Sequence[str] = DEFAULT_GLOBS) -> list[str | InputProblem]:
    """Files to extract, in the command's order: a glob pattern (`**` recursive), or paths and folders.

    A path that cannot be listed stays in its place as an `InputProblem`, reported as the command does.
    """
    if isinstance(paths, str):
        paths = sorted(glob.glob(paths, recursive=True)) if glob.has_magic(paths) else [paths]
    return list(expand_inputs(list(paths), globs))


def result_dict(result: ArticleResult) -> dict:
    """An article's outcome as plain data (cheap to send between processes)."""
    return {"source": result.source, "error": result.error,
            "records": [record.to_json_dict() for record in result.records]}


def worker_pipeline(settings: Settings) -> None:
    """Build this process's pipeline on its first partition, then freeze it out of the garbage collector.

    As `startup.started` does for the command: the collector's full passes would otherwise walk the
    pipeline's ~2*10^5 long-lived objects again and again while the worker extracts.
    """
    if settings not in _BUILT:
        pipeline(settings)
        gc.freeze()
        _BUILT.add(settings)


def extract_partition(items: list[str | InputProblem], settings: Settings) -> list[dict]:
    """Read and extract one partition on a worker, chunk by chunk as `extract_many` does, in order."""
    with _PIPELINE_LOCK:
        worker_pipeline(settings)
        results = extract_many(items, jobs=1, settings=settings)
        return [result_dict(result) for result in results]


def results_bag(paths: str | Iterable[str], settings: Settings = Settings(), *,
                partition_size: int = PARTITION_SIZE, globs: Sequence[str] = DEFAULT_GLOBS) -> dask.bag.Bag:
    """A bag of `{"source", "error", "records"}`, one per input, in input order."""
    sources = list_inputs(paths, globs)
    if not sources:
        return dask.bag.from_sequence([], npartitions=1)
    return dask.bag.from_sequence(sources, partition_size=partition_size).map_partitions(
        extract_partition, settings)


def records_bag(paths: str | Iterable[str], settings: Settings = Settings(), *,
                partition_size: int = PARTITION_SIZE, globs: Sequence[str] = DEFAULT_GLOBS) -> dask.bag.Bag:
    """A bag of record dicts (`InspectionRecord.to_json_dict()`), in input order."""
    return records_of(results_bag(paths, settings, partition_size=partition_size, globs=globs))


def records_of(results: dask.bag.Bag) -> dask.bag.Bag:
    return results.map(lambda result: result["records"]).flatten()


def errors_of(results: dask.bag.Bag) -> dask.bag.Bag:
    """`{"source", "error"}` for each input that could not be read (the command's `--errors-file` lines)."""
    return results.filter(lambda result: result["error"] is not None).map(
        lambda result: {"source": result["source"], "error": result["error"]})


def json_line(record: dict) -> str:
    """One record as `--format jsonl` writes it."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def to_jsonl(records: dask.bag.Bag, folder: str | Path, **compute_options) -> list[str]:
    """Write one JSON Lines file per partition (`00000.jsonl`, `00001.jsonl`, ...); their concatenation in
    name order is the command's `--format jsonl` output. Any fsspec URL works (`s3://bucket/out`)."""
    return records.map(json_line).to_textfiles(f"{folder}/*.jsonl", name_function=part_name, last_endline=True,
                                               **compute_options)


def part_name(number: int) -> str:
    """Partition file names that sort in partition order."""
    return f"{number:05d}"


def parquet_table(records: list[dict]):
    """A partition's records as an Arrow table: the CSV columns, then judgements and evidence as JSON text."""
    import pyarrow as pa

    from .models import InspectionRecord

    columns: dict[str, list] = {name: [] for name in (*CSV_COLUMNS, "judgements", "prior_judgements", "evidence")}
    for data in records:
        row = csv_row(InspectionRecord.model_validate(data))
        for name in CSV_COLUMNS:
            columns[name].append(None if row[name] == "" else row[name])
        for name in ("judgements", "prior_judgements", "evidence"):
            columns[name].append(json.dumps(data[name], ensure_ascii=False))
    types = {name: pa.string() for name in columns} | {"prior_year": pa.int32(), "confidence": pa.float64()}
    return pa.table({name: pa.array(values, type=types[name]) for name, values in columns.items()})


def _write_parquet(records: list[dict], path: str) -> str:
    import fsspec
    import pyarrow.parquet as pq

    with fsspec.open(path, "wb") as handle:
        pq.write_table(parquet_table(records), handle)
    return path


def to_parquet(records: dask.bag.Bag, folder: str | Path, **compute_options) -> list[str]:
    """Write one Parquet file per partition (needs pyarrow); column types are fixed, so partitions agree."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ImportError("Parquet output needs pyarrow: pip install pyarrow") from None
    import fsspec.core

    filesystem, root = fsspec.core.url_to_fs(str(folder))
    filesystem.makedirs(root, exist_ok=True)
    parts = [dask.delayed(_write_parquet)(part, f"{folder}/{part_name(n)}.parquet")
             for n, part in enumerate(records.to_delayed())]
    return list(dask.compute(*parts, **compute_options))

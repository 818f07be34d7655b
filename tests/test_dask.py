"""ofsted_extract.dask: the same records as the single-process run, one pipeline per worker process,
JSON Lines and Parquet partitions. The synchronous scheduler here; a LocalCluster behind the slow marker."""

from __future__ import annotations

from pathlib import Path

import dask
import pytest

from ofsted_extract import api
from ofsted_extract.api import Settings, extract_many
from ofsted_extract.dask import errors_of, list_inputs, records_bag, records_of, results_bag, to_jsonl, to_parquet
from ofsted_extract.read import expand_inputs
from ofsted_extract.write import record_json

from conftest import SAMPLES


def single_process_jsonl(folder: Path) -> str:
    """What `ofsted-extract --format jsonl FOLDER` prints, from the library in this process."""
    return "".join(record_json(r) + "\n" for result in extract_many(expand_inputs([str(folder)]), jobs=1)
                   for r in result.records)


def written(files: list[str]) -> str:
    return "".join(Path(f).read_text(encoding="utf-8") for f in sorted(files))


def test_the_bag_gives_the_single_process_records_on_the_dev_corpus(shared_corpus: Path, tmp_path: Path):
    with dask.config.set(scheduler="synchronous"):
        files = to_jsonl(records_bag(str(shared_corpus), partition_size=40), tmp_path / "out")
    articles = len(list_inputs(str(shared_corpus)))
    assert len(files) == -(-articles // 40) > 1  # partitions of 40 articles, one file each
    assert written(files) == single_process_jsonl(shared_corpus)


def test_one_pipeline_per_process_not_per_article_or_partition(monkeypatch, tmp_path: Path):
    built = []
    real = api.build_pipeline
    monkeypatch.setattr(api, "build_pipeline", lambda *args: built.append(args) or real(*args))
    # a patterns folder of its own (empty): the pipeline cache is keyed on model and patterns, so this one is new
    settings = Settings(model=None, patterns_dir=str(tmp_path))
    with dask.config.set(scheduler="synchronous"):
        bag = records_bag(str(SAMPLES), settings, partition_size=6)
        assert bag.npartitions == 3
        records = bag.compute()
    assert len(built) == 1 and len(records) > 10


def test_a_glob_a_missing_path_and_the_errors(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    assert list_inputs(str(SAMPLES / "*.txt")) == [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    inputs = [str(sample), str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt")]
    with dask.config.set(scheduler="synchronous"):
        results = results_bag(inputs, partition_size=2)
        errors = errors_of(results).compute()
        records = records_of(results).compute()
    assert [e["source"] for e in errors] == inputs[1:]
    assert errors[0]["error"] == "no such file or directory" and errors[1]["error"] == "empty file"
    assert records and {r["source"] for r in records} == {str(sample)}


def test_parquet_partitions_hold_the_records(tmp_path: Path):
    pq = pytest.importorskip("pyarrow.parquet")
    with dask.config.set(scheduler="synchronous"):
        bag = records_bag(str(SAMPLES), partition_size=8)
        expected = bag.compute()
        files = to_parquet(bag, tmp_path / "pq")
    assert len(files) == 3
    rows = [row for f in files for row in pq.read_table(f).to_pylist()]
    assert [(r["source"], r["council"], r["grade"], r["confidence"]) for r in rows] == \
        [(r["source"], r["council"], r["grade"], r["confidence"]) for r in expected]


@pytest.mark.slow
def test_a_local_cluster_of_two_worker_processes_gives_the_same_records(shared_corpus: Path, tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        files = to_jsonl(records_bag(str(shared_corpus), partition_size=32), tmp_path / "out")
        builds = client.run(lambda: api.pipeline.cache_info().misses)
    assert sorted(builds.values()) == [1, 1]  # each worker process built its pipeline once, for 7 partitions
    assert written(files) == single_process_jsonl(shared_corpus)

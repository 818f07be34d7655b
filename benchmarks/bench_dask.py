"""The cost of Dask: the same folder through a LocalCluster and through the command, in one run.

    .venv/bin/python benchmarks/bench_dask.py [--copies 2000] [--workers 2] [--partition-size 64] [--rounds 1]

The folder holds the corpus copied to `--copies` distinct articles (as
bench.py makes them). Each contender is a fresh process timed from start to
exit, so both pay their start-up: `ofsted-extract --format jsonl -j WORKERS
FOLDER`, and a Python process that starts a `LocalCluster` of WORKERS
single-threaded worker processes, writes the records as JSON Lines partitions
with `ofsted_extract.dask`, and shuts the cluster down. Rounds alternate the
order. The partitions, concatenated, must equal the command's output; the
figure is the ratio of wall times (Dask ÷ command; the goal is at most 1.25).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import SHARED_DEV, TOOL, REPO, articles_in, machine, make_copies

#: The Dask contender, run in its own process so that its imports and cluster start-up are timed too.
DASK_RUN = """
import sys
from distributed import Client, LocalCluster
from ofsted_extract.dask import records_bag, to_jsonl

if __name__ == "__main__":  # spawned worker processes import this module again: only the parent runs
    folder, out, workers, partition_size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \\
            Client(cluster):
        to_jsonl(records_bag(folder, partition_size=partition_size), out)
"""


def timed(cmd: list[str], stdout_path: Path | None = None) -> float:
    start = time.perf_counter()
    with open(stdout_path or "/dev/null", "w", encoding="utf-8") as out:
        subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED_DEV if SHARED_DEV.is_dir() else REPO / "samples")
    parser.add_argument("--copies", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=1, help="alternating pairs of runs [1]")
    args = parser.parse_args()

    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="ofsted-bench-dask-") as tmp:
        folder = make_copies(articles_in(args.corpus), args.copies, Path(tmp) / "folder")
        script = Path(tmp) / "dask_run.py"
        script.write_text(DASK_RUN, encoding="utf-8")
        command_out = Path(tmp) / "command.jsonl"
        contenders = {
            "command": lambda n: timed([str(TOOL), "--format", "jsonl", "-q", "-j", str(args.workers),
                                        str(folder)], command_out),
            "dask": lambda n: timed([sys.executable, str(script), str(folder), str(Path(tmp) / f"dask{n}"),
                                     str(args.workers), str(args.partition_size)]),
        }
        times: dict[str, list[float]] = {name: [] for name in contenders}
        for n in range(args.rounds):
            order = list(contenders) if n % 2 == 0 else list(reversed(contenders))
            for name in order:
                times[name].append(contenders[name](n))
        parts = sorted((Path(tmp) / "dask0").glob("*.jsonl"))
        same = "".join(p.read_text(encoding="utf-8") for p in parts) == command_out.read_text(encoding="utf-8")
    command, dask = statistics.median(times["command"]), statistics.median(times["dask"])
    print(f"{args.copies} articles, {args.workers} workers, partitions of {args.partition_size} "
          f"({len(parts)} partitions); {args.rounds} round(s), medians")
    print(f"ofsted-extract --format jsonl -j {args.workers}: {command:.1f} s ({args.copies / command:.1f} articles/s)")
    print(f"LocalCluster({args.workers} single-threaded worker processes), start-up included: {dask:.1f} s "
          f"({args.copies / dask:.1f} articles/s)")
    print(f"Dask overhead: {dask / command:.3f}x (goal <= 1.25); records identical: {same}")
    if not same:
        raise SystemExit("bench_dask: the Dask partitions differ from the command's output")


if __name__ == "__main__":
    main()

"""Speed and memory of ofsted-extract, measured side by side with a bare spaCy run on the same texts.

    .venv/bin/python benchmarks/bench.py [--copies 200] [--corpus DIR] [--rounds 3] [--repeats 7]
                                         [--memory-scale] [--baseline "OTHER-OFSTED-EXTRACT-COMMAND"]

Figures are ratios from one run on one machine, because absolute times on a
shared two-core machine drift by tens of percent from minute to minute:

* folder throughput: `ofsted-extract --format jsonl FOLDER` (default
  settings, wall time of the whole command, start-up included) against
  `nlp.pipe` with the model's full default pipeline (timed around `nlp.pipe`
  only, model load excluded, so the ratio is conservative). The folder holds
  the corpus copied to `--copies` articles, each made distinct by an appended
  "Reference: copy NNNN." line so that nothing can be cached across copies.
* one article: `ofsted-extract ARTICLE` against
  `python -c "import spacy; spacy.load(MODEL)"`, and `ofsted-extract --help`.
* memory: the peak resident set of every process of a run (the command and
  its pool workers), summed. Each process's own peak is read from
  /proc/PID/status (VmHWM, the kernel's high-water mark) while it is alive,
  polling the process tree with psutil; `getrusage(RUSAGE_CHILDREN)` would
  give only the largest single child. A sum of per-process peaks is an upper
  bound: it counts pages that forked workers share with the parent once per
  process, and peaks that did not coincide. With `--memory-scale`, the tool
  runs on 500 and on 5,000 copies to show whether memory grows with the input.

Repetitions are interleaved (A B C, B C A, ...) and medians reported, so a
burst of load from another process hits every contender alike. `--baseline`
adds another build of the tool (an older checkout, say) to every measurement,
so a before/after comparison comes from one run too. With the shared corpus
present, the run ends with the corpus F1 from its score.py, so speed and
accuracy are stated together.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

try:
    import psutil
except ImportError:
    raise SystemExit("bench: needs psutil; install the bench extra: pip install -e '.[bench]'") from None

REPO = Path(__file__).resolve().parents[1]
SHARED_DEV = REPO.parent / "shared" / "corpus" / "dev"
TOOL = Path(sys.executable).parent / "ofsted-extract"
POLL_SECONDS = 0.02

#: Runs in its own process: the model's full default pipeline over every text, timed around nlp.pipe.
RAW_PIPE = """
import json, pathlib, sys, time
import spacy
nlp = spacy.load(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[2]).glob("*.txt"))]
start = time.perf_counter()
count = sum(1 for _ in nlp.pipe(texts))
print(json.dumps({"articles": count, "seconds": time.perf_counter() - start, "pipes": nlp.pipe_names}))
"""


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    processes: int
    stdout: str


def high_water_mark(proc: psutil.Process) -> int:
    """The process's peak RSS so far (VmHWM on Linux; the current RSS elsewhere)."""
    try:
        with open(f"/proc/{proc.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return proc.memory_info().rss


def measured(cmd: list[str], stdout_path: Path | None = None) -> Run:
    """Run cmd, polling its process tree; the sum over processes of each one's peak RSS."""
    out = open(stdout_path, "w") if stdout_path else tempfile.TemporaryFile("w+")
    with out:
        start = time.perf_counter()
        proc = psutil.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        peaks: dict[int, int] = {}
        while proc.poll() is None:
            try:
                tree = [proc, *proc.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for p in tree:
                try:
                    peaks[p.pid] = max(peaks.get(p.pid, 0), high_water_mark(p))
                except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                    pass
            time.sleep(POLL_SECONDS)
        proc.wait()
        seconds = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"bench: {' '.join(cmd)} exited {proc.returncode}")
        text = ""
        if stdout_path is None:
            out.seek(0)
            text = out.read()
    return Run(seconds, sum(peaks.values()), len(peaks), text)


def wall(cmd: list[str]) -> float:
    """Wall time of one run of cmd, output discarded."""
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def interleaved(commands: dict[str, list[str]], repeats: int) -> dict[str, float]:
    """Median wall time of each command, run in rotating order so drifting load hits all alike."""
    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(repeats):
        for name in names[r % len(names):] + names[: r % len(names)]:
            times[name].append(wall(commands[name]))
    return {name: statistics.median(values) for name, values in times.items()}


def articles_in(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.glob("*.txt") if p.is_file())


def make_copies(articles: list[Path], count: int, folder: Path) -> Path:
    """`count` distinct articles: the corpus round-robin, each with a unique last line."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        source = articles[i % len(articles)]
        text = source.read_text(encoding="utf-8")
        (folder / f"copy{i:05d}-{source.name}").write_text(f"{text}\n\nReference: copy {i:04d}.\n", encoding="utf-8")
    return folder


def reports_an_outcome(article: Path) -> bool:
    gold = article.with_suffix(".gold.json")
    return gold.exists() and bool(json.loads(gold.read_text(encoding="utf-8")).get("records"))


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores ({model}), {mib(psutil.virtual_memory().total)} RAM, "
            f"Python {platform.python_version()}, load average {load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED_DEV if SHARED_DEV.is_dir() else REPO / "samples",
                        help="folder of .txt articles [default: ../shared/corpus/dev, else samples/]")
    parser.add_argument("--copies", type=int, default=200, help="articles in the throughput folder [200]")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the throughput runs [3]")
    parser.add_argument("--repeats", type=int, default=7, help="interleaved runs of the one-article commands [7]")
    parser.add_argument("--article", type=Path, default=None,
                        help="the one article [default: the corpus's first article that reports an outcome]")
    parser.add_argument("--model", default=None, help="spaCy model [default: the one ofsted-extract uses]")
    parser.add_argument("--baseline", metavar="COMMAND", default=None,
                        help="another ofsted-extract (e.g. an older checkout's) to measure alongside, interleaved")
    parser.add_argument("--memory-scale", action="store_true", help="also compare peak memory for 5,000 vs 500")
    args = parser.parse_args()

    from ofsted_extract.annotate import default_model

    model = args.model or default_model()
    articles = articles_in(args.corpus)
    if not articles:
        raise SystemExit(f"bench: no .txt articles in {args.corpus}")
    article = args.article or next((a for a in articles if reports_an_outcome(a)), articles[0])
    tools = {"ofsted-extract": [str(TOOL)]}
    if args.baseline:
        tools["baseline"] = shlex.split(args.baseline)
    print(f"machine: {machine()}")
    print(f"corpus: {args.corpus} ({len(articles)} articles); model: {model}")
    for name, command in tools.items():
        print(f"{name}: {shlex.join(command)}")

    with tempfile.TemporaryDirectory(prefix="ofsted-bench-") as tmp:
        folder = make_copies(articles, args.copies, Path(tmp) / "folder")
        rates: dict[str, list[float]] = {name: [] for name in ["raw", *tools]}
        peaks: dict[str, list[int]] = {name: [] for name in rates}
        processes: dict[str, int] = {}
        for _ in range(args.rounds):
            raw = measured([sys.executable, "-c", RAW_PIPE, model, str(folder)])
            result = json.loads(raw.stdout)
            rates["raw"].append(result["articles"] / result["seconds"])
            peaks["raw"].append(raw.peak_bytes)
            for name, command in tools.items():
                run = measured([*command, "--format", "jsonl", str(folder)], Path(tmp) / "out.jsonl")
                rates[name].append(args.copies / run.seconds)
                peaks[name].append(run.peak_bytes)
                processes[name] = run.processes
        rate = {name: statistics.median(values) for name, values in rates.items()}
        print(f"\nfolder of {args.copies} articles, median of {args.rounds} interleaved rounds:")
        print(f"  raw nlp.pipe, full pipeline ({', '.join(result['pipes'])}): {rate['raw']:.1f} articles/s, "
              f"peak {mib(int(statistics.median(peaks['raw'])))}")
        for name in tools:
            print(f"  {name} --format jsonl: {rate[name]:.1f} articles/s, "
                  f"peak {mib(int(statistics.median(peaks[name])))} over {processes[name]} processes; "
                  f"throughput ratio to raw {rate[name] / rate['raw']:.2f}x")

        commands = {"load": [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]}
        for name, command in tools.items():
            commands |= {f"{name} one": [*command, str(article)], f"{name} help": [*command, "--help"],
                         f"{name} schema": [*command, "schema"]}
        times = interleaved(commands, args.repeats)
        print(f"\none article ({article.name}), median of {args.repeats} interleaved runs:")
        print(f"  import spacy + spacy.load({model!r}): {times['load']:.2f}s")
        for name in tools:
            print(f"  {name} ARTICLE: {times[name + ' one']:.2f}s, ratio {times[name + ' one'] / times['load']:.2f}; "
                  f"--help {times[name + ' help']:.3f}s; schema {times[name + ' schema']:.3f}s")

        if args.memory_scale:
            print("\npeak memory by folder size (--format jsonl, default settings):")
            scale: dict[str, dict[int, int]] = {name: {} for name in tools}
            for count in (500, 5000):
                big = make_copies(articles, count, Path(tmp) / f"scale{count}")
                for name, command in tools.items():
                    run = measured([*command, "--format", "jsonl", str(big)], Path(tmp) / "out.jsonl")
                    scale[name][count] = run.peak_bytes
                    print(f"  {name}, {count} articles: peak {mib(run.peak_bytes)} over {run.processes} processes, "
                          f"{count / run.seconds:.1f} articles/s")
                shutil.rmtree(big)
            for name in tools:
                print(f"  {name}: ratio 5,000 / 500: {scale[name][5000] / scale[name][500]:.2f}")

    score = args.corpus.parent / "score.py"
    if score.exists():
        out = subprocess.run([sys.executable, str(score), str(args.corpus), "--run", f"{TOOL} --format jsonl"],
                             capture_output=True, text=True, check=True).stdout
        line = next((line for line in out.splitlines() if line.startswith("all ")), "all: not found")
        print(f"\ncorpus F1 ({score}):\n  field P R F1 tp fp fn\n  {line}")


if __name__ == "__main__":
    main()

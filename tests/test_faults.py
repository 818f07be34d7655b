"""Faults and hostile inputs (issue 14): nothing hangs, nothing is lost, every failure is one clear line.

Most of these run the installed console script in a real subprocess, because what they test lives at the
process's edges: real FIFOs, real signals, /dev/full, closed standard streams, a read-only folder under a
non-root user, a Latin-1 locale built with `localedef`. The article is written for these tests.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_extract.cli import cli
from ofsted_extract.errors import InputProblem
from ofsted_extract.read import CUT_TAIL, expand_inputs, read_source

from conftest import OFSTED_EXTRACT

ARTICLE = ("Ofsted has rated Lancashire County Council\u2019s children\u2019s services \u2018good\u2019 after an "
           "inspection in May 2023.\n")
TIMEOUT = 120


def article(path: Path, text: str = ARTICLE) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def script(*args: str | os.PathLike, **kwargs) -> subprocess.CompletedProcess:
    """The console script, rules only (no statistical model: start-up is shorter and records the same here)."""
    return subprocess.run([str(OFSTED_EXTRACT), "--model", "none", *map(str, args)], capture_output=True,
                          timeout=TIMEOUT, **kwargs)


def shell(command: str, *args: str | os.PathLike) -> subprocess.CompletedProcess:
    """`command` in sh, with "$@" the console script and its arguments (for redirections such as >&-)."""
    return subprocess.run(["sh", "-c", command, "sh", str(OFSTED_EXTRACT), "--model", "none", *map(str, args)],
                          capture_output=True, timeout=TIMEOUT)


def lines(stderr: bytes) -> list[str]:
    return stderr.decode("utf-8").splitlines()


def jsonl(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]


# ---------------------------------------------------------------- input that must not hang or mislead


def test_a_fifo_in_a_folder_is_listed_as_a_problem_never_opened(tmp_path: Path) -> None:
    article(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "b.txt")
    listed = list(expand_inputs([str(tmp_path)]))
    assert listed[0] == str(tmp_path / "a.txt")
    assert isinstance(listed[1], InputProblem) and listed[1].source == str(tmp_path / "b.txt")
    assert "named pipe (FIFO)" in listed[1].reason


def test_a_fifo_with_no_writer_does_not_hang_the_run(tmp_path: Path) -> None:
    article(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "b.txt")
    article(tmp_path / "c.txt")
    done = script("--format", "jsonl", "-q", tmp_path)
    assert done.returncode == 1
    assert [r["source"] for r in jsonl(done.stdout)] == [str(tmp_path / "a.txt"), str(tmp_path / "c.txt")]
    [line] = lines(done.stderr)
    assert line.startswith(f"ofsted-extract: {tmp_path / 'b.txt'}: not a regular file (a named pipe (FIFO)")


def test_a_utf8_file_cut_off_mid_character_is_read_with_a_warning(tmp_path: Path) -> None:
    data = ARTICLE.encode("utf-8") + "\u2019".encode("utf-8")[:2]
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    source = read_source(str(path))
    assert (source.encoding, source.warning) == ("utf-8", CUT_TAIL)
    assert source.text == ARTICLE + "\ufffd"
    done = script("--format", "jsonl", "-q", path)
    assert done.returncode == 0
    assert [r["council"] for r in jsonl(done.stdout)] == ["Lancashire"]
    assert lines(done.stderr) == [f"ofsted-extract: {path}: warning: {CUT_TAIL}"]


def test_a_bad_byte_inside_the_text_is_still_cp1252_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Caf\xe9 " + ARTICLE.encode("utf-8"))
    source = read_source(str(path))
    assert (source.encoding, source.warning) == ("cp1252", None)


# ---------------------------------------------------------------- outputs checked before any work


def invoke(*args: str | os.PathLike):
    return CliRunner().invoke(cli, ["--model", "none", *map(str, args)])


@pytest.mark.parametrize("given", ["file", "folder", "hard-link", "errors-file"])
def test_output_onto_an_input_is_a_usage_error_and_the_input_is_untouched(tmp_path: Path, given: str) -> None:
    path = article(tmp_path / "a.txt")
    target = tmp_path / "a.txt"
    if given == "hard-link":
        target = tmp_path / "other-name.json"
        os.link(path, target)
    args = ["--errors-file", target, path] if given == "errors-file" else ["-o", target, path]
    result = invoke(*args[:-1], tmp_path if given == "folder" else path)
    assert result.exit_code == 2
    assert "is also an input" in result.stderr and str(target) in result.stderr
    assert path.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize("command", ["report", "timeline"])
def test_report_and_timeline_refuse_an_output_onto_an_input_too(tmp_path: Path, command: str) -> None:
    path = article(tmp_path / "a.txt")
    result = CliRunner().invoke(cli, [command, "--model", "none", "-o", str(path), str(path)])
    assert result.exit_code == 2
    assert "is also an input" in result.stderr
    assert path.read_text(encoding="utf-8") == ARTICLE


def test_errors_file_equal_to_output_is_a_usage_error(tmp_path: Path) -> None:
    path = article(tmp_path / "a.txt")
    out = tmp_path / "out.json"
    result = invoke("-o", out, "--errors-file", tmp_path / "." / "out.json", path)
    assert result.exit_code == 2
    assert "--errors-file" in result.stderr and "same file as -o" in result.stderr
    assert not out.exists()


@pytest.fixture
def world_readable_folder() -> Iterator[Path]:
    """A folder outside pytest's root-only tmp_path, so that another user can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="ofsted-faults-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def as_nobody() -> list[str]:
    """A prefix that runs a command as an unprivileged user (root ignores file modes)."""
    if os.geteuid() != 0:
        return []
    tool = shutil.which("setpriv")
    if tool is None:
        if "CI" in os.environ:
            pytest.fail("setpriv (util-linux) is missing but CI is set", pytrace=False)
        pytest.skip("setpriv is missing")
    return [tool, "--reuid", "65534", "--regid", "65534", "--clear-groups"]


def test_output_into_a_read_only_folder_is_a_usage_error_before_any_work(world_readable_folder: Path) -> None:
    path = article(world_readable_folder / "a.txt")
    path.chmod(0o644)
    locked = world_readable_folder / "locked"
    locked.mkdir(mode=0o555)
    locked.chmod(0o555)
    done = subprocess.run([*as_nobody(), str(OFSTED_EXTRACT), "--model", "none", "-o", str(locked / "out.json"),
                           str(path)], capture_output=True, timeout=TIMEOUT)
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    assert f"cannot write to the folder '{locked}' (permission denied)" in done.stderr.decode()
    assert list(locked.iterdir()) == []


def test_an_output_name_of_250_bytes_works(tmp_path: Path) -> None:
    path = article(tmp_path / "a.txt")
    out = tmp_path / ("r" * 245 + ".json")
    result = invoke("-q", "-o", out, path)
    assert result.exit_code == 0, result.output
    assert [r["council"] for r in json.loads(out.read_text(encoding="utf-8"))] == ["Lancashire"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.txt", out.name])


# ---------------------------------------------------------------- stdout and stderr at the process's edges


@pytest.fixture(scope="module")
def latin1_locale(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for an en_GB.ISO-8859-1 locale compiled here with localedef (Debian: the locales package)."""
    tool = shutil.which("localedef")
    if tool is None:
        if "CI" in os.environ:
            pytest.fail("localedef is missing but CI is set (install Debian's locales package)", pytrace=False)
        pytest.skip("localedef is missing (install Debian's locales package)")
    folder = tmp_path_factory.mktemp("locales")
    built = subprocess.run([tool, "-i", "en_GB", "-f", "ISO-8859-1", str(folder / "en_GB.ISO-8859-1")],
                           capture_output=True, timeout=TIMEOUT)
    if built.returncode != 0 or not (folder / "en_GB.ISO-8859-1").exists():
        if "CI" in os.environ:
            pytest.fail(f"localedef could not build en_GB.ISO-8859-1: {built.stderr!r}", pytrace=False)
        pytest.skip("the locales package's en_GB source or ISO-8859-1 charmap is missing")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING", "PYTHONUTF8"))}
    return env | {"LOCPATH": str(folder), "LC_ALL": "en_GB.ISO-8859-1"}


def test_stdout_is_utf8_under_a_latin1_locale(tmp_path: Path, latin1_locale: dict[str, str]) -> None:
    probe = subprocess.run([str(OFSTED_EXTRACT.parent / "python"), "-c", "import sys; print(sys.stdout.encoding)"],
                           capture_output=True, env=latin1_locale, timeout=TIMEOUT)
    assert probe.stdout.decode().strip().lower() in ("iso8859-1", "iso-8859-1", "latin-1")  # the locale took
    path = article(tmp_path / "a.txt")
    done = script("--format", "jsonl", "-q", path, env=latin1_locale)
    assert done.returncode == 0, done.stderr
    [record] = jsonl(done.stdout)
    assert "\u2019" in record["evidence"]["council"]["sentence"]


def test_stdout_on_a_full_disk_is_one_clear_line(tmp_path: Path) -> None:
    path = article(tmp_path / "a.txt")
    with open("/dev/full", "wb") as full:
        done = subprocess.run([str(OFSTED_EXTRACT), "--model", "none", "--format", "jsonl", "-q", str(path)],
                              stdout=full, stderr=subprocess.PIPE, timeout=TIMEOUT)
    assert done.returncode == 1
    assert lines(done.stderr) == ["ofsted-extract: cannot write to stdout: no space left on device"]


def test_schema_on_a_full_disk_is_one_clear_line() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run([str(OFSTED_EXTRACT), "schema"], stdout=full, stderr=subprocess.PIPE, timeout=TIMEOUT)
    assert done.returncode == 1
    assert lines(done.stderr) == ["ofsted-extract: cannot write to stdout: no space left on device"]


def test_a_closed_stdout_is_one_clear_line(tmp_path: Path) -> None:
    path = article(tmp_path / "a.txt")
    done = shell('exec "$@" >&-', "--format", "jsonl", "-q", path)
    assert done.returncode == 1
    assert lines(done.stderr) == ["ofsted-extract: cannot write to stdout: stdout was closed when the program started"]


def test_a_closed_stdout_does_not_matter_with_an_output_file(tmp_path: Path) -> None:
    path = article(tmp_path / "a.txt")
    done = shell('exec "$@" >&-', "-q", "-o", tmp_path / "out.json", path)
    assert done.returncode == 0, done.stderr
    assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))) == 1


@pytest.mark.parametrize("output", [False, True], ids=["stdout", "output-file"])
def test_a_closed_stderr_still_writes_every_record_and_exits_0(tmp_path: Path, output: bool) -> None:
    paths = [article(tmp_path / f"{name}.txt") for name in "abc"]
    out = tmp_path / "out.jsonl"
    done = shell('exec "$@" 2>&-', "--format", "jsonl", *(["-o", out] if output else []), *paths)
    assert done.returncode == 0
    text = out.read_text(encoding="utf-8") if output else done.stdout.decode()
    assert [r["source"] for r in jsonl(text.encode())] == [str(p) for p in paths]


# ---------------------------------------------------------------- awkward file names


@pytest.fixture
def awkward_names(tmp_path: Path) -> Path:
    """A folder holding articles named with a newline and with a byte that is not UTF-8, and a bad input
    named with both."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (b"line\nbreak.txt", b"latin\xe9.txt"):
        (Path(os.fsdecode(bytes(folder)) + "/" + os.fsdecode(name))).write_text(ARTICLE, encoding="utf-8")
    Path(os.fsdecode(bytes(folder)) + "/" + os.fsdecode(b"empty\n\xff.txt")).write_bytes(b"")
    return folder


def test_awkward_file_names_give_valid_utf8_and_one_line_messages(awkward_names: Path) -> None:
    done = script("--format", "jsonl", awkward_names)
    assert done.returncode == 1
    sources = [r["source"] for r in jsonl(done.stdout)]  # jsonl() decodes strictly as UTF-8
    assert sources == [f"{awkward_names}/latin\\xe9.txt", f"{awkward_names}/line\nbreak.txt"]
    stderr = lines(done.stderr)
    assert len(stderr) == 2 and all(line.startswith("ofsted-extract: ") for line in stderr)
    assert stderr[0] == f"ofsted-extract: {awkward_names}/empty\\n\\xff.txt: empty file"


def test_awkward_file_names_in_an_output_and_errors_file(awkward_names: Path, tmp_path: Path) -> None:
    out, errors = tmp_path / "out.csv", tmp_path / "errors.jsonl"
    done = script("--format", "csv", "-q", "-o", out, "--errors-file", errors, awkward_names)
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    assert "latin\\xe9.txt" in out.read_text(encoding="utf-8")
    [failure] = jsonl(errors.read_bytes())
    assert failure["source"] == f"{awkward_names}/empty\n\\xff.txt"


# ---------------------------------------------------------------- signals


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return False
    return fields[0] != "Z"


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["TERM", "INT"])
def test_a_signal_mid_run_stops_the_workers_and_removes_the_temporary_file(tmp_path: Path, signum: int,
                                                                            status: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(800):
        article(folder / f"a{number:03}.txt")
    out = tmp_path / "out.json"
    out.write_text("the previous run\n", encoding="utf-8")
    process = subprocess.Popen([str(OFSTED_EXTRACT), "--model", "none", "--jobs", "2", "-q", "-o", str(out),
                                str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + TIMEOUT
        workers: list[int] = []
        while time.monotonic() < deadline and process.poll() is None:
            workers = children(process.pid)
            if len(workers) >= 2 and any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
                break
            time.sleep(0.05)
        assert len(workers) >= 2 and process.poll() is None, "the run ended before it could be interrupted"
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert process.returncode == status, stderr
    assert out.read_text(encoding="utf-8") == "the previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.json"]
    deadline = time.monotonic() + 10
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(running, workers)), "a worker process outlived the run"
    assert stderr.decode().splitlines() == [f"ofsted-extract: stopped by {signal.Signals(signum).name}"]


class FakeInterrupt(BaseException):
    """Stands in for `streams.Interrupted`: a BaseException that is not an error."""


@pytest.mark.parametrize(("ending", "stopped"), [(FakeInterrupt, True), (RuntimeError, False), (None, False)],
                         ids=["interrupted", "error", "closed"])
def test_a_batch_stops_its_workers_only_when_interrupted_while_the_caller_holds_a_result(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp, ending: type[BaseException] | None,
        stopped: bool) -> None:
    from contextlib import closing, nullcontext

    from ofsted_extract import api

    calls: list[object] = []
    real = api.stop_workers
    monkeypatch.setattr(api, "stop_workers", lambda pool: (calls.append(pool), real(pool)))
    paths = [str(article(tmp_path / f"{n}.txt")) for n in range(3)]
    with pytest.raises(ending) if ending else nullcontext():
        with closing(api.extract_many(paths, jobs=2, chunk=1)) as results:
            next(results)
            if ending is not None:
                raise ending()
    assert bool(calls) == stopped

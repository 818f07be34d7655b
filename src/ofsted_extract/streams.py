"""The console script's standard streams and signals: data always UTF-8, every failure one clear line.

Why each piece:

* A process started with a standard stream closed (`>&-`, `2>&-`) has no Python stream for it, and
  the next file it opens takes that descriptor: an output file opened as fd 2 would receive the
  error messages. `guard_standard_streams` puts /dev/null on each closed descriptor first; a closed
  stdout then fails on the first write, with a clear reason, while a closed stderr only silences
  the messages and the records are still written.
* stdout follows the locale, and a Latin-1 locale cannot encode "’"; the records are UTF-8 data,
  so stdout is UTF-8 whatever the locale.
* A full disk or a closed stdout raises OSError deep in a writer; `GuardedStream` turns it into
  `OutputFailed` naming the output, which the commands report on one line (a closed pipe stays
  BrokenPipeError, which ends quietly as Unix tools do).
* SIGTERM (and SIGINT) would kill the process where it stands, leaving the temporary `-o` file and
  the worker processes behind; `Interrupted` unwinds instead, like KeyboardInterrupt, so the
  temporary file is removed, the workers are stopped, and the exit status is 128 + the signal.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import IO

from .errors import OfstedExtractError

__all__ = ["ClosedStream", "GuardedStream", "Interrupted", "OutputFailed", "guard_standard_streams",
           "raise_on_signals", "signals_held", "worker_signals"]

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class OutputFailed(OfstedExtractError):
    """Writing an output (stdout or a file) failed: a full disk, a closed stream."""

    def __init__(self, where: str, error: OSError) -> None:
        reason = error.strerror or str(error) or type(error).__name__
        super().__init__(f"cannot write to {where}: {reason[:1].lower() + reason[1:]}")
        self.where = where


class GuardedStream:
    """A text stream whose write failures become `OutputFailed` (a closed pipe stays BrokenPipeError)."""

    def __init__(self, stream: IO[str], where: str) -> None:
        self.stream = stream
        self.where = where

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:  # the per-output boundary: ENOSPC, EBADF, EIO, ...
            raise OutputFailed(self.where, exc) from exc

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputFailed(self.where, exc) from exc

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


class ClosedStream(io.TextIOBase):
    """stdout when the process started with it closed: every write fails with EBADF."""

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout was closed when the program started")


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def guard_standard_streams() -> None:
    """Reserve closed standard descriptors with /dev/null, and make stdout UTF-8 (see the module)."""
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        spare = os.open(os.devnull, os.O_RDWR)
        if spare != fd:
            os.dup2(spare, fd)
            os.close(spare)
    if 0 in closed:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115  (lives as long as the process)
    if 1 in closed:
        sys.stdout = ClosedStream()
    if 2 in closed:
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    stdout = sys.stdout
    if isinstance(stdout, io.TextIOWrapper) and stdout.encoding.replace("-", "").lower() != "utf8":
        stdout.reconfigure(encoding="utf-8")


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived. A BaseException, so no per-input boundary (`except Exception`) holds it,
    and not a KeyboardInterrupt, which click would turn into exit 1."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.status = 128 + signum


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    ignore_signals()  # the first signal starts an orderly unwind; a second must not break into it
    raise Interrupted(signum)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGTERM and SIGINT back while a worker process is forked and the pool's thread started:
    an exception raised half-way leaves a pool that can neither run nor shut down. A signal that
    arrives meanwhile is delivered as the block ends."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks (and no fork)
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def raise_on_signals() -> None:
    """In the main process: SIGTERM and SIGINT unwind as `Interrupted`."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_interrupted)


def ignore_signals() -> None:
    """Once the process is ending: a second signal must not interrupt the clean-up."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def worker_signals() -> None:
    """In a worker process: SIGTERM ends it at once (the main process sends it to stop the workers);
    SIGINT, which Ctrl-C sends to the whole process group, is left to the main process."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # forked inside `signals_held`

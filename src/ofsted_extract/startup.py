"""Start-up and exit of the `ofsted-extract` process, which are most of a one-article run.

Measured on one article (see benchmarks/bench.py and the README's Performance section):

* `import spacy` also imports spaCy's own command line (typer, weasel,
  requests, httpx: about a fifth of the import) just to export `spacy.info`.
  `defer_spacy_cli` puts stand-ins for `spacy.cli` and `spacy.cli.info` in
  `sys.modules`; they hand over to the real modules on first real use.
* The garbage collector's passes over the ~2*10^5 long-lived objects that the
  import and the pipeline build create took about 0.17 s. `begin` raises the
  first threshold so that no pass runs during start-up (it still bounds
  memory should a command never call `started`); `started` freezes what
  start-up made, so that later passes skip it and forked workers keep sharing
  its memory pages, and restores the threshold.
* The interpreter's teardown frees those objects one by one (about 0.25 s);
  `leave` flushes stdout and stderr and exits without it.

Only the console script (`cli.main`) calls `begin` and `leave`; a program that
imports the library is left alone.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import os
import sys
import types
from typing import NoReturn

STARTUP_GC_THRESHOLD = 500_000
_saved_thresholds: tuple[int, ...] | None = None


class _Deferred(types.ModuleType):
    """A stand-in for one of spaCy's CLI modules: any real use imports the real module."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        _remove_stand_ins()
        if self.__name__ == "spacy.cli.info" and name == "info":
            return _info  # what spaCy's __init__ asks for
        return getattr(importlib.import_module(self.__name__), name)


def _info(*args, **kwargs):
    """`spacy.info`, importing spaCy's command line on first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _remove_stand_ins() -> None:
    for name in ("spacy.cli.info", "spacy.cli"):
        if isinstance(sys.modules.get(name), _Deferred):
            del sys.modules[name]


def defer_spacy_cli() -> None:
    """Let `import spacy` skip spaCy's command line until something uses it."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return
    package = _Deferred("spacy.cli")
    package.__path__ = [os.path.join(location, "cli") for location in spec.submodule_search_locations]
    sys.modules["spacy.cli"] = package
    sys.modules["spacy.cli.info"] = _Deferred("spacy.cli.info")


def begin() -> None:
    """Start of the process: defer spaCy's CLI and the garbage collector's start-up passes."""
    global _saved_thresholds
    defer_spacy_cli()
    if _saved_thresholds is None:
        _saved_thresholds = gc.get_threshold()
        gc.set_threshold(STARTUP_GC_THRESHOLD, *_saved_thresholds[1:])


def started() -> None:
    """Start-up is over (the pipeline is built): freeze its objects and collect as usual again."""
    global _saved_thresholds
    if _saved_thresholds is not None:
        gc.freeze()
        gc.set_threshold(*_saved_thresholds)
        _saved_thresholds = None


def leave(code: object) -> NoReturn:
    """Exit with `code` (as `sys.exit` takes it) once stdout and stderr are flushed, skipping teardown.

    Every output file is closed by then (`write.atomic_output` renames it into
    place on the way out) and the worker pool is shut down.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away, or the stream is closed
            pass
        except OSError as exc:  # what was still buffered cannot be written (a full disk): say so, fail
            if stream is sys.stdout:
                _say(f"ofsted-extract: cannot write to stdout: {exc.strerror or exc}")
                status = status or 1
    os._exit(status)


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):  # no stderr either: the exit status still tells
        pass

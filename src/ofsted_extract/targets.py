"""Output files checked before any work: a run that cannot write its results, or would overwrite one of
its own inputs, is a usage error (exit 2) at once, as `cp` refuses to copy a file onto itself.

Why up front: otherwise the article given as input is silently replaced by JSON, `--errors-file`
equal to `-o` leaves one of them empty, and a read-only folder ends a long run in a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import click

from .display import one_line
from .errors import InputProblem

__all__ = ["check_output_targets"]


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file, else None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _same_target(first: Path, second: Path) -> bool:
    one, two = _identity(first), _identity(second)
    if one is not None and two is not None:
        return one == two
    return os.path.realpath(first) == os.path.realpath(second)


def _check_folder(target: Path, hint: str) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise click.BadParameter(f"cannot write to the folder {one_line(str(folder))!r} (permission denied)",
                                 param_hint=hint)


def check_output_targets(inputs: Sequence[str | InputProblem], output: Path | None,
                         errors_file: Path | None = None) -> None:
    """Raise a usage error when `output` or `errors_file` is one of `inputs`, they are the same file, or
    the folder one goes into cannot be written."""
    targets = [(path, hint) for path, hint in ((output, "'-o' / '--output'"), (errors_file, "'--errors-file'"))
               if path is not None and str(path) != "-"]
    input_ids = {_identity(Path(item)) for item in inputs if isinstance(item, str) and item != "-"} - {None}
    for target, hint in targets:
        _check_folder(target, hint)
        if _identity(target) in input_ids:
            raise click.BadParameter(f"{one_line(str(target))!r} is also an input; writing it would destroy "
                                     "that article (choose another file)", param_hint=hint)
    if len(targets) == 2 and _same_target(targets[0][0], targets[1][0]):
        raise click.BadParameter("names the same file as -o; each needs its own file", param_hint="'--errors-file'")

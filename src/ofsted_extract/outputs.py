"""Where output goes, checked before any work: `-o`, `--errors-file` and the format they imply.

A batch can run for minutes; an output that cannot be written should be a
usage error at once, not a traceback at the end. All up-front checks of
output paths live in `check_output_paths`, so that a new check is one more
clause there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import click

#: File extensions that name an output format.
EXTENSION_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".html": "html",
                     ".htm": "html"}


class UsageProblem(click.UsageError):
    """A usage error shown as one line, `ofsted-extract: MESSAGE`, like every other message; exit 2."""

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"ofsted-extract: {self.format_message()}", err=True, file=file)


def is_stdout(path: Path | str | None) -> bool:
    """`-o -` (or no `-o`) means stdout, as for input."""
    return path is None or str(path) == "-"


def check_output_paths(paths: Mapping[str, Path | None], inputs: Sequence[str] = ()) -> None:
    """Refuse, before any input is read, an output file that cannot be created.

    `paths` maps each option's name (`-o`, `--errors-file`) to its value; `inputs`
    are the command's input paths, for checks that compare the two.
    """
    for option, path in paths.items():
        if is_stdout(path):
            continue
        assert path is not None
        folder = path.parent if str(path.parent) else Path(".")
        if path.is_dir():
            raise UsageProblem(f"{option} {path}: is a folder; name a file")
        if not folder.exists():
            raise UsageProblem(f"{option} {path}: no such folder {str(folder)!r}")
        if not folder.is_dir():
            raise UsageProblem(f"{option} {path}: {str(folder)!r} is not a folder")


def choose_format(fmt: str | None, output: Path | None, choices: Sequence[str], *,
                  terminal_default: str | None = None, fallback: str = "json") -> str:
    """The output format: `--format`, else what `-o`'s extension names, else a table on a terminal.

    A `--format` that contradicts `-o`'s extension, or an extension naming a
    format this command cannot write, is a usage error.
    """
    implied = None if is_stdout(output) else EXTENSION_FORMATS.get(Path(str(output)).suffix.lower())
    if implied is not None and implied not in choices:
        raise UsageProblem(f"-o {output}: this command cannot write {implied}; "
                           f"use a name ending in {', '.join(extensions_for(choices))}")
    if fmt is not None:
        if implied is not None and implied != fmt:
            raise UsageProblem(f"--format {fmt} contradicts -o {output} (a {implied} name)")
        return fmt
    if implied is not None:
        return implied
    if terminal_default is not None and is_stdout(output) and sys.stdout.isatty():
        return terminal_default
    return fallback


def extensions_for(choices: Sequence[str]) -> list[str]:
    return [ext for ext, fmt in EXTENSION_FORMATS.items() if fmt in choices]


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back: the only portable way)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

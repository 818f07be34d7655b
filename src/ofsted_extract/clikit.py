"""The pieces every subcommand shares: input options, messages and progress on stderr, writing the output.

Kept apart from cli.py so that a new subcommand (in its own module) takes
what it needs from here and registers itself with one decorator,
`@cli.command(...)`. Nothing here imports spaCy at import time, so `--help`
stays fast.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from . import startup
from .display import one_line
from .outputs import UsageProblem, check_output_paths, is_stdout
from .streams import GuardedStream, OutputFailed

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: Failed inputs listed again after a run with a progress bar; the rest are counted.
CLOSING_LIST_MAX = 20

__all__ = ["EXIT_OK", "EXIT_INPUT_ERRORS", "EXIT_USAGE", "EXIT_INTERRUPTED", "Failure", "UsageProblem", "Size",
           "Reporter", "input_options", "output_option", "errors_file_option", "prepare", "extract_all",
           "write_out", "write_errors_file", "finish", "plural", "check_output_paths", "is_stdout", "json_text"]


class Failure(click.ClickException):
    """A failure that is not a usage error (a bad patterns file): `ofsted-extract: MESSAGE`, exit 1."""

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(f"ofsted-extract: {self.format_message()}", err=True, file=file)


def plural(count: int, noun: str) -> str:
    """`1 input`, `2 inputs`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def json_text(data: Any) -> str:
    """The one JSON style of every command's output: compact, UTF-8 as is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class Size(click.ParamType):
    """A size in bytes: `10000000`, `10k`, `10MB`, `1MiB` (humanfriendly's rules: k = 1000, KiB = 1024)."""

    name = "SIZE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            size = value
        else:
            from humanfriendly import InvalidSize, parse_size  # here: only a given --max-bytes needs it

            try:
                size = parse_size(str(value).strip())
            except InvalidSize:
                self.fail(f"{value!r} is not a size (for example 10000000, 10MB, 512k, 1MiB)", param, ctx)
        if size < 1:
            self.fail(f"{value!r} must be at least 1 byte", param, ctx)
        return int(size)


def input_options(command: Callable) -> Callable:
    """The options of every command that reads articles: which files, how many workers, which model."""
    options = [
        click.option("--glob", "globs", multiple=True, metavar="PATTERN",
                     help="File names to take from folders (repeatable) [default: *.txt *.html *.htm]."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes [default: all cores for many inputs, 1 for a few]."),
        click.option("--model", default="auto", show_default=True,
                     help="spaCy model for the fallback NER ('none' to run rules only)."),
        click.option("--patterns", "patterns_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
                     default=None, help="A folder of your own pattern files, named like the shipped ones (see the README)."),
        click.option("--max-bytes", type=Size(), default=10_000_000, show_default=True,
                     help="Refuse input files larger than this (units: 10MB, 512k, 1MiB)."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def output_option(what: str) -> Callable:
    return click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
                        help=f"Write {what} to FILE (atomically; '-' for stdout) instead of stdout.")


def errors_file_option(command: Callable) -> Callable:
    return click.option("--errors-file", type=click.Path(path_type=Path), default=None,
                        help="Also write one JSON line per failed input to FILE.")(command)


def stderr_is_interactive() -> bool:
    """A progress bar only for a person watching: stderr a terminal that can redraw (NO_COLOR keeps it)."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def stderr_console() -> Console:
    """rich's console on stderr (it honours NO_COLOR itself: colour off, output kept)."""
    from rich.console import Console

    return Console(stderr=True)


class Reporter:
    """Messages on stderr for one run: a progress bar for a batch on a terminal, error lines printed above
    it (never into it), and, when the bar was shown, the failed inputs listed again at the end."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total = total
        self.quiet = quiet
        self.failed: list[tuple[str, str]] = []
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> Reporter:
        if self.total > 1 and not self.quiet and stderr_is_interactive():
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self.progress = Progress(TextColumn("articles"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), TimeRemainingColumn(), console=stderr_console(),
                                     transient=True)
            self.task = self.progress.add_task("extract", total=self.total)
            self.progress.start()
        return self

    def advance(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def say(self, line: str) -> None:
        """One message line on stderr, above the progress bar when there is one."""
        if self.progress is None:
            click.echo(line, err=True)
            return
        from rich.text import Text

        self.progress.console.print(Text(line), soft_wrap=True, highlight=False)

    def failed_input(self, source: str, reason: str) -> None:
        self.failed.append((source, reason))
        self.note(source, reason)

    def note(self, source: str, message: str) -> None:
        """One line about one input; control characters in the path or message are escaped."""
        self.say(f"ofsted-extract: {one_line(source)}: {one_line(message)}")

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self.progress is None:
            return
        self.progress.stop()
        if self.failed and exc_type is None:
            console = self.progress.console
            console.print(f"ofsted-extract: could not read {plural(len(self.failed), 'input')}:", highlight=False,
                          soft_wrap=True, markup=False)
            for source, reason in self.failed[:CLOSING_LIST_MAX]:
                console.print(f"  {one_line(source)}: {one_line(reason)}", highlight=False, soft_wrap=True, markup=False)
            if len(self.failed) > CLOSING_LIST_MAX:
                console.print(f"  and {len(self.failed) - CLOSING_LIST_MAX} more (--errors-file FILE lists "
                              "them all)", highlight=False, soft_wrap=True, markup=False)


def make_settings(model: str, patterns_dir: Path | None, max_bytes: int | None = None):  # -> api.Settings
    """The library's Settings from the command-line options ('none' as the model: rules only)."""
    from .api import Settings

    extra = {} if max_bytes is None else {"max_bytes": max_bytes}
    return Settings(model=None if model.lower() == "none" else model,
                    patterns_dir=str(patterns_dir) if patterns_dir else None, **extra)


def build_pipeline_or_fail(settings: Any, model: str) -> None:
    """Build the pipeline now: a model that is not installed is a usage error, a bad patterns file a failure."""
    from .api import pipeline
    from .errors import ModelNotFound, OfstedExtractError

    try:
        pipeline(settings)
    except ModelNotFound as exc:
        raise UsageProblem(f"--model {model}: {exc}") from exc
    except OfstedExtractError as exc:
        raise Failure(str(exc)) from exc


def prepare(paths: tuple[str, ...], globs: tuple[str, ...], model: str, patterns_dir: Path | None,
            max_bytes: int, output: Path | None = None, errors_file: Path | None = None) -> tuple:
    """Settings and the input listing, with the output files checked against the inputs and the
    pipeline built (an output onto an input, a bad patterns file or model is an error here, before
    any input is read); start-up ends here."""
    from .read import DEFAULT_GLOBS, expand_inputs
    from .targets import check_output_targets

    settings = make_settings(model, patterns_dir, max_bytes)
    listing = list(expand_inputs(paths, globs or DEFAULT_GLOBS))
    check_output_targets(listing, None if is_stdout(output) else output, errors_file)
    build_pipeline_or_fail(settings, model)
    startup.started()
    return settings, listing


def extract_all(paths: tuple[str, ...], globs: tuple[str, ...], jobs: int | None, model: str,
                patterns_dir: Path | None, max_bytes: int, quiet: bool, keep_text: bool = False,
                output: Path | None = None, errors_file: Path | None = None) -> list:
    """Every input's `ArticleResult`, for commands that need the whole batch before they write.

    Each input that cannot be read is named on stderr, as `extract` does.
    """
    from contextlib import closing

    from .api import extract_listing

    settings, listing = prepare(paths, globs, model, patterns_dir, max_bytes, output, errors_file)
    results = []
    with closing(extract_listing(listing, jobs=jobs, settings=settings, keep_text=keep_text)) as stream, \
            Reporter(len(listing), quiet) as reporter:
        for result in stream:
            if result.error:
                reporter.failed_input(result.source, result.error)
            elif result.warning:
                reporter.note(result.source, f"warning: {result.warning}")
            results.append(result)
            reporter.advance()
    return results


def write_out(output: Path | None, write: Callable[[IO[str]], None]) -> None:
    """Call `write(stream)` on stdout (no `-o`, or `-o -`), or on FILE written atomically."""
    from .write import atomic_output

    try:
        if is_stdout(output):
            stream = GuardedStream(sys.stdout, "stdout")
            write(stream)
            stream.flush()
        else:
            assert output is not None
            with atomic_output(output) as handle:
                write(GuardedStream(handle, one_line(str(output))))
    except OutputFailed as exc:
        output_failed(exc)


def report_output_failure(exc: OutputFailed) -> None:
    """Say on one line that an output could not be written. stdout is pointed at /dev/null first, so
    that the exit's own flush of what is still buffered cannot fail a second time."""
    if exc.where == "stdout":
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
        except OSError:
            pass
    click.echo(f"ofsted-extract: {exc}", err=True)


def output_failed(exc: OutputFailed) -> NoReturn:
    """An output could not be written: one line on stderr, exit 1."""
    report_output_failure(exc)
    sys.exit(EXIT_INPUT_ERRORS)


def write_errors_file(errors_file: Path | None, failed: Iterable[tuple[str, str]]) -> None:
    """`--errors-file`: one JSON line `{"source": …, "error": …}` per input that could not be read."""
    if errors_file is None:
        return
    lines = "".join(json_text({"source": source, "error": error}) + "\n" for source, error in failed)
    write_out(errors_file, lambda stream: stream.write(lines))


def finish(results: list, what: str, started: float, quiet: bool) -> None:
    """The summary line on stderr, and exit status 1 when an input could not be read."""
    errors = sum(1 for r in results if r.error)
    if not quiet:
        click.echo(f"ofsted-extract: read {plural(len(results), 'input')}, {plural(errors, 'error')}; {what} "
                   f"in {time.perf_counter() - started:.1f}s", err=True)
    if errors:
        sys.exit(EXIT_INPUT_ERRORS)

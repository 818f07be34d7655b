"""Command line: `ofsted-extract [OPTIONS] PATH...` and its subcommands.

A thin layer over the library (`api.extract_many`) and the writers. Data goes
to stdout (or `-o FILE`), messages to stderr. Heavy imports (spaCy) happen
inside the commands so that `--help` and `schema` answer at once.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import closing
from pathlib import Path

import click
from click_default_group import DefaultGroup

from . import __version__, startup

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE = 0, 1, 2


def stderr_is_interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


@click.group(cls=DefaultGroup, default="extract", default_if_no_args=False,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ofsted-extract")
def cli() -> None:
    """Extract Ofsted children's-services inspection outcomes from news articles.

    The main form is `ofsted-extract [OPTIONS] PATH...` (the `extract` command):

    \b
      ofsted-extract article.txt                 # a table in the terminal
      ofsted-extract --format jsonl folder/ | jq .council
      ofsted-extract --format csv -o out.csv archive/

    A path that is also a subcommand name is reachable as ./NAME.
    """


def input_options(command):
    """The options of every command that reads articles: which files, how many workers, which model."""
    options = [
        click.option("--glob", "globs", multiple=True, metavar="PATTERN",
                     help="File names to take from folders (repeatable) [default: *.txt *.html *.htm]."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes [default: all cores for many inputs, 1 for a few]."),
        click.option("--model", default="auto", show_default=True,
                     help="spaCy model for the fallback NER ('none' to run rules only)."),
        click.option("--patterns", "patterns_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
                     default=None, help="A folder of extra JSONL patterns added to the shipped ones."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=10_000_000, show_default=True,
                     help="Refuse input files larger than this."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "table"]), default=None,
              help="Output format [default: table on a terminal, else json].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write records to FILE (atomically) instead of stdout.")
@click.option("--errors-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write one JSON line per failed input to FILE.")
@input_options
def extract_command(paths: tuple[str, ...], fmt: str | None, output: Path | None, errors_file: Path | None,
                    globs: tuple[str, ...], jobs: int | None, model: str, patterns_dir: Path | None,
                    max_bytes: int, quiet: bool) -> None:
    """Read articles (files, folders, or - for stdin) and print their inspection records.

    Folders are read recursively. Inputs that cannot be read are reported on
    stderr, one line each, and the others are still processed; the exit
    status is then 1.
    """
    from .api import extract_many
    from .write import atomic_output, make_writer

    started = time.perf_counter()
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else "json"
    settings, listing = prepare(paths, globs, model, patterns_dir, max_bytes)

    counts = {"read": 0, "with_records": 0, "without_records": 0, "errors": 0, "records": 0}
    error_lines: list[str] = []

    def run(stream) -> None:
        writer = make_writer(fmt, stream)
        # closing(): a closed pipe ends the generator at once, so its worker processes are shut down
        # rather than left behind holding our stderr
        with closing(extract_many(listing, jobs=jobs, settings=settings)) as results, \
                progress_bar(len(listing), quiet) as advance:
            for result in results:
                counts["read"] += 1
                if result.error:
                    counts["errors"] += 1
                    click.echo(f"ofsted-extract: {result.source}: {result.error}", err=True)
                    error_lines.append(json.dumps({"source": result.source, "error": result.error}))
                else:
                    counts["records"] += len(result.records)
                    counts["with_records" if result.records else "without_records"] += 1
                    writer.write(result.records)
                advance()
        writer.close()

    try:
        if output is not None:
            with atomic_output(output) as handle:
                run(handle)
        else:
            run(sys.stdout)
    except BrokenPipeError:
        quiet_broken_pipe()
    if errors_file is not None:
        with atomic_output(errors_file) as handle:
            handle.write("".join(line + "\n" for line in error_lines))
    if not quiet:
        seconds = time.perf_counter() - started
        click.echo(f"ofsted-extract: read {counts['read']} inputs: {counts['with_records']} with records, "
                   f"{counts['without_records']} without, {counts['errors']} errors; "
                   f"{counts['records']} records in {seconds:.1f}s", err=True)
    if counts["errors"]:
        sys.exit(EXIT_INPUT_ERRORS)


class progress_bar:
    """A rich progress bar on stderr for more than one input, only on an interactive terminal."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total = total
        self.enabled = total > 1 and not quiet and stderr_is_interactive()
        self.progress = None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.progress = Progress(TextColumn("articles"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 TimeRemainingColumn(), console=Console(stderr=True), transient=True)
        self.progress.start()
        task = self.progress.add_task("extract", total=self.total)
        return lambda: self.progress.advance(task)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()


def quiet_broken_pipe() -> None:
    """The reader went away (`| head -1`): stop quietly, as Unix tools do."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    sys.exit(EXIT_OK)


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a record."""
    from .models import InspectionRecord

    click.echo(json.dumps(InspectionRecord.model_json_schema(), indent=2))


@cli.command("evaluate")
@click.argument("gold_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--errors", is_flag=True, help="List every missed and extra fact with the sentences behind it.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and errors, with --errors) as JSON.")
@click.option("--min", "floors", multiple=True, metavar="FIELD=F1",
              help="Exit 1 when FIELD's F1 is below the value (repeatable; FIELD may be 'all').")
@click.option("--model", default="auto", show_default=True,
              help="spaCy model for the fallback NER ('none' to run rules only).")
@click.option("--patterns", "patterns_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="A folder of extra JSONL patterns added to the shipped ones.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def evaluate_command(gold_dir: Path, errors: bool, as_json: bool, floors: tuple[str, ...], model: str,
                     patterns_dir: Path | None, quiet: bool) -> None:
    """Score the extractor on GOLD_DIR (ID.txt or ID.html beside ID.gold.json, the shared corpus format).

    Prints precision, recall and F1 per field, as the corpus's score.py does,
    and how often records at each confidence are right. With --errors, each
    missed or extra fact comes with the sentences that carry it and what the
    annotator made of them (a grade's reading, a rejected grade's reason), so
    that a miss can be traced to a rule in patterns/.
    """
    from .errors import InputProblem, OfstedExtractError
    from .evaluate import FIELDS, calibration_rows, evaluate

    parsed_floors = []
    for spec in floors:
        name, _, value = spec.partition("=")
        try:
            parsed_floors.append((name, float(value)))
        except ValueError:
            raise click.BadParameter(f"{spec!r} is not FIELD=NUMBER", param_hint="--min") from None
        if name not in (*FIELDS, "all"):
            raise click.BadParameter(f"unknown field {name!r}", param_hint="--min")
    settings = make_settings(model, patterns_dir)
    try:
        steps = evaluate(gold_dir, settings)
        result = None
        count = sum(1 for _ in gold_dir.glob("*.gold.json"))
        if count == 0:
            raise click.ClickException(f"{gold_dir}: no *.gold.json files")
        with progress_bar(count, quiet) as advance:
            for _, result in steps:
                advance()
    except (InputProblem, OfstedExtractError) as exc:
        raise click.ClickException(str(exc)) from exc

    scores = {name: result.scores[name] for name in FIELDS} | {"all": result.overall}
    calibration = calibration_rows(result.calibration)
    for line in result.unreadable:
        click.echo(f"ofsted-extract: {line}", err=True)
    if as_json:
        data = {"articles": result.articles,
                "fields": {name: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 3),
                                  "recall": round(s.recall, 3), "f1": round(s.f1, 3)} for name, s in scores.items()},
                "calibration": [{"min_confidence": t, "records": n, "share": round(share, 3),
                                 "right": round(acc, 3)} for t, n, share, acc in calibration]}
        if errors:
            data["errors"] = [{"article": m.article, "kind": m.kind, "field": m.field, "fact": list(m.fact),
                               "sentences": list(m.sentences)} for m in result.misses]
        click.echo(json.dumps(data, indent=2))
    else:
        if errors:
            for miss in result.misses:
                click.echo(f"{miss.article}\t{miss.kind}\t{miss.field}\t{miss.fact}")
                for sentence in miss.sentences:
                    click.echo(f"    {sentence}")
            click.echo()
        click.echo(f"{'field':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}   ({result.articles} articles)")
        for name, s in scores.items():
            click.echo(f"{name:<16}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        click.echo(f"\n{'confidence >=':<16}{'records':>8}{'share':>8}{'right':>8}   "
                   f"(right: council, type, grade and judgements all match the gold)")
        for threshold, n, share, accuracy in calibration:
            click.echo(f"{threshold:<16.2f}{n:>8}{share:>8.1%}{accuracy:>8.1%}")
    below = [(name, scores[name].f1, floor) for name, floor in parsed_floors if round(scores[name].f1, 3) < floor]
    for name, got, floor in below:
        click.echo(f"ofsted-extract: below the floor: {name} F1 {got:.3f} < {floor}", err=True)
    if below:
        sys.exit(EXIT_INPUT_ERRORS)


def make_settings(model: str, patterns_dir: Path | None, max_bytes: int | None = None):
    """The library's Settings from the command-line options ('none' as the model: rules only)."""
    from .api import Settings

    extra = {} if max_bytes is None else {"max_bytes": max_bytes}
    return Settings(model=None if model.lower() == "none" else model,
                    patterns_dir=str(patterns_dir) if patterns_dir else None, **extra)


def prepare(paths: tuple[str, ...], globs: tuple[str, ...], model: str, patterns_dir: Path | None,
            max_bytes: int) -> tuple:
    """Settings and the input listing, with the pipeline built (a bad patterns file is a usage error
    here, before any input is read); start-up ends here."""
    from .api import pipeline
    from .errors import OfstedExtractError
    from .read import DEFAULT_GLOBS, expand_inputs

    settings = make_settings(model, patterns_dir, max_bytes)
    listing = list(expand_inputs(paths, globs or DEFAULT_GLOBS))
    try:
        pipeline(settings)
    except OfstedExtractError as exc:
        raise click.ClickException(str(exc)) from exc
    startup.started()
    return settings, listing


def extract_all(paths: tuple[str, ...], globs: tuple[str, ...], jobs: int | None, model: str,
                patterns_dir: Path | None, max_bytes: int, quiet: bool, keep_text: bool = False) -> list:
    """Every input's `ArticleResult`, for commands that need the whole batch before they write.

    Each input that cannot be read is named on stderr, as `extract` does.
    """
    from .api import extract_many

    settings, listing = prepare(paths, globs, model, patterns_dir, max_bytes)
    results = []
    with progress_bar(len(listing), quiet) as advance:
        for result in extract_many(listing, jobs=jobs, settings=settings, keep_text=keep_text):
            if result.error:
                click.echo(f"ofsted-extract: {result.source}: {result.error}", err=True)
            results.append(result)
            advance()
    return results


def write_out(output: Path | None, write) -> None:
    """Call `write(stream)` on stdout, or on FILE written atomically."""
    from .write import atomic_output

    if output is None:
        write(sys.stdout)
        sys.stdout.flush()
    else:
        with atomic_output(output) as handle:
            write(handle)


def finish(results: list, what: str, started: float, quiet: bool) -> None:
    """The summary line on stderr, and exit status 1 when an input could not be read."""
    errors = sum(1 for r in results if r.error)
    if not quiet:
        click.echo(f"ofsted-extract: read {len(results)} inputs, {errors} errors; {what} "
                   f"in {time.perf_counter() - started:.1f}s", err=True)
    if errors:
        sys.exit(EXIT_INPUT_ERRORS)


archive_option = click.option(
    "--db", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
    help="Read the records from this archive (see `ingest`) instead of PATHS.")


def batch_results(paths: tuple[str, ...], db: Path | None, globs: tuple[str, ...], jobs: int | None, model: str,
                  patterns_dir: Path | None, max_bytes: int, quiet: bool, keep_text: bool = False) -> list:
    """The batch of `report` and `timeline`: extracted from PATHS, or read back from an archive."""
    if (db is None) == (not paths):
        raise click.UsageError("give PATHS to read, or --db ARCHIVE (one of the two)")
    if db is not None:
        return archived_results(db, keep_text)
    return extract_all(paths, globs, jobs, model, patterns_dir, max_bytes, quiet, keep_text=keep_text)


def archived_results(db: Path, keep_text: bool = False) -> list:
    """Every article of an archive as extraction gave it; its failed inputs named on stderr, as `extract_all` does."""
    from .store import ArchiveError, load_results, read_archive

    try:
        with closing(read_archive(db)) as archive:
            results = list(load_results(archive, keep_text=keep_text))
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    for result in results:
        if result.error:
            click.echo(f"ofsted-extract: {result.source}: {result.error}", err=True)
    return results


@cli.command("report")
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the page to FILE (atomically) instead of stdout.")
@archive_option
@input_options
def report_command(paths: tuple[str, ...], output: Path | None, db: Path | None, globs: tuple[str, ...],
                   jobs: int | None, model: str, patterns_dir: Path | None, max_bytes: int, quiet: bool) -> None:
    """Write an HTML review page: each article's records beside its text, the evidence highlighted.

    One self-contained file (no network, no script). Each value in a record's
    table links to the words that support it; each council's inspections
    across the articles are listed at the top. Inputs that cannot be read are
    listed in the page and on stderr, and the exit status is then 1.

    \b
      ofsted-extract report archive/ -o report.html
    """
    from .report import render_report

    started = time.perf_counter()
    results = batch_results(paths, db, globs, jobs, model, patterns_dir, max_bytes, quiet, keep_text=True)
    page = render_report(results)
    write_out(output, lambda stream: stream.write(page))
    records = sum(len(r.records) for r in results)
    finish(results, f"{records} records on the page", started, quiet)


@cli.command("timeline")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default=None,
              help="Output format [default: table on a terminal, else json].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE (atomically) instead of stdout.")
@archive_option
@input_options
def timeline_command(paths: tuple[str, ...], fmt: str | None, output: Path | None, db: Path | None,
                     globs: tuple[str, ...], jobs: int | None, model: str, patterns_dir: Path | None,
                     max_bytes: int, quiet: bool) -> None:
    """Merge many articles' records into one history per council, in date order.

    Each inspection appears once with all its sources; prior grades fill in
    inspections no article reports; each graded inspection shows whether the
    council improved, declined or stayed the same. JSON is a list of councils
    with their events; CSV has one row per event.
    """
    from .timeline import build_timeline, write_csv, write_table

    started = time.perf_counter()
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else "json"
    results = batch_results(paths, db, globs, jobs, model, patterns_dir, max_bytes, quiet)
    histories = build_timeline(record for result in results for record in result.records)

    def write(stream) -> None:
        if fmt == "json":
            json.dump([h.to_json_dict() for h in histories], stream, indent=2, ensure_ascii=False)
            stream.write("\n")
        elif fmt == "csv":
            write_csv(histories, stream)
        else:
            write_table(histories, stream)

    write_out(output, write)
    events = sum(len(h.events) for h in histories)
    finish(results, f"{len(histories)} councils, {events} events", started, quiet)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The archive: an SQLite file, created when missing.")
@click.option("--prune", is_flag=True, help="Remove the archive's articles whose files are gone.")
@input_options
def ingest_command(paths: tuple[str, ...], db: Path, prune: bool, globs: tuple[str, ...], jobs: int | None,
                   model: str, patterns_dir: Path | None, max_bytes: int, quiet: bool) -> None:
    """Add articles (files, folders) to an SQLite archive, extracting only what is new or changed.

    An article whose path, content and extractor (version, rule files, model)
    are already archived is skipped; a changed one is re-extracted and its old
    rows replaced. Work is committed in small chunks: a killed run leaves a
    consistent archive and a re-run finishes the job. Failed inputs are
    named on stderr and the exit status is then 1.

    \b
      ofsted-extract ingest archive/ --db archive.db
      ofsted-extract timeline --db archive.db
    """
    import sqlite3

    from .api import ArticleResult
    from .ingest import ingest
    from .store import ArchiveError, open_archive

    if "-" in paths:
        raise click.UsageError("ingest reads files, not stdin: the archive keys each article by its path")
    started = time.perf_counter()
    settings, listing = prepare(paths, globs, model, patterns_dir, max_bytes)
    try:
        archive = open_archive(db)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc
    with closing(archive), progress_bar(len(listing), quiet) as advance:
        def on_result(result: ArticleResult | None) -> None:
            if result is not None and result.error:
                click.echo(f"ofsted-extract: {result.source}: {result.error}", err=True)
            advance()

        try:
            counts = ingest(archive, listing, settings, jobs=jobs, remove_missing=prune, on_result=on_result)
        except sqlite3.OperationalError as exc:  # "database is locked": another ingest is writing; "disk is full"
            raise click.ClickException(f"{db}: {exc} (what was committed before stays)") from exc
    if not quiet:
        click.echo(f"ofsted-extract: {counts.inputs} articles: {counts.new} new, {counts.changed} changed, "
                   f"{counts.unchanged} unchanged, {counts.removed} removed, {counts.failed} failed; "
                   f"{counts.extracted} extracted, {counts.records} records in "
                   f"{time.perf_counter() - started:.1f}s", err=True)
    if counts.failed:
        sys.exit(EXIT_INPUT_ERRORS)


def main() -> None:
    """The console script; `startup` keeps start-up and exit short (a one-article run is mostly those)."""
    startup.begin()
    try:
        cli(standalone_mode=True)
    except BrokenPipeError:
        quiet_broken_pipe()
    except SystemExit as exc:
        startup.leave(exc.code)


if __name__ == "__main__":
    main()

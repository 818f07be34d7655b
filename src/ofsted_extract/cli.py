"""Command line: `ofsted-extract [OPTIONS] PATH...` and its subcommands.

A thin layer over the library (`api.extract_many`) and the writers. Data goes
to stdout (or `-o FILE`), messages to stderr. Heavy imports (spaCy) happen
inside the commands so that `--help` and `schema` answer at once.

A subcommand is one function under `@cli.command("name")`; one in another
module registers itself when this module imports it (see the end of the file).
Shared options and helpers are in clikit.py.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any, NoReturn

import click
from click_default_group import DefaultGroup

from . import __version__, startup
from .clikit import (EXIT_INPUT_ERRORS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Failure, Reporter, Size,  # noqa: F401
                     UsageProblem, check_output_paths, errors_file_option, extract_all, finish, input_options,
                     is_stdout, json_text, make_settings, output_option, plural, prepare, stderr_is_interactive,
                     write_errors_file, write_out)
from .outputs import choose_format
from . import streams
from .display import one_line
from .streams import GuardedStream, Interrupted, OutputFailed
from .clikit import report_output_failure

#: Long enough for every command's first sentence: `--help` shows the summaries whole.
SUMMARY_LIMIT = 200


def quiet_broken_pipe() -> None:
    """The reader went away (`| head -1`): stop quietly, exit 0, as Unix tools do."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(EXIT_OK)


def near_command(group: click.Group, name: str) -> str | None:
    """The subcommand `name` looks like a typing slip of, if any."""
    import difflib  # here: only a mistyped command needs it, and --help should stay quick

    matches = difflib.get_close_matches(name, list(group.commands), n=1, cutoff=0.75)
    return matches[0] if matches else None


class OfstedGroup(DefaultGroup):
    """`extract` as the default command, with the checks that keep it from swallowing mistakes.

    * A near miss of a subcommand that is not a path (`timelin`) is a usage error with a suggestion.
    * `--help` shows the main form's options and each subcommand's summary whole.
    * In every subcommand a closed stdout ends quietly (exit 0) and Ctrl-C exits 130.
    """

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        first = args[0] if args else ""
        if first and not first.startswith("-") and first not in self.commands and not os.path.lexists(first):
            guess = near_command(self, first)
            if guess is not None:
                raise UsageProblem(f"no command or file {first!r}; did you mean {guess!r}?")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            quiet_broken_pipe()
        except KeyboardInterrupt:
            click.echo("ofsted-extract: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[OPTIONS] PATH...")
        formatter.write_usage(ctx.command_path, "COMMAND [OPTIONS] ARGS...", prefix="   or: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        own = [record for param in self.get_params(ctx) if (record := param.get_help_record(ctx))]
        main_form = self.commands[self.default_cmd_name]
        with click.Context(main_form, info_name=self.default_cmd_name, parent=ctx) as sub:
            extract = [record for param in main_form.get_params(sub)
                       if isinstance(param, click.Option) and "--help" not in param.opts
                       if (record := param.get_help_record(sub))]
        with formatter.section("Options of the main form (ofsted-extract [OPTIONS] PATH...)"):
            formatter.write_dl(extract)
        with formatter.section("Options"):
            formatter.write_dl(own)
        rows = [(name, command.get_short_help_str(limit=SUMMARY_LIMIT))
                for name, command in self.commands.items() if not command.hidden]
        with formatter.section("Commands (ofsted-extract COMMAND --help for each)"):
            formatter.write_dl(rows)


@click.group(cls=OfstedGroup, default="extract", default_if_no_args=False,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ofsted-extract")
def cli() -> None:
    """Extract Ofsted children's-services inspection outcomes from news articles.

    The main form is `ofsted-extract [OPTIONS] PATH...` (the `extract` command):

    \b
      ofsted-extract article.txt                 # a table in the terminal
      ofsted-extract --format jsonl folder/ | jq .council
      ofsted-extract --format csv -o out.csv archive/

    Options go after a subcommand's name. A path that is also a subcommand
    name is reachable as ./NAME.
    """


def check_paths_are_not_commands(paths: tuple[str, ...]) -> None:
    """`ofsted-extract -q report DIR` would read 'report' as a path: a usage error unless it is one."""
    if not paths or os.path.lexists(paths[0]) or paths[0] == "-":
        return
    if paths[0] in cli.commands:
        raise UsageProblem(f"{paths[0]!r} is a command: put options after it "
                           f"(ofsted-extract {paths[0]} [OPTIONS] ...), or write ./{paths[0]} for a file")
    guess = near_command(cli, paths[0])
    if guess is not None:
        raise UsageProblem(f"no command or file {paths[0]!r}; did you mean {guess!r}?")


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "table"]), default=None,
              help="Output format [default: from -o's extension, else table on a terminal, else json].")
@output_option("records")
@errors_file_option
@input_options
def extract_command(paths: tuple[str, ...], fmt: str | None, output: Path | None, errors_file: Path | None,
                    globs: tuple[str, ...], jobs: int | None, model: str, patterns_dir: Path | None,
                    max_bytes: int, quiet: bool) -> None:
    """Read articles (files, folders, or - for stdin) and print their inspection records.

    Folders are read recursively. Inputs that cannot be read are reported on
    stderr, one line each, and the others are still processed; the exit
    status is then 1.
    """
    from .api import extract_listing
    from .write import make_writer

    started = time.perf_counter()
    check_paths_are_not_commands(paths)
    check_output_paths({"-o": output, "--errors-file": errors_file}, paths)
    fmt = choose_format(fmt, output, ("json", "jsonl", "csv", "table"), terminal_default="table")
    settings, listing = prepare(paths, globs, model, patterns_dir, max_bytes, output, errors_file)
    counts = {"read": 0, "with_records": 0, "without_records": 0, "errors": 0, "records": 0}
    failed: list[tuple[str, str]] = []

    def run(stream) -> None:
        writer = make_writer(fmt, stream)
        # closing(): a closed pipe ends the generator at once, so its worker processes are shut down
        # rather than left behind holding our stderr
        with closing(extract_listing(listing, jobs=jobs, settings=settings)) as results, \
                Reporter(len(listing), quiet) as reporter:
            for result in results:
                counts["read"] += 1
                if result.error:
                    counts["errors"] += 1
                    reporter.failed_input(result.source, result.error)
                    failed.append((result.source, result.error))
                else:
                    if result.warning:
                        reporter.note(result.source, f"warning: {result.warning}")
                    counts["records"] += len(result.records)
                    counts["with_records" if result.records else "without_records"] += 1
                    writer.write(result.records)
                reporter.advance()
        writer.close()

    write_out(output, run)
    write_errors_file(errors_file, failed)
    if not quiet:
        seconds = time.perf_counter() - started
        click.echo(f"ofsted-extract: read {plural(counts['read'], 'input')}: {counts['with_records']} with records, "
                   f"{counts['without_records']} without, {plural(counts['errors'], 'error')}; "
                   f"{plural(counts['records'], 'record')} in {seconds:.1f}s", err=True)
    if counts["errors"]:
        sys.exit(EXIT_INPUT_ERRORS)


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a record."""
    import json

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
              default=None, help="A folder of your own pattern files, named like the shipped ones (see the README).")
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
    from .clikit import build_pipeline_or_fail
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
    build_pipeline_or_fail(settings, model)
    try:
        steps = evaluate(gold_dir, settings)
        result = None
        count = sum(1 for _ in gold_dir.glob("*.gold.json"))
        if count == 0:
            raise Failure(f"{gold_dir}: no *.gold.json files")
        with Reporter(count, quiet) as reporter:
            for _, result in steps:
                reporter.advance()
    except (InputProblem, OfstedExtractError) as exc:
        raise Failure(str(exc)) from exc

    scores = {name: result.scores[name] for name in FIELDS} | {"all": result.overall}
    calibration = calibration_rows(result.calibration)
    for line in result.unreadable:
        click.echo(f"ofsted-extract: {one_line(line)}", err=True)
    if as_json:
        data: dict[str, Any] = {
            "articles": result.articles,
            "fields": {name: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 3),
                              "recall": round(s.recall, 3), "f1": round(s.f1, 3)} for name, s in scores.items()},
            "calibration": [{"min_confidence": t, "records": n, "share": round(share, 3),
                             "right": round(acc, 3)} for t, n, share, acc in calibration]}
        if errors:
            data["errors"] = [{"article": m.article, "kind": m.kind, "field": m.field, "fact": list(m.fact),
                               "sentences": list(m.sentences)} for m in result.misses]
        click.echo(json_text(data))
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


archive_option = click.option(
    "--db", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
    help="Read the records from this archive (see `ingest`) instead of PATHS.")


def batch_results(paths: tuple[str, ...], db: Path | None, globs: tuple[str, ...], jobs: int | None, model: str,
                  patterns_dir: Path | None, max_bytes: int, quiet: bool, keep_text: bool = False,
                  output: Path | None = None, errors_file: Path | None = None) -> list:
    """The batch of `report` and `timeline`: extracted from PATHS, or read back from an archive."""
    if (db is None) == (not paths):
        raise click.UsageError("give PATHS to read, or --db ARCHIVE (one of the two)")
    if db is not None:
        return archived_results(db, keep_text)
    return extract_all(paths, globs, jobs, model, patterns_dir, max_bytes, quiet, keep_text=keep_text,
                       output=output, errors_file=errors_file)


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
            click.echo(f"ofsted-extract: {one_line(result.source)}: {one_line(result.error)}", err=True)
    return results


def users_gazetteer(patterns_dir: Path | None):  # -> Gazetteer | None
    """The gazetteer with a `--patterns` folder's authorities (for the regions of the report's councils),
    or None for the shipped one."""
    from .annotate import user_pattern_files
    from .errors import OfstedExtractError
    from .ruledata import AUTHORITIES_FILE, load_rule_data

    try:
        extra = user_pattern_files(patterns_dir).get(AUTHORITIES_FILE, [])
        return load_rule_data(authorities=extra).gazetteer if extra else None
    except OfstedExtractError as exc:
        raise Failure(str(exc)) from exc


@cli.command("report")
@click.argument("paths", nargs=-1)
@output_option("the page")
@errors_file_option
@archive_option
@input_options
def report_command(paths: tuple[str, ...], output: Path | None, errors_file: Path | None, db: Path | None,
                   globs: tuple[str, ...], jobs: int | None, model: str, patterns_dir: Path | None, max_bytes: int,
                   quiet: bool) -> None:
    """Write an HTML review page: each article's records beside its text, the evidence highlighted.

    One self-contained file (no network, no script). Each value in a record's
    table links to the words that support it; each council's inspections
    across the articles are listed at the top. Inputs that cannot be read are
    listed in the page and on stderr, and the exit status is then 1. The page
    is not written to a terminal: give -o FILE or redirect stdout.

    \b
      ofsted-extract report archive/ -o report.html
    """
    from .report import render_report

    started = time.perf_counter()
    check_output_paths({"-o": output, "--errors-file": errors_file}, paths)
    choose_format(None, output, ("html",), fallback="html")
    if is_stdout(output) and sys.stdout.isatty():
        raise UsageProblem("report writes an HTML page, not for a terminal: add -o report.html "
                           "(or redirect: > report.html)")
    results = batch_results(paths, db, globs, jobs, model, patterns_dir, max_bytes, quiet, keep_text=True,
                            output=output, errors_file=errors_file)
    page = render_report(results, users_gazetteer(patterns_dir))
    write_out(output, lambda stream: stream.write(page))
    write_errors_file(errors_file, [(r.source, r.error) for r in results if r.error])
    records = sum(len(r.records) for r in results)
    finish(results, f"{plural(records, 'record')} on the page", started, quiet)


@cli.command("timeline")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default=None,
              help="Output format [default: from -o's extension, else table on a terminal, else json].")
@output_option("the timeline")
@errors_file_option
@archive_option
@input_options
def timeline_command(paths: tuple[str, ...], fmt: str | None, output: Path | None, errors_file: Path | None,
                     db: Path | None, globs: tuple[str, ...], jobs: int | None, model: str, patterns_dir: Path | None,
                     max_bytes: int, quiet: bool) -> None:
    """Merge many articles' records into one history per council, in date order.

    Each inspection appears once with all its sources; prior grades fill in
    inspections no article reports; each graded inspection shows whether the
    council improved, declined or stayed the same. JSON is a list of councils
    with their events (one council a line; JSON Lines: one council a line, no
    list); CSV has one row per event.
    """
    from .terminal import write_timeline
    from .timeline import build_timeline, write_csv
    from .write import make_writer

    started = time.perf_counter()
    check_output_paths({"-o": output, "--errors-file": errors_file}, paths)
    fmt = choose_format(fmt, output, ("table", "json", "jsonl", "csv"), terminal_default="table")
    results = batch_results(paths, db, globs, jobs, model, patterns_dir, max_bytes, quiet, output=output,
                            errors_file=errors_file)
    histories = build_timeline(record for result in results for record in result.records)

    def write(stream) -> None:
        if fmt == "csv":
            write_csv(histories, stream)
        elif fmt == "table":
            write_timeline(histories, stream)
        else:
            writer = make_writer(fmt, stream)
            writer.write(histories)
            writer.close()

    write_out(output, write)
    write_errors_file(errors_file, [(r.source, r.error) for r in results if r.error])
    events = sum(len(h.events) for h in histories)
    finish(results, f"{plural(len(histories), 'council')}, {plural(events, 'event')}", started, quiet)


@cli.command("text")
@click.argument("path")
@output_option("the text")
@click.option("--max-bytes", type=Size(), default=10_000_000, show_default=True, help="Refuse input files larger than this.")
def text_command(path: str, output: Path | None, max_bytes: int) -> None:
    """Print the text that evidence offsets index: the file decoded, or an HTML page's extracted main text.

    For a plain-text file this is the file itself; for HTML it is what
    trafilatura took from the page, so `text[start:end]` is an evidence's words.
    """
    from .errors import InputProblem
    from .read import read_source

    check_output_paths({"-o": output}, (path,))
    try:
        source = read_source(path, max_bytes=max_bytes)
    except InputProblem as problem:
        click.echo(f"ofsted-extract: {problem.source}: {problem.reason}", err=True)
        sys.exit(EXIT_INPUT_ERRORS)
    write_out(output, lambda stream: stream.write(source.text))


@cli.command("explain")
@click.argument("article")
@click.option("--all", "show_all", is_flag=True, help="Every sentence, also those where nothing was found.")
@click.option("--model", default="auto", show_default=True,
              help="spaCy model for the fallback NER ('none' to run rules only).")
@click.option("--patterns", "patterns_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="A folder of your own pattern files, named like the shipped ones (see the README).")
def explain_command(article: str, show_all: bool, model: str, patterns_dir: Path | None) -> None:
    """Show what the annotate stage saw in ARTICLE, sentence by sentence, to trace a miss to its rule.

    Councils, grades (kept with their reading, or rejected with the reason),
    areas, inspection types, dates and context triggers, each marked in the
    sentence where it was found.
    """
    from .api import pipeline
    from .errors import InputProblem
    from .explain import explain_lines
    from .read import read_source

    settings = make_settings(model, patterns_dir)
    try:
        source = read_source(article)
    except InputProblem as problem:
        click.echo(f"ofsted-extract: {problem.source}: {problem.reason}", err=True)
        sys.exit(EXIT_INPUT_ERRORS)
    from .clikit import build_pipeline_or_fail

    build_pipeline_or_fail(settings, model)
    for line in explain_lines(pipeline(settings)(source.text), show_all):
        click.echo(line)


#: Modules (in this package) whose subcommands register themselves with `@cli.command(...)` when imported;
#: a new command in its own module is that decorator and its name here. Keep their top-level imports light.
COMMAND_MODULES: tuple[str, ...] = ()
for _name in COMMAND_MODULES:
    importlib.import_module(f"{__package__}.{_name}")


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
    with closing(archive), Reporter(len(listing), quiet) as reporter:
        def on_result(result: ArticleResult | None) -> None:
            if result is not None and result.error:
                reporter.failed_input(result.source, result.error)
            reporter.advance()

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
    """The console script; `startup` keeps start-up and exit short (a one-article run is mostly those).

    `streams` makes the standard streams safe first (closed ones reserved, stdout UTF-8) and turns
    SIGTERM and SIGINT into `Interrupted`, which unwinds (temporary files removed, workers stopped)
    and exits with 128 + the signal.
    """
    startup.begin()
    streams.guard_standard_streams()
    sys.stdout = GuardedStream(sys.stdout, "stdout")
    streams.raise_on_signals()
    try:
        cli(standalone_mode=True)
    except BrokenPipeError:
        quiet_broken_pipe()
    except SystemExit as exc:
        streams.ignore_signals()
        startup.leave(exc.code)
    except OutputFailed as exc:  # a command that writes stdout through click.echo (schema, evaluate)
        streams.ignore_signals()
        report_output_failure(exc)
        startup.leave(EXIT_INPUT_ERRORS)
    except Interrupted as exc:
        streams.ignore_signals()
        click.echo(f"ofsted-extract: stopped by {exc}", err=True)
        startup.leave(exc.status)


if __name__ == "__main__":
    main()

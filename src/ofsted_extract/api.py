"""The library API: `extract` for one text, `extract_many` for a batch. The CLI is a thin layer over these.

    >>> from ofsted_extract import extract
    >>> records = extract(open("article.txt").read(), source="article.txt")

The pipeline is built once per process (and once per worker with `jobs > 1`);
batches go through `nlp.pipe`. Results come back in input order, so output is
the same whatever the number of workers. Memory stays flat however many
articles there are: a few chunks are in flight at a time, and each chunk runs
in a spaCy memory zone, so the strings it adds to the vocabulary go with it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .annotate import build_pipeline
from .assemble import assemble
from .display import printable
from .errors import InputProblem
from .layout import Layout, normalise
from .models import InspectionRecord
from .read import DEFAULT_GLOBS, DEFAULT_MAX_BYTES, SourceText, expand_inputs, read_source
from .ruledata import rule_data
from .streams import signals_held, worker_signals
from .validate import to_record

BATCH_SIZE = 16


@dataclass(frozen=True)
class Settings:
    """Options shared by the API and the CLI."""

    model: str | None = "auto"
    patterns_dir: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class ArticleResult:
    """What became of one input: its records, or the reason it could not be read.

    `text` is the text the evidence offsets index (for HTML, the extracted main
    text), kept only when asked for (`keep_text=True`), since batches are large.
    `warning` is something to tell the user about an input that was read (a
    damaged UTF-8 tail).
    """

    source: str
    records: list[InspectionRecord] = field(default_factory=list)
    error: str | None = None
    encoding: str | None = None
    text: str | None = None
    warning: str | None = None

    def __post_init__(self) -> None:
        # the path as given, its bytes that are not UTF-8 as \xNN: results are written out as UTF-8
        self.source = printable(self.source)


def pipeline(settings: Settings = Settings()) -> Language:
    """The process's pipeline for these settings, built on first use (and shared by settings that differ
    only in what the pipeline does not use, such as `max_bytes`)."""
    return _pipeline(settings.model, settings.patterns_dir)


@lru_cache(maxsize=4)
def _pipeline(model: str | None, patterns_dir: str | None) -> Language:
    return build_pipeline(model, Path(patterns_dir) if patterns_dir else None)


def records_from_doc(doc, source: str, metadata_date: str | None = None,
                     layout: Layout | None = None) -> list[InspectionRecord]:
    """The records of one annotated article; `layout` when the doc read `normalise(text).text`."""
    gazetteer = rule_data(doc).gazetteer  # the pipeline's: the shipped authorities and a user's
    ctx, drafts = assemble(doc, metadata_date, gazetteer)
    return [to_record(d, doc, ctx, source, gazetteer, metadata_date, layout) for d in drafts]


def extract(text: str, *, source: str = "<text>", metadata_date: str | None = None,
            settings: Settings = Settings()) -> list[InspectionRecord]:
    """Records for one article's text (plain text; for HTML use `extract_many` or `read_source` first)."""
    nlp = pipeline(settings)
    layout = normalise(text)
    with nlp.memory_zone():
        return records_from_doc(nlp(layout.text), source, metadata_date, layout)


def _read_all(sources: list[str], settings: Settings) -> list[SourceText | InputProblem]:
    out: list[SourceText | InputProblem] = []
    for source in sources:
        try:
            out.append(read_source(source, max_bytes=settings.max_bytes))
        except InputProblem as problem:
            out.append(problem)
        except Exception as exc:  # the per-input boundary: an unexpected failure is this input's error
            out.append(InputProblem(source, internal_error(exc)))
    return out


def internal_error(exc: BaseException) -> str:
    """One line for an unexpected exception in one input: "internal error: ValueError: first line"."""
    lines = str(exc).strip().splitlines()
    return f"internal error: {type(exc).__name__}" + (f": {lines[0].strip()}" if lines else "")


def _annotate(nlp: Language, texts: list[str]) -> list[Doc | Exception]:
    """`nlp.pipe` over the texts; if one text breaks the batch, each is annotated alone, so only it fails."""
    try:
        return list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    except Exception:
        docs: list[Doc | Exception] = []
        for text in texts:
            try:
                docs.append(nlp(text))
            except Exception as exc:  # the per-input boundary
                docs.append(exc)
        return docs


def _process_chunk(args: tuple[list[str], Settings, bool]) -> list[ArticleResult]:
    """Read and extract a chunk of paths (runs in a worker process or inline)."""
    sources, settings, keep_text = args
    nlp = pipeline(settings)
    items = [InputProblem(item.source, f"text is {len(item.text)} characters, over the limit of {nlp.max_length} "
                                       "for one article (split the file)")
             if isinstance(item, SourceText) and len(item.text) > nlp.max_length else item
             for item in _read_all(sources, settings)]
    # the rules read each text normalised (layout.py); evidence is mapped back to the text as read
    layouts = [normalise(item.text) for item in items if isinstance(item, SourceText)]
    docs = iter(_annotate(nlp, [layout.text for layout in layouts]))
    layout_of = iter(layouts)
    results = []
    for item in items:
        if isinstance(item, InputProblem):
            results.append(ArticleResult(item.source, error=item.reason))
            continue
        doc, layout = next(docs), next(layout_of)
        if isinstance(doc, Exception):
            results.append(ArticleResult(item.source, error=internal_error(doc)))
            continue
        try:
            records = records_from_doc(doc, item.source, item.metadata_date, layout)
        except Exception as exc:  # the per-input boundary: this article fails, the batch goes on
            results.append(ArticleResult(item.source, error=internal_error(exc)))
            continue
        results.append(ArticleResult(item.source, records, encoding=item.encoding,
                                     text=item.text if keep_text else None, warning=item.warning))
    return results


def _run_chunk(args: tuple[list[str], Settings, bool]) -> list[ArticleResult]:
    """`_process_chunk` in a memory zone: the strings and lexemes a chunk adds to the vocabulary are
    dropped once its records (plain Python objects) are made, so a long run does not grow."""
    with pipeline(args[1]).memory_zone():
        return _process_chunk(args)


def default_jobs(count: int) -> int:
    """All cores for a batch, one process for a single input (start-up would cost more than it saves)."""
    if count <= 8:
        return 1
    return max(1, min(os.cpu_count() or 1, count // 8))


def listing_of(sources: Iterable[str | os.PathLike[str] | InputProblem],
               globs: Sequence[str] = DEFAULT_GLOBS) -> list[str | InputProblem]:
    """Paths (str or os.PathLike) as the CLI takes them: folders walked, a missing path an InputProblem.

    A bare string is refused: iterating it would read each character as a path.
    """
    if isinstance(sources, (str, bytes, os.PathLike)):
        raise TypeError(f"extract_many takes a list of paths, not one path: extract_many([{sources!r}])")
    listing: list[str | InputProblem] = []
    for item in sources:
        if isinstance(item, InputProblem):
            listing.append(item)
        elif isinstance(item, (str, os.PathLike)):
            listing.extend(expand_inputs([os.fspath(item)], globs))
        else:
            raise TypeError(f"extract_many takes paths (str or os.PathLike), not {type(item).__name__}")
    return listing


def extract_many(sources: Iterable[str | os.PathLike[str] | InputProblem], *, jobs: int | None = None,
                 settings: Settings = Settings(), chunk: int = BATCH_SIZE,
                 keep_text: bool = False, globs: Sequence[str] = DEFAULT_GLOBS) -> Iterator[ArticleResult]:
    """Extract from many paths, in order, streaming: files, folders (walked as the CLI walks them, taking
    the files that match `globs`), or "-" for stdin; each path a `str` or `os.PathLike`.

    Problems found while listing (a missing path) come through as results
    with `error` set, in their place, so nothing is dropped. With `keep_text`,
    each result carries the text its evidence offsets index.
    """
    listing = listing_of(sources, globs)  # now, not on first next(): a wrong argument fails at the call
    return extract_listing(listing, jobs=jobs, settings=settings, chunk=chunk, keep_text=keep_text)


def extract_listing(listing: list[str | InputProblem], *, jobs: int | None = None, settings: Settings = Settings(),
                    chunk: int = BATCH_SIZE, keep_text: bool = False) -> Iterator[ArticleResult]:
    """`extract_many` for a listing already made by `read.expand_inputs` (the CLI's, which it lists
    first to size the progress bar): files and InputProblems, nothing walked again."""
    paths = [s for s in listing if isinstance(s, str)]
    workers = default_jobs(len(paths)) if jobs is None else max(1, jobs)

    def chunks() -> Iterator[list[str | InputProblem]]:
        block: list[str | InputProblem] = []
        for item in listing:
            block.append(item)
            if len(block) >= chunk:
                yield block
                block = []
        if block:
            yield block

    def run(block: list[str | InputProblem], results: list[ArticleResult]) -> Iterator[ArticleResult]:
        it = iter(results)
        for item in block:
            if isinstance(item, InputProblem):
                yield ArticleResult(item.source, error=item.reason)
            else:
                yield next(it)

    def job(block: list[str | InputProblem]) -> tuple[list[str], Settings, bool]:
        return [b for b in block if isinstance(b, str)], settings, keep_text

    if workers == 1:
        for block in chunks():
            yield from run(block, _run_chunk(job(block)))
        return
    from concurrent.futures import ProcessPoolExecutor  # here: importing it costs a one-article run

    # At most two chunks per worker in flight, taken in order: the workers stay busy while
    # finished results wait for the writer, and neither piles up however long the listing.
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_signals)
    try:
        in_flight: deque = deque()
        for block in chunks():
            with signals_held():  # submit may fork a worker and start the pool's thread
                in_flight.append((block, pool.submit(_run_chunk, job(block))))
            if len(in_flight) >= 2 * workers:
                done, future = in_flight.popleft()
                yield from run(done, future.result())
        while in_flight:
            done, future = in_flight.popleft()
            yield from run(done, future.result())
    except BaseException as exc:
        if _interrupted(exc):  # SIGTERM, Ctrl-C: do not wait for the workers' chunks
            stop_workers(pool)
        raise
    finally:
        pool.shutdown(cancel_futures=True)


def _interrupted(exc: BaseException) -> bool:
    """True when the batch ends by an interruption (SIGTERM, Ctrl-C: a BaseException that is not an error),
    raised here or in the caller while the batch waited at a `yield` (then it closes the batch, and the
    interruption is the GeneratorExit's context)."""
    cause = exc.__context__ if isinstance(exc, GeneratorExit) else exc
    return cause is not None and not isinstance(cause, (Exception, GeneratorExit))


def stop_workers(pool) -> None:
    """End a process pool's workers now (SIGTERM), rather than after the chunks they are reading.

    ProcessPoolExecutor has no public way to do this before Python 3.14 (`terminate_workers`), so its
    `_processes` table is read; the pool then sees its workers gone and shuts down at once.
    """
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()

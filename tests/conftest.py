"""Shared fixtures: where the repository and the shared gold corpus are, and the one pipeline per session.

The pipeline is built lazily, in the session fixture `nlp`, never at import
time; `ofsted_extract.api.pipeline()` caches it per process, so `extract()`
in a test and the fixture share one pipeline.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import pytest
from spacy.language import Language

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "samples"
SCORE = SHARED / "corpus" / "score.py"
#: The console script installed next to the interpreter that runs the tests.
OFSTED_EXTRACT = Path(sys.executable).parent / "ofsted-extract"


def shared_corpus(shared: Path | None = None) -> Path:
    """The dev corpus in ../shared; skipped when absent, except under CI, where its absence is a failure.

    `shared` stands in for ../shared (for testing this rule itself).
    """
    dev = (SHARED if shared is None else shared) / "corpus" / "dev"
    if not dev.is_dir():
        if "CI" in os.environ:
            pytest.fail("../shared is missing but CI is set", pytrace=False)
        pytest.skip(f"{dev} is missing (the shared gold corpus is not checked out)")
    return dev


def score_script() -> Path:
    """score.py from the shared corpus, with the same skip/fail rule as the corpus itself."""
    shared_corpus()
    if not SCORE.is_file():
        if "CI" in os.environ:
            pytest.fail(f"{SCORE} is missing but CI is set", pytrace=False)
        pytest.skip(f"{SCORE} is missing")
    return SCORE


@pytest.fixture(name="shared_corpus")
def shared_corpus_fixture() -> Path:
    """The dev corpus path (see `shared_corpus()`)."""
    return shared_corpus()


@pytest.fixture
def locate_shared_corpus():
    """The `shared_corpus` helper itself, so a test can check its skip-or-fail rule."""
    return shared_corpus


@pytest.fixture
def score_py() -> Path:
    """The shared scorer, `../shared/corpus/score.py` (skipped or failed like the corpus)."""
    return score_script()


@pytest.fixture(scope="session")
def extractor_command() -> str:
    """The installed `ofsted-extract` script as a shell command for `score.py --run`."""
    assert OFSTED_EXTRACT.is_file(), f"{OFSTED_EXTRACT} is missing; install the project (pip install -e .)"
    return f"{shlex.quote(str(OFSTED_EXTRACT))} --format jsonl"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real extraction pipeline (rules plus the lazily loaded fallback NER), built once."""
    from ofsted_extract.api import Settings, pipeline

    # one pipeline per (model, patterns folder): the CLI's and extract()'s calls get this same object
    return pipeline(Settings())


def recording_open(reads: list[int]):
    """A stand-in for `open` whose files note the size of every read() in `reads`."""
    real_open = open

    class Recording:
        def __init__(self, *args, **kwargs):
            self.handle = real_open(*args, **kwargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def fileno(self):
            return self.handle.fileno()

        def read(self, size=-1):
            reads.append(size)
            return self.handle.read(size)

    return Recording

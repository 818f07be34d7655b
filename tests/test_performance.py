"""The speed work keeps behaviour: spaCy's deferred CLI still works when used, chunks stream in
order through a bounded window of workers, and a run leaves the vocabulary as it found it.

No timings here: speed is measured side by side in benchmarks/bench.py (README, Performance).
"""

from __future__ import annotations

import subprocess
import sys

from conftest import SAMPLES

from ofsted_extract import api
from ofsted_extract.errors import InputProblem


def test_spacy_imports_without_its_cli_and_hands_over_on_first_use() -> None:
    code = """
import sys
from ofsted_extract import startup
startup.begin()
import spacy
assert "spacy.cli" not in sys.modules, "spaCy's CLI was imported at start-up"
assert callable(spacy.info)
import spacy.cli
from spacy.cli.info import info
assert hasattr(spacy.cli, "app") and callable(info), "the real spaCy CLI did not load"
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_many_chunks_through_two_workers_come_back_in_input_order() -> None:
    paths: list[str | InputProblem] = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    paths.insert(5, InputProblem("missing.txt", "no such file or directory"))

    def summary(jobs: int) -> list[tuple[str, str | None, list[str]]]:
        # chunk=2: nine chunks, more than the four that two workers keep in flight
        return [(r.source, r.error, [rec.model_dump_json() for rec in r.records])
                for r in api.extract_many(paths, jobs=jobs, chunk=2)]

    inline, pooled = summary(1), summary(2)
    assert [s for s, _, _ in pooled] == [p if isinstance(p, str) else p.source for p in paths]
    assert pooled == inline


def test_a_run_leaves_the_vocabulary_as_it_found_it(nlp) -> None:
    """Each chunk runs in a spaCy memory zone, so a long run's memory does not grow with its words."""
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    list(api.extract_many(paths[:1], jobs=1))  # loads what is loaded once (the fallback NER, say)
    before = len(nlp.vocab.strings)
    results = list(api.extract_many(paths, jobs=1))
    assert any(r.records for r in results)
    assert len(nlp.vocab.strings) == before

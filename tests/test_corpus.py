"""The extractor against the shared dev corpus (../shared/corpus/dev): score.py's floors and one article in detail.

Skipped when ../shared is not checked out, and failed instead when CI is set
(see conftest.shared_corpus).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_extract.cli import cli

#: Issue 11's start on the 208-article dev folder (never lower these; raise them as accuracy rises).
FLOORS = ("all=0.953", "council=0.993", "inspection_type=0.982", "grade=0.956", "prior_grade=0.901",
          "judgements=0.927", "inspection_date=0.903", "published_date=0.911", "prior_year=0.904",
          "article_date=0.984")
LEWISHAM_WEST_SUSSEX = "cypnow-2016-01-lewisham-west-sussex.txt"


def test_score_py_floors_on_the_dev_corpus(shared_corpus: Path, score_py: Path, extractor_command: str) -> None:
    args = [sys.executable, str(score_py), str(shared_corpus), "--run", extractor_command]
    for floor in FLOORS:
        args += ["--min", floor]
    result = subprocess.run(args, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, f"score.py exited {result.returncode}\n{result.stdout}\n{result.stderr}"


def test_lewisham_and_west_sussex_article(nlp, shared_corpus: Path) -> None:
    path = shared_corpus / LEWISHAM_WEST_SUSSEX
    text = path.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, [str(path), "--format", "json", "--quiet"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)

    assert sorted(r["council"] for r in records) == ["Lewisham", "West Sussex"]
    by_council = {r["council"]: r for r in records}
    assert by_council["Lewisham"]["ons_code"] == "E09000023"
    assert by_council["West Sussex"]["ons_code"] == "E10000032"
    assert by_council["Lewisham"]["prior_year"] == 2012
    assert by_council["West Sussex"]["prior_year"] == 2013
    for record in records:
        assert record["source"] == str(path)
        assert record["grade"] == "requires_improvement"
        assert record["inspection_date"] == "2015-10"
        assert record["evidence"], record["council"]
        for field, evidence in record["evidence"].items():
            if evidence["origin"] != "text":
                continue
            assert text[evidence["start"]:evidence["end"]] == evidence["text"], (record["council"], field)
            if evidence["sentence"] is not None:
                sentence = text[evidence["sentence_start"]:evidence["sentence_end"]]
                assert sentence == evidence["sentence"], (record["council"], field)
        assert set(record["evidence"]) == filled_fields(record), record["council"]


def filled_fields(record: dict) -> set[str]:
    """The evidence keys GUIDE.md asks for: every field with a value, judgements per area."""
    keys = {f for f in ("council", "ons_code", "inspection_type", "grade", "inspection_date", "published_date",
                        "prior_grade", "prior_year", "article_date") if record[f] is not None}
    for field in ("judgements", "prior_judgements"):
        keys |= {f"{field}.{area}" for area in record[field]}
    return keys


def test_missing_shared_corpus_skips_locally(locate_shared_corpus, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        locate_shared_corpus(tmp_path / "shared")


@pytest.mark.parametrize("value", ["true", "1", ""])
def test_missing_shared_corpus_fails_under_ci(locate_shared_corpus, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="../shared is missing but CI is set"):
        locate_shared_corpus(tmp_path / "shared")


def test_present_shared_corpus_is_returned(locate_shared_corpus, tmp_path: Path) -> None:
    (tmp_path / "shared" / "corpus" / "dev").mkdir(parents=True)
    assert locate_shared_corpus(tmp_path / "shared") == tmp_path / "shared" / "corpus" / "dev"

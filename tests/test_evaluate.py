"""`ofsted-extract evaluate`: the same figures as the shared scorer, misses traced to their sentences."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_extract.cli import cli
from ofsted_extract.evaluate import calibration_rows, record_is_right

ARTICLE = ("Ofsted has rated Derbyshire County Council's children's services 'inadequate' after inspectors "
           "visited in May 2019. The council was previously rated good in 2016.\n")


def gold_folder(tmp_path: Path, records: list[dict]) -> Path:
    (tmp_path / "derbyshire.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "derbyshire.gold.json").write_text(
        json.dumps({"id": "derbyshire", "source": "test", "article_date": None, "records": records}),
        encoding="utf-8")
    return tmp_path


DERBYSHIRE = {"council": "Derbyshire", "inspection_type": "full", "grade": "inadequate", "judgements": {},
              "inspection_date": "2019-05", "published_date": None, "prior_grade": "good",
              "prior_judgements": {}, "prior_year": 2016}


def test_a_perfect_article_scores_one_everywhere(tmp_path: Path, nlp) -> None:
    result = CliRunner().invoke(cli, ["evaluate", "--json", str(gold_folder(tmp_path, [DERBYSHIRE]))])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["fields"]["all"] == {"tp": 6, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert data["calibration"][0] == {"min_confidence": 0.5, "records": 1, "share": 1.0, "right": 1.0}


def test_errors_show_the_sentence_behind_each_miss(tmp_path: Path, nlp) -> None:
    wrong = dict(DERBYSHIRE, grade="good", prior_year=2015)
    result = CliRunner().invoke(cli, ["evaluate", "--errors", str(gold_folder(tmp_path, [wrong]))])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    missed = lines.index("derbyshire\tmissed\tgrade\t('derbyshire', 'good')")
    assert "grade 'good' read as prior" in lines[missed + 1] and "previously rated good" in lines[missed + 1]
    extra = lines.index("derbyshire\textra\tgrade\t('derbyshire', 'inadequate')")
    assert lines[extra + 1].strip().startswith("grade from 'inadequate': Ofsted has rated Derbyshire")
    assert any(line.split()[:4] == ["grade", "0.000", "0.000", "0.000"] for line in lines)


def test_min_floor_sets_the_exit_status(tmp_path: Path, nlp) -> None:
    folder = gold_folder(tmp_path, [dict(DERBYSHIRE, grade="good")])
    assert CliRunner().invoke(cli, ["evaluate", "--min", "council=1", str(folder)]).exit_code == 0
    below = CliRunner().invoke(cli, ["evaluate", "--min", "grade=0.9", str(folder)])
    assert below.exit_code == 1
    assert "below the floor: grade F1 0.000 < 0.9" in below.stderr
    assert CliRunner().invoke(cli, ["evaluate", "--min", "colour=1", str(folder)]).exit_code == 2


def test_a_gold_file_without_its_article_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "lonely.gold.json").write_text('{"records": []}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1
    assert "lonely.gold.json: no article beside it" in result.stderr


def test_record_is_right_needs_council_type_grade_and_judgements() -> None:
    gold = [DERBYSHIRE]
    assert record_is_right(dict(DERBYSHIRE, prior_year=None, inspection_date="2019"), gold)
    assert not record_is_right(dict(DERBYSHIRE, judgements={"leadership": "inadequate"}), gold)
    assert not record_is_right(dict(DERBYSHIRE, council="Derby"), gold)


def test_calibration_rows_count_share_and_accuracy() -> None:
    rows = calibration_rows([(0.9, True), (0.85, False), (0.6, True), (0.3, True)], thresholds=(0.5, 0.8))
    assert rows == [(0.5, 3, 0.75, pytest.approx(2 / 3)), (0.8, 2, 0.5, 0.5)]


def test_evaluate_agrees_with_the_shared_scorer(shared_corpus: Path, score_py: Path, extractor_command: str) -> None:
    ours = CliRunner().invoke(cli, ["evaluate", "--json", str(shared_corpus)])
    assert ours.exit_code == 0, ours.output
    theirs = subprocess.run([sys.executable, str(score_py), str(shared_corpus), "--json", "--run", extractor_command],
                            capture_output=True, text=True, check=True)
    ours_fields = json.loads(ours.stdout)["fields"]
    for name, score in json.loads(theirs.stdout)["fields"].items():
        if name in ours_fields:
            assert ours_fields[name] == score, name


def test_confidence_is_calibrated_on_the_dev_corpus(shared_corpus: Path) -> None:
    """Issue 11: records at confidence >= 0.8 are at least 78% of records and 94% right (the start: 78.7% right).

    The weights are fitted on dev (scripts/calibrate.py), so this is the in-sample
    figure (78.6% of records, 94.9% right at the last fit); on outlets it never saw,
    the pooled cross-fold curve gives 82.3% of records at >= 0.8, 92.3% right.
    """
    from ofsted_extract.evaluate import evaluate

    *_, (_, result) = evaluate(shared_corpus)
    (_, kept, share, right), = calibration_rows(result.calibration, thresholds=(0.8,))
    assert share >= 0.85, (kept, share)
    assert right >= 0.94, (kept, right)


def test_a_grade_by_the_councils_name_is_surer_than_one_by_reference(nlp) -> None:
    from ofsted_extract import extract

    named, = extract("Ofsted has rated Derbyshire County Council's children's services 'inadequate'.")
    referred, = extract("Derbyshire County Council was inspected by Ofsted in May. The council has been rated "
                        "'inadequate'.")
    # the fitted weights set where the cut falls; the order is what must hold
    assert named.confidence >= 0.8 and named.confidence > referred.confidence

"""Confidence as a fitted model: the weights file is checked data, scores stay in [0, 1] and move the right way,
and the fitting keeps each outlet on one side of a split."""

from __future__ import annotations

import importlib.util
import json
import math
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_extract.calibration import Sample, fit, split_by_source, write_weights
from ofsted_extract.confidence import ConfidenceModel, shipped_model
from ofsted_extract.confidence_features import FEATURES
from ofsted_extract.errors import PatternsError

REPO = Path(__file__).resolve().parents[1]
NEUTRAL = {name: 0.0 for name in FEATURES}


def weights_file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "confidence.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_lines() -> list[str]:
    return [json.dumps({"feature": name, "weight": 0.5}) for name in FEATURES]


def features(**values: float) -> dict[str, float]:
    return {**NEUTRAL, "bias": 1.0, **values}


def test_the_shipped_weights_load_and_name_every_feature() -> None:
    assert set(shipped_model().weights) == set(FEATURES)


@pytest.mark.parametrize(("line", "message"), [
    ('{"feature": "bias", "weight": 1', ":2: not valid JSON"),
    ('{"feature": "colour", "weight": 1}', ":2: unknown feature 'colour'"),
    ('{"feature": "bias", "weight": "high"}', ":2: weight:"),
    ('{"feature": "bias", "weight": 1e400}', ":2: weight:"),
    ('{"feature": "bias", "weight": NaN}', ":2: not valid JSON"),
    ('{"feature": "bias", "weight": 1, "code": "import os"}', ":2: code:"),
])
def test_a_bad_weights_line_is_named_by_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    lines = good_lines()
    lines.insert(1, line)
    with pytest.raises(PatternsError, match="confidence.jsonl" + message):
        ConfidenceModel.from_file(weights_file(tmp_path, lines))


def test_a_repeated_or_missing_feature_is_a_clear_error(tmp_path: Path) -> None:
    lines = good_lines()
    with pytest.raises(PatternsError, match=r"confidence.jsonl:\d+: feature 'bias' is given twice"):
        ConfidenceModel.from_file(weights_file(tmp_path, lines + [lines[0]]))
    with pytest.raises(PatternsError, match="no weight for conflict; refit with scripts/calibrate.py"):
        ConfidenceModel.from_file(weights_file(tmp_path, [x for x in lines if '"conflict"' not in x]))


@pytest.mark.parametrize("scale", [-1e6, -3.0, 0.0, 1.0, 7.0, 1e6])
def test_confidence_stays_within_zero_and_one(scale: float) -> None:
    model = shipped_model()
    for name in FEATURES:
        value = model.confidence(features(**{name: scale}))
        assert 0.0 <= value <= 1.0 and not math.isnan(value)
    assert 0.0 <= model.confidence({name: scale for name in FEATURES}) <= 1.0


def test_what_undermines_a_record_lowers_its_confidence() -> None:
    """Monotone sanity on the shipped weights (a grade next to the council's name versus by reference is
    also checked end to end in test_evaluate.py)."""
    model = shipped_model()
    plain = features(council_mentions=1.0)
    for worse in ({"grade_by_reference": 1.0}, {"conflict": 1.0}, {"areas_unclaimed": 1.0},
                  {"judgements_few": 1.0}, {"no_article_date": 1.0}):
        assert model.probability({**plain, **worse}) < model.probability(plain), worse


def sample(article: str, right: bool, **values: float) -> Sample:
    return Sample(article, features(**values), right)


def test_a_split_by_source_never_puts_one_outlet_on_both_sides() -> None:
    samples = [sample(f"{outlet}-{n}", True) for outlet, count in (("bbc", 6), ("itv", 5), ("cypnow", 4), ("x", 1))
               for n in range(count)]
    a, b = split_by_source(samples)
    assert a | b == {"bbc", "itv", "cypnow", "x"} and not a & b
    sizes = [sum(s.outlet in side for s in samples) for side in (a, b)]
    assert abs(sizes[0] - sizes[1]) <= 2


def test_the_fit_learns_which_way_a_feature_points(tmp_path: Path) -> None:
    samples = ([sample(f"a-{n}", n % 10 != 0) for n in range(60)]
               + [sample(f"b-{n}", n % 5 == 0, conflict=1.0) for n in range(40)])
    model = fit(samples, l2=1.0)
    assert model.weights["conflict"] < 0 < model.weights["bias"]
    assert model.probability(features()) == pytest.approx(0.9, abs=0.05)
    path = tmp_path / "confidence.jsonl"
    write_weights(model, path, "test")
    assert ConfidenceModel.from_file(path) == model


def test_the_calibrate_script_fits_a_gold_folder_in_one_command(tmp_path: Path, shared_corpus: Path, nlp) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for pattern in ("bbc-*", "communitycare-*"):
        for path in sorted(shared_corpus.glob(pattern))[:12]:
            shutil.copy(path, gold / path.name)
    spec = importlib.util.spec_from_file_location("calibrate", REPO / "scripts" / "calibrate.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    out = tmp_path / "confidence.jsonl"
    result = CliRunner().invoke(script.main, [str(gold), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "scored on B (A->B)" in result.output and "scored on A (B->A)" in result.output
    assert set(ConfidenceModel.from_file(out).weights) == set(FEATURES)
    # the neutral weights used while fitting were that run's own pipeline's: the process's is untouched
    assert nlp.get_pipe("ofsted_rule_data").data.confidence is shipped_model()


def test_the_calibrate_script_refits_whatever_the_shipped_weights_file_holds(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A stale or half-edited weights file never stops a refit: fitting scores under neutral weights of its own."""
    from ofsted_extract import confidence, ruledata

    spec = importlib.util.spec_from_file_location("calibrate", REPO / "scripts" / "calibrate.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    broken = weights_file(tmp_path, good_lines()[:2])
    monkeypatch.setattr(confidence, "pattern_file", lambda name: broken)
    confidence.shipped_model.cache_clear()
    ruledata.shipped_rule_data.cache_clear()
    try:
        gold = tmp_path / "gold"
        gold.mkdir()
        (gold / "one.txt").write_text("Ofsted rated Lewisham's children's services good in a report published on "
                                      "12 March 2024.\n", encoding="utf-8")
        (gold / "one.gold.json").write_text('{"records": []}', encoding="utf-8")
        samples = script.collect(gold, script.Settings(model=None))
    finally:
        confidence.shipped_model.cache_clear()
        ruledata.shipped_rule_data.cache_clear()
    assert [s.features["bias"] for s in samples] == [1.0]

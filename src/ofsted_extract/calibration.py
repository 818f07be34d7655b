"""Fit the confidence model, and measure it on outlets it never saw.

A record's features come from how it was found; whether it is right comes from
the gold. Weights fitted on the articles the rules were written from are too
sure of themselves, so the measure that counts is cross-source: dev split by
outlet (the file id's prefix: one outlet's articles are never on both sides),
fitted on one part and scored on the other, both ways. `scripts/calibrate.py`
is the command; this module holds its parts so tests can check them.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .confidence import ConfidenceModel
from .confidence_features import FEATURES

#: The L2 strengths tried; the one with the lowest cross-source log loss is used for the final fit.
L2_GRID: tuple[float, ...] = (0.3, 1.0, 3.0, 10.0)
#: Random outlet halves (besides the balanced split) over which each strength's log loss is averaged.
RANDOM_SPLITS = 10
THRESHOLDS: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class Sample:
    """One predicted record: the article it came from, its features and whether it was right."""

    article: str
    features: dict[str, float]
    right: bool

    @property
    def outlet(self) -> str:
        return outlet_of(self.article)


def outlet_of(article: str) -> str:
    """The outlet a dev file id starts with ("bbc-2019-…" -> "bbc")."""
    return article.split("-", 1)[0].lower()


def split_by_source(samples: Sequence[Sample]) -> tuple[set[str], set[str]]:
    """Two sets of outlets with about as many records each: largest outlet first, to the smaller side."""
    sizes = Counter(s.outlet for s in samples)
    sides: tuple[set[str], set[str]] = (set(), set())
    totals = [0, 0]
    for name, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        side = 0 if totals[0] <= totals[1] else 1
        sides[side].add(name)
        totals[side] += size
    return sides


def random_halves(samples: Sequence[Sample], count: int, seed: int = 0) -> list[tuple[set[str], set[str]]]:
    """`count` random splits of the outlets into halves (seeded: the same every run)."""
    outlets = sorted({s.outlet for s in samples})
    rng = random.Random(seed)
    halves = []
    for _ in range(count):
        rng.shuffle(outlets)
        first = set(outlets[: len(outlets) // 2])
        halves.append((first, set(outlets) - first))
    return halves


def matrix(samples: Sequence[Sample]) -> tuple[np.ndarray, np.ndarray]:
    """Features as rows in FEATURES order, and the 0/1 outcomes."""
    names = list(FEATURES)
    x = np.array([[s.features[n] for n in names] for s in samples], dtype=float).reshape(len(samples), len(names))
    y = np.array([1.0 if s.right else 0.0 for s in samples])
    return x, y


def fit(samples: Sequence[Sample], l2: float = 1.0, iterations: int = 50) -> ConfidenceModel:
    """L2-penalised logistic regression by iteratively reweighted least squares (Newton's method).

    The penalty (not on the bias) keeps a feature seen on a handful of records
    from taking an extreme weight; Newton steps on this convex loss converge in
    a few iterations on a few hundred records.
    """
    x, y = matrix(samples)
    names = list(FEATURES)
    penalty = np.full(len(names), float(l2))
    penalty[names.index("bias")] = 1e-6
    w = np.zeros(len(names))
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -40, 40)))
        gradient = x.T @ (y - p) - penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w += step
        if np.max(np.abs(step)) < 1e-8:
            break
    return ConfidenceModel({n: round(float(v), 4) for n, v in zip(names, w)})


def log_loss(model: ConfidenceModel, samples: Iterable[Sample]) -> float:
    """Mean negative log-likelihood of the outcomes (lower is better calibrated and sharper)."""
    losses = []
    for s in samples:
        p = min(1 - 1e-6, max(1e-6, model.probability(s.features)))
        losses.append(-math.log(p if s.right else 1 - p))
    return sum(losses) / len(losses) if losses else 0.0


def curve(points: Sequence[tuple[float, bool]], thresholds: Sequence[float] = THRESHOLDS
          ) -> list[tuple[float, int, float, float]]:
    """(threshold, records at or above it, their share, the share of those right), as `evaluate` reports."""
    from .evaluate import calibration_rows

    return calibration_rows(list(points), tuple(thresholds))


def scored(model: ConfidenceModel, samples: Iterable[Sample]) -> list[tuple[float, bool]]:
    """Each sample's confidence as a record would carry it, with whether it is right."""
    return [(model.confidence(s.features), s.right) for s in samples]


@dataclass(frozen=True)
class CrossSource:
    """Both directions of the balanced outlet split with one L2 strength, and its mean held-out loss."""

    l2: float
    outlets: tuple[set[str], set[str]]
    #: direction label -> (confidence, right) for the held-out side
    held_out: dict[str, list[tuple[float, bool]]]
    #: mean held-out log loss over the balanced split and RANDOM_SPLITS random ones, both ways
    loss: float
    #: every held-out (confidence, right) of the random halves, both ways (a steadier curve than one split)
    random_held_out: list[tuple[float, bool]]


def _both_ways(samples: Sequence[Sample], a: set[str], b: set[str], l2: float
               ) -> tuple[dict[str, list[tuple[float, bool]]], float]:
    side_a = [s for s in samples if s.outlet in a]
    side_b = [s for s in samples if s.outlet in b]
    held_out, total = {}, 0.0
    for label, train, test in (("A->B", side_a, side_b), ("B->A", side_b, side_a)):
        model = fit(train, l2)
        held_out[label] = scored(model, test)
        total += log_loss(model, test) * len(test)
    return held_out, total / max(1, len(samples))


def cross_source(samples: Sequence[Sample], l2: float, splits: int = RANDOM_SPLITS) -> CrossSource:
    """Fit on A and score B, then fit on B and score A; the loss also averages random outlet halves."""
    a, b = split_by_source(samples)
    held_out, loss = _both_ways(samples, a, b, l2)
    losses, pooled = [loss], []
    for x, y in random_halves(samples, splits):
        points, random_loss = _both_ways(samples, x, y, l2)
        losses.append(random_loss)
        pooled += points["A->B"] + points["B->A"]
    return CrossSource(l2, (a, b), held_out, sum(losses) / len(losses), pooled)


def write_weights(model: ConfidenceModel, path: Path, note: str) -> None:
    """The weights file, one feature a line in FEATURES order; the bias line carries how it was fitted."""
    lines = []
    for name in FEATURES:
        row: dict[str, object] = {"feature": name, "weight": model.weights[name]}
        if name == "bias":
            row["note"] = note
        lines.append(json.dumps(row, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

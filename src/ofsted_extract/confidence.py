"""A record's confidence: a logistic model over the features of its draft, with weights kept as data.

The weights live in `patterns/confidence.jsonl` (one feature a line), fitted
by `scripts/calibrate.py` on folds of the dev corpus split by outlet, so a
confidence of 0.9 means about nine records in ten like it are right on
articles the rules were not written from. Scoring is plain Python: no numpy
at run time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .confidence_features import FEATURES
from .patternfiles import load_confidence_weights
from .resources import pattern_file

WEIGHTS_FILE = "confidence.jsonl"
#: Confidence never claims certainty either way: a fitted model is sure of nothing.
FLOOR, CEILING = 0.01, 0.99


@dataclass(frozen=True)
class ConfidenceModel:
    """Logistic regression: confidence = 1 / (1 + exp(-(w · features)))."""

    weights: dict[str, float]

    @classmethod
    def from_file(cls, path: Path) -> ConfidenceModel:
        """Read and check a weights file (PatternsError with FILE:LINE on a bad line)."""
        return cls(load_confidence_weights(path, FEATURES))

    def probability(self, features: dict[str, float]) -> float:
        """The unrounded probability that a record with these features is right."""
        z = sum(self.weights[name] * value for name, value in features.items() if name in self.weights)
        z = max(-40.0, min(40.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    def confidence(self, features: dict[str, float]) -> float:
        """The probability kept within [FLOOR, CEILING] and rounded to two places, as records carry it."""
        return round(max(FLOOR, min(CEILING, self.probability(features))), 2)


@cache
def shipped_model() -> ConfidenceModel:
    """The model in the shipped patterns folder, read once per process."""
    return ConfidenceModel.from_file(pattern_file(WEIGHTS_FILE))

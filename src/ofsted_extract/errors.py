"""The package's exceptions. Messages are one line and say what to do."""

from __future__ import annotations


class OfstedExtractError(Exception):
    """Base class: every error this package raises on purpose."""


class PatternsError(OfstedExtractError):
    """A pattern or gazetteer file is missing or malformed (the message names file and line)."""


class InputProblem(OfstedExtractError):
    """One input cannot be read as an article; the batch goes on without it.

    `reason` is a short phrase ("empty file", "binary file (NUL bytes)") that
    the error report prints after the path.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):
        """Pickled with both arguments, so that it can travel to another process (a Dask worker)."""
        return (type(self), (self.source, self.reason))


class ModelNotFound(OfstedExtractError):
    """No usable spaCy English model is installed."""

"""Find the shipped data folder `patterns/` in a source checkout and in an installed wheel alike.

The wheel carries `patterns/` inside the package (`ofsted_extract/patterns`,
see pyproject.toml); an editable install or a plain checkout reads the
top-level `patterns/` beside `src/`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import PatternsError


@cache
def patterns_dir() -> Path:
    """Return the folder that holds the shipped pattern and gazetteer files."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "patterns", here.parent.parent / "patterns"):
        if (candidate / "councils.jsonl").is_file():
            return candidate
    raise PatternsError(
        "the shipped patterns/ folder was not found next to the package or the checkout; "
        "reinstall ofsted-extract (pip install .)"
    )


def pattern_file(name: str) -> Path:
    """Path of one shipped data file, e.g. `pattern_file("grades.jsonl")`."""
    path = patterns_dir() / name
    if not path.is_file():
        raise PatternsError(f"{path}: shipped pattern file is missing; reinstall ofsted-extract")
    return path

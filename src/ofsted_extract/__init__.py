"""ofsted-extract: Ofsted children's-services inspection outcomes from news articles.

`extract(text)` and `extract_many(paths)` are imported lazily, so that the
command line's `--help` does not pay for loading spaCy.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "InspectionRecord", "ArticleResult", "Settings", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("extract", "extract_many", "ArticleResult", "Settings"):
        from . import api

        return getattr(api, name)
    if name == "InspectionRecord":
        from .models import InspectionRecord

        return InspectionRecord
    raise AttributeError(f"module 'ofsted_extract' has no attribute {name!r}")

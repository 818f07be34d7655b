"""ofsted-extract: Ofsted children's-services inspection outcomes from news articles.

`extract(text)`, `extract_many(paths)`, `build_timeline(records)` and
`render_report(results)` are imported lazily, so that the command line's
`--help` does not pay for loading spaCy.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "InspectionRecord", "ArticleResult", "Settings", "build_timeline",
           "CouncilHistory", "Event", "render_report", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("extract", "extract_many", "ArticleResult", "Settings"):
        from . import api

        return getattr(api, name)
    if name in ("build_timeline", "CouncilHistory", "Event"):
        from . import timeline

        return getattr(timeline, name)
    if name == "render_report":
        from .report import render_report

        return render_report
    if name == "InspectionRecord":
        from .models import InspectionRecord

        return InspectionRecord
    raise AttributeError(f"module 'ofsted_extract' has no attribute {name!r}")

"""The extractor's fingerprint: everything that can change its output for the same article, in one id.

An archive keeps, for each article, the fingerprint of the extractor that read
it, so that a re-run re-extracts exactly the articles whose records might now
differ: after an upgrade (package version and code), an edit to a shipped or
`--patterns` rule file, or another fallback model (name and version). Hashes
are of file contents, not modification times, so a fresh checkout of the same
rules keeps the same fingerprint.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from . import __version__
from .annotate import default_model, user_pattern_files
from .resources import patterns_dir

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Fingerprint:
    """What the extractor is made of; `id` names the combination."""

    version: str
    code_sha256: str
    rules_sha256: str
    model: str
    model_version: str | None
    spacy_version: str

    @property
    def id(self) -> str:
        """A short stable id: the first 16 hex digits of the SHA-256 of the parts."""
        blob = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def files_sha256(files: list[tuple[str, Path]]) -> str:
    """One hash over (name, content) pairs, in the order given (names count: a renamed rule file differs)."""
    digest = hashlib.sha256()
    for name, path in files:
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def rule_files(extra_dir: Path | None) -> list[tuple[str, Path]]:
    """The shipped data files (patterns/, gazetteer included) and the user's `--patterns` files."""
    shipped = [(f"shipped/{p.name}", p) for p in sorted(patterns_dir().iterdir()) if p.is_file()]
    user = [(f"user/{name}", path) for name, paths in sorted(user_pattern_files(extra_dir).items())
            for path in paths]
    return shipped + user


def code_files() -> list[tuple[str, Path]]:
    """The package's own modules: an editable install changes code without changing the version."""
    return [(p.relative_to(PACKAGE_DIR).as_posix(), p) for p in sorted(PACKAGE_DIR.rglob("*.py"))]


def model_version(name: str) -> str | None:
    """The installed version of a spaCy model package, or of a model folder (from its meta.json)."""
    import spacy.util

    if importlib.util.find_spec(name) is not None:
        return spacy.util.get_package_version(name)
    meta = Path(name) / "meta.json"
    if meta.is_file():
        return str(json.loads(meta.read_text(encoding="utf-8")).get("version"))
    return None


def fingerprint(model: str | None, patterns: str | Path | None) -> Fingerprint:
    """The fingerprint of the extractor that `Settings(model, patterns)` builds."""
    import spacy

    name = default_model() if model == "auto" else model
    return Fingerprint(
        version=__version__,
        code_sha256=files_sha256(code_files()),
        rules_sha256=files_sha256(rule_files(Path(patterns) if patterns else None)),
        model=name or "none",
        model_version=model_version(name) if name else None,
        spacy_version=spacy.__version__,
    )

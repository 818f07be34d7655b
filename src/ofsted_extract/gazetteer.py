"""The council gazetteer: canonical names, GSS codes and their years of validity.

It reads `patterns/authorities.jsonl`, which `scripts/build_gazetteer.py` writes
from `data/local_authorities.csv` (one row per GSS code, so a council whose code
changed has several rows). The EntityRuler patterns in `councils.jsonl` carry a
GSS code (or several joined by "|" for a children's trust) as their id; this
module turns such an id into canonical names, and a name plus a year back into
the code that was valid then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .errors import PatternsError
from .patternfiles import read_jsonl
from .resources import pattern_file

AUTHORITIES_FILE = "authorities.jsonl"
GSS_CODE = re.compile(r"[EWSNK]\d{8}")
#: English local government reorganisations take effect on 1 April
REORGANISATION_MONTH = 4

_FIELDS: dict[str, tuple[type, ...]] = {
    "name": (str,),
    "official_name": (str,),
    "gss_code": (str,),
    "la_type": (str,),
    "region": (str,),
    "valid_from": (int, type(None)),
    "valid_to": (int, type(None)),
    "aliases": (list,),
}


@dataclass(frozen=True)
class Authority:
    """One GSS code's row: a council as it was between two reorganisations."""

    name: str
    official_name: str
    gss_code: str
    la_type: str
    region: str
    valid_from: int | None
    valid_to: int | None
    aliases: tuple[str, ...]

    def valid_in(self, year: int) -> bool:
        """True when the code was in force in `year` (from <= year < to; a blank bound is open)."""
        return ((self.valid_from is None or self.valid_from <= year)
                and (self.valid_to is None or year < self.valid_to))


def _parse(path: Path, number: int, obj: Any) -> Authority:
    """One JSONL line's value to an Authority; any defect is a PatternsError naming file and line."""
    where = f"{path}:{number}"
    if not isinstance(obj, dict):
        raise PatternsError(f"{where}: expected a JSON object, found {type(obj).__name__}")
    if set(obj) != set(_FIELDS):
        missing = sorted(set(_FIELDS) - set(obj))
        extra = sorted(set(obj) - set(_FIELDS))
        raise PatternsError(f"{where}: keys must be {sorted(_FIELDS)} (missing {missing}, unexpected {extra})")
    for key, types in _FIELDS.items():
        # bool is an int subclass; a year of `true` is still malformed
        if not isinstance(obj[key], types) or isinstance(obj[key], bool):
            raise PatternsError(f"{where}: {key} has the wrong type ({type(obj[key]).__name__})")
    for key in ("name", "official_name", "gss_code"):
        if not obj[key].strip():
            raise PatternsError(f"{where}: {key} is empty")
    if not all(isinstance(a, str) for a in obj["aliases"]):
        raise PatternsError(f"{where}: aliases must be a list of strings")
    if not GSS_CODE.fullmatch(obj["gss_code"]):
        raise PatternsError(f"{where}: gss_code {obj['gss_code']!r} is not a GSS code (a letter and eight digits)")
    if obj["valid_from"] is not None and obj["valid_to"] is not None and obj["valid_to"] <= obj["valid_from"]:
        raise PatternsError(f"{where}: valid_to {obj['valid_to']} is not after valid_from {obj['valid_from']}")
    return Authority(obj["name"], obj["official_name"], obj["gss_code"], obj["la_type"], obj["region"],
                     obj["valid_from"], obj["valid_to"], tuple(obj["aliases"]))


def _rows(path: Path) -> list[tuple[Path, int, Authority]]:
    """Each row of an authorities file with its file and line (strict JSON, size-limited, as every pattern file)."""
    return [(path, number, _parse(path, number, value)) for number, value in read_jsonl(path)]


def _overlap(a: Authority, b: Authority) -> bool:
    """Two rows' years [valid_from, valid_to) meet (a blank bound is open)."""
    a_start, b_start = a.valid_from or -1, b.valid_from or -1
    a_end = a.valid_to if a.valid_to is not None else 10**6
    b_end = b.valid_to if b.valid_to is not None else 10**6
    return a_start < b_end and b_start < a_end


class Gazetteer:
    """Lookups over the authority rows: by code, by canonical name, by year."""

    def __init__(self, authorities: list[Authority]) -> None:
        self._by_code: dict[str, Authority] = {a.gss_code: a for a in authorities}
        by_name: dict[str, list[Authority]] = {}
        for a in authorities:
            by_name.setdefault(a.name, []).append(a)
        # blank valid_from means "since before 2008", so it sorts first
        self._by_name: dict[str, list[Authority]] = {
            name: sorted(rows, key=lambda a: -1 if a.valid_from is None else a.valid_from)
            for name, rows in by_name.items()
        }

    @classmethod
    def load(cls) -> Gazetteer:
        """The shipped gazetteer, parsed once per process (raises PatternsError on a bad line)."""
        return _load_cached(pattern_file(AUTHORITIES_FILE))

    @classmethod
    def from_file(cls, path: Path) -> Gazetteer:
        """Parse an authorities file without caching (for tests)."""
        return cls.from_files(path)

    @classmethod
    def from_files(cls, path: Path, extra_paths: Iterable[Path] = ()) -> Gazetteer:
        """The shipped authorities file, then the rows of a user's `authorities.jsonl` (a `--patterns` folder's).

        A user's rows add authorities, checked as strictly as the shipped ones: a GSS code already given is an
        error, and so is a row whose years overlap another row of the same council name.
        """
        rows = _rows(path)
        if not rows:
            raise PatternsError(f"{path}: gazetteer file has no authorities; rebuild it with "
                                "scripts/build_gazetteer.py")
        for extra in extra_paths:
            rows += _rows(extra)
        seen: dict[str, tuple[Path, int, Authority]] = {}
        by_name: dict[str, list[tuple[Path, int, Authority]]] = {}
        for where, number, authority in rows:
            if authority.gss_code in seen:
                first, line, other = seen[authority.gss_code]
                again = f"line {line}" if first == where else f"{first}:{line}, {other.name}"
                raise PatternsError(f"{where}:{number}: GSS code {authority.gss_code} repeats {again}")
            seen[authority.gss_code] = (where, number, authority)
            for other_path, other_line, other in by_name.get(authority.name, []):
                if _overlap(authority, other):
                    raise PatternsError(f"{where}:{number}: {authority.name}'s years overlap its row "
                                        f"{other.gss_code} ({other_path}:{other_line}); one code at a time")
            by_name.setdefault(authority.name, []).append((where, number, authority))
        return cls([authority for _, _, authority in rows])

    def by_code(self, code: str) -> Authority | None:
        """The row of one GSS code, or None for a code the gazetteer does not know."""
        return self._by_code.get(code)

    def names_for_id(self, pattern_id: str) -> list[str]:
        """Canonical names behind an EntityRuler id ("E06000061|E06000062" for a shared trust).

        Order follows the id, repeats are dropped, unknown codes are skipped.
        """
        names: list[str] = []
        for code in pattern_id.split("|"):
            authority = self._by_code.get(code.strip())
            if authority is not None and authority.name not in names:
                names.append(authority.name)
        return names

    def rows(self, name: str) -> list[Authority]:
        """All rows of a canonical name, oldest first; empty for an unknown name."""
        return list(self._by_name.get(name, ()))

    def code_at(self, name: str, year: int | None) -> str | None:
        """The GSS code of `name` valid in `year`; the latest code when the year is unknown or outside every row."""
        rows = self._by_name.get(name)
        if not rows:
            return None
        if year is not None:
            for row in rows:
                if row.valid_in(year):
                    return row.gss_code
        return rows[-1].gss_code

    def region(self, name: str) -> str | None:
        """The region of a canonical name (from its latest row), or None if unknown."""
        rows = self._by_name.get(name)
        return rows[-1].region if rows else None

    def successors(self, name: str) -> tuple[str, ...]:
        """The councils that replaced an abolished one: new names whose first code starts the year the
        old one's last code ended, in its region (Northamptonshire -> North and West Northamptonshire,
        Bournemouth -> Bournemouth, Christchurch and Poole). Empty for a council that still exists."""
        rows = self._by_name.get(name)
        if not rows or rows[-1].valid_to is None:
            return ()
        end, region = rows[-1].valid_to, rows[-1].region
        return tuple(n for n, r in sorted(self._by_name.items())
                     if n != name and r[0].valid_from == end and r[0].region == region)

    def abolished_by(self, name: str, year: int, month: int | None = None) -> bool:
        """True when `name` no longer existed at that date (reorganisations take effect on 1 April)."""
        rows = self._by_name.get(name)
        if not rows or rows[-1].valid_to is None:
            return False
        end = rows[-1].valid_to
        return year > end or (year == end and month is not None and month >= REORGANISATION_MONTH)

    def is_council(self, name: str) -> bool:
        """True when `name` is a canonical council name (not an alias or official title)."""
        return name in self._by_name

    @property
    def names(self) -> list[str]:
        """Every canonical name, sorted."""
        return sorted(self._by_name)


@cache
def _load_cached(path: Path) -> Gazetteer:
    return Gazetteer.from_file(path)

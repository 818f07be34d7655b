"""The council gazetteer: canonical names, GSS codes and their years of validity.

It reads `patterns/authorities.jsonl`, which `scripts/build_gazetteer.py` writes
from `data/local_authorities.csv` (one row per GSS code, so a council whose code
changed has several rows). The EntityRuler patterns in `councils.jsonl` carry a
GSS code (or several joined by "|" for a children's trust) as their id; this
module turns such an id into canonical names, and a name plus a year back into
the code that was valid then.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import PatternsError
from .resources import pattern_file

AUTHORITIES_FILE = "authorities.jsonl"
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


def _parse(path: Path, number: int, line: str) -> Authority:
    """One JSONL line to an Authority; any defect is a PatternsError naming file and line."""
    where = f"{path}:{number}"
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise PatternsError(f"{where}: not valid JSON ({exc.msg})") from exc
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
    return Authority(obj["name"], obj["official_name"], obj["gss_code"], obj["la_type"], obj["region"],
                     obj["valid_from"], obj["valid_to"], tuple(obj["aliases"]))


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
        """Parse an authorities file without caching (for tests and a user's own patterns folder)."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PatternsError(f"{path}: cannot read gazetteer file ({exc})") from exc
        authorities: list[Authority] = []
        seen: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            authority = _parse(path, number, line)
            if authority.gss_code in seen:
                raise PatternsError(f"{path}:{number}: GSS code {authority.gss_code} "
                                    f"repeats line {seen[authority.gss_code]}")
            seen[authority.gss_code] = number
            authorities.append(authority)
        if not authorities:
            raise PatternsError(f"{path}: gazetteer file has no authorities; rebuild it with "
                                "scripts/build_gazetteer.py")
        return cls(authorities)

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

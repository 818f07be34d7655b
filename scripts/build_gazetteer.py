#!/usr/bin/env python
"""Build the council gazetteer files in patterns/ from the curated tables in data/.

Reads  data/local_authorities.csv  (the reference table: one row per GSS code)
       data/press_aliases.csv      (hand-curated press forms and children's trusts)
Writes patterns/authorities.jsonl  (one object per reference row, for gazetteer.py)
       patterns/councils.jsonl     (EntityRuler phrase patterns, label COUNCIL, id = GSS code)

The output is a pure function of the two CSV files, so running the script twice
gives byte-identical files; `--check` exits 1 when the committed files differ
from what it would write. Matching is on ORTH (case-sensitive), so every
capitalisation and apostrophe (' and U+2019) the press uses is emitted
explicitly. The script refuses to write when one pattern text would name two
different councils, or when a pattern names no single authority.

Standard library only, so it runs in any Python 3.11+.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LA_COLUMNS = ("name", "official_name", "gss_code", "la_type", "region", "valid_from", "valid_to", "aliases")
PRESS_COLUMNS = ("pattern", "council", "kind", "note")
LA_TYPES = {"county", "unitary", "metropolitan_borough", "london_borough", "other"}
LABEL = "COUNCIL"
CURLY = "\u2019"

#: Texts that name no single authority: never a pattern, from any source.
FORBIDDEN = frozenset({
    "London", "Royal Borough", "London Borough", "City", "County", "Borough", "Council", "council",
    "City Council", "County Council", "Borough Council", "Metropolitan Borough Council",
    "District Council", "the council", "The Council", "Corporation", "Children's Services",
    "children's services", "Children's Trust", "Children First",
})

#: Forms the rules below would generate that name (or sit inside the name of) another body.
BLOCKED = {
    "York City Council": "the tail of 'New York City Council'",
    "York city council": "the tail of 'New York city council'",
    "Newcastle Borough Council": "Newcastle-under-Lyme Borough Council, a Staffordshire district",
    "Newcastle borough council": "Newcastle-under-Lyme Borough Council, a Staffordshire district",
    "Durham City Council": "the former City of Durham district council (abolished 2009)",
    "Durham city council": "the former City of Durham district council (abolished 2009)",
}

#: Unitaries that are whole historic counties although no county row shares their name,
#: so the press may call their council a county council.
COUNTY_NAMED_UNITARIES = frozenset({"Herefordshire", "Isle of Wight", "Rutland"})

#: Aliases that are already a council's title (or a data spelling) are patterns as they
#: stand but are not used as the X in "X Council" and friends.
_TITLE_PREFIXES = ("London Borough of ", "Royal Borough of ", "Royal ", "City of ", "County of ",
                   "Corporation of ", "Borough of ")
_TITLE_LAST_WORDS = frozenset({"Council", "Corporation", "Borough", "County", "City"})


class BuildError(Exception):
    """The input tables are inconsistent; the message says what to fix."""


@dataclass(frozen=True)
class Row:
    """One row of local_authorities.csv, typed."""

    name: str
    official_name: str
    gss_code: str
    la_type: str
    region: str
    valid_from: int | None
    valid_to: int | None
    aliases: tuple[str, ...]

    def sort_key(self) -> tuple[str, int, str]:
        return (self.name, -1 if self.valid_from is None else self.valid_from, self.gss_code)

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "official_name": self.official_name,
            "gss_code": self.gss_code,
            "la_type": self.la_type,
            "region": self.region,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True)
class PressRow:
    """One row of press_aliases.csv."""

    line: int
    pattern: str
    councils: tuple[str, ...]
    kind: str
    note: str


# --------------------------------------------------------------------------- reading


def _read_csv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"{path}: cannot read ({exc.strerror})") from exc
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != columns:
        raise BuildError(f"{path}: header must be {','.join(columns)}, found {','.join(reader.fieldnames or [])}")
    for record in reader:
        if None in record or any(value is None for value in record.values()):
            raise BuildError(f"{path}:{reader.line_num}: expected {len(columns)} columns")
        yield reader.line_num, {key: value.strip() for key, value in record.items()}


def _year(path: Path, line: int, value: str) -> int | None:
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value):
        raise BuildError(f"{path}:{line}: year {value!r} is not blank or four digits")
    return int(value)


def read_authorities(path: Path) -> list[Row]:
    """Parse and sanity-check the reference table; rows come back in output order."""
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for line, rec in _read_csv(path, LA_COLUMNS):
        for key in ("name", "official_name", "gss_code", "la_type", "region"):
            if not rec[key]:
                raise BuildError(f"{path}:{line}: {key} is empty")
        if not re.fullmatch(r"E\d{8}", rec["gss_code"]):
            raise BuildError(f"{path}:{line}: {rec['gss_code']!r} is not an English GSS code")
        if rec["gss_code"] in seen:
            raise BuildError(f"{path}:{line}: GSS code {rec['gss_code']} repeats line {seen[rec['gss_code']]}")
        seen[rec["gss_code"]] = line
        if rec["la_type"] not in LA_TYPES:
            raise BuildError(f"{path}:{line}: la_type {rec['la_type']!r} is not one of {sorted(LA_TYPES)}")
        aliases = tuple(a.strip() for a in rec["aliases"].split("|") if a.strip()) if rec["aliases"] else ()
        rows.append(Row(rec["name"], rec["official_name"], rec["gss_code"], rec["la_type"], rec["region"],
                        _year(path, line, rec["valid_from"]), _year(path, line, rec["valid_to"]), aliases))
    if not rows:
        raise BuildError(f"{path}: no rows")
    return sorted(rows, key=Row.sort_key)


def read_press(path: Path, names: set[str]) -> list[PressRow]:
    """Parse press_aliases.csv; every council must be a canonical name of the reference table."""
    rows: list[PressRow] = []
    seen: dict[str, int] = {}
    for line, rec in _read_csv(path, PRESS_COLUMNS):
        pattern, kind, note = rec["pattern"], rec["kind"], rec["note"]
        councils = tuple(c.strip() for c in rec["council"].split("|"))
        if not pattern:
            raise BuildError(f"{path}:{line}: empty pattern")
        if pattern in seen:
            raise BuildError(f"{path}:{line}: pattern {pattern!r} repeats line {seen[pattern]}")
        seen[pattern] = line
        if kind not in ("alias", "trust"):
            raise BuildError(f"{path}:{line}: kind must be alias or trust, not {kind!r}")
        if not note:
            raise BuildError(f"{path}:{line}: every row needs a note saying what {pattern!r} is")
        unknown = [c for c in councils if c not in names]
        if unknown:
            raise BuildError(f"{path}:{line}: {', '.join(map(repr, unknown))} is not a canonical name "
                             "in local_authorities.csv")
        if len(set(councils)) != len(councils):
            raise BuildError(f"{path}:{line}: a council repeats in {rec['council']!r}")
        if kind == "alias" and len(councils) != 1:
            raise BuildError(f"{path}:{line}: an alias must name exactly one council")
        if pattern in FORBIDDEN or pattern in BLOCKED:
            raise BuildError(f"{path}:{line}: {pattern!r} names no single authority (or another body)")
        rows.append(PressRow(line, pattern, councils, kind, note))
    return rows


# --------------------------------------------------------------------------- forms


def _with_curly(forms: Iterable[str]) -> Iterator[str]:
    """Each form, then its typographic-apostrophe twin (the tokenizer keeps ' and U+2019 apart)."""
    for form in forms:
        yield form
        if "'" in form:
            yield form.replace("'", CURLY)


def _is_stem(alias: str) -> bool:
    """True when an alias is a bare place name that "X Council" etc. can be built on."""
    if "," in alias or alias.startswith(_TITLE_PREFIXES):
        return False
    if alias.split()[-1] in _TITLE_LAST_WORDS:
        return False
    is_acronym = " " not in alias and not re.search(r"[a-z]{2}", alias)
    return not is_acronym


def row_forms(row: Row, county_names: frozenset[str]) -> list[str]:
    """All pattern texts for one reference row, in a fixed order, without duplicates."""
    official = row.official_name
    titles = " ".join((official, *row.aliases))
    county_named = (row.la_type == "county" or "County Council" in official
                    or row.name in county_names or row.name in COUNTY_NAMED_UNITARIES)
    county_council = row.la_type == "county" or official.endswith("County Council")
    city = re.search(r"\bCity\b", official) is not None
    borough = row.la_type != "county" and "Borough" in titles
    stems = [row.name, *(a for a in row.aliases if _is_stem(a))]

    forms: list[str] = [row.name, official, *row.aliases]
    for x in stems:
        forms += [f"{x} Council", f"{x} council"]
        if county_named and not x.startswith("County "):
            forms += [f"{x} County Council", f"{x} county council"]
        if county_council and not x.startswith("County "):
            forms.append(f"{x} CC")
        if city and not x.startswith("City of "):
            forms += [f"{x} City Council", f"{x} city council"]
        if borough:
            forms += [f"{x} Borough Council", f"{x} borough council"]
        if "Metropolitan Borough" in titles:
            forms.append(f"{x} Metropolitan Borough Council")
        if "Metropolitan District" in official:
            forms.append(f"{x} Metropolitan District Council")
        if row.la_type == "london_borough":
            forms += [f"London Borough of {x}", f"London borough of {x}"]
        if official.startswith("Royal Borough of "):
            forms.append(f"Royal Borough of {x}")
        if f"City of {x}" in official:
            forms += [f"City of {x}", f"City of {x} Council"]
        forms += [f"{x}'s children's services", f"{x}'s Children's Services",
                  f"{x} Children's Services", f"{x} children's services"]
        if x.endswith("s"):
            forms += [f"{x}' children's services", f"{x}' Children's Services"]
    return _unique(f for f in _with_curly(forms) if f not in BLOCKED)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------- building


@dataclass(frozen=True)
class Pattern:
    text: str
    id: str
    owner: str  # canonical name(s) joined by "|": what the text names, for the collision check


def build_patterns(rows: list[Row], press: list[PressRow]) -> list[Pattern]:
    """Every (text, id) pair: reference rows in table order (their press aliases last), then trusts."""
    county_names = frozenset(r.name for r in rows if r.la_type == "county")
    aliases_by_name: dict[str, list[str]] = {}
    for p in press:
        if p.kind == "alias":
            aliases_by_name.setdefault(p.councils[0], []).append(p.pattern)
    latest: dict[str, Row] = {}
    for r in rows:  # rows are sorted by valid_from, so the last one seen is the latest
        latest[r.name] = r

    out: list[Pattern] = []
    for r in rows:
        extra = list(_with_curly(aliases_by_name.get(r.name, [])))
        for text in _unique([*row_forms(r, county_names), *extra]):
            out.append(Pattern(text, r.gss_code, r.name))
    for p in press:
        if p.kind == "trust":
            code = "|".join(latest[c].gss_code for c in p.councils)
            for text in _with_curly([p.pattern]):
                out.append(Pattern(text, code, "|".join(p.councils)))
    _check(out)
    return _unique_patterns(out)


def _unique_patterns(patterns: list[Pattern]) -> list[Pattern]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in patterns:
        if (p.text, p.id) not in seen:
            seen.add((p.text, p.id))
            out.append(p)
    return out


def _check(patterns: list[Pattern]) -> None:
    """Refuse forms that name nobody, and any text that would name two different councils."""
    bad = sorted({p.text for p in patterns if p.text in FORBIDDEN or not p.text.strip()})
    if bad:
        raise BuildError(f"patterns that name no single authority: {bad}")
    owners: dict[str, set[str]] = {}
    for p in patterns:
        owners.setdefault(p.text, set()).add(p.owner)
    clashes = {text: sorted(names) for text, names in owners.items() if len(names) > 1}
    if clashes:
        listing = "; ".join(f"{text!r} -> {' / '.join(names)}" for text, names in sorted(clashes.items()))
        raise BuildError(f"{len(clashes)} pattern collision(s), one text naming different councils: {listing}")


def render(rows: list[Row], patterns: list[Pattern]) -> dict[str, str]:
    """The two output files' text, keyed by file name."""
    def lines(objs: Iterable[dict[str, object]]) -> str:
        return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs)

    return {
        "authorities.jsonl": lines(r.as_json() for r in rows),
        "councils.jsonl": lines({"label": LABEL, "pattern": p.text, "id": p.id} for p in patterns),
    }


def build(data_dir: Path) -> dict[str, str]:
    rows = read_authorities(data_dir / "local_authorities.csv")
    press = read_press(data_dir / "press_aliases.csv", {r.name for r in rows})
    return render(rows, build_patterns(rows, press))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the files in --out-dir differ from what would be written")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data", help="folder of the two CSV files")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "patterns", help="folder to write the JSONL files to")
    args = parser.parse_args(argv)
    try:
        files = build(args.data_dir)
    except BuildError as exc:
        print(f"build_gazetteer: error: {exc}", file=sys.stderr)
        return 2
    n_patterns = files["councils.jsonl"].count("\n")
    n_rows = files["authorities.jsonl"].count("\n")
    if args.check:
        stale = [name for name, text in files.items()
                 if not (args.out_dir / name).is_file()
                 or (args.out_dir / name).read_bytes() != text.encode("utf-8")]
        if stale:
            print(f"build_gazetteer: out of date: {', '.join(stale)} in {args.out_dir}; "
                  "run scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        print(f"build_gazetteer: up to date ({n_rows} authorities, {n_patterns} patterns)")
        return 0
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = args.out_dir / name
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    print(f"build_gazetteer: wrote {n_rows} authorities, {n_patterns} patterns to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

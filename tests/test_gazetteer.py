"""The council gazetteer: the generated pattern files, the EntityRuler built on them, and gazetteer.py."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from ofsted_extract import gazetteer as gazetteer_module
from ofsted_extract.errors import PatternsError
from ofsted_extract.gazetteer import Authority, Gazetteer

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
PATTERNS = ROOT / "patterns"


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": None}).from_disk(PATTERNS / "councils.jsonl")
    return nlp


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def pattern_pairs() -> set[tuple[str, str]]:
    lines = (PATTERNS / "councils.jsonl").read_text(encoding="utf-8").splitlines()
    return {(obj["pattern"], obj["id"]) for obj in map(json.loads, lines)}


def ents(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.ent_id_) for e in nlp(text).ents]


# ---------------------------------------------------------------- the generator


def test_generator_is_deterministic_and_matches_committed_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_script("--out-dir", str(first)).returncode == 0
    assert run_script("--out-dir", str(second)).returncode == 0
    for name in ("authorities.jsonl", "councils.jsonl"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
        assert (first / name).read_bytes() == (PATTERNS / name).read_bytes(), f"{name} is stale"


def test_check_passes_on_committed_files() -> None:
    result = run_script("--check")
    assert result.returncode == 0, result.stderr


def test_check_fails_on_a_stale_file(tmp_path: Path) -> None:
    assert run_script("--out-dir", str(tmp_path)).returncode == 0
    with (tmp_path / "councils.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"label": "COUNCIL", "pattern": "Atlantis", "id": "E99999999"}\n')
    result = run_script("--check", "--out-dir", str(tmp_path))
    assert result.returncode == 1
    assert "councils.jsonl" in result.stderr


def test_collision_between_two_councils_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "local_authorities.csv", data)
    (data / "press_aliases.csv").write_text(
        "pattern,council,kind,note\nNewcastle,Northumberland,alias,deliberately wrong\n", encoding="utf-8")
    result = run_script("--data-dir", str(data), "--out-dir", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "collision" in result.stderr
    assert "Newcastle upon Tyne" in result.stderr and "Northumberland" in result.stderr
    assert not (tmp_path / "out").exists()


def test_authorities_file_mirrors_the_reference_table() -> None:
    lines = (PATTERNS / "authorities.jsonl").read_text(encoding="utf-8").splitlines()
    objs = [json.loads(line) for line in lines]
    csv_rows = (ROOT / "data" / "local_authorities.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(objs) == len(csv_rows) == 172
    assert all(list(o) == ["name", "official_name", "gss_code", "la_type", "region", "valid_from",
                           "valid_to", "aliases"] for o in objs)
    keys = [(o["name"], -1 if o["valid_from"] is None else o["valid_from"]) for o in objs]
    assert keys == sorted(keys)
    northumberland = [o for o in objs if o["name"] == "Northumberland"]
    assert [(o["valid_from"], o["valid_to"]) for o in northumberland] == [(None, 2009), (2009, 2013), (2013, None)]


def test_every_row_has_its_short_name_as_a_pattern(gaz: Gazetteer, pattern_pairs: set[tuple[str, str]]) -> None:
    for name in gaz.names:
        for row in gaz.rows(name):
            assert (row.name, row.gss_code) in pattern_pairs, row.gss_code
            assert (row.official_name, row.gss_code) in pattern_pairs, row.gss_code


def test_no_pattern_names_two_councils(gaz: Gazetteer, pattern_pairs: set[tuple[str, str]]) -> None:
    owners: dict[str, set[tuple[str, ...]]] = {}
    for text, pattern_id in pattern_pairs:
        owners.setdefault(text, set()).add(tuple(gaz.names_for_id(pattern_id)))
    assert {text: o for text, o in owners.items() if len(o) > 1} == {}


def test_every_pattern_id_resolves(gaz: Gazetteer, pattern_pairs: set[tuple[str, str]]) -> None:
    for _, pattern_id in pattern_pairs:
        assert len(gaz.names_for_id(pattern_id)) == len(pattern_id.split("|")), pattern_id


@pytest.mark.parametrize("text", ["London", "Royal Borough", "City Council", "County Council", "Council",
                                  "York City Council", "Newcastle Borough Council"])
def test_forms_that_name_no_single_authority_are_not_patterns(
        text: str, pattern_pairs: set[tuple[str, str]]) -> None:
    assert text not in {t for t, _ in pattern_pairs}


# ---------------------------------------------------------------- the EntityRuler


@pytest.mark.parametrize(("sentence", "span", "code"), [
    ("Ofsted rated the London Borough of Lewisham as requiring improvement.", "London Borough of Lewisham", "E09000023"),
    ("Lewisham Council said it accepted the findings.", "Lewisham Council", "E09000023"),
    ("Inspectors judged West Sussex County Council inadequate in 2019.", "West Sussex County Council", "E10000032"),
    ("Children's services in the City of Wolverhampton were rated good.", "City of Wolverhampton", "E08000031"),
    ("Kensington & Chelsea was rated outstanding across the board.", "Kensington & Chelsea", "E09000020"),
    ("Slough Children First was praised in the latest monitoring letter.", "Slough Children First", "E06000039"),
    ("Elsewhere, Somerset CC's children's services moved to requires improvement.", "Somerset CC", "E10000027"),
    ("Birmingham Children\u2019s Trust improvement journey continues", "Birmingham Children\u2019s Trust", "E08000025"),
    ("Leaders at Walsall\u2019s children\u2019s services welcomed the report.",
     "Walsall\u2019s children\u2019s services", "E08000030"),
    ("The Royal Borough of Greenwich was inspected in March.", "Royal Borough of Greenwich", "E09000011"),
    ("An Ofsted report on KCC Children's Services was published today.", "KCC", "E10000016"),
])
def test_council_forms_are_recognised_with_their_code(nlp: Language, sentence: str, span: str, code: str) -> None:
    assert (span, code) in ents(nlp, sentence)


@pytest.mark.parametrize("sentence", [
    "The Royal Borough said it would respond in due course.",
    "London has more councils rated good than any other region.",
    "The County Council and the City Council both declined to comment.",
])
def test_forms_that_name_no_authority_are_not_recognised(nlp: Language, sentence: str) -> None:
    assert ents(nlp, sentence) == []


@pytest.mark.parametrize(("sentence", "span", "code"), [
    ("North Tyneside was rated good.", "North Tyneside", "E08000022"),
    ("West Sussex was rated inadequate.", "West Sussex", "E10000032"),
    ("North Somerset Council improved to good.", "North Somerset Council", "E06000024"),
    ("North East Lincolnshire was judged inadequate.", "North East Lincolnshire", "E06000012"),
    ("Cheshire West and Chester was rated good.", "Cheshire West and Chester", "E06000050"),
])
def test_longest_form_wins(nlp: Language, sentence: str, span: str, code: str) -> None:
    assert ents(nlp, sentence) == [(span, code)]


def test_historic_rows_have_their_own_ids(pattern_pairs: set[tuple[str, str]]) -> None:
    for code in ("E10000022", "E06000048", "E06000057"):
        assert ("Northumberland County Council", code) in pattern_pairs


def test_northamptonshire_trust_resolves_to_both_councils(nlp: Language, gaz: Gazetteer) -> None:
    found = ents(nlp, "Northamptonshire Children's Trust was rated requires improvement.")
    assert found == [("Northamptonshire Children's Trust", "E06000061|E06000062")]
    assert gaz.names_for_id(found[0][1]) == ["North Northamptonshire", "West Northamptonshire"]


def test_achieving_for_children_serves_three_councils(nlp: Language, gaz: Gazetteer) -> None:
    (_, pattern_id), = ents(nlp, "Achieving for Children runs the service.")
    assert gaz.names_for_id(pattern_id) == ["Kingston upon Thames", "Richmond upon Thames", "Windsor and Maidenhead"]


# ---------------------------------------------------------------- gazetteer.py


def test_code_at_follows_the_years(gaz: Gazetteer) -> None:
    assert gaz.code_at("Northumberland", 2008) == "E10000022"
    assert gaz.code_at("Northumberland", 2010) == "E06000048"
    assert gaz.code_at("Northumberland", 2020) == "E06000057"
    assert gaz.code_at("Northumberland", None) == "E06000057"
    assert gaz.code_at("Cumberland", 2010) == "E06000063"  # no row that year: the latest
    assert gaz.code_at("Sheffield", 2024) == "E08000019"
    assert gaz.code_at("Sheffield", 2025) == "E08000039"
    assert gaz.code_at("Atlantis", 2020) is None


def test_lookups(gaz: Gazetteer) -> None:
    lewisham = gaz.by_code("E09000023")
    assert isinstance(lewisham, Authority) and lewisham.official_name == "London Borough of Lewisham"
    assert gaz.by_code("E99999999") is None
    assert [r.gss_code for r in gaz.rows("Northumberland")] == ["E10000022", "E06000048", "E06000057"]
    assert gaz.rows("Atlantis") == []
    assert gaz.names_for_id("E10000022|E06000057|E09000023") == ["Northumberland", "Lewisham"]
    assert gaz.region("Derbyshire") == "East Midlands"
    assert gaz.region("Atlantis") is None
    assert gaz.is_council("Bournemouth, Christchurch and Poole")
    assert not gaz.is_council("London Borough of Lewisham")
    assert Gazetteer.load() is gaz


def test_valid_in_bounds() -> None:
    row = Authority("X", "X Council", "E06000999", "unitary", "South East", 2009, 2013, ())
    assert [row.valid_in(y) for y in (2008, 2009, 2012, 2013)] == [False, True, True, False]


def test_malformed_authorities_file_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = (PATTERNS / "authorities.jsonl").read_text(encoding="utf-8").splitlines()[0]
    bad = tmp_path / "authorities.jsonl"
    bad.write_text(good + "\n" + '{"name": "Lewisham", "gss_code": "E09000023"\n', encoding="utf-8")
    monkeypatch.setattr(gazetteer_module, "pattern_file", lambda name: bad)
    with pytest.raises(PatternsError, match=r"authorities\.jsonl:2: not valid JSON"):
        Gazetteer.load()


def test_wrong_keys_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "authorities.jsonl"
    bad.write_text('{"name": "Lewisham", "gss_code": "E09000023"}\n', encoding="utf-8")
    monkeypatch.setattr(gazetteer_module, "pattern_file", lambda name: bad)
    with pytest.raises(PatternsError, match=r"authorities\.jsonl:1: keys must be"):
        Gazetteer.load()

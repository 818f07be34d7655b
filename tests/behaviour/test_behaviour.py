"""Behavioural floors: each capability's pass rate must not fall below what was last measured.

The floors are the rates measured when they were set, rounded down to 0.01; raise them as the
extractor improves (`python -m tests.behaviour --floors` prints the dict to paste), never lower them.
"""

from __future__ import annotations

import pytest

from ofsted_extract.models import AREAS, GRADES, INSPECTION_TYPES

from .suite import compare, council_key, generate, rates, run
from .templates import CAPABILITIES

#: capability -> minimum pass rate (measured, rounded down to 0.01).
FLOORS: dict[str, float] = {
    "council_names": 1.00,
    "council_case": 1.00,
    "grade_phrasings": 1.00,
    "coreference": 1.00,
    "datelines": 1.00,
    "inspection_dates": 0.97,
    "publication_dates": 1.00,
    "prior_phrasings": 1.00,
    "negation": 1.00,
    "no_record": 1.00,
    "visits": 0.99,
    "roundup_layouts": 1.00,
    "judgement_lists": 1.00,
    "two_councils": 1.00,
    "reorganisations": 1.00,
    "framework_2026": 1.00,
    "annual_ratings": 1.00,
    "article_gates": 1.00,
    "date_roles": 1.00,
    "page_boilerplate": 1.00,
    "batch_dates": 1.00,
}
OVERALL_FLOOR = 0.99


@pytest.fixture(scope="module")
def measured() -> dict[str, tuple[int, int, float]]:
    return rates(run())


def test_the_generator_is_deterministic_and_large_enough() -> None:
    first, second = generate(), generate()
    assert first == second
    assert generate(seed=1) != first
    assert len(first) >= 2000
    names = {c.capability for c in first}
    assert len(names) >= 12
    assert names == set(FLOORS), "every capability has a floor, and every floor a capability"


def test_every_template_is_used_and_texts_are_distinct() -> None:
    cases = generate()
    for cap in CAPABILITIES:
        used = {c.template for c in cases if c.capability == cap.name}
        assert used == set(range(len(cap.templates))), cap.name
    assert len({c.text for c in cases}) > 0.95 * len(cases)


def test_expected_facts_use_the_output_vocabulary() -> None:
    for c in generate():
        for e in c.expected:
            assert council_key(e["council"]) == e["council"], (c.capability, e)
            for g in (e.get("grade"), e.get("prior_grade"), *(e.get("judgements") or {}).values()):
                assert g is None or g in GRADES, (c.capability, e)
            assert set(e.get("judgements") or {}) <= set(AREAS), (c.capability, e)
            assert e.get("inspection_type") in (None, *INSPECTION_TYPES), (c.capability, e)


def test_the_comparison_follows_score_py() -> None:
    want = ({"council": "Lewisham", "grade": "good", "inspection_date": "2023-03", "prior_grade": "inadequate"},)
    right = [{"council": "London Borough of Lewisham", "grade": "good", "inspection_date": "2023-03-06",
              "prior_grade": None, "prior_judgements": {"safeguarding": "inadequate"}}]
    assert compare(want, right) == []
    assert compare(want, [dict(right[0], grade="outstanding")])
    assert compare(want, right + [{"council": "Bexley", "grade": "good"}])
    assert compare(want, [dict(right[0], inspection_date="2023")])
    assert compare((), []) == [] and compare((), right)
    assert compare(({"council": "Lewisham", "grade": None},), [dict(right[0], grade="good")])


@pytest.mark.parametrize("capability", sorted(FLOORS))
def test_capability_floor(measured: dict[str, tuple[int, int, float]], capability: str) -> None:
    cases, passed, rate = measured[capability]
    assert rate >= FLOORS[capability], (
        f"{capability}: {passed}/{cases} = {rate:.3f} < floor {FLOORS[capability]}; "
        f"see `python -m tests.behaviour --capability {capability} --failures 10`")


def test_overall_floor(measured: dict[str, tuple[int, int, float]]) -> None:
    total = sum(v[0] for v in measured.values())
    passed = sum(v[1] for v in measured.values())
    assert passed / total >= OVERALL_FLOOR


#: the blind battery (blind.py: written from GUIDE.md and the reference table only, without reading the
#: rules) measured 0.88 when it was written, 0.99 after fixing the classes it showed; this floor guards that
BLIND_OVERALL_FLOOR = 0.98


def test_blind_battery_floor() -> None:
    import os

    from . import blind

    if not blind.REFERENCE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{blind.REFERENCE} is missing (CI must have ../shared)")
        pytest.skip("../shared/reference is absent")
    results = run(generate(blind.SEED, blind.BLIND_CAPABILITIES))
    measured = blind.rates(results)
    total = sum(v[0] for v in measured.values())
    passed = sum(v[1] for v in measured.values())
    assert passed / total >= BLIND_OVERALL_FLOOR, {k: round(v[2], 2) for k, v in measured.items()}

"""The validated record (ofsted_extract.models): an invalid record cannot be built; a valid one round-trips."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from ofsted_extract.models import AREAS, GRADES, INSPECTION_TYPES, RECORD_FIELDS, Evidence, InspectionRecord

TEXT = ("Lewisham Council's children's services have been rated 'good' by Ofsted following an inspection in "
        "March 2019. The council had been judged inadequate for help and protection in 2015.")


def evidence_for(phrase: str, occurrence: int = 0) -> dict:
    """Text evidence for `phrase` in TEXT, with its sentence, as the extractor would give it."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(phrase, start + 1)
    end = start + len(phrase)
    sentence_start = TEXT.rfind(". ", 0, start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = TEXT.find(".", end) + 1
    return {"text": phrase, "start": start, "end": end, "sentence": TEXT[sentence_start:sentence_end],
            "sentence_start": sentence_start, "sentence_end": sentence_end, "origin": "text"}


def valid_record() -> dict:
    return {
        "source": "article.txt",
        "council": "Lewisham",
        "ons_code": "E09000023",
        "inspection_type": "full",
        "grade": "good",
        "judgements": {},
        "inspection_date": "2019-03",
        "published_date": None,
        "prior_grade": None,
        "prior_judgements": {"help_and_protection": "inadequate"},
        "prior_year": 2015,
        "article_date": None,
        "confidence": 0.8,
        "evidence": {
            "council": evidence_for("Lewisham Council"),
            "grade": evidence_for("good"),
            "inspection_date": evidence_for("March 2019"),
            "prior_judgements.help_and_protection": evidence_for("inadequate"),
            "prior_year": evidence_for("2015"),
        },
    }


def with_changes(**changes) -> dict:
    data = valid_record()
    data.update(changes)
    return data


def test_the_fixture_record_is_valid_and_its_evidence_quotes_the_text() -> None:
    record = InspectionRecord.model_validate(valid_record())
    for evidence in record.evidence.values():
        assert TEXT[evidence.start:evidence.end] == evidence.text
        assert TEXT[evidence.sentence_start:evidence.sentence_end] == evidence.sentence


@pytest.mark.parametrize(("changes", "message"), [
    ({"grade": "very_good"}, "grade"),
    ({"grade": "Good"}, "grade"),
    ({"prior_grade": "satisfactory"}, "prior_grade"),
    ({"judgements": {"education": "good"}}, "judgements"),
    ({"judgements": {"adoption": "brilliant"}}, "judgements"),
    ({"prior_judgements": {"help and protection": "inadequate"}}, "prior_judgements"),
    ({"inspection_type": "ilacs"}, "inspection_type"),
    ({"inspection_type": "Full"}, "inspection_type"),
    ({"inspection_date": "2019-13"}, "inspection_date"),
    ({"inspection_date": "2019-02-30"}, "inspection_date"),
    ({"inspection_date": "March 2019"}, "inspection_date"),
    ({"published_date": "19-03-01"}, "published_date"),
    ({"article_date": "2019-3-1"}, "article_date"),
    ({"confidence": 1.5}, "confidence"),
    ({"confidence": -0.1}, "confidence"),
    ({"ons_code": "W06000001"}, "ons_code"),
    ({"council": ""}, "council"),
    ({"prior_year": 15}, "prior_year"),
    ({"unknown_field": 1}, "unknown_field"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_invalid_values_cannot_be_constructed(changes: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        InspectionRecord.model_validate(with_changes(**changes))


def test_evidence_whose_text_disagrees_with_its_offsets_is_refused() -> None:
    bad = evidence_for("good") | {"end": evidence_for("good")["end"] + 1}
    with pytest.raises(ValidationError, match="disagrees with its offsets"):
        Evidence.model_validate(bad)
    evidence = valid_record()["evidence"] | {"grade": bad}
    with pytest.raises(ValidationError):
        InspectionRecord.model_validate(with_changes(evidence=evidence))


@pytest.mark.parametrize("evidence", [
    {"text": "good", "start": 10, "end": 5, "origin": "text"},
    {"text": "good", "start": None, "end": None, "origin": "text"},
    {"text": "good", "start": -4, "end": 0, "origin": "text"},
    {"text": "good", "start": 60, "end": 64, "sentence": "rated 'good'", "origin": "text"},
    {"text": "good", "start": 60, "end": 64, "sentence": "x" * 10, "sentence_start": 0, "sentence_end": 10,
     "origin": "text"},
    {"text": "good", "start": 60, "end": 64, "origin": "ocr"},
    {"text": "good", "start": 60, "end": 64, "origin": "text", "page": 2},
], ids=["start-after-end", "no-offsets", "negative-start", "sentence-without-offsets",
        "outside-its-sentence", "unknown-origin", "unknown-key"])
def test_malformed_evidence_is_refused(evidence: dict) -> None:
    with pytest.raises(ValidationError):
        Evidence.model_validate(evidence)


def test_html_metadata_evidence_needs_no_offsets() -> None:
    evidence = Evidence(text="2019-03-14", origin="html-metadata")
    assert evidence.start is None and evidence.end is None
    record = InspectionRecord.model_validate(with_changes(
        article_date="2019-03-14", evidence=valid_record()["evidence"] | {"article_date": evidence.model_dump()}))
    assert record.evidence["article_date"].origin == "html-metadata"


@pytest.mark.parametrize("key", ["published_date", "prior_grade", "judgements.adoption",
                                 "prior_judgements.care_leavers", "article_date"])
def test_evidence_for_an_empty_field_is_refused(key: str) -> None:
    evidence = valid_record()["evidence"] | {key: evidence_for("good")}
    with pytest.raises(ValidationError, match="which has no value"):
        InspectionRecord.model_validate(with_changes(evidence=evidence))


def test_evidence_for_an_unknown_field_is_refused() -> None:
    evidence = valid_record()["evidence"] | {"headline": evidence_for("good")}
    with pytest.raises(ValidationError, match="unknown field"):
        InspectionRecord.model_validate(with_changes(evidence=evidence))


@pytest.mark.parametrize("value", ["2019", "2019-03", "2019-03-31", "2024-02-29"])
def test_partial_iso_dates_of_each_precision_are_accepted(value: str) -> None:
    assert InspectionRecord.model_validate(with_changes(inspection_date=value)).inspection_date == value


def test_records_are_frozen() -> None:
    record = InspectionRecord.model_validate(valid_record())
    with pytest.raises(ValidationError):
        record.grade = "inadequate"  # type: ignore[misc]


def test_a_valid_record_round_trips_through_json() -> None:
    record = InspectionRecord.model_validate(valid_record())
    data = record.to_json_dict()
    assert list(data) == list(RECORD_FIELDS)
    again = InspectionRecord.model_validate(json.loads(json.dumps(data)))
    assert again == record
    assert again.to_json_dict() == data
    assert data["evidence"]["council"]["text"] == "Lewisham Council"
    assert data["published_date"] is None and data["judgements"] == {}


def test_every_vocabulary_value_is_accepted() -> None:
    for grade in GRADES:
        record = InspectionRecord.model_validate(with_changes(
            grade=grade, judgements={area: grade for area in AREAS}, evidence={}))
        assert set(record.judgements) == set(AREAS)
    for kind in INSPECTION_TYPES:
        assert InspectionRecord.model_validate(with_changes(inspection_type=kind)).inspection_type == kind

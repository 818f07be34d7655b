"""The rule components of the annotate stage, on short sentences, and `extract()` end to end on tiny articles.

Components are inspected through what they leave on the Doc:
doc.spans["ofsted_grade"] / ["ofsted_grade_rejected"] (grade words kept as
judgements or set aside), each kept span's `._.ofsted_reading` and
`._.ofsted_statistical`, doc.ents (COUNCIL), doc.spans["ofsted_area"] and
doc.spans["ofsted_type"] (ids). The sentences are written for these tests.

Where the extractor currently gets a case wrong, the test stays as it should
be and is marked `xfail(strict=True)` with what is wrong (the lead's bug list).
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from ofsted_extract.api import extract
from ofsted_extract.models import InspectionRecord

#: What the extractor currently gets wrong here (the lead's bug list); each marks one test as a strict xfail.
KNOWN_BUGS: dict[str, str] = {
}


def known_bug(key: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=KNOWN_BUGS[key])


def kept(doc: Doc) -> list[Span]:
    return list(doc.spans["ofsted_grade"])


def rejected(doc: Doc) -> list[Span]:
    return list(doc.spans["ofsted_grade_rejected"])


def only_grade(doc: Doc) -> Span:
    """The one kept grade span of a sentence (and no grade word set aside)."""
    spans = kept(doc)
    assert [s.text for s in spans] != [], f"no grade kept; rejected: {[(s.text, s.kb_id_) for s in rejected(doc)]}"
    assert len(spans) == 1, [s.text for s in spans]
    return spans[0]


def grade_at(doc: Doc, text: str) -> Span:
    matches = [s for s in kept(doc) if s.text == text]
    assert len(matches) == 1, ([s.text for s in kept(doc)], [(s.text, s.kb_id_) for s in rejected(doc)])
    return matches[0]


def records_of(text: str) -> list[InspectionRecord]:
    """extract() on a tiny article, checking that every record's text evidence quotes the text."""
    records = extract(text, source="test.txt")
    for record in records:
        for field, evidence in record.evidence.items():
            if evidence.origin == "text":
                assert text[evidence.start:evidence.end] == evidence.text, (record.council, field)
    return records


def by_council(records: list[InspectionRecord]) -> dict[str, InspectionRecord]:
    found = {r.council: r for r in records}
    assert len(found) == len(records), [r.council for r in records]
    return found


# ---------------------------------------------------------------- grade filter: judgement or adjective


@pytest.mark.parametrize(("sentence", "grade", "value"), [
    ("Ofsted rated the council's children's services 'good'.", "good", "good"),
    ("Its children's services were rated inadequate by Ofsted.", "inadequate", "inadequate"),
    ("The council kept its Good rating after the inspection.", "Good", "good"),
    ("Inspectors judged the service “Outstanding” overall.", "Outstanding", "outstanding"),
])
def test_grade_words_with_a_rating_cue_are_kept(nlp: Language, sentence: str, grade: str, value: str) -> None:
    doc = nlp(sentence)
    span = grade_at(doc, grade)
    assert span.id_ == value
    assert rejected(doc) == []


@pytest.mark.parametrize(("sentence", "word"), [
    ("Inspectors praised good practice in the front door team.", "good"),
    ("Inspectors found outstanding support for care leavers.", "outstanding"),
    ("The council said it had made good progress on recruitment.", "good"),
])
def test_everyday_adjectives_are_rejected(nlp: Language, sentence: str, word: str) -> None:
    doc = nlp(sentence)
    assert kept(doc) == []
    (span,) = rejected(doc)
    assert span.text == word
    assert span.kb_id_, "a rejected grade word carries its reason"


@pytest.mark.parametrize("sentence", [
    "Sefton Council was rated requires improvement to be good overall.",
    "Sefton Council was told its services require improvement to be good.",
])
def test_requires_improvement_to_be_good_is_one_span(nlp: Language, sentence: str) -> None:
    doc = nlp(sentence)
    span = only_grade(doc)
    assert span.text.lower().startswith("requ") and span.text.endswith("improvement to be good")
    assert span.id_ == "requires_improvement"
    assert span._.ofsted_reading == "current"
    assert rejected(doc) == []  # the "good" inside is not a grade of its own


def test_area_list_lines_keep_their_grades(nlp: Language) -> None:
    text = ("Judgements:\n"
            "Overall effectiveness – Requires improvement to be good\n"
            "Adoption performance – Good\n"
            "Leadership, management and governance – Good\n")
    doc = nlp(text)
    assert [(s.text, s.id_) for s in kept(doc)] == [
        ("Requires improvement to be good", "requires_improvement"), ("Good", "good"), ("Good", "good")]
    assert rejected(doc) == []
    assert {(a.text, a.id_) for a in doc.spans["ofsted_area"]} >= {
        ("Adoption performance", "adoption"), ("Leadership, management and governance", "leadership")}


def test_a_single_area_list_line_is_kept(nlp: Language) -> None:
    doc = nlp("Adoption performance – Good")
    span = only_grade(doc)
    assert (span.text, span.id_) == ("Good", "good")


def test_rated_object_then_grade_is_kept(nlp: Language) -> None:
    doc = nlp("Ofsted rated Kent's children's services good.")
    span = only_grade(doc)
    assert span.id_ == "good"


# An authority's title before its possessive ("London Borough of X's children's services") is part of the
# rating verb's object, though the council's possessive match leaves the title outside the entity.
@pytest.mark.parametrize("text", [
    "The watchdog has rated London Borough of Merton's children's services outstanding.",
    "Inspectors judged Royal Borough of Kingston upon Thames' children's services inadequate.",
    "OFSTED RATES LONDON BOROUGH OF CAMDEN'S CHILDREN'S SERVICES GOOD",
])
def test_an_authoritys_title_stays_in_the_rated_object(nlp: Language, text: str) -> None:
    assert len(kept(nlp(text))) == 1


# A service named by whom it serves ("services for vulnerable children", "services to children and families")
# is a rated object as "children's services" is (SERVICE_CUE patterns in cues.jsonl).
@pytest.mark.parametrize("text", [
    "Ofsted rated Tameside's services for vulnerable children inadequate last month.",
    "Inspectors judged Swindon Borough Council's services to children and families good.",
    "The inspectorate rated Rochdale's services for children and young people outstanding.",
])
def test_a_service_named_by_whom_it_serves_is_a_rated_object(nlp: Language, text: str) -> None:
    assert len(kept(nlp(text))) == 1


# An object that refers to the authority without naming it ("the council", "the local authority") is as
# definite as a name; a bare pronoun after a verb that needs an object is not.
@pytest.mark.parametrize(("text", "grades"), [
    ("Their letter, which rates the council inadequate, came out on Monday.", 1),
    ("The report judges the local authority inadequate this time.", 1),
    ("Inspectors rated children's services at Barnet good.", 1),
    ("The mayor finds it good to listen.", 0),
])
def test_a_reference_to_the_authority_is_a_rated_object(nlp: Language, text: str, grades: int) -> None:
    assert len(kept(nlp(text))) == grades


# An authority's title in lower case ("london borough of sutton's ...") leads into the council's name: it is
# part of the rated object, as the capitalised title is.
@pytest.mark.parametrize("text", [
    "the watchdog rated london borough of sutton's children's services inadequate.",
    "ofsted has judged royal borough of greenwich's children's services good",
    "inspectors rated children's services at london borough of redbridge outstanding.",
])
def test_a_lower_case_title_stays_in_the_rated_object(nlp: Language, text: str) -> None:
    assert len(kept(nlp(text))) == 1


def test_rated_grade_before_a_verb_is_kept(nlp: Language) -> None:
    doc = nlp("The councils rated inadequate were Bolton, Bury and Wigan.")
    span = only_grade(doc)
    assert span.id_ == "inadequate"


# ---------------------------------------------------------------- context: readings


READINGS = {
    "plain": ("Ofsted rated the council 'good' in its report.", "good", "current"),
    "previously": ("Derby was previously rated outstanding by Ofsted.", "outstanding", "prior"),
    "had-been": ("The council had been rated inadequate in 2016.", "inadequate", "prior"),
    "which-had-been": ("Medway, which had previously been judged to require improvement, is now rated inadequate.",
                       "require improvement", "prior"),
    "now-rated": ("Medway, which had previously been judged to require improvement, is now rated inadequate.",
                  "inadequate", "current"),
    "second-time": ("Kent has been rated good for the second time.", "good", "repeat"),
    "retained": ("Kent retained its good rating.", "good", "repeat"),
    "not-yet": ("The council's services are not yet good, Ofsted said.", "good", "negated"),
    "none-of-the": ("None of the councils gained an outstanding rating.", "outstanding", "negated"),
    "school": ("The school was rated good by Ofsted.", "good", "other_body"),
    "nursery": ("A nursery in Bolton was rated outstanding by Ofsted.", "outstanding", "other_body"),
    "hopes-to-be": ("The council hopes to be rated good at its next inspection.", "good", "hypothetical"),
    "ambition-to-be": ("The council's ambition is to be rated good.", "good", "hypothetical"),
}


@pytest.mark.parametrize(("sentence", "grade", "reading"), [
    pytest.param(*case, id=key, marks=[known_bug(key)] if key in KNOWN_BUGS else [])
    for key, case in READINGS.items()
])
def test_grade_readings(nlp: Language, sentence: str, grade: str, reading: str) -> None:
    doc = nlp(sentence)
    assert grade_at(doc, grade)._.ofsted_reading == reading


def test_moving_out_of_a_grade_makes_only_the_old_grade_prior(nlp: Language) -> None:
    doc = nlp("Torbay moves out of 'inadequate' to 'requires improvement'.")
    assert grade_at(doc, "inadequate")._.ofsted_reading == "prior"
    assert grade_at(doc, "requires improvement")._.ofsted_reading == "current"


@pytest.mark.parametrize("sentence", [
    "Nationally, 52 per cent were rated inadequate.",
    "Ofsted said that 10 of the 41 councils inspected were rated inadequate.",
])
def test_statistics_mark_their_grades(nlp: Language, sentence: str) -> None:
    doc = nlp(sentence)
    span = grade_at(doc, "inadequate")
    assert span._.ofsted_statistical is True


def test_a_plain_rating_is_not_statistical(nlp: Language) -> None:
    doc = nlp("Wigan Council's children's services were rated inadequate.")
    span = only_grade(doc)
    assert span._.ofsted_statistical is False
    assert span._.ofsted_reading == "current"


def test_a_contrast_word_ends_a_trigger_scope(nlp: Language) -> None:
    doc = nlp("Ofsted rated East Sussex good, while Hounslow requires improvement.")
    assert [(s.id_, s._.ofsted_reading) for s in kept(doc)] == [("good", "current"),
                                                                ("requires_improvement", "current")]


# ---------------------------------------------------------------- councils, areas, types


def test_councils_are_council_entities_with_their_codes(nlp: Language) -> None:
    doc = nlp("East Sussex was rated good, while Hounslow requires improvement.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("East Sussex", "COUNCIL", "E10000011"), ("Hounslow", "COUNCIL", "E09000018")]


@pytest.mark.parametrize(("sentence", "phrase", "area"), [
    ("Services for children who need help and protection were judged to require improvement.",
     "children who need help and protection", "help_and_protection"),
    ("Support for care leavers was rated good.", "care leavers", "care_leavers"),
    ("Adoption performance – Good", "Adoption performance", "adoption"),
    ("Leadership, management and governance – Outstanding", "Leadership, management and governance", "leadership"),
])
def test_judgement_areas(nlp: Language, sentence: str, phrase: str, area: str) -> None:
    doc = nlp(sentence)
    areas = [(a.text, a.id_) for a in doc.spans["ofsted_area"]]
    assert (phrase, area) in areas


@pytest.mark.parametrize(("sentence", "phrase", "kind"), [
    ("Ofsted made its third monitoring visit to the council in June.", "monitoring visit", "monitoring"),
    ("Ofsted carried out a focused visit to Gateshead in February.", "focused visit", "focused"),
    ("It was a joint targeted area inspection of Calderdale.", "joint targeted area inspection", "jtai"),
])
def test_inspection_types(nlp: Language, sentence: str, phrase: str, kind: str) -> None:
    doc = nlp(sentence)
    types = [(t.text, t.id_) for t in doc.spans["ofsted_type"]]
    assert (phrase, kind) in types


# ---------------------------------------------------------------- extract() end to end


def test_two_councils_with_different_grades_in_one_sentence(nlp: Language) -> None:
    records = by_council(records_of(
        "Ofsted has published its latest two inspection reports. "
        "East Sussex was rated good, while Hounslow requires improvement."))
    assert sorted(records) == ["East Sussex", "Hounslow"]
    assert records["East Sussex"].grade == "good"
    assert records["Hounslow"].grade == "requires_improvement"
    assert records["East Sussex"].ons_code == "E10000011"
    assert records["Hounslow"].ons_code == "E09000018"


@pytest.mark.parametrize("text", [
    pytest.param("The councils rated inadequate by Ofsted this year were Bolton, Bury and Wigan.", id="by-ofsted"),
    pytest.param("Ofsted has published its latest round of inspection reports. "
                 "The councils rated inadequate were Bolton, Bury and Wigan.", id="plain"),
    pytest.param("Ofsted rated Bolton, Bury and Wigan inadequate.", id="rated-list-grade"),
])
def test_a_list_of_councils_shares_one_grade(nlp: Language, text: str) -> None:
    records = by_council(records_of(text))
    assert sorted(records) == ["Bolton", "Bury", "Wigan"]
    assert {r.grade for r in records.values()} == {"inadequate"}


def test_prior_grade_with_its_year(nlp: Language) -> None:
    (record,) = records_of("Ofsted has rated Derby City Council's children's services 'good'. "
                           "The council was previously rated inadequate in 2016.")
    assert record.council == "Derby"
    assert record.grade == "good"
    assert record.prior_grade == "inadequate"
    assert record.prior_year == 2016


def test_prior_grade_at_its_last_inspection(nlp: Language) -> None:
    (record,) = records_of("Ofsted has rated Kent County Council's children's services 'requires improvement'. "
                           "Kent was rated outstanding at its last inspection in 2014.")
    assert (record.council, record.grade) == ("Kent", "requires_improvement")
    assert (record.prior_grade, record.prior_year) == ("outstanding", 2014)


def test_a_repeat_grade_is_current_and_prior(nlp: Language) -> None:
    (record,) = records_of("Kent has been rated good by Ofsted for the second time.")
    assert (record.council, record.grade, record.prior_grade) == ("Kent", "good", "good")


@pytest.mark.parametrize("text", [
    pytest.param("Ofsted inspectors made a monitoring visit to Torbay Council on 9 and 10 October 2018. "
                 "Torbay was rated inadequate in January 2018.", id="dated"),
    pytest.param("Ofsted carried out a monitoring visit to Torbay Council in October. "
                 "The council was rated inadequate in January 2018.", id="visit-month-only"),
    pytest.param("Torbay Council, which was rated inadequate by Ofsted in January, has received its second "
                 "monitoring visit.", id="relative-clause"),
])
def test_a_monitoring_visit_to_an_inadequate_council(nlp: Language, text: str) -> None:
    (record,) = records_of(text)
    assert record.council == "Torbay"
    assert record.inspection_type == "monitoring"
    assert record.grade is None
    assert record.prior_grade == "inadequate"


@pytest.mark.parametrize("text", [
    "A primary school in Bolton has been rated outstanding by Ofsted.",
    "Ofsted figures show that 52 per cent of councils were rated requires improvement.",
], ids=["school", "statistic"])
def test_texts_that_report_no_council_inspection_give_no_record(nlp: Language, text: str) -> None:
    assert records_of(text) == []


# A rating verb whose object is a bare "services" rates the services of the council its sentence named.
@pytest.mark.parametrize("text, grade", [
    ("Posted 5 May 2023\n\nOfsted visited Wigan Council in March, judging services good.", "good"),
    ("Posted 5 May 2023\n\nInspectors reported on Hartlepool last month, grading services inadequate.", "inadequate"),
])
def test_a_rating_verb_with_bare_services_rates_the_named_council(text, grade):
    from ofsted_extract.api import extract
    record, = extract(text)
    assert record.grade == grade


def test_bare_services_without_a_council_before_the_verb_is_no_grade(nlp):
    doc = nlp("Judging services good is never easy, the chief inspector told Wigan Council.")
    assert all(g.text != "good" for g in doc.spans["ofsted_grade"])

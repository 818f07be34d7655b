"""Rule classes for history, dates and clauses, each on short articles written for these tests.

One test per rule class (issue 3: every new rule class has a unit test on a
sentence we wrote). They go through `extract()` end to end, so they check the
rule where it matters: in the record.
"""

from __future__ import annotations

from spacy.language import Language

from ofsted_extract.api import extract
from ofsted_extract.models import InspectionRecord


def one_record(text: str) -> InspectionRecord:
    records = extract(text, source="test.txt")
    assert len(records) == 1, [r.council for r in records]
    return records[0]


def test_month_names_in_dates_are_not_hypothetical_may(nlp: Language) -> None:
    doc = nlp("Two previous inspections of Stockport, in April 2016 and May 2017, also found services inadequate.")
    modifiers = {(m.text, m.label_) for m in doc.spans["ofsted_modifier"]}
    assert ("May", "HYPOTHETICAL") not in modifiers
    grade = next(s for s in doc.spans["ofsted_grade"] if s.text == "inadequate")
    assert grade._.ofsted_reading == "prior"


def test_history_words_inside_dates_still_mark_history(nlp: Language) -> None:
    text = ("Ofsted inspectors have found that Sefton's children's services are now good. "
            "Six years ago the same services were rated inadequate.")
    record = one_record(text)
    assert (record.grade, record.prior_grade) == ("good", "inadequate")


def test_the_date_of_a_past_grade_is_not_the_inspection_date(nlp: Language) -> None:
    text = ("Ofsted has rated Sefton Council's children's services good. An inspection first judged "
            "the service inadequate in 2016, and it was taken over by a trust in 2018.")
    record = one_record(text)
    assert record.grade == "good"
    assert record.inspection_date is None and record.published_date is None
    assert (record.prior_grade, record.prior_year) == ("inadequate", 2016)


def test_a_when_clause_after_last_inspected_is_history(nlp: Language) -> None:
    text = ("Ofsted has rated Wirral Council's children's services good. The services were last inspected "
            "by Ofsted in the spring of 2019, when the team of inspectors rated them as requires improvement.")
    record = one_record(text)
    assert record.grade == "good"
    assert (record.prior_grade, record.prior_year) == ("requires_improvement", 2019)


def test_a_present_perfect_verb_ends_the_reach_of_previously(nlp: Language) -> None:
    text = ("Enfield Council, previously criticised over the death of a toddler in 2009, has received "
            "its first 'outstanding' rating for children's services from Ofsted.")
    record = one_record(text)
    assert record.grade == "outstanding"
    assert record.prior_grade is None and record.prior_year is None


def test_looked_after_does_not_cut_a_grade_from_its_year(nlp: Language) -> None:
    text = ("Ofsted has rated Bexley Council's children's services good. The council was previously rated "
            "'adequate' for safeguarding and 'good' for looked-after children in 2011.")
    record = one_record(text)
    assert record.prior_judgements == {"safeguarding": "adequate", "looked_after_children": "good"}
    assert record.prior_year == 2011


def test_an_inspection_after_which_a_grade_was_given_keeps_its_date(nlp: Language) -> None:
    text = ("Ofsted has rated Suffolk County Council's children's services requires improvement. The council "
            "had previously held an 'outstanding' rating after its last inspection in 2019.")
    record = one_record(text)
    assert (record.prior_grade, record.prior_year) == ("outstanding", 2019)


def test_at_its_last_inspection_reaches_back_only_to_its_own_grade(nlp: Language) -> None:
    record = one_record("Ofsted rated Kent's children's services good, up from requires improvement "
                        "at its last inspection in 2019.")
    assert (record.grade, record.prior_grade, record.prior_year) == ("good", "requires_improvement", 2019)
    record = one_record("Ofsted has now rated Kent's children's services good. Kent was rated "
                        "inadequate at its last inspection in 2017.")
    assert (record.grade, record.prior_grade, record.prior_year) == ("good", "inadequate", 2017)

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


def by_council(text: str) -> dict[str, InspectionRecord]:
    return {r.council: r for r in extract(text, source="test.txt")}


def test_a_plural_reference_with_a_region_and_a_number_names_its_councils(nlp: Language) -> None:
    records = by_council(
        "Ofsted has published 'outstanding' ratings for children's services in Camden, Islington and Gateshead "
        "today. The two London boroughs were given the top grade for the second time running.")
    assert sorted(records) == ["Camden", "Gateshead", "Islington"]
    assert {name: r.prior_grade for name, r in records.items()} == {
        "Camden": "outstanding", "Islington": "outstanding", "Gateshead": None}


def test_a_partitive_reference_leaves_out_the_council_given_its_own_grade(nlp: Language) -> None:
    records = by_council(
        "Six councils were rated outstanding by Ofsted this month: Barnet, Leeds, Wigan, Torbay, Essex and Hull. "
        "While five of these authorities had previously been rated good, Hull rose from requires improvement.")
    assert {name: r.prior_grade for name, r in records.items()} == {
        "Barnet": "good", "Leeds": "good", "Wigan": "good", "Torbay": "good", "Essex": "good",
        "Kingston upon Hull": "requires_improvement"}


def test_a_plural_reference_whose_number_does_not_fit_gives_nothing(nlp: Language) -> None:
    records = by_council(
        "Ofsted has rated children's services in Camden, Islington and Gateshead outstanding. "
        "Four of these authorities had previously been rated good.")
    assert {r.prior_grade for r in records.values()} == {None}


def test_went_on_to_be_rated_is_a_fact_not_a_hope(nlp: Language) -> None:
    doc = nlp("The service went on to be rated inadequate in November 2016 after an inspection.")
    grade = next(s for s in doc.spans["ofsted_grade"] if s.text == "inadequate")
    assert grade._.ofsted_reading == "current"


def test_failing_to_is_a_verb_not_a_grade(nlp: Language) -> None:
    doc = nlp("A review said the council was failing to deal with the problems.")
    assert [s.text for s in doc.spans["ofsted_grade"]] == []
    assert [(s.text, s.kb_id_) for s in doc.spans["ofsted_grade_rejected"]] == [("failing", "verb ('failing to')")]


def test_a_year_before_last_inspection_is_the_prior_year(nlp: Language) -> None:
    record = one_record("Ofsted's focused visit to Hackney found services have improved since 2021's "
                        "last full Ofsted inspection, when they were rated requires improvement.")
    assert (record.inspection_type, record.prior_grade, record.prior_year) == ("focused", "requires_improvement", 2021)


def test_a_run_of_years_is_no_event_date(nlp: Language) -> None:
    record = one_record("Ofsted rated Devon County Council's children's services inadequate, its annual report "
                        "for 2015/16 shows.")
    assert record.published_date is None and record.inspection_date is None


def test_an_old_publication_is_not_the_reports_date(nlp: Language) -> None:
    record = one_record("22 March 2018\n\nOfsted has rated Rotherham's children's services good. "
                        "A government review, published in 2015, had found the council in denial.")
    assert record.grade == "good" and record.published_date is None


def test_a_statistics_date_is_no_councils_date(nlp: Language) -> None:
    record = one_record("10 July 2025\n\nOfsted has rated York's children's services outstanding. "
                        "The share rated outstanding had climbed to 20% by March 2024, the analysis shows.")
    assert record.inspection_date is None


def test_a_grade_renamed_by_a_framework_is_no_councils_grade(nlp: Language) -> None:
    doc = nlp("The new framework reclassified 'adequate' as 'requires improvement'.")
    assert {s._.ofsted_reading for s in doc.spans["ofsted_grade"]} == {"descriptive"}


def test_looked_after_ends_no_trigger_scope(nlp: Language) -> None:
    doc = nlp("When Ofsted last inspected the borough, in 2012, its services for looked-after children "
              "were rated 'good'.")
    assert next(s for s in doc.spans["ofsted_grade"] if s.text == "good")._.ofsted_reading == "prior"


def test_a_past_grade_takes_the_past_date_and_leaves_the_visit_date(nlp: Language) -> None:
    record = one_record("12 September 2019\n\nOfsted has rated Medway Council's children's services inadequate. "
                        "Medway, which inspectors visited in July, had been judged to require improvement at its "
                        "previous full inspection in 2015.")
    assert (record.grade, record.inspection_date) == ("inadequate", "2019-07")
    assert (record.prior_grade, record.prior_year) == ("requires_improvement", 2015)


def test_since_the_council_was_judged_is_history(nlp: Language) -> None:
    doc = nlp("It was the third visit since the council was judged inadequate in May 2017.")
    assert next(s for s in doc.spans["ofsted_grade"] if s.text == "inadequate")._.ofsted_reading == "prior"


def test_a_grade_in_all_areas_is_the_overall_grade(nlp: Language) -> None:
    record = one_record("Bexley's children's services and safeguarding have been labelled 'inadequate' in all "
                        "areas by Ofsted inspectors.")
    assert (record.grade, record.judgements) == ("inadequate", {})


def test_a_date_of_what_is_to_come_is_no_event_date(nlp: Language) -> None:
    record = one_record("Ofsted's monitoring visit to Torbay, its fifth, took place on 9 and 10 October 2018. "
                        "A full inspection of the council will take place by spring 2019.")
    assert (record.inspection_type, record.inspection_date) == ("monitoring", "2018-10-09")


def test_losing_a_grade_makes_it_the_prior_one(nlp: Language) -> None:
    record = one_record("Surrey children's services lose 'good' Ofsted rating\n\nChildren's services in Surrey have "
                        "been downgraded from 'good' to 'requires improvement' by Ofsted.")
    assert (record.grade, record.prior_grade) == ("requires_improvement", "good")


def test_earlier_this_year_reaches_back_over_the_services_named(nlp: Language) -> None:
    doc = nlp("A council handed the inspectorate's lowest grade for its children's services earlier this year "
              "is making progress.")
    assert next(s for s in doc.spans["ofsted_grade"] if s.text == "lowest grade")._.ofsted_reading == "prior"


def test_annual_ratings_in_the_infinitive(nlp: Language) -> None:
    records = by_council("December 2009\n\nOfsted's annual ratings of council children's services are out. Hartlepool "
                         "was among the councils found to perform excellently, while Hillingdon was judged to "
                         "perform adequately.")
    assert {n: (r.inspection_type, r.grade) for n, r in records.items()} == {
        "Hartlepool": ("annual_rating", "excellent"), "Hillingdon": ("annual_rating", "adequate")}


def test_a_date_said_of_two_councils_is_each_ones_date(nlp: Language) -> None:
    records = by_council("Ofsted focused visits find strengths in Bury and Oldham\n\n21 March 2019\n\nTwo councils "
                         "have received positive letters from Ofsted following short inspections last month.\n\n"
                         "Bury Council had a focused visit looking at its services for children in need. Oldham "
                         "Council was also visited by inspectors.")
    assert {n: (r.inspection_type, r.inspection_date) for n, r in records.items()} == {
        "Bury": ("focused", "2019-02"), "Oldham": ("focused", "2019-02")}


def test_a_council_named_as_a_venue_is_no_record(nlp: Language) -> None:
    text = ("Half of councils now require improvement, Ofsted figures show. The figures were discussed at a "
            "conference in Leeds this week, where inspectors said councils judged inadequate receive monitoring "
            "visits.")
    assert extract(text, source="test.txt") == []


def test_a_date_said_of_each_authority_is_each_ones_date(nlp: Language) -> None:
    records = by_council("9 March 2016\n\nOfsted has published reports on Bolton and Wigan. Inspections took place "
                         "in each authority in January.\n\nBolton Council was rated good. Wigan Council was rated "
                         "requires improvement.")
    assert {n: r.inspection_date for n, r in records.items()} == {"Bolton": "2016-01", "Wigan": "2016-01"}


def test_services_that_protect_children_are_the_safeguarding_area(nlp: Language) -> None:
    record = one_record("4 March 2011\n\nServices that protect vulnerable children in Rotherham have been judged "
                        "'adequate' by Ofsted, while the care given to looked after children has been rated 'good'.")
    assert (record.grade, record.judgements) == (None, {"safeguarding": "adequate", "looked_after_children": "good"})


def test_the_standing_grade_of_a_council_on_a_focused_visit_is_its_prior_grade(nlp: Language) -> None:
    record = one_record("Hackney Council, which is rated good by Ofsted, has had a focused visit looking at its "
                        "services for children in need.")
    assert (record.inspection_type, record.grade, record.prior_grade) == ("focused", None, "good")


def test_a_new_grade_after_monitoring_visits_stays_the_grade(nlp: Language) -> None:
    record = one_record("Ofsted has rated Sandwell's children's services good after a full inspection, following "
                        "six monitoring visits.")
    assert (record.inspection_type, record.grade) == ("full", "good")


def test_a_type_no_word_names_is_marked_inferred_and_points_at_its_grade(nlp: Language) -> None:
    """Issue 11: every filled field has evidence; a value inferred rather than read says so."""
    text = "Ofsted rated Kent's children's services good."
    record = one_record(text)
    evidence = record.evidence["inspection_type"]
    assert (record.inspection_type, evidence.origin) == ("full", "inferred")
    assert text[evidence.start:evidence.end] == "good"
    named = one_record("An Ofsted inspection rated Kent's children's services good.")
    assert named.evidence["inspection_type"].origin == "text"


# A bare grade followed by a function word is predicative, not an adjective before its noun: "limited to
# adequate due to ...", "judged good overall by ...", "rated inadequate because of ...".
PREDICATIVE_TAILS = ["due to weak management oversight", "according to the inspectorate", "because of delays",
                     "overall by inspectors", "within the last year", "despite some progress",
                     "than a year ago", "after the visit"]


def test_a_grade_before_a_function_word_is_a_grade(nlp: Language) -> None:
    import itertools

    for grade, tail in itertools.product(["good", "inadequate", "outstanding"], PREDICATIVE_TAILS):
        doc = nlp(f"Ofsted's inspectors judged the children's services {grade} {tail}.")
        kept = [s.text for s in doc.spans["ofsted_grade"]]
        assert kept == [grade], (grade, tail, [(s.text, s.kb_id_) for s in doc.spans["ofsted_grade_rejected"]])


def test_a_grade_before_a_noun_is_still_an_adjective(nlp: Language) -> None:
    for text in ["Staff showed good practice in many cases.", "The team took a good first step.",
                 "Managers did a good part of the work themselves.", "There was good side-by-side working."]:
        doc = nlp(text)
        assert [s.text for s in doc.spans["ofsted_grade"]] == [], text


# A grade's place on the scale in apposition ("'requires improvement', the third out of four ratings")
# is no description of the scale: the grade stands.
def test_a_grade_placed_on_the_scale_is_still_the_grade(nlp: Language) -> None:
    for council, grade, place in [("Kent County Council", "inadequate", "the lowest of Ofsted's four grades"),
                                  ("Bournemouth Borough Council", "requires improvement",
                                   "the third out of four ratings"),
                                  ("Sefton Council", "good", "the second-highest of the four possible judgements")]:
        record = one_record(f"12 May 2015\n\nOfsted inspectors rated {council} '{grade}', {place}.")
        assert record.grade == grade.replace(" ", "_"), (council, place)


def test_the_scale_described_gives_no_grade(nlp: Language) -> None:
    doc = nlp("Ofsted's four ratings are outstanding, good, requires improvement and inadequate.")
    assert {s._.ofsted_reading for s in doc.spans["ofsted_grade"]} == {"descriptive"}


# A council's name inside the name of its safeguarding board is the board's, not a mention of the council.
def test_a_council_in_its_safeguarding_boards_name_is_no_mention(nlp: Language) -> None:
    text = ("12 May 2015\n\nOfsted inspected children's services in Dorset and the Dorset and Poole Local "
            "Safeguarding Children Board. Dorset County Council was rated good, and the Poole Safeguarding "
            "Children Partnership was judged to require improvement.")
    assert [r.council for r in extract(text, source="t.txt")] == ["Dorset"]


# An aim, written as an infinitive of purpose ("a high bar to move from inadequate to good", "the work
# needed to go from requires improvement to outstanding"), reports no grade.
def test_an_aim_to_move_between_grades_is_no_grade(nlp: Language) -> None:
    for verb in ["to move from", "to go from", "to improve from", "to get from"]:
        for old, new in [("inadequate", "good"), ("requires improvement", "outstanding")]:
            doc = nlp(f"The director said the council had set itself a high bar {verb} {old} to {new} in two years.")
            readings = {s.text: s._.ofsted_reading for s in doc.spans["ofsted_grade"]}
            assert readings.get(new) == "hypothetical", (verb, readings)


# "areas requiring improvement" names the work still to do, not a grade.
def test_areas_requiring_improvement_is_no_grade(nlp: Language) -> None:
    for text in ["Inspectors found that Kent had made little progress in areas requiring improvement.",
                 "The council has a plan for the aspects that require improvement.",
                 "Leaders know the areas which require improvement."]:
        doc = nlp(text)
        assert {s._.ofsted_reading for s in doc.spans["ofsted_grade"]} <= {"descriptive"}, text


# A grade named by its place on the scale (GUIDE: "lowest grade" is inadequate, "highest grade"
# outstanding), in its other wordings.
def test_the_ends_of_the_scale_in_other_words(nlp: Language) -> None:
    for phrase, grade in [("the worst possible rating", "inadequate"), ("the lowest possible grade", "inadequate"),
                          ("its worst grade", "inadequate"), ("the best possible rating", "outstanding"),
                          ("the highest possible grade", "outstanding")]:
        record = one_record(f"3 May 2021\n\nSefton Council's children's services were given {phrase} by Ofsted.")
        assert record.grade == grade, phrase

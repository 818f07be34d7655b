"""The date-role layer (ofsted_extract.temporal): a date's role comes from the event word it attaches to.

Each class of phrasing is written as several variants in our own words (councils, dates, word orders
and capitalisation varied); none is taken from the corpus.
"""

from __future__ import annotations

import pytest

from ofsted_extract.api import extract
from ofsted_extract.temporal import date_role


def roles(nlp, text: str) -> dict[str, str | None]:
    doc = nlp(text)
    return {d.text: date_role(d) for d in doc.spans["ofsted_date"]}


# The previous inspection named by its subject, however far the copula puts the date from the cue.
@pytest.mark.parametrize("text, date", [
    ("The last inspection of children's services at Anytown Borough Council was in May 2017.", "May 2017"),
    ("Its previous full inspection, carried out by Ofsted, took place in 2014.", "2014"),
    ("The council's last Ofsted inspection of its help for families was in March 2019.", "March 2019"),
    ("THE PREVIOUS INSPECTION OF THE SERVICE WAS IN 2016.", "2016"),
])
def test_a_date_of_the_last_inspection_is_prior(nlp, text, date):
    assert roles(nlp, text)[date] == "prior"


# A clause opened by "since" (or a comparison "from") speaks of the inspection before.
@pytest.mark.parametrize("text, date", [
    ("Services have slipped since they were inspected in 2014.", "2014"),
    ("Leaders have made progress since the inspection in 2018, when the service was judged good.", "2018"),
    ("Much has changed since Ofsted's visit in June 2020.", "June 2020"),
    ("Staff turnover fell sharply from the October 2016 full inspection.", "October 2016"),
])
def test_since_or_from_an_inspection_is_prior(nlp, text, date):
    assert roles(nlp, text)[date] == "prior"


# The inspection itself: the visit verb or noun before the date, or a noun the date premodifies.
@pytest.mark.parametrize("text, date", [
    ("Northshire County Council was rated good after inspectors visited in October 2022.", "October 2022"),
    ("Following the March inspection, the council was rated good.", "March"),
    ("The inspection ran from 6 March to 17 March 2024 and found leadership strong.",
     "from 6 March to 17 March 2024"),
    ("A visit to the borough by the watchdog's inspectors in February found progress.", "February"),
    ("The inspection of Westvale's services for children took place between 2 and 13 May 2022.",
     "between 2 and 13 May 2022"),
    ("Ofsted's 2019 inspection rated Eastham requires improvement.", "2019"),
])
def test_a_date_of_the_visit_is_the_inspection(nlp, text, date):
    assert roles(nlp, text)[date] == "inspection"


# Publication: the publish verb before the date, including a date in apposition to "today".
@pytest.mark.parametrize("text, date", [
    ("The report, published on 4 May 2021, rated the council good.", "4 May 2021"),
    ("A letter published today (Wednesday, 24 March 2021) sets out the findings.", "Wednesday, 24 March 2021"),
    ("The findings were published on Thursday 12 June 2025 by the inspectorate.", "Thursday 12 June 2025"),
])
def test_a_date_of_the_report_coming_out_is_the_publication(nlp, text, date):
    assert roles(nlp, text)[date] == "publication"


@pytest.mark.parametrize("text, date", [
    # a framework is no inspection
    ("No council has been judged outstanding since the new inspection framework started in November 2013.",
     "November 2013"),
    # no event word in the clause: the fallback rules decide
    ("The council appointed a new director in 2019.", "2019"),
])
def test_no_role_without_an_event(nlp, text, date):
    assert roles(nlp, text)[date] is None


def test_the_period_a_report_covers_dates_the_inspection(nlp):
    assert roles(nlp, "In the latest report on Southby Council for 2023, it was graded good.")["2023"] == "inspection"


# End to end: the record's dates follow the roles.
def test_a_copular_last_inspection_gives_prior_year_not_inspection_date():
    text = ("Torbay children's services rated good\n\n1 December 2023\n\n"
            "Torbay Council's children's services have been rated good by Ofsted after inspectors visited "
            "in October 2023. The last inspection of services at Torbay Council was in May 2018, when they "
            "were judged inadequate.")
    record, = extract(text)
    assert record.inspection_date == "2023-10"
    assert record.prior_year == 2018
    assert record.prior_grade == "inadequate"


def test_since_an_inspection_gives_prior_year():
    text = ("Council told to improve\n\n4 April 2022\n\nOfsted rated Barnsley Council's children's services "
            "inadequate. Services have got worse since they were inspected in 2017, inspectors said.")
    record, = extract(text)
    assert record.prior_year == 2017
    assert record.inspection_date in (None, "2022")


# A parenthetical date still dates its verb: "when it was last inspected, in 2017".
@pytest.mark.parametrize("text, date", [
    ("Leaders said that since the council was last inspected, in 2019, much had changed.", "2019"),
    ("When it was last inspected, in March 2016, the service was found wanting.", "March 2016"),
    ("The borough, previously inspected, in 2015, has improved.", "2015"),
])
def test_a_parenthetical_date_of_the_last_inspection_is_prior(nlp, text, date):
    assert roles(nlp, text)[date] == "prior"


# A fronted date followed by the past event it dates.
@pytest.mark.parametrize("text, date", [
    ("In 2021, when inspectors had previously visited, they found serious weaknesses.", "2021"),
    ("In 2018 when Ofsted last inspected the service it was judged inadequate.", "2018"),
])
def test_a_fronted_date_of_a_past_visit_is_prior(nlp, text, date):
    assert roles(nlp, text)[date] == "prior"


# A date listed after another shares its role; two events joined by "and" do not.
@pytest.mark.parametrize("text, first, second", [
    ("Since the inspections in 2012 and 2014, leaders have changed.", "2012", "2014"),
    ("Since it was inspected in 2011, 2014 and 2017, little has changed.", "2011", "2017"),
    ("The service was last inspected in 2013 and again in 2016.", "2013", "2016"),
])
def test_listed_dates_share_a_role(nlp, text, first, second):
    found = roles(nlp, text)
    assert found[first] == found[second] == "prior"


def test_a_later_event_joined_by_and_keeps_its_own_role(nlp):
    found = roles(nlp, "Inspectors visited the council in May and today the report is published.")
    assert found["May"] == "inspection"
    assert found["today"] != "inspection"


@pytest.mark.parametrize("text, year", [
    ("Ofsted inspectors visited in June 2024. Its children's services were previously rated inadequate "
     "in 2016 and again in 2019.", 2019),
    ("Inspectors visited in June 2024. Its services were judged inadequate in 2013 and 2017 by Ofsted.", 2017),
])
def test_the_prior_year_is_the_latest_of_a_listed_run(text, year):
    record, = extract("Rotherham children's services rated good\n\n2 August 2024\n\nRotherham Council's "
                      "children's services have been rated good by Ofsted. " + text)
    assert record.prior_year == year


# Annual ratings and reviews date the period they rate (GUIDE ruling 8), but only as that period.
@pytest.mark.parametrize("text, date, role", [
    ("The 2008 annual review of services for children rated the county as performing well.", "2008", "inspection"),
    ("Ofsted's annual ratings for 2009 judged the council to be performing poorly.", "2009", "inspection"),
    ("It is the borough's first good rating since 2012.", "2012", None),
])
def test_a_rating_noun_dates_only_the_period_it_rates(nlp, text, date, role):
    assert roles(nlp, text)[date] == role


# Key-value rows: the key names the event.
@pytest.mark.parametrize("text, date, role", [
    ("Inspection dates: 3 to 14 June 2024 Report published: 30 July 2024", "30 July 2024", "publication"),
    ("Inspection dates: 3 to 14 June 2024 Report published: 30 July 2024", "3 to 14 June 2024", "inspection"),
    ("Date of inspection: 11 March 2019", "11 March 2019", "inspection"),
])
def test_a_key_value_row_gives_the_role(nlp, text, date, role):
    assert roles(nlp, text)[date] == role


@pytest.mark.parametrize("text, expected", [
    ("Council rated good\n\nRotherham Council's children's services have been rated good by Ofsted in a "
     "report published today, Tuesday 8 July 2025.", "2025-07-08"),
    ("Council rated good\n\nOfsted's report, which was published today (Monday 7 July 2025), rated "
     "Rotherham Council's children's services good.", "2025-07-07"),
])
def test_the_date_given_for_today_is_the_article_and_publication_date(text, expected):
    record, = extract(text)
    assert record.article_date == expected
    assert record.published_date == expected


# A relative year is a date whatever its distance from the event word in its clause; a bare written year
# needs to stand by it (numbers are not dates).
@pytest.mark.parametrize("body", [
    "Rotherham Council's children's services have been rated good by Ofsted. The inspectorate inspected the "
    "council's services for vulnerable young people over three weeks earlier this year.",
    "Rotherham Council's children's services have been rated good by Ofsted. They were visited by a team of six "
    "inspectors for two weeks earlier this year.",
])
def test_earlier_this_year_dates_a_distant_visit(body):
    record, = extract("Council rated good\n\n2 August 2024\n\n" + body)
    assert record.inspection_date == "2024"


# Inspectors being somewhere is the visit.
@pytest.mark.parametrize("text, date", [
    ("The inspectors, who were at the council earlier this year, praised its leaders.", "earlier this year"),
    ("Inspectors were in Barnsley for three weeks in June 2023.", "three weeks in June 2023"),
    ("Ofsted's inspector spent two days with the team last month.", "last month"),
])
def test_inspectors_being_there_dates_the_inspection(nlp, text, date):
    assert roles(nlp, text)[date] == "inspection"


@pytest.mark.parametrize("text, article, published", [
    ("Council rated good\n\n15 March 2022\n\nRotherham Council's children's services have been rated good by "
     "Ofsted. The report, published today (Monday 14 March 2022), praised its leaders.", "2022-03-15", "2022-03-14"),
    ("Council rated good\n\n2 October 2019\n\nRotherham Council's children's services have been rated good by "
     "Ofsted in a report published yesterday, Tuesday 1 October 2019.", "2019-10-02", "2019-10-01"),
])
def test_a_date_written_beside_today_speaks_for_it(text, article, published):
    record, = extract(text)
    assert record.article_date == article
    assert record.published_date == published


# A short insertion between the verb and its parenthetical date does not cut them apart.
@pytest.mark.parametrize("text, date", [
    ("Its services were last inspected, as a children's trust, in May 2019, and found inadequate.", "May 2019"),
    ("The borough was previously inspected, under the old framework, in 2014.", "2014"),
])
def test_a_parenthetical_between_verb_and_date_is_skipped(nlp, text, date):
    assert roles(nlp, text)[date] == "prior"


# "its first inspection since 2020": a date opened by "since" after the event word dates the event before.
@pytest.mark.parametrize("text, date", [
    ("Northvale Council has been rated good in its first full inspection since 2017.", "2017"),
    ("This was the first visit by Ofsted inspectors since March 2021 to the borough of Eastmere.", "March 2021"),
    ("The FIRST OFSTED INSPECTION SINCE 2015 found Southby's services for children much improved.", "2015"),
    ("Westford, inspected for the first time since 2019, was judged to require improvement.", "2019"),
])
def test_an_inspection_since_a_date_dates_the_one_before(nlp, text, date):
    assert roles(nlp, text)[date] == "prior"


# "inspected 47 councils since November 2013": "since" opens a run's start, neither a visit nor the one before.
@pytest.mark.parametrize("text, date", [
    ("Monitoring visits to Redford have taken place every few months since 2018.", "2018"),
    ("Ofsted has inspected 52 councils under the new framework since January 2018.", "January 2018"),
    ("Inspectors have visited the borough four times since March 2022.", "March 2022"),
    ("OFSTED HAS PUBLISHED 30 REPORTS SINCE 2019.", "2019"),
])
def test_a_run_since_a_date_is_neither_visit_nor_prior(nlp, text, date):
    assert roles(nlp, text)[date] == "other"


# A date said of another event between the inspection word and the date (the council's or trust's
# founding, a framework's launch) dates that event, not the inspection.
@pytest.mark.parametrize("text, date", [
    ("Eastmere Council was rated good in its first inspection since the unitary authority's creation in April 2020.",
     "April 2020"),
    ("It was the third monitoring visit since the formation of the two new councils in May.", "May"),
    ("Inspectors praised Northby's children's trust at the first full inspection since its launch in 2019.", "2019"),
    ("The inspection came after the establishment of Westvale Children First in October 2021.", "October 2021"),
    ("Cabinet discussed the latest monitoring visit by Ofsted at its meeting last Tuesday.", "last Tuesday"),
    ("Councillors will debate the Ofsted inspection report at a scrutiny hearing on 3 June.", "3 June"),
    ("The focused visit was the subject of a members' briefing in October.", "October"),
])
def test_a_date_of_a_founding_is_no_inspection_date(nlp, text, date):
    assert roles(nlp, text)[date] not in ("inspection", "publication", "prior")


def test_a_founding_date_is_not_the_inspection_date(nlp):
    record, = extract("Council rated good\n\n2 August 2024\n\nDorset Council's children's services were rated "
                      "good in their first Ofsted inspection since the council's formation in April 2019.")
    assert record.inspection_date is None and record.prior_year is None and record.grade == "good"


# Two earlier events dated (GUIDE ruling 4): the year of the most recent previous inspection, not the
# start of a run of grades ("inadequate since 2009").
@pytest.mark.parametrize("body, year", [
    ("Kent County Council's children's services have been rated good by Ofsted. Services in Kent had been "
     "judged inadequate since 2009. Since the last inspection in 2016, leaders have made much progress.", 2016),
    ("Norfolk County Council has been rated good by Ofsted inspectors. Norfolk was rated inadequate from 2013 "
     "onwards. Its previous inspection, in 2017, found services requiring improvement.", 2017),
    ("Leeds City Council was rated outstanding by Ofsted. The council had been graded adequate since 2008, "
     "and its last full inspection was carried out in 2015.", 2015),
])
def test_the_latest_dated_previous_inspection_is_the_prior_year(body, year):
    record, = extract("Council rated\n\n2 August 2019\n\n" + body)
    assert record.prior_year == year


# A bare year that dates an inspection the piece has already given as the previous one ("two previous
# inspections, in 2012 and 2014 ... the 2014 inspection report") is that inspection, not the news.
@pytest.mark.parametrize("body, year", [
    ("Ofsted has rated Hull City Council's children's services inadequate. Two previous inspections, in March "
     "2012 and June 2014, also found services inadequate. The 2014 inspection report identified failures.", 2014),
    ("Wigan Council was judged good by Ofsted. Its last inspection was in 2016. Leaders said the 2016 "
     "inspection had given them the resolve to improve.", 2016),
    ("Devon County Council's children's services have been rated good. The previous inspection took place in "
     "May 2017. The inspection outcome in 2017 was a spur to improve.", 2017),
])
def test_a_bare_year_of_the_previous_inspection_is_no_inspection_date(body, year):
    record, = extract("Council rated by Ofsted\n\n" + body)
    assert record.prior_year == year and record.inspection_date is None


# A date in apposition to "today" in a sentence about a report's findings is the day they came out, even
# when only an inspection word is near it: visits are not reported on the day.
@pytest.mark.parametrize("body, day", [
    ("Bristol City Council has today (12 March) welcomed the findings of an Ofsted inspection that rated its "
     "children's services good.", "2024-03-12"),
    ("Leaders at Derby City Council today (Tuesday, 12 March) praised the report of Ofsted's inspection, which "
     "rated services good.", "2024-03-12"),
    ("Today (12 March) Bolton Council welcomed the results of its Ofsted inspection, which judged its "
     "children's services good.", "2024-03-12"),
])
def test_a_date_apposed_to_today_with_findings_is_the_publication(body, day):
    record, = extract("Council rated good\n\n12 March 2024\n\n" + body)
    assert record.published_date == day and record.inspection_date != day


# A reorganisation said in a date's own clause with no event word ("which replaced X in 2020", "took over
# from X in 2019", "formed in 2021"): the date is the new council's beginning, no inspection and no prior.
@pytest.mark.parametrize("text, date", [
    ("Westmorland and Furness Council, which replaced Cumbria County Council in April 2023, was rated good.",
     "April 2023"),
    ("Dorset Council, which took over from Dorset County Council in 2019, has been judged good.", "2019"),
    ("NORTH NORTHAMPTONSHIRE COUNCIL, FORMED IN 2021, WAS JUDGED TO REQUIRE IMPROVEMENT.", "2021"),
    ("The unitary authority, created in place of the county council in 2009, was rated adequate by inspectors.",
     "2009"),
])
def test_a_date_of_a_reorganisation_is_neither_inspection_nor_prior(nlp, text, date):
    assert roles(nlp, text)[date] == "other"


@pytest.mark.parametrize("text, council, code", [
    ("Posted 12 June 2024\n\nSomerset Council, which succeeded Somerset County Council in 2023, has had its "
     "children's services judged good by Ofsted.", "Somerset", "E06000066"),
    ("Posted 12 June 2022\n\nShropshire Council, which took over from the old county council in 2009, was rated "
     "inadequate by Ofsted inspectors.", "Shropshire", "E06000051"),
])
def test_a_successor_named_with_its_founding_year_keeps_its_news(text, council, code):
    record, = extract(text)
    assert (record.council, record.ons_code, record.inspection_date, record.prior_year) == (council, code, None, None)
    assert record.grade in ("good", "inadequate")


# A full date in apposition to "today" written before the verb takes today's place and dates that verb.
@pytest.mark.parametrize("text, date", [
    ("The inspectorate today (Tuesday 4 March 2025) published its findings on Northby Council.",
     "Tuesday 4 March 2025"),
    ("Ofsted today, Thursday 9 October 2014, released the report on services in Southwick.",
     "Thursday 9 October 2014"),
])
def test_a_date_apposed_to_today_before_the_verb_is_the_publication(nlp, text, date):
    assert roles(nlp, text)[date] == "publication"


def test_today_before_the_verb_gives_the_published_date():
    record, = extract("Ofsted today (Monday 3 February 2020) published its report on Rotherham, rating "
                      "children's services good.")
    assert (record.published_date, record.article_date) == ("2020-02-03", "2020-02-03")


# GUIDE ruling 8: a rating noun's phrase runs across a list of nouns ("children and young people") to
# the period it rates.
@pytest.mark.parametrize("text, date", [
    ("Wirral was found to perform well in the annual assessment of services for children and young people "
     "for 2010.", "2010"),
    ("The annual rating of schools and social care for 2009 placed the borough among the best.", "2009"),
])
def test_a_rating_noun_reaches_its_period_across_a_noun_list(nlp, text, date):
    assert roles(nlp, text)[date] == "inspection"


def test_an_annual_assessment_for_a_year_gives_that_year():
    record, = extract("Halton has been assessed as performing well in Ofsted's annual performance assessment "
                      "of services for children and young people for 2008.")
    assert (record.inspection_type, record.inspection_date) == ("annual_rating", "2008")


def test_performing_adequately_is_an_annual_rating():
    record, = extract("Posted 10 December 2009\n\nThe 2009 review by Ofsted rated Bury Council as performing adequately, "
                      "a spokesman said.")
    assert (record.inspection_type, record.grade, record.inspection_date) == ("annual_rating", "adequate", "2009")


# A date the role layer gives the inspection itself is the visit however long before the page: a piece
# may look back more than a year, and the grade it dates is then the piece's only news for the council.
@pytest.mark.parametrize("body, inspected", [
    ("Inspectors were at Gateshead from 27 April to 8 May 2015. Their report judged the council good.",
     "2015-04-27"),
    ("The June 2014 inspection of Walsall children's services found them inadequate.", "2014-06"),
    ("Ofsted carried out its inspection of Medway Council in the week beginning 4th September 2017, judging "
     "services inadequate.", "2017-09-04"),
])
def test_an_old_inspection_date_attached_to_the_inspection_is_kept(body, inspected):
    record, = extract("Last updated: 2nd January 2019\n\n" + body)
    assert record.inspection_date == inspected
    assert record.grade in ("good", "inadequate")


def test_a_recent_visit_still_beats_an_old_one():
    record, = extract("Posted 10 March 2019\n\nAn inspection in January 2019 rated Luton Council good. "
                      "It followed an inspection in May 2016.")
    assert record.inspection_date == "2019-01"


# Reported speech shifts tense: "was informed that X had been rated" reports the news, not the past.
@pytest.mark.parametrize("body", [
    "The panel was informed that Bexley had been rated outstanding.",
    "Members were told that Kirklees Council had been judged good by Ofsted.",
])
def test_a_backshifted_grade_in_reported_speech_is_the_news(body):
    record, = extract("Date: 3 March 2023\nItem 4: Ofsted inspection of children's services.\n" + body)
    assert record.grade in ("outstanding", "good") and record.prior_grade is None

"""Tests for the date grammar (ofsted_extract.dates).

Every sentence here is written for the test; none is taken from the corpus.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ofsted_extract.dates import (
    DateMention,
    PartialDate,
    find_article_date,
    find_date_mentions,
    parse_full_date,
)


def mention(text: str, phrase: str) -> DateMention:
    """The one mention whose text is ``phrase``."""
    found = [m for m in find_date_mentions(text) if m.text == phrase]
    assert found, f"{phrase!r} not found in {text!r}: {[m.text for m in find_date_mentions(text)]}"
    assert len(found) == 1
    return found[0]


def texts(text: str) -> list[str]:
    return [m.text for m in find_date_mentions(text)]


def iso(pd: PartialDate | None) -> str | None:
    return None if pd is None else pd.iso()


# ---------------------------------------------------------------------------
# PartialDate
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, expected_iso, precision, first",
    [
        ((2019,), "2019", "year", date(2019, 1, 1)),
        ((2019, 6), "2019-06", "month", date(2019, 6, 1)),
        ((2019, 6, 10), "2019-06-10", "day", date(2019, 6, 10)),
        ((2008, 12, 18), "2008-12-18", "day", date(2008, 12, 18)),
        ((2020, 2, 29), "2020-02-29", "day", date(2020, 2, 29)),
    ],
)
def test_partial_date_basics(args, expected_iso, precision, first):
    pd = PartialDate(*args)
    assert pd.iso() == expected_iso
    assert str(pd) == expected_iso
    assert pd.precision == precision
    assert pd.first_day() == first
    assert PartialDate.from_iso(expected_iso) == pd


@pytest.mark.parametrize("args", [(2019, 13), (2019, 0), (2019, 2, 30), (2021, 2, 29), (2019, None, 4)])
def test_partial_date_rejects_impossible_dates(args):
    with pytest.raises(ValueError):
        PartialDate(*args)


def test_partial_date_order_and_equality():
    assert PartialDate(2019) < PartialDate(2019, 1) < PartialDate(2019, 1, 1) < PartialDate(2019, 2)
    assert PartialDate(2018, 12, 31) < PartialDate(2019)
    assert sorted([PartialDate(2020, 5), PartialDate(2019), PartialDate(2019, 6, 10)]) == [
        PartialDate(2019), PartialDate(2019, 6, 10), PartialDate(2020, 5)]
    assert PartialDate(2019, 6) == PartialDate(2019, 6)
    assert PartialDate(2019) != PartialDate(2019, 1)
    assert len({PartialDate(2019, 6), PartialDate(2019, 6), PartialDate(2019)}) == 2
    with pytest.raises(Exception):
        PartialDate(2019).year = 2020  # type: ignore[misc]


# ---------------------------------------------------------------------------
# parse_full_date
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "s, expected",
    [
        ("20 January 2016", date(2016, 1, 20)),
        ("January 20, 2016", date(2016, 1, 20)),
        ("Wednesday, January 20, 2016", date(2016, 1, 20)),
        ("Monday 13 May 2019", date(2019, 5, 13)),
        ("1st Dec 2021", date(2021, 12, 1)),
        ("13th June 2017", date(2017, 6, 13)),
        ("December 18th, 2008", date(2008, 12, 18)),
        ("24/06/2024", date(2024, 6, 24)),
        ("2017-12-20", date(2017, 12, 20)),
        ("2017-12-20T09:15:00Z", date(2017, 12, 20)),
        ("9 Dec 10", date(2010, 12, 9)),
        ("  07 August 2018 ", date(2018, 8, 7)),
        ("the 3rd of March, 2015", date(2015, 3, 3)),
        ("20-Jan-2016", date(2016, 1, 20)),
        ("12.03.2019", date(2019, 3, 12)),
        ("06/24/2024", date(2024, 6, 24)),  # day-first impossible: read month-first
        ("Sept. 4, 2018", date(2018, 9, 4)),
        ("SUNDAY 2 FEBRUARY 2020", date(2020, 2, 2)),
        ("14 March 2022 10:30", date(2022, 3, 14)),
    ],
)
def test_parse_full_date(s, expected):
    assert parse_full_date(s) == expected


@pytest.mark.parametrize(
    "s",
    ["", "October 2015", "2019", "13 May", "November 3", "31 June 2019", "30/02/2020", "13/13/2019",
     "the report of 13 May 2019 said", "Fri, 20", "10.30am", "12-16 January 2026", "last month",
     "2019-13-01", "yesterday"],
)
def test_parse_full_date_rejects(s):
    assert parse_full_date(s) is None


# ---------------------------------------------------------------------------
# Absolute dates in running text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("The letter reached the council on 20 January 2016 at noon.", "20 January 2016", "2016-01-20"),
        ("Inspectors reported on January 20, 2016, after a long wait.", "January 20, 2016", "2016-01-20"),
        ("Thursday, March 3, 2022 – council news", "Thursday, March 3, 2022", "2022-03-03"),
        ("The board met on Monday 13 May 2019 to discuss it.", "Monday 13 May 2019", "2019-05-13"),
        ("Posted 1st Dec 2021 by the press office", "1st Dec 2021", "2021-12-01"),
        ("A scrutiny meeting held on 13th June 2017 heard the news.", "13th June 2017", "2017-06-13"),
        ("News round-up for December 18th, 2008 follows.", "December 18th, 2008", "2008-12-18"),
        ("Minutes of 24/06/2024 cabinet meeting", "24/06/2024", "2024-06-24"),
        ("Record created 2017-12-20 by the web team", "2017-12-20", "2017-12-20"),
        ("it was signed on the 3rd of March, 2015 by both", "the 3rd of March, 2015", "2015-03-03"),
        ("Filed 20-Jan-2016 in the archive", "20-Jan-2016", "2016-01-20"),
        ("Decision date: 12.03.2019", "12.03.2019", "2019-03-12"),
        ("As at 31 March 2024, most councils were good.", "31 March 2024", "2024-03-31"),
        ("Received Sept. 4, 2018 from the regulator", "Sept. 4, 2018", "2018-09-04"),
        ("A DIARY NOTE: 2 FEBRUARY 2020 ONWARDS", "2 FEBRUARY 2020", "2020-02-02"),
    ],
)
def test_full_dates(text, phrase, expected):
    m = mention(text, phrase)
    assert m.kind == "absolute"
    assert not m.is_span
    assert m.text == text[m.start:m.end]
    assert iso(m.resolve(None)) == expected
    assert iso(m.resolve(date(2030, 1, 1))) == expected  # an anchor changes nothing


def test_two_digit_year_only_on_a_date_line():
    text = "Twelve councils told to improve\n\n9 Dec 10\nChildren's services ..."
    m = mention(text, "9 Dec 10")
    assert (m.kind, iso(m.resolve(None))) == ("absolute", "2010-12-09")
    assert "9 Dec 10" not in texts("Inspectors saw 9 Dec 10 files in all.")
    assert [iso(m.resolve(None)) for m in find_date_mentions("Note\n24/06/24\n")] == ["2024-06-24"]


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("The council was inspected in October 2015 by a team of five.", "October 2015", "2015-10"),
        ("The visit, in Oct 2015, was short.", "Oct 2015", "2015-10"),
        ("It was judged in March of 2019 to be failing.", "March of 2019", "2019-03"),
        ("The new director arrived in June, 2019.", "June, 2019", "2019-06"),
        ("Appointed in Sept. 2018, she left soon after.", "Sept. 2018", "2018-09"),
    ],
)
def test_month_year(text, phrase, expected):
    m = mention(text, phrase)
    assert m.kind == "absolute" and not m.is_span
    assert iso(m.resolve(None)) == expected
    assert m.resolve(None).precision == "month"


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("The council was last inspected in 2012 under the old regime.", "2012"),
        ("Things have improved since 2018, the leader said.", "2018"),
        ("A 2017 inspection found serious failures.", "2017"),
        ("The rating was the best since 2022's last full inspection.", "2022"),
        ("Ofsted's 2019 report was damning.", "2019"),
        ("The earlier verdict (2016) was overturned.", "2016"),
        ("In 2014 the trust took over.", "2014"),
        ("Its rating rose during 2021.", "2021"),
        ("the third council rated good after 2020.", "2020"),
        ("Concerns dating back to 2009 were raised.", "2009"),
    ],
)
def test_bare_year_in_date_context(text, phrase):
    m = mention(text, phrase)
    assert m.kind == "year" and not m.is_span
    assert m.resolve(None) == PartialDate(int(phrase))
    assert m.resolve(date(2025, 6, 1)) == PartialDate(int(phrase))


def test_year_list():
    text = "It was judged inadequate in 2013, 2015 and 2017."
    assert [(m.text, m.kind) for m in find_date_mentions(text)] == [
        ("2013", "year"), ("2015", "year"), ("2017", "year")]
    assert texts("Reforms are planned across 2026 and 2027.") == ["2026", "2027"]
    assert texts("There were 2013 and 2015 referrals.") == []


@pytest.mark.parametrize(
    "text, phrase, expected, kind",
    [
        ("The annual report for 2019/20 showed a rise.", "2019/20", "2019", "year"),
        ("Figures for 2018-2019 were published.", "2018-2019", "2018", "year"),
        ("Ratings fell between 2015 and 2017 across England.", "between 2015 and 2017", "2015", "year"),
        ("Services declined from 2011 to 2014 in the borough.", "from 2011 to 2014", "2011", "year"),
        ("A slump in early 2019 was followed by a recovery.", "early 2019", "2019", "year"),
        ("Inspectors return in mid-2020.", "mid-2020", "2020", "year"),
        ("By the end of 2021 every council had been seen.", "the end of 2021", "2021", "year"),
    ],
)
def test_year_spans(text, phrase, expected, kind):
    m = mention(text, phrase)
    assert m.kind == kind and m.is_span
    assert iso(m.resolve(None)) == expected


@pytest.mark.parametrize(
    "text, phrase, expected, is_span",
    [
        ("A full inspection is due in autumn 2019.", "autumn 2019", "2019", False),
        ("Reforms begin in spring 2026, Ofsted says.", "spring 2026", "2026", False),
        ("Reforms begin in Spring 2026, Ofsted says.", "Spring 2026", "2026", False),
        ("The review took place in the summer of 2021.", "summer of 2021", "2021", False),
        ("A visit over winter 2019/20 found gaps.", "winter 2019/20", "2019", True),
        ("It was seen in late summer 2018.", "late summer 2018", "2018", False),
    ],
)
def test_seasons_have_year_precision_only(text, phrase, expected, is_span):
    m = mention(text, phrase)
    assert m.kind == "absolute"
    assert m.is_span == is_span
    pd = m.resolve(None)
    assert iso(pd) == expected and pd.precision == "year"


# ---------------------------------------------------------------------------
# Spans resolve to their start
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("The team visited between 10 and 21 June 2019, and met staff.", "between 10 and 21 June 2019", "2019-06-10"),
        ("They were on site from 6th to 30th March 2017.", "from 6th to 30th March 2017", "2017-03-06"),
        ("Fieldwork ran 6-30 March 2017 in all.", "6-30 March 2017", "2017-03-06"),
        ("The inspection ran 14-18 October 2019 as planned.", "14-18 October 2019", "2019-10-14"),
        ("It was carried out 20 - 30 September 2022 by four inspectors.", "20 - 30 September 2022", "2022-09-20"),
        ("A visit on 19 and 20 March 2019 followed.", "19 and 20 March 2019", "2019-03-19"),
        ("Work ran 12–16 January 2026 with an en dash.", "12–16 January 2026", "2026-01-12"),
        ("It took place between 23 January to 16 February 2017, they said.",
         "between 23 January to 16 February 2017", "2017-01-23"),
        ("It ran from 28 December to 8 January 2020 over the holidays.",
         "from 28 December to 8 January 2020", "2019-12-28"),
        ("It ran from 28 December 2019 to 8 January 2020 over the holidays.",
         "from 28 December 2019 to 8 January 2020", "2019-12-28"),
        ("Inspectors came on November 3-14, 2019 to the town.", "November 3-14, 2019", "2019-11-03"),
        ("It ran June 10 to July 2, 2019 in total.", "June 10 to July 2, 2019", "2019-06-10"),
        ("The visits in November and December 2022 were joint.", "November and December 2022", "2022-11"),
        ("It happened between June and July 2019, we hear.", "between June and July 2019", "2019-06"),
        ("It ran in December and January 2020 over winter.", "December and January 2020", "2019-12"),
        ("The work in late February/early March 2019 was thorough.", "late February/early March 2019", "2019-02"),
        ("The visit in the final week of October 2015 was brief.", "the final week of October 2015", "2015-10"),
        ("Inspectors spent a two-week period in January 2026 there.", "a two-week period in January 2026", "2026-01"),
        ("It was inspected in mid-March 2018.", "mid-March 2018", "2018-03"),
    ],
)
def test_absolute_spans(text, phrase, expected):
    m = mention(text, phrase)
    assert m.kind == "absolute"
    assert m.is_span
    assert iso(m.resolve(None)) == expected


A_2019 = date(2019, 7, 22)


@pytest.mark.parametrize(
    "text, phrase, anchor, expected",
    [
        ("The team was in the borough between 10 and 21 June, the report said.", "between 10 and 21 June", A_2019, "2019-06-10"),
        ("It ran 10 to 21 June without a break.", "10 to 21 June", A_2019, "2019-06-10"),
        ("The monitoring visit took place between 14-16 June.", "between 14-16 June", date(2017, 7, 14), "2017-06-14"),
        ("It was inspected between November 3 and 14.", "between November 3 and 14", date(2026, 1, 9), "2025-11-03"),
        ("It was inspected on November 3 and 14.", "November 3 and 14", date(2026, 1, 9), "2025-11-03"),
        ("It ran between 28 December and 3 January over the break.",
         "between 28 December and 3 January", date(2020, 1, 20), "2019-12-28"),
        ("They visited in June and July to see practice.", "June and July", date(2017, 9, 5), "2017-06"),
        ("They visited in June and July to see practice.", "June and July", date(2017, 7, 1), "2017-06"),
        ("They visited in June and July to see practice.", "June and July", date(2017, 5, 1), "2016-06"),
        ("They came in December and January as planned.", "December and January", date(2020, 2, 10), "2019-12"),
        ("It was undertaken in late February/early March.", "late February/early March", date(2019, 5, 8), "2019-02"),
        ("It was undertaken in late February to early March.", "late February to early March", date(2019, 5, 8), "2019-02"),
        ("They came in the final week of October.", "the final week of October", date(2016, 1, 20), "2015-10"),
        ("They came in the first week of June.", "the first week of June", date(2018, 8, 7), "2018-06"),
        ("They came in early March.", "early March", date(2019, 5, 8), "2019-03"),
        ("They came in mid-March.", "mid-March", date(2019, 2, 8), "2018-03"),
        ("They came in late March.", "late March", date(2019, 4, 1), "2019-03"),
        ("They came at the end of March.", "the end of March", date(2019, 4, 1), "2019-03"),
        ("The inspectors spent two weeks in September at the council.", "two weeks in September", date(2023, 12, 5), "2023-09"),
        ("The fieldwork ran from March 3-25 this year.", "from March 3-25 this year", date(2015, 5, 20), "2015-03-03"),
        ("It ran in June and July last year.", "June and July last year", date(2015, 5, 20), "2014-06"),
    ],
)
def test_anchored_spans(text, phrase, anchor, expected):
    m = mention(text, phrase)
    assert m.kind == "anchored"
    assert m.is_span
    assert iso(m.resolve(anchor)) == expected
    assert m.resolve(None) is None


def test_span_precision():
    text = "Inspectors visited between 10 and 21 June 2019 and again in late February/early March 2020."
    a, b = find_date_mentions(text)
    assert a.resolve(None).precision == "day"
    assert b.resolve(None).precision == "month"


# ---------------------------------------------------------------------------
# Anchored phrases
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, phrase, anchor, expected",
    [
        # a month without a year: the latest such month on or before the anchor's month
        ("The visit took place in October, the council said.", "October", date(2016, 1, 20), "2015-10"),
        ("The visit took place in October, the council said.", "October", date(2016, 10, 5), "2016-10"),
        ("The visit took place in October, the council said.", "October", date(2016, 11, 30), "2016-10"),
        ("The visit, which was held in December, looked at help.", "December", date(2025, 1, 13), "2024-12"),
        ("The visit, which was held in December, looked at help.", "December", date(2024, 12, 31), "2024-12"),
        ("Inspectors returned in January to check.", "January", date(2024, 12, 31), "2024-01"),
        ("Inspectors returned during April to check.", "April", date(2019, 4, 1), "2019-04"),
        ("The service was rated inadequate in May, for the second time.", "May", date(2018, 10, 4), "2018-05"),
        ("December's inspection was the first in years.", "December", date(2019, 2, 1), "2018-12"),
        ("A re-inspection was carried out last November by six inspectors.", "last November", date(2018, 1, 19), "2017-11"),
        ("A re-inspection was carried out last November by six inspectors.", "last November", date(2018, 11, 30), "2017-11"),
        ("A re-inspection was carried out last November by six inspectors.", "last November", date(2018, 12, 3), "2018-11"),
        ("Inspectors are due back this March, it said.", "this March", date(2019, 1, 10), "2019-03"),
        ("Inspectors are due back next March, it said.", "next March", date(2019, 5, 10), "2020-03"),
        ("Inspectors are due back next March, it said.", "next March", date(2019, 2, 10), "2019-03"),
        # a month with a relative year
        ("As of November last year, most were rated poorly.", "November last year", date(2016, 1, 20), "2015-11"),
        ("Between June this year and now, things changed.", "June this year", date(2010, 9, 1), "2010-06"),
        # a day and month without a year
        ("The report, out today (13 May), follows a March visit.", "13 May", date(2015, 5, 13), "2015-05-13"),
        ("The report will be published on 13 May.", "13 May", date(2015, 5, 1), "2015-05-13"),
        ("The report was published on 13 May.", "13 May", date(2015, 3, 1), "2014-05-13"),
        ("The letter arrived on 20 December, before the break.", "20 December", date(2016, 1, 5), "2015-12-20"),
        ("Results are expected on 2 February.", "2 February", date(2016, 1, 20), "2016-02-02"),
        ("Published yesterday, Tuesday, 12 August, the report was clear.", "Tuesday, 12 August", date(2025, 8, 13), "2025-08-12"),
        ("The findings were shared on January 13 with leaders.", "January 13", date(2025, 1, 13), "2025-01-13"),
        ("The inspection was on November 3, inspectors said.", "November 3", date(2026, 1, 14), "2025-11-03"),
        ("A leap-day letter dated 29 February arrived.", "29 February", date(2021, 3, 1), "2020-02-29"),
        ("It was signed on the 3rd of June in the town hall.", "the 3rd of June", date(2020, 7, 1), "2020-06-03"),
        ("It came out on 13 May last year, said the paper.", "13 May last year", date(2016, 1, 2), "2015-05-13"),
        # the weekday picks the year when it fits only the other candidate year
        ("The council heard on Friday 4 January that it had failed.", "Friday 4 January", date(2020, 1, 2), "2019-01-04"),
        ("The council heard on Friday 4 January that it had failed.", "Friday 4 January", date(2019, 12, 30), "2019-01-04"),
        ("The council heard on Saturday 4 January that it had failed.", "Saturday 4 January", date(2020, 1, 2), "2020-01-04"),
        # relative months
        ("Focused visits were carried out last month in two towns.", "last month", date(2018, 10, 4), "2018-09"),
        ("Focused visits were carried out last month in two towns.", "last month", date(2018, 1, 5), "2017-12"),
        ("The report is out this month, it said.", "this month", date(2018, 1, 5), "2018-01"),
        ("He stepped down earlier this month after the verdict.", "earlier this month", date(2018, 2, 20), "2018-02"),
        ("A follow-up visit is due next month.", "next month", date(2018, 12, 20), "2019-01"),
        # relative years
        ("It was rated inadequate earlier this year by inspectors.", "earlier this year", date(2018, 10, 4), "2018"),
        ("Most councils inspected this year were good.", "this year", date(2025, 7, 1), "2025"),
        ("A full inspection is due later this year.", "later this year", date(2019, 4, 11), "2019"),
        ("A third of those inspected last year were outstanding.", "last year", date(2025, 1, 3), "2024"),
        ("Last year, on our invitation, a review was held.", "Last year", date(2019, 5, 8), "2018"),
        ("A further review comes next year.", "next year", date(2019, 5, 8), "2020"),
        # days
        ("The report, published today, praises the staff.", "today", date(2015, 5, 13), "2015-05-13"),
        ("Today they have published their letter.", "Today", date(2024, 7, 1), "2024-07-01"),
        ("The report, published yesterday, praises the staff.", "yesterday", date(2025, 1, 1), "2024-12-31"),
        # weeks: the month when the whole Monday-Sunday week lies in it, else the year
        ("Two more councils were rated this week by Ofsted.", "this week", date(2015, 1, 23), "2015-01"),
        ("A report was published last week on the service.", "last week", date(2018, 5, 13), "2018"),
        ("A report was published last week on the service.", "last week", date(2018, 5, 16), "2018-05"),
        ("It has been a busy week; earlier this week a letter came.", "earlier this week", date(2019, 3, 14), "2019-03"),
        ("The inspection was three weeks ago.", "three weeks ago", date(2019, 3, 28), "2019-03"),
        ("The inspection was 10 days ago.", "10 days ago", date(2019, 3, 5), "2019-02-23"),
        # years and months ago
        ("It was judged inadequate two years ago by inspectors.", "two years ago", date(2025, 1, 13), "2023"),
        ("Services have improved since six years ago, when they were poor.", "six years ago", date(2011, 8, 1), "2005"),
        ("It was outstanding a year ago.", "a year ago", date(2011, 8, 1), "2010"),
        ("It was last rated 3 years ago.", "3 years ago", date(2020, 8, 1), "2017"),
        ("It was rated poor a decade ago.", "a decade ago", date(2020, 8, 1), "2010"),
        ("Eight months on from the first failure, little has changed.", "Eight months on from", date(2018, 5, 13), "2017-09"),
        ("Three months after the visit, a letter was published.", "Three months after", date(2018, 2, 10), "2017-11"),
        ("The trust was set up 4 months ago to run services.", "4 months ago", date(2019, 3, 1), "2018-11"),
        ("Two years on from its failure, the council is good.", "Two years on from", date(2019, 3, 1), "2017"),
        # seasons without a year
        ("It was inspected last summer by a team of six.", "last summer", date(2019, 1, 10), "2018"),
        ("It was inspected last summer by a team of six.", "last summer", date(2019, 7, 10), "2018"),
        ("It was inspected last summer by a team of six.", "last summer", date(2019, 10, 10), "2019"),
        ("A full inspection is expected this autumn, leaders said.", "this autumn", date(2019, 4, 11), "2019"),
        ("A full inspection is expected next spring, leaders said.", "next spring", date(2019, 4, 11), "2020"),
        ("A full inspection is expected next spring, leaders said.", "next spring", date(2019, 1, 11), "2019"),
        ("The last check came during the inspection on August.", "August", date(2022, 10, 1), "2022-08"),
        ("Last month's letter was clear.", "Last month", date(2022, 10, 1), "2022-09"),
        ("This year's results were better.", "This year", date(2022, 10, 1), "2022"),
    ],
)
def test_anchored_phrases(text, phrase, anchor, expected):
    m = mention(text, phrase)
    assert m.kind == "anchored"
    assert iso(m.resolve(anchor)) == expected
    assert m.resolve(None) is None


@pytest.mark.parametrize(
    "phrase, anchor, precision",
    [
        ("in October", date(2016, 1, 20), "month"),
        ("on 13 May", date(2016, 1, 20), "day"),
        ("last month", date(2016, 1, 20), "month"),
        ("earlier this year", date(2016, 1, 20), "year"),
        ("yesterday", date(2016, 1, 20), "day"),
        ("two years ago", date(2016, 1, 20), "year"),
        ("eight months ago", date(2016, 1, 20), "month"),
    ],
)
def test_anchored_precision(phrase, anchor, precision):
    (m,) = find_date_mentions(f"It happened {phrase}.")
    assert m.resolve(anchor).precision == precision


def test_week_straddling_new_year_resolves_to_nothing():
    (m,) = find_date_mentions("A report came out this week.")
    # Monday 30 December 2019 to Sunday 5 January 2020: neither month nor year is fixed
    assert m.resolve(date(2020, 1, 2)) is None
    assert iso(m.resolve(date(2019, 10, 30))) == "2019"  # 28 October - 3 November: one year
    assert iso(m.resolve(date(2019, 12, 27))) == "2019-12"  # 23-29 December: one month


def test_anchor_may_be_a_datetime():
    from datetime import datetime

    (m,) = find_date_mentions("It happened last month.")
    assert iso(m.resolve(datetime(2020, 3, 15, 12, 0))) == "2020-02"


def test_winter_without_a_year_is_not_resolved():
    (m,) = find_date_mentions("It was inspected last winter.")
    assert m.kind == "anchored"
    assert m.resolve(date(2019, 6, 1)) is None


# ---------------------------------------------------------------------------
# Things that are not dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The meeting starts at 10.30am sharp.",
        "The council saved £10.5m and £2,017 last quarter.",
        "Costs rose by 2019% in the spreadsheet error.",
        "Services for 16- and 17-year-olds were weak.",
        "In all, 14 of the 22 councils were good.",
        "A spokesman for No 10 said nothing.",
        "Caseloads of 10 to 21 children were common.",
        "Ages 3-5 and 11-16 were covered.",
        "See https://example.org/news/2019/06/10/report-12-june-2019 for more.",
        "Fri, 20\n13 °C\nSat, 21\n15 °C",
        "Theresa May said the council must improve.",
        "They may march on the town hall.",
        "Jan Smith, the director, said it was fair.",
        "There were 2000 children in care and 2015 families on the list.",
        "A 2000-strong workforce supports families.",
        "Boundary Review 2018",
        "Over the last year, caseloads have fallen.",
        "In the last month, referrals rose.",
        "The Today programme asked the minister.",
        "Over 1,200 referrals and 2,018 visits were made.",
        "Call 0300 123 1231 or text 07700 900 123.",
        "The council scored 3/10 and 7.5/10 in surveys.",
        "In March 10 councils were inspected.",
    ],
)
def test_not_dates(text):
    found = [(m.text, m.kind) for m in find_date_mentions(text)]
    if text == "In March 10 councils were inspected.":
        # the month is a date; "March 10" is not a day here
        assert found == [("March", "anchored")]
    else:
        assert found == []


def test_url_dates_are_ignored_but_text_around_them_is_not():
    text = "Read it at www.example.gov.uk/2019/06/10/report (published 10 June 2019)."
    assert texts(text) == ["10 June 2019"]


# ---------------------------------------------------------------------------
# Offsets and overlap
# ---------------------------------------------------------------------------

LONG_TEXT = (
    "Council news\n\nPublished: 1st Dec 2021\n\n"
    "Inspectors visited between 10 and 21 June 2019 and again in late February/early March. "
    "The council was rated inadequate in 2012, then good since 2018. Last month it heard that "
    "its 2017 inspection would be reviewed. A report published today (13 May) follows a visit in "
    "October 2015 and another on 24/06/2024. Two years ago it was outstanding; earlier this year "
    "it was not. The next visit is in autumn 2026.\n"
)


def test_offsets_match_text_and_are_sorted_and_disjoint():
    found = find_date_mentions(LONG_TEXT)
    assert len(found) >= 14
    prev_end = -1
    for m in found:
        assert LONG_TEXT[m.start:m.end] == m.text
        assert m.start >= prev_end
        assert m.kind in ("absolute", "anchored", "year")
        prev_end = m.end
    assert [m.text for m in found] == [
        "1st Dec 2021", "between 10 and 21 June 2019", "late February/early March", "2012", "2018",
        "Last month", "2017", "today", "13 May", "October 2015", "24/06/2024", "Two years ago",
        "earlier this year", "autumn 2026",
    ]


def test_longest_match_wins():
    text = "It ran 19 and 20 March 2019."
    assert texts(text) == ["19 and 20 March 2019"]
    assert texts("Seen on Wednesday, January 20, 2016.") == ["Wednesday, January 20, 2016"]


_WORDS = st.sampled_from([
    "in", "on", "between", "and", "to", "-", "/", ",", ".", "the", "last", "this", "year", "month",
    "week", "ago", "two", "early", "late", "of", "May", "June", "Dec", "March", "autumn", "today",
    "13", "1st", "2019", "2020", "10", "31", "24/06/2024", "2017-12-20", "£5", "%", "\n", "Monday",
    "https://x.org/2019/01/02", "No", "years", "months", "from", "since",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40))
def test_invariants_on_random_text(words):
    text = " ".join(words)
    found = find_date_mentions(text)
    prev_end = -1
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end
        prev_end = m.end
        if m.kind in ("absolute", "year"):
            assert m.resolve(None) is not None
        else:
            assert m.resolve(None) is None
            m.resolve(date(2020, 1, 1))  # never raises
            m.resolve(date(2019, 12, 31))


# ---------------------------------------------------------------------------
# The article's own date
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected, date_text",
    [
        ("Council services rated good\n\nAlex Brown 29 January 2018\n\nThe council ...", date(2018, 1, 29), "29 January 2018"),
        ("Trust marks progress\n\nPublished: 1st Dec 2021\n\nThe trust said ...", date(2021, 12, 1), "1st Dec 2021"),
        ("Ratings fall again\n\nBy Pat Jones\n\n| 23 January 2015\n\nThree quarters ...", date(2015, 1, 23), "23 January 2015"),
        ("Skip to content\n\nHeadline here\n\nPress Notice ZX101 - published on 24 February 2026\n\nAfter ...",
         date(2026, 2, 24), "24 February 2026"),
        ("Headlines: December 18th, 2008\n\nFour councils ...", date(2008, 12, 18), "December 18th, 2008"),
        (" date 2017-12-20 Picture: agency/photographer\n\nAll councils ...", date(2017, 12, 20), "2017-12-20"),
        (" date 2019-03-02 Staff at the council were celebrating after inspectors awarded a rating that "
         "nobody had expected a year earlier, the leader said.", date(2019, 3, 2), "2019-03-02"),
        ("Key points\n- one\n- two\nTownsville (Local Paper) February 24, 2026\nThe council ...",
         date(2026, 2, 24), "February 24, 2026"),
        ("A message from the director:\n\n13 June 2017 weekly bulletin\n\n13 June 2017\n\nThis week ...",
         date(2017, 6, 13), "13 June 2017"),
        ("Decisions\n\n24/06/2024 - Progress report – Joint inspection of services for children at risk in the city\n",
         date(2024, 6, 24), "24/06/2024"),
        ("Twelve councils rated poor\n\n9 Dec 10\nChildren's services ...", date(2010, 12, 9), "9 Dec 10"),
        ("Story\nWednesday, January 20, 2016\nTwo councils ...", date(2016, 1, 20), "Wednesday, January 20, 2016"),
        ("News\nPublished 3 March 2019\nUpdated 5 March 2019\nText ...", date(2019, 3, 3), "3 March 2019"),
        ("Title\nPublished29 January 2018\nText ...", date(2018, 1, 29), "29 January 2018"),
        ("Share this\nComments\nCouncil rated good\nSam Lee, 4 March 2020\nText ...", date(2020, 3, 4), "4 March 2020"),
        ("Title\nLast updated: 5\u00a0March\u00a02019\nText ...", date(2019, 3, 5), "5\u00a0March\u00a02019"),
    ],
)
def test_find_article_date(text, expected, date_text):
    found = find_article_date(text)
    assert found is not None
    d, start, end = found
    assert d == expected
    assert text[start:end] == date_text


@pytest.mark.parametrize(
    "text",
    [
        # a prose sentence that mentions a date
        "Background\n\nOn Monday 13 May 2019, the inspectorate released the findings of its inspection of our "
        "services for children in care.",
        "Background\n\nThe report came out on 13 May 2019.\n",
        "The council said on 13 May 2019 that it accepted the findings.\n",
        # only month or span or year precision
        "Title\n\nMarch 2019\n\nText",
        "Title\n\n12-16 January 2026\n\nText",
        "Title\n\n2019\n\nText",
        # a short line naming another event
        "Council rated good\n\nInspection dates: 12 March 2019\n\nText",
        # weather widget
        "Fri, 20\n13 °C\nSat, 21\n15 °C\n\nCouncil told to improve\n",
        # two-digit year inside prose
        "Inspectors saw 9 Dec 10 files.",
        # footer of related links
        "Council rated good\n\nThe council was rated good by inspectors.\n\nRelated topics\n- Published 29 January 2018\n",
        "Council rated good\n\nThe council was rated good.\n\n- Published 29 January 2018\n\n- Published 4 July 2017\n\n"
        "- Published 14 December 2015\n",
        # nothing at all
        "",
        "No dates in this text at all.",
    ],
)
def test_find_article_date_none(text):
    assert find_article_date(text) is None


def test_article_date_only_in_the_header_region():
    filler = ("Inspectors found that help for families was not good enough in too many cases and said so. " * 30)
    text = "Title\n\n" + filler + "\n\n20 January 2016\n"
    assert len(text) > 2100
    assert find_article_date(text) is None
    assert find_article_date("Title\n\n20 January 2016\n" + filler) == (date(2016, 1, 20), 7, 22)


# ---------------------------------------------------------------------------
# Speed and dependencies
# ---------------------------------------------------------------------------


def test_no_heavy_imports():
    code = (
        "import sys; from ofsted_extract import dates; "
        "dates.find_date_mentions('in October 2015, last month'); dates.find_article_date('1 May 2019'); "
        "print(sorted(m for m in ('dateparser', 'spacy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(("text", "anchor", "expected"), [
    ("The report, published on Friday, said", date(2024, 4, 15), "2024-04-12"),  # a Monday
    ("The letter was published on Monday.", date(2024, 4, 15), "2024-04-15"),  # the same day
    ("Inspectors reported last Monday.", date(2024, 4, 15), "2024-04-08"),  # the week before
    ("It came out last Tuesday.", date(2017, 5, 4), "2017-05-02"),
])
def test_a_weekday_resolves_to_its_latest_date_before_the_anchor(text, anchor, expected):
    mention, = find_date_mentions(text)
    assert mention.kind == "anchored"
    assert mention.resolve(anchor).iso() == expected


def test_a_weekday_inside_a_full_date_is_part_of_it():
    mention, = find_date_mentions("Published on Friday, June 5, 2015.")
    assert (mention.text, mention.kind) == ("Friday, June 5, 2015", "absolute")


# ---------------------------------------------------------------------------
# Classes from issue 11: page furniture datelines, glued layout, same-month spans, month modifiers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a label and a colon with no space before the day
        ("Menu\nCouncils told to act\nDate:14 MAR 2011\nThe watchdog ...", date(2011, 3, 14)),
        ("Menu\nPosted:3 June 2022\nText ...", date(2022, 6, 3)),
        # a label and a colon in the middle of a run-in header
        ("Anytown Borough Council Inspection of children's services Inspection dates: 4 to 15 March 2019 "
         "Report published: 2 May 2019 Overall effectiveness: Good. The local authority has made progress "
         "since it was last looked at by the inspectors and leaders know their services well.", date(2019, 5, 2)),
        ("Agenda item Meeting: 14/02/2022 - Scrutiny Committee for People and Communities (Item 6) The board "
         "heard how the service had changed since the visit of the inspectors.", date(2022, 2, 14)),
        ("Meeting date: 3 October 2018\nMinutes of the committee ...", date(2018, 10, 3)),
        # a time of day beside the date, glued to the byline and the caption
        ("NewsHome LocalJo Bloggs Senior reporter08:45, 17 Feb 2023Photo of the town hall (Image: Archive) "
         "The council says that its services for children have improved since the watchdog first visited.",
         date(2023, 2, 17)),
        ("Town Echo | 21 November 2016 at 4.05pm | The council's leader said the report was fair to staff "
         "and to the families who had been let down by the service over the years.", date(2016, 11, 21)),
        ("Updated 9:30am GMT, 6 January 2020\nText ...", date(2020, 1, 6)),
        # numeric forms with a two-digit year
        ("Latest Public Sector News\n\n05.11.21\n\nCouncil improves", date(2021, 11, 5)),
        # the date a page gives for "today", deep in prose
        ("Council welcomes report\n" + "The service has changed a great deal in a short time. " * 3
         + "The judgement published today (Monday, 3 October 2022) follows a visit in the summer.", date(2022, 10, 3)),
        ("Council rated good\n" + "Staff were praised for their work with families. " * 3
         + "In a report released today, Thursday 12 June 2025, inspectors said so.", date(2025, 6, 12)),
        ("Heading\nThe results were published today (14/03/18). Leaders said so.", date(2018, 3, 14)),
    ],
)
def test_page_furniture_gives_the_article_date(text, expected):
    found = find_article_date(text)
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        # another event's label, even with a colon
        "Header line with many words about the council and its services Inspection date: 4 March 2019 and "
        "then a long run of prose that follows on.",
        "Background\n\nThe next meeting: 4 March 2019 will hear the report, the chair told the board members.\n",
        # a date beside "today" that the text does not give as today's date
        "Heading\nWhat matters today is what happened on 4 March 2019, when the inspectors arrived.",
        # a time that is no page timestamp: a score or a ratio inside prose is not a time
        "Heading\n\nThe board met and voted 12.5 per cent more on 4 March 2019 than was planned by the council.",
    ],
)
def test_no_article_date_from_other_events(text):
    assert find_article_date(text) is None


@pytest.mark.parametrize(
    "text, phrase, anchor, expected",
    [
        ("Inspectors were on site from 6 March to 17 March 2024.", "from 6 March to 17 March 2024", None, "2024-03-06"),
        ("The visit ran from 2nd June to 13th June.", "from 2nd June to 13th June", date(2022, 8, 1), "2022-06-02"),
        ("Inspection took place between 9 October and 20 October 2017.", "between 9 October and 20 October 2017",
         None, "2017-10-09"),
        ("It ran 14 Nov - 25 Nov 2016.", "14 Nov - 25 Nov 2016", None, "2016-11-14"),
    ],
)
def test_same_month_day_spans(text, phrase, anchor, expected):
    m = mention(text, phrase)
    assert m.is_span
    assert iso(m.resolve(anchor)) == expected


@pytest.mark.parametrize(
    "text, anchor, expected",
    [
        ("Following the March inspection, leaders set out a plan.", date(2021, 5, 1), "2021-03"),
        ("Since its November monitoring visit the council has improved.", date(2020, 2, 3), "2019-11"),
        ("their June full inspection found serious failings", date(2018, 9, 9), "2018-06"),
        ("The December report was damning.", date(2016, 1, 20), "2015-12"),
    ],
)
def test_a_month_that_modifies_an_event_noun(text, anchor, expected):
    found = [m for m in find_date_mentions(text) if m.kind == "anchored"]
    assert len(found) == 1
    assert iso(found[0].resolve(anchor)) == expected


def test_a_same_month_span_needs_its_days_in_order():
    assert all(not m.is_span for m in find_date_mentions("from 17 March to 6 March"))


def test_a_year_glued_to_a_capitalised_word_is_read():
    assert texts("Reporter 10:02, 5 Apr 2024Caption here") == ["5 Apr 2024"]
    assert texts("The 2019th time") == []


# GUIDE ruling 1: the meeting date heading a set of minutes is the page's own date, however long the
# heading line ("... held on" before the date would otherwise read as prose).
@pytest.mark.parametrize("text, expected", [
    ("Home > Democracy\nMinutes of the meeting of the Corporate Parenting Panel held on Tuesday 9th May 2017\n"
     "Present: Councillors A, B and C", date(2017, 5, 9)),
    ("MINUTES OF THE EDUCATION, SKILLS AND FAMILIES OVERVIEW AND SCRUTINY BOARD HELD ON 2 FEBRUARY 2021\n"
     "Apologies were received.", date(2021, 2, 2)),
    ("Notes of the Schools Forum meeting held on Wednesday, 14 November 2012 at the Civic Centre\nItem 1",
     date(2012, 11, 14)),
])
def test_a_minutes_heading_dates_the_page(text, expected):
    found = find_article_date(text)
    assert found is not None and found[0] == expected


def test_a_meeting_in_prose_is_no_dateline():
    text = ("The director told the panel that inspectors held a meeting with staff on 3 April 2019 to explain "
            "what they would look at.")
    assert find_article_date(text) is None

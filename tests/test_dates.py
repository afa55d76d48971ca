"""End-to-end tests of the date layer: a sentence and a creation date (DCT) in, the TIMEX3
type and value of one expression out, through the real pipeline.

Expected values are worked out by hand from the TimeML conventions (see
`../shared/eval/README.md`): 2025-08-05 is a Tuesday in ISO week 32.
"""

from __future__ import annotations

import pytest

TUE = "2025-08-05"  # Tuesday, 2025-W32
OCT = "2025-10-20"  # a Monday early in the fourth quarter (earnings season)
MAR = "2024-03-15"  # Friday, 2024-W11


def tag(nlp, text: str, dct: str | None):
    doc = nlp.make_doc(text)
    doc._.published = dct
    return nlp(doc)


def find(doc, expression: str):
    spans = [s for s in doc.spans["dates"] if s.text == expression]
    found = [(s.text, s._.timex_type, s._.value) for s in doc.spans["dates"]]
    assert spans, f"{expression!r} not tagged; tagged: {found}"
    return spans[0]


CASES = [
    # --- explicit calendar dates at the precision the text gives -------------------------
    (
        "The ceasefire took effect on March 3, 2024, after weeks of talks.",
        "March 3, 2024",
        TUE,
        "DATE",
        "2024-03-03",
    ),
    ("Negotiators met in Geneva on 14 July 2023.", "14 July 2023", TUE, "DATE", "2023-07-14"),
    ("The embargo was lifted in October 1998.", "October 1998", TUE, "DATE", "1998-10"),
    ("The treaty entered into force on 2021-01-22.", "2021-01-22", TUE, "DATE", "2021-01-22"),
    ("The summit is scheduled for Sept. 12.", "Sept. 12", TUE, "DATE", "2025-09-12"),
    (
        "Talks collapsed on Dec. 19 amid mutual recriminations.",
        "Dec. 19",
        TUE,
        "DATE",
        "2024-12-19",
    ),
    (
        "The accord was signed on Friday, June 6, 2025, in Doha.",
        "Friday, June 6, 2025",
        TUE,
        "DATE",
        "2025-06-06",
    ),
    (
        "The vote, held on Saturday, April 25, was boycotted.",
        "Saturday, April 25",
        "2015-03-01",
        "DATE",
        "2015-04-25",
    ),
    (
        "Russian forces crossed the border on February 24.",
        "February 24",
        None,
        "DATE",
        "XXXX-02-24",
    ),
    (
        "Delegates gathered on the 4th of March 2019 in Minsk.",
        "the 4th of March 2019",
        TUE,
        "DATE",
        "2019-03-04",
    ),
    # --- years, fiscal years, decades, centuries -----------------------------------------
    ("Crimea was annexed by Moscow in 2014.", "2014", TUE, "DATE", "2014"),
    ("Deliveries of the jets are expected by mid-2024.", "mid-2024", TUE, "DATE", "2024"),
    ("The FY2026 budget request cuts foreign aid.", "FY2026", TUE, "DATE", "2026"),
    ("Revenue rose sharply in fiscal 1999.", "fiscal 1999", TUE, "DATE", "1999"),
    ("Sanctions multiplied during the 1990s.", "the 1990s", TUE, "DATE", "199"),
    ("The alliance expanded in the early 1980s.", "the early 1980s", TUE, "DATE", "198"),
    ("Detente had collapsed by the '70s.", "the '70s", TUE, "DATE", "197"),
    ("The doctrine dates back to the nineties.", "the nineties", TUE, "DATE", "199"),
    ("Both empires shaped the 20th century.", "the 20th century", TUE, "DATE", "19"),
    (
        "The border was drawn in the nineteenth century.",
        "the nineteenth century",
        TUE,
        "DATE",
        "18",
    ),
    (
        "The republic declared independence in nineteen ninety-one.",
        "nineteen ninety-one",
        TUE,
        "DATE",
        "1991",
    ),
    # --- months and seasons, placed by the DCT and the tense -------------------------------
    ("Exports of grain fell in March.", "March", TUE, "DATE", "2025-03"),
    ("A 30-day ceasefire was proposed in March.", "March", TUE, "DATE", "2025-03"),
    ("The envoy will return to Kyiv in November.", "November", TUE, "DATE", "2025-11"),
    ("The blockade began last April.", "last April", TUE, "DATE", "2025-04"),
    ("Elections are planned for next January.", "next January", TUE, "DATE", "2026-01"),
    ("A new round of tariffs could come early next year.", "early next year", TUE, "DATE", "2026"),
    ("The parliament will vote in late November.", "late November", TUE, "DATE", "2025-11"),
    ("The offensive is expected this spring.", "this spring", MAR, "DATE", "2024-SP"),
    ("Drought ravaged the region last summer.", "last summer", MAR, "DATE", "2023-SU"),
    ("Supplies ran out in the winter of 1994.", "the winter of 1994", TUE, "DATE", "1994-WI"),
    ("A new pipeline opens in summer 2026.", "summer 2026", TUE, "DATE", "2026-SU"),
    (
        "Dealers had expected the deal in June of next year.",
        "June of next year",
        TUE,
        "DATE",
        "2026-06",
    ),
    # --- quarters and halves -------------------------------------------------------------
    ("Arms exports peaked in Q3 2025.", "Q3 2025", TUE, "DATE", "2025-Q3"),
    (
        "The company reported a loss for the third quarter.",
        "the third quarter",
        OCT,
        "DATE",
        "2025-Q3",
    ),
    ("Analysts expect third-quarter earnings to rise.", "third-quarter", OCT, "DATE", "2025-Q3"),
    ("Imports slowed in the first half of 2024.", "the first half of 2024", TUE, "DATE", "2024-H1"),
    (
        "Defense outlays jumped in the fourth quarter of 2023.",
        "the fourth quarter of 2023",
        TUE,
        "DATE",
        "2023-Q4",
    ),
    (
        "Profit rose 8% in the third quarter. A year earlier, the firm lost money.",
        "A year earlier",
        OCT,
        "DATE",
        "2024-Q3",
    ),
    (
        "Sales hit $2 billion in the third quarter, up from $1.5 billion in the year-ago quarter.",
        "the year-ago quarter",
        OCT,
        "DATE",
        "2024-Q3",
    ),
    # --- weeks and weekends --------------------------------------------------------------
    ("The envoy met the president last week.", "last week", TUE, "DATE", "2025-W31"),
    ("Talks will continue next week in Istanbul.", "next week", TUE, "DATE", "2025-W33"),
    ("The cabinet meets this week to decide.", "this week", TUE, "DATE", "2025-W32"),
    (
        "Protesters gathered in the capital over the weekend.",
        "the weekend",
        TUE,
        "DATE",
        "2025-W31-WE",
    ),
    (
        "The mission was planned for the week of March 6.",
        "the week of March 6",
        "2023-03-01",
        "DATE",
        "2023-W10",
    ),
    # --- days relative to the DCT ----------------------------------------------------------------
    ("Drones struck the refinery yesterday.", "yesterday", TUE, "DATE", "2025-08-04"),
    ("The foreign minister arrives tomorrow.", "tomorrow", TUE, "DATE", "2025-08-06"),
    ("The general said today that the front was stable.", "today", TUE, "DATE", "2025-08-05"),
    ("The president will address the nation tonight.", "tonight", TUE, "TIME", "2025-08-05TNI"),
    (
        "Sirens sounded yesterday morning across the city.",
        "yesterday morning",
        TUE,
        "TIME",
        "2025-08-04TMO",
    ),
    ("Air defenses were active last night.", "last night", TUE, "TIME", "2025-08-04TNI"),
    ("The envoy landed this afternoon.", "this afternoon", TUE, "TIME", "2025-08-05TAF"),
    (
        "The convoy left the day before yesterday.",
        "the day before yesterday",
        TUE,
        "DATE",
        "2025-08-03",
    ),
    # --- days of the week ----------------------------------------------------------------
    ("The minister resigned on Monday.", "Monday", TUE, "DATE", "2025-08-04"),
    ("The talks will resume on Friday.", "Friday", TUE, "DATE", "2025-08-08"),
    ("The vote is scheduled for Friday.", "Friday", TUE, "DATE", "2025-08-08"),
    ("Markets will stay closed until Thursday.", "Thursday", TUE, "DATE", "2025-08-07"),
    ("The plan was unveiled last Tuesday.", "last Tuesday", TUE, "DATE", "2025-07-29"),
    ("Inspectors return next Monday.", "next Monday", TUE, "DATE", "2025-08-11"),
    (
        "Shelling resumed Friday morning near the port.",
        "Friday morning",
        TUE,
        "TIME",
        "2025-08-01TMO",
    ),
    ("He spoke to reporters on Wednesday.", "Wednesday", None, "DATE", "XXXX-WXX-3"),
    # --- measured from the DCT or from the narrative time ---------------------------------------
    ("The sanctions were first imposed two years ago.", "two years ago", TUE, "DATE", "2023"),
    ("The embassy reopened three months ago.", "three months ago", TUE, "DATE", "2025-05"),
    ("The hostages were freed ten days ago.", "ten days ago", TUE, "DATE", "2025-07-26"),
    ("The ultimatum was issued six weeks ago.", "six weeks ago", TUE, "DATE", "2025-06-24"),
    (
        "The rebels seized the airport in July 2025. Two weeks later, they withdrew.",
        "Two weeks later",
        TUE,
        "DATE",
        "2025-W29",
    ),
    (
        "The accord was signed in 1990. The next year, it collapsed.",
        "The next year",
        TUE,
        "DATE",
        "1991",
    ),
    (
        "The truce began on March 3, 2024. Two weeks later, it collapsed.",
        "Two weeks later",
        TUE,
        "DATE",
        "2024-03-17",
    ),
    (
        "Shares of the firm, listed since 1983, ended the day 4% higher.",
        "the day",
        TUE,
        "DATE",
        "2025-08-05",
    ),
    (
        "Germany surrendered on May 8, 1945. Crowds filled the streets that day.",
        "that day",
        TUE,
        "DATE",
        "1945-05-08",
    ),
    (
        "Troops entered the city on March 3, 2024. The following day, talks began.",
        "The following day",
        TUE,
        "DATE",
        "2024-03-04",
    ),
    ("Trade with the bloc shrank last year.", "last year", TUE, "DATE", "2024"),
    ("The court will rule next month.", "next month", TUE, "DATE", "2025-09"),
    ("Tariffs were raised earlier this year.", "earlier this year", TUE, "DATE", "2025"),
    ("A decision is due later this month.", "later this month", TUE, "DATE", "2025-08"),
    ("The wall fell a decade ago.", "a decade ago", TUE, "DATE", "2015"),
    ("The quota expires two years from now.", "two years from now", TUE, "DATE", "2027"),
    # --- durations -----------------------------------------------------------------------
    ("Moscow must comply within six months.", "six months", TUE, "DURATION", "P6M"),
    ("He set a deadline of 50 days for a deal.", "50 days", TUE, "DURATION", "P50D"),
    ("Strikes resumed 13 days after the truce.", "13 days", TUE, "DURATION", "P13D"),
    ("The meeting lasted three hours.", "three hours", TUE, "DURATION", "PT3H"),
    ("The negotiations dragged on for 2 1/2 years.", "2 1/2 years", TUE, "DURATION", "P2Y6M"),
    (
        "The missile flew for a minute and a half.",
        "a minute and a half",
        TUE,
        "DURATION",
        "PT1M30S",
    ),
    ("The delegation waited half an hour.", "half an hour", TUE, "DURATION", "PT30M"),
    (
        "Output has doubled over the past three years.",
        "the past three years",
        TUE,
        "DURATION",
        "P3Y",
    ),
    ("They agreed to a two-year freeze.", "two-year", TUE, "DURATION", "P2Y"),
    ("Fighting went on for several weeks.", "several weeks", TUE, "DURATION", "PXW"),
    ("The regime has resisted reform for years.", "years", TUE, "DURATION", "PXY"),
    ("The standoff lasted nearly two weeks.", "nearly two weeks", TUE, "DURATION", "P2W"),
    ("Kyiv asked for a pause of as little as 10 days.", "10 days", TUE, "DURATION", "P10D"),
    # --- sets ----------------------------------------------------------------------------
    ("The foreign ministers now meet weekly.", "weekly", TUE, "SET", "P1W"),
    ("Inspectors visit the site every month.", "every month", TUE, "SET", "P1M"),
    ("Convoys leave every other week.", "every other week", TUE, "SET", "P2W"),
    ("The council convenes each Thursday.", "each Thursday", TUE, "SET", "XXXX-WXX-4"),
    ("The commission reports twice a year.", "a year", TUE, "SET", "P1Y"),
    ("Dividends are paid quarterly.", "quarterly", TUE, "SET", "P3M"),
    ("Herders move south every summer.", "every summer", TUE, "SET", "XXXX-SU"),
    ("Officials brief the press daily.", "daily", TUE, "SET", "P1D"),
    # --- generic references to present, past and future ----------------------------------
    ("The alliance now faces a harder choice.", "now", TUE, "DATE", "PRESENT_REF"),
    ("The port is currently closed to shipping.", "currently", TUE, "DATE", "PRESENT_REF"),
    ("The envoy recently visited Beijing.", "recently", TUE, "DATE", "PAST_REF"),
    ("Such strikes may be repeated in the future.", "the future", TUE, "DATE", "FUTURE_REF"),
    ("No easing is likely in the near term.", "the near term", TUE, "DATE", "FUTURE_REF"),
    ("The two states have clashed in the past.", "the past", TUE, "DATE", "PAST_REF"),
    # --- clock times ---------------------------------------------------------------------
    (
        "The blast occurred at 10:30 a.m. local time.",
        "10:30 a.m. local time",
        TUE,
        "TIME",
        "2025-08-05T10:30",
    ),
    (
        "The deadline expires at 10 p.m. Wednesday.",
        "10 p.m. Wednesday",
        TUE,
        "TIME",
        "2025-08-06T22:00",
    ),
    ("The ceasefire starts at noon.", "noon", TUE, "TIME", "2025-08-05T12:00"),
    ("Markets reopened at 1400 GMT.", "1400 GMT", TUE, "TIME", "2025-08-05T14:00Z"),
    # --- holidays ------------------------------------------------------------------------
    (
        "Officials promised the troops would be home by Christmas.",
        "Christmas",
        TUE,
        "DATE",
        "2025-12-25",
    ),
    ("The strike began on Thanksgiving 2019.", "Thanksgiving 2019", TUE, "DATE", "2019-11-28"),
]


@pytest.mark.parametrize(("sentence", "expression", "dct", "timex_type", "value"), CASES)
def test_expression(nlp, sentence, expression, dct, timex_type, value):
    span = find(tag(nlp, sentence, dct), expression)
    assert (span._.timex_type, span._.value) == (timex_type, value)


NOT_TEMPORAL = [
    ("May I add one more point?", "May"),
    ("The company pays a quarterly dividend.", "quarterly"),
    ("A 6-year-old girl was among the wounded.", "6-year-old"),
    ("The fall of Saigon ended the war.", "fall"),
    ("Oil prices may fall further.", "fall"),
    ("Activists joined the annual March for Life.", "March"),
    ("Iraq imports about three-quarters of its food.", "three-quarters"),
    ('Baker told ABC\'s "This Week" that the talks would go on.', "This Week"),
    ("Within a day, the minister said, the convoy would move.", "the minister"),
]


@pytest.mark.parametrize(("sentence", "words"), NOT_TEMPORAL)
def test_not_temporal(nlp, sentence, words):
    doc = tag(nlp, sentence, TUE)
    start = sentence.index(words)
    end = start + len(words)
    overlapping = [s.text for s in doc.spans["dates"] if s.start_char < end and start < s.end_char]
    assert overlapping == []


def test_range_keeps_both_bounds(nlp):
    doc = tag(nlp, "The ultimatum was cut to 10–12 days.", TUE)
    span = find(doc, "10–12 days")
    assert (span._.timex_type, span._.value) == ("DURATION", "PXD")
    assert (span._.value_start, span._.value_end) == ("P10D", "P12D")
    doc = tag(nlp, "The process would take between 60 and 90 days.", TUE)
    span = find(doc, "between 60 and 90 days")
    assert (span._.value_start, span._.value_end) == ("P60D", "P90D")


def test_anchor_and_granularity(nlp):
    doc = tag(
        nlp, "The army withdrew last month. In 1990, the treaty lapsed; that year, war came.", TUE
    )
    last_month = find(doc, "last month")
    assert (last_month._.value, last_month._.anchor, last_month._.granularity) == (
        "2025-07",
        TUE,
        "month",
    )
    that_year = find(doc, "that year")
    assert (that_year._.value, that_year._.anchor) == ("1990", "1990")
    assert find(doc, "1990")._.anchor is None


def test_no_dct_no_guess(nlp):
    """Without a creation date, deictic expressions stay underspecified."""
    doc = tag(nlp, "Yesterday the envoy left; talks resume next week and ended last year.", None)
    values = {s.text: s._.value for s in doc.spans["dates"]}
    assert values == {"Yesterday": "XXXX-XX-XX", "next week": "XXXX-WXX", "last year": "XXXX"}


def test_year_range_is_one_span_with_bounds(nlp):
    doc = tag(nlp, "Under the 2021–2025 plan, aid doubled; in 1998-99 it had collapsed.", TUE)
    plan, crisis = find(doc, "2021–2025"), find(doc, "1998-99")
    assert (plan._.timex_type, plan._.value) == ("DATE", None)
    assert (plan._.value_start, plan._.value_end) == ("2021", "2025")
    assert (crisis._.value_start, crisis._.value_end) == ("1998", "1999")


def test_event_relative_stretch_is_an_unplaced_date(nlp):
    doc = tag(nlp, "Police watched the house in the weeks before the shooting.", TUE)
    span = find(doc, "the weeks")
    assert (span._.timex_type, span._.value) == ("DATE", "XXXX-WXX")

"""Unit tests of the pure temporal functions (no spaCy): numbers, ISO durations, calendar
arithmetic, anchoring, and the fast scanner's agreement with a plain full-text scan."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
import spacy

import pipeline.components  # noqa: F401  (registers "statecraft_dates")
from pipeline.timex import annotate
from pipeline.timex.anchoring import Resolver
from pipeline.timex.calendar import Point, easter, holiday, nearest, point_of
from pipeline.timex.durations import duration_value, range_values
from pipeline.timex.model import Draft
from pipeline.timex.numbers import is_vague, parse_number, spelled_year
from pipeline.timex.scan import find_candidates, lower_ascii, numeric_triggers, scan_all, trie
from pipeline.timex.vocab import DATA_FILE, use_vocabulary


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("twenty-four", 24),
        ("twenty four", 24),
        ("1 1/2", 1.5),
        ("2½", 2.5),
        ("a couple of", 2),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("two thousand", 2000),
        ("one and a half", 1.5),
        ("1,500", 1500),
        ("a hundred", 100),
        ("several", None),
        ("a few", None),
        ("banana", None),
    ],
)
def test_parse_number(text, number):
    assert parse_number(text) == number


def test_vague_and_spelled_years():
    assert is_vague("Several") and is_vague("dozens of") and not is_vague("two")
    assert spelled_year("nineteen ninety-six") == 1996
    assert spelled_year("two thousand") == 2000
    assert spelled_year("two thousand and eight") == 2008
    assert spelled_year("eighteen hundred") == 1800
    assert spelled_year("twenty people") is None


@pytest.mark.parametrize(
    ("amount", "unit", "multiplier", "value"),
    [
        (6, "M", 1, "P6M"),
        (2, "Y", 10, "P20Y"),
        (None, "W", 1, "PXW"),
        (None, "Y", 10, "PXDE"),
        (5.5, "H", 1, "PT5H30M"),
        (2.5, "Y", 1, "P2Y6M"),
        (1.5, "D", 1, "P1DT12H"),
        (0.5, "H", 1, "PT30M"),
        (1.5, "MIN", 1, "PT1M30S"),
        (3, "S", 1, "PT3S"),
        (1, "WE", 1, "P2D"),
        (2, "Q", 1, "P2Q"),
    ],
)
def test_duration_value(amount, unit, multiplier, value):
    assert duration_value(amount, unit, multiplier) == value


def test_range_values():
    assert range_values("10", "12", "days") == ("PXD", "P10D", "P12D")
    assert range_values("two", "three", "weeks") == ("PXW", "P2W", "P3W")
    assert range_values("two", "three", "apples") is None


def test_calendar_points_and_holidays():
    assert easter(2024) == dt.date(2024, 3, 31)
    assert easter(2025) == dt.date(2025, 4, 20)
    assert holiday("thanksgiving", 2019) == dt.date(2019, 11, 28)
    assert holiday("election", 2024) == dt.date(2024, 11, 5)
    assert holiday("memorial", 2025) == dt.date(2025, 5, 26)
    day = dt.date(2025, 8, 5)
    assert [Point(day, g).value() for g in ("century", "decade", "year", "half", "quarter")] == [
        "20",
        "202",
        "2025",
        "2025-H2",
        "2025-Q3",
    ]
    assert Point(day, "week").value() == "2025-W32"
    assert Point(day, "weekend").value() == "2025-W32-WE"
    assert Point(day, "season").value() == "2025-SU"
    assert Point(day, "part", "EV").value() == "2025-08-05TEV"
    for value in ("2025-08-05", "2025-08", "2025-Q3", "2025-H2", "2025-W32", "2025-SU", "1998"):
        assert point_of(value).value() == value
    assert point_of("PRESENT_REF") is None and point_of("XXXX-02-24") is None


def test_nearest_prefers_closeness_then_tense():
    anchor = dt.date(1989, 11, 2)
    novembers = [dt.date(y, 11, 10) for y in (1988, 1989, 1990)]
    # eight days ahead wins even in a past-tense clause ("has set Nov. 10 as the deadline")
    assert nearest(anchor, novembers, -1, "day") == dt.date(1989, 11, 10)
    marches = [dt.date(y, 3, 1) for y in (1988, 1989, 1990)]
    # March is far either way: the tense decides
    assert nearest(anchor, marches, -1, "month") == dt.date(1989, 3, 1)
    assert nearest(anchor, marches, 1, "month") == dt.date(1990, 3, 1)
    thirds = [dt.date(y, 7, 1) for y in (1988, 1989, 1990)]
    # the quarter just ended is the one reported on, even in "expects third-quarter profit"
    assert nearest(anchor, thirds, 1, "quarter") == dt.date(1989, 7, 1)


def test_resolver_moves_the_reference_time():
    resolver = Resolver("2025-08-05")
    explicit = resolver.resolve(Draft("DATE", value="1990"), 0, 4)
    assert explicit.value == "1990" and resolver.ref.value() == "1990"
    following = Draft(
        "DATE", op="shift", args={"anchor": "ref", "unit": "Y", "n": 1, "gran": "year"}
    )
    assert resolver.resolve(following, 10, 20).value == "1991"
    # deictic expressions still count from the DCT
    yesterday = Draft(
        "DATE", op="shift", args={"anchor": "dct", "unit": "D", "n": -1, "gran": "day"}
    )
    assert resolver.resolve(yesterday, 30, 40).value == "2025-08-04"
    # "the next day" right after a bare year has no day to count from
    resolver.resolve(Draft("DATE", value="1975"), 50, 54)
    next_day = Draft("DATE", op="shift", args={"anchor": "ref", "unit": "D", "n": 1, "gran": "day"})
    assert resolver.resolve(next_day, 60, 70).value == "1975-XX-XX"


def test_resolver_weekdays_follow_tense():
    friday = Draft("DATE", op="weekday", args={"wd": 5, "rel": None, "anchor": "dct"})
    assert Resolver("2025-08-05").resolve(friday, 0, 6, "past").value == "2025-08-01"
    assert Resolver("2025-08-05").resolve(friday, 0, 6, "future").value == "2025-08-08"
    assert Resolver("2025-08-05").resolve(friday, 0, 6, None).value == "2025-08-01"
    assert Resolver(None).resolve(friday, 0, 6, "past").value == "XXXX-WXX-5"


def test_annotate_without_spacy():
    found = annotate(
        "Talks resumed in the third quarter. A year earlier they had failed.", "2025-10-20"
    )
    assert [(t.text, t.timex_type, t.value) for t in found] == [
        ("the third quarter", "DATE", "2025-Q3"),
        ("A year earlier", "DATE", "2024-Q3"),
    ]
    assert annotate("Nothing temporal here.", "2025-10-20") == []


SAMPLE = (
    "On Friday, Oct. 13, 1989, at 10:30 a.m. EST, the index fell 190 points; a week later it "
    "had recovered. Since the 1990s and the '70s, in fiscal 1999 and Q3 2025, the firm paid "
    "quarterly dividends of $1,990 for 2 1/2 years, every other week, between 60 and 90 days "
    "after Christmas. Now, recently, this spring, last night, tomorrow morning, the year-ago "
    "quarter and the past three years all matter; 12/25/2024 and 2021-01-22 too."
)


def test_windowed_scan_matches_a_full_scan():
    """The trigger windows are a speed-up only: every rule finds exactly what it finds when
    run over the whole text."""
    windowed = {(c.rule, c.start, c.end) for c in find_candidates(SAMPLE)}
    full = {(c.rule, c.start, c.end) for c in scan_all(SAMPLE)}
    assert windowed == full
    assert len(full) >= 30


def test_trie_and_numeric_triggers():
    words = ["may", "march", "mar", "monday", "mon", "month", "months"]
    pattern = re.compile(r"(?<![a-z])" + trie(words) + r"(?![a-z])")
    text = "in mar. and march, monday or mon, a month or months, not mayor"
    assert pattern.findall(text) == ["mar", "march", "monday", "mon", "month", "months"]
    hits = numeric_triggers(lower_ascii("In 1990, at 10:30 and 4 p.m., 12/25 and the '80s; 1,990."))
    assert {k: len(v) for k, v in hits.items()} == {"year4": 1, "clock": 2, "slash": 1, "decade": 1}


def test_component_saves_and_restores_its_vocabulary(tmp_path):
    """A vocabulary saved with the component is the one used after loading it back."""
    custom = tmp_path / "custom.yml"
    text = DATA_FILE.read_text(encoding="utf-8").replace(
        "  halloween:", '  victory day: "05-09"\n  halloween:'
    )
    custom.write_text(text, encoding="utf-8")
    nlp = spacy.blank("en")
    tagger = nlp.add_pipe("statecraft_dates")
    try:
        tagger.initialize(lambda: [], nlp=nlp, vocabulary=custom)
        tagger.to_disk(tmp_path / "saved")
        use_vocabulary(DATA_FILE)
        assert not [
            t for t in annotate("Parades on Victory Day.", "2025-01-10") if t.rule == "holiday"
        ]
        restored = spacy.blank("en").add_pipe("statecraft_dates").from_disk(tmp_path / "saved")
        assert restored.vocabulary_file == tmp_path / "saved" / "timex.yml"
        found = annotate("Parades on Victory Day.", "2025-01-10")
        assert [(t.text, t.value) for t in found] == [("Victory Day", "2025-05-09")]
    finally:
        use_vocabulary(DATA_FILE)
    shutil.rmtree(tmp_path / "saved")

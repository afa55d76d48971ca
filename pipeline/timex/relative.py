"""Meanings of relative expressions and clock times: "last week", "the following year",
"yesterday morning", "Friday", "10:35 a.m."...

Deictic words ("yesterday", "last week", "two years ago") are anchored on the creation
time; anaphoric ones ("the next day", "that year", "the week before") on the narrative
reference time, the last date the text mentioned (see `anchoring.Resolver`).
"""

from __future__ import annotations

import re

from pipeline.timex.model import Candidate, Draft
from pipeline.timex.numbers import parse_number
from pipeline.timex.vocab import capitalized, month_number, norm, part_of_day, weekday_number

# determiner → (anchor, offset)
_REL = {
    "last": ("dct", -1),
    "past": ("dct", -1),
    "this past": ("dct", -1),
    "the past": ("dct", -1),
    "the last": ("dct", -1),
    "this": ("dct", 0),
    "the current": ("dct", 0),
    "the present": ("dct", 0),
    "the full": ("near", 0),
    "the entire": ("near", 0),
    "the whole": ("near", 0),
    "next": ("dct", 1),
    "coming": ("dct", 1),
    "this coming": ("dct", 1),
    "the coming": ("dct", 1),
    "the previous": ("ref", -1),
    "the following": ("ref", 1),
    "the next": ("ref", 1),
    "the same": ("ref", 0),
    "that": ("ref", 0),
    "that same": ("ref", 0),
    "the": ("near", 0),
    "the latest": ("dct", 0),
    "earlier this": ("dct", 0),
    "later this": ("dct", 0),
    "early this": ("dct", 0),
    "late this": ("dct", 0),
    "earlier that": ("ref", 0),
    "later that": ("ref", 0),
    "early next": ("dct", 1),
    "late last": ("dct", -1),
    "early last": ("dct", -1),
    "earlier last": ("dct", -1),
}
_POST = {"before last": -2, "after next": 2, "before": -1, "after": 1, "earlier": -1}
_UNIT = {"year": "Y", "month": "M", "day": "D", "decade": "DE", "century": "CE", "week": "W"}
_GRAN = {"year": "year", "month": "month", "day": "day", "decade": "decade"}
_GRAN.update({"century": "century", "week": "week", "weekend": "weekend"})
_PART_TIME = {"noon": "12:00", "midday": "12:00", "mid-day": "12:00", "midnight": "24:00"}
_PART_TIME.update({"midmorning": "MO", "mid-morning": "MO", "mid morning": "MO"})
_PART_TIME.update({"midafternoon": "AF", "mid-afternoon": "AF", "mid afternoon": "AF"})
_ENDED = re.compile(r"\s+(?:ended|ending|that\s+ended|which\s+ended)\b", re.IGNORECASE)
_DAY_VERBS = re.compile(
    r"\b(?:end|ended|ending|finish|finished|close|closed|for|start|started)\s+$"
)
_DAYWORD = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_WEEKDAY_REL = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1}
_WEEKDAY_REL.update({"this coming": 1, "this": 0})


def _shift(anchor: str, unit: str, n: int, gran: str, **extra) -> dict:
    return {"anchor": anchor, "unit": unit, "n": n, "gran": gran, **extra}


def _week(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    rel = norm(g["rel"])
    gran = "weekend" if "end" in norm(g["unit"]) else "week"
    if g.get("month"):
        month, day = month_number(g["month"]), int(g["day"])
        if month is None or not capitalized(g["month"]):
            return None
        return Draft("DATE", op="date", args={"month": month, "day": day, "gran": "week"})
    if rel not in _REL:
        return None
    anchor, n = _REL[rel]
    if gran == "weekend" and rel in ("the", "this", "that"):
        return Draft("DATE", op="weekend", args={"rel": rel})
    if g.get("post"):
        n = _POST[norm(g["post"])]
    return Draft("DATE", op="shift", args=_shift(anchor, "W", n, gran))


def _rel_unit(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    rel, unit, post = norm(g["rel"]), norm(g["unit"]), norm(g.get("post"))
    if rel not in _REL:
        return None
    anchor, n = _REL[rel]
    if unit == "day" and rel in ("the", "the latest", "the full", "the entire", "the whole"):
        before = text[max(0, c.start - 12) : c.start].lower()
        if post not in ("before", "after") and not (g.get("mod") or _DAY_VERBS.search(before)):
            return None  # "the day" alone names no particular day; "to end the day" does
    if unit == "decade" and rel == "the past":
        return Draft("DURATION", value="P10Y", args={"gran": "decade"})
    if unit == "year" and rel in ("the", "the fiscal") and _ENDED.match(text, c.end):
        return Draft("DURATION", value="P1Y", args={"gran": "year"})  # "the year ended June 30"
    if post in _POST:
        anchor, n = "ref", _POST[post] if rel in ("the", "that") else n + _POST[post]
    elif post in ("a year ago", "last year"):
        return Draft("DATE", op="shift", args=_shift(anchor, "Y", -1, _GRAN[unit]))
    return Draft("DATE", op="shift", args=_shift(anchor, _UNIT[unit], n, _GRAN[unit]))


def _year_end(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    rel = norm(g.get("rel"))
    unit = norm(g["unit"])
    anchor, n = _REL.get(rel, ("dct", 0)) if rel else ("dct", 0)
    gran = {"year": "year", "month": "month", "quarter": "quarter"}[unit]
    unit_code = {"year": "Y", "month": "M", "quarter": "Q"}[unit]
    return Draft("DATE", op="shift", args=_shift(anchor, unit_code, n, gran))


def _year_ago_adj(c: Candidate, text: str) -> Draft | None:
    return Draft("DATE", op="quarter_rel", args={"which": "year_ago", "unit": None})


def _dayword(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    word = norm(g["word"])
    part = part_of_day(g["part"]) if g.get("part") else ("NI" if word == "tonight" else None)
    if part:
        return Draft("TIME", op="shift", args=_shift("dct", "D", _DAYWORD[word], "part", time=part))
    return Draft("DATE", op="shift", args=_shift("dct", "D", _DAYWORD[word], "day"))


def _day_before(c: Candidate, text: str) -> Draft | None:
    n = -2 if norm(c.groups["ba"]).startswith("before") else 2
    return Draft("DATE", op="shift", args=_shift("dct", "D", n, "day"))


def _part_of_day(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    rel = norm(g["rel"])
    part = part_of_day(g["part"])
    anchor, n = {"this": ("dct", 0), "last": ("dct", -1), "that": ("ref", 0)}.get(rel, ("ref", 0))
    if rel in ("the next", "the following"):
        n = 1
    elif rel == "the previous":
        n = -1
    if rel == "last" and part != "NI":
        n = -1
    return Draft("TIME", op="shift", args=_shift(anchor, "D", n, "part", time=part))


def _weekday(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    word = g["wd"]
    number = weekday_number(word)
    if number is None or not capitalized(word):
        return None
    rel = norm(g.get("rel"))
    args: dict = {"wd": number, "rel": _WEEKDAY_REL.get(rel), "anchor": "dct"}
    if rel in ("the previous", "the following", "the next", "the same"):
        args.update(anchor="ref", rel={"the previous": -1, "the same": 0}.get(rel, 1))
    if g.get("part"):
        args["time"] = part_of_day(g["part"])
        return Draft("TIME", op="weekday", args=args)
    return Draft("DATE", op="weekday", args=args)


def clock_time(c: Candidate, text: str) -> str | None:
    """The "HH:MM" (or part-of-day code) of a clock-time candidate; None if impossible."""
    g = c.groups
    if c.rule == "noon":
        return _PART_TIME.get(norm(g["word"]))
    if c.rule in ("oclock", "hour_part"):
        hour = parse_number(g["hw"])
        if hour is None or not 1 <= hour <= 12:
            return None
        part = norm(g.get("part"))
        hour = int(hour) + (12 if part in ("afternoon", "evening", "at night") and hour < 12 else 0)
        return f"{hour:02d}:00"
    zone = "Z" if norm(g.get("tz")) in ("utc", "gmt", "z") else ""  # ISO 8601 for UTC
    hour, minute = int(g["h"]), int(g.get("min") or 0)
    if c.rule == "clock":
        if not 1 <= hour <= 12:
            return None
        pm = norm(g["ampm"]).startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    elif hour > 24:
        return None
    elif c.rule == "clock24" and not g.get("tz"):
        before = text[max(0, c.start - 12) : c.start].lower()
        if not re.search(r"\b(?:at|by|until|till|from|after|before|around|about)\s+$", before):
            return None  # "3:30" without "at" or a zone is as likely a score or a ratio
    return f"{hour:02d}:{minute:02d}{zone}"


def _clock(c: Candidate, text: str) -> Draft | None:
    time = clock_time(c, text)
    if time is None:
        return None
    gran = "part" if time.isalpha() else "time"
    return Draft("TIME", op="shift", args=_shift("day", "D", 0, gran, time=time))


INTERPRETERS = {
    "week": _week,
    "rel_unit": _rel_unit,
    "year_end": _year_end,
    "year_ago_adj": _year_ago_adj,
    "dayword": _dayword,
    "day_before": _day_before,
    "part_of_day": _part_of_day,
    "weekday": _weekday,
    "clock": _clock,
    "clock24": _clock,
    "clock_mil": _clock,
    "oclock": _clock,
    "hour_part": _clock,
    "noon": _clock,
}

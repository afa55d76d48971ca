"""From a recognized candidate to its meaning (`Draft`): calendar dates, years, decades,
centuries, quarters, halves and seasons. Relative words are in `relative`, durations,
sets and generic references in `extents`.

Each interpreter returns None to reject a match the pattern could not rule out (a
lower-case "may", "the fall of Rome", an impossible day).
"""

from __future__ import annotations

import calendar as _cal
import re
from collections.abc import Callable

from pipeline.timex import extents, relative
from pipeline.timex.model import Candidate, Draft
from pipeline.timex.numbers import spelled_year, year_value
from pipeline.timex.vocab import (
    capitalized,
    month_number,
    norm,
    season_code,
    vocabulary,
    weekday_number,
)

Interpreter = Callable[[Candidate, str], Draft | None]
_ORD_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORD_QUARTER.update({"fourth": 4, "4th": 4, "final": 4, "last": 4, "latter": 2})
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6}
_DECADE_WORDS.update({"seventies": 7, "eighties": 8, "nineties": 9})
_REL = {"last": -1, "past": -1, "this past": -1, "this": 0, "next": 1, "coming": 1}
_REL.update({"this coming": 1, "that": 0, "the": 0})


def _day(text: str | None) -> int | None:
    if not text:
        return None
    key = norm(text)
    ordinals = vocabulary()["ordinals"]
    if key in ordinals:
        return ordinals[key]
    digits = re.match(r"\d+", key)
    return int(digits.group()) if digits else None


def _valid(year: int | None, month: int, day: int) -> bool:
    if not 1 <= day <= 31:
        return False
    return day <= _cal.monthrange(year or 2000, month)[1]


def _date(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    month = month_number(g["month"])
    day = _day(g.get("day"))
    if month is None or day is None or not capitalized(g["month"]):
        return None
    year, yy = year_value(g.get("year"))
    if g.get("year") and year is None and yy is None:
        return None
    if not _valid(year, month, day):
        return None
    args = {"year": year, "yy": yy, "month": month, "day": day, "gran": "day"}
    if g.get("wd"):
        args["wd"] = weekday_number(g["wd"])
    if g.get("rel"):
        args["rel"] = _REL[norm(g["rel"])]
    day2 = _day(g.get("day2"))
    if day2 is not None:
        if not _valid(year, month, day2) or day2 <= day:
            return None
        args["day2"] = day2
    return Draft("DATE", op="date", args=args)


def _date_numeric(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    year, month, day = g["year"], int(g["month"]), int(g["day"])
    full = int(year) if len(year) == 4 else None
    yy = int(year) if len(year) == 2 else None
    if not 1 <= month <= 12 or not _valid(full, month, day):
        return None
    args = {"year": full, "yy": yy, "month": month, "day": day, "gran": "day"}
    if g.get("hh"):
        args.update(gran="time", time=f"{g['hh']}:{g['mm']}")
        return Draft("TIME", op="date", args=args)
    return Draft("DATE", op="date", args=args)


def _month_year(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    month = month_number(g["month"])
    year, yy = year_value(g["year"])
    if month is None or not capitalized(g["month"]) or (year is None and yy is None):
        return None
    return Draft("DATE", op="date", args={"year": year, "yy": yy, "month": month, "gran": "month"})


def _month(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    word = g["month"]
    month = month_number(word)
    if month is None or not capitalized(word):
        return None
    rel = norm(g.get("rel"))
    if rel in ("the following", "the previous"):
        return Draft("DATE", op="month", args={"month": month, "rel": None, "anchor": "ref"})
    year_rel = _REL.get(norm(g.get("rel2"))) if g.get("rel2") else None
    args = {"month": month, "rel": _REL.get(rel) if rel else None, "year_rel": year_rel}
    if rel in ("this", "that"):
        args["rel"] = 0
    return Draft("DATE", op="month", args=args)


def _year(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    year = int(g["year"])
    explicit = g.get("fiscal") or g.get("mod")
    before = text[max(0, c.start - 6) : c.start].lower()
    if year < 1600 and not explicit and not re.search(r"\b(?:in|since|of|by)\s+$", before):
        return None
    return Draft("DATE", value=f"{year:04d}", args={"gran": "year"})


def _year_range(c: Candidate, text: str) -> Draft | None:
    """ "2021–2025", "1998-99": one token for the tokenizer, so one span with both bounds;
    TimeML has no value for a range, so `value` stays empty."""
    first = int(c.groups["year"])
    second = c.groups["year2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last <= first or last - first > 100:
        return None
    bounds = {"value_start": f"{first:04d}", "value_end": f"{last:04d}"}
    return Draft("DATE", value=None, args={"gran": "year"}, **bounds)


def _fy_short(c: Candidate, text: str) -> Draft | None:
    return Draft("DATE", op="year", args={"yy": int(c.groups["yy"])})


def _year_spelled(c: Candidate, text: str) -> Draft | None:
    words = norm(c.groups["sp"])
    year = spelled_year(words)
    if year is None or (words.startswith("two thousand") and not c.groups.get("the")):
        return None
    return Draft("DATE", value=f"{year:04d}", args={"gran": "year"})


def _decade(c: Candidate, text: str) -> Draft | None:
    dec = c.groups.get("dec")
    if dec and len(dec) == 2:  # "the 70s", "the early 80s": the century comes from the DCT
        return Draft("DATE", op="decade", args={"digit": int(dec[0])})
    if dec and dec[0].isdigit():
        return Draft("DATE", value=dec[:3], args={"gran": "decade"})
    digit = int(dec[1]) if dec else _DECADE_WORDS[norm(c.groups["dword"])]
    return Draft("DATE", op="decade", args={"digit": digit})


def _century(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    if g.get("hund"):
        return Draft("DATE", value=g["hund"], args={"gran": "century"})
    number = _day(g["ord"])
    if number is None or not 1 <= number <= 21:
        return None
    return Draft("DATE", value=f"{number - 1:02d}", args={"gran": "century"})


def _quarter(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    unit = norm(g["unit"])
    ordinal = norm(g["ord"])
    number = _ORD_QUARTER.get(ordinal)
    has_year = g.get("year") or g.get("year2") or g.get("rel2") or g.get("yword")
    if ordinal == "last" and not has_year:
        return Draft("DATE", op="quarter_rel", args={"which": "previous", "unit": unit})
    if number is None or (unit == "half" and number > 2 and ordinal not in ("last", "final")):
        return None
    if unit == "half" and ordinal in ("last", "final", "latter"):
        number = 2
    year = g.get("year") or g.get("year2")
    args = {"unit": unit, "number": number, "year": int(year) if year else None}
    rel = g.get("rel") or g.get("rel2")
    if rel:
        args["year_rel"] = _REL[norm(rel)]
    if g.get("yword"):
        args["year_rel"] = -1 if "previous" in norm(g["yword"]) else 0
        args["year_anchor"] = "dct" if "current" in norm(g["yword"]) else "ref"
    if g.get("ago"):
        args["minus_year"] = True
    return Draft("DATE", op="quarter", args=args)


def _quarter_code(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    code = g.get("q") or g.get("q3") or (g["q2"][::-1] if g.get("q2") else "")
    unit = "quarter" if code[0] == "Q" else "half"
    number = int(code[1])
    if unit == "half" and number > 2:
        return None
    year, yy = year_value(g.get("year") or g.get("year3"))
    args = {"unit": unit, "number": number, "year": year, "yy": yy}
    return Draft("DATE", op="quarter", args=args)


_WHICH = {
    "latest": "latest",
    "most recent": "latest",
    "recent": "latest",
    "just-ended": "latest",
    "just-completed": "latest",
    "current": "current",
    "last": "last",
    "previous": "previous",
    "prior": "previous",
    "past": "last",
    "next": "next",
    "coming": "next",
    "same": "same",
    "comparable": "same",
    "corresponding": "same",
    "year-ago": "year_ago",
    "year-earlier": "year_ago",
    "year earlier": "year_ago",
    "year ago": "year_ago",
    "prior-year": "year_ago",
    "fiscal": "this",
}


def _quarter_rel(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    unit = norm(g["unit"])
    det = norm(g.get("det"))
    rel = norm(g.get("rel2") or g.get("rel"))
    which = _WHICH.get(rel, "this") if rel and not g.get("year") else "this"
    if unit in ("period", "half") and not rel and not g.get("post"):
        return None
    if not det and not rel and not g.get("year"):
        return None
    if which == "last" and det == "the":
        which = "previous"
    args = {"which": which, "unit": unit}
    if g.get("year"):
        args["year"] = int(g["year"])
    if g.get("post"):
        args["minus_year"] = True
    if g.get("yrel"):
        args.update(which="same", year_rel=_REL[norm(g["yrel"])])
    return Draft("DATE", op="quarter_rel", args=args)


def _season(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    word = norm(g["season"])
    code = season_code(word)
    rel = norm(g.get("rel"))
    if code is None:
        return None
    after = text[c.end : c.end + 4].lower()
    year, yy = year_value(g.get("year"))
    if word == "fall" and not (rel or g.get("year") or g.get("mod") or g.get("mod2")):
        return None
    if rel in ("the", "that") and not g.get("year") and after.startswith(" of"):
        return None  # "the fall of Saigon", "the spring of discontent"
    args = {"season": code, "year": year, "yy": yy}
    if rel in _REL and rel not in ("the", "that"):
        args["rel"] = _REL[rel]
    elif rel in ("the", "that"):
        args["anchor"] = "ref"
    return Draft("DATE", op="season", args=args)


def _holiday(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    name = norm(g["hol"])
    if not capitalized(g["hol"].lstrip("the ").strip() or g["hol"]):
        return None
    rule = vocabulary()["holidays"][name.replace("’", "'")]
    year, _ = year_value(g.get("year"))
    rel = _REL.get(norm(g.get("rel"))) if g.get("rel") else None
    return Draft("DATE", op="holiday", args={"rule": rule, "year": year, "rel": rel})


INTERPRETERS: dict[str, Interpreter] = {
    "date_mdy": _date,
    "date_dmy": _date,
    "day_list": _date,
    "date_iso": _date_numeric,
    "date_slash": _date_numeric,
    "month_year": _month_year,
    "month": _month,
    "year": _year,
    "year_range": _year_range,
    "fy_short": _fy_short,
    "year_spelled": _year_spelled,
    "decade": _decade,
    "decade_word": _decade,
    "century": _century,
    "quarter": _quarter,
    "quarter_code": _quarter_code,
    "quarter_rel": _quarter_rel,
    "season": _season,
    "holiday": _holiday,
    **relative.INTERPRETERS,
    **extents.INTERPRETERS,
}


def interpret(candidate: Candidate, text: str) -> Draft | None:
    """The meaning of a candidate, or None when the match is not a temporal expression."""
    if candidate.rule == "datetime":
        return _datetime(candidate, text)
    function = INTERPRETERS.get(candidate.rule)
    if function is None:
        return None
    draft = function(candidate, text)
    if draft is not None and candidate.groups.get("mod"):
        draft.mod = modifier(candidate.groups["mod"])
    return draft


def _datetime(candidate: Candidate, text: str) -> Draft | None:
    """A clock time joined to its day ("10 p.m. Wednesday", "Nov. 9, 5 p.m.")."""
    clock, day = candidate.parts
    time = relative.clock_time(clock, text)
    draft = interpret(day, text)
    if time is None or draft is None or draft.op is None:
        return None
    draft.type = "TIME"
    draft.args["time"] = time
    draft.args["gran"] = "part" if time.isalpha() else "time"
    return draft


def modifier(word: str) -> str | None:
    """TIMEX3 `mod` of a point modifier ("early" → START, "mid-" → MID, "late" → END)."""
    key = norm(word).rstrip("-")
    if key in ("early", "the beginning of", "the start of", "the early part of", "pre"):
        return "START"
    if key in ("mid", "the middle of"):
        return "MID"
    if key in ("late", "the end of", "the close of", "the latter part of", "post"):
        return "END"
    return None

"""Meanings of durations ("six months", "10–12 days"), expressions measured from a time
("two years ago", "a week later"), sets ("weekly", "every Monday") and generic references
("now", "recently", "the future")."""

from __future__ import annotations

import re

from pipeline.timex.calendar import UNIT_GRANULARITY
from pipeline.timex.durations import duration_value, range_values
from pipeline.timex.model import Candidate, Draft
from pipeline.timex.numbers import is_vague, parse_number
from pipeline.timex.vocab import (
    month_number,
    norm,
    part_of_day,
    season_code,
    unit_of,
    vocabulary,
    weekday_number,
)

# what follows a counted unit → (type of the whole, anchor, sign)
_POST = {
    "ago": ("dct", -1),
    "back": ("dct", -1),
    "from now": ("dct", 1),
    "hence": ("dct", 1),
    "earlier": ("ref", -1),
    "before": ("ref", -1),
    "before that": ("ref", -1),
    "prior": ("ref", -1),
    "previously": ("ref", -1),
    "later": ("ref", 1),
    "after": ("ref", 1),
    "after that": ("ref", 1),
}
_AGE = {"old", "olds", "of age"}
_BEFORE_AFTER = re.compile(r"\s+(?:before|after|leading\s+up\s+to|following|preceding)\b")
_UNKNOWN = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX", "Q": "XXXX-QX"}
_UNKNOWN.update({"H": "XXXX-XX-XX", "MIN": "XXXX-XX-XX", "S": "XXXX-XX-XX"})
_SET_PART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _gran(designator: str, multiplier: int) -> str:
    if designator == "Y" and multiplier >= 100:
        return "century"
    if designator == "Y" and multiplier == 10:
        return "decade"
    return UNIT_GRANULARITY.get(designator, "day")


def _measured(designator: str, multiplier: int, amount: float | None, post: str) -> Draft:
    """A date `amount` units from the creation time ("two years ago") or from the reference
    time ("a week later")."""
    anchor, sign = _POST[post]
    if amount is None:
        return Draft("DATE", value="PAST_REF" if sign < 0 else "FUTURE_REF")
    unit, n = {"WE": "W"}.get(designator, designator), amount * multiplier
    if unit in ("H", "MIN", "S"):
        unit, n = "D", 0  # "two hours ago" is today, at day precision
    elif n != int(n):
        unit, n = {"Y": ("M", n * 12), "M": ("D", n * 30), "W": ("D", n * 7)}.get(unit, (unit, n))
    n = int(round(n))
    gran = _gran(designator, multiplier)
    if gran in ("time", "decade", "century"):
        gran = "day" if gran == "time" else "year"  # "a decade ago" is a year
    args = {"anchor": anchor, "unit": unit, "n": sign * n, "gran": gran}
    if unit == "W":  # "a week ago" is a day (as TimeML annotators and HeidelTime give it)
        args.update(gran="day", coarse="week")
    args["quarter_context"] = designator == "Y" and multiplier == 1
    return Draft("DATE", op="shift", args=args)


def _duration(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    unit = unit_of(g["unit"])
    post = norm(g.get("post"))
    count = norm(g["num"])
    if unit is None or post in _AGE:
        return None
    designator, multiplier = unit
    if designator == "S" and count in ("a", "an", "one") and not post:
        return None  # "a second term" is an ordinal
    if designator == "WE" and count in ("a", "an"):
        return None
    if designator == "Q" and text[c.end : c.end + 4].lower() == " of ":
        if "-" in c.text or count in ("a", "an", "one", "three", "1", "3"):
            return None  # "three-quarters of its food" is a fraction
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", count):
        return None  # "the 1988 quarter" names a year, it does not count quarters
    amount = None if is_vague(count) else parse_number(count)
    if amount is None and not is_vague(count):
        return None
    if g.get("half") and amount is not None:
        amount += 0.5
    if post in _POST and not norm(g.get("det")):
        return _measured(designator, multiplier, amount, post)
    value = duration_value(amount, designator, multiplier)
    return Draft("DURATION", value=value, args={"gran": _gran(designator, multiplier)})


def _duration_range(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    if norm(g.get("post")) in _AGE:
        return None
    first = g.get("num") or g["low"]
    values = range_values(first, g["num2"], g["unit"])
    if values is None:
        return None
    low, high = parse_number(first), parse_number(g["num2"])
    if low is None or high is None or low >= high:
        return None
    vague, start, end = values
    unit = unit_of(g["unit"])
    gran = _gran(*unit) if unit else None
    return Draft("DURATION", value=vague, value_start=start, value_end=end, args={"gran": gran})


def _half_unit(c: Candidate, text: str) -> Draft | None:
    unit = unit_of(c.groups["unit"])
    if unit is None:
        return None
    post = norm(c.groups.get("post"))
    if post in _POST:
        return _measured(unit[0], unit[1], 0.5, post)
    return Draft("DURATION", value=duration_value(0.5, *unit), args={"gran": _gran(*unit)})


def _vague_units(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    unit = unit_of(g["unit"])
    det, post = norm(g.get("det")), norm(g.get("post"))
    placed = _BEFORE_AFTER.match(text, c.end) is not None  # "(in the) days after the attack"
    if unit is None or not (g.get("lead") or det or post or placed):
        return None
    previous = text[max(0, c.start - 20) : c.start].split()
    if previous and (previous[-1][-1].isdigit() or parse_number(previous[-1]) is not None):
        return None  # "13 days after": the count belongs to the unit
    designator, multiplier = unit
    if post in ("ago", "earlier", "past", "before"):
        return Draft("DATE", value="PAST_REF")
    if post in ("later", "after"):
        return Draft("DATE", value="FUTURE_REF")
    if det in ("the early", "the first", "the initial", "the opening", "the final", "the closing"):
        # "the first months [of his term]": a stretch of time no anchor can place
        value = "XXX" if multiplier == 10 else _UNKNOWN.get(designator, "XXXX")
        return Draft("DATE", value=value, args={"gran": _gran(designator, multiplier)})
    if det in ("the", "") and placed:
        # "in the weeks before the shooting": a time placed by an event, not a length
        return Draft("DATE", value=_UNKNOWN.get(designator, "XXXX"), args={"gran": "day"})
    if det in ("the", "these", "those") and designator not in ("Y",) and not post:
        return None
    value = duration_value(None, designator, multiplier)
    return Draft("DURATION", value=value, args={"gran": _gran(designator, multiplier)})


def _ordinal_unit(c: Candidate, text: str) -> Draft | None:
    """A date placed by an event ("the second day of the offensive"): year and day unknown."""
    unit = unit_of(c.groups["unit"])
    value = _UNKNOWN.get(unit[0], "XXXX") if unit else "XXXX-XX-XX"
    return Draft("DATE", value=value, args={"gran": "day"})


def _unit_long(c: Candidate, text: str) -> Draft | None:
    word = norm(c.groups["unit"])
    unit = unit_of(word)
    if unit is None:
        return None
    amount = None if word.endswith("s") else 1
    value = duration_value(amount, *unit)
    return Draft("DURATION", value=value, args={"gran": _gran(*unit)})


def _freq(c: Candidate, text: str) -> Draft | None:
    value, _ = vocabulary()["frequency_adverbs"][norm(c.groups["adv"])]
    return Draft("SET", value=value)


def set_value(word: str, count: str | None = None, part: str | None = None) -> str | None:
    """The value of "every <word>": P1W for "week", XXXX-WXX-1 for "Monday", XXXX-07 for
    "July", P2W for "other week"."""
    unit = unit_of(word)
    key = norm(word)
    if key in ("weekday", "weekdays"):
        return "XXXX-WXX-WD"
    if key in ("weekend", "weekends"):
        return "XXXX-WXX-WE"
    if unit is not None:
        amount = 2 if norm(count) == "other" else (parse_number(count) if count else 1)
        return duration_value(amount, *unit) if amount else duration_value(None, *unit)
    day = weekday_number(word)
    suffix = f"T{part_of_day(part)}" if part else ""
    if day is not None:
        return f"XXXX-WXX-{day}{suffix}"
    month = month_number(word)
    if month is not None:
        return f"XXXX-{month:02d}"
    season = season_code(word)
    if season is not None:
        return f"XXXX-{season}"
    if key in _SET_PART:
        return f"XXXX-XX-XXT{_SET_PART[key]}"
    return None


def _every(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    count = g.get("num")
    if count and norm(count) in ("a", "an"):
        return None
    value = set_value(g["unit"], count, g.get("part"))
    return Draft("SET", value=value) if value else None


def _times_a(c: Candidate, text: str) -> Draft | None:
    value = set_value(c.groups["unit"])
    return Draft("SET", value=value) if value else None


def _weekday_plural(c: Candidate, text: str) -> Draft | None:
    g = c.groups
    if not g["wd"][0].isupper():
        return None
    part = g.get("part") or g.get("part2")
    value = set_value(g["wd"], part=part[:-1] if part else None)
    return Draft("SET", value=value) if value else None


def _ref(c: Candidate, text: str) -> Draft | None:
    phrase = norm(c.groups["ref"])
    v = vocabulary()
    for kind in ("present_ref", "past_ref", "future_ref"):
        if phrase in v[kind]:
            return Draft("DATE", value=kind.upper())
    return None


INTERPRETERS = {
    "duration": _duration,
    "duration_range": _duration_range,
    "half_unit": _half_unit,
    "vague_units": _vague_units,
    "unit_long": _unit_long,
    "ordinal_unit": _ordinal_unit,
    "freq": _freq,
    "every": _every,
    "times_a": _times_a,
    "weekday_plural": _weekday_plural,
    "ref": _ref,
}

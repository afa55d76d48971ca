"""Calendar points at a granularity, their TIMEX3 values, and arithmetic on them.

A `Point` is a representative date plus the granularity the text gives ("the third quarter"
is 1989-07-01 at "quarter" → `1989-Q3`). Arithmetic is done on the date and the result is
written back at a granularity, so "a year before the third quarter" stays a quarter.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from dataclasses import dataclass, replace

# coarsest first; a value never claims more precision than its granularity
GRANULARITIES = (
    "century",
    "decade",
    "year",
    "half",
    "quarter",
    "season",
    "month",
    "week",
    "weekend",
    "day",
    "part",
    "time",
)
RANK = {g: i for i, g in enumerate(GRANULARITIES)}
# winter is written with the calendar year of the anchor, as HeidelTime does
SEASON_MONTH = {"WI": 1, "SP": 3, "SU": 6, "FA": 9}
MONTH_SEASON = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP"}
MONTH_SEASON.update({6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"})
UNIT_GRANULARITY = {"Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter"}
UNIT_GRANULARITY.update({"H": "time", "MIN": "time", "S": "time", "WE": "weekend"})


@dataclass(frozen=True)
class Point:
    """A date at a granularity; `time` is "HH:MM" or a part-of-day code (MO, AF, EV, NI)."""

    date: dt.date
    gran: str
    time: str | None = None
    season: str | None = None

    def value(self) -> str:
        """The TIMEX3 value (`1998-W19`, `1989-Q3`, `1998-05-07TMO`, `199` for a decade)."""
        d, g = self.date, self.gran
        if g == "century":
            return f"{d.year // 100:02d}"
        if g == "decade":
            return f"{d.year // 10:03d}"
        if g == "year":
            return f"{d.year:04d}"
        if g == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if g == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == "season":
            return f"{d.year:04d}-{self.season or MONTH_SEASON[d.month]}"
        if g == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if g in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if g == "weekend" else "")
        day = f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
        if g in ("part", "time") and self.time:
            return f"{day}T{self.time}"
        return day

    def at(self, gran: str) -> Point:
        """The same point written at another granularity."""
        if gran == self.gran:
            return self
        season = self.season if gran == "season" else None
        time = self.time if gran in ("part", "time") else None
        return replace(self, gran=gran, time=time, season=season)


def add_months(date: dt.date, months: int) -> dt.date:
    """`date` moved by whole months, the day clamped to the target month's length."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    day = min(date.day, _cal.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def shift(date: dt.date, unit: str, amount: int) -> dt.date:
    """`date` moved by `amount` units (ISO designators: Y M W D Q H=half, DE, CE)."""
    if unit == "D":
        return date + dt.timedelta(days=amount)
    if unit in ("W", "WE"):
        return date + dt.timedelta(weeks=amount)
    months = {"M": 1, "Q": 3, "HALF": 6, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return date
    return add_months(date, months * amount)


def period_start(date: dt.date, gran: str, season: str | None = None) -> dt.date:
    """The first day of the period of granularity `gran` that contains `date`."""
    if gran == "century":
        return dt.date(max(1, date.year // 100 * 100), 1, 1)
    if gran == "decade":
        return dt.date(max(1, date.year // 10 * 10), 1, 1)
    if gran == "year":
        return dt.date(date.year, 1, 1)
    if gran == "half":
        return dt.date(date.year, 1 if date.month <= 6 else 7, 1)
    if gran == "quarter":
        return dt.date(date.year, (date.month - 1) // 3 * 3 + 1, 1)
    if gran == "month":
        return dt.date(date.year, date.month, 1)
    if gran in ("week", "weekend"):
        return date - dt.timedelta(days=date.weekday())
    if gran == "season":
        return dt.date(date.year, SEASON_MONTH[season or MONTH_SEASON[date.month]], 1)
    return date


def unit_for(gran: str) -> str:
    """The shift unit that steps one period of granularity `gran`."""
    return {
        "century": "CE",
        "decade": "DE",
        "year": "Y",
        "half": "HALF",
        "quarter": "Q",
        "season": "Y",
        "month": "M",
        "week": "W",
        "weekend": "W",
    }.get(gran, "D")


# how far (days) a period may be from the anchor's and still win over the tense: "Nov. 10"
# eight days ahead is meant even in "has set Nov. 10 as the deadline"; a quarter just ended
# is the one reported on even in "expects third-quarter earnings" (back, forward)
SLACK = {"day": (45, 45), "month": (62, 62), "quarter": (92, 0), "half": (183, 0)}


def nearest(
    anchor: dt.date, candidates: list[dt.date], direction: int | None, gran: str
) -> dt.date:
    """The candidate closest to `anchor`, unless the tense (`direction` -1 past, +1 future)
    points the other way and the closest one is not near (`SLACK`). Ties go to the past,
    as in news."""
    start = period_start(anchor, gran)

    def gap(c: dt.date) -> int:
        return (period_start(c, gran) - start).days

    best = min(candidates, key=lambda c: (abs(gap(c)), c > anchor))
    if direction is None:
        return best
    back, forward = SLACK.get(gran, (0, 0))
    if -back <= gap(best) <= forward:
        return best
    if direction < 0:
        pool = [c for c in candidates if gap(c) <= 0] or candidates
        return max(pool)
    pool = [c for c in candidates if gap(c) >= 0] or candidates
    return min(pool)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ISO `weekday` (1 = Monday) of a month; n = -1 is the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - 1 - first.weekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (n - 1))
    last = dt.date(year, month, _cal.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - (weekday - 1)) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


_FIXED = re.compile(r"^(\d{2})-(\d{2})$")


def holiday(rule: str, year: int) -> dt.date | None:
    """The date of a holiday in `year`; `rule` is "MM-DD" or a named computation."""
    fixed = _FIXED.match(rule)
    if fixed:
        return dt.date(year, int(fixed.group(1)), int(fixed.group(2)))
    computed = {
        "thanksgiving": lambda: nth_weekday(year, 11, 4, 4),
        "labor": lambda: nth_weekday(year, 9, 1, 1),
        "memorial": lambda: nth_weekday(year, 5, 1, -1),
        "mlk": lambda: nth_weekday(year, 1, 1, 3),
        "presidents": lambda: nth_weekday(year, 2, 1, 3),
        "election": lambda: nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1),
        "easter": lambda: easter(year),
        "good_friday": lambda: easter(year) - dt.timedelta(days=2),
    }.get(rule)
    return computed() if computed else None


def parse_dct(value: str | None) -> dt.date | None:
    """The document creation date from an ISO string ("2025-08-05", "2025-08-05T10:00")."""
    if not value:
        return None
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?P<t>[\d:]+|MO|AF|EV|NI|DT))?)?"
    r"|Q(?P<q>[1-4])|H(?P<h>[12])|W(?P<w>\d{1,2})(?P<we>-WE)?|(?P<s>SP|SU|FA|WI)))?$"
)


def point_of(value: str | None) -> Point | None:
    """A `Point` for a fully specified TIMEX3 date value, None for anything else."""
    match = _VALUE.match(value or "")
    if not match:
        return None
    year = int(match["y"])
    try:
        if match["d"]:
            date = dt.date(year, int(match["m"]), int(match["d"]))
            if match["t"]:
                gran = "time" if ":" in match["t"] or match["t"].isdigit() else "part"
                return Point(date, gran, match["t"])
            return Point(date, "day")
        if match["m"]:
            return Point(dt.date(year, int(match["m"]), 1), "month")
        if match["q"]:
            return Point(dt.date(year, 3 * int(match["q"]) - 2, 1), "quarter")
        if match["h"]:
            return Point(dt.date(year, 1 if match["h"] == "1" else 7, 1), "half")
        if match["w"]:
            date = dt.date.fromisocalendar(year, int(match["w"]), 1)
            return Point(date, "weekend" if match["we"] else "week")
        if match["s"]:
            return Point(dt.date(year, SEASON_MONTH[match["s"]], 1), "season", season=match["s"])
        return Point(dt.date(year, 1, 1), "year")
    except ValueError:
        return None

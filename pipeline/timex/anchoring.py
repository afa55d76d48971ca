"""Anchoring: turn a `Draft` into a TIMEX3 value using the document creation time (DCT),
the narrative reference time and the tense.

As HeidelTime does for news, deictic expressions ("yesterday", "last week", "two years
ago") count from the DCT, and anaphoric ones ("the next day", "a year earlier", "that
year") from the reference time: the last date the text itself mentioned. Without an
anchor the value is left underspecified (`XXXX-02-24`), never guessed. In earnings
reports a year-shift made while the text is talking about a quarter stays a quarter
("a year ago" after "the third quarter" is 1988-Q3), as TimeBank annotates it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.timex.calendar import (
    RANK,
    SEASON_MONTH,
    Point,
    holiday,
    nearest,
    parse_dct,
    period_start,
    point_of,
    shift,
    unit_for,
)
from pipeline.timex.model import Draft

# how far back (characters) a mention still sets the context of a later one
QUARTER_CONTEXT = 400
CLOCK_CONTEXT = 250
NEAR_CONTEXT = 300
_UNKNOWN = {"century": "XX", "decade": "XXX", "year": "XXXX", "half": "XXXX-HX"}
_UNKNOWN.update({"quarter": "XXXX-QX", "season": "XXXX-XX", "month": "XXXX-XX"})
_UNKNOWN.update({"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "day": "XXXX-XX-XX"})
_UNKNOWN.update({"part": "XXXX-XX-XX", "time": "XXXX-XX-XX"})
_PAD = {"month": "-XX", "week": "-WXX", "day": "-XX-XX", "quarter": "-QX", "half": "-HX"}
_DIRECTION = {"past": -1, "future": 1}


@dataclass
class Resolution:
    value: str | None
    anchor: str | None = None
    granularity: str | None = None
    value_start: str | None = None
    value_end: str | None = None
    sets_ref: bool = True  # a quarter-context shift ("a year ago") is not a new narrative time


def _unknown(gran: str, time: str | None = None) -> str:
    base = _UNKNOWN.get(gran, "XXXX-XX-XX")
    return f"{base}T{time}" if time and gran in ("part", "time") else base


def _padded(base: Point, gran: str) -> str:
    """A coarse anchor written at a finer granularity: 1990 + "the next day" → 1990-XX-XX."""
    value = base.value()
    if base.gran == "year":
        return value + _PAD.get(gran, "-XX-XX")
    if base.gran == "month" and gran in ("day", "part", "time"):
        return value + "-XX"
    return value


class Resolver:
    """Anchors the expressions of one document, in text order."""

    def __init__(self, dct: str | None) -> None:
        self.dct = parse_dct(dct)
        self.ref: Point | None = None  # the last date the text mentioned
        self.ref_end = -(10**9)
        self._tense: str | None = None

    # --- anchors ---------------------------------------------------------------------
    def _dct_point(self) -> Point | None:
        return Point(self.dct, "day") if self.dct else None

    def _base(self, anchor: str, start: int = 0, gran: str = "year") -> Point | None:
        """The anchor point: "dct", "ref" (the last date mentioned) or "near" (that date if
        it is close by and precise enough, else the DCT: "the year" right after "In 1990"
        is 1990, but "the day" after it is the DCT's)."""
        if anchor == "near" and self.ref is not None and start - self.ref_end < NEAR_CONTEXT:
            if RANK.get(self.ref.gran, 0) >= RANK.get(gran, 0):
                return self.ref
            return self._dct_point() or self.ref
        if anchor == "ref" and self.ref is not None:
            return self.ref
        return self._dct_point()

    def _year_base(self) -> dt.date | None:
        if self.dct:
            return self.dct
        return self.ref.date if self.ref else None

    def _full_year(self, yy: int) -> int:
        base = self._year_base()
        if base is None:
            return 1900 + yy if yy >= 30 else 2000 + yy
        century = base.year // 100 * 100
        return min((century + d + yy for d in (-100, 0, 100)), key=lambda y: abs(y - base.year))

    # --- main entry ------------------------------------------------------------------------
    def resolve(self, draft: Draft, start: int, end: int, tense: str | None = None) -> Resolution:
        """The value of `draft` at offsets `start`-`end`; updates the reference time."""
        if draft.op is None:
            result = Resolution(draft.value, None, draft.args.get("gran"))
            result.value_start, result.value_end = draft.value_start, draft.value_end
        else:
            method = getattr(self, "_op_" + draft.op)
            self._tense = tense
            result = method(dict(draft.args), start, _DIRECTION.get(tense or ""))
        point = point_of(result.value)
        if point is not None and draft.type in ("DATE", "TIME") and result.sets_ref:
            self.ref, self.ref_end = point, end
        return result

    # --- operations ------------------------------------------------------------------------
    def _op_year(self, a: dict, start: int, direction: int | None) -> Resolution:
        return Resolution(f"{self._full_year(a['yy']):04d}", None, "year")

    def _op_decade(self, a: dict, start: int, direction: int | None) -> Resolution:
        base = self._year_base()
        if base is None:
            century = 1900 if a["digit"] >= 3 else 2000
        else:
            century = base.year // 100 * 100
            if century + 10 * a["digit"] > base.year:
                century -= 100
        return Resolution(f"{(century + 10 * a['digit']) // 10:03d}", None, "decade")

    def _op_date(self, a: dict, start: int, direction: int | None) -> Resolution:
        year = self._full_year(a["yy"]) if a.get("yy") is not None else a.get("year")
        month, day, gran = a["month"], a.get("day"), a.get("gran", "day")
        anchor = None
        if year is None:
            base = self._year_base()
            if base is None:
                text_day = f"-{day:02d}" if day and gran != "month" else ""
                value = f"XXXX-{month:02d}{text_day}"
                return Resolution(value + (f"T{a['time']}" if a.get("time") else ""), None, gran)
            anchor = base.isoformat()
            years = (base.year - 1, base.year, base.year + 1)
            options = [o for o in (_safe_date(y, month, day or 1) for y in years) if o]
            if not options:  # 29 February, and no leap year near the anchor
                return Resolution(f"XXXX-{month:02d}-{day or 1:02d}", None, gran)
            if a.get("wd") and day:  # "Saturday, April 25": the year whose April 25 is one
                options = [o for o in options if o.isoweekday() == a["wd"]] or options
            rel = a.get("rel")
            if rel == 0:
                options = [o for o in options if o.year == base.year] or options
            direction = rel if rel else direction
            picked = nearest(base, options, direction, "day" if day else "month")
            if rel and len(options) > 1:
                picked = nearest(base, options, rel, "week")
            year = picked.year
        date = _safe_date(year, month, day or 1)
        if date is None:
            return Resolution(None)
        result = Resolution(Point(date, gran, a.get("time")).value(), anchor, gran)
        if a.get("day2"):
            result.value = Point(date, "month").value()
            result.granularity = "month"
            result.value_start = Point(date, "day").value()
            result.value_end = Point(date.replace(day=a["day2"]), "day").value()
        return result

    def _op_month(self, a: dict, start: int, direction: int | None) -> Resolution:
        base_point = self._base(a.get("anchor", "dct"))
        month = a["month"]
        if base_point is None:
            return Resolution(f"XXXX-{month:02d}", None, "month")
        base = base_point.date
        rel = a.get("rel")
        if a.get("year_rel") is not None:
            year = base.year + a["year_rel"]
        elif rel == 0:
            year = base.year
        elif rel == -1:
            year = base.year if month < base.month else base.year - 1
        elif rel == 1:
            year = base.year if month > base.month else base.year + 1
        else:
            options = [dt.date(y, month, 1) for y in (base.year - 1, base.year, base.year + 1)]
            year = nearest(base, options, direction, "month").year
        return Resolution(f"{year:04d}-{month:02d}", base_point.value(), "month")

    def _op_season(self, a: dict, start: int, direction: int | None) -> Resolution:
        season = a["season"]
        year = self._full_year(a["yy"]) if a.get("yy") is not None else a.get("year")
        if year is not None:
            return Resolution(f"{year:04d}-{season}", None, "season")
        base_point = self._base(a.get("anchor", "dct"))
        if base_point is None:
            return Resolution(f"XXXX-{season}", None, "season")
        base = base_point.date
        current = period_start(base, "season")
        this_year = dt.date(base.year, SEASON_MONTH[season], 1)
        rel = a.get("rel")
        if rel == 0 or a.get("anchor") == "ref":
            year = base.year
        elif rel == -1:
            year = base.year if this_year < current else base.year - 1
        elif rel == 1:
            year = base.year if this_year > current else base.year + 1
        else:
            options = [
                dt.date(y, SEASON_MONTH[season], 1) for y in range(base.year - 1, base.year + 2)
            ]
            year = nearest(base, options, direction, "season").year
        return Resolution(f"{year:04d}-{season}", base_point.value(), "season")

    def _op_quarter(self, a: dict, start: int, direction: int | None) -> Resolution:
        gran = a["unit"] if a["unit"] in ("quarter", "half") else "quarter"
        month = (a["number"] - 1) * (3 if gran == "quarter" else 6) + 1
        year = self._full_year(a["yy"]) if a.get("yy") is not None else a.get("year")
        anchor = None
        if year is None and a.get("year_rel") is not None:
            base_point = self._base(a.get("year_anchor", "dct"))
            if base_point is not None:
                year = base_point.date.year + a["year_rel"]
                anchor = base_point.value()
        if year is None and a.get("minus_year") and self._quarter_ref(start, gran):
            year = self.ref.date.year
        if year is None:
            base = self._year_base()
            if base is None:
                code = "Q" if gran == "quarter" else "H"
                return Resolution(f"XXXX-{code}{a['number']}", None, gran)
            options = [dt.date(y, month, 1) for y in (base.year - 1, base.year, base.year + 1)]
            year = nearest(base, options, direction, gran).year
            anchor = base.isoformat()
        if a.get("minus_year"):
            year -= 1
        return Resolution(Point(dt.date(year, month, 1), gran).value(), anchor, gran)

    def _quarter_ref(self, start: int, gran: str | None = None) -> bool:
        """Whether the text is talking about a quarter (or half) right now."""
        if self.ref is None or start - self.ref_end > QUARTER_CONTEXT:
            return False
        return self.ref.gran == gran if gran else self.ref.gran in ("quarter", "half")

    def _op_quarter_rel(self, a: dict, start: int, direction: int | None) -> Resolution:
        unit, which = a.get("unit"), a["which"]
        gran = "half" if unit == "half" else "quarter"
        if unit in ("period", None) and self.ref is not None and start - self.ref_end < 600:
            if self.ref.gran in ("quarter", "half", "month"):
                gran = self.ref.gran
        ref_ok = self._quarter_ref(start, gran) or (
            self.ref is not None and self.ref.gran == gran and gran in ("year", "month")
        )
        if self.dct is None and not ref_ok:
            return Resolution(_unknown(gran), None, gran)
        dct = Point(self.dct, gran) if self.dct else self.ref
        step = unit_for(gran)
        latest = Point(shift(period_start(dct.date, gran), step, -1), gran) if self.dct else dct
        if a.get("year"):
            if ref_ok and gran in ("quarter", "half"):
                point = Point(_safe_date(a["year"], self.ref.date.month, 1), gran)
            else:
                point = Point(dt.date(a["year"], 1, 1), "year")
        elif which in ("this", "latest", "same"):
            point = self.ref.at(gran) if ref_ok else (latest if which != "same" else dct)
        elif which == "current":
            point = dct
        elif which == "previous":
            base = self.ref if ref_ok else dct
            point = Point(shift(base.date, step, -1), gran)
        elif which == "last":
            point = Point(shift(dct.date, step, -1), gran)
        elif which == "next":
            point = Point(shift(dct.date, step, 1), gran)
        else:  # year_ago
            base = self.ref if ref_ok else latest
            point = Point(shift(base.date, "Y", -1), base.gran)
        if a.get("minus_year"):
            point = Point(shift(point.date, "Y", -1), point.gran)
        if a.get("year_rel") is not None and self.dct:  # "last year's quarter"
            point = Point(_safe_date(self.dct.year + a["year_rel"], point.date.month, 1), gran)
        anchor = self.ref.value() if ref_ok else (self.dct.isoformat() if self.dct else None)
        moved = which == "year_ago" or bool(a.get("minus_year"))
        return Resolution(point.value(), anchor, point.gran, sets_ref=not moved)

    def _op_shift(self, a: dict, start: int, direction: int | None) -> Resolution:
        anchor, unit, n, gran = a["anchor"], a["unit"], a["n"], a["gran"]
        time = a.get("time")
        if a.get("quarter_context") and unit == "Y" and self._quarter_ref(start):
            base: Point | None = self.ref
            gran = self.ref.gran
            a["sets_ref"] = False
        elif anchor == "day":
            recent = self.ref is not None and start - self.ref_end < CLOCK_CONTEXT
            base = self.ref if recent and self.ref.gran in ("day", "part", "time") else None
            base = base or self._dct_point()
        else:
            base = self._base(anchor, start, gran)
        if base is None:
            return Resolution(_unknown(gran, time), None, gran)
        if a.get("coarse") and RANK.get(base.gran, 0) < RANK.get(gran, 0):
            gran = a["coarse"]  # "two weeks later" after "In July": weeks, not days
        if anchor in ("ref", "near") and RANK.get(base.gran, 0) < RANK.get(gran, 0) and unit != "Y":
            # "two weeks later" after "In July" is counted from July 1; "the next day"
            # after "In 1990" has no day to count from: 1990-XX-XX
            if not (gran == "week" and n and base.gran in ("month", "season", "quarter")):
                return Resolution(_padded(base, gran), base.value(), gran)
        date = shift(base.date, unit, n) if n else base.date
        value = Point(date, gran, time).value()
        return Resolution(value, base.value(), gran, sets_ref=a.get("sets_ref", True))

    def _op_weekday(self, a: dict, start: int, direction: int | None) -> Resolution:
        wd, rel, time = a["wd"], a.get("rel"), a.get("time")
        gran = ("time" if ":" in time else "part") if time else "day"
        base_point = self._base(a.get("anchor", "dct"))
        if base_point is None:
            return Resolution(f"XXXX-WXX-{wd}" + (f"T{time}" if time else ""), None, gran)
        base = base_point.date
        back = (base.weekday() - (wd - 1)) % 7
        forward = ((wd - 1) - base.weekday()) % 7
        if rel == 0:
            offset = (wd - 1) - base.weekday()
        elif rel == -1:
            offset = -(back or 7)
        elif rel == 1:
            offset = forward or 7
        elif direction == 1:
            offset = forward
        elif direction == -1 or self._tense is None:
            offset = -back  # news reports what happened: an unplaced "Friday" is past
        else:
            offset = -back if back <= forward else forward
        date = base + dt.timedelta(days=offset)
        return Resolution(Point(date, gran, time).value(), base_point.value(), gran)

    def _op_weekend(self, a: dict, start: int, direction: int | None) -> Resolution:
        """The weekend meant by "the weekend": the one just past, unless the tense or "this" says
        it is ahead."""
        if self.dct is None:
            return Resolution("XXXX-WXX-WE", None, "weekend")
        day = self.dct.weekday()
        ahead = direction == 1 or (a.get("rel") == "this" and direction != -1)
        step = 0 if day >= 5 or (ahead and day >= 1) else -1
        if ahead and day == 0:
            step = 0
        date = shift(self.dct, "W", step)
        return Resolution(Point(date, "weekend").value(), self.dct.isoformat(), "weekend")

    def _op_holiday(self, a: dict, start: int, direction: int | None) -> Resolution:
        rule, year, rel = a["rule"], a.get("year"), a.get("rel")
        if year is None:
            base = self._year_base()
            if base is None:
                fixed = rule if rule[:2].isdigit() else "XX-XX"
                return Resolution(f"XXXX-{fixed}", None, "day")
            options = [holiday(rule, y) for y in (base.year - 1, base.year, base.year + 1)]
            options = [o for o in options if o]
            if rel == -1:
                date = max((o for o in options if o < base), default=options[0])
            elif rel == 1:
                date = min((o for o in options if o > base), default=options[-1])
            elif rel == 0:
                date = holiday(rule, base.year)
            else:
                date = nearest(base, options, direction, "day")
            return Resolution(date.isoformat() if date else None, base.isoformat(), "day")
        date = holiday(rule, year)
        return Resolution(date.isoformat() if date else None, None, "day")


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (29 February in a common year)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None

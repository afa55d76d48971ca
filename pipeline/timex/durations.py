"""ISO 8601 duration values for counted units: "six months" → P6M, "5 1/2 hours" → PT5H30M.

TIMEX3 durations keep the unit the text uses (TempEval-3 scores `P12M` and `P1Y` as
different), so no unit is converted unless the count is fractional ("2 1/2 years" → P2Y6M).
A count word without a number ("several weeks") gives X: PXW.
"""

from __future__ import annotations

from pipeline.timex.numbers import parse_number
from pipeline.timex.vocab import unit_of

TIME_UNITS = {"H", "MIN", "S"}
# a fraction of a unit is written in the next smaller unit when it comes out whole
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)}
_SMALLER.update({"H": ("MIN", 60), "MIN": ("S", 60), "Q": ("M", 3)})
_VAGUE_BIG = {10: "DE", 100: "CE", 1000: "ML"}


def _part(amount: float, unit: str) -> str:
    letter = "M" if unit == "MIN" else unit
    number = int(amount) if amount == int(amount) else round(amount, 2)
    return f"{number}{letter}"


def duration_value(amount: float | None, unit: str, multiplier: int = 1) -> str:
    """The value for `amount` × (`multiplier` `unit`s); None as amount means unknown (X).

    >>> duration_value(6, "M"), duration_value(2, "Y", 10), duration_value(None, "W")
    ('P6M', 'P20Y', 'PXW')
    """
    if unit == "WE":
        return "PXD" if amount is None else f"P{_part(amount * 2, 'D')}"
    t = "T" if unit in TIME_UNITS else ""
    if amount is None:
        letter = _VAGUE_BIG.get(multiplier, "M" if unit == "MIN" else unit)
        return f"P{t}X{letter}"
    amount = amount * multiplier
    whole = int(amount)
    rest = amount - whole
    if rest and unit in _SMALLER:
        smaller, factor = _SMALLER[unit]
        extra = rest * factor
        if extra == int(extra):
            parts = ([_part(whole, unit)] if whole else []) + [_part(extra, smaller)]
            if smaller in TIME_UNITS and unit not in TIME_UNITS:
                return f"P{parts[0]}T{parts[1]}" if whole else f"PT{parts[0]}"
            return f"P{t}" + "".join(parts)
    return f"P{t}{_part(amount, unit)}"


def range_values(low: str, high: str, unit_word: str) -> tuple[str, str, str] | None:
    """For "10–12 days": (value, value_start, value_end) = ("PXD", "P10D", "P12D").

    TimeML has no range value; the span's value says "some number of days" and the two
    bounds keep what the text states.
    """
    unit = unit_of(unit_word)
    if unit is None:
        return None
    designator, multiplier = unit
    a, b = parse_number(low), parse_number(high)
    if a is None or b is None:
        return None
    vague = duration_value(None, designator, multiplier)
    return (
        vague,
        duration_value(a, designator, multiplier),
        duration_value(b, designator, multiplier),
    )

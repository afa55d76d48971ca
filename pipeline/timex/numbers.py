"""Numbers written in digits, words, or both, as they appear in temporal expressions.

"twenty-four", "1 1/2", "a couple of", "two thousand", "nineteen ninety-six": durations and
spelled-out years need the count; vague words ("several", "a few") have none, and the
caller writes X ("PXW") instead of guessing.
"""

from __future__ import annotations

import re

from pipeline.timex.vocab import vocabulary

VAGUE = {
    "several",
    "few",
    "a few",
    "some",
    "many",
    "a number of",
    "numerous",
    "countless",
    "dozens of",
    "hundreds of",
    "thousands of",
}
_FRACTIONS = {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75, "½": 0.5, "¼": 0.25, "¾": 0.75}
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:(?:\s+|-)?(1/2|1/4|3/4|½|¼|¾))?$")


def is_vague(text: str) -> bool:
    """True for count words that give no number ("several", "a few", "dozens of")."""
    return " ".join(text.lower().split()) in VAGUE


def _words_value(words: list[str]) -> float | None:
    """Value of number words ("two hundred fifty", "twenty four", "a dozen")."""
    table = vocabulary()["number_words"]
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in ("and", "of"):
            continue
        if word == "half":
            # "half a dozen" = 6; "one and a half" = 1.5
            current = current + 0.5 if seen else 0.5
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
            seen = True
        elif word in table:
            value = table[word]
            if word == "dozen":
                current = (current or 1) * 12 if current != 0.5 else 6
            elif word in ("a", "an") and seen:
                continue
            else:
                current += value
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """The number a count phrase states, or None when it is vague or not a number.

    >>> parse_number("twenty-four"), parse_number("1 1/2"), parse_number("a couple of")
    (24.0, 1.5, 2.0)
    """
    cleaned = " ".join(text.lower().replace("-", " ").split())
    if not cleaned or is_vague(cleaned):
        return None
    match = _DIGITS.match(text.strip())
    if match:
        value = float(match.group(1).replace(",", ""))
        return value + _FRACTIONS.get(match.group(2) or "", 0.0)
    if cleaned in ("a couple of", "couple of", "a couple"):
        return 2.0
    if cleaned.endswith(" and a half"):
        base = parse_number(cleaned[: -len(" and a half")])
        return None if base is None else base + 0.5
    return _words_value(cleaned.split())


def spelled_year(text: str) -> int | None:
    """A year read aloud: "nineteen ninety-six" → 1996, "two thousand one" → 2001."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if words[0] in ("two", "one") and len(words) > 1 and words[1] == "thousand":
        rest = [w for w in words[2:] if w != "and"]
        base = 1000 * (2 if words[0] == "two" else 1)
        if not rest:
            return base
        value = _words_value(rest)
        return base + int(value) if value is not None and value < 100 else None
    table = vocabulary()["number_words"]
    if words[0] in table and 10 <= table[words[0]] <= 20 and len(words) >= 2:
        century = table[words[0]]
        rest = words[1:]
        if rest[0] == "hundred":
            value = _words_value(rest[1:]) if rest[1:] else 0
        elif rest[0] in ("oh", "o"):
            value = _words_value(rest[1:])
        else:
            value = _words_value(rest)
        if value is not None and 0 <= value < 100 and value == int(value):
            return century * 100 + int(value)
    return None


def year_value(text: str | None) -> tuple[int | None, int | None]:
    """(year, None) for "1998"/"nineteen ninety-eight", (None, yy) for "'98"."""
    if not text:
        return None, None
    text = text.strip()
    if text[0] in "'’":
        return None, int(text[1:])
    if text.isdigit():
        return int(text), None
    return spelled_year(text), None

"""The word lists of the temporal layer (`pipeline/data/timex.yml`) and regex fragments built
from them.

Vocabulary is data so that a new holiday or abbreviation is a one-line change that also
re-tags the corpus (every file in `pipeline/data/` is part of the pipeline fingerprint).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "timex.yml"
_source = {"path": DATA_FILE}
# functions whose cached result is built from the vocabulary (cleared on a change)
DEPENDENT_CACHES: list = []


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """The parsed YAML vocabulary (read once per process)."""
    with open(_source["path"], encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def use_vocabulary(path: Path) -> None:
    """Switch to another vocabulary file (a component restored from disk) and forget
    everything compiled from the previous one."""
    if Path(path).resolve() == Path(_source["path"]).resolve():
        return
    _source["path"] = Path(path)
    for cached in [vocabulary, fragments, *DEPENDENT_CACHES]:
        cached.cache_clear()


def alternation(words: list[str] | set[str]) -> str:
    """A non-capturing regex alternation, longest words first so "sept" beats "sep"."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]")
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")"


def norm(text: str | None) -> str:
    """Lower case, single spaces, curly apostrophes straightened."""
    return " ".join((text or "").lower().replace("’", "'").split())


def capitalized(word: str | None) -> bool:
    """Month and day names are capitalized in edited text; "may" and "march" are not."""
    return bool(word) and word[0].isupper()


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept." → 9)."""
    return vocabulary()["months"].get(word.lower().rstrip(".").strip())


def weekday_number(word: str) -> int | None:
    """ISO weekday (Monday = 1) of a day name or abbreviation."""
    key = word.lower().rstrip(".").strip()
    key = key[:-2] if key.endswith("'s") or key.endswith("’s") else key
    return vocabulary()["weekdays"].get(key)


def season_code(word: str) -> str | None:
    """TIMEX3 season code ("summer" → SU)."""
    return vocabulary()["seasons"].get(word.lower().strip())


def part_of_day(word: str) -> str | None:
    """TIMEX3 part-of-day code ("evening" → EV)."""
    return vocabulary()["parts_of_day"].get(word.lower().strip())


def unit_of(word: str) -> tuple[str, int] | None:
    """ISO designator and multiplier of a unit word, singular or plural ("decades" → Y, 10)."""
    units = vocabulary()["units"]
    key = re.sub(r"[\s-]+", " ", word.lower().strip())
    for candidate in (key, key[:-1], key[:-2], key[:-3] + "y", key[:-1] + "um"):
        if candidate in units:
            designator, multiplier = units[candidate]
            return designator, int(multiplier)
    if key.startswith("millenni"):
        return "Y", 1000
    return None


def _unit_plurals() -> list[str]:
    words = []
    for unit in vocabulary()["units"]:
        words.append(unit)
        if unit == "century":
            words.append("centuries")
        elif unit == "millennium":
            words.extend(["millennia", "millenniums"])
        else:
            words.append(unit + "s")
    return words


@lru_cache(maxsize=1)
def fragments() -> dict[str, str]:
    """Named regex fragments used by the grammar (all non-capturing)."""
    v = vocabulary()
    months_full = [m for m in v["months"] if len(m) > 3 or m == "may"]
    months_abbr = [m for m in v["months"] if len(m) <= 4 and m not in ("may", "june", "july")]
    month = "(?:" + alternation(months_full) + "|" + alternation(months_abbr) + r"\.?" + ")"
    days_full = [d for d in v["weekdays"] if d.endswith("day")]
    days_abbr = [d for d in v["weekdays"] if not d.endswith("day")]
    weekday = "(?:" + alternation(days_full) + "|" + alternation(days_abbr) + r"\.)"
    number_words = list(v["number_words"]) + ["hundred", "thousand", "half"]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units_word = "one|two|three|four|five|six|seven|eight|nine"
    word_number = (
        rf"(?:(?:{tens})(?:[\s-]+(?:{units_word}))?"
        r"|(?:a|one|two|three|four|five|six|seven|eight|nine)\s+(?:hundred|thousand)"
        r"|"
        + alternation([w for w in number_words if w not in ("a", "an", "couple", "half")])
        + ")"
    )
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    fraction = r"(?:\s+|-)?(?:1/2|1/4|3/4|½|¼|¾)"
    number = (
        rf"(?:{digits}(?:{fraction})?|{word_number}(?:\s+and\s+a\s+half)?"
        r"|a\s+couple\s+of|a\s+dozen|half\s+a\s+dozen|an?|several|a\s+few|few|some|many"
        r"|a\s+number\s+of|numerous|countless|couple\s+of|dozens\s+of|hundreds\s+of"
        r"|thousands\s+of)"
    )
    return {
        "month": month,
        "weekday": weekday,
        "season": alternation(list(v["seasons"])),
        "part": r"(?:morning|afternoon|evening|night)",
        "unit": alternation(_unit_plurals()),
        "number": number,
        "digits": digits,
        "word_number": word_number,
        "ordinal": r"(?:" + alternation(list(v["ordinals"])) + r"|\d{1,2}(?:st|nd|rd|th))",
        "holiday": alternation(list(v["holidays"])),
        "tz": r"(?:[ecmp][sd]t|gmt|utc|bst|cet|cest|eest|msk)",
        "year": r"(?:1[0-9]{3}|20[0-9]{2})",
    }

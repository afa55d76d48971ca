"""TIMEX3 temporal expressions in pure Python: recognition (`grammar`, `scan`), meaning
(`interpret`, `relative`, `extents`), anchoring on the creation and reference times
(`anchoring`), calendar arithmetic (`calendar`) and ISO durations (`durations`).

`annotate(text, dct)` is the whole layer without spaCy; the `statecraft_dates` component
calls the same steps and adds what only a parse gives (tense, part of speech).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from pipeline.timex.anchoring import Resolver
from pipeline.timex.interpret import interpret
from pipeline.timex.model import Candidate, Draft, Timex
from pipeline.timex.scan import find_candidates, select

CLOCK_RULES = frozenset({"clock", "clock24", "clock_mil", "oclock", "noon", "hour_part"})
DAY_RULES = frozenset({"weekday", "dayword", "date_mdy", "date_dmy", "date_iso", "holiday"})
_JOIN = re.compile(r"^[ \t,]*(?:on\s+)?$")
# "tomorrow at 10" is two expressions in TimeML, but "10 p.m. Wednesday" is one
_JOIN_AFTER_DAY = re.compile(r"^[ \t,]*$")

__all__ = ["Candidate", "Draft", "Timex", "annotate", "candidates", "resolve"]


def merge_datetimes(found: list[Candidate], text: str) -> list[Candidate]:
    """Join a clock time and the day next to it into one TIME candidate."""
    merged: list[Candidate] = []
    for candidate in found:
        previous = merged[-1] if merged else None
        if previous is not None and not previous.parts:
            gap = text[previous.end : candidate.start]
            pair = None
            if previous.rule in CLOCK_RULES and candidate.rule in DAY_RULES and _JOIN.match(gap):
                pair = (previous, candidate)
            elif previous.rule in DAY_RULES and candidate.rule in CLOCK_RULES:
                if _JOIN_AFTER_DAY.match(gap) and not previous.groups.get("part"):
                    pair = (candidate, previous)
            if pair and not (
                pair[1].groups.get("part")
                or pair[1].rule == "dayword"
                and "night" in pair[1].text.lower()
            ):
                merged[-1] = Candidate(
                    previous.start,
                    candidate.end,
                    "datetime",
                    {},
                    text[previous.start : candidate.end],
                    priority=previous.priority,
                    parts=pair,
                )
                continue
        merged.append(candidate)
    return merged


def candidates(
    text: str,
    *,
    keep: Callable[[Candidate], bool] | None = None,
    extra: Iterable[Candidate] = (),
) -> list[Candidate]:
    """Recognized and interpreted candidates, in text order, each with its `draft`.

    `keep` lets a caller with a parse veto matches (a modal "May", an adjective
    "quarterly"); `extra` adds candidates found another way (the base model's DATE
    entities), used only where the grammar found nothing.
    """
    kept = []
    for candidate in find_candidates(text):
        candidate.draft = interpret(candidate, text)
        if candidate.draft is not None and (keep is None or keep(candidate)):
            kept.append(candidate)
    kept = select(kept)
    # the grammar's reading wins wherever both found something
    taken = [(c.start, c.end) for c in kept]
    for candidate in extra:
        if candidate.draft is not None:
            if not any(candidate.start < e and s < candidate.end for s, e in taken):
                kept.append(candidate)
    kept = merge_datetimes(sorted(kept, key=lambda c: c.start), text)
    for candidate in kept:
        if candidate.parts:
            candidate.draft = interpret(candidate, text)
    kept = [c for c in kept if c.draft is not None]
    return kept


def resolve(
    found: list[Candidate],
    dct: str | None,
    *,
    tense: Callable[[Candidate], str | None] | None = None,
) -> list[Timex]:
    """Anchor interpreted candidates in text order (the reference time moves along)."""
    resolver = Resolver(dct)
    out = []
    for candidate in found:
        draft = candidate.draft
        if draft is None:
            continue
        result = resolver.resolve(
            draft, candidate.start, candidate.end, tense(candidate) if tense else None
        )
        out.append(
            Timex(
                start=candidate.start,
                end=candidate.end,
                text=candidate.text,
                timex_type=draft.type,
                value=result.value,
                granularity=result.granularity,
                anchor=result.anchor,
                value_start=result.value_start,
                value_end=result.value_end,
                mod=draft.mod,
                rule=candidate.rule,
            )
        )
    return out


def annotate(text: str, dct: str | None = None) -> list[Timex]:
    """The temporal expressions of `text`, anchored on `dct` (ISO date or None); no parse,
    so tense is unknown and relative day names go to the nearest matching day."""
    return resolve(candidates(text), dct)

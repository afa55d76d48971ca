"""The records that flow through the temporal layer: a recognized candidate, its meaning
before anchoring (`Draft`), and the final TIMEX3 (`Timex`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Draft:
    """What an expression means before it is anchored.

    `value` is final when `op` is None (explicit dates, durations, sets, PRESENT_REF...);
    otherwise `op` names how `anchoring.Resolver` computes it from the creation time,
    the narrative reference time and the tense (see `anchoring.OPS`).
    """

    type: str
    value: str | None = None
    op: str | None = None
    args: dict = field(default_factory=dict)
    value_start: str | None = None
    value_end: str | None = None
    mod: str | None = None


@dataclass
class Candidate:
    """A recognized expression: character offsets into the text, the rule that found it and
    the rule's named groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    text: str
    draft: Draft | None = None
    priority: int = 0
    parts: tuple[Candidate, ...] = ()  # a merged "10 p.m. Wednesday": (clock, day)

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Timex:
    """A normalized TIMEX3: offsets, type, value and the date it was anchored on."""

    start: int
    end: int
    text: str
    timex_type: str
    value: str | None
    granularity: str | None = None
    anchor: str | None = None
    value_start: str | None = None
    value_end: str | None = None
    mod: str | None = None
    rule: str = ""

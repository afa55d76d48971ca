"""The instrument taxonomy: types, detection terms, action cues and the CAMEO/PLOVER crosswalk.

All of it is data (`pipeline/data/instruments.yml`); this module only reads, checks and
indexes it, so a wrong lemma list is fixed in the YAML and the fingerprint re-tags the
corpus. The checks fail loudly at load time: a typo in an action name or a crosswalk row
pointing at an unknown instrument would otherwise silently produce null codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "instruments.yml"

# The 12 instrument types and 9 actions of shared/eval/README.md, in its order.
INSTRUMENTS = (
    "sanctions",
    "tariffs",
    "trade_restrictions",
    "economic_aid",
    "military_aid",
    "military_force",
    "negotiations",
    "ultimatum",
    "recognition",
    "alliance_membership",
    "concessions",
    "diplomacy",
)
ACTIONS = (
    "announced",
    "threatened",
    "proposed",
    "demanded",
    "considered",
    "offered",
    "eased",
    "rejected",
    "generic",
)
SPAN_KINDS = ("np", "verb_object", "object")
_CUE_KINDS = ("verbs", "subject_verbs", "nouns", "adjectives", "coercive_verbs", "positive_verbs")


def _words(values: Any) -> frozenset[str]:
    """A lower-cased set of words or phrases from a YAML list (None → empty).

    YAML 1.1 reads a bare on/off/yes/no as a boolean: such a word must be quoted.
    """
    words = list(values or [])
    if any(isinstance(v, bool) for v in words):
        raise ValueError(f"a YAML boolean in a word list (quote on/off/yes/no): {words}")
    return frozenset(str(v).lower() for v in words)


@dataclass(frozen=True)
class Term:
    """One way a mention of an instrument is found (see the YAML header)."""

    index: int
    instrument: str
    lemmas: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    pos: frozenset[str] = frozenset({"NOUN", "PROPN"})
    with_: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    governor: frozenset[str] = frozenset()
    requires: str | None = None
    verbs: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    object_labels: frozenset[str] = frozenset()
    span: str = "np"
    subtype: str | None = None

    @property
    def is_verb_term(self) -> bool:
        return bool(self.verbs)

    @property
    def specific(self) -> bool:
        """A term with a condition is stronger evidence than a bare word."""
        return bool(self.with_ or self.governor or self.requires or self.verbs)


@dataclass(frozen=True)
class InstrumentType:
    id: str
    description: str
    coercive: bool
    examples: tuple[str, ...]
    modifiers: frozenset[str]
    subtypes: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class CrosswalkRow:
    instrument: str
    action: str
    subtype: str | None
    easing: bool | None
    cameo: str | None
    plover: str | None


@dataclass(frozen=True)
class Taxonomy:
    """The loaded taxonomy; `data` is the raw mapping (saved by the component's to_disk)."""

    data: dict
    instruments: dict[str, InstrumentType]
    terms: tuple[Term, ...]
    cues: dict[str, dict[str, str]]  # cue kind -> word -> action
    head_cues: dict[str, str]
    excluded_heads: frozenset[str]
    receiver_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    modals: frozenset[str]
    conditionals: frozenset[str]
    target_preps: dict[str, frozenset[str]]
    government_nouns: dict[str, frozenset[str]]  # noun -> entity labels it may refer to
    self_acting_bodies: frozenset[str]
    reported_subjects: frozenset[str]
    reported_verbs: frozenset[str]
    exchange_nouns: frozenset[str]
    negating_verbs: frozenset[str]
    predicate_idioms: dict[str, tuple[str, ...]]  # action -> phrases
    crosswalk: tuple[CrosswalkRow, ...]

    def coercive(self, instrument: str) -> bool:
        return self.instruments[instrument].coercive

    def codes(
        self, instrument: str, action: str, subtype: str | None = None, easing: bool = False
    ) -> tuple[str | None, str | None]:
        """CAMEO code and PLOVER event/mode/context of a mention, or (None, None).

        The most specific row wins: one for the subtype beats a general one, one that
        names the easing reading ("demanded" + easing = demand to ease) beats one that
        does not. A row with `easing: true` never applies to a plain mention.
        """
        best: tuple[int, CrosswalkRow] | None = None
        for row in self.crosswalk:
            if row.instrument != instrument or row.action != action:
                continue
            if row.subtype is not None and row.subtype != subtype:
                continue
            if row.easing is not None and row.easing != easing:
                continue
            rank = 2 * (row.subtype is not None) + (row.easing is not None)
            if best is None or rank > best[0]:
                best = (rank, row)
        if best is None:
            return None, None
        return best[1].cameo, best[1].plover


def _term(index: int, instrument: str, raw: dict) -> Term:
    unknown = set(raw) - {
        "lemma",
        "forms",
        "pos",
        "with",
        "without",
        "governor",
        "requires",
        "verb",
        "object",
        "object_labels",
        "span",
        "subtype",
    }
    if unknown:
        raise ValueError(f"instrument {instrument}: unknown term keys {sorted(unknown)}")
    verbs = _words(raw.get("verb"))
    span = raw.get("span", "np")
    if span not in SPAN_KINDS or (span == "np") == bool(verbs):
        raise ValueError(
            f"instrument {instrument}: span {span!r}: a verb term needs span verb_object or "
            "object, a word term has none"
        )
    if not verbs and not (raw.get("lemma") or raw.get("forms")):
        raise ValueError(f"instrument {instrument}: a term needs lemma, forms or verb")
    pos = frozenset(raw.get("pos") or (["VERB"] if verbs else ["NOUN", "PROPN"]))
    return Term(
        index=index,
        instrument=instrument,
        lemmas=_words(raw.get("lemma")),
        forms=_words(raw.get("forms")),
        pos=pos,
        with_=_words(raw.get("with")),
        without=_words(raw.get("without")),
        governor=_words(raw.get("governor")),
        requires=raw.get("requires"),
        verbs=verbs,
        objects=_words(raw.get("object")),
        object_labels=frozenset(raw.get("object_labels") or []),
        span=span,
        subtype=raw.get("subtype"),
    )


def _cues(actions: dict) -> dict[str, dict[str, str]]:
    """word → action per cue kind; a word with two actions in one kind is a data error."""
    if set(actions) - set(ACTIONS):
        raise ValueError(f"unknown actions {sorted(set(actions) - set(ACTIONS))}")
    cues: dict[str, dict[str, str]] = {kind: {} for kind in _CUE_KINDS}
    for action, lists in actions.items():
        for kind in _CUE_KINDS:
            for word in _words(lists.get(kind)):
                previous = cues[kind].setdefault(word, action)
                if previous != action:
                    raise ValueError(f"cue {word!r} ({kind}) is both {previous} and {action}")
    return cues


def build_taxonomy(data: dict) -> Taxonomy:
    """Check and index a taxonomy mapping (the parsed YAML)."""
    raw_instruments = data.get("instruments") or {}
    if tuple(raw_instruments) != INSTRUMENTS:
        raise ValueError(f"instrument types must be exactly {INSTRUMENTS} in this order")
    instruments: dict[str, InstrumentType] = {}
    terms: list[Term] = []
    for name, raw in raw_instruments.items():
        instruments[name] = InstrumentType(
            id=name,
            description=" ".join(str(raw.get("description", "")).split()),
            coercive=bool(raw.get("coercive")),
            examples=tuple(raw.get("examples") or ()),
            modifiers=_words(raw.get("modifiers")),
            subtypes={k: _words(v) for k, v in (raw.get("subtypes") or {}).items()},
        )
        for raw_term in raw.get("terms") or []:
            terms.append(_term(len(terms), name, raw_term))
    actions = data.get("actions") or {}
    cues = _cues(actions)
    for word, action in (data.get("head_cues") or {}).items():
        if action not in ACTIONS:
            raise ValueError(f"head cue {word!r}: unknown action {action!r}")
    considered = actions.get("considered") or {}
    offered = actions.get("offered") or {}
    rows = []
    for raw in data.get("crosswalk") or []:
        if raw["instrument"] not in instruments or raw["action"] not in ACTIONS:
            raise ValueError(f"crosswalk row {raw}: unknown instrument or action")
        cameo = raw.get("cameo")
        if cameo is not None and not (isinstance(cameo, str) and cameo.isdigit()):
            raise ValueError(f"crosswalk row {raw}: a CAMEO code is a string of digits")
        rows.append(
            CrosswalkRow(
                instrument=raw["instrument"],
                action=raw["action"],
                subtype=raw.get("subtype"),
                easing=raw.get("easing"),
                cameo=cameo,
                plover=raw.get("plover") if cameo is not None else None,
            )
        )
    hypothetical = data.get("hypothetical") or {}
    return Taxonomy(
        data=data,
        instruments=instruments,
        terms=tuple(terms),
        cues=cues,
        head_cues={str(k).lower(): v for k, v in (data.get("head_cues") or {}).items()},
        excluded_heads=_words(data.get("excluded_heads")),
        receiver_verbs=_words(data.get("receiver_verbs")),
        object_control_verbs=_words(data.get("object_control_verbs")),
        modals=_words(hypothetical.get("modals")),
        conditionals=_words(hypothetical.get("conditionals")),
        target_preps={k: _words(v) for k, v in (data.get("targets") or {}).items()},
        government_nouns={
            str(noun).lower(): frozenset(labels)
            for noun, labels in (data.get("government_nouns") or {}).items()
        },
        self_acting_bodies=_words(data.get("self_acting_bodies")),
        reported_subjects=_words(considered.get("reported_subjects")),
        reported_verbs=_words(considered.get("reported_verbs")),
        exchange_nouns=_words(offered.get("exchange_preps")),
        negating_verbs=_words(data.get("negating_verbs")),
        predicate_idioms={
            action: tuple(sorted(_words(phrases), key=len, reverse=True))
            for action, phrases in (data.get("predicate_idioms") or {}).items()
        },
        crosswalk=tuple(rows),
    )


def read_taxonomy_file(path: str | Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=8)
def _cached(path: str) -> Taxonomy:
    return build_taxonomy(read_taxonomy_file(path))


def load_taxonomy(source: str | Path | dict | None = None) -> Taxonomy:
    """The taxonomy from a mapping, a YAML file, or the packaged `data/instruments.yml`."""
    if isinstance(source, dict):
        return build_taxonomy(source)
    return _cached(str(Path(source or DEFAULT_PATH).resolve()))


def instrument_types(taxonomy: Taxonomy | None = None) -> list[dict]:
    """One row per instrument type for the `instruments` lookup table.

    `cameo` and `plover` are JSON objects action → code (the general rows; subtype rows
    such as embargo or ceasefire are listed under "action/subtype"); `examples` is a JSON
    list. Everything is a string so the table facets cleanly in Datasette.
    """
    taxonomy = taxonomy or load_taxonomy()
    rows = []
    for name, kind in taxonomy.instruments.items():
        cameo: dict[str, str | None] = {}
        plover: dict[str, str | None] = {}
        for row in taxonomy.crosswalk:
            if row.instrument != name:
                continue
            key = row.action + (f"/{row.subtype}" if row.subtype else "")
            key += "+easing" if row.easing else ""
            cameo[key] = row.cameo
            plover[key] = row.plover
        rows.append(
            {
                "id": name,
                "description": kind.description,
                "cameo": json.dumps(cameo, ensure_ascii=False),
                "plover": json.dumps(plover, ensure_ascii=False),
                "examples": json.dumps(list(kind.examples), ensure_ascii=False),
            }
        )
    return rows

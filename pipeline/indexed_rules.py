"""Match an attribute ruler's token patterns through a hash index instead of the Matcher.

The base model's `attribute_ruler` (179 patterns: tag → POS/morph maps and exceptions
such as "n't" → PART) spends about 11% of the whole pipeline's time in spaCy's
`Matcher`, most of it calling Python-level `IN`/`NOT_IN`/`REGEX` predicates for every
token. Its patterns are all fixed-length and operator-free, so each one can be found by
looking the token's value of one attribute up in a dict and checking the rest: the same
matches, found in a fraction of the time. Patterns of any other shape (operators,
comparisons, fuzzy or extension attributes) make `compile_rules` return None, and the
caller keeps spaCy's `Matcher`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.attrs import IDS
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

# Token attributes `Doc.to_array` returns as the value the Matcher compares: hashes of
# strings, or 0/1 for flags. Anchors are tried in this order (most selective first).
ANCHOR_ORDER = ("ORTH", "LOWER", "NORM", "LEMMA", "DEP", "TAG", "POS", "SHAPE", "IS_SPACE")
SUPPORTED = frozenset(ANCHOR_ORDER) | {
    "IS_ALPHA",
    "IS_ASCII",
    "IS_DIGIT",
    "IS_LOWER",
    "IS_UPPER",
    "IS_TITLE",
    "IS_PUNCT",
    "LIKE_NUM",
    "PREFIX",
    "SUFFIX",
}
ALIASES = {"TEXT": "ORTH"}


@dataclass(frozen=True)
class TokenTest:
    """What one token of a pattern must satisfy, by attribute name."""

    allowed: tuple[tuple[str, frozenset[int]], ...]  # exact value or IN
    excluded: tuple[tuple[str, frozenset[int]], ...]  # NOT_IN
    regexes: tuple[tuple[str, re.Pattern], ...]  # REGEX, searched in the string


@dataclass(frozen=True)
class Rule:
    """One pattern of one ruler entry: `key` is the entry's number (its precedence)."""

    key: int
    tests: tuple[TokenTest, ...]


def _token_test(spec: dict) -> TokenTest | None:
    allowed, excluded, regexes = [], [], []
    for name, value in spec.items():
        attr = ALIASES.get(str(name).upper(), str(name).upper())
        if attr not in SUPPORTED:
            return None
        if isinstance(value, bool):
            allowed.append((attr, frozenset({int(value)})))
        elif isinstance(value, str):
            allowed.append((attr, frozenset({get_string_id(value)})))
        elif isinstance(value, dict) and value:
            for op, argument in value.items():
                if op in ("IN", "NOT_IN") and isinstance(argument, list):
                    ids = frozenset(
                        int(v) if isinstance(v, bool) else get_string_id(v) for v in argument
                    )
                    (allowed if op == "IN" else excluded).append((attr, ids))
                elif op == "REGEX" and isinstance(argument, str):
                    regexes.append((attr, re.compile(argument)))
                else:
                    return None
        else:
            return None
    return TokenTest(tuple(allowed), tuple(excluded), tuple(regexes))


def compile_rules(entries: Sequence[dict]) -> list[Rule] | None:
    """Rules for `AttributeRuler.patterns` (in order), or None if any pattern needs the
    Matcher (an operator, a comparison, an attribute `Doc.to_array` cannot give)."""
    rules = []
    for key, entry in enumerate(entries):
        for pattern in entry["patterns"]:
            if not pattern:
                return None
            tests = [_token_test(spec) for spec in pattern]
            if any(test is None for test in tests):
                return None
            rules.append(Rule(key, tuple(tests)))  # type: ignore[arg-type]
    return rules


class RuleIndex:
    """Rules indexed by the value of their first token's most selective attribute; what a
    token row (its attribute values) starts is cached, since rows repeat ("the" DT det)."""

    MAX_CACHED_ROWS = 200_000

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = list(rules)
        used = {a for r in self.rules for t in r.tests for a, _ in t.allowed + t.excluded}
        used |= {a for r in self.rules for t in r.tests for a, _ in t.regexes}
        self.attrs = sorted(used)
        self.column = {attr: i for i, attr in enumerate(self.attrs)}
        by_attr: dict[str, dict[int, list[Rule]]] = {}
        self.unanchored: list[Rule] = []
        for rule in self.rules:
            first = dict(rule.tests[0].allowed)
            anchor = next((a for a in ANCHOR_ORDER if a in first), None)
            if anchor is None:
                self.unanchored.append(rule)
                continue
            index = by_attr.setdefault(anchor, {})
            for value in first[anchor]:
                index.setdefault(value, []).append(rule)
        self.anchored = [(self.column[a], index) for a, index in by_attr.items()]
        self._starts: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[Rule, ...]]] = {}

    def passes(self, test: TokenTest, row: Sequence[int], strings: StringStore) -> bool:
        """Whether a token with these attribute values (in `self.attrs` order) passes."""
        column = self.column
        return (
            all(row[column[attr]] in values for attr, values in test.allowed)
            and not any(row[column[attr]] in values for attr, values in test.excluded)
            and all(regex.search(strings[row[column[attr]]]) for attr, regex in test.regexes)
        )

    def _started(self, row: tuple[int, ...], strings: StringStore):
        """(keys of one-token rules this row matches, longer rules whose first token it passes)."""
        candidates = [r for column, index in self.anchored for r in index.get(row[column], ())]
        candidates += self.unanchored
        passed = [r for r in candidates if self.passes(r.tests[0], row, strings)]
        return (
            tuple(r.key for r in passed if len(r.tests) == 1),
            tuple(r for r in passed if len(r.tests) > 1),
        )

    def find(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every (rule key, start, end) the Matcher would find in `doc`, sorted, unique."""
        if not self.attrs or len(doc) == 0:
            return []
        values = doc.to_array([IDS[a] for a in self.attrs]).tolist()
        rows = [(v,) for v in values] if len(self.attrs) == 1 else [tuple(v) for v in values]
        strings = doc.vocab.strings
        starts = self._starts
        if len(starts) > self.MAX_CACHED_ROWS:
            starts.clear()
        found = set()
        length = len(rows)
        for start, row in enumerate(rows):
            started = starts.get(row)
            if started is None:
                started = starts[row] = self._started(row, strings)
            singles, longer = started
            for key in singles:
                found.add((key, start, start + 1))
            for rule in longer:
                end = start + len(rule.tests)
                if end <= length and all(
                    self.passes(test, rows[start + k], strings)
                    for k, test in enumerate(rule.tests[1:], 1)
                ):
                    found.add((rule.key, start, end))
        return sorted(found)

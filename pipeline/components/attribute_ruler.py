"""The base model's attribute ruler, matched through a hash index (`pipeline.indexed_rules`).

Same patterns, same precedence, same attributes set (spaCy's own `set_annotations`):
only `match` differs, and it falls back to spaCy's `Matcher` when a pattern has a shape
the index does not handle. `nlp.build_nlp` swaps it in for the base model's
`attribute_ruler` when `[nlp] index_attribute_ruler` is true; `tests/test_attribute_ruler.py`
checks that every token comes out with the same tag, POS, morphology, lemma and
dependency label as with the stock component.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from pipeline.indexed_rules import RuleIndex, compile_rules


class IndexedAttributeRuler(AttributeRuler):
    """An `AttributeRuler` whose `match` looks patterns up instead of running the Matcher."""

    _index: RuleIndex | None = None
    _compiled_for = -1  # number of entries the index was built for

    def _current_index(self) -> RuleIndex | None:
        # patterns are added after construction (initialize, from_disk, add_patterns)
        if self._compiled_for != len(self.attrs):
            rules = compile_rules(self.patterns)
            self._index = RuleIndex(rules) if rules is not None else None
            self._compiled_for = len(self.attrs)
        return self._index

    def match(self, doc: Doc):
        if self._current_index() is None:
            return super().match(doc)
        strings = self.vocab.strings
        return [
            (key, strings.add(str(key)), start, end)
            for key, start, end in self._index.find(doc)  # type: ignore[union-attr]
        ]

    def clear(self) -> None:
        super().clear()
        self._compiled_for = -1

    @property
    def indexed(self) -> bool:
        """Whether every pattern is matched through the index (else spaCy's Matcher)."""
        return self._current_index() is not None


@Language.factory(
    "statecraft_attribute_ruler",
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
    assigns=["token.pos", "token.morph", "token.lemma", "token.tag", "token.dep"],
)
def make_indexed_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer
) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)

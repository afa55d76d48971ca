"""The indexed attribute ruler finds exactly what spaCy's Matcher finds, and the pipeline
built with it tags every token as the stock base model does."""

from __future__ import annotations

import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from pipeline.components.attribute_ruler import IndexedAttributeRuler
from pipeline.indexed_rules import compile_rules
from pipeline.nlp import _index_attribute_ruler, load_settings

PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"LEMMA": "be"}},
    {
        "patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]],
        "attrs": {"POS": "AUX"},
    },
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {
        "patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]],
        "attrs": {"POS": "VERB"},
        "index": 1,
    },
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    # a later entry overrides an earlier one on the same token
    {"patterns": [[{"TEXT": "Nothin'"}], [{"ORTH": "y'"}]], "attrs": {"LEMMA": "override"}},
]

WORDS = [
    "There",
    "is",
    "nothin'",
    "y'",
    "all",
    "can",
    "do",
    "Nothin'",
    "\n",
    "cat",
    "is",
    "to",
    "y",
    "all",
]
TAGS = ["EX", "VBZ", "NN", "PRP", "DT", "MD", "VB", "NN", "_SP", "NN", "VBZ", "TO", "PRP", "DT"]
DEPS = [
    "expl",
    "ROOT",
    "attr",
    "nsubj",
    "det",
    "aux",
    "relcl",
    "dep",
    "punct",
    "nsubj",
    "aux",
    "aux",
    "nsubj",
    "det",
]


def _doc(vocab) -> Doc:
    heads = [1, 1, 1, 6, 3, 6, 2, 1, 7, 10, 10, 10, 10, 12]
    return Doc(vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=heads)


def _rulers() -> tuple[AttributeRuler, IndexedAttributeRuler]:
    nlp = spacy.blank("en")
    stock = AttributeRuler(nlp.vocab)
    indexed = IndexedAttributeRuler(nlp.vocab)
    stock.add_patterns(PATTERNS)
    indexed.add_patterns(PATTERNS)
    return stock, indexed


def _attributes(doc: Doc) -> list[tuple]:
    return [(t.pos_, t.lemma_, t.dep_, t.tag_, str(t.morph)) for t in doc]


def test_index_finds_what_the_matcher_finds() -> None:
    stock, indexed = _rulers()
    doc = _doc(stock.vocab)
    assert indexed.indexed
    expected = sorted(set(stock.match(doc)))
    assert indexed.match(doc) == expected
    keys = {key for key, _, _, _ in expected}
    assert keys == set(range(len(PATTERNS)))  # every kind of pattern fired at least once


def test_indexed_ruler_sets_the_same_attributes() -> None:
    stock, indexed = _rulers()
    by_stock, by_index = stock(_doc(stock.vocab)), indexed(_doc(indexed.vocab))
    assert _attributes(by_index) == _attributes(by_stock)
    assert by_index[2].lemma_ == "nothing" and by_index[7].lemma_ == "override"
    assert by_index[1].pos_ == "VERB"  # index 1 of the two-token "There is"
    assert by_index[12].lemma_ == "you" and by_index[10].pos_ == "AUX"
    assert by_index[11].pos_ != "AUX"  # TAG NOT_IN TO


def test_patterns_the_index_cannot_take_fall_back_to_the_matcher() -> None:
    for spec in (
        {"LOWER": "very", "OP": "+"},
        {"LENGTH": {">=": 3}},
        {"_": {"flag": True}},
        {"ENT_TYPE": "GPE"},
        {"LOWER": {"FUZZY": "sanction"}},
    ):
        assert compile_rules([{"patterns": [[spec]], "attrs": {}}]) is None, spec
    assert compile_rules([{"patterns": [[]], "attrs": {}}]) is None
    nlp = spacy.blank("en")
    ruler = IndexedAttributeRuler(nlp.vocab)
    ruler.add_patterns([{"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"LEMMA": "v"}}])
    assert not ruler.indexed
    doc = ruler(nlp("very very good"))
    assert [t.lemma_ for t in doc] == ["v", "v", ""]


def test_patterns_added_later_are_indexed_too() -> None:
    stock, indexed = _rulers()
    doc = _doc(stock.vocab)
    indexed.match(doc)
    extra = [{"patterns": [[{"LOWER": "cat"}]], "attrs": {"LEMMA": "feline"}}]
    indexed.add_patterns(extra)
    stock.add_patterns(extra)
    assert indexed.match(doc) == sorted(set(stock.match(doc)))
    indexed.clear()
    assert indexed.match(doc) == []


TRICKY = (
    "There's nothin' y'all can do, ain't it? I told you it isn't over; "
    "we'd've gone. Whether or not Moscow complies, that is what they'd do. "
    "Do you have it? He did. Those who do, don't. That that is, is.\n\n"
    "SANCTIONS   ON  RUSSIA\n  - Item one\t(cont'd)"
)


def test_pipeline_tags_every_token_as_the_stock_model(seed_text: str) -> None:
    settings, _ = load_settings()
    stock = spacy.load(settings.base_model)
    indexed = spacy.load(settings.base_model)
    _index_attribute_ruler(indexed)
    ruler = indexed.get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler) and ruler.indexed
    assert indexed.pipe_names == stock.pipe_names
    texts = [seed_text, TRICKY, TRICKY.upper(), TRICKY.lower()]
    for ours, theirs in zip(indexed.pipe(texts), stock.pipe(texts), strict=True):
        assert _attributes(ours) == _attributes(theirs)
        assert [(e.start, e.end, e.label_) for e in ours.ents] == [
            (e.start, e.end, e.label_) for e in theirs.ents
        ]

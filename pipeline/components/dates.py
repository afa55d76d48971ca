"""Temporal-expression layer: `doc.spans["dates"]` with TIMEX3 attributes.

A thin shell over `pipeline.timex` (pure functions): the grammar finds and interprets
expressions in the text, the parse vetoes readings that are not temporal ("May" the
modal, "quarterly dividend") and gives each expression its tense, and the resolver
anchors everything on `doc._.published` (the DCT) and on the reference time the text
sets as it goes. The base model's DATE/TIME entities are not used: on TimeBank and
AQUAINT the ones the grammar does not cover are mostly ages and bare numbers.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.entities.tokens import doc_text
from pipeline.rows import DATE_ATTRS as TIMEX_ATTRS
from pipeline.timex import Candidate, candidates, resolve
from pipeline.timex.context import plausible, span_of, tense_of
from pipeline.timex.grammar import rules
from pipeline.timex.scan import triggers
from pipeline.timex.vocab import DATA_FILE, use_vocabulary

for _attr in TIMEX_ATTRS:
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)
if not Doc.has_extension("published"):
    # The document creation time (ISO date) that relative expressions resolve against.
    Doc.set_extension("published", default=None)

VOCABULARY_FILE = "timex.yml"


class DateTagger:
    """Writes the date layer into `doc.spans[spans_key]`."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, use_tense: bool) -> None:
        self.name = name
        self.spans_key = spans_key
        self.use_tense = use_tense
        self.vocabulary_file = DATA_FILE

    def initialize(self, get_examples=None, *, nlp: Language | None = None, vocabulary=None):
        """Load the vocabulary (a YAML file; default `pipeline/data/timex.yml`) and compile
        the grammar now, so the first document does not pay for it."""
        if vocabulary:
            self.vocabulary_file = Path(vocabulary)
            use_vocabulary(self.vocabulary_file)
        triggers()
        rules()

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc_text(doc), keep=lambda c: plausible(doc, c))
        spans: dict[int, Span] = {}
        for candidate in found:
            span = span_of(doc, candidate)
            if span is not None:
                spans[id(candidate)] = span
        found = [c for c in found if id(c) in spans]

        def tense(candidate: Candidate) -> str | None:
            return tense_of(spans[id(candidate)]) if self.use_tense else None

        group = []
        for candidate, timex in zip(
            found, resolve(found, doc._.published, tense=tense), strict=True
        ):
            source = spans[id(candidate)]
            span = Span(doc, source.start, source.end, label="TIMEX")
            span._.timex_type = timex.timex_type
            span._.value = timex.value
            span._.granularity = timex.granularity
            span._.anchor = timex.anchor
            span._.value_start = timex.value_start
            span._.value_end = timex.value_end
            span._.timex_mod = timex.mod
            group.append(span)
        doc.spans[self.spans_key] = group
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / VOCABULARY_FILE).write_bytes(Path(self.vocabulary_file).read_bytes())

    def from_disk(self, path, *, exclude=()) -> DateTagger:
        file = Path(path) / VOCABULARY_FILE
        if file.exists():
            self.vocabulary_file = file
            use_vocabulary(file)
        return self


@Language.factory(
    "statecraft_dates",
    default_config={"spans_key": "dates", "use_tense": True},
    assigns=["doc.spans", *(f"span._.{a}" for a in TIMEX_ATTRS)],
    requires=["token.dep", "token.tag", "token.pos"],
)
def make_date_tagger(nlp: Language, name: str, spans_key: str, use_tense: bool) -> DateTagger:
    return DateTagger(nlp, name, spans_key=spans_key, use_tense=use_tense)

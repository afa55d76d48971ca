"""Temporal-expression layer: `doc.spans["dates"]` with TIMEX3 attributes.

This first version takes the base model's DATE/TIME entities as the date layer and
types them; normalisation to TIMEX3 values comes with the temporal component.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

TIMEX_ATTRS = ("timex_type", "value", "granularity", "anchor", "value_start", "value_end")
for _attr in TIMEX_ATTRS:
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)
if not Doc.has_extension("published"):
    # The document creation time (ISO date) that relative expressions resolve against.
    Doc.set_extension("published", default=None)

# spaCy entity label → TIMEX3 type
TIMEX_TYPE_OF_LABEL = {"DATE": "DATE", "TIME": "TIME"}


def date_spans_from_entities(doc: Doc, labels: Iterable[str]) -> list[Span]:
    """New spans (copies, so attributes do not leak into `doc.ents`) for dated entities."""
    wanted = set(labels)
    spans = []
    for ent in doc.ents:
        if ent.label_ in wanted:
            span = Span(doc, ent.start, ent.end, label="TIMEX")
            span._.timex_type = TIMEX_TYPE_OF_LABEL.get(ent.label_, "DATE")
            spans.append(span)
    return spans


class DateTagger:
    """Writes the date layer into `doc.spans[spans_key]`."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, labels: list[str]) -> None:
        self.name = name
        self.spans_key = spans_key
        self.labels = list(labels)

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = date_spans_from_entities(doc, self.labels)
        return doc


@Language.factory(
    "statecraft_dates",
    default_config={"spans_key": "dates", "labels": ["DATE", "TIME"]},
    assigns=["doc.spans", "span._.timex_type"],
    requires=["doc.ents"],
)
def make_date_tagger(nlp: Language, name: str, spans_key: str, labels: list[str]) -> DateTagger:
    return DateTagger(nlp, name, spans_key=spans_key, labels=labels)

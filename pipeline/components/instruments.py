"""Policy-instrument layer: `doc.spans["instruments"]` with the attributes of the contract.

A thin shell around `pipeline.instruments.InstrumentTagger` (detection, action, actor,
target, magnitude, deadline, CAMEO/PLOVER crosswalk), in the style of spaCy's SpanRuler:
the taxonomy (`pipeline/data/instruments.yml`) is loaded in `initialize()`, compiled once
into a Matcher, and saved with the pipeline by `to_disk`/`to_bytes`. It runs last, after
the entity layer (`ent._.acts_for`, `ent.kb_id_`) and the date layer (`doc.spans["dates"]`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from pipeline.instruments.tagger import SPAN_ATTRS, InstrumentTagger
from pipeline.instruments.taxonomy import DEFAULT_PATH, build_taxonomy, read_taxonomy_file

for _attr in SPAN_ATTRS:
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)

TAXONOMY_FILE = "taxonomy.json"


class InstrumentTaggerComponent:
    """Writes instrument spans (label INSTRUMENT) into `doc.spans[spans_key]`."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.taxonomy_data: dict | None = None
        self.tagger: InstrumentTagger | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        taxonomy: str | Path | dict | None = None,
    ) -> None:
        """Load the taxonomy (a path, a mapping, or the packaged file) and compile it."""
        data = (
            taxonomy if isinstance(taxonomy, dict) else read_taxonomy_file(taxonomy or DEFAULT_PATH)
        )
        self._set(data)

    def _set(self, data: dict) -> None:
        self.tagger = InstrumentTagger(self.nlp.vocab, build_taxonomy(data))
        self.taxonomy_data = data

    def __call__(self, doc: Doc) -> Doc:
        if self.tagger is None:  # used without initialize(): the packaged taxonomy
            self.initialize()
        spans = []
        for mention in self.tagger(doc):
            span = Span(doc, mention.start, mention.end, label="INSTRUMENT")
            underscore = span._  # one accessor per span, not one per attribute
            for attr, value in mention.attributes().items():
                underscore.set(attr, value)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"taxonomy": self.taxonomy_data})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> InstrumentTaggerComponent:
        taxonomy = srsly.msgpack_loads(data)["taxonomy"]
        if taxonomy is not None:
            self._set(taxonomy)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.taxonomy_data is not None:
            srsly.write_json(path / TAXONOMY_FILE, self.taxonomy_data)

    def from_disk(
        self, path: str | Path, *, exclude: Iterable[str] = ()
    ) -> InstrumentTaggerComponent:
        file = ensure_path(path) / TAXONOMY_FILE
        if file.exists():
            self._set(srsly.read_json(file))
        return self


@Language.factory(
    "statecraft_instruments",
    default_config={"spans_key": "instruments"},
    assigns=["doc.spans", *(f"span._.{attr}" for attr in SPAN_ATTRS)],
    requires=["token.dep", "token.lemma", "doc.ents"],
)
def make_instrument_tagger(nlp: Language, name: str, spans_key: str) -> InstrumentTaggerComponent:
    return InstrumentTaggerComponent(nlp, name, spans_key=spans_key)

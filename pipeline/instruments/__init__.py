"""Policy instruments: taxonomy, detection, action, actor/target, magnitude, deadline and the
CAMEO/PLOVER crosswalk, as pure functions over a parsed Doc (the spaCy component
`pipeline.components.instruments` is a thin shell around `InstrumentTagger`)."""

from pipeline.instruments.tagger import SPAN_ATTRS, InstrumentTagger, Mention
from pipeline.instruments.taxonomy import (
    ACTIONS,
    INSTRUMENTS,
    Taxonomy,
    instrument_types,
    load_taxonomy,
)

__all__ = [
    "ACTIONS",
    "INSTRUMENTS",
    "SPAN_ATTRS",
    "InstrumentTagger",
    "Mention",
    "Taxonomy",
    "instrument_types",
    "load_taxonomy",
]

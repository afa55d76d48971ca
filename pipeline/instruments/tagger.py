"""The instrument layer as one pure function of a parsed Doc: detect, then attribute.

`InstrumentTagger(vocab, taxonomy)(doc)` returns plain `Mention`s (token offsets and the
attributes of `contracts.md`); the spaCy component turns them into spans. Everything that
is compiled (the phrase matchers) is built once per tagger; the per-doc work is limited to the
anchors the matchers find and the entities of the doc.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.instruments.action import analyse
from pipeline.instruments.actors import DocParties
from pipeline.instruments.detect import build_matcher, detect
from pipeline.instruments.measures import date_spans, deadline, magnitude, numeric_tokens
from pipeline.instruments.roles import Discourse, choose_roles
from pipeline.instruments.taxonomy import Taxonomy, load_taxonomy
from pipeline.rows import INSTRUMENT_ATTRS

# The span attributes of the contract, as the rows boundary reads them.
SPAN_ATTRS = INSTRUMENT_ATTRS


@dataclass
class Mention:
    """One instrument mention: token offsets, the contract's attributes, and two details
    the crosswalk used (`subtype`, `easing`)."""

    start: int
    end: int
    instrument: str
    action: str
    actor: str | None = None
    target: str | None = None
    magnitude: str | None = None
    deadline: str | None = None
    negated: bool = False
    hypothetical: bool = False
    cameo: str | None = None
    plover: str | None = None
    actor_entity_id: str | None = None
    target_entity_id: str | None = None
    subtype: str | None = None
    easing: bool = False

    def attributes(self) -> dict:
        return {name: getattr(self, name) for name in SPAN_ATTRS}


class InstrumentTagger:
    """Compiled patterns of one taxonomy for one vocabulary."""

    def __init__(self, vocab: Vocab, taxonomy: Taxonomy | None = None) -> None:
        self.taxonomy = taxonomy or load_taxonomy()
        self.matcher = build_matcher(vocab, self.taxonomy)

    def __call__(self, doc: Doc) -> list[Mention]:
        taxonomy = self.taxonomy
        candidates = detect(doc, self.matcher, taxonomy)
        if not candidates:
            return []
        parties = DocParties(doc, taxonomy.government_nouns, taxonomy.self_acting_bodies)
        discourse = Discourse(doc, parties)
        heads = {c.head.i: c.instrument for c in candidates}
        numeric, dates = numeric_tokens(doc), date_spans(doc)
        mentions = []
        for candidate in candidates:
            result = analyse(candidate, taxonomy, heads, parties.is_question(candidate.head.i))
            actor, target = choose_roles(candidate, result, parties, taxonomy, discourse)
            cameo, plover = (
                (None, None)
                if result.negated
                else taxonomy.codes(
                    candidate.instrument, result.action, candidate.subtype, result.easing
                )
            )  # a negated mention ("did not impose") codes no event
            mentions.append(
                Mention(
                    start=candidate.start,
                    end=candidate.end,
                    instrument=candidate.instrument,
                    action=result.action,
                    actor=actor.id if actor else None,
                    target=target.id if target else None,
                    magnitude=magnitude(candidate, result, numeric),
                    deadline=deadline(candidate, result, dates),
                    negated=result.negated,
                    hypothetical=result.hypothetical,
                    cameo=cameo,
                    plover=plover,
                    actor_entity_id=actor.entity_id if actor else None,
                    target_entity_id=target.entity_id if target else None,
                    subtype=candidate.subtype,
                    easing=result.easing,
                )
            )
        return mentions

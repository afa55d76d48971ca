"""Names in capitals: re-read headlines, datelines and names written in capitals.

After `ner`, every block written in capitals ("SOCCER - JAPAN GET LUCKY WIN",
"BRUSSELS 1996-08-22") and every run of three or more capitals words that opens a block
(a headline run into its text) is recased as running text (`pipeline.entities.truecase`)
and run through the base model's `ner` again on its own. A run of capitals inside a
sentence is a name written in capitals ("designated JOINT STOCK COMPANY KALASHNIKOV
CONCERN"): it is recased as a name and re-read with its sentence. The entities found
replace the ones the model found there. The Doc's text never changes: the recased text
has the same length, so its entities map back by character offsets. `doc._.recased`
lists the parts re-read, as `(start_char, end_char)`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.segmenter import blocks_of
from pipeline.entities.corrections import spaced_dash
from pipeline.entities.tokens import doc_text
from pipeline.entities.truecase import (
    Segment,
    caps_segments,
    case_table,
    document_spellings,
    restore_name,
    restore_text,
    restore_word,
)

if not Doc.has_extension("recased"):
    Doc.set_extension("recased", default=None)


def caps_blocks(doc: Doc) -> list[Segment]:
    """The parts of `doc` written in capitals: blocks, and runs of capitals words inside
    other blocks."""
    return caps_segments(doc_text(doc), [(start, end) for start, end, _ in blocks_of(doc)])


def running_words(doc: Doc, caps: list[tuple[int, int]]) -> list[str]:
    """Words whose casing is evidence: outside capitals blocks, not opening a sentence."""
    words = []
    block = 0
    for token in doc:
        while block < len(caps) and caps[block][1] <= token.idx:
            block += 1
        if block < len(caps) and caps[block][0] <= token.idx:
            continue
        if token.is_alpha and not token.is_sent_start:
            words.append(token.text)
    return words


def _dash_pieces(ent: Span) -> list[Span]:
    """A line's opening topic and the name after its spaced dash, apart ("Golf - Norman
    leads": two); a dash further in may be a name's own hyphen in text tokenized with
    spaces ("replaces Wal - Mart")."""
    if ent.start != 0:
        return [ent]
    dash = next((i for i in range(1, ent.end) if spaced_dash(ent.doc, i)), None)
    if dash is None or dash > 3:
        return [ent]
    pieces = [(ent.start, dash), (dash + 1, ent.end)]
    return [Span(ent.doc, s, e, ent.label) for s, e in pieces if s < e]


def _capital_only_first(ent: Span, spellings: dict[str, str]) -> bool:
    """An entity of one word that the recased line capitalizes only because it opens a
    sentence: running text writes it in lower case ("SOCCER", "GOLF" over a wire story)."""
    if len(ent) != 1 or not ent.text[:1].isupper():
        return False
    return restore_word(ent.text.upper(), spellings, case_table())[:1].islower()


class CapsRecaser:
    """Re-runs the named `ner` pipe on recased copies of the Doc's capitals blocks."""

    def __init__(self, nlp: Language, name: str, *, ner_component: str = "ner") -> None:
        self.nlp = nlp
        self.name = name
        self.ner_component = ner_component

    def __call__(self, doc: Doc) -> Doc:
        segments = caps_blocks(doc)
        doc._.recased = [(seg.start, seg.end) for seg in segments]
        if not segments:
            return doc
        text = doc_text(doc)
        spellings = document_spellings(running_words(doc, doc._.recased))
        # a headline or a line is re-read alone; a name in capitals inside a sentence is
        # re-read with its sentence, recased as a name
        reads: list[tuple[int, str]] = []
        for seg in segments:
            if seg.inline:
                name = restore_name(text[seg.start : seg.end], spellings)
                block = text[seg.block_start : seg.start] + name + text[seg.end : seg.block_end]
                reads.append((seg.block_start, block))
            else:
                reads.append((seg.start, restore_text(text[seg.start : seg.end], spellings)))
        ner = self.nlp.get_pipe(self.ner_component)
        reread = ner.pipe(self.nlp.make_doc(read) for _, read in reads)
        found: list[Span] = []
        for seg, (offset, _), sub in zip(segments, reads, reread, strict=True):
            for ent in (piece for e in sub.ents for piece in _dash_pieces(e)):
                start, end = offset + ent.start_char, offset + ent.end_char
                if end <= seg.start or start >= seg.end:
                    continue  # context around an inline name keeps the model's first reading
                if not seg.inline and _capital_only_first(ent, spellings):
                    continue  # "GOLF - NORMAN LEADS": "Golf" is capital for its place only
                span = doc.char_span(start, end, ent.label_)
                if span is not None:
                    found.append(span)
        kept = [
            ent
            for ent in doc.ents
            if not any(s.start < ent.end_char and ent.start_char < s.end for s in segments)
            and not any(f.start < ent.end and ent.start < f.end for f in found)
        ]
        doc.ents = filter_spans(kept + found)
        return doc


@Language.factory(
    "statecraft_truecaser",
    default_config={"ner_component": "ner"},
    assigns=["doc.ents", "doc._.recased"],
    requires=["doc.ents"],
)
def make_truecaser(nlp: Language, name: str, *, ner_component: str) -> CapsRecaser:
    return CapsRecaser(nlp, name, ner_component=ner_component)

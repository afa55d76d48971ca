"""Names in capitals: re-read headlines and datelines with their casing restored.

After `ner`, every block written in capitals ("SOCCER - JAPAN GET LUCKY WIN",
"BRUSSELS 1996-08-22"), and every run of three or more capitals words inside another
block (a headline run into its text), is recased (`pipeline.entities.truecase`) and run through the
base model's `ner` again on its own; its entities replace the ones the model found in
the capitals. The Doc's text never changes: the recased text has the same length, so
its entities map back by character offsets. `doc._.recased` lists the parts re-read,
as `(start_char, end_char)`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.entities.segment import segment
from pipeline.entities.tokens import doc_text
from pipeline.entities.truecase import caps_segments, document_spellings, restore_text

if not Doc.has_extension("recased"):
    Doc.set_extension("recased", default=None)
if not Doc.has_extension("blocks"):
    Doc.set_extension("blocks", default=None)


def caps_blocks(doc: Doc) -> list[tuple[int, int]]:
    """`(start_char, end_char)` of the parts of `doc` written in capitals: blocks, and
    runs of capitals words inside other blocks."""
    blocks = doc._.blocks or [tuple(b) for b in segment(doc_text(doc))]
    return caps_segments(doc_text(doc), [(start, end) for start, end, _ in blocks])


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


class CapsRecaser:
    """Re-runs the named `ner` pipe on recased copies of the Doc's capitals blocks."""

    def __init__(self, nlp: Language, name: str, *, ner_component: str = "ner") -> None:
        self.nlp = nlp
        self.name = name
        self.ner_component = ner_component

    def __call__(self, doc: Doc) -> Doc:
        caps = caps_blocks(doc)
        doc._.recased = caps
        if not caps:
            return doc
        spellings = document_spellings(running_words(doc, caps))
        texts = [restore_text(doc_text(doc)[start:end], spellings) for start, end in caps]
        ner = self.nlp.get_pipe(self.ner_component)
        reread = ner.pipe(self.nlp.make_doc(text) for text in texts)
        found: list[Span] = []
        for (start, _end), sub in zip(caps, reread, strict=True):
            for ent in sub.ents:
                span = doc.char_span(start + ent.start_char, start + ent.end_char, ent.label_)
                if span is not None:
                    found.append(span)
        kept = [
            ent
            for ent in doc.ents
            if not any(s < ent.end_char and ent.start_char < e for s, e in caps)
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

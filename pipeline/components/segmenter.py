"""Block segmentation before the parser: paragraphs, headings, list items, datelines.

Sets `doc._.blocks` to `(start_char, end_char, kind)` triples (kind: "paragraph",
"heading", "list_item", "dateline"; `pipeline.rows` stores it as `sentences.kind`) and
marks the first token of every block as a sentence start, which the parser keeps: no
sentence crosses a blank line, and a heading or dateline is never glued to the
paragraph after it and is one sentence.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.entities.segment import DATELINE, HEADING, segment
from pipeline.entities.tokens import doc_text

if not Doc.has_extension("blocks"):
    Doc.set_extension("blocks", default=None)


def blocks_of(doc: Doc) -> list[tuple[int, int, str]]:
    """The Doc's blocks as the segmenter recorded them, else segmented now (a pipeline
    without the segmenter)."""
    blocks = doc._.blocks
    return list(blocks) if blocks else [tuple(b) for b in segment(doc_text(doc))]


def mark_blocks(doc: Doc) -> Doc:
    """Record the blocks of `doc.text` and start a sentence at each block's first token."""
    blocks = segment(doc_text(doc))
    doc._.blocks = [tuple(b) for b in blocks]
    if len(doc) == 0:
        return doc
    token_starts = doc.to_array("IDX").tolist()
    for block in blocks:
        i = bisect_left(token_starts, block.start)
        if 0 < i < len(doc):
            doc[i].is_sent_start = True
        if block.kind in (HEADING, DATELINE):  # one sentence ("1. Putin's Refusal ...")
            for j in range(i + 1, bisect_left(token_starts, block.end)):
                doc[j].is_sent_start = False
    return doc


class Segmenter:
    """Stateless component: the rules live in `pipeline.entities.segment`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return mark_blocks(doc)


@Language.factory(
    "statecraft_segmenter",
    default_config={},
    assigns=["token.is_sent_start", "doc._.blocks"],
)
def make_segmenter(nlp: Language, name: str) -> Segmenter:
    return Segmenter(nlp, name)

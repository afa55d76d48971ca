"""Stream texts through the pipeline and get plain rows back, one document at a time.

Long texts are split into paragraph-aligned chunks (`chunking`), all chunks go
through one `nlp.pipe` stream (batched, optionally multi-process), and a document's
rows are yielded as soon as its last chunk is tagged, so memory stays flat.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language

from pipeline.chunking import split_chunks
from pipeline.rows import doc_to_rows, merge_chunk_rows


@dataclass(frozen=True)
class TagRequest:
    """One document to tag: an opaque key, its text and its creation date (DCT)."""

    key: Hashable
    text: str
    published: str | None = None


@dataclass
class Tagged:
    """A tagged document: its key, plain rows (see `rows.doc_to_rows`) and token count."""

    key: Hashable
    rows: dict[str, list[dict]]
    tokens: int


def _chunk_stream(
    nlp: Language, requests: Iterable[TagRequest], max_chunk_chars: int
) -> Iterator[tuple[object, tuple]]:
    for request in requests:
        chunks = split_chunks(request.text, max_chunk_chars)
        for number, (offset, chunk) in enumerate(chunks):
            doc = nlp.make_doc(chunk)
            doc._.published = request.published
            yield doc, (request.key, offset, number == len(chunks) - 1)


def tag_stream(
    nlp: Language,
    requests: Iterable[TagRequest],
    *,
    batch_size: int = 32,
    max_chunk_chars: int = 100_000,
    workers: int = 1,
) -> Iterator[Tagged]:
    """Tag every request, yielding each document's rows in input order."""
    pending: list[dict[str, list[dict]]] = []
    sentence_base = 0
    tokens = 0
    docs = nlp.pipe(
        _chunk_stream(nlp, requests, max_chunk_chars),
        as_tuples=True,
        batch_size=batch_size,
        n_process=max(1, workers),
    )
    for doc, (key, offset, last) in docs:
        rows = doc_to_rows(doc, offset=offset, sentence_base=sentence_base)
        pending.append(rows)
        sentence_base += len(rows["sentences"])
        tokens += len(doc)
        if last:
            yield Tagged(key, merge_chunk_rows(pending), tokens)
            pending, sentence_base, tokens = [], 0, 0

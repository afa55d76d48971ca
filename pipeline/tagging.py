"""Stream texts through the pipeline and get plain rows back, one document at a time.

Long texts are split into paragraph-aligned chunks (`chunking`) and a document's rows
are yielded as soon as its last chunk is tagged, in input order, so memory stays flat.

With several workers, each worker process holds the pipeline (forked once, never
reloaded) and turns whole batches of texts into rows: only texts go out and plain
rows come back. spaCy's own `n_process` ships every Doc back to the parent as bytes
and leaves tokenization and `doc → rows` in the parent, which then becomes the
bottleneck on a 2-core machine. At most `2 × workers` batches are in flight.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.language import Language

from pipeline.chunking import split_chunks
from pipeline.entities.tokens import remember_text
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
            remember_text(doc, chunk)  # the tokenizer keeps every character: text == chunk
            doc._.published = request.published
            yield doc, (request.key, offset, number == len(chunks) - 1)


def tag_local(
    nlp: Language,
    requests: Iterable[TagRequest],
    *,
    batch_size: int = 32,
    max_chunk_chars: int = 100_000,
) -> Iterator[Tagged]:
    """Tag in this process, yielding each document's rows in input order."""
    pending: list[dict[str, list[dict]]] = []
    sentence_base = 0
    tokens = 0
    docs = nlp.pipe(
        _chunk_stream(nlp, requests, max_chunk_chars), as_tuples=True, batch_size=batch_size
    )
    for doc, (key, offset, last) in docs:
        rows = doc_to_rows(doc, offset=offset, sentence_base=sentence_base)
        pending.append(rows)
        sentence_base += len(rows["sentences"])
        tokens += len(doc)
        if last:
            yield Tagged(key, merge_chunk_rows(pending), tokens)
            pending, sentence_base, tokens = [], 0, 0


# The pipeline a forked worker uses: set in the parent just before the pool forks.
_WORKER_NLP: Language | None = None


def _tag_batch(batch: list[TagRequest], batch_size: int, max_chunk_chars: int) -> list[Tagged]:
    assert _WORKER_NLP is not None, "worker started without a pipeline"
    return list(
        tag_local(_WORKER_NLP, batch, batch_size=batch_size, max_chunk_chars=max_chunk_chars)
    )


def tag_stream(
    nlp: Language,
    requests: Iterable[TagRequest],
    *,
    batch_size: int = 32,
    max_chunk_chars: int = 100_000,
    workers: int = 1,
) -> Iterator[Tagged]:
    """Tag every request with `workers` processes, yielding rows in input order."""
    if workers <= 1:
        yield from tag_local(nlp, requests, batch_size=batch_size, max_chunk_chars=max_chunk_chars)
        return
    global _WORKER_NLP
    _WORKER_NLP = nlp
    requests = iter(requests)
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        in_flight: deque = deque()

        def submit() -> bool:
            batch = list(islice(requests, batch_size))
            if batch:
                in_flight.append(pool.apply_async(_tag_batch, (batch, batch_size, max_chunk_chars)))
            return bool(batch)

        while len(in_flight) < 2 * workers and submit():
            pass
        while in_flight:
            tagged = in_flight.popleft().get()
            submit()
            yield from tagged
    _WORKER_NLP = None

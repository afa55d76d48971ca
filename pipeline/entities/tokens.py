"""A Doc whose Token objects are made once.

`doc[i]` builds a new Token object on every call, and `doc[a:b].text` builds one per
token of the span; the entity rules index tokens about a hundred times per entity, which
made token construction the largest single cost of the layer. `TokenView` keeps the
tokens in a list, slices into `SpanView`s whose text is a slice of the Doc's text, and
hands everything else to the Doc.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH
from spacy.tokens import Doc, Token

_TEXT_KEY = "statecraft.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per Doc: the property joins every token on each call,
    and five components read it. A Doc's text never changes, so the cache cannot go stale."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Give `doc_text` the string the Doc was made from (spaCy's tokenizer is
    non-destructive, so it is the Doc's text), sparing the join."""
    doc.user_data[_TEXT_KEY] = text


class SpanView:
    """Tokens `start:end` of a `TokenView`: iteration, indexing, `len` and `text`."""

    __slots__ = ("view", "start", "end")

    def __init__(self, view: TokenView, start: int, end: int) -> None:
        self.view, self.start, self.end = view, start, end

    @property
    def text(self) -> str:
        return self.view.text_of(self.start, self.end)

    def __iter__(self) -> Iterator[Token]:
        view = self.view
        return (view[i] for i in range(self.start, self.end))

    def __len__(self) -> int:
        return self.end - self.start

    def __getitem__(self, key: int) -> Token:
        return self.view[range(self.start, self.end)[key]]


class TokenView:
    """`view[i]` is a list lookup and `view[a:b]` a `SpanView`; `len`, iteration and
    every other attribute are the Doc's."""

    __slots__ = ("doc", "text", "tokens", "starts", "ends", "_lowers")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text: str = doc_text(doc)
        offsets = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        self.starts: list[int] = [start for start, _ in offsets]
        self.ends: list[int] = [start + length for start, length in offsets]
        # made on first use: most tokens are never looked at
        self.tokens: list[Token | None] = [None] * len(offsets)
        self._lowers: list[str] | None = None

    def __getitem__(self, key: int | slice) -> Token | SpanView:
        if type(key) is int:
            token = self.tokens[key]
            if token is None:
                token = self.tokens[key] = self.doc[key]
            return token
        start, stop, _ = key.indices(len(self.tokens))
        return SpanView(self, start, max(start, stop))

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self) -> Iterator[Token]:
        return (self[i] for i in range(len(self.tokens)))

    def __getattr__(self, name: str):
        return getattr(self.doc, name)

    def text_of(self, start: int, end: int) -> str:
        """The text of tokens `start:end`, as `Span.text` gives it."""
        if start >= end:
            return ""
        return self.text[self.starts[start] : self.ends[end - 1]]

    @property
    def lowers(self) -> list[str]:
        """`lower_` of every token, computed on first use."""
        if self._lowers is None:
            text = self.text  # a token's `lower_` is its text lower-cased
            self._lowers = [text[s:e].lower() for s, e in zip(self.starts, self.ends, strict=True)]
        return self._lowers

    def ent_triples(self) -> list[tuple[int, int, str]]:
        """`(start, end, label)` of `doc.ents`, read from the token array (IOB codes:
        3 begins, 1 continues, 2 and 0 are outside) without building Span objects."""
        if not self.tokens:
            return []
        rows = self.doc.to_array([ENT_IOB, ENT_TYPE]).tolist()
        strings = self.doc.vocab.strings
        out: list[tuple[int, int, str]] = []
        start, label = -1, ""
        for i, (iob, ent_type) in enumerate(rows):
            if iob == 1 and start >= 0:
                continue
            if start >= 0:
                out.append((start, i, label))
                start = -1
            if iob in (1, 3):
                start, label = i, strings[ent_type]
        if start >= 0:
            out.append((start, len(rows), label))
        return out


def view_of(doc: Doc | TokenView) -> TokenView:
    """A `TokenView` of `doc` (itself when it is one already)."""
    return doc if isinstance(doc, TokenView) else TokenView(doc)

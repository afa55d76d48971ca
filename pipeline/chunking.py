"""Split long texts into paragraph-aligned chunks, keeping each chunk's offset.

spaCy refuses texts over `nlp.max_length` (a memory guard) and the parser's memory
grows with document length. A long article is tagged chunk by chunk and the chunk's
character offset is added back, so stored offsets index the whole text.
"""

from __future__ import annotations

import re

# Preferred cut points, best first: a blank line, a line break, a sentence end, a space.
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a chunk that starts at `start` and may not pass `limit`."""
    window = text[start:limit]
    for pattern in _CUTS:
        ends = [m.end() for m in pattern.finditer(window)]
        # a cut in the first half would make needlessly many small chunks
        good = [e for e in ends if e >= len(window) // 2]
        if good:
            return start + good[-1]
    return limit


def split_chunks(text: str, max_chars: int) -> list[tuple[int, str]]:
    """`(offset, chunk)` pairs that concatenate back to `text`, none over `max_chars`.

    Cuts fall after paragraph breaks where possible, so no entity or sentence is cut.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    if len(text) <= max_chars:
        return [(0, text)]
    chunks = []
    start = 0
    while start < len(text):
        end = (
            len(text)
            if len(text) - start <= max_chars
            else _cut_point(text, start, start + max_chars)
        )
        chunks.append((start, text[start:end]))
        start = end
    return chunks

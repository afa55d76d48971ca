"""Split a text into blocks (paragraphs, headings, list items) before parsing.

A blank line always ends a block. A single line break ends one when the layout says
so: the line before ends a sentence, the next line is a list item, one line is in
capitals and the other is not (a headline over its text), or the line before is visibly
shorter than the block's other lines (a headline, a dateline), which a
hard-wrapped paragraph's lines never are; a dateline ("BIRMINGHAM, England 1997-03-15")
and a table row ("Barnsley 2 Norwich 0": capitalized words and numbers, no sentence) are
lines of their own. A heading is a one-line block between blank lines (or the text's
edges), short, in title case, without final punctuation, and not one of three or more
such lines in a row (the rows of a table). No sentence, entity or instrument may cross a
block boundary.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.entities.truecase import MINOR_WORDS, is_caps_text

PARAGRAPH, HEADING, LIST_ITEM, DATELINE = "paragraph", "heading", "list_item", "dateline"

_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LIST_MARKER = re.compile(r"^\s*(?:[•◦▪▫●○■□‣⁃∙·*\-–—]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;…]['\"’”)\]»]*\s*$")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "PLACE[, PLACE] DATE": the place a wire story was filed from, then its date
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\d\n]{0,60}?)[\s,]+"
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}\s+\d{{1,2}}(?:\s*,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}"
    r"(?:\s+\d{4})?)\s*$",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"\([^()]*\)")
_NUMBER = re.compile(r"^\d+(?:[.,:/-]\d+)*$")
MAX_HEADING_CHARS = 120
MAX_HEADING_WORDS = 14
SHORT_LINE_RATIO = 0.6
TABLE_RUN = 3  # heading-like blocks in a row that make a table, not headings
TITLE_SCALE = 2  # a document's first line may be a title twice a heading's length


class Block(NamedTuple):
    start: int
    end: int
    kind: str


def is_list_item(line: str) -> bool:
    """A bullet ("•", "-", "*") or enumerator ("1.", "2)", "a.") followed by text."""
    match = _LIST_MARKER.match(line)
    return bool(match) and bool(line[match.end() :].strip())


def is_title_case(line: str) -> bool:
    """Every word but minor ones (articles, short prepositions) starts with a capital."""
    body = line[_LIST_MARKER.match(line).end() :] if _LIST_MARKER.match(line) else line
    words = _WORD.findall(body)
    if not words:
        return False
    major = [w for i, w in enumerate(words) if i == 0 or w.casefold() not in MINOR_WORDS]
    return all(w[0].isupper() for w in major)


def is_heading(line: str, *, title: bool = False) -> bool:
    """A short title-case line without final punctuation; a document's title (its first
    line, `title`) may be longer ("Readout of President Joe Biden's Meeting with Prime
    Minister Keir Starmer of the United Kingdom")."""
    text = line.strip()
    scale = TITLE_SCALE if title else 1
    if not text or len(text) > MAX_HEADING_CHARS * scale or _SENTENCE_END.search(text):
        return False
    if len(_WORD.findall(text)) > MAX_HEADING_WORDS * scale:
        return False
    return is_title_case(text)


def dateline_place(line: str) -> str | None:
    """The place part of a dateline ("BIRMINGHAM, England" of "BIRMINGHAM, England
    1997-03-15"): at most six capitalized words, commas between places."""
    match = _DATELINE.match(line.strip())
    if not match:
        return None
    place = match.group("place").strip(" ,")
    words = _WORD.findall(place)
    if not words or len(words) > 6 or _SENTENCE_END.search(place):
        return None
    if not all(w[0].isupper() or w.casefold() in MINOR_WORDS for w in words):
        return None
    return place


def is_table_row(line: str) -> bool:
    """A row of a results table ("Barnsley 2 Norwich 0", "Hearts 1 Celtic 1 (halftime
    0-0)"): numbers and capitalized words only (a parenthesis may hold any), at least one
    of each, no sentence punctuation."""
    return _row_numbers(line) > 0


def _row_numbers(line: str) -> int:
    """How many numbers a table row has ("3." a rank counts); 0 for a line that is no row."""
    text = line.strip()
    if not text or len(text) > MAX_HEADING_CHARS or _SENTENCE_END.search(text):
        return 0
    if is_caps_text(text):  # a headline in capitals ("BOEING SELLS 22 787S")
        return 0
    pieces = _PARENTHESIS.sub(" ", text).replace(",", " ").split()
    numbers = sum(bool(_NUMBER.match(p.rstrip("."))) for p in pieces)
    words = [p for p in pieces if not _NUMBER.match(p.rstrip("."))]
    if not numbers or not words or len(pieces) > 16:
        return 0
    return numbers if all(w[0].isupper() or not w[0].isalpha() for w in words) else 0


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of text[start:end], without edge white space."""
    spans = []
    position = start
    for raw in text[start:end].split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            spans.append((position + lead, position + lead + len(stripped)))
        position += len(raw) + 1
    return spans


def _own_line(line: str) -> bool:
    """A line that is a block of its own: a table row or a dateline."""
    return is_table_row(line) or dateline_place(line) is not None


def _hard_break(prev: str, nxt: str, longest: int, own_lines: bool = False) -> bool:
    """Whether a single line break between two lines of one paragraph ends a block
    (`own_lines`: either line is a table row or a dateline)."""
    if own_lines or _SENTENCE_END.search(prev) or is_list_item(nxt) or is_list_item(prev):
        return True
    if is_caps_text(prev) != is_caps_text(nxt):  # a headline in capitals over its text
        return True
    return len(prev) < SHORT_LINE_RATIO * longest


def segment(text: str) -> list[Block]:
    """The blocks of `text`, in order, each trimmed of surrounding white space."""
    blocks: list[Block] = []
    paragraph_start = 0
    bounds = [m.span() for m in _BLANK.finditer(text)] + [(len(text), len(text))]
    for blank_start, blank_end in bounds:
        lines = _lines(text, paragraph_start, blank_start)
        paragraph_start = blank_end
        if not lines:
            continue
        if len(lines) == 1:
            line = text[lines[0][0] : lines[0][1]]
            kind = _kind(line, alone=True, title=not blocks)
            blocks.append(Block(lines[0][0], lines[0][1], kind))
            continue
        longest = max(e - s for s, e in lines)
        own = [_own_line(text[s:e]) for s, e in lines]  # each line checked once
        group_start = lines[0][0]
        for k, ((s, e), (ns, ne)) in enumerate(zip(lines, lines[1:], strict=False)):
            if _hard_break(text[s:e], text[ns:ne], longest, own[k] or own[k + 1]):
                blocks.append(Block(group_start, e, _kind(text[group_start:e])))
                group_start = ns
        last_end = lines[-1][1]
        blocks.append(Block(group_start, last_end, _kind(text[group_start:last_end])))
    return _tables_are_not_headings(blocks)


def _kind(block: str, *, alone: bool = False, title: bool = False) -> str:
    """A block's kind; only a block between blank lines can be a heading."""
    if "\n" not in block and dateline_place(block):
        return DATELINE
    if alone and is_heading(block, title=title) and _row_numbers(block) < 2:  # "Chapter 3"
        return HEADING
    return LIST_ITEM if is_list_item(block) else PARAGRAPH


def _tables_are_not_headings(blocks: list[Block]) -> list[Block]:
    """Headings introduce text: `TABLE_RUN` or more heading-like blocks in a row are the
    rows of a table or a list of names ("Plymouth 2 Preston 1", one per line), not
    headings."""
    out = list(blocks)
    run_start = 0
    for i in range(len(blocks) + 1):
        if i < len(blocks) and blocks[i].kind == HEADING:
            continue
        if i - run_start >= TABLE_RUN:
            for j in range(run_start, i):
                out[j] = out[j]._replace(kind=PARAGRAPH)
        run_start = i + 1
    return out

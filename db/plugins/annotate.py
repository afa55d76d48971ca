"""Nest an article's tags inside its blocks and render them as escaped HTML.

Pure functions (no Datasette, no database) so tests can call them directly; the
`article_page` plugin feeds them rows. Tags may nest or cross: HTML elements must
nest, so a tag that crosses the end of an enclosing tag (or of a paragraph) is cut
into fragments that share its key. Every piece of article text and every attribute
value is escaped here; nothing from the database reaches the page unescaped.
Named tuples, not dataclasses: Datasette loads this folder's files without
registering them in `sys.modules`, which dataclasses need.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from markupsafe import Markup, escape

_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_ATTRIBUTE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_CSS_CLASS_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
_END_PUNCTUATION = ".!?:;,"
_CLOSERS = "\"'”’»)]*_ "
_LIST_MARKERS = ("- ", "* ", "• ")


class Tag(NamedTuple):
    """One annotation to draw: its span, its layer and the HTML attributes of its element.

    `rank` orders tags with the same span (lower is outer). `attrs` are plain strings;
    they are escaped when rendered.
    """

    key: str
    layer: str
    start: int
    end: int
    rank: int = 0
    attrs: Mapping[str, str] = {}


class Node(NamedTuple):
    """A fragment of a tag in the element tree (`first` is the fragment where it starts)."""

    tag: Tag
    start: int
    end: int
    first: bool
    children: list[Node]


class Block(NamedTuple):
    """A paragraph or heading of the article: text[start:end] without the blank lines."""

    start: int
    end: int
    kind: str = "paragraph"


def css_class(value: str) -> str:
    """A class-name-safe form of a label ("WORK_OF_ART", "military_aid", anything else)."""
    return _CSS_CLASS_UNSAFE.sub("_", value) or "_"


def guess_kind(text: str) -> str:
    """Heading or paragraph for a block when no segmenter recorded its kind.

    A heading is a Markdown `#` line, or one short line that does not end like a
    sentence ("Why Trump Changed Course", "2. Domestic Pressure for Harsher Sanctions").
    """
    stripped = text.strip()
    if stripped.startswith("#"):
        return "heading"
    if "\n" in stripped or len(stripped) > 120 or stripped.startswith(_LIST_MARKERS):
        return "paragraph"
    core = stripped.rstrip(_CLOSERS)
    if not core or core[-1] in _END_PUNCTUATION or len(core.split()) > 16:
        return "paragraph"
    return "heading"


def split_blocks(text: str, kinds: Mapping[int, str] | None = None) -> list[Block]:
    """The article's blocks: runs of text separated by blank lines.

    `kinds` maps a character offset to a block kind recorded by the pipeline
    (`sentences.kind`); a block takes the kind of the first offset inside it, else a guess.
    """
    kinds = kinds or {}
    known = sorted(kinds.items())
    blocks = []
    position = 0
    for gap in [*_BLANK_LINES.finditer(text), None]:
        end = gap.start() if gap else len(text)
        start = position
        while start < end and text[start].isspace():
            start += 1
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if start < stop:
            kind = next((k for offset, k in known if start <= offset < stop and k), None)
            if kind not in ("heading", "paragraph", "list_item", "dateline"):
                kind = guess_kind(text[start:stop])
            blocks.append(Block(start, stop, kind))
        position = gap.end() if gap else len(text)
    return blocks


def nest(tags: Iterable[Tag], start: int, end: int) -> list[Node]:
    """The tags inside [start, end) as a properly nested forest of fragments.

    Tags are visited by start, longer first, then `rank`. A tag that runs past the end
    of the tag it starts in is cut there and its remainder is visited again later,
    so crossing tags become adjacent fragments instead of invalid HTML.
    """
    queue: list[tuple[int, int, int, int, Tag]] = []
    for order, tag in enumerate(tags):
        lo, hi = max(tag.start, start), min(tag.end, end)
        if lo < hi:
            queue.append((lo, -hi, tag.rank, order, tag))
    heapq.heapify(queue)
    root = Node(Tag("", "", start, end), start, end, True, [])
    stack = [root]
    while queue:
        lo, negative_hi, rank, order, tag = heapq.heappop(queue)
        hi = -negative_hi
        while stack[-1] is not root and stack[-1].end <= lo:
            stack.pop()
        parent = stack[-1]
        if hi > parent.end:
            heapq.heappush(queue, (parent.end, negative_hi, rank, order, tag))
            hi = parent.end
        node = Node(tag, lo, hi, lo == tag.start, [])
        parent.children.append(node)
        stack.append(node)
    return root.children


def _open(node: Node) -> Markup:
    tag = node.tag
    attrs = dict(tag.attrs)
    classes = ["tag", css_class(tag.layer), *attrs.pop("class", "").split()]
    if not node.first:
        classes.append("tag-cont")
    parts = [f'class="{escape(" ".join(classes))}"', f'data-tag="{escape(tag.key)}"']
    parts.append('tabindex="0"' if node.first else 'tabindex="-1"')
    for name, value in attrs.items():
        if not _ATTRIBUTE_NAME.match(name) or name.startswith("on") or value is None:
            continue
        parts.append(f'{name}="{escape(value)}"')
    return Markup(f"<span {' '.join(parts)}>")


def _render(text: str, nodes: Sequence[Node], start: int, end: int, out: list[str]) -> None:
    position = start
    for node in nodes:
        out.append(escape(text[position : node.start]))
        out.append(_open(node))
        _render(text, node.children, node.start, node.end, out)
        out.append("</span>")
        position = node.end
    out.append(escape(text[position:end]))


def render_article(text: str, blocks: Sequence[Block], tags: Sequence[Tag]) -> Markup:
    """The article as HTML blocks (h2 for headings, p otherwise) with nested tag elements."""
    out: list[str] = []
    for block in blocks:
        element = "h2" if block.kind == "heading" else "p"
        kind = css_class(block.kind)
        out.append(f'<{element} class="sc-block sc-{kind}" data-start="{block.start}">')
        _render(text, nest(tags, block.start, block.end), block.start, block.end, out)
        out.append(f"</{element}>\n")
    return Markup("".join(str(piece) for piece in out))

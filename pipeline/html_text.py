"""Main text and metadata of an HTML article, through trafilatura.

Kept apart from `readers` because the text layout is a choice of its own: trafilatura's
txt output separates paragraphs *and* <br> with one "\\n" and its markdown output escapes
characters, so the text is rebuilt from its XML tree instead.
"""

from __future__ import annotations

from typing import Any

import trafilatura

_BLOCK_TAGS = {"p", "head", "list", "table", "quote", "div", "code"}


def _inline(el: Any) -> str:
    parts = [el.text or ""]
    for child in el:
        parts.append("\n" if child.tag == "lb" else _render(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _render(el: Any) -> str:
    if el.tag == "list":
        return "\n".join(_inline(item).strip() for item in el.findall("item"))
    if el.tag == "table":
        rows = (row.findall("cell") for row in el.iter("row"))
        return "\n".join("\t".join(_inline(c).strip() for c in cells) for cells in rows)
    return _inline(el)


def _blocks(el: Any, out: list[str]) -> None:
    for child in el:
        if child.tag not in ("list", "table") and any(g.tag in _BLOCK_TAGS for g in child):
            out.append(child.text or "")
            _blocks(child, out)
        else:
            out.append(_render(child))
        out.append(child.tail or "")


def extract_html(raw: bytes) -> tuple[str, dict]:
    """Body text and metadata of an HTML page; the body is "" when no main text is found.

    Paragraphs, headings, lists and tables are blocks joined by a blank line ("\\n\\n"),
    <br> is "\\n", list items are lines, table cells are tab-separated. A leading heading
    equal to the title is dropped (the title lives in meta, as for Markdown).
    """
    doc = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        # default date search guesses a date from the body text: not a publication date
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(doc, "body", None)
    parts: list[str] = []
    if body is not None:
        _blocks(body, parts)
    blocks = [b for b in ("\n".join(x.rstrip() for x in p.split("\n")).strip() for p in parts) if b]
    title = getattr(doc, "title", None)
    if blocks and title and blocks[0].split() == title.split():
        blocks = blocks[1:]
    meta = {
        "title": title,
        "author": getattr(doc, "author", None),
        "source": getattr(doc, "sitename", None),
        "url": getattr(doc, "url", None),
        "published": getattr(doc, "date", None),
    }
    return "\n\n".join(blocks), meta

"""Legal instruments named by their number are laws (LAW).

Sanctions and trade texts cite their legal basis by number: "Executive Order (E.O.)
14024", "E.O. 13660", "Resolution 2231", "Council Regulation (EU) No 833/2014",
"Proclamation 9705", "Directive 2014/65/EU". The small model tags the number as a
CARDINAL, or "E.O." as an ORG, and misses the law; the form of the citation settles it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from pipeline.entities.corrections import Cand
from pipeline.entities.tokens import TokenView

_KINDS = (
    r"Executive Orders?|E\.\s?O\.|Presidential Proclamation|Proclamation|"
    r"(?:(?:(?:UN|U\.N\.|United Nations) )?(?:Security Council|General Assembly) |UNSC )?"
    r"Resolution|"
    r"(?:Council |Commission )?(?:Implementing )?(?:Regulation|Directive|Decision)"
)
_CITED = re.compile(
    rf"\b(?:{_KINDS})(?:\s*\((?:E\.\s?O\.|EU|EC|CFSP)\))?\s+(?:No\.?\s*)?"
    r"(?:\d{2,6}(?:/\d{2,4})*(?:/(?:EU|EC|CFSP))?)\b"
)
_QUICK = ("Order", "E.O", "E. O", "Resolution", "Regulation", "Directive", "Decision", "Proclam")


def numbered_laws(view: TokenView, cands: list[Cand]) -> list[Cand]:
    """`cands` with each numbered legal instrument of the text as one LAW, in place of
    the candidates it overlaps."""
    text = view.text
    if not any(word in text for word in _QUICK):
        return cands
    starts, ends = view.starts, view.ends
    laws: list[Cand] = []
    for match in _CITED.finditer(text):
        first = bisect_left(starts, match.start())
        last = bisect_right(ends, match.end())
        if first < last and starts[first] == match.start() and ends[last - 1] == match.end():
            laws.append(Cand(first, last, "LAW", source="citation"))
    if not laws:
        return cands
    kept = [c for c in cands if not any(c.overlaps(law) for law in laws)]
    return sorted(kept + laws, key=lambda c: (c.start, -c.end))

"""Legal instruments named by their number or a statute's title are laws (LAW).

Sanctions and trade texts cite their legal basis by number: "Executive Order (E.O.)
14024", "E.O. 13660", "Resolution 2231", "Council Regulation (EU) No 833/2014",
"Proclamation 9705", "Directive 2014/65/EU", "P.L. 117-128", "resolution 2700 (2023)",
"H.R. 815".
The small model tags the number as a
CARDINAL, or "E.O." as an ORG, and misses the law; the form of the citation settles it.
A statute whose title has parenthesized parts ("the Economic Crime (Transparency and
Enforcement) Act") is one LAW too: the model stops at the parenthesis.
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
# US public laws ("Public Law 117-128", "P.L. 117-128", "Pub. L. 117-128") and UN
# resolutions cited in lower case with their year or council ("resolution 2700 (2023)",
# "Security Council resolution 2231")
_OTHER_CITED = re.compile(
    r"\b(?:Public\s+Law|Pub\.\s?L\.|P\.\s?L\.)\s+\d{2,3}[-–]\d{1,3}\b"
    r"|\b(?:(?:Security\s+Council|UNSC|General\s+Assembly)\s+)resolutions?\s+\d{3,4}\b"
    r"|\bresolution\s+\d{3,4}(?=\s*\(\d{4}\))"
    # bills of the US Congress: "H.R. 815", "S. 722", "H.Res. 1130"
    r"|(?<![\w.])(?:H\.\s?R\.|S\.|H\.\s?Res\.|S\.\s?Res\.)\s\d{1,4}\b"
)
_QUICK = ("Order", "E.O", "E. O", "Resolution", "Regulation", "Directive", "Decision", "Proclam")
# words without which `_OTHER_CITED` cannot match ("S." alone is in every "U.S.")
_OTHER_QUICK = ("resolution", "Law", "L.", "S. ", "S.Res", "H.")

# British and Commonwealth statutes carry parenthesized parts in their titles: "the
# Economic Crime (Transparency and Enforcement) Act 2022", "the Russia (Sanctions) (EU
# Exit) Regulations 2019"; the model stops at the parenthesis.
_WORD = r"[A-Z][\w'’-]*"
# at most eight words per part: a statute's title is short, and a bound keeps the scan
# linear on long runs of capitalized words
_WORDS = rf"{_WORD}(?:\s+(?:(?:and|of|for|on|to|the|in|&)\s+)?{_WORD}){{0,7}}"
_STATUTE = re.compile(
    rf"\b{_WORDS}(?:\s*\({_WORDS}\))+(?:\s+{_WORDS})??"
    r"\s+(?:Act|Regulations|Order|Rules|Bill)(?:\s+\d{4})?\b"
)


def numbered_laws(view: TokenView, cands: list[Cand]) -> list[Cand]:
    """`cands` with each numbered legal instrument of the text as one LAW, in place of
    the candidates it overlaps."""
    text = view.text
    matches = list(_CITED.finditer(text)) if any(word in text for word in _QUICK) else []
    if any(word in text for word in _OTHER_QUICK):
        matches += _OTHER_CITED.finditer(text)
    if "(" in text:
        matches += _STATUTE.finditer(text)
    if not matches:
        return cands
    starts, ends = view.starts, view.ends
    laws: list[Cand] = []
    for match in matches:
        first = bisect_left(starts, match.start())
        last = bisect_right(ends, match.end())
        if first < last and starts[first] == match.start() and ends[last - 1] == match.end():
            while first < last and view[first].is_stop:  # "The Russia (Sanctions) …"
                first += 1
            if not any(first < law.end and law.start < last for law in laws):
                laws.append(Cand(first, last, "LAW", source="citation"))
    if not laws:
        return cands
    kept = [c for c in cands if not any(c.overlaps(law) for law in laws)]
    return sorted(kept + laws, key=lambda c: (c.start, -c.end))

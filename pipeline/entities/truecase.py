"""Case restoration for lines written in capitals (headlines, datelines, banners).

The base model reads casing as evidence: "JAPAN GET LUCKY WIN" gives it nothing to
tell a name from a verb, so it misses or mislabels names there. Each all-caps word is
given the casing it most likely has in running text, decided in this order:

1. the document itself: the spelling the word has elsewhere in the text (not at a
   sentence start), the strongest evidence ("JAPAN" → "Japan" when the body says
   "Japan"; "NATO" stays when the body writes "NATO");
2. English usage: case-sensitive word probabilities from spaCy's lexeme table
   (`spacy-lookups-data`, `en_lexeme_prob`): "WIN" → "win", "SYRIA" → "Syria"; the
   capitals stay when that spelling is nearly as common as any other ("US", "UN");
3. otherwise a word in no table is a name: title case ("LEICESTERSHIRE").

The first word of each sentence is capitalized. A run of capitals inside a sentence is a
name written in capitals and is recased as a name instead (`restore_name`). Only the
case of letters changes and every word keeps its length, so offsets in the restored
text are the original's.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

# log-probability margin within which the all-caps spelling is kept ("US" vs "us")
UPPER_MARGIN = 1.5
# entries rarer than this are left out of the table (the long tail is noise)
MIN_LOG_PROB = -18.0
# a block is "in capitals" when this share of its cased words are all upper case
CAPS_SHARE = 0.6
MAX_CAPS_BLOCK = 300  # characters: headlines and datelines; longer blocks are prose
MIN_RUN_WORDS = 3  # capitals words in a row that make a headline inside running text

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_BREAK = re.compile(r"[.!?]['\"’”)]*\s|\n")
# a cheap test before the word-by-word one: two capital letters in a row
_CAPS_PAIR = re.compile(r"[^\W\d_a-z\u00df-\u00ff]{2}")


def compile_case_table(probs: Mapping[str, float]) -> dict[str, str]:
    """Folded word → the spelling an all-caps occurrence of it gets (step 2 of the module
    docstring), from case-sensitive log probabilities. Only alphabetic words above
    `MIN_LOG_PROB` count; a word whose answer would not keep its length is left out."""
    forms: dict[str, list[tuple[str, float]]] = {}
    for form, prob in probs.items():
        if prob >= MIN_LOG_PROB and form.replace("-", "").replace("'", "").isalpha():
            forms.setdefault(form.casefold(), []).append((form, prob))
    table: dict[str, str] = {}
    for key, spellings in forms.items():
        best, best_prob = max(spellings, key=lambda f: f[1])
        upper = key.upper()
        upper_prob = next((p for f, p in spellings if f == upper), None)
        if upper_prob is not None and upper_prob >= best_prob - UPPER_MARGIN:
            best = upper  # the capitals are nearly as common as any spelling ("US")
        if len(best) == len(upper):
            table[key] = best
    return table


@lru_cache(maxsize=1)
def case_table() -> Mapping[str, str]:
    """`compile_case_table` of spaCy's English lexeme probabilities
    (`spacy_lookups_data`, `en_lexeme_prob`), read once per process (~1 s)."""
    data = resources.files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"
    return compile_case_table(dict(_entries(gzip.decompress(data.read_bytes()).decode("utf-8"))))


_ENTRY = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:\s*(-?[0-9.eE+-]+)')


def _entries(text: str) -> Iterator[tuple[str, float]]:
    """The word → log probability pairs of the flat JSON object, above the floor.

    Scanned rather than `json.loads`: the whole table is a million entries, and building
    it as one dict kept about 120 MB resident in every process that met capitals."""
    for match in _ENTRY.finditer(text):
        prob = float(match.group(2))
        if prob < MIN_LOG_PROB:
            continue
        word = match.group(1)
        yield (json.loads(f'"{word}"') if "\\" in word else word), prob


def is_caps_text(text: str) -> bool:
    """Whether a block is written in capitals: most of its cased words are all upper
    case, at least one of them longer than an initialism, and no word of running text
    (lower case, longer than a function word) among them."""
    if len(text) > MAX_CAPS_BLOCK:
        return False
    words = [w for w in _WORD.findall(text) if w.upper() != w.lower()]
    upper = [w for w in words if w.isupper() and len(w) > 1]
    if not upper or not any(len(w) > 3 for w in upper):
        return False
    if any(w.islower() and len(w) > 3 for w in words):
        return False  # running text ("designated JOINT STOCK COMPANY ... today")
    return len(upper) >= CAPS_SHARE * len(words)


def caps_runs(text: str, *, min_words: int = MIN_RUN_WORDS) -> list[tuple[int, int]]:
    """`(start, end)` of runs of words in capitals inside mixed-case text (a headline
    run into its article: "SOCCER - JAPAN GET LUCKY WIN . Japan began ..."): at least
    `min_words` all-caps words in a row, one of them longer than an initialism."""
    runs: list[tuple[int, int]] = []
    current: list[re.Match] = []

    def close() -> None:
        capitals = [m.group(0) for m in current if len(m.group(0)) > 1]
        if len(capitals) >= min_words and any(len(w) > 3 for w in capitals):
            runs.append((current[0].start(), current[-1].end()))
        current.clear()

    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.upper() == word.lower():
            continue  # no letters with case: neither breaks nor extends a run
        if word.isupper():
            current.append(match)
        else:
            close()
    close()
    return runs


class Segment(NamedTuple):
    """Text in capitals to re-read: `start:end`, inside the block `block_start:block_end`.
    `inline`: a run of capitals inside a sentence (a name written in capitals,
    "designated JOINT STOCK COMPANY KALASHNIKOV CONCERN"), not a headline or a line."""

    start: int
    end: int
    block_start: int
    block_end: int
    inline: bool


def caps_segments(text: str, blocks: Iterable[tuple[int, int]]) -> list[Segment]:
    """The parts of `text` to recase: whole blocks in capitals, and runs of capitals
    inside the other blocks (a run that opens its block is a headline; one further in
    is inline)."""
    segments: list[Segment] = []
    if len(_CAPS_PAIR.findall(text)) < 2:
        return segments  # every capitals word or run has two pairs of capitals at least
    for start, end in blocks:
        block = text[start:end]
        if len(_CAPS_PAIR.findall(block)) < 2:
            continue
        if is_caps_text(block):
            segments.append(Segment(start, end, start, end, False))
            continue
        for s, e in caps_runs(block):
            inline = bool(_WORD.search(block[:s]))
            segments.append(Segment(start + s, start + e, start, end, inline))
    return segments


def document_spellings(words: Iterable[str]) -> dict[str, str]:
    """Folded word → its most frequent spelling among `words` (running text, no
    sentence-initial words, nothing from capitals lines)."""
    counts: dict[str, Counter[str]] = {}
    for word in words:
        counts.setdefault(word.casefold(), Counter())[word] += 1
    return {key: forms.most_common(1)[0][0] for key, forms in counts.items()}


def _title(word: str) -> str:
    """ "AL-AIN" → "Al-Ain", "O'NEILL" → "O'Neill"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), word)


def restore_word(word: str, spellings: Mapping[str, str], table: Mapping[str, str]) -> str:
    """The running-text casing of one all-caps word (see the module docstring)."""
    if not word.isupper() or len(word) < 2:
        return word
    key = word.casefold()
    seen = spellings.get(key)
    if seen is not None and len(seen) == len(word):
        return seen
    form = table.get(key)
    if form is None and "-" in word.strip("-"):  # "PROFIT-TAKING": its parts decide
        return "-".join(restore_word(part, spellings, table) for part in word.split("-"))
    if form is None:
        return _title(word)
    return form if len(form) == len(word) else word


# words that stay lower case inside a title-case name or heading (English function
# words and the particles of names: "Ludwig van Beethoven", "Banco de Portugal")
MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of off on onto or over per than the to up "
    "upon via vs with within without de del der des di du la le van von y".split()
)


def restore_name(
    text: str,
    spellings: Mapping[str, str],
    table: Mapping[str, str] | None = None,
) -> str:
    """A name written in capitals, recased as a name: "JOINT STOCK COMPANY KALASHNIKOV
    CONCERN" → "Joint Stock Company Kalashnikov Concern". Each word takes the document's
    spelling, else stays in capitals where that spelling is common ("OAO", "LLC"), else
    title case; short function words go lower case inside the name."""
    table = case_table() if table is None else table
    pieces: list[str] = []
    position = 0
    for index, match in enumerate(_WORD.finditer(text)):
        pieces.append(text[position : match.start()])
        word = match.group(0)
        restored = word
        if word.isupper() and len(word) > 1:
            restored = restore_word(word, spellings, table)
            if restored[:1].islower():  # a common word: a name's word all the same
                minor = index > 0 and word.casefold() in MINOR_WORDS
                restored = word.lower() if minor else _title(word)
        pieces.append(restored if len(restored) == len(word) else word)
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def restore_text(
    text: str,
    spellings: Mapping[str, str],
    table: Mapping[str, str] | None = None,
) -> str:
    """`text` (one block in capitals) with each all-caps word recased, and the first
    word of each sentence capitalized; same length."""
    table = case_table() if table is None else table
    pieces: list[str] = []
    position = 0
    first = True
    previous = ""
    for match in _WORD.finditer(text):
        between = text[position : match.start()]
        pieces.append(between)
        # a sentence ends at ". " unless the period closes an initial ("U.S. ENVOYS")
        first = first or (bool(_SENTENCE_BREAK.search(between)) and len(previous) > 1)
        word = previous = match.group(0)
        restored = restore_word(word, spellings, table)
        if first and word.isupper():
            restored = restored[:1].upper() + restored[1:]
        first = False
        pieces.append(restored if len(restored) == len(word) else word)
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)

"""What a name's neighbours in its sentence say about it.

Lists: the names of one list are things of one kind. "Burkina Faso, Chad, Mali,
Mauritania and Niger" lists countries, so the model's PERSON for "Niger" is wrong;
"Britney Spears, Jamie Foxx, Paris Hilton, Shaquille O'Neal" lists people, so "Paris
Hilton" is no ORG. A member the knowledge base does not link takes the label that at
least three other members share and no more than one member contradicts.

Place chains: "Grantham, Lincolnshire, England" names places, each inside the next.

Workplaces: "analysts at Jardine Fleming", "an economist with Barings": where a worker
works is an organization, which the model reads as a person by its look.

Definitions: "the Movement for the Survival of the Ogoni People (MOSOP)": a capitalized
phrase whose initials spell the acronym in parentheses after it is a name, which the
model may miss altogether.

Aliases: "Mohamed Hamdan Dagalo, known as Hemedti", "Adilson Tavares Varela, commonly
known as Cabral": the alias names what the name before it names, with its label, in
every mention of the document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from pipeline.entities.corrections import NAME_LABELS, Cand
from pipeline.entities.linking import ACRONYM, DEFINED_ACRONYM
from pipeline.entities.tokens import TokenView
from pipeline.entities.truecase import case_table

# labels the small model confuses with each other on unfamiliar names
_CONFUSABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_SEPARATORS = frozenset({",", ";", "and", "or", "&"})
_MIN_AGREEING = 3
_ALIAS_CUES = frozenset({"nicknamed", "aka", "a.k.a.", "alias", "dubbed"})
_ALIAS_ADVERBS = frozenset({"also", "better", "commonly", "popularly", "widely", "simply", ","})


def name_lists(view: TokenView, cands: list[Cand]) -> list[list[Cand]]:
    """Runs of two or more name candidates separated by nothing but commas, semicolons
    and conjunctions (no line break, no other word)."""
    lowers = view.lowers
    names = sorted((c for c in cands if c.label in _CONFUSABLE), key=lambda c: c.start)
    runs: list[list[Cand]] = []
    run: list[Cand] = []
    for cand in names:
        if run:
            gap = lowers[run[-1].end : cand.start]
            if not gap or not all(word in _SEPARATORS for word in gap):
                if len(run) > 1:
                    runs.append(run)
                run = []
        run.append(cand)
    if len(run) > 1:
        runs.append(run)
    return runs


def harmonize_lists(view: TokenView, cands: list[Cand]) -> None:
    """Give an unlinked list member the label its list agrees on (see the module)."""
    for run in name_lists(view, cands):
        if len(run) < _MIN_AGREEING + 1:
            continue
        counts = Counter(c.label for c in run)
        (label, agreeing), *others = counts.most_common()
        dissent = sum(n for _, n in others)
        if agreeing < _MIN_AGREEING or dissent > 1:
            continue
        for cand in run:
            if cand.label != label and cand.entity is None:
                cand.label = label


def place_chains(view: TokenView, cands: list[Cand]) -> None:
    """ "Grantham, Lincolnshire, England", "Maitland, Florida": names parted by single
    commas that end in a place the knowledge base knows are places, each inside the
    next (GPE; see `_placeable`). A list is no chain: it has a conjunction before its
    last member ("Apple, Google and China") or goes on after it."""
    lowers = view.lowers
    names = sorted((c for c in cands if c.label in NAME_LABELS), key=lambda c: c.start)
    chain: list[Cand] = []
    for k, cand in enumerate(names):
        if chain and not (cand.start == chain[-1].end + 1 and lowers[chain[-1].end] == ","):
            chain = []
        chain.append(cand)
        last = cand.entity is not None and cand.entity.label == "GPE"
        if not last or len(chain) < 2:
            continue
        after = cand.end
        if after < len(view) and lowers[after] in _SEPARATORS:
            following = names[k + 1] if k + 1 < len(names) else None
            if following is not None and following.start <= after + 2:
                chain = []  # the list goes on: "Chad, Mali, Niger and …"
                continue
        for member in chain[:-1]:
            if member.entity is None and _placeable(member):
                member.label = "GPE"
        chain = []


def _placeable(cand: Cand) -> bool:
    """A chain member the model may have misread as no place: a person or group, or a
    one-word organization; a longer organization or a facility stands ("Torrejon Air Base,
    Spain")."""
    if cand.label in ("PERSON", "NORP"):
        return True
    return cand.label == "ORG" and cand.end - cand.start == 1


# people named by their work, by lemma: "analysts at X", "an economist with X"
_WORKERS = frozenset(
    "analyst economist strategist trader dealer broker banker researcher official executive "
    "spokesman spokeswoman spokesperson employee engineer lawyer partner director chairman "
    "professor scientist".split()
)


def workplaces(view: TokenView, cands: list[Cand]) -> None:
    """A person's name after "<worker> at|with" is where the worker works: an ORG, in
    every mention (see the module)."""
    relabel: set[str] = set()
    for cand in cands:
        if cand.label != "PERSON" or cand.entity is not None or cand.start < 2:
            continue
        if view.lowers[cand.start - 1] not in ("at", "with"):
            continue
        worker = view[cand.start - 2]
        if worker.pos_ == "NOUN" and worker.lemma_.lower() in _WORKERS:
            relabel.add(view.text_of(cand.start, cand.end))
    if not relabel:
        return
    for cand in cands:
        if cand.label == "PERSON" and cand.entity is None:
            if view.text_of(cand.start, cand.end) in relabel:
                cand.label = "ORG"


def alias_labels(view: TokenView, cands: list[Cand]) -> None:
    """An alias after "known as", "nicknamed", "a.k.a." takes the label of the name it
    follows, in every mention (see the module)."""
    lowers = view.lowers
    if not any(word == "known" or word in _ALIAS_CUES for word in lowers):
        return
    by_end = {c.end: c for c in cands if c.label in _CONFUSABLE}
    relabel: dict[str, str] = {}
    for cand in cands:
        if cand.entity is not None or cand.label not in _CONFUSABLE:
            continue
        k = cand.start - 1
        if k >= 1 and lowers[k] == "as" and lowers[k - 1] == "known":
            k -= 2
        elif k >= 0 and lowers[k] in _ALIAS_CUES:
            k -= 1
        else:
            continue
        while k >= 0 and lowers[k] in _ALIAS_ADVERBS:
            k -= 1
        named = by_end.get(k + 1)
        if named is not None and named is not cand and named.label != cand.label:
            relabel[view.text_of(cand.start, cand.end)] = named.label
    if not relabel:
        return
    for cand in cands:
        if cand.entity is None and cand.label in _CONFUSABLE:
            cand.label = relabel.get(view.text_of(cand.start, cand.end), cand.label)


# words an acronym may skip or spell ("Organization for Security and Co-operation in
# Europe": OSCE; "Movement for the Survival of the Ogoni People": MOSOP; "Jama'at Nusrat
# al-Islam wal-Muslimin": JNIM)
_MINOR = frozenset("of the for and on in de du des la le to at & al el wal bin ibn".split())
_HEAD_LABELS = frozenset({"ORG", "LAW", "FAC", "LOC", "designator", "team"})
_MAX_PHRASE = 14


def defined_names(view: TokenView, cands: list[Cand], heads: Mapping[str, str]) -> list[Cand]:
    """`cands` with each capitalized phrase that a parenthesized acronym after it spells
    as one name (see the module): an ORG, or what its last word says ("… Act": LAW);
    the acronym too, wherever the model left it untagged.
    A phrase of common words only ("Liquefied Natural Gas (LNG)") is a concept, not a
    name, unless its last word says what it names; a phrase a name already covers, or
    that a known name overlaps, is left alone."""
    if not DEFINED_ACRONYM.search(view.text):
        return cands
    lowers = view.lowers
    added: list[Cand] = []
    defined: dict[str, str] = {}  # acronym (lower case, as `lowers` has it) → label
    for i in range(2, len(lowers) - 1):
        if lowers[i - 1] != "(" or lowers[i + 1] != ")":
            continue
        acronym = view.text_of(i, i + 1)
        if not ACRONYM.match(acronym):
            continue
        end = i - 1
        start = _spelled(view, end, acronym.replace("-", "").replace("&", ""))
        if start is None:
            continue
        inside = [c for c in cands if c.start < end and start < c.end and c.label in NAME_LABELS]
        if any(c.entity is not None or c.start < start or c.end > end for c in inside):
            continue
        if any((c.start, c.end) == (start, end) for c in inside):
            continue
        head = heads.get(view.text_of(end - 1, end))
        if head not in _HEAD_LABELS and not _proper_word(view, start, end):
            continue
        label = head if head in ("LAW", "FAC", "LOC") else "ORG"
        added.append(Cand(start, end, label, source="definition"))
        defined[lowers[i]] = label
    if not added:
        return cands
    # the acronym names the same thing, in the parentheses and wherever it recurs
    taken = {k for c in cands for k in range(c.start, c.end)}
    for k, lower in enumerate(lowers):
        if lower in defined and k not in taken and ACRONYM.match(view.text_of(k, k + 1)):
            added.append(Cand(k, k + 1, defined[lower], source="definition"))
    kept = [c for c in cands if not any(c.overlaps(a) for a in added)]
    return sorted(kept + added, key=lambda c: (c.start, -c.end))


def _spelled(view: TokenView, end: int, letters: str) -> int | None:
    """The start of the longest capitalized phrase ending at `end` whose initials spell
    `letters` (minor words may spell a letter or none; a hyphen glues a word on)."""
    best = None
    for start in range(end - 1, max(-1, end - 1 - _MAX_PHRASE), -1):
        token = view[start]
        if token.is_space or not (_wordlike(token.text) or token.text in ("-", "&")):
            break
        if not (_wordlike(token.text) and token.text[:1].isupper()):
            continue
        words = _phrase_words(view, start, end)
        if words is not None and _spells(tuple(words), letters.upper()):
            best = start
    return best


def _phrase_words(view: TokenView, start: int, end: int) -> list[tuple[str, bool]] | None:
    """(upper-cased word, minor) for each word of the phrase; None when a word is no
    name word."""
    words: list[tuple[str, bool]] = []
    k = start
    while k < end:
        text = view[k].text
        if text == "-" and k + 1 < end and not view[k].whitespace_:
            # "Co-operation": a lower-case part after a hyphen spells nothing;
            # "al-Islam": a capitalized one is a word of its own
            k += 1 if view[k + 1].text[:1].isupper() else 2
            continue
        lower = text.lower()
        if lower in _MINOR:
            words.append((text.upper(), True))
        elif _wordlike(text) and text[:1].isupper():
            words.append((text.upper(), False))
        else:
            return None
        k += 1
    return words


def _wordlike(text: str) -> bool:
    """Letters, with an apostrophe inside ("Jama'at", "O'Neill")."""
    return text.replace("'", "").replace("’", "").isalpha()


@lru_cache(maxsize=4096)
def _spells(words: tuple[tuple[str, bool], ...], letters: str) -> bool:
    """Whether the words spell the letters: a name word its first letter or two
    ("MOvement … (MOSOP)"), a minor word its first letter or none."""
    if not words:
        return not letters
    (word, minor), rest = words[0], words[1:]
    if minor and _spells(rest, letters):
        return True
    if not letters or letters[0] != word[0]:
        return False
    if _spells(rest, letters[1:]):
        return True
    two = not minor and len(word) > 1 and letters[1:2] == word[1]
    return two and _spells(rest, letters[2:])


def _proper_word(view: TokenView, start: int, end: int) -> bool:
    """Some word of the phrase is one English writes capitalized ("Ogoni", "Sudanese")."""
    table = case_table()
    for k in range(start, end):
        text = view[k].text
        if view[k].is_alpha and text[:1].isupper() and text.lower() not in _MINOR:
            usual = table.get(text.lower())
            if usual is None or usual[:1].isupper():
                return True
    return False

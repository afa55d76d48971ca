"""Titles, roles and portfolios: the words of an office are not the names of actors.

"Secretary of [State]", "[Trade] Representative": the office in a title names nothing;
"the Foreign Ministers of Georgia" and "NATO Heads of State and Government": people who
act for an actor are no part of its name; "Under Secretary of the Treasury for
[Terrorism and Financial Intelligence]": what an official is responsible for is no
organization, nor is a portfolio before a minister's title ("[Agriculture] Minister"); a
known name, a title and a person run together are two names ("[India] Shri [Jagdeep
Dhankhar]"). The title words are data (`titles:` in `pipeline/data/kb_actors.yml`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.entities.tokens import view_of


def strip_titles(doc: Doc, start: int, end: int, titles: frozenset[str], kb) -> int:
    """New start of a PERSON span after leading titles, and nationality words that
    precede a title ("Ukrainian President Volodymyr Zelenskyy" → "Volodymyr Zelenskyy")."""
    while end - start > 1:
        lower = doc[start].lower_
        plural = lower.endswith("s") and lower[:-1] in titles  # "Generals Zaluzhny and …"
        if lower in titles or plural or (lower in ("of", "the", "-") and start > 0):
            start += 1
            continue
        entity = kb.lookup(doc[start].text)
        nationality = entity is not None and entity.kind in ("demonym", "country", "group")
        if nationality and doc[start + 1].lower_ in titles:
            start += 1
            continue
        break
    return start


def in_title(doc: Doc, start: int, end: int, titles: frozenset[str]) -> bool:
    """The office in a title, not a name of its own: "State" in "Secretary of State
    Marco Rubio", "the Treasury" in "Secretary of the Treasury", "Trade" in "Trade
    Representative", a title of title words only before a person's name."""
    lowers = view_of(doc).lowers
    words = [w for w in lowers[start:end] if w != "the"]
    if not words or not all(w in titles for w in words):
        return False
    if end < len(doc) and doc[end].lower_ in titles and doc[end].text[:1].isupper():
        return True  # "Trade" in "U.S. Trade Representative Katherine Tai"
    if end < len(doc) and doc[end].ent_type_ == "PERSON" and doc[end].ent_iob_ == "B":
        return True  # "National Security Advisor" before "Jacob Sullivan"
    i = start - 1
    while i >= 0 and lowers[i] == "the":
        i -= 1
    return i >= 1 and lowers[i] == "of" and lowers[i - 1] in titles


# words of roles besides the titles: "the Heads of State and Government of …"
_ROLE_WORDS = frozenset({"head", "heads", "government", "governments", "states", "and", "of"})
# title words that also name a department alone ("Commerce added 11 entities")
OFFICES = frozenset(
    "treasury commerce state interior finance trade defense defence foreign security "
    "national justice".split()
)


def portfolio(doc, start: int, end: int, label: str, titles: frozenset[str], kb) -> bool:
    """What an official is responsible for, named in the title: "Terrorism and Financial
    Intelligence" in "Under Secretary of the Treasury for …", "Commerce for Industry and
    Security" in "Under Secretary of Commerce for …", a title with its portfolio ("the
    High Representative for Foreign Affairs"); a place or known actor stays ("Special
    Envoy for Iran"), and so does an office that is no title ("the Office for …")."""
    if label != "ORG":
        return False
    lowers = view_of(doc).lowers
    after_title = start >= 2 and lowers[start - 1] == "for" and lowers[start - 2] in titles
    if not after_title and "for" not in lowers[start + 1 : end]:
        return False
    if kb.lookup(doc[start:end].text) is not None:
        return False
    if after_title:
        return True
    words = lowers[start:end]
    if words[0] == "the":
        words = words[1:]
    if "for" not in words[1:]:
        return False
    # "Commerce for Industry and Security", "the High Representative for Foreign Affairs"
    return all(w in titles for w in words[: words.index("for")])


def _role_word(lower: str, titles: frozenset[str]) -> bool:
    return lower in titles or lower in _ROLE_WORDS or lower.rstrip("s") in titles


def before_role(doc, start: int, end: int, titles: frozenset[str], kb) -> tuple[int, str] | None:
    """Where a known name ends in a span that goes on with the role of people who act
    for it ("NATO Heads of State and Government", "EU Foreign Ministers"): the name's
    end and label."""
    lowers = view_of(doc).lowers
    if end - start < 2 or not _role_word(lowers[end - 1], titles):
        return None
    for cut in range(start + 1, end):
        if all(_role_word(lowers[i], titles) for i in range(cut, end)):
            if lowers[cut] in ("of", "and"):
                return None
            entity = kb.lookup(doc[start:cut].text)
            return (cut, entity.label) if entity is not None else None
    return None


def after_role(doc, start: int, end: int, titles: frozenset[str]) -> int | None:
    """Where the name starts in a span that opens with the role of people who act for it
    ("the Heads of State and Government of Australia", "the Foreign Ministers of
    Georgia"): after the last "of" that only role words precede."""
    lowers = view_of(doc).lowers
    if "of" not in lowers[start + 1 : end]:
        return None
    first = start + 1 if lowers[start] == "the" else start
    if first < end - 1 and doc[first].is_upper and len(doc[first].text) <= 5:
        first += 1  # "the G7 Foreign Ministers of Canada": whose ministers
    cut = None
    for i in range(first, end - 1):
        lower = lowers[i]
        if lower == "of" and i > first:
            cut = i + 1
        elif not _role_word(lower, titles):
            break
    if cut is None or cut >= end or lowers[first] == "of":
        return None
    if all(_role_word(lowers[i], titles) for i in range(cut, end)):
        return None  # "NATO Heads of State and Government": no name after the role
    if lowers[cut] == "the" and cut + 1 < end:
        cut += 1
    return cut if doc[cut].text[:1].isupper() else None


def singular_title(word: str, titles: frozenset[str]) -> str:
    """A plural title as its singular ("ministers" → "minister"), other words as they are."""
    return word[:-1] if word.endswith("s") and word[:-1] in titles else word


def titled_person(doc: Doc, start: int, end: int, titles: frozenset[str], kb):
    """A known place or body, a title and a person's two or more capitalized names run
    together in one span ("India Shri Jagdeep Dhankhar", "Russia President Vladimir
    Putin"): the known name's label and where the person's name starts."""
    lowers = view_of(doc).lowers
    for i in range(start + 1, end - 2):
        if lowers[i] not in titles or lowers[i] in OFFICES:
            continue
        entity = kb.lookup(doc[start:i].text)
        names = [doc[k] for k in range(i + 1, end)]
        if entity is not None and entity.label in ("GPE", "ORG", "NORP"):
            if all(t.is_alpha and t.text[:1].isupper() for t in names):
                if not any(t.lower_ in titles for t in names):
                    return entity.label, i + 1
        return None
    return None


# titles a portfolio word comes before: "Agriculture Minister", "Health Secretary"
_PORTFOLIO_TITLES = frozenset(
    "minister secretary commissioner spokesman spokeswoman spokesperson czar envoy".split()
)


def portfolio_word(doc: Doc, start: int, end: int, label: str, kb) -> bool:
    """A one-word portfolio before a minister's title ("Agriculture" in "Agriculture
    Minister Rodolfo Munante"): part of the title, no organization; a known body stays
    ("Treasury Secretary")."""
    if label != "ORG" or end - start != 1 or end >= len(doc):
        return False
    after = doc[end]
    if after.lower_ not in _PORTFOLIO_TITLES or not after.text[:1].isupper():
        return False
    return kb.lookup(doc[start].text) is None

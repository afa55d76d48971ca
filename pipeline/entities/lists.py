"""What a name's neighbours in its sentence say about it.

Lists: the names of one list are things of one kind. "Burkina Faso, Chad, Mali,
Mauritania and Niger" lists countries, so the model's PERSON for "Niger" is wrong;
"Britney Spears, Jamie Foxx, Paris Hilton, Shaquille O'Neal" lists people, so "Paris
Hilton" is no ORG. A member the knowledge base does not link takes the label that at
least three other members share and no more than one member contradicts.

Place chains: "Grantham, Lincolnshire, England" names places, each inside the next.

Workplaces: "analysts at Jardine Fleming", "an economist with Barings": where a worker
works is an organization, which the model reads as a person by its look.

Aliases: "Mohamed Hamdan Dagalo, known as Hemedti", "Adilson Tavares Varela, commonly
known as Cabral": the alias names what the name before it names, with its label, in
every mention of the document.
"""

from __future__ import annotations

from collections import Counter

from pipeline.entities.corrections import NAME_LABELS, Cand
from pipeline.entities.tokens import TokenView

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

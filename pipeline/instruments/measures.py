"""How much and by when: the magnitude and the deadline attached to an instrument mention.

Magnitude is a PERCENT, MONEY or QUANTITY entity attached to the instrument: inside its
phrase ("a $61 billion package", "25% tariffs"), in a preposition on it ("tariffs of up to
500%", "aid worth $2 billion"), as the amount it measures ("$61 billion in military aid"),
or on its verb ("raised tariffs to 145%"). It is given as written, from its first number
or currency sign ("up to 500%" → "500%").

Deadline is the TIMEX value of a date attached to an ultimatum, or to a demand or threat:
inside the phrase ("a 50-day deadline") or right after it ("a timeline of 50 days"; of a
range the last bound), or in a by/before/until/within phrase on it or on the predicates
that govern it ("demanded that Moscow agree by Friday").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.instruments.action import ActionResult
from pipeline.instruments.cues import VERBAL
from pipeline.instruments.detect import Candidate

NUMERIC_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY"})
MAGNITUDE_PREPS = frozenset({"of", "at", "worth", "totaling", "totalling", "to", "up", "by"})
AMOUNT_PREPS = frozenset({"in", "of", "worth"})
DEADLINE_PREPS = frozenset({"by", "before", "until", "till", "within", "in", "after"})
_CURRENCY = frozenset("$€£¥₽")
_UNITS = frozenset({"%", "percent", "pct"})  # a unit an entity boundary left out


def _numeric_ent(token: Token) -> Span | None:
    if token.ent_type_ not in NUMERIC_LABELS:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if end < len(doc) and doc[end].lower_ in _UNITS:
        end += 1
    return doc[start:end]


def as_written(span: Span) -> str:
    """The amount from its first number or currency sign, with a currency sign just before."""
    tokens = list(span)
    while tokens and not (
        tokens[0].like_num or tokens[0].is_currency or tokens[0].text in _CURRENCY
    ):
        tokens = tokens[1:]
    if not tokens:
        return span.text
    doc = span.doc
    start = tokens[0].i
    if start > 0 and doc[start - 1].text in _CURRENCY:
        start -= 1
    return doc[start : span.end].text.strip(" .,;:")


def numeric_tokens(doc: Doc) -> frozenset[int]:
    """Indices of the tokens of PERCENT, MONEY and QUANTITY entities (once per doc)."""
    return frozenset(
        i for e in doc.ents if e.label_ in NUMERIC_LABELS for i in range(e.start, e.end)
    )


def date_spans(doc: Doc) -> list[Span]:
    """The date layer's spans, else the base model's DATE/TIME entities (once per doc)."""
    if "dates" in doc.spans:
        return list(doc.spans["dates"])
    return [e for e in doc.ents if e.label_ in ("DATE", "TIME")]


def magnitude(
    candidate: Candidate, result: ActionResult, numeric: frozenset[int] | None = None
) -> str | None:
    """The amount attached to the mention, as written, or None."""
    doc = candidate.head.doc
    numeric = numeric_tokens(doc) if numeric is None else numeric
    if not numeric:
        return None
    head = candidate.head
    pools: list[list[Token]] = [list(doc[candidate.start : candidate.end])]
    for child in head.rights:
        if child.dep_ in ("prep", "amod", "appos", "acl") and (
            child.dep_ != "prep" or child.lower_ in MAGNITUDE_PREPS
        ):
            pools.append(list(child.subtree))
    pools.append([t for c in head.lefts for t in c.subtree])
    if head.dep_ == "pobj" and head.head.lower_ in AMOUNT_PREPS:
        pools.append([head.head.head])  # "$61 billion in military aid"
    first = next((s.token for s in result.path if s.token.pos_ in VERBAL), None)
    if first is not None:
        for child in first.children:
            if child.dep_ == "prep" and child.lower_ in MAGNITUDE_PREPS:
                pools.append(list(child.subtree))
            elif child.dep_ in ("dobj", "npadvmod") and child.i != head.i:
                pools.append(list(child.subtree))
    for pool in pools:
        for token in pool:
            if token.i in numeric and (ent := _numeric_ent(token)) is not None:
                return as_written(ent)
    return None


def _value(span: Span) -> str | None:
    return span._.get("value") if Span.has_extension("value") else None


def deadline(
    candidate: Candidate, result: ActionResult, dates: list[Span] | None = None
) -> str | None:
    """The normalized value of the date that bounds an ultimatum, demand or threat."""
    if candidate.instrument != "ultimatum" and result.action not in ("demanded", "threatened"):
        return None
    dates = date_spans(candidate.head.doc) if dates is None else dates
    if not dates:
        return None
    head = candidate.head
    if candidate.instrument == "ultimatum":
        inside = set(range(candidate.start, candidate.end)) | {t.i for t in head.subtree}
        within = [d for d in dates if d.start in inside or d.end - 1 in inside]
        if not within:  # "a timeline—from 50 days down to 10–12 days": dates right after it
            sent_end = head.sent.end
            within = [
                d for d in dates if candidate.end <= d.start < min(sent_end, candidate.end + 12)
            ]
        if within:
            return _value(within[-1])  # "from 50 days down to 10 days": the last bound
    anchors = [head] + [s.token for s in result.path[: max(result.scope, 1)]]
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in DEADLINE_PREPS:
                pobjs = {t.i for t in child.subtree}
                for date in dates:
                    if date.root.i in pobjs:
                        return _value(date)
            if child.dep_ in ("npadvmod", "tmod") and candidate.instrument == "ultimatum":
                for date in dates:
                    if date.start <= child.i < date.end:
                        return _value(date)
    return None

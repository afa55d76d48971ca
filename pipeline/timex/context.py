"""What only a parse can tell about a temporal expression: the tense of the clause it
belongs to (which "Friday" is meant), and whether an ambiguous word is used as a time word
at all ("May" the modal, "spring" the verb, "quarterly" the adjective, "1990 employees")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.timex.model import Candidate

_FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo", "would", "going"}
_FUTURE_HEADS = {"expect", "plan", "schedule", "set", "due", "hope", "intend", "aim", "propose"}
_FUTURE_HEADS.update({"prepare", "promise", "threaten", "vow", "want", "seek", "agree"})
_SCHEDULING = {"schedule", "slate", "set", "due", "expect", "plan"}
_UNTIL = {"until", "till", "til", "pending"}
_NEUTRAL_PREPS = {"to", "through", "by", "before", "from", "effective", "thru"}
_NEUTRAL_HEADS = {"payable", "effective", "due", "deadline", "expire", "expires", "expiring"}
_TITLE_RULES = {"week", "rel_unit", "part_of_day", "dayword"}
_COUNT_ENTITIES = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
_ADJECTIVAL_SETS = {"quarterly", "monthly", "annually", "yearly", "semiannually", "biannually"}


def span_of(doc: Doc, candidate: Candidate) -> Span | None:
    """The token span covering a candidate (expanded to whole tokens)."""
    return doc.char_span(candidate.start, candidate.end, alignment_mode="expand")


def _verb_of(token: Token) -> Token | None:
    """The nearest verb or auxiliary above a token (the clause it is part of)."""
    seen = 0
    while seen < 12:
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
        seen += 1
    return None


def tense_of(span: Span) -> str | None:
    """The tense that says which "Friday" or "March" is meant: "past", "future",
    "present", "neutral" (a deadline: "until", "by", "effective", a direct object), or
    None when nothing in the parse says."""
    root = span.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        prep = root.head.lower_
        if prep in _UNTIL:  # "until Tuesday" is ahead, unless "until Thursday, they had not..."
            return "past" if _has_had(root) else "future"
        if prep in _NEUTRAL_PREPS:
            return "neutral"
    if root.dep_ == "dobj" or root.head.lower_ in _NEUTRAL_HEADS:
        return "neutral"
    return _verb_tense(root)


def _has_had(root: Token) -> bool:
    verb = _verb_of(root)
    return verb is not None and any(c.lower_ == "had" for c in verb.children if c.dep_ == "aux")


def _verb_tense(root: Token) -> str | None:
    verb = _verb_of(root)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    # "scheduled for Friday", "is expected next month": the time is the planned one
    planned = verb.lemma_ in _SCHEDULING and verb.tag_ != "VBD"
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head.lemma_ in _FUTURE_HEADS:
        planned, auxes = True, auxes + [c for c in verb.head.children if c.dep_ == "aux"]
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "be":  # "is to resume trading Tuesday"
        planned = True
    if planned:
        return "past" if any(a.lower_ == "had" for a in auxes) else "future"
    if any(a.lower_ in _FUTURE_AUX for a in auxes) or (verb.lower_ == "going"):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if any(a.lemma_ == "have" for a in auxes) or (verb.tag_ == "VBN" and not auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ == "VB" and any(a.tag_ == "MD" for a in auxes):
        return "future"
    return None


def plausible(doc: Doc, candidate: Candidate) -> bool:
    """False when the parse shows the matched words are not used as time words."""
    span = span_of(doc, candidate)
    if span is None:
        return False
    rule, groups = candidate.rule, candidate.groups
    if rule == "month" and not (groups.get("rel") or groups.get("mod") or groups.get("rel2")):
        token = span[-1]
        if token.tag_ == "MD" or token.pos_ in ("VERB", "AUX"):
            return False  # "May" the modal, "march" the verb
    if rule == "season" and not groups.get("year"):
        word = span[-1]
        if word.pos_ == "VERB" or (word.text[0].isupper() and not word.is_sent_start):
            return False  # "prices fall", the "Spring of Life" campaign
    if rule == "month" and not (groups.get("rel") or groups.get("mod")) and span.end < len(doc):
        after = doc[span.end]
        if after.lower_ in ("for", "of") and span.start > 0 and doc[span.start - 1].is_alpha:
            if doc[span.start - 1].lower_ in ("the", "a", "an", "annual"):
                return False  # "the annual March for Life"
    if rule == "noon" and span.start > 0 and doc[span.start - 1].lower_ == "high":
        return False
    if rule in _TITLE_RULES and len(span) > 1 and not span[0].is_sent_start:
        if all(t.text[:1].isupper() for t in span if t.is_alpha):
            return False  # "This Week" with David Brinkley: a title, not a time
    if rule == "year" and not groups.get("fiscal"):
        if span[-1].ent_type_ in _COUNT_ENTITIES:
            return False  # "2000 employees", "1,990 tons": the model read a count
    if rule == "freq" and span.root.lower_ in _ADJECTIVAL_SETS:
        if span.root.dep_ == "amod" or span.root.pos_ == "ADJ":
            return False  # "quarterly dividend" is not a set of times
    return True

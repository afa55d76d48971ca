"""Cue lexicon lookups on the parse: how a node attaches to the predicate above it, and
which action that predicate names (the lists are `actions:` in pipeline/data/instruments.yml).

`attach` normalizes the dependency relations that matter for actions (coordinated nouns
share their first conjunct's predicate; "along with", "in exchange for", "including" and
an amount in "$61 billion in aid" are seen through); `cue_of` looks a predicate up as a
verb ("call for", "rule out", "bring an end to"), an adjective ("willing", "possible"), a
noun completed by the instrument ("threat of", "willingness to") or, for a subject, a
copula idiom ("off the table"). Negation folding and composition of cues live here too.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.instruments.detect import NOMINAL, PARTICLE_ADVERBS, phrasal_key
from pipeline.instruments.taxonomy import Taxonomy

VERBAL = frozenset({"VERB", "AUX"})
WEAK = "announced"
FUTURE = frozenset({"will", "would", "wo", "shall", "'ll"})
# Prepositions of circumstance: a verb's cue does not reach their object ("suspended tariffs
# after talks with Washington" does not suspend the talks).
ADJUNCT_PREPS = frozenset(
    "after before during despite amid amidst since following through throughout via under "
    "without besides beyond unlike near across behind as like than because due at in".split()
)


def participial(token: Token) -> bool:
    """A clause that modifies the main clause, set off by punctuation: a participle
    ("..., warning of sanctions") or the -ing noun a tagger sometimes makes of one."""
    if token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN"):
        return not any(c.dep_ in ("mark", "nsubj") for c in token.children)
    return (
        token.tag_ == "NN"
        and token.lower_.endswith("ing")
        and token.i > 0
        and token.doc[token.i - 1].is_punct
        and not any(c.dep_ in ("det", "poss", "amod") for c in token.children)
        and token.dep_ in ("dobj", "appos", "npadvmod", "conj")
    )


def attach(node: Token) -> tuple[Token | None, str]:
    """The predicate that governs `node`, and the relation (see `Step.relation`)."""
    while node.dep_ in ("conj", "appos") and node.pos_ in NOMINAL and node.head.pos_ in NOMINAL:
        node = node.head  # coordinated nouns share their first conjunct's predicate
    head, dep = node.head, node.dep_
    if head.i == node.i:
        return None, "root"
    if participial(node):
        return head, "advcl"
    if dep in ("dobj", "nsubjpass", "oprd", "dative", "attr", "iobj"):
        return head, "obj"
    if dep in ("nsubj", "expl"):
        return head, "subj"
    if dep == "csubj":
        return head, "csubj"  # "removing the sanctions is out of the question"
    if dep in ("pobj", "pcomp") and head.dep_ in ("prep", "agent", "dative"):
        prep, word = head, head.lower_
        above = prep.head
        if above.dep_ in ("advmod", "prt") and above.lower_ in PARTICLE_ADVERBS:
            above = above.head  # "walked away from the deal": the verb governs
        if word == "with" and above.lower_ in ("along", "together") and above.head.i != above.i:
            return above.head, "obj"  # "threatened X, along with Y"
        amount = above.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or above.like_num
        if word in ("in", "of", "worth") and amount and above.i < node.i:
            return attach(above)  # "$61 billion in military aid": the amount stands for it
        if (
            word == "for"
            and above.lemma_.lower() in ("exchange", "return")
            and above.dep_ == "pobj"
        ):
            return above.head.head, "exchange"  # "in exchange for X": X is asked for
        if prep.lemma_ in ("include", "like") or (
            word == "as" and any(c.lower_ == "such" for c in prep.children)
        ):
            return above, "including"
        return above, f"prep:{word}"
    if dep in ("acl", "relcl") and infinitive(node):
        return head, "acl-to"  # "a deadline to agree", "the willingness to lift"
    return head, dep


def _keys(pred: Token, relation: str) -> list[str]:
    """Lexicon keys of a verb, most specific first: "call for", "bring end to", "rule out",
    "lift", "call on" (a preposition of the verb), and for a subject "take effect"."""
    key = phrasal_key(pred)
    lemma = pred.lemma_.lower()
    objects = [c.lower_ for c in pred.children if c.dep_ == "dobj"]
    preps = [c for c in pred.children if c.dep_ == "prep"]
    keys = []
    if relation.startswith("prep:"):
        keys.append(f"{key} {relation[5:]}")
        keys.extend(f"{lemma} {o} {relation[5:]}" for o in objects)
    keys.append(key)
    if relation in ("subj", "csubj"):
        keys.extend(f"{lemma} {o}" for o in objects)
        keys.extend(f"{lemma} {p.lower_} {c.lower_}" for p in preps for c in p.children)
    else:
        keys.extend(f"{key} {p.lower_}" for p in preps)
    return keys


def cue_of(pred: Token, relation: str, coercive: bool, taxonomy: Taxonomy) -> str | None:
    """The action a predicate names for what attaches to it by `relation`, or None."""
    cues = taxonomy.cues
    lemma = pred.lemma_.lower()
    if relation == "exchange":
        return "demanded"
    if pred.pos_ in VERBAL:
        if relation in ("subj", "csubj"):
            if lemma in ("be", "remain", "stay", "seem", "look"):  # "relief is off the table"
                said = " ".join(
                    t.lower_
                    for c in pred.rights
                    if c.dep_ not in ("punct", "ccomp")
                    for t in c.subtree
                )
                for action, phrases in taxonomy.predicate_idioms.items():
                    if any(f" {p} " in f" {said} " for p in phrases):
                        return action
            return next(
                (
                    cues["subject_verbs"][k]
                    for k in _keys(pred, relation)
                    if k in cues["subject_verbs"]
                ),
                None,
            )
        if reported(pred, taxonomy):
            return "considered"  # "reports suggested ..."
        for key in _keys(pred, relation):
            if key in cues["verbs"]:
                return cues["verbs"][key]
            special = cues["coercive_verbs" if coercive else "positive_verbs"]
            if key in special:
                return special[key]
        if relation.startswith("prep:"):  # "pressure grew for tougher measures"
            for child in pred.children:
                if child.dep_ == "nsubj" and child.pos_ in NOMINAL:
                    return cues["nouns"].get(child.lemma_.lower())
        return None
    if pred.pos_ == "ADJ":
        return cues["adjectives"].get(lemma)
    if pred.pos_ in NOMINAL and (relation.startswith("prep:") or relation == "acl-to"):
        return cues["nouns"].get(lemma)  # "threat of sanctions", "willingness to lift"
    return None


def reported(pred: Token, taxonomy: Taxonomy) -> bool:
    return pred.lemma_.lower() in taxonomy.reported_verbs and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in taxonomy.reported_subjects for c in pred.children
    )


def is_negated(pred: Token) -> bool:
    """A negation on the predicate, or on the copula of an adjective ("was not willing")."""
    nodes = [pred]
    if pred.dep_ in ("acomp", "attr") and pred.head.pos_ in VERBAL:
        nodes.append(pred.head)
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")
        for node in nodes
        for c in node.children
    )


def auxiliaries(pred: Token) -> set[str]:
    """Lower-cased auxiliaries of a predicate, including those of the verb it completes."""
    words = {c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass")}
    if pred.dep_ in ("xcomp", "acomp") and pred.head.pos_ in VERBAL:
        words |= {c.lower_ for c in pred.head.children if c.dep_ == "aux"}
    return words


def negate(cue: str, future: bool) -> tuple[str, bool]:
    """Fold a negation into a cue; returns the action and whether `negated` still applies."""
    if cue == "rejected":
        return "considered", False  # "did not rule out"
    if cue in ("offered", "considered", "proposed"):
        return "rejected", False  # "not willing", "not considering"
    if cue in ("announced", "eased") and future:
        return "rejected", False  # "will not lift", "would not impose"
    return cue, True


def compose(inner: str | None, outer: str, negated: bool = False) -> str:
    """The outer cue decides, except a weak "announced"; asking for a refusal, or for
    something not to happen, is a rejection ("urged its partners to refuse to recognize")."""
    if inner is None or outer == WEAK:
        return inner or outer
    if outer in ("demanded", "proposed") and (inner == "rejected" or negated):
        return "rejected"
    return outer


def infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)

"""What the actor does with an instrument: the action, from the predicates that govern it.

The analysis climbs the dependency tree from the instrument's head: the verb it is the
object or subject of, the noun it completes ("pressure for tougher measures", "willingness
to revisit sanctions"), then the predicates that embed that one (xcomp, ccomp, to-infinitive
acl). Each predicate may carry a cue from the taxonomy (`actions:`). Cues compose from the
inside out: an outer cue decides ("threatened to impose" → threatened, "refused to lift" →
rejected, with `easing` recording that what is refused is an easing), except that an
outer "announced" never overrides an inner cue ("agreed to lift" → eased). Climbing stops
at clause boundaries that start another event: coordination of verbs ("threatened X and
demanded Y" gives each its own action), adverbial and paratactic clauses, and — once a
cue is found — relative clauses, appositions and "including" lists.

Negation is read on the predicate that gave a cue: some negations are absorbed into the
action ("not willing" → rejected, "did not rule out" → considered, "will not lift" →
rejected), the others set `negated` ("did not impose"). Modals and if/unless clauses set
`hypothetical`, and turn a bare "would impose ... if" into a threat (or an offer for aid,
talks and the like).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from pipeline.instruments.cues import (
    ADJUNCT_PREPS,
    FUTURE,
    VERBAL,
    WEAK,
    attach,
    auxiliaries,
    compose,
    cue_of,
    infinitive,
    is_negated,
    negate,
    reported,
)
from pipeline.instruments.detect import Candidate, phrasal_key
from pipeline.instruments.taxonomy import Taxonomy

HARD_BOUNDARIES = frozenset({"conj", "advcl", "parataxis", "root"})
SOFT_BOUNDARIES = frozenset({"relcl", "including", "appos"})


@dataclass
class Step:
    """A predicate above the instrument and how the node below attaches to it."""

    token: Token
    relation: str  # obj, subj, prep:<word>, xcomp, ccomp, acl, relcl, including, exchange...


@dataclass
class ActionResult:
    """The action of a mention and what the analysis learned on the way, which the actor
    and target rules read (who decided, who receives, who is asked, under which condition)."""

    action: str
    easing: bool = False
    negated: bool = False
    hypothetical: bool = False
    decisive: Token | None = None  # predicate whose cue decided: the actor is its agent
    path: list[Step] = field(default_factory=list)
    scope: int = 0  # number of path steps the action analysis used
    receivers: list[Token] = field(default_factory=list)  # "Iran could face sanctions"
    addressees: list[Token] = field(default_factory=list)  # "demanded that Putin reach"
    conditions: list[Token] = field(default_factory=list)  # verbs of "if Moscow refused"


def _gives_deadline(verb: Token, heads: dict[int, str]) -> bool:
    """A verb that sets an ultimatum: it is one ("gave Putin 50 days") or its object is one."""
    return heads.get(verb.i) == "ultimatum" or any(
        heads.get(c.i) == "ultimatum" for c in verb.children if c.dep_ in ("dobj", "dative")
    )


def _climb(
    candidate: Candidate, taxonomy: Taxonomy, heads: dict[int, str], result: ActionResult
) -> tuple[str | None, bool, bool, Token | None, bool]:
    """Walk up from the instrument composing cues; fills `result.path`, `scope`,
    `addressees`. Returns (action, easing, negated, decisive, in_condition)."""
    coercive = taxonomy.coercive(candidate.instrument)
    head = candidate.head
    action = candidate.head_cue
    easing = action == "eased"
    decisive: Token | None = None
    negated = any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)
    if candidate.kind == "verb":
        action, decisive = action or WEAK, head
        if is_negated(head):
            action, keep = negate(action, bool(auxiliaries(head) & FUTURE))
            negated = negated or keep
    node, in_condition = head, False
    for _ in range(10):
        gov, relation = attach(node)
        if gov is None:
            break
        strong = action is not None and action != WEAK
        if infinitive(node) and relation in ("advcl", "xcomp") and _gives_deadline(gov, heads):
            relation = "ultimatum"  # "gave Putin 50 days to reach a deal": demanded
        elif infinitive(node) and relation == "advcl":
            probe = cue_of(gov, "xcomp", coercive, taxonomy)
            if probe is not None and probe != WEAK:
                relation = "xcomp"  # "call on the US to lift sanctions"
        if relation in HARD_BOUNDARIES and (node.pos_ in VERBAL | {"ADJ"} or relation == "advcl"):
            in_condition = relation == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in taxonomy.conditionals for c in node.children
            )
            break
        if relation in SOFT_BOUNDARIES and strong:
            break
        word = relation[5:] if relation.startswith("prep:") else None
        adjunct = word in ADJUNCT_PREPS or (
            word and node.head.i > 0 and node.doc[node.head.i - 1].text == ","
        )
        if adjunct and f"{phrasal_key(gov)} {word}" not in taxonomy.cues["verbs"]:
            break  # "suspended tariffs after talks with Washington", ", with the fate of ..."
        cue = cue_of(gov, relation, coercive, taxonomy)
        if relation == "ultimatum":
            cue = "demanded"
            result.addressees.extend(
                c for c in gov.children if c.dep_ in ("dative", "dobj") and c.ent_type_ != "DATE"
            )
        if cue is None and gov.i in heads and gov.i != head.i:
            break  # "a settlement reached in peace talks": that phrase has its own action
        result.path.append(Step(gov, relation))
        if cue is None and candidate.licensor is not None and gov.i == candidate.licensor.i:
            cue = WEAK  # "massing troops", "send tanks": the licensing verb acts
        opposed = relation == "prep:against" and gov.pos_ in VERBAL
        if opposed and cue in (None, "demanded", "proposed"):
            cue = "rejected"  # "lobbied against sanctions", "retaliate against sanctions"
        # "failed to reach a deal", "refrained from imposing" (but not "talks failed")
        if gov.lemma_.lower() in taxonomy.negating_verbs and relation not in ("subj", "obj"):
            negated = True
        if cue is not None:
            if cue == "eased" or (action == "eased" and cue != WEAK):
                easing = True  # also when negated: "will not lift" refuses an easing
            if is_negated(gov):
                cue, keep = negate(cue, bool(auxiliaries(gov) & FUTURE))
                negated = negated or keep
            if cue == "demanded" and relation in ("ccomp", "xcomp"):
                subjects = [c for c in node.children if c.dep_ == "nsubj"]
                objects = [c for c in gov.children if c.dep_ in ("dobj", "dative")] + [
                    p
                    for c in gov.children
                    if c.dep_ == "prep" and c.lower_ == "on"
                    for p in c.children
                    if p.dep_ == "pobj"
                ]  # "urged Berlin to", "called on the US to"
                result.addressees.extend(subjects or objects)
            if (cue != WEAK or action is None) and not reported(gov, taxonomy):
                decisive = gov  # an outer "announced" reports, it does not act
            action = compose(action, cue, negated and cue in ("demanded", "proposed"))
            result.scope = len(result.path)
        if relation == "exchange" or (opposed and cue == "rejected") or cue == "generic":
            break  # asked in return, opposed or violated: not under an outer cue
        node = gov
    return action, easing, negated, decisive, in_condition


def analyse(
    candidate: Candidate,
    taxonomy: Taxonomy,
    heads: dict[int, str] | None = None,
    question: bool | None = None,
) -> ActionResult:
    """Action, easing, negation and hypothetical flags of one candidate; `heads` are the
    head tokens of the doc's other instrument phrases (climbing stops at them), `question`
    whether its sentence is a question (worked out here when not given)."""
    coercive = taxonomy.coercive(candidate.instrument)
    head = candidate.head
    result = ActionResult(action="generic")
    heads = heads if heads is not None else {candidate.head.i: candidate.instrument}
    action, easing, negated, decisive, in_condition = _climb(candidate, taxonomy, heads, result)
    path = result.path
    if decisive is None:  # no cue: the flags come from the nearest verb
        result.scope = next((i + 1 for i, s in enumerate(path) if s.token.pos_ in VERBAL), 0)
    scope_preds = [s.token for s in path[: result.scope]] + (
        [head] if candidate.kind == "verb" else []
    )
    if action is None or action == WEAK:
        action = _fallback(candidate, taxonomy, result, weak=action == WEAK) or action
        decisive = decisive or result.decisive
    aux_words: set[str] = set()
    open_choice = exchange = False
    subjects: list[Token] = []
    for pred in scope_preds:  # one pass over each predicate's dependents
        aux_words |= auxiliaries(pred)
        passive = False
        for child in pred.children:
            dep = child.dep_
            if dep == "mark":
                in_condition = in_condition or child.lower_ in taxonomy.conditionals
                open_choice = open_choice or child.lower_ == "whether"
            elif dep == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in taxonomy.conditionals for m in child.children
            ):
                result.conditions.append(child)
            elif dep in ("nsubj", "nsubjpass") and child.i != head.i:
                subjects.append(child)
                passive = passive or dep == "nsubjpass"
            elif dep == "prep" and any(
                p.lemma_.lower() in taxonomy.exchange_nouns for p in child.children
            ):
                exchange = True
        if passive or pred.lemma_.lower() in taxonomy.receiver_verbs:
            result.receivers.extend(c for c in subjects if c.head.i == pred.i)
    if exchange and action in (None, WEAK):
        action = "offered"  # "would provide aid in exchange for reforms"
    modals = aux_words & taxonomy.modals
    if question is None:
        question = head.sent.text.rstrip().endswith("?")
    hypothetical = bool(modals) or bool(result.conditions) or in_condition or question
    conditional = bool(result.conditions) or bool(modals & {"would", "'d"})
    if (question or open_choice) and action in (None, WEAK):
        action = "considered"  # "Will the EU impose sanctions?", "decide whether to send"
    elif action == "eased" and conditional and not in_condition:
        # lifting sanctions "if ..." is an offer; cutting aid "if ..." is a threat
        action = "offered" if coercive else "threatened"
    elif result.conditions and action in (None, WEAK):
        action = "threatened" if coercive else "offered"
    elif action == WEAK and modals & {"would", "'d"}:
        action = "threatened" if coercive else "offered"  # "said it would impose"
    elif action == WEAK and modals & {"could", "might", "may", "can"}:
        action = "considered"
    elif action in (None, WEAK, "eased") and aux_words & {"must"}:
        action = "demanded"  # "China must drop its barriers": someone demands it
        result.addressees.extend(c for c in subjects if c.dep_ == "nsubj")
        clause = next((p for p in scope_preds if p.dep_ == "ccomp"), None)
        decisive = clause.head if clause is not None else None  # the speaker demands
    elif action == WEAK and "should" in modals:
        action = "demanded"
    result.action = action or "generic"
    result.easing = easing or result.action == "eased"
    result.negated = negated
    result.hypothetical = hypothetical
    result.decisive = decisive
    return result


def _fallback(
    candidate: Candidate, taxonomy: Taxonomy, result: ActionResult, weak: bool = False
) -> str | None:
    """Without a governing cue: the phrase's own modifiers ("possible sanctions", "expanded
    aid") or a participle/relative clause on it ("sanctions imposed by the EU"). After a
    weak "announced" only a modal adjective counts ("launched a possible attack")."""
    cues = taxonomy.cues
    for child in candidate.head.children:
        lemma = child.lemma_.lower()
        if child.dep_ == "amod":
            cue = cues["adjectives"].get(lemma) or cues["adjectives"].get(child.lower_)
            if cue is None and child.tag_ == "VBN" and not weak:
                cue = cues["verbs"].get(lemma)
            if cue and (not weak or cue in ("considered", "proposed")):
                return cue
        elif (
            not weak
            and child.dep_ in ("acl", "relcl")
            and child.pos_ == "VERB"
            and child.tag_ != "VBG"
        ):
            cue = cues["verbs"].get(phrasal_key(child))
            if cue:
                result.decisive = child
                return cue
    return None

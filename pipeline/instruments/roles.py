"""Choose the actor and the target of a mention from its phrase and the predicates above it.

Actor, in order: the phrase's own possessor or nationality adjective ("Washington's
sanctions", "American sanctions"); the agent of the predicate that decided the action —
its subject, the "by" agent of a passive, the controller of an infinitive ("urged Berlin to
send tanks" → Berlin sends), the subject of the first conjunct ("threatened X and demanded
Y"), the main clause's subject for a trailing participle ("..., warning of ..."), the
possessor of a nominal predicate ("the Kremlin's unwillingness to engage"); or, for
"Iran could face sanctions, the EU warned", the speaker above the receiving verb.

Target, in order: the possessor for membership and recognition ("Ukraine's NATO
membership"); a preposition on the phrase or on its predicates (on/against for coercive
tools, to/for/with for aid and talks); an indirect object ("offered Putin concessions");
the object of "threaten X with"; the subject of a receiving verb ("Iran could face");
the one asked to act ("demanded that Putin reach a deal"); the subject of an if-clause
("if Moscow refused"); a country compound when someone else acts ("the US extended Russia
sanctions"); and, for coercive tools with no target phrase at all, the discourse target:
the most recent state or body (not a person) that was the object of "toward/against" or the
explicit target of a coercive instrument in the twelve sentences before the mention.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from pipeline.instruments.action import ActionResult
from pipeline.instruments.actors import RELATIVE_PRONOUNS, DocParties, Party
from pipeline.instruments.cues import VERBAL, attach, participial
from pipeline.instruments.detect import NOMINAL, Candidate
from pipeline.instruments.taxonomy import Taxonomy

TARGET_FIRST = frozenset({"alliance_membership", "recognition"})  # possessor is the target
RECIPROCAL = frozenset({"negotiations", "diplomacy"})  # "X and Y held talks": Y is the target
DISCOURSE_PREPS = frozenset({"toward", "towards", "against"})
# Passives whose subject does what the infinitive says ("The EU is expected to approve").
RAISING_VERBS = frozenset({"expect", "set", "poise", "schedule", "slate", "due", "bind"})
DISCOURSE_SENTENCES = 12


class Discourse:
    """Targets mentioned so far in a document: "toward/against X" phrases and the explicit
    targets of coercive instruments, in text order."""

    def __init__(self, doc: Doc, parties: DocParties) -> None:
        self.parties = parties
        self.cues: list[tuple[int, Party]] = []
        for ent in parties.ents:
            root = ent.root
            if root.dep_ == "pobj" and root.head.lower_ in DISCOURSE_PREPS:
                self.cues.append((ent.start, parties.party(ent)))
        self.cues.sort(key=lambda c: c[0])

    def add(self, position: int, party: Party) -> None:
        index = bisect_left([c[0] for c in self.cues], position)
        self.cues.insert(index, (position, party))

    def recent(self, token: Token, exclude: str | None) -> Party | None:
        sentence = self.parties.sentence(token.i)
        for position, party in reversed(self.cues):
            if position >= token.i:
                continue
            if self.parties.sentence(position) < sentence - DISCOURSE_SENTENCES:
                return None
            if party.id != exclude and party.label != "PERSON":
                return party  # an unnamed target of a coercive tool is a state or body
        return None


def _children(token: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def agent_token(
    start: Token | None, candidate: Candidate, taxonomy: Taxonomy
) -> tuple[Token | None, Token | None]:
    """(who performs the predicate `start`, who receives it): see the module docstring. The
    subject of a receiving verb ("Iran could face sanctions", also through "or face") is
    the recipient; the actor is then looked for above its clause (the speaker)."""
    pred, skipped, receiving, recipient = start, False, False, None
    raised = False  # came up from an infinitive: "The EU is expected to approve"
    for _ in range(10):
        if pred is None:
            return None, recipient
        if participial(pred) and pred.head.i != pred.i:
            pred = pred.head  # a trailing participle belongs to the main clause
            while pred.dep_ in ("ccomp", "xcomp", "conj") and pred.head.i != pred.i:
                pred = pred.head
            continue
        if pred.pos_ in NOMINAL:
            for child in pred.children:
                if child.dep_ == "poss":
                    return child, recipient
                if child.dep_ == "prep" and child.lower_ == "by" and list(child.children):
                    return next(iter(child.children)), recipient
            gov, relation = attach(pred)
            if gov is None or relation == "subj":
                return None, recipient
            pred = gov
            continue
        if pred.pos_ == "ADP":
            pred = pred.head if pred.head.i != pred.i else None
            continue
        if pred.pos_ not in VERBAL | {"ADJ"}:
            return None, recipient
        receiving = receiving or pred.lemma_.lower() in taxonomy.receiver_verbs
        for subj in _children(pred, ("nsubj",)):
            if candidate.start <= subj.i < candidate.end:
                skipped = True  # "X is off the table, the ministry said": ask the speaker
            elif subj.lower_ in RELATIVE_PRONOUNS and pred.dep_ == "relcl":
                return pred.head, recipient
            elif receiving:
                recipient = recipient or subj
            else:
                return subj, recipient
        for agent in _children(pred, ("agent",)):
            return next((c for c in agent.children if c.dep_ == "pobj"), None), recipient
        if receiving:
            for prep in _children(pred, ("prep",)):
                if prep.lower_ == "from":  # "received aid from Japan"
                    return next((c for c in prep.children if c.dep_ == "pobj"), None), recipient
        elif _children(pred, ("nsubjpass",)):
            if raised or pred.lemma_.lower() in RAISING_VERBS:
                return _children(pred, ("nsubjpass",))[0], recipient
            return None, recipient  # a passive without "by": the actor is not named
        dep, head = pred.dep_, pred.head
        if head.i == pred.i:
            return None, recipient
        raised = dep == "xcomp"
        to_clause = dep in ("xcomp", "advcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in pred.children
        )
        if to_clause and head.lemma_.lower() in taxonomy.object_control_verbs:
            objects = [
                c
                for c in _children(head, ("dobj", "dative"))
                if c.ent_type_ not in ("DATE", "TIME")
            ]
            if objects and receiving:  # "gave Putin 50 days to reach a deal or face tariffs"
                recipient, receiving = recipient or objects[0], False
                pred = head
            elif objects and not receiving:
                return objects[0], recipient  # "urged Berlin to send tanks": Berlin sends
            else:
                pred = head
        elif dep == "xcomp":
            pred = head
        elif dep == "acl":
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in pred.children):
                pred = head  # "willingness to offer" → whose willingness
            else:
                return head, recipient  # "nations importing oil": the noun does it
        elif dep in ("ccomp", "relcl", "parataxis"):
            if not (receiving or skipped):
                return None, recipient
            pred, receiving, skipped = head, False, False  # the speaker of the clause
        else:  # conj, acomp, pcomp, advcl of an adjective
            pred = head
    return None, recipient


def _np_parties(candidate: Candidate, parties: DocParties) -> tuple[Party | None, Party | None]:
    """(possessor or nationality adjective, country compound) of the instrument's phrase."""
    head = candidate.head
    own = None
    compound = None
    for child in head.children:
        if child.dep_ == "poss":
            own = parties.resolve(child, depth=0)
        elif child.dep_ in ("amod", "compound", "nmod") and child.i in parties.ent_of:
            ent = parties.ent_of[child.i]
            # a name right before the head qualifies it ("American sanctions"); one before
            # another noun qualifies that noun ("Russian oil sanctions")
            nouns_between = any(
                t.pos_ in NOMINAL and t.i not in parties.ent_of for t in head.doc[ent.end : head.i]
            )
            if nouns_between:
                continue
            if ent.label_ == "NORP" and own is None:
                own = parties.party(ent)
            elif compound is None:
                compound = parties.party(ent)
    return own, compound


def _when(token: Token) -> bool:
    """A date or rate, not a party ("on Friday", "to 25%"); an amount may hold one ("on
    $200 billion of Chinese imports")."""
    return token.ent_type_ in ("DATE", "TIME", "PERCENT")


def _prep_targets(
    token: Token, preps: frozenset[str], parties: DocParties, span: range = range(0)
) -> tuple[bool, Party | None]:
    """(a target phrase exists, its party) among `token`'s prepositions and datives; the
    instrument's own phrase (`span`) is never its target."""
    exists = False
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ in ("pobj", "pcomp") and pobj.i not in span and not _when(pobj):
                    exists = True
                    found = parties.resolve(pobj)
                    if found is not None:
                        return True, found
        elif child.dep_ in ("dative", "iobj") and child.pos_ in NOMINAL | {"PRON"}:
            exists = True
            found = parties.resolve(child)
            if found is not None:
                return True, found
        elif child.dep_ == "acl" and child.lemma_.lower() == "target":  # "sanctions targeting X"
            for obj in _children(child, ("dobj",)):
                exists = True
                if (found := parties.resolve(obj)) is not None:
                    return True, found
    return exists, None


def _target(
    candidate: Candidate,
    result: ActionResult,
    parties: DocParties,
    taxonomy: Taxonomy,
    compound: Party | None,
    actor: Party | None,
) -> tuple[Party | None, bool]:
    """The target and whether it was explicit in the sentence."""
    head = candidate.head
    coercive = taxonomy.coercive(candidate.instrument)
    preps = taxonomy.target_preps.get("coercive" if coercive else "supportive", frozenset())
    preps = preps | taxonomy.target_preps.get(candidate.instrument, frozenset())
    if result.action == "demanded":
        preps = preps | {"from"}  # "demanded concessions from Kyiv"
    if result.easing:
        preps = preps | {"for"}  # "sanctions relief for Iran"
    actor_id = actor.id if actor else None
    found_phrase = False
    own = range(candidate.start, candidate.end)

    def ok(party: Party | None) -> bool:
        return party is not None and party.id != actor_id

    if candidate.instrument in TARGET_FIRST:
        # the member ("Ukraine's NATO membership", "Sweden's bid to join NATO") or whose
        # claim is recognized ("Russia's annexation", "recognize Kosovo")
        nodes = [head] + (_children(head, ("dobj",)) if candidate.kind == "verb" else [])
        for node in nodes:
            for child in node.children:
                if child.dep_ == "poss" and ok(party := parties.resolve(child, depth=0)):
                    return party, True
            recognized = candidate.instrument == "recognition" and node.i != head.i
            if recognized and node.i in parties.ent_of and ok(party := parties.resolve(node)):
                return party, True
        if candidate.instrument == "alliance_membership" and candidate.kind == "verb":
            member = parties.resolve(agent_token(head, candidate, taxonomy)[0])
            if ok(member):
                return member, True
    if candidate.kind == "verb" and candidate.instrument not in TARGET_FIRST:
        objects = _children(head, ("dobj", "nsubjpass"))
        for obj in objects + [c for o in objects for c in _children(o, ("conj",))]:
            if ok(party := parties.resolve(obj)):
                return party, True  # "sanctioned 12 individuals and 9 entities involved in"
    exists, party = _prep_targets(head, preps, parties)
    if ok(party):
        return party, True
    found_phrase = exists
    scope = result.path[: max(result.scope, 1)]
    for index, step in enumerate(scope):
        pred = step.token
        if pred.pos_ not in VERBAL | NOMINAL | {"ADJ"}:
            continue
        exists, party = _prep_targets(pred, preps, parties, own)
        if ok(party):
            return party, True
        found_phrase = found_phrase or exists
        if pred.pos_ not in VERBAL:
            continue
        with_frame = index == 0 and step.relation == "prep:with"  # "threatened Iran with X"
        asked = pred.i == getattr(result.decisive, "i", -1) and result.action == "demanded"
        if with_frame or asked:  # "asked China for assistance"
            for obj in _children(pred, ("dobj",)):
                if obj.i != head.i and ok(party := parties.resolve(obj)):
                    return party, True
    if candidate.instrument == "ultimatum":  # "a deadline for Serbia to recognize Kosovo"
        for node in [head] + [s.token for s in scope]:
            for clause in _children(node, ("advcl", "acl", "relcl", "xcomp")):
                if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                    continue
                for subj in _children(clause, ("nsubj",)):
                    if ok(party := parties.resolve(subj)):
                        return party, True
    for token in (*result.receivers, *result.addressees):
        if ok(party := parties.resolve(token)):
            return party, True
    for clause in result.conditions:
        for subj in _children(clause, ("nsubj", "nsubjpass")):
            if ok(party := parties.resolve(subj)):
                return party, True
    if ok(compound) and actor is not None:
        return compound, True
    return None, found_phrase


def _partner(token: Token | None, parties: DocParties) -> Party | None:
    """The other side of a reciprocal subject ("Iran and the United States held talks")."""
    if token is None:
        return None
    for child in token.children:
        if child.dep_ == "conj":
            return parties.resolve(child)
    return None


def choose_roles(
    candidate: Candidate,
    result: ActionResult,
    parties: DocParties,
    taxonomy: Taxonomy,
    discourse: Discourse,
) -> tuple[Party | None, Party | None]:
    """Actor and target of one mention (see the module docstring)."""
    own, compound = _np_parties(candidate, parties)
    if candidate.instrument in TARGET_FIRST:
        own = None
    actor = own
    generic = result.action == "generic"
    partner = None
    if actor is None and not generic:
        start = result.decisive
        if start is None:
            start = next((s.token for s in result.path if s.token.pos_ in VERBAL), None)
        agent, recipient = agent_token(start, candidate, taxonomy)
        actor = parties.resolve(agent)
        partner = _partner(agent, parties)
        if recipient is not None:
            result.receivers.append(recipient)
    if actor is None and not generic:  # "sanctions by the European Union"
        for prep in _children(candidate.head, ("prep", "agent")):
            if prep.lower_ == "by":
                actor = next(
                    (p for c in prep.children if c.dep_ == "pobj" and (p := parties.resolve(c))),
                    None,
                )
    if actor is None and compound is not None and not generic:
        actor, compound = compound, None
    target, explicit = _target(candidate, result, parties, taxonomy, compound, actor)
    reciprocal = candidate.instrument in RECIPROCAL
    if (
        target is None
        and reciprocal
        and partner is not None
        and partner.id != getattr(actor, "id", None)
    ):
        target, explicit = partner, True
    coercive = taxonomy.coercive(candidate.instrument)
    if target is not None and explicit and coercive:
        discourse.add(candidate.head.i, target)
    elif target is None and not explicit and coercive and not generic:
        target = discourse.recent(candidate.head, actor.id if actor else None)
    return actor, target

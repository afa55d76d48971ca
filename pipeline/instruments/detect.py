"""Find instrument mentions: anchor words by lemma (PhraseMatcher passes), checked on the parse.

The matchers only find anchor tokens (lemmas or lower-case forms of the taxonomy's terms);
the conditions that make an anchor an instrument (a modifier such as "military", a
governing verb such as "reach a deal", a date after "timeline", an object such as "assets"
for "freeze") are checked on the few anchors found, never by a loop over the whole doc.
The span is the anchor's noun phrase with its modifiers, or the verb phrase where a verb
names the instrument ("sanctioned three banks", "recognizing ... annexation of Crimea").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from pipeline.instruments.taxonomy import Taxonomy, Term

NOMINAL = frozenset({"NOUN", "PROPN"})
# Dependents through which a word qualifies a noun ("military aid", "oil and gas sanctions").
MOD_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})
# Prepositions through which a noun qualifies another ("membership in NATO", "ban on imports").
WITH_PREPS = frozenset({"of", "on", "in", "into", "to", "for", "against", "over"})
# Left dependents that belong to the instrument's span (determiners and possessors do not).
LEFT_DEPS = frozenset({"amod", "compound", "nmod", "nummod", "quantmod", "npadvmod", "advmod"})
# Relations of a noun to the verb it is the object of ("reach a deal", "agree on a deal").
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})
_HYPHENS = frozenset({"-", "–", "‐"})
# Entity labels of names an anchor word may be part of without naming an instrument.
NAME_LABELS = frozenset({"ORG", "FAC", "PERSON", "WORK_OF_ART", "PRODUCT", "LAW"})
PARTY_LABELS = frozenset({"GPE", "NORP"})
# Prepositions through which a verb governs its object ("agree on a deal", "pull out of").
GOVERNING_PREPS = frozenset({"on", "to", "from", "for", "with", "in", "into", "of", "upon"})


@dataclass
class Candidate:
    """An instrument mention before its attributes are worked out."""

    instrument: str
    subtype: str | None
    term: Term
    anchor: Token
    head: Token  # NP head noun, or the verb of a verb phrase
    start: int  # token offsets of the span
    end: int
    kind: str  # "np" or "verb"
    head_cue: str | None = None  # action named by the phrase's head ("sanctions relief")
    licensor: Token | None = None  # the verb that made an object an instrument ("send arms")


def word_in(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


# Adverbs that a parser sometimes attaches as advmod where they are verb particles.
PARTICLE_ADVERBS = frozenset({"ahead", "away", "back", "out", "off", "down", "up", "through"})


def phrasal_key(verb: Token) -> str:
    """ "rule out", "walk away" for a verb with a particle, else the lemma."""
    particles = [
        c.lower_
        for c in verb.rights  # a particle follows its verb
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in PARTICLE_ADVERBS)
    ]
    return f"{verb.lemma_.lower()} {particles[0]}" if particles else verb.lemma_.lower()


def _inflections(word: str) -> set[str]:
    """Plural/third-person forms for title-case text whose lemmas are not reliable."""
    forms = {word, word + "s"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        forms.add(word[:-1] + "ies")
    return forms


@dataclass(frozen=True)
class AnchorIndex:
    """Two PhraseMatchers (on LEMMA and on LOWER) that find every anchor word in one pass
    each, and the terms each anchor form belongs to, looked up only for the matches."""

    lemma_matcher: PhraseMatcher
    lower_matcher: PhraseMatcher
    by_lemma: dict[str, tuple[Term, ...]]
    by_lower: dict[str, tuple[Term, ...]]

    def starts(self, doc: Doc) -> list[int]:
        found = {start for _id, start, _end in self.lower_matcher(doc)}
        if doc.has_annotation("LEMMA"):  # a doc without a lemmatizer still gets its forms
            found.update(start for _id, start, _end in self.lemma_matcher(doc))
        return sorted(found)

    def terms(self, token: Token) -> list[Term]:
        found = {t.index: t for t in self.by_lemma.get(token.lemma_.lower(), ())}
        found.update((t.index, t) for t in self.by_lower.get(token.lower_, ()))
        return [found[i] for i in sorted(found)]


def build_matcher(vocab: Vocab, taxonomy: Taxonomy) -> AnchorIndex:
    """Compile the anchors of every term once per pipeline: lemmas, and lower-case forms
    (title-case headings get PROPN lemmas such as "Sanctions")."""
    by_lemma: dict[str, list[Term]] = {}
    by_lower: dict[str, list[Term]] = {}
    for term in taxonomy.terms:
        anchors = term.verbs or term.lemmas
        if term.forms:
            for form in term.forms:
                by_lower.setdefault(form, []).append(term)
        for anchor in anchors:
            by_lemma.setdefault(anchor, []).append(term)
            for form in _inflections(anchor):
                by_lower.setdefault(form, []).append(term)
    lemma_matcher = PhraseMatcher(vocab, attr="LEMMA")
    lemma_matcher.add("ANCHOR", [Doc(vocab, words=[w], lemmas=[w]) for w in sorted(by_lemma)])
    lower_matcher = PhraseMatcher(vocab, attr="LOWER")
    lower_matcher.add("ANCHOR", [Doc(vocab, words=[w]) for w in sorted(by_lower)])
    return AnchorIndex(
        lemma_matcher,
        lower_matcher,
        {k: tuple(v) for k, v in by_lemma.items()},
        {k: tuple(v) for k, v in by_lower.items()},
    )


def find_modifier(token: Token, words: frozenset[str], depth: int = 2) -> Token | None:
    """A modifier of `token` with one of `words`: a compound/amod/nmod child or a conjunct
    of one ("military and economic aid"), their own modifiers up to `depth`, or the object
    of a preposition ("restrictions on exports")."""
    for child in token.children:
        if child.dep_ in MOD_DEPS:
            if word_in(child, words) or any(
                word_in(c, words) for c in child.children if c.dep_ == "conj"
            ):
                return child
            if depth > 1 and (found := find_modifier(child, words, depth - 1)) is not None:
                return found
        elif child.dep_ == "prep" and child.lower_ in WITH_PREPS and depth > 1:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and word_in(pobj, words):
                    return pobj  # not deeper: "a package of economic measures" is no aid
    if token.dep_ == "compound" and depth > 1:  # "NATO accession protocol": NATO on the head
        for sibling in token.head.lefts:
            if sibling.i < token.i and sibling.dep_ in MOD_DEPS and word_in(sibling, words):
                return sibling
    return None


def governing_verb(token: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition or coordination,
    or the noun it completes with "of" ("the use of force")."""
    while token.dep_ == "conj" and token.head.pos_ in NOMINAL:
        token = token.head
    if token.dep_ in OBJECT_DEPS and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if (
        token.dep_ == "pobj"
        and token.head.lower_ in GOVERNING_PREPS
        and token.head.head.pos_ in ("VERB", "AUX")
    ):
        return token.head.head  # "agree on a deal", "withdraw from the deal"
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        return token.head.head
    return None


def _has_date(token: Token, window: int = 8) -> bool:
    """A DATE entity inside the phrase or just after it ("a timeline of 50 days")."""
    if any(t.ent_type_ == "DATE" for t in token.subtree):
        return True
    sent_end = token.sent.end
    return any(
        t.ent_type_ == "DATE" for t in token.doc[token.i + 1 : min(sent_end, token.i + window)]
    )


def _has_infinitive(verb: Token, obj: Token) -> bool:
    """ "gave Moscow 50 days to reach a deal": a to-infinitive on the verb or its object."""
    for node in (verb, obj):
        for child in node.children:
            if child.dep_ in ("xcomp", "advcl", "relcl", "acl", "ccomp") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            ):
                return True
    return False


def _objects(verb: Token) -> tuple[list[Token], list[Token]]:
    """Direct objects of a verb with their conjuncts, and the nouns of their of/in phrases
    ("froze $300 billion in Russian assets")."""
    direct = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            direct.append(child)
            direct.extend(c for c in child.children if c.dep_ == "conj")
    inner = []
    for obj in direct:
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                inner.extend(c for c in prep.children if c.dep_ == "pobj")
    return direct, inner


def _verb_object(token: Token, term: Term) -> Token | None:
    if token.pos_ != "VERB" or token.dep_ == "amod":
        return None
    if phrasal_key(token) != token.lemma_.lower() and phrasal_key(token) not in term.verbs:
        return None  # "give up weapons" is not "give weapons"
    direct, inner = _objects(token)
    for obj in direct + inner:
        by_label = obj in direct and obj.ent_type_ in term.object_labels
        if word_in(obj, term.objects) or by_label:
            if term.requires == "infinitive" and not _has_infinitive(token, obj):
                continue
            return obj
    return None


def _has_party(token: Token) -> bool:
    """A state or people in the phrase or around its verb ("a loan for Ukraine", "China
    offered Pakistan a loan"): a loan between companies is no instrument of statecraft."""
    nodes = list(token.subtree)
    verb = governing_verb(token)
    if verb is not None:
        nodes += [t for c in verb.children if c.dep_ != "dobj" for t in c.subtree]
    return any(t.ent_type_ in PARTY_LABELS for t in nodes)


def _term_holds(token: Token, term: Term) -> tuple[bool, Token | None]:
    """Whether an anchor satisfies its term; returns the qualifying modifier or object."""
    if token.ent_type_ in NAME_LABELS:
        return False, None  # part of a name: "Savings and Loan Association", "Peace Corps"
    if term.is_verb_term:
        obj = _verb_object(token, term)
        return obj is not None, obj
    if token.pos_ not in term.pos or (token.pos_ == "VERB" and token.dep_ == "amod"):
        return False, None
    if term.forms and token.lower_ not in term.forms:
        return False, None
    modifier = None
    if term.with_:
        modifier = find_modifier(token, term.with_)
        if modifier is None:
            return False, None
    if term.without and find_modifier(token, term.without, 1) is not None:
        return False, None
    if term.governor:
        verb = governing_verb(token)
        if verb is None or (
            phrasal_key(verb) not in term.governor and verb.lemma_.lower() not in term.governor
        ):
            return False, None
    if term.requires == "date" and not _has_date(token):
        return False, None
    if term.requires == "party" and not _has_party(token):
        return False, None
    return True, modifier


def np_head(token: Token) -> Token:
    """The head noun of the phrase a noun modifies ("aid" → "packages")."""
    while (
        token.dep_ in ("compound", "nmod") and token.head.pos_ in NOMINAL and token.head.i > token.i
    ):
        token = token.head
    return token


def np_bounds(
    head: Token, right: Token | None = None, modifiers: frozenset[str] = frozenset()
) -> tuple[int, int]:
    """Token span of a noun phrase: its left modifiers (no determiner or possessor), the head,
    and a qualifying prepositional phrase when one made it an instrument. Words of the
    instrument's `modifiers` right before the phrase join it whatever their attachment."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in LEFT_DEPS:
            start = min(start, child.left_edge.i)
    doc = head.doc
    while (
        start > 0
        and doc[start - 1].pos_ in ("ADJ", "NOUN", "PROPN")
        and (doc[start - 1].lemma_.lower() in modifiers)
    ):
        start -= 1
    for i in range(head.i - 1, start - 1, -1):  # never across a comma or a dash
        if doc[i].is_punct and doc[i].text not in _HYPHENS:
            start = i + 1
            break
    while start < head.i and (doc[start].pos_ in ("DET", "CCONJ", "ADP", "PART")):
        start += 1
    end = head.i + 1
    if right is not None and right.i > head.i and right.head.dep_ == "prep":
        end = max(end, right.right_edge.i + 1)
    return start, end


def _subtype(candidate: Candidate, taxonomy: Taxonomy) -> str | None:
    if candidate.term.subtype:
        return candidate.term.subtype
    doc = candidate.head.doc
    for name, words in taxonomy.instruments[candidate.instrument].subtypes.items():
        if any(word_in(t, words) for t in doc[candidate.start : candidate.end]):
            return name
    return None


def _candidate(
    token: Token, term: Term, found: Token | None, taxonomy: Taxonomy
) -> Candidate | None:
    if term.is_verb_term and term.span == "verb_object":
        end = token.i + 1  # an object before its verb (a passive subject) stays outside
        if found.i > token.i:
            end = found.i + 1
            for prep in found.rights:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    end = prep.right_edge.i + 1
        return Candidate(term.instrument, None, term, token, token, token.i, end, "verb")
    if term.is_verb_term:  # span: object — the object phrase is the mention
        head = np_head(found)
        start, end = np_bounds(head, None, taxonomy.instruments[term.instrument].modifiers)
        return Candidate(term.instrument, None, term, found, head, start, end, "np", licensor=token)
    if token.pos_ == "VERB":  # "sanctioned", "embargoed", "negotiate"
        return Candidate(term.instrument, None, term, token, token, token.i, token.i + 1, "verb")
    head = np_head(token)
    head_cue = None
    if head.i != token.i:
        lemma = head.lemma_.lower()
        if lemma in taxonomy.excluded_heads:
            return None
        head_cue = taxonomy.head_cues.get(lemma)
    start, end = np_bounds(head, found, taxonomy.instruments[term.instrument].modifiers)
    return Candidate(term.instrument, None, term, token, head, start, end, "np", head_cue)


def _rank(candidate: Candidate) -> tuple[int, int, int]:
    """Conditions beat bare words; the phrase's own head beats a modifier; file order last."""
    return (
        int(candidate.term.specific),
        int(candidate.anchor.i == candidate.head.i),
        -candidate.term.index,
    )


def detect(doc: Doc, anchors: AnchorIndex, taxonomy: Taxonomy) -> list[Candidate]:
    """Instrument candidates of a doc, one per phrase head, in text order."""
    by_head: dict[int, Candidate] = {}
    for start in anchors.starts(doc):
        token = doc[start]
        for term in anchors.terms(token):
            holds, found = _term_holds(token, term)
            if not holds:
                continue
            candidate = _candidate(token, term, found, taxonomy)
            if candidate is None:
                continue
            best = by_head.get(candidate.head.i)
            if best is None or _rank(candidate) > _rank(best):
                by_head[candidate.head.i] = candidate
    candidates = sorted(
        (c for c in by_head.values() if c.start < c.end), key=lambda c: (c.start, -c.end)
    )
    kept: list[Candidate] = []
    for candidate in candidates:
        if any(
            k.instrument == candidate.instrument
            and k.start <= candidate.start
            and candidate.end <= k.end
            for k in kept
        ):
            continue
        candidate.subtype = _subtype(candidate, taxonomy)
        kept.append(candidate)
    return kept

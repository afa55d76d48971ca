"""The sides of a match report are teams; players stay people."""

from __future__ import annotations

import pytest
import spacy

from pipeline.entities.corrections import trim
from pipeline.entities.teams import score_starts


def labels(nlp, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


def test_scores_are_found_as_spacy_splits_them():
    assert score_starts(["won", "3", "-", "0", "in", "1996", "-", "97"]) == [1]
    assert score_starts(["a", "747", "-", "400"]) == []


def test_a_name_does_not_end_in_a_score():
    doc = spacy.blank("en")("Swindon 2-1")
    assert [t.text for t in doc] == ["Swindon", "2", "-", "1"]
    assert trim(doc, 0, len(doc)) == (0, 1)


@pytest.mark.parametrize(
    ("sentence", "team"),
    [
        ("Arsenal went top after a 3-0 win over Southampton on Sunday .", "Southampton"),
        ("Chelsea drew 1-1 with Everton at home on Saturday .", "Everton"),
        ("Coventry were beaten 2-0 by Blackburn on Wednesday .", "Blackburn"),
        ("Middlesbrough suffered a 2-0 defeat against Blackburn on Wednesday .", "Blackburn"),
        ("Oldham lost 2-1 against Blackburn on Wednesday .", "Oldham"),
    ],
)
def test_a_side_of_a_result_is_a_team(nlp, sentence, team):
    assert labels(nlp, sentence).get(team) == "ORG"


def test_players_stay_people_and_countries_stay_countries(nlp):
    text = (
        "Pete Sampras beat Cedric Pioline in the final on Sunday .\n\n"
        "Sampras beat Pioline 6-4 6-3 to take the title .\n\n"
        "Brazil beat Italy 3-1 in a friendly on Wednesday ."
    )
    found = labels(nlp, text)
    assert found["Sampras"] == "PERSON"  # "Pete Sampras" above
    assert found["Brazil"] == found["Italy"] == "GPE"


def test_a_team_is_a_team_in_every_mention_of_its_report(nlp):
    text = (
        "Results on Saturday :\n\nWalsall 2 Crewe 1\nBarnet 0 Exeter 0\n\n"
        "Chris Nicholl said Walsall deserved to win .\n\n"
        "Walsall are third in the table , two points behind Wigan ."
    )
    found = [(e.text, e.label_) for e in nlp(text).ents]
    assert found.count(("Walsall", "ORG")) == 3  # the model reads two of them as people
    assert not any(label not in ("DATE", "CARDINAL") and text.isdigit() for text, label in found)


def test_a_number_of_one_or_two_digits_is_no_name():
    from pipeline.entities.corrections import is_capitalized

    doc = spacy.blank("en")("Derby 1 747 G7 km²")
    assert not is_capitalized(doc, 1, 2) and not is_capitalized(doc, 4, 5)
    assert is_capitalized(doc, 2, 3) and is_capitalized(doc, 3, 4)


def test_a_clubs_name_without_its_club_word_is_the_club(nlp):
    text = (
        "Blackburn Rovers sacked their manager on Friday .\n\n"
        "Blackburn chairman Robert Coar said the board had decided to act ."
    )
    found = labels(nlp, text)
    assert found.get("Blackburn") == "ORG"  # the model: PERSON
    # where something happens is the town
    text = "Newcastle United won again .\n\nThousands of fans danced in Newcastle on Sunday ."
    assert labels(nlp, text).get("Newcastle") == "GPE"


def test_a_leaderboards_scores_are_no_part_of_a_name():
    from spacy.tokens import Span

    from pipeline.entities.corrections import clean_ner_spans
    from pipeline.kb import knowledge_base

    kb = knowledge_base()
    doc = spacy.blank("en")("135 Greg Norman 67 68 , Peter Lonard 68 67")
    doc.ents = [Span(doc, 0, 5, "PERSON"), Span(doc, 6, 8, "PERSON")]
    cands = clean_ner_spans(
        doc, [0] * len(doc), titles=kb.titles, kb=kb, keep_right_of_possessive=lambda *a, **k: True
    )
    assert [doc[c.start : c.end].text for c in cands] == ["Greg Norman", "Peter Lonard"]


def test_a_winning_margin_is_a_result_too(nlp):
    from pipeline.entities.teams import margin_starts

    lowers = "they won by 45 runs , by five wickets and by an innings".split()
    assert margin_starts(lowers) == [2, 6, 10]
    text = (
        "West Indian all-rounder Phil Simmons took four for 38 on Friday as Leicestershire "
        "beat Somerset by an innings and 39 runs in two days ."
    )
    found = labels(nlp, text)
    assert (found.get("Leicestershire"), found.get("Somerset")) == ("ORG", "ORG")
    assert found.get("Phil Simmons") == "PERSON"
    # a country's national side stays the country
    found = labels(nlp, "Pakistan beat New Zealand by 45 runs in Sharjah on Friday .")
    assert (found.get("Pakistan"), found.get("New Zealand")) == ("GPE", "GPE")

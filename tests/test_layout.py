"""Wire-story layout: datelines, results tables, club names and headline topic words.

Pure checks of `layout_names` on a blank pipeline's tokens, then the real model on
wire-style text written for these tests.
"""

from __future__ import annotations

import pytest
import spacy

from pipeline.entities.corrections import Cand
from pipeline.entities.layout import layout_names
from pipeline.entities.segment import segment
from pipeline.entities.tokens import TokenView
from pipeline.kb import knowledge_base


def names(nlp, text: str) -> list[tuple[str, str]]:
    keep = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
    return [(e.text, e.label_) for e in nlp(text).ents if e.label_ in keep]


def layout(text: str, cands: list[Cand] | None = None) -> list[tuple[str, str, bool]]:
    view = TokenView(spacy.blank("en")(text))
    blocks = [tuple(b) for b in segment(text)]
    found = layout_names(view, cands or [], blocks, knowledge_base())
    return [(view.text_of(c.start, c.end), c.label, c.entity is not None) for c in found]


def test_dateline_places_are_places_each_between_commas():
    found = layout("ULAANBAATAR , Mongolia 2003-07-09\n\nHerders moved south early this year .")
    assert found == [("ULAANBAATAR", "GPE", True), ("Mongolia", "GPE", True)]


def test_both_sides_of_a_results_row_are_teams_and_a_country_stays_a_country():
    found = layout("Results on Sunday :\n\nBolton 2 Burnley 1\nPeru 0 Chile 3\n")
    assert ("Bolton", "ORG", False) in found  # a team, not the KB's John Bolton
    assert ("Burnley", "ORG", False) in found
    assert ("Peru", "GPE", True) in found and ("Chile", "GPE", True) in found


def test_a_layout_name_replaces_the_model_candidates_it_overlaps():
    text = "Hull 4 Exeter 2"
    wrong = Cand(0, 4, "PERSON")  # "Hull 4 Exeter" as one person
    assert layout(text, [wrong]) == [("Hull", "ORG", False), ("Exeter", "ORG", False)]


def test_prose_and_ordinary_lines_are_left_alone():
    text = "The Gunners beat Everton 2 1 at home .\n\nHe left Paris on 2003-07-09 ."
    assert layout(text) == []


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "LEIPZIG , Germany 2003-07-09\n\n"
            "The city council approved the budget on Wednesday after a long debate .",
            [("LEIPZIG", "GPE"), ("Germany", "GPE")],
        ),
        (
            "TAMPERE , Finland 2001-02-11\n\nIce hockey fans queued overnight for tickets .",
            [("TAMPERE", "GPE"), ("Finland", "GPE")],
        ),
    ],
)
def test_a_dateline_city_named_nowhere_else_is_kept(nlp, text, places):
    """A dateline looks like a heading, whose names count only when the body uses them;
    a dateline's place part is places whatever the body says."""
    assert names(nlp, text) == places


def test_results_rows_in_the_full_pipeline_are_teams_row_by_row(nlp):
    text = (
        "Results of Scottish league matches on Saturday :\n"
        "Falkirk 1 Hamilton 0\nMorton 2 Raith 2\nClyde 0 Dumbarton 1"
    )
    found = names(nlp, text)
    assert [n for n, label in found if label == "ORG"] == [
        "Falkirk",
        "Hamilton",
        "Morton",
        "Raith",
        "Clyde",
        "Dumbarton",
    ]
    assert not any("\n" in n for n, _ in found)


@pytest.mark.parametrize(
    ("sentence", "clubs"),
    [
        (
            "Fans of Wolverhampton Wanderers queued for tickets on Saturday .",
            ["Wolverhampton Wanderers"],
        ),
        (
            "The defender left West Bromwich Albion for Newcastle United in May .",
            ["West Bromwich Albion", "Newcastle United"],
        ),
    ],
)
def test_a_club_word_makes_a_club_of_the_place_before_it(nlp, sentence, clubs):
    found = names(nlp, sentence)
    assert all((club, "ORG") in found for club in clubs)


def test_a_headline_topic_word_is_no_name(nlp):
    text = "CYCLING - ZABEL WINS SPRINT STAGE .\n\nErik Zabel won the stage on Friday ."
    found = names(nlp, text)
    assert ("ZABEL", "PERSON") in found
    assert not any(n.casefold().startswith("cycling") for n, _ in found)


def test_a_spaced_hyphen_further_in_a_headline_stays_inside_its_name(nlp):
    """Text tokenized with spaces writes "Wal - Mart": only a line's opening topic is cut
    off at a spaced dash."""
    text = (
        "SONY OVERTAKES WAL - MART IN DVD SALES\n\n"
        "Sony sold more discs than Wal - Mart last year , analysts said ."
    )
    assert ("WAL - MART", "ORG") in names(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "GEORGIA SAYS CHECHEN TALKS TO RESUME .\n\nGeorgian officials said talks between"
        " Chechen and Russian envoys would resume in Tbilisi .",
        "ENVOY SAYS CHECHEN TALKS TO RESUME .\n\nAn envoy said talks with Chechen leaders"
        " would resume on Monday .",
    ],
)
def test_a_person_label_in_capitals_yields_to_the_body(nlp, text):
    labels = {label for n, label in names(nlp, text) if n.casefold() == "chechen"}
    assert labels == {"NORP"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # missed by the model after a rank
        (
            "Leading qualifiers :\n\n1 - Marcelo Rios ( Chile ) 1:18.2\n"
            "2 - Tim Henman ( Britain ) 1:18.9",
            "Marcelo Rios",
        ),
        # called an organization by the model
        (
            "Qualifying :\n\n3. Heinz-Harald Frentzen ( Germany ) Williams 1:18.611",
            "Heinz-Harald Frentzen",
        ),
    ],
)
def test_a_listed_name_with_a_country_in_parentheses_is_a_person(nlp, text, person):
    assert (person, "PERSON") in names(nlp, text)


def test_a_company_with_its_country_in_parentheses_is_no_person(nlp):
    found = names(nlp, "Shares in Toyota Motor Corp ( Japan ) rose on Monday .")
    assert ("Toyota Motor Corp", "PERSON") not in found


def test_a_headline_name_takes_the_label_the_body_gives_it(nlp):
    text = (
        "SELES TOPS SEEDS AT LIPTON CHAMPIONSHIPS .\n\n"
        "Monica Seles was seeded first on Monday for the Lipton Championships in Florida ."
    )
    found = dict(names(nlp, text))
    body = found.get("the Lipton Championships") or found.get("Lipton Championships")
    assert body is not None and found.get("LIPTON CHAMPIONSHIPS") == body


@pytest.mark.parametrize(
    ("text", "norp"),
    [
        (
            "HAKKINEN TAKES POLE AT SILVERSTONE .\n\nMika Hakkinen took pole for the race .",
            False,
        ),
        (
            "POLE WINS CHESS TITLE IN MADRID .\n\nA Pole won the chess title in Madrid on Sunday .",
            True,
        ),
    ],
)
def test_a_common_word_in_capitals_is_no_known_name_unless_the_body_writes_it_so(nlp, text, norp):
    assert (("POLE", "NORP") in names(nlp, text)) is norp


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (  # the model glues the heading's last word to the city, or drops the city
            "Treasury Targets Procurement Network\n\n"
            "WASHINGTON — Today, the Treasury designated four companies .",
            [("WASHINGTON", "GPE")],
            [],
        ),
        (
            "RIGA, Latvia — Officials said the border would stay closed .",
            [("RIGA", "GPE"), ("Latvia", "GPE")],
            [],
        ),
        ("ANKARA, March 3 (Reuters) - Turkey said it would respond .", [("ANKARA", "GPE")], []),
        ("NOTE - the figures are provisional and may change .", [], ["NOTE"]),
        ("SOCCER - JAPAN BEAT SYRIA IN ASIAN CUP .", [], ["SOCCER"]),
    ],
)
def test_a_paragraph_opening_with_a_place_and_a_dash_names_a_place(nlp, text, expected, absent):
    found = names(nlp, text)
    assert all(e in found for e in expected)
    assert not any(n in absent for n, _ in found)


def test_byline_names_are_split_at_commas_and_conjunctions():
    from pipeline.entities.layout import _byline_names

    line = "By Ana Ruiz, Li Wei & Tom Bo and DAVID McHUGH"
    assert [line[a:b] for a, b in _byline_names(line)] == [
        "Ana Ruiz",
        "Li Wei",
        "Tom Bo",
        "DAVID McHUGH",
    ]
    assert _byline_names("By the way, this is not a byline") == []


def test_each_name_of_a_byline_is_a_person(nlp):
    text = (
        "US to unveil aid package\n\nBy Mike Stone and Steve Holland\n\n"
        "WASHINGTON (Reuters) - The United States will send arms.\n\n"
        "Oil sanctions bite\n\nBy Reuters Staff\n\nMOSCOW (Reuters) - Russia objected."
    )
    ents = [(e.text, e.label_) for e in nlp(text).ents]
    assert ("Mike Stone", "PERSON") in ents and ("Steve Holland", "PERSON") in ents
    assert ("Holland", "GPE") not in ents  # not the Netherlands
    assert not any(name.startswith("Reuters Staff") for name, _ in ents)

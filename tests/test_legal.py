"""Legal instruments cited by their number are one LAW each."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("sentence", "law"),
    [
        (
            "The designations were made pursuant to Executive Order (E.O.) 14038 .",
            "Executive Order (E.O.) 14038",
        ),
        ("Treasury acted under E.O. 13846 on Thursday .", "E.O. 13846"),
        (
            "Iran is bound by United Nations Security Council Resolution 1737 .",
            "United Nations Security Council Resolution 1737",
        ),
        (
            "The ban rests on Council Regulation (EU) No 269/2014 .",
            "Council Regulation (EU) No 269/2014",
        ),
        ("Proclamation 9980 raised duties on steel derivatives .", "Proclamation 9980"),
        ("The funds come from the supplemental act (P.L. 117-128).", "P.L. 117-128"),
        ("Public Law 118-50 provides the funds.", "Public Law 118-50"),
        ("The Council renewed the regime by resolution 2700 (2023).", "resolution 2700"),
        (
            "Under Security Council resolution 2231, Iran agreed.",
            "Security Council resolution 2231",
        ),
        ("The Senate passed S. 722, bipartisan legislation, on Tuesday.", "S. 722"),
        ("The House passed H.R. 815 on Tuesday.", "H.R. 815"),
    ],
)
def test_a_numbered_legal_instrument_is_one_law(nlp, sentence, law):
    assert (law, "LAW") in [(e.text, e.label_) for e in nlp(sentence).ents]


def test_numbers_that_cite_nothing_stay_numbers(nlp):
    found = [(e.text, e.label_) for e in nlp("The order covered 14038 tonnes of steel .").ents]
    assert not any(label == "LAW" for _, label in found)
    text = "The resolution 2700 delegates voted for (2,000 in all), and the law 118 passed."
    assert not any(e.label_ == "LAW" for e in nlp(text).ents)


def test_an_acronym_defined_for_a_law_is_the_law(nlp):
    text = (
        "Section 506 of the Foreign Assistance Act (FAA) is a valuable tool. "
        "The President may act under the FAA."
    )
    found = [(e.text, e.label_) for e in nlp(text).ents]
    assert found.count(("FAA", "LAW")) == 2


@pytest.mark.parametrize(
    ("sentence", "law"),
    [
        (
            "The measures rest on the Sanctions (Russia) (Amendment) Regulations 2023, "
            "which Parliament approved.",
            "Sanctions (Russia) (Amendment) Regulations 2023",
        ),
        (
            "Officials invoked the Financial Services (Transparency and Reporting) Act "
            "against the bank.",
            "Financial Services (Transparency and Reporting) Act",
        ),
    ],
)
def test_a_statute_with_parenthesized_parts_is_one_law(nlp, sentence, law):
    assert (law, "LAW") in [(e.text, e.label_) for e in nlp(sentence).ents]


def test_a_parenthesis_without_a_statute_word_is_no_law(nlp):
    doc = nlp("The Ministry of Finance (MoF) said the European Union (EU) agreed.")
    assert not any(e.label_ == "LAW" for e in doc.ents)


def test_the_statute_scan_stays_linear_on_long_capitalized_runs():
    from pipeline.entities.legal import _STATUTE

    text = "Alpha Beta Gamma Delta " * 2000 + "(Epsilon) Act"
    # a bounded title: the match is the last words only, found without backtracking
    [match] = _STATUTE.finditer(text)
    assert match.group().endswith("Delta (Epsilon) Act")
    assert len(match.group().split()) <= 10

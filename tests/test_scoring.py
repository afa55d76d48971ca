"""Tests of pipeline.scoring against hand-computed figures (see /work/shared/eval/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.scoring import format_report, load_jsonl, score, trim_span

SEED_GOLD = Path("/work/shared/eval/seed.gold.jsonl")


def sp(text: str, sub: str, label: str, nth: int = 0, **attrs: object) -> dict:
    """Build a span over the nth occurrence of `sub` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return {"start": start, "end": start + len(sub), "text": sub, "label": label, **attrs}


def doc(text: str, *spans: dict) -> dict:
    return {"id": "d", "meta": {"published": "2025-08-05"}, "text": text, "spans": list(spans)}


def prf(m: dict) -> tuple:
    return (m["tp"], m["fp"], m["fn"])


# --- trimming ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("the Kremlin said", 0, 11, (4, 11)),
        ("The  Kremlin said", 0, 12, (5, 12)),
        ("Putin’s plan", 0, 7, (0, 5)),
        ("Putin's plan", 0, 7, (0, 5)),
        ("PUTIN'S plan", 0, 7, (0, 5)),
        ("Brussels’ view", 0, 9, (0, 8)),
        ('said "NATO", then', 5, 12, (6, 10)),
        ("in (Moscow) today", 2, 12, (4, 10)),
        ("see the Kremlin’s.", 4, 18, (8, 15)),
        ("theater district", 0, 7, (0, 7)),
        ("Theresa May", 0, 11, (0, 11)),
        ("Paris", 0, 5, (0, 5)),
        ("a -- b", 2, 4, (2, 4)),  # all punctuation: nothing left, offsets kept
    ],
)
def test_trim_span(text: str, start: int, end: int, expected: tuple[int, int]) -> None:
    assert trim_span(text, start, end) == expected


# --- entities ---------------------------------------------------------------------------


def test_entity_trimming_makes_boundaries_equal() -> None:
    t = "The Kremlin rejected Putin’s critics and Trump's plan, said “NATO”."
    gold = doc(t, sp(t, "Kremlin", "ORG"), sp(t, "Putin", "PERSON"), sp(t, "Trump", "PERSON"))
    gold["spans"].append(sp(t, "NATO", "ORG"))
    pred = doc(
        t,
        sp(t, "The Kremlin", "ORG"),
        sp(t, "Putin’s", "PERSON"),
        sp(t, "Trump's", "PERSON"),
        sp(t, "“NATO”.", "ORG"),
    )
    ent = score([gold], [pred])["entities"]
    assert prf(ent) == (4, 0, 0)
    assert ent["f1"] == 1.0


def test_entity_wrong_boundary_is_fp_and_fn() -> None:
    t = "President Donald Trump spoke."
    gold = doc(t, sp(t, "Donald Trump", "PERSON"))
    pred = doc(t, sp(t, "President Donald Trump", "PERSON"))
    ent = score([gold], [pred])["entities"]
    assert prf(ent) == (0, 1, 1)
    assert (ent["precision"], ent["recall"], ent["f1"]) == (0.0, 0.0, 0.0)


def test_alt_labels_and_per_label_keys() -> None:
    t = "Washington and Moscow talked."
    gold = doc(t, sp(t, "Washington", "GPE", alt_labels=["ORG"]), sp(t, "Moscow", "GPE"))
    pred = doc(t, sp(t, "Washington", "ORG"), sp(t, "Moscow", "LOC"))
    ent = score([gold], [pred])["entities"]
    # Washington: ORG is an alt label -> hit; Moscow: LOC is not -> fp (LOC) + fn (GPE).
    assert prf(ent) == (1, 1, 1)
    assert (ent["precision"], ent["recall"], ent["f1"]) == (0.5, 0.5, 0.5)
    assert prf(ent["per_label"]["GPE"]) == (1, 0, 1)
    assert prf(ent["per_label"]["LOC"]) == (0, 1, 0)
    assert ent["per_label"]["LOC"]["precision"] == 0.0
    assert "ORG" not in ent["per_label"]


def test_numeric_and_date_labels_are_ignored() -> None:
    t = "Trump spent $61 billion on 3 days in 2025 for the first time."
    gold = doc(t, sp(t, "Trump", "PERSON"), sp(t, "3", "CARDINAL"), sp(t, "2025", "TIMEX"))
    pred = doc(
        t,
        sp(t, "Trump", "PERSON"),
        sp(t, "$61 billion", "MONEY"),
        sp(t, "3 days", "DATE"),
        sp(t, "2025", "DATE"),
        sp(t, "first", "ORDINAL"),
        sp(t, "the first time", "TIME"),
    )
    ent = score([gold], [pred])["entities"]
    assert prf(ent) == (1, 0, 0)
    assert set(ent["per_label"]) == {"PERSON"}


def test_entity_one_to_one() -> None:
    t = "Putin spoke."
    gold = doc(t, sp(t, "Putin", "PERSON"))
    pred = doc(t, sp(t, "Putin", "PERSON"), sp(t, "Putin", "PERSON"))
    ent = score([gold], [pred])["entities"]
    assert prf(ent) == (1, 1, 0)
    assert ent["precision"] == 0.5
    assert ent["f1"] == pytest.approx(2 / 3)


def test_kb_id_accuracy() -> None:
    t = "Putin met Trump in Moscow."
    gold = doc(
        t,
        sp(t, "Putin", "PERSON", kb_id="Q7747"),
        sp(t, "Trump", "PERSON", kb_id="Q22686"),
        sp(t, "Moscow", "GPE"),
    )
    pred = doc(
        t,
        sp(t, "Putin", "PERSON", kb_id="Q7747"),
        sp(t, "Trump", "PERSON", kb_id="Q30"),
        sp(t, "Moscow", "GPE", kb_id="Q649"),
    )
    ent = score([gold], [pred])["entities"]
    assert (ent["kb_id_accuracy"], ent["kb_id_n"]) == (0.5, 2)
    no_kb = score([doc(t, sp(t, "Moscow", "GPE"))], [pred])["entities"]
    assert (no_kb["kb_id_accuracy"], no_kb["kb_id_n"]) == (None, 0)


# --- optional spans ---------------------------------------------------------------------


def test_optional_spans_cost_nothing_and_absorb_overlaps() -> None:
    t = "He threatened oil sanctions and economic punishment, and the Kremlin in 2025."
    gold = doc(
        t,
        sp(t, "oil sanctions", "INSTRUMENT", instrument="sanctions", action="threatened"),
        sp(t, "economic punishment", "INSTRUMENT", instrument="sanctions", optional=True),
        sp(t, "Kremlin", "ORG", optional=True),
        sp(t, "2025", "TIMEX", timex_type="DATE", value="2025", optional=True),
    )
    # Nothing predicted: optional spans are not misses.
    empty = score([gold], [doc(t)])
    assert prf(empty["instruments"]) == (0, 0, 1)
    assert prf(empty["entities"]) == (0, 0, 0)
    assert prf(empty["timex"]["relaxed"]) == (0, 0, 0)
    pred = doc(
        t,
        sp(t, "oil sanctions", "INSTRUMENT", instrument="sanctions", action="threatened"),
        sp(t, "punishment", "INSTRUMENT", instrument="tariffs"),
        sp(t, "the Kremlin in", "ORG"),
        sp(t, "in 2025", "TIMEX", timex_type="DATE", value="2025"),
    )
    m = score([gold], [pred])
    assert prf(m["instruments"]) == (1, 0, 0)
    assert prf(m["entities"]) == (0, 0, 0)
    assert prf(m["timex"]["relaxed"]) == (0, 0, 0)
    assert prf(m["timex"]["strict"]) == (0, 0, 0)
    assert prf(m["timex"]["value"]) == (0, 0, 0)
    assert m["timex"]["type_accuracy"] is None


def test_prediction_over_optional_and_required_matches_required() -> None:
    t = "military aid packages and air defense systems"
    gold = doc(
        t,
        sp(t, "military aid packages", "INSTRUMENT", instrument="military_aid", action="announced"),
        sp(t, "air defense systems", "INSTRUMENT", instrument="military_aid", optional=True),
    )
    pred = doc(t, sp(t, t, "INSTRUMENT", instrument="military_aid", action="announced"))
    ins = score([gold], [pred])["instruments"]
    assert prf(ins) == (1, 0, 0)


# --- TIMEX ------------------------------------------------------------------------------


def test_timex_one_to_one_largest_overlap_first() -> None:
    t = "The war began on February 24, 2022."
    gold = doc(t, sp(t, "February 24, 2022", "TIMEX", timex_type="DATE", value="2022-02-24"))
    pred = doc(
        t,
        sp(t, "24, 2022", "TIMEX", timex_type="DURATION", value="P1D"),
        sp(t, "February 24", "TIMEX", timex_type="DATE", value="2022-02-24"),
    )
    tx = score([gold], [pred])["timex"]
    assert prf(tx["relaxed"]) == (1, 1, 0)
    assert tx["relaxed"]["f1"] == pytest.approx(2 / 3)
    assert prf(tx["strict"]) == (0, 2, 1)
    assert tx["strict"]["f1"] == 0.0
    # "February 24" (11 chars of overlap) wins over "24, 2022" (8): its type and value count.
    assert (tx["type_accuracy"], tx["type_n"]) == (1.0, 1)
    assert tx["value_accuracy"] == 1.0
    assert prf(tx["value"]) == (1, 1, 0)


def test_timex_null_value_strict_and_te3_arithmetic() -> None:
    t = "In the first months of 2014 talks stalled; six months later, on Tuesday, they resumed."
    gold = doc(
        t,
        sp(t, "the first months", "TIMEX", timex_type="DATE", value=None),
        sp(t, "2014", "TIMEX", timex_type="DATE", value="2014"),
        sp(t, "six months", "TIMEX", timex_type="DURATION", value="P6M"),
    )
    pred = doc(
        t,
        sp(t, "first months", "TIMEX", timex_type="DATE", value="2025-XX"),
        sp(t, "2014", "TIMEX", timex_type="DATE", value="2014"),
        sp(t, "six months later", "TIMEX", timex_type="DATE", value="P6D"),
        sp(t, "Tuesday", "TIMEX", timex_type="DATE", value="2025-08-05"),
    )
    tx = score([gold], [pred])["timex"]
    # Strict: "first months" == "the first months" after trimming; 2014; Tuesday is fp.
    assert prf(tx["strict"]) == (2, 2, 1)
    assert tx["strict"]["f1"] == pytest.approx(4 / 7)  # P 1/2, R 2/3
    # Relaxed: three matches, Tuesday fp.  P 3/4, R 1 -> F1 6/7.
    assert prf(tx["relaxed"]) == (3, 1, 0)
    assert tx["relaxed"]["f1"] == pytest.approx(6 / 7)
    assert tx["type_accuracy"] == pytest.approx(2 / 3)
    # Value: 1 hit (2014); precision over 4 preds minus 1 matched to the null-valued gold
    # = 3; recall over 2 non-null gold.  P 1/3, R 1/2 -> F1 2/5.
    assert prf(tx["value"]) == (1, 2, 1)
    assert tx["value"]["precision"] == pytest.approx(1 / 3)
    assert tx["value"]["recall"] == 0.5
    assert tx["value"]["f1"] == pytest.approx(0.4)
    # TE3: value accuracy over non-null relaxed matches (1/2) x relaxed F1 (6/7).
    assert (tx["value_accuracy"], tx["value_accuracy_n"]) == (0.5, 2)
    assert tx["te3_value_f1"] == pytest.approx(3 / 7)


# --- instruments ------------------------------------------------------------------------


def test_instrument_requires_same_instrument() -> None:
    t = "He threatened harsh oil sanctions."
    gold = doc(t, sp(t, "oil sanctions", "INSTRUMENT", instrument="sanctions", action="threatened"))
    wrong = doc(t, sp(t, "oil sanctions", "INSTRUMENT", instrument="tariffs", action="threatened"))
    ins = score([gold], [wrong])["instruments"]
    assert prf(ins) == (0, 1, 1)
    assert ins["action_accuracy"] is None and ins["action_n"] == 0
    right = doc(t, sp(t, "harsh oil", "INSTRUMENT", instrument="sanctions", action="generic"))
    ins = score([gold], [right])["instruments"]
    assert prf(ins) == (1, 0, 0)
    assert ins["action_accuracy"] == 0.0


def test_instrument_attribute_accuracies() -> None:
    t = (
        "Trump threatened oil sanctions; Congress proposed tariffs of up to 500%;"
        " military aid packages."
    )
    gold = doc(
        t,
        sp(t, "oil sanctions", "INSTRUMENT", instrument="sanctions", action="threatened",
           actor="Q22686", target="Q159"),
        sp(t, "tariffs", "INSTRUMENT", instrument="tariffs", action="proposed",
           actor="Q11268", magnitude="500%"),
        sp(t, "military aid packages", "INSTRUMENT", instrument="military_aid", action="announced"),
    )  # fmt: skip
    pred = doc(
        t,
        sp(t, "threatened oil sanctions", "INSTRUMENT", instrument="sanctions",
           action="threatened", actor="Q22686", target="Q7747"),
        sp(t, "tariffs of up to 500%", "INSTRUMENT", instrument="tariffs", action="considered",
           actor="Q11268", magnitude="500%"),
        sp(t, "military aid", "INSTRUMENT", instrument="military_aid", action="announced",
           actor="Q30"),
        sp(t, "oil", "INSTRUMENT", instrument="sanctions", action="generic"),
    )  # fmt: skip
    ins = score([gold], [pred])["instruments"]
    # The short "oil" prediction loses to the larger overlap and is a false positive.
    assert prf(ins) == (3, 1, 0)
    assert ins["f1"] == pytest.approx(6 / 7)
    assert (ins["action_accuracy"], ins["action_n"]) == (pytest.approx(2 / 3), 3)
    assert (ins["actor_accuracy"], ins["actor_n"]) == (1.0, 2)
    assert (ins["target_accuracy"], ins["target_n"]) == (0.0, 1)
    assert (ins["magnitude_accuracy"], ins["magnitude_n"]) == (1.0, 1)


# --- document pairing -------------------------------------------------------------------


def _pair_docs(gold_text: str, pred_text: str) -> tuple[dict, dict]:
    gold = doc(gold_text, sp(gold_text, "Putin", "PERSON"), sp(gold_text, "Trump", "PERSON"))
    pred = doc(pred_text, sp(pred_text, "Putin", "PERSON"), sp(pred_text, "Trump", "PERSON"))
    return gold, pred


def test_unpaired_document_counts_all_gold_as_misses() -> None:
    gold, pred = _pair_docs("Putin met Trump.", "Putin met  Trump.")
    m = score([gold], [pred])
    assert m["documents"] == {"gold": 1, "paired": 0}
    assert prf(m["entities"]) == (0, 0, 2)
    assert m["entities"]["recall"] == 0.0
    assert prf(score([gold], [])["entities"]) == (0, 0, 2)


@pytest.mark.parametrize(
    ("gold_text", "pred_text"),
    [("Putin met Trump.", "Putin met Trump.\n  "), ("Putin met Trump. \n", "Putin met Trump.")],
)
def test_trailing_whitespace_pairing(gold_text: str, pred_text: str) -> None:
    gold, pred = _pair_docs(gold_text, pred_text)
    other = doc("Another text.", sp("Another text.", "Another", "ORG"))
    m = score([gold], [other, pred])
    assert m["documents"] == {"gold": 1, "paired": 1}
    assert prf(m["entities"]) == (2, 0, 0)


def test_micro_average_over_documents() -> None:
    g1, p1 = _pair_docs("Putin met Trump.", "Putin met Trump.")
    g2, _ = _pair_docs("Trump met Putin.", "Trump met Putin.")
    m = score([g1, g2], [p1])
    assert m["documents"] == {"gold": 2, "paired": 1}
    assert prf(m["entities"]) == (2, 0, 2)
    assert m["entities"]["precision"] == 1.0
    assert m["entities"]["recall"] == 0.5


# --- loader, report, seed ---------------------------------------------------------------


def test_load_jsonl_reports_bad_line(tmp_path: Path) -> None:
    good = json.dumps(doc("Putin spoke.", sp("Putin spoke.", "Putin", "PERSON")))
    path = tmp_path / "docs.jsonl"
    path.write_text(good + "\n\n" + good + "\n", encoding="utf-8")
    assert len(load_jsonl(path)) == 2
    path.write_text(good + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"docs\.jsonl:2: invalid JSON"):
        load_jsonl(path)
    bad = doc("Putin spoke.", {"start": 0, "end": 6, "text": "Putin", "label": "PERSON"})
    path.write_text(good + "\n" + good + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"docs\.jsonl:3: span 0 text"):
        load_jsonl(path)
    path.write_text(json.dumps({"spans": []}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"docs\.jsonl:1: .*'text'"):
        load_jsonl(path)


def test_format_report_shows_main_figures() -> None:
    t = "Washington and Moscow talked."
    gold = doc(t, sp(t, "Washington", "GPE"), sp(t, "Moscow", "GPE"))
    pred = doc(t, sp(t, "Washington", "GPE"), sp(t, "Moscow", "LOC"))
    m = score([gold], [pred])
    json.dumps(m)  # JSON-serialisable
    report = format_report(m)
    entity_line = next(line for line in report.splitlines() if line.startswith("entities"))
    assert entity_line.split()[1:] == ["0.500", "0.500", "0.500", "1", "1", "1"]
    assert "TE3" in report and "kb_id" in report


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="seed gold file not available")
def test_seed_gold_scores_perfectly_against_itself() -> None:
    gold = load_jsonl(SEED_GOLD)
    m = score(gold, load_jsonl(SEED_GOLD))
    assert m["documents"]["paired"] == m["documents"]["gold"] == len(gold) >= 1
    layers = [m["entities"], m["timex"]["strict"], m["timex"]["relaxed"], m["timex"]["value"]]
    layers.append(m["instruments"])
    for layer in layers:
        assert layer["tp"] > 0
        assert (layer["precision"], layer["recall"], layer["f1"]) == (1.0, 1.0, 1.0)
    assert m["timex"]["te3_value_f1"] == 1.0
    accuracies = [m["entities"]["kb_id_accuracy"], m["timex"]["type_accuracy"]]
    accuracies += [m["instruments"][f"{a}_accuracy"] for a in ("action", "actor", "target")]
    accuracies.append(m["instruments"]["magnitude_accuracy"])
    assert accuracies == [1.0] * 6

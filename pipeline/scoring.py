"""Score predicted annotations against gold, as defined in /work/shared/eval/README.md.

Three layers are scored independently: named entities (strict, trimmed boundaries),
temporal expressions (strict, relaxed, type, value and TempEval-3 value F1) and policy
instruments (relaxed overlap with the same `instrument`, plus attribute accuracies).
Everything here is a pure function over exchange-format documents (dicts), so the scorer
can be tested without spaCy and reused by any predictor that writes the format.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ENTITY_LABELS = frozenset(
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split()
)
TIMEX_LABEL = "TIMEX"
INSTRUMENT_LABEL = "INSTRUMENT"
INSTRUMENT_ATTRIBUTES = ("action", "actor", "target", "magnitude")
_POSSESSIVES = ("’s", "'s")

Span = dict[str, Any]
Pair = tuple[Span, Span]


def load_jsonl(path: str | Path) -> list[dict]:
    """Read exchange-format documents, one per line; blank lines are skipped.

    Offsets are checked here so that a corrupt export fails loudly with its line
    number instead of silently scoring as misses.
    """
    docs: list[dict] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            reason = _document_problem(doc)
            if reason:
                raise ValueError(f"{path}:{lineno}: {reason}")
            docs.append(doc)
    return docs


def _document_problem(doc: Any) -> str | None:
    """Return why `doc` is not a valid exchange-format document, or None."""
    if not isinstance(doc, dict):
        return "expected a JSON object"
    text = doc.get("text")
    if not isinstance(text, str):
        return "missing or non-string 'text'"
    spans = doc.get("spans")
    if not isinstance(spans, list):
        return "missing or non-list 'spans'"
    for i, span in enumerate(spans):
        if not isinstance(span, dict):
            return f"span {i} is not an object"
        start, end = span.get("start"), span.get("end")
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
            return f"span {i} needs integer 'start' and 'end'"
        if not 0 <= start <= end <= len(text):
            return f"span {i} offsets {start}:{end} outside text of length {len(text)}"
        if not isinstance(span.get("label"), str):
            return f"span {i} has no string 'label'"
        if "text" in span and span["text"] != text[start:end]:
            return f"span {i} text {span['text']!r} != text[{start}:{end}] {text[start:end]!r}"
    return None


def _is_edge(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading "the ", a trailing possessive and edge punctuation/white space.

    Annotators and taggers disagree on exactly these margins ("the Kremlin",
    "Putin’s"), which the guidelines do not treat as errors. Trimming repeats until
    stable; if it would leave nothing, the original offsets are returned.
    """
    s, e = start, end
    while True:
        before = (s, e)
        while s < e and _is_edge(text[s]):
            s += 1
        while e > s and _is_edge(text[e - 1]):
            e -= 1
        seg = text[s:e].lower()
        if len(seg) > 4 and seg.startswith("the") and seg[3].isspace():
            s += 4
        elif any(seg.endswith(p) and len(seg) > len(p) for p in _POSSESSIVES):
            e -= 2
        if (s, e) == before:
            break
    return (s, e) if s < e else (start, end)


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _align(
    gold: list[Span], pred: list[Span], weight: Callable[[Span, Span], float]
) -> tuple[list[Pair], list[Span], list[Span]]:
    """One-to-one greedy alignment of predictions to non-optional gold spans.

    Candidate pairs (weight > 0) are taken highest weight first. Returns the matched
    (gold, pred) pairs, the false positives (unmatched predictions that overlap no
    optional gold span: those are neither hit nor error) and the false negatives
    (unmatched non-optional gold spans).
    """
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    candidates = [
        (w, gi, pi)
        for gi, g in enumerate(required)
        for pi, p in enumerate(pred)
        if (w := weight(g, p)) > 0
    ]
    candidates.sort(key=lambda c: (-c[0], required[c[1]]["start"], pred[c[2]]["start"]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[Pair] = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((required[gi], pred[pi]))
    fp = [
        p
        for pi, p in enumerate(pred)
        if pi not in used_p and not any(_overlap(p, o) > 0 for o in optional)
    ]
    return pairs, fp, [g for gi, g in enumerate(required) if gi not in used_g]


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Micro precision/recall/F1 with 0.0 for undefined ratios, plus the counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _acc(correct: int, n: int) -> float | None:
    return correct / n if n else None


def _layer(spans: Iterable[Span], keep: Callable[[str], bool]) -> list[Span]:
    return [s for s in spans if isinstance(s.get("label"), str) and keep(s["label"])]


def _pair_documents(gold_docs: list[dict], pred_docs: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair by text up to trailing white space; the first prediction with a text wins."""
    by_text: dict[str, dict] = {}
    for doc in pred_docs:
        by_text.setdefault(doc.get("text", "").rstrip(), doc)
    return [(g, by_text.get(g.get("text", "").rstrip())) for g in gold_docs]


def _score_document(
    gold_doc: dict, pred_doc: dict | None, c: Counter[str], per_label: dict[str, Counter[str]]
) -> None:
    """Add one document's counts to `c` and the per-label entity counts."""

    def bump(label: str, key: str) -> None:
        per_label.setdefault(label, Counter())[key] += 1

    text = gold_doc["text"]
    gold = gold_doc.get("spans", [])
    pred = pred_doc.get("spans", []) if pred_doc is not None else []
    # Each side is trimmed against its own text (they differ only in trailing space).
    trim = {id(s): trim_span(text, s["start"], s["end"]) for s in gold}
    if pred_doc is not None:
        ptext = pred_doc["text"]
        trim.update({id(s): trim_span(ptext, s["start"], s["end"]) for s in pred})

    def same_bounds(g: Span, p: Span) -> bool:
        return trim[id(g)] == trim[id(p)]

    # Entities: strict, label or alt label; exact-label matches preferred.
    def ent_weight(g: Span, p: Span) -> float:
        if not same_bounds(g, p):
            return 0
        return 2 if p["label"] == g["label"] else int(p["label"] in (g.get("alt_labels") or []))

    g_ent = _layer(gold, ENTITY_LABELS.__contains__)
    p_ent = _layer(pred, ENTITY_LABELS.__contains__)
    ent_pairs, fps, fns = _align(g_ent, p_ent, ent_weight)
    for g, p in ent_pairs:
        bump(g["label"], "tp")
        if g.get("kb_id") is not None:
            c["kb_n"] += 1
            c["kb_ok"] += p.get("kb_id") == g["kb_id"]
    for g in fns:
        bump(g["label"], "fn")
    for p in fps:
        bump(p["label"], "fp")

    # TIMEX: strict, relaxed, type and value.
    g_tx = _layer(gold, TIMEX_LABEL.__eq__)
    p_tx = _layer(pred, TIMEX_LABEL.__eq__)
    strict, fp, fn = _align(g_tx, p_tx, lambda g, p: float(same_bounds(g, p)))
    c["ts_tp"] += len(strict)
    c["ts_fp"] += len(fp)
    c["ts_fn"] += len(fn)
    relaxed, fp, fn = _align(g_tx, p_tx, lambda g, p: _overlap(g, p))
    c["tr_tp"] += len(relaxed)
    c["tr_fp"] += len(fp)
    c["tr_fn"] += len(fn)
    for g, p in relaxed:
        if g.get("timex_type") is not None:
            c["type_n"] += 1
            c["type_ok"] += p.get("timex_type") == g["timex_type"]
        if g.get("value") is None:
            c["val_null_matched"] += 1
        else:
            c["val_matched"] += 1
            c["val_ok"] += p.get("value") == g["value"]
    c["val_gold"] += sum(not g.get("optional") and g.get("value") is not None for g in g_tx)

    # Instruments: relaxed overlap with the same instrument.
    def ins_weight(g: Span, p: Span) -> float:
        same = g.get("instrument") is not None and p.get("instrument") == g["instrument"]
        return _overlap(g, p) if same else 0

    ins_pairs, fp, fn = _align(
        _layer(gold, INSTRUMENT_LABEL.__eq__), _layer(pred, INSTRUMENT_LABEL.__eq__), ins_weight
    )
    c["in_tp"] += len(ins_pairs)
    c["in_fp"] += len(fp)
    c["in_fn"] += len(fn)
    for g, p in ins_pairs:
        for attr in INSTRUMENT_ATTRIBUTES:
            if g.get(attr) is not None:
                c[f"{attr}_n"] += 1
                c[f"{attr}_ok"] += p.get(attr) == g[attr]


def score(gold_docs: list[dict], pred_docs: list[dict]) -> dict:
    """Score predictions against gold over all three layers (micro-averaged).

    Predicted documents without a gold counterpart are ignored; a gold document
    without a paired prediction counts all its spans as misses.
    """
    pairs = _pair_documents(gold_docs, pred_docs)
    c: Counter[str] = Counter()
    per_label: dict[str, Counter[str]] = {}
    for gold_doc, pred_doc in pairs:
        _score_document(gold_doc, pred_doc, c, per_label)

    # Entity totals are sums over per-label counts (fp keyed by predicted label).
    labels = {k: _prf(v["tp"], v["fp"], v["fn"]) for k, v in sorted(per_label.items())}
    ent = _prf(*(sum(v[k] for v in per_label.values()) for k in ("tp", "fp", "fn")))
    ent.update(per_label=labels, kb_id_accuracy=_acc(c["kb_ok"], c["kb_n"]), kb_id_n=c["kb_n"])

    relaxed_prf = _prf(c["tr_tp"], c["tr_fp"], c["tr_fn"])
    val_pred = c["tr_tp"] + c["tr_fp"] - c["val_null_matched"]
    value_acc = _acc(c["val_ok"], c["val_matched"])
    timex = {
        "strict": _prf(c["ts_tp"], c["ts_fp"], c["ts_fn"]),
        "relaxed": relaxed_prf,
        "type_accuracy": _acc(c["type_ok"], c["type_n"]),
        "type_n": c["type_n"],
        "value": _prf(c["val_ok"], val_pred - c["val_ok"], c["val_gold"] - c["val_ok"]),
        "value_accuracy": value_acc,
        "value_accuracy_n": c["val_matched"],
        "te3_value_f1": (value_acc or 0.0) * relaxed_prf["f1"],
    }
    instruments = _prf(c["in_tp"], c["in_fp"], c["in_fn"])
    for attr in INSTRUMENT_ATTRIBUTES:
        instruments[f"{attr}_accuracy"] = _acc(c[f"{attr}_ok"], c[f"{attr}_n"])
        instruments[f"{attr}_n"] = c[f"{attr}_n"]
    return {
        "documents": {"gold": len(gold_docs), "paired": sum(p is not None for _, p in pairs)},
        "entities": ent,
        "timex": timex,
        "instruments": instruments,
    }


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.3f}"


def format_report(metrics: dict) -> str:
    """Render the main figures of `score()` as a plain-text table for the CLI."""
    docs = metrics["documents"]
    ent, tx, ins = metrics["entities"], metrics["timex"], metrics["instruments"]
    lines = [
        f"documents: {docs['gold']} gold, {docs['paired']} paired",
        f"{'layer':<22} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]
    rows = [("entities", ent)]
    rows += [(f"  {k}", v) for k, v in ent["per_label"].items()]
    rows += [("timex strict", tx["strict"]), ("timex relaxed", tx["relaxed"])]
    rows += [("timex value", tx["value"]), ("instruments", ins)]
    for name, m in rows:
        lines.append(
            f"{name:<22} {_fmt(m['precision']):>6} {_fmt(m['recall']):>6} {_fmt(m['f1']):>6}"
            f" {m['tp']:>5} {m['fp']:>5} {m['fn']:>5}"
        )
    extras = [
        ("entity kb_id accuracy", ent["kb_id_accuracy"], ent["kb_id_n"]),
        ("timex type accuracy", tx["type_accuracy"], tx["type_n"]),
        ("timex value accuracy", tx["value_accuracy"], tx["value_accuracy_n"]),
    ]
    extras += [
        (f"instrument {a} accuracy", ins[f"{a}_accuracy"], ins[f"{a}_n"])
        for a in INSTRUMENT_ATTRIBUTES
    ]
    lines.append(f"{'TE3 timex value F1':<30} {_fmt(tx['te3_value_f1'])}")
    lines += [f"{name:<30} {_fmt(acc)}  (n={n})" for name, acc, n in extras]
    return "\n".join(lines)


def format_timex_report(timex: dict) -> str:
    """The date layer's figures alone, as TempEval-3 reports them."""
    docs = timex["documents"]
    lines = [
        f"documents: {docs['gold']} gold, {docs['paired']} paired",
        f"{'timex':<22} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]
    for name in ("strict", "relaxed", "value"):
        m = timex[name]
        lines.append(
            f"{name:<22} {_fmt(m['precision']):>6} {_fmt(m['recall']):>6} {_fmt(m['f1']):>6}"
            f" {m['tp']:>5} {m['fp']:>5} {m['fn']:>5}"
        )
    lines.append(f"{'type accuracy':<30} {_fmt(timex['type_accuracy'])}  (n={timex['type_n']})")
    lines.append(f"{'TE3 value F1':<30} {_fmt(timex['te3_value_f1'])}")
    return "\n".join(lines)

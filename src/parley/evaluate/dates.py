"""Scoring the dates stage.

Two measures:

* ``tests/data/dates_gold.json``: hand-written sentences (our own words), each with a reference date and
  the expected mentions. Mentions are matched exactly (same span) and by overlap; for the exactly matched
  ones we report how often the value, the precision field and the earliest/latest range agree.
  Split ``dev`` was written alongside the rules (development figures); split ``heldout`` afterwards.
* ``tests/data/dates_wh_checked.json``: mentions the stage found in real White House briefing
  transcripts (``wh_briefings/``, the front matter date as reference), each checked by hand, and 50
  paragraphs of them with every date expression marked. It stores files, offsets, values and verdicts,
  no text. Precision is the share of checked mentions judged correct; a mention the stage now finds with
  another span or value counts as not correct until checked again. Recall is the share of marked
  expressions the stage finds (overlapping span).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..model import DateMention
from . import EvalResult, Section

TESTS_DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
GOLD = TESTS_DATA / "dates_gold.json"
WH_CHECKED = TESTS_DATA / "dates_wh_checked.json"


def _find(text: str, reference: str | None) -> list[DateMention]:
    from ..stages.dates import find_dates, mention

    today = date.fromisoformat(reference) if reference else None
    return [mention(text, f) for f in find_dates(text, today)]


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict[str, float]:
    precision = tp_p / n_pred if n_pred else 1.0
    recall = tp_g / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score_gold(path: Path = GOLD, limit: int | None = None,
               split: str | None = None) -> dict[str, dict[str, float | int]]:
    """Mention P/R/F1 (exact and overlapping spans) and attribute accuracy on exact matches, for one
    split (``dev``, ``heldout``) or all sentences."""
    sentences = [s for s in json.loads(path.read_text(encoding="utf-8"))["sentences"]
                 if split is None or s["split"] == split][:limit]
    n_gold = n_pred = exact = overlap_p = overlap_g = 0
    same_value = same_precision = same_range = 0
    for item in sentences:
        gold = item["mentions"]
        found = _find(item["text"], item["date"])
        n_gold += len(gold)
        n_pred += len(found)
        by_span = {(m.start, m.end): m for m in found}
        for g in gold:
            if any(m.start < g["end"] and g["start"] < m.end for m in found):
                overlap_g += 1
            m = by_span.get((g["start"], g["end"]))
            if m is None:
                continue
            exact += 1
            same_value += m.value == g["value"]
            same_precision += m.precision == g["precision"]
            same_range += (m.earliest, m.latest) == (g["earliest"], g["latest"])
        overlap_p += sum(any(m.start < g["end"] and g["start"] < m.end for g in gold) for m in found)
    rows: dict[str, dict[str, float | int]] = {
        "exact span": {**_prf(exact, n_pred, exact, n_gold), "gold": n_gold, "found": n_pred},
        "overlapping span": {**_prf(overlap_p, n_pred, overlap_g, n_gold), "gold": n_gold, "found": n_pred},
    }
    rows["on exact matches"] = {"value": same_value / exact if exact else 0.0,
                                "precision_field": same_precision / exact if exact else 0.0,
                                "range": same_range / exact if exact else 0.0, "matched": exact}
    rows["sentences"] = {"count": len(sentences), "negatives": sum(not s["mentions"] for s in sentences)}
    return rows


def score_checked(data: Path, path: Path = WH_CHECKED) -> dict[str, float | int] | None:
    """Real-text figures from the hand-checked file, or None without the data: the share of sampled
    mentions judged correct (a mention now found with another span or value counts as not correct until
    checked again) and the recall of the date expressions marked in 50 paragraphs."""
    checked = json.loads(path.read_text(encoding="utf-8"))
    root = data / "wh_briefings"
    if not root.is_dir():
        return None
    from ..readers import read
    from ..stages.dates import dates

    names = sorted(set(checked["files"]) | {c["file"] for c in checked["checked"]}
                   | {r["file"] for r in checked["recall"]})
    found = {name: dates(next(iter(read([root / name])))).dates for name in names}
    correct = changed = 0
    for c in checked["checked"]:
        now = {(m.start, m.end): m.value for m in found[c["file"]]}
        if now.get((c["start"], c["end"]), "missing") != c["value"]:
            changed += 1
        elif c["verdict"] == "correct":
            correct += 1
    expected = [(r["file"], e) for r in checked["recall"] for e in r["expected"]]
    recalled = sum(any(m.start < e["end"] and e["start"] < m.end for m in found[name]) for name, e in expected)
    total = len(checked["checked"])
    return {"files": len(checked["files"]), "mentions_found": sum(len(found[f]) for f in checked["files"]),
            "checked": total,
            "correct": correct, "precision": correct / total if total else 0.0, "changed": changed,
            "expected": len(expected), "recalled": recalled, "recall": recalled / len(expected) if expected else 0.0}


def evaluate_dates(data: Path | None, limit: int | None = None) -> EvalResult:
    """``parley eval dates``: the gold sentences, and the hand-checked real-text precision when the
    shared data is present."""
    result = EvalResult("dates")
    for split, about in (("dev", "written alongside the rules"), ("heldout", "written after them"), (None, "all")):
        result.sections.append(Section(
            f"dates: hand-written gold sentences, {split or 'all'} (tests/data/dates_gold.json)",
            score_gold(GOLD, limit, split),
            f"{about}; mentions matched by exact and by overlapping span; value/precision/range agreement on "
            "exact matches"))
    checked = score_checked(data) if data is not None and data.is_dir() else None
    if checked is not None:
        result.sections.append(Section(
            "dates: hand-checked mentions in real briefings (wh_briefings, tests/data/dates_wh_checked.json)",
            {"real text": checked}, "precision: share of 50 sampled mentions judged correct (span and value); "
            "recall: share of the date expressions marked in 50 paragraphs that the stage finds (overlap)"))
    return result

"""Score floors for the dates stage (raise them as the stage improves; never lower them silently)."""

from __future__ import annotations

from conftest import DATA, need
from parley.evaluate.dates import GOLD, score_checked, score_gold


def test_heldout_gold_sentences_keep_their_scores():
    rows = score_gold(GOLD, split="heldout")
    assert rows["sentences"]["count"] >= 50
    assert rows["exact span"]["f1"] >= 0.97
    assert rows["overlapping span"]["f1"] >= 0.98
    assert rows["on exact matches"]["value"] >= 0.97


def test_gold_sentences_keep_their_scores():
    rows = score_gold(GOLD)
    assert rows["sentences"]["count"] >= 190 and rows["sentences"]["negatives"] >= 35
    assert rows["exact span"]["precision"] >= 0.97
    assert rows["exact span"]["recall"] >= 0.97
    assert rows["overlapping span"]["f1"] >= 0.98
    assert rows["on exact matches"]["value"] >= 0.97
    assert rows["on exact matches"]["precision_field"] >= 0.98
    assert rows["on exact matches"]["range"] >= 0.97


def test_hand_checked_briefing_mentions_keep_their_precision():
    checked = score_checked(need(DATA))
    assert checked is not None
    assert checked["changed"] <= 2
    assert checked["precision"] >= 0.85
    assert checked["recall"] >= 0.93

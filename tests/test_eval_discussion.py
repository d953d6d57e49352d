"""Floors on the discussion scorers, measured on fixed samples of held-out data with the shipped weights.

Floors sit just under what was measured when they were pinned (``evaluate_*(DATA, limit=200)``; full-set
figures: ``parley eval discussion``); raise them as the models improve, never lower them without saying why.
"""

from __future__ import annotations

import math

import pytest

from conftest import DATA, need
from parley.evaluate.discussion import (
    evaluate_comment_scores,
    evaluate_off_topic,
    evaluate_stance,
    load_prct,
    load_wikipedia,
)

LIMIT = 200  # rows per held-out part (PRCT test has 125: all of it)


@pytest.fixture(scope="module")
def attributes():
    need(DATA / "wikipedia_toxicity_subset")
    need(DATA / "prct_conspiracy_comments")
    return evaluate_comment_scores(DATA, limit=LIMIT).rows


@pytest.fixture(scope="module")
def off_topic():
    need(DATA / "arc_stance_comments")
    return evaluate_off_topic(DATA, limit=LIMIT).rows


@pytest.fixture(scope="module")
def stance():
    need(DATA / "arc_stance_comments")
    return evaluate_stance(DATA, limit=LIMIT).rows["arc:test"]


def test_toxicity_separates_held_out_wikipedia_comments(attributes):
    row = attributes["wikipedia:test toxicity"]
    assert row["roc_auc"] >= FLOORS["wikipedia_auc"]
    assert row["f1@flag"] >= FLOORS["wikipedia_f1_flag"]


def test_toxicity_is_not_much_worse_with_identity_terms_swapped(attributes):
    assert attributes["wikipedia_fuzzed:test toxicity"]["roc_auc"] >= FLOORS["wikipedia_fuzzed_auc"]
    assert attributes["madlibs:test toxicity"]["roc_auc"] >= FLOORS["madlibs_auc"]


def test_tweets_toxicity_and_hate_speech(attributes):
    assert attributes["davidson:test toxicity"]["roc_auc"] >= FLOORS["davidson_toxicity_auc"]
    assert attributes["davidson:test identity_attack"]["roc_auc"] >= FLOORS["davidson_identity_auc"]


def test_conspiracy_on_held_out_prct_comments(attributes):
    row = attributes["prct:test conspiracy"]
    assert row["roc_auc"] >= FLOORS["prct_auc"]
    assert row["f1@flag"] >= FLOORS["prct_f1_flag"]


def test_the_cascade_keeps_the_full_models_flags(attributes):
    """The lexical first pass may cost a little ranking, not flags: F1 at the flag threshold stays within
    0.02 of scoring every comment with the full models."""
    for key in ("wikipedia:test toxicity", "prct:test conspiracy"):
        row = attributes[key]
        assert row["f1@flag"] >= row["f1@flag_full_models"] - 0.02, key
        assert row["roc_auc"] >= row["roc_auc_full_models"] - 0.02, key


def test_stance_and_unrelated_on_held_out_arc_pairs(stance):
    assert stance["macro_f1"] >= FLOORS["arc_macro_f1"]
    assert stance["unrelated_auc"] >= FLOORS["arc_unrelated_auc"]


def test_off_topic_on_held_out_arc_pairs_by_both_paths_of_the_stage(off_topic):
    """The path of comments the cascade settles (a 16-piece head, a 96-piece head near the threshold) is
    measured too: it ranks worse than the whole comment (full ARC test: 0.906 against 0.969)."""
    assert off_topic["arc:test off_topic, whole comment"]["roc_auc"] >= FLOORS["arc_off_topic_auc_whole"]
    settled = off_topic["arc:test off_topic, settled comment (head, longer head in the band)"]
    assert settled["roc_auc"] >= FLOORS["arc_off_topic_auc_settled"]
    assert settled["f1@0.5"] >= FLOORS["arc_off_topic_f1_settled"]


def test_every_reported_figure_is_a_number(attributes, stance):
    for row in [*attributes.values(), stance]:
        for value in row.values():
            assert isinstance(value, int | float)
    assert not math.isnan(attributes["wikipedia:test toxicity"]["roc_auc"])


def test_held_out_parts_do_not_overlap_training_parts():
    need(DATA / "wikipedia_toxicity_subset")
    wiki = {part: set(load_wikipedia(DATA, part).ids) for part in ("train", "val", "test")}
    assert not wiki["test"] & (wiki["train"] | wiki["val"])
    prct = {part: set(load_prct(DATA, part).ids) for part in ("train", "val", "test")}
    assert not prct["test"] & (prct["train"] | prct["val"])
    assert len(prct["test"]) == 125


# measured at LIMIT=200 when first pinned (full models only): 0.978, 0.704, 0.968, 1.000, 0.978, 0.897, 0.887,
# 0.797, 0.603, 0.971. With the cascade (lexical first pass) and the conspiracy model trained with ordinary
# negatives: 0.974, 0.741, 0.964, 1.000, 0.975, 0.857, 0.870, 0.803, 0.603, 0.971. Raised: wikipedia_f1_flag,
# prct_f1_flag. davidson_identity_auc (11 positives in the sample; 0.883 vs 0.886 full on a 992-tweet
# sample) and prct_auc (0.877 with the full models: ordinary negatives cost a little PRCT ranking) kept.
FLOORS = {
    "wikipedia_auc": 0.95,
    "wikipedia_f1_flag": 0.70,
    "wikipedia_fuzzed_auc": 0.94,
    "madlibs_auc": 0.98,
    "davidson_toxicity_auc": 0.95,
    "davidson_identity_auc": 0.85,
    "prct_auc": 0.86,
    "prct_f1_flag": 0.79,
    "arc_macro_f1": 0.55,
    "arc_unrelated_auc": 0.95,
    # the stage's off-topic probability on the ARC sample, added with the throughput work: 0.948 for the whole
    # comment; 0.881 / F1 0.940 by the settled comments' path (0.871 / 0.940 since a 96-piece head decides in
    # the band instead of the whole comment: 0.906 against 0.908 on the full ARC test)
    "arc_off_topic_auc_whole": 0.93,
    "arc_off_topic_auc_settled": 0.86,
    "arc_off_topic_f1_settled": 0.92,
}

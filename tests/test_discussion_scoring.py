"""Behaviour of the per-comment scores and the comment-to-text stance, on sentences written for these tests."""

from __future__ import annotations

import numpy as np
import pytest

from parley.discussion.features import dense_features, hashed_features, squash
from parley.discussion.scoring import ATTRIBUTES, STANCES, score_comments, stance_to_text
from parley.discussion.thresholds import DEFAULT_THRESHOLDS

INSULT = "You are a pathetic idiot and a liar, shut up you moron."
POLITE = "I respectfully disagree with the minister; the figures he quoted seem too optimistic to me."
CONSPIRACY = "They faked the moon landing to hide the truth from us. Wake up, sheeple, the elites control everything!"
FACTUAL = "The two ministers met in Moscow on Monday and agreed to continue the talks next month."
THREAT = "If you come here again I will kill you, watch your back."
PROFANE = "This is f*cking bullsh1t, what the hell is wrong with these people"
OFFICIAL = ("We discussed the peace treaty with Japan. Both sides agreed to intensify the negotiations on the "
            "islands. The ministers will meet again in February to continue the talks on economic cooperation.")


@pytest.fixture(scope="module")
def scored():
    texts = [INSULT, POLITE, CONSPIRACY, FACTUAL, THREAT, PROFANE]
    return dict(zip(texts, score_comments(texts), strict=True))


def test_every_attribute_is_a_probability(scored):
    for scores in scored.values():
        assert set(scores) == set(ATTRIBUTES)
        assert all(0.0 <= v <= 1.0 for v in scores.values())


def test_an_insult_scores_higher_than_a_polite_disagreement(scored):
    assert scored[INSULT]["toxicity"] > scored[POLITE]["toxicity"] + 0.3
    assert scored[INSULT]["insult"] > scored[POLITE]["insult"]
    assert scored[INSULT]["toxicity"] >= DEFAULT_THRESHOLDS["toxicity"]
    assert scored[POLITE]["toxicity"] < DEFAULT_THRESHOLDS["toxicity"]


def test_a_conspiracy_comment_scores_higher_than_a_factual_one(scored):
    assert scored[CONSPIRACY]["conspiracy"] > scored[FACTUAL]["conspiracy"] + 0.2


def test_a_threat_scores_higher_on_threat_than_an_insult_without_one(scored):
    assert scored[THREAT]["threat"] > scored[POLITE]["threat"]
    assert scored[THREAT]["threat"] > scored[INSULT]["threat"]


def test_obfuscated_profanity_is_seen(scored):
    assert squash("f*cking bullsh1t") == "fcking bullshit"
    assert dense_features(PROFANE)[0] > 0
    assert scored[PROFANE]["profanity"] > scored[FACTUAL]["profanity"]


def test_scores_do_not_depend_on_the_batch_or_its_order():
    texts = [INSULT, POLITE, CONSPIRACY, FACTUAL]
    together = score_comments(texts)
    reversed_batch = score_comments(texts[::-1])[::-1]
    alone = [score_comments([t])[0] for t in texts]
    for a, b, c in zip(together, reversed_batch, alone, strict=True):
        for attribute in ATTRIBUTES:
            assert a[attribute] == pytest.approx(b[attribute], abs=1e-4)
            assert a[attribute] == pytest.approx(c[attribute], abs=1e-4)


def test_given_embeddings_are_used_and_checked():
    from parley.embed import embed

    texts = [INSULT, FACTUAL]
    for given, computed in zip(score_comments(texts, embed(texts)), score_comments(texts), strict=True):
        assert given == pytest.approx(computed, abs=1e-5)
    with pytest.raises(ValueError):
        score_comments(texts, np.zeros((1, 384), dtype=np.float32))


def test_empty_input_gives_empty_output():
    assert score_comments([]) == []
    assert stance_to_text([], OFFICIAL) == []


def test_hashing_is_deterministic_and_sparse():
    idx, val = hashed_features(INSULT)
    idx2, val2 = hashed_features(INSULT)
    assert np.array_equal(idx, idx2) and np.allclose(val, val2)
    assert np.isclose(np.linalg.norm(val), 1.0)


def test_stance_is_a_distribution_and_off_topic_comments_are_unrelated():
    on_topic = "Japan will never get the islands back, the talks are a waste of time."
    off_topic = "My cat knocked the Christmas tree over again last night, any tips for training cats?"
    on, off = stance_to_text([on_topic, off_topic], OFFICIAL)
    for probs in (on, off):
        assert set(probs) == set(STANCES)
        assert sum(probs.values()) == pytest.approx(1.0, abs=1e-4)
    assert off["unrelated"] > on["unrelated"]


def test_thresholds_cover_every_attribute():
    assert set(DEFAULT_THRESHOLDS) >= set(ATTRIBUTES)
    assert DEFAULT_THRESHOLDS["toxicity"] == 0.8
    assert all(0 < t < 1 for t in DEFAULT_THRESHOLDS.values())


def test_the_cascade_settles_ordinary_comments_without_embedding_and_sends_the_rest_on():
    from parley.discussion.scoring import LexicalPass

    ordinary = "Thanks for the edit, I fixed the reference."
    first = LexicalPass([ordinary, INSULT, CONSPIRACY])
    assert not first.uncertain[0]  # an ordinary comment: lexical scores suffice
    assert first.uncertain[1] and first.uncertain[2]
    texts = [ordinary, INSULT]
    junk = np.zeros((2, 384), dtype=np.float32)  # a settled row's embedding is never read
    from parley.embed import embed

    given = embed(texts)
    junk[1] = given[1]
    assert score_comments(texts, junk) == score_comments(texts, given)


def test_without_the_cascade_every_comment_gets_the_full_models():
    ordinary = "Thanks for the edit, I fixed the reference."
    full = score_comments([ordinary, INSULT], cascade=False)
    cascaded = score_comments([ordinary, INSULT])
    assert cascaded[1] == full[1]  # sent on: the same full-model scores
    for attribute in ATTRIBUTES:  # settled: lexical scores, still low
        assert cascaded[0][attribute] < 0.5


from __future__ import annotations

import numpy as np

from parley.embed import embed


def test_embeddings_are_unit_vectors_that_put_paraphrases_close():
    vectors = embed(["The ministers agreed to continue talks on a peace treaty.",
                     "Russia and Japan will keep negotiating the treaty.",
                     "I love whales and hate whaling.", "   "])
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-4)
    assert not vectors[3].any()  # blank text: a zero vector, never noise
    similar, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert similar > 0.4 > unrelated


def test_the_same_text_gets_the_same_vector_whatever_its_batch():
    alone = embed(["A short statement."])[0]
    batched = embed(["A much longer statement about many different things " * 5, "A short statement."])[1]
    assert np.allclose(alone, batched, atol=1e-5)


def test_a_token_cap_embeds_only_the_head_of_a_text():
    head = "The ministers agreed to continue talks on a peace treaty."
    long = head + " Then they talked about trade, energy, fishing, whaling and the weather for hours." * 5
    capped = embed([long, head], max_tokens=12)
    assert np.allclose(np.linalg.norm(capped, axis=1), 1.0, atol=1e-4)
    assert np.allclose(capped[0], capped[1], atol=1e-5)  # both cut inside the shared head
    assert not np.allclose(embed([long])[0], capped[0], atol=1e-3)  # the default still reads 256 pieces
    short = embed(["A short statement."], max_tokens=64)[0]
    assert np.allclose(short, embed(["A short statement."])[0], atol=1e-5)  # under the cap: unchanged


def test_a_token_budget_per_batch_does_not_change_the_vectors():
    texts = [f"Comment number {i} about the treaty talks " + "and more words " * (i % 7) for i in range(40)]
    assert np.allclose(embed(texts, batch_tokens=256), embed(texts), atol=1e-5)

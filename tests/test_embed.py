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

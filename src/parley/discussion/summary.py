"""The thread summary: counts, flags, stance per actor, topics, the most toxic and most substantive comments.

Topics are clusters of comment embeddings found by spherical k-means (``k = round(sqrt(n / 2))``
clipped to [1, ``MAX_TOPICS``]; k-means++ starts drawn from a fixed seed, the best of ``RESTARTS``
runs, so the same thread always gives the same topics); in threads of ten comments or more a cluster
of a single comment joins the nearest cluster.
Each topic's label is written from its comments' own words: the two terms (words, or two content
words standing next to each other in a comment) that are most distinctive of the cluster, i.e. with
the largest difference between the share of the cluster's comments that use them and the share of
the other comments that do.
Terms used by at least two of the cluster's comments are preferred.

Substantiveness (for ``most_substantive``), each part in [0, 1]::

    0.35 * min(1, content words / 60)        a developed argument, not a one-liner
  + 0.25 * (1 - off_topic)                   about the text
  + 0.20 * (1 - toxicity)                    civil
  + 0.20 * min(1, (names + numbers) / 5)     specific: capitalised names inside sentences, numbers
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

import numpy as np

from ..model import CommentAnalysis, DiscussionSummary, Topic
from .offtopic import content_words, word_slots

MAX_TOPICS = 8
ITERATIONS = 20
RESTARTS = 8
SEED = 13
_NAME = re.compile(r"(?<=[a-z,;:]\s)[A-Z][a-zA-Z]+")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def kmeans(vectors: np.ndarray, k: int, restarts: int = RESTARTS) -> np.ndarray:
    """Cluster index of each row of ``vectors`` (unit-norm): spherical k-means, k-means++ starts from a
    fixed seed, the best of ``restarts`` runs (highest total similarity to the centres). Deterministic."""
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=int)
    k = max(1, min(k, n))
    rng = np.random.default_rng(SEED)
    best, best_fit = np.zeros(n, dtype=int), -np.inf
    for _ in range(restarts if k > 1 else 1):
        labels, fit = _kmeans_once(vectors, k, rng)
        if fit > best_fit + 1e-9:
            best, best_fit = labels, fit
    return _fold_singletons(vectors, best)


def _kmeans_once(vectors: np.ndarray, k: int, rng: np.random.Generator) -> tuple[np.ndarray, float]:
    n = len(vectors)
    chosen = [int(rng.integers(n))]
    while len(chosen) < k:
        distance = np.clip(1.0 - (vectors @ vectors[chosen].T).max(axis=1), 0.0, None) ** 2
        total = float(distance.sum())
        chosen.append(int(rng.choice(n, p=distance / total)) if total > 0 else int(rng.integers(n)))
    centres = vectors[chosen].copy()
    labels = np.full(n, -1)
    for _ in range(ITERATIONS):
        new = np.argmax(vectors @ centres.T, axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
        for c in range(k):
            members = vectors[labels == c]
            if len(members):
                mean = members.mean(axis=0)
                centres[c] = mean / max(float(np.linalg.norm(mean)), 1e-9)
    fit = float((vectors * centres[labels]).sum())
    return labels, fit


def _fold_singletons(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """In threads of ten comments or more, a cluster of one joins the cluster whose centre is closest."""
    if len(labels) < 10:
        return labels
    labels = labels.copy()
    sizes = np.bincount(labels)
    big = [c for c in range(len(sizes)) if sizes[c] > 1]
    if not big:
        return labels
    centres = np.stack([vectors[labels == c].mean(axis=0) for c in big])
    for i in np.flatnonzero(sizes[labels] == 1):
        labels[i] = big[int(np.argmax(centres @ vectors[i]))]
    _, labels = np.unique(labels, return_inverse=True)
    return labels


def _terms(text: str) -> set[str]:
    """Content words of ``text`` and the two-word phrases of content words adjacent in the text."""
    tokens = word_slots(text)
    words = {t for t in tokens if t}
    return words | {f"{a} {b}" for a, b in itertools.pairwise(tokens) if a and b and a != b}


def topics(segment_ids: list[str], texts: list[str], vectors: np.ndarray) -> list[Topic]:
    """Topics of a thread: clusters of its comments, each with a label from its own words."""
    n = len(segment_ids)
    if n == 0:
        return []
    k = max(1, min(MAX_TOPICS, round(math.sqrt(n / 2))))
    labels = kmeans(vectors, k)
    terms = [_terms(t) for t in texts]
    total = Counter(t for ts in terms for t in ts)
    out = []
    for c in sorted(set(labels.tolist()), key=lambda c: (-int((labels == c).sum()), c)):
        inside = [i for i in range(n) if labels[i] == c]
        outside = n - len(inside)
        freq_in = Counter(t for i in inside for t in terms[i])
        shared = {t: n for t, n in freq_in.items() if n >= 2} or freq_in  # prefer words the cluster shares
        scored = []
        for term, count in shared.items():
            share_in = count / len(inside)
            share_out = (total[term] - count) / outside if outside else 0.0  # the other comments' share
            scored.append((share_in - share_out + 0.01 * (" " in term), term))
        scored.sort(key=lambda x: (-x[0], x[1]))
        keywords = _dedupe([t for _, t in scored], 6)
        label = ", ".join(keywords[:2]) if keywords else "(no content words)"
        out.append(Topic(label=label, segments=[segment_ids[i] for i in inside], keywords=keywords))
    return out


def _dedupe(terms: list[str], limit: int) -> list[str]:
    """The first ``limit`` terms, dropping a word already contained in a higher-ranked phrase (and vice versa)."""
    kept: list[set[str]] = []
    out: list[str] = []
    for term in terms:
        if len(out) >= limit:
            break
        parts = set(term.split())
        if any(parts <= k or k <= parts for k in kept):
            continue
        kept.append(parts)
        out.append(term)
    return out


def substantiveness(text: str, scores: dict[str, float]) -> float:
    """The documented substantiveness score of one comment (module docstring)."""
    words = len(content_words(text))
    specific = len(_NAME.findall(text)) + len(_NUMBER.findall(text))
    return (0.35 * min(1.0, words / 60) + 0.25 * (1 - scores.get("off_topic", 0.0))
            + 0.20 * (1 - scores.get("toxicity", 0.0)) + 0.20 * min(1.0, specific / 5))


def summarise(comments: list[CommentAnalysis], texts: dict[str, str], vectors: dict[str, np.ndarray],
              topic_list: list[Topic] | None = None) -> DiscussionSummary:
    """Counts, flags by attribute, mean stance per key, topics, top-3 toxic and substantive comments."""
    flagged_by: Counter[str] = Counter(f for c in comments for f in c.flags)
    stance: dict[str, list[float]] = {}
    for c in comments:
        for key, value in c.stance.items():
            stance.setdefault(key, []).append(value)
    scored = [c for c in comments if c.scores]
    toxic = sorted(scored, key=lambda c: (-c.scores.get("toxicity", 0.0), _order(c.segment)))
    substantive = sorted(scored, key=lambda c: (-substantiveness(texts[c.segment], c.scores), _order(c.segment)))
    if topic_list is None:
        ids = [c.segment for c in scored if c.segment in vectors]
        topic_list = topics(ids, [texts[i] for i in ids], np.stack([vectors[i] for i in ids])) if ids else []
    return DiscussionSummary(
        comments=len(comments),
        flagged=sum(1 for c in comments if c.flags),
        stance={k: round(sum(v) / len(v), 4) for k, v in sorted(stance.items())},
        topics=topic_list,
        flagged_by=dict(sorted(flagged_by.items())),
        most_toxic=[c.segment for c in toxic[:3] if c.scores.get("toxicity", 0.0) > 0],
        most_substantive=[c.segment for c in substantive[:3]],
    )


def _order(segment_id: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", segment_id)
    return (int(digits) if digits else 0, segment_id)

"""``parley eval discussion``: the comment scorers and the stance model on held-out public data.

The loaders and the fixed-seed splits live here so that the training scripts (``training/train_*.py``)
and the evaluation use exactly the same held-out rows:

* Wikipedia talk toxicity subset: the 1,492 rev_ids split 50 / 20 / 30 (train / validation / test) with
  ``SEED``; a rev_id's fuzzed copy follows it (the fuzzed test rows are a bias check);
* Jigsaw sample: ``train.csv`` for training, the scored rows of ``test.csv`` for test (tiny);
* Davidson tweets: rows split 70 / 10 / 20;
* identity madlibs: fixed-seed samples of 3,000 (train), 1,000 (validation), 2,000 (test);
* PRCT: the 500 gold comments split 60 / 15 / 25, stratified by label;
* ARC: ``arc_stances_train.csv`` split 85 / 15 by Body ID (validation), ``arc_stances_test.csv`` as given.

Reported per attribute and data set: ROC AUC, F1 at the documented flag threshold
(``parley.discussion.thresholds.DEFAULT_THRESHOLDS``) and the best F1 over thresholds (an optimistic
upper bound, since it is chosen on the test rows); for stance, macro-F1 over the four classes, the
accuracy, and the ROC AUC of ``unrelated`` against the three related classes; for off-topic, the
stage's own off-topic probability on the ARC test pairs (the claim as a one-sentence official text) by
both of the stage's paths: the whole comment embedded, and the head-first path of the comments the
cascade's lexical first pass settles (``evaluate_off_topic``).
"""

from __future__ import annotations

import csv
import gzip
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import EvalResult, Section

SEED = 20261129
csv.field_size_limit(sys.maxsize)


@dataclass
class Labelled:
    """Texts of one data set part with 0/1 labels per attribute (an attribute absent = not labelled)."""

    name: str
    texts: list[str]
    labels: dict[str, np.ndarray]
    ids: list[str]

    def take(self, rows) -> Labelled:
        rows = list(rows)
        return Labelled(self.name, [self.texts[i] for i in rows], {k: v[rows] for k, v in self.labels.items()},
                        [self.ids[i] for i in rows])


def _rows(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _parts(n: int, fractions: tuple[float, ...], seed: int = SEED) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    cuts = np.cumsum([round(f * n) for f in fractions[:-1]])
    return [np.sort(p) for p in np.split(order, cuts)]


def load_wikipedia(data: Path, part: str, fuzzed: bool = False) -> Labelled:
    """``part`` in train/val/test; ``fuzzed`` reads the identity-swapped copy of the same rev_ids."""
    folder = data / "wikipedia_toxicity_subset"
    base = _rows(folder / "toxicity_nonfuzzed_testset.csv")
    ids = sorted({r["rev_id"] for r in base})
    train, val, test = _parts(len(ids), (0.5, 0.2, 0.3))
    chosen = {ids[i] for i in {"train": train, "val": val, "test": test}[part]}
    rows = _rows(folder / ("toxicity_fuzzed_testset.csv" if fuzzed else "toxicity_nonfuzzed_testset.csv"))
    rows = [r for r in rows if r["rev_id"] in chosen]
    return Labelled(f"wikipedia{'_fuzzed' if fuzzed else ''}:{part}", [r["comment"] for r in rows],
                    {"toxicity": np.array([r["toxic"] == "True" for r in rows], dtype=int)},
                    [r["rev_id"] for r in rows])


JIGSAW_MAP = {"toxic": "toxicity", "severe_toxic": "severe_toxicity", "obscene": "profanity", "threat": "threat",
              "insult": "insult", "identity_hate": "identity_attack"}


def load_jigsaw(data: Path, part: str) -> Labelled:
    """``train.csv`` (part "train") or the scored rows of ``test.csv`` (part "test"); obscene -> profanity."""
    rows = _rows(data / "jigsaw_toxic_sample" / ("train.csv" if part == "train" else "test.csv"))
    rows = [r for r in rows if r["toxic"] != "-1"]
    return Labelled(f"jigsaw:{part}", [r["comment_text"] for r in rows],
                    {attr: np.array([int(r[col]) for r in rows]) for col, attr in JIGSAW_MAP.items()},
                    [r["id"] for r in rows])


def load_davidson(data: Path, part: str) -> Labelled:
    """Tweets: toxicity = hate speech or offensive (class 0/1); identity_attack = hate speech (class 0)."""
    rows = _rows(data / "davidson_hate_offensive" / "labeled_data.csv")
    train, val, test = _parts(len(rows), (0.7, 0.1, 0.2))
    rows = [rows[i] for i in {"train": train, "val": val, "test": test}[part]]
    cls = np.array([int(r["class"]) for r in rows])
    return Labelled(f"davidson:{part}", [r["tweet"] for r in rows],
                    {"toxicity": (cls <= 1).astype(int), "identity_attack": (cls == 0).astype(int)},
                    [r[""] for r in rows])


def load_madlibs(data: Path, part: str) -> Labelled:
    """Synthetic identity-term sentences: toxicity = BAD."""
    rows = _rows(data / "wikipedia_toxicity_subset" / "bias_madlibs_77k.csv.gz")
    train, val, test, _ = _parts(len(rows), (3000 / len(rows), 1000 / len(rows), 2000 / len(rows),
                                             1 - 6000 / len(rows)))
    chosen = {"train": train, "val": val, "test": test}[part]
    rows = [rows[i] for i in chosen]
    return Labelled(f"madlibs:{part}", [r["Text"] for r in rows],
                    {"toxicity": np.array([r["Label"].strip() == "BAD" for r in rows], dtype=int)},
                    [str(i) for i in chosen])


def load_prct(data: Path, part: str) -> Labelled:
    """PRCT YouTube comments; gold = Model_Classification if Annotation is True, else the other class."""
    rows = _rows(data / "prct_conspiracy_comments" / "anonymized_gold_standard.csv")
    gold = np.array([(r["Model_Classification"].strip() == "PRCT") == (r["Annotation"].strip() == "True")
                     for r in rows], dtype=int)
    chosen: list[int] = []
    for label in (0, 1):  # stratified
        members = np.flatnonzero(gold == label)
        parts = _parts(len(members), (0.6, 0.15, 0.25), seed=SEED + label)
        chosen += members[{"train": parts[0], "val": parts[1], "test": parts[2]}[part]].tolist()
    chosen.sort()
    return Labelled(f"prct:{part}", [rows[i]["CommentText"] for i in chosen], {"conspiracy": gold[chosen]},
                    [rows[i]["CommentID"] for i in chosen])


def load_xai(data: Path) -> Labelled:
    """The 25-text English XAI-DisInfodemics sample (Telegram): conspiracy = ``Binary Class: Conspiracy``
    (the negatives are *critical* but not conspiratorial texts). Not used in training: a smoke test."""
    texts, labels, ids = [], [], []
    for path in sorted((data / "xai_disinfodemics_sample" / "en").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        label = next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("Binary Class:")), None)
        if label is None:
            continue
        texts.append(lines[0].strip())
        labels.append(int(label == "Conspiracy"))
        ids.append(path.stem)
    return Labelled("xai_disinfodemics:all", texts, {"conspiracy": np.array(labels, dtype=int)}, ids)


@dataclass
class StancePairs:
    name: str
    claims: list[str]
    bodies: list[str]
    stances: list[str]
    body_ids: list[str]


def load_arc(data: Path, part: str) -> StancePairs:
    """ARC pairs; "train"/"val" split the train file by Body ID (85 / 15), "test" is the test file."""
    folder = data / "arc_stance_comments"
    bodies = {r["Body ID"]: r["articleBody"] for r in _rows(folder / "arc_bodies.csv")}
    rows = _rows(folder / ("arc_stances_test.csv" if part == "test" else "arc_stances_train.csv"))
    if part != "test":
        ids = sorted({r["Body ID"] for r in rows})
        train, val = _parts(len(ids), (0.85, 0.15))
        chosen = {ids[i] for i in (train if part == "train" else val)}
        rows = [r for r in rows if r["Body ID"] in chosen]
    return StancePairs(f"arc:{part}", [r["Headline"] for r in rows], [bodies[r["Body ID"]] for r in rows],
                       [r["Stance"] for r in rows], [r["Body ID"] for r in rows])


# ---------------------------------------------------------------- metrics (numpy only)

def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (ties count one half); NaN when only one class is present."""
    labels = np.asarray(labels).astype(bool)
    scores = np.asarray(scores, dtype=float)
    pos, neg = labels.sum(), (~labels).sum()
    if pos == 0 or neg == 0:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):  # average ranks of ties
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[labels].sum() - pos * (pos + 1) / 2) / (pos * neg))


def f1_at(labels: np.ndarray, scores: np.ndarray, threshold: float) -> float:
    labels = np.asarray(labels).astype(bool)
    predicted = np.asarray(scores) >= threshold
    tp = int((predicted & labels).sum())
    denominator = int(predicted.sum()) + int(labels.sum())
    return 2 * tp / denominator if denominator else 0.0


def best_f1(labels: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """(best F1, its threshold) over the distinct scores."""
    best = (0.0, 1.0)
    for threshold in np.unique(np.round(np.asarray(scores), 4)):
        f1 = f1_at(labels, scores, float(threshold))
        if f1 > best[0]:
            best = (f1, float(threshold))
    return best


def macro_f1(gold: list[str], predicted: list[str], classes: tuple[str, ...]) -> float:
    scores = []
    for c in classes:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == c and p == c)
        denominator = sum(1 for g in gold if g == c) + sum(1 for p in predicted if p == c)
        scores.append(2 * tp / denominator if denominator else 0.0)
    return float(np.mean(scores))


# ---------------------------------------------------------------- the evaluation

def _sample(part: Labelled, limit: int | None) -> Labelled:
    if limit is None or len(part.texts) <= limit:
        return part
    rows = np.sort(np.random.default_rng(SEED).choice(len(part.texts), size=limit, replace=False))
    return part.take(rows)


def _attribute_rows(part: Labelled, scores: list[dict[str, float]], thresholds: dict[str, float]) -> dict:
    rows = {}
    for attribute, labels in part.labels.items():
        values = np.array([s[attribute] for s in scores])
        f1, at = best_f1(labels, values)
        rows[f"{part.name} {attribute}"] = {
            "n": len(labels), "positives": int(labels.sum()), "roc_auc": roc_auc(labels, values),
            "f1@flag": f1_at(labels, values, thresholds[attribute]), "flag": thresholds[attribute],
            "best_f1": f1, "best_at": at}
    return rows


def evaluate_comment_scores(data: Path, limit: int | None = None) -> Section:
    """Every attribute on every held-out part that labels it."""
    from ..discussion.scoring import score_comments
    from ..discussion.thresholds import DEFAULT_THRESHOLDS

    parts = [load_wikipedia(data, "test"), load_wikipedia(data, "test", fuzzed=True), load_jigsaw(data, "test"),
             load_davidson(data, "test"), load_madlibs(data, "test"), load_prct(data, "test"), load_xai(data)]
    rows: dict[str, dict] = {}
    for part in parts:
        part = _sample(part, limit)
        rows.update(_attribute_rows(part, score_comments(part.texts), DEFAULT_THRESHOLDS))
        if part.name in ("wikipedia:test", "prct:test"):  # what the cascade costs against the full models alone
            full = _attribute_rows(part, score_comments(part.texts, cascade=False), DEFAULT_THRESHOLDS)
            for key, row in full.items():
                rows[key].update({"roc_auc_full_models": row["roc_auc"], "f1@flag_full_models": row["f1@flag"]})
    return Section("Comment attributes (held-out test parts)", rows,
                   "Scores come from the cascade (lexical first pass, full models for the comments it cannot "
                   "settle); *_full_models: every comment through the full models. "
                   "best_f1 picks its threshold on the test rows themselves: an upper bound, not a claim. "
                   "jigsaw:test has 26 scored rows (1-2 positives) and xai_disinfodemics 25 texts (5 conspiracy, "
                   "the rest critical; COVID Telegram, not PRCT's narrative): smoke tests, not measurements.")


def evaluate_stance(data: Path, limit: int | None = None) -> Section:
    """ARC test pairs: each comment against its claim as the reference text."""
    from ..discussion.scoring import STANCES, stance_to_text

    pairs = load_arc(data, "test")
    rows = list(range(len(pairs.claims)))
    if limit is not None and len(rows) > limit:
        rows = np.sort(np.random.default_rng(SEED).choice(len(rows), size=limit, replace=False)).tolist()
    predicted, unrelated = [], []
    by_claim: dict[str, list[int]] = {}
    for i in rows:
        by_claim.setdefault(pairs.claims[i], []).append(i)
    results: dict[int, dict[str, float]] = {}
    for claim, members in by_claim.items():
        for i, probs in zip(members, stance_to_text([pairs.bodies[i] for i in members], claim), strict=True):
            results[i] = probs
    gold = [pairs.stances[i] for i in rows]
    predicted = [max(STANCES, key=results[i].get) for i in rows]
    unrelated = np.array([results[i]["unrelated"] for i in rows])
    is_unrelated = np.array([g == "unrelated" for g in gold], dtype=int)
    f1, at = best_f1(is_unrelated, unrelated)
    related = [k for k, g in enumerate(gold) if g != "unrelated"]
    return Section("Stance toward a text (ARC test)", {"arc:test": {
        "n": len(rows), "macro_f1": macro_f1(gold, predicted, STANCES),
        "accuracy": float(np.mean([g == p for g, p in zip(gold, predicted, strict=True)])),
        "related_macro_f1": macro_f1([gold[k] for k in related], [predicted[k] for k in related],
                                     ("agree", "disagree", "discuss")),
        "unrelated_auc": roc_auc(is_unrelated, unrelated), "unrelated_f1@0.5": f1_at(is_unrelated, unrelated, 0.5),
        "unrelated_best_f1": f1, "best_at": at}},
        "macro_f1 over agree/disagree/discuss/unrelated; related_macro_f1 over the related pairs only "
        "(a related pair predicted unrelated counts as a miss).")


def evaluate_off_topic(data: Path, limit: int | None = None) -> Section:
    """The stage's off-topic probability on ARC test pairs (the claim as the official text, one sentence;
    "unrelated" = off-topic), by the two paths the stage takes: the whole comment embedded (comments the
    cascade sends on to the full models) and the path of a comment the lexical first pass settles (its first
    ``HEAD_TOKENS`` word pieces embedded, its first ``BAND_TOKENS`` only when the head's probability falls
    in ``OFF_TOPIC_BAND``)."""
    from ..discussion import offtopic
    from ..discussion.scoring import stance_to_text
    from ..discussion.stage import BAND_TOKENS, EMBED_BATCH_TOKENS, HEAD_TOKENS, OFF_TOPIC_BAND
    from ..embed import embed

    pairs = load_arc(data, "test")
    rows = list(range(len(pairs.claims)))
    if limit is not None and len(rows) > limit:
        rows = np.sort(np.random.default_rng(SEED).choice(len(rows), size=limit, replace=False)).tolist()
    bodies = sorted({pairs.bodies[i] for i in rows})
    claims = sorted({pairs.claims[i] for i in rows})
    where = {b: k for k, b in enumerate(bodies)}
    whole = embed(bodies, batch_tokens=EMBED_BATCH_TOKENS)
    head = embed(bodies, max_tokens=HEAD_TOKENS, batch_tokens=EMBED_BATCH_TOKENS)
    band = embed(bodies, max_tokens=BAND_TOKENS, batch_tokens=EMBED_BATCH_TOKENS)
    claim_vectors = dict(zip(claims, embed(claims, batch_tokens=EMBED_BATCH_TOKENS), strict=True))
    by_claim: dict[str, list[int]] = {}
    for i in rows:
        by_claim.setdefault(pairs.claims[i], []).append(i)

    def probabilities(vectors: np.ndarray) -> dict[int, float]:
        out: dict[int, float] = {}
        for claim, members in by_claim.items():
            texts = [pairs.bodies[i] for i in members]
            cvecs, ref = vectors[[where[t] for t in texts]], claim_vectors[claim][None]
            words = [offtopic.content_words(t) for t in texts]
            r = offtopic.relatedness(cvecs, ref, words, set(offtopic.content_words(claim)), [False] * len(texts))
            unrelated = [p["unrelated"] for p in stance_to_text(texts, [claim], comment_embeddings=cvecs,
                                                                 reference_embeddings=ref)]
            out.update(zip(members, offtopic.off_topic_probability(r, words, 1, unrelated).tolist(), strict=True))
        return out

    p_whole, p_head, p_band = probabilities(whole), probabilities(head), probabilities(band)
    low, high = OFF_TOPIC_BAND
    again = {i for i in rows if low <= p_head[i] <= high}
    p_settled = {i: p_band[i] if i in again else p_head[i] for i in rows}
    gold = np.array([pairs.stances[i] == "unrelated" for i in rows], dtype=int)
    table = {}
    for name, probs in (("whole comment", p_whole), ("settled comment (head, longer head in the band)", p_settled)):
        scores = np.array([probs[i] for i in rows])
        table[f"arc:test off_topic, {name}"] = {"n": len(rows), "roc_auc": roc_auc(gold, scores),
                                                "f1@0.5": f1_at(gold, scores, 0.5)}
    settled = table["arc:test off_topic, settled comment (head, longer head in the band)"]
    settled["share_in_band"] = len(again) / len(rows)
    return Section("Off-topic toward a text (ARC test)", table,
                   "The stage's off-topic probability with the claim as a one-sentence official text; "
                   "\"unrelated\" pairs are the off-topic ones. 'whole comment': the path of comments the "
                   "cascade sends on to the full models; 'settled comment': the path of the others. A proxy: "
                   "real official texts are longer than one claim.")


def evaluate_discussion(data: Path, limit: int | None = None) -> EvalResult:
    """Comment attributes, stance and off-topic on held-out data; ``limit`` samples at most that many rows per
    part."""
    return EvalResult("discussion", [evaluate_comment_scores(data, limit), evaluate_stance(data, limit),
                                     evaluate_off_topic(data, limit)])

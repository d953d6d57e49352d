"""Rebuild ``src/parley/resources/discussion/stance.json`` + ``stance.npy`` (comment stance toward a text).

Usage (from the repository root)::

    .venv/bin/python training/train_stance.py [--data ../shared/data]

Training-only dependencies: scikit-learn. Embeddings are cached in /tmp/parley_emb.

Data: ARC (reader comments from NYT "Room for Debate" paired with debate claims; FNC-1 format;
repository Apache-2.0, comment copyright stays with the authors: used for training numeric weights
only, no text shipped). Labels agree / disagree / discuss / unrelated (unrelated = a comment paired with
a claim from another debate). ``arc_stances_train.csv`` is split 85 / 15 by Body ID into train and
validation (``parley.evaluate.discussion.load_arc``); ``arc_stances_test.csv`` is the test set, never seen.

Features per (comment, claim) pair: ``parley.discussion.scoring.pair_features`` (comment embedding,
element-wise product and absolute difference with the claim embedding, cosine, content-word overlap,
negation / agreement cue counts, length). A multinomial logistic regression; its regularisation and
class weighting are chosen on the validation part by macro-F1, then a softmax temperature is fitted on
the validation part (negative log-likelihood). Deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from parley.discussion.features import FEATURE_VERSION, embed_cached  # noqa: E402
from parley.discussion.scoring import PAIR_NAMES, STANCES, pair_features  # noqa: E402
from parley.evaluate.discussion import SEED, load_arc, macro_f1, roc_auc  # noqa: E402

OUT = ROOT / "src" / "parley" / "resources" / "discussion"
GRID = ((0.1, None), (1.0, None), (0.1, "balanced"), (1.0, "balanced"), (3.0, "balanced"), (10.0, "balanced"))


def pair_matrix(pairs) -> np.ndarray:
    claims = embed_cached(pairs.claims, "arc")
    bodies = embed_cached(pairs.bodies, "arc")
    return np.stack([pair_features(b, bodies[i], c, claims[i])
                     for i, (b, c) in enumerate(zip(pairs.bodies, pairs.claims, strict=True))])


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    started = time.time()
    train, val = load_arc(args.data, "train"), load_arc(args.data, "val")
    x_train, x_val = pair_matrix(train), pair_matrix(val)
    n = len(PAIR_NAMES)
    mean, scale = x_train[:, -n:].mean(axis=0), np.maximum(x_train[:, -n:].std(axis=0), 1e-3)
    x_train[:, -n:] = (x_train[:, -n:] - mean) / scale
    x_val[:, -n:] = (x_val[:, -n:] - mean) / scale
    y_train, y_val = np.array(train.stances), np.array(val.stances)
    print(f"features {x_train.shape} in {time.time() - started:.0f}s", flush=True)

    tried = {}
    for c, weighting in GRID:
        model = LogisticRegression(C=c, class_weight=weighting, max_iter=3000).fit(x_train, y_train)
        predicted = model.predict(x_val)
        tried[(c, weighting)] = (macro_f1(list(y_val), list(predicted), STANCES), model)
        print(c, weighting, round(tried[(c, weighting)][0], 4), flush=True)
    (c, weighting) = max(tried, key=lambda k: tried[k][0])
    model = tried[(c, weighting)][1]
    classes = [str(k) for k in model.classes_]
    val_logits = model.decision_function(x_val)
    onehot = np.array([[y == k for k in classes] for y in y_val], dtype=float)
    temps = np.exp(np.linspace(np.log(0.3), np.log(3.0), 61))
    nll = [-np.mean(np.log(np.maximum((softmax(val_logits / t) * onehot).sum(axis=1), 1e-12))) for t in temps]
    temperature = float(temps[int(np.argmin(nll))])
    probs = softmax(val_logits / temperature)
    unrelated = probs[:, classes.index("unrelated")]
    validation = {"macro_f1_by_setting": {f"C={k[0]} weights={k[1]}": v[0] for k, v in tried.items()},
                  "C": c, "class_weight": weighting, "temperature": temperature,
                  "val_macro_f1": tried[(c, weighting)][0],
                  "val_unrelated_auc": roc_auc(y_val == "unrelated", unrelated)}
    print(json.dumps(validation, indent=1), flush=True)

    OUT.mkdir(parents=True, exist_ok=True)
    np.save(OUT / "stance.npy", model.coef_.T.astype(np.float32), allow_pickle=False)
    meta = {
        "model": "parley.discussion stance toward a text", "feature_version": FEATURE_VERSION,
        "classes": classes, "intercepts": model.intercept_.tolist(), "temperature": temperature,
        "pair_names": list(PAIR_NAMES), "pair_mean": mean.tolist(), "pair_scale": scale.tolist(),
        "validation": validation, "hyperparameters": {"grid": [list(g) for g in GRID], "seed": SEED},
        "data": {"arc_stance_comments": "UKPLab/coling2018_fake-news-challenge @6446c44 data/fnc-1/corpora/ARC; "
                                        "repository Apache-2.0; comment copyright stays with their authors"},
        "licence": "Numeric weights only; no text of the ARC corpus is included.",
        "held_out": "arc_stances_test.csv (never trained or tuned on); validation = 15% of the train file's "
                    f"Body IDs (seed {SEED})",
        "validation_body_ids": sorted(set(val.body_ids), key=int),
        "script": "training/train_stance.py",
    }
    (OUT / "stance.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT / 'stance.json'} in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()

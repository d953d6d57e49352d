"""Rebuild ``src/parley/resources/discussion/conspiracy.json`` + ``conspiracy.npy`` (the ``conspiracy`` score).

Usage (from the repository root)::

    .venv/bin/python training/train_conspiracy.py [--data ../shared/data]

Training-only dependencies: scikit-learn + scipy. Embeddings are cached in /tmp/parley_emb.

Data: PRCT (population-replacement conspiracy theory, YouTube comments on immigration videos, CC0),
gold = ``Model_Classification`` when the annotator agreed, else the other class. The 500 comments are
split 60 / 15 / 25 (train / validation / test, stratified, fixed seed; ``parley.evaluate.discussion``).
Three logistic regressions, over [embedding | standardised dense lexicon block | hashed n-grams]
(C=10), over the embedding alone (scaled by 3, C=0.3) and over the hashed n-grams alone (C=3); the
ensemble logit is the sum of their logits, each standardised by its out-of-fold mean and spread, which
is again one linear model, so it ships as one weight column. The three settings were chosen by 5-fold
out-of-fold ROC AUC on train + validation (375 comments; the ensemble beat each member). Platt scaling
is fitted on the out-of-fold ensemble logits (never on predictions for rows a model was trained on),
and the suggested flag threshold is the best-F1 point of the out-of-fold probabilities. The final
members are fitted on train + validation. The test part is never seen. The XAI-DisInfodemics sample (25 texts) is
too small to train on; ``parley eval discussion`` reports it as a smoke test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from parley.discussion.features import (  # noqa: E402
    DENSE_NAMES,
    FEATURE_VERSION,
    HASH_BUCKETS,
    dense_matrix,
    embed_cached,
    hashed_matrix,
)
from parley.evaluate.discussion import SEED, Labelled, best_f1, f1_at, load_prct, roc_auc  # noqa: E402

OUT = ROOT / "src" / "parley" / "resources" / "discussion"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    started = time.time()
    train, val = load_prct(args.data, "train"), load_prct(args.data, "val")
    both = Labelled("prct:train+val", train.texts + val.texts, {"conspiracy": np.concatenate([
        train.labels["conspiracy"], val.labels["conspiracy"]])}, train.ids + val.ids)
    raw = dense_matrix(both.texts)
    mean, scale = raw.mean(axis=0), np.maximum(raw.std(axis=0), 1e-3)

    y = both.labels["conspiracy"]
    emb = embed_cached(both.texts, "prct")
    dense = (raw - mean) / scale
    hashed = hashed_matrix(both.texts)
    width = 384 + len(DENSE_NAMES) + HASH_BUCKETS
    # each component: (name, design matrix, C, how its coefficients map onto the full feature layout)
    components = [
        ("all", sparse.hstack([sparse.csr_matrix(emb), sparse.csr_matrix(dense), hashed]).tocsr(), 10.0,
         lambda coef: coef),
        ("embedding", emb * 3.0, 0.3,
         lambda coef: np.concatenate([coef * 3.0, np.zeros(width - 384)])),
        ("hashed", hashed, 3.0, lambda coef: np.concatenate([np.zeros(384 + len(DENSE_NAMES)), coef])),
    ]
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    coef_total, intercept_total, oof_total, validation = np.zeros(width), 0.0, np.zeros(len(y)), {}
    for name, x, c, to_full in components:
        oof = cross_val_predict(LogisticRegression(C=c, max_iter=3000), x, y, cv=folds, method="decision_function")
        centre, spread = float(oof.mean()), float(oof.std())
        model = LogisticRegression(C=c, max_iter=3000).fit(x, y)
        coef_total += to_full(model.coef_[0].astype(np.float64)) / spread
        intercept_total += (float(model.intercept_[0]) - centre) / spread
        oof_total += (oof - centre) / spread
        validation[f"oof_auc_{name}"] = roc_auc(y, oof)
        print(name, round(validation[f"oof_auc_{name}"], 4), flush=True)
    calibration = LogisticRegression(C=1e4, max_iter=1000).fit(oof_total.reshape(-1, 1), y)
    platt = [float(calibration.coef_[0, 0]), float(calibration.intercept_[0])]
    oof_probs = 1 / (1 + np.exp(-(platt[0] * oof_total + platt[1])))
    f1, at = best_f1(y, oof_probs)
    validation.update({"oof_auc_ensemble": roc_auc(y, oof_total), "oof_f1@0.5": f1_at(y, oof_probs, 0.5),
                       "oof_best_f1": f1, "oof_best_threshold": at})
    print(json.dumps(validation, indent=1))
    coef = coef_total

    OUT.mkdir(parents=True, exist_ok=True)
    np.save(OUT / "conspiracy.npy", coef.reshape(-1, 1).astype(np.float32), allow_pickle=False)
    meta = {
        "model": "parley.discussion conspiracy", "feature_version": FEATURE_VERSION, "heads": ["conspiracy"],
        "intercepts": [intercept_total], "dense_names": list(DENSE_NAMES),
        "dense_mean": mean.tolist(), "dense_scale": scale.tolist(),
        "attributes": {"conspiracy": {"kind": "head", "head": "conspiracy", "platt": platt,
                                      "trained_on": "prct train + val parts",
                                      "calibrated_on": "5-fold out-of-fold logits on prct train + val"}},
        "validation": validation,
        "hyperparameters": {"components": [[name, c] for name, _, c, _ in components], "seed": SEED},
        "data": {"prct_conspiracy_comments": "erikbranmarino/PRCT-Detection-Dataset @031117d; CC0 1.0"},
        "licence": "Numeric weights derived from PRCT (CC0); no text of the data set is included.",
        "held_out": {"note": "prct test part, never trained or tuned on", "ids": load_prct(args.data, "test").ids},
        "train_ids": both.ids, "script": "training/train_conspiracy.py",
    }
    (OUT / "conspiracy.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT / 'conspiracy.json'} in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()

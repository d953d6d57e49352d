"""Measure trained re-typers of PLOVER event types on the PLOVER GSR, by stratified 5-fold cross-validation.

The events stage types events by rules (CAMEO verb patterns, diplomatic phrases, light verbs + event nouns,
intent and conditions; see ``parley.stages.events``). This script asks whether a model trained on the GSR's
322 sentences would type the sentence's main event better, and reports, on the same folds (``SEED``):

* ``stage``: the rules alone (nothing trained);
* ``embedding``: a logistic regression on parley's MiniLM sentence embedding (``parley.embed``) alone;
* ``stage+lexical``: the main event re-typed by a logistic regression over the stage's own features (main
  event type, trigger word, every event type in the sentence, tense, negation, whether it has a recipient)
  and the sentence's verb and noun lemmas;
* ``stage+lexical+embedding``: the same features with the embedding appended.

A sentence without an event stays without one (an event needs an actor). Data: plover-gsr/PLOVER_GSR_CAMEO.json,
CC BY-SA 4.0; labels mapped to PLOVER v0.8 as ``parley eval events`` does.

Measured 2026-11-29 (stage after the rules of issue 4), accuracy / macro-F1, 5-fold CV:
stage 0.634 / 0.611 (nothing trained); stage+lexical 0.615 / 0.559; embedding alone 0.469 / 0.296;
stage+lexical+embedding 0.621 / 0.575. No re-typer beats the rules, so none is shipped: the stage runs on
the rules, and ``parley eval events`` reports the rules' figures (no in-sample score of a trained model).
``--write`` would save a lexical re-typer trained on all sentences to
``src/parley/resources/event_retyper.json`` (numpy-readable JSON, no pickle) — not done.

Usage: ``.venv/bin/python training/train_event_classifier.py [DATA_DIR] [--write] [--no-embedding]``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from parley.evaluate.events import V08, gold_records, macro_f1, predict

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "parley" / "resources" / "event_retyper.json"
SEED = 13
C = 3.0


def features(event, doc) -> dict[str, float]:
    """The stage's evidence about a sentence's main event, and the sentence's content words."""
    from parley.stages.nlp import parses

    if event is None:
        return {"none": 1.0}
    out = {"type=" + event.type: 1.0, "trigger=" + doc.text[event.trigger.start:event.trigger.end].lower(): 1.0,
           "tense=" + event.tense: 1.0, "negated": float(event.negated), "no_recipient": float(not event.recipient)}
    for other in doc.events:
        out["any=" + other.type] = out.get("any=" + other.type, 0.0) + 1.0
    for seg in doc.segments:
        for _, sdoc in parses(doc, seg):
            for tok in sdoc:
                if tok.pos_ in ("VERB", "NOUN") and not tok.is_stop:
                    out["lemma=" + tok.lemma_.lower()] = 1.0
    return out


def cross_validate(x, y, stage: np.ndarray, has_event: np.ndarray) -> list:
    guess = stage.copy()
    for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y):
        model = LogisticRegression(C=C, max_iter=3000).fit(x[train], y[train])
        for i, label in zip(test, model.predict(x[test]), strict=True):
            if has_event[i]:
                guess[i] = label
    return [g if g != "NONE" else None for g in guess]


def report(name: str, pred: list, y: np.ndarray) -> None:
    acc = float(np.mean([p == g for p, g in zip(pred, y, strict=True)]))
    print(f"{name:26s} accuracy {acc:.3f}  macro-F1 {macro_f1(list(y), pred):.3f}")


def main(data: Path, write: bool, use_embedding: bool) -> None:
    records = gold_records(data)
    y = np.array([V08.get(r["event"], r["event"]) for r in records])
    results = predict(records)
    stage = np.array([e.type if e else "NONE" for e, _ in results], dtype=object)
    has_event = np.array([e is not None for e, _ in results])
    vec = DictVectorizer()
    lexical = csr_matrix(vec.fit_transform([features(e, d) for e, d in results]))
    report("stage", [s if s != "NONE" else None for s in stage], y)
    report("stage+lexical", cross_validate(lexical, y, stage, has_event), y)
    if use_embedding:
        from parley.embed import embed

        emb = embed([r["text"] for r in records])
        report("embedding", cross_validate(emb, y, np.array(["NONE"] * len(y), dtype=object),
                                           np.ones(len(y), dtype=bool)), y)
        report("stage+lexical+embedding", cross_validate(hstack([lexical, csr_matrix(emb)]).tocsr(), y, stage,
                                                         has_event), y)
    if write:
        model = LogisticRegression(C=C, max_iter=3000).fit(lexical, y)
        weights = {"features": vec.get_feature_names_out().tolist(), "classes": model.classes_.tolist(),
                   "coef": model.coef_.round(5).tolist(), "intercept": model.intercept_.round(5).tolist(),
                   "licence": "trained on the PLOVER GSR, CC BY-SA 4.0"}
        OUT.write_text(json.dumps(weights) + "\n", encoding="utf-8")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(args[0]) if args else ROOT.parent / "shared" / "data", "--write" in sys.argv,
         "--no-embedding" not in sys.argv)

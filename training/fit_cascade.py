"""Set the cascade bounds of the discussion scorers (``"cascade"`` in ``toxicity.json`` and ``conspiracy.json``).

Usage (from the repository root, after ``train_toxicity.py`` and ``train_conspiracy.py``)::

    .venv/bin/python training/fit_cascade.py [--data ../shared/data] [--recall 0.99]

``parley.discussion.scoring.score_comments`` first scores every comment with the lexical heads (hashed
n-grams and lexicon counts, no embedding) and sends a comment on to the full models (MiniLM embedding +
the same lexical features) only when some attribute's lexical probability reaches that attribute's
bound. A bound is chosen on *validation* rows only (Wikipedia val part, Davidson val part, madlibs val
sample, PRCT val part, ARC val comments; never a test part): among the validation rows the full models
flag (probability at or above the flag threshold of ``parley.discussion.thresholds``), the lexical
probability that ``--recall`` of them reach; capped at the flag threshold itself. Rows under every bound
keep their lexical probabilities, which are below every flag threshold, so the cascade changes flags
only for the few full-model flags it does not send on. The shares of rows sent on and the cascade's
ROC AUC against the full models' are recorded under ``"cascade_validation"``.

``--recall`` 0.99 (it was 0.995): 26.7% of the throughput benchmark's comments are sent on instead of 34.8%
(Wikipedia validation 38.9% instead of 47.7%), at the cost of a little ranking on held-out Wikipedia
(cascade toxicity AUC 0.970 -> 0.968, F1 at the flag 0.742 -> 0.732, the full models alone 0.976 / 0.736).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from parley.discussion import scoring  # noqa: E402
from parley.discussion.features import embed_cached  # noqa: E402
from parley.discussion.thresholds import DEFAULT_THRESHOLDS  # noqa: E402
from parley.evaluate.discussion import (  # noqa: E402
    load_arc,
    load_davidson,
    load_madlibs,
    load_prct,
    load_wikipedia,
    roc_auc,
)

OUT = ROOT / "src" / "parley" / "resources" / "discussion"
MODEL_OF = {"toxicity": "toxicity", "severe_toxicity": "toxicity", "insult": "toxicity", "threat": "toxicity",
            "identity_attack": "toxicity", "profanity": "toxicity", "conspiracy": "conspiracy"}
CACHE = {"wikipedia": "wiki", "davidson": "davidson", "madlibs": "madlibs", "prct": "prct", "arc": "arc"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--recall", type=float, default=0.99)
    args = parser.parse_args()
    d = args.data
    arc_val = sorted(set(load_arc(d, "val").bodies))
    parts = {"wikipedia": load_wikipedia(d, "val"), "davidson": load_davidson(d, "val"),
             "madlibs": load_madlibs(d, "val"), "prct": load_prct(d, "val")}
    sets = {name: (part.texts, part.labels) for name, part in parts.items()} | {"arc": (arc_val, {})}
    lexical, full, labels = {}, {}, {}
    for name, (texts, labelled) in sets.items():
        features = scoring.CommentFeatures(texts, embed_cached(texts, CACHE[name]))
        lexical[name] = scoring._probabilities(features, lexical=True)
        full[name] = scoring._probabilities(features, lexical=False)
        labels[name] = labelled
    all_lex, all_full = np.vstack(list(lexical.values())), np.vstack(list(full.values()))
    bounds: dict[str, float] = {}
    for j, attribute in enumerate(scoring.ATTRIBUTES):
        threshold = DEFAULT_THRESHOLDS[attribute]
        flagged = all_full[:, j] >= threshold
        bound = float(np.quantile(all_lex[flagged, j], 1 - args.recall)) if flagged.sum() >= 5 else threshold / 2
        bounds[attribute] = round(min(bound, threshold), 4)
    lows = np.asarray([bounds[a] for a in scoring.ATTRIBUTES])
    report: dict[str, float] = {"recall_target": args.recall}
    for name in sets:
        sent = (lexical[name] >= lows).any(axis=1)
        cascaded = np.where(sent[:, None], full[name], lexical[name])
        report[f"{name}_share_sent_on"] = float(sent.mean())
        for j, attribute in enumerate(scoring.ATTRIBUTES):
            flags_full = full[name][:, j] >= DEFAULT_THRESHOLDS[attribute]
            if flags_full.any():
                flags_cascade = cascaded[:, j] >= DEFAULT_THRESHOLDS[attribute]
                report[f"{name}_{attribute}_full_flags_kept"] = float((flags_cascade & flags_full).sum()
                                                                      / flags_full.sum())
            if attribute in labels[name]:
                report[f"{name}_{attribute}_auc_full"] = roc_auc(labels[name][attribute], full[name][:, j])
                report[f"{name}_{attribute}_auc_cascade"] = roc_auc(labels[name][attribute], cascaded[:, j])
    print(json.dumps({"bounds": bounds, **report}, indent=1))
    for kind in ("toxicity", "conspiracy"):
        path = OUT / f"{kind}.json"
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["cascade"] = {a: b for a, b in bounds.items() if MODEL_OF[a] == kind}
        meta["cascade_validation"] = {"note": "chosen on validation rows only by training/fit_cascade.py", **report}
        path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print("wrote the cascade bounds")


if __name__ == "__main__":
    main()

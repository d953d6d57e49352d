"""Per-comment scores and comment-to-text stance: the API the discussion stage builds on.

Use::

    from parley.discussion.scoring import ATTRIBUTES, score_comments, stance_to_text

    scores = score_comments(["You are an idiot.", "I respectfully disagree."])
    # [{"toxicity": 0.93, "severe_toxicity": 0.05, ..., "conspiracy": 0.02}, {...}]
    stance = stance_to_text(comments, official_text)
    # [{"agree": 0.1, "disagree": 0.2, "discuss": 0.1, "unrelated": 0.6}, ...]

``score_comments(texts, embeddings=None, cascade=True)``
    One dict per text with a calibrated probability in [0, 1] for every name in ``ATTRIBUTES``.
    A cascade: the lexical heads score every text first (``LexicalPass``, no embedding); a text goes on
    to the full models (embedding + lexical features) only when some attribute's lexical probability
    reaches its bound (``cascade_bounds()``, set on validation data by ``training/fit_cascade.py`` so that
    99% of the validation comments the full models flag are sent on). Pass ``embeddings`` (rows of
    ``parley.embed.embed(texts)``) to reuse vectors the caller already has (only the rows sent on are
    read); otherwise those texts are embedded here. ``cascade=False``: every text through the full
    models. Scores of a text do not depend on the other texts of the batch or their order.

``stance_to_text(comments, reference, comment_embeddings=None)``
    One dict per comment with probabilities of ``STANCES`` summing to 1: the stance of the comment
    toward ``reference`` (the official part of the document). A long reference is split into
    sentences; each comment is compared with the reference sentence closest to it in embedding space
    (the ARC training pairs compare a comment with a one-sentence claim). ``unrelated`` is the
    off-topic signal.

How the scores are made (details and measured figures: ``parley eval discussion``):

* features: the MiniLM sentence embedding, a small block of lexicon/style counts and hashed word and
  character n-grams (``parley.discussion.features``); each full head has a lexical twin
  (``<head>_lex``: the same labels over the lexicon counts and n-grams only), Platt-scaled on the same
  rows and stored as an affine map onto the full head's logit scale (``"lexical"`` in the weights
  file), so the stacked heads and calibrations apply unchanged in the cascade's first pass;
* ``toxicity``, ``identity_attack`` and ``conspiracy`` are linear (logistic) models over all features
  (toxicity: Wikipedia talk comments, the Jigsaw sample, Davidson tweets, identity "madlibs";
  identity_attack: Davidson hate speech + Jigsaw identity_hate; conspiracy: PRCT YouTube comments
  with ordinary comments (Wikipedia talk, Jigsaw, ARC) as down-weighted negatives, an ensemble of
  three logistic models folded into one weight column);
* ``insult`` and ``profanity`` have only the Jigsaw sample's 16 positives each: a small logistic head
  over the toxicity and identity-attack logits and the lexicon counts;
* ``threat`` (2 labelled positives) and ``severe_toxicity`` (3) are hand-set priors over the same
  inputs (threat needs a threat pattern such as "I will kill you"): hints, not measured models;
* toxicity, identity_attack and conspiracy are Platt-calibrated on data disjoint from their test
  parts (a validation split or out-of-fold logits); the stacked heads on out-of-fold logits.
* Known limits: the training comments are Wikipedia talk pages, tweets and YouTube immigration
  threads, so dehumanising geopolitical slurs ("Ukros", "pests ... exterminated") are under-scored,
  and conspiracy knows one narrative well (population replacement): other theories (9/11, "Deep
  State") come from the pattern layer. The cascade costs a little ranking (held-out Wikipedia
  toxicity AUC 0.968 against 0.976 for the full models alone; F1 at the flag 0.732 against 0.736).

Weights load lazily, once per process, from ``parley/resources/discussion/`` (``<model>.json`` +
``<model>.npy`` for the models ``toxicity``, ``conspiracy`` and ``stance``, each rebuilt by
``training/train_<model>.py``; the cascade bounds by ``training/fit_cascade.py``); inference is numpy only.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from importlib import resources

import numpy as np

from ..model import COMMENT_SCORES
from .features import DENSE_NAMES, FEATURE_VERSION, HASH_BUCKETS, dense_features, hashed_features

#: the scores the trained models give (off_topic is measured against the document instead)
ATTRIBUTES = tuple(s for s in COMMENT_SCORES if s != "off_topic")
STANCES = ("agree", "disagree", "discuss", "unrelated")
EMBED_DIM = 384

_LOCK = threading.Lock()
_MODELS: dict[str, dict] = {}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_CONTENT = re.compile(r"[a-zA-Z][a-zA-Z'-]{2,}")
_STOP_WORDS = """the and for are but not you all any can had her was one our out has his how its may new now
old see two who did get him let put say she too use that with have this will your from they know want been good
much some time very when come here just like long make many more only over such take than them well were what
also into most other there their these those would could should about which while where after before being
because does doing each few further itself myself once own same then through under until upon whom why"""
_STOP = frozenset(_STOP_WORDS.split())
_NEGATION = re.compile(r"\b(not|no|never|nor|nothing|wrong|disagree|false|nonsense|don'?t|doesn'?t|isn'?t|"
                       r"aren'?t|won'?t|can'?t|cannot|shouldn'?t|neither|hardly)\b", re.I)
_AGREEMENT = re.compile(r"\b(agree|agreed|exactly|right|yes|true|correct|indeed|absolutely|support|"
                        r"well said|good point|of course)\b", re.I)
PAIR_NAMES = ("cosine", "content_overlap", "content_jaccard", "negations", "agreements", "log_length")


class WeightsMissing(RuntimeError):
    """The shipped weights are absent: rebuild them with the training scripts."""


def _resource(name: str):
    return resources.files("parley.resources") / "discussion" / name


def _load(kind: str) -> dict:
    """Load ``<kind>.json`` + ``<kind>.npy`` once per process."""
    if kind in _MODELS:
        return _MODELS[kind]
    with _LOCK:
        if kind not in _MODELS:
            meta_path, matrix_path = _resource(f"{kind}.json"), _resource(f"{kind}.npy")
            if not meta_path.is_file() or not matrix_path.is_file():
                raise WeightsMissing(f"parley/resources/discussion/{kind}.json|.npy missing; rebuild with "
                                     f"training/train_{kind}.py")
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("feature_version") != FEATURE_VERSION:
                raise WeightsMissing(f"{kind} weights were trained on feature version {meta.get('feature_version')}, "
                                     f"this code computes version {FEATURE_VERSION}: retrain")
            with matrix_path.open("rb") as handle:
                meta["matrix"] = np.load(handle, allow_pickle=False)
            _MODELS[kind] = meta
    return _MODELS[kind]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40, 40)))


def _embeddings(texts: Sequence[str], given: np.ndarray | None) -> np.ndarray:
    if given is not None:
        given = np.asarray(given, dtype=np.float32)
        if given.shape != (len(texts), EMBED_DIM):
            raise ValueError(f"embeddings must have shape ({len(texts)}, {EMBED_DIM}), got {given.shape}")
        return given
    from ..embed import embed

    return embed(list(texts))


class CommentFeatures:
    """The features of a batch of comments, computed once and shared by every linear model.

    ``embeddings`` may be None: then only the lexical heads (``<head>_lex``) can be computed."""

    def __init__(self, texts: Sequence[str], embeddings: np.ndarray | None = None):
        self.texts = list(texts)
        self.embeddings = embeddings
        self.dense = (np.stack([dense_features(t) for t in self.texts]) if self.texts
                      else np.zeros((0, len(DENSE_NAMES)), np.float32))
        self.hashed = [hashed_features(t) for t in self.texts]


def model_logits(kind: str, features: CommentFeatures, lexical: bool = False) -> dict[str, np.ndarray]:
    """Raw logits (before calibration) of every head of model ``kind`` ("toxicity" or "conspiracy")
    and of its standardised dense features (``"dense:<name>"``); used by ``score_comments`` and training.

    ``lexical``: the full heads are replaced by their lexical heads mapped onto the full heads' logit scale
    (``to_full`` in the weights file), so every attribute is computed from the same column names;
    ``features.embeddings`` is then not needed."""
    model = _load(kind)
    if lexical and not model.get("lexical"):
        raise WeightsMissing(f"{kind} weights have no lexical heads (the cascade's first pass): retrain")
    dense = (features.dense - np.asarray(model["dense_mean"], np.float32)) / np.asarray(model["dense_scale"],
                                                                                        np.float32)
    weights = model["matrix"]  # rows: embedding | dense | hashed buckets; columns: heads
    logits = dense @ weights[EMBED_DIM:EMBED_DIM + len(DENSE_NAMES)]
    if not lexical:
        if features.embeddings is None:
            raise ValueError("the full heads need embeddings")
        logits += features.embeddings @ weights[:EMBED_DIM]
    hashed = weights[EMBED_DIM + len(DENSE_NAMES):]
    if hashed.shape[0] != HASH_BUCKETS:
        raise WeightsMissing(f"{kind} weights have {hashed.shape[0]} hash buckets, expected {HASH_BUCKETS}: retrain")
    for row, (idx, val) in enumerate(features.hashed):
        if len(idx):
            logits[row] += val @ hashed[idx]
    logits += np.asarray(model["intercepts"], np.float32)
    out = {name: logits[:, i].astype(np.float64) for i, name in enumerate(model["heads"])}
    if lexical:
        for head, spec in model.get("lexical", {}).items():
            a, b = spec["to_full"]
            out[head] = a * out[spec["head"]] + b
    out.update({f"dense:{name}": dense[:, i].astype(np.float64) for i, name in enumerate(DENSE_NAMES)})
    return out


def attribute_logits(spec: dict, columns: dict[str, np.ndarray]) -> np.ndarray:
    """The uncalibrated logit of one attribute from its ``spec`` ("head" or "stacked")."""
    if spec["kind"] == "head":
        return columns[spec["head"]]
    inputs = np.column_stack([columns[name] for name in spec["inputs"]])
    return inputs @ np.asarray(spec["coef"]) + spec["intercept"]


def _probabilities(features: CommentFeatures, lexical: bool) -> np.ndarray:
    out = np.zeros((len(features.texts), len(ATTRIBUTES)))
    for kind in ("toxicity", "conspiracy"):
        columns = model_logits(kind, features, lexical=lexical)
        for attribute, spec in _load(kind)["attributes"].items():
            raw = attribute_logits(spec, columns)
            out[:, ATTRIBUTES.index(attribute)] = _sigmoid(spec["platt"][0] * raw + spec["platt"][1])
    return out


def cascade_bounds() -> dict[str, float]:
    """Per attribute, the lexical probability from which a comment goes on to the full models."""
    bounds: dict[str, float] = {}
    for kind in ("toxicity", "conspiracy"):
        bounds.update(_load(kind).get("cascade", {}))
    return bounds


class LexicalPass:
    """The cascade's first pass over a batch: lexical probabilities of every attribute and which texts
    still need the full (embedding) models.

    ``uncertain[i]`` is True when any attribute's lexical probability reaches its bound in
    ``cascade_bounds()`` (set by ``training/fit_cascade.py`` so that nearly every comment the full models
    would flag is sent on). The other texts keep their lexical probabilities: no embedding is needed."""

    def __init__(self, texts: Sequence[str], cascade: bool = True):
        self.features = CommentFeatures(texts)
        self.probabilities = _probabilities(self.features, lexical=True)
        bounds = cascade_bounds()
        if not cascade or not bounds:
            self.uncertain = np.ones(len(self.features.texts), dtype=bool)
        else:
            lows = np.asarray([bounds.get(a, 0.0) for a in ATTRIBUTES])
            self.uncertain = (self.probabilities >= lows).any(axis=1)


def score_comments(texts: list[str], embeddings: np.ndarray | None = None, cascade: bool = True,
                   lexical: LexicalPass | None = None) -> list[dict[str, float]]:
    """Calibrated probabilities in [0, 1] of every attribute in ``ATTRIBUTES``, one dict per text.

    A cascade: every text gets the lexical heads first (``LexicalPass``); the texts they cannot settle
    are scored by the full models (embedding + lexical features). ``embeddings``: the texts' full
    embeddings, of which only the uncertain rows are read (other rows may hold anything, e.g. cheaper
    head embeddings); without them the uncertain texts are embedded here. ``cascade=False`` scores every
    text with the full models. ``lexical``: a first pass the caller already ran over the same texts."""
    texts = list(texts)
    if not texts:
        return []
    if embeddings is not None:
        embeddings = np.asarray(embeddings, dtype=np.float32)
        if embeddings.shape != (len(texts), EMBED_DIM):
            raise ValueError(f"embeddings must have shape ({len(texts)}, {EMBED_DIM}), got {embeddings.shape}")
    first = lexical if lexical is not None and cascade else LexicalPass(texts, cascade=cascade)
    out = first.probabilities.copy()
    rows = np.flatnonzero(first.uncertain)
    if len(rows):
        features = CommentFeatures.__new__(CommentFeatures)
        features.texts = [texts[i] for i in rows]
        features.dense = first.features.dense[rows]
        features.hashed = [first.features.hashed[i] for i in rows]
        features.embeddings = _embeddings(features.texts, None if embeddings is None else embeddings[rows])
        out[rows] = _probabilities(features, lexical=False)
    return [{a: round(float(p), 6) for a, p in zip(ATTRIBUTES, row, strict=True)} for row in out]


def lexical_scores(texts: list[str]) -> list[dict[str, float]]:
    """The lexical heads' probabilities only (no embedding): cheap, for ranking sentences as evidence."""
    if not texts:
        return []
    probs = _probabilities(CommentFeatures(texts), lexical=True)
    return [{a: round(float(p), 6) for a, p in zip(ATTRIBUTES, row, strict=True)} for row in probs]


def reference_sentences(reference: str, limit: int = 400) -> list[str]:
    """The sentences of ``reference`` worth comparing with (at least four words), at most ``limit``."""
    parts = [p.strip() for p in _SENTENCE_END.split(reference or "") if p and p.strip()]
    keep = [p for p in parts if len(p.split()) >= 4] or parts
    return keep[:limit]


def _content(text: str) -> set[str]:
    return {w.lower() for w in _CONTENT.findall(text) if w.lower() not in _STOP}


def pair_features(comment: str, e_comment: np.ndarray, claim: str, e_claim: np.ndarray) -> np.ndarray:
    """Features of one (comment, claim) pair: embeddings, their product and difference, ``PAIR_NAMES``."""
    words_c, words_r = _content(comment), _content(claim)
    shared = len(words_c & words_r)
    scalars = np.asarray([
        float(e_comment @ e_claim),
        np.log1p(shared),
        shared / max(len(words_c | words_r), 1),
        np.log1p(len(_NEGATION.findall(comment))),
        np.log1p(len(_AGREEMENT.findall(comment))),
        np.log1p(len(comment.split())),
    ], dtype=np.float32)
    return np.concatenate([e_comment, e_comment * e_claim, np.abs(e_comment - e_claim), scalars])


def stance_to_text(comments: list[str], reference: str | list[str], comment_embeddings: np.ndarray | None = None,
                   reference_embeddings: np.ndarray | None = None) -> list[dict[str, float]]:
    """Probabilities of ``agree``/``disagree``/``discuss``/``unrelated`` of each comment toward ``reference``.

    ``reference`` may be given already split into sentences (a list), with their embeddings."""
    comments = list(comments)
    if not comments:
        return []
    model = _load("stance")
    emb = _embeddings(comments, comment_embeddings)
    sentences = list(reference) if isinstance(reference, list) else reference_sentences(reference)
    if not sentences:
        return [dict.fromkeys(STANCES, 0.0) | {"unrelated": 1.0} for _ in comments]
    if reference_embeddings is not None and len(reference_embeddings) == len(sentences):
        ref = np.asarray(reference_embeddings, dtype=np.float32)
    else:
        from ..embed import embed

        ref = embed(sentences)
    closest = np.argmax(emb @ ref.T, axis=1)
    rows = np.stack([pair_features(c, emb[i], sentences[closest[i]], ref[closest[i]])
                     for i, c in enumerate(comments)])
    n_pair = len(PAIR_NAMES)
    rows[:, -n_pair:] = (rows[:, -n_pair:] - np.asarray(model["pair_mean"])) / np.asarray(model["pair_scale"])
    logits = rows @ model["matrix"] + np.asarray(model["intercepts"])
    logits /= model["temperature"]
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    classes = model["classes"]
    return [{s: round(float(row[classes.index(s)]), 6) for s in STANCES} for row in probs]

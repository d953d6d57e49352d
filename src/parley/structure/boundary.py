"""Find where the reader discussion begins in a plain-text document.

Many documents are an official text (statement, transcript, article) followed, with no markup, by
reader comments copied from a blog. This module scores each paragraph with a small logistic model
(hashed word unigrams/bigrams plus language-agnostic style features, see :func:`paragraph_features`)
and treats the boundary as a change-point problem: the discussion starts at the split ``s`` that
maximises ``sum(logit_i - bias for i >= s)``; when no suffix clearly favours comments the document
has no discussion.

Inference needs only Python and numpy. The weights live in
``parley/resources/discussion_boundary.json`` (rebuilt by ``training/train_discussion_boundary.py``)
and are loaded lazily once per process.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
import zlib
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

FEATURE_VERSION = 1
#: default number of hash buckets; the weights file records the value actually used.
HASH_BUCKETS = 1 << 15
RESOURCE_NAME = "discussion_boundary.json"

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_SENT_END = re.compile(r"[.!?…]+(?=\s|$)")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMOTICON = re.compile(
    r"(?:(?<!\w)[:;=8][-o^']?[)(\]\[dDpP/\\|*oO3]|<3|\^_\^|\^\^|>\.<|(?<!\w)xD\b|[\U0001F600-\U0001F64F])"
)
_ELLIPSIS = re.compile(r"\.\.\.|…")
_REPEAT_PUNCT = re.compile(r"[!?]{2,}")
_REPEAT_CHAR = re.compile(r"(\w)\1{3,}")
_NO_SPACE_AFTER = re.compile(r"[a-z\u00e0-\u024f][.!?,;][A-Za-z\u00c0-\u024f]{2}")
_MONTH = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?\b",
    re.IGNORECASE,
)
_NUM_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_AGO = re.compile(r"\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b", re.IGNORECASE)
_HEADER_WORDS = re.compile(
    r"\b(?:says|said|wrote|writes|reply|replies|permalink|posted|commented|quote|link)\b|\bat\s+\d", re.IGNORECASE
)
_SPEAKER_LABEL = re.compile(r"^\s*(?:Q|A|[A-Z][\w.’'\- ]{0,40}?)\s*:\s+\S")
_ALLCAPS = re.compile(r"\b[A-Z]{3,}\b")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")
_QUOTE = re.compile(r"[\"“”«»„]")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FIRST_SINGULAR = _wordset(
    "i me my mine myself i'm i’m i've i’ve i'd i’d i'll i’ll im ive je j'ai moi mon ma mes ich mich mir mein meine "
    "yo mi mí me io mio mia eu meu minha ik mij я мне меня мой моя"
)
_FIRST_PLURAL = _wordset(
    "we us our ours ourselves we're we’re we've we’ve we'll we’ll nous notre nos wir uns unser unsere "
    "nosotros nuestro nuestra noi nostro nós nosso wij ons onze мы нас наш наша"
)
_SECOND = _wordset(
    "you your yours yourself you're you’re you've you’ve you'll you’ll u ur ya tu te toi ton ta tes vous votre "
    "du dich dir dein deine ihr euch tú ti tuo tua você voce je jij jou ты тебя твой вы ваш"
)
_INFORMAL = _wordset(
    "lol lmao rofl haha hahaha hehe heh wow yeah yep nope ok okay gonna wanna gotta dude cool awesome "
    "thanks thank thx ty btw imo imho fwiw omg wtf damn hell crap stupid idiot idiots great nice love "
    "agree disagree totally ditto kudos bravo cheers hi hello hey guys folks blah ugh oops ooops sorry "
    "pls plz please ain't ain’t y'all yall kinda sorta cuz coz lot stuff"
)
_THIRD_REF = re.compile(
    r"\b(?:the|this|your|his|her|their|that) (?:author|article|post|piece|blog|writer|story|interview|speech|"
    r"statement|video|comments?|commenters?|commentators?)\b|\b(?:great|good|nice|excellent|interesting) "
    r"(?:post|article|piece|read|points?|job|work|stuff)\b",
    re.IGNORECASE,
)

STYLE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "short_le6_words",
    "very_short_le2_words",
    "long_ge80_words",
    "first_singular_rate",
    "has_first_singular",
    "first_plural_rate",
    "has_first_plural",
    "second_person_rate",
    "has_second_person",
    "has_exclamation",
    "question_rate",
    "has_question",
    "emoticon",
    "ellipsis",
    "repeated_punct",
    "repeated_char",
    "url",
    "lowercase_start",
    "no_space_after_punct",
    "allcaps_rate",
    "informal_rate",
    "has_informal",
    "third_person_ref",
    "date_like",
    "time_like",
    "year_like",
    "ago_like",
    "header_words",
    "header_like",
    "speaker_label",
    "digit_rate",
    "capitalised_rate",
    "mean_word_len",
    "log_sentences",
    "mean_sentence_words",
    "no_terminal_punct",
    "quote_marks",
    "parentheses",
    "multi_line",
    "non_ascii_rate",
)
CONTEXT_NAMES: tuple[str, ...] = (
    "prev_header_like",
    "next_header_like",
    "prev2_header_like",
    "next2_header_like",
    "prev_short",
    "next_short",
    "is_first",
    "is_last",
)
DENSE_NAMES: tuple[str, ...] = STYLE_NAMES + CONTEXT_NAMES


@dataclass(frozen=True)
class ParagraphFeatures:
    """Features of one paragraph: sparse hashed n-grams (L2-normalised) and dense style values."""

    hashed: dict[int, float]
    style: list[float]


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _WORD.findall(text)]


def _bucket(key: str, buckets: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % buckets


def _hashed_ngrams(tokens: list[str], buckets: int) -> dict[int, float]:
    keys = {"u:" + t for t in tokens}
    keys.update(f"b:{a} {b}" for a, b in itertools.pairwise(tokens))
    if not tokens:
        keys.add("u:<empty>")
    counts: dict[int, float] = {}
    for key in keys:
        idx = _bucket(key, buckets)
        counts[idx] = counts.get(idx, 0.0) + 1.0
    norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {k: v / norm for k, v in counts.items()}


def _is_header_like(text: str, n_words: int | None = None) -> bool:
    """A short line that looks like an author/date/permalink header of a comment."""
    if n_words is None:
        n_words = len(_WORD.findall(text))
    if n_words == 0 or n_words > 14 or len(text) > 160:
        return False
    dated = bool(_MONTH.search(text) or _NUM_DATE.search(text) or _TIME.search(text) or _AGO.search(text))
    return dated or bool(_HEADER_WORDS.search(text) and n_words <= 8)


def _style(text: str) -> list[float]:
    raw = text.strip()
    tokens = _tokens(raw)
    n = len(tokens)
    nz = max(n, 1)
    chars = len(raw)
    sentences = max(len(_SENT_END.findall(raw)), 1)
    first_s = sum(t in _FIRST_SINGULAR for t in tokens)
    first_p = sum(t in _FIRST_PLURAL for t in tokens)
    second = sum(t in _SECOND for t in tokens)
    informal = sum(t in _INFORMAL for t in tokens)
    questions = raw.count("?")
    words_orig = _WORD.findall(raw)
    capitalised = sum(1 for w in words_orig if w[:1].isupper())
    digits = len(_DIGIT.findall(raw))
    letters = len(_LETTER.findall(raw)) or 1
    non_ascii = len(_NON_ASCII_LETTER.findall(raw))
    first = _LETTER.search(raw)
    first_alpha = first.group(0) if first else ""
    header = _is_header_like(raw, n)
    return [
        math.log1p(chars) / 8.0,
        math.log1p(n) / 6.0,
        float(n <= 6),
        float(n <= 2),
        float(n >= 80),
        min(first_s / nz * 10.0, 1.0),
        float(first_s > 0),
        min(first_p / nz * 10.0, 1.0),
        float(first_p > 0),
        min(second / nz * 10.0, 1.0),
        float(second > 0),
        float("!" in raw),
        min(questions / sentences, 1.0),
        float(questions > 0),
        float(bool(_EMOTICON.search(raw))),
        float(bool(_ELLIPSIS.search(raw))),
        float(bool(_REPEAT_PUNCT.search(raw))),
        float(bool(_REPEAT_CHAR.search(raw))),
        float(bool(_URL.search(raw))),
        float(first_alpha.islower()),
        min(len(_NO_SPACE_AFTER.findall(_URL.sub(" ", raw))), 3) / 3.0,
        min(len(_ALLCAPS.findall(raw)) / nz * 5.0, 1.0),
        min(informal / nz * 10.0, 1.0),
        float(informal > 0),
        float(bool(_THIRD_REF.search(raw))),
        float(bool(_MONTH.search(raw) or _NUM_DATE.search(raw))),
        float(bool(_TIME.search(raw))),
        float(bool(_YEAR.search(raw))),
        float(bool(_AGO.search(raw))),
        float(bool(_HEADER_WORDS.search(raw))),
        float(header),
        float(bool(_SPEAKER_LABEL.match(raw))),
        min(digits / max(chars, 1) * 5.0, 1.0),
        capitalised / nz,
        min(sum(len(w) for w in words_orig) / nz / 10.0, 1.5),
        math.log1p(sentences) / 4.0,
        min(n / sentences / 40.0, 1.5),
        float(bool(raw) and raw[-1] not in ".!?…\"'”’)"),
        float(bool(_QUOTE.search(raw))),
        float("(" in raw),
        float("\n" in raw),
        non_ascii / letters,
    ]


def paragraph_features(text: str, buckets: int = HASH_BUCKETS) -> ParagraphFeatures:
    """Cheap, context-free features of one paragraph (see :data:`STYLE_NAMES`)."""
    return ParagraphFeatures(hashed=_hashed_ngrams(_tokens(text), buckets), style=_style(text))


def document_features(paragraphs: list[str], buckets: int = HASH_BUCKETS) -> list[ParagraphFeatures]:
    """Features of every paragraph, the dense part extended with neighbour context (:data:`CONTEXT_NAMES`)."""
    base = [paragraph_features(p, buckets) for p in paragraphs]
    header_i = STYLE_NAMES.index("header_like")
    short_i = STYLE_NAMES.index("short_le6_words")
    n = len(base)

    def flag(i: int, k: int) -> float:
        return base[i].style[k] if 0 <= i < n else 0.0

    out = []
    for i, f in enumerate(base):
        ctx = [
            flag(i - 1, header_i),
            flag(i + 1, header_i),
            flag(i - 2, header_i),
            flag(i + 2, header_i),
            flag(i - 1, short_i),
            flag(i + 1, short_i),
            float(i == 0),
            float(i == n - 1),
        ]
        out.append(ParagraphFeatures(hashed=f.hashed, style=f.style + ctx))
    return out


@dataclass(frozen=True)
class BoundaryModel:
    """Weights of the paragraph classifier plus the change-point parameters."""

    buckets: int
    hash_weights: np.ndarray
    dense_weights: np.ndarray
    dense_mean: np.ndarray
    dense_scale: np.ndarray
    intercept: float
    split_bias: float
    margin: float
    meta: dict[str, Any]
    reference_delta: float | None = None

    def logits(self, paragraphs: list[str]) -> np.ndarray:
        feats = document_features(paragraphs, self.buckets)
        out = np.empty(len(feats), dtype=np.float64)
        for i, f in enumerate(feats):
            dense = (np.asarray(f.style, dtype=np.float64) - self.dense_mean) / self.dense_scale
            total = self.intercept + float(dense @ self.dense_weights)
            total += sum(self.hash_weights[k] * v for k, v in f.hashed.items())
            out[i] = total
        return out


_MODEL: BoundaryModel | None = None
_LOCK = threading.Lock()


def model_from_dict(data: dict[str, Any]) -> BoundaryModel:
    """Build a :class:`BoundaryModel` from the JSON structure written by the training script."""
    if data.get("feature_version") != FEATURE_VERSION:
        raise ValueError(
            f"discussion boundary weights have feature_version {data.get('feature_version')!r}, "
            f"code expects {FEATURE_VERSION}; rerun training/train_discussion_boundary.py"
        )
    if list(data["dense_names"]) != list(DENSE_NAMES):
        raise ValueError("discussion boundary weights do not match the dense feature names of this code")
    hashing = data["hashing"]
    buckets = int(hashing["buckets"])
    hash_weights = np.zeros(buckets, dtype=np.float64)
    for k, v in data["hash_weights"].items():
        hash_weights[int(k)] = float(v)
    return BoundaryModel(
        buckets=buckets,
        hash_weights=hash_weights,
        dense_weights=np.asarray(data["dense_weights"], dtype=np.float64),
        dense_mean=np.asarray(data["dense_mean"], dtype=np.float64),
        dense_scale=np.asarray(data["dense_scale"], dtype=np.float64),
        intercept=float(data["intercept"]),
        split_bias=float(data["change_point"]["bias"]),
        margin=float(data["change_point"]["margin"]),
        reference_delta=data["change_point"].get("reference_delta"),
        meta={k: data.get(k) for k in ("training_data", "licence_note", "metrics")},
    )


def load_model() -> BoundaryModel:
    """Load (once per process) the shipped weights."""
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                ref = resources.files("parley").joinpath("resources", RESOURCE_NAME)
                _MODEL = model_from_dict(json.loads(ref.read_text(encoding="utf-8")))
    return _MODEL


def comment_logits(paragraphs: list[str], model: BoundaryModel | None = None) -> list[float]:
    """Per-paragraph log-odds of being a reader comment."""
    if not paragraphs:
        return []
    return (model or load_model()).logits(paragraphs).tolist()


def comment_scores(paragraphs: list[str], model: BoundaryModel | None = None) -> list[float]:
    """Per-paragraph probability of being a reader comment."""
    logits = np.asarray(comment_logits(paragraphs, model), dtype=np.float64)
    return (1.0 / (1.0 + np.exp(-np.clip(logits, -40, 40)))).tolist()





def best_split(logits: list[float] | np.ndarray, min_index: int = 0, *, bias: float = 0.0) -> tuple[int, float]:
    """Return ``(s, score)`` maximising ``sum(logits[s:] - bias)`` over ``min_index <= s <= n``.

    ``s == n`` (empty suffix, score 0) means "no comments"; ties go to the later split.
    """
    arr = np.asarray(logits, dtype=np.float64) - bias
    n = len(arr)
    start = min(max(min_index, 0), n)
    best_s, best = n, 0.0
    running = 0.0
    for s in range(n - 1, start - 1, -1):
        running += arr[s]
        if running > best:
            best_s, best = s, running
    return best_s, best


def split_from_logits(
    logits: list[float] | np.ndarray,
    min_index: int,
    *,
    bias: float,
    margin: float,
    reference_delta: float | None,
    known_official: int = 0,
) -> int | None:
    """The change-point decision on precomputed logits (see :func:`find_discussion_start`).

    ``known_official`` paragraphs at the start are known to be official text; when there are at least
    three, the bias is lowered to ``median(their logits) + reference_delta`` if that is lower, i.e. the
    suffix only has to look clearly more comment-like than this document's own official text; once a
    discussion is accepted, its start is placed at the midpoint between the official level and the
    discussion's mean logit.
    """
    arr = np.asarray(logits, dtype=np.float64)
    n = len(arr)
    if n == 0 or min_index >= n:
        return None
    eff_bias = bias
    official_level = None
    if reference_delta is not None and known_official >= 3:
        official_level = float(np.median(arr[:known_official]))
        eff_bias = min(bias, official_level + reference_delta)
    s, score = best_split(arr, min_index, bias=eff_bias)
    if s >= n or score < margin:
        return None
    if official_level is not None:
        # locate the shift between the two levels (official text vs discussion) at their midpoint,
        # the classic two-level CUSUM estimate; the decision above is unchanged.
        midpoint = (official_level + float(arr[s:].mean())) / 2.0
        if midpoint < eff_bias:
            s = best_split(arr, min_index, bias=midpoint)[0]
    return s


def find_discussion_start(
    paragraphs: list[str],
    min_index: int = 0,
    *,
    margin: float | None = None,
    bias: float | None = None,
    model: BoundaryModel | None = None,
    logits: np.ndarray | None = None,
) -> int | None:
    """Index of the first reader-comment paragraph, or ``None`` when the text has no discussion.

    The split ``s`` (``s >= min_index``) maximises the summed ``logit - bias`` of the suffix
    ``paragraphs[s:]``; the suffix is accepted only when that sum reaches ``margin``. ``margin`` and
    ``bias`` default to the values tuned at training time (stored in the weights file).

    Context used on top of the per-paragraph scores:

    * ``min_index > 0`` means the caller knows ``paragraphs[:min_index]`` are official text;
    * ``logits`` (``BoundaryModel.logits(paragraphs)``) spares computing them again when asking twice;
    * with at least three known official paragraphs the bias is calibrated on them (``reference_delta``
      in the weights file), which lets a discussion without author/date headers be found after a formal
      text whose paragraphs score far below it.
    """
    if not paragraphs or min_index >= len(paragraphs):
        return None
    m = model or load_model()
    known = max(min_index, 0)
    return split_from_logits(
        m.logits(paragraphs) if logits is None else logits,
        known,
        bias=m.split_bias if bias is None else bias,
        margin=m.margin if margin is None else margin,
        reference_delta=m.reference_delta,
        known_official=known,
    )

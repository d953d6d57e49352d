"""The discussion stage: how the public reacted, comment by comment, and a summary of the thread.

For every ``comment`` segment a :class:`~parley.model.CommentAnalysis`:

* ``language``: the segment's (language stage), else detected here; a comment too short to tell is
  taken as the document's language, else English.
* ``urls`` / ``domains``: every URL as written and its registered domain (``links``), in any language.
* ``scores``: the trained models' calibrated probabilities (``scoring.score_comments``), raised to the
  floor of any pattern that fires (``patterns``: the max of the two), plus ``off_topic``
  (``offtopic``). Reported-and-condemned violence caps the model's ``threat`` at ``CONDEMNED_CAP``
  when the pattern layer found violent phrases in the comment and suppressed every one of them.
* ``flags``: every attribute whose score reaches its threshold (``scoring``'s ``DEFAULT_THRESHOLDS``
  when present, else 0.8, and 0.5 for off_topic; override with ``thresholds=``). Each flag has
  evidence with offsets into ``Document.text``: the pattern's match, and for a model score the
  comment's highest-scoring sentence for that attribute (sentences of flagged comments only, ranked
  by the lexical heads: no embedding); for off_topic the comment itself.
* ``stance``: toward the actors and countries the comment mentions (``stance``).

A non-English comment keeps its language and links, gets no scores, and the stage records a skip
(``doc.skipped``: stage "discussion", the segment id and the language). When the trained models are
not installed the scores come from the pattern layer alone and a skip says so once per document.

Batching and the cascade: ``pipe(docs)`` runs the scorers' lexical first pass over the comments of all
documents at once (``scoring.LexicalPass``). Only the comments it cannot settle, and the official
sentences, are embedded whole (MiniLM costs in proportion to the word pieces embedded); of a settled
comment only the first ``HEAD_TOKENS`` word pieces are embedded, for off-topic and topics, and its first
``BAND_TOKENS`` too when its off-topic probability from the head falls in ``OFF_TOPIC_BAND`` (near the
threshold the head alone can tip the decision). Then all comments are scored in one call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from ..config import Settings
from ..model import COMMENT_SCORES, CommentAnalysis, Discussion, Document, Evidence, Segment, Skip
from ..pipeline import stage
from . import links as _links
from . import offtopic, patterns, stance, summary

ATTRIBUTES = tuple(s for s in COMMENT_SCORES if s != "off_topic")  # the trained models' (as scoring.ATTRIBUTES)
FALLBACK_THRESHOLDS = {**dict.fromkeys(ATTRIBUTES, 0.8), "off_topic": 0.5}
CONDEMNED_CAP = 0.3
MAX_REFERENCE_SENTENCES = 300  # official sentences compared with each comment (long transcripts are cut)


def default_thresholds() -> dict[str, float]:
    """The scoring module's thresholds where it defines them, ours otherwise."""
    merged = dict(FALLBACK_THRESHOLDS)
    try:
        from .thresholds import DEFAULT_THRESHOLDS
    except ImportError:
        return merged
    merged.update({k: float(v) for k, v in DEFAULT_THRESHOLDS.items()})
    return merged


def lexical_pass(texts: list[str]):
    """The scorers' cheap first pass (``scoring.LexicalPass``), or None when the models are unavailable."""
    if not texts:
        return None
    try:
        from .scoring import LexicalPass

        return LexicalPass(texts)
    except (ImportError, RuntimeError):
        return None


def model_scores(texts: list[str], embeddings: np.ndarray | None,
                 lexical=None) -> tuple[list[dict[str, float]] | None, str]:
    """The one call into the trained models: (scores per text, "") or (None, why they are unavailable)."""
    if not texts:
        return [], ""
    try:
        from .scoring import score_comments

        return score_comments(texts, embeddings=embeddings, lexical=lexical), ""
    except (ImportError, RuntimeError) as exc:  # module not installed or weights missing (WeightsMissing)
        return None, f"{type(exc).__name__}: {exc}"


def lexical_sentence_scores(texts: list[str]) -> list[dict[str, float]] | None:
    """The lexical heads' scores of sentences (ranking evidence needs no embedding), if available."""
    try:
        from .scoring import lexical_scores

        return lexical_scores(texts)
    except (ImportError, RuntimeError):
        return None


def unrelated_probabilities(texts: list[str], sentences: list[str], embeddings: np.ndarray,
                            sentence_embeddings: np.ndarray) -> list[float] | None:
    """The ARC stance model's ``unrelated`` probability of each comment toward the official sentences."""
    if not texts or not sentences:
        return None
    try:
        from .scoring import stance_to_text

        return [row["unrelated"] for row in stance_to_text(texts, sentences, comment_embeddings=embeddings,
                                                           reference_embeddings=sentence_embeddings)]
    except (ImportError, RuntimeError):
        return None


@dataclass
class _Comment:
    segment: Segment
    text: str
    language: str | None
    links: list[_links.Link]
    english: bool
    row: int = -1  # row of its embedding / model scores in the batch
    words: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    doc: Document
    comments: list[_Comment]
    reference: list[tuple[int, int]]  # official sentences as absolute spans
    reference_rows: list[int] = field(default_factory=list)
    off_topic: np.ndarray | None = None
    parts: tuple[np.ndarray, np.ndarray | None] | None = None  # relatedness and ARC "unrelated" per comment


#: padded word pieces per ONNX call: 512 measured ~10% faster than 2048 on one core (smaller working set)
#: and bounds memory on long comments (32 x 256 tokens took 1.6 GB)
EMBED_BATCH_TOKENS = 512
#: word pieces embedded of a comment the lexical first pass settles (its head is enough for most off-topic
#: decisions and for topics) ...
HEAD_TOKENS = 16
#: ... unless its off-topic probability from the head lies in this band: then more of the comment is embedded
#: and off-topic is decided on that (near the threshold the head alone moves the decision either way) ...
OFF_TOPIC_BAND = (0.08, 0.92)
#: ... and then only its first ``BAND_TOKENS`` word pieces: on the ARC test pairs as good as the whole
#: comment (AUC 0.906 against 0.908, F1 0.944 against 0.945) for ~7% fewer word pieces embedded in all
#: (bench/discussion_throughput.py); 64 pieces cost more (0.903 / 0.941) and tip borderline comments
BAND_TOKENS = 96


class DiscussionStage:
    """Per-comment toxicity, threat, identity attack, conspiracy, off-topic, stance and links; a thread summary."""

    def __init__(self, settings: Settings | None = None, thresholds: dict[str, float] | None = None,
                 max_embed_chars: int | None = None):
        """``thresholds`` override the defaults per attribute; ``max_embed_chars`` embeds only the start of
        long comments (faster; the models were trained on whole comments, so scores shift: measure first)."""
        self.settings = settings or Settings()
        self.thresholds = default_thresholds() | dict(thresholds or {})
        self.max_embed_chars = max_embed_chars

    def __call__(self, doc: Document) -> Document:
        list(self.pipe([doc]))
        return doc

    # -- batch -------------------------------------------------------------------------------------------
    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        plans = [self._plan(doc) for doc in docs]
        texts: list[str] = []
        for plan in plans:
            for c in plan.comments:
                if c.english:
                    c.row = len(texts)
                    texts.append(c.text)
        n_comments = len(texts)
        for plan in plans:
            for s, e in plan.reference:
                plan.reference_rows.append(len(texts))
                texts.append(plan.doc.text[s:e])
        # the cascade: the lexical first pass settles most comments; only the others need the whole
        # comment embedded for the full models. A settled comment's head is embedded for off-topic and topics.
        first = lexical_pass(texts[:n_comments])
        full = [i for i in range(len(texts)) if i >= n_comments or first is None or first.uncertain[i]]
        head = [i for i in range(n_comments) if first is not None and not first.uncertain[i]]
        vectors = np.zeros((len(texts), 384), dtype=np.float32)
        if texts:
            from ..embed import embed

            cut = self.max_embed_chars
            if full:
                vectors[full] = embed([texts[i][:cut] if cut and i < n_comments else texts[i] for i in full],
                                      batch_tokens=EMBED_BATCH_TOKENS)
            if head:
                vectors[head] = embed([texts[i] for i in head], max_tokens=HEAD_TOKENS, batch_tokens=EMBED_BATCH_TOKENS)
        if head:  # off-topic near its threshold: embed the whole comment and decide again
            cut = self.max_embed_chars
            for plan in plans:
                plan.off_topic = self._off_topic(plan, [c for c in plan.comments if c.english], vectors)
            low, high = OFF_TOPIC_BAND
            settled = set(head)
            again = [c.row for plan in plans for c, p in zip([c for c in plan.comments if c.english],
                                                             plan.off_topic, strict=True)
                     if c.row in settled and low <= p <= high]
            if again:
                from ..embed import embed

                vectors[again] = embed([texts[i][:cut] if cut else texts[i] for i in again],
                                       max_tokens=BAND_TOKENS, batch_tokens=EMBED_BATCH_TOKENS)
                changed = set(again)
                for plan in plans:
                    english = [c for c in plan.comments if c.english]
                    redo = [k for k, c in enumerate(english) if c.row in changed]
                    if redo:
                        plan.off_topic = self._off_topic(plan, english, vectors, redo)
        scores, why = model_scores(texts[:n_comments], vectors[:n_comments] if n_comments else None, first)
        for plan in plans:
            self._analyse(plan, vectors, scores, why)
        yield from (plan.doc for plan in plans)

    def _plan(self, doc: Document) -> _Plan:
        comments = []
        for seg in doc.segments_of("comment"):
            text = doc.segment_text(seg)
            language = seg.language or _detect(text) or doc.language or "en"
            english = language == "en"
            comments.append(_Comment(seg, text, language, _links.find_links(text, seg.start), english,
                                     words=offtopic.content_words(text) if english else []))
        reference = []
        for seg in doc.segments if any(c.english for c in comments) else []:  # no comments: nothing to compare
            if seg.kind in ("statement", "question", "answer"):
                for s, e in patterns.sentences(doc.segment_text(seg)):
                    if len(doc.text[seg.start + s:seg.start + e].split()) >= 4:
                        reference.append((seg.start + s, seg.start + e))
        if len(reference) > MAX_REFERENCE_SENTENCES:  # keep an even spread over the whole text
            step = len(reference) / MAX_REFERENCE_SENTENCES
            reference = [reference[int(i * step)] for i in range(MAX_REFERENCE_SENTENCES)]
        return _Plan(doc, comments, reference)

    # -- one document --------------------------------------------------------------------------------------
    def _analyse(self, plan: _Plan, vectors: np.ndarray, scores: list[dict] | None, why: str) -> None:
        doc = plan.doc
        english = [c for c in plan.comments if c.english]
        if english and scores is None:
            doc.skipped.append(Skip("discussion", f"toxicity models unavailable ({why}); scores come from the "
                                                  "pattern layer only", "model"))
        off = plan.off_topic if plan.off_topic is not None else self._off_topic(plan, english, vectors)
        hits = patterns.scan_thread([c.text for c in english])
        speaker = stance.main_speaker(doc)
        results: list[CommentAnalysis] = []
        pending: list[tuple[CommentAnalysis, _Comment, str]] = []  # model flags still needing a sentence
        by_segment = {c.segment.id: (c, h, p) for c, h, p in zip(english, hits, off, strict=True)}
        for comment in plan.comments:
            analysis = CommentAnalysis(segment=comment.segment.id, language=comment.language,
                                       urls=[link.url for link in comment.links],
                                       domains=list(dict.fromkeys(lk.domain for lk in comment.links if lk.domain)))
            results.append(analysis)
            if not comment.english:
                doc.skipped.append(Skip("discussion", f"comment {comment.segment.id}: language {comment.language!r} "
                                                      "not supported by the English-only models; language and "
                                                      "links kept", "language", comment.segment.id))
                continue
            _, comment_hits, p_off = by_segment[comment.segment.id]
            model = scores[comment.row] if scores is not None else dict.fromkeys(ATTRIBUTES, 0.0)
            pending += self._score(analysis, comment, model, comment_hits, float(p_off))
            analysis.stance = stance.comment_stance(doc, comment.segment, speaker)
        self._sentence_evidence(pending)
        for analysis in results:
            analysis.evidence.sort(key=lambda e: (e.start, e.end, e.flag))
        texts = {c.segment.id: c.text for c in plan.comments}
        vecs = {c.segment.id: vectors[c.row] for c in english}
        doc.discussion = Discussion(comments=results, summary=summary.summarise(results, texts, vecs))

    def _off_topic(self, plan: _Plan, english: list[_Comment], vectors: np.ndarray,
                   redo: list[int] | None = None) -> np.ndarray:
        """Off-topic probabilities of ``english``; ``redo``: only these comments' vectors changed since the
        last call (their relatedness and ARC ``unrelated`` are recomputed, the others' are kept)."""
        if not english:
            return np.zeros(0)
        doc = plan.doc
        words = [c.words for c in english]
        if not plan.reference:  # relatedness to the rest of the thread: every comment depends on every other
            r = offtopic.thread_relatedness(vectors[[c.row for c in english]], words,
                                            _names_speaker(doc, [c.text for c in english]))
            return offtopic.off_topic_probability(r, words, len(english) - 1, None)
        keep = redo is not None and plan.parts is not None
        which = redo if keep else list(range(len(english)))
        subset = [english[k] for k in which]
        cvecs = vectors[[c.row for c in subset]]
        sentences = [doc.text[s:e] for s, e in plan.reference]
        r = offtopic.relatedness(cvecs, vectors[plan.reference_rows], [c.words for c in subset],
                                 set(offtopic.content_words(" ".join(sentences))),
                                 _names_speaker(doc, [c.text for c in subset]))
        unrelated = unrelated_probabilities([c.text for c in subset], sentences, cvecs, vectors[plan.reference_rows])
        if keep:  # the kept comments' parts, the redone ones' replaced
            old_r, old_unrelated = plan.parts
            r = _replaced(old_r, which, r)
            unrelated = None if old_unrelated is None or unrelated is None else _replaced(old_unrelated, which,
                                                                                         unrelated)
        plan.parts = (r, unrelated)
        return offtopic.off_topic_probability(r, words, len(plan.reference), unrelated)

    def _score(self, analysis: CommentAnalysis, comment: _Comment, model: dict[str, float],
               hits: list[patterns.Hit], p_off: float) -> list[tuple[CommentAnalysis, _Comment, str]]:
        """Fill scores, flags and pattern evidence; return the model flags that still need a sentence."""
        start = comment.segment.start
        scores = {a: float(model.get(a, 0.0)) for a in ATTRIBUTES}
        live = [h for h in hits if not h.suppressed]
        violent = [h for h in hits if h.attribute == "threat"]
        if violent and all(h.suppressed for h in violent):
            scores["threat"] = min(scores["threat"], CONDEMNED_CAP)
        raised_by_pattern: dict[str, list[patterns.Hit]] = {}
        for hit in live:
            if hit.floor >= scores.get(hit.attribute, 0.0):
                scores[hit.attribute] = hit.floor
            raised_by_pattern.setdefault(hit.attribute, []).append(hit)
        scores["off_topic"] = p_off
        analysis.scores = {k: round(v, 4) for k, v in scores.items()}
        pending = []
        for attribute in (*ATTRIBUTES, "off_topic"):
            if analysis.scores[attribute] < self.thresholds.get(attribute, 0.8):
                continue
            analysis.flags.append(attribute)
            pattern_hits = raised_by_pattern.get(attribute, [])
            for hit in pattern_hits:
                evidence = Evidence(attribute, start + hit.start, start + hit.end)
                if evidence not in analysis.evidence:
                    analysis.evidence.append(evidence)
            if attribute == "off_topic":
                analysis.evidence.append(Evidence(attribute, comment.segment.start, comment.segment.end))
            elif model.get(attribute, 0.0) >= self.thresholds.get(attribute, 0.8) or not pattern_hits:
                pending.append((analysis, comment, attribute))
        return pending

    def _sentence_evidence(self, pending: list[tuple[CommentAnalysis, _Comment, str]]) -> None:
        """Evidence for model flags: the comment's sentence that scores highest for the attribute."""
        spans: dict[str, list[tuple[int, int]]] = {}
        for _, comment, _ in pending:
            spans.setdefault(comment.segment.id, patterns.sentences(comment.text))
        multi = [(cid, s) for cid, ss in spans.items() if len(ss) > 1 for s in ss]
        texts = {c.segment.id: c.text for _, c, _ in pending}
        sentence_scores: dict[tuple[str, tuple[int, int]], dict[str, float]] = {}
        if multi:
            scored = lexical_sentence_scores([texts[cid][s:e] for cid, (s, e) in multi])
            if scored is not None:
                sentence_scores = {key: row for key, row in zip(multi, scored, strict=True)}
        for analysis, comment, attribute in pending:
            cid = comment.segment.id
            options = spans[cid] or [(0, len(comment.text))]
            best = max(options, key=lambda s: (sentence_scores.get((cid, s), {}).get(attribute, 0.0), -s[0]))
            evidence = Evidence(attribute, comment.segment.start + best[0], comment.segment.start + best[1])
            if evidence not in analysis.evidence:
                analysis.evidence.append(evidence)


def _replaced(values, rows: list[int], new) -> np.ndarray:
    """A copy of ``values`` with ``rows`` set to ``new``."""
    out = np.array(values, dtype=float)
    out[rows] = new
    return out


def _detect(text: str) -> str | None:
    from ..stages.language import detect

    return detect(text)[0]


_SPEECH = re.compile(r"\b(?:the|this|his|her|that)\s+(?:speech|statement|remarks|press\s+conference|briefing|"
                     r"words|answers?)\b", re.IGNORECASE)


def _names_speaker(doc: Document, texts: list[str]) -> list[bool]:
    """Whether each comment names a speaker of the official text (by surname) or the speech itself."""
    names = {seg.speaker.name.split()[-1].lower() for seg in doc.segments
             if seg.kind != "comment" and seg.speaker and seg.speaker.name and seg.speaker.name.split()}
    return [any(name in text.lower() for name in names if len(name) > 2) or bool(_SPEECH.search(text))
            for text in texts]


stage("discussion", requires=("segments",), assigns=("discussion",))(DiscussionStage)
DiscussionStage.__doc__ = ("Per-comment toxicity, threat, identity attack, conspiracy, off-topic, stance toward "
                           "actors, links; a thread summary with topics.")

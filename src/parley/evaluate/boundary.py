"""Score the discussion-boundary finder against the Dragnet corrected gold text.

The data (``../shared/data/dragnet_data``, AGPLv3, read in place, never copied) holds
``dragnet_Corrected.tar.gz`` with ``Corrected/<id>.html.corrected.txt`` files plus ``training.txt``
/ ``test.txt`` id lists. When a page had reader comments, a line ``!@#$%^&*()  COMMENTS`` (a few
files have slightly different spacing/punctuation: 416 files have one) separates the article (before) from the
comments (after). Paragraphs are blocks of non-blank lines; the separator line is dropped.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TARBALL = "dragnet_Corrected.tar.gz"
#: tolerant of the variants found in the data (``@#$%^&*() COMMENTS``, ``!@ $%^&*()  COMMENTS``, tabs, ...).
SEPARATOR = re.compile(r"^\s*[!@#$%^&*()][!@#$%^&*()\s]{3,}COMMENTS\s*$")

Finder = Callable[[list[str], int], "int | None"]


@dataclass(frozen=True)
class LabelledDocument:
    doc_id: str
    paragraphs: list[str]
    #: index of the first comment paragraph; ``None`` when the page has no comments.
    comment_start: int | None

    @property
    def labels(self) -> list[int]:
        start = len(self.paragraphs) if self.comment_start is None else self.comment_start
        return [int(i >= start) for i in range(len(self.paragraphs))]


def decode_text(data: bytes) -> str:
    """Gold text bytes as text, decoded the way parley's reader decodes them."""
    from ..errors import ParleyError
    from ..readers.text import decode

    try:
        return decode(data, "dragnet")[0]
    except ParleyError:  # one file is UTF-16 without a mark and mostly NULs: keep it scorable
        return data.decode("cp1252", errors="replace")


def split_labelled(text: str) -> tuple[list[str], int | None]:
    """Split ``text`` into paragraphs (blocks of non-blank lines) and locate the comment separator."""
    paragraphs: list[str] = []
    block: list[str] = []
    start: int | None = None

    def flush() -> None:
        if block:
            paragraphs.append("\n".join(block))
            block.clear()

    for line in text.splitlines():
        if start is None and SEPARATOR.match(line):
            flush()
            start = len(paragraphs)
        elif line.strip():
            block.append(line.rstrip())
        else:
            flush()
    flush()
    if start is not None and start >= len(paragraphs):
        start = None  # separator with nothing after it
    return paragraphs, start


def read_split_ids(data_dir: Path, split: str) -> list[str]:
    name = {"train": "training.txt", "training": "training.txt", "test": "test.txt"}[split]
    return [x.strip() for x in (Path(data_dir) / name).read_text(encoding="utf-8").split() if x.strip()]


def load_dragnet(data_dir: Path, split: str = "test", limit: int | None = None) -> list[LabelledDocument]:
    """Documents of ``split`` in id-list order (first ``limit`` ids), read straight from the tarball."""
    ids = read_split_ids(data_dir, split)
    if limit is not None:
        ids = ids[:limit]
    wanted = {f"Corrected/{i}.html.corrected.txt": i for i in ids}
    texts: dict[str, str] = {}
    with tarfile.open(Path(data_dir) / TARBALL, "r:gz") as tar:
        for member in tar:
            doc_id = wanted.get(member.name)
            if doc_id is None or not member.isfile():
                continue
            handle = tar.extractfile(member)
            if handle is not None:
                texts[doc_id] = decode_text(handle.read())
    docs = []
    for doc_id in ids:
        if doc_id not in texts:
            continue
        paragraphs, start = split_labelled(texts[doc_id])
        if paragraphs:
            docs.append(LabelledDocument(doc_id, paragraphs, start))
    return docs


def _ratio(num: float, den: float) -> float:
    return round(num / den, 4) if den else 0.0


def score_predictions(docs: list[LabelledDocument], predictions: list[int | None]) -> dict:
    """Paragraph, character and document level figures for predicted discussion starts."""
    tp = fp = fn = 0
    comment_chars = comment_found = main_chars = main_wrong = 0
    doc_correct = 0
    for doc, pred in zip(docs, predictions, strict=True):
        n = len(doc.paragraphs)
        p_start = n if pred is None else pred
        doc_correct += (pred is not None) == (doc.comment_start is not None)
        for i, (para, gold) in enumerate(zip(doc.paragraphs, doc.labels, strict=True)):
            predicted = i >= p_start
            size = len(para)
            if gold:
                comment_chars += size
                if predicted:
                    tp += 1
                    comment_found += size
                else:
                    fn += 1
            else:
                main_chars += size
                if predicted:
                    fp += 1
                    main_wrong += size
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return {
        "paragraph_precision": precision,
        "paragraph_recall": recall,
        "paragraph_f1": f1,
        "char_recall": _ratio(comment_found, comment_chars),
        "comment_leakage_into_main": _ratio(comment_chars - comment_found, comment_chars),
        "main_into_comments": _ratio(main_wrong, main_chars),
        "doc_accuracy": _ratio(doc_correct, len(docs)),
    }


def score_dragnet(
    data_dir: Path,
    split: str = "test",
    limit: int | None = None,
    finder: Finder | None = None,
) -> dict:
    """Run ``find_discussion_start(paragraphs, 0)`` over a Dragnet split and score it.

    Returns a flat, print-friendly dict with the model's figures, the same figures for the trivial
    baseline "no comments ever" (``baseline``), and the document counts.
    """
    if finder is None:
        from parley.structure.boundary import find_discussion_start

        finder = find_discussion_start
    docs = load_dragnet(Path(data_dir), split, limit)
    predictions = [finder(doc.paragraphs, 0) for doc in docs]
    n_par = sum(len(d.paragraphs) for d in docs)
    n_comment_par = sum(sum(d.labels) for d in docs)
    return {
        "split": split,
        "documents": len(docs),
        "documents_with_comments": sum(d.comment_start is not None for d in docs),
        "paragraphs": n_par,
        "comment_paragraphs": n_comment_par,
        "model": score_predictions(docs, predictions),
        "baseline_no_comments": score_predictions(docs, [None] * len(docs)),
    }


if __name__ == "__main__":  # pragma: no cover - manual use
    import json
    import sys

    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data/dragnet_data")
    print(json.dumps(score_dragnet(root, sys.argv[2] if len(sys.argv) > 2 else "test"), indent=2))

"""``parley eval structure``: the structure stage end to end, on four kinds of gold.

1. HTML pages with reader comments (``trafilatura_eval``): recall of gold comment snippets in
   parley's comment segments and leakage of them into the main text, side by side with trafilatura's
   own ``include_comments`` run on the same pages.
2. Plain text, an article followed by its comments (``dragnet_data`` test split): where the
   discussion begins, against the trivial "no comments" baseline.
3. Official transcripts and speeches with no comments at all (``wh_briefings``, ``ungdc``): how many
   are wrongly given a discussion, and whether every ``Q`` turn becomes one question segment.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..errors import ParleyError
from ..model import Document
from ..pipeline import Pipeline
from ..readers import from_bytes, from_text
from . import EvalResult, Section

_Q_TURN = re.compile(r"^[ \t\u00a0]*Q(?:[ \t\u00a0]+|[ \t]*:)", re.MULTILINE)


@functools.cache
def _structure() -> Pipeline:
    """One structure-only pipeline per process, shared by every scored document."""
    return Pipeline(["structure"])


def parley_page_predict(html: str, url: str | None) -> tuple[str, list[str]]:
    """Main text and comments as parley's HTML reader and structure stage give them."""
    try:
        doc = _structure()(from_bytes(html.encode("utf-8"), source=url, fmt="html"))
    except Exception:  # an unreadable page predicts nothing, as an empty extraction would
        return "", []
    comments = [doc.segment_text(s) for s in doc.segments if s.kind == "comment"]
    main = "\n".join(doc.segment_text(s) for s in doc.segments if s.kind != "comment")
    return main, comments


def plain_text_finder(paragraphs: list[str], _min_index: int = 0) -> int | None:
    """The index of the first paragraph the structure stage puts in a comment, or None."""
    text = "\n\n".join(paragraphs)
    try:
        doc = _structure()(from_text(text))
    except ParleyError:  # unreadable (e.g. binary): predicts no discussion, as the baseline does
        return None
    first = next((s.start for s in doc.segments if s.kind == "comment"), None)
    if first is None:
        return None
    offset = 0
    for index, paragraph in enumerate(paragraphs):
        if first < offset + len(paragraph):
            return index
        offset += len(paragraph) + 2
    return None


def evaluate_structure(data: Path, limit: int | None = None) -> EvalResult:
    result = EvalResult("structure")
    result.sections.append(html_section(data / "trafilatura_eval", limit))
    result.sections.append(dragnet_section(data / "dragnet_data", limit))
    result.sections.append(official_section(data, limit))
    return result


HTML_COLUMNS = {
    "comment_recall": "comment_recall", "comment_leakage": "comment_leakage", "main_recall": "main_recall",
    "main_in_comments_rate": "main_in_comments", "boilerplate_rate": "boilerplate_in_main",
    "pages_without_comments": "pages_no_comments", "pages": "pages", "seconds": "seconds",
}


def html_section(folder: Path, limit: int | None) -> Section:
    from .html_comments import score_pages, trafilatura_predict

    rows = {}
    for name, predict in (("parley", parley_page_predict), ("trafilatura", trafilatura_predict)):
        scores = score_pages(folder, predict, limit=limit)
        rows[name] = {column: scores[key] for key, column in HTML_COLUMNS.items()}
    return Section(
        "HTML pages with reader comments (trafilatura_eval)", rows,
        "comment_recall: gold comment snippets found in comment segments; comment_leakage: found in the "
        "main text instead (lower is better).",
    )


def dragnet_section(folder: Path, limit: int | None) -> Section:
    from .boundary import score_dragnet

    scores = score_dragnet(folder, "test", limit=limit, finder=plain_text_finder)
    keep = ("paragraph_precision", "paragraph_recall", "paragraph_f1", "char_recall",
            "comment_leakage_into_main", "main_into_comments", "doc_accuracy")
    rows = {
        "parley": {k: scores["model"][k] for k in keep},
        "no-comments baseline": {k: scores["baseline_no_comments"][k] for k in keep},
    }
    return Section(
        f"Plain text, article then comments (dragnet test split: {scores['documents']} documents, "
        f"{scores['documents_with_comments']} with comments)", rows,
        "char_recall: comment characters inside comment segments; main_into_comments: article characters "
        "wrongly put in comments.",
    )


def official_section(data: Path, limit: int | None) -> Section:
    rows = {}
    pipeline = _structure()
    from ..readers import read

    for name, folder, pattern in (("wh_briefings", data / "wh_briefings", "*/*.md"),
                                  ("ungdc", data / "ungdc" / "speeches", "*/*.txt")):
        paths = sorted(folder.glob(pattern))[:limit]
        with_comments = q_expected = q_found = q_docs_exact = 0
        for path in paths:
            doc: Document = pipeline(next(read([path])))
            with_comments += bool(doc.segments_of("comment"))
            expected = len(_Q_TURN.findall(path.read_text(encoding="utf-8", errors="replace")))
            found = len(doc.segments_of("question"))
            q_expected += expected
            q_found += min(found, expected)
            q_docs_exact += found == expected
        rows[name] = {
            "documents": len(paths), "wrongly_given_comments": with_comments,
            "q_turns": q_expected, "q_turn_recall": round(q_found / q_expected, 4) if q_expected else 1.0,
            "docs_q_exact": q_docs_exact,
        }
    return Section("Official texts with no comments (wh_briefings, ungdc)", rows,
                   "wrongly_given_comments should be 0; docs_q_exact: documents whose question segments "
                   "equal their Q turns.")

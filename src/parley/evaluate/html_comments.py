"""Score HTML main-text / reader-comment extraction against the trafilatura evaluation set.

The data set (``evaldata_with_comments.json`` + ``html/<file>.gz``, see ``SOURCE.md`` next to it)
annotates each page with snippet lists:

* ``with``: snippets that must appear in the main text,
* ``without``: boilerplate snippets that must not appear in the main text,
* ``comments``: snippets that belong to the reader comments.

A snippet "is found" in a text when its lower-cased, whitespace-normalised form is a substring of
the lower-cased, whitespace-normalised text. A predictor maps ``(html, url)`` to
``(main_text, [comment_text, ...])``; the comment texts are joined before matching, so a snippet
counts as found in the comments when it occurs in one of them.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

Predictor = Callable[[str, str | None], tuple[str, list[str]]]

_WS = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower-case ``text`` and collapse every whitespace run into one space."""
    return _WS.sub(" ", text).strip().lower()


def decode_html(data: bytes) -> str:
    """Raw HTML bytes as text, decoded the way parley's reader decodes them."""
    from ..errors import ParleyError
    from ..readers.text import declared_charset, decode

    try:
        return decode(data, "page", declared_charset(data))[0]
    except ParleyError:
        return data.decode("cp1252", errors="replace")


def load_pages(data_dir: Path, limit: int | None = None) -> list[tuple[str, dict]]:
    """Return ``(url, annotation)`` pairs sorted by URL, optionally only the first ``limit``."""
    with open(data_dir / "evaldata_with_comments.json", encoding="utf-8") as handle:
        annotations = json.load(handle)
    pages = sorted(annotations.items())
    return pages if limit is None else pages[:limit]


def read_page(data_dir: Path, file_name: str) -> str:
    """Read and decode ``html/<file_name>.gz`` from ``data_dir``."""
    with gzip.open(data_dir / "html" / f"{file_name}.gz", "rb") as handle:
        return decode_html(handle.read())


def _count(snippets: list[str], text: str) -> int:
    return sum(1 for snippet in snippets if normalise(snippet) and normalise(snippet) in text)


def _rate(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def score_pages(data_dir: Path, predict: Predictor, limit: int | None = None) -> dict:
    """Run ``predict`` over the evaluation pages in ``data_dir`` and return counts and rates.

    Keys: ``pages``, ``seconds``, ``comments_total``, ``comments_found`` / ``comment_recall``,
    ``comments_leaked`` / ``comment_leakage`` (comment snippets in the main text), ``with_total``,
    ``with_found`` / ``main_recall``, ``with_in_comments`` / ``main_in_comments_rate``,
    ``without_total``, ``without_in_main`` / ``boilerplate_rate``, ``pages_without_comments``,
    ``errors`` (pages whose prediction raised; they count as empty output) and ``per_page``
    (a list of small per-page dicts for inspection).
    """
    data_dir = Path(data_dir)
    counts = dict.fromkeys(
        (
            "comments_total",
            "comments_found",
            "comments_leaked",
            "with_total",
            "with_found",
            "with_in_comments",
            "without_total",
            "without_in_main",
            "pages_without_comments",
            "errors",
        ),
        0,
    )
    per_page = []
    started = time.perf_counter()
    pages = load_pages(data_dir, limit)
    for url, entry in pages:
        html = read_page(data_dir, entry["file"])
        try:
            main_text, comments = predict(html, url)
        except Exception:  # a failing page scores as empty output, and is counted
            main_text, comments = "", []
            counts["errors"] += 1
        main_norm = normalise(main_text or "")
        comments_norm = normalise("\n".join(comments or []))
        page = {
            "url": url,
            "comments": len(entry["comments"]),
            "found": _count(entry["comments"], comments_norm),
            "leaked": _count(entry["comments"], main_norm),
            "with": len(entry["with"]),
            "with_found": _count(entry["with"], main_norm),
            "with_in_comments": _count(entry["with"], comments_norm),
            "without_in_main": _count(entry["without"], main_norm),
            "predicted_comments": len(comments or []),
        }
        per_page.append(page)
        counts["comments_total"] += page["comments"]
        counts["comments_found"] += page["found"]
        counts["comments_leaked"] += page["leaked"]
        counts["with_total"] += page["with"]
        counts["with_found"] += page["with_found"]
        counts["with_in_comments"] += page["with_in_comments"]
        counts["without_total"] += len(entry["without"])
        counts["without_in_main"] += page["without_in_main"]
        counts["pages_without_comments"] += 0 if comments_norm else 1
    result: dict = {"pages": len(pages), "seconds": round(time.perf_counter() - started, 2), **counts}
    result["comment_recall"] = _rate(counts["comments_found"], counts["comments_total"])
    result["comment_leakage"] = _rate(counts["comments_leaked"], counts["comments_total"])
    result["main_recall"] = _rate(counts["with_found"], counts["with_total"])
    result["main_in_comments_rate"] = _rate(counts["with_in_comments"], counts["with_total"])
    result["boilerplate_rate"] = _rate(counts["without_in_main"], counts["without_total"])
    result["per_page"] = per_page
    return result


def trafilatura_predict(html: str, url: str | None) -> tuple[str, list[str]]:
    """Trafilatura's own answer: ``bare_extraction(include_comments=True)`` text and comment blob."""
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, include_comments=True)
    if document is None:
        return "", []
    comments = document.comments or ""
    return document.text or "", [comments] if comments else []


def parley_html_predict(html: str, url: str | None) -> tuple[str, list[str]]:
    """Parley's answer: :func:`parley.readers.html_extract.extract_html` main text and comment texts."""
    from parley.readers.html_extract import extract_html

    try:
        extraction = extract_html(html, url)
    except ValueError:
        return "", []
    return extraction.main_text, [comment.text for comment in extraction.comments]


def summary_line(name: str, result: dict) -> str:
    """One human-readable line with the headline figures of ``result``."""
    return (
        f"{name}: comments {result['comments_found']}/{result['comments_total']} "
        f"({result['comment_recall']:.0%}), leaked {result['comments_leaked']} "
        f"({result['comment_leakage']:.0%}), main {result['with_found']}/{result['with_total']} "
        f"({result['main_recall']:.0%}), main-in-comments {result['with_in_comments']}, "
        f"boilerplate {result['without_in_main']}/{result['without_total']} "
        f"({result['boilerplate_rate']:.0%}), pages w/o comments {result['pages_without_comments']}, "
        f"errors {result['errors']}, {result['seconds']}s"
    )


if __name__ == "__main__":  # pragma: no cover - manual entry point
    import sys

    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data/trafilatura_eval")
    for label, function in (("trafilatura", trafilatura_predict), ("parley", parley_html_predict)):
        print(summary_line(label, score_pages(directory, function)))

"""The Python API behind the CLI: read, analyse, stream."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import Settings
from .errors import UsageError, error_class
from .model import Document
from .pipeline import Pipeline
from .readers import from_text, read

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

__all__ = ["analyze", "analyze_all", "read"]


def check_date(date: str | None) -> str | None:
    if date is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(date).isoformat() if _DATE.fullmatch(date) else _bad_date(date)
    except ValueError:
        return _bad_date(date)


def _bad_date(date: str):
    raise UsageError(f"date {date!r} is not a calendar date in the form YYYY-MM-DD")


def _looks_like_path(value: str | Path) -> bool:
    if isinstance(value, Path):
        return True
    return "\n" not in value and len(value) < 4096 and Path(value).exists()


def analyze(text_or_path: str | Path, date: str | None = None, *, stages: Iterable[str] | None = None,
            settings: Settings | None = None, fmt: str = "text") -> Document:
    """Analyse one document: a path to a file, or the text itself (``fmt``: text, markdown, html).

    Raises the read error when the document cannot be read, rather than returning a stub.
    """
    settings = settings or Settings()
    date = check_date(date)
    if _looks_like_path(text_or_path):
        docs = list(read([text_or_path], settings))
        if len(docs) != 1:
            raise UsageError(f"{text_or_path} holds {len(docs)} documents; use parley.analyze_all for it")
        doc = docs[0]
    else:
        doc = from_text(str(text_or_path), fmt=fmt, settings=settings)
    if not doc.readable:
        skip = doc.skipped[0]
        raise error_class(skip.code)(skip.reason)
    if date:
        doc.date = date
    return Pipeline(stages, settings)(doc)


def analyze_all(inputs: Iterable[str | Path], *, date: str | None = None, stages: Iterable[str] | None = None,
                settings: Settings | None = None, on_ignored=None) -> Iterator[Document]:
    """Stream the analysis of many inputs (files, folders, ``-``). Unreadable inputs come out as stub
    documents whose ``skipped`` says why; nothing is dropped."""
    settings = settings or Settings()
    date = check_date(date)
    pipeline = Pipeline(stages, settings)

    def dated(docs: Iterator[Document]) -> Iterator[Document]:
        for doc in docs:
            if date and doc.readable:
                doc.date = date
            yield doc

    return pipeline.pipe(dated(read(inputs, settings, on_ignored)))


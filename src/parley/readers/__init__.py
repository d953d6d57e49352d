"""Readers: plain text, Markdown, HTML, JSONL and folders of them, to ``Document``s.

``read(inputs)`` streams documents. An input that cannot be read becomes a *stub* document: empty
text and a ``skipped`` entry with stage ``read``, the reason and its error code, so a batch run goes on
and nothing is lost silently. Every size is bounded by ``Settings.max_bytes`` /
``Settings.max_line_bytes``: larger inputs are refused before they are loaded.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..errors import InputNotFound, InputTooLarge, ParleyError
from ..model import Document, Skip
from .markdown import front_matter_fields, reflow, split_front_matter
from .text import declared_charset, read_text

FORMATS = ("text", "markdown", "html", "jsonl")
_SUFFIX_FORMAT = {
    ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<div|<p[ >]|<article)", re.IGNORECASE)


def stub(source: str, error: ParleyError) -> Document:
    """A document that could not be read: no text, and the reason why."""
    return Document(text="", source=source, skipped=[Skip("read", error.message, error.code)])


def guess_format(source: str, head: bytes = b"") -> str:
    suffix = Path(source).suffix.lower()
    if suffix in _SUFFIX_FORMAT:
        return _SUFFIX_FORMAT[suffix]
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return "jsonl"
    if _HTML_SNIFF.match(head):
        return "html"
    if stripped.startswith(b"---\n") or stripped.startswith(b"---\r\n"):
        return "markdown"
    return "text"


def from_text(text: str, *, source: str | None = None, fmt: str = "text", date: str | None = None,
              title: str | None = None, language: str | None = None, settings: Settings | None = None,
              meta: dict | None = None) -> Document:
    """A document from text already in memory (``fmt``: text, markdown or html)."""
    return from_bytes(text.encode("utf-8"), source=source, fmt=fmt, date=date, title=title,
                      language=language, settings=settings, meta=meta)


def from_bytes(data: bytes, *, source: str | None = None, fmt: str = "text", date: str | None = None,
               title: str | None = None, language: str | None = None, settings: Settings | None = None,
               meta: dict | None = None) -> Document:
    """Decode and parse one document. Raises a ParleyError when it cannot be read."""
    settings = settings or Settings()
    name = source or "<text>"
    if len(data) > settings.max_bytes:
        raise InputTooLarge(f"{name}: {len(data):,} bytes is over the limit of {settings.max_bytes:,}")
    text, encoding = read_text(data, name, declared_charset(data) if fmt == "html" else None)
    fields: dict = {"source": source}
    info = {"format": fmt, "encoding": encoding, **(meta or {})}
    warnings: list[str] = []
    segments = []
    if fmt == "markdown":
        front, body, warnings = split_front_matter(text)
        fields.update(front_matter_fields(front))
        text = reflow(body)
    elif fmt == "html":
        from .html import parse_html

        text, html_fields, segments = parse_html(text, url=source, settings=settings)
        fields.update({k: v for k, v in html_fields.items() if v})
    if not text.strip():
        from ..errors import EmptyInput

        raise EmptyInput(f"{name}: no text is left once {fmt} markup is removed")
    for key, value in (("date", date), ("title", title), ("language", language)):
        if value:
            fields[key] = value
    if warnings:
        info["warnings"] = warnings
    doc = Document(text=text, **fields, meta=info)
    doc.segments = segments
    return doc


def read_file(path: Path, settings: Settings) -> Iterator[Document]:
    """The documents in one file (one, or one per line for JSONL)."""
    source = str(path)
    try:
        if not path.exists():
            raise InputNotFound(f"{source}: no such file or folder")
        with path.open("rb") as handle:
            head = handle.read(4096)
        fmt = guess_format(source, head)
        if fmt == "jsonl":
            from .jsonl import read_jsonl

            yield from read_jsonl(path, settings)
            return
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise InputTooLarge(f"{source}: {size:,} bytes is over the limit of {settings.max_bytes:,}")
        yield from_bytes(path.read_bytes(), source=source, fmt=fmt, settings=settings)
    except ParleyError as exc:
        yield stub(source, exc)
    except OSError as exc:
        yield stub(source, InputNotFound(f"{source}: cannot be read: {exc.strerror or exc}"))


def read_stdin(settings: Settings, stream=None) -> Iterator[Document]:
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(settings.max_bytes + 1)
    try:
        if len(data) > settings.max_bytes:
            raise InputTooLarge(f"<stdin>: more than the limit of {settings.max_bytes:,} bytes")
        fmt = guess_format("<stdin>", data[:4096])
        if fmt == "jsonl":
            from .jsonl import read_jsonl_lines

            yield from read_jsonl_lines(iter(data.splitlines(keepends=True)), "<stdin>", settings)
            return
        yield from_bytes(data, source="<stdin>", fmt=fmt, settings=settings)
    except ParleyError as exc:
        yield stub("<stdin>", exc)


def iter_folder(folder: Path, settings: Settings, on_ignored: Callable[[Path], None] | None = None):
    """Files below ``folder`` with a known suffix, sorted, hidden files and folders left out."""
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts) or not path.is_file():
            continue
        if path.suffix.lower() in settings.suffix_set:
            yield path
        elif on_ignored is not None:
            on_ignored(path)


def read(inputs: Iterable[str | Path], settings: Settings | None = None,
         on_ignored: Callable[[Path], None] | None = None) -> Iterator[Document]:
    """Stream documents from paths (files or folders) and ``-`` for standard input."""
    settings = settings or Settings()
    for item in inputs:
        if str(item) == "-":
            yield from read_stdin(settings)
            continue
        path = Path(item)
        if path.is_dir():
            for file in iter_folder(path, settings, on_ignored):
                yield from read_file(file, settings)
        else:
            yield from read_file(path, settings)

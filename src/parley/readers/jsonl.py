"""JSONL corpora: one document per line.

Each line is an object with ``text`` or ``html`` and optionally ``id``, ``date``, ``title``, ``url``,
``lang``. A broken line becomes a stub document naming the line number and the reason; the rest of the
file is still read. Lines are read with a bounded buffer, so a huge line never sits in memory whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..errors import InputTooLarge, MalformedInput, ParleyError
from ..model import Document

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _bounded_lines(path: Path, limit: int) -> Iterator[bytes | None]:
    """Lines of ``path``; ``None`` in place of a line longer than ``limit`` (which is skipped)."""
    with path.open("rb") as handle:
        while True:
            line = handle.readline(limit + 1)
            if not line:
                return
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield None
                continue
            yield line


def read_jsonl(path: Path, settings: Settings) -> Iterator[Document]:
    yield from read_jsonl_lines(_bounded_lines(path, settings.max_line_bytes), str(path), settings)


def read_jsonl_lines(lines: Iterable[bytes | None], source: str, settings: Settings) -> Iterator[Document]:
    from . import from_bytes, stub

    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if line is not None and not line.strip():
            continue
        try:
            if line is None or len(line) > settings.max_line_bytes:
                raise InputTooLarge(f"{where}: the line is over the limit of {settings.max_line_bytes:,} bytes")
            record = _parse(line, where)
            body, fmt = (record["html"], "html") if "html" in record else (record["text"], "text")
            date = record.get("date")
            meta = {"line": number}
            if record.get("id") is not None:
                meta["record_id"] = str(record["id"])
            if date is not None and not (isinstance(date, str) and _DATE.match(date)):
                meta["warnings"] = [f"date {date!r} is not YYYY-MM-DD and was ignored"]
                date = None
            doc = from_bytes(
                body.encode("utf-8", errors="replace"), source=record.get("url") or where, fmt=fmt,
                date=date[:10] if date else None, title=record.get("title"), language=record.get("lang"),
                settings=settings, meta=meta,
            )
            yield doc
        except ParleyError as exc:
            yield stub(where, exc)


def _parse(line: bytes, where: str) -> dict:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise MalformedInput(f"{where}: not valid JSON ({exc})") from exc
    if not isinstance(record, dict):
        raise MalformedInput(f"{where}: expected a JSON object, got {type(record).__name__}")
    if not isinstance(record.get("text", record.get("html")), str):
        raise MalformedInput(f"{where}: the record needs a string field `text` or `html`")
    for key in ("title", "url", "lang"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise MalformedInput(f"{where}: field `{key}` must be a string")
    return record

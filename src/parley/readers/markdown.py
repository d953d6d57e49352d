"""Markdown transcripts with YAML front matter (the White House briefing-room mirror's format).

Front matter becomes ``date``, ``title`` and ``source``, not text. The body is reflowed: hard-wrapped
lines of one paragraph are joined with a space, paragraphs are separated by a blank line, and a line
that opens a speaker turn always starts a new paragraph. Markdown escapes (``\\[``) are undone.
"""

from __future__ import annotations

import datetime as dt
import re

from ..structure.labels import starts_turn
from .text import normalize

_FRONT = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_HEADING = re.compile(r"^#{1,6}\s+")
_SPACES = re.compile(r" {2,}")


def split_front_matter(text: str) -> tuple[dict, str, list[str]]:
    """(metadata, body, warnings). Broken front matter is kept as text with a warning."""
    m = _FRONT.match(text)
    if not m:
        return {}, text, []
    import yaml

    try:
        data = yaml.safe_load(m.group("yaml")) or {}
    except yaml.YAMLError as exc:
        return {}, text, [f"front matter is not valid YAML and was kept as text: {str(exc).splitlines()[0]}"]
    if not isinstance(data, dict):
        return {}, text, ["front matter is not a mapping and was kept as text"]
    return data, text[m.end():], []


def front_matter_fields(data: dict) -> dict:
    """The contract's fields from front matter: date (YYYY-MM-DD), title, source."""
    out = {}
    date = data.get("date") or data.get("published_time")
    if isinstance(date, dt.datetime):
        out["date"] = date.date().isoformat()
    elif isinstance(date, dt.date):
        out["date"] = date.isoformat()
    elif isinstance(date, str) and re.match(r"\d{4}-\d{2}-\d{2}", date.strip()):
        out["date"] = date.strip()[:10]
    title = data.get("title")
    if isinstance(title, str) and title.strip():
        out["title"] = normalize(title).replace("\n", " ").strip()
    url = data.get("source_url") or data.get("url") or data.get("source")
    if isinstance(url, str) and url.strip():
        out["source"] = url.strip()
    return out


def reflow(body: str) -> str:
    """Join wrapped lines into paragraphs; undo Markdown escapes and heading marks."""
    paragraphs: list[list[str]] = [[]]
    for raw in body.split("\n"):
        line = _SPACES.sub(" ", _HEADING.sub("", _ESCAPE.sub(r"\1", raw.strip())))
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        if paragraphs[-1] and starts_turn(line):
            paragraphs.append([])
        paragraphs[-1].append(line)
    return "\n\n".join(" ".join(p) for p in paragraphs if p)

"""HTML pages: the main text, then each reader comment found in the markup as its own segment.

The document text is the main text followed by the comments, each separated by a blank line. The
comments become ``comment`` segments right away (author as speaker with basis ``markup``, time,
``reply_to`` from nesting); the structure stage segments the main text and keeps these.
"""

from __future__ import annotations

from ..config import Settings
from ..errors import MalformedInput
from ..model import Segment, Speaker
from .text import normalize


def parse_html(html: str, *, url: str | None, settings: Settings) -> tuple[str, dict, list[Segment]]:
    from .html_extract import extract_html

    try:
        page = extract_html(html, url if url and "://" in url else None, max_comments=settings.max_comments)
    except ValueError as exc:
        raise MalformedInput(f"{url or '<html>'}: {exc}") from exc
    parts = [normalize(page.main_text)]
    segments: list[Segment] = []
    offset = len(parts[0])
    ids: list[str] = []
    for index, comment in enumerate(page.comments):
        body = normalize(comment.text)
        if not body:
            ids.append("")
            continue
        start = offset + 2
        parts.append(body)
        offset = start + len(body)
        cid = f"c{index}"
        ids.append(cid)
        parent = ids[comment.parent] if comment.parent is not None and comment.parent < index else None
        speaker = Speaker(comment.author.strip(), None, "markup") if comment.author else None
        segments.append(Segment(cid, "comment", start, offset, None, speaker, parent or None, comment.time))
    fields = {"title": page.title, "date": page.date, "source": page.url or url}
    return "\n\n".join(p for p in parts if p is not None), fields, segments

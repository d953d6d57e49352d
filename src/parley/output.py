"""Writing documents: the contract's JSON and JSONL, and a readable Markdown summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from .model import Document

EXCERPT = 160


def write_documents(docs: Iterable[Document], out: TextIO, fmt: str) -> list[Document]:
    """Write each document as it comes; return the unreadable ones (they are written too)."""
    failures = []
    for doc in docs:
        if not doc.readable:
            failures.append(doc)
        if fmt == "jsonl":
            out.write(doc.to_json(indent=None) + "\n")
        elif fmt == "md":
            out.write(markdown(doc) + "\n")
        else:
            out.write(doc.to_json() + "\n")
        out.flush()
    return failures


def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def markdown(doc: Document) -> str:
    """A summary a person can read: what the document is, who speaks, and its outline."""
    lines = [f"# {doc.title or doc.source or doc.id}", ""]
    facts = [("id", doc.id), ("source", doc.source), ("date", doc.date), ("language", doc.language)]
    lines += [f"- **{k}**: {v}" for k, v in facts if v]
    for skip in doc.skipped:
        lines.append(f"- **skipped** {skip.stage}: {skip.reason}")
    if not doc.readable:
        return "\n".join(lines) + "\n"
    kinds = Counter(s.kind for s in doc.segments)
    lines.append("- **segments**: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    speakers = Counter(s.speaker.name for s in doc.segments if s.speaker and s.kind != "comment")
    if speakers:
        lines.append("- **speakers**: " + ", ".join(f"{name} ({n})" for name, n in speakers.most_common()))
    official = [s for s in doc.segments if s.kind != "comment"]
    comments = [s for s in doc.segments if s.kind == "comment"]
    if official:
        lines += ["", "## Transcript", ""]
        for seg in official:
            who = seg.speaker.name if seg.speaker else ("press" if seg.kind == "question" else "—")
            basis = f", {seg.speaker.basis}" if seg.speaker and seg.speaker.basis != "label" else ""
            reply = f" → reply to {seg.reply_to}" if seg.reply_to else ""
            lines.append(f"- `{seg.id}` **{seg.kind}** · {who}{basis}{reply} "
                         f"[{seg.start}:{seg.end}]: {excerpt(doc.segment_text(seg))}")
    if comments:
        lines += ["", f"## Discussion ({len(comments)} comments)", ""]
        for seg in comments:
            who = f" · {seg.speaker.name}" if seg.speaker else ""
            lines.append(f"- `{seg.id}`{who} [{seg.start}:{seg.end}]: {excerpt(doc.segment_text(seg), 120)}")
    return "\n".join(lines) + "\n"

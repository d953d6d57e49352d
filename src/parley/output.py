"""Writing documents: the contract's JSON and JSONL, a readable Markdown summary, and HTML reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from .errors import UsageError
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


def write_reports(docs: Iterable[Document], out: TextIO | None, folder: Path | None) -> list[Document]:
    """One self-contained HTML page per document: into ``folder`` (``<name>.html`` each), or the only
    document's page to ``out``. Returns the unreadable documents (their pages say why)."""
    from .web.render import report

    failures: list[Document] = []
    used: set[str] = set()
    for written, doc in enumerate(docs):
        if not doc.readable:
            failures.append(doc)
        page = report(doc)
        if folder is None:
            if written:
                raise UsageError("--format html makes one page per document and this input holds several",
                                 hint="give -o an existing folder to write one page per document")
            out.write(page)
            out.flush()
        else:
            name = _page_name(doc, used)
            (folder / name).write_text(page, encoding="utf-8", newline="\n")
    return failures


def _page_name(doc: Document, used: set[str]) -> str:
    stem = Path(doc.source).stem if doc.source and doc.source != "-" else doc.id
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in stem)[:100] or doc.id
    name = f"{stem}.html" if f"{stem}.html" not in used else f"{stem}-{doc.id}.html"
    used.add(name)
    return name


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
    lines += _analysis(doc)
    if comments:
        analysis = {c.segment: c for c in doc.discussion.comments} if doc.discussion else {}
        lines += ["", f"## Discussion ({len(comments)} comments)", ""]
        if doc.discussion:
            summary = doc.discussion.summary
            flagged = ", ".join(f"{k} {v}" for k, v in sorted(summary.flagged_by.items())) or "none"
            lines.append(f"Flagged: {summary.flagged} ({flagged}). Topics: "
                         + "; ".join(f"{t.label} ({len(t.segments)})" for t in summary.topics))
            lines.append("")
        for seg in comments:
            who = f" · {seg.speaker.name}" if seg.speaker else ""
            flags = analysis[seg.id].flags if seg.id in analysis else []
            marks = f" **[{', '.join(flags)}]**" if flags else ""
            lines.append(f"- `{seg.id}`{who}{marks} [{seg.start}:{seg.end}]: {excerpt(doc.segment_text(seg), 120)}")
    return "\n".join(lines) + "\n"


def _analysis(doc: Document) -> list[str]:
    """Actors, instruments, events, issues and commitments, as far as the stages that ran produced them."""
    names = {a.id: a.name for a in doc.actors}
    lines: list[str] = []
    if doc.actors:
        top = sorted(doc.actors, key=lambda a: (-len(a.mentions), a.id))[:12]
        lines += ["", f"## Actors ({len(doc.actors)}; the most mentioned)", ""]
        for a in top:
            facts = ", ".join(x for x in (a.type, a.country, a.sector, a.role) if x)
            lines.append(f"- {a.name} ({facts}): {len(a.mentions)} mentions")
    if doc.instruments:
        lines += ["", "## Instruments", ""]
        for i in doc.instruments:
            articles = sorted({m.article for m in i.mentions if m.article})
            cited = f", article {', '.join(articles)}" if articles else ""
            lines.append(f"- {i.name} ({i.date or 'undated'}){cited}: {len(i.mentions)} mentions")
    if doc.events:
        lines += ["", f"## Events ({len(doc.events)})", ""]
        for e in doc.events:
            who = " + ".join(names.get(x, x) for x in e.actor) or "?"
            whom = " + ".join(names.get(x, x) for x in e.recipient)
            arrow = f" → {whom}" if whom else ""
            neg = " (negated)" if e.negated else ""
            lines.append(f"- **{e.type}**{neg} {who}{arrow}: {excerpt(doc.text[e.start:e.end], 110)}")
    if doc.issues:
        lines += ["", f"## Issues ({len(doc.issues)})", ""]
        for issue in doc.issues[:15]:
            stances = "; ".join(f"{names.get(p.actor, p.actor)} {p.stance}" for p in issue.positions)
            lines.append(f"- {issue.label} ({issue.topic or 'no topic'})" + (f": {stances}" if stances else ""))
    if doc.commitments:
        lines += ["", f"## Commitments ({len(doc.commitments)})", ""]
        for c in doc.commitments:
            due = f" — due {c.due.text} (by {c.due.latest or c.due.date or '?'})" if c.due else ""
            who = " + ".join(names.get(x, x) for x in c.actor) or "?"
            lines.append(f"- {who}: {c.action}{due}")
    return lines

"""What a page shows of one document: its text cut into pieces with the analysis laid over them.

Pure Python over the contract (``parley.model``): the report and the web app's document page render
the same view, so what one shows the other shows. Nothing here writes HTML; the templates escape
every string they are given.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from typing import Any

from ..model import COMMENT_SCORES, Document, Segment

#: segments on one page of the web app's document view (the report shows them all)
PART_SIZE = 400


@dataclass(frozen=True)
class Mark:
    """One thing found in the text: what it is (``kind``: actor, instrument, event, flag), a short
    ``label`` and the ``detail`` shown on hover."""

    kind: str
    start: int
    end: int
    label: str
    detail: str


@dataclass
class Piece:
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def classes(self) -> str:
        return " ".join(sorted({f"m-{m.kind}" for m in self.marks}))

    @property
    def detail(self) -> str:
        return "\n".join(m.detail for m in self.marks)


@dataclass
class SegmentView:
    segment: Segment
    pieces: list[Piece]
    who: str
    comment: Any = None  # the CommentAnalysis of a comment, if the discussion stage ran


def pieces(text: str, start: int, end: int, marks: list[Mark]) -> list[Piece]:
    """``text[start:end]`` cut at every mark boundary, each piece with the marks that cover it.

    One sweep over the cuts with the marks sorted by start: linear in pieces and marks (a long
    transcript has thousands of both)."""
    inside = sorted((m for m in marks if m.start < end and m.end > start and m.end > m.start),
                    key=lambda m: (m.start, m.end))
    cuts = sorted({start, end, *(max(m.start, start) for m in inside), *(min(m.end, end) for m in inside)})
    out: list[Piece] = []
    active: list[Mark] = []
    upcoming = 0
    for left, right in itertools.pairwise(cuts):
        while upcoming < len(inside) and inside[upcoming].start <= left:
            active.append(inside[upcoming])
            upcoming += 1
        active = [m for m in active if m.end > left]
        out.append(Piece(text[left:right], list(active)))
    return out


def _names(doc: Document) -> dict[str, str]:
    return {a.id: a.name for a in doc.actors}


def party(ids: list[str], names: dict[str, str]) -> str:
    return " + ".join(names.get(i, i) for i in ids)


def marks(doc: Document) -> list[Mark]:
    """Every actor and instrument mention, event trigger and comment-flag evidence, as marks."""
    names = _names(doc)
    out: list[Mark] = []
    for a in doc.actors:
        facts = " · ".join(x for x in (a.type, a.country, a.sector, a.role) if x)
        for m in a.mentions:
            out.append(Mark("actor", m.start, m.end, a.name, f"actor: {a.name} ({facts})"))
    for inst in doc.instruments:
        for m in inst.mentions:
            article = f", article {m.article}" if m.article else ""
            out.append(Mark("instrument", m.start, m.end, inst.name,
                            f"instrument: {inst.name} ({inst.date or 'undated'}){article}"))
    for e in doc.events:
        span = e.trigger or e
        whom = f" → {party(e.recipient, names)}" if e.recipient else ""
        neg = " (negated)" if e.negated else ""
        out.append(Mark("event", span.start, span.end, e.type,
                        f"event {e.id}: {e.type}{neg} · {party(e.actor, names) or '?'}{whom} · "
                        f"{e.tense or 'tense ?'} · confidence {e.confidence:.2f}"))
    if doc.discussion:
        for c in doc.discussion.comments:
            for ev in c.evidence:
                out.append(Mark("flag", ev.start, ev.end, ev.flag, f"flag: {ev.flag}"))
    return out


def by_segment(segments: list[Segment], marks: list[Mark]) -> list[list[Mark]]:
    """The marks of each segment (a mark belongs to the segment its start is in), in one pass."""
    order = sorted(range(len(segments)), key=lambda i: segments[i].start)
    starts = [segments[i].start for i in order]
    out: list[list[Mark]] = [[] for _ in segments]
    for m in marks:
        at = bisect.bisect_right(starts, m.start) - 1
        if at >= 0:
            out[order[at]].append(m)
    return out


def document_view(doc: Document, *, part: int | None = None, part_size: int = PART_SIZE) -> dict[str, Any]:
    """Everything the document template needs, computed once.

    With ``part``, only that slice of ``part_size`` segments (1-based), with the events, positions
    and commitments found in them: a very long document is shown a part at a time."""
    names = _names(doc)
    segments = doc.segments
    parts = max(1, -(-len(segments) // part_size))
    if part is not None:
        part = min(max(part, 1), parts)
        segments = segments[(part - 1) * part_size: part * part_size]
    shown = {s.id for s in segments} if part is not None else None

    def keep(segment_id: str) -> bool:
        return shown is None or segment_id in shown

    all_marks = marks(doc)
    comments = {c.segment: c for c in doc.discussion.comments} if doc.discussion else {}
    official, discussion = [], []
    for seg, seg_marks in zip(segments, by_segment(segments, all_marks), strict=True):
        who = seg.speaker.name if seg.speaker else ("press" if seg.kind == "question" else "")
        view = SegmentView(seg, pieces(doc.text, seg.start, seg.end, seg_marks), who, comments.get(seg.id))
        (discussion if seg.kind == "comment" else official).append(view)
    if not doc.segments and doc.text:  # structure did not run: show the text as one block
        official.append(SegmentView(Segment("text", "text", 0, len(doc.text)),
                                    pieces(doc.text, 0, len(doc.text), all_marks), ""))
    return {
        "doc": doc,
        "part": part or 1,
        "parts": parts if part is not None else 1,
        "official": official,
        "discussion": discussion,
        "actors": sorted(doc.actors, key=lambda a: (-len(a.mentions), a.name)),
        "events": [event_row(doc, e, names) for e in doc.events if keep(e.segment)],
        "matrix": issue_matrix(doc, names, keep),
        "commitments": [commitment_row(doc, c, names) for c in doc.commitments if keep(c.segment)],
        "summary": doc.discussion.summary if doc.discussion else None,
        "scores": COMMENT_SCORES,
        "toxicity": [c.scores.get("toxicity") for c in comments.values() if "toxicity" in c.scores],
        "skipped": doc.skipped,
    }


def excerpt(text: str, limit: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def event_row(doc: Document, e, names: dict[str, str]) -> dict[str, Any]:
    return {"event": e, "actor": party(e.actor, names), "recipient": party(e.recipient, names),
            "evidence": excerpt(doc.text[e.start:e.end])}


def commitment_row(doc: Document, c, names: dict[str, str]) -> dict[str, Any]:
    return {"commitment": c, "actor": party(c.actor, names), "evidence": excerpt(doc.text[c.start:c.end])}


def issue_matrix(doc: Document, names: dict[str, str], keep=lambda segment: True) -> dict[str, Any]:
    """Issues × actors: each cell the stances that actor takes on that issue, with their evidence."""
    columns: list[str] = []
    rows = []
    for issue in doc.issues:
        cells: dict[str, list[dict[str, Any]]] = {}
        for p in issue.positions:
            if not keep(p.segment):
                continue
            if p.actor not in columns:
                columns.append(p.actor)
            cells.setdefault(p.actor, []).append(
                {"stance": p.stance, "segment": p.segment, "evidence": excerpt(doc.text[p.start:p.end], 300)})
        rows.append({"issue": issue, "cells": cells})
    return {"columns": [(a, names.get(a, a)) for a in columns], "rows": rows}

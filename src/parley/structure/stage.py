"""The structure stage: statement / question / answer / comment / other segments with speakers."""

from __future__ import annotations

import re

from ..model import Document, Segment, Speaker
from ..pipeline import stage
from .comments import split_comments
from .labels import Label, stage_direction, time_line
from .paragraphs import Paragraph, split_paragraphs
from .transcript import Piece, opening_speaker, parse_turns, trusted_labels

_COMMENTS_MARKER = re.compile(
    r"(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|discussion|leave a (?:comment|reply)|"
    r"kommentare?|commentaires?|comentarios|\d+ thoughts on .{1,200}|join the discussion)\s*:?",
    re.IGNORECASE,
)

#: a labelled transcript's closing lines ("Thank you all.") read like comments; below this many
#: paragraphs after the last speaker label, no discussion is declared
MIN_COMMENTS_AFTER_TRANSCRIPT = 3
#: and one closing paragraph ("I thank you for your attention.") is not a discussion
MIN_COMMENTS = 2


@stage("structure", requires=("text",), assigns=("segments",))
def structure(doc: Document) -> Document:
    """Segments: statement, question, answer, comment and other, with speakers and reply_to."""
    fixed = sorted(doc.segments, key=lambda s: s.start)  # comments a reader took from markup
    official_end = fixed[0].start if fixed else len(doc.text)
    paragraphs = split_paragraphs(doc.text, 0, official_end)
    labels = trusted_labels(paragraphs)
    boundary, marker = (len(paragraphs), None) if fixed else discussion_start(paragraphs, labels)
    official = marker if marker is not None else boundary
    pieces = parse_turns(paragraphs[:official], labels[:official])
    headers = [doc.text[p.start:p.end] for p in pieces if p.kind == "other" and p.turn == -1]
    speaker = opening_speaker(pieces, headers, doc.title)
    if speaker is not None:
        for piece in pieces:
            if piece.kind == "statement" and piece.label is None:
                piece.speaker = speaker
    discussion = split_paragraphs(doc.text, paragraphs[boundary].start, official_end, lines=True) \
        if boundary < len(paragraphs) else []
    if marker is not None:
        pieces.append(Piece("other", paragraphs[marker].start, paragraphs[marker].end))
    doc.segments = _number(pieces, discussion, fixed)
    return doc


def discussion_start(paragraphs: list[Paragraph], labels: list[Label | None]) -> tuple[int, int | None]:
    """(index of the first comment paragraph, index of a "Comments" marker line or None).

    No comment is looked for before the last trusted speaker label. A marker line ("12 comments",
    "Leave a reply") settles it; otherwise the discussion-boundary model decides, on the paragraphs
    that are not times or stage directions. When the model, left free, puts the start before the last
    label and those labels look like part of the comments, the model is believed. A discussion needs
    at least ``MIN_COMMENTS`` paragraphs, ``MIN_COMMENTS_AFTER_TRANSCRIPT`` after a labelled transcript.
    """
    last = max((i for i, label in enumerate(labels) if label is not None), default=-1)
    for i in range(last + 1, len(paragraphs)):
        if _COMMENTS_MARKER.fullmatch(paragraphs[i].text.strip()):
            return i + 1, i
    from .boundary import find_discussion_start, load_model

    # times, "END" and stage directions carry no evidence either way: the model sees the rest
    content = [i for i, p in enumerate(paragraphs) if not (time_line(p.text) or stage_direction(p.text))]
    texts = [paragraphs[i].text for i in content]
    logits = load_model().logits(texts) if texts else None
    start = find_discussion_start(texts, min_index=sum(1 for i in content if i <= last), logits=logits)
    if last >= 0 and (free := find_discussion_start(texts, 0, logits=logits)) is not None and content[free] <= last \
            and _labels_inside_comments(labels, content[free]):
        start, last = free, -1
    minimum = MIN_COMMENTS_AFTER_TRANSCRIPT if last >= 0 else MIN_COMMENTS
    if start is None or len(content) - start < minimum:
        return len(paragraphs), None
    return content[start], None


def _labels_inside_comments(labels: list[Label | None], start: int) -> bool:
    """Whether the labels after ``start`` belong to the comments (a commenter quoting "Reporter:",
    a "Rate this:" widget) rather than to a transcript that goes on: none of their speakers spoke
    before ``start``, and they are sparse."""
    def key(label: Label) -> str:
        return label.kind if label.kind != "speaker" else (label.name or label.text).lower()

    before = {key(label) for label in labels[:start] if label is not None}
    after = [label for label in labels[start:] if label is not None]
    return not any(key(label) in before for label in after) and len(after) < 0.25 * (len(labels) - start)


def _number(pieces: list[Piece], discussion: list[Paragraph], fixed: list[Segment]) -> list[Segment]:
    """Segments in text order with ids s1, s2, ...; reply_to resolved to segment ids."""
    segments: list[tuple[Segment, Piece | None]] = []
    for piece in pieces:
        if piece.end > piece.start:
            seg = Segment("", piece.kind, piece.start, piece.end, piece.label, piece.speaker)
            segments.append((seg, piece))
    for comment in split_comments(discussion):
        speaker = Speaker(comment.author, None, "markup") if comment.author else None
        segments.append((Segment("", "comment", comment.start, comment.end, None, speaker, None, comment.time), None))
    segments += [(seg, None) for seg in fixed]
    segments.sort(key=lambda pair: (pair[0].start, pair[0].end))
    old_ids = {seg.id: f"s{i}" for i, (seg, _) in enumerate(segments, start=1) if seg.id}
    question_of_turn: dict[int, str] = {}
    for i, (seg, piece) in enumerate(segments, start=1):
        seg.id = f"s{i}"
        if piece is not None and piece.kind == "question":
            question_of_turn.setdefault(piece.turn, seg.id)
    for seg, piece in segments:
        if piece is not None and piece.reply_to_turn is not None:
            seg.reply_to = question_of_turn.get(piece.reply_to_turn)
        elif piece is None and seg.reply_to:
            seg.reply_to = old_ids.get(seg.reply_to)
    return [seg for seg, _ in segments]

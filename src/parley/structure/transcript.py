"""Transcript turns: statements, questions, answers and stage directions, with speakers.

Paragraphs that open with a trusted speaker label start a turn; unlabelled paragraphs continue the
turn before them. A label is trusted when its shape is unambiguous (``Q``, upper case, a name with a
role or an honorific) or when the same name labels at least two paragraphs. Turns before the first
question are statements; after a question, the other speakers' turns are answers that reply to it.
The unlabelled opening gets a speaker only when the document says who it is (see ``opening_speaker``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Speaker
from .labels import Label, leading_direction, match_label, stage_direction, time_line
from .paragraphs import Paragraph

_BY = re.compile(
    r"\b(?:statement|remarks|speech|address|opening remarks|opening statement|comments|press remarks|"
    r"briefing|interview|press conference|message|keynote|answers to questions)"
    r"\s+(?:made\s+)?(?:by|of|from)\s+(?P<name>[^\n]+)",
    re.IGNORECASE,
)
_NAME_STOP = re.compile(
    r"\s*(?:,|;|\(|\s[-–—]\s|\s(?:at|on|to|during|following|after|before|in|with|and his|and her|ahead of|"
    r"upon|regarding|about|concerning|for)\s).*$"
)


@dataclass
class Piece:
    """One future segment: a span of text with its kind and speaker."""

    kind: str
    start: int
    end: int
    label: str | None = None
    speaker: Speaker | None = None
    turn: int = -1  # index of the turn it belongs to; pieces of one turn share it
    reply_to_turn: int | None = None


def trusted_labels(paragraphs: list[Paragraph]) -> list[Label | None]:
    """The label of each paragraph, or None where there is none or it is not trusted.

    A weak label is trusted when its name labels two paragraphs, or when it is in upper case
    (``AIDE:``) in a document that is plainly a transcript (three strong labels or more)."""
    labels = [match_label(p.text) for p in paragraphs]
    counts = Counter(lab.name for lab in labels if lab is not None and lab.kind == "speaker")
    transcript = sum(1 for lab in labels if lab is not None and lab.strong) >= 3
    return [lab if lab is not None and (lab.strong or counts[lab.name] >= 2 or (transcript and lab.text.isupper()))
            else None for lab in labels]


def is_header(text: str) -> bool:
    """A short line with no sentence punctuation before the first turn: a title, place or date line."""
    return all(len(line.split()) <= 14 and line.rstrip()[-1] not in ".,;:!?…'\"”’)" and len(line) < 120
               for line in text.split("\n") if line.strip())


def parse_turns(paragraphs: list[Paragraph], labels: list[Label | None]) -> list[Piece]:
    """Pieces in text order. A stage direction inside a turn splits it; the turn resumes after it."""
    pieces: list[Piece] = []
    turn = -1
    last_question: int | None = None
    open_piece: Piece | None = None  # the piece unlabelled paragraphs extend
    resume: Piece | None = None  # the turn that goes on after a stage direction or a bare label
    for para, label in zip(paragraphs, labels, strict=True):
        if time_line(para.text) or stage_direction(para.text) is not None:
            pieces.append(Piece("other", para.start, para.end))
            resume, open_piece = open_piece or resume, None
            continue
        if label is not None:
            turn += 1
            if label.kind == "question":
                kind, last_question = "question", turn
            else:
                kind = "other" if label.kind == "procedural" else "answer" if last_question is not None else "statement"
            speaker = Speaker(label.name) if label.name else None
            start = para.start + label.end
            direction = leading_direction(para.text[label.end:])
            if direction and para.text[label.end + direction.end():].strip():  # "KISHIDA:  (As interpreted.)  ..."
                pieces.append(Piece("other", start, start + direction.end(), label.text, speaker, turn))
                start += direction.end()
                start += len(para.text[start - para.start:]) - len(para.text[start - para.start:].lstrip())
            piece = Piece(kind, start, para.end, label.text, speaker, turn, last_question if kind == "answer" else None)
            if start < para.end:
                pieces.append(piece)
                open_piece, resume = piece, None
            else:  # a label alone on its line: the words follow
                open_piece, resume = None, piece
            continue
        if open_piece is not None:
            open_piece.end = para.end
        elif resume is not None:
            open_piece = Piece(resume.kind, para.start, para.end, resume.label, resume.speaker, resume.turn,
                               resume.reply_to_turn)
            pieces.append(open_piece)
            resume = None
        elif turn == -1 and is_header(para.text):
            pieces.append(Piece("other", para.start, para.end))
        else:
            turn = max(turn, 0)
            open_piece = Piece("statement", para.start, para.end, turn=turn)
            pieces.append(open_piece)
    return pieces


def opening_speaker(pieces: list[Piece], header_texts: list[str], title: str | None) -> Speaker | None:
    """Who speaks the unlabelled opening, when the document says so; otherwise None.

    In order: a header line ("Statement by Foreign Minister Sergey Lavrov ..."), the document's title,
    and the only person who answers the questions. Each result names its basis.
    """
    for basis, texts in (("header", header_texts), ("metadata", [title] if title else [])):
        for text in texts:
            m = _BY.search(text)
            if m:
                name = _NAME_STOP.sub("", m.group("name")).strip(" .")
                if name and " and " not in name and len(name.split()) <= 10:
                    return Speaker(name, None, basis)
    answerers = {p.speaker.name for p in pieces if p.kind == "answer" and p.speaker}
    if len(answerers) == 1:
        return Speaker(answerers.pop(), None, "answers")
    return None

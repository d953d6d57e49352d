"""Paragraphs with their offsets.

Text whose paragraphs are separated by blank lines is split into blocks of lines, and a block is cut
again where a line opens a speaker turn, a time or a stage direction. Text with no blank lines (the
founding example: one paragraph per line) is split into lines, unless its lines are wrapped at a fixed
width (scanned speeches), in which case they are joined back into paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .labels import stage_direction, starts_turn, time_line

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str
    blank_before: bool = False


def split_paragraphs(text: str, start: int = 0, end: int | None = None, *, lines: bool = False) -> list[Paragraph]:
    """Paragraphs of ``text[start:end]``; with ``lines=True``, every non-blank line is one."""
    end = len(text) if end is None else end
    region = text[start:end]
    blocks = not lines and bool(_BLANK_LINE.search(region))
    out: list[Paragraph] = []
    pos = start
    current: list[tuple[int, int]] = []  # (start, end) of lines in the open block
    blank_before = False

    def close() -> None:
        nonlocal current, blank_before
        if current:
            s, e = current[0][0], current[-1][1]
            out.append(Paragraph(s, e, text[s:e], blank_before))
            blank_before = False
        current = []

    for line in region.split("\n"):
        stripped = line.strip()
        if stripped:
            s = pos + (len(line) - len(line.lstrip()))
            e = s + len(stripped)
            if not blocks or _opens_paragraph(stripped):
                close()
            current.append((s, e))
            if not blocks:
                close()
        else:
            close()
            blank_before = True
        pos += len(line) + 1
    close()
    if not lines and not blocks and _hard_wrapped(out):
        out = _rejoin(text, out)
    return out


_TERMINAL = ".!?…\"”’)»:"


def _hard_wrapped(lines: list[Paragraph]) -> bool:
    """Lines cut at a fixed width (scanned or e-mailed text): most of them end mid-sentence."""
    if len(lines) < 8:
        return False
    open_ended = sum(1 for p in lines if p.text[-1] not in _TERMINAL and not p.text.endswith(","))
    return open_ended >= 0.5 * len(lines)


def _rejoin(text: str, lines: list[Paragraph]) -> list[Paragraph]:
    """Join wrapped lines into paragraphs. A paragraph ends at a line that finishes a sentence well
    short of the usual width, and before a line that opens a turn, a time or a stage direction."""
    width = sorted(len(p.text) for p in lines)[int(len(lines) * 0.75)]
    out: list[Paragraph] = []
    for line in lines:
        prev = out[-1] if out else None
        ends = prev is not None and prev.text[-1] in _TERMINAL and len(prev.text.rsplit("\n", 1)[-1]) < 0.7 * width
        if prev is None or ends or _opens_paragraph(line.text):
            out.append(line)
        else:
            out[-1] = Paragraph(prev.start, line.end, text[prev.start:line.end], prev.blank_before)
    return out


def _opens_paragraph(line: str) -> bool:
    return starts_turn(line) or time_line(line) or stage_direction(line) is not None

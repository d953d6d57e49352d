"""Paragraphs with their offsets.

Text whose paragraphs are separated by blank lines is split into blocks of lines, and a block is cut
again where a line opens a speaker turn, a time or a stage direction. Text with no blank lines (the
founding example: one paragraph per line) is split into lines.
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
    return out


def _opens_paragraph(line: str) -> bool:
    return starts_turn(line) or time_line(line) or stage_direction(line) is not None

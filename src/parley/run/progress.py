"""A progress line on standard error: documents done, documents/s, ETA when the total is known, skips.

Redrawn in place at most twice a second on a terminal; elsewhere (a log file, a CI job) one line every
``every`` seconds, so logs stay short. ``done()`` prints the final line.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Progress:
    def __init__(self, total: int | None = None, *, enabled: bool = True, stream: TextIO | None = None,
                 every: float = 10.0):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.every = 0.5 if self.tty else every
        self.started = time.monotonic()
        self._shown = self.started
        self._last = -1  # documents done when the line was last printed
        self.done_count = self.stored = self.present = self.unreadable = 0

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.stored / elapsed
        parts = [f"{self.done_count}/{self.total}" if self.total else f"{self.done_count}", "documents"]
        if self.total:
            parts[-1] += f" ({100 * self.done_count / max(self.total, 1):.0f}%)"
        text = " ".join(parts) + f", {rate:.2f} documents/s"
        left = (self.total or 0) - self.done_count
        if self.total and left > 0 and rate > 0:
            text += f", ETA {_duration(left / rate)}"
        extras = [f"{self.stored} stored"]
        if self.present:
            extras.append(f"{self.present} already stored")
        if self.unreadable:
            extras.append(f"{self.unreadable} unreadable")
        return f"parley: {text}; " + ", ".join(extras) + f" [{_duration(elapsed)}]"

    def update(self, *, stored: int = 0, present: int = 0, unreadable: int = 0) -> None:
        self.stored += stored
        self.present += present
        self.unreadable += unreadable
        self.done_count = self.stored + self.present + self.unreadable
        now = time.monotonic()
        if self.enabled and now - self._shown >= self.every:
            self._shown = now
            self._print(end="\r" if self.tty else "\n")

    def done(self) -> None:
        if self.enabled and (self.tty or self._last != self.done_count):
            self._print(end="\n")

    def _print(self, end: str) -> None:
        self._last = self.done_count
        pad = " " * 4 if self.tty else ""
        print(self.line() + pad, end=end, file=self.stream, flush=True)

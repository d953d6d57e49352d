"""Shared fixtures. Data from ../shared is read in place; tests that need it skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SAMPLE = SHARED / "samples" / "000_8f20f3f04bd2deb0.txt"


def need(path: Path) -> Path:
    """``path`` if it exists, else skip the test saying what is missing."""
    if not path.exists():
        pytest.skip(f"needs {path} (../shared beside the repository; CI always has it)")
    return path


@pytest.fixture(scope="session")
def founding():
    """The founding example analysed by the structure stage, with its lines' offsets."""
    import parley

    doc = parley.analyze(need(SAMPLE), stages=["structure"])
    lines, pos = [], 0
    for line in doc.text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return doc, lines

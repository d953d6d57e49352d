"""Scorers behind ``parley eval``: each stage measured on public gold data in ../shared/data."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputNotFound, UsageError


@dataclass
class Section:
    """One table of an evaluation: a data set, rows of systems, columns of figures."""

    title: str
    rows: dict[str, dict[str, float | int | str]]
    note: str = ""

    def table(self) -> str:
        columns = list(dict.fromkeys(k for row in self.rows.values() for k in row))
        width = max([len(name) for name in self.rows] + [6])
        lines = [f"## {self.title}"]
        if self.note:
            lines.append(self.note)
        lines.append(" " * width + "  " + "  ".join(f"{c:>{max(len(c), 8)}}" for c in columns))
        for name, row in self.rows.items():
            cells = [_fmt(row.get(c, ""), max(len(c), 8)) for c in columns]
            lines.append(f"{name:<{width}}  " + "  ".join(cells))
        return "\n".join(lines)


def _fmt(value, width: int) -> str:
    if isinstance(value, float):
        return f"{value:>{width}.3f}"
    return f"{value!s:>{width}}"


@dataclass
class EvalResult:
    stage: str
    sections: list[Section] = field(default_factory=list)

    def table(self) -> str:
        return f"# parley eval {self.stage}\n\n" + "\n\n".join(s.table() for s in self.sections)

    def to_dict(self) -> dict:
        return {"stage": self.stage, "sections": [
            {"title": s.title, "note": s.note, "rows": s.rows} for s in self.sections]}


def find_data(given: str | os.PathLike | None = None) -> Path:
    """The shared data folder: ``--data``, ``PARLEY_DATA``, or ``../shared/data`` beside the working
    directory or the source tree."""
    candidates = [Path(given)] if given else []
    if os.environ.get("PARLEY_DATA"):
        candidates.append(Path(os.environ["PARLEY_DATA"]))
    candidates += [Path.cwd().parent / "shared" / "data", Path(__file__).resolve().parents[4] / "shared" / "data"]
    for path in candidates:
        if path.is_dir():
            return path
    raise InputNotFound("the shared gold data was not found (looked in: "
                        + ", ".join(str(p) for p in candidates) + ")",
                        hint="pass --data DIR or set PARLEY_DATA")


EVALUATIONS = ("structure", "actors", "instruments", "dates", "events", "issues", "commitments", "discussion")


def run_eval(what: str, data: Path, limit: int | None = None) -> EvalResult:
    """Score stage ``what`` on the gold data under ``data``."""
    if what == "structure":
        from .structure import evaluate_structure

        return evaluate_structure(data, limit=limit)
    if what == "actors":
        from .actors import evaluate_actors

        return evaluate_actors(data, limit=limit)
    if what == "instruments":
        from .instruments import instrument_section

        return EvalResult("instruments", [instrument_section(data, limit)])
    if what == "dates":
        from .dates import evaluate_dates

        return evaluate_dates(data, limit=limit)
    if what == "events":
        from .events import evaluate_events

        return evaluate_events(data, limit=limit)
    if what in ("issues", "commitments"):
        from . import issues

        return issues.evaluate_issues(data, limit=limit) if what == "issues" else \
            issues.evaluate_commitments(data, limit=limit)
    if what == "discussion":
        from .discussion import evaluate_discussion

        return evaluate_discussion(data, limit=limit)
    raise UsageError(f"no evaluation for {what!r}; available: {', '.join(EVALUATIONS)}")

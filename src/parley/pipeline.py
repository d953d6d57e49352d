"""Named stages, their declared inputs and outputs, and the streaming pipeline that runs them.

A stage is a named callable ``Document -> Document`` registered with :func:`stage`, declaring what it
``requires`` and what it ``assigns``. A class is used only where a stage holds a model: it is built
once per pipeline with the settings, may offer ``pipe(docs)`` for batching, and must import heavy
libraries lazily. The pipeline checks the requirements before running anything, streams documents in
batches (memory does not grow with the corpus) and records a reason for every stage that produced
nothing for a document.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import __version__
from .config import Settings
from .errors import ParleyError, PipelineError
from .model import Document, Skip

#: what every document has once read
READ_ASSIGNS = ("text", "meta")


@dataclass(frozen=True)
class StageSpec:
    name: str
    factory: Callable
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    help: str

    def build(self, settings: Settings):
        return self.factory(settings) if isinstance(self.factory, type) else self.factory


REGISTRY: dict[str, StageSpec] = {}


def stage(name: str, *, requires: Iterable[str] = ("text",), assigns: Iterable[str] = ()):
    """Register a stage. The decorated object's docstring (first line) is its help text."""

    def register(obj):
        doc = (obj.__doc__ or "").strip().splitlines()
        REGISTRY[name] = StageSpec(name, obj, tuple(requires), tuple(assigns), doc[0] if doc else "")
        return obj

    return register


def available_stages() -> list[StageSpec]:
    """All registered stages in their default order (``parley.stages.ORDER``, then any others)."""
    from .stages import ORDER  # importing registers the built-in stages; light imports only

    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(REGISTRY.values(), key=lambda spec: rank.get(spec.name, len(rank)))


def resolve(names: Iterable[str] | None) -> list[StageSpec]:
    """The stages to run, in registry order, checked for unknown names and missing requirements."""
    known = {s.name: s for s in available_stages()}
    if names is None:
        return list(known.values())
    names = [n.strip() for n in names if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise PipelineError(f"unknown stage {', '.join(map(repr, unknown))}; known stages: {', '.join(known)}")
    chosen = [s for s in known.values() if s.name in names]
    have = set(READ_ASSIGNS)
    for spec in chosen:
        missing = [r for r in spec.requires if r not in have]
        if missing:
            providers = {r: [s.name for s in known.values() if r in s.assigns] for r in missing}
            need = "; ".join(f"{r!r} is assigned by stage {', '.join(p) or '(none)'}" for r, p in providers.items())
            add = sorted({p for ps in providers.values() for p in ps})
            raise PipelineError(
                f"stage {spec.name!r} requires {', '.join(map(repr, missing))}: {need}",
                hint=f"add {', '.join(add)} to --stages" if add else None,
            )
        have.update(spec.assigns)
    return chosen


class Pipeline:
    """Runs a list of stages over documents, one batch at a time."""

    def __init__(self, stages: Iterable[str] | None = None, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.specs = resolve(stages)
        self._built: dict[str, object] = {}

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.specs]

    def _component(self, spec: StageSpec):
        if spec.name not in self._built:
            self._built[spec.name] = spec.build(self.settings)
        return self._built[spec.name]

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        iterator = iter(docs)
        while batch := list(itertools.islice(iterator, self.settings.batch_size)):
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]) -> list[Document]:
        for spec in self.specs:
            ready = [d for d in batch if self._ready(d, spec)]
            component = self._component(spec)
            pipe = getattr(component, "pipe", None)
            if pipe is not None and len(ready) > 1:
                try:
                    list(pipe(ready))
                    continue
                except Exception:
                    pass  # run them one at a time instead, so the failure is pinned to its document
            for doc in ready:
                try:
                    component(doc)
                except ParleyError as exc:
                    doc.skipped.append(Skip(spec.name, exc.message, exc.code))
                except Exception as exc:  # a bug in a stage must not lose the rest of the corpus
                    doc.skipped.append(Skip(spec.name, f"internal error: {type(exc).__name__}: {exc}", "internal"))
        for doc in batch:
            doc.meta["parley"] = __version__
            doc.meta["stages"] = [s.name for s in self.specs if not _skipped(doc, s.name)] if doc.readable else []
        return batch

    def _ready(self, doc: Document, spec: StageSpec) -> bool:
        """Whether ``spec`` can run on ``doc``; if not, record why."""
        if not doc.readable:
            return False
        for earlier in self.specs:
            if earlier is spec:
                break
            if _skipped(doc, earlier.name) and set(spec.requires) & set(earlier.assigns):
                doc.skipped.append(Skip(spec.name, f"needs the output of stage {earlier.name!r}, which was skipped",
                                        "dependency"))
                return False
        return True


def _skipped(doc: Document, name: str) -> bool:
    """Whether stage ``name`` was skipped for the whole document (a skipped segment does not count)."""
    return any(s.stage == name and s.segment is None for s in doc.skipped)

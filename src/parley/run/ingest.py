"""``ingest``: read inputs, skip what the store already has, analyse the rest on an executor, write.

The parent reads and writes; workers (this process, a local pool, or a Dask cluster) analyse. A file
whose path is already a stored source is skipped before it is read, and a document whose text is
already stored (same id) before it is analysed, so a restarted ingest only does the work left.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..api import check_date
from ..config import Settings
from ..errors import UsageError
from ..model import Document
from ..pipeline import Pipeline
from ..readers import iter_folder, read
from ..store.writer import StoreWriter

_MULTI = {".jsonl", ".ndjson"}  # files holding many documents, each with its own source
BATCH_WORDS = 10_000


@dataclass
class IngestReport:
    stored: int = 0
    present: int = 0
    words: int = 0
    seconds: float = 0.0
    failures: list[Document] = field(default_factory=list)

    @property
    def unreadable(self) -> int:
        return len(self.failures)

    def to_dict(self) -> dict:
        return {"stored": self.stored, "already_stored": self.present, "unreadable": self.unreadable,
                "words": self.words, "seconds": round(self.seconds, 2),
                "documents_per_s": round(self.stored / self.seconds, 2) if self.seconds else None}


def expand(inputs: Iterable[str | Path], settings: Settings,
           on_ignored: Callable[[Path], None] | None = None) -> list[str]:
    """The files to read, in order (folders recursively, as ``parley analyze`` reads them)."""
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if str(item) != "-" and path.is_dir():
            out.extend(str(p) for p in iter_folder(path, settings, on_ignored))
        else:
            out.append(str(item))
    return out


def ingest(inputs: Iterable[str | Path], db: str | Path, *, stages: Iterable[str] | None = None,
           date: str | None = None, settings: Settings | None = None, workers: int = 1, dask: str | None = None,
           parquet_dir: str | Path | None = None, replace: bool = False, batch: int | None = None,
           batch_words: int = BATCH_WORDS, progress: bool = False,
           on_ignored: Callable[[Path], None] | None = None) -> IngestReport:
    """Analyse ``inputs`` into the store at ``db``; return what was done.

    A batch (one task for a worker, one transaction) closes at ``batch`` documents or ``batch_words``
    words, whichever comes first: the stages keep every parse of a batch until it is done, so memory
    is bounded by words in flight, not by documents or by the corpus."""
    from .progress import Progress

    settings = settings or Settings()
    date = check_date(date)
    if workers < 1 or batch_words < 1:
        raise UsageError(f"--workers and the batch size must be at least 1, got {workers} and {batch_words}")
    if dask and workers > 1:
        raise UsageError("give --workers or --dask, not both (a Dask cluster has its own workers)")
    names = tuple(Pipeline(stages, settings).names)  # checks the stages before anything runs
    # one batch per task and per transaction; small ones for pools, so work spreads evenly over the workers
    batch = batch or (settings.batch_size if workers == 1 and not dask else min(settings.batch_size, 4))
    paths = expand(inputs, settings, on_ignored)
    total = None if any(p == "-" or Path(p).suffix.lower() in _MULTI for p in paths) else len(paths)
    report = IngestReport()
    bar = Progress(total, enabled=progress)
    started = time.monotonic()
    stubs: list[Document] = []
    aliases: list[tuple[str, str, int | None]] = []
    in_flight: deque[list] = deque()  # each batch's (file, size) per document, recorded with its documents
    parquet = str(parquet_dir) if parquet_dir else None

    with StoreWriter(db, replace=replace) as writer:
        if parquet:
            _remove_orphans(Path(parquet), writer.partitions())

        def todo() -> Iterator[tuple[tuple[str, int] | None, int, dict]]:
            for path in paths:
                size = _size(path)
                if not replace and size is not None and writer.source_record(path) in (
                        ("stored", size), ("duplicate", size)):
                    report.present += 1  # stored before, same size: not even read
                    bar.update(present=1)
                    continue
                for doc in read([path], settings):
                    if not doc.readable:
                        stubs.append(doc)
                        continue
                    if not replace and writer.has_document(doc.id):  # same text: not analysed again
                        if doc.source is not None:
                            aliases.append((doc.source, doc.id, None))
                        if size is not None:
                            aliases.append((path, doc.id, size))
                        report.present += 1
                        bar.update(present=1)
                        continue
                    if date:
                        doc.date = date
                    words = len(doc.text.split())
                    report.words += words
                    yield (path, size) if size is not None else None, words, doc.to_dict()

        def batches() -> Iterator[list[dict]]:
            chunk: list[tuple] = []
            for item in todo():
                chunk.append(item)
                if len(chunk) >= batch or sum(words for _, words, _ in chunk) >= batch_words:
                    in_flight.append([p for p, _, _ in chunk])
                    yield [d for _, _, d in chunk]
                    chunk = []
            if chunk:
                in_flight.append([p for p, _, _ in chunk])
                yield [d for _, _, d in chunk]

        def flush(analysed: list[str], partition: str | None = None) -> None:
            taken_stubs, taken_aliases = stubs[:], aliases[:]
            stubs.clear()
            aliases.clear()
            paths_of = in_flight.popleft() if analysed else []
            written = writer.write(analysed, taken_stubs, aliases=taken_aliases, partition=partition,
                                   inputs=paths_of)
            report.stored += written.stored
            report.present += written.present
            report.failures.extend(taken_stubs)
            bar.update(stored=written.stored, present=written.present, unreadable=written.unreadable)

        for analysed, partition in _executor(batches(), names, settings, parquet, workers, dask):
            flush(analysed, partition)
        flush([])
    report.seconds = time.monotonic() - started
    bar.done()
    return report


def _executor(batches, names, settings, parquet, workers, dask):
    if dask:
        from .dask import on_dask

        return on_dask(dask, batches, names, settings, parquet)
    from .local import in_process, process_pool

    if workers > 1:
        return process_pool(batches, names, settings, parquet, workers)
    return in_process(batches, names, settings, parquet)


def _size(path: str) -> int | None:
    """The size of a file holding one document (None for stdin and JSONL, or a path that is not a file)."""
    if path == "-" or Path(path).suffix.lower() in _MULTI:
        return None
    try:
        return Path(path).stat().st_size
    except OSError:
        return None


def _remove_orphans(folder: Path, known: set[str]) -> None:
    """Parquet partitions of batches a killed run analysed but never stored: they would be duplicated."""
    if not folder.is_dir():
        return
    for file in folder.glob("*/part-*.parquet"):
        if file.stem.removeprefix("part-") not in known:
            file.unlink()

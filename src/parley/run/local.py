"""Analysing batches of documents: in this process, or on a local pool of worker processes.

A batch is a list of read documents as contract dicts; a result is the batch's analysed documents as
``Document.to_json(indent=None)`` strings (exactly ``parley analyze --format jsonl``'s lines) and the
name of the Parquet partition written for it, if any. Workers only analyse; the parent writes the
store. Results come back in input order, with a bounded number of batches in flight, so memory does
not grow with the corpus and the store is written in the same order whatever the number of workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from ..config import Settings
from ..errors import ParleyError, PipelineError

Result = tuple[list[str], str | None]
_PIPELINES: dict = {}


def analyze_batch(batch: list[dict], stages: tuple[str, ...] | None, settings: Settings,
                  parquet_dir: str | None = None) -> Result:
    """Analyse one batch (the worker's task). The pipeline, and its models, are built once per process."""
    from ..model import Document
    from ..pipeline import Pipeline

    key = (stages, settings)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(stages, settings)
    out = []
    for doc in _PIPELINES[key].pipe(Document.from_dict(d) for d in batch):
        out.append(doc.to_json(indent=None))
        doc.cache.clear()
    partition = None
    if parquet_dir:
        from ..store.export import write_partition

        partition = write_partition(out, parquet_dir)
    return out, partition


def in_process(batches: Iterable[list[dict]], stages, settings: Settings, parquet_dir: str | None) -> Iterator[Result]:
    for batch in batches:
        yield analyze_batch(batch, stages, settings, parquet_dir)


def process_pool(batches: Iterable[list[dict]], stages, settings: Settings, parquet_dir: str | None,
                 workers: int) -> Iterator[Result]:
    """A pool of ``workers`` processes (spawned, so nothing of the parent's state is shared)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield from ordered(lambda b: pool.submit(analyze_batch, b, stages, settings, parquet_dir),
                           batches, window=2 * workers)
    except BrokenProcessPool as exc:
        raise PipelineError(f"a worker process died ({exc})", hint="the documents stored so far are kept; "
                            "run the same ingest again to resume (fewer --workers if memory ran out)") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def ordered(submit, batches: Iterable[list[dict]], window: int) -> Iterator[Result]:
    """Submit batches, at most ``window`` in flight, and yield their results in submission order."""
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        while len(pending) >= window:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(future) -> Result:
    try:
        return future.result()
    except ParleyError:
        raise
    except Exception as exc:
        if type(exc).__name__ == "BrokenProcessPool":
            raise
        raise PipelineError(f"a batch failed on a worker: {type(exc).__name__}: {exc}",
                            hint="the documents stored so far are kept; run the same ingest again to resume") from exc

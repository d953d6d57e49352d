"""Analysing batches on a Dask cluster (``--dask tcp://HOST:8786``).

The same task as the local pool (``local.analyze_batch``), submitted with ``distributed.Client``; each
worker process builds the pipeline once and, with ``--parquet-dir`` (a folder every worker can reach),
writes its own Parquet partitions. Results come back in input order, with a bounded number in flight,
and the parent alone writes the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..config import Settings
from ..errors import UsageError
from .local import Result, analyze_batch, ordered

#: how long to keep trying to reach the scheduler
CONNECT_TIMEOUT = "15s"


def on_dask(address: str, batches: Iterable[list[dict]], stages, settings: Settings, parquet_dir: str | None,
            window: int | None = None) -> Iterator[Result]:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - installed with parley's scale-out extra
        raise UsageError("--dask needs the `distributed` package", hint="pip install 'dask[distributed]'") from exc
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address!r}: {exc}",
                         hint="check the address (tcp://HOST:8786) and that the scheduler is running") from exc
    try:
        threads = sum(client.nthreads().values()) or 1
        yield from ordered(lambda b: client.submit(analyze_batch, b, stages, settings, parquet_dir, pure=False),
                           batches, window=window or 2 * threads)
    finally:
        client.close()

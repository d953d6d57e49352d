"""Running the pipeline over a corpus into the store: in this process, on a local process pool
(``workers``), or on a Dask cluster (``dask``). Workers analyse; the parent alone writes."""

from .ingest import IngestReport, ingest

__all__ = ["IngestReport", "ingest"]

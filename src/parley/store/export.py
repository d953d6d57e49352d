"""Exports of a store: JSONL (the contract, one document per line), and CSV or Parquet (one file per table).

The JSONL lines are the stored ``documents.json`` values, byte for byte what ``parley analyze --format
jsonl`` printed for the same documents, in the order they were ingested. Tables are read in pages
(``PAGE`` rows), so memory does not grow with the store. ``write_partition`` is what ingest workers
call with ``--parquet-dir``: one Parquet file per table per batch, named for the batch's documents.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import UsageError
from . import connect
from .tables import COLUMNS, EXPORT_TABLES, document_rows, quoted

FORMATS = ("jsonl", "csv", "parquet")
PAGE = 5000
_SKIP_COLUMNS = {"documents": {"json"}}  # the whole document belongs in the JSONL export
_ARROW = {"TEXT": "string", "INTEGER": "int64", "REAL": "float64"}


def columns(table: str) -> list[tuple[str, str]]:
    return [(c, t) for c, t in COLUMNS[table] if c not in _SKIP_COLUMNS.get(table, ())]


def arrow_schema(table: str):
    import pyarrow as pa

    return pa.schema([(c, getattr(pa, _ARROW[t])()) for c, t in columns(table)])


def export(db, out_dir: str | Path, fmt: str = "jsonl") -> dict[str, int]:
    """Write the store's contents to ``out_dir``; return rows (documents for JSONL) per file written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    conn = connect(db)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        return {"documents.jsonl": export_jsonl(conn, out / "documents.jsonl")}
    written = {}
    for table in EXPORT_TABLES:
        path = out / f"{table}.{fmt}"
        written[path.name] = (export_csv if fmt == "csv" else export_parquet)(conn, table, path)
    return written


def export_jsonl(conn, path: Path) -> int:
    count = 0
    with _atomic(path, "w", newline="\n") as handle:
        for (text,) in _pages(conn, "SELECT json FROM documents ORDER BY rowid"):
            handle.write(text + "\n")
            count += 1
    return count


def _select(table: str) -> str:
    cols = ", ".join(quoted(c) for c, _ in columns(table))
    return f"SELECT {cols} FROM {table} ORDER BY rowid"  # ingest order: the same input gives the same files


def export_csv(conn, table: str, path: Path) -> int:
    count = 0
    with _atomic(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c for c, _ in columns(table)])
        for row in _pages(conn, _select(table)):
            writer.writerow(row)
            count += 1
    return count


def export_parquet(conn, table: str, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    names = [c for c, _ in columns(table)]
    count = 0
    tmp = path.with_name(path.name + ".tmp")
    with pq.ParquetWriter(tmp, schema) as writer:
        page: list[tuple] = []
        for row in _pages(conn, _select(table)):
            page.append(row)
            if len(page) >= PAGE:
                writer.write_table(pa.Table.from_pylist([dict(zip(names, r, strict=True)) for r in page], schema))
                count += len(page)
                page = []
        if page or count == 0:
            writer.write_table(pa.Table.from_pylist([dict(zip(names, r, strict=True)) for r in page], schema))
            count += len(page)
    os.replace(tmp, path)
    return count


def write_partition(analysed: list[str], folder: str | Path) -> str:
    """Parquet files ``folder/<table>/part-<name>.parquet`` for one batch of analysed documents.

    The name is a hash of the batch's document ids, so a batch written twice overwrites itself."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    docs = [json.loads(text) for text in analysed]
    name = hashlib.sha1("\n".join(d["id"] for d in docs).encode()).hexdigest()[:16]
    tables: dict[str, list[dict]] = {t: [] for t in EXPORT_TABLES}
    for doc, text in zip(docs, analysed, strict=True):
        for table, rows in document_rows(doc, text).items():
            tables[table].extend(rows)
    for table, rows in tables.items():
        if not rows:
            continue
        target = Path(folder) / table / f"part-{name}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        pq.write_table(pa.Table.from_pylist(rows, arrow_schema(table)), tmp)
        os.replace(tmp, target)
    return name


def _pages(conn, sql: str) -> Iterator[tuple]:
    cursor = conn.execute(sql)
    while page := cursor.fetchmany(PAGE):
        yield from page


class _atomic:
    """Write to ``path.tmp`` and move it into place when done, so a failed export leaves no half file."""

    def __init__(self, path: Path, mode: str, **kwargs):
        self.path, self.tmp = path, path.with_name(path.name + ".tmp")
        self.handle = open(self.tmp, mode, encoding="utf-8", **kwargs)  # noqa: SIM115

    def __enter__(self):
        return self.handle

    def __exit__(self, kind, *rest):
        self.handle.close()
        if kind is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)

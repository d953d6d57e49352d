"""The one writer of a store: batched, idempotent, crash-safe.

Each batch is one transaction. A document's rows are inserted only together with its ``documents`` row
(``INSERT ... ON CONFLICT(id) DO NOTHING``), so a document is either stored whole or not at all, and a
document already stored is left as it is: re-ingesting is a no-op, and an ingest killed at any point
and started again ends with every document exactly once. Unreadable inputs are kept in ``sources``
(status ``unreadable``) and ``skips`` (stage ``read``), keyed by source, and tried again next time.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model import Document
from . import open_store
from .tables import COLUMNS, DOCUMENT_TABLES, document_rows, quoted


def _insert_sql(table: str, conflict: str = "") -> str:
    cols = [c for c, _ in COLUMNS[table]]
    return (f"INSERT INTO {table} ({', '.join(map(quoted, cols))}) VALUES ({', '.join('?' * len(cols))})"
            f"{conflict}")


_INSERT = {t: _insert_sql(t) for t in DOCUMENT_TABLES}
_INSERT_DOCUMENT = _insert_sql("documents", " ON CONFLICT(id) DO NOTHING")


@dataclass
class Written:
    """What one batch did: documents newly stored, already there, and unreadable inputs recorded."""

    stored: int = 0
    present: int = 0
    unreadable: int = 0


class StoreWriter:
    """Writes analysed documents (their contract JSON) and unreadable stubs to the store at ``db``."""

    def __init__(self, db: str | Path, *, replace: bool = False):
        self.conn = open_store(db)
        self.replace = replace

    # -- cheap checks used to skip work on a restart ------------------------------------------
    def source_status(self, source: str | None) -> str | None:
        return self.source_record(source)[0]

    def source_record(self, source: str | None) -> tuple[str | None, int | None]:
        """(status, size in bytes when it was read) of a source, or (None, None)."""
        if source is None:
            return None, None
        row = self.conn.execute("SELECT status, bytes FROM sources WHERE source = ?", (source,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def partitions(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT name FROM partitions")}

    # -- writing --------------------------------------------------------------------------------
    def write(self, analysed: Iterable[str], stubs: Iterable[Document] = (), *,
              aliases: Iterable[tuple[str, str, int | None]] = (), partition: str | None = None,
              inputs: Iterable[tuple[str, int] | None] = ()) -> Written:
        """One transaction: analysed documents (``Document.to_json(indent=None)`` strings), unreadable
        stubs, and ``aliases`` (source, document id, bytes) for inputs whose text is already stored.

        ``inputs`` gives, per analysed document, the file it was read from and its size (``None`` for a
        file holding many documents): recorded as a source too, so that a restart skips the file
        without reading it while its size is unchanged."""
        written = Written()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for text, read_from in itertools.zip_longest(analysed, inputs):
                doc = json.loads(text)
                stored = self._write_document(doc, text)
                written.stored += stored
                written.present += not stored
                if read_from is not None:
                    self._source(read_from[0], doc["id"], "stored" if stored else "duplicate", read_from[1])
            for source, doc_id, size in aliases:
                self._source(source, doc_id, "duplicate", size)
            for stub in stubs:
                self._write_stub(stub)
                written.unreadable += 1
            if partition is not None:
                conn.execute("INSERT OR IGNORE INTO partitions (name, documents) VALUES (?, ?)",
                             (partition, written.stored + written.present))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return written

    def _write_document(self, doc: dict, text: str) -> bool:
        rows = document_rows(doc, text)  # the JSON exactly as the pipeline wrote it
        did = doc["id"]
        if self.replace:
            for table in DOCUMENT_TABLES:
                self.conn.execute(f"DELETE FROM {table} WHERE document = ?", (did,))
            self.conn.execute("DELETE FROM documents WHERE id = ?", (did,))
        cursor = self.conn.execute(_INSERT_DOCUMENT, _values("documents", rows["documents"][0]))
        if cursor.rowcount != 1:
            self._source(doc.get("source"), did, "duplicate")
            return False
        for table in DOCUMENT_TABLES:
            if rows[table]:
                self.conn.executemany(_INSERT[table], [_values(table, r) for r in rows[table]])
        self._source(doc.get("source"), did, "stored")
        return True

    def _source(self, source: str | None, doc_id: str, status: str, size: int | None = None) -> None:
        """Record where a document came from; a stored source keeps its status."""
        if source is None:
            return
        self.conn.execute("DELETE FROM skips WHERE document IS NULL AND source = ?", (source,))  # readable now
        self.conn.execute(
            "INSERT INTO sources (source, document, status, bytes) VALUES (?, ?, ?, ?) ON CONFLICT(source) DO UPDATE "
            "SET document = excluded.document, status = excluded.status, bytes = coalesce(excluded.bytes, bytes) "
            "WHERE sources.status != 'stored' OR excluded.status = 'stored'",
            (source, doc_id, status, size),
        )

    def _write_stub(self, stub: Document) -> None:
        source = stub.source or "<unknown>"
        if self.source_status(source) in ("stored", "duplicate"):
            return
        self.conn.execute("DELETE FROM skips WHERE document IS NULL AND source = ?", (source,))
        self.conn.executemany(
            "INSERT INTO skips (document, source, ord, stage, reason, code) VALUES (NULL, ?, ?, ?, ?, ?)",
            [(source, i, s.stage, s.reason, s.code) for i, s in enumerate(stub.skipped)],
        )
        self.conn.execute(
            "INSERT INTO sources (source, document, status) VALUES (?, NULL, 'unreadable') "
            "ON CONFLICT(source) DO UPDATE SET status = 'unreadable', document = NULL",
            (source,),
        )

    def checkpoint(self) -> None:
        # another reader may hold the WAL; SQLite then checkpoints later
        with contextlib.suppress(sqlite3.OperationalError):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.checkpoint()
        self.conn.close()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _values(table: str, row: dict) -> tuple:
    return tuple(row.get(c) for c, _ in COLUMNS[table])

"""The corpus store: SQLite in WAL mode, one writer, named migrations, full-text search over segments.

    from parley.store import open_store, queries
    conn = open_store("parley.db")            # created and migrated if needed
    queries.search("parley.db", "peace treaty", kind="answer")

See ``docs/store.md`` for the schema. Ingesting is ``parley.run.ingest``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import UsageError
from .schema import MIGRATIONS, applied, migrate

__all__ = ["MIGRATIONS", "applied", "connect", "migrate", "open_store"]


def open_store(db: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """A connection to the store at ``db`` (autocommit mode; WAL), migrated to the current schema.

    With ``create=False`` a missing store is a usage error that says to ingest first."""
    path = Path(db)
    if not create and str(db) != ":memory:" and not path.is_file():
        raise UsageError(f"no store at {str(path)!r}", hint="create it with `parley ingest PATH... --db FILE`")
    if create and path.parent and not path.parent.exists():
        raise UsageError(f"the folder of {str(path)!r} does not exist")
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=60)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=OFF")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{str(path)!r} is not a parley store ({exc})",
                         hint="give --db a new file name or a store made by `parley ingest`") from exc
    return conn


def connect(db: str | Path | sqlite3.Connection) -> sqlite3.Connection:
    """``db`` itself when it is a connection, else the existing store at that path."""
    return db if isinstance(db, sqlite3.Connection) else open_store(db, create=False)

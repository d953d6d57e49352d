"""The store's schema as named migrations, applied once each and recorded in ``migrations``.

A migration is a name and a list of SQL statements, run in one transaction. Never edit a migration
that has shipped: add a new one (a new stage's tables are a new migration at the end of the list).
The schema is plain SQLite (FTS5 and triggers only), so Datasette and the ``sqlite3`` shell read it
with nothing installed.
"""

from __future__ import annotations

import sqlite3

_SEG_FTS = "segments_fts"

MIGRATIONS: list[tuple[str, list[str]]] = [
    ("0001_documents_segments_actors", [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY, source TEXT, title TEXT, date TEXT, language TEXT, chars INTEGER,
            stages TEXT, parley TEXT, text TEXT NOT NULL, json TEXT NOT NULL)""",
        "CREATE INDEX documents_date ON documents(date)",
        """CREATE TABLE sources (
            source TEXT PRIMARY KEY, document TEXT, status TEXT NOT NULL
            CHECK (status IN ('stored', 'duplicate', 'unreadable')), bytes INTEGER)""",
        "CREATE INDEX sources_document ON sources(document)",
        """CREATE TABLE segments (
            document TEXT NOT NULL REFERENCES documents(id), id TEXT NOT NULL, ord INTEGER NOT NULL,
            kind TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT, speaker TEXT,
            speaker_actor TEXT, speaker_basis TEXT, reply_to TEXT, time TEXT, language TEXT, text TEXT,
            UNIQUE (document, id))""",
        "CREATE INDEX segments_kind ON segments(kind)",
        f"""CREATE VIRTUAL TABLE {_SEG_FTS} USING fts5(
            text, content="segments", content_rowid="rowid", tokenize='porter unicode61 remove_diacritics 2')""",
        f"""CREATE TRIGGER segments_ai AFTER INSERT ON segments BEGIN
            INSERT INTO {_SEG_FTS}(rowid, text) VALUES (new.rowid, new.text); END""",
        f"""CREATE TRIGGER segments_ad AFTER DELETE ON segments BEGIN
            INSERT INTO {_SEG_FTS}({_SEG_FTS}, rowid, text) VALUES ('delete', old.rowid, old.text); END""",
        """CREATE TABLE actors (
            document TEXT NOT NULL REFERENCES documents(id), id TEXT NOT NULL, name TEXT, type TEXT,
            country TEXT, sector TEXT, role TEXT, wikidata TEXT, mentions INTEGER, PRIMARY KEY (document, id))""",
        "CREATE INDEX actors_country ON actors(country)",
        """CREATE TABLE mentions (
            document TEXT NOT NULL REFERENCES documents(id), kind TEXT NOT NULL, entity TEXT NOT NULL,
            ord INTEGER NOT NULL, "start" INTEGER, "end" INTEGER, article TEXT, segment TEXT, text TEXT,
            PRIMARY KEY (document, kind, entity, ord))""",
        """CREATE TABLE instruments (
            document TEXT NOT NULL REFERENCES documents(id), id TEXT NOT NULL, name TEXT, date TEXT,
            wikidata TEXT, mentions INTEGER, PRIMARY KEY (document, id))""",
        "CREATE INDEX instruments_id ON instruments(id)",
        """CREATE TABLE dates (
            document TEXT NOT NULL REFERENCES documents(id), ord INTEGER NOT NULL, text TEXT, "start" INTEGER,
            "end" INTEGER, value TEXT, precision TEXT, earliest TEXT, latest TEXT, PRIMARY KEY (document, ord))""",
        """CREATE TABLE skips (
            document TEXT, source TEXT, ord INTEGER NOT NULL, stage TEXT NOT NULL, reason TEXT, code TEXT)""",
        "CREATE INDEX skips_document ON skips(document)",
        "CREATE INDEX skips_source ON skips(source)",
    ]),
    ("0002_events", [
        """CREATE TABLE events (
            document TEXT NOT NULL REFERENCES documents(id), id TEXT NOT NULL, type TEXT, mode TEXT,
            contexts TEXT, actor TEXT, recipient TEXT, negated INTEGER, tense TEXT, segment TEXT,
            "start" INTEGER, "end" INTEGER, trigger_start INTEGER, trigger_end INTEGER, confidence REAL, text TEXT,
            PRIMARY KEY (document, id))""",
        "CREATE INDEX events_type ON events(type)",
        """CREATE TABLE event_actors (
            document TEXT NOT NULL, event TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
            ord INTEGER NOT NULL, actor TEXT NOT NULL, PRIMARY KEY (document, event, role, ord))""",
        "CREATE INDEX event_actors_actor ON event_actors(document, actor)",
    ]),
    ("0003_issues_positions", [
        """CREATE TABLE issues (
            document TEXT NOT NULL REFERENCES documents(id), id TEXT NOT NULL, label TEXT, topic TEXT,
            mentions INTEGER, PRIMARY KEY (document, id))""",
        """CREATE TABLE positions (
            document TEXT NOT NULL, issue TEXT NOT NULL, ord INTEGER NOT NULL, actor TEXT, stance TEXT,
            segment TEXT, "start" INTEGER, "end" INTEGER, text TEXT, PRIMARY KEY (document, issue, ord))""",
    ]),
    ("0004_commitments", [
        """CREATE TABLE commitments (
            document TEXT NOT NULL REFERENCES documents(id), id TEXT NOT NULL, action TEXT, actor TEXT,
            segment TEXT, "start" INTEGER, "end" INTEGER, due_text TEXT, due_date TEXT, due_latest TEXT, text TEXT,
            PRIMARY KEY (document, id))""",
    ]),
    ("0005_discussion_comments", [
        """CREATE TABLE comments (
            document TEXT NOT NULL REFERENCES documents(id), segment TEXT NOT NULL, toxicity REAL,
            severe_toxicity REAL, insult REAL, threat REAL, identity_attack REAL, profanity REAL, conspiracy REAL,
            off_topic REAL, scores TEXT, flags TEXT, stance TEXT, urls TEXT, domains TEXT, language TEXT,
            PRIMARY KEY (document, segment))""",
    ]),
    ("0006_partitions", [
        # Parquet partitions written by workers (ingest --parquet-dir), recorded with the batch that wrote
        # them, so that files left by a killed run can be told apart and removed on restart
        "CREATE TABLE partitions (name TEXT PRIMARY KEY, documents INTEGER NOT NULL)",
    ]),
    ("0007_web_indexes", [
        # the web app's actor pages and dyads look actors up by name and walk from an actor to its events
        "CREATE INDEX actors_name ON actors(name)",
        "CREATE INDEX comments_toxicity ON comments(toxicity)",
        "CREATE INDEX segments_speaker_actor ON segments(document, speaker_actor)",
    ]),
    ("0008_event_dyads", [
        # each pair of countries among an event's parties, so that a dyad is an index range, not a join
        # over every event; filled for the documents already stored
        """CREATE TABLE event_dyads (
            document TEXT NOT NULL, event TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
            PRIMARY KEY (a, b, document, event))""",
        """INSERT OR IGNORE INTO event_dyads (document, event, a, b)
            WITH p AS (SELECT DISTINCT ea.document, ea.event, x.country FROM event_actors ea
                       JOIN actors x ON x.document = ea.document AND x.id = ea.actor WHERE x.country IS NOT NULL)
            SELECT p1.document, p1.event, p1.country, p2.country FROM p p1 JOIN p p2
            ON p2.document = p1.document AND p2.event = p1.event AND p2.country > p1.country""",
    ]),
]


def applied(conn: sqlite3.Connection) -> list[str]:
    """The names of the migrations this store has, in the order they were applied."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY ord")]


def migrate(conn: sqlite3.Connection, migrations: list[tuple[str, list[str]]] | None = None) -> list[str]:
    """Apply the migrations this store lacks, each in its own transaction; return their names.

    ``conn`` must be in autocommit mode (``isolation_level=None``). ``BEGIN IMMEDIATE`` makes two
    processes opening a new store at once apply each migration exactly once."""
    migrations = MIGRATIONS if migrations is None else migrations
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
    done: list[str] = []
    for number, (name, statements) in enumerate(migrations, start=1):
        if name in applied(conn):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone() is None:
                for sql in statements:
                    conn.execute(sql)
                conn.execute("INSERT INTO migrations (ord, name) VALUES (?, ?)", (number, name))
                done.append(name)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return done

"""The store: migrations, the writer's idempotence and atomicity, rows for every entity, plain SQLite."""

from __future__ import annotations

import json
import sqlite3

import pytest

from parley.errors import InputNotFound
from parley.model import (
    Actor,
    CommentAnalysis,
    Commitment,
    DateMention,
    Discussion,
    Document,
    Due,
    Event,
    Evidence,
    Instrument,
    InstrumentMention,
    Issue,
    Position,
    Segment,
    Skip,
    Span,
    Speaker,
)
from parley.readers import stub
from parley.store import MIGRATIONS, applied, migrate, open_store
from parley.store.tables import COLUMNS
from parley.store.writer import StoreWriter

TEXT = ("Lavrov: Russia accuses Japan of stalling the peace treaty talks. We will meet again next month.\n"
        "Question: Will you sign the 1956 Declaration?\nLavrov: We stand by it.\nreader1: Nonsense, all of it.")


def full_document(text: str = TEXT, date: str = "2019-01-14", source: str = "hand.txt") -> Document:
    """A document built by hand with every kind of entity the contract has."""
    q = text.index("Question")
    a = text.index("Lavrov: We")
    c = text.index("reader1")
    doc = Document(text=text, source=source, date=date, language="en")
    doc.segments = [
        Segment("s1", "statement", 0, q - 1, "Lavrov", Speaker("Sergey Lavrov", "a1")),
        Segment("s2", "question", q, a - 1, "Question"),
        Segment("s3", "answer", a, c - 1, "Lavrov", Speaker("Sergey Lavrov", "a1"), reply_to="s2"),
        Segment("s4", "comment", c, len(text), "reader1", Speaker("reader1", basis="markup")),
    ]
    doc.actors = [
        Actor("a1", "Sergey Lavrov", "person", "RUS", "GOV", "Minister of Foreign Affairs", mentions=[Span(0, 6)]),
        Actor("a2", "Russia", "state", "RUS", "GOV", mentions=[Span(8, 14)]),
        Actor("a3", "Japan", "state", "JPN", "GOV", mentions=[Span(23, 28)]),
    ]
    doc.events = [Event("e1", "ACCUSE", "s1", 8, 64, actor=["a2"], recipient=["a3"], tense="present",
                        trigger=Span(15, 22), confidence=0.8)]
    doc.instruments = [Instrument("soviet-japanese-joint-declaration-1956", "Joint Declaration (1956)", "1956-10-19",
                                  mentions=[InstrumentMention(q + 23, q + 39, None)])]
    doc.issues = [Issue("kuril-islands", "peace treaty and the islands", "International Affairs",
                        mentions=[Span(44, 56)], positions=[Position("a2", "demands", "s1", 8, 64)])]
    doc.commitments = [Commitment("c1", "meet again", "s1", 65, 97, actor=["a1"],
                                  due=Due("next month", None, "2019-02-28"))]
    doc.dates = [DateMention("next month", 86, 96, "2019-02", "month", "2019-02-01", "2019-02-28")]
    comment = CommentAnalysis("s4", {"toxicity": 0.7, "insult": 0.4}, ["toxicity"], {"RUS": -0.2},
                              evidence=[Evidence("toxicity", c + 9, c + 17)])
    doc.discussion = Discussion(comments=[comment])
    doc.skipped = [Skip("commitments", "a hand-built reason", "test")]
    doc.meta = {"parley": "0.1.0", "stages": ["structure"]}
    return doc


def line(doc: Document) -> str:
    return doc.to_json(indent=None)


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COLUMNS}


def test_migrations_apply_once_and_are_recorded(tmp_path):
    db = tmp_path / "s.db"
    conn = open_store(db)
    names = [name for name, _ in MIGRATIONS]
    assert applied(conn) == names
    assert migrate(conn) == []  # nothing left to apply
    conn.close()
    again = open_store(db)
    assert applied(again) == names
    assert again.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(names)


def test_a_new_stage_table_is_a_new_migration_applied_once(tmp_path):
    conn = open_store(tmp_path / "s.db")
    extra = [*MIGRATIONS, ("9999_test_stage", ["CREATE TABLE test_stage (document TEXT, value TEXT)"])]
    assert migrate(conn, extra) == ["9999_test_stage"]
    assert migrate(conn, extra) == []
    assert applied(conn)[-1] == "9999_test_stage"


def test_migrations_create_the_columns_the_writer_and_exports_use(tmp_path):
    conn = open_store(tmp_path / "s.db")
    for table, columns in COLUMNS.items():
        found = [(row[1], row[2]) for row in conn.execute(f"PRAGMA table_info({table})")]
        assert found == columns, table


def test_store_is_in_wal_mode(tmp_path):
    conn = open_store(tmp_path / "s.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_every_entity_of_the_contract_gets_rows(tmp_path):
    with StoreWriter(tmp_path / "s.db") as writer:
        writer.write([line(full_document())])
        got = counts(writer.conn)
    assert got == {"documents": 1, "segments": 4, "actors": 3, "mentions": 3 + 1 + 1 + 1, "instruments": 1,
                   "dates": 1, "skips": 1, "events": 1, "event_actors": 2, "issues": 1, "positions": 1,
                   "commitments": 1, "comments": 1, "event_dyads": 1}


def test_a_store_from_before_event_dyads_gets_them_filled_when_opened(tmp_path):
    db = tmp_path / "s.db"
    with StoreWriter(db) as writer:
        writer.write([line(full_document())])
        writer.conn.execute("DROP TABLE event_dyads")
        writer.conn.execute("DELETE FROM migrations WHERE name = '0008_event_dyads'")
    conn = open_store(db)
    assert conn.execute("SELECT a, b FROM event_dyads").fetchall() == [("JPN", "RUS")]


def test_rows_keep_offsets_and_the_evidence_text(tmp_path):
    doc = full_document()
    with StoreWriter(tmp_path / "s.db") as writer:
        writer.write([line(doc)])
        start, end, text = writer.conn.execute('SELECT "start", "end", text FROM events').fetchone()
        seg_text = writer.conn.execute("SELECT text FROM segments WHERE id = 's3'").fetchone()[0]
    assert text == doc.text[start:end] == "Russia accuses Japan of stalling the peace treaty talks."
    assert seg_text == doc.segment_text(doc.segments[2])


def test_writing_the_same_document_twice_is_a_no_op(tmp_path):
    doc = full_document()
    with StoreWriter(tmp_path / "s.db") as writer:
        first = writer.write([line(doc)])
        before = counts(writer.conn)
        second = writer.write([line(doc)])
        assert counts(writer.conn) == before
    assert (first.stored, second.stored, second.present) == (1, 0, 1)


def test_same_text_from_another_source_is_recorded_as_a_duplicate(tmp_path):
    with StoreWriter(tmp_path / "s.db") as writer:
        writer.write([line(full_document(source="a.txt")), line(full_document(source="b.txt"))])
        sources = writer.conn.execute("SELECT source, status FROM sources ORDER BY source").fetchall()
        assert counts(writer.conn)["documents"] == 1
    assert sources == [("a.txt", "stored"), ("b.txt", "duplicate")]


def test_a_failing_batch_stores_none_of_its_documents(tmp_path):
    good = line(full_document())
    with StoreWriter(tmp_path / "s.db") as writer:
        with pytest.raises(json.JSONDecodeError):
            writer.write([good, "{not json"])
        assert counts(writer.conn)["documents"] == 0
        assert counts(writer.conn)["segments"] == 0


def test_unreadable_inputs_are_stored_with_their_reason_keyed_by_source(tmp_path):
    missing = stub("gone.txt", InputNotFound("gone.txt: no such file or folder"))
    with StoreWriter(tmp_path / "s.db") as writer:
        writer.write([], [missing])
        writer.write([], [missing])  # a second run records it once, not twice
        skips = writer.conn.execute("SELECT document, source, stage, code, reason FROM skips").fetchall()
        status = writer.source_status("gone.txt")
    assert skips == [(None, "gone.txt", "read", "not_found", "gone.txt: no such file or folder")]
    assert status == "unreadable"


def test_an_input_readable_again_replaces_its_unreadable_record(tmp_path):
    with StoreWriter(tmp_path / "s.db") as writer:
        writer.write([], [stub("hand.txt", InputNotFound("hand.txt: no such file or folder"))])
        writer.write([line(full_document(source="hand.txt"))])
        assert writer.source_status("hand.txt") == "stored"
        reads = writer.conn.execute("SELECT count(*) FROM skips WHERE stage = 'read'").fetchone()[0]
    assert reads == 0


def test_replace_stores_the_new_analysis_once(tmp_path):
    doc = full_document()
    with StoreWriter(tmp_path / "s.db") as writer:
        writer.write([line(doc)])
    doc.events = []
    with StoreWriter(tmp_path / "s.db", replace=True) as writer:
        writer.write([line(doc)])
        got = counts(writer.conn)
    assert got["documents"] == 1 and got["events"] == 0 and got["segments"] == 4


def test_the_store_is_plain_sqlite_readable_without_parley(tmp_path):
    db = tmp_path / "s.db"
    with StoreWriter(db) as writer:
        writer.write([line(full_document())])
    conn = sqlite3.connect(db)  # what Datasette or the sqlite3 shell does: no functions registered
    hits = conn.execute("SELECT s.id FROM segments_fts JOIN segments s ON s.rowid = segments_fts.rowid "
                        "WHERE segments_fts MATCH 'treaty' ORDER BY s.id").fetchall()
    assert hits == [("s1",)]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_datasette_finds_the_full_text_index_of_segments(tmp_path):
    """Datasette offers search on a table when an FTS table names it as its content, in double quotes."""
    conn = open_store(tmp_path / "s.db")
    found = conn.execute("""SELECT name FROM sqlite_master WHERE rootpage = 0
                            AND sql LIKE '%VIRTUAL TABLE%USING FTS%content="segments"%'""").fetchall()
    assert found == [("segments_fts",)]


def test_a_file_that_is_not_a_store_is_a_usage_error(tmp_path):
    from parley.errors import UsageError

    bogus = tmp_path / "not.db"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(UsageError, match="not a parley store"):
        open_store(bogus)

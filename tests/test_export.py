"""Exports: JSONL byte-identical to `parley analyze --format jsonl`, CSV and Parquet tables per entity."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from conftest import DATA, SAMPLE, need
from parley.cli import main
from parley.cli import main as parley_main
from parley.run import ingest
from parley.store.export import export
from parley.store.tables import COLUMNS
from parley.store.writer import StoreWriter
from test_store import full_document, line


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """The founding example ingested with the default stages, and `parley analyze`'s JSONL of it."""
    folder = tmp_path_factory.mktemp("default")
    db = folder / "p.db"
    ingest([need(SAMPLE)], db)
    assert parley_main(["analyze", str(SAMPLE), "--format", "jsonl", "-o", str(folder / "analyze.jsonl")]) == 0
    return db, folder / "analyze.jsonl"


def test_the_default_stages_fill_the_entity_tables(analysed):
    db, _ = analysed
    conn = sqlite3.connect(db)
    for table in ("segments", "actors", "mentions", "instruments", "dates"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
    assert conn.execute("SELECT count(*) FROM instruments WHERE id = 'soviet-japanese-joint-declaration-1956'"
                        ).fetchone()[0] == 1


def test_jsonl_export_is_byte_identical_to_analyze(analysed, tmp_path):
    db, expected = analysed
    assert main(["export", "--db", str(db), "--format", "jsonl", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "documents.jsonl").read_bytes() == expected.read_bytes()


def test_search_and_speaker_filter_on_the_founding_example(analysed):
    from parley.store import queries

    hits = queries.search(analysed[0], "peace treaty", kind="answer", speaker="Lavrov")
    assert hits and {h["kind"] for h in hits} == {"answer"}


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "s.db"
    with StoreWriter(db) as writer:
        writer.write([line(full_document()), line(full_document(full_document().text + " More.", source="b.txt"))])
    return db


def test_csv_export_writes_one_file_per_table_with_every_row(store, tmp_path):
    written = export(store, tmp_path / "csv", "csv")
    conn = sqlite3.connect(store)
    for table in COLUMNS:
        with open(tmp_path / "csv" / f"{table}.csv", newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == [c for c, _ in COLUMNS[table] if not (table == "documents" and c == "json")]
        expected = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        assert len(rows) - 1 == expected == written[f"{table}.csv"], table


def test_parquet_export_has_typed_columns_and_every_row(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export(store, tmp_path / "pq", "parquet")
    events = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert events.num_rows == 2
    assert str(events.schema.field("start").type) == "int64"
    assert str(events.schema.field("confidence").type) == "double"
    assert pq.read_table(tmp_path / "pq" / "comments.parquet").column("toxicity").to_pylist() == [0.7, 0.7]
    assert pq.read_table(tmp_path / "pq" / "commitments.parquet").num_rows == 2


def test_exports_are_deterministic(store, tmp_path):
    for fmt in ("jsonl", "csv"):
        export(store, tmp_path / "a", fmt)
        export(store, tmp_path / "b", fmt)
    for file in (tmp_path / "a").iterdir():
        assert file.read_bytes() == (tmp_path / "b" / file.name).read_bytes(), file.name


def test_export_of_a_corpus_matches_analyze_over_the_same_files(tmp_path):
    inputs = [str(p) for p in sorted(need(DATA / "wh_briefings" / "press_conferences").glob("*.md"))[:3]]
    ingest(inputs, tmp_path / "p.db", stages=["structure"])
    export(tmp_path / "p.db", tmp_path / "out", "jsonl")
    assert parley_main(["analyze", *inputs, "--stages", "structure", "--format", "jsonl", "-q",
                        "-o", str(tmp_path / "analyze.jsonl")]) == 0
    assert (tmp_path / "out" / "documents.jsonl").read_bytes() == (tmp_path / "analyze.jsonl").read_bytes()


def test_parquet_partitions_hold_each_stored_document_once_after_a_crash(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    inputs = [str(p) for p in sorted(need(DATA / "wh_briefings" / "press_conferences").glob("*.md"))[:2]]
    orphan = tmp_path / "parts" / "documents" / "part-0123456789abcdef.parquet"  # from a batch never stored
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left by a killed run")
    ingest(inputs, tmp_path / "p.db", stages=["structure"], parquet_dir=tmp_path / "parts")
    assert not orphan.exists()
    ids = [i for part in sorted((tmp_path / "parts" / "documents").glob("part-*.parquet"))
           for i in pq.read_table(part).column("id").to_pylist()]
    stored = [r[0] for r in sqlite3.connect(tmp_path / "p.db").execute("SELECT id FROM documents")]
    assert sorted(ids) == sorted(stored) and len(ids) == 2

"""Ingest: idempotent re-runs, resuming after kill -9, worker pools and Dask giving the same store."""

from __future__ import annotations

import importlib
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SAMPLE, need
from parley.run import ingest
from parley.run.progress import Progress
from parley.store.tables import COLUMNS

FAST = ["structure"]


def press_conferences(n: int = 12) -> list[Path]:
    return sorted(need(DATA / "wh_briefings" / "press_conferences").glob("*.md"))[:n]


def un_speeches(n: int) -> list[Path]:
    return sorted(need(DATA / "ungdc" / "speeches").glob("*/*.txt"))[:n]


def dump(db: Path) -> dict[str, list[tuple]]:
    """A store's contents, independent of row ids and insertion order."""
    conn = sqlite3.connect(db)
    out = {}
    for table, columns in COLUMNS.items():
        cols = ", ".join(f'"{c}"' for c, _ in columns)
        out[table] = sorted(conn.execute(f"SELECT {cols} FROM {table}").fetchall(), key=repr)
    out["sources"] = sorted(conn.execute("SELECT source, document, status FROM sources").fetchall(), key=repr)
    conn.close()
    return out


def test_ingesting_twice_leaves_each_document_once(tmp_path):
    db = tmp_path / "p.db"
    inputs = [need(SAMPLE), *press_conferences(12)]
    first = ingest(inputs, db, stages=FAST)
    before = dump(db)
    second = ingest(inputs, db, stages=FAST)
    assert (first.stored, second.stored, second.present) == (13, 0, 13)
    assert len(before["documents"]) == 13
    assert dump(db) == before  # same documents, same segment count, same everything


def test_a_restart_skips_stored_files_without_reading_them(tmp_path, monkeypatch):
    db = tmp_path / "p.db"
    inputs = press_conferences(3)
    ingest(inputs, db, stages=FAST)
    module = sys.modules["parley.run.ingest"]

    def refuse(*args, **kwargs):
        raise AssertionError("a stored file was read again")

    monkeypatch.setattr(module, "read", refuse)
    assert ingest(inputs, db, stages=FAST).present == 3


def test_unreadable_inputs_are_stored_with_their_reasons(tmp_path):
    db = tmp_path / "p.db"
    (tmp_path / "empty.txt").write_text("   \n")
    report = ingest([need(SAMPLE), tmp_path / "empty.txt", tmp_path / "missing.txt"], db, stages=FAST)
    assert report.stored == 1 and report.unreadable == 2
    rows = sqlite3.connect(db).execute("SELECT source, stage, code FROM skips ORDER BY source").fetchall()
    assert rows == [(str(tmp_path / "empty.txt"), "read", "empty"),
                    (str(tmp_path / "missing.txt"), "read", "not_found")]


def test_an_ingest_killed_with_sigkill_finishes_with_every_document_once(tmp_path):
    inputs = [str(p) for p in un_speeches(40)]
    db = tmp_path / "p.db"
    env = {**os.environ, "PARLEY_BATCH_SIZE": "1", "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "parley.store", "ingest", *inputs, "--db", str(db), "--stages",
               "structure,language", "-q"]
    killed_at = None
    for _attempt in range(5):  # kill it part-way; on a very fast machine, try again
        db.unlink(missing_ok=True)
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        stored = 0
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                stored = sqlite3.connect(db, timeout=0.1).execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 3:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.01)
        proc.wait()
        if proc.returncode == -signal.SIGKILL:
            killed_at = stored
            break
    assert killed_at is not None and killed_at < 40, "the ingest always finished before it could be killed"
    done = subprocess.run(command[:-1], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (40, 40)
    assert conn.execute("SELECT count(*) FROM (SELECT document, id FROM segments GROUP BY document, id "
                        "HAVING count(*) > 1)").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM segments_fts").fetchone()[0] == \
        conn.execute("SELECT count(*) FROM segments").fetchone()[0]
    assert "already stored" in done.stderr


def test_a_local_pool_gives_the_same_store_as_one_process(tmp_path):
    inputs = [need(SAMPLE), *un_speeches(5)]
    ingest(inputs, tmp_path / "one.db", stages=FAST)
    ingest(inputs, tmp_path / "pool.db", stages=FAST, workers=2)
    assert dump(tmp_path / "pool.db") == dump(tmp_path / "one.db")


def test_dask_gives_the_same_store_as_the_local_path(tmp_path):
    distributed = pytest.importorskip("distributed")
    import pyarrow.parquet as pq

    inputs = [need(SAMPLE), *un_speeches(6), *press_conferences(2)]
    ingest(inputs, tmp_path / "local.db", stages=FAST)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1",
                                  dashboard_address=None, worker_dashboard_address=None) as cluster:
        report = ingest(inputs, tmp_path / "dask.db", stages=FAST, dask=cluster.scheduler_address,
                        parquet_dir=tmp_path / "parquet")
    assert report.stored == 9
    assert dump(tmp_path / "dask.db") == dump(tmp_path / "local.db")
    parts = sorted((tmp_path / "parquet" / "segments").glob("part-*.parquet"))
    assert parts, "the workers wrote no Parquet partitions"
    rows = sum(pq.read_metadata(p).num_rows for p in parts)
    assert rows == len(dump(tmp_path / "local.db")["segments"])


def test_an_unreachable_dask_scheduler_is_a_usage_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from parley.errors import UsageError

    monkeypatch.setattr(importlib.import_module("parley.run.dask"), "CONNECT_TIMEOUT", "1s")
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        ingest([need(SAMPLE)], tmp_path / "p.db", stages=FAST, dask="tcp://127.0.0.1:9")


def test_progress_shows_rate_eta_and_skips():
    out = io.StringIO()
    bar = Progress(total=10, stream=out, every=0)
    bar.update(stored=4, unreadable=1)
    text = out.getvalue()
    assert "5/10 documents (50%)" in text and "documents/s" in text and "ETA" in text and "1 unreadable" in text
    unknown = io.StringIO()
    Progress(total=None, stream=unknown, every=0).update(stored=2)
    assert "ETA" not in unknown.getvalue() and "2 documents" in unknown.getvalue()


def test_a_stored_file_that_changed_size_is_read_again(tmp_path):
    db = tmp_path / "p.db"
    note = tmp_path / "note.txt"
    note.write_text("The minister met his counterpart in Moscow.\n", encoding="utf-8")
    ingest([note], db, stages=FAST)
    note.write_text("The minister met his counterpart in Tokyo, and they agreed to meet again.\n", encoding="utf-8")
    report = ingest([note], db, stages=FAST)
    assert report.stored == 1
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_jsonl_records_already_stored_are_not_analysed_again(tmp_path):
    db = tmp_path / "p.db"
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"text": "First statement by the ministry."}\n{"text": "Second statement."}\n', encoding="utf-8")
    assert ingest([corpus], db, stages=FAST).stored == 2
    with corpus.open("a", encoding="utf-8") as handle:
        handle.write('{"text": "Third statement."}\n{"broken\n')
    again = ingest([corpus], db, stages=FAST)
    assert (again.stored, again.present, again.unreadable) == (1, 2, 1)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT source, code FROM skips WHERE stage = 'read'").fetchall() == [
        (f"{corpus}:4", "malformed")]


def test_documents_from_standard_input_are_told_apart_by_their_text(tmp_path, monkeypatch):
    db = tmp_path / "p.db"
    for text in (b"A statement read from standard input.", b"Another statement, also from standard input."):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
        assert ingest(["-"], db, stages=FAST).stored == 1
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_workers_and_dask_together_are_a_usage_error(tmp_path):
    from parley.errors import UsageError

    with pytest.raises(UsageError, match="not both"):
        ingest([need(SAMPLE)], tmp_path / "p.db", workers=2, dask="tcp://127.0.0.1:8786")

"""Queries over a store: search, events and their timeline, positions, documents, stats; safe user input."""

from __future__ import annotations

import contextlib
import json
import sqlite3

import pytest

from conftest import SAMPLE, need
from parley.cli import main
from parley.errors import UsageError
from parley.run import ingest
from parley.store import queries
from parley.store.writer import StoreWriter
from test_store import TEXT, full_document, line


@pytest.fixture
def store(tmp_path):
    """Two hand-built documents a month apart, with events, positions and comments."""
    db = tmp_path / "q.db"
    later = full_document(TEXT.replace("stalling", "delaying"), date="2019-02-20", source="later.txt")
    with StoreWriter(db) as writer:
        writer.write([line(full_document()), line(later)])
    return db


@pytest.fixture(scope="module")
def founding_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("founding") / "f.db"
    ingest([need(SAMPLE)], db, stages=["structure"])
    return db


def test_search_finds_the_founding_example(founding_store):
    hits = queries.search(founding_store, "peace treaty")
    assert hits and all(h["source"].endswith(SAMPLE.name) for h in hits)
    assert any("[peace] [treaty]" in h["snippet"].lower() for h in hits)


def test_search_filters_by_kind_and_speaker(store):
    hits = queries.search(store, "stand", kind="answer", speaker="Lavrov")
    assert [(h["segment"], h["kind"], h["speaker"]) for h in hits] == [("s3", "answer", "Sergey Lavrov")] * 2
    assert queries.search(store, "stand", kind="question") == []


def test_search_quoted_phrase_matches_only_the_phrase(store):
    assert len(queries.search(store, '"peace treaty"')) == 2
    assert queries.search(store, '"treaty peace"') == []


@pytest.mark.parametrize("attack", [
    "'; DROP TABLE documents; --", '" OR 1=1 --', "peace) OR (treaty", "NEAR(peace treaty)", "text:peace",
    "peace*", '"unbalanced', "peace AND", "NOT peace", "^peace", "{text}: peace", "peace\x00treaty",
])
def test_injection_attempts_in_search_terms_are_harmless(store, attack):
    with contextlib.suppress(UsageError):  # e.g. no words at all: a clear message, never a traceback
        queries.search(store, attack)
    conn = sqlite3.connect(store)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_search_with_no_words_is_a_usage_error(store):
    with pytest.raises(UsageError, match="no words"):
        queries.search(store, "--- ***")


def test_limits_are_bounded(store):
    assert len(queries.search(store, "Lavrov", limit=1)) == 1
    for bad in (0, -5, 10_001):
        with pytest.raises(UsageError, match="--limit"):
            queries.documents(store, limit=bad)


def test_events_between_two_countries(store):
    rows = queries.events(store, actor="RUS", recipient="JPN", type="accuse", since="2019-01-01")
    assert [(r["date"], r["type"], r["actor"], r["recipient"]) for r in rows] == [
        ("2019-01-14", "ACCUSE", "Russia", "Japan"), ("2019-02-20", "ACCUSE", "Russia", "Japan")]
    assert "delaying the peace treaty" in rows[1]["evidence"]
    assert queries.events(store, actor="JPN", recipient="RUS") == []
    assert len(queries.events(store, actor="russia", until="2019-01")) == 1


def test_events_timeline_counts_per_month_and_type(store):
    rows = queries.timeline(store, actor="RUS", recipient="JPN", by="month")
    assert rows == [{"period": "2019-01", "type": "ACCUSE", "events": 1},
                    {"period": "2019-02", "type": "ACCUSE", "events": 1}]


def test_events_run_and_return_nothing_while_no_events_exist(founding_store):
    assert queries.events(founding_store, actor="RUS", recipient="JPN") == []
    assert queries.timeline(founding_store, actor="RUS", recipient="JPN", by="month") == []


def test_unknown_event_type_is_a_usage_error(store):
    with pytest.raises(UsageError, match="PLOVER"):
        queries.events(store, type="HUG")


def test_positions_by_issue_and_actor(store):
    rows = queries.positions(store, issue="peace treaty", actor="RUS")
    assert [(r["issue"], r["actor"], r["stance"]) for r in rows] == [("kuril-islands", "Russia", "demands")] * 2


def test_documents_and_stats(store):
    docs = queries.documents(store, since="2019-02")
    assert [(d["source"], d["segments"], d["skips"]) for d in docs] == [("later.txt", 4, 1)]
    stats = {r["what"]: r["value"] for r in queries.stats(store)}
    assert stats["rows.documents"] == 2 and stats["rows.events"] == 2 and stats["segments.comment"] == 2
    assert stats["dates.first"] == "2019-01-14"


def test_cli_events_prints_a_table_or_jsonl(store, capsys):
    assert main(["events", "--actor", "RUS", "--recipient", "JPN", "--type", "ACCUSE", "--since", "2019-01-01",
                 "--db", str(store)]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:4] == ["date", "document", "event", "type"]
    assert main(["events", "--actor", "RUS", "--by", "month", "--db", str(store), "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["period"] for r in rows] == ["2019-01", "2019-02"]


def test_cli_on_an_empty_store_prints_no_rows(tmp_path, capsys):
    db = tmp_path / "empty.db"
    with StoreWriter(db):
        pass
    assert main(["events", "--actor", "RUS", "--recipient", "JPN", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "(no rows)"


def test_cli_without_a_store_says_to_ingest_first(tmp_path, capsys):
    assert main(["search", "peace", "--db", str(tmp_path / "none.db")]) == 2
    assert "parley ingest" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_cli_search_of_operators_only_is_a_clear_error(store, capsys):
    assert main(["search", "AND OR ()", "--db", str(store)]) == 0  # operators are searched as words
    assert main(["search", "()*", "--db", str(store)]) == 2
    assert "no words" in capsys.readouterr().err


def test_store_commands_plug_into_parleys_own_parser(store, capsys):
    import argparse

    from parley import cli
    from parley.store.cli_commands import STORE_COMMANDS, add_store_commands

    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "search" not in sub.choices:  # not wired into parley.cli yet
        add_store_commands(sub)
    args = parser.parse_args(["search", "treaty", "--db", str(store), "--format", "jsonl", "--limit", "1"])
    assert {**cli.COMMANDS, **STORE_COMMANDS}[args.command](args) == 0
    assert json.loads(capsys.readouterr().out)["segment"] == "s1"


def test_a_dyad_of_two_countries_finds_the_same_events_either_way_round(tmp_path):
    from conftest import hostile_document, store_of

    db = store_of(tmp_path / "s.db", [hostile_document()])
    forward, backward = queries.dyad(db, "RUS", "JPN"), queries.dyad(db, "JPN", "RUS")
    assert [e["event"] for e in forward["events"]] == [e["event"] for e in backward["events"]] == ["e1"]
    assert forward["timeline"] == [{"period": "2019-01", "type": "ACCUSE", "events": 1}]
    # by exact names the same event is found through the parties themselves
    assert [e["event"] for e in queries.dyad(db, "Russia", "Japan")["events"]] == ["e1"]
    assert queries.dyad(db, "RUS", "FRA")["events"] == []

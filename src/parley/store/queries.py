"""Questions asked of a store, as a Python API (the CLI's ``search``, ``events``, ``positions``, ``docs``,
``stats`` print these). Each takes a store path or connection and returns a list of plain dicts.

All SQL is parameterised. Search text never reaches FTS5 as syntax: it is cut into words, each word
(or each "quoted phrase") becomes an FTS5 string, so any input is a valid query. Result sizes are
bounded by ``limit`` (default 50, at most 10,000).
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model import COMMENT_SCORES, SEGMENT_KINDS
from . import connect

DEFAULT_LIMIT = 50
MAX_LIMIT = 10_000
MAX_OFFSET = 1_000_000
#: PLOVER v0.8's event types
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
PERIODS = {"year": 4, "month": 7, "day": 10}
_TERM = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"\w+")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

Db = str | Path | sqlite3.Connection


def fts_query(text: str) -> str:
    """User text as a safe FTS5 query: every word or "quoted phrase" a quoted FTS5 string, all required."""
    parts = []
    for phrase, word in _TERM.findall(text or ""):
        words = _WORD.findall(phrase or word)
        if words:
            parts.append('"' + " ".join(words) + '"')
    if not parts:
        raise UsageError(f"the search {text!r} has no words to look for")
    return " AND ".join(parts)


def check_limit(limit: int | None) -> int:
    limit = DEFAULT_LIMIT if limit is None else int(limit)
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"--limit must be between 1 and {MAX_LIMIT:,}, got {limit}")
    return limit


def check_offset(offset: int | None) -> int:
    offset = int(offset or 0)
    if not 0 <= offset <= MAX_OFFSET:
        raise UsageError(f"--offset must be between 0 and {MAX_OFFSET:,}, got {offset}")
    return offset


def _check_date(value: str | None, name: str) -> str | None:
    if value is not None and not _DATE.fullmatch(value):
        raise UsageError(f"{name} {value!r} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class _Where:
    """WHERE clauses and their parameters, built together so no value is ever put into SQL text."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def dates(self, column: str, since: str | None, until: str | None) -> None:
        if _check_date(since, "--since"):
            self.add(f"{column} >= ?", since)
        if _check_date(until, "--until"):
            # "--until 2019" includes all of 2019: compare the same number of characters
            self.add(f"substr({column}, 1, ?) <= ?", len(until), until)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _actor_match(alias: str, value: str) -> tuple[str, list[Any]]:
    """An actor given as a country code (RUS) or a name (Lavrov)."""
    return (f"({alias}.country = ? OR {alias}.name LIKE ? ESCAPE '\\')", [value.upper(), _like(value)])


# -- search ---------------------------------------------------------------------------------------
def search(db: Db, text: str, *, kind: str | None = None, speaker: str | None = None, since: str | None = None,
           until: str | None = None, limit: int | None = None, offset: int = 0,
           marks: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
    """Segments matching ``text`` (all its words), best first, with a snippet around the match (the
    matched words between ``marks``)."""
    conn, limit, offset = connect(db), check_limit(limit), check_offset(offset)
    query = fts_query(text)
    where = _Where()
    where.add("segments_fts MATCH ?", query)
    if kind is not None:
        if kind not in SEGMENT_KINDS:
            raise UsageError(f"--kind {kind!r} is not one of {', '.join(SEGMENT_KINDS)}")
        where.add("s.kind = ?", kind)
    if speaker:
        where.add("s.speaker LIKE ? ESCAPE '\\'", _like(speaker))
    where.dates("d.date", since, until)
    # rank first and keep one page of row ids; only that page gets its snippet and its row
    filtered = len(where.clauses) > 1
    joins = " JOIN segments s ON s.rowid = segments_fts.rowid JOIN documents d ON d.id = s.document" if filtered else ""
    sql = ("WITH top AS (SELECT segments_fts.rowid AS id, bm25(segments_fts) AS rank FROM segments_fts" + joins +
           where.sql() + " ORDER BY rank, segments_fts.rowid LIMIT ? OFFSET ?) "
           "SELECT d.date, s.document, s.id AS segment, s.kind, s.speaker, "
           "snippet(segments_fts, 0, ?, ?, '…', 16) AS snippet, round(top.rank, 3) AS score, d.source "
           "FROM top JOIN segments_fts ON segments_fts.rowid = top.id JOIN segments s ON s.rowid = top.id "
           "JOIN documents d ON d.id = s.document WHERE segments_fts MATCH ? ORDER BY top.rank, top.id")
    try:
        return _rows(conn, sql, [*where.params, limit, offset, *marks, query])
    except sqlite3.OperationalError as exc:  # should not happen with fts_query; never show a traceback
        raise UsageError(f"the search {text!r} could not be run: {exc}") from exc


# -- events ---------------------------------------------------------------------------------------
_PARTY = ("(SELECT group_concat(name, '; ') FROM (SELECT coalesce(a.name, ea.actor) AS name FROM event_actors ea "
          "LEFT JOIN actors a ON a.document = ea.document AND a.id = ea.actor "
          "WHERE ea.document = e.document AND ea.event = e.id AND ea.role = '{role}' ORDER BY ea.ord))")


def _event_where(actor, recipient, type_, since, until) -> _Where:
    where = _Where()
    for role, value in (("actor", actor), ("recipient", recipient)):
        if value:
            match, params = _actor_match("a", value)
            where.add("EXISTS (SELECT 1 FROM event_actors ea JOIN actors a ON a.document = ea.document AND "
                      f"a.id = ea.actor WHERE ea.document = e.document AND ea.event = e.id AND ea.role = ? "
                      f"AND {match})", role, *params)
    if type_:
        if type_.upper() not in EVENT_TYPES:
            raise UsageError(f"--type {type_!r} is not a PLOVER event type: {', '.join(EVENT_TYPES)}")
        where.add("e.type = ?", type_.upper())
    where.dates("d.date", since, until)
    return where


def events(db: Db, *, actor: str | None = None, recipient: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Events (who did what to whom), oldest first, with their evidence. Actors by country code or name."""
    conn, limit = connect(db), check_limit(limit)
    where = _event_where(actor, recipient, type, since, until)
    sql = (f"SELECT d.date, e.document, e.id AS event, e.type, e.mode, {_PARTY.format(role='actor')} AS actor, "
           f"{_PARTY.format(role='recipient')} AS recipient, e.negated, e.tense, e.confidence, e.text AS evidence "
           "FROM events e JOIN documents d ON d.id = e.document" + where.sql() +
           " ORDER BY d.date, e.document, e.rowid LIMIT ?")
    return _rows(conn, sql, [*where.params, limit])


def timeline(db: Db, *, actor: str | None = None, recipient: str | None = None, type: str | None = None,
             since: str | None = None, until: str | None = None, by: str = "month",
             limit: int | None = None) -> list[dict[str, Any]]:
    """Event counts per period (year, month, day) and type: a dyad's timeline. Undated documents are left out."""
    conn, limit = connect(db), check_limit(limit)
    if by not in PERIODS:
        raise UsageError(f"--by {by!r} is not one of {', '.join(PERIODS)}")
    where = _event_where(actor, recipient, type, since, until)
    where.add("d.date IS NOT NULL")
    sql = ("SELECT substr(d.date, 1, ?) AS period, e.type, count(*) AS events "
           "FROM events e JOIN documents d ON d.id = e.document" + where.sql() +
           " GROUP BY period, e.type ORDER BY period, e.type LIMIT ?")
    return _rows(conn, sql, [PERIODS[by], *where.params, limit])


# -- positions ------------------------------------------------------------------------------------
def positions(db: Db, *, issue: str | None = None, actor: str | None = None, stance: str | None = None,
              since: str | None = None, until: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Where actors stand on issues (issue by id, label or topic; actor by country code or name)."""
    conn, limit = connect(db), check_limit(limit)
    where = _Where()
    if issue:
        where.add("(i.id = ? OR i.label LIKE ? ESCAPE '\\' OR i.topic LIKE ? ESCAPE '\\')",
                  issue, _like(issue), _like(issue))
    if actor:
        match, params = _actor_match("a", actor)
        where.add(match, *params)
    if stance:
        where.add("p.stance = ?", stance)
    where.dates("d.date", since, until)
    sql = ("SELECT d.date, p.document, p.issue, i.label AS issue_label, i.topic, coalesce(a.name, p.actor) AS actor, "
           "a.country, p.stance, p.segment, p.text AS evidence FROM positions p "
           "JOIN issues i ON i.document = p.document AND i.id = p.issue JOIN documents d ON d.id = p.document "
           "LEFT JOIN actors a ON a.document = p.document AND a.id = p.actor" + where.sql() +
           " ORDER BY d.date, p.document, p.issue, p.ord LIMIT ?")
    return _rows(conn, sql, [*where.params, limit])


# -- documents and stats --------------------------------------------------------------------------
def documents(db: Db, *, since: str | None = None, until: str | None = None, language: str | None = None,
              source: str | None = None, speaker: str | None = None, country: str | None = None,
              kind: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stored documents in ingest order, with their segment and skip counts. ``speaker``: a segment
    spoken by that name; ``country``: an actor of that country code; ``kind``: a segment of that kind."""
    conn, limit, offset = connect(db), check_limit(limit), check_offset(offset)
    where = _document_where(since, until, language, source, speaker, country, kind)
    sql = ("SELECT d.id, d.date, d.language, d.title, d.chars, "
           "(SELECT count(*) FROM segments s WHERE s.document = d.id) AS segments, "
           "(SELECT count(*) FROM skips k WHERE k.document = d.id) AS skips, d.stages, d.source "
           "FROM documents d" + where.sql() + " ORDER BY d.rowid LIMIT ? OFFSET ?")
    return _rows(conn, sql, [*where.params, limit, offset])


def count_documents(db: Db, **filters: str | None) -> int:
    """How many documents :func:`documents` would list with these filters, without a limit."""
    where = _document_where(**{k: filters.get(k) for k in _DOC_FILTERS})
    return connect(db).execute("SELECT count(*) FROM documents d" + where.sql(), where.params).fetchone()[0]


_DOC_FILTERS = ("since", "until", "language", "source", "speaker", "country", "kind")


def _document_where(since=None, until=None, language=None, source=None, speaker=None, country=None,
                    kind=None) -> _Where:
    where = _Where()
    where.dates("d.date", since, until)
    if language:
        where.add("d.language = ?", language)
    if source:
        where.add("d.source LIKE ? ESCAPE '\\'", _like(source))
    if speaker:
        where.add("d.id IN (SELECT s.document FROM segments s WHERE s.speaker LIKE ? ESCAPE '\\')", _like(speaker))
    if country:
        where.add("d.id IN (SELECT a.document FROM actors a WHERE a.country = ?)", country.upper())
    if kind:
        if kind not in SEGMENT_KINDS:
            raise UsageError(f"--kind {kind!r} is not one of {', '.join(SEGMENT_KINDS)}")
        where.add("d.id IN (SELECT s.document FROM segments s WHERE s.kind = ?)", kind)
    return where


def document(db: Db, document_id: str) -> dict[str, Any] | None:
    """One stored document's contract JSON (as text) and its row, or None."""
    row = connect(db).execute("SELECT id, source, title, date, json FROM documents WHERE id = ?",
                              (document_id,)).fetchone()
    return None if row is None else dict(zip(("id", "source", "title", "date", "json"), row, strict=True))


# -- actors ---------------------------------------------------------------------------------------
def _actor_key(alias: str, key: str) -> tuple[str, list[Any]]:
    """An actor across documents: a state by its country code (RUS), anything else by its name."""
    return (f"(({alias}.type = 'state' AND {alias}.country = ?) OR {alias}.name = ?)", [key.upper(), key])


def actors(db: Db, *, name: str | None = None, country: str | None = None, limit: int | None = None,
           offset: int = 0) -> list[dict[str, Any]]:
    """Actors across the store, most mentioned first, with the documents they appear in. ``key`` is
    what :func:`actor` takes: the country code of a state, else the name."""
    conn, limit, offset = connect(db), check_limit(limit), check_offset(offset)
    where = _Where()
    if name:
        where.add("a.name LIKE ? ESCAPE '\\'", _like(name))
    if country:
        where.add("a.country = ?", country.upper())
    sql = ("SELECT CASE WHEN a.type = 'state' AND a.country IS NOT NULL THEN a.country ELSE a.name END AS key, "
           "min(a.name) AS name, a.type, max(a.country) AS country, count(DISTINCT a.document) AS documents, "
           "sum(a.mentions) AS mentions FROM actors a" + where.sql() +
           " GROUP BY key, a.type ORDER BY mentions DESC, key LIMIT ? OFFSET ?")
    return _rows(conn, sql, [*where.params, limit, offset])


def actor(db: Db, key: str, *, limit: int | None = None) -> dict[str, Any]:
    """One actor across the store (a country code or a name): who it is, what it said (segments it
    speaks), the dated events it is actor or recipient of (newest first), and their count per month."""
    conn, limit = connect(db), check_limit(limit)
    match, params = _actor_key("a", key)
    about = _rows(conn, "SELECT a.name, a.type, a.country, a.role, count(DISTINCT a.document) AS documents, "
                        f"sum(a.mentions) AS mentions FROM actors a WHERE {match} "
                        "GROUP BY a.name, a.type, a.country, a.role ORDER BY mentions DESC LIMIT 20", params)
    said = _rows(conn, "SELECT d.date, s.document, s.id AS segment, s.kind, s.speaker, substr(s.text, 1, 400) AS text "
                       "FROM segments s JOIN actors a ON a.document = s.document AND a.id = s.speaker_actor "
                       f"JOIN documents d ON d.id = s.document WHERE {match} "
                       "ORDER BY d.date DESC, s.document, s.ord LIMIT ?", [*params, limit])
    per_month = _rows(conn, "SELECT substr(d.date, 1, 7) AS period, e.type, count(*) AS events FROM "
                            "(SELECT DISTINCT ea.document, ea.event FROM event_actors ea JOIN actors a ON "
                            f"a.document = ea.document AND a.id = ea.actor WHERE {match}) k "
                            "JOIN events e ON e.document = k.document AND e.id = k.event "
                            "JOIN documents d ON d.id = k.document WHERE d.date IS NOT NULL "
                            "GROUP BY period, e.type ORDER BY period, e.type LIMIT ?", [*params, MAX_LIMIT])
    # newest first. An actor with many events: walk the documents by date (indexed) and stop after
    # ``limit`` events; with few: go from its rows to their events and sort those. An event where the
    # actor is on both sides is listed once.
    many = sum(r["events"] for r in per_month) > 20 * limit
    walk = "documents d INDEXED BY documents_date JOIN actors a ON a.document = d.id" if many else \
        "actors a CROSS JOIN documents d ON d.id = a.document"  # CROSS: the actor rows drive the loop
    acts = _rows(conn, f"SELECT d.date, e.document, e.id AS event, e.type, ea.role, {_PARTY.format(role='actor')} "
                       f"AS actor, {_PARTY.format(role='recipient')} AS recipient, e.negated, e.segment, "
                       f"e.text AS evidence FROM {walk} JOIN event_actors ea ON ea.document = a.document "
                       "AND ea.actor = a.id JOIN events e ON e.document = ea.document AND e.id = ea.event "
                       f"WHERE {match} AND d.date IS NOT NULL ORDER BY d.date DESC, e.document, e.rowid LIMIT ?",
                 [*params, limit * 2])
    unique: dict[tuple[str, str], dict[str, Any]] = {}
    for row in acts:
        unique.setdefault((row["document"], row["event"]), row)
    return {"key": key, "about": about, "said": said, "events": list(unique.values())[:limit], "timeline": per_month}


# -- comments (moderation) ------------------------------------------------------------------------


def comments(db: Db, *, attribute: str = "toxicity", threshold: float = 0.0, document: str | None = None,
             limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Comments with ``attribute`` at or above ``threshold``, highest first, with their flags and the
    evidence (the flagged words) of each flag."""
    conn, limit, offset = connect(db), check_limit(limit), check_offset(offset)
    if attribute not in COMMENT_SCORES:
        raise UsageError(f"attribute {attribute!r} is not one of {', '.join(COMMENT_SCORES)}")
    if not 0.0 <= float(threshold) <= 1.0:
        raise UsageError(f"threshold must be between 0 and 1, got {threshold}")
    where = _Where()
    where.add(f"c.{attribute} >= ?", float(threshold))
    if document:
        where.add("c.document = ?", document)
    sql = (f"SELECT d.date, c.document, c.segment, c.{attribute} AS score, c.flags, c.scores, s.speaker, "
           "substr(s.text, 1, 2000) AS text, (SELECT json_group_array(json_object('flag', m.entity, 'text', m.text)) "
           "FROM mentions m WHERE m.document = c.document AND m.kind = 'flag' AND m.segment = c.segment) AS evidence "
           "FROM comments c JOIN segments s ON s.document = c.document AND s.id = c.segment "
           "JOIN documents d ON d.id = c.document" + where.sql() +
           f" ORDER BY c.{attribute} DESC, c.document, s.ord LIMIT ? OFFSET ?")
    rows = _rows(conn, sql, [*where.params, limit, offset])
    for row in rows:
        for key in ("flags", "scores", "evidence"):
            row[key] = json.loads(row[key]) if row[key] else ([] if key != "scores" else {})
    return rows


def unreadable(db: Db, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Inputs that could not be read, with the reason (kept so nothing is lost silently)."""
    conn, limit = connect(db), check_limit(limit)
    sql = ("SELECT k.source, k.code, k.reason FROM sources src JOIN skips k ON k.source = src.source "
           "AND k.document IS NULL WHERE src.status = 'unreadable' ORDER BY k.source, k.ord LIMIT ?")
    return _rows(conn, sql, [limit])


def stats(db: Db) -> list[dict[str, Any]]:
    """What the store holds: rows per table, sources by status, segments by kind, skips by stage."""
    from .schema import applied
    from .tables import COLUMNS

    conn = connect(db)
    out: list[dict[str, Any]] = []

    def put(what: str, value: Any) -> None:
        out.append({"what": what, "value": value})

    for table in COLUMNS:
        put(f"rows.{table}", conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    for status, n in conn.execute("SELECT status, count(*) FROM sources GROUP BY status ORDER BY status"):
        put(f"sources.{status}", n)
    for kind, n in conn.execute("SELECT kind, count(*) FROM segments GROUP BY kind ORDER BY kind"):
        put(f"segments.{kind}", n)
    for stage, code, n in conn.execute("SELECT stage, coalesce(code, ''), count(*) FROM skips "
                                       "GROUP BY stage, code ORDER BY stage, code"):
        put(f"skips.{stage}.{code or 'none'}", n)
    first, last, undated = conn.execute("SELECT min(date), max(date), sum(date IS NULL) FROM documents").fetchone()
    put("dates.first", first)
    put("dates.last", last)
    put("dates.undated", undated or 0)
    put("migrations", ", ".join(applied(conn)))
    return out
# -- dyads ----------------------------------------------------------------------------------------
_CODE = re.compile(r"[A-Z]{3}")


def _party(alias: str, key: str) -> tuple[str, list[Any]]:
    """A side of a dyad: every actor of a country (RUS: the state, its people, its organisations), or
    one actor by its exact name."""
    if _CODE.fullmatch(key):
        return f"{alias}.country = ?", [key]
    return f"{alias}.name = ?", [key]


def dyad(db: Db, a: str, b: str, *, since: str | None = None, until: str | None = None, by: str = "month",
         limit: int | None = None) -> dict[str, Any]:
    """Events between two sides (country codes or exact actor names), in any role and either
    direction: counts per period and type, and the events themselves, oldest first."""
    conn, limit = connect(db), check_limit(limit)
    if by not in PERIODS:
        raise UsageError(f"--by {by!r} is not one of {', '.join(PERIODS)}")
    if not a or not b:
        raise UsageError("a dyad needs two sides, e.g. RUS and JPN")
    if _CODE.fullmatch(a) and _CODE.fullmatch(b) and a != b:
        # two countries: the precomputed pairs (event_dyads), an index range
        base = (" FROM event_dyads y JOIN events e ON e.document = y.document AND e.id = y.event "
                "JOIN documents d ON d.id = e.document WHERE y.a = ? AND y.b = ?")
        params = sorted([a, b])
        where = _Where()
        where.dates("d.date", since, until)
        if where.clauses:
            base += " AND " + " AND ".join(where.clauses)
        return _dyad_rows(conn, base, [*params, *where.params], a, b, by, limit)
    sides, params = [], []
    for side in (a, b):
        match, values = _party("x", side)
        sides.append("SELECT DISTINCT ea.document, ea.event FROM actors x JOIN event_actors ea ON "
                     f"ea.document = x.document AND ea.actor = x.id WHERE {match}")
        params += values
    where = _Where()
    where.dates("d.date", since, until)
    # from each side's actors (indexed by country or name) to their events, then the events both share
    base = (f" FROM ({sides[0]}) sa JOIN ({sides[1]}) sb ON sb.document = sa.document AND sb.event = sa.event "
            "JOIN events e ON e.document = sa.document AND e.id = sa.event JOIN documents d ON d.id = e.document"
            + (where.sql() or " WHERE 1"))
    return _dyad_rows(conn, base, [*params, *where.params], a, b, by, limit)


def _dyad_rows(conn, base: str, params: list[Any], a: str, b: str, by: str, limit: int) -> dict[str, Any]:
    counts = _rows(conn, "SELECT substr(d.date, 1, ?) AS period, e.type, count(*) AS events" + base +
                   " AND d.date IS NOT NULL GROUP BY period, e.type ORDER BY period, e.type LIMIT ?",
                   [PERIODS[by], *params, MAX_LIMIT])
    # the page of events first (keys only), then the parties' names for that page alone
    rows = _rows(conn, f"SELECT k.date, e.document, e.id AS event, e.type, {_PARTY.format(role='actor')} AS actor, "
                 f"{_PARTY.format(role='recipient')} AS recipient, e.negated, e.segment, e.text AS evidence FROM "
                 "(SELECT d.date, e.rowid AS row" + base + " ORDER BY d.date, e.document, e.rowid LIMIT ?) k "
                 "JOIN events e ON e.rowid = k.row ORDER BY k.date, e.document, e.rowid", [*params, limit])
    return {"a": a, "b": b, "by": by, "timeline": counts, "events": rows}

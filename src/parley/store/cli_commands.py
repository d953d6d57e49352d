"""The store's commands (ingest, search, events, positions, docs, stats, export, serve) for ``parley.cli``.

``add_store_commands(subparsers)`` adds them; ``STORE_COMMANDS`` maps each name to its function, the
way ``parley.cli.COMMANDS`` does. Nothing heavy is imported until a command runs. ``python -m parley.store``
is ``parley``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

_WIDTH = 60  # widest cell in a table; longer values are cut with an ellipsis


def _db(parser: argparse.ArgumentParser, create: bool = False) -> None:
    parser.add_argument("--db", metavar="FILE",
                        help="the SQLite store" + (" (created if missing)" if create else "") + " (default: parley.db; "
                        "PARLEY_DB)")


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "jsonl"), default="table", help="default: table")
    parser.add_argument("--limit", type=int, default=50, help="most rows printed (default 50, at most 10,000)")


def _dates(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", help="documents dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--until", help="documents dated on or before (YYYY, YYYY-MM or YYYY-MM-DD)")


def add_store_commands(sub) -> None:
    """Add the store's commands to ``parley``'s subparsers."""
    ingest = sub.add_parser("ingest", help="analyse documents into a SQLite store (resumable, idempotent)",
                            description="Analyse files, folders or - into the store. Documents already stored "
                            "are skipped, so an interrupted ingest is resumed by running it again.")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="file, folder or - for standard input")
    _db(ingest, create=True)
    ingest.add_argument("--stages", help="comma-separated stages to run (default: all; see `parley stages`)")
    ingest.add_argument("--date", help="the documents' date, YYYY-MM-DD")
    ingest.add_argument("--workers", type=int, help="local worker processes (default 1: this process; PARLEY_WORKERS)")
    ingest.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster, e.g. tcp://HOST:8786")
    ingest.add_argument("--parquet-dir", metavar="DIR", help="workers also write Parquet partitions here "
                        "(DIR/<table>/part-*.parquet; on a cluster, a folder every worker can reach)")
    ingest.add_argument("--batch-words", type=int, help="words per batch (one task, one "
                        "transaction; memory grows with it; default 10,000)")
    ingest.add_argument("--replace", action="store_true", help="analyse and store again documents already stored")
    ingest.add_argument("--max-bytes", type=int, help="largest input accepted, in bytes")
    ingest.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on standard error")

    search = sub.add_parser("search", help="full-text search over the stored segments")
    search.add_argument("query", help='words to find (all of them); "quoted phrases" match as phrases')
    search.add_argument("--kind", help="statement, question, answer, comment or other")
    search.add_argument("--speaker", help="part of the speaker's name")
    _dates(search)
    _db(search)
    _output(search)

    events = sub.add_parser("events", help="events (who did what to whom), or their timeline with --by")
    events.add_argument("--actor", help="country code (RUS) or part of a name")
    events.add_argument("--recipient", help="country code (JPN) or part of a name")
    events.add_argument("--type", help="PLOVER event type (ACCUSE, CONSULT, ...)")
    events.add_argument("--by", choices=("year", "month", "day"), help="counts per period and type instead")
    _dates(events)
    _db(events)
    _output(events)

    positions = sub.add_parser("positions", help="where actors stand on issues")
    positions.add_argument("--issue", help="issue id, or part of its label or topic")
    positions.add_argument("--actor", help="country code or part of a name")
    positions.add_argument("--stance", help="the stance (e.g. supports, opposes, demands)")
    _dates(positions)
    _db(positions)
    _output(positions)

    docs = sub.add_parser("docs", help="the stored documents (or, with --unreadable, the inputs that failed)")
    docs.add_argument("--language")
    docs.add_argument("--source", help="part of the source path or URL")
    docs.add_argument("--unreadable", action="store_true", help="list unreadable inputs and why")
    _dates(docs)
    _db(docs)
    _output(docs)

    stats = sub.add_parser("stats", help="what the store holds")
    _db(stats)
    stats.add_argument("--format", choices=("table", "jsonl"), default="table")

    export = sub.add_parser("export", help="write the store as JSONL (the contract) or CSV/Parquet tables")
    _db(export)
    export.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl",
                        help="jsonl: documents.jsonl, one contract object per line; csv/parquet: one file per "
                        "table (default: jsonl)")
    export.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to write into")

    serve = sub.add_parser("serve", help="browse a store in a web browser (pages and a JSON API)",
                           description="Serve the store's documents, search, actors, dyads and moderation view "
                           "at http://HOST:PORT/, with a JSON API at /api. The store is opened read-only.")
    _db(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine "
                       "only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")


# -- commands -------------------------------------------------------------------------------------
def _settings(args):
    """The one settings object, with this command's flags on top; the flags left unset take its values."""
    from ..config import Settings

    settings = Settings.load(getattr(args, "config", None), max_bytes=getattr(args, "max_bytes", None),
                             db=args.db, workers=getattr(args, "workers", None),
                             batch_words=getattr(args, "batch_words", None))
    args.db = settings.db
    for name in ("workers", "batch_words"):
        if hasattr(args, name):
            setattr(args, name, getattr(settings, name))
    return settings


def _with_settings(command):
    def run(args) -> int:
        _settings(args)
        return command(args)

    run.__doc__ = command.__doc__
    return run


def cmd_ingest(args) -> int:
    from ..run import ingest

    settings = _settings(args)
    ignored: list = []
    report = ingest(args.paths, args.db, stages=args.stages.split(",") if args.stages else None, date=args.date,
                    settings=settings, workers=args.workers, dask=args.dask, parquet_dir=args.parquet_dir,
                    replace=args.replace, batch_words=args.batch_words, progress=not args.quiet,
                    on_ignored=ignored.append)
    for doc in report.failures:
        print(f"parley: skipped {doc.source}: {doc.skipped[0].reason}", file=sys.stderr)
    if not args.quiet:
        print(f"parley: {report.stored} documents stored, {report.present} already stored, "
              f"{report.unreadable} unreadable (kept in the store's skips) in {report.seconds:.1f} s; "
              f"store {args.db}", file=sys.stderr)
        if ignored:
            print(f"parley: ignored {len(ignored)} files with other suffixes", file=sys.stderr)
    if report.failures:
        from ..errors import error_class

        return error_class(report.failures[0].skipped[0].code).exit_code
    return 0


def cmd_search(args) -> int:
    from .queries import search

    return _print(search(args.db, args.query, kind=args.kind, speaker=args.speaker, since=args.since,
                         until=args.until, limit=args.limit), args.format)


def cmd_events(args) -> int:
    from .queries import events, timeline

    common = dict(actor=args.actor, recipient=args.recipient, type=args.type, since=args.since, until=args.until,
                  limit=args.limit)
    rows = timeline(args.db, by=args.by, **common) if args.by else events(args.db, **common)
    return _print(rows, args.format)


def cmd_positions(args) -> int:
    from .queries import positions

    return _print(positions(args.db, issue=args.issue, actor=args.actor, stance=args.stance, since=args.since,
                            until=args.until, limit=args.limit), args.format)


def cmd_docs(args) -> int:
    from .queries import documents, unreadable

    if args.unreadable:
        return _print(unreadable(args.db, limit=args.limit), args.format)
    return _print(documents(args.db, since=args.since, until=args.until, language=args.language,
                            source=args.source, limit=args.limit), args.format)


def cmd_stats(args) -> int:
    from .queries import stats

    return _print(stats(args.db), args.format)


def cmd_export(args) -> int:
    from .export import export

    written = export(args.db, args.output, args.format)
    for name, count in written.items():
        print(f"{name}\t{count}", file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    from ..errors import UsageError
    from ..web.app import create_app

    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, got {args.port}")
    app = create_app(args.db)
    import uvicorn

    print(f"parley: serving {args.db} read-only at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


STORE_COMMANDS = {name: _with_settings(command) for name, command in {
    "ingest": cmd_ingest, "search": cmd_search, "events": cmd_events, "positions": cmd_positions,
    "docs": cmd_docs, "stats": cmd_stats, "export": cmd_export, "serve": cmd_serve}.items()}


# -- output ---------------------------------------------------------------------------------------
def _print(rows: list[dict[str, Any]], fmt: str, out=None) -> int:
    out = out or sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        out.write(table(rows) + "\n")
    return 0


def _cell(value: Any) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def table(rows: list[dict[str, Any]]) -> str:
    """Rows as an aligned plain-text table; ``(no rows)`` when there are none."""
    if not rows:
        return "(no rows)"
    names = list(rows[0])
    cells = [[_cell(r.get(n)) for n in names] for r in rows]
    widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)

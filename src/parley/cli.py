"""The command line: a thin shell over the Python API. The only place errors become exit codes.

Nothing heavy is imported at start-up, so ``parley --help`` answers at once.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from . import __version__
from .errors import ParleyError, UsageError
from .evaluate import EVALUATIONS
from .store.cli_commands import STORE_COMMANDS, add_store_commands

EPILOG = """exit codes: 0 ok; 1 internal error; 2 usage or settings; 3 input not found; 4 empty input;
5 binary input; 6 input too large; 7 malformed input; 8 unsupported language; 9 pipeline cannot run.
In a batch, every readable document is still analysed and written; the exit code is that of the
first unreadable input, and each one is listed on standard error."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parley",
        description="Structured, evidence-linked data from government statements, press conferences and "
        "the reader comments under them.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    parser.add_argument("--config", metavar="FILE", help="settings file (TOML, table [parley]); "
                        "default: ./parley.toml if present")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze = sub.add_parser("analyze", help="analyse documents and print the parley.document/1 JSON",
                             description="Analyse files, folders (recursively) or - (standard input).")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="file, folder or - for standard input")
    analyze.add_argument("--stages", help="comma-separated stages to run (default: all; see `parley stages`)")
    analyze.add_argument("--date", help="the documents' date, YYYY-MM-DD (relative dates resolve against it)")
    analyze.add_argument("--format", choices=("json", "jsonl", "md", "html"), default="json",
                         help="json: one indented object per document; jsonl: one line per document; "
                         "md: a readable summary; html: a self-contained page per document (default: json)")
    analyze.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output "
                         "(with --format html and several documents: an existing folder, one page each)")
    analyze.add_argument("--max-bytes", type=int, help="largest input accepted, in bytes "
                         "(default 50,000,000; PARLEY_MAX_BYTES)")
    analyze.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on standard error")

    sub.add_parser("stages", help="list the stages, what each requires and assigns")
    sub.add_parser("config", help="list every setting with its default, environment variable and help")

    add_store_commands(sub)

    evaluate = sub.add_parser("eval", help="score a stage on the gold data in ../shared/data")
    evaluate.add_argument("what", choices=EVALUATIONS, help="the stage to score")
    evaluate.add_argument("--data", metavar="DIR", help="the shared data folder (default: ../shared/data "
                          "beside the working directory or the source tree)")
    evaluate.add_argument("--limit", type=int, help="score only the first N items of each set")
    evaluate.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return COMMANDS[args.command](args)
    except ParleyError as exc:
        print(f"parley: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("parley: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _settings(args):
    from .config import Settings

    return Settings.load(args.config, max_bytes=getattr(args, "max_bytes", None))


def cmd_analyze(args) -> int:
    from .api import analyze_all
    from .output import write_documents, write_reports

    settings = _settings(args)
    stages = args.stages.split(",") if args.stages else None
    folder = Path(args.output) if args.output and Path(args.output).is_dir() else None
    if folder is None and args.format == "html" and (len(args.paths) > 1 or any(Path(p).is_dir() for p in args.paths)):
        raise UsageError("--format html makes one page per document; several inputs need a folder to write to",
                         hint="give -o an existing folder")
    if folder is not None and args.format != "html":
        raise UsageError(f"-o {args.output!r} is a folder; only --format html writes into a folder")
    ignored: list[Path] = []
    docs = analyze_all(args.paths, date=args.date, stages=stages, settings=settings, on_ignored=ignored.append)
    progress = Progress(enabled=not args.quiet and sys.stderr.isatty())
    stream = args.output and folder is None
    out = open(args.output, "w", encoding="utf-8", newline="\n") if stream else sys.stdout  # noqa: SIM115
    try:
        if args.format == "html":
            failures = write_reports(progress.track(docs), out, folder)
        else:
            failures = write_documents(progress.track(docs), out, args.format)
    finally:
        if stream:
            out.close()
    progress.done()
    return report(failures, progress.count, ignored, quiet=args.quiet)


def report(failures, count: int, ignored: list[Path], *, quiet: bool) -> int:
    """Say what was skipped and why; the exit code of the first unreadable input, else 0."""
    from . import errors as errs

    for doc in failures:
        skip = doc.skipped[0]
        print(f"parley: skipped {doc.source}: {skip.reason}", file=sys.stderr)
    if ignored and not quiet:
        kinds = Counter(p.suffix or "(none)" for p in ignored)
        listed = ", ".join(f"{n} {suffix}" for suffix, n in sorted(kinds.items()))
        print(f"parley: ignored {len(ignored)} files with other suffixes ({listed}); see --help for "
              "the suffixes read", file=sys.stderr)
    if not quiet and (failures or count > 1):
        print(f"parley: {count - len(failures)} of {count} documents analysed, {len(failures)} skipped",
              file=sys.stderr)
    if count == 0:
        raise errs.InputNotFound("no documents found in the given paths")
    if not failures:
        return 0
    error = errs.error_class(failures[0].skipped[0].code)
    if error.hint:
        print(f"parley: hint: {error.hint}", file=sys.stderr)
    return error.exit_code


class Progress:
    """Documents done and their rate on standard error, when it is a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.count = 0
        self.started = time.monotonic()
        self._shown = 0.0

    def track(self, docs):
        for doc in docs:
            self.count += 1
            now = time.monotonic()
            if self.enabled and now - self._shown > 0.5:
                rate = self.count / max(now - self.started, 1e-9)
                print(f"\rparley: {self.count} documents, {rate:.1f}/s", end="", file=sys.stderr)
                self._shown = now
            yield doc

    def done(self):
        if self.enabled and self._shown:
            print(file=sys.stderr)


def cmd_stages(args) -> int:
    from .pipeline import available_stages

    for spec in available_stages():
        print(f"{spec.name:<12} {spec.help}")
        print(f"{'':<12} requires: {', '.join(spec.requires) or '-'}; assigns: {', '.join(spec.assigns) or '-'}")
    return 0


def cmd_config(args) -> int:
    from .config import Settings

    current = Settings.load(args.config)
    for name, default, env, help_text in Settings.describe():
        print(f"{name} = {getattr(current, name)!r}   (default {default!r}; {env})\n    {help_text}")
    return 0


def cmd_eval(args) -> int:
    from .evaluate import find_data, run_eval

    data = find_data(args.data)
    result = run_eval(args.what, data, limit=args.limit)
    if args.format == "json":
        import json

        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(result.table())
    return 0


COMMANDS = {"analyze": cmd_analyze, "stages": cmd_stages, "config": cmd_config, "eval": cmd_eval, **STORE_COMMANDS}


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

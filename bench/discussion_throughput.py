"""Discussion-stage throughput: comments per second on one core, after start-up, and peak RSS.

The comments are the Wikipedia talk-page comments of ../shared/data/jigsaw_toxic_sample (train and
test), replayed as a stream of documents: each document is a short official statement written here
followed by ``--per-doc`` comments, with segments set by hand (the structure stage is not timed).
Start-up (loading the embedding model, the scoring weights, VADER, the suffix list) is paid once on
a warm-up document before timing (it has a link, so the suffix list is loaded there). The stage is
then run ``--repeat`` times over all documents in batches of ``Settings.batch_size`` documents; the
median comments/s is reported, by wall time and by the CPU seconds of this process
(``time.process_time()``, robust to other load on a shared machine), with the share of comments the
lexical first pass sent on to the full models and the word pieces embedded per comment.

    .venv/bin/python bench/discussion_throughput.py [--repeat 3] [--per-doc 40] [--max-embed-chars N] [--json]

One core: ONNX runtime already uses one intra-op thread; BLAS threads are pinned to one here.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

import parley.stages  # noqa: E402,F401  (built-in stages first)
from parley.discussion.stage import EMBED_BATCH_TOKENS, DiscussionStage, model_scores  # noqa: E402
from parley.model import Document, Segment  # noqa: E402

OFFICIAL = ("Statement by the spokesperson on the talks between the two foreign ministers. "
            "The ministers discussed the preparation of a peace treaty and cooperation in trade and energy. "
            "They agreed to continue consultations at the level of deputy ministers next month. "
            "Both sides confirmed their commitment to resolving the territorial question through dialogue.")


def comments() -> list[str]:
    rows = []
    for name in ("train.csv", "test.csv"):
        with (DATA / "jigsaw_toxic_sample" / name).open(encoding="utf-8", newline="") as handle:
            rows += [r["comment_text"].strip() for r in csv.DictReader(handle) if r["comment_text"].strip()]
    return rows


def documents(texts: list[str], per_doc: int) -> list[Document]:
    docs = []
    for begin in range(0, len(texts), per_doc):
        chunk = texts[begin:begin + per_doc]
        parts = [OFFICIAL, *chunk]
        segments, pos = [Segment("s1", "statement", 0, len(OFFICIAL), language="en")], len(OFFICIAL) + 2
        for i, text in enumerate(chunk, start=2):
            segments.append(Segment(f"s{i}", "comment", pos, pos + len(text), language="en"))
            pos += len(text) + 2
        docs.append(Document(text="\n\n".join(parts), segments=segments, language="en"))
    return docs


def run(stage: DiscussionStage, docs: list[Document], batch: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one pass over ``docs``."""
    started, cpu = time.perf_counter(), time.process_time()
    for begin in range(0, len(docs), batch):
        list(stage.pipe(docs[begin:begin + batch]))
    return time.perf_counter() - started, time.process_time() - cpu


def embedded_tokens(stage: DiscussionStage, docs: list[Document]) -> tuple[int, int]:
    """(word pieces embedded, comments sent on to the full models) in one pass, counted by a wrapper."""
    import parley.embed as embed_module

    counted = {"tokens": 0}
    original = embed_module.embed

    def counting(texts, max_tokens=None, batch_tokens=None):
        unique = list(dict.fromkeys(texts))  # embed() embeds a repeated text once
        counted["tokens"] += sum(len(ids) for ids in embed_module._token_ids(unique, max_tokens))
        return original(texts, max_tokens, batch_tokens)

    embed_module.embed = counting
    try:
        for doc in docs:
            list(stage.pipe([doc]))
    finally:
        embed_module.embed = original
    from parley.discussion.scoring import LexicalPass

    texts = [doc.segment_text(seg) for doc in docs for seg in doc.segments_of("comment")]
    return counted["tokens"], int(LexicalPass(texts).uncertain.sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--per-doc", type=int, default=40)
    parser.add_argument("--max-embed-chars", type=int, default=None,
                        help="embed only the first N characters of each comment (default: whole comment)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    texts = comments()
    stage = DiscussionStage(max_embed_chars=args.max_embed_chars)
    warm = time.perf_counter()
    stage(documents([*texts[:4], "See https://www.example.org/page for more."], 5)[0])
    startup = time.perf_counter() - warm
    timings, cpu_timings = [], []
    for _ in range(args.repeat):
        docs = documents(texts, args.per_doc)  # fresh documents: the stage writes into them
        wall, cpu = run(stage, docs, stage.settings.batch_size)
        timings.append(wall)
        cpu_timings.append(cpu)
    median = statistics.median(timings)
    tokens, sent_on = embedded_tokens(stage, documents(texts, args.per_doc))
    from parley.embed import embed

    embed_timings = []
    for _ in range(args.repeat):  # MiniLM over whole comments alone, for comparison (the pre-cascade cost)
        started = time.perf_counter()
        embed([t[:args.max_embed_chars] if args.max_embed_chars else t for t in texts], batch_tokens=EMBED_BATCH_TOKENS)
        embed_timings.append(time.perf_counter() - started)
    result = {
        "comments": len(texts),
        "chars_per_comment": round(sum(map(len, texts)) / len(texts)),
        "documents": len(docs),
        "max_embed_chars": args.max_embed_chars,
        "startup_s": round(startup, 2),
        "runs_s": [round(t, 3) for t in timings],
        "cpu_s": [round(t, 3) for t in cpu_timings],
        "comments_per_s": round(len(texts) / median, 1),
        "comments_per_cpu_s": round(len(texts) / statistics.median(cpu_timings), 1),
        "sent_on_to_full_models": round(sent_on / len(texts), 3),
        "word_pieces_embedded_per_comment": round(tokens / len(texts), 1),
        "embedding_only_per_s": round(len(texts) / statistics.median(embed_timings), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "models": "trained" if model_scores(["x"], None)[0] is not None else "missing (pattern layer only)",
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>18}: {value}")


if __name__ == "__main__":
    main()

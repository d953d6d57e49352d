"""Latency of ``parley serve`` over a store of 10,000 documents: p50/p95 of the document page and of search.

Not a test: it prints figures. These machines are shared and noisy: quote medians and percentiles of
one run, and compare with the bare query measured in the same run.

    .venv/bin/python bench/web_latency.py [--documents 10000] [--seed 40] [--requests 300] [--json]

1. Seed: the founding example and the first ``--seed`` UN General Debate speeches and White House
   briefings (half each), analysed by every stage into a seed store (cached beside the big store).
2. Corpus: the seed documents copied until the store holds ``--documents`` documents, each copy with
   its own id, source and date (spread over 2000-2024), so that search, document pages, dyads and
   the moderation view face a store of that size (segments, FTS index and all).
3. Load: ``parley serve`` in its own process; one client on loopback sends a bounded loop of
   requests, one at a time, after a warm-up: a random document page, then a search for a random
   query from a fixed list, ``--requests`` times each; plus 20 each of dyad, moderation, actor pages
   and filtered document lists.
   Reported: p50, p95, p99 and max per kind, and the server's peak RSS. Baseline in the same run:
   the bare SQLite work behind each page (fetch one document's JSON and parse it; run the search
   query), so the ratio says what rendering and HTTP add.

The store is kept in ``--cache`` (default: a folder in the system temp dir) and reused when it
already holds the asked number of documents.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

QUERIES = ["peace treaty", "Kuril", "sanctions", "nuclear weapons", "climate change", "United Nations", "security",
           "economic cooperation", "human rights", "Russia", "China", "Japan", "terrorism", "development",
           "refugees", "trade", "vaccine", "Ukraine", "Iran", "sovereignty"]


def seed_files(n: int) -> list[Path]:
    sample = SHARED / "samples" / "000_8f20f3f04bd2deb0.txt"
    un = sorted((SHARED / "data" / "ungdc" / "speeches").glob("*/*.txt"))
    wh = sorted((SHARED / "data" / "wh_briefings").glob("*/*.md"))
    if not sample.exists() or not un or not wh:
        raise SystemExit(f"needs ../shared beside the repository (looked in {SHARED})")
    return [sample, *un[: n // 2], *wh[: n - n // 2]]


def build(cache: Path, documents: int, seed: int) -> Path:
    from parley.run import ingest
    from parley.store import open_store
    from parley.store.writer import StoreWriter

    cache.mkdir(parents=True, exist_ok=True)
    seed_db, db = cache / f"seed-{seed}.db", cache / f"web-{documents}-{seed}.db"
    if db.exists():
        n = open_store(db, create=False).execute("SELECT count(*) FROM documents").fetchone()[0]
        if n == documents:
            print(f"reusing {db} ({n:,} documents)", file=sys.stderr)
            return db
        db.unlink()
    if not seed_db.exists():
        started = time.monotonic()
        print(f"analysing {seed + 1} seed documents with every stage ...", file=sys.stderr)
        ingest([str(p) for p in seed_files(seed)], seed_db, date=None, progress=True)
        print(f"seed store in {time.monotonic() - started:.0f} s", file=sys.stderr)
    seeds = [json.loads(row[0]) for row in open_store(seed_db, create=False).execute(
        "SELECT json FROM documents ORDER BY rowid")]
    rng = random.Random(7)
    started = time.monotonic()
    with StoreWriter(db) as writer:
        batch: list[str] = []
        for i in range(documents):
            doc = dict(seeds[i % len(seeds)])
            doc["id"] = f"{i:012x}"
            doc["source"] = f"copy-{i:05d}/{Path(doc.get('source') or 'doc').name}"
            doc["date"] = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            batch.append(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
            if len(batch) == 500:
                writer.write(batch)
                batch = []
                print(f"\r{i + 1:,} documents stored", end="", file=sys.stderr)
        if batch:
            writer.write(batch)
    print(f"\n{documents:,} documents stored in {time.monotonic() - started:.0f} s ({db.stat().st_size / 1e6:.0f} MB)",
          file=sys.stderr)
    return db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(pick(0.95) * 1000, 1), "p99_ms": round(pick(0.99) * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1)}


def baseline(db: Path, ids: list[str], queries: list[str]) -> dict[str, dict[str, float]]:
    """The bare SQLite work behind the pages, in this process: document JSON fetched and parsed; search run."""
    from parley.store import queries as q
    from parley.web.app import Store

    conn = Store(db).connection()
    doc_times, search_times = [], []
    for doc_id in ids:
        t = time.perf_counter()
        json.loads(q.document(conn, doc_id)["json"])
        doc_times.append(time.perf_counter() - t)
    for text in queries:
        t = time.perf_counter()
        q.search(conn, text, limit=50)
        search_times.append(time.perf_counter() - t)
    return {"document_query": percentiles(doc_times), "search_query": percentiles(search_times)}


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=40, help="real documents analysed to seed the store")
    parser.add_argument("--requests", type=int, default=300, help="requests per kind (document page, search)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "parley-bench-web")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import httpx

    db = build(args.cache, args.documents, args.seed)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "parley.cli", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(11)
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get("/api/stats")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("the server did not start: " + server.stderr.read().decode()[-2000:]) from None
                    time.sleep(0.2)
            ids = [f"{rng.randrange(args.documents):012x}" for _ in range(args.requests)]
            searches = [rng.choice(QUERIES) for _ in range(args.requests)]
            for i in range(20):  # warm-up: templates compiled, pages of SQLite cached
                client.get(f"/documents/{ids[i]}")
                client.get("/search", params={"q": searches[i]})
            times: dict[str, list[float]] = {"document": [], "search": [], "dyad": [], "moderation": [], "actor": [],
                                             "home_filtered": []}

            def timed(label: str, url: str, **params) -> None:
                t = time.perf_counter()
                response = client.get(url, params=params or None)
                times[label].append(time.perf_counter() - t)
                if response.status_code != 200:
                    server.terminate()
                    log = server.stderr.read().decode(errors="replace")[-3000:]
                    raise SystemExit(f"{url} {params}: HTTP {response.status_code}: {response.text[:300]}\n{log}")

            for doc_id, text in zip(ids, searches, strict=True):
                timed("document", f"/documents/{doc_id}")
                timed("search", "/search", q=text)
            for a, b in (("RUS", "JPN"), ("USA", "CHN"), ("USA", "RUS"), ("CHN", "IND"), ("GBR", "FRA")) * 4:
                timed("dyad", "/dyad", a=a, b=b)
            for attribute in ("toxicity", "insult", "threat", "conspiracy", "off_topic") * 4:
                timed("moderation", "/moderation", attribute=attribute, threshold=0.5)
            for key in ("RUS", "USA", "CHN", "Sergey Lavrov", "United Nations") * 4:
                timed("actor", f"/actors/{key}")
            for filters in ({"country": "RUS"}, {"kind": "comment"}, {"speaker": "Lavrov"}, {"since": "2010"},
                            {"country": "USA", "page": 3}) * 4:
                timed("home_filtered", "/", **filters)
        rss = peak_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    result = {"documents": args.documents, "seed_documents": args.seed + 1, "store_mb": round(db.stat().st_size / 1e6),
              **{f"{k}_page": percentiles(v) for k, v in times.items()},
              **baseline(db, ids, searches), "server_peak_rss_mb": rss}
    result["document_page_over_query_p50"] = round(result["document_page"]["p50_ms"] /
                                                   max(result["document_query"]["p50_ms"], 0.1), 1)
    result["goal_p95_under_200ms"] = all(result[f"{k}_page"]["p95_ms"] < 200 for k in ("document", "search"))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:<32} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

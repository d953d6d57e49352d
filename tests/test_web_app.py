"""The web app over a store (``parley serve``): pages, the JSON API, and what it refuses."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from conftest import PAYLOADS, assert_inert, hostile_document, store_of
from parley.cli import main
from parley.web.app import MAX_PAGE, PAGE, create_app


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    return store_of(tmp_path_factory.mktemp("hostile") / "parley.db", [hostile_document()])


@pytest.fixture(scope="module")
def client(hostile_store):
    return TestClient(create_app(hostile_store))


def crawl(client: TestClient, start: str = "/", limit: int = 60) -> dict[str, str]:
    """Every page reachable from ``start`` by links within the app (at most ``limit``), by URL."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.text[:300])
        seen[url] = response.text
        if "text/html" not in response.headers["content-type"]:
            continue
        for href in re.findall(r'href="([^"#]*)', response.text):
            href = href.replace("&amp;", "&")
            target = urljoin(url, href)
            if target.startswith("/") and not target.startswith("/static/") and target not in seen:
                queue.append(target)
    return seen


def test_every_page_linked_from_home_renders_a_hostile_document_as_text(client):
    pages = crawl(client)
    paths = {urlsplit(u).path for u in pages}
    assert {"/", "/actors", "/dyad", "/moderation", "/api", "/api/openapi.json"} <= paths
    assert any(p.startswith("/documents/") for p in paths) and any(p.startswith("/actors/") for p in paths)
    for url, page in pages.items():
        if url.startswith("/api/") and url != "/api":
            continue
        assert_inert(page)
    document = next(page for url, page in pages.items() if url.startswith("/documents/"))
    for payload in PAYLOADS:
        assert payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") \
            .replace("'", "&#39;") in document


def test_search_moderation_and_dyad_pages_escape_what_they_show(client):
    for url in ("/search?q=script+xss", "/moderation?attribute=toxicity&threshold=0.9", "/dyad?a=RUS&b=JPN",
                "/search?q=%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E", "/actors?name=%3Cimg"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.text)
    assert "ACCUSE" in client.get("/dyad?a=RUS&b=JPN").text
    moderation = client.get("/moderation?attribute=toxicity&threshold=0.9").text
    assert "0.95" in moderation and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in moderation


def test_every_response_carries_a_policy_that_allows_only_the_apps_own_script(client):
    for url in ("/", "/api/documents", "/nope", "/static/parley.js"):
        response = client.get(url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"


def test_the_store_is_opened_read_only(hostile_store, client):
    from parley.web.app import Store

    conn = Store(hostile_store).connection()
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|query_only"):
        conn.execute("DELETE FROM documents")
    assert client.post("/api/documents").status_code == 405
    assert client.delete("/api/documents").status_code == 405


def test_sql_in_any_parameter_is_only_text(client, hostile_store):
    attempts = ["' OR 1=1 --", "x'); DROP TABLE documents; --", '" OR ""="', "%' --", "\\"]
    for value in attempts:
        for url in (f"/api/search?q={value}", f"/api/documents?speaker={value}", f"/api/documents?country={value}",
                    f"/api/actors?name={value}", f"/api/dyad?a={value}&b=JPN"):
            assert client.get(url).status_code in (200, 400), url
        assert client.get(f"/api/actors/{value}").status_code == 404
    assert sqlite3.connect(hostile_store).execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_sizes_are_bounded(client):
    assert client.get(f"/api/documents?page={MAX_PAGE + 1}").status_code == 422
    assert client.get("/api/search?q=" + "a" * 501).status_code == 422
    assert client.get("/search?q=" + "a" * 501).status_code == 422
    assert "invalid request" in client.get("/search?q=" + "a" * 501).text
    assert client.get("/api/comments?threshold=1.5").status_code == 422
    assert client.get("/api/documents?since=yesterday").status_code == 422
    assert client.get("/documents/" + "x" * 65).status_code == 422
    listed = client.get("/api/documents").json()
    assert listed["page_size"] == PAGE and len(listed["documents"]) <= PAGE


def test_bad_requests_get_a_page_that_says_what_is_wrong(client):
    response = client.get("/moderation?attribute=bogus")
    assert response.status_code == 400 and "is not one of toxicity" in response.text
    assert client.get("/api/comments?attribute=bogus").json()["error"].startswith("attribute 'bogus'")
    missing = client.get("/documents/000000000000")
    assert missing.status_code == 404 and "no document" in missing.text
    assert client.get("/nowhere").status_code == 404


def test_the_api_mirrors_the_pages_and_describes_itself(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/documents", "/api/documents/{document_id}", "/api/search", "/api/actors", "/api/actors/{key}",
            "/api/dyad", "/api/comments", "/api/stats"} <= set(spec["paths"])
    doc_id = client.get("/api/documents").json()["documents"][0]["id"]
    full = client.get(f"/api/documents/{doc_id}").json()
    assert full["schema"] == "parley.document/1" and full["events"][0]["type"] == "ACCUSE"
    assert client.get("/api/dyad?a=RUS&b=JPN").json()["events"][0]["type"] == "ACCUSE"
    assert client.get("/api/comments?attribute=threat&threshold=0.8").json()["comments"][0]["score"] == 0.85


def test_documents_filter_by_speaker_country_kind_and_date(client):
    def total(query: str) -> int:
        return client.get(f"/api/documents?{query}").json()["total"]

    assert total("") == 1
    assert total("country=rus") == 1 and total("country=FRA") == 0
    assert total("kind=comment") == 1 and total("kind=answer") == 0
    assert total("since=2019-01") == 1 and total("until=2018") == 0
    assert total("speaker=img") == 1 and total("speaker=Lavrov") == 0
    assert client.get("/api/documents?kind=bogus").status_code == 400


def test_serve_without_a_store_says_how_to_make_one(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 2
    assert "parley ingest" in capsys.readouterr().err


@pytest.mark.slow
def test_the_founding_example_is_found_opened_and_flagged(founding_store):
    client = TestClient(create_app(founding_store))
    hits = client.get("/api/search?q=Kuril").json()["results"]
    assert hits
    page = client.get(f"/documents/{hits[0]['document']}").text
    assert '<b class="speaker">Sergey Lavrov</b>' in page and "flagged" in page
    assert_inert(page)
    flagged = client.get("/api/comments?attribute=toxicity&threshold=0.8").json()["comments"]
    assert any("go screw yourself" in c["text"] for c in flagged)
    lavrov = client.get("/api/actors/Sergey Lavrov").json()
    assert lavrov["said"] and lavrov["about"][0]["country"] == "RUS"
    pages = crawl(client, limit=40)
    assert len(pages) >= 10
    for url, page in pages.items():
        if not url.startswith("/api/"):
            assert_inert(page)


def test_parley_serve_answers_on_its_port_until_stopped(hostile_store):
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "parley.cli", "serve", "--db", str(hostile_store), "--port",
                               str(port)], stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/documents", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "parley serve did not start"
                time.sleep(0.1)
        assert response.json()["total"] == 1
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(15)
    assert "read-only" in server.stderr.read().decode()


def test_a_very_long_document_is_shown_a_part_at_a_time(tmp_path):
    from parley.model import Document, Event, Segment
    from parley.web.views import PART_SIZE

    lines = [f"Paragraph {i} of a very long statement." for i in range(PART_SIZE + 10)]
    text = "\n".join(lines)
    segments, pos = [], 0
    for i, line in enumerate(lines):
        segments.append(Segment(f"s{i + 1}", "statement", pos, pos + len(line)))
        pos += len(line) + 1
    last = segments[-1]
    doc = Document(text, title="long", segments=segments,
                   events=[Event("e1", "CONSULT", last.id, last.start, last.end, confidence=0.5)])
    client = TestClient(create_app(store_of(tmp_path / "s.db", [doc])))
    first = client.get(f"/documents/{doc.id}").text
    assert f"part 1 of 2 (segments 1–{PART_SIZE} of {PART_SIZE + 10}" in first
    assert f'id="seg-s{PART_SIZE}"' in first and f'id="seg-s{PART_SIZE + 1}"' not in first
    assert "<td><b>CONSULT</b></td>" not in first  # its segment is in part 2
    second = client.get(f"/documents/{doc.id}?part=2").text
    assert f'id="seg-s{PART_SIZE + 10}"' in second and "<td><b>CONSULT</b></td>" in second
    assert client.get(f"/documents/{doc.id}?part=0").status_code == 422


def test_a_store_from_an_older_parley_is_refused_with_how_to_update_it(tmp_path):
    from parley.errors import UsageError
    from parley.store import MIGRATIONS, migrate

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, MIGRATIONS[:-1])
    conn.close()
    with pytest.raises(UsageError, match="lacks migrations") as raised:
        create_app(db)
    assert "parley stats --db" in raised.value.hint
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_bytes(b"these are not SQLite pages" * 100)
    with pytest.raises(UsageError, match="not a parley store"):
        create_app(not_a_store)

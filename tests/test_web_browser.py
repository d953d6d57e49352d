"""parley's pages in a real browser: Debian's Chromium, driven headless by Playwright (no browser
download: ``executable_path=/usr/bin/chromium``). ``make test`` installs Chromium when it is missing.
Screenshots are left in ``test-artifacts/`` for people to look at."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, hostile_document, need, store_of

CHROMIUM = Path(os.environ.get("PARLEY_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
#: no sandbox (CI runs as root); nothing in the background may reach for the network
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("PARLEY_NO_BROWSER"):
            pytest.skip("PARLEY_NO_BROWSER is set and there is no Chromium")
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium (apt-get install chromium); "
                    "set PARLEY_CHROMIUM to another binary, or PARLEY_NO_BROWSER=1 to skip these tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    """``parley serve`` over a document full of payloads and (when ../shared is there) the founding
    example, on a free port."""
    import uvicorn

    from parley.web.app import create_app

    db = tmp_path_factory.mktemp("browser") / "parley.db"
    if SAMPLE.exists():
        shutil.copy(request.getfixturevalue("founding_store"), db)
    store_of(db, [hostile_document()])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app_server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not app_server.started:
        assert time.monotonic() < deadline, "the server did not start in 30 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app_server.should_exit = True
    thread.join(10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    tab = context.new_page()
    tab.problems = []  # console errors (a blocked script would show here) and dialogs (an alert() that ran)
    tab.on("console", lambda m: tab.problems.append(m.text) if m.type == "error" else None)
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    yield tab
    context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000
    return path


def test_search_open_the_founding_document_and_see_lavrov_and_the_flagged_comments(page, server):
    need(SAMPLE)
    page.goto(server + "/")
    page.fill("header input[name=q]", "Kuril")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Kuril*")
    first = page.locator("ol.results li a").first
    assert "Kuril" in page.locator("ol.results").inner_text()
    first.click()
    page.wait_for_selector("#transcript")
    speakers = page.locator("#transcript .seg.kind-answer .speaker").all_inner_texts()
    assert speakers and set(speakers) == {"Sergey Lavrov"}
    flagged = page.locator("article.comment.flagged")
    assert flagged.count() >= 3
    # the page's own script runs under its policy: the flag filter hides the comments not flagged for toxicity
    page.select_option("#flag-filter", "toxicity")
    visible = page.locator("article.comment:not(.hidden)")
    assert 1 <= visible.count() < flagged.count()
    assert "go screw yourself" in page.locator("article.comment:not(.hidden)").all_inner_texts()[-1] or \
        any("go screw yourself" in t for t in visible.all_inner_texts())
    page.select_option("#flag-filter", "")
    page.locator("#transcript").scroll_into_view_if_needed()
    shot(page, "founding-document.png")
    page.locator("#discussion").scroll_into_view_if_needed()
    shot(page, "founding-discussion.png")
    assert page.problems == []


def test_the_moderation_view_lists_the_insulting_comment_first_for_insult(page, server):
    need(SAMPLE)
    page.goto(server + "/moderation?attribute=insult&threshold=0.5")
    first = page.locator("table.moderation tbody tr").first
    assert "go screw yourself" in first.inner_text()
    shot(page, "moderation.png")
    assert page.problems == []


def test_a_document_full_of_payloads_stays_inert_in_every_view(page, server):
    page.goto(server + "/search?q=window")
    links = page.locator("ol.results li a")
    assert links.count() >= 1
    links.first.click()
    page.wait_for_selector("#transcript")
    urls = [page.url, server + "/moderation?attribute=toxicity&threshold=0.9", server + "/actors",
            server + "/dyad?a=RUS&b=JPN", server + "/search?q=%3Cscript%3E+window"]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, url
        assert page.locator("iframe, img, body body").count() == 0, url
    page.goto(urls[0])
    assert "<script>window.__xss=1</script>" in page.locator("#transcript").inner_text()
    shot(page, "payloads-shown-as-text.png")
    assert page.problems == []


def test_the_self_contained_report_runs_only_its_own_script(page, tmp_path):
    from parley.web.render import report

    path = tmp_path / "report.html"
    path.write_text(report(hostile_document()), encoding="utf-8")
    page.goto(path.as_uri())
    assert page.evaluate("window.__xss") is None
    header = page.locator("#events table.sortable th").first
    header.click()  # the sortable tables are the report's own (hash-allowed) script at work
    assert header.get_attribute("aria-sort") == "ascending"
    shot(page, "report.png")
    assert page.problems == []

"""The self-contained HTML report (``parley analyze --format html``)."""

from __future__ import annotations

import base64
import hashlib
import html
import re

import pytest

from conftest import PAYLOADS, ROOT, SAMPLE, assert_inert, hostile_document, need
from parley.cli import main
from parley.web.render import asset, report


def test_a_document_full_of_payloads_renders_as_inert_text():
    page = report(hostile_document())
    assert_inert(page)
    # every payload is shown, as text
    import lxml.html

    shown = lxml.html.document_fromstring(page).text_content()
    for payload in PAYLOADS:
        assert payload in shown


def test_the_report_fetches_nothing_and_allows_only_its_own_script_and_style():
    page = report(hostile_document())
    assert not re.search(r'(src|href)="(https?:)?//', page.replace('href="https://example.org/', ""))
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    for name, directive in (("parley.js", "script-src"), ("parley.css", "style-src")):
        digest = base64.b64encode(hashlib.sha256(asset(name).encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy


def test_links_in_comments_are_followable_only_over_http():
    page = report(hostile_document())
    assert 'href="https://example.org/&#34;&gt;&lt;script&gt;' in page
    assert 'href="javascript:' not in page


def test_the_report_lays_the_analysis_over_the_transcript():
    doc = hostile_document()
    page = report(doc)
    assert 'class="m-event" title="event e1: ACCUSE · Russia → Japan · past · confidence 0.90"' in page
    assert 'class="m-actor"' in page and 'class="m-flag"' in page
    assert 'id="seg-s1"' in page and 'id="seg-s2"' in page
    assert "<meter" in page  # comment scores
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in page  # stance chart and toxicity histogram


def test_analyze_writes_one_self_contained_page(tmp_path):
    out = tmp_path / "report.html"
    assert main(["analyze", str(ROOT / "examples" / "press_conference.txt"), "--date", "2025-03-03",
                 "--format", "html", "-o", str(out), "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert_inert(page)
    assert "Transcript" in page and 'class="seg kind-' in page


def test_several_documents_need_a_folder_and_get_one_page_each(tmp_path, capsys):
    example = str(ROOT / "examples" / "press_conference.txt")
    other = tmp_path / "other.txt"
    other.write_text("Statement by the spokesperson.\n\nThe ministers met in Geneva today.\n", encoding="utf-8")
    assert main(["analyze", example, str(other), "--format", "html", "-o", str(tmp_path / "x.html"), "-q",
                 "--stages", "structure"]) == 2
    assert "existing folder" in capsys.readouterr().err
    folder = tmp_path / "pages"
    folder.mkdir()
    assert main(["analyze", example, str(other), "--format", "html", "-o", str(folder), "-q",
                 "--stages", "structure"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["other.html", "press_conference.html"]


def test_a_folder_output_is_only_for_html(tmp_path, capsys):
    assert main(["analyze", str(ROOT / "examples" / "press_conference.txt"), "-o", str(tmp_path), "-q"]) == 2
    assert "only --format html" in capsys.readouterr().err


@pytest.mark.slow
def test_the_founding_report_shows_lavrov_the_events_and_the_flagged_comments(tmp_path):
    out = tmp_path / "founding.html"
    assert main(["analyze", str(need(SAMPLE)), "--date", "2019-01-14", "--format", "html", "-o", str(out), "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert_inert(page)
    assert '<b class="speaker">Sergey Lavrov</b>' in page
    for kind in ("CONSULT", "REJECT", "ACCUSE", "AGREE"):
        assert f"<td><b>{kind}</b></td>" in page
    assert 'data-flags="toxicity insult"' in page or 'data-flags="insult toxicity"' in page
    assert "peace treaty" in page and "1956" in page


def test_overlapping_marks_cut_the_text_into_pieces_that_keep_every_mark():
    from parley.web.views import Mark, pieces

    text = "Russia accused Japan"
    marks = [Mark("actor", 0, 6, "Russia", "a"), Mark("event", 0, 14, "ACCUSE", "e"),
             Mark("actor", 15, 20, "Japan", "j"), Mark("flag", 40, 45, "x", "outside")]
    cut = pieces(text, 0, len(text), marks)
    assert [p.text for p in cut] == ["Russia", " accused", " ", "Japan"]
    assert [sorted(m.kind for m in p.marks) for p in cut] == [["actor", "event"], ["event"], [], ["actor"]]
    assert "".join(p.text for p in cut) == text

"""Score floors for `parley eval structure` (end to end: reader + structure stage). Raise them as the
stage improves; never lower one without saying why in the commit."""

from __future__ import annotations

import pytest

from conftest import DATA, need


@pytest.fixture(scope="module")
def html_rows():
    from parley.evaluate.structure import html_section

    return html_section(need(DATA / "trafilatura_eval"), limit=None).rows


def test_html_comment_recall_beats_trafilatura_with_less_leakage(html_rows):
    ours, theirs = html_rows["parley"], html_rows["trafilatura"]
    assert ours["pages"] == theirs["pages"] == 142
    assert ours["comment_recall"] >= 0.66 and ours["comment_recall"] > theirs["comment_recall"] + 0.10
    assert ours["comment_leakage"] <= 0.03 and ours["comment_leakage"] <= theirs["comment_leakage"]
    assert ours["main_recall"] >= 0.93 and ours["main_in_comments"] <= 0.015


def test_plain_text_discussion_start_on_the_dragnet_test_split():
    from parley.evaluate.structure import dragnet_section

    rows = dragnet_section(need(DATA / "dragnet_data"), limit=150).rows
    ours = rows["parley"]
    assert ours["paragraph_f1"] >= 0.86 and ours["paragraph_precision"] >= 0.97
    assert ours["main_into_comments"] <= 0.03 and ours["doc_accuracy"] >= 0.95
    assert ours["doc_accuracy"] > rows["no-comments baseline"]["doc_accuracy"]


def test_official_texts_get_no_comments_and_every_q_turn():
    from parley.evaluate.structure import official_section

    need(DATA / "ungdc")
    rows = official_section(DATA, limit=100).rows
    for name in ("wh_briefings", "ungdc"):
        assert rows[name]["documents"] == 100 and rows[name]["wrongly_given_comments"] == 0
        assert rows[name]["docs_q_exact"] == 100

"""Acceptance on the White House briefing-room transcripts in ../shared/data/wh_briefings."""

from __future__ import annotations

import re

import pytest

from conftest import DATA, need

Q_TURN = re.compile(r"^[ \t\u00a0]*Q(?:[ \t\u00a0]+|[ \t]*:)", re.MULTILINE)
LABEL = re.compile(r"^[ \t\u00a0]*([A-Z][A-Z.'’\- ]*[A-Z.]):", re.MULTILINE)


def transcripts():
    folder = DATA / "wh_briefings"
    return sorted(folder.glob("*/*.md")) if folder.exists() else []


@pytest.fixture(scope="module")
def analysed():
    import parley

    need(DATA / "wh_briefings")
    pipeline = parley.Pipeline(["structure"])
    return {path: pipeline(next(parley.read([path]))) for path in transcripts()}


def test_every_q_turn_is_one_question_segment(analysed):
    wrong = {}
    for path, doc in analysed.items():
        expected = len(Q_TURN.findall(path.read_text(encoding="utf-8")))
        got = len(doc.segments_of("question"))
        if got != expected:
            wrong[path.name] = (expected, got)
    assert len(analysed) == 258 and wrong == {}


def test_every_labelled_turn_keeps_its_speaker(analysed):
    missing = {}
    for path, doc in analysed.items():
        labels = set(LABEL.findall(path.read_text(encoding="utf-8")))
        found = {s.label for s in doc.segments if s.label and (s.speaker or s.kind == "question")}
        if labels - found:
            missing[path.name] = sorted(labels - found)
    assert missing == {}


def test_official_transcripts_have_no_reader_comments(analysed):
    with_comments = {p.name: len(d.segments_of("comment")) for p, d in analysed.items() if d.segments_of("comment")}
    assert with_comments == {}


def test_answers_reply_to_the_question_before_them(analysed):
    for doc in analysed.values():
        seen_question = None
        for seg in doc.segments:
            if seg.kind == "question":
                seen_question = seg.id
            elif seg.kind == "answer":
                assert seg.reply_to == seen_question is not None

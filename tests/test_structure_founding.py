"""Acceptance on the founding example (read from ../shared/samples, never copied here)."""

from __future__ import annotations


def containing(doc, start, end):
    """The segment that holds text[start:end] whole, or None."""
    return next((s for s in doc.segments if s.start <= start and end <= s.end), None)


def test_the_opening_statement_is_lavrovs(founding):
    doc, lines = founding
    for start, end, _ in lines[:15]:
        seg = containing(doc, start, end)
        assert seg is not None and seg.kind == "statement"
        assert seg.speaker.name == "Sergey Lavrov" and seg.speaker.basis == "answers"


def test_two_questions_each_answered_by_lavrov(founding):
    doc, _ = founding
    official = [s for s in doc.segments if s.kind != "comment"]
    questions = [s for s in official if s.kind == "question"]
    assert len(questions) == 2
    for question in questions:
        after = official[official.index(question) + 1]
        assert after.kind == "answer" and after.speaker.name == "Sergey Lavrov"
        assert after.reply_to == question.id and after.speaker.basis == "label"


def test_the_discussion_begins_at_lavrovs_doctrine_and_every_later_line_is_a_comment(founding):
    doc, lines = founding
    first = next(i for i, (_, _, text) in enumerate(lines) if text.startswith("Lavrov’s Doctrine"))
    assert first == 20
    for start, end, _ in lines[first:]:
        seg = containing(doc, start, end)
        assert seg is not None and seg.kind == "comment"
    answer = containing(doc, lines[19][1] - 20, lines[19][1])  # the label itself lies outside
    assert answer.kind == "answer" and answer.end == lines[19][1]


def test_between_30_and_55_comments(founding):
    doc, _ = founding
    assert 30 <= len(doc.segments_of("comment")) <= 55


def test_multi_line_comments_stay_whole(founding):
    doc, lines = founding
    by_text = {text.split()[0] if text else "": (start, end) for start, end, text in lines}
    ooops = containing(doc, by_text["Ooops,"][0], lines[29][1])  # "Ooops," and its two lines
    assert ooops is not None and ooops.kind == "comment"
    numbered = containing(doc, by_text["1)"][0], by_text["3)"][1])
    assert numbered is not None and numbered.kind == "comment"


def test_one_line_replies_stay_on_their_own(founding):
    doc, lines = founding
    reply = next((s, e) for s, e, t in lines if t == "In a Tokyo minute.")
    seg = containing(doc, *reply)
    assert (seg.start, seg.end) == reply


def test_segments_are_ordered_do_not_overlap_and_lie_within_the_text(founding):
    doc, _ = founding
    for a, b in zip(doc.segments, doc.segments[1:], strict=False):
        assert a.end <= b.start
    assert all(0 <= s.start < s.end <= len(doc.text) for s in doc.segments)
    assert [s.id for s in doc.segments] == [f"s{i}" for i in range(1, len(doc.segments) + 1)]

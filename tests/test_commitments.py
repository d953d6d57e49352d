"""The commitments stage on the founding example and on small texts of our own."""

from __future__ import annotations

import pytest

import parley
import parley.stages.commitments  # registers the stage
from conftest import SAMPLE, need
from parley.readers import read

STAGES = ["structure", "language", "nlp", "actors", "instruments", "dates", "commitments"]


@pytest.fixture(scope="module")
def founding():
    doc = next(iter(read([str(need(SAMPLE))])))
    doc.date = "2019-01-14"
    return parley.Pipeline(STAGES)(doc)


def _at(doc, phrase):
    start = doc.text.index(phrase)
    return [c for c in doc.commitments if c.start < start + len(phrase) and start < c.end]


def _countries(doc, commitment):
    country = {a.id: a.country for a in doc.actors}
    return {country[a] for a in commitment.actor}


def test_report_to_the_leaders_is_due_by_the_end_of_january(founding):
    (c,) = _at(founding, "we will report on the implementation")
    assert c.action == "report on the implementation of their instructions"
    assert c.due is not None and c.due.latest == "2019-01-31" and c.due.text == "later this month"
    assert "RUS" in _countries(founding, c)


def test_deputies_will_continue_contacts(founding):
    (c,) = _at(founding, "will continue detailed contacts")
    assert c.action.startswith("continue detailed contacts")
    assert "RUS" in _countries(founding, c)


def test_more_ambitious_projects_are_agreed_in_the_passive(founding):
    (c,) = _at(founding, "more ambitious projects would be worked out")
    assert "worked out through the relevant agencies" in c.action
    assert "RUS" in _countries(founding, c)


def test_every_commitment_lies_in_a_statement_or_answer_and_has_an_actor(founding):
    kinds = {s.id: s for s in founding.segments}
    assert founding.commitments
    for c in founding.commitments:
        seg = kinds[c.segment]
        assert seg.kind in ("statement", "answer")
        assert seg.start <= c.start < c.end <= seg.end
        assert c.actor and c.action


def test_questions_and_comments_promise_nothing(founding):
    """The question's "local residents will not have to leave" and the readers' "will"s are not commitments."""
    official = {s.id for s in founding.segments if s.kind in ("statement", "answer")}
    assert all(c.segment in official for c in founding.commitments)


def test_hypotheticals_are_not_commitments():
    doc = parley.analyze("If Russia agrees, Japan will sign the peace treaty. Japan will open a consulate in Sapporo "
                         "next week.", date="2019-01-14", stages=STAGES)
    actions = [c.action for c in doc.commitments]
    assert actions == ["open a consulate in Sapporo next week"]
    assert doc.commitments[0].due.latest == "2019-01-27"

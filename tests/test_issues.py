"""The issues stage on the founding example."""

from __future__ import annotations

import pytest

import parley
import parley.stages.issues  # registers the stage
from conftest import SAMPLE, need
from parley.readers import read
from parley.stages.issues_phrases import lexicon
from parley.stages.issues_stance import STANCES

STAGES = ["structure", "language", "nlp", "actors", "instruments", "dates", "issues"]


@pytest.fixture(scope="module")
def founding():
    doc = next(iter(read([str(need(SAMPLE))])))
    doc.date = "2019-01-14"
    return parley.Pipeline(STAGES)(doc)


def _issue_at(doc, phrase):
    start = doc.text.index(phrase)
    hits = [i for i in doc.issues if any(m.start < start + len(phrase) and start < m.end for m in i.mentions)]
    assert hits, f"no issue mentions {phrase!r}"
    return hits[0]


def test_sovereignty_over_the_islands_is_an_issue_russia_rejects_discussing(founding):
    issue = _issue_at(founding, "sovereignty over the islands")
    assert "sovereignty" in issue.label and issue.topic == "International Affairs"
    russia = next(a.id for a in founding.actors if a.name == "Russia")
    stances = {p.stance for p in issue.positions if p.actor == russia}
    assert stances & {"rejects", "demands"}
    other = _issue_at(founding, "sovereignty over all the islands of the South Kuril Ridge")
    assert other is issue


def test_peace_treaty_is_an_issue(founding):
    issue = _issue_at(founding, "peace treaty")
    assert issue.label == "peace treaty" and issue.topic == "International Affairs"
    assert len(issue.mentions) >= 4


@pytest.mark.parametrize(("phrase", "topic"), [
    ("visa-free travel", "Immigration"),
    ("joint economic activity", "Foreign Trade"),
    ("global missile defence system in Japan", "Defense"),
    ("preferential agreement on the trade in services and investment", "Foreign Trade"),
])
def test_labels_come_from_the_text_with_a_cap_topic(founding, phrase, topic):
    issue = _issue_at(founding, phrase)
    assert issue.topic == topic
    assert issue.label in founding.text


def test_issues_and_positions_come_only_from_official_segments_with_offsets(founding):
    segments = {s.id: s for s in founding.segments}
    official = [s for s in founding.segments if s.kind in ("statement", "question", "answer")]
    end_official = max(s.end for s in official)
    topics = set(lexicon()["topics"])
    for issue in founding.issues:
        assert issue.topic in topics
        assert all(m.end <= end_official for m in issue.mentions)
        for p in issue.positions:
            assert p.stance in STANCES
            seg = segments[p.segment]
            assert seg.kind in ("statement", "answer") and seg.start <= p.start < p.end <= seg.end


def test_the_lexicon_lists_the_21_cap_major_topics():
    assert len(lexicon()["topics"]) == 21
    assert set(lexicon()["cues"].values()) <= set(lexicon()["topics"])

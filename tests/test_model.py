from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from parley.model import (
    SCHEMA,
    Actor,
    CommentAnalysis,
    Commitment,
    DateMention,
    Discussion,
    DiscussionSummary,
    Document,
    Due,
    Event,
    Evidence,
    Instrument,
    InstrumentMention,
    Issue,
    Position,
    Segment,
    Skip,
    Span,
    Speaker,
    Topic,
    text_id,
)

small = st.integers(min_value=0, max_value=10_000)
word = st.text(min_size=1, max_size=12)
maybe = lambda s: st.none() | s  # noqa: E731
spans = st.builds(Span, small, small)

segments = st.builds(Segment, word, st.sampled_from(["statement", "question", "answer", "comment", "other"]),
                     small, small, maybe(word), maybe(st.builds(Speaker, word, maybe(word), word)), maybe(word),
                     maybe(word), maybe(word))
actors = st.builds(Actor, word, word, word, maybe(word), maybe(word), maybe(word), maybe(word), st.lists(spans))
events = st.builds(Event, id=word, type=word, segment=word, start=small, end=small, mode=maybe(word),
                   contexts=st.lists(word), actor=st.lists(word), recipient=st.lists(word), negated=st.booleans(),
                   tense=maybe(word), trigger=maybe(spans), confidence=st.floats(0, 1))
instruments = st.builds(Instrument, word, word, maybe(word), maybe(word),
                        st.lists(st.builds(InstrumentMention, small, small, maybe(word))))
issues = st.builds(Issue, word, word, maybe(word), st.lists(spans),
                   st.lists(st.builds(Position, word, word, word, small, small)))
commitments = st.builds(Commitment, id=word, action=word, segment=word, start=small, end=small,
                        actor=st.lists(word), due=maybe(st.builds(Due, word, maybe(word), maybe(word))))
scores = st.dictionaries(word, st.floats(0, 1), max_size=4)
discussions = st.builds(
    Discussion,
    st.lists(st.builds(CommentAnalysis, word, scores, st.lists(word), scores, st.lists(word), maybe(word),
                       st.lists(st.builds(Evidence, word, small, small)), st.lists(word))),
    st.builds(DiscussionSummary, small, small, scores, st.lists(st.builds(Topic, word, st.lists(word), st.lists(word))),
              st.dictionaries(word, small, max_size=3), st.lists(word), st.lists(word)),
)
dates = st.builds(DateMention, word, small, small, maybe(word), word, maybe(word), maybe(word))
documents = st.builds(
    Document, text=st.text(max_size=200), source=maybe(word), title=maybe(word), date=maybe(word),
    language=maybe(word), segments=st.lists(segments, max_size=4), actors=st.lists(actors, max_size=3),
    events=st.lists(events, max_size=3), instruments=st.lists(instruments, max_size=2),
    issues=st.lists(issues, max_size=2), commitments=st.lists(commitments, max_size=2),
    dates=st.lists(dates, max_size=2),
    discussion=maybe(discussions), skipped=st.lists(st.builds(Skip, word, word, maybe(word), maybe(word)), max_size=2),
    meta=st.dictionaries(word, word, max_size=3),
)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_every_document_survives_a_round_trip_through_json(doc):
    again = Document.from_dict(json.loads(doc.to_json()))
    assert again == doc
    assert again.to_json() == doc.to_json()


def test_working_caches_are_never_serialised():
    doc = Document(text="x")
    doc.cache["nlp"] = object()
    assert "cache" not in doc.to_dict() and Document.from_dict(doc.to_dict()).cache == {}


def test_the_id_is_the_sha1_of_the_text_and_stable():
    doc = Document(text="We have concluded talks.")
    assert doc.id == text_id("We have concluded talks.") == Document(text="We have concluded talks.").id
    assert len(doc.id) == 12 and int(doc.id, 16) >= 0


def test_unreadable_documents_get_distinct_ids_from_their_source():
    assert Document(text="", source="a.txt").id != Document(text="", source="b.txt").id


def test_json_starts_with_schema_and_id_as_the_contract_shows():
    data = json.loads(Document(text="x").to_json())
    assert list(data)[:3] == ["schema", "id", "source"] and data["schema"] == SCHEMA


def test_a_document_from_another_schema_version_is_refused_clearly():
    import pytest

    from parley.errors import MalformedInput

    with pytest.raises(MalformedInput, match="unsupported schema"):
        Document.from_dict({"schema": "parley.document/2", "text": ""})

from __future__ import annotations

import parley
from conftest import DATA, need
from parley.model import Document, Segment
from parley.stages.language import detect, language


def test_english_is_recognised_even_after_a_location_header():
    text = ("Aboard Air Force One En Route Anchorage, Alaska 2:01 P.M. EDT All right. Good afternoon, everyone. "
            "As you know, we are on our way to Anchorage, and from there to Hiroshima for the summit.")
    assert detect(text)[0] == "en"


def test_other_languages_are_named_and_short_segments_inherit_the_documents():
    german = "Die Außenminister haben heute lange und ausführliche Gespräche über den Friedensvertrag geführt."
    assert detect(german)[0] == "de"
    text = "We discussed the peace treaty at length with our colleagues today.\nOk!"
    doc = Document(text=text, segments=[Segment("s1", "statement", 0, 66), Segment("s2", "comment", 67, 70)])
    language(doc)  # segments set by hand above, so the stage runs on its own
    assert doc.language == "en" and [s.language for s in doc.segments] == ["en", "en"]


def test_every_white_house_transcript_is_english():
    folder = need(DATA / "wh_briefings")
    pipeline = parley.Pipeline(["structure", "language"])
    languages = {p.name: pipeline(next(parley.read([p]))).language for p in sorted(folder.glob("*/*.md"))}
    assert len(languages) == 258 and set(languages.values()) == {"en"}

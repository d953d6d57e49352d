from __future__ import annotations

import parley
from parley.readers import from_text
from parley.stages.nlp import parses

TEXT = ("There is an important document known as the UN Charter, Art. 107 of which recognises the outcome of the "
        "war. We discussed it with Mr. Tanaka in Okinawa on Monday. No. 5 on the list was not discussed.")


def analysed():
    return parley.Pipeline(["structure", "nlp"])(from_text(TEXT))


def test_no_sentence_break_after_abbreviations_before_numbers_and_names():
    doc = analysed()
    ((offset, parsed),) = parses(doc, doc.segments[0])
    sentences = [s.text for s in parsed.sents]
    assert any("Art. 107 of which recognises" in s for s in sentences)
    assert any("Mr. Tanaka in Okinawa" in s for s in sentences)
    assert len(sentences) == 3 and offset == doc.segments[0].start


def test_places_are_not_people():
    doc = analysed()
    ((_, parsed),) = parses(doc, doc.segments[0])
    labels = {e.text: e.label_ for e in parsed.ents}
    assert labels.get("Okinawa") in ("GPE", "LOC")


def test_parses_are_shared_in_the_cache_and_never_written():
    doc = analysed()
    assert set(doc.cache["nlp"]) == {s.id for s in doc.segments}
    assert "cache" not in doc.to_json() and "nlp" in doc.meta["stages"]

"""The instruments stage: catalogue names, resolutions, contextual short forms, articles, descriptions."""

from __future__ import annotations

import itertools
import json
from importlib import resources

import pytest

import parley
from conftest import SAMPLE, need
from parley.model import Document, Segment
from parley.stages import instruments as instruments_stage
from parley.stages.instruments import find_mentions
from parley.stages.instruments_catalogue import load_catalogue


def _run(doc: Document) -> Document:
    return instruments_stage.instruments(doc)


def analyse(text: str) -> Document:
    """``text`` as one statement segment, through the instruments stage."""
    return _run(Document(text=text, segments=[Segment("s1", "statement", 0, len(text))]))


def ids(text: str) -> list[str]:
    return [i.id for i in analyse(text).instruments]


def mentions(text: str, instrument_id: str) -> list[tuple[str, str | None]]:
    doc = analyse(text)
    found = next((i for i in doc.instruments if i.id == instrument_id), None)
    return [(text[m.start:m.end], m.article) for m in found.mentions] if found else []


# -- the catalogue --------------------------------------------------------------------------------
def test_catalogue_has_at_least_150_instruments_with_unique_slug_ids_and_iso_dates():
    raw = json.loads((resources.files("parley.resources") / "instruments.json").read_text(encoding="utf-8"))
    entries = raw["instruments"]
    assert len(entries) >= 150
    assert len({e["id"] for e in entries}) == len(entries)
    for entry in entries:
        assert entry["id"] == entry["id"].lower() and " " not in entry["id"]
        assert entry["date"] is None or (len(entry["date"]) == 10 and entry["date"][4] == "-")
        assert entry["kind"] and entry["name"] and entry["parties"]
        assert entry["wikidata"] is None or entry["wikidata"].startswith("Q")


def test_catalogue_covers_the_post_war_settlement_with_japan():
    entries = load_catalogue().entries
    for key in ("un-charter-1945", "treaty-of-san-francisco-1951", "soviet-japanese-joint-declaration-1956",
                "japanese-instrument-of-surrender-1945", "us-japan-security-treaty-1960", "potsdam-declaration-1945",
                "yalta-agreement-1945", "cairo-declaration-1943"):
        assert key in entries
    assert entries["soviet-japanese-joint-declaration-1956"].date == "1956-10-19"


# -- names and abbreviations ---------------------------------------------------------------------------
def test_full_names_and_short_forms_are_found_case_insensitively_across_line_breaks():
    text = "Both sides cited the treaty of peace with\nJapan and the Vienna Convention on Diplomatic Relations."
    assert ids(text) == ["treaty-of-san-francisco-1951", "vcdr-1961"]


def test_dash_variants_and_us_spellings_match_the_same_name():
    assert ids("They discussed the U.S.–Japan Security Treaty.") == ["us-japan-security-treaty-1960"]
    assert ids("the Soviet–Japanese Joint Declaration") == ["soviet-japanese-joint-declaration-1956"]


def test_abbreviations_are_case_sensitive_whole_words():
    assert ids("Iran and the JCPOA; the NPT review.") == ["jcpoa-2015", "npt-1968"]
    assert ids("a jcpoa-like arrangement, an npt") == []


def test_an_organisation_named_after_a_treaty_is_not_the_treaty():
    assert ids("Members of the North Atlantic Treaty Organization met.") == []
    assert ids("Article 5 of the North Atlantic Treaty applies.") == ["north-atlantic-treaty-1949"]


def test_ambiguous_names_need_their_cue_in_the_document():
    assert ids("They signed the Paris Agreement on the status of the port.") == []
    assert ids("The Paris Agreement commits us to limit warming and cut emissions.") == ["paris-agreement-2015"]


# -- resolutions -----------------------------------------------------------------------------------------
def test_security_council_resolutions_in_a_list_are_one_mention_each():
    text = "Recalling its resolutions 242 (1967) of 22 November 1967, 338 (1973) and 1701 (2006),\n\n2. Decides"
    doc = analyse(text)
    got = [(i.id, [text[m.start:m.end] for m in i.mentions]) for i in doc.instruments]
    assert got == [("unsc-resolution-242", ["resolutions 242 (1967)"]), ("unsc-resolution-338", ["338 (1973)"]),
                   ("unsc-resolution-1701", ["1701 (2006)"])]


def test_general_assembly_resolutions_are_told_by_session_numeral_or_slash():
    assert ids("its resolution 1514 (XV) and resolution 68/262") == ["unga-resolution-1514", "unga-resolution-68-262"]


def test_an_uncatalogued_resolution_gets_a_derived_id_and_its_year():
    doc = analyse("Security Council resolution 2468 (2019) was adopted.")
    (instrument,) = doc.instruments
    assert instrument.id == "unsc-resolution-2468" and instrument.date == "2019"
    assert "Security Council" in instrument.name


def test_draft_resolutions_and_paragraph_numbers_are_not_resolutions():
    assert ids("The draft resolution 5 was withdrawn.") == []
    assert ids("pursuant to resolution 721 (1991),\n\n2. Decides to act") == ["unsc-resolution-721"]


# -- articles ---------------------------------------------------------------------------------------------
def test_an_article_of_a_named_instrument_is_part_of_the_mention():
    assert mentions("under Article 51 of the Charter of the United Nations", "un-charter-1945") == [
        ("Article 51 of the Charter of the United Nations", "51")]


def test_several_articles_and_chapters_are_listed_in_one_value():
    text = ("The United Nations acts under Articles 41 and 42 of the Charter, "
            "and Article 25 and Chapter VII of the Charter.")
    assert [a for _, a in mentions(text, "un-charter-1945")] == ["41, 42", "25, Chapter VII"]


def test_an_abbreviated_article_after_the_instrument_is_attached_to_it():
    text = "It is codified in the UN Charter, Art. 107 of which is clear."
    assert mentions(text, "un-charter-1945") == [("UN Charter", None), ("Art. 107", "107")]


def test_an_article_of_something_not_catalogued_is_not_attached():
    assert mentions("The UN Charter matters. Article 9 of the Constitution too.", "un-charter-1945") == [
        ("UN Charter", None)]


# -- contextual short forms, descriptions, dates ------------------------------------------------------
def test_year_short_form_resolves_to_the_declaration_named_before():
    text = ("Talks were based on the Soviet-Japanese Joint Declaration. We keep to the 1956 Declaration, "
            "and on the basis of this declaration we go on.")
    assert [t for t, _ in mentions(text, "soviet-japanese-joint-declaration-1956")] == [
        "Soviet-Japanese Joint Declaration", "the 1956 Declaration", "this declaration"]


def test_year_short_form_alone_needs_a_cue_of_its_subject():
    assert ids("Japan and the USSR: the 1956 Declaration.") == ["soviet-japanese-joint-declaration-1956"]
    assert ids("We discussed the 1974 agreement at length.") == []


def test_this_declaration_is_left_alone_when_two_declarations_are_in_play():
    text = "The Cairo Declaration and the Potsdam Declaration were read. This declaration matters."
    assert ids(text) == ["cairo-declaration-1943", "potsdam-declaration-1945"]


def test_the_charter_means_the_un_charter_only_in_a_document_about_the_un():
    assert ids("The General Assembly must respect the Charter.") == ["un-charter-1945"]
    assert ids("The club must respect the Charter.") == []


def test_a_described_alliance_treaty_and_its_signing_year_resolve_to_the_1960_treaty():
    text = ("Japan had no military alliance treaty with the US then. The treaty was signed in 1960, "
            "after which Tokyo changed course.")
    assert [t for t, _ in mentions(text, "us-japan-security-treaty-1960")] == [
        "military alliance treaty with the US", "The treaty"]


def test_a_signing_date_identifies_the_one_instrument_signed_that_day():
    text = "It is codified in documents that were signed at the end of the war, in particular on September 2, 1945."
    assert ids(text) == ["japanese-instrument-of-surrender-1945"]
    assert ids("The weather on September 2, 1945 was fine.") == []


def test_that_as_a_conjunction_is_not_an_anaphor():
    text = "The GATT talks went on. I am pleased to report that agreement was reached."
    assert ids(text) == ["gatt-1947"] and len(analyse(text).instruments[0].mentions) == 1


def test_this_treaty_after_an_unnamed_new_treaty_is_left_alone():
    text = "The Warsaw Pact was dissolved. Last week we signed a relevant Treaty. We hope this Treaty is ratified."
    assert [t for t, _ in mentions(text, "warsaw-pact-1955")] == ["Warsaw Pact"]


def test_a_short_name_starting_a_longer_unknown_title_is_not_the_short_name():
    assert ids("We stand by the Universal Declaration on the Achievement of a Nuclear-Free World.") == []
    assert ids("the Chicago Convention on International Civil Aviation") == ["chicago-convention-1944"]
    assert ids("the Paris Agreement on Climate Change") == ["paris-agreement-2015"]


def test_common_words_that_are_also_names_match_only_as_written():
    assert ids("Resolutions form the only agreed framework for talks.") == []
    assert ids("The Agreed Framework froze the reactor.") == ["agreed-framework-1994"]


# -- the stage contract -------------------------------------------------------------------------------
def test_output_is_sorted_by_first_mention_with_offsets_inside_segments():
    text = "Comment on the NPT.\nThen the UN Charter, then the NPT again."
    doc = Document(text=text, segments=[Segment("s1", "statement", 0, 20), Segment("s2", "comment", 20, len(text))])
    _run(doc)
    assert [i.id for i in doc.instruments] == ["npt-1968", "un-charter-1945"]
    for instrument in doc.instruments:
        starts = [m.start for m in instrument.mentions]
        assert starts == sorted(starts)


def test_mentions_never_overlap():
    text = "Article 2 of the Treaty on the Non-Proliferation of Nuclear Weapons (NPT) and resolution 2231 (2015)."
    spans = sorted((m.start, m.end) for m in find_mentions(text))
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_the_stage_runs_in_a_pipeline_after_structure():
    doc = parley.Pipeline(["structure", "instruments"])(parley.readers.from_text("We support the CTBT and the NPT."))
    assert [i.id for i in doc.instruments] == ["ctbt-1996", "npt-1968"]
    assert "instruments" in doc.meta["stages"]


# -- the founding example ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def founding_doc():
    (doc,) = list(parley.read([str(need(SAMPLE))]))
    return parley.Pipeline(["structure", "instruments"])(doc)


def test_founding_example_cites_the_1956_declaration_at_least_three_times(founding_doc):
    found = {i.id: i for i in founding_doc.instruments}
    declaration = found["soviet-japanese-joint-declaration-1956"]
    assert len(declaration.mentions) >= 3
    assert declaration.date == "1956-10-19"
    assert founding_doc.instruments[0].id == "soviet-japanese-joint-declaration-1956"


def test_founding_example_cites_the_san_francisco_treaty_and_the_un_charter_article_107(founding_doc):
    found = {i.id: i for i in founding_doc.instruments}
    assert "treaty-of-san-francisco-1951" in found
    assert "107" in [m.article for m in found["un-charter-1945"].mentions]


def test_founding_example_cites_the_1960_us_japan_treaty_and_the_instrument_of_surrender(founding_doc):
    found = {i.id: i for i in founding_doc.instruments}
    assert "us-japan-security-treaty-1960" in found
    assert "japanese-instrument-of-surrender-1945" in found
    text = founding_doc.text
    for instrument in founding_doc.instruments:
        for m in instrument.mentions:
            assert 0 <= m.start < m.end <= len(text)


def test_a_bare_year_does_not_name_an_instrument_the_document_gives_no_cue_for():
    import parley
    from parley.readers import from_text

    doc = parley.Pipeline(["structure", "instruments"])(from_text(
        "Our position has not changed: the boundary was settled by the 1998 agreement between our two countries."))
    assert doc.instruments == []

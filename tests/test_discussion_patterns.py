"""Behaviour of the discussion pattern layer: dehumanising language, calls for violence, condemnation frames."""

from __future__ import annotations

from conftest import DATA, need
from parley.discussion.links import find_links, registered_domain
from parley.discussion.patterns import PATTERNS, scan, scan_thread, sentences


def _live(text: str, attribute: str) -> list[str]:
    return [text[h.start:h.end] for h in scan(text) if h.attribute == attribute and not h.suppressed]


def test_every_pattern_is_named_documented_and_floors_are_probabilities():
    names = [p.name for p in PATTERNS]
    assert len(names) == len(set(names))
    for pattern in PATTERNS:
        assert pattern.description
        assert pattern.raises and all(0.0 < floor <= 1.0 for floor in pattern.raises.values())


#: our own texts that each pattern matches (and many it does not)
PATTERN_EXAMPLES = (
    "Those people are vermin and cockroaches.", "These migrants are like an invasive species of pest.",
    "They are nothing but parasites.", "Sub-humans, all of them.", "The proper term for pests is 'exterminated'.",
    "The only solution for the Ukros is genocide.", "The real answer to them is nuking.",
    "Those traitors should be wiped out.", "They must all be hanged.", "He deserves to be shot.",
    "Nuke them all!", "Hang them.", "I say we bomb them tomorrow.", "Just kill 'em", "We should gas those people.",
    "I will kill you.", "We'll find you.", "I am going to hunt u", "Go kill yourself.", "KYS", "go hang urself",
    "The government approved 9/11.", "The CIA planned Sept. 11th.", "They did 911.", "The Deep State runs it.",
    "A false flag, an inside job!", "The New World Order wants this.", "chemtrails and the plandemic",
    "It was a controlled demolition with crisis actors.", "Wake up sheeple.", "the globalist elite",
    "a shadow government", "Fuuuck this.", "FFUCCK", "motherfucker", "bullshit!", "you bastard", "what a bitch",
    "asshole", "dickhead", "SHIT", "Go screw yourself with your flag.", "Others suggested nuking Canada.",
    "Nobody should nuke them.", "They bombed Hiroshima in 1945.", "We had a nice walk in the garden.",
)


def _corpus() -> list[str]:
    texts = list(PATTERN_EXAMPLES)
    verbs = ("nuke", "nuking", "bomb", "bombing", "kill", "killing", "shoot", "shooting", "hang", "hanging",
             "gas", "gassing", "exterminate", "exterminating", "wipe out", "wiping out", "lynch", "lynching",
             "behead", "beheading", "slaughter", "slaughtering", "execute", "executing", "annihilate",
             "annihilating")
    frames = ("{} them.", "We should {} them all", "I say we {} Canada.", "(“{} them”)",
              "Others suggested {} those people.", "Just {} 'em")
    texts += [f.format(v) for v in verbs for f in frames]
    texts += [t.upper() for t in texts]
    return texts


def test_a_pattern_prefilter_never_hides_a_match():
    """``requires`` is only a shortcut: every text a pattern matches contains one of its words."""
    checked = 0
    for pattern in (p for p in PATTERNS if p.requires):
        for text in _corpus():
            if pattern.regex.search(text):
                checked += 1
                assert any(w in text.lower() for w in pattern.requires), (pattern.name, text)
    assert checked >= 150


def test_the_pattern_prefilter_agrees_with_the_patterns_on_real_comments():
    """On about 7,000 real comments (Jigsaw and Wikipedia talk pages, Davidson tweets), no match is hidden."""
    import csv

    texts = []
    for folder, name, column in (("jigsaw_toxic_sample", "train.csv", "comment_text"),
                                 ("wikipedia_toxicity_subset", "toxicity_nonfuzzed_testset.csv", "comment"),
                                 ("davidson_hate_offensive", "labeled_data.csv", "tweet")):
        path = need(DATA / folder) / name
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [row[column] for row in csv.DictReader(handle)][:5000]
    matched = 0
    for pattern in (p for p in PATTERNS if p.requires):
        for text in texts:
            if pattern.regex.search(text):
                matched += 1
                assert any(w in text.lower() for w in pattern.requires), (pattern.name, text)
    assert matched >= 100


def test_calls_for_violence_raise_threat_with_the_words_as_evidence():
    for text, words in [("Nuke them all!", "Nuke them all"), ("Hang them.", "Hang them"),
                        ("Those traitors should be wiped out.", "should be wiped out"),
                        ("I say we bomb them tomorrow.", "say we bomb them")]:
        assert _live(text, "threat") == [words], text


def test_dehumanising_comparison_is_an_identity_attack():
    text = "Those people are vermin and cockroaches."
    assert _live(text, "identity_attack") == ["Those people are vermin"]
    assert "cockroaches" in _live(text, "insult")


def test_profane_dismissal_is_an_insult():
    text = "Go screw yourself with your flag."
    assert _live(text, "insult") == ["Go screw yourself"]
    assert _live(text, "toxicity") == ["Go screw yourself"]


def test_reported_and_condemned_violence_is_not_a_threat():
    text = "Some readers even suggested bombing Canada. That is disgusting, and it is hatred."
    hits = [h for h in scan(text) if h.attribute == "threat"]
    assert hits and all(h.suppressed == "reported speech, condemned" for h in hits)


def test_reported_violence_without_condemnation_stays_a_threat():
    assert _live("Others suggested nuking Canada, and they are right.", "threat")


def test_first_person_proposal_is_a_threat_even_after_a_reporting_verb():
    assert _live("I suggest we nuke them.", "threat")


def test_violence_condemned_in_its_own_sentence_or_negated_is_not_a_threat():
    assert not _live("Bombing them would be monstrous.", "threat")
    assert not _live("We should not kill them.", "threat")


def test_narrated_history_is_not_a_threat():
    assert not _live("They bombed Hiroshima in 1945.", "threat")
    assert not _live("The US was planning (maybe with Britain) to bomb Russia, all of it.", "threat")


def test_extermination_of_pests_alone_is_gardening_advice():
    assert not _live("The proper term for pests is exterminated.", "threat")


def test_antecedent_carries_the_dehumanised_noun_to_the_next_comments():
    thread = ["Those soldiers are like an invasive species of pest.",
              "They arrived last spring.",
              "The proper term for pests is exterminated."]
    hits = scan_thread(thread)
    assert {h.attribute for h in hits[0] if not h.suppressed} >= {"identity_attack"}
    assert not hits[1]
    third = {h.attribute for h in hits[2] if not h.suppressed}
    assert {"threat", "identity_attack"} <= third


def test_antecedent_expires_after_a_few_comments():
    thread = ["They are pests.", "a", "b", "c", "d", "The proper term for pests is exterminated."]
    assert not [h for h in scan_thread(thread)[-1] if h.attribute == "threat"]


def test_extermination_of_a_named_group_is_a_threat_without_antecedent():
    assert _live("The only solution for Martians is extermination.", "threat")


def test_sentences_are_stripped_spans_cut_at_end_punctuation_and_line_breaks():
    text = "One. Two!  Three…\nFour"
    assert [text[s:e] for s, e in sentences(text)] == ["One.", "Two!", "Three…", "Four"]


def test_links_keep_the_url_as_written_and_trim_closing_punctuation():
    text = "See https://example.org/a_(b) and (www.bbc.co.uk/news). Also bans……https://x.com/y."
    links = find_links(text, offset=10)
    assert [link.url for link in links] == ["https://example.org/a_(b)", "www.bbc.co.uk/news", "https://x.com/y"]
    assert [link.domain for link in links] == ["example.org", "bbc.co.uk", "x.com"]
    assert all(text[link.start - 10:link.end - 10] == link.url for link in links)


def test_amp_cache_links_name_the_publisher_domain():
    assert registered_domain("https://www.google.com/amp/s/amp.theguardian.com/environment/x") == "theguardian.com"
    assert registered_domain("https://news.example.co.uk:8080/a?b=c") == "example.co.uk"


def test_registered_domain_needs_no_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert registered_domain("https://sub.dissidentvoice.org/2019/01/") == "dissidentvoice.org"


def test_conspiracy_tropes_raise_conspiracy_with_the_phrase_as_evidence():
    text = "The Deep State runs everything. That's why the US Gov. approved 9/11."
    assert _live(text, "conspiracy") == ["Deep State", "Gov. approved 9/11"]
    assert not _live("The attacks of 9/11 killed nearly 3,000 people.", "conspiracy")

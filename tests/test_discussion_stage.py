"""Behaviour of the discussion stage: per-comment analysis and the thread summary.

The founding example is analysed with the structure, language and discussion stages. Its actors are
built by hand here (a small list of names found in the text) so that stance can be tested before the
actors stage lands. Checks that need the trained toxicity/conspiracy weights skip, naming what is
missing, until ``parley/resources/discussion`` holds them.
"""

from __future__ import annotations

import re

import pytest

import parley
import parley.stages  # registers the built-in stages before ours: registry order = import order
from conftest import SAMPLE, need
from parley.discussion import stage as discussion_stage
from parley.model import Actor, Document, Segment, Span
from parley.readers import from_text

#: (pattern, name, type, country) of the actors the stance tests need; what the actors stage will find
HAND_ACTORS = [
    (r"\bLavrovs?\b|\bLavrov(?=’s)|\bSergi?e[yi]? Lavrov\b", "Sergey Lavrov", "person", "RUS"),
    (r"\bRussia\b|\bRussian Federation\b", "Russia", "state", "RUS"),
    (r"\bJapan\b", "Japan", "state", "JPN"),
    (r"\bUS\b|\bUSA\b|\bUnited States\b", "United States", "state", "USA"),
]


def with_hand_actors(doc: Document) -> Document:
    """Give ``doc`` the actors of HAND_ACTORS with every mention in the text."""
    doc.actors = []
    for i, (pattern, name, kind, country) in enumerate(HAND_ACTORS, start=1):
        mentions = [Span(m.start(), m.end()) for m in re.finditer(pattern, doc.text)]
        doc.actors.append(Actor(f"a{i}", name, kind, country=country, mentions=mentions))
    return doc


def need_models():
    scores, why = discussion_stage.model_scores(["a comment"], None)
    if scores is None:
        pytest.skip(f"needs the trained scoring models (parley.discussion.scoring): {why}")


@pytest.fixture(scope="module")
def founding_discussion():
    text = need(SAMPLE).read_text(encoding="utf-8")
    doc = parley.Pipeline(["structure", "language"])(from_text(text))
    with_hand_actors(doc)
    discussion_stage.DiscussionStage()(doc)
    by_text = {}
    for analysis in doc.discussion.comments:
        seg = next(s for s in doc.segments if s.id == analysis.segment)
        by_text[doc.segment_text(seg)] = analysis
    return doc, by_text


def comment(founding_discussion, needle: str):
    """The analysis of the one comment containing ``needle``."""
    _, by_text = founding_discussion
    found = [a for t, a in by_text.items() if needle in t]
    assert len(found) == 1, f"{len(found)} comments contain {needle!r}"
    return found[0]


def evidence_text(doc: Document, analysis, flag: str) -> list[str]:
    return [doc.text[e.start:e.end] for e in analysis.evidence if e.flag == flag]


# -- the founding example ---------------------------------------------------------------------------------
def test_founding_every_comment_segment_is_analysed_once(founding_discussion):
    doc, _ = founding_discussion
    comments = [s.id for s in doc.segments if s.kind == "comment"]
    assert [c.segment for c in doc.discussion.comments] == comments
    assert doc.discussion.summary.comments == len(comments) >= 40


def test_founding_profane_dismissal_is_toxic_and_insulting(founding_discussion):
    doc, _ = founding_discussion
    analysis = comment(founding_discussion, "go screw yourself with an american flag made in China")
    assert {"toxicity", "insult"} <= set(analysis.flags)
    assert "go screw yourself" in " ".join(evidence_text(doc, analysis, "insult"))


def test_founding_pest_metaphor_and_extermination_are_flagged(founding_discussion):
    doc, _ = founding_discussion
    pest = comment(founding_discussion, "invasive species of pest")
    exterminated = comment(founding_discussion, "The proper term for pests is")
    assert {"threat", "identity_attack"} & set(pest.flags)
    assert {"threat", "identity_attack"} & set(exterminated.flags)
    assert any("exterminated" in t for t in evidence_text(doc, exterminated, "threat"))


def test_founding_reported_and_condemned_nuking_is_not_a_threat(founding_discussion):
    analysis = comment(founding_discussion, "Other commentators even suggested nuking Japan")
    assert "threat" not in analysis.flags
    assert analysis.scores["threat"] < 0.5


def test_founding_praise_is_not_toxic_and_positive_toward_lavrov_and_russia(founding_discussion):
    analysis = comment(founding_discussion, "I love this man. Lavrov is brilliant.")
    assert not {"toxicity", "insult", "threat", "identity_attack"} & set(analysis.flags)
    assert analysis.stance["Sergey Lavrov"] > 0.3
    assert analysis.stance["RUS"] > 0.3


def test_founding_belarus_and_whaling_comments_are_off_topic(founding_discussion):
    for needle in ("your view on Belarus relations", "withdraw from whaling bans", "Sony, Nintendo, Honda",
                   "until seeing the comments section", "Other commentators even suggested nuking Japan"):
        assert "off_topic" in comment(founding_discussion, needle).flags, needle


def test_founding_comments_about_the_treaty_are_on_topic(founding_discussion):
    for needle in ("bent on concluding a peace treaty", "hasn’t even signed a Peace Treaty",
                   "I love this man", "Kurils are geographically", "hands over the Kuril Islands"):
        assert "off_topic" not in comment(founding_discussion, needle).flags, needle


def test_founding_off_topic_flags_are_few(founding_discussion):
    doc, _ = founding_discussion
    assert doc.discussion.summary.flagged_by.get("off_topic", 0) <= 12


def test_founding_links_are_kept_as_written_with_domains(founding_discussion):
    doc, _ = founding_discussion
    with_links = [c for c in doc.discussion.comments if c.urls]
    assert len(with_links) == 3
    for analysis in with_links:
        assert all(url in doc.text for url in analysis.urls)
    domains = {d for c in with_links for d in c.domains}
    assert {"dissidentvoice.org", "theguardian.com", "inforuss.info"} == domains


def test_founding_conspiracy_comments_score_high(founding_discussion):
    doc, _ = founding_discussion
    for needle in ("That’s why the US Gov. approved 9/11", "how the US Government supported 9/11",
                   "the US many Deep States, now sure"):
        analysis = comment(founding_discussion, needle)
        assert analysis.scores["conspiracy"] >= 0.6 and "conspiracy" in analysis.flags, needle
        assert evidence_text(doc, analysis, "conspiracy"), needle


def test_founding_conspiracy_flags_are_few(founding_discussion):
    """Trained with ordinary comments as negatives, the model no longer calls ordinary political talk
    conspiratorial: 6 of 54 flagged when pinned (15 when trained on PRCT alone)."""
    need_models()
    doc, _ = founding_discussion
    assert doc.discussion.summary.flagged_by.get("conspiracy", 0) <= 8
    praise = comment(founding_discussion, "I love this man. Lavrov is brilliant.")
    assert "conspiracy" not in praise.flags


def test_founding_models_rank_the_profane_dismissal_among_the_most_toxic(founding_discussion):
    need_models()
    doc, _ = founding_discussion
    dismissal = comment(founding_discussion, "go screw yourself with an american flag made in China")
    assert dismissal.segment in doc.discussion.summary.most_toxic
    praise = comment(founding_discussion, "I love this man. Lavrov is brilliant.")
    assert praise.scores["toxicity"] < 0.5


def test_founding_every_flag_has_evidence_inside_its_comment(founding_discussion):
    doc, _ = founding_discussion
    segments = {s.id: s for s in doc.segments}
    for analysis in doc.discussion.comments:
        seg = segments[analysis.segment]
        assert set(analysis.flags) == {e.flag for e in analysis.evidence}
        for e in analysis.evidence:
            assert seg.start <= e.start < e.end <= seg.end
            assert doc.text[e.start:e.end].strip()


def test_founding_summary_counts_stance_topics_and_rankings(founding_discussion):
    doc, _ = founding_discussion
    summary = doc.discussion.summary
    comments = doc.discussion.comments
    assert summary.flagged == sum(1 for c in comments if c.flags)
    assert summary.flagged_by["threat"] >= 1
    assert summary.stance["Sergey Lavrov"] > 0
    assert set(summary.stance) >= {"RUS", "JPN", "USA"}
    assert 2 <= len(summary.topics) <= 8
    covered = [s for t in summary.topics for s in t.segments]
    assert sorted(covered) == sorted(c.segment for c in comments)
    texts = " ".join(doc.segment_text(s) for s in doc.segments if s.kind == "comment").lower()
    for topic in summary.topics:
        assert topic.label and topic.keywords
        for keyword in topic.keywords:
            assert all(word in texts for word in keyword.split()), keyword
    assert len(summary.most_toxic) >= 1 and len(summary.most_substantive) == 3
    assert set(summary.most_toxic) & {c.segment for c in comments if "toxicity" in c.flags}


def test_founding_output_is_deterministic():
    text = need(SAMPLE).read_text(encoding="utf-8")
    runs = []
    for _ in range(2):
        doc = parley.Pipeline(["structure", "language"])(from_text(text))
        discussion_stage.DiscussionStage()(with_hand_actors(doc))
        runs.append(doc.to_json())
    assert runs[0] == runs[1]


# -- documents built by hand ------------------------------------------------------------------------------
OFFICIAL = ("The foreign ministers of Norway and Chile met in Oslo to discuss a fisheries agreement. "
            "They agreed to expand cooperation on sustainable fishing quotas in the South Pacific. "
            "A joint commission will review the catch limits every year.")


def build(official: str | None, comments: list[str], languages: list[str | None] | None = None) -> Document:
    """A document with one statement (if given) and the comments, segments set by hand."""
    parts, segments, pos = [], [], 0
    if official:
        parts.append(official)
        segments.append(Segment("s1", "statement", 0, len(official)))
        pos = len(official) + 2
    for i, text in enumerate(comments):
        lang = languages[i] if languages else "en"
        segments.append(Segment(f"s{len(segments) + 1}", "comment", pos, pos + len(text), language=lang))
        parts.append(text)
        pos += len(text) + 2
    return Document(text="\n\n".join(parts), segments=segments, language="en")


def run(doc: Document, **kwargs) -> Document:
    return discussion_stage.DiscussionStage(**kwargs)(doc)


def test_non_english_comment_keeps_language_and_links_and_is_skipped_with_reason():
    doc = run(build(OFFICIAL, ["Je pense que cet accord est une bonne chose, voir https://www.lemonde.fr/article.",
                               "Good agreement on fishing quotas, finally."], ["fr", "en"]))
    french, english = doc.discussion.comments
    assert french.language == "fr" and french.scores == {} and french.flags == []
    assert french.urls == ["https://www.lemonde.fr/article"] and french.domains == ["lemonde.fr"]
    reasons = [s.reason for s in doc.skipped if s.stage == "discussion" and s.code == "language"]
    assert reasons == [next(r for r in reasons if "s2" in r and "'fr'" in r)]
    assert english.scores and doc.discussion.summary.comments == 2


def test_language_is_detected_when_the_language_stage_did_not_run():
    doc = build(OFFICIAL, ["Ich glaube nicht, dass dieses Abkommen den Fischern wirklich helfen wird, leider."],
                [None])
    assert run(doc).discussion.comments[0].language == "de"


def test_off_topic_is_relative_to_the_official_part():
    doc = run(build(OFFICIAL, [
        "Fishing quotas in the South Pacific have needed a joint review for years; good that Chile and "
        "Norway agreed to expand cooperation on sustainable catch limits.",
        "My favourite recipe for chocolate cake needs three eggs, butter and a long afternoon in the oven, "
        "and my neighbours always ask for a slice.",
    ]))
    on, off = doc.discussion.comments
    assert "off_topic" in off.flags and "off_topic" not in on.flags
    assert off.evidence[0].flag == "off_topic"


def test_without_official_part_off_topic_is_relative_to_the_thread():
    doc = run(build(None, [
        "The fisheries agreement between Norway and Chile sets sustainable fishing quotas for the South Pacific.",
        "Sustainable fishing quotas are the heart of the Norway Chile fisheries agreement, I think.",
        "The joint commission on fishing quotas will review the Pacific catch limits of Norway and Chile.",
        "My favourite recipe for chocolate cake needs three eggs, butter and a long afternoon in the oven.",
    ]))
    scores = [c.scores["off_topic"] for c in doc.discussion.comments]
    assert scores[3] == max(scores) and scores[3] >= 0.5
    assert all(s < 0.5 for s in scores[:3])


def test_pattern_threat_sets_score_floor_flag_and_evidence():
    doc = run(build(OFFICIAL, ["Those Norwegian negotiators should be wiped out."]))
    analysis = doc.discussion.comments[0]
    assert analysis.scores["threat"] >= 0.85 and "threat" in analysis.flags
    assert [doc.text[e.start:e.end] for e in analysis.evidence if e.flag == "threat"] == ["should be wiped out"]


def test_thresholds_are_configurable():
    text = ["Those Norwegian negotiators should be wiped out."]
    assert "threat" not in run(build(OFFICIAL, text), thresholds={"threat": 0.95}).discussion.comments[0].flags


def test_stance_counts_sentences_mentioning_the_actor_and_the_persons_country():
    doc = build(OFFICIAL, ["I admire Erna Solberg, she is wonderful. Chile is a terrible partner."])
    start = doc.segments[1].start
    text = doc.segment_text(doc.segments[1])
    doc.actors = [
        Actor("a1", "Erna Solberg", "person", country="NOR",
              mentions=[Span(start + text.index("Erna"), start + text.index("Erna") + len("Erna Solberg"))]),
        Actor("a2", "Chile", "state", country="CHL",
              mentions=[Span(start + text.index("Chile"), start + text.index("Chile") + 5)]),
    ]
    stance = run(doc).discussion.comments[0].stance
    assert stance["Erna Solberg"] > 0.3 and stance["NOR"] == stance["Erna Solberg"]
    assert stance["CHL"] < -0.3


def test_pronoun_refers_to_the_main_speaker():
    doc = build(OFFICIAL, ["What a great man, I love him."])
    doc.segments[0].speaker = parley.model.Speaker("Erna Solberg", actor="a1")
    doc.actors = [Actor("a1", "Erna Solberg", "person", country="NOR", mentions=[])]
    stance = run(doc).discussion.comments[0].stance
    assert stance["Erna Solberg"] > 0.3 and stance["NOR"] > 0.3


def test_document_without_comments_gets_an_empty_discussion():
    doc = run(build(OFFICIAL, []))
    assert doc.discussion.comments == [] and doc.discussion.summary.comments == 0


def test_stage_runs_in_the_pipeline_after_structure():
    doc = parley.Pipeline(["structure", "language", "discussion"])(from_text(
        "Question: Will the agreement be signed?\nMinister: Yes, next week, in Oslo.\n"))
    assert doc.discussion is not None
    assert "discussion" in parley.Pipeline(["structure", "discussion"]).names


def test_batching_documents_together_gives_the_same_analysis():
    comments_a = ["Good agreement on fishing quotas, finally.", "Those negotiators should be wiped out."]
    comments_b = ["My favourite recipe for chocolate cake needs three eggs and butter, and a long afternoon.",
                  "The joint commission will review catch limits every year, which is sensible for Chile."]
    alone = [run(build(OFFICIAL, c)).discussion.to_dict() for c in (comments_a, comments_b)]
    together = list(discussion_stage.DiscussionStage().pipe([build(OFFICIAL, comments_a), build(OFFICIAL, comments_b)]))
    assert [d.discussion.to_dict() for d in together] == alone

"""Floors on ``parley eval events`` (PLOVER gold standard records). Raised as the stage improves, never
lowered without saying why.

Measured 2026-11-29, after issue 4's rules (states named by their peoples and places, armed groups, announced
acts as AGREE/THREATEN, light verbs + event nouns, the main event nearest the root of the parse):
all 322 sentences: coverage 0.829, type accuracy 0.634, type macro-F1 0.611, actor country 0.763, recipient
country 0.622; the held-out fifth (76 sentences not looked at while the rules were written): coverage 0.789,
type accuracy 0.605, macro-F1 0.587, actor 0.711, recipient 0.594. Before: 0.727 / 0.472 / 0.490 / 0.617 /
0.392 (held-out fifth 0.684 / 0.421 / 0.462 / 0.579 / 0.377). Goal: macro-F1 0.70, countries 0.85 — not
reached.

Measured 2026-11-29 (second session), after domestic acts (country-less targets at home, crowds dispersed),
attack places named anywhere in the sentence, stance participles, protest purposes, obstruction and
strikes as PROTEST, repression of protests as COERCE, unnamed protesters acting for their place, weapons as
subjects, ethnic minorities, office-holders and agentless arrests located: all 322: coverage 0.882, type
accuracy 0.720, macro-F1 0.708, actor 0.816, recipient 0.764 (with minorities as victims, UK and Palestinian
places in the gazetteer, warnings about rallies aimed at home; 0.760 once general verbs lost their CAMEO
default, which cut 5% of the events on WH transcripts, one of 20 arguably real; then 0.724 / 0.710 / 0.819 /
0.764 with invasions and offensives as event nouns and places for attacks with no named agent; recipient
0.778 when every one-sided act takes the place its sentence names; coverage 0.891, type accuracy 0.730,
macro-F1 0.711, actor 0.826, recipient 0.781 once unnamed people of any act stand for their place; 0.898 /
0.736 / 0.715 / 0.826 / 0.788 with passive accusations kept); the
held-out fifth 0.816 / 0.618 / 0.591 / 0.724 / 0.681 (it was 0.789 / 0.605 / 0.589 / 0.711 / 0.652): most of
the gain is on sentences that were looked at.

Measured 2026-11-29 (third session), after coordinated names as parties, accusations aimed at the doer their
object names, statements "that X must" as requests, nouns of acts (our own table: talks, investigation, riots,
fighting ...) after verbs that do them and as subjects of "continue", "break out", topics of talks kept out of
their parties: all 322: coverage 0.922, type accuracy 0.767, macro-F1 0.740, actor 0.841, recipient 0.826; the
held-out fifth 0.842 / 0.645 / 0.612 / 0.750 / 0.710. Then (office-holders acted upon placed, "US-led", stative
passives, agentless investigations, a named state's acts on parties of no country at home, surnames of leaders,
minorities named as a population, passive retreats; in speech, home politics left out): all 322 0.935 / 0.776 /
0.748 / 0.863 / 0.854, held-out fifth 0.842 / 0.645 / 0.613 / 0.763 / 0.710.

The PETRARCH-2 validation records, which no rule was written from: first (blind) run, 60 sentences with PLOVER
events, coverage 0.600, type accuracy 0.467, actor 0.564, recipient 0.625 (its 13 AFP news sentences 0.846 /
0.769 / 0.917 / 0.917; PETRARCH's parser test sentences 0.532 / 0.383 / 0.465 / 0.545); 6 of its 17 sentences
coded with no PLOVER event were given one. Now 0.617 / 0.467 / 0.582 / 0.625 (one change that lowered it,
"want" losing CAMEO's default, was withdrawn; its sentences are otherwise unread).

Nothing is trained on the GSR (training/train_event_classifier.py: no re-typer beat the rules by 5-fold CV)."""

from __future__ import annotations

import pytest

from conftest import DATA, need
from parley.evaluate.events import GSR, PETR2, evaluate_events, macro_f1


@pytest.fixture(scope="module")
def evaluation():
    need(DATA / GSR)
    return evaluate_events(DATA)


@pytest.fixture(scope="module")
def rows(evaluation):
    return evaluation.sections[0].rows


@pytest.fixture(scope="module")
def scores(rows):
    return rows["lexicon+frames"]


def test_every_gold_sentence_is_scored(scores, rows):
    assert scores["sentences"] == 322
    assert rows["held-out fifth"]["sentences"] == 76


def test_event_type_floors(scores):
    assert scores["coverage"] >= 0.93
    assert scores["type_acc"] >= 0.77
    assert scores["type_macro_f1"] >= 0.74


def test_actor_and_recipient_country_floors(scores):
    assert scores["actor_country_acc"] >= 0.86
    assert scores["recipient_country_acc"] >= 0.85


def test_held_out_floors(rows):
    held = rows["held-out fifth"]
    assert held["type_acc"] >= 0.64 and held["type_macro_f1"] >= 0.61
    assert held["actor_country_acc"] >= 0.76 and held["recipient_country_acc"] >= 0.70


@pytest.fixture(scope="module")
def petrarch(evaluation):
    need(DATA / PETR2)
    return evaluation.sections[2].rows


def test_petrarch_validation_records_are_read_whole(petrarch):
    assert petrarch["all"]["sentences"] == 60 and petrarch["all"]["no_event_sentences"] == 17
    assert petrarch["AFP news sentences"]["sentences"] == 13


def test_petrarch_validation_floors(petrarch):
    news, every = petrarch["AFP news sentences"], petrarch["all"]
    assert news["type_acc"] >= 0.76 and news["actor_country_acc"] >= 0.91 and news["recipient_country_acc"] >= 0.91
    assert every["type_acc"] >= 0.46 and every["actor_country_acc"] >= 0.58 and every["recipient_country_acc"] >= 0.62
    assert every["given_an_event"] <= 0.36


def test_macro_f1_counts_a_missing_event_as_wrong():
    assert macro_f1(["AGREE", "REJECT"], ["AGREE", None]) == pytest.approx(0.5)
    assert macro_f1(["AGREE", "AGREE"], ["AGREE", "AGREE"]) == 1.0

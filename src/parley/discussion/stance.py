"""Stance of a comment toward the actors and countries it is about, from -1 (hostile) to 1 (favourable).

Rules:

* The comment is cut into sentences (``patterns.sentences``) and each sentence gets VADER's compound
  score (DESIGN: VADER per sentence, never per paragraph).
* A sentence is *about* an actor when one of the actor's mentions (``doc.actors``, filled by the
  actors stage) lies inside it. Keys: a state's ISO alpha-3 code (``actor.country``, else its name);
  a person's name **and** the person's country code (what is said of Lavrov counts toward RUS); an
  organisation's name.
* Pronoun rule: a sentence with no actor mention but with "he/him/his/she/her" or "this/that man,
  woman, minister, guy" is about the last person mentioned earlier in the same comment, else about
  the document's main speaker (the speaker of most official text), so "I love this man." under
  Lavrov's statement counts toward Lavrov and RUS. The main speaker counts only when he or she is
  an actor of the document (by the segment's ``speaker.actor`` id or by name).
* A key's stance in a comment is the mean compound score of the sentences about it; a sentence about
  two keys counts for both. Keys with no sentence are absent (not 0).
"""

from __future__ import annotations

import re

from ..model import Actor, Document, Segment
from .patterns import sentences

_PRONOUN = re.compile(r"\b(?:he|him|his|she|her|(?:this|that)\s+(?:man|woman|guy|gentleman|lady|minister|diplomat))\b",
                      re.IGNORECASE)
_VADER = None


def _vader():
    global _VADER
    if _VADER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _VADER = SentimentIntensityAnalyzer()
    return _VADER


def actor_keys(actor: Actor) -> list[str]:
    """The stance keys an actor's mention counts toward (see the module docstring)."""
    kind = (actor.type or "").lower()
    if kind in ("state", "country", "gpe"):
        return [actor.country or actor.name]
    if kind == "person":
        return [actor.name] + ([actor.country] if actor.country else [])
    return [actor.name]


def main_speaker(doc: Document) -> Actor | None:
    """The actor who speaks most of the official text, if the document has one."""
    chars: dict[str, int] = {}
    by_name: dict[str, Segment] = {}
    for seg in doc.segments:
        if seg.kind != "comment" and seg.speaker and seg.speaker.name:
            chars[seg.speaker.name] = chars.get(seg.speaker.name, 0) + seg.end - seg.start
            by_name.setdefault(seg.speaker.name, seg)
    if not chars:
        return None
    name = max(sorted(chars), key=chars.get)
    speaker = by_name[name].speaker
    ids = {a.id: a for a in doc.actors}
    if speaker.actor and speaker.actor in ids:
        return ids[speaker.actor]
    surname = name.split()[-1].lower()
    for actor in doc.actors:
        if actor.type == "person" and (actor.name == name or actor.name.split()[-1].lower() == surname):
            return actor
    return None


def comment_stance(doc: Document, segment: Segment, speaker: Actor | None = None) -> dict[str, float]:
    """Mean VADER compound per key over the comment's sentences about that key."""
    text = doc.segment_text(segment)
    mentions = sorted((m.start, m.end, actor) for actor in doc.actors for m in actor.mentions
                      if segment.start <= m.start and m.end <= segment.end)
    sums: dict[str, list[float]] = {}
    last_person: Actor | None = None
    vader = _vader()
    for s, e in sentences(text):
        a, b = segment.start + s, segment.start + e
        about = [actor for start, end, actor in mentions if a <= start and end <= b]
        if not about and _PRONOUN.search(text[s:e]):
            referent = last_person or speaker
            about = [referent] if referent else []
        people = [x for x in about if x.type == "person"]
        if people:
            last_person = people[-1]
        if not about:
            continue
        score = vader.polarity_scores(text[s:e])["compound"]
        for key in dict.fromkeys(k for actor in about for k in actor_keys(actor)):
            sums.setdefault(key, []).append(score)
    return {k: round(sum(v) / len(v), 4) for k, v in sorted(sums.items())}

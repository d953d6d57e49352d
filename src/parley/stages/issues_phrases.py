"""Candidate issue phrases: noun phrases of official segments built around an issue word.

A noun is a candidate when it, or a word modifying it, is a cue of ``resources/issue_lexicon.json``
("treaty", "sovereignty", "visa", "missile" ...). Its phrase is read from the parse: the modifiers
before it ("visa-free", "joint economic", "peace"), the noun, and one prepositional attachment after it
("over the islands", "on the trade in services and investment", "in Japan"), without leading articles
or possessives. Talk about talks is looked through: in "negotiations on an agreement on trade" or "the
work on a peace treaty" the issue is what the talks are about. A generic head with a compound before it
gives the compound ("the peace treaty problem" -> "peace treaty").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: nouns that name talking about something: the issue is their object
FRAME_NOUNS = {"negotiation", "talk", "consultation", "discussion", "dialogue", "work", "conversation",
               "issue", "question", "problem", "matter", "subject", "topic", "progress", "position",
               "approach", "understanding", "step", "effort", "need", "importance"}
FRAME_PREPS = {"on", "of", "about", "over", "regarding", "concerning", "around", "for", "toward", "towards"}
ATTACH_PREPS = {"over", "on", "of", "in", "for", "with", "between", "to", "against", "from", "at", "into"}
LEFT_DEPS = {"compound", "amod", "nmod", "npadvmod", "nummod", "quantmod"}
#: modifiers that say nothing about which issue it is
WEAK_MODIFIERS = {"particular", "other", "such", "certain", "various", "many", "several", "recent", "current",
                  "same", "whole", "very", "more", "most", "further", "first", "last", "next", "good", "great",
                  "important", "big", "major", "key", "real", "serious", "difficult", "specific", "new", "overall",
                  "broader", "broad", "different", "additional", "significant", "critical", "historic", "this"}
#: capitalised heads that name an instrument or an event, not an issue ("the 1956 Declaration", "World War II")
INSTRUMENT_WORDS = {"declaration", "treaty", "charter", "convention", "accord", "accords", "agreement", "act",
                    "resolution", "protocol", "war", "memorandum", "communique", "statute", "ii", "i", "iii"}
#: "the issue of X": X is the issue even without a cue
ISSUE_FRAMES = {"issue", "question", "matter", "problem", "topic", "subject"}
MAX_FRAME_OBJECT_TOKENS = 8
MAX_ATTACH_TOKENS = 9
MAX_PHRASE_TOKENS = 14


@dataclass
class Candidate:
    start: int  # absolute offsets of the phrase
    end: int
    label: str
    key: str  # lower-case lemmas of head and left modifiers: same key, same issue
    topics: dict[str, float]  # topic -> weight of the cues in the phrase
    head: int  # absolute offset of the head noun
    segment: str


@lru_cache(maxsize=1)
def lexicon() -> dict:
    path = resources.files("parley.resources") / "issue_lexicon.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _cue(token) -> str | None:
    """The topic a token's word is a cue for."""
    cues = lexicon()["cues"]
    word = token.lower_
    for form in (token.lemma_.lower(), word, word.rstrip("s"), re.split(r"[^a-z]", word)[0]):
        if form in cues:
            return cues[form]
    return None


def _is_generic(token) -> bool:
    return token.lemma_.lower() in set(lexicon()["generic"]) | FRAME_NOUNS


def _left_modifiers(head) -> list:
    """The modifiers before the head that belong to the issue's name, with their own modifiers."""
    kept = []
    for child in head.lefts:
        if child.dep_ not in LEFT_DEPS or child.lower_ in WEAK_MODIFIERS:
            continue
        kept.extend(t for t in child.subtree if t.dep_ not in ("det", "poss", "case", "punct") or t.text == "-")
    return kept


def _attachment(head) -> list:
    """One prepositional phrase after the head ("over the islands"), if it is short."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ATTACH_PREPS:
            tokens = [t for t in child.subtree]
            if len(tokens) <= MAX_ATTACH_TOKENS and not any(t.dep_ in ("relcl", "acl", "advcl") or t.text in ",;:("
                                                           for t in tokens):
                return tokens
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:  # long: keep the object's own name only ("in the form ...": form)
                obj = objects[0]
                return [child, *sorted([*_left_modifiers(obj), obj], key=lambda t: t.i)]
        if child.dep_ in ("relcl", "acl", "punct"):
            return []
    return []


def _frame_object(head):
    """For "negotiations on X", "work on X", "the issue of X": X."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in FRAME_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return obj
    return None


def _phrase(head) -> list:
    """The tokens of the issue phrase headed by ``head``, in order."""
    left = _left_modifiers(head)
    if _is_generic(head) and any(t.dep_ == "compound" for t in left):
        tokens = left  # "the peace treaty problem" -> "peace treaty"
    else:
        tokens = [*left, head, *_attachment(head)]
    tokens = sorted(set(tokens), key=lambda t: t.i)
    # no articles, possessives or loose punctuation at the edges
    while tokens and (tokens[0].dep_ in ("det", "poss", "case", "prep", "cc", "punct", "predet")
                      or tokens[0].lower_ in WEAK_MODIFIERS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].dep_ in ("prep", "cc", "punct", "det", "case") and tokens[-1].text != ")"):
        tokens = tokens[:-1]
    return tokens[:MAX_PHRASE_TOKENS]


def _topics(head, tokens) -> dict[str, float]:
    """Cue votes: the head and its own modifiers count twice, words further out once."""
    near = {head.i} | {t.i for t in head.lefts}
    votes: dict[str, float] = {}
    for t in tokens:
        topic = _cue(t)
        if topic and not (t.i == head.i and _is_generic(t)):
            votes[topic] = votes.get(topic, 0.0) + (2.0 if t.i in near else 1.0)
    return votes


def _named_instrument(token) -> bool:
    if token.ent_type_ in ("EVENT", "LAW", "WORK_OF_ART"):
        return True
    return token.text[:1].isupper() and token.lemma_.lower() in INSTRUMENT_WORDS


def _frame_candidate(frame, sdoc, offset: int, segment: str) -> Candidate | None:
    """"the issue of Russia and Ukraine": the object of an issue frame, as written (topic left to meaning)."""
    obj = _frame_object(frame)
    if obj is None or obj.ent_type_ in ("PERSON", "DATE", "CARDINAL", "TIME", "MONEY", "PERCENT"):
        return None
    tokens = list(obj.subtree)
    if len(tokens) > MAX_FRAME_OBJECT_TOKENS or any(t.dep_ in ("relcl", "acl") for t in tokens):
        tokens = _phrase(obj)
    while tokens and tokens[0].dep_ in ("det", "poss", "case", "predet"):
        tokens = tokens[1:]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    key = " ".join(t.lemma_.lower() for t in tokens if t.is_alpha)
    return Candidate(offset + start, offset + end, " ".join(sdoc.text[start:end].split()), key,
                     _topics(obj, tokens), offset + obj.idx, segment)


def candidates(sdoc, offset: int, segment: str, excluded: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Issue candidates of one parsed piece of a segment (``offset``: its absolute start); ``excluded``:
    absolute spans that are something else (instrument mentions)."""
    heads = []
    for token in sdoc:
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ == "compound":
            continue
        if token.ent_type_ in ("PERSON", "GPE", "NORP", "DATE", "CARDINAL", "ORDINAL", "TIME", "MONEY", "PERCENT"):
            continue
        if _named_instrument(token):
            continue
        cued = _cue(token) or any(_cue(c) for c in token.lefts if c.dep_ in LEFT_DEPS)
        if cued or (_is_generic(token) and _frame_object(token) is not None):
            heads.append(token)
    out: list[Candidate] = []
    taken: set[int] = set()
    for head in heads:
        if head.lemma_.lower() in FRAME_NOUNS and _frame_object(head) is not None:
            obj = _frame_object(head)
            if head.lemma_.lower() in ISSUE_FRAMES and obj not in heads and obj.i not in taken:
                found = _frame_candidate(head, sdoc, offset, segment)
                if found is not None and not _inside(found, excluded):
                    taken.update(t.i for t in obj.subtree)
                    out.append(found)
            continue  # "negotiations on X": X is a candidate of its own
        if head.i in taken:
            continue
        tokens = _phrase(head)
        if not tokens or not any(_cue(t) for t in tokens):
            continue
        topics = _topics(head, tokens)
        if not topics:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        label = sdoc.text[start:end]
        key_tokens = [t for t in tokens if t.i <= head.i]
        key = " ".join(t.lemma_.lower() for t in key_tokens if t.is_alpha)
        found = Candidate(offset + start, offset + end, " ".join(label.split()), key, topics,
                          offset + head.idx, segment)
        if _inside(found, excluded):
            continue
        taken.update(t.i for t in tokens)
        out.append(found)
    return out


def _inside(candidate: Candidate, spans) -> bool:
    """The candidate's head lies in one of ``spans`` (an instrument's name)."""
    return any(s <= candidate.head < e for s, e in spans)

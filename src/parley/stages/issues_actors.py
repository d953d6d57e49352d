"""Who a clause is about: actors of the document found under tokens, shared by the issues and
commitments stages.

The actors stage has already placed every mention (names, demonyms, "our Japanese colleagues", and "we"/
"our" in a statement or answer, which it resolves to the speaker's state). Here a token or a phrase is
looked up among those mentions; "I"/"me"/"my" in an official segment is the speaker's own actor.
"""

from __future__ import annotations

import bisect

from ..model import Document, Segment

SELF_WORDS = {"i", "me", "my", "myself"}
#: "my administration", "the Biden-Harris administration", "our government": the speaker's government
GOVERNMENT_WORDS = {"administration", "government"}
#: the words of a subject phrase that decide whose action it is: the head and what stands before it
#: ("our deputies", "Japan's Foreign Ministry"), not relative clauses or appositions after it
_SUBJECT_DEPS = {"poss", "compound", "amod", "nmod", "det"}


class ActorIndex:
    """Actor mentions of one document, sorted, for lookups by character span."""

    def __init__(self, doc: Document):
        spans = sorted((m.start, m.end, a.id) for a in doc.actors for m in a.mentions)
        self.starts = [s for s, _, _ in spans]
        self.spans = spans
        self.kind = {a.id: a.type for a in doc.actors}
        self.country = {a.id: a.country for a in doc.actors}
        self.by_name = {" ".join(a.name.lower().split()): a.id for a in doc.actors}

    def within(self, start: int, end: int) -> list[str]:
        """Actor ids with a mention overlapping [start, end), in text order, each once."""
        i = bisect.bisect_left(self.starts, start)
        while i > 0 and self.spans[i - 1][1] > start:
            i -= 1
        out: list[str] = []
        for s, e, actor in self.spans[i:]:
            if s >= end:
                break
            if e > start and actor not in out:
                out.append(actor)
        return out


def speaker_actor(segment: Segment) -> str | None:
    return segment.speaker.actor if segment.speaker else None


def token_actors(index: ActorIndex, token, offset: int, segment: Segment) -> list[str]:
    """The actors a noun phrase headed by ``token`` names (its head and left modifiers, and the
    conjuncts of "X and Y"); "I" is the speaker."""
    out: list[str] = []
    for head in [token, *token.conjuncts]:
        if head.lower_ in SELF_WORDS:
            actor = speaker_actor(segment)
            if actor and actor not in out:
                out.append(actor)
            continue
        parts = [head] + [c for c in head.children if c.dep_ in _SUBJECT_DEPS]
        named = _name_of(head)
        if named in index.by_name and not index.within(offset + head.left_edge.idx, offset + head.idx + len(head)):
            # a name the actors stage knows but did not mark here ("The United States will ...")
            if index.by_name[named] not in out:
                out.append(index.by_name[named])
            continue
        found = []
        for part in parts:
            lo, hi = part.left_edge.idx if part.i != head.i else part.idx, part.idx + len(part.text)
            if part.i != head.i:
                hi = part.right_edge.idx + len(part.right_edge.text)
            found += index.within(offset + lo, offset + hi)
        if not found and _own_government(head):
            found = [a for a in [speaker_actor(segment)] if a]
        out += [a for a in dict.fromkeys(found) if a not in out]
    return out


def _own_government(head) -> bool:
    """"my administration", "our government", "the Biden-Harris administration" (a name before it)."""
    if head.lemma_.lower() not in GOVERNMENT_WORDS:
        return False
    return any((c.dep_ == "poss" and c.lower_ in ("my", "our")) or (c.dep_ == "compound" and c.pos_ == "PROPN")
               for c in head.children)


def _name_of(head) -> str:
    """The proper name a noun phrase's head spells with its compounds ("United States"), lower case."""
    words = [c for c in head.lefts if c.dep_ == "compound"] + [head]
    return " ".join(w.lower_ for w in words)


def subject_of(verb):
    """The grammatical subject of a verb: its own nsubj/nsubjpass, else that of the verb it is
    coordinated with ("We pointed this out ... and agreed that ...")."""
    seen = 0
    while verb is not None and seen < 6:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl"):
                return child
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
            seen += 1
            continue
        return None
    return None

"""The events stage: who did what to whom, as PLOVER v0.8 events with evidence offsets.

Only official segments (statement, question, answer) are read; what commenters say is never an event.
Each sentence's dependency parse is read as predicate frames:

* a **trigger** is a diplomatic phrase, a CAMEO verb pattern, a verb with a default meaning or a noun of an
  act (:mod:`parley.stages.events_triggers`, with the lexicon of :mod:`parley.stages.events_lexicon`);
* the **actor** is what the trigger's subject mentions (``doc.actors``' mentions, so "we" in a statement is
  the speaker's state and "I" the speaker); a verb without a subject of its own (``agreed to set up``)
  takes its governor's; a passive's agent ("by X") is its actor and its subject a recipient;
* the **recipient** is what the objects and prepositional phrases (to, with, against, on, over ...) of the
  trigger mention, outside nested clauses;
* **reported speech**: a judgement ("unacceptable", "not subject to discussion") inside the clause a
  reporting verb governs ("We pointed out to our friends from Japan that ...") belongs to the reporter,
  and the reporter's addressee is its recipient; elsewhere it is the speaker's state's. A judgement's
  recipient is the party its clause names, else its sentence, else the one the sentence before names
  most — never the victims ("unacceptable *for Russia*"). What a "statement that ..." or "remarks that ..."
  claims is the claimant's, not an event of the speaker's, and is not coded;
* **reciprocal** events (CONSULT, AGREE) put all parties in ``actor``; "we agreed", "we discussed" (a verb of
  doing something together, with a plural subject) with no partner named takes the partner of the nearest
  CONSULT before it (the talks the statement reports on); what talks are "on" or "about" is no party;
* an **accusation's** recipient is the doer its object names ("crimes *by Croatian extremists* against Serb
  civilians", "*Serbia's* suppression of ..."), even the actor's own; a threat posed is laid at the door of
  who poses it;
* **nouns of acts** are events too: after a light verb or one that does them ("launched an investigation",
  "completed its investigation", "returned to Geneva for talks", not "address cyber threats"), and as the
  subject of a verb of aspect ("Palestinian riots against Israeli policies are continuing", "fighting broke
  out between X and Y");
* **places** stand for their states ("in Kabul", "Beirut rejected"): a gazetteer place the actors stage
  recorded (``doc.cache["places"]``) is the state's actor, added as a new state actor (ids after the actors
  stage's) only when an event keeps it; with no one else acted upon, the place where it happens is the
  recipient, and a domestic act ("Turkish police imposed a curfew in Cizre") has its own state as recipient
  when the recipient's slot names it; a one-sided act's recipient, when no one else is, is the place its
  sentence names ("killed 23 people when they blew themselves up in Tel Aviv", "rejected a call for its
  forces to be deployed in East Timor");
* (the places and peoples of the next two rules are :mod:`parley.stages.events_places`)
* **domestic acts**: protest, repression and concession aimed at no one named, or at a party of no known
  country in a sentence that names no other country ("Nigerian authorities jailed 52 members of MASSOB"),
  are aimed at the actor's own state, as is violence to disperse a crowd; a stance participle's subject
  is its actor ("Israel is opposed to French mediation"), not a passive's patient;
* **where people are**: as PLOVER codes them, an ethnic minority acts for, and on, the state it lives in
  ("ethnic Albanians demonstrated in Serbia": Serbia -> Serbia); an office-holder of no known country holds
  office where the sentence is ("President X threatened a curfew in Algiers"); an arrest, trial or ban with
  no agent is the act of the state where it happens ("was arrested in Lebanon");
* **announced acts** are coded as PLOVER codes them: a cooperative act someone will do, would do, plans,
  offers or is ready to do is an AGREE (a refusal to do it a REJECT), a hostile one a THREATEN, as is any
  act made conditional with "unless"; not what parties agreed on ("we agreed that we will not hold ...").
  A verb of intention or aspect that governs an act ("plans to impose", "continued to send") is not an
  event of its own, nor is an act done "to protest" anything but a PROTEST; a **light verb** takes the act its
  object names ("declared a ceasefire");
* **questions** ("Will Japan reject ...?") are not events; an act refused ("refused to submit") is not one
  either, only the refusal;
* **demands** in speech: what a speaker says another party "must" or "should" do ("Russia must withdraw its
  troops") is a REQUEST by the speaker's state of that party, not that party's act;
* **home politics** in speech: talk and cooperation (AGREE, REQUEST, CONSULT, SUPPORT ...) whose every party
  is of the speaker's own country or of none ("I asked the staff", "I urge my friends in Congress") is not
  coded; parley codes relations between states and peoples. Violence, coercion and threats at home are,
  but for "violence" by one's own side at no one ("we are fighting for progress"), a figure of speech;
* **negation** (``not``, ``never``, ``no`` on the trigger or its auxiliaries) sets ``negated``; **tense**
  is future (will, shall, going to), hypothetical (would, could, should, might, may, if ...), past
  (past tense, perfect) or present.

An event needs an actor, except violence and repression whose agent the text does not name (reported in the
passive, or with the weapon as subject: "A car bomb killed twelve Iraqi soldiers"), coded with its victims
only; unnamed people ("Prisoners rioted at a jail in Kandahar", "Opposition leaders agreed to postpone the
rally in Baku") act for the state of the place they are in, else of the one country their sentence names.

``confidence`` is the evidence's strength: 0.8 a diplomatic phrase, 0.75 a CAMEO pattern, 0.7 an event noun
after a light verb, 0.55-0.65 a verb's default meaning, less 0.15 without a recipient, less 0.2 without an
actor. Measured by ``parley eval events`` (PLOVER GSR).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import OFFICIAL_KINDS, Actor, Document, Event, Segment, Span
from ..pipeline import stage
from .events_lexicon import LIGHT_VERBS, REPORTING, SAYING_NOUNS, load_lexicon
from .events_places import (
    CROWDS,
    DOMESTIC_TYPES,
    PEOPLE,
    foreign,
    home_state,
    located,
    minority_home,
    sentence_places,
    state_of,
    where_people_are,
)
from .events_triggers import (
    GENERIC_VERBS,
    OBLIGATION,
    STATEMENT_NOUNS,
    Candidate,
    candidates,
    complement,
    interrogative,
    obligation,
    purpose,
)
from .language import require_english

RECIPROCAL = ("CONSULT", "AGREE")
#: dependencies that open a new clause: mentions beyond them are not the trigger's participants
CLAUSAL = {"ccomp", "advcl", "acl", "relcl", "parataxis", "csubj", "xcomp", "conj"}
#: prepositions whose objects are the event's recipients
TARGET_PREPS = {"to", "with", "against", "on", "over", "toward", "towards", "at", "from", "about", "into", "upon",
                "for", "of", "regarding", "between", "among"}
FUTURE = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL = {"would", "could", "should", "might", "may", "must", "can", "ca", "if", "unless"}
NEGATORS = {"not", "n't", "never", "no", "neither", "nor"}
FIRST_PERSON_SINGULAR = {"i", "me", "my", "myself"}
THIRD_PERSON = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her"}
PRONOUNS = FIRST_PERSON_SINGULAR | {"we", "our", "us", "ours", "ourselves", "you", "your", "they", "their", "them"}


@stage("events", requires=("segments", "nlp", "actors"), assigns=("events",))
def events(doc: Document) -> Document:
    """PLOVER events (type, mode, contexts, actor, recipient, negation, tense) from official segments."""
    require_english(doc)
    from .nlp import parses

    lexicon = load_lexicon()
    mention_actor = _mention_index(doc)
    speaker_state = {a.id: a for a in doc.actors}
    found: list[tuple[Event, int]] = []
    home: dict[str, str] = {}  # segment id -> the country its speaker speaks for
    mutual: list[Event] = []  # what several ("we") did together: "we agreed", "we are resuming talks"
    for seg in doc.segments:
        if seg.kind not in OFFICIAL_KINDS:
            continue
        ctx = _SegmentContext(doc, seg, mention_actor, _speaker_actor(doc, seg),
                              _speaker_state(doc, seg, speaker_state))
        if ctx.state is not None and ctx.country.get(ctx.state):
            home[seg.id] = ctx.country[ctx.state]
        previous = None
        for offset, sdoc in parses(doc, seg):
            for sent in sdoc.sents:
                if interrogative(sent):
                    previous = (sent, offset)
                    continue  # a question asks whether something happened, it does not report it
                for cand in candidates(sent, offset, lexicon):
                    event = _frame(ctx, sent, offset, cand, previous)
                    if event is not None:
                        found.append((event, _depth(cand.trigger)))
                        if _plural_subject(cand.trigger) and (
                                (cand.meaning.type in RECIPROCAL and cand.trigger.lemma_.lower() in MUTUAL_VERBS)
                                or (cand.meaning.type == "CONSULT" and cand.meaning.source == "phrase")):
                            mutual.append(event)
                previous = (sent, offset)
    country = {a.id: a.country for a in doc.actors}
    _reciprocal_partners([e for e, _ in found], mutual, country)
    # a question is put to the speakers: its home is theirs (the country most of the document's speakers speak for)
    asked = Counter(home.values()).most_common(1)[0][0] if home else None
    found = [(e, d) for e, d in found if not _home_politics(e, country, home.get(e.segment, asked))]
    found.sort(key=lambda pair: (pair[0].trigger.start, pair[0].type))
    doc.events = []
    depths = {}
    seen = set()
    for event, depth in found:
        key = (event.type, event.trigger.start)
        if key in seen:
            continue
        seen.add(key)
        event.id = f"e{len(doc.events) + 1}"
        doc.events.append(event)
        depths[event.id] = depth
    doc.cache["event_depth"] = depths
    return doc


# -- context ------------------------------------------------------------------------------------------
class _SegmentContext:
    def __init__(self, doc: Document, seg: Segment, mention_actor: dict, speaker: str | None, state: str | None):
        self.doc, self.seg, self.mention_actor = doc, seg, mention_actor
        self.speaker, self.state = speaker, state
        self.country = {a.id: a.country for a in doc.actors}
        self.office_holders = {a.id for a in doc.actors if a.type == "person" and a.sector == "GOV"}
        self.named: set[str] = set()  # actors the current frame names (not by a pronoun) ...
        self.subject_named: set[str] = set()  # ... and those its subject names
        self.places = {i: (start, end, code) for start, end, code in doc.cache.get("places", ())
                       if seg.start <= start < seg.end for i in range(start, end)}

    def place_actor(self, char: int) -> str | None:
        """The state a place stands for ("in Kabul", "Beirut rejected"): the state's actor of the document,
        else a provisional id that :meth:`materialise` turns into a new actor if an event keeps it."""
        place = self.places.get(char)
        if place is None:
            return None
        start, end, code = place
        state = state_of(self.doc, code)
        if state is not None:
            return state.id
        provisional = f"place:{code}:{start}:{end}"
        self.country[provisional] = code
        return provisional

    def materialise(self, ids: list[str]) -> list[str]:
        """Provisional place ids as actors: a new state actor whose mention is the place (ids continue after
        the actors stage's)."""
        out = []
        for aid in ids:
            if aid.startswith("place:"):
                _, code, start, end = aid.split(":")
                actor = state_of(self.doc, code)
                if actor is None:
                    from .actors_gazetteer import load_gazetteer

                    name = load_gazetteer().states.get(code, {}).get("name") or code
                    actor = Actor(f"a{len(self.doc.actors) + 1}", name, "state", code, "GOV", None, None, [])
                    self.doc.actors.append(actor)
                    self.country[actor.id] = code
                if all(m.start != int(start) for m in actor.mentions):
                    actor.mentions = sorted([*actor.mentions, Span(int(start), int(end))],
                                            key=lambda m: (m.start, m.end))
                aid = actor.id
            if aid not in out:
                out.append(aid)
        return out

    def actors_in(self, tokens, offset: int, exclude_victims: bool = False) -> list[str]:
        """Actor ids mentioned by ``tokens`` (in order, once each); "I" is the speaker."""
        out: list[str] = []
        for tok in tokens:
            if exclude_victims and _is_victim(tok):
                continue
            aid = self.mention_actor.get(offset + tok.idx)
            if aid is None and tok.lower_ in FIRST_PERSON_SINGULAR and self.speaker:
                aid = self.speaker
            if aid is None and tok.lower_ in THIRD_PERSON and not _impersonal(tok):
                aid = self.antecedent(tok, offset)
            if aid is None and tok.pos_ == "PROPN":
                aid = self.place_actor(offset + tok.idx)
            if aid is not None and aid not in out:
                out.append(aid)
            if aid is not None and _is_name(tok):
                self.named.add(aid)  # named, not referred to by a pronoun
        return out

    def antecedent(self, tok, offset: int) -> str | None:
        """What "it", "its", "they", "their" refer to: the subject of the verb that reports the clause
        ("Iraq said it would ..."), else the first party named earlier in the sentence."""
        reporter = _reporter(tok)
        if reporter is not None:
            subj = _subject_of(reporter)
            if subj is not None and subj.i != tok.i:
                named = [self.mention_actor.get(offset + t.idx) for t in subj.subtree]
                named = [n for n in named if n]
                if named:
                    return named[0]
        for t in tok.sent:
            if t.i >= tok.i:
                break
            aid = self.mention_actor.get(offset + t.idx)
            if aid is not None and self.country.get(aid):
                return aid
        return None


#: adjectives of a subject's own disposition: "it is willing to" names who is willing, unlike "it is unacceptable"
DISPOSITIONS = {"ready", "willing", "prepared", "determined", "eager", "keen", "able", "unwilling", "reluctant",
                "unable", "committed", "resolved", "intent", "poised", "set"}


def _impersonal(tok) -> bool:
    """An "it" that names no one: the subject of a copula ("it is important", "it is unacceptable")."""
    if tok.dep_ not in ("nsubj", "expl") or tok.head.lemma_ != "be":
        return False
    return not any(c.dep_ == "acomp" and c.lemma_.lower() in DISPOSITIONS for c in tok.head.children)


def _mention_index(doc: Document) -> dict[int, str]:
    """Every character of every actor mention -> actor id (token starts fall inside).

    A capitalised name the actors stage recognised somewhere in the document ("US") refers to the same
    actor wherever else it is written as a whole word in an official segment."""
    index: dict[int, str] = {}
    surfaces: dict[str, set[str]] = {}
    for actor in doc.actors:
        for m in actor.mentions:
            for i in range(m.start, m.end):
                index.setdefault(i, actor.id)
            name = doc.text[m.start:m.end]
            if actor.type != "person" and actor.country and name[:1].isupper() \
                    and name not in {p.capitalize() for p in PRONOUNS}:
                surfaces.setdefault(name, set()).add(actor.id)
    names = {name: next(iter(ids)) for name, ids in surfaces.items() if len(ids) == 1}
    if names:
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
                             + r")(?![\w-])")
        for seg in doc.segments_of(*OFFICIAL_KINDS):
            for m in pattern.finditer(doc.text, seg.start, seg.end):
                if all(i not in index for i in range(m.start(), m.end())):
                    for i in range(m.start(), m.end()):
                        index[i] = names[m.group(1)]
    return index


def _speaker_actor(doc: Document, seg: Segment) -> str | None:
    return seg.speaker.actor if seg.speaker and seg.kind in ("statement", "answer") else None


#: verbs that say an act was done with someone ("we agreed", "we discussed"): a lone party's partner is found
MUTUAL_VERBS = {"agree", "meet", "discuss", "talk", "negotiate", "consult", "confer", "sign", "reaffirm", "affirm",
                "concur", "decide", "exchange", "conclude"}

def _plural_subject(verb) -> bool:
    """"We agreed", "the two leaders met", "Japan and Korea discussed": several parties (not "as I discussed
    yesterday at the podium")."""
    subj = _subject_of(verb)
    return subj is not None and (subj.lower_ in ("we", "they", "both") or subj.tag_ in ("NNS", "NNPS")
                                 or any(c.dep_ == "conj" for c in subj.children))


#: acts of talk and cooperation that, among a speaker's own side alone, are home politics
HOME_TALK = {"AGREE", "REQUEST", "COOPERATE", "SUPPORT", "CONSULT", "PROTEST", "ACCUSE", "AID", "REJECT"}


def _home_politics(event: Event, country: dict, home: str | None) -> bool:
    """An event of talk or cooperation in someone's speech whose every party is of the speaker's own country or
    of none ("I asked the staff", "we passed the Rescue Plan", "I urge my friends in Congress"): parley codes
    relations between states and peoples, and in spoken transcripts these were almost all noise (a hand-judged
    sample of White House transcripts: 12 of 15 such events wrong). Violence, coercion, threats and
    concessions at home are kept, but for "violence" by one's own side at no one ("we are fighting for progress",
    "I'd push back on that"), a figure of speech."""
    return home is not None and (event.type in HOME_TALK or (event.type == "ASSAULT" and not event.recipient)) \
        and all(country.get(a) in (home, None) for a in event.actor + event.recipient)


def _speaker_state(doc: Document, seg: Segment, actors: dict) -> str | None:
    """The state the segment's speaker speaks for (the actor of "we" in the segment, else the speaker's country)."""
    if seg.kind not in ("statement", "answer"):
        return None
    speaker = actors.get(_speaker_actor(doc, seg) or "")
    country = speaker.country if speaker else None
    for actor in doc.actors:
        if actor.type == "state" and country and actor.country == country:
            return actor.id
    we = [a for a in doc.actors if a.type == "state" and any(
        seg.start <= m.start < seg.end and doc.text[m.start:m.end].lower() in ("we", "our", "us") for m in a.mentions)]
    return we[0].id if we else None


def _depth(tok) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok, depth = tok.head, depth + 1
    return depth


# -- frames -------------------------------------------------------------------------------------------
def _clause_head(tok):
    """The verb heading the trigger's clause (an adjective's copula, a noun's governing verb)."""
    head = tok
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and head.dep_ not in CLAUSAL:
        head = head.head
    return head


def _subject_of(verb):
    """The subject of ``verb``, or of the verb it depends on when it has none of its own (xcomp, conj)."""
    seen = 0
    while verb is not None and seen < 6:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head.i != verb.i:
            verb, seen = verb.head, seen + 1
            continue
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in STATEMENT_NOUNS and verb.head.head.i != verb.head.i:
            verb, seen = verb.head.head, seen + 1  # "X issued a declaration demanding ...": X demands
            continue
        return None
    return None


def _in_claim(tok) -> bool:
    """The token lies in the content clause of a noun of saying ("Kawai's statement that ...")."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("acl", "ccomp", "relcl") and node.head.lemma_.lower() in SAYING_NOUNS \
                and node.head.pos_ == "NOUN":
            return True
        node = node.head
    return False


def _reporter(tok):
    """The reporting verb whose clausal complement holds ``tok``, if any."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("ccomp", "dobj", "xcomp") and node.head.lemma_.lower() in REPORTING \
                and node.head.pos_ in ("VERB", "AUX"):
            return node.head
        node = node.head
    return None


def _is_victim(tok) -> bool:
    """Named as who suffers or benefits ("unacceptable for Russia", "risks for Russia and China")."""
    node = tok
    while node.head.i != node.i and node.dep_ in ("pobj", "conj", "cc", "compound", "poss", "appos", "amod", "det"):
        if node.dep_ == "pobj" and node.head.lower_ == "for":
            return True
        node = node.head
    return False


def _own_tokens(head, parties_only: bool = False):
    """Tokens of ``head``'s clause, not entering nested clauses (nor, with ``parties_only``, prepositional
    phrases that do not name parties: "talks with X *concerning the instructions from Y*")."""
    out = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack += [c for c in tok.children if (c.dep_ not in CLAUSAL or c.i == head.i or _coordinated_name(c))
                  and not (parties_only and c.dep_ == "prep" and c.lower_ not in TARGET_PREPS | {"by"})]
    return sorted(out, key=lambda t: t.i)


#: prepositions that give what talks are about
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
#: verbs of talking whose object is the topic ("discussed Taiwan with Japan")
TOPIC_VERBS = {"discuss", "debate", "negotiate", "consider", "review", "address", "raise"}


def _topic(tok, verb) -> bool:
    """``tok`` lies in what talks are about: a phrase of :data:`TOPIC_PREPS`, or the object of a verb of talking."""
    node = tok
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in TOPIC_PREPS:
            return True
        if node.dep_ in ("dobj", "obj") and node.head.i == verb.i and verb.lemma_.lower() in TOPIC_VERBS:
            return True
        node = node.head
    return False


def _coordinated_name(tok) -> bool:
    """A name or noun coordinated with another ("between the Emirates *and Saudi Arabia*"), not a clause."""
    return tok.dep_ == "conj" and tok.pos_ in ("PROPN", "NOUN") and tok.head.pos_ in ("PROPN", "NOUN")


def _targets(verb, places: bool = False):
    """Objects and prepositional objects of a verb (outside nested clauses); with ``places``, only the
    places it happens in ("in X")."""
    out = []
    for child in verb.children:
        if places:
            if child.dep_ == "prep" and child.lower_ in ("in", "inside", "within"):
                out += _own_tokens(child, parties_only=True)
            continue
        if child.dep_ in ("dobj", "dative", "obj", "iobj", "attr", "oprd"):
            out += _own_tokens(child, parties_only=True)
        elif child.dep_ in ("prep", "agent") and child.lower_ in TARGET_PREPS | {"by"}:
            if child.dep_ == "agent" or child.lower_ == "by":
                continue
            out += _own_tokens(child, parties_only=True)
        elif child.dep_ == "prt":
            for grand in child.children:
                out += _own_tokens(grand, parties_only=True)
    return sorted(out, key=lambda t: t.i)


#: nouns of what a party did that an accusation names by its doer ("Serbia's suppression of ...", "Japan's position")
ACT_NOUNS = {"crime", "policy", "act", "action", "position", "decision", "attack", "role", "behaviour", "behavior",
             "conduct", "war", "raid", "abuse", "violation", "claim", "stance", "move", "involvement", "support"}
ACT_SUFFIXES = ("ion", "ment", "ing", "ance", "ence", "ure")


def _accused(verb) -> list:
    """The tokens naming who did what an accusation's object names: the doer of an act noun, by its possessive
    ("denounced Serbia's suppression of ...") or its "by" phrase ("investigating crimes by Croatian extremists
    against Serb civilians", "crimes committed by Croat forces"); not the victims."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "attr", "oprd")
               or (c.dep_ == "prep" and c.lower_ in ("as", "into", "over", "for", "of"))]
    out = []
    for obj in objects:
        for tok in obj.subtree:
            noun = tok.head
            if tok.dep_ == "pobj" and noun.lower_ == "by" and noun.dep_ in ("prep", "agent"):
                noun = noun.head
                doer = noun.pos_ == "NOUN" or (noun.dep_ == "acl" and noun.head.pos_ == "NOUN")
            elif tok.dep_ == "poss" and tok.pos_ in ("PROPN", "NOUN"):
                lemma = noun.lemma_.lower()
                doer = noun.pos_ == "NOUN" and (lemma in ACT_NOUNS or lemma.endswith(ACT_SUFFIXES))
            else:
                continue
            if doer:
                out += _noun_phrase(tok)
    return sorted(out, key=lambda t: t.i)


def _noun_phrase(tok) -> list:
    """A noun with its modifiers and coordinated nouns, without its prepositional phrases or clauses."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if c.dep_ in ("compound", "amod", "det", "poss", "case", "cc", "nmod")
                  or _coordinated_name(c)]
    return out


@dataclass
class _Parties:
    """Who acts and who is acted upon in one frame, with what the conventions below need to know."""

    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    passive_without_agent: bool = False  # "three civilians were killed"
    weapon: bool = False  # violence whose subject is its means: "a car bomb killed ..."
    home: list[str] = field(default_factory=list)  # the state an ethnic minority acting here lives in
    accused: list[str] = field(default_factory=list)  # who did what an accusation names ("crimes by X")


def _frame(ctx: _SegmentContext, sent, offset: int, cand: Candidate, previous) -> Event | None:
    """The event a trigger makes in its sentence, or None: its parties by the trigger's role, then the
    coding conventions (:func:`_settle`)."""
    tok = cand.trigger
    ctx.named, ctx.subject_named = set(), set()
    if _in_claim(tok):
        return None
    head = _clause_head(tok)
    if cand.role == "evaluation":
        parties = _evaluation_parties(ctx, sent, offset, head, _reporter(tok), previous)
    elif cand.role == "complaint":
        parties = _Parties([ctx.state] if ctx.state else [], ctx.actors_in(sent[:tok.i - sent.start], offset))
    elif cand.role == "nominal":
        parties = _nominal_parties(ctx, offset, tok)
    else:
        parties = _verbal_parties(ctx, sent, offset, cand, tok if tok.pos_ in ("VERB", "AUX") else head)
    settled = _settle(ctx, sent, offset, cand, parties) if parties is not None else None
    if settled is None:
        return None
    actor, recipient, unknown_agent = settled
    negated = _negated(tok, head, cand)
    kind = _intended(cand, tok, head, negated)
    meaning, tense = cand.meaning, _tense(tok, head)
    if _demanded(ctx, cand, tok, actor):  # "Russia must withdraw its troops": the speaker's demand of Russia
        actor, recipient, kind, meaning, tense = [ctx.state], actor, "REQUEST", OBLIGATION, "present"
    if kind in RECIPROCAL:
        actor, recipient = list(dict.fromkeys(actor + recipient)), []
    confidence = meaning.confidence - (0.15 if not recipient and kind not in RECIPROCAL else 0.0) \
        - (0.2 if unknown_agent else 0.0)
    sentence = (offset + sent.start_char, offset + sent.end_char)
    return Event(id="", type=kind, segment=ctx.seg.id, start=sentence[0], end=sentence[1],
                 mode=meaning.mode, contexts=list(meaning.contexts), actor=ctx.materialise(actor),
                 recipient=ctx.materialise(recipient), negated=negated, tense=tense,
                 trigger=Span(*cand.span), confidence=round(confidence, 2))


def _demanded(ctx: _SegmentContext, cand: Candidate, tok, actor: list[str]) -> bool:
    """In a speaker's own words, what another party "must" or "should" do is the speaker's demand of it
    ("Russia must withdraw its troops", "the Russian government should release her"), not that party's act;
    what one's own side, or "you", must do is not (nor what a reporting verb frames: the reporter's, as
    :data:`OBLIGATION`)."""
    if ctx.state is None or cand.role != "verbal" or not actor or ctx.state in actor or _reporter(tok) is not None:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children):
        return False
    subj = _subject_of(tok)
    home = ctx.country.get(ctx.state)
    return subj is not None and subj.lower_ not in ("we", "i", "you", "one") \
        and all(ctx.country.get(a) != home for a in actor)


def _evaluation_parties(ctx: _SegmentContext, sent, offset: int, head, reporter, previous) -> _Parties:
    """A judgement ("unacceptable") is its reporter's, else the speaker's state's; its recipient is the party
    its clause names, else its sentence, else the one the sentence before names most (never the victims)."""
    actor: list[str] = []
    recipient: list[str] = []
    if reporter is not None:
        subj = _subject_of(reporter)
        actor = ctx.actors_in(subj.subtree, offset) if subj is not None else []
        recipient = ctx.actors_in(_targets(reporter), offset, exclude_victims=True)
    actor = actor[:1] or ([ctx.state] if ctx.state else [])
    if not recipient and head.lemma_.lower() in ("pose", "create"):
        # "Russia's aggressive acts that pose a threat to NATO": the one who poses it, not the one threatened
        poser = head.head if head.dep_ == "relcl" else _subject_of(head)
        if poser is not None:
            recipient = _others(ctx, ctx.actors_in(_noun_phrase(poser), offset), actor)
    if not recipient:
        recipient = _others(ctx, ctx.actors_in(_own_tokens(head), offset, exclude_victims=True), actor)
    if not recipient:
        recipient = _others(ctx, ctx.actors_in(sent, offset, exclude_victims=True), actor)
    if not recipient and previous is not None:
        recipient = _most_named(ctx, previous, actor)
    return _Parties(actor, recipient)


def _verbal_parties(ctx: _SegmentContext, sent, offset: int, cand: Candidate, verb) -> _Parties | None:
    """A predicate's subject (or passive agent) acts on its objects, its prepositional targets, the parties of
    the clauses it governs and, failing those, the places it happens in. None: no event ("we should ...")."""
    subj = _subject_of(verb)
    # a "by" phrase is an agent only in the passive ("shortened by one hour the curfew" is active)
    agents = [c for c in verb.children if c.dep_ == "agent"] \
        if not any(c.dep_ == "nsubj" for c in verb.children) else []  # its own subject ("As proposed by X, we ...")
    # a stance ("is opposed to") or a retreat ("guerrillas have been demobilized") is the subject's own doing
    stance = verb.lemma_.lower() in STANCE_PARTICIPLES or cand.meaning.type == "RETREAT"
    p = _Parties(passive_without_agent=not agents and subj is not None and subj.dep_ == "nsubjpass" and not stance)
    if agents:
        p.actor = ctx.actors_in(agents[0].subtree, offset)
        p.recipient = ctx.actors_in(subj.subtree, offset) if subj is not None else []
    elif subj is not None and subj.dep_ == "nsubjpass" and not stance:
        p.recipient = ctx.actors_in(subj.subtree, offset)
    elif subj is not None:  # an active subject, or a stance ("Israel is opposed to French mediation")
        p.actor = ctx.actors_in(subj.subtree, offset)
        ctx.subject_named, ctx.named = ctx.named, set()  # what the recipients' slots name, from here on
        if not p.actor and subj.lemma_.lower() in PEOPLE:
            # "Prisoners rioted at a jail in Dili": unnamed people act where they are
            p.actor = where_people_are(ctx, sent, offset)
        elif p.actor and any(t.lower_ == "ethnic" and t.dep_ == "amod" and ctx.mention_actor.get(offset + t.head.idx)
                             for t in subj.subtree):
            # "ethnic Albanians demonstrated in Serbia": a minority acts within, and on, the state it lives in
            p.home = where_people_are(ctx, sent, offset, besides={ctx.country.get(a) for a in p.actor})
            p.actor = p.home or p.actor
        p.weapon = not p.actor and cand.meaning.type == "ASSAULT" and subj.lemma_.lower() in WEAPONS
    targets = _targets(verb)
    if cand.meaning.type == "CONSULT":  # "talks on China's influence", "discussed Taiwan": topics, not partners
        targets = [t for t in targets if not _topic(t, verb)]
    p.recipient += ctx.actors_in(targets, offset)
    if cand.meaning.type == "ACCUSE":
        p.accused = ctx.actors_in(_accused(verb), offset)
    if cand.meaning is OBLIGATION:
        obliged = _subject_of(obligation(verb))
        if obliged is not None and obliged.lower_ in ("we", "i"):
            return None  # "I believe we should go back to ...": what one's own side should do asks no one
        p.recipient += ctx.actors_in(obliged.subtree, offset) if obliged is not None else []
    _governed_parties(ctx, offset, verb, p)
    if not _acted_upon(p):  # where it happens: "arrived in Amman", "in Liberia"
        p.recipient += ctx.actors_in(_targets(verb, places=True), offset)
    if not _acted_upon(p):  # "suspended aid deliveries in Baghdad"
        scope = [verb] + [c for c in verb.children if c.dep_ == "xcomp"]  # "agreed to set up a centre in Tokyo"
        p.recipient += ctx.actors_in([t for v in scope for t in _own_tokens(v) if located(t)], offset)
    if (p.actor or p.passive_without_agent or p.weapon) and not _acted_upon(p) \
            and cand.meaning.type not in RECIPROCAL \
            and (cand.meaning.source != "verb" or cand.meaning.confidence >= 0.6 or (
                cand.meaning.type == "ASSAULT" and verb.lemma_.lower() not in LIGHT_VERBS)):
        # where it happened, named anywhere in the sentence: "killed 23 people when they blew themselves up
        # in Tel Aviv", "blew up power lines leading into Kabul" (not "at the U.S.-ASEAN Summit")
        p.recipient += ctx.actors_in(sentence_places(ctx, sent, offset), offset)
    if not p.actor and cand.meaning.source == "phrase" and subj is None:
        p.actor = [ctx.state] if ctx.state else []
    if not p.actor and p.passive_without_agent and (cand.meaning.type == "COERCE"
                                                    or cand.meaning.mode == "investigate"):
        # arrests, trials, bans and investigations are the local authorities' acts: "was arrested in Lebanon",
        # "has been put under investigation in Italy"
        p.actor = ctx.actors_in(_targets(verb, places=True), offset)[:1] or where_people_are(
            ctx, sent, offset, places_only=True)
    return p


def _nominal_parties(ctx: _SegmentContext, offset: int, noun) -> _Parties:
    """An act named by a noun: its doers are its modifiers and "by" phrase ("Palestinian riots", "protests by
    Muslim groups"), those it is aimed at its prepositional targets ("against Israeli policies"); "between X and
    Y" names both sides."""
    doers = [t for c in noun.children if c.dep_ in ("amod", "compound", "poss") for t in _noun_phrase(c)]
    doers += [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
              for g in c.children if g.dep_ == "pobj" for t in _noun_phrase(g)]
    aimed = [c for c in noun.children if c.dep_ == "prep"] + [  # "fighting broke out between X and Y"
        c for c in noun.head.children if c.dep_ == "prep" and noun.dep_ in ("nsubj", "nsubjpass")]
    targets = [t for c in aimed if c.lower_ in TARGET_PREPS - {"of", "for", "from"}
               for g in c.children if g.dep_ == "pobj" for t in _noun_phrase(g)]
    p = _Parties(ctx.actors_in(sorted(doers, key=lambda t: t.i), offset),
                 ctx.actors_in(sorted(targets, key=lambda t: t.i), offset))
    if not p.actor and len(p.recipient) > 1 and any(c.lower_ == "between" for c in aimed):
        p.actor, p.recipient = p.recipient[:1], p.recipient[1:]
    return p


def _acted_upon(p: _Parties) -> list[str]:
    return [r for r in p.recipient if r not in p.actor]


def _governed_parties(ctx: _SegmentContext, offset: int, verb, p: _Parties) -> None:
    """"demanded that the US cancel", "threatened to impose restrictions against Germany", "willing to send
    material to help defend Saudi Arabia": the governed clauses' parties, nearest first, until one is found."""
    governed = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") or purpose(c)] + [
        g for c in verb.children if c.dep_ == "acomp" for g in c.children if g.dep_ == "xcomp"]
    for _ in range(4):
        if not governed or _acted_upon(p):
            return
        for clause in governed:
            own = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if own:
                p.recipient += ctx.actors_in(own[0].subtree, offset)
            p.recipient += ctx.actors_in(_targets(clause), offset)
        governed = [c for g in governed for c in g.children if c.dep_ in ("xcomp", "ccomp", "advcl")]


def _settle(ctx: _SegmentContext, sent, offset: int, cand: Candidate, p: _Parties):
    """The coding conventions over a frame's parties: (actor, recipient, unknown agent) or None (no event).

    Minorities are coded where they live, office-holders of no known country where their sentence is, domestic
    acts at home; an event needs an actor (or a victim of an unnamed agent), and a verb's mere default meaning
    or a general verb needs someone acted upon."""
    tok = cand.trigger
    actor, recipient = p.actor, p.recipient
    if recipient:  # "Serb forces killed three ethnic Albanians in southeastern Serbia": victims where they live
        recipient = [h for r in recipient for h in (minority_home(ctx, sent, offset, r) or [r])]
    own = [r for r in dict.fromkeys(recipient) if r in actor and r in ctx.named and r in ctx.subject_named]
    recipient = [r for r in dict.fromkeys(recipient) if r not in actor] or p.home
    if p.accused:  # the accused, even the actor's own ("Croatia is investigating crimes by Croatian extremists")
        recipient = p.accused
    if actor and not any(ctx.country.get(a) for a in actor) and any(a in ctx.office_holders for a in actor):
        # an office-holder of no known country ("President Bouteflicka threatened a curfew in Algiers") holds
        # office where the sentence is: its place, else the one country it names
        actor = actor + where_people_are(ctx, sent, offset)
    if recipient and not any(ctx.country.get(r) for r in recipient) and any(r in ctx.office_holders for r in recipient):
        # and so does one acted upon ("rebels in the Ivory Coast dismissed an appeal from President X")
        recipient = recipient + where_people_are(ctx, sent, offset)
    unknown_agent = bool(not actor and recipient and cand.meaning.type in UNKNOWN_AGENT_TYPES and (
        p.passive_without_agent or p.weapon) and (cand.meaning.type != "ACCUSE" or cand.meaning.confidence >= 0.6))
    if (not actor and not unknown_agent) or (cand.meaning.source == "verb" and cand.meaning.confidence < 0.6
                                               and not recipient and not own and not _named_subject(ctx, tok, offset)):
        return None  # no one acts, or a verb's mere default meaning with no one acted upon nor named actor
    if not recipient and own and cand.role == "verbal" and cand.meaning.type not in RECIPROCAL:
        recipient = own[:1]  # a domestic event: "Turkish authorities imposed a curfew in Cizre" (a town of Turkey)
    if not recipient and cand.role == "verbal" and tok.lemma_.lower() in GENERIC_VERBS - {"step"} \
            and cand.meaning.type != "PROTEST":
        # "come back to you", "go into detail", "get vaccinations out": a general verb acts on someone named or is
        # no event (its target is not supplied from home, but for a protest: "went on strike", "took to the streets")
        return None
    if recipient and cand.role == "verbal" and (cand.meaning.type in DOMESTIC_TYPES or (
            cand.meaning.type not in RECIPROCAL and any(a in ctx.subject_named for a in actor))) \
            and not any(ctx.country.get(r) for r in recipient) and not foreign(ctx, sent, offset, actor):
        # those acted upon have no country of their own and the sentence names no other: they are the actor's
        # own people ("Nigerian authorities jailed 52 members of MASSOB" -> Nigeria; "Nicaragua's government
        # ordered the newspaper La Prensa to ..." -> Nicaragua), as PLOVER codes them; beyond repression, protest
        # and concession only when the actor is named, not a speaker's "we" (in speech the country is elsewhere)
        recipient = recipient + home_state(ctx, actor)
    if not recipient and cand.role == "verbal" and (cand.meaning.type in DOMESTIC_TYPES or (
            cand.meaning.type in ("ASSAULT", "THREATEN") and any(t.lemma_.lower() in CROWDS for t in sent))):
        # protest, repression and concession with no one named as their target are aimed at home: "Liberian
        # riot police dispersed demonstrators" (Liberia -> Liberia), as PLOVER codes them
        recipient = home_state(ctx, actor)
    return actor, recipient, unknown_agent


#: violence and repression reported in the passive with no agent ("three civilians were killed in a car bombing")
#: or with its means as subject (``WEAPONS``), and accusations in the passive ("X has been accused of ..."; not a
#: verb's mere default meaning, as "was sworn in"): the event is coded with its victims as recipient and no actor
#: (unknown), at a lower confidence
UNKNOWN_AGENT_TYPES = {"ASSAULT", "COERCE", "ACCUSE"}


#: the means of violence, as the subject of a killing with no one named as its agent ("a car bomb killed 12 people")
WEAPONS = {"bomb", "explosion", "blast", "mine", "minefield", "rocket", "missile", "shell", "shelling", "grenade",
           "mortar", "landmine", "device", "airstrike", "strike", "attack", "bombing", "gunfire", "fire"}


#: participles that state their subject's own stance or doing, not something done to it: "is opposed to", "is
#: committed to", "were engaged in ethnic cleansing"
STANCE_PARTICIPLES = {"oppose", "commit", "determine", "dispose", "resolve", "engage", "involve"}


#: material acts whose announced intent is an AGREE (CAMEO 03x), and those whose announced intent is a THREATEN (13x)
COOPERATIVE = {"AID", "COOPERATE", "CONCEDE", "RETREAT", "SUPPORT", "CONSULT"}
CONFLICTUAL = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
#: verbs whose infinitive complement is an intention ("plans to impose", "offered to negotiate")
INTENT_VERBS = {"plan", "intend", "offer", "promise", "pledge", "vow", "propose", "want", "aim", "prepare",
                "mean", "swear", "undertake", "resolve", "seek"}


#: verbs whose "I want to ..." does the act in saying it ("I want to thank", "I'd like to welcome"): no announcement
PERFORMATIVES = {"thank", "congratulate", "welcome", "commend", "praise", "salute", "acknowledge", "recognize",
                 "recognise", "applaud", "apologize", "apologise", "condole", "greet"}


def _intended(cand: Candidate, tok, head, negated: bool) -> str:
    """PLOVER codes an announced act as the announcement: a cooperative act someone will do (would do, plans,
    offers, is ready to do) is an AGREE, one they will not do a REJECT; a hostile one a THREATEN, as is any
    act made conditional with "unless"."""
    kind = cand.meaning.type
    if cand.meaning.source == "phrase" or kind not in COOPERATIVE | CONFLICTUAL or _agreed(tok) \
            or tok.lemma_.lower() in PERFORMATIVES:
        return kind
    clause = [tok] if tok.pos_ in ("VERB", "AUX") else [tok, head]
    conditions = [c for n in clause for c in n.children if c.dep_ == "advcl"] + clause
    if any(m.dep_ == "mark" and m.lower_ == "unless" for c in conditions for m in c.children):
        return "THREATEN"
    auxes = {c.lower_ for n in clause for c in n.children if c.dep_ in ("aux", "auxpass")}
    intent = bool(auxes & (FUTURE | {"would"})) or ("going" in auxes and tok.dep_ == "xcomp")
    node = tok
    for _ in range(3):
        if intent or not complement(node) or node.head.i == node.i:
            break
        governor = node.head
        intent = governor.lemma_.lower() in INTENT_VERBS | DISPOSITIONS
        node = governor
    if not intent:
        return kind
    if kind in CONFLICTUAL:
        return kind if negated else "THREATEN"
    return "REJECT" if negated else "AGREE"


def _agreed(tok) -> bool:
    """The act is what parties agreed on ("we agreed that we will not hold a news conference"): the
    agreement is the event, the act its content, not an announcement of intent."""
    node = tok
    while node.head.i != node.i and node.dep_ in ("ccomp", "xcomp", "conj"):
        node = node.head
        if node.lemma_.lower() == "agree":
            return True
    return False


def _named_subject(ctx: _SegmentContext, tok, offset: int) -> bool:
    """The verb's subject names its actor (not "we", "I" or a pronoun), and the verb is not buried in a
    subordinate clause ("the trust that X wants to achieve")."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "advcl", "pcomp", "csubj"):
            return False
        node = node.head
    subj = _subject_of(tok)
    return subj is not None and any(ctx.mention_actor.get(offset + t.idx) and _is_name(t) for t in subj.subtree)


def _is_name(tok) -> bool:
    """The token names someone rather than referring by a pronoun ("US" is a name, "us" a pronoun)."""
    return tok.lower_ not in PRONOUNS | THIRD_PERSON or (tok.text.isupper() and len(tok.text) > 1)


def _others(ctx: _SegmentContext, ids: list[str], actor: list[str]) -> list[str]:
    """Parties other than the actor and its own country's people."""
    mine = {ctx.country.get(a) for a in actor} - {None}
    return [i for i in ids if i not in actor and ctx.country.get(i) not in mine]


def _most_named(ctx: _SegmentContext, previous, actor: list[str]) -> list[str]:
    sent, offset = previous
    counts: dict[str, int] = {}
    for tok in sent:
        if _is_victim(tok):
            continue
        aid = ctx.mention_actor.get(offset + tok.idx)
        before = ctx.mention_actor.get(offset + tok.nbor(-1).idx) if tok.i > sent.start else None
        if aid is not None and before != aid:  # once per mention, not per token
            counts[aid] = counts.get(aid, 0) + 1
    ranked = sorted(_others(ctx, list(counts), actor), key=lambda a: -counts[a])
    return ranked[:1]


def _negated(tok, head, cand: Candidate) -> bool:
    if cand.negation_inside:
        return False
    nodes = {tok, head}
    return any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("advmod", "det", "neg"))
               for n in nodes for c in n.children)


def _tense(tok, head) -> str:
    nodes = [tok, head]
    auxes = [c for n in nodes for c in n.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    marks = {c.lower_ for n in nodes for c in n.children if c.dep_ == "mark"}
    if words & FUTURE or ("going" in words and tok.dep_ == "xcomp"):
        return "future"
    if words & HYPOTHETICAL or marks & {"if", "unless"}:
        return "hypothetical"
    if any(a.tag_ in ("VBD",) for a in auxes) or any(a.lemma_ == "have" for a in auxes) \
            or (head.tag_ == "VBD") or tok.tag_ == "VBD":
        return "past"
    return "present"


def _reciprocal_partners(found: list[Event], mutual: list[Event], country: dict[str, str | None]) -> None:
    """A reciprocal event with one party ("we agreed") takes the partner of the talks it follows: the nearest
    CONSULT before it between several countries (else the document's first), named by a phrase or a pattern
    rather than a verb's mere default meaning. Only events whose verb is mutual (``mutual``: "agreed", "met"),
    not acts announced as AGREE nor CAMEO's agreements ("we will pass the bill")."""
    talks = sorted((e for e in found if e.type == "CONSULT" and e.confidence >= 0.6
                    and len({country.get(a) for a in e.actor}) > 1), key=lambda e: e.trigger.start)
    if not talks:
        return
    for event in mutual:
        if event.type in RECIPROCAL and len({country.get(a) for a in event.actor}) == 1:
            before = [t for t in talks if t.trigger.start < event.trigger.start]
            source = before[-1] if before else talks[0]
            mine = country.get(event.actor[0])
            partners = [a for a in source.actor if country.get(a) != mine and a not in event.actor]
            event.actor = event.actor + partners

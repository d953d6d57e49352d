"""What a predicate means as a PLOVER event: the CAMEO-derived verb lexicon plus diplomatic language.

Three sources, most specific first:

1. **phrases** of the diplomatic register (:data:`PHRASES`), matched on the sentence text: "is not subject
   to discussion" (REJECT), "unacceptable", "outrageous" (ACCUSE), "the Ambassador was invited to the
   Foreign Ministry" (ACCUSE: an official complaint, as the PLOVER manual advises), "concluded talks"
   (CONSULT), "reaffirmed our readiness" (AGREE), "issued a serious warning" (THREATEN) ...;
2. **verb patterns** of the CAMEO dictionary (``resources/event_lexicon.json``, built by
   ``training/build_event_lexicon.py``): a verb with the object or prepositional words the pattern needs
   ("conclude ... talks", "agree (to ceasefire)");
3. the verb's **default** code in that dictionary, corrected by :data:`VERB_TYPES` where CAMEO's default
   is not what the word means in diplomatic prose ("agree" is AGREE, not SUPPORT; "reject" is REJECT);
4. for a verb with no meaning of its own, or a light verb (:data:`LIGHT_VERBS`: "declare", "impose",
   "mount" ...), the **event noun** its object names, from the descriptions of the CAMEO-to-PLOVER table
   ("Impose curfew": a curfew is a COERCE; also in the lexicon file).

A CAMEO pattern made only of prepositions ("* AGAINST") needs that preposition to head a phrase of the verb
(not the "to" of an infinitive, nor a time: "on Tuesday").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Meaning:
    type: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    source: str = "verb"  # phrase, pattern or verb
    confidence: float = 0.6


@dataclass(frozen=True)
class Phrase:
    """A diplomatic phrase. ``pattern`` has a group ``t`` (the trigger); ``role`` says whose act it is:
    ``verbal`` (a predicate with its own subject), ``evaluation`` (the speaker's, or the reporter's,
    judgement of something), ``complaint`` (the speaker's state acts on the named party's envoy)."""

    pattern: re.Pattern
    meaning: Meaning
    role: str = "verbal"
    negation_inside: bool = False  # the phrase's own "not" is part of its meaning


def _p(regex: str, type_: str, mode: str | None = None, contexts: tuple[str, ...] = ("diplomatic",),
       role: str = "verbal", negation_inside: bool = False) -> Phrase:
    return Phrase(re.compile(regex, re.I), Meaning(type_, mode, contexts, "phrase", 0.8), role, negation_inside)


_EVALUATIVE = (r"unacceptable|inadmissible|outrageous|deplorable|regrettable|inappropriate|counterproductive|"
               r"provocative|irresponsible|absurd|groundless|unfounded|illegitimate|illegal|unlawful|destabili[sz]ing")

PHRASES: tuple[Phrase, ...] = (
    # MOBILIZE (PLOVER v0.8): "increase military (police) alert status", "mobilize or increase armed forces"
    _p(r"\b(?:put|placed?|remain(?:ed|s)?|went|go(?:es)?|are|is|were|was|stay(?:ed|s)?)\s+on\s+"
       r"(?:(?:high|full|maximum|heightened|combat|red)\s+)?(?P<t>alert)\b", "MOBILIZE", "troops", ("military",)),
    _p(r"\b(?P<t>strengthen(?:ed|s|ing)?|reinforc(?:e|ed|es|ing)|boost(?:ed|s|ing)?|beef(?:ed|s|ing)?\s+up|"
       r"bolster(?:ed|s|ing)?|increas(?:e|ed|es|ing)|mass(?:ed|es|ing)?|deploy(?:ed|s|ing)?)\s+(?:\S+\s+){0,3}?"
       r"(?:forces|troops|soldiers|military presence|naval presence|garrisons?|units)\b", "MOBILIZE", "troops",
       ("military",)),
    _p(r"\b(?P<t>order(?:ed|s)?|deploy(?:ed|s)?|sent|send|step(?:ped)?\s+up|increas(?:ed|es|e))\s+(?:\S+\s+){0,2}?"
       r"(?:patrols|police reinforcements|riot police)\b", "MOBILIZE", "police", ()),
    # the CAMEO-to-PLOVER table's codes as phrases, with the v0.8 manual's modes
    _p(r"\b(?P<t>eas(?:e|ed|es|ing)|lift(?:ed|s|ing)?|relax(?:ed|es|ing)?|shorten(?:ed|s|ing)?|end(?:ed|s)?)\s+"
       r"(?:\S+\s+){0,6}?(?:curfews?|emergency|restrictions|state of siege|martial law|bans?)\b", "CONCEDE",
       contexts=("legal",)),  # 0811-0814; the manual: CONCEDE covers "removing curfews"
    _p(r"\b(?P<t>declar(?:e|ed|es|ing)|impos(?:e|ed|es|ing)|proclaim(?:ed|s)?)\s+(?:\S+\s+){0,3}?"
       r"(?:state of siege|state of emergency|martial law)\b", "COERCE", "martial-law", ("pro_autocracy",)),
    _p(r"\b(?P<t>end(?:ed|s)?|halt(?:ed|s)?|suspend(?:ed|s)?|broke\s+off|break(?:s)?\s+off|abandon(?:ed|s)?|"
       r"pull(?:ed|s)?\s+out\s+of|walk(?:ed|s)?\s+out\s+of)\s+(?:\S+\s+){0,2}?(?:mediation|negotiations|talks)\b",
       "SANCTION", "withdraw"),  # 164 halt negotiations, 165 halt mediation
    _p(r"\b(?P<t>reduc(?:e|ed|es|ing)|cut(?:s|ting)?|halt(?:ed|s)?|suspend(?:ed|s)?|stop(?:ped|s)?|"
       r"freez(?:e|es|ing)|froze)\s+(?:\S+\s+){0,3}?(?:aid|assistance|food supplies|supplies|funding|loans|credits)\b",
       "SANCTION", "discontinue", ("human_security",)),  # 162 reduce or stop aid
    _p(r"\b(?P<t>expel(?:led|s)?|withdr(?:ew|aw|aws|awn)|recall(?:ed|s)?)\s+(?:\S+\s+){0,3}?(?:inspectors|observers|"
       r"monitors|peacekeepers|diplomats|ambassadors?|envoys?|aid (?:workers|agencies))\b", "SANCTION", "expel"),
    _p(r"\b(?P<t>receiv(?:e|ed|es|ing)|admit(?:ted|s)?|allow(?:ed|s)?|accept(?:ed|s)?|let)\s+(?:\S+\s+){0,4}?"
       r"(?:observers|inspectors|monitors|peacekeepers|humanitarian (?:access|aid|workers|convoys))\b", "RETREAT",
       "access", ("humanitarian",)),  # 086 allow international involvement, 0862 receive inspectors
    _p(r"\b(?P<t>not\s+(?:be\s+)?(?:(?:a|the)\s+)?(?:subject|open|up)\s+(?:to|for)\s+(?:any\s+)?"
       r"(?:discussion|negotiation|debate|revision))", "REJECT", role="evaluation", negation_inside=True),
    _p(r"\b(?P<t>non-negotiable|out of the question)\b", "REJECT", role="evaluation"),
    _p(r"\b(?P<t>" + _EVALUATIVE + r")\b", "ACCUSE", "disapprove", role="evaluation"),
    _p(r"\b(?P<t>contradicts?|contradicted|run counter to|runs counter to|ran counter to)\b", "ACCUSE", "disapprove",
       role="evaluation"),
    _p(r"\b(?:do|does|did)\s+not\s+(?P<t>reflect|correspond to|meet|match)\b", "ACCUSE", "disapprove",
       role="evaluation", negation_inside=True),
    _p(r"\b(?P<t>creat(?:e|es|ed|ing)|pos(?:e|es|ed|ing))\s+(?:\w+\s+){0,2}(?:risks?|threats?|dangers?|tensions?)\b",
       "ACCUSE", "allege", ("military",), role="evaluation"),
    _p(r"\b(?:ambassador|envoy|charg[eé] d'affaires|diplomats?)\b[^.;]{0,60}?\b(?:was|were|has been|have been|"
       r"had been)\s+(?P<t>invited|summoned|called in)\b[^.;]{0,20}\b(?:foreign|ministry)", "ACCUSE", "allege",
       role="complaint"),
    _p(r"\b(?P<t>summon(?:ed|s)?)\s+(?:the\s+)?(?:\S+\s+){0,3}(?:ambassador|envoy|charg[eé] d'affaires)\b",
       "ACCUSE", "allege"),
    _p(r"\b(?P<t>issu(?:e|es|ed|ing)|gave|give|gives|made)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,2}warnings?\b", "THREATEN"),
    _p(r"\b(?P<t>conclud(?:e|es|ed|ing)|held|hold|holds|holding|conducted|conduct|began|begin|"
       r"start(?:ed)?|resum(?:e|ed|ing)|renew(?:s|ed|ing)?|open(?:s|ed)?)\s+(?:\w+\s+){0,2}(?:talks|negotiations|consultations|meetings?|"
       r"discussions?|dialogue)\b", "CONSULT"),
    _p(r"\b(?P<t>reaffirm(?:s|ed)?|confirm(?:s|ed)?|express(?:es|ed)?|stated?)\s+(?:our|its|their|his|her)\s+"
       r"(?:\w+\s+)?(?:readiness|willingness|commitment|intention)\b", "AGREE"),
    _p(r"\b(?:are|is|am|were|was)\s+(?:\w+\s+){0,2}(?P<t>ready|willing|prepared)\s+to\b", "AGREE"),
    _p(r"\b(?P<t>stag(?:e|es|ed|ing)|h[oe]ld|holding|beg[ai]n|continu(?:e|es|ed|ing)|organi[sz](?:e|es|ed|ing)|"
       r"launch(?:es|ed|ing)?)\s+(?:\S+\s+){0,3}(?:demonstrations?|protests?|rall(?:y|ies)|strikes?|sit-ins?|"
       r"marches|boycotts?)\b", "PROTEST", contexts=()),
    _p(r"\b(?:not|never|n't)\s+(?:\w+\s+)?(?P<t>accept|allow|permit|agree|recogni[sz]e|tolerate)\b", "REJECT",
       negation_inside=True),
    # refusing what was asked for: "denied land allocation", "denied them entry" (CAMEO 12)
    _p(r"\b(?P<t>den(?:y|ied|ies|ying))\s+(?:\S+\s+){0,3}?(?:access|entry|permission|permits?|visas?|requests?|"
       r"applications?|allocations?|landing|passage|asylum|bail|licen[cs]es?|registration)\b", "REJECT"),
    # refusing to give in: "would not meet the hostage-takers' demands" (CAMEO 12: reject demands)
    _p(r"\b(?:not|never|n't)\s+(?:\w+\s+)?(?P<t>meet|satisfy|heed|bow\s+to|give\s+in\s+to|yield\s+to|comply\s+with)"
       r"\s+(?:\S+\s+){0,3}?(?:demands?|conditions|ultimatums?)\b", "REJECT", negation_inside=True),
    # CAMEO 144 "obstruct passage, block" ("* ROAD", "* TRAFFIC", "* ENTRANCE" ...) and 143 strikes: PROTEST
    _p(r"\b(?P<t>block(?:ed|s|ing)?|blockad(?:e|ed|es|ing)|barricad(?:e|ed|es|ing))\s+(?:\S+\s+){0,3}?"
       r"(?:roads?|bridges?|highways?|motorways?|railways?|rail lines?|traffic|transport|streets?|entrances?|"
       r"convoys?)\b", "PROTEST", "obstruct", ()),
    _p(r"\b(?P<t>stop(?:ped|s|ping)?|down(?:ed|s)?|la(?:id|y|ys)\s+down)\s+(?:their\s+|its\s+)?(?:work|tools)\b",
       "PROTEST", "boycott", ()),
    # repressing a protest is a COERCE (the manual: "repression of protests"), not a refusal
    _p(r"\b(?P<t>prevent(?:ed|s|ing)?|ban(?:ned|s)?|outlaw(?:ed|s)?|prohibit(?:ed|s)?|forb(?:id|ade|idden)|"
       r"disperse[ds]?|dispersing|br(?:oke|eak|eaks)\s+up)\s+(?:\S+\s+){0,3}?(?:demonstrations?|protests?|"
       r"rall(?:y|ies)|marches|gatherings?|sit-ins?|demonstrators|protesters|protestors)\b", "COERCE",
       contexts=()),
)

#: CAMEO's default code corrected for diplomatic prose: lemma -> (type, mode)
VERB_TYPES: dict[str, tuple[str, str | None]] = {
    "agree": ("AGREE", None), "promise": ("AGREE", None), "pledge": ("AGREE", None),
    "reject": ("REJECT", None), "refuse": ("REJECT", None), "decline": ("REJECT", None), "renege": ("REJECT", None),
    "dismiss": ("REJECT", None), "veto": ("REJECT", None), "oppose": ("REJECT", None),
    "negotiate": ("CONSULT", None), "discuss": ("CONSULT", None), "visit": ("CONSULT", "visit"),
    "demand": ("REQUEST", None), "urge": ("REQUEST", None),
    "warn": ("THREATEN", None), "threaten": ("THREATEN", None),
    "condemn": ("ACCUSE", "disapprove"), "criticize": ("ACCUSE", "disapprove"), "criticise": ("ACCUSE", "disapprove"),
    "accuse": ("ACCUSE", "allege"), "blame": ("ACCUSE", "allege"), "denounce": ("ACCUSE", "disapprove"),
    "welcome": ("SUPPORT", None), "praise": ("SUPPORT", None), "endorse": ("SUPPORT", None),
    "demonstrate": ("PROTEST", "demo"), "protest": ("PROTEST", "demo"), "rally": ("PROTEST", "demo"),
    "march": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"),
    # the PLOVER v0.8 manual's own modes where CAMEO says otherwise or nothing
    "resign": ("RETREAT", "resign"),  # "RETREAT also covers resignations of government officials"
    "demobilize": ("RETREAT", "disarm"), "demobilise": ("RETREAT", "disarm"), "disarm": ("RETREAT", "disarm"),
    "hack": ("COERCE", "cyber"),  # COERCE 'cyber': "hacking, security breaches, website attacks"
    "retake": ("COERCE", "seize"),  # as CAMEO codes "recapture"
    "engage": ("CONSULT", None),  # "will engage with Turkey" (CAMEO: fight); "engaged in fighting" is its noun's
}

#: verbs that only carry the act their object names ("declared a ceasefire", "mounted an invasion")
LIGHT_VERBS = {"declare", "conduct", "carry", "engage", "impose", "reimpose", "mount", "launch", "stage", "undertake",
               "begin", "start", "continue", "hold", "use", "make", "wage", "remain", "put", "place", "resort",
               "enforce", "announce", "go", "pay", "give", "offer", "grant", "provide"}

#: verbs that report speech or thought; what their clausal complement says is the subject's
REPORTING = {"say", "state", "note", "point", "tell", "stress", "emphasize", "emphasise", "underline",
             "underscore", "remind", "declare", "announce", "explain", "add", "believe", "think", "recall",
             "reiterate", "inform", "mention", "observe", "indicate", "stipulate", "confirm", "assure", "report",
             "clarify", "argue", "insist", "claim", "suggest", "know", "understand", "hope", "feel"}
#: nouns whose content clause ("X's statement that ...") is someone's claim, not an event
SAYING_NOUNS = {"statement", "remark", "remarks", "claim", "assertion", "words", "comment", "allegation",
                "suggestion", "view", "opinion", "idea", "report", "rumour", "rumor", "speculation", "belief", "effect"}


#: nouns of acts that the CAMEO-to-PLOVER table's descriptions do not name, by head lemma (our own reading of the
#: PLOVER v0.8 manual): "launched an investigation", "talks resumed", "fierce fighting with guerrillas"
NOMINAL_EVENTS: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(("talk", "talks", "consultation", "meeting", "summit"), ("CONSULT", None)),
    **dict.fromkeys(("investigation", "inquiry", "probe"), ("ACCUSE", "investigate")),
    **dict.fromkeys(("condemnation", "criticism"), ("ACCUSE", "disapprove")),
    **dict.fromkeys(("demonstration", "protest", "rally", "march"), ("PROTEST", "demo")),
    **dict.fromkeys(("riot", "unrest", "uprising"), ("PROTEST", "riot")),
    **dict.fromkeys(("clash", "fighting", "battle", "hostility", "skirmish", "massacre", "bombing", "killing"),
                    ("ASSAULT", None)),
    **dict.fromkeys(("threat", "warning", "ultimatum"), ("THREATEN", None)),
    **dict.fromkeys(("demand", "appeal", "request"), ("REQUEST", None)),
    **dict.fromkeys(("rejection", "refusal", "veto"), ("REJECT", None)),
    **dict.fromkeys(("endorsement", "praise"), ("SUPPORT", None)),
    **dict.fromkeys(("assistance",), ("AID", None)),
    **dict.fromkeys(("withdrawal", "pullout", "pull-out"), ("RETREAT", None)),
    **dict.fromkeys(("arrest", "detention"), ("COERCE", "arrest")),
    **dict.fromkeys(("expulsion", "deportation"), ("COERCE", "deport")),
    **dict.fromkeys(("crackdown", "repression", "suppression"), ("COERCE", None)),
    **dict.fromkeys(("occupation", "seizure"), ("COERCE", "seize")),
    **dict.fromkeys(("mobilization", "mobilisation", "deployment", "buildup", "build-up"), ("MOBILIZE", None)),
}
#: the contexts the lexicon's codes give these types where they have one
NOMINAL_CONTEXTS = {"CONSULT": ("diplomatic",), "ASSAULT": ("military",)}


#: words a CAMEO pattern may consist of alone ("- * AGAINST"): they must head a prepositional phrase of the verb
PREPOSITIONS = {"to", "in", "on", "for", "with", "against", "at", "from", "by", "into", "over", "of", "about", "upon",
                "toward", "towards", "before", "after", "under", "through", "between", "among", "outside", "inside",
                "within", "across", "around", "onto"}


def nominal_meaning(noun) -> Meaning | None:
    """The act a noun names by :data:`NOMINAL_EVENTS` (its head, or a noun compound: "peace talks"), or None."""
    for word in [noun] + [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"]:
        found = NOMINAL_EVENTS.get(word.lemma_.lower()) or NOMINAL_EVENTS.get(word.lower_)
        if found is not None:
            return Meaning(found[0], found[1], NOMINAL_CONTEXTS.get(found[0], ()), "pattern", 0.65)
    return None


@dataclass
class Lexicon:
    verbs: dict[str, dict]
    patterns: dict[int, list[dict]]  # block -> patterns
    synsets: dict[str, set[str]]
    codes: dict[str, list]
    blocks_of: dict[str, list[int]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)  # event noun phrase -> CAMEO code ("curfew": "1723")

    def __post_init__(self):
        self._nouns_longest_first = sorted(self.nouns, key=lambda n: (-len(n), n))

    def noun_meaning(self, obj, nominal: bool = True) -> Meaning | None:
        """What a light verb's object names ("declared a ceasefire", "engaged in ethnic cleansing", "continued
        their hunger strike"): the longest event noun of the table's descriptions that the object's phrase
        contains, around the object's head word; with ``nominal``, else the act :data:`NOMINAL_EVENTS` names."""
        words = [t for t in obj.subtree]
        texts = (" " + " ".join(t.lower_ for t in words) + " ", " " + " ".join(t.lemma_.lower() for t in words) + " ")
        heads = {obj.lower_, obj.lemma_.lower()} | {  # "a mediation mission": the compound names the act
            w for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN" for w in (c.lower_, c.lemma_.lower())}
        for phrase in self._nouns_longest_first:
            if heads & set(phrase.split()) and any(f" {phrase} " in text for text in texts):
                return self.meaning(self.nouns[phrase], "pattern", 0.7)
        return nominal_meaning(obj) if nominal else None

    def meaning(self, code: str | None, source: str, confidence: float) -> Meaning | None:
        mapped = self.codes.get(code or "")
        if not mapped:
            return None
        kind, mode, contexts = mapped
        return Meaning(kind, mode, tuple(contexts), source, confidence)

    def _word_fits(self, word: str, present: set[str], text: str) -> bool:
        if word.startswith("&"):
            return any(self._word_fits(w, present, text) for w in self.synsets.get(word[1:], ()))
        if " " in word:
            return f" {word} " in text
        return word in present

    def match(self, lemma: str, frame_words: set[str], frame_text: str, subject_words: set[str]) -> Meaning | None:
        """The meaning of verb ``lemma`` with the words of its frame (objects, prepositions and their
        objects, particles, lower-cased, as written and as lemmas): the longest CAMEO pattern whose words
        are all there, else the verb's corrected or CAMEO default."""
        best, best_len = None, 0
        for block in self.verbs.get(lemma, {}).get("blocks", ()):
            for pat in self.patterns.get(block, ()):
                if pat.get("verb") not in (None, lemma):
                    continue
                words, subject = pat["words"], pat["subject"]
                size = len(words) + len(subject)
                if size <= best_len:
                    continue
                if words and all(w in PREPOSITIONS for w in words):  # "* AGAINST": a phrase of the verb's
                    fits = all("#" + w in frame_words for w in words)
                else:
                    fits = all(self._word_fits(w, frame_words, frame_text) for w in words)
                if fits and \
                        all(self._word_fits(w, subject_words, " " + " ".join(sorted(subject_words)) + " ")
                            for w in subject):
                    found = self.meaning(pat["code"], "pattern", 0.75)
                    if found:
                        best, best_len = found, size
        if best is not None and lemma == "meet" and best.type == "AGREE":
            # CAMEO codes "meet with leaders", "meet at" as 036 (intent to meet): a meeting is a CONSULT, and the
            # events stage makes an announced one an AGREE
            best = Meaning("CONSULT", None, ("diplomatic",), best.source, best.confidence)
        if best is not None:
            return best
        if lemma in VERB_TYPES:
            kind, mode = VERB_TYPES[lemma]
            # a word of the diplomatic register governs what it frames ("refused to deploy", "threatened to
            # impose"): it outranks the patterns of the verbs it governs
            return Meaning(kind, mode, ("diplomatic",) if kind in ("AGREE", "CONSULT", "REJECT") else (), "verb", 0.78)
        return self.meaning(self.verbs.get(lemma, {}).get("code"), "verb", 0.55)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    path = resources.files("parley.resources") / "event_lexicon.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    patterns: dict[int, list[dict]] = {}
    for pat in data["patterns"]:
        patterns.setdefault(pat["block"], []).append(pat)
    return Lexicon(data["verbs"], patterns, {k: set(v) for k, v in data["synsets"].items()}, data["codes"],
                   nouns=data.get("nouns", {}))

"""A pattern layer for what the trained models see too rarely: dehumanising language and calls for violence.

Toxicity data sets hold few comments that call a group "an invasive species of pest" or say a country
"should be wiped out", yet these are the comments a moderator most needs to see. Each :class:`Pattern`
here names one such construction, the attributes it raises and the score floor it sets: the comment's
score for that attribute becomes at least the floor (the stage takes the max of model and pattern).
Every hit carries the character span of the words that matched, which becomes the flag's evidence.

Rules beyond single patterns, applied by :func:`scan_thread`:

1. **Reported and condemned violence is not a threat.** A violent phrase is suppressed (kept with a
   reason, not raised) when
   (a) its sentence reports what someone else said: a third-party subject (others, commentators,
   people, some, they, he, she, someone...) with a reporting verb (suggested, called for, said,
   proposed, urged, talked about...) before the phrase, and a condemnation ("disgusting", "wrong",
   "appalling", "hatred", "I condemn"...) follows in the same sentence or the next two; or
   (b) the phrase is itself condemned in its own sentence by a predicate ("... is disgusting",
   "... would be a crime"), e.g. "Nuking Japan would be monstrous"; or
   (c) it is negated: a negation among the three words before it or inside it ("We should not kill
   them", "Nobody should nuke them").
   "I suggest we nuke them" (first person) and "Others suggested nuking them, and they are right"
   (no condemnation) are still threats. A kill verb counts only where it proposes rather than
   narrates: at the start of a sentence (imperative) or after a modal or a proposal verb ("should",
   "let's", "suggested", "we"); "They bombed Japan in 1945" is history, not a threat.
2. **Antecedents carry across comments.** A dehumanising comparison ("The American military is like an
   invasive species of pest") makes its animal noun ("pest", "pests", "species") a stand-in for
   people for the next ``CARRY`` comments of the thread. A prescription of extermination for a noun
   ("The proper term for pests is 'exterminated'") is raised as a threat, and as an identity attack,
   only when its target is such a stand-in, a pronoun, or a capitalised name (a group of people); on
   its own, advice about garden pests is not flagged.

Conspiracy tropes ("Deep State", "false flag", a government "approved 9/11") are here for the same
reason: the conspiracy model is trained on YouTube comments about other theories.

Patterns are English only; the stage runs them only on English comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CARRY = 3  # comments after a dehumanising comparison in which its noun still stands for people

_ANIMALS = (r"invasive\s+species(?:\s+of\s+\w+)?|pests?|vermin|cockroach(?:es)?|parasites?|rats|lice|maggots|"
            r"termites|leeches|sub-?humans?|untermenschen|savages|insects")
#: participles that mean killing when said of people ("eliminated", "hung", "culled", "put down" are left
#: out: too often said of rules, pictures and animals)
_KILL_PARTICIPLE = (r"wiped\s+out|wiped\s+off(?:\s+the\s+(?:map|face\s+of\s+the\s+earth))?|exterminated|"
                    r"eradicated|annihilated|hanged|shot|killed|gassed|nuked|slaughtered|executed|"
                    r"lynched|beheaded|burned\s+alive")
#: base and -ing forms only: "they bombed Japan" narrates history, "nuke them" / "nuking Japan" proposes
_KILL_VERB = (r"nuke|nuking|bomb|bombing|kill|killing|shoot|shooting|hang|hanging|gas|gassing|exterminate|"
              r"exterminating|wipe\s+out|wiping\s+out|lynch|lynching|behead|beheading|slaughter|slaughtering|"
              r"execute|executing|annihilate|annihilating")
#: where a kill verb proposes rather than narrates: sentence start (imperative) or after a modal/proposal
_PROPOSAL = (r"(?:(?m:^)|(?<=[.!?…:]\s)|(?<=[\"“‘(]))\W*|\b(?:should|must|let['’]?s|let\s+us|we|just|simply|"
             r"say|suggest(?:ed|s|ing)?|propos(?:e|ed|es|ing)|why\s+not|need\s+to|ought\s+to|gotta|ha(?:ve|s)\s+to|"
             r"time\s+to|better|would|could|can|will|gonna|going\s+to)\s+(?:\w+\s+)?")
_CONDEMNATION = re.compile(
    r"\b(?:disgusting|appalling|abhorrent|deplorable|despicable|shameful|shocking|horrible|horrifying|sick|"
    r"sickening|outrageous|unacceptable|vile|monstrous|evil|hatred|hateful|inhuman|barbaric|wrong|a\s+crime|"
    r"insane|madness|terrible|condemn(?:s|ed)?|not\s+ok(?:ay)?|too\s+(?:far|extreme))\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:others?|other\s+\w+|commentators?|commenters?|people|some(?:one|body)?|many|they|he|she|"
    r"the\s+\w+|a\s+few(?:\s+\w+)?)\s+(?:\w+\s+){0,2}?(?:suggest(?:ed|s)?|call(?:ed|s)?\s+for|sa(?:y|id|ys)|"
    r"propos(?:ed|es)|urg(?:ed|es)|advocat(?:ed|es)|want(?:ed|s)?|demand(?:ed|s)|talk(?:ed|s)\s+about|"
    r"wrote|writ(?:es|ing)|claim(?:ed|s)|joked?\s+about|threaten(?:ed|s)|dream(?:ed|s)\s+of|floated)\b",
    re.IGNORECASE)
_PREDICATE_CONDEMNATION = re.compile(
    r"\b(?:is|are|was|were|would\s+be|'s|’s)\s+(?:\w+\s+){0,2}?" + _CONDEMNATION.pattern[2:], re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never|no\s+one|nobody|don['’]?t|doesn['’]?t|won['’]?t|shouldn['’]?t|"
                       r"wouldn['’]?t|mustn['’]?t|against)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s|$)|\n+")
_PRONOUN_TARGET = re.compile(r"^(?:them|they|these|those|all\s+of\s+them|'em|him|her)$", re.IGNORECASE)


@dataclass(frozen=True)
class Pattern:
    """One construction: its name, the attributes it raises with their floors, and its regular expression.

    ``violent`` patterns are subject to the reported-and-condemned rule; ``needs_target`` patterns
    fire only when their ``target`` group names people (see the module docstring, rule 2). ``requires``:
    lower-case strings of which every match contains one (the pattern cannot match without), looked for first:
    most comments contain none, and a substring search costs far less than the pattern."""

    name: str
    raises: dict[str, float]
    regex: re.Pattern
    description: str
    violent: bool = False
    needs_target: bool = False
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """A pattern that matched: offsets are relative to the comment's text."""

    pattern: str
    attribute: str
    floor: float
    start: int
    end: int
    suppressed: str | None = None  # why the hit does not count (reported and condemned, negated)


def _p(name: str, raises: dict[str, float], regex: str, description: str, **kw) -> Pattern:
    return Pattern(name, raises, re.compile(regex, re.IGNORECASE), description, **kw)


PATTERNS: tuple[Pattern, ...] = (
    _p("dehumanising_comparison", {"identity_attack": 0.85, "toxicity": 0.8},
       r"\b(?:is|are|was|were|like|as|nothing\s+but|bunch\s+of|pack\s+of|swarm\s+of|these|those)\s+"
       r"(?:\w+\s+){0,2}?(?:an?\s+)?(?P<noun>" + _ANIMALS + r")\b",
       "a person or group called or likened to vermin, pests, parasites, insects",
       requires=("invasive", "pest", "vermin", "cockroach", "parasite", "rats", "lice", "maggots", "termites",
                 "leeches", "human", "untermenschen", "savages", "insects")),
    _p("dehumanising_term", {"insult": 0.7},
       r"\b(?:vermin|cockroaches|sub-?humans?|untermenschen|maggots)\b",
       "a dehumanising noun on its own (raised to identity attack only in a comparison)",
       requires=("vermin", "cockroaches", "human", "untermenschen", "maggots")),
    _p("extermination_prescription", {"threat": 0.85, "identity_attack": 0.8},
       r"\b(?:proper|right|only|best|final|real)\s+(?:term|word|answer|solution|cure|remedy|treatment|way|thing)\s+"
       r"(?:for|to\s+deal\s+with|with)\s+(?P<target>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)\s+is\s+\W*"
       r"(?:exterminat\w*|eradicat\w*|annihilat\w*|genocide|wip\w+\s+(?:them\s+)?out|kill\w*|nuk\w*|gas\w*)",
       "extermination prescribed for a group (needs a target that stands for people)",
       violent=True, needs_target=True,
       requires=("exterminat", "eradicat", "annihilat", "genocide", "wip", "kill", "nuk", "gas")),
    _p("should_be_killed", {"threat": 0.85, "toxicity": 0.8},
       r"\b(?:should|must|needs?\s+to|ought\s+to|ha(?:ve|s)\s+to|deserves?\s+to)\s+"
       r"(?:all\s+)?be\s+(?:all\s+)?(?:" + _KILL_PARTICIPLE + r")\b",
       "a call for someone to be killed, wiped out, hanged, nuked (a wish, not a forecast: 'will be shot' "
       "is left to the model, since scenes and films are shot too)", violent=True,
       requires=("wiped", "exterminated", "eradicated", "annihilated", "hanged", "shot", "killed", "gassed", "nuked",
                 "slaughtered", "executed", "lynched", "beheaded", "burned")),
    _p("kill_them", {"threat": 0.85, "toxicity": 0.8},
       r"(?:" + _PROPOSAL + r")(?:" + _KILL_VERB + r")\s+(?:them|'em|em|him|her|those\s+\w+|these\s+\w+|"
       r"all\s+of\s+them|the\s+lot|(?-i:[A-Z][a-z]+))(?:\s+all)?\b(?!\s+(?:down|up)\b)",
       "an imperative or proposal to kill, nuke, hang a group or a named country", violent=True,
       requires=("nuk", "bomb", "kill", "shoot", "hang", "gas", "exterminat", "wip", "lynch", "behead", "slaughter",
                 "execut", "annihilat")),
    _p("threat_to_you", {"threat": 0.9, "toxicity": 0.85},
       r"\b(?:i|we)(?:['’]ll|\s+will|\s+am\s+going\s+to|\s+are\s+going\s+to|\s+gonna)\s+"
       r"(?:kill|shoot|hurt|murder|beat|stab|find|hunt)\s+(?:you|u)\b",
       "a first-person threat addressed to the reader", violent=True,
       requires=("kill", "shoot", "hurt", "murder", "beat", "stab", "find", "hunt")),
    _p("go_screw_yourself", {"insult": 0.85, "toxicity": 0.85},
       r"\bgo\s+(?:screw|f[\W_]*[u*][\W_]*c?k|fuck|frig|fornicate\s+with)\s+(?:your\s*self|yourselves|urself)\b|"
       r"\b(?:screw|fuck|f\*+k)\s+(?:you|off)\b",
       "a profane dismissal of the person addressed"),
    _p("kill_yourself", {"threat": 0.8, "severe_toxicity": 0.8, "toxicity": 0.9},
       r"\b(?:go\s+)?(?:kill|hang|shoot)\s+(?:your\s*self|yourselves|urself)\b|\bkys\b",
       "telling someone to kill themselves", violent=True, requires=("kill", "hang", "shoot", "kys")),
    _p("government_behind_attack", {"conspiracy": 0.7},
       r"\b(?:gov(?:ernment|t)?\.?|administration|cia|mossad|fbi|deep\s+states?|they)\s+(?:\w+\s+){0,3}?"
       r"(?:approved|allowed|supported|did|planned|orchestrated|staged|was\s+behind|were\s+behind|let\s+happen|"
       r"carried\s+out)\s+(?:\w+\s+){0,2}?(?:9/11|9-11|911|sept(?:ember)?\.?\s+11(?:th)?)",
       "a government or hidden power said to be behind a terrorist attack (the 9/11 'inside job' claim)",
       requires=("9/11", "9-11", "911", "sept")),
    _p("conspiracy_trope", {"conspiracy": 0.6},
       r"\bdeep[\s-]?states?\b|\bfalse[\s-]flags?\b|\binside[\s-]job\b|\bnew\s+world\s+order\b|\billuminati\b|"
       r"\bchemtrails?\b|\bplandemic\b|\bcontrolled\s+demolition\b|\bcrisis\s+actors?\b|\bsheeple\b|"
       r"\bglobalist\s+(?:elite|cabal|agenda)\b|\bshadow\s+government\b",
       "a named conspiracy theory or its stock phrases (deep state, false flag, inside job, new world order)",
       requires=("deep", "false", "inside", "world", "illuminati", "chemtrail", "plandemic", "demolition", "crisis",
                 "sheeple", "globalist", "shadow")),
    _p("profanity", {"profanity": 0.8},
       r"\b(?:f+u+c+k+\w*|motherf\w+|shit\w*|bullshit|cunt\w*|bitch\w*|asshole\w*|dickhead\w*|bastard\w*)",
       "swear words", requires=("fu", "motherf", "shit", "cunt", "bitch", "asshole", "dickhead", "bastard")),
)


@dataclass
class _Context:
    """What earlier comments of the thread said: dehumanised nouns and how many comments they last."""

    nouns: dict[str, int] = field(default_factory=dict)

    def step(self) -> None:
        self.nouns = {n: left - 1 for n, left in self.nouns.items() if left > 1}


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``: cut after ., !, ?, … and at line breaks; stripped."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        piece = text[s:e]
        stripped = piece.strip()
        if stripped:
            s += len(piece) - len(piece.lstrip())
            out.append((s, s + len(stripped)))
    return out


def scan(text: str) -> list[Hit]:
    """The pattern hits of one comment on its own (no thread context)."""
    return scan_thread([text])[0]


def scan_thread(texts: list[str]) -> list[list[Hit]]:
    """Pattern hits for each comment of a thread, in order, with antecedents carried between comments."""
    context = _Context()
    out = []
    for text in texts:
        hits = _scan_one(text, context)
        context.step()
        for hit in hits:
            if hit.pattern == "dehumanising_comparison" and not hit.suppressed and hit.attribute == "identity_attack":
                for noun in _nouns(text[hit.start:hit.end]):
                    context.nouns[noun] = CARRY
        out.append(hits)
    return out


def _nouns(matched: str) -> set[str]:
    found = re.search(r"(?:" + _ANIMALS + r")\s*$", matched, re.IGNORECASE)
    words = re.findall(r"[a-z]+", (found.group() if found else matched).lower())
    nouns = {w for w in words if w not in {"a", "an", "of", "invasive"}}
    return nouns | {n + "s" for n in nouns if not n.endswith("s")} | {n[:-1] for n in nouns if n.endswith("s")}


def _scan_one(text: str, context: _Context) -> list[Hit]:
    sents = sentences(text)
    hits: list[Hit] = []
    low = text.lower()
    for pattern in PATTERNS:
        if pattern.requires and not any(word in low for word in pattern.requires):
            continue
        for match in pattern.regex.finditer(text):
            if pattern.needs_target and not _names_people(match.group("target"), context):
                continue
            start, end = match.span()
            reason = _suppression(text, sents, start, end) if pattern.violent else None
            for attribute, floor in pattern.raises.items():
                hits.append(Hit(pattern.name, attribute, floor, start, end, reason))
    hits.sort(key=lambda h: (h.start, h.end, h.pattern, h.attribute))
    return hits


def _names_people(target: str, context: _Context) -> bool:
    words = re.findall(r"[\w'’-]+", target)
    bare = [w for w in words if w.lower() != "the"]
    if not bare:
        return False
    if any(w.lower() in context.nouns for w in bare):
        return True
    if _PRONOUN_TARGET.match(" ".join(bare)):
        return True
    return any(w[0].isupper() for w in bare)


def _suppression(text: str, sents: list[tuple[int, int]], start: int, end: int) -> str | None:
    """Why a violent phrase at [start, end) is not a threat, or None (rule 1 of the module docstring)."""
    index = next((i for i, (s, e) in enumerate(sents) if s <= start < e), len(sents) - 1)
    s, e = sents[index]
    lead = text[s:end]  # the sentence up to the end of the phrase (a proposal verb may be inside the match)
    near = " ".join(text[s:start].split()[-3:]) + " " + text[start:end]
    if _NEGATION.search(near):
        return "negated"
    reported = _REPORTING.search(lead) and not re.search(r"\b(?:i|we)\s+(?:\w+\s+)?(?:suggest|propose|say|want)",
                                                         lead, re.IGNORECASE)
    if _PREDICATE_CONDEMNATION.search(text[end:e]):
        return "condemned in the same sentence"
    if reported:
        window_end = sents[min(index + 2, len(sents) - 1)][1]
        if _CONDEMNATION.search(text[end:window_end]):
            return "reported speech, condemned"
    return None

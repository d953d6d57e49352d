"""Stances: which words in a sentence say where its speaker (or subject) stands on an issue.

Each stance has a short list of cue patterns written by us. A negated cue flips where the flip is
clear ("do not support" -> opposes, "did not agree" -> rejects) and is dropped otherwise. The patterns
are matched on the sentence text; the match nearest the issue mention wins.
"""

from __future__ import annotations

import re

STANCES = ("demands", "proposes", "supports", "agrees", "opposes", "rejects", "criticizes", "concedes")

_CUES: dict[str, list[str]] = {
    "supports": [r"no reason why\b.{0,80}\bcannot", r"support\w*", r"in favou?r of", r"welcome[sd]?", r"readiness",
                 r"ready to", r"willing\w* to", r"committed to", r"commitment to",
                 r"our (?:global |main |common )?goal",
                 r"stands? (?:with|behind)", r"back(?:s|ed|ing)?\b", r"endorse[sd]?", r"reaffirm\w*",
                 r"want(?:s|ed)? to achieve", r"strengthen\w*", r"deepen\w*", r"expand\w*", r"promot\w+",
                 r"continue[sd]? to", r"invest\w* in"],
    "agrees": [r"agree[sd]?\b", r"agreement (?:was|has been) reached", r"common understanding", r"consensus",
               r"shared? (?:view|position|understanding)", r"coincide", r"see eye to eye", r"same page"],
    "proposes": [r"propos\w+", r"offer\w*", r"suggest\w*", r"initiatives?", r"put forward", r"call(?:s|ed)? for",
                 r"launch\w*", r"announc\w+"],
    "demands": [r"must\b", r"insist\w*", r"demand\w*", r"urge[sd]?", r"there is a need", r"need to", r"have to",
                r"should\b", r"call(?:s|ed)? on", r"immutability", r"full recognition", r"expect\w* (?:\w+ )?to"],
    "rejects": [r"not subject to discussion", r"unacceptable", r"reject\w*", r"refus\w+", r"rule[sd]? out",
                r"(?:cannot|can't|won't|will not) accept", r"out of the question", r"inviolable", r"deny\b"],
    "opposes": [r"oppos\w+", r"against\b", r"contradict\w*", r"(?:concerned|concerns?) (?:about|over|at)",
                r"risks?\b", r"threat\w*",
                r"object\w* to", r"resist\w*", r"counter(?:s|ed|ing)?\b", r"deter\w*", r"condemn\w*"],
    "criticizes": [r"outrageous", r"inappropriate", r"unimpressive", r"serious warning", r"criticiz\w+|criticis\w+",
                   r"regret\w*", r"disappoint\w*", r"irresponsible", r"militaris\w+|militariz\w+", r"not reflect",
                   r"do(?:es)? not coincide", r"brutal", r"aggression"],
    "concedes": [r"do not want to deny", r"admit\w*", r"acknowledg\w+", r"concede[sd]?", r"substantial differences",
                 r"diametrically opposed", r"not anywhere near", r"have not been implemented"],
}
_FLIP = {"supports": "opposes", "agrees": "rejects"}
_NEGATION = re.compile(r"\b(?:not|n't|never|no longer)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_PATTERNS = [(stance, re.compile(rf"\b(?:{p})", re.IGNORECASE)) for stance in STANCES for p in _CUES.get(stance, [])]


def stance_cues(sentence: str) -> list[tuple[str, int, int]]:
    """(stance, start, end) of every cue in ``sentence`` (offsets into it), overlaps resolved in
    favour of the longer cue."""
    found = []
    for stance, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            stance_here = stance
            if _NEGATION.search(sentence[max(0, m.start() - 30):m.start()]) and not m.group().lower().startswith(
                    ("not ", "no ", "do not", "does not", "cannot", "can't", "won't", "will not")):
                stance_here = _FLIP.get(stance)
                if stance_here is None:
                    continue
            found.append((stance_here, m.start(), m.end()))
    found.sort(key=lambda f: (-(f[2] - f[1]), f[1]))
    kept: list[tuple[str, int, int]] = []
    for f in found:
        if not any(k[1] < f[2] and f[1] < k[2] for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f[1])

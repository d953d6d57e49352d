"""Speaker labels, stage directions and times at the start of a paragraph.

A label is told apart from a sentence that merely has a colon by its shape: question labels
(``Q``, ``Q:``, ``Question:``, ``Reporter:``), upper-case labels (``PRESIDENT BIDEN:``,
``MS. JEAN-PIERRE:``), and names in title case, optionally with a role or an outlet after a comma
(``Sergey Lavrov:``, ``Mr. Taro Kono, Minister for Foreign Affairs:``, ``Abe, Asahi Shimbun:``).
Possessives (``Lavrov’s Doctrine:``), sentence openers (``This is why:``) and header words
(``Note:``) are not labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUESTION_WORDS = {"q", "q.", "question", "questions", "reporter", "journalist", "press", "media", "interviewer",
                  "follow-up", "follow up"}
# people who run or interrupt the event rather than speak in it: their turns are "other" segments
PROCEDURAL_WORDS = {"moderator", "operator", "the moderator", "the operator", "host", "chair", "chairman",
                    "presenter", "announcer", "master of ceremonies", "mc", "interpreter", "translator",
                    "audience member", "audience", "participant", "participants", "aide", "staff"}
NOT_LABELS = {
    "note", "notes", "update", "updated", "source", "sources", "correction", "editor's note", "editor’s note",
    "photo", "photos", "video", "watch", "read more", "related", "advertisement", "subject", "topic", "re",
    "from", "to", "date", "cc", "ps", "p.s", "p.s.", "tags", "tag", "category", "categories", "posted",
    "posted by", "filed under", "share", "summary", "background", "example", "answer", "warning", "disclaimer",
    "end", "title", "location", "time", "place", "venue", "transcript", "link", "links", "url", "caption",
    "credit", "image", "reply", "quote", "edit", "translation", "original", "lol", "fact", "facts", "ps2",
    "conclusion", "bottom line", "moral", "lesson", "question for you", "mission", "result", "results",
    "conditions", "definition", "problem", "solution", "reason", "reasons", "why", "how", "what", "so",
}
# words that open sentences rather than names
SENTENCE_OPENERS = {
    "the", "this", "that", "these", "those", "it", "its", "we", "i", "my", "our", "your", "his", "her",
    "their", "they", "he", "she", "you", "there", "here", "what", "why", "how", "when", "where", "who",
    "which", "if", "but", "and", "or", "so", "as", "in", "on", "at", "for", "with", "by", "of", "to", "from",
    "one", "two", "three", "all", "some", "many", "most", "no", "not", "yes", "well", "now", "then", "also",
    "a", "an", "let", "please", "thanks", "thank", "dear", "hi", "hello", "today", "yesterday", "tomorrow",
    "first", "second", "third", "finally", "again", "still", "just", "only", "even", "every", "each",
}
ROLE_WORDS = {
    "minister", "secretary", "president", "vice", "prime", "ambassador", "spokesperson", "spokesman",
    "spokeswoman", "adviser", "advisor", "director", "chairman", "chair", "chairwoman", "officer", "deputy",
    "governor", "chancellor", "king", "queen", "premier", "senator", "representative", "general", "admiral",
    "commissioner", "administrator", "counselor", "counsellor", "coordinator", "envoy", "press", "official",
    "head", "leader", "mayor", "councillor", "foreign", "affairs", "defence", "defense", "state", "ministry",
    "department", "office", "cabinet", "chief", "speaker", "consul", "attaché", "undersecretary",
}
MEDIA_WORDS = {
    "shimbun", "news", "times", "post", "tv", "television", "radio", "agency", "reuters", "afp", "ap",
    "bloomberg", "cnn", "bbc", "nhk", "kyodo", "xinhua", "tass", "ria", "novosti", "journal", "daily",
    "herald", "tribune", "gazette", "broadcasting", "channel", "media", "magazine", "press", "jiji",
    "yomiuri", "asahi", "mainichi", "nikkei", "sankei", "interfax", "izvestia", "kommersant", "rt",
    "sputnik", "fox", "nbc", "abc", "cbs", "npr", "pbs", "wire", "newspaper", "network", "bureau",
    "economist", "guardian", "telegraph", "monde", "spiegel", "zdf", "ard", "dw", "al", "jazeera", "yonhap",
    "telecast", "correspondent",
}
NAME_PARTICLES = {"de", "da", "di", "del", "der", "den", "van", "von", "bin", "bint", "ibn", "al", "el", "la",
                  "le", "du", "dos", "das", "ben", "abu", "of", "for", "and", "the", "on", "to", "in"}
HONORIFICS = {"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "prof", "prof.", "h.e.", "sir", "dame",
              "madam", "mme", "mme.", "m.", "herr", "frau", "gen.", "adm.", "sen.", "rep.", "amb."}

# A paragraph starting "Q" then spaces or a colon (White House: "Q    Thanks, Jake.")
_Q_LABEL = re.compile(r"Q(?:\s*[:.]\s*|[ \t]+)(?=\S)|Q\s*:?\s*$")
_COLON_LABEL = re.compile(r"(?P<label>[^\n:]{1,100}?)[ \t]*:(?:[ \t]+|$)")
_CAPS_LABEL = re.compile(r"[A-Z][A-Z.'’\- ]*[A-Z.]|[A-Z]")
_WORD = re.compile(r"[^\s,]+")
_POSSESSIVE = re.compile(r"[’']s\b", re.IGNORECASE)
STAGE_DIRECTION = re.compile(r"[(\[][^()\[\]\n]{1,80}[)\]]\.?")
TIME_LINE = re.compile(
    r"(?:END\s+)?\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?(?:\s+[A-Z]{2,5})?\.?|END\.?|\*{3}|#{3}|-{3,}"
)


@dataclass(frozen=True)
class Label:
    """A speaker label at the start of a paragraph."""

    kind: str  # "question", "procedural" (moderator, interpreter, audience) or "speaker"
    text: str  # the label as written, without the colon
    name: str | None  # the speaker's name, readable ("PRESIDENT BIDEN" -> "President Biden")
    end: int  # offset (within the paragraph) where the turn's own words begin
    strong: bool  # a shape that is rarely anything but a label


def match_label(paragraph: str) -> Label | None:
    """The speaker label that opens ``paragraph``, if any."""
    m = _Q_LABEL.match(paragraph)
    if m:
        return Label("question", "Q", None, m.end(), True)
    m = _COLON_LABEL.match(paragraph)
    if not m:
        return None
    raw = m.group("label").strip()
    if not raw or not raw[0].isupper():
        return None
    low = raw.lower().rstrip(".")
    if low in QUESTION_WORDS or raw.lower() in QUESTION_WORDS:
        return Label("question", raw, None, m.end(), True)
    if low in PROCEDURAL_WORDS:
        return Label("procedural", raw, readable_name(raw), m.end(), True)
    if low in NOT_LABELS or _POSSESSIVE.search(raw) or any(c in raw for c in '"“”!?;()[]{}<>=/\\|@#$%&*+~'):
        return None
    if _CAPS_LABEL.fullmatch(raw) and len(raw.split()) <= 7 and len(raw) >= 2 and not raw.isdigit():
        kind = _caps_kind(raw)
        strong = len(raw.split()) >= 2 or kind == "procedural"
        return Label(kind, raw, readable_name(raw), m.end(), strong)
    return _title_case_label(raw, m.end())


def _caps_kind(raw: str) -> str:
    low = raw.lower().rstrip(".")
    return "procedural" if low in PROCEDURAL_WORDS else "speaker"


def _title_case_label(raw: str, end: int) -> Label | None:
    """``Sergey Lavrov``, ``Mr. Taro Kono, Minister for Foreign Affairs``, ``Abe, Asahi Shimbun``."""
    name_part, _, rest = raw.partition(",")
    words = _WORD.findall(name_part)
    if not words or len(words) > 6 or words[0].lower() in SENTENCE_OPENERS:
        return None
    if words[0].lower() in NOT_LABELS:
        return None
    if not all(_name_word(w) for w in words):
        return None
    capitals = [w for w in words if w[0].isupper()]
    if not capitals:
        return None
    rest_words = [w.lower().strip(".") for w in _WORD.findall(rest)]
    if len(rest_words) > 12:
        return None
    if rest and rest_words and not all(w[0].isupper() or w in NAME_PARTICLES for w in _WORD.findall(rest)):
        return None
    name = " ".join(words)
    if rest_words and set(rest_words) & MEDIA_WORDS and not set(rest_words) & (ROLE_WORDS - {"press"}):
        # "Abe, Asahi Shimbun": a journalist asking
        return Label("question", raw, name, end, True)
    role = bool(set(rest_words) & ROLE_WORDS) or any(w.lower() in ROLE_WORDS for w in words)
    honorific = words[0].lower() in HONORIFICS
    strong = role or (honorific and len(words) >= 2)
    return Label("speaker", raw, name, end, strong)


def _name_word(word: str) -> bool:
    low = word.lower()
    if low in NAME_PARTICLES or low in HONORIFICS:
        return True
    if re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)*", word):  # initials
        return True
    return bool(re.fullmatch(r"[A-ZÀ-ÞĀ-ſ][\w'’.\-]*", word)) and not word.isdigit()


_SMALL = {"of", "for", "the", "and", "on", "to", "in", "at", "de", "von", "van", "da", "del"}


def readable_name(label: str) -> str:
    """An upper-case label in the case a reader expects; other labels are kept as written."""
    if not label.isupper():
        return label.strip()
    words = []
    for i, word in enumerate(label.split()):
        low = word.lower()
        if i and low in _SMALL:
            words.append(low)
            continue
        words.append(re.sub(r"(^|[-'’.])(\w)", lambda m: m.group(1) + m.group(2).upper(), low))
    return " ".join(words)


def stage_direction(paragraph: str) -> re.Match | None:
    """A whole paragraph that is a stage direction such as ``(Laughter.)`` or ``[Applause]``."""
    return STAGE_DIRECTION.fullmatch(paragraph.strip())


def leading_direction(text: str) -> re.Match | None:
    """A stage direction opening a turn, as in ``PRIME MINISTER KISHIDA:  (As interpreted.)  ...``."""
    return STAGE_DIRECTION.match(text)


def time_line(paragraph: str) -> bool:
    """A paragraph that is only a time or an end marker (``6:22 P.M. EST``, ``END``)."""
    return bool(TIME_LINE.fullmatch(paragraph.strip()))


def starts_turn(line: str) -> bool:
    """Whether ``line`` opens a new speaker turn (used by readers to keep turns apart when reflowing)."""
    label = match_label(line)
    return label is not None and label.strong

"""Roles read from the text around a name: "Foreign Minister of Japan Taro Kono", "Russian President
Vladimir Putin", "Katsuyuki Kawai, Special Adviser for Foreign Affairs to President of the Liberal
Democratic Party", and the titles of speaker labels ("Prime Minister Kishida", "Ms. Jean-Pierre")."""

from __future__ import annotations

import re

#: the head words of a post; the post must contain one of them
ROLE_HEADS = ("minister", "president", "secretary", "secretary-general", "adviser", "advisor", "ambassador",
              "chancellor", "representative", "spokesman", "spokeswoman", "spokesperson", "premier", "governor",
              "senator", "king", "queen", "emir", "director", "coordinator", "chairman", "chair", "speaker",
              "leader", "envoy", "administrator", "general", "admiral", "commander", "mayor", "senator",
              "congressman", "congresswoman", "lawmaker", "deputy", "counselor", "counsellor", "chief")
HONORIFICS = ("mr", "mrs", "ms", "miss", "dr", "sir", "madam", "madame", "h.e", "prof")
_WORD = r"(?:[A-Z][\w’'.-]*|of|for|to|the|and|on)"
#: a run of title words ending right before a name
LEFT_ROLE = re.compile(rf"((?:{_WORD}[ \t]+)*{_WORD})[ \t]+$")
#: ", Special Adviser for ... " right after a name
RIGHT_ROLE = re.compile(rf"^,[ \t]+((?:{_WORD}[ \t]+)*{_WORD})(?=[ \t]*[,.;:)\n]|[ \t]+[a-z]|$)")
_SMALL = {"of", "for", "to", "the", "and", "on"}


def has_head(words: list[str]) -> bool:
    return any(w.lower().strip(".,") in ROLE_HEADS for w in words)


def role_before(text: str, start: int) -> tuple[int, str] | None:
    """(start offset, words) of a post written just before ``start`` ("Foreign Minister of Japan")."""
    line_start = text.rfind("\n", 0, start) + 1
    window_start = max(line_start, start - 160)
    match = LEFT_ROLE.search(text, window_start, start)
    if not match or match.end() != start:
        return None
    words = match.group(1).split()
    # the run may begin with words that belong to the sentence, not the post: cut to the first title word
    while words and (words[0].lower() in _SMALL or not (words[0][:1].isupper())):
        words.pop(0)
    first = _first_role_word(words)
    if first is None:
        return None
    words = words[first:]
    if not has_head(words) or words[-1].lower() in _SMALL:
        return None
    phrase = " ".join(words)
    return text.rfind(phrase, window_start, start), phrase


def _first_role_word(words: list[str]) -> int | None:
    """Index where the post starts: skip a sentence-initial word that is neither a title nor a
    nationality ("Yesterday Foreign Minister ..." keeps "Foreign Minister ...")."""
    for i, word in enumerate(words):
        if word.lower() in ROLE_HEADS or word.lower() in _TITLE_MODIFIERS or word[:1].isupper():
            return i
    return None


_TITLE_MODIFIERS = {"foreign", "prime", "deputy", "vice", "first", "special", "senior", "principal", "acting",
                    "press", "national", "security", "defense", "defence", "finance", "chief", "cabinet"}


def role_after(text: str, end: int) -> tuple[int, str] | None:
    """(end offset, words) of a post written just after ``end`` (", Special Adviser ... Party")."""
    match = RIGHT_ROLE.match(text[end:end + 200])
    if not match:
        return None
    words = match.group(1).split()
    while words and words[-1].lower() in _SMALL:
        words.pop()
    if not words or not has_head(words[:3]):
        return None
    phrase = " ".join(words).rstrip(".,")
    return end + match.start(1) + len(phrase), phrase


def split_label(name: str) -> tuple[str | None, str]:
    """A speaker label's title and name: "Prime Minister Kishida" -> ("Prime Minister", "Kishida"),
    "Ms. Jean-Pierre" -> (None, "Jean-Pierre"), "The President" -> ("President", "")."""
    words = name.replace(",", " ").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    title: list[str] = []
    while words and (words[0].lower() in ROLE_HEADS or words[0].lower() in _TITLE_MODIFIERS
                     or words[0].lower() in ("vice", "surgeon", "acting", "administrator", "secretary", "of", "the")):
        title.append(words.pop(0))
    if not words and title:
        return " ".join(title), ""
    return (" ".join(title) or None), " ".join(words)


def named_in_title(title: str | None, surname: str) -> tuple[str, str | None] | None:
    """(full name, post) when a document title names a speaker in full: "Press Briefing by Press
    Secretary Karine Jean-Pierre" gives ("Karine Jean-Pierre", "Press Secretary") for "Jean-Pierre"."""
    if not title or not surname:
        return None
    text = " ".join(title.replace("\u00a0", " ").replace("\\_", " ").split())
    words = r"((?:(?:[A-Z][\w.’'-]*|for|of|the|on)\s+){1,8}?)"
    match = re.search(words + rf"([A-Z][\w’'-]*\s+(?:[A-Z]\.\s+)?){re.escape(surname)}\b", text)
    if not match:
        return None
    given = match.group(2).split()
    if given[0].lower() in ROLE_HEADS or given[0].lower() in _TITLE_MODIFIERS:
        return None
    post = match.group(1).split()
    while post and post[0].lower() in ("by", "and", "remarks", "with", "of", "for", "the", "on"):
        post.pop(0)
    for cut, word in enumerate(post):
        if word.lower() in ("by", "and") or word.endswith(","):
            post = post[cut + 1:]
    return " ".join([*given, surname]), (" ".join(post) if post and has_head(post) else None)

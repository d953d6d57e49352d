"""Reader comments in plain text: where each comment starts and ends.

Two layouts are recognised. When comments carry header lines (``name July 7, 2012 at 12:27 am``),
each header opens a comment and gives its author and time. Otherwise each paragraph is a comment
unless it continues the one before: a paragraph after a greeting or lead-in that ends in a comma or a
colon ("Ooops,", "Indeed,"), one that starts in lower case, a numbered list and its items, the
reply that follows a quotation, one that opens with a connective or a pronoun pointing back ("Which
is ...", "That is why ...", "It’s up to ...") unless the paragraph before asked a question, and a short
sign-off ("Thanks in advance.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .paragraphs import Paragraph

_MONTHS = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
           r"oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre)"
           r"[a-zé]*\.?")
_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\.?\s+{_MONTHS}\s+\d{{4}}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)
_SAYS = re.compile(r"\b(?:says|said|wrote|writes|schreibt|schrieb|a écrit|dice)\s*:?\s*$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"\(?(\d{1,2}|[a-h])[).]\s+\S|[-*•]\s+\S")
_SIGN_OFF = re.compile(
    r"(?:thanks|thank you|thanks in advance|cheers|regards|best regards|best|greetings|peace|"
    r"just my two cents|my two cents|just saying|sincerely)[.!…]*",
    re.IGNORECASE,
)
# openers that carry the previous paragraph on: connectives, and pronouns that point back to it
_CONTINUES = re.compile(
    r"(?:and|but|so|which|more so|that is why|that[’']s why|this is why|that will|that would|unless|either way|"
    r"moreover|furthermore|also|however|meaning|then again|similarly|whereas|in addition|besides|otherwise|"
    r"therefore|thus|hence|still|yet|plus|or|because|especially|not to mention|after all|in other words|"
    r"anyway|meanwhile|instead|while|it[’']s|it is|that[’']s|they|they[’']re|they are)\b",
    re.IGNORECASE,
)
_QUOTES_OPEN = "\"“”„«‘’'"
_QUOTES_CLOSE = "\"“”»’'"


@dataclass(frozen=True)
class CommentHeader:
    author: str | None
    time: str | None


def comment_header(paragraph: str) -> CommentHeader | None:
    """A short line naming a commenter and a date or time, as web pages print above each comment."""
    if len(paragraph) > 120 or len(paragraph.split()) > 14:
        return None
    m = _DATE.search(paragraph) or _CLOCK.search(paragraph)
    says = _SAYS.search(paragraph)
    if not m and not says:
        return None
    cut = m.start() if m else says.start()
    author = re.sub(r"(?:\s+(?:on|am|le|il|el|at|\||-|–|—|,))+\s*$", "", paragraph[:cut].strip(" |-–—,:"))
    author = author.strip() or None
    if m and paragraph[m.end():].strip(" .,|") and not _CLOCK.fullmatch(paragraph[m.end():].strip(" .,|")):
        rest = paragraph[m.end():].strip(" .,|")
        if len(rest.split()) > 4 and not _SAYS.search(rest):
            return None  # a sentence that mentions a date, not a header
    time = m.group(0) if m else None
    if m and (clock := _CLOCK.search(paragraph, m.end())):
        time = paragraph[m.start():clock.end()]
    return CommentHeader(author, time)


@dataclass
class PlainComment:
    start: int
    end: int
    author: str | None = None
    time: str | None = None


def split_comments(paragraphs: list[Paragraph]) -> list[PlainComment]:
    """Group the paragraphs of a discussion into comments."""
    headers = [comment_header(p.text) for p in paragraphs]
    if sum(h is not None for h in headers) >= 2:
        return _by_headers(paragraphs, headers)
    comments: list[PlainComment] = []
    previous: Paragraph | None = None
    for para in paragraphs:
        if previous is not None and comments and continues(previous.text, para.text):
            comments[-1].end = para.end
        else:
            comments.append(PlainComment(para.start, para.end))
        previous = para
    return comments


def _by_headers(paragraphs: list[Paragraph], headers: list[CommentHeader | None]) -> list[PlainComment]:
    """Each header opens a comment; the paragraphs after it, up to the next header, are its text."""
    comments: list[PlainComment] = []
    for para, header in zip(paragraphs, headers, strict=True):
        if header is not None or not comments:
            author, time = (header.author, header.time) if header else (None, None)
            comments.append(PlainComment(para.start, para.end, author, time))
        else:
            comments[-1].end = para.end
    return comments


def continues(previous: str, current: str) -> bool:
    """Whether ``current`` carries on the comment that ``previous`` belongs to."""
    prev = previous.rstrip()
    if not prev:
        return False
    if prev[-1] in ",:;" or prev.endswith(("—", "–", "-")):
        return True  # a greeting or lead-in: "Ooops,", "Indeed,", "... made me lose sleep:"
    first = current.lstrip()[:1]
    if first.islower():
        return True  # a sentence carried over a line break
    if _LIST_ITEM.match(current) and (_LIST_ITEM.match(prev) or not prev.endswith("?")):
        return True  # a list goes with the paragraph that introduces it, and its items together
    if _is_quotation(prev):
        return True  # the reply to a quoted passage
    if _CONTINUES.match(current) and not prev.endswith("?"):
        return True  # "Which is ...", "That is why ...", "It’s up to Japan ..."
    return bool(_SIGN_OFF.fullmatch(current.strip()))


def _is_quotation(text: str) -> bool:
    return len(text) > 20 and text[0] in _QUOTES_OPEN and text.rstrip(".")[-1] in _QUOTES_CLOSE

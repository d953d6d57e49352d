"""Links in reader comments: every URL exactly as written, with its offsets, and its registered domain.

A URL starts with ``http://``, ``https://`` or ``www.`` and runs to the next whitespace; closing
punctuation that ends the sentence rather than the address (``.,;:!?)]}'"`` and typographic quotes)
is trimmed, except a ``)`` that closes a ``(`` inside the URL. Comments often glue a URL to the
preceding word ("bans……https://..."), so a URL may start in the middle of a token.

The registered domain ("dissidentvoice.org", "bbc.co.uk") comes from the Public Suffix List snapshot
bundled with the ``tld`` package (read from disk; never updated at run time, so nothing is fetched).
Links through Google's AMP cache (``google.com/amp/s/amp.theguardian.com/...``) name the publisher
inside their path; the publisher's domain is reported instead of google.com, since that is whose
content the commenter cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”‘’«»]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'…"
#: wrappers whose path holds the real host: google.com/amp/s/HOST/... and google.com/amp/HOST/...
_AMP = re.compile(r"^(?:https?://)?(?:www\.)?google\.[a-z.]+/amp/(?:s/)?([^/?#]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """A URL as written in the text, its offsets into the text it was found in, and its domain."""

    url: str
    start: int
    end: int
    domain: str | None


def find_links(text: str, offset: int = 0) -> list[Link]:
    """Every URL in ``text`` in order of appearance; offsets are shifted by ``offset``."""
    links = []
    for match in _URL.finditer(text):
        url = _trim(match.group())
        if len(url) <= len("www."):
            continue
        start = match.start() + offset
        links.append(Link(url, start, start + len(url), registered_domain(url)))
    return links


def _trim(url: str) -> str:
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def registered_domain(url: str) -> str | None:
    """The registered domain of ``url`` (publisher's for AMP-cache links), or None if it has none."""
    amp = _AMP.match(url)
    if amp and "." in amp.group(1):
        return _first_level_domain(amp.group(1).lower())
    host = re.sub(r"^(?:https?://)", "", url, flags=re.IGNORECASE).split("/", 1)[0]
    host = host.split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0].lower()
    return _first_level_domain(host)


@lru_cache(maxsize=4096)
def _first_level_domain(host: str) -> str | None:
    from tld import get_fld  # bundled suffix list; get_fld never downloads unless asked to update

    if not host or "." not in host:
        return None
    return get_fld(host, fail_silently=True, fix_protocol=True)

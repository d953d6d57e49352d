"""The catalogue of treaties and legal instruments shipped with parley (``resources/instruments.json``).

Each entry has a canonical id (a slug ending in the year, e.g. ``soviet-japanese-joint-declaration-1956``),
a name, a kind (treaty, declaration, convention, charter, agreement, resolution, ...), the date it was
signed (or adopted / opened for signature), its parties, and the ways texts name it:

- ``names`` match case-insensitively, with any dash, apostrophe, spacing or line break, and "US" also
  matching "U.S." and "United States";
- ``abbreviations`` ("NPT", "JCPOA") match case-sensitively, as whole words;
- ``cued_names``: names too ambiguous on their own ("the Paris agreements"), trusted only with a cue;
- ``cues``: words of which one must appear in the document before a contextual form ("the 1956
  Declaration") is resolved to the entry — or before any of its names is trusted when ``gated``;
- ``descriptions``: regular expressions for phrases that describe the instrument without naming it,
  trusted only when one of ``describe_cues`` appears in the document.

UN Security Council and General Assembly resolutions carry ``body`` and ``number``; a resolution
cited by a number not in the catalogue still gets the id ``unsc-resolution-N`` / ``unga-resolution-N``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

_DASH = r"[-\u2010\u2011\u2012\u2013\u2014\s]\s*"
_US = r"(?:US|U\.\s?S\.?|USA|United\s+States(?:\s+of\s+America)?)"


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str
    date: str | None
    parties: tuple[str, ...]
    wikidata: str | None
    names: tuple[str, ...]
    abbreviations: tuple[str, ...]
    cues: tuple[str, ...] = ()
    gated: bool = False
    cued_names: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    describe_cues: tuple[str, ...] = ()
    body: str | None = None
    number: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@dataclass
class Catalogue:
    entries: dict[str, Entry]
    #: one alternation over every name (case-insensitive), longest first; and over abbreviations
    names: re.Pattern
    abbreviations: re.Pattern
    #: (compiled full-match pattern, entry id), longest name first, to tell which name matched
    name_patterns: list[tuple[re.Pattern, str]] = field(default_factory=list)
    abbreviation_ids: dict[str, str] = field(default_factory=dict)
    name_ids: dict[str, str] = field(default_factory=dict)
    #: keys (``name_key``) of names trusted only when one of their entry's cues is in the document
    cued_keys: frozenset[str] = frozenset()
    by_resolution: dict[tuple[str, str], str] = field(default_factory=dict)

    def identify(self, matched: str) -> str | None:
        """The id of the entry one of whose names ``matched`` is."""
        entry_id = self.name_ids.get(name_key(matched))
        if entry_id is not None:
            return entry_id
        for pattern, entry_id in self.name_patterns:
            if pattern.fullmatch(matched):
                return entry_id
        return None


def name_units(name: str) -> list[str]:
    """A written name as regular-expression units: one per character of a word, and one for each
    flexible part (spacing, dashes, apostrophes, "US" also written "U.S." or "United States")."""
    units: list[str] = []
    for token in re.findall(r"\s+|[-\u2013\u2014]|['\u2019]|[^\s\-\u2013\u2014'\u2019]+", name):
        if token.isspace():
            units.append(r"\s+")
        elif token in "-\u2013\u2014":
            units.append(_DASH)
        elif token in "'\u2019":
            units.append("['\u2019]")
        elif token in ("US", "U.S."):
            units.append(_US)
        else:
            units.extend(re.escape(c.lower()) for c in token)
    return units


def name_pattern(name: str) -> str:
    """A regular expression for one written name (match it case-insensitively)."""
    return "".join(name_units(name))


def trie_pattern(sequences: list[list[str]]) -> str:
    """One regular expression for many unit sequences, factored on common prefixes so that the
    regex engine tries a handful of branches at each position instead of every name."""
    trie: dict = {}
    for units in sequences:
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[""] = {}  # end of a name

    def render(node: dict) -> str:
        ends = "" in node
        branches = [unit + render(child) for unit, child in sorted(node.items()) if unit]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a shorter name ends here: the longer continuation is tried first (greedy "?")
            return "(?:" + body + ")?"
        return body

    return render(trie)


def name_key(text: str) -> str:
    """A written name reduced for lookup: lower case, one space for any run of spaces and dashes."""
    return re.sub(r"[\s\-\u2010-\u2014]+", " ", text.lower()).replace("\u2019", "'")


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The shipped catalogue, compiled once per process."""
    path = resources.files("parley.resources") / "instruments.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    entries: dict[str, Entry] = {}
    for item in raw["instruments"]:
        entries[item["id"]] = Entry(
            id=item["id"], name=item["name"], kind=item["kind"], date=item.get("date"),
            parties=tuple(item.get("parties") if isinstance(item.get("parties"), list) else [item.get("parties")]),
            wikidata=item.get("wikidata"), names=tuple(item.get("names", ())),
            abbreviations=tuple(item.get("abbreviations", ())), cues=tuple(item.get("cues", ())),
            gated=bool(item.get("gated", False)), cued_names=tuple(item.get("cued_names", ())),
            descriptions=tuple(item.get("descriptions", ())),
            describe_cues=tuple(item.get("describe_cues", ())), body=item.get("body"), number=item.get("number"))
    named = sorted(((n, e.id) for e in entries.values() for n in e.names + e.cued_names),
                   key=lambda p: (-len(p[0]), p[0]))
    name_patterns = [(re.compile(name_pattern(n), re.IGNORECASE), i) for n, i in named]
    alternation = trie_pattern([name_units(n) for n, _ in named])
    names = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])", re.IGNORECASE)
    abbreviated = sorted(((a, e.id) for e in entries.values() for a in e.abbreviations), key=lambda p: -len(p[0]))
    abbreviations = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a, _ in abbreviated) + r")(?![\w-])")
    by_resolution = {(e.body, e.number): e.id for e in entries.values() if e.body and e.number}
    name_ids = {name_key(n): i for n, i in reversed(named)}
    cued_keys = frozenset(name_key(n) for e in entries.values() for n in e.cued_names)
    return Catalogue(entries, names, abbreviations, name_patterns=name_patterns, abbreviation_ids=dict(abbreviated),
                     by_resolution=by_resolution, name_ids=name_ids, cued_keys=cued_keys)

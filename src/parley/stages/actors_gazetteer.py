"""The shipped actor gazetteer (``resources/gazetteer.json``, built by ``training/build_gazetteer.py``):
loading, a token index of every name, and who held which post on a given date.

Names are matched on word tokens (``\\w+`` runs, hyphens kept inside words, every other character its
own token), lower-cased, so "U.S." and "Japan's" tokenise the same way in the gazetteer and the text.
Case is checked against the text afterwards (see :func:`case_fits`): an acronym must be written in
capitals, any other name word must start with a capital (small words such as "of" excepted).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

TOKEN = re.compile(r"\w+(?:[-‐]\w+)*|[^\w\s]")
SMALL_WORDS = {"of", "the", "and", "for", "de", "d", "l", "da", "do", "dos", "del", "di", "du", "des", "la", "le",
               "van", "von", "der", "al", "el", "bin", "ibn", "on", "in", "to", "y", "e", "from"}
MAX_TOKENS = 10
#: roles by source, most trusted first: our supplement, the UN speaker list, the 2014 Phoenix snapshot
SOURCE_RANK = {"s": 0, "u": 1, "p": 2}
#: single words that are people's names in the dictionaries but mostly something else in prose
_NOT_A_NAME_ALONE = {"king", "queen", "president", "premier", "prince", "chairman", "pope", "bishop", "general",
                     "will", "may", "rose", "grant", "bush", "rice", "brown", "white", "black", "young", "long",
                     "hope", "price", "mark", "bill", "justice", "love", "strong", "little", "moon", "sun", "ban",
                     "duke", "lord", "good", "best", "hall", "park", "lee", "kim", "singh", "khan", "wang", "li",
                     "zhang", "chen", "liu", "ali", "hassan", "ahmed", "said", "mohammed", "smith", "jones"}


def fold(text: str) -> str:
    """Lower case without accents, with typographic apostrophes and hyphens plain: the key names are compared on
    ("People’s Republic" is "People's Republic")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("‐", "-") \
        .replace("’", "'").replace("‘", "'")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) for every token of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def name_key(text: str) -> tuple[str, ...]:
    return tuple(fold(t) for _, _, t in tokens(text))


@dataclass(frozen=True)
class Entry:
    """One thing a name can point at: a state (or one of its places), an organisation or a person."""

    kind: str  # state, place, organization, person
    ref: str | int  # ISO code for state/place, list index for organization/person
    form: str = ""  # name, demonym, metonym (states) — how the state was named


@dataclass
class Gazetteer:
    states: dict
    organizations: list
    people: list
    role_sectors: dict
    index: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    surface: dict[tuple[str, ...], str] = field(default_factory=dict)  # key -> a written form (for case checks)
    surnames: dict[str, list[int]] = field(default_factory=dict)

    def add(self, name: str, entry: Entry) -> None:
        k = name_key(name)
        if not k or len(k) > MAX_TOKENS:
            return
        entries = self.index.setdefault(k, [])
        if entry not in entries:
            entries.append(entry)
        have = self.surface.get(k)
        if have is None or (_shouting(have) and not _shouting(name)):  # "Askar Akayev" over "Askar AKAYEV"
            self.surface[k] = name

    # -- people ------------------------------------------------------------------------------------
    def person_roles(self, index: int, date: str | None) -> list[list]:
        """The person's roles held on ``date`` (all roles when ``date`` is None), most trusted first."""
        roles = self.people[index]["roles"]
        if date:
            roles = [r for r in roles if (r[3] is None or r[3][:len(date)] <= date) and
                     date <= _end(r[4] or OPEN_END.get(r[5], "9999-12-31"))]
        return sorted(roles, key=lambda r: (r[0] is None, SOURCE_RANK.get(r[5], 9), -(int((r[3] or "0")[:4]))))

    def person_facts(self, index: int, date: str | None) -> tuple[str | None, str | None, str | None]:
        """(country, sector, role) of a person on ``date``; without a date, their most recent titled role."""
        person = self.people[index]
        held = self.person_roles(index, date) if date else sorted(
            person["roles"], key=lambda r: (r[0] is None, SOURCE_RANK.get(r[5], 9), -(int((r[3] or "0")[:4]))))
        titled = next((r for r in held if r[0]), None)
        first = titled or (held[0] if held else None)
        if first is None:
            return person["country"], person.get("sector"), None
        sector = first[2] if first[2] not in (None, "ELI") or not person.get("sector") else person["sector"]
        return first[1] or person["country"], sector, titled[0] if titled else None

    def best_person(self, candidates: list[int], date: str | None, title: str | None = None,
                    countries: set[str] | frozenset = frozenset()) -> int | None:
        """The likeliest of several people sharing a name: one in post on ``date`` (whose post matches
        ``title`` if given), one of a country the document names, the best documented."""
        if not candidates:
            return None

        def score(i: int) -> tuple:
            held = self.person_roles(i, date) if date else []
            titled = [r for r in held if r[0]]
            fits_title = bool(title) and any(fold(title) in fold(r[0]) for r in self.people[i]["roles"] if r[0])
            held_title = bool(title) and any(fold(title) in fold(r[0]) for r in titled)
            supplement = any(r[5] == "s" for r in self.people[i]["roles"])
            return (held_title, bool(held), fits_title, self.people[i]["country"] in countries, supplement,
                    len(self.people[i]["roles"]), -i)

        return max(candidates, key=score)


#: a role left open in a dated snapshot is only trusted up to the snapshot: Phoenix ("p") is from 2014
OPEN_END = {"p": "2015-12-31"}


def _shouting(name: str) -> bool:
    """A name written with a long word in capitals ("Askar AKAYEV", as speaker lists write surnames)."""
    return any(len(w) >= 5 and w.isupper() for w in re.findall(r"\w+", name))


def _end(value: str) -> str:
    """The last day a partial date (``2019``, ``2019-09``) covers, for comparisons."""
    return value + "-99-99"[len(value) - 4:] if len(value) < 10 else value


def case_fits(written: list[str], surface: str) -> bool:
    """Whether the words as written in the text fit a gazetteer name's case."""
    expected = [t for _, _, t in tokens(surface)]
    for i, (word, want) in enumerate(zip(written, expected, strict=False)):
        if not word[:1].isalpha() or word == want or (word == "s" and i > 0 and written[i - 1] in ("'", "\u2019")):
            continue  # written as in the gazetteer, or the "s" of a possessive ("People's")
        if want.isupper() and len(want) > 1:  # an acronym: "UN", "NATO", "US"
            if word != want:
                return False
        elif fold(word) in SMALL_WORDS:
            if word[:1].isupper() and i > 0 and not all(w.isupper() for w in written if w[:1].isalpha()) \
                    and want[:1].islower():
                continue
        elif not word[:1].isupper() and not (fold(word.split("-")[0]) in SMALL_WORDS and "-" in word
                                             and word.split("-")[-1][:1].isupper()):  # "al-Qaeda"
            return False
    return True


#: countries whose people's names are written family name first in English news
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM", "MNG"}

_GAZETTEER: Gazetteer | None = None


def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer with its name index; built once per process."""
    global _GAZETTEER
    if _GAZETTEER is None:
        raw = json.loads((resources.files("parley.resources") / "gazetteer.json").read_text(encoding="utf-8"))
        gaz = Gazetteer(raw["states"], raw["organizations"], raw["people"], raw["role_sectors"])
        for code, state in gaz.states.items():
            for name in state["places"]:
                gaz.add(name, Entry("place", code))
        for i, person in enumerate(gaz.people):
            supplement = any(r[5] == "s" for r in person["roles"])
            for name in person["variants"]:
                words = name_key(name)
                if len(words) == 1 and not supplement:
                    continue  # a lone surname from the dictionaries: only when spaCy calls it a person
                gaz.add(name, Entry("person", i))
            words = [w for w in name_key(person["name"]) if w not in (".", ",")] if person["name"] else []
            # family name last ("Taro Kono"), or first in Chinese, Korean and Vietnamese names ("Xi Jinping", "Moon
            # Jae-in") and in our supplement's three-word East Asian names ("Lee Hsien Loong")
            first = len(words) > 1 and (person.get("country") in FAMILY_NAME_FIRST or (supplement and len(words) == 3))
            for family in {words[-1], words[0]} if first else set(words[-1:]):
                gaz.surnames.setdefault(family, []).append(i)
        for i, org in enumerate(gaz.organizations):
            for name in org["variants"]:
                gaz.add(name, Entry("organization", i))
        for code, state in gaz.states.items():  # states last: they win ties (see Entry order in lookup)
            for form in ("names", "demonyms", "metonyms"):
                for name in state[form]:
                    gaz.add(name, Entry("state", code, form[:-1]))
        _GAZETTEER = gaz
    return _GAZETTEER

"""The actors stage: who and what is named, for which country, in what role, and who is speaking.

Mentions are gathered from every segment (comments included), in this order of trust:

1. the shipped gazetteer (``resources/gazetteer.json``): states by name, demonym (and its plural) or
   metonym ("Japan", "Japanese", "Albanians", "Tokyo", "the Kremlin"), organisations ("UN", "Liberal
   Democratic Party", armed groups such as "Hezbollah" with their country), people with dated posts;
   place names ("Okinawa") are recognised and deliberately not actors (they are kept, with their state,
   in ``doc.cache["places"]`` for the events stage, where "in Kabul" can stand for Afghanistan);
2. posts read from the text around a name ("Foreign Minister of Japan Taro Kono", "Katsuyuki Kawai,
   Special Adviser ... to President of the Liberal Democratic Party"), which give role, country and
   sector even for people the gazetteer lacks;
3. spaCy's PERSON and ORG entities the gazetteer does not cover (new actors without a country, unless a
   longer form of a known name: "Omar Hassan al-Bashir" is the gazetteer's "Omar Hassan Ahmad al Bashir");
4. in context: speaker labels -> the person who held the post on the document date; "Mr Kawai",
   "KISHIDA" -> the person named in full; "our Japanese colleagues", "the Japanese side" -> Japan;
   "we", "our", "us" in a statement or answer -> the speaker's government. Commenters' "we" and
   anyone's "I" and "you" are never resolved.

A state is one actor per country, sector GOV (a state acts through its government). Actor ids
(``a1``, ``a2`` ...) follow the order of first mention; mentions are sorted.

When an unlabelled statement has no speaker, a self-reference names the speaking state: explicitly
("my country, Japan,", "on behalf of the Government of Japan"), or a statement that speaks of "my
country" / "our Government" and names one state at least ``MIN_SELF_MENTIONS`` times and
``SELF_MARGIN`` times as often as any other. The segment's speaker is then that state (basis
``self-reference``) and its "we" is that state's government. Measured by ``parley eval actors``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Actor, Document, Segment, Span, Speaker
from ..pipeline import stage
from .actors_gazetteer import Entry, Gazetteer, case_fits, fold, load_gazetteer, name_key, tokens
from .actors_titles import HONORIFICS, named_in_title, role_after, role_before, split_label
from .language import require_english

#: the posts of those who lead a state, whose bare surname in the news is theirs
HEAD_ROLES = {"President", "Prime Minister", "King", "Queen", "Chancellor", "Emir", "Premier", "Head of State",
              "Head of Government"}
WE_WORDS = {"we", "our", "us", "ours", "ourselves"}
#: segments whose "we" is the speaker's government
GOVERNMENT_VOICE = ("statement", "answer")
_PARTNER_NOUNS = r"(?:colleagues?|partners?|friends?|counterparts?|side|delegation|government|leadership|authorities)"
_STATE_NAME = r"(?P<state>(?:the )?[A-Z][\w-]*(?: (?:of |and |the )*[A-Z][\w-]*)*)"
_SELF_REFERENCE = [
    re.compile(rf"\b(?:my|our) (?:country|Government|government|nation|delegation|people|State),? {_STATE_NAME}"),
    re.compile(rf"\b(?:my|My) delegation,? (?:that|the delegation) of {_STATE_NAME}"),
    re.compile(rf"\b[Oo]n behalf of (?:the )?(?:Government|government|people|delegation)s? "
               rf"(?:and (?:the )?(?:people|Government) )?of {_STATE_NAME}"),
]


#: "my country", "our Government": the speaker speaks for a state (which one, the text must say)
_SPEAKS_FOR_A_STATE = re.compile(r"\b(?:[Mm]y|[Oo]ur) (?:country|Government|government|delegation|nation)\b")
#: without an explicit "my country, X", the speaking state is the one named far more than any other
MIN_SELF_MENTIONS = 3
SELF_MARGIN = 2.0


@dataclass
class Found:
    """A mention before actors are numbered."""

    start: int
    end: int
    key: tuple  # identity of the actor it refers to
    segment: str
    rank: int = 0  # lower wins an overlap


@dataclass
class Draft:
    """An actor before ids are given."""

    key: tuple
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    spans: set[tuple[int, int]] = field(default_factory=set)


class ActorTable:
    """The actors of one document, keyed by identity, with the facts each source gives."""

    def __init__(self, gaz: Gazetteer, date: str | None):
        self.gaz, self.date = gaz, date
        self.drafts: dict[tuple, Draft] = {}

    def state(self, code: str) -> tuple:
        key = ("state", code)
        if key not in self.drafts:
            name = self.gaz.states.get(code, {}).get("name") or code
            self.drafts[key] = Draft(key, name, "state", code, "GOV")
        return key

    def organization(self, index: int) -> tuple:
        key = ("org", index)
        if key not in self.drafts:
            org = self.gaz.organizations[index]
            self.drafts[key] = Draft(key, org["name"], "organization", org["country"], org["sector"])
        return key

    def known_person(self, index: int) -> tuple:
        key = ("person", fold(self.gaz.people[index]["name"]))
        if key not in self.drafts:
            person = self.gaz.people[index]
            country, sector, role = self.gaz.person_facts(index, self.date)
            self.drafts[key] = Draft(key, person["name"], "person", country, sector, role)
        return key

    def new_person(self, name: str, role: str | None = None, country: str | None = None,
                   sector: str | None = None) -> tuple:
        key = ("person", fold(name))
        draft = self.drafts.setdefault(key, Draft(key, name, "person"))
        draft.role = draft.role or role
        draft.country = draft.country or country
        draft.sector = draft.sector or sector
        return key

    def new_organization(self, name: str) -> tuple:
        key = ("org", fold(name))
        self.drafts.setdefault(key, Draft(key, name, "organization"))
        return key

    def people(self) -> list[Draft]:
        return [d for d in self.drafts.values() if d.type == "person"]

    def person_by_surname(self, surname: str, full_only: bool = False) -> Draft | None:
        """The one person of the document whose name ends with ``surname`` (written longer, unless
        ``full_only`` is False, when the surname alone also counts)."""
        want = name_key(surname)
        if not want:
            return None
        hits = [d for d in self.people() if name_key(d.name)[-len(want):] == want and len(name_key(d.name)) > len(want)]
        if not hits and not full_only:
            hits = [d for d in self.people() if name_key(d.name) == want]
        return hits[0] if len(hits) == 1 else None


@stage("actors", requires=("segments", "nlp"), assigns=("actors",))
def actors(doc: Document) -> Document:
    """People, states and organisations with country, sector, role and mentions; speakers resolved."""
    require_english(doc)
    from .nlp import parses

    gaz = load_gazetteer()
    table = ActorTable(gaz, doc.date)
    found: list[Found] = []
    for seg in doc.segments:
        found += gazetteer_mentions(doc, seg, table)
    countries = {d.country for d in table.drafts.values() if d.country}
    for seg in doc.segments:
        found += entity_mentions(doc, seg, table, parses(doc, seg), found, countries)
    found = resolve_overlaps(found)
    for seg in doc.segments:
        resolve_speaker(doc, seg, table, found)
    found = resolve_overlaps(found + surname_mentions(doc, table, found))
    found += partner_phrases(doc, table, found)
    found = resolve_overlaps(found)
    found += we_mentions(doc, table, found)
    doc.actors = number(table, found, doc)
    return doc


# -- 1. gazetteer ---------------------------------------------------------------------------------------
def gazetteer_mentions(doc: Document, seg: Segment, table: ActorTable) -> list[Found]:
    """Longest gazetteer names in the segment whose case fits; places are matched and kept out."""
    text = doc.segment_text(seg)
    toks = tokens(text)
    folded = [fold(t) for _, _, t in toks]
    out: list[Found] = []
    i = 0
    while i < len(toks):
        hit = None
        for n in range(min(10, len(toks) - i), 0, -1):
            key = tuple(folded[i:i + n])
            entries = table.gaz.index.get(key)
            if entries and case_fits([t for _, _, t in toks[i:i + n]], table.gaz.surface[key]) \
                    and _whole_words(text, toks[i][0], toks[i + n - 1][1]):
                hit = (n, entries)
                break
        if hit is None:
            led = _LED_BY.match(toks[i][2])
            states = [e for e in table.gaz.index.get((fold(led.group(1)),), []) if e.kind == "state"] if led else []
            if states:  # "the US-led war", "Vietnamese-led forces", "Syrian-backed militias": the state in front
                start = seg.start + toks[i][0]
                out.append(Found(start, start + len(led.group(1)), table.state(states[0].ref), seg.id, rank=0))
            i += 1
            continue
        n, entries = hit
        start, end = seg.start + toks[i][0], seg.start + toks[i + n - 1][1]
        actor_key = _entry_key(table, entries)
        if actor_key is not None:
            out.append(Found(start, end, actor_key, seg.id, rank=0))
        else:  # a place: claimed, so spaCy cannot call it a person, but not an actor
            out.append(Found(start, end, ("place", entries[0].ref), seg.id, rank=0))
        i += n
    return out


#: a hyphenated word whose first part names who leads or backs something ("US-led", "Syrian-backed")
_LED_BY = re.compile(r"^(\w+)[-‐](?:led|backed|sponsored|supported|brokered|funded|armed|allied|"
                     r"run|trained|installed|imposed|mediated)$", re.I)


def _whole_words(text: str, start: int, end: int) -> bool:
    return not (start > 0 and text[start - 1].isalnum()) and not (end < len(text) and text[end].isalnum())


def _entry_key(table: ActorTable, entries: list[Entry]) -> tuple | None:
    states = [e for e in entries if e.kind == "state"]
    if states:
        return table.state(states[0].ref)
    orgs = [e for e in entries if e.kind == "organization"]
    people = [e.ref for e in entries if e.kind == "person"]
    if people and not orgs:
        best = table.gaz.best_person(people, table.date)
        return table.known_person(best)
    if orgs:
        return table.organization(orgs[0].ref)
    return None  # a place


# -- 2 and 3. posts read from the text, spaCy entities ---------------------------------------------------
def entity_mentions(doc: Document, seg: Segment, table: ActorTable, parsed, found: list[Found],
                    countries: set[str]) -> list[Found]:
    """spaCy PERSON/ORG entities the gazetteer left uncovered, and posts written around people's names."""
    taken = [(f.start, f.end) for f in found if f.segment == seg.id]
    out: list[Found] = []
    people_spans = [(f.start, f.end, f.key) for f in found if f.segment == seg.id and f.key[0] == "person"]
    for offset, sdoc in parsed:
        for ent in sdoc.ents:
            start, end = offset + ent.start_char, offset + ent.end_char
            start, end = _trim(doc.text, start, end)
            if end <= start or any(s < end and start < e for s, e in taken):
                continue
            if ent.label_ not in ("PERSON", "ORG") or not doc.text[start:start + 1].isupper():
                continue
            plural = _known_place_or_state(table, doc.text[start:end])
            if plural is not None:  # "Okinawas", "Chinas": a place the gazetteer knows, not a new actor
                if plural[0] == "state":
                    out.append(Found(start, end, plural, seg.id, rank=2))
                continue
            if ent.label_ == "PERSON" and _looks_like_name(doc.text[start:end]):
                key = _person_from_entity(table, doc.text[start:end], countries)
                out.append(Found(start, end, key, seg.id, rank=2))
                people_spans.append((start, end, key))
            elif ent.label_ == "ORG" and _looks_like_name(doc.text[start:end]):
                out.append(Found(start, end, table.new_organization(doc.text[start:end]), seg.id, rank=2))
    for start, end, key in people_spans:
        out += _read_posts(doc, seg, table, start, end, key, found + out)
    return out


def _known_place_or_state(table: ActorTable, text: str) -> tuple | None:
    """The state (or ``("place",)``) a name or its plural names, if the gazetteer knows it."""
    for candidate in (text, text[:-1] if text.endswith("s") else None):
        entries = table.gaz.index.get(name_key(candidate)) if candidate else None
        if entries and all(e.kind in ("state", "place") for e in entries):
            states = [e for e in entries if e.kind == "state"]
            return table.state(states[0].ref) if states else ("place", entries[0].ref)
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """An entity without a leading "the" or a trailing possessive."""
    span = text[start:end]
    if span.lower().startswith("the "):
        start += 4
    for tail in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(tail):
            end -= len(tail)
    return start, end


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return bool(words) and len(words) <= 6 and words[0][:1].isupper() and "\n" not in text \
        and any(c.isalpha() for c in text) and fold(words[0]).rstrip(".") not in {"i", "we", "you", "mr", "ms"}


def _person_from_entity(table: ActorTable, name: str, countries: set[str]) -> tuple:
    """A PERSON entity: a known person when one of that (sur)name held a post on the date."""
    words = name_key(name)
    named = table.person_by_surname(name, full_only=True) if len(words) == 1 else None
    if named is not None:  # "Rojas" after "Foreign Minister Camila Rojas": the document's own person first
        return named.key
    if len(words) == 1:
        held = [i for i in table.gaz.surnames.get(words[0], [])
                if any(r[2] not in (None, "ELI") for r in table.gaz.person_roles(i, table.date))] if table.date else []
        if len(held) == 1:
            return table.known_person(held[0])
        # no one of that name in post on the date (or no date): when everyone the gazetteer knows by that
        # surname is of one country, the person is of that country ("Mugabe", "the Bush administration")
        holders = table.gaz.surnames.get(words[0], [])
        facts = [table.gaz.person_facts(i, None) for i in holders]
        of = {country for country, _, _ in facts}
        # ... else when those of them who led a state are of one country ("Bush": two US presidents, not a
        # Caymanian minister)
        leaders = {country for country, _, role in facts if role in HEAD_ROLES}
        if not held and holders and None not in of and (len(of) == 1 or len(leaders) == 1):
            return table.new_person(name, country=(of if len(of) == 1 else leaders).pop())
    elif len(words) >= 2:  # "Omar Hassan al-Bashir": the gazetteer's "Omar Hassan Ahmad al Bashir"
        same = _same_person(table, words)
        if same is not None:
            return table.known_person(same)
    return table.new_person(name)


def _same_person(table: ActorTable, words: tuple[str, ...]) -> int | None:
    """The gazetteer's person with the same family name (with or without its "al-", "el-" article) and the
    same first name, when all such people are of one country."""
    family = words[-1]
    keys = {family, re.sub(r"^(?:al|el|ad|as|an|ar|at|az|ash|bin|ibn)-", "", family)}
    hits = [i for k in keys for i in table.gaz.surnames.get(k, [])
            if name_key(table.gaz.people[i]["name"])[:1] == words[:1]]
    countries = {table.gaz.people[i]["country"] for i in hits}
    if not hits or len(countries) != 1:
        return None
    return table.gaz.best_person(sorted(set(hits)), table.date)


def _read_posts(doc: Document, seg: Segment, table: ActorTable, start: int, end: int, key: tuple,
                found: list[Found]) -> list[Found]:
    """Role, country and sector written around a person's name; the states and organisations named
    in the post are mentions too."""
    draft = table.drafts[key]
    out: list[Found] = []
    for where in (role_before(doc.text, start), role_after(doc.text, end)):
        if not where or where[0] < seg.start or where[0] > seg.end:
            continue
        position, phrase = where
        lo, hi = (position, position + len(phrase)) if position < start else (position - len(phrase), position)
        inside = [f for f in found if lo <= f.start and f.end <= hi and f.key[0] in ("state", "org")]
        country = sector = None
        for f in inside:
            other = table.drafts[f.key]
            country = country or other.country
            if other.type == "organization" and other.sector == "PTY":
                sector = "PTY"
        role = _clean_role(phrase, [doc.text[f.start:f.end] for f in inside if f.key[0] == "state"])
        sector = sector or _role_sector(table.gaz, role)
        draft.role = draft.role or role
        draft.country = draft.country or (country if country != "IGO" else None)
        draft.sector = draft.sector or sector
        out.append(Found(start, end, key, seg.id, rank=1))
    return out


def _clean_role(phrase: str, states: list[str]) -> str:
    """The post without the country that qualifies it ("Foreign Minister of Japan" -> "Foreign Minister")."""
    for state in states:
        phrase = re.sub(rf"\s+of\s+(?:the\s+)?{re.escape(state)}$", "", phrase)
        phrase = re.sub(rf"^{re.escape(state)}\s+", "", phrase)
    return phrase.strip()


def _role_sector(gaz: Gazetteer, role: str) -> str | None:
    words = fold(role).replace("-", " ").split()
    for n in (3, 2, 1):
        for i in range(len(words) - n, -1, -1):
            sector = gaz.role_sectors.get(" ".join(words[i:i + n]))
            if sector:
                return sector
    return None


# -- 4. context ------------------------------------------------------------------------------------------
def resolve_speaker(doc: Document, seg: Segment, table: ActorTable, found: list[Found]) -> None:
    """``segment.speaker.actor`` from the label: a person named in the document, else the gazetteer's
    holder of the post on the document date, else a new person named as the label writes it."""
    if seg.speaker is None:
        if seg.kind == "statement":
            _self_reference(doc, seg, table, found)
        return
    if seg.kind == "comment":
        return
    title, name = split_label(seg.speaker.name)
    key = None
    if _anonymous(seg.speaker.name):  # "Senior Administration Official": a person, unnamed
        key = table.new_person(seg.speaker.name, role=seg.speaker.name)
    elif name:
        draft = table.person_by_surname(name, full_only=True)
        if draft is not None:
            key = draft.key
        else:
            k = name_key(name)
            candidates = [e.ref for e in table.gaz.index.get(k, []) if e.kind == "person"]
            candidates += [i for i in table.gaz.surnames.get(k[-1], []) if len(k) == 1] if k else []
            countries = {d.country for d in table.drafts.values() if d.type == "state"}
            best = table.gaz.best_person(sorted(set(candidates)), doc.date, title, countries)
            if best is not None and (len(k) > 1 or _held(table.gaz, best, doc.date, title)):
                key = table.known_person(best)
    elif title:
        key = _title_holder(doc, table, title)
    if key is None and name and (titled := named_in_title(doc.title, name)):
        key = table.new_person(titled[0], role=titled[1] or title)
    if key is None and name:
        alone = table.person_by_surname(name)
        key = alone.key if alone else table.new_person(seg.speaker.name if not title else name, role=title)
    elif key is not None and name and ("person", fold(name)) in table.drafts and key != ("person", fold(name)):
        _merge(table, found, ("person", fold(name)), key)  # spaCy's lone "Sullivan" is the labelled "Jake Sullivan"
    if key is None:
        return
    draft = table.drafts[key]
    if title and not draft.role:
        draft.role = title
    seg.speaker.actor = key  # replaced by the actor id in number()
    label_at = _label_span(doc, seg)
    if label_at:
        found.append(Found(*label_at, key, seg.id, rank=0))


def _merge(table: ActorTable, found: list[Found], old: tuple, new: tuple) -> None:
    """Fold actor ``old`` into ``new``: its mentions move over, its facts fill gaps."""
    gone, kept = table.drafts.pop(old), table.drafts[new]
    kept.role, kept.country = kept.role or gone.role, kept.country or gone.country
    kept.sector = kept.sector or gone.sector
    for f in found:
        if f.key == old:
            f.key = new


_ANONYMOUS = re.compile(r"(?i)^(?:(?:senior|white house|administration|state department|u\.?s\.?|government|"
                        r"military|defense|a|an|the)\s+)*(?:officials?|aides?|spokespe\w+|representatives?)$")


def _anonymous(label: str) -> bool:
    return bool(_ANONYMOUS.match(label.strip()))


def _held(gaz: Gazetteer, index: int, date: str | None, title: str | None) -> bool:
    """Whether a surname-only match is trustworthy: the person held a (matching) post on the date."""
    if not date:
        return False
    held = [r for r in gaz.person_roles(index, date) if r[5] != "p"]
    return bool(held) and (not title or any(r[0] and fold(title) in fold(r[0]) for r in held))


def _title_holder(doc: Document, table: ActorTable, title: str) -> tuple | None:
    """"The President": the person of that post the document's title names ("Remarks by President Biden"),
    else one named in the document, else the holder. The title first: a press conference about a foreign
    president names him with the same title as the speaker."""
    by_title = _title_named_holder(doc, table, title)
    if by_title is not None:
        return by_title
    for draft in table.people():
        if draft.role and fold(draft.role) == fold(title):
            return draft.key
    return None


def _title_named_holder(doc: Document, table: ActorTable, title: str) -> tuple | None:
    """The person the document's title names with ``title`` ("President Biden"), if any."""
    if doc.title:
        match = re.search(rf"\b{re.escape(title)} ([A-Z][\w-]+)", doc.title.replace("\u00a0", " "))
        if match:
            draft = table.person_by_surname(match.group(1))
            if draft:
                return draft.key
            k = name_key(match.group(1))
            candidates = list(table.gaz.surnames.get(k[0], [])) if k else []
            best = table.gaz.best_person(candidates, doc.date, title)
            if best is not None and _held(table.gaz, best, doc.date, title):
                return table.known_person(best)
    return None


def _label_span(doc: Document, seg: Segment) -> tuple[int, int] | None:
    if not seg.label:
        return None
    at = doc.text.find(seg.label, seg.start, seg.start + len(seg.label) + 40)
    if at < 0:
        at = doc.text.rfind(seg.label, max(0, seg.start - len(seg.label) - 40), seg.start + 1)
    return (at, at + len(seg.label)) if at >= 0 else None


def _self_reference(doc: Document, seg: Segment, table: ActorTable, found: list[Found]) -> None:
    """An unlabelled statement whose text names the speaking state ("my country, Japan,")."""
    text = doc.segment_text(seg)
    votes: dict[str, int] = {}
    for pattern in _SELF_REFERENCE:
        for match in pattern.finditer(text):
            k = name_key(match.group("state"))
            while k:
                states = [e.ref for e in table.gaz.index.get(k, []) if e.kind == "state" and e.form == "name"]
                if states:
                    votes[states[0]] = votes.get(states[0], 0) + 1
                    break
                k = k[:-1]
    if not votes and _SPEAKS_FOR_A_STATE.search(text):
        counts: dict[str, int] = {}
        for f in found:
            if f.segment == seg.id and f.key[0] == "state" and table.drafts[f.key].country:
                counts[f.key[1]] = counts.get(f.key[1], 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        clear = len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] >= SELF_MARGIN * ranked[1][1])
        if ranked and ranked[0][1] >= MIN_SELF_MENTIONS and clear:
            votes[ranked[0][0]] = 1
    if not votes:
        return
    code = max(sorted(votes), key=votes.get)
    key = table.state(code)
    seg.speaker = Speaker(table.drafts[key].name, key, "self-reference")  # type: ignore[arg-type]


def surname_mentions(doc: Document, table: ActorTable, found: list[Found]) -> list[Found]:
    """"Mr Kawai", "Abe", "KISHIDA": a surname of a person the document names in full."""
    people = [d for d in table.people() if len(name_key(d.name)) > 1]
    by_last: dict[str, list[Draft]] = {}
    for draft in people:
        by_last.setdefault(name_key(draft.name)[-1], []).append(draft)
    out = []
    for seg in doc.segments:
        text = doc.segment_text(seg)
        toks = tokens(text)
        for i, (s, e, word) in enumerate(toks):
            drafts = by_last.get(fold(word))
            if not drafts or len(drafts) > 1 or not word[:1].isupper():
                continue
            start = seg.start + s
            j = i - 1
            if j >= 0 and toks[j][2] == ".":
                j -= 1
            if j >= 0 and fold(toks[j][2]) in HONORIFICS:
                start = seg.start + toks[j][0]
            out.append(Found(start, seg.start + e, drafts[0].key, seg.id, rank=1))
    return out


def partner_phrases(doc: Document, table: ActorTable, found: list[Found]) -> list[Found]:
    """"our Japanese colleagues", "the Japanese side", "our friends from Japan": the whole phrase
    names that state's government (and its "our" is not the speaker's)."""
    out = []
    for f in found:
        if f.key[0] != "state":
            continue
        before = doc.text[max(0, f.start - 60):f.start]
        after = doc.text[f.end:f.end + 40]
        m_after = re.match(rf"\s+{_PARTNER_NOUNS}\b", after)
        m_before = re.search(r"\b(?:our|the|Our|The)\s+$", before)
        if m_after and m_before:
            out.append(Found(f.start - len(m_before.group()), f.end + m_after.end(), f.key, f.segment, rank=-1))
            continue
        m_from = re.search(rf"\b(?:our|Our)\s+(?:\w+\s+)?{_PARTNER_NOUNS}\s+(?:from|in)\s+(?:the\s+)?$", before)
        if m_from:
            out.append(Found(f.start - len(m_from.group()), f.end, f.key, f.segment, rank=-1))
    return out


def we_mentions(doc: Document, table: ActorTable, found: list[Found]) -> list[Found]:
    """"we", "our", "us" in a statement or answer -> the speaker's government (never in comments or
    questions, never inside a phrase already naming another party)."""
    out = []
    claimed = sorted((f.start, f.end) for f in found)
    for seg in doc.segments:
        if seg.kind not in GOVERNMENT_VOICE or seg.speaker is None or seg.speaker.actor is None:
            continue
        speaker = table.drafts.get(seg.speaker.actor)  # type: ignore[arg-type]
        if speaker is None or not speaker.country or speaker.country == "IGO":
            continue
        key = table.state(speaker.country) if speaker.type != "state" else speaker.key
        for match in re.finditer(r"\b(?:we|our|us|ours|ourselves)\b", doc.segment_text(seg), re.IGNORECASE):
            start, end = seg.start + match.start(), seg.start + match.end()
            if match.group() == "US" or any(s <= start and end <= e for s, e in claimed):
                continue
            out.append(Found(start, end, key, seg.id, rank=3))
    return out


# -- output ----------------------------------------------------------------------------------------------
def resolve_overlaps(found: list[Found]) -> list[Found]:
    """Overlapping mentions: the more trusted (lower rank), then the longer one wins; duplicates go."""
    ordered = sorted(found, key=lambda f: (f.rank, -(f.end - f.start), f.start))
    kept: list[Found] = []
    for f in ordered:
        if any(k.start < f.end and f.start < k.end for k in kept):
            continue
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


def number(table: ActorTable, found: list[Found], doc: Document) -> list[Actor]:
    """Actors with ids in order of first mention; speakers point at them. An actor only a speaker
    label names (no mention found) still gets an id, after the mentioned ones."""
    places = []
    for f in found:
        if f.key[0] != "place":
            table.drafts[f.key].spans.add((f.start, f.end))
        elif len(f.key) > 1:
            places.append((f.start, f.end, f.key[1]))
    doc.cache["places"] = places  # (start, end, ISO code): not actors, but where events happen (events stage)
    speaker_keys = [seg.speaker.actor for seg in doc.segments if seg.speaker and isinstance(seg.speaker.actor, tuple)]
    drafts = [d for d in table.drafts.values() if d.spans or d.key in speaker_keys]
    drafts.sort(key=lambda d: (min(d.spans) if d.spans else (len(doc.text) + 1, 0), d.name))
    ids = {d.key: f"a{i}" for i, d in enumerate(drafts, start=1)}
    for seg in doc.segments:
        if seg.speaker and isinstance(seg.speaker.actor, tuple):
            seg.speaker.actor = ids.get(seg.speaker.actor)
    return [Actor(ids[d.key], d.name, d.type, d.country, d.sector, d.role, d.wikidata,
                  [Span(s, e) for s, e in sorted(d.spans)]) for d in drafts]

"""The instruments stage: treaties, charters, conventions, declarations and resolutions a text invokes.

Recognition works in layers, each leaving evidence as character offsets into ``Document.text``:

1. **Names** from the catalogue (``resources/instruments.json``, see ``instruments_catalogue``):
   "the UN Charter", "San Francisco Treaty", "Treaty on the Non-Proliferation of Nuclear Weapons",
   case-insensitive; abbreviations ("NPT", "JCPOA") case-sensitive.
2. **Resolutions** cited by number: "resolution 242 (1967)", "resolutions 1160 (1998) and 1199 (1998)",
   "General Assembly resolution 1514 (XV)", "S/RES/1441 (2002)", "resolution 68/262". A year in brackets
   means the Security Council, a Roman session number or a slashed number the General Assembly.
3. **Descriptions** the catalogue lists for an instrument ("a military alliance treaty with the US",
   trusted only when the document speaks of Japan), and **signing dates**: "documents signed ... on
   September 2, 1945" is the Japanese Instrument of Surrender, when exactly one catalogued instrument
   was signed that day and a word of signing precedes the date in the same sentence.
4. **Contextual short forms**, resolved conservatively against what the document has already named:
   "the 1956 Declaration" (the one declaration of 1956 named or cued in the document), "this
   declaration" / "the Convention" (exactly one instrument of that kind named before), "the treaty
   was signed in 1960" (the named treaty of that year), "the Charter" (the UN Charter in a document
   about the UN).
5. **Articles**: "Art. 107 of the UN Charter", "Article 51 of the Charter", "Articles 41 and 42",
   "Chapter VII of the Charter", "the UN Charter, Art. 107 of which": the mention's ``article`` holds
   "107", "41, 42" or "Chapter VII". An article with no "of ..." attaches to the instrument named just
   before it in the same paragraph.

Instruments are recognised in every segment (comments included); output is sorted by first mention,
mentions by offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import Document, Instrument, InstrumentMention
from ..pipeline import stage
from .instruments_catalogue import Catalogue, Entry, load_catalogue, name_key

#: kind words a text uses -> catalogue kinds they can refer to
KIND_WORDS = {
    "treaty": ("treaty", "pact"), "treaties": ("treaty", "pact"), "pact": ("pact", "treaty"),
    "declaration": ("declaration",), "convention": ("convention",), "conventions": ("convention",),
    "charter": ("charter",), "agreement": ("agreement",), "agreements": ("agreement",),
    "accord": ("agreement",), "accords": ("agreement",), "protocol": ("protocol",), "statute": ("statute",),
    "memorandum": ("memorandum",), "covenant": ("covenant",),
}
_KIND = (r"(declarations?|treat(?:y|ies)|agreements?|conventions?|charter|protocol|accords?|pact|statute|memorandum"
         r"|covenant)")
_YEAR = r"(1[6-9]\d\d|20\d\d)"
#: "the 1956 Declaration", "the 1960 security treaty"
_YEAR_FORM = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|its|their)\s+" + _YEAR + r"\s+((?:[a-z][a-z-]*\s+){0,2}?)"
                        + r"(?i:" + _KIND + r")\b")
#: "the Declaration of 1956"
_YEAR_AFTER = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?i:" + _KIND + r")\s+of\s+" + _YEAR + r"\b")
#: "this declaration", "the said Agreement", "the Convention"
_ANAPHOR = re.compile(r"\b([Tt]his|[Tt]hat|[Tt]he\s+said|[Tt]he\s+above[- ]mentioned|[Tt]he\s+same|[Tt]he)\s+" + _KIND
                      + r"\b(?![-\u2013]\w)", re.IGNORECASE)
#: words after "the treaty" / "the Agreement" that introduce another instrument ("the agreement between ...")
_NEW_INSTRUMENT = re.compile(r"\s+(?:of|on|between|for|concerning|relating|establishing|among)\b")
_NEW_INSTRUMENT_LOWER = re.compile(r"\s+(?:of|on|between|for|with|to|in|concerning|relating|establishing|among)\b")
_SIGNED_IN = re.compile(r"\s+(?:was|were)\s+(?:signed|concluded)\s+in\s+" + _YEAR + r"\b")
_ANAPHOR_LOWER_OK = re.compile(r"\s+(?:(?:was|were|had\s+been|has\s+been)\s+(?:signed|concluded|ratified)|itself)\b")
#: "that" is a determiner only after a preposition ("under that treaty", not "report that agreement was reached")
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|in|under|by|to|with|from|on|for|into|within|against|about)\s+$",
                                 re.IGNORECASE)
#: a name followed by this is the start of a longer title the catalogue does not know
_LONGER_TITLE = re.compile(r"\s+(?:on|for)\s+(?:the\s+)?([A-Z]\w*)")
#: a name followed by this names an organisation, not the instrument ("North Atlantic Treaty Organization")
_ORGANISATION_AFTER = re.compile(r"\s+Organi[sz]ation\b|\s+\((?:NATO|CSTO|SEATO|CENTO)\)")
_UN_CONTEXT = re.compile(r"\b(?:United\s+Nations|Security\s+Council|General\s+Assembly|UN|U\.N\.)\b")

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(" + "|".join(m.capitalize() for m in _MONTHS) + r")"
_DATE = re.compile(r"\b(?:" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"
                   r"|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                   + _MONTH + r",?\s+(\d{4}))\b")
_SIGNING = re.compile(r"\b(?:signed|signing|concluded)\b", re.IGNORECASE)

_NUM = r"(?:\d{1,3}[A-Za-z]?(?:\s?\(\d+\))?|[IVXL]+\b)"
_ARTICLE = re.compile(
    r"\b(?:(?:Art(?:icle)?s?\.?|art(?:icle)?s?\.?)\s*(" + _NUM + r"(?:\s*(?:,\s*(?:and\s+)?|and|or)\s*" + _NUM + r")*)"
    r"|(Chapters?)\s+([IVXL]+(?:\s*(?:,\s*(?:and\s+)?|and)\s*[IVXL]+)*)\b)")
_OF_INSTRUMENT = re.compile(r"\s*(?:,\s*paragraph\s+\d+\s*,?\s*)?\s*of\s+(?:the\s+|its\s+|this\s+|that\s+)?")
_OF_WHICH = re.compile(r"\s+of\s+which\b")

# -- resolutions ---------------------------------------------------------------------------------
_RES_ITEM = re.compile(
    r"(?:S/RES/)?(?P<num>ES-\d{1,2}/\d{1,3}|\d{1,3}/\d{1,3}|\d{1,4})(?:\s?[A-D](?![\w]))?"
    r"(?:\s*\((?P<paren>\d{4}|[IVXL]+|ES-[IVX]+|S-[IVX]+)\))?")
#: "of 22 November 1967", "of 4 March" (the year given once at the end of a list), "of 4 and 16 November 1948"
_RES_DATE = re.compile(r"\s+of\s+\d{1,2}(?:\s+and\s+\d{1,2})?\s+[A-Z][a-z]+(?:\s+\d{4})?")
_RES_SEP = re.compile(r"[ \t]*,[ \t]*\n?[ \t]*(?:and\s+)?|\s+and\s+|\s+or\s+")
_RES_WORD = re.compile(r"\b[Rr]esolutions?\s+(?=(?:S/RES/)?(?:ES-)?\d)")
_SYMBOL = re.compile(r"\b(S|A)/RES/(ES-\d{1,2}/\d{1,3}|\d{1,3}/\d{1,3}|\d{1,4})(?:\s*\((\d{4}|[IVXL]+)\))?")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
#: how close (characters) the last-named instrument must be for "the Convention" to mean it among several
RECENT = 400


@dataclass
class Found:
    """One recognised mention before grouping into instruments."""

    start: int
    end: int
    id: str
    article: str | None = None
    basis: str = "name"
    #: for a resolution not in the catalogue: the year its citation gives
    date: str | None = None


@stage("instruments", requires=("segments",), assigns=("instruments",))
def instruments(doc: Document) -> Document:
    """Treaties, charters, conventions, declarations and resolutions cited, with articles."""
    catalogue = load_catalogue()
    ranges = [(s.start, s.end) for s in doc.segments] or [(0, len(doc.text))]
    found = [f for f in find_mentions(doc.text, catalogue) if any(a <= f.start and f.end <= b for a, b in ranges)]
    doc.instruments = group(found, catalogue)
    return doc


def group(found: list[Found], catalogue: Catalogue) -> list[Instrument]:
    """Instruments sorted by first mention, each with its mentions sorted by offset."""
    by_id: dict[str, list[Found]] = {}
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        by_id.setdefault(f.id, []).append(f)
    out = []
    for instrument_id, mentions in sorted(by_id.items(), key=lambda kv: (kv[1][0].start, kv[0])):
        name, date, wikidata = describe(instrument_id, catalogue)
        date = date or next((m.date for m in mentions if m.date), None)
        out.append(Instrument(instrument_id, name, date, wikidata,
                              [InstrumentMention(m.start, m.end, m.article) for m in mentions]))
    return out


def describe(instrument_id: str, catalogue: Catalogue) -> tuple[str, str | None, str | None]:
    """(name, date, wikidata) from the catalogue, or derived from a resolution id not catalogued."""
    entry = catalogue.entries.get(instrument_id)
    if entry is not None:
        return entry.name, entry.date, entry.wikidata
    body, _, number = instrument_id.partition("-resolution-")
    if body == "unsc":
        return f"UN Security Council resolution {number}", None, None
    session, _, rest = number.upper().rpartition("-")
    return f"UN General Assembly resolution {session + '/' + rest if session else rest}", None, None


# -- finding -----------------------------------------------------------------------------------------
def find_mentions(text: str, catalogue: Catalogue | None = None) -> list[Found]:
    """Every instrument mention in ``text``, in text order, without overlaps."""
    catalogue = catalogue or load_catalogue()
    cues = _CueIndex(text)
    found = Mentions()
    for m in catalogue.names.finditer(text):
        entry_id = catalogue.identify(m.group(0))
        if entry_id is None or _ORGANISATION_AFTER.match(text, m.end()):
            continue
        entry = catalogue.entries[entry_id]
        longer = _LONGER_TITLE.match(text, m.end())
        if longer and longer.group(1).lower() not in _name_words(entry):
            continue  # "the Universal Declaration on the Achievement of ...": the start of another title
        if name_key(m.group(0)) in catalogue.cued_keys and not any(cues.has(c) for c in entry.cues):
            continue
        if _trusted(entry, cues):
            found.add(Found(m.start(), m.end(), entry_id))
    for m in catalogue.abbreviations.finditer(text):
        entry_id = catalogue.abbreviation_ids[m.group(0)]
        if _trusted(catalogue.entries[entry_id], cues):
            found.add(Found(m.start(), m.end(), entry_id, basis="abbreviation"))
    for f in resolutions(text, catalogue):
        found.add(f)
    for entry in catalogue.entries.values():
        if entry.descriptions and (not entry.describe_cues or any(cues.has(c) for c in entry.describe_cues)):
            for pattern in entry.descriptions:
                for m in re.finditer(pattern, text, re.IGNORECASE):
                    found.add(Found(m.start(), m.end(), entry.id, basis="description"))
    _signing_dates(text, catalogue, found)
    _contextual(text, catalogue, cues, found)
    _articles(text, found)
    return found.sorted()


class Mentions:
    """Mentions kept free of overlaps: the first claim on a stretch of text wins."""

    def __init__(self) -> None:
        self.items: list[Found] = []

    def overlaps(self, start: int, end: int) -> bool:
        return any(f.start < end and start < f.end for f in self.items)

    def add(self, found: Found) -> bool:
        if self.overlaps(found.start, found.end):
            return False
        self.items.append(found)
        return True

    def before(self, pos: int) -> list[Found]:
        return sorted((f for f in self.items if f.end <= pos), key=lambda f: f.start)

    def sorted(self) -> list[Found]:
        return sorted(self.items, key=lambda f: (f.start, f.end))


class _CueIndex:
    """Whether a cue word occurs in the text (whole word; case-sensitive unless the cue is lower case), memoised."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def has(self, word: str) -> bool:
        if word not in self.seen:
            flags = re.IGNORECASE if word.islower() else 0  # "climate" also finds "Climate"; "UN" stays exact
            self.seen[word] = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", self.text, flags) is not None
        return self.seen[word]


@cache
def _name_words(entry: Entry) -> frozenset[str]:
    """Every word of an entry's names, lower case ("Chicago Convention on International ..." -> "international")."""
    return frozenset(w.lower() for n in (entry.name, *entry.names) for w in re.findall(r"\w+", n))


def _trusted(entry: Entry, cues: _CueIndex) -> bool:
    return not entry.gated or any(cues.has(c) for c in entry.cues)


# -- resolutions ------------------------------------------------------------------------------------
def resolutions(text: str, catalogue: Catalogue) -> list[Found]:
    """Resolutions cited by number, one mention per number in a list."""
    out: list[Found] = []
    for word in _RES_WORD.finditer(text):
        if text[max(0, word.start() - 6):word.start()].lower().endswith("draft "):
            continue
        prefix = text[max(0, word.start() - 40):word.start()]
        pos, first = word.end(), True
        while True:
            item = _RES_ITEM.match(text, pos)
            if not item:
                break
            resolution_id = _resolution_id(item.group("num"), item.group("paren"), prefix, catalogue)
            end = item.end()
            if resolution_id:
                out.append(Found(word.start() if first else item.start(), end, resolution_id, basis="resolution",
                                 date=_resolution_year(item.group("num"), item.group("paren"))))
            first = False
            date = _RES_DATE.match(text, end)
            pos = date.end() if date else end
            sep = _RES_SEP.match(text, pos)
            following = _RES_ITEM.match(text, sep.end()) if sep else None
            if not following or not re.match(r"(?:S/RES/)?(?:ES-)?\d", text[sep.end():sep.end() + 8]) \
                    or (item.group("paren") and not following.group("paren")):
                break
            pos = sep.end()
    for m in _SYMBOL.finditer(text):
        body = "SC" if m.group(1) == "S" else "GA"
        prefix = "Security Council" if body == "SC" else "General Assembly"
        resolution_id = _resolution_id(m.group(2), m.group(3), prefix, catalogue)
        if resolution_id:
            out.append(Found(m.start(), m.end(), resolution_id, basis="resolution",
                             date=_resolution_year(m.group(2), m.group(3))))
    return out


def _resolution_year(number: str, paren: str | None) -> str | None:
    """The year a citation gives: "(1967)", or a General Assembly session "(XV)" held in 1945 + 15."""
    if not paren or "/" in number:
        return None
    if paren.isdigit():
        return paren
    if re.fullmatch(r"[IVXL]+", paren):
        values = [_ROMAN[c] for c in paren]
        session = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
        return str(1945 + session)
    return None


def _resolution_id(number: str, paren: str | None, prefix: str, catalogue: Catalogue) -> str | None:
    """unsc-resolution-N or unga-resolution-N, or None when the body cannot be told."""
    if "/" in number:
        return "unga-resolution-" + number.lower().replace("/", "-")
    if paren and re.fullmatch(r"\d{4}", paren):
        return _catalogued("UNSC", number, catalogue)
    if paren:  # a Roman session number: the General Assembly
        return _catalogued("UNGA", number, catalogue)
    if re.search(r"General\s+Assembly\s*$|Assembly\s+resolutions?\s*$|UNGA\s*$", prefix + " ", re.IGNORECASE) or \
            re.search(r"General\s+Assembly['\u2019]?s?\s*$", prefix):
        return _catalogued("UNGA", number, catalogue)
    if re.search(r"(?:Security\s+Council|UNSC|UN\s+SC)['\u2019]?s?\s*$", prefix):
        return _catalogued("UNSC", number, catalogue)
    for body in ("UNSC", "UNGA"):
        if (body, number) in catalogue.by_resolution:
            return catalogue.by_resolution[(body, number)]
    return None


def _catalogued(body: str, number: str, catalogue: Catalogue) -> str:
    return catalogue.by_resolution.get((body, number)) or f"{body.lower()}-resolution-{number}"


# -- signing dates -----------------------------------------------------------------------------------
def _signing_dates(text: str, catalogue: Catalogue, found: Mentions) -> None:
    """"signed ... on September 2, 1945" -> the one instrument signed that day."""
    by_date: dict[str, list[Entry]] = {}
    for entry in catalogue.entries.values():
        if entry.date and len(entry.date) == 10 and entry.kind != "resolution":
            by_date.setdefault(entry.date, []).append(entry)
    for m in _DATE.finditer(text):
        month, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        iso = f"{int(year):04d}-{_MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}"
        entries = by_date.get(iso, [])
        if len(entries) != 1:
            continue
        sentence = _sentence_before(text, m.start(), 160)
        if not _SIGNING.search(sentence):
            continue
        entry = entries[0]
        if any(f.id == entry.id and m.start() - f.end < 250 for f in found.before(m.start())):
            continue  # "the Fourth Geneva Convention ... signed on 12 August 1949": already named
        found.add(Found(m.start(), m.end(), entry.id, basis="date"))


def _sentence_before(text: str, pos: int, limit: int) -> str:
    """The text from the start of the sentence holding ``pos`` (at most ``limit`` characters) to ``pos``."""
    window = text[max(0, pos - limit):pos]
    cut = max((m.end() for m in re.finditer(r"(?<![A-Z])[.!?]\s+(?=[A-Z])|\n", window)), default=0)
    return window[cut:]


# -- contextual short forms --------------------------------------------------------------------------
def _contextual(text: str, catalogue: Catalogue, cues: _CueIndex, found: Mentions) -> None:
    """Year forms and anaphora, resolved in text order against the instruments named before them."""
    candidates = []
    for m in _YEAR_FORM.finditer(text):
        if _NEW_INSTRUMENT.match(text, m.end()):
            continue  # "the 2015 Agreement on Peace and Reconciliation in Mali": another instrument
        candidates.append((m.start(), m.end(), "year", int(m.group(1)), m.group(3).lower()))
    for m in _YEAR_AFTER.finditer(text):
        candidates.append((m.start(), m.end(), "year", int(m.group(2)), m.group(1).lower()))
    for m in _ANAPHOR.finditer(text):
        det, kind = m.group(1), m.group(2)
        after = text[m.end():m.end() + 40]
        if (_NEW_INSTRUMENT_LOWER if kind[0].islower() else _NEW_INSTRUMENT).match(after):
            continue
        if det.lower() == "the" and kind[0].islower() and not _ANAPHOR_LOWER_OK.match(after):
            continue
        if det.lower() == "that" and not _PREPOSITION_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue
        signed = _SIGNED_IN.match(after)
        candidates.append((m.start(), m.end(), "anaphor", int(signed.group(1)) if signed else None, kind.lower()))
    for start, end, how, year, kind in sorted(candidates):
        if found.overlaps(start, end):
            continue
        kinds = KIND_WORDS.get(kind, ())
        if how == "year":
            entry_id = _by_year(year, kinds, kind.endswith("s"), start, catalogue, cues, found)
        else:
            entry_id = _by_anaphor(kinds, year, start, text, catalogue, cues, found)
            if entry_id and year is None and _unnamed_between(kind, entry_id, start, text, found):
                entry_id = None
        if entry_id:
            found.add(Found(start, end, entry_id, basis="context"))


def _in_play(pos: int, catalogue: Catalogue, found: Mentions) -> list[Entry]:
    """Catalogued instruments named before ``pos``, in order of their last mention."""
    seen: dict[str, Entry] = {}
    for f in found.before(pos):
        if f.id in catalogue.entries:
            seen.pop(f.id, None)
            seen[f.id] = catalogue.entries[f.id]
    return list(seen.values())


def _by_year(year: int, kinds: tuple[str, ...], plural: bool, pos: int, catalogue: Catalogue, cues: _CueIndex,
             found: Mentions) -> str | None:
    """"the 1956 Declaration": the declaration of that year named before; else the only catalogued one
    whose cues the document carries; else the only instrument of that year named before, of any kind."""
    if plural:
        return None  # "the 1949 Conventions" names a family, not one instrument
    in_play = [e for e in _in_play(pos, catalogue, found) if e.year == year and e.kind != "resolution"]
    same_kind = [e for e in in_play if e.kind in kinds]
    if len(same_kind) == 1:
        return same_kind[0].id
    choice = _only_cued(year, kinds, catalogue, cues)
    if choice:
        return choice
    if len(in_play) == 1:
        return in_play[0].id
    return None


def _only_cued(year: int, kinds: tuple[str, ...], catalogue: Catalogue, cues: _CueIndex) -> str | None:
    """The one catalogued instrument of that year and kind that the document's words point to ("the 1998
    agreement" alone is not the Good Friday Agreement: a year says too little without its cues)."""
    pool = [e for e in catalogue.entries.values() if e.year == year and e.kind in kinds]
    cued = [e for e in pool if e.cues and any(cues.has(c) for c in e.cues)]
    return cued[0].id if len(cued) == 1 else None


def _by_anaphor(kinds: tuple[str, ...], year: int | None, pos: int, text: str, catalogue: Catalogue,
                cues: _CueIndex, found: Mentions) -> str | None:
    """"this declaration": the one instrument of that kind named before (of that year, when the text
    says when it was signed); "the Charter" in a document about the UN: the UN Charter."""
    in_play = [e for e in _in_play(pos, catalogue, found) if e.kind in kinds]
    if year is not None:
        in_play = [e for e in in_play if e.year == year]
        if not in_play:
            return _only_cued(year, kinds, catalogue, cues)
    if len(in_play) == 1:
        return in_play[0].id
    if in_play and text[pos:pos + 40].split()[1][:1].isupper():
        # "the Convention" just after the Fourth Geneva Convention was named: the one named last, when it
        # was named within RECENT characters and no other instrument of that kind was
        last = [f for f in found.before(pos) if f.id in {e.id for e in in_play}]
        recent = {f.id for f in last if pos - f.end <= RECENT}
        if len(recent) == 1 and last[-1].id in recent:
            return last[-1].id
    if not in_play and kinds == ("charter",) and text[pos:pos + 11].split()[-1] == "Charter" \
            and _UN_CONTEXT.search(text):
        return "un-charter-1945"
    return None


def _unnamed_between(kind: str, entry_id: str, pos: int, text: str, found: Mentions) -> bool:
    """Whether "a relevant Treaty", "a new agreement" comes between the last mention of ``entry_id``
    and ``pos``: then "this Treaty" more likely means that unnamed one."""
    last = [f for f in found.before(pos) if f.id == entry_id]
    region = text[last[-1].end if last else 0:pos]
    word = kind.rstrip("s") if kind not in ("accords",) else "accord"
    return re.search(r"\b(?:a|an|another|new|other)\s+(?:[\w-]+\s+){0,3}?" + re.escape(word) + r"s?\b", region,
                     re.IGNORECASE) is not None


# -- articles ---------------------------------------------------------------------------------------
def _articles(text: str, found: Mentions) -> None:
    """Attach "Article 51 of the Charter", "Articles 41 and 42", "Chapter VII" to their instrument."""
    for start, end, article in _article_phrases(text):
        if found.overlaps(start, end):
            continue
        of = _OF_INSTRUMENT.match(text, end)
        if of and text[end:of.end()].strip():
            if _OF_WHICH.match(text, end):  # "the UN Charter, Art. 107 of which"
                previous = [f for f in found.before(start) if start - f.end <= 4]
                if previous:
                    found.add(Found(start, end, previous[-1].id, article, basis="article"))
                continue
            target = next((f for f in found.items if end <= f.start <= of.end() + 1), None)
            if target is not None and target.article is None:
                target.start, target.article = start, article
            continue  # otherwise "Article 5 of the Constitution": something not in the catalogue
        paragraph_start = text.rfind("\n\n", 0, start) + 1
        previous = [f for f in found.before(start) if f.start >= paragraph_start and start - f.end <= 300
                    and "resolution" not in f.id]
        if previous:
            found.add(Found(start, end, previous[-1].id, article, basis="article"))


def _article_phrases(text: str) -> list[tuple[int, int, str]]:
    """(start, end, article) of each citation of articles and chapters; "Article 25 and Chapter VIII"
    is one phrase with the article "25, Chapter VIII"."""
    phrases: list[tuple[int, int, str]] = []
    for m in _ARTICLE.finditer(text):
        article = _article_value(m)
        if article is None:
            continue
        if phrases and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", text[phrases[-1][1]:m.start()] + " "):
            start, _, earlier = phrases.pop()
            phrases.append((start, m.end(), f"{earlier}, {article}"))
        else:
            phrases.append((m.start(), m.end(), article))
    return phrases


def _article_value(m: re.Match) -> str | None:
    """"107", "41, 42", "2(4)" or "Chapter VII"."""
    if m.group(1):
        numbers = re.findall(r"\d{1,3}[A-Za-z]?(?:\s?\(\d+\))?|[IVXL]+\b", m.group(1))
        return ", ".join(n.replace(" ", "") for n in numbers) or None
    chapters = re.findall(r"[IVXL]+", m.group(3))
    return ", ".join(f"Chapter {c}" for c in chapters) or None

"""The dates stage: every date expression in a document, normalised against the document date.

Each mention keeps its exact span (offsets into ``Document.text``) and says how precisely the text
dates it: ``day``, ``month``, ``year``, ``range`` or ``unresolved``.

What counts as a date, and how it is resolved (the rules are deliberately simple and written down):

* Absolute dates, parsed from the matched parts ("September 2, 1945", "2 September 1945",
  "14.01.2019", "2019-01-14", "1/14/2019" (slashes read month first, as in US English; a first
  number over 12 reads day first), "January 2019", a year "in 1960", year spans "1945-1991",
  decades "the 1990s", centuries "the 20th century", qualified years "mid-2025", "the end of 2019",
  "spring 2020", "the first quarter of 2020").
* A year inside a name ("the 1956 Declaration") *is* a year mention; later stages decide what it
  dates. Numbers that are counts, amounts, article or resolution numbers, times or parts of URLs
  are not dates ("500 events", "Art. 107", "resolution 1973", "2,000 people", "24/7", "9/11",
  "2 + 2"), nor are event names ("World War II").
* Month names are only read with a capital letter, and a month standing alone only after a word
  that introduces a time ("in May", "since March", "last June"), so "may"/"May I ask" and "march"
  are not dates. A day and month without a year ("January 14") fall on or before the document date
  after "since" or in a past clause, on or after it in a future clause, else on the occurrence
  nearest it; a month alone falls before it after "since"/"back in"/"last", after it after "next"/
  "until", else on the nearest occurrence. "May of '22" and "February of last year" are months.
* Relative expressions ("today", "later this month", "a couple of years ago", "recent years",
  "in two weeks", "on Monday") are resolved against the document date. Without one they keep their
  text with ``precision="unresolved"`` and no value. A bare weekday is the next occurrence (from the
  document date on) in a clause in the future tense ("will", "'ll", "going to"), the last one (up to
  the document date) in a clause with a past-tense verb, else the one nearest the document date (at
  most three days away); "last"/"next" take the one strictly before/after.
  Vague quantities become ranges: "a couple of" is 1-3 units, "a few" 2-4, "several" 3-7;
  "recent" years/months/weeks/days reach back 5 years / 6 months / 6 weeks / 7 days.
* "by"/"before" the end (or any part) of a period is a deadline: the range runs from the document
  date to the period's last day. Prepositions are otherwise not part of a span ("in 1960" -> "1960", "on Monday"
  -> "Monday"); "the" is, where it belongs to the expression ("the 1990s", "the end of the year").
* Vague expressions are not dates: "the next meeting", "now", "recently", "for many years",
  "years ago", "the day before", nor is a duration in a past or perfect clause ("haven't seen in
  30 years", "the first time in five years"). No mention crosses a paragraph break or lies in a URL.

``value`` is the ISO form at the text's precision (``2019-01-14``, ``2019-01``, ``2019``); a range's
value is the ISO interval ``earliest/latest``.

The document date: when the input gives none, a dateline in the first five non-empty lines (or at the
start of the first statement) sets it: "Moscow, 14 January 2019", "WASHINGTON, Jan. 5, 2019 (Reuters) -",
or a line that is only a date. ``doc.meta["date_source"]`` records ``input`` or ``dateline``.
dateparser is not needed: every pattern captures its day, month and year itself, which is faster
and never reads "We" as Wednesday.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import DateMention, Document
from ..pipeline import stage

# -- vocabulary ----------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"]
_ABBR = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
# capitalised or upper case only: "may" and "march" in lower case are a modal and a verb
MONTH = ("(?:" + "|".join([*_FULL, *(m.upper() for m in _FULL)]) + r")\b|(?:"
         + "|".join([*_ABBR, *(m.upper() for m in _ABBR)]) + r")(?:\.|\b)")
MONTH = f"(?:{MONTH})"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAY = "(?:" + "|".join(WEEKDAYS + [w.upper() for w in WEEKDAYS]) + ")"

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
           "thirty": 30, "forty": 40, "fifty": 50}
#: vague quantities as (fewest, most) units
VAGUE = {"a couple of": (1, 3), "couple of": (1, 3), "a couple": (1, 3), "a few": (2, 4), "few": (2, 4),
         "several": (3, 7)}
COUNT = r"(?:\d{1,3}|" + "|".join(NUMBERS) + r"|a\s+couple(?:\s+of)?|couple\s+of|a\s+few|few|several)"
UNIT = r"(?:day|week|month|year|decade)s?"

_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>1\d{3}|20\d{2})"
I = re.IGNORECASE  # noqa: E741  (only for the relative vocabulary; months and weekdays stay case-sensitive)


def _count(word: str) -> tuple[int, int]:
    word = " ".join(word.lower().split())
    if word in VAGUE:
        return VAGUE[word]
    n = int(word) if word.isdigit() else NUMBERS[word]
    return n, n


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


# -- calendar arithmetic ---------------------------------------------------------------------------

def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def shift(day: date, unit: str, n: int) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    if unit == "month":
        return add_months(day, n)
    if unit == "year":
        return add_years(day, n)
    return add_years(day, 10 * n)  # decade


# -- resolved values -----------------------------------------------------------------------------

@dataclass
class Value:
    precision: str
    earliest: date | None = None
    latest: date | None = None
    value: str | None = None


UNRESOLVED = Value("unresolved")


def on_day(day: date) -> Value:
    return Value("day", day, day, day.isoformat())


def in_month(year: int, month: int) -> Value:
    return Value("month", date(year, month, 1), month_end(year, month), f"{year:04d}-{month:02d}")


def in_year(year: int) -> Value:
    return Value("year", date(year, 1, 1), date(year, 12, 31), f"{year:04d}")


def between(earliest: date, latest: date) -> Value:
    if earliest > latest:
        earliest, latest = latest, earliest
    return Value("range", earliest, latest, f"{earliest.isoformat()}/{latest.isoformat()}")


def years_between(first: int, last: int) -> Value:
    return between(date(first, 1, 1), date(last, 12, 31))


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def period(day: date, unit: str, offset: int = 0) -> tuple[date, date]:
    """The calendar week/month/year/decade holding ``day``, moved by ``offset`` periods."""
    unit = unit.lower()
    if unit == "week":
        start, end = week_of(day + timedelta(weeks=offset))
        return start, end
    if unit == "weekend":
        saturday = week_of(day + timedelta(weeks=offset))[0] + timedelta(days=5)
        return saturday, saturday + timedelta(days=1)
    if unit == "month":
        first = add_months(day.replace(day=1), offset)
        return first, month_end(first.year, first.month)
    if unit == "year":
        return date(day.year + offset, 1, 1), date(day.year + offset, 12, 31)
    start = (day.year // 10 + offset) * 10  # decade
    return date(start, 1, 1), date(start + 9, 12, 31)


def period_value(day: date, unit: str, offset: int = 0) -> Value:
    start, end = period(day, unit, offset)
    if unit == "month":
        return in_month(start.year, start.month)
    if unit == "year":
        return in_year(start.year)
    return between(start, end)


SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


def season(name: str, year: int) -> tuple[date, date]:
    """Meteorological seasons of the northern hemisphere; winter ``year`` runs Dec ``year`` - Feb."""
    first, last = SEASONS[name.lower()]
    if first == 12:
        return date(year, 12, 1), month_end(year + 1, 2)
    return date(year, first, 1), month_end(year, last)


def relative_season(name: str, which: str, today: date) -> Value:
    spans = [season(name, y) for y in range(today.year - 2, today.year + 2)]
    which = which.lower()
    if which == "last":
        start, end = [s for s in spans if s[1] < today][-1]
    elif which in ("next", "coming"):
        start, end = next(s for s in spans if s[0] > today)
    else:  # this: the one under way, else the next one this year, else the last one
        current = [s for s in spans if s[0] <= today <= s[1]]
        ahead = [s for s in spans if s[0] > today and s[0].year == today.year]
        start, end = (current or ahead or [s for s in spans if s[1] < today][-1:])[0]
    return between(start, end)


def part_of_year(part: str, year: int) -> tuple[date, date]:
    part = " ".join(part.lower().replace("-", " ").split())
    part = part.removeprefix("the ").removeprefix("in ")
    months = {"early": (1, 4), "mid": (5, 8), "middle of": (5, 8), "late": (9, 12), "end of": (10, 12),
              "beginning of": (1, 3), "start of": (1, 3), "first half of": (1, 6), "second half of": (7, 12),
              "first quarter of": (1, 3), "second quarter of": (4, 6), "third quarter of": (7, 9),
              "fourth quarter of": (10, 12), "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12)}
    if part in SEASONS:
        return season(part, year)
    first, last = months[part]
    if part == "end of":  # "the end of the year": its last month
        first = 12
    return date(year, first, 1), month_end(year, last)


def part_of_month(part: str, year: int, month: int) -> tuple[date, date]:
    part = " ".join(part.lower().replace("-", " ").split()).removeprefix("the ")
    last = calendar.monthrange(year, month)[1]
    days = {"early": (1, 10), "beginning of": (1, 10), "start of": (1, 10), "mid": (11, 20),
            "middle of": (11, 20), "late": (21, last), "end of": (21, last)}[part]
    return date(year, month, days[0]), date(year, month, days[1])


def nearest_year(today: date, month: int, day: int) -> int:
    """The year that puts ``month``/``day`` nearest ``today`` (within six months either way)."""
    best = None
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            gap = abs((date(year, month, day) - today).days)
        except ValueError:
            continue
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best else today.year


# -- patterns --------------------------------------------------------------------------------------

@dataclass
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, date | None], Value | None]
    #: the group that is the mention (default: the whole match)
    group: str | int = 0


RULES: list[Rule] = []


def rule(name: str, pattern: str, flags: int = 0, group: str | int = 0):
    def register(func):
        RULES.append(Rule(name, re.compile(pattern, flags), func, group))
        return func

    return register


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# absolute, day precision

@rule("month-day-year", rf"\b(?:{WEEKDAY},?\s+)?(?P<m>{MONTH})\s*{_DAY},?\s+{_YEAR}\b")
@rule("day-month-year", rf"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<m>{MONTH}),?\s+{_YEAR}\b")
def _day_month_year(m: re.Match, today: date | None) -> Value | None:
    day = _safe_date(int(m["y"]), _month(m["m"]), int(m["d"]))
    return on_day(day) if day else None


@rule("iso", r"(?<![\d/.-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?![\d-])")
@rule("dotted", r"(?<![\d.])(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})(?![\d.]\d)")
def _numeric(m: re.Match, today: date | None) -> Value | None:
    day = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return on_day(day) if day and 1000 <= day.year <= 2099 else None


@rule("slashed", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])")
def _slashed(m: re.Match, today: date | None) -> Value | None:
    a, b = int(m["a"]), int(m["b"])
    month, day = (b, a) if a > 12 else (a, b)  # US order unless the first number cannot be a month
    found = _safe_date(int(m["y"]), month, day)
    return on_day(found) if found else None


@rule("month-day", rf"\b(?:{WEEKDAY},?\s+)?(?P<m>{MONTH})\s*{_DAY}(?![\d:])(?!,\s*\d)")
@rule("day-month", rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<m>{MONTH})(?!,?\s*\d)")
def _day_month(m: re.Match, today: date | None) -> Value | None:
    month, day = _month(m["m"]), int(m["d"])
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None
    if today is None:
        return UNRESOLVED
    found = _safe_date(_year_by_tense(m, today, month, day), month, day)
    return on_day(found) if found else None


def _year_by_tense(m: re.Match, today: date, month: int, day: int) -> int:
    """The year of a day and month given without one: the last occurrence up to the document date after
    "since" or in a past clause, the next one from it in a future clause, else the nearest."""
    before = m.string[max(0, m.start() - 12):m.start()].lower()
    tense = "past" if re.search(r"\bsince\s+(?:the\s+)?$", before) else clause_tense(m.string, m.start(), m.end())
    if tense is None:
        return nearest_year(today, month, day)
    year = today.year
    if tense == "past" and (month, day) > (today.month, today.day):
        year -= 1
    elif tense == "future" and (month, day) < (today.month, today.day):
        year += 1
    return year


# absolute, month and year

@rule("month-year", rf"\b(?P<m>{MONTH}),?\s+(?:of\s+)?{_YEAR}\b")
def _month_year(m: re.Match, today: date | None) -> Value:
    return in_month(int(m["y"]), _month(m["m"]))


@rule("month-short-year", rf"\b(?P<m>{MONTH}),?\s+(?:of\s+)?[’'‘](?P<yy>\d{{2}})\b")
def _month_short_year(m: re.Match, today: date | None) -> Value:
    yy = int(m["yy"])
    pivot = today.year % 100 + 10 if today else 50  # never the clock: runs must be reproducible
    return in_month((2000 if yy <= pivot else 1900) + yy, _month(m["m"]))


@rule("month-of-relative-year", rf"\b(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<w>(?i:last|this|next))\s+year\b")
def _month_of_relative_year(m: re.Match, today: date | None) -> Value:
    if today is None:
        return UNRESOLVED
    return in_month(today.year + {"last": -1, "this": 0, "next": 1}[m["w"].lower()], _month(m["m"]))


_TIME_WORD = (r"(?i:in|since|until|till|by|from|through|throughout|during|before|after|early|late|mid-|"
              r"last|next|this|coming|past|end\s+of|beginning\s+of|start\s+of|middle\s+of|to|and|or)")


@rule("month-alone", rf"(?P<w>\b(?:(?i:the)\s+)?{_TIME_WORD})\s*(?P<m>{MONTH})(?![’']s)(?!\s+\d)")
def _month_alone(m: re.Match, today: date | None) -> Value | None:
    word = " ".join(m["w"].lower().split()).removeprefix("the ")
    month = _month(m["m"])
    if word in ("to", "and", "or"):  # only as the second month of a span: "from March to May"
        before = m.string[max(0, m.start() - 40):m.start()]
        if not re.search(rf"{MONTH}\s*$", before):
            return None
    if today is None:
        return UNRESOLVED
    before = m.string[max(0, m.start() - 6):m.start()].lower()
    if word in ("last", "past", "since") or (word == "in" and before.endswith("back ")):
        year = today.year - (month >= today.month if word in ("last", "past") else month > today.month)
    elif word in ("next", "coming"):
        year = today.year + (month <= today.month)
    elif word in ("until", "till", "by"):
        year = today.year + (month < today.month)
    else:  # the occurrence nearest the document date
        year = nearest_year(today, month, 15)
    if word in ("early", "late", "mid-", "end of", "beginning of", "start of", "middle of"):
        return between(*part_of_month(word, year, month))
    return in_month(year, month)


def _month_alone_span(m: re.Match) -> tuple[int, int]:
    word = " ".join(m["w"].lower().split()).removeprefix("the ")
    keep = word in ("last", "next", "this", "coming", "past", "early", "late", "mid-", "end of",
                    "beginning of", "start of", "middle of")
    return (m.start("w") if keep else m.start("m")), m.end("m")


@rule("year-span", rf"(?<![\d.,/-]){_YEAR}(?:[-–/](?P<y2>\d{{4}}|\d{{2}})|\s[-–]\s(?P<y3>\d{{4}}))(?![\d.,/-]\d)")
def _year_span(m: re.Match, today: date | None) -> Value | None:
    first, second = int(m["y"]), m["y2"] or m["y3"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if not first < last <= first + 100:
        return None
    return years_between(first, last)


@rule("decade", r"\b(?:the\s+)?(?:(?P<q>early|mid|late)[\s-]+)?(?P<c>1\d|20)(?P<d>\d)0[’']?s\b", I)
def _decade(m: re.Match, today: date | None) -> Value:
    start = int(m["c"] + m["d"] + "0")
    first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), None: (0, 9)}[(m["q"] or "").lower() or None]
    return years_between(start + first, start + last)


_ORDINAL_CENTURY = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}


@rule("century", r"\b(?:the\s+)?(?P<n>1\d|2[01])(?:st|nd|rd|th)\s+century\b|"
                 r"\b(?:the\s+)?(?P<w>nineteenth|twentieth|twenty-first)\s+century\b", I)
def _century(m: re.Match, today: date | None) -> Value:
    n = int(m["n"]) if m["n"] else _ORDINAL_CENTURY[m["w"].lower()]
    return years_between((n - 1) * 100 + 1, n * 100)


_PART = (r"(?:(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half|first\s+quarter|"
         r"second\s+quarter|third\s+quarter|fourth\s+quarter)\s+of|early|mid-?|late|(?:the\s+)?(?:spring|summer|"
         r"autumn|fall|winter)|Q[1-4])")


@rule("part-of-year", rf"\b(?P<by>(?:by|before)\s+)?(?P<p>{_PART})[\s-]*(?:of\s+)?{_YEAR}\b(?![\d,.]\d)", I)
def _part_of_year(m: re.Match, today: date | None) -> Value | None:
    part = re.sub(r"^the\s+", "", " ".join(m["p"].lower().rstrip("-").split()))
    start, end = part_of_year(part, int(m["y"]))
    if m["by"]:
        if today is None:
            return UNRESOLVED
        return between(min(today, end), end)
    return between(start, end)


# years standing alone

_NOT_BEFORE_YEAR = re.compile(
    r"(?:[$€£#№§]|\b(?:resolutions?|no|nos|number|numbers|art|article|articles|section|sections|para|paragraph|"
    r"page|pages|p|pp|flight|room|route|highway|model|code|chapter|rule|bill|h\.\s?r|hr|s|vol|volume|item|"
    r"case|docket|file|cve|iso|en|rfc|us\$|usd|eur|rub|top|over|under|about|nearly|almost|some|around|"
    r"approximately|exactly|than)\.?)\s*$|\d[,.]$|[A-Za-z]-?$",
    I,
)
_NOT_AFTER_YEAR = re.compile(
    r"^(?:\s*(?:%|percent|per\s*cent|people|persons|troops|soldiers|servicemen|men|women|children|dead|deaths|"
    r"killed|wounded|cases|km|kilomet(?:er|re)s|miles|met(?:er|re)s|tons|tonnes|dollars|euros|rubles|roubles|"
    r"yen|barrels|feet|hours|hrs|minutes|seconds|votes|members|times|units|pages|words|jobs|employees|"
    r"workers|refugees|migrants|families|homes|houses|vehicles|aircraft|planes|ships|tanks|missiles|rounds|"
    r"sq|square|acres|hectares|kg|mm|cm|gmt|utc|edt|est|[ap]\.?m\.?|a\.m|p\.m|others|more|fewer|less|of\s+them|"
    r"million|billion|thousand)\b|[,.:]\d|[-/]\d|\s*[+×*x]\s*\d)",
    I,
)
_YEAR_INTRO = re.compile(
    r"\b(?:in|since|until|till|by|from|through|during|before|after|of|between|and|to|circa|c\.|year|early|"
    r"late|mid-|spring|summer|autumn|fall|winter|fy)\s*$",
    I,
)


@rule("year", rf"(?<![\w$€£#№§.,'’/-]){_YEAR}(?![\w'’]|\.\d)")
def _year(m: re.Match, today: date | None) -> Value | None:
    year = int(m["y"])
    before = m.string[max(0, m.start() - 14):m.start()]
    after = m.string[m.end():m.end() + 16]
    if _NOT_BEFORE_YEAR.search(before) or _NOT_AFTER_YEAR.match(after):
        return None
    if year < 1800 and not _YEAR_INTRO.search(before):
        return None
    return in_year(year)


# relative: named days

@rule("named-day", r"\b(?:the\s+day\s+(?P<x>before\s+yesterday|after\s+tomorrow)|(?P<later>later\s+|earlier\s+)?"
                   r"(?P<w>today|tonight|yesterday|tomorrow)|(?P<this>this\s+(?:morning|afternoon|evening))|"
                   r"(?P<lastnight>last\s+night))\b", I)
def _named_day(m: re.Match, today: date | None) -> Value:
    if today is None:
        return UNRESOLVED
    if m["x"]:
        return on_day(today + timedelta(days=-2 if m["x"].lower().startswith("before") else 2))
    word = (m["w"] or "").lower()
    if m["lastnight"] or word == "yesterday":
        return on_day(today - timedelta(days=1))
    if word == "tomorrow":
        return on_day(today + timedelta(days=1))
    return on_day(today)


# relative: this / next / last period

@rule("this-period", r"\b(?P<w>this|next|last|the\s+coming|the\s+previous|the\s+past|the\s+last)\s+"
                     r"(?P<u>week|weekend|month|year|decade)\b(?!\s*-)", I)
def _this_period(m: re.Match, today: date | None) -> Value | None:
    if today is None:
        return UNRESOLVED
    word, unit = " ".join(m["w"].lower().split()), m["u"].lower()
    if word in ("the past", "the last"):  # "the past year": the twelve months up to the document date
        return between(shift(today, unit if unit != "weekend" else "week", -1), today)
    offset = {"this": 0, "next": 1, "the coming": 1, "last": -1, "the previous": -1}[word]
    return period_value(today, unit, offset)


@rule("this-season", r"\b(?P<w>this|next|last|the\s+coming|the\s+past)\s+(?P<s>spring|summer|autumn|fall|winter)\b",
      I)
def _this_season(m: re.Match, today: date | None) -> Value:
    if today is None:
        return UNRESOLVED
    word = m["w"].lower().split()[-1]
    return relative_season(m["s"], {"coming": "next", "past": "last"}.get(word, word), today)


@rule("later-this", r"\b(?P<w>later|earlier)\s+(?:(?:this|in\s+the)\s+)?(?P<u>week|month|year|decade|summer|"
                    r"spring|autumn|fall|winter)\b", I)
def _later_this(m: re.Match, today: date | None) -> Value:
    if today is None:
        return UNRESOLVED
    unit = m["u"].lower()
    start, end = _season_or_period(unit, today)
    if m["w"].lower() == "later":
        return between(today, end)
    return between(start, today)


def _season_or_period(unit: str, today: date) -> tuple[date, date]:
    if unit in SEASONS:
        value = relative_season(unit, "this", today)
        return value.earliest, value.latest
    return period(today, unit)


@rule("end-of-period", r"\b(?P<by>(?:by|before)\s+)?(?P<p>the\s+(?:end|beginning|start|middle|first\s+half|"
                       r"second\s+half)\s+of\s+(?:the|this|next|last)\s+(?P<u>week|month|year|decade))\b|"
                       r"\b(?P<by2>(?:by|before)\s+)?(?P<ye>(?:the\s+)?(?:year|month)[’']s\s+end|(?:the\s+)?"
                       r"(?:year|month)-end)\b", I)
def _end_of_period(m: re.Match, today: date | None) -> Value:
    if today is None:
        return UNRESOLVED
    if m["ye"]:
        unit, which, part = ("year" if "year" in m["ye"].lower() else "month"), "the", "end of"
    else:
        words = m["p"].lower().split()
        which, unit = words[-2], words[-1]
        part = " ".join(words[1:-3]) + " of"
    offset = {"the": 0, "this": 0, "next": 1, "last": -1}[which]
    start, end = period(today, unit, offset)
    if unit == "year":
        start, end = part_of_year(part, start.year)
    elif unit == "month":
        start, end = part_of_month(part if part in ("end of", "beginning of", "start of", "middle of") else "end of",
                                   start.year, start.month) if "half" not in part else (start, end)
    elif part == "end of":
        start = max(start, end - timedelta(days=2 if unit == "week" else 729))
    if m["by"] or m["by2"]:
        return between(min(today, end), end)
    return between(start, end)


@rule("part-of-relative-year",
      r"\b(?P<by>(?:by|before)\s+)?(?P<p>early|mid-?|late)\s*(?P<w>this|next|last)\s+year\b", I)
def _part_of_relative_year(m: re.Match, today: date | None) -> Value:
    if today is None:
        return UNRESOLVED
    year = today.year + {"this": 0, "next": 1, "last": -1}[m["w"].lower()]
    start, end = part_of_year(m["p"].rstrip("-"), year)
    if m["by"]:
        return between(min(today, end), end)
    return between(start, end)


# relative: counted periods

@rule("in-n", rf"\b(?P<s>(?P<w>in|within|the\s+next|the\s+coming)\s+(?P<n>{COUNT})\s+(?P<u>{UNIT})"
              rf"(?:[’']\s*time|\s+time|\s+from\s+now)?)\b", I, group="s")
def _in_n(m: re.Match, today: date | None) -> Value | None:
    before = m.string[max(0, m.start() - 30):m.start()].lower()
    if re.search(r"(?:time|first|highest|lowest|most|least|best|worst|largest|biggest|once|twice)\s+(?:ever\s+)?$",
                 before):
        return None  # "the first time in two years": a duration looking back
    word = m["w"].lower()
    looks_ahead = re.search(r"time|now", m["s"], I)
    if word == "in" and not looks_ahead and (
            _PERFECT.search(m.string[max(0, m.start() - 60):m.start()])
            or clause_tense(m.string, m.start(), m.end()) == "past"):
        return None  # "haven't seen in 30 years", "did more in three years": a duration, not a date
    if today is None:
        return UNRESOLVED
    low, high = _count(m["n"])
    unit = m["u"].lower().rstrip("s")
    if word == "in" and low == high:
        target = shift(today, unit, low)
        if unit in ("day", "week"):
            return on_day(target)
        if unit == "month":
            return in_month(target.year, target.month)
        return in_year(target.year)
    if word == "in":
        return between(shift(today, unit, low), shift(today, unit, high))
    return between(today, shift(today, unit, high))


_PERFECT = re.compile(r"\b(?:has|have|had|haven[’']t|hasn[’']t|hadn[’']t|never|ever|not)\b[^.?!;]*$", I)


@rule("n-ago", rf"\b(?P<n>{COUNT})\s+(?P<u>{UNIT})\s+ago\b", I)
def _n_ago(m: re.Match, today: date | None) -> Value | None:
    if today is None:
        return UNRESOLVED
    low, high = _count(m["n"])
    unit = m["u"].lower().rstrip("s")
    if low != high:
        if unit in ("year", "decade"):
            first, last = shift(today, unit, -high).year, shift(today, unit, -low).year
            return years_between(first, last)
        return between(shift(today, unit, -high), shift(today, unit, -low))
    target = shift(today, unit, -low)
    if unit in ("day", "week"):
        return on_day(target)
    if unit == "month":
        return in_month(target.year, target.month)
    return in_year(target.year)


RECENT = {"day": ("day", 7), "week": ("week", 6), "month": ("month", 6), "year": ("year", 5), "decade": ("year", 20)}


@rule("recent", rf"\b(?:recent\s+(?P<u>days|weeks|months|years|decades)|(?P<pl>the\s+(?:past|last|previous)\s+"
                rf"(?:(?P<n>{COUNT})\s+)?(?P<u2>{UNIT})))\b", I)
def _recent(m: re.Match, today: date | None) -> Value | None:
    unit = (m["u"] or m["u2"]).lower()
    if m["pl"] and not m["n"] and not unit.endswith("s"):
        return None  # "the past year" is the this-period rule's
    if today is None:
        return UNRESOLVED
    base = unit.rstrip("s")
    if m["n"]:
        return between(shift(today, base, -_count(m["n"])[1]), today)
    step, n = RECENT[base]
    return between(shift(today, step, -n), today)


@rule("coming", r"\b(?:the\s+)?(?:coming|upcoming)\s+(?P<u>days|weeks|months|years)\b", I)
def _coming(m: re.Match, today: date | None) -> Value | None:
    if today is None:
        return UNRESOLVED
    step, n = RECENT[m["u"].lower().rstrip("s")]
    return between(today, shift(today, step, n))


# relative: weekdays

_NOT_A_WEEKDAY_BEFORE = re.compile(r"\b(?:black|good|cyber|super|bloody|ash|palm|easter|holy|maundy|shrove|fat|"
                                   r"giving|low|whit|trinity|mothering|rose)\s+$", I)


@rule("weekday", rf"\b(?:(?P<w>(?i:last|next|this|this\s+coming|this\s+past|coming|past))\s+)?(?P<d>{WEEKDAY})"
                 r"(?!s\b)(?!\w)")
def _weekday(m: re.Match, today: date | None) -> Value | None:
    if _NOT_A_WEEKDAY_BEFORE.search(m.string[max(0, m.start() - 12):m.start()]):
        return None
    if today is None:
        return UNRESOLVED
    target = WEEKDAYS.index(m["d"].capitalize())
    ahead = (target - today.weekday()) % 7  # 0..6 days forward
    word = " ".join((m["w"] or "").lower().split())
    if word in ("last", "past", "this past"):
        back = (today.weekday() - target) % 7 or 7
        return on_day(today - timedelta(days=back))
    if word in ("next", "coming", "this coming"):
        return on_day(today + timedelta(days=ahead or 7))
    tense = clause_tense(m.string, m.start(), m.end())
    if tense == "future":
        return on_day(today + timedelta(days=ahead))
    if tense == "past":
        return on_day(today - timedelta(days=(today.weekday() - target) % 7))
    return on_day(today + timedelta(days=ahead if ahead <= 3 else ahead - 7))


_FUTURE = re.compile(r"\b(?:will|shall|going\s+to|gonna|upcoming|plans?\s+to|expects?\s+to|"
                     r"(?:is|are)\s+(?:set|scheduled|due|expected)\s+to)\b|[’']ll\b", I)
_PAST = re.compile(r"\b(?:was|were|did|had|happened|met|said|spoke|told|announced|signed|held|talked|mentioned|"
                   r"released|came|went|saw|made|took|returned|visited|left|arrived|called|asked|discussed)\b", I)


def clause_tense(text: str, start: int, end: int) -> str | None:
    """"future" or "past" when the clause around a mention has only markers of one, else None.

    A bare weekday is read forward in a clause that says "will"/"'ll"/"going to", backward in one with
    a past-tense verb from a short list, and as the nearest occurrence otherwise."""
    left = text.rfind(".", max(0, start - 90), start)
    left = max(left + 1, start - 90, 0)
    stops = [i for i in (text.find(".", end, end + 90), text.find("?", end, end + 90)) if i >= 0]
    right = min(stops) if stops else min(len(text), end + 90)
    clause = text[left:start] + " " + text[end:right]
    future, past = bool(_FUTURE.search(clause)), bool(_PAST.search(clause))
    if future != past:
        return "future" if future else "past"
    return None


# -- finding -----------------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+(?:\.[\w-]+)+/\S*", I)


@dataclass
class Found:
    start: int
    end: int
    rule: str
    value: Value


def candidates(text: str, today: date | None) -> Iterator[Found]:
    for spec in RULES:
        for m in spec.pattern.finditer(text):
            value = spec.resolve(m, today)
            if value is None:
                continue
            start, end = _month_alone_span(m) if spec.name == "month-alone" else m.span(spec.group)
            start, end = _trim(text, start, end)
            if "\n\n" in text[start:end]:
                continue  # never across a paragraph break
            yield Found(start, end, spec.name, value)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,\n\t":
        end -= 1
    return start, end


def find_dates(text: str, today: date | None) -> list[Found]:
    """Every date expression in ``text``: the longest match wins where candidates overlap."""
    urls = [m.span() for m in _URL.finditer(text)]
    chosen: list[Found] = []
    taken: list[tuple[int, int]] = []
    for found in sorted(candidates(text, today), key=lambda f: (-(f.end - f.start), f.start)):
        if any(s < found.end and found.start < e for s, e in taken):
            continue
        if any(s <= found.start and found.end <= e for s, e in urls):
            continue
        chosen.append(found)
        taken.append((found.start, found.end))
    return sorted(chosen, key=lambda f: f.start)


def mention(text: str, found: Found) -> DateMention:
    v = found.value
    return DateMention(
        text=text[found.start:found.end], start=found.start, end=found.end, value=v.value, precision=v.precision,
        earliest=v.earliest.isoformat() if v.earliest else None, latest=v.latest.isoformat() if v.latest else None,
    )


# -- the document date -----------------------------------------------------------------------

DATELINE_LINES = 5


def dateline(doc: Document) -> tuple[date, int] | None:
    """The date a dateline gives (and its offset), from the first non-empty lines or the first statement."""
    starts = []
    pos = 0
    for line in doc.text.split("\n"):
        if line.strip():
            starts.append(pos)
            if len(starts) == DATELINE_LINES:
                break
        pos += len(line) + 1
    statements = [s.start for s in doc.segments if s.kind == "statement"]
    if statements and statements[0] not in starts:
        starts.append(statements[0])
    for start in starts:
        line = doc.text[start:doc.text.find("\n", start) if "\n" in doc.text[start:] else len(doc.text)]
        for found in find_dates(line[:120], None):
            if found.value.precision != "day" or found.start > 45:
                continue
            head = line[:found.start]
            tail = line[found.end:found.end + 3]
            head_ok = not head.strip() or re.fullmatch(r"[A-Z][\w.'’ ,-]{0,60}(?:,|[-–—:])\s*", head)
            tail_ok = not tail.strip() or tail.lstrip()[:1] in "-–—(|,:." or line[found.end:].strip() == ""
            if head_ok and tail_ok:
                return date.fromisoformat(found.value.value), start + found.start
    return None


@stage("dates", requires=("segments",), assigns=("dates",))
def dates(doc: Document) -> Document:
    """Date expressions, absolute and relative, resolved against the document date."""
    if doc.date:
        doc.meta["date_source"] = "input"
    else:
        found = dateline(doc)
        if found:
            doc.date = found[0].isoformat()
            doc.meta["date_source"] = "dateline"
    today = _parse_date(doc.date)
    doc.dates = [mention(doc.text, f) for f in find_dates(doc.text, today)]
    return doc


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None

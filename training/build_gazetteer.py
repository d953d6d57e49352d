"""Build ``src/parley/resources/gazetteer.json`` and ``entity_patterns.json`` from ../shared/data.

Usage: ``python training/build_gazetteer.py [--data ../shared/data]``. Deterministic: the same inputs
give byte-identical files (sorted keys, sorted lists, no timestamps).

Sources (each folder's SOURCE.md names repository, commit and licence):

- ``cameo-codes/countrynames.txt`` (MIT): country names -> ISO-based CAMEO codes.
- ``petrarch2-dictionaries/Phoenix.Countries.actors.txt`` and ``Phoenix.International.actors.txt``
  (MIT, a 2014 snapshot): country blocks (names, demonyms, cities and regions), people with dated
  country+sector codes (``[JPNGOV 060926-070926]``), organisations with IGO/NGO codes.
- ``petrarch2-dictionaries/Phoenix.MilNonState.actors.txt`` (MIT): non-state armed groups with the
  country (or ``IMG``, transnational) their code names.
- ``ngec-plover-agents/PLOVER_agents.txt`` (MIT): role nouns -> PLOVER sector (``MINISTER [~GOV]``).
- ``ungdc/speakers_by_session.csv`` (CC0): who spoke for which country, in which year and post.
- ``src/parley/resources/actors_supplement.json``: our own hand-written facts (current leaders and
  offices the 2014 data lacks, capitals used as metonyms, demonyms, key organisations); it wins
  over generated entries.

Only names, codes and dates are taken (facts, not prose). The output records sources and licences.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "src" / "parley" / "resources"
SOURCES = [
    {"path": "cameo-codes/countrynames.txt", "repository": "openeventdata/text_to_CAMEO", "licence": "MIT"},
    {"path": "petrarch2-dictionaries/Phoenix.Countries.actors.txt", "repository": "openeventdata/petrarch2",
     "licence": "MIT (Copyright (c) 2014/2015 Open Event Data Alliance)"},
    {"path": "petrarch2-dictionaries/Phoenix.International.actors.txt", "repository": "openeventdata/petrarch2",
     "licence": "MIT (Copyright (c) 2014/2015 Open Event Data Alliance)"},
    {"path": "petrarch2-dictionaries/Phoenix.MilNonState.actors.txt", "repository": "openeventdata/petrarch2",
     "licence": "MIT (Copyright (c) 2014/2015 Open Event Data Alliance)"},
    {"path": "ngec-plover-agents/PLOVER_agents.txt", "repository": "ahalterman/NGEC-2025",
     "licence": "MIT (Copyright (c) 2014 Open Event Data Alliance)"},
    {"path": "ungdc/speakers_by_session.csv",
     "repository": "SarahFranzen/Emotions_in_the_United_Nations_General_Debates (UN General Debate Corpus, "
                   "Jankin, Baturo & Dasandi)", "licence": "CC0"},
    {"path": "src/parley/resources/actors_supplement.json", "repository": "parley (hand-written)",
     "licence": "same as parley"},
]

#: CAMEO sector codes renamed to PLOVER's (CAMEO MED = media, HLH = health)
CAMEO_TO_PLOVER = {"MED": "JRN", "HLH": "MED"}
#: words written lower case inside names ("Minister of Foreign Affairs", "Lula da Silva")
LOWER_WORDS = {"of", "the", "and", "for", "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la",
               "le", "van", "von", "der", "den", "al", "el", "bin", "ibn", "on", "in", "to", "y", "e"}
_ORG_WORDS = re.compile(r"\b(UNION|NATIONS|ORGANI[SZ]ATION|COUNCIL|AGENCY|COMMISSION|BANK|FUND|COURT|PARTY|"
                        r"COMMITTEE|ASSOCIATION|PROGRAM+E?|OFFICE|MINISTRY|FORCES?|ARMY|GROUP|FRONT|MOVEMENT|"
                        r"LEAGUE|ALLIANCE|INSTITUTE|FOUNDATION|FEDERATION|TRIBUNAL|PANEL|CONFERENCE|FORUM|"
                        r"SECRETARIAT|AUTHORITY|CENTRE|CENTER|COMMUNITY|PARLIAMENT|ASSEMBLY|BOARD|SOCIETY|CROSS|"
                        r"CRESCENT|INITIATIVE|MISSION|NETWORK|COALITION|WATCH|INTERNATIONAL|SECRETARY|CHIEF|"
                        r"PEACEKEEPERS?|TROOPS|COUNTRIES|MINISTERS|OFFICIALS?|DELEGATES?|SUMMIT|TREATY)\b")
#: CAMEO country codes that differ from ISO 3166 alpha-3 (Kosovo: the user-assigned XKX in common use)
CAMEO_TO_ISO = {"TMP": "TLS", "KSV": "XKX", "ANT": "ATA"}
#: CAMEO/PLOVER sector codes (what follows the country in "JPNGOV"); anything else there is a region
SECTOR_CODES = {"GOV", "MIL", "REB", "CRM", "REL", "CVL", "BUS", "LEG", "JUD", "COP", "MED", "JRN", "EDU", "OPP",
                "UAF", "SPY", "AGR", "PTY", "LAB", "ELI", "REF", "PRM", "SOC", "PRE", "NGO", "IGO", "HLH", "ENV",
                "HRI", "DEV", "IMG", "INS", "SEP", "RAD", "MOD", "IRC", "AMN", "GRN", "UNO", "INT", "NGM", "MNC"}
def _without_the(name: str) -> str:
    return name[4:] if name[:4].lower() == "the " else name


#: place names that are mostly ordinary words in English prose (kept out of the places list)
COMMON_WORDS = {"Male", "Providence", "Buffalo", "Phoenix", "Moonland", "Split", "Nice", "Reading", "Mobile"}
#: words of state names that say nothing of whose name it is
_NAME_WORDS = {"REPUBLIC", "FEDERAL", "DEMOCRATIC", "PEOPLE", "PEOPLES", "KINGDOM", "UNITED", "STATES", "STATE",
               "ISLANDS", "ISLAND", "SAINT", "NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "ISLAMIC", "ARAB", "GREAT",
               "NEW", "UNION", "COMMONWEALTH", "PRINCIPALITY", "GRAND", "DUCHY", "SOCIALIST", "TERRITORY",
               "OCCUPIED", "PLURINATIONAL", "BOLIVARIAN", "FORMER", "YUGOSLAV", "GUINEA", "COAST"}
_DEMONYM_SUFFIX = re.compile(r"(ESE|IAN|AN|ISH|I|CH|IC|INE)$")
_CODE = re.compile(r"\[([^\]]*)\]")
_HONORIFIC = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|H\.\s?E|HE|Sir|Dame|Prof|General|Gen|Sheikh|Shaikh|Archbishop)\.?\s+)+")


def nice(raw: str) -> str:
    """A dictionary name (``SERGEY_V._LAVROV_``) written as a name (``Sergey V. Lavrov``)."""
    words = raw.replace("_", " ").split()
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if i and low in LOWER_WORDS:
            out.append(low)
        elif len(word) <= 5 and "." not in word and not re.search(r"[AEIOUY]", word[1:] or "A"):
            out.append(word)  # an acronym such as "NATO"-like consonant clusters ("UNHCR", "IMF")
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out).strip()


def key(name: str) -> str:
    """Accent- and case-free form of a name, for merging entries."""
    text = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().replace(".", " ").split())


def parse_date(text: str, end: bool = False) -> str | None:
    """Phoenix dates: ``YYMMDD`` (two-digit years pivot at 30) or ``YYYYMMDD`` -> ``YYYY-MM-DD``."""
    text = text.strip()
    if not text.isdigit():
        return None
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    if len(text) != 8:
        return None
    month, day = text[4:6], text[6:8]
    if month == "00":
        month = "12" if end else "01"
    if day == "00":
        day = "28" if end else "01"
    return f"{text[:4]}-{month}-{day}"


def parse_code(raw: str) -> dict | None:
    """``JPNGOV 060926-070926`` -> {"code": "JPNGOV", "from": ..., "to": ...}."""
    parts = raw.split()
    if not parts or not re.fullmatch(r"[A-Z~-]{3,}", parts[0]) or parts[0].startswith("-"):
        return None
    code, span = parts[0].lstrip("~"), " ".join(parts[1:]).replace(" ", "")
    start = stop = None
    if span.startswith(">"):
        start = parse_date(span[1:])
    elif span.startswith("<"):
        stop = parse_date(span[1:], end=True)
    elif "-" in span:
        a, b = span.split("-", 1)
        start, stop = parse_date(a), parse_date(b, end=True)
    return {"code": code, "from": start, "to": stop}


def read_actor_file(path: Path) -> list[dict]:
    """Entries of a TABARI ``.actors`` file: name, synonyms, codes, comment."""
    entries: list[dict] = []
    current: dict | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        if not body.strip():
            if current is not None and comment and not current["comment"]:
                current["comment"] = comment.strip()
            continue
        codes = [c for c in (parse_code(m) for m in _CODE.findall(body)) if c]
        name = _CODE.sub("", body).strip()
        if line[:1] in (" ", "\t") or not name:
            if current is not None:
                current["codes"] += codes
            continue
        if name.startswith("+"):
            if current is not None:
                current["synonyms"].append(name[1:].strip())
                current["codes"] += codes
            continue
        current = {"name": name, "synonyms": [], "codes": codes, "comment": comment.strip()}
        entries.append(current)
    return entries


def sector_of(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a CAMEO actor code: ``JPNGOV`` -> (JPN, GOV), ``IGOUNOKID`` -> (IGO, UNO)."""
    country, rest = CAMEO_TO_ISO.get(code[:3], code[:3]), code[3:6]
    if not rest:
        return country, None
    return country, CAMEO_TO_PLOVER.get(rest, rest)


def country_names(data: Path) -> dict[str, str]:
    """Lower-cased country name -> ISO alpha-3 (dependencies such as USAPRI are left out)."""
    names = {}
    for line in (data / "cameo-codes" / "countrynames.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[A-Z]{3}", parts[1].strip()):
            names[parts[0].strip()] = CAMEO_TO_ISO.get(parts[1].strip(), parts[1].strip())
    return names


def build_states(data: Path, phoenix: list[dict], supplement: dict) -> dict:
    states: dict[str, dict] = defaultdict(lambda: {"name": None, "names": set(), "demonyms": set(),
                                                   "metonyms": set(), "places": set()})
    for name, code in country_names(data).items():
        state = states[code]
        state["names"].add(name)
        state["name"] = state["name"] or name
    for entry in phoenix:
        code = _state_code(entry)
        if code is None or code not in states:
            continue
        state = states[code]
        known = {key(n) for n in state["names"]}
        for raw in [entry["name"], *entry["synonyms"]]:
            name = nice(raw)
            if not name or key(name) in known:
                continue
            if _is_demonym(raw.strip("_ ").upper(), state["names"]):
                state["demonyms"].add(name)
            else:
                state["places"].add(name)
    for code, extra in supplement["states"].items():
        state = states[code]
        if extra.get("names"):
            state["name"] = extra["names"][0]  # our canonical short name ("Russia", not "Russian Federation")
        state["names"].update(extra.get("names", []))
        state["demonyms"].update(extra.get("demonyms", []))
        state["metonyms"].update(extra.get("metonyms", []))
        state["places"].update(extra.get("places", []))
    for state in states.values():  # people of a nationality: "Albanians", "Iraqis"
        state["demonyms"].update(_plural(d) for d in list(state["demonyms"]) if _plural(d))
        state["places"] -= state["demonyms"]
    out = {}
    for code in sorted(states):
        state = states[code]
        taken = {key(n) for n in state["names"] | state["demonyms"] | state["metonyms"]}
        # "The United States" is the state itself, not a place in it: a place that is a name of the state
        # once "the" is dropped would swallow the name (longest match wins) and hide the actor
        state["places"] = {p for p in state["places"] if key(p) not in taken and key(_without_the(p)) not in taken
                           and len(p) > 2 and p not in COMMON_WORDS}
        lists = {k: sorted(state[k]) for k in ("names", "demonyms", "metonyms", "places")}
        out[code] = {"name": state["name"], **lists}
    return out


def _state_code(entry: dict) -> str | None:
    """The ISO code of a Phoenix country block: its one three-letter code, or of several dated ones (a state
    that changed its code, "SERBIA [SRB] ... [YUGSRB <920427] [SRB >060605]") the current one."""
    codes = [c for c in entry["codes"] if re.fullmatch(r"[A-Z]{3}", c["code"])]
    if not codes:
        return None
    if len(entry["codes"]) > 1:
        current = [c for c in codes if c["to"] is None and c["from"] is not None]
        if not current:
            return None
        codes = current
    return CAMEO_TO_ISO.get(codes[0]["code"], codes[0]["code"])


def _is_demonym(word: str, names: set[str]) -> bool:
    """A one-word synonym of a country block that names its people: it shares the first three letters of a
    word of the country's name and ends like a demonym ("IVORIAN", "IRISH"), or is a shorter form of that
    word ("KYRGYZ" of Kyrgyzstan, "UZBEK" of Uzbekistan)."""
    if " " in word.replace("_", " ") or len(word) < 4:
        return False
    stems = {w.upper() for n in names for w in re.findall(r"[A-Za-z]{4,}", n)} - _NAME_WORDS
    if any(word.startswith(w[:3]) and _DEMONYM_SUFFIX.search(word) for w in stems):
        return True
    if word.endswith("ISH") and any(word[:2] == w[:2] for w in stems):  # "IRISH" of Ireland
        return True
    return any(len(word) >= 5 and w.startswith(word) and len(w) - len(word) >= 2 for w in stems)


def _plural(demonym: str) -> str | None:
    """The plural of a demonym that has one ("Albanian" -> "Albanians", "Iraqi" -> "Iraqis")."""
    if demonym.endswith(("s", "ese", "stan")) or not re.search(r"(an|i|er)$", demonym):
        return None
    return demonym + "s"


def roles_from_codes(codes: list[dict]) -> list[dict]:
    roles = []
    for c in codes:
        country, sector = sector_of(c["code"])
        if country in (None, "---") or not re.fullmatch(r"[A-Z]{3}", country):
            continue
        roles.append({"role": None, "country": country, "sector": sector, "from": c["from"], "to": c["to"],
                      "source": "phoenix"})
    return roles


def build_people_and_orgs(phoenix_countries: list[dict], phoenix_intl: list[dict]) -> tuple[list[dict], list[dict]]:
    people, orgs = [], []
    for entry, file in [(e, "countries") for e in phoenix_countries] + [(e, "intl") for e in phoenix_intl]:
        codes = entry["codes"]
        if not codes or (len(codes) == 1 and re.fullmatch(r"[A-Z]{3}", codes[0]["code"])):
            continue  # a country block (handled by build_states) or an entry without codes
        raw = entry["name"].strip("_ ")
        roles = roles_from_codes(codes)
        if not roles:
            continue
        if file == "countries" and not ("CountryInfo" in entry["comment"] or "rulers" in entry["comment"]) \
                and not any(len(c["code"]) > 3 and c["code"][3:6] in SECTOR_CODES for c in codes):
            continue  # regions and sub-national places coded as country+region ("CRIMEA [USRUKR]")
        is_person = ("CountryInfo" in entry["comment"] or "rulers" in entry["comment"]) if file == "countries" else \
            not _ORG_WORDS.search(raw.replace("_", " ")) and 2 <= len(raw.replace("_", " ").split()) <= 4 \
            and not raw.startswith("THE_")
        name = nice(raw[4:] if raw.startswith("THE_") else raw)
        variants = sorted({nice(s.strip("_ ")) for s in entry["synonyms"]} | {name} - {""})
        if is_person:
            first = roles[0]
            people.append({"name": name, "variants": variants, "country": first["country"], "roles": roles})
        else:
            country, sector = roles[0]["country"], roles[0]["sector"]
            if country in ("NGO", "MNC"):  # the contract: non-state actors are IGO with sector NGO / MNC
                country, sector = "IGO", country
            orgs.append({"name": name, "variants": variants, "country": country, "sector": sector})
    return people, orgs


#: one-word names of armed groups that are ordinary English words in prose
_GROUP_WORDS = {"organization", "youth", "falcon", "tigers", "zero", "yahweh", "camo", "mavericks", "inevitables",
                "extraditables", "contras", "provos", "shahin", "eyal", "aleph", "hotaru", "clandestini"}


def armed_groups(entries: list[dict], phoenix_countries: list[dict]) -> list[dict]:
    """Non-state armed groups (``Phoenix.MilNonState.actors.txt``: "HEZBOLLAH_ [LBNREB]") as organisations of
    the country their code names; a transnational group (CAMEO ``IMG``) is ``IGO``, as the contract writes
    non-state international actors; a regional code ("WEUREB") gives no country. People listed in a
    group's block ("+KHALED_MESHAAL" under HAMAS) are left out: only names with an organisation's word or
    the block's own name are kept."""
    states = {_state_code(e) for e in phoenix_countries} - {None}
    out = []
    for entry in entries:
        codes = [c["code"] for c in entry["codes"]]
        raw = entry["name"].strip("_ ")
        if not codes or not raw:
            continue
        country = CAMEO_TO_ISO.get(codes[0][:3], codes[0][:3])
        country = "IGO" if country == "IMG" else country if country in states else None
        name = nice(raw[4:] if raw.startswith("THE_") else raw)
        variants = {name} | {nice(v.strip("_ ")) for v in entry["synonyms"]
                             if _ORG_WORDS.search(v.replace("_", " ")) or len(v.strip("_ ").split("_")) == 1}
        variants = {v for v in variants if len(v) > 2 and v[0].isalpha() and v.lower() not in _GROUP_WORDS}
        out.append({"name": name, "variants": sorted(variants), "country": country, "sector": "REB"})
    return out


def build_ungdc_people(data: Path) -> list[dict]:
    """People from the UN General Debate speaker list: one dated role per (person, post) run of years."""
    runs: dict[tuple[str, str, str], dict] = {}
    with open(data / "ungdc" / "speakers_by_session.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = _HONORIFIC.sub("", " ".join((row.get("Name of Person Speaking") or "").split())).strip()
            post = " ".join((row.get("Post") or "").split()).replace("Foregn", "Foreign")
            iso, year = (row.get("ISO Code") or "").strip(), (row.get("Year") or "").strip()
            if not name or not re.fullmatch(r"[A-Z]{3}", iso) or not year.isdigit() or name in ('"', "-"):
                continue
            post = "" if post in ('"', "-") else post
            run = runs.setdefault((key(name), iso, post.lower()), {"name": name, "country": iso, "role": post or None,
                                                                    "years": set()})
            run["years"].add(int(year))
    people: dict[tuple[str, str], dict] = {}
    for (name_key, iso, _), run in sorted(runs.items()):
        person = people.setdefault((name_key, iso), {"name": run["name"], "variants": [run["name"]], "country": iso,
                                                      "roles": []})
        years = sorted(run["years"])
        person["roles"].append({"role": run["role"], "country": iso, "sector": "GOV", "from": f"{years[0]}-01-01",
                                "to": f"{years[-1]}-12-31", "source": "ungdc"})
    return list(people.values())


def read_agents(data: Path) -> dict[str, str]:
    """Role noun (lower case, spaces) -> PLOVER sector, from the PLOVER agents dictionary."""
    agents = {}
    for line in (data / "ngec-plover-agents" / "PLOVER_agents.txt").read_text(encoding="utf-8",
                                                                             errors="replace").splitlines():
        match = re.match(r"^([A-Z][A-Z_' -]*?)\s*\[~([A-Z]{3})[A-Z]*\]", line)
        if match:
            noun = match.group(1).replace("_", " ").strip().lower()
            if noun and "!" not in noun:
                agents.setdefault(noun, match.group(2))
    agents.setdefault("minister", "GOV")
    return dict(sorted(agents.items()))


def merge_people(groups: list[list[dict]], supplement: dict) -> list[dict]:
    """One entry per person: keyed by (country, first and last name), the supplement winning."""
    merged: dict[tuple, dict] = {}

    def person_key(name: str, country: str) -> tuple:
        words = key(name).split()
        return (country, words[0], words[-1]) if words else (country,)

    for group in groups:
        for person in group:
            k = person_key(person["name"], person["country"])
            have = merged.get(k)
            if have is None:
                merged[k] = {"name": person["name"], "variants": set(person["variants"]), "country": person["country"],
                             "sector": person.get("sector"), "roles": list(person["roles"])}
            else:
                have["variants"].update(person["variants"])
                have["roles"] += person["roles"]
    for person in supplement["people"]:
        roles = [{"role": r["role"], "country": person["country"], "sector": person["sector"], "from": r["from"],
                  "to": r["to"], "source": "parley"} for r in person["roles"]]
        k = person_key(person["name"], person["country"])
        have = merged.get(k, {"variants": set(), "roles": []})
        merged[k] = {"name": person["name"], "variants": have["variants"] | set(person["variants"]) | {person["name"]},
                     "country": person["country"], "sector": person["sector"], "roles": roles + have["roles"]}
    out = []
    for person in merged.values():
        sectors = [r["sector"] for r in person["roles"] if r["sector"] and r["sector"] != "ELI"]
        person["sector"] = person["sector"] or (sectors[0] if sectors else "ELI" if person["roles"] else None)
        person["roles"] = sorted({json.dumps(r, sort_keys=True) for r in person["roles"]})
        person["roles"] = [compact_role(json.loads(r)) for r in person["roles"]]
        person["variants"] = sorted(v for v in person["variants"] if v)
        out.append(person)
    return sorted(out, key=lambda p: (p["name"], p["country"]))


#: a role is stored as a list in this order (keeps the shipped file small)
ROLE_FIELDS = ("role", "country", "sector", "from", "to", "source")
SOURCE_CODES = {"parley": "s", "ungdc": "u", "phoenix": "p"}


def compact_role(role: dict) -> list:
    """``[role, country, sector, from, to, source]`` with source abbreviated (s, u, p); see ROLE_FIELDS."""
    return [role["role"], role["country"], role["sector"], role["from"], role["to"], SOURCE_CODES[role["source"]]]


def merge_orgs(orgs: list[dict], supplement: dict) -> list[dict]:
    merged: dict[str, dict] = {}
    for org in orgs:
        entry = merged.setdefault(key(org["name"]), {**org, "variants": set(org["variants"])})
        entry["variants"].update(org["variants"])
    for org in supplement["organizations"]:
        merged[key(org["name"])] = {**org, "variants": set(org["variants"]) | {org["name"]}}
    # a supplement variant (e.g. "UN") must not also name a generated organisation
    claimed = {key(v) for org in supplement["organizations"] for v in org["variants"]}
    supplement_keys = {key(org["name"]) for org in supplement["organizations"]}
    out = []
    for k, org in sorted(merged.items()):
        if k not in supplement_keys:
            org["variants"] = {v for v in org["variants"] if key(v) not in claimed}
            if not org["variants"]:
                continue
        out.append({"name": org["name"], "variants": sorted(org["variants"]), "country": org["country"],
                    "sector": org["sector"]})
    return out


def entity_patterns(gazetteer: dict) -> list[dict]:
    """spaCy EntityRuler patterns: states and places (GPE), demonyms (NORP), organisations (ORG) and the
    supplement's people (PERSON), so the small model stops calling "Okinawa" a person."""
    patterns: dict[tuple[str, str], None] = {}
    for state in gazetteer["states"].values():
        for name in state["names"] + state["places"] + [m for m in state["metonyms"] if not m.startswith("the ")]:
            if name not in ("White House", "Kremlin", "Downing Street"):
                patterns[("GPE", name)] = None
        for name in state["demonyms"]:
            patterns[("NORP", name)] = None
    for org in gazetteer["organizations"]:
        if org["country"] == "IGO" or org["sector"] in ("PTY", "GOV", "LEG", "MIL"):
            for name in org["variants"]:
                if len(name) > 2 and not name.startswith("the "):
                    patterns[("ORG", name)] = None
    for person in gazetteer["people"]:
        if any(r[5] == "s" for r in person["roles"]):
            for name in person["variants"]:
                if " " in name:
                    patterns[("PERSON", name)] = None
    return [{"label": label, "pattern": text} for label, text in sorted(patterns)]


def build(data: Path) -> tuple[dict, list[dict]]:
    supplement = json.loads((RESOURCES / "actors_supplement.json").read_text(encoding="utf-8"))
    dictionaries = data / "petrarch2-dictionaries"
    countries = read_actor_file(dictionaries / "Phoenix.Countries.actors.txt")
    international = read_actor_file(dictionaries / "Phoenix.International.actors.txt")
    phoenix_people, phoenix_orgs = build_people_and_orgs(countries, international)
    phoenix_orgs += armed_groups(read_actor_file(dictionaries / "Phoenix.MilNonState.actors.txt"), countries)
    gazetteer = {
        "about": {
            "built_by": "training/build_gazetteer.py",
            "description": "People (name variants, country ISO alpha-3, PLOVER sector, dated roles), states (names, "
                           "demonyms, metonyms, places) and organisations (country or IGO + sector) for parley's "
                           "actors stage. Phoenix dates are a 2014 snapshot; roles with source 'parley' come from "
                           "the hand-written supplement.",
            "sources": SOURCES,
            "role_fields": list(ROLE_FIELDS),
            "role_sources": {v: k for k, v in SOURCE_CODES.items()},
        },
        "states": build_states(data, countries, supplement),
        "organizations": merge_orgs(phoenix_orgs, supplement),
        "people": merge_people([phoenix_people, build_ungdc_people(data)], supplement),
        "role_sectors": read_agents(data),
    }
    return gazetteer, entity_patterns(gazetteer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    gazetteer, patterns = build(args.data)
    (RESOURCES / "gazetteer.json").write_text(json.dumps(gazetteer, ensure_ascii=False, sort_keys=True,
                                                         separators=(",", ":")) + "\n", encoding="utf-8")
    (RESOURCES / "entity_patterns.json").write_text(json.dumps(patterns, ensure_ascii=False, indent=0) + "\n",
                                                    encoding="utf-8")
    print(f"gazetteer: {len(gazetteer['people'])} people, {len(gazetteer['states'])} states, "
          f"{len(gazetteer['organizations'])} organisations; {len(patterns)} entity patterns")


if __name__ == "__main__":
    main()

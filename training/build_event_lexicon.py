"""Build ``src/parley/resources/event_lexicon.json``: the verb lexicon of the events stage.

Reads the CAMEO verb-pattern dictionary of PETRARCH2 (``petrarch2-dictionaries/CAMEO.2.0.txt``, MIT licence,
Copyright (c) 2015 Open Event Data Alliance) and the CAMEO-to-PLOVER table of the PLOVER ontology
(``plover-ontology/CAMEO2PLOVER-2021.txt``, CC BY-SA 4.0), and writes, for every verb the dictionary
knows, its default PLOVER type and the object/preposition words that turn it into another type, and the
event nouns the table's descriptions name after a light verb ("Impose curfew": a curfew is a COERCE)::

    {"verbs": {"condemn": {"code": "111", "blocks": [12]}, ...},
     "patterns": [{"block": 7, "words": ["to", "ceasefire"], "subject": [], "code": "0356"}, ...],
     "nouns": {"curfew": "1723", ...},
     "codes": {"111": ["ACCUSE", "disapprove", ["diplomatic"]], ...}}

Only lemmas, function words and numeric codes are kept (no comments, no example text). CAMEO 01
(public statements) maps to no event; CAMEO 02 (appeals) maps to REQUEST, as in PLOVER v0.8, where
APPEAL and DEMAND were merged. The table's modes and contexts are PLOVER's names.

Usage: ``.venv/bin/python training/build_event_lexicon.py [DATA_DIR]`` (default ``../shared/data``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "parley" / "resources" / "event_lexicon.json"
CODE = re.compile(r"\[([^\]]*)\]")
#: CAMEO 02x appeals -> PLOVER REQUEST, with the mode of the matching CAMEO 10x demand
APPEAL_MODES = {"1": "assist", "2": "assist", "3": "assist", "4": "change", "5": "yield", "6": "meet", "7": "meet",
                "8": "meet"}
STOP = {"the", "a", "an", "of", "$", "+", "^", "%"}


def read_table(path: Path) -> dict[str, list]:
    """CAMEO code -> [PLOVER type, mode or None, [contexts]]."""
    table: dict[str, list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)", line)
        if not m:
            continue
        code, kind, mode, context = m.groups()
        mode = mode.strip() or None
        contexts = [c.strip() for c in context.replace(";", ",").split(",") if c.strip()]
        table.setdefault(code, [kind, mode, contexts])
    return table


#: verbs that only carry the act a CAMEO description names ("Conduct hunger strike", "Impose curfew")
LIGHT_DESCRIPTIONS = re.compile(r"^(?:engage in|conduct|carry out|impose|declare|use|make|host|provide|grant|sign|"
                                r"bring)\s+(.*)$", re.I)


#: event nouns the table's descriptions do not name, written by us with the CAMEO code they stand for:
#: "mounted an invasion", "launched an offensive", "carried out air strikes" (190 conventional military force)
EXTRA_NOUNS = {"invasion": "190", "offensive": "190", "attack": "190", "attacks": "190", "raid": "190",
               "raids": "190", "air strike": "195", "air strikes": "195", "airstrike": "195", "airstrikes": "195",
               "bombardment": "194", "shelling": "194", "incursion": "190"}


def read_nouns(path: Path) -> dict[str, str]:
    """Event nouns from the descriptions of the CAMEO-to-PLOVER table: "1723: ... # Impose curfew" gives
    ``curfew`` -> 1723 (a light verb's object names the act: "declared a curfew", "mounted an invasion").
    Only descriptions that start with a light verb; qualifiers ("for rights", "against") are cut, lists
    ("embargo, boycott, or sanctions") split. The most general code wins a phrase named twice."""
    nouns: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):[^#]*#\s*(.+)$", line)
        if not m:
            continue
        code, description = m.group(1), m.group(2).strip()
        light = LIGHT_DESCRIPTIONS.match(description)
        if not light:
            continue
        rest = re.split(r"\s+(?:for|against|on|to)(?:\s+|$)", light.group(1).lower())[0]
        items = [re.sub(r"^(?:a|an|the|other)\s+", "", i.strip(" .")) for i in
                 re.split(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", rest)]
        items = [i for i in items if re.fullmatch(r"[a-z][a-z -]*", i)
                 and i.split()[0] not in ("as", "restrict", "use")]
        head = items[-1].split()[-1] if items and " " in items[-1] else None
        for phrase in items:
            if head and " " not in phrase and phrase != head:
                phrase = f"{phrase} {head}"  # "chemical, biological, or radiological weapons"
            if phrase not in nouns or len(code) < len(nouns[phrase]):
                nouns[phrase] = code
    return nouns


#: where the PLOVER v0.8 manual's definitions say otherwise than the CAMEO-to-PLOVER table, the manual wins:
#: SANCTION: "International (political or economic) sanctions are coded as 'discontinue'";
#: CONCEDE covers "removing curfews" and "easing of administrative or legal restrictions"
MANUAL = {
    "163": ["SANCTION", "discontinue", ["diplomatic"]],   # impose embargo, boycott, or sanctions
    "0813": ["CONCEDE", None, ["legal"]],                 # ease curfew
    "0814": ["CONCEDE", None, ["legal"]],                 # ease state of emergency or martial law
}


def plover(code: str, table: dict[str, list]) -> list | None:
    """PLOVER [type, mode, contexts] of a CAMEO code (by the longest known prefix), or None."""
    if not code or not code[:2].isdigit() or code.startswith("01"):
        return None
    if code in MANUAL:
        return MANUAL[code]
    if code.startswith("02"):
        mode = APPEAL_MODES.get(code[2:3]) if len(code) > 2 else None
        return ["REQUEST", mode, []]
    for n in (len(code), 3):
        if code[:n] in table:
            return table[code[:n]]
    return None


def first_code(field: str) -> str | None:
    code = field.split(":")[0].strip() or (field.split(":")[1].strip() if ":" in field else "")
    return code if code and code != "---" else None


def words_of(text: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """The words a pattern's tail requires, lower-cased; a synset (&NAME) is kept as ``&name``, alternatives
    ("FAVOUR/FAVOR") become a synset of their own. None when a word cannot be read: a pattern is kept whole
    or not at all (a "* IN FAVOUR/FAVOR" reduced to "* IN" would match any "in")."""
    out = []
    for raw in re.sub(r"[(){}]", " ", text).split():
        if raw.startswith("&"):
            out.append("&" + raw[1:].lower())
            continue
        word = raw.strip("_").replace("_", " ").lower()
        if not word or word in STOP:
            continue
        if "/" in word and all(re.match(r"^[a-z][a-z' -]*$", w) for w in word.split("/")):
            synsets.setdefault(word, word.split("/"))
            out.append("&" + word)
        elif re.match(r"^[a-z][a-z' -]*$", word):
            out.append(word)
        else:
            return None
    return out


def parse(path: Path) -> tuple[dict, list, dict]:
    lines = path.read_text(encoding="latin-1").splitlines()
    synsets: dict[str, list[str]] = {}
    verbs: dict[str, dict] = {}
    patterns: list[dict] = []
    blocks: list[list] = []
    in_verbs, current, block_verbs, block_code = False, None, [], None
    for raw in lines:
        line = raw.split("#")[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not line.strip():
            continue
        if not in_verbs:
            if line.startswith("&"):
                current = line.strip()[1:].lower()
                synsets[current] = []
            elif line.startswith("+") and current:
                synsets[current].append(line[1:].strip().strip("_").replace("_", " ").lower())
            continue
        if line.startswith("---"):
            m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
            block_verbs, block_code = [], first_code(m.group(2)) if m else None
            blocks.append(block_verbs)
            continue
        if line.startswith("-"):
            codes = CODE.findall(line)
            code = first_code(codes[-1]) if codes else None
            body = CODE.sub("", line[1:])
            if "*" not in body or not code:
                continue
            before, after = body.split("*", 1)
            words, subject = words_of(after, synsets), words_of(before, synsets)
            if words is None or subject is None:
                continue
            # a block's patterns apply to all its verbs (they are synonyms; the comment only names the verb
            # the example was written with)
            patterns.append({"block": len(blocks) - 1, "words": words, "subject": subject, "code": code})
            continue
        # a verb line: WORD or +MULTI_WORD, optional {forms}, optional [code]
        codes = CODE.findall(line)
        head = re.sub(r"\{[^}]*\}", "", CODE.sub("", line)).strip().split()
        if not head:
            continue
        parts = head[0].lstrip("+").strip("_").lower().split("_")
        verb, particles = parts[0], [p for p in parts[1:] if p]
        if not re.match(r"^[a-z][a-z-]*$", verb):
            continue
        block_verbs.append(verb)
        code = first_code(codes[0]) if codes else block_code
        if particles:
            if code:
                patterns.append({"block": len(blocks) - 1, "verb": verb, "words": particles, "subject": [],
                                 "code": code})
        else:
            info = verbs.setdefault(verb, {"code": None, "blocks": []})
            info["code"] = info["code"] or code
        if len(blocks) - 1 not in verbs.setdefault(verb, {"code": None, "blocks": []})["blocks"]:
            verbs[verb]["blocks"].append(len(blocks) - 1)
    return verbs, patterns, synsets


def main(data: Path) -> None:
    table = read_table(data / "plover-ontology" / "CAMEO2PLOVER-2021.txt")
    verbs, patterns, synsets = parse(data / "petrarch2-dictionaries" / "CAMEO.2.0.txt")
    codes: dict[str, list] = {}
    kept_patterns = []
    for p in patterns:
        mapped = plover(p["code"], table)
        if mapped and p["words"]:
            codes[p["code"]] = mapped
            kept_patterns.append(p)
    kept_verbs = {}
    for verb, info in sorted(verbs.items()):
        mapped = plover(info["code"] or "", table)
        if mapped:
            codes[info["code"]] = mapped
        kept_verbs[verb] = {"code": info["code"] if mapped else None, "blocks": info["blocks"]}
    nouns = {}
    for phrase, code in [*read_nouns(data / "plover-ontology" / "CAMEO2PLOVER-2021.txt").items(), *EXTRA_NOUNS.items()]:
        mapped = plover(code, table)
        if mapped:
            codes[code] = mapped
            nouns[phrase] = code
    used = {w[1:] for p in kept_patterns for w in p["words"] + p["subject"] if w.startswith("&")}
    kept_patterns = sorted({json.dumps(p, sort_keys=True) for p in kept_patterns})
    out = {
        "about": "Verb lexicon of parley's events stage, derived by training/build_event_lexicon.py.",
        "sources": {
            "CAMEO.2.0.txt": "PETRARCH2 CAMEO verb dictionary, openeventdata/petrarch2, MIT licence, "
                             "Copyright (c) 2015 Open Event Data Alliance",
            "CAMEO2PLOVER-2021.txt": "PLOVER ontology CAMEO-to-PLOVER table (v0.8), openeventdata/PLOVER, "
                                     "CC BY-SA 4.0",
        },
        "licence": "CC BY-SA 4.0 (derived from the PLOVER table); the CAMEO part is under the MIT licence",
        "verbs": kept_verbs,
        "patterns": [json.loads(p) for p in kept_patterns],
        "nouns": dict(sorted(nouns.items())),
        "synsets": {k: sorted(set(v)) for k, v in sorted(synsets.items()) if k in used},
        "codes": dict(sorted(codes.items())),
    }
    OUT.write_text(json.dumps(out, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(kept_verbs)} verbs, {len(kept_patterns)} patterns, {len(nouns)} nouns, {len(codes)} codes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")

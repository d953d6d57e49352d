"""``parley eval actors`` (speakers): does the actors stage know who is speaking, for which country,
in what post?

Two kinds of gold, both built without looking at parley's output:

1. ``wh_briefings`` (White House transcripts, labelled turns ``MS. JEAN-PIERRE:``). The unit is a
   distinct speaker label of a document whose turns are statements or answers (procedural labels such
   as MODERATOR are left out by the structure stage).
   - country: every labelled speaker of a press briefing (``briefings_*``) speaks for the USA; in a
     joint press conference (``press_conferences``) a speaker whose surname the front-matter title
     writes with "of <country>" ("Prime Minister Suga of Japan", "Moon Jae-in, President of the
     Republic of Korea") speaks for that country (name -> ISO code via the gazetteer's state names),
     a speaker the title names without a country is American (the host), and any other speaker is
     left out (unknown).
   - person and role: only where the title writes the speaker's full name ("Press Secretary Karine
     Jean-Pierre"): the gold person is that name, the gold role the title words before it.
   A prediction is the actor ``segment.speaker.actor`` points at: correct country = same ISO code;
   correct person = same name (accents and case aside); correct role = one contains the other.
   precision = correct / resolved (speakers given an actor with that field), recall = correct / gold.

2. ``ungdc`` (UN General Debate speeches, gold speaker country from ``speakers_by_session.csv`` and the
   file name). Speeches carry no speaker label, so the stage can only name the speaking state from a
   self-reference ("my country, Japan,"). precision = correct / speeches given a speaking state,
   recall = correct / speeches. For comparison, the naive "most-mentioned state" guess over the
   actors' mentions. Also the share of speeches whose gold speaker (by surname) is among the
   people the stage found (recall only: the speaker rarely names himself).
"""

from __future__ import annotations

import contextlib
import csv
import re
import time
from collections import Counter
from pathlib import Path

from ..errors import ParleyError
from ..model import Document
from ..pipeline import Pipeline
from . import EvalResult, Section


def evaluate_actors(data: Path, limit: int | None = None) -> EvalResult:
    """Speakers resolved to person, country and role (wh_briefings, ungdc) and instrument citations
    (unsc_resolutions, hand-checked)."""
    from .instruments import instrument_section

    return EvalResult("actors", [*speaker_sections(data, limit), instrument_section(data, limit)])


def speaker_sections(data: Path, limit: int | None = None, *, use_nlp: bool = True) -> list[Section]:
    return [wh_section(data / "wh_briefings", limit, use_nlp=use_nlp), ungdc_section(data / "ungdc", limit)]


# -- White House transcripts ------------------------------------------------------------------------------
def wh_files(folder: Path, limit: int | None) -> list[Path]:
    """An even sample over the three folders (sorted, deterministic)."""
    names = ("press_conferences", "briefings_nsc", "briefings_other")
    groups = [sorted((folder / name).glob("*.md")) for name in names]
    if limit is None:
        return [p for g in groups for p in g]
    per = max(1, limit // 3)
    return [p for g in groups for p in g[:: max(1, len(g) // per)][:per]]


def _clean(title: str | None) -> str:
    return " ".join((title or "").replace("\u00a0", " ").replace("\\_", " ").split())


def wh_gold(doc: Document, folder: str, label_name: str) -> dict:
    """Gold country, person and role for one speaker label (values None when the gold does not say)."""
    from ..stages.actors_gazetteer import load_gazetteer, name_key
    from ..stages.actors_titles import split_label

    title = _clean(doc.title)
    _, surname = split_label(label_name)
    gold: dict = {"country": "USA" if folder.startswith("briefings") else None, "person": None, "role": None}
    if not surname:
        return gold
    last = surname.split()[-1]
    # "Press Secretary Karine Jean-Pierre", "Prime Minister Suga", "H.E. Moon Jae-in, President of ..."
    pattern = (r"(?P<before>(?:(?:[A-Z][\w.’'-]*|for|of|the|on)\s+){0,8}?)"
               rf"(?P<name>(?:[A-Z][\w.’'-]*\s+){{0,3}}{re.escape(last)})\b")
    match = re.search(pattern, title, flags=re.IGNORECASE if label_name.isupper() else 0)
    if not match:
        return gold
    words = match.group("name").split()
    # the full name: the surname and the word before it (two when that one is an initial: "Joseph R.");
    # the post: the title words before the name, back to "by", "and" or a comma
    head = (match.group("before") + match.group("name")).split()[:-1]
    given: list[str] = []
    while head and len(given) < 2 and head[-1].lower() not in _TITLE_WORDS \
            and (not given or re.fullmatch(r"[A-Z]\.", given[0])):
        given.insert(0, head.pop())
    post: list[str] = []
    while head and head[-1].lower().rstrip(",") not in ("by", "and", "remarks", "with") and not head[-1].endswith(","):
        post.insert(0, head.pop())
    if given and words[-1].lower() == last.lower():
        gold["person"] = " ".join([*given, words[-1]])
    if post and any(w.lower() in _TITLE_WORDS for w in post):
        gold["role"] = " ".join(post)
    after = title[match.end():]
    of = re.match(r"(?:,? (?:[A-Z][\w-]*|of|the) ?)*? of "
                  r"(?P<country>(?:the )?[A-Z][\w-]*(?: (?:of |the |and )*[A-Z][\w-]*)*)", after)
    if folder == "press_conferences":
        gold["country"] = "USA"
        if of:
            gaz = load_gazetteer()
            k = name_key(of.group("country"))
            while k:
                states = [e.ref for e in gaz.index.get(k, []) if e.kind == "state" and e.form == "name"]
                if states:
                    gold["country"] = states[0]
                    break
                k = k[:-1]
            else:
                gold["country"] = None
    return gold


def _title_words() -> set[str]:
    from ..stages.actors_titles import _TITLE_MODIFIERS, ROLE_HEADS

    return set(ROLE_HEADS) | _TITLE_MODIFIERS | {"h.e.", "nsc", "white", "house", "communications", "officials",
                                                 "official", "senior", "administration", "advisor", "adviser"}


_TITLE_WORDS = _title_words()


def _pipeline(use_nlp: bool) -> Pipeline:
    from ..stages import actors as _actors  # noqa: F401  (registers the stage)

    return Pipeline(["structure", "language", "nlp", "actors"] if use_nlp else ["structure", "language"])


def _run_actors(doc: Document, use_nlp: bool, pipeline: Pipeline) -> tuple[Document, float]:
    """The document through the pipeline; seconds spent in the actors stage alone."""
    from ..stages.actors import actors

    if use_nlp:
        pre = Pipeline([n for n in pipeline.names if n != "actors"], pipeline.settings)
        doc = pre(doc)
    else:
        doc = pipeline(doc)
        doc.cache["nlp"] = {}
    started = time.perf_counter()
    with contextlib.suppress(ParleyError):  # an unsupported document (e.g. not English) predicts nothing
        actors(doc)
    return doc, time.perf_counter() - started


def wh_section(folder: Path, limit: int | None, *, use_nlp: bool = True) -> Section:
    import parley

    pipeline = _pipeline(use_nlp)
    counts: dict[str, Counter] = {}
    seconds, documents = 0.0, 0
    for path in wh_files(folder, limit):
        doc = next(iter(parley.read([path])))
        doc, spent = _run_actors(doc, use_nlp, pipeline)
        seconds += spent
        documents += 1
        actors = {a.id: a for a in doc.actors}
        group = "press_conferences" if path.parent.name == "press_conferences" else "briefings"
        seen: set[str] = set()
        for seg in doc.segments:
            if seg.kind not in ("statement", "answer") or seg.speaker is None or seg.speaker.basis != "label":
                continue
            if seg.speaker.name in seen:
                continue
            seen.add(seg.speaker.name)
            gold = wh_gold(doc, path.parent.name, seg.speaker.name)
            actor = actors.get(seg.speaker.actor or "")
            for bucket in (group, "all"):
                _score(counts.setdefault(bucket, Counter()), gold, actor)
    rows = {name: _row(c) for name, c in sorted(counts.items())}
    rows.setdefault("all", {})["docs_per_s"] = round(documents / seconds, 1) if seconds else 0.0
    return Section("wh_briefings: speaker labels -> person, country, role", rows,
                   "unit: distinct speaker label per document; gold from folder + front-matter title (see module doc)")


def _score(c: Counter, gold: dict, actor) -> None:
    from ..stages.actors_gazetteer import fold

    c["labels"] += 1
    pred = {"country": actor.country if actor else None,
            "person": actor.name if actor and actor.type == "person" else None,
            "role": actor.role if actor else None}
    for field in ("country", "person", "role"):
        if gold[field] is None:
            continue
        c[f"{field}_gold"] += 1
        if pred[field] is None:
            continue
        c[f"{field}_pred"] += 1
        g, p = fold(gold[field]), fold(pred[field])
        ok = g == p if field != "role" else (g in p or p in g)
        if field == "person":
            ok = g.replace("-", " ").split() == p.replace("-", " ").split()
        c[f"{field}_ok"] += ok


def _row(c: Counter) -> dict:
    row: dict = {"labels": c["labels"]}
    for field in ("country", "person", "role"):
        row[f"{field}_p"] = round(c[f"{field}_ok"] / c[f"{field}_pred"], 3) if c[f"{field}_pred"] else 0.0
        row[f"{field}_r"] = round(c[f"{field}_ok"] / c[f"{field}_gold"], 3) if c[f"{field}_gold"] else 0.0
        row[f"{field}_n"] = c[f"{field}_gold"]
    return row


# -- UN General Debate -------------------------------------------------------------------------------------
def ungdc_gold(folder: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """(ISO code, year) -> (speaker name, post)."""
    gold = {}
    with open(folder / "speakers_by_session.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            iso, year = (row.get("ISO Code") or "").strip(), (row.get("Year") or "").strip()
            if iso and year.isdigit():
                gold[(iso, int(year))] = (" ".join((row.get("Name of Person Speaking") or "").split()),
                                          " ".join((row.get("Post") or "").split()))
    return gold


def ungdc_files(folder: Path, limit: int | None) -> list[tuple[Path, str, int]]:
    rows = []
    with open(folder / "index.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append((folder / row["path"], row["iso3"], int(row["year"])))
    rows.sort(key=lambda r: (r[2] < 2018, r[0].name))  # the two complete recent sessions first, then the rest
    if limit is not None:
        rows = rows[:: max(1, len(rows) // limit)][:limit]
    return rows


def ungdc_section(folder: Path, limit: int | None) -> Section:
    """Speaking state of UN General Debate speeches (see the module doc)."""
    from ..readers import from_text
    from ..stages.actors_gazetteer import fold

    gold = ungdc_gold(folder)
    pipeline = _pipeline(False)
    c: Counter = Counter()
    for path, iso, year in ungdc_files(folder, limit):
        doc = from_text(path.read_text(encoding="utf-8"), source=str(path))
        doc.date = f"{year}-09-25"
        doc, _ = _run_actors(doc, False, pipeline)
        c["speeches"] += 1
        speaking = next((s.speaker for s in doc.segments if s.kind == "statement" and s.speaker
                         and s.speaker.basis == "self-reference"), None)
        actors = {a.id: a for a in doc.actors}
        if speaking is not None and speaking.actor in actors:
            c["self_pred"] += 1
            c["self_ok"] += actors[speaking.actor].country == iso
        states = [a for a in doc.actors if a.type == "state"]
        if states:
            top = max(states, key=lambda a: (len(a.mentions), -int(a.id[1:])))
            c["top_pred"] += 1
            c["top_ok"] += top.country == iso
        name = gold.get((iso, year), ("", ""))[0]
        if name:
            c["person_gold"] += 1
            surname = fold(name.split()[-1])
            c["person_found"] += any(a.type == "person" and fold(a.name).split()[-1:] == [surname] for a in doc.actors)
    n = c["speeches"] or 1
    rows = {
        "self-reference (parley)": {"speeches": c["speeches"], "country_p": _div(c["self_ok"], c["self_pred"]),
                                    "country_r": round(c["self_ok"] / n, 3)},
        "most-mentioned state": {"speeches": c["speeches"], "country_p": _div(c["top_ok"], c["top_pred"]),
                                 "country_r": round(c["top_ok"] / n, 3)},
        "speaker among people found": {"speeches": c["person_gold"],
                                       "country_r": _div(c["person_found"], c["person_gold"])},
    }
    return Section("ungdc: speaking state of unlabelled speeches", rows,
                   "gold: file name + speakers_by_session.csv; actors run on gazetteer + self-reference "
                   "(no spaCy entities, which do not bear on the speaking state); the last row's figure is "
                   "a recall of the gold speaker among the people found")


def _div(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0

"""The store's entity tables: their columns, and the rows one ``parley.document/1`` object gives.

One description serves the SQLite writer, the CSV/Parquet exports and the Parquet partitions that
workers write, so the three never disagree. The rows are built from the contract's JSON (a dict), not
from ``Document``, so the store keeps exactly what the contract says and nothing else. A test checks
that the migrations in ``schema.py`` create these columns.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import COMMENT_SCORES

#: table -> [(column, SQLite type)]; JSON columns hold lists/objects as compact JSON text
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": [("id", "TEXT"), ("source", "TEXT"), ("title", "TEXT"), ("date", "TEXT"), ("language", "TEXT"),
                  ("chars", "INTEGER"), ("stages", "TEXT"), ("parley", "TEXT"), ("text", "TEXT"), ("json", "TEXT")],
    "segments": [("document", "TEXT"), ("id", "TEXT"), ("ord", "INTEGER"), ("kind", "TEXT"), ("start", "INTEGER"),
                 ("end", "INTEGER"), ("label", "TEXT"), ("speaker", "TEXT"), ("speaker_actor", "TEXT"),
                 ("speaker_basis", "TEXT"), ("reply_to", "TEXT"), ("time", "TEXT"), ("language", "TEXT"),
                 ("text", "TEXT")],
    "actors": [("document", "TEXT"), ("id", "TEXT"), ("name", "TEXT"), ("type", "TEXT"), ("country", "TEXT"),
               ("sector", "TEXT"), ("role", "TEXT"), ("wikidata", "TEXT"), ("mentions", "INTEGER")],
    "mentions": [("document", "TEXT"), ("kind", "TEXT"), ("entity", "TEXT"), ("ord", "INTEGER"),
                 ("start", "INTEGER"), ("end", "INTEGER"), ("article", "TEXT"), ("segment", "TEXT"),
                 ("text", "TEXT")],
    "instruments": [("document", "TEXT"), ("id", "TEXT"), ("name", "TEXT"), ("date", "TEXT"), ("wikidata", "TEXT"),
                    ("mentions", "INTEGER")],
    "dates": [("document", "TEXT"), ("ord", "INTEGER"), ("text", "TEXT"), ("start", "INTEGER"), ("end", "INTEGER"),
              ("value", "TEXT"), ("precision", "TEXT"), ("earliest", "TEXT"), ("latest", "TEXT")],
    "skips": [("document", "TEXT"), ("source", "TEXT"), ("ord", "INTEGER"), ("stage", "TEXT"), ("reason", "TEXT"),
              ("code", "TEXT")],
    "events": [("document", "TEXT"), ("id", "TEXT"), ("type", "TEXT"), ("mode", "TEXT"), ("contexts", "TEXT"),
               ("actor", "TEXT"), ("recipient", "TEXT"), ("negated", "INTEGER"), ("tense", "TEXT"),
               ("segment", "TEXT"), ("start", "INTEGER"), ("end", "INTEGER"), ("trigger_start", "INTEGER"),
               ("trigger_end", "INTEGER"), ("confidence", "REAL"), ("text", "TEXT")],
    "event_actors": [("document", "TEXT"), ("event", "TEXT"), ("role", "TEXT"), ("ord", "INTEGER"),
                     ("actor", "TEXT")],
    # each pair of countries (a < b) among an event's parties: what a dyad is looked up by
    "event_dyads": [("document", "TEXT"), ("event", "TEXT"), ("a", "TEXT"), ("b", "TEXT")],
    "issues": [("document", "TEXT"), ("id", "TEXT"), ("label", "TEXT"), ("topic", "TEXT"), ("mentions", "INTEGER")],
    "positions": [("document", "TEXT"), ("issue", "TEXT"), ("ord", "INTEGER"), ("actor", "TEXT"), ("stance", "TEXT"),
                  ("segment", "TEXT"), ("start", "INTEGER"), ("end", "INTEGER"), ("text", "TEXT")],
    "commitments": [("document", "TEXT"), ("id", "TEXT"), ("action", "TEXT"), ("actor", "TEXT"), ("segment", "TEXT"),
                    ("start", "INTEGER"), ("end", "INTEGER"), ("due_text", "TEXT"), ("due_date", "TEXT"),
                    ("due_latest", "TEXT"), ("text", "TEXT")],
    "comments": [("document", "TEXT"), ("segment", "TEXT"), ("toxicity", "REAL"), ("severe_toxicity", "REAL"),
                 ("insult", "REAL"), ("threat", "REAL"), ("identity_attack", "REAL"), ("profanity", "REAL"),
                 ("conspiracy", "REAL"), ("off_topic", "REAL"), ("scores", "TEXT"), ("flags", "TEXT"),
                 ("stance", "TEXT"), ("urls", "TEXT"), ("domains", "TEXT"), ("language", "TEXT")],
}

#: tables whose rows belong to one document (column ``document``), deleted with it on --replace
DOCUMENT_TABLES = tuple(t for t in COLUMNS if t != "documents")
#: entity tables exported as CSV / Parquet (the JSON column is the JSONL export's business)
EXPORT_TABLES = tuple(COLUMNS)
SCORES = COMMENT_SCORES  # one column each in ``comments``


def quoted(name: str) -> str:
    """An SQL identifier, quoted (``start`` and ``end`` are keywords)."""
    return '"' + name.replace('"', '""') + '"'


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def document_rows(doc: dict[str, Any], json_text: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every row one contract object gives, per table (``documents`` first)."""
    did, text = doc["id"], doc.get("text") or ""

    def cut(start: int | None, end: int | None) -> str | None:
        return text[start:end] if start is not None and end is not None else None

    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in COLUMNS}
    meta = doc.get("meta") or {}
    rows["documents"].append({
        "id": did, "source": doc.get("source"), "title": doc.get("title"), "date": doc.get("date"),
        "language": doc.get("language"), "chars": len(text), "stages": ",".join(meta.get("stages") or []),
        "parley": meta.get("parley"), "text": text,
        "json": json_text if json_text is not None else json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
    })
    for i, seg in enumerate(doc.get("segments") or []):
        speaker = seg.get("speaker") or {}
        rows["segments"].append({
            "document": did, "id": seg["id"], "ord": i, "kind": seg["kind"], "start": seg["start"], "end": seg["end"],
            "label": seg.get("label"), "speaker": speaker.get("name"), "speaker_actor": speaker.get("actor"),
            "speaker_basis": speaker.get("basis"), "reply_to": seg.get("reply_to"), "time": seg.get("time"),
            "language": seg.get("language"), "text": cut(seg["start"], seg["end"]),
        })
    mentions = rows["mentions"]
    for actor in doc.get("actors") or []:
        spans = actor.get("mentions") or []
        rows["actors"].append({
            "document": did, "id": actor["id"], "name": actor.get("name"), "type": actor.get("type"),
            "country": actor.get("country"), "sector": actor.get("sector"), "role": actor.get("role"),
            "wikidata": actor.get("wikidata"), "mentions": len(spans),
        })
        mentions += [_mention(did, "actor", actor["id"], i, m, cut) for i, m in enumerate(spans)]
    for inst in doc.get("instruments") or []:
        spans = inst.get("mentions") or []
        rows["instruments"].append({
            "document": did, "id": inst["id"], "name": inst.get("name"), "date": inst.get("date"),
            "wikidata": inst.get("wikidata"), "mentions": len(spans),
        })
        mentions += [_mention(did, "instrument", inst["id"], i, m, cut) for i, m in enumerate(spans)]
    for i, date in enumerate(doc.get("dates") or []):
        rows["dates"].append({"document": did, "ord": i, **{k: date.get(k) for k in (
            "text", "start", "end", "value", "precision", "earliest", "latest")}})
    for i, skip in enumerate(doc.get("skipped") or []):
        rows["skips"].append({"document": did, "source": doc.get("source"), "ord": i, "stage": skip.get("stage"),
                              "reason": skip.get("reason"), "code": skip.get("code")})
    country = {a["id"]: a.get("country") for a in doc.get("actors") or []}
    for event in doc.get("events") or []:
        trigger = event.get("trigger") or {}
        rows["events"].append({
            "document": did, "id": event["id"], "type": event.get("type"), "mode": event.get("mode"),
            "contexts": _json(event.get("contexts") or []), "actor": _json(event.get("actor") or []),
            "recipient": _json(event.get("recipient") or []), "negated": int(bool(event.get("negated"))),
            "tense": event.get("tense"), "segment": event.get("segment"), "start": event.get("start"),
            "end": event.get("end"), "trigger_start": trigger.get("start"), "trigger_end": trigger.get("end"),
            "confidence": event.get("confidence"), "text": cut(event.get("start"), event.get("end")),
        })
        for role in ("actor", "recipient"):
            rows["event_actors"] += [{"document": did, "event": event["id"], "role": role, "ord": i, "actor": a}
                                     for i, a in enumerate(event.get(role) or [])]
        countries = sorted({country[a] for a in (event.get("actor") or []) + (event.get("recipient") or [])
                            if country.get(a)})
        rows["event_dyads"] += [{"document": did, "event": event["id"], "a": x, "b": y}
                                for i, x in enumerate(countries) for y in countries[i + 1:]]
    for issue in doc.get("issues") or []:
        spans = issue.get("mentions") or []
        rows["issues"].append({"document": did, "id": issue["id"], "label": issue.get("label"),
                               "topic": issue.get("topic"), "mentions": len(spans)})
        mentions += [_mention(did, "issue", issue["id"], i, m, cut) for i, m in enumerate(spans)]
        for i, pos in enumerate(issue.get("positions") or []):
            rows["positions"].append({
                "document": did, "issue": issue["id"], "ord": i, "actor": pos.get("actor"),
                "stance": pos.get("stance"), "segment": pos.get("segment"), "start": pos.get("start"),
                "end": pos.get("end"), "text": cut(pos.get("start"), pos.get("end")),
            })
    for com in doc.get("commitments") or []:
        due = com.get("due") or {}
        rows["commitments"].append({
            "document": did, "id": com["id"], "action": com.get("action"), "actor": _json(com.get("actor") or []),
            "segment": com.get("segment"), "start": com.get("start"), "end": com.get("end"),
            "due_text": due.get("text"), "due_date": due.get("date"), "due_latest": due.get("latest"),
            "text": cut(com.get("start"), com.get("end")),
        })
    flagged = 0
    for comment in (doc.get("discussion") or {}).get("comments") or []:
        scores = comment.get("scores") or {}
        rows["comments"].append({
            "document": did, "segment": comment.get("segment"), **{s: scores.get(s) for s in SCORES},
            "scores": _json(scores), "flags": _json(comment.get("flags") or []),
            "stance": _json(comment.get("stance") or {}), "urls": _json(comment.get("urls") or []),
            "domains": _json(comment.get("domains") or []), "language": comment.get("language"),
        })
        for ev in comment.get("evidence") or []:
            flagged += 1
            mentions.append({"document": did, "kind": "flag", "entity": ev.get("flag"), "ord": flagged - 1,
                             "start": ev.get("start"), "end": ev.get("end"), "article": None,
                             "segment": comment.get("segment"), "text": cut(ev.get("start"), ev.get("end"))})
    return rows


def _mention(did: str, kind: str, entity: str, ord_: int, span: dict, cut) -> dict[str, Any]:
    return {"document": did, "kind": kind, "entity": entity, "ord": ord_, "start": span.get("start"),
            "end": span.get("end"), "article": span.get("article"), "segment": None,
            "text": cut(span.get("start"), span.get("end"))}

"""The issues stage: which issues are on the table, under which CAP major topic, and where each actor
stands on them.

1. Candidates (``issues_phrases``): noun phrases of the official segments (statement, question, answer)
   built around an issue word of ``resources/issue_lexicon.json``, named in the document's own words
   ("sovereignty over the islands", "visa-free travel", "preferential agreement on the trade in services
   and investment"). Comments never produce issues or positions.
2. Grouping by meaning: the distinct phrases are embedded (MiniLM, ``parley.embed``) and joined greedily,
   most frequent first, to the group whose centroid is at least ``SIMILARITY`` (cosine) near, or whose
   member has the same head and modifiers. The group's label is its most central phrase (ties: the
   more frequent, then the shorter); its topic is the CAP major topic with most cue votes, ties and
   phrases without a cue ("the issue of Russia and Ukraine") going to the topic whose gloss (our words,
   in the lexicon) is nearest the label in meaning. Instrument names (``doc.instruments``, when the
   instruments stage ran) and capitalised names of treaties and events are not issues.
3. Positions (``issues_stance``): in each sentence of a statement or answer that mentions an issue, the
   stance cue nearest the mention gives the stance; the holder is the grammatical subject of the cue's
   clause when it names an actor (climbing to the governing clause: "We pointed out ... that X is not
   subject to discussion" -> we, the speaker's state), else the speaker. The evidence is the smallest
   clause holding both cue and mention.

Ids (``i1``, ``i2`` ...) follow the order of first mention.
"""

from __future__ import annotations

import re

import numpy as np

from ..model import Document, Issue, Position, Span
from ..pipeline import stage
from .issues_actors import ActorIndex, speaker_actor, subject_of, token_actors
from .issues_phrases import Candidate, candidates, lexicon
from .issues_stance import stance_cues
from .language import require_english

#: cosine similarity of MiniLM phrase vectors above which two phrases name the same issue
SIMILARITY = 0.72
#: segments whose speaker takes positions
POSITION_KINDS = ("statement", "answer")
OFFICIAL = ("statement", "question", "answer")
#: a cue farther than this from the mention (characters) does not bear on it
MAX_CUE_DISTANCE = 220


@stage("issues", requires=("segments", "nlp", "actors"), assigns=("issues",))
def issues(doc: Document) -> Document:
    """Issues (CAP major topic + a label in the document's words), their mentions and actors' positions."""
    require_english(doc)
    from .nlp import parses

    excluded = [(m.start, m.end) for i in doc.instruments for m in i.mentions]  # if the instruments stage ran
    found: list[Candidate] = []
    sentences: list[tuple] = []  # (segment, offset, spaCy sentence)
    for seg in doc.segments:
        if seg.kind not in OFFICIAL:
            continue
        for offset, sdoc in parses(doc, seg):
            found += candidates(sdoc, offset, seg.id, excluded)
            if seg.kind in POSITION_KINDS:
                sentences += [(seg, offset, sent) for sent in sdoc.sents]
    groups = group(found)
    doc.issues = [_issue(i, members, vector) for i, (members, vector) in enumerate(groups, start=1)]
    _positions(doc, sentences)
    return doc


def group(found: list[Candidate]) -> list[tuple[list[Candidate], np.ndarray]]:
    """Candidates grouped by meaning, groups in order of first mention, each with its label's vector
    (the label's candidate first)."""
    if not found:
        return []
    by_text: dict[str, list[Candidate]] = {}
    for c in sorted(found, key=lambda c: c.start):
        by_text.setdefault(c.label.lower(), []).append(c)
    texts = sorted(by_text, key=lambda t: (-len(by_text[t]), by_text[t][0].start))
    from ..embed import embed

    vectors = embed(texts)
    clusters: list[dict] = []  # {"texts": [...], "sum": vector, "keys": set}
    for text, vec in zip(texts, vectors, strict=True):
        keys = {c.key for c in by_text[text]}
        best, best_sim = None, SIMILARITY
        for cluster in clusters:
            centroid = cluster["sum"] / max(np.linalg.norm(cluster["sum"]), 1e-9)
            sim = float(centroid @ vec)
            if keys & cluster["keys"]:
                sim = max(sim, 1.0)
            if sim >= best_sim:
                best, best_sim = cluster, sim
        if best is None:
            clusters.append({"texts": [text], "vecs": [vec], "sum": vec.copy(), "keys": set(keys)})
        else:
            best["texts"].append(text)
            best["vecs"].append(vec)
            best["sum"] = best["sum"] + vec
            best["keys"] |= keys
    clusters = _absorb_single_words(clusters, by_text)
    out = []
    for cluster in clusters:
        members = sorted((c for t in cluster["texts"] for c in by_text[t]), key=lambda c: c.start)
        central = _central(cluster["texts"], np.array(cluster["vecs"]), [len(by_text[t]) for t in cluster["texts"]])
        out.append((_label_first(central, members), cluster["vecs"][cluster["texts"].index(central)]))
    out.sort(key=lambda item: item[0][0].start)
    return out


def _absorb_single_words(clusters: list[dict], by_text: dict[str, list[Candidate]]) -> list[dict]:
    """A group named by one word only ("visa") joins the group with most mentions whose phrases contain
    that word ("visa-free travel"): the one word is the same issue said shorter."""
    def words(text: str) -> set[str]:
        return set(re.findall(r"[a-z0-9]+", text))

    def size(cluster: dict) -> int:
        return sum(len(by_text[t]) for t in cluster["texts"])

    kept = list(clusters)
    for cluster in clusters:
        single = {t for t in cluster["texts"] if len(words(t)) == 1}
        if len(single) != len(cluster["texts"]):
            continue
        word = next(iter(words(next(iter(single)))))
        hosts = [c for c in kept
                 if c is not cluster and any(word in words(t) and len(words(t)) > 1 for t in c["texts"])]
        if not hosts:
            continue
        host = max(hosts, key=size)
        host["texts"] += cluster["texts"]
        host["vecs"] += cluster["vecs"]
        kept.remove(cluster)
    return kept


def _central(texts: list[str], vecs: np.ndarray, counts: list[int]) -> str:
    """The phrase most similar to the others (weighted by how often each occurs), preferring phrases of
    more than one word."""
    weights = np.array(counts, dtype=np.float32)
    scores = (vecs @ vecs.T) @ weights
    # a phrase of several words names the issue better than one word said more often ("visa-free travel")
    named = [i for i in range(len(texts)) if " " in texts[i] or "-" in texts[i]] or list(range(len(texts)))
    order = sorted(named, key=lambda i: (-round(float(scores[i]), 3), -counts[i], len(texts[i]), texts[i]))
    return texts[order[0]]


def _label_first(label: str, members: list[Candidate]) -> list[Candidate]:
    """Members with the one whose text is the label first (the issue's label is read from it)."""
    first = next(m for m in members if m.label.lower() == label)
    return [first] + [m for m in members if m is not first]


def _issue(number: int, members: list[Candidate], vector: np.ndarray) -> Issue:
    votes: dict[str, float] = {}
    for m in members:
        for topic, weight in m.topics.items():
            votes[topic] = votes.get(topic, 0.0) + weight
    meaning = topic_similarity(vector)
    # the cues decide, a tie going to the topic whose gloss is nearest the label in meaning; without a cue
    # ("the issue of Russia and Ukraine") the nearest gloss decides
    candidates_ = votes or {t: 0.0 for t in meaning}
    topic = min(candidates_, key=lambda t: (-candidates_[t], -meaning[t]))
    spans = sorted({(m.start, m.end) for m in members})
    return Issue(f"i{number}", members[0].label, topic, [Span(s, e) for s, e in spans])


_TOPIC_VECTORS: dict = {}


def topic_similarity(vector: np.ndarray) -> dict[str, float]:
    """Cosine similarity of a phrase vector to each CAP major topic's gloss ("Defense: armed forces, ...")."""
    if not _TOPIC_VECTORS:
        from ..embed import embed

        topics = lexicon()["topics"]
        _TOPIC_VECTORS["names"] = list(topics)
        _TOPIC_VECTORS["vectors"] = embed([f"{name}: {gloss}" for name, gloss in topics.items()])
    sims = _TOPIC_VECTORS["vectors"] @ vector
    return {name: float(sim) for name, sim in zip(_TOPIC_VECTORS["names"], sims, strict=True)}


def _positions(doc: Document, sentences: list[tuple]) -> None:
    index = ActorIndex(doc)
    mentions = sorted((m.start, m.end, issue) for issue in doc.issues for m in issue.mentions)
    for seg, offset, sent in sentences:
        s_start, s_end = offset + sent.start_char, offset + sent.end_char
        inside = [(s, e, issue) for s, e, issue in mentions if s_start <= s and e <= s_end]
        if not inside:
            continue
        cues = stance_cues(sent.text)
        if not cues:
            continue
        for start, end, issue in inside:
            # a cue inside the issue's own name ("voting on Russia's initiatives") says nothing of a stance
            outside = [c for c in cues if not (start - s_start <= c[1] and c[2] <= end - s_start)]
            if not outside:
                continue
            stance, c_start, c_end = min(outside, key=lambda c: _distance(c, start - s_start, end - s_start))
            if _distance((stance, c_start, c_end), start - s_start, end - s_start) > MAX_CUE_DISTANCE:
                continue
            cue_token = _token_at(sent, c_start)
            mention_token = _token_at(sent, start - s_start)
            holders = _holders(index, cue_token, offset, seg)
            clause = _clause(cue_token, mention_token)
            ev_start, ev_end = offset + clause[0], offset + clause[1]
            for actor in holders:
                position = Position(actor, stance, seg.id, ev_start, ev_end)
                if position not in issue.positions:
                    issue.positions.append(position)
    for issue in doc.issues:
        issue.positions.sort(key=lambda p: (p.start, p.end, p.actor, p.stance))


def _distance(cue: tuple[str, int, int], start: int, end: int) -> int:
    _, c_start, c_end = cue
    if c_end <= start:
        return start - c_end
    if end <= c_start:
        return c_start - end
    return 0


def _token_at(sent, char: int):
    """The token of ``sent`` covering character ``char`` (relative to the sentence)."""
    absolute = sent.start_char + char
    for token in sent:
        if token.idx <= absolute < token.idx + len(token.text) + 1:
            return token
    return sent.root


def _holders(index: ActorIndex, cue, offset: int, seg) -> list[str]:
    """Whose stance the cue expresses: the first subject naming an actor, from the cue's clause up."""
    node = cue
    for _ in range(14):
        verb = node if node.pos_ in ("VERB", "AUX") else None
        if verb is not None:
            subject = subject_of(verb)
            if subject is not None:
                actors = [a for a in token_actors(index, subject, offset, seg) if index.kind.get(a) != "place"]
                if actors:
                    return actors
        if node.head.i == node.i:
            break
        node = node.head
    speaker = speaker_actor(seg)
    return [speaker] if speaker else []


def _clause(cue, mention) -> tuple[int, int]:
    """Character span (relative to the parsed piece) of the smallest clause holding both tokens."""
    ancestors = {cue.i} | {t.i for t in cue.ancestors}
    node = mention
    while node.i not in ancestors and node.head.i != node.i:
        node = node.head
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    left, right = node.left_edge, node.right_edge
    while right.is_punct and right.i > left.i:
        right = right.nbor(-1)
    return left.idx, right.idx + len(right.text)

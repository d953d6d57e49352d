"""The commitments stage: promises and next steps in statements and answers, by whom, and by when.

A verb is a commitment when the parse says it is future or undertaken, and an actor does it:

* future: "we will report", "Japan shall", "we're going to build";
* undertaken: "we agreed to / plan to / intend to / promised to / committed to (doing)", "we've agreed to
  new protections";
* reported undertakings: "we agreed that our deputies will continue ...", "agreed that more ambitious
  projects would be worked out ...", "we were assured that Japan would ..." ("would" counts only here);
* launched and delegated: "we are launching a new partnership", "we asked our teams to follow up".

Not commitments: questions (a segment of kind question, or a sentence ending in "?"), hypotheticals
(a clause under "if", "unless", "whether"; "even if" is no condition), relative clauses ("the topics we
will discuss include ..."), predictions with no actor as subject ("that will be
supported by ..."), "will be able to", "will have", and the talk of the podium ("I'll take questions",
"we'll see"), nor a negated future of anyone but the speaker's side ("Russia is never going to take
...": a forecast; "we will not hold a news conference" is a commitment). Comments never produce
commitments.

The actors are the subject's actors (``doc.actors`` mentions: "we" is the speaker's state, "I" the
speaker; a subject "it"/"they" of a future verb is the last state or organisation named before it in
the sentence: "as the EU works ..., it will"), joined with those of the governing "agreed"/"promised"
verb. The action is the verb phrase as written ("report on the implementation of their instructions";
for a passive, with its subject). The due date is the date mention (dates stage) inside the verb's own
clause that is not before the document date; ``due.latest`` is its last day. The evidence span is the
clause, widened to the governing "agreed that" clause.
"""

from __future__ import annotations

from ..model import Commitment, DateMention, Document, Due, Segment
from ..pipeline import stage
from .issues_actors import ActorIndex, subject_of, token_actors
from .language import require_english

COMMITMENT_KINDS = ("statement", "answer")
FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
UNDERTAKING_VERBS = {"agree", "plan", "intend", "commit", "promise", "pledge", "decide", "undertake", "vow", "resolve",
                     "aim", "expect", "prepare", "determine", "seek"}
#: verbs whose "that ... would/will" clause is someone's undertaking
REPORTING_VERBS = {"agree", "promise", "pledge", "decide", "assure", "undertake", "commit", "confirm", "guarantee"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether", "once", "when", "whenever", "until"}
#: the podium's own next steps, not policy: "I'll take your questions", "we'll see"
PODIUM_VERBS = {"say", "tell", "answer", "take", "let", "talk", "mention", "repeat", "turn", "start", "end", "stop",
                "pass", "hand", "kick", "open", "yield",
                "conclude", "see", "hear", "go", "come", "speak", "ask", "call", "add", "note", "get",
                "leave", "point", "explain", "describe", "give", "begin", "close", "wrap", "try", "know", "find",
                "look", "guess", "think", "be", "have", "keep", "love", "like", "want", "need", "bet", "highlight",
                "stress", "emphasize", "emphasise", "underline", "underscore", "reiterate", "recall"}
#: "we are launching a new partnership": an initiative announced as it starts (present progressive)
LAUNCH_VERBS = {"launch", "establish", "create", "set", "open", "inaugurate", "initiate", "found", "form"}
#: "we asked our teams to follow up", "we instructed our ministers to prepare": a next step delegated
DELEGATING_VERBS = {"ask", "instruct", "direct", "task", "charge", "order", "mandate", "request"}
#: who a next step can be delegated to
DELEGATES = {"team", "minister", "deputy", "official", "staff", "agency", "ministry", "department", "delegation",
             "negotiator", "expert", "envoy", "representative", "secretary", "government", "administration",
             "cabinet", "colleague", "sherpa", "ambassador"}
PODIUM_WE = {"see", "hear", "talk", "know", "find", "go", "let", "take", "highlight", "stress", "emphasize",
             "emphasise", "underline", "underscore", "reiterate", "recall"}
STATIVE = {"be", "have", "seem", "remain", "become", "depend", "happen", "mean", "matter", "need", "like", "involve",
           "include", "require", "contain", "cost", "last", "consist"}
#: intentions that bind only while they last: "Russia intended to ..." (past) is no commitment
INTENTION_VERBS = {"plan", "intend", "aim", "expect", "prepare", "seek", "want", "hope"}
#: "I'll make a few comments", "I'm going to pass it over to ...": the podium, not policy
PODIUM_OBJECTS = {"remark", "comment", "point", "statement", "question", "word", "note", "floor", "podium"}
MAX_ACTION_TOKENS = 22


@stage("commitments", requires=("segments", "nlp", "actors", "dates"), assigns=("commitments",))
def commitments(doc: Document) -> Document:
    """Promises and next steps of official speakers: actors, the action in the text's words, due dates."""
    require_english(doc)
    from .nlp import parses

    index = ActorIndex(doc)
    found: list[Commitment] = []
    for seg in doc.segments:
        if seg.kind not in COMMITMENT_KINDS:
            continue
        for offset, sdoc in parses(doc, seg):
            for sent in sdoc.sents:
                if sent.text.rstrip().endswith("?"):
                    continue
                found += _in_sentence(doc, seg, index, offset, sent)
    found.sort(key=lambda c: (c.start, c.end, c.action))
    for i, c in enumerate(found, start=1):
        c.id = f"c{i}"
    doc.commitments = found
    return doc


def _in_sentence(doc: Document, seg: Segment, index: ActorIndex, offset: int, sent) -> list[Commitment]:
    out = []
    done: set[int] = set()
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.i in done or verb.dep_ in ("aux", "auxpass") \
                or (verb.i + 1 < len(verb.doc) and verb.nbor(1).text == "-"):  # "re-establish": the prefix
            continue
        kind = _commitment_kind(verb)
        if kind is None or _hypothetical(verb) or _stative(verb) or _embedded_question(verb) or verb.dep_ == "relcl":
            continue
        # "we will continue contacts and report ...": the conjoined verbs share the subject and the "will"
        shared = [c for c in verb.conjuncts if c.i > verb.i and c.pos_ == "VERB" and subject_of_own(c) is None]
        for v in [verb, *shared]:
            if v.i in done:
                continue
            commitment = _commitment(doc, seg, index, offset, sent, v, verb, kind)
            if commitment is not None:
                done.add(v.i)
                out.append(commitment)
    return out


def subject_of_own(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _commitment_kind(verb) -> str | None:
    """future, undertaken or reported (see the module's docstring), else None."""
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    future = any(_plain(a) in FUTURE_AUX for a in auxes)
    would = any(_plain(a) in ("would", "'d") for a in auxes)
    governor = verb.head if verb.head.i != verb.i else None
    reported = governor is not None and verb.dep_ == "ccomp" and governor.lemma_.lower() in REPORTING_VERBS
    if reported and (future or would):
        return "reported"
    if future:
        return "future"
    if governor is not None and verb.dep_ == "xcomp":
        if governor.lower_ == "going" and any(c.dep_ == "aux" for c in governor.children):
            return "future"
        past_intention = governor.lemma_.lower() in INTENTION_VERBS and governor.tag_ in ("VBD", "VBN")
        if governor.lemma_.lower() in UNDERTAKING_VERBS and not _negated(governor) and not past_intention:
            return "undertaken"
    if verb.lemma_.lower() in ("agree", "commit", "pledge") and not _negated(verb) and any(
            c.dep_ == "prep" and c.lower_ == "to" and any(o.dep_ == "pobj" for o in c.children) for c in verb.children):
        return "agreed"  # "we've agreed to unprecedented protections", "we committed to deepening cooperation"
    if verb.lemma_.lower() in LAUNCH_VERBS and verb.tag_ == "VBG" and not _negated(verb) and any(
            c.dep_ == "aux" and c.lemma_.lower() == "be" and c.tag_ in ("VBP", "VBZ") for c in verb.children):
        return "launched"  # "we are launching a new partnership on 5G technology"
    if governor is not None and verb.dep_ == "xcomp" and governor.lemma_.lower() in DELEGATING_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in DELEGATES for c in governor.children) and not _negated(governor):
        return "delegated"  # "we asked our teams to follow up on this"
    if verb.dep_ == "pcomp" and governor is not None and governor.head.lemma_.lower() in ("commit", "committed") \
            and not _negated(governor.head):
        return "committed"  # "we committed to deepening ...", "the administration is committed to strengthening"
    return None


def _plain(token) -> str:
    """The word in lower case with a typographic apostrophe made plain ("’ll" -> "'ll")."""
    return token.lower_.replace("\u2019", "'")


def _negated(token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _hypothetical(verb) -> bool:
    node = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS and not _concessive(c) for c in node.children):
            return True  # the verb's own clause is conditional: "if we will ...", "whether Japan would ..."
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") and not _concessive(m)
                                         for m in c.children) for c in node.children):
            return True  # "If Russia agrees, Japan will sign ..."
        if node.dep_ not in ("conj", "ccomp", "xcomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _concessive(mark) -> bool:
    """"even if the ground is not ripe, we will not give up": whatever happens, not a condition."""
    return mark.i > 0 and mark.nbor(-1).lower_ == "even"


def _embedded_question(verb) -> bool:
    """"We asked how our colleagues are planning to ...": a question, not an undertaking."""
    node = verb
    for _ in range(3):
        if any(c.tag_ in ("WRB", "WP", "WDT") and c.i < node.i and c.lower_ != "that" for c in node.children):
            return node.dep_ in ("ccomp", "pcomp", "advcl", "xcomp", "conj") or node.i != verb.i
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _stative(verb) -> bool:
    """"will be able to", "will have", "will be" (predictions and states, not actions)."""
    if verb.lemma_.lower() in STATIVE:
        return True
    return any(c.dep_ == "acomp" and c.lower_ in ("able", "likely", "unlikely", "happy", "glad") for c in verb.children)


def _commitment(doc: Document, seg: Segment, index: ActorIndex, offset: int, sent, verb, head_verb,
                kind: str) -> Commitment | None:
    subject = subject_of(verb)
    if kind == "committed" and subject is None:
        # "to" -> "committed" (a verb, or the complement of "is"): whoever is committed
        committed = head_verb.head.head
        subject = subject_of(committed) or (subject_of(committed.head) if committed.dep_ == "acomp" else None)
    actors = token_actors(index, subject, offset, seg) if subject is not None else []
    governor = head_verb.head if kind in ("reported", "undertaken", "delegated") else None
    clause_root = governor if governor is not None else head_verb
    if governor is not None and kind in ("reported", "delegated"):
        governing_subject = subject_of(governor)
        if governing_subject is not None and governing_subject.dep_ != "nsubjpass":  # "we were assured": not ours
            actors = [*token_actors(index, governing_subject, offset, seg), *[a for a in actors]]
    if subject is not None and kind == "future" and (
            (subject.lower_ == "i" and verb.lemma_.lower() in PODIUM_VERBS)
            or (subject.lower_ == "we" and verb.lemma_.lower() in PODIUM_WE)):
        return None
    if _podium(verb, subject):
        return None
    negated = _negated(verb) or (verb.dep_ == "xcomp" and _negated(verb.head))
    if negated and kind != "reported" and not _own_side(index, seg, subject, actors):
        return None  # "Russia is never going to take ...": a forecast about others, not a promise
    if subject is not None and subject.lower_ in ("it", "they") and kind == "future":
        # only an active, affirmative action: "it will never take ...", "they will not be subjugated" are forecasts
        if subject.dep_ == "nsubjpass" or _negated(verb):
            return None
        actors = _antecedent(index, offset + sent.start_char, offset + subject.idx, subject.lower_)
    elif subject is not None and subject.lower_ in ("that", "which", "who", "it", "this", "there") \
            and kind != "reported":
        return None
    actors = [a for a in dict.fromkeys(actors) if index.kind.get(a) in ("state", "person", "organization")]
    if not actors:
        return None
    start, end = _span(clause_root, sent)
    action = _action(verb, subject)
    if not action:
        return None
    # "today, we've agreed to ...": the date of the agreement is not a due date
    left = verb if kind == "agreed" else verb.left_edge
    due = _due(doc, offset + left.idx, offset + _end(verb.right_edge))
    return Commitment("", action, seg.id, offset + start, offset + end, actors, due)


def _own_side(index: ActorIndex, seg: Segment, subject, actors: list[str]) -> bool:
    """The subject is the speaker's side: "we", "I", or the speaker's own state ("the United States will
    not give up" said by the US President)."""
    if subject is not None and subject.lower_ in ("we", "i"):
        return True
    speaker = seg.speaker.actor if seg.speaker else None
    country = index.country.get(speaker) if speaker else None
    return country is not None and any(index.country.get(a) == country for a in actors)


def _podium(verb, subject) -> bool:
    """"I'll make a few comments", "I'm going to pass it over to ...": the speaker's own turn-taking."""
    if subject is None or subject.lower_ not in ("i", "we"):
        return False
    if verb.lemma_.lower() in ("pass", "hand", "turn", "kick", "open") and any(
            c.dep_ in ("prt", "prep") and c.lower_ in ("over", "to", "off", "up") for c in verb.children):
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in PODIUM_OBJECTS for c in verb.children)


def _antecedent(index: ActorIndex, start: int, end: int, pronoun: str) -> list[str]:
    """"As the EU works to ..., it will ...": the last organisation or state named before the pronoun in
    the same sentence ("they": also people); none when there is none."""
    kinds = ("organization", "state") if pronoun == "it" else ("organization", "state", "person")
    named = [actor for s, e, actor in index.spans if start <= s and e <= end and index.kind.get(actor) in kinds]
    return named[-1:]


def _end(token) -> int:
    return token.idx + len(token.text)


def _span(root, sent) -> tuple[int, int]:
    """The clause of ``root`` within the sentence, without the final punctuation."""
    left, right = root.left_edge, root.right_edge
    while right.is_punct and right.i > left.i:
        right = right.nbor(-1)
    while left.is_punct and left.i < right.i:
        left = left.nbor(1)
    return left.idx, _end(right)


def _action(verb, subject) -> str:
    """The verb phrase as written: verb (with "not", and the subject of a passive) and what follows it,
    without trailing subordinate clauses."""
    passive = subject is not None and subject.dep_ == "nsubjpass" and subject.head.i == verb.i
    tokens = []
    if passive:
        tokens += [t for t in subject.subtree]
        tokens += [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i > subject.i]
    else:
        tokens += [c for c in verb.children if c.dep_ == "neg"]
    tokens.append(verb)
    for child in verb.rights:
        if child.dep_ in ("advcl", "punct", "cc", "conj", "mark", "parataxis") or child.text in ",;:":
            break
        tokens += list(child.subtree)
    tokens = sorted(set(tokens), key=lambda t: t.i)
    cut = next((k for k, t in enumerate(tokens) if t.i > verb.i and t.text in (",", ";", "—", "–", "(")), None)
    tokens = tokens[:cut]  # "travel to Poland, where he will ...": the action ends at the clause break
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if len(tokens) > MAX_ACTION_TOKENS:
        tokens = tokens[:MAX_ACTION_TOKENS]
    if not tokens:
        return ""
    # words as written, joined over the gaps the parse leaves (the verb and its object are not always adjacent)
    pieces = []
    for a, b in zip(tokens, [*tokens[1:], None], strict=False):
        pieces.append(a.text + (a.whitespace_ if b is not None and b.i == a.i + 1 else (" " if b is not None else "")))
    return "".join(pieces).strip()


def _due(doc: Document, v_start: int, v_end: int) -> Due | None:
    """The due date: a date mention in the verb's own clause (not that of "today we agreed") not
    before the document date."""
    def usable(d: DateMention) -> bool:
        return not (doc.date and d.latest and d.latest < doc.date)

    dates = [d for d in doc.dates if v_start <= d.start and d.end <= v_end and usable(d)]
    if not dates:
        return None
    d = min(dates, key=lambda d: (d.latest is None, d.start))
    return Due(d.text, d.value if d.precision == "day" else None, d.latest)

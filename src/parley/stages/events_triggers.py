"""What can be an event in a sentence: the triggers of the events stage.

A **trigger** is a diplomatic phrase (:data:`parley.stages.events_lexicon.PHRASES`), a verb with a CAMEO
pattern or a default meaning, a light verb or one that does what its object names ("launched an
investigation"), a statement whose content says what someone must do, or a noun of an act that goes on
("riots are continuing"). Some verbs are no event of their own: the verbs of intention or aspect that govern
an act (:data:`WRAPPERS`), the act a refusal refuses (:data:`REFUSALS`), general verbs by CAMEO's default
alone (:data:`GENERIC_VERBS`). The events stage (:mod:`parley.stages.events`) then reads each trigger's frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from .events_lexicon import LIGHT_VERBS, PHRASES, REPORTING, Meaning

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


@dataclass
class Candidate:
    trigger: object  # spaCy Token
    meaning: Meaning
    role: str
    span: tuple[int, int]  # the trigger's characters (absolute)
    negation_inside: bool = False


def interrogative(sent) -> bool:
    """A question ("Will Japan accept ...?"), not a report."""
    return sent.text.rstrip().rstrip("\"'”’»)").endswith("?")


# -- triggers -----------------------------------------------------------------------------------------
def candidates(sent, offset: int, lexicon) -> list[Candidate]:
    out: list[Candidate] = []
    covered: set[int] = set()
    text = sent.text
    for phrase in PHRASES:
        for m in phrase.pattern.finditer(text):
            start = sent.start_char + m.start("t")
            token = _token_at(sent, start)
            if token is None:
                continue
            covered.update(t.i for t in sent if m.start() <= t.idx - sent.start_char < m.end())
            out.append(Candidate(token, phrase.meaning, phrase.role,
                                 (offset + sent.start_char + m.start("t"), offset + sent.start_char + m.end("t")),
                                 phrase.negation_inside))
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING and tok.i not in covered:
            obliged = obligation(tok)
            act = _object_meaning(tok, lexicon)  # "declared a ceasefire": not a report, an act
            if obliged is not None:  # "Russia said that Sudan must return the helicopter"
                out.append(Candidate(tok, OBLIGATION, "verbal", (offset + tok.idx, offset + tok.idx + len(tok.text))))
            elif act is not None:
                out.append(Candidate(tok, act, "verbal", (offset + tok.idx, offset + tok.idx + len(tok.text))))
            continue
        if tok.pos_ != "VERB" or tok.i in covered:
            continue
        words, frame_text = _frame_words(tok)
        subject = {w.lower_ for c in tok.children if c.dep_ in SUBJECTS for w in c.subtree}
        meaning = lexicon.match(tok.lemma_.lower(), words, frame_text, subject)
        if _states(tok):
            if obligation(tok) is not None:  # "issued a reminder to Iraq that it must ...": a demand
                out.append(Candidate(tok, OBLIGATION, "verbal", (offset + tok.idx, offset + tok.idx + len(tok.text))))
                continue
            if meaning is not None and meaning.source == "verb":
                continue  # "issued a declaration (demanding ...)": a public statement, CAMEO 01, is no event
        if meaning is not None and meaning.source == "verb" and tok.lemma_.lower() in GENERIC_VERBS:
            meaning = None  # "take", "get", "deal", "find": CAMEO's default for them is noise in speech
        if meaning is not None and meaning.source == "verb" and _other_sense(tok):
            meaning = None  # "demonstrates our engagement", "rally the world", "released a million barrels"
        if meaning is None or (meaning.source == "verb" and tok.lemma_.lower() in LIGHT_VERBS):
            meaning = _object_meaning(tok, lexicon) or meaning
        if meaning is not None:
            out.append(Candidate(tok, meaning, "verbal", (offset + tok.idx, offset + tok.idx + len(tok.text))))
    for tok in sent:  # "Palestinian riots against Israeli policies are continuing", "fighting broke out between ..."
        if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in ASPECT_VERBS:
            meaning = lexicon.noun_meaning(tok)
            if meaning is not None:
                out.append(Candidate(tok, meaning, "nominal", (offset + tok.idx, offset + tok.idx + len(tok.text))))
    # "plans to impose", "continued to send", "tried to hack", "we're going to work": the act is the event (if
    # any), the verb of intention or aspect that governs it is not one of its own
    # "shunned work to protest at ...", "converging for a rally to protest": an act done as a protest is one
    # "refused to submit", "declined to attend": the refusal is the event, the act refused did not happen
    protests = {c.trigger.i for c in out if c.meaning.type == "PROTEST"}
    return [c for c in out if not (c.role == "verbal" and c.meaning.source != "phrase" and (
        (c.trigger.lemma_.lower() in WRAPPERS and any(complement(x) for x in c.trigger.children))
        or (c.meaning.type != "PROTEST" and any(purpose(x) and x.i in protests for x in c.trigger.children))
        or (complement(c.trigger) and c.trigger.head.lemma_.lower() in REFUSALS)))]


#: verbs whose object's act is not done by their subject: regarded, spoken of, handled or stopped ("we do not regard
#: a meeting as a reward", "address cyber threats", "suspended talks", "speak to a meeting")
NOT_DOING = {"regard", "consider", "view", "see", "address", "tackle", "counter", "combat", "face", "fear", "expect",
             "need", "avoid", "prevent", "stop", "end", "cancel", "suspend", "postpone", "delay", "halt", "block",
             "speak", "talk", "discuss", "mention", "raise", "describe", "call", "welcome", "criticize", "oppose",
             "cover", "follow", "watch", "monitor", "report", "ignore", "deny", "dismiss", "finalize", "plan",
             "prepare", "schedule", "look", "focus", "deal", "respond", "react", "survive", "escape", "meet", "satisfy",
             "fulfil", "fulfill", "resist", "defy", "condemn", "reject", "refuse", "investigate", "probe", "blame",
             "justify"}


#: verbs of going, whose "for talks" is the act ("arrived in Geneva for talks")
GOING = {"return", "come", "arrive", "travel", "go", "fly", "head", "leave", "meet", "gather", "convene", "sit"}


#: verbs that say an act named by their subject goes on, starts or ends ("clashes erupted", "talks resumed")
ASPECT_VERBS = {"continue", "erupt", "break", "begin", "start", "resume", "spread", "escalate", "intensify", "rage",
                "flare", "end", "persist", "occur", "take", "enter", "drag", "go"}


#: verbs too general for CAMEO's default code to mean anything on its own ("I take him at his word", "go too
#: far", "deal with China"): only a CAMEO pattern, a phrase or the act their object names makes them an event
GENERIC_VERBS = {"take", "put", "get", "go", "come", "deal", "find", "expect", "mean", "make", "keep", "let", "see",
                 "look", "bring", "set", "turn", "walk", "run", "stand", "sit", "step", "do", "have", "say", "tell",
                 "express", "monitor"}


#: what a statement is called: a verb whose object is one only makes a statement
STATEMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "reminder", "report", "announcement",
                   "speech", "remark", "remarks", "comment", "comments", "message", "note", "letter", "address",
                   "interview", "briefing", "press", "release"}


#: things released that make a release no concession ("released a million barrels of oil", "released a report")
RELEASED_THINGS = {"oil", "barrel", "reserve", "report", "statement", "data", "detail", "information", "video",
                   "footage", "document", "record", "figure", "number", "plan", "budget", "fund", "money", "readout",
                   "transcript", "list", "guidance", "strategy", "version", "photo", "image", "letter"}


def _other_sense(verb) -> bool:
    """A verb of protest or release in its other sense: "demonstrate" or "rally" with an object (showing,
    gathering support: "demonstrates our engagement", "rally the world"), "release" of things ("released a
    million barrels of oil", "released a report")."""
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "ccomp")]
    if lemma in ("demonstrate", "rally"):
        return bool(objects)
    if lemma == "release":  # the object, or what it measures ("a million barrels *of oil*")
        measured = [g for o in objects for p in o.children if p.dep_ == "prep" for g in p.children]
        return any(t.lemma_.lower() in RELEASED_THINGS for t in objects + measured)
    return False


def _states(verb) -> bool:
    """The verb only makes a statement ("issued a declaration", "released a communique")."""
    return verb.lemma_.lower() in ("issue", "release", "publish", "deliver", "make", "give", "send", "circulate") \
        and any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in STATEMENT_NOUNS for c in verb.children)


def _object_meaning(verb, lexicon):
    """The act a light verb's object names: its direct object, or the object of "in"/"on"/"into"/"under"
    ("engaged in ethnic cleansing", "remained on alert"). The plainer nouns of acts ("talks", "investigation",
    "threat") do not count after a verb that regards, handles or stops an act (:data:`NOT_DOING`: "address cyber
    threats", "suspended talks"); "for" only brings talks after a verb of going ("returned to Geneva for talks")."""
    lemma = verb.lemma_.lower()
    nominal = lemma not in NOT_DOING
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            found = lexicon.noun_meaning(child, nominal)
        elif child.dep_ == "prep" and child.lower_ in ("in", "on", "into", "under", "to"):
            found = next((lexicon.noun_meaning(g, nominal) for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ == "for" and lemma in GOING:
            found = next((lexicon.noun_meaning(g) for g in child.children if g.dep_ == "pobj"), None)
            found = found if found is not None and found.type == "CONSULT" else None
        else:
            continue
        if found is not None:
            return found
    return None


#: what a reported "must" or "should" asks of its subject
OBLIGATION = Meaning("REQUEST", None, ("diplomatic",), "phrase", 0.78)


def obligation(verb):
    """The clausal complement of a reporting verb that says what someone must or should do, or the content
    clause of the statement it issues ("issued a stern reminder to Iraq that it must cooperate")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if _states(verb):
        clauses += [g for c in verb.children if c.dep_ in ("dobj", "obj") for g in c.children
                    if g.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
    for clause in clauses:
        if any(a.dep_ == "aux" and a.lower_ in ("must", "should") for a in clause.children):
            return clause
    return None


def _token_at(sent, char: int):
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def _frame_words(verb) -> tuple[set[str], str]:
    """Words of a verb's frame: its particles, objects and prepositional phrases, outside nested clauses."""
    tokens = []
    for child in verb.children:
        if child.dep_ in SUBJECTS or child.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj", "punct", "mark",
                                                   "npadvmod") or _temporal(child):
            continue
        tokens += [t for t in child.subtree if not _beyond_clause(t, child)]
    tokens.sort(key=lambda t: t.i)
    words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    # prepositions that head a phrase of the verb's (not the "to" of an infinitive): what a pattern made only
    # of prepositions ("* AGAINST", "* TO") needs
    words |= {"#" + c.lower_ for c in verb.children if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP"
              and not _temporal(c)}
    words |= {"#" + g.lower_ for c in verb.children if c.dep_ == "prt" for g in c.children if g.dep_ == "prep"}
    return words, " " + " ".join(t.lower_ for t in tokens) + " "


def _temporal(child) -> bool:
    """A prepositional phrase that only says when ("on Tuesday", "in August", "for two years"): it is not
    the preposition a verb pattern asks for ("demand * on")."""
    if child.dep_ != "prep":
        return False
    objects = [t for t in child.subtree if t.i != child.i and t.pos_ in ("NOUN", "PROPN", "NUM")]
    return bool(objects) and all(t.ent_type_ in ("DATE", "TIME") for t in objects)


def _beyond_clause(tok, top) -> bool:
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "ccomp", "advcl", "acl"):
            return True
        tok = tok.head
    return False


#: verbs of intention or aspect: with an act as infinitive complement they are not events of their own
WRAPPERS = {"plan", "intend", "prepare", "decide", "continue", "try", "attempt", "seek", "want", "aim", "begin",
            "start", "hope", "expect", "mean", "swear", "vow", "resolve", "undertake", "move", "go", "work", "wish",
            "need"}


#: verbs whose infinitive complement is an act not done ("refused to submit", "failed to attend")
REFUSALS = {"refuse", "decline", "fail", "reject", "avoid", "cease", "stop", "neglect", "hesitate", "discontinue",
            "quit", "abandon", "halt"}


def purpose(clause) -> bool:
    """An infinitive of purpose ("began a hunger strike to protest against Sweden")."""
    return clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in clause.children)


def complement(clause) -> bool:
    """An infinitive complement: an xcomp, or an infinitive the parser took for one of purpose under a verb
    with no object ("have sworn to fight"). Both state an intention."""
    return clause.dep_ == "xcomp" or (purpose(clause) and not any(
        c.dep_ in ("dobj", "obj") for c in clause.head.children))

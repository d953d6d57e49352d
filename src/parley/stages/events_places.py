"""Where an event happens and whose people its parties are: the places a sentence names and the states they
stand for, as the events stage codes them (PLOVER codes parties by country).

* a **place** is a name in a phrase of place ("in Kabul", "near Macedonia's border"), the name itself rather
  than a name modifying something else ("at the U.S.-ASEAN Summit" is no place);
* **unnamed people** ("prisoners", "opposition leaders") are of the state of the place they are in, else of the
  one country their sentence names; an **ethnic minority** ("ethnic Albanians") of the state it lives in;
* a **domestic** act is aimed at the actor's own state.

``ctx`` is the events stage's segment context: ``mention_actor`` (character -> actor id), ``country`` (actor
id -> country code), ``places`` (character -> gazetteer place), ``doc`` and ``actors_in(tokens, offset)``.
"""

from __future__ import annotations

#: event types whose target, when none is named, is the actor's own state
DOMESTIC_TYPES = {"PROTEST", "COERCE", "CONCEDE"}

#: violence against these, with no one else named, is a state's repression at home: "police opened fire to disperse
#: demonstrators" (Egypt -> Egypt)
CROWDS = {"demonstrator", "protester", "protestor", "rioter", "crowd", "marcher", "striker", "mob", "demonstration",
          "protest", "rally", "riot"}

#: unnamed people who act where they are ("prisoners rioted", "opposition leaders agreed")
PEOPLE = {"protester", "protestor", "demonstrator", "prisoner", "inmate", "student", "worker", "youth", "farmer",
          "miner", "villager", "resident", "refugee", "fundamentalist", "militant", "activist", "supporter",
          "crowd", "people", "thousand", "hundred", "opponent", "teacher", "doctor", "nurse", "trader", "driver",
          "leader", "elder", "official", "authority", "rebel", "guerrilla", "guerilla", "soldier", "troop", "police"}

#: prepositions of place
LOCATIVE = {"in", "into", "at", "near", "inside", "within", "across", "throughout", "outside", "around"}

#: common nouns that name places ("in the West Bank city of Hebron", "in the eastern Bosnian enclave")
PLACE_NOUNS = {"city", "town", "village", "province", "region", "capital", "district", "area", "camp", "border",
               "enclave", "territory", "port", "suburb", "state", "county", "island", "coast", "zone", "sector",
               "outskirts", "neighbourhood", "neighborhood", "quarter", "part"}


def located(tok) -> bool:
    """A name in a phrase of place ("deliveries in Baghdad", "the curfew in the town of Cizre")."""
    node = tok
    while tok.pos_ == "PROPN" and node.head.i != node.i and node.dep_ in ("pobj", "compound", "conj", "appos", "poss"):
        if node.dep_ == "pobj" and node.head.lower_ in LOCATIVE:
            return True
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in PLACE_NOUNS \
                and node.head.head.dep_ == "pobj":  # "near the town of Samarra", "in a sector of eastern Beirut"
            node = node.head.head
            continue
        node = node.head
    return False


def names_place(ctx, tok, offset: int) -> bool:
    """The phrase of place is the name itself ("in Tel Aviv", "in the West Bank city of Hebron"), not a name
    modifying something else ("at the U.S.-ASEAN Summit")."""
    node = tok
    while node.dep_ in ("compound", "amod") and node.head.i != node.i:
        node = node.head
    return node.ent_type_ in ("GPE", "LOC", "FAC") or offset + node.idx in ctx.places \
        or node.lemma_.lower() in PLACE_NOUNS


def sentence_places(ctx, sent, offset: int) -> list:
    """The tokens of the places a sentence names ("in Tel Aviv", "near Macedonia's border")."""
    return [t for t in sent if located(t) and names_place(ctx, t, offset)]


def state_of(doc, code: str):
    """The document's state actor for a country code, or None."""
    return next((a for a in doc.actors if a.type == "state" and a.country == code), None)


def where_people_are(ctx, sent, offset: int, besides: set | frozenset = frozenset(),
                     places_only: bool = False) -> list[str]:
    """The state of the place a sentence names ("at a jail in Dili"), else (unless ``places_only``) of the one
    country it names (not counting the countries ``besides``)."""
    found = [a for a in ctx.actors_in(sentence_places(ctx, sent, offset), offset) if ctx.country.get(a) not in besides]
    if found or places_only:
        return found[:1]
    named = {}
    for tok in sent:
        aid = ctx.mention_actor.get(offset + tok.idx)
        code = ctx.country.get(aid) if aid is not None else None
        if code and code != "IGO" and code not in besides:
            named.setdefault(code, aid)
    if len(named) != 1:
        return []
    state = state_of(ctx.doc, next(iter(named)))
    return [state.id] if state is not None else []


#: nouns that make a people named by their demonym a minority where they live ("the Albanian population")
MINORITY_NOUNS = {"population", "minority", "community", "communities", "minorities", "diaspora", "populace"}


def minority_home(ctx, sent, offset: int, aid: str) -> list[str]:
    """The state an ethnic minority named in the sentence ("ethnic Albanians", "the Albanian population of the
    province") lives in, or []."""
    for tok in sent:
        if ctx.mention_actor.get(offset + tok.idx) == aid and (
                any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in tok.children)
                or (tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in MINORITY_NOUNS)):
            return where_people_are(ctx, sent, offset, besides={ctx.country.get(aid)}, places_only=True)
    return []


def home_state(ctx, actor: list[str]) -> list[str]:
    """The state actor (already in the document) of the actors' one country, if they have exactly one."""
    countries = {ctx.country.get(a) for a in actor if not a.startswith("place:")} - {None, "IGO"}
    if len(countries) != 1:
        return []
    state = state_of(ctx.doc, countries.pop())
    return [state.id] if state is not None else []


def foreign(ctx, sent, offset: int, actor: list[str]) -> bool:
    """Whether the sentence names a country other than the actors' (a state, a person's, a place's)."""
    mine = {ctx.country.get(a) for a in actor}
    for tok in sent:
        aid = ctx.mention_actor.get(offset + tok.idx)
        code = ctx.country.get(aid) if aid is not None else None
        place = ctx.places.get(offset + tok.idx)
        for c in (code, place[2] if place else None):
            if c and c != "IGO" and c not in mine:
                return True
    return False

"""Cheap lexical features for the discussion scorers (numpy and the standard library only).

Two blocks complement the MiniLM sentence embedding:

* ``dense_features(text)``: a handful of style and lexicon counts (``DENSE_NAMES``): hits of our own
  small word lists (profanity, insults, threats, identity terms, slurs, conspiracy vocabulary, second
  person), the share of capital letters and of shouted words, ``!`` and ``?`` counts, length, links.
  Counts are ``log1p``-squashed; the trained models standardise them with stored means/scales.
* ``hashed_features(text)``: word unigrams/bigrams and character 3–5-grams of the *squashed* text
  (lower case, leetspeak undone, ``f*ck``/``f.u.c.k`` rejoined, long letter runs shortened), hashed
  with CRC-32 into ``HASH_BUCKETS`` buckets, ``log1p`` counts, L2-normalised. Returned sparse as
  ``(indices, values)`` so a linear model can be applied with one gather.

The word lists are written for parley (not copied from any list); they only need to be good enough
to help a linear model, which learns their weights from the training data.

``embed_cached(texts, name)`` is a training helper: it embeds a corpus once and keeps the vectors in
``/tmp/parley_emb`` (never in the repository), keyed by the SHA-1 of each text.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

FEATURE_VERSION = 2
HASH_BUCKETS = 1 << 15

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_INNER_JUNK = re.compile(r"(?<=[a-z])[*.\-_#%]+(?=[a-z])")
_RUNS = re.compile(r"([a-z])\1{2,}")
_WORD = re.compile(r"[a-z][a-z']*")
_URL = re.compile(r"https?://|www\.", re.I)

# Stems: a squashed token matches when it starts with the stem (``exact`` sets match whole tokens only).
PROFANITY = ("fuck", "fuk", "fck", "fcuk", "shit", "bullshit", "crap", "damn", "dick", "cock", "cunt", "pussy",
             "asshole", "arsehole", "bitch", "bastard", "piss", "wank", "twat", "bollock", "motherf", "slut",
             "whore", "douche", "jackass", "dumbass", "goddam", "bloody", "prick", "tits", "penis", "sucks")
PROFANITY_EXACT = {"ass", "arse", "hoe", "hoes", "wtf", "stfu", "fu", "fk", "sob", "porn", "sex"}
INSULT = ("idiot", "stupid", "moron", "dumb", "imbecil", "fool", "loser", "retard", "clown", "scum", "pathetic",
          "ignoran", "troll", "jerk", "liar", "coward", "traitor", "trash", "garbage", "vermin", "worthless",
          "disgusting", "parasite", "puppet", "brainwash", "hypocrit", "lunatic", "nutjob", "creep", "freak",
          "ugly", "fat", "crazy", "insane", "incompet", "clueless", "sucker", "shameless", "filth", "useless")
INSULT_EXACT = {"pig", "pigs", "rat", "rats", "nut", "nuts", "fake", "shill", "shills", "bot", "bots"}
IDENTITY = ("muslim", "islam", "jew", "christian", "catholic", "black", "white", "gay", "lesbian", "homosex",
            "transgender", "immigrant", "migrant", "refugee", "arab", "african", "asian", "mexican", "russian",
            "ukrainian", "american", "chinese", "women", "woman", "female", "feminist", "latino", "hindu",
            "indian", "japanese", "negro", "race", "racial")
SLURS = ("nigg", "nigga", "fag", "kike", "spic", "chink", "raghead", "tranny", "wetback", "towelhead", "coon",
         "dyke", "retard", "beaner", "gook", "paki", "kaffir", "sandnig", "jihadi", "muzzie", "khokhol", "moskal")
CONSPIRACY = ("sheep", "globalis", "elite", "agenda", "deepstate", "hoax", "plandemic", "scamdemic", "propagand",
              "illuminati", "bilderberg", "rothschild", "soros", "cabal", "depopulat", "zionis", "kalergi",
              "brainwash", "orchestrat", "coverup", "staged", "faked", "invasion", "invader", "replacement",
              "genocide", "chemtrail", "microchip", "psyop", "msm", "mainstream", "puppet", "truth", "wake", "awake",
              "nwo", "satanic", "freemason", "reptil", "bioweapon", "agenda21")
SECOND_PERSON = {"you", "your", "you're", "youre", "yours", "yourself", "u", "ur", "ya", "yall"}
_CONSPIRACY_PHRASES = re.compile(
    r"wake up|new world order|deep state|great replacement|false flag|cover[- ]?up|they don'?t want you|"
    r"do your (own )?research|open borders|white genocide|mainstream media|population replacement|"
    r"planned (it|this)|(was|is|were) (a )?(hoax|staged|faked|planned)|they (are|were) hiding|hide the truth|"
    r"follow the money|who (really )?controls|puppet masters?|sold out|bought and paid", re.I)
_THREAT_PHRASES = re.compile(
    r"\b(i|we|i'?ll|we'?ll|gonna|going to|will|should|must|would)\b[^.!?]{0,25}\b"
    r"(kill|shoot|hang|hunt( you| them)? down|beat (you|him|her|them)|hurt|stab|burn|bomb|murder|execute|"
    r"slit|strangle|choke|punch|smash|break your|rape|destroy you|wipe (them|you) out|end you)\b|"
    r"\b(you|they|he|she)('ll| will| should| deserve to| need to| ought to)[^.!?]{0,15}\b(die|be shot|hang|"
    r"be hanged|be killed|be executed|burn|rot|suffer|pay)\b|"
    r"watch your back|i know where you live|put a bullet|death to|(should|must|will) be (shot|hanged|hung|"
    r"killed|executed|lynched|eliminated|exterminated|nuked)|line them up|firing squad|see you in hell",
    re.I)

DENSE_NAMES = ("profanity", "insult", "threat", "identity", "slur", "conspiracy", "conspiracy_phrase",
               "second_person", "caps_ratio", "shout_words", "exclamations", "questions", "log_length", "url")


def squash(text: str) -> str:
    """Lower-case ``text`` with common obfuscations undone (``F*CK`` -> ``fck``, ``sh1t`` -> ``shit``)."""
    low = text.lower()
    low = _INNER_JUNK.sub("", low)
    low = " ".join(w.translate(_LEET) if any(c.isalpha() for c in w) else w for w in low.split())
    return _RUNS.sub(r"\1\1", low)


@lru_cache(maxsize=256)
def _squashed_tokens(text: str) -> tuple[str, tuple[str, ...]]:
    """``squash(text)`` and its word tokens (cached: a batch asks for the dense and the hashed block of each text)."""
    sq = squash(text)
    return sq, tuple(_WORD.findall(sq))


@lru_cache(maxsize=1 << 16)
def _lexicon_hits(tok: str) -> tuple[int, int, int, int, int, int]:
    """Whether a squashed token is profanity, an insult, an identity term, a slur, conspiracy talk, second
    person (cached: words repeat)."""
    return (int(tok in PROFANITY_EXACT or tok.startswith(PROFANITY)),
            int(tok in INSULT_EXACT or tok.startswith(INSULT)), int(tok.startswith(IDENTITY)),
            int(tok.startswith(SLURS) or "nigg" in tok),
            int(tok.startswith(CONSPIRACY)), int(tok in SECOND_PERSON))


def dense_features(text: str) -> np.ndarray:
    """The ``DENSE_NAMES`` block for one text (float32, unstandardised)."""
    sq, tokens = _squashed_tokens(text)
    letters = [c for c in text if c.isalpha()]
    words = text.split()
    shout = sum(1 for w in words if len(w) > 2 and w.isupper())
    profanity = insult = identity = slur_hits = conspiracy = second = 0
    for tok in tokens:
        p, i, d, s, c, y = _lexicon_hits(tok)
        profanity += p
        insult += i
        identity += d
        slur_hits += s
        conspiracy += c
        second += y
    row = (
        math.log1p(profanity),
        math.log1p(insult),
        math.log1p(len(_THREAT_PHRASES.findall(sq))),
        math.log1p(identity),
        math.log1p(slur_hits),
        math.log1p(conspiracy),
        math.log1p(len(_CONSPIRACY_PHRASES.findall(sq))),
        math.log1p(second),
        sum(1 for c in letters if c.isupper()) / max(len(letters), 1),
        shout / max(len(words), 1),
        math.log1p(text.count("!")),
        math.log1p(text.count("?")),
        math.log1p(len(tokens)),
        1.0 if _URL.search(text) else 0.0,
    )
    return np.asarray(row, dtype=np.float32)


def _bucket(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) & (HASH_BUCKETS - 1)


@lru_cache(maxsize=1 << 16)
def _token_buckets(tok: str) -> tuple[int, tuple[int, ...]]:
    """The bucket of a word and the buckets of its character 3–5-grams (cached: words repeat)."""
    padded = f" {tok} "
    grams = tuple(_bucket(padded[j:j + n]) for n in (3, 4, 5) for j in range(len(padded) - n + 1))
    return _bucket("w:" + tok), grams


def hashed_features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed word 1–2-grams and character 3–5-grams of the squashed text: ``(indices, values)``."""
    _, tokens = _squashed_tokens(text)
    # every bucket hit, counted by numpy (twice as fast as a Counter; the buckets come out sorted)
    ids = [_bucket("b:" + a + " " + b) for a, b in itertools.pairwise(tokens)]
    for tok in tokens:
        word, grams = _token_buckets(tok)
        ids.append(word)
        ids.extend(grams)
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx, counts = np.unique(np.asarray(ids, dtype=np.int64), return_counts=True)
    val = np.log1p(counts.astype(np.float32))
    val /= max(float(np.linalg.norm(val)), 1e-9)
    return idx, val


def hashed_matrix(texts: list[str]):
    """Training helper: the hashed block of many texts as a ``scipy.sparse`` CSR matrix."""
    from scipy import sparse

    indptr, indices, values = [0], [], []
    for text in texts:
        idx, val = hashed_features(text)
        indices.append(idx)
        values.append(val)
        indptr.append(indptr[-1] + len(idx))
    return sparse.csr_matrix((np.concatenate(values) if values else np.zeros(0, np.float32),
                              np.concatenate(indices) if indices else np.zeros(0, np.int64), indptr),
                             shape=(len(texts), HASH_BUCKETS), dtype=np.float32)


def dense_matrix(texts: list[str]) -> np.ndarray:
    """``(len(texts), len(DENSE_NAMES))`` float32."""
    if not texts:
        return np.zeros((0, len(DENSE_NAMES)), dtype=np.float32)
    return np.stack([dense_features(t) for t in texts])


CACHE = Path("/tmp/parley_emb")


def embed_cached(texts: list[str], name: str) -> np.ndarray:
    """Training helper: ``parley.embed.embed(texts)`` with the vectors kept in ``/tmp/parley_emb/<name>.npz``."""
    from ..embed import embed

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.npz"
    known: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as stored:
            known = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if missing:
        vectors = embed([t for _, t in missing])
        known.update({k: v for (k, _), v in zip(missing, vectors, strict=True)})
        np.savez(path, keys=np.asarray(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys]) if keys else np.zeros((0, 384), dtype=np.float32)

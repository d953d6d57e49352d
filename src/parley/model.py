"""The data model that flows through every stage: ``Document`` and what it holds.

It mirrors the ``parley.document/1`` contract of DESIGN.md field for field. Offsets are Python string
indices into ``Document.text`` (NFC, ``\\n`` line ends). ``to_dict``/``from_dict`` round-trip exactly;
``to_json`` is deterministic (same document, same bytes), so stores are idempotent and tests can
compare output byte for byte.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "parley.document/1"

SEGMENT_KINDS = ("statement", "question", "answer", "comment", "other")
OFFICIAL_KINDS = ("statement", "question", "answer")
#: a reader comment's scores (``CommentAnalysis.scores``): the Perspective/Detoxify names, then parley's own
COMMENT_SCORES = ("toxicity", "severe_toxicity", "insult", "threat", "identity_attack", "profanity", "conspiracy",
                  "off_topic")


def text_id(text: str) -> str:
    """The contract's document id: the first 12 hex digits of the SHA-1 of the text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


class Record:
    """Mixin giving dataclasses a generic, ordered ``to_dict`` and a typed ``from_dict``.

    Fields marked ``transient`` (working caches shared between stages) are not serialised."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)  # type: ignore[arg-type]
                if not f.metadata.get("transient")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        hints = typing.get_type_hints(cls)
        known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        kwargs = {k: _load(hints[k], v) for k, v in data.items() if k in known}
        return cls(**kwargs)


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _load(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_load(item, v) for v in value]
    if origin is dict:
        _, item = typing.get_args(hint)
        return {k: _load(item, v) for k, v in value.items()}
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    return value


@dataclass
class Span(Record):
    start: int
    end: int


@dataclass
class Speaker(Record):
    """Who speaks a segment, as written. ``basis`` says how parley knows it:
    ``label`` (a speaker label in the text), ``answers`` (the unlabelled opening is spoken by the
    only person who answers the questions), ``header`` ("Statement by ..."), ``metadata``
    (the document's title or front matter) or ``markup`` (an HTML comment's author)."""

    name: str
    actor: str | None = None
    basis: str = "label"


@dataclass
class Segment(Record):
    id: str
    kind: str
    start: int
    end: int
    label: str | None = None
    speaker: Speaker | None = None
    reply_to: str | None = None
    time: str | None = None
    language: str | None = None


@dataclass
class Actor(Record):
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Event(Record):
    id: str
    type: str
    segment: str
    start: int
    end: int
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    negated: bool = False
    tense: str | None = None
    trigger: Span | None = None
    confidence: float = 0.0


@dataclass
class InstrumentMention(Record):
    start: int
    end: int
    article: str | None = None


@dataclass
class Instrument(Record):
    id: str
    name: str
    date: str | None = None
    wikidata: str | None = None
    mentions: list[InstrumentMention] = field(default_factory=list)


@dataclass
class Position(Record):
    actor: str
    stance: str
    segment: str
    start: int
    end: int


@dataclass
class Issue(Record):
    id: str
    label: str
    topic: str | None = None
    mentions: list[Span] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)


@dataclass
class DateMention(Record):
    """A date expression resolved against the document date.

    ``value`` is the ISO form at the precision the text gives (``2019-01-14``, ``2019-01``, ``2019``);
    ``earliest``/``latest`` bound it as calendar days (``later this month`` -> the rest of the month).
    ``precision`` is day, month, year, range or unresolved (relative, with no document date)."""

    text: str
    start: int
    end: int
    value: str | None = None
    precision: str = "unresolved"
    earliest: str | None = None
    latest: str | None = None


@dataclass
class Due(Record):
    text: str
    date: str | None = None
    latest: str | None = None


@dataclass
class Commitment(Record):
    id: str
    action: str
    segment: str
    start: int
    end: int
    actor: list[str] = field(default_factory=list)
    due: Due | None = None


@dataclass
class Evidence(Record):
    flag: str
    start: int
    end: int


@dataclass
class CommentAnalysis(Record):
    segment: str
    scores: dict[str, float] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    stance: dict[str, float] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)
    language: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)


@dataclass
class Topic(Record):
    """A cluster of comments about one thing, with a readable label."""

    label: str
    segments: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


@dataclass
class DiscussionSummary(Record):
    comments: int = 0
    flagged: int = 0
    stance: dict[str, float] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)
    flagged_by: dict[str, int] = field(default_factory=dict)
    most_toxic: list[str] = field(default_factory=list)
    most_substantive: list[str] = field(default_factory=list)


@dataclass
class Discussion(Record):
    comments: list[CommentAnalysis] = field(default_factory=list)
    summary: DiscussionSummary = field(default_factory=DiscussionSummary)


@dataclass
class Skip(Record):
    """Why a stage (or the whole document, ``stage == "read"``) produced nothing, for the whole document
    or, with ``segment``, for one segment of it."""

    stage: str
    reason: str
    code: str | None = None
    #: set when only this segment was skipped (e.g. a non-English comment); the stage still ran
    segment: str | None = None


@dataclass
class Document(Record):
    text: str
    id: str = ""
    source: str | None = None
    title: str | None = None
    date: str | None = None
    language: str | None = None
    segments: list[Segment] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    discussion: Discussion | None = None
    skipped: list[Skip] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    schema: str = SCHEMA
    #: working results shared between stages in one run (e.g. the spaCy parses); never serialised
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False, metadata={"transient": True})

    def __post_init__(self) -> None:
        if not self.id:
            self.id = text_id(self.text) if self.text else text_id("\0unread\0" + (self.source or ""))

    # -- convenience -------------------------------------------------------------------------
    @property
    def readable(self) -> bool:
        """False for a document that could not be read (its ``skipped`` says why)."""
        return not any(s.stage == "read" for s in self.skipped)

    def segment_text(self, segment: Segment) -> str:
        return self.text[segment.start : segment.end]

    def segments_of(self, *kinds: str) -> list[Segment]:
        return [s for s in self.segments if s.kind in kinds]

    # -- serialisation -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        # the contract puts schema and id first; key order is part of byte-identical output
        order = ["schema", "id", "source", "title", "date", "language", "text", "segments", "actors",
                 "events", "instruments", "issues", "commitments", "dates", "discussion", "skipped", "meta"]
        return {k: data[k] for k in order}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        schema = data.get("schema", SCHEMA)
        if schema.split("/")[0] != SCHEMA.split("/")[0] or schema != SCHEMA:
            from .errors import MalformedInput

            raise MalformedInput(f"unsupported schema {schema!r}; this parley reads {SCHEMA!r}")
        return super().from_dict(data)

    def to_json(self, *, indent: int | None = 2) -> str:
        separators = (",", ": ") if indent else (",", ":")
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, separators=separators)

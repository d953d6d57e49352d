"""Shared fixtures. Data from ../shared is read in place; tests that need it skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SAMPLE = SHARED / "samples" / "000_8f20f3f04bd2deb0.txt"


def need(path: Path) -> Path:
    """``path`` if it exists, else skip the test saying what is missing."""
    if not path.exists():
        pytest.skip(f"needs {path} (../shared beside the repository; CI always has it)")
    return path


@pytest.fixture(scope="session")
def founding():
    """The founding example analysed by the structure stage, with its lines' offsets."""
    import parley

    doc = parley.analyze(need(SAMPLE), stages=["structure"])
    lines, pos = [], 0
    for line in doc.text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return doc, lines


# -- the web: a document full of payloads, and stores to serve -----------------------------------
#: strings that would run script, load something or break out of an attribute if left unescaped
PAYLOADS = (
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '"><svg onload=window.__xss=1>',
    "'><body onpageshow=window.__xss=1>",
    '</textarea><iframe srcdoc="<script>window.__xss=1</script>"></iframe>',
    "{{ 7 * 7 }} ${7*7}",
    "'; DROP TABLE documents; --",
)


def hostile_document():
    """A document whose every string a page shows carries the payloads (text, title, source, speaker,
    actor, issue, commitment, topic, flags, links), analysed by hand so no stage is needed."""
    from parley.model import (
        Actor,
        CommentAnalysis,
        Commitment,
        Discussion,
        DiscussionSummary,
        Document,
        Due,
        Event,
        Evidence,
        Issue,
        Position,
        Segment,
        Span,
        Speaker,
        Topic,
    )

    bad = " ".join(PAYLOADS)
    statement = f"Minister {PAYLOADS[1]} said: Russia accused Japan. {bad}"
    comment = f"Comment {PAYLOADS[0]} see javascript:window.__xss=1 and {PAYLOADS[2]}"
    text = statement + "\n\n" + comment
    c0 = len(statement) + 2
    who = text.index(PAYLOADS[1])
    accused = text.index("accused")
    segments = [Segment("s1", "statement", 0, len(statement), label=PAYLOADS[3],
                        speaker=Speaker(PAYLOADS[1], actor="a3", basis="label")),
                Segment("s2", "comment", c0, len(text), speaker=Speaker(PAYLOADS[2], basis="markup"),
                        time=PAYLOADS[4], reply_to="s1")]
    actors = [Actor("a1", "Russia", "state", "RUS", mentions=[Span(text.index("Russia"), text.index("Russia") + 6)]),
              Actor("a2", "Japan", "state", "JPN", mentions=[Span(text.index("Japan"), text.index("Japan") + 5)]),
              Actor("a3", PAYLOADS[1], "person", "RUS", role=PAYLOADS[0], mentions=[Span(who, who + len(PAYLOADS[1]))])]
    events = [Event("e1", "ACCUSE", "s1", 0, len(statement), actor=["a1"], recipient=["a2"], tense="past",
                    trigger=Span(accused, accused + 7), confidence=0.9, contexts=[PAYLOADS[5]], mode=PAYLOADS[2])]
    issues = [Issue("i1", PAYLOADS[0], topic=PAYLOADS[1], mentions=[Span(0, 8)],
                    positions=[Position("a3", PAYLOADS[2], "s1", 0, len(statement))])]
    commitments = [Commitment("c1", PAYLOADS[1], "s1", 0, len(statement), actor=["a3"],
                              due=Due(PAYLOADS[0], date="2019-01-31", latest=PAYLOADS[3]))]
    analysis = CommentAnalysis(
        "s2", scores={"toxicity": 0.95, "threat": 0.85, "conspiracy": 0.1}, flags=["toxicity", PAYLOADS[2]],
        stance={PAYLOADS[0]: -0.5, "RUS": 0.4}, language="en",
        urls=["javascript:window.__xss=1", 'https://example.org/"><script>window.__xss=1</script>'],
        domains=[PAYLOADS[1]], evidence=[Evidence("toxicity", c0, c0 + 7), Evidence(PAYLOADS[3], c0 + 8, c0 + 20)])
    summary = DiscussionSummary(comments=1, flagged=1, stance={PAYLOADS[1]: -0.5},
                                topics=[Topic(PAYLOADS[0], ["s2"], [PAYLOADS[1]])],
                                flagged_by={"toxicity": 1, PAYLOADS[2]: 1}, most_toxic=["s2"], most_substantive=["s2"])
    return Document(text, source=PAYLOADS[4] + ".txt", title=PAYLOADS[0], date="2019-01-14", language="en",
                    segments=segments, actors=actors, events=events, issues=issues, commitments=commitments,
                    discussion=Discussion([analysis], summary), meta={"stages": ["hand"]})


def store_of(path: Path, docs) -> Path:
    """A store at ``path`` holding ``docs`` as they are (no stage runs)."""
    from parley.store.writer import StoreWriter

    with StoreWriter(path) as writer:
        writer.write([d.to_json(indent=None) for d in docs])
    return path


@pytest.fixture(scope="session")
def founding_store(tmp_path_factory):
    """A store holding the founding example, analysed by every stage (--date 2019-01-14)."""
    from parley.run import ingest

    db = tmp_path_factory.mktemp("founding") / "parley.db"
    ingest([need(SAMPLE)], db, date="2019-01-14")
    return db


def assert_inert(page: str) -> None:
    """Fail if ``page`` holds anything from a document that a browser would run or load: a script
    other than parley's own, an ``on...`` attribute, a javascript: link, an embedded frame or image."""
    import lxml.html

    from parley.web.render import asset

    tree = lxml.html.document_fromstring(page)
    for script in tree.iter("script"):
        assert script.get("src") == "/static/parley.js" or script.text == asset("parley.js"), \
            lxml.html.tostring(script)[:200]
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in ("iframe", "img", "object", "embed", "base", "form") or \
            (element.tag == "form" and element.get("action") in ("/search", "/", "/actors", "/dyad", "/moderation")), \
            lxml.html.tostring(element)[:200]
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            if name in ("href", "src", "action", "srcdoc"):
                assert not value.strip().lower().startswith(("javascript:", "data:text")), (element.tag, value)
    assert "<script>window.__xss" not in page

"""HTML pages end to end: the reader's comments become comment segments next to the transcript."""

from __future__ import annotations

import parley
from parley.readers import from_text

PAGE = """<!doctype html><html><head><title>Remarks after the talks</title>
<meta property="article:published_time" content="2024-05-02"></head><body>
<article><h1>Remarks after the talks</h1>
<p>MINISTER NORD: We held long and useful talks today about the fisheries agreement and the border.</p>
<p>We agreed that our deputies will meet again next month to prepare the next round.</p>
<p>Q: Minister, will the agreement be signed this year?</p>
<p>MINISTER NORD: I hope so. Both sides want it, and the experts have done most of the work.</p>
</article>
<section id="comments"><h2>3 comments</h2><ol class="commentlist">
<li class="comment" id="comment-1"><div class="comment-author"><cite class="fn">Mara</cite></div>
<time datetime="2024-05-02T10:00:00">May 2</time><div class="comment-body"><p>Finally some progress on fish.</p></div>
<ul class="children"><li class="comment" id="comment-2"><div class="comment-author"><cite class="fn">Olek</cite></div>
<div class="comment-body"><p>Progress? They said the same thing last year
&lt;script&gt;alert(1)&lt;/script&gt;.</p></div></li></ul>
</li>
<li class="comment" id="comment-3"><div class="comment-author"><cite class="fn">Ines</cite></div>
<div class="comment-body"><p>Good answer on the signing date.</p></div></li>
</ol><form id="respond"><textarea name="comment"></textarea><button>Post Comment</button></form></section>
</body></html>"""


def analysed():
    return parley.Pipeline(["structure"])(from_text(PAGE, fmt="html", source="page.html"))


def test_each_comment_in_the_markup_is_one_comment_segment_with_author_and_reply():
    doc = analysed()
    comments = doc.segments_of("comment")
    assert [c.speaker.name for c in comments] == ["Mara", "Olek", "Ines"]
    assert all(c.speaker.basis == "markup" for c in comments)
    assert comments[1].reply_to == comments[0].id and comments[0].reply_to is None
    assert doc.segment_text(comments[0]) == "Finally some progress on fish."
    assert "Post Comment" not in doc.text


def test_the_main_text_is_segmented_as_a_transcript():
    doc = analysed()
    official = [s for s in doc.segments if s.kind != "comment"]
    kinds = [s.kind for s in official]
    assert "question" in kinds and "answer" in kinds
    answer = next(s for s in official if s.kind == "answer")
    assert answer.speaker.name == "Minister Nord" and doc.segment_text(answer).startswith("I hope so.")
    assert max(s.end for s in official) <= min(s.start for s in doc.segments_of("comment"))


def test_markup_in_comments_stays_text():
    doc = analysed()
    assert "<script>alert(1)</script>" in doc.segment_text(doc.segments_of("comment")[1])

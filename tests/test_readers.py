from __future__ import annotations

import io
import json

import pytest

from parley.config import Settings
from parley.errors import BinaryInput, EmptyInput, InputTooLarge
from parley.readers import from_bytes, read, read_stdin
from parley.readers.text import normalize


def test_latin1_text_is_detected_and_decoded_without_loss(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le ministre a déclaré : « Nous sommes prêts à négocier ». Très bien.".encode("latin-1"))
    (doc,) = read([path])
    assert doc.readable and "déclaré" in doc.text and "prêts" in doc.text
    assert doc.meta["encoding"] not in ("utf-8", "ascii")


def test_utf16_with_bom_is_read():
    doc = from_bytes("Statement by the Minister.".encode("utf-16"), source="u16.txt")
    assert doc.text == "Statement by the Minister."


def test_text_is_normalised_to_nfc_with_newline_line_ends_and_plain_spaces():
    assert normalize("Cafe\u0301\r\nQ\u00a0\u00a0 Thanks.  \rEnd") == "Café\nQ   Thanks.\nEnd"


def test_an_empty_file_becomes_a_stub_with_its_reason(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    (doc,) = read([path])
    assert not doc.readable and doc.text == "" and doc.skipped[0].code == EmptyInput.code
    assert str(path) in doc.skipped[0].reason


def test_a_binary_file_is_refused_as_binary(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (doc,) = read([path])
    assert doc.skipped[0].code == BinaryInput.code


def test_a_200_mb_file_is_refused_before_it_is_loaded(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: takes no disk and would take 200 MB of memory to read
        handle.truncate(200_000_000)
    (doc,) = read([path])
    assert doc.skipped[0].code == InputTooLarge.code and "200,000,000 bytes" in doc.skipped[0].reason


def test_the_size_limit_is_a_setting(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text("A statement of some length. " * 10)
    (doc,) = read([path], Settings(max_bytes=100))
    assert doc.skipped[0].code == InputTooLarge.code
    (doc,) = read([path], Settings(max_bytes=1000))
    assert doc.readable


def test_standard_input_is_bounded_too():
    (doc,) = read_stdin(Settings(max_bytes=10), stream=io.BytesIO(b"x" * 50))
    assert doc.skipped[0].code == InputTooLarge.code


def test_a_missing_path_becomes_a_stub_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("We agreed to continue the talks.")
    docs = list(read([tmp_path / "missing.txt", good]))
    assert [d.readable for d in docs] == [False, True]
    assert docs[0].skipped[0].code == "not_found"


def test_markdown_front_matter_becomes_date_title_and_source_not_text():
    md = (
        "---\ndate: '2021-06-07'\nsource_url: https://example.org/briefing\ntitle: \"Press Briefing by\\\n"
        "  \\ Press Secretary\"\n---\n \nBriefing Room\n\nMS. PSAKI:  Good afternoon.  We have\na guest today "
        "\\[a minister\\].  \nQ    Thanks, Jen.\n"
    )
    doc = from_bytes(md.encode(), source="b.md", fmt="markdown")
    assert doc.date == "2021-06-07" and doc.source == "https://example.org/briefing"
    assert doc.title == "Press Briefing by Press Secretary"
    assert "date:" not in doc.text and "---" not in doc.text
    assert "MS. PSAKI: Good afternoon. We have a guest today [a minister]." in doc.text
    assert "\n\nQ Thanks, Jen." in doc.text  # a turn label always opens a paragraph


def test_jsonl_records_are_documents_and_a_broken_line_is_skipped_with_its_number(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "We reaffirmed our readiness.", "date": "2019-01-14", "lang": "en"}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "html": "<html><body><article><p>" + "The talks went well. " * 20
                    + "</p></article></body></html>", "title": "Talks"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": "e", "date": "14 January", "text": "Dated badly."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    docs = list(read([path]))
    assert len(docs) == 5
    assert docs[0].date == "2019-01-14" and docs[0].language == "en" and docs[0].meta["record_id"] == "a"
    assert not docs[1].readable and docs[1].skipped[0].code == "malformed" and ":2:" in docs[1].skipped[0].reason
    assert docs[2].readable and "The talks went well." in docs[2].text and docs[2].title == "Talks"
    assert not docs[3].readable and docs[3].source.endswith(":4")
    assert docs[4].date is None and "14 January" in docs[4].meta["warnings"][0]


def test_a_jsonl_line_over_the_limit_is_skipped_without_reading_it_whole(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "y" * 5000}) + "\n" + json.dumps({"text": "Short one."}) + "\n")
    docs = list(read([path], Settings(max_line_bytes=1000)))
    assert docs[0].skipped[0].code == InputTooLarge.code and docs[1].text == "Short one."


def test_malformed_html_is_read_or_refused_clearly_never_a_crash(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><div><p>The minister said the talks were useful.<p>Unclosed <b>bold"
                      "<div class='comments'><div class='comment'>Nice!</div>")
    nothing = tmp_path / "nothing.html"
    nothing.write_text("<html><head><script>alert(1)</script></head><body></body></html>")
    docs = list(read([broken, nothing]))
    assert docs[0].readable or docs[0].skipped[0].code in ("malformed", "empty")
    assert not docs[1].readable and docs[1].skipped[0].code in ("malformed", "empty")


def test_a_folder_is_read_recursively_by_suffix_and_other_files_are_reported(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("First statement.")
    (tmp_path / "sub" / "b.md").write_text("Second statement.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    ignored = []
    docs = list(read([tmp_path], on_ignored=ignored.append))
    assert [d.text for d in docs] == ["First statement.", "Second statement."]
    assert [p.name for p in ignored] == ["image.png"]


@pytest.mark.parametrize("name", ["empty", "binary"])
def test_from_bytes_raises_the_read_error_for_callers_that_want_it(name):
    data = b"" if name == "empty" else b"\x00\x01\x02" * 100
    with pytest.raises(EmptyInput if name == "empty" else BinaryInput):
        from_bytes(data, source=name)


def test_utf16_without_a_byte_order_mark_is_recognised():
    text = "The ministers agreed to meet again in April."
    for encoding in ("utf-16-le", "utf-16-be"):
        doc = from_bytes(text.encode(encoding), source="no-bom.txt")
        assert doc.text == text and doc.meta["encoding"] == encoding

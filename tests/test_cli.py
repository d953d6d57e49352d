from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parley.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "press_conference.txt"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_imports_nothing_heavy():
    probe = ("import sys, parley.cli; parley.cli.build_parser().format_help(); "
             "heavy = {'trafilatura', 'lxml', 'yaml', 'numpy', 'charset_normalizer', 'spacy'} & set(sys.modules); "
             "print(sorted(heavy))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_help_lists_the_commands_and_the_exit_codes(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    out = capsys.readouterr().out
    assert stop.value.code == 0
    assert all(word in out for word in ("analyze", "stages", "eval", "exit codes", "binary"))


def test_analyze_prints_the_contract_json_for_the_example(capsys):
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "--date", "2025-03-03")
    doc = json.loads(out)
    assert code == 0 and doc["schema"] == "parley.document/1" and doc["date"] == "2025-03-03"
    kinds = [s["kind"] for s in doc["segments"]]
    assert kinds.count("question") == 2 and kinds.count("answer") == 2 and "comment" in kinds
    assert doc["meta"]["stages"][:3] == ["structure", "language", "nlp"] and doc["language"] == "en"


def test_the_same_input_gives_byte_identical_output(capsys, tmp_path):
    _, first, _ = run(capsys, "analyze", str(EXAMPLE), "--format", "jsonl")
    _, second, _ = run(capsys, "analyze", str(EXAMPLE), "--format", "jsonl")
    assert first == second and first.count("\n") == 1


def test_markdown_summary_names_speakers_and_kinds(capsys):
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "--format", "md")
    assert code == 0 and "Minister Halvorsen" in out and "## Discussion" in out


def test_output_file_and_standard_input(capsys, tmp_path, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Q: Why?\nMR. SMITH: Because.\n")))
    target = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "analyze", "-", "--format", "jsonl", "-o", str(target))
    doc = json.loads(target.read_text())
    assert code == 0 and out == "" and [s["kind"] for s in doc["segments"]] == ["question", "answer"]


@pytest.mark.parametrize(
    ("content", "code", "word"),
    [(b"", 4, "empty"), (b"\x00\x01\x02\x03" * 64, 5, "binary")],
)
def test_bad_input_gets_a_distinct_exit_code_and_a_clear_message(capsys, tmp_path, content, code, word):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    got, out, err = run(capsys, "analyze", str(path), "--format", "jsonl")
    assert got == code and word in err and "hint:" in err
    assert json.loads(out)["skipped"][0]["stage"] == "read"  # the stub is written: nothing is lost


def test_a_missing_path_exits_3_but_the_other_documents_are_written(capsys, tmp_path):
    code, out, err = run(capsys, "analyze", str(tmp_path / "nope.txt"), str(EXAMPLE), "--format", "jsonl")
    docs = [json.loads(line) for line in out.splitlines()]
    assert code == 3 and len(docs) == 2 and docs[1]["segments"]
    assert "1 of 2 documents analysed, 1 skipped" in err


def test_too_large_input_exits_6(capsys, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("word " * 100)
    code, _, err = run(capsys, "analyze", str(path), "--max-bytes", "50")
    assert code == 6 and "over the limit" in err


def test_a_bad_date_is_a_usage_error(capsys):
    code, _, err = run(capsys, "analyze", str(EXAMPLE), "--date", "14/01/2019")
    assert code == 2 and "YYYY-MM-DD" in err


def test_an_unknown_stage_is_named_with_the_known_ones(capsys):
    code, _, err = run(capsys, "analyze", str(EXAMPLE), "--stages", "structure,telepathy")
    assert code == 9 and "telepathy" in err and "structure" in err


def test_stages_and_config_list_what_they_should(capsys):
    code, out, _ = run(capsys, "stages")
    assert code == 0 and "structure" in out and "assigns: segments" in out
    code, out, _ = run(capsys, "config")
    assert code == 0 and "max_bytes" in out and "PARLEY_MAX_BYTES" in out


def test_a_bad_setting_in_the_environment_is_reported(capsys, monkeypatch):
    monkeypatch.setenv("PARLEY_MAX_BYTES", "lots")
    code, _, err = run(capsys, "analyze", str(EXAMPLE))
    assert code == 2 and "max_bytes" in err

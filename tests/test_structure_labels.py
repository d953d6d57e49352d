from __future__ import annotations

import pytest

from parley.structure.labels import match_label, readable_name, stage_direction, time_line


@pytest.mark.parametrize(
    ("line", "kind", "name"),
    [
        ("Question: Did the minister comment?", "question", None),
        ("Q: Did the minister comment?", "question", None),
        ("Q    Thanks, Jake. Is this the right time?", "question", None),
        ("Reporter: One more, please.", "question", None),
        ("Sergey Lavrov: We have already made a statement.", "speaker", "Sergey Lavrov"),
        ("PRESIDENT BIDEN:  Good evening, everyone.", "speaker", "President Biden"),
        ("PRIME MINISTER KISHIDA:  (As interpreted.)  Thank you.", "speaker", "Prime Minister Kishida"),
        ("MS. JEAN-PIERRE: Good afternoon.", "speaker", "Ms. Jean-Pierre"),
        ("SECRETARY OF STATE BLINKEN: Thanks.", "speaker", "Secretary of State Blinken"),
        ("Mr. Taro Kono, Minister for Foreign Affairs: I visited Moscow.", "speaker", "Mr. Taro Kono"),
        ("Abe, Asahi Shimbun: I have a question about the islands.", "question", "Abe"),
        ("MODERATOR: Next question.", "procedural", "Moderator"),
        ("AUDIENCE MEMBER: Climate change.", "procedural", "Audience Member"),
    ],
)
def test_speaker_labels_in_their_house_styles(line, kind, name):
    label = match_label(line)
    assert label is not None and label.kind == kind and label.name == name
    assert line[label.end:].strip() and not line[label.end:].startswith(":")


@pytest.mark.parametrize(
    "line",
    [
        "Lavrov’s Doctrine: We are a Super Power and you are a vassal.",
        "This is why: nobody asked.",
        "Note: the transcript was edited.",
        "The comments of this one in particular made me lose sleep the night I stumbled upon it:",
        "Simple. Those two atom bombs scared Vice President Truman.",
        "Update: the meeting was moved.",
        "https://example.org/page",
        "We told them: no.",
    ],
)
def test_sentences_with_a_colon_are_not_labels(line):
    assert match_label(line) is None or not match_label(line).strong


def test_a_weak_label_is_one_name_that_could_be_a_sentence_opener():
    label = match_label("Katie: I agree with this.")
    assert label is not None and not label.strong  # trusted only when it labels two paragraphs


def test_stage_directions_and_times():
    assert stage_direction("(Laughter.)") and stage_direction("[Applause]")
    assert not stage_direction("(This is a whole sentence in brackets, which is not a direction at all "
                               "because it goes on and on well beyond eighty characters.)")
    assert time_line("6:22 P.M. EST") and time_line("END 4:44 P.M. EET") and time_line("12:06 P.M. EDT")
    assert not time_line("At 6:22 the minister arrived.")


def test_upper_case_labels_read_as_names():
    assert readable_name("MS. JEAN-PIERRE") == "Ms. Jean-Pierre"
    assert readable_name("THE PRESIDENT") == "The President"
    assert readable_name("Sergey Lavrov") == "Sergey Lavrov"

"""Zoom .vtt speaker prefixes as participants typed them: lower case, a device's name."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lernet_cli.project.participants import Participant, Participants
from lernet_cli.readers import read_transcript
from lernet_cli.readers.label_names import label_names


def _vtt(tmp_path: Path, cues: list[str], name: str = "fg.vtt") -> Path:
    body = "\n\n".join(
        f"{i + 1}\n00:00:{i:02d}.000 --> 00:00:{i:02d}.900\n{cue}" for i, cue in enumerate(cues)
    )
    path = tmp_path / name
    path.write_text(f"WEBVTT\n\n{body}\n", encoding="utf-8")
    return path


def _words(path: Path) -> Counter[str]:
    words: Counter[str] = Counter()
    for turn in read_transcript(path).turns:
        words[turn.speaker] += len(turn.text.split())
    return words


FG = [
    "Lotte Janssens (UGent): goed wie wil beginnen?",
    "Sofie Claeys: ik begin wel",
    "bart van damme: ja hoor",
    "iPad van Hilde: ja euh ik hoor jullie een beetje stil",
    "Lotte Janssens (UGent): en wat doet het netwerk voor jullie?",
    "Sofie Claeys: vooral kennis delen",
    "Hilde's iPhone: dat denk ik ook",
]


def test_lower_case_and_device_prefixes_are_speakers(tmp_path: Path) -> None:
    words = _words(_vtt(tmp_path, FG))
    assert words["bart van damme"] == 2
    assert words["iPad van Hilde"] == 8
    assert words["Hilde's iPhone"] == 4
    assert words["Lotte Janssens (UGent)"] == 11


def test_a_colon_in_speech_is_no_speaker(tmp_path: Path) -> None:
    # Prefix-less cues: "ja" and "het punt is" hold ordinary words and start too few cues.
    path = _vtt(
        tmp_path,
        [
            "we beginnen met het netwerk",
            "ja: dat klopt wel",
            "het punt is: we zien elkaar weinig",
            "twee dingen eigenlijk",
        ],
    )
    turns = read_transcript(path).turns
    assert {t.speaker for t in turns} == {""}
    assert "ja: dat klopt wel" in " ".join(t.text for t in turns)


def test_a_colon_mid_speech_after_a_prefix_stays_speech(tmp_path: Path) -> None:
    path = _vtt(
        tmp_path, ["Eva: wat vind je?", "jan peeters: twee dingen: tijd en geld", "Eva: ok"]
    )
    turns = read_transcript(path).turns
    assert [t.speaker for t in turns] == ["Eva", "jan peeters", "Eva"]
    assert turns[1].text == "twee dingen: tijd en geld"


def test_a_common_word_prefix_shared_by_many_cues_is_a_speaker(tmp_path: Path) -> None:
    cues = ["Eva: vraag een?", "An: antwoord", "Eva: vraag twee?", "An: nog", "An: en nog"]
    assert _words(_vtt(tmp_path, cues))["An"] == 4
    assert _words(_vtt(tmp_path, cues[:2] + ["Eva: ok"], "two.vtt"))["An"] == 0


def test_a_lower_case_prefix_seen_once_outside_a_zoom_file_is_speech(tmp_path: Path) -> None:
    path = _vtt(tmp_path, ["dit is gewoon tekst", "nog meer tekst", "ook tekst", "mijn lief: ok"])
    assert {t.speaker for t in read_transcript(path).turns} == {""}


def test_device_label_names_its_owner_for_matching_and_redaction() -> None:
    assert label_names("iPad van Hilde") == ["Hilde"]
    assert label_names("Hilde's iPhone") == ["Hilde"]
    people = Participants()
    people.people["hilde"] = Participant(id="hilde", names=["Hilde De Smet"])
    people.people["bart"] = Participant(id="bart", names=["Bart Van Damme"])
    assert people.by_speaker("Galaxy van Hilde De Smet") is people.people["hilde"]
    assert people.by_speaker("iPad van Hilde") is people.people["hilde"]
    assert people.by_speaker("bart van damme") is people.people["bart"]
    assert people.named_alike("Hilde's iPhone") is people.people["hilde"]


def _people() -> Participants:
    people = Participants()
    people.people["jonas"] = Participant(id="jonas", names=["Jonas Verhaeghe"])
    people.people["ann"] = Participant(id="ann", names=["Anneleen De Bièvre"])
    people.people["jan"] = Participant(id="jan", names=["Jan Maes"])
    people.people["wim"] = Participant(id="wim", names=["Wim Maes"])
    return people


def test_surname_first_label_matches_the_listed_name() -> None:
    people = _people()
    assert people.by_speaker("Verhaeghe Jonas (Stad Eeklo)") is people.people["jonas"]
    assert people.by_speaker("verhaeghe, jonas") is people.people["jonas"]
    assert people.by_speaker("De Bievre Anneleen (UGent)") is people.people["ann"]
    assert people.by_speaker("Maes Jan") is people.people["jan"]


def test_one_shared_word_is_no_match() -> None:
    people = _people()
    assert people.by_speaker("Maes") is None
    assert people.by_speaker("Verhaeghe Pieter") is None
    assert people.by_speaker("Jonas Verhaeghe Junior") is None

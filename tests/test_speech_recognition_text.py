"""Text as speech recognition and video calls save it: Zoom's saved captions ("[Dana Whitfield]
10:02:33" on a line of its own), a timestamp on its own line inside a speaker's turn, and files
without any speaker labels whose questions and answers take turns."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.readers import read_transcript
from lernet_cli.readers.labels import asks

runner = CliRunner()

ZOOM = """\
[Dana Whitfield] 10:02:33
hi raj can you hear me

[Raj Patel] 10:02:36
yeah i can hear you

[Dana Whitfield] 10:02:40
so what are the biggest challenges for the clinic right now

[Raj Patel] 10:02:45
um honestly we just can't recruit uh we posted the RN job three times

[Dana Whitfield] 10:03:10
and how does that affect the staff

[Raj Patel] 10:03:15
people are burnt out you know they're exhausted
"""

TIME_INSIDE = """\
00:00:03
Interviewer: en hoe zit het met de concurrentie

00:00:09
Anja: die is er wel en onze marktpositie is belangrijk want als het over

00:00:21
opdrachten gaat houdt iedereen zijn kaarten dicht tegen de borst

00:00:25
Interviewer: mm hmm

00:00:26
Anja: ja zo gaat het.

00:00:30
Daarna kwam de gemeente.
"""

UNLABELLED = [
    "hi aisha thanks for making time",
    "yeah i can hear you fine hi dana",
    "so um can you tell me a bit about your role",
    "i coordinate the practical nursing program and i place students in the rural sites",
    "okay and what are the biggest challenges for the clinic right now",
    "honestly we just can't recruit we posted the position three times and nobody applied",
    "is there anything about funding you want to mention",
    "the funding is year to year so you can't plan anything",
    "okay great anything else you'd like to add",
    "no i think i covered it",
]


def srt(cues: list[str]) -> str:
    return "".join(
        f"{n}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 1:02d},000\n{text}\n\n"
        for n, text in enumerate(cues, 1)
    )


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_zoom_saved_captions_are_read_with_their_speakers(tmp_path: Path) -> None:
    t = read_transcript(write(tmp_path / "zoom.txt", ZOOM))
    assert [x.speaker for x in t.turns] == ["Dana Whitfield", "Raj Patel"] * 3
    assert [x.timestamp for x in t.turns][:2] == ["10:02:33", "10:02:36"]
    assert t.turns[1].text == "yeah i can hear you"
    assert [x.role for x in t.turns if x.speaker == "Dana Whitfield"] == ["interviewer"] * 3
    assert not any("no speaker labels" in w for w in t.warnings)


def test_speakers_of_zoom_captions_on_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path / "zoom_captions.txt", ZOOM)
    result = runner.invoke(app, ["speakers", str(path)])
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if "zoom_captions" in line]
    assert any("Dana Whitfield" in r and "interviewer" in r for r in rows), result.stdout
    assert any("Raj Patel" in r and "participant" in r for r in rows), result.stdout


def test_an_unread_bracketed_label_is_quoted_in_the_warning(tmp_path: Path) -> None:
    """A name too long for a label (five words): not read, but the warning shows the line."""
    text = ZOOM.replace("[Raj Patel]", "[Raj Patel Prairie Ridge Clinic]").replace(
        "[Dana Whitfield]", "[Dana Whitfield Northwood College Dauphin]"
    )
    path = write(tmp_path / "zoom_long.txt", text)
    result = runner.invoke(app, ["speakers", str(path)])
    assert result.exit_code == 0, result.stderr
    assert (
        "line 1 looks like a speaker label but was not read as one: "
        "'[Dana Whitfield Northwood College Dauphin] 10:02:33'"
    ) in result.stderr, result.stderr


def test_a_timestamp_on_its_own_line_does_not_cut_a_turn(tmp_path: Path) -> None:
    t = read_transcript(write(tmp_path / "p01.txt", TIME_INSIDE))
    anja = [x.text for x in t.turns if x.speaker == "Anja"]
    assert anja[0] == (
        "die is er wel en onze marktpositie is belangrijk want als het over opdrachten gaat "
        "houdt iedereen zijn kaarten dicht tegen de borst"
    )
    # after a sentence's end the next line stays a line (and a sentence) of its own
    assert anja[1] == "ja zo gaat het.\nDaarna kwam de gemeente."
    turn = next(x for x in t.turns if x.speaker == "Anja")
    assert turn.timestamp == "00:00:09"
    # each piece keeps where it stands in the file (for comments' and tags' places)
    assert [s[0] for s in turn.sources] == [5, 8]


def test_the_quote_runs_on_over_a_timestamp(project: Path) -> None:
    write(project / "p01.txt", TIME_INSIDE)
    result = runner.invoke(app, ["code", "p01.txt"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["quotes", "--no-anonymize"])
    assert result.exit_code == 0, result.stderr
    assert "als het over opdrachten gaat houdt iedereen" in " ".join(result.stdout.split())


def test_questions_of_an_unlabelled_file_are_the_interviewers(tmp_path: Path) -> None:
    t = read_transcript(write(tmp_path / "p07.srt", srt(UNLABELLED)))
    roles = [x.role for x in t.turns]
    assert roles == ["participant", "participant"] + ["interviewer", "participant"] * 4
    assert {x.speaker for x in t.turns} == {"Interviewer", "Respondent"}
    (warning,) = [w for w in t.warnings if "no speaker labels" in w]
    assert warning.startswith(
        "no speaker labels: the 4 of 10 turns that ask a question (the first at line 10: "
        "'so um can you tell me a bit about your role') read as the interviewer's"
    ), warning
    assert t.interviewer_labels == ["Interviewer"]


def test_an_unlabelled_monologue_stays_the_participants(tmp_path: Path) -> None:
    """A few questions the participant asks themself do not take turns with answers."""
    text = "\n\n".join(
        [
            "we started the network in 2019",
            "what did we want? contacts mostly",
            "and the money came from the province",
            "the members meet four times a year",
            "how do we keep it going is the question",
            "we have no answer yet",
        ]
    )
    t = read_transcript(write(tmp_path / "p09.txt", text))
    assert {x.role for x in t.turns} == {"participant"}
    assert any("no speaker labels found: all text taken" in w for w in t.warnings)


def test_asks_without_a_question_mark() -> None:
    assert asks("so um can you tell me a bit about your role")
    assert asks("okay and what are the biggest challenges")
    assert asks("is there anything about funding")
    assert asks("okay great anything else you'd like to add")
    assert asks("en kunt u daar iets meer over vertellen")
    assert not asks("um the college sends us students")
    assert not asks("is is hard to say")
    assert not asks("you can imagine it is hard")


def test_code_leaves_the_questions_of_an_unlabelled_srt_uncoded(project: Path) -> None:
    cues = [
        "goedemiddag en dank u wel",
        "graag gedaan",
        "kent u de andere leden al",
        "nou we kennen elkaar nog niet goed eigenlijk",
        "en hoe zit het met de concurrentie en de marktpositie",
        "die is er wel ja",
        "wat haalt u uit het netwerk",
        "vooral kennis over subsidies",
    ]
    write(project / "p02.srt", srt(cues))
    result = runner.invoke(app, ["code", "p02.srt"])
    assert result.exit_code == 0, result.stderr
    assert "the 3 of 8 turns that ask a question" in result.stderr, result.stderr
    rows = json.loads(runner.invoke(app, ["codings", "--no-anonymize", "--format", "json"]).stdout)
    coded = {r["code"] for r in rows}
    # "marktpositie" stands in a question only: not the participant's words
    assert "competition.protect_position" not in coded, rows
    assert "trust.not_acquainted" in coded, rows

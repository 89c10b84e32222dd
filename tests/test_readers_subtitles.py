"""WebVTT (Teams/Zoom) and SubRip transcripts, and `lernet speakers`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.errors import TranscriptError
from lernet_cli.readers import read_transcript

runner = CliRunner()

TEAMS = """WEBVTT

NOTE exported by Teams

STYLE
::cue { color: white }

0f3c-1
00:00:01.000 --> 00:00:04.500
<v Eva Jansen>Fijn dat je tijd hebt. Kennen de leden elkaar al?</v>

0f3c-2
00:00:05.000 --> 00:00:09.000 align:start
<v Mark de Vries>Nou, eerlijk gezegd kennen we elkaar nog niet goed.</v>

0f3c-3
00:00:09.100 --> 00:00:12.000
<v Mark de Vries><i>We zien</i> elkaar maar
vier keer per jaar, zegt Mark.</v>

00:12.500 --> 00:14.000
<v Eva Jansen>En concurrentie?</v>
"""
ZOOM = """\ufeffWEBVTT

1
00:00:02.100 --> 00:00:05.000
Interviewer: Hoe kijkt u naar het netwerk?

2
00:00:05.500 --> 00:00:08.000
Respondent: Het staat nog in de kinderschoenen.

3
00:00:08.100 --> 00:00:09.000
Respondent: Echt nog heel pril.
"""
SRT_SPEAKERS = """1
00:00:01,000 --> 00:00:03,000
I: Wat brengt u het netwerk?

2
00:00:03,500 --> 00:00:07,250
R: Wij halen vooral kennis op.
"""
SRT_PLAIN = """1
00:00:01,000 --> 00:00:03,000
We kennen elkaar nog niet goed.

2
00:00:03,500 --> 00:00:07,250
Dat moet beter.
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_teams_voice_tags_merge_and_keep_time(tmp_path: Path) -> None:
    t = read_transcript(write(tmp_path, "t.vtt", TEAMS))
    assert [(x.speaker, x.role, x.timestamp) for x in t.turns] == [
        ("Eva Jansen", "interviewer", "00:00:01"),
        ("Mark de Vries", "participant", "00:00:05"),
        ("Eva Jansen", "interviewer", "00:00:12"),
    ]
    assert t.turns[1].text == (
        "Nou, eerlijk gezegd kennen we elkaar nog niet goed. We zien elkaar maar vier keer per "
        "jaar, zegt Mark."
    )


def test_zoom_name_prefix_cues(tmp_path: Path) -> None:
    t = read_transcript(write(tmp_path, "z.vtt", ZOOM))
    assert [(x.speaker, x.role) for x in t.turns] == [
        ("Interviewer", "interviewer"),
        ("Respondent", "participant"),
    ]
    assert t.turns[1].text == "Het staat nog in de kinderschoenen. Echt nog heel pril."


def test_srt_with_and_without_speakers(tmp_path: Path) -> None:
    t = read_transcript(write(tmp_path, "a.srt", SRT_SPEAKERS, "cp1252"))
    assert [(x.role, x.text) for x in t.turns] == [
        ("interviewer", "Wat brengt u het netwerk?"),
        ("participant", "Wij halen vooral kennis op."),
    ]
    plain = read_transcript(write(tmp_path, "b.srt", SRT_PLAIN))
    assert all(x.role == "participant" for x in plain.turns)
    assert any("no speaker labels" in w for w in plain.warnings)


def test_whisperx_srt_speakers_in_brackets(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:04,000\n[SPEAKER_00]: Kennen de leden elkaar al?\n\n"
        "2\n00:00:05,000 --> 00:00:08,000\n[SPEAKER_01]: Nee, nog niet goed.\n\n"
        "3\n00:00:08,500 --> 00:00:10,000\n[SPEAKER_01]: Dat moet groeien.\n\n"
        "4\n00:00:11,000 --> 00:00:13,000\n[SPEAKER_00]: En het vertrouwen?\n"
    )
    t = read_transcript(write(tmp_path, "whisperx.srt", text))
    assert [(x.speaker, x.role, x.text) for x in t.turns] == [
        ("SPEAKER_00", "interviewer", "Kennen de leden elkaar al?"),
        ("SPEAKER_01", "participant", "Nee, nog niet goed. Dat moet groeien."),
        ("SPEAKER_00", "interviewer", "En het vertrouwen?"),
    ]


@pytest.mark.parametrize(
    ("name", "text", "message", "line"),
    [
        ("x.vtt", "00:00:01.000 --> 00:00:02.000\nHallo\n", "first line must be WEBVTT", 1),
        ("x.vtt", "WEBVTT\n\n00:00:01.000 --> 00:0x:02.000\nHallo\n", "cue timing", 3),
        ("x.srt", "1\n00:00:01,000 --> 00:00:02,000\nHallo\n\n2\nkapot\nHallo\n", "timing", 5),
        ("x.vtt", "", "empty transcript", None),
        ("x.vtt", "WEBVTT\n\nNOTE Teams\n\n", "the subtitle file has no cues", None),
        ("x.vtt", "WEBVTT\nKind: captions\n\n", "the subtitle file has no cues", None),
        ("x.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n", "1 cue holds no text", None),
        ("x.srt", "1\n00:00:01,000 --> 00:00:02,000\n\n", "1 cue holds no text", None),
    ],
)
def test_bad_subtitles(tmp_path: Path, name: str, text: str, message: str, line: int) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.line == line


def test_binary_vtt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.vtt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(TranscriptError, match="binary"):
        read_transcript(path)


def test_speakers_command(tmp_path: Path) -> None:
    path = write(tmp_path, "t.vtt", TEAMS)
    r = runner.invoke(app, ["speakers", str(path), "--format", "json"])
    assert r.exit_code == 0, r.stderr
    assert [(s["speaker"], s["role"], s["turns"]) for s in json.loads(r.stdout)] == [
        ("Eva Jansen", "interviewer", 2),
        ("Mark de Vries", "participant", 1),
    ]
    args = ["speakers", str(path), "--interviewer", "Mark de Vries", "-f", "csv"]
    r = runner.invoke(app, [*args, "--delimiter", ","])
    assert "Mark de Vries,interviewer" in r.stdout
    r = runner.invoke(app, ["speakers", str(path)])
    assert r.exit_code == 0 and "Eva Jansen" in r.stdout


def test_vtt_coded_quoted_and_speaker_name_redacted(project: Path) -> None:
    write(project, "t.vtt", TEAMS)
    assert runner.invoke(app, ["code", "t.vtt"]).exit_code == 0
    r = runner.invoke(app, ["quotes", "--format", "json"])
    texts = [q["text"] for q in json.loads(r.stdout)]
    assert any("kennen we elkaar nog niet goed" in t for t in texts)
    assert not any("Mark" in t for t in texts)


TAGGED_VTT = """WEBVTT

1
00:00:01.000 --> 00:00:04.000
<v Eva Jansen>Kennen de leden elkaar al?</v>

2
00:00:05.000 --> 00:00:09.000
<v Mark de Vries>Ik was [[hesitant: onwennig]]. [[not_acquainted: We kennen</v>

3
00:00:09.100 --> 00:00:12.000
<v Mark de Vries>elkaar nog niet goed]], zegt hij.</v>
"""
TAGGED_SRT = """1
00:00:01,000 --> 00:00:03,000
I: Wat brengt u het netwerk?

2
00:00:03,500 --> 00:00:07,250
R: [[Kennis halen: Wij halen vooral kennis op.]]
"""


def test_inline_tags_in_subtitles_are_read_as_in_txt(tmp_path: Path) -> None:
    t = read_transcript(write(tmp_path, "t.vtt", TAGGED_VTT))
    answer = t.turns[1]
    assert answer.text == ("Ik was onwennig. We kennen elkaar nog niet goed, zegt hij.")
    marked = sorted((m.annotation.note, answer.text[m.start : m.end]) for m in t.marks)
    assert marked == [
        ("hesitant", "onwennig"),
        ("not_acquainted", "We kennen elkaar nog niet goed"),
    ]
    srt = read_transcript(write(tmp_path, "a.srt", TAGGED_SRT))
    assert srt.turns[1].text == "Wij halen vooral kennis op."
    assert [(m.annotation.note, m.turn) for m in srt.marks] == [("Kennis halen", 1)]
    with pytest.raises(TranscriptError, match="never closed"):
        read_transcript(write(tmp_path, "b.srt", TAGGED_SRT.replace("op.]]", "op.")))


def test_tagged_vtt_is_coded_by_hand_and_quoted_without_brackets(project: Path) -> None:
    write(project, "t.vtt", TAGGED_VTT)
    r = runner.invoke(app, ["code", "t.vtt", "--coder", "lotte"])
    assert r.exit_code == 0, r.stderr
    assert "'hesitant': names no code" in r.stderr
    rows = json.loads(runner.invoke(app, ["codings", "--no-anonymize", "--format", "json"]).stdout)
    by_hand = [(c["code"], c["text"]) for c in rows if c["coder"] == "lotte"]
    assert by_hand == [("trust.not_acquainted", "We kennen elkaar nog niet goed")]
    texts = [q["text"] for q in json.loads(runner.invoke(app, ["quotes", "-f", "json"]).stdout)]
    assert texts and not any("[[" in t or "]]" in t or "hesitant" in t for t in texts)


def test_teams_word_export(tmp_path: Path) -> None:
    """Teams' Word transcript: a line with the name and a time, then the speech."""
    from docx import Document

    doc = Document()
    for who, ts, text in [
        ("Eva Jansen", "0:03", "Kennen de leden elkaar al een beetje?"),
        ("Mark de Vries", "0:09", "Nou, eerlijk gezegd kennen we elkaar nog niet goed."),
        ("Eva Jansen", "1:21", "En hoe zit het met concurrentie?"),
        ("Mark de Vries", "1:25", "Die merk ik wel."),
    ]:
        doc.add_paragraph(f"{who}   {ts}")
        doc.add_paragraph(text)
    doc.save(str(tmp_path / "teams.docx"))
    t = read_transcript(tmp_path / "teams.docx")
    assert [(x.speaker, x.role, x.timestamp) for x in t.turns] == [
        ("Eva Jansen", "interviewer", "0:03"),
        ("Mark de Vries", "participant", "0:09"),
        ("Eva Jansen", "interviewer", "1:21"),
        ("Mark de Vries", "participant", "1:25"),
    ]
    assert t.turns[1].text == "Nou, eerlijk gezegd kennen we elkaar nog niet goed."


def test_a_vtt_header_with_settings_is_no_cue(tmp_path: Path) -> None:
    # YouTube and some captioning services write settings under WEBVTT, up to an empty line
    text = (
        "WEBVTT\nKind: captions\nLanguage: nl\n\n"
        "00:00:01.000 --> 00:00:03.000\n<v Interviewer>Hoe gaat het met de zorg?\n\n"
        "00:00:04.000 --> 00:00:08.000\n<v Respondent>Het is zwaar, ik heb te weinig tijd.\n"
    )
    t = read_transcript(write(tmp_path, "yt.vtt", text))
    assert [(x.role, x.text) for x in t.turns] == [
        ("interviewer", "Hoe gaat het met de zorg?"),
        ("participant", "Het is zwaar, ik heb te weinig tijd."),
    ]

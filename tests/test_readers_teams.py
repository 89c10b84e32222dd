"""Microsoft Teams transcripts saved as Word files: "Surname, First (ORGANISATION)   0:05" speaker
lines, the older three-paragraph layout, name and speech in one paragraph; and what is not a
label although it looks a little like one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.readers import read_transcript
from lernet_cli.readers.label_names import label_names

runner = CliRunner()

ASKS = ["How are you finding the partnership?", "Why is that?", "And the money?"]
ANSWERS = [
    "It is fine, we share a lot of information with the hospital.",
    "Because Gemma at the hub is great and we trust each other.",
    "Short-term funding is the problem.",
]


def teams_docx(path: Path, interviewer: str, participant: str, layout: str = "new") -> Path:
    """A Teams transcript as Word saves it: `new` gives "Name   0:03" then the speech, `break`
    both in one paragraph with a line break, `old` a "0:0:3.120 --> 0:0:9.450" paragraph, the
    name, then the speech."""
    doc = Document()
    doc.add_paragraph("Partnership evaluation interview")
    n = 0
    for ask, answer in zip(ASKS, ANSWERS, strict=True):
        for speaker, text in ((interviewer, ask), (participant, answer)):
            n += 7
            if layout == "old":
                doc.add_paragraph(f"0:0:{n}.120 --> 0:0:{n + 5}.450")
                doc.add_paragraph(speaker)
                doc.add_paragraph(text)
            elif layout == "break":
                p = doc.add_paragraph()
                p.add_run(f"{speaker}   0:{n:02d}").add_break()
                p.add_run(text)
            else:
                doc.add_paragraph(f"{speaker}   0:{n:02d}")
                doc.add_paragraph(text)
    doc.save(str(path))
    return path


def spoken(path: Path, **kwargs: object) -> list[tuple[str, str, str]]:
    t = read_transcript(path, **kwargs)  # type: ignore[arg-type]
    return [(x.speaker, x.role, x.text) for x in t.turns]


def expected(interviewer: str, participant: str) -> list[tuple[str, str, str]]:
    out = []
    for ask, answer in zip(ASKS, ANSWERS, strict=True):
        out += [(interviewer, "interviewer", ask), (participant, "participant", answer)]
    return out


@pytest.mark.parametrize(
    ("interviewer", "participant"),
    [
        ("Raman, Priya", "Cole, Sandra"),
        ("Priya Raman", "COLE, Sandra (OAKFIELD MEDICAL CENTRE)"),
        ("Raman, Priya", "OKAFOR, Gemma (ST MARY'S HOSPITAL NHS FOUNDATION TRUST)"),
        ("Núñez, José", "O'Brien-Smith, Mary-Jane (Guest)"),
        ("van Dijk, Jan-Willem", "Kaya, Ayşe (GGD)"),
        ("RAMAN, Priya (UNIVERSITY OF LEEDS)", "Sandra Cole (Oakfield Medical Centre)"),
    ],
)
def test_teams_names_surname_first_and_organisations(
    tmp_path: Path, interviewer: str, participant: str
) -> None:
    path = teams_docx(tmp_path / "t.docx", interviewer, participant)
    t = read_transcript(path)
    assert [(x.speaker, x.role, x.text) for x in t.turns] == expected(interviewer, participant)
    assert [x.timestamp for x in t.turns][:2] == ["0:07", "0:14"]
    assert not any("no speaker labels" in w for w in t.warnings)


@pytest.mark.parametrize("layout", ["old", "break"])
def test_older_teams_layouts(tmp_path: Path, layout: str) -> None:
    path = teams_docx(tmp_path / "t.docx", "Priya Raman", "Cole, Sandra", layout)
    t = read_transcript(path)
    assert [(x.speaker, x.role, x.text) for x in t.turns] == expected("Priya Raman", "Cole, Sandra")
    assert t.turns[1].timestamp == ("0:0:14.120" if layout == "old" else "0:14")


@pytest.mark.parametrize("given", ["Raman, Priya", "raman, priya", "Priya Raman"])
def test_interviewer_given_as_teams_writes_the_name(tmp_path: Path, given: str) -> None:
    # The one who asks is the participant here, so only the label given can make Priya the
    # interviewer.
    path = teams_docx(tmp_path / "t.docx", "COLE, Sandra (OAKFIELD MEDICAL CENTRE)", "Raman, Priya")
    t = read_transcript(path, interviewer=[given])
    assert t.interviewer_labels == ["Raman, Priya"]
    assert not any("none of the interviewer labels" in w for w in t.warnings)


def test_interviewer_given_without_the_organisation(tmp_path: Path) -> None:
    path = teams_docx(tmp_path / "t.docx", "Priya Raman", "COLE, Sandra (OAKFIELD MEDICAL CENTRE)")
    t = read_transcript(path, interviewer=["COLE, Sandra"])
    assert t.interviewer_labels == ["COLE, Sandra (OAKFIELD MEDICAL CENTRE)"]


def test_a_one_off_surname_first_label_is_taken_beside_others_like_it(tmp_path: Path) -> None:
    lines = ["How did it start?", "Slowly.", "Why?", "Money."]
    doc = Document()
    for label, text in zip(["Raman, Priya", "Cole, Sandra"] * 2, lines, strict=True):
        doc.add_paragraph(f"{label}   0:03")
        doc.add_paragraph(text)
    doc.add_paragraph("Hughes, Tom   0:20")
    doc.add_paragraph("Sorry, wrong room.")
    doc.save(str(tmp_path / "t.docx"))
    assert [s for s, _, _ in spoken(tmp_path / "t.docx")][-1] == "Hughes, Tom"


def test_a_one_off_surname_first_line_among_other_labels_is_speech(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "I: How did it start?\nR: Slowly.\nHughes, Tom 0:20\nI: Why?\nR: Money.\n", encoding="utf-8"
    )
    assert spoken(path)[1] == ("R", "participant", "Slowly.\nHughes, Tom 0:20")


@pytest.mark.parametrize(
    ("label", "names"),
    [
        ("COLE, Sandra (OAKFIELD MEDICAL CENTRE)", ["Sandra COLE", "OAKFIELD MEDICAL CENTRE"]),
        ("Raman, Priya", ["Priya Raman"]),
        ("van Dijk, Jan-Willem", ["Jan-Willem van Dijk"]),
        # Teams' marks of an outside account are no names: "External" would be redacted
        ("Sandra Cole (External)", ["Sandra Cole"]),
        ("COLE, Sandra (Unverified)", ["Sandra COLE"]),
        ("Jan Peeters (Extern)", ["Jan Peeters"]),
    ],
)
def test_surname_first_labels_give_the_whole_name_to_redact(label: str, names: list[str]) -> None:
    assert label_names(label, "en") == names


# --- what is not a label --------------------------------------------------------------------------


def test_sentences_with_a_comma_and_a_time_are_speech(tmp_path: Path) -> None:
    lines = [
        "I: When did the huddle start?",
        "R: Well, yes 0:05",
        "Well, yes 0:05",
        "Yes, Tuesday 9:30",
        "Yes, Tuesday 9:30",
        "So, Monday 12:30",
        "So, Monday 12:30",
        "Right, Okay 10:15",
        "Right, Okay 10:15",
        "Anyway, the meeting 10:30",
        "Anyway, the meeting 10:30",
        "Thanks, that was it: we stopped.",
        "Thanks, that was it: we stopped.",
        "I: And then?",
    ]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    t = read_transcript(path)
    assert [x.speaker for x in t.turns] == ["I", "R", "I"]
    assert t.turns[1].text.splitlines() == ["Well, yes 0:05", *lines[2:-1]]


def test_one_word_lines_between_times_are_not_names(tmp_path: Path) -> None:
    # Subtitles pasted into Word: a time, then the speech, which may be one word.
    doc = Document()
    for n, text in enumerate(["Absolutely", "Fine thanks", "Absolutely", "Fine thanks"]):
        doc.add_paragraph(f"0:0:{n}.000 --> 0:0:{n + 1}.000")
        doc.add_paragraph(text)
    doc.save(str(tmp_path / "t.docx"))
    t = read_transcript(tmp_path / "t.docx")
    assert {x.speaker for x in t.turns} == {""}
    assert [x.text for x in t.turns] == ["Absolutely", "Fine thanks", "Absolutely", "Fine thanks"]


def test_no_labels_message_names_a_line_that_looks_like_one(tmp_path: Path) -> None:
    doc = Document()
    for line in [
        "Raman, Priya, Dr   0:03",
        "How did it start?",
        "Cole, Sandra, Mrs   0:08",
        "Slowly.",
        "Raman, Priya, Dr   0:12",
        "Why?",
    ]:
        doc.add_paragraph(line)
    doc.save(str(tmp_path / "t.docx"))
    t = read_transcript(tmp_path / "t.docx")
    assert t.warnings == [
        "no speaker labels found: all text taken as participant speech; paragraph 1 looks like "
        "a speaker label but was not read as one: 'Raman, Priya, Dr   0:03'; to tell the "
        "interviewer's turns apart, start each turn with a label such as 'I:' or 'R:' or set "
        "each question in bold"
    ]


def test_no_labels_message_in_plain_prose_names_no_line(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("We met at 10:30.\nThen, at 11:00, the others came.\n", encoding="utf-8")
    t = read_transcript(path)
    assert t.warnings == [
        "no speaker labels found: all text taken as participant speech; to tell the "
        "interviewer's turns apart, start each turn with a label such as 'I:' or 'R:'"
    ]


# --- through the CLI ---------------------------------------------------------------------------


def test_speakers_of_a_teams_file_with_the_interviewer_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    teams_docx(tmp_path / "p02.docx", "COLE, Sandra (OAKFIELD MEDICAL CENTRE)", "Raman, Priya")
    result = runner.invoke(
        app, ["speakers", "p02.docx", "--interviewer", "Raman, Priya", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    rows = {r["speaker"]: (r["role"], r["turns"]) for r in json.loads(result.stdout)}
    assert rows == {
        "COLE, Sandra (OAKFIELD MEDICAL CENTRE)": ("participant", 3),
        "Raman, Priya": ("interviewer", 3),
    }
    assert "no speaker labels" not in result.stderr


def test_code_takes_interviewer_labels_from_lernet_yaml(project: Path) -> None:
    (project / "lernet.yaml").write_text(
        'codebook: codebook.yaml\nlanguage: en\ninterviewer_labels: ["Raman, Priya"]\n',
        encoding="utf-8",
    )
    teams_docx(project / "p02.docx", "COLE, Sandra (OAKFIELD MEDICAL CENTRE)", "Raman, Priya")
    result = runner.invoke(app, ["code", "p02.docx"])
    assert result.exit_code == 0, result.stderr
    assert "no speaker labels" not in result.stderr
    from lernet_cli.project.project import load_project
    from lernet_cli.store.store import Store

    store = Store.open(load_project(project).store_path)
    try:
        (tid,) = [t.id for t in store.transcripts()]
        roles = {turn.speaker: turn.role for _, turn in store.segments(tid)}
    finally:
        store.close()
    assert roles == {
        "COLE, Sandra (OAKFIELD MEDICAL CENTRE)": "participant",
        "Raman, Priya": "interviewer",
    }


def test_teams_start_and_stop_notices_are_not_speech(tmp_path: Path) -> None:
    doc = Document()
    for line in [
        "Partnership evaluation interview 02",
        "Raman, Priya started transcription",
        "Raman, Priya   0:03",
        "How did it start?",
        "COLE, Sandra (OAKFIELD MEDICAL CENTRE)   0:08",
        "Slowly, and then it stopped transcription of the notes.",
        "Raman, Priya   0:12",
        "Why?",
        "COLE, Sandra (OAKFIELD MEDICAL CENTRE)   0:15",
        "Money.",
        "Raman, Priya stopped transcription",
    ]:
        doc.add_paragraph(line)
    doc.save(str(tmp_path / "t.docx"))
    t = read_transcript(tmp_path / "t.docx")
    assert [x.text for x in t.turns] == [
        "How did it start?",
        "Slowly, and then it stopped transcription of the notes.",
        "Why?",
        "Money.",
    ]
    assert any("skipped 1 paragraph before the first speaker label" in w for w in t.warnings)


# --- anonymized exports ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "organisations"),
    [
        (["Priya Raman", "Sandra Cole"], ["Oakfield Medical Centre"]),
        (["Priya Raman", "Sandra Cole", "Oakfield"], []),
        ([], []),  # only what the labels themselves give
    ],
)
def test_anonymized_source_shows_a_teams_label_as_a_speaker_number_whole(
    names: list[str], organisations: list[str]
) -> None:
    from lernet_cli.analysis.anonymize import Redactor
    from lernet_cli.exchange.qdpx_text import source_text
    from lernet_cli.model import Turn

    labels = ["Raman, Priya", "COLE, Sandra (OAKFIELD MEDICAL CENTRE)", "Tom Hughes (Guest)"]
    turns = [
        (1, Turn(labels[0], "How is it going?", "interviewer")),
        (2, Turn(labels[1], "Fine.")),
        (3, Turn(labels[2], "Me too.")),
    ]
    from_labels = [n for label in labels for n in label_names(label, "en")]
    redactor = Redactor([*names, *from_labels], organisations, language="en")
    text = source_text(turns, [], redactor, "sentence", lang="en").text
    assert text.split("\n\n") == [
        "Interviewer: How is it going?",
        "Participant 1: Fine.",
        "Participant 2 (Guest): Me too.",
    ]


def test_anonymized_source_hides_a_remark_that_redaction_touched() -> None:
    # The name an older lernet kept for such a label ran across its bracket; a remark that
    # redaction touched at all goes, rather than show half an organisation.
    from lernet_cli.analysis.anonymize import Redactor
    from lernet_cli.exchange.qdpx_text import source_text
    from lernet_cli.model import Turn

    turns = [
        (1, Turn("Raman, Priya", "How is it going?", "interviewer")),
        (2, Turn("COLE, Sandra (OAKFIELD MEDICAL CENTRE)", "Fine.")),
        (3, Turn("Tom Hughes (Riverside Surgery)", "Me too.")),
    ]
    redactor = Redactor(
        ["Priya Raman", "Sandra (OAKFIELD MEDICAL", "Tom Hughes"],
        ["Riverside"],
        person="[name]",
        language="en",
    )
    text = source_text(turns, [], redactor, "sentence", lang="en").text
    assert text.split("\n\n") == [
        "Interviewer: How is it going?",
        "Participant 1: Fine.",
        "Participant 2: Me too.",
    ]


def test_export_qdpx_of_teams_transcripts_labels_every_turn(project: Path) -> None:
    import zipfile

    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nlanguage: en\n", encoding="utf-8"
    )
    teams_docx(project / "p02.docx", "Raman, Priya", "COLE, Sandra (OAKFIELD MEDICAL CENTRE)")
    (project / "p03.vtt").write_text(
        "WEBVTT\n\n00:00:03.000 --> 00:00:07.000\n<v Raman, Priya>Why is that?</v>\n\n"
        "00:00:08.000 --> 00:00:12.000\n"
        "<v OKAFOR, Gemma (ST MARY'S HOSPITAL NHS FOUNDATION TRUST)>Beds, mostly.</v>\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["code", "p02.docx", "p03.vtt"]).exit_code == 0
    result = runner.invoke(app, ["export", "qdpx", "out.qdpx"])
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(project / "out.qdpx") as zf:
        texts = [zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".txt")]
    blocks = sorted(b.split(": ", 1)[0] for t in texts for b in t.split("\n\n"))
    assert blocks == ["Interviewer"] * 4 + ["Participant"] * 4
    everything = "\n".join(texts)
    for word in ("COLE", "Sandra", "OAKFIELD", "CENTRE", "OKAFOR", "MARY", "TRUST", "Raman"):
        assert word not in everything


def test_no_labels_message_names_no_header_line(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "Note: the recording failed here.\nWe met twice.\nNote: the recording failed again.\n"
        "Note: the recording failed here.\n",
        encoding="utf-8",
    )
    t = read_transcript(path)
    assert t.warnings == [
        "no speaker labels found: all text taken as participant speech; to tell the "
        "interviewer's turns apart, start each turn with a label such as 'I:' or 'R:'"
    ]


def test_the_organisation_in_a_teams_label_is_hidden_as_an_organisation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """qa18 #12: "WOLTERINK, Geertje (ZORGGROEP MARKELO)" names the speaker's organisation in
    brackets: its words are hidden as an organisation's, not as a person's name."""
    from .conftest import MINI_CODEBOOK

    (tmp_path / "t").mkdir()
    (tmp_path / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n")
    (tmp_path / "t" / "gesprek.txt").write_text(
        "JANSEN, Marieke (UNIVERSITEIT TWENTE)   0:03\nHoe kijk je naar het netwerk?\n\n"
        "WOLTERINK, Geertje (ZORGGROEP MARKELO)   0:09\nHet vertrouwen groeit doordat iedereen "
        "iets inbrengt, bij ons in Markelo ook.\n\n"
        "JANSEN, Marieke (UNIVERSITEIT TWENTE)   0:31\nEn wat haal je er zelf uit?\n\n"
        "WOLTERINK, Geertje (ZORGGROEP MARKELO)   0:35\nInspiratie vooral, voor ons team.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["quotes", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    text = " ".join(q["text"] for q in json.loads(result.stdout))
    assert "bij ons in [organisatie] ook" in text

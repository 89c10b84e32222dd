"""Transcript readers: label styles, roles, encodings, Word and OpenDocument files, and hostile or
broken input."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document

from lernet_cli.errors import TranscriptError
from lernet_cli.readers import SUPPORTED_SUFFIXES, read_transcript

from .odtfiles import content_xml, manifest_xml, odt, paragraphs


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def turns_of(path: Path, **kwargs: object) -> list[tuple[str, str, str]]:
    t = read_transcript(path, **kwargs)  # type: ignore[arg-type]
    return [(turn.speaker, turn.role, turn.text) for turn in t.turns]


def raises(path: Path, fragment: str) -> TranscriptError:
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    message = str(info.value)
    assert path.name in message
    assert fragment in message
    return info.value


# --- label styles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interviewer", "participant"),
    [
        ("I", "R"),
        ("Interviewer", "Respondent"),
        ("Interviewster", "Geïnterviewde"),
        ("Interviewer", "Deelnemer"),
        ("Interviewer", "Participant"),
        ("Q", "A"),
        ("Vraag", "Antwoord"),
        ("Onderzoeker", "R1"),
    ],
)
def test_role_labels(tmp_path: Path, interviewer: str, participant: str) -> None:
    path = write(
        tmp_path,
        "t.txt",
        f"{interviewer}: Hoe gaat het met het netwerk?\n"
        f"{participant}: Goed. Wat ik belangrijk vind: vertrouwen.\n"
        f"{interviewer}: Waarom?\n",
    )
    t = read_transcript(path)
    assert [(x.speaker, x.role, x.text) for x in t.turns] == [
        (interviewer, "interviewer", "Hoe gaat het met het netwerk?"),
        (participant, "participant", "Goed. Wat ik belangrijk vind: vertrouwen."),
        (interviewer, "interviewer", "Waarom?"),
    ]
    assert t.interviewer_labels == [interviewer]
    assert t.warnings == []


@pytest.mark.parametrize("role", ["Site manager", "Managing director", "Practice nurse"])
def test_sentence_case_role_labels_that_recur(tmp_path: Path, role: str) -> None:
    path = write(
        tmp_path,
        "t.txt",
        f"Interviewer: How did it start?\n{role}: A few of us, really.\n"
        f"Interviewer: And now?\n{role}: Het punt is: we learn a lot.\n",
    )
    assert turns_of(path) == [
        ("Interviewer", "interviewer", "How did it start?"),
        (role, "participant", "A few of us, really."),
        ("Interviewer", "interviewer", "And now?"),
        (role, "participant", "Het punt is: we learn a lot."),
    ]


def test_sentence_case_phrases_with_function_words_are_not_labels(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.txt",
        "I: Wat vond je ervan?\nR: Goed.\nHet punt is: we leren.\nHet punt is: echt.\n",
    )
    assert [s for s, _, _ in turns_of(path)] == ["I", "R"]


def test_when_every_label_reads_as_the_interviewer_the_one_who_asks_is(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.txt",
        "Interviewer: How did the partnership start?\nResearcher: Through a grant, really.\n"
        "Interviewer: And what do you get out of it?\nResearcher: Data, and a lot of goodwill.\n",
    )
    t = read_transcript(path, interviewer=["Interviewer", "Researcher"])
    assert [(x.speaker, x.role) for x in t.turns] == [
        ("Interviewer", "interviewer"),
        ("Researcher", "participant"),
        ("Interviewer", "interviewer"),
        ("Researcher", "participant"),
    ]
    assert any("every speaker's label" in w for w in t.warnings)


def test_name_labels_with_particles_and_organisation(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.txt",
        "Eva: Hoe ben je bij het netwerk gekomen?\n"
        "Mark de Vries: Via een collega.\n"
        "Jan (TNO): Bij mij via de gemeente.\n"
        "Eva: Wat levert het je op?\n"
        "Mark de Vries: Kennis.\n",
    )
    assert turns_of(path) == [
        ("Eva", "interviewer", "Hoe ben je bij het netwerk gekomen?"),
        ("Mark de Vries", "participant", "Via een collega."),
        ("Jan (TNO)", "participant", "Bij mij via de gemeente."),
        ("Eva", "interviewer", "Wat levert het je op?"),
        ("Mark de Vries", "participant", "Kennis."),
    ]


@pytest.mark.parametrize(
    ("lines", "stamps"),
    [
        (["[00:12:31] I: Hoe gaat het?", "[00:12:40] R: Goed."], ["00:12:31", "00:12:40"]),
        (["I [00:12:31]: Hoe gaat het?", "R [00:12:40]: Goed."], ["00:12:31", "00:12:40"]),
        (["0:03 I: Hoe gaat het?", "0:10 R: Goed."], ["0:03", "0:10"]),
        (["(00:12) I: Hoe gaat het?", "(00:20) R: Goed."], ["00:12", "00:20"]),
        (["I (00:12): Hoe gaat het?", "R 00:20: Goed."], ["00:12", "00:20"]),
        (["I: Hoe gaat het? [00:12:31]", "R: Goed. [00:12:40]"], ["00:12:31", "00:12:40"]),
    ],
)
def test_timestamps_are_kept_apart(tmp_path: Path, lines: list[str], stamps: list[str]) -> None:
    t = read_transcript(write(tmp_path, "t.txt", "\n".join(lines)))
    assert [(x.speaker, x.text) for x in t.turns] == [("I", "Hoe gaat het?"), ("R", "Goed.")]
    assert [x.timestamp for x in t.turns] == stamps


@pytest.mark.parametrize(
    ("lines", "stamps"),
    [
        (["I: (00:12) Hoe gaat het?", "R: (00:20) Goed."], ["00:12", "00:20"]),
        (["I: [00:12:31] Hoe gaat het?", "R: [00:12:40] Goed."], ["00:12:31", "00:12:40"]),
        (["I: [00:12]", "Hoe gaat het?", "R: [00:20]", "Goed."], ["00:12", "00:20"]),
        (["I: (00:12 - 00:15) Hoe gaat het?", "R:(00:20) Goed."], ["00:12", "00:20"]),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".odt"])
def test_timestamps_right_after_the_label_are_kept_apart(
    tmp_path: Path, lines: list[str], stamps: list[str], suffix: str
) -> None:
    if suffix == ".docx":
        doc = Document()
        for line in lines:
            doc.add_paragraph(line)
        path = save(doc, tmp_path)
    elif suffix == ".odt":
        path = odt(tmp_path / "t.odt", paragraphs(*lines))
    else:
        path = write(tmp_path, f"t{suffix}", "\n".join(lines))
    t = read_transcript(path)
    assert [(x.speaker, x.text) for x in t.turns] == [("I", "Hoe gaat het?"), ("R", "Goed.")]
    assert [x.timestamp for x in t.turns] == stamps


def test_timestamp_after_an_emphasised_or_bold_label_is_kept_apart(tmp_path: Path) -> None:
    path = write(tmp_path, "t.md", "**I:** (00:12) Hoe gaat het?\n\n**R:** [00:20] Goed.\n")
    doc = Document()
    for label, text in (("I:", " (00:12) Hoe gaat het?"), ("R:", " [00:20] Goed.")):
        p = doc.add_paragraph()
        p.add_run(label).bold = True
        p.add_run(text)
    for t in (read_transcript(path), read_transcript(save(doc, tmp_path))):
        assert [(x.speaker, x.text, x.timestamp) for x in t.turns] == [
            ("I", "Hoe gaat het?", "00:12"),
            ("R", "Goed.", "00:20"),
        ]


def test_numbers_in_brackets_after_the_label_stay_speech(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.txt",
        "I: (2019) Wat gebeurde er toen?\nR: (20 procent) Dat is veel.\nI: [10:30 uur] Toen?\n",
    )
    assert [text for _, _, text in turns_of(path)] == [
        "(2019) Wat gebeurde er toen?",
        "(20 procent) Dat is veel.",
        "[10:30 uur] Toen?",
    ]


def test_timestamp_in_a_speaker_table_cell_is_kept_apart(tmp_path: Path) -> None:
    doc = Document()
    table(doc, [("Eva", "[00:01:00] Hoe gaat het?"), ("Mark", "(00:01:10) Goed."), ("Eva", "Ok.")])
    t = read_transcript(save(doc, tmp_path))
    assert [(x.speaker, x.text, x.timestamp) for x in t.turns] == [
        ("Eva", "Hoe gaat het?", "00:01:00"),
        ("Mark", "Goed.", "00:01:10"),
        ("Eva", "Ok.", None),
    ]


def test_timestamps_without_labels(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "(00:12) Eerst dit.\n(00:40) Dan dat.\n")
    t = read_transcript(path)
    assert [(x.speaker, x.text, x.timestamp) for x in t.turns] == [
        ("", "Eerst dit.", "00:12"),
        ("", "Dan dat.", "00:40"),
    ]


def test_clock_times_in_speech_are_not_labels_or_timestamps(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "I: Wanneer begon het?\nR: Om 10:30: toen kwam iedereen.\n")
    assert turns_of(path)[1] == ("R", "participant", "Om 10:30: toen kwam iedereen.")


def test_prose_colons_are_not_labels(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.txt",
        "I: Wat vind je belangrijk?\n"
        "R: Dat is lastig.\n"
        "Wat ik belangrijk vind: vertrouwen.\n"
        "Kortom: we moeten elkaar leren kennen.\n"
        "Let op: niet iedereen doet mee.\n"
        "Mijn advies: gewoon beginnen.\n",
    )
    t = read_transcript(path)
    assert [x.speaker for x in t.turns] == ["I", "R"]
    assert t.turns[1].text.splitlines()[1:] == [
        "Wat ik belangrijk vind: vertrouwen.",
        "Kortom: we moeten elkaar leren kennen.",
        "Let op: niet iedereen doet mee.",
        "Mijn advies: gewoon beginnen.",
    ]


def test_one_off_capitalised_word_with_lowercase_speech_is_not_a_label(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "I: En toen?\nR: Toen begon het.\nEerlijk: dat viel tegen.\n")
    assert turns_of(path)[1][2] == "Toen begon het.\nEerlijk: dat viel tegen."


def test_continuation_paragraphs_and_blank_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.txt",
        "I: Vertel eens.\n\nR: Eerste alinea.\n\nTweede alinea.\n   \nDerde alinea.\nI: Dank je.\n",
    )
    t = read_transcript(path)
    assert [(x.speaker, x.text, x.position) for x in t.turns] == [
        ("I", "Vertel eens.", 1),
        ("R", "Eerste alinea.\nTweede alinea.\nDerde alinea.", 3),
        ("I", "Dank je.", 8),
    ]


def test_label_on_its_own_line(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "Interviewer:\nHoe gaat het?\nRespondent:\nGoed.\n")
    assert turns_of(path) == [
        ("Interviewer", "interviewer", "Hoe gaat het?"),
        ("Respondent", "participant", "Goed."),
    ]


def test_preamble_before_first_label_is_skipped_with_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.txt",
        "Interview 3, deelnemer B\nDatum: 12 maart 2024\nI: Hoe gaat het?\nR: Goed.\n",
    )
    t = read_transcript(path)
    assert [x.speaker for x in t.turns] == ["I", "R"]
    assert any("lines 1–2" in w for w in t.warnings)


# --- roles --------------------------------------------------------------------------------------


def test_interviewer_inferred_from_questions(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.txt",
        "Mark: Nou, ik ben er sinds vorig jaar bij.\n"
        "Eva: Hoe ben je erbij gekomen?\n"
        "Mark: Via een collega.\n"
        "Eva: Wat levert het je op?\n"
        "Mark: Vooral kennis. Maar ook contacten.\n"
        "Eva: Vertel eens over die contacten.\n"
        "Mark: Die zijn nuttig, toch?\n",
    )
    t = read_transcript(path)
    assert t.interviewer_labels == ["Eva"]
    assert {x.speaker: x.role for x in t.turns} == {"Mark": "participant", "Eva": "interviewer"}
    assert any(
        "took 'Eva' as the interviewer (3 of 3 turns are questions)" in w and "--interviewer" in w
        for w in t.warnings
    )


def test_inference_tie_goes_to_first_speaker(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "Sanne: Goed.\nPiet: Prima.\nSanne: Ja.\nPiet: Nee.\n")
    t = read_transcript(path)
    assert t.interviewer_labels == ["Sanne"]


def test_single_named_speaker_is_participant(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "Eva: Ik vertel mijn verhaal.\nEva: Waarom ook niet?\n")
    t = read_transcript(path)
    assert [x.role for x in t.turns] == ["participant", "participant"]
    assert t.interviewer_labels == []
    assert t.warnings == []


def test_interviewer_override(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "Eva: Hoe gaat het?\nMark: Wat bedoel je?\nEva: Gewoon.\n")
    t = read_transcript(path, interviewer=["mark"])
    assert [x.role for x in t.turns] == ["participant", "interviewer", "participant"]
    assert t.interviewer_labels == ["Mark"]
    assert not any("took" in w for w in t.warnings)


def test_interviewer_override_beats_role_words(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "I: Hoe gaat het?\nR: Goed.\n")
    t = read_transcript(path, interviewer=["R"])
    assert [x.role for x in t.turns] == ["participant", "interviewer"]


def test_override_that_matches_nobody_warns_and_falls_back(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "I: Hoe gaat het?\nR: Goed.\n")
    t = read_transcript(path, interviewer=["Sanne"])
    assert [x.role for x in t.turns] == ["interviewer", "participant"]
    assert any("Sanne" in w for w in t.warnings)


def test_no_labels_is_all_participant_with_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "Ik doe mee sinds 2021.\nHet netwerk helpt me.\n")
    t = read_transcript(path)
    assert [(x.speaker, x.role, x.text) for x in t.turns] == [
        ("", "participant", "Ik doe mee sinds 2021."),
        ("", "participant", "Het netwerk helpt me."),
    ]
    assert t.warnings == [
        "no speaker labels found: all text taken as participant speech; to tell the "
        "interviewer's turns apart, start each turn with a label such as 'I:' or 'R:'"
    ]


def test_all_interviewer_is_kept_with_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "I: Hoe gaat het?\nI: Hallo?\n")
    t = read_transcript(path)
    assert [x.role for x in t.turns] == ["interviewer", "interviewer"]
    assert any("all turns are the interviewer's" in w for w in t.warnings)


# --- txt encodings --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_txt_encodings(tmp_path: Path, encoding: str) -> None:
    text = "I: Wat vond je van het café?\nR: Mooie ideeën, maar ’t was druk.\n"
    t = read_transcript(write(tmp_path, "t.txt", text, encoding))
    assert [x.text for x in t.turns] == [
        "Wat vond je van het café?",
        "Mooie ideeën, maar ’t was druk.",
    ]
    assert t.turns[0].speaker == "I"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_txt_windows_and_old_mac_newlines(tmp_path: Path, newline: str) -> None:
    path = write(tmp_path, "t.txt", newline.join(["I: Eén?", "R: Twee.", "Drie.", ""]))
    t = read_transcript(path)
    assert [(x.text, x.position) for x in t.turns] == [("Eén?", 1), ("Twee.\nDrie.", 2)]


# --- markdown -------------------------------------------------------------------------------


def test_md_front_matter_headings_and_emphasis(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.md",
        "---\nparticipant: P03\ngroup: mkb\nlabel: ondernemer\n---\n"
        "# Interview 3\n\n"
        "**I:** Hoe gaat het?\n"
        "**Eva**: Goed, *echt* goed.\n"
        "## Deel 2\n"
        "__I__: En verder?\n"
        "Eva: Niets.\n",
    )
    t = read_transcript(path)
    assert t.metadata == {"participant": "P03", "group": "mkb", "label": "ondernemer"}
    assert [(x.speaker, x.role, x.text, x.position) for x in t.turns] == [
        ("I", "interviewer", "Hoe gaat het?", 8),
        ("Eva", "participant", "Goed, *echt* goed.", 9),
        ("I", "interviewer", "En verder?", 11),
        ("Eva", "participant", "Niets.", 12),
    ]


def test_md_front_matter_names_the_interviewer(tmp_path: Path) -> None:
    path = write(tmp_path, "t.md", "---\ninterviewer: Mark\n---\nEva: Hoe gaat het?\nMark: Goed.\n")
    t = read_transcript(path)
    assert t.interviewer_labels == ["Mark"]
    assert not any("took" in w for w in t.warnings)


def test_md_bold_label_without_colon(tmp_path: Path) -> None:
    path = write(tmp_path, "t.md", "**Interviewer** Hoe gaat het?\n**Respondent** Goed.\n")
    assert turns_of(path) == [
        ("Interviewer", "interviewer", "Hoe gaat het?"),
        ("Respondent", "participant", "Goed."),
    ]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("---\n- a\n- b\n---\nI: Hoi\n", 2, "must be a mapping"),
        ("---\nparticipant: P03\ngroup: [mkb\n---\nI: Hoi\n", 3, "invalid YAML"),
        ("---\nparticipant: P03\nI: Hoi\n", 1, "never closed"),
    ],
)
def test_md_bad_front_matter(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    error = raises(write(tmp_path, "t.md", text), fragment)
    assert error.line == line


# --- docx -----------------------------------------------------------------------------------


def save(doc: object, tmp_path: Path, name: str = "t.docx") -> Path:
    path = tmp_path / name
    doc.save(str(path))  # type: ignore[attr-defined]
    return path


def bold_paragraph(doc: object, label: str, text: str) -> None:
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    p.add_run(label).bold = True
    p.add_run(text)


def test_docx_bold_labels_continuation_headers_and_footers(tmp_path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "HEADERTEXT Vertrouwelijk"
    section.footer.paragraphs[0].text = "FOOTERTEXT pagina 1"
    doc.add_heading("Interview met Eva", 1)
    bold_paragraph(doc, "Interviewer", " Hoe gaat het?")
    bold_paragraph(doc, "Eva:", " Goed. Ik heb veel geleerd.")
    doc.add_paragraph("")
    doc.add_paragraph("Vooral over samenwerken.")
    p = doc.add_paragraph()
    p.add_run("Interviewer").bold = True
    p.add_run(": Met wie?")
    bold_paragraph(doc, "Eva", ": Met de gemeente.\tEn het bureau.")
    t = read_transcript(save(doc, tmp_path))
    assert [(x.speaker, x.role, x.text, x.position) for x in t.turns] == [
        ("Interviewer", "interviewer", "Hoe gaat het?", 2),
        ("Eva", "participant", "Goed. Ik heb veel geleerd.\nVooral over samenwerken.", 3),
        ("Interviewer", "interviewer", "Met wie?", 6),
        ("Eva", "participant", "Met de gemeente. En het bureau.", 7),
    ]
    everything = " ".join(x.text for x in t.turns)
    assert "HEADERTEXT" not in everything
    assert "FOOTERTEXT" not in everything
    assert "Interview met Eva" not in everything


def test_docx_line_breaks_and_comments(tmp_path: Path) -> None:
    doc = Document()
    p = doc.add_paragraph("I: Eerste regel")
    run = p.add_run()
    run.add_break()
    run2 = p.add_run("tweede regel?")
    doc.add_paragraph("R: Ja.")
    if hasattr(doc, "add_comment"):
        doc.add_comment(run2, text="COMMENTTEXT", author="Sanne")
    t = read_transcript(save(doc, tmp_path))
    assert t.turns[0].text == "Eerste regel\ntweede regel?"
    assert "COMMENTTEXT" not in " ".join(x.text for x in t.turns)


def table(doc: object, rows: list[tuple[str, ...]]) -> None:
    tbl = doc.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[attr-defined]
    for row, values in zip(tbl.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value


def test_docx_two_column_speaker_table_with_header(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Transcript interview 4")
    table(
        doc,
        [
            ("Spreker", "Tekst"),
            ("I", "Wat vond je ervan?"),
            ("R:", "Leuk. Wat ik belangrijk vind: vertrouwen."),
            ("", "En samenwerking."),
        ],
    )
    t = read_transcript(save(doc, tmp_path))
    assert [(x.speaker, x.role, x.text, x.position) for x in t.turns] == [
        ("I", "interviewer", "Wat vond je ervan?", 3),
        ("R", "participant", "Leuk. Wat ik belangrijk vind: vertrouwen.\nEn samenwerking.", 4),
    ]


@pytest.mark.parametrize("timestamp_first", [True, False])
def test_docx_three_column_speaker_table(tmp_path: Path, timestamp_first: bool) -> None:
    rows = [
        ("00:01:00", "Eva", "Hoe gaat het?"),
        ("00:01:10", "Mark", "Goed."),
        ("00:01:30", "Eva", "Waarom?"),
    ]
    doc = Document()
    table(doc, [r if timestamp_first else (r[1], r[0], r[2]) for r in rows])
    t = read_transcript(save(doc, tmp_path))
    assert [(x.speaker, x.role, x.text, x.timestamp) for x in t.turns] == [
        ("Eva", "interviewer", "Hoe gaat het?", "00:01:00"),
        ("Mark", "participant", "Goed.", "00:01:10"),
        ("Eva", "interviewer", "Waarom?", "00:01:30"),
    ]


def test_docx_other_tables_are_read_as_paragraphs(tmp_path: Path) -> None:
    doc = Document()
    table(doc, [("Datum", "12 maart"), ("Locatie", "Utrecht")])
    doc.add_paragraph("I: Hoe gaat het?")
    doc.add_paragraph("R: Goed.")
    t = read_transcript(save(doc, tmp_path))
    assert [(x.speaker, x.position) for x in t.turns] == [("I", 5), ("R", 6)]
    assert any("paragraphs 1–4" in w for w in t.warnings)


def test_docx_header_table_names_are_kept_for_redaction(tmp_path: Path) -> None:
    doc = Document()
    table(
        doc,
        [
            ("Naam", "Griet Mertens"),
            ("School", "VBS 't Hofke, Lier"),
            ("Datum", "19 maart 2024"),
            ("Interviewer", "Jonas De Vos"),
            ("Functie", "Directeur"),
        ],
    )
    for said in ("Hoe gaat het?", "Goed.", "Echt?", "Ja."):
        doc.add_paragraph(f"{'Griet' if said[-1] == '.' else 'Interviewer'}: {said}")
    t = read_transcript(save(doc, tmp_path))
    assert [x.speaker for x in t.turns] == ["Interviewer", "Griet"] * 2  # still not speech
    assert t.metadata == {
        "names": ["Griet Mertens", "Jonas De Vos"],
        "organisations": ["Lier", "VBS 't Hofke"],
    }


def test_docx_tracked_changes(tmp_path: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = (
        '<w:p><w:r><w:t xml:space="preserve">I: Hoe </w:t></w:r>'
        "<w:del><w:r><w:delText>DELETED</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>gaat het?</w:t></w:r></w:ins></w:p>"
        "<w:p><w:r><w:t>R: Goed.</w:t></w:r></w:p>"
    )
    path = raw_docx(tmp_path, f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
    assert turns_of(path) == [
        ("I", "interviewer", "Hoe gaat het?"),
        ("R", "participant", "Goed."),
    ]


def test_docx_hidden_text_is_not_speech_and_is_said(tmp_path: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    styles = (
        f'<w:styles xmlns:w="{w}"><w:style w:type="character" w:styleId="Verborgen">'
        "<w:rPr><w:vanish/></w:rPr></w:style></w:styles>"
    )
    body = (
        "<w:p><w:r><w:t>I: Van wie leerde u?</w:t></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">R: Veel van </w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Evert Slagman</w:t></w:r>"
        '<w:r><w:rPr><w:rStyle w:val="Verborgen"/></w:rPr><w:t>Fysio Ommen</w:t></w:r>'
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> de</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> fysiotherapeut.</w:t></w:r></w:p>'
    )
    path = raw_docx(
        tmp_path,
        f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>',
        styles=styles,
    )
    t = read_transcript(path)
    assert [x.text for x in t.turns] == ["Van wie leerde u?", "Veel van  de fysiotherapeut."]
    assert any("4 words of hidden text" in x for x in t.warnings), t.warnings


def test_docx_5000_words_reads_fast(tmp_path: Path) -> None:
    doc = Document()
    sentence = "Ik vind het netwerk nuttig omdat we kennis delen met elkaar. "
    for i in range(100):
        doc.add_paragraph(f"I: Vraag {i}, hoe zit dat?")
        doc.add_paragraph(f"R: {sentence * 4}")
    path = save(doc, tmp_path)
    read_transcript(path)
    start = time.perf_counter()
    t = read_transcript(path)
    elapsed = time.perf_counter() - start
    assert len(t.turns) == 200
    assert elapsed < 0.25, f"{elapsed * 1000:.1f} ms"


def test_package_import_does_not_load_lxml() -> None:
    code = "import sys, lernet_cli.readers; print('lxml' in sys.modules, 'docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# --- odt ------------------------------------------------------------------------------------

LIBREOFFICE = Path(__file__).parent / "data" / "libreoffice"
BOLD = (
    '<style:style style:name="T1" style:family="text">'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
)


def test_odt_libreoffice_labels_headings_lists_and_what_is_not_speech() -> None:
    t = read_transcript(LIBREOFFICE / "labels.odt")
    assert [(x.speaker, x.role, x.text, x.position) for x in t.turns] == [
        ("Interviewer", "interviewer", "Hoe gaat het  met u?", 3),
        ("Eva", "participant", "Goed. Echt\nwaar.\neerste punt\ntweede punt\ngenest punt", 4),
        ("Interviewer", "interviewer", "En verder?", 8),
        # "Eva" without a colon is a label only because it is bold (a named style in styles.xml)
        ("Eva", "participant", "Niets.", 9),
    ]
    assert t.warnings == []
    everything = " ".join(x.text for x in t.turns)
    for hidden in ("Gesprek over", "Interview 3", "HEADERTEXT", "FOOTERTEXT", "VOETNOOT"):
        assert hidden not in everything
    assert "WEGGEHAALD" not in everything  # a tracked deletion
    assert "kop-opmerking" not in everything and "lijst" not in everything  # comments


@pytest.mark.parametrize("name", ["comments", "labels", "table"])
def test_odt_and_docx_saved_from_one_document_read_alike(name: str) -> None:
    def essence(path: Path) -> tuple[object, ...]:
        t = read_transcript(path)
        turns = [(x.speaker, x.role, x.text, x.timestamp) for x in t.turns]
        marks = [(m.turn, m.start, m.end, m.annotation.note) for m in t.marks]
        return turns, marks, [n.note for n in t.unplaced], t.warnings

    assert essence(LIBREOFFICE / f"{name}.odt") == essence(LIBREOFFICE / f"{name}.docx")


def test_odt_libreoffice_speaker_table() -> None:
    t = read_transcript(LIBREOFFICE / "table.odt")
    assert [(x.speaker, x.role, x.text, x.position) for x in t.turns] == [
        ("I", "interviewer", "Wat vond je ervan?", 3),
        ("R", "participant", "Leuk. Wij delen veel.\nEn samenwerking.", 4),
    ]


def row(*cells: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        "<table:table-row>"
        + "".join(f"<table:table-cell{rep}><text:p>{c}</text:p></table:table-cell>" for c in cells)
        + "</table:table-row>"
    )


def test_odt_three_column_table_with_marked_header_row(tmp_path: Path) -> None:
    body = (
        "<table:table><table:table-column table:number-columns-repeated='3'/>"
        f"<table:table-header-rows>{row('Wanneer', 'Wie', 'Wat')}</table:table-header-rows>"
        f"{row('00:01:00', 'Eva', 'Hoe gaat het?')}{row('00:01:10', 'Mark', 'Goed.')}"
        f"{row('00:01:30', 'Eva', 'Waarom?')}{row('', repeat=3)}</table:table>"
    )
    t = read_transcript(odt(tmp_path / "t.odt", body))
    assert [(x.speaker, x.role, x.text, x.timestamp, x.position) for x in t.turns] == [
        ("Eva", "interviewer", "Hoe gaat het?", "00:01:00", 2),
        ("Mark", "participant", "Goed.", "00:01:10", 3),
        ("Eva", "interviewer", "Waarom?", "00:01:30", 4),
    ]


def test_odt_other_tables_are_read_as_paragraphs(tmp_path: Path) -> None:
    body = f"<table:table>{row('Datum', '12 maart')}{row('', repeat=2)}</table:table>" + paragraphs(
        "I: Hoe gaat het?", "R: Goed."
    )
    t = read_transcript(odt(tmp_path / "t.odt", body))
    assert [(x.speaker, x.position) for x in t.turns] == [("I", 4), ("R", 5)]


def test_odt_header_table_names_are_kept_for_redaction(tmp_path: Path) -> None:
    body = (
        f"<table:table>{row('Naam respondent', 'Griet Mertens', 'Organisatie', 'Hofke')}"
        f"{row('Datum', '12 maart', 'Duur', '45 min')}</table:table>"
    ) + paragraphs("I: Hoe gaat het?", "R: Goed.")
    t = read_transcript(odt(tmp_path / "t.odt", body))
    assert [x.speaker for x in t.turns] == ["I", "R"]
    assert t.metadata == {"names": ["Griet Mertens"], "organisations": ["Hofke"]}


def test_odt_white_space_as_odf_defines_it(tmp_path: Path) -> None:
    body = paragraphs(
        "  I:\n   Hoe   gaat <text:span>het </text:span> nu?",
        'R:<text:s/>Twee<text:s text:c="2"/>spaties,<text:tab/>tab,<text:line-break/> regel.',
        f'R: <text:s text:c="{10**12}"/>veel',
    )
    t = read_transcript(odt(tmp_path / "t.odt", body))
    assert [x.text for x in t.turns[:2]] == [
        "Hoe gaat het nu?",
        "Twee  spaties, tab,\n regel.",
    ]
    assert t.turns[2].text == "veel"  # text:c is capped, not a terabyte of spaces


def test_odt_bold_through_styles_and_style_parents(tmp_path: Path) -> None:
    styles = (
        '<style:style style:name="Label" style:family="paragraph">'
        '<style:text-properties fo:font-weight="700"/></style:style>'
        '<style:style style:name="Kop" style:family="paragraph" style:parent-style-name="Heading"/>'
        '<style:style style:name="Heading" style:family="paragraph"/>'
    )
    automatic = (
        BOLD + '<style:style style:name="P1" style:family="paragraph" '
        'style:parent-style-name="Label"/>'
        '<style:style style:name="T2" style:family="text">'
        '<style:text-properties fo:font-weight="normal"/></style:style>'
    )
    body = (
        '<text:p text:style-name="Kop">Interview met Eva</text:p>'
        '<text:p text:style-name="P1">Anna<text:span text:style-name="T2"> Hoe gaat het?'
        "</text:span></text:p>"
        '<text:p><text:span text:style-name="T1">Eva</text:span> Goed.</text:p>'
        '<text:p><text:span text:style-name="T1">Anna</text:span> En verder?</text:p>'
        '<text:p><text:span text:style-name="T1">Eva</text:span> Niets, <text:span '
        'text:style-name="T1">echt</text:span> niets.</text:p>'
    )
    path = odt(tmp_path / "t.odt", body, automatic_styles=automatic, styles=styles)
    t = read_transcript(path)
    assert [(x.speaker, x.role, x.text) for x in t.turns] == [
        ("Anna", "interviewer", "Hoe gaat het?"),
        ("Eva", "participant", "Goed."),
        ("Anna", "interviewer", "En verder?"),
        ("Eva", "participant", "Niets, echt niets."),
    ]
    assert not any("skipped" in w for w in t.warnings)  # the bold-by-style label was seen
    assert "Interview met Eva" not in " ".join(x.text for x in t.turns)


def test_odt_frames_indexes_list_numbers_and_deletions_are_not_speech(tmp_path: Path) -> None:
    body = (
        "<text:tracked-changes><text:changed-region text:id='c1'><text:deletion>"
        "<text:p>WEG</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        "<text:table-of-content><text:index-body><text:p>INHOUD 1</text:p></text:index-body>"
        "</text:table-of-content>"
        "<text:p>I: Hoe<text:change text:change-id='c1'/> gaat het?"
        "<draw:frame><draw:text-box><text:p>KADER</text:p></draw:text-box></draw:frame></text:p>"
        "<text:list><text:list-item><text:p><text:number>1.</text:number>R: Goed.</text:p>"
        "</text:list-item></text:list>"
    )
    t = read_transcript(odt(tmp_path / "t.odt", body))
    assert [(x.speaker, x.text, x.position) for x in t.turns] == [
        ("I", "Hoe gaat het?", 2),
        ("R", "Goed.", 3),
    ]


def test_odt_5000_words_reads_fast(tmp_path: Path) -> None:
    sentence = "Ik vind het netwerk nuttig omdat we kennis delen met elkaar. "
    lines = [
        f"{who}: {text}"
        for i in range(100)
        for who, text in (("I", f"Vraag {i}, hoe zit dat?"), ("R", sentence * 4))
    ]
    path = odt(tmp_path / "t.odt", paragraphs(*lines))
    read_transcript(path)
    start = time.perf_counter()
    t = read_transcript(path)
    elapsed = time.perf_counter() - start
    assert len(t.turns) == 200
    assert elapsed < 0.25, f"{elapsed * 1000:.1f} ms"


# --- errors -----------------------------------------------------------------------------------


def raw_docx(
    tmp_path: Path, document_xml: str, name: str = "t.docx", styles: str | None = None
) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document_xml)
        if styles is not None:
            zf.writestr("word/styles.xml", styles)
    return path


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\r\n"])
def test_empty_txt(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "leeg.txt"
    path.write_bytes(content)
    raises(path, "empty transcript")


def test_empty_docx(tmp_path: Path) -> None:
    raises(save(Document(), tmp_path, "leeg.docx"), "empty transcript")


def test_binary_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "plaatje.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    raises(path, "not a text file (binary content)")


def test_docx_saved_as_txt_is_binary(tmp_path: Path) -> None:
    path = save(Document(), tmp_path, "t.docx").rename(tmp_path / "stiekem.txt")
    raises(path, "not a text file (binary content)")


def test_text_renamed_docx(tmp_path: Path) -> None:
    path = write(tmp_path, "eigenlijk-tekst.docx", "I: Hoe gaat het?\nR: Goed.\n")
    raises(path, "not a Word .docx file (")


def test_truncated_docx(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("I: Hoe gaat het?")
    data = save(doc, tmp_path).read_bytes()
    path = tmp_path / "afgebroken.docx"
    path.write_bytes(data[: len(data) // 2])
    raises(path, "not a Word .docx file (")


def test_docx_without_document_xml(tmp_path: Path) -> None:
    path = tmp_path / "geen-document.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/styles.xml", "<styles/>")
    raises(path, "not a Word .docx file (no word/document.xml")


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    raises(raw_docx(tmp_path, "<w:document><w:body>", "kapot.docx"), "not a Word .docx file (")


def test_zip_bomb_posing_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "bom.docx"
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
        zf.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(300):
            member.write(chunk)
    assert path.stat().st_size < 3_000_000
    raises(path, "looks like a zip bomb")


def test_zip_bomb_with_lying_size_is_caught_while_reading(tmp_path: Path) -> None:
    import lernet_cli.readers.docx as docx_reader

    path = raw_docx(tmp_path, "<x>" + "a" * 5000 + "</x>", "klein.docx")
    limit = docx_reader.MAX_MEMBER_BYTES
    try:
        docx_reader.MAX_MEMBER_BYTES = 1000
        raises(path, "looks like a zip bomb")
    finally:
        docx_reader.MAX_MEMBER_BYTES = limit


def test_docx_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("TOPSECRET-42")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        f'<w:document xmlns:w="{w}"><w:body>'
        "<w:p><w:r><w:t>I: Hoe gaat het? &xxe;</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>R: Goed &xxe;.</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    path = raw_docx(tmp_path, xml, "xxe.docx")
    try:
        t = read_transcript(path)
    except TranscriptError as exc:
        assert "xxe.docx" in str(exc)
        assert "TOPSECRET" not in str(exc)
        return
    assert all("TOPSECRET" not in x.text for x in t.turns)
    assert [x.speaker for x in t.turns] == ["I", "R"]


def test_docx_entity_expansion_bomb_is_not_expanded(tmp_path: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    xml = (
        f"<!DOCTYPE w:document [{entities}]>"
        f'<w:document xmlns:w="{w}"><w:body>'
        "<w:p><w:r><w:t>I: Hoe gaat het?</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>R: &a9;</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    path = raw_docx(tmp_path, xml, "lol.docx")
    try:
        t = read_transcript(path)
    except TranscriptError as exc:
        assert "lol.docx" in str(exc)
        return
    assert sum(len(x.text) for x in t.turns) < 1000


def test_old_word_doc_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "oud.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    raises(path, "old .doc")


@pytest.mark.parametrize("name", ["leeg.docx", "leeg.odt"])
def test_empty_package_says_empty(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    raises(path, "empty file (0 bytes)")


def test_text_renamed_odt(tmp_path: Path) -> None:
    path = write(tmp_path, "eigenlijk-tekst.odt", "I: Hoe gaat het?\nR: Goed.\n")
    raises(path, "not an OpenDocument text (.odt) file (not a zip archive")


def test_truncated_odt(tmp_path: Path) -> None:
    data = (LIBREOFFICE / "comments.odt").read_bytes()
    path = tmp_path / "afgebroken.odt"
    path.write_bytes(data[: len(data) // 2])
    raises(path, "not an OpenDocument text (.odt) file (")


def test_odt_without_content_xml(tmp_path: Path) -> None:
    raises(odt(tmp_path / "leeg-pakket.odt"), "(no content.xml in the archive)")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("<office:document-content><office:body>", "content.xml is damaged"),
        ("<html><body>Hallo</body></html>", "content.xml is not OpenDocument content"),
    ],
)
def test_odt_with_broken_content(tmp_path: Path, content: str, fragment: str) -> None:
    raises(odt(tmp_path / "kapot.odt", content=content), fragment)


def test_spreadsheet_renamed_odt(tmp_path: Path) -> None:
    ods = "application/vnd.oasis.opendocument.spreadsheet"
    path = odt(tmp_path / "tabel.odt", paragraphs("R: Goed."), mimetype=ods)
    raises(path, "(it is an OpenDocument spreadsheet, not a text document)")


def test_spreadsheet_without_mimetype_member_renamed_odt(tmp_path: Path) -> None:
    ods = "application/vnd.oasis.opendocument.spreadsheet"
    path = odt(
        tmp_path / "tabel.odt", paragraphs("R: Goed."), mimetype=None, manifest=manifest_xml(ods)
    )
    raises(path, "it is an OpenDocument spreadsheet")


def test_word_file_renamed_odt(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("I: Hoe gaat het?")
    path = save(doc, tmp_path, "word.odt")
    raises(path, "it is a Word document")


def test_password_protected_odt(tmp_path: Path) -> None:
    encrypted = (
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
        'manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry>'
    )
    path = odt(
        tmp_path / "geheim.odt",
        content=b"\x8f\x13 not xml, encrypted bytes",
        manifest=manifest_xml(entries=encrypted),
    )
    raises(path, "password-protected")


def test_zip_bomb_posing_as_odt(tmp_path: Path) -> None:
    path = tmp_path / "bom.odt"
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
        zf.open("content.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(300):
            member.write(chunk)
    raises(path, "looks like a zip bomb")


def test_odt_zip_bomb_with_lying_size_is_caught_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lernet_cli.readers.archive as archive

    path = odt(tmp_path / "klein.odt", paragraphs("R: " + "a" * 5000))
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 1000)
    raises(path, "looks like a zip bomb")


def test_odt_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("TOPSECRET-42")
    xml = content_xml(paragraphs("I: Hoe gaat het? &xxe;", "R: Goed &xxe;."))
    xml = xml.replace(
        "?>", f'?><!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>', 1
    )
    error = raises(odt(tmp_path / "xxe.odt", content=xml), "declares a DTD or entities")
    assert "TOPSECRET" not in str(error)


def test_missing_file(tmp_path: Path) -> None:
    raises(tmp_path / "bestaat-niet.docx", "file not found")


def test_folder_is_not_a_transcript(tmp_path: Path) -> None:
    folder = tmp_path / "map.txt"
    folder.mkdir()
    raises(folder, "is a folder")


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "interview.pages", "I: Hoi\n")
    error = raises(path, "unsupported file type '.pages'")
    for suffix in (".docx", ".md", ".pdf", ".rtf", ".txt"):
        assert suffix in str(error)
    assert set(SUPPORTED_SUFFIXES) >= {".docx", ".md", ".pdf", ".rtf", ".txt"}


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("I: Hoe gaat het?")
    doc.add_paragraph("R: Goed.")
    buffer = io.BytesIO()
    doc.save(buffer)
    path = tmp_path / "HOOFDLETTERS.DOCX"
    path.write_bytes(buffer.getvalue())
    assert [x.speaker for x in read_transcript(path).turns] == ["I", "R"]


def _in_content_control(el: object, placeholder: bool = False) -> None:
    """Wrap a Word element in a content control (w:sdt), as a transcription service's template
    holds its fields; `placeholder`: a field left empty, showing its placeholder text."""
    from docx.oxml import OxmlElement

    sdt, pr, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
    if placeholder:
        pr.append(OxmlElement("w:showingPlcHdr"))
    sdt.append(pr)
    el.addprevious(sdt)  # type: ignore[attr-defined]
    sdt.append(content)
    content.append(el)


def test_template_fields_in_content_controls_are_read_and_empty_ones_left_out(
    tmp_path: Path,
) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    doc = Document()
    # Word's Placeholder Text style, with the id a Dutch Word gives it
    style = doc.styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    style.style_id = "Tekstvantijdelijkeaanduiding"
    said = [
        ("Interviewer", "Hoe ervaart u de zorg voor uw moeder?"),
        ("Respondent", "Het is zwaar, ik kom nergens aan toe naast mijn werk."),
        ("Interviewer", "Wie helpt u daarbij?"),
        ("Respondent", "Mijn zus helpt soms, en de buurvrouw kookt op dinsdag."),
    ]
    for i, (who, what) in enumerate(said):
        p = doc.add_paragraph()
        label, text = p.add_run(f"{who}: "), p.add_run(what)
        if i == 1:
            _in_content_control(label._r)  # the speaker's name in a field
        elif i == 2:
            _in_content_control(p._p)  # the whole paragraph
        elif i == 3:
            _in_content_control(text._r)  # the answer in a field
    p = doc.add_paragraph()
    p.add_run("Respondent: ")
    empty = p.add_run("Klik of tik om tekst in te voeren.", style="Placeholder Text")
    _in_content_control(empty._r, placeholder=True)  # a field the service left empty
    doc.save(str(tmp_path / "interview.docx"))
    t = read_transcript(tmp_path / "interview.docx")
    assert [(x.speaker, x.text) for x in t.turns] == said
    assert any("“Klik of tik om tekst in te voeren.”" in w for w in t.warnings), t.warnings

"""Files beside the transcripts that are no interview (readers/kind.py): the interview guide, a
consent form, a letter, a report. `lernet code FOLDER` leaves them out, so that they are not
counted as participants' interviews; an interview, with labels or without, is still coded."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from lernet_cli.readers import read_transcript
from lernet_cli.readers.kind import CONSENT, GUIDE, LETTER, NOTES, REPORT, not_an_interview

from .conftest import dump_store, invoke_cli

GUIDE_NL = """\
Interviewleidraad lerende netwerken

Introductie: doel van het onderzoek, opname, anonimiteit.

1. Achtergrond
1. Kunt u vertellen voor welke organisatie u werkt en wat uw functie is?
2. Hoe lang bent u al lid van het netwerk?
3. Wat was de reden om mee te doen?

2. Het netwerk
4. Wat is voor u een lerend netwerk?
5. Wat brengt u in, en wat haalt u er?
6. Heeft u nog iets toe te voegen?

Bedanken, vervolg uitleggen.
"""
GUIDE_EN = """\
Interview guide

Opening: purpose of the study, recording, anonymity.

1. Could you tell me about your role in your organisation?
2. How did you come to join the network?
3. What do you get out of the meetings?
4. What do you bring to them yourself?
5. Is there anything else you would like to add?
"""
QUESTIONS_LABELLED = """\
I: Kunt u vertellen wat uw functie is?
I: Hoe lang bent u al lid?
I: Wat haalt u uit het netwerk?
I: Heeft u nog iets toe te voegen?
"""
CONSENT_NL = """\
Toestemmingsformulier deelname onderzoek

Ik verklaar dat ik de informatiebrief over het onderzoek heb gelezen en vragen heb kunnen stellen.
Ik verklaar dat ik vrijwillig deelneem en mij op elk moment kan terugtrekken.
Ik geef toestemming voor het opnemen van het interview.

Naam deelnemer: Marieke de Vries
Handtekening: ______________________   Datum: 12 maart 2024
"""
CONSENT_EN = """\
Informed consent form

I confirm that I have read the information sheet and have had the opportunity to ask questions.
I understand that my participation is voluntary and that I may withdraw at any time.
I agree to the interview being recorded.

Name of participant: Sarah Whitfield
Signature: ____________________   Date: 3 May 2024
"""
LETTER_NL = """\
Beste heer, mevrouw,

Graag nodigen wij u uit voor een interview over uw ervaringen met het lerend netwerk. Het gesprek
duurt ongeveer een uur en vindt plaats op een moment dat u schikt.

Uw deelname is vrijwillig en wij gaan vertrouwelijk om met uw gegevens.

Met vriendelijke groet,
Anna Bakker, onderzoeker
"""
REPORT_EN = """\
# Learning networks in practice

## Introduction

This report describes the findings of ten interviews with members of the network. The
interviews were held in the spring and coded with a codebook drawn up in advance.

## Findings

Most participants mainly take knowledge from the network and bring little to it. Trust grows
slowly: those who do not know each other yet share little.
"""
REPORT_NL = """\
Dit rapport beschrijft de resultaten van tien interviews met leden van het lerend netwerk. De
interviews werden in het voorjaar afgenomen en gecodeerd met een vooraf opgesteld codeboek.

De meeste deelnemers halen vooral kennis uit het netwerk en brengen er weinig in. Vertrouwen
groeit langzaam: wie elkaar nog niet kent, deelt weinig.
"""
INTERVIEW_NL = """\
I: Kunt u vertellen wat uw functie is?
R: Ik ben HR-adviseur bij een zorgorganisatie. Ik haal vooral kennis uit het netwerk.
I: Kent u de andere leden al?
R: Nee, we kennen elkaar nog niet goed. Dat moet nog groeien.
"""
FEW_LABELS = """\
I: Kunt u vertellen hoe u bij het netwerk kwam?
R: Via een collega, die er al langer in zat.
Ik vond het eerst wat spannend, want ik kende niemand.
Maar na twee bijeenkomsten voelde het al vertrouwd.
Nu haal ik er veel kennis uit, en ik breng ook zelf wat in.
"""
MONOLOGUE_NL = """\
Nou, ik ben begonnen als verpleegkundige en later ben ik in de opleidingen terechtgekomen. Het
netwerk ken ik sinds een jaar of drie, via een collega die er al in zat.

Wat ik er vooral uit haal is kennis: hoe doen anderen het, waar lopen ze tegenaan. Zelf breng
ik ook wel wat in, maar minder dan ik zou willen, want de tijd is er gewoon niet.

En eerlijk gezegd kennen we elkaar nog niet zo goed. Dat vertrouwen moet nog groeien.
"""
SHORT_UNLABELLED = """\
Hoe bent u bij het netwerk gekomen?
Via een collega die er al langer in zat en mij vroeg om eens mee te gaan naar een bijeenkomst.
Wat haalt u eruit?
Vooral kennis, en soms een goed idee voor mijn eigen organisatie dat ik direct kan toepassen.
"""
YES_NO = """\
I: Bent u lid van het netwerk?
R: Ja.
I: Sinds wanneer?
R: Twee jaar.
I: Gaat u naar elke bijeenkomst?
R: Nee.
"""


def _read(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return not_an_interview(read_transcript(path), path)


@pytest.mark.parametrize(
    ("name", "text", "what", "why"),
    [
        ("Interviewleidraad.txt", GUIDE_NL, GUIDE, "questions and no answers"),
        ("P03 vragen.txt", GUIDE_NL, GUIDE, "questions and no answers"),
        ("guide.txt", GUIDE_EN, GUIDE, "questions and no answers"),
        ("P04.txt", QUESTIONS_LABELLED, GUIDE, "only the interviewer's turns"),
        ("Toestemmingsformulier P03.txt", CONSENT_NL, CONSENT, "signature line"),
        ("P03.txt", CONSENT_NL, CONSENT, "3 statements to agree to"),
        ("consent form.txt", CONSENT_EN, CONSENT, "signature line"),
        ("brief.txt", LETTER_NL, LETTER, "salutation and a closing"),
        ("Conceptrapport.txt", REPORT_NL, REPORT, "its name says 'Conceptrapport'"),
        ("draft report.md", REPORT_EN, REPORT, "its name says 'report'"),
        ("veldnotities P05.txt", MONOLOGUE_NL, NOTES, "its name says 'veldnotities'"),
    ],
)
def test_a_file_that_is_no_interview_says_what_it_looks_like(
    tmp_path: Path, name: str, text: str, what: str, why: str
) -> None:
    found = _read(tmp_path, name, text)
    assert found is not None and found.what == what and why in found.why, found


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("P01.txt", INTERVIEW_NL),
        ("P02.txt", FEW_LABELS),
        ("P03.txt", MONOLOGUE_NL),
        ("interview_consent_study_P03.txt", INTERVIEW_NL),
        ("interview_consent_study_P03.txt", MONOLOGUE_NL),  # the name alone decides nothing
        ("Uitnodiging P05.txt", INTERVIEW_NL),  # structure first: turns are an interview's
        ("P06.txt", SHORT_UNLABELLED),
        ("P07.txt", YES_NO),
        ("draft report.srt", "1\n00:00:01,000 --> 00:00:03,000\nDit rapport, zegt u?\n"),
    ],
)
def test_an_interview_is_one_whatever_its_labels_or_name(
    tmp_path: Path, name: str, text: str
) -> None:
    assert _read(tmp_path, name, text) is None


def test_a_docx_guide_is_told_by_its_title_heading(tmp_path: Path) -> None:
    """A Word heading is no speech, but says what the document is: a topic list of short lines
    is an interview guide by its title."""
    doc = Document()
    doc.add_heading("Topiclijst", 1)
    for topic in ("Achtergrond en functie", "Reden van deelname", "Kennis delen", "Vertrouwen"):
        doc.add_paragraph(topic)
    path = tmp_path / "bijlage 2.docx"
    doc.save(path)
    found = not_an_interview(read_transcript(path), path)
    assert found is not None and found.what == GUIDE, found
    assert "its title says 'Topiclijst'" in found.why


BOLD_GUIDE = [
    ("Kunt u vertellen wat uw functie is?", True),
    ("Doorvragen: sinds wanneer?", False),
    ("Wat haalt u uit het netwerk?", True),
    ("Denk aan kennis, ervaring.", False),
    ("Wat brengt u zelf in?", True),
    ("Voorbeelden vragen.", False),
]


@pytest.mark.parametrize(("name", "guide"), [("Interviewleidraad.docx", True), ("P08.docx", False)])
def test_questions_in_bold_with_short_lines_between_are_a_guide_only_by_name(
    tmp_path: Path, name: str, guide: bool
) -> None:
    """Bold questions with only short prompts between them read as questions and answers: an
    interview of short answers ("Ja.", "Twee jaar.") looks the same, so the name decides."""
    doc = Document()
    for text, bold in BOLD_GUIDE:
        doc.add_paragraph().add_run(text).bold = bold
    path = tmp_path / name
    doc.save(path)
    transcript = read_transcript(path)
    assert transcript.speakers_from == "bold"
    found = not_an_interview(transcript, path)
    if guide:
        assert found is not None and found.what == GUIDE, found
        assert "3 questions in bold and no answers" in found.why
    else:
        assert found is None


def _docx(path: Path, text: str) -> Path:
    doc = Document()
    for line in text.splitlines():
        if line.strip():
            doc.add_paragraph(line)
    doc.save(path)
    return path


def _study(project: Path) -> Path:
    folder = project / "interviews"
    folder.mkdir()
    (folder / "P01.txt").write_text(INTERVIEW_NL, encoding="utf-8")
    (folder / "P02.txt").write_text(FEW_LABELS, encoding="utf-8")
    (folder / "P03.txt").write_text(MONOLOGUE_NL, encoding="utf-8")
    return folder


def test_code_folder_leaves_the_guide_and_consent_form_out(project: Path) -> None:
    folder = _study(project)
    assert invoke_cli("code", "interviews")[0] == 0
    code, before = invoke_cli("tally", "--format", "json")
    assert code == 0, before
    _docx(folder / "Interviewleidraad.docx", GUIDE_NL)
    _docx(folder / "Toestemmingsformulier P03.docx", CONSENT_NL)

    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    notes = [line for line in out.splitlines() if line.startswith("lernet: note: left out")]
    assert len(notes) == 2, out
    assert (
        "left out interviews/Interviewleidraad.docx: it looks like an interview guide" in notes[0]
    )
    assert "lernet code interviews/Interviewleidraad.docx" in notes[0]
    assert 'lernet code "interviews/Toestemmingsformulier P03.docx"' in notes[1]
    assert "3 unchanged, 2 left out" in out
    stored = dump_store(project)
    assert b"Interviewleidraad" not in stored and b"Marieke" not in stored
    assert invoke_cli("tally", "--format", "json") == (0, before)


def test_a_file_named_is_coded_with_a_note(project: Path) -> None:
    folder = _study(project)
    guide = _docx(folder / "Interviewleidraad.docx", GUIDE_NL)
    code, out = invoke_cli("code", str(guide.relative_to(project)))
    assert code == 0, out
    assert "interviews/Interviewleidraad.docx looks like an interview guide" in out
    assert "because you named it" in out and "1 new" in out
    assert b"interviews/Interviewleidraad.docx" in dump_store(project)
    # stored now, so a run over the folder keeps it, as the researcher chose
    code, out = invoke_cli("code", "interviews")
    assert code == 0 and "left out" not in out and "1 unchanged" in out, out


def test_speakers_says_a_file_looks_like_no_interview(project: Path) -> None:
    folder = _study(project)
    (folder / "consent form.txt").write_text(CONSENT_EN, encoding="utf-8")
    code, out = invoke_cli("speakers", "interviews")
    assert code == 0, out
    said = [line for line in out.splitlines() if "looks like" in line]
    assert len(said) == 1 and "consent form.txt looks like a consent form" in said[0], out

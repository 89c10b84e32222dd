"""RTF transcripts (Word, WordPad, TextEdit, f4transkript), and f4's time marks in any reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.errors import TranscriptError
from lernet_cli.readers import read_transcript

from .conftest import invoke_cli


def write(tmp_path: Path, name: str, rtf: str) -> Path:
    path = tmp_path / name
    path.write_bytes(rtf.encode("ascii"))
    return path


def turns_of(path: Path) -> list[tuple[str, str, str]]:
    return [(t.speaker, t.role, t.text) for t in read_transcript(path).turns]


# What f4transkript saves: cp1252 bytes as \'xx, labels I: and B:, a time mark per paragraph.
F4 = r"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}}
\viewkind4\uc1\pard\f0\fs24 I: Hoe was de samenwerking met het caf\'e9? #00:00:05-2#\par
\par
B: Ge\'ebnteresseerd, zeg maar. \'93Goed\'94, zei ze, en het kostte \'80 50. #00:01:23-4#\par
I: En daarna?  #00:01:30#\par
#00:01:31-0#\par
B: Niets.\tab Echt niets. #00:01:40-9#\par
}"""


def test_an_f4transkript_rtf_is_read_with_its_accents_quotes_and_euro(tmp_path: Path) -> None:
    assert turns_of(write(tmp_path, "f4.rtf", F4)) == [
        ("I", "interviewer", "Hoe was de samenwerking met het café?"),
        ("B", "participant", "Geënteresseerd, zeg maar. “Goed”, zei ze, en het kostte € 50."),
        ("I", "interviewer", "En daarna?"),
        ("B", "participant", "Niets. Echt niets."),
    ]


def test_f4_labels_i_and_r_are_the_interviewer_and_the_interviewee(tmp_path: Path) -> None:
    rtf = F4.replace("B:", "R:")
    assert [(s, r) for s, r, _ in turns_of(write(tmp_path, "f4r.rtf", rtf))] == [
        ("I", "interviewer"),
        ("R", "participant"),
        ("I", "interviewer"),
        ("R", "participant"),
    ]


# f4transkript with the time mark also at the start of each paragraph (its setting "Zeitmarke
# am Absatzanfang"), and one typed after the label.
F4_AT_START = r"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}}
\viewkind4\uc1\pard\f0\fs24 #00:00:05-2# I: Hoe ben je bij het netwerk gekomen?\par
\par
#00:00:12# B: Via een collega. Zij zei dat het de moeite waard was. #00:00:30-1#\par
#00:00:31-0#\par
I: #00:00:31-5# En wat heb je er geleerd?\par
#00:00:35-8# B: Dat andere scholen dezelfde problemen hebben. #00:00:50#\par
}"""


def test_f4_time_marks_at_a_paragraphs_start_leave_its_label_read(tmp_path: Path) -> None:
    transcript = read_transcript(write(tmp_path, "f4start.rtf", F4_AT_START))
    assert [(t.speaker, t.role, t.timestamp, t.text) for t in transcript.turns] == [
        ("I", "interviewer", "00:00:05", "Hoe ben je bij het netwerk gekomen?"),
        ("B", "participant", "00:00:12", "Via een collega. Zij zei dat het de moeite waard was."),
        ("I", "interviewer", "00:00:31", "En wat heb je er geleerd?"),
        ("B", "participant", "00:00:35", "Dat andere scholen dezelfde problemen hebben."),
    ]
    assert not any("no speaker labels" in w for w in transcript.warnings), transcript.warnings


def test_f4_time_marks_at_a_lines_start_in_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "f4.txt"
    path.write_text("#00:00:05# I: Hoe gaat het?\n#00:00:09-1# B: Goed. #00:00:12#\n")
    assert [(t.speaker, t.timestamp, t.text) for t in read_transcript(path).turns] == [
        ("I", "00:00:05", "Hoe gaat het?"),
        ("B", "00:00:09", "Goed."),
    ]


# What Word saves, cut down: tables of fonts, colours and styles, the author in \info, curly
# quotes and the euro as \uN with a fallback, page header and footer, a heading, bold labels, a
# list number, a hyperlink field, a table of contents, a picture, hidden and deleted text.
WORD = r"""{\rtf1\adeflang1025\ansi\ansicpg1252\uc1\adeff31507\deff0\stshfdbch31505
{\fonttbl{\f0\fbidi \froman\fcharset0\fprq2{\*\panose 02020603050405020304}Times New Roman;}
{\f1\fbidi \fswiss\fcharset238\fprq2 Arial CE;}}
{\colortbl;\red0\green0\blue0;\red0\green0\blue255;}
{\*\defchp \f31506\fs22\lang1043 }
{\stylesheet{\ql \li0\ri0\widctlpar\wrapdefault \f0\fs22\lang1043 \snext0 Normal;}
{\s1\ql \outlinelevel0\b\fs32 \sbasedon0 \snext0 heading 1;}}
{\*\rsidtbl \rsid1582363}{\*\generator Microsoft Word 11.0.0000;}
{\info{\title Interview Mertens}{\author Griet Mertens}{\operator Griet Mertens}}
{\*\xmlnstbl {\xmlns1 http://schemas.microsoft.com/office/word/2003/wordml}}
\paperw11906\paperh16838\margl1417\margr1417
{\header \pard\plain \s15\ql \f0\fs22 {Vertrouwelijk: Griet Mertens}\par}
{\footer \pard\plain \ql \f0\fs22 {Pagina }{\field{\*\fldinst { PAGE }}{\fldrslt {1}}}\par}
\pard\plain \ltrpar\s1\ql \outlinelevel0\b\fs32 {Interview 7}\par
\pard\plain \ltrpar\ql {\field{\*\fldinst { TOC \\o "1-3" }}{\fldrslt {Interview 7\tab 1}}}\par
\pard\plain \ltrpar\ql \f0\fs22 {\b I:}{ Wat betekent het netwerk voor u?}\par
\pard\plain \ltrpar\ql \f0\fs22 {\b R:}{ Veel. Ik zei: \u8220\'93samen\u8221\'94 en}
{ ik betaalde \u8364\'80 12.}{\v verborgen notitie}{\deleted weggehaald }{ Lees }
{\field{\*\fldinst {HYPERLINK "https://voorbeeld.nl"}}{\fldrslt {onze site}}}{.}\par
{\listtext\pard\plain \f0 \'b7\tab}\pard\plain \ltrpar\ql {\b I:}{ En nu?}
{\*\shppict{\pict\pngblip\picw10\pich10 89504e470d0a1a0a0000000d49484452}}\par
\pard\plain \ltrpar\ql {\b R:}{ Nu }{\f1 \'9a}{pelen we \u-10179?\u-8704?.}\par
}"""


def test_a_word_rtf_reads_only_the_speech(tmp_path: Path) -> None:
    path = write(tmp_path, "word.rtf", WORD)
    t = read_transcript(path)
    assert [(x.speaker, x.role, x.text) for x in t.turns] == [
        ("I", "interviewer", "Wat betekent het netwerk voor u?"),
        ("R", "participant", "Veel. Ik zei: “samen” en ik betaalde € 12. Lees onze site."),
        ("I", "interviewer", "En nu?"),
        ("R", "participant", "Nu špelen we \U0001f600."),
    ]
    said = " ".join(x.text for x in t.turns)
    for never in ("Mertens", "Vertrouwelijk", "Pagina", "verborgen", "weggehaald", "Times"):
        assert never not in said
    assert "2 words of hidden text left out" in " ".join(t.warnings)


# Word's comments: the reference in the text, the comment itself in \*\annotation.
COMMENTED = r"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}
\pard I: Hoe vond u de bijeenkomst?\par
\pard R: {\*\atrfstart 1}Heel leerzaam{\*\atrfend 1}{\*\atnid EV}{\*\atnauthor Eva de Wit}\chatn
{\*\annotation{\*\atnref 1}{\*\atndate 1966298912}\pard\plain {\field{\*\fldinst PAGE}}
\chatn Code vertrouwen: zij kent hen al\par}, echt.\par
}"""


def test_comments_in_an_rtf_are_no_speech(tmp_path: Path) -> None:
    assert turns_of(write(tmp_path, "comments.rtf", COMMENTED)) == [
        ("I", "interviewer", "Hoe vond u de bijeenkomst?"),
        ("R", "participant", "Heel leerzaam, echt."),
    ]


def test_textedit_and_wordpad_rtf(tmp_path: Path) -> None:
    # TextEdit ends a paragraph with a backslash before the line end and writes \uc0\uN.
    textedit = (
        "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2709\n"
        "{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n{\\colortbl;\\red255\\green255\\blue255;}\n"
        "\\pard\\tx566\\pardirnatural\\partightenfactor0\n\n\\f0\\fs24 \\cf0 "
        "I: Wie helpt u?\\\nR: Mijn co\\uc0\\u776 llega\\~Jan \\uc0\\u8212  soms.\\\n}"
    )
    assert turns_of(write(tmp_path, "textedit.rtf", textedit)) == [
        ("I", "interviewer", "Wie helpt u?"),
        ("R", "participant", "Mijn co\u0308llega Jan — soms."),
    ]
    wordpad = (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1043{\\fonttbl{\\f0\\fnil\\fcharset0"
        " Calibri;}}\r\n{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n\\pard\\sa200"
        "\\sl276\\slmult1\\b\\f0\\fs22\\lang19 Vraag:\\b0  Hoe?\\par\r\n"
        "\\b Antwoord:\\b0  Zo.\\par\r\n}"
    )
    assert turns_of(write(tmp_path, "wordpad.rtf", wordpad)) == [
        ("Vraag", "interviewer", "Hoe?"),
        ("Antwoord", "participant", "Zo."),
    ]


def test_questions_in_bold_and_a_speaker_table(tmp_path: Path) -> None:
    bold = (
        "{\\rtf1\\ansi {\\b Hoe begon het?}\\par Met een mail.\\par {\\b En toen?}\\par "
        "Een overleg.\\par {\\b Wat leverde het op?}\\par Kennis.\\par}"
    )
    roles = [(r, x) for _, r, x in turns_of(write(tmp_path, "bold.rtf", bold))]
    assert roles[:2] == [("interviewer", "Hoe begon het?"), ("participant", "Met een mail.")]
    row = "\\trowd\\cellx2000\\cellx9000\\pard\\intbl {0}\\cell {1}\\cell\\row "
    table = (
        "{\\rtf1\\ansi "
        + "".join(
            row.replace("{0}", s).replace("{1}", x)
            for s, x in [
                ("Spreker", "Tekst"),
                ("Interviewer", "Hoe gaat het?"),
                ("Respondent", "Goed."),
                ("Interviewer", "Fijn?"),
            ]
        )
        + "\\pard\\par}"
    )
    assert turns_of(write(tmp_path, "table.rtf", table)) == [
        ("Interviewer", "interviewer", "Hoe gaat het?"),
        ("Respondent", "participant", "Goed."),
        ("Interviewer", "interviewer", "Fijn?"),
    ]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"{" * 100_000 + b"\\rtf1 I: Hoe?", "not an RTF file"),
        (b"{\\rtf1\\ansi " + b"{" * 100_000 + b"I: Hoe?", "groups nested more than 256 deep"),
        (b"PK\x03\x04" + bytes(100), "it is a .docx or .odt file renamed .rtf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "it is an old .doc"),
        (b"{\\rtf1\\ansi {\\pict " + b"ab" * 1000 + b"}\\par}", "empty transcript"),
    ],
)
def test_a_hostile_or_wrong_rtf_is_one_line_naming_the_file(
    tmp_path: Path, data: bytes, says: str
) -> None:
    path = tmp_path / "kapot.rtf"
    path.write_bytes(data)
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert "kapot.rtf" in str(info.value) and says in str(info.value), str(info.value)


def test_a_cut_off_rtf_is_read_and_said(tmp_path: Path) -> None:
    # A file cut off mid-way; \bin bytes, a huge \uc and a backslash at the end do no harm.
    data = (
        b"{\\rtf1\\ansi I: Hoe?\\par R: Goed{\\bin5 {{{{} zo.\\par I: En?\\par "
        b"R: {\\uc99999999\\u233 weg} ja\\par I: \\"
    )
    path = tmp_path / "half.rtf"
    path.write_bytes(data)
    t = read_transcript(path)
    assert [x.text for x in t.turns] == ["Hoe?", "Goed zo.", "En?", "\u00e9 ja"]
    assert any("may be cut off" in w for w in t.warnings)


def test_lernet_code_reads_an_rtf_in_a_folder(project: Path) -> None:
    folder = project / "interviews"
    folder.mkdir()
    (folder / "p01.rtf").write_bytes(F4.encode("ascii"))
    code, out = invoke_cli("speakers", "interviews")
    assert code == 0, out
    assert "p01.rtf" in out and "not read" not in out

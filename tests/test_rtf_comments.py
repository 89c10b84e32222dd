"""Word comments in an .rtf transcript: codes and memos, as a .docx's and an .odt's are."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from lernet_cli.readers import read_transcript
from lernet_cli.readers.rtf import _date, read

from .conftest import invoke_cli
from .test_annotations import comment, marked, word_docx

HEAD = r"""{\rtf1\adeflang1025\ansi\ansicpg1252\uc1\adeff31507\deff0
{\fonttbl{\f0\fbidi \froman\fcharset0\fprq2 Calibri;}}
{\stylesheet{\ql \f0\fs22\lang1043 \snext0 Normal;}{\*\cs15 \additive \fs16 annotation reference;}
{\s16\ql \f0\fs20 \sbasedon0 \snext16 annotation text;}}
{\*\generator Microsoft Word 16.0;}{\info{\author Eva de Wit}}
"""
NOVEMBER_1 = 132844160
"""Sunday 1 November 2026, 10:00, as Word packs it in `\\atndate`."""
NOVEMBER_5 = -2014631003
"""Thursday 5 November 2026, 14:37: a weekday from Thursday on sets the top bit."""


def note(
    ref: str | None,
    author: str,
    initials: str,
    text: str,
    date: int = NOVEMBER_1,
    parent: str | None = None,
) -> str:
    """A comment as Word writes it where its range ends: author and mark in a run of the
    annotation reference style, then the comment in its own destination."""
    fields = (f"{{\\*\\atnref {ref}}}" if ref is not None else "") + f"{{\\*\\atndate {date}}}"
    if parent is not None:
        fields += f"{{\\*\\atnparent {parent}}}"
    return (
        f"{{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\cs15\\fs16 {{\\*\\atnid {initials}}}"
        f"{{\\*\\atnauthor {author}}}\\chatn }}{{\\*\\annotation{fields}\\ltrpar \\pard\\plain "
        r"\ltrpar\s16\ql \f0\fs20 {\field{\*\fldinst {\rtlch\fcs1 \af0 \ltrch\fcs0 "
        r""" PAGE \\# "'Page: '#'\\0d'" }}{\fldrslt }}{\rtlch\fcs1 \af0 \ltrch\fcs0 \cs15\fs16 """
        rf"\chatn }}{{\rtlch\fcs1 \af0 \ltrch\fcs0 {text}}}\par }}"
    )


def start(n: str) -> str:
    return f"{{\\*\\atrfstart {n}}}"


def end(n: str) -> str:
    return f"{{\\*\\atrfend {n}}}"


def para(*parts: str) -> str:
    return r"\pard\plain \ltrpar\ql \f0\fs22 " + "".join(parts) + "\\par\n"


def rtf(tmp_path: Path, *paragraphs: str, name: str = "t.rtf") -> Path:
    path = tmp_path / name
    path.write_bytes((HEAD + "".join(paragraphs) + "}").encode("ascii"))
    return path


def test_a_comment_on_a_selection_is_an_annotation_with_author_and_date(tmp_path: Path) -> None:
    path = rtf(
        tmp_path,
        para("{I: Kent u de andere leden?}"),
        para(
            "{R: Nee, }",
            start("1433587553"),
            "{we zien elkaar bijna nooit.}",
            end("1433587553"),
            note("1433587553", "Eva de Wit", "EdW", "trust.not_acquainted"),
            "{ Jammer.}",
        ),
    )
    (annotation,) = read(path).annotations
    assert (annotation.note, annotation.author, annotation.date, annotation.ref) == (
        "trust.not_acquainted",
        "Eva de Wit",
        "2026-11-01T10:00:00",
        "1433587553",
    )
    t = read_transcript(path)
    assert marked(t) == [("R", "we zien elkaar bijna nooit.", "trust.not_acquainted", "Eva de Wit")]
    assert "trust" not in " ".join(turn.text for turn in t.turns) and not t.warnings


def test_ranges_across_paragraphs_and_turns_and_overlapping(tmp_path: Path) -> None:
    path = rtf(
        tmp_path,
        para("{I: }", start("1"), "{Hoe zit het met concurrentie?}"),
        para("{R: Daar merk ik weinig van.}", end("1"), note("1", "Eva", "E", "competition")),
        para("{I: En kennis?}"),
        para("{R: }", start("2"), "{Ik deel veel, }", start("3"), "{maar niet}"),
        para("{alles wat ik weet.}", end("2"), note("2", "Bas", "B", "Kennis delen")),
        para("{Zo is het.}", end("3"), note("3", "Eva", "E", "trust")),
    )
    assert marked(read_transcript(path)) == [
        ("I", "Hoe zit het met concurrentie?", "competition", "Eva"),
        ("R", "Daar merk ik weinig van.", "competition", "Eva"),
        ("R", "Ik deel veel, maar niet\nalles wat ik weet.", "Kennis delen", "Bas"),
        ("R", "maar niet\nalles wat ik weet.\nZo is het.", "trust", "Eva"),
    ]


def test_a_comment_without_a_range_marks_the_turn_it_sits_in(tmp_path: Path) -> None:
    # Word writes no \atrfstart where a comment was put at the cursor, selecting nothing.
    path = rtf(
        tmp_path,
        para("{I: Hoe gaat het?}"),
        para("{R: Goed}", note("7", "Eva", "E", "trust"), "{, dank u.}"),
    )
    (annotation,) = read(path).annotations
    assert annotation.start == annotation.end == (2, 7)
    assert marked(read_transcript(path)) == [("R", "Goed, dank u.", "trust", "Eva")]


def test_a_reply_without_a_range_takes_its_parents(tmp_path: Path) -> None:
    path = rtf(
        tmp_path,
        para(
            "{R: Goed, }",
            start("1"),
            "{we vertrouwen elkaar}",
            end("1"),
            note("1", "Eva", "E", "trust"),
            note("2", "Bas", "B", "Mee eens", parent="1"),
            note(None, "Bas", "B", "competition", parent="2"),
            "{ echt.}",
        ),
    )
    t = read_transcript(path)
    assert marked(t) == [
        ("R", "we vertrouwen elkaar", "trust", "Eva"),
        ("R", "we vertrouwen elkaar", "Mee eens", "Bas"),
        ("R", "we vertrouwen elkaar", "competition", "Bas"),
    ]
    assert [m.annotation.reply_to for m in t.marks] == [None, "1", "2"]


def test_unicode_in_the_comment_and_its_author(tmp_path: Path) -> None:
    path = rtf(
        tmp_path,
        para(
            "{R: }",
            start("1"),
            r"{Caf\'e9 \u8364\'80 5}",
            end("1"),
            note(
                "1",
                r"Ren\'e9e \u536\'3ftefan",
                "RS",
                r"Vertrouwen \u8211\'96 \u8220\'93mooi\u8221\'94 \u-10179?\u-8704?\line "
                r"tweede regel",
                date=NOVEMBER_5,
            ),
        ),
    )
    (annotation,) = read(path).annotations
    assert annotation.note == "Vertrouwen – “mooi” \U0001f600\ntweede regel"
    assert annotation.author == "Renée Ștefan"
    assert annotation.date == "2026-11-05T14:37:00"
    assert marked(read_transcript(path))[0][1] == "Café € 5"


@pytest.mark.parametrize(
    ("packed", "date"),
    [
        (str(NOVEMBER_1), "2026-11-01T10:00:00"),
        (str(NOVEMBER_5 + 2**32), "2026-11-05T14:37:00"),
        ("0", None),  # Word's "no date"
        ("1966298912", None),  # hour 28
        ("gisteren", None),
    ],
)
def test_packed_comment_dates(packed: str, date: str | None) -> None:
    assert _date(packed) == date


def test_a_damaged_range_is_read_and_said_once(tmp_path: Path) -> None:
    path = rtf(
        tmp_path,
        para("{I: Hoe was het?}"),
        # no end: the range runs to the comment
        para("{R: }", start("1"), "{Heel leerzaam}", note("1", "Eva", "E", "trust"), "{, echt.}"),
        para("{I: En toen?}"),
        # no start: a point
        para("{R: Niets}", end("2"), note("2", "Bas", "B", "competition"), "{ meer.}"),
        para("{I: Zeker?}"),
        # an end before its start: the range runs to the comment
        para("{R: }", end("3"), "{Ja, }", start("3"), "{heel zeker}", note("3", "Eva", "E", "x")),
    )
    t = read_transcript(path)
    assert marked(t) == [
        ("R", "Heel leerzaam", "trust", "Eva"),
        ("R", "Niets meer.", "competition", "Bas"),
        ("R", "heel zeker", "x", "Eva"),
    ]
    said = [w for w in t.warnings if "comment" in w]
    assert said == [
        "3 comments whose marked text has no start or no end in the file (damaged?): read up "
        "to where the comment sits"
    ]


def test_a_file_cut_off_in_a_comment_is_read(tmp_path: Path) -> None:
    path = tmp_path / "half.rtf"
    path.write_bytes(
        (
            HEAD
            + para("{I: Hoe?}")
            + r"\pard {R: }{\*\atrfstart 1}{Goed}{\*\atrfend 1}{\*\atnid E}{\*\atnauthor Eva}"
            r"\chatn {\*\annotation{\*\atnref 1}\pard trust en"
        ).encode("ascii")
    )
    t = read_transcript(path)
    assert marked(t) == [("R", "Goed", "trust en", "Eva")]
    assert any("may be cut off" in w for w in t.warnings)


def test_comments_in_a_speaker_table_a_heading_and_a_footnote(tmp_path: Path) -> None:
    def row(*cells: str) -> str:
        return (
            r"\trowd\cellx2000\cellx9000\pard\plain \intbl "
            + "".join(f"{c}\\cell " for c in cells)
            + "\\row\n"
        )

    path = rtf(
        tmp_path,
        r"\pard\plain \outlinelevel0\b\fs32 {Interview 3}"
        + start("9")
        + "{ (concept)}"
        + end("9")
        + note("9", "Eva", "E", "nakijken")
        + "\\par\n",
        row("{Spreker}", "{Tekst}"),
        row("{Interviewer}", "{Hoe gaat het?}"),
        row(start("1") + "{Respondent}" + end("1"), "{Prima. }" + start("2") + "{Wij delen veel.}")
        + end("2"),
        para(
            note("1", "Eva", "E", "wie is dit?"),
            note("2", "Eva", "E", "knowledge_sharing"),
            r"{I: Dank u.}{\footnote \pard\plain {Voetnoot}",
            note("4", "Bas", "B", "bron"),
            "}",
        ),
    )
    t = read_transcript(path)
    assert marked(t) == [
        ("Respondent", "Prima. Wij delen veel.", "wie is dit?", "Eva"),
        ("Respondent", "Wij delen veel.", "knowledge_sharing", "Eva"),
    ]
    assert [n.note for n in t.unplaced] == ["nakijken", "bron"]
    assert "Voetnoot" not in " ".join(turn.text for turn in t.turns)


def word_rtf(tmp_path: Path, name: str) -> Path:
    """Two answers, one commented with a code, one with a note that names none."""
    return rtf(
        tmp_path,
        para("{I: Wat vindt u daarvan?}"),
        para(
            "{R: }",
            start("0"),
            "{Wij zien elkaar bijna nooit buiten de sessies.}",
            end("0"),
            note("0", "Eva", "E", "Elkaar nog niet goed kennen"),
        ),
        para("{I: Wat vindt u daarvan?}"),
        para(
            "{R: }",
            start("1"),
            "{Geen idee eigenlijk.}",
            end("1"),
            note("1", "Bas", "B", "nakijken!"),
        ),
        name=name,
    )


def the_same_docx(path: Path) -> Path:
    body = (
        "<w:p><w:r><w:t>I: Wat vindt u daarvan?</w:t></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">R: </w:t></w:r><w:commentRangeStart w:id="0"/>'
        "<w:r><w:t>Wij zien elkaar bijna nooit buiten de sessies.</w:t></w:r>"
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
        "<w:p><w:r><w:t>I: Wat vindt u daarvan?</w:t></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">R: </w:t></w:r><w:commentRangeStart w:id="1"/>'
        "<w:r><w:t>Geen idee eigenlijk.</w:t></w:r>"
        '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p>'
    )
    comments = comment(0, "Eva", "Elkaar nog niet goed kennen", "0A") + comment(
        1, "Bas", "nakijken!", "0B"
    )
    return word_docx(path, body, comments)


def coded(project: Path, name: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """`lernet code NAME`: the codings made by hand and the memos, without the file's name."""
    code, out = invoke_cli("code", name)
    assert code == 0, out
    assert "'nakijken!': names no code (kept as a memo)" in out
    code, out = invoke_cli("codings", "--no-anonymize", "--format", "json")
    assert code == 0, out
    codings = [
        (c["code"], c["coder"], c["status"], c["text"], c["segment"], c["start"], c["end"])
        for c in json.loads(out)
        if c["coder"] != "auto"
    ]
    db = sqlite3.connect(project / ".lernet" / "lernet.db")
    try:
        dates = db.execute("SELECT created_at FROM codings WHERE source = 'comment'").fetchall()
    finally:
        db.close()
    codings += dates
    code, out = invoke_cli("memos", "--no-anonymize", "--format", "json")
    assert code == 0, out
    memos = [(m["author"], m["memo"], m["text"], m["reason"], m["made"]) for m in json.loads(out)]
    return codings, memos


def test_lernet_code_takes_an_rtf_s_comments_as_a_docx_s(project: Path) -> None:
    word_rtf(project, "a1.rtf")
    from_rtf = coded(project, "a1.rtf")
    assert from_rtf[0][0][:4] == (
        "trust.not_acquainted",
        "Eva",
        "accepted",
        "Wij zien elkaar bijna nooit buiten de sessies.",
    )
    assert [m[:4] for m in from_rtf[1]] == [
        ("Bas", "nakijken!", "Geen idee eigenlijk.", "names no code")
    ]
    assert from_rtf[0][1] == ("2026-11-01T10:00:00",)  # the comment's date
    assert from_rtf[1][0][4] == "2026-11-01"
    shutil.rmtree(project / ".lernet")
    (project / "a1.rtf").unlink()
    the_same_docx(project / "a1.docx")
    assert coded(project, "a1.docx") == from_rtf

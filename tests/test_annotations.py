"""Comments (Word, OpenDocument) and inline tags read from transcript files and placed on
speaker turns."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from lernet_cli.errors import TranscriptError
from lernet_cli.model import Transcript
from lernet_cli.readers import read_transcript

from .odtfiles import odt, paragraphs

LIBREOFFICE = Path(__file__).parent / "data" / "libreoffice"


def marked(t: Transcript) -> list[tuple[str, str, str, str]]:
    """(speaker, marked text, note, author) for every mark, in order."""
    return [
        (
            t.turns[m.turn].speaker,
            t.turns[m.turn].text[m.start : m.end],
            m.annotation.note,
            m.annotation.author,
        )
        for m in t.marks
    ]


def test_python_docx_comments_inside_and_across_paragraphs(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Interviewer: Kent u de andere leden?")
    p = d.add_paragraph("Respondent: ")
    first = p.add_run("Nee, we zien elkaar bijna nooit.")
    second = p.add_run(" Maar ik deel graag")
    more = d.add_paragraph("wat ik weet met anderen.")
    d.add_comment(first, text="trust.not_acquainted", author="Eva", initials="E")
    d.add_comment([second, more.runs[0]], text="Kennis delen", author="Bas", initials="B")
    path = tmp_path / "c.docx"
    d.save(str(path))
    t = read_transcript(path)
    assert marked(t) == [
        ("Respondent", "Nee, we zien elkaar bijna nooit.", "trust.not_acquainted", "Eva"),
        ("Respondent", "Maar ik deel graag\nwat ik weet met anderen.", "Kennis delen", "Bas"),
    ]
    assert "trust.not_acquainted" not in t.turns[1].text


def test_comment_over_question_and_answer_marks_each_turn(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    q = d.add_paragraph("I: Hoe zit het met concurrentie?")
    a = d.add_paragraph("R: Daar merk ik weinig van.")
    d.add_comment([q.runs[0], a.runs[0]], text="competition", author="Eva")
    path = tmp_path / "qa.docx"
    d.save(str(path))
    t = read_transcript(path)
    assert [(s, text) for s, text, _, _ in marked(t)] == [
        ("I", "Hoe zit het met concurrentie?"),
        ("R", "Daar merk ik weinig van."),
    ]


def test_libreoffice_docx_overlapping_and_point_comments() -> None:
    t = read_transcript(LIBREOFFICE / "comments.docx")
    assert marked(t) == [
        ("Respondent", "kennen we elkaar nog nauwelijks", "trust.not_acquainted", "Eva Jansen"),
        (
            "Respondent",
            "ik wil graag\nkennis delen met de anderen.",
            "Kennis delen",
            "Piet",
        ),
        ("Respondent", "helpt om te groeien", "vertrouwen", "Eva Jansen"),
        ("Respondent", "om te groeien als netwerk", "typo-code", "Piet"),
        # A comment without a range marks the whole turn it sits in.
        ("Respondent", "Nog een punt.", "Eens, ook Concurrentie", "Piet"),
    ]


def test_libreoffice_odt_overlapping_and_point_comments() -> None:
    """The same document as comments.docx, saved by LibreOffice as .odt."""
    t = read_transcript(LIBREOFFICE / "comments.odt")
    assert marked(t) == [
        ("Respondent", "kennen we elkaar nog nauwelijks", "trust.not_acquainted", "Eva Jansen"),
        (
            "Respondent",
            "ik wil graag\nkennis delen met de anderen.",
            "Kennis delen",
            "Piet",
        ),
        ("Respondent", "helpt om te groeien", "vertrouwen", "Eva Jansen"),
        ("Respondent", "om te groeien als netwerk", "typo-code", "Piet"),
        # A comment without a range marks the whole turn it sits in.
        ("Respondent", "Nog een punt.", "Eens, ook Concurrentie", "Piet"),
    ]
    notes = [m.annotation for m in t.marks]
    # LibreOffice writes 0000-00-00T00:00:00 when it does not know when a comment was made.
    assert [(n.ref, n.date) for n in notes] == [
        ("c1", "2026-11-20T10:00:00"),
        ("c2", None),
        ("c3", None),
        ("c4", None),
        ("c5", None),
    ]
    speech = " ".join(turn.text for turn in t.turns)
    assert not any(n.note in speech for n in notes)


def test_odt_comments_across_list_items_and_in_a_heading() -> None:
    t = read_transcript(LIBREOFFICE / "labels.odt")
    assert marked(t) == [("Eva", "tweede punt\ngenest", "lijst", "Bas")]
    assert [n.note for n in t.unplaced] == ["kop-opmerking"]


def test_odt_comments_in_a_speaker_table() -> None:
    t = read_transcript(LIBREOFFICE / "table.odt")
    assert marked(t) == [("R", "Wij delen veel.", "knowledge_sharing", "Eva")]


def annotation(attributes: str, author: str, *paragraphs: str, date: str = "") -> str:
    when = f"<dc:date>{date}</dc:date>" if date else ""
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    return (
        f"<office:annotation {attributes}><dc:creator>{author}</dc:creator>{when}{body}"
        "</office:annotation>"
    )


def test_odt_replies_take_the_parent_range(tmp_path: Path) -> None:
    """LibreOffice 7.5+ threads a reply to its parent with loext:parent-name, as a sibling
    annotation at the parent's anchor; a reply without a range of its own takes the parent's."""
    body = paragraphs(
        "I: Hoe is het vertrouwen?",
        "R: Goed, "
        + annotation('office:name="a"', "Eva", "trust", date="2026-11-01T10:00:00")
        + annotation('loext:parent-name="a"', " Bas ", "Mee eens", date="0000-00-00T00:00:00")
        + annotation('office:name="b" loext:parent-name="a"', "Bas", "competition")
        + annotation('loext:parent-name="b"', "Piet", "Ook", "<text:span>in</text:span> 2024")
        + annotation('office:name="c" loext:parent-name="a"', "Piet", "eigen stuk")
        + "we vertrouwen"
        + '<office:annotation-end office:name="c"/> elkaar'
        + '<office:annotation-end office:name="a"/> echt. '
        + annotation('loext:parent-name="weg"', "Eva", "wees"),
    )
    t = read_transcript(odt(tmp_path / "r.odt", body))
    assert marked(t) == [
        ("R", "we vertrouwen elkaar", "trust", "Eva"),
        ("R", "we vertrouwen elkaar", "Mee eens", "Bas"),
        ("R", "we vertrouwen elkaar", "competition", "Bas"),
        ("R", "we vertrouwen elkaar", "Ook\nin 2024", "Piet"),
        ("R", "we vertrouwen", "eigen stuk", "Piet"),
        # a reply whose parent is gone is a point comment: the whole turn
        ("R", "Goed, we vertrouwen elkaar echt.", "wees", "Eva"),
    ]
    notes = [m.annotation for m in t.marks]
    assert [n.reply_to for n in notes] == [None, "a", "a", "b", "a", "weg"]
    assert [n.date for n in notes] == ["2026-11-01T10:00:00", None, None, None, None, None]


def test_odt_comment_in_a_footnote_is_unplaced(tmp_path: Path) -> None:
    body = paragraphs(
        "I: Hoe is het vertrouwen?",
        "R: Goed."
        '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        "<text:note-body><text:p>Bron "
        + annotation("", "Eva", "nakijken")
        + "erbij.</text:p></text:note-body></text:note> Echt.",
    )
    t = read_transcript(odt(tmp_path / "f.odt", body))
    assert [turn.text for turn in t.turns] == ["Hoe is het vertrouwen?", "Goed. Echt."]
    assert t.marks == [] and [(n.author, n.note) for n in t.unplaced] == [("Eva", "nakijken")]


def test_odt_comment_on_the_speaker_cell_marks_the_speech(tmp_path: Path) -> None:
    def cells(*texts: str) -> str:
        inner = "".join(f"<table:table-cell><text:p>{x}</text:p></table:table-cell>" for x in texts)
        return f"<table:table-row>{inner}</table:table-row>"

    note = annotation('office:name="s"', "Eva", "wie is dit?")
    body = (
        "<table:table>"
        + cells("Spreker", "Tekst")
        + cells("I", "Hoe gaat het?")
        + cells(f"{note}R<office:annotation-end office:name='s'/>", "Goed.")
        + "</table:table>"
    )
    t = read_transcript(odt(tmp_path / "t.odt", body))
    assert marked(t) == [("R", "Goed.", "wie is dit?", "Eva")]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def word_docx(path: Path, body: str, comments: str, extended: str | None = None) -> Path:
    """A minimal .docx laid out as Word writes it (comments, and replies in commentsExtended)."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>',
        )
        zf.writestr(
            "word/comments.xml",
            f'<w:comments xmlns:w="{W}" xmlns:w14="{W14}">{comments}</w:comments>',
        )
        if extended is not None:
            zf.writestr(
                "word/commentsExtended.xml",
                f'<w15:commentsEx xmlns:w15="{W15}">{extended}</w15:commentsEx>',
            )
    return path


def comment(cid: int, author: str, text: str, para_id: str) -> str:
    return (
        f'<w:comment w:id="{cid}" w:author="{author}" w:date="2026-11-01T10:00:00Z">'
        f'<w:p w14:paraId="{para_id}"><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>'
    )


def test_word_replies_take_the_parent_range(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>I: Hoe is het vertrouwen?</w:t></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">R: Goed, </w:t></w:r>'
        '<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>'
        "<w:r><w:t>we vertrouwen elkaar</w:t></w:r>"
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
        '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>'
        '<w:r><w:t xml:space="preserve"> echt.</w:t></w:r></w:p>'
    )
    comments = (
        comment(0, "Eva", "trust", "0A")
        + comment(1, "Bas", "Mee eens", "0B")
        + comment(2, "Bas", "competition", "0C")  # a reply Word wrote without a range
    )
    extended = (
        '<w15:commentEx w15:paraId="0A" w15:done="0"/>'
        '<w15:commentEx w15:paraId="0B" w15:paraIdParent="0A" w15:done="0"/>'
        '<w15:commentEx w15:paraId="0C" w15:paraIdParent="0A" w15:done="0"/>'
    )
    t = read_transcript(word_docx(tmp_path / "w.docx", body, comments, extended))
    assert marked(t) == [
        ("R", "we vertrouwen elkaar", "trust", "Eva"),
        ("R", "we vertrouwen elkaar", "Mee eens", "Bas"),
        ("R", "we vertrouwen elkaar", "competition", "Bas"),
    ]
    assert [m.annotation.reply_to for m in t.marks] == [None, "0", "0"]


def test_comment_in_a_heading_is_unplaced(tmp_path: Path) -> None:
    body = (
        '<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:commentRangeStart w:id="0"/>'
        '<w:r><w:t>Interview 3</w:t></w:r><w:commentRangeEnd w:id="0"/></w:p>'
        "<w:p><w:r><w:t>R: Iets.</w:t></w:r></w:p>"
    )
    t = read_transcript(word_docx(tmp_path / "h.docx", body, comment(0, "Eva", "trust", "1")))
    assert t.marks == [] and [n.note for n in t.unplaced] == ["trust"]


def test_comments_in_a_speaker_table(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    table = d.add_table(rows=3, cols=2)
    for row, (who, said) in zip(
        table.rows,
        [
            ("Spreker", "Tekst"),
            ("Interviewer", "Hoe gaat het?"),
            ("Respondent", "Prima. Wij delen veel."),
        ],
        strict=True,
    ):
        row.cells[0].text = who
        row.cells[1].text = said
    cell = table.rows[2].cells[1].paragraphs[0]
    run = cell.runs[0]
    run.text = "Prima. "
    shared = cell.add_run("Wij delen veel.")
    d.add_comment(shared, text="knowledge_sharing", author="Eva")
    path = tmp_path / "table.docx"
    d.save(str(path))
    t = read_transcript(path)
    assert marked(t) == [("Respondent", "Wij delen veel.", "knowledge_sharing", "Eva")]


def write(tmp_path: Path, text: str, name: str = "t.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_inline_tags_are_removed_from_the_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "I: Kent u de anderen?\n"
        "R: Nou, [[trust.not_acquainted: we kennen elkaar nauwelijks]] en dat is jammer.\n"
        "I: En kennis?\n"
        "R: [[Kennis delen; competition: Ik deel veel,\n"
        "maar niet [[trust: alles]].]] Zo is het.\n",
    )
    t = read_transcript(path)
    assert [turn.text for turn in t.turns if turn.role == "participant"] == [
        "Nou, we kennen elkaar nauwelijks en dat is jammer.",
        "Ik deel veel,\nmaar niet alles. Zo is het.",
    ]
    assert [(text, note) for _, text, note, _ in marked(t)] == [
        ("we kennen elkaar nauwelijks", "trust.not_acquainted"),
        ("alles", "trust"),
        ("Ik deel veel,\nmaar niet alles.", "Kennis delen; competition"),
    ]


def test_markdown_tags_after_an_emphasised_label(tmp_path: Path) -> None:
    path = write(tmp_path, "**I:** Vertrouwt u ze?\n\n**R:** [[trust: Ja, volledig.]]\n", "t.md")
    t = read_transcript(path)
    assert marked(t) == [("R", "Ja, volledig.", "trust", "")]


def test_double_brackets_without_a_code_are_text(tmp_path: Path) -> None:
    t = read_transcript(write(tmp_path, "R: Dat was [[onverstaanbaar]] echt zo.\n"))
    assert t.turns[0].text == "Dat was [[onverstaanbaar]] echt zo." and t.marks == []


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("R: Goed.\nR: [[trust: nooit gesloten\nR: verder\n", 2, "never closed"),
        ("R: Goed.\nR: klaar]] zo\n", 2, "closes no tag"),
        ("R: Goed.\n\nR: [[ : leeg]]\n", 3, "names no code"),
    ],
)
def test_bad_tags(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert info.value.line == line and fragment in str(info.value)
    assert str(path.name) in str(info.value)


def test_libreoffice_unknown_comment_dates_are_none() -> None:
    for name in ("comments.docx", "comments.odt"):
        t = read_transcript(LIBREOFFICE / name)
        assert [m.annotation.date is None for m in t.marks] == [False, True, True, True, True]

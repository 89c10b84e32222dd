"""Taguette: `lernet import taguette` places its highlights CSV on the project's transcripts by
document name and words, tags as codes; `lernet export taguette` writes the codebook as the CSV
Taguette's "Import codebook" reads."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from pathlib import Path

import pytest

from .conftest import dump_store, invoke_cli

TUIN = """\
Interviewer: Hoe ben je bij de moestuin gekomen?
Saskia: Via de buurvrouw. Ze vroeg of ik wilde helpen met de compost.
Interviewer: En de andere tuinders?
Saskia: In het begin kenden we elkaar niet. Er waren vaste groepjes.
Interviewer: Wanneer veranderde dat?
Saskia: Toen ik de sleutel van het schuurtje kreeg. Dat gaf vertrouwen, ik wou iets bijdragen.
Interviewer: Nog iets?
Saskia: De koffie op zaterdag. Iedereen neemt iets mee, ook de koffie.
"""

CAFE = """\
Interviewer: How did you join the repair café?
Tom: A friend took me along when my lamp broke.
Interviewer: What was hard?
Tom: The council keeps changing the booking rules for the hall.
"""


def highlights(path: Path, rows: list[list[str]], delimiter: str = ",", enc: str = "utf-8") -> Path:
    """A highlights file as Taguette writes it: id, document, tag, content, one row per tag."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["id", "document", "tag", "content"])
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode(enc))
    return path


def study(project: Path) -> Path:
    (project / "tuin_saskia.txt").write_text(TUIN, encoding="utf-8")
    (project / "cafe_tom.txt").write_text(CAFE, encoding="utf-8")
    code, out = invoke_cli("code", "tuin_saskia.txt", "cafe_tom.txt")
    assert code == 0, out
    return project


def person_codings(project: Path, coder: str = "taguette") -> list[tuple[str, str, str]]:
    """(file, code, the coded words) of `coder`'s codings."""
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    try:
        rows = conn.execute(
            "SELECT t.path, c.code, s.text, c.start, c.end FROM codings c "
            "JOIN transcripts t ON t.id = c.transcript_id JOIN segments s "
            "ON s.transcript_id = c.transcript_id AND s.idx = c.segment WHERE c.coder = ? "
            "ORDER BY t.path, c.segment, c.code",
            (coder,),
        ).fetchall()
    finally:
        conn.close()
    return [(p, code, text[a:b]) for p, code, text, a, b in rows]


def test_highlights_become_codings_on_their_words(project: Path) -> None:
    study(project)
    f = highlights(
        project / "all_tags.csv",
        [
            # Taguette's plain text: paragraphs joined by a space, the speaker's label kept.
            ["4", "Tuin Saskia", "trust.not_acquainted", "kenden we elkaar niet.  Er waren"],
            ["6", "Tuin Saskia", "Vertrouwen.Vertrouwen door bijdragen", "Dat gaf vertrouwen"],
            ["6", "Tuin Saskia", "sfeer.koffie", "Dat gaf vertrouwen"],
            ["9", "cafe_tom", "competition", "booking rules for the hall."],
        ],
    )
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [
        ("cafe_tom.txt", "competition", "booking rules for the hall."),
        ("tuin_saskia.txt", "trust.not_acquainted", "kenden we elkaar niet. Er waren"),
        ("tuin_saskia.txt", "sfeer.koffie", "Dat gaf vertrouwen"),
        ("tuin_saskia.txt", "trust.built", "Dat gaf vertrouwen"),
    ]
    assert "placed 3 of 3 highlights in 2 transcripts: 4 codings by taguette" in out
    assert "added 2 codes to codebook.yaml: sfeer, sfeer.koffie" in out


def test_new_codes_are_added_to_the_codebook_keeping_its_layout(project: Path) -> None:
    study(project)
    before = (project / "codebook.yaml").read_text(encoding="utf-8")
    f = highlights(
        project / "h.csv",
        [
            ["1", "tuin_saskia", "trust.Sleutel van het schuurtje", "de sleutel van het schuurtje"],
            ["2", "tuin_saskia", "Sfeer.Koffie", "De koffie op zaterdag."],
        ],
    )
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    after = (project / "codebook.yaml").read_text(encoding="utf-8")
    for line in before.splitlines():
        assert line in after.splitlines()
    assert (
        "      - id: sleutel_van_het_schuurtje\n        label: Sleutel van het schuurtje\n" in after
    )
    assert after.endswith(
        "  - id: sfeer\n    label: Sfeer\n    codes:\n      - id: koffie\n        label: Koffie\n"
    )
    code, out = invoke_cli("codebook", "check")
    assert code == 0, out
    assert {c for _, c, _ in person_codings(project)} == {
        "trust.sleutel_van_het_schuurtje",
        "sfeer.koffie",
    }


def test_highlights_not_placed_are_named_one_line_per_document(project: Path) -> None:
    study(project)
    f = highlights(
        project / "h.csv",
        [
            ["1", "tuin_saskia", "trust", "Via de buurvrouw."],
            ["2", "tuin_saskia", "trust", "Dit zei niemand in dit interview."],
            ["3", "tuin_saskia", "trust", "En de andere tuinders?"],
            ["4", "cafe_tom", "", "A friend took me along"],
            ["5", "interview_eva", "trust", "Ik kende niemand."],
        ],
    )
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    lines = out.splitlines()
    assert (
        "lernet: 'tuin_saskia': 2 highlights not placed: #2 'Dit zei niemand in dit "
        "interview.' (its words are not in the transcript); #3 'En de andere tuinders?' (only "
        "the interviewer's words)"
    ) in lines
    assert (
        "lernet: 'cafe_tom': 1 highlight not placed: #4 'A friend took me along' (no tag)" in lines
    )
    assert any(
        line.startswith("lernet: 'interview_eva': no transcript of this name") for line in lines
    )
    assert "placed 1 of 5 highlights" in out


def test_a_highlight_over_a_question_codes_only_the_answers(project: Path) -> None:
    study(project)
    f = highlights(
        project / "h.csv",
        [
            [
                "1",
                "tuin_saskia",
                "trust",
                "Er waren vaste groepjes. Interviewer: Wanneer veranderde "
                "dat? Saskia: Toen ik de sleutel",
            ]
        ],
    )
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [
        ("tuin_saskia.txt", "trust", "Er waren vaste groepjes."),
        ("tuin_saskia.txt", "trust", "Toen ik de sleutel"),
    ]
    assert "1 highlight also held the interviewer's words" in out


def test_words_that_stand_twice_go_where_taguettes_order_puts_them(project: Path) -> None:
    study(project)
    f = highlights(
        project / "h.csv",
        [
            ["1", "tuin_saskia", "trust", "De koffie op zaterdag."],
            ["2", "tuin_saskia", "competition", "koffie"],
        ],
    )
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    (start,) = conn.execute("SELECT start FROM codings WHERE code = 'competition'").fetchone()
    conn.close()
    assert start == TUIN.splitlines()[-1].index("koffie") - len("Saskia: ")


def test_a_bad_file_stores_nothing(project: Path) -> None:
    study(project)
    good = highlights(project / "good.csv", [["1", "tuin_saskia", "trust", "Via de buurvrouw."]])
    bad = project / "bad.csv"
    bad.write_text("id,doc,tag\n1,tuin_saskia,trust\n", encoding="utf-8")
    store, book = dump_store(project), (project / "codebook.yaml").read_bytes()
    code, out = invoke_cli("import", "taguette", str(good), str(bad))
    assert code == 2
    assert out.strip().splitlines() == [
        f"lernet: error: {bad}:1: not Taguette's highlights: no document, content column "
        "(Taguette writes id, document, tag, content; this file has id, doc, tag)"
    ]
    assert dump_store(project) == store
    assert (project / "codebook.yaml").read_bytes() == book


def test_a_codebook_csv_or_a_workbook_is_named_for_what_it_is(project: Path) -> None:
    study(project)
    cb = project / "codebook.csv"
    cb.write_text("tag,description,number of highlights,number of documents\nx,,1,1\n")
    code, out = invoke_cli("import", "taguette", str(cb))
    assert code == 2 and "a Taguette codebook, not its highlights" in out
    docx = project / "h.docx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    code, out = invoke_cli("import", "taguette", str(docx))
    assert code == 2 and "a Word file: in Taguette export the highlights as CSV or Excel" in out


def test_importing_again_adds_nothing_and_the_coder_is_named(project: Path) -> None:
    study(project)
    f = highlights(project / "h.csv", [["1", "tuin_saskia", "trust", "Via de buurvrouw."]])
    code, out = invoke_cli("import", "taguette", str(f), "--coder", "Ineke")
    assert code == 0, out
    before = dump_store(project)
    code, out = invoke_cli("import", "taguette", str(f), "--coder", "Ineke")
    assert code == 0, out
    assert "0 codings by Ineke (1 there already)" in out
    assert dump_store(project) == before
    assert person_codings(project, "Ineke") == [("tuin_saskia.txt", "trust", "Via de buurvrouw.")]
    code, out = invoke_cli("import", "taguette", str(f), "--coder", "auto")
    assert code == 2


def test_an_excel_copy_with_semicolons_and_windows_letters_is_read(project: Path) -> None:
    (project / "cafe_tom.txt").write_text(
        CAFE.replace("lamp broke", "lamp broke at the café — “fixed” now"), encoding="utf-8"
    )
    code, out = invoke_cli("code", "cafe_tom.txt")
    assert code == 0, out
    f = highlights(
        project / "h.csv",
        [["1", "cafe_tom", "trust", 'the café - "fixed" now']],
        delimiter=";",
        enc="cp1252",
    )
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [("cafe_tom.txt", "trust", "the café — “fixed” now")]


def test_imported_codings_stay_when_the_file_is_coded_again(project: Path) -> None:
    study(project)
    f = highlights(project / "h.csv", [["1", "cafe_tom", "trust", "the booking rules"]])
    assert invoke_cli("import", "taguette", str(f))[0] == 0
    (project / "cafe_tom.txt").write_text(CAFE.replace("The council", "Oh, the council"))
    code, out = invoke_cli("code", "cafe_tom.txt")
    assert code == 0, out
    assert person_codings(project) == [("cafe_tom.txt", "trust", "the booking rules")]


def test_the_codebook_goes_to_taguette_and_its_tags_come_back_as_the_same_codes(
    project: Path,
) -> None:
    study(project)
    out_csv = project / "voor_taguette.csv"
    code, out = invoke_cli("export", "taguette", str(out_csv))
    assert code == 0, out
    data = out_csv.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["tag", "description", "number of highlights", "number of documents"]
    tags = [r[0] for r in rows[1:]]
    assert "Vertrouwen.Elkaar nog niet goed kennen" in tags
    assert "Belangenbalans.Kennis" in tags
    # A colleague highlights under those tags in Taguette and exports: the same codes here.
    book = (project / "codebook.yaml").read_bytes()
    f = highlights(
        project / "h.csv",
        [["1", "tuin_saskia", "Vertrouwen.Elkaar nog niet goed kennen", "kenden we elkaar niet"]],
    )
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [
        ("tuin_saskia.txt", "trust.not_acquainted", "kenden we elkaar niet")
    ]
    assert (project / "codebook.yaml").read_bytes() == book
    code, out = invoke_cli("export", "taguette", str(project / "codebook.txt"))
    assert code == 2 and "name it codebook.csv" in out


def test_a_codebook_from_taguettes_qdc_takes_the_tags_by_their_whole_path(project: Path) -> None:
    """Taguette's .qdc names each tag by its path, flat: `codebook import` gives a code labelled
    `sfeer.koffie`, and a highlight under that tag is that code's, not a new one."""
    book = project / "codebook.yaml"
    book.write_text(
        book.read_text(encoding="utf-8") + "  - id: sfeer_koffie\n    label: sfeer.koffie\n",
        encoding="utf-8",
    )
    study(project)
    before = book.read_bytes()
    f = highlights(project / "h.csv", [["1", "tuin_saskia", "sfeer.koffie", "De koffie"]])
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [("tuin_saskia.txt", "sfeer_koffie", "De koffie")]
    assert book.read_bytes() == before


def test_a_highlight_with_the_files_timestamps_and_labels_is_placed(project: Path) -> None:
    """Taguette shows the file's lines as they are, `[00:00:20] Interviewer:` included; the
    stored turns keep the time and the speaker apart from the words."""
    (project / "ts_anna.txt").write_text(
        "[00:00:05] Interviewer: Hoe begon het?\n"
        "[00:00:09] Anna: Met een folder over de voedselbank.\n"
        "[00:00:20] Interviewer: En toen?\n"
        "[00:00:24] Anna: Toen liep ik op een dinsdag binnen.\n",
        encoding="utf-8",
    )
    assert invoke_cli("code", "ts_anna.txt")[0] == 0
    f = highlights(
        project / "h.csv",
        [
            [
                "1",
                "ts_anna",
                "trust",
                "over de voedselbank. [00:00:20] Interviewer: En toen? [00:00:24] Anna: Toen liep",
            ]
        ],
    )
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [
        ("ts_anna.txt", "trust", "over de voedselbank."),
        ("ts_anna.txt", "trust", "Toen liep"),
    ]


def test_taguettes_codebook_csv_becomes_a_nested_codebook(tmp_path: Path) -> None:
    src = tmp_path / "taguette_codebook.csv"
    src.write_text(
        "tag,description,number of highlights,number of documents\n"
        "sfeer,Hoe het voelt in de tuin,0,0\n"
        "sfeer.koffie,Samen koffie drinken,3,2\n"
        "regels.water,Afspraken over de kraan,1,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "codebook.yaml"
    code, said = invoke_cli("codebook", "import", str(src), "-o", str(out))
    assert code == 0, said
    from lernet_cli.codebook.codebook import parse_codebook

    book = parse_codebook(out)
    assert not book.problems
    assert [(c.id, c.label("nl"), c.description) for c in book.walk()] == [
        ("sfeer", "sfeer", "Hoe het voelt in de tuin"),
        ("sfeer.koffie", "koffie", "Samen koffie drinken"),
        ("regels", "regels", ""),
        ("regels.water", "water", "Afspraken over de kraan"),
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("title,text\nx,y\n", encoding="utf-8")
    code, said = invoke_cli("codebook", "import", str(bad), "-o", str(tmp_path / "b.yaml"))
    assert code == 4
    assert f"{bad}: no header row found" in said
    assert (
        "(Taguette's codebook CSV has tag, description); the table begins with title | text" in said
    )
    assert not (tmp_path / "b.yaml").exists()


def test_a_name_two_transcripts_share_takes_the_one_holding_the_words(project: Path) -> None:
    for wave, words in (("golf 1", "Het ging traag en voorzichtig."), ("golf 2", "Het ging snel.")):
        (project / wave).mkdir()
        (project / wave / "p01.txt").write_text(f"I: Hoe ging het?\nR: {words}\n", "utf-8")
    assert invoke_cli("code", "golf 1", "golf 2")[0] == 0
    f = highlights(
        project / "h.csv",
        [
            ["1", "p01", "trust", "ging snel"],
            ["2", "p01", "trust", "Het ging"],
            ["3", "golf 1/p01", "competition", "Het ging"],
        ],
    )
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [
        ("golf 1/p01.txt", "competition", "Het ging"),
        ("golf 2/p01.txt", "trust", "ging snel"),
    ]
    assert (
        "lernet: 'p01': the name of 2 transcripts (golf 1/p01.txt, golf 2/p01.txt): 1 "
        "highlight not placed, their words in none of them or in more than one"
    ) in out


def test_two_codes_of_one_label_are_two_tags_for_taguette(project: Path) -> None:
    book = project / "codebook.yaml"
    book.write_text(
        book.read_text(encoding="utf-8")
        + "  - id: sfeer\n    label: Sfeer.Goed\n    codes:\n"
        + "      - id: koffie\n        label: Koffie\n"
        + "      - id: thee\n        label: Koffie\n",
        encoding="utf-8",
    )
    out_csv = project / "t.csv"
    code, out = invoke_cli("export", "taguette", str(out_csv))
    assert code == 0, out
    tags = [r[0] for r in csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig")))]
    assert tags[-3:] == ["Sfeer Goed", "Sfeer Goed.Koffie", "Sfeer Goed.Koffie (thee)"]


def xlsx(path: Path, rows: list[list[str]]) -> Path:
    """A workbook as Taguette's Excel export writes one: shared strings, one sheet."""
    strings: list[str] = []
    cells = []
    for r, row in enumerate(rows, 1):
        out = []
        for c, value in enumerate(row):
            strings.append(value)
            out.append(f'<c r="{"ABCD"[c]}{r}" t="s"><v>{len(strings) - 1}</v></c>')
        cells.append(f'<row r="{r}">{"".join(out)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "xl/sharedStrings.xml",
            f"<sst {ns}>" + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>",
        )
        zf.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {ns}><sheetData>{''.join(cells)}</sheetData></worksheet>",
        )
    return path


def test_taguettes_excel_export_of_the_highlights_is_read(project: Path) -> None:
    study(project)
    f = xlsx(
        project / "highlights.xlsx",
        [
            ["id", "document", "tag", "content"],
            ["1", "tuin_saskia", "trust", "Via de buurvrouw."],
            ["1", "tuin_saskia", "competition", "Via de buurvrouw."],
            ["2", "cafe_tom", "trust", "the booking rules"],
        ],
    )
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [
        ("cafe_tom.txt", "trust", "the booking rules"),
        ("tuin_saskia.txt", "competition", "Via de buurvrouw."),
        ("tuin_saskia.txt", "trust", "Via de buurvrouw."),
    ]


def test_a_tag_yaml_would_read_as_a_yes_becomes_a_code_of_that_name(project: Path) -> None:
    study(project)
    f = highlights(project / "h.csv", [["1", "tuin_saskia", "Yes", "Via de buurvrouw."]])
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert '  - id: "yes"\n    label: "Yes"\n' in (project / "codebook.yaml").read_text("utf-8")
    assert person_codings(project) == [("tuin_saskia.txt", "yes", "Via de buurvrouw.")]
    assert invoke_cli("codebook", "check")[0] == 0


def test_one_file_per_tag_each_keeps_its_own_order(project: Path) -> None:
    """Taguette's export of one tag lists that tag's highlights in the order they stand: a
    second file starts again at the document's beginning."""
    study(project)
    first = highlights(project / "sfeer.csv", [["7", "tuin_saskia", "trust", "ook de koffie"]])
    second = highlights(project / "drinken.csv", [["2", "tuin_saskia", "competition", "koffie"]])
    code, out = invoke_cli("import", "taguette", str(first), str(second))
    assert code == 0, out
    assert "placed 2 of 2 highlights" in out
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    (start,) = conn.execute("SELECT start FROM codings WHERE code = 'competition'").fetchone()
    conn.close()
    assert start == len("De ")


def test_a_highlight_goes_to_its_words_in_their_case(project: Path) -> None:
    """Taguette's text is the document's own: `de koffie` is the one at the end of the turn, not
    the `De koffie` that starts it."""
    study(project)
    f = highlights(project / "h.csv", [["1", "tuin_saskia", "trust", "de koffie"]])
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [("tuin_saskia.txt", "trust", "de koffie")]


def test_an_empty_level_of_a_tag_path_is_none(project: Path) -> None:
    study(project)
    f = highlights(project / "h.csv", [["1", "tuin_saskia", "sfeer..koffie.", "De koffie"]])
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [("tuin_saskia.txt", "sfeer.koffie", "De koffie")]


def test_a_codebook_that_cannot_be_written_leaves_the_store_as_it_was(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lernet_cli.project import ownfiles

    study(project)
    store, book = dump_store(project), (project / "codebook.yaml").read_bytes()

    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ownfiles, "write_in_place", refuse)
    f = highlights(project / "h.csv", [["1", "tuin_saskia", "sfeer", "De koffie"]])
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 3
    assert (
        out.strip()
        == f"lernet: error: {project / 'codebook.yaml'}: cannot write: Permission denied"
    )
    assert dump_store(project) == store
    assert (project / "codebook.yaml").read_bytes() == book
    assert not list((project / ".lernet" / "backups").glob("codebook-*"))


def taguette_db(path: Path, nested: bool = False) -> Path:
    """Taguette's own project database, its tables as Taguette makes them (the columns lernet
    reads and a few beside them), the documents as the HTML Taguette converts them to."""
    conn = sqlite3.connect(path)
    parent = ", parent_id INTEGER" if nested else ""
    conn.executescript(
        "CREATE TABLE projects (id INTEGER PRIMARY KEY, name TEXT, description TEXT);"
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT, description TEXT, "
        "filename TEXT, project_id INTEGER, contents TEXT);"
        "CREATE TABLE highlights (id INTEGER PRIMARY KEY, document_id INTEGER, "
        "start_offset INTEGER, end_offset INTEGER, snippet TEXT);"
        f"CREATE TABLE tags (id INTEGER PRIMARY KEY, project_id INTEGER, path TEXT, "
        f"description TEXT{parent});"
        "CREATE TABLE highlight_tags (highlight_id INTEGER, tag_id INTEGER);"
    )
    conn.execute("INSERT INTO projects VALUES (1, 'Moestuin', '')")
    conn.execute(
        "INSERT INTO documents VALUES (1, 'Tuin Saskia', '', 'tuin_saskia.txt', 1, ?)",
        ("".join(f"<p>{line}</p>" for line in TUIN.splitlines()),),
    )
    conn.execute("INSERT INTO documents VALUES (2, 'cafe_tom', '', 'cafe_tom.txt', 1, '')")
    if nested:
        tags = [(1, "trust", None), (2, "not_acquainted", 1), (3, "Sfeer", None), (4, "Koffie", 3)]
        conn.executemany("INSERT INTO tags VALUES (?, 1, ?, '', ?)", tags)
    else:
        tags = [(2, "trust.not_acquainted"), (4, "Sfeer.Koffie"), (5, "competition")]
        conn.executemany("INSERT INTO tags VALUES (?, 1, ?, '')", tags)
    conn.executemany(
        "INSERT INTO highlights VALUES (?, ?, ?, ?, ?)",
        [
            # a second highlight of the same words, earlier in the list but later in the text
            (7, 1, 400, 420, "ook de <b>koffie</b>."),
            (3, 1, 200, 230, "kenden we elkaar niet.</p><p>Er waren"),
            (9, 2, 150, 170, "booking rules for the hall."),
            (8, 1, 380, 390, "De koffie op zaterdag."),
        ],
    )
    conn.executemany(
        "INSERT INTO highlight_tags VALUES (?, ?)",
        [(3, 2), (8, 4), (7, 4)] + ([] if nested else [(9, 5)]),
    )
    conn.commit()
    conn.close()
    return path


def test_taguettes_project_database_is_read(project: Path) -> None:
    study(project)
    db = taguette_db(project / "2026-11-30_tuin.sqlite3")
    before = db.read_bytes()
    code, out = invoke_cli("import", "taguette", str(db))
    assert code == 0, out
    assert person_codings(project) == [
        ("cafe_tom.txt", "competition", "booking rules for the hall."),
        ("tuin_saskia.txt", "trust.not_acquainted", "kenden we elkaar niet. Er waren"),
        ("tuin_saskia.txt", "sfeer.koffie", "De koffie op zaterdag."),
        ("tuin_saskia.txt", "sfeer.koffie", "ook de koffie."),
    ]
    assert "placed 4 of 4 highlights in 2 transcripts: 4 codings by taguette" in out
    assert db.read_bytes() == before  # Taguette's file is only read


def test_a_taguette_that_nests_tags_gives_nested_codes(project: Path) -> None:
    study(project)
    code, out = invoke_cli("import", "taguette", str(taguette_db(project / "t.sqlite3", True)))
    assert code == 0, out
    assert {c for _, c, _ in person_codings(project)} == {"trust.not_acquainted", "sfeer.koffie"}


def test_an_sqlite_file_that_is_not_taguettes_is_named_for_what_it_is(project: Path) -> None:
    study(project)
    db = project / "other.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE highlights (id INTEGER, snippet TEXT)")
    conn.commit()
    conn.close()
    store = dump_store(project)
    code, out = invoke_cli("import", "taguette", str(db))
    assert code == 2
    assert out.strip() == (
        f"lernet: error: {db}: an SQLite database, but not Taguette's: no documents, tags, "
        "highlight_tags table (import Taguette's project file, or its highlights exported as "
        "CSV or Excel)"
    )
    assert dump_store(project) == store


def test_taguettes_qdc_nests_its_tags_at_their_dots(project: Path, tmp_path: Path) -> None:
    """Taguette's .qdc names each tag by its whole path, flat: the codebook nests them, as from
    its codebook CSV, and highlights under those tags are those codes'."""
    qdc = tmp_path / "taguette.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook origin="Taguette 1.4.1"><Codes>'
        '<Code guid="51B2B2B7-0000-5000-8000-000000000001" name="Sfeer.Koffie" isCodable="true"/>'
        '<Code guid="51B2B2B7-0000-5000-8000-000000000002" name="Sfeer" isCodable="true"/>'
        "</Codes><Sets/></CodeBook>",
        encoding="utf-8",
    )
    args = ["codebook", "import", str(qdc), "-o", str(project / "codebook.yaml"), "--force"]
    code, out = invoke_cli(*args)
    assert code == 0, out
    book = (project / "codebook.yaml").read_text(encoding="utf-8")
    assert (
        "- id: sfeer\n  label: Sfeer\n  guid: 51B2B2B7-0000-5000-8000-000000000002\n  codes:\n"
        "  - id: koffie\n    label: Koffie\n    guid: 51B2B2B7-0000-5000-8000-000000000001\n"
    ) in book
    study(project)
    f = highlights(project / "h.csv", [["1", "tuin_saskia", "Sfeer.Koffie", "De koffie"]])
    code, out = invoke_cli("import", "taguette", str(f))
    assert code == 0, out
    assert person_codings(project) == [("tuin_saskia.txt", "sfeer.koffie", "De koffie")]
    assert (project / "codebook.yaml").read_text(encoding="utf-8") == book

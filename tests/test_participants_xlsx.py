"""A participants list kept in Excel (.xlsx) is read as its CSV would be: the same columns and
aliases, variables and one-line errors (naming the sheet and row), found by the same names; the
cells as Excel shows them (001 under the format 000, dates as ISO, a formula's result); a title
above the header, empty and hidden rows, merged cells, several sheets. An .xls, an .ods or a
workbook encrypted with a password is one line saying what to do."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.errors import ParticipantsError
from lernet_cli.project.participants import (
    find_participants_file,
    likely_participants_files,
    load_participants,
)
from lernet_cli.readers.workbook import shown_as

from .conftest import dump_store
from .test_import_other_tools import invoke_cli as import_cli
from .test_import_other_tools import study  # noqa: F401  (a fixture)

runner = CliRunner()


@dataclass
class Num:
    """A number cell, in the cell style `style` (whose format is `formats[style - 1]`)."""

    value: float
    style: int = 0


@dataclass
class Formula:
    """A formula cell with the result Excel cached: text (t="str") or a number."""

    formula: str
    result: str
    text: bool = True


Cell = str | int | Num | Formula | None
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _column(c: int) -> str:
    return chr(65 + c)


def xlsx(
    path: Path,
    sheets: dict[str, list[list[Cell]]],
    formats: tuple[str, ...] = (),
    merged: tuple[str, ...] = (),
    hidden_rows: tuple[int, ...] = (),
    hidden_columns: tuple[int, ...] = (),
    hidden_sheets: tuple[str, ...] = (),
) -> Path:
    """A workbook as Excel writes one: shared strings, empty cells left out, number formats by
    style, and (in every sheet) the merged ranges, hidden rows (by number) and columns (from 1)."""
    strings: list[str] = []
    book, rels = [], []
    with zipfile.ZipFile(path, "w") as zf:
        for n, (name, rows) in enumerate(sheets.items(), 1):
            xml_rows = []
            for r, row in enumerate(rows, 1):
                cells = []
                for c, value in enumerate(row):
                    ref = f"{_column(c)}{r}"
                    if isinstance(value, Num):
                        cells.append(f'<c r="{ref}" s="{value.style}"><v>{value.value}</v></c>')
                    elif isinstance(value, Formula):
                        kind = ' t="str"' if value.text else ""
                        cells.append(
                            f'<c r="{ref}"{kind}><f>{escape(value.formula)}</f>'
                            f"<v>{escape(value.result)}</v></c>"
                        )
                    elif isinstance(value, int):
                        cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                    elif value:
                        strings.append(value)
                        cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
                hide = ' hidden="1"' if r in hidden_rows else ""
                xml_rows.append(f'<row r="{r}"{hide}>{"".join(cells)}</row>')
            cols = "".join(f'<col min="{c}" max="{c}" hidden="1"/>' for c in hidden_columns)
            zf.writestr(
                f"xl/worksheets/sheet{n}.xml",
                f"<worksheet {NS}>"
                + (f"<cols>{cols}</cols>" if cols else "")
                + f"<sheetData>{''.join(xml_rows)}</sheetData>"
                + (
                    "<mergeCells>"
                    + "".join(f'<mergeCell ref="{ref}"/>' for ref in merged)
                    + "</mergeCells>"
                    if merged
                    else ""
                )
                + "</worksheet>",
            )
            state = ' state="hidden"' if name in hidden_sheets else ""
            book.append(f'<sheet name="{escape(name)}" sheetId="{n}"{state} r:id="rId{n}"/>')
            rels.append(f'<Relationship Id="rId{n}" Target="worksheets/sheet{n}.xml" Type="x"/>')
        zf.writestr(
            "xl/workbook.xml", f"<workbook {NS} {RNS}><sheets>{''.join(book)}</sheets></workbook>"
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>",
        )
        zf.writestr(
            "xl/sharedStrings.xml",
            f"<sst {NS}>" + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>",
        )
        zf.writestr(
            "xl/styles.xml",
            f"<styleSheet {NS}><numFmts>"
            + "".join(
                f'<numFmt numFmtId="{164 + i}" formatCode="{escape(f, {chr(34): "&quot;"})}"/>'
                for i, f in enumerate(formats)
            )
            + '</numFmts><cellXfs><xf numFmtId="0"/>'
            + "".join(f'<xf numFmtId="{164 + i}"/>' for i in range(len(formats)))
            + "</cellXfs></styleSheet>",
        )
    return path


CSV = (
    "id;groep;naam;organisatie;bestand;sector\r\n"
    "D04;bedrijf;Jef Van den Broeck;Staalwerken Dender;*Broeck*;metaal\r\n"
    "D05;bedrijf;Annelies Peeters;Bakkerij Peeters;*Peeters*;voeding\r\n"
    ";;Rik Claes;;;\r\n"
)
ROWS: list[list[Cell]] = [
    [cell or None for cell in line.split(";")] for line in CSV.strip().split("\r\n")
]


def test_a_workbook_is_read_as_its_csv(tmp_path: Path) -> None:
    (tmp_path / "deelnemers.csv").write_bytes(CSV.encode("utf-8"))
    from_csv = load_participants(tmp_path / "deelnemers.csv")
    book = load_participants(xlsx(tmp_path / "deelnemers.xlsx", {"Blad1": ROWS}))
    assert book.people == from_csv.people
    assert book.variable_names == from_csv.variable_names == ["sector"]
    assert book.other_names == from_csv.other_names == ["Rik Claes"]
    assert book.people["D04"].names == ["Jef Van den Broeck"]
    assert book.notes == []  # one sheet: nothing to say about which


def test_what_excel_users_do_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    rows: list[list[Cell]] = [
        ["Deelnemers onderzoek buurtzorg, versie 3"],  # a title above the header
        [],
        ["ID", "Groep", "Namen", "Interviewdatum", "Leeftijd", "Regio"],
        [Num(1, 1), "zorg", "Fatima El Amrani; Fatima", Num(45356, 2), Num(41), "Noord"],
        [],  # an empty row between
        [Num(2, 1), None, "Joost Smit\nJoost", Num(45357.5, 3), Formula("B4", "41", False)],
        [Num(3, 3), Formula('"be"&"leid"', "beleid"), "Anna de Wit", None, None, "Zuid"],
    ]
    path = xlsx(
        tmp_path / "deelnemers.xlsx",
        {"Blad1": rows},
        formats=("000", "yyyy-mm-dd", '"P"00'),
        merged=("B4:B6",),  # the group written once for two people
        hidden_rows=(6,),
        hidden_columns=(6,),
    )
    people = load_participants(path).people
    assert list(people) == ["001", "002", "P03"]
    assert people["001"].names == ["Fatima El Amrani", "Fatima"]
    assert people["002"].names == ["Joost Smit", "Joost"]  # Alt+Enter within the cell
    assert people["002"].group == "zorg"  # merged over its row, which is hidden: still read
    assert people["001"].variables == {
        "Interviewdatum": "2024-03-05",
        "Leeftijd": "41",
        "Regio": "Noord",
    }
    assert people["002"].variables["Leeftijd"] == "41"  # a formula: its result
    assert people["P03"].group == "beleid"
    assert people["P03"].variables == {"Regio": "Zuid"}  # a hidden column: still read


def test_cells_as_excel_shows_them() -> None:
    assert shown_as("7", "n", "000") == "007"
    assert shown_as("7", "n", '"R"000') == "R007"
    assert shown_as("1.1", "n", "0.00") == "1.10"
    assert shown_as("45356", "n", "d-mmm-yy") == "2024-03-05"
    assert shown_as("45356.75", "n", "[$-413]d mmmm yyyy h:mm") == "2024-03-05 18:00"
    assert shown_as("0.5", "n", "h:mm") == "12:00"
    assert shown_as("44000", "n", "yyyy-mm-dd", "1904") == "2024-06-19"
    assert shown_as("0.30000000000000004", "n", "General") == "0.3"
    assert shown_as("12.0", "str", "General") == "12.0"  # a formula's text stays as it is
    assert (shown_as("1", "b", "General"), shown_as("#N/A", "e", "General")) == ("TRUE", "#N/A")


def test_the_sheet_named_for_the_participants_is_read(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "onderzoek.xlsx",
        {
            "Toelichting": [["Lees dit eerst"], ["id", "uitleg"]],
            "Respondenten": [["id", "naam"], ["R1", "Mo Yilmaz"]],
            "Oud": [["id", "naam"], ["X1", "Hidden Sheet"]],
        },
        hidden_sheets=("Oud",),
    )
    people = load_participants(path)
    assert list(people.people) == ["R1"]
    assert people.notes == [
        "onderzoek.xlsx: read sheet Respondenten (the workbook has 3: Toelichting, "
        "Respondenten, Oud)"
    ]
    first = xlsx(
        tmp_path / "lijst.xlsx",
        {"Oud": [["id"], ["X1"]], "Blad1": [["id"], ["B1"]], "Blad2": [["id"], ["B2"]]},
        hidden_sheets=("Oud",),
    )
    assert list(load_participants(first).people) == ["B1"]  # the first visible sheet


def test_a_workbook_is_found_by_the_names_a_csv_is(tmp_path: Path) -> None:
    xlsx(tmp_path / "deelnemers.xlsx", {"Blad1": ROWS})
    (tmp_path / "~$deelnemers.xlsx").write_bytes(b"\x05jan" + bytes(160))  # open in Excel
    assert likely_participants_files([tmp_path]) == [tmp_path / "deelnemers.xlsx"]
    assert find_participants_file([tmp_path]) is None
    xlsx(tmp_path / "participants.xlsx", {"Blad1": ROWS})
    assert find_participants_file([tmp_path]) == tmp_path / "participants.xlsx"


def _ole(*streams: str) -> bytes:
    """The start of an OLE file (an .xls, or an encrypted workbook) naming its streams."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return head + b"".join(s.encode("utf-16-le") + bytes(2) for s in streams) + bytes(512)


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        (
            "deelnemers.xlsx",
            {"Blad1": [["Lijst"], ["nummer", "naam"], ["1", "Jef"]]},
            "deelnemers.xlsx: sheet Blad1: a participants sheet needs a header row with an "
            "id column",
        ),
        (
            "deelnemers.xlsx",
            {"Blad1": [["Lijst"], [], ["id", "naam"], [Num(4), "Jef"], ["x"], [], ["4", "An"]]},
            "deelnemers.xlsx: sheet Blad1, row 7: duplicate participant id '4' (row 4 has it too)",
        ),
        (
            "deelnemers.xlsx",
            {"Blad1": [["id", "naam"], ["D1", "Jef", "nog bellen"]]},
            "deelnemers.xlsx: sheet Blad1, row 2: 1 cell right of the header's last column "
            "('nog bellen')",
        ),
        (
            "deelnemers.xls",
            _ole("Workbook"),
            "deelnemers.xls: an Excel 97-2003 workbook (.xls), which lernet does not read: "
            "save it in Excel as .xlsx (Excel Workbook) or as CSV",
        ),
        (
            "deelnemers.xlsx",
            _ole("Workbook"),
            "deelnemers.xlsx: an Excel 97-2003 workbook (.xls) under another name",
        ),
        (
            "deelnemers.xlsx",
            _ole("EncryptionInfo", "EncryptedPackage"),
            "deelnemers.xlsx: the workbook is protected with a password, which encrypts it",
        ),
        ("deelnemers.ods", b"PK\x03\x04", "deelnemers.ods: an OpenDocument spreadsheet (.ods)"),
    ],
)
def test_a_bad_workbook_is_one_line_and_the_store_as_it_was(
    project: Path, name: str, content: dict[str, list[list[Cell]]] | bytes, said: str
) -> None:
    (project / "good.txt").write_text("I: Ken je ze?\nR: We kennen elkaar niet.\n")
    assert runner.invoke(app, ["code", "good.txt"]).exit_code == 0
    before = dump_store(project)
    path = project / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        xlsx(path, content)
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"participants: {name}\n")
    result = runner.invoke(app, ["code", "good.txt"])
    assert result.exit_code == ParticipantsError.exit_code, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert said in result.stderr
    assert dump_store(project) == before


def test_a_name_in_the_workbook_is_hidden_and_its_group_counted(project: Path) -> None:
    rows: list[list[Cell]] = [
        ["Deelnemers"],
        ["id", "groep", "naam", "bestand"],
        [Num(4, 1), "bedrijf", "Jef Van den Broeck\nJef", "*Broeck*"],
        [Num(5, 1), "gemeente", "Annelies Peeters", "*Peeters*"],
    ]
    xlsx(project / "deelnemers.xlsx", {"Blad1": rows}, formats=("000",))
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.xlsx\n")
    (project / "Interview Broeck.txt").write_text(
        "I: Kent u de anderen?\nR: Jef hier: we kennen elkaar nog niet goed.\n", encoding="utf-8"
    )
    (project / "Interview Peeters.txt").write_text(
        "I: En u?\nR: Wij kennen elkaar ook nog niet goed.\n", encoding="utf-8"
    )
    coded = runner.invoke(app, ["code", "Interview Broeck.txt", "Interview Peeters.txt"])
    assert coded.exit_code == 0, coded.stderr
    quotes = runner.invoke(app, ["quotes", "--format", "json"])
    assert quotes.exit_code == 0, quotes.stderr
    assert "Jef" not in quotes.stdout and "kennen elkaar" in quotes.stdout
    assert {q["participant"] for q in json.loads(quotes.stdout)} == {"004", "005"}
    tally = runner.invoke(app, ["tally", "--by", "group", "--format", "csv"])
    assert tally.exit_code == 0, tally.stderr
    assert "bedrijf" in tally.stdout and "gemeente" in tally.stdout


def test_the_archives_people_are_printed_for_a_workbook_never_written(
    study: Path,  # noqa: F811
) -> None:
    config = study / "lernet.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "participants: participants.yaml", "participants: deelnemers.xlsx"
        ),
        encoding="utf-8",
    )
    (study / "participants.yaml").unlink()
    book = xlsx(
        study / "deelnemers.xlsx",
        {"Deelnemers": [["id", "groep"], ["GP01", "GP practice"], ["GP07", "GP practice"]]},
    )
    old = book.read_bytes()
    result = import_cli(["import", "qdpx", "../tom.qdpx", "--into", "."], cwd=study)
    assert result.exit_code == 0, result.output
    assert (
        "lernet: deelnemers.xlsx is an Excel workbook, which lernet does not write into: add "
        "the archive's 1 participant to it yourself, as these rows under the header of sheet "
        "Deelnemers "
        "(separated by tabs: pasted into Excel, each takes a cell of its own):\nid\tgroep\t"
    ) in result.stderr
    assert "\nPH08\t" in result.stderr and "\nGP07\t" not in result.stderr  # GP07 is in it
    assert book.read_bytes() == old
    assert not list((study / ".lernet" / "backups").glob("deelnemers-*"))


def test_a_workbook_named_on_the_command_line_is_the_runs_participants(project: Path) -> None:
    xlsx(project / "lijst.xlsx", {"Blad1": [["id", "groep", "naam"], ["D04", "bedrijf", "Jef"]]})
    (project / "D04.txt").write_text(
        "I: Kent u de anderen?\nR: Jef hier: we kennen elkaar nog niet goed.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["code", "lijst.xlsx", "D04.txt"])
    assert result.exit_code == 0, result.stderr
    quotes = runner.invoke(app, ["quotes", "--format", "json"])
    assert "Jef" not in quotes.stdout
    assert {q["group"] for q in json.loads(quotes.stdout)} == {"bedrijf"}

"""`lernet codebook import` of a codebook kept as a table: Word, Excel or CSV."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from lernet_cli.codebook.codebook import load_codebook

from .conftest import invoke_cli


def word(path: Path, parts: list[str | list[list[str]]]) -> Path:
    """A Word document of headings (a string) and tables (rows of cells)."""
    import docx

    doc = docx.Document()
    for part in parts:
        if isinstance(part, str):
            doc.add_heading(part, 2)
            continue
        table = doc.add_table(rows=len(part), cols=len(part[0]))
        for r, row in enumerate(part):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    doc.save(str(path))
    return path


Cell = str | float | tuple[float, int]
"""Text, a number, or a number with its cell style's index."""


def xlsx(
    path: Path,
    sheets: dict[str, list[list[Cell]]],
    merged: tuple[str, ...] = (),
    formats: tuple[str, ...] = (),
) -> Path:
    """A workbook with named sheets, as Excel writes one: shared strings, empty cells left out,
    the `merged` ranges (A2:A4) in each sheet; a number (1.1) as a number, and `(1.1, 1)` in the
    cell style 1, whose number format is `formats[0]` (style 0 is General)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    strings: list[str] = []
    book, rels = [], []
    with zipfile.ZipFile(path, "w") as zf:
        for n, (name, rows) in enumerate(sheets.items(), 1):
            xml_rows = []
            for r, row in enumerate(rows, 1):
                cells = []
                for c, value in enumerate(row):
                    if isinstance(value, tuple):
                        cells.append(
                            f'<c r="{chr(65 + c)}{r}" s="{value[1]}"><v>{value[0]}</v></c>'
                        )
                    elif isinstance(value, (int, float)):
                        cells.append(f'<c r="{chr(65 + c)}{r}"><v>{value}</v></c>')
                    elif value:
                        strings.append(value)
                        cells.append(f'<c r="{chr(65 + c)}{r}" t="s"><v>{len(strings) - 1}</v></c>')
                xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
            zf.writestr(
                f"xl/worksheets/sheet{n}.xml",
                f"<worksheet {ns}><sheetData>{''.join(xml_rows)}</sheetData>"
                + (
                    f'<mergeCells count="{len(merged)}">'
                    + "".join(f'<mergeCell ref="{ref}"/>' for ref in merged)
                    + "</mergeCells>"
                    if merged
                    else ""
                )
                + "</worksheet>",
            )
            book.append(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>')
            rels.append(f'<Relationship Id="rId{n}" Target="worksheets/sheet{n}.xml" Type="x"/>')
        zf.writestr(
            "xl/workbook.xml", f"<workbook {ns} {rns}><sheets>{''.join(book)}</sheets></workbook>"
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>",
        )
        zf.writestr(
            "xl/sharedStrings.xml",
            f"<sst {ns}>" + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>",
        )
        if formats:
            zf.writestr(
                "xl/styles.xml",
                f"<styleSheet {ns}><numFmts>"
                + "".join(
                    f'<numFmt numFmtId="{164 + i}" formatCode="{escape(f)}"/>'
                    for i, f in enumerate(formats)
                )
                + '</numFmts><cellXfs><xf numFmtId="0"/>'
                + "".join(f'<xf numFmtId="{164 + i}"/>' for i in range(len(formats)))
                + "</cellXfs></styleSheet>",
            )
    return path


def imported(tmp_path: Path, source: Path) -> tuple[dict[str, object], str]:
    out = tmp_path / "codebook.yaml"
    code, said = invoke_cli("codebook", "import", str(source), "-o", str(out))
    assert code == 0, said
    cb = load_codebook(out)
    assert not [p for p in cb.problems if p.severity == "error"]
    codes = {
        c.id: (c.label("nl"), c.description, c.include, c.exclude, c.examples) for c in cb.walk()
    }
    return {"language": cb.language, **codes}, said


def test_a_dutch_word_table_with_the_theme_written_once(tmp_path: Path) -> None:
    import docx

    source = word(
        tmp_path / "codeboek.docx",
        [
            [
                ["Thema", "Code", "Omschrijving", "Voorbeeld"],
                ["Belasting", "Tijdsdruk", "Te weinig tijd.", "“Ik kom nergens aan toe.”"],
                ["", "Emotionele belasting", "Zorgen.", "- Ik slaap slecht.\n- Ik pieker."],
                ["Steun", "Formele steun", "Professionals.", "n.v.t."],
                ["", "Informele steun", "Familie.", "Mijn zus helpt."],
            ]
        ],
    )
    # "Steun" merged over its two rows, as Word does it (the cell below is empty in the file)
    doc = docx.Document(str(source))
    doc.tables[0].cell(3, 0).merge(doc.tables[0].cell(4, 0)).text = "Steun"
    doc.save(str(source))
    got, said = imported(tmp_path, source)
    assert got == {
        "language": "nl",
        "belasting": ("Belasting", "", "", "", []),
        "belasting.tijdsdruk": (
            "Tijdsdruk",
            "Te weinig tijd.",
            "",
            "",
            ["Ik kom nergens aan toe."],
        ),
        "belasting.emotionele_belasting": (
            "Emotionele belasting",
            "Zorgen.",
            "",
            "",
            ["Ik slaap slecht.", "Ik pieker."],
        ),
        "steun": ("Steun", "", "", "", []),
        "steun.formele_steun": ("Formele steun", "Professionals.", "", "", []),
        "steun.informele_steun": ("Informele steun", "Familie.", "", "", ["Mijn zus helpt."]),
    }
    assert "(2 themes, 4 codes, 4 examples) without match rules" in said
    assert "`lernet code` codes nothing with it yet" in said
    assert "lernet suggest --all" in said


def test_numbered_codes_nest_and_inclusion_criteria_are_kept(tmp_path: Path) -> None:
    source = word(
        tmp_path / "codebook.docx",
        [
            [
                ["Code", "Definition", "Inclusion", "Exclusion", "Example quote"],
                ["1 Trust", "Trust between members.", "", "", ""],
                ["1.1 Early distance", "Not knowing each other.", "Also: rarely meet.", "", ""],
                ["1.1.1 New members", "", "", "Not: new clients.", "I'm new here."],
                ["2. Competition", "", "", "", ""],
                ["2.1 Protecting clients", "", "", "", "They might steal our clients."],
            ]
        ],
    )
    got, _ = imported(tmp_path, source)
    assert got == {
        "language": "en",
        "trust": ("Trust", "Trust between members.", "", "", []),
        "trust.early_distance": (
            "Early distance",
            "Not knowing each other.",
            "Also: rarely meet.",
            "",
            [],
        ),
        "trust.early_distance.new_members": (
            "New members",
            "",
            "",
            "Not: new clients.",
            ["I'm new here."],
        ),
        "competition": ("Competition", "", "", "", []),
        "competition.protecting_clients": (
            "Protecting clients",
            "",
            "",
            "",
            ["They might steal our clients."],
        ),
    }


def test_one_word_table_per_theme_under_its_heading(tmp_path: Path) -> None:
    header = ["Code", "Omschrijving", "Voorbeeld"]
    source = word(
        tmp_path / "codeboek.docx",
        [
            "Thema 1: Belasting",
            [header, ["Tijdsdruk", "Te weinig tijd.", "Ik kom nergens aan toe."]],
            "Thema 2: Steun",
            [header, ["Formele steun", "", ""], ["Informele steun", "Familie.", ""]],
        ],
    )
    got, _ = imported(tmp_path, source)
    assert list(got) == [
        "language",
        "belasting",
        "belasting.tijdsdruk",
        "steun",
        "steun.formele_steun",
        "steun.informele_steun",
    ]


def test_an_excel_workbook_with_a_sheet_per_theme(tmp_path: Path) -> None:
    header = ["Code", "Omschrijving", "In-/uitsluiting", "Voorbeeld", "Aantal"]
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {
            "Uitleg": [["Dit codeboek hoort bij het onderzoek naar mantelzorg."]],
            "Belasting": [
                ["Codeboek mantelzorg"],
                [],
                header,
                ["Tijdsdruk", "Te weinig tijd.", "Niet: werkdruk.", "Ik kom nergens aan toe.", "4"],
                ["", "", "", "Alles schiet erbij in.", ""],
            ],
            "Steun": [header, ["Formele steun", "Professionals.", "", "De thuiszorg komt.", "2"]],
        },
    )
    got, said = imported(tmp_path, source)
    assert got == {
        "language": "nl",
        "belasting": ("Belasting", "", "", "", []),
        "belasting.tijdsdruk": (
            "Tijdsdruk",
            "Te weinig tijd.\n\nIn-/uitsluiting: Niet: werkdruk.",
            "",
            "",
            ["Ik kom nergens aan toe.", "Alles schiet erbij in."],
        ),
        "steun": ("Steun", "", "", "", []),
        "steun.formele_steun": ("Formele steun", "Professionals.", "", "", ["De thuiszorg komt."]),
    }
    assert "left out the column 'Aantal'" in said


def test_a_short_code_beside_the_name_and_levels_in_columns(tmp_path: Path) -> None:
    source = xlsx(
        tmp_path / "codes.xlsx",
        {
            "Codes": [
                ["Code", "Label", "Definition"],
                ["T1", "Trust", "Between members."],
                ["T1.1", "Early distance", ""],
                ["C2", "Competition", ""],
            ]
        },
    )
    got, _ = imported(tmp_path, source)
    assert list(got) == ["language", "trust", "trust.early_distance", "competition"]
    # Excel's CSV in a Dutch Windows: ';' and Windows-1252; levels in columns, carried down
    csv = tmp_path / "codeboek.csv"
    csv.write_bytes(
        "Categorie;Code;Subcode;Definitie\r\nBelasting;;;Wat zwaar valt\r\n;Tijdsdruk;;\r\n"
        ";;Werk én zorg;Combineren\r\n".encode("cp1252")
    )
    (tmp_path / "codebook.yaml").unlink()
    got, _ = imported(tmp_path, csv)
    assert got["belasting.tijdsdruk.werk_en_zorg"] == ("Werk én zorg", "Combineren", "", "", [])
    assert got["belasting"] == ("Belasting", "Wat zwaar valt", "", "", [])


@pytest.mark.parametrize(
    ("name", "make", "said"),
    [
        (
            "codeboek.docx",
            lambda p: word(p, [[["Onderwerp", "Wat"], ["Belasting", "Te weinig tijd"]]]),
            "codeboek.docx: no header row found (looked for theme/thema/categorie, "
            "code/subcode/label/naam, description/omschrijving/definitie/beschrijving, "
            "example/voorbeeld/quote/citaat, inclusion/exclusion/in-/uitsluiting); the tables "
            "begin with table 1: Onderwerp | Wat",
        ),
        (
            "codeboek.docx",
            lambda p: word(p, ["Belasting"]),
            "codeboek.docx: no table in it",
        ),
        (
            "codeboek.docx",
            lambda p: word(p, [[["Thema", "Omschrijving"], ["", "Te weinig tijd"]]]),
            "codeboek.docx: table 1, row 2: text without a code (its Thema cell is empty",
        ),
        (
            "codeboek.csv",
            lambda p: p.write_text("Thema;Code;Omschrijving\n;;Te weinig tijd\n"),
            "codeboek.csv:2: text without a code (its Thema/Code cell is empty",
        ),
        (
            "codeboek.doc",
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"),
            "codeboek.doc: lernet reads a codebook table from .docx, .xlsx or .csv: save this "
            "Word 97-2003 file as .docx",
        ),
    ],
)
def test_a_table_lernet_cannot_read_is_one_line(
    tmp_path: Path, name: str, make: object, said: str
) -> None:
    source = tmp_path / name
    make(source)  # type: ignore[operator]
    code, out = invoke_cli("codebook", "import", str(source), "-o", str(tmp_path / "cb.yaml"))
    assert code != 0
    assert said in out
    assert len(out.strip().splitlines()) == 1
    assert not (tmp_path / "cb.yaml").exists()


def test_an_existing_codebook_is_not_overwritten(tmp_path: Path) -> None:
    source = word(tmp_path / "codeboek.docx", [[["Code", "Omschrijving"], ["Tijdsdruk", "x"]]])
    out = tmp_path / "codebook.yaml"
    out.write_text("mine\n")
    code, said = invoke_cli("codebook", "import", str(source), "-o", str(out))
    assert code != 0 and "already exists" in said
    assert out.read_text() == "mine\n"


def test_taguettes_codebook_csv_is_still_read_as_taguettes(tmp_path: Path) -> None:
    source = tmp_path / "taguette.csv"
    source.write_text(
        "tag,description,number of highlights,number of documents\ntrust.early,E,0,0\n"
    )
    got, _ = imported(tmp_path, source)
    assert list(got) == ["language", "trust", "trust.early"]


def test_codebook_test_says_an_imported_code_has_no_rules_yet(tmp_path: Path) -> None:
    source = word(
        tmp_path / "codeboek.docx",
        [[["Code", "Omschrijving", "Voorbeeld"], ["Tijdsdruk", "", "Ik kom nergens aan toe."]]],
    )
    imported(tmp_path, source)
    code, said = invoke_cli("codebook", "test", str(tmp_path / "codebook.yaml"))
    assert code == 1
    assert "[tijdsdruk] example not coded: Ik kom nergens aan toe. (the code has no match: " in said


def test_a_theme_in_a_row_across_the_word_table(tmp_path: Path) -> None:
    import docx

    rows = [
        ["Code", "Omschrijving", "Voorbeeld"],
        ["Thema 1: Belasting", "", ""],
        ["Tijdsdruk", "Te weinig tijd.", ""],
        ["Thema 2: Steun", "", ""],
        ["Formele steun", "", ""],
    ]
    source = word(tmp_path / "codeboek.docx", [rows])
    doc = docx.Document(str(source))
    for r in (1, 3):
        doc.tables[0].cell(r, 0).merge(doc.tables[0].cell(r, 2))
    doc.save(str(source))
    got, _ = imported(tmp_path, source)
    assert list(got) == [
        "language",
        "belasting",
        "belasting.tijdsdruk",
        "steun",
        "steun.formele_steun",
    ]


def test_short_codes_with_letters_stay_in_the_label_and_nest(tmp_path: Path) -> None:
    # a team's codebook: short codes (T1.2, 1.2a, K3) in a column of their own or before the name
    source = word(
        tmp_path / "codeboek.docx",
        [
            [
                ["Code", "Label", "Omschrijving"],
                ["1", "Belasting", "Wat zwaar valt."],
                ["1.2", "Tijdsdruk", "Te weinig tijd."],
                ["1.2a", "Werk en zorg", "Combineren."],
                ["K3", "Steun van buren", "Hulp uit de buurt."],
            ]
        ],
    )
    got, _ = imported(tmp_path, source)
    assert got == {
        "language": "nl",
        "belasting": ("Belasting", "Wat zwaar valt.", "", "", []),
        "belasting.tijdsdruk": ("Tijdsdruk", "Te weinig tijd.", "", "", []),
        "belasting.tijdsdruk.werk_en_zorg": ("1.2a Werk en zorg", "Combineren.", "", "", []),
        "steun_van_buren": ("K3 Steun van buren", "Hulp uit de buurt.", "", "", []),
    }
    source = word(
        tmp_path / "codeboek2.docx",
        [
            [
                ["Thema", "Code", "Omschrijving"],
                ["Belasting", "T1.1 Tijdsdruk", "Te weinig tijd."],
                ["", "T1.2: Emotionele belasting", "Zorgen."],
                ["", "K4", "Een code met alleen een korte naam."],
            ]
        ],
    )
    (tmp_path / "codebook.yaml").unlink()
    got, _ = imported(tmp_path, source)
    assert [(k, v[0]) for k, v in got.items() if k != "language"] == [  # type: ignore[index]
        ("belasting", "Belasting"),
        ("belasting.tijdsdruk", "T1.1 Tijdsdruk"),
        ("belasting.emotionele_belasting", "T1.2: Emotionele belasting"),
        ("belasting.k4", "K4"),
    ]
    # a short code column beside a theme column written once: the theme's row is its own
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {
            "Codes": [
                ["Nr", "Hoofdthema", "Code", "Definitie"],
                ["T1", "Belasting", "", "Wat zwaar valt."],
                ["T1.1", "", "Tijdsdruk", "Te weinig tijd."],
                ["T1.1a", "", "Schuldgevoel", "Schuld."],
            ]
        },
    )
    (tmp_path / "codebook.yaml").unlink()
    got, _ = imported(tmp_path, source)
    assert [(k, v[0]) for k, v in got.items() if k != "language"] == [  # type: ignore[index]
        ("belasting", "T1 Belasting"),
        ("belasting.tijdsdruk", "T1.1 Tijdsdruk"),
        ("belasting.tijdsdruk.schuldgevoel", "T1.1a Schuldgevoel"),
    ]


def test_cells_merged_over_rows_hold_for_each_row(tmp_path: Path) -> None:
    # a colleague's Excel sheet: the theme merged over its codes' rows, one description merged
    # over two codes, a theme in a row merged across the sheet
    rows = [
        ["Thema", "Code", "Omschrijving", "Voorbeeld"],
        ["Belasting", "Tijdsdruk", "Druk van tijd en zorgen.", "Ik kom nergens aan toe."],
        ["", "Emotionele belasting", "", "Ik slaap slecht."],
        ["", "Schuldgevoel", "Zich schuldig voelen.", ""],
        ["Netwerk", "", "", ""],
        ["", "Samenwerking", "Samen doen.", ""],
    ]
    source = xlsx(tmp_path / "codeboek.xlsx", {"Codes": rows}, ("A2:A4", "C2:C3", "A5:D5"))
    got, _ = imported(tmp_path, source)
    assert got == {
        "language": "nl",
        "belasting": ("Belasting", "", "", "", []),
        "belasting.tijdsdruk": (
            "Tijdsdruk",
            "Druk van tijd en zorgen.",
            "",
            "",
            ["Ik kom nergens aan toe."],
        ),
        "belasting.emotionele_belasting": (
            "Emotionele belasting",
            "Druk van tijd en zorgen.",
            "",
            "",
            ["Ik slaap slecht."],
        ),
        "belasting.schuldgevoel": ("Schuldgevoel", "Zich schuldig voelen.", "", "", []),
        "netwerk": ("Netwerk", "", "", "", []),
        "netwerk.samenwerking": ("Samenwerking", "Samen doen.", "", "", []),
    }
    # the same table in Word, the description merged as Word merges it (vMerge)
    import docx

    source = word(tmp_path / "codeboek.docx", [rows[:4]])
    doc = docx.Document(str(source))
    table = doc.tables[0]
    table.cell(1, 2).merge(table.cell(2, 2)).text = "Druk van tijd en zorgen."
    doc.save(str(source))
    (tmp_path / "codebook.yaml").unlink()
    got, _ = imported(tmp_path, source)
    assert got["belasting.emotionele_belasting"][1] == "Druk van tijd en zorgen."  # type: ignore[index]
    assert got["belasting.schuldgevoel"][1] == "Zich schuldig voelen."  # type: ignore[index]


def _in_content_control(el: object) -> None:
    """Wrap a Word element (a table, a row's cell, a paragraph) in a content control (w:sdt), as
    a template or form holds its fields."""
    from docx.oxml import OxmlElement

    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(OxmlElement("w:sdtPr"))
    el.addprevious(sdt)  # type: ignore[attr-defined]
    sdt.append(content)
    content.append(el)


def test_text_in_content_controls_is_read_in_its_place(tmp_path: Path) -> None:
    import docx

    rows = [
        ["Thema", "Code", "Omschrijving"],
        ["Belasting", "Tijdsdruk", "Te weinig tijd."],
        ["", "Emotionele belasting", "Zorgen."],
    ]
    source = word(tmp_path / "codeboek.docx", [rows])
    doc = docx.Document(str(source))
    tbl = doc.tables[0]._tbl
    _in_content_control(tbl.tr_lst[1].tc_lst[1])  # a cell in a control: columns kept in place
    _in_content_control(tbl.tr_lst[2].tc_lst[2].p_lst[0])  # a paragraph in a cell
    _in_content_control(tbl.tr_lst[2])  # a row
    _in_content_control(tbl)  # the whole table
    doc.save(str(source))
    got, _ = imported(tmp_path, source)
    assert got == {
        "language": "nl",
        "belasting": ("Belasting", "", "", "", []),
        "belasting.tijdsdruk": ("Tijdsdruk", "Te weinig tijd.", "", "", []),
        "belasting.emotionele_belasting": ("Emotionele belasting", "Zorgen.", "", "", []),
    }


def _empty_field(cell: object, text: str) -> None:
    """A content control left empty in a table cell, as a Word template holds one: Word shows
    its placeholder text in the Placeholder Text style."""
    from docx.oxml import OxmlElement

    run = cell.paragraphs[0].add_run(text, style="Placeholder Text")  # type: ignore[attr-defined]
    sdt, pr, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
    pr.append(OxmlElement("w:showingPlcHdr"))
    sdt.append(pr)
    run._r.addprevious(sdt)
    sdt.append(content)
    content.append(run._r)


def test_template_fields_left_empty_are_no_description_or_example(tmp_path: Path) -> None:
    # the supervisor's codebook made from the faculty's template: fields nobody filled in
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    doc = docx.Document()
    style = doc.styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    style.style_id = "Tekstvantijdelijkeaanduiding"  # the id a Dutch Word gives it
    rows = [
        ["Thema", "Code", "Omschrijving", "Voorbeeld"],
        ["Belasting", "Tijdsdruk", "Te weinig tijd.", "Ik kom nergens aan toe."],
        ["", "Emotionele belasting", "Zorgen.", None],
        ["", "Schuldgevoel", None, None],
    ]
    table = doc.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                _empty_field(table.cell(r, c), "Click or tap here to enter text.")
            else:
                table.cell(r, c).text = value
    doc.save(str(tmp_path / "codeboek.docx"))
    got, _ = imported(tmp_path, tmp_path / "codeboek.docx")
    assert got == {
        "language": "nl",
        "belasting": ("Belasting", "", "", "", []),
        "belasting.tijdsdruk": (
            "Tijdsdruk",
            "Te weinig tijd.",
            "",
            "",
            ["Ik kom nergens aan toe."],
        ),
        "belasting.emotionele_belasting": ("Emotionele belasting", "Zorgen.", "", "", []),
        "belasting.schuldgevoel": ("Schuldgevoel", "", "", "", []),
    }


def test_a_header_of_two_rows_names_the_columns_by_the_lower_one(tmp_path: Path) -> None:
    # Excel: "Code" merged over "Nr" and "Naam"; Thema, Omschrijving merged over both rows
    rows = [
        ["Thema", "Code", "", "Omschrijving"],
        ["", "Nr", "Naam", ""],
        ["Belasting", "1.1", "Tijdsdruk", "Te weinig tijd."],
        ["", "1.2", "Emotionele belasting", "Zorgen."],
        ["Steun", "2.1", "Werkgever", "Steun van werk."],
    ]
    source = xlsx(tmp_path / "codeboek.xlsx", {"Codes": rows}, ("A1:A2", "B1:C1", "D1:D2"))
    want = {
        "language": "nl",
        "belasting": ("Belasting", "", "", "", []),
        "belasting.tijdsdruk": ("Tijdsdruk", "Te weinig tijd.", "", "", []),
        "belasting.emotionele_belasting": ("Emotionele belasting", "Zorgen.", "", "", []),
        "steun": ("Steun", "", "", "", []),
        "steun.werkgever": ("Werkgever", "Steun van werk.", "", "", []),
    }
    got, _ = imported(tmp_path, source)
    assert got == want
    # the same header in Word: "Code" across two columns, Thema and Omschrijving merged down
    import docx

    source = word(tmp_path / "codeboek.docx", [rows])
    doc = docx.Document(str(source))
    table = doc.tables[0]
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Code"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Thema"
    table.cell(0, 3).merge(table.cell(1, 3)).text = "Omschrijving"
    doc.save(str(source))
    (tmp_path / "codebook.yaml").unlink()
    got, _ = imported(tmp_path, source)
    assert got == want


def test_a_lettered_code_without_its_parent_number_is_named(tmp_path: Path) -> None:
    # 1.2a written, 1.2 never: it stands under the theme, and the import says so on one line
    source = tmp_path / "codeboek.csv"
    source.write_text(
        "Thema;Code;Omschrijving\n"
        "1 Belasting;1.1 Tijdsdruk;Te weinig tijd.\n"
        ";1.2a Schuldgevoel;Zich schuldig voelen.\n"
        ";1.3 Zorgen;Piekeren.\n"
        ";1.3a Slapen;Slecht slapen.\n",
        encoding="utf-8",
    )
    got, said = imported(tmp_path, source)
    assert list(got)[1:] == [
        "belasting",
        "belasting.tijdsdruk",
        "belasting.schuldgevoel",
        "belasting.zorgen",
        "belasting.zorgen.slapen",
    ]
    warned = [line for line in said.splitlines() if "1.2a" in line]
    assert warned == [
        "lernet: warning: '1.2a Schuldgevoel' stands under 'Belasting': the table has no code "
        "1.2 to nest it under"
    ]


def test_a_table_of_few_words_follows_the_project_or_says_it_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a Dutch codebook of English loan words and short descriptions: "out", "up" are all the
    # function words it has, too few to call it English
    source = tmp_path / "codeboek.csv"
    source.write_text(
        "Thema;Code;Omschrijving\n"
        "Belasting;Burn-out;Te weinig tijd.\n"
        ";Time-out;Zorgen.\n"
        "Steun;Follow-up op het werk;Gesprek.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    got, said = imported(tmp_path, source)  # no project: the guess, said to be one
    assert got["language"] == "en"
    assert "warning: language: en (English) is a guess" in said
    assert "change its language: to nl" in said
    study = tmp_path / "studie"
    study.mkdir()
    (study / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", encoding="utf-8")
    out = study / "codebook.yaml"
    code, said = invoke_cli("codebook", "import", str(source), "-o", str(out))
    assert code == 0, said
    assert load_codebook(out).language == "nl"
    assert "language: nl (Dutch), the project's" in said


def test_a_code_is_named_by_the_short_code_in_front_of_its_label(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the team codes by the supervisor's numbers: a tag (or Word comment) "1.2a" is that code
    root = tmp_path / "studie"
    root.mkdir()
    (root / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", encoding="utf-8")
    source = tmp_path / "codeboek.csv"
    source.write_text(
        "Code;Omschrijving\n"
        "1 Belasting;\n"
        "1.2 Tijdsdruk;Te weinig tijd.\n"
        "1.2a Schuldgevoel;Zich schuldig voelen.\n"
        "T3 Steun;Hulp.\n",
        encoding="utf-8",
    )
    code, said = invoke_cli("codebook", "import", str(source), "-o", str(root / "codebook.yaml"))
    assert code == 0, said
    cb = load_codebook(root / "codebook.yaml")
    assert cb.find("1.2a").id == "belasting.tijdsdruk.schuldgevoel"  # type: ignore[union-attr]
    assert cb.find("t3").id == "steun"  # type: ignore[union-attr]
    assert cb.find("1.2") is None  # an outline number is not kept in the label
    monkeypatch.chdir(root)
    (root / "anna.txt").write_text(
        "Interviewer: Hoe gaat het?\nAnna: [[1.2a: Ik voel me schuldig tegenover mijn moeder.]]\n",
        encoding="utf-8",
    )
    code, said = invoke_cli("code", "anna.txt")
    assert code == 0, said
    assert "names no code" not in said
    code, said = invoke_cli("tally", "--format", "csv")
    assert "belasting.tijdsdruk.schuldgevoel;1.2a Schuldgevoel;1;1" in said, said


def tree(got: dict[str, object]) -> list[str]:
    return [k for k in got if k != "language"]


def test_excel_keeps_1_10_as_1_1_the_format_or_the_order_tells(tmp_path: Path) -> None:
    """A number typed 1.10 is stored as 1.1: the cell's format 0.00 shows 1.10, and after 1.9 a
    second 1.1 is 1.10; so 1.10.1 goes under 1.10, not to the top."""
    head = ["Nr", "Code", "Omschrijving"]
    subs: list[list[Cell]] = [[float(f"1.{i}"), f"Sub {i}", "x"] for i in range(1, 10)]
    by_order = xlsx(
        tmp_path / "volgorde.xlsx",
        {"Codes": [head, [1, "Belasting", "x"], *subs, [1.1, "Tien", "x"], ["1.10.1", "Diep", ""]]},
    )
    got, said = imported(tmp_path, by_order)
    assert tree(got)[-2:] == ["belasting.tien", "belasting.tien.diep"]
    assert "no code 1.10" not in said
    (tmp_path / "codebook.yaml").unlink()
    by_format = xlsx(
        tmp_path / "opmaak.xlsx",
        {
            "Codes": [
                head,
                [(1, 1), "Belasting", "x"],
                [1.1, "Tijdsdruk", "x"],
                [(1.1, 1), "Tien", "x"],
                ["1.10.1", "Diep", ""],
            ]
        },
        formats=("0.00",),
    )
    got, _ = imported(tmp_path, by_format)
    assert tree(got) == [
        "belasting",
        "belasting.tijdsdruk",
        "belasting.tien",
        "belasting.tien.diep",
    ]


def test_a_code_number_twice_that_lernet_cannot_place_is_one_line(tmp_path: Path) -> None:
    """1.1 again after 1.2 (not after 1.9): two codes under one number are not made one, nor
    guessed at; the row is named and nothing is written."""
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {
            "Codes": [
                ["Thema", "Code", "Omschrijving"],
                ["Belasting", 1.1, "Tijdsdruk"],
                ["", 1.2, "Zorgen"],
                ["", 1.1, "Werk en zorg"],
            ]
        },
    )
    out = tmp_path / "codebook.yaml"
    code, said = invoke_cli("codebook", "import", str(source), "-o", str(out))
    assert code == 4 and not out.exists()
    assert said.strip().splitlines() == [
        f"lernet: error: {source}: sheet 'Codes', row 4: code number 1.1 stands for another "
        "code in row 2 too; Excel keeps 1.10 typed as a number as 1.1: give the number column "
        "the format Text, type its numbers again and import again"
    ]
    # the same code's row again (more of its description) is no second code
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {
            "Codes": [
                ["Thema", "Code", "Omschrijving"],
                ["Belasting", 1.1, "Tijdsdruk"],
                ["", 1.1, "Ook: haast"],
                ["", 1.2, "Zorgen"],
            ]
        },
    )
    got, _ = imported(tmp_path, source)
    assert got["belasting.code_1_1"][1] == "Tijdsdruk\n\nOok: haast"
    assert tree(got) == ["belasting", "belasting.code_1_1", "belasting.code_1_2"]


def test_a_dutch_csv_with_decimal_commas_nests_its_codes(tmp_path: Path) -> None:
    """Excel's CSV in a Dutch Windows writes 1.1 as 1,1 (and 1,10 under the format 0,00)."""
    source = tmp_path / "codeboek.csv"
    source.write_bytes(
        "Codeboek mantelzorg;;\r\nNr;Code;Omschrijving\r\n1;Belasting;Wat zwaar valt\r\n"
        '1,1;Tijdsdruk;"Te weinig tijd\r\nvoor één ding"\r\n;;\r\n1,10;Tien;x\r\n'
        "1.10.1;Diep;x\r\n2;Steun;\r\n".encode("cp1252")
    )
    got, _ = imported(tmp_path, source)
    assert tree(got) == [
        "belasting",
        "belasting.tijdsdruk",
        "belasting.tien",
        "belasting.tien.diep",
        "steun",
    ]
    assert got["belasting.tijdsdruk"][1] == "Te weinig tijd\nvoor één ding"


def test_codes_numbered_from_1_under_each_theme_are_no_repeats(tmp_path: Path) -> None:
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {
            "Codes": [
                ["Thema", "Nr", "Code"],
                ["Belasting", 1, "Tijdsdruk"],
                ["", 2, "Zorgen"],
                ["Steun", 1, "Formeel"],
                ["", 2, "Informeel"],
            ]
        },
    )
    got, _ = imported(tmp_path, source)
    assert tree(got) == [
        "belasting",
        "belasting.tijdsdruk",
        "belasting.zorgen",
        "steun",
        "steun.formeel",
        "steun.informeel",
    ]


def test_a_workbook_says_which_sheets_it_read(tmp_path: Path) -> None:
    """A student's notes sheet, with or without a header row of its own, is not read unsaid."""
    head = ["Thema", "Code", "Omschrijving"]
    codes = [head, ["Belasting", "Tijdsdruk", "Te weinig tijd."]]
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {"Codeboek": codes, "Notities": [["Zorgen nog splitsen?"]], "Leeg": []},
    )
    _, said = imported(tmp_path, source)
    assert (
        "lernet: warning: read the sheet 'Codeboek' as the codebook; passed over 'Notities' "
        "(no header row)\n" in said
    )
    (tmp_path / "codebook.yaml").unlink()
    notes = [["Thema", "Code", "Opmerking"], ["Steun", "Formeel", "splitsen?"]]
    source = xlsx(tmp_path / "codeboek.xlsx", {"Notities": notes, "Codeboek": codes})
    _, said = imported(tmp_path, source)
    assert "lernet: warning: read the sheets 'Notities', 'Codeboek' as the codebook\n" in said


def test_a_code_given_twice_apart_is_said(tmp_path: Path) -> None:
    """Tijdsdruk in rows 2 and 4 is one code with both descriptions, and the import says so;
    a code on the row below its own (one more example) is no repeat."""
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {
            "Codeboek": [
                ["Thema", "Code", "Omschrijving"],
                ["Belasting", "Tijdsdruk", "Te weinig tijd."],
                ["", "Zorgen", "Piekeren."],
                ["", "Tijdsdruk", "Haast."],
                ["Steun", "Formeel", "Thuiszorg."],
                ["", "Formeel", "Huisarts."],
            ]
        },
    )
    got, said = imported(tmp_path, source)
    assert got["belasting.tijdsdruk"][1] == "Te weinig tijd.\n\nHaast."
    assert said.count("stands twice") == 1
    assert (
        "lernet: warning: the code 'Tijdsdruk' (sheet 'Codeboek', rows 2 and 4) stands twice, "
        "apart: read as one code with the text of both rows; if they are two codes, give them "
        "names of their own and import again\n" in said
    )


def test_what_excel_hides_is_said(tmp_path: Path) -> None:
    """A hidden sheet (the lists behind a template's menus) is no codebook; a hidden row or
    column lernet reads is read, and named, since the student does not see it in Excel."""
    head = ["Thema", "Code", "Omschrijving", "Voorbeeld"]
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {
            "Codeboek": [
                head,
                ["Belasting", "Tijdsdruk", "Te weinig tijd.", "Ik kom nergens aan toe."],
                ["", "Oud", "Niet meer gebruikt."],
            ],
            "Lijsten": [["Thema", "Code"], ["Belasting", "Keuzelijst"]],
        },
    )
    with zipfile.ZipFile(source) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].replace(b'<row r="3">', b'<row r="3" hidden="1">')
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"<sheetData>", b'<cols><col min="4" max="4" hidden="1"/></cols><sheetData>'
    )
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'<sheet name="Lijsten"', b'<sheet name="Lijsten" state="hidden"'
    )
    with zipfile.ZipFile(source, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    got, said = imported(tmp_path, source)
    assert tree(got) == ["belasting", "belasting.tijdsdruk", "belasting.oud"]
    assert (
        "lernet: warning: read the sheet 'Codeboek' as the codebook; passed over 'Lijsten' "
        "(hidden)\n" in said
    )
    assert (
        "lernet: warning: sheet 'Codeboek' hides row 3 and column D in Excel: read like "
        "the rest; delete what is no part of the codebook and import again\n" in said
    )


def test_a_code_without_its_parent_at_the_top_is_said_plainly(tmp_path: Path) -> None:
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {"Codes": [["Nr", "Code"], ["1", "Belasting"], ["2.1.1", "Diep"]]},
    )
    _, said = imported(tmp_path, source)
    assert (
        "lernet: warning: 'Diep' stands at the top, as a theme: the table has no code 2.1 to "
        "nest it under\n" in said
    )


def test_a_decimal_comma_typed_in_a_name_is_kept(tmp_path: Path) -> None:
    source = tmp_path / "codeboek.csv"
    source.write_bytes("Thema;Code\r\nWachten;3,5 jaar wachten\r\n".encode("cp1252"))
    got, _ = imported(tmp_path, source)
    assert got["wachten.code_3_5_jaar_wachten"][0] == "3,5 jaar wachten"


PER_THEME = [
    "belasting",
    "belasting.tijdsdruk",
    "belasting.tijdsdruk.haast",
    "steun",
    "steun.formeel",
    "steun.formeel.thuiszorg",
]


def _shaded_theme_rows(path: Path, rows: list[list[str]]) -> Path:
    """A Word table whose theme rows are one shaded cell merged across the table."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = docx.Document()
    table = doc.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        if len(row) == 1:
            cell = table.cell(r, 0).merge(table.cell(r, 2))
            cell.text = row[0]
            shading = OxmlElement("w:shd")
            shading.set(qn("w:fill"), "D9D9D9")
            cell._tc.get_or_add_tcPr().append(shading)
            continue
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.save(str(path))
    return path


def test_subcodes_numbered_again_under_each_theme_are_the_themes_own(tmp_path: Path) -> None:
    """Theme rows (Word's merged shaded rows, a name alone in Excel) or a Thema column, each
    theme's codes numbered 1, 1.1 again: read per theme, as the person reads the sheet."""
    rows = [["1", "Tijdsdruk", "x"], ["1.1", "Haast", "y"]]
    steun = [["1", "Formeel", "x"], ["1.1", "Thuiszorg", "y"]]
    head = ["Nr", "Code", "Omschrijving"]
    sources = [
        _shaded_theme_rows(
            tmp_path / "rijen.docx", [head, ["Belasting"], *rows, ["Steun"], *steun]
        ),
        xlsx(
            tmp_path / "naam.xlsx",
            {
                "Codes": [head, ["", "Belasting", ""], [1, "Tijdsdruk", "x"], [1.1, "Haast", "y"]]
                + [["", "Steun"], [1, "Formeel", "x"], [1.1, "Thuiszorg", "y"]]
            },
        ),
        xlsx(
            tmp_path / "samengevoegd.xlsx",
            {"Codes": [head, ["Thema 1: Belasting"], *rows, ["Thema 2: Steun"], *steun]},
            merged=("A2:C2", "A5:C5"),
        ),
    ]
    csv = tmp_path / "thema.csv"
    csv.write_text(
        "Thema;Nr;Code;Omschrijving\nBelasting;1;Tijdsdruk;x\n;1,1;Haast;y\n"
        "Steun;1;Formeel;x\n;1,1;Thuiszorg;y\n",
        encoding="utf-8",
    )
    for source in [*sources, csv]:
        got, _ = imported(tmp_path, source)
        assert tree(got) == PER_THEME, source.name
        (tmp_path / "codebook.yaml").unlink()
    lettered = xlsx(
        tmp_path / "letters.xlsx",
        {
            "Codes": [
                head,
                ["A", "Belasting", "Wat zwaar valt"],
                *rows,
                ["B", "Steun", ""],
                *steun,
                ["", "", "Ook de buren"],
            ]
        },
    )
    got, _ = imported(tmp_path, lettered)
    assert tree(got) == PER_THEME
    assert got["belasting"][1] == "Wat zwaar valt"
    assert got["steun.formeel.thuiszorg"][1] == "y\n\nOok de buren"


def test_a_number_twice_within_one_theme_is_still_named(tmp_path: Path) -> None:
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {
            "Codes": [
                ["Nr", "Code", "Omschrijving"],
                ["", "Belasting", ""],
                [1, "Tijdsdruk", "x"],
                ["", "Steun", ""],
                [1, "Formeel", "x"],
                [1.1, "Thuiszorg", "y"],
                [1.1, "Mantelzorg", "z"],
            ]
        },
    )
    out = tmp_path / "codebook.yaml"
    code, said = invoke_cli("codebook", "import", str(source), "-o", str(out))
    assert code == 4 and not out.exists()
    assert (
        said.strip()
        .splitlines()[0]
        .startswith(
            f"lernet: error: {source}: sheet 'Codes', row 7: code number 1.1 stands for another "
            "code in row 6 too: 'Thuiszorg'"
        )
    )


CSV_TEXT = (
    "Thema;Code;Omschrijving\r\nBelasting;Tijdsdruk;Te weinig tijd voor één ding\r\n"
    ";Zorgen;Piekeren\r\nSteun;Formeel;Hulp van de thuiszorg, café\r\n"
)


def test_excels_unicode_text_is_read_as_a_table(tmp_path: Path) -> None:
    """Excel's "Unicode text" is UTF-16 with tabs (either byte order): no binary file."""
    tabbed = CSV_TEXT.replace(";", "\t")
    for name, data in (
        ("unicode.txt", tabbed.encode("utf-16-le")),
        ("unicode-be.csv", tabbed.encode("utf-16-be")),
    ):
        source = tmp_path / name
        bom = b"\xff\xfe" if name.endswith(".txt") else b"\xfe\xff"
        source.write_bytes(bom + data)
        got, _ = imported(tmp_path, source)
        assert tree(got) == ["belasting", "belasting.tijdsdruk", "belasting.zorgen"] + [
            "steun",
            "steun.formeel",
        ], name
        assert got["steun.formeel"][1] == "Hulp van de thuiszorg, café"
        (tmp_path / "codebook.yaml").unlink()


def test_utf8s_mark_before_windows_1252_text_is_no_letter(tmp_path: Path) -> None:
    """An editor's UTF-8 mark before text Excel saved as Windows-1252: the mark is not read
    as "ï»¿" into the first header, the é of the rest is still é."""
    source = tmp_path / "codeboek.csv"
    lines = CSV_TEXT.splitlines()
    text = "".join(f"{'Aantal' if n == 0 else n};{line}\r\n" for n, line in enumerate(lines))
    source.write_bytes(b"\xef\xbb\xbf" + text.encode("cp1252"))
    got, said = imported(tmp_path, source)
    assert "left out the column 'Aantal'" in said
    assert got["belasting.tijdsdruk"][1] == "Te weinig tijd voor één ding"


def test_a_macs_csv_with_commas_in_its_descriptions(tmp_path: Path) -> None:
    """Lines that end in \\r alone: the separator is told from the header line, not from the
    whole file read as one line (where the descriptions' commas outnumber the semicolons)."""
    source = tmp_path / "codeboek.csv"
    source.write_bytes(
        b"Thema;Code;Omschrijving\rBelasting;Tijdsdruk;Te weinig tijd, te veel taken, geen rust"
        b"\r;Zorgen;Piekeren, malen, slapeloos, bang, onzeker, moe\r"
    )
    got, _ = imported(tmp_path, source)
    assert tree(got) == ["belasting", "belasting.tijdsdruk", "belasting.zorgen"]
    assert got["belasting.zorgen"][1] == "Piekeren, malen, slapeloos, bang, onzeker, moe"
    source.write_bytes(b"Thema;Code;Omschrijving\r;;Tekst, zonder, code, erbij, nog, meer\r")
    out = tmp_path / "nieuw.yaml"
    code, said = invoke_cli("codebook", "import", str(source), "-o", str(out))
    assert code == 4 and not out.exists()
    assert said.startswith(f"lernet: error: {source}:2: text without a code")


def test_numbers_before_the_names_under_theme_rows(tmp_path: Path) -> None:
    """No number column: `1.1 Haast` in the code's cell, a theme's name alone in its row. A
    number twice there is text the team typed, so no 1.10 is guessed and Excel is not blamed."""
    head = ["Code", "Omschrijving"]
    codes = [["1 Tijdsdruk", "x"], ["1.1 Haast", "y"]]
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {"Codes": [head, ["Belasting"], *codes, ["Steun"], ["1 Formeel", "x"], ["1.1 Thuiszorg"]]},
    )
    got, _ = imported(tmp_path, source)
    assert tree(got) == PER_THEME
    subs = [[f"1.{i} Sub {i}", "x"] for i in range(1, 10)]
    source = xlsx(
        tmp_path / "twee.xlsx",
        {"Codes": [head, ["Belasting"], ["1 Tijdsdruk", "x"], *subs, ["1.1 Tien", "x"]]},
    )
    out = tmp_path / "twee.yaml"
    code, said = invoke_cli("codebook", "import", str(source), "-o", str(out))
    assert code == 4 and not out.exists()
    assert said.strip().splitlines() == [
        f"lernet: error: {source}: sheet 'Codes', row 13: code number 1.1 stands for another "
        "code in row 4 too: 'Sub 1': correct one of them and import again"
    ]


def test_a_title_with_commas_above_a_semicolon_header(tmp_path: Path) -> None:
    """The separator is not told from a title line with more commas than the table has
    columns: the line that makes a header row decides."""
    source = tmp_path / "codeboek.csv"
    source.write_bytes(
        b"Codeboek mantelzorg, interviews, versie 2, juni 2024;;\r\n"
        b"Thema;Code;Omschrijving\r\nBelasting;Tijdsdruk;Te weinig tijd, geen rust\r\n"
    )
    got, _ = imported(tmp_path, source)
    assert tree(got) == ["belasting", "belasting.tijdsdruk"]
    assert got["belasting.tijdsdruk"][1] == "Te weinig tijd, geen rust"


def test_windows_1252_lines_pasted_into_a_utf8_csv(tmp_path: Path) -> None:
    """A UTF-8 file with one line pasted from a Windows-1252 one: the UTF-8 lines keep their
    é (not é read as two letters), the pasted line its café."""
    source = tmp_path / "codeboek.csv"
    source.write_bytes(
        "Thema;Code;Omschrijving\r\nBelasting;Tijdsdruk;Te weinig tijd voor één ding\r\n".encode()
        + "Steun;Formeel;Hulp van de thuiszorg, café\r\n".encode("cp1252")
    )
    got, _ = imported(tmp_path, source)
    assert got["belasting.tijdsdruk"][1] == "Te weinig tijd voor één ding"
    assert got["steun.formeel"][1] == "Hulp van de thuiszorg, café"


def test_theme_rows_over_numbers_that_run_on_and_a_code_without_one(tmp_path: Path) -> None:
    """Theme rows over codes numbered 1, 1.1, then 2, 2.1 are themes too; one code without a
    number above numbered codes (Algemeen) is no theme that takes them all."""
    head = ["Nr", "Code", "Omschrijving"]
    source = xlsx(
        tmp_path / "doorlopend.xlsx",
        {
            "Codes": [
                head,
                ["", "Belasting", ""],
                [1, "Tijdsdruk", "x"],
                [1.1, "Haast", "y"],
                ["", "Steun", ""],
                [2, "Formeel", "x"],
                [2.1, "Thuiszorg", "y"],
            ]
        },
    )
    got, _ = imported(tmp_path, source)
    assert tree(got) == PER_THEME
    (tmp_path / "codebook.yaml").unlink()
    source = xlsx(
        tmp_path / "algemeen.xlsx",
        {
            "Codes": [
                head,
                ["", "Algemeen", "Algemene uitspraken"],
                [1, "Belasting", "x"],
                [1.1, "Tijdsdruk", "x"],
                [2, "Steun", "x"],
            ]
        },
    )
    got, _ = imported(tmp_path, source)
    assert tree(got) == ["algemeen", "belasting", "belasting.tijdsdruk", "steun"]


def test_a_theme_merged_across_an_excel_sheet(tmp_path: Path) -> None:
    """A theme's name in a cell merged across the sheet's columns holds the codes below it, as
    Word's row of one cell does, numbered or not."""
    source = xlsx(
        tmp_path / "codeboek.xlsx",
        {
            "Codes": [
                ["Code", "Omschrijving"],
                ["Belasting"],
                ["Tijdsdruk", "x"],
                ["Steun"],
                ["Formeel", "x"],
            ]
        },
        merged=("A2:B2", "A4:B4"),
    )
    got, _ = imported(tmp_path, source)
    assert tree(got) == ["belasting", "belasting.tijdsdruk", "steun", "steun.formeel"]

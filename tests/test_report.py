"""The Word and Markdown reports of the sample corpus, opened and checked like a reader would."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.project.participants import load_participants

from .test_sample_corpus import GROUPS, TABEL_1

runner = CliRunner()
LABELS = {
    "interest_balance.knowledge": "Kennis",
    "interest_balance.experiences": "Ervaringen",
    "interest_balance.inspiration": "Inspiratie",
    "interest_balance.instruments": "Instrumenten",
    "interest_balance.quality_monitoring": "Kwaliteitsbewaking",
    "interest_balance.acquisition": "Acquisitie",
    "interest_balance.sparring_partner": "Sparringpartner",
    "interest_balance.complementary_services": "Aanvullende dienstverlening",
    "interest_balance.networking": "Netwerken",
}


@pytest.fixture(scope="module")
def project(coded_sample: Path) -> Path:
    return coded_sample


def names(project: Path) -> list[str]:
    people = load_participants(project / "sample_transcripts" / "participants.yaml")
    return people.all_names() + people.all_organisations()


def test_docx_report(project: Path) -> None:
    out = project / "report.docx"
    result = runner.invoke(app, ["report", "--project", str(project), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Methode", "Resultaten", "Deelnemers"]
    assert "Vertrouwen (10x)" in headings and "Belangenbalans per groep" in headings
    assert "Ontwikkelingsfase" in headings
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert any(b.startswith("Elkaar nog niet goed kennen (5x)") for b in bullets)
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    assert quotes and all(q.startswith("“") and q.endswith(")") for q in quotes)
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    for name in names(project):
        assert name.lower() not in text.lower(), name
    matrix = next(t for t in doc.tables if t.rows[0].cells[1].text == GROUPS[0])
    assert [c.text for c in matrix.rows[0].cells] == ["Code", *GROUPS]
    got = {
        row.cells[0].text.lstrip("- "): [c.text for c in row.cells[1:]]
        for row in matrix.rows[1:]
        if not spans_the_row(row)
    }
    assert got == {LABELS[k]: v for k, v in TABEL_1.items()}
    assert len(doc.inline_shapes) == 5
    again = runner.invoke(app, ["report", "--project", str(project), "-o", str(out)])
    assert again.exit_code == 2 and "overwrite" in again.stderr


def test_markdown_report(project: Path) -> None:
    out = project / "report.md"
    result = runner.invoke(app, ["report", "--project", str(project), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Methode\n")
    assert "\n# Resultaten\n" in text
    assert "- Elkaar nog niet goed kennen (5x)" in text
    assert "| Kennis | Brengen | Halen | Halen | Halen |" in squeeze(text)
    assert "De meeste deelnemers (8 van 10)" in text
    assert "> “" in text
    charts = sorted((project / "report_files").glob("*.png"))
    assert len(charts) == 5 and charts[0].read_bytes().startswith(b"\x89PNG")
    for name in names(project):
        assert name.lower() not in text.lower(), name


def squeeze(text: str) -> str:
    """Markdown with the alignment padding inside table cells taken out."""
    return re.sub(r" *\| *", " | ", text).replace("\n | ", "\n| ").replace(" | \n", " |\n")


def test_phases_command(project: Path) -> None:
    result = runner.invoke(app, ["phases", "--project", str(project), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    counts = {p["id"].rsplit("_", 1)[1]: p["participants"] for p in data["phases"]}
    assert counts == {"potential": 1, "uniting": 4, "growing": 4, "active": 1, "dissolving": 0}
    assert data["sentence"].startswith("De meeste deelnemers (8 van 10) plaatsen het netwerk")
    for fmt in ("table", "md", "csv"):
        r = runner.invoke(app, ["phases", "--project", str(project), "--format", fmt])
        assert r.exit_code == 0 and "verenigend" in r.stdout
        if fmt == "csv":
            assert r.stdout.splitlines()[0] == "phase;participants;id"


def spans_the_row(row: Any) -> bool:
    """A row that is one cell across the table (a parent code's label over its codes)."""
    return len(row._tr.tc_lst) == 1 and len(row.cells) > 1


@pytest.mark.parametrize("command", ["matrix", "report"])
def test_word_matrix_has_no_empty_cells(project: Path, tmp_path: Path, command: str) -> None:
    """A screen reader reads every cell of a table: the matrix's label column has a header,
    and a parent code's row is one cell across the table, not its label and empty cells that
    read as missing data."""
    out = tmp_path / f"{command}.docx"
    args = [command, "--project", str(project), "-o", str(out)]
    assert (
        runner.invoke(app, args + (["--format", "docx"] if command == "matrix" else [])).exit_code
        == 0
    )
    doc = Document(str(out))
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == GROUPS[0])
    assert table.rows[0].cells[0].text == "Code"
    spanned = []
    for row in table.rows:
        for tc in row._tr.tc_lst:
            texts = [p.text for p in tc.iterchildren(f"{W}p")]
            assert len(texts) == 1 and texts[0].strip(), [c.text for c in row.cells]
        if spans_the_row(row):
            spanned.append(row.cells[0].text)
            span = row._tr.tc_lst[0].tcPr.find(f"{W}gridSpan")
            assert int(span.get(f"{W}val")) == len(GROUPS) + 1
            assert row.cells[0].paragraphs[0].paragraph_format.keep_with_next
    assert spanned == ["Cognitieve belangen", "Instrumentele belangen", "Sociale belangen"]


def test_matrix_docx(project: Path) -> None:
    out = project / "matrix.docx"
    args = ["matrix", "--project", str(project), "--format", "docx", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    table = Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Code", *GROUPS]
    bad = runner.invoke(app, ["matrix", "--project", str(project), "--format", "docx"])
    assert bad.exit_code == 2 and "--output" in bad.stderr


def test_matrix_docx_with_counts_has_the_counts_of_the_json(project: Path) -> None:
    out = project / "matrix-counts.docx"
    base = ["matrix", "--project", str(project), "--counts"]
    assert runner.invoke(app, [*base, "--format", "docx", "-o", str(out)]).exit_code == 0
    cells = {
        row.cells[0].text.lstrip("- "): [c.text for c in row.cells[1:]]
        for row in Document(str(out)).tables[0].rows[1:]
        if not spans_the_row(row)
    }
    as_json = json.loads(runner.invoke(app, [*base, "--format", "json"]).stdout)
    counted = [r for r in as_json["rows"] if any(c["participants"] for c in r["cells"].values())]
    assert counted
    for row in counted:
        for group, text in zip(as_json["groups"], cells[row["label"]], strict=True):
            cell = row["cells"][group]
            if cell["direction"] == "both":  # its people, then who brings / who takes
                want = f"({cell['participants']}x: {cell['bring']} / {cell['take']})"
                assert want in text, (row["id"], group, text)
            elif cell["direction"] != "none":
                assert f"{max(cell['bring'], cell['take'])}x" in text, (row["id"], group, text)
    assert any("x" in t for texts in cells.values() for t in texts)


def proofing(doc: Any) -> str | None:
    from docx.oxml.ns import qn

    lang = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    return lang.find(qn("w:lang")).get(qn("w:val"))


@pytest.mark.parametrize("kind", ["report", "matrix"])
def test_word_files_are_a4_and_proofed_in_the_project_language(project: Path, kind: str) -> None:
    out = project / f"a4-{kind}.docx"
    args = [kind, "--project", str(project), "-o", str(out)]
    if kind == "matrix":
        args += ["--format", "docx"]
    assert runner.invoke(app, args).exit_code == 0
    doc = Document(str(out))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 25
    assert proofing(doc) == "nl-NL"


def test_english_word_report_is_proofed_in_english() -> None:
    from lernet_cli.output.word import new_document

    assert proofing(new_document("en")) == "en-GB"
    assert proofing(new_document("nl")) == "nl-NL"


def test_matrix_csv_gives_directions_and_counts_as_numbers(project: Path) -> None:
    args = ["matrix", "--project", str(project), "--format", "csv"]
    r = runner.invoke(app, [*args, "--counts"])
    assert r.exit_code == 0, r.stderr
    table = list(csv.reader(io.StringIO(r.stdout), delimiter=";"))  # a Dutch project
    assert table[0][2 : 2 + len(GROUPS)] == GROUPS
    assert table[0][2 + len(GROUPS) : 2 + len(GROUPS) + 2] == [
        f"{GROUPS[0]} brengen",
        f"{GROUPS[0]} halen",
    ]
    cells = {c for row in table[1:] for c in row[2:]}
    assert not any(c.endswith("x") or "(" in c for c in cells), cells
    assert cells & {"Brengen", "Halen", "Brengen en halen", "n.v.t."}
    numbers = [c for row in table[1:] for c in row[2 + len(GROUPS) :]]
    assert numbers and all(c.isdigit() for c in numbers)
    data = json.loads(runner.invoke(app, [*args[:-1], "json"]).stdout)
    first = data["rows"][0]["cells"][GROUPS[0]]
    assert table[1][2 + len(GROUPS) : 2 + len(GROUPS) + 2] == [
        str(first["bring"]),
        str(first["take"]),
    ]


def test_report_needs_docx_or_md(project: Path) -> None:
    r = runner.invoke(app, ["report", "--project", str(project), "-o", str(project / "r.pdf")])
    assert r.exit_code == 2 and ".docx or .md" in r.stderr


def test_matrix_crosstab_for_codes_without_direction(project: Path) -> None:
    args = ["matrix", "--project", str(project), "--codes", "trust", "--format", "csv"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.stderr
    # numbers in a spreadsheet's cells, not "3x" (that is for tables to read)
    assert "trust.not_acquainted;Elkaar nog niet goed kennen;0;1;1;3" in r.stdout.splitlines()
    r = runner.invoke(app, [*args[:-1], "json"])
    cells = json.loads(r.stdout)["rows"][0]["cells"]
    assert {g: c["participants"] for g, c in cells.items()} == dict(
        zip(GROUPS, [0, 1, 1, 3], strict=True)
    )


# --- layout of the Word tables --------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CALIBRI_EM = 0.45
"""Average glyph width of Calibri and Cambria (regular and bold), in ems: a line of n characters
needs at least n * CALIBRI_EM * size in Word."""
CELL_MARGINS = 2 * 108


def table_layout(table: Any) -> tuple[list[int], list[list[int]]]:
    """Grid widths and every row's cell widths, after checking the table is fixed, sized in twips
    with a header row that repeats and rows that do not split."""
    tbl = table._tbl
    assert tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    tbl_w = tbl.tblPr.find(f"{W}tblW")
    assert tbl_w.get(f"{W}type") == "dxa"
    grid = [int(g.get(f"{W}w")) for g in tbl.tblGrid.findall(f"{W}gridCol")]
    assert int(tbl_w.get(f"{W}w")) == sum(grid)
    cells = []
    for i, tr in enumerate(tbl.tr_lst):
        tr_pr = tr.trPr
        assert tr_pr is not None and tr_pr.find(f"{W}cantSplit") is not None, i
        assert (tr_pr.find(f"{W}tblHeader") is not None) == (i == 0), i
        widths = []
        for tc in tr.tc_lst:
            tc_w = tc.tcPr.find(f"{W}tcW")
            assert tc_w.get(f"{W}type") == "dxa"
            widths.append(int(tc_w.get(f"{W}w")))
        cells.append(widths)
    return grid, cells


def preceding(doc: Any, table: Any, n: int) -> list[Any]:
    """The n paragraphs just before a table, nearest last."""
    from docx.text.paragraph import Paragraph

    body = list(doc.element.body)
    at = body.index(table._tbl)
    return [Paragraph(p, doc) for p in body[at - n : at]]


def test_docx_tables_laid_out(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = runner.invoke(app, ["report", "--project", str(project), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    doc = Document(str(out))
    section = doc.sections[-1]
    page = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    assert len(doc.tables) == 4  # method sources, participants, matrix, phases
    for table in doc.tables:
        grid, cells = table_layout(table)
        # a row that is one cell across the table (a parent code's label) is the grid's width
        assert all(row in (grid, [sum(grid)]) for row in cells)
        assert sum(grid) <= page
        size = None
        for row in table.rows:
            for cell in row.cells:
                (paragraph,) = cell.paragraphs
                size = paragraph.style.font.size.pt
        assert size is not None and size <= 11
        rows = [row for row in table.rows if not spans_the_row(row)]
        texts = list(zip(*[[c.text for c in row.cells] for row in rows], strict=True))
        for width, column in zip(grid, texts, strict=True):
            word = max(len(w) for text in column for w in text.split())
            assert width >= word * CALIBRI_EM * size * 20 + CELL_MARGINS, column
        # Where the page leaves room, the label column holds its longest label on one line.
        if sum(grid) < page:
            longest = max(len(t) for t in texts[0])
            assert grid[0] >= longest * CALIBRI_EM * size * 20 + CELL_MARGINS, texts[0]
        # A table stays with its heading and caption, and whole on a page (all are short).
        for paragraph in preceding(doc, table, 1):
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
        for row in table.rows[:-1]:
            for cell in row.cells:
                assert cell.paragraphs[0].paragraph_format.keep_with_next
    matrix = next(t for t in doc.tables if t.rows[0].cells[1].text == GROUPS[0])
    heading, caption = preceding(doc, matrix, 2)
    assert heading.text == "Belangenbalans per groep" and heading.paragraph_format.keep_with_next
    assert caption.paragraph_format.keep_with_next
    grid, _ = table_layout(matrix)
    assert grid[0] > max(grid[1:])  # the labels are longer than any cell: their column is widest
    assert sum(grid) == page  # too wide to be narrower than the page


def test_column_widths() -> None:
    from lernet_cli.output.tables import CELL_PADDING, column_widths, table_font_size, text_twips

    def w(chars: int, bold: bool = False) -> int:
        return text_twips(chars, 10, bold) + CELL_PADDING

    header = ["", "kenniscentrum", "b"]
    rows = [["- Aanvullende dienstverlening", "Brengen en halen", "Halen"]]
    roomy = column_widths(header, rows, 20_000, 10)
    assert roomy[0] == w(29, bold=True)  # the first column is bold
    assert roomy[1] == roomy[2] == w(16)  # the others equal, each on one line
    tight = column_widths(header, rows, 7000, 10)
    assert sum(tight) == 7000
    assert tight[1] >= w(len("kenniscentrum"), bold=True)
    assert tight[2] >= w(len("Halen"))
    assert tight[0] >= w(len("dienstverlening"), bold=True)
    # Not even the longest words fit: shrunk in proportion, never wider than the page.
    assert sum(column_widths(header, rows, 2000, 10)) <= 2000
    # A no-break space keeps a mark with its word.
    marked = column_widths(["x", "y"], [["a", "Brengen\u00a0*"]], 20_000, 10)
    assert marked[1] == w(9)
    # Smaller text only when the longest words do not fit at 10 pt.
    words = [["Kwaliteitsbewaking", "Brengen", "Halen"]]
    need = w(18, bold=True) + w(13, bold=True) + w(5)
    assert table_font_size(header, words, need) == 10
    assert table_font_size(header, words, need - 1) == 9


def test_markdown_tables_aligned(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert runner.invoke(app, ["report", "--project", str(project), "-o", str(out)]).exit_code == 0
    blocks = re.findall(r"(?:^\|.*\|\n)+", out.read_text(encoding="utf-8"), re.M)
    assert len(blocks) == 4
    for block in blocks:
        lines = block.splitlines()
        assert len({len(line) for line in lines}) == 1, block
        bars = {tuple(i for i, ch in enumerate(line) if ch == "|") for line in lines}
        assert len(bars) == 1, block
    phases = next(b for b in blocks if b.startswith("| Fase"))
    assert phases.splitlines()[1].endswith(": |")  # counts aligned right


# --- the method section -----------------------------------------------------------------------


def method_paragraphs(doc: Any) -> tuple[list[str], list[Any]]:
    """The paragraphs and tables between the heading "Methode"/"Method" and the next heading 1."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    texts: list[str] = []
    tables: list[Any] = []
    inside = False
    for element in doc.element.body:
        if element.tag == f"{W}p":
            p = Paragraph(element, doc)
            if p.style.name == "Heading 1":
                if inside:
                    break
                inside = p.text in ("Methode", "Method")
            elif inside and p.text:
                texts.append(p.text)
        elif element.tag == f"{W}tbl" and inside:
            tables.append(Table(element, doc))
    return texts, tables


@pytest.fixture
def reviewed_project(project: Path, tmp_path: Path) -> Path:
    """The coded sample with some rule codings reviewed, one interview coded by older rules, and
    two people who coded trust.not_acquainted in the same two interviews."""
    import shutil

    from lernet_cli.store.store import Store

    root = tmp_path / "proj"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("report*", "matrix*", "r.*"))
    with Store.open(root / ".lernet" / "lernet.db") as store:
        ids = [r.id for r in store.coding_rows(sources=["rule"])]
        for cid in ids[:5]:
            store.set_review(cid, "accepted", "anna")
        for cid in ids[5:7]:
            store.set_review(cid, "rejected", "anna")
        with store.transaction() as conn:
            conn.execute("UPDATE transcripts SET rules_digest = 'older' WHERE id = 3")
            turns = conn.execute(
                "SELECT transcript_id, idx FROM segments WHERE role = 'participant' "
                "AND transcript_id IN (1, 2) ORDER BY transcript_id, idx"
            ).fetchall()
            first_of_2 = next(k for k, (tid, _) in enumerate(turns) if tid == 2)
            # Both code a turn in each interview; anna one more in the first, bert in the second.
            coded = {"anna": [0, first_of_2, 1], "bert": [0, first_of_2, first_of_2 + 1]}
            for coder, picks in coded.items():
                for k in picks:
                    conn.execute(
                        "INSERT INTO codings (transcript_id, segment, code, start, end, coder, "
                        "status, source, created_at) VALUES (?, ?, 'trust.not_acquainted', 0, 5, "
                        "?, 'accepted', 'import', 'now')",
                        (*turns[k], coder),
                    )
    return root


def test_method_section_figures_from_the_store(
    reviewed_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from lernet_cli.codebook.codebook import parse_codebook
    from lernet_cli.output import method

    from .conftest import DEFAULT_CODEBOOK, dump_store

    monkeypatch.setattr(method, "accuracy_path", lambda: None)
    before = dump_store(reviewed_project)
    out = tmp_path / "r.docx"
    result = runner.invoke(app, ["report", "--project", str(reviewed_project), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert dump_store(reviewed_project) == before
    texts, tables = method_paragraphs(Document(str(out)))
    conn = sqlite3.connect(reviewed_project / ".lernet" / "lernet.db")
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731

    n = one("SELECT COUNT(*) FROM transcripts")
    groups = load_participants(reviewed_project / "sample_transcripts" / "participants.yaml")
    per_group = ", ".join(
        f"{g}: {sum(1 for p in groups.people.values() if p.group == g)}" for g in GROUPS
    )
    assert texts[0] == f"Het materiaal bestaat uit {n} interviews met 10 deelnemers ({per_group})."
    book = parse_codebook(DEFAULT_CODEBOOK, with_rules=False)
    assert f"‘{book.name}’, versie {book.version} (SHA-256 {book.digest[:12]}…)" in texts[1]
    assert any(t.startswith("Let op: 1 van de 10 interviews") for t in texts)

    counted = dict(
        conn.execute(
            "SELECT source, COUNT(*) FROM codings WHERE status != 'rejected' GROUP BY source"
        ).fetchall()
    )
    assert any(f"berusten op {sum(counted.values())} coderingen" in t for t in texts)
    (sources,) = tables
    got = {row.cells[0].text: int(row.cells[1].text) for row in sources.rows[1:]}
    labels = method.SOURCE_LABELS["nl"]
    assert got == {labels[s]: k for s, k in counted.items()}

    total, accepted, rejected, pending = conn.execute(
        "SELECT COUNT(*), SUM(status = 'accepted'), SUM(status = 'rejected'), "
        "SUM(status = 'pending') FROM codings WHERE source = 'rule'"
    ).fetchone()
    review = next(t for t in texts if t.startswith("Van de "))
    assert review.startswith(
        f"Van de {total} coderingen door de regels zijn er {accepted + rejected} door een persoon "
        f"beoordeeld: {accepted} geaccepteerd en {rejected} afgewezen."
    )
    assert f"De tellingen omvatten {pending} coderingen die niemand heeft beoordeeld" in review

    # anna and bert: both coded two turns, each one turn the other did not.
    units = one(
        "SELECT COUNT(*) FROM segments WHERE role = 'participant' AND transcript_id IN (1, 2)"
    )
    both, only_a, only_b, neither = 2, 1, 1, units - 4
    pct = (both + neither) / units
    a_yes, b_yes = both + only_a, both + only_b
    chance = (a_yes * b_yes + (units - a_yes) * (units - b_yes)) / units**2
    kappa = (pct - chance) / (1 - chance)
    agree = next(t for t in texts if t.startswith("Codeur 1 en Codeur 2"))  # anna, bert
    assert agree.startswith(
        f"Codeur 1 en Codeur 2 codeerden allebei 2 interviews; over {units} beslis"
    )
    assert f"in {pct * 100:.1f}% overeen".replace(".", ",") in agree
    assert f"kappa {kappa:.2f}".replace(".", ",") in agree
    assert not any("F1" in t for t in texts)  # no accuracy file: no sentence

    # --reviewed: only what a person made or accepted counts, and the section says so.
    out2 = tmp_path / "r2.docx"
    args = ["report", "--project", str(reviewed_project), "-o", str(out2), "--reviewed"]
    assert runner.invoke(app, args).exit_code == 0
    texts2, (sources2,) = method_paragraphs(Document(str(out2)))
    assert any(
        t.endswith("niet beoordeelde en afgewezen coderingen tellen niet mee.") for t in texts2
    )
    assert {row.cells[0].text: int(row.cells[1].text) for row in sources2.rows[1:]} == {
        labels["rule"]: accepted,
        labels["import"]: counted["import"],
    }


def test_no_method_and_no_second_coder(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    args = ["report", "--project", str(project), "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    texts, _ = method_paragraphs(Document(str(out)))
    assert "de overeenstemming tussen codeurs is niet gemeten" in " ".join(texts)
    assert "is er nog geen door een persoon beoordeeld" in " ".join(texts)
    bare = tmp_path / "bare.docx"
    assert (
        runner.invoke(
            app, ["report", "--project", str(project), "-o", str(bare), "--no-method"]
        ).exit_code
        == 0
    )
    doc = Document(str(bare))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Resultaten", "Deelnemers"] and "Methode" not in headings
    assert len(doc.tables) == 3
    md = tmp_path / "bare.md"
    assert (
        runner.invoke(
            app, ["report", "--project", str(project), "-o", str(md), "--no-method"]
        ).exit_code
        == 0
    )
    assert md.read_text(encoding="utf-8").startswith("# Resultaten\n")


def write_accuracy(path: Path, **extra: Any) -> Path:
    data = {"interviews": 12, "precision": 0.8125, "recall": 0.6667, "f1": 0.7324, **extra}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_accuracy_sentence_from_the_shipped_file(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from lernet_cli.codebook.codebook import parse_codebook
    from lernet_cli.output import method

    from .conftest import DEFAULT_CODEBOOK

    digest = parse_codebook(DEFAULT_CODEBOOK, with_rules=False).digest
    figures = write_accuracy(tmp_path / "acc.json", codebook_digest=digest)
    monkeypatch.setattr(method, "accuracy_path", lambda: figures)
    out = tmp_path / "r.docx"
    assert runner.invoke(app, ["report", "--project", str(project), "-o", str(out)]).exit_code == 0
    texts, _ = method_paragraphs(Document(str(out)))
    assert texts[-1] == (
        "De regels van dit codeboek zijn gemeten op 12 niet eerder geziene interviews: "
        "F1 0,73 (precisie 0,81, recall 0,67)."
    )
    # In English, with a decimal point.
    english = tmp_path / "en"
    shutil.copytree(project, english, ignore=shutil.ignore_patterns("report*", "matrix*", "r.*"))
    config = english / "lernet.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "language: en\n", encoding="utf-8")
    out_en = tmp_path / "r.md"
    assert (
        runner.invoke(app, ["report", "--project", str(english), "-o", str(out_en)]).exit_code == 0
    )
    text = out_en.read_text(encoding="utf-8")
    assert text.startswith("# Method\n")
    assert (
        "This codebook's rules were measured on 12 unseen interviews: F1 0.73 (precision 0.81, "
        "recall 0.67)." in text
    )
    # Figures for another version of the codebook, or no file at all: no sentence.
    write_accuracy(figures, codebook_digest="0" * 64)
    out2 = tmp_path / "r2.docx"
    assert runner.invoke(app, ["report", "--project", str(project), "-o", str(out2)]).exit_code == 0
    assert not any("F1" in t for t in method_paragraphs(Document(str(out2)))[0])
    figures.unlink()
    out3 = tmp_path / "r3.docx"
    assert runner.invoke(app, ["report", "--project", str(project), "-o", str(out3)]).exit_code == 0
    assert not any("F1" in t for t in method_paragraphs(Document(str(out3)))[0])


def test_read_accuracy(tmp_path: Path) -> None:
    from lernet_cli.output.method import Accuracy, read_accuracy

    path = tmp_path / "a.json"
    assert read_accuracy(None, "d") is None
    assert read_accuracy(path, "d") is None  # absent
    assert read_accuracy(write_accuracy(path), "d") == Accuracy(12, 0.8125, 0.6667, 0.7324)
    assert read_accuracy(write_accuracy(path, codebook_digest="d"), "d") is not None
    assert read_accuracy(write_accuracy(path, codebook_digest="e"), "d") is None
    for bad in (
        '{"interviews": 0, "precision": 1, "recall": 1, "f1": 1}',
        '{"interviews": 3, "precision": 1.5, "recall": 1, "f1": 1}',
        '{"interviews": true, "precision": 1, "recall": 1, "f1": 1}',
        '{"interviews": 3, "precision": 1, "recall": 1}',
        "[1]",
        "not json",
    ):
        path.write_text(bad, encoding="utf-8")
        assert read_accuracy(path, "d") is None, bad


def test_accuracy_only_for_the_default_codebook(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lernet_cli.codebook.codebook import parse_codebook
    from lernet_cli.output import method

    from .conftest import DEFAULT_CODEBOOK

    monkeypatch.setattr(method, "accuracy_path", lambda: write_accuracy(tmp_path / "a.json"))
    default = parse_codebook(DEFAULT_CODEBOOK, with_rules=False)
    assert method.default_accuracy(default) is not None
    # a comment codes nothing differently: the same figures
    text = DEFAULT_CODEBOOK.read_text(encoding="utf-8")
    edited = tmp_path / "lerende-netwerken.yaml"
    edited.write_text(text + "\n# a local change\n", encoding="utf-8")
    assert method.default_accuracy(parse_codebook(edited, with_rules=False)) is not None
    # a rule's term changed: other rules, no figures
    assert '"=kennis", "vakkennis"' in text
    edited.write_text(text.replace('"=kennis", "vakkennis"', '"=kennis", "vakken"'), "utf-8")
    assert method.default_accuracy(parse_codebook(edited, with_rules=False)) is None


# --- marking counts that rest on unreviewed codings ---------------------------------------------


def test_mark_unreviewed(project: Path, reviewed_project: Path, tmp_path: Path) -> None:
    from lernet_cli.store.store import Store

    with Store.open(reviewed_project / ".lernet" / "lernet.db") as store:
        rows = store.coding_rows(codes=["trust.not_acquainted"])
        pending = [r for r in rows if r.source == "rule" and r.status == "pending"]
        # Accept one participant's codings: that one no longer rests on unreviewed codings.
        sure = pending[0].participant
        for r in pending:
            if r.participant == sure:
                store.set_review(r.id, "accepted", "anna")
        rows = store.coding_rows(codes=["trust.not_acquainted"])
    everyone = {r.participant for r in rows}
    reviewed = {r.participant for r in rows if r.status != "pending"}
    only_unreviewed = len(everyone - reviewed)
    assert 0 < only_unreviewed < len(everyone)

    out = tmp_path / "r.docx"
    args = ["report", "--project", str(reviewed_project), "-o", str(out), "--mark-unreviewed"]
    assert runner.invoke(app, args).exit_code == 0, out
    doc = Document(str(out))
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    line = next(b for b in bullets if b.startswith("Elkaar nog niet goed kennen"))
    assert line.startswith(
        f"Elkaar nog niet goed kennen ({len(everyone)}x, waarvan {only_unreviewed} niet beoordeeld)"
    )
    assert any("„waarvan N niet beoordeeld”" in p.text for p in doc.paragraphs)
    phases = doc.tables[-1]
    assert any("niet beoordeeld" in row.cells[1].text for row in phases.rows[1:])

    md = tmp_path / "r.md"
    args = ["report", "--project", str(reviewed_project), "-o", str(md), "--mark-unreviewed"]
    assert runner.invoke(app, args).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "\u00a0" not in text and "| Brengen * " in text
    assert "\n\\* De cel berust (deels) op automatische coderingen" in text

    # Nothing reviewed: every matrix cell that says something rests on unreviewed codings.
    fresh = tmp_path / "fresh.docx"
    args = ["report", "--project", str(project), "-o", str(fresh), "--mark-unreviewed"]
    assert runner.invoke(app, args).exit_code == 0
    doc = Document(str(fresh))
    matrix = next(t for t in doc.tables if t.rows[0].cells[1].text == GROUPS[0])
    cells = [c.text for row in matrix.rows[1:] if not spans_the_row(row) for c in row.cells[1:]]
    assert cells and all(c.endswith("\u00a0*") != c.startswith("n.v.t.") for c in cells)
    assert any(p.text.startswith("* De cel berust") for p in doc.paragraphs)

    # Without the option, or counting reviewed codings only, nothing is marked.
    for extra in ([], ["--reviewed", "--mark-unreviewed"]):
        plain = tmp_path / f"plain{len(extra)}.docx"
        args = ["report", "--project", str(reviewed_project), "-o", str(plain), *extra]
        assert runner.invoke(app, args).exit_code == 0
        body = "\n".join(p.text for p in Document(str(plain)).paragraphs)
        assert "niet beoordeeld)" not in body and "De cel berust" not in body


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "No participant was coded with this theme."),
        ("nl", "Geen deelnemer is met dit thema gecodeerd."),
    ],
)
def test_a_theme_nobody_has_says_so(tmp_path: Path, language: str, sentence: str) -> None:
    """The starter codebook's themes all have codes; one interview coded with one theme only,
    by a participant in no group."""
    root = tmp_path / "study"
    result = runner.invoke(app, ["init", str(root), "--blank", "--language", language])
    assert result.exit_code == 0, result.stderr
    (root / "p1.txt").write_text(
        "Interviewer: How is it going?\n"
        "Nurse: Honestly it helps me a lot with the follow-up calls.\n",
        encoding="utf-8",
    )
    for args in (["code", str(root / "p1.txt")], ["report", "-o", str(root / "report.md")]):
        result = runner.invoke(app, [*args, "--project", str(root)])
        assert result.exit_code == 0, result.stderr
    lines = (root / "report.md").read_text(encoding="utf-8").splitlines()
    zero = "(0x)" if language == "nl" else "(n=0)"
    uncoded = [i for i, line in enumerate(lines) if line.startswith("## ") and zero in line]
    assert uncoded
    for i in uncoded:
        assert lines[i + 2] == sentence
    # nobody has a group: a study without groups, no "(zonder groep: 1)" in the overview
    # (tests/test_study_without_groups.py; beside a group it is named, test_group_columns.py)
    nobody = {"nl": "zonder groep", "en": "ungrouped"}[language]
    assert not any(f"{nobody}: 1" in line for line in lines)
    assert not any("ungrouped" in line for line in lines) or language == "en"


def test_method_counts_a_direction_changed_in_review_as_accepted(
    project: Path, tmp_path: Path
) -> None:
    """`lernet review`, answer d: the rules' coding was accepted with another direction, not
    rejected, and it is no code changed in review (answer c, which is)."""
    import shutil

    from lernet_cli.codebook.codebook import parse_codebook
    from lernet_cli.coding.review import decide
    from lernet_cli.output import method
    from lernet_cli.store.store import Store

    from .conftest import DEFAULT_CODEBOOK

    root = tmp_path / "proj"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("report*", "matrix*", "r.*"))
    book = parse_codebook(DEFAULT_CODEBOOK)
    with Store.open(root / ".lernet" / "lernet.db") as store:
        rows = store.coding_rows(sources=["rule"])
        directed = [r for r in rows if r.direction in ("bring", "take")]
        plain = [r for r in rows if r not in directed]
        other = {"bring": "take", "take": "bring"}
        decide(
            store,
            book,
            directed[0],
            "direction",
            "anna",
            direction=other[directed[0].direction or ""],
        )
        decide(
            store,
            book,
            directed[1],
            "direction",
            "anna",
            direction=other[directed[1].direction or ""],
        )
        decide(store, book, plain[0], "accept", "anna")
        decide(store, book, plain[1], "reject", "anna")
        new_code = next(r.code for r in rows if r.code != plain[2].code)
        decide(store, book, plain[2], "change", "anna", new_code=new_code)
        total = len(rows)
    settings = (root / "lernet.yaml").read_text(encoding="utf-8")

    for lang, sentence, origin in (
        (
            "nl",
            "{r} door een persoon beoordeeld: 3 geaccepteerd (waarvan 2 met een andere "
            "richting) en 2 afgewezen.",
            "Regels van het codeboek (automatisch)",
        ),
        (
            "en",
            "a person reviewed {r}: 3 accepted (2 of them with another direction) and 2 rejected.",
            "Codebook rules (automatic)",
        ),
    ):
        (root / "lernet.yaml").write_text(settings + f"language: {lang}\n", encoding="utf-8")
        out = tmp_path / f"r_{lang}.md"
        args = ["report", "--project", str(root), "-o", str(out)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        assert sentence.format(r=5) in text
        table = dict(
            (cells[1].strip(), int(cells[2]))
            for line in text.splitlines()
            if (cells := line.split("|"))[0] == ""
            and len(cells) == 4
            and cells[2].strip().isdigit()
        )
        # the two redirected codings count with the rules' (minus the rejected and the changed)
        assert table[origin] == total - 2
        assert table[method.SOURCE_LABELS[lang]["review"]] == 1


def test_quotes_are_proofed_in_their_interviews_language(project: Path, tmp_path: Path) -> None:
    """An English report of Dutch interviews: the document is English (UK), each quote's words
    Dutch, so Word does not underline every quote; the attribution stays the project's."""
    import shutil

    from docx.oxml.ns import qn

    root = tmp_path / "proj"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("report*", "matrix*", "r.*"))
    settings = (root / "lernet.yaml").read_text(encoding="utf-8")
    (root / "lernet.yaml").write_text(settings + "language: en\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    result = runner.invoke(app, ["report", "--project", str(root), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    doc = Document(str(out))
    assert proofing(doc) == "en-GB"

    def lang(run: Any) -> str | None:
        rpr = run._r.rPr
        mark = rpr.find(qn("w:lang")) if rpr is not None else None
        return mark.get(qn("w:val")) if mark is not None else None

    quotes = [p for p in doc.paragraphs if p.style.name == "Quote"]
    assert quotes
    for p in quotes:
        marked = [(r.text, lang(r)) for r in p.runs]
        words = [text for text, said in marked if said is not None]
        assert [said for _, said in marked if said is not None] == ["nl-NL"]
        assert p.text.startswith("“" + words[0] + "”")  # the attribution is not marked


@pytest.mark.parametrize(
    "template",
    ["“{quote}” ({label})", "{label}: {quote}", "{quote}", "“{quote}” — {label}, {quote}"],
)
def test_quote_parts_are_the_formatted_quote_in_pieces(template: str) -> None:
    from lernet_cli.analysis.quotes import Quote, format_quote, quote_parts

    q = Quote("t", "t.c", "P1", "g", "adviser", "Dat “klopt” wel.", "a.txt", 1)
    parts = quote_parts(q, template)
    assert "".join(text for text, _ in parts) == format_quote(q, template)
    assert [text for text, words in parts if words] == [
        "Dat ‘klopt’ wel." if "“{quote}”" in template else "Dat “klopt” wel."
    ] * template.count("{quote}")
    assert all("adviser" not in text for text, words in parts if words)


def test_report_lists_a_code_with_sub_codes_as_tally_md_does(project: Path, tmp_path: Path) -> None:
    """A code with sub-codes has a count of its own (people, not the sum of its sub-codes'):
    the report lists it with its sub-codes indented under it, in Markdown and in Word, as
    `tally --format md` does."""
    result = runner.invoke(app, ["tally", "--project", str(project), "--format", "md"])
    assert result.exit_code == 0, result.stderr
    tallied = [line for line in result.stdout.splitlines() if line.lstrip().startswith("- ")]
    assert any(line.startswith("  - ") for line in tallied)  # the corpus has sub-codes
    md = tmp_path / "nested.md"
    docx = tmp_path / "nested.docx"
    for out in (md, docx):
        args = ["report", "--project", str(project), "-o", str(out), "--no-method"]
        assert runner.invoke(app, args).exit_code == 0
    count = re.compile(r" \(\d+x\).*")
    listed = [
        count.sub("", line).replace("- ", "", 1)
        for line in md.read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith("- ")
    ]
    assert listed == [count.sub("", line).replace("- ", "", 1) for line in tallied]
    bullets = [
        (p.style.name, count.sub("", p.text))
        for p in Document(str(docx)).paragraphs
        if p.style.name.startswith("List Bullet")
    ]
    assert bullets == [
        ("List Bullet 2" if line.startswith("  ") else "List Bullet", line.strip())
        for line in listed
    ]

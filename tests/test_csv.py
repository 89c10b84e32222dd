"""Every CSV lernet writes follows one rule: the project's language decides the delimiter (';'
with decimal commas in a Dutch project, as Dutch and Belgian Excel open it by double-click; ','
in an English one), --delimiter overrides it, and a CSV written into a file has a byte-order
mark."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()
TEXT = """\
I: Kent u de anderen?
R: Nou, [[not_acquainted: we kennen elkaar nog niet goed]].
I: En de concurrentie?
R: Onze marktpositie is belangrijk, en we halen veel kennis op.
"""
COMMANDS = [
    ["tally"],
    ["matrix", "--counts"],
    ["codings"],
    ["memos"],
    ["agree", "manual", "auto"],
    ["codebook", "show"],
]


def coded(project: Path, language: str) -> Path:
    (project / "lernet.yaml").write_text(
        f"codebook: codebook.yaml\nlanguage: {language}\n", encoding="utf-8"
    )
    (project / "p01.txt").write_text(TEXT, encoding="utf-8")
    (project / "p02.txt").write_text(TEXT.replace("Nou, ", "Tja, "), encoding="utf-8")
    result = runner.invoke(app, ["code", "p01.txt", "p02.txt"])
    assert result.exit_code == 0, result.stderr
    return project


def header(out: str, delimiter: str) -> list[str]:
    return next(csv.reader(io.StringIO(out), delimiter=delimiter))


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize(("language", "sep"), [("nl", ";"), ("en", ",")])
def test_every_csv_is_separated_as_the_project_language_has_it(
    project: Path, args: list[str], language: str, sep: str
) -> None:
    coded(project, language)
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert len(header(first, sep)) > 2, first
    other = "," if sep == ";" else ";"
    assert len(header(first, other)) == 1, first
    tab = runner.invoke(app, [*args, "--format", "csv", "--delimiter", "tab"])
    assert tab.exit_code == 0 and len(header(tab.stdout, "\t")) > 2


def test_a_dutch_csv_has_decimal_commas(project: Path) -> None:
    coded(project, "nl")
    r = runner.invoke(app, ["agree", "manual", "auto", "--format", "csv"])
    overall = r.stdout.splitlines()[-1].split(";")
    assert "," in overall[2] and "." not in overall[2] and "%" not in overall[2]  # 0,6667
    r = runner.invoke(app, ["agree", "manual", "auto", "--format", "csv", "--delimiter", ","])
    assert "." in next(csv.reader(io.StringIO(r.stdout.splitlines()[-1])))[2]


def test_a_matrix_file_has_a_byte_order_mark(project: Path) -> None:
    coded(project, "nl")
    result = runner.invoke(app, ["matrix", "-o", "m.csv"])
    assert result.exit_code == 0, result.stderr
    data = (project / "m.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data[3:].startswith(b"id;label;")


def test_a_bad_delimiter_or_one_without_csv_is_refused(project: Path) -> None:
    coded(project, "nl")
    r = runner.invoke(app, ["tally", "--format", "csv", "--delimiter", "|"])
    assert r.exit_code == 2 and "--delimiter must be auto, ',', ';' or tab" in r.stderr
    r = runner.invoke(app, ["tally", "--delimiter", ";"])
    assert r.exit_code == 2 and "--delimiter goes with --format csv" in r.stderr
    r = runner.invoke(app, ["matrix", "-o", "m.md", "--delimiter", ";"])
    assert r.exit_code == 2 and not (project / "m.md").exists()


def test_standard_output_into_a_file_has_a_byte_order_mark_and_a_pipe_none(project: Path) -> None:
    coded(project, "nl")
    command = [sys.executable, "-m", "lernet_cli", "tally", "--format", "csv"]
    env = {**os.environ, "PYTHONUTF8": "1"}
    with (project / "t.csv").open("wb") as out:
        subprocess.run(command, stdout=out, check=True, env=env, timeout=120)
    assert (project / "t.csv").read_bytes().startswith(b"\xef\xbb\xbfid;label;")
    piped = subprocess.run(command, capture_output=True, check=True, env=env, timeout=120)
    assert piped.stdout.startswith(b"id;label;")


@pytest.mark.parametrize(
    "args", [*COMMANDS, ["names"], ["speakers", "p01.txt"]], ids=lambda a: " ".join(a)
)
def test_the_project_setting_chooses_the_delimiter_of_every_csv(
    project: Path, args: list[str]
) -> None:
    """A Belgian researcher writing in English: csv_delimiter ';' in lernet.yaml."""
    coded(project, "en")
    config = project / "lernet.yaml"
    config.write_text(config.read_text(encoding="utf-8") + 'csv_delimiter: ";"\n', "utf-8")
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert len(header(result.stdout.splitlines()[0], ";")) > 2, result.stdout
    comma = runner.invoke(app, [*args, "--format", "csv", "--delimiter", ","])
    assert len(header(comma.stdout.splitlines()[0], ",")) > 2


def test_the_project_setting_reaches_export_csv_and_a_bad_one_is_refused(project: Path) -> None:
    coded(project, "en")
    config = project / "lernet.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "csv_delimiter: tab\n", encoding="utf-8")
    assert runner.invoke(app, ["export", "csv", "c.csv"]).exit_code == 0
    first = (project / "c.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.startswith("participant\tgroup\t")
    before = (project / ".lernet" / "lernet.db").read_bytes()
    config.write_text(text + "csv_delimiter: '|'\n", encoding="utf-8")
    r = runner.invoke(app, ["tally", "--format", "csv"])
    assert r.exit_code != 0 and "lernet.yaml:3:" in r.stderr
    assert "csv_delimiter must be auto, ',', ';' or tab" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert (project / ".lernet" / "lernet.db").read_bytes() == before


def test_the_coders_csv_is_separated_as_the_project_language_has_it(project: Path) -> None:
    coded(project, "nl")
    result = runner.invoke(app, ["coders", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert header(result.stdout, ";")[:2] == ["name", "person"]
    assert "manual" in result.stdout


def test_a_dutch_csv_writes_an_id_that_looks_like_a_number_as_it_is(project: Path) -> None:
    """Participants 1.1 and 1.10 (wave 1, people 1 and 10) stay two people: written "1,1" and
    "1,10", R's read.csv2 read both as the number 1.1."""
    (project / "participants.yaml").write_text(
        "participants:\n"
        "  - {id: '1.10', label: adviseur, files: [p01*]}\n"
        "  - {id: '1.1', label: adviseur, files: [p02*]}\n",
        encoding="utf-8",
    )
    coded(project, "nl")
    result = runner.invoke(app, ["codings", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    people = {
        row["participant"] for row in csv.DictReader(io.StringIO(result.stdout), delimiter=";")
    }
    assert people == {"1.10", "1.1"}


FORMULAS = """\
I: Kent u de anderen?
R: [[not_acquainted: =we kennen elkaar nog niet goed]], zegt Pieter.
I: En verder?
R: - [[not_acquainted: @Pieter kent ook niemand]].
R: +1 voor [[not_acquainted: -we kennen elkaar niet]].
"""


def test_no_csv_cell_is_a_formula_in_a_spreadsheet(project: Path) -> None:
    """A quote that starts with "=", "-", "+" or "@" is a formula to Excel (#NAME? where the
    words were, or a command run): every CSV writes it with a "'" before it; numbers stay."""
    from lernet_cli.output.render import spreadsheet_text

    assert [spreadsheet_text(t) for t in ("-3", "+31", "-0,5", "-", "12%", "a=b")] == [
        "-3",
        "+31",
        "-0,5",
        "-",
        "12%",
        "a=b",
    ]
    assert spreadsheet_text("- we delen") == "'- we delen"
    (project / "p01.txt").write_text(FORMULAS, encoding="utf-8")
    assert runner.invoke(app, ["code", "p01.txt"]).exit_code == 0
    for args in (["codings", "--format", "csv"], ["names", "--format", "csv"]):
        result = runner.invoke(app, [*args, "--delimiter", ","])
        assert result.exit_code == 0, result.stderr
        cells = [c for row in csv.reader(io.StringIO(result.stdout)) for c in row]
        assert not [c for c in cells if c[:1] in "=+-@" and len(c) > 1], cells
        assert any(c.startswith(("'=", "'@", "'-")) for c in cells), cells
    result = runner.invoke(app, ["export", "csv", "codings.csv", "--span", "turn"])
    assert result.exit_code == 0, result.stderr
    text = (project / "codings.csv").read_text(encoding="utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text), delimiter=";") for c in row]
    assert not [c for c in cells if c[:1] in "=+-@" and len(c) > 1], cells
    assert {"'@Pieter kent ook niemand", "'-we kennen elkaar niet"} <= set(cells)


def test_export_csv_writes_a_signed_number_as_a_number_and_a_formula_quoted(
    project: Path,
) -> None:
    """A participant variable such as a change score (-2, +1, -0.5) is a number R, SPSS and
    Excel read as one: not written '-2 (text), as a formula is."""
    (project / "participants.csv").write_text(
        "id,label,files,change,remark\np01,adviseur,p01*,-2,=1+1\np02,adviseur,p02*,-0.5,-2+3\n",
        encoding="utf-8",
    )
    coded(project, "en")
    (project / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nlanguage: en\nparticipants: participants.csv\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["export", "csv", "codings.csv"])
    assert result.exit_code == 0, result.stderr
    text = (project / "codings.csv").read_text(encoding="utf-8-sig")
    cells = {
        (r["participant"], r["change"], r["remark"]) for r in csv.DictReader(io.StringIO(text))
    }
    assert cells == {("p01", "-2", "'=1+1"), ("p02", "-0.5", "'-2+3")}


def _line_ends(data: bytes) -> set[bytes]:
    """How the lines of a CSV end, outside quoted cells (a cell may hold a line break)."""
    ends: set[bytes] = set()
    quoted = False
    for i, byte in enumerate(data):
        if byte == ord('"'):
            quoted = not quoted
        elif byte == ord("\n") and not quoted:
            ends.add(b"\r\n" if data[i - 1 : i] == b"\r" else b"\n")
    return ends


@pytest.mark.parametrize(
    "args",
    [*COMMANDS, ["cases"], ["names"]],
    ids=lambda a: " ".join(a),
)
def test_every_csv_ends_its_lines_alike(project: Path, args: list[str]) -> None:
    """One convention for every CSV lernet writes, on standard output and with -o: lines end
    in \\r\\n, as RFC 4180 says (a spreadsheet reads both; two commands' files should not
    differ in it)."""
    coded(project, "nl")
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert _line_ends(result.stdout_bytes) == {b"\r\n"}, result.stdout
    out = project / "out.csv"
    result = runner.invoke(app, [*args, "--format", "csv", "-o", str(out), "--force"])
    assert result.exit_code == 0, result.stderr
    assert _line_ends(out.read_bytes()) == {b"\r\n"}


def test_every_exported_csv_ends_its_lines_alike(project: Path) -> None:
    coded(project, "nl")
    for args in (["export", "csv", "codings.csv"], ["export", "taguette", "tags.csv"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        assert _line_ends((project / args[-1]).read_bytes()) == {b"\r\n"}, args


def test_a_console_that_translates_line_ends_does_not_double_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows' standard output writes "\\n" as "\\r\\n": a CSV's "\\r\\n" must not become
    "\\r\\r\\n" (an empty row after every row in Excel)."""
    from lernet_cli.output.render import to_csv, write_csv

    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n")
    monkeypatch.setattr(sys, "stdout", console)
    write_csv(to_csv(["a", "b"], [[1, 2]], ","))
    console.flush()
    assert raw.getvalue() == b"a,b\r\n1,2\r\n"

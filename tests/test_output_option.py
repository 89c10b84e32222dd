"""`-o/--output FILE` on every command with `--format`: the format the file's extension names (or
--format's), never over an existing file without --force, a CSV with the project's delimiter and
a byte-order mark, and nothing on standard output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()

PHASES = """\
  - id: development
    label: {nl: Ontwikkeling, en: Development}
    codes:
      - id: phase_potential
        label: {nl: "Fase: potentieel", en: "Phase: potential"}
        phase: 1
        match:
          - any: [beginnen]
"""
A1 = """\
I: Hoe kennen de leden elkaar?
R: [[trust.not_acquainted: We kennen elkaar nog niet goed.]] We beginnen pas, kennis halen we op.
I: En concurrentie?
R: Concurrentie is er wel, dat merk je. Laatst zei Hendrikus Vlaswinkel het nog.
"""
B1 = """\
I: Kent u de andere leden?
R: [[trust.not_acquainted: We spreken elkaar eigenlijk nauwelijks.]] [[Opvallend: Wij halen
kennis op.]]
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def coded(project: Path) -> Path:
    codebook = project / "codebook.yaml"
    codebook.write_text(codebook.read_text(encoding="utf-8") + PHASES, encoding="utf-8")
    (project / "a1.txt").write_text(A1, encoding="utf-8")
    (project / "b1.txt").write_text(B1, encoding="utf-8")
    code, _, err = run("code", "a1.txt", "b1.txt", "--coder", "eva")
    assert code == 0, err
    return project


# Each command with --format: its arguments, the formats it writes to a file, and a word its JSON
# and CSV hold.
COMMANDS = [
    (["tally"], "md csv json", "trust.not_acquainted"),
    (["quotes"], "text md json", "We kennen elkaar nog niet goed"),
    (["matrix"], "md csv json", "interest_balance.knowledge"),
    (["phases"], "md csv json", "development.phase_potential"),
    (["agree", "eva", "auto"], "csv json", "trust.not_acquainted"),
    (["codings"], "csv json", "trust.not_acquainted"),
    (["memos"], "csv json", "Opvallend"),
    (["speakers", "a1.txt"], "csv json", "a1.txt"),
    (["codebook", "show"], "md csv json", "trust.not_acquainted"),
    (["codebook", "eval", "--coder", "eva"], "md csv json", "trust.not_acquainted"),
    (["suggest", "--code", "trust.not_acquainted", "--coder", "eva"], "json", "not_acquainted"),
    (["coders"], "csv json", "eva"),
    (["names"], "md csv json", "Vlaswinkel"),
]
IDS = [" ".join(c[:2]) for c, _, _ in COMMANDS]
ALL = [(c, w) for c, _, w in COMMANDS]


@pytest.mark.parametrize(("command", "formats", "word"), COMMANDS, ids=IDS)
def test_output_writes_the_format_its_extension_names(
    coded: Path, command: list[str], formats: str, word: str
) -> None:
    suffixes = {"md": ".md", "csv": ".csv", "json": ".json", "text": ".txt"}
    for fmt in formats.split():
        out = coded / f"out{suffixes[fmt]}"
        code, stdout, err = run(*command, "-o", str(out))
        assert code == 0, (fmt, err)
        assert stdout == "", fmt
        assert out.is_file() and f"lernet: wrote {out}" in err, (fmt, err)
        data = out.read_bytes()
        if fmt == "csv":
            assert data.startswith(b"\xef\xbb\xbf"), fmt
            if command[0] != "coders":  # its columns are English words, not the language's
                assert ";" in data.decode("utf-8-sig").splitlines()[0]
        else:
            assert not data.startswith(b"\xef\xbb\xbf"), fmt
        if fmt == "json":
            json.loads(data)
        if fmt in ("json", "csv"):
            assert word in data.decode("utf-8-sig"), fmt
        # the same output as on the screen, byte for byte but for the mark (CliRunner's
        # stdout would show a CSV's \r\n line ends as \n)
        screen = runner.invoke(app, [*command, "-f", fmt]).stdout_bytes.decode("utf-8")
        assert data.decode("utf-8-sig") == screen, fmt


@pytest.mark.parametrize(("command", "word"), ALL, ids=IDS)
def test_output_never_overwrites_without_force(coded: Path, command: list[str], word: str) -> None:
    out = coded / "kept.json"
    out.write_text("keep me", encoding="utf-8")
    code, stdout, err = run(*command, "-o", str(out))
    assert code == 2 and "kept.json: already exists" in err and stdout == ""
    assert out.read_text(encoding="utf-8") == "keep me"
    code, _, err = run(*command, "-o", str(out), "--force")
    assert code == 0, err
    assert word in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("command", "word"), ALL, ids=IDS)
def test_output_refuses_an_extension_it_cannot_write(
    coded: Path, command: list[str], word: str
) -> None:
    out = coded / "out.xlsx"
    code, _, err = run(*command, "-o", str(out))
    assert code == 2 and "out.xlsx: --output writes ." in err
    assert not out.exists()


def test_format_decides_over_the_extension(coded: Path) -> None:
    out = coded / "tally.txt"
    code, _, err = run("tally", "-f", "csv", "-o", str(out), "--delimiter", ",")
    assert code == 0, err
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("id,label,")


def test_tally_o_as_the_user_typed_it(coded: Path) -> None:
    code, _, err = run("tally", "-o", "tally.csv")
    assert code == 0, err
    lines = (coded / "tally.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("id;label;participants;segments")


def test_output_dash_is_no_file_named_dash(coded: Path) -> None:
    """`-o -` (standard output to many tools) wrote a file named '-' beside the project."""
    code, _, err = run("tally", "-f", "csv", "-o", "-")
    assert code == 2
    assert "leave out -o to write to standard output" in err
    assert not (coded / "-").exists()

"""A Windows console (cp1252, cp850), output redirected into files, narrow windows: no
UnicodeEncodeError, files in UTF-8, nothing cut off."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lernet_cli.output import render
from lernet_cli.output.render import print_table

from .conftest import invoke_cli

TEXT = """\
I: Hoe gaat het in de groep?
R: Zoë schreef in de chat: we kennen elkaar niet goed 🙄, hè.
I: En de concurrentie?
R: Onze marktpositie kost ons € 600 per maand… dat blijft lastig.
"""


def coded(project: Path) -> Path:
    (project / "p01.txt").write_text(TEXT, encoding="utf-8")
    code, out = invoke_cli("code", "p01.txt")
    assert code == 0, out
    return project


def run(args: list[str], encoding: str, **how: object) -> subprocess.CompletedProcess[bytes]:
    """lernet as Python runs it on Windows: standard output in the console's code page."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "LC_ALL", "LANG")}
    env["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, "-m", "lernet_cli", *args], env=env, timeout=120, **how)  # type: ignore[call-overload,no-any-return]


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_output_redirected_into_a_file_is_utf8_whatever_the_code_page(
    project: Path, encoding: str
) -> None:
    """`lernet codings -f json > codings.json` on a Windows console."""
    coded(project)
    for fmt, name in [("json", "c.json"), ("csv", "c.csv"), ("table", "c.txt")]:
        with (project / name).open("wb") as out:
            done = run(["codings", "--format", fmt], encoding, stdout=out, stderr=subprocess.PIPE)
        assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    records = json.loads((project / "c.json").read_text(encoding="utf-8"))
    assert any("🙄" in r["text"] or "€" in r["text"] for r in records) or records
    data = (project / "c.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel reads UTF-8 by
    assert "marktpositie" in data.decode("utf-8")
    assert "┃" in (project / "c.txt").read_text(encoding="utf-8")


def test_messages_redirected_into_the_same_file_are_utf8_too(project: Path) -> None:
    """`lernet code … > log.txt 2>&1`: one encoding in the file."""
    coded(project)
    with (project / "log.txt").open("wb") as out:
        done = run(["code", "p01.txt", "geën-bestand.txt"], "cp1252", stdout=out, stderr=out)
    assert done.returncode != 0
    assert "geën-bestand.txt" in (project / "log.txt").read_bytes().decode("utf-8")


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_a_console_in_a_code_page_gets_plain_characters_and_no_traceback(
    project: Path, encoding: str
) -> None:
    """Into a console or a pipe (`| more`) in cp850: its code page, no UnicodeEncodeError."""
    coded(project)
    quotes = run(["quotes"], encoding, capture_output=True)
    assert quotes.returncode == 0, quotes.stderr.decode(encoding, "replace")
    said = quotes.stdout.decode(encoding)
    assert "niet goed ?, hè" in said and "Traceback" not in quotes.stderr.decode(encoding)
    if encoding == "cp850":  # no curly quotes, no "…" or "€"
        assert '"Zoë schreef' in said and "EUR 600 per maand... dat" in said
    table = run(["codings"], encoding, capture_output=True)
    assert table.returncode == 0, table.stderr.decode(encoding, "replace")
    lines = table.stdout.decode(encoding).splitlines()
    assert lines[0].startswith("+--") and lines[1].startswith("| file")
    as_json = run(["codings", "--format", "json"], encoding, capture_output=True)
    assert as_json.returncode == 0, as_json.stderr.decode(encoding, "replace")
    assert as_json.stdout.isascii()  # escaped: valid in any code page, nothing replaced
    texts = [r["text"] for r in json.loads(as_json.stdout)]
    assert any("marktpositie" in t for t in texts)
    full = json.loads(run(["quotes", "--format", "json"], encoding, capture_output=True).stdout)
    assert any("€ 600" in q["text"] for q in full)
    assert any("🙄" in q["text"] for q in full)


def test_what_a_code_page_lacks_is_written_plain() -> None:
    text = "“Weer” – €5… 🙄 Zoë ł"
    assert text.encode("cp850", "lernet-plain").decode("cp850") == '"Weer" - EUR5... ? Zoë ?'
    assert text.encode("ascii", "lernet-plain").decode() == '"Weer" - EUR5... ? Zoe ?'
    assert text.encode("cp1252", "lernet-plain").decode("cp1252") == "“Weer” – €5… ? Zoë ?"


def test_a_plain_table_on_a_code_page_console_is_what_rich_draws() -> None:
    rows: list[list[object]] = [["Zoë", 3], ["naïve “quote”", 12]]

    def drawn(**options: object) -> bytes:
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="cp850", errors="lernet-plain")
        with contextlib.redirect_stdout(stream):
            print_table(["naam", "n"], rows, **options)  # type: ignore[arg-type]
        stream.flush()
        return raw.getvalue()

    plain = drawn()
    assert plain == drawn(bold_rows={10**9})  # through rich
    assert plain.decode("cp850").startswith("+-") and '"quote"' in plain.decode("cp850")
    assert render.in_code_page("“x”…", "cp850") == '"x"...'


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def on_terminal(columns: list[str], rows: list[list[object]], **options: object) -> str:
    buf = Terminal()
    with contextlib.redirect_stdout(buf):
        print_table(columns, rows, **options)  # type: ignore[arg-type]
    return buf.getvalue()


ROWS: list[list[object]] = [
    ["interviews/nl04_kenniscentrum.txt", "nl04", "kenniscentrum", "new", 2, 1, 2, 0],
    ["interviews/en01_consult.txt", "en01", "adviseur", "unchanged", 12, 10, 31, 4],
]
COLUMNS = ["file", "participant", "group", "status", "participant turns", "turns with a code"]
COLUMNS += ["codings", "by hand"]


def test_a_table_too_wide_for_a_narrow_window_is_a_block_per_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 60-column window (TERM=dumb, as conftest sets it, which rich takes for 80 columns)."""
    monkeypatch.setenv("COLUMNS", "60")
    out = on_terminal(COLUMNS, ROWS, numeric_from=4)
    assert "file: interviews/nl04_kenniscentrum.txt\n" in out
    assert "status: unchanged\nparticipant turns: 12\nturns with a code: 10\n" in out
    assert "…" not in out and max(len(line) for line in out.splitlines()) <= 60
    monkeypatch.setenv("COLUMNS", "200")
    wide = on_terminal(COLUMNS, ROWS, numeric_from=4)
    assert "file:" not in wide and "│ interviews/nl04_kenniscentrum.txt │" in wide


def test_a_word_wider_than_its_column_is_folded_not_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    rows = [["Elkaar nog niet goed kennen", "2x", "trust.not_acquainted_at_the_start"]]
    out = on_terminal(["thema / code", "deelnemers", "id"], rows, bold_rows={0}, numeric_to=2)
    assert "…" not in out and max(len(line) for line in out.splitlines()) <= 50
    column = "".join(line.split("│")[3].strip() for line in out.splitlines() if "│" in line)
    assert "trust.not_acquainted_at_the_start" in column


def test_a_dumb_terminal_gets_no_progress_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    """TERM=dumb (as conftest sets it): a bar cannot be redrawn there; it left a blank line."""
    from lernet_cli.cli import code_run
    from lernet_cli.coding import pipeline

    def code_files(*args: object, progress: object = None) -> list[object]:
        for path in args[4]:  # type: ignore[attr-defined]
            (progress or args[6])(path)  # type: ignore[operator]
        return []

    monkeypatch.setattr(pipeline, "code_files", code_files)
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert code_run._run_coding(None, None, None, None, ["a", "b", "c"], None) == []
    assert sys.stderr.getvalue() == ""  # type: ignore[attr-defined]


def test_a_tree_on_a_dumb_terminal_is_as_wide_as_the_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`lernet codebook show` in a 60-column window with TERM=dumb (conftest)."""
    from rich.tree import Tree

    monkeypatch.setenv("COLUMNS", "60")
    buf = Terminal()
    monkeypatch.setattr(sys, "stdout", buf)
    tree = Tree("Lerende netwerken")
    tree.add("knowledge_sharing.convinced  Overtuigd van de voordelen / Convinced of it")
    render.screen_console().print(tree)
    lines = buf.getvalue().splitlines()
    assert len(lines) == 3 and max(len(line) for line in lines) <= 60


def test_help_on_a_dumb_terminal_is_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """typer's boxes, 80 columns wide whatever the window there, become click's plain help."""
    import typer.core

    from lernet_cli.cli import common

    monkeypatch.setattr(typer.core, "rich", typer.core.rich)  # put back after the test
    with monkeypatch.context() as terminal:
        terminal.setattr(sys, "stdout", Terminal())
        common.plain_help_on_a_dumb_terminal()
    code, out = invoke_cli("tally", "--help")
    assert code == 0 and "Options:" in out and "╭" not in out


def test_review_on_a_dumb_terminal_is_as_wide_as_the_window(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lernet review` in a 60-column window with TERM=dumb: rich drew 80 columns there."""
    import click.testing

    long_turn = "Wij halen veel kennis op bij de andere leden van het netwerk, " * 3
    (project / "p01.txt").write_text(f"I: Wat haalt u?\nR: {long_turn}\n", encoding="utf-8")
    assert invoke_cli("code", "p01.txt")[0] == 0
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setattr(click.testing._NamedTextIOWrapper, "isatty", lambda self: True)
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    result = CliRunner().invoke(app, ["review"], input="q\n")
    assert result.exit_code == 0, result.stderr
    shown = [line for line in result.stdout.splitlines() if "kennis" in line]
    assert shown and max(len(line) for line in result.stdout.splitlines()[:-1]) <= 60

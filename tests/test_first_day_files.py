"""What a researcher's interview folder holds on the first day: every file read, or named in one
line saying what it is and what to do; the other files still coded."""

from __future__ import annotations

from pathlib import Path

from .conftest import dump_store, invoke_cli

GOOD = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"


def test_a_txt_with_old_mac_line_endings_is_read(project: Path) -> None:
    """A .txt with a BOM and only \\r between lines (an old Mac editor) crashed the check for a
    participants table saved as text (csv: new-line character seen in unquoted field)."""
    folder = project / "interviews"
    folder.mkdir()
    (folder / "mac.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r").encode())
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert "1 new" in out
    assert b"elkaar nog niet goed" in dump_store(project)


def test_a_participants_csv_with_old_mac_line_endings_is_read(project: Path) -> None:
    """Excel for Mac's "CSV (Macintosh)" ends its rows in \\r alone."""
    (project / "deelnemers.csv").write_bytes(b"id;group\rp01;bedrijf\r")
    (project / "p01.txt").write_text(GOOD, encoding="utf-8")
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: deelnemers.csv\n")
    code, out = invoke_cli("code", "p01.txt")
    assert code == 0, out
    assert "bedrijf" in out, out

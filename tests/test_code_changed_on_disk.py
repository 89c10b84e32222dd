"""`lernet code` without files after a transcript was edited on disk (a tag corrected): the file
is read again, as `lernet code FILES` reads it, not called unchanged; its participant stays."""

from __future__ import annotations

import json
import os
from pathlib import Path

from lernet_cli.coding.ondisk import NAME

from .conftest import invoke_cli

TEXT = "I: Hoe gaat het?\nR: Goed, we praten veel samen.\nI: En verder?\nR: Het loopt.\n"
TAGGED = TEXT + "R: [[trust.built: Ze staan altijd klaar voor ons.]]\n"


def _codes(file: str) -> list[str]:
    code, out = invoke_cli("codings", "--format", "json", "--no-anonymize")
    assert code == 0, out
    rows = json.loads(out[out.index("[") :])
    return sorted(r["code"] for r in rows if r["file"] == file)


def test_an_edited_file_is_read_again_and_keeps_its_participant(project: Path) -> None:
    (project / "a.txt").write_text(TEXT, encoding="utf-8")
    (project / "b.txt").write_text(TEXT.replace("samen", "veel"), encoding="utf-8")
    code, out = invoke_cli("code", "a.txt", "--participant", "P7", "--group", "school")
    assert code == 0, out
    code, out = invoke_cli("code", "b.txt")
    assert code == 0, out
    assert _codes("a.txt") == []
    (project / "a.txt").write_text(TAGGED, encoding="utf-8")
    code, out = invoke_cli("code")
    assert code == 0, out
    (row,) = [line for line in out.splitlines() if "a.txt" in line]
    assert "updated" in row and " P7 " in row and "school" in row
    assert "1 updated, 1 unchanged" in out
    assert _codes("a.txt") == ["trust.built"]
    code, out = invoke_cli("code")
    assert code == 0 and "2 unchanged" in out


def test_a_file_touched_but_not_changed_stays_unchanged(project: Path) -> None:
    (project / "a.txt").write_text(TEXT, encoding="utf-8")
    code, out = invoke_cli("code", "a.txt")
    assert code == 0, out
    st = os.stat(project / "a.txt")
    os.utime(project / "a.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    code, out = invoke_cli("code")
    assert code == 0 and "1 unchanged" in out
    cached = (project / ".lernet" / "cache" / NAME).read_text(encoding="utf-8")
    assert "a.txt" not in cached  # keyed by transcript, no file name in it

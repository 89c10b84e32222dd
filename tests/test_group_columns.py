"""The column of participants without a group is headed as the report heads it, in the project's
language, in every table a person reads; scripts keep the key."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .conftest import coded_with, invoke_cli

TEXT = (
    "I: Kent u de anderen?\n"
    "R: We kennen elkaar nog niet goed.\n"
    "I: Wat haalt u er?\n"
    "R: Ik haal er vooral kennis uit.\n"
)


def test_ungrouped_column_reads_as_in_the_report(project: Path) -> None:
    coded_with(project, TEXT)
    for args in (
        ["tally", "--by", "group", "--format", "md"],
        ["tally", "--by", "group"],
        ["matrix", "--format", "md"],
        ["matrix"],
        ["matrix", "--codes", "trust", "--format", "md"],
    ):
        code, out = invoke_cli(*args)
        assert code == 0, out
        assert "zonder groep" in out and "ungrouped" not in out, (args, out)
    code, out = invoke_cli("report", "-o", "rapport.md")
    assert code == 0, out
    assert "zonder groep" in (project / "rapport.md").read_text(encoding="utf-8")
    # CSV and JSON keep the key, stable for scripts
    code, out = invoke_cli("matrix", "--format", "csv")
    assert code == 0 and "ungrouped" in next(csv.reader(io.StringIO(out), delimiter=";"))
    code, out = invoke_cli("matrix", "--format", "json")
    assert code == 0 and "ungrouped" in json.loads(out)["groups"]

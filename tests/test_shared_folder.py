"""What a messy shared folder brings (QA14): timestamps after labels, hand coding in skipped copies,
a focus group listed speaker by speaker, a participants list beside the transcripts, a moved
`participants:` path and renamed files, run through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_quotes_leave_out_a_timestamp_after_the_label(project: Path) -> None:
    (project / "t.txt").write_text(
        "I: (13:15) Kent u de andere leden?\n"
        "R: (14:00) Eerlijk gezegd kennen we elkaar nog niet goed.\n"
        "I: [15:00] En concurrentie?\n"
        "R: (2019) Concurrentie is er wel, dat merk je.\n",
        encoding="utf-8",
    )
    code, _, err = run("code", "t.txt")
    assert code == 0, err
    code, out, err = run("quotes", "--format", "json")
    assert code == 0, err
    texts = sorted(q["text"] for q in json.loads(out))
    assert texts == [
        "(2019) Concurrentie is er wel, dat merk je.",
        "Eerlijk gezegd kennen we elkaar nog niet goed.",
    ]
    code, _, err = run("export", "csv", "c.csv", "--span", "turn")
    assert code == 0, err
    body = (project / "c.csv").read_text(encoding="utf-8-sig")
    assert "(14:00)" not in body and "Eerlijk gezegd kennen" in body

"""`lernet review --file`: one wave's codings only, as when wave 2 is added after wave 1 was
coded and partly reviewed; the other wave's pending codings stay as they were."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

runner = CliRunner()


def _pending(project: Path) -> list[str]:
    result = runner.invoke(app, ["codings", "--status", "pending", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return sorted(c["file"] for c in json.loads(result.stdout))


def test_review_one_wave_only(project: Path) -> None:
    for wave in ("golf1", "golf2"):
        (project / wave).mkdir()
        (project / wave / "P01.txt").write_text(
            f"I: Kent u de anderen ({wave})?\nR: We kennen elkaar nog niet goed.\n", "utf-8"
        )
    assert runner.invoke(app, ["code", "golf1", "golf2"]).exit_code == 0
    assert _pending(project) == ["golf1/P01.txt", "golf2/P01.txt"]
    result = runner.invoke(app, ["review", "--reviewer", "eva", "--file", "golf2"], input="a\nq\n")
    assert result.exit_code == 0, result.stderr
    assert "1/1  golf2/P01.txt" in result.stdout
    assert _pending(project) == ["golf1/P01.txt"]
    # a pattern that names no stored transcript is an error, and nothing is asked
    result = runner.invoke(app, ["review", "--reviewer", "eva", "--file", "golf3"], input="a\n")
    assert result.exit_code == 2
    assert "--file 'golf3' matches no transcript" in result.stderr
    assert _pending(project) == ["golf1/P01.txt"]

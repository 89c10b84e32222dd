"""The review prompt: in the project's language, and [d]irection only where the codebook has
codes with a direction."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import MINI_CODEBOOK

runner = CliRunner()

NO_DIRECTIONS = MINI_CODEBOOK.split("  - id: interest_balance")[0]


def _review(project: Path, answers: str) -> tuple[int, str, str]:
    (project / "r1.txt").write_text(
        "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["code", "r1.txt"]).exit_code == 0
    result = runner.invoke(app, ["review", "--reviewer", "eva"], input=answers)
    return result.exit_code, result.stdout, result.stderr


def test_english_project_without_directions(project: Path) -> None:
    (project / "codebook.yaml").write_text(NO_DIRECTIONS, encoding="utf-8")
    (project / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n")
    code, out, err = _review(project, "d\nq\n")
    assert code == 0, err
    assert "[a]ccept, [r]eject, [c]hange code, [s]kip, [u]ndo the last, [q]uit" in out
    assert "[d]irection" not in out
    assert "'d' is not one of a, r, c, s, u, q" in out
    assert "r1.txt · segment 2 · participant r1" in out


def test_dutch_project_with_directions(project: Path) -> None:
    code, out, err = _review(project, "x\nq\n")
    assert code == 0, err
    assert (
        "[a] akkoord, [r] afwijzen, [c] andere code, [d] richting, [s] overslaan, "
        "[u] vorige terugdraaien, [q] stoppen" in out
    )
    assert "'x' is geen van a, r, c, d, s, u, q" in out
    assert "[a]ccept" not in out
    assert "r1.txt · segment 2 · deelnemer r1" in out and "participant r1" not in out


def test_dutch_words_are_answers_too(project: Path) -> None:
    code, _, err = _review(project, "afwijzen\nstoppen\n")
    assert code == 0, err
    assert "0 accepted, 1 rejected" in err

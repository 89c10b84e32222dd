"""An invalid code id names what is wrong in it and a valid id to write."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.codebook.codebook import ID_RE, id_advice, suggest_id

runner = CliRunner()


@pytest.mark.parametrize(
    ("written", "wrong", "valid"),
    [
        ("eigen regie", "a space", "eigen_regie"),
        ("opgelegd_van_bóvenaf", "an accent (ó)", "opgelegd_van_bovenaf"),
        ("“feedback”", "curly quotes (“ ”)", "feedback"),
        ("Eigen-Regie", "capitals (ER) and a hyphen (-)", "eigen_regie"),
        ("2de_ronde", "a part that starts with a digit", "de_ronde"),
    ],
)
def test_advice_names_the_fault_and_a_valid_id(written: str, wrong: str, valid: str) -> None:
    said = id_advice(written)
    assert f"has {wrong}" in said
    assert said.endswith(f"write {valid}")
    assert ID_RE.match(suggest_id(written))


CODEBOOK = """\
version: 1
name: plg
themes:
  - id: eigenaarschap
    label: Eigenaarschap
    codes:
      - id: {id}
        label: Eigen regie
        match:
          - any: [eigenaar]
"""


def test_check_says_it(tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text(CODEBOOK.format(id="eigen régie"), encoding="utf-8")
    result = runner.invoke(app, ["codebook", "check", str(path)])
    assert result.exit_code == 4
    assert f"{path}:7:" in result.stderr
    assert "has a space and an accent (é)" in result.stderr
    assert "write eigen_regie" in result.stderr

"""`lernet code`'s table names a file by its path where a stored transcript has its name."""

from __future__ import annotations

from pathlib import Path

from .conftest import invoke_cli


def test_wave_2_coded_later_is_shown_by_its_path(project: Path) -> None:
    """Wave 2 coded weeks after wave 1: its P01.txt is named with its folder in the table, as
    when both waves are coded in one run, not as the stored golf1/P01.txt's name."""
    for wave, said in (("golf1", "We kennen elkaar nog niet goed."), ("golf2", "Wij groeien.")):
        (project / wave).mkdir()
        (project / wave / "P01.txt").write_text(f"I: Hoe gaat het?\nR: {said}\n", "utf-8")
    code, out = invoke_cli("code", "golf1")
    assert code == 0, out
    code, out = invoke_cli("code", "golf2")
    assert code == 0, out
    assert "golf2/P01.txt" in out

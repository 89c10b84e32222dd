"""`lernet code` in a study of waves (golf1/P01.txt, golf2/P01.txt: the same file names in a
folder per wave): its table and its note about files that are gone."""

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


def test_a_gone_wave_1_file_is_not_said_to_have_moved_to_wave_2(project: Path) -> None:
    """golf1/P01.txt is gone (not synced, archived): golf2/P01.txt, stored as an interview of
    its own, is no sign that golf1/ was renamed to golf2/ (`lernet code golf2/` would not take
    it as moved)."""
    for wave, said in (("golf1", "We kennen elkaar nog niet goed."), ("golf2", "Wij groeien.")):
        (project / wave).mkdir()
        (project / wave / "P01.txt").write_text(f"I: Hoe gaat het?\nR: {said}\n", "utf-8")
    code, out = invoke_cli("code", "golf1", "golf2")
    assert code == 0, out
    (project / "golf1" / "P01.txt").unlink()
    code, out = invoke_cli("code", "golf2")
    assert code == 0, out
    assert "whose file is gone is still counted: golf1/P01.txt" in out
    assert "golf2/ now" not in out and "takes them as moved" not in out

"""A person whose group changed between waves (`lernet code "Golf 2" --group ...` for their
second interview): each coding counts in the group stored with its transcript, so the person
counts once in each group they were in and once in the total, and the report says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import invoke_cli
from .test_waves import PARTICIPANTS, PHASES, TEXTS, WAVE_1, WAVE_2


@pytest.fixture
def changed(project: Path) -> Path:
    """p01 is in school in wave 1 and was coded as bedrijf in wave 2; p02 is bedrijf in both."""
    codebook = project / "codebook.yaml"
    codebook.write_text(codebook.read_text(encoding="utf-8") + PHASES, encoding="utf-8")
    (project / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    for name, text in TEXTS.items():
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    code, out = invoke_cli("code", WAVE_1, WAVE_2)
    assert code == 0, out
    second = f"{WAVE_2}/p01 ronde 2.txt"
    code, out = invoke_cli("code", second, "--group", "bedrijf", "--label", "adviseur")
    assert code == 0, out
    code, out = invoke_cli("code", WAVE_1, WAVE_2)  # a later run keeps what --group gave
    assert code == 0, out
    return project


def _codes(*args: str) -> dict[str, Any]:
    code, out = invoke_cli("tally", *args, "--format", "json")
    assert code == 0, out
    data = json.loads(out[out.index("{") : out.rindex("}") + 1])
    return {c["id"]: c for t in data["themes"] for c in [t, *t["codes"]]}


def test_each_coding_counts_in_the_group_of_its_interview(changed: Path) -> None:
    codes = _codes("--by", "group")
    # wave 1: p01 (school) and p02 (bedrijf) were exploring; wave 2: both grown, as bedrijf
    assert codes["stage.early"]["by_group"] == {"school": 1, "bedrijf": 1}
    assert codes["stage.grown"]["by_group"] == {"school": 0, "bedrijf": 2}
    # p01 counts once in each of their groups, once in the total
    assert codes["stage"]["by_group"] == {"school": 1, "bedrijf": 2}
    assert codes["stage"]["participants"] == 2


def test_the_report_counts_them_in_each_group_and_says_so(changed: Path) -> None:
    code, out = invoke_cli("report", "-o", "rapport.md")
    assert code == 0, out
    text = (changed / "rapport.md").read_text(encoding="utf-8")
    assert "met 2 deelnemers (school: 1, bedrijf: 2; 1 deelnemer in meer dan één groep" in text
    code, out = invoke_cli("report", "-o", "golf1.md", "--file", WAVE_1)
    assert code == 0, out
    text = (changed / "golf1.md").read_text(encoding="utf-8")
    assert "met 2 deelnemers (school: 1, bedrijf: 1)." in text


def test_tally_by_group_and_the_report_name_them(changed: Path) -> None:
    code, out = invoke_cli("tally", "--by", "group")
    assert code == 0, out
    assert "1 participant was interviewed in more than one group" in out
    assert "p01 (school, bedrijf)" in out
    code, out = invoke_cli("report", "-o", "rapport.md")
    assert code == 0, out
    assert "p01 (school, bedrijf)" in out
    code, out = invoke_cli("tally", "--by", "group", "--file", WAVE_1)
    assert code == 0, out
    assert "more than one group" not in out


def test_code_says_when_group_overrides_the_participants_file(changed: Path) -> None:
    """A --group that differs from the row's group is kept for good: lernet code says so, for
    the one interview meant or for a whole folder given by mistake."""
    code, out = invoke_cli("code", f"{WAVE_2}/p01 ronde 2.txt", "--group", "bedrijf")
    assert code == 0, out
    assert "--group 'bedrijf' is kept for 1 interview whose participant" in out
    assert f"{WAVE_2}/p01 ronde 2.txt (p01: school)" in out
    code, out = invoke_cli("code", WAVE_1, WAVE_2)
    assert code == 0, out
    assert "is kept for" not in out

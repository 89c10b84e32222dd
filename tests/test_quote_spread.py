"""A finding's few quotes come from different people, and from different groups where they can,
before a second quote of anyone (`report --quotes N`, `quotes --limit N`); in a study of waves
every quote says its wave, also one of a person interviewed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.analysis.quotes import Quote, spread

from .conftest import invoke_cli
from .test_by_folder import waves  # noqa: F401  (the fixture)
from .test_waves import WAVE_1, WAVE_2


def _q(pid: str, group: str, text: str, code: str = "c") -> Quote:
    return Quote("t", code, pid, group, group, text, "f.txt", 1)


def test_one_of_each_person_and_group_first() -> None:
    quotes = [
        _q("a", "dairy", "a1"),
        _q("a", "dairy", "a2"),
        _q("b", "dairy", "b1"),
        _q("c", "arable", "c1"),
        _q("d", "adviser", "d1"),
        _q("e", "x", "e1", code="other"),
    ]
    assert [q.text for q in spread(quotes)] == ["a1", "c1", "d1", "b1", "a2", "e1"]


PEOPLE = """\
groups: [school, bedrijf]
participants:
  - {id: p01, group: school, label: directeur, files: ['p01*']}
  - {id: p02, group: school, label: leraar, files: ['p02*']}
  - {id: p03, group: bedrijf, label: HR-manager, files: ['p03*']}
"""


@pytest.fixture
def study(project: Path) -> Path:
    """p01 says it twice, p02 (the same group) once, p03 (another group) once."""
    (project / "participants.yaml").write_text(PEOPLE, encoding="utf-8")
    said = "R: We kennen elkaar nog niet goed."
    (project / "p01.txt").write_text(
        f"I: Kent u de anderen?\n{said}\nI: En de bedrijven?\nR: Die kennen we elkaar ook "
        "nog niet.\n",
        encoding="utf-8",
    )
    (project / "p02.txt").write_text(f"I: Kent u de anderen?\n{said} Echt niet.\n", "utf-8")
    (project / "p03.txt").write_text(f"I: Kent u de anderen?\n{said} Nee.\n", "utf-8")
    code, out = invoke_cli("code", "p01.txt", "p02.txt", "p03.txt")
    assert code == 0, out
    return project


def test_quotes_limit_takes_other_people_and_groups_first(study: Path) -> None:
    code, out = invoke_cli("quotes", "--code", "not_acquainted", "--limit", "2")
    assert code == 0, out
    said = [line for line in out.splitlines() if line.startswith("  “")]
    assert [line.rsplit("(", 1)[1] for line in said] == ["directeur)", "HR-manager)"]
    code, out = invoke_cli("quotes", "--code", "not_acquainted")
    assert code == 0, out
    assert out.count("(directeur)") == 2  # without --limit: every quote, in the order as before


def test_the_report_takes_other_people_and_groups_first(study: Path) -> None:
    code, out = invoke_cli("report", "-o", "r.md", "--quotes", "2")
    assert code == 0, out
    text = (study / "r.md").read_text(encoding="utf-8")
    part = text[text.index("### Elkaar nog niet goed kennen") :].split("###")[1]
    assert part.count("(directeur)") == 1 and part.count("(HR-manager)") == 1


def test_in_a_study_of_waves_every_quote_says_its_wave(waves: Path) -> None:  # noqa: F811
    code, out = invoke_cli("quotes", "--code", "stage.grown")
    assert code == 0, out
    assert f"(directeur school, {WAVE_2})" in out
    assert "(leraar, projectmap)" in out  # interviewed once, in the project's own folder
    code, out = invoke_cli("quotes", "--code", "not_acquainted")
    assert f"(directeur school, {WAVE_1})" in out

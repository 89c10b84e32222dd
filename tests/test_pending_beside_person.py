"""Counts over transcripts a person coded by hand say in one line that the rules' pending
codings there count with theirs, and how to count theirs alone (`tally`, `report`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.analysis.coders import pending_beside_people
from lernet_cli.project.project import load_project
from lernet_cli.store.store import Store

from .conftest import invoke_cli

HAND = (
    "I: Kent u de anderen?\nR: [[trust.not_acquainted: We kennen elkaar nog niet goed.]]\n"
    "I: En verder?\nR: Wij brengen veel kennis in.\n"
)
RULES = "I: Kent u de anderen?\nR: Wij halen kennis op bij de anderen.\n"


@pytest.fixture
def study(project: Path) -> Path:
    (project / "p01.txt").write_text(HAND, encoding="utf-8")
    (project / "p02.txt").write_text(RULES, encoding="utf-8")
    code, out = invoke_cli("code", "p01.txt", "--coder", "dana")
    assert code == 0, out
    code, out = invoke_cli("code", "p02.txt")
    assert code == 0, out
    return project


def _notes(out: str) -> list[str]:
    return [line for line in out.splitlines() if "pending codings of the rules" in line]


def test_the_library_names_the_code_it_changes(study: Path) -> None:
    with Store.open(load_project(study).store_path) as store:
        rows = store.coding_rows()
        line = pending_beside_people(rows, store)
    assert line is not None
    assert line.startswith("the 1 transcript dana coded also holds ")
    assert "(interest_balance.knowledge: 1 participant there, 1 of them only through those)" in line
    assert '--coder "dana" counts dana\'s codings only' in line


def test_tally_says_it_once(study: Path) -> None:
    code, out = invoke_cli("tally")
    assert code == 0, out
    assert len(_notes(out)) == 1
    assert "Kennis: 1 participant there" in _notes(out)[0]
    for chosen in (["--coder", "dana"], ["--reviewed"], ["--file", "p02.txt"]):
        code, out = invoke_cli("tally", *chosen)
        assert code == 0, out
        assert _notes(out) == [], chosen


def test_the_report_says_it(study: Path) -> None:
    code, out = invoke_cli("report", "-o", "r.md")
    assert code == 0, out
    assert len(_notes(out)) == 1
    code, out = invoke_cli("report", "-o", "d.md", "--coder", "dana")
    assert code == 0, out
    assert _notes(out) == []


def test_rules_alone_say_nothing(project: Path) -> None:
    (project / "p02.txt").write_text(RULES, encoding="utf-8")
    code, out = invoke_cli("code", "p02.txt")
    assert code == 0, out
    code, out = invoke_cli("tally")
    assert code == 0, out
    assert _notes(out) == []


def test_an_unknown_coder_is_still_one_error(study: Path) -> None:
    code, out = invoke_cli("tally", "--coder", "dnaa")
    assert code != 0
    assert "Traceback" not in out
    errors = [line for line in out.splitlines() if line.startswith("lernet: error")]
    assert len(errors) == 1
    assert errors[0].startswith("lernet: error: unknown coder 'dnaa' (did you mean 'dana'?)")
    assert "auto, dana" in errors[0]

"""Every group (value, folder) somebody was interviewed in is a column of tally, matrix, phases
and the report, with n = its interviewees, whether anything they said was coded or not and
whatever theme is counted: tables put side by side have the same columns and n (QF69)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import invoke_cli

PARTICIPANTS = """\
groups: [kenniscentrum, adviesbureau, bedrijf, overheid]
participants:
  - {id: p01, group: kenniscentrum, label: onderzoeker, variables: {sector: onderwijs}}
  - {id: p02, group: kenniscentrum, label: docent, variables: {sector: onderwijs}}
  - {id: p03, group: adviesbureau, label: adviseur, variables: {sector: advies}}
  - {id: p04, group: bedrijf, label: directeur, variables: {sector: bouw}}
  - {id: p05, group: overheid, label: ambtenaar, variables: {sector: overheid}}
"""

SAID = {
    "p01": "[[Kennis brengt: Wij delen onze resultaten met de partners.]]",
    "p02": "[[Vertrouwen: Wij kennen de partners al jaren en zien elkaar vaak.]]",
    "p03": "[[Instrumenten brengt: Wij brengen onze rekenmodellen voor de partners mee.]]",
    # p04's interview holds nothing the codebook codes; p05 (overheid) is in another folder
    "p04": "Het weer was mooi en de koffie was goed vandaag.",
}


def _json(out: str) -> dict:
    return json.loads(out[out.index("{") : out.rindex("}") + 1])


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", "nl")[0] == 0
    (tmp_path / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    for wave, people in (("golf1", ["p01", "p02", "p03"]), ("golf2", ["p04"])):
        folder = tmp_path / "interviews" / wave
        folder.mkdir(parents=True)
        for pid in people:
            (folder / f"{pid}.txt").write_text(f"I: Wat doet u?\nR: {SAID[pid]}\n", "utf-8")
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    return tmp_path


def test_a_group_whose_interviewee_has_no_coding_is_a_column_with_its_n(study: Path) -> None:
    code, out = invoke_cli("tally", "--by", "group", "--format", "json")
    assert code == 0, out
    data = _json(out)
    assert data["groups"] == ["kenniscentrum", "adviesbureau", "bedrijf"]
    assert data["n"] == {"kenniscentrum": 2, "adviesbureau": 1, "bedrijf": 1}
    balance = next(t for t in data["themes"] if t["id"] == "interest_balance")
    assert balance["by_group"] == {"kenniscentrum": 1, "adviesbureau": 1, "bedrijf": 0}
    # listed but not interviewed: still no column, and said so
    assert "no column for overheid" in out and "bedrijf" not in out.split("lernet: note:")[-1]
    code, out = invoke_cli("tally", "--by", "group", "--format", "md")
    assert code == 0
    assert "| kenniscentrum (n=2) | adviesbureau (n=1) | bedrijf (n=1) |" in out
    code, out = invoke_cli("matrix", "--format", "json")
    assert code == 0
    matrix = _json(out)
    assert matrix["groups"] == data["groups"] and matrix["n"] == data["n"]
    assert matrix["not_interviewed"] == ["overheid"]
    row = next(r for r in matrix["rows"] if r["id"] == "interest_balance.knowledge")
    assert row["cells"]["bedrijf"]["direction"] == "none"
    code, out = invoke_cli("matrix")
    assert code == 0 and "Geen kolom voor overheid:" in out and "bedrijf (n=1)" in out
    code, out = invoke_cli("phases", "--by", "group", "--format", "json")
    assert code == 0 and _json(out)["groups"] == data["groups"]


def test_the_report_matrix_has_every_interviewed_group(study: Path) -> None:
    code, out = invoke_cli("report", "-o", "rapport.md")
    assert code == 0, out
    text = (study / "rapport.md").read_text(encoding="utf-8")
    matrix = text[text.index("Belangenbalans per groep") :]
    header = next(line for line in matrix.splitlines() if line.startswith("| Code"))
    assert "bedrijf" in header and "overheid" not in header
    # the participants' table counts bedrijf: the matrix must not say nobody was interviewed
    assert "Geen kolom voor bedrijf" not in text and "Geen kolom voor overheid" in text


@pytest.mark.parametrize(
    "by",
    [["--by", "group"], ["--by", "sector"], ["--by", "folder"]],
    ids=["group", "sector", "folder"],
)
def test_a_theme_counts_in_the_same_columns_with_the_same_n(study: Path, by: list[str]) -> None:
    code, out = invoke_cli("tally", *by, "--format", "json")
    assert code == 0, out
    whole = _json(out)
    key = "groups" if by[1] == "group" else "values"
    # p04, of whom nothing was coded, is a column too (bedrijf, bouw, golf2)
    assert whole[key][-1] in ("bedrijf", "bouw", "golf2") and whole["n"][whole[key][-1]] == 1
    for theme in ("trust", "interest_balance", "competition"):
        code, out = invoke_cli("tally", *by, "--theme", theme, "--format", "json")
        assert code == 0, out
        part = _json(out)
        assert part[key] == whole[key] and part["n"] == whole["n"], theme
        code, out = invoke_cli("tally", *by, "--theme", theme, "--format", "csv")
        assert code == 0
        header = next(csv.reader(io.StringIO(out), delimiter=";"))
        assert header[4:] == whole[key], theme
        code, md = invoke_cli("tally", *by, "--theme", theme, "--format", "md")
        code_all, md_all = invoke_cli("tally", *by, "--format", "md")
        assert code == code_all == 0 and md.splitlines()[0] == md_all.splitlines()[0]


def test_the_columns_stay_those_of_the_interviews_a_file_selection_keeps(study: Path) -> None:
    code, out = invoke_cli(
        "tally", "--by", "group", "--file", "interviews/golf2/p04.txt", "--format", "json"
    )
    assert code == 0, out
    data = _json(out)
    assert data["groups"] == ["bedrijf"] and data["n"] == {"bedrijf": 1}

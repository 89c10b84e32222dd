"""A passage a person marked (an inline tag's text, a Word comment's selected text) is its quote:
in `quotes`, the report and `export csv`, not the sentence or run-on turn around it; completed
to its sentence where only a few words of it lie outside."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from .conftest import invoke_cli

RUN_ON = (
    "um staffing is is you know the the main issue "
    "[[trust.not_acquainted: we dont know each other well the new people come for a year and "
    "then they are gone]] and people uh are exhausted like im doing um on call every second "
    "weekend and im just burnt out we had a guy miss his chemo because the roads were bad its "
    "the travel really"
)
TAGGED = "we dont know each other well the new people come for a year and then they are gone"


@pytest.fixture
def tagged(project: Path) -> Path:
    (project / "p01.txt").write_text(
        f"I: Hoe gaat het?\nR: {RUN_ON}\nI: En de anderen?\nR: Ja. We "
        "[[trust.not_acquainted: kennen elkaar nog niet]] goed. Dat komt nog wel, denk ik.\n",
        encoding="utf-8",
    )
    code, out = invoke_cli("code", "p01.txt", "--coder", "dana")
    assert code == 0, out
    return project


def test_quotes_show_the_marked_passage(tagged: Path) -> None:
    code, out = invoke_cli("quotes", "--code", "not_acquainted", "--format", "json")
    assert code == 0, out
    texts = [q["text"] for q in json.loads(out[out.index("[") : out.rindex("]") + 1])]
    # the run-on turn: the passage, "…" where it was cut from the turn
    assert f"…{TAGGED}…" in texts
    # a few words short of its sentence: the sentence
    assert "We kennen elkaar nog niet goed." in texts
    assert not any("exhausted" in t or "staffing" in t for t in texts)


def test_the_report_quotes_the_marked_passage(tagged: Path) -> None:
    code, out = invoke_cli("report", "-o", "r.md")
    assert code == 0, out
    text = (tagged / "r.md").read_text(encoding="utf-8")
    assert f"“…{TAGGED}…”" in text
    assert "burnt out" not in text


def test_the_csv_has_the_marked_passage(tagged: Path) -> None:
    code, out = invoke_cli("export", "csv", "c.csv")
    assert code == 0, out
    with (tagged / "c.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert {r["text"] for r in rows if r["code"] == "trust.not_acquainted"} >= {TAGGED}


def test_the_rules_sentence_does_not_swallow_the_passage(project: Path) -> None:
    """The rules code the same turn (their evidence inside the passage): the quote is still what
    the person marked, not the rules' longer sentence."""
    (project / "p02.txt").write_text(
        "I: Kent u de anderen?\nR: Tja, dat is een lang verhaal want eigenlijk is het zo dat "
        "[[trust.not_acquainted: we elkaar nog niet goed kennen]] en dat merk je wel.\n",
        encoding="utf-8",
    )
    code, out = invoke_cli("code", "p02.txt", "--coder", "dana")
    assert code == 0, out
    code, out = invoke_cli("quotes", "--code", "not_acquainted")
    assert code == 0, out
    assert "“…we elkaar nog niet goed kennen en dat merk je wel.”" in out
    assert "Tja" not in out

"""The note on quotes written without capitals (speech recognition): a redaction mark at a
sentence's start ("[name] really is …") stands for a name with its capital and sets off no
note; the note names the words names follow in the project's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.analysis.uncased import uncased_text

from .conftest import invoke_cli

CODEBOOK = """\
version: 1
name: Connectors
language: en
themes:
  - id: development
    label: {nl: Ontwikkeling, en: Development}
    codes:
      - id: connector
        label: {nl: Verbinder, en: Central connector}
        match:
          - any: ["central connector"]
"""
PARTICIPANTS = """\
participants:
  - id: HA12
    group: health authority
  - id: HA13
    group: health authority
redact:
  names: [Julie Tran]
"""
CASED = (
    "Interviewer: Who holds it together?\n\n"
    "HA12: Julie Tran really is the central connector. She knows everyone.\n"
)
RAW = (
    "I: who holds it together\n"
    "R: well i think the central connector is the practice manager to be honest\n"
)


def test_a_redaction_mark_stands_for_a_name_with_its_capital() -> None:
    quote = [("HA12.txt", "[name] really is the central connector.")]
    assert uncased_text(quote, ["[name]"]).turns == 0
    assert uncased_text(quote).turns == 1  # without the marks it cannot tell
    raw = [("HA13.txt", "well i think the central connector is the practice manager")]
    assert uncased_text(raw, ["[name]"]).turns == 1


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "study"
    code, out = invoke_cli("init", str(root), "--language", "en")
    assert code == 0, out
    (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (root / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    lines = (root / "lernet.yaml").read_text(encoding="utf-8").splitlines()
    lines = [
        "participants: participants.yaml" if x.startswith("participants:") else x for x in lines
    ]
    (root / "lernet.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "HA12.txt").write_text(CASED, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def test_a_report_whose_quote_starts_with_a_hidden_name_has_no_note(project: Path) -> None:
    code, out = invoke_cli("code", "HA12.txt")
    assert code == 0, out
    code, out = invoke_cli("report", "-o", "report.md")
    assert code == 0, out
    assert "[name] really is the central connector." in Path("report.md").read_text("utf-8")
    assert "without capitals" not in out


def test_the_note_names_the_project_language_s_words(project: Path) -> None:
    Path("HA13.txt").write_text(RAW, encoding="utf-8")
    code, out = invoke_cli("code", "HA13.txt")
    assert code == 0, out
    code, out = invoke_cli("report", "-o", "report.md")
    assert code == 0, out
    assert "written without capitals" in out and "HA13.txt" in out
    assert "'my name is'" in out and "'ik ben'" not in out

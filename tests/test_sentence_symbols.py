"""An emoji (or another pictograph or symbol) after a sentence's end does not glue two sentences:
quotes and the passages exports widen a rule's coding to end at the sentence."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lernet_cli.analysis.quotes import sentence_span
from lernet_cli.language.text import split_sentences

from .conftest import invoke_cli

TURN = "It saves us time. 🙂 It's a sparring partner for me. 👍🏽 We meet monthly! ✅ Great."


def test_a_pictograph_after_a_sentence_end_belongs_to_that_sentence() -> None:
    assert [TURN[a:b] for a, b in split_sentences(TURN)] == [
        "It saves us time. 🙂",
        "It's a sparring partner for me. 👍🏽",
        "We meet monthly! ✅",
        "Great.",
    ]
    at = TURN.index("sparring")
    a, b = sentence_span(TURN, at, at + len("sparring partner"))
    assert TURN[a:b] == "It's a sparring partner for me. 👍🏽"
    # no sentence end before it: still one sentence, as without the emoji
    glued = "It saves us time 🙂 and it's a sparring partner."
    assert len(split_sentences(glued)) == 1


CODEBOOK = """\
version: 1
name: Emoji
language: en
themes:
  - id: balance
    label: {nl: Balans, en: Balance}
    codes:
      - id: sparring
        label: {nl: Sparringpartner, en: Sparring partner}
        match:
          - any: ["sparring partner"]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "study"
    code, out = invoke_cli("init", str(root), "--language", "en")
    assert code == 0, out
    (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (root / "GP01.txt").write_text(
        f"Interviewer: What does the network give you?\n\nGP01: {TURN}\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    code, out = invoke_cli("code", "GP01.txt")
    assert code == 0, out
    return root


def test_quotes_and_exports_end_at_the_sentence(project: Path, tmp_path: Path) -> None:
    code, out = invoke_cli("quotes")
    assert code == 0, out
    assert "It's a sparring partner for me." in out
    assert "saves us time" not in out and "monthly" not in out
    code, out = invoke_cli("export", "csv", str(tmp_path / "codings.csv"))
    assert code == 0, out
    with open(tmp_path / "codings.csv", encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["text"] == "It's a sparring partner for me. 👍🏽"

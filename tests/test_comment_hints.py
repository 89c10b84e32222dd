"""Word comments with a slip in them: two codes joined by "and", a label nearly right (a
different ending, a US spelling), and a theme and its code joined by a Word en dash. lernet
says what to do about the first two and reads the third as the path to the code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lernet_cli.codebook.codebook import Codebook, load_codebook
from lernet_cli.coding.manual import memo_hint, read_codes
from tests.conftest import dump_store, invoke_cli

from .test_manual import word_with_comments

BOOK = """\
version: 1
name: hints
language: en
themes:
  - id: value_creation
    label: {en: Value creation}
    codes:
      - id: applied
        label: {en: Applied value}
        match:
          - any: [applied]
      - id: realised
        label: {en: Realised value}
        match:
          - any: [realised]
  - id: boundary_crossing
    label: {en: Boundary crossing}
    codes:
      - id: across_organisations
        label: {en: Working across organisations}
        match:
          - any: [partnership]
      - id: brokering
        label: {en: Brokering}
        match:
          - any: [broker]
  - id: barriers
    label: {en: Barriers}
    codes:
      - id: culture
        label: {en: Organisational culture}
        match:
          - any: [silo]
"""


@pytest.fixture
def book(tmp_path: Path) -> Codebook:
    path = tmp_path / "codebook.yaml"
    path.write_text(BOOK, encoding="utf-8")
    return load_codebook(path)


def _read(book: Codebook, text: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    named, unknown = read_codes(book, text)
    return [(n.code.id, n.note) for n in named], unknown


@pytest.mark.parametrize("dash", ["–", "—", "-", ":"])
def test_a_theme_and_its_code_after_a_dash_is_the_code(book: Codebook, dash: str) -> None:
    text = f"Boundary crossing {dash} working across organisations"
    if dash == ":":
        text = text.replace(" :", ":")
    assert _read(book, text) == ([("boundary_crossing.across_organisations", None)], [])
    # a note after a theme stays a note
    assert _read(book, f"Boundary crossing {dash} key quote".replace(" :", ":")) == (
        [("boundary_crossing", "key quote")],
        [],
    )


def test_two_codes_joined_by_and_are_told_to_be_separated(book: Codebook) -> None:
    for text in ("Applied value and Realised value", "Applied value & realised value"):
        named, unknown = read_codes(book, text)
        assert not named
        hint = memo_hint(book, unknown)
        assert "names 2 codes: separate codes with ',' or ';'" in hint, hint


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("Brokerage", "'Brokering' (boundary_crossing.brokering)"),
        ("Organizational culture", "'Organisational culture' (barriers.culture)"),
        ("Organizational culture: key quote", "'Organisational culture' (barriers.culture)"),
    ],
)
def test_a_near_miss_is_asked_about(book: Codebook, text: str, meant: str) -> None:
    named, unknown = read_codes(book, text)
    assert not named
    assert f"did you mean {meant}?" in memo_hint(book, unknown)


def test_nothing_near_is_no_hint(book: Codebook) -> None:
    assert memo_hint(book, ["check this!"]) == ""
    assert memo_hint(book, ["Sandwiches and coffee"]) == ""


def test_lernet_code_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = invoke_cli("init", "--blank", "--language", "en")
    assert code == 0, out
    (tmp_path / "codebook.yaml").write_text(BOOK, encoding="utf-8")
    word_with_comments(
        tmp_path / "C01.docx",
        [
            (
                "We built a partnership with the trust.",
                "Boundary crossing – working across organisations",
                "Helen",
            ),
            (
                "Both applied and realised, I would say.",
                "Applied value and Realised value",
                "Helen",
            ),
            ("I act as a broker between them.", "Brokerage", "Helen"),
            ("Silos everywhere.", "Organizational culture", "Helen"),
        ],
    )
    code, out = invoke_cli("code", "C01.docx")
    assert code == 0, out
    assert (
        "'Applied value and Realised value': names no code (kept as a memo); 'Applied value "
        "and Realised value' names 2 codes: separate codes with ',' or ';'"
    ) in out
    assert (
        "'Brokerage': names no code (kept as a memo); 'Brokerage': did you mean 'Brokering'" in out
    )
    assert "did you mean 'Organisational culture' (barriers.culture)?" in out
    code, listed = invoke_cli("codings", "--no-anonymize", "--format", "json")
    rows = json.loads(listed[: listed.rindex("]") + 1])
    helen = {(r["code"], r["note"]) for r in rows if r["coder"] == "Helen"}
    assert helen == {("boundary_crossing.across_organisations", None)}
    # the memos' reasons are as before: a later codebook with the label reads them again
    code, memos = invoke_cli("memos", "--no-anonymize", "--format", "json")
    reasons = {m["memo"]: m["reason"] for m in json.loads(memos[: memos.rindex("]") + 1])}
    assert reasons["Brokerage"] == "names no code"
    before = dump_store(tmp_path)
    code, out = invoke_cli("code", "C01.docx")  # unchanged: nothing new said or stored
    assert code == 0 and "did you mean" not in out and dump_store(tmp_path) == before

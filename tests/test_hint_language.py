"""The matrix's hints give their example of a comment or tag in the project's language, with the
code they are about: a Dutch project's codes have Dutch labels and take Dutch direction words."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.analysis.matrix import LeftOut, Matrix, left_out_note, tag_example

from .conftest import invoke_cli
from .test_left_out import BOOK_NL

TALK = (
    "Interviewer: Wat heeft het netwerk u gegeven?\nVerpleegkundige: Contacten, vooral.\n"
    "Interviewer: En verder?\nVerpleegkundige: Wij krijgen contacten daar.\n"
)


def test_tag_example() -> None:
    assert tag_example("Contacten", "take", "nl") == "„Contacten haalt”"
    assert tag_example("Contacts", "take", "en") == "“Contacts gets”"
    assert tag_example(None, "bring", "nl") == "„Financiering brengt”"


def test_the_english_line_of_a_dutch_project_has_a_dutch_example() -> None:
    matrix = Matrix([], [], left_out=LeftOut(2, 2, {"Acquisitie": 2}))
    note = left_out_note(matrix, "en", "nl")
    assert note is not None and "(„Acquisitie haalt”)" in note and "gets" not in note
    assert "(“Acquisitie gets”)" in (left_out_note(matrix, "en") or "")


def test_the_example_says_the_codebooks_own_direction_words() -> None:
    """A codebook whose matrix says Receives and Gives (`direction_labels:`): the example tag
    uses them, as the table does; lernet's own words elsewhere."""
    words = {"bring": "Gives", "take": "Receives", "both": "Gives and receives", "none": "n.a."}
    matrix = Matrix([], [], words=words, left_out=LeftOut(3, 2, {"Funding": 3}))
    note = left_out_note(matrix, "en")
    assert note is not None and "(“Funding receives”)" in note and "gets" not in note
    dutch = Matrix([], [], left_out=LeftOut(1, 1, {"Kennis": 1}))
    assert "(„Kennis haalt”)" in (left_out_note(dutch, "nl") or "")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_matrix_hint_in_the_projects_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = invoke_cli("init", "--blank", "--language", "nl")
    assert code == 0, out
    book = (
        BOOK_NL
        if lang == "nl"
        else BOOK_NL.replace("{nl: Contacten}", "{nl: Contacten, en: Contacts}")
        .replace("language: nl", "language: en")
        .replace("{nl: Uitwisseling}", "{nl: Uitwisseling, en: Exchange}")
    )
    (tmp_path / "codebook.yaml").write_text(book, encoding="utf-8")
    if lang == "en":
        config = (tmp_path / "lernet.yaml").read_text(encoding="utf-8")
        (tmp_path / "lernet.yaml").write_text(
            config.replace("language: nl", "language: en"), encoding="utf-8"
        )
    (tmp_path / "a.txt").write_text(TALK, encoding="utf-8")
    code, out = invoke_cli("code", "a.txt")
    assert code == 0, out
    code, out = invoke_cli("matrix")
    assert code == 0, out
    (line,) = [x for x in out.splitlines() if "without a direction word" in x]
    if lang == "nl":
        assert "(„Contacten haalt”)" in line and "Contacts gets" not in line
    else:
        assert "(“Contacts gets”)" in line

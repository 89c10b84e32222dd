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
    own = {d: w.lower() for d, w in words.items() if d != "none"}
    matrix = Matrix([], [], words=words, own_words=own, left_out=LeftOut(3, 2, {"Funding": 3}))
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


def test_hints_use_the_codebooks_own_direction_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A study that calls its directions Geeft / Vraagt is told to write „Contacten vraagt”,
    not the default „… haalt”; a coding without a direction on the code above the rows gets an
    example with one of its own codes, not the stock „Financiering brengt”."""
    monkeypatch.chdir(tmp_path)
    code, out = invoke_cli("init", "--blank", "--language", "nl")
    assert code == 0, out
    own = BOOK_NL.replace(
        "    codes:\n",
        "    direction_labels:\n      bring: Geeft\n      take: Vraagt\n"
        "      both: Geeft en vraagt\n    codes:\n",
        1,
    )
    (tmp_path / "codebook.yaml").write_text(own, encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        TALK + "Interviewer: Nog iets?\nVerpleegkundige: [[Contacten: Dat loopt goed]]. "
        "[[Uitwisseling vraagt: Het gaat over en weer]].\n",
        encoding="utf-8",
    )
    code, out = invoke_cli("code", "a.txt")
    assert code == 0, out
    (warning,) = [x for x in out.splitlines() if "coded without a direction" in x]
    assert "add geeft, vraagt or geeft en vraagt, e.g. 'Contacten geeft'" in warning
    assert "brengt" not in warning
    code, out = invoke_cli("matrix")
    assert code == 0, out
    (left,) = [x for x in out.splitlines() if "without a direction word" in x]
    assert "(„Contacten vraagt”)" in left and "haalt" not in left
    (unknown,) = [x for x in out.splitlines() if "without a direction (" in x]
    assert "add geeft, vraagt or geeft en vraagt after the code" in unknown
    assert "(„Contacten geeft”)" in unknown and "Financiering" not in unknown
    code, out = invoke_cli("report", "-o", "r.md")
    assert code == 0, out
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "zet geeft, vraagt of geeft en vraagt bij de code" in report
    assert "(„Contacten vraagt”)" in report and "haalt" not in report


def test_a_coding_of_the_matrix_theme_itself_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag naming the matrix's theme ("Uitwisseling vraagt") is a coding no row shows: the
    matrix and the report say so, with a code of its rows to use, instead of leaving it out
    unsaid (or, without a direction, counting it among codings without one in no cell)."""
    monkeypatch.chdir(tmp_path)
    code, out = invoke_cli("init", "--blank", "--language", "nl")
    assert code == 0, out
    (tmp_path / "codebook.yaml").write_text(BOOK_NL, encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        TALK + "Interviewer: Nog iets?\nVerpleegkundige: [[Uitwisseling krijgt: Het gaat over "
        "en weer]]. [[Uitwisseling: Het loopt]].\n",
        encoding="utf-8",
    )
    code, out = invoke_cli("code", "a.txt")
    assert code == 0, out
    code, out = invoke_cli("matrix")
    assert code == 0, out
    (line,) = [x for x in out.splitlines() if "itself" in x]
    assert "2 codings with Uitwisseling itself are not in the table" in line
    assert "(„Contacten brengt”)" in line
    assert "without a direction (" not in out
    code, out = invoke_cli("report", "-o", "r.md")
    assert code == 0, out
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "2 coderingen met Uitwisseling zelf staan niet in de tabel" in report


def test_a_comment_without_a_direction_gets_an_example_in_its_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag naming a code by its Dutch label is told to add a Dutch direction word („Kennis
    brengt”), one naming it by its English label an English one; never „Kennis gives”."""
    monkeypatch.chdir(tmp_path)
    code, out = invoke_cli("init", "--language", "nl")
    assert code == 0, out
    (tmp_path / "a.txt").write_text(
        "Interviewer: Waar gaat het over?\nDeelnemer: [[Kennis: Het gaat over de normen in de "
        "bouw.]]\nInterviewer: En verder?\nDeelnemer: [[Knowledge: Het gaat over regels.]]\n"
        "Interviewer: Nog iets?\nDeelnemer: [[Cognitieve belangen: Het gaat om het vak.]]\n",
        encoding="utf-8",
    )
    code, out = invoke_cli("code", "a.txt")
    assert code == 0, out
    lines = [x for x in out.splitlines() if "without a direction" in x]
    (dutch,) = [x for x in lines if "'Kennis'" in x]
    assert "add brengt, haalt or beide, e.g. 'Kennis brengt'" in dutch
    (english,) = [x for x in lines if "'Knowledge'" in x]
    assert "add gives, receives or both, e.g. 'Knowledge gives'" in english
    assert "brengt" not in english
    (above,) = [x for x in lines if "'Cognitieve belangen'" in x]
    assert "e.g. 'Kennis brengt'" in above
    assert not any("Kennis gives" in x for x in lines)

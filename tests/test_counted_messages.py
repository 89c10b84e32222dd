"""Messages that know how many things they speak of say "1 paragraph" or "3 paragraphs", as a
reader writes it, never "paragraph(s)": in a Dutch project and an English one alike (lernet's
messages are English in both)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import invoke_cli

ONE_THEME = """\
version: 1
name: Small study
language: {lang}
themes:
  - id: trust
    label: {{nl: Vertrouwen, en: Trust}}
    codes:
      - id: acquainted
        label: {{nl: Elkaar kennen, en: Knowing each other}}
        match:
          - any: [elkaar kennen, know each other]
"""

SOURCES = Path(__file__).resolve().parent.parent / "lernet_cli"
# "(s)" stays only where the number is not known: a help text on what a coding covers.
NOUN_WITH_S = re.compile(r"[a-z]\((?:s|en|es)\)(?!\?)")
UNCOUNTED = ("the sentence(s) holding",)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_codebook_check_counts_one_theme_and_one_code(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(ONE_THEME.format(lang=lang), encoding="utf-8")
    code, out = invoke_cli("codebook", "check", str(path))
    assert code == 0, out
    assert "ok (1 theme, 1 code)" in out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_codebook_check_counts_one_error(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "codebook.yaml"
    text = ONE_THEME.format(lang=lang).replace("any: [", "anyy: [")
    path.write_text(text, encoding="utf-8")
    code, out = invoke_cli("codebook", "check", str(path))
    assert code == 4, out
    assert f"lernet: 1 error in {path}" in out
    assert "(s)" not in out


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "nl",
            [
                "Interview met een ondernemer, maart 2026",
                "Interviewer: Hoe gaat het met het netwerk?",
                "Lotte Dekker: Ik heb gemerkt dat delen loont.",
                "Interviewer: En verder?",
                "Lotte Dekker: We kennen elkaar nog niet goed.",
            ],
        ),
        (
            "en",
            [
                "Interview with a founder, March 2026",
                "Notes taken by hand",
                "Interviewer: How is the network going?",
                "Lisa Grey: I have learned that sharing pays off.",
                "Interviewer: Anything else?",
                "Lisa Grey: We don't know each other well yet.",
            ],
        ),
    ],
)
def test_code_counts_the_paragraphs_it_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, lines: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", lang)[0] == 0
    (tmp_path / "t01.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = invoke_cli("code", "t01.txt")
    assert code == 0, out
    skipped = len(lines) - 4
    said = "1 paragraph" if skipped == 1 else f"{skipped} paragraphs"
    assert f"t01.txt: skipped {said} before the first speaker label" in out
    assert "(s)" not in out


def _strings(tree: ast.AST) -> list[ast.Constant]:
    """The string constants of a module that are no docstring."""
    docs = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            docs.add(id(body[0].value))
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def test_no_message_writes_a_noun_with_s_in_brackets() -> None:
    found = []
    for path in sorted(SOURCES.rglob("*.py")):
        for node in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if any(u in node.value for u in UNCOUNTED):
                continue
            for m in NOUN_WITH_S.finditer(node.value):
                found.append(f"{path.relative_to(SOURCES)}:{node.lineno}: {node.value[: m.end()]}")
    assert not found, "\n".join(found)


ONE_CODING = {
    "nl": [
        "Interviewer: Hoe kijkt u naar het netwerk?",
        "Jan: We kennen elkaar nog niet goed.",
        "Interviewer: Dank u wel.",
        "Jan: Graag gedaan.",
    ],
    "en": [
        "Interviewer: How do you see the network?",
        "Jan: We don't know each other well yet.",
        "Interviewer: Thank you.",
        "Jan: You're welcome.",
    ],
}
SAID = {
    "nl": [
        "De tellingen berusten op 1 codering, naar herkomst:",
        "Van de 1 codering door de regels is er nog geen door een persoon beoordeeld.",
        "De tellingen omvatten 1 codering die niemand heeft beoordeeld;",
        "Alleen 1 van de 2 transcripten telt mee: die in golf1.",
    ],
    "en": [
        "The counts rest on 1 coding, by origin:",
        "None of the 1 coding made by the rules has been reviewed by a person yet.",
        "The counts include 1 coding nobody has reviewed;",
        "Only 1 of the 2 transcripts is counted: those in golf1.",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_reports_method_section_counts_one_coding_and_one_transcript(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A pilot of one coded interview read "berusten op 1 coderingen" and "Alleen 1 van de 2
    transcripten tellen mee" in its report."""
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", lang)[0] == 0
    for wave, lines in (("golf1", ONE_CODING[lang]), ("golf2", ONE_CODING[lang][2:])):
        (tmp_path / wave).mkdir()
        (tmp_path / wave / "t01.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = invoke_cli("code", "golf1", "golf2")
    assert code == 0, out
    code, out = invoke_cli("report", "--file", "golf1", "-o", "r.md")
    assert code == 0, out
    text = " ".join((tmp_path / "r.md").read_text(encoding="utf-8").split())
    for said in SAID[lang]:
        assert said in text, text


@pytest.mark.parametrize(("lang", "sep"), [("nl", "';'"), ("en", "','")])
def test_export_and_import_count_one_source_and_one_coding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, sep: str
) -> None:
    """The export of a one-interview pilot said "1 sources, ... 1 codings, 1 cases"."""
    study = tmp_path / "study"
    study.mkdir()
    monkeypatch.chdir(study)
    assert invoke_cli("init", "--language", lang)[0] == 0
    (study / "t01.txt").write_text("\n".join(ONE_CODING[lang]) + "\n", encoding="utf-8")
    assert invoke_cli("code", "t01.txt")[0] == 0
    code, out = invoke_cli("export", "csv", "c.csv")
    assert code == 0 and f"c.csv: 1 coding, separated by {sep}" in out, out
    code, out = invoke_cli("export", "qdpx", str(tmp_path / "a.qdpx"))
    assert code == 0 and "a.qdpx: 1 source, " in out and ", 1 coding" in out, out
    assert ", 1 case, 0 notes" in out, out
    (tmp_path / "other").mkdir()
    monkeypatch.chdir(tmp_path / "other")
    code, out = invoke_cli("import", "qdpx", str(tmp_path / "a.qdpx"))
    assert code == 0 and "imported 1 source, " in out and ", 1 coding by " in out, out
    assert "(s)" not in out


@pytest.mark.parametrize(
    ("lang", "line"),
    [("nl", "Interviewer: Hoe gaat het met het netwerk?"), ("en", "Interviewer: How is it going?")],
)
def test_a_file_of_one_interviewer_turn_says_its_one_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, line: str
) -> None:
    """A stub with only the first question read "all 1 turns are the interviewer's"."""
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", lang)[0] == 0
    (tmp_path / "stub.txt").write_text(line + "\n", encoding="utf-8")
    code, out = invoke_cli("code", "stub.txt")
    assert code != 0
    assert "stub.txt: no participant speech: its one turn is the interviewer's" in out, out
    assert invoke_cli("tally", "-f", "json")[0] == 0


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_codebook_eval_of_one_hand_coded_interview_counts_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A first hand-coded interview checked against the rules read "of 1 participants in 1
    transcripts"."""
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("init", "--language", lang)[0] == 0
    lines = list(ONE_CODING[lang])
    lines[1] = lines[1].replace("Jan: ", "Jan: [[trust.not_acquainted: ", 1) + "]]"
    (tmp_path / "t01.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = invoke_cli("code", "t01.txt", "--coder", "anna")
    assert code == 0, out
    code, out = invoke_cli("codebook", "eval", "--coder", "anna")
    assert code == 0, out
    assert "hand coding: 2 participant turns of 1 participant in 1 transcript" in out, out

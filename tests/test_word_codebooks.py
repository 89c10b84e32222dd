"""A codebook edited in Word: non-breaking spaces, curly quotes around a term or a regex, saved as
Unicode (UTF-16). Each is named, on its own line, and `codebook check` never says ok for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import invoke_cli

runner = CliRunner()
NBSP = "\u00a0"
BOOK = """version: 1
name: t
themes:
  - id: knelpunten
    label: Knelpunten
    description: Wat 10{nbsp}km verderop gebeurt.
    codes:
      - id: privacy
        label: Privacy
        match:
          - regex: {regex}
          - any: [avg, {term}]
            within: 6
        examples: [We mogen gegevens uitwisselen met de school.]
"""
REGEX = r"'\bgegevens\w*\s+(delen|uitwisselen)'"
GOOD = {"nbsp": NBSP, "regex": REGEX, "term": "privacy*"}


def check(tmp_path: Path, text: str, encoding: str = "utf-8") -> tuple[int, str]:
    path = tmp_path / "codebook.yaml"
    path.write_bytes(text.encode(encoding))
    return invoke_cli("codebook", "check", str(path))


def test_a_good_book_with_a_space_inside_a_description_is_ok(tmp_path: Path) -> None:
    code, said = check(tmp_path, BOOK.format(**GOOD))
    assert code == 0 and ": ok" in said, said


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("      - id: privacy", f"      - id:{NBSP}privacy", 8, "after 'id:'"),
        ("            within: 6", f"            within:{NBSP}6", 13, "after 'within:'"),
        ("[avg, ", f"[avg,{NBSP}", 12, "after '[avg,'"),
        ("    label: Knelpunten", f"  {NBSP}  label: Knelpunten", 5, "in the indentation"),
    ],
)
def test_a_non_breaking_space_is_named_at_its_line(
    tmp_path: Path, old: str, new: str, line: int, words: str
) -> None:
    text = BOOK.format(**GOOD)
    assert old in text
    code, said = check(tmp_path, text.replace(old, new))
    assert code != 0, said
    assert f"codebook.yaml:{line}: a non-breaking space {words} (Word?)" in said, said
    assert "use an ordinary space" in said and "Traceback" not in said


@pytest.mark.parametrize(
    ("field", "value", "line", "quotes"),
    [
        ("regex", REGEX.replace("'", "‘", 1)[:-1] + "’", 11, "‘…’"),
        ("regex", REGEX.replace("'", "“", 1)[:-1] + "”", 11, "“…”"),
        ("term", "“korte lijn*”", 12, "“…”"),
        ("term", "„privacy”", 12, "„…”"),
    ],
)
def test_curly_quotes_around_a_regex_or_a_term_are_named(
    tmp_path: Path, field: str, value: str, line: int, quotes: str
) -> None:
    code, said = check(tmp_path, BOOK.format(**{**GOOD, field: value}))
    assert code != 0 and ": ok" not in said, said
    assert f"codebook.yaml:{line}:" in said, said
    assert f"starts and ends with curly quotes {quotes}: Word replaced the straight quotes" in said
    assert "is not a word" not in said


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_codebook_saved_as_utf16_is_read(tmp_path: Path, encoding: str) -> None:
    text = BOOK.format(**GOOD)
    if encoding == "utf-16-be":
        text = "\ufeff" + text
    code, said = check(tmp_path, text, encoding)
    assert code == 0 and ": ok" in said, said


def test_a_project_codes_with_a_utf16_codebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "codebook.yaml").write_bytes(BOOK.format(**GOOD).encode("utf-16"))
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", "utf-8")
    (tmp_path / "a.txt").write_text("I: En?\nR: We delen gegevens uitwisselen met avg.\n", "utf-8")
    result = runner.invoke(app, ["code", "a.txt"])
    assert result.exit_code == 0, result.stderr

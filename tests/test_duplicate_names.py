"""Two codes with the same label, or the same short id in two themes: `codebook check` warns, and
a tag or --code naming that label or short id is refused (it names both), never the first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import dump_store, invoke_cli

runner = CliRunner()
BOOK = """version: 1
name: t
language: nl
themes:
  - id: knelpunten
    label: Knelpunten
    codes:
      - id: privacy
        label: {nl: Privacy, en: Privacy}
        match:
          - any: [avg]
  - id: vertrouwen
    label: Vertrouwen
    codes:
      - id: groeit
        label: {nl: Vertrouwen groeit, en: Trust grows}
      - id: wantrouwen
        label: {nl: Vertrouwen groeit, en: Distrust}
      - id: privacy
        label: {nl: Gegevens delen, en: Sharing data}
"""
TEXT = (
    "I: Hoe is het vertrouwen?\n"
    "R: [[Vertrouwen groeit: Het wantrouwen is nog niet weg.]] [[privacy: De avg remt.]] "
    "[[vertrouwen.groeit: We kennen elkaar.]]\n"
)


run = invoke_cli


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "codebook.yaml").write_text(BOOK, "utf-8")
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: nl\n", "utf-8")
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    return tmp_path


def test_check_warns_of_a_shared_label_and_short_id(study: Path) -> None:
    code, said = run("codebook", "check")
    assert code == 0, said
    assert (
        "codebook.yaml:17: [vertrouwen.wantrouwen] label 'Vertrouwen groeit' (nl) is also "
        "vertrouwen.groeit's" in said
    ), said
    assert "codebook.yaml:19: [vertrouwen.privacy] short id 'privacy' is also knelpunten." in said


def test_a_tag_naming_two_codes_is_a_memo_saying_which(study: Path) -> None:
    code, said = run("code", "a.txt")
    assert code == 0, said
    assert (
        "'Vertrouwen groeit': names more than one code: 'Vertrouwen groeit' is vertrouwen.groeit "
        "or vertrouwen.wantrouwen (write the full id) (kept as a memo)" in said
    ), said
    assert "'privacy' is knelpunten.privacy or vertrouwen.privacy" in said
    _, out = run("codings", "--no-anonymize", "--format", "json")
    by_hand = sorted(c["code"] for c in json.loads(out) if c["coder"] != "auto")
    assert by_hand == ["vertrouwen.groeit"]
    # The labels told apart in the codebook: the memo counts for the one it names now.
    (study / "codebook.yaml").write_text(
        BOOK.replace("nl: Vertrouwen groeit, en: Distrust", "nl: Wantrouwen, en: Distrust"), "utf-8"
    )
    code, said = run("code")
    assert code == 0, said
    _, out = run("codings", "--no-anonymize", "--format", "json")
    by_hand = sorted(c["code"] for c in json.loads(out) if c["coder"] != "auto")
    assert by_hand == ["vertrouwen.groeit", "vertrouwen.groeit"]


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("Vertrouwen groeit", "vertrouwen.groeit, vertrouwen.wantrouwen"),
        ("privacy", "knelpunten.privacy, vertrouwen.privacy"),
    ],
)
@pytest.mark.parametrize("command", ["quotes", "codings", "tally"])
def test_code_option_naming_two_codes_is_refused(
    study: Path, name: str, ids: str, command: str
) -> None:
    assert run("code", "a.txt")[0] == 0
    before = dump_store(study)
    args = ["tally", "--theme", name] if command == "tally" else [command, "--code", name]
    code, said = run(*args)
    if command == "tally":  # --theme takes a theme: the name is refused all the same
        assert code == 2 and "lernet: error:" in said, said
    else:
        assert code == 2, said
        errors = [line for line in said.splitlines() if line.startswith("lernet: error:")]
        assert errors == [f"lernet: error: {name!r} names 2 codes: {ids}; use the full id"], said
    assert dump_store(study) == before


def test_a_plain_label_shared_is_one_warning_without_a_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An imported codebook's `label: Workforce shortages` is every language's label: one
    warning, naming no language (not an `(nl)` one in an English project)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "codebook.yaml").write_text(
        "version: 1\nname: t\nthemes:\n"
        "  - id: workforce\n    label: Workforce shortages\n"
        "  - id: workforce_2\n    label: workforce shortages\n",
        "utf-8",
    )
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n", "utf-8")
    code, said = run("codebook", "check")
    assert code == 0, said
    warnings = [line for line in said.splitlines() if "is also" in line]
    assert len(warnings) == 1, said
    assert warnings[0].endswith(
        "codebook.yaml:6: [workforce_2] label 'workforce shortages' is also "
        "workforce's: a comment, tag or --code naming it is refused; give each its own label"
    ), said


def test_a_shared_label_that_is_a_themes_id_names_that_theme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A theme `belemmeringen` labelled Belemmeringen, and a code of another theme with that
    label: naming Belemmeringen names the theme (its id), as the tag does, so the warning says
    that and how to name the code, not that the name is refused."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "codebook.yaml").write_text(
        "language: nl\nthemes:\n"
        "  - id: doorverwijzing\n    label: Doorverwijzing\n    codes:\n"
        "      - id: belemmeringen\n        label: Belemmeringen\n"
        "  - id: belemmeringen\n    label: Belemmeringen\n",
        "utf-8",
    )
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\n", "utf-8")
    (tmp_path / "a.txt").write_text(
        "I: Wat zit in de weg?\nR: [[Belemmeringen: Te veel formulieren.]]\n", "utf-8"
    )
    code, said = run("codebook", "check")
    assert code == 0, said
    (warning,) = [line for line in said.splitlines() if "is also" in line]
    assert warning.endswith(
        "[belemmeringen] label 'Belemmeringen' is also doorverwijzing.belemmeringen's: a "
        "comment, tag or --code naming it names belemmeringen (its id); write "
        "doorverwijzing.belemmeringen for the other, or give each its own label"
    ), said
    code, said = run("code", "a.txt")
    assert code == 0, said
    code, said = run("codings", "--format", "json")
    assert '"code": "belemmeringen"' in said
    assert "doorverwijzing.belemmeringen" not in said

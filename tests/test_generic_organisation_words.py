"""A listed organisation's words that only say what kind of organisation it is ("een
melkveebedrijf" of "Melkveebedrijf Jansen", "the health authority" of "Prairie Ridge Health
Authority") are not hidden alone, in text with capitals or without, after a filler or not; the
whole name and its distinctive parts ("Jansen", "Prairie Ridge") stay hidden (QA15 5, QA16 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding.names import ProjectNames
from lernet_cli.language.names import Redactor
from lernet_cli.language.stopwords import BY_LANGUAGE

runner = CliRunner()


def redactor(organisations: list[str], language: str) -> Redactor:
    return Redactor([], organisations, common_words=BY_LANGUAGE[language], language=language)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ik heb een melkveebedrijf, al jaren. Het melkvee is mooi.",
            "Ik heb een melkveebedrijf, al jaren. Het melkvee is mooi.",
        ),
        ("ik heb een melkveebedrijf al jaren", "ik heb een melkveebedrijf al jaren"),
        ("Bij Melkveebedrijf Jansen en bij Jansen.", "Bij [organisatie] en bij [organisatie]."),
        ("bij melkveebedrijf jansen en bij jansen", "bij [organisatie] en bij [organisatie]"),
    ],
)
def test_a_dutch_farm_hides_its_name_not_the_word_for_a_farm(text: str, expected: str) -> None:
    assert redactor(["Melkveebedrijf Jansen"], "nl").redact(text) == expected


ORGS = ["Prairie Ridge Health Authority", "Northwood College"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the health authority makes decisions, uh the health authority, the college",
            "the health authority makes decisions, uh the health authority, the college",
        ),
        (
            "So the health authority makes decisions. Uh the health authority, the college.",
            "So the health authority makes decisions. Uh the health authority, the college.",
        ),
        (
            "at prairie ridge and prairie ridge health authority and northwood college",
            "at [organisation] and [organisation] and [organisation]",
        ),
        (
            "We met at Prairie Ridge, then Prairie Ridge Health Authority and Northwood.",
            "We met at [organisation], then [organisation] and [organisation].",
        ),
        ("We wrote to The Health Authority.", "We wrote to The [organisation]."),
    ],
)
def test_an_authority_hides_its_name_not_the_words_for_its_kind(text: str, expected: str) -> None:
    r = Redactor(
        [], ORGS, organisation="[organisation]", common_words=BY_LANGUAGE["en"], language="en"
    )
    assert r.redact(text) == expected


def test_the_rules_masks_change_with_it() -> None:
    """What the rules read changed for projects with such names: their digest differs, so
    `lernet code` codes their transcripts again."""
    from lernet_cli.coding import names

    digest = ProjectNames((), ("Melkveebedrijf Jansen",), "nl").digest
    assert names.MASK_VERSION != "1"
    old = names.MASK_VERSION
    try:
        names.MASK_VERSION = "1"
        assert ProjectNames((), ("Melkveebedrijf Jansen",), "nl").digest != digest
    finally:
        names.MASK_VERSION = old


def test_quotes_keep_the_health_authority_and_hide_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import MINI_CODEBOOK

    (tmp_path / "t").mkdir()
    (tmp_path / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (tmp_path / "lernet.yaml").write_text("codebook: codebook.yaml\nlanguage: en\n")
    (tmp_path / "participants.yaml").write_text(
        "participants:\n  - {id: p02, organisations: [Prairie Ridge Health Authority]}\n",
        encoding="utf-8",
    )
    (tmp_path / "t" / "p02.txt").write_text(
        "Interviewer: and who decides\n"
        "p02: well the health authority makes decisions and uh the health authority has "
        "concurrents at prairie ridge health authority itself\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["code", "t"]).exit_code == 0
    result = runner.invoke(app, ["quotes", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    text = json.dumps(json.loads(result.stdout))
    assert "the health authority makes decisions and uh the health authority has" in text
    assert "at [organisation] itself" in text and "prairie" not in text

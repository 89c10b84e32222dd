"""The project's language: lernet.yaml's `language:` where it sets one (en-GB read as en), else
the codebook's `language:`, else Dutch; `lernet init` without --language leaves it to the
codebook. Name hiding follows the same language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lernet_cli.codebook.codebook import codebook_language, language_code, load_codebook
from lernet_cli.errors import ProjectError
from lernet_cli.project.project import load_project

from .conftest import DEFAULT_CODEBOOK, dump_store, invoke_cli

EN_CODEBOOK = """\
version: 1
name: own
language: en
themes:
  - id: exchange
    label: {en: Exchange}
    codes:
      - id: contacts
        label: {en: Contacts}
        match:
          - any: [contacts]
"""
TEXT = (
    "I: What did you get?\n"
    "R: Contacts at Wearside Housing, mainly. Alan Burke introduced me to them.\n"
)
PEOPLE = (
    "id,group,label,names,organisations\nP1,council,Council officer,Alan Burke,Wearside Housing\n"
)


def _project(root: Path, config: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "codebook.yaml").write_text(EN_CODEBOOK, encoding="utf-8")
    (root / "lernet.yaml").write_text(
        f"codebook: codebook.yaml\nparticipants: participants.csv\n{config}", encoding="utf-8"
    )
    (root / "participants.csv").write_text(PEOPLE, encoding="utf-8")
    (root / "P1.txt").write_text(TEXT, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("written", "read"),
    [("en", "en"), ("en-GB", "en"), ("nl_BE", "nl"), ("EN", "en"), ("fr", None), ("", None)],
)
def test_language_code(written: str, read: str | None) -> None:
    assert language_code(written) == read


def test_a_project_without_language_follows_the_codebook(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "")
    project = load_project(root)
    assert (project.language, project.language_source) == ("en", "codebook")
    assert project.placeholders["organisation"] == "[organisation]"


def test_an_explicit_setting_wins(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "language: nl\n")
    assert load_project(root).language == "nl"


def test_en_gb_in_lernet_yaml_is_english(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "language: en-GB\n")
    assert load_project(root).language == "en"
    (root / "codebook.yaml").write_text(
        EN_CODEBOOK.replace("language: en", "language: en-GB"), encoding="utf-8"
    )
    assert codebook_language(root / "codebook.yaml") == "en"
    assert load_codebook(root / "codebook.yaml").language == "en"


def test_an_unknown_language_is_one_line(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "language: fr\n")
    with pytest.raises(ProjectError, match="must be nl or en"):
        load_project(root)


def test_without_codebook_language_dutch(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "")
    (root / "codebook.yaml").write_text(EN_CODEBOOK.replace("language: en\n", ""), "utf-8")
    assert (load_project(root).language, load_project(root).language_source) == ("nl", "default")


def test_outputs_follow_the_codebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p", "")
    monkeypatch.chdir(root)
    code, out = invoke_cli("code", "P1.txt")
    assert code == 0, out
    code, out = invoke_cli("tally")
    assert code == 0 and "theme / code" in out and "deelnemers" not in out
    assert "sets language" not in out  # consistent: nothing more said
    code, out = invoke_cli("quotes", "--code", "contacts")
    assert code == 0, out
    assert "[organisation]" in out and "[organisatie]" not in out
    assert "Wearside" not in out


def test_a_setting_other_than_the_codebooks_is_noted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "p", "language: nl\n")
    monkeypatch.chdir(root)
    assert invoke_cli("code", "P1.txt")[0] == 0
    code, out = invoke_cli("tally")
    assert code == 0 and "deelnemers" in out
    assert "sets language: nl, the codebook's language: en" in out


def test_init_without_language_leaves_it_to_the_codebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "p"
    code, out = invoke_cli("init", str(root), "--blank")
    assert code == 0, out
    config = (root / "lernet.yaml").read_text(encoding="utf-8")
    assert "\nlanguage:" not in config and "# language: nl" in config
    shutil.copy(_project(tmp_path / "q", "") / "codebook.yaml", root / "codebook.yaml")
    assert load_project(root).language == "en"
    code, out = invoke_cli("init", str(tmp_path / "r"), "--language", "en-GB")
    assert code == 0, out
    assert "\nlanguage: en\n" in (tmp_path / "r" / "lernet.yaml").read_text(encoding="utf-8")


def test_a_bad_language_in_lernet_yaml_leaves_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "p", "")
    monkeypatch.chdir(root)
    assert invoke_cli("code", "P1.txt")[0] == 0
    before = dump_store(root)
    with (root / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("language: French\n")
    code, out = invoke_cli("code")
    assert code != 0 and "Traceback" not in out
    assert "lernet.yaml" in out and "must be nl or en" in out
    assert dump_store(root) == before


def test_without_any_setting_the_transcripts_language_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "p", "")
    (root / "codebook.yaml").write_text(EN_CODEBOOK.replace("language: en\n", ""), "utf-8")
    (root / "P1.txt").write_text(
        "I: What did you get from the network?\n"
        "R: Contacts, mainly. I think that we have been able to work with the other people "
        "there, and they have shared what they know with us and we learned a lot from them.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    from lernet_cli.store.store import Store

    with Store.open(root / ".lernet" / "lernet.db", create=True):
        pass  # a project made by lernet init: a store without transcripts
    code, out = invoke_cli("code", "P1.txt")
    assert code == 0, out
    assert "the project is English" in out
    project = load_project(root)
    assert (project.language, project.language_source) == ("en", "transcripts")
    assert project.placeholders["name"] == "[name]"
    code, out = invoke_cli("tally")
    assert code == 0 and "theme / code" in out


def test_init_beside_an_english_codebook_writes_english_settings(tmp_path: Path) -> None:
    """An English researcher's own codebook, then `lernet init`: lernet.yaml's comments are
    English, and its language line stays a comment that leaves it to the codebook."""
    root = tmp_path / "p"
    root.mkdir()
    (root / "codebook.yaml").write_text(EN_CODEBOOK, encoding="utf-8")
    code, out = invoke_cli("init", str(root))
    assert code == 0, out
    config = (root / "lernet.yaml").read_text(encoding="utf-8")
    assert "project settings" in config and "Instellingen" not in config
    assert "\nlanguage:" not in config and "# language: en" in config
    assert "Interviewster" not in config


DUTCH_TEXT = (
    "I: Wat heb je eraan gehad?\n"
    "R: Contacts, zeg maar. Ik denk dat we met de andere mensen daar goed hebben kunnen werken, "
    "en ze hebben gedeeld wat ze weten met ons en we hebben er veel van geleerd.\n"
)


DUTCH_CODEBOOK = (
    EN_CODEBOOK.replace("language: en", "language: nl")
    .replace("{en: Exchange}", "{nl: Uitwisseling}")
    .replace("{en: Contacts}", "Contacten")
)


@pytest.mark.parametrize(
    ("codebook", "text", "want"), [(EN_CODEBOOK, DUTCH_TEXT, "en"), (DUTCH_CODEBOOK, TEXT, "nl")]
)
def test_lernet_code_makes_a_project_in_the_codebooks_declared_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, codebook: str, text: str, want: str
) -> None:
    """`lernet code` with no project, beside a codebook of one language that declares it, and
    interviews in the other: the codebook says what the report is written in (quotes stay as
    said), as for `lernet init`; lernet.yaml leaves it to the codebook and says so in its own
    words."""
    root = tmp_path / "p"
    root.mkdir()
    (root / "codebook.yaml").write_text(codebook, encoding="utf-8")
    (root / "P1.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    code, out = invoke_cli("code", "P1.txt")
    assert code == 0, out
    assert f"language {want}, the codebook's" in out
    project = load_project(root)
    assert (project.language, project.language_source) == (want, "codebook")
    config = (root / "lernet.yaml").read_text(encoding="utf-8")
    assert f"# language: {want}" in config and "\nlanguage:" not in config
    assert ("project settings" in config) == (want == "en")


def test_a_codebook_with_labels_in_both_languages_follows_the_transcripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled codebook (language: nl, every label in Dutch and English) beside English
    interviews: it speaks English, so the project is English, as the transcripts are."""
    root = tmp_path / "p"
    root.mkdir()
    shutil.copy(DEFAULT_CODEBOOK, root / "codebook.yaml")
    (root / "P1.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(root)
    code, out = invoke_cli("code", "P1.txt")
    assert code == 0, out
    assert "language en: the transcripts read as English" in out
    assert load_project(root).language == "en"

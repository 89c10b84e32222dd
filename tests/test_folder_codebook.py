"""A codebook among the transcripts of a folder named to `lernet code`: the codebook of a project
`lernet code` creates there (as `lernet code *` takes it), or named in one line when the project
codes with another."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import MINI_CODEBOOK

runner = CliRunner()
TEXT = "I: Kent u de anderen?\nR: Nou, we kennen elkaar nog niet goed.\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of transcripts with the researcher's own codebook, no project anywhere."""
    root = tmp_path / "interviews"
    root.mkdir()
    (root / "D01.txt").write_text(TEXT, encoding="utf-8")
    (root / "mijn-codeboek.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def test_code_dot_creates_the_project_with_the_codebook_beside_the_transcripts(
    folder: Path,
) -> None:
    result = runner.invoke(app, ["code", "."])
    assert result.exit_code == 0, result.stderr
    assert "with mijn-codeboek.yaml as the codebook (found beside the transcripts)" in (
        result.stderr
    ), result.stderr
    assert "codebook: mijn-codeboek.yaml" in (folder / "lernet.yaml").read_text(encoding="utf-8")
    assert "default codebook" not in result.stderr
    assert "mijn-codeboek" not in result.stdout  # not read as a transcript


def test_two_codebooks_in_the_folder_are_not_guessed_between(folder: Path) -> None:
    (folder / "oud-codeboek.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    result = runner.invoke(app, ["code", "."])
    assert result.exit_code == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(
        "lernet: error: the folders named hold 2 codebooks (mijn-codeboek.yaml, "
    ), line
    assert "(lernet code . mijn-codeboek.yaml)" in line
    assert "nothing was created" in line
    assert not (folder / "lernet.yaml").exists() and not (folder / ".lernet").exists()


def test_a_codebook_beside_the_transcripts_of_a_project_coding_with_another_is_named(
    project: Path,
) -> None:
    interviews = project / "interviews"
    interviews.mkdir()
    (interviews / "D01.txt").write_text(TEXT, encoding="utf-8")
    (interviews / "eigen.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    result = runner.invoke(app, ["code", "interviews"])
    assert result.exit_code == 0, result.stderr
    (line,) = [x for x in result.stderr.splitlines() if "eigen.yaml" in x]
    assert line.startswith(
        "lernet: note: interviews/eigen.yaml beside the transcripts is a codebook; this project "
        "codes with codebook.yaml: to code with it, set codebook: in "
    ), line
    # the project's own codebook among the files coded is no news
    result = runner.invoke(app, ["code", "."])
    assert result.exit_code == 0, result.stderr
    assert "codebook.yaml beside" not in result.stderr
    assert "interviews/eigen.yaml beside the transcripts is a codebook" in result.stderr


def test_a_codebook_yaml_already_in_the_new_project_is_named_as_the_one_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (tmp_path / "interviews").mkdir()
    (tmp_path / "interviews" / "D01.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["code", "interviews"])
    assert result.exit_code == 0, result.stderr
    assert "with codebook.yaml as the codebook (it was here already)" in result.stderr
    assert "default codebook" not in result.stderr
    assert (tmp_path / "codebook.yaml").read_text(encoding="utf-8") == MINI_CODEBOOK


def test_a_codebook_beside_a_lernet_yaml_without_codebook_is_named_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lernet.yaml").write_text("coder: bea\nlanguage: nl\n", encoding="utf-8")
    (tmp_path / "codebook.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    (tmp_path / "D01.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args in (["code", "."], ["code"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        notes = [line for line in result.stderr.splitlines() if "codebook.yaml" in line]
        assert len(notes) == 1, result.stderr
        assert "names no codebook:, so this project codes with the default codebook" in notes[0]
        assert "add `codebook: codebook.yaml` to lernet.yaml" in notes[0]


def test_a_codebook_in_the_folder_of_a_new_project_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lernet code interviews/` (or `lernet init`) where her codebook lies beside the folder:
    the new project codes with lernet's codebook.yaml, and one line says hers is there and how
    to code with it, instead of passing it over unseen."""
    study = tmp_path / "study"
    (study / "interviews").mkdir(parents=True)
    (study / "interviews" / "D01.txt").write_text(TEXT, encoding="utf-8")
    (study / "codeboek-jeugd.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    monkeypatch.chdir(study)
    result = runner.invoke(app, ["code", "interviews"])
    assert result.exit_code == 0, result.stderr
    (line,) = [x for x in result.stderr.splitlines() if "codeboek-jeugd.yaml" in x]
    assert line.startswith("lernet: note: codeboek-jeugd.yaml in ")
    assert "this project codes with codebook.yaml" in line
    assert "set `codebook: codeboek-jeugd.yaml` in lernet.yaml" in line
    other = tmp_path / "other"
    other.mkdir()
    (other / "mijn-codeboek.yaml").write_text(MINI_CODEBOOK, encoding="utf-8")
    result = runner.invoke(app, ["init", str(other)])
    assert result.exit_code == 0, result.stderr
    assert "set `codebook: mijn-codeboek.yaml` in lernet.yaml" in result.stderr
    # once the project codes with hers, nothing more is said of it
    config = study / "lernet.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "codebook: codebook.yaml", "codebook: codeboek-jeugd.yaml"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", "interviews"])
    assert result.exit_code == 0, result.stderr
    assert "codeboek-jeugd.yaml in" not in result.stderr

"""The words' forms kept between runs (language/formcache.py): what a later run takes from the
file is what it would have worked out, it is used instead of working it out, and a broken or
missing file only costs time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.coding import read_and_code
from lernet_cli.coding.workers import fork_workers
from lernet_cli.language import formcache, text

runner = CliRunner()

FIRST = "R: De zwaluwstaarten en kwartelkoningen bespraken we met de hele groep.\n"
SECOND = "R: Onze nachtegaalachtige plannen deelden we niet met de concurrenten.\n"


def cache_file(project: Path) -> Path:
    found = list((project / ".lernet" / "cache").glob("forms-*.json"))
    assert len(found) == 1, found
    return found[0]


def code(project: Path, *names: str) -> None:
    result = runner.invoke(app, ["code", "--project", str(project), *names])
    assert result.exit_code == 0, result.stderr


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a new run: no word's forms known yet."""
    monkeypatch.setattr(text, "_FORMS", {})
    monkeypatch.setattr(text, "_NEW_FORMS", [])


def test_a_run_keeps_the_forms_of_its_words_as_they_are_worked_out(project: Path) -> None:
    (project / "a.txt").write_text(FIRST, encoding="utf-8")
    code(project, str(project / "a.txt"))
    kept = json.loads(cache_file(project).read_text(encoding="utf-8"))
    assert {"zwaluwstaarten", "kwartelkoningen", "groep"} <= kept.keys()
    for word, forms in kept.items():
        assert frozenset(forms) == text._word_forms(word), word


def test_kept_forms_are_used_instead_of_worked_out(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "a.txt").write_text(FIRST, encoding="utf-8")
    code(project, str(project / "a.txt"))
    monkeypatch.setattr(text, "_FORMS", {})

    def not_again(word: str) -> frozenset[str]:
        raise AssertionError(f"worked out again: {word}")

    monkeypatch.setattr(text, "_word_forms", not_again)
    assert formcache.load_forms(project / ".lernet" / "cache") > 0
    assert "nll:kwartelkoning" in text.word_forms("kwartelkoningen")


def test_saving_adds_to_what_is_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    text.word_forms("kennis")
    assert formcache.save_forms(cache) == 1
    text.word_forms("vertrouwen")
    assert formcache.save_forms(cache, {"elders": ["s:elders"]}) == 2
    assert formcache.save_forms(cache) == 0  # nothing new
    kept = json.loads(next(cache.glob("forms-*.json")).read_text(encoding="utf-8"))
    assert kept.keys() == {"kennis", "vertrouwen", "elders"}


@pytest.mark.parametrize("content", ["{not json", '["a list"]', '{"kennis": "s:kennis"}', ""])
def test_a_broken_cache_file_is_ignored_and_written_anew(project: Path, content: str) -> None:
    (project / "a.txt").write_text(FIRST, encoding="utf-8")
    code(project, str(project / "a.txt"))
    path = cache_file(project)
    path.write_text(content, encoding="utf-8")
    (project / "b.txt").write_text(SECOND, encoding="utf-8")
    code(project, str(project / "b.txt"))
    kept = json.loads(cache_file(project).read_text(encoding="utf-8"))
    assert "nachtegaalachtige" in kept


def test_the_file_names_the_version_of_the_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    from lernet_cli.language import lemmas

    before = formcache.forms_key()
    formcache.forms_key.cache_clear()
    real = lemmas.package_version
    monkeypatch.setattr(
        lemmas, "package_version", lambda name: "99.0" if name == "simplemma" else real(name)
    )
    try:
        assert formcache.forms_key() != before
    finally:
        formcache.forms_key.cache_clear()


@pytest.mark.skipif(fork_workers() == 0, reason="needs two cores and fork")
def test_the_forms_that_workers_work_out_are_kept(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_and_code, "MIN_FILES_FOR_WORKERS", 1)
    (project / "a.txt").write_text(FIRST, encoding="utf-8")
    (project / "b.txt").write_text(SECOND, encoding="utf-8")
    code(project, str(project / "a.txt"), str(project / "b.txt"))
    kept = json.loads(cache_file(project).read_text(encoding="utf-8"))
    assert {"kwartelkoningen", "nachtegaalachtige"} <= kept.keys()
    assert "kwartelkoningen" not in text._FORMS  # worked out in a worker, not here

"""The parsed-YAML cache under .lernet/cache: same codebook, same errors, never stale."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from lernet_cli.codebook import yamlio
from lernet_cli.codebook.codebook import Codebook, load_codebook, parse_codebook
from lernet_cli.errors import CodebookError
from tests.conftest import DEFAULT_CODEBOOK


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    (tmp_path / ".lernet").mkdir()
    return tmp_path / ".lernet" / "cache"


def shape(codebook: Codebook) -> list[tuple[object, ...]]:
    """Everything a loaded code holds; terms by their text (their patterns compare by identity)."""
    return [
        (
            c.id,
            c.labels,
            c.description,
            c.include,
            c.exclude,
            c.parent,
            c.theme,
            c.depth,
            c.examples,
            c.counterexamples,
            c.directional,
            c.related,
            c.line,
            [r.name for r in c.rules],
            [ch.id for ch in c.children],
            {k: [t.text for t in v] for k, v in c.directions.items()},
        )
        for c in codebook.walk()
    ]


def _no_parse(*args: object) -> None:
    raise AssertionError("parsed the YAML again although it was cached")


def test_cached_codebook_equals_parsed(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cb.yaml"
    path.write_bytes(DEFAULT_CODEBOOK.read_bytes())
    fresh = parse_codebook(path, with_rules=False)
    first = parse_codebook(path, with_rules=False, cache=cache)
    assert len(list(cache.glob("yaml-*.json"))) == 1
    monkeypatch.setattr(yamlio, "_parse", _no_parse)
    again = parse_codebook(path, with_rules=False, cache=cache)
    for built in (first, again):
        assert shape(built) == shape(fresh)
        assert built.problems == fresh.problems
        assert built.digest == fresh.digest


def test_line_numbers_survive_the_cache(cache: Path, tmp_path: Path, mini_codebook: Path) -> None:
    text = mini_codebook.read_text(encoding="utf-8").replace(
        "id: built", "id: built\n        colour: x"
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    fresh = [str(p) for p in parse_codebook(path).problems]
    parse_codebook(path, cache=cache)
    cached = [str(p) for p in parse_codebook(path, cache=cache).problems]
    assert cached == fresh
    assert any("colour" in p for p in cached)
    with pytest.raises(CodebookError, match=r"bad\.yaml:\d+"):
        load_codebook(path, cache=cache)


def test_an_edited_file_is_parsed_again(cache: Path, tmp_path: Path, mini_codebook: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_bytes(mini_codebook.read_bytes())
    assert load_codebook(path, cache=cache).codes["trust"].labels["en"] == "Trust"
    path.write_text(
        path.read_text(encoding="utf-8").replace("en: Trust}", "en: Faith}"), encoding="utf-8"
    )
    assert load_codebook(path, cache=cache).codes["trust"].labels["en"] == "Faith"


def test_a_damaged_cache_file_is_ignored(cache: Path, mini_codebook: Path) -> None:
    load_codebook(mini_codebook, cache=cache)
    (entry,) = cache.glob("yaml-*.json")
    for junk in ("{not json", '{"m": 1}', "[1, 2", '{"e": [[1]]}'):
        entry.write_text(junk, encoding="utf-8")
        assert [c.id for c in load_codebook(mini_codebook, cache=cache).walk()][0] == "trust"


def test_no_cache_without_a_store_folder(tmp_path: Path, mini_codebook: Path) -> None:
    cache = tmp_path / "elsewhere" / "cache"
    load_codebook(mini_codebook, cache=cache)
    assert not cache.parent.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_store_folder_still_loads(cache: Path, mini_codebook: Path) -> None:
    cache.parent.chmod(0o500)
    try:
        assert load_codebook(mini_codebook, cache=cache).codes
    finally:
        cache.parent.chmod(0o700)
    assert not cache.exists()


def test_cache_is_private_and_pruned(cache: Path, tmp_path: Path, mini_codebook: Path) -> None:
    base = mini_codebook.read_text(encoding="utf-8")
    for i in range(yamlio._CACHE_KEEP + 3):
        path = tmp_path / f"cb{i}.yaml"
        path.write_text(base.replace("name: mini", f"name: mini{i}"), encoding="utf-8")
        load_codebook(path, cache=cache)
        newest = max(cache.glob("yaml-*.json"), key=lambda p: p.stat().st_mtime)
        os.utime(newest, (1_000_000 + i, 1_000_000 + i))
    entries = list(cache.glob("yaml-*.json"))
    assert len(entries) == yamlio._CACHE_KEEP
    assert all(p.stat().st_mode & 0o077 == 0 for p in entries)
    assert not list(cache.glob("*.tmp"))


def test_values_json_cannot_hold_are_not_cached(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "dated.yaml"
    path.write_text("when: 2024-05-01\n3: three\n", encoding="utf-8")
    data = yamlio.load_yaml(path, CodebookError, cache=cache)
    assert str(data["when"]) == "2024-05-01" and data[3] == "three"
    assert not list(cache.glob("yaml-*.json"))


def test_lines_of_list_items_survive_the_cache(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text(
        "themes:\n  - id: t\n    label: T\n    match:\n      - any:\n          - goed\n"
        "          - 'x!'\n",
        encoding="utf-8",
    )
    fresh = [str(p) for p in parse_codebook(path).problems]
    assert fresh == [
        f"{path}:7: [t] rule 1: term 'x!': 'x!' is not a word (use regex: for punctuation)"
    ]
    parse_codebook(path, cache=cache)
    assert [str(p) for p in parse_codebook(path, cache=cache).problems] == fresh


def test_a_file_with_yaml_problems_is_not_cached(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text("themes: []\nthemes: []\n", encoding="utf-8")
    for _ in range(2):
        assert "duplicate key 'themes'" in str(parse_codebook(path, cache=cache).problems[0])
    assert not list(cache.glob("yaml-*.json"))


PEOPLE = """\
groups: [adviseur, bedrijf]
participants:
  - id: p1
    group: adviseur
    files: [a.txt]
  - id: p2
    group: bedrijf
    files: [b.txt]
"""


def test_participants_are_cached_and_read_again_when_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command reads the participants file (a re-coding, for the groups of the summary):
    its parsed tree is kept in the cache, and an edit is seen by the next command."""
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    runner = CliRunner()
    (tmp_path / "codebook.yaml").write_bytes(DEFAULT_CODEBOOK.read_bytes())
    (tmp_path / "participants.yaml").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "lernet.yaml").write_text(
        "codebook: codebook.yaml\nparticipants: participants.yaml\n", encoding="utf-8"
    )
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            "I: Wat haal je eruit?\nR: Wij halen veel kennis op bij de anderen.\n",
            encoding="utf-8",
        )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["code", "a.txt", "b.txt"])
    assert result.exit_code == 0, result.stderr
    cache = tmp_path / ".lernet" / "cache"

    def kept(text: str) -> bool:
        return (cache / f"yaml-{hashlib.sha256(text.encode()).hexdigest()}.json").is_file()

    assert kept(PEOPLE)
    runner.invoke(app, ["tally"])  # the codebook's tree is kept too
    real = yamlio._parse

    def not_the_people(path: Path, *args: object) -> object:
        assert path.name != "participants.yaml", "parsed again although it was cached"
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(yamlio, "_parse", not_the_people)
    result = runner.invoke(app, ["tally", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert '"adviseur"' in result.stdout and '"bedrijf"' in result.stdout

    edited = PEOPLE.replace("group: bedrijf", "group: adviseur")
    (tmp_path / "participants.yaml").write_text(edited, encoding="utf-8")
    monkeypatch.setattr(yamlio, "_parse", real)
    result = runner.invoke(app, ["tally", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert '"bedrijf"' not in result.stdout
    assert kept(edited)

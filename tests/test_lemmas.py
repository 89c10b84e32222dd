"""Fast lemma dictionaries: the plain dictionaries' lemmas, built once, never read half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.language import lemmas
from lernet_cli.language.text import WORD_RE
from lernet_cli.readers import read_transcript
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def vocabulary() -> list[str]:
    words: set[str] = set()
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix in (".docx", ".txt"):
            for turn in read_transcript(path).turns:
                words.update(w.lower() for w in WORD_RE.findall(turn.text))
    words.update("kende kenden vertrouwde went children gedeeld concurrenten".split())
    return sorted(words)


def test_trie_lemmas_equal_the_plain_dictionaries(tmp_path: Path, vocabulary: list[str]) -> None:
    fast = lemmas.make_lemmatizer(tmp_path)
    plain = lemmas.make_lemmatizer(None)
    assert len(vocabulary) > 1000
    for lang in lemmas.LANGS:
        differ = [w for w in vocabulary if fast(w, lang) != plain(w, lang)]
        assert differ == [], lang
    assert fast("kende", "nl") == "kennen" and fast("went", "en") == "go"


def test_built_once_in_place_without_leftovers(tmp_path: Path) -> None:
    lemmas.trie_factory(tmp_path)
    (folder,) = tmp_path.iterdir()
    files = {p.name: p.stat().st_ino for p in folder.iterdir()}
    assert files.keys() == {"nl.dic", "en.dic"}
    lemmas.trie_factory(tmp_path)
    assert {p.name: p.stat().st_ino for p in folder.iterdir()} == files


def test_a_cache_that_cannot_be_written_falls_back(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    lemmatize = lemmas.make_lemmatizer(blocker / "cache")
    assert lemmatize("kende", "nl") == "kennen"
    assert blocker.read_text(encoding="utf-8") == "x"


def test_cache_folder_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LERNET_CACHE_DIR", str(tmp_path))
    assert lemmas.cache_dir() == tmp_path
    monkeypatch.delenv("LERNET_CACHE_DIR")
    assert lemmas.cache_dir() not in (None, tmp_path)


def test_dictionary_look_up_without_simplemma_gives_its_lemmas(
    tmp_path: Path, vocabulary: list[str]
) -> None:
    """Built tries are read directly; every word, lower-case, capitalised and with an
    apostrophe, gets what simplemma's own look-up over the same tries gives."""
    lemmas.trie_factory(tmp_path)
    direct = lemmas.make_lookup(tmp_path)
    theirs = lemmas.make_simplemma_lookup(tmp_path)
    assert direct.__name__ == "lookup" and theirs.__name__ == "get_lemma"
    words = vocabulary + [w.capitalize() for w in vocabulary]
    words += ["Jan", "Sarah", "Bakker", "d'r", "z’n", "ʼs", "it's", "O'Neill", ""]
    for lang in lemmas.LANGS:
        differ = [w for w in words if direct(w, lang) != theirs(w, lang)]
        assert differ == [], lang
    assert direct("kende", "nl") == "kennen" and direct("jan", "nl") == "Jan"
    assert direct("zwaluwstaartverbinding", "nl") is None
    assert direct("kende", "de") == theirs("kende", "de")


def test_look_up_before_the_tries_are_built_builds_them(tmp_path: Path) -> None:
    assert lemmas.make_lookup(tmp_path)("kende", "nl") == "kennen"
    (folder,) = tmp_path.iterdir()
    assert {p.name for p in folder.iterdir()} == {"nl.dic", "en.dic"}
    assert lemmas.make_lookup(tmp_path).__name__ == "lookup"


def test_package_version_as_importlib_metadata_gives_it() -> None:
    from importlib.metadata import version

    for name in ("simplemma", "marisa-trie", "PyStemmer", "python-docx", "pyyaml"):
        assert lemmas.package_version(name) == version(name)
    assert lemmas.package_version("no-such-package-here") is None

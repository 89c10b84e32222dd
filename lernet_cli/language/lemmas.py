"""Dictionary lemmas from simplemma, loaded in milliseconds instead of a second.

simplemma decodes its compressed dictionaries at every start (about half a second a language), which
was most of a `lernet code` run on a study of ten interviews. Its MARISA-trie dictionaries give the
same lemmas from a file that is built once in the user's cache folder and then loads in well under a
millisecond. Without marisa-trie, or where no cache can be written, the plain dictionaries are used.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simplemma.strategies.dictionaries import DictionaryFactory

LANGS = ("nl", "en")
_lemmatizer: Callable[[str, str], str] | None = None
_known: Callable[[str, str], bool] | None = None
_dictionary: Callable[[str, str], str | None] | None = None


def lemmatize(word: str, lang: str) -> str:
    global _lemmatizer
    if _lemmatizer is None:
        _lemmatizer = make_lemmatizer(cache_dir())
    return _lemmatizer(word, lang)


def is_known(word: str, lang: str) -> bool:
    """Whether the language's dictionary has the word (as a form of some lemma)."""
    global _known
    if _known is None:
        _known = make_known(cache_dir())
    return _known(word, lang)


def is_common_word(word: str, lang: str) -> bool:
    """Whether the language's dictionary has the word in lower case as an ordinary word: its
    lemma is in lower case too. Given names are in the dictionaries as well ("sarah" -> "Sarah",
    "jan" -> "Jan"); those are not common words. Surnames that are words ("Bakker", "Mark") are."""
    lemma = dictionary_lemma(word.lower(), lang)
    return lemma is not None and lemma == lemma.lower()


def dictionary_lemma(word: str, lang: str) -> str | None:
    """The language dictionary's lemma of a word form as written (None where it lacks it)."""
    global _dictionary
    if _dictionary is None:
        _dictionary = make_lookup(cache_dir())
    return _dictionary(word, lang)


def make_known(folder: Path | None) -> Callable[[str, str], bool]:
    lookup = make_lookup(folder)
    return lambda word, lang: lookup(word, lang) is not None


def make_lookup(folder: Path | None) -> Callable[[str, str], str | None]:
    """The dictionary lemma of a word form, or None where the dictionary does not have it.

    Where the tries are built, they are read directly (`trie_lookup`): importing simplemma costs
    more than a re-code from the store spends on most codes' rules, and only its dictionaries are
    asked here."""
    if folder is not None:
        tries = _built_tries(folder)
        if tries is not None:
            return trie_lookup(tries, lambda: make_simplemma_lookup(folder))
    return make_simplemma_lookup(folder)


def make_simplemma_lookup(folder: Path | None) -> Callable[[str, str], str | None]:
    from simplemma.strategies import DictionaryLookupStrategy

    factory: DictionaryFactory | None = None
    if folder is not None:
        try:
            factory = trie_factory(folder)
        except (ImportError, OSError, RuntimeError, ValueError):
            factory = None
    lookup = (
        DictionaryLookupStrategy(dictionary_factory=factory)
        if factory is not None
        else DictionaryLookupStrategy()
    )
    return lookup.get_lemma


_APOSTROPHES = ("'", "\u2019", "\u02bc")


def trie_lookup(
    tries: dict[str, object], slow: Callable[[], Callable[[str, str], str | None]]
) -> Callable[[str, str], str | None]:
    """simplemma's dictionary look-up (`DictionaryLookupStrategy.get_lemma`) over its tries, for
    the languages whose tokens it does not fold: the form as written, else with its first letter's
    case turned. A form with an apostrophe (whose variants simplemma tries) and another language
    go to `slow`, made once asked."""
    made: list[Callable[[str, str], str | None]] = []

    def lookup(word: str, lang: str) -> str | None:
        trie = tries.get(lang)
        if trie is None or any(a in word for a in _APOSTROPHES):
            if not made:
                made.append(slow())
            return made[0](word, lang)
        found = trie.get(word)  # type: ignore[attr-defined]
        if found:
            return str(found[0].decode())
        cased = word.lower() if word[:1].isupper() else word.capitalize()
        found = trie.get(cased)  # type: ignore[attr-defined]
        return str(found[0].decode()) if found else None

    return lookup


def _built_tries(folder: Path) -> dict[str, object] | None:
    """The tries `trie_factory` built in `folder`, loaded without simplemma (None: not all built,
    or not readable)."""
    try:
        final = folder / _trie_folder()
        if not all((final / f"{lang}.dic").is_file() for lang in LANGS):
            return None
        from marisa_trie import BytesTrie

        return {lang: BytesTrie().load(str(final / f"{lang}.dic")) for lang in LANGS}
    except (ImportError, OSError, RuntimeError, ValueError, LookupError):
        return None


def _trie_folder() -> str:
    simplemma, marisa = package_version("simplemma"), package_version("marisa-trie")
    if simplemma is None or marisa is None:
        raise LookupError("simplemma or marisa-trie not installed")
    return f"simplemma-{simplemma}-marisa-{marisa}"


@cache
def package_version(name: str) -> str | None:
    """An installed package's version, from its .dist-info folder's name where one folder on the
    import path has it (importlib.metadata takes tens of milliseconds to import), else from
    importlib.metadata; None when not installed."""
    wanted = _normal(name)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found = {
            n[: -len(".dist-info")].partition("-")[2]
            for n in names
            if n.endswith(".dist-info") and _normal(n.partition("-")[0]) == wanted
        }
        if len(found) == 1:
            return found.pop()
        if found:
            break
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _normal(name: str) -> str:
    return name.replace("-", "_").replace(".", "_").lower()


def cache_dir() -> Path | None:
    """`$LERNET_CACHE_DIR`, else the platform's cache folder for lernet."""
    if os.environ.get("LERNET_CACHE_DIR"):
        return Path(os.environ["LERNET_CACHE_DIR"])
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return None
    return Path(user_cache_dir("lernet"))


def make_lemmatizer(folder: Path | None) -> Callable[[str, str], str]:
    import simplemma

    if folder is not None:
        factory: DictionaryFactory | None
        try:
            factory = trie_factory(folder)
        except (ImportError, OSError, RuntimeError, ValueError):
            factory = None
        if factory is not None:
            from simplemma.strategies import DefaultStrategy

            lemmatizer = simplemma.Lemmatizer(
                lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)
            )
            return lambda word, lang: lemmatizer.lemmatize(word, lang=lang)
    return lambda word, lang: simplemma.lemmatize(word, lang=lang)


def trie_factory(folder: Path) -> DictionaryFactory:
    """simplemma's trie factory over `folder`, its files built first where missing.

    A file is built in a temporary folder and moved into place, so two lernet runs starting at once
    never read a half-written dictionary.
    """
    from simplemma.strategies.dictionaries import TrieDictionaryFactory

    final = folder / _trie_folder()
    missing = [lang for lang in LANGS if not (final / f"{lang}.dic").is_file()]
    if missing:
        final.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.TemporaryDirectory(dir=final) as tmp:
            builder = TrieDictionaryFactory(disk_cache_dir=tmp)
            for lang in missing:
                builder.get_dictionary(lang)
                os.replace(Path(tmp) / f"{lang}.dic", final / f"{lang}.dic")
    factory = TrieDictionaryFactory(disk_cache_dir=str(final))
    for lang in LANGS:
        factory.get_dictionary(lang)
    return factory

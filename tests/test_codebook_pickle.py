"""The built codebook kept in .lernet/cache (sealed pickles): the same codebook and codings,
and a corrupt, foreign or stale file is ignored and made again, never an error."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli import sealed
from lernet_cli.cli import app
from lernet_cli.codebook import cached
from lernet_cli.codebook import codebook as codebook_module
from lernet_cli.codebook.codebook import load_codebook, parse_codebook
from lernet_cli.coding.autocode import code_text
from lernet_cli.coding.digests import code_digests
from tests.conftest import DEFAULT_CODEBOOK, SAMPLES
from tests.test_yaml_cache import shape

TEXTS = [
    "We delen kennis met de andere bedrijven in het netwerk, dat levert veel op.",
    "Ik vertrouw ze nog niet echt, we kennen elkaar nog niet goed.",
    "Eigenlijk hebben we geen tijd om naar de bijeenkomsten te gaan.",
]


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    (tmp_path / ".lernet").mkdir()
    return tmp_path / ".lernet" / "cache"


@pytest.fixture
def codebook_file(tmp_path: Path) -> Path:
    path = tmp_path / "codebook.yaml"
    path.write_bytes(DEFAULT_CODEBOOK.read_bytes())
    return path


def _no_build(*args: object) -> None:
    raise AssertionError("built the codebook again although it was kept")


def _pickles(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"{cached.PREFIX}*.pickle"))


def _marks(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"{cached.PREFIX}*{cached.SEEN}"))


def _kept(path: Path, cache: Path, with_rules: bool = True) -> None:
    """Load a codebook twice: the second build is kept."""
    for _ in range(2):
        load_codebook(path, with_rules=with_rules, cache=cache)


def test_kept_codebook_codes_as_the_built_one(
    cache: Path, codebook_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = load_codebook(codebook_file)
    _kept(codebook_file, cache)
    (kept,) = _pickles(cache)
    assert not _marks(cache)
    assert kept.stat().st_mode & 0o077 == 0
    monkeypatch.setattr(codebook_module, "_build_codebook", _no_build)
    again = load_codebook(codebook_file, cache=cache)
    assert shape(again) == shape(built)
    assert again.problems == built.problems
    assert (again.digest, again.path, again.name) == (built.digest, built.path, built.name)
    assert code_digests(again) == code_digests(built)
    for text in TEXTS:
        assert code_text(again, text) == code_text(built, text)
    assert any(code_text(built, text) for text in TEXTS)


def test_with_and_without_rules_are_kept_apart(
    cache: Path, codebook_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _kept(codebook_file, cache, with_rules=False)
    _kept(codebook_file, cache)
    assert len(_pickles(cache)) == 2
    monkeypatch.setattr(codebook_module, "_build_codebook", _no_build)
    assert not load_codebook(codebook_file, with_rules=False, cache=cache).with_rules
    assert load_codebook(codebook_file, cache=cache).rule_codes()


def _edited(path: Path) -> None:
    path.write_text(
        path.read_text(encoding="utf-8").replace("name:", "name: edited\n# was:", 1),
        encoding="utf-8",
    )


def test_an_edited_codebook_is_built_again(cache: Path, codebook_file: Path) -> None:
    first = load_codebook(codebook_file, cache=cache)
    _kept(codebook_file, cache)
    _edited(codebook_file)
    second = load_codebook(codebook_file, cache=cache)
    assert second.digest != first.digest and second.name == "edited"
    assert len(_pickles(cache)) == 1 and len(_marks(cache)) == 1
    _kept(codebook_file, cache)
    assert len(_pickles(cache)) == 2 and not _marks(cache)


def test_a_codebook_is_kept_the_second_time_it_is_built(
    cache: Path, codebook_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edit, re-code, edit again: a version built once costs no pickling, only an empty mark."""
    for _ in range(3):
        _edited(codebook_file)
        load_codebook(codebook_file, cache=cache)
    assert not _pickles(cache) and len(_marks(cache)) == 3
    assert all(m.stat().st_size == 0 for m in _marks(cache))
    load_codebook(codebook_file, cache=cache)
    assert len(_pickles(cache)) == 1 and len(_marks(cache)) == 2
    monkeypatch.setattr(codebook_module, "_build_codebook", _no_build)
    assert load_codebook(codebook_file, cache=cache).name == "edited"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut off
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit flipped
        lambda data: b"",
        lambda data: b"not a pickle at all",
        lambda data: sealed.MAGIC + b"\0" * 32 + pickle.dumps(["a", "list"]),  # unsealed
    ],
)
def test_a_damaged_file_is_ignored(
    cache: Path, codebook_file: Path, damage: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    _kept(codebook_file, cache)
    (kept,) = _pickles(cache)
    kept.write_bytes(damage(kept.read_bytes()))  # type: ignore[operator]
    builds = []
    real = codebook_module._build_codebook

    def counted(*args: object) -> object:
        builds.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(codebook_module, "_build_codebook", counted)
    assert load_codebook(codebook_file, cache=cache).rule_codes()
    assert builds == [1]
    # made again, and used by the next load
    assert load_codebook(codebook_file, cache=cache).rule_codes()
    assert builds == [1]


class _Trap:
    """A pickle that does something when loaded: a file of someone else's must never run."""

    def __init__(self, mark: Path):
        self.mark = mark

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.mark,))


def test_a_file_sealed_by_another_user_is_never_unpickled(
    cache: Path, codebook_file: Path, tmp_path: Path
) -> None:
    _kept(codebook_file, cache)
    (kept,) = _pickles(cache)
    mark = tmp_path / "ran"
    payload = pickle.dumps(_Trap(mark))
    key = cached._key(codebook_file, codebook_file.read_text(encoding="utf-8"), True)
    assert key is not None
    other_secret = os.urandom(32)
    kept.write_bytes(sealed.MAGIC + sealed._seal(other_secret, key, payload) + payload)
    assert load_codebook(codebook_file, cache=cache).rule_codes()
    assert not mark.exists()
    # the same file sealed with this user's secret would have run: the seal is what stops it
    assert sealed.secret() is not None
    kept.write_bytes(sealed.MAGIC + sealed._seal(sealed.secret(), key, payload) + payload)  # type: ignore[arg-type]
    load_codebook(codebook_file, cache=cache)
    assert mark.exists()


def test_a_file_for_another_key_is_stale(cache: Path, codebook_file: Path) -> None:
    """A file sealed for another version of lernet (or codebook) under this file's name."""
    _kept(codebook_file, cache)
    (kept,) = _pickles(cache)
    other = load_codebook(DEFAULT_CODEBOOK)
    other.name = "stale"
    assert sealed.save(cache, kept.name, "another version", other, ("none", 1))
    assert load_codebook(codebook_file, cache=cache).name != "stale"


def test_the_version_key_follows_the_code(tmp_path: Path) -> None:
    key = sealed.version_key(cached.BUILT_BY, cached.LIBRARIES)
    assert key is not None and key == sealed.version_key(cached.BUILT_BY, cached.LIBRARIES)
    assert key != sealed.version_key(("codebook",), cached.LIBRARIES)
    assert sealed.version_key(("no_such_module.py",)) is None


def test_a_codebook_with_errors_is_not_kept(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "themes:\n  - id: t\n    label: T\n    match:\n      - any: ['x!']\n", encoding="utf-8"
    )
    for _ in range(3):
        assert parse_codebook(path, cache=cache).problems
    assert not _pickles(cache) and not _marks(cache)


def test_no_pickles_without_a_private_user_cache(
    cache: Path, codebook_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "user-cache"
    user.mkdir()
    (user / "seal.key").write_bytes(os.urandom(32))
    (user / "seal.key").chmod(0o644)  # readable by others: not a secret
    monkeypatch.setenv("LERNET_CACHE_DIR", str(user))
    assert sealed.secret() is None
    _kept(codebook_file, cache)
    assert load_codebook(codebook_file, cache=cache).rule_codes()
    assert not _pickles(cache)


def test_the_secret_is_made_once_and_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "fresh-user-cache"
    monkeypatch.setenv("LERNET_CACHE_DIR", str(user))
    first = sealed.secret()
    assert first is not None and len(first) == 32
    assert (user / "seal.key").stat().st_mode & 0o077 == 0
    sealed._secret.cache_clear()
    assert sealed.secret() == first
    assert not list(user.glob("*.tmp"))


def test_lernet_code_with_a_damaged_cache_says_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command line: a kept codebook, a damaged one and none give the same run."""
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lernet.yaml").write_text(f'codebook: "{DEFAULT_CODEBOOK}"\n', encoding="utf-8")
    files = [str(SAMPLES / "p05_bedrijf_zorg.txt"), str(SAMPLES / "p07_bedrijf_metaal.txt")]
    outputs = []
    cache = tmp_path / ".lernet" / "cache"
    for damage in ("none yet", "marked", "made", "kept", "damaged", "deleted"):
        (tmp_path / ".lernet" / "lernet.db").unlink(missing_ok=True)
        if damage == "kept":
            assert _pickles(cache)
        for kept in _pickles(cache) if damage in ("damaged", "deleted") else []:
            kept.write_bytes(b"junk") if damage == "damaged" else kept.unlink()
        result = runner.invoke(app, ["code", *files])
        assert result.exit_code == 0, result.stderr
        codings = runner.invoke(app, ["codings", "--format", "json"])
        assert codings.exit_code == 0, codings.stderr
        outputs.append((result.stdout, result.stderr, codings.stdout))
    assert all(out == outputs[0] for out in outputs)
    assert '"code"' in outputs[0][2]


def test_a_codebook_in_a_folder_whose_name_is_not_utf8_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9"))
    try:
        folder.mkdir()
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    (folder / ".lernet").mkdir()
    cache = folder / ".lernet" / "cache"
    path = folder / "codebook.yaml"
    path.write_bytes(DEFAULT_CODEBOOK.read_bytes())
    _kept(path, cache)
    assert _pickles(cache)
    monkeypatch.setattr(codebook_module, "_build_codebook", _no_build)
    assert load_codebook(path, cache=cache).rule_codes()

"""`lernet merge` and `lernet import qdpx --into` are all or nothing for the researcher: the
codebook (--add-codes) and the participants file are checked before the store changes, and a
write that still fails after the store changed (a full disk, a file locked or made read-only
meanwhile) puts the store back as it was, and the codebook when it was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.project import ownfiles

from .conftest import dump_store
from .test_import_other_tools import (
    invoke_cli,
    study,  # noqa: F401  (a fixture)
)

ADD = [
    "import",
    "qdpx",
    "../tom.qdpx",
    "--into",
    ".",
    "--add-codes",
    "--new-code",
    "Convinced of benefits",
    "--new-code",
    "Members don't know each other well yet",
]


def _state(root: Path) -> tuple[object, ...]:
    backups = root / ".lernet" / "backups"
    return (
        dump_store(root),
        (root / "codebook.yaml").read_bytes(),
        (root / "participants.yaml").read_bytes(),
        sorted(p.name for p in backups.iterdir()) if backups.is_dir() else [],
        sorted(p.name for p in root.iterdir()),
    )


def _refusing(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file `name` cannot be written when lernet comes to it (made read-only, locked by
    Word, the disk full): the writer raises as the system would."""
    real = ownfiles.write_in_place

    def write(path: Path, data: bytes) -> None:
        if path.name == name:
            raise PermissionError(13, "Permission denied")
        real(path, data)

    monkeypatch.setattr(ownfiles, "write_in_place", write)


def test_the_merge_adds_codes_and_people_when_all_can_be_written(
    study: Path,  # noqa: F811
) -> None:
    result = invoke_cli(ADD, cwd=study)
    assert result.exit_code == 0, result.output
    assert "added 2 codes without match rules to codebook.yaml" in result.stderr
    assert "added 2 participants to participants.yaml" in result.stderr


def test_a_codebook_that_cannot_be_written_after_the_merge_leaves_everything_as_it_was(
    study: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _state(study)
    _refusing("codebook.yaml", monkeypatch)
    result = invoke_cli(ADD, cwd=study)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert (
        "codebook.yaml: cannot write: Permission denied; the merge is undone: the store is as "
        "it was"
    ) in result.stderr
    assert _state(study) == before


def test_a_participants_file_that_cannot_be_written_puts_the_codebook_back_too(
    study: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _state(study)
    _refusing("participants.yaml", monkeypatch)
    result = invoke_cli(ADD, cwd=study)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert (
        "participants.yaml: cannot write: Permission denied; the merge is undone: codebook.yaml "
        "and the store are as they were"
    ) in result.stderr
    assert _state(study) == before


def test_a_store_that_cannot_be_put_back_is_named_with_its_backup(
    study: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lernet_cli.errors import StoreError
    from lernet_cli.store import backup

    def fail(store: object, path: Path) -> None:
        raise StoreError("cannot put the store back: disk I/O error", path)

    monkeypatch.setattr(backup, "put_back", fail)
    _refusing("codebook.yaml", monkeypatch)
    result = invoke_cli(ADD, cwd=study)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    [kept] = (study / ".lernet" / "backups").glob("lernet-*.db")
    assert (
        "Permission denied; the store could not be put back as it was: lernet restore "
        f".lernet/backups/{kept.name} does"
    ) in result.stderr

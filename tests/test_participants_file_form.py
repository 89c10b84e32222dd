"""The researcher's participants file, given the people of a co-researcher's archive by `lernet
import qdpx --into` (and `lernet merge`), is written as lernet writes the researcher's codebook:
in its own encoding, byte order mark and line ends (Notepad's and Excel's "UTF-8 with BOM" and
"Unicode" with CRLF), with its permissions, on disk before it takes the old one's place, the old
bytes kept in `.lernet/backups/` first; a file made read-only is left as it is, and the lines to
add are printed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml

from lernet_cli.codebook.yamlio import TextForm, line_end, text_form

from .conftest import dump_store
from .test_import_other_tools import (
    invoke_cli,
    study,  # noqa: F401  (a fixture)
)

FORMS = {
    "utf-8": TextForm("utf-8", b""),
    "utf-8 with BOM": TextForm("utf-8", b"\xef\xbb\xbf"),
    "utf-16 le": TextForm("utf-16-le", b"\xff\xfe"),
    "utf-16 be": TextForm("utf-16-be", b"\xfe\xff"),
}

PEOPLE = (
    "groups:\n- GP practice\nparticipants:\n- id: GP01\n  group: GP practice\n"
    "  names: [Jos Brouwer]\n  description: huisarts in Zuid-Limburg\n"
)
"""The project's participants, as the researcher saved them (no comments: lernet may add)."""


def _save(root: Path, form: TextForm, newline: str) -> tuple[Path, bytes]:
    path = root / "participants.yaml"
    data = form.encode(PEOPLE.replace("\n", newline))
    path.write_bytes(data)
    return path, data


def _import(root: Path) -> str:
    result = invoke_cli(["import", "qdpx", "../tom.qdpx", "--into", "."], cwd=root)
    assert result.exit_code == 0, result.output
    return str(result.stderr)


def test_line_end_is_the_first_lines() -> None:
    assert line_end("a: 1\r\nb: 2\r\n") == "\r\n"
    assert line_end("a: 1\nb: 2\r\n") == "\n"
    assert line_end("a: 1") == "\n"


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("name", FORMS)
def test_the_archives_people_are_added_in_the_files_own_form(
    study: Path,  # noqa: F811
    name: str,
    newline: str,
) -> None:
    form = FORMS[name]
    path, old = _save(study, form, newline)
    err = _import(study)
    assert "added 2 participants to participants.yaml: GP07" in err
    data = path.read_bytes()
    assert data.startswith(form.bom) and text_form(data) == form
    text = data[len(form.bom) :].decode(form.encoding)
    assert form.encode(text) == data
    assert text.count("\n") == text.count(newline)
    people = yaml.safe_load(text)
    assert [p["id"] for p in people["participants"]] == ["GP01", "GP07", "PH08"]
    assert people["participants"][0]["names"] == ["Jos Brouwer"]
    # the file as it was, byte for byte, with the project's other backups
    [backup] = (study / ".lernet" / "backups").glob("participants-*.yaml")
    assert backup.read_bytes() == old
    assert f"(the file as it was: .lernet/backups/{backup.name})" in err
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # it holds real names
    assert not list(study.glob("participants (backup*"))


def test_the_participants_file_keeps_its_permissions(study: Path) -> None:  # noqa: F811
    path, _ = _save(study, FORMS["utf-8"], "\n")
    path.chmod(0o640)
    _import(study)
    assert "GP07" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_the_new_participants_file_is_on_disk_before_it_takes_the_old_ones_place(
    study: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, _ = _save(study, FORMS["utf-8 with BOM"], "\r\n")
    synced: list[bytes] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        real(fd)
        synced.append(Path(f"/proc/self/fd/{fd}").read_bytes() if Path("/proc").is_dir() else b"")

    monkeypatch.setattr(os, "fsync", fsync)
    _import(study)
    assert "GP07" in path.read_text(encoding="utf-8-sig")
    assert synced
    if Path("/proc").is_dir():
        assert path.read_bytes() in synced


@pytest.mark.parametrize("name", ["utf-8 with BOM", "utf-16 le"])
def test_a_read_only_participants_file_is_left_as_it_was_with_the_lines_to_add(
    study: Path,  # noqa: F811
    name: str,
) -> None:
    path, old = _save(study, FORMS[name], "\r\n")
    path.chmod(0o444)
    err = _import(study)
    assert (
        "participants.yaml is read-only, so lernet leaves it as it is; add the archive's 2 "
        "participants to participants.yaml yourself:\n- id: GP07"
    ) in err
    assert path.read_bytes() == old
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert not list((study / ".lernet" / "backups").glob("participants-*"))
    assert [p.name for p in study.glob("participants*")] == ["participants.yaml"]
    assert not [p.name for p in study.glob(".participants*")]  # no file left beside it


def test_a_participants_file_that_cannot_be_written_is_as_it_was_without_a_backup(
    study: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lernet_cli.project import ownfiles

    path, old = _save(study, FORMS["utf-8"], "\n")

    def refuse(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ownfiles, "write_in_place", refuse)
    err = _import(study)
    assert "could not add the archive's participants to participants.yaml" in err
    assert "cannot write: No space left on device" in err
    assert path.read_bytes() == old
    assert not list((study / ".lernet" / "backups").glob("participants-*"))


def test_adding_nobody_changes_nothing(study: Path) -> None:  # noqa: F811
    _import(study)
    path = study / "participants.yaml"
    data, before = path.read_bytes(), dump_store(study)
    backups = sorted((study / ".lernet" / "backups").iterdir())
    _import(study)
    assert path.read_bytes() == data
    assert dump_store(study) == before
    assert sorted((study / ".lernet" / "backups").iterdir()) == backups

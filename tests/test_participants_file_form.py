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


def _backups(root: Path) -> list[str]:
    folder = root / ".lernet" / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize("name", ["utf-8 with BOM", "utf-16 le"])
def test_a_read_only_participants_file_is_refused_before_anything_is_merged(
    study: Path,  # noqa: F811
    name: str,
) -> None:
    path, old = _save(study, FORMS[name], "\r\n")
    path.chmod(0o444)
    before, backups = dump_store(study), _backups(study)
    result = invoke_cli(["import", "qdpx", "../tom.qdpx", "--into", "."], cwd=study)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert (
        "participants.yaml: is read-only, so lernet leaves it as it is and merges nothing; "
        "make it writable and merge again, to add the archive's 2 participants to it "
        "(GP07, PH08)"
    ) in result.stderr
    assert path.read_bytes() == old
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert dump_store(study) == before
    assert _backups(study) == backups
    assert [p.name for p in study.glob("participants*")] == ["participants.yaml"]
    assert not [p.name for p in study.glob(".participants*")]  # no file left beside it


def test_a_read_only_participants_file_lernet_would_not_write_does_not_stop_a_merge(
    study: Path,  # noqa: F811
) -> None:
    path = study / "participants.yaml"
    path.write_text("# the researcher's notes\n" + PEOPLE, encoding="utf-8")
    path.chmod(0o444)
    err = _import(study)
    assert "add the archive's 2 participants to participants.yaml yourself" in err
    assert "- id: GP07" in err


def test_a_participants_file_that_cannot_be_written_leaves_the_store_as_it_was(
    study: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lernet_cli.project import ownfiles

    path, old = _save(study, FORMS["utf-8"], "\n")
    before, backups = dump_store(study), _backups(study)

    def refuse(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ownfiles, "write_in_place", refuse)
    result = invoke_cli(["import", "qdpx", "../tom.qdpx", "--into", "."], cwd=study)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert (
        "participants.yaml: cannot write: No space left on device; the merge is undone: the "
        "store is as it was"
    ) in result.stderr
    assert path.read_bytes() == old
    assert dump_store(study) == before
    assert _backups(study) == backups


def test_adding_nobody_changes_nothing(study: Path) -> None:  # noqa: F811
    _import(study)
    path = study / "participants.yaml"
    data, before = path.read_bytes(), dump_store(study)
    backups = sorted((study / ".lernet" / "backups").iterdir())
    _import(study)
    assert path.read_bytes() == data
    assert dump_store(study) == before
    assert sorted((study / ".lernet" / "backups").iterdir()) == backups

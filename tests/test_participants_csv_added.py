"""An archive's participants added to a participants CSV (`lernet import qdpx --into`, `lernet
merge`) as they are to a participants.yaml: rows at its end under its own columns, with its
separator, quoting, encoding, byte order mark and line ends, the rows already there byte for
byte as they were, the old file kept in .lernet/backups."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from lernet_cli.project.participants import load_participants

from .conftest import dump_store
from .test_import_other_tools import (
    invoke_cli,
    study,  # noqa: F401  (a fixture)
)


def _csv(root: Path, data: bytes, name: str = "participants.csv") -> Path:
    """The project's participants as a table the researcher keeps in a spreadsheet."""
    (root / "participants.yaml").unlink()
    config = root / "lernet.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("participants: participants.yaml", f"participants: {name}"),
        encoding="utf-8",
    )
    path = root / name
    path.write_bytes(data)
    return path


def _import(root: Path) -> str:
    result = invoke_cli(["import", "qdpx", "../tom.qdpx", "--into", "."], cwd=root)
    assert result.exit_code == 0, result.output
    return str(result.stderr)


DUTCH_EXCEL = (
    "\ufeffid;group;names;Stakeholder group;regio\r\n"
    "GP01;GP practice;Jos Brouwer;GP practice;Zuid-Limburg\r\n"
).encode()
"""As Dutch Excel saves "CSV UTF-8": ';' between cells, a byte order mark, CRLF."""


def test_the_archives_people_are_added_as_rows_in_the_tables_own_form(
    study: Path,  # noqa: F811
) -> None:
    path = _csv(study, DUTCH_EXCEL)
    err = _import(study)
    assert "added 2 participants to participants.csv: GP07 (GP practice), PH08 (Pharmacy)" in err
    data = path.read_bytes()
    assert data.startswith(DUTCH_EXCEL)
    assert data[len(DUTCH_EXCEL) :] == (
        b"GP07;GP practice;Peter Walsh;GP practice;\r\nPH08;Pharmacy;Grace Liu;Pharmacy;\r\n"
    )
    people = load_participants(path).people
    assert [people[p].group for p in ("GP01", "GP07", "PH08")] == [
        "GP practice",
        "GP practice",
        "Pharmacy",
    ]
    assert people["GP07"].names == ["Peter Walsh"]
    [backup] = (study / ".lernet" / "backups").glob("participants-*.csv")
    assert backup.read_bytes() == DUTCH_EXCEL
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert f"(the file as it was: .lernet/backups/{backup.name})" in err
    # merging again adds nobody and leaves the file alone
    _import(study)
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    ("old", "added"),
    [
        (
            '"id","group","names"\n"GP01","GP practice","Jos Brouwer"\n',
            '"GP07","GP practice","Peter Walsh"\n"PH08","Pharmacy","Grace Liu"\n',
        ),
        (  # no line end after the last row, a cell quoted where it must be
            'id,names,group\nGP01,"Brouwer, Jos",GP practice',
            "\nGP07,Peter Walsh,GP practice\nPH08,Grace Liu,Pharmacy\n",
        ),
        (
            "id\tgroup\tnames\r\nGP01\tGP practice\tJos Brouwer\r\n",
            "GP07\tGP practice\tPeter Walsh\r\nPH08\tPharmacy\tGrace Liu\r\n",
        ),
    ],
)
def test_rows_are_quoted_and_separated_as_the_file_does(
    study: Path,  # noqa: F811
    old: str,
    added: str,
) -> None:
    path = _csv(study, old.encode("utf-8"))
    _import(study)
    assert path.read_bytes().decode("utf-8") == old + added


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("cp1252", b"")],
)
def test_a_table_saved_as_unicode_text_or_in_windows_1252_keeps_its_encoding(
    study: Path,  # noqa: F811
    encoding: str,
    bom: bytes,
) -> None:
    old = "id\tgroup\tnames\r\nGP01\tGP practice\tJosé Brouwer\r\n"
    path = _csv(study, bom + old.encode(encoding))
    _import(study)
    data = path.read_bytes()
    assert data.startswith(bom + old.encode(encoding))
    assert data[len(bom) :].decode(encoding) == old + (
        "GP07\tGP practice\tPeter Walsh\r\nPH08\tPharmacy\tGrace Liu\r\n"
    )


def test_a_table_without_a_column_for_the_names_to_hide_is_left_to_the_researcher(
    study: Path,  # noqa: F811
) -> None:
    old = b"id;group\r\nGP01;GP practice\r\n"
    path = _csv(study, old)
    err = _import(study)
    assert (
        "add the archive's 2 participants to participants.csv yourself (it has no names "
        "column for the names to hide)"
    ) in err
    assert path.read_bytes() == old
    assert not list((study / ".lernet" / "backups").glob("participants-*"))


def test_values_without_a_column_are_named(study: Path) -> None:  # noqa: F811
    path = _csv(study, b"id,names\nGP01,Jos Brouwer\n")
    err = _import(study)
    assert (
        "added 2 participants to participants.csv: GP07 (GP practice), PH08 (Pharmacy) "
        "(without group, Stakeholder group: participants.csv has no column for it)"
    ) in err
    assert path.read_bytes() == b"id,names\nGP01,Jos Brouwer\nGP07,Peter Walsh\nPH08,Grace Liu\n"


def test_a_read_only_table_is_refused_before_anything_is_merged(
    study: Path,  # noqa: F811
) -> None:
    path = _csv(study, DUTCH_EXCEL)
    path.chmod(0o444)
    before = dump_store(study)
    result = invoke_cli(["import", "qdpx", "../tom.qdpx", "--into", "."], cwd=study)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert "participants.csv: is read-only, so lernet leaves it as it is" in result.stderr
    assert path.read_bytes() == DUTCH_EXCEL
    assert dump_store(study) == before


def test_a_table_with_dutch_headers_gets_the_names_under_its_own_column(
    study: Path,  # noqa: F811
) -> None:
    dutch = "\ufeffid;groep;naam;regio\r\nGP01;GP practice;Jos Brouwer;Zuid-Limburg\r\n".encode()
    path = _csv(study, dutch)
    err = _import(study)
    assert "added 2 participants to participants.csv" in err
    assert path.read_bytes()[len(dutch) :] == (
        b"GP07;GP practice;Peter Walsh;\r\nPH08;Pharmacy;Grace Liu;\r\n"
    )
    assert load_participants(path).people["GP07"].names == ["Peter Walsh"]

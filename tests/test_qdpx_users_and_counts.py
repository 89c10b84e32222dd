"""What a REFI-QDA import says of its users and of the participants it made: users without a
name stay apart, and a count names what it counts."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from lernet_cli.exchange.qdpx_import import import_qdpx

from .test_import_other_tools import (
    CONVINCED,
    GP07,
    GP07_TEXT,
    GROUP_VAR,
    NOT_KNOWN,
    PH08,
    PH08_TEXT,
    USER,
    Src,
    _maxqda,
    _qdpx,
    invoke_cli,
)

OTHER_USER = "0b7d3c2e-5f41-4a8e-9d6c-2e1f0a9b8c7d"


def _nameless_users(archive: Path) -> Path:
    """The archive with its one user, and a second who coded the second source, both without a
    name or id (as an export from a tool where nobody signed in)."""
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    qde = members["project.qde"].decode("utf-8")
    qde = qde.replace(
        f'<User guid="{USER}" id="TG" name="Tom Gallagher"/>',
        f'<User guid="{USER}"/><User guid="{OTHER_USER}" name=""/>',
    )
    head, rest = qde.split(f'<TextSource guid="{PH08}"', 1)
    source, tail = rest.split("</TextSource>", 1)
    qde = head + f'<TextSource guid="{PH08}"' + source.replace(USER, OTHER_USER)
    qde += "</TextSource>" + tail
    members["project.qde"] = qde.encode("utf-8")
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return archive


def test_two_users_without_a_name_stay_two_coders(tmp_path: Path) -> None:
    archive = _nameless_users(_maxqda(tmp_path))
    summary = import_qdpx(archive, tmp_path / "p")
    conn = sqlite3.connect(tmp_path / "p" / ".lernet" / "lernet.db")
    coders = {c for (c,) in conn.execute("SELECT DISTINCT coder FROM codings")}
    conn.close()
    assert coders == {f"unnamed user {USER[:8]}", f"unnamed user {OTHER_USER[:8]}"}
    assert "unknown" not in summary.coders
    said = "\n".join(summary.notices)
    assert "2 users of the archive have no name" in said


def test_a_coding_by_a_user_the_archive_does_not_list_is_that_users(tmp_path: Path) -> None:
    archive = _nameless_users(_maxqda(tmp_path))
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    qde = members["project.qde"].decode("utf-8")
    members["project.qde"] = qde.replace(f'<User guid="{OTHER_USER}" name=""/>', "").encode()
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    import_qdpx(archive, tmp_path / "p")
    conn = sqlite3.connect(tmp_path / "p" / ".lernet" / "lernet.db")
    coders = {c for (c,) in conn.execute("SELECT DISTINCT coder FROM codings")}
    conn.close()
    assert coders == {f"unnamed user {USER[:8]}", f"unnamed user {OTHER_USER[:8]}"}


def test_an_import_into_a_project_counts_the_participants_it_made(tmp_path: Path) -> None:
    """Of an archive's three sources without a case, two are the project's transcripts: one
    participant is made, not three, and the two are said to be matched."""
    import_qdpx(_maxqda(tmp_path), tmp_path / "p")
    third = "b7e1a0c4-2f3d-4e5a-8b9c-0d1e2f3a4b5c"
    second = _qdpx(
        tmp_path / "second.qdpx",
        [
            Src(GP07, "GP07 Dr Peter Walsh", GP07_TEXT, [], {GROUP_VAR: "GP practice"}),
            Src(PH08, "PH08 Grace Liu", PH08_TEXT, [], {GROUP_VAR: "Pharmacy"}),
            Src(
                third,
                "GP11 Dr Maeve Quinn",
                "Speaker 1: And for you?\n\nSpeaker 2: I am convinced of the benefits now.\n",
                [("convinced of the benefits", CONVINCED), ("I am", NOT_KNOWN)],
                {GROUP_VAR: "GP practice"},
            ),
        ],
    )
    result = invoke_cli(["import", "qdpx", str(second), "--into", str(tmp_path / "p")])
    assert result.exit_code == 0, result.stderr
    (made,) = [x for x in result.stderr.splitlines() if "from source names" in x]
    assert made.startswith("lernet: made 1 participant from source names")
    assert "GP11 (Maeve Quinn)" in made and "Peter Walsh" not in made
    assert "2 other sources are transcripts here already" in made
    assert "group of 1 of 1 participant" in result.stderr

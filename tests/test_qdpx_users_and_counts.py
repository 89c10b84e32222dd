"""What a REFI-QDA import says of its users and of the participants it made: users without a
name stay apart, and a count names what it counts."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from lernet_cli.exchange.qdpx_import import import_qdpx

from .test_import_other_tools import PH08, USER, _maxqda

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
    assert "2 user(s) of the archive have no name" in said

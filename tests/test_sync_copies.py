"""A project in a synced folder: a copy of the store the sync service made beside it (two
machines changed it) is pointed out with the command that brings its work in."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from .conftest import coded_with, invoke_cli

TEXT = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"


def test_a_sync_copy_of_the_store_is_named_with_the_merge_that_takes_its_reviews(
    project: Path,
) -> None:
    coded_with(project, TEXT)
    store = project / ".lernet" / "lernet.db"
    assert invoke_cli("backup")[0] == 0
    code, out = invoke_cli("tally")
    assert code == 0 and "sync service" not in out  # lernet's own backups are no such copy
    copy = store.with_name("lernet (1).db")
    shutil.copy(store, copy)
    code, out = invoke_cli("tally")
    assert code == 0
    assert ".lernet/lernet (1).db looks like a copy of the store a sync service made" in out
    command = f"lernet merge {shlex.quote('.lernet/lernet (1).db')} --reviews"
    assert command in out
    code, out = invoke_cli("code")
    assert code == 0 and command in out
    code, out = invoke_cli(*shlex.split(command)[1:])
    assert code == 0, out
    copy.rename(project / "lernet (1).db")
    assert "sync service" not in invoke_cli("tally")[1]

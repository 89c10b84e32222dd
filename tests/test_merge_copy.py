"""Both ways between a project and a copy of it: the project's anonymized export, made after
the copy, merged into the copy does not bring the copy's own work back under a pseudonym."""

from __future__ import annotations

import shutil
from pathlib import Path

from .test_import_other_tools import invoke_cli
from .test_merge_new_codes import _codings, _project


def test_an_export_made_after_the_copy_brings_nobody_back_under_a_pseudonym(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path)
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    exported = tmp_path / "later.qdpx"
    assert invoke_cli(["export", "qdpx", str(exported)], cwd=root).exit_code == 0
    before = _codings(copy)
    result = invoke_cli(["merge", str(exported)], cwd=copy)
    assert result.exit_code == 0, result.output
    assert "Codeur 1 = anne" in result.stderr
    assert _codings(copy) == before
    assert not any(coder.startswith("Codeur") for _, coder in _codings(copy))

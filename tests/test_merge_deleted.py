"""Codings of this project an archive of its own export lacks: the advice `lernet merge` gives
to follow the deletion works as printed for every kind of coding, and a coding made here after
the export is not taken for one deleted there."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from lernet_cli.store.store import Store

from .test_import_other_tools import invoke_cli
from .test_merge_new_codes import _from_qualcoder, _project, _review, _rows
from .test_refi import project_xsd  # noqa: F401  (a fixture)

LONG_AGO = "2020-01-01T00:00:00+00:00"


def _db(root: Path) -> Path:
    return root / ".lernet" / "lernet.db"


def _set_made(root: Path, when: str, where: str = "1") -> None:
    conn = sqlite3.connect(_db(root))
    with conn:
        conn.execute(f"UPDATE codings SET created_at = ? WHERE {where}", (when,))
    conn.close()


def _add_machine_and_review_codings(root: Path) -> None:
    """A `similar` coding on p03 and a candidate anne accepted on p01."""
    with Store.open(_db(root)) as store:
        ids = {Path(t.path).name: t.id for t in store.transcripts()}
        store.add_similar(
            [(ids["p03.txt"], 2, "trust.not_acquainted", 0, 10, None, "score 0.61")], 0.55
        )
        store.accept_candidate(ids["p01.txt"], 2, "trust.shared_vision", (0, 10), "anne")


def _advice(stderr: str, what: str) -> list[str]:
    """The `lernet review ...` the line about `what` says to run, as its arguments."""
    line = next(x for x in stderr.splitlines() if what in x)
    found = re.search(r"reject (?:it|them) in lernet review (.*)$", line)
    assert found is not None, line
    assert " or " not in found[1], line
    return found[1].split()


def _status(root: Path, source: str) -> list[str]:
    conn = sqlite3.connect(_db(root))
    try:
        return [
            s for (s,) in conn.execute("SELECT status FROM codings WHERE source = ?", (source,))
        ]
    finally:
        conn.close()


def test_the_advice_on_similar_and_review_codings_deleted_there_works_as_printed(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path)
    older = tmp_path / "older.qdpx"
    assert invoke_cli(["export", "qdpx", str(older)], cwd=root).exit_code == 0
    # made before the export, by their dates, and not in the archive: deleted there
    _add_machine_and_review_codings(root)
    _set_made(root, LONG_AGO, "source IN ('similar', 'review')")
    result = invoke_cli(["merge", str(older)], cwd=root)
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert (
        "1 coding of lernet review --candidates --auto (similar) here is not in older.qdpx"
    ) in err
    assert "p03.txt trust.not_acquainted;" in err
    assert "1 coding made in review here is not in older.qdpx" in err
    assert "p01.txt trust.shared_vision by anne;" in err
    # each advice, run as printed, shows the coding, and rejecting it there deletes it
    similar = _advice(err, "(similar) here")
    assert similar == ["--coder", "similar"]
    assert "1 rejected" in _review(root, [*similar, "--reviewer", "anne"], "r\n").stderr
    assert _status(root, "similar") == ["rejected"]
    made = _advice(err, "made in review here")
    assert made == ["--code", "trust.shared_vision", "--accepted"]
    assert "1 rejected" in _review(root, [*made, "--reviewer", "anne"], "r\n").stderr
    assert _status(root, "review") == ["rejected"]


def test_an_accepted_similar_coding_deleted_there_is_shown_with_accepted(tmp_path: Path) -> None:
    root = _project(tmp_path)
    older = tmp_path / "older.qdpx"
    assert invoke_cli(["export", "qdpx", str(older)], cwd=root).exit_code == 0
    _add_machine_and_review_codings(root)
    _set_made(root, LONG_AGO, "source IN ('similar', 'review')")
    accept = _review(root, ["--coder", "similar", "--reviewer", "anne"], "a\n")
    assert "1 accepted" in accept.stderr
    result = invoke_cli(["merge", str(older)], cwd=root)
    similar = _advice(result.stderr, "(similar) here")
    assert similar == ["--coder", "similar", "--accepted"]
    assert "1 rejected" in _review(root, [*similar, "--reviewer", "anne"], "r\n").stderr
    assert _status(root, "similar") == ["rejected"]


def test_a_settled_hand_coding_deleted_there_can_be_rejected_as_the_merge_says(
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
) -> None:
    root = _project(tmp_path)
    # anne's coding on p03, settled in review, then deleted in the other tool
    settled = _review(root, ["--coder", "anne", "--reviewer", "piet"], "s\na\n")
    assert "1 accepted" in settled.stderr
    back = _from_qualcoder(root, project_xsd)
    result = invoke_cli(["merge", str(back)], cwd=root)
    assert result.exit_code == 0, result.output
    follow = _advice(result.stderr, "by hand here")
    assert follow == ["--coder", "anne", "--accepted"]
    before = _rows(root)
    rejected = _review(root, [*follow, "--reviewer", "piet"], "s\nr\n")
    assert "1 rejected" in rejected.stderr
    changed = [b for a, b in zip(before, _rows(root), strict=True) if a != b]
    assert len(changed) == 1 and {"trust.shared_vision", "rejected"} <= set(changed[0])


def test_codings_made_here_after_an_older_export_are_not_taken_for_deleted_there(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path)
    _set_made(root, LONG_AGO)
    older = tmp_path / "older.qdpx"
    assert invoke_cli(["export", "qdpx", str(older)], cwd=root).exit_code == 0
    # the researcher goes on: a candidate accepted, a `similar` coding, a tag in a file
    _add_machine_and_review_codings(root)
    p03 = root / "interviews" / "p03.txt"
    p03.write_text(
        p03.read_text(encoding="utf-8").replace(
            "De koffie is trouwens slecht.", "[[trust.not_acquainted: De koffie is slecht.]]"
        ),
        encoding="utf-8",
    )
    assert invoke_cli(["code", "interviews/"], cwd=root).exit_code == 0
    result = invoke_cli(["merge", str(older)], cwd=root)
    assert result.exit_code == 0, result.output
    assert "not in older.qdpx" not in result.stderr
    # one made before the export that the archive lacks is named still
    _set_made(root, LONG_AGO, "source = 'similar'")
    again = invoke_cli(["merge", str(older)], cwd=root)
    assert "1 coding of lernet review --candidates --auto (similar) here is not in" in (
        again.stderr
    )
    assert again.stderr.count("not in older.qdpx") == 1

"""A coding memo another tool writes twice, in the selection's Description and in a note on
the same words (a note of the selection, or QualCoder's annotation the source refers to): one
coding note, not a memo besides it."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.store.store import Store

from .test_refi import _zip
from .test_refi_qualcoder import MEMO, SRC, TEXT, USER, _invoke, _qde, _span

SECOND = "Kennis delen gaat vanzelf"


def _twice() -> str:
    """Selection 1's memo (MEMO) is also the source's annotation on its words; selection 2 gets
    a Description and a note of its own that say the same."""
    qde = _qde().replace("Dit is ironisch bedoeld", MEMO)
    c, d = _span("delen we kennis")
    qde = qde.replace(
        f'endPosition="{d}" creatingUser="{USER}" creationDateTime="2025-01-12T14:31:00Z">',
        f'endPosition="{d}" creatingUser="{USER}" creationDateTime="2025-01-12T14:31:00Z">'
        f"<Description>{SECOND}</Description>",
    )
    qde = qde.replace(
        '<CodeRef targetGUID="c2000000-0000-4000-8000-000000000002"/></Coding>',
        '<CodeRef targetGUID="c2000000-0000-4000-8000-000000000002"/></Coding>'
        '<NoteRef targetGUID="ee000000-0000-4000-8000-000000000003"/>',
    )
    return qde.replace(
        "</Notes>",
        f'<Note guid="ee000000-0000-4000-8000-000000000003" creatingUser="{USER}" '
        f'creationDateTime="2025-01-13T09:00:00Z"><PlainTextContent>{SECOND}'
        "</PlainTextContent></Note></Notes>",
    )


def test_a_coding_memo_written_twice_comes_in_once(tmp_path: Path) -> None:
    archive = _zip(
        tmp_path / "qc.qdpx", {"project.qde": _twice(), f"sources/{SRC}.txt": TEXT.encode()}
    )
    _invoke("import", "qdpx", str(archive), "--into", str(tmp_path / "p"))
    with Store.open(tmp_path / "p" / ".lernet" / "lernet.db") as store:
        notes = sorted(str(r.person_note) for r in store.coding_rows())
        memos = [m[4] for t in store.transcripts() for m in store.memos_of(t.id)]
    assert notes == sorted([SECOND, MEMO])
    assert memos == []
    # merged into a project that has the interview without them: the same
    bare = _zip(
        tmp_path / "bare.qdpx",
        {
            "project.qde": _qde().split("<Sources>")[0]
            + f'<Sources><TextSource guid="{SRC}" name="Interview Bakkerij.txt" '
            f'plainTextPath="internal://{SRC}.txt"/></Sources></Project>',
            f"sources/{SRC}.txt": TEXT.encode(),
        },
    )
    _invoke("import", "qdpx", str(bare), "--into", str(tmp_path / "other"))
    said = _invoke("merge", str(archive), "--project", str(tmp_path / "other"))
    assert "added 2 codings" in said and " memo" not in said, said
    with Store.open(tmp_path / "other" / ".lernet" / "lernet.db") as store:
        assert [m for t in store.transcripts() for m in store.memos_of(t.id)] == []

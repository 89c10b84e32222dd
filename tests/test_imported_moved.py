"""A file with the same text as an imported source, coded with `lernet code`, takes that source's
place ("moved"): everything people made on it stays (another tool's notes, its codings on the
interviewer's words, its codings) and an export is the same source for that tool, GUIDs and all."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from lernet_cli.store.store import Store

from .conftest import invoke_cli
from .test_imported_sources import BYTES, FAC01, PM01, PM01_TEXT, USER, _qde
from .test_refi import NS, _zip

NOTE = "7e000000-0000-4000-8000-0000000000aa"
ADMIN = "7e000000-0000-4000-8000-0000000000ad"
NOTE_TEXT = "Said this after the recorder was paused."


def _with_note() -> str:
    """The NVivo archive of test_imported_sources with a note on PM01's first coded passage."""
    qde = _qde().replace(
        'creationDateTime="2024-03-01T10:00:00Z"><Coding guid="c',
        f'creationDateTime="2024-03-01T10:00:00Z"><NoteRef targetGUID="{NOTE}"/><Coding guid="c',
        1,
    )
    note = (
        f'<Notes><Note guid="{NOTE}" name="Memo - recorder" creatingUser="{USER}">'
        f"<PlainTextContent>{NOTE_TEXT}</PlainTextContent></Note></Notes>"
    )
    users = (
        f'<User guid="{USER}" name="Sam Okafor" id="SO"/>'
        f'<User guid="{ADMIN}" name="Administrator" id="ADMIN"/>'
    )
    qde = qde.replace(f'<User guid="{USER}" name="Sam Okafor"/>', users)
    return qde.replace("</Sources>", "</Sources>" + note)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    archive = _zip(
        tmp_path / "nvivo.qdpx",
        {"project.qde": _with_note(), **{f"sources/{g}.txt": b for g, b in BYTES.items()}},
    )
    root = tmp_path / "project"
    code, out = invoke_cli("import", "qdpx", str(archive), "--into", str(root))
    assert code == 0, out
    monkeypatch.chdir(root)
    return root


def _export(out: Path) -> tuple[etree._Element, dict[str, bytes]]:
    code, printed = invoke_cli("export", "qdpx", str(out), "--no-anonymize")
    assert code == 0, printed
    with zipfile.ZipFile(out) as zf:
        files = {n: zf.read(n) for n in zf.namelist() if n != "project.qde"}
        return etree.fromstring(zf.read("project.qde")), files


def _selections(qde: etree._Element) -> dict[str, tuple[str, str, str, list[str]]]:
    """Selection GUID -> (its source's GUID, start, end, its notes' GUIDs)."""
    return {
        sel.get("guid"): (
            src.get("guid"),
            sel.get("startPosition"),
            sel.get("endPosition"),
            [r.get("targetGUID") for r in sel.iterfind("q:NoteRef", NS)],
        )
        for src in qde.iterfind(".//q:TextSource", NS)
        for sel in src.iterfind("q:PlainTextSelection", NS)
    }


def _memos() -> list[tuple[str, str, str]]:
    code, out = invoke_cli("memos", "--no-anonymize", "-f", "json")
    assert code == 0, out
    return sorted((m["author"], m["memo"], m["reason"]) for m in json.loads(out))


def test_a_file_with_an_imported_source_s_text_keeps_what_people_made_on_it(
    project: Path, tmp_path: Path
) -> None:
    before_memos = _memos()
    assert ("Sam Okafor", NOTE_TEXT, "note") in before_memos
    assert ("Sam Okafor", "code: workforce", "coding on interviewer speech") in before_memos
    before, before_files = _export(tmp_path / "before.qdpx")

    docs = project / "docs"
    docs.mkdir()
    (docs / "pm01.txt").write_bytes(BYTES[PM01])
    code, out = invoke_cli("code", "docs/")
    assert code == 0, out
    assert "1 moved" in out

    # nothing of a person's is lost: the note, the coding on the question, the codings
    assert _memos() == before_memos
    with Store.open(project / ".lernet" / "lernet.db") as store:
        (moved,) = [t for t in store.transcripts() if t.path == "docs/pm01.txt"]
        assert len(store.coding_rows(transcripts=[moved.id])) == 1

    after, after_files = _export(tmp_path / "after.qdpx")
    # the same source for the other tool: its GUID, its text as it came, every selection and
    # note at the same place under the same GUID
    assert after_files == before_files
    assert {s.get("guid") for s in after.iterfind(".//q:TextSource", NS)} == {PM01, FAC01}
    assert _selections(after) == _selections(before)
    assert [n.get("guid") for n in after.iterfind(".//q:Notes/q:Note", NS)] == [NOTE]


def test_a_moved_source_whose_text_changed_keeps_its_notes_and_guid(
    project: Path, tmp_path: Path
) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "pm01.txt").write_bytes(BYTES[PM01])
    assert invoke_cli("code", "docs/")[0] == 0
    # edited in Word afterwards: a turn before the note's passage says more
    edited = PM01_TEXT.replace("could you describe", "could you please describe")
    (project / "docs" / "pm01.txt").write_text(edited, encoding="utf-8", newline="")
    code, out = invoke_cli("code", "docs/")
    assert code == 0, out
    assert ("Sam Okafor", NOTE_TEXT, "note") in _memos()
    qde, files = _export(tmp_path / "edited.qdpx")
    (src,) = [s for s in qde.iterfind(".//q:TextSource", NS) if s.get("guid") == PM01]
    # laid out anew (its text is no longer the one that came), the same source and note
    text = files[f"sources/{PM01}.txt"].decode("utf-8").encode("utf-16-le")
    (noted,) = [
        s for s in src.iterfind("q:PlainTextSelection", NS) if s.find("q:NoteRef", NS) is not None
    ]
    a, b = int(noted.get("startPosition")), int(noted.get("endPosition"))
    assert text[2 * a : 2 * b].decode("utf-16-le") == "We lose staff to the hospital"
    assert noted.find("q:NoteRef", NS).get("targetGUID") == NOTE


@pytest.mark.parametrize("anonymize", [False, True])
def test_the_export_keeps_the_users_and_the_notes_titles(
    project: Path, tmp_path: Path, anonymize: bool
) -> None:
    out = tmp_path / "back.qdpx"
    code, printed = invoke_cli(
        "export", "qdpx", str(out), *([] if anonymize else ["--no-anonymize"])
    )
    assert code == 0, printed
    with zipfile.ZipFile(out) as zf:
        qde = etree.fromstring(zf.read("project.qde"))
    # every user, also one who coded nothing, with the id (initials) they came with
    users = {u.get("guid"): (u.get("name"), u.get("id")) for u in qde.iterfind(".//q:User", NS)}
    assert users == {USER: ("Sam Okafor", "SO"), ADMIN: ("Administrator", "ADMIN")}
    (note,) = qde.iterfind(".//q:Notes/q:Note", NS)
    assert note.get("name") == "Memo - recorder"
    assert note.findtext("q:Description", namespaces=NS) == "lernet: memo from an import"

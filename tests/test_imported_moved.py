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
    if anonymize:  # the same users (GUIDs), by pseudonyms, without their initials
        assert users == {ADMIN: ("Coder 2", None), USER: ("Coder 1", None)}
        said = qde.findtext("q:Description", namespaces=NS)
        assert "Sam Okafor" not in said and "Sam Okafor" not in etree.tostring(qde).decode()
    else:  # the names, and which pseudonym each has (numbered as people first coded)
        assert users == {USER: ("Sam Okafor", "SO"), ADMIN: ("Administrator", "ADMIN")}
        said = qde.findtext("q:Description", namespaces=NS)
        assert (
            "lernet: coders in anonymized archives: Coder 2 = Administrator; Coder 1 = Sam Okafor"
            in said
        )
    (note,) = qde.iterfind(".//q:Notes/q:Note", NS)
    assert note.get("name") == "Memo - recorder"
    assert note.findtext("q:Description", namespaces=NS) == "lernet: memo from an import"


def _source_names(qde: etree._Element) -> dict[str, str]:
    return {s.get("guid"): s.get("name") for s in qde.iterfind(".//q:TextSource", NS)}


def test_a_moved_source_keeps_its_name_and_guid_also_after_a_second_move(
    project: Path, tmp_path: Path
) -> None:
    before, _ = _export(tmp_path / "before.qdpx")
    named = _source_names(before)
    assert named[PM01] != "docs/pm01.txt"
    docs = project / "docs"
    docs.mkdir()
    (docs / "pm01.txt").write_bytes(BYTES[PM01])
    assert invoke_cli("code", "docs/")[0] == 0
    after, _ = _export(tmp_path / "after.qdpx")
    assert _source_names(after) == named  # the name it had, under the same GUID
    # moved again (the file renamed): still the name the other tool gave it
    (docs / "pm01.txt").rename(docs / "PM01 final.txt")
    code, out = invoke_cli("code", "docs/")
    assert code == 0 and "1 moved" in out, out
    again, _ = _export(tmp_path / "again.qdpx")
    assert _source_names(again) == named
    with Store.open(project / ".lernet" / "lernet.db") as store:
        assert store.source_names() == {"docs/PM01 final.txt": named[PM01]}


def _tom(selection_prefix: str, coding_prefix: str) -> bytes:
    """The same NVivo project coded by Tom: his selections and codings under these GUIDs, his
    first passage three characters shorter than Sam's (a selection of its own)."""
    tom = "7e000000-0000-4000-8000-0000000000b0"
    qde = _qde().replace(
        f'<User guid="{USER}" name="Sam Okafor"/>', f'<User guid="{tom}" name="Tom"/>'
    )
    qde = qde.replace(USER, tom)
    qde = qde.replace('guid="5e000000', f'guid="{selection_prefix}')
    qde = qde.replace('guid="ce000000', f'guid="{coding_prefix}')
    root = etree.fromstring(qde.encode("utf-8"))
    first = next(root.iterfind(".//q:PlainTextSelection", NS))
    first.set("startPosition", str(int(first.get("startPosition")) + 3))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def test_codings_merged_onto_transcripts_keep_the_other_tool_s_guids_where_unique(
    project: Path, tmp_path: Path
) -> None:
    theirs = _zip(
        tmp_path / "tom.qdpx",
        {
            "project.qde": _tom("6e000000", "de000000"),
            **{f"sources/{g}.txt": b for g, b in BYTES.items()},
        },
    )
    code, out = invoke_cli("import", "qdpx", str(theirs), "--into", ".")
    assert code == 0, out
    qde, _ = _export(tmp_path / "both.qdpx")
    users = {u.get("guid"): u.get("name") for u in qde.iterfind(".//q:User", NS)}
    toms = {}
    for sel in qde.iterfind(".//q:PlainTextSelection", NS):
        for coding in sel.iterfind("q:Coding", NS):
            if users[coding.get("creatingUser")] == "Tom":
                toms[coding.get("guid")] = sel.get("guid")
    # his two codings on participants' words (the other two are on questions: memos)
    assert toms == {
        "de000000-0000-4000-8000-000000000000": "6e000000-0000-4000-8000-000000000001",
        "de000000-0000-4000-8000-000000000002": "6e000000-0000-4000-8000-000000000003",
    }


def test_guids_already_in_the_project_are_not_taken_twice(project: Path, tmp_path: Path) -> None:
    # Tom's archive reuses Sam's GUIDs (a copy of Sam's project): the project keeps its own
    theirs = _zip(
        tmp_path / "tom.qdpx",
        {
            "project.qde": _tom("5e000000", "ce000000"),
            **{f"sources/{g}.txt": b for g, b in BYTES.items()},
        },
    )
    assert invoke_cli("export", "qdpx", str(tmp_path / "first.qdpx"), "--no-anonymize")[0] == 0
    code, out = invoke_cli("import", "qdpx", str(theirs), "--into", ".")
    assert code == 0, out
    qde, _ = _export(tmp_path / "both.qdpx")
    guids = [el.get("guid") for el in qde.iter() if el.get("guid")]
    assert len(guids) == len(set(guids))  # every GUID once
    codings = [c.get("guid") for c in qde.iterfind(".//q:Coding", NS)]
    # Sam's four (two on questions) as they came, Tom's two under GUIDs of their own
    assert len(codings) == 6
    assert len([g for g in codings if not g.startswith("ce000000")]) == 2

"""`export qdpx --no-anonymize` gives another tool's codings back as they came: a whole paragraph
with its speaker label and timestamp, a selection over a question and its answer, each at its
extent under its GUIDs, with no description lernet did not have to add."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from lernet_cli.exchange.qdpx_text import Placed, whole_parts
from lernet_cli.store.imported import WholeSelection, coding_part
from lernet_cli.store.store import CodingRow

from .conftest import invoke_cli
from .test_refi import NS, _zip

USER, CODE, SRC = (
    "11111111-1111-4111-8111-111111111111",
    "22222222-2222-4222-8222-222222222222",
    "33333333-3333-4333-8333-333333333333",
)
TEXT = (
    "[00:00:01] Interviewer: Do you trust the other members?\n"
    "[00:00:05] GP07: Yes, mostly. I trust the GPs now.\n"
    "[00:00:09] Interviewer: And the pharmacists?\n"
    "[00:00:12] GP07: Less so. We have not met them yet.\n"
)
# (selection GUID, coding GUID, passage): a whole paragraph with its label and timestamp, a
# question and its answer, a passage inside one turn
SELECTIONS = [
    (
        "44444444-0000-4000-8000-000000000001",
        "55555555-0000-4000-8000-000000000001",
        "[00:00:05] GP07: Yes, mostly. I trust the GPs now.",
    ),
    (
        "44444444-0000-4000-8000-000000000002",
        "55555555-0000-4000-8000-000000000002",
        "pharmacists?\n[00:00:12] GP07: Less so.",
    ),
    (
        "44444444-0000-4000-8000-000000000003",
        "55555555-0000-4000-8000-000000000003",
        "We have not met them yet.",
    ),
]

# what a person wrote with the question-and-answer coding: one selection, one description
NOTES = {SELECTIONS[1][0]: "Note: asked and answered"}


def _qde() -> str:
    sels = "".join(
        f'<PlainTextSelection guid="{sel}" startPosition="{TEXT.index(words)}" '
        f'endPosition="{TEXT.index(words) + len(words)}" creatingUser="{USER}">'
        + (f"<Description>{NOTES[sel]}</Description>" if sel in NOTES else "")
        + f'<Coding guid="{coding}" creatingUser="{USER}"><CodeRef targetGUID="{CODE}"/></Coding>'
        "</PlainTextSelection>"
        for sel, coding, words in SELECTIONS
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="Extents" origin="MAXQDA 24">'
        f'<Users><User guid="{USER}" name="Tom"/></Users>'
        f'<CodeBook><Codes><Code guid="{CODE}" name="Trust" isCodable="true"/></Codes></CodeBook>'
        f'<Sources><TextSource guid="{SRC}" name="GP07" plainTextPath="internal://{SRC}.txt">'
        f"{sels}</TextSource></Sources></Project>"
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    archive = _zip(
        tmp_path / "maxqda.qdpx", {"project.qde": _qde(), f"sources/{SRC}.txt": TEXT.encode()}
    )
    root = tmp_path / "project"
    code, out = invoke_cli("import", "qdpx", str(archive), "--into", str(root))
    assert code == 0, out
    monkeypatch.chdir(root)
    return root


def test_another_tool_s_selections_come_back_whole(project: Path, tmp_path: Path) -> None:
    code, out = invoke_cli("export", "qdpx", str(tmp_path / "back.qdpx"), "--no-anonymize")
    assert code == 0, out
    assert "3 codings" in out  # the codings as they came, not the parts lernet cut them into
    with zipfile.ZipFile(tmp_path / "back.qdpx") as zf:
        qde = etree.fromstring(zf.read("project.qde"))
        assert zf.read(f"sources/{SRC}.txt") == TEXT.encode()
    found = []
    for sel in qde.iterfind(".//q:PlainTextSelection", NS):
        a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
        codings = [c.get("guid") for c in sel.iterfind("q:Coding", NS)]
        found.append((sel.get("guid"), *codings, TEXT[a:b]))
        # nothing of lernet's to say of a coding that came as it is: the note alone
        said = sel.findtext("q:Description", namespaces=NS)
        note = NOTES.get(sel.get("guid"))
        assert said == (note.removeprefix("Note: ") if note else None), said
    assert sorted(found) == sorted(SELECTIONS)


def _row(cid: int, seg: int, start: int, end: int) -> Placed:
    row = CodingRow(
        cid, 1, "p", "P1", None, None, seg, "", "trust", start, end, "Tom", "", None, "accepted"
    )
    row.source = "import"
    return Placed(row, 100 + start, 100 + end, 100 + start, 100 + end)


def test_a_selection_goes_back_whole_only_while_every_part_is_as_imported() -> None:
    whole = [
        WholeSelection("sel", 10, 90, {"c1": [coding_part(1, 2, 0, 5), coding_part(2, 4, 0, 9)]})
    ]
    both = [_row(1, 2, 0, 5), _row(2, 4, 0, 9)]
    assert whole_parts(whole, both, [], {"trust"}) == {
        "1": ("sel", 10, 90, "c1"),
        "2": ("sel", 10, 90, "c1"),
    }
    # a part a person moved, or one gone: the other part stays as it is
    assert whole_parts(whole, [both[0], _row(2, 4, 0, 7)], [], {"trust"}) == {}
    assert whole_parts(whole, both[:1], [], {"trust"}) == {}

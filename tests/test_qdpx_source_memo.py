"""A memo on a whole source written in QualCoder: QualCoder keeps it in the TextSource's
Description (no note), so an import or merge of its archive takes what a person wrote there, less
lernet's own lines, as a memo on the whole transcript, and a lernet archive's memos come once."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import invoke_cli

from .test_qdpx_memo_notes import _exported
from .test_refi import NS
from .test_refi_qualcoder import SRC, TEXT, USER, _qde

SOURCE_MEMO = "Gesprek in de bakkerij; de eigenaar was erg open over de gemeente."


def _memos() -> list[dict[str, str]]:
    code, listed = invoke_cli("memos", "--format", "csv", "--delimiter", ",")
    assert code == 0, listed
    return list(csv.DictReader(io.StringIO(listed.lstrip("\ufeff"))))


def _qualcoder_with_source_memo(path: Path) -> Path:
    start = f'creatingUser="{USER}">\n<PlainTextSelection'
    qde = _qde()
    assert start in qde
    qde = qde.replace(
        start,
        f'creatingUser="{USER}">\n<Description>{SOURCE_MEMO}</Description>\n<PlainTextSelection',
        1,
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", qde)
        zf.writestr(f"sources/{SRC}.txt", TEXT)
    return path


def test_a_qualcoder_memo_on_a_source_becomes_a_memo_on_the_transcript(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = _qualcoder_with_source_memo(tmp_path / "qualcoder.qdpx")
    (tmp_path / "p").mkdir()
    monkeypatch.chdir(tmp_path / "p")
    code, out = invoke_cli("import", "qdpx", str(archive))
    assert code == 0, out
    on_whole = [m for m in _memos() if not m["segment"]]
    assert [(m["memo"], m["author"], m["source"]) for m in on_whole] == [
        (SOURCE_MEMO, "Codeur 1", "import")
    ]


def _edited_in_qualcoder(exported: Path, out: Path, added: str, keep_notes: bool) -> Path:
    """lernet's archive as QualCoder writes it again after its user added a paragraph to the
    source's memo (its Description); QualCoder drops a note the source refers to without words
    of its own (`keep_notes=False`), NVivo keeps it."""
    with zipfile.ZipFile(exported) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(members["project.qde"])
    [source] = root.findall("q:Sources/q:TextSource", NS)
    desc = source.find("q:Description", NS)
    assert desc is not None and desc.text
    desc.text = added + "\n\n" + desc.text
    if not keep_notes:
        for ref in source.findall("q:NoteRef", NS):
            source.remove(ref)
    members["project.qde"] = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out


@pytest.mark.parametrize("keep_notes", [True, False])
def test_a_memo_added_to_a_lernet_source_comes_back_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_notes: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    _exported(tmp_path, "nl")  # a memo on the whole transcript and one on words
    added = "Tweede lezing: meer over de nachtdienst vragen."
    edited = _edited_in_qualcoder(tmp_path / "out.qdpx", tmp_path / "qc.qdpx", added, keep_notes)
    (tmp_path / "again").mkdir()
    monkeypatch.chdir(tmp_path / "again")
    code, out = invoke_cli("import", "qdpx", str(edited))
    assert code == 0, out
    texts = [m["memo"] for m in _memos() if not m["segment"]]
    if keep_notes:  # the note holds the first memo: the Description adds only the new one
        assert sorted(texts) == sorted(["Open gesprek, na een nachtdienst.", added])
    else:  # the Description alone holds both
        assert texts == [added + "\n\nOpen gesprek, na een nachtdienst."]
    assert not any("lernet" in t for t in texts)
    # merged into the project that wrote it: the new memo is added, the first one not again
    monkeypatch.chdir(tmp_path)
    code, out = invoke_cli("merge", str(edited))
    assert code == 0, out
    merged = [m["memo"] for m in _memos() if not m["segment"]]
    assert merged.count("Open gesprek, na een nachtdienst.") == 1
    assert any(added in t for t in merged)


@pytest.mark.parametrize(
    ("language", "opening"),
    [("nl", "Geëxporteerd door lernet."), ("en", "Exported by lernet.")],
)
def test_what_a_person_reads_in_a_source_follows_the_projects_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, opening: str
) -> None:
    monkeypatch.chdir(tmp_path)
    root = _exported(tmp_path, language)
    [source] = root.findall("q:Sources/q:TextSource", NS)
    description = source.findtext("q:Description", namespaces=NS) or ""
    assert description.split("\n\n")[1].startswith(opening)
    # and an import takes none of lernet's lines for a memo
    (tmp_path / "again").mkdir()
    monkeypatch.chdir(tmp_path / "again")
    code, out = invoke_cli("import", "qdpx", str(tmp_path / "out.qdpx"))
    assert code == 0, out
    assert [m["memo"] for m in _memos() if not m["segment"]] == [
        "Open gesprek, na een nachtdienst."
    ]


@pytest.mark.parametrize(
    "description",
    [
        # a Dutch project's export now
        "Notitie: mooi citaat\nBewijs: kennis\nRichting: Brengen\n"
        "lernet: status=pending, direction=bring, evidence=3-9",
        # an English project's, and every export before
        "Note: mooi citaat\nEvidence: kennis\nDirection: Brengen\n"
        "lernet: status=pending, direction=bring, evidence=3-9",
    ],
)
def test_an_import_reads_a_selections_lines_in_either_language(description: str) -> None:
    from lernet_cli.exchange.qdaxml import _EVIDENCE_RE
    from lernet_cli.exchange.qdpx_read import described_note

    assert described_note(description) == "mooi citaat"
    said = _EVIDENCE_RE.search(description)
    assert said is not None and said["text"] == "kennis"


def test_a_dutch_source_description_and_an_older_one_leave_only_the_persons_words() -> None:
    from lernet_cli.exchange.qdaxml import SOURCE_NOTES, source_memo

    lines = "lernet: interviewer turns=1,3\nlernet: speaker turns abc=2"
    for opening in [*SOURCE_NOTES.values(), ""]:  # "": before lernet wrote a sentence there
        assert source_memo(f"Eigen memo.\n\n{opening}\n{lines}".replace("\n\n\n", "\n\n")) == (
            "Eigen memo."
        )
        assert source_memo(f"{opening}\n{lines}") == ""

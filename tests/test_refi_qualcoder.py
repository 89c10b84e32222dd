"""A QualCoder project into lernet and back to QualCoder: what its user sees there again (the
coding memos as written)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import yaml
from lxml import etree
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.store.store import Store

from .test_refi import NS, _zip, project_xsd  # noqa: F401  (a fixture)

runner = CliRunner()

USER = "0a1b2c3d-0000-4000-8000-000000000001"
SRC = "5a000000-0000-4000-8000-000000000001"
CATEGORY = "ca000000-0000-4000-8000-000000000001"
DISTRUST = "c1000000-0000-4000-8000-000000000001"
SHARING = "c2000000-0000-4000-8000-000000000002"
ANNOTATION = "ee000000-0000-4000-8000-000000000002"
TEXT = (
    "Interviewer: Hoe verloopt de samenwerking met de gemeente?\n"
    "Respondent: Eerlijk gezegd vertrouwen we de gemeente niet zo.\n"
    "Interviewer: En de andere leden?\n"
    "Respondent: Met de andere bedrijven delen we kennis, dat loopt goed.\n"
)
MEMO = "Belangrijk: terugkomen in de discussie"


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _qde() -> str:
    (a, b), (c, d) = _span("vertrouwen we de gemeente niet zo"), _span("delen we kennis")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Netwerkstudie" origin="QualCoder 3.6">
<Users><User guid="{USER}" name="Marieke"/></Users>
<CodeBook><Codes>
<Code guid="{CATEGORY}" name="Relaties" isCodable="false">
<Code guid="{DISTRUST}" name="Wantrouwen overheid" isCodable="true" color="#FF0000"/>
<Code guid="{SHARING}" name="Kennis delen" isCodable="true" color="#00FF00"/>
</Code>
</Codes></CodeBook>
<Sources>
<TextSource guid="{SRC}" name="Interview Bakkerij.txt" plainTextPath="internal://{SRC}.txt"
    creatingUser="{USER}">
<PlainTextSelection guid="5e000000-0000-4000-8000-000000000001" startPosition="{a}"
    endPosition="{b}" creatingUser="{USER}" creationDateTime="2025-01-12T14:30:00Z">
<Description>{MEMO}</Description>
<Coding guid="c0000000-0000-4000-8000-000000000001" creatingUser="{USER}">
<CodeRef targetGUID="{DISTRUST}"/></Coding></PlainTextSelection>
<PlainTextSelection guid="5e000000-0000-4000-8000-000000000002" startPosition="{c}"
    endPosition="{d}" creatingUser="{USER}" creationDateTime="2025-01-12T14:31:00Z">
<Coding guid="c0000000-0000-4000-8000-000000000002" creatingUser="{USER}">
<CodeRef targetGUID="{SHARING}"/></Coding></PlainTextSelection>
<NoteRef targetGUID="{ANNOTATION}"/>
</TextSource>
</Sources>
<Notes>
<Note guid="{ANNOTATION}" creatingUser="{USER}" creationDateTime="2025-01-13T08:00:00Z">
<PlainTextContent>Dit is ironisch bedoeld</PlainTextContent>
<PlainTextSelection guid="5e000000-0000-4000-8000-0000000000aa" startPosition="{a}"
    endPosition="{b}"/></Note>
</Notes>
</Project>
"""


def _qualcoder(tmp_path: Path) -> Path:
    return _zip(
        tmp_path / "qualcoder.qdpx",
        {"project.qde": _qde(), f"sources/{SRC}.txt": TEXT.encode("utf-8")},
    )


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stderr


def _exported(project: Path, out: Path) -> etree._Element:
    _invoke("export", "qdpx", str(out), "--no-anonymize", "--project", str(project))
    with zipfile.ZipFile(out) as zf:
        return etree.fromstring(zf.read("project.qde"))


def test_a_coding_memo_goes_back_to_qualcoder_as_it_was_written(tmp_path: Path) -> None:
    _invoke("import", "qdpx", str(_qualcoder(tmp_path)), "--into", str(tmp_path / "p"))
    root = _exported(tmp_path / "p", tmp_path / "back.qdpx")
    said = {
        sel.get("guid"): sel.findtext("q:Description", namespaces=NS)
        for sel in root.iterfind(".//q:TextSource/q:PlainTextSelection", NS)
    }
    # QualCoder shows a selection's Description as the coding's memo: no "Note:" before it
    assert said["5e000000-0000-4000-8000-000000000001"] == MEMO
    assert said["5e000000-0000-4000-8000-000000000002"] is None
    # and lernet reads it back as the coding's note
    _invoke("import", "qdpx", str(tmp_path / "back.qdpx"), "--into", str(tmp_path / "again"))
    with Store.open(tmp_path / "again" / ".lernet" / "lernet.db") as store:
        notes = {r.code: r.person_note for r in store.coding_rows()}
    assert notes == {"relaties.wantrouwen_overheid": MEMO, "relaties.kennis_delen": None}


def _codable(root: etree._Element, ns: str = "q") -> dict[str, str | None]:
    return {c.get("name"): c.get("isCodable") for c in root.iterfind(f".//{ns}:Code", NS)}


def test_a_qualcoder_category_stays_a_category(tmp_path: Path) -> None:
    _invoke("import", "qdpx", str(_qualcoder(tmp_path)), "--into", str(tmp_path / "p"))
    book = yaml.safe_load((tmp_path / "p" / "codebook.yaml").read_text(encoding="utf-8"))
    theme = book["themes"][0]
    assert theme["label"] == "Relaties" and theme["codable"] is False
    assert all("codable" not in c for c in theme["codes"])
    root = _exported(tmp_path / "p", tmp_path / "back.qdpx")
    assert _codable(root) == {
        "Relaties": "false",
        "Wantrouwen overheid": "true",
        "Kennis delen": "true",
    }
    # the codebook alone too
    out = tmp_path / "codes.qdc"
    _invoke("export", "qdc", str(out), "--project", str(tmp_path / "p"))
    assert _codable(etree.fromstring(out.read_bytes()), "c")["Relaties"] == "false"
    # and a codebook import of it keeps it so
    _invoke("codebook", "import", str(out), "-o", str(tmp_path / "again.yaml"))
    again = yaml.safe_load((tmp_path / "again.yaml").read_text(encoding="utf-8"))
    assert again["themes"][0]["codable"] is False


def test_a_category_someone_coded_in_lernet_is_codable_in_the_archive(tmp_path: Path) -> None:
    # a coding of its own would be lost on a code the other tool cannot code with
    qde = _qde().replace(
        f'<CodeRef targetGUID="{SHARING}"/>', f'<CodeRef targetGUID="{CATEGORY}"/>'
    )
    archive = _zip(
        tmp_path / "coded.qdpx", {"project.qde": qde, f"sources/{SRC}.txt": TEXT.encode()}
    )
    _invoke("import", "qdpx", str(archive), "--into", str(tmp_path / "p"))
    root = _exported(tmp_path / "p", tmp_path / "back.qdpx")
    assert _codable(root)["Relaties"] == "true"


def test_codable_false_is_checked(tmp_path: Path) -> None:
    book = tmp_path / "codebook.yaml"
    book.write_text(
        "version: 1\nname: t\nthemes:\n"
        "  - id: relaties\n    label: Relaties\n    codable: nee\n"
        "  - id: kennis\n    label: Kennis\n    codable: false\n"
        "    match:\n      - any: [kennis]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["codebook", "check", str(book)])
    assert result.exit_code != 0
    assert "codebook.yaml:6: [relaties] codable: is true or false, not 'nee'" in result.output
    assert "codebook.yaml:9: [kennis] codable: false, but it has match: rules" in result.output


def test_a_note_keeps_the_time_it_was_made(tmp_path: Path) -> None:
    # QualCoder's annotation (a note the source refers to, on words) and MAXQDA's (a selection
    # without a coding, its text in the Description)
    (a, b) = _span("dat loopt goed")
    qde = _qde().replace(
        "<NoteRef ",
        f'<PlainTextSelection guid="5e000000-0000-4000-8000-000000000009" startPosition="{a}" '
        f'endPosition="{b}" creatingUser="{USER}" creationDateTime="2024-11-05T16:20:00Z">'
        "<Description>Klinkt te mooi</Description></PlainTextSelection><NoteRef ",
    )
    archive = _zip(tmp_path / "qc.qdpx", {"project.qde": qde, f"sources/{SRC}.txt": TEXT.encode()})
    _invoke("import", "qdpx", str(archive), "--into", str(tmp_path / "p"))
    root = _exported(tmp_path / "p", tmp_path / "back.qdpx")
    made = {
        n.findtext("q:PlainTextContent", namespaces=NS): n.get("creationDateTime")
        for n in root.iterfind(".//q:Notes/q:Note", NS)
    }
    assert made == {
        "Dit is ironisch bedoeld": "2025-01-13T08:00:00Z",
        "Klinkt te mooi": "2024-11-05T16:20:00Z",
    }
    # merged into a project that has the interview without them: the same times
    bare = _zip(
        tmp_path / "bare.qdpx",
        {
            "project.qde": _qde().split("<Notes>")[0] + "</Project>",
            f"sources/{SRC}.txt": TEXT.encode(),
        },
    )
    _invoke("import", "qdpx", str(bare), "--into", str(tmp_path / "other"))
    result = runner.invoke(
        app, ["merge", str(tmp_path / "back.qdpx"), "--project", str(tmp_path / "other")]
    )
    assert result.exit_code == 0, result.output
    with Store.open(tmp_path / "other" / ".lernet" / "lernet.db") as store:
        (tid,) = [t.id for t in store.transcripts()]
        assert sorted(store.memo_times(tid)) == [
            "2024-11-05T16:20:00+00:00",
            "2025-01-13T08:00:00+00:00",
        ]


def _qualcoder_annotations(root: etree._Element) -> list[tuple[str, str, str, str]]:
    """The annotations QualCoder's import reads: a note a TextSource refers to (a NoteRef of the
    source itself) that holds its text and one selection of the words it is on."""
    notes = {n.get("guid"): n for n in root.iterfind(".//q:Notes/q:Note", NS)}
    found = []
    for src in root.iterfind(".//q:Sources/q:TextSource", NS):
        for ref in src.findall("q:NoteRef", NS):
            note = notes[ref.get("targetGUID")]
            sel = note.find("q:PlainTextSelection", NS)
            if sel is not None and note.findtext("q:PlainTextContent", namespaces=NS):
                text = note.findtext("q:PlainTextContent", namespaces=NS)
                start, end = sel.get("startPosition"), sel.get("endPosition")
                found.append((src.get("name"), text, start, end))
    return found


def test_an_annotation_on_coded_words_goes_back_where_qualcoder_reads_it(
    tmp_path: Path,
    project_xsd: Any,  # noqa: F811
) -> None:
    _invoke("import", "qdpx", str(_qualcoder(tmp_path)), "--into", str(tmp_path / "p"))
    out = tmp_path / "back.qdpx"
    root = _exported(tmp_path / "p", out)
    project_xsd.validate(root)
    a, b = _span("vertrouwen we de gemeente niet zo")
    # on the coded words (which the coded selection also refers to, as the standard has it)
    assert _qualcoder_annotations(root) == [
        ("Interview Bakkerij.txt", "Dit is ironisch bedoeld", str(a), str(b))
    ]
    # and back in lernet it is one memo on those words, not one more on the whole interview
    _invoke("import", "qdpx", str(out), "--into", str(tmp_path / "again"))
    with Store.open(tmp_path / "again" / ".lernet" / "lernet.db") as store:
        (t,) = store.transcripts()
        memos = [m for m in store.memos_of(t.id) if m[4] == "Dit is ironisch bedoeld"]
    assert len(memos) == 1 and memos[0][0] is not None

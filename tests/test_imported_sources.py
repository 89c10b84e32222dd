"""Sources imported from another tool are read like files: the same speakers and interviewer as the
text read as a .txt, following interviewer_labels in lernet.yaml, coded by the codebook's rules
like the others; and they go back to the other tool byte for byte as they came."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.exchange.spans import utf16_length
from lernet_cli.readers import read_transcript
from lernet_cli.store.store import Store

from .test_refi import NS, _zip

runner = CliRunner()

USER = "dd20a190-2f01-554a-bb63-3606523176d1"
PM01, FAC01 = "05e3e619-587d-388e-718d-6d8d28fe8c5b", "a2eaa58c-b378-2eeb-220e-8702a0db5e9d"
WORK, DATA = "401a6831-1430-e598-0a74-3ac554d5ecd3", "38508073-a5ff-db9b-fd01-c441190a72e3"
# Names as labels, Windows line ends, an emoji (positions in UTF-16 code units, as NVivo counts),
# a byte-order mark and a last line end: all must come back as they were.
PM01_TEXT = (
    "Sam: Okay, I think we're recording 😀. Sue, could you describe your role?\r\n\r\n"
    "Sue: Yes, I'm the practice manager. We lose staff to the hospital all the time.\r\n\r\n"
    "Sam: What about staffing, from the practice side?\r\n\r\n"
    "Sue: Staffing is the biggest thing. Nobody shares data with us either.\r\n"
)
FAC01_TEXT = (
    "[00:00:03] Speaker 1: Right, that's recording now. What were you trying to achieve?\n\n"
    "[00:00:11] Speaker 2: Mainly to get people talking. Data sharing was a mess.\n\n"
    "[00:00:34] Speaker 1: And data sharing? Several people have mentioned that.\n\n"
    "[00:00:37] Speaker 2: It is still slow, but it is better.\n"
)
# (guid, source, text coded, code): two codings on the interviewer's questions
CODED = [
    ("5e000000-0000-4000-8000-000000000001", PM01, "We lose staff to the hospital", WORK),
    (
        "5e000000-0000-4000-8000-000000000002",
        PM01,
        "What about staffing, from the practice side?",
        WORK,
    ),
    ("5e000000-0000-4000-8000-000000000003", FAC01, "Data sharing was a mess.", DATA),
    ("5e000000-0000-4000-8000-000000000004", FAC01, "And data sharing? Several people have", DATA),
]
ASKED = {CODED[1][0], CODED[3][0]}


def _units(text: str, index: int) -> int:
    return utf16_length(text[:index])


def _qde() -> str:
    texts = {PM01: PM01_TEXT, FAC01: FAC01_TEXT}
    sources = []
    for guid, name in ((PM01, "PM01 practice manager"), (FAC01, "FAC01 ICB facilitator")):
        sels = []
        for n, (sel, src, words, code) in enumerate(CODED):
            if src != guid:
                continue
            text = texts[src]
            start = text.index(words)
            sels.append(
                f'<PlainTextSelection guid="{sel}" startPosition="{_units(text, start)}" '
                f'endPosition="{_units(text, start + len(words))}" creatingUser="{USER}" '
                f'creationDateTime="2024-03-01T10:00:00Z"><Coding guid="c{sel[1:-2]}{n:02d}" '
                f'creatingUser="{USER}" creationDateTime="2024-03-01T10:00:00Z">'
                f'<CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
            )
        sources.append(
            f'<TextSource guid="{guid}" name="{name}" plainTextPath="internal://{guid}.txt">'
            + "".join(sels)
            + "</TextSource>"
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Tynedale" origin="NVivo 14.23.2 (Windows)">
<Users><User guid="{USER}" name="Sam Okafor"/></Users>
<CodeBook><Codes>
<Code guid="{WORK}" name="Workforce" isCodable="true"/>
<Code guid="{DATA}" name="Data sharing" isCodable="true"/>
</Codes></CodeBook>
<Sources>{"".join(sources)}</Sources>
</Project>"""


BYTES = {PM01: b"\xef\xbb\xbf" + PM01_TEXT.encode("utf-8"), FAC01: FAC01_TEXT.encode("utf-8")}


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    archive = _zip(
        tmp_path / "nvivo.qdpx",
        {"project.qde": _qde(), **{f"sources/{g}.txt": b for g, b in BYTES.items()}},
    )
    root = tmp_path / "project"
    result = runner.invoke(app, ["import", "qdpx", str(archive), "--into", str(root)])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(root)
    return root


def _turns(root: Path) -> dict[str, list[tuple[str, str, str]]]:
    with Store.open(root / ".lernet" / "lernet.db") as store:
        return {
            t.path: [(x.speaker, x.role, x.text) for _, x in store.segments(t.id)]
            for t in store.transcripts()
        }


def _counted() -> list[tuple[str, str]]:
    out = runner.invoke(app, ["codings", "--no-anonymize", "-f", "json"]).stdout
    return sorted((c["code"], c["text"]) for c in json.loads(out))


def test_speakers_and_interviewer_are_those_of_the_text_read_as_a_file(
    imported: Path, tmp_path: Path
) -> None:
    for name, text in (("PM01 practice manager", PM01_TEXT), ("FAC01 ICB facilitator", FAC01_TEXT)):
        as_file = tmp_path / f"{name}.txt"
        as_file.write_text(text, encoding="utf-8", newline="")
        read = read_transcript(as_file)
        assert _turns(imported)[name] == [(t.speaker, t.role, t.text) for t in read.turns]
    assert {s for s, r, _ in _turns(imported)["PM01 practice manager"] if r == "interviewer"} == {
        "Sam"
    }
    assert _turns(imported)["FAC01 ICB facilitator"][0][:2] == ("Speaker 1", "interviewer")
    # the interviewer's questions are no participant's speech: neither counted nor quoted
    assert _counted() == [
        ("data_sharing", "Data sharing was a mess."),
        ("workforce", "We lose staff to the hospital"),
    ]
    memos = json.loads(runner.invoke(app, ["memos", "--no-anonymize", "-f", "json"]).stdout)
    assert sorted(m["memo"] for m in memos) == ["code: data_sharing", "code: workforce"]


def _export(root: Path, out: Path) -> tuple[etree._Element, dict[str, bytes]]:
    result = runner.invoke(app, ["export", "qdpx", str(out), "--no-anonymize"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as zf:
        qde = etree.fromstring(zf.read("project.qde"))
        files = {
            n.removeprefix("sources/").removesuffix(".txt"): zf.read(n)
            for n in zf.namelist()
            if n != "project.qde"
        }
    return qde, files


def test_the_export_gives_each_source_back_byte_for_byte_with_its_codings(
    imported: Path, tmp_path: Path
) -> None:
    qde, files = _export(imported, tmp_path / "back.qdpx")
    assert files == BYTES  # line ends, byte-order mark, last line end: as they came
    texts = {PM01: PM01_TEXT, FAC01: FAC01_TEXT}
    found = {}
    for src in qde.iterfind(".//q:TextSource", NS):
        assert "lernet: text=as imported" in src.findtext("q:Description", namespaces=NS)
        text = texts[src.get("guid")].encode("utf-16-le")
        for sel in src.iterfind("q:PlainTextSelection", NS):
            a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
            (coding,) = sel.iterfind("q:Coding", NS)
            found[sel.get("guid")] = (
                text[2 * a : 2 * b].decode("utf-16-le"),
                coding.find("q:CodeRef", NS).get("targetGUID"),
            )
    # every coding, the interviewer's questions too, at the same place with the same GUID
    assert found == {guid: (words, code) for guid, _, words, code in CODED}

    # imported again, the source reads the same
    again = tmp_path / "again"
    result = runner.invoke(
        app, ["import", "qdpx", str(tmp_path / "back.qdpx"), "--into", str(again)]
    )
    assert result.exit_code == 0, result.output
    assert _turns(again) == _turns(imported)


def test_interviewer_labels_in_lernet_yaml_are_followed(imported: Path) -> None:
    config = imported / "lernet.yaml"
    text = config.read_text(encoding="utf-8")
    # Say Sue is the interviewer (a mistake, to see that the setting decides)
    config.write_text(
        "\n".join(
            "interviewer_labels: [Sue]" if line.startswith("interviewer_labels:") else line
            for line in text.splitlines()
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code"])
    assert result.exit_code == 0, result.output
    assert "PM01 practice manager: speaker roles follow interviewer_labels" in result.stderr
    roles = {s: r for s, r, _ in _turns(imported)["PM01 practice manager"]}
    assert roles == {"Sam": "participant", "Sue": "interviewer"}
    counted = _counted()
    assert ("workforce", "What about staffing, from the practice side?") in counted
    assert ("workforce", "We lose staff to the hospital") not in counted
    # and back: the codings are the same as imported, GUIDs and all
    config.write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["code"]).exit_code == 0
    assert _counted() == [
        ("data_sharing", "Data sharing was a mess."),
        ("workforce", "We lose staff to the hospital"),
    ]
    result = runner.invoke(app, ["code"])
    assert "speaker roles" not in result.stderr  # nothing changed since
    qde, _ = _export(imported, imported / "back.qdpx")
    assert {s.get("guid") for s in qde.iterfind(".//q:PlainTextSelection", NS)} == {
        c[0] for c in CODED
    }


RULES = """\
themes:
  - id: workforce
    label: Workforce
    match:
      - any: [staff*]
  - id: data_sharing
    label: Data sharing
    match:
      - any: [data]
"""


def test_the_codebook_s_rules_code_imported_transcripts_too(imported: Path) -> None:
    before = _counted()
    (imported / "own.yaml").write_text(RULES, encoding="utf-8")
    config = imported / "lernet.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("codebook: codebook.yaml", "codebook: own.yaml"),
        encoding="utf-8",
    )
    # a new interview named on the command line: the imported ones are named as not coded yet
    (imported / "new.txt").write_text(
        "I: How is it going?\nR: We need more staff and better data.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["code", "new.txt"])
    assert result.exit_code == 0, result.output
    assert "2 imported transcripts are not coded by these rules yet" in result.stderr
    assert "lernet code` without files codes them" in result.stderr

    result = runner.invoke(app, ["code"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("applied the codebook's rules to 2 imported transcripts") == 1
    rows = json.loads(runner.invoke(app, ["codings", "--no-anonymize", "-f", "json"]).stdout)
    by_source = {(r["file"], r["coder"]) for r in rows}
    assert ("PM01 practice manager", "auto") in by_source
    assert ("FAC01 ICB facilitator", "auto") in by_source
    # the other tool's codings are as they were
    imported_rows = sorted((r["code"], r["text"]) for r in rows if r["coder"] == "Sam Okafor")
    assert imported_rows == before
    # no rule codes the interviewer's words
    assert not any("What about staffing" in r["text"] for r in rows)
    again = runner.invoke(app, ["code"])
    assert "applied the codebook's rules" not in again.stderr


def test_a_source_an_older_lernet_imported_is_named_on_export(
    imported: Path, tmp_path: Path
) -> None:
    import sqlite3

    with sqlite3.connect(imported / ".lernet" / "lernet.db") as conn:
        conn.execute(
            "DELETE FROM source_texts WHERE transcript_id = "
            "(SELECT id FROM transcripts WHERE path = 'FAC01 ICB facilitator')"
        )
    out = tmp_path / "old.qdpx"
    result = runner.invoke(app, ["export", "qdpx", str(out), "--no-anonymize"])
    assert result.exit_code == 0, result.output
    assert "1 imported source came in with an older lernet" in result.stderr
    assert "FAC01 ICB facilitator; import the archive again" in result.stderr
    with zipfile.ZipFile(out) as zf:
        assert zf.read(f"sources/{PM01}.txt") == BYTES[PM01]
        assert zf.read(f"sources/{FAC01}.txt").startswith(b"Speaker 1: Right")

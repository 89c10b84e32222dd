"""Archives from NVivo, MAXQDA and ATLAS.ti as their users make them: sources named after the
person without cases (MAXQDA), the group as a document or case variable under its own name, text
kept outside the archive or not in UTF-8, the wrong file given; and a second archive added to a
project that exists."""

from __future__ import annotations

import html
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.exchange.qdaxml import group_variable
from lernet_cli.exchange.qdpx_import import import_qdpx
from lernet_cli.exchange.qdpx_read import name_parts, read_archive

from .conftest import dump_store

runner = CliRunner()


def invoke_cli(args: list[str], cwd: Path | None = None) -> Any:
    """A lernet command run in `cwd`; a traceback fails the test."""
    import os

    before = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(app, args)
    finally:
        os.chdir(before)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


USER = "6111b4b5-61e0-4c2f-a98a-372e9ffd6a18"
GROUP_VAR = "5aadd0d2-9211-48d8-87f4-39f3b568d623"
YEARS_VAR = "9064dbd9-caa0-4141-a637-a18a4f1c9ce2"
CODES = {
    "127eeabe-9bde-4398-832f-bce3952a71b2": "Trust",
    "1d96ac56-a3b0-4043-9734-bc4414881edc": "Members don't know each other well yet",
    "ef2b1ae5-6370-403f-9484-b3dbba6bc77c": "Convinced of benefits",
}
TRUST, NOT_KNOWN, CONVINCED = list(CODES)
GP07_TEXT = (
    "Speaker 1: How do you find the network so far?\n\n"
    "Speaker 2: We don't know each other well yet, to be honest. Peter Walsh here, by the way. "
    "The knowledge sharing is good when it happens.\n"
)
PH08_TEXT = (
    "Speaker 1: What do you get out of it?\n\n"
    "Speaker 2: We get inspiration from the GPs, and the knowledge sharing is good.\n"
)


@dataclass
class Src:
    guid: str
    name: str
    text: str | bytes
    coded: list[tuple[str, str]] = field(default_factory=list)  # (words, code guid)
    variables: dict[str, str] = field(default_factory=dict)  # variable guid -> value
    where: str = "internal"  # internal, absolute:// or relative:// path
    past_end: list[str] = field(default_factory=list)  # code guids coded past the end
    described: dict[str, str] = field(default_factory=dict)  # coded words -> Description
    annotated: list[tuple[str, str]] = field(default_factory=list)  # (words, Description)
    note_refs: list[str] = field(default_factory=list)  # GUIDs of notes on the source


def _qdpx(
    path: Path,
    sources: list[Src],
    *,
    variables: dict[str, str] | None = None,
    cases: str = "",
    origin: str = "MAXQDA 2022 (Release 22.7.0)",
    codes: dict[str, str] = CODES,
    folder: str = "",
    notes: str = "",
    crlf: bool = False,
    links: str = "",
    names: bool = True,
) -> Path:
    """A REFI-QDA archive as another tool writes one (sources in files, positions in UTF-16)."""
    variables = {GROUP_VAR: "Stakeholder group"} if variables is None else variables
    members: dict[str, bytes] = {}
    xml_sources = []
    for src in sources:
        data = src.text if isinstance(src.text, bytes) else src.text.encode("utf-8")
        text = src.text if isinstance(src.text, str) else src.text.decode("cp1252", "replace")
        if crlf:  # QualCoder's export for MAXQDA: CR LF in the file, positions without CRs
            data = data.replace(b"\n", b"\r\n")
        if src.where == "internal":
            members[f"Sources/{src.guid}.txt"] = data
            ref = f"internal://{src.guid}.txt"
        else:
            ref = src.where
        sels = []
        for n, (words, code) in enumerate(src.coded):
            start = text.index(words)
            sels.append((start, start + len(words), code, n))
        for n, code in enumerate(src.past_end, len(sels)):
            sels.append((len(text) + 100, len(text) + 150, code, n))
        said = {text.index(w): f"<Description>{d}</Description>" for w, d in src.described.items()}
        body = "".join(
            f'<PlainTextSelection guid="{src.guid[:-4]}{n:04d}" startPosition="{a}" '
            f'endPosition="{b}" creatingUser="{USER}"'
            + (f' name="{html.escape(text[a:b])}">' if names else ">")
            + f"{said.get(a, '')}"
            f'<Coding guid="{src.guid[:-4]}c{n:03d}" '
            f'creatingUser="{USER}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
            for a, b, code, n in sels
        )
        body += "".join(
            f'<PlainTextSelection guid="{src.guid[:-4]}a{n:03d}" '
            f'startPosition="{text.index(words)}" endPosition="{text.index(words) + len(words)}" '
            f'creatingUser="{USER}"><Description>{memo}</Description></PlainTextSelection>'
            for n, (words, memo) in enumerate(src.annotated)
        )
        body += "".join(f'<NoteRef targetGUID="{g}"/>' for g in src.note_refs)
        body += "".join(
            f'<VariableValue><VariableRef targetGUID="{v}"/><TextValue>{value}</TextValue>'
            "</VariableValue>"
            for v, value in src.variables.items()
        )
        xml_sources.append(
            f'<TextSource guid="{src.guid}" name="{src.name}" plainTextPath="{ref}" '
            f'creatingUser="{USER}">{body}</TextSource>'
        )
    code_xml = "".join(f'<Code guid="{g}" name="{n}" isCodable="true"/>' for g, n in codes.items())
    var_xml = "".join(
        f'<Variable guid="{g}" name="{n}" typeOfVariable="Text"/>' for g, n in variables.items()
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<Project name="Primary care" origin="{origin}" creatingUserGUID="{USER}" '
        'xmlns="urn:QDA-XML:project:1.0">'
        f'<Users><User guid="{USER}" id="TG" name="Tom Gallagher"/></Users>'
        f"<CodeBook><Codes>{code_xml}</Codes></CodeBook>"
        + (f"<Variables>{var_xml}</Variables>" if var_xml else "")
        + (f"<Cases>{cases}</Cases>" if cases else "")
        + f"<Sources>{''.join(xml_sources)}</Sources>"
        + (f"<Notes>{notes}</Notes>" if notes else "")
        + (f"<Links>{links}</Links>" if links else "")
        + "</Project>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{folder}project.qde", qde.encode("utf-8"))
        for name, data in members.items():
            zf.writestr(f"{folder}{name}", data)
    return path


GP07 = "9c9c2d91-ad9a-4296-a4aa-17344d1079ab"
PH08 = "35bb8498-5105-4839-abb9-c59695468325"


def _maxqda(tmp_path: Path, name: str = "mx.qdpx") -> Path:
    return _qdpx(
        tmp_path / name,
        [
            Src(
                GP07,
                "GP07 Dr Peter Walsh",
                GP07_TEXT,
                [("We don't know each other well yet", NOT_KNOWN), ("knowledge sharing", TRUST)],
                {GROUP_VAR: "GP practice"},
            ),
            Src(
                PH08,
                "PH08 Grace Liu",
                PH08_TEXT,
                [("the knowledge sharing is good", CONVINCED)],
                {GROUP_VAR: "Pharmacy"},
            ),
        ],
    )


# --- 1. names and groups -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "pid", "names", "organisations"),
    [
        ("GP07 Dr Peter Walsh", "GP07", ["Peter Walsh"], []),
        (
            "Interview PH02 - Raj Patel (Westgate Pharmacy)",
            "PH02",
            ["Raj Patel"],
            ["Westgate Pharmacy"],
        ),
        ("Interview UNI03 - Prof. Anne O'Connor", "UNI03", ["Anne O'Connor"], []),
        ("FAC01 ICB facilitator", "FAC01", [], []),
        ("Interview with Jane Smith", None, ["Jane Smith"], []),
        ("Focus Group 2", None, [], []),
        ("P3 Mark Okafor", "P3", ["Mark Okafor"], []),
        ("Interview Mark Smith", None, [], []),  # two English words: not taken
        ("GP07 Final Notes", "GP07", [], []),
        ("GP07 Practice Manager", "GP07", [], []),
        ("GP07 Follow-up", "GP07", [], []),
        ("Site Visit Notes", None, [], []),
        # an organisation of ordinary words, said to be one by the word its name ends in
        (
            "GP07 Dr Peter Walsh, Northern Health Authority",
            "GP07",
            ["Peter Walsh"],
            ["Northern Health Authority"],
        ),
        ("GP08 (Riverside Medical Practice)", "GP08", [], ["Riverside Medical Practice"]),
        ("GP09 (NHS Trust)", "GP09", [], []),
        ("GP09 (Practice Manager)", "GP09", [], []),
        ("Interview 2 (Second Visit)", None, [], []),
        # QualCoder names a source after its file: no extension, no "Interview" in the name
        ("Interview Hanneke.txt", None, ["Hanneke"], []),
        ("Transcript Peter Walsh.docx", None, ["Peter Walsh"], []),
        (
            "Gesprek Hanneke de Vries (Buurthuis Oost).odt",
            None,
            ["Hanneke de Vries"],
            ["Buurthuis Oost"],
        ),
        ("Raj Patel, Westgate Pharmacy.docx", None, ["Raj Patel"], ["Westgate Pharmacy"]),
    ],
)
def test_name_parts_of_a_source_name(
    source: str, pid: str | None, names: list[str], organisations: list[str]
) -> None:
    assert name_parts(source) == (pid, names, organisations)


@pytest.mark.parametrize(
    ("names", "chosen"),
    [
        (["Years in network", "Stakeholder group"], "Stakeholder group"),
        (["Stakeholdergroep"], "Stakeholdergroep"),
        (["Role", "Group"], "Group"),
        (["Rol", "Leeftijd"], "Rol"),
        (["Stakeholder", "Role"], "Stakeholder"),
        (["Years in network", "Site"], None),
        (["Controller"], None),
    ],
)
def test_which_variable_gives_the_group(names: list[str], chosen: str | None) -> None:
    assert group_variable(names)[0] == chosen


def test_maxqda_sources_without_cases_become_name_free_participants(tmp_path: Path) -> None:
    archive = _maxqda(tmp_path)
    summary = import_qdpx(archive, tmp_path / "p")
    people = yaml.safe_load((tmp_path / "p" / "participants.yaml").read_text(encoding="utf-8"))
    by_id = {p["id"]: p for p in people["participants"]}
    assert set(by_id) == {"GP07", "PH08"}
    assert by_id["GP07"]["names"] == ["Peter Walsh"]
    assert by_id["GP07"]["group"] == "GP practice"
    assert by_id["PH08"]["group"] == "Pharmacy"
    assert people["groups"] == ["GP practice", "Pharmacy"]
    said = "\n".join(summary.notices)
    assert "made 2 participants from source names" in said
    assert "GP07 (Peter Walsh)" in said
    assert "from the variable 'Stakeholder group'" in said


def test_anonymized_outputs_hide_the_name_a_source_was_called_by(tmp_path: Path) -> None:
    _maxqda(tmp_path)
    assert invoke_cli(["import", "qdpx", "mx.qdpx", "--into", "p"], cwd=tmp_path).exit_code == 0
    project = tmp_path / "p"
    rows = json.loads(invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=project).stdout)
    assert {r["participant"] for r in rows} == {"GP07", "PH08"}
    result = invoke_cli(["export", "csv", "out.csv"], cwd=project)
    assert result.exit_code == 0, result.output
    written = (project / "out.csv").read_text(encoding="utf-8-sig")
    assert "Walsh" not in written and "Grace Liu" not in written
    assert "GP07" in written and "GP practice" in written
    # the store keeps the names too: hidden even when participants.yaml no longer lists them
    (project / "participants.yaml").write_text("participants: []\n", encoding="utf-8")
    quotes = invoke_cli(["quotes", "--theme", "trust"], cwd=project)
    assert quotes.exit_code == 0, quotes.output
    assert "Walsh" not in quotes.stdout


def test_a_name_in_a_file_named_source_is_hidden_where_it_is_said(tmp_path: Path) -> None:
    """QualCoder's source "Interview Hanneke Dijkstra.txt" of case P1: the names to hide are
    hers, not the file's name, so a passage that says her name is anonymized."""
    text = (
        "Interviewer: How did it start?\n\n"
        "P1: My colleague said: Hanneke, you should come along. Dijkstra is on the list now.\n"
    )
    cases = (
        '<Case guid="aa000000-0000-4000-8000-000000000001" name="P1">'
        f'<SourceRef targetGUID="{GP07}"/></Case>'
    )
    archive = _qdpx(
        tmp_path / "qc.qdpx",
        [Src(GP07, "Interview Hanneke Dijkstra.txt", text, [("Hanneke, you should", TRUST)])],
        cases=cases,
        variables={},
        origin="QualCoder 3.6",
    )
    import_qdpx(archive, tmp_path / "p")
    people = yaml.safe_load((tmp_path / "p" / "participants.yaml").read_text(encoding="utf-8"))
    assert people["participants"][0]["names"] == ["Hanneke Dijkstra"]
    out = invoke_cli(["export", "csv", "out.csv"], cwd=tmp_path / "p")
    assert out.exit_code == 0, out.output
    written = (tmp_path / "p" / "out.csv").read_text(encoding="utf-8-sig")
    assert "Hanneke" not in written


def test_what_a_coder_wrote_in_a_selections_description_is_kept(tmp_path: Path) -> None:
    """QualCoder keeps a coding's memo in its selection's Description, MAXQDA and QualCoder an
    annotation as a selection without a coding: the memo becomes the coding's note, the
    annotation a memo on its words, by its maker; neither is dropped, at the import or the
    merge."""
    src = Src(
        GP07,
        "GP07",
        GP07_TEXT,
        [("We don't know each other well yet", NOT_KNOWN)],
        described={"We don't know each other well yet": "strong opening, use in chapter 4"},
        annotated=[("The knowledge sharing is good", "ask about frequency next time")],
    )
    archive = _qdpx(tmp_path / "qc.qdpx", [src], variables={}, origin="QualCoder 3.6")
    import_qdpx(archive, tmp_path / "p")
    project = tmp_path / "p"
    rows = json.loads(invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=project).stdout)
    assert [r["note"] for r in rows] == ["strong opening, use in chapter 4"]
    memos = json.loads(invoke_cli(["memos", "--no-anonymize", "-f", "json"], cwd=project).stdout)
    assert [(m["memo"], m["text"], m["author"]) for m in memos] == [
        ("ask about frequency next time", "The knowledge sharing is good", "Tom Gallagher")
    ]
    # the same archive merged into a project of the same interview: note and memo come along
    invoke_cli(["init", "q", "--blank", "--language", "en"], cwd=tmp_path)
    (tmp_path / "q" / "GP07.txt").write_text(GP07_TEXT, encoding="utf-8")
    assert invoke_cli(["code", "GP07.txt"], cwd=tmp_path / "q").exit_code == 0
    mapped = f"{CODES[NOT_KNOWN]}=experience.frustration"
    merged = invoke_cli(["merge", str(archive), "--map", mapped], cwd=tmp_path / "q")
    assert merged.exit_code == 0, merged.output
    rows = json.loads(
        invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=tmp_path / "q").stdout
    )
    assert "strong opening, use in chapter 4" in [r["note"] for r in rows]
    memos = json.loads(
        invoke_cli(["memos", "--no-anonymize", "-f", "json"], cwd=tmp_path / "q").stdout
    )
    assert "ask about frequency next time" in [m["memo"] for m in memos]


def test_a_qualcoder_annotation_is_a_memo_on_its_words(tmp_path: Path) -> None:
    """QualCoder's annotation: a note the source refers to, its words as the note's own
    selection (in code points, after an emoji here): a memo on those words, not on the whole
    transcript."""
    text = GP07_TEXT.replace("to be honest.", "to be honest 🙂.")
    note = "e0000000-0000-4000-8000-000000000001"
    start = text.index("The knowledge sharing")
    end = start + len("The knowledge sharing is good")
    notes = (
        f'<Note guid="{note}" creatingUser="{USER}">'
        "<PlainTextContent>check with the practice manager</PlainTextContent>"
        f'<PlainTextSelection guid="e0000000-0000-4000-8000-000000000002" '
        f'startPosition="{start}" endPosition="{end}"/></Note>'
    )
    src = Src(GP07, "GP07", text, [("We don't know", NOT_KNOWN)], note_refs=[note])
    archive = _qdpx(tmp_path / "qc.qdpx", [src], variables={}, origin="QualCoder 3.6", notes=notes)
    import_qdpx(archive, tmp_path / "p")
    memos = json.loads(
        invoke_cli(["memos", "--no-anonymize", "-f", "json"], cwd=tmp_path / "p").stdout
    )
    assert [(m["memo"], m["text"]) for m in memos] == [
        ("check with the practice manager", "The knowledge sharing is good")
    ]


def test_a_memo_goes_back_as_an_annotation_qualcoder_reads(tmp_path: Path) -> None:
    """QualCoder reads a selection without a coding as an annotation, by its Description, and
    not its note: the export writes the memo there too (anonymized), and lernet, reading the
    archive again, takes it once."""
    src = Src(
        GP07,
        "GP07 Dr Peter Walsh",
        GP07_TEXT,
        [("We don't know each other well yet", NOT_KNOWN)],
        annotated=[("The knowledge sharing is good", "ask Peter Walsh how often")],
    )
    import_qdpx(_qdpx(tmp_path / "mx.qdpx", [src], variables={}), tmp_path / "p")
    out = invoke_cli(["export", "qdpx", "back.qdpx"], cwd=tmp_path / "p")
    assert out.exit_code == 0, out.output
    with zipfile.ZipFile(tmp_path / "p" / "back.qdpx") as zf:
        qde = zf.read("project.qde").decode("utf-8")
    from lxml import etree

    ns = {"q": "urn:QDA-XML:project:1.0"}
    root = etree.fromstring(qde.encode("utf-8"))
    annotations = [
        sel
        for sel in root.iterfind(".//q:PlainTextSelection", ns)
        if sel.find("q:Coding", ns) is None
    ]
    assert [a.findtext("q:Description", namespaces=ns) for a in annotations] == [
        "ask [name] how often"
    ]
    import_qdpx(tmp_path / "p" / "back.qdpx", tmp_path / "again")
    memos = json.loads(invoke_cli(["memos", "-f", "json"], cwd=tmp_path / "again").stdout)
    assert [m["memo"] for m in memos] == ["ask [name] how often"]


def test_positions_that_count_a_windows_line_end_as_one_character(tmp_path: Path) -> None:
    """QualCoder's export for MAXQDA writes CR LF into the source's file and keeps the positions
    of its own text, which has LF alone: the selections' names say so, and each coding lands on
    the words it names, also those after several line ends."""
    text = GP07_TEXT + "\nSpeaker 1: And later?\n\nSpeaker 2: Later we met every month.\n"
    src = Src(
        GP07,
        "GP07",
        text,
        [("We don't know each other well yet", NOT_KNOWN), ("we met every month", TRUST)],
    )
    archive = _qdpx(tmp_path / "qc.qdpx", [src], variables={}, origin="QualCoder 3.6", crlf=True)
    summary = import_qdpx(archive, tmp_path / "p")
    rows = json.loads(
        invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=tmp_path / "p").stdout
    )
    assert sorted(r["text"] for r in rows) == [
        "We don't know each other well yet",
        "we met every month",
    ]
    assert "counted a line end (CR LF) as one character in 1 source," in "\n".join(summary.notices)


@pytest.mark.parametrize(("origin", "found"), [("ATLAS.ti 23.2", True), ("NVivo 14", False)])
def test_atlas_ti_counts_a_windows_line_end_as_one_character(
    tmp_path: Path, origin: str, found: bool
) -> None:
    """ATLAS.ti counts a CR LF of its source's file as one character (as QualCoder's import
    found); NVivo as two. Without selection names to tell, the tool decides."""
    text = GP07_TEXT + "\nSpeaker 1: And later?\n\nSpeaker 2: Later we met every month.\n"
    words = "we met every month"
    crlf = text.replace("\n", "\r\n")
    # ATLAS.ti: positions in the text without CRs, the file with them; NVivo: the file's own
    src = Src(GP07, "GP07", text if found else crlf, [(words, TRUST)])
    archive = _qdpx(
        tmp_path / "a.qdpx", [src], variables={}, origin=origin, crlf=found, names=False
    )
    import_qdpx(archive, tmp_path / "p")
    rows = json.loads(
        invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=tmp_path / "p").stdout
    )
    assert [r["text"] for r in rows] == [words]


def test_an_nvivo_annotation_is_a_memo_on_its_words(tmp_path: Path) -> None:
    """NVivo's annotation: a selection without a coding, a note, and a link from the note to the
    selection: a memo on those words, and no warning that a link was left out."""
    note = "e0000000-0000-4000-8000-000000000003"
    selection = f"{GP07[:-4]}a000"  # the helper's GUID of the first selection without coding
    notes = (
        f'<Note guid="{note}" name="Annotation" creatingUser="{USER}">'
        "<PlainTextContent>said twice in the interview</PlainTextContent></Note>"
    )
    links = (
        f'<Link guid="e0000000-0000-4000-8000-000000000004" originGUID="{note}" '
        f'targetGUID="{selection}"/>'
    )
    src = Src(
        GP07,
        "GP07",
        GP07_TEXT,
        [("We don't know", NOT_KNOWN)],
        annotated=[("The knowledge sharing is good", "")],
    )
    archive = _qdpx(
        tmp_path / "nv.qdpx", [src], variables={}, origin="NVivo 14", notes=notes, links=links
    )
    summary = import_qdpx(archive, tmp_path / "p")
    memos = json.loads(
        invoke_cli(["memos", "--no-anonymize", "-f", "json"], cwd=tmp_path / "p").stdout
    )
    assert [(m["memo"], m["text"]) for m in memos] == [
        ("said twice in the interview", "The knowledge sharing is good")
    ]
    assert "link" not in "\n".join(summary.warnings)


def test_a_sources_own_variables_go_to_its_cases_participant(tmp_path: Path) -> None:
    """QualCoder's file attributes (a source's own variables) of a source a case names: on that
    participant, beside the case's (whose value stays where both have one, named), a name in
    them to hide as in a case's."""
    noted_by = "7c5e0f6a-54a8-4cf0-9f0b-0d8b0d6e2a11"
    cases = (
        '<Case guid="aa000000-0000-4000-8000-000000000001" name="GP07">'
        f'<VariableValue><VariableRef targetGUID="{GROUP_VAR}"/>'
        "<TextValue>GP practice</TextValue></VariableValue>"
        f'<SourceRef targetGUID="{GP07}"/></Case>'
    )
    src = Src(
        GP07,
        "GP07",
        GP07_TEXT,
        [("knowledge sharing", TRUST)],
        {GROUP_VAR: "Pharmacy", YEARS_VAR: "12", noted_by: "Griet Mertens"},
    )
    variables = {GROUP_VAR: "Stakeholder group", YEARS_VAR: "Years", noted_by: "Transcribed by"}
    archive = _qdpx(
        tmp_path / "qc.qdpx", [src], variables=variables, cases=cases, origin="QualCoder 3.6"
    )
    summary = import_qdpx(archive, tmp_path / "p")
    people = yaml.safe_load((tmp_path / "p" / "participants.yaml").read_text(encoding="utf-8"))
    gp07 = people["participants"][0]
    assert gp07["group"] == "GP practice"
    assert gp07["variables"] == {
        "Stakeholder group": "GP practice",
        "Years": "12",
        "Transcribed by": "Griet Mertens",
    }
    assert gp07["names"] == ["Griet Mertens"]
    assert "'Stakeholder group' is 'Pharmacy'" in "\n".join(summary.warnings)


def test_a_pdfs_text_and_its_codings_come_in(tmp_path: Path) -> None:
    """QualCoder and NVivo write a PDF's text beside it (its Representation, with the codings
    of that text): lernet takes the text and those codings, and names the coded areas of the
    PDF itself, which it cannot take."""
    src = Src(GP07, "Interview GP07.pdf", GP07_TEXT, [("knowledge sharing", TRUST)])
    cases = (
        '<Case guid="aa000000-0000-4000-8000-000000000001" name="GP07">'
        f'<SourceRef targetGUID="{GP07}"/></Case>'
    )
    made = _qdpx(tmp_path / "tmp.qdpx", [src], variables={}, cases=cases, origin="QualCoder 3.6")
    with zipfile.ZipFile(made) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    qde = members["project.qde"].decode("utf-8")
    start = qde.index("<TextSource ")
    end = qde.index("</TextSource>") + len("</TextSource>")
    text_source = qde[start:end]
    representation = (
        text_source.replace("<TextSource ", "<Representation ", 1)
        .replace(f'guid="{GP07}"', 'guid="bb000000-0000-4000-8000-000000000001"', 1)
        .replace("</TextSource>", "</Representation>")
    )
    pdf = (
        f'<PDFSource guid="{GP07}" name="Interview GP07.pdf" path="internal://{GP07}.pdf">'
        f"{representation}"
        '<PDFSelection guid="bb000000-0000-4000-8000-000000000002" page="1" firstX="1" '
        f'firstY="1" secondX="50" secondY="50"><Coding guid="bb000000-0000-4000-8000-000000000003">'
        f'<CodeRef targetGUID="{TRUST}"/></Coding></PDFSelection></PDFSource>'
    )
    members["project.qde"] = (qde[:start] + pdf + qde[end:]).encode("utf-8")
    archive = tmp_path / "pdf.qdpx"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    summary = import_qdpx(archive, tmp_path / "p")
    rows = json.loads(
        invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=tmp_path / "p").stdout
    )
    assert [(r["participant"], r["text"]) for r in rows] == [("GP07", "knowledge sharing")]
    warned = "\n".join(summary.warnings)
    assert "1 coded area (PDFSelection) of the PDF 'Interview GP07.pdf'" in warned
    assert "non-text" not in warned


def test_every_note_goes_out_with_a_time(tmp_path: Path) -> None:
    """QualCoder's import stops at a note without creationDateTime or modifiedDateTime: a memo's
    note has the time it was made, a code's memo the codebook's last change."""
    src = Src(
        GP07,
        "GP07",
        GP07_TEXT,
        [("We don't know each other well yet", NOT_KNOWN)],
        annotated=[("The knowledge sharing is good", "ask how often")],
    )
    import_qdpx(_qdpx(tmp_path / "mx.qdpx", [src], variables={}), tmp_path / "p")
    codebook = tmp_path / "p" / "codebook.yaml"
    book = yaml.safe_load(codebook.read_text(encoding="utf-8"))
    book["themes"][0]["memo"] = "a memo on the code"
    codebook.write_text(yaml.safe_dump(book, allow_unicode=True), encoding="utf-8")
    out = invoke_cli(["export", "qdpx", "back.qdpx"], cwd=tmp_path / "p")
    assert out.exit_code == 0, out.output
    with zipfile.ZipFile(tmp_path / "p" / "back.qdpx") as zf:
        qde = zf.read("project.qde")
    from lxml import etree

    notes = etree.fromstring(qde).findall(".//{urn:QDA-XML:project:1.0}Note")
    assert len(notes) == 2
    for note in notes:
        assert note.get("creationDateTime") or note.get("modifiedDateTime"), note.get("name")


def test_export_qdc_says_the_code_memos_it_cannot_carry(tmp_path: Path) -> None:
    """A .qdc has no notes: `export qdc` says how many codes' memos stay behind, not nothing."""
    import_qdpx(_maxqda(tmp_path), tmp_path / "p")
    codebook = tmp_path / "p" / "codebook.yaml"
    book = yaml.safe_load(codebook.read_text(encoding="utf-8"))
    book["themes"][0]["memo"] = "a memo on the code"
    codebook.write_text(yaml.safe_dump(book, allow_unicode=True), encoding="utf-8")
    out = invoke_cli(["export", "qdc", "book.qdc"], cwd=tmp_path / "p")
    assert out.exit_code == 0, out.output
    assert "nor are the memos of 1 code:" in out.output


def test_a_case_variable_under_another_name_gives_the_group(tmp_path: Path) -> None:
    cases = (
        f'<Case guid="aa000000-0000-4000-8000-000000000001" name="GP07">'
        f'<VariableValue><VariableRef targetGUID="{GROUP_VAR}"/>'
        "<TextValue>GP practice</TextValue></VariableValue>"
        f'<SourceRef targetGUID="{GP07}"/></Case>'
    )
    archive = _qdpx(
        tmp_path / "nv.qdpx",
        [Src(GP07, "GP07", GP07_TEXT, [("knowledge sharing", TRUST)])],
        cases=cases,
        origin="NVivo 14",
    )
    import_qdpx(archive, tmp_path / "p")
    tally = invoke_cli(["tally", "--by", "group", "-f", "json"], cwd=tmp_path / "p")
    assert tally.exit_code == 0, tally.output
    assert "GP practice" in tally.stdout
    # the way back: one group variable, under the archive's name for it, for every case
    out = invoke_cli(["export", "qdpx", "back.qdpx", "--no-anonymize"], cwd=tmp_path / "p")
    assert out.exit_code == 0, out.output
    qde = zipfile.ZipFile(tmp_path / "p" / "back.qdpx").read("project.qde").decode("utf-8")
    assert 'name="Stakeholder group"' in qde and 'name="group"' not in qde


def test_no_group_variable_is_said(tmp_path: Path) -> None:
    archive = _qdpx(
        tmp_path / "mx.qdpx",
        [Src(GP07, "GP07", GP07_TEXT, [("knowledge sharing", TRUST)], {YEARS_VAR: "3"})],
        variables={YEARS_VAR: "Years in network"},
    )
    summary = import_qdpx(archive, tmp_path / "p")
    said = "\n".join(summary.notices)
    assert "no variable reads as the participants' group" in said
    assert "'Years in network' under variables:" in said


# --- 4. messages -----------------------------------------------------------------------------


def test_sources_outside_the_archive_say_where_and_are_read_beside_it(tmp_path: Path) -> None:
    sources = [
        Src(
            GP07,
            "GP07",
            GP07_TEXT,
            [("knowledge sharing", TRUST)],
            where="absolute://C:/Users/priya/Documents/Interviews/GP07.txt",
        ),
        Src(
            PH08,
            "PH08",
            PH08_TEXT,
            [("knowledge sharing", TRUST)],
            where="relative://Transcripts/PH08.txt",
        ),
    ]
    archive = _qdpx(tmp_path / "ext.qdpx", sources)
    read = read_archive(archive)
    assert read.sources == []
    said = "\n".join(read.warnings)
    assert "'GP07' and its 1 coding: its text is outside the archive" in said
    assert "C:/Users/priya/Documents/Interviews/GP07.txt" in said
    assert str(tmp_path / "GP07.txt") in said
    assert str(tmp_path / "Transcripts" / "PH08.txt") in said
    # put beside the archive: read from there
    (tmp_path / "GP07.txt").write_text(GP07_TEXT, encoding="utf-8")
    (tmp_path / "Transcripts").mkdir()
    (tmp_path / "Transcripts" / "PH08.txt").write_text(PH08_TEXT, encoding="utf-8")
    summary = import_qdpx(archive, tmp_path / "p")
    assert summary.sources == 2 and summary.codings == 2
    assert any("read source 'GP07' from" in w for w in summary.warnings)


def test_coding_past_the_end_and_windows_1252_text(tmp_path: Path) -> None:
    cp1252 = PH08_TEXT.replace("GPs", "GPs’").encode("cp1252")
    sources = [
        Src(GP07, "GP07", GP07_TEXT, [("knowledge sharing", TRUST)], past_end=[CONVINCED]),
        Src(PH08, "PH08", cp1252, [("knowledge sharing", TRUST)]),
    ]
    _qdpx(tmp_path / "x.qdpx", sources)
    result = invoke_cli(["import", "qdpx", "x.qdpx", "--into", "p"], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "GP07: skipped 1 coding past the end of its text" in result.stderr
    assert "no speech" not in result.stderr
    assert "'PH08': its text is not UTF-8" in result.stderr and "Windows-1252" in result.stderr
    assert "imported 2 sources" in result.stderr


def test_a_source_in_no_encoding_is_skipped_alone(tmp_path: Path) -> None:
    bad = b"Speaker 2: \x81\x8d\n"  # undefined in Windows-1252 too
    sources = [
        Src(GP07, "GP07", GP07_TEXT, [("knowledge sharing", TRUST)]),
        Src(PH08, "PH08", bad, []),
    ]
    archive = _qdpx(tmp_path / "x.qdpx", sources)
    summary = import_qdpx(archive, tmp_path / "p")
    assert summary.sources == 1
    assert any(
        w.startswith("skipped source 'PH08': source text is not UTF-8") for w in summary.warnings
    )


# --- 5. language -------------------------------------------------------------------------------


def test_little_text_and_english_code_names_make_an_english_project(tmp_path: Path) -> None:
    codes = {
        "34653336-3766-3235-6466-363134396437": "rq1_definition",
        "31366536-3938-3831-6231-633830313036": "competencies",
        "36636563-3863-6264-3638-303637613863": "programming",
        "35626564-6434-3634-6633-363637346261": "abstraction",
        "62363263-3136-3133-3761-633332383533": "algorithms",
    }
    _qdpx(tmp_path / "nv.qdpx", [Src(GP07, "Doc 1", "x\n")], codes=codes, variables={})
    result = invoke_cli(["import", "qdpx", "nv.qdpx", "--into", "p"], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "language: en" in (tmp_path / "p" / "lernet.yaml").read_text(encoding="utf-8")
    assert "project language: en (English, from the words of its code names" in result.stderr
    assert "set language: nl in lernet.yaml" in result.stderr


# --- 6. wrong files ------------------------------------------------------------------------


def _nvivo(d: Path) -> Path:
    (d / "RA project.nvp").write_bytes(b"\x06\xa6\xd8\xc1 binary")
    return d / "RA project.nvp"


def _maxqda_own(d: Path) -> Path:
    (d / "study.mx24").write_bytes(b"\x00MAXQDA")
    return d / "study.mx24"


def _atlas(d: Path) -> Path:
    (d / "study.atlproj").write_bytes(b"PK\x03\x04 not really")
    return d / "study.atlproj"


def _qdc(d: Path) -> Path:
    (d / "partner.qdc").write_text(
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>',
        encoding="utf-8",
    )
    return d / "partner.qdc"


def _qdc_renamed(d: Path) -> Path:
    (d / "partner.qdpx").write_text(
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>',
        encoding="utf-8",
    )
    return d / "partner.qdpx"


def _two_deep(d: Path) -> Path:
    path = _maxqda(d, "deep.qdpx")
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in members.items():
            zf.writestr(f"outer/inner/{n}", data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            _nvivo,
            "this is NVivo's own project format (Windows), which lernet cannot read; in "
            "NVivo, export the project as a REFI-QDA project (.qdpx)",
        ),
        (_maxqda_own, "MAXQDA's own project format, which lernet cannot read; in MAXQDA"),
        (_atlas, "ATLAS.ti's own project format"),
        (
            _qdc,
            "this is a REFI-QDA codebook (.qdc: codes without sources or codings); make a "
            "lernet codebook of it with `lernet codebook import partner.qdc -o codebook.yaml`",
        ),
        (_qdc_renamed, "this is a REFI-QDA codebook"),
        (_two_deep, "'outer/inner/project.qde' is not at the top of the archive"),
    ],
)
def test_wrong_file_types_are_named(tmp_path: Path, make: Any, message: str) -> None:
    path = make(tmp_path)
    result = invoke_cli(["import", "qdpx", str(path), "--into", str(tmp_path / "p")])
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("lernet: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert not (tmp_path / "p").exists()


def test_a_folder_zipped_again_is_read(tmp_path: Path) -> None:
    path = _maxqda(tmp_path)
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in members.items():
            zf.writestr(f"mx/{n}", data)
    result = invoke_cli(["import", "qdpx", "mx.qdpx", "--into", "p"], cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "read the project from the folder 'mx' inside the archive" in result.stderr
    assert "imported 2 sources" in result.stderr


# --- 2, 3. a second archive into a project that exists ------------------------------------

NVIVO_CODES = {
    "a1000000-0000-4000-8000-000000000001": "Trust",
    "a1000000-0000-4000-8000-000000000002": "Members do not know each other well yet",
    "a1000000-0000-4000-8000-000000000003": "Convinced of the benefits",
}
GP01 = "6b77730f-65bd-4acb-b57a-6a1dfaf8cda9"
GP01_TEXT = (
    "Speaker 1: How did the network start for you?\n\n"
    "Speaker 2: Slowly. Trust takes time, and the knowledge sharing is good when people come.\n"
)
MAPS = [
    "--map",
    "Convinced of benefits=Convinced of the benefits",
    "--map",
    "Members don't know each other well yet=Members do not know each other well yet",
]


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """A project imported from NVivo (one interview), and Tom's MAXQDA archive beside it."""
    first = _qdpx(
        tmp_path / "nvivo.qdpx",
        [
            Src(
                GP01,
                "GP01",
                GP01_TEXT,
                [("Trust takes time", "a1000000-0000-4000-8000-000000000001")],
                {GROUP_VAR: "GP practice"},
            )
        ],
        codes=NVIVO_CODES,
        origin="NVivo 14",
    )
    import_qdpx(first, tmp_path / "study")
    _maxqda(tmp_path, "tom.qdpx")
    return tmp_path / "study"


def by_id_names(people: dict[str, Any]) -> dict[str, list[str]]:
    return {p["id"]: p.get("names", []) for p in people["participants"]}


def _guids(project: Path, kind: str) -> dict[str, str]:
    import sqlite3

    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    try:
        return dict(conn.execute("SELECT key, guid FROM guids WHERE kind = ?", (kind,)))
    finally:
        conn.close()


def test_a_second_archive_is_added_to_the_project_and_once_only(study: Path) -> None:
    result = invoke_cli(["import", "qdpx", "../tom.qdpx", "--into", "."], cwd=study)
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert "added 2 transcripts this project did not have, with their text from tom.qdpx" in err
    assert "GP07 Dr Peter Walsh, PH08 Grace Liu" in err
    assert "`lernet restore` puts it back" in err
    assert list((study / ".lernet" / "backups").glob("lernet-*.db"))
    # the other tool's sources and user keep their GUIDs for the way back
    assert set(_guids(study, "source").values()) >= {GP01, GP07, PH08}
    assert _guids(study, "user")["Tom Gallagher"] == USER
    # codes by name: Trust is the codebook's; the others are left out with the nearest named
    rows = json.loads(invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=study).stdout)
    assert {(r["participant"], r["code"]) for r in rows if r["participant"] != "GP01"} == {
        ("GP07", "trust")
    }
    assert "Convinced of benefits (1; nearest here: Convinced of the benefits)" in err
    assert '--map "Convinced of benefits=Convinced of the benefits"' in err
    # the archive's participants, name-free, join participants.yaml with their groups
    people = yaml.safe_load((study / "participants.yaml").read_text(encoding="utf-8"))
    ids = [p["id"] for p in people["participants"]]
    assert ids == ["GP01", "GP07", "PH08"]
    assert "Pharmacy" in people["groups"]
    assert "added 2 participants to participants.yaml" in err
    assert "group of 2 of 2 participants from the variable 'Stakeholder group'" in err
    assert by_id_names(people)["GP07"] == ["Peter Walsh"]
    # again: nothing added, nothing backed up
    before = dump_store(study)
    backups = sorted((study / ".lernet" / "backups").iterdir())
    again = invoke_cli(["import", "qdpx", "../tom.qdpx", "--into", "."], cwd=study)
    assert again.exit_code == 0, again.output
    assert "no coding to add" in again.stderr and "added 2 transcripts" not in again.stderr
    assert dump_store(study) == before
    assert sorted((study / ".lernet" / "backups").iterdir()) == backups


@pytest.mark.parametrize("command", ["import", "merge"])
def test_map_takes_near_names_as_the_codebook_s_codes(study: Path, command: str) -> None:
    assert invoke_cli(["import", "qdpx", "../tom.qdpx", "--into", "."], cwd=study).exit_code == 0
    args = (
        ["import", "qdpx", "../tom.qdpx", "--into", "."]
        if command == "import"
        else ["merge", "../tom.qdpx"]
    )
    result = invoke_cli([*args, *MAPS], cwd=study)
    assert result.exit_code == 0, result.output
    assert "added 2 codings (2 by Tom Gallagher" in result.stderr
    assert "left out codings" not in result.stderr
    rows = json.loads(invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=study).stdout)
    coded = {(r["participant"], r["code"]) for r in rows if r["coder"] == "Tom Gallagher"}
    assert ("PH08", "convinced_of_the_benefits") in coded
    assert ("GP07", "members_do_not_know_each_other_well_yet") in coded


@pytest.mark.parametrize("command", ["import", "merge"])
def test_map_again_takes_codings_on_a_transcript_the_project_had(study: Path, command: str) -> None:
    """Ann coded GP01, which the project had from NVivo, and GP07, which her archive added:
    her codings on GP07 do not make her a coder of this project's own, so the --map given
    after the first import takes her left-out coding on GP01 too."""
    ann = _qdpx(
        study.parent / "ann.qdpx",
        [
            Src(
                "b2000000-0000-4000-8000-000000000001",
                "GP01",
                GP01_TEXT,
                [("Trust takes time", TRUST), ("knowledge sharing is good", CONVINCED)],
                {GROUP_VAR: "GP practice"},
            ),
            Src(GP07, "GP07 Dr Peter Walsh", GP07_TEXT, [("knowledge sharing", TRUST)]),
        ],
    )
    with zipfile.ZipFile(ann) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["project.qde"] = (
        members["project.qde"]
        .replace(USER.encode(), b"c3000000-0000-4000-8000-000000000001")
        .replace(b'id="TG" name="Tom Gallagher"', b'id="AV" name="Ann Vos"')
    )
    with zipfile.ZipFile(ann, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    first = invoke_cli(["import", "qdpx", str(ann), "--into", "."], cwd=study)
    assert first.exit_code == 0, first.output
    assert "Convinced of benefits (1;" in first.stderr
    args = (
        ["import", "qdpx", str(ann), "--into", "."] if command == "import" else ["merge", str(ann)]
    )
    result = invoke_cli([*args, *MAPS], cwd=study)
    assert result.exit_code == 0, result.output
    assert "added 1 coding (1 by Ann Vos" in result.stderr, result.stderr
    assert "--rename" not in result.stderr
    rows = json.loads(invoke_cli(["codings", "--no-anonymize", "-f", "json"], cwd=study).stdout)
    coded = {(r["participant"], r["code"]) for r in rows if r["coder"] == "Ann Vos"}
    assert coded == {("GP01", "trust"), ("GP01", "convinced_of_the_benefits"), ("GP07", "trust")}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "Convinced of benefits"], "--map takes THEIRS=OURS"),
        (["--map", "Convinced of benefits=No such code"], "unknown code 'No such code'"),
    ],
)
def test_a_bad_map_leaves_the_store_as_it_was(study: Path, args: list[str], message: str) -> None:
    before = dump_store(study)
    participants = (study / "participants.yaml").read_bytes()
    result = invoke_cli(["import", "qdpx", "../tom.qdpx", "--into", ".", *args], cwd=study)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("lernet: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert dump_store(study) == before
    assert (study / "participants.yaml").read_bytes() == participants
    assert not (study / ".lernet" / "backups").exists()


def test_map_is_for_an_existing_project(tmp_path: Path) -> None:
    _maxqda(tmp_path)
    result = invoke_cli(["import", "qdpx", "mx.qdpx", "--into", "p", *MAPS], cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert "--map maps code names onto an existing project's codes" in result.stderr
    assert not (tmp_path / "p").exists()


def test_names_in_a_cased_source_s_name_are_the_case_s_to_redact(tmp_path: Path) -> None:
    cases = (
        '<Case guid="aa000000-0000-4000-8000-000000000001" name="GP01">'
        f'<SourceRef targetGUID="{GP07}"/></Case>'
    )
    archive = _qdpx(
        tmp_path / "nv.qdpx",
        [Src(GP07, "Interview GP01 - Dr Helen Marsh", GP07_TEXT, [("knowledge sharing", TRUST)])],
        cases=cases,
        origin="NVivo 14",
    )
    summary = import_qdpx(archive, tmp_path / "p")
    people = yaml.safe_load((tmp_path / "p" / "participants.yaml").read_text(encoding="utf-8"))
    assert people["participants"][0]["names"] == ["Helen Marsh"]
    assert any("GP01 (Helen Marsh)" in n for n in summary.notices)
    out = invoke_cli(["export", "csv", "out.csv"], cwd=tmp_path / "p")
    assert out.exit_code == 0, out.output
    assert "Marsh" not in (tmp_path / "p" / "out.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("make", [_nvivo, _qdc, _two_deep])
def test_a_wrong_file_into_a_project_leaves_it_as_it_was(study: Path, make: Any) -> None:
    path = make(study.parent)
    before = dump_store(study)
    participants = (study / "participants.yaml").read_bytes()
    result = invoke_cli(["import", "qdpx", str(path), "--into", "."], cwd=study)
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("lernet: error: ") and result.stderr.count("\n") == 1
    assert dump_store(study) == before
    assert (study / "participants.yaml").read_bytes() == participants
    assert not (study / ".lernet" / "backups").exists()


def test_export_gives_the_group_under_the_archive_s_variable_and_keeps_a_role(
    tmp_path: Path,
) -> None:
    import_qdpx(_maxqda(tmp_path), tmp_path / "p")
    people_file = tmp_path / "p" / "participants.yaml"
    people = yaml.safe_load(people_file.read_text(encoding="utf-8"))
    people["groups"].append("General practice")
    for p in people["participants"]:
        if p["id"] == "GP07":
            p["group"] = "General practice"  # edited after the import
            p["variables"]["Role"] = "GP partner"  # a role that is not the group
    people_file.write_text(yaml.safe_dump(people), encoding="utf-8")
    out = invoke_cli(["export", "qdpx", "back.qdpx", "--no-anonymize"], cwd=tmp_path / "p")
    assert out.exit_code == 0, out.output
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(tmp_path / "p" / "back.qdpx").read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    names = {v.get("guid"): v.get("name") for v in root.iterfind(".//q:Variable", ns)}
    assert sorted(names.values()) == ["Role", "Stakeholder group"]
    values = {
        (c.get("name"), names[v.find("q:VariableRef", ns).get("targetGUID")]): v.findtext(
            "q:TextValue", namespaces=ns
        )
        for c in root.iterfind(".//q:Case", ns)
        for v in c.iterfind("q:VariableValue", ns)
    }
    assert values[("GP07", "Stakeholder group")] == "General practice"
    assert values[("GP07", "Role")] == "GP partner"
    assert values[("PH08", "Stakeholder group")] == "Pharmacy"


def test_a_role_written_in_lernet_is_not_taken_for_the_group_on_export(tmp_path: Path) -> None:
    archive = _qdpx(
        tmp_path / "mx.qdpx",
        [Src(GP07, "GP07", GP07_TEXT, [("knowledge sharing", TRUST)])],
        variables={},
    )
    import_qdpx(archive, tmp_path / "p")
    (tmp_path / "p" / "participants.yaml").write_text(
        "participants:\n- id: GP07\n  group: GP practice\n  variables:\n    Role: GP partner\n",
        encoding="utf-8",
    )
    out = invoke_cli(["export", "qdpx", "back.qdpx", "--no-anonymize"], cwd=tmp_path / "p")
    assert out.exit_code == 0, out.output
    qde = zipfile.ZipFile(tmp_path / "p" / "back.qdpx").read("project.qde").decode("utf-8")
    assert "<TextValue>GP partner</TextValue>" in qde
    assert 'name="group"' in qde and "<TextValue>GP practice</TextValue>" in qde


def test_an_unanonymized_lernet_archive_brings_its_names_to_hide(tmp_path: Path) -> None:
    """A project made from MAXQDA keeps "Peter Walsh" of "GP07 Dr Peter Walsh" to hide; its
    --no-anonymize archive, imported as a colleague's new project, hides him there too."""
    import_qdpx(_maxqda(tmp_path), tmp_path / "p")
    out = invoke_cli(["export", "qdpx", "../full.qdpx", "--no-anonymize"], cwd=tmp_path / "p")
    assert out.exit_code == 0, out.output
    import_qdpx(tmp_path / "full.qdpx", tmp_path / "q")
    people = yaml.safe_load((tmp_path / "q" / "participants.yaml").read_text(encoding="utf-8"))
    assert by_id_names(people)["GP07"] == ["Peter Walsh"]
    assert all("description" not in p for p in people["participants"])
    anon = invoke_cli(["export", "qdpx", "../anon.qdpx"], cwd=tmp_path / "q")
    assert anon.exit_code == 0, anon.output
    with zipfile.ZipFile(tmp_path / "anon.qdpx") as zf:
        assert not any(b"Walsh" in zf.read(n) for n in zf.namelist())


def test_another_tool_s_merged_codings_go_back_without_a_memo_lernet_made_up(
    study: Path,
) -> None:
    """Tom's MAXQDA coding merged onto GP01, which came from NVivo, goes back as it came: no
    `lernet: status=accepted` in its selection's Description for the other tool to show."""
    tom = _qdpx(
        study.parent / "tom-gp01.qdpx",
        [Src("b4000000-0000-4000-8000-000000000001", "GP01", GP01_TEXT, [("Slowly", TRUST)])],
    )
    with zipfile.ZipFile(tom) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["project.qde"] = (
        members["project.qde"]
        .replace(USER.encode(), b"c4000000-0000-4000-8000-000000000001")
        .replace(b'id="TG" name="Tom Gallagher"', b'id="LB" name="Lee Berg"')
    )
    with zipfile.ZipFile(tom, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    merged = invoke_cli(["merge", str(tom)], cwd=study)
    assert "added 1 coding (1 by Lee Berg" in merged.stderr, merged.output
    out = invoke_cli(["export", "qdpx", "../back.qdpx", "--no-anonymize"], cwd=study)
    assert out.exit_code == 0, out.output
    with zipfile.ZipFile(study.parent / "back.qdpx") as zf:
        qde = zf.read("project.qde").decode("utf-8")
    assert qde.count("<PlainTextSelection") == 2
    assert "status=" not in qde

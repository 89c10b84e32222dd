"""REFI-QDA cases: whose interview a source is, and which participants an import gives back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from lernet_cli.exchange.qdpx_import import import_qdpx
from lernet_cli.store.store import Store

from .conftest import invoke_cli
from .test_refi import NS, _archive, _schema

PEOPLE = """\
participants:
  - id: P01
    group: overheid
    label: beleidsadviseur
    names: [Griet Vermeulen]
  - id: P02
    group: bedrijf
    label: aannemer
"""

# One participant, labelled with her full name (as Teams writes it), and one labelled R.
BY_NAME = (
    "Interviewer: Kennen jullie elkaar goed in het netwerk?\n"
    "Griet Vermeulen: Nee, we kennen elkaar nog nauwelijks.\n"
    "Interviewer: En de concurrentie?\n"
    "Griet Vermeulen: Concurrentie speelt bij ons wel een rol.\n"
)
BY_ROLE = "Interviewer: Vraag?\nR: We kennen elkaar nog niet.\n"


def _participants(root: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((root / "participants.yaml").read_text(encoding="utf-8"))
    return list(data["participants"])


def test_a_participant_labelled_by_their_full_name_is_a_one_to_one_interview(
    project: Path, tmp_path: Path
) -> None:
    (project / "participants.yaml").write_text(PEOPLE, encoding="utf-8")
    (project / "P01_interview.txt").write_text(BY_NAME, encoding="utf-8")
    (project / "P02_interview.txt").write_text(BY_ROLE, encoding="utf-8")
    code, said = invoke_cli("code", "P01_interview.txt", "P02_interview.txt")
    assert code == 0, said
    out = tmp_path / "one.qdpx"
    code, said = invoke_cli("export", "qdpx", str(out))
    assert code == 0, said
    root, _ = _archive(out)
    _schema("Project.xsd").validate(root)
    sources = {s.get("guid"): s for s in root.iterfind(".//q:TextSource", NS)}
    cases = {c.get("name"): c for c in root.iterfind(".//q:Cases/q:Case", NS)}
    assert set(cases) == {"P01", "P02"}
    for name in ("P01", "P02"):
        (ref,) = cases[name].findall("q:SourceRef", NS)
        assert sources[ref.get("targetGUID")].get("name").startswith(name)
        # the whole interview is theirs: no turn-by-turn selections, no speakers' note
        assert cases[name].findall("q:SelectionRef", NS) == []
    for src in sources.values():
        assert "speaker turns" not in (src.findtext("q:Description", "", NS) or "")

    summary = import_qdpx(out, tmp_path / "copy")
    assert not any("from source names" in n for n in summary.notices)
    assert [p["id"] for p in _participants(tmp_path / "copy")] == ["P01", "P02"]
    with (
        Store.open(project / ".lernet" / "lernet.db") as old,
        Store.open(tmp_path / "copy" / ".lernet" / "lernet.db") as new,
    ):
        assert sorted(t.participant for t in new.transcripts()) == ["P01", "P02"]
        assert sorted((r.participant, r.code) for r in new.coding_rows()) == sorted(
            (r.participant, r.code) for r in old.coding_rows()
        )


def test_an_older_export_of_such_an_interview_imports_without_a_participant_made_up(
    project: Path, tmp_path: Path
) -> None:
    """Before, such a case had only the selections in its turns and the source named its turns
    as the case's: the import made a second participant from the source's name."""
    import zipfile

    (project / "participants.yaml").write_text(PEOPLE, encoding="utf-8")
    (project / "P01_interview.txt").write_text(BY_NAME, encoding="utf-8")
    assert invoke_cli("code", "P01_interview.txt")[0] == 0
    out = tmp_path / "new.qdpx"
    assert invoke_cli("export", "qdpx", str(out))[0] == 0
    root, _ = _archive(out)
    (case,) = root.iterfind(".//q:Cases/q:Case", NS)
    (ref,) = case.findall("q:SourceRef", NS)
    case.remove(ref)
    (src,) = root.iterfind(".//q:TextSource", NS)
    desc = src.find("q:Description", NS)
    desc.text += f"\nlernet: speaker turns {case.get('guid')}=2,4"
    old = tmp_path / "old.qdpx"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(old, "w") as zout:
        for name in zin.namelist():
            data = etree.tostring(root) if name == "project.qde" else zin.read(name)
            zout.writestr(name, data)
    summary = import_qdpx(old, tmp_path / "copy")
    assert not any("from source names" in n for n in summary.notices)
    assert [p["id"] for p in _participants(tmp_path / "copy")] == ["P01"]
    with Store.open(tmp_path / "copy" / ".lernet" / "lernet.db") as new:
        assert [t.participant for t in new.transcripts()] == ["P01"]
        assert {r.participant for r in new.coding_rows()} == {"P01"}


def test_a_group_interview_file_is_no_participant_after_a_round_trip(
    project: Path, tmp_path: Path
) -> None:
    """qa19 #11: the speakers of a focus group are its cases; the file itself is none."""
    from .test_manual import GROUP_INTERVIEW, GROUP_PARTICIPANTS

    (project / "participants.yaml").write_text(GROUP_PARTICIPANTS, encoding="utf-8")
    (project / "FG1_noord.txt").write_text(GROUP_INTERVIEW, encoding="utf-8")
    assert invoke_cli("code", "FG1_noord.txt")[0] == 0
    out = tmp_path / "fg.qdpx"
    assert invoke_cli("export", "qdpx", str(out))[0] == 0
    summary = import_qdpx(out, tmp_path / "copy")
    assert not any("from source names" in n for n in summary.notices)
    assert [p["id"] for p in _participants(tmp_path / "copy")] == ["g1", "g2"]
    with (
        Store.open(project / ".lernet" / "lernet.db") as old,
        Store.open(tmp_path / "copy" / ".lernet" / "lernet.db") as new,
    ):
        assert sorted((r.participant, r.code) for r in new.coding_rows()) == sorted(
            (r.participant, r.code) for r in old.coding_rows()
        )


def test_a_source_s_description_opens_with_a_sentence_a_person_reads(
    project: Path, tmp_path: Path
) -> None:
    """qa20 #8: NVivo shows a source's Description in its properties; lernet's lines for the
    way back come after a sentence that says what they are."""
    (project / "participants.yaml").write_text(PEOPLE, encoding="utf-8")
    (project / "P02_interview.txt").write_text(BY_ROLE, encoding="utf-8")
    assert invoke_cli("code", "P02_interview.txt")[0] == 0
    out = tmp_path / "d.qdpx"
    assert invoke_cli("export", "qdpx", str(out))[0] == 0
    root, _ = _archive(out)
    (src,) = root.iterfind(".//q:TextSource", NS)
    first, *rest = src.findtext("q:Description", "", NS).splitlines()
    assert not first.startswith("lernet:") and "lernet" in first
    assert rest == ["lernet: interviewer turns=1"]
    import_qdpx(out, tmp_path / "copy")
    with Store.open(tmp_path / "copy" / ".lernet" / "lernet.db") as new:
        (t,) = new.transcripts()
        assert [x.role for _, x in new.segments(t.id)] == ["interviewer", "participant"]

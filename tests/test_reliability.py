"""Crashes, concurrent runs, backups, permissions, privacy and the absence of network access."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lernet_cli.cli import app

from .conftest import dump_store, file_mode

runner = CliRunner()
EXE = Path(sys.executable).parent / "lernet"
N_FILES = 80
WORDS = 2000
ANSWERS = [
    "We kennen elkaar nog niet goed, eerlijk gezegd.",
    "Concurrentie is er zeker, dat voel je.",
    "Wij halen veel kennis op bij de anderen.",
    "Vertrouwen groeit als mensen iets inbrengen.",
]


def write_corpus(folder: Path, n: int, words: int = 400) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        lines = []
        for j in range(words // 40):
            lines.append("I: Hoe kijkt u daar tegenaan?")
            # a number of the file's own in each answer: versions of one another would be
            # skipped (coding/versions.py), and every file is an interview of its own here
            lines.append(
                "R: "
                + ANSWERS[(i + j) % 4]
                + " Verder "
                + "praten we over werk. " * 6
                + f"Dat was punt {i} {j}."
            )
        (folder / f"t{i:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def codings_by_file(root: Path) -> list[tuple]:
    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    try:
        return sorted(
            conn.execute(
                "SELECT t.path, c.segment, c.code, c.start, c.end, c.coder FROM codings c "
                "JOIN transcripts t ON t.id = c.transcript_id"
            ).fetchall()
        )
    finally:
        conn.close()


def integrity(root: Path) -> str:
    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def transcripts_done(root: Path) -> int:
    db = root / ".lernet" / "lernet.db"
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=5)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM transcripts").fetchone()[0])
    except sqlite3.DatabaseError:
        return 0
    finally:
        conn.close()


@pytest.fixture
def reference(project: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    """The codings of an uninterrupted run over the same corpus, in a separate project."""
    write_corpus(project / "corpus", N_FILES, WORDS)
    ref = tmp_path_factory.mktemp("ref")
    (ref / "lernet.yaml").write_text(f"codebook: {project / 'codebook.yaml'}\n", encoding="utf-8")
    write_corpus(ref / "corpus", N_FILES, WORDS)
    done = subprocess.run([str(EXE), "code", "corpus"], cwd=ref, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return codings_by_file(ref)


def test_sigkill_mid_batch_then_resume(project: Path, reference: list[tuple]) -> None:
    proc = subprocess.Popen(
        [str(EXE), "code", "corpus"], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while transcripts_done(project) < 1 and time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        time.sleep(0.01)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert integrity(project) == "ok"
    partial = transcripts_done(project)
    if killed:
        assert partial < N_FILES
    done = subprocess.run([str(EXE), "code", "corpus"], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert codings_by_file(project) == reference


def test_two_runs_at_once(project: Path, reference: list[tuple]) -> None:
    procs = [
        subprocess.Popen(
            [str(EXE), "code", "corpus"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert integrity(project) == "ok"
    assert codings_by_file(project) == reference


def test_manual_codings_survive_recoding_and_codebook_change(project: Path) -> None:
    (project / "a.txt").write_text("I: Vraag?\nR: " + ANSWERS[0] + "\n", encoding="utf-8")
    assert runner.invoke(app, ["code", "a.txt"]).exit_code == 0
    db = project / ".lernet" / "lernet.db"
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, source, "
        "created_at) VALUES (1, 2, 'trust.built', 0, 3, 'anna', 'accepted', 'review', 'x')"
    )
    conn.commit()
    conn.close()
    (project / "a.txt").write_text("I: Vraag?\nR: " + ANSWERS[0] + " Ja.\n", encoding="utf-8")
    assert runner.invoke(app, ["code", "a.txt"]).exit_code == 0
    cb = project / "codebook.yaml"
    text = cb.read_text(encoding="utf-8")
    cb.write_text(text.replace("marktpositie]", "marktpositie, markt]"), encoding="utf-8")
    result = runner.invoke(app, ["code", "a.txt"])  # a rule changed: re-coded from the store
    assert "1 re-coded" in result.stderr
    cb.write_text(text.replace("nl: Kennis,", "nl: Kennisdeling,"), encoding="utf-8")
    result = runner.invoke(app, ["code", "a.txt"])  # a label changed: tags may read otherwise
    assert "1 updated" in result.stderr
    manual = [c for c in codings_by_file(project) if c[5] == "anna"]
    assert manual == [("a.txt", 2, "trust.built", 0, 3, "anna")]


def test_backup_and_restore(project: Path) -> None:
    (project / "a.txt").write_text("I: Vraag?\nR: " + ANSWERS[0] + "\n", encoding="utf-8")
    assert runner.invoke(app, ["code", "a.txt"]).exit_code == 0
    saved = dump_store(project)
    result = runner.invoke(app, ["backup", "copy.db"])
    assert result.exit_code == 0, result.stderr
    assert file_mode(project / "copy.db") == 0o600
    again = runner.invoke(app, ["backup", "copy.db"])
    assert again.exit_code == 2 and "does not overwrite" in again.stderr
    (project / "a.txt").write_text("I: Vraag?\nR: " + ANSWERS[1] + "\n", encoding="utf-8")
    assert runner.invoke(app, ["code", "a.txt"]).exit_code == 0
    assert dump_store(project) != saved
    result = runner.invoke(app, ["restore", "copy.db"])
    assert result.exit_code == 0, result.stderr
    assert dump_store(project) == saved
    assert list((project / ".lernet" / "backups").glob("lernet-*.db"))
    (project / "junk.db").write_bytes(b"nonsense" * 100)
    bad = runner.invoke(app, ["restore", "junk.db"])
    assert bad.exit_code == 7 and "not a lernet store" in bad.stderr
    assert dump_store(project) == saved


def test_backup_follows_the_output_policy(project: Path, tmp_path: Path) -> None:
    """`lernet backup OUT` writes as every output does: no folder made for it, an existing
    file replaced only with --force and kept beside it, never over the project's own files;
    a folder gets a new file inside it."""
    (project / "a.txt").write_text("I: Vraag?\nR: " + ANSWERS[0] + "\n", encoding="utf-8")
    assert runner.invoke(app, ["code", "a.txt"]).exit_code == 0
    missing = tmp_path / "nowhere" / "sub"
    result = runner.invoke(app, ["backup", str(missing / "b.db")])
    assert result.exit_code != 0 and "there is no folder" in result.stderr
    assert not (tmp_path / "nowhere").exists()
    folder = tmp_path / "usb"
    folder.mkdir()
    result = runner.invoke(app, ["backup", str(folder)])
    assert result.exit_code == 0, result.stderr
    [inside] = folder.glob("lernet-*.db")
    assert file_mode(inside) == 0o600
    (project / "old.db").write_bytes(b"an older copy")
    result = runner.invoke(app, ["backup", "old.db", "--force"])
    assert result.exit_code == 0, result.stderr
    [kept] = project.glob("old (backup *).db")
    assert kept.read_bytes() == b"an older copy"
    assert "kept the previous" in result.stderr
    assert not list(project.glob(".lernet-*"))
    codebook = (project / "codebook.yaml").read_bytes()
    result = runner.invoke(app, ["backup", "codebook.yaml", "--force"])
    assert result.exit_code == 2 and "codebook" in result.stderr
    assert (project / "codebook.yaml").read_bytes() == codebook
    result = runner.invoke(app, ["backup", "a.txt", "--force"])
    assert result.exit_code == 2 and "transcript" in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_store_is_private(project: Path) -> None:
    (project / "a.txt").write_text("I: Vraag?\nR: " + ANSWERS[0] + "\n", encoding="utf-8")
    assert runner.invoke(app, ["code", "a.txt"]).exit_code == 0
    assert file_mode(project / ".lernet") == 0o700
    assert file_mode(project / ".lernet" / "lernet.db") == 0o600


def test_no_network_access(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("lernet tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    (project / "a.txt").write_text("I: Vraag?\nR: " + ANSWERS[0] + "\n", encoding="utf-8")
    for args in (["code", "a.txt"], ["tally"], ["quotes"], ["codebook", "test"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr, result.exception)


FIRST = ["Jeroen", "Anouk", "Sjoerd", "Fatima", "Willemijn"]
LAST = ["Bakker", "de Wit", "van Dam", "El Amrani", "Hoekstra"]


def _variant(name: str, how: int) -> str:
    return [
        name,
        name.upper(),
        name.lower(),
        name + "s",
        name + "'s",
        name + "je",
        name.split()[0],
        name.split()[-1],
    ][how]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.sampled_from(FIRST),
    last=st.sampled_from(LAST),
    how=st.integers(min_value=0, max_value=7),
    where=st.sampled_from(ANSWERS),
    speaker_name=st.booleans(),
)
def test_planted_names_never_leak(
    project: Path, first: str, last: str, how: int, where: str, speaker_name: bool
) -> None:
    full = f"{first} {last}"
    planted = _variant(full, how)
    (project / "participants.yaml").write_text(
        "participants:\n  - id: p1\n    group: bedrijf\n    label: NIPlan bedrijf\n"
        + ("    names: []\n" if speaker_name else f"    names: [{full}]\n"),
        encoding="utf-8",
    )
    label = full if speaker_name else "R"
    interviewer = "Eva" if speaker_name else "I"
    text = (
        f"{interviewer}: Hoe gaat het in het netwerk, wat vindt u?\n"
        f"{label}: {where[:-1]}, zegt {planted} ook. {planted} vindt dat: {where}\n"
        f"{interviewer}: En wat nog meer?\n{label}: Niets, dank je.\n"
    )
    (project / "p1.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["code", "p1.txt"])
    assert result.exit_code == 0, result.stderr
    outputs = []
    for args in (
        ["quotes"],
        ["quotes", "--format", "md"],
        ["quotes", "--format", "json"],
        ["tally", "--format", "json"],
        ["tally", "--format", "md"],
    ):
        out = runner.invoke(app, args)
        assert out.exit_code == 0
        outputs.append(out.stdout)
    joined = "\n".join(outputs).lower()
    assert json.loads(outputs[2]), "no quotes to check"
    for part in (planted, first, *last.split()):
        if len(part) >= 3 and part.lower() != "van":
            assert part.lower() not in joined, (part, joined[:500])


def test_names_in_word_header_are_redacted(project: Path) -> None:
    from docx import Document

    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Interview Jeroen Bakker – Vitaal Werk, 12 maart"
    doc.add_paragraph("I: Hoe kennen de leden elkaar?")
    doc.add_paragraph(
        "R: Jeroen Bakker hier. Eerlijk gezegd kennen we elkaar nog niet goed, "
        "zegt men bij Vitaal Werk ook."
    )
    doc.add_paragraph("I: En het werk?")
    doc.add_paragraph("R: Het werk is fijn, we kennen elkaar nog niet goed genoeg.")
    doc.save(str(project / "p1.docx"))
    assert runner.invoke(app, ["code", "p1.docx"]).exit_code == 0
    out = runner.invoke(app, ["quotes", "--format", "json"]).stdout
    quotes = [q["text"] for q in json.loads(out)]
    assert any("[naam]" in q for q in quotes)
    assert not any("Jeroen" in q or "Vitaal" in q for q in quotes)
    assert any("Het werk is fijn" in q for q in quotes)


def test_names_in_odt_header_are_redacted(project: Path) -> None:
    from .odtfiles import odt, paragraphs

    odt(
        project / "p1.odt",
        paragraphs(
            "I: Hoe kennen de leden elkaar?",
            "R: Eerlijk gezegd kennen we elkaar nog niet goed, zegt Jeroen Bakker.",
        ),
        styles='<style:master-page style:name="Standard"><style:header>'
        "<text:p>Interview Jeroen Bakker</text:p></style:header></style:master-page>",
    )
    assert runner.invoke(app, ["code", "p1.odt"]).exit_code == 0
    out = runner.invoke(app, ["quotes", "--format", "json"]).stdout
    quotes = [q["text"] for q in json.loads(out)]
    assert quotes and all("Jeroen" not in q and "Bakker" not in q for q in quotes)
    assert any("[naam]" in q for q in quotes)

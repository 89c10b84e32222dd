"""A participant who withdraws (`lernet remove --participant P`) never comes back: not by
`lernet merge` of another coder's copy or of an archive that still holds their interview, not
by `lernet code` of their file; and a transcript of theirs finds no home on another
participant's that shares stock sentences with it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from lernet_cli.exchange.merge import OtherTranscript, _Here, match_transcripts
from lernet_cli.language.speech import speech_sample
from lernet_cli.store.withdrawn import Withdrawal, _mark, withdrawn_match

from .conftest import dump_store
from .test_merge import code, make_project, rows, run

STOCK = [
    "Het netwerk komt elke maand samen in een zaal van de gemeente.",
    "We beginnen altijd met koffie en een rondje langs de tafel.",
    "Daarna presenteert iemand een casus uit de eigen organisatie.",
    "De coördinator stuurt vooraf een agenda en achteraf een verslag.",
    "Soms komt er een gastspreker van buiten het netwerk.",
    "Aan het eind spreken we af wie de volgende keer iets voorbereidt.",
]
OWN = {
    "p1": [
        "Wij delen onze kennis over wondzorg met de andere leden.",
        "Onze marktpositie houden we liever voor onszelf, dat is nu eenmaal zo.",
        "Mijn collega Anke vond de eerste bijeenkomsten rommelig en te lang.",
        "In de zomer lag alles stil omdat de helft met vakantie was.",
    ],
    "p2": [
        "We kennen elkaar nog niet goed genoeg om echt open te zijn.",
        "Het vertrouwen groeit als iedereen iets bijdraagt aan de sessies.",
        "Bij ons op de afdeling weet niemand dat dit netwerk bestaat.",
        "Ik ga er vooral heen om te horen hoe anderen het roosteren regelen.",
    ],
}


def interview(pid: str) -> str:
    """An interview of which the stock sentences make well over half (as in the made-up study
    interviews QA13 used: 50-60% of their 3-grams shared)."""
    lines = []
    for n, answer in enumerate([*STOCK[:3], *OWN[pid], *STOCK[3:]], 1):
        lines += [f"I: Vraag {n}?", f"R: {answer}"]
    return "\n".join(lines) + "\n"


def tag(text: str, words: str, code_: str) -> str:
    return text.replace(words, f"[[{code_}: {words}]]", 1)


def team(tmp_path: Path) -> tuple[Path, Path]:
    """Lotte's project and the supervisor's copy: p1 and p2, the supervisor's tagged by hand."""
    lotte = make_project(tmp_path / "studie")
    sup = make_project(tmp_path / "begeleider")
    for pid in OWN:
        (lotte / "interviews" / f"{pid}.txt").write_text(interview(pid), encoding="utf-8")
    p1 = tag(interview("p1"), "Onze marktpositie houden we liever voor onszelf", "protect_position")
    p2 = tag(interview("p2"), "We kennen elkaar nog niet goed genoeg", "not_acquainted")
    p2 = tag(p2, "Het netwerk komt elke maand samen", "protect_position")  # a stock sentence
    p2 = tag(p2, "We beginnen altijd met koffie", "trust")
    (sup / "interviews" / "p1.txt").write_text(p1, encoding="utf-8")
    (sup / "interviews" / "p2.txt").write_text(p2, encoding="utf-8")
    code(lotte, "--coder", "lotte")
    code(sup, "--coder", "Martijn Vos")
    return lotte, sup


def here(pid: str, tid: int = 1) -> _Here:
    turns = {}
    for n, line in enumerate(interview(pid).splitlines(), 1):
        role = "interviewer" if line.startswith("I:") else "participant"
        turns[n] = (role, line[3:])
    return _Here(tid, f"interviews/{pid}.txt", turns)


def theirs(pid: str) -> OtherTranscript:
    return OtherTranscript(f"interviews/{pid}.txt", here(pid).turns)


def test_a_transcript_that_shares_stock_sentences_is_not_the_same_interview() -> None:
    # p2 of theirs is not p1 here, though over half of what p1 says stands in it.
    assert match_transcripts([theirs("p2")], [here("p1")]) == [None]
    # Each of ours is one of theirs' at most: the one that is the same interview.
    ours = here("p1")
    assert match_transcripts([theirs("p2"), theirs("p1")], [ours]) == [None, ours]


def _withdrawal(pid: str) -> Withdrawal:
    level, keys = speech_sample(t for r, t in here(pid).turns.values() if r == "participant")
    salt = "00" * 16
    from lernet_cli.language.speech import key_level

    marks = [(key_level(k), _mark(salt, k)) for k in keys]
    return Withdrawal(pid, "2026-11-30", ["x", "y"], salt, level, marks)


def test_a_version_of_a_withdrawn_interview_is_known_by_its_fingerprint() -> None:
    gone = _withdrawal("p2")
    anonymized = [t.replace("Anke", "[naam]") for r, t in here("p2").turns.values() if r != "x"]
    version = speech_sample(t for t in anonymized if not t.startswith("Vraag"))
    assert withdrawn_match([gone], set(), version) is gone
    assert withdrawn_match([gone], {"y"}, (0, [])) is gone  # its digest
    # Another participant's interview, with the same stock sentences, is not theirs.
    other = speech_sample(t for r, t in here("p1").turns.values() if r == "participant")
    assert withdrawn_match([gone], {"z"}, other) is None


def test_merge_leaves_a_withdrawn_participant_out(tmp_path: Path) -> None:
    lotte, sup = team(tmp_path)
    status, out = run("remove", "--participant", "p2", "--purge-backups", project=lotte)
    assert status == 0, out
    assert "lernet code and lernet merge leave a withdrawn participant's interview out" in out
    stored = json.dumps(
        json.loads(
            __import__("sqlite3")
            .connect(lotte / ".lernet" / "lernet.db")
            .execute("SELECT value FROM meta WHERE key = 'withdrawn_transcripts'")
            .fetchone()[0]
        )
    )
    assert "elkaar" not in stored and "p2.txt" not in stored  # digests only, no text or path
    status, out = run("merge", str(sup), project=lotte)
    assert status == 0, out
    assert (
        "left out 1 transcript of a participant who withdrew (p2; lernet remove --participant): "
        "interviews/p2.txt; none of its 3 codings by hand and 0 memos taken" in out
    )
    merged = rows(lotte, "c.source = 'merge'")
    assert [(r[0], r[2]) for r in merged] == [("interviews/p1.txt", "competition.protect_position")]
    # The same through an anonymized archive of the supervisor's copy.
    archive = tmp_path / "sup.qdpx"
    assert run("export", "qdpx", str(archive), project=sup)[0] == 0
    before = dump_store(lotte)
    # an anonymized archive's coders are pseudonyms: the supervisor's is named back
    status, out = run("merge", str(archive), "--rename", "Codeur 1=Martijn Vos", project=lotte)
    assert status == 0 and "left out 1 transcript of a participant who withdrew (p2" in out, out
    assert dump_store(lotte) == before


def test_lernet_code_skips_a_withdrawn_participant_s_file(tmp_path: Path) -> None:
    lotte, _ = team(tmp_path)
    kept = tmp_path / "p2.txt"
    shutil.copy(lotte / "interviews" / "p2.txt", kept)
    assert run("remove", "--participant", "p2", project=lotte)[0] == 0
    before = dump_store(lotte)
    status, out = run("code", str(lotte / "interviews"), project=lotte)
    assert status == 0, out
    assert "skipped interviews/p2.txt: it is the interview of p2, who withdrew" in out
    assert dump_store(lotte) == before
    # A file coded by mistake (remove FILE) is no withdrawal: it may be coded again.
    assert run("remove", str(lotte / "interviews" / "p1.txt"), project=lotte)[0] == 0
    status, out = run("code", str(lotte / "interviews"), project=lotte)
    assert status == 0 and "1 new" in out, out


def test_a_transcript_this_project_lacks_lands_on_no_other(tmp_path: Path) -> None:
    lotte, sup = team(tmp_path)
    shutil.rmtree(lotte)
    lotte = make_project(tmp_path / "studie")
    (lotte / "interviews" / "p1.txt").write_text(interview("p1"), encoding="utf-8")
    code(lotte, "--coder", "lotte")
    status, out = run("merge", str(sup), project=lotte)
    assert status == 0, out
    assert "not in this project: interviews/p2.txt (3 codings by hand)" in out
    assert {str(r[2]) for r in rows(lotte, "c.source = 'merge'")} == {
        "competition.protect_position"
    }
    assert len(rows(lotte, "c.source = 'merge'")) == 1
    # A copy that holds only p2: nothing of it finds a home on p1 either.
    assert run("remove", str(sup / "interviews" / "p1.txt"), project=sup)[0] == 0
    before = dump_store(lotte)
    status, out = run("merge", str(sup), project=lotte)
    assert status == 0 and "not in this project: interviews/p2.txt" in out, out
    assert dump_store(lotte) == before


def test_an_export_of_this_project_brings_back_no_stale_memo_of_its_own(tmp_path: Path) -> None:
    """QA13 1: merging an earlier export of this very project brought back a memo (a comment
    whose typo made it name no code, corrected since): the export's GUIDs are this project's,
    but the transcript was coded from its file, so the archive is a copy like any other."""
    import sqlite3

    from .test_merge import ANSWERS, word_file

    lotte = make_project(tmp_path / "studie")
    word_file(
        lotte / "interviews" / "a2.docx",
        [
            (ANSWERS[0], "Vertrouwn", "Lotte Peeters"),
            (ANSWERS[1], "protect_position", "Lotte Peeters"),
            (ANSWERS[2], None, ""),
        ],
    )
    code(lotte)
    archive = tmp_path / "earlier.qdpx"
    assert run("export", "qdpx", str(archive), project=lotte)[0] == 0
    # The typo is corrected since: the comment is a coding now, no memo.
    conn = sqlite3.connect(lotte / ".lernet" / "lernet.db")
    conn.execute("DELETE FROM memos WHERE text = 'Vertrouwn'")
    conn.commit()
    conn.close()
    before = dump_store(lotte)
    status, out = run("merge", str(archive), project=lotte)
    assert status == 0, out
    assert "left out 1 memo by Lotte Peeters, who codes in this project already" in out
    assert dump_store(lotte) == before

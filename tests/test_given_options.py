"""What the command line gives a file (--participant, --group, --label, --interviewer) stays the
file's in later runs that name nothing else: a run over its folder, a re-read after an edit."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from lernet_cli.coding.pipeline import CodeOptions, given_interviewer, given_options
from lernet_cli.store.store import StoredTranscript

from .conftest import invoke_cli

TEXT = (
    "Anna: Hoe gaat het in het netwerk?\n"
    "Kees: We kennen elkaar nog niet goed.\n"
    "Anna: En de concurrentie?\n"
    "Kees: Onze marktpositie beschermen we wel.\n"
)


def _rows(project: Path) -> list[tuple[str, str, str | None, str | None]]:
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    try:
        return conn.execute(
            "SELECT path, participant, group_name, label FROM transcripts ORDER BY path"
        ).fetchall()
    finally:
        conn.close()


def _coded(project: Path, *options: str) -> Path:
    folder = project / "interviews"
    folder.mkdir()
    (folder / "gesprek1.txt").write_text(TEXT, encoding="utf-8")
    code, out = invoke_cli("code", "interviews/gesprek1.txt", *options)
    assert code == 0, out
    return folder


def test_a_run_over_the_folder_keeps_the_participant_the_command_line_gave(project: Path) -> None:
    folder = _coded(project, "--participant", "P07", "--group", "bedrijf", "--label", "ondernemer")
    (folder / "gesprek2.txt").write_text(TEXT.replace("Kees", "Joke"), encoding="utf-8")
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert "1 unchanged" in out, out
    assert _rows(project) == [
        ("interviews/gesprek1.txt", "P07", "bedrijf", "ondernemer"),
        ("interviews/gesprek2.txt", "gesprek2", None, None),
    ]


def test_an_edited_file_read_again_stays_the_given_participants(project: Path) -> None:
    folder = _coded(project, "--participant", "P07", "--group", "bedrijf")
    with (folder / "gesprek1.txt").open("a", encoding="utf-8") as fh:
        fh.write("Kees: Vertrouwen groeit als iedereen iets bijdraagt.\n")
    code, out = invoke_cli("code", "interviews")
    assert code == 0 and "1 updated" in out, out
    assert _rows(project) == [("interviews/gesprek1.txt", "P07", "bedrijf", None)]
    code, out = invoke_cli("tally", "--format", "json")
    assert code == 0, out


def test_a_new_option_replaces_the_one_given_before(project: Path) -> None:
    _coded(project, "--participant", "P07", "--group", "bedrijf")
    code, out = invoke_cli("code", "interviews", "--participant", "P09")
    assert code == 0, out
    assert _rows(project) == [("interviews/gesprek1.txt", "P09", "bedrijf", None)]
    code, out = invoke_cli("code", "interviews")
    assert code == 0 and "1 unchanged" in out, out
    assert _rows(project)[0][1] == "P09"


def test_a_participants_file_naming_the_file_wins_over_the_command_line_before(
    project: Path,
) -> None:
    _coded(project, "--participant", "P07")
    (project / "participants.csv").write_text(
        "id,group,files\nP12,adviseur,gesprek1.txt\n", encoding="utf-8"
    )
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: participants.csv\n")
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert _rows(project)[0][1] == "P12"


def test_a_group_and_label_of_the_participants_file_win_over_the_command_line_before(
    project: Path,
) -> None:
    """Coded once with --group and --label, then listed in the participants file with another
    group and role: the next `lernet code` takes the file's row, without the command line."""
    _coded(project, "--participant", "gesprek1", "--group", "bedrijf", "--label", "ondernemer")
    (project / "participants.csv").write_text(
        "id,group,label\ngesprek1,adviseur,adviseur Oost\n", encoding="utf-8"
    )
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: participants.csv\n")
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert _rows(project) == [("interviews/gesprek1.txt", "gesprek1", None, None)]
    code, out = invoke_cli("quotes", "--format", "json")
    assert code == 0, out
    assert {q["label"] for q in json.loads(out)} == {"adviseur Oost"}
    # this run's --group still wins over the row, and stays while the row says what it said
    code, out = invoke_cli("code", "interviews", "--group", "bedrijf")
    assert code == 0, out
    assert _rows(project)[0][2] == "bedrijf"
    code, out = invoke_cli("code", "interviews")
    assert code == 0 and "1 unchanged" in out, out
    assert _rows(project)[0][2] == "bedrijf"
    # until the row's group is edited again
    (project / "participants.csv").write_text(
        "id,group,label\ngesprek1,bedrijf,ondernemer\n", encoding="utf-8"
    )
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    (project / "participants.csv").write_text(
        "id,group,label\ngesprek1,school,leraar\n", encoding="utf-8"
    )
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert _rows(project) == [("interviews/gesprek1.txt", "gesprek1", None, None)]


def test_an_edited_file_is_read_with_the_interviewer_given_before(project: Path) -> None:
    """Kees asked to be the interviewer: after an edit the file is read that way again, not
    with the labels lernet would pick itself."""
    folder = _coded(project, "--interviewer", "Kees")
    roles = _roles(project)
    assert roles == {"Anna": "participant", "Kees": "interviewer"}
    with (folder / "gesprek1.txt").open("a", encoding="utf-8") as fh:
        fh.write("Anna: Goed, dank u wel.\n")
    code, out = invoke_cli("code", "interviews")
    assert code == 0 and "1 updated" in out, out
    assert _roles(project) == roles


def _roles(project: Path) -> dict[str, str]:
    conn = sqlite3.connect(project / ".lernet" / "lernet.db")
    try:
        return dict(conn.execute("SELECT DISTINCT speaker, role FROM segments").fetchall())
    finally:
        conn.close()


def _stored(given: str | None) -> StoredTranscript:
    return StoredTranscript(1, "a.txt", "sha", "P07", None, None, "d", given=given)


def test_given_options_merge_this_run_over_the_stored_ones() -> None:
    stored = _stored(json.dumps({"participant": "P07", "group": "g", "interviewer": ["I"]}))
    assert given_options(CodeOptions(), stored) == {"participant": "P07", "group": "g"}
    assert given_options(CodeOptions(group="h"), stored) == {"participant": "P07", "group": "h"}
    assert given_interviewer(CodeOptions(), stored) == ["I"]
    assert given_interviewer(CodeOptions(interviewer=["J"]), stored) == ["J"]
    for broken in (None, "", "not json", "[1, 2]", '{"interviewer": "I"}'):
        assert given_options(CodeOptions(), _stored(broken)) == {}
        assert given_interviewer(CodeOptions(), _stored(broken)) == []


def test_speakers_shows_a_stored_file_as_code_reads_it(project: Path) -> None:
    """`lernet speakers` shows the participant and interviewer the command line gave the file
    (as `lernet code` reads it again); its own --interviewer still wins."""
    _coded(project, "--participant", "P07", "--interviewer", "Kees")
    code, out = invoke_cli("speakers", "interviews/gesprek1.txt", "--format", "json")
    assert code == 0, out
    rows = {r["speaker"]: (r["role"], r["participant"]) for r in json.loads(out)}
    assert rows == {"Anna": ("participant", "P07"), "Kees": ("interviewer", "")}
    code, out = invoke_cli(
        "speakers", "interviews/gesprek1.txt", "-f", "json", "--interviewer", "Anna"
    )
    rows = {r["speaker"]: (r["role"], r["participant"]) for r in json.loads(out)}
    assert rows == {"Anna": ("interviewer", ""), "Kees": ("participant", "P07")}


def test_front_matter_group_written_later_wins_over_an_earlier_group_option(
    project: Path,
) -> None:
    """A file coded with --group before its front matter named one: the group the researcher
    then writes in the file counts (README: the options stand where the file names nothing
    else); a --group given in this run still wins over the file."""
    folder = project / "interviews"
    folder.mkdir()
    path = folder / "p7.md"
    body = "I: Hoe gaat het in het netwerk?\nR: We kennen elkaar nog niet goed.\n"
    path.write_text("---\nparticipant: P7\n---\n" + body, encoding="utf-8")
    assert invoke_cli("code", "interviews/p7.md", "--group", "gemeente")[0] == 0
    assert _rows(project) == [("interviews/p7.md", "P7", "gemeente", None)]
    path.write_text("---\nparticipant: P7\ngroup: adviseur\n---\n" + body, encoding="utf-8")
    code, out = invoke_cli("code", "interviews")
    assert code == 0, out
    assert _rows(project) == [("interviews/p7.md", "P7", "adviseur", None)]
    path.write_text(
        "---\nparticipant: P7\ngroup: adviseur\n---\n" + body + "R: Ja.\n", encoding="utf-8"
    )
    code, out = invoke_cli("code", "interviews/p7.md", "--group", "bedrijf")
    assert code == 0, out
    assert _rows(project) == [("interviews/p7.md", "P7", "bedrijf", None)]

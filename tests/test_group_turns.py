"""Who speaks in each stored transcript: a group interview's listed speakers by an index, the
transcript's own participant where a turn is no listed speaker's."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.coding.speakers import group_interviews, speaking_participants
from lernet_cli.store.store import Store

from .conftest import invoke_cli

FOCUS = (
    "Moderator: Wie begint?\n"
    "Anouk: We kennen elkaar nog niet goed.\n"
    "Pieter: Onze marktpositie beschermen we.\n"
)
SOLO = "I: Kent u de anderen?\nR: We kennen elkaar nog niet goed.\n"


def test_group_interviews_and_own_turns(project: Path) -> None:
    (project / "participants.csv").write_text(
        "id,group,names,files\nP1,bedrijf,Anouk,\nP2,adviseur,Pieter,\n", encoding="utf-8"
    )
    with (project / "lernet.yaml").open("a", encoding="utf-8") as fh:
        fh.write("participants: participants.csv\n")
    (project / "focus.txt").write_text(FOCUS, encoding="utf-8")
    (project / "solo.txt").write_text(SOLO, encoding="utf-8")
    code, out = invoke_cli("code", "focus.txt", "solo.txt")
    assert code == 0, out
    with Store.open(project / ".lernet" / "lernet.db") as store:
        ids = {t.path: t.id for t in store.transcripts()}
        assert store.own_speaking() == {ids["solo.txt"]}
        assert speaking_participants(store) == {
            ids["focus.txt"]: {"P1", "P2"},
            ids["solo.txt"]: {"solo"},
        }
        assert group_interviews(store) == {"focus.txt": ["P1", "P2"]}
        plan = store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT transcript_id, idx, participant FROM segments "
            "WHERE participant IS NOT NULL AND role = 'participant' ORDER BY transcript_id, idx"
        ).fetchall()
        assert "segments_listed" in str([tuple(r) for r in plan])  # not a scan of every turn

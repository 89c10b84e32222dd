"""Store, tally, quotes and anonymization through the library, without the CLI or any reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.analysis.anonymize import Redactor
from lernet_cli.analysis.quotes import collect_quotes, evidence_sentences
from lernet_cli.analysis.tally import tally, tally_markdown
from lernet_cli.codebook.codebook import load_codebook
from lernet_cli.coding.pipeline import code_transcript
from lernet_cli.model import Participant, Transcript, Turn
from lernet_cli.project.participants import Participants
from lernet_cli.store.store import MIGRATIONS, Store


def transcript(path: str, *answers: str) -> Transcript:
    turns: list[Turn] = []
    for answer in answers:
        turns.append(Turn("I", "Hoe gaat het met het vertrouwen?", "interviewer"))
        turns.append(Turn("R", answer, "participant"))
    return Transcript(path=path, turns=turns)


@pytest.fixture
def filled(tmp_path: Path, mini_codebook: Path) -> tuple[Store, object, Participants]:
    cb = load_codebook(mini_codebook)
    store = Store.open(tmp_path / ".lernet" / "lernet.db", create=True)
    people = Participants(
        groups=["bedrijf", "adviseur"],
        people={
            "a1": Participant("a1", "adviseur", "NIPlan adviseur", names=["Jeroen Bakker"]),
            "a2": Participant("a2", "adviseur", "NIPlan adviseur"),
            "b1": Participant("b1", "bedrijf", "NIPlan bedrijf", organisations=["Vitaal Werk"]),
        },
    )
    data = {
        ("a1.txt", "a1"): transcript(
            "a1.txt",
            "Eerlijk gezegd kennen we elkaar nog niet goed. Ik ben Jeroen trouwens.",
            "We spreken elkaar nauwelijks, dat is jammer.",
        ),
        ("a1b.txt", "a1"): transcript("a1b.txt", "We kennen elkaar amper."),
        ("a2.txt", "a2"): transcript("a2.txt", "Concurrentie is er wel. We kennen elkaar goed."),
        ("b1.txt", "b1"): transcript(
            "b1.txt", "Bij Vitaal Werk kennen we elkaar nog niet. Wij halen kennis op."
        ),
    }
    for (path, pid), t in data.items():
        store.save_coded(path, path, pid, None, None, "d", t, code_transcript(cb, t))
    return store, cb, people


def test_migrations_are_recorded(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db", create=True)
    assert store.schema_version() == MIGRATIONS[-1][0]
    store.close()
    again = Store.open(tmp_path / "s.db")
    assert again.schema_version() == MIGRATIONS[-1][0]


def test_stored_transcripts_follow_every_write(filled: tuple, tmp_path: Path) -> None:
    """`Store.transcripts` is read once per state of the store: a write on this connection, a
    rolled-back one, or a commit by another connection (another lernet) shows at the next call."""
    store, _, _ = filled
    before = store.transcripts()
    assert [t.participant for t in before] == ["a1", "a1", "a2", "b1"]
    assert store.transcripts() == before
    store.conn.execute("UPDATE transcripts SET participant = 'x1' WHERE path = 'a1.txt'")
    assert store.transcripts()[0].participant == "x1"
    other = Store.open(tmp_path / ".lernet" / "lernet.db")
    other.conn.execute("UPDATE transcripts SET group_name = 'later' WHERE path = 'b1.txt'")
    other.close()
    assert store.transcripts()[3].group_name == "later"
    store.conn.execute("BEGIN")
    store.conn.execute("DELETE FROM transcripts WHERE path = 'a2.txt'")
    assert [t.path for t in store.transcripts()] == ["a1.txt", "a1b.txt", "b1.txt"]
    store.conn.execute("ROLLBACK")
    assert [t.path for t in store.transcripts()] == ["a1.txt", "a1b.txt", "a2.txt", "b1.txt"]


def test_tally_counts_participants_not_mentions(filled: tuple) -> None:
    store, cb, people = filled
    result = tally(cb, store.coding_rows(), people)
    rows = {r.id: r for r in result.rows}
    not_acq = rows["trust.not_acquainted"]
    # a1 has three mentions over two transcripts, b1 one: two participants, four segments
    assert not_acq.participants == 2
    assert not_acq.segments == 4
    assert not_acq.participant_ids == ["a1", "b1"]
    assert not_acq.by_group == {"bedrijf": 1, "adviseur": 1}
    assert rows["trust"].participants == 2
    assert rows["competition.protect_position"].participants == 1
    assert result.groups == ["bedrijf", "adviseur"]


def test_theme_counts_a_participant_once(filled: tuple) -> None:
    store, cb, people = filled
    t = store.conn.execute("SELECT id FROM transcripts WHERE path='a2.txt'").fetchone()[0]
    store.conn.execute(
        "INSERT INTO codings (transcript_id, segment, code, start, end, coder, status, created_at)"
        " VALUES (?, 2, 'trust.built', 0, 5, 'anna', 'accepted', 'x')",
        (t,),
    )
    result = tally(cb, store.coding_rows(), people)
    rows = {r.id: r for r in result.rows}
    assert rows["trust.built"].participants == 1
    assert rows["trust"].participants == 3


def test_rejected_codings_do_not_count(filled: tuple) -> None:
    store, cb, people = filled
    store.conn.execute(
        "UPDATE codings SET status='rejected' WHERE code='competition.protect_position'"
    )
    rows = {r.id: r for r in tally(cb, store.coding_rows(), people).rows}
    assert rows["competition.protect_position"].participants == 0


def test_tally_markdown_report_style(filled: tuple) -> None:
    store, cb, people = filled
    md = tally_markdown(tally(cb, store.coding_rows(), people), "nl")
    assert "## Vertrouwen (2x)" in md
    assert "- Elkaar nog niet goed kennen (2x)" in md
    assert "Vertrouwen door bijdragen" not in md


def test_tally_json_says_each_codes_parent(filled: tuple) -> None:
    """A code counts its sub-codes' people: a script must know which rows to add up."""
    from .conftest import DEFAULT_CODEBOOK

    _, _, people = filled
    data = tally(load_codebook(DEFAULT_CODEBOOK), [], people).to_json()
    codes = {c["id"]: c for t in data["themes"] for c in t["codes"]}
    assert (
        codes["interest_balance.cognitive"]["parent"],
        codes["interest_balance.cognitive"]["depth"],
    ) == ("interest_balance", 1)
    assert (
        codes["interest_balance.knowledge"]["parent"],
        codes["interest_balance.knowledge"]["depth"],
    ) == ("interest_balance.cognitive", 2)


def test_quotes_are_sentences_anonymized_and_attributed(filled: tuple) -> None:
    store, cb, people = filled
    redactor = Redactor(people.all_names(), people.all_organisations())
    found = collect_quotes(cb, store.coding_rows(codes=["trust.not_acquainted"]), people, redactor)
    texts = [(q.participant, q.text, q.label) for q in found]
    assert ("a1", "Eerlijk gezegd kennen we elkaar nog niet goed.", "NIPlan adviseur") in texts
    assert ("b1", "Bij [organisatie] kennen we elkaar nog niet.", "NIPlan bedrijf") in texts
    assert all("Jeroen" not in q.text and "Vitaal" not in q.text for q in found)
    only_b = collect_quotes(cb, store.coding_rows(), people, redactor, group="BEDRIJF")
    assert {q.participant for q in only_b} == {"b1"}


def test_evidence_sentences_cover_span() -> None:
    text = "Eerst dit. Dan kennen we elkaar niet. En nog iets."
    start = text.index("kennen")
    assert evidence_sentences(text, start, start + 6) == "Dan kennen we elkaar niet."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jeroen zei het.", "[naam] zei het."),
        ("JEROEN BAKKER zei het.", "[naam] zei het."),
        ("Jeroens idee", "[naam]s idee"),
        ("Bakker's idee", "[naam]'s idee"),
        ("Bij Vitaal-Werk", "Bij [organisatie]"),
        ("bij vitaal werk bv", "bij [organisatie] bv"),
        ("Jeroentje", "[naam]"),
        ("Vitaal Werks", "[organisatie]s"),
        ("Jeroenen", "Jeroenen"),
    ],
)
def test_redactor_variants(text: str, expected: str) -> None:
    r = Redactor(["Jeroen Bakker"], ["Vitaal Werk"])
    assert r.redact(text) == expected


def test_phase_sentence_verb_agrees_with_its_subject() -> None:
    from lernet_cli.analysis.phases import PhaseResult, PhaseRow, phase_sentence

    few = PhaseResult([PhaseRow("d.p1", "Opstart", 3, ["a", "b", "c"])], total=10)
    many = PhaseResult([PhaseRow("d.p1", "Opstart", 8, list("abcdefgh"))], total=10)
    assert phase_sentence(few, "nl").startswith("Een deel van de deelnemers (3 van 10) plaatst ")
    assert phase_sentence(many, "nl").startswith("De meeste deelnemers (8 van 10) plaatsen ")


def test_a_quote_with_quotation_marks_nests_them() -> None:
    from lernet_cli.analysis.quotes import Quote, format_quote

    quote = Quote("t", "t.c", "p1", "g", "bezoeker", "Er hangt een bord “Zondag open” bij.", "f", 1)
    assert format_quote(quote, "“{quote}” ({label})") == (
        "“Er hangt een bord ‘Zondag open’ bij.” (bezoeker)"
    )
    assert format_quote(quote, "{quote} — {label}") == (
        "Er hangt een bord “Zondag open” bij. — bezoeker"
    )

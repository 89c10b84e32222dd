"""A transcriber's note of speech not made out ("[onverstaanbaar 00:12:31]", "[inaudible]",
"[crosstalk]") is no word the rules read, but a quote shows the gap where it stood: in the
project's language and without its time. A laugh or a silence leaves no gap."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lernet_cli.analysis.quotes import quote_text
from lernet_cli.readers import read_transcript
from lernet_cli.store.store import CodingRow
from lernet_cli.store.writes import notes_json

from .conftest import coded_with, invoke_cli


def notes_of(tmp_path: Path, text: str) -> list[tuple[str, list[str]]]:
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    return [(t.text, [t.text[:at] for at, _ in t.notes]) for t in read_transcript(path).turns]


def test_the_reader_keeps_where_speech_was_not_made_out_and_not_where_they_laughed(
    tmp_path: Path,
) -> None:
    said = notes_of(
        tmp_path,
        "I: Hoe gaat het? [crosstalk]\n"
        "R: (lacht) Nou, we kennen elkaar [onverstaanbaar 00:12:31] nog [00:12:40] niet goed.\n"
        "I: And the trust? [laughs]\n"
        "R: Klaar. [inaudible] En toen gingen we (stilte) door [unintelligible]\n",
    )
    assert said == [
        ("Hoe gaat het?", ["Hoe gaat het?"]),
        ("Nou, we kennen elkaar nog niet goed.", ["Nou, we kennen elkaar"]),
        ("And the trust?", []),
        ("Klaar. En toen gingen we door", ["Klaar.", "Klaar. En toen gingen we door"]),
    ]


def row(text: str, evidence: str, gaps: list[str], source: str = "rule") -> CodingRow:
    """A coding of `evidence` in the turn `text`, with a note of speech not made out after
    each of `gaps` (the text up to where it stood)."""
    start = text.index(evidence)
    notes = [(len(before), "unclear") for before in gaps]
    for before in gaps:
        assert text.startswith(before)
    return CodingRow(
        1, 1, "p.txt", "P1", None, None, 1, text, "code", start, start + len(evidence),
        "auto", None, None, "pending", source, segment_notes=notes_json(notes),
    )  # fmt: skip


TURN = "Nou, we kennen elkaar nog niet goed. Daarna ging het beter."


def test_a_gap_inside_the_quote_shows_in_the_projects_language() -> None:
    coding = row(TURN, "kennen elkaar", ["Nou, we kennen elkaar"])
    assert quote_text(coding, "nl") == "Nou, we kennen elkaar [onverstaanbaar] nog niet goed."
    assert quote_text(coding, "en") == "Nou, we kennen elkaar [inaudible] nog niet goed."


def test_a_gap_before_punctuation_keeps_the_punctuation_on_its_word() -> None:
    coding = row(TURN, "kennen elkaar", ["Nou, we kennen elkaar nog niet goed"])
    assert quote_text(coding) == "Nou, we kennen elkaar nog niet goed [onverstaanbaar]."


def test_a_gap_outside_the_quote_is_not_shown() -> None:
    coding = row(TURN, "kennen elkaar", ["Nou, we kennen elkaar nog niet goed. Daarna ging"])
    assert quote_text(coding) == "Nou, we kennen elkaar nog niet goed."


def test_a_gap_at_the_quotes_edges() -> None:
    # between two sentences: the second began in it, the first was closed before it
    between = ["Nou, we kennen elkaar nog niet goed."]
    assert quote_text(row(TURN, "kennen elkaar", between)) == (
        "Nou, we kennen elkaar nog niet goed."
    )
    assert quote_text(row(TURN, "beter", between)) == "[onverstaanbaar] Daarna ging het beter."
    # at the turn's start, and at the end of a sentence that ran on into it
    assert quote_text(row(TURN, "kennen", [""])) == (
        "[onverstaanbaar] Nou, we kennen elkaar nog niet goed."
    )
    open_end = "We kennen elkaar nog niet en toen"
    assert quote_text(row(open_end, "kennen elkaar", [open_end]), "en") == (
        "We kennen elkaar nog niet en toen [inaudible]"
    )


LONG = " ".join(f"woord{i}" for i in range(60))


def test_a_cut_quote_shows_a_gap_inside_and_none_beyond_its_cut() -> None:
    text = f"{LONG} we kennen elkaar niet {LONG}."
    inside = text[: text.index(" we kennen")]
    far = "woord0 woord1"
    coding = row(text, "kennen elkaar", [far, inside])
    quoted = quote_text(coding)
    assert quoted.startswith("…") and quoted.endswith("…")
    assert "woord59 [onverstaanbaar] we kennen elkaar niet" in quoted
    assert quoted.count("[onverstaanbaar]") == 1
    # a gap right where the cut falls: the "…" shows it
    cut_at = quoted[1:].split()[0]
    at_cut = text[: text.index(" " + cut_at) + 1].rstrip()
    assert "[onverstaanbaar]" not in quote_text(row(text, "kennen elkaar", [at_cut]))


def test_a_passage_a_person_marked_shows_the_gap_too() -> None:
    coding = row(TURN, "we kennen elkaar nog niet goed", ["Nou, we kennen"], source="comment")
    coding.coder = "Anna"
    assert quote_text(coding, "en") == "Nou, we kennen [inaudible] elkaar nog niet goed."


NOTED = (
    "I: Hoe gaat het?\n"
    "R: (lacht) We kennen elkaar [onverstaanbaar 00:12:31] nog niet goed. [crosstalk]\n"
    "I: En verder?\n"
    "R: Wij willen onze marktpositie [inaudible] beschermen (zucht) tegen concurrenten.\n"
)
BARE = (
    "I: Hoe gaat het?\n"
    "R: We kennen elkaar nog niet goed.\n"
    "I: En verder?\n"
    "R: Wij willen onze marktpositie beschermen tegen concurrenten.\n"
)


def codings(root: Path) -> list[tuple[str, int, str, int, int]]:
    conn = sqlite3.connect(root / ".lernet" / "lernet.db")
    try:
        return conn.execute(
            "SELECT t.path, c.segment, c.code, c.start, c.end FROM codings c "
            "JOIN transcripts t ON t.id = c.transcript_id ORDER BY c.segment, c.code"
        ).fetchall()
    finally:
        conn.close()


def test_the_rules_code_the_same_with_and_without_notes(project: Path) -> None:
    coded_with(project, NOTED, "p01.txt")
    noted = [c[1:] for c in codings(project)]
    (project / "p01.txt").write_text(BARE, encoding="utf-8")
    code, out = invoke_cli("code", "p01.txt")
    assert code == 0, out
    assert noted and [c[1:] for c in codings(project)] == noted


def test_quotes_show_the_gaps_in_a_dutch_project(project: Path) -> None:
    coded_with(project, NOTED, "p01.txt")
    code, out = invoke_cli("quotes")
    assert code == 0, out
    assert "“We kennen elkaar [onverstaanbaar] nog niet goed.”" in out
    assert "marktpositie [onverstaanbaar] beschermen tegen concurrenten." in out
    assert "00:12:31" not in out and "lacht" not in out and "zucht" not in out
    code, out = invoke_cli("quotes", "--format", "json")
    assert code == 0, out
    assert "We kennen elkaar [onverstaanbaar] nog niet goed." in out


def test_quotes_show_the_gaps_in_an_english_project(project: Path) -> None:
    config = project / "lernet.yaml"
    config.write_text(config.read_text().replace("language: nl", "language: en"))
    coded_with(project, NOTED, "p01.txt")
    code, out = invoke_cli("quotes", "--format", "md")
    assert code == 0, out
    assert "We kennen elkaar [inaudible] nog niet goed." in out
    assert "onverstaanbaar" not in out


def test_a_reports_quotes_show_the_gaps_in_the_projects_language(project: Path) -> None:
    config = project / "lernet.yaml"
    config.write_text(config.read_text().replace("language: nl", "language: en"))
    coded_with(project, NOTED, "p01.txt")
    code, out = invoke_cli("report", "-o", "r.md", "--no-method")
    assert code == 0, out
    report = (project / "r.md").read_text(encoding="utf-8")
    assert "We kennen elkaar [inaudible] nog niet goed." in report
    assert "onverstaanbaar" not in report

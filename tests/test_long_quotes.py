"""Quotes from text without sentence ends (speech recognition): a window of words around the
evidence, cut at a comma or a pause word, with "…" where cut; punctuated text as before."""

from __future__ import annotations

from lernet_cli.analysis.quotes import KEPT_SIDE, LONG_SIDE, quote_text
from lernet_cli.store.store import CodingRow


def row(text: str, evidence: str, source: str = "rule", note: str | None = None) -> CodingRow:
    start = text.index(evidence)
    return CodingRow(
        1, 1, "t.vtt", "p1", None, None, 1, text, "c", start, start + len(evidence), "rules",
        None, None, "new", source, note,
    )  # fmt: skip


def filler(n: int, word: str = "woord") -> str:
    return " ".join(f"{word}{i}" for i in range(n))


EVIDENCE = "dat delen loont ook al kost het tijd"


def test_a_run_on_turn_is_quoted_by_the_piece_between_its_pauses() -> None:
    before = f"euh ja {filler(60, 'a')} euh {filler(10, 'b')}"
    text = f"{before} {EVIDENCE} {filler(15, 'c')} euh {filler(60, 'd')}"
    quote = quote_text(row(text, EVIDENCE))
    # the run is cut into sentences at its pauses (language/text.py): the quote is the one
    # holding the evidence, without the pause words around it
    assert quote == f"{filler(10, 'b')} {EVIDENCE} {filler(15, 'c')}"
    assert len(quote.split()) < 2 * KEPT_SIDE + len(EVIDENCE.split())


def test_a_run_on_piece_without_pauses_is_cut_to_a_window_around_the_evidence() -> None:
    text = f"ja {filler(60, 'a')} {EVIDENCE} {filler(60, 'd')}"
    quote = quote_text(row(text, EVIDENCE))
    assert quote.startswith(f"…a{60 - KEPT_SIDE}") and quote.endswith(f"d{KEPT_SIDE - 1}…")
    assert EVIDENCE in quote


def test_without_a_pause_the_cut_is_at_the_window_or_a_comma() -> None:
    text = f"{filler(50, 'a')} {EVIDENCE} {filler(12, 'c')}, {filler(50, 'd')}"
    quote = quote_text(row(text, EVIDENCE))
    words = quote.split()
    assert words[0] == f"…a{50 - KEPT_SIDE}" and quote.endswith("c11…")  # at the comma
    assert quote == quote.strip()


def test_only_the_long_side_is_cut_and_a_sentence_end_is_kept() -> None:
    text = f"Ja. Nu {filler(10, 'a')} {EVIDENCE} {filler(LONG_SIDE + 5, 'c')}"
    quote = quote_text(row(text, EVIDENCE))
    assert quote.startswith("Nu a0 ") and quote.endswith("…")


def test_punctuated_text_is_quoted_by_its_sentences_as_before() -> None:
    text = f"{filler(LONG_SIDE, 'a')}. Ik denk {EVIDENCE}. {filler(LONG_SIDE + 10, 'B')}."
    assert quote_text(row(text, EVIDENCE)) == f"Ik denk {EVIDENCE}."
    text = f"{filler(LONG_SIDE, 'a')} {EVIDENCE}, {filler(LONG_SIDE - 1, 'b')}."
    assert quote_text(row(text, EVIDENCE)) == " ".join(text.split())


def test_a_code_changed_in_review_keeps_its_whole_turn() -> None:
    text = f"{filler(60, 'a')} {EVIDENCE} {filler(60, 'b')}"
    changed = row(text, EVIDENCE, source="review", note="changed from x")
    assert quote_text(changed) == text


def test_an_exported_sentence_passage_is_cut_as_the_quote_is() -> None:
    from lernet_cli.exchange.spans import passage

    text = f"euh ja {filler(60, 'a')} euh {filler(10, 'b')} {EVIDENCE} {filler(15, 'c')} euh " + (
        filler(60, "d")
    )
    a, b = passage(row(text, EVIDENCE), "sentence")
    assert text[a:b] == quote_text(row(text, EVIDENCE)).strip("…")
    assert passage(row(text, EVIDENCE), "turn") == (0, len(text))
    punctuated = f"{filler(LONG_SIDE + 5, 'a')}. Ik denk {EVIDENCE}. {filler(5, 'B')}."
    a, b = passage(row(punctuated, EVIDENCE), "sentence")
    assert punctuated[a:b] == f"Ik denk {EVIDENCE}."

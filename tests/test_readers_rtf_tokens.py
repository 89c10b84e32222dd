"""What the .rtf reader's fast paths must keep: runs of control words read as one token, groups
skipped to their closing brace, a control word's action from a table; and a Word-sized file."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from lernet_cli.readers import read_transcript, rtf
from lernet_cli.readers.rtf import read

BENCH = Path(__file__).resolve().parent.parent / "bench" / "rtf_word.py"


def paragraphs(tmp_path: Path, data: bytes) -> list[str]:
    path = tmp_path / "x.rtf"
    path.write_bytes(data)
    return [p.text for p in read(path).paragraphs]


def test_no_word_with_an_action_is_read_in_a_run_of_words_that_do_nothing() -> None:
    # A paragraph's style (\s1) is acted on only in a file whose stylesheet names headings.
    assert set(rtf._ACTIONS) <= rtf._HANDLED | {"s"}
    for tokens, handled in (
        (rtf._TOKEN_RE, rtf._HANDLED),
        (rtf._STYLED_TOKEN_RE, rtf._HANDLED | {"s"}),
    ):
        match = tokens.match(rb"\ql\li0\sa160\insrsid12 \b\f1 x")
        assert match is not None and match[0] == rb"\ql\li0\sa160\insrsid12 "
        for word in handled:
            token = tokens.match(b"\\" + word.encode() + b"1 ")
            assert token is not None and token.lastindex == rtf._WORD_NUM, word
    assert rtf._STYLED_TOKEN_RE.groupindex == rtf._TOKEN_RE.groupindex
    inert = rtf._TOKEN_RE.match(rb"\s1\ql x")
    assert inert is not None and inert.lastindex == rtf._INERT


def test_a_control_word_in_a_run_counts_as_a_character_of_a_unicode_fallback(
    tmp_path: Path,
) -> None:
    # RTF's rule: after \uN, \ucN characters are skipped, a control word counting as one.
    rtf_text = rb"{\rtf1\ansi\uc1 \pard R: Caf\u233\insrsid1 ?s open.\par}"
    assert paragraphs(tmp_path, rtf_text) == ["R: Café?s open."]


def test_a_skipped_group_holding_braces_in_binary_data_or_escaped_ends_where_it_closes(
    tmp_path: Path,
) -> None:
    picture = rb"{\rtf1\ansi {\*\shppict{\pict\pngblip\bin2 }{}}\pard R: Ja.\par}"
    table = rb"{\rtf1\ansi {\*\rsidtbl \rsid1{\*\generator x}\'7d\}}\pard R: Ja.\par}"
    assert paragraphs(tmp_path, picture) == paragraphs(tmp_path, table) == ["R: Ja."]


def test_a_comment_inside_a_skipped_group_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "x.rtf"
    path.write_bytes(
        rb"{\rtf1\ansi \pard R: Ja{\footnote {\*\atnid EV}{\*\atnauthor Eva}\chatn "
        rb"{\*\annotation{\*\atnref 1}Memo.}}.\par}"
    )
    doc = read(path)
    assert [p.text for p in doc.paragraphs] == ["R: Ja."]
    assert [(a.note, a.author) for a in doc.annotations] == [("Memo.", "Eva")]


def test_a_word_sized_rtf_reads_its_turns_table_and_comments(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("rtf_word", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "word.rtf"
    path.write_bytes(bench.word_rtf(0.5, seed=2))
    transcript = read_transcript(path)
    doc = read(path)
    assert len(transcript.turns) > 200
    assert {t.speaker for t in transcript.turns} == {"Interviewer", "Respondent"}
    assert any(t.text.startswith("Interviewer") for t in transcript.turns) is False
    said = " ".join(t.text for t in transcript.turns)
    for never in ("Style Name", "Times New Roman", "Griet", "verborgen", "weggehaald", "PAGE"):
        assert never not in said
    assert "café" in said or "coördinatie" in said
    assert doc.annotations and all(a.author in ("Eva de Wit", "Jan Smit") for a in doc.annotations)
    assert any(a.reply_to for a in doc.annotations)
    assert doc.metadata["header_texts"] == ["Vertrouwelijk: Griet Mertens", "1"]

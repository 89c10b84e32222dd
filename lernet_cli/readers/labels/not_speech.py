"""Lines a transcription service or a conversion leaves that are no speech: its footer, page
numbers, its advertisement repeated."""

from __future__ import annotations

import re

from .lines import _Line

_WEB_ADDRESS_RE = re.compile(
    r"(?:https?://|www\.)\S+|\b[^\W_][\w-]*(?:\.[\w-]+)*\.[a-z]{2,}\b(?:/\S*)?", re.I
)
_TOOL_WORDS_RE = re.compile(
    r"transcri|transkri|\b(?:generated|powered|created|made)\s+(?:by|with)\b|"
    r"\bgegenereerd\s+(?:door|met)\b|\buitgeschreven\s+(?:door|met)\b",
    re.I,
)
MAX_FOOTER_WORDS = 10


def tool_footer(text: str) -> bool:
    """Whether a line is a transcription service's footer ("Transcribed by https://otter.ai"):
    short, naming a web address and what the service did."""
    words = text.split()
    return (
        0 < len(words) <= MAX_FOOTER_WORDS
        and bool(_WEB_ADDRESS_RE.search(text))
        and bool(_TOOL_WORDS_RE.search(text))
    )


def _drop_tool_footer(lines: list[_Line], unit: str) -> str | None:
    """The file's closing line when it is a tool's footer and no labelled turn: removed from
    `lines`; returns the note that says so."""
    if not lines:
        return None
    last = lines[-1]
    if last.pre_split or last.shape is not None or not tool_footer(last.body):
        return None
    lines.pop()
    shown = " ".join(last.body.split())
    return f"{unit} {last.para.position} ('{shown}') is a transcription tool's footer, not speech"


_PAGE_RE = re.compile(
    r"(?:^|\s)(?:page|pagina|blz\.?|pag\.?)\s*\d{1,4}\s*(?:of|van|/)\s*\d{1,4}$", re.I
)
MAX_PAGE_LINE_WORDS = 12


def _drop_page_lines(lines: list[_Line], unit: str) -> str | None:
    """Lines a service or a conversion from PDF leaves between the speech: a page's number
    ("Page 2 of 3", "Interview 04 (Completed 03/14/24)  Pagina 2 van 5") and the service's name
    ("Transcript by Rev.com"), at each page break. Removed from `lines`; returns the note that
    says so."""
    dropped = [
        line
        for line in lines
        if not (line.pre_split or line.shape or line.para.in_table)
        and len(line.body.split()) <= MAX_PAGE_LINE_WORDS
        and (_PAGE_RE.search(line.body.strip()) or tool_footer(line.body))
    ]
    if not dropped:
        return None
    lines[:] = [line for line in lines if line not in dropped]
    shown = " ".join(dropped[0].body.split())
    first = dropped[0].para.position
    if len(dropped) == 1:
        return (
            f"{unit} {first} ('{shown}') is a page number or the transcription service's name, "
            "not speech"
        )
    return (
        f"{len(dropped)} {unit}s (the first {unit} {first}: '{shown}') are page numbers or the "
        "transcription service's name, not speech"
    )


MAX_ADVERT_WORDS = 40


def _drop_repeated_adverts(lines: list[_Line], unit: str) -> str | None:
    """A paragraph a service repeats in the body to advertise itself ("Zet je audio om in tekst
    met Sonix…"): no label, naming what a transcription service does, and word for word the
    same two times or more. Removed from `lines`; returns the note that says so. Speech that says
    the same sentence twice does not name a transcription service."""

    def eligible(line: _Line) -> bool:
        return (
            not (line.pre_split or line.shape or line.para.in_table)
            and 0 < len(line.body.split()) <= MAX_ADVERT_WORDS
            and bool(_TOOL_WORDS_RE.search(line.body))
        )

    seen: dict[str, int] = {}
    for line in lines:
        if eligible(line):
            key = " ".join(line.body.split()).casefold()
            seen[key] = seen.get(key, 0) + 1
    repeated = {k for k, n in seen.items() if n >= 2}
    if not repeated:
        return None
    dropped = [
        line
        for line in lines
        if eligible(line) and " ".join(line.body.split()).casefold() in repeated
    ]
    lines[:] = [line for line in lines if line not in dropped]
    shown = " ".join(dropped[0].body.split())
    return (
        f"{len(dropped)} {unit}s repeating a transcription service's own text (the first "
        f"{unit} {dropped[0].para.position}: '{shown}') are not speech"
    )

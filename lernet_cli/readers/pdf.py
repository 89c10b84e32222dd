"""PDF transcripts, as a transcription service delivers them or Word's "Save as PDF" writes them.

The text layer is read with pypdf (imported here only: `lernet --help` stays fast), page by page
in its layout mode, which keeps the blank space between paragraphs. A PDF breaks lines at the
page's width, so each line says whether it runs on from the line before (`continues`): it does
when that line is not followed by blank space and fills most of the width; `labels` joins it
unless it starts a speaker turn. A word broken at a line end ("samen-" / "werking") is joined
where the dictionary knows it whole; a hyphen that belongs to the word ("plas-dras") stays.

Page numbers ("3", "- 3 -", "Page 3 of 12", "Pagina 3 van 12") and running headers and footers
(the same line at the top or bottom of most pages, and nowhere between) are left out and counted
in a note; a speaker's label with its time ("Speaker 1  00:01:12") that opens most pages is not
one. A
PDF protected only against changes (AES or RC4, no password to open it) is read; one that needs
a password to open, one without text (a scan) and a damaged one are refused in one line.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import TranscriptError
from ..language.plural import counted
from ..userfiles import open_regular
from .labels import RawDocument, RawParagraph
from .tables import field_names

MAX_PAGES = 5_000
"""Far beyond any interview (a 2-hour interview is some 40 pages)."""
MAX_TEXT_CHARS = 50_000_000
"""The text a PDF may hold, as `MAX_TEXT_BYTES` caps a .txt file."""
EDGE_LINES = 2
"""How many lines at a page's top and bottom may be its header, footer or number."""
MOST_PAGES = 0.6
"""A line at the same edge of this share of the pages (of three at least, or of every page of
two or three) is a running header or footer."""
MAX_RUNNING_WORDS = 15
FULL_LINE = 0.75
"""A line this share of the text's width long or longer ran on to the next line."""
MIN_WIDTH = 40
"""Lines of text narrower than this are no running text that was wrapped (a list of turns)."""

_SPACES_RE = re.compile(r"[ \t\u00a0]{2,}")
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$"  # "3", "- 3 -"
    r"|^(?:page|pagina|p\.|pag\.?|blz\.?)\s*\d{1,4}(?:\s*(?:of|van|/)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*(?:/|of|van)\s*\d{1,4}$",  # "3/12", "3 of 12", "3 van 12"
    re.I,
)
_BROKEN_WORD_RE = re.compile(r"([^\W\d_]+)-$")
_NEXT_WORD_RE = re.compile(r"^([^\W\d_]+)")

DAMAGED = "not a readable PDF (damaged or incomplete{detail}): open it and save or export it again"
PROTECTED = (
    "the PDF is password-protected: open it with its password and save a copy without one "
    "(or export the interview as .docx or .txt)"
)
NO_CRYPTO = (
    "the PDF is encrypted with AES, which lernet reads with the 'cryptography' package, and that "
    "is not installed: install lernet again (pip install --upgrade lernet) or export the "
    "interview as .docx or .txt"
)
NO_TEXT = (
    "the PDF has no text (a scan?): lernet reads text; run text recognition (OCR) on it, or "
    "save the interview as .docx or .txt"
)


def read(path: Path) -> RawDocument:
    from . import max_bytes

    with open_regular(path, TranscriptError, max_bytes(path), "a transcript") as fh:
        data = fh.read(max_bytes(path) + 1)
    if not data:
        raise TranscriptError("not a readable PDF (empty file, 0 bytes)", path)
    if b"%PDF" not in data[:1024]:
        raise TranscriptError(
            "not a PDF (it has no PDF header): is it named .pdf by mistake?", path
        )
    pages = _pages(data, path)
    return document(pages)


def _pages(data: bytes, path: Path) -> list[list[str]]:
    """Each page's lines of text, blank lines where the page leaves space between them."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    pages: list[list[str]] = []
    total = 0
    with _quiet():
        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except DependencyError:
                    # AES needs `cryptography` (a dependency): a broken install, not the file
                    raise TranscriptError(NO_CRYPTO, path) from None
                if not opened:
                    raise TranscriptError(PROTECTED, path)
            count = len(reader.pages)
            if count > MAX_PAGES:
                raise TranscriptError(
                    f"too large for a transcript ({count:,} pages; lernet reads at most "
                    f"{MAX_PAGES:,})",
                    path,
                )
            for page in reader.pages:
                text = _page_text(page)
                total += len(text)
                if total > MAX_TEXT_CHARS:
                    raise TranscriptError(
                        f"too large for a transcript (more than {MAX_TEXT_CHARS:,} characters "
                        "of text)",
                        path,
                    )
                pages.append(_lines(text))
        except TranscriptError:
            raise
        except FileNotDecryptedError:
            raise TranscriptError(PROTECTED, path) from None
        except DependencyError:
            raise TranscriptError(NO_CRYPTO, path) from None
        except RecursionError:
            raise TranscriptError(DAMAGED.format(detail=""), path) from None
        except Exception as exc:  # noqa: BLE001 - a damaged PDF raises anything pypdf meets
            raise TranscriptError(DAMAGED.format(detail=_detail(exc)), path) from None
    if not any(line for lines in pages for line in lines):
        raise TranscriptError(NO_TEXT, path)
    return pages


def _page_text(page: Any) -> str:
    """A page's text in layout mode (blank lines where there is space); pypdf's plain mode
    where the layout mode fails on a font it does not know."""
    try:
        return str(page.extract_text(extraction_mode="layout"))
    except Exception:  # noqa: BLE001
        return str(page.extract_text())


def _detail(exc: Exception) -> str:
    said = " ".join(str(exc).split())
    return f": {said[:80]}" if said else ""


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pypdf's warnings about a file's small defects are not the researcher's: kept off the
    screen while it reads (its modules' loggers take the level of "pypdf")."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _lines(text: str) -> list[str]:
    """A page's lines with the layout's padding taken out; blank lines kept (once)."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACES_RE.sub(" ", raw.replace("\x00", "")).strip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _key(line: str) -> str:
    """A line as a running header is the same on every page: its numbers aside."""
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def _edges(lines: list[str]) -> list[tuple[int, str]]:
    """The indexes of a page's first and last few lines of text, each with its side: a header
    stands at the top of the pages, a footer at the bottom."""
    filled = [i for i, line in enumerate(lines) if line]
    top = filled[:EDGE_LINES]
    return [(i, "top") for i in top] + [(i, "bottom") for i in filled[-EDGE_LINES:] if i not in top]


def drop_furniture(pages: list[list[str]]) -> tuple[int, list[str]]:
    """Take page numbers and running headers and footers out of `pages` (blanked in place):
    how many page numbers, and every running line left out as it stands."""
    from .labels import label_alone

    on_pages: Counter[tuple[str, str]] = Counter()
    # A line that also stands between a page's edges is the text's ("Jane Doe:" above a turn).
    inside: set[str] = set()
    for lines in pages:
        edges = _edges(lines)
        on_pages.update({(side, _key(lines[i])) for i, side in edges})
        at_edge = {i for i, _ in edges}
        inside.update(_key(line) for i, line in enumerate(lines) if line and i not in at_edge)
    # Of two or three pages, on each; of more, on three at least.
    need = max(2, min(len(pages), 3), math.ceil(MOST_PAGES * len(pages)))
    numbers = 0
    running: list[str] = []
    for lines in pages:
        for i, side in _edges(lines):
            line = lines[i]
            if _PAGE_NUMBER_RE.match(line):
                numbers += 1
            elif (
                on_pages[side, key := _key(line)] >= need
                and len(line.split()) <= MAX_RUNNING_WORDS
                and key not in inside
                and not label_alone(line)
            ):
                running.append(line)
            else:
                continue
            lines[i] = ""
    return numbers, running


def _broken_at_hyphen(line: str, after: str) -> bool:
    """Whether the hyphen ending `line` only breaks a word the next line ends: the whole word
    is in the Dutch or English dictionary ("samen-" / "werking"), where "plas-" / "dras" is not."""
    from ..language.lemmas import is_known

    head, tail = _BROKEN_WORD_RE.search(line), _NEXT_WORD_RE.match(after)
    if head is None or tail is None or not tail.group(1)[:1].islower():
        return False
    word = (head.group(1) + tail.group(1)).lower()
    return is_known(word, "nl") or is_known(word, "en")


def document(pages: list[list[str]]) -> RawDocument:
    """The pages' lines as a transcript's raw lines, numbered from the start of the text."""
    numbers, running = drop_furniture(pages)
    # A title block's fields above the first turn ("Naam: Griet Mertens", or a Word table's
    # "Naam    Griet Mertens"), read before the lines are joined.
    people, organisations = field_names(_fields(pages[0] if pages else []))
    # One line after another, with whether blank space (or nothing) stood before it.
    flow: list[tuple[str, bool]] = []
    for lines in pages:
        gap = False
        for line in lines:
            if not line:
                gap = True
                continue
            # Soft hyphens show only at a line's end, where they break a word.
            soft = "\u00ad" if line.endswith("\u00ad") else ""
            flow.append((line.replace("\u00ad", "") + soft, gap))
            gap = False
    lengths = sorted(len(line) for line, _ in flow)
    width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    paragraphs: list[RawParagraph] = []
    for number, (line, gap) in enumerate(flow, 1):
        before = paragraphs[-1] if paragraphs else None
        para = RawParagraph(line, number)
        if before is not None and not gap and width >= MIN_WIDTH:
            para.continues = len(before.text) >= FULL_LINE * width or before.text.endswith(
                ("-", "\u00ad")
            )
            if (
                para.continues
                and before.text.endswith("-")
                and _broken_at_hyphen(before.text, line)
            ):
                before.text = before.text[:-1] + "\u00ad"
        paragraphs.append(para)
    notes = []
    if numbers:
        notes.append(counted(numbers, "page number"))
    if running:
        notes.append(
            f"{counted(len(running), 'running header or footer', 'running headers or footers')} "
            f"(the same line on most pages: '{running[0]}')"
        )
    said = [f"left out {' and '.join(notes)}: not speech"] if notes else []
    metadata: dict[str, object] = {}
    if running:
        # the names they give are redacted as a Word header's are (coding.header_names)
        metadata["header_texts"] = list(dict.fromkeys(running))
    if people:
        metadata["names"] = sorted(set(people))
    if organisations:
        metadata["organisations"] = sorted(set(organisations))
    return RawDocument(paragraphs, metadata=metadata, unit="line", warnings=said)


MAX_FIELD_LINES = 12
"""How many lines at the top of the first page may be a title block's fields."""
MAX_FIELD_WORDS = 6
_SENTENCE_END_RE = re.compile(r"[.?!…]$")


def _fields(lines: list[str]) -> list[list[str]]:
    """The first page's top lines as "field | value" rows: split at a colon ("Naam: Griet
    Mertens") or after the first word ("Naam Griet Mertens", a table's row whose cells the
    layout's space kept apart). Only a field that names a person (with two capitalised words at
    least) or an organisation, with a short value; a line that ends a sentence ("Interviewer:
    Goedemorgen.", "Hoe begon het?") is speech, and the block ends there."""
    from .tables import ORGANISATION_FIELDS, PERSON_FIELDS

    rows = []
    for line in [line for line in lines if line][:MAX_FIELD_LINES]:
        head, colon, value = line.partition(":")
        if not colon or len(head.split()) > 3:
            head, _, value = line.partition(" ")
        value = value.strip()
        words = set(head.casefold().split())
        person, organisation = words & PERSON_FIELDS, words & ORGANISATION_FIELDS
        if _SENTENCE_END_RE.search(line) or (
            (person or organisation) and len(value.split()) > MAX_FIELD_WORDS
        ):
            break  # speech: the turns begin
        if not person and not organisation:
            continue  # "Datum 12 maart 2024", a title
        if person and not organisation and sum(w[:1].isupper() for w in value.split()) < 2:
            continue
        rows.append([head, value])
    return rows

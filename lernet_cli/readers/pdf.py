"""PDF transcripts, as a transcription service delivers them or Word's "Save as PDF" writes them.

The text layer is read with pypdf (imported here only: `lernet --help` stays fast), page by page
in its layout mode, which keeps the blank space between paragraphs. A PDF breaks lines at the
page's width, so each line says whether it runs on from the line before (`continues`): it does
when that line is not followed by blank space and fills most of the width; `labels` joins it
unless it starts a speaker turn. A word broken at a line end ("samen-" / "werking") is joined
where the dictionary knows it whole; a hyphen that belongs to the word ("plas-dras") stays.

Page numbers ("3", "- 3 -", "Page 3 of 12", "Pagina 3 van 12") and running headers and footers
(the same line at the top or bottom of most pages, and nowhere between, set apart by more space
than the text's lines leave) are left out and counted in a note; a speaker's label ("Speaker 1
00:01:12", "Interviewer:") or a short answer ("Ja.") that opens or ends most pages is not one.
A speaker table laid out in columns (Word's table saved as PDF) is read by its columns: see
`_table`. A PDF protected only against changes (AES or RC4, no password to open it) is read;
one that needs a password to open, one without text (a scan) and a damaged one, and one larger
than any interview (`MAX_PAGES`, `MAX_PAGE_CONTENT`, `MAX_CONTENT`) are refused in one line.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import TranscriptError
from ..language.plural import counted
from ..userfiles import open_regular
from .labels import RawDocument, RawParagraph
from .tables import field_names

MAX_PAGES = 1_000
"""Far beyond any interview (a 3-hour interview is some 60 pages, a day's focus groups 200)."""
MAX_PAGE_CONTENT = 1_000_000
"""Bytes of drawing instructions a page may hold, a form (a drawing of its own) counted each
time the page draws it: a page of Word's text holds 10-50 KB, and pypdf reads a megabyte of
text instructions in some 6 seconds. A hostile PDF (a form drawn a thousand times by one drawn
a thousand times) is refused before pypdf reads it, not left to run for hours."""
MAX_CONTENT = 16_000_000
"""The same for all pages together (a 60-page interview holds some 2 MB): at most some
1.5 minutes of reading, however the file was made."""
MAX_FORM_DEPTH = 12
"""How deeply forms drawn in forms are followed when their size is counted."""
MAX_TEXT_CHARS = 50_000_000
"""The text a PDF may hold, as `MAX_TEXT_BYTES` caps a .txt file."""
STEPS = 4
"""Blank lines pypdf's layout mode gives per font height of space: the finer measure tells a
footer's wider space from a paragraph's."""
PARAGRAPH_GAP = 2 * STEPS - 1
"""Blank lines (of `STEPS` a font height) that make a paragraph gap: space of two font heights
from one line to the next, where a line of text takes one and a bit."""
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
            content = 0
            for number, page in enumerate(reader.pages, 1):
                size = _content_size(page)
                content += size
                if size > MAX_PAGE_CONTENT or content > MAX_CONTENT:
                    said = (
                        f"page {number} draws more than {MAX_PAGE_CONTENT:,} bytes of content"
                        if size > MAX_PAGE_CONTENT
                        else f"pages 1-{number} draw more than {MAX_CONTENT:,} bytes of content"
                    )
                    raise TranscriptError(
                        f"too large for a transcript ({said}; a page of an interview draws some "
                        "50,000; lernet reads no more)",
                        path,
                    )
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


_DO_RE = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


def _content_size(page: Any) -> int:
    """The bytes of a page's drawing instructions that reading its text goes through: its own,
    and a form's (a drawing of its own) as often as it is drawn. Counting stops past the cap."""
    contents = page.get_contents()
    data = b"" if contents is None else contents.get_data()
    return len(data) + _forms_size(data, page.get("/Resources"), 0)


def _forms_size(data: bytes, resources: Any, depth: int) -> int:
    uses = Counter(_DO_RE.findall(data))
    if not uses:
        return 0
    if depth >= MAX_FORM_DEPTH:
        return MAX_PAGE_CONTENT + 1
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if resources is not None else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    total = 0
    for name, times in uses.items():
        form = xobjects.get("/" + name.decode("latin-1")) if xobjects is not None else None
        form = form.get_object() if form is not None else None
        if form is None or form.get("/Subtype") != "/Form":
            continue
        inner = form.get_data()
        size = len(inner) + _forms_size(inner, form.get("/Resources", resources), depth + 1)
        total += times * size
        if total > MAX_PAGE_CONTENT:
            break
    return total


def _page_text(page: Any) -> str:
    """A page's text in layout mode (`STEPS` blank lines a font height of space); pypdf's plain
    mode where the layout mode fails on a font it does not know."""
    try:
        return str(
            page.extract_text(extraction_mode="layout", layout_mode_font_height_weight=1 / STEPS)
        )
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
    """A page's lines as the layout sets them, columns in place and every blank line kept
    (`STEPS` of them a font height of space); none before the first line or after the last."""
    lines = [
        raw.replace("\x00", "").rstrip()
        for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    while lines and not lines[-1]:
        lines.pop()
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    return lines[start:]


def _clean(line: str) -> str:
    """A line with the layout's padding taken out."""
    return _SPACES_RE.sub(" ", line).strip()


def _key(line: str) -> str:
    """A line as a running header is the same on every page: its numbers aside."""
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def _edges(lines: list[str]) -> list[tuple[int, str]]:
    """The indexes of a page's first and last few lines of text, each with its side: a header
    stands at the top of the pages, a footer at the bottom."""
    filled = [i for i, line in enumerate(lines) if line]
    top = filled[:EDGE_LINES]
    return [(i, "top") for i in top] + [(i, "bottom") for i in filled[-EDGE_LINES:] if i not in top]


def _set_apart(lines: list[str]) -> set[int]:
    """The edge lines that more space than any between the page's other lines keeps apart from
    them: a header or footer is, a short answer said on the page's last line ("Ja.") is not."""
    filled = [i for i, line in enumerate(lines) if line]
    n = len(filled)

    def space(k: int) -> int:
        return filled[k] - filled[k - 1] - 1

    usual = max((space(k) for k in range(EDGE_LINES + 1, n - EDGE_LINES)), default=0)
    apart = set()
    for k in range(min(EDGE_LINES, n)):
        if any(space(j) > usual for j in range(k + 1, min(EDGE_LINES, n - 1) + 1)):
            apart.add(filled[k])
    for k in range(max(0, n - EDGE_LINES), n):
        if any(space(j) > usual for j in range(max(1, n - EDGE_LINES), k + 1)):
            apart.add(filled[k])
    return apart


def drop_furniture(pages: list[list[str]]) -> tuple[int, list[str]]:
    """Take page numbers and running headers and footers out of `pages` (blanked in place):
    how many page numbers, and every running line left out as it stands.

    A running line stands at the same edge of most pages, set apart from the text by more space
    than the text's lines leave between them on at least half of those pages, and is no
    speaker's label: a short answer ("Ja.") or a label ("Interviewer:") that ends most pages
    in the flow of the text is speech."""
    from .labels import label_alone, looks_like_label

    on_pages: Counter[tuple[str, str]] = Counter()
    apart_on: Counter[tuple[str, str]] = Counter()
    # A line that also stands between a page's edges is the text's ("Jane Doe:" above a turn).
    inside: set[str] = set()
    for lines in pages:
        edges = _edges(lines)
        apart = _set_apart(lines)
        on_pages.update({(side, _key(lines[i])) for i, side in edges})
        apart_on.update({(side, _key(lines[i])) for i, side in edges if i in apart})
        at_edge = {i for i, _ in edges}
        inside.update(_key(line) for i, line in enumerate(lines) if line and i not in at_edge)
    # Of two or three pages, on each; of more, on three at least.
    need = max(2, min(len(pages), 3), math.ceil(MOST_PAGES * len(pages)))
    numbers = 0
    running: list[str] = []
    for lines in pages:
        for i, side in _edges(lines):
            line = _clean(lines[i])
            if _PAGE_NUMBER_RE.match(line):
                numbers += 1
            elif (
                on_pages[side, key := _key(line)] >= need
                and 2 * apart_on[side, key] >= on_pages[side, key]
                and len(line.split()) <= MAX_RUNNING_WORDS
                and key not in inside
                and not label_alone(line)
                and not (line.endswith(":") and looks_like_label(line[:-1]))
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


TABLE_SHARE = 0.6
"""A table's text column: where this share of the lines (of a cell's text, wrapped or not)
starts, at the same place, after two spaces or more of the layout's."""
_GUTTER_RE = re.compile(r"(?<=\S) {2,}(?=\S)")
_CELLS_RE = re.compile(r" {2,}")


def _starts(line: str) -> set[int]:
    """Where a cell's text may start on a laid-out line: after its indent, or after a gutter."""
    indent = len(line) - len(line.lstrip(" "))
    found = {m.end() for m in _GUTTER_RE.finditer(line)}
    return found | {indent} if indent else found


@dataclass
class _Row:
    first: int
    """Index of its first line in the flow."""
    left: list[str]
    text: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    wraps: bool = False
    """Its one left cell stands right below the row before's, beside that row's first line of
    text: it may be that row's speaker wrapping beside its text ("Projectleider" / "gemeente")."""


_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")


def _speaker_at(left: list[str]) -> int:
    """Which of a row's left cells is its speaker's: the last one that is no time."""
    from .labels import is_timestamp

    return next((i for i in reversed(range(len(left))) if not is_timestamp(left[i])), -1)


def _wrapped_speakers(rows: list[_Row]) -> list[_Row]:
    """The rows with each speaker's name that wrapped beside wrapping text joined into its row
    ("Projectleider" / "gemeente"): where the row's text runs on (its line ends no sentence), the
    line below goes on in lower case (its text's or the name's), and the piece is no speaker of
    its own (a role word, or a name that starts a row elsewhere). A turn cut off without a full
    stop, the next speaker's row below it, keeps that speaker."""
    from .labels import fold, role_word

    own = {fold(c) for r in rows if not r.wraps for c in r.left}
    joined: list[_Row] = []
    for r in rows:
        before = joined[-1] if joined else None
        piece = r.left[0] if r.left else ""
        if (
            r.wraps
            and before is not None
            and before.text
            and not _SENTENCE_END.search(before.text[-1])
            and (piece[:1].islower() or r.text[0][:1].islower())
            and fold(piece) not in own
            and role_word(piece) is None
        ):
            before.left[_speaker_at(before.left)] += " " + piece
            before.text += r.text
            before.lines += r.lines
            continue
        joined.append(r)
    return joined


def _table(lines: list[str]) -> tuple[list[_Row], list[tuple[str | None, str | None, str]]] | None:
    """A speaker table laid out in columns (a Word table saved as PDF, a service's "speaker |
    time | text" export): its rows, each with (speaker, time, text), or None if there is none.

    pypdf's layout mode sets each column at the same place on every line, whatever order the
    file draws them in; a line with text left of the text column starts a row, a line with text
    only in that column (a cell's wrapped line, or the rest of a row a page break split)
    continues it. Whether the rows are turns is decided as for a .docx's table."""
    from .labels import is_timestamp
    from .tables import _is_header, _mostly, speaker_rows

    filled = [line for line in lines if line]
    if len(filled) < 2:
        return None
    starts: Counter[int] = Counter()
    for line in filled:
        starts.update(_starts(line))
    near = {c: starts[c - 1] + starts[c] + starts[c + 1] for c in starts}
    wide = [c for c, n in near.items() if n >= TABLE_SHARE * len(filled)]
    if not wide:
        return None
    column = max(wide)
    rows: list[_Row] = []
    row: _Row | None = None
    left_open = paired = False
    for k, line in enumerate(lines):
        after_pair, paired = paired, False
        if not line:
            left_open = False
            continue
        at = next((c for c in (column, column - 1, column + 1) if c in _starts(line)), None)
        if at is None:
            if row is not None and len(line) < column - 1:
                # a cell of the left columns with nothing beside it: the speaker's cell
                # wrapping below the text's, or a row without text
                if left_open:
                    row.left[_speaker_at(row.left)] += " " + _clean(line)
                else:
                    row = _Row(k, [_clean(line)], lines=[k])
                    rows.append(row)
                row.lines.append(k)
                left_open = True
                continue
            row, left_open = None, False
            continue
        left, right = line[:at].strip(), _clean(line[at:])
        if left:
            given = _CELLS_RE.split(left)
            wraps = (
                after_pair
                and row is not None
                and len(row.text) == 1
                and len(given) == 1
                and not is_timestamp(left)
            )
            row = _Row(k, given, [right], [k], wraps)
            rows.append(row)
            left_open = paired = True
        elif row is not None:
            row.text.append(right)
            row.lines.append(k)
            left_open = False
    rows = _wrapped_speakers(rows)
    if len(rows) < 2:
        return None
    width = 1 + Counter(len(r.left) for r in rows).most_common(1)[0][0]
    if width not in (2, 3) or any(len(r.left) > width - 1 for r in rows):
        return None
    cells: list[list[str]] = []
    for r in rows:
        given = r.left
        if len(given) < width - 1:
            given = [given[0], ""] if not is_timestamp(given[0]) else ["", given[0]]
        cells.append([*given, _joined(r.text)])
    if width == 3:
        # the time column first or second: as the rows that have both cells say
        full = [c for c, r in zip(cells, rows, strict=True) if len(r.left) == 2]
        if full and _mostly([c[0] for c in full], is_timestamp):
            cells = [
                c if len(r.left) == 2 else [c[1], c[0], c[2]]
                for c, r in zip(cells, rows, strict=True)
            ]
    turns = speaker_rows(cells, [_is_header(c) for c in cells])
    if turns is None:
        return None
    return rows, [("", None, "") if turn is None else turn for turn in turns]


def _joined(lines: list[str]) -> str:
    """A cell's wrapped lines as one text: a word broken at a line's end joined where the
    dictionary knows it whole, a hyphen that belongs to it kept."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("\u00ad") or (text.endswith("-") and _broken_at_hyphen(text, line)):
            text = text[:-1] + line
        elif re.search(r"\w-$", text):
            text += line
        else:
            text += " " + line
    return text.replace("\u00ad", "")


def document(pages: list[list[str]]) -> RawDocument:
    """The pages' lines as a transcript's raw lines, numbered from the start of the text."""
    numbers, running = drop_furniture(pages)
    # One line after another, with whether blank space (or nothing) stood before it.
    flow: list[tuple[str, bool]] = []
    first_page = 0
    for n, lines in enumerate(pages):
        blanks = 0
        for line in lines:
            if not line:
                blanks += 1
                continue
            flow.append((line, blanks >= PARAGRAPH_GAP))
            blanks = 0
        if n == 0:
            first_page = len(flow)
    table = _table([line for line, _ in flow])
    rows_at = {r.first: (r, turn) for r, turn in zip(*table, strict=True)} if table else {}
    in_rows = {k for r in table[0] for k in r.lines} if table else set()
    # A title block's fields above the first turn ("Naam: Griet Mertens", or a Word table's
    # "Naam    Griet Mertens"), read before the lines are joined.
    top = min([first_page, *rows_at])
    people, organisations = field_names(_fields([_clean(line) for line, _ in flow[:top]]))
    cleaned = [(_clean(line), gap) for line, gap in flow]
    lengths = sorted(len(line) for k, (line, _) in enumerate(cleaned) if k not in in_rows)
    width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    paragraphs: list[RawParagraph] = []
    for k, (line, gap) in enumerate(cleaned):
        number = k + 1
        if k in rows_at:
            _, (speaker, timestamp, text) = rows_at[k]
            if speaker or text:
                paragraphs.append(RawParagraph(text, number, speaker=speaker, timestamp=timestamp))
            continue
        if k in in_rows:
            continue
        # Soft hyphens show only at a line's end, where they break a word.
        soft = "\u00ad" if line.endswith("\u00ad") else ""
        line = line.replace("\u00ad", "") + soft
        before = paragraphs[-1] if paragraphs and k - 1 not in in_rows else None
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
    least, or a word of a script without capitals) or an organisation, with a short value; a
    line that ends a sentence ("Interviewer: Goedemorgen.", "Hoe begon het?") is speech, and the
    block ends there."""
    from ..language.scripts import uncased, written_as_name
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
        named = [w for w in value.split() if written_as_name(w)]
        if person and not organisation and len(named) < 2 and not any(map(uncased, named)):
            continue  # a name in a script without capitals may be one word: "田中花子"
        rows.append([head, value])
    return rows

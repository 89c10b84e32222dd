"""Speaker tables in word-processor documents (.docx, .odt): speaker | text, optionally a time.

Format readers hand over each row's cell texts; this module decides whether the table is a
transcript laid out in columns or just a table (a "Datum | 12 maart" header block).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Protocol

from .labels import clean_label, fold, is_timestamp, looks_like_label, role_word
from .labels.title import withheld

HEADER_WORDS = frozenset(
    """spreker speaker naam name wie who tekst text transcript transcriptie tijd time tijdstip
    timestamp tijdcode timecode uitspraak utterance inhoud content rol role""".split()
)

Marks = list[tuple[str, str, int]]
"""Comment anchors met in a text: (kind, comment id, offset in the text)."""


def cell_text(paragraphs: Iterable[tuple[str, Marks]]) -> tuple[str, Marks]:
    """A cell's text (its paragraphs stripped, joined by newlines) with anchors moved to match."""
    texts: list[str] = []
    marks: Marks = []
    length = 0
    for text, para_marks in paragraphs:
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        if texts and stripped:
            length += 1
        for kind, cid, at in para_marks:
            marks.append((kind, cid, length + min(max(at - lead, 0), len(stripped))))
        if stripped:
            texts.append(stripped)
            length += len(stripped)
    return "\n".join(texts), marks


def _mostly(values: list[str], test: Callable[[str], bool]) -> bool:
    filled = [v for v in values if v]
    return bool(filled) and sum(1 for v in filled if test(v)) >= 0.8 * len(filled)


def _is_header(row: list[str]) -> bool:
    return any(row) and all(fold(c).strip(":") in HEADER_WORDS for c in row if c)


def _labels_on_own_lines(texts: list[str]) -> set[str]:
    """The first lines of cells with more lines after them that are a speaker's label on a line
    of its own ("Interviewer" above the question): a role word, or a name that opens two cells
    at least; "Precies" above the rest of an answer opens one."""
    heads = [t.partition("\n")[0] for t in texts if "\n" in t]
    counts = Counter(fold(h) for h in heads)
    return {
        fold(h)
        for h in heads
        if looks_like_label(h)
        and not h.rstrip().endswith(".")
        and (role_word(h) or counts[fold(h)] >= 2)
    }


def speaker_rows(
    rows: list[list[str]], marked: list[bool]
) -> list[tuple[str | None, str | None, str] | None] | None:
    """Per row (speaker, timestamp, text), or None for a header row; None if no speaker table.

    A speaker table has 2 columns (speaker | text) or 3 (a timestamp column first or second), its
    speaker cells look like labels, and either it has a "Spreker | Tekst" header, a speaker recurs,
    or all speakers are role words: a two-column "Datum | 12 maart" table is not one. `marked`
    says which rows the file itself marks as header rows.

    A two-column table whose first column holds times ("00:01:23 | Interviewer: Hoe lang...")
    is one too, its speaker None: the labels are in the text, read as a line's are, and a row
    without one goes on with the turn before, as a paragraph without a label does.
    """
    if not rows:
        return None
    width = len(rows[0])
    if width not in (2, 3) or any(len(row) != width for row in rows):
        return None
    headers = [
        m or (i == 0 and _is_header(row))
        for i, (row, m) in enumerate(zip(rows, marked, strict=True))
    ]
    body = [row for row, h in zip(rows, headers, strict=True) if not h]
    if not body:
        return None
    ts_col: int | None = None
    if width == 3:
        ts_col = next((c for c in (0, 1) if _mostly([r[c] for r in body], is_timestamp)), None)
        if ts_col is None:
            return None
    elif _mostly([r[0] for r in body], is_timestamp):
        own_line = _labels_on_own_lines([row[1] for row in body])
        out: list[tuple[str | None, str | None, str] | None] = []
        for row, header in zip(rows, headers, strict=True):
            head, _, rest = row[1].partition("\n")
            if header:
                out.append(None)
            elif rest and fold(head) in own_line:
                out.append((clean_label(head), row[0] or None, rest))
            else:
                out.append((None, row[0] or None, row[1]))
        return out
    speaker_col = 0 if ts_col != 0 else 1
    speakers = [row[speaker_col] for row in body if row[speaker_col]]
    if not _mostly(speakers, looks_like_label):
        return None
    keys = [fold(clean_label(s)) for s in speakers]
    if not any(headers) and len(set(keys)) == len(keys) and not all(map(role_word, speakers)):
        return None
    return [
        None
        if header
        else (
            clean_label(row[speaker_col]),
            row[ts_col] if ts_col is not None and row[ts_col] else None,
            row[-1],
        )
        for row, header in zip(rows, headers, strict=True)
    ]


PERSON_FIELDS = frozenset(
    """naam name respondent deelnemer geinterviewde interviewee participant interviewer
    interviewster onderzoeker researcher""".split()
)
"""Words of a header table's field that give a person's name: "Naam | Griet Mertens"."""
ORGANISATION_FIELDS = frozenset(
    """school scholengroep organisatie organisation organization bedrijf company werkgever
    employer instelling institution praktijk practice ziekenhuis hospital afdeling department
    dienst vestiging""".split()
)
"""Words of a field that give an organisation's: "School | VBS 't Hofke", "Naam school | ..."."""


def field_names(rows: list[list[str]]) -> tuple[list[str], list[str]]:
    """The people's and the organisations' names a table that is no speaker table gives in
    "field | value" cells (two or four to a row): "Naam | Griet Mertens", "School | VBS 't
    Hofke, Lier", "Interviewee | Rachel Doyle (P05)". A value may hold several, on lines or
    separated by commas or "and"; one without a capital ("leerkracht") or a letter ("19 maart
    2024" has one, but no capital) names nobody, unless written in a script without capitals
    ("Naam | 田中 花子"), and nor does a role, a common word or a name withheld ("Naam |
    Anoniem", "Name | [redacted]": `names_someone`)."""
    from ..language.scripts import uncased
    from .label_names import names_someone

    people: list[str] = []
    organisations: list[str] = []
    for row in rows:
        if len(row) not in (2, 4):
            continue
        for field, value in zip(row[::2], row[1::2], strict=True):
            words = set(fold(field).replace(":", " ").split())
            into = (
                organisations
                if words & ORGANISATION_FIELDS
                else people
                if words & PERSON_FIELDS or role_word(clean_label(field))
                else None
            )
            if into is None or withheld(value):
                continue
            value = _AND_RE.sub(",", _REMARK_RE.sub(" ", value).replace("\n", ","))
            for piece in value.split(","):
                piece = " ".join(piece.split())
                named = any(c.isupper() for c in piece) or any(map(uncased, piece.split()))
                if named and not any(c.isdigit() for c in piece) and names_someone(piece):
                    into.append(piece)
    return people, organisations


_REMARK_RE = re.compile(r"\([^()]*\)")
"""A remark in brackets after a name: "Rachel Doyle (P05)", "Jonas (jobstudent)"."""
_AND_RE = re.compile(r"\s+(?:and|en|&)\s+")
"""Between two names: "Emma Clarke and Tom Hale"."""


MAX_FIELD_HEAD_WORDS = 3
"""Of a title line's field before its colon: "Naam", "Naam respondent", "Naam van school"."""


def colon_fields(lines: Iterable[str]) -> list[list[str]]:
    """Title lines written as "field: value" ("Naam: Griet Mertens", "Datum: 12 maart") as
    "field | value" rows, for `field_names`; any other line is left out."""
    rows = []
    for line in lines:
        head, colon, value = line.partition(":")
        if colon and head.strip() and len(head.split()) <= MAX_FIELD_HEAD_WORDS and value.strip():
            rows.append([head.strip(), value.strip()])
    return rows


class _Found(Protocol):
    names: list[str]
    organisations: list[str]


def names_metadata(found: _Found) -> dict[str, object]:
    """A document's header-table names as transcript metadata, under the keys Markdown front
    matter uses for the same (`names:`, `organisations:`)."""
    out: dict[str, object] = {}
    if found.names:
        out["names"] = sorted(set(found.names))
    if found.organisations:
        out["organisations"] = sorted(set(found.organisations))
    return out


TITLE_CHARS = 200


def title_text(text: str) -> str | None:
    """A heading's text as a document's title: its words on one line, cut at TITLE_CHARS."""
    words = " ".join(text.split())
    return words[:TITLE_CHARS] or None

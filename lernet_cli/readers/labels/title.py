"""A title block above the first turn, as transcription services write one ("Interview 5 – Care
home study", "Date: 12 March 2026", "Interviewer: Emma Clarke", "Duration: 41 minutes"): its
labelled lines are fields, not turns, though their label is a speaker's further down."""

from __future__ import annotations

import re
from collections import Counter

from ...language.scripts import written_as_name
from ...language.text import fold_label as fold
from .lines import _Line
from .words import _FILLERS, PARTICLES

MAX_TITLE_BLOCK_LINES = 12
MAX_FIELD_WORDS = 8
"""Of a field's value: a name, a place, a date, a duration; speech is longer."""
MAX_TITLE_LINE_WORDS = 10

_CALENDAR = frozenset(
    """januari februari maart april mei juni juli augustus september oktober november december
    january february march may june july august october jan feb mrt mar apr jun jul aug sep sept
    okt oct nov dec maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday
    wednesday thursday friday saturday sunday mon tue wed thu fri sat sun""".split()
)
_UNITS = frozenset(
    """min mins minute minutes minuut minuten sec secs second seconds seconde seconden uur uren
    hour hours hr hrs h u m s am pm ca circa approx approximately ongeveer""".split()
)
_CONNECTORS = frozenset("en and & / - – — | + x".split())
"""Between two names or two times: "Emma Clarke en Tom Hale", "10:00 – 10:41"."""
_GREETINGS = frozenset(
    """hallo hello hi hoi hey welkom welcome dag goedemorgen goedemiddag goedenavond morning
    thanks bedankt dankjewel dankuwel""".split()
)
"""Capitalised words that open speech, not a name: "Interviewer: Welkom"."""
WITHHELD = frozenset(
    """anonymous anoniem anonieme anonymised anonymized geanonimiseerd geanonimiseerde redacted
    withheld confidential vertrouwelijk nvt n.v.t n/a na none geen""".split()
)
"""What a field says where no name is given: "Respondent: Anoniem", "Naam: n.v.t.". Never a
name to redact (it would hide "anonymous" wherever it is said)."""

_BRACKETED_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_NOT_A_FIELD_RE = re.compile(r"[?!…;]|(?<!\d):|:(?!\d)")
"""A question, an exclamation, or a colon that is no clock time's: speech, or more fields."""


def withheld(value: str) -> bool:
    """Whether a field's value says no name is given ("Anoniem", "[redacted]", "n.v.t.")."""
    words = [fold(w).strip(".,;") for w in _BRACKETED_RE.sub(" ", value).split()]
    return bool(value.strip()) and all(w in WITHHELD for w in words)


def field_value(value: str) -> bool:
    """Whether a labelled line's text is a field's value, not speech: a name or a place
    (capitalised words, with particles, "en" or a remark in brackets between), a date, a time or
    a number with its unit ("41 minutes"), a code ("P05"), or a name withheld ("anonymous")."""
    if withheld(value):
        return True
    words = _BRACKETED_RE.sub(" ", value).split()
    if not words or len(words) > MAX_FIELD_WORDS or _NOT_A_FIELD_RE.search(value):
        return False
    last = words[-1]
    if last.endswith(".") and not (
        "." in last[:-1] or len(last.rstrip(".")) == 1 or any(c.isdigit() for c in last)
    ):
        return False  # "Precies." ends a sentence; "J." or "a.m." an initial or abbreviation
    from ...language.stopwords import STOPWORDS

    for word in words:
        key = fold(word).strip(".,")
        if not key or key in _CONNECTORS or key in _CALENDAR or key in _UNITS:
            continue
        if any(c.isdigit() for c in key) or key in PARTICLES:
            continue
        if not written_as_name(word) or key in STOPWORDS or key in _FILLERS or key in _GREETINGS:
            return False
    return True


def _more_than_a_word(value: str) -> bool:
    """Whether a field's value says more than one word could: two words, a digit, no name."""
    words = _BRACKETED_RE.sub(" ", value).split()
    return len(words) >= 2 or any(c.isdigit() for c in value) or withheld(value)


def _title_line(line: _Line) -> bool:
    """A line of a title block without a speaker's label: a short title ("Interview 5 – Care
    home study") or a field no label is made of ("Date: 12 March 2026", "Duur: 41 min")."""
    if line.pre_split or line.para.in_table:
        return False
    text = line.body.strip()
    head, colon, value = text.partition(":")
    if colon and len(head.split()) <= 3 and value.strip():
        return len(value.split()) <= MAX_FIELD_WORDS and not value.rstrip().endswith("?")
    return len(text.split()) <= MAX_TITLE_LINE_WORDS and not text.endswith((".", "?", "!", "…"))


def title_fields(lines: list[_Line], taken: set[int]) -> list[int]:
    """The lines of a title block above the first turn that a label was taken on but are
    fields: a role word ("Interviewer: Emma Clarke") or a label used nowhere else ("Site:
    Riverside") before a value that is no speech (`field_value`).

    The block is the lines before the first that is clearly speech: a label before speech, a
    sentence, a long line. It must be a block: two of its lines at least, or one field whose
    value says more than a single word could ("Interviewee: Rachel Doyle", "Participant: P05");
    one "Interviewer: Emma" above the turns may be the interviewer greeting Emma."""
    counts = Counter(line.key for line in lines if line.shape)
    block: list[int] = []
    fields: list[int] = []
    for i, line in enumerate(lines[:MAX_TITLE_BLOCK_LINES]):
        s = line.shape
        if i in taken and s is not None and not line.pre_split:
            if not (line.colon and (s.role or counts[line.key] == 1)):
                break
            if not field_value(line.rest):
                break
            fields.append(i)
        elif not _title_line(line):
            break
        block.append(i)
    if not fields or (len(block) < 2 and not _more_than_a_word(lines[fields[0]].rest)):
        return []
    return fields

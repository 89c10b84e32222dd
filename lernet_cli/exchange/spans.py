"""What an exported coding covers (its passage) and how REFI-QDA positions are counted.

Passages. lernet's rules find evidence: often a word or two ("kennis"). Other QDA tools show a
coding as the text it covers, so an export widens a rule's evidence to a passage a researcher can
read and quote: the sentence(s) holding it (`sentence`, what `lernet quotes` shows, cut as it
cuts a sentence that runs on for dozens of words, as speech recognition writes), the whole
turn (`turn`), or only the evidence (`evidence`). A coding a person marked (a Word comment, an
inline tag, a coding made in another tool) keeps exactly the words they marked.

Positions. REFI-QDA 1.5 (section 10.2) counts Unicode code points; NVivo counts the UTF-16 code
units of .NET strings, where a character outside the Basic Multilingual Plane (most emoji, some
symbols and CJK extensions) counts as two. Both counts agree on every other character.
"""

from __future__ import annotations

import bisect
from datetime import UTC, datetime

from ..analysis.quotes import cut_around, marked_by_a_person, sentence_span
from ..errors import UsageError
from ..store.store import CodingRow

SPANS = ("evidence", "sentence", "turn")
DEFAULT_SPAN = "sentence"

POSITIONS = ("utf16", "codepoints")
DEFAULT_POSITIONS = "utf16"
POSITION_NAMES = {"utf16": "UTF-16 code units", "codepoints": "Unicode code points"}


def check_span(span: str) -> str:
    if span not in SPANS:
        raise UsageError(f"--span takes {', '.join(SPANS)}; not {span!r}")
    return span


def check_positions(positions: str) -> str:
    if positions not in POSITIONS:
        raise UsageError(f"--positions takes {', '.join(POSITIONS)}; not {positions!r}")
    return positions


def passage(row: CodingRow, span: str) -> tuple[int, int]:
    """Where the exported passage of a coding stands in its segment's text (start, end)."""
    text, start, end = row.segment_text, row.start, row.end
    if span == "evidence" or marked_by_a_person(row):
        return start, end
    if span == "turn":
        a, b = len(text) - len(text.lstrip()), len(text.rstrip())
    else:
        # a sentence without punctuation (speech recognition) is cut as `lernet quotes` cuts it
        a, b, _, _ = cut_around(text, *sentence_span(text, start, end), start, end)
    return min(a, start), max(b, end)


class Counter:
    """Converts between Python string indices (code points) and one REFI-QDA position count."""

    def __init__(self, text: str, positions: str):
        self.text = text
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral = astral if positions == "utf16" else []
        # position (in units) at which each astral character starts, for the way back
        self._unit_starts = [i + n for n, i in enumerate(self._astral)]

    def out(self, index: int) -> int:
        """A string index as a position."""
        return index + bisect.bisect_left(self._astral, index)

    def back(self, position: int, end: bool = False) -> int:
        """A position as a string index. A position inside a character (between the two units of
        a surrogate pair) moves to its start, or to its end when it ends a selection."""
        n = bisect.bisect_left(self._unit_starts, position)
        inside = n > 0 and self._unit_starts[n - 1] + 1 == position
        if inside:
            return self._astral[n - 1] + (1 if end else 0)
        return position - n


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def xml_time(value: str | None) -> str | None:
    """A stored time as xsd:dateTime in UTC (`2024-03-01T12:00:00Z`); None if it is not a time."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stored_time(value: str | None) -> str | None:
    """Another tool's xsd:dateTime as the store keeps times (ISO 8601, UTC); None if unreadable."""
    shown = xml_time(value)
    if shown is None:
        return None
    return datetime.strptime(shown, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).isoformat()

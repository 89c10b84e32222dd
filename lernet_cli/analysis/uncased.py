"""Turns written without capitals (speech recognition), where a name shows no capital: counted,
so that `lernet names` and the notes after outputs say where names may be that nothing finds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .anonymize import is_cased
from .name_files import _WORD

UNCASED_WORDS = 5
"""A turn of at least this many words without a capital is written without capitals; a short
one ("ja", "oké dank u") may be so in any transcript."""


@dataclass
class Uncased:
    """Turns written without capitals (speech recognition), where a name shows no capital."""

    turns: int = 0
    transcripts: dict[str, int] = field(default_factory=dict)
    """Transcript -> its turns without capitals."""

    def files(self) -> list[str]:
        """The transcripts, most such turns first."""
        return sorted(self.transcripts, key=lambda t: (-self.transcripts[t], t))


def uncased_text(texts: Iterable[tuple[str, str]], marks: Iterable[str] = ()) -> Uncased:
    """Of (transcript, text) pairs, those written without capitals (UNCASED_WORDS words or more,
    no capital letter). `marks`: the redaction marks of anonymized text ("[name]"), each of which
    stands for a name, written with its capital ("[name] really is …" is no text without
    capitals)."""
    out = Uncased()
    shown = [m for m in marks if m]
    for where, text in texts:
        for mark in shown:
            text = text.replace(mark, " Name ")
        if not is_cased(text) and len(_WORD.findall(text)) >= UNCASED_WORDS:
            out.turns += 1
            out.transcripts[where] = out.transcripts.get(where, 0) + 1
    return out

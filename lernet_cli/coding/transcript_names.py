"""The names a transcript gives outside its speech: in speaker labels, front matter and page
headers, which the rules must not read and the redactor hides."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from pathlib import Path

from ..model import Transcript
from .header_names import HEADER_MARK, ORGANISATION_MARK, header_names, names_in

_WORD_RE = re.compile(r"\w+")


def speaker_names(transcript: Transcript, language: str = "nl") -> list[str]:
    """People's names in speaker labels ("Eva", "Jane" of "Nurse Jane"; never a role such as
    "Nurse" or "Verpleegkundige 2", nor a common word), and the names the file gives outside
    its speech: front matter's, a header table's ("Naam | Griet Mertens"), and their
    organisations (marked `ORGANISATION_MARK`); and those of a PDF's running headers and an
    RTF's page headers (marked `HEADER_MARK`, as `redactable_header_names` marks a .docx's)."""
    from ..readers.label_names import label_names, names_someone

    lowercase = _LowercaseWords(transcript)
    names = set()
    for speaker in {t.speaker for t in transcript.turns if t.speaker}:
        names.update(label_names(speaker, language, lowercase))
    for key, mark in (
        ("name", ""),
        ("names", ""),
        ("organisations", ORGANISATION_MARK),
        ("organizations", ORGANISATION_MARK),
    ):
        value = transcript.metadata.get(key)
        if isinstance(value, str):
            names.add(mark + value)
        elif isinstance(value, list):
            names.update(mark + str(v) for v in value)
    # A PDF's running headers and footers, an RTF's page headers: read as a Word header is.
    texts = transcript.metadata.get("header_texts")
    if isinstance(texts, list):
        found = names_in(" \n ".join(str(t) for t in texts))
        names.update(HEADER_MARK + n for n in found if names_someone(n, (language,)))
    return sorted(names)


class _LowercaseWords(Collection[str]):
    """The words a transcript's speech uses in lower case (case-folded), read on first use: only
    a label that also holds a role asks, so most transcripts are never read word by word."""

    def __init__(self, transcript: Transcript):
        self._transcript = transcript
        self._words: set[str] | None = None

    def _read(self) -> set[str]:
        if self._words is None:
            self._words = {
                word.casefold()
                for turn in self._transcript.turns
                for word in _WORD_RE.findall(turn.text)
                if word[:1].islower()
            }
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self._read()

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


def redactable_header_names(path: Path, language: str = "nl") -> list[str]:
    """Names in a Word or OpenDocument page header, less those made of role words only ("Ward
    Nurse"), marked "=": a header may name an organisation as well as a person."""
    from ..readers.label_names import names_someone

    return [HEADER_MARK + n for n in header_names(path) if names_someone(n, (language,))]

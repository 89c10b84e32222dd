"""Transcripts read once: the language guess reads a sample of the files, and coding takes
those transcripts instead of reading the files again; readers are imported only where a file is
read (re-coding from the store imports none)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LernetError
from ..language.detect import Guess
from ..model import Transcript
from .ondisk import stat_key

if TYPE_CHECKING:
    from ..readers.kind import NoInterview


def not_an_interview(transcript: Transcript, path: Path) -> NoInterview | None:
    """`readers.kind.not_an_interview`, imported where a file was read: re-coding from the store
    reads none and imports no reader."""
    from ..readers.kind import not_an_interview as judged

    return judged(transcript, path)


LANGUAGE_SAMPLE_FILES = 40
"""How many transcripts the language guess reads at most, spread over all of them."""
LANGUAGE_SAMPLE_WORDS = 1_000
"""How many words of each it looks at."""
_READ_FOR_LANGUAGE: dict[Path, tuple[tuple[int, ...], Transcript]] = {}
"""Transcripts read to tell their language, with their file's stat then: coding the file as it
was, with the built-in interviewer labels, takes the transcript instead of reading the file again
(the first `lernet code` in a project read those files twice)."""


def transcripts_language(
    paths: list[Path], most: int = LANGUAGE_SAMPLE_FILES, in_folders: Collection[Path] = ()
) -> FilesGuess:
    """The language most transcripts are in, each read as its own first words' function words
    say: all of them, or `most` spread evenly over the list (never only the first by name), and
    how many read as each language (`Guess.files`, `Guess.mixed`). Of `in_folders`, those that
    look like no interview (an English consent form among Dutch interviews) do not count, as
    `lernet code` leaves them out."""
    from ..language.detect import files_language
    from ..readers import read_transcript

    if len(paths) > most:
        paths = [paths[i * len(paths) // most] for i in range(most)]
    read: list[Path] = []

    def texts() -> Iterator[list[str]]:
        for path in paths:
            before = stat_key(path)
            try:
                transcript = read_transcript(path)
            except LernetError:
                continue  # reported when the file is coded
            if before is not None and before == stat_key(path):
                _READ_FOR_LANGUAGE[path] = (before, transcript)
            if path in in_folders and not_an_interview(transcript, path) is not None:
                continue
            read.append(path)
            yield [t.text for t in transcript.turns]

    guess = files_language(texts(), words_per_file=LANGUAGE_SAMPLE_WORDS)
    return FilesGuess(guess.language, guess.counts, guess.files, guess.per_file, read)


@dataclass
class FilesGuess(Guess):
    """The transcripts' language (`transcripts_language`), with the files it read."""

    paths: list[Path] = field(default_factory=list)

    def other(self) -> list[Path]:
        """The files read as a language other than the one chosen."""
        return [
            p
            for p, lang in zip(self.paths, self.per_file, strict=False)
            if lang is not None and lang != self.language
        ]


def _read(path: Path, explicit: list[str] | None) -> Transcript:
    """The file's transcript: the one read to tell the language if the file is as it was then
    and read alike, else read now."""
    from ..readers import read_transcript

    earlier = _READ_FOR_LANGUAGE.pop(path, None)
    if earlier is not None and explicit is None and earlier[0] == stat_key(path):
        return earlier[1]
    return read_transcript(path, interviewer=explicit)

"""The transcripts' file names as `lernet names` reads them: the parts a name may stand in, the
words of a participant's id, and the words many participants' file names share (boilerplate such
as "Interview", "Ronde"), which are no name."""

from __future__ import annotations

import regex

from ..language.names import file_name_words
from .anonymize import file_name_shown

_WORD = regex.compile(r"[^\W\d_](?:[\w’']*[^\W_])?(?:-[^\W\d_][\w]*)*")


def file_name_parts(path: str) -> list[str]:
    """A stored transcript path as anonymized outputs show it, in the parts a name may stand
    in: each folder's name and the file's name without its extension."""
    from pathlib import PurePosixPath

    parts = [p for p in regex.split(r"[/\\]", file_name_shown(path)) if p]
    if parts:
        parts[-1] = PurePosixPath(parts[-1]).stem
    return parts


def _id_words(pid: str) -> set[str]:
    """The letters of a coded participant id as a file name's words are read: EN of EN01, CH
    of CH04, INT of INT_07; an id's word that could be a name (Jansen of Jansen01, Jansen)
    is no code's, and stays a likely name for `lernet names` to show."""
    if not any(c.isdigit() for c in pid):
        return set()
    words = _WORD.findall(file_name_words(pid))
    return {w.casefold() for w in words if w.isupper() or len(w) <= 3}


def _without(text: str, start: int, end: int, words: set[str]) -> tuple[int, int] | None:
    """The span less these words at its ends ("CH Willowbank" less CH); None: nothing left."""
    inside = [m for m in _WORD.finditer(text, start, end) if m.group().casefold() not in words]
    if not inside:
        return None
    return inside[0].start(), inside[-1].end()


SHARED_SHARE = 3
"""A file name's word is boilerplate ("Interview", "Golf", "Ronde") in the file names of a third
of the participants or more, at least three (or all, of fewer): a place two participants share
("p02_Dauphin_Creek", "p14_Dauphin" of twenty) is a name."""

FILE_WORDS = frozenset(
    """
    interview interviews transcript transcripts transcription transcriptie transcripties gesprek
    gesprekken interviewverslag verslag verslagen notes notities aantekeningen final finaal def
    definitief definitieve draft concept versie version kopie copy clean schoon opname opnames
    recording recordings audio video part deel session sessie sessies meeting round ronde wave
    golf fase phase focus group groep focusgroep focusgroup anon anonymized anonymised
    geanonimiseerd edited bewerkt corrected gecorrigeerd new nieuw old oud oude raw ruw export
    otter zoom teams captions subtitles ondertitels participant deelnemer respondent
    """.split()
)
"""Words file names of transcripts hold besides names: never a likely name there."""


def _shared_words(files: list[tuple[str, str]]) -> frozenset[str] | None:
    """`NameFinder._shared` of (path, participant) pairs: the words in the file names of a
    SHARED_SHARE-th of the participants or more, at least three (or all of fewer)."""
    owners: dict[str, set[str]] = {}
    for path, participant in files:
        for part in file_name_parts(path):
            for w in _WORD.findall(file_name_words(part)):
                owners.setdefault(w.casefold(), set()).add(participant)
    people = len({p for _, p in files})
    if people < 2:
        return None
    least = min(people, max(3, -(-people // SHARED_SHARE)))
    return frozenset(w for w, who in owners.items() if len(who) >= least)

"""Everything of a file's coding that needs no store: read, coded by the rules, the comments,
tags and protocol, its names and words; in forked workers when there are enough files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..codebook.codebook import Codebook
from ..errors import LernetError
from ..language.speech import words_sample
from ..language.text import make_doc, take_new_forms
from ..model import Match, Transcript
from ..sealed import gc_paused
from .autocode import code_doc
from .manual import DEFAULT_CODER, ManualResult, Remembered, manual_codings
from .names import Masker, NameMasks
from .read_once import _read, not_an_interview
from .transcript_names import redactable_header_names, speaker_names
from .versions import Sample

if TYPE_CHECKING:
    from ..readers.kind import NoInterview


@dataclass
class LeftOut:
    """A file found in a folder that looks like no interview: read, but neither coded nor
    stored."""

    looks: NoInterview


Outcome = (
    tuple[
        Transcript,
        list[tuple[int, Match]],
        list[tuple[int, str]],
        ManualResult,
        str,
        list[str],
        Sample,
    ]
    | LeftOut
    | LernetError
)
Job = tuple[Path, list[str] | None, str, str, Remembered | None, bool]
_WORKER_CODEBOOK: Codebook | None = None
_WORKER_MASKS: NameMasks | None = None
MIN_FILES_FOR_WORKERS = 6


def _read_and_code(
    codebook: Codebook,
    path: Path,
    explicit: list[str] | None,
    coder: str = DEFAULT_CODER,
    language: str = "nl",
    remembered: Remembered | None = None,
    leave_out: bool = False,
    masks: NameMasks | None = None,
) -> Outcome:
    """Everything of a file that does not need the store, done where the file is coded (in a
    worker, when there are workers): read, code, and the names and words to store with it. The
    rules read the turns with the names of `masks` and the file's own masked. `leave_out`: a
    file that looks like no interview is not coded (`LeftOut`)."""
    from ..store.recoding import words_text

    try:
        transcript = _read(path, explicit)
        looks = not_an_interview(transcript, path) if leave_out else None
        if looks is not None:
            return LeftOut(looks)
        manual = manual_codings(codebook, transcript, coder, remembered)
        if codebook.protocol is not None:
            from .protocol import protocol_codings

            manual.codings.extend(protocol_codings(codebook.protocol, transcript))
        # "=" marks a header's names: a person's or an organisation's, which the redactor tells
        # apart ("Bouwbedrijf Hoekstra").
        names = speaker_names(transcript, language) + redactable_header_names(path, language)
        words: dict[str, int] = {}
        spoken: list[str] = []
        mask = masks.masker(names) if masks is not None else None
        undirected: list[tuple[int, str]] = []
        matches = code_transcript(codebook, transcript, words, mask, spoken, undirected)
        sample = words_sample(spoken)
        return transcript, matches, undirected, manual, words_text(words), names, sample
    except LernetError as exc:
        return exc


def _worker(job: Job) -> tuple[Outcome, dict[str, list[str]]]:
    assert _WORKER_CODEBOOK is not None
    return _read_and_code(_WORKER_CODEBOOK, *job, _WORKER_MASKS), take_new_forms()


def _read_and_code_all(
    codebook: Codebook,
    work: list[Job],
    forms: dict[str, list[str]],
    masks: NameMasks | None = None,
) -> Iterator[Outcome]:
    """Outcomes in the order of `work`, computed on all cores when that is worth it. `forms`
    gets the word forms the workers worked out (this process keeps its own)."""
    from .workers import fork_pool, fork_workers, frozen

    if not work:
        return
    global _WORKER_CODEBOOK, _WORKER_MASKS
    from .autocode import rule_index

    with gc_paused():  # hundreds of thousands of objects, all kept
        rule_index(codebook)  # load the lemmatizer and index once; forked workers inherit them
    workers = fork_workers()
    if len(work) < MIN_FILES_FOR_WORKERS or not workers:
        with frozen():
            for job in work:
                yield _read_and_code(codebook, *job, masks)
        return
    forms.update(take_new_forms())  # so that the workers report only their own
    _WORKER_CODEBOOK = codebook
    _WORKER_MASKS = masks
    if masks is not None:
        masks.masker()  # build the project's redactor once; forked workers inherit it
    with fork_pool(workers) as pool:
        for outcome, new in pool.imap(_worker, work, chunksize=2):
            forms.update(new)
            yield outcome


def code_transcript(
    codebook: Codebook,
    transcript: Transcript,
    words: dict[str, int] | None = None,
    mask: Masker | None = None,
    spoken: list[str] | None = None,
    undirected: list[tuple[int, str]] | None = None,
) -> list[tuple[int, Match]]:
    """Auto-code the participant turns; interviewer turns are context only. Segments are 1-based.
    `words`, when given, gets each word of those turns with the turns it stands in, as a bit
    mask (for re-coding from the store). `mask` gives what the rules read of a turn: its text
    with the names masked (coding/names.py), of the same length, so offsets hold for both;
    `spoken` gets the words of those turns in order (for language/speech.py `words_sample`);
    `undirected` the turns' mentions of a directional code without a direction (`code_doc`)."""
    out = []
    for i, turn in enumerate(transcript.turns, 1):
        if turn.role != "participant" or not turn.text.strip():
            continue
        doc = make_doc(mask(turn.text) if mask is not None else turn.text)
        if spoken is not None:
            spoken += doc.words
        if words is not None:
            bit = 1 << i
            get = words.get
            for w in doc.distinct:
                words[w] = get(w, 0) | bit
        found: list[str] = []
        for match in code_doc(codebook, doc, None, None if undirected is None else found):
            out.append((i, match))
        if found and undirected is not None:
            undirected.extend((i, code) for code in found)
    return out

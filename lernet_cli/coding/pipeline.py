"""`lernet code`: read transcripts, apply the codebook, store the codings, one file at a time."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..codebook.codebook import Codebook
from ..errors import (
    CodebookError,
    LernetError,
    SlowRegexError,
    StoreError,
    TranscriptError,
    printable,
)
from ..language.detect import Guess
from ..language.formcache import load_forms, save_forms
from ..language.speech import words_sample
from ..language.text import make_doc, take_new_forms
from ..model import Match, Participant, Transcript
from ..project.participants import Participants
from ..project.project import DEFAULT_INTERVIEWER_LABELS, Project
from ..sealed import gc_paused
from ..store.store import Store, StoredTranscript
from ..store.transactions import Batch
from ..store.withdrawn import withdrawals, withdrawn_match
from ..userfiles import read_regular, require_text_name
from .autocode import code_doc
from .copies import (
    Moves,
    StoredTexts,
    hand_marks_apart,
    originals_first,
    other_version,
    transcript_digest,
)
from .digests import code_digests, code_keys, coding_digest, digest_of
from .header_names import HEADER_MARK, ORGANISATION_MARK, header_names, names_in
from .inputs import Inputs, collect_files, gather_inputs, settings_file_kind
from .names import Masker, NameMasks
from .ondisk import StatKey, remember_read, stat_key

__all__ = [
    "CodeOptions",
    "FileResult",
    "Inputs",
    "code_files",
    "code_transcript",
    "collect_files",
    "gather_inputs",
    "redactable_header_names",
    "settings_file_kind",
    "speaker_names",
    "transcripts_language",
]
from .manual import DEFAULT_CODER, ManualResult, Remembered, manual_codings
from .versions import Sample, StoredSpeech, Version

if TYPE_CHECKING:
    from ..readers.kind import NoInterview
    from .left_out import LeftOutFiles

_WORD_RE = re.compile(r"\w+")


def not_an_interview(transcript: Transcript, path: Path) -> NoInterview | None:
    """`readers.kind.not_an_interview`, imported where a file was read: re-coding from the store
    reads none and imports no reader."""
    from ..readers.kind import not_an_interview as judged

    return judged(transcript, path)


@dataclass
class CodeOptions:
    participant: str | None = None
    group: str | None = None
    label: str | None = None
    interviewer: list[str] = field(default_factory=list)
    coder: str | None = None
    """Who made the inline tags of files whose tags are not stored yet (comments carry their
    author); a file whose tags are stored keeps their coder (one person's coding never moves to
    another by a run over a folder); None: `default_coder`."""
    default_coder: str | None = None
    """Who made the tags when --coder does not say (`project.who_codes`); None: DEFAULT_CODER."""
    keep_stored: bool = False
    """A stored file read again because it changed on disk keeps the participant, group and
    label it is stored with where nothing else names one (they may have come from the command
    line)."""
    in_folders: Collection[Path] = ()
    """Files found in a folder rather than named (`Inputs.in_folders`): one not stored yet that
    does not look like an interview (readers/kind.py) is left out, status "left out"."""


@dataclass
class FileResult:
    path: str
    status: str
    """new | updated | unchanged | moved | re-coded | duplicate | withdrawn | left out | error"""
    participant: str = ""
    group: str | None = None
    turns: int = 0
    segments: int = 0
    """Participant turns (the segments that can be coded)."""
    coded_segments: int = 0
    """Participant turns with at least one code, from the rules, the protocol or by hand."""
    codings: int = 0
    """Every coding made from the file and the codebook: rules, protocol, comments and tags."""
    manual: int = 0
    """Of those, the codings from comments and inline tags."""
    memos: int = 0
    vanished: list[str] = field(default_factory=list)
    interviewer: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    participant_source: str = ""
    moved_from: str | None = None
    """Where a moved (or renamed) file's transcript was stored before."""
    kept_coder: str | None = None
    """The coder the file's tags keep when --coder named another (see CodeOptions.coder)."""
    same_as: str | None = None
    """A duplicate: the stored transcript that says the same (coding/copies.py), not coded
    again."""
    version_share: float | None = None
    """A duplicate that is a version of `same_as` (coding/versions.py): the part of the
    shorter one's word 3-grams that stand in the other."""
    unkept_marks: list[tuple[str, str]] = field(default_factory=list)
    """A duplicate's comments and inline tags that `same_as` does not hold, as (source,
    author): hand coding that is not counted unless it is moved there."""
    marks_only_there: int = 0
    """A duplicate's `same_as` holds this many comments and tags the duplicate does not."""
    withdrawn: str | None = None
    """Status withdrawn: the file is (a version of) the interview of a participant who withdrew
    (store/withdrawn.py), when: it is not coded."""
    no_interview: NoInterview | None = None
    """What the file looks like instead of an interview: status "left out" (found in a folder),
    else coded as named, or as stored before."""
    as_before: bool = False
    """Left out as an earlier run left it out, unchanged since (coding/left_out.py): not read."""


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


def _resolve_participant(
    path: Path,
    transcript_meta: dict[str, object],
    participants: Participants,
    options: CodeOptions,
    stored: StoredTranscript | None = None,
) -> tuple[str, str | None, str | None, str]:
    """(participant id, group override, label override, where the id came from).

    A stored transcript of a listed participant that the participants file no longer names
    (its file was renamed: "Interview 1.docx" to "Interview 01.docx", or moved) keeps that
    participant, source "kept": it does not become a participant of its own, in no group.
    What the command line gave the file before (`given_options`) stands where nothing of this
    run, the file or the participants file names another."""
    given = given_options(options, stored)
    group, label = given.get("group"), given.get("label")
    if options.participant:
        return options.participant, group, label, "command line"
    meta_id = transcript_meta.get("participant")
    if meta_id:
        # this run's --group wins; the file's own front matter over what an earlier run gave
        return (
            str(meta_id),
            _str(options.group) or _str(transcript_meta.get("group")) or group,
            _str(options.label) or _str(transcript_meta.get("label")) or label,
            "front matter",
        )
    match = participants.match_file(path)
    if match is not None:
        # a row edited since an earlier run's --group/--label gave the file another: the edit
        # is the researcher's newer word
        changed = row_changed_since(stored, match) - {k for k in GIVEN if getattr(options, k)}
        group = None if "group" in changed else group
        label = None if "label" in changed else label
        return match.id, group, label, "participants file"
    if given.get("participant"):
        return given["participant"], group, label, "command line"
    if stored is not None and stored.participant in participants.people:
        return stored.participant, stored.group_name, stored.label, "kept"
    if stored is not None and options.keep_stored and stored.participant != path.stem:
        return stored.participant, stored.group_name, stored.label, "stored"
    return path.stem, group, label, "file name"


GIVEN = ("participant", "group", "label")
ROW = "row"
"""In what the command line gave a file: the group and label its participant's row had when a
run last gave --group or --label (null where no row named them). A row edited since wins over
what was given: `row_changed_since`."""


def _given_before(stored: StoredTranscript | None) -> dict[str, object]:
    if stored is None or not stored.given:
        return {}
    try:
        kept = json.loads(stored.given)
    except ValueError:
        return {}
    return kept if isinstance(kept, dict) else {}


def given_options(options: CodeOptions, stored: StoredTranscript | None) -> dict[str, str]:
    """--participant, --group and --label as this run gives them, over what the command line gave
    the file before: a file coded with `--participant P07` stays P07's when a later `lernet code
    FOLDER` (or a re-read after an edit) names nobody, instead of becoming a participant named
    after its file."""
    before = {k: str(v) for k, v in _given_before(stored).items() if k in GIVEN and v}
    values = (options.participant, options.group, options.label)
    now = {k: v for k, v in zip(GIVEN, values, strict=True) if v}
    return {**before, **now}


def row_changed_since(stored: StoredTranscript | None, row: Participant) -> set[str]:
    """Which of "group" and "label" the row gives otherwise than when an earlier run's --group
    or --label was given to the file (one coded with `--group gemeente` before the participants
    file listed them, or whose row's group was edited since): there the row wins. A --group
    given to one interview of someone whose row still says what it said then stays (a role
    changed between rounds). Files coded before lernet kept the row's values: none."""
    then = _given_before(stored).get(ROW)
    if not isinstance(then, dict):
        return set()
    return {
        k
        for k in ("group", "label")
        if _str(getattr(row, k)) is not None and _str(getattr(row, k)) != _str(then.get(k))
    }


def _given_to_keep(
    options: CodeOptions,
    stored: StoredTranscript | None,
    row: Participant | None,
    from_row: bool,
) -> dict[str, object]:
    """What to keep of what the command line gave the file: `given_options`, less a group or
    label its row (`from_row`: the participants file gave the file to it) has changed since,
    with the row's values when this run gives --group or --label (`ROW`)."""
    given: dict[str, object] = {**given_options(options, stored)}
    if from_row and row is not None:
        for key in row_changed_since(stored, row):
            if not getattr(options, key):
                given.pop(key, None)
    if options.group or options.label:
        given[ROW] = {"group": row.group, "label": row.label} if row else {}
    elif "group" in given or "label" in given:
        then = _given_before(stored).get(ROW)
        if isinstance(then, dict):
            given[ROW] = then
    return given


def given_interviewer(options: CodeOptions, stored: StoredTranscript | None) -> list[str]:
    """--interviewer as this run gives it, or else as the command line gave it to the file before
    (a file is read again with the labels it was read with; [] where none was given)."""
    if options.interviewer:
        return list(options.interviewer)
    kept = _given_before(stored).get("interviewer")
    return [str(x) for x in kept] if isinstance(kept, list) else []


def speaker_keys(participants: Participants) -> list[list[str]]:
    """What of the participants file maps speakers to participants, for the coding digest: each
    row's id and names, and the `files:` of rows that share a name (they decide which row's a
    speaker of that name is)."""
    from ..language.text import fold_label as fold

    rows: dict[str, int] = {}
    for p in participants.people.values():
        for key in {fold(n) for n in p.names}:
            rows[key] = rows.get(key, 0) + 1
    out = []
    for p in participants.people.values():
        shared = any(rows[fold(n)] > 1 for n in p.names)
        out.append([p.id, *sorted(p.names), *(["files:", *p.files] if shared else [])])
    return sorted(out)


def _str(value: object) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value).strip()


def code_files(
    project: Project,
    store: Store,
    codebook: Codebook,
    participants: Participants,
    files: list[Path],
    options: CodeOptions,
    progress: Callable[[Path], None] | None = None,
) -> list[FileResult]:
    """Code each file in its own transaction; a bad file is reported and leaves the store as is.

    Reading and rule matching run in worker processes when there are enough files to pay for them
    (they share nothing but the codebook); writing stays in this process, one file at a time.
    """
    from .digests import remember_coded_with
    from .left_out import LeftOutFiles
    from .refused import remember_refused

    seen: dict[str, StatKey] = {}
    labels = options.interviewer or project.interviewer_labels  # `reading` of a file not stored
    left = LeftOutFiles(project.root, project.cache_dir, options.in_folders, labels)
    try:
        done = _code_files(
            project, store, codebook, participants, files, options, progress, seen, left
        )
    finally:
        _READ_FOR_LANGUAGE.clear()
    remember_coded_with(store, codebook)
    remember_read(project.cache_dir, store, seen)
    remember_refused(project.cache_dir, done)
    left.remember(done, seen)
    return done


def _code_files(
    project: Project,
    store: Store,
    codebook: Codebook,
    participants: Participants,
    files: list[Path],
    options: CodeOptions,
    progress: Callable[[Path], None] | None = None,
    seen: dict[str, StatKey] | None = None,
    left: LeftOutFiles | None = None,
) -> list[FileResult]:
    if options.participant:
        for path in files:
            conflict = participants.option_conflict(path, options.participant)
            if conflict is not None:
                raise conflict
    speakers = speaker_keys(participants)
    labelled: dict[tuple[str, ...], str] = {}

    def reading(stored: StoredTranscript | None) -> tuple[list[str] | None, str]:
        """The interviewer labels a file is read with (None: the built-in ones, which the reader
        knows already; as an explicit list it would warn on every transcript whose labels are
        names) and the coding digest that goes with them."""
        labels = given_interviewer(options, stored) or project.interviewer_labels
        if tuple(labels) not in labelled:
            labelled[tuple(labels)] = coding_digest(codebook, labels, speakers)
        explicit = None if labels == DEFAULT_INTERVIEWER_LABELS else labels
        return explicit, labelled[tuple(labels)]

    per_code = code_digests(codebook)
    rules = digest_of(per_code)
    rule_keys = code_keys(codebook)
    masks = NameMasks.of_project(participants, store, project.language)
    results: dict[int, FileResult] = {}
    pending: list[tuple[int, _Pending]] = []
    stale: list[tuple[int, FileResult, StoredTranscript]] = []
    moves = Moves(files)
    for i, path in enumerate(files):
        try:
            check = _precheck(
                project, store, participants, path, options, reading, moves, seen, left
            )
        except LernetError as exc:
            results[i] = FileResult(printable(project.relative(path)), "error", error=str(exc))
            check = None
        if isinstance(check, tuple):
            unchanged, stored = check
            if stored.rules_digest == rules and stored.names_digest == masks.digest:
                results[i] = unchanged
            else:  # the file is as it was: only the rules or the names changed
                stale.append((i, unchanged, stored))
        elif isinstance(check, FileResult):
            results[i] = check
        elif check is not None:
            pending.append((i, check))
        if i in results and progress is not None:
            progress(path)
    pending = originals_first(pending)
    leave_out = {Path(p) for p in options.in_folders}
    work = [
        (
            p.path,
            p.explicit,
            p.coder,
            project.language,
            p.remembered,
            p.existing is None and p.moved_from is None and p.path in leave_out,
        )
        for _, p in pending
    ]
    if work or stale:
        load_forms(project.cache_dir)
    forms: dict[str, list[str]] = {}
    outcomes = _read_and_code_all(codebook, work, forms, masks)
    # Many files are written in one transaction, each in a savepoint of its own; a broken rule
    # or an unwritable store fails every file alike: stop there; the store keeps the files
    # already finished (the batch commits them), a store error keeps what was committed.
    with store.bulk_writes():
        if stale or pending:
            masks.remember(store)
        if stale:
            from .recode import recoded_results

            done = recoded_results(store, codebook, [t for _, _, t in stale], masks=masks)
            for (i, unchanged, _), result in zip(stale, done, strict=True):
                result.participant_source = unchanged.participant_source
                result.group = unchanged.group
                results[i] = result
                if progress is not None:
                    progress(files[i])
        with store.batch() as batch:
            digests = ((rules, per_code, rule_keys), masks.digest)
            _save_all(
                project,
                store,
                participants,
                options,
                digests,
                pending,
                outcomes,
                batch,
                results,
                progress,
                moves,
            )
    store.honour_candidate_rejections()
    save_forms(project.cache_dir, forms)
    return [results[i] for i in range(len(files))]


def _save_all(
    project: Project,
    store: Store,
    participants: Participants,
    options: CodeOptions,
    digests: tuple[tuple[str, dict[str, str], dict[str, str]], str],
    pending: list[tuple[int, _Pending]],
    outcomes: Iterator[Outcome],
    batch: Batch,
    results: dict[int, FileResult],
    progress: Callable[[Path], None] | None,
    moves: Moves,
) -> None:
    """Write each file coded: a bad file is reported and leaves the store as it was."""
    texts = StoredTexts(store)
    speech = StoredSpeech(store)
    for (i, item), outcome in zip(pending, outcomes, strict=True):
        if isinstance(outcome, LeftOut):
            results[i] = FileResult(item.rel, "left out", no_interview=outcome.looks)
            if progress is not None:
                progress(item.path)
            continue
        try:
            if isinstance(outcome, LernetError):
                raise outcome
            batch.begin()
            late = _stored_meanwhile(store, participants, options, item)
            if late is not None:
                results[i] = late
                batch.step()
                if progress is not None:
                    progress(item.path)
                continue
            results[i] = _save(
                project,
                store,
                participants,
                options,
                digests,
                (texts, speech),
                moves,
                item,
                *outcome,
            )
            results[i].no_interview = not_an_interview(outcome[0], item.path)
        except SlowRegexError as exc:  # the expression is slow on this file's turns only
            results[i] = FileResult(item.rel, "error", error=f"{item.rel}: not coded: {exc}")
        except (CodebookError, StoreError):
            raise
        except LernetError as exc:
            results[i] = FileResult(item.rel, "error", error=str(exc))
        batch.step()
        if progress is not None:
            progress(item.path)


def _stored_meanwhile(
    store: Store, participants: Participants, options: CodeOptions, item: _Pending
) -> FileResult | None:
    """A file that was not stored when this run looked, looked at again now that the run holds
    the store's lock: another `lernet code` started at the same moment may have stored it since.
    Stored as this run would store it, it is unchanged (this run writes nothing); stored from
    other bytes or settings, this run's coding updates it. None: write it as decided."""
    if item.existing is not None or item.moved_from is not None:
        return None
    now = store.transcript_by_path(item.rel)
    if now is None:
        return None
    if now.sha256 != item.sha or now.codebook_digest != item.digest:
        item.existing = now  # "updated", and what a person did in lernet since is kept
        return None
    source = _resolve_participant(item.path, {}, participants, options, now)[3]
    return FileResult(
        item.rel,
        "unchanged",
        participant=now.participant,
        group=now.group_name or _group_of(participants, now.participant),
        participant_source=source,
    )


@dataclass
class _Pending:
    path: Path
    rel: str
    sha: str
    existing: StoredTranscript | None
    moved_from: str | None
    coder: str = DEFAULT_CODER
    """Who the file's inline tags are stored under."""
    remembered: Remembered | None = None
    """What its comments and tags were read as, when it is stored already."""
    explicit: list[str] | None = None
    """The interviewer labels it is read with (`reading`)."""
    digest: str = ""
    """Its coding digest (codebook, interviewer labels, the participants file's speakers)."""


def _precheck(
    project: Project,
    store: Store,
    participants: Participants,
    path: Path,
    options: CodeOptions,
    reading: Callable[[StoredTranscript | None], tuple[list[str] | None, str]],
    moves: Moves,
    seen: dict[str, StatKey] | None = None,
    left: LeftOutFiles | None = None,
) -> FileResult | _Pending | tuple[FileResult, StoredTranscript]:
    """A file that is as it was, for the same person and the same settings, is not read as a
    transcript: (its result as unchanged, the stored transcript), to be re-coded from the store
    when the rules changed; nor is one found in a folder that an earlier run left out as no
    interview and that is as it was then (`left`)."""
    from ..readers import max_bytes

    rel = project.relative(path)
    require_text_name(rel, path, TranscriptError)
    key = stat_key(path)  # before the read: a write after it shows at the next run
    if seen is not None and key is not None:
        seen[rel] = key
    looks = left.before(path, rel, key) if left is not None else None
    if looks is not None and store.transcript_by_path(rel) is None:
        return FileResult(rel, "left out", no_interview=looks, as_before=True)
    data = read_regular(path, TranscriptError, max_bytes(path), "a transcript")
    sha = hashlib.sha256(data).hexdigest()
    existing = store.transcript_by_path(rel)
    moved_from = None
    if existing is None:
        gone = [t for t in store.transcripts_by_hash(sha) if not (project.root / t.path).exists()]
        existing = moves.claim(rel, gone)
        moved_from = None if existing is None else existing.path
    stored_coder = None if existing is None else store.tag_coder(existing.id)
    coder = stored_coder or options.coder or options.default_coder or DEFAULT_CODER
    kept = stored_coder if options.coder and stored_coder not in (None, options.coder) else None
    explicit, digest = reading(existing)
    if (
        existing is not None
        and moved_from is None
        and existing.sha256 == sha
        and existing.codebook_digest == digest
    ):
        # Front matter (.md) may name the participant; the file is unchanged, so it still does.
        pid, group, label, source = _resolve_participant(path, {}, participants, options, existing)
        same_person = (pid, group, label) == (
            existing.participant,
            existing.group_name,
            existing.label,
        )
        if same_person or path.suffix.lower() == ".md":
            if not same_person:
                source = "front matter"  # the stored person came from it when the file was read
            elif source == "file name" and not store.has_unmapped_turns(existing.id):
                source = "speakers"  # every speaker is a listed participant
            unchanged = FileResult(
                rel,
                "unchanged",
                participant=existing.participant,
                group=existing.group_name or _group_of(participants, existing.participant),
                participant_source=source,
                kept_coder=kept,
            )
            return unchanged, existing
    remembered = None
    if existing is not None:
        remembered = Remembered.of(*store.hand_marks(existing.id), legacy=existing.sha256 == sha)
    return _Pending(path, rel, sha, existing, moved_from, coder, remembered, explicit, digest)


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


def _save(
    project: Project,
    store: Store,
    participants: Participants,
    options: CodeOptions,
    digests: tuple[tuple[str, dict[str, str], dict[str, str]], str],
    stored: tuple[StoredTexts, StoredSpeech],
    moves: Moves,
    item: _Pending,
    transcript: Transcript,
    matches: list[tuple[int, Match]],
    undirected: list[tuple[int, str]],
    manual: ManualResult,
    words: str,
    names: list[str],
    sample: Sample,
) -> FileResult:
    path, rel, existing, moved_from = item.path, item.rel, item.existing, item.moved_from
    (rules, per_code, rule_keys), names_digest = digests
    digest = item.digest
    pid, group, label, source = _resolve_participant(
        path, transcript.metadata, participants, options, existing
    )
    texts, speech = stored
    said = transcript_digest(transcript)
    if existing is None:
        withdrawn = withdrawn_match(withdrawals(store), {item.sha, said}, sample)
        if withdrawn is not None:
            return FileResult(
                rel, "withdrawn", participant=withdrawn.participant, withdrawn=withdrawn.removed
            )
    others: list[str] = []
    if existing is None or existing.sha256 != item.sha:
        same = texts.same_text(said, rel)
        # One claimed by another file of this run is moved there, later in this run.
        there = [t for t in same if (project.root / t.path).exists() or moves.taken(t)]
        # A participant named after the file says nothing about whose interview it is: a copy
        # ("Interview 3 - kopie.docx") is the stored one's interview again.
        mine = [t for t in there if t.participant == pid or source == "file name"]
        gone = [t for t in same if t not in there]
        if existing is None and mine:
            return _duplicate(rel, mine[0], participants, marks=(store, transcript, manual))
        if existing is None:  # moved, and saved again (other comments, tags or bytes)?
            existing = moves.claim(rel, gone)
            moved_from = None if existing is None else existing.path
            if existing is not None:
                pid, group, label, source = _resolve_participant(
                    path, transcript.metadata, participants, options, existing
                )
        others = [f"{t.path} (participant {t.participant})" for t in there]
    versions: list[Version] = []
    if existing is None and not others:
        versions = speech.versions_of(transcript, sample, rel)
        # As with copies: of the same participant, or one named after its file, the stored
        # version beside it is the interview and this file is not coded (a cleaned copy beside
        # the raw one). One in another folder is coded: a folder per wave holds the same
        # person's follow-up interview, which may repeat much of the first.
        kept = [
            v
            for v in versions
            if (project.root / v.stored.path).exists()
            and (v.stored.participant == pid or source == "file name")
            and same_folder(v.stored.path, rel)
        ]
        if kept:
            return _duplicate(
                rel, kept[0].stored, participants, kept[0].share, (store, transcript, manual)
            )
    participant_turns = sum(1 for t in transcript.turns if t.role == "participant")
    if participant_turns == 0:
        raise TranscriptError(
            "no participant speech: "
            + (
                "its one turn is the interviewer's "
                if len(transcript.turns) == 1
                else f"all {len(transcript.turns)} turns are the interviewer's "
            )
            + "(check the speaker labels, or set --interviewer)",
            path,
        )
    for coding in manual.codings:
        coding.coder = store.person(coding.coder)
    given = _given_to_keep(
        options, existing, participants.people.get(pid), source == "participants file"
    )
    if given_interviewer(options, existing):
        given["interviewer"] = given_interviewer(options, existing)
    mapped = _speaker_participants(transcript, participants, path)
    if source == "file name" and all(
        t.speaker in mapped for t in transcript.turns if t.role == "participant"
    ):
        source = "speakers"  # a group interview whose every speaker is a listed participant
    saved = store.save_coded(
        rel,
        item.sha,
        pid,
        group,
        label,
        digest,
        transcript,
        matches,
        moved_from=moved_from,
        names=names,
        extra=manual.codings,
        memos=manual.memos,
        speakers=mapped,
        rules_digest=rules,
        words=words,
        rule_codes=per_code,
        rule_keys=rule_keys,
        names_digest=names_digest,
        speech=sample,
        undirected=undirected,
        given=json.dumps(given, ensure_ascii=False) if given else None,
    )
    status = "moved" if moved_from else ("new" if existing is None else "updated")
    record = StoredTranscript(saved.transcript_id, rel, item.sha, pid, group, label, digest)
    texts.add(said, record)
    speech.add(record, sample)
    hints = participants.shared_name_warnings(mapped, path)
    hints += _likely_speakers(transcript, participants, pid)
    hints += third_voices(transcript, mapped, pid, hints, participants.path)
    if source == "file name":
        hints += _likely_owner(path, participants, hints)
    if others:
        hints.append(
            f"says word for word what {', '.join(others)} says: the same interview, counted "
            "twice? (lernet remove FILE takes one out)"
        )
    elif versions:
        v = versions[0]
        present = (project.root / v.stored.path).exists()
        away = "" if present else ", whose file is gone"
        alike = (
            f"{v.share:.0%} of the word 3-grams its participants say (fillers and repeated words "
            "aside) stand in both"
        )
        if present and not same_folder(v.stored.path, rel) and v.stored.participant == pid:
            hints.append(
                f"much like {v.stored.path}, another interview of {pid} in another folder: "
                f"{alike}; both are coded, as interviews of their own (a follow-up in another "
                "wave?); if they are one interview, lernet remove FILE takes one out"
            )
        else:
            hints.append(
                f"a version of {v.stored.path} (participant {v.stored.participant}{away}): "
                f"{alike}: the same interview, counted twice? To keep only one: "
                "lernet remove FILE"
            )
    elif existing is None:
        version = other_version(store, transcript, pid, rel)
        hints += [version] if version else []
    return FileResult(
        rel,
        status,
        participant=pid,
        group=group or _group_of(participants, pid),
        turns=len(transcript.turns),
        segments=participant_turns,
        coded_segments=len({seg for seg, _ in matches} | {c.segment for c in manual.codings}),
        codings=len(matches) + len(manual.codings),
        manual=sum(1 for c in manual.codings if c.source != "protocol"),
        memos=len(manual.memos),
        vanished=saved.vanished,
        interviewer=transcript.interviewer_labels,
        # A file read again as it was (other settings) warned the first time already.
        warnings=manual.notices
        + (
            []
            if existing is not None and existing.sha256 == item.sha
            else list(transcript.warnings) + manual.warnings + hints
        ),
        participant_source=source,
        moved_from=moved_from,
        kept_coder=item.coder
        if options.coder and existing is not None and item.coder != options.coder
        else None,
    )


def same_folder(a: str, b: str) -> bool:
    """Whether two stored (project-relative, /-separated) paths are in one folder."""
    return PurePosixPath(a).parent == PurePosixPath(b).parent


def _likely_speakers(transcript: Transcript, participants: Participants, owner: str) -> list[str]:
    """Speakers the participants file does not name but may mean: "Joost" for Joost Smit."""
    out = []
    for label in sorted({t.speaker for t in transcript.turns if t.role == "participant"}):
        if not label or participants.by_speaker(label) is not None:
            continue
        likely = participants.named_alike(label)
        if likely is not None and likely.id != owner:
            out.append(
                f"speaker {label!r} may be {likely.id} ({', '.join(likely.names)}): add {label!r} "
                "to their names: in the participants file to count these turns as theirs"
            )
    return out


def third_voices(
    transcript: Transcript,
    mapped: dict[str, str],
    owner: str,
    hints: list[str],
    participants_path: str | Path | None = None,
) -> list[str]:
    """One warning for the speakers whose turns count as the file's participant (`owner`)
    though nothing says they are that person: a voice that joins a Teams or Zoom call ("Henk de
    Boer" in Karin Smit's interview), a second interviewer not in interviewer_labels. Such a
    speaker is one the participants file does not name (`mapped`: label -> participant) in a
    transcript where another participant speaker is the owner (listed as them), or one of
    several speakers none of whom is listed. Labels a hint names already ("may be P04") are
    left to it. The labels are shown as written: the message is for the researcher, who must
    write them into a file to settle it."""
    spoken: dict[str, list[int]] = {}
    for t in transcript.turns:
        if t.role == "participant" and t.speaker:
            counts = spoken.setdefault(t.speaker, [0, 0])
            counts[0] += 1
            counts[1] += len(t.text.split())
    if len(spoken) < 2:
        return []
    unlisted = [label for label in sorted(spoken) if label not in mapped]
    theirs = [label for label in spoken if mapped.get(label) == owner]
    others = [
        label
        for label in unlisted
        if (theirs or len(unlisted) > 1) and not any(repr(label) in h for h in hints)
    ]
    if not others:
        return []
    where = Path(participants_path).name if participants_path else "participants.yaml"

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    who = ", ".join(
        f"{label!r} ({n(spoken[label][0], 'turn')}, {n(spoken[label][1], 'word')})"
        for label in others
    )
    whose = f"{owner}'s" if not theirs else f"{owner}'s (who speaks as {theirs[0]!r})"
    return [
        f"{'speaker' if len(others) == 1 else 'speakers'} {who} "
        f"{'is' if len(others) == 1 else 'are'} not in {where}: the turns count as {whose}. "
        f"If that is another person, add the label to their names: in {where} (a row of their "
        "own counts them as a participant), or to interviewer_labels in lernet.yaml to leave "
        "the turns uncoded, as context; lernet speakers FILE lists who speaks"
    ]


def _likely_owner(path: Path, participants: Participants, hints: list[str]) -> list[str]:
    """A file no row of the participants file claims whose name holds a listed name's first name
    or surname ("Interview Jef Vandenbroeck ronde 2" for Jef Van den Broeck): whose it may be,
    unless a speaker's hint says so already."""
    likely = participants.named_in_file(path)
    if likely is None:
        return []
    person, word = likely
    if any(f" may be {person.id} (" in hint for hint in hints):
        return []
    where = Path(participants.path).name if participants.path else "the participants file"
    return [
        f"file name {path.name!r} may be {person.id} ({', '.join(person.names)}): add a pattern "
        f"such as '*{word}*' to their files: in {where} to count it as theirs"
    ]


def _speaker_participants(
    transcript: Transcript, participants: Participants, path: Path
) -> dict[str, str]:
    """Speaker label -> participant id, for speakers the participants file names (by id or one
    of their names): several participants in one group interview count separately. A name of
    several rows (a row per wave) is the row whose `files:` the transcript's `path` matches."""
    out = {}
    for label in {t.speaker for t in transcript.turns if t.role == "participant" and t.speaker}:
        person = participants.by_speaker(label, path)
        if person is not None:
            out[label] = person.id
    return out


def speaker_names(transcript: Transcript, language: str = "nl") -> list[str]:
    """People's names in speaker labels ("Eva", "Jane" of "Nurse Jane"; never a role such as
    "Nurse" or "Verpleegkundige 2", nor a common word), and the names the file gives outside
    its speech: front matter's, a header table's ("Naam | Griet Mertens"), and their
    organisations (marked `ORGANISATION_MARK`); and those of a PDF's running headers and an
    RTF's page headers (marked `HEADER_MARK`, as `redactable_header_names` marks a .docx's)."""
    from ..readers.label_names import label_names

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
        names.update(HEADER_MARK + n for n in found if label_names(n, language))
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
    from ..readers.label_names import label_names

    return [HEADER_MARK + n for n in header_names(path) if label_names(n, language)]


def _duplicate(
    rel: str,
    same: StoredTranscript,
    participants: Participants,
    share: float | None = None,
    marks: tuple[Store, Transcript, ManualResult] | None = None,
) -> FileResult:
    group = same.group_name or _group_of(participants, same.participant)
    unkept: list[tuple[str, str]] = []
    only_there = 0
    if marks is not None:
        store, transcript, manual = marks
        unkept, only_there = hand_marks_apart(
            store, same.id, transcript, manual.codings, manual.memos
        )
    return FileResult(
        rel,
        "duplicate",
        participant=same.participant,
        group=group,
        same_as=same.path,
        version_share=share,
        unkept_marks=unkept,
        marks_only_there=only_there,
    )


def _group_of(participants: Participants, pid: str) -> str | None:
    p = participants.people.get(pid)
    return p.group if p else None


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

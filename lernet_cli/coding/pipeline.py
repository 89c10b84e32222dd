"""`lernet code`: read transcripts, apply the codebook, store the codings, one file at a time.

The entry point: which files are read and which are as they were; the steps are modules of their
own (read_once, participant_of, read_and_code, save, ...), whose names other modules import from
here."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..codebook.codebook import Codebook
from ..errors import LernetError, TranscriptError, printable
from ..language.formcache import load_forms, save_forms
from ..project.participants import Participants
from ..project.project import DEFAULT_INTERVIEWER_LABELS, Project
from ..store.store import Store, StoredTranscript
from ..userfiles import read_regular, require_text_name
from .copies import Moves, originals_first
from .digests import code_digests, code_keys, coding_digest, digest_of
from .inputs import Inputs, collect_files, gather_inputs, settings_file_kind
from .manual import DEFAULT_CODER, Remembered
from .names import NameMasks
from .ondisk import StatKey, remember_read, stat_key
from .participant_of import _resolve_participant as _resolve_participant
from .participant_of import given_interviewer, given_options, speaker_keys
from .read_and_code import _read_and_code_all, code_transcript
from .read_once import _READ_FOR_LANGUAGE as _READ_FOR_LANGUAGE
from .read_once import FilesGuess, transcripts_language
from .read_once import _read as _read
from .results import CodeOptions, FileResult, _group_of
from .save import _Pending, _save_all, same_folder
from .speaker_hints import third_voices
from .transcript_names import redactable_header_names, speaker_names

if TYPE_CHECKING:
    from .left_out import LeftOutFiles

__all__ = [
    "CodeOptions",
    "FileResult",
    "FilesGuess",
    "Inputs",
    "code_files",
    "code_transcript",
    "collect_files",
    "gather_inputs",
    "given_interviewer",
    "given_options",
    "redactable_header_names",
    "same_folder",
    "settings_file_kind",
    "speaker_keys",
    "speaker_names",
    "third_voices",
    "transcripts_language",
]


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

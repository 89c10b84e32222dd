"""A coded file written to the store, one at a time in the run's batch: or found to be a
duplicate, a version of a stored one, or a withdrawn participant's interview, and not written."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import CodebookError, LernetError, SlowRegexError, StoreError, TranscriptError
from ..model import Match, Transcript
from ..project.participants import Participants
from ..project.project import Project
from ..store.store import Store, StoredTranscript
from ..store.transactions import Batch
from ..store.withdrawn import withdrawals, withdrawn_match
from .copies import Moves, StoredTexts, hand_marks_apart, other_version, transcript_digest
from .manual import DEFAULT_CODER, ManualResult, Remembered
from .participant_of import _given_to_keep, _resolve_participant, given_interviewer
from .read_and_code import LeftOut, Outcome
from .read_once import not_an_interview
from .results import CodeOptions, FileResult, _group_of
from .speaker_hints import _likely_owner, _likely_speakers, _speaker_participants, third_voices
from .versions import Sample, StoredSpeech, Version


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

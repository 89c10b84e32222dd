"""`lernet code`: read transcripts, apply the codebook, store the codings, one file at a time."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..codebook.codebook import Codebook
from ..errors import CodebookError, LernetError, StoreError, TranscriptError
from ..language.text import make_doc
from ..model import Match, Transcript
from ..project.participants import Participants
from ..project.project import DEFAULT_INTERVIEWER_LABELS, Project
from ..store.store import Store
from .autocode import code_doc
from .header_names import header_names
from .manual import DEFAULT_CODER, ManualResult, manual_codings

CODER_VERSION = "5"
SKIP_NAMES = {"participants.yaml", "participants.yml", "participants.csv", "lernet.yaml"}


@dataclass
class CodeOptions:
    participant: str | None = None
    group: str | None = None
    label: str | None = None
    interviewer: list[str] = field(default_factory=list)
    coder: str = DEFAULT_CODER
    """Who made inline tags (comments carry their author)."""


@dataclass
class FileResult:
    path: str
    status: str  # new | updated | unchanged | moved | error
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


def collect_files(inputs: list[Path]) -> list[Path]:
    """Expand folders into their supported files (sorted); refuse paths that do not exist."""
    from ..readers import SUPPORTED_SUFFIXES

    out: list[Path] = []
    for item in inputs:
        if not item.exists():
            raise TranscriptError("file not found", item)
        if item.is_dir():
            found = sorted(
                p
                for p in item.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and p.name.lower() not in SKIP_NAMES
                and not any(part.startswith(".") for part in p.relative_to(item).parts)
                and not p.name.startswith("~$")
            )
            out.extend(found)
        else:
            if item.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise TranscriptError(
                    f"unsupported file type {item.suffix or '(none)'}; lernet reads "
                    + ", ".join(sorted(SUPPORTED_SUFFIXES)),
                    item,
                )
            out.append(item)
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def rules_digest(codebook: Codebook) -> str:
    """What decides the rules' codings of a stored turn: the codebook text and the matcher."""
    return hashlib.sha256(f"{CODER_VERSION}:{codebook.digest}".encode()).hexdigest()


def coding_digest(
    codebook: Codebook,
    interviewer: list[str],
    coder: str = DEFAULT_CODER,
    speakers: list[list[str]] | None = None,
) -> str:
    """What, besides the file, decides the codings: a change re-codes the file. `speakers` are
    the participants' ids and names, which map a group interview's speakers to participants."""
    protocol = codebook.protocol.digest if codebook.protocol is not None else None
    payload = json.dumps(
        [
            CODER_VERSION,
            codebook.digest,
            sorted(x.lower() for x in interviewer),
            coder,
            protocol,
            speakers or [],
        ]
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _resolve_participant(
    path: Path, transcript_meta: dict[str, object], participants: Participants, options: CodeOptions
) -> tuple[str, str | None, str | None, str]:
    """(participant id, group override, label override, where the id came from)."""
    if options.participant:
        return options.participant, options.group, options.label, "command line"
    meta_id = transcript_meta.get("participant")
    if meta_id:
        return (
            str(meta_id),
            options.group or _str(transcript_meta.get("group")),
            options.label or _str(transcript_meta.get("label")),
            "front matter",
        )
    match = participants.match_file(path)
    if match is not None:
        return match.id, options.group, options.label, "participants file"
    return path.stem, options.group, options.label, "file name"


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
    interviewer = options.interviewer or project.interviewer_labels
    speakers = sorted([p.id, *sorted(p.names)] for p in participants.people.values())
    digest = coding_digest(codebook, interviewer, options.coder, speakers)
    rules = rules_digest(codebook)
    # The built-in labels are known to the reader already; passing them as an explicit list would
    # only make it warn on every transcript whose labels are names.
    explicit = None if interviewer == DEFAULT_INTERVIEWER_LABELS else interviewer
    results: dict[int, FileResult] = {}
    pending: list[tuple[int, _Pending]] = []
    for i, path in enumerate(files):
        try:
            check = _precheck(project, store, participants, path, options, digest)
        except LernetError as exc:
            results[i] = FileResult(project.relative(path), "error", error=str(exc))
            check = None
        if isinstance(check, FileResult):
            results[i] = check
        elif check is not None:
            pending.append((i, check))
        if i in results and progress is not None:
            progress(path)
    work = [(p.path, explicit, options.coder) for _, p in pending]
    for (i, item), outcome in zip(pending, _read_and_code_all(codebook, work), strict=True):
        try:
            if isinstance(outcome, LernetError):
                raise outcome
            results[i] = _save(
                project, store, participants, options, (digest, rules), item, *outcome
            )
        except (CodebookError, StoreError):
            # A broken rule or an unwritable store fails every file alike: stop here; the store
            # keeps the files already finished.
            raise
        except LernetError as exc:
            results[i] = FileResult(item.rel, "error", error=str(exc))
        if progress is not None:
            progress(item.path)
    return [results[i] for i in range(len(files))]


@dataclass
class _Pending:
    path: Path
    rel: str
    sha: str
    existing: object
    moved_from: str | None


def _precheck(
    project: Project,
    store: Store,
    participants: Participants,
    path: Path,
    options: CodeOptions,
    digest: str,
) -> FileResult | _Pending:
    """An unchanged file is done here, without reading it as a transcript."""
    rel = project.relative(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TranscriptError(f"cannot read: {exc.strerror}", path) from None
    sha = hashlib.sha256(data).hexdigest()
    existing = store.transcript_by_path(rel)
    moved_from = None
    if existing is None:
        for other in store.transcripts_by_hash(sha):
            if not (project.root / other.path).exists():
                moved_from = other.path
                existing = other
                break
    if (
        existing is not None
        and moved_from is None
        and existing.sha256 == sha
        and existing.codebook_digest == digest
    ):
        # Front matter (.md) may name the participant; the file is unchanged, so it still does.
        pid, group, label, source = _resolve_participant(path, {}, participants, options)
        same_person = (pid, group, label) == (
            existing.participant,
            existing.group_name,
            existing.label,
        )
        if same_person or path.suffix.lower() == ".md":
            return FileResult(
                rel,
                "unchanged",
                participant=existing.participant,
                group=existing.group_name or _group_of(participants, existing.participant),
                participant_source=source,
            )
    return _Pending(path, rel, sha, existing, moved_from)


Outcome = tuple[Transcript, list[tuple[int, Match]], ManualResult] | LernetError
Job = tuple[Path, list[str] | None, str]
_WORKER_CODEBOOK: Codebook | None = None
MIN_FILES_FOR_WORKERS = 6


def _read_and_code(
    codebook: Codebook, path: Path, explicit: list[str] | None, coder: str = DEFAULT_CODER
) -> Outcome:
    from ..readers import read_transcript

    try:
        transcript = read_transcript(path, interviewer=explicit)
        manual = manual_codings(codebook, transcript, coder)
        if codebook.protocol is not None:
            from .protocol import protocol_codings

            manual.codings.extend(protocol_codings(codebook.protocol, transcript))
        return transcript, code_transcript(codebook, transcript), manual
    except LernetError as exc:
        return exc


def _worker(job: Job) -> Outcome:
    assert _WORKER_CODEBOOK is not None
    return _read_and_code(_WORKER_CODEBOOK, *job)


def _read_and_code_all(codebook: Codebook, work: list[Job]) -> Iterator[Outcome]:
    """Outcomes in the order of `work`, computed on all cores when that is worth it."""
    import multiprocessing
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    methods = multiprocessing.get_all_start_methods()
    if len(work) < MIN_FILES_FOR_WORKERS or (cores or 1) < 2 or "fork" not in methods:
        for job in work:
            yield _read_and_code(codebook, *job)
        return
    global _WORKER_CODEBOOK
    from .autocode import rule_index

    rule_index(codebook)  # load the lemmatizer and index once; forked workers inherit them
    _WORKER_CODEBOOK = codebook
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=min(cores or 2, 4)) as pool:
        yield from pool.imap(_worker, work, chunksize=2)


def _save(
    project: Project,
    store: Store,
    participants: Participants,
    options: CodeOptions,
    digests: tuple[str, str],
    item: _Pending,
    transcript: Transcript,
    matches: list[tuple[int, Match]],
    manual: ManualResult,
) -> FileResult:
    path, rel, existing, moved_from = item.path, item.rel, item.existing, item.moved_from
    digest, rules = digests
    pid, group, label, source = _resolve_participant(
        path, transcript.metadata, participants, options
    )
    participant_turns = sum(1 for t in transcript.turns if t.role == "participant")
    if participant_turns == 0:
        raise TranscriptError(
            f"no participant speech: all {len(transcript.turns)} turns are the interviewer's "
            "(check the speaker labels, or set --interviewer)",
            path,
        )
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
        # "=" marks names redacted only whole: a header may name an organisation too, whose
        # parts ("Werk") are ordinary words.
        names=speaker_names(transcript) + ["=" + n for n in header_names(path)],
        extra=manual.codings,
        memos=manual.memos,
        speakers=_speaker_participants(transcript, participants),
        rules_digest=rules,
    )
    status = "moved" if moved_from else ("new" if existing is None else "updated")
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
        warnings=list(transcript.warnings) + manual.warnings,
        participant_source=source,
    )


def _speaker_participants(transcript: Transcript, participants: Participants) -> dict[str, str]:
    """Speaker label -> participant id, for speakers the participants file names (by id or one
    of their names): several participants in one group interview count separately."""
    out = {}
    for label in {t.speaker for t in transcript.turns if t.role == "participant" and t.speaker}:
        person = participants.by_speaker(label)
        if person is not None:
            out[label] = person.id
    return out


def speaker_names(transcript: Transcript) -> list[str]:
    """Speaker labels that are people's names (not roles like I/R), and names in front matter."""
    from ..readers.labels import role_word

    names = set()
    for turn in transcript.turns:
        label = re.sub(r"\s*\(.*?\)\s*", " ", turn.speaker).strip()
        if label and role_word(turn.speaker) is None and any(c.isalpha() for c in label):
            names.add(label)
    for key in ("name", "names"):
        value = transcript.metadata.get(key)
        if isinstance(value, str):
            names.add(value)
        elif isinstance(value, list):
            names.update(str(v) for v in value)
    return sorted(names)


def _group_of(participants: Participants, pid: str) -> str | None:
    p = participants.people.get(pid)
    return p.group if p else None


def code_transcript(codebook: Codebook, transcript: Transcript) -> list[tuple[int, Match]]:
    """Auto-code the participant turns; interviewer turns are context only. Segments are 1-based."""
    out = []
    for i, turn in enumerate(transcript.turns, 1):
        if turn.role != "participant" or not turn.text.strip():
            continue
        for match in code_doc(codebook, make_doc(turn.text)):
            out.append((i, match))
    return out

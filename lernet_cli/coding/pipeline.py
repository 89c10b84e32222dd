"""`lernet code`: read transcripts, apply the codebook, store the codings, one file at a time."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..codebook.codebook import Codebook
from ..errors import CodebookError, LernetError, StoreError, TranscriptError, printable
from ..language.detect import Guess
from ..language.text import make_doc
from ..model import Match, Transcript
from ..project.participants import Participants
from ..project.project import DEFAULT_INTERVIEWER_LABELS, Project
from ..store.store import Store
from ..userfiles import check_regular, not_regular, read_regular, require_text_name
from .autocode import code_doc
from .header_names import header_names
from .manual import DEFAULT_CODER, ManualResult, manual_codings

CODER_VERSION = "5"
_WORD_RE = re.compile(r"\w+")
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


@dataclass
class Inputs:
    """What was named on the command line, sorted out: lernet reads only the transcripts."""

    transcripts: list[Path] = field(default_factory=list)
    participants: list[Path] = field(default_factory=list)
    """Participants files named among the transcripts (`lernet code interviews/*`)."""
    codebooks: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    """Files that are no transcript, with what they are."""
    unsupported: list[Path] = field(default_factory=list)

    def refuse_if_only_unsupported(self) -> None:
        """`lernet code notes.pdf`: an error, where among transcripts it is only skipped."""
        named_other = self.transcripts or self.participants or self.codebooks
        if self.unsupported and not named_other and len(self.skipped) == len(self.unsupported):
            refuse_unsupported(self.unsupported[0])


def gather_inputs(inputs: list[Path]) -> Inputs:
    """Transcripts in the files and folders named, and what else was named among them.

    A folder gives its transcripts (sorted; hidden files, Office lock files and the project's own
    settings files left out). Reports and tables that lernet wrote are never transcripts;
    participants files and codebooks are told apart by their content. A path that does not
    exist is an error.
    """
    from ..readers import SUPPORTED_SUFFIXES
    from ..readers.own_output import lernet_output

    found = Inputs()
    candidates: list[Path] = []
    for item in inputs:
        if not item.exists() and not item.is_symlink():
            raise TranscriptError("file not found", item)
        if item.is_dir():
            for p in sorted(item.rglob("*")):
                if (
                    p.suffix.lower() not in SUPPORTED_SUFFIXES
                    or p.name.lower() in SKIP_NAMES
                    or any(part.startswith(".") for part in p.relative_to(item).parts)
                    or p.name.startswith("~$")
                    or p.is_dir()
                ):
                    continue
                reason = not_regular(p)
                if reason is None:
                    candidates.append(p)
                else:  # a pipe, socket, device or broken link in a folder: said, not read
                    found.skipped.append((p, reason))
            continue
        check_regular(item, TranscriptError)
        suffix = item.suffix.lower()
        if suffix in SUPPORTED_SUFFIXES:
            candidates.append(item)
            continue
        kind = settings_file_kind(item)
        if kind == "participants":
            found.participants.append(item)
        elif kind == "codebook":
            found.codebooks.append(item)
        elif kind is not None:
            found.skipped.append((item, kind))
        else:
            found.unsupported.append(item)
            found.skipped.append(
                (
                    item,
                    f"not a transcript: lernet reads {', '.join(SUPPORTED_SUFFIXES)}",
                )
            )
    seen: set[Path] = set()
    for p in candidates:
        key = p.resolve()
        if key in seen:
            continue
        seen.add(key)
        written = lernet_output(p)
        if written is not None:
            found.skipped.append((p, f"a {written} written by lernet, not a transcript"))
        else:
            found.transcripts.append(p)
    return found


def collect_files(inputs: list[Path]) -> list[Path]:
    """The transcripts among `inputs`; an unsupported file named on its own is an error."""
    found = gather_inputs(inputs)
    found.refuse_if_only_unsupported()
    return found.transcripts


def refuse_unsupported(item: Path) -> None:
    from ..readers import SUPPORTED_SUFFIXES

    raise TranscriptError(
        f"unsupported file type {item.suffix or '(none)'}; lernet reads "
        + ", ".join(sorted(SUPPORTED_SUFFIXES)),
        item,
    )


def settings_file_kind(path: Path) -> str | None:
    """What a .yaml, .yml or .csv file is: "participants", "codebook", or a note saying what
    else it is; None for a file lernet has no use for at all."""
    suffix = path.suffix.lower()
    name = path.name.lower()
    if name == "lernet.yaml":
        return "the project's settings, not a transcript"
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", errors="replace") as fh:
                header = fh.readline()
        except OSError:
            return None
        columns = {c.strip().strip('"').lower() for c in re.split(r"[,;\t]", header)}
        if "id" in columns:
            return "participants"
        if {"participant", "code", "coder"} <= columns:
            return "a coding export (lernet export csv), not a transcript"
        return "a table, not a transcript"
    if suffix not in (".yaml", ".yml"):
        if suffix in (".qdpx", ".qdc"):
            return "a REFI-QDA file: lernet import qdpx reads it, lernet code does not"
        return None
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")[:2_000_000])
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "a YAML file lernet cannot read, not a transcript"
    if isinstance(data, dict):
        if "themes" in data:
            return "codebook"
        if "participants" in data:
            return "participants"
        if "questions" in data:
            return "an interview protocol (set protocol: in lernet.yaml), not a transcript"
    if isinstance(data, list) and data and all(isinstance(x, dict) and "id" in x for x in data):
        return "participants"
    return "a YAML file that is no codebook or participants file, not a transcript"


def transcripts_language(paths: list[Path], most: int = 5) -> Guess:
    """The language the first few transcripts are in, from their function words."""
    from ..language.detect import detect_language
    from ..readers import read_transcript

    texts: list[str] = []
    for path in paths[:most]:
        try:
            transcript = read_transcript(path)
        except LernetError:
            continue  # reported when the file is coded
        texts.extend(t.text for t in transcript.turns)
    return detect_language(texts)


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
            results[i] = FileResult(printable(project.relative(path)), "error", error=str(exc))
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
    from ..readers import max_bytes

    rel = project.relative(path)
    require_text_name(rel, path, TranscriptError)
    data = read_regular(path, TranscriptError, max_bytes(path), "a transcript")
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
            if not same_person:
                source = "front matter"  # the stored person came from it when the file was read
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
        names=speaker_names(transcript, project.language)
        + redactable_header_names(path, project.language),
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


def speaker_names(transcript: Transcript, language: str = "nl") -> list[str]:
    """People's names in speaker labels ("Eva", "Jane" of "Nurse Jane"; never a role such as
    "Nurse" or "Verpleegkundige 2", nor a common word), and names in front matter."""
    from ..readers.label_names import label_names

    lowercase = {
        word.casefold()
        for turn in transcript.turns
        for word in _WORD_RE.findall(turn.text)
        if word[:1].islower()
    }
    names = set()
    for speaker in {t.speaker for t in transcript.turns if t.speaker}:
        names.update(label_names(speaker, language, lowercase))
    for key in ("name", "names"):
        value = transcript.metadata.get(key)
        if isinstance(value, str):
            names.add(value)
        elif isinstance(value, list):
            names.update(str(v) for v in value)
    return sorted(names)


def redactable_header_names(path: Path, language: str = "nl") -> list[str]:
    """Names in a Word or OpenDocument page header, less those made of role words only ("Ward
    Nurse"), marked "=" to be redacted only whole."""
    from ..readers.label_names import label_names

    return ["=" + n for n in header_names(path) if label_names(n, language)]


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

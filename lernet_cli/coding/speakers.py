"""Who speaks in a transcript, and as what: to check the interviewer lernet took before coding."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import TranscriptError
from ..model import Transcript
from ..project.participants import Participants
from ..store.store import Store, StoredTranscript


@dataclass
class SpeakerRow:
    file: str
    speaker: str
    role: str
    turns: int
    words: int
    participant: str = ""
    """Whom a participant's turns count for: a listed speaker (group interview), else the
    participant the participants file gives the file, else its name (empty for the interviewer)."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def read_all(
    paths: Iterable[Path],
    interviewer: list[str] | None = None,
    per_file: dict[Path, list[str]] | None = None,
) -> tuple[list[tuple[str, Transcript]], list[TranscriptError]]:
    """(the transcripts read, the errors of the files that could not be read): one empty or
    broken file does not hide the speakers of the others. `per_file`: the interviewer labels
    of files that have their own (given to `lernet code` for that file)."""
    from ..readers import read_transcript

    read: list[tuple[str, Transcript]] = []
    failed: list[TranscriptError] = []
    for path in paths:
        labels = (per_file or {}).get(path, interviewer)
        try:
            read.append((str(path), read_transcript(path, interviewer=labels)))
        except TranscriptError as exc:
            failed.append(exc)
    return read, failed


def participant_of(
    path: Path,
    metadata: dict[str, object],
    people: Participants,
    stored: str | None,
    given: str | None = None,
) -> str:
    """Whose a transcript is, as `lernet code` decides it without --participant: its front
    matter's `participant:`, else the participants file's row for it, else the participant an
    earlier `lernet code FILE --participant` gave it (`given`), else the listed participant it is
    stored with (a renamed file keeps them), else its file name."""
    meta = metadata.get("participant")
    if meta:
        return str(meta)
    owner = people.match_file(path)
    if owner is not None:
        return owner.id
    if given:
        return given
    if stored is not None and stored in people.people:
        return stored
    return path.stem


def speaker_table(
    transcripts: list[tuple[str, Transcript]],
    participants: Participants | None = None,
    stored: dict[str, str] | None = None,
    given: dict[str, str] | None = None,
) -> list[SpeakerRow]:
    """One row per (file, speaker), in order of first appearance. `stored` gives the
    participant each file (by its name as given) is stored with, `given` the one the command line
    gave it."""
    people = participants or Participants()
    rows: list[SpeakerRow] = []
    for name, transcript in transcripts:
        seen: dict[str, SpeakerRow] = {}
        kept = (stored or {}).get(name)
        own = participant_of(Path(name), transcript.metadata, people, kept, (given or {}).get(name))
        for turn in transcript.turns:
            row = seen.get(turn.speaker)
            if row is None:
                listed = people.by_speaker(turn.speaker, Path(name)) if turn.speaker else None
                who = "" if turn.role != "participant" else (listed.id if listed else own)
                row = SpeakerRow(name, turn.speaker or "(no label)", turn.role, 0, 0, who)
                seen[turn.speaker] = row
                rows.append(row)
            row.turns += 1
            row.words += len(turn.text.split())
    return rows


def speaking_participants(
    store: Store, transcripts: list[StoredTranscript] | None = None
) -> dict[int, set[str]]:
    """Per stored transcript, the participant ids whose turns it holds: its listed speakers (a
    group interview), and its own participant where a turn is no listed speaker's.
    `transcripts`: the store's, when the caller has them already."""
    speakers = store.turn_speakers()
    own = store.own_speaking()
    out: dict[int, set[str]] = {}
    for t in store.transcripts() if transcripts is None else transcripts:
        ids = set(speakers.get(t.id, {}).values())
        if t.id in own or not ids:
            ids.add(t.participant)
        out[t.id] = ids
    return out


def group_interviews(
    store: Store,
    transcripts: list[StoredTranscript] | None = None,
    speaking: dict[int, set[str]] | None = None,
) -> dict[str, list[str]]:
    """Stored path -> the participant ids, sorted, of each group interview (focus group): a
    transcript in which two or more participants speak. `transcripts` and `speaking`: the
    store's and `speaking_participants`, when the caller has them already."""
    if transcripts is None:
        transcripts = store.transcripts()
    if speaking is None:
        speaking = speaking_participants(store, transcripts)
    by_id = {t.id: t.path for t in transcripts}
    return {by_id[tid]: sorted(ids) for tid, ids in speaking.items() if len(ids) >= 2}

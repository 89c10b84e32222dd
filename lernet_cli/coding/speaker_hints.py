"""A transcript's speakers against the participants file: whose turns they are, and the
warnings where a speaker or the file's name may be someone the file does not say."""

from __future__ import annotations

from pathlib import Path

from ..model import Transcript
from ..project.participants import Participants


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
    # without a participants file, naming participants.yaml sends the researcher to a file
    # that is not there (theirs may be a deelnemers.csv lernet.yaml does not name yet)
    where = Path(participants_path).name if participants_path else None

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    who = ", ".join(
        f"{label!r} ({n(spoken[label][0], 'turn')}, {n(spoken[label][1], 'word')})"
        for label in others
    )
    whose = f"{owner}'s" if not theirs else f"{owner}'s (who speaks as {theirs[0]!r})"
    missing = f"not in {where}" if where else "in no participants file"
    add = (
        f"to their names: in {where}"
        if where
        else "as their name in a participants file (participants: in lernet.yaml)"
    )
    return [
        f"{'speaker' if len(others) == 1 else 'speakers'} {who} "
        f"{'is' if len(others) == 1 else 'are'} {missing}: the turns count as {whose}. "
        f"If that is another person, add the label {add} (a row of their "
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

"""What `lernet names` reads from a project: every turn of the store that anonymized outputs
show, the transcripts' file names, comments' notes, participants' variables, the codebook's
examples, and the codebook's own words, which are no names."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .hidden_contacts import HiddenContacts
from .likely_names import LikelyName, NameFinder
from .name_files import _WORD
from .uncased import Uncased, uncased_text

if TYPE_CHECKING:
    from ..codebook.codebook import Codebook
    from ..project.participants import Participants
    from ..project.project import Project
    from ..store.store import Store
    from .anonymize import Redactor


def codebook_words(codebook: Codebook) -> frozenset[str]:
    """The folded words of the codebook's ids and labels, and those its descriptions and
    examples write in lower case (a name in an example is no word of the codebook)."""
    out: set[str] = set()
    for code in codebook.walk():
        for text in [code.id.replace(".", " ").replace("_", " "), *code.labels.values()]:
            out.update(w.casefold() for w in _WORD.findall(text))
        for text in [code.description, code.include, code.exclude, *code.examples]:
            out.update(w for w in _WORD.findall(text or "") if w.islower())
    return frozenset(out)


def unhidden_names(
    project: Project,
    store: Store,
    codebook: Codebook,
    participants: Participants,
    redactor: Redactor | None = None,
) -> list[LikelyName]:
    """The likely names in every participant turn of the store that anonymized output shows,
    those said by their place in the other turns without capitals (a moderator's "iene kunt ge
    mij horen", which a REFI-QDA export shows), and those in the transcripts' file names, which
    every anonymized output shows (a misspelt surname: "Interview Koen Verhaege ronde 2")."""
    return names_and_contacts(project, store, codebook, participants, redactor)[0]


def names_and_contacts(
    project: Project,
    store: Store,
    codebook: Codebook,
    participants: Participants,
    redactor: Redactor | None = None,
    examples: bool = False,
) -> tuple[list[LikelyName], HiddenContacts]:
    """`unhidden_names`, and the phone numbers and addresses hidden in what participants said
    found by their form. `examples`: in the codebook's examples and counterexamples too (often
    a participant's words), which `export qdpx` and `export qdc` carry."""
    from .people import make_redactor

    finder = NameFinder(
        project.language,
        codebook_words(codebook),
        redactor or make_redactor(participants, store, project),
    )
    found = finder.find(
        [(r.path, r.segment_text) for r in store.participant_segments()] + _other_turns(store),
        files=[(t.path, t.participant) for t in store.transcripts()],
        written=[
            *_notes(store),
            *_variable_values(store, participants),
            *(_examples(codebook) if examples else []),
        ],
    )
    return found, finder.contacts


def _examples(codebook: Codebook) -> list[tuple[str, str, str]]:
    """(codebook file, "codebook example CODE", text) of the codebook's examples and
    counterexamples, which a .qdpx and .qdc carry: a name in one that nobody listed."""
    where = Path(codebook.path).name if codebook.path else "codebook"
    return [
        (where, f"codebook example {code.id}", text)
        for code in codebook.walk()
        for text in [*code.examples, *code.counterexamples]
        if text.strip()
    ]


def _other_turns(store: Store) -> list[tuple[str, str]]:
    """(transcript, text) of every turn that is no participant's: an interviewer's, which a
    REFI-QDA export shows."""
    return [
        (t.path, turn.text)
        for t in store.transcripts()
        for _, turn in store.segments(t.id)
        if turn.role != "participant" and turn.text.strip()
    ]


def _notes(store: Store) -> list[tuple[str, str, str]]:
    """(transcript, "note", text) of what people wrote in the transcripts' comments: the memos
    and the notes of the codings comments and tags made, which exports carry."""
    out = [(path, "note", text) for path, _, _, _, text, *_ in store.memo_rows() if text]
    seen: set[tuple[str, str]] = set()
    for row in store.coding_rows():
        note = row.person_note
        if note and (row.path, note) not in seen:
            seen.add((row.path, note))
            out.append((row.path, "note", note))
    return out


def _variable_values(store: Store, participants: Participants) -> list[tuple[str, str, str]]:
    """(transcript, "variable NAME", value) of the participants' variables that are text, which
    exports carry as columns and case variables: a contact person's name in one."""
    paths: dict[str, str] = {}
    for t in store.transcripts():
        paths.setdefault(t.participant, t.path)
    where = participants.path or "participants file"
    return [
        (paths.get(pid, where), f"variable {name}", value)
        for pid, person in participants.people.items()
        for name, value in person.variables.items()
        if isinstance(value, str) and value.strip()
    ]


def uncased_turns(store: Store) -> Uncased:
    """The participant turns of the store written without capitals."""
    return uncased_text((r.path, r.segment_text) for r in store.participant_segments())

"""Shared by tally, quotes and reports: which codings count, and who is in which group."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import regex

from ..project.participants import UNGROUPED, Participants
from ..store.store import CodingRow, Store

if TYPE_CHECKING:
    from ..project.project import Project
    from .anonymize import Redactor


class Placed(Protocol):
    """What decides the column a coding (or an interviewee) counts in: whose it is, the group
    and label stored with their transcript, and the transcript's path."""

    @property
    def participant(self) -> str: ...
    @property
    def group_name(self) -> str | None: ...
    @property
    def label(self) -> str | None: ...
    @property
    def path(self) -> str: ...


@dataclass(frozen=True)
class Interviewee:
    """A participant who speaks in a stored transcript, coded or not: every group (value,
    folder) somebody was interviewed in is a column of `--by`, and counts them in its n."""

    participant: str
    group_name: str | None
    label: str | None
    path: str


def interviewees(store: Store, transcripts: Iterable[int] | None = None) -> list[Interviewee]:
    """Everyone who speaks in a stored transcript (of these transcripts), once per transcript,
    with the group stored with it as the codings carry it (`Store.coding_rows`)."""
    paths = {t.id: t.path for t in store.transcripts()}
    return [
        Interviewee(pid, group, None, paths[tid])
        for pid, group, tid in store.speakers(transcripts)
        if tid in paths
    ]


@dataclass
class Person:
    participant: str
    group: str
    label: str


def person_of(row: Placed, participants: Participants) -> Person:
    """Group and attribution label: explicit ones from coding time, else the participants file."""
    return person(row.participant, row.group_name, row.label, participants)


def person(
    participant: str, group_name: str | None, label: str | None, participants: Participants
) -> Person:
    """`person_of` for a participant with the group and label stored with their transcript."""
    entry = participants.people.get(participant)
    group = group_name or (entry.group if entry else None) or UNGROUPED
    group = participants.canonical_group(group)
    label = (
        label or (entry.label if entry else None) or (group if group != UNGROUPED else participant)
    )
    return Person(participant, group, label)


NO_VALUE = {"nl": "(geen)", "en": "(none)"}
"""The column of participants without a value of the variable `--by` counts by."""


def distinct_shown(values: Iterable[str], show: Callable[[str], str]) -> dict[str, str]:
    """Each value -> `show(value)`; values that would show alike are numbered in the order
    given ("[naam] (1)", "[naam] (2)"): anonymizing never merges two columns or two values."""
    values = list(dict.fromkeys(values))
    shown = {v: show(v) for v in values}
    alike: dict[str, list[str]] = {}
    for v in values:
        alike.setdefault(shown[v], []).append(v)
    taken = set(shown.values())
    for common, held in alike.items():
        if len(held) < 2:
            continue
        n = 0
        for v in held:
            n += 1
            while f"{common} ({n})" in taken:
                n += 1
            shown[v] = f"{common} ({n})"
            taken.add(shown[v])
    return shown


def values_shown(participants: Participants, variable: str, redactor: Redactor) -> dict[str, str]:
    """Every value of a participant variable (as counted: `Participants.value_of`) -> as
    anonymized outputs show it: names in it hidden as in a participant's label (the
    researcher's own words), values that would show alike numbered in the participants file's
    order (`distinct_shown`). Tally, quotes, reports and exports all show a value so."""
    listed = (participants.value_of(p, variable) for p in participants.people)
    return distinct_shown((v for v in listed if v is not None), lambda v: redactor.redact(v, True))


def value_columns(
    pids: set[str],
    participants: Participants,
    variable: str,
    lang: str,
    listed_too: bool = False,
    redactor: Redactor | None = None,
) -> tuple[dict[str, str], list[str]]:
    """For `--by VARIABLE`: each participant's column (their value, or `(none)`), and the columns
    in the participants file's order of values, any others after, `(none)` last. `listed_too`:
    every value the file lists is a column, counted or not (as the matrix shows every group).
    With `redactor` the columns are named as anonymized outputs show the values
    (`values_shown`)."""
    none = NO_VALUE.get(lang, NO_VALUE["en"])
    shown = values_shown(participants, variable, redactor) if redactor is not None else {}

    def value(pid: str) -> str | None:
        found = participants.value_of(pid, variable)
        return shown.get(found, found) if found is not None else None

    column = {pid: value(pid) or none for pid in pids}
    listed = (value(p) for p in participants.people)
    order = list(dict.fromkeys(v for v in listed if v is not None))
    present = set(column.values()) | (set(order) if listed_too else set())
    columns = [v for v in order if v in present]
    columns += sorted(v for v in present if v not in columns and v != none)
    columns += [none] if none in present else []
    return column, columns


FOLDER = "folder"
"""`--by folder`: a column per folder the transcripts are stored in (waves), built in beside the
participants file's variables (a variable of that name comes first)."""

FOLDER_WORD = {"nl": "map", "en": "folder"}
"""How headings, captions and tables name the folder column ("map: Golf 1 (2025)")."""

TOP_FOLDER = {"nl": "(projectmap)", "en": "(project folder)"}
"""The column of transcripts stored in the project's own folder, not in a subfolder."""


def _folder_parts(path: str) -> tuple[str, ...]:
    """The folders a stored path lies in: relative to the project; for a file outside it
    (stored absolute) only the folder holding it."""
    from pathlib import PurePosixPath, PureWindowsPath

    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        parts = regex.split(r"[/\\]", path.rstrip("/\\"))
        return (parts[-2],) if len(parts) > 1 and parts[-2] else ()
    return tuple(p for p in PurePosixPath(path.replace("\\", "/")).parent.parts if p != ".")


def natural_key(text: str) -> list[tuple[int, int | str]]:
    """Sorts "Golf 2" before "Golf 10": numbers by their value."""
    return [
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in regex.split(r"(\d+)", text)
        if part
    ]


def folder_names(
    paths: Iterable[str], lang: str = "nl", redactor: Redactor | None = None
) -> dict[str, str]:
    """Stored path -> its folder's column for `--by folder`: the folder as stored, less the
    folders every transcript lies in ("Interviews/Golf 1 (2025)/x.docx" and "Interviews/Golf 2
    (2026)/y.docx" give "Golf 1 (2025)" and "Golf 2 (2026)"); a transcript in the project's own
    folder gives `TOP_FOLDER` (and then nothing is left out of the others). With `redactor`
    as anonymized outputs show them: names hidden as in file names, folders that would show
    alike numbered in their order (`distinct_shown`)."""
    parts = {p: _folder_parts(p) for p in paths}
    shared = 0
    held = list(parts.values())
    if held and all(held):
        first = held[0]
        while all(len(f) > shared + 1 and f[shared] == first[shared] for f in held):
            shared += 1
    top = TOP_FOLDER.get(lang, TOP_FOLDER["en"])
    names = {p: "/".join(f[shared:]) if f else top for p, f in parts.items()}
    if redactor is None:
        return names
    shown = distinct_shown(
        folder_order(names.values(), lang), lambda n: n if n == top else redactor.file(n)
    )
    return {p: shown[n] for p, n in names.items()}


def folder_order(names: Iterable[str], lang: str = "nl") -> list[str]:
    """The folders' columns in natural order ("Golf 2" before "Golf 10"), the project's own
    folder last."""
    top = TOP_FOLDER.get(lang, TOP_FOLDER["en"])
    present = set(names)
    return sorted((n for n in present if n != top), key=natural_key) + (
        [top] if top in present else []
    )


def by_name(by: str, lang: str) -> str:
    """What a heading or caption calls the `--by` it is broken down by: a participant variable
    by its name, the folders in the project's language ("map")."""
    return FOLDER_WORD.get(lang, FOLDER_WORD["en"]) if by == FOLDER else by


@dataclass
class Columns:
    """The columns of `--by` and which one a coding counts in: its participant's group or value,
    or with `--by folder` its transcript's folder (one person interviewed in two waves counts
    once in each)."""

    names: list[str]
    person: dict[str, str]
    folder: dict[str, str] | None = None
    # by group: (participant, transcript's path) -> the group stored with that transcript, so
    # that someone whose group changed between waves counts in each group they were in
    transcript: dict[tuple[str, str], str] | None = None

    def counted(self, rows: Iterable[Placed]) -> dict[str, int]:
        """Each column -> the participants of `rows` counted in it (its n)."""
        seen: dict[str, set[str]] = {g: set() for g in self.names}
        for r in rows:
            seen.setdefault(self.of(r), set()).add(r.participant)
        return {g: len(seen[g]) for g in self.names}

    def of(self, row: Placed) -> str:
        if self.folder is not None:
            return self.folder[row.path]
        if self.transcript is not None:
            return self.transcript[(row.participant, row.path)]
        return self.person[row.participant]


def columns_for(
    rows: Sequence[Placed],
    participants: Participants,
    by: str,
    lang: str,
    listed_too: bool = False,
    folders: dict[str, str] | None = None,
    redactor: Redactor | None = None,
) -> Columns:
    """For `--by`: the columns in order and which one a coding counts in, by group ("group": the
    group stored with their coding, else the participants file's; the file's order), by a
    participant variable (`value_columns`), or by folder (`FOLDER`, a participants file without
    a variable of that name): `folders` (stored path -> column, `folder_names` of every stored
    transcript, so that the names do not change with what is counted, as the output shows them;
    default: of these rows'), `listed_too` every folder there. With `redactor` the columns are
    named as anonymized outputs show them, names in them hidden and no two alike
    (`values_shown`; the folders when they are not given: `folder_names`). `rows` may hold
    `Interviewee`s beside the codings: then every group (value, folder) somebody was
    interviewed in is a column, whatever was coded."""
    if by == FOLDER and participants.variable(FOLDER) is None:
        mapping = dict(folders) if folders is not None else {}
        missing = [r.path for r in rows if r.path not in mapping]
        if missing:
            mapping.update(folder_names({r.path for r in rows} | set(mapping), lang, redactor))
        shown = set(mapping.values()) if listed_too else {mapping[r.path] for r in rows}
        return Columns(folder_order(shown, lang), {}, mapping)
    if by != "group":
        column, names = value_columns(
            {r.participant for r in rows}, participants, by, lang, listed_too, redactor
        )
        return Columns(names, column)
    # each coding counts in the group stored with its transcript: a person interviewed twice,
    # in another group the second time (`--group`), counts once in each, once in the total
    of_transcript = {(r.participant, r.path): person_of(r, participants).group for r in rows}
    column = {pid: group for (pid, _), group in of_transcript.items()}
    present = set(of_transcript.values())
    if listed_too:
        present |= set(participants.groups) | {
            p.group for p in participants.people.values() if p.group
        }
    return Columns(participants.group_order(sorted(present)), column, None, of_transcript)


def not_interviewed(
    rows: Sequence[Placed],
    participants: Participants,
    by: str,
    lang: str,
    folders: dict[str, str] | None = None,
    redactor: Redactor | None = None,
) -> list[str]:
    """The groups (values, folders) the participants file lists or the store holds that are no
    column of `columns_for` for these rows: nobody counted in them, so tally, phases and the
    matrix leave them out, and say which."""
    shown = columns_for(rows, participants, by, lang, folders=folders, redactor=redactor).names
    listed = columns_for(
        rows, participants, by, lang, listed_too=True, folders=folders, redactor=redactor
    ).names
    return [g for g in listed if g not in shown]


def make_redactor(
    participants: Participants, store: Store, project: Project | None = None
) -> Redactor:
    """Every name lernet knows: the participants file's, the people's names used as speaker
    labels or in page headers, the names a transcript gives outside its speech (front
    matter, a header table), and those of removed transcripts and their participants (kept by
    `lernet remove`), with the project's placeholders.

    A header's name is an organisation's where one of its words says so ("Bouwbedrijf
    Hoekstra"), else a person's; either is hidden by its parts like a listed name. Stored speaker
    names are checked again, so a role label ("Nurse") that an older lernet took for a name is
    not redacted either. A likely name in the file name a participant's id was taken from
    ("P18 Mohammed Ali.docx", a file the participants file does not name) is hidden too, and
    that participant shown by the id's code ("P18"): `show_file_ids_by_code`; such a name is hidden
    in no other file's name or id (`own_names_in_own_files`)."""
    from ..coding.names import spoken_split
    from ..language.names import name_words
    from ..language.stopwords import BY_LANGUAGE
    from ..project.project import PLACEHOLDERS
    from ..store.coders import CODER_WORD, MACHINES
    from ..store.withdrawn import withdrawn_names
    from .anonymize import Redactor, said_in_lower_case

    language = project.language if project is not None else "nl"
    marks = {**PLACEHOLDERS[language], **(project.placeholders if project is not None else {})}
    withdrawn = withdrawn_names(store)
    spoken = sorted(set(store.spoken_names()) | set(withdrawn["spoken"]))
    people, organisations = spoken_split(spoken, language)
    organisations = participants.all_organisations() + withdrawn["organisations"] + organisations
    said = said_in_lower_case(
        store,
        organisations,
        participants.all_names() + withdrawn["names"] + people,
        [p.label for p in participants.people.values() if p.label],
        project.cache_dir if project is not None else None,
    )

    owners = {t.path: t.participant for t in store.transcripts()}

    def build(found: list[str]) -> Redactor:
        redactor = Redactor(
            participants.all_names() + withdrawn["names"] + people + found,
            organisations,
            person=marks["name"],
            organisation=marks["organisation"],
            email=marks["email"],
            contacts=True,
            phone=marks["phone"],
            address=marks["address"],
            bsn=marks["bsn"],
            iban=marks["iban"],
            common_words=BY_LANGUAGE.get(language, frozenset()),
            language=language,
            said_lower=said,
        )
        redactor.own_words = {
            pid: frozenset(w for n in [*p.names, *p.organisations] for w in name_words(n))
            for pid, p in participants.people.items()
        }
        redactor.file_owner = owners
        redactor.name_participants([*store.people(), *participants.people])
        return redactor

    redactor = build([])
    ids = file_name_ids(participants, store)
    found_in = {pid: names_in_file_ids(redactor, [pid], language) for pid in ids}
    found = [name for names in found_in.values() for name in names]
    if found:
        listed_only = redactor
        redactor = build(found)
        own_names_in_own_files(redactor, listed_only, store, {p for p, n in found_in.items() if n})
    show_file_ids_by_code(redactor, ids)
    redactor.coders = coder_pseudonyms_of(store, language)
    redactor.machine_coders = frozenset(MACHINES)
    redactor.unknown_coder = CODER_WORD.get(language, CODER_WORD["en"]) + " ?"
    return redactor


def own_names_in_own_files(
    redactor: Redactor, listed_only: Redactor, store: Store, named: set[str]
) -> None:
    """A name found in one file's name ("Anna de Vries" of "P08 Anna de Vries.docx") is that
    participant's, hidden in what was said and in their own file's name, but not in another
    file's name or id: "ts_anna.txt" of someone else stays as it is. Those are shown as
    `listed_only` (the redactor without such names) shows them."""
    for t in store.transcripts():
        if t.participant not in named:
            redactor._files[t.path] = listed_only.file(t.path)
    if redactor.participant_names is None or listed_only.participant_names is None:
        return
    for pid in redactor.participant_ids:
        if pid not in named:
            redactor.participant_names[pid] = listed_only.participant_names.get(pid, pid)


def coder_pseudonyms_of(store: Store, language: str) -> dict[str, str]:
    """Every name a person coded, reviewed or wrote a memo under (folded) -> their pseudonym in
    anonymized outputs (`store.coders.coder_pseudonyms`: "Codeur 1", in the order people first
    coded in the store, after any numbers an export kept there); the spellings `lernet coders
    same` made one person share one. Nothing is written."""
    from ..store.coders import coder_pseudonyms

    spelled = store.coder_spellings()
    if not spelled:
        return {}
    names = store.coder_names()
    shown = coder_pseudonyms(store, [names.person(n) for n in spelled], language, names=names)
    out: dict[str, str] = {}
    for name in sorted(spelled):
        person = names.person(name)
        if person in shown:
            out[" ".join(name.split()).casefold()] = shown[person]
    for person, pseudonym in shown.items():
        out[" ".join(person.split()).casefold()] = pseudonym
    return out


FILE_ID = regex.compile(r"(?P<code>[^\W\d_]{1,4}[-_ ]?\d{1,4})(?=[\W_])[\W_]+(?P<rest>.+)")
"""An id of a participant taken from a file name: a code like the participants file's ids
("P18", "CH04", "R-12") and what follows it ("P18 Mohammed Ali")."""


def file_name_ids(participants: Participants, store: Store) -> list[str]:
    """The participants whose id is their transcript's file name: no row of the participants
    file names the file ("P18 Mohammed Ali.docx" gives "P18 Mohammed Ali")."""
    from pathlib import PurePosixPath

    from ..language.names import file_name_shown

    out = set()
    for t in store.transcripts():
        stem = PurePosixPath(file_name_shown(t.path)).stem
        if t.participant not in participants.people and stem == t.participant:
            out.add(t.participant)
    return sorted(out)


def names_in_file_ids(redactor: Redactor, ids: list[str], language: str) -> list[str]:
    """The likely names of people (or places) in these ids that the redactor does not hide
    yet, after the code an id starts with: "Mohammed Ali" of "P18 Mohammed Ali", not an
    abbreviation in capitals. Outputs hide them as the names of a listed participant, in the
    file's name and in what was said."""
    from .likely_names import NameFinder, file_name_words

    if not ids:
        return []
    finder = NameFinder(language, (), redactor)
    out: list[str] = []
    for pid in ids:
        m = FILE_ID.fullmatch(pid)
        text = m.group("rest") if m else pid
        read = file_name_words(text)
        hidden = redactor.spans(read)
        # a surname beside a first name hidden already ("Interview Wilma Kok", "Wilma:" its
        # speaker label) is that name's, ordinary word or not
        beside = finder.beside_hidden(read, hidden, redactor.person)
        for start, end in finder.runs(read, hidden, anywhere=True) + beside:
            words = read[start:end].split()
            # an abbreviation in capitals ("ICB" of "FAC01 ICB facilitator") names a body, not
            # a person: hidden in what was said it would hide the body's every mention
            if not any(w.isupper() for w in words):
                out.append(" ".join(words))
    return out


def show_file_ids_by_code(redactor: Redactor, ids: list[str]) -> None:
    """A participant of `file_name_ids` whose id holds a name the redactor hides (a neutral
    P3 in outputs, `Redactor.name_participants`) is shown by the code the id starts with
    ("P18" of "P18 Mohammed Ali"), as a listed participant's id would be, where no other
    participant has that id and no other such id that code. The stored id stays as it is; so
    does what outputs show from one run to the next."""
    shown = redactor.participant_names if redactor.participant_names is not None else {}
    codes: dict[str, list[str]] = {}
    for pid in ids:
        m = FILE_ID.fullmatch(pid)
        if m and pid in shown and shown[pid] != pid:
            codes.setdefault(m.group("code").casefold(), []).append(pid)
    if not codes:
        return
    taken = {p.casefold() for p in redactor.participant_ids} | {
        v.casefold() for v in shown.values()
    }
    for code, held in codes.items():
        if len(held) == 1 and code not in taken:
            m = FILE_ID.fullmatch(held[0])
            assert m is not None
            shown[held[0]] = m.group("code")
            taken.add(code)
    redactor.participant_names = shown


def shown_note(row: CodingRow, redactor: Redactor | None) -> str:
    """What a person wrote with a coding (`CodingRow.person_note`) as outputs show it:
    anonymized, on one line; "" for none."""
    note = row.person_note
    if not note:
        return ""
    return " ".join((redactor.redact(note) if redactor else note).split())

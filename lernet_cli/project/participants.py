"""Who said it: participant ids, analysis groups, attribution labels and the names to redact."""

from __future__ import annotations

import csv
import fnmatch
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..codebook.yamlio import LineDict, LineList, load_yaml, read_settings_bytes
from ..errors import ParticipantsError, UsageError
from ..language.plural import counted
from ..model import Participant
from .project import Project

PARTICIPANT_KEYS = {
    "id",
    "group",
    "label",
    "files",
    "names",
    "organisations",
    "organizations",
    "description",
    "variables",
}
TOP_KEYS = {"participants", "groups", "redact"}
CANDIDATE_NAMES = ("participants.yaml", "participants.yml", "participants.csv", "participants.xlsx")
UNGROUPED = "ungrouped"
UNGROUPED_NAMES = {"nl": "zonder groep", "en": "ungrouped"}
"""How a table or the report names those without a group, per language (`group_name`)."""


def group_name(group: str, lang: str) -> str:
    """A group as the report and tables write it: as the participants file has it, and those
    without one in the report's language."""
    return UNGROUPED_NAMES.get(lang, group) if group == UNGROUPED else group


@dataclass
class _Lookup:
    with_files: list[Participant]
    by_id: dict[str, Participant]
    """Lower-cased id -> the first participant with it."""
    by_key: dict[str, list[Participant]]
    """Folded id or name -> the participants with it, in file order (more than one: one person
    with a row per wave, each row with its own `files:`)."""
    by_name_end: dict[str, set[str]]
    """Folded first or last word of a listed name, or its words after the first written as one
    ("vandenbroeck" of Jef Van den Broeck) -> the ids of the participants with it."""
    by_words: dict[tuple[str, ...], set[str]]
    """The folded words of a listed name of two or more words, sorted -> the ids with it."""
    order: dict[str, int]
    """Lower-cased id -> its place in the file, for lookups that give people in file order."""


@dataclass
class Participants:
    path: str | None = None
    people: dict[str, Participant] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    other_names: list[str] = field(default_factory=list)
    other_organisations: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    """Participant id -> the line of the participants file where it stands."""
    variable_names: list[str] = field(default_factory=list)
    """The participant variables (sector, region...) in the file's order: a CSV's columns other
    than lernet's own, a YAML file's `variables:` keys. `tally --by NAME` counts by one."""
    merged: list[str] = field(default_factory=list, compare=False)
    """One line per group or variable value written in several ways that differ only in case
    or spaces ("Charity" / "charity"), which count as one (`merge_spellings`)."""
    group_names: dict[str, dict[str, str]] = field(default_factory=dict)
    """A group's name per language where the file gives one (`groups:` `bedrijf: {en:
    company}`, a CSV's `group_en` column), by the group's spelling key (`_spelling_key`)."""
    label_names: dict[str, dict[str, str]] = field(default_factory=dict)
    sheet: str | None = None
    """The sheet of a workbook the people were read from (None: no workbook): its `lines` are
    rows, and a message about one says `sheet NAME, row N`."""
    notes: list[str] = field(default_factory=list, compare=False)
    """What reading the file says once a run: which sheet of a workbook of several was read."""
    """A participant's label per language where the file gives one (`label: {nl: aannemer, en:
    contractor}`, a CSV's `label_en` column), by participant id."""
    _group_alias: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _lookup: _Lookup | None = field(default=None, init=False, repr=False, compare=False)

    def _tables(self) -> _Lookup:
        """Lookups made on first use (the people do not change once loaded): a thousand
        transcripts each looked up among a thousand people would otherwise take a while."""
        if self._lookup is None:
            from ..language.text import fold_label as fold

            with_files = [p for p in self.people.values() if p.files]
            by_id: dict[str, Participant] = {}
            by_key: dict[str, list[Participant]] = {}
            by_name_end: dict[str, set[str]] = {}
            by_words: dict[tuple[str, ...], set[str]] = {}
            for p in self.people.values():
                by_id.setdefault(p.id.lower(), p)
                for key in dict.fromkeys((fold(p.id), *(fold(n) for n in p.names))):
                    by_key.setdefault(key, []).append(p)
                for n in p.names:
                    words = fold(n).split()
                    # "Vandenbroeck" for Jef Van den Broeck: a surname with particles as one word
                    joined = ["".join(words[1:])] if len(words) > 2 else []
                    for end in {*words[:1], *words[-1:], *joined}:
                        by_name_end.setdefault(end, set()).add(p.id)
                    if len(words) >= 2:
                        by_words.setdefault(tuple(sorted(words)), set()).add(p.id)
            order = {p.id.lower(): i for i, p in enumerate(self.people.values())}
            self._lookup = _Lookup(with_files, by_id, by_key, by_name_end, by_words, order)
        return self._lookup

    def _id_prefixed(self, low: str) -> list[Participant]:
        """The participants whose id begins a (lower-cased) file stem before '_', '-', ' ' or
        '.', in file order: looked up per cut of the stem, not per person."""
        tables = self._tables()
        cuts = [low[:j] for j in range(1, len(low)) if low[j] in "_- ."]
        found = {key: tables.by_id[key] for key in cuts if key in tables.by_id}
        return [found[key] for key in sorted(found, key=tables.order.__getitem__)]

    def match_file(self, path: Path) -> Participant | None:
        """The participant a transcript belongs to: by `files:` pattern, by id, or by id prefix."""
        name = path.name
        stem = path.stem
        tables = self._tables()
        for p in tables.with_files:
            if any(fnmatch.fnmatch(name.lower(), pat.lower()) for pat in p.files):
                return p
        found = tables.by_id.get(stem.lower())
        if found is not None:
            return found
        prefixed = self._id_prefixed(stem.lower())
        return prefixed[0] if prefixed else None

    def claims(self, path: Path) -> list[tuple[Participant, str]]:
        """Every participant whose row would take this transcript, and how: `files: PATTERN`,
        its id, or its id as the name's beginning; the first is the one `match_file` gives it.
        More than one is a mistake in the participants file (`claim_conflicts`)."""
        name, low = path.name.lower(), path.stem.lower()
        out: list[tuple[Participant, str]] = []
        for p in self._tables().with_files:
            pattern = next((pat for pat in p.files if fnmatch.fnmatch(name, pat.lower())), None)
            if pattern is not None:
                out.append((p, f"files: {pattern}"))
        tables = self._tables()
        exact = [tables.by_id[low]] if low in tables.by_id else []
        by_id = sorted(exact + self._id_prefixed(low), key=lambda p: tables.order[p.id.lower()])
        for p in by_id:
            if all(p is not q for q, _ in out):
                out.append((p, "by its id"))
        taken = self.match_file(path)
        out.sort(key=lambda claim: claim[0] is not taken)
        return out

    def claim_conflicts(
        self,
        paths: list[Path],
        shown: list[str] | None = None,
        taken: list[str] | None = None,
        speaking: list[set[str]] | None = None,
    ) -> list[str]:
        """One line per transcript that two or more rows of the participants file claim: the
        file, the ids and how each claims it, and whose it is counted as. `shown` are the names
        to print the files under (default: the paths), `taken` the participant each transcript
        is stored with (default: the one `match_file` gives); a transcript stored with someone
        none of the rows is (`--participant`, front matter) is no conflict. `speaking` are the
        participants whose turns each transcript holds: a group interview (focus group) whose
        every claimant speaks in it is no conflict either; of one where some do, those who do
        not are named."""
        out = []
        where = Path(self.path).name if self.path else "the participants file"
        for i, path in enumerate(paths):
            found = self.claims(path)
            if len(found) < 2:
                continue
            first = taken[i] if taken else found[0][0].id
            if all(p.id != first for p, _ in found):
                continue
            spoken = speaking[i] if speaking else set()
            name = shown[i] if shown else path
            how = " and ".join(f"{p.id} ({why})" for p, why in found)
            claim = f"{where}: {how} {'both' if len(found) == 2 else 'all'} claim {name}"
            if len(spoken) >= 2:
                silent = [p.id for p, _ in found if p.id not in spoken]
                if silent:
                    out.append(
                        f"{claim}, a group interview whose turns count for "
                        f"{', '.join(sorted(spoken))}; {', '.join(silent)} speak"
                        f"{'s' if len(silent) == 1 else ''} in none of them, so get"
                        f"{'s' if len(silent) == 1 else ''} nothing from it (give their "
                        "speaker label as a name in their row, or take the file out of their "
                        "files:)"
                    )
                continue
            others = [p.id for p, _ in found if p.id != first]
            out.append(
                f"{claim}: it is counted as {first}'s, and "
                f"{', '.join(others)} get{'s' if len(others) == 1 else ''} no interview from it "
                "(give the file to one of them)"
            )
        return out

    def nearest_id(self, pid: str) -> str | None:
        """The listed id a mistyped one most likely means: the same but for case, separators
        and leading zeros ("D6", "d-06" for D06), else the closest in spelling."""
        import difflib

        def plain(text: str) -> str:
            return re.sub(
                r"\d+", lambda m: str(int(m.group())), re.sub(r"[\s_.-]", "", text.casefold())
            )

        same = [p for p in self.people if plain(p) == plain(pid) and p != pid]
        if same:
            return same[0]
        close = difflib.get_close_matches(
            pid, [p for p in self.people if p != pid], n=1, cutoff=0.6
        )
        return close[0] if close else None

    def option_conflict(self, path: Path, pid: str) -> UsageError | None:
        """What is wrong with `--participant pid` for the transcript `path` (None: nothing): the
        participants file gives it to someone else. A file it does not name takes any id, a new
        one too."""
        owner = self.match_file(path)
        if owner is None or owner.id == pid:
            return None
        how = next((why for p, why in self.claims(path) if p is owner), "")
        unknown = ""
        if pid not in self.people:
            near = self.nearest_id(pid)
            unknown = f"; {pid} is not in it" + (f" (did you mean {near}?)" if near else "")
        return UsageError(
            f"gives {path.name} to {owner.id} ({how}), not to {pid}{unknown}: leave out "
            f"--participant to code it as {owner.id}'s, or give the file to {pid} here",
            self.path,
            self.lines.get(owner.id),
            sheet=self.sheet,
        )

    def by_speaker(self, label: str, file: Path | None = None) -> Participant | None:
        """The participant a speaker label names: their id, or one of their listed names.

        Lets a group interview's speakers count as separate participants. A device Zoom shows
        for its owner ("iPad van Hilde") is looked up as itself, then as the owner's name. A name
        in another word order ("Verhaeghe Jonas", as Teams writes surname first) is the listed
        name with the same words, all of them (case and accents aside; never one word alone).
        A name of several rows (one person interviewed twice, a row per wave with its own
        `files:`) is the row the transcript `file` belongs to (its `files:` pattern decides
        before the name); where the file decides for none of them, the first of them
        (`shared_name_warnings` says so).
        """
        found = self._named_by(label)
        if len(found) > 1 and file is not None:
            found = self._decided_by_file(found, file) or found
        return found[0] if found else None

    def _named_by(self, label: str) -> list[Participant]:
        """Every participant a speaker label names, in file order."""
        from ..language.text import fold_label as fold
        from ..readers.labels import device_owner

        key = fold(re.sub(r"\s*\(.*?\)\s*", " ", label))
        if not key:
            return []
        tables = self._tables()
        found = tables.by_key.get(key, [])
        owner = device_owner(label) if not found else None
        if owner:
            key = fold(owner)
            found = tables.by_key.get(key, [])
        if not found:  # "Verhaeghe Jonas (Stad Eeklo)", "Verhaeghe, Jonas" for Jonas Verhaeghe
            words = tuple(sorted(key.replace(",", " ").split()))
            ids = tables.by_words.get(words, set()) if len(words) >= 2 else set()
            found = sorted((self.people[i] for i in ids), key=lambda p: tables.order[p.id.lower()])
        return found

    def _decided_by_file(self, found: list[Participant], file: Path) -> list[Participant]:
        """Of the rows a speaker's name names, those the transcript `file` belongs to: the row
        `match_file` gives it, else the rows whose `files:` patterns match it."""
        owner = self.match_file(file)
        if owner is not None and any(owner is p for p in found):
            return [owner]
        name = file.name.lower()
        return [p for p in found if any(fnmatch.fnmatch(name, pat.lower()) for pat in p.files)]

    def shared_names(self) -> list[tuple[str, list[str]]]:
        """(name as first written, the ids of its rows) for each name on more than one row, in
        file order: rows that count as as many participants, though they name one person."""
        from ..language.text import fold_label as fold

        rows: dict[str, list[str]] = {}
        said: dict[str, str] = {}
        for p in self.people.values():
            for n in dict.fromkeys(fold(n) for n in p.names if n.strip()):
                if p.id not in rows.setdefault(n, []):
                    rows[n].append(p.id)
            for n in p.names:
                said.setdefault(fold(n), n)
        return [(said[n], ids) for n, ids in rows.items() if len(ids) > 1]

    def shared_names_note(self) -> str | None:
        """One line on rows that share a name (one person with a row per round): each row is a
        participant of its own, so every count counts that person once per row. None when no
        name is on two rows."""
        shared = self.shared_names()
        if not shared:
            return None
        where = Path(self.path).name if self.path else "the participants file"
        name, ids = shared[0]
        more = (
            f" (and {counted(len(shared) - 1, 'more name')} on several rows)"
            if len(shared) > 1
            else ""
        )
        both = f"{', '.join(ids[:-1])} and {ids[-1]}"
        return (
            f"{where}: {both} share the name {name!r}{more}, and count as {len(ids)} "
            "participants in every count and in the report; for one person interviewed in "
            "rounds, keep one row (one id) and put each round's transcripts in a folder of its "
            "own, then count a round with --file (see 'Some transcripts only' in README)"
        )

    def shared_name_warnings(self, labels: Iterable[str], file: Path) -> list[str]:
        """One line per speaker label that is a name of several rows (one person with a row per
        wave) where the transcript `file` matches none of their `files:` patterns (or several):
        its turns are counted as the first row's, which may be the wrong wave."""
        where = Path(self.path).name if self.path else "the participants file"
        out = []
        for label in sorted(set(labels)):
            found = self._named_by(label)
            decided = self._decided_by_file(found, file) if len(found) > 1 else found
            if len(decided) == 1 or not found:
                continue
            ids = [p.id for p in found]
            both = f"{', '.join(ids[:-1])} and {ids[-1]}"
            matches = (
                f"{'neither' if len(ids) == 2 else 'none'} of their files: patterns"
                if not decided
                else f"the files: patterns of {' and '.join(p.id for p in decided)}"
            )
            out.append(
                f"speaker {label!r} is a name of {both} in {where}, and {file.name} matches "
                f"{matches}: its turns are counted as {(decided or found)[0].id}'s (give the "
                "file to one of "
                "them in files:)"
            )
        return out

    def named_alike(self, label: str) -> Participant | None:
        """The one participant with a listed name whose first or last word is the label ("Joost"
        for "Joost Smit"): a likely match to suggest, never taken on its own (another Joost may
        speak)."""
        from ..language.text import fold_label as fold
        from ..readers.labels import device_owner

        label = device_owner(label) or label
        key = fold(re.sub(r"\s*\(.*?\)\s*", " ", label))
        if not key or " " in key:
            return None
        found = self._tables().by_name_end.get(key, set())
        return self.people[next(iter(found))] if len(found) == 1 else None

    def named_in_file(self, path: Path) -> tuple[Participant, str] | None:
        """The one participant a word of a transcript's file name is a listed name's first or
        last word of ("Interview Jef Vandenbroeck ronde 2.docx" for Jef Van den Broeck), and that
        word: a likely owner to suggest when no row claims the file, never taken on its own."""
        from ..language.text import fold_label as fold

        tables = self._tables()
        firsts = {fold(n).split()[0] for p in self.people.values() for n in p.names if n.split()}
        found: dict[str, list[str]] = {}
        for word in re.split(r"[\W_]+", path.stem):
            key = fold(word)
            if len(key) >= 3 and not key.isdigit():
                for pid in tables.by_name_end.get(key, ()):
                    found.setdefault(pid, []).append(word)
        if len(found) != 1:
            return None
        ((pid, words),) = found.items()
        # the surname, more telling in a pattern than a first name
        return self.people[pid], min(words, key=lambda w: fold(w) in firsts)

    def all_names(self) -> list[str]:
        out = list(self.other_names)
        for p in self.people.values():
            out.extend(p.names)
        return out

    def all_organisations(self) -> list[str]:
        out = list(self.other_organisations)
        for p in self.people.values():
            out.extend(p.organisations)
        return out

    def canonical_group(self, group: str) -> str:
        """The one spelling a group counts under: "charity " and "Charity" are "charity" when
        the file writes it so most (`merge_spellings`)."""
        return self._group_alias.get(_spelling_key(group), group)

    def value_of(self, pid: str, variable: str) -> str | None:
        """A participant's value of a variable as counted (`merge_spellings`), None: none."""
        entry = self.people.get(pid)
        value = entry.variables.get(variable) if entry is not None else None
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return str(value)

    def variable(self, name: str) -> str | None:
        """The variable a `--by` names, any case; None when the file has no such variable."""
        found = [v for v in self.variable_names if v.casefold() == name.strip().casefold()]
        return found[0] if found else None

    def merge_spellings(self) -> None:
        """Count values that differ only in case or spaces ("Charity", "charity ") as one: the
        spelling most rows have (the first of them on a tie; a YAML file's `groups:` spelling
        where it lists one), noted in `merged`."""
        where = Path(self.path).name if self.path else "the participants file"
        groups = [p.group for p in self.people.values() if p.group]
        chosen = _merge(groups, self.groups)
        self._group_alias = {_spelling_key(g): c for g, c in chosen.items()}
        for p in self.people.values():
            if p.group:
                p.group = chosen[p.group]
        self.merged += _merge_notes(where, "group", groups, chosen)
        for name in self.variable_names:
            values = [
                v
                for p in self.people.values()
                if isinstance(v := p.variables.get(name), str) and v.strip()
            ]
            picked = _merge(values, [])
            for p in self.people.values():
                v = p.variables.get(name)
                if isinstance(v, str) and v in picked:
                    p.variables[name] = picked[v]
            self.merged += _merge_notes(where, name, values, picked)

    def in_language(self, lang: str) -> None:
        """Show groups and labels as the file words them in `lang`, where it gives them per
        language; the others stay as written. Only what outputs show changes (nothing is
        written): a group's written name still finds it (`canonical_group`), and a label or
        group stored with a transcript (front matter, --group) stays as it is."""
        shown = {key: names[lang] for key, names in self.group_names.items() if names.get(lang)}
        if shown:

            def word(group: str) -> str:
                return shown.get(_spelling_key(group), group)

            for p in self.people.values():
                if p.group:
                    p.group = word(p.group)
            self.groups = [word(g) for g in self.groups]
            self._group_alias = {k: word(v) for k, v in self._group_alias.items()}
            for key, name in shown.items():
                self._group_alias[key] = name
                self._group_alias.setdefault(_spelling_key(name), name)
        for pid, names in self.label_names.items():
            entry = self.people.get(pid)
            if entry is not None and names.get(lang):
                entry.label = names[lang]

    def group_order(self, present: list[str]) -> list[str]:
        """Groups in the file's order, then any others seen, ungrouped last."""
        order = list(self.groups)
        for p in self.people.values():
            if p.group and p.group not in order:
                order.append(p.group)
        for g in present:
            if g not in order and g != UNGROUPED:
                order.append(g)
        result = [g for g in order if g in present]
        if UNGROUPED in present:
            result.append(UNGROUPED)
        return result


def _spelling_key(value: str) -> str:
    return " ".join(value.split()).casefold()


def _merge(values: list[str], declared: list[str]) -> dict[str, str]:
    """Each value -> the spelling it counts under: of the spellings that differ only in case
    or spaces, a declared one, else the one most values have (the first on a tie), its spaces
    tidied."""
    from collections import Counter

    counts = Counter(values)
    by_key: dict[str, list[str]] = {}
    for v in values:
        if v not in by_key.setdefault(_spelling_key(v), []):
            by_key[_spelling_key(v)].append(v)
    out: dict[str, str] = {}
    for key, spellings in by_key.items():
        named = [d for d in declared if _spelling_key(d) == key]
        best = named[0] if named else max(spellings, key=lambda v: counts[v])
        for v in spellings:
            out[v] = " ".join(best.split())
    return out


def _merge_notes(where: str, what: str, values: list[str], chosen: dict[str, str]) -> list[str]:
    """One line per value written in more than one way (case, spaces): which spellings count
    as which, and how many rows have each."""
    from collections import Counter

    counts = Counter(values)
    notes = []
    by_target: dict[str, list[str]] = {}
    for v in counts:
        by_target.setdefault(chosen[v], []).append(v)
    for target, spellings in by_target.items():
        if len(spellings) < 2 and spellings[0] == target:
            continue
        shown = ", ".join(f"{s!r} ({counts[s]})" for s in spellings)
        notes.append(
            f"{where}: {what} {shown} counted as one: {target!r} (they differ only in "
            "capitals or spaces)"
        )
    return notes


def find_participants_file(folders: list[Path]) -> Path | None:
    for folder in folders:
        for name in CANDIDATE_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


LIST_WORDS = (
    "participant",
    "deelnemer",
    "respondent",
    "interviewee",
    "geinterviewde",
    "informant",
)
"""Words in the name of a file that lists the people interviewed (deelnemers.csv, Respondenten
2024.xlsx saved as CSV), in Dutch and English."""


LIST_SUFFIXES = (".csv", ".yaml", ".yml", ".tsv", ".txt", ".xlsx", ".xlsm")
"""What a participants list is saved as: YAML, a CSV or text table, an Excel workbook."""


def likely_participants_files(folders: list[Path]) -> list[Path]:
    """CSV and YAML files (and tables saved as text, `deelnemers.txt`) in these folders whose
    name says they list the participants (`deelnemers.csv`, `respondenten.yaml`): what
    lernet.yaml's `participants:` should name when it names nothing and no participants.yaml
    is found."""
    import unicodedata

    found: list[Path] = []
    for folder in dict.fromkeys(folders):
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            suffix = path.suffix.lower()
            if suffix not in LIST_SUFFIXES or path.name.startswith((".", "~$")):  # Excel's lock
                continue
            stem = unicodedata.normalize("NFKD", path.stem.casefold())
            stem = "".join(c for c in stem if not unicodedata.combining(c))
            if not any(word in stem for word in LIST_WORDS) or not path.is_file():
                continue
            # a .txt is a transcript unless it is a table with an id column ("Unicode text")
            if suffix != ".txt" or is_participants_table(path):
                found.append(path)
    return found


def _folders_down_to(root: Path, files: list[str]) -> list[Path]:
    """The project's folder, then every folder between it and each file, nearest the top
    first: a list in Interviews/ is beside the transcripts in Interviews/Golf 1/ as well."""
    folders = {root}
    for f in files:
        parent = (root / f).parent
        while parent != root and root in parent.parents:
            folders.add(parent)
            parent = parent.parent
    return sorted(folders, key=lambda p: (len(p.parts), p))


def participants_hint(project: Project, files: list[str]) -> str:
    """Where the participants are when no participants file was found: a file in the project
    (or beside the transcripts) whose name says it lists them, else how to add one. Said as
    filling in lernet.yaml's `participants:` line when it has one (lernet init writes it
    empty): a second `participants:` line would be a duplicate key."""
    likely = likely_participants_files(_folders_down_to(project.root, files))
    name = project.relative(likely[0]) if likely else "FILE"
    line = project.participants_line
    setting = (
        f"fill in the `participants:` line of lernet.yaml (line {line}): `participants: {name}`"
        if line is not None
        else f"add `participants: {name}` to lernet.yaml"
    )
    if likely:
        return f"{Path(name).name} looks like a participants list: {setting}"
    return f"add a participants.yaml, .csv or .xlsx to the project, or name yours: {setting}"


def load_participants(
    path: Path | None, cache: Path | None = None, language: str | None = None
) -> Participants:
    """The participants file (YAML, CSV or an Excel workbook); with `cache` (the project's cache
    folder) a YAML file's parsed tree is kept there under the digest of its text, so a command
    that only needs the people (a re-coding, a tally) does not parse a large file again until
    it changes.
    `language`: groups and labels as the file words them in that language (`in_language`)."""
    if path is None:
        return Participants()
    from .participants_sheet import WORKBOOK_SUFFIXES, refuse_other_spreadsheet

    suffix = path.suffix.lower()
    refuse_other_spreadsheet(path)
    if suffix in (".csv", ".tsv") or (suffix == ".txt" and is_participants_table(path)):
        result = _load_csv(path)
    elif suffix in WORKBOOK_SUFFIXES:
        result = _load_xlsx(path)
    else:
        result = _load_yaml(path, cache)
    result.merge_spellings()
    if language is not None:
        result.in_language(language)
    return result


def _in_languages(value: Any, what: str, path: Path, line: int) -> dict[str, str]:
    """A `{nl: …, en: …}` mapping of texts by language (`en-GB` is en)."""
    from ..codebook.codebook import LANGS, language_code

    out: dict[str, str] = {}
    for key, text in value.items():
        lang = language_code(key)
        if lang is None or not isinstance(text, str | int) or not str(text).strip():
            raise ParticipantsError(
                f"{what}: give a text per language ({', '.join(LANGS)}), as "
                f"{{nl: …, en: …}}; {key!r} is "
                + ("no language" if lang is None else "without a text"),
                path,
                value.line_of(key) if isinstance(value, LineDict) else line,
            )
        out[lang] = " ".join(str(text).split())
    return out


def _groups(value: Any, path: Path, line: int) -> tuple[list[str], dict[str, dict[str, str]]]:
    """`groups:` as names, and the names some have per language: a list of names, each a text
    or `bedrijf: {en: company}`, or one mapping of them."""
    if value is None or isinstance(value, str):
        return _str_list(value, path, line, "groups"), {}
    items: list[tuple[Any, Any, int]] = []
    if isinstance(value, dict):
        at = value.line_of if isinstance(value, LineDict) else (lambda _k: line)
        items = [(k, v, at(k)) for k, v in value.items()]
    elif isinstance(value, list):
        for i, item in enumerate(value):
            where = value.line_at(i) if isinstance(value, LineList) else line
            if isinstance(item, dict) and len(item) == 1:
                ((k, v),) = item.items()
                items.append((k, v, item.line_of(k) if isinstance(item, LineDict) else where))
            elif isinstance(item, dict):
                raise ParticipantsError(
                    "groups: one group per item, as `- bedrijf: {en: company}`", path, where
                )
            else:
                items.append((item, None, where))
    else:
        raise ParticipantsError("groups: must be a list of names", path, line)
    names: list[str] = []
    worded: dict[str, dict[str, str]] = {}
    for key, names_of, at_line in items:
        if not isinstance(key, str | int) or not str(key).strip():
            raise ParticipantsError("groups: must be a list of names", path, at_line)
        name = " ".join(str(key).split())
        names.append(name)
        if names_of is None:
            continue
        if not isinstance(names_of, dict):
            raise ParticipantsError(
                f"groups: give {name!r} a name per language, as `{name}: {{en: …}}`",
                path,
                at_line,
            )
        worded[_spelling_key(name)] = _in_languages(names_of, f"groups: {name}", path, at_line)
    return names, worded


def _same_group_names(result: Participants, path: Path, line: int | None) -> None:
    """Two groups the file names alike in a language would count as one there: refused."""
    written = {_spelling_key(g): g for g in result.groups}
    for p in result.people.values():
        if p.group:
            written.setdefault(_spelling_key(p.group), p.group)
    languages = {lang for names in result.group_names.values() for lang in names}
    for lang in sorted(languages):
        seen: dict[str, str] = {}
        for key, group in written.items():
            shown = result.group_names.get(key, {}).get(lang, group)
            other = seen.setdefault(_spelling_key(shown), group)
            if other != group:
                raise ParticipantsError(
                    f"groups {other!r} and {group!r} are both {shown!r} in {lang}: they would "
                    "count as one group there",
                    path,
                    line,
                )


TABLE_SUFFIXES = (".csv", ".tsv", ".txt")
"""What a spreadsheet saves a table as: CSV, and text with tabs (Excel's "Unicode text", UTF-16)."""


def is_participants_table(path: Path) -> bool:
    """Whether a file is a table whose header row has an `id` column: a participants list saved
    from a spreadsheet, whatever its name ends in (deelnemers.txt as Excel's "Unicode text" is
    one, and no transcript)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    elif b"\x00" in head:
        return False
    else:
        text = head.decode("utf-8-sig", errors="replace")
    return _separator(text.lstrip("\ufeff")) is not None


def _str_list(value: Any, path: Path, line: int, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ParticipantsError(f"{key}: must be a list of names", path, line)


class _Problems:
    """The participants file's mistakes, gathered so that one run names them all, one line each
    (a misspelled group, a duplicate id, an unknown key...), in the order of their lines."""

    def __init__(self) -> None:
        self.found: list[ParticipantsError] = []

    def add(self, problem: ParticipantsError) -> None:
        self.found.append(problem)

    def value(self, make: Any, default: Any) -> Any:
        """`make()`, or `default` with its problem noted."""
        try:
            return make()
        except ParticipantsError as exc:
            self.add(exc)
            return default

    def raise_any(self) -> None:
        if self.found:
            first, *rest = sorted(self.found, key=lambda e: e.line or 0)
            first.also = tuple(rest)
            raise first


def _load_yaml(path: Path, cache: Path | None = None) -> Participants:
    data = load_yaml(path, ParticipantsError, cache=cache)
    if isinstance(data, list):
        wrapped = LineDict({"participants": data})
        wrapped.key_lines = {"participants": 1}
        wrapped.line = 1
        data = wrapped
    if not isinstance(data, LineDict) or not isinstance(data.get("participants"), list):
        raise ParticipantsError("expected a participants: list", path, 1)
    problems = _Problems()
    for key in data:
        if key not in TOP_KEYS:
            problems.add(
                ParticipantsError(
                    f"unknown key {key!r}; known: {', '.join(sorted(TOP_KEYS))}",
                    path,
                    data.line_of(key),
                )
            )
    result = Participants(path=str(path))
    result.groups, result.group_names = problems.value(
        lambda: _groups(data.get("groups"), path, data.line_of("groups")), ([], {})
    )
    redact = data.get("redact") or {}
    redact_line = data.line_of("redact")
    if not isinstance(redact, dict):
        problems.add(
            ParticipantsError("redact: must have names: and organisations:", path, redact_line)
        )
        redact = {}
    result.other_names = problems.value(
        lambda: _str_list(redact.get("names"), path, redact_line, "names"), []
    )
    result.other_organisations = problems.value(
        lambda: _str_list(
            redact.get("organisations", redact.get("organizations")),
            path,
            redact_line,
            "organisations",
        ),
        [],
    )
    for item in data["participants"]:
        if not isinstance(item, LineDict):
            problems.add(
                ParticipantsError(
                    "each participant must be a mapping with id:",
                    path,
                    getattr(item, "line", None) or data.line_of("participants"),
                )
            )
            continue
        for key in item:
            if key not in PARTICIPANT_KEYS:
                meant = CSV_ALIASES.get(str(key).strip().lower())
                hint = (
                    f"did you mean {meant}:?"
                    if meant
                    else "a participant variable goes under variables:, as "
                    f"`variables: {{{key}: ...}}`"
                )
                problems.add(
                    ParticipantsError(
                        f"unknown key {key!r}; known: {', '.join(sorted(PARTICIPANT_KEYS))} "
                        f"({hint})",
                        path,
                        item.line_of(key),
                    )
                )
        given = item.get("group")
        if isinstance(given, list):
            problems.add(_groups_given(given, path, item.line_of("group")))
            continue
        pid = item.get("id")
        if pid is None or not str(pid).strip():
            problems.add(ParticipantsError("participant without id:", path, item.line))
            continue
        group = item.get("group")
        if isinstance(group, dict | list):
            problems.add(
                ParticipantsError(
                    "group: one name; give a group its name per language under groups:, as "
                    "`groups: [bedrijf: {en: company}]`",
                    path,
                    item.line_of("group"),
                )
            )
            group = None
        group = _opt(group)
        if result.groups and group is not None and group not in result.groups:
            problems.add(
                ParticipantsError(
                    f"group {group!r} is not one of the groups: {', '.join(result.groups)} "
                    "(a typo? or add it to groups:)",
                    path,
                    item.line_of("group"),
                )
            )

        lists: dict[str, list[str]] = {}
        spellings = (("files", "files"), ("names", "names"), ("organisations", "organizations"))
        for key, spelled in spellings:
            value = item.get(key, item.get(spelled))
            lists[key] = problems.value(
                lambda: _str_list(value, path, item.line_of(key), key),  # noqa: B023
                [],
            )
        variables = problems.value(
            lambda: _variables(item.get("variables"), path, item.line_of("variables")),  # noqa: B023
            {},
        )
        for name in variables:
            if name not in result.variable_names:
                result.variable_names.append(name)
        label = item.get("label")
        if isinstance(label, dict):
            worded = problems.value(
                lambda: _in_languages(label, "label", path, item.line_of("label")),  # noqa: B023
                {},
            )
            if worded:
                result.label_names[str(pid).strip()] = worded
            label = next(iter(worded.values()), None)
        try:
            _add(
                result,
                Participant(
                    id=str(pid).strip(),
                    group=group,
                    label=_opt(label),
                    files=lists["files"],
                    names=lists["names"],
                    organisations=lists["organisations"],
                    description=_opt(item.get("description")),
                    variables=variables,
                ),
                path,
                item.line_of("id"),
            )
        except ParticipantsError as exc:
            problems.add(exc)
    problems.value(lambda: _same_group_names(result, path, data.line_of("groups")), None)
    problems.raise_any()
    return result


def _variables(value: Any, path: Path, line: int) -> dict[str, str | int | float | bool]:
    """`variables:` a mapping of names to values (text, a number or true/false), as another
    tool's case variables are kept."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(v, str | int | float | bool) or v is None for v in value.values()
    ):
        raise ParticipantsError(
            "variables: must map each variable's name to a value (Role: Care home manager)",
            path,
            line,
        )
    return {str(k).strip(): v for k, v in value.items() if v is not None and str(k).strip()}


def _spreadsheet_text(path: Path) -> str:
    """A CSV as spreadsheets save it: UTF-8 (with or without BOM), UTF-16 ("Unicode text"), or
    the Windows code page Dutch and English Excel use for plain CSV (cp1252)."""
    data = read_settings_bytes(path, ParticipantsError)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ParticipantsError("not a text file (binary content)", path) from None
    if b"\x00" in data:
        raise ParticipantsError("not a text file (binary content)", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _load_csv(path: Path) -> Participants:
    text = _spreadsheet_text(path)
    separator = _separator(text)
    if separator is None:
        raise ParticipantsError("a participants CSV needs a header row with an id column", path, 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = next(reader, [])
    rows = ((reader.line_num, cells) for cells in reader if cells)

    def extra(cells: list[str], line: int) -> ParticipantsError:
        return _extra_cells(cells, len(header), separator, path, line)

    return _load_table(path, header, rows, extra)


def _load_xlsx(path: Path) -> Participants:
    """A participants list kept in Excel, read as its CSV would be (`participants_sheet`)."""
    from .participants_sheet import read_sheet

    sheet = read_sheet(path, read_settings_bytes(path, ParticipantsError))

    def extra(cells: list[str], line: int) -> ParticipantsError:
        shown = ", ".join(repr(v) for v in cells[:3]) + (" …" if len(cells) > 3 else "")
        return ParticipantsError(
            f"{counted(len(cells), 'cell')} right of the header's last column ({shown}): give "
            "the column a header (one lernet does not know is a variable), or clear the cells",
            path,
            line,
        )

    try:
        result = _load_table(path, sheet.header, sheet.rows, extra, sheet.name, sheet.header_line)
    except ParticipantsError as exc:
        for problem in (exc, *exc.also):
            problem.sheet = sheet.name
        raise
    if sheet.note:
        result.notes.append(sheet.note)
    return result


def _load_table(
    path: Path,
    header: list[str],
    rows: Iterable[tuple[int, list[str]]],
    extra_cells: Any,
    sheet: str | None = None,
    header_line: int = 1,
) -> Participants:
    """The participants of a table (a CSV, a sheet of a workbook): its header's columns (an
    alias, `naam`, is the column it means; any other is a variable), then a row per person;
    `extra_cells(cells, line)` is the problem of a row with cells right of the header's."""
    if "id" not in [str(f).strip().lower() for f in header]:
        raise ParticipantsError(
            "a participants CSV needs a header row with an id column", path, header_line
        )
    result = Participants(path=str(path), sheet=sheet)
    columns: dict[str, str] = {}
    for heading in header:
        name = str(heading or "").strip()
        low = CSV_ALIASES.get(name.lower(), name.lower())
        if name and low in columns:
            raise ParticipantsError(
                f"columns {columns[low]!r} and {name!r} both give the {low}: keep one",
                path,
                header_line,
            )
        if name:
            columns[low] = name
    keys = [CSV_ALIASES.get(str(h).strip().lower(), str(h).strip().lower()) for h in header]
    result.variable_names = [
        name for low, name in columns.items() if low not in CSV_COLUMNS and name
    ]
    problems = _Problems()
    for line, row in rows:
        extra = [str(v).strip() for v in row[len(header) :] if str(v).strip()]
        if extra:
            problems.add(extra_cells(extra, line))
            continue
        clean: dict[str, str] = {}
        for key, value in zip(keys, row, strict=False):
            if key:
                clean[key] = (value or "").strip()
        variables: dict[str, str | int | float | bool] = {
            name: clean[low]
            for low, name in columns.items()
            if low not in CSV_COLUMNS and name and clean.get(low)
        }
        names = _cell_list(clean.get("names"))
        organisations = _cell_list(clean.get("organisations"))
        if not clean.get("id"):
            if not names and not organisations:
                continue  # an empty row, as spreadsheets leave them
            if clean.get("group") or clean.get("label") or clean.get("files"):
                problems.add(
                    ParticipantsError(
                        "row without id (a row that only lists others to redact has names or "
                        "organisations and nothing else)",
                        path,
                        line,
                    )
                )
                continue
            # others mentioned in the interviews: the YAML's redact:
            result.other_names.extend(names)
            result.other_organisations.extend(organisations)
            continue
        pid = clean["id"]
        for lang in LANGUAGE_COLUMNS:
            if clean.get(f"label_{lang}"):
                result.label_names.setdefault(pid, {})[lang] = clean[f"label_{lang}"]
            worded = clean.get(f"group_{lang}")
            if not worded or not clean.get("group"):
                continue
            named = result.group_names.setdefault(_spelling_key(clean["group"]), {})
            if named.setdefault(lang, worded) != worded:
                problems.add(
                    ParticipantsError(
                        f"group_{lang} {worded!r} of group {clean['group']!r}: an earlier row "
                        f"names it {named[lang]!r}",
                        path,
                        line,
                    )
                )
        try:
            _add(
                result,
                Participant(
                    id=clean["id"],
                    group=clean.get("group") or None,
                    label=clean.get("label") or None,
                    files=_cell_list(clean.get("files")),
                    names=names,
                    organisations=organisations,
                    description=clean.get("description") or None,
                    variables=variables,
                ),
                path,
                line,
            )
        except ParticipantsError as exc:
            problems.add(exc)
    problems.value(lambda: _same_group_names(result, path, None), None)
    problems.raise_any()
    return result


def _extra_cells(
    extra: list[str], columns: int, separator: str, path: Path, line: int
) -> ParticipantsError:
    """A row with more cells than the header has columns: its cells would be read under the
    wrong columns, or not at all."""
    shown = ", ".join(repr(v) for v in extra[:3]) + (" …" if len(extra) > 3 else "")
    sep = {"\t": "tab", ";": "';'", ",": "','"}.get(separator, repr(separator))
    return ParticipantsError(
        f"{counted(len(extra), 'cell')} more than the header's {columns} columns ({shown}): a cell "
        f"that holds a {sep} needs quotes around it, or the header lacks a column",
        path,
        line,
    )


LANGUAGE_COLUMNS = ("nl", "en")
"""A CSV's `group_en`, `label_en` (and `_nl`): a group's name and a participant's label in that
language (`Participants.in_language`)."""

CSV_COLUMNS = {"id", "group", "label", "files", "names", "organisations", "organizations"}
CSV_COLUMNS |= {"description"}
CSV_COLUMNS |= {f"{what}_{lang}" for what in ("group", "label") for lang in LANGUAGE_COLUMNS}
"""A participants CSV's columns lernet reads itself; any other column is a variable."""

CSV_ALIASES = {
    **dict.fromkeys(("file", "bestand", "bestanden", "transcript", "transcripts"), "files"),
    **dict.fromkeys(("name", "naam", "namen"), "names"),
    **dict.fromkeys(
        ("organisation", "organization", "organisatie", "organisaties"), "organisations"
    ),
    "organizations": "organisations",
    "groep": "group",
    **dict.fromkeys(("beschrijving", "omschrijving"), "description"),
}
"""Other headers a researcher writes for those columns (singular, Dutch): read as the column
they mean, never as a variable, so that names under `naam` or `namen` are hidden as those under
`names` are (a variable's values are shown in exports and tables)."""

SEPARATORS = ("\t", ";", ",")
"""What spreadsheets put between a CSV's cells: tab ("Unicode text"), ';' (Dutch and Belgian
Excel), ',' (English)."""


def _separator(text: str) -> str | None:
    """The separator of a participants CSV, read off its header row: of `SEPARATORS`, the one
    that splits it into the most cells, one of them `id` (None: none does). The rows are not
    looked at: a cell's quoted list ("*Broeck*; *Vandenbroeck*", as Excel saves a cell holding
    ';') gives them a ';' more than the header, which makes a guess from all lines fail."""
    header = next(io.StringIO(text, newline=""), "")  # lines end in \n, \r\n or \r (old Mac)
    best, most = None, 0
    for separator in SEPARATORS:
        cells = next(csv.reader([header.rstrip("\r\n")], delimiter=separator), [])
        if "id" in (c.strip().lower() for c in cells) and len(cells) > most:
            best, most = separator, len(cells)
    return best


def _cell_list(value: str | None) -> list[str]:
    """A spreadsheet cell's list: separated by commas, semicolons or line breaks within the
    cell (Alt+Enter in Excel): "De Klimop, Klimop"."""
    return [v.strip() for v in re.split(r"[,;\r\n]", value or "") if v.strip()]


def _add(result: Participants, participant: Participant, path: Path, line: int) -> None:
    if participant.id in result.people:
        first = result.lines.get(participant.id)
        where = f" ({'row' if result.sheet else 'line'} {first} has it too)" if first else ""
        raise ParticipantsError(f"duplicate participant id {participant.id!r}{where}", path, line)
    result.lines[participant.id] = line
    result.people[participant.id] = participant


def _groups_given(groups: list[Any], path: Path, line: int | None) -> ParticipantsError:
    """A participant given several groups: each counts in one group, so a second grouping is
    a variable (`variables:`), which `--by` counts as the groups are."""
    named = ", ".join(repr(str(g)) for g in groups)
    return ParticipantsError(
        f"group: one group per participant, not a list ({named}): each counts in one group; "
        "give another grouping as a variable, as `variables: {role: ...}` (lernet tally --by "
        "role counts it)",
        path,
        line,
    )


def _opt(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None

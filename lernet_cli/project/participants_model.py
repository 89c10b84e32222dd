"""The participants of a study as lernet holds them: who a transcript or a speaker label is,
their groups and variables counted under one spelling each, the names to redact; and the checks
both loaders (`participants_yaml`, `participants_table`) make on each person they add."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ParticipantsError, UsageError
from ..language.plural import counted
from ..model import Participant

UNGROUPED = "ungrouped"


UNGROUPED_NAMES = {"nl": "zonder groep", "en": "ungrouped"}
"""How a table or the report names those without a group, per language (`group_name`)."""


ROLE_VARIABLES = frozenset(
    ("role", "rol", "functie", "function", "job title", "job", "beroep", "occupation")
)
"""Headers of a column of people's roles, which attribute a quote where the file has no label."""


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
    """A participant's label per language where the file gives one (`label: {nl: aannemer, en:
    contractor}`, a CSV's `label_en` column), by participant id."""
    sheet: str | None = None
    """The sheet of a workbook the people were read from (None: no workbook): its `lines` are
    rows, and a message about one says `sheet NAME, row N`."""
    columns: dict[str, str] | None = field(default=None, compare=False)
    """A table's columns (CSV, workbook) as lernet reads them -> as the header writes them
    ("names" -> "name"); None for YAML. Says where a name to hide goes (`redact_hint`)."""
    notes: list[str] = field(default_factory=list, compare=False)
    """What reading the file says once a run: which sheet of a workbook of several was read."""
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

    def role_variable(self) -> str | None:
        """The variable that holds people's roles (a column `role`, `rol`, `functie`...), any
        case; None when the file has none."""
        found = [v for v in self.variable_names if v.strip().casefold() in ROLE_VARIABLES]
        return found[0] if found else None

    def labels_from_roles(self) -> None:
        """A participant the file gives no label is attributed by their role where it has a role
        column: quotes read "(care home manager)", as a report attributes them, instead of the
        id or the whole group. The column stays a variable (`tally --by role`)."""
        role = self.role_variable()
        if role is None:
            return
        for pid, entry in self.people.items():
            if not entry.label and (value := self.value_of(pid, role)) is not None:
                entry.label = value

    def redact_hint(self) -> str:
        """Where a name to hide goes in this file: a table without an `organisations` column
        is told to add one, so an organisation (a care home) is not listed as a person's name,
        whose ordinary words ("home") would then be taken for the person's."""
        if self.path is None:
            return (
                "add it to a participants file: YAML `redact: {names: [...], organisations: "
                "[...]}`, CSV a row with an empty id and the name under names or organisations"
            )
        where = Path(self.path).name
        if self.columns is None:
            return f"add it to {where}: `redact: {{names: [...], organisations: [...]}}`"
        names = self.columns.get("names")
        orgs = self.columns.get("organisations")
        if names and orgs:
            return (
                f"add it to {where}: a row with an empty id and the name under {names} (a "
                f"person's) or {orgs} (an organisation's)"
            )
        if names:
            return (
                f"add it to {where}: a person's name in a row with an empty id under {names}; "
                f"an organisation's under a column organisations, which {where} lacks: add it "
                "(listed as a name, an organisation's words are taken for a person's)"
            )
        if orgs:
            return (
                f"add it to {where}: an organisation's name in a row with an empty id under "
                f"{orgs}; a person's under a column names, which {where} lacks: add it"
            )
        return (
            f"add it to {where}: a column names (people) or organisations, and the name there "
            "in a row with an empty id"
        )

    def grouping_variable(self) -> str | None:
        """The variable a file without groups most likely groups its people by ("organisation
        type": a few values, each shared by several): of those with 2 values or more and fewer
        values than people with one, the one with the fewest; None when none does."""
        best: tuple[int, str] | None = None
        for name in self.variable_names:
            values = [self.value_of(pid, name) for pid in self.people]
            given = [v for v in values if v is not None]
            distinct = len({_spelling_key(v) for v in given})
            if 2 <= distinct < len(given) and (best is None or distinct < best[0]):
                best = (distinct, name)
        return best[1] if best else None

    def variable_of_value(self, value: str) -> str | None:
        """The variable of which `value` is a value (any case or spacing): what someone who
        passed it as a group ("Care home") meant to select by; None when no variable has it."""
        key = _spelling_key(value)
        for name in self.variable_names:
            if any(
                (v := self.value_of(pid, name)) is not None and _spelling_key(v) == key
                for pid in self.people
            ):
                return name
        return None

    def anyone_grouped(self, stored: Iterable[str | None] = ()) -> bool:
        """Whether the file gives someone a group, or a transcript was stored with one (`stored`:
        front matter, `--group`): a study without groups has tables without a group column."""
        return any(p.group for p in self.people.values()) or any(stored)

    def no_groups_note(self, stored: Iterable[str | None] = ()) -> str | None:
        """One line when the file lists people but none has a group (a CSV without a `group`
        column): everyone then counts as 'ungrouped' and `--group` finds nothing, which
        surprises whoever wrote a column such as "organisation type" for it. Names that
        variable (`grouping_variable`) and what to do. None when someone has a group, here or
        in `stored` (the groups stored with the transcripts: front matter, `--group`)."""
        if not self.people or self.anyone_grouped(stored):
            return None
        where = Path(self.path).name if self.path else "the participants file"
        yaml = where.lower().endswith((".yaml", ".yml"))
        missing = "no participant has a group: key" if yaml else "it has no group column"
        text = f"{where} gives nobody a group ({missing}), so everyone counts as ungrouped"
        variable = self.grouping_variable()
        if variable is None:
            give = "a group: key per participant" if yaml else "a group column"
            return f"{text}; {give} in {where} gives them one"
        option = f'"{variable}"' if " " in variable else variable
        return (
            f"{text}; to count per {variable}: --by {option}, or name that column group in "
            f"{where} to make it the participants' group"
        )

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


def _add(result: Participants, participant: Participant, path: Path, line: int) -> None:
    if participant.id in result.people:
        first = result.lines.get(participant.id)
        where = f" ({'row' if result.sheet else 'line'} {first} has it too)" if first else ""
        raise ParticipantsError(f"duplicate participant id {participant.id!r}{where}", path, line)
    result.lines[participant.id] = line
    result.people[participant.id] = participant

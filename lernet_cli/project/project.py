"""A lernet project: a folder with `lernet.yaml` and the store under `.lernet/`, found like git."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..codebook.yamlio import LineDict, load_yaml
from ..errors import ProjectError
from ..userfiles import not_regular

CONFIG_NAME = "lernet.yaml"
STORE_DIR = ".lernet"
STORE_NAME = "lernet.db"
DEFAULT_CODEBOOK = "lerende-netwerken.yaml"
DEFAULT_INTERVIEWER_LABELS = [
    "I",
    "Interviewer",
    "Interviewster",
    "Onderzoeker",
    "Q",
    "Vraag",
    "Researcher",
]
"""The labels lernet knows by default, of both languages. A project's lernet.yaml lists its own
language's (`WRITTEN_INTERVIEWER_LABELS`); a list as written, in either language, stands for
these, so a transcript labelled in the other language is read alike."""
WRITTEN_INTERVIEWER_LABELS = {
    "nl": ["I", "Interviewer", "Interviewster", "Onderzoeker", "Vraag"],
    "en": ["I", "Interviewer", "Q", "Researcher"],
}
_DEFAULT_LISTS = [
    {x.casefold() for x in labels}
    for labels in (DEFAULT_INTERVIEWER_LABELS, *WRITTEN_INTERVIEWER_LABELS.values())
]
DEFAULT_ATTRIBUTION = "“{quote}” ({label})"
CONFIG_KEYS = {
    "codebook",
    "participants",
    "language",
    "interviewer_labels",
    "quote_attribution",
    "protocol",
    "placeholders",
    "csv_delimiter",
    "coder",
}
CSV_DELIMITER_SETTINGS = ("auto", ",", ";", "tab")
PLACEHOLDERS = {
    "nl": {
        "name": "[naam]",
        "organisation": "[organisatie]",
        "email": "[e-mail]",
        "phone": "[telefoon]",
        "address": "[adres]",
        "bsn": "[BSN]",
        "iban": "[rekeningnummer]",
    },
    "en": {
        "name": "[name]",
        "organisation": "[organisation]",
        "email": "[e-mail]",
        "phone": "[phone]",
        "address": "[address]",
        "bsn": "[BSN]",
        "iban": "[account number]",
    },
}
"""What replaces a redacted name, organisation, e-mail address, phone number, street address,
Dutch citizen service number (BSN) or bank account number (IBAN), by the project's language."""

CONFIG_TEMPLATES = {
    "en": """\
# lernet project settings. Paths are relative to this file.
codebook: {codebook}
# participants.yaml or .csv: id, group, label, names to redact. Leave empty to look for
# participants.yaml next to the transcripts.
participants: {participants}
# nl or en: code labels, placeholders and the wording of reports and tables.
language: {language}
# Speaker labels that belong to the interviewer (case-insensitive). With this list as it is,
# lernet also knows the usual labels in Dutch and otherwise takes the speaker who asks most
# questions; a label added here ("Raman, Priya") decides where it occurs.
interviewer_labels: [{labels}]
# How a quote is attributed: {{quote}} is the quote, {{label}} the participant's label.
quote_attribution: "{attribution}"
# Interview protocol for coding answers by question (coder `protocol`); off when empty.
protocol:
# What replaces names, organisations and e-mail addresses in quotes, reports and exports. The
# default for this language is shown; remove the # to change it.
# placeholders: {{name: "{name}", organisation: "{organisation}", email: "{email}"}}
# The separator of CSV files: auto follows the language (en: ',', nl: ';'); set ';' where Excel
# expects it (Belgium, the Netherlands, Germany) in an English project. Remove the # to change it.
# csv_delimiter: auto
# Your name as a coder: your inline [[code: text]] tags and review answers are stored under it
# (without it: $LERNET_CODER, else your login name). Remove the # and fill it in.
# coder: Your Name
""",
    "nl": """\
# Instellingen van dit lernet-project. Paden gaan uit van de map van dit bestand.
codebook: {codebook}
# participants.yaml of .csv: id, groep, label en namen om weg te laten. Leeg: lernet zoekt
# participants.yaml naast de transcripten.
participants: {participants}
# nl of en: de taal van de codelabels, de vervangteksten en de tekst van rapporten en tabellen.
language: {language}
# Sprekerlabels van de interviewer (hoofdletters maken niet uit). Met deze lijst zoals hij is,
# kent lernet ook de gewone Engelse labels en neemt anders de spreker die de meeste vragen stelt;
# een label dat je toevoegt ("Eva de Wit") beslist waar het voorkomt.
interviewer_labels: [{labels}]
# Hoe een citaat wordt toegeschreven: {{quote}} is het citaat, {{label}} het label van de deelnemer.
quote_attribution: "{attribution}"
# Interviewprotocol om antwoorden per vraag te coderen (coder `protocol`); uit als dit leeg is.
# Dat van de studie naar lerende netwerken: interviewprotocol-lerende-netwerken.yaml
protocol:
# Wat namen, organisaties en e-mailadressen vervangt in citaten, rapporten en exports. Hieronder
# staat de standaard voor deze taal; haal het # weg om die te veranderen.
# placeholders: {{name: "{name}", organisation: "{organisation}", email: "{email}"}}
# Het scheidingsteken van CSV-bestanden: auto volgt de taal (nl: ';', en: ','); zet ',' als je
# Excel een komma verwacht (Engelse instellingen). Haal het # weg om het te veranderen.
# csv_delimiter: auto
# Je naam als codeur: je inline [[code: tekst]]-tags en reviewantwoorden staan onder die naam
# (zonder deze regel: $LERNET_CODER, anders je inlognaam). Haal het # weg en vul hem in.
# coder: Je Naam
""",
}
"""A new project's lernet.yaml, by the project's language."""
STARTER_CODEBOOK = "starter-{language}.yaml"
"""The short commented codebook of `lernet init --blank`, per language."""
_EN_DESCRIPTION = """\
description: >
  Codebook for interviews with members of learning networks: willingness and ability to share
  knowledge, competition, mutual trust, the balance between taking from and bringing to the
  network, and the network's development. Labels are in English and Dutch, the match rules find
  the ideas in either language; descriptions and examples are in Dutch.
"""


_OWN_STUDY = "# For a study of your own, start from a short codebook instead: lernet init --blank."


FOLLOW_CODEBOOK = {
    "en": "# Without this line the project follows the codebook's language:; remove the # to "
    "set it.",
    "nl": "# Zonder deze regel volgt het project de language: van het codeboek; haal het # weg om "
    "hem te zetten.",
}
"""Above lernet.yaml's `language:` line when `lernet init` was not told the language."""


def config_text(
    codebook: str, participants: str = "", language: str = "nl", explicit: bool = True
) -> str:
    """A new project's lernet.yaml, with a comment on every setting, in the project's language.
    Not `explicit` (`lernet init` without --language): the language line is a comment, so the
    project follows its codebook's `language:`."""
    text = _config_text(codebook, participants, language)
    if explicit:
        return text
    return re.sub(
        r"(?m)^language: (\w+)$",
        lambda m: f"{FOLLOW_CODEBOOK[language]}\n# language: {m.group(1)}",
        text,
        count=1,
    )


def _config_text(codebook: str, participants: str, language: str) -> str:
    return CONFIG_TEMPLATES[language].format(
        codebook=codebook,
        participants=participants,
        language=language,
        labels=", ".join(WRITTEN_INTERVIEWER_LABELS[language]),
        attribution=DEFAULT_ATTRIBUTION,
        **PLACEHOLDERS[language],
    )


def codebook_text(language: str = "nl", blank: bool = False) -> str:
    """The codebook a new project starts from: the bundled learning-networks codebook, or with
    `blank` a short starter for a study of one's own; either in the project's language."""
    if blank:
        found = bundled_path(STARTER_CODEBOOK.format(language=language))
        if found is None:
            raise ProjectError(
                "the starter codebook is missing from this installation",
                STARTER_CODEBOOK.format(language=language),
            )
        return found.read_text(encoding="utf-8")
    text = default_codebook_path().read_text(encoding="utf-8")
    if language == "en":
        text = re.sub(r"(?m)^name: .*$", "name: Learning networks", text, count=1)
        text = re.sub(r"(?m)^language: nl$", "language: en", text, count=1)
        text = re.sub(
            r"(?ms)^description: >\n(?:  .*?\n)+", lambda _m: _EN_DESCRIPTION, text, count=1
        )
        text = text.replace("\nversion: 1\n", f"\n#\n{_OWN_STUDY}\nversion: 1\n", 1)
    return text


def bundled_path(name: str) -> Path | None:
    """A codebook or protocol shipped with lernet: in the source tree or the installed package."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "codebooks" / name, package.parent / "codebooks" / name):
        if candidate.is_file():
            return candidate
    return None


def default_codebook_path() -> Path:
    """The bundled default codebook."""
    found = bundled_path(DEFAULT_CODEBOOK)
    if found is None:
        raise ProjectError(
            "the default codebook is missing from this installation", DEFAULT_CODEBOOK
        )
    return found


@dataclass
class Project:
    root: Path
    codebook_path: Path
    participants_path: Path | None
    language: str = "nl"
    interviewer_labels: list[str] = field(default_factory=lambda: list(DEFAULT_INTERVIEWER_LABELS))
    quote_attribution: str = DEFAULT_ATTRIBUTION
    protocol_path: Path | None = None
    placeholders: dict[str, str] = field(default_factory=lambda: dict(PLACEHOLDERS["nl"]))
    """Replacements for redacted "name", "organisation", "email", "phone", "address", "bsn" and
    "iban": `placeholders:` or the language's."""
    csv_delimiter: str = "auto"
    """`csv_delimiter:`: what `--delimiter auto` writes; auto follows the language."""
    coder: str | None = None
    """`coder:`: the name the user codes and reviews under (see `who_codes`)."""
    participants_line: int | None = None
    """The line of lernet.yaml's `participants:` (None: it has none), empty or not."""
    codebook_line: int | None = None
    """The line of lernet.yaml's `codebook:` (None: it has none)."""
    codebook_default: bool = False
    """lernet.yaml names no `codebook:`: the bundled codebook is coded with."""
    language_source: str = "lernet.yaml"
    """What set `language`: "lernet.yaml" (its `language:`), "codebook" (the codebook's
    `language:`, lernet.yaml setting none), "transcripts" (neither sets one: the language the
    first transcripts coded read as, kept in the store) or "default" (Dutch)."""
    placeholders_set: tuple[str, ...] = ()
    """The placeholders lernet.yaml sets itself (`placeholders:`); the others follow the
    language."""

    def follow_language(self, language: str, source: str) -> None:
        """Take this language (and its placeholders, but those lernet.yaml sets) for this run."""
        self.language, self.language_source = language, source
        for key, value in PLACEHOLDERS[language].items():
            if key not in self.placeholders_set:
                self.placeholders[key] = value

    @property
    def csv_style(self) -> str:
        """What decides the CSV delimiter: the setting, else the project's language."""
        return self.language if self.csv_delimiter == "auto" else self.csv_delimiter

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def store_path(self) -> Path:
        return self.root / STORE_DIR / STORE_NAME

    @property
    def cache_dir(self) -> Path:
        """Parsed settings files and the forms of the transcripts' words, safe to delete at any
        time."""
        return self.root / STORE_DIR / "cache"

    def relative(self, path: Path) -> str:
        """A path as stored: relative to the project when inside it, so projects can move."""
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return resolved.as_posix()


def find_project_root(start: Path) -> Path | None:
    current = start.resolve()
    for folder in (current, *current.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def project_of_files(paths: list[Path]) -> tuple[Path, Path] | None:
    """(file, project folder) for the first of `paths` that lies in a project (searching
    upward from its folder, as from the current folder), or None."""
    for path in paths:
        root = find_project_root(path.parent)
        if root is not None:
            return path, root
    return None


def load_project(project_dir: Path | None = None) -> Project:
    """The project named by --project, or the nearest one above the current folder."""
    if project_dir is not None:
        root = project_dir.resolve()
        if not (root / CONFIG_NAME).is_file():
            raise ProjectError(
                f"no {CONFIG_NAME} here; run `lernet init {project_dir}`", project_dir
            )
    else:
        found = find_project_root(Path.cwd())
        if found is None:
            raise ProjectError(
                f"not inside a lernet project (no {CONFIG_NAME} here or above); "
                "run `lernet init` or `lernet code FILES`",
                Path.cwd(),
            )
        root = found
    return _read_config(root)


def _read_config(root: Path) -> Project:
    path = root / CONFIG_NAME
    # The parsed settings are kept with the codebook's and the participants file's (a project
    # without its store folder yet gets none: reading settings makes no folder).
    store_dir = root / STORE_DIR
    cache = store_dir / "cache" if store_dir.is_dir() else None
    data: Any = load_yaml(path, ProjectError, cache=cache)
    if data is None:
        data = LineDict()
        data.key_lines = {}
    if not isinstance(data, LineDict):
        raise ProjectError("settings must be a mapping (key: value lines)", path, 1)
    for key in data:
        if key not in CONFIG_KEYS:
            raise ProjectError(
                f"unknown setting {key!r}; known: {', '.join(sorted(CONFIG_KEYS))}",
                path,
                data.line_of(key),
            )
    codebook = data.get("codebook")
    codebook_path = (root / str(codebook)) if codebook else default_codebook_path()
    participants = data.get("participants")
    participants_path = (root / str(participants)) if participants else None
    from ..codebook.codebook import codebook_language, language_code

    written = data.get("language")
    if written is not None and str(written).strip():
        found = language_code(written)
        if found is None:
            raise ProjectError(
                f"language must be nl or en (en-GB, nl-BE and the like are read as en, nl), not "
                f"{str(written)!r}",
                path,
                data.line_of("language"),
            )
        language, source = found, "lernet.yaml"
    else:
        followed = codebook_language(codebook_path)
        guessed = None if followed else _transcripts_language(root)
        if followed:
            language, source = followed, "codebook"
        elif guessed:
            language, source = guessed, "transcripts"
        else:
            language, source = "nl", "default"
    labels = data.get("interviewer_labels") or DEFAULT_INTERVIEWER_LABELS
    if isinstance(labels, str):
        labels = [labels]
    if not isinstance(labels, list):
        raise ProjectError(
            "interviewer_labels must be a list", path, data.line_of("interviewer_labels")
        )
    attribution = str(data.get("quote_attribution") or DEFAULT_ATTRIBUTION)
    if "{quote}" not in attribution:
        raise ProjectError(
            "quote_attribution must contain {quote}", path, data.line_of("quote_attribution")
        )
    protocol_path = None
    protocol = data.get("protocol")
    if protocol:
        protocol_path = root / str(protocol)
        if not protocol_path.is_file():
            protocol_path = bundled_path(str(protocol)) or protocol_path
        if not protocol_path.is_file():
            reason = not_regular(protocol_path)
            if reason is not None and reason != "file not found":
                raise ProjectError(reason, protocol_path)  # a pipe, device or broken link
            raise ProjectError(
                f"protocol file {protocol!r} not found", path, data.line_of("protocol")
            )
    placeholders = dict(PLACEHOLDERS[language])
    given = data.get("placeholders")
    if given is not None:
        line = data.line_of("placeholders")
        if not isinstance(given, dict) or not set(given) <= set(placeholders):
            raise ProjectError(
                "placeholders must be a mapping with name:, organisation:, email:, phone:, "
                "address:, bsn: and/or iban:",
                path,
                line,
            )
        for key, value in given.items():
            if not isinstance(value, str) or not value.strip():
                raise ProjectError(f"placeholders: {key} must be a non-empty text", path, line)
            placeholders[key] = value.strip()
    csv_delimiter = str(data.get("csv_delimiter") or "auto")
    if csv_delimiter not in CSV_DELIMITER_SETTINGS:
        raise ProjectError(
            f"csv_delimiter must be auto, ',', ';' or tab, not {csv_delimiter!r}",
            path,
            data.line_of("csv_delimiter"),
        )
    coder = data.get("coder")
    if coder is not None and (not isinstance(coder, str | int) or not str(coder).strip()):
        coder = None  # `coder:` left empty: the default
    if coder is not None:
        from ..store.coders import MACHINES

        coder = " ".join(str(coder).split())
        if coder.casefold() in MACHINES:
            raise ProjectError(
                "coder: needs a name other than 'auto', 'protocol' or 'similar' (the machine "
                "coders)",
                path,
                data.line_of("coder"),
            )
    return Project(
        root=root,
        codebook_path=codebook_path,
        participants_path=participants_path,
        language=language,
        interviewer_labels=_interviewer_labels([str(x) for x in labels]),
        quote_attribution=attribution,
        protocol_path=protocol_path,
        placeholders=placeholders,
        csv_delimiter=csv_delimiter,
        coder=coder,
        participants_line=data.line_of("participants") if "participants" in data else None,
        codebook_line=data.line_of("codebook") if "codebook" in data else None,
        language_source=source,
        placeholders_set=tuple(given) if isinstance(given, dict) else (),
        codebook_default=not codebook,
    )


TRANSCRIPTS_LANGUAGE = "transcripts_language"
"""The store's meta key for the language the first transcripts coded read as (cli.code sets it
where neither lernet.yaml nor the codebook sets a language)."""


def _transcripts_language(root: Path) -> str | None:
    """The language the store noted for the project's first transcripts, read without opening
    the store for writing (None: no store, no note)."""
    import sqlite3

    db = root / STORE_DIR / STORE_NAME
    if not db.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT value FROM meta WHERE key = ?", (TRANSCRIPTS_LANGUAGE,)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and str(row[0]) in ("nl", "en") else None


def _interviewer_labels(labels: list[str]) -> list[str]:
    """The labels as lernet uses them: a list as lernet.yaml is written in either language (or as
    an older lernet wrote it, both languages in one) is the default, which knows every usual label
    and otherwise takes the speaker who asks most."""
    if {x.casefold() for x in labels} in _DEFAULT_LISTS:
        return list(DEFAULT_INTERVIEWER_LABELS)
    return labels


def init_project(
    folder: Path,
    language: str = "nl",
    blank: bool = False,
    codebook: Path | None = None,
    explicit: bool = True,
) -> tuple[Project, list[str]]:
    """Create lernet.yaml, an editable codebook.yaml and the store; never overwrite.

    The codebook is the bundled learning-networks codebook, or with `blank` a short starter, in
    `language`; an existing `codebook` file is used as it is instead. Returns the project and
    what was created, for the message. Not `explicit`: lernet.yaml leaves the language to the
    codebook (`config_text`), and is written in the language a codebook already there declares:
    the comments of an English study's settings file are English.
    """
    from ..codebook.codebook import codebook_language

    created: list[str] = []
    folder = folder.resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        config = folder / CONFIG_NAME
        if not config.exists():
            if codebook is not None:
                resolved = codebook.resolve()
                try:
                    setting = resolved.relative_to(folder).as_posix()
                except ValueError:
                    setting = resolved.as_posix()
            else:
                setting = "codebook.yaml"
                target = folder / setting
                if not target.exists():
                    target.write_text(codebook_text(language, blank), encoding="utf-8")
                    created.append(setting)
            if not explicit:
                language = codebook_language(folder / setting) or language
            config.write_text(config_text(setting, "", language, explicit), encoding="utf-8")
            created.append(CONFIG_NAME)
        store_dir = folder / STORE_DIR
        if not store_dir.exists():
            store_dir.mkdir(mode=0o700)
            created.append(f"{STORE_DIR}/")
    except OSError as exc:
        raise ProjectError(f"cannot create the project: {exc.strerror}", folder) from None
    project = _read_config(folder)
    from ..store.store import Store

    Store.open(project.store_path, create=True).close()
    return project, created


def is_writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


SEARCH_LIMIT = 20_000
"""How many folders `participants_file` looks through for a moved participants file at most."""


def _same_name_in(root: Path, name: str) -> Path | None:
    """A file of this name (any case) in the project, outside its hidden folders: where a
    participants file went when its folder was moved or renamed."""
    want = name.casefold()
    for seen, (folder, dirs, files) in enumerate(os.walk(root)):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if seen >= SEARCH_LIMIT:
            return None
        for f in sorted(files):
            if f.casefold() == want and (Path(folder) / f).is_file():
                return Path(folder) / f
    return None


def codebook_file(project: Project) -> Path:
    """The codebook lernet.yaml's `codebook:` names, checked before it is read: one that is not
    there (the project moved and the line holds the old absolute path, or its folder was
    renamed) is an error naming lernet.yaml and the line, with the file of that name in the
    project if there is one."""
    path = project.codebook_path
    if project.codebook_default or not_regular(path) != "file not found":
        return path
    moved = _same_name_in(project.root, path.name)
    if moved is not None:
        hint = (
            f"; {project.relative(moved)} has that name: if it is that file, change this line "
            f"to `codebook: {project.relative(moved)}` (a path from the project folder moves "
            "with it)"
        )
    else:
        hint = "; change this line to the codebook's path from the project folder"
    raise ProjectError(
        f"codebook: file {project.relative(path)} not found (the project or its folder moved "
        f"or renamed?){hint}",
        project.config_path,
        project.codebook_line,
    )


def participants_file(project: Project) -> Path | None:
    """The participants file lernet.yaml's `participants:` names (None: it names none), checked
    before anything is read or stored: a file that is not there (its folder was moved or renamed)
    is an error naming lernet.yaml and the line, with the file of that name elsewhere in the
    project if there is one."""
    path = project.participants_path
    if path is None:
        return None
    reason = not_regular(path)
    if reason is None:
        return path
    if reason != "file not found":
        return path  # a folder, a pipe: reading it says so, as for any participants file
    setting = project.relative(path)
    moved = _same_name_in(project.root, path.name)
    if moved is not None:
        hint = (
            f"; {project.relative(moved)} has that name: if it is that file, change this line "
            f"to `participants: {project.relative(moved)}`"
        )
    else:
        hint = (
            "; change this line to the file's path from the project folder, or empty it to "
            "let lernet look for participants.yaml beside the transcripts"
        )
    raise ProjectError(
        f"participants: file {setting} not found (its folder moved or renamed?){hint}",
        project.config_path,
        project.participants_line,
    )


def who_codes(project: Project | None) -> tuple[str, str]:
    """(the name the user's inline tags and review answers are stored under, where it comes
    from): `coder:` in lernet.yaml, else $LERNET_CODER, else the login name."""
    import getpass
    import os

    if project is not None and project.coder:
        return project.coder, f"coder: in {project.config_path.name}"
    name = os.environ.get("LERNET_CODER", "").strip()
    if name:
        return name, "$LERNET_CODER"
    try:
        return getpass.getuser() or "reviewer", "your login name"
    except (KeyError, OSError):
        return "reviewer", "no login name found"

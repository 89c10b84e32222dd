"""What was named on `lernet code`'s command line, sorted out: transcripts, and what else."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import TranscriptError, UsageError, printable
from ..userfiles import check_regular, not_regular

SKIP_NAMES = {"participants.yaml", "participants.yml", "participants.csv", "lernet.yaml"}
UNREAD_INTERVIEWS = {
    ".doc": "an old Word file: save it as .docx in Word",
    ".pages": "export it as .docx",
    ".wav": "audio: transcribe it first",
    ".mp3": "audio: transcribe it first",
    ".m4a": "audio: transcribe it first",
    ".mp4": "a recording: Teams and Zoom save its transcript as .vtt or .docx",
    ".mov": "a recording: transcribe it first",
    ".ogg": "audio: transcribe it first",
    ".opus": "audio: transcribe it first",
    ".wma": "audio: transcribe it first",
    ".aac": "audio: transcribe it first",
    ".lnk": "a Windows shortcut, not the file: copy the interview itself into the folder",
    ".gdoc": "a link to a Google Docs document: in Google Docs, File > Download > .docx",
}
"""Files in a folder that are probably interviews lernet cannot read: said, so that one is not
missing from the counts unnoticed, unless a transcript of the same name stands beside it (the
interview saved as .docx, .pdf or .txt); other files in a folder are left out without a word."""
LOCK_FILE = "Word's lock file of a document open in Word, not a transcript"
SYSTEM_FILES = {
    ".ds_store": "macOS's settings of the folder's view, not a transcript",
    "thumbs.db": "Windows' thumbnails of the folder's pictures, not a transcript",
    "desktop.ini": "Windows' settings of the folder, not a transcript",
}
"""Files a system leaves in a folder: named on the command line, skipped like a lock file."""


def system_file(path: Path) -> str | None:
    """What a file is that Word or the system made beside the interviews (a lock file,
    .DS_Store, Thumbs.db, a macOS `._` file), or None."""
    if path.name.startswith("~$"):
        return LOCK_FILE
    if path.name.startswith("._"):
        return "macOS's copy of a file's details (on a USB stick or shared drive), not a transcript"
    return SYSTEM_FILES.get(path.name.casefold())


@dataclass
class Inputs:
    """What was named on the command line, sorted out: lernet reads only the transcripts."""

    transcripts: list[Path] = field(default_factory=list)
    participants: list[Path] = field(default_factory=list)
    """Participants files named among the transcripts (`lernet code interviews/*`)."""
    codebooks: list[Path] = field(default_factory=list)
    folder_codebooks: list[Path] = field(default_factory=list)
    """Codebooks in the folders named (`lernet code .` beside `mijn-codeboek.yaml`): not read as
    transcripts, and used or named as `lernet code` decides."""
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    """Files that are no transcript, with what they are."""
    unsupported: list[Path] = field(default_factory=list)
    in_folders: set[Path] = field(default_factory=set)
    """The transcripts found by walking a folder, not named themselves: one that does not look
    like an interview (readers/kind.py) is left out; a file named is read, as asked."""

    def only_unsupported(self) -> Path | None:
        """The file to refuse where only files lernet cannot read were named (`lernet code
        notes.pdf`): an error, where among transcripts it is only skipped. Of several, the
        first; the others are skipped, so that each is named with what to do."""
        named_other = self.transcripts or self.participants or self.codebooks
        if self.unsupported and not named_other and len(self.skipped) == len(self.unsupported):
            return self.unsupported[0]
        return None

    def refuse_if_only_unsupported(self) -> None:
        refused = self.only_unsupported()
        if refused is not None:
            refuse_unsupported(refused)

    def require_transcripts(self, named: list[Path]) -> None:
        """An error when nothing named is a transcript (a Word lock file, an empty folder, only
        a codebook): every command that reads transcripts says so the same way."""
        if self.transcripts:
            return
        from ..readers import SUPPORTED_SUFFIXES

        raise UsageError(
            f"no transcripts found ({', '.join(SUPPORTED_SUFFIXES)}) in "
            + ", ".join(map(printable, named))
        )


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
    walked: set[Path] = set()
    named: set[Path] = set()
    for item in inputs:
        if not item.exists() and not item.is_symlink():
            raise TranscriptError("file not found", item)
        if item.is_dir():
            for p in sorted(item.rglob("*")):
                hidden = any(part.startswith(".") for part in p.relative_to(item).parts)
                if hidden or p.name.startswith("~$") or p.is_dir():
                    continue
                if p.suffix.lower() in (".yaml", ".yml") and p.name.lower() not in SKIP_NAMES:
                    if not_regular(p) is None and looks_like_codebook(p):
                        found.folder_codebooks.append(p)
                    continue
                if p.suffix.lower() not in SUPPORTED_SUFFIXES or p.name.lower() in SKIP_NAMES:
                    advice = UNREAD_INTERVIEWS.get(p.suffix.lower())
                    if advice:
                        found.skipped.append((p, f"not read ({advice})"))
                    continue
                reason = not_regular(p)
                if reason is None and _participants_text(p):
                    continue  # deelnemers.txt, a participants list saved as "Unicode text"
                if reason is None:
                    candidates.append(p)
                    walked.add(p)
                else:  # a pipe, socket, device or broken link in a folder: said, not read
                    found.skipped.append((p, reason))
            continue
        if system_file(item):  # `lernet code interviews/*` while Word has one open
            found.skipped.append((item, system_file(item) or ""))
            continue
        check_regular(item, TranscriptError)
        suffix = item.suffix.lower()
        if suffix in SUPPORTED_SUFFIXES and not _participants_text(item):
            candidates.append(item)
            named.add(item.resolve())
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
            advice = UNREAD_INTERVIEWS.get(suffix)
            found.skipped.append(
                (
                    item,
                    f"not read ({advice})"
                    if advice
                    else f"not a transcript: lernet reads {', '.join(SUPPORTED_SUFFIXES)}",
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
    found.in_folders = {p for p in found.transcripts if p in walked and p.resolve() not in named}
    _leave_out_pdf_copies(found)
    # "Interview 5.doc" beside "Interview 5.docx": the interview is read, from the converted file
    converted = {(p.parent, p.stem.casefold()) for p in found.transcripts}
    found.skipped = [
        (p, why)
        for p, why in found.skipped
        if p.suffix.lower() not in UNREAD_INTERVIEWS
        or (p.parent, p.stem.casefold()) not in converted
    ]
    return found


def _leave_out_pdf_copies(found: Inputs) -> None:
    """ "Interview 5.pdf" beside "Interview 5.docx": the PDF is that document saved for reading,
    and its text differs a little (page breaks, hyphens), so that both would be coded as two
    interviews of one participant. The document is read (its comments are codes) and the PDF left
    out without a word, as an old .doc beside its .docx is."""
    documents = {
        (p.parent, p.stem.casefold()) for p in found.transcripts if p.suffix.lower() != ".pdf"
    }
    found.transcripts = [
        p
        for p in found.transcripts
        if p.suffix.lower() != ".pdf" or (p.parent, p.stem.casefold()) not in documents
    ]


def collect_files(inputs: list[Path]) -> list[Path]:
    """The transcripts among `inputs`; an unsupported file named on its own is an error."""
    found = gather_inputs(inputs)
    found.refuse_if_only_unsupported()
    return found.transcripts


def refuse_unsupported(item: Path) -> None:
    from ..readers import SUPPORTED_SUFFIXES

    advice = UNREAD_INTERVIEWS.get(item.suffix.lower())
    raise TranscriptError(
        f"unsupported file type {item.suffix or '(none)'}"
        + (f" ({advice})" if advice else "")
        + "; lernet reads "
        + ", ".join(sorted(SUPPORTED_SUFFIXES)),
        item,
    )


_THEMES_RE = re.compile(r"^themes\s*:", re.MULTILINE)


def looks_like_codebook(path: Path) -> bool:
    """Whether a YAML file is a codebook by its top-level `themes:` key (not parsed: a
    codebook with a mistake in it is still one, and `lernet code` reads it in full when it
    codes with it)."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            text = fh.read(2_000_000)
    except OSError:
        return False
    return bool(_THEMES_RE.search(text))


def _participants_text(path: Path) -> bool:
    """A .txt that is a participants list saved from a spreadsheet (a header row with an id
    column), not a transcript."""
    from ..project.participants import is_participants_table

    return path.suffix.lower() == ".txt" and is_participants_table(path)


def settings_file_kind(path: Path) -> str | None:
    """What a .yaml, .yml, .csv or .xlsx file is: "participants", "codebook", or a note saying
    what else it is; None for a file lernet has no use for at all."""
    suffix = path.suffix.lower()
    name = path.name.lower()
    if name == "lernet.yaml":
        return "the project's settings, not a transcript"
    if suffix == ".txt":
        return "participants" if _participants_text(path) else None
    if suffix in (".xlsx", ".xlsm"):
        from ..project.participants_sheet import is_participants_workbook

        if is_participants_workbook(path):
            return "participants"
        return "an Excel workbook with no participants sheet (no id column), not a transcript"
    if suffix in (".csv", ".tsv"):
        from ..project.participants import is_participants_table

        if is_participants_table(path):  # UTF-16 too, as Excel saves "Unicode text"
            return "participants"
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

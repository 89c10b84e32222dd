"""REFI-QDA exchange: projects (.qdpx), codebooks (.qdc) and a flat CSV of the codings.

REFI-QDA (QDA-XML 1.0, www.qdasoftware.org) is how NVivo, ATLAS.ti, MAXQDA, QualCoder and others
move codebooks and coded projects between them. A .qdpx is a zip archive with `project.qde` (XML)
and the sources in a folder `sources/` (lower case, as REFI-QDA 1.5 section 8.1 names it; an
import takes the folder in any case); a .qdc is the codebook alone.

How lernet maps onto it:

- Each transcript becomes a TextSource whose plain text (UTF-8, `internal://<guid>.txt`) is its
  turns, one `Speaker: text` block each, separated by a blank line (see qdpx_text); a source
  imported from another tool is, unless anonymized, its text as it came (`lernet: text=as
  imported` in its Description), read back the way lernet reads a text file.
- Each coding becomes a PlainTextSelection with a Coding (codings of one passage share one),
  both with the coder (a User) and the
  time the coding was made. The selection covers a passage (see spans): by default the sentence(s)
  holding a rule's evidence; what a person marked stays as marked. Positions count UTF-16 code
  units by default, as NVivo does (`codepoints` on request, as REFI-QDA 1.5 section 10.2 words
  it); the Project's Description says which (`lernet: positions=utf16`). End positions are
  exclusive: the selection is text[start:end].
- The selection's Description keeps what lernet knows beyond the passage: the evidence words
  (`Evidence: kennis`) and `lernet: status=accepted, direction=bring, evidence=1276-1282`
  (evidence positions counted like the selection's); other tools show it as the coding's memo.
  Rejected codings are not exported: another tool would show them as codings.
- Codes keep both labels, include/exclude, examples and what the analyses take (`lernet
  phase: 2`) as labelled paragraphs of their Description, and lernet's id there too when an
  import would not find it from the code's name. Their colour and GUID come from the codebook
  (`color:`, `guid:`), their memo is a Note. Match rules have no place in REFI-QDA and are left
  out.
- Participants become Cases, with their description and the variables another tool gave them
  (`variables:`), and their group (and attribution label) as Text variables. A case
  points to the sources that are its participant's interviews (SourceRef) and, in a group
  interview, to the coded selections in its participant's turns (SelectionRef). Every selection
  carries a coding or, for a memo, a note: none is empty. Which participant speaks each turn of a
  group interview travels in the source's Description (`lernet: speaker turns <case guid>=2,4`),
  next to the interviewer's turns (`lernet: interviewer turns=1,3`).
- GUIDs are kept in the store (table `guids`), so a second export gives the same GUIDs, and an
  imported archive's GUIDs are kept for the way back.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from .. import __version__
from ..errors import LernetError, ProjectError
from ..store.imported import memo_key

PROJECT_NS = "urn:QDA-XML:project:1.0"


CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


ORIGIN = f"lernet {__version__}"
NOT_ANONYMIZED = {
    "nl": (
        "NIET GEANONIMISEERD: {what} namen, organisaties, telefoonnummers en adressen "
        "zoals ze zijn (lernet export {command}, zonder anonimiseren). Deel het niet buiten het "
        "onderzoeksteam."
    ),
    "en": (
        "NOT ANONYMIZED: {what} names, organisations, phone numbers and addresses as they are "
        "(lernet export {command}, not anonymized). Do not share it outside the research team."
    ),
}
"""The line a .qdpx (its project's Description) or .qdc (a comment) written with --no-anonymize
holds, as a report's first line: a copy passed on says what it is. No "--" in it: a comment
cannot hold one."""
NOT_ANONYMIZED_WHAT = {
    "nl": {"qdpx": "dit archief toont", "qdc": "de voorbeelden in dit codeboek tonen"},
    "en": {"qdpx": "this archive shows", "qdc": "the examples in this codebook show"},
}


def not_anonymized_line(command: str, language: str) -> str:
    """`NOT_ANONYMIZED` for `lernet export COMMAND` (qdpx, qdc), in the project's language."""
    lang = language if language in NOT_ANONYMIZED else "en"
    return NOT_ANONYMIZED[lang].format(what=NOT_ANONYMIZED_WHAT[lang][command], command=command)


# uuid5 namespace for codebooks exported without a store (stable, but not kept anywhere).
CODEBOOK_GUID_NS = uuid.UUID("6f1c1f2e-5d0b-4d53-9d0e-3f3a2f1e9c41")


MAX_ARCHIVE_MEMBERS = 10_000


MAX_UNCOMPRESSED = 500_000_000


MAX_MEMBER_RATIO = 200


MAX_XML_BYTES = 200_000_000


ZIP_DATE = (1980, 1, 1, 0, 0, 0)


STATUSES = ("pending", "accepted", "rejected")


DIRECTIONS = ("bring", "take", "both")


GROUP_VARIABLES = {"group", "groep", "groups", "groepen"}

_GROUP_ENDS = ("group", "groups", "groep", "groepen")
_GROUP_WORDS = (
    ("stakeholder", "stakeholders", "belanghebbende"),
    ("role", "roles", "rol", "rollen"),
)


def _group_rank(name: str) -> int | None:
    """How surely a variable's name says it holds the analysis group: 0 Group/Groep itself, 1 a
    kind of group (Stakeholder group, Stakeholdergroep, Doelgroep), 2 Stakeholder, 3 Role/Rol;
    None for any other variable."""
    key = " ".join(name.split()).casefold()
    if key in GROUP_VARIABLES:
        return 0
    words = re.findall(r"[^\W\d_]+", key)
    if any(w.endswith(_GROUP_ENDS) for w in words):
        return 1
    for rank, kinds in enumerate(_GROUP_WORDS, 2):
        if any(w in kinds for w in words):
            return rank
    return None


def group_variable(names: Any) -> tuple[str | None, list[str]]:
    """The variable (of `names`, in their order) that gives the participants' group, and the
    other variables whose name would have: the surest by `_group_rank`, the first of equals."""
    ranked = [(r, n) for n in names if (r := _group_rank(n)) is not None]
    if not ranked:
        return None, []
    best = min(ranked, key=lambda x: x[0])[1]
    return best, [n for _, n in ranked if n != best]


LABEL_VARIABLES = {"label"}


SOURCES_DIR = "sources"

IMPORTED_USERS_META = "imported_users"
"""The store's meta key of an imported archive's users: name -> id (NVivo's initials, or "")."""

NOTE_NAMES_META = "note_names"
"""The store's meta key of an imported archive's notes' titles: note GUID -> title."""

MACHINE_USERS = {"auto": "lernet rules", "similar": "lernet similar passages"}
"""What another tool calls lernet's machine coders (the User's id stays the coder): their
codings nobody reviewed are "… (not reviewed)", the ones a person accepted "… (reviewed)"; in
the project's language (`MACHINE_USER_NAMES`)."""

MACHINE_USER_NAMES = {
    "nl": (
        {"auto": "lernet-regels", "similar": "lernet vergelijkbare passages"},
        ("beoordeeld", "niet beoordeeld"),
    ),
    "en": (MACHINE_USERS, ("reviewed", "not reviewed")),
}
"""Per language: the machine coders' names and the words for (reviewed, not reviewed)."""


def machine_user_name(machine: str, reviewed: bool, language: str) -> str:
    """The name another tool shows for lernet's machine coder `machine` (auto, similar): what it
    is and whether a person reviewed its codings, in `language` (else English)."""
    names, words = MACHINE_USER_NAMES.get(language, MACHINE_USER_NAMES["en"])
    return f"{names[machine]} ({words[0] if reviewed else words[1]})"


def machine_of_name(name: str) -> str | None:
    """The machine coder (auto, similar) a user's name is lernet's name for, in any language
    (a tool that writes the archive again may drop the User's id); None for another name."""
    for machine in MACHINE_USERS:
        for language in MACHINE_USER_NAMES:
            if name in (machine_user_name(machine, r, language) for r in (True, False)):
                return machine
    return None


_META_RE = re.compile(
    r"^lernet: status=(?P<status>\w+)(?:, direction=(?P<direction>\w+))?"
    r"(?:, evidence=(?P<evidence_start>\d{1,12})-(?P<evidence_end>\d{1,12}))?\s*$",
    re.MULTILINE,
)


DESCRIBED = {
    "en": {"note": "Note: ", "evidence": "Evidence: ", "direction": "Direction: "},
    "nl": {"note": "Notitie: ", "evidence": "Bewijs: ", "direction": "Richting: "},
}
"""How a selection's Description starts the lines a person reads there, in the project's
language: what a person wrote with the coding, the evidence and the direction in words. An import
reads both languages' (each of these lines is lernet's only beside a `lernet:` line, but the
note's, which an older export also wrote alone in English)."""


_EVIDENCE_RE = re.compile(r"^(?:Evidence|Bewijs): (?P<text>.*)$", re.MULTILINE)


_NOTE_RE = re.compile(r"^(?:Note|Notitie): (?P<text>.*\S)\s*$", re.MULTILINE)


LERNET_LINE_RE = re.compile(r"^(?:Evidence: |Direction: |lernet: )", re.MULTILINE)
"""A line of a selection's Description that lernet wrote besides the note."""


SOURCE_NOTES = {
    "en": (
        "Exported by lernet. The lines below are for lernet: they say which turns are the "
        "interviewer's and who speaks each turn, so that importing this file gives them back."
    ),
    "nl": (
        "Geëxporteerd door lernet. De regels hieronder zijn voor lernet: ze zeggen welke beurten "
        "van de interviewer zijn en wie elke beurt spreekt, zodat een import van dit bestand ze "
        "teruggeeft."
    ),
}
"""What a person reads first in a source's properties (NVivo shows its Description there),
before lernet's own lines, in the project's language."""


def source_memo(description: str) -> str:
    """What a person wrote in a source's Description (QualCoder's memo on a source): its text
    less lernet's own lines (the sentence that opens them, in either language, and the
    `lernet:` lines)."""
    lines = [
        line.rstrip()
        for line in description.splitlines()
        if line.strip() not in SOURCE_NOTES.values() and not line.startswith("lernet: ")
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_ROLES_RE = re.compile(r"^lernet: interviewer turns=(?P<turns>[\d,-]+)\s*$", re.MULTILINE)


_LAYOUT_RE = re.compile(r"^lernet: text=as imported\s*$", re.MULTILINE)
"""A source's Description says its text is the other tool's, as lernet imported it: an import
reads its speaker labels as lernet reads a file's."""


_SPEAKERS_RE = re.compile(r"^lernet: speaker turns (?P<turns>.+?)\s*$", re.MULTILINE)


_POSITIONS_RE = re.compile(r"^lernet: positions=(?P<positions>utf16|codepoints)\b", re.MULTILINE)


_CODEBOOK_NAME_RE = re.compile(r"^lernet: codebook name=(?P<name>.*\S)\s*$", re.MULTILINE)
"""The codebook's own name (`name:`), which the Project's name (the study's) is not."""


_GROUP_ORDER_RE = re.compile(r"^lernet: group order=(?P<order>\[.*\])\s*$", re.MULTILINE)
"""The group variable's Description: the groups in the participants file's order (JSON), the
order of every table's columns."""


_HIDDEN_RE = re.compile(
    r"^lernet: (?P<kind>names|organisations) to hide=(?P<list>\[.*\])[^\S\n]*\n?", re.MULTILINE
)
"""A case's Description in an archive written --no-anonymize: the participant's `names:` and
`organisations:` (JSON), which its text and source names hold, so that a project imported from
it hides them as this one does."""


_BLANK_AFTER_RE = re.compile(r"\n(?=[^\S\n]*(?:\n|$))")


_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


_XML_BAD_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_SLUG_RE = re.compile(r"[^a-z0-9]+")


DESC_WORDS = {
    "nl": {
        "include": "Inclusie:",
        "exclude": "Exclusie:",
        "example": "Voorbeeld:",
        "counterexample": "Tegenvoorbeeld:",
    },
    "en": {
        "include": "Include:",
        "exclude": "Exclude:",
        "example": "Example:",
        "counterexample": "Counterexample:",
    },
}
"""The words before a code's include, exclude, examples and counterexamples in its
Description, in the project's language: a co-author reads them in the other tool. An import
reads both languages' (an English project's archive in a Dutch one, and older exports)."""


def desc_words(language: str) -> dict[str, str]:
    """`DESC_WORDS` in `language` (English for a language lernet has no words in)."""
    return DESC_WORDS.get(language, DESC_WORDS["en"])


_DESC_KEYS = {
    "id": "lernet id:",
    "analysis": "lernet analysis:",
    "phase": "lernet phase:",
    "directional": "lernet directional:",
    "direction_labels": "lernet direction labels:",
}
"""Labelled paragraphs of a code's Description besides `DESC_WORDS`: what REFI-QDA has no
field for. The `lernet`
ones say what the analyses use (`analysis: matrix`, `phase: 2`, a directional code and the
matrix's words for its directions, as JSON), so a round trip keeps the matrix and the phases."""


_LABEL_KEY_RE = re.compile(r"^Label \((?P<lang>[a-z]{2})\):\s*(?P<text>.+)$", re.DOTALL)


@dataclass
class ExportSummary:
    out: Path
    sources: int = 0
    codes: int = 0
    codings: int = 0
    users: int = 0
    cases: int = 0
    notes: int = 0
    widened: int = 0
    anonymized: bool = True
    span: str = "sentence"
    positions: str = "utf16"
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportSummary:
    project_root: Path
    codebook: Path
    codes: int = 0
    sources: int = 0
    segments: int = 0
    codings: int = 0
    participants: int = 0
    memos: int = 0
    interviewer_codings: int = 0
    evidence_restored: int = 0
    positions: str = "codepoints"
    coders: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _xml_text(text: str) -> str:
    """XML 1.0 forbids most control characters; transcripts sometimes carry them."""
    return _XML_BAD_RE.sub(" ", text)


def _el(parent: etree._Element, tag: str, ns: str = PROJECT_NS, **attrs: Any) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in attrs.items():
        if value is not None:
            el.set(key, _xml_text(str(value)))
    return el


def _to_bytes(root: etree._Element) -> bytes:
    body = etree.tostring(root, encoding="utf-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n' + bytes(body)


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _kids(el: etree._Element | None, name: str) -> list[etree._Element]:
    """Children by local name, so files with an odd or missing namespace still read."""
    if el is None:
        return []
    return [c for c in el if _local(c) == name]


def _kid(el: etree._Element | None, name: str) -> etree._Element | None:
    found = _kids(el, name)
    return found[0] if found else None


def _parse_xml(data: bytes, where: str | Path, error: type[LernetError]) -> etree._Element:
    """Parse untrusted XML: no entities, no DTD, no network; a DOCTYPE is refused outright."""
    if len(data) > MAX_XML_BYTES:
        raise error(f"too large ({len(data)} bytes)", where)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise error(f"not valid XML: {exc.msg}", where, exc.lineno) from None
    if root.getroottree().docinfo.doctype:
        raise error("XML with a DOCTYPE is not accepted (REFI-QDA files have none)", where)
    return root


@dataclass
class _Stored:
    """What _memo_keys needs of a transcript."""

    id: int
    path: str


def _memo_keys(
    transcripts: list[Any], memos: dict[int, list[tuple[Any, ...]]]
) -> dict[int, list[str]]:
    """Stable keys for memos (they are made anew on every re-coding, ids and all): where they
    stand, who wrote them and a hash of what they say."""
    out: dict[int, list[str]] = {}
    for t in transcripts:
        seen: set[str] = set()
        keys = []
        for seg, start, end, author, body, *_ in memos[t.id]:
            key = base = memo_key(t.path, seg, start, end, author, body)
            n = 1
            while key in seen:
                n += 1
                key = f"{base}:{n}"
            seen.add(key)
            keys.append(key)
        out[t.id] = keys
    return out


def _safe_members(zf: zipfile.ZipFile, path: Path) -> dict[str, zipfile.ZipInfo]:
    """Refuse archives that point outside themselves or unpack to absurd sizes."""
    infos = zf.infolist()
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise ProjectError(f"unsafe archive: {len(infos)} files is too many", path)
    total = 0
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if (
            name.startswith(("/", "\\"))
            or re.match(r"^[A-Za-z]:", name)
            or ".." in parts
            or "\x00" in name
        ):
            raise ProjectError(f"unsafe archive: member {name!r} points outside the archive", path)
        total += info.file_size
        if total > MAX_UNCOMPRESSED:
            raise ProjectError(
                f"unsafe archive: unpacks to more than {MAX_UNCOMPRESSED // 1_000_000} MB", path
            )
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > MAX_MEMBER_RATIO:
            raise ProjectError(
                f"unsafe archive: member {name!r} is compressed {ratio} times (a zip bomb?)", path
            )
        if not info.is_dir():
            members[name.replace("\\", "/")] = info
    return members


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    """Read at most the declared size: a forged header cannot make us unpack more."""
    try:
        with zf.open(info) as fh:
            data = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise ProjectError(f"cannot read {info.filename!r} from the archive: {exc}", path) from None
    if len(data) > info.file_size:
        raise ProjectError(f"unsafe archive: {info.filename!r} is larger than it says", path)
    return data


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        stem, dot, ext = name.rpartition(".")
        candidate = f"{stem}-{n}.{ext}" if dot and stem else f"{name}-{n}"
        n += 1
    taken.add(candidate)
    return candidate

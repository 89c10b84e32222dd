"""Taguette: its highlights CSV onto this project's transcripts, and the codebook as the CSV
Taguette's "Import codebook" reads.

Taguette exports highlights as rows of `id, document, tag, content`: one row per tag of a
highlight (a highlight with two tags is two rows with the same id), `content` the highlighted
words as plain text (its paragraphs joined by a space), a document's highlights in the order they
stand in it. It keeps no character positions, so a highlight is placed by its words: in the stored
transcript named as the document, ignoring spaces and line breaks (Taguette's plain text has its
own), typographic quotes and dashes; where its words stand more than once, the first place at or
after the document's previous highlight. A tag path `trust.early` is the codebook's code of that
id or those labels, level by level; a level the codebook lacks becomes a new code, its id made
from the name as `lernet codebook import` makes one.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..codebook.codebook import Code, Codebook
from ..errors import CodebookError, UsageError, printable
from ..store.coders import MACHINES
from ..store.store import Store
from ..userfiles import read_regular

MAX_CSV_BYTES = 64 * 1024 * 1024
HIGHLIGHT_COLUMNS = ("id", "document", "tag", "content")
"""What Taguette writes: document, tag and content are needed; id joins a highlight's tags."""
CODEBOOK_COLUMNS = ("tag", "description", "number of highlights", "number of documents")
"""What Taguette's codebook export writes; its import reads `tag` and `description`."""
DEFAULT_CODER = "taguette"
_SAME = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)
_SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass
class Highlight:
    line: int
    id: str
    document: str
    tags: list[str]
    content: str


@dataclass
class Unplaced:
    document: str
    highlight: str
    words: str
    reason: str


@dataclass
class TaguetteResult:
    added: int = 0
    already: int = 0
    highlights: int = 0
    placed: int = 0
    documents: list[tuple[str, str]] = field(default_factory=list)
    """(Taguette's document, this project's transcript) for each document found here."""
    missing: Counter[str] = field(default_factory=Counter)
    """Documents with no transcript of their name here -> their highlights."""
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    """Documents whose name is that of several transcripts -> their paths."""
    ambiguous_highlights: Counter[str] = field(default_factory=Counter)
    """... -> their highlights whose words are in none of those transcripts, or in several."""
    unplaced: list[Unplaced] = field(default_factory=list)
    new_codes: list[str] = field(default_factory=list)
    untagged: int = 0
    cut_at_interviewer: int = 0
    """Highlights that also held the interviewer's words: only the participants' are coded."""
    backup: Path | None = None
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    """The codings to add: (transcript, segment, code, start, end, coder)."""


# --- reading the CSV -----------------------------------------------------------------------------


def _text(data: bytes) -> str:
    """Taguette writes UTF-8; Excel saves it again as Windows-1252 (Dutch and English Windows)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes, path: Path) -> list[tuple[int, list[str]]]:
    """(line, cells) of CSV text, separated by what its first line is separated by (`,` as
    Taguette writes it, `;` or tab as Excel saves it again)."""
    text = _text(data)
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=max(",;\t", key=first.count))
    out = []
    try:
        for row in reader:
            out.append((reader.line_num, row))
    except csv.Error as exc:
        raise UsageError(f"not a CSV file: {exc}", path, reader.line_num + 1) from None
    return out


def _xlsx_rows(data: bytes, path: Path) -> list[tuple[int, list[str]]]:
    """(row number, cells) of an Excel workbook's first sheet: Taguette's Excel export of the
    highlights, or the CSV saved again as .xlsx."""
    from ..readers.archive import Package, member, open_zip, parser

    package = Package("an Excel .xlsx file", "which Excel never writes")
    with open_zip(io.BytesIO(data), path, package) as zf:
        names = zf.namelist()
        if "word/document.xml" in names:
            raise UsageError(
                "a Word file: in Taguette export the highlights as CSV or Excel "
                "(Export highlights) and import that",
                path,
            )
        sheets = sorted(
            (n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
            key=lambda n: int(re.sub(r"\D", "", n)),
        )
        if not sheets:
            raise package.error("no worksheet", path)
        sheet = member(zf, sheets[0], path, package) or b""
        shared = member(zf, "xl/sharedStrings.xml", path, package)
    from lxml import etree

    try:
        strings = []
        if shared:
            for si in etree.fromstring(shared, parser()):
                strings.append(
                    "".join(t.text or "" for t in si.iter() if etree.QName(t).localname == "t")
                )
        root = etree.fromstring(sheet, parser())
    except etree.XMLSyntaxError as exc:
        raise package.error(f"damaged: {exc}", path) from None
    out: list[tuple[int, list[str]]] = []
    for row in (el for el in root.iter() if etree.QName(el).localname == "row"):
        cells: dict[int, str] = {}
        for c in row:
            if etree.QName(c).localname != "c":
                continue
            letters = re.match(r"[A-Z]+", c.get("r") or "")
            col = len(cells)
            if letters:
                col = 0
                for ch in letters.group():
                    col = col * 26 + ord(ch) - 64
                col -= 1
            kind = c.get("t")
            if kind == "inlineStr":
                value = "".join(t.text or "" for t in c.iter() if etree.QName(t).localname == "t")
            else:
                v = next((el.text or "" for el in c if etree.QName(el).localname == "v"), "")
                if kind == "s":
                    value = strings[int(v)] if v.isdigit() and int(v) < len(strings) else ""
                else:
                    value = v[:-2] if v.endswith(".0") else v
            cells[col] = value
        line = int(row.get("r") or len(out) + 1)
        out.append((line, [cells.get(i, "") for i in range(max(cells, default=-1) + 1)]))
    return out


def read_highlights(path: Path) -> list[Highlight]:
    """A Taguette highlights file's highlights (CSV or Excel), each with all its tags; a file
    that is not one is a one-line error naming it (and its line)."""
    data = read_regular(path, UsageError, MAX_CSV_BYTES, "a Taguette highlights file")
    rows = _xlsx_rows(data, path) if data.startswith(b"PK\x03\x04") else _csv_rows(data, path)
    header = [h.strip().casefold() for h in rows[0][1]] if rows else []
    if "tag" in header and "number of highlights" in header:
        raise UsageError(
            "a Taguette codebook, not its highlights: `lernet codebook import "
            f"{printable(path.name)} -o codebook.yaml` makes a codebook of it; import the "
            "highlights (Export highlights, CSV) for the codings",
            path,
        )
    lacking = [c for c in HIGHLIGHT_COLUMNS[1:] if c not in header]
    if lacking:
        shown = ", ".join(h for h in header if h) or "none"
        raise UsageError(
            f"not Taguette's highlights: no {', '.join(lacking)} column (Taguette writes "
            f"id, document, tag, content; this file has {shown})",
            path,
            rows[0][0] if rows else None,
        )
    col = {name: header.index(name) for name in HIGHLIGHT_COLUMNS if name in header}
    out: list[Highlight] = []
    by_id: dict[tuple[str, str], Highlight] = {}
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        row = row + [""] * (len(header) - len(row))  # Excel leaves empty cells at the end out
        document = " ".join(row[col["document"]].split())
        if not document:
            raise UsageError("a highlight without a document name", path, line)
        tag = row[col["tag"]].strip()
        hid = row[col["id"]].strip() if "id" in col else ""
        found = by_id.get((document, hid)) if hid else None
        if found is not None:
            if tag and tag not in found.tags:
                found.tags.append(tag)
            continue
        h = Highlight(line, hid or str(line), document, [tag] if tag else [], row[col["content"]])
        out.append(h)
        if hid:
            by_id[(document, hid)] = h
    if not out:
        raise UsageError("no highlights in this file", path)
    return out


# --- codes ------------------------------------------------------------------------------------


def _slug(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_ = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = _SLUG_RE.sub("_", ascii_).strip("_")
    if not slug:
        return "code"
    return slug if slug[0].isalpha() else f"code_{slug}"


@dataclass
class _NewCode:
    id: str
    name: str
    parent: str | None


class _Codes:
    """Tag paths -> code ids: the codebook's, level by level, else new ones."""

    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        self.new: list[_NewCode] = []
        self._new_children: dict[str | None, list[_NewCode]] = {}
        self.taken = set(codebook.codes)

    def _children(self, parent: str | None) -> list[Code]:
        if parent is None:
            return list(self.codebook.themes)
        code = self.codebook.codes.get(parent)
        return list(code.children) if code is not None else []

    def code(self, path: str) -> str:
        if path in self.codebook.codes:
            return path
        # A codebook imported from Taguette's .qdc has its tags as flat codes named by the
        # whole path ("trust.early"): such a code is the tag's.
        whole = " ".join(path.split()).casefold()
        for c in self.codebook.walk():
            if whole in {" ".join(label.split()).casefold() for label in c.labels.values()}:
                return c.id
        parent: str | None = None
        for part in (" ".join(p.split()) for p in path.split(".")):
            part = part or "code"
            key = part.casefold()
            found = next(
                (
                    c.id
                    for c in self._children(parent)
                    if c.id.rsplit(".", 1)[-1] in (key, _slug(part))
                    or key in {label.casefold() for label in c.labels.values()}
                ),
                None,
            )
            if found is None:
                found = next(
                    (n.id for n in self._new_children.get(parent, []) if n.name.casefold() == key),
                    None,
                )
            if found is None:
                base = (parent + "." if parent else "") + _slug(part)
                found, n = base, 2
                while found in self.taken:
                    found, n = f"{base}_{n}", n + 1
                self.taken.add(found)
                made = _NewCode(found, part, parent)
                self.new.append(made)
                self._new_children.setdefault(parent, []).append(made)
            parent = found
        assert parent is not None
        return parent


def codebook_with(text: str, path: Path, new: list[_NewCode]) -> str:
    """The codebook's text with the new codes added where they belong, its layout and comments
    kept; a codebook lernet cannot edit so is a CodebookError naming the codes to add by hand."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    by_hand = ", ".join(f"{n.id} ({n.name!r})" for n in new)
    for mapping, sequence, offset in ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4)):
        yaml = YAML(typ="rt")
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        yaml.width = 4096
        yaml.preserve_quotes = True
        try:
            data = yaml.load(text)
            again = io.StringIO()
            yaml.dump(data, again)
        except YAMLError:
            break
        if again.getvalue() == text:
            break
    else:
        data = None
    if data is None or not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise CodebookError(
            f"cannot add the new codes without changing the file's layout; add them yourself "
            f"and import again: {by_hand}",
            path,
        )
    nodes: dict[str, Any] = {}

    def index(items: Any, parent: str | None) -> None:
        for item in items or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                short = item["id"]
                full = short if "." in short or parent is None else f"{parent}.{short}"
                nodes[full] = item
                index(item.get("codes"), full)

    index(data["themes"], None)
    for n in new:
        item = CommentedMap([("id", n.id.rsplit(".", 1)[-1]), ("label", n.name)])
        if n.parent is None:
            data["themes"].append(item)
        else:
            node = nodes[n.parent]
            if not isinstance(node.get("codes"), list):
                node["codes"] = CommentedSeq()
            node["codes"].append(item)
        nodes[n.id] = item
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# --- placing the highlights ----------------------------------------------------------------------


def _norm(c: str) -> str:
    return unicodedata.normalize("NFKC", c).translate(_SAME).casefold()


class _Haystack:
    """One transcript's turns as one string without spaces, each character back to its turn and
    place (None: a speaker's label, which Taguette's text holds and the turn does not)."""

    def __init__(self, turns: list[tuple[int, str, str, str]], labels: bool):
        chars: list[str] = []
        where: list[tuple[int, int] | None] = []
        self.roles = {idx: role for idx, _, role, _ in turns}
        self.speakers = {speaker for _, speaker, _, _ in turns if speaker}
        for idx, speaker, _, text in turns:
            if labels and speaker:
                for c in f"{speaker}:":
                    for n in _norm(c):
                        if not n.isspace():
                            chars.append(n)
                            where.append(None)
            for i, c in enumerate(text):
                for n in _norm(c):
                    if not n.isspace():
                        chars.append(n)
                        where.append((idx, i))
        self.text = "".join(chars)
        self.where = where

    def start(self, at: int, length: int) -> tuple[int, int]:
        """(turn, place) where the words at `at` begin in a turn's text."""
        return next((p for p in self.where[at : at + length] if p is not None), (0, 0))

    def find(self, needle: str) -> list[int]:
        hits, at = [], self.text.find(needle)
        while at >= 0:
            hits.append(at)
            at = self.text.find(needle, at + 1)
        return hits

    def spans(self, at: int, length: int) -> dict[int, tuple[int, int]]:
        """Turn -> (start, end) of the words at `at`."""
        out: dict[int, tuple[int, int]] = {}
        for place in self.where[at : at + length]:
            if place is None:
                continue
            idx, i = place
            start, end = out.get(idx, (i, i + 1))
            out[idx] = (min(start, i), max(end, i + 1))
        return out


_TIME_RE = re.compile(r"[\[(]?\b\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\b[\])]?")


def _unlabelled(content: str, speakers: set[str]) -> str:
    """Taguette's text of a highlight without timestamps and speakers' labels."""
    text = _TIME_RE.sub(" ", content)
    for speaker in sorted(speakers, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(speaker)}\s*:", " ", text)
    return text


def _needle(content: str) -> str:
    return "".join(n for c in content for n in _norm(c) if not n.isspace())


def _short(words: str) -> str:
    words = " ".join(words.split())
    return repr(words if len(words) <= 40 else words[:37] + "...")


def _doc_key(name: str) -> str:
    stem = re.sub(r"\.(txt|docx?|odt|md|pdf|html?|rtf|vtt|srt)$", "", name.strip(), flags=re.I)
    return " ".join(re.split(r"[\s_\-]+", stem.casefold())).strip()


def import_taguette(
    store: Store,
    codebook: Codebook,
    files: list[Path],
    coder: str = DEFAULT_CODER,
) -> tuple[TaguetteResult, list[_NewCode]]:
    """Place every file's highlights (read and checked before anything is written) and write
    their codings, as one change after a backup of the store. Returns the new codes the
    codebook needs (the caller writes them, inside the store's transaction: see
    `write_taguette`)."""
    coder = " ".join(coder.split())
    if not coder or coder.casefold() in MACHINES:
        raise UsageError(f"--coder {coder!r} is not a person's name")
    highlights = [h for f in files for h in read_highlights(f)]
    result = TaguetteResult(highlights=len(highlights))
    codes = _Codes(codebook)
    by_name: dict[str, list[Any]] = {}
    for t in store.transcripts():
        keys = {_doc_key(Path(t.path).name), _doc_key(t.path), _doc_key(t.participant or "")}
        if t.label:
            keys.add(_doc_key(t.label))
        for name in keys - {""}:
            by_name.setdefault(name, []).append(t)
    turns: dict[int, list[tuple[int, str, str, str]]] = {}
    for tid, idx, speaker, role, text in store.conn.execute(
        "SELECT transcript_id, idx, speaker, role, text FROM segments ORDER BY transcript_id, idx"
    ):
        turns.setdefault(int(tid), []).append((int(idx), str(speaker), str(role), str(text)))
    existing = {
        (int(r[0]), int(r[1]), str(r[2]), int(r[3]), int(r[4]), str(r[5]).casefold())
        for r in store.conn.execute(
            "SELECT transcript_id, segment, code, start, end, coder FROM codings "
            "WHERE detached IS NULL"
        )
    }
    rows: list[tuple[Any, ...]] = []
    hay: dict[int, tuple[_Haystack, _Haystack]] = {}
    last: dict[int, tuple[int, int]] = {}

    def stacks(tid: int) -> tuple[_Haystack, _Haystack]:
        if tid not in hay:
            segs = turns.get(tid, [])
            hay[tid] = (_Haystack(segs, True), _Haystack(segs, False))
        return hay[tid]

    for h in highlights:
        found = by_name.get(_doc_key(h.document), [])
        needle = _needle(h.content)
        if len(found) > 1:
            # Two transcripts of one name (p01.txt in two folders): the one holding the words.
            holding = [t for t in found if any(s.find(needle) for s in stacks(t.id))]
            if len(holding) != 1:
                result.ambiguous.setdefault(h.document, sorted(t.path for t in found))
                result.ambiguous_highlights[h.document] += 1
                continue
            found = holding
        if not found:
            result.missing[h.document] += 1
            continue
        t = found[0]
        if (h.document, t.path) not in result.documents:
            result.documents.append((h.document, t.path))

        def miss(reason: str, h: Highlight = h) -> None:
            result.unplaced.append(Unplaced(h.document, h.id, h.content, reason))

        if not h.tags:
            result.untagged += 1
            miss("no tag")
            continue
        if not needle:
            miss("no words")
            continue
        labelled, bare = stacks(t.id)
        hits = labelled.find(needle)
        stack = labelled
        if not hits:
            # Labels as the file writes them ("[00:01:05] Anna:"), which the turns do not keep.
            needle = _needle(_unlabelled(h.content, bare.speakers))
            hits, stack = (bare.find(needle) if needle else []), bare
        if not hits:
            miss("its words are not in the transcript")
            continue
        after = [a for a in hits if stack.start(a, len(needle)) >= last.get(t.id, (0, 0))]
        if len(hits) > 1 and not after:
            miss(f"its words stand {len(hits)} times in the transcript")
            continue
        at = (after or hits)[0]
        last[t.id] = stack.start(at, len(needle))
        spans = stack.spans(at, len(needle))
        said = {i: s for i, s in spans.items() if stack.roles.get(i) == "participant"}
        if not said:
            miss("only the interviewer's words")
            continue
        if len(said) < len(spans):
            result.cut_at_interviewer += 1
        result.placed += 1
        for tag in h.tags:
            code = codes.code(tag)
            for seg, (start, end) in said.items():
                key = (t.id, seg, code, start, end, coder.casefold())
                if key in existing:
                    result.already += 1
                    continue
                existing.add(key)
                rows.append((t.id, seg, code, start, end, coder))
    used = {r[2] for r in rows}
    new = [n for n in codes.new if any(u == n.id or u.startswith(n.id + ".") for u in used)]
    result.new_codes = [n.id for n in new]
    result.added = len(rows)
    result.rows = rows
    return result, new


def write_taguette(
    store: Store, codebook_path: Path, result: TaguetteResult, new: list[_NewCode]
) -> None:
    """The codings, with the codebook's new codes, as one change after a backup of the store:
    a codebook that cannot be written leaves the store as it was."""
    from ..codebook.yamlio import read_text_file
    from ..output.files import write_output
    from ..store.backup import backup_store, default_backup_path
    from .merge import _now

    rows = result.rows
    if not rows:
        return
    text = None
    if new:
        old = read_text_file(codebook_path, CodebookError)
        text = codebook_with(old, codebook_path, new)
        from ..codebook.codebook import parse_codebook

        checked = parse_codebook(codebook_path, with_rules=False, text=text)
        errors = [p for p in checked.problems if p.severity == "error"]
        if errors or any(n.id not in checked.codes for n in new):
            raise CodebookError(
                "cannot add the new codes ("
                + (str(errors[0]) if errors else "not found after")
                + "); add them yourself and import again: "
                + ", ".join(f"{n.id} ({n.name!r})" for n in new),
                codebook_path,
            )
    result.backup = backup_store(store, default_backup_path(store.path))
    now = _now()
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO codings (transcript_id, segment, code, start, end, coder, rule, status, "
            "source, created_at) VALUES (?, ?, ?, ?, ?, ?, 'import', 'accepted', 'merge', ?)",
            [(*r, now) for r in rows],
        )
        if text is not None:
            write_output(codebook_path, text.encode("utf-8"))


def unplaced_lines(result: TaguetteResult, empty: bool = False) -> list[str]:
    """One line per document: its highlights not placed, and why. `empty`: the project holds
    no transcripts yet."""
    lines = [
        f"{printable(doc)!r}: no transcript of this name in the project ({n} highlight(s) not "
        "placed; name the document in Taguette as the transcript's file"
        + (", and code the transcripts first: lernet code FILES)" if empty else ")")
        for doc, n in result.missing.items()
    ]
    lines += [
        f"{printable(doc)!r}: the name of {len(paths)} transcripts "
        f"({', '.join(printable(p) for p in paths)}): "
        f"{result.ambiguous_highlights[doc]} highlight(s) not placed, their words in none of "
        "them or in more than one (name the document in Taguette as the file's folder and name)"
        for doc, paths in result.ambiguous.items()
    ]
    per: dict[str, list[Unplaced]] = {}
    for u in result.unplaced:
        per.setdefault(u.document, []).append(u)
    for doc, misses in per.items():
        shown = "; ".join(f"#{u.highlight} {_short(u.words)} ({u.reason})" for u in misses)
        lines.append(f"{printable(doc)!r}: {len(misses)} highlight(s) not placed: {shown}")
    return lines


# --- the codebook for Taguette -------------------------------------------------------------------


def codebook_csv(codebook: Codebook, store: Store | None, language: str) -> bytes:
    """Every theme and code as a Taguette tag: its labels as a path (`Trust.Early distance`), the
    description (with include and exclude), and how many codings and transcripts it has here."""
    counts: dict[str, tuple[int, int]] = {}
    if store is not None:
        for code, n, docs in store.conn.execute(
            "SELECT code, COUNT(*), COUNT(DISTINCT transcript_id) FROM codings "
            "WHERE detached IS NULL AND status != 'rejected' GROUP BY code"
        ):
            counts[str(code)] = (int(n), int(docs))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CODEBOOK_COLUMNS)

    written: set[str] = set()

    def rows(code: Code, above: str) -> None:
        name = " ".join(code.label(language).replace(".", " ").split()) or code.id
        path = f"{above}.{name}" if above else name
        if path.casefold() in written:
            # Taguette takes the first of two tags with one path and leaves the other out.
            path = f"{path} ({code.id.rsplit('.', 1)[-1]})"
        written.add(path.casefold())
        parts = [code.description.strip()]
        if code.include:
            parts.append(f"Include: {code.include.strip()}")
        if code.exclude:
            parts.append(f"Exclude: {code.exclude.strip()}")
        n, docs = counts.get(code.id, (0, 0))
        writer.writerow([path, "\n\n".join(p for p in parts if p), n, docs])
        for child in code.children:
            rows(child, path)

    for theme in codebook.themes:
        rows(theme, "")
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def is_codebook_csv(path: Path) -> bool:
    """Whether `lernet codebook import` was given CSV text (Taguette's codebook), not a .qdc."""
    if path.suffix.lower() in (".csv", ".txt"):
        return True
    if path.suffix.lower() in (".qdc", ".qdpx", ".xml"):
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(64).lstrip(b"\xef\xbb\xbf").lstrip()
    except OSError:
        return False
    return bool(head) and not head.startswith(b"<") and not head.startswith(b"PK")


def import_codebook_csv(path: Path) -> str:
    """Taguette's codebook CSV as lernet codebook YAML: the column Taguette's own import takes
    the tag from (`tag`, `name` or `path`) and `description`; a path `trust.early` nests `early`
    under `trust` (made when the file has no row of its own for it)."""
    import yaml

    from .. import __version__
    from .qdc import _code_yaml, _ImportedCode, _NoAliasDumper

    data = read_regular(path, CodebookError, MAX_CSV_BYTES, "a codebook")
    if data.startswith(b"PK\x03\x04"):
        raise CodebookError(
            "an Excel file, not CSV: export the codebook from Taguette as CSV", path
        )
    text = _text(data)
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().casefold() for h in next(rows, [])]
        named = [c for c in ("tag", "name", "path") if c in header]
        if len(named) != 1:
            raise CodebookError(
                "not a Taguette codebook: it needs one column named tag, name or path (and may "
                f"have description); this file has {', '.join(h for h in header if h) or 'none'}",
                path,
                1,
            )
        col = header.index(named[0])
        col_description = header.index("description") if "description" in header else None
        top: list[_ImportedCode] = []
        made: dict[tuple[str, ...], _ImportedCode] = {}
        taken: set[str] = set()
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            tag = row[col].strip() if len(row) > col else ""
            if not tag:
                raise CodebookError("a row without a tag name", path, line)
            parts = [" ".join(p.split()) or "code" for p in tag.split(".")]
            code: _ImportedCode | None = None
            for depth in range(1, len(parts) + 1):
                key = tuple(p.casefold() for p in parts[:depth])
                found = made.get(key)
                if found is None:
                    parent = code.id if code is not None else None
                    base = (parent + "." if parent else "") + _slug(parts[depth - 1])
                    code_id, n = base, 2
                    while code_id in taken:
                        code_id, n = f"{base}_{n}", n + 1
                    taken.add(code_id)
                    name = parts[depth - 1]
                    found = _ImportedCode(code_id, "", name, {"nl": name, "en": name})
                    made[key] = found
                    (code.children if code is not None else top).append(found)
                code = found
            if code is not None and col_description is not None and len(row) > col_description:
                code.description = row[col_description].strip()
    except csv.Error as exc:
        raise CodebookError(f"not a CSV file: {exc}", path, rows.line_num) from None
    if not top:
        raise CodebookError("the codebook has no tags", path)
    body = yaml.dump(
        {"version": 1, "name": printable(path.stem), "themes": [_code_yaml(c) for c in top]},
        Dumper=_NoAliasDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return (
        f"# Imported from {printable(path.name)} (Taguette's codebook) by lernet {__version__}.\n"
        "# Taguette's tags carry no match rules: these codes have none, so `lernet code` will\n"
        "# not find them by itself. Add match: rules (see docs/codebook-format.md).\n" + body
    )

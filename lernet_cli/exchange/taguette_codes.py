"""Taguette's tags and lernet's codes: a tag path as a code (the codebook's, else a new one added
to the codebook file, its layout kept), the codebook as the CSV Taguette's "Import codebook" reads,
and Taguette's own codebook CSV as a lernet codebook."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..codebook.codebook import Code, Codebook
from ..errors import CodebookError, printable
from ..store.store import Store
from ..userfiles import read_regular
from .qdc import code_slug
from .taguette_files import MAX_CSV_BYTES, decoded

CODEBOOK_COLUMNS = ("tag", "description", "number of highlights", "number of documents")
"""What Taguette's codebook export writes; its import reads `tag` and `description`."""


def tag_parts(path: str) -> list[str]:
    """A Taguette tag path's levels: `trust.early` is `early` under `trust`; an empty level
    (`trust.`, `trust..early`) is none."""
    return [" ".join(p.split()) for p in path.split(".") if p.strip()]


@dataclass
class NewCode:
    id: str
    name: str
    parent: str | None
    codable: bool = True
    """False for a folder in the other tool (QualCoder's category): `codable: false` here."""


class TagCodes:
    """Tag paths -> code ids: the codebook's, level by level, else new ones."""

    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        self.new: list[NewCode] = []
        self._new_children: dict[str | None, list[NewCode]] = {}
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
        for part in tag_parts(path) or ["code"]:
            key = part.casefold()
            found = next(
                (
                    c.id
                    for c in self._children(parent)
                    if c.id.rsplit(".", 1)[-1] in (key, code_slug(part))
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
                base = (parent + "." if parent else "") + code_slug(part)
                found, n = base, 2
                while found in self.taken:
                    found, n = f"{base}_{n}", n + 1
                self.taken.add(found)
                made = NewCode(found, part, parent)
                self.new.append(made)
                self._new_children.setdefault(parent, []).append(made)
            parent = found
        assert parent is not None
        return parent


def _as_text(value: str) -> Any:
    """A string lernet's YAML 1.1 reader reads back as this string (`yes`, `no`, `on`, `1.0` are
    no string to it unquoted, though they are to ruamel's YAML 1.2)."""
    import yaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    try:
        same = yaml.safe_load(value) == value
    except yaml.YAMLError:
        same = False
    return value if same else DoubleQuotedScalarString(value)


def codebook_with(text: str, path: Path, new: list[NewCode], then: str = "import again") -> str:
    """The codebook's text with the new codes added where they belong, its layout and comments
    kept; a codebook lernet cannot edit so is a CodebookError naming the codes to add by hand
    (and then to `then`)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    by_hand = ", ".join(f"{n.id} ({n.name!r})" for n in new)
    # A file saved on Windows ends its lines with CRLF, which ruamel writes back as LF: edited
    # with LF, and written back with the file's own line ends.
    windows = "\r\n" in text and text.count("\r\n") == text.count("\n")
    if windows:
        text = text.replace("\r\n", "\n")
    # Notepad ends the last line without a line end, which ruamel's dump always writes: edited
    # with one, and written back without.
    unended = bool(text) and not text.endswith("\n")
    if unended:
        text += "\n"
    data = None
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
            data = None
            break
        if again.getvalue() == text:
            break
    else:
        data = None
    if data is None or not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise CodebookError(
            f"cannot add the new codes without changing the file's layout; add them yourself "
            f"and {then}: {by_hand}",
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
        item = CommentedMap(
            [("id", _as_text(n.id.rsplit(".", 1)[-1])), ("label", _as_text(n.name))]
        )
        if not n.codable:
            item["codable"] = False
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
    edited = _before_comments(text, out.getvalue())
    if unended and edited.endswith("\n"):
        edited = edited[:-1]
    return edited.replace("\n", "\r\n") if windows else edited


def _before_comments(old: str, new: str) -> str:
    """`new` (`old` with lines inserted) with each inserted block moved up over the blank and
    comment lines just above it that stand left of it: ruamel appends an item after the comments
    that end its sequence, which in a researcher's file introduce what comes next (the next
    theme), so the new code would stand under the next theme's heading. Unchanged where moving
    would change what the file says."""
    import difflib

    import yaml

    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    lines = list(after)
    moves = [
        (j1, j2)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes()
        if tag == "insert"
    ]
    for j1, j2 in reversed(moves):
        block = lines[j1:j2]
        indent = len(block[0]) - len(block[0].lstrip(" "))
        to = j1
        while to > 0:
            above = lines[to - 1]
            bare = above.strip()
            if bare and not (bare.startswith("#") and len(above) - len(above.lstrip(" ")) < indent):
                break
            to -= 1
        lines[to:j2] = block + lines[to:j1]
    moved = "".join(lines)
    try:
        same = yaml.safe_load(moved) == yaml.safe_load(new)
    except yaml.YAMLError:
        same = False
    return moved if same else new


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
    from ..output.render import csv_writer

    writer = csv_writer(out)
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
    text = decoded(data)
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
            parts = tag_parts(tag) or ["code"]
            code: _ImportedCode | None = None
            for depth in range(1, len(parts) + 1):
                key = tuple(p.casefold() for p in parts[:depth])
                found = made.get(key)
                if found is None:
                    parent = code.id if code is not None else None
                    base = (parent + "." if parent else "") + code_slug(parts[depth - 1])
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


def codebook_adding(
    path: Path, new: list[NewCode], then: str = "import again"
) -> tuple[bytes, Codebook, bytes]:
    """The codebook file's new bytes, with `new` added (in the file's own encoding, byte order
    mark and line ends), the codebook it makes, checked before anything is written, and the
    file's bytes as they were read (for its backup); a
    CodebookError naming the codes to add by hand (and then to `then`) where it cannot be: a
    file the researcher made read-only is not changed."""
    from ..codebook.codebook import parse_codebook
    from ..codebook.yamlio import read_settings_bytes, read_text_file, text_form
    from ..userfiles import is_read_only

    by_hand = ", ".join(f"{n.id} ({n.name!r})" for n in new)
    raw = read_settings_bytes(path, CodebookError)
    old = read_text_file(path, CodebookError, raw)
    if is_read_only(path):
        raise CodebookError(
            f"is read-only, so lernet leaves it as it is; make it writable and {then}, or add "
            f"the new codes yourself and {then}: {by_hand}",
            path,
        )
    text = codebook_with(old, path, new, then)
    checked = parse_codebook(path, with_rules=False, text=text)
    errors = [p for p in checked.problems if p.severity == "error"]
    if errors or any(n.id not in checked.codes for n in new):
        raise CodebookError(
            "cannot add the new codes ("
            + (str(errors[0]) if errors else "not found after")
            + f"); add them yourself and {then}: "
            + by_hand,
            path,
        )
    return text_form(raw).encode(text), checked, raw

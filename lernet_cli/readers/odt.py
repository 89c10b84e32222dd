"""OpenDocument text (.odt) transcripts, as LibreOffice (and other ODF writers) save them.

Read straight from the zip with the same hardened parsing as .docx (see `archive`). Only
`content.xml` (speech, comments, automatic styles), `styles.xml` (which named styles are bold or
headings), `mimetype` and the manifest are read; page headers and footers live in styles.xml and
never become speech, nor do footnotes, tracked deletions, headings or tables of contents.
Comments (`office:annotation`) become annotations, never speech.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..model import Annotation
from . import archive
from .labels import RawDocument, RawParagraph
from .marks import replies_take_parent_ranges
from .runs import RunText
from .tables import Marks, cell_text, field_names, names_metadata, speaker_rows, title_text

CONTENT = "content.xml"
STYLES = "styles.xml"
MANIFEST = "META-INF/manifest.xml"
MIMETYPES = frozenset(
    {"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template"}
)
OTHER_KINDS = {
    "spreadsheet": "an OpenDocument spreadsheet",
    "spreadsheet-template": "an OpenDocument spreadsheet template",
    "presentation": "an OpenDocument presentation",
    "presentation-template": "an OpenDocument presentation template",
    "graphics": "an OpenDocument drawing",
    "graphics-template": "an OpenDocument drawing template",
    "formula": "an OpenDocument formula",
    "chart": "an OpenDocument chart",
    "image": "an OpenDocument image",
    "base": "an OpenDocument database",
    "text-master": "an OpenDocument master document",
    "text-web": "an OpenDocument HTML template",
}
ODT = archive.Package(
    "an OpenDocument text (.odt) file", "which office programs never write", transcript=True
)
MAX_SPACES = 1_000
"""Cap on one `text:s` run: text:c="2000000000" must not allocate gigabytes."""
MAX_REPEAT = 64
"""Cap on `table:number-columns-repeated`."""

_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


def _o(name: str) -> str:
    return f"{{{_OFFICE}}}{name}"


def _t(name: str) -> str:
    return f"{{{_TEXT}}}{name}"


def _tb(name: str) -> str:
    return f"{{{_TABLE}}}{name}"


def _s(name: str) -> str:
    return f"{{{_STYLE}}}{name}"


P, H, SPAN, S, TAB, LINE_BREAK = map(_t, ("p", "h", "span", "s", "tab", "line-break"))
LIST, LIST_ITEM, LIST_HEADER, SECTION = map(_t, ("list", "list-item", "list-header", "section"))
NUMBERED_PARAGRAPH, NOTE, RUBY_TEXT, NUMBER = map(
    _t, ("numbered-paragraph", "note", "ruby-text", "number")
)
STYLE_NAME, C = _t("style-name"), _t("c")
ANNOTATION, ANNOTATION_END, NAME = _o("annotation"), _o("annotation-end"), _o("name")
PARENT_NAME = f"{{{_LOEXT}}}parent-name"
CREATOR, DATE = f"{{{_DC}}}creator", f"{{{_DC}}}date"
TABLE, ROW, CELL, COVERED = map(_tb, ("table", "table-row", "table-cell", "covered-table-cell"))
HEADER_ROWS = _tb("table-header-rows")
ROW_GROUPS = frozenset(map(_tb, ("table-rows", "table-row-group")))
COLUMNS_REPEATED = _tb("number-columns-repeated")
_TABLE_PARTS = frozenset({TABLE, ROW, CELL, COVERED, HEADER_ROWS, *ROW_GROUPS})
CONTAINERS = frozenset({SECTION, LIST, LIST_ITEM, LIST_HEADER, NUMBERED_PARAGRAPH})
INDEXES = frozenset(
    map(
        _t,
        (
            "table-of-content",
            "illustration-index",
            "table-index",
            "object-index",
            "user-index",
            "alphabetical-index",
            "bibliography",
        ),
    )
)
"""Generated lists (a table of contents): their paragraphs count, but are not speech."""
INDEX_PARTS = frozenset(map(_t, ("index-body", "index-title")))
_NOT_TEXT_NAMESPACES = tuple(
    f"{{{ns}}}"
    for ns in (
        _OFFICE,
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:form:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:chart:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
        "http://www.w3.org/1998/Math/MathML",
    )
)
"""Inline elements whose content is never spoken text: frames, text boxes, shapes, forms."""
HEADING_STYLES = frozenset({"Heading", "Title", "Subtitle"})
_SPACES_RE = re.compile(r"[ \t\r\n]+")


def _bold_weight(value: str | None) -> bool | None:
    if value is None:
        return None
    value = value.strip().lower()
    if value.isdigit():
        return int(value) >= 600
    return value in ("bold", "bolder")


class _Styles:
    """Named paragraph and text styles: parent, own font weight, own outline level."""

    def __init__(self) -> None:
        self.styles: dict[tuple[str, str], tuple[str | None, bool | None, bool]] = {}

    def add(self, container: etree._Element | None) -> None:
        if container is None:
            return
        for style in container.iter(_s("style")):
            name, family = style.get(_s("name")), style.get(_s("family"))
            if not name or family not in ("paragraph", "text"):
                continue
            props = style.find(_s("text-properties"))
            bold = _bold_weight(props.get(f"{{{_FO}}}font-weight") if props is not None else None)
            outline = (style.get(_s("default-outline-level")) or "").strip() not in ("", "0")
            heading = outline or name in HEADING_STYLES or name.startswith("Heading_20_")
            self.styles[(family, name)] = (style.get(_s("parent-style-name")), bold, heading)

    def _chain(self, family: str, name: str | None) -> Iterator[tuple[bool | None, bool]]:
        seen: set[str] = set()
        while name and name not in seen and len(seen) < 32:
            seen.add(name)
            entry = self.styles.get((family, name))
            if entry is None:
                return
            name, bold, heading = entry
            yield bold, heading

    def bold(self, family: str, name: str | None) -> bool | None:
        """The style's font weight as bold or not, inherited from its parents; None if unset."""
        return next((b for b, _ in self._chain(family, name) if b is not None), None)

    def heading(self, name: str | None) -> bool:
        return any(h for _, h in self._chain("paragraph", name))


class _Runs(RunText):
    """A paragraph's text as ODF defines it: white space in the XML collapses to one space and is
    dropped at the start of a paragraph; `text:s`, `text:tab` and `text:line-break` are literal.
    """

    def __init__(self) -> None:
        super().__init__()
        self.after_space = True

    def chars(self, text: str | None, bold: bool) -> None:
        if not text:
            return
        text = _SPACES_RE.sub(" ", text)
        if self.after_space and text.startswith(" "):
            text = text[1:]
        if text:
            self.after_space = text.endswith(" ")
            self.add(text, bold)

    def literal(self, text: str, bold: bool) -> None:
        self.after_space = False
        self.add(text, bold)


class _Walker:
    def __init__(self, styles: _Styles):
        self.styles = styles
        self.position = 0
        self.silent = 0
        self.paragraphs: list[RawParagraph] = []
        self.anchors: dict[str, dict[str, tuple[int, int]]] = {"start": {}, "end": {}}
        self.annotations: list[etree._Element] = []
        self._keys: dict[etree._Element, str] = {}
        self.names: list[str] = []
        self.organisations: list[str] = []
        """Names a header table gives ("Naam | Griet Mertens"): never speech, redacted."""
        self.tables = 0
        """How deep the walk is inside tables that are no speaker tables."""
        self.title: str | None = None
        """The first heading's text: what the document says it is (readers/kind.py)."""

    def block(self, parent: etree._Element) -> None:
        for child in parent:
            tag = child.tag
            if tag in (P, H):
                self.paragraph(child)
            elif tag == TABLE:
                self.table(child)
            elif tag in CONTAINERS or tag in INDEX_PARTS:
                self.block(child)
            elif tag in INDEXES:
                self.silent += 1
                self.block(child)
                self.silent -= 1
            # text:tracked-changes (deleted text), sequence declarations, forms: not speech.

    def anchor(self, marks: Marks, offset: int | None = None) -> None:
        """Record comment anchors at the current position (at `offset` if given)."""
        for kind, key, at in marks:
            self.anchors[kind].setdefault(key, (self.position, at if offset is None else offset))

    def paragraph(self, p: etree._Element) -> None:
        self.position += 1
        style = p.get(STYLE_NAME)
        runs = self.runs(p, bool(self.styles.bold("paragraph", style)))
        self.anchor(runs.marks)
        if self.silent:
            return
        if p.tag == H or self.styles.heading(style):
            self.title = self.title or title_text(runs.text)
            return
        text = runs.text
        if text.strip():
            self.paragraphs.append(
                RawParagraph(text, self.position, runs.bold_prefix, in_table=self.tables > 0)
            )

    def runs(self, p: etree._Element, bold: bool = False) -> _Runs:
        runs = _Runs()
        self._inline(p, runs, bold)
        return runs

    def _inline(self, parent: etree._Element, runs: _Runs, bold: bool) -> None:
        """An element's text, then each child's content and the text after it."""
        runs.chars(parent.text, bold)
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):
                pass  # an XML comment or processing instruction: only its tail is text
            elif tag == S:
                runs.literal(" " * _count(child.get(C)), bold)
            elif tag == TAB:
                runs.literal(" ", bold)
            elif tag == LINE_BREAK:
                runs.literal("\n", bold)
            elif tag == SPAN:
                own = self.styles.bold("text", child.get(STYLE_NAME))
                self._inline(child, runs, bold if own is None else own)
            elif tag == ANNOTATION:
                runs.mark("start", self._key(child))
            elif tag == ANNOTATION_END:
                runs.mark("end", child.get(NAME) or "")
            elif tag == NOTE:
                # A footnote is not speech, but a comment in it is the researcher's: kept
                # unplaced (a memo), as Word's are.
                for inner in child.iter(ANNOTATION):
                    self._key(inner)
            elif tag in (RUBY_TEXT, NUMBER) or tag.startswith(_NOT_TEXT_NAMESPACES):
                pass  # list numbers, frames, text boxes: not speech
            else:
                self._inline(child, runs, bold)  # links, fields, bookmarks, ruby base...
            runs.chars(child.tail, bold)

    def _key(self, annotation: etree._Element) -> str:
        """A stable key per comment: a comment is met twice when a table is read twice."""
        key = self._keys.get(annotation)
        if key is None:
            key = self._keys[annotation] = str(len(self.annotations))
            self.annotations.append(annotation)
        return key

    def cell(self, tc: etree._Element) -> tuple[str, Marks]:
        """A cell's text (paragraphs stripped, joined by newlines) and its comment anchors."""
        return cell_text((runs.text, runs.marks) for runs in map(self.runs, _paragraphs(tc)))

    def table(self, table: etree._Element) -> None:
        rows = list(_rows(table))
        cells = [[self.cell(tc) for tc in _cells(tr)] for tr, _ in rows]
        texts = [[text for text, _ in row] for row in cells]
        turns = speaker_rows(texts, [h for _, h in rows])
        if turns is None:
            if not self.silent:
                people, organisations = field_names(texts)
                self.names += people
                self.organisations += organisations
            self.tables += 1
            for tr, _ in rows:
                for tc in tr:
                    if tc.tag == CELL or tc.tag == COVERED:
                        self.block(tc)
            self.tables -= 1
            return
        for turn, row, (tr, _) in zip(turns, cells, rows, strict=True):
            self.position += 1
            for i, (_, marks) in enumerate(row):
                # Anchors in the speaker or time cell stand for the start of the speech.
                self.anchor(marks, None if i == len(row) - 1 else 0)
            if turn and (turn[0] or turn[2]) and not self.silent:
                speaker, timestamp, text = turn
                bold = self._bold_lead(list(_cells(tr))[-1]) if speaker is None else None
                self.paragraphs.append(
                    RawParagraph(text, self.position, bold, speaker=speaker, timestamp=timestamp)
                )

    def _bold_lead(self, tc: etree._Element) -> str | None:
        """The bold text a cell opens with: a label set in bold in a time | text table's text."""
        for p in _paragraphs(tc):
            runs = self.runs(p, bool(self.styles.bold("paragraph", p.get(STYLE_NAME))))
            if runs.text.strip():
                return runs.bold_prefix
        return None


def _count(value: str | None) -> int:
    try:
        return min(max(int(value or "1"), 1), MAX_SPACES)
    except ValueError:
        return 1


def _paragraphs(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and headings in block order, through lists, sections and nested tables."""
    for child in parent:
        if child.tag == P or child.tag == H:
            yield child
        elif child.tag in CONTAINERS or child.tag in _TABLE_PARTS:
            yield from _paragraphs(child)


def _rows(table: etree._Element, header: bool = False) -> Iterator[tuple[etree._Element, bool]]:
    """A table's rows, each with whether the file marks it as a header row."""
    for child in table:
        if child.tag == ROW:
            yield child, header
        elif child.tag == HEADER_ROWS:
            yield from _rows(child, True)
        elif child.tag in ROW_GROUPS:
            yield from _rows(child, header)


def _cells(row: etree._Element) -> Iterator[etree._Element]:
    """A row's cells, repeated cells as often as they repeat; merged-away cells are left out."""
    for child in row:
        if child.tag == CELL:
            for _ in range(_repeat(child.get(COLUMNS_REPEATED))):
                yield child


def _repeat(value: str | None) -> int:
    try:
        return min(max(int(value or "1"), 1), MAX_REPEAT)
    except ValueError:
        return 1


def _mimetype(zf: zipfile.ZipFile, manifest: etree._Element | None, path: Path) -> str | None:
    """The package's media type: the `mimetype` member, else the manifest's entry for "/"."""
    data = archive.member(zf, "mimetype", path, ODT)
    if data is not None:
        return data.decode("ascii", "replace").strip()
    if manifest is not None:
        for entry in manifest.iter(f"{{{_MANIFEST}}}file-entry"):
            if entry.get(f"{{{_MANIFEST}}}full-path") == "/":
                return (entry.get(f"{{{_MANIFEST}}}media-type") or "").strip()
    return None


def _check_package(zf: zipfile.ZipFile, path: Path) -> None:
    """Refuse other ODF documents, Word files renamed .odt and password-protected files."""
    data = archive.member(zf, MANIFEST, path, ODT)
    manifest = _parse_or_none(data)
    mimetype = _mimetype(zf, manifest, path)
    if mimetype is None and "word/document.xml" in zf.namelist():
        raise ODT.error("it is a Word document; save it as .odt or rename it to .docx", path)
    if mimetype and mimetype not in MIMETYPES:
        prefix = "application/vnd.oasis.opendocument."
        kind = (
            OTHER_KINDS.get(mimetype.removeprefix(prefix)) if mimetype.startswith(prefix) else None
        )
        what = kind or f"a file of type '{mimetype[:80]}'"
        raise ODT.error(f"it is {what}, not a text document", path)
    if manifest is not None:
        encrypted = next(manifest.iter(f"{{{_MANIFEST}}}encryption-data"), None) is not None
    else:
        encrypted = data is not None and b"encryption-data" in data
    if encrypted:
        raise ODT.error("it is password-protected; save a copy without a password", path)


def read(path: Path) -> RawDocument:
    with archive.open_package(path) as fh, archive.open_zip(fh, path, ODT) as zf:
        _check_package(zf, path)
        content = archive.member(zf, CONTENT, path, ODT)
        if content is None:
            raise ODT.error(f"no {CONTENT} in the archive", path)
        styles_xml = archive.member(zf, STYLES, path, ODT)
    try:
        root = etree.fromstring(content, archive.parser())
    except etree.XMLSyntaxError as exc:
        raise ODT.error(f"{CONTENT} is damaged: {exc.msg}", path) from None
    if root.tag != _o("document-content"):
        raise ODT.error(f"{CONTENT} is not OpenDocument content", path)
    body = root.find(_o("body"))
    text = body.find(_o("text")) if body is not None else None
    if text is None:
        raise ODT.error(f"{CONTENT} holds no text document", path)
    styles = _Styles()
    # A broken styles.xml is ignored: then only direct bold and text:h headings are seen.
    named = _parse_or_none(styles_xml)
    styles.add(named.find(_o("styles")) if named is not None else None)
    styles.add(root.find(_o("automatic-styles")))
    walker = _Walker(styles)
    walker.block(text)
    return RawDocument(
        walker.paragraphs,
        metadata=names_metadata(walker),
        title=walker.title,
        unit="paragraph",
        annotations=_comments(walker),
        bold_paragraphs=True,
    )


def _comments(walker: _Walker) -> list[Annotation]:
    """Every comment met in the text, in document order, with its range.

    A comment with a name closed by `office:annotation-end` covers the text in between; one
    without is a point. A reply (`loext:parent-name`, LibreOffice 7.5 and later) without a range
    of its own takes its parent's.
    """
    notes: list[Annotation] = []
    own_range: list[bool] = []
    anchors = walker.anchors
    for key, element in enumerate(walker.annotations):
        start = anchors["start"].get(str(key), (0, 0))
        name = element.get(NAME) or ""
        end = anchors["end"].get(name) if name else None
        ranged = end is not None and end >= start
        paragraphs = (walker.runs(p).text.strip() for p in _paragraphs(element))
        notes.append(
            Annotation(
                "comment",
                "\n".join(t for t in paragraphs if t),
                start,
                end if end is not None and ranged else start,
                author=_text(element.find(CREATOR)),
                date=_date(_text(element.find(DATE))),
                ref=name,
                reply_to=element.get(PARENT_NAME) or None,
            )
        )
        own_range.append(ranged)
    replies_take_parent_ranges(notes, own_range)
    return notes


def _parse_or_none(data: bytes | None) -> etree._Element | None:
    if not data:
        return None
    try:
        return etree.fromstring(data, archive.parser())
    except etree.XMLSyntaxError:
        return None


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _date(value: str) -> str | None:
    """LibreOffice writes 0000-00-00T00:00:00 for a comment whose time it does not know."""
    return value if value and not value.startswith("0000") else None

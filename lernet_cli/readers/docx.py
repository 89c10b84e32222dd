"""Word .docx transcripts, read straight from the zip with a hardened XML parser.

python-docx is not used: it is slow to import, reads parts we do not need, and does not guard
against zip bombs or entity tricks in files researchers receive from others. Only
`word/document.xml` (speech), `word/styles.xml` (which styles are headings or bold) and the comment
parts are read; headers, footers and footnotes live in other parts and never become speech.
Comments become annotations (a researcher's codes), never speech.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ..errors import TranscriptError
from ..language.plural import counted
from ..model import Annotation
from . import archive
from .archive import MAX_MEMBER_BYTES
from .labels import RawDocument, RawParagraph
from .runs import RunText
from .tables import cell_text, field_names, names_metadata, speaker_rows, title_text

DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
COMMENTS = "word/comments.xml"
COMMENTS_EXTENDED = "word/commentsExtended.xml"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
PARAGRAPH_END = 1 << 30
"""An offset past any paragraph's end: a range closed between paragraphs ends with the last one."""
NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_FALSE = frozenset({"0", "false", "off", "none"})


class _Tags:
    """Clark names of the WordprocessingML elements, for one namespace (transitional or strict)."""

    def __init__(self, ns: str):
        def w(name: str) -> str:
            return f"{{{ns}}}{name}"

        self.body, self.p, self.r, self.t, self.tbl, self.tr, self.tc = map(
            w, ("body", "p", "r", "t", "tbl", "tr", "tc")
        )
        self.tab, self.ptab, self.br, self.cr, self.nbh = map(
            w, ("tab", "ptab", "br", "cr", "noBreakHyphen")
        )
        self.rpr, self.ppr, self.b, self.val, self.rstyle, self.pstyle = map(
            w, ("rPr", "pPr", "b", "val", "rStyle", "pStyle")
        )
        self.vanish = w("vanish")
        self.outline, self.trpr, self.tblheader = map(w, ("outlineLvl", "trPr", "tblHeader"))
        self.range_start, self.range_end, self.comment_ref, self.comment = map(
            w, ("commentRangeStart", "commentRangeEnd", "commentReference", "comment")
        )
        self.id, self.author, self.date = map(w, ("id", "author", "date"))
        self.style, self.style_id, self.type, self.name = map(
            w, ("style", "styleId", "type", "name")
        )
        self.containers = frozenset(map(w, ("sdt", "sdtContent", "customXml")))
        self.sdt, self.sdtpr, self.placeholder = map(w, ("sdt", "sdtPr", "showingPlcHdr"))
        self.skip = frozenset(
            [*map(w, ("pPr", "del", "moveFrom", "sdtPr", "sdtEndPr")), f"{MC}AlternateContent"]
        )


@dataclass
class _Styles:
    headings: set[str] = field(default_factory=set)
    bold_chars: set[str] = field(default_factory=set)
    bold_paragraphs: set[str] = field(default_factory=set)
    hidden_chars: set[str] = field(default_factory=set)
    """Character styles whose text Word hides (Hidden font)."""
    placeholder_chars: set[str] = field(default_factory=set)
    """Word's Placeholder Text style (its id is in the user's language; its name is not)."""


DOCX = archive.Package("a Word .docx file", "which Word never writes", transcript=True)
_parser = archive.parser


def _not_docx(reason: str, path: Path) -> TranscriptError:
    return DOCX.error(reason, path)


def _open(fh: BinaryIO, path: Path) -> zipfile.ZipFile:
    return archive.open_zip(fh, path, DOCX, MAX_MEMBER_BYTES)


def _member(zf: zipfile.ZipFile, name: str, path: Path) -> bytes | None:
    """A part's bytes, read with a hard cap since the sizes in the zip directory can lie."""
    return archive.member(zf, name, path, DOCX, MAX_MEMBER_BYTES)


def _styles(data: bytes | None, tags: _Tags) -> _Styles:
    """Style ids that make a paragraph a heading, or text bold; a broken styles part is ignored."""
    styles = _Styles()
    if not data:
        return styles
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        return styles
    for style in root.iter(tags.style):
        sid = style.get(tags.style_id)
        if not sid:
            continue
        kind = style.get(tags.type)
        name_el = style.find(tags.name)
        name = (name_el.get(tags.val) or "").lower() if name_el is not None else ""
        outline = style.find(f"{tags.ppr}/{tags.outline}")
        if kind == "paragraph" and (
            name.startswith("heading") or name in ("title", "subtitle") or outline is not None
        ):
            styles.headings.add(sid)
            continue
        b = style.find(f"{tags.rpr}/{tags.b}")
        if b is not None and (b.get(tags.val) or "true").lower() not in _FALSE:
            (styles.bold_chars if kind == "character" else styles.bold_paragraphs).add(sid)
        if kind == "character" and name == "placeholder text":
            styles.placeholder_chars.add(sid)
        hidden = style.find(f"{tags.rpr}/{tags.vanish}")
        if kind == "character" and hidden is not None and _on(hidden, tags):
            styles.hidden_chars.add(sid)
    return styles


def placeholder_text(el: etree._Element, tags: _Tags, styles: _Styles) -> str | None:
    """The text `el` shows when it is a content control left empty (Word sets showingPlcHdr and
    puts its placeholder text, "Klik of tik om tekst in te voeren.", in the Placeholder Text
    style), else None."""
    if el.tag != tags.sdt:
        return None
    flag = el.find(f"{tags.sdtpr}/{tags.placeholder}")
    if flag is None or not _on(flag, tags):
        return None
    runs = [r for r in el.iter(tags.r) if any(t.text for t in r.iter(tags.t))]
    styled = [r.find(f"{tags.rpr}/{tags.rstyle}") for r in runs]
    if not runs or not all(
        st is not None and st.get(tags.val) in styles.placeholder_chars for st in styled
    ):
        return None  # text typed in a control whose flag a tool left on: speech
    return " ".join("".join(t.text or "" for t in el.iter(tags.t)).split())


def empty_fields(root: etree._Element, styles_xml: bytes | None) -> list[etree._Element]:
    """The content controls of a Word document's body (document.xml, parsed) left empty, which
    show their placeholder text where nothing was typed: a template's field, no text of its own."""
    tags = _Tags(etree.QName(root).namespace or NAMESPACES[0])
    styles = _styles(styles_xml, tags)
    return [el for el in root.iter(tags.sdt) if placeholder_text(el, tags, styles) is not None]


class _Walker:
    def __init__(self, tags: _Tags, styles_xml: bytes | None):
        self.tags = tags
        self.styles_xml = styles_xml
        self._styles: _Styles | None = None
        self.position = 0
        self.paragraphs: list[RawParagraph] = []
        self.anchors: dict[str, dict[str, tuple[int, int]]] = {"start": {}, "end": {}, "ref": {}}
        self.names: list[str] = []
        self.organisations: list[str] = []
        """Names a header table gives ("Naam | Griet Mertens"): never speech, redacted."""
        self.tables = 0
        """How deep the walk is inside tables that are no speaker tables."""
        self.hidden = 0
        """Words of hidden text (Word's Hidden font) left out: what Word does not show is not
        speech, and may be what a researcher hid (a name)."""
        self.placeholders: list[str] = []
        """The texts of content controls left empty, which Word shows as their placeholder
        ("Klik of tik om tekst in te voeren."): a template's field, not speech."""
        self.title: str | None = None
        """The first heading's text: not speech, but what the document says it is
        ("Interviewleidraad", "Informed consent form"; readers/kind.py)."""

    @property
    def styles(self) -> _Styles:
        """Parsed on first use: many transcripts use no styles, and styles.xml can be large."""
        if self._styles is None:
            self._styles = _styles(self.styles_xml, self.tags)
        return self._styles

    def block(self, parent: etree._Element) -> None:
        tags = self.tags
        for child in parent:
            if child.tag == tags.p:
                self.paragraph(child)
            elif child.tag == tags.tbl:
                self.table(child)
            elif child.tag in tags.containers and not self.placeholder(child):
                self.block(child)
            elif child.tag == tags.range_start:
                self.anchors["start"].setdefault(child.get(tags.id) or "", (self.position + 1, 0))
            elif child.tag == tags.range_end:
                self.anchors["end"].setdefault(
                    child.get(tags.id) or "", (self.position, PARAGRAPH_END)
                )

    def anchor(self, marks: list[tuple[str, str, int]], offset: int | None = None) -> None:
        """Record comment anchors at the current position (at `offset` if given)."""
        for kind, cid, at in marks:
            self.anchors[kind].setdefault(cid, (self.position, at if offset is None else offset))

    def paragraph(self, p: etree._Element) -> None:
        self.position += 1
        style = p.find(f"{self.tags.ppr}/{self.tags.pstyle}")
        style_id = style.get(self.tags.val) if style is not None else None
        runs = self.runs(p, bool(style_id) and style_id in self.styles.bold_paragraphs)
        self.anchor(runs.marks)
        if (style_id and style_id in self.styles.headings) or p.find(
            f"{self.tags.ppr}/{self.tags.outline}"
        ) is not None:
            self.title = self.title or title_text(runs.text)
            return
        text = runs.text
        if text.strip():
            self.paragraphs.append(
                RawParagraph(text, self.position, runs.bold_prefix, in_table=self.tables > 0)
            )

    def runs(self, p: etree._Element, default_bold: bool = False) -> RunText:
        runs = RunText()
        self._inline(p, runs, default_bold)
        return runs

    def _inline(self, parent: etree._Element, runs: RunText, default_bold: bool) -> None:
        tags = self.tags
        for child in parent:
            tag = child.tag
            if tag == tags.r:
                self._run(child, runs, default_bold)
            elif tag == tags.range_start:
                runs.mark("start", child.get(tags.id) or "")
            elif tag == tags.range_end:
                runs.mark("end", child.get(tags.id) or "")
            elif isinstance(tag, str) and tag not in tags.skip and not self.placeholder(child):
                self._inline(child, runs, default_bold)

    def _run(self, r: etree._Element, runs: RunText, bold: bool) -> None:
        tags = self.tags
        pieces: list[str] = []
        hidden = False
        for child in r:
            tag = child.tag
            if tag == tags.t:
                pieces.append(child.text or "")
            elif tag == tags.tab or tag == tags.ptab:
                pieces.append(" ")
            elif tag == tags.br or tag == tags.cr:
                pieces.append("\n")
            elif tag == tags.nbh:
                pieces.append("-")
            elif tag == tags.rpr:
                bold = self._bold(child, bold)
                hidden = self._hidden(child)
            elif tag == tags.comment_ref:
                runs.mark("ref", child.get(tags.id) or "")
        if pieces and hidden:
            self.hidden += len("".join(pieces).split())
        elif pieces:
            runs.add("".join(pieces), bold)

    def _hidden(self, rpr: etree._Element) -> bool:
        vanish = rpr.find(self.tags.vanish)
        if vanish is not None:
            return _on(vanish, self.tags)
        style = rpr.find(self.tags.rstyle)
        return style is not None and style.get(self.tags.val) in self.styles.hidden_chars

    def _bold(self, rpr: etree._Element, default: bool) -> bool:
        b = rpr.find(self.tags.b)
        if b is not None:
            return (b.get(self.tags.val) or "true").lower() not in _FALSE
        style = rpr.find(self.tags.rstyle)
        if style is not None and style.get(self.tags.val) in self.styles.bold_chars:
            return True
        return default

    def _children(self, parent: etree._Element, tag: str) -> list[etree._Element]:
        found: list[etree._Element] = []
        for child in parent:
            if child.tag == tag:
                found.append(child)
            elif child.tag in self.tags.containers and not self.placeholder(child):
                found.extend(self._children(child, tag))
        return found

    def placeholder(self, el: etree._Element) -> bool:
        """Whether `el` is a content control left empty, showing its placeholder text (see
        `placeholder_text`); its text is noted."""
        if el.tag != self.tags.sdt:
            return False
        said = placeholder_text(el, self.tags, self.styles)
        if said is None:
            return False
        if said not in self.placeholders:
            self.placeholders.append(said)
        return True

    def cell(self, tc: etree._Element) -> tuple[str, list[tuple[str, str, int]], str | None]:
        """A cell's text (paragraphs stripped, joined by newlines), its comment anchors and the
        bold text it opens with (a label set in bold, in a time | text table's text)."""
        paragraphs = [p for p in tc.iter(self.tags.p) if not self._in_placeholder(p, tc)]
        read = list(map(self.runs, paragraphs))
        lead = next((runs.bold_prefix for runs in read if runs.text.strip()), None)
        return (*cell_text((runs.text, runs.marks) for runs in read), lead)

    def _in_placeholder(self, el: etree._Element, top: etree._Element) -> bool:
        parent = el.getparent()
        while parent is not None and parent is not top:
            if parent.tag == self.tags.sdt and self.placeholder(parent):
                return True
            parent = parent.getparent()
        return False

    def table(self, tbl: etree._Element) -> None:
        tags = self.tags
        rows = self._children(tbl, tags.tr)
        cells = [[self.cell(tc) for tc in self._children(tr, tags.tc)] for tr in rows]
        marked = [tr.find(f"{tags.trpr}/{tags.tblheader}") is not None for tr in rows]
        texts = [[text for text, _, _ in row] for row in cells]
        turns = speaker_rows(texts, marked)
        if turns is None:
            people, organisations = field_names(texts)
            self.names += people
            self.organisations += organisations
            self.tables += 1
            for tr in rows:
                for tc in self._children(tr, tags.tc):
                    self.block(tc)
            self.tables -= 1
            return
        for turn, row in zip(turns, cells, strict=True):
            self.position += 1
            for i, (_, marks, _) in enumerate(row):
                # Anchors in the speaker or time cell stand for the start of the speech.
                self.anchor(marks, None if i == len(row) - 1 else 0)
            if turn and (turn[0] or turn[2]):
                speaker, timestamp, text = turn
                bold = row[-1][2] if speaker is None else None
                self.paragraphs.append(
                    RawParagraph(text, self.position, bold, speaker=speaker, timestamp=timestamp)
                )


def read(path: Path) -> RawDocument:
    with archive.open_package(path) as fh, _open(fh, path) as zf:
        document = _member(zf, DOCUMENT, path)
        if document is None:
            raise _not_docx(f"no {DOCUMENT} in the archive", path)
        styles_xml = _member(zf, STYLES, path)
        comments_xml = _member(zf, COMMENTS, path)
        extended_xml = _member(zf, COMMENTS_EXTENDED, path) if comments_xml else None
        pictures = any(name.startswith("word/media/") for name in zf.namelist())
    try:
        root = etree.fromstring(document, _parser())
    except etree.XMLSyntaxError as exc:
        raise _not_docx(f"{DOCUMENT} is damaged: {exc.msg}", path) from None
    ns = etree.QName(root).namespace
    if ns not in NAMESPACES:
        raise _not_docx(f"{DOCUMENT} is not WordprocessingML", path)
    tags = _Tags(ns)
    body = root.find(tags.body)
    walker = _Walker(tags, styles_xml)
    if body is not None:
        walker.block(body)
    if pictures and not any(p.text.strip() for p in walker.paragraphs):
        raise TranscriptError(
            "no text, only pictures (a scanned interview?): lernet reads text; type it out, or "
            "run text recognition (OCR) on the scan and save the text as .docx",
            path,
        )
    notes = _comments(comments_xml, extended_xml, walker, path) if comments_xml else []
    hidden = (
        [
            f"{counted(walker.hidden, 'word')} of hidden text (Word's Hidden font) left out: not "
            "shown in "
            "Word, so not read as speech"
        ]
        if walker.hidden
        else []
    )
    if walker.placeholders:
        hidden.append(
            "left out the placeholder text of "
            + ("a template field" if len(walker.placeholders) == 1 else "template fields")
            + " left empty ("
            + "; ".join(f"“{t}”" for t in walker.placeholders[:3])
            + "): Word shows it where nothing was typed, so it is not speech"
        )
    return RawDocument(
        walker.paragraphs,
        metadata=names_metadata(walker),
        title=walker.title,
        warnings=hidden,
        unit="paragraph",
        annotations=notes,
        bold_paragraphs=True,
    )


def _on(toggle: etree._Element, tags: _Tags) -> bool:
    """A toggle property (`<w:vanish/>`, `<w:b w:val="0"/>`) that is on."""
    return (toggle.get(tags.val) or "true").lower() not in _FALSE


def _comments(data: bytes, extended: bytes | None, walker: _Walker, path: Path) -> list[Annotation]:
    """Every comment with its anchor; a reply without its own range takes its parent's."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise _not_docx(f"{COMMENTS} is damaged: {exc.msg}", path) from None
    tags = walker.tags
    parent_of_para: dict[str, str] = {}
    if extended:
        try:
            ext = etree.fromstring(extended, _parser())
        except etree.XMLSyntaxError:
            ext = None
        if ext is not None:
            for entry in ext.iter(f"{W15}commentEx"):
                parent = entry.get(f"{W15}paraIdParent")
                if parent:
                    parent_of_para[entry.get(f"{W15}paraId") or ""] = parent
    comment_of_para: dict[str, str] = {}
    notes: list[Annotation] = []
    anchors = walker.anchors
    for comment in root.iter(tags.comment):
        cid = comment.get(tags.id) or ""
        paras = list(comment.iter(tags.p))
        text = "\n".join(t for p in paras if (t := walker.runs(p).text.strip()))
        para_ids = [p.get(f"{W14}paraId") or "" for p in paras]
        for pid in para_ids:
            comment_of_para[pid] = cid
        start = anchors["start"].get(cid) or anchors["ref"].get(cid)
        end = anchors["end"].get(cid) or anchors["ref"].get(cid) or start
        note = Annotation(
            "comment",
            text,
            start or (0, 0),
            end or (0, 0),
            author=(comment.get(tags.author) or "").strip(),
            date=_date(comment.get(tags.date)),
            ref=cid,
        )
        if para_ids and para_ids[-1] in parent_of_para:
            note.reply_to = parent_of_para[para_ids[-1]]
        notes.append(note)
    by_id = {n.ref: n for n in notes}
    for note in notes:
        if note.reply_to is not None:
            note.reply_to = comment_of_para.get(note.reply_to, note.reply_to)
            parent = by_id.get(note.reply_to)
            if parent is not None and _unanchored(note, anchors):
                note.start, note.end = parent.start, parent.end
    return notes


def _unanchored(note: Annotation, anchors: dict[str, dict[str, tuple[int, int]]]) -> bool:
    return note.ref not in anchors["start"] and note.ref not in anchors["ref"]


def _date(value: str | None) -> str | None:
    """LibreOffice writes an unknown comment date as year 0 ("0-00-00T00:00:00Z")."""
    if not value or value.lstrip("0").startswith("-"):
        return None
    return value

"""Rich Text Format (.rtf) transcripts, as Word, WordPad, TextEdit, f4transkript and f5 save them.

A small parser of its own (no dependency): groups, control words and symbols, `\\'xx` bytes in
the file's code page (`\\ansicpg`, 1252 when unset, or a font's `\\fcharset`), `\\uN` with its
`\\ucN` fallback skipped. Paragraphs end at `\\par` (and a backslash before a line end, as TextEdit
writes it), `\\sect` and `\\page`; `\\line` is a line break within one. Bold (`\\b`) is kept per run
like the other readers', so bold labels and questions set in bold are seen.

Never speech: the font, colour, style, list and revision tables, document information (its
author), pictures and objects, page headers and footers (their text is kept apart for the names
in it), footnotes, fields' instructions (their result is read; a table of contents is not), list
numbers, hidden text (`\\v`), tracked deletions (`\\deleted`), headings (`\\outlinelevel`, or a
style `\\sN` the stylesheet names a heading or title; the first is the document's title), and
every group the file marks as optional (`{\\*\\...}`). A table of speakers and their speech is read
as the other readers read one (`tables.speaker_rows`); another table's cells are paragraphs.

Comments (Word's annotations) become annotations, never speech, as a .docx's do: the text
between `{\\*\\atrfstart N}` and `{\\*\\atrfend N}` is what the comment
`{\\*\\annotation{\\*\\atnref N}...}` marks; `\\atnid` and `\\atnauthor` before it name who
wrote it, `\\atndate` when, `\\atnparent` the comment it answers.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from ..errors import TranscriptError
from ..language.plural import counted
from ..model import Annotation
from ..userfiles import read_regular
from .labels import RawDocument, RawParagraph
from .marks import replies_take_parent_ranges
from .runs import RunText
from .tables import cell_text, field_names, names_metadata, speaker_rows, title_text

MAX_DEPTH = 256
"""Groups nested deeper than this are no document a word processor wrote."""
MAX_BIN = 100_000_000
"""Cap on one `\\binN` run skipped."""

SKIPPED = frozenset(
    """fonttbl colortbl stylesheet listtable listoverridetable revtbl rsidtbl filetbl info pict
    object objdata shp shpinst shptxt shprslt nonshppict shppict do footnote annotation atnid
    atnauthor atndate atnref atrfstart atrfend atnparent atnicn atntime fldinst listtext pntext
    pntxta pntxtb
    pn xe tc tcn bkmkstart bkmkend template themedata colorschememapping datastore latentstyles
    xmlnstbl generator userprops
    docvar ftnsep ftnsepc ftncn aftnsep aftnsepc aftncn upr pgdsctbl protusertbl mmathPr
    defchp defpap fchars lchars pxe txe""".split()
)
"""Destinations whose text is never speech (a `{\\*\\...}` group is skipped whatever it is)."""
PAGE_FURNITURE = frozenset("header headerl headerr headerf footer footerl footerr footerf".split())
"""Page headers and footers: no speech either, but their text is kept (`header_texts`) for the
names they give ("Vertrouwelijk: Griet Mertens"), which quotes must redact."""
NOT_SPEECH_FIELDS = frozenset({"TOC", "INDEX", "TOA", "PAGE", "NUMPAGES", "SECTIONPAGES"})
"""Fields whose result is no speech: a table of contents, an index, page numbers."""
CHARSETS = {
    77: 10000,
    128: 932,
    129: 949,
    130: 1361,
    134: 936,
    136: 950,
    161: 1253,
    162: 1254,
    163: 1258,
    177: 1255,
    178: 1256,
    186: 1257,
    204: 1251,
    222: 874,
    238: 1250,
}
"""A font's `\\fcharset` and the Windows code page of its bytes (0, 1, 2: the document's)."""
_PARAGRAPH_ENDS = frozenset({"par", "sect", "page"})
_RANGE_ENDS = frozenset({"atrfstart", "atrfend"})
"""The ends of the text a comment marks, each naming it (`\\atnref`)."""
_COMMENT_HEAD = frozenset({"atnid", "atnauthor"})
"""Who wrote the comment that follows: initials and name."""
_COMMENT_FIELDS = frozenset({"atnref", "atndate", "atnparent"})
"""Inside a comment: its name, its date and the comment it answers."""
_COMMENT_WORDS = _RANGE_ENDS | _COMMENT_HEAD | _COMMENT_FIELDS | {"annotation"}
_BREAKS_IN_A_COMMENT = frozenset({"line", "cell", "nestcell", "row"}) | _PARAGRAPH_ENDS

RTF = "an RTF file"

_HANDLED = (
    frozenset(
        """bin u uc par sect page line tab emspace enspace qmspace lquote rquote ldblquote rdblquote
        bullet endash emdash cell nestcell row b v deleted plain pard intbl outlinelevel trhdr f
        ansicpg mac pc pca deff field fldrslt fldinst fonttbl fcharset cpg""".split()
    )
    | SKIPPED
    | PAGE_FURNITURE
    | _COMMENT_WORDS
    | _BREAKS_IN_A_COMMENT
)
"""Every control word the parser acts on; any other (`\\ql`, `\\sa160`, `\\insrsid1234`, most of
what Word writes) does nothing but end a `\\*`, or count as one character of a `\\uN`'s fallback.
A paragraph's style (`\\sN`) too, unless the stylesheet names a heading or title style
(`_STYLED_TOKEN_RE`)."""


def _trie(words: list[str]) -> str:
    """An alternation of `words` factored by their first letters: `re` tries the branches of a
    plain one in turn, at every control word of the file."""
    if "" in words:
        rest = [w for w in words if w]
        return f"(?:{_trie(rest)})?" if rest else ""
    heads: dict[str, list[str]] = {}
    for word in sorted(words):
        heads.setdefault(word[0], []).append(word[1:])
    parts = [re.escape(head) + _trie(tails) for head, tails in heads.items()]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _token_re(handled: frozenset[str]) -> re.Pattern[bytes]:
    """One token: a run of control words not in `handled` (one match, however long), a
    control word, a `\\'xx` byte, a control symbol, a whole group of such words and plain text
    (Word opens a group for every run of text and restates its formatting in it), a brace (an
    opening one with the run of such words that follows it), text, or a lone backslash at the end.

    The run is possessive (`++`, `?+`): the longest, as the tokens one by one would be, and `re`
    does not go back into it to try shorter ones, which took half its time."""
    inert = (
        rb"(?:\\(?!"
        + _trie(list(handled)).encode("ascii")
        + rb"(?![a-zA-Z]))[a-zA-Z]{1,32}+(?:-?\d{1,10}+)?+ ?+)++"
    )
    return re.compile(
        rb"(?P<inert>" + inert + rb")"
        rb"|\\(?P<word>[a-zA-Z]{1,32})(?P<num>-?\d{1,10})? ?"
        rb"|\\'(?P<hex>[0-9a-fA-F]{2})"
        rb"|\\(?P<sym>[^a-zA-Z'])"
        rb"|(?P<open>\{)(?P<open_inert>" + inert + rb")?+"
        rb"(?:(?P<group_text>[^\\{}]++)?+(?P<group>\}))?+"
        rb"|(?P<close>\})"
        rb"|(?P<text>[^\\{}]+)"
        rb"|\\",
        re.S,
    )


_TOKEN_RE = _token_re(_HANDLED)
_STYLED_TOKEN_RE = _token_re(_HANDLED | {"s"})
"""The tokens of a file whose stylesheet names heading or title styles: `\\sN` acted on, one
token more in every paragraph that gives its style, which files without such styles are spared."""
_KINDS = "inert word num hex sym open open_inert group_text group close text".split()
(
    _INERT,
    _WORD_ONLY,
    _WORD_NUM,
    _HEX,
    _SYM,
    _OPEN,
    _OPEN_INERT,
    _GROUP_TEXT,
    _GROUP,
    _CLOSE,
    _TEXT,
) = (_TOKEN_RE.groupindex[name] for name in _KINDS)
"""A token's kind: its match's `lastindex` (a control word with a number: `_WORD_NUM`)."""
_SKIP_RE = re.compile(rb"[{}]|\\(?:(\*(?!\\[a-zA-Z])|bin|at[nr]|annotation)|[^a-zA-Z])")
"""Inside a group that is skipped: its braces (not `\\{`), and what must be read token by token
after all (group 1): `\\binN` (raw bytes that may hold braces), a comment's words (a comment is
read even inside a footnote), a `\\*` that no control word follows (it would make the next group
optional). Without named groups: `re` finds its first bytes faster in megabytes of hexadecimal."""


class _State:
    """What a group inherits from the one around it and restores when it closes.

    A plain class with slots, copied by hand: a group opens for every run of text in what Word
    writes, and `dataclasses.replace` was the reader's largest cost after the control words.
    """

    __slots__ = (
        "skip",
        "bold",
        "hidden",
        "deleted",
        "uc",
        "codepage",
        "dest",
        "field",
        "intbl",
        "heading",
    )

    def __init__(self, codepage: int = 1252) -> None:
        self.skip = False
        self.bold = False
        self.hidden = False
        self.deleted = False
        self.uc = 1
        self.codepage = codepage
        self.dest = ""
        """"fonttbl" or "fldinst" where a destination's words are read for the parser itself."""
        self.field: list[str] | None = None
        """The instruction of the field this group is in."""
        self.intbl = False
        self.heading = False

    def copy(self) -> _State:
        new = _State.__new__(_State)
        new.skip = self.skip
        new.bold = self.bold
        new.hidden = self.hidden
        new.deleted = self.deleted
        new.uc = self.uc
        new.codepage = self.codepage
        new.dest = self.dest
        new.field = self.field
        new.intbl = self.intbl
        new.heading = self.heading
        return new


@dataclass
class _Comment:
    key: str
    """Where its mark sits in the text (`anchors["ref"]`): the order comments came in."""
    text: str = ""
    initials: str = ""
    author: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    """`atnref`, `atndate` and `atnparent` as the file gives them."""


@dataclass
class _Capture:
    """Text read apart from the speech (a comment, its author, a range's name) and the speech's
    own buffers, put back when the group that holds it closes."""

    kind: str
    depth: int
    runs: RunText
    pending: bytearray
    pending_bold: bool


@dataclass
class _Cell:
    paragraphs: list[tuple[int, RunText]] = field(default_factory=list)


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.codepage = 1252
        self.fonts: dict[int, int] = {}
        self.font = -1
        self.default_font = -1
        self.runs = RunText()
        self.pending = bytearray()
        self.pending_bold = False
        self.skip_chars = 0
        self.position = 0
        self.paragraphs: list[RawParagraph] = []
        self.hidden = bytearray()
        """Hidden text (`\\v`) left out, its runs apart: counted in words for a warning."""
        self.star = False
        """`\\*` was just read: the destination after it is skipped unless it is read here."""
        self.cell = _Cell()
        self.row: list[_Cell] = []
        self.header_row = False
        self.rows: list[tuple[list[_Cell], bool]] = []
        self.names: list[str] = []
        self.organisations: list[str] = []
        self.header_texts: list[str] = []
        self.header_bytes = bytearray()
        """A header's `\\'xx` bytes not yet decoded: a character of a two-byte code page (932,
        936) or of UTF-8 comes as two or three of them."""
        self.header_codepage = 1252
        self.heading_styles: frozenset[int] = frozenset()
        """The paragraph styles (`\\sN`) the stylesheet names a heading or a title."""
        self.tokens = _TOKEN_RE
        self.title: str | None = None
        """The first heading's text: not speech, but what the document says it is
        ("Interviewleidraad", "Informed consent form"; readers/kind.py), as a .docx's."""
        self.depth = 0
        self.captures: list[_Capture] = []
        self.head: dict[str, str] = {}
        """The initials and name (`\\atnid`, `\\atnauthor`) of the comment that comes next."""
        self.comments: list[_Comment] = []
        self.comment_count = 0
        self.fields: dict[str, str] = {}
        """The `atnref`, `atndate` and `atnparent` of the comment being read."""
        self.anchors: dict[str, dict[str, tuple[int, int]]] = {"start": {}, "end": {}, "ref": {}}
        """Where comments' ranges start and end (by `\\atnref`) and where each comment sits (by
        `_Comment.key`): (paragraph position, offset in its text)."""

    # -- text -------------------------------------------------------------------------------
    def put_bytes(self, data: bytes, state: _State) -> None:
        if state.skip:
            return
        if b"\n" in data or b"\r" in data:
            data = data.replace(b"\r", b"").replace(b"\n", b"")  # line ends in RTF are no text
        if self.skip_chars:
            cut = min(self.skip_chars, len(data))
            self.skip_chars -= cut
            data = data[cut:]
        if not data or state.skip or state.deleted:
            return
        if state.dest == "fldinst":
            assert state.field is not None
            state.field.append(data.decode("latin-1"))
            return
        if state.dest == "header":
            if self.header_bytes and self.header_codepage != state.codepage:
                self.header_flush()
            self.header_codepage = state.codepage
            self.header_bytes += data
            return
        if state.dest:
            return
        if state.hidden:
            self.hidden += data
            return
        if self.pending and self.pending_bold != state.bold:
            self.flush(state)
        self.pending_bold = state.bold
        self.pending += data

    def put(self, text: str, state: _State) -> None:
        """Text that is already characters (`\\uN`, `\\~`, a tab): never a fallback's."""
        if state.dest == "header" and not state.skip:
            self.header_flush()
            self.header_texts[-1] += text
            return
        if state.skip or state.dest or state.deleted:
            return
        if state.hidden:
            self.hidden += text.encode("utf-8")
            return
        self.flush(state)
        self.runs.add(text, state.bold)

    def header_flush(self) -> None:
        if self.header_bytes:
            text = bytes(self.header_bytes).decode(_codec(self.header_codepage), "replace")
            self.header_bytes.clear()
            self.header_texts[-1] += text

    def flush(self, state: _State) -> None:
        if self.hidden and self.hidden[-1] != 0x20:
            self.hidden.append(0x20)
        if not self.pending:
            return
        text = bytes(self.pending).decode(_codec(state.codepage), "replace").replace("\t", " ")
        self.pending.clear()
        self.runs.add(text, self.pending_bold)

    # -- paragraphs and tables ----------------------------------------------------------------
    def anchor(self, marks: list[tuple[str, str, int]], position: int, offset: int | None) -> None:
        """Record comment anchors in paragraph `position` (at `offset` if given)."""
        for kind, key, at in marks:
            self.anchors[kind].setdefault(key, (position, at if offset is None else offset))

    def end_paragraph(self, state: _State) -> None:
        self.flush(state)
        if self.captures:
            self.runs.add("\n", False)  # a paragraph in a comment
            return
        runs, self.runs = self.runs, RunText()
        self.position += 1
        if state.intbl:
            self.cell.paragraphs.append((self.position, runs))
            return
        self.end_table()
        self.anchor(runs.marks, self.position, None)
        if state.heading:
            self.title = self.title or title_text(runs.text)
            return
        if runs.text.strip():
            self.paragraphs.append(RawParagraph(runs.text, self.position, runs.bold_prefix))

    def end_cell(self, state: _State) -> None:
        self.flush(state)
        if self.runs.text.strip() or not self.cell.paragraphs:
            self.position += 1
            self.cell.paragraphs.append((self.position, self.runs))
        else:  # a range that ends after the cell's last paragraph ends with it
            last = self.cell.paragraphs[-1][1]
            last.marks += [(kind, key, last.length) for kind, key, _ in self.runs.marks]
        self.runs = RunText()
        self.row.append(self.cell)
        self.cell = _Cell()

    def end_row(self) -> None:
        if self.row:
            self.rows.append((self.row, self.header_row))
        self.row = []
        self.header_row = False

    def end_table(self) -> None:
        """A table ends where a paragraph outside one begins, or the document ends."""
        if self.cell.paragraphs:
            self.row.append(self.cell)
            self.cell = _Cell()
        self.end_row()
        rows, self.rows = self.rows, []
        if not rows:
            return
        cells_marks = [
            [cell_text((r.text, r.marks) for _, r in cell.paragraphs) for cell in cells]
            for cells, _ in rows
        ]
        texts = [[text for text, _ in row] for row in cells_marks]
        turns = speaker_rows(texts, [header for _, header in rows])
        if turns is None:
            people, organisations = field_names(texts)
            self.names += people
            self.organisations += organisations
            for cells, _ in rows:
                for cell in cells:
                    for position, runs in cell.paragraphs:
                        self.anchor(runs.marks, position, None)
                        if runs.text.strip():
                            self.paragraphs.append(
                                RawParagraph(runs.text, position, runs.bold_prefix, in_table=True)
                            )
            return
        for turn, (cells, _), marks in zip(turns, rows, cells_marks, strict=True):
            position = cells[-1].paragraphs[0][0] if cells[-1].paragraphs else self.position
            for i, (_, cell_marks) in enumerate(marks):
                # Anchors in the speaker or time cell stand for the start of the speech.
                self.anchor(cell_marks, position, None if i == len(marks) - 1 else 0)
            if turn and (turn[0] or turn[2]):
                speaker, timestamp, text = turn
                # a label set in bold in a time | text table's text
                bold = next(
                    (r.bold_prefix for _, r in cells[-1].paragraphs if r.text.strip()), None
                )
                self.paragraphs.append(
                    RawParagraph(
                        text,
                        position,
                        bold if speaker is None else None,
                        speaker=speaker,
                        timestamp=timestamp,
                    )
                )

    # -- the parse ---------------------------------------------------------------------------
    def parse(self, data: bytes) -> bool:
        """Read the document; False when it ends before its groups close (a file cut off)."""
        stack: list[_State] = []
        state = _State()
        pos, size = 0, len(data)
        while pos < size:
            tokens = self.tokens.finditer
            # Tokens in a row until one moves the reading elsewhere (a skipped group, `\\bin`).
            for m in tokens(data, pos):
                kind = m.lastindex
                jump = 0
                if kind == _INERT:
                    if self.star or self.skip_chars:
                        jump = self.inert(m[_INERT], state, data, m.end())
                elif kind == _TEXT:
                    self.put_bytes(m[_TEXT], state)
                elif kind == _GROUP and not self.star and len(stack) < MAX_DEPTH:
                    # What its tokens one by one would do: the group changes nothing of the state.
                    self.skip_chars = 0
                    text = m[_GROUP_TEXT]
                    if (
                        text
                        and not self.pending
                        and not (state.skip or state.deleted or state.dest or state.hidden)
                        and b"\n" not in text
                        and b"\r" not in text
                    ):  # a run of speech, as `put_bytes` and `flush` would add it
                        self.pending_bold = state.bold
                        decoded = text.decode(_codec(state.codepage), "replace")
                        self.runs.add(decoded.replace("\t", " "), state.bold)
                    elif text:
                        self.put_bytes(text, state)
                    if self.pending or (self.hidden and self.hidden[-1] != 0x20):
                        self.flush(state)  # what it would do: it does nothing else
                    if not stack:
                        return True
                elif kind in (_GROUP, _OPEN, _OPEN_INERT):
                    if kind == _GROUP:  # after a `\\*` or too deep: its tokens one by one
                        jump, kind = m.start() + 1, _OPEN
                    self.skip_chars = 0
                    if len(stack) >= MAX_DEPTH:
                        raise TranscriptError(
                            f"not a document: groups nested more than {MAX_DEPTH} deep", self.path
                        )
                    stack.append(state)
                    state = state.copy()
                    self.depth = len(stack)
                    if kind == _OPEN_INERT and self.star:
                        jump = self.inert(m[_OPEN_INERT], state, data, m.end())
                elif kind == _CLOSE:
                    self.skip_chars = 0
                    if self.pending or (self.hidden and self.hidden[-1] != 0x20):
                        self.flush(state)  # what it would do: it does nothing else
                    while self.captures and self.captures[-1].depth == len(stack):
                        self.end_capture()
                    if not stack:
                        return True  # the document's group closed: what follows is no part of it
                    state = stack.pop()
                    self.depth = len(stack)
                    if not stack:
                        return True
                elif kind in (_WORD_ONLY, _WORD_NUM):
                    word = m[_WORD_ONLY].decode("ascii")
                    action = _TEXT_ACTIONS.get(word)
                    if action is None or (
                        self.star or self.skip_chars or self.captures or state.skip or state.dest
                    ):
                        jump = self.word(word, m[_WORD_NUM], state, data, m.end())
                    else:  # in the speech itself, what `word` would do, without its checks
                        action(self, word, None if kind == _WORD_ONLY else int(m[_WORD_NUM]), state)
                elif kind == _HEX:
                    self.put_bytes(bytes((int(m[_HEX], 16),)), state)
                elif kind == _SYM:
                    self.symbol(m[_SYM], state)
                if jump and jump != m.end():
                    pos = jump
                    break
            else:
                break
        self.flush(state)
        return not stack

    def inert(self, words: bytes, state: _State, data: bytes, pos: int) -> int:
        """Control words the parser does not act on, after a `\\*` or in a `\\uN`'s fallback."""
        if self.star:
            self.star = False
            if not state.skip:  # the first word names an optional destination: skipped
                self.flush(state)
                state.skip = True
                return self.skip_group(data, pos)
        elif not state.skip and state.dest != "fldinst":
            self.skip_chars = max(self.skip_chars - words.count(b"\\"), 0)
        return pos

    def skip_group(self, data: bytes, pos: int) -> int:
        """Where the group being skipped closes (its `}`), found without reading its tokens:
        the font, style and revision tables, pictures and theme data are most of what Word
        writes. `pos` itself where the group must be read token by token after all."""
        depth = 0
        for m in _SKIP_RE.finditer(data, pos):
            if m.lastindex:
                return pos
            at = m.start()
            if data[at] == 0x7B:  # {
                depth += 1
                if self.depth + depth >= MAX_DEPTH:
                    return pos
            elif data[at] == 0x7D:  # }
                if not depth:
                    return at
                depth -= 1
        return pos  # a file cut off inside the group

    def symbol(self, sym: bytes, state: _State) -> None:
        if sym == b"*":
            self.star = True
            return
        if state.skip or state.dest == "fonttbl":
            return
        if self.skip_chars:
            self.skip_chars -= 1
            return
        if sym in (b"\n", b"\r"):
            self.end_paragraph(state)
        elif sym == b"~":
            self.put("\u00a0", state)
        elif sym == b"_":
            self.put("-", state)
        elif sym in (b"\\", b"{", b"}"):
            self.put_bytes(sym, state)
        elif sym == b"\t":
            self.put(" ", state)
        # \- (an optional hyphen), \: (an index's separator), \| : no text

    def word(self, word: str, raw: bytes | None, state: _State, data: bytes, pos: int) -> int:
        """Handle a control word; return where reading goes on (after `\\binN`'s bytes)."""
        num = int(raw) if raw is not None else None
        if word == "bin":
            return pos + min(max(num or 0, 0), MAX_BIN)
        star, self.star = self.star, False
        if word in _COMMENT_WORDS and self.comment_word(word, raw, state):
            return pos
        if state.skip:
            return pos
        if self.captures and word in _BREAKS_IN_A_COMMENT:
            self.put("\n", state)
            return pos
        if word == "fldinst" and state.field is not None:
            self.flush(state)
            state.dest = "fldinst"  # read for the field's kind, though Word marks it optional
            return pos
        if word == "fonttbl":
            state.dest = "fonttbl"
            return pos
        if word == "stylesheet" and not star:
            self.flush(state)
            state.skip = True
            end = self.skip_group(data, pos)
            self.heading_styles = _heading_styles(data[pos:end])
            if self.heading_styles:
                self.tokens = _STYLED_TOKEN_RE
            return end
        if word in PAGE_FURNITURE and not star:
            self.flush(state)
            self.header_flush()
            state.dest = "header"
            self.header_texts.append("")
            return pos
        if star or word in SKIPPED:
            self.flush(state)
            state.skip = True
            return self.skip_group(data, pos)
        if state.dest == "fldinst":
            return pos
        if self.skip_chars and word != "u":
            self.skip_chars -= 1
            return pos
        if state.dest == "fonttbl":
            if word == "f" and num is not None:
                self.font = num
            elif word == "fcharset" and num is not None and num in CHARSETS:
                self.fonts[self.font] = CHARSETS[num]
            elif word == "cpg" and num:
                self.fonts[self.font] = num
            return pos
        if state.dest == "header" and word not in ("u", "uc", "f"):
            if word in _PARAGRAPH_ENDS or word in ("line", "tab", "cell"):
                self.header_flush()
                self.header_texts[-1] += "\n"
            return pos
        action = _ACTIONS.get(word)
        if action is not None:
            action(self, word, num, state)
        return pos

    # -- comments ------------------------------------------------------------------------------
    def comment_word(self, word: str, raw: bytes | None, state: _State) -> bool:
        """Begin reading a comment's part apart from the speech; False for any other word.

        A comment is read even where its text is no speech (a footnote): then it marks no text
        and becomes a memo, as a .docx's does.
        """
        kinds = [c.kind for c in self.captures]
        in_speech = not (state.skip or state.dest or kinds)
        if word == "annotation" and "annotation" not in kinds:
            key = str(self.comment_count)
            self.comment_count += 1
            self.fields = {}
            if in_speech:
                self.flush(state)
                self.runs.mark("ref", key)
        elif not (
            (word in _COMMENT_HEAD and not kinds)
            or (word in _COMMENT_FIELDS and kinds[-1:] == ["annotation"])
            or (word in _RANGE_ENDS and in_speech)
        ):
            return False
        self.flush(state)
        self.captures.append(_Capture(word, self.depth, self.runs, self.pending, self.pending_bold))
        self.runs, self.pending = RunText(), bytearray()
        state.skip = state.hidden = state.deleted = state.heading = state.intbl = False
        state.dest, state.field = "", None
        if raw is not None:
            self.put(raw.decode("ascii"), state)  # `\\atnref7`: the number is its text
        return True

    def end_capture(self) -> None:
        """The group that held a comment's part closed: its text goes where it belongs."""
        capture = self.captures.pop()
        text = _paired(self.runs.text)
        self.runs, self.pending = capture.runs, capture.pending
        self.pending_bold = capture.pending_bold
        kind = capture.kind
        if kind in _RANGE_ENDS:
            self.runs.mark("start" if kind == "atrfstart" else "end", text.strip())
        elif kind in _COMMENT_HEAD:
            self.head[kind] = " ".join(text.split())
        elif kind in _COMMENT_FIELDS:
            self.fields[kind] = text.strip()
        else:
            lines = (line.strip() for line in text.split("\n"))
            self.comments.append(
                _Comment(
                    str(self.comment_count - 1),
                    "\n".join(line for line in lines if line),
                    self.head.get("atnid", ""),
                    self.head.get("atnauthor", ""),
                    self.fields,
                )
            )
            self.head = {}

    def put_char(self, num: int, state: _State) -> None:
        if num < 0:
            num += 65536
        self.put(chr(num), state)

    # -- what a control word does in the text (`_ACTIONS`) ------------------------------------
    def on_u(self, word: str, num: int | None, state: _State) -> None:
        if num is not None:
            self.skip_chars = 0
            self.put_char(num, state)
            self.skip_chars = state.uc

    def on_uc(self, word: str, num: int | None, state: _State) -> None:
        state.uc = max(num or 0, 0)

    def on_paragraph_end(self, word: str, num: int | None, state: _State) -> None:
        self.end_paragraph(state)

    def on_line(self, word: str, num: int | None, state: _State) -> None:
        self.put("\n", state)

    def on_space(self, word: str, num: int | None, state: _State) -> None:
        self.put(" ", state)

    def on_special(self, word: str, num: int | None, state: _State) -> None:
        self.put(_SPECIAL[word], state)

    def on_cell(self, word: str, num: int | None, state: _State) -> None:
        if word == "cell" or not state.intbl:
            self.end_cell(state)
        else:
            self.end_paragraph(state)

    def on_row(self, word: str, num: int | None, state: _State) -> None:
        self.flush(state)
        self.end_row()

    def on_bold(self, word: str, num: int | None, state: _State) -> None:
        self.flush(state)
        state.bold = num != 0

    def on_hidden(self, word: str, num: int | None, state: _State) -> None:
        self.flush(state)
        state.hidden = num != 0

    def on_deleted(self, word: str, num: int | None, state: _State) -> None:
        self.flush(state)
        state.deleted = num != 0

    def on_plain(self, word: str, num: int | None, state: _State) -> None:
        self.flush(state)
        state.bold = state.hidden = state.deleted = False
        state.codepage = self.fonts.get(self.default_font, self.codepage)

    def on_pard(self, word: str, num: int | None, state: _State) -> None:
        state.intbl = state.heading = False

    def on_intbl(self, word: str, num: int | None, state: _State) -> None:
        state.intbl = True

    def on_outlinelevel(self, word: str, num: int | None, state: _State) -> None:
        state.heading = num is not None and 0 <= num < 9

    def on_style(self, word: str, num: int | None, state: _State) -> None:
        if num in self.heading_styles:
            state.heading = True

    def on_trhdr(self, word: str, num: int | None, state: _State) -> None:
        self.header_row = True

    def on_f(self, word: str, num: int | None, state: _State) -> None:
        if num is not None:
            self.flush(state)
            state.codepage = self.fonts.get(num, self.codepage)

    def on_ansicpg(self, word: str, num: int | None, state: _State) -> None:
        if num:
            self.codepage = state.codepage = num

    def on_platform(self, word: str, num: int | None, state: _State) -> None:
        self.codepage = state.codepage = {"mac": 10000, "pc": 437, "pca": 850}[word]

    def on_deff(self, word: str, num: int | None, state: _State) -> None:
        if num is not None:
            self.default_font = num

    def on_field(self, word: str, num: int | None, state: _State) -> None:
        state.field = []

    def on_fldrslt(self, word: str, num: int | None, state: _State) -> None:
        inst = "".join(state.field or []).split()
        if inst and inst[0].upper() in NOT_SPEECH_FIELDS:
            state.skip = True


_SPECIAL = {
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "bullet": "\u2022",
    "endash": "\u2013",
    "emdash": "\u2014",
}
_ACTIONS: dict[str, Callable[[_Parser, str, int | None, _State], None]] = {
    "u": _Parser.on_u,
    "uc": _Parser.on_uc,
    "line": _Parser.on_line,
    "row": _Parser.on_row,
    "b": _Parser.on_bold,
    "v": _Parser.on_hidden,
    "deleted": _Parser.on_deleted,
    "plain": _Parser.on_plain,
    "pard": _Parser.on_pard,
    "intbl": _Parser.on_intbl,
    "outlinelevel": _Parser.on_outlinelevel,
    "s": _Parser.on_style,
    "trhdr": _Parser.on_trhdr,
    "f": _Parser.on_f,
    "ansicpg": _Parser.on_ansicpg,
    "deff": _Parser.on_deff,
    "field": _Parser.on_field,
    "fldrslt": _Parser.on_fldrslt,
    **dict.fromkeys(_PARAGRAPH_ENDS, _Parser.on_paragraph_end),
    **dict.fromkeys(("tab", "emspace", "enspace", "qmspace"), _Parser.on_space),
    **dict.fromkeys(_SPECIAL, _Parser.on_special),
    **dict.fromkeys(("cell", "nestcell"), _Parser.on_cell),
    **dict.fromkeys(("mac", "pc", "pca"), _Parser.on_platform),
}
"""What a control word does in the text, where no destination, skipped group or `\\uN`'s
fallback takes it first (`_Parser.word`)."""
_TEXT_ACTIONS = {
    word: action
    for word, action in _ACTIONS.items()
    if word not in SKIPPED | PAGE_FURNITURE | _COMMENT_WORDS | {"bin", "fldinst", "fonttbl"}
}
"""The actions `_Parser.word` comes to first for a word in plain speech (no `\\*` before it, no
destination, no skipped group, no comment being read, no `\\uN` fallback left to skip)."""
_SURROGATES_RE = re.compile("[\ud800-\udfff]")
_STYLE_RE = re.compile(rb"\{\\s(\d{1,5})(?![0-9a-zA-Z])([^{}]*)\}")
"""A paragraph style in the stylesheet: its number and its control words and name."""
_STYLE_WORD_RE = re.compile(rb"\\[a-zA-Z]{1,32}(-?\d{1,10})? ?|\\'[0-9a-fA-F]{2}|\\.")
_OUTLINE_RE = re.compile(rb"\\outlinelevel([0-8])(?!\d)")
_HEADING_NAME_RE = re.compile(r"(?:heading|kop) ?\d|(?:sub|onder)?tit(?:le|el)")
"""Word's and LibreOffice's names of heading and title styles, in English and in Dutch."""


def _heading_styles(stylesheet: bytes) -> frozenset[int]:
    """The numbers of the paragraph styles that are headings or titles: named so ("heading 1",
    "Kop 2", "Title", "Titel"; Word puts other names after a comma) or given an outline level,
    as a .docx's styles are judged."""
    found = set()
    for m in _STYLE_RE.finditer(stylesheet):
        body = m[2]
        name = _STYLE_WORD_RE.sub(b"", body).decode("latin-1").strip().rstrip(";").lower()
        if _OUTLINE_RE.search(body) or any(
            _HEADING_NAME_RE.fullmatch(alias.strip()) for alias in name.split(",")
        ):
            found.add(int(m[1]))
    return frozenset(found)


@lru_cache(maxsize=64)
def _codec(codepage: int) -> str:
    """Python's codec for a Windows code page (Windows-1252 for one it does not know)."""
    name = "mac_roman" if codepage == 10000 else "utf-8" if codepage == 65001 else f"cp{codepage}"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def _what_else(data: bytes) -> str:
    """What a file named .rtf that is no RTF is, with what to do."""
    from .archive import OLE_MAGIC

    if data.startswith(OLE_MAGIC):
        return "it is an old .doc, Word 97-2003's format: open it in Word and save it as .docx"
    if data.startswith(b"PK\x03\x04"):
        return "it is a .docx or .odt file renamed .rtf: give it its own suffix again"
    return "not an RTF file (it does not start with {\\rtf)"


def read(path: Path) -> RawDocument:
    from . import max_bytes

    data = read_regular(path, TranscriptError, max_bytes(path), "a transcript")
    start = len(data) - len(data.lstrip(b"\xef\xbb\xbf \t\r\n"))
    if not data.startswith(b"{\\rtf", start):
        raise TranscriptError(_what_else(data[start:]), path)
    parser = _Parser(path)
    closed = parser.parse(data[start:])
    state = _State(codepage=parser.codepage)
    while parser.captures:  # a file cut off inside a comment
        parser.flush(state)
        parser.end_capture()
    parser.end_paragraph(state)
    parser.end_table()
    parser.header_flush()
    notes, damaged = _comments(parser)
    warnings = []
    if not closed:
        warnings.append("the file ends before its last group closes: it may be cut off")
    if hidden := len(parser.hidden.split()):
        warnings.append(
            f"{counted(hidden, 'word')} of hidden text left out: not shown in the word "
            "processor, so not read as speech"
        )
    if damaged:
        warnings.append(
            f"{counted(damaged, 'comment')} whose marked text has no start or no end in the file "
            "(damaged?): read up to where the comment sits"
        )
    for para in parser.paragraphs:
        if _SURROGATES_RE.search(para.text):
            para.text = _paired(para.text)
            if para.bold_prefix:
                para.bold_prefix = _paired(para.bold_prefix)
    metadata = names_metadata(parser)
    if texts := [t for t in (" ".join(t.split()) for t in parser.header_texts) if t]:
        metadata["header_texts"] = list(dict.fromkeys(texts))
    return RawDocument(
        parser.paragraphs,
        metadata=metadata,
        warnings=warnings,
        unit="paragraph",
        annotations=notes,
        bold_paragraphs=True,
        title=parser.title,
    )


def _comments(parser: _Parser) -> tuple[list[Annotation], int]:
    """Every comment with its range, and how many comments' ranges are damaged.

    A comment without a range is a point where it sits; one whose range lacks its end runs to
    where the comment sits, one that lacks its start is a point. A reply (`\\atnparent`) without
    a range of its own takes its parent's.
    """
    anchors = parser.anchors
    notes: list[Annotation] = []
    own_range: list[bool] = []
    damaged = 0
    for comment in parser.comments:
        name = comment.fields.get("atnref", "")
        point = anchors["ref"].get(comment.key, (0, 0))
        start = anchors["start"].get(name) if name else None
        end = anchors["end"].get(name) if name else None
        if (start, end) != (None, None) and (start is None or end is None or end < start):
            damaged += 1
            end = point if start is not None and point >= start and point != (0, 0) else None
        ranged = start is not None and end is not None
        notes.append(
            Annotation(
                "comment",
                comment.text,
                start if start is not None and ranged else point,
                end if end is not None and ranged else point,
                author=comment.author or comment.initials,
                date=_date(comment.fields.get("atndate", "")),
                ref=name,
                reply_to=comment.fields.get("atnparent") or None,
            )
        )
        own_range.append(ranged)
    replies_take_parent_ranges(notes, own_range)
    return notes, damaged


def _date(value: str) -> str | None:
    """`\\atndate`: minutes, hours, day, month, year since 1900 and weekday packed in the bits of
    one number (Word's DTTM); the clock Word showed, as a .docx's comment date is kept."""
    try:
        packed = int(value) & 0xFFFFFFFF
    except ValueError:
        return None
    minute, hour, day = packed & 0x3F, (packed >> 6) & 0x1F, (packed >> 11) & 0x1F
    month, year = (packed >> 16) & 0xF, ((packed >> 20) & 0x1FF) + 1900
    try:
        return datetime(year, month, day, hour, minute).isoformat(timespec="seconds")
    except ValueError:
        return None


def _paired(text: str) -> str:
    """Characters beyond the first 65,536 (an emoji) come as two `\\uN`: made one again."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")

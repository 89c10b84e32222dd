"""One small exception hierarchy: the CLI turns these into one-line messages and exit codes.

The library raises these for the user's mistakes (bad files, bad options); anything else is a bug
and is allowed to show a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    # U+DC80..U+DCFF is how Python keeps a byte of a file name that is not UTF-8.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """`text` as it can always be printed and encoded: the bytes of a file name that are not
    UTF-8 (which Python keeps as lone surrogates) become backslash escapes like `\\xe9`."""
    return _SURROGATE.sub(_escape_surrogate, text)


def printable(path: str | Path) -> str:
    """A path shown in one line of text: undecodable bytes and control characters (a newline in a
    file name) as backslash escapes, everything else as it is."""
    text = safe_text(str(path))
    return _CONTROL.sub(lambda m: ascii(m.group())[1:-1], text)


class LernetError(Exception):
    """A problem with the user's input or project, told in one line."""

    exit_code = 1
    also: tuple[LernetError, ...] = ()
    """More problems of the same input, each told on a line of its own after this one (the
    participants file's mistakes, all in one run)."""

    sheet: str | None = None
    """The sheet of a workbook the problem is in, whose `line` is a row: said as `FILE: sheet
    NAME, row N:` (a spreadsheet user finds a row by its number, not a line)."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        sheet: str | None = None,
    ):
        self.message = message
        self.path = printable(path) if path is not None else None
        self.line = line
        if sheet is not None:
            self.sheet = sheet
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path and self.sheet is not None:
            row = "" if self.line is None else f", row {self.line}"
            where = f"{self.path}: sheet {printable(self.sheet)}{row}: "
        elif self.path:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return f"{where}{safe_text(self.message)}"


class UsageError(LernetError):
    """A wrong option value (unknown theme, bad format...)."""

    exit_code = 2


class ProjectError(LernetError):
    """No project, or a project that cannot be read or written."""

    exit_code = 3


class CodebookError(LernetError):
    """The codebook YAML is invalid."""

    exit_code = 4


class SlowRegexError(CodebookError):
    """A `regex:` rule that takes too long on a transcript: that transcript is left out."""


class TranscriptError(LernetError):
    """A transcript cannot be read."""

    exit_code = 5


class ParticipantsError(LernetError):
    """The participants file is invalid."""

    exit_code = 6


class StoreError(LernetError):
    """The SQLite store is missing, locked too long, or damaged."""

    exit_code = 7


class NotEnoughData(LernetError):
    """Too little hand coding to learn rules from or to measure them by."""

    exit_code = 8


class NotDeclared(LernetError):
    """The codebook declares no bring/take matrix, or no phases, for the command asked."""

    exit_code = 9

"""`.srt` (SubRip subtitles), with or without speaker prefixes; see `subtitles`."""

from __future__ import annotations

from pathlib import Path

from .labels import RawDocument
from .subtitles import read_srt


def read(path: Path) -> RawDocument:
    return read_srt(path)

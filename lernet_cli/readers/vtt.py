"""`.vtt` (WebVTT, as Teams and Zoom export it); see `subtitles`."""

from __future__ import annotations

from pathlib import Path

from .labels import RawDocument
from .subtitles import read_vtt


def read(path: Path) -> RawDocument:
    return read_vtt(path)

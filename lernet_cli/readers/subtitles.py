"""WebVTT (Teams, Zoom) and SubRip transcripts: timed cues, merged into speaker turns.

Speakers come from voice tags (`<v Jan de Vries>…</v>`) or a `Name: ` prefix on the cue text;
consecutive cues of one speaker become one turn that keeps the first cue's start time. Inline
tags (`[[code: text]]`, see `tags`) are read as in .txt, once the cues are merged into turns, so
a tag may run over several cues.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import TranscriptError
from .labels import RawDocument, RawParagraph
from .tags import extract_tags
from .txt import decode, read_bytes

TIMING_RE = re.compile(
    r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})(?:\s.*)?$"
)
VOICE_RE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
TAG_RE = re.compile(r"</?[^>]*>")
PREFIX_RE = re.compile(r"^([A-ZÀ-Ý][\w .'’()\-]{0,38}?):\s+(\S.*)$")


def _clock(stamp: str) -> str:
    """00:01:02.500 or 01:02,500 -> 00:01:02."""
    parts = re.split(r"[.,]", stamp)[0].split(":")
    parts = ["0"] * (3 - len(parts)) + parts
    return ":".join(f"{int(p):02d}" for p in parts)


def _cues(lines: list[str], path: Path, start: int) -> list[tuple[int, str, list[str]]]:
    """(line number, start time, text lines) of each cue; a broken timing line is an error."""
    cues = []
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        block_start = i
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i].rstrip())
            i += 1
        head = block[0].strip()
        if head.startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = next((k for k, b in enumerate(block[:2]) if "-->" in b), None)
        if timing_at is None:
            raise TranscriptError(
                "expected a cue timing line like 00:00:01.000 --> 00:00:04.000",
                path,
                block_start + 1,
            )
        m = TIMING_RE.match(block[timing_at])
        if m is None:
            raise TranscriptError(
                f"cannot read the cue timing {block[timing_at].strip()!r}",
                path,
                block_start + timing_at + 1,
            )
        cues.append((block_start + timing_at + 1, _clock(m.group(1)), block[timing_at + 1 :]))
    return cues


def _turns(cues: list[tuple[int, str, list[str]]]) -> list[RawParagraph]:
    out: list[RawParagraph] = []
    for line_no, stamp, text_lines in cues:
        raw = " ".join(text_lines)
        voice = VOICE_RE.search(raw)
        speaker = voice.group(1).strip() if voice else None
        text = " ".join(TAG_RE.sub("", raw).split())
        if speaker is None:
            m = PREFIX_RE.match(text)
            if m:
                speaker, text = m.group(1).strip(), m.group(2)
        if not text:
            continue
        if out and speaker is not None and out[-1].speaker == speaker:
            out[-1].text += " " + text
            continue
        out.append(RawParagraph(text, line_no, speaker=speaker, timestamp=stamp))
    return out


def read_vtt(path: Path) -> RawDocument:
    lines = decode(read_bytes(path), path).split("\n")
    if not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        raise TranscriptError("not a WebVTT file (the first line must be WEBVTT)", path, 1)
    paragraphs, tags = extract_tags(_turns(_cues(lines, path, 1)), path)
    return RawDocument(paragraphs, unit="line", annotations=tags)


def read_srt(path: Path) -> RawDocument:
    lines = decode(read_bytes(path), path).split("\n")
    paragraphs, tags = extract_tags(_turns(_cues(lines, path, 0)), path)
    return RawDocument(paragraphs, unit="line", annotations=tags)

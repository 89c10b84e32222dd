"""WebVTT (Teams, Zoom) and SubRip transcripts: timed cues, merged into speaker turns.

Speakers come from voice tags (`<v Jan de Vries>…</v>`) or a `Name: ` prefix on the cue text,
which Zoom writes as the participant typed their name: "bart van damme", "iPad van Hilde". Such a
prefix is read whatever its case (see `_prefix_labels` for when a colon is the speech's own);
consecutive cues of one speaker become one turn that keeps the first cue's start time. Inline
tags (`[[code: text]]`, see `tags`) are read as in .txt, once the cues are merged into turns, so
a tag may run over several cues.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import TranscriptError
from ..language.plural import counted
from .labels import RawDocument, RawParagraph
from .tags import extract_tags
from .txt import decode, read_bytes

TIMING_RE = re.compile(
    r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})(?:\s.*)?$"
)
VOICE_RE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
TAG_RE = re.compile(r"</?[^>]*>")
# "Name: ", and WhisperX's "[SPEAKER_00]: ".
PREFIX_RE = re.compile(
    r"^(?:\[(?P<bracketed>[^\W\d_][^:\[\]]{0,104}?)\]|(?P<name>[^\W\d_][^:]{0,104}?)):\s+"
    r"(?P<rest>\S.*)$"
)
_PAREN_RE = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<paren>[^()]{1,60})\))?$")
_LABEL_WORD_RE = re.compile(r"^[^\W_](?:[\w'’&/-]*[\w])?\.?$")
MAX_PREFIX_CHARS = 40
"""Of a prefix label's name; a part in brackets ("(UGent)") may add up to 60."""
MAX_PREFIX_WORDS = 6
"""Of a prefix label's name: "Jan-Willem van der Berg" or "iPhone van Jan De Smet"."""
COMMON_LABEL_CUES = 3
"""Cues a prefix made of an ordinary word ("ja", "An", "Me") must start before it is a label."""


def _prefix_shape(label: str) -> bool:
    """Whether a cue's leading text before ": " can be a speaker's name as Zoom shows it: a few
    words, no sentence punctuation ("." only after an initial or "Dr"), at most one comma
    ("Peeters, An"), an organisation in brackets allowed."""
    m = _PAREN_RE.match(label)
    if not m or len(m["name"]) > MAX_PREFIX_CHARS or m["name"].count(",") > 1:
        return False
    words = m["name"].replace(",", " ").split()
    if not 1 <= len(words) <= MAX_PREFIX_WORDS:
        return False
    return all(_LABEL_WORD_RE.match(w) and not (w.endswith(".") and len(w) > 4) for w in words)


def _ordinary(label: str) -> bool:
    """Whether a prefix holds an ordinary word of the speech ("ja", "het punt is", "Wat ik
    bedoel") rather than only names: then it is a label only where many cues share it."""
    from ..language.stopwords import STOPWORDS
    from .labels import NOT_LABELS, PARTICLES, fold, role_word
    from .labels.words import _FILLERS

    if role_word(label):
        return False
    m = _PAREN_RE.match(label)
    words = [fold(w).strip(".,") for w in (m["name"] if m else label).replace(",", " ").split()]
    content = [w for w in words if w not in PARTICLES] or words
    if content[0] in NOT_LABELS:
        return True
    return any(w in STOPWORDS or w in _FILLERS or w in NOT_LABELS for w in content)


def _prefix_labels(prefixes: list[str | None]) -> set[str]:
    """The cue prefixes (case-folded) taken as speakers.

    In a .vtt a cue's leading "Name: " is its speaker by the format's convention, so a prefix is
    read whatever its case ("bart van damme", "iPad van Hilde"), but a colon can also be the
    speech's own ("ja: dat klopt", "het punt is: ..."). The rule, judged on the whole file:
    a prefix of the right shape (`_prefix_shape`) that holds an ordinary word (`_ordinary`) is a
    label only where at least `COMMON_LABEL_CUES` cues start with it; one made of names only is a
    label where two cues share it, where it is capitalised ("Jan Peeters", as before), or where
    most cues of the file start with such a prefix (a Zoom transcript, where a participant may
    speak once).
    """
    from .labels import fold

    counts: dict[str, int] = {}
    shaped: dict[str, str] = {}
    for p in prefixes:
        if p is not None and _prefix_shape(p):
            key = fold(p)
            counts[key] = counts.get(key, 0) + 1
            shaped.setdefault(key, p)
    plain = {k for k, p in shaped.items() if not _ordinary(p)}
    named_cues = sum(counts[k] for k in plain)
    convention = named_cues * 2 >= len(prefixes) > 0
    taken = set()
    for key, label in shaped.items():
        if key not in plain:
            if counts[key] >= COMMON_LABEL_CUES:
                taken.add(key)
        elif counts[key] >= 2 or label[0].isupper() or convention:
            taken.add(key)
    return taken


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


def _prefix(m: re.Match[str]) -> str:
    return (m["name"] or m["bracketed"]).strip()


def _turns(cues: list[tuple[int, str, list[str]]]) -> list[RawParagraph]:
    from .labels import fold

    parsed = []
    for line_no, stamp, text_lines in cues:
        raw = " ".join(text_lines)
        voice = VOICE_RE.search(raw)
        speaker = voice.group(1).strip() if voice else None
        text = " ".join(TAG_RE.sub("", raw).split())
        m = PREFIX_RE.match(text) if speaker is None else None
        parsed.append((line_no, stamp, speaker, text, m))
    labels = _prefix_labels([_prefix(m) if m else None for *_, m in parsed])
    out: list[RawParagraph] = []
    for line_no, stamp, speaker, text, m in parsed:
        if m and fold(_prefix(m)) in labels:
            speaker, text = _prefix(m), m["rest"]
        if not text:
            continue
        if out and speaker is not None and out[-1].speaker == speaker:
            out[-1].text += " " + text
            continue
        out.append(RawParagraph(text, line_no, speaker=speaker, timestamp=stamp))
    return out


def _spoken(cues: list[tuple[int, str, list[str]]], path: Path) -> list[RawParagraph]:
    """The cues' turns; a file without cues, or whose cues hold no text, is an error saying so
    (a subtitle file exported before the transcript was there, or with its text left out)."""
    turns = _turns(cues)
    if not cues:
        raise TranscriptError(
            "the subtitle file has no cues (no timed text, nothing said): export the "
            "transcript again once it shows the text (as .vtt or .docx)",
            path,
        )
    if not turns:
        raise TranscriptError(
            f"the subtitle file's {counted(len(cues), 'cue')} "
            f"{'holds' if len(cues) == 1 else 'hold'} no text: export the transcript again "
            "with its text",
            path,
        )
    return turns


def read_vtt(path: Path) -> RawDocument:
    lines = decode(read_bytes(path), path).split("\n")
    if not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        raise TranscriptError("not a WebVTT file (the first line must be WEBVTT)", path, 1)
    # the header runs to the first empty line: `Kind: captions`, `Language: nl` (YouTube)
    start = 1
    while start < len(lines) and lines[start].strip() and "-->" not in lines[start]:
        start += 1
    paragraphs, tags = extract_tags(_spoken(_cues(lines, path, start), path), path)
    return RawDocument(paragraphs, unit="line", annotations=tags)


def read_srt(path: Path) -> RawDocument:
    lines = decode(read_bytes(path), path).split("\n")
    paragraphs, tags = extract_tags(_spoken(_cues(lines, path, 0), path), path)
    return RawDocument(paragraphs, unit="line", annotations=tags)

"""One line read on its own: the label it may start with, its times, and the speech after."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...language.text import fold_label as fold
from .raw import RawParagraph
from .shape import _EMPHASIS, _Shape, _shape, clean_label, role_word
from .timestamps import (
    _BRACKETED,
    _LEADING_BARE_RE,
    _LEADING_BRACKETED_RE,
    _RANGE,
    _TRAILING_BRACKETED_RE,
    _TS,
    _first_ts,
)

# A colon directly followed by a digit is a clock time ("om 10:30"), never a label's colon.
# A dash, bar or comma may stand between a label and its time ("Spreker 1 - 00:00:03", "Spreker
# 1, 00:00:03"): not the label's.
_LABEL_TS_SEP = r"(?:\s+[-–—|]|\s*,)?"
# WhisperX writes its speakers in brackets: "[SPEAKER_00]: Goedemorgen".
_COLON_LABEL_RE = re.compile(
    rf"^(?:\[(?P<bracketed>[^\W\d_][^:\[\]\n]{{0,104}}?)\]|(?P<label>[^\W\d_][^:\n]{{0,104}}?))(?:{_LABEL_TS_SEP}\s*(?P<ts>{_BRACKETED}|{_TS}))?"
    rf"\s*[:：](?!\d)\s*(?P<rest>.*)$",
    re.S,
)
# "Priya Raman   0:03" (Teams, Otter); "[Dana Whitfield] 10:02:33" (Zoom's saved captions).
_LABEL_TS_LINE_RE = re.compile(
    rf"^(?:(?P<label>[^\W\d_][^:\n]{{0,104}}?)|\[(?P<bracketed>[^\W\d_][^:\[\]\n]{{0,104}}?)\])"
    rf"{_LABEL_TS_SEP}\s+(?P<ts>{_BRACKETED}|{_RANGE})\s*$"
)
# "00:00:03<tab>Spreker 1<tab>Goedemorgen" (a service's table saved as text) and "[00:00:03]
# Speaker 1 Good morning": a service's numbered speaker before the speech, without a colon.
_NUMBERED_BEFORE_SPEECH_RE = re.compile(
    r"^(?P<label>(?:speaker|spreker|spk|sprecher|locuteur)\s*\d{1,2})"
    r"(?P<sep>[ \t]+)(?P<rest>\S.*)$",
    re.I | re.S,
)


def label_alone(text: str) -> bool:
    """Whether a line is a speaker's label with a time and nothing said after it ("Speaker 1
    00:01:12", "Jane Doe (00:01):"), as a service writes it above each turn: never a page's
    running header, however often one stands at the top of a page."""
    line = _parse(RawParagraph(text, 0))
    return (
        line is not None
        and line.shape is not None
        and not line.rest.strip()
        and bool(line.label_ts or line.ts or line.bare_ts)
    )


@dataclass
class _Line:
    para: RawParagraph
    body: str
    """Text without a leading bracketed timestamp: what is kept if no label is taken."""
    ts: str | None = None
    bare_ts: str | None = None
    after_bare: str = ""
    shape: _Shape | None = None
    rest: str = ""
    label_ts: str | None = None
    bold: bool = False
    colon: bool = False
    pre_split: bool = False

    @property
    def key(self) -> str:
        return fold(self.shape.label) if self.shape else ""


def _candidate(line: _Line, text: str, bold_prefix: str | None) -> None:
    m = _COLON_LABEL_RE.match(text)
    if m and (shape := _shape(label := m["label"] or m["bracketed"])):
        line.shape, line.rest, line.colon = shape, m["rest"].strip(), True
        line.label_ts = _first_ts(m["ts"]) if m["ts"] else None
        bp = clean_label(bold_prefix).lstrip("[") if bold_prefix else ""
        line.bold = bool(bp) and bp.startswith(clean_label(label))
        return
    if bold_prefix:
        bp = bold_prefix.strip()
        if text.startswith(bp) and (shape := _shape(bp)):
            after = text[len(bp) :].lstrip()
            line.colon = bp.rstrip(_EMPHASIS).endswith((":", "：")) or after.startswith((":", "："))
            line.shape, line.rest, line.bold = shape, after.lstrip(":：").strip(), True
            return
    # "Priya Raman   0:03" alone, or with the speech after a line break in the same paragraph.
    head, _, tail = text.partition("\n")
    m = _LABEL_TS_LINE_RE.match(head.rstrip())
    if m and (shape := _shape(m["label"] or m["bracketed"])):
        line.shape, line.rest, line.colon = shape, tail.strip(), True
        line.label_ts = _first_ts(m["ts"])
        return
    m = _NUMBERED_BEFORE_SPEECH_RE.match(text)
    if (
        m
        and ("\t" in m["sep"] or ((line.ts or line.bare_ts) and m["rest"][:1].isupper()))
        and (shape := _shape(m["label"]))
    ):
        line.shape, line.rest, line.colon = shape, m["rest"].strip(), True


def _after_label(rest: str) -> tuple[str | None, str]:
    """A timestamp in brackets right after a label ("R: (14:00) Ik zou...", "I: [00:12:31]") and
    the speech after it; a number in brackets that is no clock time ("(2019)") stays speech."""
    m = _LEADING_BRACKETED_RE.match(rest)
    if not m:
        return None, rest
    return _first_ts(m.group(0)), rest[m.end() :]


def _parse(para: RawParagraph) -> _Line | None:
    text = para.text.replace("\u00a0", " ").strip()
    if para.speaker is not None:
        ts = _first_ts(para.timestamp) if para.timestamp else None
        lead_ts, text = _after_label(text)
        line = _Line(para, text, ts=ts or lead_ts, pre_split=True, rest=text)
        speaker = clean_label(para.speaker)
        if speaker:
            m = _LABEL_TS_LINE_RE.match(speaker)
            if m:
                speaker = clean_label(m["label"] or m["bracketed"])
                line.ts = line.ts or _first_ts(m["ts"])
            line.shape = _Shape(speaker, role_word(speaker), True, False)
        return line if text or speaker else None
    if not text:
        return None
    line = _Line(para, text, ts=_first_ts(para.timestamp) if para.timestamp else None)
    m = _LEADING_BRACKETED_RE.match(text)
    if m:
        line.ts = line.ts or _first_ts(m.group(0))
        text = line.body = text[m.end() :]
    else:
        m = _LEADING_BARE_RE.match(text)
        if m:
            line.bare_ts = _first_ts(m.group(0))
            line.after_bare = text[m.end() :]
    _candidate(line, line.after_bare if line.bare_ts else text, para.bold_prefix)
    if line.shape is None and line.bare_ts:
        _candidate(line, text, para.bold_prefix)
        if line.shape:
            line.bare_ts = None
    if line.shape:
        lead_ts, line.rest = _after_label(line.rest)
        line.label_ts = line.label_ts or lead_ts
    target = line.rest if line.shape else line.body
    m = _TRAILING_BRACKETED_RE.search(target)
    if m and target[: m.start()].strip():
        trailing = _first_ts(m.group(0))
        if line.shape:
            line.rest = target[: m.start()]
            line.label_ts = line.label_ts or trailing
        else:
            line.body = target[: m.start()]
            line.ts = line.ts or trailing
    return line


def line_label(line: _Line) -> str:
    return line.shape.label if line.shape else ""

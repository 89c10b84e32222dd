"""Turn raw paragraphs into speaker turns: find labels, timestamps and who the interviewer is.

Every format reader hands over the same `RawDocument`, so label detection behaves identically for
.txt, .md and .docx. Labels are recognised per document, not per line: a label that recurs, is a
known role word, or is set in bold is trusted; a one-off "Wat ik belangrijk vind: ..." is not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import TranscriptError
from ..language.plural import counted
from ..language.text import fold_label as fold
from ..model import Annotation, Mark, Role, Transcript, Turn
from .marks import place_annotations


@dataclass
class RawParagraph:
    """One paragraph or line as a reader found it, before labels are interpreted.

    `bold_prefix` is the text of the leading bold run(s), if any. `speaker` is set when the format
    already separated the speaker (a table cell): None means "not split", "" means "no speaker".
    """

    text: str
    position: int
    bold_prefix: str | None = None
    speaker: str | None = None
    timestamp: str | None = None
    continues: bool = False
    """The line before this one broke off mid-sentence where the file was hard-wrapped (text from
    pdftotext, say): unless this line starts a turn, it is joined to that line with a space."""
    in_table: bool = False
    """A cell's paragraph, in a table that is no speaker table ("Datum | 12 maart"): never a
    question set in bold, and before the first question no speech."""


@dataclass
class RawDocument:
    """What a format reader returns: paragraphs in order, plus metadata and its own warnings."""

    paragraphs: list[RawParagraph]
    metadata: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    unit: str = "line"
    """What `position` counts, for messages: "line" or "paragraph"."""
    annotations: list[Annotation] = field(default_factory=list)
    title: str | None = None
    """The first heading, which is no speech (readers/kind.py reads what it says)."""
    bold_paragraphs: bool = False
    """The reader sees bold in every run, so a paragraph whose `bold_prefix` is its whole text is
    set wholly in bold (Word, OpenDocument): where no labels are found, bold paragraphs that
    alternate with plain ones are the interviewer's questions."""


# "0:03", "00:12:31.5", and the unpadded "0:0:3.120" of older Teams transcripts.
_TS = r"(?:\d{1,2}:\d{1,2}:\d{1,2}|\d{1,2}:\d{2})(?:[.,]\d{1,3})?"
_RANGE = rf"{_TS}(?:\s*(?:-|–|—|-->)\s*{_TS})?"
_BRACKETED = rf"\[\s*{_RANGE}\s*\]|\(\s*{_RANGE}\s*\)"
_TS_RE = re.compile(_TS)
# f4transkript's and f5's time marks, "#00:01:23-4#" or "#00:01:23#": at a paragraph's end, and
# where the typist pressed the key, at its start too ("#00:00:05# I: ...").
_F4_TIME = r"#\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,3})?#"
_LEADING_BRACKETED_RE = re.compile(rf"^(?:{_BRACKETED}|{_F4_TIME})\s*[-–—|]?\s*")
_LEADING_BARE_RE = re.compile(rf"^{_RANGE}(?=\s|$)\s*[-–—|]?\s*")
_TRAILING_BRACKETED_RE = re.compile(rf"\s*(?:{_BRACKETED})\s*$")
_ONLY_TS_RE = re.compile(rf"^(?:{_BRACKETED}|{_RANGE})$")
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
# What Teams writes where a transcription starts or stops: nobody's speech.
_TEAMS_NOTICE_RE = re.compile(r"^[^\W\d_][^\n]{0,100}? (?:started|stopped) transcription$")
# A name, "Surname, First" as Outlook and Teams write it, and a remark or organisation in brackets.
_LABEL_SHAPE_RE = re.compile(
    r"^(?P<name>[^\W\d_][\w .'’&/-]*?(?:,\s*[^\W\d_][\w .'’&/-]*?)?)\s*"
    r"(?P<paren>\([^()\n]{1,60}\))?$"
)
_ROLE_SUFFIX_RE = re.compile(r"(?:\s*\d+|\s+[a-z])$")
_EMPHASIS = "*_ \t"

MAX_LABEL_CHARS = 40
"""Of a label's name; the part in brackets may add up to 60 ("(ST MARY'S HOSPITAL NHS TRUST)")."""
MAX_LABEL_WORDS = 4
MAX_COMMA_NAME_WORDS = 3
"""Of each side of a "Surname, First" label."""

INTERVIEWER_WORDS = frozenset(
    """i int interviewer interviewers interviewster q question vraag v onderzoeker onderzoekster
    researcher moderator gespreksleider facilitator""".split()
)
PARTICIPANT_WORDS = frozenset(
    """r resp respondent respondente geinterviewde deelnemer deelneemster participant a answer
    antwoord p interviewee ondervraagde informant""".split()
)
PARTICLES = frozenset(
    "de van der den het 't ten ter te op in la le du da di dos del von zu vd v/d".split()
)
# Words that start a header line or a sentence, not a speaker ("Datum: 12 maart", "Kortom: ...").
NOT_LABELS = frozenset(
    """datum date tijd time duur duration locatie location plaats place onderwerp subject topic
    thema theme titel title project transcript transcriptie transcription bestand file opname
    recording aanwezig aanwezigen present noot note nb ps opmerking opmerkingen remark comment
    tip bron source let dus nou kortom conclusie samenvatting summary conclusion maar en want ja
    nee oke ok okay so well example bijvoorbeeld bv bijv eg zie see deel part hoofdstuk chapter
    sectie section stap step doel goal resultaat result interview gesprek nummer number code id
    naam name organisatie organisation organization functie function rol role leeftijd age
    geslacht gender http https www mailto vraagje update waarom why wat what hoe how""".split()
)
QUESTION_WORDS = frozenset(
    """wat wie waar wanneer waarom hoe welke welk hoeveel hoezo waarvoor waarmee waarover waardoor
    waaraan waarin waarop vertel beschrijf what who whom whose where when why how which tell
    describe""".split()
)
_FILLERS = frozenset(
    """en oke oké ok okay ja nee dus nou maar goed prima and so right well yes yeah great
    alright""".split()
)
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")


_DEVICES = r"(?:iPad|iPhone|Galaxy|Android|Samsung|Pixel)(?:\s+\w+)?"
_DEVICE_RE = re.compile(
    rf"^(?:{_DEVICES}\s+(?:van|of|de|from)\s+(?P<after>.+)|(?P<before>.+?)['’]s?\s+{_DEVICES})$",
    re.I,
)


def device_owner(label: str) -> str | None:
    """The person a device's name stands for, as Zoom shows a participant who did not set a
    name: "Hilde" for "iPad van Hilde", "Galaxy van Hilde" or "Hilde's iPhone"."""
    m = _DEVICE_RE.match(" ".join(label.split()))
    if not m:
        return None
    owner = (m["after"] or m["before"] or "").strip()
    return owner or None


def role_word(label: str) -> Role | None:
    """The role a label names by itself ("I", "Respondent 2", "Interviewer (Eva)"), if any."""
    m = _LABEL_SHAPE_RE.match(label)
    name, paren = (m["name"], m["paren"]) if m else (label, None)
    for part in (name, paren[1:-1] if paren else ""):
        key = _ROLE_SUFFIX_RE.sub("", fold(part).rstrip("."))
        if key in INTERVIEWER_WORDS:
            return "interviewer"
        if key in PARTICIPANT_WORDS:
            return "participant"
    return None


def _role_like(key: str) -> bool:
    from ..language.roles import NOT_NAMES

    return key in NOT_NAMES or key in INTERVIEWER_WORDS or key in PARTICIPANT_WORDS


def is_question(text: str) -> bool:
    """A turn that asks: it has a question mark or opens with a question word or a prompt."""
    if "?" in text:
        return True
    for m in _WORD_RE.finditer(text, 0, 200):
        word = m.group(0).lower()
        if word not in _FILLERS:
            return word in QUESTION_WORDS
    return False


def clean_label(label: str) -> str:
    """A label as displayed: emphasis markers, trailing colon and extra spaces removed."""
    return " ".join(label.strip(_EMPHASIS).rstrip(":：").strip(_EMPHASIS).split())


def is_timestamp(text: str) -> bool:
    """Whether a whole string is one timestamp: "00:12:31", "[0:03]", "(12:31 - 12:40)"."""
    return bool(_ONLY_TS_RE.match(text.strip()))


def looks_like_label(text: str) -> bool:
    """Whether a string could be a speaker label on its own (a table's speaker cell, say)."""
    return _shape(text) is not None


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


@dataclass(frozen=True)
class _Shape:
    label: str
    role: Role | None
    name_like: bool
    lower_simple: bool
    sentence_role: bool = False
    """A sentence-case role ("Site manager"): taken only where it recurs with a colon."""
    comma: bool = False
    """A "Surname, First" name: seen once, taken only beside other such labels."""


def _sentence_case_role(words: list[str]) -> bool:
    """A role written in sentence case, "Site manager", "Practice nurse": two or three content
    words, the first capitalised, none a function word (so "Het punt is:" is no label)."""
    from ..language.stopwords import STOPWORDS

    return (
        2 <= len(words) <= 3
        and words[0][:1].isupper()
        and all(w.isalpha() for w in words)
        and not any(fold(w) in STOPWORDS for w in words)
    )


_NAME_WORD_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.'’-])*$")


def _comma_name(name: str) -> bool:
    """Whether "COLE, Sandra" or "van Dijk, Jan-Willem" is a "Surname, First" name: both sides
    short, every word a name's ("Cole", "O'Brien", "J."), each side with a capital, and no word
    an ordinary one, so "Well, Yes" or "So, Tuesday" is none."""
    from ..language.stopwords import STOPWORDS

    for side in name.split(","):
        words = side.split()
        if not 1 <= len(words) <= MAX_COMMA_NAME_WORDS:
            return False
        capitalised = False
        for word in words:
            key = fold(word).rstrip(".")
            if key in PARTICLES:
                continue
            if not _NAME_WORD_RE.match(word) or not word[0].isupper():
                return False
            if key in STOPWORDS or key in _FILLERS or key in NOT_LABELS:
                return False
            capitalised = True
        if not capitalised:
            return False
    return True


@lru_cache(maxsize=4096)
def _shape(label: str) -> _Shape | None:
    """Whether a string could be a speaker label at all, judged on its own."""
    label = clean_label(label)
    if not label:
        return None
    m = _LABEL_SHAPE_RE.match(label)
    if not m or len(m["name"]) > MAX_LABEL_CHARS:
        return None
    if "," in m["name"]:
        if not _comma_name(m["name"]):
            return None
        return _Shape(label, role_word(label), True, False, comma=True)
    words = m["name"].split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS:
        return None
    role = role_word(label)
    if role is None and (fold(label) in NOT_LABELS or fold(words[0]).rstrip(".") in NOT_LABELS):
        return None
    name_like = words[0][0].isupper() and all(
        w[0].isupper() or w.isdigit() or len(w) == 1 or fold(w) in PARTICLES for w in words[1:]
    )
    # "Ward nurse", "Senior adviseur 2": a role spelled as in a sentence is a label like a name.
    name_like = name_like or (
        words[0][0].isupper()
        and all(w.isdigit() or len(w) == 1 or _role_like(fold(w).strip(".")) for w in words)
    )
    lower_simple = len(words) <= 2 and all(w.isalnum() and w.islower() for w in words)
    sentence_role = not name_like and _sentence_case_role(words)
    if role is None and not name_like and not lower_simple and not sentence_role:
        return None
    return _Shape(label, role, name_like, lower_simple, sentence_role)


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


def _first_ts(token: str) -> str | None:
    m = _TS_RE.search(token)
    return m.group(0) if m else None


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


def _accepted(lines: list[_Line]) -> set[int]:
    """Indices of lines whose label is taken, judged against the whole document.

    Strong evidence (a table cell, a recurring label, two different role words) is taken first. A
    label seen once is then taken only beside strong ones or on the first line, so one "Vraag: ..."
    or "Kortom: ..." in unlabelled prose does not turn everything before it into a preamble; one
    "Surname, First" label only beside other labels written so.
    """
    shaped = [(i, line, line.shape) for i, line in enumerate(lines) if line.shape]
    counts = Counter(line.key for _, line, _ in shaped)
    role_keys = {line.key for _, line, s in shaped if s.role}
    taken: set[int] = set()
    for i, line, s in shaped:
        known = s.role or s.name_like or ((s.lower_simple or s.sentence_role) and line.colon)
        if line.pre_split or (known and counts[line.key] >= 2) or (s.role and len(role_keys) > 1):
            taken.add(i)
    if not taken:
        taken |= _short_dialogue(lines)
    comma_taken = any(s.comma for i, _, s in shaped if i in taken)
    first = _after_title(lines)
    for i, line, s in shaped:
        if i in taken or not (s.role or s.name_like) or not (line.rest or line.colon):
            continue
        if s.comma and not comma_taken:
            continue
        if line.rest[:1].islower() and not (s.role and line.colon):
            continue
        if taken or i == 0 or (i == first and s.role != "interviewer"):
            taken.add(i)
    return taken


MAX_TITLE_LINES = 3
MAX_TITLE_WORDS = 10


def _after_title(lines: list[_Line]) -> int:
    """The first line after a title ("Interview Lotte Dekker, 12 maart", "Datum: 12 maart"): up
    to `MAX_TITLE_LINES` short lines without a label or a sentence's end. A label seen once there
    counts as on the first line (a transcript of one answer, a group that each spoke once), unless
    it is the interviewer's role word: one "Vraag:" under a heading of notes is speech."""
    for i, line in enumerate(lines[: MAX_TITLE_LINES + 1]):
        text = line.body.strip()
        if line.shape or line.pre_split:
            return i
        if len(text.split()) > MAX_TITLE_WORDS or text.endswith((".", "?", "!", "…")):
            return 0
    return 0


def _short_dialogue(lines: list[_Line]) -> set[int]:
    """A question and its answer under two different labels on lines next to each other, one of
    them a role word ("Interviewer: Hoe...?" then "Lotte Dekker: Ik heb..."): a short transcript
    whose labels each occur once, after a title line that keeps them off the first line."""
    for i, (one, two) in enumerate(zip(lines, lines[1:], strict=False)):
        a, b = one.shape, two.shape
        if (
            a
            and b
            and one.colon
            and two.colon
            and one.key != two.key
            and (a.role or b.role)
            and (a.role or a.name_like)
            and (b.role or b.name_like)
            and one.rest
            and two.rest
            and is_question(one.rest)
        ):
            return {i, i + 1}
    return set()


def _goes_on(current: Turn | None, turns: list[Turn], speaker: str, ts: str | None) -> bool:
    """A timed block of a service's numbered speaker ("Spreker 2 [00:01:02]", "Spreker 2
    [00:01:09]") right after one of the same speaker goes on with that turn: a service that
    cuts one answer into a block per sentence or pause still gives one turn, one segment. A
    person's labels ("R:", "Eva:") written twice in a row are two turns, as meant."""
    return (
        current is not None
        and bool(turns)
        and turns[-1] is current
        and current.speaker == speaker
        and ts is not None
        and current.timestamp is not None
        and bool(_NUMBERED_SPEAKER_RE.match(fold(speaker)))
    )


def _only_time(line: _Line) -> bool:
    return not line.pre_split and line.shape is None and bool(_ONLY_TS_RE.match(line.body))


_NUMBERED_SPEAKER_RE = re.compile(r"^(?:speaker|spreker|spk|sprecher|locuteur)[\s_]*\d{1,2}$")
"""The labels services give speakers they cannot name ("Speaker 1", "Spreker 2", "Speaker1",
WhisperX's "SPEAKER_00")."""


def _speech(line: _Line | None) -> bool:
    return (
        line is not None
        and not (line.shape or line.para.in_table or _only_time(line))
        and bool(line.body.strip())
    )


def _names_on_own_lines(lines: list[_Line]) -> None:
    """A speaker's name on a line of its own, the speech on the lines after, is a candidate
    label where a time stands beside it: before it (older Teams transcripts: "0:0:3.120 -->
    0:0:9.450", the name, the speech), on its line ("[00:00:00.00] - Speaker 1" of Happy Scribe,
    "00:00:03 Speaker 1" of Word's Transcribe) or on the line after ("Speaker 1", "00:00:03").
    Without a time only a role word or a service's "Speaker 1" is one: a line "Precies" alone
    is speech."""
    for i, line in enumerate(lines):
        if line.shape or line.pre_split or line.para.in_table:
            continue
        text = (line.after_bare if line.bare_ts else line.body).strip()
        if not text or text.endswith(".") or _ONLY_TS_RE.match(text):
            continue
        before = lines[i - 1] if i else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        timed = bool(line.ts or line.bare_ts) or (before is not None and _only_time(before))
        if after is not None and _only_time(after) and not timed:
            timed, after = True, lines[i + 2] if i + 2 < len(lines) else None
        if not _speech(after):
            continue
        shape = _shape(text)
        if shape is None or not (shape.name_like or shape.role):
            continue
        if timed or shape.role or _NUMBERED_SPEAKER_RE.match(fold(text)):
            line.shape, line.rest, line.colon = shape, "", True
            line.label_ts = line.bare_ts


_LABEL_LIKE_RE = re.compile(
    rf"^(?:(?P<label>[^\W\d_][^\n]{{0,104}}?)\s*(?:[:：](?!\d)|\s{_RANGE}\s*$)"
    rf"|\[(?P<bracketed>[^\W\d_][^\[\]\n]{{0,104}}?)\]\s*(?:[:：](?!\d)|{_RANGE}\s*$))"
)


def _unread_label(lines: list[_Line], unit: str) -> str:
    """Where nothing was taken as a label: an example of a line that looks like one (a short
    text before a colon or a time, recurring), so the reader can see what was not understood."""
    seen: dict[str, _Line] = {}
    for line in lines:
        if line.pre_split:
            continue
        head = line.para.text.replace("\u00a0", " ").strip().partition("\n")[0].rstrip()
        m = _LABEL_LIKE_RE.match(head)
        label = m and (m["label"] or m["bracketed"])
        if not label or len(label.split()) > 8:
            continue
        key = fold(label)
        if key.split()[0].strip(",.") in NOT_LABELS:  # "Datum:", "Opmerking:"
            continue
        if key in seen:
            first = seen[key]
            shown = first.para.text.strip().partition("\n")[0].strip()
            if len(shown) > 80:
                shown = shown[:79].rstrip() + "…"
            return (
                f"; {unit} {first.para.position} looks like a speaker label but was not read as "
                f"one: '{shown}'"
            )
        seen[key] = line
    return ""


_HEADER_NAME_RE = re.compile(
    r"^(?P<name>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,4})\s*"
    r"(?:\([^()]{0,60}\))?\s*(?:[.,;|]\s*(?P<more>.*))?$"
)


def _header_name(lines: list[_Line], taken: set[int]) -> tuple[int, str] | None:
    """A first line such as "Moderator: Lotte Janssens. Uitgeschreven door: Ruben": a role word
    used nowhere else as a label, followed by a person's name (capitalised words) and nothing
    or more header fields, is the file's header, not a turn. Returns its index and the name."""
    if not taken:
        return None
    first = min(taken)
    line = lines[first]
    if line.pre_split or line.shape is None or line.shape.role is None:
        return None
    if sum(1 for i in taken if lines[i].key == line.key) > 1:
        return None
    m = _HEADER_NAME_RE.match(line.rest.strip())
    if not m or (m["more"] and ":" not in m["more"]):
        return None
    words = m["name"].split()
    if not all(w[0].isupper() or fold(w) in PARTICLES for w in words) or not words[0][0].isupper():
        return None
    return first, m["name"]


def line_label(line: _Line) -> str:
    return line.shape.label if line.shape else ""


def _named_speaker(turns: list[Turn], name: str) -> str | None:
    """The one speaker whose label is this name, its first or its last word ("Lotte" for
    Lotte Janssens)."""
    words = fold(name).split()
    keys = {" ".join(words), words[0], words[-1]}
    found = [
        s
        for s in dict.fromkeys(t.speaker for t in turns)
        if s and fold(re.sub(r"\s*\(.*?\)\s*", " ", s)) in keys
    ]
    return found[0] if len(found) == 1 else None


BOLD_SPEAKERS: dict[Role, str] = {"interviewer": "Interviewer", "participant": "Respondent"}
"""The speakers of a transcript without labels whose questions are set in bold: role words, so
an export read back (REFI-QDA) gives each turn its role again."""
MIN_BOLD_QUESTIONS = 2
"""Bold paragraphs, each followed by plain ones, that make a transcript one of bold questions."""


def _wholly_bold(para: RawParagraph) -> bool:
    if para.in_table or para.speaker is not None or not para.bold_prefix:
        return False
    return para.bold_prefix.split() == para.text.replace("\u00a0", " ").split()


@dataclass
class _BoldQuestions:
    first: int
    """Index of the first question's line: the lines before it are a title or header."""
    asks: list[bool]
    """Per line: set wholly in bold (the interviewer's)."""


def _bold_questions(doc: RawDocument, lines: list[_Line]) -> _BoldQuestions | None:
    """In a transcript without labels, whole paragraphs in bold that alternate with plain ones
    (at least `MIN_BOLD_QUESTIONS` times), and half of them or more questions, are the
    interviewer's: the plain paragraphs after each are the answer. Bold section headings
    ("Achtergrond", "Samenwerking") ask nothing, so a document of them is left as it was."""
    if not doc.bold_paragraphs or any(line.pre_split for line in lines):
        return None
    asks = [_wholly_bold(line.para) for line in lines]
    if True not in asks:
        return None
    first = asks.index(True)
    runs: list[list[int]] = []  # indices of consecutive bold lines, from the first on
    answered = 0
    for i in range(first, len(lines)):
        if asks[i] and not (i > first and asks[i - 1]):
            runs.append([])
        if asks[i]:
            runs[-1].append(i)
        elif asks[i - 1]:
            answered += 1
    if answered < MIN_BOLD_QUESTIONS:
        return None
    questions = [any(is_question(lines[i].body) for i in run) for run in runs]
    if 2 * sum(questions) < len(runs):
        return None
    # A bold title just above the first question ("Interview 3 - 20 maart") is no question.
    opening = next((i for i in runs[0] if is_question(lines[i].body)), runs[0][0])
    return _BoldQuestions(opening, asks)


_WEB_ADDRESS_RE = re.compile(
    r"(?:https?://|www\.)\S+|\b[^\W_][\w-]*(?:\.[\w-]+)*\.[a-z]{2,}\b(?:/\S*)?", re.I
)
_TOOL_WORDS_RE = re.compile(
    r"transcri|transkri|\b(?:generated|powered|created|made)\s+(?:by|with)\b|"
    r"\bgegenereerd\s+(?:door|met)\b|\buitgeschreven\s+(?:door|met)\b",
    re.I,
)
MAX_FOOTER_WORDS = 10


def tool_footer(text: str) -> bool:
    """Whether a line is a transcription service's footer ("Transcribed by https://otter.ai"):
    short, naming a web address and what the service did."""
    words = text.split()
    return (
        0 < len(words) <= MAX_FOOTER_WORDS
        and bool(_WEB_ADDRESS_RE.search(text))
        and bool(_TOOL_WORDS_RE.search(text))
    )


def _drop_tool_footer(lines: list[_Line], unit: str) -> str | None:
    """The file's closing line when it is a tool's footer and no labelled turn: removed from
    `lines`; returns the note that says so."""
    if not lines:
        return None
    last = lines[-1]
    if last.pre_split or last.shape is not None or not tool_footer(last.body):
        return None
    lines.pop()
    shown = " ".join(last.body.split())
    return f"{unit} {last.para.position} ('{shown}') is a transcription tool's footer, not speech"


_PAGE_RE = re.compile(
    r"(?:^|\s)(?:page|pagina|blz\.?|pag\.?)\s*\d{1,4}\s*(?:of|van|/)\s*\d{1,4}$", re.I
)
MAX_PAGE_LINE_WORDS = 12


def _drop_page_lines(lines: list[_Line], unit: str) -> str | None:
    """Lines a service or a conversion from PDF leaves between the speech: a page's number
    ("Page 2 of 3", "Interview 04 (Completed 03/14/24)  Pagina 2 van 5") and the service's name
    ("Transcript by Rev.com"), at each page break. Removed from `lines`; returns the note that
    says so."""
    dropped = [
        line
        for line in lines
        if not (line.pre_split or line.shape or line.para.in_table)
        and len(line.body.split()) <= MAX_PAGE_LINE_WORDS
        and (_PAGE_RE.search(line.body.strip()) or tool_footer(line.body))
    ]
    if not dropped:
        return None
    lines[:] = [line for line in lines if line not in dropped]
    shown = " ".join(dropped[0].body.split())
    first = dropped[0].para.position
    if len(dropped) == 1:
        return (
            f"{unit} {first} ('{shown}') is a page number or the transcription service's name, "
            "not speech"
        )
    return (
        f"{len(dropped)} {unit}s (the first {unit} {first}: '{shown}') are page numbers or the "
        "transcription service's name, not speech"
    )


MAX_ADVERT_WORDS = 40


def _drop_repeated_adverts(lines: list[_Line], unit: str) -> str | None:
    """A paragraph a service repeats in the body to advertise itself ("Zet je audio om in tekst
    met Sonix…"): no label, naming what a transcription service does, and word for word the
    same two times or more. Removed from `lines`; returns the note that says so. Speech that says
    the same sentence twice does not name a transcription service."""

    def eligible(line: _Line) -> bool:
        return (
            not (line.pre_split or line.shape or line.para.in_table)
            and 0 < len(line.body.split()) <= MAX_ADVERT_WORDS
            and bool(_TOOL_WORDS_RE.search(line.body))
        )

    seen: dict[str, int] = {}
    for line in lines:
        if eligible(line):
            key = " ".join(line.body.split()).casefold()
            seen[key] = seen.get(key, 0) + 1
    repeated = {k for k, n in seen.items() if n >= 2}
    if not repeated:
        return None
    dropped = [
        line
        for line in lines
        if eligible(line) and " ".join(line.body.split()).casefold() in repeated
    ]
    lines[:] = [line for line in lines if line not in dropped]
    shown = " ".join(dropped[0].body.split())
    return (
        f"{len(dropped)} {unit}s repeating a transcription service's own text (the first "
        f"{unit} {dropped[0].para.position}: '{shown}') are not speech"
    )


def _span(positions: list[int], unit: str) -> str:
    if len(positions) == 1:
        return f"{unit} {positions[0]}"
    return f"{unit}s {positions[0]}–{positions[-1]}"


def build_transcript(
    doc: RawDocument, path: str | Path, interviewer: Sequence[str] | None = None
) -> Transcript:
    """Interpret a reader's paragraphs as turns with speakers, roles and timestamps."""
    lines = [line for p in doc.paragraphs if (line := _parse(p))]
    footer = _drop_tool_footer(lines, doc.unit)
    pages = _drop_page_lines(lines, doc.unit)
    adverts = _drop_repeated_adverts(lines, doc.unit)
    if not any(line.body.strip() or line.shape for line in lines):
        raise TranscriptError("empty transcript", path)
    _names_on_own_lines(lines)
    taken = _accepted(lines)
    header = _header_name(lines, taken)
    if header is not None:
        taken.discard(header[0])
    bold = None if taken else _bold_questions(doc, lines)
    strip_bare = sum(1 for line in lines if line.bare_ts) >= 2
    punctuated = not taken and bold is None and _punctuated(lines)
    warnings = list(doc.warnings) + [note for note in (footer, pages, adverts) if note]
    turns: list[Turn] = []
    display: dict[str, str] = {}
    preamble: list[int] = []
    current: Turn | None = None
    pending_ts: str | None = None
    joined: Turn | None = None
    """The turn the line before went into: the one a hard-wrapped line continues."""
    timed: Turn | None = None
    """The line before was a timestamp alone ("00:00:21"), after a line that went into this
    turn: where the speech recognition cut a speaker's sentence at it, the line after goes on
    with that sentence."""

    for i, line in enumerate(lines):
        pos = line.para.position
        into, joined = joined, None
        after_time, timed = timed, None
        if i in taken and line.shape:
            speaker = display.setdefault(line.key, line.shape.label)
            ts = line.ts or line.label_ts or line.bare_ts or pending_ts
            if _goes_on(current, turns, speaker, ts):
                assert current is not None
                if line.rest:
                    offset = len(current.text) + 1 if current.text else 0
                    _source(current, line.para, line.rest, offset)
                    current.text = f"{current.text}\n{line.rest}" if current.text else line.rest
                pending_ts = None
                joined = current if line.rest else None
                continue
            current = Turn(speaker, line.rest, timestamp=ts, position=pos)
            _source(current, line.para, line.rest, 0)
            turns.append(current)
            pending_ts = None
            joined = current if line.rest else None
            continue
        if line.pre_split:
            text, ts = line.rest, line.ts
        elif strip_bare and line.bare_ts:
            text, ts = line.after_bare.strip(), line.bare_ts
        else:
            text, ts = line.body.strip(), line.ts
        if _ONLY_TS_RE.match(text):
            text, ts = "", _first_ts(text)
        if _TEAMS_NOTICE_RE.match(text):
            continue
        if not text:
            if ts and current is not None and current is turns[-1] and not current.text:
                # "Speaker 1" / "00:00:03" / the speech: the time of the turn just begun
                current.timestamp = current.timestamp or ts
                continue
            pending_ts = ts or pending_ts
            timed = (into or after_time) if ts else after_time
            continue
        if line.para.continues and into is not None and not ts:
            _join(into, line.para, text)
            joined = into
        elif bold is not None:
            if i < bold.first:
                preamble.append(pos)
                continue
            role: Role = "interviewer" if bold.asks[i] else "participant"
            if current is not None and current.role == role:
                _source(current, line.para, text, len(current.text) + 1)
                current.text = f"{current.text}\n{text}"
                current.timestamp = current.timestamp or ts
            else:
                current = Turn(BOLD_SPEAKERS[role], text, role, ts or pending_ts, pos)
                _source(current, line.para, text, 0)
                turns.append(current)
                pending_ts = None
            joined = current
        elif punctuated and into is not None and _runs_on(into.text) and text[:1].islower():
            # Speech recognition without speakers (Whisper) cuts its lines mid-sentence: "Kunt u
            # iets vertellen over hoe u" / "bij het netwerk kwam?" is one question, one turn
            _join(into, line.para, text)
            into.timestamp = into.timestamp or ts or pending_ts
            pending_ts = None
            joined = into
        elif not taken:
            turn = Turn("", text, timestamp=ts or pending_ts, position=pos)
            _source(turn, line.para, text, 0)
            turns.append(turn)
            pending_ts = None
            joined = turn
        elif current is None:
            preamble.append(pos)
        elif after_time is current and not ts and _runs_on(current.text):
            # "…we posted the RN job three times and" / 00:00:21 / "nobody applied…": one
            # sentence of one turn, as a quote must show it
            _join(current, line.para, text)
            current.timestamp = current.timestamp or ts or pending_ts
            pending_ts = None
            joined = current
        else:
            offset = len(current.text) + 1 if current.text else 0
            _source(current, line.para, text, offset)
            current.text = f"{current.text}\n{text}" if current.text else text
            current.timestamp = current.timestamp or ts
            joined = current

    turns = [t for t in turns if t.text.strip()]
    for turn in turns:
        _drop_inline_times(turn)
    turns = [t for t in turns if t.text.strip()]  # a paragraph of only an f4 time mark
    marks, unplaced = place_annotations(turns, doc.annotations)
    if bold is not None:
        note = (
            "no speaker labels: questions in bold read as the interviewer's, the rest as the "
            "participant's"
        )
        if preamble:
            note += f"; {_span(preamble, doc.unit)} before the first question not taken as speech"
        warnings.append(note)
        labels = (
            [BOLD_SPEAKERS["interviewer"]] if any(t.role == "interviewer" for t in turns) else []
        )
        return _transcript(doc, path, turns, warnings, labels, marks, unplaced, "bold")
    if not taken and (asked := _asking_turns(turns)):
        for turn, asks in zip(turns, asked, strict=True):
            turn.role = "interviewer" if asks else "participant"
            turn.speaker = BOLD_SPEAKERS[turn.role]
        first = next(t for t, asks in zip(turns, asked, strict=True) if asks)
        shown = " ".join(first.text.split())
        shown = shown if len(shown) <= 60 else shown[:59].rstrip() + "…"
        warnings.append(
            f"no speaker labels: the {sum(asked)} of {len(turns)} turns that ask a question "
            f"(the first at {doc.unit} {first.position}: '{shown}') read as the interviewer's, "
            "the rest as the participant's; where that is wrong, start the turns with labels "
            "such as 'I:' and 'R:' (lernet speakers FILE shows the turns of each)"
        )
        labels = [BOLD_SPEAKERS["interviewer"]]
        return _transcript(doc, path, turns, warnings, labels, marks, unplaced, "questions")
    if not taken:
        bolded = " or set each question in bold" if doc.bold_paragraphs else ""
        warnings.append(
            "no speaker labels found: all text taken as participant speech"
            + _unread_label(lines, doc.unit)
            + "; to tell the interviewer's turns apart, start each turn with a label such as "
            + f"'I:' or 'R:'{bolded}"
        )
        return _transcript(doc, path, turns, warnings, [], marks, unplaced, "none")
    from_header = False
    if header is not None:
        head = lines[header[0]]
        preamble = [p for p in preamble if p != head.para.position]
        said = f"{doc.unit} {head.para.position} ('{line_label(head)}: {header[1]}')"
        named = _named_speaker(turns, header[1])
        if interviewer is None and named and head.shape and head.shape.role == "interviewer":
            interviewer, from_header = [named], True
            warnings.append(
                f"{said} read as the header, not a turn: took '{named}' as the interviewer"
            )
        else:
            warnings.append(f"{said} read as the header, not a turn")
    if preamble:
        warnings.append(
            f"skipped {counted(len(preamble), 'paragraph')} before the first speaker label "
            f"({_span(preamble, doc.unit)}): not taken as speech"
        )
    if interviewer is None or from_header:
        interviewer = interviewer or _metadata_interviewer(doc.metadata)
        labels = _assign_roles(turns, interviewer, warnings, explicit=False)
    else:
        labels = _assign_roles(turns, interviewer, warnings, explicit=True)
    if turns and all(t.role == "interviewer" for t in turns):
        warnings.append("all turns are the interviewer's: no participant speech in this transcript")
    return _transcript(doc, path, turns, warnings, labels, marks, unplaced, "labels")


def _transcript(
    doc: RawDocument,
    path: str | Path,
    turns: list[Turn],
    warnings: list[str],
    labels: list[str],
    marks: list[Mark],
    unplaced: list[Annotation],
    speakers_from: str,
) -> Transcript:
    return Transcript(
        str(path),
        turns,
        dict(doc.metadata),
        warnings,
        labels,
        marks,
        unplaced,
        title=doc.title,
        speakers_from=speakers_from,
    )


def assign_roles(
    turns: list[Turn], interviewer: Sequence[str] | None
) -> tuple[list[str], list[str]]:
    """Roles of turns read before, as `build_transcript` gives them: `interviewer` lists the
    interviewer's labels (None: the usual role words, else the speaker who asks most). Returns the
    labels taken as the interviewer's and the warnings; turns without speakers are participants'."""
    warnings: list[str] = []
    for t in turns:
        t.role = "participant"
    labelled = [t for t in turns if t.speaker]
    if not labelled:
        return [], warnings
    labels = _assign_roles(labelled, interviewer, warnings, explicit=interviewer is not None)
    return labels, warnings


_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’»)\]*]*$")


def _punctuated(lines: list[_Line]) -> bool:
    """Whether a text's lines are written in sentences (a third of them or more end one), so
    that a line that does not end one breaks a sentence off; captions without punctuation
    ("so um can you tell me") end none, and each line is a turn of its own."""
    said = [line.body.rstrip() for line in lines if line.body.strip()]
    return bool(said) and 3 * sum(1 for t in said if _SENTENCE_END_RE.search(t)) >= len(said)


def _runs_on(text: str) -> bool:
    """Whether a turn's text so far breaks off mid-sentence (no . ! ? … : ; at its end)."""
    return bool(text.strip()) and not _SENTENCE_END_RE.search(text.rstrip())


_ASKING_FILLERS = _FILLERS | frozenset(
    """um uh uhm uhh er erm hm hmm mm euh eh ehm uhu oh ah okay okey oke dan then now nu also
    alright great thanks""".split()
)
_ASKING_VERBS = frozenset(
    """can could do does did is are was were have has had would will should may might kan kun
    kunt kon konden doe doet deed heb hebt heeft had hadden is zijn was waren wil wilt zou zouden
    ben bent speelt merk merkt zie ziet vind vindt ken kent weet weten gaat gaan werkt werken
    herkent herken""".split()
)
_ASKING_SUBJECTS = frozenset(
    """you u je jij jullie there er it het that dat we wij they ze zij he hij she anyone
    anything iemand iets""".split()
)
MIN_ASKING_TURNS = 3
"""Questions, each answered by a turn that asks nothing, that make a transcript without labels
one of questions and answers."""


def asks(text: str) -> bool:
    """A turn that asks, also as speech recognition writes it, without a question mark: "so um
    can you tell me…", "okay and what about…", "is there anything…", "anything else…" (a
    question word, or a verb before "you", "there", "it", after any fillers)."""
    if "?" in text:
        return True
    words = [m.group(0).lower() for m in _WORD_RE.finditer(text, 0, 200)]
    while words and words[0] in _ASKING_FILLERS:
        words.pop(0)
    if not words:
        return False
    if words[0] in QUESTION_WORDS or words[:2] in (["anything", "else"], ["nog", "iets"]):
        return True
    return len(words) > 1 and words[0] in _ASKING_VERBS and words[1] in _ASKING_SUBJECTS


def _asking_turns(turns: list[Turn]) -> list[bool] | None:
    """In a transcript without any labels (an .srt or .txt from speech recognition): which turns
    are the interviewer's questions, when questions and answers take turns: at least
    `MIN_ASKING_TURNS` turns that ask, each followed by one that does not, and none of two
    questions in a row making up most of them; else None (all the participant's)."""
    if len(turns) < 2 * MIN_ASKING_TURNS:
        return None
    asked = [asks(t.text) for t in turns]
    answered = sum(1 for a, b in zip(asked, asked[1:], strict=False) if a and not b)
    in_a_row = sum(1 for a, b in zip(asked, asked[1:], strict=False) if a and b)
    if answered < MIN_ASKING_TURNS or in_a_row * 2 > answered or sum(asked) * 2 > len(turns):
        return None
    return asked


def _join(turn: Turn, para: RawParagraph, text: str) -> None:
    """Add a hard-wrapped line to the running text of the line before: after a space, or right
    after a word broken at a hyphen ("plas-" + "dras"), and without the hyphen where a reader
    marked it as only the line's break, a soft hyphen ("samen\u00ad" + "werking": a PDF's)."""
    if turn.text.endswith("\u00ad"):
        turn.text, glue = turn.text[:-1], ""
    else:
        glue = "" if re.search(r"[^\W\d_]-$", turn.text) and text[:1].islower() else " "
    _source(turn, para, text, len(turn.text) + len(glue))
    turn.text = f"{turn.text}{glue}{text}"


# "kennis [00:00:15] met", "goed. (00:00:21) Dat": a time in brackets inside the speech.
_INLINE_TIME_RE = re.compile(rf"[ \t]+(?:{_BRACKETED})(?=[\s,.;:!?…]|$)")
_NOTE_WORDS = (
    r"(?:onverstaanbaar|onhoorbaar|onduidelijk|inaudible|unintelligible|indistinct|unclear"
    r"|crosstalk|cross-talk|overlap\w*|door elkaar|lacht|lachen|gelach|laughs?|laughing|laughter"
    r"|zucht|zuchten|sighs?|stilte|silence|pauze|pause|hoest|coughs?|knikt|nods)"
)
# "[onverstaanbaar 00:12:31]", "(lacht)", "[crosstalk]", "[inaudible 00:03:10]": a transcriber's
# note; so is any note in square brackets that ends in a time ("[twee woorden 00:12:31]").
_NOTE = (
    rf"\[\s*{_NOTE_WORDS}\b[^\[\]\n]{{0,40}}\]|\(\s*{_NOTE_WORDS}\b[^()\n]{{0,40}}\)"
    rf"|\[\s*[^\W\d_][^\[\]\d\n]{{0,40}}?\s+{_RANGE}\s*\]"
)
_NOTE_RE = re.compile(rf"[ \t]+(?:{_NOTE})(?=[\s,.;:!?…]|$)|^(?:{_NOTE})[ \t]*", re.I | re.M)
# Notes of speech that was said but not made out: a quote shows where such a gap stood
# (`Turn.notes`); a laugh, a sigh or a silence leaves no words out and is not kept.
_UNCLEAR_NOTE_RE = re.compile(
    r"^[\s\[(]*(?:onverstaanbaar|onhoorbaar|onduidelijk|inaudible|unintelligible|indistinct"
    r"|unclear|crosstalk|cross-talk|overlap\w*|door elkaar)\b",
    re.I,
)
# f4transkript's time marks are no words of the speech, even alone (a line of only a mark goes
# with its line break).
_F4_TIME_RE = re.compile(rf"\n[ \t]*{_F4_TIME}[ \t]*(?=\n|$)|[ \t]*{_F4_TIME}")


def _drop_inline_times(turn: Turn) -> None:
    """Times in brackets inside a turn's speech (a typist's marks every few minutes, a service's
    timecodes within a paragraph) and a transcriber's notes ("[onverstaanbaar 00:12:31]",
    "(lacht)") are no words of it: a quote must not show them, nor a rule read them between the
    words said. A note that is the whole turn stays. The places of the turn's text in the file
    are kept for what stands around them. f4transkript's time marks ("#00:01:23-4#") go too."""
    if "[" not in turn.text and "(" not in turn.text and "#" not in turn.text:
        return  # every time and note it drops stands in brackets or between hashes
    spans = [m.span() for m in _INLINE_TIME_RE.finditer(turn.text)]
    spans += [m.span() for m in _F4_TIME_RE.finditer(turn.text)]
    notes = [m.span() for m in _NOTE_RE.finditer(turn.text)]
    left = list(turn.text)
    for start, end in notes:
        left[start:end] = [" "] * (end - start)
    if re.search(r"\w", "".join(left)):
        spans += notes
        unclear = [start for start, end in notes if _UNCLEAR_NOTE_RE.match(turn.text[start:end])]
    else:
        unclear = []
    cuts = _apart(spans)
    places: list[int] = []
    for start in unclear:
        # where it stood in what is left: its cut's start, less what was cut before that
        cut = next(c for c in cuts if c[0] <= start < c[1])
        place = cut[0] - sum(e - s for s, e in cuts if e <= cut[0])
        if place not in places:
            places.append(place)
    turn.notes = [(place, "unclear") for place in places]
    for start, end in sorted(cuts, reverse=True):
        turn.text = turn.text[:start] + turn.text[end:]
        kept: list[tuple[int, int, int, int]] = []
        for pos, off, at, length in turn.sources:
            if off + length <= start:
                kept.append((pos, off, at, length))
            elif off >= end:
                kept.append((pos, off - (end - start), at, length))
            else:
                if off < start:
                    kept.append((pos, off, at, start - off))
                if off + length > end:
                    kept.append((pos, start, at + end - off, off + length - end))
        turn.sources = kept


def _apart(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans to cut, overlapping ones merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _source(turn: Turn, para: RawParagraph, piece: str, offset: int) -> None:
    """Remember where `piece` (a substring of the paragraph) lands in the turn's text."""
    at = para.text.replace("\u00a0", " ").rfind(piece)
    if at >= 0:
        turn.sources.append((para.position, offset, at, len(piece)))


def _metadata_interviewer(metadata: dict[str, object]) -> list[str] | None:
    value = metadata.get("interviewer")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [str(v) for v in value]
    return None


def _label_keys(label: str) -> set[str]:
    """The forms an interviewer label may be given in: whole, without its part in brackets, and
    "Priya Raman" for "Raman, Priya (TRUST)"."""
    m = _LABEL_SHAPE_RE.match(clean_label(label))
    if not m:
        return {fold(label)}
    keys = {fold(label), fold(m["name"])}
    surname, comma, given = m["name"].partition(",")
    if comma:
        keys.add(fold(f"{given} {surname}"))
    return keys


def _assign_roles(
    turns: list[Turn], interviewer: Sequence[str] | None, warnings: list[str], explicit: bool
) -> list[str]:
    """Set each turn's role; return the speaker labels taken as the interviewer's."""
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    if interviewer:
        wanted = {key for label in interviewer for key in _label_keys(label)}
        chosen = [s for s in speakers if _label_keys(s) & wanted]
        if chosen:
            return _apply(turns, set(_one_asks(turns, chosen, speakers, warnings)))
        if explicit:
            warnings.append(
                f"none of the interviewer labels ({', '.join(interviewer)}) occur in this "
                "transcript: speaker labels interpreted as usual"
            )
    roles = {s: role_word(s) for s in speakers}
    chosen = _one_asks(
        turns, [s for s in speakers if roles[s] == "interviewer"], speakers, warnings
    )
    chosen = _not_a_header(turns, chosen, speakers, warnings)
    unknown = [s for s in speakers if roles[s] is None]
    if not chosen and unknown and len(speakers) >= 2:
        best, asked, total = _most_questioning(turns, unknown)
        chosen = [best]
        warnings.append(
            f"took '{best}' as the interviewer ({asked} of {total} turns are questions); "
            "set interviewer labels in lernet.yaml or --interviewer to change"
        )
    return _apply(turns, set(chosen))


def _not_a_header(
    turns: list[Turn], chosen: list[str], speakers: list[str], warnings: list[str]
) -> list[str]:
    """An interviewer's role word with a single turn, the first ("Moderator: Lotte Janssens"), is
    no interviewer when another speaker asks questions: that speaker is taken instead."""
    if len(chosen) != 1 or sum(t.speaker == chosen[0] for t in turns) != 1:
        return chosen
    if turns[0].speaker != chosen[0]:
        return chosen
    others = [s for s in speakers if s != chosen[0]]
    if not others:
        return chosen
    best, asked, total = _most_questioning(turns, others)
    if asked == 0:
        return chosen
    warnings.append(
        f"'{chosen[0]}' has only the first turn, so took '{best}' as the interviewer ({asked} of "
        f"{total} turns are questions); set interviewer labels in lernet.yaml or --interviewer "
        "to change"
    )
    return [best]


def _one_asks(
    turns: list[Turn], chosen: list[str], speakers: list[str], warnings: list[str]
) -> list[str]:
    """When every speaker's label reads as the interviewer's ("Interviewer:" and "Researcher:" in
    an interview with a researcher), the one who mostly asks questions is the interviewer."""
    if len(speakers) < 2 or set(chosen) != set(speakers):
        return chosen
    best, asked, total = _most_questioning(turns, speakers)
    warnings.append(
        f"every speaker's label reads as the interviewer's; took '{best}' as the interviewer "
        f"({asked} of {total} turns are questions); set interviewer labels in lernet.yaml or "
        "--interviewer to change"
    )
    return [best]


_SENTENCE_RE = re.compile(r"[^.!?…]+(?:[.!?…]+[\"'”’»)\]]*|$)")


def _asking_words(text: str, marks: bool) -> int:
    """How many of a turn's words are in sentences that ask: those ending in "?" where the
    transcript writes question marks, else those that open as a question (`asks`)."""
    count = 0
    for m in _SENTENCE_RE.finditer(text):
        sentence = m.group(0).strip()
        if sentence and (sentence.rstrip("\"'”’»)]").endswith("?") if marks else asks(sentence)):
            count += len(sentence.split())
    return count


def _most_questioning(turns: list[Turn], candidates: list[str]) -> tuple[str, int, int]:
    """The speaker the largest share of whose words are questions, with how many of their turns
    ask and their turns. By words, not turns: an interviewer's "Ja." and "Hm hm." between the
    answers, each a turn of its own in a service's transcript, and a participant's "weet je?"
    in the middle of an answer do not outweigh the interviewer's questions."""
    marks = any("?" in t.text for t in turns)
    asked = dict.fromkeys(candidates, 0)
    total = dict.fromkeys(candidates, 0)
    asking = dict.fromkeys(candidates, 0)
    words = dict.fromkeys(candidates, 0)
    for t in turns:
        if t.speaker in total:
            total[t.speaker] += 1
            asked[t.speaker] += is_question(t.text)
            asking[t.speaker] += _asking_words(t.text, marks)
            words[t.speaker] += len(t.text.split())
    best = max(candidates, key=lambda s: asking[s] / words[s] if words[s] else 0.0)
    return best, asked[best], total[best]


def _apply(turns: list[Turn], interviewers: set[str]) -> list[str]:
    for t in turns:
        t.role = "interviewer" if t.speaker in interviewers else "participant"
    return [s for s in dict.fromkeys(t.speaker for t in turns) if s in interviewers]

"""Raw paragraphs into speaker turns: the labels taken, speech joined into turns, roles set."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ...errors import TranscriptError
from ...language.plural import counted
from ...language.text import fold_label as fold
from ...model import Annotation, Mark, Role, Transcript, Turn
from ..marks import place_annotations
from .accepted import (
    _NUMBERED_SPEAKER_RE,
    _accepted,
    _header_name,
    _names_on_own_lines,
    _unread_label,
)
from .bold_questions import BOLD_SPEAKERS, _bold_questions
from .inline_marks import _drop_inline_times
from .interviewer import _assign_roles, _metadata_interviewer, _named_speaker
from .lines import _Line, _parse, line_label
from .not_speech import _drop_page_lines, _drop_repeated_adverts, _drop_tool_footer
from .questions import _asking_turns
from .raw import RawDocument, RawParagraph
from .timestamps import _ONLY_TS_RE, _first_ts
from .title import title_fields, withheld

# What Teams writes where a transcription starts or stops: nobody's speech.
_TEAMS_NOTICE_RE = re.compile(r"^[^\W\d_][^\n]{0,100}? (?:started|stopped) transcription$")


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
    fields = title_fields(lines, taken)
    if set(fields) < taken:
        taken.difference_update(fields)
    else:
        fields = []
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

    heading = [lines[i].body for i in range(len(lines)) if lines[i].para.position in preamble]
    doc = _with_header_names(doc, heading, header[1] if header is not None else None)
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
    if fields:
        interviewer, from_block = _title_block(lines, fields, turns, interviewer, warnings, doc)
        from_header = from_header or from_block
        in_block = {lines[i].para.position for i in fields}
        preamble = [p for p in preamble if p not in in_block]
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


def _title_block(
    lines: list[_Line],
    fields: list[int],
    turns: list[Turn],
    interviewer: Sequence[str] | None,
    warnings: list[str],
    doc: RawDocument,
) -> tuple[Sequence[str] | None, bool]:
    """Say which labelled lines were read as the title block's fields; where one gives the
    interviewer's name ("Interviewer: Emma Clarke") and a speaker is so labelled ("Emma:"),
    that speaker is the interviewer, as for a header line. Returns the interviewer's labels and
    whether they came from the title block."""
    shown = ", ".join(
        f"{doc.unit} {lines[i].para.position} ('{line_label(lines[i])}: {lines[i].rest}')"
        for i in fields[:3]
    ) + (f" and {len(fields) - 3} more" if len(fields) > 3 else "")
    note = f"{shown} read as fields of the title above the first turn, not as speech"
    from_block = False
    if interviewer is None:
        for i in fields:
            shape = lines[i].shape
            if shape is None or shape.role != "interviewer" or withheld(lines[i].rest):
                continue
            named = _named_speaker(turns, re.sub(r"\(.*?\)", " ", lines[i].rest))
            if named:
                interviewer, from_block = [named], True
                note += f": took '{named}' as the interviewer"
                break
    warnings.append(note)
    return interviewer, from_block


_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’»)\]*]*$")


def _with_header_names(doc: RawDocument, heading: list[str], name: str | None) -> RawDocument:
    """The document with the names its header gives, which are never speech, among the names
    its metadata holds for redaction (`names:`, `organisations:`, as Markdown front matter and
    a Word header table give them): those of a header line's role word ("Interviewee: Ελένη
    Παππά") and of the fields of the lines before the first turn ("Naam: Griet Mertens",
    "Name: 田中 花子", "Organisatie: VBS De Horizon")."""
    from ..label_names import names_someone
    from ..tables import colon_fields, field_names

    people, organisations = field_names(colon_fields(heading))
    if name and names_someone(name):
        people.append(name)
    if not people and not organisations:
        return doc
    metadata = dict(doc.metadata)
    for key, found in (("names", people), ("organisations", organisations)):
        if not found:
            continue
        held = metadata.get(key)
        given = [held] if isinstance(held, str) else list(held) if isinstance(held, list) else []
        metadata[key] = list(dict.fromkeys([*given, *found]))
    return replace(doc, metadata=metadata)


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


def _punctuated(lines: list[_Line]) -> bool:
    """Whether a text's lines are written in sentences (a third of them or more end one), so
    that a line that does not end one breaks a sentence off; captions without punctuation
    ("so um can you tell me") end none, and each line is a turn of its own."""
    said = [line.body.rstrip() for line in lines if line.body.strip()]
    return bool(said) and 3 * sum(1 for t in said if _SENTENCE_END_RE.search(t)) >= len(said)


def _runs_on(text: str) -> bool:
    """Whether a turn's text so far breaks off mid-sentence (no . ! ? … : ; at its end)."""
    return bool(text.strip()) and not _SENTENCE_END_RE.search(text.rstrip())


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


def _source(turn: Turn, para: RawParagraph, piece: str, offset: int) -> None:
    """Remember where `piece` (a substring of the paragraph) lands in the turn's text."""
    at = para.text.replace("\u00a0", " ").rfind(piece)
    if at >= 0:
        turn.sources.append((para.position, offset, at, len(piece)))

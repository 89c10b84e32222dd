"""Quotes: the sentences that carry the evidence, anonymized, attributed by role only."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import PurePosixPath
from typing import Any

import regex

from ..codebook.codebook import Codebook
from ..language.text import PAUSES, sentences_covering, split_sentences
from ..project.participants import Participants
from ..store.store import CodingRow, Store
from .anonymize import Redactor, is_cased
from .people import columns_for, person_of


@dataclass
class Quote:
    theme: str
    code: str
    participant: str
    group: str
    label: str
    text: str
    file: str
    segment: int
    interview: str = ""
    """Which of the participant's interviews this is, when they have several (waves): its
    folder, its file's name or "interview 2 of 2", as `interview_names` gives it."""
    value: str = ""
    """With `--by`: the participant's group or value of the variable the quotes are grouped
    by ("" without)."""

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        del out["interview"]  # the JSON names the file already
        if not self.value:
            del out["value"]
        return out


def sentence_span(segment_text: str, start: int, end: int, runs: bool = True) -> tuple[int, int]:
    """Where the whole sentence(s) around the evidence span stand in the segment's text (`runs`:
    as `split_sentences`)."""
    from ..language.text import Doc

    doc = Doc(text=segment_text, tokens=[], sentences=split_sentences(segment_text, runs))
    return sentences_covering(doc, start, end)


LONG_SIDE = 40
"""Words between the evidence and its sentence's end (either side) past which the sentence is no
sentence but a turn without punctuation (speech recognition): the quote is cut there."""
KEPT_SIDE = 20
"""Words kept either side of the evidence where a quote is cut."""
SHORTEST_SIDE = 8
"""A cut moves to a comma or a pause word no nearer the evidence than this many words."""
ELLIPSIS = "…"


def _words(text: str, a: int, b: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(r"\S+", text[a:b])]


def _cut_before(text: str, a: int, start: int) -> int | None:
    """Where a quote that would start at `a` starts instead when more than LONG_SIDE words stand
    between there and the evidence at `start` (None: not cut): KEPT_SIDE words before the
    evidence, from after the farthest comma or pause word within those that leaves
    SHORTEST_SIDE."""
    words = [(a + s, a + e) for s, e in _words(text, a, start)]
    if len(words) <= LONG_SIDE:
        return None
    kept = words[-KEPT_SIDE:]
    for i, (s, e) in enumerate(kept[: KEPT_SIDE - SHORTEST_SIDE]):
        word = text[s:e]
        if word.endswith((",", ";")):
            return kept[i + 1][0]
        if word.casefold().strip(",.;") in PAUSES:
            return kept[i + 1][0]
    return kept[0][0]


def _cut_after(text: str, end: int, b: int) -> int | None:
    """Where a quote that would end at `b` ends instead (None: not cut); as `_cut_before`."""
    words = [(end + s, end + e) for s, e in _words(text, end, b)]
    if len(words) <= LONG_SIDE:
        return None
    if words and words[0][0] == end:  # the evidence ends inside a word: finish that word
        words = words[1:]
    kept = words[:KEPT_SIDE]
    for i in range(len(kept) - 1, SHORTEST_SIDE - 1, -1):
        s, e = kept[i]
        if text[s:e].casefold().strip(",.;") in PAUSES:
            return kept[i - 1][1]
        if text[kept[i - 1][0] : kept[i - 1][1]].endswith((",", ";")):
            return kept[i - 1][1]
    return kept[-1][1]


MARKED_SOURCES = ("comment", "tag", "import")
"""Where a person chose the words: a Word comment, an inline tag, a coding made in another
tool."""

COMPLETED_SIDE = 8
"""A passage a person marked is completed to its sentence on a side where the sentence goes on
for at most this many words beyond it ("kennen elkaar nog niet" to "We kennen elkaar nog niet
goed."); further, the quote starts or ends where they marked, with "…"."""


def marked_by_a_person(row: CodingRow) -> bool:
    """A coding whose words a person chose: quoted and exported as marked, never widened to
    what the rules would quote (also when merged from another coder's project, which keeps how
    it was made there as `rule`)."""
    from ..store.coders import MACHINES

    source = row.rule if row.source == "merge" else row.source
    return source in MARKED_SOURCES and row.coder not in MACHINES


def marked_span(row: CodingRow) -> tuple[int, int, bool, bool]:
    """What the quote of a passage a person marked covers: the passage, its first and last word
    whole, completed to the sentence(s) holding it on each side where at most COMPLETED_SIDE
    words lie between it and the sentence's edge: (start, end, cut before, cut after)."""
    text = row.segment_text
    start = max(0, min(row.start, len(text)))
    end = max(start, min(row.end, len(text)))
    while start > 0 and not text[start - 1].isspace():  # a word begun before the selection
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end - 1 : end].strip():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # completed to the sentences the speaker's punctuation marks, never to where lernet cuts a
    # run of unpunctuated speech: that cut is a guess, the person's selection is not
    a, b = sentence_span(text, start, end, runs=False)
    head = len(_words(text, a, start)) > COMPLETED_SIDE
    tail = len(_words(text, end, b)) > COMPLETED_SIDE
    return (start if head else a), (end if tail else b), head, tail


GAP = {"nl": "[onverstaanbaar]", "en": "[inaudible]"}
"""What a quote shows where a transcriber noted speech not made out (`Turn.notes`), in the
project's language; the time the note gave is left out."""

_SENTENCE_END = ".!?…"


def _with_gaps(
    text: str, a: int, b: int, notes: list[tuple[int, str]], head: bool, tail: bool, lang: str
) -> str:
    """text[a:b] with GAP where a note of speech not made out stood: between its words, at its
    start when only spaces lie between the note and the quote (the sentence began in the gap),
    at its end when the quote's last sentence is not closed (it ran on into the gap); never at a
    side cut with "…", which shows the gap already."""
    gap = GAP.get(lang, GAP["en"])
    places: list[int] = []
    for at, kind in notes:
        if kind != "unclear":
            continue
        if a < at < b:
            places.append(at)
        elif at <= a and not head and not text[at:a].strip():
            places.append(a)
        elif at == b and not tail and b > a and text[b - 1] not in _SENTENCE_END:
            places.append(b)
    piece = text[a:b]
    for at in sorted(set(places), reverse=True):
        left, right = piece[: at - a], piece[at - a :]
        before = " " if left and not left[-1].isspace() else ""
        after = " " if right and not right[0].isspace() and right[0] not in ",.;:!?…)" else ""
        piece = f"{left}{before}{gap}{after}{right}"
    return " ".join(piece.split())


def quote_text(row: CodingRow, lang: str = "nl") -> str:
    """The quote's text: `quote_span`, whitespace tidied; where the sentence runs on for more
    than LONG_SIDE words beyond the evidence (speech recognition writes no sentence ends), cut to
    KEPT_SIDE words of it, at a comma or a pause word where there is one, with "…" where cut. A
    passage a person marked is quoted as marked (`marked_span`). Where a transcriber noted speech
    not made out, the quote shows GAP in `lang` (`_with_gaps`)."""
    text = row.segment_text
    notes = row.notes
    if marked_by_a_person(row) and row.end > row.start:
        a, b, head, tail = marked_span(row)
        if head or tail:
            body = _with_gaps(text, a, b, notes, head, tail, lang).strip(",; ")
            return f"{ELLIPSIS if head else ''}{body}{ELLIPSIS if tail else ''}"
        return _with_gaps(text, a, b, notes, head, tail, lang)
    a, b = quote_span(row)
    head = tail = False
    if not changed_in_review(row):
        a, b, head, tail = cut_around(text, a, b, row.start, row.end)
    if head or tail:
        body = _with_gaps(text, a, b, notes, head, tail, lang).strip(",; ")
        return f"{ELLIPSIS if head else ''}{body}{ELLIPSIS if tail else ''}"
    return _with_gaps(text, a, b, notes, head, tail, lang)


def cut_around(text: str, a: int, b: int, start: int, end: int) -> tuple[int, int, bool, bool]:
    """The passage text[a:b] around the evidence text[start:end], cut where it runs on for more
    than LONG_SIDE words beyond the evidence (a "sentence" of speech recognition): (a, b, cut
    before, cut after)."""
    start = max(a, min(start, b))
    end = min(b, max(end, start))
    head = tail = False
    cut = _cut_before(text, a, start)
    if cut is not None:
        a, head = cut, True
    cut = _cut_after(text, end, b)
    if cut is not None:
        b, tail = cut, True
    return a, b, head, tail


def changed_in_review(row: CodingRow) -> bool:
    """A code a reviewer put in place of the rule's (`lernet review`, answer c): it stands on the
    rule's evidence, which was evidence for the rule's code, not for this one."""
    return row.source == "review" and (row.note or "").startswith("changed from")


def quote_span(row: CodingRow) -> tuple[int, int]:
    """What a coding's quote covers: the sentence(s) around its evidence; for a code changed in
    review the whole turn, which is what the reviewer judged (the rule's sentence may say
    nothing of the new code: "In het begin was het aftasten" for a phase of growth)."""
    text = row.segment_text
    if changed_in_review(row):
        return len(text) - len(text.lstrip()), len(text.rstrip())
    return sentence_span(text, row.start, row.end)


def evidence_sentences(segment_text: str, start: int, end: int) -> str:
    """The whole sentence(s) around the evidence span, whitespace tidied."""
    a, b = sentence_span(segment_text, start, end)
    return " ".join(segment_text[a:b].split())


def collect_quotes(
    codebook: Codebook,
    rows: list[CodingRow],
    participants: Participants,
    redactor: Redactor | None,
    group: str | None = None,
    interviews: dict[tuple[str, int], str] | None = None,
    by: str | None = None,
    lang: str = "nl",
    folders: dict[str, str] | None = None,
) -> list[Quote]:
    """One quote per participant, segment and code, in codebook order; duplicates dropped, and of
    two quotes of one turn where one holds the other (a person's comment and the rule's sentence
    in it) only the longer. `interviews`: which of a participant's interviews a quote is from,
    for those interviewed more than once (`interview_names`). `by` ("group" or a participant
    variable): each quote carries its participant's group or value (`Quote.value`) and the
    quotes come value by value, in the order `tally --by` gives the columns, codebook order
    within each."""
    interviews = interviews or {}
    columns = (
        columns_for(rows, participants, by, lang, folders=folders, redactor=redactor)
        if by
        else None
    )
    order = {c.id: i for i, c in enumerate(codebook.walk())}
    out: list[Quote] = []
    seen: set[tuple[str, str, str]] = set()
    in_turn: dict[tuple[str, str, str, int], list[int]] = {}
    chosen: set[int] = set()
    """Quotes of a passage a person marked."""
    for row in sorted(
        rows, key=lambda r: (order.get(r.code, 1 << 30), r.participant, r.path, r.segment)
    ):
        person = person_of(row, participants)
        if group is not None and person.group.casefold() != group.casefold():
            continue
        text = quote_text(row, lang)
        shown, label, file = row.participant, person.label, row.path
        if redactor is not None:
            file = redactor.file(row.path)
            text = redactor.redact(text, is_cased(row.segment_text))
            shown = redactor.participant(row.participant)
            # The researcher's own label ("library user") is written as it is meant: redacted
            # as cased text, so an ordinary word that is also part of a name stays.
            label = shown if label == row.participant else redactor.redact(label, True)
        key = (row.code, row.participant, text)
        if key in seen:
            continue
        seen.add(key)
        turn = (row.code, row.participant, row.path, row.segment)
        held = in_turn.setdefault(turn, [])
        marked = marked_by_a_person(row)
        bare = text.strip(ELLIPSIS)
        code = codebook.codes.get(row.code)
        # of two quotes of one turn where one holds the other only one: the longer, but a
        # passage a person marked over the rules' sentence around it (what they chose)
        holder = next((i for i in held if bare in out[i].text.strip(ELLIPSIS)), None)
        if holder is not None:
            if marked and holder not in chosen:
                out[holder].text = text
                chosen.add(holder)
            continue
        inner = next((i for i in held if out[i].text.strip(ELLIPSIS) in bare), None)
        if inner is not None:
            if marked or inner not in chosen:
                out[inner].text = text
                if marked:
                    chosen.add(inner)
            continue
        held.append(len(out))
        if marked:
            chosen.add(len(out))
        out.append(
            Quote(
                theme=code.theme if code else row.code.split(".")[0],
                code=row.code,
                participant=shown,
                group=person.group,
                label=label,
                text=text,
                file=file,
                segment=row.segment,
                interview=interviews.get((row.participant, row.transcript_id), ""),
                value=columns.of(row) if columns is not None else "",
            )
        )
    if columns is not None:
        place = {v: i for i, v in enumerate(columns.names)}
        out.sort(key=lambda q: place.get(q.value, len(place)))  # stable: codebook order within
    return out


INTERVIEW_OF = {"nl": "interview {i} van {n}", "en": "interview {i} of {n}"}

NOT_ANONYMIZED = {
    "nl": (
        "NIET GEANONIMISEERD: deze citaten tonen namen, organisaties, telefoonnummers en adressen "
        "zoals ze zijn gezegd (lernet quotes --no-anonymize). Deel ze niet buiten het "
        "onderzoeksteam."
    ),
    "en": (
        "NOT ANONYMIZED: these quotes show names, organisations, phone numbers and addresses as "
        "they were said (lernet quotes --no-anonymize). Do not share them outside the research "
        "team."
    ),
}
"""The first line of quotes as text or Markdown written with --no-anonymize, as a report's: a
copy passed on says what it is (and a backup of it is known, `output.files`)."""


def interview_names(
    store: Store, redactor: Redactor | None = None, lang: str = "nl"
) -> dict[tuple[str, int], str]:
    """(participant, transcript id) -> how a quote names the interview.

    In a study of waves, where some participant's interviews lie in different folders, every
    quote names its folder (`folder_names`: "Golf 1 (2025)"; the project's own folder without
    its brackets), also one of a person interviewed once: a quote without its wave would read
    as one of either. Otherwise only a participant who speaks in several transcripts has their
    interviews named: the folder they lie in when their interviews lie in different folders,
    else the file's name, else its place in path order ("interview 2 of 2"). Names in them are
    hidden as in the file names anonymized outputs show."""
    from .people import TOP_FOLDER, folder_names

    def shown(text: str) -> str:
        return redactor.file(text) if redactor is not None else text

    def wave(path: str) -> str:
        name = folders[path]
        return name[1:-1] if name in TOP_FOLDER.values() else name

    held_by = store.interviews_of()
    # as `--by folder` names them: the wave a quote names is its heading's
    folders = folder_names([path for held in held_by.values() for _, path in held], lang, redactor)
    waves = any(len({folders[path] for _, path in held}) > 1 for held in held_by.values())
    out: dict[tuple[str, int], str] = {}
    for pid, held in held_by.items():
        if waves:
            names = [wave(path) for _, path in held]
            if len(set(names)) == len(names):
                for (tid, _), name in zip(held, names, strict=True):
                    out[(pid, tid)] = name
                continue
        if len(held) < 2:
            continue
        paths = [PurePosixPath(path) for _, path in held]
        for choice in (
            [shown(p.parent.name) for p in paths],
            [shown(str(p.parent)) for p in paths],
            [shown(p.stem) for p in paths],
        ):
            if all(c and c != "." for c in choice) and len(set(choice)) == len(choice):
                names = choice
                break
        else:
            n = len(held)
            names = [
                INTERVIEW_OF.get(lang, INTERVIEW_OF["en"]).format(i=i, n=n) for i in range(1, n + 1)
            ]
        if waves:  # two interviews in one wave's folder: the wave, then which of them
            names = [f"{wave(path)}, {name}" for (_, path), name in zip(held, names, strict=True)]
        for (tid, _), name in zip(held, names, strict=True):
            out[(pid, tid)] = name
    return out


def spread(quotes: list[Quote]) -> list[Quote]:
    """The quotes of each code (and `--by` value) in the order a short selection takes them:
    one of each participant before a second of anyone, and in each such round the participants'
    groups in turn (a group's first, then the next group's first, ...), so that the first
    quotes of a finding come from as many people and groups as said it; within that the order
    `collect_quotes` gives. The codes and values stay in their order."""
    out: list[Quote] = []
    i = 0
    while i < len(quotes):
        j = i
        while j < len(quotes) and (quotes[j].code, quotes[j].value) == (
            quotes[i].code,
            quotes[i].value,
        ):
            j += 1
        out.extend(_spread_one(quotes[i:j]))
        i = j
    return out


def _spread_one(quotes: list[Quote]) -> list[Quote]:
    by_person: dict[str, list[Quote]] = {}
    for q in quotes:
        by_person.setdefault(q.participant, []).append(q)
    groups: dict[str, list[str]] = {}
    for pid, held in by_person.items():
        groups.setdefault(held[0].group, []).append(pid)
    # participants in turns of their groups: a, b, c, a, b, ...
    people: list[str] = []
    queues = [list(pids) for pids in groups.values()]
    while any(queues):
        for queue in queues:
            if queue:
                people.append(queue.pop(0))
    out: list[Quote] = []
    rank = 0
    while len(out) < len(quotes):
        out.extend(by_person[pid][rank] for pid in people if rank < len(by_person[pid]))
        rank += 1
    return out


def format_quote(quote: Quote, template: str) -> str:
    """The quote in the project's attribution; quotation marks inside a quote the template puts
    between “…” become ‘…’, as nested quotes are written."""
    return "".join(text for text, _ in quote_parts(quote, template))


def quote_parts(quote: Quote, template: str) -> list[tuple[str, bool]]:
    """`format_quote` in pieces: (text, whether it is the participant's words), so that a Word
    report can mark the words with the interview's language and the attribution with the
    project's."""
    text = quote.text
    if "“{quote}”" in template:
        text = text.replace("“", "‘").replace("”", "’")
    label = f"{quote.label}, {quote.interview}" if quote.interview else quote.label
    out: list[tuple[str, bool]] = []
    for i, around in enumerate(template.split("{quote}")):
        if i:
            out.append((text, True))
        if around:
            out.append((around.replace("{label}", label), False))
    return out

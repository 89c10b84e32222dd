"""The interest-balance matrix: per code and participant group, do they bring, take, or both?"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..codebook.codebook import DIRECTION_LABELS, Codebook
from ..errors import NotDeclared
from ..language.plural import counted
from ..project.participants import Participants
from ..store.store import CodingRow, Store
from .counts import times
from .people import columns_for, not_interviewed
from .tally import codebook_order

if TYPE_CHECKING:
    from .anonymize import Redactor
    from .people import Interviewee, Placed

CELL_TEXT = DIRECTION_LABELS
"""The cells' words when the codebook declares none (`direction_labels:`)."""


@dataclass
class Cell:
    bring: int = 0
    take: int = 0
    participants: int = 0

    @property
    def unknown(self) -> int:
        """Participants coded with the code only without a direction: counted by tally, so the
        cell must not say n.a."""
        return len(self.undirected)

    undirected: frozenset[str] = frozenset()

    @property
    def direction(self) -> str:
        if self.bring and self.take:
            return "both"
        if self.bring:
            return "bring"
        if self.take:
            return "take"
        if self.participants:
            return "unknown"
        return "none"

    def to_json(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "bring": self.bring,
            "take": self.take,
            "unknown": self.unknown,
            "participants": self.participants,
        }


@dataclass
class MatrixRow:
    id: str
    label: str
    parent: str | None
    cells: dict[str, Cell] = field(default_factory=dict)
    directional: bool = True
    """False for codes without bring/take: the row is then a crosstab of participant counts."""


@dataclass
class Matrix:
    groups: list[str]
    rows: list[MatrixRow]
    label: str = ""
    """The label of the theme or code whose codes are the rows, in the project's language."""
    root: str = ""
    """The id of that theme or code."""
    words: dict[str, str] = field(default_factory=lambda: dict(CELL_TEXT["nl"]))
    """bring / take / both / none -> what a cell says: the codebook's `direction_labels:` of the
    matrix's theme, else Brengen / Halen / Brengen en halen / n.v.t. (Brings / Takes / ...)."""
    own_words: dict[str, str] = field(default_factory=dict)
    """bring / take / both -> the word a comment or tag may give it, where the codebook declares
    its own (`Code.own_direction_words`): the hints' examples use them."""
    above: dict[str, int] = field(default_factory=dict)
    """Codings on the root or a code between it and the rows (a tag naming the matrix's theme):
    that code's label -> how many. No row shows them (`above_note`)."""
    undirected_codings: int = 0
    """Codings of a directional code without a direction (a comment or tag without a direction
    word, an import); their participants show as direction unknown where nothing else is."""
    left_out: LeftOut | None = None
    """The mentions of its codes the rules left uncoded for want of a direction
    (`left_out_mentions`); None when not looked for."""
    not_interviewed: list[str] = field(default_factory=list)
    """Groups (or values) the participants file lists of which nobody is among the counted
    interviewees: no column, so that n.a. only ever means "said nothing about it"
    (`not_interviewed_note`)."""
    n: dict[str, int] = field(default_factory=dict)
    """Each column -> its interviewees, as `Tally.n`."""

    def to_json(self) -> dict[str, Any]:
        return {
            "groups": self.groups,
            "n": self.n,
            "not_interviewed": self.not_interviewed,
            "rows": [
                {
                    "id": r.id,
                    "label": r.label,
                    "parent": r.parent,
                    "cells": {g: c.to_json() for g, c in r.cells.items()},
                }
                for r in self.rows
            ],
            **(
                {"left_out": dataclasses.asdict(self.left_out)} if self.left_out is not None else {}
            ),
        }


@dataclass
class LeftOut:
    """Mentions of the matrix's directional codes that the rules found but did not code, for no
    direction cue stood around them ("Contacts, mainly."): left out of the table."""

    mentions: int = 0
    """Turns (a turn and code each)."""
    participants: int = 0
    by_code: dict[str, int] = field(default_factory=dict)
    """Code label -> its mentions, most first."""


def left_out_mentions(
    codebook: Codebook,
    store: Store,
    root: str,
    transcripts: Iterable[int] | None = None,
    lang: str = "nl",
    cache: Path | None = None,
) -> LeftOut | None:
    """The participant turns (of these transcripts) where a directional code under `root` has
    evidence of its rules but no direction, and which hold no stored coding of that code (any
    coder, any status): what the table leaves out. `lernet code` keeps these mentions as it
    codes; for a transcript stored without them (coded by an older lernet, or imported) the
    turns where a rule of those codes is live are matched again, with the codebook's rules (a
    codebook loaded without them, as counting loads it, is loaded again with them). None when
    they cannot be built (`lernet code` says why)."""
    found = _left_out(codebook, store, root, transcripts, cache)
    if found is None:
        return None
    out = LeftOut()
    people: set[str] = set()
    for (_, _, pid), code in found[1]:
        out.mentions += 1
        people.add(pid)
        label = codebook.codes[code].label(lang)
        out.by_code[label] = out.by_code.get(label, 0) + 1
    out.participants = len(people)
    out.by_code = dict(sorted(out.by_code.items(), key=lambda kv: (-kv[1], kv[0])))
    return out


def _left_out(
    codebook: Codebook,
    store: Store,
    root: str,
    transcripts: Iterable[int] | None,
    cache: Path | None,
) -> tuple[Codebook, list[tuple[tuple[int, int, str], str]]] | None:
    """`left_out_mentions`' turns: the codebook with its rules, and ((transcript, segment,
    participant), code) of each mention no stored coding holds; None as there."""
    from ..codebook.codebook import load_codebook
    from ..coding.autocode import undirected_matches
    from ..errors import LernetError

    below = [c for c in codebook.descendants(root) if codebook.codes[c].directional]
    if not below:
        return codebook, []
    ids = sorted(transcripts) if transcripts is not None else None
    stored, unknown = store.undirected_mentions(below, ids)
    found = [((tid, seg, pid), code) for tid, seg, pid, code in stored]
    codes = set(below)
    if unknown:
        if not any(codebook.codes[c].rules for c in below) and codebook.path is not None:
            try:
                codebook = load_codebook(Path(codebook.path), cache=cache)
            except LernetError:
                return None
        codes = {c for c in below if c in codebook.codes and codebook.codes[c].rules}
        if codes:
            turns = store.participant_segments(unknown)
            found += undirected_matches(
                codebook,
                codes,
                (((r.transcript_id, r.segment, r.participant), r.segment_text) for r in turns),
            )
    if not found:
        return codebook, []
    coded = {
        (r.transcript_id, r.segment, r.code)
        for r in store.coding_rows(codes=sorted(codes), include_rejected=True, transcripts=ids)
    }
    return codebook, [m for m in found if (m[0][0], m[0][1], m[1]) not in coded]


@dataclass
class Mention:
    """A mention of a directional code the table cannot place, for want of a direction
    (`matrix --undirected`)."""

    code: str
    label: str
    """The code's label in the project's language."""
    participant: str
    """As outputs show the participant (anonymized: their id's stand-in)."""
    who: str
    """Their attribution, as quotes give it (role, and the interview where they had several)."""
    file: str
    segment: int
    """The turn's number in its transcript (1-based)."""
    quote: str
    coded: bool
    """True: a coding stored without a direction (a comment, tag or import; shown as
    direction unknown); False: a mention the rules found but left uncoded (not in the table)."""

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def undirected_mentions(
    codebook: Codebook,
    store: Store,
    rows: list[CodingRow],
    root: str,
    participants: Participants,
    redactor: Any = None,
    transcripts: Iterable[int] | None = None,
    lang: str = "nl",
    cache: Path | None = None,
    interviews: dict[tuple[str, int], str] | None = None,
) -> list[Mention]:
    """Every mention behind the matrix's notes: the codings of `rows` (the table's) of a
    directional code without a direction, and the mentions the rules left out
    (`left_out_mentions`), each with its quote (the sentence around the evidence, as `lernet
    quotes` gives it; anonymized with `redactor`) and whose it is; in file and turn order."""
    from ..language.text import make_doc
    from .anonymize import is_cased
    from .people import person_of
    from .quotes import quote_text

    interviews = interviews or {}

    def mention(row: CodingRow, coded: bool) -> Mention:
        person = person_of(row, participants)
        text, shown, label, file = quote_text(row, lang), row.participant, person.label, row.path
        if redactor is not None:
            text = redactor.redact(text, is_cased(row.segment_text))
            shown = redactor.participant(row.participant)
            label = shown if label == row.participant else redactor.redact(label, True)
            file = redactor.file(row.path)
        where = interviews.get((row.participant, row.transcript_id), "")
        code = codebook.codes.get(row.code)
        return Mention(
            row.code,
            code.label(lang) if code else row.code,
            shown,
            f"{label}, {where}" if where else label,
            file,
            row.segment,
            text,
            coded,
        )

    out = [
        (r.path, r.segment, mention(r, True))
        for r in rows
        if r.direction not in ("bring", "take", "both")
        and r.code in codebook.codes
        and codebook.codes[r.code].directional
    ]
    found = _left_out(codebook, store, root, transcripts, cache)
    if found is not None and found[1]:
        ruled, left = found
        if not any(c.rules for c in ruled.codes.values()) and ruled.path is not None:
            from ..codebook.codebook import load_codebook

            ruled = load_codebook(Path(ruled.path), cache=cache)  # the rules give the evidence
        wanted = {tid for (tid, _, _), _ in left}
        turns = {(r.transcript_id, r.segment): r for r in store.participant_segments(wanted)}
        for (tid, seg, _), code_id in left:
            turn = turns.get((tid, seg))
            if turn is None:
                continue
            doc = make_doc(turn.segment_text)
            span = next((sp for rule in ruled.codes[code_id].rules for sp in rule.find(doc)), None)
            start, end = span if span is not None else (0, len(turn.segment_text))
            row = dataclasses.replace(turn, code=code_id, start=start, end=end, coder="auto")
            out.append((turn.path, seg, mention(row, False)))
    out.sort(key=lambda item: (item[0], item[1], item[2].code))
    return [m for _, _, m in out]


LEFT_OUT_SEE = "docs/codebook-format.md, directions:"
"""Where the line on mentions left out points: a file and a codebook key, the same in every
language (a heading of the English README would be English in a Dutch report)."""


TAG_WORDS = {"nl": {"bring": "brengt", "take": "haalt"}, "en": {"bring": "gives", "take": "gets"}}
"""The direction words a line's example of a comment or tag uses, in the project's language."""
TAG_DEFAULT = {
    "nl": {"bring": "Financiering", "take": "Contacten"},
    "en": {"bring": "Funding", "take": "Contacts"},
}


def tag_example(
    label: str | None, direction: str, lang: str, own: dict[str, str] | None = None
) -> str:
    """A comment or tag giving a code a direction, as a line's example, in the project's
    language `lang` and its quotation marks: „Contacten haalt”, “Contacts gets”; `label`: the
    code the line is about (None: a stock one); `own`: the codebook's own direction words
    (`Matrix.own_words`), which the example uses where it has one ("Advies vraagt")."""
    word = (own or {}).get(direction) or TAG_WORDS.get(lang, TAG_WORDS["en"])[direction]
    code = label or TAG_DEFAULT.get(lang, TAG_DEFAULT["en"])[direction]
    text = f"{code} {word}"
    return f"„{text}”" if lang == "nl" else f"“{text}”"


def left_out_note(matrix: Matrix, lang: str, example_lang: str | None = None) -> str | None:
    """One line on the mentions the table leaves out for want of a direction (`LeftOut`), or
    None when there are none. `lang`: the line's language; `example_lang`: the project's, which
    its example of a tag is in (a Dutch project's codes have Dutch labels), `lang` if None."""
    left = matrix.left_out
    if left is None or not left.mentions:
        return None
    codes = ", ".join(f"{label} {n}" for label, n in left.by_code.items())
    example = tag_example(
        next(iter(left.by_code), None), "take", example_lang or lang, matrix.own_words
    )
    if lang == "nl":
        return (
            f"{counted(left.mentions, 'vermelding', 'vermeldingen')} van "
            f"{counted(left.participants, 'deelnemer')} zonder richtingwoord "
            f"{'staat' if left.mentions == 1 else 'staan'} niet in de tabel ({codes}): geef "
            f"{'deze' if left.mentions == 1 else 'ze'} een richting met een "
            f"opmerking of tag ({example}) of met richtingwoorden in directions: van het "
            f"codeboek (zie {LEFT_OUT_SEE})."
        )
    return (
        f"{counted(left.mentions, 'mention')} by {counted(left.participants, 'participant')} "
        f"without a direction word {'is' if left.mentions == 1 else 'are'} left out of the table "
        f"({codes}): give {'it' if left.mentions == 1 else 'them'} a direction with a comment or "
        "tag "
        f"({example}) or with cue words in the codebook's directions: (see "
        f"{LEFT_OUT_SEE})."
    )


def matrix_root(codebook: Codebook, hint: str = "") -> str:
    """The theme or code the codebook declares as its bring/take matrix (`analysis: matrix`)."""
    if codebook.matrix is None:
        raise NotDeclared(
            "the codebook declares no bring/take matrix: add `analysis: matrix` to its "
            "directional theme (see docs/codebook-format.md)" + hint,
            codebook.path,
        )
    return codebook.matrix


def interest_matrix(
    codebook: Codebook,
    rows: list[CodingRow],
    participants: Participants,
    root: str | None = None,
    lang: str = "nl",
    by: str = "group",
    folders: dict[str, str] | None = None,
    redactor: Redactor | None = None,
    everyone: list[CodingRow] | None = None,
    interviewed: Sequence[Interviewee] | None = None,
) -> Matrix:
    """Leaf codes under `root` (default: the declared matrix), in codebook order (phases in
    theirs, `codebook_order`), by group, by the values of the participant variable `by`, or by
    folder (`columns_for`); a cell counts distinct participants per direction. The columns are
    those of `everyone` (the codings tally counts for the same selection; default `rows`), as
    tally and phases have them: a group that said nothing about these codes stands there with
    n.a., one listed but not interviewed is no column (`Matrix.not_interviewed`); with
    `interviewed` (as `tally`) every group somebody was interviewed in is one."""
    if root is None:
        root = matrix_root(codebook)
    leaves = [
        codebook.codes[c] for c in codebook_order(codebook, root) if not codebook.codes[c].children
    ]
    base: list[Placed] = [*(interviewed or []), *(rows if everyone is None else everyone)]
    columns = columns_for(base, participants, by, lang, folders=folders, redactor=redactor)
    groups = columns.names
    table: dict[tuple[str, str], dict[str, set[str]]] = {}
    undirected = 0
    rows_at = {leaf.id for leaf in leaves}
    above: dict[str, int] = {}
    for code_id in codebook.descendants(root):
        if code_id not in rows_at:
            above[code_id] = 0
    for r in rows:
        if r.code in above:
            above[r.code] += 1
            continue
        group = columns.of(r)
        slot = table.setdefault((r.code, group), {"bring": set(), "take": set(), "any": set()})
        slot["any"].add(r.participant)
        if r.direction in ("bring", "both"):
            slot["bring"].add(r.participant)
        if r.direction in ("take", "both"):
            slot["take"].add(r.participant)
        code = codebook.codes.get(r.code)
        if r.direction not in ("bring", "take", "both") and code is not None and code.directional:
            undirected += 1
    out = []
    for leaf in leaves:
        row = MatrixRow(leaf.id, leaf.label(lang), leaf.parent, directional=leaf.directional)
        for g in groups:
            slot = table.get((leaf.id, g), {"bring": set(), "take": set(), "any": set()})
            row.cells[g] = Cell(
                len(slot["bring"]),
                len(slot["take"]),
                len(slot["any"]),
                frozenset(slot["any"] - slot["bring"] - slot["take"]),
            )
        out.append(row)
    top = codebook.codes[root]
    return Matrix(
        groups,
        out,
        top.label(lang),
        root,
        top.direction_words(lang),
        top.own_direction_words(lang),
        {codebook.codes[c].label(lang): n for c, n in above.items() if n},
        undirected,
        not_interviewed=not_interviewed(base, participants, by, lang, folders, redactor),
        n=columns.counted(base),
    )


def not_interviewed_note(
    matrix: Matrix, lang: str, by: str = "group", selected: bool = False
) -> str | None:
    """One line on the listed groups (or values of `by`) that have no column for want of
    interviewees, or None when there are none. `selected`: the transcripts counted are a selection
    (`--file`), so those groups may have interviewees outside it."""
    if not matrix.not_interviewed:
        return None
    names = ", ".join(matrix.not_interviewed)
    one = len(matrix.not_interviewed) == 1
    none = matrix.words["none"]
    if lang == "nl":
        whom = (
            ("die groep" if one else "die groepen")
            if by == "group"
            else ("met die waarde" if one else "met die waarden")
        )
        who = "in deze selectie" if selected else "geïnterviewd"
        return (
            f"Geen kolom voor {names}: niemand {'uit ' if by == 'group' else ''}{whom} {who} "
            f"(„{none}” in de tabel: wel geïnterviewd, niets over die code gezegd)."
        )
    whom = (
        ("that group" if one else "those groups")
        if by == "group"
        else ("that value" if one else "those values")
    )
    who = "in this selection" if selected else "interviewed"
    return (
        f"No column for {names}: nobody {'from' if by == 'group' else 'with'} {whom} {who} "
        f"(“{none}” in the table: interviewed, said nothing about that code)."
    )


def counts_legend(matrix: Matrix, lang: str) -> str | None:
    """The key to a counted cell of both directions ("Both (n=3: 2 / 2)"): which number is
    which. None when no cell holds both."""
    if not any(
        c.direction == "both" for r in matrix.rows if r.directional for c in r.cells.values()
    ):
        return None
    w = matrix.words
    if lang == "nl":
        return (
            f"Bij „{w['both']}”: alle deelnemers, dan wie bij „{w['bring']}” / bij "
            f"„{w['take']}” telt (één kan bij beide tellen)."
        )
    return (
        f"In “{w['both']}”: all participants, then those counted as “{w['bring']}” / as "
        f"“{w['take']}” (one may count as both)."
    )


def unknown_note(matrix: Matrix, lang: str, example_lang: str | None = None) -> str | None:
    """One line on the codings without a direction, or None when there are none: how many, what
    the cells show and how to give them one. `example_lang`: the project's language, which the
    line's example of a tag is in (`lang`, the line's, if None)."""
    if not matrix.undirected_codings:
        return None
    cells = sum(
        c.direction == "unknown" for r in matrix.rows if r.directional for c in r.cells.values()
    )
    directional = [r for r in matrix.rows if r.directional]
    # the first row shown as direction unknown; else (a coding on a code above the rows) the
    # first row: one of this codebook's codes, not a stock one
    first = next(
        (r.label for r in directional if any(c.direction == "unknown" for c in r.cells.values())),
        directional[0].label if directional else None,
    )
    own = matrix.own_words
    example = tag_example(first, "bring", example_lang or lang, own)
    word = matrix.words["unknown"]
    n = matrix.undirected_codings
    if lang == "nl":
        said = (
            f"{own['bring']}, {own['take']} of {own['both']}"
            if len(own) == 3
            else "brengt, haalt of beide"
        )
        return (
            f"{counted(n, 'codering', 'coderingen')} zonder richting "
            f"({counted(cells, 'cel', 'cellen')} „{word}”): zet {said} "
            f"bij de code in de opmerking of tag ({example}) en codeer opnieuw."
        )
    if len(own) == 3:
        words = f"{own['bring']}, {own['take']} or {own['both']}"
    else:
        words = "gives, receives or both" + (
            " (brengt, haalt, beide)" if (example_lang or lang) == "nl" else ""
        )
    return (
        f"{counted(n, 'coding')} without a direction ({counted(cells, 'cell')} “{word}”): add "
        f"{words} after the "
        f"code in the comment or tag ({example}) and code again."
    )


def above_note(matrix: Matrix, lang: str, example_lang: str | None = None) -> str | None:
    """One line on the codings of the matrix's theme itself (or a code between it and its rows),
    which no row shows, or None when there are none: how many, and to code them with a row's
    code instead. `example_lang`: the project's language, which the example is in."""
    if not matrix.above:
        return None
    n = sum(matrix.above.values())
    names = ", ".join(matrix.above)
    first = next((r for r in matrix.rows), None)
    if first is None:
        return None
    example_in = example_lang or lang
    example = (
        tag_example(first.label, "bring", example_in, matrix.own_words)
        if first.directional
        else (f"„{first.label}”" if example_in == "nl" else f"“{first.label}”")
    )
    if lang == "nl":
        return (
            f"{counted(n, 'codering', 'coderingen')} met {names} zelf "
            f"{'staat' if n == 1 else 'staan'} niet in de tabel, die de codes eronder toont: "
            f"codeer {'deze' if n == 1 else 'ze'} met een van die codes ({example})."
        )
    return (
        f"{counted(n, 'coding')} with {names} itself {'is' if n == 1 else 'are'} not in the "
        f"table, which shows the codes below it: code {'it' if n == 1 else 'them'} with one of "
        f"those codes ({example})."
    )


def cell_text(
    cell: Cell,
    lang: str = "nl",
    counts: bool = False,
    directional: bool = True,
    words: dict[str, str] | None = None,
) -> str:
    """What a cell says: its direction in `words` (default: the language's own), with `counts`
    how many participants."""
    if not directional:
        return times(cell.participants, lang)
    text = (words or CELL_TEXT[lang])[cell.direction]
    if counts and cell.direction == "both":
        # the people first: the two numbers overlap where one person both brings and takes
        return f"{text} ({times(cell.participants, lang)}: {cell.bring} / {cell.take})"
    if counts and cell.direction != "none":
        return f"{text} ({times(cell.bring or cell.take or cell.unknown, lang)})"
    return text

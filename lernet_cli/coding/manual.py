"""Codes a person put in the file itself (Word/ODT comments, inline tags) as codings and memos.

A comment or tag names codes by id, short id or label (either language, any case), several
separated by commas, semicolons or new lines. Text after a code name and ":", " - " or "(" is a
note; a direction word before or after the code, with any separator or none ("Funding gives",
"Staff time - brengt", "Expertise, receives", "(halen)"), gives the direction of an
interest-balance code: English and Dutch words (`DIRECTION_WORDS`) and the codebook's own
`direction_labels:`. A comment that names no code is kept as a memo, never counted.

A comment is read against the codebook as it is, except that one which counted before keeps
counting: when a label edit leaves a comment naming no code, and its text and the words it marks
are as they were, it keeps the codes it was read as (`Remembered`), and lernet says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..codebook.codebook import Code, Codebook
from ..codebook.rules import find_direction
from ..language.text import make_doc
from ..model import Coding, Memo, Transcript

DEFAULT_CODER = "manual"
_SPLIT_RE = re.compile(r"[,;\n]+")
_NOTE_RE = re.compile(r"\s*(?::|\s[-–—]\s|\()\s*")
DIRECTION_WORDS = {
    "bring": (
        # English, as a researcher writes the direction after a code
        "bring brings bringing brought give gives giving gave contribute contributes "
        "contributing contributed provide provides providing provided offer offers offering "
        # Dutch
        "brengen brengt breng bracht inbrengen brengt in geven geeft geef gaf leveren levert "
        "lever leverde bijdragen draagt bij bijdrage aanbieden biedt aan"
    ),
    "take": (
        "take takes taking took receive receives receiving received get gets getting got gain "
        "gains gaining gained "
        "halen haalt haal haalde ophalen haalt op krijgen krijgt krijg kreeg ontvangen ontvangt "
        "ontvang ontving nemen neemt"
    ),
    "both": ("both mutual mutually two-way reciprocal beide allebei wederzijds wederkerig"),
}
"""Direction words a comment or tag may put next to an interest-balance code, in English and
Dutch, besides the codebook's own `direction_labels:`."""
_BOTH_PHRASES = (
    "bring and take",
    "brings and takes",
    "give and take",
    "gives and receives",
    "give and receive",
    "gives and takes",
    "brengen en halen",
    "halen en brengen",
    "brengt en haalt",
    "haalt en brengt",
    "geven en nemen",
    "geeft en krijgt",
    "geven en krijgen",
    "geeft en ontvangt",
)
_SEPARATOR = r"(?:[-–—/:|=>]+\s*)?"


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def direction_words(codebook: Codebook) -> dict[str, str]:
    """Every word or phrase that gives a direction in a comment or tag -> bring / take / both:
    the English and Dutch ones, and the codebook's own labels (which win)."""
    out = {w: d for d, words in DIRECTION_WORDS.items() for w in words.split()}
    for phrase in ("brengt in", "draagt bij", "biedt aan", "haalt op"):
        out[phrase] = "take" if phrase == "haalt op" else "bring"
    out.update({p: "both" for p in _BOTH_PHRASES})
    for code in codebook.walk():
        for direction, labels in code.direction_labels.items():
            if direction in ("bring", "take", "both"):
                for label in labels.values():
                    out[_norm(label)] = direction
    return out


def _direction_res(words: dict[str, str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A direction at the end of a comment's part ("Funding gives", "Staff time - gives",
    "Funding (receives)") and at its start ("gives: Funding")."""
    alts = "|".join(
        r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)
    )
    trailing = re.compile(
        r"\s*" + _SEPARATOR + r"[(\[]?\s*\b(" + alts + r")\s*[)\]]?[.!]*\s*$", re.I
    )
    leading = re.compile(r"^\s*[(\[]?\s*(" + alts + r")\b\s*[)\]]?\s*" + _SEPARATOR, re.I)
    return trailing, leading


@dataclass
class NamedCode:
    code: Code
    direction: str | None = None
    note: str | None = None


@dataclass
class ManualResult:
    codings: list[Coding] = field(default_factory=list)
    memos: list[Memo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Said when the file is read for the first time or changed."""
    notices: list[str] = field(default_factory=list)
    """Said whenever the file is read: what a codebook edit did to its comments and tags."""


def _person(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class Remembered:
    """What a transcript's comments and tags were read as when it was last coded."""

    codings: dict[tuple[str, str, str], list[tuple[str | None, str, str | None, str | None]]] = (
        field(default_factory=dict)
    )
    """(source, person, marked text) -> (comment text or None, code, direction, note)."""
    memos: dict[tuple[str, str, str, str], list[str]] = field(default_factory=dict)
    """(source, person, comment text, marked text) of each stored memo -> the codes it was
    coded before the codebook lost them (`lost_in` its reason)."""

    @classmethod
    def of(
        cls, codings: list[tuple[Any, ...]], memos: list[tuple[Any, ...]], legacy: bool
    ) -> Remembered:
        """From `Store.hand_marks`. `legacy`: also codings stored without their comment's text
        (before lernet kept it), which only an unchanged file may use: its comments are as
        they were."""
        out = cls()
        for source, coder, text, marked, code, direction, note in codings:
            if text is None and not legacy:
                continue
            key = (str(source), _person(str(coder)), str(marked))
            out.codings.setdefault(key, []).append((text, str(code), direction, note))
        for source, author, text, marked, *reason in memos:
            memo = (str(source), _person(str(author)), str(text), str(marked))
            out.memos[memo] = lost_in(str(reason[0])) if reason else []
        return out

    def codes(
        self, source: str, author: str, text: str, marked: str
    ) -> list[tuple[str, str | None, str | None]]:
        """(code, direction, note) this comment was read as, if its text is as it was."""
        rows = self.codings.get((source, _person(author), marked), [])
        chosen = [r for r in rows if r[0] == text] or [r for r in rows if r[0] is None]
        out: dict[str, tuple[str, str | None, str | None]] = {}
        for _, code, direction, note in chosen:
            out.setdefault(code, (code, direction, note))
        return list(out.values())

    def had_memo(self, source: str, author: str, text: str, marked: str) -> bool:
        return (source, _person(author), text, marked) in self.memos

    def lost(self, source: str, author: str, text: str, marked: str) -> list[str]:
        """The codes this comment's memo says it was coded before the codebook lost them."""
        return self.memos.get((source, _person(author), text, marked), [])


def find_code(codebook: Codebook, name: str) -> Code | None:
    """A theme or code named in a comment; a leading '#' is allowed."""
    return codebook.find(name.strip().lstrip("#"))


def read_codes(codebook: Codebook, text: str) -> tuple[list[NamedCode], list[str]]:
    """The codes a comment names, and the parts of it that name none.

    A part that is only a direction word ("Expertise, receives") gives the code before it its
    direction."""
    found: list[NamedCode] = []
    unknown: list[str] = []
    words = direction_words(codebook)
    res = _direction_res(words)
    for piece in _SPLIT_RE.split(text):
        piece = piece.strip().rstrip(".!")
        if not piece:
            continue
        named = _one(codebook, piece, words, res)
        if named is None:
            direction = words.get(_norm(piece.strip("()[] ")))
            if direction and found and found[-1].direction is None and found[-1].code.directional:
                found[-1].direction = direction
                continue
            unknown.append(piece)
        elif all(n.code.id != named.code.id for n in found):
            found.append(named)
    return found, unknown


def _one(
    codebook: Codebook,
    piece: str,
    words: dict[str, str],
    res: tuple[re.Pattern[str], re.Pattern[str]],
) -> NamedCode | None:
    code = find_code(codebook, piece)
    if code is not None:
        return NamedCode(code)
    trailing, leading = res
    m = trailing.search(piece)
    if m and m.start() > 0:
        code = find_code(codebook, piece[: m.start()])
        if code is not None:
            return NamedCode(code, words[_norm(m.group(1))])
    m = leading.match(piece)
    if m and m.end() < len(piece):
        code = find_code(codebook, piece[m.end() :])
        if code is not None:
            return NamedCode(code, words[_norm(m.group(1))])
    m = _NOTE_RE.search(piece)
    if m and m.start() > 0:
        head, note = piece[: m.start()], piece[m.end() :].rstrip(")").strip()
        named = _one(codebook, head, words, res)
        if named is not None:
            below = _code_below(codebook, named.code, note, words, res)
            if below is not None:  # "Boundary crossing – Working across organisations"
                return below
            named.note = note or None
            d = words.get(_norm(note.strip("()[] "))) if note else None
            if d:
                named.direction = d
            return named
    return None


def _code_below(
    codebook: Codebook,
    head: Code,
    rest: str,
    words: dict[str, str],
    res: tuple[re.Pattern[str], re.Pattern[str]],
) -> NamedCode | None:
    """The code below `head` that what follows it after a colon or dash names ("Boundary
    crossing – Working across organisations", "Exchange: Contacts - gives"): the path from a
    theme to its code, not a note on the theme."""
    if not rest or _SUB_RE.search(rest) is None:
        return None
    named = _one(codebook, rest, words, res)
    if named is None or not named.code.id.startswith(head.id + "."):
        return None
    return named


_SUB_RE = re.compile(r"\w")


JOINED_RE = re.compile(r"\s+(?:and|&|\+|en|plus)\s+", re.IGNORECASE)
"""Words that join two codes in a comment where a separator was meant ("Applied value and
Realised value")."""
NEAR = 0.75
"""How alike (difflib's ratio, folded) a comment's part and a label or id must be for lernet to
ask "did you mean …?"."""


def memo_hint(codebook: Codebook, unknown: list[str]) -> str:
    """What to do about the parts of a comment that name no code, where lernet can tell: two
    codes joined by "and" ("separate codes with ',' or ';'"), or a name near a label or id
    ("Brokerage": did you mean 'Brokering'?; "Organizational culture", US spelling of
    'Organisational culture'). "" where it cannot."""
    import difflib

    names: dict[str, Code] = {}
    for code in codebook.walk():
        for label in code.labels.values():
            names.setdefault(" ".join(label.split()).casefold(), code)
        names.setdefault(code.id.rsplit(".", 1)[-1].replace("_", " ").casefold(), code)
        names.setdefault(code.id.casefold(), code)  # a full id mistyped ("werkdruk.tijdgebrk")
    labels = {
        " ".join(label.split()).casefold(): label
        for c in codebook.walk()
        for label in c.labels.values()
    }
    hints: list[str] = []
    for piece in unknown:
        parts = [p.strip() for p in JOINED_RE.split(piece) if p.strip()]
        if len(parts) > 1 and all(
            read_codes(codebook, p)[0] and not read_codes(codebook, p)[1] for p in parts
        ):
            hints.append(
                f"{piece!r} names {len(parts)} codes: separate codes with ',' or ';' "
                f"({'; '.join(parts)!r})"
            )
            continue
        head = _NOTE_RE.split(piece.strip().lstrip("#"), maxsplit=1)[0]
        key = " ".join(head.split()).casefold()
        near = difflib.get_close_matches(_british(key), [_british(n) for n in names], 1, NEAR)
        if not near:
            continue
        found = next(n for n in names if _british(n) == near[0])
        code = names[found]
        shown = labels.get(found, code.id)
        also = f" ({code.id})" if shown != code.id else ""
        hints.append(f"{head!r}: did you mean {shown!r}{also}?")
    return "; ".join(hints)


def _british(name: str) -> str:
    """A folded name with US -ize/-yze spellings as British -ise/-yse, so "organizational"
    is as near "organisational" as its own spelling."""
    return re.sub(r"(?<=\w)(i|y)z(?=(e|es|ed|ing|ation|ations|ational|er|ers)\b)", r"\1s", name)


def comment_time(value: str | None) -> str | None:
    """When a comment was written, as the store keeps a memo's time; None without a readable
    one (a tag, a file that keeps no dates). Word writes the writer's clock with a "Z" after it
    and shows it as written, LibreOffice the clock alone: such a time is kept as written,
    without a zone, so that the memo's date is the one Word showed; one with another offset is
    kept in UTC."""
    from datetime import UTC, datetime

    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is not None and moment.utcoffset():
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    return moment.replace(tzinfo=None).isoformat(timespec="seconds")


def manual_codings(
    codebook: Codebook,
    transcript: Transcript,
    coder: str = DEFAULT_CODER,
    remembered: Remembered | None = None,
) -> ManualResult:
    """Codings from the transcript's comments and tags, on participant turns (segments 1-based).

    The comment's author is the coder (tags have none: `coder` is used). A comment over a question
    and its answer codes the answer; one over the interviewer's words only, or over no speech,
    is kept as a memo with the reason.
    """
    out = ManualResult()
    by_note: dict[int, list[tuple[int, int, int]]] = {}
    notes = {}
    for mark in transcript.marks:
        by_note.setdefault(id(mark.annotation), []).append((mark.turn, mark.start, mark.end))
        notes[id(mark.annotation)] = mark.annotation
    for note in transcript.unplaced:
        notes[id(note)] = note
    for key, note in notes.items():
        who = note.author or coder
        what = "comment" if note.kind == "comment" else "tag"
        named, unknown = read_codes(codebook, note.note)
        spans = by_note.get(key, [])
        text = note.note
        if note.kind == "tag" and (not named or unknown):
            longer = colon_label(codebook, note.note, transcript, spans)
            if longer is not None:
                text, spans = longer
                named, unknown = read_codes(codebook, text)
        spoken = [(t, s, e) for t, s, e in spans if transcript.turns[t].role == "participant"]
        where = spoken[0] if spoken else (spans[0] if spans else None)
        lost: list[str] = []
        if remembered is not None and spoken:
            t, s, e = spoken[0]
            marked = transcript.turns[t].text[s:e]
            unknown, lost = _remember(
                codebook, remembered, what, who, text, marked, named, unknown, out
            )
            lost = lost or [
                c for c in remembered.lost(what, who, text, marked) if c not in codebook.codes
            ]
        reason = None
        if not named or unknown:
            reason = _why(codebook, named, unknown, text)
        elif not spoken:
            reason = "marks no participant speech" if spans else "marks no speech"
        if reason is not None:
            seg, start, end = (where[0] + 1, where[1], where[2]) if where else (None, 0, 0)
            # The codes it counted under before stay named in the memo, for `lernet codebook
            # renamed` to move it back and `lernet code` to warn of it meanwhile.
            reason = with_lost(reason, lost)
            out.memos.append(
                Memo(seg, start, end, who, text, what, reason, comment_time(note.date))
            )
            hint = memo_hint(codebook, unknown) if unknown else ""
            out.warnings.append(
                f"{what} by {who} {text!r}: {reason} (kept as a memo)"
                + (f"; {hint}" if hint else "")
            )
        undirected: list[str] = []
        for turn, start, end in spoken:
            doc = None
            for n in named:
                direction = n.direction
                if direction is None and n.code.directional and n.code.directions:
                    doc = doc or make_doc(transcript.turns[turn].text)
                    direction = find_direction(doc, start, end, n.code.directions)
                if direction is None and n.code.directional and n.code.id not in undirected:
                    undirected.append(n.code.id)
                out.codings.append(
                    tag_coding(
                        0,
                        turn + 1,
                        n.code.id,
                        (start, end),
                        who,
                        what,
                        direction,
                        n.note,
                        text,
                        comment_time(note.date),
                    )
                )
        # a code with codes below it (the matrix's theme) is in no row: a direction would not
        # show it; one of the codes below, with a direction, would
        above = [c for c in undirected if codebook.codes[c].children]
        undirected = [c for c in undirected if c not in above]
        if undirected:
            # the study's own direction words where its codebook declares them, else those of
            # the language the comment names the code in: „Kennis brengt”, "Knowledge gives"
            first = codebook.codes[undirected[0]]
            lang = comment_language(codebook, first, text)
            own = first.own_direction_words(lang)
            stock = HINT_WORDS.get(lang, HINT_WORDS["en"])
            words = (
                f"{own['bring']}, {own['take']} or {own['both']}"
                if len(own) == 3
                else f"{stock['bring']}, {stock['take']} or {stock['both']}"
            )
            out.warnings.append(
                f"{what} by {who} {text!r}: {', '.join(undirected)} coded without a "
                "direction (no direction word in the comment, no cue in the text it marks): "
                f"the matrix shows it as direction unknown; add {words}, e.g. "
                f"'{' '.join(text.split())} {own.get('bring', stock['bring'])}'"
            )
        if above:
            out.warnings.append(
                _above_rows_warning(codebook, f"{what} by {who} {text!r}", above, text)
            )
    out.notices = once(out.notices)
    return out


HINT_WORDS = {
    "nl": {"bring": "brengt", "take": "haalt", "both": "beide"},
    "en": {"bring": "gives", "take": "receives", "both": "both"},
}
"""The direction words a warning's example of a comment or tag writes after a code, in the
language the comment names it in (a codebook's own `direction_labels:` aside)."""


def comment_language(codebook: Codebook, code: Code, text: str) -> str:
    """The language a comment or tag names `code` in, for the direction word of a warning's
    example ("Kennis" takes „brengt”, "Knowledge" "gives", not „Kennis gives”): the language
    of its label the text holds, else (an id) the codebook's."""
    default = codebook.language or "nl"
    said = _norm(text)
    found = [lang for lang, label in code.labels.items() if label.strip() and _norm(label) in said]
    if default in found or not found:
        return default
    return found[0]


def _above_rows_warning(codebook: Codebook, where: str, codes: list[str], text: str) -> str:
    """A comment or tag that coded a code with codes below it (the matrix's theme) without a
    direction: the matrix's rows are the codes below, so the example is one of them with a
    direction, not this code's own name with one (which no row would show either); in the
    language the comment names the code in."""
    lang = comment_language(codebook, codebook.codes[codes[0]], text)
    row = codebook.codes[codes[0]]
    while row.children:
        row = row.children[0]
    own = row.own_direction_words(lang)
    word = own.get("bring") or HINT_WORDS.get(lang, HINT_WORDS["en"])["bring"]
    return (
        f"{where}: {', '.join(codes)} coded without a direction, and the matrix shows no coding "
        "of it: its rows are the codes below it; code one of those with a direction instead, "
        f"e.g. '{row.label(lang)} {word}'"
    )


TAG_HEAD_MAX = 120
"""How long a tag's name may be (readers/tags.py)."""


def colon_label(
    codebook: Codebook, head: str, transcript: Transcript, spans: list[tuple[int, int, int]]
) -> tuple[str, list[tuple[int, int, int]]] | None:
    """A tag that names a code by a label holding a colon ("[[Fase: groeiend: tekst]]"), which
    the reader cut at its first colon ("Fase"): the longest name its text continues to that
    names codes ("Fase: groeiend"), and its spans with that part of the text left out."""
    if not spans:
        return None
    turn, start, end = spans[0]
    marked = transcript.turns[turn].text[start:end]
    cuts = [i for i, ch in enumerate(marked[:TAG_HEAD_MAX]) if ch == ":"]
    for cut in reversed(cuts):
        name = f"{head.strip()}: {marked[:cut].strip()}"
        named, unknown = read_codes(codebook, name)
        if named and not unknown:
            rest = marked[cut + 1 :]
            skip = cut + 1 + len(rest) - len(rest.lstrip())
            return name, [(turn, start + skip, end), *spans[1:]]
    return None


def once(lines: list[str]) -> list[str]:
    """Each line once, in order; one said of several comments or tags with the same text says
    how many."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    return [line if n == 1 else f"{line} ({n} times in this file)" for line, n in counts.items()]


def lost_codes(what: str, who: str, text: str, lost: list[str]) -> str:
    """What lernet says of a comment or tag that counted under codes the codebook no longer has
    and now names none: it is a memo (read from the file again, or from the store)."""
    return (
        f"{what} by {who} {text!r} was coded {', '.join(lost)}, which the codebook no longer "
        "has: kept as a memo, not counted"
    )


_LOST_RE = re.compile(r"; coded (\S+(?:, \S+)*) before, which the codebook no longer has$")


def with_lost(reason: str, lost: list[str]) -> str:
    """A memo's reason, naming the codes it was coded before the codebook lost them."""
    if not lost:
        return reason
    return f"{reason}; coded {', '.join(lost)} before, which the codebook no longer has"


def lost_in(reason: str) -> list[str]:
    """The codes a memo's reason says it was coded before the codebook lost them."""
    m = _LOST_RE.search(reason)
    return m.group(1).split(", ") if m else []


def without_lost(reason: str) -> str:
    """A memo's reason without the codes it was coded before."""
    return _LOST_RE.sub("", reason)


def memo_reason(codebook: Codebook, text: str) -> str | None:
    """Why a comment or tag with this text is a memo, as reading it makes it one: it names no
    code (or some parts name none); None when it names codes of the codebook, wholly."""
    named, unknown = read_codes(codebook, text)
    return _why(codebook, named, unknown, text) if not named or unknown else None


def _several(codebook: Codebook, piece: str) -> list[Code]:
    """The codes a part of a comment names when it names more than one (a label two codes
    share, a short id in two themes)."""
    heads = [piece]
    m = _NOTE_RE.search(piece)
    if m and m.start() > 0:
        heads.append(piece[: m.start()])
    for head in heads:
        found = codebook.named(head.strip().lstrip("#"))
        if len(found) > 1:
            return found
    return []


def _why(codebook: Codebook, named: list[NamedCode], unknown: list[str], text: str) -> str:
    """Why a comment or tag is a memo: it names no code, or a name in it names more than one
    code (never silently the first), or some parts name none."""
    several = {u: _several(codebook, u) for u in unknown}
    amb = [u for u in unknown if several[u]]
    plain = [u for u in unknown if not several[u]]
    if not named and not amb:
        return "names no code" if text.strip() else "is empty"
    parts = []
    if amb:
        parts.append(
            "names more than one code: "
            + "; ".join(f"{u!r} is {' or '.join(c.id for c in several[u])}" for u in amb)
            + " (write the full id)"
        )
    if plain:
        parts.append("names no code: " + ", ".join(repr(u) for u in plain))
    return "; ".join(parts)


def _remember(
    codebook: Codebook,
    remembered: Remembered,
    what: str,
    who: str,
    text: str,
    marked: str,
    named: list[NamedCode],
    unknown: list[str],
    out: ManualResult,
) -> tuple[list[str], list[str]]:
    """Give a comment that counted before and names no code now (a label was edited) the codes
    it was read as, and say so; the unknown parts that remain (none when it counted wholly), and
    the codes it was read as that the codebook no longer has."""
    before = remembered.codes(what, who, text, marked)
    if not before:
        return unknown, []
    have = {n.code.id for n in named}
    if not unknown and not named:
        return unknown, []
    if not unknown:
        ids = sorted(b[0] for b in before)
        # A code it names besides those it was read as is a code added to the codebook (a part
        # that named none names it now), not a label that moved: only a code it no longer
        # names is worth a word.
        if set(ids) - have and all(i in codebook.codes for i in ids):
            out.notices.append(
                f"{what} by {who} {text!r} now names {', '.join(sorted(have))}; it named "
                f"{', '.join(ids)} when it was read (a label moved to another code?)"
            )
        return unknown, []
    kept = [b for b in before if b[0] in codebook.codes and b[0] not in have]
    lost = [b[0] for b in before if b[0] not in codebook.codes]
    for code, direction, note in kept:
        named.append(NamedCode(codebook.codes[code], direction, note))
    if kept:
        out.notices.append(
            f"{what} by {who} {text!r} names no code of the codebook now (an id or a label was "
            "changed?); "
            f"it keeps {', '.join(k[0] for k in kept)}, as when it was read (write the code's "
            f"id or label in the {what} to make this note go)"
        )
    if lost:
        out.notices.append(lost_codes(what, who, text, lost))
    if kept and not lost and not remembered.had_memo(what, who, text, marked):
        return [], lost
    return unknown, lost


def tag_coding(
    transcript_id: int,
    segment: int,
    code: str,
    span: tuple[int, int],
    author: str,
    source: str,
    direction: str | None,
    note: str | None,
    annotation: str,
    created_at: str | None = None,
) -> Coding:
    """The accepted coding a comment or tag (`source`) by `author` makes: its whole text is the
    annotation, so an unchanged comment keeps the codes it named when a label is edited. It is
    dated when the comment was written, where the file says (`comment_time`)."""
    return Coding(
        transcript_id=transcript_id,
        segment=segment,
        code=code,
        start=span[0],
        end=span[1],
        coder=author,
        rule=source,
        direction=direction,
        status="accepted",
        source=source,
        note=note,
        annotation=annotation,
        created_at=created_at,
    )

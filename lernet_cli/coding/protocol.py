"""Structural coding by interview question: the answer to a protocol question gets its codes.

A question is recognised in an interviewer turn by its number ("13.", "Vraag 13", "Q13:"), by
its `match:` rules, or by its wording: at least 60% (and two) of the question's content words
occur in the turn, in any inflection. The answer is every participant turn until the next
recognised question or the next other question of six words or more; short follow-ups ("Waarom?")
do not end it. With `answer: first` only the first participant turn counts. Codings are the coder
`protocol`'s, pending like the rules' until reviewed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..codebook.codebook import Codebook
from ..codebook.rules import Rule, RuleSyntaxError, compile_rule
from ..codebook.yamlio import LineDict, load_yaml, read_text_file
from ..errors import CodebookError, printable
from ..language.text import make_doc, word_forms
from ..model import PROTOCOL_CODER, Coding, Transcript
from ..readers.labels import is_question
from .manual import find_code

CODER = PROTOCOL_CODER
KEYS = {"version", "name", "language", "description", "questions"}
QUESTION_KEYS = {"number", "text", "codes", "match", "answer"}
MIN_SHARE = 0.6
FOLLOW_UP_WORDS = 6
"""An interviewer question of fewer words ("Waarom?", "Hoe bedoelt u dat?") is a follow-up and
does not end the answer; a longer question that is not in the protocol does."""
_NUMBER_RE = re.compile(r"^\s*(?:(?:vraag|question|v|q)\s*)?(\d{1,3})\s*[.):]\s", re.I)
_WORD_RE = re.compile(r"\w+", re.U)
STOPWORDS = frozenset(
    """de het een en of in op te van voor met aan bij uit over naar door om als dan dat die dit
    deze er is zijn was wordt worden heeft hebben u uw jij je jullie wij we ze zij hij ik mijn
    ons onze wat welke welk hoe waar waarom wanneer wie hoeveel hoezo kunt kan zou zouden moet
    moeten wilt wil volgens nog niet wel ook al eens the a an and or of to in on for with at by
    from as is are was were be been do does did you your we our they what which how why when
    who can could would should""".split()
)


@dataclass
class Question:
    number: int
    text: str
    codes: list[str]
    rules: list[Rule] = field(default_factory=list)
    answer: str = "all"
    words: list[frozenset[str]] = field(default_factory=list)
    line: int = 0


@dataclass
class Protocol:
    path: str
    name: str
    questions: list[Question]
    digest: str

    def recognise(self, text: str) -> Question | None:
        """The protocol question an interviewer turn asks, if any."""
        m = _NUMBER_RE.match(text)
        if m:
            number = int(m.group(1))
            for q in self.questions:
                if q.number == number:
                    return q
        doc = None
        for q in self.questions:
            if q.rules:
                doc = doc or make_doc(text)
                if any(next(iter(rule.find(doc)), None) for rule in q.rules):
                    return q
        forms: set[str] = set()
        for w in _WORD_RE.findall(text):
            forms |= word_forms(w)
        best, best_share = None, 0.0
        for q in self.questions:
            if len(q.words) < 2:
                continue
            hits = sum(1 for f in q.words if f & forms)
            share = hits / len(q.words)
            if hits >= 2 and share >= MIN_SHARE and share > best_share:
                best, best_share = q, share
        return best


def content_words(text: str) -> list[frozenset[str]]:
    words = [w for w in _WORD_RE.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]
    return [word_forms(w) for w in dict.fromkeys(words)]


def load_protocol(path: Path, codebook: Codebook) -> Protocol:
    """Read a protocol file; every problem is a CodebookError with the file and line."""
    text = read_text_file(path, CodebookError)
    data = load_yaml(path, CodebookError, text)
    if not isinstance(data, LineDict) or not isinstance(data.get("questions"), list):
        raise CodebookError("a protocol must be a mapping with questions: (a list)", path, 1)
    for key in data:
        if key not in KEYS:
            raise CodebookError(f"unknown key {key!r}", path, data.line_of(key))
    questions: list[Question] = []
    seen: set[int] = set()
    for raw in data["questions"]:
        questions.append(_question(raw, path, codebook, seen))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Protocol(str(path), str(data.get("name") or printable(path.stem)), questions, digest)


def _question(raw: Any, path: Path, codebook: Codebook, seen: set[int]) -> Question:
    line = raw.line if isinstance(raw, LineDict) else 0
    if not isinstance(raw, LineDict):
        raise CodebookError("each question must be a mapping (number, text, codes)", path, line)
    for key in raw:
        if key not in QUESTION_KEYS:
            raise CodebookError(f"unknown key {key!r} in a question", path, raw.line_of(key))
    number = raw.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        raise CodebookError("number: must be a whole number", path, raw.line_of("number"))
    if number in seen:
        raise CodebookError(f"question {number} appears twice", path, raw.line_of("number"))
    seen.add(number)
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CodebookError(f"question {number}: text: is missing", path, raw.line_of("text"))
    codes_raw = raw.get("codes", [])
    if not isinstance(codes_raw, list):
        raise CodebookError(f"question {number}: codes: must be a list", path, raw.line_of("codes"))
    codes = []
    for name in codes_raw:
        code = find_code(codebook, str(name))
        if code is None:
            raise CodebookError(
                f"question {number}: unknown code {name!r} (not in {Path(codebook.path).name})",
                path,
                raw.line_of("codes"),
            )
        codes.append(code.id)
    answer = str(raw.get("answer", "all"))
    if answer not in ("all", "first"):
        raise CodebookError(
            f"question {number}: answer: must be all or first", path, raw.line_of("answer")
        )
    rules = []
    match = raw.get("match", [])
    if not isinstance(match, list):
        raise CodebookError(f"question {number}: match: must be a list", path, raw.line_of("match"))
    for i, rule_raw in enumerate(match, 1):
        try:
            rules.append(compile_rule(rule_raw, f"protocol q{number}#{i}"))
        except RuleSyntaxError as exc:
            raise CodebookError(
                f"question {number}: rule {i}: {exc}", path, raw.line_of("match")
            ) from None
    return Question(number, text, codes, rules, answer, content_words(text), line)


def protocol_codings(protocol: Protocol, transcript: Transcript) -> list[Coding]:
    """One coding per code of a recognised question on each participant turn of its answer."""
    out: list[Coding] = []
    current: Question | None = None
    answered = 0
    for i, turn in enumerate(transcript.turns, 1):
        if turn.role == "interviewer":
            asked = protocol.recognise(turn.text)
            if asked is not None:
                current, answered = asked, 0
            elif is_question(turn.text) and len(turn.text.split()) >= FOLLOW_UP_WORDS:
                current = None
            continue
        if current is None or (current.answer == "first" and answered):
            continue
        answered += 1
        text = turn.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        for code in current.codes:
            out.append(
                Coding(
                    transcript_id=0,
                    segment=i,
                    code=code,
                    start=start,
                    end=end,
                    coder=CODER,
                    rule=f"protocol q{current.number}",
                    source="protocol",
                )
            )
    return out

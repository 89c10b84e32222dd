"""Whether a turn asks, with or without a question mark; which turns of a transcript without
labels are the interviewer's questions."""

from __future__ import annotations

from ...model import Turn
from .words import _FILLERS, _WORD_RE, QUESTION_WORDS


def is_question(text: str) -> bool:
    """A turn that asks: it has a question mark or opens with a question word or a prompt."""
    if "?" in text:
        return True
    for m in _WORD_RE.finditer(text, 0, 200):
        word = m.group(0).lower()
        if word not in _FILLERS:
            return word in QUESTION_WORDS
    return False


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

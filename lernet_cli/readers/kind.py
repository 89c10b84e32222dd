"""Files kept beside the transcripts that are no interview: the interview guide, a consent form,
an invitation letter, the codebook as a table, field notes, the draft report.

`lernet code FOLDER` leaves such a file out rather than count it as a participant's interview
(and store the name a consent form is signed with). The file's structure decides first: speaker
turns, or questions with answers, make an interview whatever the file is called; questions
without answers, statements to sign with a signature line, a letter's salutation and closing, or
short lines without a sentence make none. Only a text without any of these (prose nobody is
said to speak) is then judged by the words of its name or title ("leidraad", "consent",
"rapport"), and an interview without labels (a monologue) that none of them names is coded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import Transcript, Turn
from .labels import asks

GUIDE = "an interview guide"
CONSENT = "a consent form"
LETTER = "a letter"
CODEBOOK = "a codebook"
REPORT = "a report"
NOTES = "field notes"
NO_INTERVIEW = "no interview"

NAME_WORDS: dict[str, tuple[str, ...]] = {
    GUIDE: (
        "leidraad",
        "topiclijst",
        "topiclist",
        "guide",
        "protocol",
        "vragenlijst",
        "questionnaire",
    ),
    CONSENT: ("toestemming", "consent"),
    LETTER: ("uitnodiging", "invitation", "informatiebrief", "informationsheet"),
    CODEBOOK: ("codeboek", "codebook", "codeerschema", "codingscheme", "codingframe"),
    REPORT: (
        "rapport",
        "report",
        "onderzoeksverslag",
        "eindverslag",
        "scriptie",
        "thesis",
        "manuscript",
        "hoofdstuk",
        "chapter",
    ),
    NOTES: ("veldnotitie", "fieldnote", "observatieverslag"),
}
"""Words (or parts of compounds: Interviewleidraad, Toestemmingsformulier, Conceptrapport) of a
file's name or title that say what it is."""
INTERVIEW_WORDS = frozenset(
    "interview interviews transcript transcripts transcriptie transcripties gesprek "
    "gesprekken".split()
)
"""A name with one of these as a word of its own is an interview's, even where it also says
consent or report (`interview_consent_study_P03.docx`); a guide or field notes are about
interviews, so these words do not undo those."""
ABOUT_INTERVIEWS = (GUIDE, NOTES)

SPOKEN = frozenset({".srt", ".vtt"})
"""Subtitles: always speech, whatever their lines look like."""
DOCUMENTS = frozenset({".docx", ".odt", ".rtf", ".pdf", ".md", ".markdown"})
"""Formats in which a list or table of short lines is written, not spoken (speech recognition
writes .txt in short lines too)."""

ANSWER_WORDS = 12
"""A turn right after a question that is at least this long and asks nothing answers it."""
LIST_WORDS = 8
"""A list's or table's lines are at most this long, and none ends a sentence."""
MIN_LIST_LINES = 4
LONG_ANSWER = 25
"""Without labels, questions in bold (or that ask) with nothing this long between them are a
guide's questions and prompts, not an interview's."""

_BLANK_RE = re.compile(r"_{4,}|\.{5,}|…{3,}|[☐□]")
_SIGN_RE = re.compile(
    r"\b(?:handtekening|ondertekening|paraaf|signature)(?: \w+){0,3}\s*(?:[:_.…]|$)", re.I | re.M
)
"""A field to sign: "Handtekening:", "Signature of participant ____"."""
_DECLARE_RE = re.compile(
    r"(?:^|(?<=[.;:!?] ))\s*(?:\d+[.)]\s*|[-•*☐□]\s*)?(?:ik verklaar|ik geef toestemming"
    r"|ik ga akkoord|ik begrijp|ik weet dat|ik heb de informatie|ik stem (?:er )?mee in"
    r"|ik ben geïnformeerd|i confirm|i agree|i understand|i consent"
    r"|i give (?:my )?(?:permission|consent)|i have read|i am aware)\b",
    re.I | re.M,
)
"""A statement to agree to, at a line's or a sentence's start (a PDF's lines run on)."""
_SALUTATION_RE = re.compile(r"^(?:beste|geachte|dear|hallo|hello)\b", re.I)
_CLOSING_RE = re.compile(
    r"^(?:met )?(?:vriendelijke|hartelijke|hoogachtende?) groet|^groet(?:en|jes)?\b"
    r"|^(?:kind|best|warm) regards|^yours (?:sincerely|faithfully)|^(?:sincerely|regards)\b",
    re.I,
)
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]*]*$")
_NAME_WORD_RE = re.compile(r"[^\W\d_]+")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True)
class NoInterview:
    """What a file looks like instead of an interview, and the evidence."""

    what: str
    why: str

    def __str__(self) -> str:
        return f"{self.what} ({self.why})"


def not_an_interview(transcript: Transcript, path: Path | str | None = None) -> NoInterview | None:
    """What the file looks like if it is no interview; None for anything that may be one."""
    path = Path(path if path is not None else transcript.path)
    if path.suffix.lower() in SPOKEN or transcript.metadata.get("participant"):
        return None  # subtitles are speech; front matter that names a participant says so
    turns = [t for t in transcript.turns if t.text.strip()]
    if not turns:
        return None
    how = transcript.speakers_from
    if how == "labels":
        return _only_the_interviewer(turns)
    by_name = named(path, title(transcript))
    if how in ("bold", "questions"):
        # short answers ("Ja.", "Twee jaar.") look like a guide's prompts: the name must say so
        prompts = _prompts_only(turns, how)
        if prompts is None or by_name is None:
            return None
        return NoInterview(by_name.what, f"{prompts.why}; {by_name.why}")
    if how != "none":
        return None
    found = _questions_only(turns) or _form(turns) or _letter(turns)
    if found is None and path.suffix.lower() in DOCUMENTS:
        found = _short_lines(turns)
    if found is not None and found.what == NO_INTERVIEW and by_name is not None:
        return NoInterview(by_name.what, f"{found.why}; {by_name.why}")
    return found or by_name


def _only_the_interviewer(turns: list[Turn]) -> NoInterview | None:
    """Labelled turns, all the interviewer's: the questions without the answers."""
    if any(t.role == "participant" for t in turns):
        return None
    labels = sorted({t.speaker for t in turns})
    why = f"only the interviewer's turns ({', '.join(labels)}), no participant's"
    asking = sum(1 for t in turns if asks(t.text))
    return NoInterview(GUIDE if 2 * asking >= len(turns) else NO_INTERVIEW, why)


def _prompts_only(turns: list[Turn], how: str) -> NoInterview | None:
    """Questions told apart by bold or by asking, with only short lines between them (a guide's
    prompts: "Doorvragen naar voorbeelden"), and fewer words there than in the questions; as an
    interview of short answers reads so too, its name or title decides."""
    questions = [t for t in turns if t.role == "interviewer"]
    between = [t for t in turns if t.role == "participant"]
    if len(questions) < 3:
        return None
    asked = sum(_words(t.text) for t in questions)
    said = [_words(t.text) for t in between]
    if sum(said) > asked or any(n >= LONG_ANSWER for n in said):
        return None
    shown = "in bold" if how == "bold" else "that ask"
    return NoInterview(GUIDE, f"{len(questions)} questions {shown} and no answers")


def _questions_only(turns: list[Turn]) -> NoInterview | None:
    """Questions, two fifths of the lines or more, that nothing answers."""
    asked = [asks(t.text) for t in turns]
    n = sum(asked)
    if n < 3 or 5 * n < 2 * len(turns):
        return None
    answered = sum(
        1
        for i, q in enumerate(asked[:-1])
        if q and not asked[i + 1] and _words(turns[i + 1].text) >= ANSWER_WORDS
    )
    if 4 * answered > n:
        return None
    return NoInterview(GUIDE, f"{n} questions and no answers")


def _form(turns: list[Turn]) -> NoInterview | None:
    """Statements to agree to ("Ik verklaar dat…", "I confirm that…") and a line to sign."""
    text = "\n".join(t.text for t in turns)
    declared = len(_DECLARE_RE.findall(text))
    signed = bool(_SIGN_RE.search(text))
    blank = bool(_BLANK_RE.search(text))
    if not (signed and (blank or declared >= 2)) and not (blank and declared >= 2):
        return None
    parts = []
    if declared:
        parts.append(f"{declared} statement{'' if declared == 1 else 's'} to agree to")
    parts.append("a signature line" if signed else "lines to fill in")
    return NoInterview(CONSENT, " and ".join(parts))


def _letter(turns: list[Turn]) -> NoInterview | None:
    """A salutation ("Beste…", "Dear…") at the top and a closing ("Met vriendelijke groet")
    at the bottom."""
    opens = any(
        _SALUTATION_RE.match(t.text.strip()) and _words(t.text) <= LIST_WORDS for t in turns[:3]
    )
    closes = any(_CLOSING_RE.match(t.text.strip()) for t in turns[-4:])
    if opens and closes:
        return NoInterview(LETTER, "a salutation and a closing")
    return None


def _short_lines(turns: list[Turn]) -> NoInterview | None:
    """A list or a table: short lines, none of them a sentence."""
    lines = [line.strip() for t in turns for line in t.text.splitlines() if line.strip()]
    if len(lines) < MIN_LIST_LINES:
        return None
    if any(_words(line) > LIST_WORDS or _SENTENCE_END_RE.search(line) for line in lines):
        return None
    return NoInterview(NO_INTERVIEW, f"{len(lines)} short lines, none of them a sentence")


def title(transcript: Transcript) -> str | None:
    """What the document calls itself: its first heading, or a short first line that ends no
    sentence ("Veldnotities interview P05, 12 maart")."""
    given = transcript.title or transcript.metadata.get("title")  # Markdown's front matter
    if isinstance(given, str) and given.strip():
        return given
    first = next((t.text.strip() for t in transcript.turns if t.text.strip()), "")
    line = first.splitlines()[0] if first else ""
    if line and _words(line) <= 10 and not _SENTENCE_END_RE.search(line):
        return line
    return None


def named(path: Path, heading: str | None = None) -> NoInterview | None:
    """What the words of a file's name, else of its title, say it is."""
    for where, text in (("name", path.stem), ("title", heading or "")):
        found = _kind_of(text)
        if found is not None:
            what, word = found
            return NoInterview(what, f"its {where} says {word!r}")
    return None


def _kind_of(text: str) -> tuple[str, str] | None:
    """(what the words say, the word that says it), or None."""
    words = _NAME_WORD_RE.findall(_CAMEL_RE.sub(" ", text))
    folded = [w.casefold() for w in words]
    interview = any(w in INTERVIEW_WORDS for w in folded)
    shown = list(zip(folded, words, strict=True))
    pairs = [(a + b, f"{x} {y}") for (a, x), (b, y) in zip(shown, shown[1:], strict=False)]
    for what, stems in NAME_WORDS.items():
        if interview and what not in ABOUT_INTERVIEWS:
            continue
        for word, written in [*shown, *pairs]:
            if any(s in word for s in stems):
                return what, written
    return None


def _words(text: str) -> int:
    return len(text.split())

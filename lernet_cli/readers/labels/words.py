"""The word lists labels and questions are judged by: role words, name particles, words that
start a header rather than a turn, question words and fillers."""

from __future__ import annotations

import re

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

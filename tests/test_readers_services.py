"""Transcripts as transcription services write them (Amberscript, Happy Scribe, Rev, Word's
Transcribe, Sonix): generic speaker labels, timestamps beside them, and the service's own lines."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from lernet_cli.readers import read_transcript


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def roles(path: Path) -> dict[str, str]:
    return {t.speaker: t.role for t in read_transcript(path).turns}


def test_generic_labels_interviewer_with_short_replies_and_participant_tag_questions(
    tmp_path: Path,
) -> None:
    # Every "Ja." of the interviewer is a turn of its own, and the participant says "weet je?"
    # inside answers: by turns, the participant asks more often than the interviewer.
    text = (
        "Spreker 1: Hoe ben je bij de werkgroep terechtgekomen?\n"
        "Spreker 2: Via mijn leidinggevende. Die vroeg het, weet je? En toen zei ik ja.\n"
        "Spreker 1: Ja.\n"
        "Spreker 2: Het eerste jaar was vooral zoeken naar wat we wilden.\n"
        "Spreker 1: Hm hm.\n"
        "Spreker 1: Wat heeft het jou opgeleverd?\n"
        "Spreker 2: Contacten vooral, snap je? Mensen die ik nu gewoon kan bellen.\n"
        "Spreker 1: Ja.\n"
        "Spreker 2: En wat ideeën voor het inwerken van nieuwe collega's.\n"
        "Spreker 1: Oké.\n"
        "Spreker 1: Zou je het anderen aanraden?\n"
        "Spreker 1: Ja.\n"
        "Spreker 1: Hm hm.\n"
    )
    t = read_transcript(write(tmp_path, "amberscript.txt", text))
    assert t.interviewer_labels == ["Spreker 1"]
    assert roles(tmp_path / "amberscript.txt") == {
        "Spreker 1": "interviewer",
        "Spreker 2": "participant",
    }


def turns(path: Path) -> list[tuple[str, str, str | None, str]]:
    return [(t.speaker, t.role, t.timestamp, t.text) for t in read_transcript(path).turns]


EXPECTED = [
    ("Speaker 1", "interviewer", "00:00:02", "How did you end up in the group?"),
    ("Speaker 2", "participant", "00:00:06", "My manager asked me, and I said yes."),
    ("Speaker 1", "interviewer", "00:00:11", "What did it bring you?"),
    ("Speaker 2", "participant", "00:00:14", "Mostly people I can now just call."),
]


def test_happy_scribe_time_and_speaker_on_a_line_of_their_own(tmp_path: Path) -> None:
    text = "\n\n".join(f"[{ts}.00] - {who}\n{said}" for who, _, ts, said in EXPECTED)
    got = turns(write(tmp_path, "happyscribe.txt", text))
    assert got == [(w, r, f"{ts}.00", s) for w, r, ts, s in EXPECTED]


def test_word_transcribe_time_then_speaker_then_speech(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Transcript")
    for who, _, ts, said in EXPECTED:
        doc.add_paragraph(f"{ts} {who}")
        doc.add_paragraph(said)
    doc.save(tmp_path / "word.docx")
    assert turns(tmp_path / "word.docx") == EXPECTED


def test_speaker_then_time_then_speech(tmp_path: Path) -> None:
    text = "\n".join(f"{who}\n{ts}\n{said}\n" for who, _, ts, said in EXPECTED)
    assert turns(write(tmp_path, "transcribe.txt", text)) == EXPECTED


def test_a_dash_or_bar_between_speaker_and_time_is_not_part_of_the_label(tmp_path: Path) -> None:
    # "Spreker 1 - 00:00:03" above the speech, or before a colon and the speech on its line: the
    # label is "Speaker 1", so that interviewer_labels and --interviewer find it.
    own_line = "\n".join(f"{who} - {ts}\n{said}\n" for who, _, ts, said in EXPECTED)
    assert turns(write(tmp_path, "dash.txt", own_line)) == EXPECTED
    same_line = "\n".join(f"{who} | {ts}: {said}" for who, _, ts, said in EXPECTED)
    assert turns(write(tmp_path, "bar.txt", same_line)) == EXPECTED


def test_numbered_speaker_before_the_speech_without_a_colon(tmp_path: Path) -> None:
    # A service's table saved as text (time, speaker, speech between tabs), and the time in
    # brackets, the speaker and the speech on one line: "Speaker 1" is no word of the speech.
    tabs = "\n".join(f"{ts}\t{who}\t{said}" for who, _, ts, said in EXPECTED)
    assert turns(write(tmp_path, "tabs.txt", tabs)) == EXPECTED
    spaces = "\n".join(f"[{ts}] {who} {said}" for who, _, ts, said in EXPECTED)
    assert turns(write(tmp_path, "spaces.txt", spaces)) == EXPECTED


def test_speaker_in_a_sentence_after_a_time_stays_speech(tmp_path: Path) -> None:
    text = (
        "I: [00:00:02] Who spoke first?\n"
        "R: [00:00:06] Well.\n"
        "[00:00:09] speaker 1 of the panel did, I think.\n"
        "I: [00:00:12] And then?\n"
    )
    got = turns(write(tmp_path, "sentence.txt", text))
    assert [w for w, *_ in got] == ["I", "R", "I"]
    assert "speaker 1 of the panel did" in got[1][3]


def test_whisperx_speakers_in_brackets(tmp_path: Path) -> None:
    # WhisperX's text output: "[SPEAKER_00]: ...", with the segment's times before it; the
    # label is no word of the speech, and one speaker's segments in a row are one turn.
    text = (
        "[00:00:00.000 --> 00:00:04.000] [SPEAKER_00]: How did you end up in the group?\n"
        "[00:00:05.000 --> 00:00:08.000] [SPEAKER_01]: My manager asked me.\n"
        "[00:00:08.500 --> 00:00:10.000] [SPEAKER_01]: And I said yes.\n"
        "[00:00:11.000 --> 00:00:13.000] [SPEAKER_00]: What did it bring you?\n"
        "[00:00:14.000 --> 00:00:17.000] [SPEAKER_01]: Mostly people I can now just call.\n"
    )
    assert turns(write(tmp_path, "whisperx.txt", text)) == [
        ("SPEAKER_00", "interviewer", "00:00:00.000", "How did you end up in the group?"),
        ("SPEAKER_01", "participant", "00:00:05.000", "My manager asked me.\nAnd I said yes."),
        ("SPEAKER_00", "interviewer", "00:00:11.000", "What did it bring you?"),
        ("SPEAKER_01", "participant", "00:00:14.000", "Mostly people I can now just call."),
    ]


def test_a_time_in_brackets_inside_the_speech_is_no_word_of_it(tmp_path: Path) -> None:
    # A typist's "[00:00:15]" every few minutes, or a service's timecode inside a paragraph:
    # not in the turn's text (so not in quotes); a tag after it still marks its own words.
    text = (
        "I: Hoe deelt u kennis?\n"
        "R: Wij delen kennis [00:00:15] met anderen. (00:00:21) "
        "[[trust.not_acquainted: We kennen elkaar nog niet goed.]]\n"
        "I: Om hoe laat begint u?\n"
        "R: Om 10:30 en (2019) was dat ook zo.\n"
    )
    t = read_transcript(write(tmp_path, "inline.txt", text))
    said = [x.text for x in t.turns]
    assert said[1] == "Wij delen kennis met anderen. We kennen elkaar nog niet goed."
    assert said[3] == "Om 10:30 en (2019) was dat ook zo."
    [mark] = t.marks
    assert said[mark.turn][mark.start : mark.end] == "We kennen elkaar nog niet goed."


WHISPER = [
    "Oké, dan beginnen we. Kunt u iets vertellen over hoe u",
    "bij het netwerk bent gekomen?",
    "Via een collega. We delen kennis met andere bedrijven, en we leren",
    "veel van de adviseurs.",
    "En hoe zit het met vertrouwen tussen de leden?",
    "Nou, we kennen elkaar nog niet goed.",
    "Zijn er ook spanningen?",
    "Soms, de grote bedrijven halen meer dan ze brengen.",
]
WHISPER_TURNS = [
    (
        "Interviewer",
        "Oké, dan beginnen we. Kunt u iets vertellen over hoe u bij het netwerk bent gekomen?",
    ),
    (
        "Respondent",
        "Via een collega. We delen kennis met andere bedrijven, en we leren veel van de adviseurs.",
    ),
    ("Interviewer", "En hoe zit het met vertrouwen tussen de leden?"),
    ("Respondent", "Nou, we kennen elkaar nog niet goed."),
    ("Interviewer", "Zijn er ook spanningen?"),
    ("Respondent", "Soms, de grote bedrijven halen meer dan ze brengen."),
]


def test_speech_recognition_lines_cut_mid_sentence_are_one_turn(tmp_path: Path) -> None:
    # Whisper without speakers cuts its lines (and subtitle cues) where it pauses, not where a
    # sentence ends: a line that goes on with the sentence of the line before (which ends in no
    # . ? ! and the line starts in lower case) is that turn's, so a question is the interviewer's.
    txt = write(tmp_path, "whisper.txt", "\n".join(WHISPER) + "\n")
    assert [(t.speaker, t.text) for t in read_transcript(txt).turns] == WHISPER_TURNS
    srt = "\n".join(
        f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{line}\n"
        for i, line in enumerate(WHISPER, 1)
    )
    t = read_transcript(write(tmp_path, "whisper.srt", srt))
    assert [(x.speaker, x.text) for x in t.turns] == WHISPER_TURNS
    assert [x.timestamp for x in t.turns][:2] == ["00:00:01", "00:00:03"]


def test_numbered_speaker_alone_on_its_line_without_times(tmp_path: Path) -> None:
    # Without a time beside it only a service's "Speaker 1" or a role word is a label on its own
    # line: "Exactly", alone on its line twice, stays speech.
    text = "\n".join(f"{who}\n{said}\nExactly\n" for who, _, _, said in EXPECTED)
    got = turns(write(tmp_path, "notimes.txt", text))
    assert [(w, r, s) for w, r, _, s in got] == [(w, r, f"{s}\nExactly") for w, r, _, s in EXPECTED]


def test_a_service_answer_cut_into_blocks_is_one_turn(tmp_path: Path) -> None:
    text = (
        "Spreker 1 [00:00:02]\nHoe ging het in het begin?\n\n"
        "Spreker 2 [00:00:05]\nStroef, eerlijk gezegd.\n\n"
        "Spreker 2 [00:00:08]\nIedereen hield zijn kaarten tegen de borst.\n\n"
        "Spreker 2 [00:00:13]\nPas bij de derde keer ging het ergens over.\n\n"
        "Spreker 1 [00:00:18]\nWat veranderde er toen?\n"
    )
    t = read_transcript(write(tmp_path, "amberscript.txt", text))
    assert [(x.speaker, x.timestamp, x.text) for x in t.turns] == [
        ("Spreker 1", "00:00:02", "Hoe ging het in het begin?"),
        (
            "Spreker 2",
            "00:00:05",
            "Stroef, eerlijk gezegd.\nIedereen hield zijn kaarten tegen de borst.\n"
            "Pas bij de derde keer ging het ergens over.",
        ),
        ("Spreker 1", "00:00:18", "Wat veranderde er toen?"),
    ]
    # where each piece stands in the file, for comments and quotes
    assert [s[0] for s in t.turns[1].sources] == [4, 5, 8, 11]


def test_a_persons_label_twice_in_a_row_stays_two_turns(tmp_path: Path) -> None:
    text = "[00:00:02] I: Hoe ging het?\n[00:00:05] R: Stroef.\n[00:00:08] R: Nu beter.\n"
    assert len(read_transcript(write(tmp_path, "own.txt", text)).turns) == 3


def test_page_numbers_and_the_services_name_between_the_speech_are_not_speech(
    tmp_path: Path,
) -> None:
    text = (
        "Speaker 1 (00:01):\nHow did you end up in the group?\n\n"
        "Speaker 2 (00:05):\nMy manager asked me.\n"
        "Interview 04 (Completed 03/14/24)  Page 2 of 3\n"
        "Transcript by Rev.com\n"
        "And I said yes, more or less.\n\n"
        "Speaker 1 (00:12):\nWhat did it bring you?\n"
        "Pagina 3 van 3\n"
    )
    t = read_transcript(write(tmp_path, "rev.txt", text))
    assert [x.text for x in t.turns] == [
        "How did you end up in the group?",
        "My manager asked me.\nAnd I said yes, more or less.",
        "What did it bring you?",
    ]
    assert any(
        w.startswith("3 lines (the first line 6: 'Interview 04 (Completed 03/14/24) Page 2 of 3')")
        for w in t.warnings
    )


def test_a_services_advert_repeated_in_the_body_is_not_speech(tmp_path: Path) -> None:
    """Sonix repeats a paragraph advertising itself between the speech; a sentence a speaker
    says twice, or one naming transcription once, stays."""
    advert = (
        "Zet je opnames automatisch om in tekst met Klankschrift. Klankschrift is de snelste "
        "transcriptiedienst voor onderzoekers, probeer het gratis."
    )
    text = (
        "Interviewer: Hoe begon het?\n"
        "Deelnemer: Met een paar collega's die elkaar al kenden.\n"
        f"{advert}\n"
        "Deelnemer: Dat ging snel. Dat ging snel.\n"
        "Interviewer: En de transcriptie van de sessies?\n"
        "Deelnemer: Die transcriptie deed een student.\n"
        f"{advert}\n"
    )
    t = read_transcript(write(tmp_path, "sonix.txt", text))
    said = " ".join(turn.text for turn in t.turns)
    assert "Klankschrift" not in said
    assert "Dat ging snel. Dat ging snel." in said and "Die transcriptie deed een student." in said
    assert any("repeating a transcription service's own text" in w for w in t.warnings)


def test_f4_time_marks_are_no_words_in_txt_or_docx(tmp_path: Path) -> None:
    # f4transkript's and f5's marks, "#00:01:23-4#" at a paragraph's end: no words said, and a
    # paragraph of only a mark no line of the turn.
    text = (
        "I: Hoe gaat het? #00:00:05-2#\nB: Goed. #00:00:09#\n#00:00:10-1#\nB: Echt. #00:00:12-3#\n"
    )
    txt = tmp_path / "f4.txt"
    txt.write_text(text, encoding="utf-8")
    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    doc.save(str(tmp_path / "f4.docx"))
    want = [
        ("I", "interviewer", "Hoe gaat het?"),
        ("B", "participant", "Goed."),
        ("B", "participant", "Echt."),
    ]
    for path in (txt, tmp_path / "f4.docx"):
        assert [(t.speaker, t.role, t.text) for t in read_transcript(path).turns] == want

"""--tidy: fillers and words said twice left out of quotes, conservatively; off by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from lernet_cli.language.tidy import tidy_speech

from .conftest import coded_with, invoke_cli


@pytest.mark.parametrize(
    ("said", "tidied"),
    [
        ("Um, we posted the the job.", "We posted the job."),
        ("It was, you know, hard.", "It was hard."),
        ("You know, it was hard. And uh... then we, uh, left.", "It was hard. And then we left."),
        ("Ik ik denk euh ik denk dat dat goed is.", "Ik denk dat dat goed is."),
        (
            "Het was, weet je wel, lastig. Weet je, we kenden elkaar niet.",
            "Het was lastig. We kenden elkaar niet.",
        ),
        ("Ehm, ja. Euh, ik weet het niet.", "Ja. Ik weet het niet."),
        (
            "That is is not the point. In the in the beginning.",
            "That is not the point. In the beginning.",
        ),
        (
            "um honestly we just can't recruit uh we posted it ummm twice",
            "honestly we just can't recruit we posted it twice",
        ),
        ("uh you know I think it's it's fine, um.", "I think it's fine."),
        ("“Um, the the thing” is", "“The thing” is"),
    ],
)
def test_fillers_and_repeats_are_left_out(said: str, tidied: str) -> None:
    assert tidy_speech(said) == tidied


@pytest.mark.parametrize(
    "said",
    [
        "Weet je nog dat we daar waren? Dat weet je toch.",  # a question, not a filler
        "It is cold, eh? The people you know so well.",  # a tag; "you know" as a verb
        "nobody applied you know so it's hard",  # no punctuation: cannot tell
        "In twenty twenty we had had enough. No, no, no.",  # a year, a tense, on purpose
        "I think that that is right, very very right.",
        "Ik denk dat dat goed is; de mensen die die kennis hebben.",
        "[naam] [naam] said er is uh-huh, ah, oh and hm.",  # two names; words, not fillers
        "uh",  # nothing would be left
    ],
)
def test_what_may_be_meant_stays(said: str) -> None:
    assert tidy_speech(said) == said


GOOD = (
    "I: Kent u de anderen?\n"
    "R: Euh, we we kennen elkaar nog niet goed, weet je.\n"
    "I: En de concurrentie?\n"
    "R: De concurrent kijkt mee, dus we beschermen onze marktpositie.\n"
)


@pytest.fixture
def coded(project: Path) -> Path:
    return coded_with(project, GOOD)


def test_quotes_are_verbatim_unless_tidy(coded: Path) -> None:
    code, out = invoke_cli("quotes", "--theme", "trust")
    assert code == 0, out
    assert "Euh, we we kennen elkaar nog niet goed, weet je." in out
    assert "--tidy" not in out
    code, out = invoke_cli("quotes", "--theme", "trust", "--tidy")
    assert code == 0, out
    assert "We kennen elkaar nog niet goed." in out and "Euh" not in out
    assert "left out of 1 of the 1 quotes" in out


def test_report_says_the_quotes_were_edited(coded: Path) -> None:
    code, out = invoke_cli("report", "-o", "plain.md")
    assert code == 0, out
    plain = (coded / "plain.md").read_text(encoding="utf-8")
    assert "Euh, we we kennen" in plain and "licht bewerkt" not in plain
    code, out = invoke_cli("report", "-o", "tidy.md", "--tidy")
    assert code == 0, out
    tidy = (coded / "tidy.md").read_text(encoding="utf-8")
    assert "We kennen elkaar nog niet goed." in tidy and "Euh" not in tidy
    method = tidy.split("# Resultaten")[0]
    assert "De citaten zijn licht bewerkt" in method and "in 1 van de 2 citaten" in method
    code, out = invoke_cli("report", "-o", "kort.md", "--tidy", "--no-method")
    assert code == 0, out
    assert "De citaten zijn licht bewerkt" in (coded / "kort.md").read_text(encoding="utf-8")


def test_report_docx_tidy(coded: Path) -> None:
    from docx import Document

    code, out = invoke_cli("report", "-o", "r.docx", "--tidy")
    assert code == 0, out
    text = "\n".join(p.text for p in Document(str(coded / "r.docx")).paragraphs)
    assert "De citaten zijn licht bewerkt" in text and "we we" not in text

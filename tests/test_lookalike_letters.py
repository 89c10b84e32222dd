"""A listed name with a letter NFKD leaves whole ("Yılmaz", "Søren", "Großmann", "Bæk") is hidden
however it is written: in capitals, in its ASCII spelling, as written, and with its words written
together in a web address; a speaker label in capitals is the listed person (qa18 #3)."""

from __future__ import annotations

import pytest

from lernet_cli.language.names import Redactor
from lernet_cli.readers.labels import fold


@pytest.mark.parametrize(
    "written",
    ["Özlem Yılmaz", "Özlem Yilmaz", "OZLEM YILMAZ", "Yilmaz", "YILMAZ", "ozlemyilmaz"],
)
def test_a_turkish_dotless_i_is_hidden_in_every_spelling(written: str) -> None:
    r = Redactor(["Özlem Yılmaz"], [], language="nl")
    assert r.redact(f"Ik sprak {written} gisteren.") == "Ik sprak [naam] gisteren."


def test_a_web_address_with_the_name_written_together_hides_it() -> None:
    r = Redactor(["Özlem Yılmaz"], [], language="nl")
    assert r.redact("zie linkedin.com/in/ozlemyilmaz") == "zie linkedin.com/in/[naam]"


@pytest.mark.parametrize(
    ("listed", "written"),
    [
        ("Søren Holm", "SOREN"),
        ("Michał Nowak", "Michal"),
        ("Jürgen Großmann", "Großmann"),
        ("Jürgen Großmann", "GROSSMANN"),
        ("Jürgen Grossmann", "Großmann"),
        ("Bæk Holm", "Baek"),
        ("Bæk Holm", "Bæk"),
    ],
)
def test_letters_written_as_two_or_as_their_look_alike(listed: str, written: str) -> None:
    r = Redactor([listed], [], language="nl")
    assert r.redact(f"Ik sprak {written} gisteren.") == "Ik sprak [naam] gisteren."


def test_an_organisation_with_ae_keeps_its_placeholder() -> None:
    r = Redactor([], ["Nordtræ"], language="en")
    assert r.redact("We buy from Nordtrae and NORDTRÆ.") == (
        "We buy from [organisatie] and [organisatie]."
    )


def test_a_speaker_label_in_capitals_is_the_listed_name() -> None:
    assert fold("ÖZLEM YILMAZ") == fold("Özlem Yılmaz")

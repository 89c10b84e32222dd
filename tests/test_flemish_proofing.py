"""A Word report proofs a quote of Flemish speech as Dutch of Belgium (nl-BE), one of Dutch
from the Netherlands as nl-NL (qa20 #8)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lernet_cli.language.detect import flemish

from .conftest import invoke_cli

FLEMISH = (
    "I: Kent ge de anderen al?\n"
    "R: Allee, nee, we kennen elkaar nog niet goed. Ge moet da eerst wat laten groeien, "
    "gij weet hoe da gaat.\n"
    "I: En de concurrentie?\n"
    "R: Die concurrentie zijt ge nooit kwijt, da's zo.\n"
)
DUTCH = (
    "I: Ken je de anderen al?\n"
    "R: Nee, we kennen elkaar nog niet goed. Dat moet eerst wat groeien.\n"
    "I: En de concurrentie?\n"
    "R: Die concurrentie is er altijd, dat merk je wel.\n"
)


def test_flemish_speech_reads_as_flemish() -> None:
    assert flemish([FLEMISH])
    assert not flemish([DUTCH])
    # a lone "ge" (a word cut at its hyphen, a Brabander once) is not enough
    assert not flemish(["Het ge- en verbruik van materialen, zei hij, en ge weet het."])
    # nor a handful in a long interview
    assert not flemish(["Ge weet het, allee, gij ook. " + "We kennen elkaar goed. " * 400])


def _quote_languages(path: Path) -> dict[str, set[str]]:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    out: dict[str, set[str]] = {}
    for paragraph in re.findall(r"<w:p\b.*?</w:p>", xml, flags=re.S):
        if 'w:val="Quote"' in paragraph:
            text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", paragraph))
            out[text] = set(re.findall(r'<w:lang w:val="([^"]+)"', paragraph))
    return out


def test_a_word_report_proofs_flemish_quotes_as_nl_be(project: Path) -> None:
    (project / "be01.txt").write_text(FLEMISH, encoding="utf-8")
    (project / "nl01.txt").write_text(DUTCH, encoding="utf-8")
    code, out = invoke_cli("code", "be01.txt", "nl01.txt")
    assert code == 0, out
    code, out = invoke_cli("report", "-o", "rapport.docx")
    assert code == 0, out
    quotes = _quote_languages(project / "rapport.docx")
    flemish_quotes = {t: v for t, v in quotes.items() if "(be01)" in t}
    dutch_quotes = {t: v for t, v in quotes.items() if "(nl01)" in t}
    assert flemish_quotes and dutch_quotes
    assert all(v == {"nl-BE"} for v in flemish_quotes.values()), flemish_quotes
    assert all(v == {"nl-NL"} for v in dutch_quotes.values()), dutch_quotes

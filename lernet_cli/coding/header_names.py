"""Names written in a Word or OpenDocument transcript's page header or footer ("Interview Jeroen
Bakker, Vitaal Werk"): never speech, but the participant's own name, so quotes must redact it
wherever it is said, even when nobody put it in the participants file. A PDF's running headers and
an RTF's page headers come as the transcript's `header_texts` (pipeline.speaker_names)."""

from __future__ import annotations

import re
from pathlib import Path

import regex

from ..errors import TranscriptError

HEADER_MARK = "="
"""Stored before a page header's name: a person's or an organisation's, which the redactor
tells apart ("Bouwbedrijf Hoekstra")."""
ORGANISATION_MARK = "=org:"
"""Stored before a name the file gives as an organisation's: a "School" row of a header table,
`organisations:` in Markdown front matter."""

# Two to four capitalised words of any script with capitals ("Jeroen Bakker", "Ольга Смирнова",
# "Ελένη Παππά"), with Dutch name particles in between.
NAME_RE = regex.compile(
    r"\b\p{Lu}[\p{Ll}'’]+(?:[ -](?:(?:van|de|der|den|ter|ten|el|al|la|le)[ -])*"
    r"\p{Lu}[\p{Ll}'’]+){1,3}\b"
)
UNCASED_NAME_RE = regex.compile(
    r"(?<!\w)\p{Lo}[\p{Lo}\p{Lm}\p{M}]*(?:[ ・]\p{Lo}[\p{Lo}\p{Lm}\p{M}]*){0,3}(?!\w)"
)
"""Up to four words of a script without capitals ("田中 花子", "田中花子", "سارة أحمد"): in a
page header, which is never speech, such words are taken for a name as capitalised ones are, a
name of one word too (Chinese and Japanese write a whole name as one)."""
NOT_NAMES = frozenset(
    """interview interviews transcript transcriptie uitwerking verslag gesprek pagina page
    datum date vertrouwelijk confidential concept versie version respondent deelnemer
    geinterviewde geïnterviewde interviewer onderzoek research januari februari maart april mei
    juni juli augustus september oktober november december january february march may june july
    august october maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday
    wednesday thursday friday met with en and van""".split()
)


ODF_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
ODF_PARTS = {f"{ODF_STYLE}{kind}" for kind in ("header", "footer", "header-left", "footer-left")}


def header_names(path: Path) -> list[str]:
    """Person- or organisation-like names in the page headers and footers of a .docx or .odt."""
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".odt"):
        return []
    from lxml import etree

    from ..readers.archive import open_package
    from ..readers.docx import _member, _open, _parser

    texts = []
    try:
        with open_package(path) as fh, _open(fh, path) as zf:
            if suffix == ".docx":
                parts = [
                    n for n in zf.namelist() if re.fullmatch(r"word/(header|footer)\d*\.xml", n)
                ]
                for name in parts:
                    data = _member(zf, name, path)
                    if data:
                        root = etree.fromstring(data, _parser())
                        texts.append(" ".join(root.itertext()))
            else:
                data = _member(zf, "styles.xml", path)
                if data:
                    root = etree.fromstring(data, _parser())
                    for el in root.iter(*ODF_PARTS):
                        texts.append(" ".join(el.itertext()))
    except (OSError, etree.XMLSyntaxError, TranscriptError):
        return []
    return names_in(" \n ".join(texts))


def names_in(text: str) -> list[str]:
    """Names in a page header's text: capitalised words (`NAME_RE`), less the header's own
    words ("Interview", "Pagina"), and words of a script without capitals (`UNCASED_NAME_RE`)."""
    found = set()
    for m in NAME_RE.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in NOT_NAMES:
            words.pop(0)
        while words and words[-1].lower() in NOT_NAMES:
            words.pop()
        capitalised = [w for w in words if w[:1].isupper()]
        if len(capitalised) >= 2:
            found.add(" ".join(words))
    for m in UNCASED_NAME_RE.finditer(text):
        if len(m.group(0).replace(" ", "")) >= 2:
            found.add(m.group(0))
    return sorted(found)

"""A new Word document as the project's readers expect one: A4 paper with 2.5 cm margins (the
python-docx template is US Letter, which Dutch and most English-speaking researchers outside North
America would have to reformat before printing), and proofing in the project's language, so
Word spell-checks a Dutch report as Dutch instead of underlining every word."""

from __future__ import annotations

from typing import Any

PROOFING = {"nl": "nl-NL", "en": "en-GB", "nl-BE": "nl-BE"}
"""Word's proofing language per project language; English reports are written the British way
lernet's English texts are (A4, "organisation"). A quote of Flemish speech is proofed as Dutch
of Belgium ("nl-BE", `language.detect.flemish`)."""


def new_document(lang: str) -> Any:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm

    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    proof = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if proof is not None:
        proof.set(qn("w:val"), PROOFING.get(lang, PROOFING["en"]))
    return doc


def proof_run(run: Any, lang: str) -> None:
    """Word proofs this run (a quote's words) in `lang`, whatever the document's language: a
    Dutch interview quoted in an English report is not underlined word by word."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = run._r.get_or_add_rPr()
    mark = rpr.find(qn("w:lang"))
    if mark is None:
        mark = OxmlElement("w:lang")
        rpr.append(mark)
    mark.set(qn("w:val"), PROOFING.get(lang, PROOFING["en"]))

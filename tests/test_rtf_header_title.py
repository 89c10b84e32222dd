""".rtf page headers in a code page of two-byte characters, and the first heading as the title."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.coding.header_names import HEADER_MARK
from lernet_cli.coding.pipeline import speaker_names
from lernet_cli.readers import read_transcript
from lernet_cli.readers.kind import GUIDE, not_an_interview
from lernet_cli.readers.rtf import read


def write(tmp_path: Path, name: str, rtf: str) -> Path:
    path = tmp_path / name
    path.write_bytes(rtf.encode("ascii"))
    return path


# What Japanese Word saves: the document's code page is 932, a character two `\'xx` bytes, or a
# `\uN` with those two bytes as its fallback (`\uc2`). 田中 is \'93\'63\'92\'86.
JAPANESE = r"""{\rtf1\adeflang1025\ansi\ansicpg932\uc2\adeff0\deff0\stshfdbch31505\deflang1033
\deflangfe1041{\fonttbl{\f0\fbidi \froman\fcharset0\fprq2 Times New Roman;}
{\f1\fbidi \fmodern\fcharset128\fprq1{\*\panose 02020609040205080304}
\'82\'6c\'82\'72 \'96\'be\'92\'a9;}}
{\*\defchp \f31506\fs21\kerning2\loch\af31506\hich\af31506\dbch\af31505 }
{\stylesheet{\qj \li0\ri0\widctlpar\wrapdefault \f0\fs21 \snext0 \sqformat \spriority0 Normal;}}
\pard\plain \ltrpar\qj \li0\ri0\widctlpar\wrapdefault \f0\fs21
{\header \ltrpar \pard\plain \ltrpar\s15\qj \li0\ri0\widctlpar\tqc\tx4252\tqr\tx8504\wrapdefault
\rtlch\fcs1 \af0\afs21 \ltrch\fcs0 \fs21\kerning2\loch\af0\hich\af0\dbch\af1
{\rtlch\fcs1 \af0 \ltrch\fcs0 \hich\af1\dbch\af1\loch\f1 \'8b\'40\'96\'a7\'81\'46\'93\'63\'92\'86}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1 \loch\af0\hich\af0\dbch\f1 \u30000\'93\'63\u20013\'92\'86}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1 \par }}
\pard\plain \ltrpar\qj {\rtlch\fcs1 \af0 \ltrch\fcs0 \f1\insrsid1 \'93\'63\'92\'86\'82\'b3\'82\'f1}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1 \par }
}"""


def test_a_headers_two_byte_characters_read_as_the_bodys(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "p03.rtf", JAPANESE))
    assert [p.text for p in doc.paragraphs] == ["田中さん"]
    assert doc.metadata["header_texts"] == ["機密：田中田中"]


# A UTF-8 RTF (`\ansicpg65001`): ë is two bytes, \'c3\'ab. A name read a byte at a time
# ("Zo��") is no name found, so not redacted where the participant says it.
UTF8_HEADER = r"""{\rtf1\ansi\ansicpg65001\deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}}
{\header \pard\plain \f0 {Interview Zo\'c3\'ab Janssens, 12 maart}\par}
\pard\plain \f0 {\b I:}{ Hoe gaat het?}\par
\pard\plain \f0 {\b R:}{ Goed, Zo\'c3\'ab hier.}\par
}"""


def test_a_name_of_multi_byte_characters_in_a_header_is_found(tmp_path: Path) -> None:
    transcript = read_transcript(write(tmp_path, "p04.rtf", UTF8_HEADER))
    assert transcript.metadata["header_texts"] == ["Interview Zoë Janssens, 12 maart"]
    assert HEADER_MARK + "Zoë Janssens" in speaker_names(transcript, "nl")


# Word's stylesheet names its heading and title styles; a paragraph gives the style's number
# (`\s1`) and restates a heading's outline level, not a title's.
STYLED = r"""{\rtf1\adeflang1025\ansi\ansicpg1252\uc1\adeff31507\deff0\stshfdbch31505
{\fonttbl{\f0\fbidi \froman\fcharset0\fprq2 Times New Roman;}}
{\stylesheet{\ql \li0\ri0\sa160\sl259\slmult1\widctlpar\wrapdefault\aspalpha\aspnum\faauto
\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \af31507\afs22\alang1025 \ltrch\fcs0
\f31506\fs22\lang1043\langfe1033\cgrid\langnp1043\langfenp1033 \snext0 \sqformat \spriority0
Normal;}{\s1\ql \li0\ri0\sb240\keepn\widctlpar\wrapdefault\aspalpha\aspnum\faauto\outlinelevel0
\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \af31503\afs32\alang1025 \ltrch\fcs0
\fs32\cf19\lang1043\langfe1033\loch\f31502\hich\af31502\dbch\af31501\cgrid\langnp1043\langfenp1033
\sbasedon0 \snext0 \slink15 \sqformat \spriority9 \styrsid4674358 heading 1;}
{\*\cs10 \additive \ssemihidden \sunhideused \spriority1 Default Paragraph Font;}
{\*\cs15 \additive \rtlch\fcs1 \af31503\afs32 \ltrch\fcs0 \fs32\cf19\loch\f31502\hich\af31502
\dbch\af31501 \sbasedon10 \slink1 \spriority9 \styrsid4674358 Heading 1 Char;}
{\s16\ql \li0\ri0\contextualspace\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0
\rtlch\fcs1 \af31503\afs56\alang1025 \ltrch\fcs0 \fs56\expnd-2\expndtw-10\lang1043\langfe1033
\kerning28\loch\f31502\hich\af31502\dbch\af31501\cgrid\langnp1043\langfenp1033 \sbasedon0
\snext0 \slink17 \sqformat \spriority10 \styrsid4674358 Title;}
{\s18\ql \li0\ri0\sa160\widctlpar\wrapdefault\faauto\rin0\lin0\itap0 \sbasedon0 \snext18
\spriority34 \styrsid4674358 Kopje,Citaat;}}
{\info{\title Interview}{\author Eva de Wit}{\operator Eva de Wit}}
\pard\plain \ltrpar\s16\ql \li0\ri0\contextualspace\wrapdefault\aspalpha\aspnum\faauto
\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \af31503\afs56\alang1025 \ltrch\fcs0
\fs56\expnd-2\expndtw-10\lang1043\langfe1033\kerning28 {\rtlch\fcs1 \af31503 \ltrch\fcs0
\insrsid4674358 Topiclijst}{\rtlch\fcs1 \af31503 \ltrch\fcs0 \insrsid4674358 \par }
\pard\plain \ltrpar\s1\ql \li0\ri0\sb240\keepn\widctlpar\wrapdefault\outlinelevel0
{\rtlch\fcs1 \af31503 \ltrch\fcs0 \insrsid4674358 Achtergrond}{\par }
\pard\plain \ltrpar\s18\ql \li0\ri0\sa160\widctlpar {\insrsid4674358 Een citaat.}{\par }
\pard\plain \ltrpar\ql {\insrsid4674358 Reden van deelname}{\par }
}"""


def test_the_title_style_is_the_title_and_no_speech(tmp_path: Path) -> None:
    doc = read(write(tmp_path, "bijlage.rtf", STYLED))
    assert doc.title == "Topiclijst"
    assert [p.text for p in doc.paragraphs] == ["Een citaat.", "Reden van deelname"]


def test_a_heading_styles_number_makes_a_heading_without_its_outline_level(
    tmp_path: Path,
) -> None:
    """LibreOffice (in Dutch: "Kop 1") gives only the style's number."""
    rtf = (
        r"{\rtf1\ansi\deff0{\fonttbl{\f0\fswiss Liberation Sans;}}"
        r"{\stylesheet{\s0\snext0 Standaard;}{\s1\sb240\sa120\keepn\b\fs36\sbasedon0\snext2 Kop 1;}"
        r"{\s2\sa140\sbasedon0\snext2 Platte tekst;}}"
        "\n"
        r"\pard\plain \s1\sb240\sa120\keepn\b\fs36 Informed consent formulier\par"
        "\n"
        r"\pard\plain \s2\sa140 Ik verklaar dat ik ben ingelicht.\par}"
    )
    doc = read(write(tmp_path, "form.rtf", rtf))
    assert doc.title == "Informed consent formulier"
    assert [p.text for p in doc.paragraphs] == ["Ik verklaar dat ik ben ingelicht."]


def test_an_rtf_guide_is_told_by_its_first_heading(tmp_path: Path) -> None:
    """Topics in short lines under a heading: an interview guide by its title, as a .docx's."""
    topics = "".join(
        rf"\pard\plain \ltrpar\ql {{\insrsid1 {topic}}}{{\par }}" + "\n"
        for topic in ("Achtergrond en functie", "Reden van deelname", "Kennis delen", "Vertrouwen")
    )
    rtf = STYLED.split(r"\pard\plain \ltrpar\s16")[0] + (
        r"\pard\plain \ltrpar\s1\ql \li0\ri0\sb240\keepn\widctlpar\wrapdefault\outlinelevel0"
        r" {\rtlch\fcs1 \af31503 \ltrch\fcs0 \insrsid1 Topiclijst}{\par }"
        "\n" + topics + "}"
    )
    path = write(tmp_path, "bijlage 2.rtf", rtf)
    found = not_an_interview(read_transcript(path), path)
    assert found is not None and found.what == GUIDE, found
    assert "its title says 'Topiclijst'" in found.why

""".rtf page headers in a code page of two-byte characters, and the first heading as the title."""

from __future__ import annotations

from pathlib import Path

from lernet_cli.coding.header_names import HEADER_MARK
from lernet_cli.coding.pipeline import speaker_names
from lernet_cli.readers import read_transcript
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

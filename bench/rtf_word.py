"""A Word-like .rtf interview, as large as asked, for timing and checking the .rtf reader.

Word saves a transcript bloated: tables of fonts, colours, styles and latent styles, a table of
every editing session's id (`\\rsidtbl`), theme data and pictures as hexadecimal digits, and each
paragraph and run restating its whole formatting in control words. `word_rtf` writes such a file
from a fixed seed (the same bytes on every machine): a page header with a name and a logo, a
heading, bold speaker labels, turns split into runs where the editing sessions change, `\\uN`
escapes and code-page bytes (`\\'e9`), a table of speakers and their speech, comments (Word's
annotations) with their ranges and replies, hidden and deleted text, and fields.

    .venv/bin/python bench/rtf_word.py [MEGABYTES] [--write FILE]

times lernet's .rtf reader on it: the best of five reads in one process.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from pathlib import Path

WORDS = (
    "het netwerk werkt goed we leren samen van elkaar in de regio de gemeente en het onderwijs "
    "zorgen voor kennis delen is belangrijk maar tijd blijft een probleem soms merk ik dat "
    "collega's afhaken omdat de agenda vol zit toch zie ik groei vertrouwen en eigenaarschap"
).split()
ACCENTED = [
    ("caf\\'e9", "café"),
    ("co\\'f6rdinatie", "coördinatie"),
    ("ge\\'efnteresseerd", "geïnteresseerd"),
    ("\\u8220\\'93samen\\u8221\\'94", "“samen”"),
    ("\\u8364\\'80 12", "€ 12"),
    ("na\\'efef", "naïef"),
    ("\\u8217\\'92t", "’t"),
    ("re\\'fcnie", "reünie"),
]
FONTS = (
    "{\\fonttbl{\\f0\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}"
    "Times New Roman;}{\\f34\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02040503050406030204}"
    "Cambria Math;}{\\f37\\fbidi \\fswiss\\fcharset0\\fprq2{\\*\\panose 020f0502020204030204}"
    "Calibri;}{\\flomajor\\f31500\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose "
    "02020603050405020304}Times New Roman;}{\\fdbmajor\\f31501\\fbidi \\froman\\fcharset0\\fprq2"
    "{\\*\\panose 02020603050405020304}Times New Roman;}{\\fhimajor\\f31502\\fbidi \\fswiss"
    "\\fcharset0\\fprq2{\\*\\panose 020f0302020204030204}Calibri Light;}{\\fbimajor\\f31503\\fbidi "
    "\\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}Times New Roman;}{\\flominor"
    "\\f31504\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}Times New Roman;}"
    "{\\fdbminor\\f31505\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}Times "
    "New Roman;}{\\fhiminor\\f31506\\fbidi \\fswiss\\fcharset0\\fprq2{\\*\\panose "
    "020f0502020204030204}Calibri;}{\\fbiminor\\f31507\\fbidi \\froman"
    "\\fcharset0\\fprq2{\\*\\panose "
    "02020603050405020304}Times New Roman;}{\\f39\\fbidi \\froman\\fcharset238\\fprq2 Times New "
    "Roman CE;}{\\f40\\fbidi \\froman\\fcharset204\\fprq2 Times New Roman Cyr;}}\n"
)
PARA = (
    "\\pard\\plain \\ltrpar\\s0\\ql \\li0\\ri0\\sa160\\sl259\\slmult1\\widctlpar\\wrapdefault"
    "\\aspalpha\\aspnum\\faauto\\adjustright\\rin0\\lin0\\itap0 \\rtlch\\fcs1 \\af31507\\afs22"
    "\\alang1025 \\ltrch\\fcs0 \\f31506\\fs22\\lang1043\\langfe1033\\kerning2\\cgrid\\langnp1043"
    "\\langfenp1033 "
)
CELL_PARA = (
    "\\pard\\plain \\ltrpar\\ql \\li0\\ri0\\widctlpar\\intbl\\wrapdefault\\aspalpha\\aspnum\\faauto"
    "\\adjustright\\rin0\\lin0 \\rtlch\\fcs1 \\af31507\\afs22\\alang1025 \\ltrch\\fcs0 "
    "\\f31506\\fs22\\lang1043\\langfe1033\\cgrid\\langnp1043\\langfenp1033 "
)
ROW = (
    "\\trowd \\irow{i}\\irowband{i}\\ltrrow\\ts11\\trgaph108\\trleft-108\\trbrdrt\\brdrs\\brdrw10 "
    "\\trbrdrl\\brdrs\\brdrw10 \\trbrdrb\\brdrs\\brdrw10 \\trbrdrr\\brdrs\\brdrw10 \\trftsWidth1"
    "\\trftsWidthB3\\trftsWidthA3\\trautofit1\\trpaddl108\\trpaddr108\\trpaddfl3\\trpaddft3"
    "\\trpaddfb3\\trpaddfr3\\tblrsid{rsid}\\tbllkhdrrows\\tbllklastrow\\tbllkhdrcols\\tbllklastcol"
    "\\tblind0\\tblindtype3 \\clvertalt\\clbrdrt\\brdrs\\brdrw10 \\clbrdrl\\brdrs\\brdrw10 "
    "\\clbrdrb\\brdrs\\brdrw10 \\clbrdrr\\brdrs\\brdrw10 \\cltxlrtb\\clftsWidth3\\clwWidth1800"
    "\\clshdrawnil \\cellx1692\\clvertalt\\clbrdrt\\brdrs\\brdrw10 \\clbrdrl\\brdrs\\brdrw10 "
    "\\clbrdrb\\brdrs\\brdrw10 \\clbrdrr\\brdrs\\brdrw10 \\cltxlrtb\\clftsWidth3\\clwWidth7262"
    "\\clshdrawnil \\cellx8954\\pararsid{rsid}\\yts11 "
)
SWITCH = "\\hich\\af31506\\dbch\\af31505\\loch\\f31506 "
CELL_END = "{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1 \\cell }"


def _run(text: str, rsid: int, bold: bool = False) -> str:
    """One run; Word switches fonts (`\\hich ... \\loch\\f31506`) before each code-page byte."""
    b = "\\b" if bold else ""
    if "\\'" in text:
        text = re.sub(r"(?:\\u\d+)?\\'", lambda m: SWITCH + m[0], text)
    return (
        f"{{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 {b}\\lang1043\\langfe1033\\langnp1043"
        f"\\insrsid{rsid}\\charrsid{rsid} {text}}}"
    )


def _hex(rng: random.Random, nbytes: int, width: int = 128) -> str:
    digits = rng.randbytes(nbytes).hex()
    return "\n".join(digits[i : i + width] for i in range(0, len(digits), width))


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), rng.choice(ACCENTED)[0])
    return " ".join(words).capitalize() + rng.choice(".?.")


def _speech(rng: random.Random, rsids: list[int]) -> str:
    """A turn's text split into runs, as a document edited in several sessions is."""
    text = " ".join(_sentence(rng) for _ in range(rng.randint(1, 5)))
    words = text.split(" ")
    runs, at = [], 0
    while at < len(words):
        n = rng.randint(3, 12)
        runs.append(_run(" " + " ".join(words[at : at + n]), rng.choice(rsids)))
        at += n
    if rng.random() < 0.05:
        runs.append("{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\v\\insrsid1 verborgen notitie}")
    if rng.random() < 0.05:
        runs.append("{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\deleted\\revauth1 weggehaald }")
    return "".join(runs)


def _comment(rng: random.Random, number: int, speech: str, reply: bool) -> str:
    head = (
        f"{{\\*\\atrfstart {number}}}{speech}{{\\*\\atrfend {number}}}"
        f"{{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\cs16\\f31506\\fs16\\insrsid1 "
        f"{{\\*\\atnid EV}}{{\\*\\atnauthor Eva de Wit}}\\chatn }}"
        f"{{\\*\\annotation{{\\*\\atnref {number}}}{{\\*\\atndate 1966298912}}"
        f"\\pard\\plain \\ltrpar\\s17\\ql \\li0\\ri0\\sa160\\widctlpar\\wrapdefault\\aspalpha "
        f"\\rtlch\\fcs1 \\af31507\\afs20 \\ltrch\\fcs0 \\fs20 {{\\field{{\\*\\fldinst "
        f"{{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\cs16\\fs16  PAGE \\"
        f"\\# \"'Pagina: '#'\\line '\" "
        f"}}}}{{\\fldrslt }}}}{{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\cs16\\fs16 \\chatn }}"
        f"{{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 Code vertrouwen: {rng.choice(WORDS)} "
        f"{rng.choice(WORDS)}}}}}"
    )
    if reply:
        head += (
            f"{{\\*\\atnid JS}}{{\\*\\atnauthor Jan Smit}}\\chatn {{\\*\\annotation{{\\*\\atnref "
            f"{number + 1}}}{{\\*\\atnparent {number}}}{{\\*\\atndate 1966298940}}\\pard\\plain "
            f"{{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 Eens, {rng.choice(WORDS)}.}}}}"
        )
    return head


def _head(rng: random.Random, rsids: list[int]) -> str:
    colours = "".join(
        f"\\red{rng.randrange(256)}\\green{rng.randrange(256)}\\blue{rng.randrange(256)};"
        for _ in range(20)
    )
    styles = "".join(
        f"{{\\s{i}\\ql \\li0\\ri0\\sb240\\sa60\\keepn\\widctlpar\\wrapdefault\\aspalpha\\aspnum"
        f"\\faauto\\outlinelevel{i % 9}\\adjustright\\rin0\\lin0\\itap0 \\rtlch\\fcs1 \\ab"
        f"\\af31503\\afs32\\alang1025 \\ltrch\\fcs0 \\b\\fs32\\lang1043\\langfe1033\\kerning32"
        f"\\loch\\f31502\\hich\\af31502\\dbch\\af31501\\cgrid\\langnp1043\\langfenp1033 "
        f"\\sbasedon0 \\snext0 \\slink{15 + i} \\sqformat \\spriority9 \\styrsid{rsids[i]} "
        f"heading {i};}}"
        for i in range(1, 60)
    )
    return (
        "{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\adeff31507\\deff0\\stshfdbch31505"
        "\\stshfloch31506\\stshfhich31506\\stshfbi31507\\deflang1043\\deflangfe1033\\themelang1043"
        "\\themelangfe0\\themelangcs0"
        + FONTS
        + "{\\colortbl;"
        + colours
        + "}\n{\\*\\defchp \\f31506\\fs22\\lang1043\\langfe1033\\langfenp1033 }{\\*\\defpap \\ql "
        "\\li0\\ri0\\sa160\\sl259\\slmult1\\widctlpar\\wrapdefault\\aspalpha\\aspnum\\faauto"
        "\\adjustright\\rin0\\lin0\\itap0 }\\noqfpromote {\\stylesheet{\\ql "
        "\\li0\\ri0\\sa160\\sl259"
        "\\slmult1\\widctlpar\\wrapdefault\\aspalpha\\aspnum\\faauto"
        "\\adjustright\\rin0\\lin0\\itap0 "
        "\\rtlch\\fcs1 \\af31507\\afs22\\alang1025 \\ltrch\\fcs0 \\f31506\\fs22\\lang1043"
        "\\langfe1033\\cgrid\\langnp1043\\langfenp1033 \\snext0 \\sqformat \\spriority0 Normal;}"
        + styles
        + "}\n{\\*\\rsidtbl "
        + "".join(f"\\rsid{r}" for r in rsids)
        + "}\n{\\mmathPr\\mmathFont34\\mbrkBin0\\mbrkBinSub0\\msmallFrac0\\mdispDef1\\mlMargin0"
        "\\mrMargin0\\mdefJc1\\mwrapIndent1440\\mintLim0\\mnaryLim1}{\\info{\\title Interview 12}"
        "{\\author Griet Mertens}{\\operator Eva de Wit}{\\creatim\\yr2024\\mo3\\dy12\\hr10\\min5}"
        "{\\revtim\\yr2024\\mo3\\dy14\\hr16\\min2}{\\version4}{\\edmins93}{\\nofpages10}"
        "{\\nofwords5120}{\\nofchars28224}{\\*\\company Hogeschool}{\\nofcharsws33291}"
        "{\\vern113}}{\\*\\xmlnstbl {\\xmlns1 http://schemas.microsoft.com/office/word/2003/"
        "wordml}}\n\\paperw11906\\paperh16838\\margl1417\\margr1417\\margt1417\\margb1417\\gutter0"
        "\\ltrsect \\deftab708\\widowctrl\\ftnbj\\aenddoc\\hyphhotz425"
        "\\trackmoves0\\trackformatting1"
        "\\donotembedsysfont1\\relyonvml0\\donotembedlingdata0\\grfdocevents0\\validatexml1"
        "\\showplaceholdtext0\\ignoremixedcontent0\\saveinvalidxml0\\showxmlerrors1\\noxlattoyen"
        "\\expshrtn\\noultrlspc\\dntblnsbdb\\nospaceforul\\formshade"
        "\\horzdoc\\dgmargin\\dghspace180"
        "\\dgvspace180\\dghorigin1417\\dgvorigin1417\\dghshow1\\dgvshow1\\jexpand\\viewkind1"
        "\\viewscale100\\pgbrdrhead\\pgbrdrfoot\\splytwnine\\ftnlytwnine\\htmautsp\\nolnhtadjtbl"
        "\\useltbaln\\alntblind\\lytcalctblwd\\lyttblrtgr\\lnbrkrule\\nobrkwrptbl\\snaptogridincell"
        "\\allowfieldendsel\\wrppunct\\asianbrkrule\\rsidroot"
        + str(rsids[0])
        + "\\newtblstyruls\\nogrowautofit\\usenormstyforlist\\noindnmbrts\\felnbrelev"
        "\\nocxsptable\\indrlsweleven\\noafcnsttbl\\afelev\\utinl\\hwelev\\spltpgpar"
        "\\notcvasp\\notbrkcnstfrctbl\\notvatxbx\\krnprsnet\\cachedcolbal \\nouicompat \\fet0"
        "{\\*\\wgrffmtfilter 2450}\\nofeaturethrottle1\\ilfomacatclnup0{\\*\\ftnsep \\ltrpar "
        "\\pard\\plain \\ltrpar\\ql \\li0\\ri0\\widctlpar\\wrapdefault\\aspalpha\\aspnum\\faauto"
        "\\adjustright\\rin0\\lin0\\itap0 {\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1 "
        "\\chftnsep \\par }}\n\\ltrpar \\sectd \\ltrsect\\linex0\\headery708\\footery708\\colsx708"
        "\\endnhere\\sectlinegrid360\\sectdefaultcl\\sftnbj {\\header \\ltrpar \\pard\\plain "
        "\\ltrpar\\s15\\ql \\li0\\ri0\\widctlpar\\tqc\\tx4536\\tqr\\tx9072\\wrapdefault\\aspalpha "
        "{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1 Vertrouwelijk: Griet Mertens}"
        "{\\*\\shppict{\\pict{\\*\\picprop\\shplid1025{\\sp{\\sn shapeType}{\\sv 75}}}"
        "\\picscalex100\\picscaley100\\piccropl0\\piccropr0\\piccropt0\\piccropb0\\picw2000"
        "\\pich1000\\picwgoal1134\\pichgoal567\\pngblip\\bliptag-1190373125{\\*\\blipuid "
        "b90c8bfb3d0bb8d3b4d0e3a1f2c7a9d1}"
        + _hex(rng, 60_000)
        + "}}{\\nonshppict{\\pict\\picscalex100\\picscaley100\\picw2000\\pich1000\\wmetafile8 "
        + _hex(rng, 20_000)
        + "}}\\par }{\\footer \\ltrpar \\pard\\plain \\ltrpar\\s16\\qc {\\field{\\*\\fldinst "
        "{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1  PAGE   \\\\* MERGEFORMAT }}{\\fldrslt "
        "{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\lang1024\\noproof\\insrsid1 1}}}\\sectd \\ltrsect"
        "\\linex0\\endnhere\\sectdefaultcl\\sftnbj {\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 "
        "\\insrsid1 \\par }}\n{\\*\\pnseclvl1\\pnucrm\\pnstart1\\pnindent720\\pnhang {\\pntxta .}}"
        "{\\*\\pnseclvl2\\pnucltr\\pnstart1\\pnindent720\\pnhang {\\pntxta .}}\n"
        "\\pard\\plain \\ltrpar\\s1\\ql \\li0\\ri0\\sb240\\keepn\\widctlpar"
        "\\wrapdefault\\outlinelevel0"
        "\\rtlch\\fcs1 \\af31503\\afs32 \\ltrch\\fcs0 \\b\\fs32 {\\rtlch"
        "\\fcs1 \\af31503 \\ltrch\\fcs0 "
        "\\insrsid1 Interview 12: Griet Mertens}{\\rtlch\\fcs1 \\af31503 \\ltrch\\fcs0 \\insrsid1 "
        "\\par }\n"
    )


def _tail(rng: random.Random) -> str:
    return (
        "{\\*\\themedata "
        + _hex(rng, 3_500)
        + "}\n{\\*\\colorschememapping "
        + _hex(rng, 400)
        + "}\n{\\*\\latentstyles\\lsdstimax376\\lsdlockeddef0\\lsdsemihiddendef0"
        "\\lsdunhideuseddef0\\lsdqformatdef0\\lsdprioritydef99{\\lsdlockedexcept "
        + "".join(f"\\lsdpriority{i} \\lsdlocked0 Style Name {i};" for i in range(376))
        + "}}\n{\\*\\datastore "
        + _hex(rng, 1_500)
        + "}}\n"
    )


def _table(rng: random.Random, rsids: list[int], rows: int) -> str:
    out = []
    for i in range(rows):
        speaker = "Interviewer" if i % 2 == 0 else "Respondent"
        row = ROW.replace("{i}", str(i)).replace("{rsid}", str(rng.choice(rsids)))
        out.append(
            row
            + CELL_PARA
            + _run(speaker, rng.choice(rsids), bold=True)
            + CELL_END
            + _speech(rng, rsids)
            + CELL_END
            + CELL_PARA
            + "{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1 "
            + row
            + "\\row }\n"
        )
    return "".join(out)


def word_rtf(megabytes: float = 1.1, seed: int = 1) -> bytes:
    """A Word-like transcript of about `megabytes` (at least its head: about 0.3 MB)."""
    rng = random.Random(seed)
    rsids = sorted(rng.sample(range(1_000_000, 16_000_000), 900))
    parts = [_head(rng, rsids)]
    size = len(parts[0]) + 6_000
    target = int(megabytes * 1_000_000)
    turn, comment = 0, 1
    while size < target:
        if turn % 40 == 20:
            part = _table(rng, rsids, 6)
        else:
            label = "Interviewer:" if turn % 2 == 0 else "Respondent:"
            speech = _speech(rng, rsids)
            if rng.random() < 0.08:
                speech = _comment(rng, comment, speech, reply=rng.random() < 0.3)
                comment += 2
            part = (
                PARA
                + f"{{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\b\\insrsid{rng.choice(rsids)} "
                + f"{label}}}"
                + speech
                + f"{{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid{rng.choice(rsids)} \\par }}\n"
            )
        parts.append(part)
        size += len(part)
        turn += 1
    parts.append(_tail(rng))
    return "".join(parts).encode("ascii")


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the .rtf reader on a Word-like file.")
    parser.add_argument("megabytes", type=float, nargs="?", default=1.1)
    parser.add_argument("--write", type=Path, help="keep the file here")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from lernet_cli.readers import rtf

    data = word_rtf(args.megabytes)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.write or Path(tmp) / "word.rtf"
        path.write_bytes(data)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            doc = rtf.read(path)
            times.append(time.perf_counter() - start)
    print(
        f"{len(data) / 1e6:.2f} MB, {len(doc.paragraphs)} paragraphs, "
        f"{len(doc.annotations)} comments: best {min(times):.3f} s of {args.runs} "
        f"(median {sorted(times)[len(times) // 2]:.3f} s)"
    )


if __name__ == "__main__":
    main()
